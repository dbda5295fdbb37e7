/*
 * rank_print.c - (cli/) the output of `laborstat rank`: the text table with its notes, or one
 * CSV/JSON row per area.
 */
#include "cli/rank.h"
#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void fmt_num(enum lab_measure m, double v, bool pretty, char *out, size_t size)
{
  int dec = m == LAB_M_LOC_QUOTIENT ? 3 : m == LAB_M_JOBS_1000 ? 4 : 0;

  if (isnan(v)) {
    out[0] = '\0';
    return;
  }
  if (!pretty) {
    lab_num_format(v, out, size);
    return;
  }
  lab_num_format_with(v, dec, lab_measure_is_wage(m) ? "$" : "", out, size);
}

/* ------------------------------------------------------------------------------ output */

static void rank_text(const struct entry *e, char *out, size_t size)
{
  if (e->rank_lo == 0)
    out[0] = '\0';
  else if (e->rank_lo == e->rank_hi)
    snprintf(out, size, "%zu", e->rank_lo);
  else
    snprintf(out, size, "%zu\xE2\x80\x93%zu", e->rank_lo, e->rank_hi); /* en dash */
}

void cli_rank_basis_text(const struct rank_opts *o, const struct entry *ent, size_t n, char *out,
                         size_t size)
{
  int lo = 0, hi = 0;

  if (!lab_measure_is_wage(o->measure)) {
    out[0] = '\0';
    return;
  }
  if (!o->rpp) {
    snprintf(out, size, "nominal dollars");
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (ent[i].rpp_year == 0)
      continue;
    lo = lo == 0 || ent[i].rpp_year < lo ? ent[i].rpp_year : lo;
    hi = ent[i].rpp_year > hi ? ent[i].rpp_year : hi;
  }
  if (lo == hi)
    snprintf(out, size,
             "price-parity adjusted dollars: wages divided by BEA RPP %d / 100 (all items, "
             "U.S. = 100; the latest RPP year at or before May %d)",
             lo, n ? ent[0].cell.year : 0);
  else
    snprintf(out, size,
             "price-parity adjusted dollars: wages divided by BEA RPP %d-%d / 100 (all items, "
             "U.S. = 100)",
             lo, hi);
}

enum {
  R_POS,
  R_RANK,
  R_LO,
  R_HI,
  R_GROUP,
  R_AREA,
  R_NAME,
  R_YEAR,
  R_OCC,
  R_MEASURE,
  R_BASIS,
  R_VALUE,
  R_BOUND,
  R_SE,
  R_CILO,
  R_CIHI,
  R_PUB,
  R_PUBDIFF,
  R_RPP,
  R_RPPYEAR,
  R_NOTE,
  R_SOURCE,
  R_NCOLS
};

static bool add_row(struct cli_table *t, const struct rank_opts *o, const struct entry *e,
                    size_t pos, const char *basis, const char *source)
{
  char spos[24] = "", rank[32], lo[16] = "", hi[16] = "", group[16] = "", year[16], value[40] = "",
       se[40] = "", cilo[40] = "", cihi[40] = "", pub[40] = "", pubdiff[40] = "", rpp[40] = "",
       rppyear[16] = "";
  const char *cells[R_NCOLS] = {0};

  rank_text(e, rank, sizeof(rank));
  if (e->rank_lo) {
    snprintf(spos, sizeof(spos), "%zu", pos);
    snprintf(lo, sizeof(lo), "%zu", e->rank_lo);
    snprintf(hi, sizeof(hi), "%zu", e->rank_hi);
    snprintf(group, sizeof(group), "%zu", e->group);
  }
  snprintf(year, sizeof(year), "%d", e->cell.year);
  if (e->has_value)
    lab_num_format(e->value, value, sizeof(value));
  if (e->has_value && !isnan(e->se)) {
    lab_num_format(e->se, se, sizeof(se));
    lab_num_format(e->ci.lo, cilo, sizeof(cilo));
    lab_num_format(e->ci.hi, cihi, sizeof(cihi));
  }
  if (!isnan(e->published)) {
    lab_num_format(e->published, pub, sizeof(pub));
    if (e->has_value)
      lab_num_format(e->value - e->published, pubdiff, sizeof(pubdiff));
  }
  if (!isnan(e->rpp)) {
    lab_num_format(e->rpp, rpp, sizeof(rpp));
    snprintf(rppyear, sizeof(rppyear), "%d", e->rpp_year);
  }
  cells[R_POS] = spos;
  cells[R_RANK] = rank;
  cells[R_LO] = lo;
  cells[R_HI] = hi;
  cells[R_GROUP] = group;
  cells[R_AREA] = e->cell.area.code;
  cells[R_NAME] = e->cell.area.name;
  cells[R_YEAR] = year;
  cells[R_OCC] = e->cell.occ_code;
  cells[R_MEASURE] = lab_measure_name(o->measure);
  cells[R_BASIS] = basis;
  cells[R_VALUE] = value;
  cells[R_BOUND] = e->lower_bound ? "lower" : "";
  cells[R_SE] = se;
  cells[R_CILO] = cilo;
  cells[R_CIHI] = cihi;
  cells[R_PUB] = pub;
  cells[R_PUBDIFF] = pubdiff;
  cells[R_RPP] = rpp;
  cells[R_RPPYEAR] = rppyear;
  cells[R_NOTE] = e->note;
  cells[R_SOURCE] = source;
  return cli_table_add(t, cells);
}

lab_status cli_rank_print_data(const struct rank_opts *o, const struct entry *ent,
                               const size_t *order, size_t n, size_t nranked, const char *basis,
                               const char *source, enum cli_format fmt, struct lab_error *err)
{
  static const char *const names[R_NCOLS] = {
      "position",  "rank",     "rank_lo",  "rank_hi",   "group",     "area",
      "area_name", "year",     "occ_code", "measure",   "basis",     "value",
      "bound",     "se",       "ci95_low", "ci95_high", "published", "recomputed_minus_published",
      "rpp",       "rpp_year", "note",     "source"};
  static const bool numeric[R_NCOLS] = {
      [R_POS] = true,     [R_LO] = true,  [R_HI] = true,     [R_GROUP] = true, [R_YEAR] = true,
      [R_VALUE] = true,   [R_SE] = true,  [R_CILO] = true,   [R_CIHI] = true,  [R_PUB] = true,
      [R_PUBDIFF] = true, [R_RPP] = true, [R_RPPYEAR] = true};
  struct cli_table *t = cli_table_new(R_NCOLS, names, numeric);
  size_t shown = o->top && (size_t)o->top < nranked ? (size_t)o->top : nranked;
  lab_status st = LAB_OK;

  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t k = 0; k < n && !st; k++) {
    if (k >= shown && k < nranked)
      continue;
    if (o->top && k >= nranked)
      break;
    if (!add_row(t, o, &ent[order[k]], k + 1, basis, source))
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  if (!st)
    cli_table_print(t, fmt, NULL, stdout);
  cli_table_free(t);
  return st;
}

lab_status cli_rank_print_text(const struct rank_opts *o, const struct entry *ent,
                               const size_t *order, size_t n, size_t nranked,
                               const struct entry *ref, const char *basis, const char *source,
                               struct lab_error *err)
{
  static const char *const names[] = {"rank",  "area",      "estimate", "95% CI",
                                      "group", "published", "note"};
  static const bool numeric[] = {true, false, true, true, true, true, false};
  bool derived = cli_rank_measure_derived(o->measure);
  const bool hide[] = {false, false, false, false, false, !derived, false};
  struct cli_table *t = cli_table_new(7, names, numeric);
  size_t shown = o->top && (size_t)o->top < nranked ? (size_t)o->top : nranked;
  size_t ngroups = 0;
  lab_status st = LAB_OK;

  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t k = 0; k < shown; k++) {
    const struct entry *e = &ent[order[k]];
    char rank[32], label[160], num[64], value[72], ci[112] = "", group[16], pub[40] = "";
    rank_text(e, rank, sizeof(rank));
    snprintf(label, sizeof(label), "%s (%s)", e->cell.area.name, e->cell.area.code);
    fmt_num(o->measure, e->value, true, num, sizeof(num));
    snprintf(value, sizeof(value), "%s%s", e->lower_bound ? ">= " : "", num);
    if (!isnan(e->se)) {
      char lo[48], hi[48];
      fmt_num(o->measure, e->ci.lo, true, lo, sizeof(lo));
      fmt_num(o->measure, e->ci.hi, true, hi, sizeof(hi));
      snprintf(ci, sizeof(ci), "%s to %s", lo, hi);
    }
    snprintf(group, sizeof(group), "%zu", e->group);
    ngroups = e->group > ngroups ? e->group : ngroups;
    if (!isnan(e->published))
      lab_num_format(e->published, pub, sizeof(pub));
    if (!cli_table_add(t, (const char *[]){rank, label, value, ci, group, pub, e->note})) {
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      goto out;
    }
  }
  printf("%s (%s), SOC %s\n%s by %s, May %d%s%s\n", ent[0].cell.occ_title, ent[0].cell.occ_code,
         ent[0].cell.soc_edition, lab_measure_label(o->measure),
         strcmp(o->by, "msa") == 0 ? "metro area" : o->by, ent[0].cell.year, basis[0] ? ", " : "",
         o->rpp ? "price-parity adjusted dollars" : basis);
  cli_table_print(t, CLI_TABLE, hide, stdout);
  if (shown < nranked)
    printf("(%zu of %zu ranked areas shown)\n", shown, nranked);
  if (nranked < n) {
    printf("\nNot ranked:");
    for (size_t k = nranked; k < n; k++)
      printf("%s %s (%s)", k > nranked ? ";" : "", ent[order[k]].cell.area.name,
             ent[order[k]].note);
    printf(".\n");
  }
  if (ref && ref->has_value) {
    char v[64], lo[48] = "", hi[48] = "";
    fmt_num(o->measure, ref->value, true, v, sizeof(v));
    if (!isnan(ref->se)) {
      fmt_num(o->measure, ref->ci.lo, true, lo, sizeof(lo));
      fmt_num(o->measure, ref->ci.hi, true, hi, sizeof(hi));
    }
    if (lo[0])
      printf("\nU.S.: %s (95%% CI %s to %s).\n", v, lo, hi);
    else
      printf("\nU.S.: %s.\n", v);
  }
  printf("\nTie groups: ranked highest first; an area joins the group above when its difference "
         "from the group's first area is not significant at 5%% (two-sided z-test of "
         "independent estimates), otherwise it starts a new group; areas without a standard "
         "error stand alone. A rank range such as 3\xE2\x80\x93"
         "5 spans a group.\n");
  printf("Source: %s.\n", source);
  if (basis[0])
    printf("Dollar basis: %s.\n", basis);
  if (derived)
    printf("%s recomputed from employment with a delta-method CI; \"published\" is BLS's "
           "value.\n",
           o->measure == LAB_M_LOC_QUOTIENT ? "Location quotient" : "Jobs per 1,000");
out:
  cli_table_free(t);
  return st;
}
