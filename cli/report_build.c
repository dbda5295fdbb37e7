/*
 * report_build.c - build every chart's gnuplot scripts with the plot kinds' build step, write
 * them beside the charts and the charts' data (the scripts' datablocks) as CSV.
 */
#include "cli/plot.h"
#include "cli/report.h"

#include <getopt.h>
#include <string.h>

static const char *const formats[REPORT_NFORMATS] = {"svg", "png", "pdf"};

/* Append one CSV field (quoted when it holds a comma, quote or newline). */
static lab_status csv_field(struct lab_buf *out, const char *s, size_t len, bool first)
{
  lab_status st = first ? LAB_OK : lab_buf_adds(out, ",");
  bool quote = false;

  for (size_t i = 0; i < len; i++)
    quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!st && quote)
    st = lab_buf_adds(out, "\"");
  for (size_t i = 0; i < len && !st; i++)
    st = s[i] == '"' ? lab_buf_adds(out, "\"\"") : lab_buf_add(out, &s[i], 1);
  if (!st && quote)
    st = lab_buf_adds(out, "\"");
  return st;
}

/* One datablock line (space-separated fields, double-quoted text without quotes inside) as a
 * CSV row. */
static lab_status csv_line(struct lab_buf *out, const char *p, const char *end)
{
  bool first = true;
  lab_status st = LAB_OK;

  while (p < end && !st) {
    const char *q;

    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
    if (p >= end)
      break;
    if (*p == '"') {
      q = memchr(p + 1, '"', (size_t)(end - p - 1));
      if (!q)
        q = end;
      st = csv_field(out, p + 1, (size_t)(q - p - 1), first);
      p = q < end ? q + 1 : end;
    } else {
      q = p;
      while (q < end && *q != ' ' && *q != '\t')
        q++;
      st = csv_field(out, p, (size_t)(q - p), first);
      p = q;
    }
    first = false;
  }
  return st ? st : lab_buf_adds(out, "\n");
}

/* Write each `$name << EOD` datablock of script as data/STEM[-name].csv; its `# ...` comment
 * line is the header. */
static lab_status write_data(struct report *r, struct report_chart *c, const struct lab_buf *script,
                             struct lab_error *err)
{
  const char *p = lab_buf_str(script), *end = p + script->len;
  struct lab_buf csv;
  char path[REPORT_PATH_MAX + 256];
  lab_status st = LAB_OK;

  lab_buf_init(&csv, 16u << 20);
  while (p < end && !st) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    const char *mark;
    char name[48] = "";

    if (!eol)
      eol = end;
    mark = p[0] == '$' ? strstr(p, " << EOD") : NULL;
    if (!mark || mark > eol) {
      p = eol + 1;
      continue;
    }
    snprintf(name, sizeof(name), "%.*s", (int)(mark - p - 1), p + 1);
    lab_buf_reset(&csv);
    for (p = eol + 1; p < end && !st; p = eol + 1) {
      eol = memchr(p, '\n', (size_t)(end - p));
      if (!eol)
        eol = end;
      if ((size_t)(eol - p) == 3 && memcmp(p, "EOD", 3) == 0)
        break;
      if (p[0] == '#')
        st = csv_line(&csv, p + 1, eol);
      else if (eol > p)
        st = csv_line(&csv, p, eol);
    }
    if (st) {
      st = lab_error_set(err, st, "chart data of %s: out of memory", c->stem);
      break;
    }
    if (c->ncsv == REPORT_MAX_ITEMS)
      break;
    if (c->ncsv == 0)
      snprintf(c->csv[c->ncsv], sizeof(c->csv[0]), "data/%s.csv", c->stem);
    else
      snprintf(c->csv[c->ncsv], sizeof(c->csv[0]), "data/%s-%s.csv", c->stem, name);
    snprintf(path, sizeof(path), "%s/%s", r->dir, c->csv[c->ncsv]);
    st = report_write_file(path, lab_buf_str(&csv), csv.len, err);
    c->ncsv++;
    p = eol + 1;
  }
  lab_buf_release(&csv);
  return st;
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
