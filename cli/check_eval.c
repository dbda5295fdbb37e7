/*
 * check_eval.c - evaluating one claim: resolve who it is about, find the figure the claim is
 * about in the store, compare, and say why.
 */
#include "cli/check.h"
#include "cli/role_dist.h"
#include "cli/wages.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"
#include "datasets/lab_roles.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POINT_MARGIN 0.05  /* a claimed figure within 5% of the data counts as supported */
#define MIXUP_MARGIN 0.005 /* a claimed mean within 0.5% of the median is the median */
#define PARTLY_SHARE 0.25  /* a pay range that holds at least a quarter of workers */

enum { M_MEDIAN, M_MEAN, M_RANGE, M_GROWTH, M_VS_AVERAGE, M_COUNT };
static const char *const measures[M_COUNT] = {"median", "mean", "range", "growth",
                                              "growth_vs_average"};

static int measure_of(const char *m)
{
  for (int i = 0; i < M_COUNT; i++)
    if (strcmp(m, measures[i]) == 0)
      return i;
  return -1;
}

static lab_status parse_optional(const char *text, double *out, const char *file, size_t line,
                                 const char *col, struct lab_error *err)
{
  *out = NAN;
  if (!text[0])
    return LAB_OK;
  if (lab_num_parse(text, strlen(text), true, out) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, file, line, 1,
                            "expected a number in column '%s', got '%.30s'", col, text);
  return LAB_OK;
}

lab_status cli_claim_validate(struct cli_claim *c, const char *file, const int *idx,
                              struct lab_error *err)
{
  int m = measure_of(c->measure);
  long a = 0, b = 0;
  lab_status st;

  (void)idx;
  if (!c->who[0])
    return lab_error_set_at(err, LAB_ERR_PARSE, file, c->line, 1,
                            "empty 'who' (expected a role, an SOC code or title words)");
  if (m < 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, file, c->line, 1,
                            "unknown measure '%s' (expected median, mean, range, growth or "
                            "growth_vs_average)",
                            c->measure);
  if (m == M_VS_AVERAGE) {
    c->v = NAN;
    if (strcmp(c->value, "faster") != 0 && strcmp(c->value, "slower") != 0)
      return lab_error_set_at(err, LAB_ERR_PARSE, file, c->line, 1,
                              "growth_vs_average needs the value 'faster' or 'slower', got '%s'",
                              c->value);
  } else {
    st = parse_optional(c->value, &c->v, file, c->line, "value", err);
    if (st)
      return st;
  }
  st = parse_optional(c->low, &c->lo, file, c->line, "low", err);
  if (!st)
    st = parse_optional(c->high, &c->hi, file, c->line, "high", err);
  if (st)
    return st;
  if (m != M_VS_AVERAGE && isnan(c->v) && isnan(c->lo) && isnan(c->hi))
    return lab_error_set_at(err, LAB_ERR_PARSE, file, c->line, 1,
                            "a %s claim needs a value or a low/high interval", c->measure);
  if (c->year[0]) {
    const char *dash = strchr(c->year, '-');
    size_t n1 = dash ? (size_t)(dash - c->year) : strlen(c->year);
    if (lab_num_parse_long(c->year, n1, &a) != LAB_OK ||
        (dash && lab_num_parse_long(dash + 1, strlen(dash + 1), &b) != LAB_OK) || a < 1997 ||
        a > 2100)
      return lab_error_set_at(err, LAB_ERR_PARSE, file, c->line, 1,
                              "expected a year (2014) or a period (2014-2024), got '%s'", c->year);
    c->year_from = (int)a;
    c->year_to = dash ? (int)(b < 100 ? (a / 100) * 100 + b : b) : (int)a;
    if (dash && (c->year_to <= c->year_from || c->year_to > 2100)) /* "2019-00", "2019-2019" */
      return lab_error_set_at(err, LAB_ERR_PARSE, file, c->line, 1,
                              "expected a period whose end year comes after its start "
                              "(2014-2024 or 2014-24), got '%s'",
                              c->year);
  }
  return LAB_OK;
}

static const char *money(double v, char *out, size_t size)
{
  return lab_num_format_with(v, 0, "$", out, size);
}

static void describe_claim(const struct cli_claim *c, char *out, size_t size)
{
  char a[48], b[48];
  int m = measure_of(c->measure);

  if (m == M_VS_AVERAGE)
    snprintf(out, size, "%s than the average of all occupations", c->value);
  else if (m == M_GROWTH)
    snprintf(out, size, "%+g%%", c->v);
  else if (!isnan(c->v))
    snprintf(out, size, "%s", money(c->v, a, sizeof(a)));
  else if (!isnan(c->lo) && !isnan(c->hi))
    snprintf(out, size, "%s to %s", money(c->lo, a, sizeof(a)), money(c->hi, b, sizeof(b)));
  else if (!isnan(c->lo))
    snprintf(out, size, "over %s", money(c->lo, a, sizeof(a)));
  else
    snprintf(out, size, "under %s", money(c->hi, b, sizeof(b)));
  if (c->year[0] && m != M_VS_AVERAGE && m != M_GROWTH)
    snprintf(out + strlen(out), size - strlen(out), " (%s)", c->year);
}

static void say(struct cli_verdict *v, const char *verdict, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct cli_verdict *v, const char *verdict, const char *fmt, ...)
{
  va_list ap;

  snprintf(v->verdict, sizeof(v->verdict), "%s", verdict);
  va_start(ap, fmt);
  vsnprintf(v->why, sizeof(v->why), fmt, ap);
  va_end(ap);
}

/* ---------------------------------------------------------------------- the wage claims */

/* The wage figure and the share of workers in the claimed interval, for an occupation or a
 * role; *share is NAN without a fitted distribution. */
struct wage_view {
  double median, mean, share;
  bool median_bound; /* the median is top-coded: a lower bound */
  int year;
};

static void judge_wage(const struct cli_claim *c, const struct wage_view *w, double other_stat,
                       const char *other_name, struct cli_verdict *v)
{
  int m = measure_of(c->measure);
  double data = m == M_MEAN ? w->mean : w->median;
  char a[48], b[48];

  v->value = data;
  if (isnan(data)) {
    say(v, "not verifiable", "the %s is not published for this release",
        m == M_MEAN ? "mean" : "median");
    return;
  }
  if (m == M_RANGE) {
    bool in = (isnan(c->lo) || w->median >= c->lo) && (isnan(c->hi) || w->median <= c->hi);
    if (in)
      say(v, "supported", "the median (%s) lies in the claimed range; %.0f%% of workers do",
          money(w->median, a, sizeof(a)), 100 * w->share);
    else if (!isnan(w->share) && w->share >= PARTLY_SHARE)
      say(v, "partly supported",
          "the median (%s) lies outside the claimed range, but %.0f%% of workers earn in it",
          money(w->median, a, sizeof(a)), 100 * w->share);
    else
      say(v, "contradicted", "the median (%s) lies %s the claimed range; %.0f%% of workers do",
          money(w->median, a, sizeof(a)), !isnan(c->lo) && w->median < c->lo ? "below" : "above",
          100 * w->share);
    return;
  }
  if (!isnan(c->v)) {
    double rel = data / c->v - 1;
    if (fabs(rel) <= POINT_MARGIN)
      say(v, "supported", "the data (%s) are within %.0f%% of the claim (%+.1f%%)",
          money(data, a, sizeof(a)), 100 * POINT_MARGIN, 100 * rel);
    else if (!isnan(other_stat) && fabs(other_stat / c->v - 1) <= MIXUP_MARGIN)
      say(v, "contradicted",
          "the published %s is %s (%+.1f%%); the claimed figure is the %s of that release (%s)",
          c->measure, money(data, a, sizeof(a)), 100 * rel, other_name,
          money(other_stat, b, sizeof(b)));
    else
      say(v, "contradicted", "the data (%s) differ from the claim by %+.1f%%",
          money(data, a, sizeof(a)), 100 * rel);
    return;
  }
  if ((isnan(c->lo) || data >= c->lo) && (isnan(c->hi) || data <= c->hi))
    say(v, "supported", "the %s (%s) lies in the claimed range", c->measure,
        money(data, a, sizeof(a)));
  else
    say(v, "contradicted", "the %s (%s) lies %s the claimed range", c->measure,
        money(data, a, sizeof(a)), !isnan(c->lo) && data < c->lo ? "below" : "above");
}

static lab_status wage_of_role(struct lab_store *s, const struct lab_roles *set,
                               const struct cli_claim *c, struct cli_verdict *v,
                               struct lab_error *err)
{
  struct cli_fit_request req = {0};
  struct cli_basis b;
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  struct wage_view w = {NAN, NAN, NAN, false, 0};
  char a[48];
  lab_status st;

  if (!d)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  cli_basis_parse("nominal", &b);
  if (!isnan(c->lo))
    req.at[req.nat++] = c->lo;
  if (!isnan(c->hi))
    req.at[req.nat++] = c->hi;
  st = cli_role_dist(s, &set->roles[0], "US", c->year_from, true, &req, &b, d, err);
  if (st == LAB_ERR_NOTFOUND) {
    say(v, "not verifiable", "%s", err->msg);
    st = LAB_OK;
    goto out;
  }
  if (st)
    goto out;
  if (!d->ok) {
    say(v, "not verifiable", "no distribution for the role: %s", d->why);
    goto out;
  }
  w.median = d->pct[2];
  w.mean = d->mean;
  w.year = d->year;
  /* the share in [lo, hi]: below(hi) - below(lo) */
  w.share = (isnan(c->hi) ? 1 : d->below[req.nat - 1]) - (isnan(c->lo) ? 0 : d->below[0]);
  v->year = d->year;
  snprintf(v->data, sizeof(v->data), "role median %s, mean %s (May %d, U.S.)",
           money(w.median, a, sizeof(a)), money(w.mean, a + 24, 24), d->year);
  {
    size_t n = (size_t)snprintf(v->from, sizeof(v->from),
                                "role %s (preset %s): ", set->roles[0].name, set->preset);
    for (size_t i = 0; i < d->n && n < sizeof(v->from); i++)
      n += (size_t)snprintf(v->from + n, sizeof(v->from) - n, "%s%s %.0f%%%s", i ? ", " : "",
                            d->part[i].code, 100 * d->part[i].weight,
                            strcmp(d->part[i].naics, "000000") ? " (health care sector)" : "");
    if (n < sizeof(v->from))
      snprintf(v->from + n, sizeof(v->from) - n, "; BLS OEWS May %d", d->year);
  }
  judge_wage(c, &w, NAN, "", v);
out:
  free(d);
  return st;
}

static lab_status wage_of_occupation(struct lab_store *s, const char *code,
                                     const struct cli_claim *c, struct cli_verdict *v,
                                     struct lab_error *err)
{
  struct lab_oews_cell cell;
  struct cli_fit_request req = {0};
  struct cli_fit fit;
  struct wage_view w = {NAN, NAN, NAN, false, 0};
  struct lab_error e2 = {0};
  int m = measure_of(c->measure);
  char a[48], b[48];
  lab_status st;

  if (lab_store_oews_cell(s, code, "US", c->year_from, &cell, &e2) != LAB_OK) {
    say(v, "not verifiable", "%s", e2.msg);
    return LAB_OK;
  }
  if (!isnan(c->lo))
    req.at[req.nat++] = c->lo;
  if (!isnan(c->hi))
    req.at[req.nat++] = c->hi;
  st = cli_fit_cell(&cell, &req, &fit, err);
  if (st)
    return st;
  if (cell.m[LAB_M_A_MEDIAN].state == LAB_V_VALUE || cell.m[LAB_M_A_MEDIAN].state == LAB_V_TOPCODED)
    w.median = cell.m[LAB_M_A_MEDIAN].v;
  if (cell.m[LAB_M_A_MEAN].state == LAB_V_VALUE)
    w.mean = cell.m[LAB_M_A_MEAN].v;
  if (fit.ok)
    w.share = (isnan(c->hi) ? 1 : fit.below[req.nat - 1]) - (isnan(c->lo) ? 0 : fit.below[0]);
  w.year = cell.year;
  v->year = cell.year;
  snprintf(v->data, sizeof(v->data), "median %s%s, mean %s (May %d, U.S.)",
           cell.m[LAB_M_A_MEDIAN].state == LAB_V_TOPCODED ? ">= " : "",
           money(w.median, a, sizeof(a)), money(w.mean, b, sizeof(b)), cell.year);
  snprintf(v->from, sizeof(v->from), "%s %s (SOC %s); BLS OEWS May %d national", cell.occ_code,
           cell.occ_title, cell.soc_edition, cell.year);
  judge_wage(c, &w, m == M_MEAN ? w.median : w.mean, m == M_MEAN ? "median" : "mean", v);
  return LAB_OK;
}

/* ---------------------------------------------------------------------- the growth claims */

struct related {
  char code[8][16];
  size_t n;
};

static lab_status add_forward(void *ctx, const struct lab_related_code *r, struct lab_error *err)
{
  struct related *rel = ctx;

  (void)err;
  if (r->forward && rel->n < 8)
    snprintf(rel->code[rel->n++], sizeof(rel->code[0]), "%s", r->code);
  return LAB_OK;
}

/*
 * National employment of `code` in May `year`. When that release uses a newer SOC edition than
 * the code's (`edition`), the employment of the codes the crosswalk maps it to is summed.
 * *how names the codes used. false when any of them lacks a published employment.
 */
static bool employment(struct lab_store *s, const char *code, const char *edition, int year,
                       double *emp, char *how, size_t size)
{
  struct lab_oews_cell cell;
  struct related rel = {.n = 0};
  size_t n = 0;

  if (lab_store_oews_cell(s, code, "US", year, &cell, NULL) == LAB_OK &&
      strcmp(cell.soc_edition, edition) == 0) {
    if (cell.m[LAB_M_TOT_EMP].state != LAB_V_VALUE)
      return false;
    *emp = cell.m[LAB_M_TOT_EMP].v;
    snprintf(how, size, "%s", code);
    return true;
  }
  if (lab_store_crosswalk_related(s, code, edition, add_forward, &rel, NULL) != LAB_OK ||
      rel.n == 0)
    return false;
  *emp = 0;
  for (size_t i = 0; i < rel.n; i++) {
    if (lab_store_oews_cell(s, rel.code[i], "US", year, &cell, NULL) != LAB_OK ||
        cell.m[LAB_M_TOT_EMP].state != LAB_V_VALUE)
      return false;
    *emp += cell.m[LAB_M_TOT_EMP].v;
    if (n < size)
      n += (size_t)snprintf(how + n, size - n, "%s%s", i ? " + " : "", rel.code[i]);
  }
  return true;
}

/* Realized employment growth (percent) of `code` between the May releases y0 and y1. */
static bool realized_growth(struct lab_store *s, const char *code, int y0, int y1, double *pct,
                            char *how, size_t size)
{
  struct lab_oews_cell first;
  char h0[64], h1[160];
  double e0 = 0, e1 = 0;

  if (lab_store_oews_cell(s, code, "US", y0, &first, NULL) != LAB_OK)
    return false;
  if (!employment(s, code, first.soc_edition, y0, &e0, h0, sizeof(h0)) ||
      !employment(s, code, first.soc_edition, y1, &e1, h1, sizeof(h1)) || e0 <= 0)
    return false;
  *pct = 100 * (e1 / e0 - 1);
  snprintf(how, size, "May %d %s %.0f -> May %d %s %.0f", y0, h0, e0, y1, h1, e1);
  return true;
}

static lab_status growth_claim(struct lab_store *s, const char *code, const struct cli_claim *c,
                               struct cli_verdict *v)
{
  char how[256], how_all[256];
  double g = NAN, all = NAN;
  bool vs = measure_of(c->measure) == M_VS_AVERAGE;
  int y0 = c->year_from, y1 = c->year_to;

  if (!y0 || y1 <= y0) {
    say(v, "not verifiable", "a growth claim needs a period such as 2014-2024");
    return LAB_OK;
  }
  if (!realized_growth(s, code, y0, y1, &g, how, sizeof(how))) {
    say(v, "not verifiable", "the store has no national employment of %s for May %d and May %d",
        code, y0, y1);
    return LAB_OK;
  }
  v->value = g;
  v->year = y1;
  if (vs && !realized_growth(s, "00-0000", y0, y1, &all, how_all, sizeof(how_all))) {
    say(v, "not verifiable", "no all-occupations employment for May %d and May %d", y0, y1);
    return LAB_OK;
  }
  snprintf(v->from, sizeof(v->from), "BLS OEWS national employment: %.200s%s%.200s", how,
           vs ? "; all occupations " : "", vs ? how_all : "");
  if (vs) {
    bool faster = g > all;
    snprintf(v->data, sizeof(v->data),
             "employment changed %+.1f%% from May %d to May %d; all occupations %+.1f%%", g, y0, y1,
             all);
    say(v, faster == (strcmp(c->value, "faster") == 0) ? "supported" : "contradicted",
        "what happened: %s grew %s than all occupations (%+.1f%% vs %+.1f%%); OEWS is not "
        "designed as a time series and the SOC changed in 2019 and 2021",
        code, faster ? "faster" : "slower", g, all);
    return LAB_OK;
  }
  snprintf(v->data, sizeof(v->data), "employment changed %+.1f%% from May %d to May %d", g, y0, y1);
  say(v,
      fabs(g - c->v) <= 100 * POINT_MARGIN ? "supported"
      : (g > 0) == (c->v > 0)              ? "partly supported"
                                           : "contradicted",
      "the claim is a projection for %d-%d (BLS's projections of that cycle are not in the "
      "store); what happened: %+.1f%% against the claimed %+g%%; OEWS is not designed as a time "
      "series",
      y0, y1, g, c->v);
  return LAB_OK;
}

/* ------------------------------------------------------------------------------ one claim */

/* An SOC code for `who`: the code itself, or the first occupation whose title holds its words. */
struct first_match {
  char code[16];
};

static lab_status take_first(void *ctx, const struct lab_occ_match *m, struct lab_error *err)
{
  struct first_match *f = ctx;

  (void)err;
  if (!f->code[0] && !m->related[0])
    snprintf(f->code, sizeof(f->code), "%s", m->code);
  return LAB_OK;
}

lab_status cli_claim_check(struct lab_store *s, const struct cli_claim *c, struct cli_verdict *v,
                           struct lab_error *err)
{
  struct lab_roles *set = NULL;
  struct first_match fm = {""};
  int m = measure_of(c->measure);
  lab_status st = LAB_OK;

  memset(v, 0, sizeof(*v));
  v->value = NAN;
  describe_claim(c, v->claim, sizeof(v->claim));
  if (!cli_looks_like_soc(c->who) && lab_roles_find(c->who, &set, NULL) == LAB_OK && set->n == 1) {
    if (m == M_GROWTH || m == M_VS_AVERAGE)
      say(v, "not verifiable", "growth claims about roles are checked per SOC code: name one");
    else
      st = wage_of_role(s, set, c, v, err);
    goto out;
  }
  if (cli_looks_like_soc(c->who)) {
    snprintf(fm.code, sizeof(fm.code), "%.7s", c->who);
  } else {
    st = lab_store_find_occupations(s, c->who, take_first, &fm, err);
    if (st)
      goto out;
  }
  if (!fm.code[0]) {
    say(v, "not verifiable", "no occupation or role matches '%s'", c->who);
    goto out;
  }
  if (m == M_GROWTH || m == M_VS_AVERAGE)
    st = growth_claim(s, fm.code, c, v);
  else
    st = wage_of_occupation(s, fm.code, c, v, err);
out:
  lab_roles_free(set);
  return st;
}
