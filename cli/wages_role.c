/*
 * wages_role.c - `wages ROLE`: a role's wage distribution (a mixture of its components' fits)
 * as a table, CSV (one row per figure) or JSON (one object per role).
 */
#include "cli/role_dist.h"
#include "cli/wages.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const pct_names[LAB_DIST_OEWS_LEVELS] = {"p10", "p25", "median", "p75", "p90"};

/* What a mixture is made of: a role's occupations or a custom region's areas. */
struct mix_view {
  const char *kind;  /* "role" or "region" */
  const char *name;  /* role slug, or the region's area codes joined by '+' */
  const char *title; /* role title, or the occupation the region is about */
  const char *preset;
  const char *part_label; /* "occupation" or "area" */
  char *const *notes;
  size_t n_notes;
  const char *rationale;
  const struct lab_role *role; /* NULL for regions */
};

static const char *money(double v, char *out, size_t size)
{
  return lab_num_format_with(v, 0, "$", out, size);
}

static void print_role_table(const struct mix_view *r, const struct cli_role_dist *d,
                             const struct cli_fit_request *req)
{
  const char *names[] = {"code",   r->part_label, "industry", "employment",
                         "weight", "median",      "mean",     "note"};
  static const bool numeric[] = {false, false, false, true, true, true, true, false};
  struct cli_table *t = cli_table_new(8, names, numeric);
  char a[48], b[48];

  if (r->role)
    printf("%s (role %s, preset %s)\n%s (%s), May %d, SOC %s codes\n", r->title, r->name, r->preset,
           d->area.name, d->area.code, d->year, d->soc_edition);
  else
    printf("%s in the region %s (%zu areas), May %d\n", r->title, r->name, d->n, d->year);
  for (size_t i = 0; t && i < d->n; i++) {
    const struct cli_role_part *p = &d->part[i];
    char emp[32] = "", w[16] = "";
    if (!isnan(p->employment))
      lab_num_format_grouped(p->employment, 0, emp, sizeof(emp));
    if (p->weight > 0)
      snprintf(w, sizeof(w), "%.1f%%", 100 * p->weight);
    cli_table_add(t, (const char *[]){
                         p->code, p->title, strcmp(p->naics, "000000") == 0 ? "all" : p->naics, emp,
                         w, money(p->median, a, sizeof(a)), money(p->mean, b, sizeof(b)), p->note});
  }
  if (t)
    cli_table_print(t, CLI_TABLE, NULL, stdout);
  cli_table_free(t);
  if (!d->ok) {
    printf("No %s distribution: %s.\n", r->kind, d->why);
  } else {
    printf("%s distribution (mixture of the parts' fitted lognormals, weighted as shown):\n ",
           r->role ? "Role" : "Region");
    for (int i = 0; i < LAB_DIST_OEWS_LEVELS; i++)
      printf(" %s %s", pct_names[i], money(d->pct[i], a, sizeof(a)));
    printf("; mean %s; Gini %.3f\n", money(d->mean, a, sizeof(a)), d->gini);
    for (size_t i = 0; i < req->nq; i++)
      printf("  quantile %g: %s\n", req->q[i], money(d->qv[i], a, sizeof(a)));
    for (size_t i = 0; i < req->nat; i++)
      printf("  share below %s: %.1f%%; above: %.1f%%\n", money(req->at[i], a, sizeof(a)),
             100 * d->below[i], 100 * d->above[i]);
  }
  for (size_t i = 0; i < r->n_notes; i++)
    printf("Note: %s\n", r->notes[i]);
  if (r->role && r->role->n_naics > 0)
    printf("Industry (NAICS %s): %s. %s\n", r->role->naics[0],
           d->industry_used ? "components come from that industry where the store has it "
                              "(column 'industry')"
                            : "the store has no industry figures for these codes here, so "
                              "cross-industry figures are used",
           r->role->industry_note);
  printf("Source: BLS OEWS May %d estimates. Wages in %s.\n", d->year, d->basis_detail);
}

static void csv_row(const struct mix_view *r, const struct cli_role_dist *d, const char *kind,
                    const char *code, const char *measure, double v, double weight)
{
  char num[40] = "", w[40] = "";

  if (!isnan(v))
    lab_num_format(v, num, sizeof(num));
  if (!isnan(weight))
    lab_num_format(weight, w, sizeof(w));
  printf("%s,%d,%s,", r->name, d->year, d->area.code);
  cli_csv_field(stdout, d->area.name);
  printf(",%s,%s,%s,%s,%s,", d->soc_edition, kind, code, w, measure);
  printf("%s,", num);
  cli_csv_field(stdout, d->basis_detail);
  putchar('\n');
}

static void print_role_csv(const struct mix_view *r, const struct cli_role_dist *d,
                           const struct cli_fit_request *req)
{
  char name[64];

  for (size_t i = 0; i < d->n; i++) {
    const struct cli_role_part *p = &d->part[i];
    csv_row(r, d, "component", p->code, "employment", p->employment, p->weight);
    csv_row(r, d, "component", p->code, "a_median", p->median, p->weight);
    csv_row(r, d, "component", p->code, "a_mean", p->mean, p->weight);
  }
  if (!d->ok)
    return;
  for (int i = 0; i < LAB_DIST_OEWS_LEVELS; i++)
    csv_row(r, d, "role", "", pct_names[i], d->pct[i], NAN);
  csv_row(r, d, "role", "", "mean", d->mean, NAN);
  for (size_t i = 0; i < req->nq; i++) {
    snprintf(name, sizeof(name), "quantile_%g", req->q[i]);
    csv_row(r, d, "role", "", name, d->qv[i], NAN);
  }
  for (size_t i = 0; i < req->nat; i++) {
    snprintf(name, sizeof(name), "share_below_%g", req->at[i]);
    csv_row(r, d, "role", "", name, d->below[i], NAN);
  }
}

static void add_num(cJSON *o, const char *k, double v)
{
  if (isnan(v))
    cJSON_AddNullToObject(o, k);
  else
    cJSON_AddNumberToObject(o, k, v);
}

static cJSON *role_json(const struct mix_view *r, const struct cli_role_dist *d,
                        const struct cli_fit_request *req)
{
  cJSON *o = cJSON_CreateObject();
  cJSON *comps = cJSON_AddArrayToObject(o, "components");
  cJSON *dist = cJSON_CreateObject();
  cJSON *arr;

  cJSON_AddStringToObject(o, r->kind, r->name);
  cJSON_AddStringToObject(o, "title", r->title);
  if (r->preset)
    cJSON_AddStringToObject(o, "preset", r->preset);
  cJSON_AddStringToObject(o, "area", d->area.code);
  cJSON_AddStringToObject(o, "area_name", d->area.name);
  cJSON_AddNumberToObject(o, "year", d->year);
  cJSON_AddStringToObject(o, "soc_edition", d->soc_edition);
  cJSON_AddStringToObject(o, "basis_detail", d->basis_detail);
  for (size_t i = 0; i < d->n; i++) {
    const struct cli_role_part *p = &d->part[i];
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "code", p->code);
    cJSON_AddStringToObject(c, "title", p->title);
    cJSON_AddStringToObject(c, "naics", p->naics);
    add_num(c, "employment", p->employment);
    cJSON_AddNumberToObject(c, "weight", p->weight);
    add_num(c, "a_median", p->median);
    add_num(c, "a_mean", p->mean);
    if (p->fit.ok) {
      cJSON_AddNumberToObject(c, "mu", p->fit.fit.mu);
      cJSON_AddNumberToObject(c, "sigma", p->fit.fit.sigma);
    }
    cJSON_AddStringToObject(c, "note", p->note);
    cJSON_AddItemToArray(comps, c);
  }
  cJSON_AddBoolToObject(dist, "fitted", d->ok);
  if (d->ok) {
    for (int i = 0; i < LAB_DIST_OEWS_LEVELS; i++)
      cJSON_AddNumberToObject(dist, pct_names[i], d->pct[i]);
    cJSON_AddNumberToObject(dist, "mean", d->mean);
    arr = cJSON_AddArrayToObject(dist, "quantiles");
    for (size_t i = 0; i < req->nq; i++) {
      cJSON *e = cJSON_CreateObject();
      cJSON_AddNumberToObject(e, "p", req->q[i]);
      cJSON_AddNumberToObject(e, "value", d->qv[i]);
      cJSON_AddItemToArray(arr, e);
    }
    arr = cJSON_AddArrayToObject(dist, "shares");
    for (size_t i = 0; i < req->nat; i++) {
      cJSON *e = cJSON_CreateObject();
      cJSON_AddNumberToObject(e, "wage", req->at[i]);
      cJSON_AddNumberToObject(e, "below", d->below[i]);
      cJSON_AddNumberToObject(e, "above", d->above[i]);
      cJSON_AddItemToArray(arr, e);
    }
  } else {
    cJSON_AddStringToObject(dist, "reason", d->why);
  }
  cJSON_AddItemToObject(o, "distribution", dist);
  if (d->ok) {
    /* the `fit` section every `wages` object has; a mixture has no single mu or sigma */
    cJSON *fit = cJSON_CreateObject();
    cJSON_AddBoolToObject(fit, "fitted", true);
    cJSON_AddStringToObject(fit, "model", "mixture of lognormals");
    cJSON_AddNullToObject(fit, "mu");
    cJSON_AddNullToObject(fit, "sigma");
    cJSON_AddNumberToObject(fit, "implied_mean", d->mean);
    cJSON_AddNumberToObject(fit, "gini", d->gini);
    cJSON_AddNumberToObject(fit, "p90_p10", d->pct[4] / d->pct[0]);
    cJSON_AddItemToObject(fit, "quantiles",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(dist, "quantiles"), 1));
    cJSON_AddItemToObject(fit, "shares",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(dist, "shares"), 1));
    cJSON_AddItemToObject(o, "fit", fit);
  }
  arr = cJSON_AddArrayToObject(o, "notes");
  for (size_t i = 0; i < r->n_notes; i++)
    cJSON_AddItemToArray(arr, cJSON_CreateString(r->notes[i]));
  if (r->rationale)
    cJSON_AddStringToObject(o, "rationale", r->rationale);
  return o;
}

/* Print one mixture in fmt (CSV header and JSON array handled by the caller). */
static void print_mix(const struct mix_view *v, const struct cli_role_dist *d,
                      const struct cli_fit_request *req, enum cli_format fmt, cJSON *arr,
                      bool first)
{
  if (fmt == CLI_CSV)
    print_role_csv(v, d, req);
  else if (fmt == CLI_JSON)
    cJSON_AddItemToArray(arr, role_json(v, d, req));
  else {
    if (!first)
      putchar('\n');
    print_role_table(v, d, req);
  }
}

static void print_end(cJSON *arr)
{
  char *text = arr ? cJSON_Print(arr) : NULL;

  if (text)
    printf("%s\n", text);
  free(text);
}

lab_status cli_wages_roles(struct lab_store *s, const struct lab_roles *set, const char *area,
                           int year, const struct cli_fit_request *req, const struct cli_basis *b,
                           enum cli_format fmt, struct lab_error *err)
{
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  cJSON *arr = fmt == CLI_JSON ? cJSON_CreateArray() : NULL;
  lab_status st = LAB_OK;

  if (!d || (fmt == CLI_JSON && !arr)) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  if (fmt == CLI_CSV)
    puts("role,year,area,area_name,soc_edition,kind,code,weight,measure,value,basis_detail");
  for (size_t i = 0; i < set->n && !st; i++) {
    const struct lab_role *r = &set->roles[i];
    struct mix_view v = {"role",     r->name,      r->title, set->preset, "occupation", r->notes,
                         r->n_notes, r->rationale, r};
    st = cli_role_dist(s, r, area, year, true, req, b, d, err);
    if (!st)
      print_mix(&v, d, req, fmt, arr, i == 0);
  }
  if (!st)
    print_end(arr);
out:
  cJSON_Delete(arr);
  free(d);
  return st;
}

lab_status cli_wages_region(struct lab_store *s, const char *occ, char *const *areas, size_t n,
                            int year, const struct cli_fit_request *req, const struct cli_basis *b,
                            enum cli_format fmt, struct lab_error *err)
{
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  cJSON *arr = fmt == CLI_JSON ? cJSON_CreateArray() : NULL;
  char name[256] = "";
  char title[300] = "";
  lab_status st = LAB_OK;

  if (!d || (fmt == CLI_JSON && !arr)) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  st = cli_region_dist(s, occ, areas, n, year, req, b, d, err);
  if (st)
    goto out;
  for (size_t i = 0, k = 0; i < d->n && k < sizeof(name); i++)
    k += (size_t)snprintf(name + k, sizeof(name) - k, "%s%s", i ? "+" : "", d->part[i].code);
  snprintf(title, sizeof(title), "%s (%s)", d->occ_title, occ);
  {
    struct mix_view v = {"region", name, title, NULL, "area", NULL, 0, NULL, NULL};
    if (fmt == CLI_CSV)
      puts("region,year,area,area_name,soc_edition,kind,code,weight,measure,value,basis_detail");
    print_mix(&v, d, req, fmt, arr, true);
  }
  print_end(arr);
out:
  cJSON_Delete(arr);
  free(d);
  return st;
}
