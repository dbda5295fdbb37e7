/*
 * cmd_rank.c - `laborstat rank --occ OCC --by state`: the areas ranked by a measure, with 95%
 * confidence intervals and tie groups (entries whose difference is not significant at 5% share
 * a group and a rank range such as "3–5"; the rule is lab_cmp_rank()'s).
 */
#include "analyzer/lab_compare.h"
#include "cli/wages.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL 0.95
#define TOTAL_OCC "00-0000"

struct entry {
  struct lab_oews_cell cell;
  bool has_value;         /* value holds a number (an estimate, or a lower bound) */
  bool lower_bound;       /* top-coded: value is the threshold */
  double value, se;       /* in the chosen basis; se NAN = no CI */
  struct lab_interval ci; /* when se is known */
  double published;       /* loc_quotient / jobs_1000: the published value, NAN when none */
  double rpp;             /* --basis rpp: the parity used, else NAN */
  int rpp_year;
  size_t rank_lo, rank_hi, group; /* 0 = not ranked */
  char note[160];
};

struct rank_opts {
  const char *occ;
  const char *by; /* "state" or "msa" */
  int year;
  enum lab_measure measure;
  bool rpp;
  long top; /* 0 = all */
};

struct cells {
  struct lab_oews_cell *v;
  size_t n, cap;
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

static void fmt_num(enum lab_measure m, double v, bool pretty, char *out, size_t size)
{
  char num[40];
  int dec = m == LAB_M_LOC_QUOTIENT ? 3 : m == LAB_M_JOBS_1000 ? 4 : 0;

  if (isnan(v)) {
    out[0] = '\0';
    return;
  }
  if (!pretty) {
    lab_num_format(v, out, size);
    return;
  }
  lab_num_format_grouped(fabs(v), dec, num, sizeof(num));
  snprintf(out, size, "%s%s%s", v < 0 ? "-" : "", lab_measure_is_wage(m) ? "$" : "", num);
}

static lab_status collect(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
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

static const struct lab_oews_cell *find_area(const struct cells *cs, const char *area)
{
  for (size_t i = 0; i < cs->n; i++)
    if (strcmp(cs->v[i].area.code, area) == 0)
      return &cs->v[i];
  return NULL;
}

/* --------------------------------------------------------------------------- the values */

static void value_from_cell(struct entry *e, enum lab_measure m)
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
static void value_derived(struct entry *e, enum lab_measure m, const struct lab_oews_cell *total,
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
static lab_status apply_rpp(struct lab_store *s, struct entry *e, struct lab_error *err)
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
static lab_status rank_entries(struct entry *ent, size_t n, size_t *order, size_t *nranked,
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

static void basis_text(const struct rank_opts *o, const struct entry *ent, size_t n, char *out,
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

static lab_status print_data(const struct rank_opts *o, const struct entry *ent,
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

static lab_status print_text(const struct rank_opts *o, const struct entry *ent,
                             const size_t *order, size_t n, size_t nranked, const struct entry *ref,
                             const char *basis, const char *source, struct lab_error *err)
{
  static const char *const names[] = {"rank",  "area",      "estimate", "95% CI",
                                      "group", "published", "note"};
  static const bool numeric[] = {true, false, true, true, true, true, false};
  bool derived = measure_derived(o->measure);
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

/* ----------------------------------------------------------------------------------- run */

static int parse_options(struct cli_ctx *ctx, struct rank_opts *o, int argc, char **argv)
{
  static const struct option opts[] = {
      {"basis", required_argument, NULL, 'b'},
      {"by", required_argument, NULL, 'B'},
      {"measure", required_argument, NULL, 'm'},
      {"occ", required_argument, NULL, 'o'},
      {"top", required_argument, NULL, 't'},
      {"year", required_argument, NULL, 'y'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  long v;
  int c;
  int rc = CLI_EXIT_OK;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_rank, argc, argv, opts, &rc);
    if (c < 0)
      break;
    switch (c) {
    case 'b':
      if (strcmp(optarg, "nominal") != 0 && strcmp(optarg, "rpp") != 0)
        return cli_usage_error(&cli_cmd_rank, "--basis is nominal or rpp, not '%s'", optarg);
      o->rpp = strcmp(optarg, "rpp") == 0;
      break;
    case 'B':
      if (strcmp(optarg, "state") != 0 && strcmp(optarg, "msa") != 0)
        return cli_usage_error(&cli_cmd_rank, "--by is state or msa, not '%s'", optarg);
      o->by = optarg;
      break;
    case 'm':
      o->measure = lab_measure_from_name(optarg);
      if (!measure_allowed(o->measure))
        return cli_usage_error(&cli_cmd_rank,
                               "--measure is a_mean, a_median, tot_emp, loc_quotient or "
                               "jobs_1000, not '%s'",
                               optarg);
      break;
    case 'o':
      o->occ = optarg;
      break;
    case 't':
      if (!cli_parse_int(optarg, 1, 100000, &v))
        return cli_usage_error(&cli_cmd_rank, "--top needs a positive count, not '%s'", optarg);
      o->top = v;
      break;
    case 'y':
      if (!cli_parse_int(optarg, 1997, 2100, &v))
        return cli_usage_error(&cli_cmd_rank, "--year needs a May year such as 2024, not '%s'",
                               optarg);
      o->year = (int)v;
      break;
    default:
      return cli_usage_error(&cli_cmd_rank, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind < argc)
    return cli_usage_error(
        &cli_cmd_rank, "unexpected argument '%s' (name the occupation with --occ)", argv[optind]);
  if (!o->occ)
    return cli_usage_error(&cli_cmd_rank, "name the occupation with --occ, e.g. --occ 15-1212");
  if (!cli_looks_like_soc(o->occ))
    return cli_usage_error(&cli_cmd_rank,
                           "'%s' is not an SOC occupation code such as 15-1212: look one up with "
                           "laborstat find WORDS",
                           o->occ);
  if (o->rpp && !lab_measure_is_wage(o->measure))
    return cli_usage_error(&cli_cmd_rank, "--basis rpp applies to wages, not to %s",
                           lab_measure_name(o->measure));
  if (o->rpp && strcmp(o->by, "state") != 0)
    return cli_usage_error(&cli_cmd_rank, "--basis rpp needs --by state (BEA RPPs are by state)");
  return CLI_EXIT_OK;
}

static void init_entry(struct entry *e)
{
  e->se = NAN;
  e->published = NAN;
  e->rpp = NAN;
  e->ci.lo = e->ci.hi = NAN;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct rank_opts o = {.measure = LAB_M_A_MEAN, .by = "state"};
  struct cells cs = {0}, totals = {0};
  struct entry *ent = NULL;
  struct entry ref = {0};
  struct lab_oews_cell nat_total;
  size_t *order = NULL;
  size_t nranked = 0;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  char basis[256], source[512], nat_source[256];
  bool have_ref, have_nat_total;
  lab_status st;
  int rc;

  rc = parse_options(ctx, &o, argc, argv);
  if (rc)
    return rc;
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_oews_by_area_type(store, o.occ, o.by, false, o.year, collect, &cs, &err);
  if (!st && cs.n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no %s estimates for %s in May %d in the store",
                       o.by, o.occ, o.year);
  if (!st && measure_derived(o.measure))
    st = lab_store_oews_by_area_type(store, TOTAL_OCC, o.by, false, cs.v[0].year, collect, &totals,
                                     &err);
  if (st)
    goto fail;
  ent = calloc(cs.n, sizeof(*ent));
  order = calloc(cs.n, sizeof(*order));
  if (!ent || !order) {
    st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
    goto fail;
  }
  have_ref = lab_store_oews_cell(store, o.occ, "US", cs.v[0].year, &ref.cell, NULL) == LAB_OK;
  have_nat_total =
      lab_store_oews_cell(store, TOTAL_OCC, "US", cs.v[0].year, &nat_total, NULL) == LAB_OK;
  init_entry(&ref);
  if (have_ref && !measure_derived(o.measure))
    value_from_cell(&ref, o.measure);
  for (size_t i = 0; i < cs.n && !st; i++) {
    ent[i].cell = cs.v[i];
    init_entry(&ent[i]);
    if (measure_derived(o.measure))
      value_derived(&ent[i], o.measure, find_area(&totals, cs.v[i].area.code),
                    have_ref ? &ref.cell : NULL, have_nat_total ? &nat_total : NULL);
    else
      value_from_cell(&ent[i], o.measure);
    if (o.rpp)
      st = apply_rpp(store, &ent[i], &err);
  }
  if (!st)
    st = rank_entries(ent, cs.n, order, &nranked, &err);
  if (st)
    goto fail;
  basis_text(&o, ent, cs.n, basis, sizeof(basis));
  cli_cell_source(&cs.v[0], source, sizeof(source));
  if (have_ref && (ctx->format == CLI_TABLE || measure_derived(o.measure))) {
    cli_cell_source(&ref.cell, nat_source, sizeof(nat_source));
    snprintf(source + strlen(source), sizeof(source) - strlen(source), "; %s", nat_source);
  }
  if (ctx->format == CLI_TABLE)
    st = print_text(&o, ent, order, cs.n, nranked,
                    have_ref && !measure_derived(o.measure) ? &ref : NULL, basis, source, &err);
  else
    st = print_data(&o, ent, order, cs.n, nranked, basis, source, ctx->format, &err);
  if (!st)
    goto out;
fail:
  rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_rank, "%s", err.msg)
                                     : cli_fail(&err);
out:
  free(ent);
  free(order);
  free(cs.v);
  free(totals.v);
  return rc;
}

const struct cli_cmd cli_cmd_rank = {
    .name = "rank",
    .summary = "areas ranked by a measure, with confidence intervals and tie groups",
    .usage = "laborstat rank --occ OCC [--by state|msa] [--measure M] [--year Y] [--basis B] "
             "[--top N]",
    .help =
        "Ranks every state (or metro area) by the measure, highest first, with 95% confidence\n"
        "intervals from the published relative standard errors. Areas whose difference is not\n"
        "significant at 5% share a tie group and a rank range (\"3\xE2\x80\x93"
        "5\"): walking down the\n"
        "ranking, an area joins the current group when a two-sided z-test of its difference\n"
        "from the group's first area gives p >= 0.05, else it opens a new group. Areas without\n"
        "a standard error (no RSE published) stand alone; top-coded values (lower bounds) share\n"
        "the first group; areas without a value are listed as not ranked.\n\n"
        "  --occ OCC      the occupation (SOC code, e.g. 15-1212)\n"
        "  --by AREAS     state (default; includes DC and territories) or msa\n"
        "  --measure M    a_mean (default), a_median, tot_emp, loc_quotient, jobs_1000\n"
        "  --year Y       the May release (default: the latest with such estimates)\n"
        "  --basis B      nominal (default) or rpp: wages divided by the state's BEA regional\n"
        "                 price parity / 100 (the RPP year used is named)\n"
        "  --top N        show the first N ranked areas\n",
    .run = run,
};
