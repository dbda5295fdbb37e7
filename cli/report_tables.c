/*
 * report_tables.c - the report's tables (claims check, top states, data provenance) written as
 * CSV by the commands' own CSV output, and the small file, CSV and HTML helpers of the report.
 */
#include "cli/report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

lab_status report_html_escape(struct lab_buf *out, const char *text)
{
  lab_status st = LAB_OK;

  for (const char *p = text ? text : ""; *p && !st; p++) {
    unsigned char c = (unsigned char)*p;

    if (c == '&')
      st = lab_buf_adds(out, "&amp;");
    else if (c == '<')
      st = lab_buf_adds(out, "&lt;");
    else if (c == '>')
      st = lab_buf_adds(out, "&gt;");
    else if (c == '"')
      st = lab_buf_adds(out, "&quot;");
    else if (c == '\'')
      st = lab_buf_adds(out, "&#39;");
    else if (c < 0x20 || c == 0x7f)
      st = lab_buf_adds(out, " ");
    else
      st = lab_buf_add(out, p, 1);
  }
  return st;
}

lab_status report_read_file(const char *path, struct lab_buf *out, struct lab_error *err)
{
  FILE *f = fopen(path, "rb");
  char chunk[65536];
  size_t n;
  lab_status st = LAB_OK;

  if (!f)
    return lab_error_set(err, errno == ENOENT ? LAB_ERR_NOTFOUND : LAB_ERR_IO,
                         "cannot read '%s': %s", path, strerror(errno));
  while (!st && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    st = lab_buf_add(out, chunk, n);
  if (st)
    lab_error_set(err, st, "'%s' is too large", path);
  else if (ferror(f))
    st = lab_error_set(err, LAB_ERR_IO, "cannot read '%s'", path);
  fclose(f);
  return st;
}

lab_status report_write_file(const char *path, const char *data, size_t len, struct lab_error *err)
{
  FILE *f = fopen(path, "wb");
  lab_status st = LAB_OK;

  if (!f)
    return lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  if (fwrite(data, 1, len, f) != len)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s'", path);
  if (fclose(f) != 0 && !st)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  return st;
}

void report_csv_free(struct report_csv *csv)
{
  free(csv->cell);
  free(csv->store);
  memset(csv, 0, sizeof(*csv));
}

lab_status report_csv_read(const char *path, struct report_csv *csv, struct lab_error *err)
{
  struct lab_buf text;
  size_t cap = 0, ncells = 0, col = 0;
  char *w, *p, *end;
  lab_status st;

  memset(csv, 0, sizeof(*csv));
  lab_buf_init(&text, 64u << 20);
  st = report_read_file(path, &text, err);
  if (st) {
    lab_buf_release(&text);
    return st;
  }
  if (text.len == 0 || lab_buf_str(&text)[text.len - 1] != '\n')
    st = lab_buf_adds(&text, "\n");
  csv->store = lab_buf_detach(&text);
  if (st || !csv->store) {
    free(csv->store);
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  p = w = csv->store;
  end = p + strlen(p);
  while (p < end) {
    char *start = w;
    bool eol;

    if (*p == '"') { /* quoted field, "" inside is one quote; cells are rewritten in place */
      for (p++; p < end; p++) {
        if (*p == '"' && p[1] == '"')
          *w++ = *p++;
        else if (*p == '"')
          break;
        else
          *w++ = *p;
      }
      p++;
    }
    while (p < end && *p != ',' && *p != '\n' && *p != '\r')
      *w++ = *p++;
    eol = p >= end || *p == '\n' || *p == '\r';
    if (p < end && *p == '\r')
      p++;
    p++;
    *w++ = '\0';
    if (ncells == cap) {
      char **grown = realloc(csv->cell, (cap ? cap * 2 : 256) * sizeof(*grown));
      if (!grown) {
        report_csv_free(csv);
        return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      }
      csv->cell = grown;
      cap = cap ? cap * 2 : 256;
    }
    csv->cell[ncells++] = start;
    col++;
    if (eol) {
      if (csv->rows == 0)
        csv->cols = col;
      else if (col != csv->cols) {
        report_csv_free(csv);
        return lab_error_set(err, LAB_ERR_PARSE, "%s: row %zu has %zu fields, not %zu", path,
                             ncells / (csv->cols ? csv->cols : 1) + 1, col, csv->cols);
      }
      csv->rows++;
      col = 0;
      if (p < end && *p == '\n')
        p++;
    }
  }
  return LAB_OK;
}

/* Run a command with --format csv, its standard output into path. */
static lab_status capture(struct cli_ctx *ctx, const struct cli_cmd *cmd, char **argv, int argc,
                          const char *path, struct lab_error *err)
{
  enum cli_format saved_format = ctx->format;
  int fd, saved;
  int rc;

  fflush(stdout);
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  saved = dup(STDOUT_FILENO);
  if (saved < 0 || dup2(fd, STDOUT_FILENO) < 0) {
    close(fd);
    if (saved >= 0)
      close(saved);
    return lab_error_set(err, LAB_ERR_IO, "cannot redirect the output: %s", strerror(errno));
  }
  close(fd);
  optind = 0;
  rc = cmd->run(ctx, argc, argv);
  fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  ctx->format = saved_format;
  if (rc)
    return lab_error_set(err, LAB_ERR_EXTERNAL, "laborstat %s failed (exit %d)", cmd->name, rc);
  return LAB_OK;
}

static struct report_table *add_table(struct report *r, enum report_section s, const char *csv,
                                      const char *heading)
{
  struct report_table *t;

  if (r->ntables == REPORT_MAX_TABLES)
    return NULL;
  t = &r->tables[r->ntables++];
  memset(t, 0, sizeof(*t));
  t->section = s;
  snprintf(t->csv, sizeof(t->csv), "%s", csv);
  snprintf(t->heading, sizeof(t->heading), "%s", heading);
  return t;
}

static lab_status claims_table(struct cli_ctx *ctx, struct report *r, struct lab_error *err)
{
  const struct lab_claims_embedded_file *files;
  size_t n = lab_claims_embedded_files(&files);
  char in[REPORT_PATH_MAX + 64], out[REPORT_PATH_MAX + 64];
  char a0[] = "check", a1[] = "--format", a2[] = "csv";
  char *argv[] = {a0, a1, a2, in, NULL};
  struct report_table *t;
  lab_status st;

  for (size_t i = 0; i < n; i++) {
    if (strcmp(files[i].name, "seed-articles.csv") != 0)
      continue;
    snprintf(in, sizeof(in), "%s/data/seed-articles.csv", r->dir);
    snprintf(out, sizeof(out), "%s/data/claims.csv", r->dir);
    st = report_write_file(in, files[i].data, files[i].len, err);
    if (!st)
      st = capture(ctx, &cli_cmd_check, argv, 4, out, err);
    if (st)
      return st;
    t = add_table(r, REPORT_S_CLAIMS, "data/claims.csv",
                  "The claims of the seed articles against the data");
    if (t)
      snprintf(t->note, sizeof(t->note),
               "Claims: datasets/claims/seed-articles.csv (embedded in the binary, copied to "
               "data/seed-articles.csv). Table: `laborstat --format csv check "
               "data/seed-articles.csv`; the 'from' column names the releases and SOC codes "
               "each verdict used.");
    return LAB_OK;
  }
  return lab_error_set(err, LAB_ERR_NOTFOUND, "no embedded claims file seed-articles.csv");
}

/* A clean table of a comparison chart's data: rank, state, wage. */
static lab_status compare_table(struct report *r, const struct report_chart *c,
                                struct lab_error *err)
{
  struct report_csv in;
  struct lab_buf out;
  char path[REPORT_PATH_MAX + 256], rel[160], heading[320];
  struct report_table *t;
  lab_status st;

  snprintf(path, sizeof(path), "%s/%s", r->dir, c->csv[0]);
  st = report_csv_read(path, &in, err);
  if (st)
    return st;
  lab_buf_init(&out, 1u << 20);
  st = lab_buf_adds(&out, "rank,state,annual_wage_usd\n");
  for (size_t i = 1; i < in.rows && in.cols >= 4 && !st; i++) {
    char **row = in.cell + i * in.cols;
    st = lab_buf_addf(&out, "%s,\"%s%s%s\",%.0f\n", row[0], row[1], row[2][0] ? " " : "", row[2],
                      strtod(row[3], NULL));
  }
  snprintf(rel, sizeof(rel), "data/%s-table.csv", c->stem);
  snprintf(path, sizeof(path), "%s/%s", r->dir, rel);
  if (!st)
    st = report_write_file(path, lab_buf_str(&out), out.len, err);
  else
    st = lab_error_set(err, st, "out of memory");
  snprintf(heading, sizeof(heading), "Table: %s", c->heading);
  t = st ? NULL : add_table(r, REPORT_S_COMPARE, rel, heading);
  if (t)
    snprintf(t->note, sizeof(t->note), "From the chart's data (%s), made with: %s", c->csv[0],
             c->cmdline);
  lab_buf_release(&out);
  report_csv_free(&in);
  return st;
}

lab_status report_tables_make(struct cli_ctx *ctx, struct report *r, struct lab_error *err)
{
  char out[REPORT_PATH_MAX + 64];
  char a0[] = "datasets", a1[] = "--format", a2[] = "csv";
  char *argv[] = {a0, a1, a2, NULL};
  struct report_table *t;
  lab_status st = LAB_OK;

  r->ntables = 0;
  for (size_t i = 0; i < r->ncharts && !st; i++)
    if (r->charts[i].section == REPORT_S_COMPARE && r->charts[i].ok && r->charts[i].ncsv > 0)
      st = compare_table(r, &r->charts[i], err);
  if (!st && r->spec.section[REPORT_S_CLAIMS])
    st = claims_table(ctx, r, err);
  if (st)
    return st;
  snprintf(out, sizeof(out), "%s/data/datasets.csv", r->dir);
  st = capture(ctx, &cli_cmd_datasets, argv, 3, out, err);
  t = st ? NULL
         : add_table(r, REPORT_S_CAVEATS, "data/datasets.csv",
                     "Provenance: the datasets in the store");
  if (t)
    snprintf(t->note, sizeof(t->note),
             "Every figure of this report comes from these datasets: source, scope, release "
             "(vintage), SOC edition, rows, and whether the embedded snapshot or an import "
             "loaded them (origin). Table: `laborstat --format csv datasets`.");
  return st;
}
