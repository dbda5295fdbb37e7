/*
 * report_build.c - build every chart's gnuplot scripts with the plot kinds' build step, write
 * them beside the charts and the charts' data (the scripts' datablocks) as CSV.
 */
#include "cli/plot.h"
#include "cli/report.h"

#include <getopt.h>
#include <string.h>

static const char *const formats[REPORT_NFORMATS] = {"svg", "png", "pdf"};

/* Where the datablocks of a chart go: data/STEM.csv, then data/STEM-NAME.csv. */
struct data_sink {
  struct report *r;
  struct report_chart *c;
};

static lab_status put_data(void *ctx, const char *name, size_t index, const struct lab_buf *csv,
                           struct lab_error *err)
{
  struct data_sink *d = ctx;
  char path[REPORT_PATH_MAX + 256];

  if (d->c->ncsv == REPORT_MAX_ITEMS)
    return LAB_OK;
  if (index == 0)
    snprintf(d->c->csv[d->c->ncsv], sizeof(d->c->csv[0]), "data/%s.csv", d->c->stem);
  else
    snprintf(d->c->csv[d->c->ncsv], sizeof(d->c->csv[0]), "data/%s-%s.csv", d->c->stem, name);
  snprintf(path, sizeof(path), "%s/%s", d->r->dir, d->c->csv[d->c->ncsv]);
  d->c->ncsv++;
  return report_write_file(path, lab_buf_str(csv), csv->len, err);
}

/* Write each datablock of script as data/STEM[-name].csv. */
static lab_status write_data(struct report *r, struct report_chart *c, const struct lab_buf *script,
                             struct lab_error *err)
{
  struct data_sink d = {r, c};

  return cli_plot_datablocks(script, put_data, &d, err);
}

/* Build one format of chart c into script; the plot kind prints its own errors. */
static int build_one(struct cli_ctx *ctx, const struct report *r, struct report_chart *c,
                     const char *fmt, struct lab_buf *script)
{
  const struct cli_plot_kind *kind = cli_plot_kind_find(c->args[0]);
  char args[REPORT_MAX_ARGS + 2][REPORT_PATH_MAX + 128];
  char *argv[REPORT_MAX_ARGS + 3];
  struct cli_plot_opts po = {0};
  size_t n = 0, len;
  const char *saved = ctx->argv0_cmdline;
  int rc;

  if (!kind || !kind->build) {
    snprintf(c->error, sizeof(c->error), "no chart kind '%s'", c->args[0]);
    return CLI_EXIT_USAGE;
  }
  for (; n < c->nargs; n++)
    snprintf(args[n], sizeof(args[n]), "%s", c->args[n]);
  snprintf(args[n++], sizeof(args[0]), "--out");
  snprintf(args[n++], sizeof(args[0]), "%s/charts/%s.%s", r->dir, c->stem, fmt);
  for (size_t i = 0; i < n; i++)
    argv[i] = args[i];
  argv[n] = NULL;
  /* the caption names the command as typed from inside the report folder */
  len = (size_t)snprintf(c->cmdline, sizeof(c->cmdline), "laborstat plot");
  for (size_t i = 0; i < c->nargs && len < sizeof(c->cmdline); i++) {
    bool plain = strspn(c->args[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789-_.,/=") == strlen(c->args[i]);
    len += (size_t)snprintf(c->cmdline + len, sizeof(c->cmdline) - len, plain ? " %s" : " '%s'",
                            c->args[i]);
  }
  if (len < sizeof(c->cmdline))
    snprintf(c->cmdline + len, sizeof(c->cmdline) - len, " --out charts/%s.%s", c->stem, fmt);
  ctx->argv0_cmdline = c->cmdline;
  optind = 0; /* glibc: full re-initialisation, as main() does before a command */
  rc = kind->build(ctx, (int)n, argv, &po, script);
  ctx->argv0_cmdline = saved;
  if (rc)
    snprintf(c->error, sizeof(c->error), "laborstat plot %s failed (exit %d)", c->args[0], rc);
  return rc;
}

lab_status report_build(struct cli_ctx *ctx, struct report *r, struct lab_buf *scripts,
                        struct lab_error *err)
{
  char path[REPORT_PATH_MAX + 256];
  lab_status st = LAB_OK;

  for (size_t i = 0; i < r->ncharts && !st; i++) {
    struct report_chart *c = &r->charts[i];

    c->ok = true;
    for (int f = 0; f < REPORT_NFORMATS && c->ok && !st; f++) {
      struct lab_buf *script = &scripts[i * REPORT_NFORMATS + (size_t)f];

      if (build_one(ctx, r, c, formats[f], script) != CLI_EXIT_OK) {
        c->ok = false;
        break;
      }
      snprintf(path, sizeof(path), "%s/charts/%s.%s.gp", r->dir, c->stem, formats[f]);
      st = report_write_file(path, lab_buf_str(script), script->len, err);
      if (!st && f == 0)
        st = write_data(r, c, script, err);
    }
    /* the command shown in the report is the SVG one, whose script the HTML embeds */
    if (c->ok) {
      size_t len = strlen(c->cmdline);

      if (len > 4 && strcmp(c->cmdline + len - 4, ".pdf") == 0)
        memcpy(c->cmdline + len - 3, "svg", 3);
    }
  }
  return st;
}
