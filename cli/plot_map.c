/*
 * plot_map.c - `laborstat plot map OCC|ROLE --measure M`: a U.S. state tile-grid map coloured
 * by an OEWS measure, a role's mixture wage, or the projected growth (Projections Central).
 */
#include "cli/basis.h"
#include "cli/plot.h"
#include "cli/role_dist.h"
#include "cli/wages.h"
#include "datasets/lab_query.h"
#include "datasets/lab_roles.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPT_MEASURE 3101
#define OPT_BASIS 3102
#define MAX_TILES 128

enum source { SRC_OEWS, SRC_GROWTH, SRC_ROLE };

struct gather {
  struct lab_store *store;
  const struct cli_basis *basis;
  enum lab_measure m;
  struct lab_geo_tile tile[MAX_TILES];
  double value[MAX_TILES];
  size_t n;
  int year;
  bool have_cell;
  struct lab_oews_cell first;
  char vintage[16];
  char occ_title[256];
  int base_year, proj_year;
};

static lab_status take_tile(void *ctx, const struct lab_geo_tile *t, struct lab_error *err)
{
  struct gather *g = ctx;

  if (g->n == MAX_TILES)
    return lab_error_set(err, LAB_ERR_TOOLARGE, "more than %d tiles in the store", MAX_TILES);
  g->tile[g->n] = *t;
  g->value[g->n] = NAN;
  g->n++;
  return LAB_OK;
}

static double *slot(struct gather *g, const char *code)
{
  for (size_t i = 0; i < g->n; i++)
    if (strcmp(g->tile[i].code, code) == 0)
      return &g->value[i];
  return NULL;
}

static lab_status take_cell(void *ctx, const struct lab_oews_cell *cell, struct lab_error *err)
{
  struct gather *g = ctx;
  struct lab_oews_cell c = *cell;
  double *v = slot(g, c.area.code);
  char detail[256];
  lab_status st;

  if (!v || (c.m[g->m].state != LAB_V_VALUE && c.m[g->m].state != LAB_V_TOPCODED))
    return LAB_OK; /* no tile, or not published: n/a */
  if (lab_measure_is_wage(g->m)) {
    st = cli_basis_apply(g->store, g->basis, &c, detail, sizeof(detail), err);
    if (st && g->basis->kind == CLI_BASIS_RPP) {
      lab_error_clear(err); /* no price parity (a territory): n/a */
      return LAB_OK;
    }
    if (st)
      return st;
  }
  if (!g->have_cell) {
    g->first = c;
    g->have_cell = true;
  }
  g->year = c.year;
  *v = c.m[g->m].v;
  return LAB_OK;
}

static lab_status take_projection(void *ctx, const struct lab_projection *p, struct lab_error *err)
{
  struct gather *g = ctx;
  double *v = slot(g, p->area);

  (void)err;
  snprintf(g->vintage, sizeof(g->vintage), "%s", p->vintage);
  snprintf(g->occ_title, sizeof(g->occ_title), "%s", p->occ_title);
  g->base_year = p->base_year;
  g->proj_year = p->proj_year;
  if (v && isfinite(p->pct_change))
    *v = p->pct_change;
  return LAB_OK;
}

static lab_status take_year(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
{
  struct gather *g = ctx;

  (void)err;
  g->year = c->year;
  return LAB_OK;
}

/* Every state's mixture median (or mean) of role r. */
static lab_status role_values(struct gather *g, const struct lab_role *r, int year, bool median,
                              char *detail, size_t size, struct lab_error *err)
{
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  struct cli_fit_request req = {0};
  lab_status st = LAB_OK;

  if (!d)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  /* the year: the latest (or the asked) year with state cells of the role's first code */
  g->year = 0;
  if (r->editions[LAB_ROLE_SOC2018].n == 0)
    st = lab_error_set(err, LAB_ERR_DOMAIN, "role '%s' has no 2018 SOC codes", r->name);
  if (!st)
    st = lab_store_oews_by_area_type(g->store, r->editions[LAB_ROLE_SOC2018].v[0].code, "state",
                                     false, year, take_year, g, err);
  if (!st && g->year == 0)
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no state estimates of role '%s'", r->name);
  for (size_t i = 0; i < g->n && !st; i++) {
    st = cli_role_dist(g->store, r, g->tile[i].code, g->year, false, &req, g->basis, d, err);
    if (st == LAB_ERR_NOTFOUND || (st && g->basis->kind == CLI_BASIS_RPP)) {
      st = LAB_OK; /* no cells, or no price parity (a territory): n/a */
      lab_error_clear(err);
      continue;
    }
    if (!st && d->ok) {
      g->value[i] = median ? d->pct[2] : d->mean;
      snprintf(detail, size, "%s", d->basis_detail);
      detail[0] = (char)toupper((unsigned char)detail[0]); /* starts a sentence */
    }
  }
  free(d);
  return st;
}

static int draw(const struct cli_plot_opts *po, const struct gather *g, enum lab_plot_unit unit,
                int decimals, const char *legend, const char *title, const char *caption)
{
  struct lab_plot_tile tiles[MAX_TILES];
  struct lab_plot_map m = {
      .tiles = tiles, .n = g->n, .legend_title = legend, .unit = unit, .decimals = decimals};
  struct lab_plot_opts o;
  struct lab_error err = {0};
  int rc;

  for (size_t i = 0; i < g->n; i++) {
    tiles[i].postal = g->tile[i].postal;
    tiles[i].col = g->tile[i].col;
    tiles[i].row = g->tile[i].row;
    tiles[i].value = g->value[i];
  }
  cli_plot_fill(&o, po, title, caption);
  rc = lab_plot_map_script(&m, &o, po->script, &err) ? cli_fail(&err) : CLI_EXIT_OK;
  return rc;
}

static size_t count_na(const struct gather *g)
{
  size_t n = 0;

  for (size_t i = 0; i < g->n; i++)
    n += isnan(g->value[i]);
  return n;
}

static int plot(struct cli_ctx *ctx, const struct cli_plot_opts *po, const char *what,
                const char *measure, const struct cli_basis *b)
{
  struct gather *g = calloc(1, sizeof(*g));
  struct lab_roles *set = NULL;
  struct lab_error err = {0};
  char title[512], caption[2048], legend[256], source[256], detail[256] = "", na[96] = "";
  char label[128];
  bool growth = strcmp(measure, "growth") == 0;
  bool is_role = !cli_looks_like_soc(what);
  enum lab_plot_unit unit = LAB_PLOT_UNIT_DOLLARS;
  int decimals = 0;
  lab_status st = LAB_OK;
  int rc = CLI_EXIT_OK;

  if (!g) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  g->basis = b;
  g->m = growth ? LAB_M_COUNT : lab_measure_from_name(measure);
  if (!growth && g->m != LAB_M_A_MEDIAN && g->m != LAB_M_A_MEAN && g->m != LAB_M_A_PCT10 &&
      g->m != LAB_M_A_PCT25 && g->m != LAB_M_A_PCT75 && g->m != LAB_M_A_PCT90 &&
      g->m != LAB_M_LOC_QUOTIENT && g->m != LAB_M_JOBS_1000 && g->m != LAB_M_TOT_EMP) {
    rc = cli_usage_error(&cli_cmd_plot,
                         "--measure needs a_median, a_mean, a_pct10..a_pct90, loc_quotient, "
                         "jobs_1000, tot_emp or growth");
    goto out;
  }
  if (b->kind != CLI_BASIS_NOMINAL && (growth || !lab_measure_is_wage(g->m))) {
    rc = cli_usage_error(&cli_cmd_plot, "--basis applies to wage measures only");
    goto out;
  }
  if (is_role && g->m != LAB_M_A_MEDIAN && g->m != LAB_M_A_MEAN) {
    rc = cli_usage_error(&cli_cmd_plot, "a role is mapped by a_median or a_mean only");
    goto out;
  }
  if (is_role) {
    st = lab_roles_find(what, &set, &err);
    if (st == LAB_ERR_NOTFOUND) {
      rc = cli_usage_error(&cli_cmd_plot, "'%s' is neither an SOC code nor a role: %s", what,
                           err.msg);
      goto out;
    }
    if (!st && set->n != 1) {
      rc = cli_usage_error(&cli_cmd_plot, "'%s' holds %zu roles: name one of them", what, set->n);
      goto out;
    }
  }
  if (!st)
    st = cli_store(ctx, &g->store, &err);
  if (!st)
    st = lab_store_geo_tiles(g->store, take_tile, g, &err);
  if (!st && g->n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "the store has no tile grid (area table)");
  if (!st && growth)
    st = lab_store_projections_by_state(g->store, what, NULL, take_projection, g, &err);
  else if (!st && is_role)
    st = role_values(g, &set->roles[0], po->year, g->m == LAB_M_A_MEDIAN, detail, sizeof(detail),
                     &err);
  else if (!st)
    st = lab_store_oews_by_area_type(g->store, what, "state", false, po->year, take_cell, g, &err);
  if (!st && count_na(g) == g->n)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no state has %s for %s%s", measure, what,
                       growth ? " in the state projections" : "");
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  if (count_na(g) > 0)
    snprintf(na, sizeof(na), " Grey (n/a): %zu area%s with no published value.", count_na(g),
             count_na(g) == 1 ? "" : "s");
  if (growth) {
    unit = LAB_PLOT_UNIT_PERCENT;
    decimals = 1;
    snprintf(legend, sizeof(legend), "Projected employment change, %d-%d (percent)", g->base_year,
             g->proj_year);
    snprintf(title, sizeof(title), "%s (%s): projected employment change by state, %d-%d",
             g->occ_title, what, g->base_year, g->proj_year);
    snprintf(caption, sizeof(caption),
             "Source: Projections Central (state long-term occupational projections), %s cycle;"
             " percent change of employment from %d to %d.%s Made with: %s",
             g->vintage, g->base_year, g->proj_year, na, ctx->argv0_cmdline);
    goto draw;
  }
  if (is_role) {
    snprintf(legend, sizeof(legend), "%s annual wage, May %d (%s)",
             g->m == LAB_M_A_MEDIAN ? "Median" : "Mean", g->year, b->name);
    snprintf(title, sizeof(title), "%s (role): %s annual wage by state, May %d",
             set->roles[0].title, g->m == LAB_M_A_MEDIAN ? "median" : "mean", g->year);
    snprintf(caption, sizeof(caption),
             "Source: BLS OEWS May %d state estimates; each state's value is the %s of the role's "
             "employment-weighted mixture of its SOC codes' fitted lognormal distributions "
             "(laborstat roles). %s.%s Made with: %s",
             g->year, g->m == LAB_M_A_MEDIAN ? "median" : "mean", detail, na, ctx->argv0_cmdline);
    goto draw;
  }
  if (g->m == LAB_M_LOC_QUOTIENT || g->m == LAB_M_JOBS_1000) {
    unit = LAB_PLOT_UNIT_NUMBER;
    decimals = 2;
  } else if (g->m == LAB_M_TOT_EMP) {
    unit = LAB_PLOT_UNIT_NUMBER;
  }
  snprintf(legend, sizeof(legend), "%s, May %d", lab_measure_label(g->m), g->year);
  snprintf(label, sizeof(label), "%s", lab_measure_label(g->m));
  label[0] = (char)tolower((unsigned char)label[0]); /* mid-sentence in the title */
  snprintf(title, sizeof(title), "%s (%s): %s by state, May %d", g->first.occ_title,
           g->first.occ_code, label, g->year);
  cli_cell_source(&g->first, source, sizeof(source));
  snprintf(
      caption, sizeof(caption), "Source: %s.%s%s%s Made with: %s", source,
      lab_measure_is_wage(g->m) ? " " : "",
      lab_measure_is_wage(g->m)
          ? (b->kind == CLI_BASIS_RPP
                 ? "Wages divided by each state's BEA regional price parity / 100 (U.S. = 100)."
             : b->kind == CLI_BASIS_REAL ? "Real dollars (CPI-U)."
                                         : "Nominal dollars.")
          : "",
      na, ctx->argv0_cmdline);
draw:
  rc = draw(po, g, unit, decimals, legend, title, caption);
out:
  lab_roles_free(set);
  free(g);
  return rc;
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  static const struct option opts[] = {CLI_PLOT_OPTIONS,
                                       {"measure", required_argument, NULL, OPT_MEASURE},
                                       {"basis", required_argument, NULL, OPT_BASIS},
                                       CLI_GLOBAL_OPTIONS,
                                       {NULL, 0, NULL, 0}};
  struct cli_basis b;
  const char *measure = "a_median";
  int rc = CLI_EXIT_OK;
  int c;

  cli_basis_parse("nominal", &b);
  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == OPT_MEASURE)
      measure = optarg;
    else if (c == OPT_BASIS) {
      if (!cli_basis_parse(optarg, &b))
        rc = cli_usage_error(&cli_cmd_plot, "--basis needs nominal, real or rpp");
    } else if (c == CLI_PLOT_OPT_AREA)
      rc = cli_usage_error(&cli_cmd_plot, "plot map draws every state: --area does not apply");
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
  if (argc - optind != 1)
    return cli_usage_error(&cli_cmd_plot, "name one occupation code (e.g. 15-2051) or one role");
  if (b.kind == CLI_BASIS_REAL) {
    struct lab_store *s = NULL;
    struct lab_error err = {0};

    if (cli_store(ctx, &s, &err) || cli_basis_prepare(s, &b, &err))
      return cli_fail(&err);
  }
  return plot(ctx, po, argv[optind], measure, &b);
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
  return cli_plot_run(ctx, &cli_plot_map, argc, argv);
}

const struct cli_plot_kind cli_plot_map = {
    .name = "map",
    .usage = "laborstat plot map OCC|ROLE [--measure a_median|a_mean|loc_quotient|jobs_1000|"
             "tot_emp|growth|...] [--year Y] [--basis nominal|real|rpp] --out FILE.{png,svg,pdf}",
    .summary = "a U.S. state tile-grid map coloured by a measure (viridis classes), the value\n"
               "               in each tile; growth = the projected change (Projections Central)",
    .run = run,
    .build = build,
};
