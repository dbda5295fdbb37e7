/*
 * stats_regress.c - (cli/) `laborstat stats regress`: least squares of one column on others (or
 * on powers of one), with the coefficient table as text, CSV or JSON.
 */
#include "analyzer/lab_regress.h"
#include "cli/stats.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------------------- regression */

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
        cli_stats_num_text(v[k], table, buf[k], sizeof(buf[k]));
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
    cli_stats_num_text(r->residual_sd, true, rsd, sizeof(rsd));
    cli_stats_num_text(r->r_squared, true, r2, sizeof(r2));
    cli_stats_num_text(r->adj_r_squared, true, adj, sizeof(adj));
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

int cli_stats_run_regress(struct cli_ctx *ctx, const char *path, struct regress_args *a)
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
  st = cli_stats_collect_file(path, want, a->nx + 1, true, &c, &err);
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
  cli_stats_collect_release(&c);
  return rc;
}

/* Split --x "a,b,c" in place. */
int cli_stats_split_x(struct regress_args *a)
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
