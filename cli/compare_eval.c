/*
 * compare_eval.c - (cli/) the values of `laborstat compare OCC`: each area's cell, the measure
 * with its CI from the published RSE, the LQ and jobs per 1,000 recomputed from employment,
 * the price-parity basis, the z-tests, and the source and basis texts.
 */
#include "cli/compare.h"
#include "cli/wages.h"
#include "datasets/lab_query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL 0.95

bool cli_compare_measure_derived(enum lab_measure m)
{
  return m == LAB_M_LOC_QUOTIENT || m == LAB_M_JOBS_1000;
}

/* --------------------------------------------------------------------------- the values */

/* The measure straight from the cell: a published value with its RSE-based SE. */
static void value_from_cell(struct entry *e, enum lab_measure m)
{
  const struct lab_value *v = &e->cell.m[m];
  enum lab_measure r = lab_measure_rse(m);

  e->se = NAN;
  e->has_value = v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED;
  e->value = e->has_value ? v->v : NAN;
  if (v->state == LAB_V_TOPCODED) {
    e->lower_bound = true;
    snprintf(e->note, sizeof(e->note), "top-coded: a lower bound; not tested");
  } else if (!e->has_value) {
    cli_measure_text(m, v, e->note, sizeof(e->note));
  } else if (r == LAB_M_COUNT) {
    snprintf(e->note, sizeof(e->note), "no CI (BLS publishes no RSE for %s)", lab_measure_name(m));
  } else if (e->cell.m[r].state != LAB_V_VALUE) {
    snprintf(e->note, sizeof(e->note), "no CI (RSE not published)");
  } else if (lab_an_ci_rse(v->v, e->cell.m[r].v, LEVEL, &e->ci, NULL) == LAB_OK) {
    e->se = fabs(v->v) * e->cell.m[r].v / 100.0;
  }
}

static double emp_or_nan(const struct lab_oews_cell *c, bool rse)
{
  const struct lab_value *v = &c->m[rse ? LAB_M_EMP_PRSE : LAB_M_TOT_EMP];

  return v->state == LAB_V_VALUE ? v->v : NAN;
}

/*
 * Location quotient and jobs per 1,000 recomputed from employment (area occupation, area total,
 * national occupation, national total), with delta-method CIs; e->have_lq is false when some
 * employment is not published. The nation's LQ is 1 by definition (SE 0, so a test against the
 * nation tests LQ = 1).
 */
static void compute_lq(struct entry *e, const struct lab_oews_cell *area_total,
                       const struct lab_oews_cell *nat, const struct lab_oews_cell *nat_total)
{
  struct lab_cmp_lq_in in = {
      .e_area = emp_or_nan(&e->cell, false),
      .total_area = area_total ? emp_or_nan(area_total, false) : NAN,
      .e_nat = nat ? emp_or_nan(nat, false) : NAN,
      .total_nat = nat_total ? emp_or_nan(nat_total, false) : NAN,
      .rse_e_area = emp_or_nan(&e->cell, true),
      .rse_total_area = area_total ? emp_or_nan(area_total, true) : NAN,
      .rse_e_nat = nat ? emp_or_nan(nat, true) : NAN,
      .rse_total_nat = nat_total ? emp_or_nan(nat_total, true) : NAN,
  };
  bool is_nation = strcmp(e->cell.area.code, "US") == 0;

  if (is_nation) { /* the nation's occupation is the area's: no separate national figures */
    in.e_nat = in.e_area;
    in.total_nat = in.total_area;
    in.rse_e_nat = in.rse_e_area;
    in.rse_total_nat = in.rse_total_area;
  }
  e->have_lq = !isnan(in.e_area) && !isnan(in.total_area) && !isnan(in.e_nat) &&
               !isnan(in.total_nat) && lab_cmp_lq(&in, LEVEL, &e->lq, NULL) == LAB_OK;
  if (e->have_lq && is_nation)
    e->lq.lq = (struct lab_cmp_est){.value = 1, .se = 0, .ci = {1, 1}};
}

static double published_or_nan(const struct lab_oews_cell *c, enum lab_measure m)
{
  return c->m[m].state == LAB_V_VALUE ? c->m[m].v : NAN;
}

/* The LQ or jobs per 1,000 as the measure compared: the recomputed value (compute_lq), or the
 * published one without a CI when employment is missing. */
static void value_derived(struct entry *e, enum lab_measure m)
{
  const struct lab_cmp_est *est = m == LAB_M_LOC_QUOTIENT ? &e->lq.lq : &e->lq.jobs_1000;

  e->published = published_or_nan(&e->cell, m);
  e->se = NAN;
  if (!e->have_lq) {
    e->has_value = !isnan(e->published);
    e->value = e->published;
    snprintf(e->note, sizeof(e->note), "%s",
             e->has_value ? "published value; not recomputed (employment not published)"
                          : "not available: employment not published");
    return;
  }
  e->has_value = true;
  e->value = est->value;
  e->se = est->se;
  e->ci = est->ci;
  if (strcmp(e->cell.area.code, "US") == 0 && m == LAB_M_LOC_QUOTIENT)
    snprintf(e->note, sizeof(e->note), "the nation: 1 by definition");
  else if (isnan(e->se))
    snprintf(e->note, sizeof(e->note), "no CI (RSE not published)");
}

/* --basis rpp: divide wages by the area's price parity / 100. */
static lab_status apply_rpp(struct lab_store *s, struct entry *e, struct lab_error *err)
{
  double rpp = 100;
  int used = 0;

  if (strcmp(e->cell.area.code, "US") != 0) {
    lab_status st = lab_store_rpp(s, e->cell.area.code, e->cell.year, &rpp, &used, err);
    if (st)
      return st;
  }
  e->rpp = rpp;
  e->rpp_year = used;
  if (e->has_value) {
    e->value /= rpp / 100.0;
    e->se /= rpp / 100.0;
    e->ci.lo /= rpp / 100.0;
    e->ci.hi /= rpp / 100.0;
  }
  return LAB_OK;
}

/* ------------------------------------------------------------------------------- tests */

void cli_compare_test_pair(const struct entry *a, const struct entry *b, struct pair_result *r)
{
  const char *na = a->cell.area.name, *nb = b->cell.area.name;

  memset(r, 0, sizeof(*r));
  if (!a->has_value || !b->has_value)
    snprintf(r->verdict, sizeof(r->verdict), "not tested: no value for %s",
             !a->has_value ? na : nb);
  else if (a->lower_bound || b->lower_bound)
    snprintf(r->verdict, sizeof(r->verdict), "not tested: %s is top-coded (a lower bound)",
             a->lower_bound ? na : nb);
  else if (isnan(a->se) || isnan(b->se))
    snprintf(r->verdict, sizeof(r->verdict), "not tested: no standard error for %s",
             isnan(a->se) ? na : nb);
  else if (lab_cmp_diff(a->value, a->se, b->value, b->se, LEVEL, &r->d, NULL) != LAB_OK)
    snprintf(r->verdict, sizeof(r->verdict), "not tested: both standard errors are 0");
  else {
    r->tested = true;
    lab_cmp_verdict(&r->d, na, nb, r->verdict, sizeof(r->verdict));
  }
}

/* The pairs tested: (i, 0) for every later area, or every (i, j) with i < j under --pairs. */
bool cli_compare_pair_wanted(const struct compare_opts *o, size_t i, size_t j)
{
  return o->pairs ? i < j : (j == 0 && i > 0);
}

/* ----------------------------------------------------------------------------- loading */

/* The cells (and all-occupation totals) of the areas ent[0..n), whose canonical codes are
 * codes[], for May `year` (0 = each area's latest), in one query each; an area without its cell
 * is looked up alone for lab_store_oews_cell's message. */
static lab_status load_cells(struct lab_store *s, const struct compare_opts *o,
                             const char *const *codes, size_t n, int year, bool totals,
                             struct entry *ent, struct lab_error *err)
{
  struct lab_oews_cell *cells = calloc(n, sizeof(*cells));
  bool *found = calloc(n, sizeof(*found));
  lab_status st = cells && found ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");

  if (!st)
    st = lab_store_oews_cells(s, totals ? TOTAL_OCC : o->occ, codes, n, year, cells, found, err);
  for (size_t i = 0; i < n && !st; i++) {
    if (totals) {
      ent[i].total_known = true;
      ent[i].have_total = found[i];
      ent[i].total = cells[i];
    } else if (found[i]) {
      ent[i].cell = cells[i];
    } else {
      st = lab_store_oews_cell(s, o->occ, codes[i], year, &ent[i].cell, err);
    }
  }
  free(cells);
  free(found);
  return st;
}

/* The cells of every area for one May year: the year asked for, else the latest year that
 * every area has. */
lab_status cli_compare_load_areas(struct lab_store *s, const struct compare_opts *o,
                                  struct entry *ent, struct lab_error *err)
{
  char(*code)[sizeof(ent[0].cell.area.code)] = calloc(o->nareas ? o->nareas : 1, sizeof(*code));
  const char **codes = calloc(o->nareas ? o->nareas : 1, sizeof(*codes));
  int year = o->year;
  lab_status st = code && codes ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");

  for (size_t i = 0; i < o->nareas && !st; i++) {
    struct lab_area a;
    st = lab_store_area_resolve(s, o->areas[i], &a, err);
    snprintf(code[i], sizeof(code[i]), "%s", a.code);
    codes[i] = code[i];
  }
  if (!st)
    st = load_cells(s, o, codes, o->nareas, o->year, false, ent, err);
  for (size_t i = 0; i < o->nareas && !st; i++)
    if (o->year == 0 && (year == 0 || ent[i].cell.year < year))
      year = ent[i].cell.year;
  for (size_t i = 0; i < o->nareas && !st; i++) {
    if (ent[i].cell.year == year)
      continue;
    st = lab_store_oews_cell(s, o->occ, code[i], year, &ent[i].cell, err);
    if (st == LAB_ERR_NOTFOUND && err) {
      char msg[sizeof(err->msg)];
      snprintf(msg, sizeof(msg), "%s", err->msg);
      lab_error_set(err, st, "the areas have no May year in common for %s (%s); pass --year",
                    o->occ, msg);
    }
  }
  if (!st) /* every cell is of `year` now: the totals of that year, for LQ and jobs per 1,000 */
    st = load_cells(s, o, codes, o->nareas, year, true, ent, err);
  free(code);
  free(codes);
  return st;
}

static bool has_release(const struct entry *ent, size_t n, size_t upto, int64_t id)
{
  for (size_t i = 0; i < n && i < upto; i++)
    if (ent[i].cell.release_id == id)
      return true;
  return false;
}

/* "BLS OEWS May 2024, state cross-industry estimates (laborstat snapshot); ..." */
void cli_compare_sources_text(const struct entry *ent, size_t n, char *out, size_t size)
{
  size_t len = 0;

  out[0] = '\0';
  for (size_t i = 0; i < n && len < size; i++) {
    char one[256];
    if (has_release(ent, n, i, ent[i].cell.release_id))
      continue;
    cli_cell_source(&ent[i].cell, one, sizeof(one));
    len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "; " : "", one);
  }
}

void cli_compare_basis_text(const struct compare_opts *o, const struct entry *ent, size_t n,
                            char *out, size_t size)
{
  int lo = 0, hi = 0;

  if (!o->rpp || !lab_measure_is_wage(o->measure)) {
    snprintf(out, size, "%s", lab_measure_is_wage(o->measure) ? "nominal dollars" : "");
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (ent[i].rpp_year == 0)
      continue;
    lo = lo == 0 || ent[i].rpp_year < lo ? ent[i].rpp_year : lo;
    hi = ent[i].rpp_year > hi ? ent[i].rpp_year : hi;
  }
  if (lo == 0)
    snprintf(out, size, "price-parity adjusted dollars (U.S. = 100)");
  else if (lo == hi)
    snprintf(out, size,
             "price-parity adjusted dollars: wages divided by BEA RPP %d / 100 (all items, "
             "U.S. = 100)",
             lo);
  else
    snprintf(out, size,
             "price-parity adjusted dollars: wages divided by BEA RPP %d-%d / 100 (all items, "
             "U.S. = 100)",
             lo, hi);
}

/* Fill entry e's value in the chosen measure and basis. */
lab_status cli_compare_evaluate(struct lab_store *s, const struct compare_opts *o, struct entry *e,
                                const struct lab_oews_cell *nat,
                                const struct lab_oews_cell *nat_total, struct lab_error *err)
{
  struct lab_oews_cell total = e->total;
  bool have_total = e->total_known ? e->have_total
                                   : lab_store_oews_cell(s, TOTAL_OCC, e->cell.area.code,
                                                         e->cell.year, &total, NULL) == LAB_OK;

  e->published = NAN;
  e->rpp = NAN;
  e->ci.lo = e->ci.hi = NAN;
  compute_lq(e, have_total ? &total : NULL, nat, nat_total);
  if (cli_compare_measure_derived(o->measure))
    value_derived(e, o->measure);
  else
    value_from_cell(e, o->measure);
  return o->rpp ? apply_rpp(s, e, err) : LAB_OK;
}
