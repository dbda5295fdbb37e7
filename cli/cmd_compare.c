/*
 * cmd_compare.c - `laborstat compare OCC --areas A,B,...`: one occupation across areas with 95%
 * confidence intervals from the published relative standard errors, the national value as
 * reference, the location quotient and jobs per 1,000 recomputed from employment, and z-tests of
 * the differences (against the first area, or all pairs).
 */
#include "analyzer/lab_compare.h"
#include "cli/compare_role.h"
#include "cli/wages.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL 0.95
#define MAX_AREAS 64
#define TOTAL_OCC "00-0000"

struct entry {
  struct lab_oews_cell cell;
  bool is_ref;            /* the national reference row */
  bool has_value;         /* value holds a number (an estimate, or a lower bound) */
  bool lower_bound;       /* top-coded: value is the threshold */
  double value, se;       /* in the chosen basis; se NAN = no CI */
  struct lab_interval ci; /* 95% CI when se is known */
  double published;       /* loc_quotient / jobs_1000: the published value, NAN when none */
  bool have_lq;           /* lq: LQ and jobs per 1,000 recomputed from employment */
  struct lab_cmp_lq lq;   /* (never price-adjusted) */
  double rpp;             /* --basis rpp: the parity used (U.S. = 100), else NAN */
  int rpp_year;           /* the RPP year used; 0 for the nation (100 by definition) */
  char note[160];
};

struct compare_opts {
  const char *occ;
  char *areas[MAX_AREAS];
  size_t nareas;
  int year;
  enum lab_measure measure;
  bool rpp;
  bool pairs;
};

/* ------------------------------------------------------------------------------ helpers */

static bool measure_allowed(enum lab_measure m)
{
  return m == LAB_M_A_MEAN || m == LAB_M_A_MEDIAN || m == LAB_M_TOT_EMP ||
         m == LAB_M_LOC_QUOTIENT || m == LAB_M_JOBS_1000;
}

static bool measure_derived(enum lab_measure m)
{
  return m == LAB_M_LOC_QUOTIENT || m == LAB_M_JOBS_1000;
}

/* A number for people: "$152,640", "15,800", "0.752"; or round-trip digits for CSV/JSON. */
static void fmt_num(enum lab_measure m, double v, bool pretty, bool more, char *out, size_t size)
{
  char num[40];
  int dec = m == LAB_M_LOC_QUOTIENT ? 2 : m == LAB_M_JOBS_1000 ? 3 : 0;

  if (isnan(v)) {
    out[0] = '\0';
    return;
  }
  if (!pretty) {
    lab_num_format(v, out, size);
    return;
  }
  lab_num_format_grouped(fabs(v), dec + (more ? 1 : 0), num, sizeof(num));
  snprintf(out, size, "%s%s%s", v < 0 ? "-" : "", lab_measure_is_wage(m) ? "$" : "", num);
}

static void fmt_range(enum lab_measure m, struct lab_interval ci, bool pretty, bool more, char *out,
                      size_t size)
{
  char lo[44], hi[44];

  if (isnan(ci.lo)) {
    out[0] = '\0';
    return;
  }
  fmt_num(m, ci.lo, pretty, more, lo, sizeof(lo));
  fmt_num(m, ci.hi, pretty, more, hi, sizeof(hi));
  snprintf(out, size, "%s to %s", lo, hi);
}

/* "California (06)" / "U.S. (reference)". */
static void entry_label(const struct entry *e, char *out, size_t size)
{
  if (e->is_ref)
    snprintf(out, size, "%s (reference)", e->cell.area.name);
  else
    snprintf(out, size, "%s (%s)", e->cell.area.name, e->cell.area.code);
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

struct pair_result {
  bool tested;
  struct lab_cmp_diff d;
  char verdict[256];
};

static void test_pair(const struct entry *a, const struct entry *b, struct pair_result *r)
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

/* ----------------------------------------------------------------------------- loading */

/* The cells of every area for one May year: the year asked for, else the latest year that
 * every area has. */
static lab_status load_areas(struct lab_store *s, const struct compare_opts *o, struct entry *ent,
                             struct lab_error *err)
{
  int year = o->year;
  lab_status st = LAB_OK;

  for (size_t i = 0; i < o->nareas && !st; i++) {
    struct lab_area a;
    st = lab_store_area_resolve(s, o->areas[i], &a, err);
    if (!st)
      st = lab_store_oews_cell(s, o->occ, a.code, o->year, &ent[i].cell, err);
    if (!st && o->year == 0 && (year == 0 || ent[i].cell.year < year))
      year = ent[i].cell.year;
  }
  for (size_t i = 0; i < o->nareas && !st; i++) {
    char code[sizeof(ent[i].cell.area.code)];
    if (ent[i].cell.year == year)
      continue;
    memcpy(code, ent[i].cell.area.code, sizeof(code)); /* the call overwrites the cell */
    st = lab_store_oews_cell(s, o->occ, code, year, &ent[i].cell, err);
    if (st == LAB_ERR_NOTFOUND && err) {
      char msg[sizeof(err->msg)];
      snprintf(msg, sizeof(msg), "%s", err->msg);
      lab_error_set(err, st, "the areas have no May year in common for %s (%s); pass --year",
                    o->occ, msg);
    }
  }
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
static void sources_text(const struct entry *ent, size_t n, char *out, size_t size)
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

static void basis_text(const struct compare_opts *o, const struct entry *ent, size_t n, char *out,
                       size_t size)
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

/* ------------------------------------------------------------------------------ output */

enum {
  C_ROLE,
  C_AREA,
  C_NAME,
  C_YEAR,
  C_OCC,
  C_TITLE,
  C_SOC,
  C_MEASURE,
  C_BASIS,
  C_VALUE,
  C_BOUND,
  C_SE,
  C_LO,
  C_HI,
  C_NOTE,
  C_PUB,
  C_PUBDIFF,
  C_RPP,
  C_RPPYEAR,
  C_VS,
  C_DIFF,
  C_DLO,
  C_DHI,
  C_Z,
  C_P,
  C_VERDICT,
  C_LQ, /* C_LQ..C_JPUB: LQ and jobs per 1,000 recomputed (with CI) and published */
  C_LQLO,
  C_LQHI,
  C_LQPUB,
  C_J,
  C_JLO,
  C_JHI,
  C_JPUB,
  C_SOURCE,
  C_NCOLS
};

static const char *const data_names[C_NCOLS] = {"role",
                                                "area",
                                                "area_name",
                                                "year",
                                                "occ_code",
                                                "occ_title",
                                                "soc_edition",
                                                "measure",
                                                "basis",
                                                "value",
                                                "bound",
                                                "se",
                                                "ci95_low",
                                                "ci95_high",
                                                "note",
                                                "published",
                                                "recomputed_minus_published",
                                                "rpp",
                                                "rpp_year",
                                                "vs_area",
                                                "diff",
                                                "diff_ci95_low",
                                                "diff_ci95_high",
                                                "z",
                                                "p",
                                                "verdict",
                                                "lq",
                                                "lq_ci95_low",
                                                "lq_ci95_high",
                                                "lq_published",
                                                "jobs_1000",
                                                "jobs_1000_ci95_low",
                                                "jobs_1000_ci95_high",
                                                "jobs_1000_published",
                                                "source"};
static const bool data_numeric[C_NCOLS] = {
    [C_YEAR] = true, [C_VALUE] = true,   [C_SE] = true,    [C_LO] = true,      [C_HI] = true,
    [C_PUB] = true,  [C_PUBDIFF] = true, [C_RPP] = true,   [C_RPPYEAR] = true, [C_DIFF] = true,
    [C_DLO] = true,  [C_DHI] = true,     [C_Z] = true,     [C_P] = true,       [C_LQ] = true,
    [C_LQLO] = true, [C_LQHI] = true,    [C_LQPUB] = true, [C_J] = true,       [C_JLO] = true,
    [C_JHI] = true,  [C_JPUB] = true};

/* Text of the recomputed LQ and jobs per 1,000 of e: cells C_LQ..C_JPUB into buf[8][40]. */
static void lq_cells(const struct entry *e, char buf[8][40], const char **cells)
{
  const struct lab_cmp_est *est[2] = {&e->lq.lq, &e->lq.jobs_1000};
  const enum lab_measure pub[2] = {LAB_M_LOC_QUOTIENT, LAB_M_JOBS_1000};

  for (int k = 0; k < 2; k++) {
    char *v = buf[4 * k], *lo = buf[4 * k + 1], *hi = buf[4 * k + 2], *p = buf[4 * k + 3];
    v[0] = lo[0] = hi[0] = p[0] = '\0';
    if (e->have_lq) {
      lab_num_format(est[k]->value, v, 40);
      if (!isnan(est[k]->se)) {
        lab_num_format(est[k]->ci.lo, lo, 40);
        lab_num_format(est[k]->ci.hi, hi, 40);
      }
    }
    if (e->cell.m[pub[k]].state == LAB_V_VALUE)
      lab_num_format(e->cell.m[pub[k]].v, p, 40);
    for (int c = 0; c < 4; c++)
      cells[C_LQ + 4 * k + c] = buf[4 * k + c];
  }
}

/* One CSV/JSON row: entry e, and the test against `vs` when r is not NULL. */
static bool data_row(struct cli_table *t, const struct compare_opts *o, const struct entry *e,
                     const struct entry *vs, const struct pair_result *r, const char *basis,
                     const char *source)
{
  char year[16], value[40] = "", se[40] = "", lo[40] = "", hi[40] = "", pub[40] = "",
                 pubdiff[40] = "", rpp[40] = "", rppyear[16] = "", diff[40] = "", dlo[40] = "",
                 dhi[40] = "", z[40] = "", p[40] = "";
  char lq[8][40];
  const char *cells[C_NCOLS] = {0};

  lq_cells(e, lq, cells);
  snprintf(year, sizeof(year), "%d", e->cell.year);
  if (e->has_value)
    lab_num_format(e->value, value, sizeof(value));
  if (e->has_value && !isnan(e->se)) {
    lab_num_format(e->se, se, sizeof(se));
    lab_num_format(e->ci.lo, lo, sizeof(lo));
    lab_num_format(e->ci.hi, hi, sizeof(hi));
  }
  if (!isnan(e->published)) {
    lab_num_format(e->published, pub, sizeof(pub));
    if (e->has_value && e->value != e->published)
      lab_num_format(e->value - e->published, pubdiff, sizeof(pubdiff));
    else if (e->has_value)
      snprintf(pubdiff, sizeof(pubdiff), "0");
  }
  if (!isnan(e->rpp)) {
    lab_num_format(e->rpp, rpp, sizeof(rpp));
    if (e->rpp_year)
      snprintf(rppyear, sizeof(rppyear), "%d", e->rpp_year);
  }
  if (r && r->tested) {
    lab_num_format(r->d.diff, diff, sizeof(diff));
    lab_num_format(r->d.ci.lo, dlo, sizeof(dlo));
    lab_num_format(r->d.ci.hi, dhi, sizeof(dhi));
    lab_num_format(r->d.z, z, sizeof(z));
    lab_num_format(r->d.p, p, sizeof(p));
  }
  cells[C_ROLE] = e->is_ref ? "reference" : "area";
  cells[C_AREA] = e->cell.area.code;
  cells[C_NAME] = e->cell.area.name;
  cells[C_YEAR] = year;
  cells[C_OCC] = e->cell.occ_code;
  cells[C_TITLE] = e->cell.occ_title;
  cells[C_SOC] = e->cell.soc_edition;
  cells[C_MEASURE] = lab_measure_name(o->measure);
  cells[C_BASIS] = basis;
  cells[C_VALUE] = value;
  cells[C_BOUND] = e->lower_bound ? "lower" : "";
  cells[C_SE] = se;
  cells[C_LO] = lo;
  cells[C_HI] = hi;
  cells[C_NOTE] = e->note;
  cells[C_PUB] = pub;
  cells[C_PUBDIFF] = pubdiff;
  cells[C_RPP] = rpp;
  cells[C_RPPYEAR] = rppyear;
  cells[C_VS] = vs ? vs->cell.area.code : "";
  cells[C_DIFF] = diff;
  cells[C_DLO] = dlo;
  cells[C_DHI] = dhi;
  cells[C_Z] = z;
  cells[C_P] = p;
  cells[C_VERDICT] = r ? r->verdict : "";
  cells[C_SOURCE] = source;
  return cli_table_add(t, cells);
}

/* The pairs tested: (i, 0) for every later area, or every (i, j) with i < j under --pairs. */
static bool pair_wanted(const struct compare_opts *o, size_t i, size_t j)
{
  return o->pairs ? i < j : (j == 0 && i > 0);
}

static lab_status print_data(const struct compare_opts *o, const struct entry *ent, size_t n,
                             const struct entry *ref, const char *basis, const char *source,
                             enum cli_format fmt, struct lab_error *err)
{
  struct cli_table *t = cli_table_new(C_NCOLS, data_names, data_numeric);
  lab_status st = LAB_OK;

  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < n && !st; i++) {
    bool any = false;
    for (size_t j = 0; j < n && !st; j++) {
      struct pair_result r;
      if (!pair_wanted(o, i, j))
        continue;
      test_pair(&ent[i], &ent[j], &r);
      any = true;
      if (!data_row(t, o, &ent[i], &ent[j], &r, basis, source))
        st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    }
    if (!any && !st && !data_row(t, o, &ent[i], NULL, NULL, basis, source))
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  if (!st && ref && !data_row(t, o, ref, NULL, NULL, basis, source))
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  if (!st)
    cli_table_print(t, fmt, NULL, stdout);
  cli_table_free(t);
  return st;
}

/*
 * The check of LQ and jobs per 1,000 (recomputed from employment, with CIs, next to the
 * published values) as a text table; shown under a comparison of another measure.
 */
static lab_status print_lq_check(const struct entry *ent, size_t n, const struct entry *ref,
                                 struct lab_error *err)
{
  static const char *const names[] = {"area",      "LQ",     "95% CI",   "published",
                                      "jobs/1000", "95% CI", "published"};
  static const bool numeric[] = {false, true, true, true, true, true, true};
  struct cli_table *t = cli_table_new(7, names, numeric);
  lab_status st = LAB_OK;
  size_t shown = 0;

  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i <= n && !st; i++) {
    const struct entry *e = i < n ? &ent[i] : ref;
    char label[160], cells[6][48] = {{0}};
    const struct lab_cmp_est *est[2];
    const enum lab_measure pub[2] = {LAB_M_LOC_QUOTIENT, LAB_M_JOBS_1000};
    if (!e)
      continue;
    est[0] = &e->lq.lq;
    est[1] = &e->lq.jobs_1000;
    entry_label(e, label, sizeof(label));
    for (int k = 0; k < 2; k++) {
      if (e->have_lq) {
        fmt_num(pub[k], est[k]->value, true, true, cells[3 * k], sizeof(cells[0]));
        if (!isnan(est[k]->se))
          fmt_range(pub[k], est[k]->ci, true, true, cells[3 * k + 1], sizeof(cells[0]));
      }
      if (e->cell.m[pub[k]].state == LAB_V_VALUE)
        fmt_num(pub[k], e->cell.m[pub[k]].v, true, false, cells[3 * k + 2], sizeof(cells[0]));
    }
    shown += e->have_lq;
    if (!cli_table_add(
            t, (const char *[]){label, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]}))
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  if (!st && shown) {
    printf("\nLocation quotient and jobs per 1,000 recomputed from employment (95%% CI, delta "
           "method) and as published\n");
    cli_table_print(t, CLI_TABLE, NULL, stdout);
  }
  cli_table_free(t);
  return st;
}

static lab_status print_text(const struct compare_opts *o, const struct entry *ent, size_t n,
                             const struct entry *ref, bool us_listed, const char *basis,
                             const char *source, struct lab_error *err)
{
  static const char *const names[] = {
      "area", "estimate", "95% CI", "published", "recomputed - published", "note"};
  static const bool numeric[] = {false, true, true, true, true, false};
  static const char *const tnames[] = {"area", "difference", "95% CI of the difference", "z",
                                       "verdict"};
  static const bool tnumeric[] = {false, true, true, true, false};
  bool derived = measure_derived(o->measure);
  const bool hide[] = {false, false, false, !derived, !derived, false};
  struct cli_table *t = cli_table_new(6, names, numeric);
  struct cli_table *tt = cli_table_new(5, tnames, tnumeric);
  lab_status st = LAB_OK;
  size_t ntests = 0;

  if (!t || !tt) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i <= n; i++) {
    const struct entry *e = i < n ? &ent[i] : ref;
    char label[160], value[64] = "", ci[96] = "", pub[48] = "", pubdiff[48] = "";
    if (!e)
      continue;
    entry_label(e, label, sizeof(label));
    if (e->has_value) {
      char num[48];
      fmt_num(o->measure, e->value, true, derived, num, sizeof(num));
      snprintf(value, sizeof(value), "%s%s", e->lower_bound ? ">= " : "", num);
    }
    if (e->has_value && !isnan(e->se))
      fmt_range(o->measure, e->ci, true, derived, ci, sizeof(ci));
    if (!isnan(e->published)) {
      fmt_num(o->measure, e->published, true, false, pub, sizeof(pub));
      if (e->has_value)
        fmt_num(o->measure, e->value - e->published, true, true, pubdiff, sizeof(pubdiff));
    }
    if (!cli_table_add(t, (const char *[]){label, value, ci, pub, pubdiff, e->note})) {
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      goto out;
    }
  }
  for (size_t i = 0; i < n; i++) {
    for (size_t j = 0; j < n; j++) {
      struct pair_result r;
      char label[300], diff[64] = "", ci[96] = "", z[32] = "";
      if (!pair_wanted(o, i, j))
        continue;
      test_pair(&ent[i], &ent[j], &r);
      snprintf(label, sizeof(label), "%s - %s", ent[i].cell.area.name, ent[j].cell.area.name);
      if (r.tested) {
        fmt_num(o->measure, r.d.diff, true, derived, diff, sizeof(diff));
        fmt_range(o->measure, r.d.ci, true, derived, ci, sizeof(ci));
        snprintf(z, sizeof(z), "%.2f", r.d.z);
      }
      if (!cli_table_add(tt, (const char *[]){label, diff, ci, z, r.verdict})) {
        st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
        goto out;
      }
      ntests++;
    }
  }
  printf("%s (%s), SOC %s\n%s, May %d%s%s\n", ent[0].cell.occ_title, ent[0].cell.occ_code,
         ent[0].cell.soc_edition, lab_measure_label(o->measure), ent[0].cell.year,
         basis[0] ? ", " : "", o->rpp ? "price-parity adjusted dollars" : basis);
  cli_table_print(t, CLI_TABLE, hide, stdout);
  if (!derived) {
    st = print_lq_check(ent, n, ref, err);
    if (st)
      goto out;
  }
  if (ntests) {
    printf("\nDifferences (95%% CI; two-sided z-tests of independent estimates, 5%% level)\n");
    cli_table_print(tt, CLI_TABLE, NULL, stdout);
  }
  printf("\nSource: %s.\n", source);
  if (basis[0])
    printf("Dollar basis: %s.\n", basis);
  printf("95%% CIs from the published relative standard errors (estimate -/+ 1.96 SE).\n");
  if (derived)
    printf("%s recomputed from employment (occupation and all-occupation totals, area and "
           "nation); its CI by the delta method. Employment is published rounded, so small "
           "differences from the published value are expected.\n",
           o->measure == LAB_M_LOC_QUOTIENT ? "Location quotient" : "Jobs per 1,000");
  if (!ref && !us_listed)
    printf("No national estimate of this occupation for May %d: no reference row.\n",
           ent[0].cell.year);
out:
  cli_table_free(t);
  cli_table_free(tt);
  return st;
}

/* ----------------------------------------------------------------------------------- run */

static int parse_areas(struct compare_opts *o, char *list)
{
  char *save = NULL;

  for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    while (*tok == ' ')
      tok++;
    if (!*tok)
      continue;
    if (o->nareas == MAX_AREAS)
      return cli_usage_error(&cli_cmd_compare, "--areas takes at most %d areas", MAX_AREAS);
    o->areas[o->nareas++] = tok;
  }
  if (o->nareas == 0)
    return cli_usage_error(&cli_cmd_compare, "--areas needs a list such as CA,TX,NY");
  return CLI_EXIT_OK;
}

static int parse_options(struct cli_ctx *ctx, struct compare_opts *o, char **list, int argc,
                         char **argv)
{
  static const struct option opts[] = {
      {"areas", required_argument, NULL, 'a'},
      {"basis", required_argument, NULL, 'b'},
      {"measure", required_argument, NULL, 'm'},
      {"pairs", no_argument, NULL, 'p'},
      {"year", required_argument, NULL, 'y'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  long year;
  int c;
  int rc = CLI_EXIT_OK;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_compare, argc, argv, opts, &rc);
    if (c < 0)
      break;
    switch (c) {
    case 'a':
      free(*list);
      *list = strdup(optarg);
      if (!*list)
        return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
      break;
    case 'b':
      if (strcmp(optarg, "nominal") != 0 && strcmp(optarg, "rpp") != 0)
        return cli_usage_error(&cli_cmd_compare, "--basis is nominal or rpp, not '%s'", optarg);
      o->rpp = strcmp(optarg, "rpp") == 0;
      break;
    case 'm':
      o->measure = lab_measure_from_name(optarg);
      if (!measure_allowed(o->measure))
        return cli_usage_error(&cli_cmd_compare,
                               "--measure is a_mean, a_median, tot_emp, loc_quotient or "
                               "jobs_1000, not '%s'",
                               optarg);
      break;
    case 'p':
      o->pairs = true;
      break;
    case 'y':
      if (!cli_parse_int(optarg, 1997, 2100, &year))
        return cli_usage_error(&cli_cmd_compare, "--year needs a May year such as 2024, not '%s'",
                               optarg);
      o->year = (int)year;
      break;
    default:
      return cli_usage_error(&cli_cmd_compare, "unknown or incomplete option '%s'",
                             argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_compare, "name one occupation code, e.g. 15-1212");
  if (optind + 1 < argc)
    return cli_usage_error(&cli_cmd_compare, "compare takes one occupation, got '%s' too",
                           argv[optind + 1]);
  o->occ = argv[optind];
  if (!*list)
    return cli_usage_error(&cli_cmd_compare, "name the areas with --areas A,B,...");
  if (o->rpp && !lab_measure_is_wage(o->measure))
    return cli_usage_error(&cli_cmd_compare, "--basis rpp applies to wages, not to %s",
                           lab_measure_name(o->measure));
  return parse_areas(o, *list);
}

/* Fill entry e's value in the chosen measure and basis. */
static lab_status evaluate(struct lab_store *s, const struct compare_opts *o, struct entry *e,
                           const struct lab_oews_cell *nat, const struct lab_oews_cell *nat_total,
                           struct lab_error *err)
{
  struct lab_oews_cell total;
  bool have_total =
      lab_store_oews_cell(s, TOTAL_OCC, e->cell.area.code, e->cell.year, &total, NULL) == LAB_OK;

  e->published = NAN;
  e->rpp = NAN;
  e->ci.lo = e->ci.hi = NAN;
  compute_lq(e, have_total ? &total : NULL, nat, nat_total);
  if (measure_derived(o->measure))
    value_derived(e, o->measure);
  else
    value_from_cell(e, o->measure);
  return o->rpp ? apply_rpp(s, e, err) : LAB_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct compare_opts o = {.measure = LAB_M_A_MEAN};
  struct entry *ent = NULL;
  struct entry ref = {0};
  struct lab_oews_cell nat_total;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  char *list = NULL;
  char basis[256], source[1024];
  bool have_ref = false, have_nat_total = false, us_listed = false;
  lab_status st;
  int rc;

  rc = parse_options(ctx, &o, &list, argc, argv);
  if (rc)
    goto out;
  if (!cli_looks_like_soc(o.occ)) {
    rc = cli_compare_role(ctx, &cli_cmd_compare, o.occ, o.areas, o.nareas, o.year, o.rpp);
    goto out;
  }
  ent = calloc(o.nareas, sizeof(*ent));
  if (!ent) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = load_areas(store, &o, ent, &err);
  if (st)
    goto fail;
  have_ref = lab_store_oews_cell(store, o.occ, "US", ent[0].cell.year, &ref.cell, NULL) == LAB_OK;
  have_nat_total =
      lab_store_oews_cell(store, TOTAL_OCC, "US", ent[0].cell.year, &nat_total, NULL) == LAB_OK;
  for (size_t i = 0; i < o.nareas && !st; i++) {
    us_listed = us_listed || strcmp(ent[i].cell.area.code, "US") == 0;
    st = evaluate(store, &o, &ent[i], have_ref ? &ref.cell : NULL,
                  have_nat_total ? &nat_total : NULL, &err);
  }
  if (!st && have_ref && !us_listed) {
    ref.is_ref = true;
    st = evaluate(store, &o, &ref, &ref.cell, have_nat_total ? &nat_total : NULL, &err);
  }
  if (st)
    goto fail;
  basis_text(&o, ent, o.nareas, basis, sizeof(basis));
  sources_text(ent, o.nareas, source, sizeof(source));
  if (have_ref && !us_listed) {
    size_t len = strlen(source);
    char one[256];
    cli_cell_source(&ref.cell, one, sizeof(one));
    if (!strstr(source, one))
      snprintf(source + len, sizeof(source) - len, "; %s", one);
  }
  if (ctx->format == CLI_TABLE)
    st = print_text(&o, ent, o.nareas, have_ref && !us_listed ? &ref : NULL, us_listed, basis,
                    source, &err);
  else
    st = print_data(&o, ent, o.nareas, have_ref && !us_listed ? &ref : NULL, basis, source,
                    ctx->format, &err);
  if (!st)
    goto out;
fail:
  rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_compare, "%s", err.msg)
                                     : cli_fail(&err);
out:
  free(ent);
  free(list);
  return rc;
}

const struct cli_cmd cli_cmd_compare = {
    .name = "compare",
    .summary = "one occupation across areas, with confidence intervals and significance tests",
    .usage = "laborstat compare OCC|ROLE --areas A,B,... [--year Y] [--measure M] [--basis B] "
             "[--pairs]",
    .help =
        "Shows the measure for each area with its 95% confidence interval (from the published\n"
        "relative standard errors), the national value as reference, and two-sided z-tests of\n"
        "the difference of every area from the first one (or of all pairs), treating the\n"
        "estimates as independent. The location quotient and jobs per 1,000 are recomputed\n"
        "from employment (occupation and all-occupation totals) with delta-method intervals,\n"
        "next to the published values (shown under every comparison). Where BLS publishes no\n"
        "RSE the output says \"no CI\".\n\n"
        "  --areas A,B,...  states (CA, Texas, 06), metros (31080) or US; first = the reference\n"
        "                   of the tests\n"
        "  --year Y         the May release (default: the latest that every area has)\n"
        "  --measure M      a_mean (default), a_median, tot_emp, loc_quotient, jobs_1000\n"
        "  --basis B        nominal (default) or rpp: wages divided by the state's BEA regional\n"
        "                   price parity / 100 (latest RPP year at or before the May year)\n"
        "  --pairs          test every pair of areas, not only against the first\n\n"
        "CSV and JSON: one row per area and test (columns vs_area, diff, diff_ci95_low,\n"
        "diff_ci95_high, z, p, verdict), plus the national reference row (role \"reference\");\n"
        "every row also carries lq and jobs_1000 recomputed (with ci95 columns) and as\n"
        "published (lq_published, jobs_1000_published).\n\n"
        "ROLE (see 'laborstat roles'): the role's distribution in each area - P25, median,\n"
        "P75 and mean of the mixture of its codes' fitted lognormals - and the median against\n"
        "the nation's; no CIs (a role's distribution is a model, not a published estimate).\n",
    .run = run,
};
