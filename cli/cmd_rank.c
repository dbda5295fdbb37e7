/*
 * cmd_rank.c - `laborstat rank --occ OCC --by state`: the areas ranked by a measure, with 95%
 * confidence intervals and tie groups (entries whose difference is not significant at 5% share
 * a group and a rank range such as "3–5"; the rule is lab_cmp_rank()'s).
 */
#include "cli/rank.h"
#include "cli/wages.h"
#include "datasets/lab_query.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOTAL_OCC "00-0000"

/* ------------------------------------------------------------------------------ helpers */

static bool measure_allowed(enum lab_measure m)
{
  return m == LAB_M_A_MEAN || m == LAB_M_A_MEDIAN || m == LAB_M_TOT_EMP ||
         m == LAB_M_LOC_QUOTIENT || m == LAB_M_JOBS_1000;
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
    st =
        lab_store_oews_by_area_type(store, o.occ, o.by, false, o.year, cli_rank_collect, &cs, &err);
  if (!st && cs.n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no %s estimates for %s in May %d in the store",
                       o.by, o.occ, o.year);
  if (!st && cli_rank_measure_derived(o.measure))
    st = lab_store_oews_by_area_type(store, TOTAL_OCC, o.by, false, cs.v[0].year, cli_rank_collect,
                                     &totals, &err);
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
  if (have_ref && !cli_rank_measure_derived(o.measure))
    cli_rank_value_from_cell(&ref, o.measure);
  for (size_t i = 0; i < cs.n && !st; i++) {
    ent[i].cell = cs.v[i];
    init_entry(&ent[i]);
    if (cli_rank_measure_derived(o.measure))
      cli_rank_value_derived(&ent[i], o.measure, cli_rank_find_area(&totals, cs.v[i].area.code),
                             have_ref ? &ref.cell : NULL, have_nat_total ? &nat_total : NULL);
    else
      cli_rank_value_from_cell(&ent[i], o.measure);
    if (o.rpp)
      st = cli_rank_apply_rpp(store, &ent[i], &err);
  }
  if (!st)
    st = cli_rank_entries(ent, cs.n, order, &nranked, &err);
  if (st)
    goto fail;
  cli_rank_basis_text(&o, ent, cs.n, basis, sizeof(basis));
  cli_cell_source(&cs.v[0], source, sizeof(source));
  if (have_ref && (ctx->format == CLI_TABLE || cli_rank_measure_derived(o.measure))) {
    cli_cell_source(&ref.cell, nat_source, sizeof(nat_source));
    snprintf(source + strlen(source), sizeof(source) - strlen(source), "; %s", nat_source);
  }
  if (ctx->format == CLI_TABLE)
    st = cli_rank_print_text(&o, ent, order, cs.n, nranked,
                             have_ref && !cli_rank_measure_derived(o.measure) ? &ref : NULL, basis,
                             source, &err);
  else
    st = cli_rank_print_data(&o, ent, order, cs.n, nranked, basis, source, ctx->format, &err);
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
