/*
 * compare_text.c - (cli/) the text output of `laborstat compare OCC`: the areas with their
 * CIs, the check of LQ and jobs per 1,000, the tests, and the notes.
 */
#include "cli/compare.h"
#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>

/* A number for people: "$152,640", "15,800", "0.752"; or round-trip digits for CSV/JSON. */
static void fmt_num(enum lab_measure m, double v, bool pretty, bool more, char *out, size_t size)
{
  int dec = m == LAB_M_LOC_QUOTIENT ? 2 : m == LAB_M_JOBS_1000 ? 3 : 0;

  if (isnan(v)) {
    out[0] = '\0';
    return;
  }
  if (!pretty) {
    lab_num_format(v, out, size);
    return;
  }
  lab_num_format_with(v, dec + (more ? 1 : 0), lab_measure_is_wage(m) ? "$" : "", out, size);
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

lab_status cli_compare_print_text(const struct compare_opts *o, const struct entry *ent, size_t n,
                                  const struct entry *ref, bool us_listed, const char *basis,
                                  const char *source, struct lab_error *err)
{
  static const char *const names[] = {
      "area", "estimate", "95% CI", "published", "recomputed - published", "note"};
  static const bool numeric[] = {false, true, true, true, true, false};
  static const char *const tnames[] = {"area", "difference", "95% CI of the difference", "z",
                                       "verdict"};
  static const bool tnumeric[] = {false, true, true, true, false};
  bool derived = cli_compare_measure_derived(o->measure);
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
      if (!cli_compare_pair_wanted(o, i, j))
        continue;
      cli_compare_test_pair(&ent[i], &ent[j], &r);
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
