/*
 * cmd_trend.c - `laborstat trend OCC`: one OEWS measure across May releases, nominal and real,
 * followed across SOC editions through one-to-one crosswalk links, with every break marked and a
 * log-linear trend (OLS with a t interval, endpoint CAGR, Theil-Sen). The steps are in
 * trend_series.c, trend_fit.c and trend_print.c (see cli/trend.h).
 */
#include "cli/trend.h"
#include "datasets/lab_query.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------------------------- run */

static int parse_opts(struct trend_opts *o, int argc, char **argv, struct cli_ctx *ctx, int *rc)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"base-year", required_argument, NULL, 'b'},
      {"basis", required_argument, NULL, 'B'},
      {"fit-only", no_argument, NULL, 'F'},
      {"follow-aggregates", no_argument, NULL, 'A'},
      {"from", required_argument, NULL, 'f'},
      {"measure", required_argument, NULL, 'm'},
      {"to", required_argument, NULL, 't'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  long y;
  int c;

  opterr = 0;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (cli_global_option(ctx, c, optarg, rc)) {
      if (*rc)
        return -1;
      continue;
    }
    switch (c) {
    case 'a':
      o->area = optarg;
      break;
    case 'A':
      o->follow_aggregates = true;
      break;
    case 'b':
    case 'f':
    case 't':
      if (!cli_parse_int(optarg, 1997, 2100, &y)) {
        *rc = cli_usage_error(&cli_cmd_trend, "--%s needs a year such as 2014, not '%s'",
                              c == 'b'   ? "base-year"
                              : c == 'f' ? "from"
                                         : "to",
                              optarg);
        return -1;
      }
      if (c == 'b')
        o->base_year = (int)y;
      else if (c == 'f')
        o->from = (int)y;
      else
        o->to = (int)y;
      break;
    case 'B':
      if (strcmp(optarg, "nominal") == 0) {
        o->basis = BASIS_NOMINAL;
      } else if (strcmp(optarg, "real") == 0) {
        o->basis = BASIS_REAL;
      } else {
        *rc = cli_usage_error(&cli_cmd_trend, "--basis is nominal or real, not '%s'", optarg);
        return -1;
      }
      break;
    case 'F':
      o->fit_only = true;
      break;
    case 'm':
      o->m = lab_measure_from_name(optarg);
      if (o->m == LAB_M_COUNT || o->m == LAB_M_EMP_PRSE || o->m == LAB_M_MEAN_PRSE) {
        *rc = cli_usage_error(&cli_cmd_trend,
                              "--measure needs an OEWS measure such as a_median, a_mean, h_median "
                              "or tot_emp, not '%s'",
                              optarg);
        return -1;
      }
      break;
    default:
      *rc = cli_usage_error(&cli_cmd_trend, "unknown or incomplete option '%s'", argv[optind - 1]);
      return -1;
    }
  }
  if (optind + 1 != argc) {
    *rc = cli_usage_error(&cli_cmd_trend, optind >= argc ? "name one occupation code, e.g. 15-1212"
                                                         : "name only one occupation code");
    return -1;
  }
  if (!cli_looks_like_soc(argv[optind])) {
    *rc = cli_usage_error(&cli_cmd_trend,
                          "'%s' is not an SOC occupation code such as 29-9021: look one up with "
                          "laborstat find WORDS",
                          argv[optind]);
    return -1;
  }
  if (o->from && o->to && o->from > o->to) {
    *rc = cli_usage_error(&cli_cmd_trend, "--from %d is after --to %d", o->from, o->to);
    return -1;
  }
  if (o->basis == BASIS_REAL && !lab_measure_is_wage(o->m)) {
    *rc = cli_usage_error(&cli_cmd_trend, "--basis real applies to wage measures, not %s",
                          lab_measure_name(o->m));
    return -1;
  }
  return optind;
}

static lab_status prepare_cpi(struct trend *t, struct lab_error *err)
{
  struct lab_error e2 = {0};
  int latest = 0;
  lab_status st;

  if (!lab_measure_is_wage(t->o.m))
    return LAB_OK;
  st = lab_store_cpi_latest(t->s, &latest, t->cpi_vintage, sizeof(t->cpi_vintage), &e2);
  if (st == LAB_ERR_NOTFOUND && t->o.basis == BASIS_NOMINAL && !t->o.base_year)
    return cli_trend_note_add(&t->notes, err, "the store holds no CPI-U: nominal values only");
  if (st)
    return lab_error_set(err, st, "%s", e2.msg);
  if (!t->o.base_year)
    t->o.base_year = latest;
  st = lab_store_cpi(t->s, t->o.base_year, &t->cpi_base, err);
  if (st)
    return st;
  t->have_cpi = true;
  return LAB_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct trend t = {.o = {.m = LAB_M_A_MEDIAN, .basis = BASIS_NOMINAL}};
  struct lab_error err = {0};
  lab_status st;
  int rc = CLI_EXIT_OK;
  int idx = parse_opts(&t.o, argc, argv, ctx, &rc);

  if (idx < 0)
    return rc;
  t.occ = argv[idx];
  st = cli_store_read(ctx, &t.s, &err);
  if (!st)
    st = lab_store_area_resolve(t.s, t.o.area ? t.o.area : "US", &t.area, &err);
  if (!st)
    st = prepare_cpi(&t, &err);
  if (!st)
    st = cli_trend_series(&t, &err);
  if (!st)
    st = cli_trend_mark_values(&t, &err);
  if (!st)
    st = cli_trend_mark_breaks(&t, &err);
  if (!st)
    st = cli_trend_fit_basis(&t, BASIS_NOMINAL, &err);
  if (!st && lab_measure_is_wage(t.o.m) && t.have_cpi)
    st = cli_trend_fit_basis(&t, BASIS_REAL, &err);
  if (!st) {
    size_t excluded = 0;
    for (size_t i = 0; i < t.n; i++)
      excluded += t.p[i].cell.m[t.o.m].state == LAB_V_TOPCODED;
    if (excluded)
      st = cli_trend_note_add(
          &t.notes, &err,
          "%zu top-coded value%s (BLS '#': at or above the year's top-code, a lower "
          "bound) %s left out of the fit",
          excluded, excluded == 1 ? "" : "s", excluded == 1 ? "is" : "are");
  }
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_trend, "%s", err.msg)
                                       : cli_fail(&err);
    goto out;
  }
  cli_trend_print(&t, ctx->format);
out:
  free(t.p);
  free(t.notes.v);
  free(t.breaks);
  return rc;
}

const struct cli_cmd cli_cmd_trend = {
    .name = "trend",
    .summary = "one OEWS measure across May releases, nominal and real, with a log-linear trend",
    .usage = "laborstat trend OCC [--area AREA] [--from YEAR] [--to YEAR] [--measure M] "
             "[--basis nominal|real] [--base-year YEAR] [--follow-aggregates] [--fit-only]",
    .help =
        "The series of one cross-industry OEWS cell over the May releases held, oldest first,\n"
        "with its value state (a top-coded '#' value is a lower bound and stays out of the\n"
        "fit), the value in real dollars of --base-year (CPI-U annual averages), and a\n"
        "log-linear trend: OLS of ln(value) on year with a 95% t interval, growth per year\n"
        "exp(slope) - 1, the endpoint CAGR and the Theil-Sen slope (median of pairwise slopes)\n"
        "as a robust check; both nominal and real for wages. With 2 usable years only the\n"
        "slope is given.\n"
        "Across SOC editions (2010 to May 2018, the OEWS hybrid in May 2019-2020, 2018 from May\n"
        "2021) a code without estimates in an earlier edition is followed to its predecessor\n"
        "when the SOC crosswalk links them one-to-one (15-1212 <- 15-1122). Where the earlier\n"
        "code also held other occupations (29-9021 was part of 29-2071) the series stops and\n"
        "a note says why. Every break (SOC edition, code, top-code) is marked. OEWS is not\n"
        "designed as a time series; read the notes.\n"
        "CSV: one row per year (year, soc_edition, occ_code, value, state, real_value,\n"
        "base_year, notes); the fit is in the table footer and in JSON (keys series, fit, fits,\n"
        "breaks, notes), or alone as one CSV row with --fit-only.\n\n"
        "  --area AREA          US (default), a state (CA, California, 06) or a metro area\n"
        "  --from YEAR, --to YEAR  the May years to include (default: all held)\n"
        "  --measure M          a_median (default), a_mean, h_median, h_mean, a_pct10 ...\n"
        "                       a_pct90, tot_emp, jobs_1000, loc_quotient\n"
        "  --basis B            nominal (default) or real: the basis of the `fit` in JSON and\n"
        "                       of --fit-only (the table shows both for wages)\n"
        "  --base-year YEAR     dollars of this year for real values (default: the latest\n"
        "                       CPI-U year in the store)\n"
        "  --follow-aggregates  continue through a predecessor that also holds other\n"
        "                       occupations (marked, and the fit says it includes them)\n"
        "  --fit-only           print only the fit (CSV: one row)\n",
    .run = run,
};
