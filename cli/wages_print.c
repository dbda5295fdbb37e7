/*
 * wages_print.c - `wages` output: table, CSV (one row per measure) and JSON (one object per
 * cell), each with the fitted wage distribution.
 */
#include "analyzer/lab_analyzer.h"
#include "cli/wages.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CI_LEVEL 0.95

static const char *const level_names[LAB_DIST_OEWS_LEVELS] = {"P10", "P25", "median", "P75", "P90"};

/* 95% CI of measure m of cell c; false when it has none. */
static bool cell_ci(const struct lab_oews_cell *c, enum lab_measure m, struct lab_interval *ci)
{
  enum lab_measure r = lab_measure_rse(m);

  if (r == LAB_M_COUNT || c->m[m].state != LAB_V_VALUE || c->m[r].state != LAB_V_VALUE)
    return false;
  if (lab_an_ci_rse(c->m[m].v, c->m[r].v, CI_LEVEL, ci, NULL) != LAB_OK)
    return false;
  if (ci->lo < 0)
    ci->lo = 0;
  return true;
}

static const char *money(double v, char *out, size_t size)
{
  return lab_num_format_with(v, 0, "$", out, size);
}

static const char *pct(double share, char *out, size_t size)
{
  snprintf(out, size, "%.1f%%", 100 * share);
  return out;
}

/* ----------------------------------------------------------------------------------- table */

static void print_fit_text(const struct cli_fit *f, const struct cli_fit_request *r)
{
  char a[48], b[48], c[48];

  if (!f->ok) {
    printf("No wage distribution fitted: %s.\n", f->why);
    return;
  }
  printf("Fitted lognormal (%s%zu published percentiles%s%s): mu %.4f, sigma %.4f\n",
         f->hourly ? "hourly wages x 2,080, " : "", f->fit.n_points,
         f->fit.mean_used ? " and the mean" : "", f->fit.iterations ? ", non-linear" : "",
         f->fit.mu, f->fit.sigma);
  if (!isnan(f->fit.published_mean))
    printf("  implied mean %s vs published %s (%+.2f%%); Gini %.3f; P90/P10 %.2f\n",
           money(f->fit.implied_mean, a, sizeof(a)), money(f->fit.published_mean, b, sizeof(b)),
           f->fit.mean_gap_pct, f->fit.gini, f->fit.p90_p10);
  else
    printf("  implied mean %s; Gini %.3f; P90/P10 %.2f\n", money(f->fit.implied_mean, a, sizeof(a)),
           f->fit.gini, f->fit.p90_p10);
  for (int i = 0; i < LAB_DIST_OEWS_LEVELS; i++) {
    if (f->fit.active_mask & (1u << i))
      printf("  %s is top-coded: the fit is held at the top-code (a lower bound)\n",
             level_names[i]);
    else if (f->fit.bound_mask & (1u << i))
      printf("  %s is top-coded: a lower bound the fit satisfies, not a data point\n",
             level_names[i]);
    if (i > 0 && (f->fit.collapsed_mask & (1u << i)))
      printf("  %s equals %s: wages are collected in intervals, so neighbours can coincide\n",
             level_names[i], level_names[i - 1]);
  }
  for (size_t i = 0; i < r->nq; i++) {
    printf("  quantile %g: %s", r->q[i], money(f->qv[i], a, sizeof(a)));
    if (!isnan(f->qband[i].lo))
      printf(" (95%% bootstrap band %s to %s)", money(f->qband[i].lo, b, sizeof(b)),
             money(f->qband[i].hi, c, sizeof(c)));
    putchar('\n');
  }
  for (size_t i = 0; i < r->nat; i++)
    printf("  share below %s: %s; above: %s\n", money(r->at[i], a, sizeof(a)),
           pct(f->below[i], b, sizeof(b)), pct(f->above[i], c, sizeof(c)));
  for (size_t i = 0; i < f->ngap; i++)
    if (f->gap[i].exceeds)
      printf("  at p = %g the model-free quantile (%s) and the lognormal (%s) differ by %+.1f%%\n",
             f->gap[i].p, money(f->gap[i].interpolated, a, sizeof(a)),
             money(f->gap[i].fitted, b, sizeof(b)), 100 * f->gap[i].rel_diff);
}

static void print_table(const struct cli_wages_item *items, size_t n,
                        const struct cli_fit_request *r)
{
  static const char *const names[] = {"measure", "estimate", "95% CI"};
  static const bool numeric[] = {false, true, true};

  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &items[i].cell;
    struct cli_table *t = cli_table_new(3, names, numeric);
    char source[256];
    if (!t)
      return;
    printf("%s%s (%s), SOC %s\n%s (%s), May %d, cross-industry\n", i ? "\n" : "", c->occ_title,
           c->occ_code, c->soc_edition, c->area.name, c->area.code, c->year);
    for (int m = 0; m < LAB_M_COUNT; m++) {
      char est[64] = "", ci_text[96] = "", lo[32], hi[32];
      struct lab_interval ci;
      bool core = m == LAB_M_TOT_EMP || m == LAB_M_A_MEAN || m == LAB_M_A_MEDIAN;
      if (c->m[m].state == LAB_V_MISSING && !core)
        continue;
      cli_measure_text((enum lab_measure)m, &c->m[m], est, sizeof(est));
      if (cell_ci(c, (enum lab_measure)m, &ci)) {
        int dec = lab_measure_is_hourly((enum lab_measure)m) ? 2 : 0;
        const char *cur = lab_measure_is_wage((enum lab_measure)m) ? "$" : "";
        lab_num_format_grouped(ci.lo, dec, lo, sizeof(lo));
        lab_num_format_grouped(ci.hi, dec, hi, sizeof(hi));
        snprintf(ci_text, sizeof(ci_text), "%s%s to %s%s", cur, lo, cur, hi);
      }
      cli_table_add(t, (const char *[]){lab_measure_label((enum lab_measure)m), est, ci_text});
    }
    cli_table_print(t, CLI_TABLE, NULL, stdout);
    cli_table_free(t);
    print_fit_text(&items[i].fit, r);
    cli_cell_source(c, source, sizeof(source));
    printf("Source: %s. Wages in %s. 95%% CIs from the published relative standard errors.\n",
           source, items[i].detail);
    if (c->annual_only)
      puts("Only annual wages are published for this occupation.");
    if (c->hourly_only)
      puts("Only hourly wages are published for this occupation.");
  }
}

/* ------------------------------------------------------------------------------------- CSV */

static void csv_row(const struct cli_wages_item *it, const char *measure, const char *value,
                    const char *state, const char *lo, const char *hi, const char *basis,
                    const char *source)
{
  const struct lab_oews_cell *c = &it->cell;

  printf("%d,", c->year);
  cli_csv_field(stdout, c->area.code);
  putchar(',');
  cli_csv_field(stdout, c->area.name);
  printf(",%s,", c->occ_code);
  cli_csv_field(stdout, c->occ_title);
  printf(",%s,%s,%s,%s,%s,%s,%s,", c->soc_edition, measure, value, state, lo, hi, basis);
  cli_csv_field(stdout, it->detail);
  putchar(',');
  cli_csv_field(stdout, source);
  putchar('\n');
}

static void csv_fit_rows(const struct cli_wages_item *it, const struct cli_fit_request *r,
                         const char *basis, const char *source)
{
  const struct cli_fit *f = &it->fit;
  char v[40], name[64], lo[40], hi[40];
  const struct {
    const char *name;
    double v;
  } scalars[] = {{"fit_mu", f->fit.mu},
                 {"fit_sigma", f->fit.sigma},
                 {"fit_implied_mean", f->fit.implied_mean},
                 {"fit_mean_gap_pct", f->fit.mean_gap_pct},
                 {"fit_gini", f->fit.gini},
                 {"fit_p90_p10", f->fit.p90_p10}};

  if (!f->ok)
    return;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(scalars); i++) {
    if (isnan(scalars[i].v))
      continue;
    csv_row(it, scalars[i].name, lab_num_format(scalars[i].v, v, sizeof(v)), "fitted", "", "",
            basis, source);
  }
  for (size_t i = 0; i < r->nq; i++) {
    snprintf(name, sizeof(name), "fit_quantile_%g", r->q[i]);
    lo[0] = hi[0] = '\0';
    if (!isnan(f->qband[i].lo)) {
      lab_num_format(f->qband[i].lo, lo, sizeof(lo));
      lab_num_format(f->qband[i].hi, hi, sizeof(hi));
    }
    csv_row(it, name, lab_num_format(f->qv[i], v, sizeof(v)), "fitted", lo, hi, basis, source);
  }
  for (size_t i = 0; i < r->nat; i++) {
    char w[40];
    lab_num_format(r->at[i], w, sizeof(w));
    snprintf(name, sizeof(name), "fit_share_below_%s", w);
    csv_row(it, name, lab_num_format(f->below[i], v, sizeof(v)), "fitted", "", "", basis, source);
  }
}

static void print_csv(const struct cli_wages_item *items, size_t n, const struct cli_fit_request *r,
                      const char *basis)
{
  puts("year,area,area_name,occ_code,occ_title,soc_edition,measure,value,state,ci95_low,"
       "ci95_high,basis,basis_detail,source");
  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &items[i].cell;
    char source[256];
    cli_cell_source(c, source, sizeof(source));
    for (int m = 0; m < LAB_M_COUNT; m++) {
      char v[40] = "", lo[40] = "", hi[40] = "";
      struct lab_interval ci;
      if (c->m[m].state == LAB_V_VALUE || c->m[m].state == LAB_V_TOPCODED)
        lab_num_format(c->m[m].v, v, sizeof(v));
      if (cell_ci(c, (enum lab_measure)m, &ci)) {
        lab_num_format(ci.lo, lo, sizeof(lo));
        lab_num_format(ci.hi, hi, sizeof(hi));
      }
      csv_row(&items[i], lab_measure_name((enum lab_measure)m), v, lab_vstate_name(c->m[m].state),
              lo, hi, basis, source);
    }
    csv_fit_rows(&items[i], r, basis, source);
  }
}

/* ------------------------------------------------------------------------------------ JSON */

static cJSON *measure_json(const struct lab_oews_cell *c, enum lab_measure m)
{
  cJSON *o = cJSON_CreateObject();
  struct lab_interval ci;

  if (c->m[m].state == LAB_V_VALUE || c->m[m].state == LAB_V_TOPCODED)
    cJSON_AddNumberToObject(o, "value", c->m[m].v);
  else
    cJSON_AddNullToObject(o, "value");
  cJSON_AddStringToObject(o, "state", lab_vstate_name(c->m[m].state));
  if (c->m[m].state == LAB_V_TOPCODED)
    cJSON_AddStringToObject(o, "bound", "lower");
  if (cell_ci(c, m, &ci)) {
    cJSON *arr = cJSON_AddArrayToObject(o, "ci95");
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(ci.lo));
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(ci.hi));
  }
  return o;
}

static void add_number_or_null(cJSON *o, const char *key, double v)
{
  if (isnan(v))
    cJSON_AddNullToObject(o, key);
  else
    cJSON_AddNumberToObject(o, key, v);
}

static cJSON *fit_json(const struct cli_fit *f, const struct cli_fit_request *r)
{
  cJSON *o = cJSON_CreateObject();
  cJSON *arr;

  cJSON_AddBoolToObject(o, "fitted", f->ok);
  if (!f->ok) {
    cJSON_AddStringToObject(o, "reason", f->why);
    return o;
  }
  cJSON_AddStringToObject(o, "model", "lognormal");
  cJSON_AddStringToObject(o, "wages", f->hourly ? "hourly x 2080" : "annual");
  cJSON_AddNumberToObject(o, "mu", f->fit.mu);
  cJSON_AddNumberToObject(o, "sigma", f->fit.sigma);
  cJSON_AddNumberToObject(o, "n_points", (double)f->fit.n_points);
  cJSON_AddBoolToObject(o, "mean_used", f->fit.mean_used);
  cJSON_AddNumberToObject(o, "implied_mean", f->fit.implied_mean);
  add_number_or_null(o, "published_mean", f->fit.published_mean);
  add_number_or_null(o, "mean_gap_pct", f->fit.mean_gap_pct);
  cJSON_AddNumberToObject(o, "gini", f->fit.gini);
  cJSON_AddNumberToObject(o, "p90_p10", f->fit.p90_p10);
  arr = cJSON_AddArrayToObject(o, "residuals");
  for (int i = 0; i < LAB_DIST_OEWS_LEVELS; i++) {
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "level", level_names[i]);
    add_number_or_null(e, "residual", f->fit.residual[i]);
    cJSON_AddBoolToObject(e, "top_coded", (f->fit.bound_mask >> i) & 1u);
    cJSON_AddBoolToObject(e, "constraint_active", (f->fit.active_mask >> i) & 1u);
    cJSON_AddBoolToObject(e, "collapsed", (f->fit.collapsed_mask >> i) & 1u);
    cJSON_AddItemToArray(arr, e);
  }
  arr = cJSON_AddArrayToObject(o, "quantiles");
  for (size_t i = 0; i < r->nq; i++) {
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "p", r->q[i]);
    cJSON_AddNumberToObject(e, "value", f->qv[i]);
    if (!isnan(f->qband[i].lo)) {
      cJSON *b = cJSON_AddArrayToObject(e, "bootstrap95");
      cJSON_AddItemToArray(b, cJSON_CreateNumber(f->qband[i].lo));
      cJSON_AddItemToArray(b, cJSON_CreateNumber(f->qband[i].hi));
    }
    cJSON_AddItemToArray(arr, e);
  }
  arr = cJSON_AddArrayToObject(o, "shares");
  for (size_t i = 0; i < r->nat; i++) {
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "wage", r->at[i]);
    cJSON_AddNumberToObject(e, "below", f->below[i]);
    cJSON_AddNumberToObject(e, "above", f->above[i]);
    cJSON_AddItemToArray(arr, e);
  }
  arr = cJSON_AddArrayToObject(o, "model_free");
  for (size_t i = 0; i < f->ngap; i++) {
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "p", f->gap[i].p);
    cJSON_AddNumberToObject(e, "lognormal", f->gap[i].fitted);
    cJSON_AddNumberToObject(e, "interpolated", f->gap[i].interpolated);
    cJSON_AddNumberToObject(e, "rel_diff", f->gap[i].rel_diff);
    cJSON_AddBoolToObject(e, "exceeds_margin", f->gap[i].exceeds);
    cJSON_AddItemToArray(arr, e);
  }
  return o;
}

static void print_json(const struct cli_wages_item *items, size_t n,
                       const struct cli_fit_request *r, const char *basis)
{
  cJSON *arr = cJSON_CreateArray();
  char *text;

  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &items[i].cell;
    cJSON *o = cJSON_CreateObject();
    cJSON *rel = cJSON_CreateObject();
    cJSON *ms = cJSON_CreateObject();
    char source[256];
    cli_cell_source(c, source, sizeof(source));
    cJSON_AddStringToObject(o, "occ_code", c->occ_code);
    cJSON_AddStringToObject(o, "occ_title", c->occ_title);
    cJSON_AddStringToObject(o, "soc_edition", c->soc_edition);
    cJSON_AddStringToObject(o, "area", c->area.code);
    cJSON_AddStringToObject(o, "area_name", c->area.name);
    cJSON_AddStringToObject(o, "area_type", c->area.type);
    cJSON_AddStringToObject(o, "naics", c->naics);
    cJSON_AddNumberToObject(o, "year", c->year);
    cJSON_AddStringToObject(o, "basis", basis);
    cJSON_AddStringToObject(o, "basis_detail", items[i].detail);
    cJSON_AddBoolToObject(o, "annual_only", c->annual_only);
    cJSON_AddBoolToObject(o, "hourly_only", c->hourly_only);
    cJSON_AddStringToObject(rel, "source", "oews");
    cJSON_AddStringToObject(rel, "scope", c->release_scope);
    cJSON_AddStringToObject(rel, "origin_kind", c->origin_kind);
    cJSON_AddStringToObject(rel, "origin", c->origin);
    cJSON_AddStringToObject(rel, "citation", source);
    cJSON_AddItemToObject(o, "release", rel);
    for (int m = 0; m < LAB_M_COUNT; m++)
      cJSON_AddItemToObject(ms, lab_measure_name((enum lab_measure)m),
                            measure_json(c, (enum lab_measure)m));
    cJSON_AddItemToObject(o, "measures", ms);
    cJSON_AddItemToObject(o, "fit", fit_json(&items[i].fit, r));
    cJSON_AddItemToArray(arr, o);
  }
  text = cJSON_Print(arr);
  if (text)
    printf("%s\n", text);
  free(text);
  cJSON_Delete(arr);
}

void cli_wages_print(const struct cli_wages_item *items, size_t n,
                     const struct cli_fit_request *req, const char *basis, enum cli_format fmt)
{
  if (fmt == CLI_CSV)
    print_csv(items, n, req, basis);
  else if (fmt == CLI_JSON)
    print_json(items, n, req, basis);
  else
    print_table(items, n, req);
}
