/*
 * util.c - messages, option values and the store for the commands.
 */
#include "cli/cli.h"
#include "common/lab_paths.h"
#include "datasets/lab_import.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cli_fail(const struct lab_error *err)
{
  char msg[1024];

  fprintf(stderr, "laborstat: %s\n", lab_error_format(err, msg, sizeof(msg)));
  return CLI_EXIT_FAIL;
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
  va_list ap;

  fputs("laborstat: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  if (cmd)
    fprintf(stderr, "usage: %s\n(see 'laborstat help %s')\n", cmd->usage, cmd->name);
  else
    fputs("(see 'laborstat --help')\n", stderr);
  return CLI_EXIT_USAGE;
}

void cli_print_help(const struct cli_cmd *cmd, FILE *out)
{
  fprintf(out, "usage: %s\n\n%s.\n", cmd->usage, cmd->summary);
  if (cmd->help && cmd->help[0])
    fprintf(out, "\n%s", cmd->help);
  fputs("\nGlobal options (before the command): --db PATH, --format table|csv|json, --quiet.\n"
        "Exit status: 0 success, 1 runtime or data error, 2 usage error.\n",
        out);
}

bool cli_global_option(struct cli_ctx *ctx, int code, const char *arg, int *rc)
{
  *rc = CLI_EXIT_OK;
  switch (code) {
  case CLI_OPT_DB:
    ctx->db_path = arg;
    return true;
  case CLI_OPT_FORMAT:
    if (!cli_parse_format(arg, &ctx->format))
      *rc = cli_usage_error(NULL, "unknown format '%s' (expected table, csv or json)", arg);
    return true;
  case CLI_OPT_QUIET:
    ctx->quiet = true;
    return true;
  default:
    return false;
  }
}

int cli_next_option(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
                    const struct option *opts, int *rc)
{
  int c;

  *rc = CLI_EXIT_OK;
  opterr = 0;
  for (;;) {
    c = getopt_long(argc, argv, "", opts, NULL);
    if (c == -1)
      return -1;
    if (c == '?' || c == ':') {
      *rc = cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
      return -1;
    }
    if (!cli_global_option(ctx, c, optarg, rc))
      return c;
    if (*rc)
      return -1;
  }
}

int cli_only_global_options(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
  static const struct option opts[] = {CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
  int rc = CLI_EXIT_OK;

  /* every option here is global: a code coming back is one the table does not have */
  if (cli_next_option(ctx, cmd, argc, argv, opts, &rc) != -1)
    rc = cli_usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
  return rc;
}

bool cli_parse_format(const char *s, enum cli_format *out)
{
  if (strcmp(s, "table") == 0)
    *out = CLI_TABLE;
  else if (strcmp(s, "csv") == 0)
    *out = CLI_CSV;
  else if (strcmp(s, "json") == 0)
    *out = CLI_JSON;
  else
    return false;
  return true;
}

bool cli_parse_int(const char *s, long lo, long hi, long *out)
{
  char *end = NULL;
  long v;

  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || !end || end == s || *end || v < lo || v > hi)
    return false;
  *out = v;
  return true;
}

static double seconds_since(const struct timespec *t0)
{
  struct timespec t1;

  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

lab_status cli_store(struct cli_ctx *ctx, struct lab_store **out, struct lab_error *err)
{
  struct timespec t0;
  bool loaded = false;
  lab_status st;

  if (ctx->store) {
    *out = ctx->store;
    return LAB_OK;
  }
  free(ctx->store_path); /* from an earlier call whose open failed (report retries per chart) */
  ctx->store_path = NULL;
  st = lab_paths_db(ctx->db_path, &ctx->store_path, err);
  if (st)
    return st;
  st = lab_store_open(ctx->store_path, &ctx->store, &ctx->store_created, err);
  if (st)
    return st;
  /* the core of the embedded snapshot now; the state and projection parts on their first use */
  clock_gettime(CLOCK_MONOTONIC, &t0);
  st = lab_snapshot_ensure(ctx->store, LAB_SNAP_CORE, &loaded, err);
  if (st)
    return st;
  lab_store_auto_snapshot(ctx->store, true);
  if (loaded && !ctx->quiet)
    fprintf(stderr, "laborstat: loaded the embedded BLS snapshot (core) into %s (%.2f s)\n",
            ctx->store_path, seconds_since(&t0));
  *out = ctx->store;
  return LAB_OK;
}

lab_status cli_store_read(struct cli_ctx *ctx, struct lab_store **out, struct lab_error *err)
{
  lab_status st = cli_store(ctx, out, err);

  return st ? st : lab_store_read_begin(*out, err);
}

void cli_ctx_release(struct cli_ctx *ctx)
{
  lab_store_close(ctx->store);
  ctx->store = NULL;
  free(ctx->store_path);
  ctx->store_path = NULL;
}
