/*
 * cmd_stats.c - `laborstat stats summary|regress FILE.csv`: statistics on the user's own data.
 *
 * The file is read with the project's CSV reader (lab_csv_read) through a sink that collects the
 * columns it needs as doubles. A cell counts as missing when it is empty or one of NA, N/A,
 * NaN, null, '-' or '.' (any case); a number is what lab_num_parse accepts (thousands
 * separators allowed). `summary` skips and counts missing and non-numeric cells; `regress`
 * refuses them with FILE:LINE:COLUMN, so no row is dropped silently.
 */
#include "cli/stats.h"

#include <getopt.h>
#include <string.h>

#define STATS_MAX_DEGREE 20

/* ----------------------------------------------------------------------------------- run */

enum { OPT_COLUMN = 1, OPT_Y, OPT_X, OPT_DEGREE, OPT_NO_INTERCEPT };

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"column", required_argument, NULL, OPT_COLUMN},
      {"degree", required_argument, NULL, OPT_DEGREE},
      {"no-intercept", no_argument, NULL, OPT_NO_INTERCEPT},
      {"x", required_argument, NULL, OPT_X},
      {"y", required_argument, NULL, OPT_Y},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct regress_args ra = {.degree = 1, .intercept = true};
  const char *column = NULL;
  bool degree_set = false;
  const char *sub;
  int c;
  int rc = CLI_EXIT_OK;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_stats, argc, argv, opts, &rc);
    if (c < 0)
      break;
    switch (c) {
    case OPT_COLUMN:
      column = optarg;
      break;
    case OPT_Y:
      ra.y = optarg;
      break;
    case OPT_X:
      ra.xlist = optarg;
      break;
    case OPT_DEGREE:
      if (!cli_parse_int(optarg, 1, STATS_MAX_DEGREE, &ra.degree))
        return cli_usage_error(&cli_cmd_stats,
                               "--degree needs a whole number from 1 to %d, not '%s'",
                               STATS_MAX_DEGREE, optarg);
      degree_set = true;
      break;
    case OPT_NO_INTERCEPT:
      ra.intercept = false;
      break;
    default:
      return cli_usage_error(&cli_cmd_stats, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_stats, "name a statistic: 'summary' or 'regress'");
  sub = argv[optind];
  if (strcmp(sub, "summary") != 0 && strcmp(sub, "regress") != 0)
    return cli_usage_error(&cli_cmd_stats, "unknown statistic '%s' (expected summary or regress)",
                           sub);
  if (argc - optind != 2)
    return cli_usage_error(&cli_cmd_stats, "name exactly one CSV file after '%s'", sub);
  if (strcmp(sub, "summary") == 0) {
    if (ra.y || ra.xlist || degree_set || !ra.intercept)
      return cli_usage_error(&cli_cmd_stats,
                             "--y, --x, --degree and --no-intercept belong to 'stats regress'");
    return cli_stats_run_summary(ctx, argv[optind + 1], column);
  }
  if (column)
    return cli_usage_error(&cli_cmd_stats, "--column belongs to 'stats summary'");
  if (!ra.y || !ra.xlist)
    return cli_usage_error(&cli_cmd_stats, "'stats regress' needs --y NAME and --x NAME[,NAME...]");
  rc = cli_stats_split_x(&ra);
  if (rc)
    return rc;
  if (ra.degree > 1 && ra.nx != 1)
    return cli_usage_error(&cli_cmd_stats, "--degree takes exactly one --x column");
  for (size_t i = 0; i < ra.nx; i++)
    if (strcmp(ra.x[i], ra.y) == 0)
      return cli_usage_error(&cli_cmd_stats, "'%s' cannot be both the response and a predictor",
                             ra.y);
  return cli_stats_run_regress(ctx, argv[optind + 1], &ra);
}

const struct cli_cmd cli_cmd_stats = {
    .name = "stats",
    .summary = "statistics on your own CSV data: summary, least-squares regression",
    .usage = "laborstat stats summary FILE.csv [--column NAME]\n"
             "       laborstat stats regress FILE.csv --y NAME --x NAME[,NAME...] [--degree K] "
             "[--no-intercept]",
    .help =
        "FILE.csv has a header row; columns are found by name (exact, else ignoring case).\n"
        "Missing cells are empty or NA, N/A, NaN, null, '-' or '.'; numbers may have thousands\n"
        "separators ('1,234.5' in quotes).\n\n"
        "summary: n, mean, sd (n - 1), min, max, quantiles p10 p25 median p75 p90 (GSL's\n"
        "  gsl_stats_quantile_from_sorted_data: linear between order statistics, type 7), and\n"
        "  the lag-1 autocorrelation, for each numeric column (one with a number and no more\n"
        "  text cells than numbers) or the --column named. Missing and non-numeric cells are\n"
        "  skipped and counted ('skipped'); lag-1 runs over the remaining values in file order.\n"
        "  --column NAME   only this column\n\n"
        "regress: ordinary least squares with standard errors, t, two-sided p (Student t with\n"
        "  n - p df), residual standard deviation, R-squared and adjusted R-squared. Without an\n"
        "  intercept R-squared is the uncentred 1 - SSE / sum y^2. A missing or non-numeric cell\n"
        "  in a used column is an error (FILE:LINE:COLUMN); so is a rank-deficient design or\n"
        "  no more rows than coefficients. Method: pivoted QR on scaled columns with iterative\n"
        "  refinement in double-double arithmetic (checked against NIST StRD certified values).\n"
        "  --y NAME           the response column\n"
        "  --x NAME[,NAME]    predictor columns\n"
        "  --degree K         polynomial in one --x column: terms x, x^2, ..., x^K (K <= 20)\n"
        "  --no-intercept     fit through the origin\n\n"
        "JSON: summary is an array of objects with column, n, skipped, mean, sd, min, p10, p25,\n"
        "median, p75, p90, max, lag1_autocorrelation; regress is an array of one object with\n"
        "response, coefficients [{term, estimate, std_error, t, p}], residual_sd, r_squared,\n"
        "r_squared_kind, adj_r_squared, n, df. CSV of regress: one row per coefficient with the\n"
        "fit statistics repeated. Values that do not exist (sd of one value) are null / empty.\n",
    .run = run,
};
