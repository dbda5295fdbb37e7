/*
 * plot_compare.c - `laborstat plot compare OCC|ROLE --by state|msa`: areas side by side as
 * sorted bars with 95% intervals (from the published RSEs) and the national value as a line.
 */
#include "analyzer/lab_analyzer.h"
#include "cli/basis.h"
#include "cli/plot.h"
#include "cli/role_dist.h"
#include "cli/wages.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"
#include "datasets/lab_roles.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPT_BY 3001
#define OPT_BASIS 3002
#define OPT_MEASURE 3003
#define OPT_TOP 3004
#define MSA_TOP_DEFAULT 25
#define CI_LEVEL 0.95

struct area_value {
  char name[128];
  char code[16];
  double value, lo, hi;
  bool topcoded;
};

struct gather {
  struct lab_store *store;
  const struct cli_basis *basis;
  enum lab_measure m;
  struct area_value *v;
  size_t n, cap;
  int year;
  struct lab_oews_cell first; /* for the source line */
  char basis_detail[256];
  size_t no_rpp; /* areas left out for want of a price parity */
};

/* A new zeroed entry at the end of g->v, or NULL when out of memory. */
static struct area_value *push(struct gather *g)
{
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 64;
    struct area_value *v = realloc(g->v, cap * sizeof(*v));

    if (!v)
      return NULL;
    g->v = v;
    g->cap = cap;
  }
  memset(&g->v[g->n], 0, sizeof(g->v[0]));
  return &g->v[g->n++];
}

/* One area's cell: the measure in the basis, with its interval when an RSE is published. */
static lab_status take_cell(void *ctx, const struct lab_oews_cell *cell, struct lab_error *err)
{
  struct gather *g = ctx;
  struct lab_oews_cell c = *cell;
  enum lab_measure rse = lab_measure_rse(g->m);
  struct area_value *a = NULL;
  struct lab_interval ci;
  char detail[256];
  lab_status st;

  if (c.m[g->m].state != LAB_V_VALUE && c.m[g->m].state != LAB_V_TOPCODED)
    return LAB_OK; /* not published for this area: left out (the caption says how many) */
  st = cli_basis_apply(g->store, g->basis, &c, detail, sizeof(detail), err);
  if (st && g->basis->kind == CLI_BASIS_RPP) {
    g->no_rpp++; /* no price parity for this area (a territory): left out */
    lab_error_clear(err);
    return LAB_OK;
  }
  if (st)
    return st;
  if (g->n == 0) {
    g->first = c;
    snprintf(g->basis_detail, sizeof(g->basis_detail), "%s", detail);
  }
  a = push(g);
  if (!a)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  snprintf(a->name, sizeof(a->name), "%s", c.area.name);
  snprintf(a->code, sizeof(a->code), "%s", c.area.code);
  a->value = c.m[g->m].v;
  a->topcoded = c.m[g->m].state == LAB_V_TOPCODED;
  a->lo = a->hi = NAN;
  g->year = c.year;
  if (rse != LAB_M_COUNT && c.m[rse].state == LAB_V_VALUE && !a->topcoded &&
      lab_an_ci_rse(a->value, c.m[rse].v, CI_LEVEL, &ci, err) == LAB_OK) {
    a->lo = ci.lo < 0 ? 0 : ci.lo;
    a->hi = ci.hi;
  }
  return LAB_OK;
}

static int by_value_desc(const void *x, const void *y)
{
  const struct area_value *a = x;
  const struct area_value *b = y;

  if (a->value != b->value)
    return a->value > b->value ? -1 : 1;
  return strcmp(a->name, b->name);
}

/* Draw g->v (sorted, cut to top) with the national value ref. */
static int draw(const struct cli_plot_opts *po, struct gather *g, size_t top, double ref,
                const char *title, const char *caption, const char *what)
{
  struct lab_plot_bar *bars = calloc(g->n ? g->n : 1, sizeof(*bars));
  struct lab_plot_compare c = {.reference = ref};
  struct lab_plot_opts o;
  struct lab_error err = {0};
  char ref_label[96], amount[48], axis[160];
  int rc;

  if (!bars) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  qsort(g->v, g->n, sizeof(*g->v), by_value_desc);
  if (top > 0 && top < g->n)
    g->n = top;
  for (size_t i = 0; i < g->n; i++) {
    bars[i].label = g->v[i].name;
    bars[i].value = g->v[i].value;
    bars[i].lo = g->v[i].lo;
    bars[i].hi = g->v[i].hi;
    bars[i].topcoded = g->v[i].topcoded;
  }
  lab_num_format_grouped(ref, 0, amount, sizeof(amount));
  snprintf(ref_label, sizeof(ref_label), "U.S.: $%s", amount);
  snprintf(axis, sizeof(axis), "%s (US dollars, thousands)", what);
  c.bars = bars;
  c.n = g->n;
  c.reference_label = ref_label;
  c.bar_label = what;
  c.axis_label = axis;
  cli_plot_fill(&o, po, title, caption);
  rc = lab_plot_compare_script(&c, &o, po->script, &err) ? cli_fail(&err) : CLI_EXIT_OK;
out:
  free(bars);
  return rc;
}

static int plot_occupation(struct cli_ctx *ctx, const struct cli_plot_opts *po, const char *occ,
                           const char *by, enum lab_measure m, const struct cli_basis *b,
                           size_t top)
{
  struct gather g = {.m = m, .basis = b};
  struct lab_oews_cell us;
  struct lab_error err = {0};
  char title[512], caption[2048], source[256], detail[256], note[256] = "";
  double ref = NAN;
  size_t found;
  lab_status st;
  int rc;

  st = cli_store(ctx, &g.store, &err);
  if (!st)
    st = lab_store_oews_by_area_type(g.store, occ, by, false, po->year, take_cell, &g, &err);
  if (!st && g.n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no %s estimates of %s in any %s for %s",
                       lab_measure_name(m), occ, by, po->year ? "that year" : "any year");
  if (!st && lab_store_oews_cell(g.store, occ, "US", g.year, &us, &err) == LAB_OK &&
      (us.m[m].state == LAB_V_VALUE || us.m[m].state == LAB_V_TOPCODED) &&
      cli_basis_apply(g.store, b, &us, detail, sizeof(detail), &err) == LAB_OK)
    ref = us.m[m].v;
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  found = g.n;
  if (top > 0 && top < found)
    snprintf(note, sizeof(note), " The top %zu of %zu areas by the measure.", top, found);
  else if (g.no_rpp > 0)
    snprintf(note, sizeof(note), " %zu area%s without a price parity left out.", g.no_rpp,
             g.no_rpp == 1 ? "" : "s");
  snprintf(title, sizeof(title), "%s (%s): %s by %s, May %d", g.first.occ_title, g.first.occ_code,
           m == LAB_M_A_MEAN ? "annual mean wage" : "annual median wage",
           strcmp(by, "msa") == 0 ? "metropolitan area" : "state", g.year);
  cli_cell_source(&g.first, source, sizeof(source));
  snprintf(caption, sizeof(caption),
           "Source: %s. %s%s. Error bars: 95%% confidence intervals from the published RSEs "
           "(none where BLS publishes none). Dashed line: the national estimate.%s Made with: %s",
           source,
           b->kind == CLI_BASIS_RPP ? "Wages divided by each state's BEA price parity / 100"
                                    : "Dollars: ",
           b->kind == CLI_BASIS_RPP ? "" : g.basis_detail, note, ctx->argv0_cmdline);
  rc = draw(po, &g, top, ref, title, caption, lab_measure_label(m));
out:
  free(g.v);
  return rc;
}

struct area_list {
  char (*code)[16];
  size_t n, cap;
  int year;
};

static lab_status take_area(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
{
  struct area_list *l = ctx;

  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    char(*v)[16] = realloc(l->code, cap * sizeof(*v));

    if (!v)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    l->code = v;
    l->cap = cap;
  }
  snprintf(l->code[l->n++], sizeof(l->code[0]), "%s", c->area.code);
  l->year = c->year;
  return LAB_OK;
}

/* A role: its mixture median in every area that has its first 2018-SOC code. */
static int plot_role(struct cli_ctx *ctx, const struct cli_plot_opts *po, const char *name,
                     const char *by, const struct cli_basis *b, size_t top)
{
  struct lab_roles *set = NULL;
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  struct cli_fit_request req = {0};
  struct area_list areas = {0};
  struct gather g = {.basis = b};
  struct lab_error err = {0};
  const struct lab_role *r = NULL;
  char title[512], caption[2048], note[256] = "";
  double ref = NAN;
  size_t skipped = 0;
  lab_status st;
  int rc = CLI_EXIT_OK;

  st = lab_roles_find(name, &set, &err);
  if (st == LAB_ERR_NOTFOUND) {
    rc =
        cli_usage_error(&cli_cmd_plot, "'%s' is neither an SOC code nor a role: %s", name, err.msg);
    goto out;
  }
  if (!st && set->n != 1) {
    rc = cli_usage_error(&cli_cmd_plot, "'%s' holds %zu roles: name one of them", name, set->n);
    goto out;
  }
  if (!st && !d)
    st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
  if (!st) {
    r = &set->roles[0];
    if (r->editions[LAB_ROLE_SOC2018].n == 0)
      st = lab_error_set(&err, LAB_ERR_DOMAIN, "role '%s' has no 2018 SOC codes", r->name);
  }
  if (!st)
    st = cli_store(ctx, &g.store, &err);
  /* the areas and the year from the role's first code (the latest year the areas have) */
  if (!st)
    st = lab_store_oews_by_area_type(g.store, r->editions[LAB_ROLE_SOC2018].v[0].code, by, false,
                                     po->year, take_area, &areas, &err);
  g.year = areas.year;
  if (!st && areas.n > 0)
    st = cli_role_dist(g.store, r, "US", g.year, false, &req, b, d, &err);
  if (!st && areas.n > 0 && d->ok)
    ref = d->pct[2];
  if (st == LAB_ERR_NOTFOUND)
    st = LAB_OK; /* no national mixture that year: no line */
  for (size_t i = 0; !st && i < areas.n; i++) {
    struct area_value *a = NULL;

    st = cli_role_dist(g.store, r, areas.code[i], g.year, false, &req, b, d, &err);
    if (st == LAB_ERR_NOTFOUND || (st && b->kind == CLI_BASIS_RPP) || (!st && !d->ok)) {
      st = LAB_OK; /* no distribution (or price parity) here: left out, counted in the caption */
      lab_error_clear(&err);
      skipped++;
      continue;
    }
    if (st)
      break;
    a = push(&g);
    if (!a) {
      st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
      break;
    }
    snprintf(a->name, sizeof(a->name), "%s", d->area.name);
    snprintf(a->code, sizeof(a->code), "%s", d->area.code);
    a->value = d->pct[2];
    a->lo = a->hi = NAN;
  }
  if (!st && g.n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "role '%s': no distribution in any %s", r->name, by);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  if (top > 0 && top < g.n)
    snprintf(note, sizeof(note), " The top %zu of %zu areas.", top, g.n);
  else if (skipped)
    snprintf(note, sizeof(note),
             " %zu areas without a distribution (or price parity) are left out.", skipped);
  d->basis_detail[0] = (char)toupper((unsigned char)d->basis_detail[0]); /* starts a sentence */
  snprintf(title, sizeof(title), "%s (role): median annual wage by %s, May %d", r->title,
           strcmp(by, "msa") == 0 ? "metropolitan area" : "state", g.year);
  snprintf(caption, sizeof(caption),
           "Source: BLS OEWS May %d. Each bar: the median of the role's employment-weighted "
           "mixture of its SOC codes' fitted lognormals (laborstat roles); no published "
           "standard errors, so no confidence intervals. %s. Dashed line: the national "
           "mixture.%s Made with: %s",
           g.year,
           b->kind == CLI_BASIS_RPP ? "Wages divided by each state's BEA price parity / 100"
                                    : d->basis_detail,
           note, ctx->argv0_cmdline);
  rc = draw(po, &g, top, ref, title, caption, "Median annual wage");
out:
  lab_roles_free(set);
  free(areas.code);
  free(g.v);
  free(d);
  return rc;
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  static const struct option opts[] = {CLI_PLOT_OPTIONS,
                                       {"by", required_argument, NULL, OPT_BY},
                                       {"basis", required_argument, NULL, OPT_BASIS},
                                       {"measure", required_argument, NULL, OPT_MEASURE},
                                       {"top", required_argument, NULL, OPT_TOP},
                                       CLI_GLOBAL_OPTIONS,
                                       {NULL, 0, NULL, 0}};
  struct cli_basis b;
  enum lab_measure m = LAB_M_A_MEAN;
  const char *by = NULL;
  long top = -1;
  int rc = CLI_EXIT_OK;
  int c;

  cli_basis_parse("nominal", &b);
  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == OPT_BY) {
      if (strcmp(optarg, "state") != 0 && strcmp(optarg, "msa") != 0)
        rc = cli_usage_error(&cli_cmd_plot, "--by needs state or msa");
      by = optarg;
    } else if (c == OPT_BASIS) {
      if (!cli_basis_parse(optarg, &b))
        rc = cli_usage_error(&cli_cmd_plot, "--basis needs nominal, real or rpp");
    } else if (c == OPT_MEASURE) {
      m = lab_measure_from_name(optarg);
      if (m != LAB_M_A_MEAN && m != LAB_M_A_MEDIAN)
        rc = cli_usage_error(&cli_cmd_plot, "--measure needs a_mean or a_median");
    } else if (c == OPT_TOP) {
      if (!cli_parse_int(optarg, 1, LAB_PLOT_MAX_BARS, &top))
        rc = cli_usage_error(&cli_cmd_plot, "--top needs a number from 1 to %d", LAB_PLOT_MAX_BARS);
    } else if (c == CLI_PLOT_OPT_AREA) {
      rc = cli_usage_error(&cli_cmd_plot, "plot compare takes --by state|msa, not --area");
    } else if (!cli_plot_option(po, c, optarg, &rc)) {
      rc = cli_usage_error(&cli_cmd_plot, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  rc = cli_plot_check_out(po);
  if (rc)
    return rc;
  if (!by)
    return cli_usage_error(&cli_cmd_plot, "plot compare needs --by state or --by msa");
  if (b.kind == CLI_BASIS_RPP && strcmp(by, "msa") == 0)
    return cli_usage_error(&cli_cmd_plot,
                           "--basis rpp needs --by state (BEA price parities are by state here)");
  if (argc - optind != 1)
    return cli_usage_error(&cli_cmd_plot, "name one occupation code (e.g. 15-2051) or one role");
  if (top < 0)
    top = strcmp(by, "msa") == 0 ? MSA_TOP_DEFAULT : 0;
  if (b.kind == CLI_BASIS_REAL) {
    struct lab_store *s = NULL;
    struct lab_error err = {0};

    if (cli_store(ctx, &s, &err) || cli_basis_prepare(s, &b, &err))
      return cli_fail(&err);
  }
  if (!cli_looks_like_soc(argv[optind]))
    return plot_role(ctx, po, argv[optind], by, &b, (size_t)top);
  return plot_occupation(ctx, po, argv[optind], by, m, &b, (size_t)top);
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
  return cli_plot_run(ctx, &cli_plot_compare, argc, argv);
}

const struct cli_plot_kind cli_plot_compare = {
    .name = "compare",
    .usage = "laborstat plot compare OCC|ROLE --by state|msa [--year Y] [--basis nominal|real|rpp]"
             " [--measure a_mean|a_median] [--top N] --out FILE.{png,svg,pdf}",
    .summary = "areas side by side: sorted bars with 95% intervals from the published RSEs\n"
               "               and the national value as a dashed line",
    .run = run,
    .build = build,
};
