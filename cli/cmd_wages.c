/*
 * cmd_wages.c - `laborstat wages OCC...`: the published OEWS estimates, states shown plainly,
 * with 95% confidence intervals from the published relative standard errors, and the fitted
 * wage distribution.
 */
#include "cli/basis.h"
#include "cli/role_dist.h"
#include "cli/wages.h"
#include "datasets/lab_roles.h"
#include "common/lab_num.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct wages_opts {
  const char *area;
  int year;
  struct cli_basis basis;
  struct cli_fit_request fit;
};

/* Parse a --quantile or --at value into list[*n] (at most CLI_FIT_MAX). */
static bool add_value(const char *text, double lo, double hi, double *list, size_t *n)
{
  double v = 0;

  if (*n >= CLI_FIT_MAX || lab_num_parse(text, strlen(text), true, &v) != LAB_OK || !(v > lo) ||
      !(v < hi))
    return false;
  list[(*n)++] = v;
  return true;
}

/* `wages ROLE`: a role slug or a preset name (every role of it). */
static int run_role(struct cli_ctx *ctx, struct wages_opts *wo, int n, char **names)
{
  struct lab_roles *set = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  struct lab_area area;
  lab_status st;
  int rc = CLI_EXIT_OK;

  if (n > 1)
    return cli_usage_error(&cli_cmd_wages,
                           "give one role or preset at a time (or SOC codes only), not '%s' and "
                           "'%s'",
                           names[0], names[1]);
  st = lab_roles_find(names[0], &set, &err);
  if (st == LAB_ERR_NOTFOUND) {
    rc = cli_usage_error(&cli_cmd_wages,
                         "'%s' is neither an SOC code such as 29-9021 nor a role: %s", names[0],
                         err.msg);
    goto out;
  }
  if (!st)
    st = cli_store_read(ctx, &store, &err);
  if (!st)
    st = lab_store_area_resolve(store, wo->area ? wo->area : "US", &area, &err);
  if (!st)
    st = cli_basis_prepare(store, &wo->basis, &err);
  if (!st)
    st = cli_wages_roles(store, set, area.code, wo->year, &wo->fit, &wo->basis, ctx->format, &err);
  if (st)
    rc = cli_fail(&err);
out:
  lab_roles_free(set);
  return rc;
}

/* `wages OCC --area A,B,...`: the region made of those areas. */
static int run_region(struct cli_ctx *ctx, struct wages_opts *wo, int n, char **occs)
{
  char list[512];
  char codes[CLI_ROLE_REGION_MAX][16];
  char *areas[CLI_ROLE_REGION_MAX];
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  size_t na = 0;
  lab_status st;
  char *save = NULL;

  if (n != 1 || !cli_looks_like_soc(occs[0]))
    return cli_usage_error(&cli_cmd_wages, "a region (--area A,B,...) takes one SOC code");
  snprintf(list, sizeof(list), "%s", wo->area);
  st = cli_store_read(ctx, &store, &err);
  for (char *tok = strtok_r(list, ",", &save); tok && !st; tok = strtok_r(NULL, ",", &save)) {
    struct lab_area a;
    if (na == CLI_ROLE_REGION_MAX)
      return cli_usage_error(&cli_cmd_wages, "a region has at most %d areas", CLI_ROLE_REGION_MAX);
    st = lab_store_area_resolve(store, tok, &a, &err);
    if (!st) {
      snprintf(codes[na], sizeof(codes[na]), "%s", a.code);
      areas[na] = codes[na];
      na++;
    }
  }
  if (!st)
    st = cli_basis_prepare(store, &wo->basis, &err);
  if (!st)
    st = cli_wages_region(store, occs[0], areas, na, wo->year, &wo->fit, &wo->basis, ctx->format,
                          &err);
  return st ? cli_fail(&err) : CLI_EXIT_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"at", required_argument, NULL, 'w'},
      {"base-year", required_argument, NULL, 'B'},
      {"basis", required_argument, NULL, 'b'},
      {"quantile", required_argument, NULL, 'q'},
      {"use-mean", no_argument, NULL, 'm'},
      {"year", required_argument, NULL, 'y'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct wages_opts wo = {0};
  struct cli_wages_item *items = NULL;
  struct lab_oews_cell *cells = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  size_t n;
  long year;
  lab_status st;
  int rc = CLI_EXIT_OK;
  int c;

  cli_basis_parse("nominal", &wo.basis);
  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_wages, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == 'a') {
      wo.area = optarg;
    } else if (c == 'b') {
      int base = wo.basis.base_year;
      if (!cli_basis_parse(optarg, &wo.basis))
        return cli_usage_error(&cli_cmd_wages, "--basis must be nominal, real or rpp");
      wo.basis.base_year = base;
    } else if (c == 'B') {
      if (!cli_parse_int(optarg, 1913, 2100, &year))
        return cli_usage_error(&cli_cmd_wages, "--base-year needs a year such as 2024");
      wo.basis.base_year = (int)year;
    } else if (c == 'q') {
      if (!add_value(optarg, 0, 1, wo.fit.q, &wo.fit.nq))
        return cli_usage_error(&cli_cmd_wages,
                               "--quantile needs a level between 0 and 1 such as 0.95 (at most "
                               "%d)",
                               CLI_FIT_MAX);
    } else if (c == 'w') {
      if (!add_value(optarg, 0, INFINITY, wo.fit.at, &wo.fit.nat))
        return cli_usage_error(&cli_cmd_wages,
                               "--at needs a positive annual wage such as 100000 (at most %d)",
                               CLI_FIT_MAX);
    } else if (c == 'm') {
      wo.fit.use_mean = true;
    } else if (c == 'y') {
      if (!cli_parse_int(optarg, 1997, 2100, &year))
        return cli_usage_error(&cli_cmd_wages, "--year needs a May year such as 2023, not '%s'",
                               optarg);
      wo.year = (int)year;
    } else {
      return cli_usage_error(&cli_cmd_wages, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_wages, "name at least one occupation code, e.g. 29-9021");
  if (!cli_looks_like_soc(argv[optind]))
    return run_role(ctx, &wo, argc - optind, argv + optind);
  if (wo.area && strchr(wo.area, ','))
    return run_region(ctx, &wo, argc - optind, argv + optind);
  n = (size_t)(argc - optind);
  cells = calloc(n, sizeof(*cells));
  items = calloc(n, sizeof(*items));
  if (!cells || !items) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  st = cli_store_read(ctx, &store, &err);
  if (!st)
    st = cli_wages_cells(store, argv + optind, n, wo.area, wo.year, cells, &err);
  if (!st)
    st = cli_basis_prepare(store, &wo.basis, &err);
  for (size_t i = 0; i < n && !st; i++) {
    items[i].cell = cells[i];
    st = cli_basis_apply(store, &wo.basis, &items[i].cell, items[i].detail, sizeof(items[i].detail),
                         &err);
    if (!st)
      st = cli_fit_cell(&items[i].cell, &wo.fit, &items[i].fit, &err);
  }
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_wages, "%s", err.msg)
                                       : cli_fail(&err);
    goto out;
  }
  cli_wages_print(items, n, &wo.fit, wo.basis.name, ctx->format);
out:
  free(cells);
  free(items);
  return rc;
}

const struct cli_cmd cli_cmd_wages = {
    .name = "wages",
    .summary = "published OEWS wages and employment of occupations, with confidence intervals",
    .usage = "laborstat wages OCC...|ROLE [--area AREA] [--year YEAR] [--basis nominal|real|rpp]\n"
             "       [--quantile P]... [--at WAGE]... [--use-mean]",
    .help = "OCC is an SOC code (29-9021); find codes with 'laborstat find WORDS'. ROLE is a\n"
            "role (health-informatics-specialist) or a preset (health-it: all its roles); see\n"
            "'laborstat roles'. A role's distribution is the employment-weighted mixture of its\n"
            "codes' fitted distributions.\n"
            "Special values are shown as they are: '>= $239,200 (top-coded)' is a lower bound\n"
            "(BLS '#'), 'not available (*)' a wage BLS does not publish. In JSON a measure is\n"
            "{\"value\": number or null, \"state\": \"published\"|\"topcoded\"|\"wage_na\"|...}.\n"
            "95% confidence intervals come from the published relative standard errors.\n\n"
            "  --area AREA   US (default), a state (CA, California, 06), a metro (31080) ...;\n"
            "                a list (CA,NV,AZ) is a region: the employment-weighted mixture of\n"
            "                the areas' distributions\n"
            "  --year YEAR   the May release (default: the latest that has the occupation)\n"
            "  --basis B     nominal (default); real: dollars of --base-year (default the latest\n"
            "                CPI-U year in the store); rpp: divided by the state's BEA regional\n"
            "                price parity / 100 (states and the nation only)\n"
            "  --base-year Y the year of real dollars\n"
            "  --quantile P  a quantile of the fitted distribution, with a 95% bootstrap band\n"
            "                (repeatable, e.g. --quantile 0.95)\n"
            "  --at WAGE     the share of workers below and above an annual wage (repeatable)\n"
            "  --use-mean    fit the published mean as well as the percentiles\n\n"
            "The fit: a lognormal by least squares on the log percentiles (top-coded ones are\n"
            "lower bounds, never data points); see docs/methods.md.\n",
    .run = run,
};
