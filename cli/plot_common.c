/*
 * plot_common.c - options and the last step shared by the chart kinds.
 */
#include "cli/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

const char *cli_plot_format(const char *path)
{
  const char *dot = strrchr(path, '.');

  if (!dot)
    return NULL;
  if (strcasecmp(dot, ".png") == 0)
    return "png";
  if (strcasecmp(dot, ".svg") == 0)
    return "svg";
  if (strcasecmp(dot, ".pdf") == 0)
    return "pdf";
  return NULL;
}

bool cli_plot_option(struct cli_plot_opts *po, int code, const char *arg, int *rc)
{
  long v = 0, w = 0, h = 0;
  char size[32];
  char *x;

  *rc = CLI_EXIT_OK;
  switch (code) {
  case CLI_PLOT_OPT_AREA:
    po->area = arg;
    return true;
  case CLI_PLOT_OPT_FONT:
    po->font = arg;
    return true;
  case CLI_PLOT_OPT_FORCE:
    po->force = true;
    return true;
  case CLI_PLOT_OPT_OUT:
    po->out = arg;
    return true;
  case CLI_PLOT_OPT_SIZE:
    snprintf(size, sizeof(size), "%s", arg);
    x = strchr(size, 'x');
    if (x)
      *x = '\0';
    if (!x || !cli_parse_int(size, 200, 10000, &w) || !cli_parse_int(x + 1, 200, 10000, &h))
      *rc = cli_usage_error(&cli_cmd_plot, "--size needs WIDTHxHEIGHT, 200 to 10000 pixels");
    po->width = (int)w;
    po->height = (int)h;
    return true;
  case CLI_PLOT_OPT_YEAR:
    if (!cli_parse_int(arg, 1997, 2100, &v))
      *rc = cli_usage_error(&cli_cmd_plot, "--year needs a May year such as 2023");
    po->year = (int)v;
    return true;
  default:
    return false;
  }
}

int cli_plot_check_out(const struct cli_plot_opts *po)
{
  char gp[1024];

  if (!po->out || !cli_plot_format(po->out))
    return cli_usage_error(&cli_cmd_plot, "--out FILE.png, FILE.svg or FILE.pdf is required");
  snprintf(gp, sizeof(gp), "%s.gp", po->out);
  if (!po->force && (access(po->out, F_OK) == 0 || access(gp, F_OK) == 0)) {
    fprintf(stderr, "laborstat: %s already exists: pass --force to overwrite it\n",
            access(po->out, F_OK) == 0 ? po->out : gp);
    return CLI_EXIT_FAIL;
  }
  return CLI_EXIT_OK;
}

void cli_plot_fill(struct lab_plot_opts *o, const struct cli_plot_opts *po, const char *title,
                   const char *caption)
{
  memset(o, 0, sizeof(*o));
  o->title = title;
  o->caption = caption;
  o->format = cli_plot_format(po->out);
  o->output = po->out;
  o->width = po->width;
  o->height = po->height;
  o->font = po->font;
}

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

lab_status cli_plot_datablocks(const struct lab_buf *script, cli_plot_data_cb cb, void *ctx,
                               struct lab_error *err)
{
  const char *p = lab_buf_str(script), *end = p + script->len;
  struct lab_buf csv;
  size_t index = 0;
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
      st = lab_error_set(err, st, "chart data: out of memory");
      break;
    }
    st = cb(ctx, name, index++, &csv, err);
    p = eol + 1;
  }
  lab_buf_release(&csv);
  return st;
}

/* Beside the chart: FILE.csv for the first datablock, FILE-NAME.csv for the others. */
static lab_status put_beside(void *ctx, const char *name, size_t index, const struct lab_buf *csv,
                             struct lab_error *err)
{
  const char *out = ctx;
  char path[1024];
  FILE *f;
  lab_status st = LAB_OK;

  if (index == 0)
    snprintf(path, sizeof(path), "%s.csv", out);
  else
    snprintf(path, sizeof(path), "%s-%s.csv", out, name);
  f = fopen(path, "w");
  if (!f)
    return lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  if (fwrite(lab_buf_str(csv), 1, csv->len, f) != csv->len)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s'", path);
  if (fclose(f) != 0 && !st)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  return st;
}

/* Write the script to FILE.gp beside the chart. */
static lab_status write_script(const char *out, const struct lab_buf *script, char *path,
                               size_t size, struct lab_error *err)
{
  FILE *f;
  lab_status st = LAB_OK;

  snprintf(path, size, "%s.gp", out);
  f = fopen(path, "w");
  if (!f)
    return lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  if (fwrite(lab_buf_str(script), 1, script->len, f) != script->len)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s'", path);
  if (fclose(f) != 0 && !st)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  return st;
}

int cli_plot_finish(struct cli_ctx *ctx, const struct cli_plot_opts *po,
                    const struct lab_buf *script)
{
  struct lab_error err = {0};
  char gp[1024];
  lab_status st = write_script(po->out, script, gp, sizeof(gp), &err);

  if (!st)
    st = cli_plot_datablocks(script, put_beside, (void *)po->out, &err);
  if (!st)
    st = lab_plot_render(lab_buf_str(script), script->len, NULL, po->out, &err);
  if (st)
    return cli_fail(&err);
  if (!ctx->quiet)
    fprintf(stderr, "laborstat: wrote %s (gnuplot script: %s; data: %s.csv)\n", po->out, gp,
            po->out);
  return CLI_EXIT_OK;
}

int cli_plot_run(struct cli_ctx *ctx, const struct cli_plot_kind *kind, int argc, char **argv)
{
  struct cli_plot_opts po = {0};
  struct lab_buf script;
  int rc;

  lab_buf_init(&script, CLI_PLOT_SCRIPT_MAX);
  rc = kind->build(ctx, argc, argv, &po, &script);
  if (!rc)
    rc = cli_plot_finish(ctx, &po, &script);
  lab_buf_release(&script);
  return rc;
}
