/*
 * project_role.c - `project ROLE`: the projections of a role's SOC 2018 codes and the role's
 * growth: employment-weighted (summed employment) or, for roles with fixed weights, the
 * weighted mean of the codes' percent changes.
 */
#include "cli/project.h"
#include "common/lab_num.h"
#include "datasets/lab_roles.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ROLE_MAX_CODES 16

struct role_projection {
  const struct lab_role *role;
  size_t n;
  struct cli_project *p[ROLE_MAX_CODES]; /* NULL where the code has no projection */
  char missing[ROLE_MAX_CODES][256];
  double weight[ROLE_MAX_CODES]; /* fixed weights, or NAN for employment weights */
  struct lab_proj_figures total;
  struct lab_proj_band band;
  bool fixed;
  bool mixed_cycles;     /* the codes' projections come from different cycles */
  bool openings_partial; /* some code has no published openings */
};

static void release_projection(struct role_projection *rp)
{
  for (size_t i = 0; i < rp->n; i++)
    free(rp->p[i]);
  memset(rp, 0, sizeof(*rp));
}

static lab_status project_role(struct lab_store *s, const struct lab_role *r,
                               const struct lab_area *area, const char *cycle,
                               struct role_projection *rp, struct lab_error *err)
{
  const struct lab_role_components *ed = &r->editions[LAB_ROLE_SOC2018];
  double base = 0, proj = 0, change = 0, openings = 0, wsum = 0, wpct = 0, halfwidth = NAN;
  lab_status st = LAB_OK;

  memset(rp, 0, sizeof(*rp));
  rp->role = r;
  if (ed->n == 0 || ed->n > ROLE_MAX_CODES)
    return lab_error_set(err, LAB_ERR_NOTFOUND, "role '%s' has no SOC 2018 codes to project",
                         r->name);
  for (size_t i = 0; i < ed->n && !st; i++) {
    struct cli_project *p = calloc(1, sizeof(*p));
    struct lab_error e2 = {0};
    if (!p)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    rp->n++;
    rp->fixed = !ed->v[i].by_employment;
    rp->weight[i] = ed->v[i].by_employment ? NAN : ed->v[i].weight;
    p->occ = ed->v[i].code;
    p->area = *area;
    snprintf(p->cycle, sizeof(p->cycle), "%s", cycle ? cycle : "");
    if (cli_project_run(s, p, &e2) != LAB_OK) {
      snprintf(rp->missing[i], sizeof(rp->missing[i]), "%.250s", e2.msg);
      free(p);
      continue;
    }
    rp->p[i] = p;
    for (size_t k = 0; k < i; k++)
      if (rp->p[k] && strcmp(rp->p[k]->used.vintage, p->used.vintage) != 0)
        rp->mixed_cycles = true;
    if (isnan(p->f.openings))
      rp->openings_partial = true;
    base += p->f.emp_base;
    proj += p->f.emp_proj;
    change += p->f.change;
    openings += isnan(p->f.openings) ? 0 : p->f.openings;
    /* the published percent changes (BLS computes them from unrounded employment), weighted by
       the role's fixed weights or by base employment */
    wsum += rp->fixed ? rp->weight[i] : p->f.emp_base;
    wpct += (rp->fixed ? rp->weight[i] : p->f.emp_base) * p->f.pct_change;
    halfwidth = p->band.halfwidth_pp;
  }
  if (base <= 0)
    return lab_error_set(err, LAB_ERR_NOTFOUND, "no projection for any code of role '%s' in %s",
                         r->name, area->name);
  st = lab_proj_figures(base, proj, openings, &rp->total, err);
  if (!st) {
    rp->total.change = change;
    rp->total.pct_change = wpct / wsum;
  }
  if (!st)
    st = lab_proj_band(&rp->total, halfwidth, &rp->band, err);
  return st;
}

/* ----------------------------------------------------------------------------------- output */

static void grouped(double v, bool sign, char *out, size_t size)
{
  lab_num_format_with(v, 0, sign && v > 0 ? "+" : "", out, size);
}

static void print_table(const struct role_projection *rp, const struct lab_roles *set,
                        const struct lab_area *area)
{
  static const char *const names[] = {"code",      "occupation", "cycle",    "method",     "base",
                                      "projected", "change",     "% change", "openings/yr"};
  static const bool numeric[] = {false, false, false, false, true, true, true, true, true};
  struct cli_table *t = cli_table_new(9, names, numeric);
  char b[32], p[32], c[32], pc[32], o[32], lo[32], hi[32];

  printf("%s (role %s, preset %s): 10-year employment projections, %s\n", rp->role->title,
         rp->role->name, set->preset, area->name);
  for (size_t i = 0; t && i < rp->n; i++) {
    const struct cli_project *x = rp->p[i];
    const char *code = rp->role->editions[LAB_ROLE_SOC2018].v[i].code;
    if (!x) {
      cli_table_add(t, (const char *[]){code, rp->missing[i], "", "", "", "", "", "", ""});
      continue;
    }
    grouped(x->f.emp_base, false, b, sizeof(b));
    grouped(x->f.emp_proj, false, p, sizeof(p));
    grouped(x->f.change, true, c, sizeof(c));
    snprintf(pc, sizeof(pc), "%+.1f%%", x->f.pct_change);
    grouped(x->f.openings, false, o, sizeof(o));
    cli_table_add(t, (const char *[]){code, cli_project_title(x), x->used.vintage,
                                      cli_project_method_key(x), b, p, c, pc, o});
  }
  if (t)
    cli_table_print(t, CLI_TABLE, NULL, stdout);
  cli_table_free(t);
  grouped(rp->total.emp_base, false, b, sizeof(b));
  grouped(rp->total.emp_proj, false, p, sizeof(p));
  grouped(rp->total.openings, false, o, sizeof(o));
  snprintf(lo, sizeof(lo), "%+.1f%%", rp->band.pct_change.lo);
  snprintf(hi, sizeof(hi), "%+.1f%%", rp->band.pct_change.hi);
  printf("Role: %+.1f%% (%s; band %s to %s, +/- %.1f points from the published accuracy of past "
         "BLS projections, a rough scale, not a confidence interval); the codes together: %s -> "
         "%s, %s openings a year\n",
         rp->total.pct_change,
         rp->fixed ? "the role's fixed weights applied to the codes' percent changes"
                   : "the codes' percent changes weighted by their base employment",
         lo, hi, rp->band.halfwidth_pp, b, p, o);
  if (rp->openings_partial)
    printf("Openings are summed over the codes that publish them: a lower bound.\n");
  if (rp->mixed_cycles)
    printf("The codes' projections come from different cycles (see the cycle column): the "
           "role's figures mix them.\n");
  printf("The codes include workers outside the role: their employment is an upper bound of the "
         "role's.\n");
}

static void csv_line(const struct lab_role *r, const struct lab_area *area, const char *kind,
                     const char *code, const char *cycle, const char *method,
                     const struct lab_proj_figures *f)
{
  char v[5][40];
  const double x[5] = {f->emp_base, f->emp_proj, f->change, f->pct_change, f->openings};

  for (int i = 0; i < 5; i++) {
    v[i][0] = '\0';
    if (!isnan(x[i]))
      lab_num_format(x[i], v[i], sizeof(v[i]));
  }
  printf("%s,%s,", r->name, area->code);
  cli_csv_field(stdout, area->name);
  printf(",%s,%s,%s,%s,%s,%s,%s,%s,%s\n", kind, code, cycle, method, v[0], v[1], v[2], v[3], v[4]);
}

static void print_csv(const struct role_projection *rp, const struct lab_area *area)
{
  for (size_t i = 0; i < rp->n; i++)
    if (rp->p[i])
      csv_line(rp->role, area, "code", rp->role->editions[LAB_ROLE_SOC2018].v[i].code,
               rp->p[i]->used.vintage, cli_project_method_key(rp->p[i]), &rp->p[i]->f);
  csv_line(rp->role, area, "role", "", "", rp->fixed ? "fixed_weights" : "employment_weighted",
           &rp->total);
}

static void add_num(cJSON *o, const char *k, double v)
{
  if (isnan(v))
    cJSON_AddNullToObject(o, k);
  else
    cJSON_AddNumberToObject(o, k, v);
}

static void add_figures(cJSON *o, const struct lab_proj_figures *f)
{
  add_num(o, "emp_base", f->emp_base);
  add_num(o, "emp_proj", f->emp_proj);
  add_num(o, "change", f->change);
  add_num(o, "pct_change", f->pct_change);
  add_num(o, "openings", f->openings);
}

static cJSON *role_json(const struct role_projection *rp, const struct lab_roles *set,
                        const struct lab_area *area)
{
  cJSON *o = cJSON_CreateObject();
  cJSON *comps = cJSON_CreateArray();
  cJSON *total = cJSON_CreateObject();
  cJSON *band = cJSON_CreateArray();

  cJSON_AddStringToObject(o, "role", rp->role->name);
  cJSON_AddStringToObject(o, "title", rp->role->title);
  cJSON_AddStringToObject(o, "preset", set->preset);
  cJSON_AddStringToObject(o, "area", area->code);
  cJSON_AddStringToObject(o, "area_name", area->name);
  for (size_t i = 0; i < rp->n; i++) {
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "code", rp->role->editions[LAB_ROLE_SOC2018].v[i].code);
    if (rp->p[i]) {
      cJSON_AddStringToObject(c, "title", cli_project_title(rp->p[i]));
      cJSON_AddStringToObject(c, "cycle", rp->p[i]->used.vintage);
      cJSON_AddStringToObject(c, "method", cli_project_method_key(rp->p[i]));
      add_figures(c, &rp->p[i]->f);
    } else {
      cJSON_AddStringToObject(c, "missing", rp->missing[i]);
    }
    add_num(c, "fixed_weight", rp->weight[i]);
    cJSON_AddItemToArray(comps, c);
  }
  cJSON_AddItemToObject(o, "components", comps);
  add_figures(total, &rp->total);
  cJSON_AddStringToObject(total, "weights", rp->fixed ? "fixed" : "employment");
  cJSON_AddBoolToObject(total, "mixed_cycles", rp->mixed_cycles);
  cJSON_AddBoolToObject(total, "openings_partial", rp->openings_partial);
  cJSON_AddItemToArray(band, cJSON_CreateNumber(rp->band.pct_change.lo));
  cJSON_AddItemToArray(band, cJSON_CreateNumber(rp->band.pct_change.hi));
  cJSON_AddItemToObject(total, "pct_change_band", band);
  cJSON_AddItemToObject(o, "total", total);
  return o;
}

int cli_project_roles(struct cli_ctx *ctx, const struct cli_cmd *cmd, const char *name,
                      const char *area_text, const char *cycle)
{
  struct lab_roles *set = NULL;
  struct lab_store *store = NULL;
  struct role_projection rp = {0};
  struct lab_error err = {0};
  struct lab_area area;
  cJSON *arr = ctx->format == CLI_JSON ? cJSON_CreateArray() : NULL;
  lab_status st;
  int rc = CLI_EXIT_OK;

  st = lab_roles_find(name, &set, &err);
  if (st == LAB_ERR_NOTFOUND) {
    rc = cli_usage_error(cmd, "'%s' is neither an SOC code such as 29-9021 nor a role: %s", name,
                         err.msg);
    goto out;
  }
  if (!st)
    st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_area_resolve(store, area_text ? area_text : "US", &area, &err);
  if (!st && ctx->format == CLI_CSV)
    puts("role,area,area_name,kind,code,cycle,method,emp_base,emp_proj,change,pct_change,"
         "openings");
  for (size_t i = 0; set && i < set->n && !st; i++) {
    st = project_role(store, &set->roles[i], &area, cycle, &rp, &err);
    if (st)
      break;
    if (ctx->format == CLI_CSV)
      print_csv(&rp, &area);
    else if (ctx->format == CLI_JSON)
      cJSON_AddItemToArray(arr, role_json(&rp, set, &area));
    else {
      if (i)
        putchar('\n');
      print_table(&rp, set, &area);
    }
    release_projection(&rp);
  }
  release_projection(&rp);
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(cmd, "%s", err.msg) : cli_fail(&err);
    goto out;
  }
  if (arr) {
    char *text = cJSON_Print(arr);
    if (text)
      printf("%s\n", text);
    free(text);
  }
out:
  cJSON_Delete(arr);
  lab_roles_free(set);
  return rc;
}
