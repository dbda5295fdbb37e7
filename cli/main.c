/*
 * main.c - laborstat: global options, the command table, help and dispatch.
 */
#include "cli/cli.h"

#ifndef LAB_NET_FORWARD
#include <curl/curl.h>
#endif
#include <getopt.h>
#include <signal.h>
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_cmd *const commands[] = {
    &cli_cmd_cache, &cli_cmd_check,  &cli_cmd_compare, &cli_cmd_datasets,   &cli_cmd_diff,
    &cli_cmd_fetch, &cli_cmd_find,   &cli_cmd_import,  &cli_cmd_plot,       &cli_cmd_project,
    &cli_cmd_rank,  &cli_cmd_report, &cli_cmd_roles,   &cli_cmd_shiftshare, &cli_cmd_stats,
    &cli_cmd_trend, &cli_cmd_wages,
};

static const struct cli_cmd *find_command(const char *name)
{
  for (size_t i = 0; i < LAB_ARRAY_SIZE(commands); i++)
    if (strcmp(commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static void print_main_help(FILE *out)
{
  fputs("usage: laborstat [--db PATH] [--format table|csv|json] [--quiet] COMMAND [ARGS]\n\n"
        "Labor-market statistics from BLS data: OEWS wages by occupation and area,\n"
        "employment projections, price parities. Works offline on an embedded snapshot of\n"
        "real BLS releases; `laborstat import` adds your own files.\n\nCommands:\n",
        out);
  for (size_t i = 0; i < LAB_ARRAY_SIZE(commands); i++)
    fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
  fputs("  help       show the help of a command (laborstat help wages)\n\n"
        "Global options:\n"
        "  --db PATH        the store (default $LABORSTAT_DB, else\n"
        "                   $XDG_DATA_HOME/laborstat/laborstat.db)\n"
        "  --format F       output as table (default), csv or json\n"
        "  --quiet          no progress messages\n"
        "  --offline        never use the network\n"
        "  --mirror URL     fetch https://HOST/PATH from URL/HOST/PATH (or LABORSTAT_MIRROR)\n"
        "  --help, --version\n\n"
        "Exit status: 0 success, 1 runtime or data error, 2 usage error.\n",
        out);
}

static int run_help(int argc, char **argv)
{
  const struct cli_cmd *cmd;

  if (argc < 2) {
    print_main_help(stdout);
    return CLI_EXIT_OK;
  }
  cmd = find_command(argv[1]);
  if (!cmd)
    return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
  cli_print_help(cmd, stdout);
  return CLI_EXIT_OK;
}

static void remember_cmdline(struct cli_ctx *ctx, int argc, char **argv, char *buf, size_t size)
{
  size_t n = 0;

  buf[0] = '\0';
  for (int i = 0; i < argc && n + 1 < size; i++) {
    /* the store's path and --quiet say nothing about how a chart was made */
    if (strcmp(argv[i], "--quiet") == 0 || strncmp(argv[i], "--db=", 5) == 0)
      continue;
    if (strcmp(argv[i], "--db") == 0) {
      i++;
      continue;
    }
    n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " " : "", i == 0 ? "laborstat" : argv[i]);
  }
  ctx->argv0_cmdline = buf;
}

int main(int argc, char **argv)
{
  static const struct option opts[] = {
      {"db", required_argument, NULL, 'd'}, {"format", required_argument, NULL, 'f'},
      {"help", no_argument, NULL, 'h'},     {"mirror", required_argument, NULL, 'm'},
      {"offline", no_argument, NULL, 'o'},  {"quiet", no_argument, NULL, 'q'},
      {"version", no_argument, NULL, 'V'},  {NULL, 0, NULL, 0},
  };
  struct cli_ctx ctx = {.format = CLI_TABLE};
  const struct cli_cmd *cmd;
  char cmdline[1024];
  int rc = CLI_EXIT_OK;
  int c;

  ctx.all_argv = argv;
  gsl_set_error_handler_off();
  lab_store_process_init();
  /* past a file size limit, writes fail with EFBIG and are reported like a full disk, instead of
   * the process being killed with the store or a download half-written */
  signal(SIGXFSZ, SIG_IGN);
#ifndef LAB_NET_FORWARD
  if (curl_global_init(CURL_GLOBAL_ALL) != CURLE_OK) {
    fputs("laborstat: cannot initialise libcurl\n", stderr);
    return CLI_EXIT_FAIL;
  }
#endif
  remember_cmdline(&ctx, argc, argv, cmdline, sizeof(cmdline));
  ctx.mirror = getenv("LABORSTAT_MIRROR");
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
    switch (c) {
    case 'd':
      ctx.db_path = optarg;
      break;
    case 'f':
      if (!cli_parse_format(optarg, &ctx.format)) {
        rc = cli_usage_error(NULL, "unknown format '%s' (expected table, csv or json)", optarg);
        goto out;
      }
      break;
    case 'h':
      print_main_help(stdout);
      goto out;
    case 'm':
      ctx.mirror = optarg;
      break;
    case 'o':
      ctx.offline = true;
      break;
    case 'q':
      ctx.quiet = true;
      break;
    case 'V':
      printf("laborstat %s\n", LAB_VERSION);
      goto out;
    default:
      rc = cli_usage_error(NULL, "unknown or incomplete option '%s'", argv[optind - 1]);
      goto out;
    }
  }
  if (optind >= argc) {
    print_main_help(stderr);
    rc = CLI_EXIT_USAGE;
    goto out;
  }
  if (strcmp(argv[optind], "help") == 0) {
    rc = run_help(argc - optind, argv + optind);
    goto out;
  }
  cmd = find_command(argv[optind]);
  if (!cmd) {
    rc = cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
    goto out;
  }
  for (int i = optind + 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0)
      break;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      cli_print_help(cmd, stdout);
      goto out;
    }
  }
  {
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0; /* glibc: full re-initialisation for the command's own options */
    rc = cmd->run(&ctx, sub_argc, sub_argv);
  }
out:
  cli_ctx_release(&ctx);
#ifndef LAB_NET_FORWARD
  curl_global_cleanup();
#endif
  return rc;
}
