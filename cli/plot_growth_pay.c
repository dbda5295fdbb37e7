/*
 * plot_growth_pay.c - `laborstat plot growth-pay --role PRESET | --occ LIST`: projected growth
 * against the median annual wage, bubble area proportional to base employment, with the "all
 * occupations" (00-0000) reference. Rows from cli_plot_proj_rows() (plot_projection.c).
 */
#include "cli/plot.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ALL_OCCUPATIONS "00-0000"

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  struct cli_plot_proj *rows = NULL;
  struct lab_plot_bubble bub[LAB_PLOT_MAX_POINTS];
  struct lab_plot_growth_pay g = {0};
  struct lab_projection *all = calloc(1, sizeof(*all));
  struct lab_store *store = NULL;
  struct lab_area area;
  struct lab_error err = {0}, e2 = {0};
  struct lab_plot_opts o;
  const char *role = NULL, *occs = NULL;
  char title[512], caption[1536], xlabel[128], biggest[64];
  size_t n = 0, big = 0;
  int wage_year = 0;
  bool mixed_years = false;
  lab_status st;
  int rc = cli_plot_proj_parse(ctx, argc, argv, po, &role, &occs);

  if (rc) {
    free(all);
    return rc;
  }
  if (!all) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  if (po->area && strcmp(po->area, "US") != 0) {
    rc = cli_usage_error(&cli_cmd_plot, "plot growth-pay uses the BLS national projections: "
                                        "--area is not supported");
    goto out;
  }
  st = cli_plot_proj_rows(ctx, role, occs, NULL, &store, &area, &rows, &n, &err);
  if (st) {
    rc = cli_plot_proj_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    if (isnan(rows[i].wage)) {
      lab_error_set(&err, LAB_ERR_NOTFOUND, "no median annual wage for %s", rows[i].label);
      rc = cli_fail(&err);
      goto out;
    }
    bub[i].label = rows[i].label;
    bub[i].growth_pct = rows[i].f.pct_change;
    bub[i].wage = rows[i].wage;
    bub[i].emp = rows[i].f.emp_base;
    if (rows[i].f.emp_base > rows[big].f.emp_base)
      big = i;
    if (i > 0 && rows[i].wage_year != rows[0].wage_year)
      mixed_years = true;
  }
  wage_year = rows[0].wage_year;
  g.bubbles = bub;
  g.n = n;
  g.ref_growth_pct = NAN;
  g.ref_wage = NAN;
  if (lab_store_projection(store, "ep", ALL_OCCUPATIONS, "US", rows[0].vintage, all, &e2) ==
      LAB_OK) {
    g.ref_growth_pct = all->pct_change;
    g.ref_wage = all->median_wage;
  }
  snprintf(xlabel, sizeof(xlabel), "Projected employment change %d-%d (percent)", rows[0].base_year,
           rows[0].proj_year);
  g.xlabel = xlabel;
  lab_num_format_grouped(rows[big].f.emp_base, 0, biggest, sizeof(biggest));
  snprintf(title, sizeof(title), "Projected growth and pay%s%s, %d-%d", role ? ": " : "",
           role ? role : "", rows[0].base_year, rows[0].proj_year);
  snprintf(caption, sizeof(caption),
           "Source: BLS Employment Projections %s (national); median annual wage from BLS OEWS "
           "May %d%s, nominal dollars%s. Bubble area proportional to %d employment (largest: "
           "%s). Dashed: all occupations (00-0000)%s. Made with: %s",
           rows[0].vintage, wage_year, mixed_years ? " (or the latest release with it)" : "",
           role ? "; a role's wage is the median of its employment-weighted mixture" : "",
           rows[0].base_year, biggest, isnan(g.ref_growth_pct) ? " (not in the store)" : "",
           ctx->argv0_cmdline);
  cli_plot_fill(&o, po, title, caption);
  st = lab_plot_growth_pay_script(&g, &o, po->script, &err);
  rc = st ? cli_fail(&err) : CLI_EXIT_OK;
out:
  free(rows);
  free(all);
  return rc;
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
  return cli_plot_run(ctx, &cli_plot_growth_pay, argc, argv);
}

const struct cli_plot_kind cli_plot_growth_pay = {
    .name = "growth-pay",
    .usage = "laborstat plot growth-pay --role PRESET | --occ LIST --out FILE.{png,svg,pdf}",
    .summary = "projected growth against median annual wage, bubble area proportional to\n"
               "               base employment, with the all-occupations reference",
    .run = run,
    .build = build,
};
