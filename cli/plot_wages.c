/*
 * plot_wages.c - `laborstat plot wages OCC...|ROLE`: wage distributions as boxes.
 */
#include "cli/plot.h"
#include "cli/role_dist.h"
#include "cli/wages.h"
#include "cli/wages_fit.h"
#include "datasets/lab_roles.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPT_DENSITY 3101

static double annual(const struct lab_oews_cell *c, enum lab_measure m, unsigned bit,
                     unsigned *topcoded)
{
  const struct lab_value *v = &c->m[m];

  if (v->state == LAB_V_TOPCODED)
    *topcoded |= bit;
  return v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED ? v->v : NAN;
}

/*
 * One box per occupation. With density, each cell's lognormal (cli_fit_cell, fitted to the
 * published annual percentiles) is passed as the box's mu and sigma; a cell that cannot be
 * fitted gets NAN (no curve).
 */
static int plot_occupations(struct cli_ctx *ctx, const struct cli_plot_opts *po, char **occs,
                            size_t n, bool density)
{
  struct lab_oews_cell *cells = calloc(n, sizeof(*cells));
  struct lab_plot_box *boxes = calloc(n, sizeof(*boxes));
  struct cli_fit *fit = calloc(1, sizeof(*fit));
  const struct cli_fit_request req = {.nq = 0};
  char(*labels)[300] = calloc(n, sizeof(*labels));
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  char title[256], caption[1024], source[256];
  struct lab_plot_opts o = {0};
  lab_status st;
  int rc = CLI_EXIT_OK;

  if (!cells || !boxes || !labels || !fit) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = cli_wages_cells(store, occs, n, po->area, po->year, cells, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &cells[i];
    snprintf(labels[i], sizeof(labels[i]), "%s (%s)", c->occ_title, c->occ_code);
    boxes[i].label = labels[i];
    boxes[i].p10 = annual(c, LAB_M_A_PCT10, LAB_PLOT_TOPCODED(LAB_PLOT_P10), &boxes[i].topcoded);
    boxes[i].p25 = annual(c, LAB_M_A_PCT25, LAB_PLOT_TOPCODED(LAB_PLOT_P25), &boxes[i].topcoded);
    boxes[i].median =
        annual(c, LAB_M_A_MEDIAN, LAB_PLOT_TOPCODED(LAB_PLOT_MEDIAN), &boxes[i].topcoded);
    boxes[i].p75 = annual(c, LAB_M_A_PCT75, LAB_PLOT_TOPCODED(LAB_PLOT_P75), &boxes[i].topcoded);
    boxes[i].p90 = annual(c, LAB_M_A_PCT90, LAB_PLOT_TOPCODED(LAB_PLOT_P90), &boxes[i].topcoded);
    boxes[i].mean = c->m[LAB_M_A_MEAN].state == LAB_V_VALUE ? c->m[LAB_M_A_MEAN].v : NAN;
    boxes[i].mu = NAN;
    boxes[i].sigma = NAN;
    if (!density)
      continue;
    st = cli_fit_cell(c, &req, fit, &err);
    if (st) {
      rc = cli_fail(&err);
      goto out;
    }
    if (fit->ok) {
      boxes[i].mu = fit->fit.mu;
      boxes[i].sigma = fit->fit.sigma;
    }
  }
  snprintf(title, sizeof(title), "Annual wage distribution, %s, May %d", cells[0].area.name,
           cells[0].year);
  cli_cell_source(&cells[0], source, sizeof(source));
  snprintf(caption, sizeof(caption),
           "Source: %s. Nominal dollars. Box: 25th-75th percentile; whiskers: 10th-90th%s. "
           "Made with: %s",
           source, density ? "; density: lognormal fitted to the published percentiles" : "",
           ctx->argv0_cmdline);
  for (size_t i = 1; i < n; i++)
    if (cells[i].year != cells[0].year) {
      snprintf(title, sizeof(title), "Annual wage distribution, %s (latest May release each)",
               cells[0].area.name);
      break;
    }
  cli_plot_fill(&o, po, title, caption);
  o.density = density;
  st = lab_plot_wages_script(boxes, n, &o, po->script, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  rc = CLI_EXIT_OK;
out:
  free(cells);
  free(fit);
  free(boxes);
  free(labels);
  return rc;
}

/* One box per role of the set: the percentiles and mean of the role's mixture. A mixture has
 * no single lognormal, so roles get no density (mu and sigma NAN). */
static int plot_roles(struct cli_ctx *ctx, const struct cli_plot_opts *po, const char *name)
{
  struct lab_roles *set = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  struct lab_plot_box *boxes = NULL;
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  struct cli_fit_request req = {0};
  struct cli_basis b;
  struct lab_area area;
  struct lab_plot_opts o;
  char(*labels)[300] = NULL;
  char title[256], caption[1024];
  int year = po->year;
  lab_status st;
  int rc = CLI_EXIT_OK;

  cli_basis_parse("nominal", &b);
  st = lab_roles_find(name, &set, &err);
  if (st == LAB_ERR_NOTFOUND) {
    rc =
        cli_usage_error(&cli_cmd_plot, "'%s' is neither an SOC code nor a role: %s", name, err.msg);
    goto out;
  }
  if (!st && (!d || !(boxes = calloc(set->n, sizeof(*boxes))) ||
              !(labels = calloc(set->n, sizeof(*labels)))))
    st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
  if (!st)
    st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_area_resolve(store, po->area ? po->area : "US", &area, &err);
  for (size_t i = 0; set && i < set->n && !st; i++) {
    st = cli_role_dist(store, &set->roles[i], area.code, year, true, &req, &b, d, &err);
    if (!st && !d->ok)
      st = lab_error_set(&err, LAB_ERR_DOMAIN, "no distribution for role '%s': %s",
                         set->roles[i].name, d->why);
    if (st)
      break;
    year = d->year; /* every role of the chart in the same release */
    snprintf(labels[i], sizeof(labels[i]), "%s", set->roles[i].title);
    boxes[i].label = labels[i];
    boxes[i].p10 = d->pct[0];
    boxes[i].p25 = d->pct[1];
    boxes[i].median = d->pct[2];
    boxes[i].p75 = d->pct[3];
    boxes[i].p90 = d->pct[4];
    boxes[i].mean = d->mean;
    boxes[i].mu = NAN;
    boxes[i].sigma = NAN;
  }
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  snprintf(title, sizeof(title), "Annual wage distribution of the %s roles, %s, May %d",
           set->preset, area.name, year);
  snprintf(caption, sizeof(caption),
           "Source: BLS OEWS May %d; each role is the employment-weighted mixture of its SOC "
           "codes' fitted lognormal distributions (laborstat roles). Nominal dollars. Box: "
           "25th-75th percentile; whiskers: 10th-90th. Made with: %s",
           year, ctx->argv0_cmdline);
  cli_plot_fill(&o, po, title, caption);
  st = lab_plot_wages_script(boxes, set->n, &o, po->script, &err);
  rc = st ? cli_fail(&err) : CLI_EXIT_OK;
out:
  lab_roles_free(set);
  free(boxes);
  free(labels);
  free(d);
  return rc;
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  static const struct option opts[] = {CLI_PLOT_OPTIONS,
                                       {"density", no_argument, NULL, OPT_DENSITY},
                                       CLI_GLOBAL_OPTIONS,
                                       {NULL, 0, NULL, 0}};
  bool density = false;
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == OPT_DENSITY)
      density = true;
    else if (!cli_plot_option(po, c, optarg, &rc))
      rc = cli_usage_error(&cli_cmd_plot, "unknown or incomplete option '%s'", argv[optind - 1]);
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  rc = cli_plot_check_out(po);
  if (rc)
    return rc;
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_plot, "name occupation codes (e.g. 29-9021) or a role");
  if (!cli_looks_like_soc(argv[optind])) {
    if (argc - optind != 1)
      return cli_usage_error(&cli_cmd_plot, "one role or preset at a time");
    if (density)
      return cli_usage_error(&cli_cmd_plot, "--density is for occupations: a role's wages are a "
                                            "mixture of lognormals, with no single fit to draw");
    return plot_roles(ctx, po, argv[optind]);
  }
  if ((size_t)(argc - optind) > LAB_PLOT_MAX_BOXES)
    return cli_usage_error(&cli_cmd_plot, "at most %d occupations fit in one chart",
                           LAB_PLOT_MAX_BOXES);
  return plot_occupations(ctx, po, argv + optind, (size_t)(argc - optind), density);
}
/* Parse the kind's arguments and build its script into `script` (nothing rendered). */
static int build(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po,
                 struct lab_buf *script)
{
  po->script = script;
  return make(ctx, argc, argv, po);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  return cli_plot_run(ctx, &cli_plot_wages, argc, argv);
}

const struct cli_plot_kind cli_plot_wages = {
    .name = "wages",
    .usage = "laborstat plot wages OCC...|ROLE [--area A] [--year Y] [--density] --out "
             "FILE.{png,svg,pdf}",
    .summary = "one box per occupation or role: whiskers 10th-90th percentile, box 25th-75th,\n"
               "               the median and the mean marked; top-coded wages drawn open-ended",
    .run = run,
    .build = build,
};
