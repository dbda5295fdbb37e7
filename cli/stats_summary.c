/*
 * stats_summary.c - (cli/) `laborstat stats summary`: the summary statistics of each numeric
 * column (or the one named), as a table, CSV or JSON.
 */
#include "analyzer/lab_regress.h"
#include "cli/stats.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------- numbers */

/* A number for output: round-trip text for CSV and JSON, 10 significant digits for the text
 * table; "" (JSON null) when it is not finite. */
void cli_stats_num_text(double v, bool table, char *out, size_t size)
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
    cli_stats_num_text(v[k], table, buf[k], 32);
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

int cli_stats_run_summary(struct cli_ctx *ctx, const char *path, const char *column)
{
  struct collect c = {0};
  struct lab_summary *sums = NULL;
  bool *use = NULL;
  struct lab_error err = {0};
  size_t nused = 0;
  lab_status st;
  int rc = CLI_EXIT_OK;

  st = cli_stats_collect_file(path, column ? &column : NULL, column ? 1 : 0, false, &c, &err);
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
  cli_stats_collect_release(&c);
  return rc;
}
