/*
 * cmd_stats.c - `laborstat stats summary|regress FILE.csv`: statistics on the user's own data.
 *
 * The file is read with the project's CSV reader (lab_csv_read) through a sink that collects the
 * columns it needs as doubles. A cell counts as missing when it is empty or one of NA, N/A,
 * NaN, null, '-' or '.' (any case); a number is what lab_num_parse accepts (thousands
 * separators allowed). `summary` skips and counts missing and non-numeric cells; `regress`
 * refuses them with FILE:LINE:COLUMN, so no row is dropped silently.
 */
#include "analyzer/lab_regress.h"
#include "cli/cli.h"
#include "common/lab_file.h"
#include "common/lab_num.h"
#include "datasets/lab_table.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define STATS_MAX_BYTES ((size_t)1 << 30) /* the same cap as `laborstat import` */
#define STATS_MAX_DEGREE 20
#define STATS_MAX_X 64

/* ------------------------------------------------------------------------ reading the file */

/* One column the sink collects. */
struct column {
  char *name;     /* header text (owned) */
  size_t field;   /* 0-based field index in each row */
  double *v;      /* the numbers, in file order (owned) */
  size_t n, cap;  /* numbers collected */
  size_t missing; /* empty / NA cells */
  size_t text;    /* cells that are neither numbers nor missing */
};

/* The sink: which columns to take, and what it collected. */
struct collect {
  const char *file;
  const char *const *want; /* names to take; NULL = every column */
  size_t nwant;
  bool strict;        /* a missing or non-numeric cell is an error (regress) */
  struct column *col; /* ncol entries (owned) */
  size_t ncol;
  size_t nheader; /* fields in the header */
  size_t rows;
};

static void collect_release(struct collect *c)
{
  for (size_t i = 0; i < c->ncol; i++) {
    free(c->col[i].name);
    free(c->col[i].v);
  }
  free(c->col);
  c->col = NULL;
  c->ncol = 0;
}

static void trim(const char **s, size_t *n)
{
  while (*n > 0 && (**s == ' ' || **s == '\t')) {
    (*s)++;
    (*n)--;
  }
  while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
    (*n)--;
}

static bool is_missing(const char *s, size_t n)
{
  static const char *const tokens[] = {"NA", "N/A", "NaN", "null", "-", "."};

  trim(&s, &n);
  if (n == 0)
    return true;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(tokens); i++)
    if (strlen(tokens[i]) == n && strncasecmp(tokens[i], s, n) == 0)
      return true;
  return false;
}

/* Header field index of `name`: an exact match (blanks trimmed) first, else a case-insensitive
 * one. */
static bool find_field(const struct lab_row *h, const char *name, size_t *idx)
{
  size_t want = strlen(name);

  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < h->n; i++) {
      const char *s = h->field[i];
      size_t n = h->len[i];
      trim(&s, &n);
      if (n == want && (pass == 0 ? strncmp(s, name, n) : strncasecmp(s, name, n)) == 0) {
        *idx = i;
        return true;
      }
    }
  }
  return false;
}

static lab_status add_column(struct collect *c, const char *name, size_t len, size_t field,
                             struct lab_error *err)
{
  struct column *col = &c->col[c->ncol];

  col->name = strndup(name, len);
  if (!col->name)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  col->field = field;
  c->ncol++;
  return LAB_OK;
}

static lab_status sink_begin(void *ctx, const struct lab_table_meta *meta,
                             const struct lab_row *header, struct lab_error *err)
{
  struct collect *c = ctx;
  size_t want = c->want ? c->nwant : header->n;
  lab_status st;

  (void)meta;
  c->nheader = header->n;
  c->col = calloc(want, sizeof(*c->col));
  if (!c->col)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < want; i++) {
    size_t idx = i;
    if (c->want && !find_field(header, c->want[i], &idx)) {
      char names[400] = "";
      size_t used = 0;
      for (size_t k = 0; k < header->n && used + 1 < sizeof(names); k++)
        used += (size_t)snprintf(names + used, sizeof(names) - used, "%s'%s'", k ? ", " : "",
                                 header->field[k]);
      return lab_error_set_at(err, LAB_ERR_NOTFOUND, c->file, header->line, 1,
                              "no column '%s' in the header (it has %s)", c->want[i], names);
    }
    st = add_column(c, header->field[idx], header->len[idx], idx, err);
    if (st)
      return st;
  }
  return LAB_OK;
}

static lab_status push(struct column *col, double v, struct lab_error *err)
{
  if (col->n == col->cap) {
    size_t cap = col->cap ? col->cap * 2 : 256;
    double *p = realloc(col->v, cap * sizeof(*p));
    if (!p)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory for column '%s'", col->name);
    col->v = p;
    col->cap = cap;
  }
  col->v[col->n++] = v;
  return LAB_OK;
}

static lab_status sink_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct collect *c = ctx;

  if (row->n != c->nheader) {
    size_t at = row->n < c->nheader ? row->n - 1 : c->nheader;
    return lab_error_set_at(err, LAB_ERR_PARSE, c->file, row->line, row->column[at],
                            "this row has %zu fields but the header has %zu", row->n, c->nheader);
  }
  c->rows++;
  for (size_t i = 0; i < c->ncol; i++) {
    struct column *col = &c->col[i];
    const char *s = row->field[col->field];
    size_t n = row->len[col->field];
    double v;
    lab_status st;
    if (lab_num_parse(s, n, true, &v) == LAB_OK) {
      st = push(col, v, err);
      if (st)
        return st;
      continue;
    }
    if (c->strict)
      return lab_error_set_at(err, LAB_ERR_PARSE, c->file, row->line, row->column[col->field],
                              is_missing(s, n) ? "missing value in column '%s' ('%s')"
                                               : "expected a number in column '%s', got '%s'",
                              col->name, s);
    if (is_missing(s, n))
      col->missing++;
    else
      col->text++;
  }
  return LAB_OK;
}

static lab_status sink_end(void *ctx, struct lab_error *err)
{
  (void)ctx;
  (void)err;
  return LAB_OK;
}

/* Read `path` and collect the named columns (all columns when want == NULL). */
static lab_status collect_file(const char *path, const char *const *want, size_t nwant, bool strict,
                               struct collect *c, struct lab_error *err)
{
  struct lab_sink sink = {.ctx = c, .begin = sink_begin, .row = sink_row, .end = sink_end};
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  *c = (struct collect){.file = path, .want = want, .nwant = nwant, .strict = strict};
  st = lab_file_read(path, STATS_MAX_BYTES, &data, &len, err);
  if (!st)
    st = lab_csv_read(data, len, path, &sink, err);
  free(data);
  return st;
}

/* ------------------------------------------------------------------------------- numbers */

/* A number for output: round-trip text for CSV and JSON, 10 significant digits for the text
 * table; "" (JSON null) when it is not finite. */
static void num_text(double v, bool table, char *out, size_t size)
{
  if (!isfinite(v))
    snprintf(out, size, "%s", "");
  else if (table)
    snprintf(out, size, "%.10g", v);
  else
    lab_num_format(v, out, size);
}

/* ------------------------------------------------------------------------------- summary */

enum {
  S_COLUMN,
  S_N,
  S_SKIPPED,
  S_MEAN,
  S_SD,
  S_MIN,
  S_P10,
  S_P25,
  S_MEDIAN,
  S_P75,
  S_P90,
  S_MAX,
  S_LAG1,
  S_NCOLS
};

static const char *const summary_names[S_NCOLS] = {"column",
                                                   "n",
                                                   "skipped",
                                                   "mean",
                                                   "sd",
                                                   "min",
                                                   "p10",
                                                   "p25",
                                                   "median",
                                                   "p75",
                                                   "p90",
                                                   "max",
                                                   "lag1_autocorrelation"};

/* Cells of one summary row; texts live in buf (S_NCOLS * 32 bytes). */
static void summary_cells(const struct column *col, const struct lab_summary *s, bool table,
                          char (*buf)[32], const char **cells)
{
  const double v[S_NCOLS] = {
      [S_MEAN] = s->mean, [S_SD] = s->sd,         [S_MIN] = s->min, [S_P10] = s->p10,
      [S_P25] = s->p25,   [S_MEDIAN] = s->median, [S_P75] = s->p75, [S_P90] = s->p90,
      [S_MAX] = s->max,   [S_LAG1] = s->lag1};

  cells[S_COLUMN] = col->name;
  snprintf(buf[S_N], 32, "%zu", s->n);
  snprintf(buf[S_SKIPPED], 32, "%zu", col->missing + col->text);
  cells[S_N] = buf[S_N];
  cells[S_SKIPPED] = buf[S_SKIPPED];
  for (int k = S_MEAN; k < S_NCOLS; k++) {
    num_text(v[k], table, buf[k], 32);
    cells[k] = table && !buf[k][0] ? "n/a" : buf[k];
  }
}

static int print_summary(struct cli_ctx *ctx, const struct collect *c,
                         const struct lab_summary *sums, const bool *use)
{
  bool numeric[S_NCOLS];
  struct cli_table *t = NULL;
  char buf[S_NCOLS][32];
  const char *cells[S_NCOLS];
  int rc = CLI_EXIT_OK;

  for (int k = 0; k < S_NCOLS; k++)
    numeric[k] = k != S_COLUMN;
  if (ctx->format != CLI_TABLE) {
    t = cli_table_new(S_NCOLS, summary_names, numeric);
    for (size_t i = 0; t && i < c->ncol; i++) {
      if (!use[i])
        continue;
      summary_cells(&c->col[i], &sums[i], false, buf, cells);
      if (!cli_table_add(t, cells))
        goto nomem;
    }
    if (!t)
      goto nomem;
    cli_table_print(t, ctx->format, NULL, stdout);
    goto out;
  }
  /* text: one row per statistic, one column per data column */
  {
    size_t ncols = 1;
    const char **names = calloc(c->ncol + 1, sizeof(*names));
    bool *num = calloc(c->ncol + 1, sizeof(*num));
    char(*all)[S_NCOLS][32] = calloc(c->ncol, sizeof(*all));
    const char **row = calloc(c->ncol + 1, sizeof(*row));
    if (!names || !num || !all || !row) {
      free(names);
      free(num);
      free(all);
      free(row);
      goto nomem;
    }
    names[0] = "statistic";
    for (size_t i = 0; i < c->ncol; i++) {
      if (!use[i])
        continue;
      names[ncols] = c->col[i].name;
      num[ncols] = true;
      ncols++;
    }
    t = cli_table_new(ncols, names, num);
    for (int k = S_N; t && k < S_NCOLS; k++) {
      size_t at = 1;
      row[0] = summary_names[k];
      for (size_t i = 0; i < c->ncol; i++) {
        const char *cc[S_NCOLS];
        if (!use[i])
          continue;
        summary_cells(&c->col[i], &sums[i], true, all[i], cc);
        row[at++] = cc[k];
      }
      if (!cli_table_add(t, row))
        break;
    }
    if (t)
      cli_table_print(t, CLI_TABLE, NULL, stdout);
    free(names);
    free(num);
    free(all);
    free(row);
    if (!t)
      goto nomem;
  }
  printf("Quantiles: GSL gsl_stats_quantile_from_sorted_data (linear interpolation between order\n"
         "statistics, Hyndman-Fan type 7). 'skipped': empty, NA or non-numeric cells, left out;\n"
         "lag1_autocorrelation is taken over the remaining values in file order.\n");
  goto out;
nomem:
  rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
out:
  cli_table_free(t);
  return rc;
}

static int run_summary(struct cli_ctx *ctx, const char *path, const char *column)
{
  struct collect c = {0};
  struct lab_summary *sums = NULL;
  bool *use = NULL;
  struct lab_error err = {0};
  size_t nused = 0;
  lab_status st;
  int rc = CLI_EXIT_OK;

  st = collect_file(path, column ? &column : NULL, column ? 1 : 0, false, &c, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  sums = calloc(c.ncol ? c.ncol : 1, sizeof(*sums));
  use = calloc(c.ncol ? c.ncol : 1, sizeof(*use));
  if (!sums || !use) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  for (size_t i = 0; i < c.ncol; i++) {
    const struct column *col = &c.col[i];
    /* without --column: a column is numeric when it has a number and no more text than
     * numbers */
    use[i] = col->n > 0 && (column || col->text <= col->n);
    if (!use[i])
      continue;
    st = lab_an_summary(col->v, col->n, &sums[i], &err);
    if (st) {
      rc = cli_fail(&err);
      goto out;
    }
    nused++;
  }
  if (nused == 0) {
    if (column)
      lab_error_set(&err, LAB_ERR_DOMAIN, "%s: column '%s' holds no numbers (%zu rows)", path,
                    column, c.rows);
    else
      lab_error_set(&err, LAB_ERR_DOMAIN, "%s: no numeric column (%zu rows)", path, c.rows);
    rc = cli_fail(&err);
    goto out;
  }
  rc = print_summary(ctx, &c, sums, use);
out:
  free(sums);
  free(use);
  collect_release(&c);
  return rc;
}

/* ----------------------------------------------------------------------------- regression */

struct regress_args {
  const char *y;
  char *xlist; /* --x value, split in place into x[] */
  const char *x[STATS_MAX_X];
  size_t nx;
  long degree;
  bool intercept;
};

/* Term names: intercept, then the predictors or x, x^2, ... (texts in buf, 160 bytes each). */
static void term_names(const struct regress_args *a, const struct lab_regress *r, char (*buf)[160],
                       const char **names)
{
  size_t j = 0;

  if (a->intercept)
    names[j++] = "intercept";
  for (size_t t = 1; j < r->p; t++, j++) {
    if (a->degree > 1 && t > 1)
      snprintf(buf[j], 160, "%s^%zu", a->x[0], t);
    else
      snprintf(buf[j], 160, "%s", a->degree > 1 ? a->x[0] : a->x[t - 1]);
    names[j] = buf[j];
  }
}

static void add_number(cJSON *o, const char *key, double v)
{
  if (isfinite(v))
    cJSON_AddNumberToObject(o, key, v);
  else
    cJSON_AddNullToObject(o, key);
}

static void print_regress_json(const struct regress_args *a, const struct lab_regress *r,
                               const char *const *terms)
{
  cJSON *arr = cJSON_CreateArray();
  cJSON *o = cJSON_CreateObject();
  cJSON *coefs = cJSON_CreateArray();
  char *text;

  cJSON_AddStringToObject(o, "response", a->y);
  cJSON_AddBoolToObject(o, "intercept", a->intercept);
  cJSON_AddNumberToObject(o, "degree", (double)a->degree);
  for (size_t j = 0; j < r->p; j++) {
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "term", terms[j]);
    add_number(c, "estimate", r->coef[j].estimate);
    add_number(c, "std_error", r->coef[j].std_error);
    add_number(c, "t", r->coef[j].t);
    add_number(c, "p", r->coef[j].p);
    cJSON_AddItemToArray(coefs, c);
  }
  cJSON_AddItemToObject(o, "coefficients", coefs);
  add_number(o, "residual_sd", r->residual_sd);
  add_number(o, "r_squared", r->r_squared);
  cJSON_AddStringToObject(o, "r_squared_kind", r->uncentred ? "uncentred" : "centred");
  add_number(o, "adj_r_squared", r->adj_r_squared);
  cJSON_AddNumberToObject(o, "n", (double)r->n);
  cJSON_AddNumberToObject(o, "df", (double)r->df);
  cJSON_AddItemToArray(arr, o);
  text = cJSON_Print(arr);
  if (text)
    printf("%s\n", text);
  free(text);
  cJSON_Delete(arr);
}

enum { R_TERM, R_EST, R_SE, R_T, R_P, R_RSD, R_R2, R_KIND, R_ADJ, R_N, R_DF, R_NCOLS };

static int print_regress(struct cli_ctx *ctx, const struct regress_args *a,
                         const struct lab_regress *r)
{
  static const char *const names[R_NCOLS] = {
      "term",      "estimate",       "std_error",     "t", "p", "residual_sd",
      "r_squared", "r_squared_kind", "adj_r_squared", "n", "df"};
  bool numeric[R_NCOLS];
  bool table = ctx->format == CLI_TABLE;
  char(*tbuf)[160] = calloc(r->p, sizeof(*tbuf));
  const char **terms = calloc(r->p, sizeof(*terms));
  struct cli_table *t = NULL;
  int rc = CLI_EXIT_OK;

  if (!tbuf || !terms) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  term_names(a, r, tbuf, terms);
  if (ctx->format == CLI_JSON) {
    print_regress_json(a, r, terms);
    goto out;
  }
  for (int k = 0; k < R_NCOLS; k++)
    numeric[k] = k != R_TERM && k != R_KIND;
  t = cli_table_new(table ? 5 : R_NCOLS, names, numeric);
  for (size_t j = 0; t && j < r->p; j++) {
    char buf[R_NCOLS][40];
    const char *cells[R_NCOLS];
    const double v[R_NCOLS] = {
        [R_EST] = r->coef[j].estimate, [R_SE] = r->coef[j].std_error, [R_T] = r->coef[j].t,
        [R_P] = r->coef[j].p,          [R_RSD] = r->residual_sd,      [R_R2] = r->r_squared,
        [R_ADJ] = r->adj_r_squared};
    for (int k = R_EST; k <= R_ADJ; k++) {
      if (k == R_KIND)
        continue;
      if (table && k == R_P)
        snprintf(buf[k], sizeof(buf[k]), "%.4g", v[k]);
      else
        num_text(v[k], table, buf[k], sizeof(buf[k]));
      cells[k] = table && !buf[k][0] ? "n/a" : buf[k];
    }
    cells[R_TERM] = terms[j];
    cells[R_KIND] = r->uncentred ? "uncentred" : "centred";
    snprintf(buf[R_N], sizeof(buf[R_N]), "%zu", r->n);
    snprintf(buf[R_DF], sizeof(buf[R_DF]), "%zu", r->df);
    cells[R_N] = buf[R_N];
    cells[R_DF] = buf[R_DF];
    if (!cli_table_add(t, cells)) {
      rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
      goto out;
    }
  }
  if (!t) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  if (table) {
    char rsd[40], r2[40], adj[40];
    num_text(r->residual_sd, true, rsd, sizeof(rsd));
    num_text(r->r_squared, true, r2, sizeof(r2));
    num_text(r->adj_r_squared, true, adj, sizeof(adj));
    printf("OLS of %s on ", a->y);
    for (size_t j = a->intercept ? 1 : 0; j < r->p; j++)
      printf("%s%s", j > (a->intercept ? 1u : 0u) ? ", " : "", terms[j]);
    printf("%s: %zu observations, %zu coefficient%s, %zu residual df\n",
           a->intercept ? "" : " (no intercept)", r->n, r->p, r->p == 1 ? "" : "s", r->df);
    cli_table_print(t, CLI_TABLE, NULL, stdout);
    printf("Residual standard deviation  %s\n", rsd[0] ? rsd : "n/a");
    printf("R-squared                    %s%s\n", r2[0] ? r2 : "n/a",
           r->uncentred ? "  (uncentred: 1 - SSE / sum y^2, no intercept)" : "");
    printf("Adjusted R-squared           %s\n", adj[0] ? adj : "n/a");
    printf("p: two-sided, Student t with %zu df.\n", r->df);
  } else {
    cli_table_print(t, ctx->format, NULL, stdout);
  }
out:
  cli_table_free(t);
  free(tbuf);
  free(terms);
  return rc;
}

static int run_regress(struct cli_ctx *ctx, const char *path, struct regress_args *a)
{
  struct collect c = {0};
  struct lab_regress r = {0};
  struct lab_regress_opts opts = {.intercept = a->intercept, .degree = (size_t)a->degree};
  struct lab_error err = {0};
  const char *want[STATS_MAX_X + 1];
  const double *x[STATS_MAX_X];
  lab_status st;
  int rc = CLI_EXIT_OK;

  want[0] = a->y;
  for (size_t i = 0; i < a->nx; i++)
    want[i + 1] = a->x[i];
  st = collect_file(path, want, a->nx + 1, true, &c, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < a->nx; i++)
    x[i] = c.col[i + 1].v;
  st = lab_an_regress(c.col[0].v, x, c.rows, a->nx, &opts, &r, &err);
  if (st) {
    char msg[sizeof(err.msg)];
    snprintf(msg, sizeof(msg), "%s", err.msg);
    lab_error_set(&err, err.status, "%s: %s", path, msg);
    rc = cli_fail(&err);
    goto out;
  }
  rc = print_regress(ctx, a, &r);
out:
  lab_an_regress_release(&r);
  collect_release(&c);
  return rc;
}

/* Split --x "a,b,c" in place. */
static int split_x(struct regress_args *a)
{
  char *save = NULL;
  char *s = a->xlist;
  size_t n = strlen(s);

  if (n == 0 || s[0] == ',' || s[n - 1] == ',' || strstr(s, ",,"))
    return cli_usage_error(&cli_cmd_stats, "--x needs column names separated by commas");
  for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    if (a->nx == STATS_MAX_X)
      return cli_usage_error(&cli_cmd_stats, "at most %d predictors", STATS_MAX_X);
    a->x[a->nx++] = tok;
  }
  return CLI_EXIT_OK;
}

/* ----------------------------------------------------------------------------------- run */

enum { OPT_COLUMN = 1, OPT_Y, OPT_X, OPT_DEGREE, OPT_NO_INTERCEPT };

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"column", required_argument, NULL, OPT_COLUMN},
      {"degree", required_argument, NULL, OPT_DEGREE},
      {"no-intercept", no_argument, NULL, OPT_NO_INTERCEPT},
      {"x", required_argument, NULL, OPT_X},
      {"y", required_argument, NULL, OPT_Y},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct regress_args ra = {.degree = 1, .intercept = true};
  const char *column = NULL;
  bool degree_set = false;
  const char *sub;
  int c;
  int rc = CLI_EXIT_OK;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_stats, argc, argv, opts, &rc);
    if (c < 0)
      break;
    switch (c) {
    case OPT_COLUMN:
      column = optarg;
      break;
    case OPT_Y:
      ra.y = optarg;
      break;
    case OPT_X:
      ra.xlist = optarg;
      break;
    case OPT_DEGREE:
      if (!cli_parse_int(optarg, 1, STATS_MAX_DEGREE, &ra.degree))
        return cli_usage_error(&cli_cmd_stats,
                               "--degree needs a whole number from 1 to %d, not '%s'",
                               STATS_MAX_DEGREE, optarg);
      degree_set = true;
      break;
    case OPT_NO_INTERCEPT:
      ra.intercept = false;
      break;
    default:
      return cli_usage_error(&cli_cmd_stats, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_stats, "name a statistic: 'summary' or 'regress'");
  sub = argv[optind];
  if (strcmp(sub, "summary") != 0 && strcmp(sub, "regress") != 0)
    return cli_usage_error(&cli_cmd_stats, "unknown statistic '%s' (expected summary or regress)",
                           sub);
  if (argc - optind != 2)
    return cli_usage_error(&cli_cmd_stats, "name exactly one CSV file after '%s'", sub);
  if (strcmp(sub, "summary") == 0) {
    if (ra.y || ra.xlist || degree_set || !ra.intercept)
      return cli_usage_error(&cli_cmd_stats,
                             "--y, --x, --degree and --no-intercept belong to 'stats regress'");
    return run_summary(ctx, argv[optind + 1], column);
  }
  if (column)
    return cli_usage_error(&cli_cmd_stats, "--column belongs to 'stats summary'");
  if (!ra.y || !ra.xlist)
    return cli_usage_error(&cli_cmd_stats, "'stats regress' needs --y NAME and --x NAME[,NAME...]");
  rc = split_x(&ra);
  if (rc)
    return rc;
  if (ra.degree > 1 && ra.nx != 1)
    return cli_usage_error(&cli_cmd_stats, "--degree takes exactly one --x column");
  for (size_t i = 0; i < ra.nx; i++)
    if (strcmp(ra.x[i], ra.y) == 0)
      return cli_usage_error(&cli_cmd_stats, "'%s' cannot be both the response and a predictor",
                             ra.y);
  return run_regress(ctx, argv[optind + 1], &ra);
}

const struct cli_cmd cli_cmd_stats = {
    .name = "stats",
    .summary = "statistics on your own CSV data: summary, least-squares regression",
    .usage = "laborstat stats summary FILE.csv [--column NAME]\n"
             "       laborstat stats regress FILE.csv --y NAME --x NAME[,NAME...] [--degree K] "
             "[--no-intercept]",
    .help =
        "FILE.csv has a header row; columns are found by name (exact, else ignoring case).\n"
        "Missing cells are empty or NA, N/A, NaN, null, '-' or '.'; numbers may have thousands\n"
        "separators ('1,234.5' in quotes).\n\n"
        "summary: n, mean, sd (n - 1), min, max, quantiles p10 p25 median p75 p90 (GSL's\n"
        "  gsl_stats_quantile_from_sorted_data: linear between order statistics, type 7), and\n"
        "  the lag-1 autocorrelation, for each numeric column (one with a number and no more\n"
        "  text cells than numbers) or the --column named. Missing and non-numeric cells are\n"
        "  skipped and counted ('skipped'); lag-1 runs over the remaining values in file order.\n"
        "  --column NAME   only this column\n\n"
        "regress: ordinary least squares with standard errors, t, two-sided p (Student t with\n"
        "  n - p df), residual standard deviation, R-squared and adjusted R-squared. Without an\n"
        "  intercept R-squared is the uncentred 1 - SSE / sum y^2. A missing or non-numeric cell\n"
        "  in a used column is an error (FILE:LINE:COLUMN); so is a rank-deficient design or\n"
        "  no more rows than coefficients. Method: pivoted QR on scaled columns with iterative\n"
        "  refinement in double-double arithmetic (checked against NIST StRD certified values).\n"
        "  --y NAME           the response column\n"
        "  --x NAME[,NAME]    predictor columns\n"
        "  --degree K         polynomial in one --x column: terms x, x^2, ..., x^K (K <= 20)\n"
        "  --no-intercept     fit through the origin\n\n"
        "JSON: summary is an array of objects with column, n, skipped, mean, sd, min, p10, p25,\n"
        "median, p75, p90, max, lag1_autocorrelation; regress is an array of one object with\n"
        "response, coefficients [{term, estimate, std_error, t, p}], residual_sd, r_squared,\n"
        "r_squared_kind, adj_r_squared, n, df. CSV of regress: one row per coefficient with the\n"
        "fit statistics repeated. Values that do not exist (sd of one value) are null / empty.\n",
    .run = run,
};
