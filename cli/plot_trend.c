/*
 * plot_trend.c - `laborstat plot trend OCC`: one OEWS measure over the May releases, nominal
 * and real, with the log-linear trend of `laborstat trend` (the series, breaks and fit come from
 * cli_trend_* in trend_series.c and trend_fit.c), and for employment the BLS projection.
 */
#include "cli/plot.h"
#include "cli/project.h"
#include "cli/trend.h"
#include "datasets/lab_query.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OPT_FROM 3001
#define OPT_TO 3002
#define OPT_MEASURE 3003
#define OPT_BASIS 3004
#define BREAK_TEXT 96

/* The CPI-U base as `laborstat trend` sets it: the latest CPI year, for wage measures. */
static lab_status prepare_cpi(struct trend *t, struct lab_error *err)
{
  struct lab_error e2 = {0};
  int latest = 0;
  lab_status st;

  if (!lab_measure_is_wage(t->o.m))
    return LAB_OK;
  st = lab_store_cpi_latest(t->s, &latest, t->cpi_vintage, sizeof(t->cpi_vintage), &e2);
  if (st == LAB_ERR_NOTFOUND && t->o.basis == BASIS_NOMINAL)
    return LAB_OK;
  if (st)
    return lab_error_set(err, st, "%s", e2.msg);
  t->o.base_year = latest;
  st = lab_store_cpi(t->s, t->o.base_year, &t->cpi_base, err);
  if (!st)
    t->have_cpi = true;
  return st;
}

static enum lab_plot_axis_unit unit_of(enum lab_measure m)
{
  if (lab_measure_is_hourly(m))
    return LAB_PLOT_AXIS_DOLLARS_HOUR;
  if (lab_measure_is_wage(m))
    return LAB_PLOT_AXIS_DOLLARS_YEAR;
  if (m == LAB_M_TOT_EMP)
    return LAB_PLOT_AXIS_PERSONS;
  return LAB_PLOT_AXIS_PLAIN;
}

/* Breaks of the same year joined into one label: "SOC 2010 -> hybrid; code 15-1122 -> ...". */
static size_t merge_breaks(const struct trend *t, struct lab_plot_break *out,
                           char (*text)[BREAK_TEXT])
{
  size_t n = 0;

  for (size_t i = 0; i < t->nbreaks && n < LAB_PLOT_MAX_POINTS; i++) {
    const struct brk *b = &t->breaks[i];
    char one[BREAK_TEXT];
    if (strcmp(b->kind, "soc_edition") == 0)
      snprintf(one, sizeof(one), "SOC %s \xE2\x86\x92 %s", b->from, b->to);
    else if (strcmp(b->kind, "occ_code") == 0)
      snprintf(one, sizeof(one), "%s \xE2\x86\x92 %s", b->from, b->to);
    else
      snprintf(one, sizeof(one), "top-code %s \xE2\x86\x92 %s", b->from, b->to);
    if (n > 0 && out[n - 1].year == b->year) {
      size_t len = strlen(text[n - 1]);
      snprintf(text[n - 1] + len, BREAK_TEXT - len, ", %s", one);
      continue;
    }
    snprintf(text[n], BREAK_TEXT, "%s", one);
    out[n].year = b->year;
    out[n].label = text[n];
    n++;
  }
  return n;
}

/* The BLS projection of an employment series (the nation, or a state's), when there is one. */
static bool projection(struct trend *t, struct cli_project *p)
{
  struct lab_error e2 = {0};

  memset(p, 0, sizeof(*p));
  p->occ = t->occ;
  p->area = t->area;
  p->store = t->s;
  return cli_project_run(t->s, p, &e2) == LAB_OK && isfinite(p->band.emp_proj.lo);
}

static int draw(struct cli_ctx *ctx, const struct cli_plot_opts *po, struct trend *t)
{
  struct lab_plot_trend_point pts[LAB_PLOT_MAX_POINTS];
  struct lab_plot_break brks[LAB_PLOT_MAX_POINTS];
  char(*btext)[BREAK_TEXT] = calloc(LAB_PLOT_MAX_POINTS, BREAK_TEXT);
  struct cli_project *proj = calloc(1, sizeof(*proj));
  struct lab_plot_trend c = {0};
  struct lab_plot_opts o;
  struct lab_error err = {0};
  char title[512], caption[1536], proj_source[384], ylabel[160], real_label[64], fit_label[128],
      proj_label[128];
  enum basis b = t->o.basis;
  size_t first = 0;
  bool any_real = false;
  lab_status st;
  int rc;

  if (!btext || !proj) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  if (t->n > LAB_PLOT_MAX_POINTS)
    first = t->n - LAB_PLOT_MAX_POINTS;
  for (size_t i = first; i < t->n; i++) {
    const struct lab_value *v = &t->p[i].cell.m[t->o.m];
    struct lab_plot_trend_point *q = &pts[c.n++];
    q->year = t->p[i].cell.year;
    q->nominal = (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED) && v->v > 0 ? v->v : NAN;
    q->real = t->have_cpi && t->p[i].real > 0 ? t->p[i].real : NAN;
    q->topcoded = v->state == LAB_V_TOPCODED;
  }
  c.points = pts;
  c.unit = unit_of(t->o.m);
  snprintf(ylabel, sizeof(ylabel), "%s (%s)", lab_measure_label(t->o.m),
           c.unit == LAB_PLOT_AXIS_DOLLARS_YEAR   ? "US dollars, thousands"
           : c.unit == LAB_PLOT_AXIS_DOLLARS_HOUR ? "US dollars an hour"
           : c.unit == LAB_PLOT_AXIS_PERSONS      ? "persons, thousands"
                                                  : "ratio");
  c.value_label = ylabel;
  for (size_t i = 0; i < c.n && t->have_cpi; i++)
    any_real = any_real || !isnan(pts[i].real);
  if (any_real) {
    snprintf(real_label, sizeof(real_label), "Real (%d dollars)", t->o.base_year);
    c.real_label = real_label;
  }
  c.breaks = brks;
  c.nbreaks = merge_breaks(t, brks, btext);
  if (!t->fitted[b] && t->fitted[BASIS_NOMINAL])
    b = BASIS_NOMINAL;
  if (t->fitted[b]) {
    const struct lab_trend_fit *f = &t->fit[b];
    c.have_fit = true;
    c.fit_real = b == BASIS_REAL;
    c.fit_year_mean = f->year_mean;
    c.fit_intercept = f->intercept;
    c.fit_slope = f->slope;
    c.fit_slope_lo = f->slope_ci.lo;
    c.fit_slope_hi = f->slope_ci.hi;
    c.fit_first = f->first_year;
    c.fit_last = f->last_year;
    if (isnan(f->growth_ci.lo))
      snprintf(fit_label, sizeof(fit_label), "Trend (%s) %+.1f%%/yr",
               c.fit_real ? "real" : "nominal", 100 * f->growth);
    else
      snprintf(fit_label, sizeof(fit_label), "Trend (%s) %+.1f%%/yr, 95%% CI %+.1f to %+.1f",
               c.fit_real ? "real" : "nominal", 100 * f->growth, 100 * f->growth_ci.lo,
               100 * f->growth_ci.hi);
    c.fit_label = fit_label;
  }
  if (t->o.m == LAB_M_TOT_EMP && projection(t, proj)) {
    c.have_proj = true;
    c.proj_base_year = proj->used.base_year;
    c.proj_year = proj->used.proj_year;
    c.proj_base = proj->f.emp_base;
    c.proj_value = proj->f.emp_proj;
    c.proj_lo = proj->band.emp_proj.lo;
    c.proj_hi = proj->band.emp_proj.hi;
    snprintf(proj_label, sizeof(proj_label), "Projection \xC2\xB1%.1f pp", proj->band.halfwidth_pp);
    c.proj_label = proj_label;
  }
  snprintf(title, sizeof(title), "%s, %s (%s), %s, May %d-%d", lab_measure_label(t->o.m),
           t->p[t->n - 1].cell.occ_title, t->occ, t->area.name, pts[0].year, pts[c.n - 1].year);
  snprintf(proj_source, sizeof(proj_source), "; projection %s: %s",
           c.have_proj ? proj->used.vintage : "", c.have_proj ? cli_project_method_text(proj) : "");
  snprintf(caption, sizeof(caption),
           "Source: BLS OEWS May releases, cross-industry%s. %s%s Dashed lines: series breaks. "
           "OEWS is not designed as a time series. Made with: %s",
           c.have_proj ? proj_source : "",
           t->have_cpi                   ? "Nominal and real dollars (CPI-U annual averages). "
           : lab_measure_is_wage(t->o.m) ? "Nominal dollars. "
                                         : "",
           c.have_fit ? "Trend: OLS of ln(value) on year; band: exp of the fit with the slope at "
                        "the ends of its 95% CI, pivoted at the mean year."
                      : "Too few years for a trend.",
           ctx->argv0_cmdline);
  cli_plot_fill(&o, po, title, caption);
  st = lab_plot_trend_script(&c, &o, po->script, &err);
  rc = st ? cli_fail(&err) : CLI_EXIT_OK;
out:
  free(btext);
  free(proj);
  return rc;
}

static int parse_year(const char *arg, const char *name, int *year)
{
  long y;

  if (!cli_parse_int(arg, 1997, 2100, &y))
    return cli_usage_error(&cli_cmd_plot, "--%s needs a year such as 2014, not '%s'", name, arg);
  *year = (int)y;
  return CLI_EXIT_OK;
}

static int parse(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po,
                 struct trend_opts *o)
{
  static const struct option opts[] = {
      CLI_PLOT_OPTIONS,
      {"from", required_argument, NULL, OPT_FROM},
      {"to", required_argument, NULL, OPT_TO},
      {"measure", required_argument, NULL, OPT_MEASURE},
      {"basis", required_argument, NULL, OPT_BASIS},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0 || rc)
      break;
    if (c == OPT_FROM)
      rc = parse_year(optarg, "from", &o->from);
    else if (c == OPT_TO)
      rc = parse_year(optarg, "to", &o->to);
    else if (c == OPT_MEASURE) {
      o->m = lab_measure_from_name(optarg);
      if (o->m == LAB_M_COUNT || o->m == LAB_M_EMP_PRSE || o->m == LAB_M_MEAN_PRSE)
        rc = cli_usage_error(&cli_cmd_plot,
                             "--measure needs an OEWS measure such as a_median, h_median or "
                             "tot_emp, not '%s'",
                             optarg);
    } else if (c == OPT_BASIS) {
      if (strcmp(optarg, "nominal") == 0 || strcmp(optarg, "real") == 0)
        o->basis = optarg[0] == 'r' ? BASIS_REAL : BASIS_NOMINAL;
      else
        rc = cli_usage_error(&cli_cmd_plot, "--basis is nominal or real, not '%s'", optarg);
    } else if (!cli_plot_option(po, c, optarg, &rc))
      rc = cli_usage_error(&cli_cmd_plot, "unknown or incomplete option '%s'", argv[optind - 1]);
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  rc = cli_plot_check_out(po);
  if (rc)
    return rc;
  if (optind + 1 != argc)
    return cli_usage_error(&cli_cmd_plot, "plot trend: name one occupation code, e.g. 15-1212");
  if (!cli_looks_like_soc(argv[optind]))
    return cli_usage_error(&cli_cmd_plot,
                           "plot trend: '%s' is not an SOC code such as 15-1212 (roles are not "
                           "supported by this chart yet)",
                           argv[optind]);
  if (o->from && o->to && o->from > o->to)
    return cli_usage_error(&cli_cmd_plot, "--from %d is after --to %d", o->from, o->to);
  if (o->basis == BASIS_REAL && !lab_measure_is_wage(o->m))
    return cli_usage_error(&cli_cmd_plot, "--basis real applies to wage measures");
  return CLI_EXIT_OK;
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  struct trend t = {.o = {.m = LAB_M_A_MEDIAN, .basis = BASIS_NOMINAL}};
  struct lab_error err = {0};
  lab_status st;
  int rc = parse(ctx, argc, argv, po, &t.o);

  if (rc)
    return rc;
  t.occ = argv[optind];
  t.o.area = po->area;
  st = cli_store(ctx, &t.s, &err);
  if (!st)
    st = lab_store_area_resolve(t.s, po->area ? po->area : "US", &t.area, &err);
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
  if (!st && t.have_cpi)
    st = cli_trend_fit_basis(&t, BASIS_REAL, &err);
  if (!st && t.n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no releases of %s in %s", t.occ, t.area.name);
  rc = st ? (err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_plot, "%s", err.msg)
                                           : cli_fail(&err))
          : draw(ctx, po, &t);
  free(t.p);
  free(t.notes.v);
  free(t.breaks);
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
  return cli_plot_run(ctx, &cli_plot_trend, argc, argv);
}

const struct cli_plot_kind cli_plot_trend = {
    .name = "trend",
    .usage = "laborstat plot trend OCC [--area A] [--from Y] [--to Y] [--measure M] "
             "[--basis nominal|real] --out FILE.{png,svg,pdf}",
    .summary = "one measure over the May releases, nominal and real, with the log-linear trend\n"
               "               and its band, series breaks and (employment) the BLS projection",
    .run = run,
    .build = build,
};
