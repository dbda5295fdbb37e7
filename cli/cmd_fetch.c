/*
 * cmd_fetch.c - `laborstat fetch SOURCE [options]`: download public data into the cache and
 * import it into the store in the same step.
 *
 * Two builds of this file: in `laborstat-net` (every command, linked with libcurl) it runs the
 * fetch; in `laborstat` (built with LAB_NET_FORWARD, without libcurl, whose 30-odd shared
 * libraries would cost every other command ~6 ms of start-up) it hands the whole command line to
 * the `laborstat-net` beside it - as git does with git-remote-https.
 */
#include "cli/fetch_cmds.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef LAB_NET_FORWARD

/* Replace this process by laborstat-net from the same folder, with the same arguments. */
static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  char self[PATH_MAX], net[PATH_MAX + 16];
  ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  char *slash;

  (void)argc;
  (void)argv;
  if (n <= 0) {
    fprintf(stderr, "laborstat: cannot find where laborstat is installed (/proc/self/exe): %s\n",
            strerror(errno));
    return CLI_EXIT_FAIL;
  }
  self[n] = '\0';
  slash = strrchr(self, '/');
  snprintf(net, sizeof(net), "%.*s/laborstat-net", slash ? (int)(slash - self) : 1,
           slash ? self : ".");
  fflush(NULL);
  ctx->all_argv[0] = net;
  execv(net, ctx->all_argv);
  fprintf(stderr,
          "laborstat: cannot run %s, which carries out `laborstat fetch`: %s (it is built and "
          "installed beside laborstat)\n",
          net, strerror(errno));
  return CLI_EXIT_FAIL;
}

#else

enum {
  O_YEAR = 1,
  O_GEO,
  O_NATIONAL,
  O_STATES,
  O_FROM,
  O_TO,
  O_CACERT,
  O_CHECK,
  O_OFFLINE,
  O_MIRROR
};

static const struct {
  const char *name;
  lab_status (*run)(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err);
  bool need_key;
} subs[] = {
    {"oews", fetch_oews, false},
    {"flatfiles", fetch_flatfiles, false},
    {"projections", fetch_projections, false},
    {"series", fetch_series, true},
    {"deflators", fetch_deflators, false},
};

static int parse(struct cli_ctx *ctx, int argc, char **argv, struct fetch_args *a)
{
  static const struct option opts[] = {
      {"year", required_argument, NULL, O_YEAR},
      {"geo", required_argument, NULL, O_GEO},
      {"national", no_argument, NULL, O_NATIONAL},
      {"states", required_argument, NULL, O_STATES},
      {"from", required_argument, NULL, O_FROM},
      {"to", required_argument, NULL, O_TO},
      {"cacert", required_argument, NULL, O_CACERT},
      {"check", no_argument, NULL, O_CHECK},
      {"offline", no_argument, NULL, O_OFFLINE},
      {"mirror", required_argument, NULL, O_MIRROR},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  int rc = CLI_EXIT_OK;
  long v;
  int c;

  while ((c = cli_next_option(ctx, &cli_cmd_fetch, argc, argv, opts, &rc)) >= 0) {
    if (c == O_YEAR || c == O_FROM || c == O_TO) {
      if (!cli_parse_int(optarg, 1900, 2100, &v))
        return cli_usage_error(&cli_cmd_fetch, "%s needs a year such as 2024, not '%s'",
                               c == O_YEAR   ? "--year"
                               : c == O_FROM ? "--from"
                                             : "--to",
                               optarg);
      *(c == O_YEAR ? &a->year : c == O_FROM ? &a->from : &a->to) = (int)v;
    } else if (c == O_GEO) {
      a->geo = optarg;
    } else if (c == O_NATIONAL) {
      a->national = true;
    } else if (c == O_STATES) {
      a->states = optarg;
    } else if (c == O_CACERT) {
      a->cacert = optarg;
    } else if (c == O_CHECK) {
      a->check = true;
    } else if (c == O_OFFLINE) {
      ctx->offline = true;
    } else if (c == O_MIRROR) {
      ctx->mirror = optarg;
    } else {
      return cli_usage_error(&cli_cmd_fetch, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind < argc)
    a->sub = argv[optind++];
  a->ids = argv + optind;
  a->nids = (size_t)(argc - optind);
  if (a->check ? a->sub != NULL : a->sub == NULL)
    return cli_usage_error(&cli_cmd_fetch, a->check ? "--check takes no source"
                                                    : "name what to fetch: oews, flatfiles, "
                                                      "projections, series or deflators");
  if (a->sub && strcmp(a->sub, "series") == 0 ? a->nids == 0 : a->nids != 0)
    return cli_usage_error(&cli_cmd_fetch,
                           a->nids ? "unexpected argument '%s'" : "name at least one series id%s",
                           a->nids ? a->ids[0] : "");
  if (a->from && a->to && a->from > a->to)
    return cli_usage_error(&cli_cmd_fetch, "--from %d is after --to %d", a->from, a->to);
  return CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct fetch_args a = {0};
  struct fetch_run r;
  struct fetch_cli_opts fo = {0};
  struct lab_error err = {0};
  lab_status (*fn)(struct fetch_run *, const struct fetch_args *, struct lab_error *) = NULL;
  lab_status st;
  int rc = parse(ctx, argc, argv, &a);

  if (rc)
    return rc;
  fn = a.check ? fetch_check : NULL;
  for (size_t i = 0; !fn && i < LAB_ARRAY_SIZE(subs); i++)
    if (strcmp(subs[i].name, a.sub) == 0) {
      fn = subs[i].run;
      fo.need_key = subs[i].need_key;
    }
  if (!fn)
    return cli_usage_error(&cli_cmd_fetch,
                           "unknown source '%s' (expected oews, flatfiles, projections, series or "
                           "deflators)",
                           a.sub);
  fo.cacert = a.cacert;
  st = fetch_run_open(&r, ctx, &fo, &err);
  if (!st)
    st = fn(&r, &a, &err);
  fetch_run_finish(&r, st == LAB_OK);
  fetch_run_close(&r);
  return st ? cli_fail(&err) : CLI_EXIT_OK;
}

#endif

const struct cli_cmd cli_cmd_fetch = {
    .name = "fetch",
    .summary = "download BLS/BEA data into the cache and import it",
    .usage = "laborstat fetch oews|flatfiles|projections|series|deflators [options] | --check",
    .help =
        "Downloads public data, keeps it in the cache ($XDG_CACHE_HOME/laborstat) with a record\n"
        "of each file, and imports it into the store in the same step (one transaction: all or\n"
        "nothing; a failed fetch leaves the store and the cache as they were).\n\n"
        "  oews [--year Y] [--geo national,state,msa,industry,all]\n"
        "                 OEWS May release archives (default: the newest year, national)\n"
        "  flatfiles      the OEWS time-series flat files (download.bls.gov/pub/time.series/oe)\n"
        "  projections [--national] [--states LIST|all]\n"
        "                 BLS national projections (occupation.xlsx) and Projections Central\n"
        "                 state projections (LIST: CA,NV or FIPS 6,32); default: both, all states\n"
        "  series ID... [--from Y] [--to Y]\n"
        "                 BLS Public Data API v2 series (key from BLS_API_KEY or the config's\n"
        "                 api_key: 50 series and 20 years per request, else 25 and 10)\n"
        "  deflators      CPI-U (cu.data.1.AllItems) and BEA regional price parities (SARPP)\n"
        "  --check        ask the servers what changed or is new, download nothing\n\n"
        "  --offline      use the cache only\n"
        "  --mirror URL   fetch https://HOST/PATH from URL/HOST/PATH (or LABORSTAT_MIRROR)\n"
        "  --cacert FILE  trust the CA certificates in FILE as well (verification stays on)\n\n"
        "BLS blocks anonymous robots: set LABORSTAT_CONTACT (an e-mail address or URL, sent in\n"
        "the User-Agent) or `contact = ...` in ~/.config/laborstat/config. Requests to one host\n"
        "are at least pace_ms apart (config, default 1000). A progress bar is drawn when stderr\n"
        "is a terminal (not with --quiet).\n",
    .run = run,
};
