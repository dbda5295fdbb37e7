/*
 * compare_data.c - (cli/) the CSV and JSON output of `laborstat compare OCC`: one row per area
 * and test, plus the national reference row.
 */
#include "cli/compare.h"
#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>

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

lab_status cli_compare_print_data(const struct compare_opts *o, const struct entry *ent, size_t n,
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
      if (!cli_compare_pair_wanted(o, i, j))
        continue;
      cli_compare_test_pair(&ent[i], &ent[j], &r);
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
