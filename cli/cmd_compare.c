/*
 * cmd_compare.c - `laborstat compare OCC --areas A,B,...`: one occupation across areas with 95%
 * confidence intervals from the published relative standard errors, the national value as
 * reference, the location quotient and jobs per 1,000 recomputed from employment, and z-tests of
 * the differences (against the first area, or all pairs).
 */
#include "cli/compare.h"
#include "cli/compare_role.h"
#include "cli/wages.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------ helpers */

static bool measure_allowed(enum lab_measure m)
{
  return m == LAB_M_A_MEAN || m == LAB_M_A_MEDIAN || m == LAB_M_TOT_EMP ||
         m == LAB_M_LOC_QUOTIENT || m == LAB_M_JOBS_1000;
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
  st = cli_store_read(ctx, &store, &err);
  if (!st)
    st = cli_compare_load_areas(store, &o, ent, &err);
  if (st)
    goto fail;
  have_ref = lab_store_oews_cell(store, o.occ, "US", ent[0].cell.year, &ref.cell, NULL) == LAB_OK;
  have_nat_total =
      lab_store_oews_cell(store, TOTAL_OCC, "US", ent[0].cell.year, &nat_total, NULL) == LAB_OK;
  for (size_t i = 0; i < o.nareas && !st; i++) {
    us_listed = us_listed || strcmp(ent[i].cell.area.code, "US") == 0;
    st = cli_compare_evaluate(store, &o, &ent[i], have_ref ? &ref.cell : NULL,
                              have_nat_total ? &nat_total : NULL, &err);
  }
  if (!st && have_ref && !us_listed) {
    ref.is_ref = true;
    st = cli_compare_evaluate(store, &o, &ref, &ref.cell, have_nat_total ? &nat_total : NULL, &err);
  }
  if (st)
    goto fail;
  cli_compare_basis_text(&o, ent, o.nareas, basis, sizeof(basis));
  cli_compare_sources_text(ent, o.nareas, source, sizeof(source));
  if (have_ref && !us_listed) {
    size_t len = strlen(source);
    char one[256];
    cli_cell_source(&ref.cell, one, sizeof(one));
    if (!strstr(source, one))
      snprintf(source + len, sizeof(source) - len, "; %s", one);
  }
  if (ctx->format == CLI_TABLE)
    st = cli_compare_print_text(&o, ent, o.nareas, have_ref && !us_listed ? &ref : NULL, us_listed,
                                basis, source, &err);
  else
    st = cli_compare_print_data(&o, ent, o.nareas, have_ref && !us_listed ? &ref : NULL, basis,
                                source, ctx->format, &err);
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
