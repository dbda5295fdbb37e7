/*
 * plot_trend.c - `laborstat plot trend OCC`: one OEWS measure over the May releases, nominal
 * and real, with the log-linear trend of `laborstat trend` (the series, breaks and fit come from
 * cli_trend_* in trend_series.c and trend_fit.c), and for employment the BLS projection.
 * `laborstat plot trend ROLE`: a role's mixture median or mean (cli_role_dist) each May, through
 * the same marking, fitting and drawing.
 */
#include "cli/plot.h"
#include "cli/project.h"
#include "cli/role_dist.h"
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
#define BREAK_TEXT 192
#define ROLE_CODES 160

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
    else if (strcmp(b->kind, "role_edition") == 0)
      snprintf(one, sizeof(one), "%.*s", BREAK_TEXT - 1, b->text);
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

/* role: NULL for an occupation; else the role drawn (its title and a mixture caption). */
static int draw(struct cli_ctx *ctx, const struct cli_plot_opts *po, struct trend *t,
                const struct lab_role *role)
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
  snprintf(title, sizeof(title), "%s, %s (%s%s), %s, May %d-%d", lab_measure_label(t->o.m),
           t->p[t->n - 1].cell.occ_title, role ? "role " : "", t->occ, t->area.name, pts[0].year,
           pts[c.n - 1].year);
  snprintf(proj_source, sizeof(proj_source), "; projection %s: %s",
           c.have_proj ? proj->used.vintage : "", c.have_proj ? cli_project_method_text(proj) : "");
  if (role) /* shorter, so that the command still fits the caption's lines */
    snprintf(caption, sizeof(caption),
             "Source: BLS OEWS May releases, cross-industry. Each year the employment-weighted "
             "mixture of the role's codes' fitted lognormals; not a published estimate. %s%s "
             "Dashed lines: series breaks. Made with: %s",
             t->have_cpi ? "Nominal and real dollars (CPI-U). " : "Nominal dollars. ",
             c.have_fit ? "Trend: OLS of ln(value) on year, band from its slope's 95% CI."
                        : "Too few years for a trend.",
             ctx->argv0_cmdline);
  else
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
    return cli_usage_error(&cli_cmd_plot,
                           "plot trend: name one occupation code or role, e.g. 15-1212");
  if (o->from && o->to && o->from > o->to)
    return cli_usage_error(&cli_cmd_plot, "--from %d is after --to %d", o->from, o->to);
  if (o->basis == BASIS_REAL && !lab_measure_is_wage(o->m))
    return cli_usage_error(&cli_cmd_plot, "--basis real applies to wage measures");
  return CLI_EXIT_OK;
}

/* The codes of the parts in d's mixture, "+"-joined ("29-9021"; "15-1211+15-1212"). */
static void role_codes(const struct cli_role_dist *d, char *out, size_t size)
{
  size_t k = 0;

  out[0] = '\0';
  for (size_t i = 0; i < d->n && k < size; i++)
    if (d->part[i].weight > 0)
      k += (size_t)snprintf(out + k, size - k, "%s%s", k ? "+" : "", d->part[i].code);
}

/* Append May d->year of the role's mixture to t->p; codes[t->n] gets its codes. */
static lab_status role_point(struct trend *t, const struct lab_role *r,
                             const struct cli_role_dist *d, char (**codes)[ROLE_CODES],
                             struct lab_error *err)
{
  struct point *p;
  double v = t->o.m == LAB_M_A_MEAN ? d->mean : d->pct[2];

  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 16;
    struct point *np = realloc(t->p, cap * sizeof(*np));
    char(*nc)[ROLE_CODES] = np ? realloc(*codes, cap * ROLE_CODES) : NULL;
    if (np)
      t->p = np;
    if (!nc)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    *codes = nc;
    t->cap = cap;
  }
  p = &t->p[t->n];
  memset(p, 0, sizeof(*p));
  p->real = NAN;
  p->topcode = NAN;
  p->cell.year = d->year;
  p->cell.area = t->area;
  snprintf(p->cell.occ_title, sizeof(p->cell.occ_title), "%s", r->title);
  snprintf(p->cell.soc_edition, sizeof(p->cell.soc_edition), "%s", d->soc_edition);
  snprintf(p->cell.naics, sizeof(p->cell.naics), "000000");
  for (int m = 0; m < LAB_M_COUNT; m++)
    p->cell.m[m].state = LAB_V_MISSING;
  if (d->ok && isfinite(v) && v > 0) {
    p->cell.m[t->o.m].state = LAB_V_VALUE;
    p->cell.m[t->o.m].v = v;
  }
  role_codes(d, (*codes)[t->n], ROLE_CODES);
  t->n++;
  return LAB_OK;
}

/*
 * The role's series: every May year in [from, to] (default: from the first the store has to the
 * latest with the role's codes) whose SOC edition has codes with estimates in the area. Nominal
 * mixtures; real values come from cli_trend_mark_values as for an occupation.
 */
static lab_status role_series(struct trend *t, const struct lab_role *r, char (**codes)[ROLE_CODES],
                              struct lab_error *err)
{
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  struct cli_fit_request req = {0};
  struct cli_basis b;
  char why[300] = "";
  size_t valued = 0;
  int first, last;
  lab_status st;

  if (!d)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  cli_basis_parse("nominal", &b);
  st = cli_role_dist(t->s, r, t->area.code, 0, false, &req, &b, d, err);
  if (st)
    goto out;
  first = t->o.from ? t->o.from : 1997;
  last = t->o.to ? t->o.to : d->year;
  for (int y = first; y <= last && !st; y++) {
    struct lab_error e2 = {0};
    lab_status ys = cli_role_dist(t->s, r, t->area.code, y, false, &req, &b, d, &e2);
    if (ys == LAB_ERR_NOTFOUND)
      continue;
    st = ys ? lab_error_set(err, ys, "%s", e2.msg) : role_point(t, r, d, codes, err);
    if (!st && d->ok)
      valued++;
    else if (!st)
      snprintf(why, sizeof(why), "May %d: %s", y, d->why);
  }
  if (!st && valued == 0)
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no mixture of role '%s' in %s in any year (%s)",
                       r->name, t->area.name, why[0] ? why : "no estimates");
out:
  free(d);
  return st;
}

/* SOC-edition breaks name the codes mixed on each side: "SOC 2010 -> hybrid: 29-2071 -> 29-9098".
 */
static void role_breaks(struct trend *t, char (*codes)[ROLE_CODES])
{
  for (size_t i = 0; i < t->nbreaks; i++) {
    struct brk *b = &t->breaks[i];
    size_t k = 1;
    if (strcmp(b->kind, "soc_edition") != 0)
      continue;
    while (k < t->n && t->p[k].cell.year != b->year)
      k++;
    if (k == t->n)
      continue;
    snprintf(b->text, sizeof(b->text), "SOC %s \xE2\x86\x92 %s: %s \xE2\x86\x92 %s", b->from, b->to,
             codes[k - 1], codes[k]);
    b->kind = "role_edition";
  }
}

/* The role named by `name`: one role only. On success *set owns it (lab_roles_free). */
static int role_find(const char *name, struct lab_roles **set)
{
  struct lab_error err = {0};
  char names[512] = "";
  size_t k = 0;

  if (lab_roles_find(name, set, &err) != LAB_OK)
    return err.status == LAB_ERR_NOTFOUND
               ? cli_usage_error(&cli_cmd_plot,
                                 "plot trend: '%s' is neither an SOC code such as 15-1212 nor a "
                                 "role (%s)",
                                 name, err.msg)
               : cli_fail(&err);
  if ((*set)->n == 1)
    return CLI_EXIT_OK;
  for (size_t i = 0; i < (*set)->n && k < sizeof(names); i++)
    k += (size_t)snprintf(names + k, sizeof(names) - k, "%s%s", i ? ", " : "",
                          (*set)->roles[i].name);
  lab_roles_free(*set);
  *set = NULL;
  return cli_usage_error(&cli_cmd_plot, "plot trend: '%s' holds several roles; name one of: %s",
                         name, names);
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  struct trend t = {.o = {.m = LAB_M_A_MEDIAN, .basis = BASIS_NOMINAL}};
  struct lab_roles *set = NULL;
  const struct lab_role *role = NULL;
  char(*codes)[ROLE_CODES] = NULL;
  struct lab_error err = {0};
  lab_status st;
  int rc = parse(ctx, argc, argv, po, &t.o);

  if (rc)
    return rc;
  t.occ = argv[optind];
  t.o.area = po->area;
  if (!cli_looks_like_soc(t.occ)) {
    rc = role_find(t.occ, &set);
    if (rc)
      return rc;
    role = &set->roles[0];
    t.occ = role->name;
    if (t.o.m != LAB_M_A_MEDIAN && t.o.m != LAB_M_A_MEAN) {
      lab_roles_free(set);
      return cli_usage_error(&cli_cmd_plot,
                             "plot trend: a role's series is its mixture's a_median or a_mean, "
                             "not %s",
                             lab_measure_name(t.o.m));
    }
  }
  st = cli_store(ctx, &t.s, &err);
  if (!st)
    st = lab_store_area_resolve(t.s, po->area ? po->area : "US", &t.area, &err);
  if (!st)
    st = prepare_cpi(&t, &err);
  if (!st)
    st = role ? role_series(&t, role, &codes, &err) : cli_trend_series(&t, &err);
  if (!st)
    st = cli_trend_mark_values(&t, &err);
  if (!st)
    st = cli_trend_mark_breaks(&t, &err);
  if (!st && role)
    role_breaks(&t, codes);
  if (!st)
    st = cli_trend_fit_basis(&t, BASIS_NOMINAL, &err);
  if (!st && t.have_cpi)
    st = cli_trend_fit_basis(&t, BASIS_REAL, &err);
  if (!st && t.n == 0)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no releases of %s in %s", t.occ, t.area.name);
  rc = st ? (err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_plot, "%s", err.msg)
                                           : cli_fail(&err))
          : draw(ctx, po, &t, role);
  free(t.p);
  free(t.notes.v);
  free(t.breaks);
  free(codes);
  lab_roles_free(set);
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
    .usage = "laborstat plot trend OCC|ROLE [--area A] [--from Y] [--to Y] [--measure M] "
             "[--basis nominal|real] --out FILE.{png,svg,pdf}",
    .summary = "one measure over the May releases, nominal and real, with the log-linear trend\n"
               "               and its band, series breaks and (employment) the BLS projection",
    .run = run,
    .build = build,
};
