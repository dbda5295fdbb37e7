/*
 * trend_print.c - (cli/) the output of `laborstat trend`: the text table with its fit table,
 * breaks and notes; CSV (the series, or the fit alone); JSON.
 */
#include "cli/trend.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CPI_SERIES "CUUR0000SA0"

/* The sentence every output carries (BLS OEWS FAQ, https://www.bls.gov/oes/oes_ques.htm). */
static const char not_a_time_series[] =
    "OEWS is not designed as a time series: BLS \"does not use or encourage the use of OEWS data "
    "for time-series analysis\" (OEWS FAQ). Classifications, methods and top-codes change, and "
    "each May estimate pools three years of survey panels, so adjacent years share most of their "
    "sample and the OLS standard error understates the uncertainty";

/* ------------------------------------------------------------------------------- outputs */

static void pct_text(double fraction, char *out, size_t size)
{
  if (isnan(fraction))
    snprintf(out, size, "-");
  else
    snprintf(out, size, "%.2f", 100 * fraction);
}

static const char *measure_unit(enum lab_measure m)
{
  return lab_measure_is_wage(m) ? (lab_measure_is_hourly(m) ? "dollars an hour" : "dollars a year")
                                : "";
}

static void print_fit_table(const struct trend *t)
{
  static const char *const names[] = {
      "basis", "n", "growth %/yr", "95% CI", "CAGR %/yr", "Theil-Sen %/yr", "slope", "SE"};
  static const bool numeric[] = {false, true, true, true, true, true, true, true};
  struct cli_table *tab = cli_table_new(8, names, numeric);

  if (!tab)
    return;
  for (int b = 0; b < 2; b++) {
    const struct lab_trend_fit *f = &t->fit[b];
    char n[16], g[32], ci[80], lo[32], hi[32], cagr[32], ts[32], slope[32], se[32];
    if (!t->fitted[b])
      continue;
    snprintf(n, sizeof(n), "%zu", f->n);
    pct_text(f->growth, g, sizeof(g));
    if (f->n >= 3) {
      pct_text(f->growth_ci.lo, lo, sizeof(lo));
      pct_text(f->growth_ci.hi, hi, sizeof(hi));
      snprintf(ci, sizeof(ci), "%s to %s", lo, hi);
      snprintf(se, sizeof(se), "%.3g", f->slope_se);
    } else {
      snprintf(ci, sizeof(ci), "-");
      snprintf(se, sizeof(se), "-");
    }
    pct_text(f->cagr, cagr, sizeof(cagr));
    pct_text(f->theil_sen_growth, ts, sizeof(ts));
    snprintf(slope, sizeof(slope), "%.5f", f->slope);
    cli_table_add(
        tab, (const char *[]){b == BASIS_REAL ? "real" : "nominal", n, g, ci, cagr, ts, slope, se});
  }
  if (cli_table_rows(tab) > 0) {
    printf("Trend: OLS of ln(value) on year, 95%% t interval; growth = exp(slope) - 1;\n"
           "CAGR between the first and last fitted years; Theil-Sen = median pairwise slope.\n");
    cli_table_print(tab, CLI_TABLE, NULL, stdout);
  }
  cli_table_free(tab);
}

static void print_notes_text(const struct trend *t)
{
  if (t->nbreaks) {
    puts("Breaks:");
    for (size_t i = 0; i < t->nbreaks; i++)
      printf("  May %d: %s\n", t->breaks[i].year, t->breaks[i].text);
  }
  puts("Notes:");
  printf("  - %s.\n", not_a_time_series);
  for (size_t i = 0; i < t->notes.n; i++)
    printf("  - %s.\n", t->notes.v[i]);
}

static void print_heading(const struct trend *t)
{
  const struct point *last = &t->p[t->n - 1];
  bool wage = lab_measure_is_wage(t->o.m);

  printf("%s (%s), %s (%s): %s\n", last->cell.occ_title, t->occ, t->area.name, t->area.code,
         lab_measure_label(t->o.m));
  printf("OEWS May %d-%d, cross-industry; ", t->p[0].cell.year, last->cell.year);
  if (wage && t->have_cpi)
    printf("nominal %s, real in %d dollars\n(x CPI-U %d / CPI-U of the year, annual averages of "
           "BLS %s, vintage %s). Fit basis: %s.\n",
           measure_unit(t->o.m), t->o.base_year, t->o.base_year, CPI_SERIES, t->cpi_vintage,
           t->o.basis == BASIS_REAL ? "real" : "nominal");
  else
    printf("%s.\n", wage ? "nominal dollars (no CPI-U in the store)" : "not a dollar measure");
}

static void print_table(const struct trend *t)
{
  static const char *const names[] = {"year",  "SOC",  "code",    "value",
                                      "state", "real", "release", "notes"};
  static const bool numeric[] = {true, false, false, true, false, true, false, false};
  bool hide[8] = {false};
  struct cli_table *tab = cli_table_new(8, names, numeric);

  if (!tab)
    return;
  hide[5] = !lab_measure_is_wage(t->o.m) || !t->have_cpi;
  for (size_t i = 0; i < t->n; i++) {
    const struct point *p = &t->p[i];
    const struct lab_value *v = &p->cell.m[t->o.m];
    char year[8], value[48] = "", real[48] = "", release[64];
    snprintf(year, sizeof(year), "%d", p->cell.year);
    if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED) {
      cli_trend_format_value(t->o.m, v->v, value, sizeof(value));
      if (v->state == LAB_V_TOPCODED) {
        char tmp[sizeof(value)];
        memcpy(tmp, value, sizeof(tmp));
        snprintf(value, sizeof(value), ">= %.44s", tmp);
      }
    }
    cli_trend_format_value(t->o.m, p->real, real, sizeof(real));
    snprintf(release, sizeof(release), "%s, %s", p->cell.release_scope, p->cell.origin_kind);
    cli_table_add(tab, (const char *[]){year, p->cell.soc_edition, p->cell.occ_code, value,
                                        lab_vstate_name(v->state), real, release, p->notes});
  }
  print_heading(t);
  putchar('\n');
  cli_table_print(tab, CLI_TABLE, hide, stdout);
  cli_table_free(tab);
  putchar('\n');
  print_fit_table(t);
  print_notes_text(t);
}

/* All notes in one string for a CSV cell: the time-series caveat first. */
static void notes_joined(const struct trend *t, char *out, size_t size)
{
  size_t len = (size_t)snprintf(out, size, "%s", not_a_time_series);

  if (lab_measure_is_wage(t->o.m) && t->have_cpi && len < size)
    len += (size_t)snprintf(out + len, size - len,
                            "; real_value is in %d dollars (CPI-U annual averages, BLS %s, "
                            "vintage %s)",
                            t->o.base_year, CPI_SERIES, t->cpi_vintage);

  for (size_t i = 0; i < t->notes.n && len < size; i++)
    len += (size_t)snprintf(out + len, size - len, "; %s", t->notes.v[i]);
}

static void csv_num(double v)
{
  char buf[40];

  if (!isnan(v))
    fputs(lab_num_format(v, buf, sizeof(buf)), stdout);
}

static void print_csv(const struct trend *t)
{
  bool wage = lab_measure_is_wage(t->o.m);
  char *all = malloc(8192);

  puts("year,soc_edition,occ_code,value,state,real_value,base_year,notes");
  for (size_t i = 0; i < t->n; i++) {
    const struct point *p = &t->p[i];
    const struct lab_value *v = &p->cell.m[t->o.m];
    char notes[NOTE_SIZE + 8];
    printf("%d,%s,%s,", p->cell.year, p->cell.soc_edition, p->cell.occ_code);
    if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED)
      csv_num(v->v);
    printf(",%s,", lab_vstate_name(v->state));
    csv_num(p->real);
    putchar(',');
    if (wage && t->have_cpi)
      printf("%d", t->o.base_year);
    putchar(',');
    if (i == 0 && all) {
      /* the caveats, once, in the first row */
      notes_joined(t, all, 8192);
      if (p->notes[0]) {
        size_t len = strlen(all);
        snprintf(all + len, 8192 - len, "; %d: %s", p->cell.year, p->notes);
      }
      cli_csv_field(stdout, all);
    } else {
      snprintf(notes, sizeof(notes), "%s", p->notes);
      cli_csv_field(stdout, notes);
    }
    putchar('\n');
  }
  free(all);
}

static void print_fit_csv(const struct trend *t)
{
  enum basis b = t->o.basis;
  const struct lab_trend_fit *f = &t->fit[b];
  char *all = malloc(8192);

  puts("occ_code,area,measure,basis,base_year,first_year,last_year,n,slope,slope_se,"
       "slope_ci95_low,slope_ci95_high,growth_pct,growth_ci95_low,growth_ci95_high,cagr_pct,"
       "theil_sen_slope,theil_sen_growth_pct,notes");
  printf("%s,%s,%s,%s,", t->occ, t->area.code, lab_measure_name(t->o.m),
         b == BASIS_REAL ? "real" : "nominal");
  if (b == BASIS_REAL)
    printf("%d", t->o.base_year);
  if (t->fitted[b]) {
    printf(",%g,%g,%zu,", f->first_year, f->last_year, f->n);
    csv_num(f->slope);
    putchar(',');
    csv_num(f->slope_se);
    putchar(',');
    csv_num(f->slope_ci.lo);
    putchar(',');
    csv_num(f->slope_ci.hi);
    putchar(',');
    csv_num(100 * f->growth);
    putchar(',');
    csv_num(100 * f->growth_ci.lo);
    putchar(',');
    csv_num(100 * f->growth_ci.hi);
    putchar(',');
    csv_num(100 * f->cagr);
    putchar(',');
    csv_num(f->theil_sen_slope);
    putchar(',');
    csv_num(100 * f->theil_sen_growth);
    putchar(',');
  } else {
    printf(",,,0,,,,,,,,,,,");
  }
  if (all) {
    notes_joined(t, all, 8192);
    cli_csv_field(stdout, all);
  }
  putchar('\n');
  free(all);
}

static cJSON *json_pair(double lo, double hi)
{
  cJSON *a;

  if (isnan(lo) || isnan(hi))
    return cJSON_CreateNull();
  a = cJSON_CreateArray();
  cJSON_AddItemToArray(a, cJSON_CreateNumber(lo));
  cJSON_AddItemToArray(a, cJSON_CreateNumber(hi));
  return a;
}

static cJSON *json_num_or_null(double v)
{
  return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

static cJSON *fit_json(const struct trend *t, enum basis b)
{
  const struct lab_trend_fit *f = &t->fit[b];
  cJSON *o;

  if (!t->fitted[b])
    return cJSON_CreateNull();
  o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "basis", b == BASIS_REAL ? "real" : "nominal");
  if (b == BASIS_REAL)
    cJSON_AddNumberToObject(o, "base_year", t->o.base_year);
  cJSON_AddNumberToObject(o, "n", (double)f->n);
  cJSON_AddNumberToObject(o, "df", f->df);
  cJSON_AddNumberToObject(o, "first_year", f->first_year);
  cJSON_AddNumberToObject(o, "last_year", f->last_year);
  cJSON_AddNumberToObject(o, "year_mean", f->year_mean);
  cJSON_AddNumberToObject(o, "intercept", f->intercept);
  cJSON_AddNumberToObject(o, "slope", f->slope);
  cJSON_AddItemToObject(o, "slope_se", json_num_or_null(f->slope_se));
  cJSON_AddItemToObject(o, "slope_ci95", json_pair(f->slope_ci.lo, f->slope_ci.hi));
  cJSON_AddNumberToObject(o, "growth_pct", 100 * f->growth);
  cJSON_AddItemToObject(o, "growth_ci95", json_pair(100 * f->growth_ci.lo, 100 * f->growth_ci.hi));
  cJSON_AddNumberToObject(o, "cagr_pct", 100 * f->cagr);
  cJSON_AddNumberToObject(o, "theil_sen_slope", f->theil_sen_slope);
  cJSON_AddNumberToObject(o, "theil_sen_growth_pct", 100 * f->theil_sen_growth);
  cJSON_AddItemToObject(o, "residual_sd", json_num_or_null(f->residual_sd));
  return o;
}

static void print_json(const struct trend *t)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *all;
  cJSON *series, *fits, *breaks, *notes;
  bool wage = lab_measure_is_wage(t->o.m);
  char *text;

  cJSON_AddStringToObject(root, "occ_code", t->occ);
  cJSON_AddStringToObject(root, "occ_title", t->p[t->n - 1].cell.occ_title);
  cJSON_AddStringToObject(root, "area", t->area.code);
  cJSON_AddStringToObject(root, "area_name", t->area.name);
  cJSON_AddStringToObject(root, "measure", lab_measure_name(t->o.m));
  cJSON_AddStringToObject(root, "basis", t->o.basis == BASIS_REAL ? "real" : "nominal");
  if (wage && t->have_cpi) {
    cJSON_AddNumberToObject(root, "base_year", t->o.base_year);
    cJSON_AddStringToObject(root, "cpi_series", CPI_SERIES);
    cJSON_AddStringToObject(root, "cpi_vintage", t->cpi_vintage);
  }
  if (!t->o.fit_only) {
    series = cJSON_AddArrayToObject(root, "series");
    for (size_t i = 0; i < t->n; i++) {
      const struct point *p = &t->p[i];
      const struct lab_value *v = &p->cell.m[t->o.m];
      cJSON *o = cJSON_CreateObject();
      cJSON *rel = cJSON_CreateObject();
      cJSON_AddNumberToObject(o, "year", p->cell.year);
      cJSON_AddStringToObject(o, "soc_edition", p->cell.soc_edition);
      cJSON_AddStringToObject(o, "occ_code", p->cell.occ_code);
      cJSON_AddStringToObject(o, "occ_title", p->cell.occ_title);
      if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED)
        cJSON_AddNumberToObject(o, "value", v->v);
      else
        cJSON_AddNullToObject(o, "value");
      cJSON_AddStringToObject(o, "state", lab_vstate_name(v->state));
      if (v->state == LAB_V_TOPCODED)
        cJSON_AddStringToObject(o, "bound", "lower");
      if (wage)
        cJSON_AddItemToObject(o, "real_value", json_num_or_null(p->real));
      cJSON_AddBoolToObject(o, "in_fit",
                            t->o.basis == BASIS_REAL ? p->in_fit_real : p->in_fit_nominal);
      cJSON_AddBoolToObject(o, "aggregate", p->aggregate);
      cJSON_AddStringToObject(rel, "source", "oews");
      cJSON_AddStringToObject(rel, "scope", p->cell.release_scope);
      cJSON_AddStringToObject(rel, "origin_kind", p->cell.origin_kind);
      cJSON_AddStringToObject(rel, "origin", p->cell.origin);
      cJSON_AddItemToObject(o, "release", rel);
      cJSON_AddStringToObject(o, "notes", p->notes);
      cJSON_AddItemToArray(series, o);
    }
  }
  cJSON_AddItemToObject(root, "fit", fit_json(t, t->o.basis));
  fits = cJSON_AddArrayToObject(root, "fits");
  for (int b = 0; b < 2; b++)
    if (t->fitted[b])
      cJSON_AddItemToArray(fits, fit_json(t, (enum basis)b));
  breaks = cJSON_AddArrayToObject(root, "breaks");
  for (size_t i = 0; i < t->nbreaks; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "year", t->breaks[i].year);
    cJSON_AddStringToObject(o, "kind", t->breaks[i].kind);
    cJSON_AddStringToObject(o, "from", t->breaks[i].from);
    cJSON_AddStringToObject(o, "to", t->breaks[i].to);
    cJSON_AddStringToObject(o, "text", t->breaks[i].text);
    cJSON_AddItemToArray(breaks, o);
  }
  notes = cJSON_AddArrayToObject(root, "notes");
  cJSON_AddItemToArray(notes, cJSON_CreateString(not_a_time_series));
  for (size_t i = 0; i < t->notes.n; i++)
    cJSON_AddItemToArray(notes, cJSON_CreateString(t->notes.v[i]));
  /* like every command's JSON: an array of objects (here one) */
  all = cJSON_CreateArray();
  cJSON_AddItemToArray(all, root);
  text = cJSON_Print(all);
  if (text)
    printf("%s\n", text);
  free(text);
  cJSON_Delete(all);
}

void cli_trend_print(const struct trend *t, enum cli_format fmt)
{
  if (fmt == CLI_JSON) {
    print_json(t);
  } else if (fmt == CLI_CSV) {
    if (t->o.fit_only)
      print_fit_csv(t);
    else
      print_csv(t);
  } else if (t->o.fit_only) {
    print_heading(t);
    putchar('\n');
    print_fit_table(t);
    print_notes_text(t);
  } else {
    print_table(t);
  }
}
