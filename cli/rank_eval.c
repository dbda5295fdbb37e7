/*
 * rank_eval.c - (cli/) the values of `laborstat rank`: each area's measure with its CI from the
 * published RSE (or the LQ and jobs per 1,000 recomputed from employment), the price-parity
 * basis, and the ranking with tie groups.
 */
#include "cli/rank.h"
#include "cli/wages.h"
#include "datasets/lab_query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL 0.95

/* ------------------------------------------------------------------------------ helpers */

bool cli_rank_measure_derived(enum lab_measure m)
{
  return m == LAB_M_LOC_QUOTIENT || m == LAB_M_JOBS_1000;
}

lab_status cli_rank_collect(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
{
  struct cells *cs = ctx;

  if (cs->n == cs->cap) {
    size_t cap = cs->cap ? cs->cap * 2 : 64;
    struct lab_oews_cell *p = realloc(cs->v, cap * sizeof(*p));
    if (!p)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    cs->v = p;
    cs->cap = cap;
  }
  cs->v[cs->n++] = *c;
  return LAB_OK;
}

const struct lab_oews_cell *cli_rank_find_area(const struct cells *cs, const char *area)
{
  for (size_t i = 0; i < cs->n; i++)
    if (strcmp(cs->v[i].area.code, area) == 0)
      return &cs->v[i];
  return NULL;
}

/* --------------------------------------------------------------------------- the values */

void cli_rank_value_from_cell(struct entry *e, enum lab_measure m)
{
  const struct lab_value *v = &e->cell.m[m];
  enum lab_measure r = lab_measure_rse(m);

  e->has_value = v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED;
  e->value = e->has_value ? v->v : NAN;
  if (v->state == LAB_V_TOPCODED) {
    e->lower_bound = true;
    snprintf(e->note, sizeof(e->note), "top-coded: a lower bound");
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
  const struct lab_value *v;

  if (!c)
    return NAN;
  v = &c->m[rse ? LAB_M_EMP_PRSE : LAB_M_TOT_EMP];
  return v->state == LAB_V_VALUE ? v->v : NAN;
}

/* LQ or jobs per 1,000 recomputed from employment (the published value kept for the check). */
void cli_rank_value_derived(struct entry *e, enum lab_measure m, const struct lab_oews_cell *total,
                            const struct lab_oews_cell *nat, const struct lab_oews_cell *nat_total)
{
  const struct lab_cmp_lq_in in = {
      .e_area = emp_or_nan(&e->cell, false),
      .total_area = emp_or_nan(total, false),
      .e_nat = emp_or_nan(nat, false),
      .total_nat = emp_or_nan(nat_total, false),
      .rse_e_area = emp_or_nan(&e->cell, true),
      .rse_total_area = emp_or_nan(total, true),
      .rse_e_nat = emp_or_nan(nat, true),
      .rse_total_nat = emp_or_nan(nat_total, true),
  };
  struct lab_cmp_lq lq;
  const struct lab_cmp_est *est;

  e->published = e->cell.m[m].state == LAB_V_VALUE ? e->cell.m[m].v : NAN;
  if (isnan(in.e_area) || isnan(in.total_area) || isnan(in.e_nat) || isnan(in.total_nat) ||
      lab_cmp_lq(&in, LEVEL, &lq, NULL) != LAB_OK) {
    e->has_value = !isnan(e->published);
    e->value = e->published;
    snprintf(e->note, sizeof(e->note), "%s",
             e->has_value ? "published value; not recomputed (employment not published)"
                          : "not available: employment not published");
    return;
  }
  est = m == LAB_M_LOC_QUOTIENT ? &lq.lq : &lq.jobs_1000;
  e->has_value = true;
  e->value = est->value;
  e->se = est->se;
  e->ci = est->ci;
  if (isnan(e->se))
    snprintf(e->note, sizeof(e->note), "no CI (RSE not published)");
}

/* --basis rpp: divide wages by the state's price parity / 100; an area without one is not
 * ranked. */
lab_status cli_rank_apply_rpp(struct lab_store *s, struct entry *e, struct lab_error *err)
{
  struct lab_error rerr = {0};
  double rpp;
  int used = 0;
  lab_status st = lab_store_rpp(s, e->cell.area.code, e->cell.year, &rpp, &used, &rerr);

  if (st == LAB_ERR_NOTFOUND) {
    e->has_value = false;
    snprintf(e->note, sizeof(e->note), "no BEA regional price parity for this area");
    return LAB_OK;
  }
  if (st) {
    *err = rerr;
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

/* ----------------------------------------------------------------------------- ranking */

/*
 * Rank the entries with a value: top-coded ones (lower bounds above every published value) form
 * the first tie group together; the others follow, ranked by lab_cmp_rank(). *order receives
 * the entries' indexes in rank order (ranked first, then the unranked); returns how many are
 * ranked.
 */
lab_status cli_rank_entries(struct entry *ent, size_t n, size_t *order, size_t *nranked,
                            struct lab_error *err)
{
  double *val = calloc(n ? n : 1, sizeof(*val));
  double *se = calloc(n ? n : 1, sizeof(*se));
  size_t *map = calloc(n ? n : 1, sizeof(*map));
  struct lab_cmp_rank *r = calloc(n ? n : 1, sizeof(*r));
  size_t k = 0, m = 0, ntop = 0;
  lab_status st = LAB_OK;

  if (!val || !se || !map || !r) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    if (ent[i].has_value && ent[i].lower_bound)
      order[k++] = i;
  ntop = k;
  for (size_t i = 0; i < ntop; i++) {
    ent[order[i]].group = 1;
    ent[order[i]].rank_lo = 1;
    ent[order[i]].rank_hi = ntop;
  }
  for (size_t i = 0; i < n; i++) {
    if (!ent[i].has_value || ent[i].lower_bound)
      continue;
    val[m] = ent[i].value;
    se[m] = ent[i].se;
    map[m++] = i;
  }
  if (m > 0) {
    st = lab_cmp_rank(val, se, m, true, LEVEL, r, err);
    if (st)
      goto out;
    for (size_t j = 0; j < m; j++) {
      struct entry *e = &ent[map[r[j].index]];
      e->group = r[j].group + (ntop ? 1 : 0);
      e->rank_lo = r[j].rank_lo + ntop;
      e->rank_hi = r[j].rank_hi + ntop;
      order[k++] = map[r[j].index];
    }
  }
  *nranked = k;
  for (size_t i = 0; i < n; i++)
    if (!ent[i].has_value)
      order[k++] = i;
out:
  free(val);
  free(se);
  free(map);
  free(r);
  return st;
}
