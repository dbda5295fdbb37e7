/*
 * cmd_trend.c - `laborstat trend OCC`: one OEWS measure across May releases, nominal and real,
 * followed across SOC editions through one-to-one crosswalk links, with every break marked and a
 * log-linear trend (OLS with a t interval, endpoint CAGR, Theil-Sen).
 */
#include "analyzer/lab_trend.h"
#include "cli/cli.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CI_LEVEL 0.95
#define CPI_SERIES "CUUR0000SA0"
#define NOTE_SIZE 512
#define MAX_RELATED 64

/* The sentence every output carries (BLS OEWS FAQ, https://www.bls.gov/oes/oes_ques.htm). */
static const char not_a_time_series[] =
    "OEWS is not designed as a time series: BLS \"does not use or encourage the use of OEWS data "
    "for time-series analysis\" (OEWS FAQ). Classifications, methods and top-codes change, and "
    "each May estimate pools three years of survey panels, so adjacent years share most of their "
    "sample and the OLS standard error understates the uncertainty";

enum basis { BASIS_NOMINAL, BASIS_REAL };

struct trend_opts {
  const char *area;
  int from, to;
  enum lab_measure m;
  enum basis basis;
  int base_year; /* 0 = the latest CPI year */
  bool follow_aggregates;
  bool fit_only;
};

struct point {
  struct lab_oews_cell cell;
  bool aggregate; /* a predecessor that also holds other occupations (--follow-aggregates) */
  double real;    /* NAN when not computed */
  double topcode; /* the year's top-code for this measure; NAN when unknown or not applicable */
  bool in_fit_nominal, in_fit_real;
  char notes[NOTE_SIZE];
};

struct text_list {
  char (*v)[NOTE_SIZE];
  size_t n, cap;
};

struct brk {
  int year;
  const char *kind; /* "soc_edition", "occ_code", "topcode" */
  char from[32], to[32];
  char text[256];
};

struct trend {
  struct lab_store *s;
  const char *occ;
  struct trend_opts o;
  struct lab_area area;
  struct point *p;
  size_t n, cap;
  struct text_list notes;
  struct brk *breaks;
  size_t nbreaks;
  bool have_cpi;
  double cpi_base;
  char cpi_vintage[32];
  struct lab_trend_fit fit[2];
  bool fitted[2];
};

struct cell_list {
  struct lab_oews_cell *v;
  size_t n, cap;
};

struct rel_list {
  struct lab_related_code v[MAX_RELATED];
  size_t n;
};

/* ------------------------------------------------------------------------------ helpers */

static lab_status note_add(struct text_list *l, struct lab_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static lab_status note_add(struct text_list *l, struct lab_error *err, const char *fmt, ...)
{
  va_list ap;

  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 8;
    char(*v)[NOTE_SIZE] = realloc(l->v, cap * sizeof(*v));
    if (!v)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    l->v = v;
    l->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(l->v[l->n], NOTE_SIZE, fmt, ap);
  va_end(ap);
  l->n++;
  return LAB_OK;
}

static void point_note(struct point *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void point_note(struct point *p, const char *fmt, ...)
{
  size_t len = strlen(p->notes);
  va_list ap;

  if (len && len + 2 < sizeof(p->notes)) {
    memcpy(p->notes + len, "; ", 3);
    len += 2;
  }
  if (len + 1 >= sizeof(p->notes))
    return;
  va_start(ap, fmt);
  vsnprintf(p->notes + len, sizeof(p->notes) - len, fmt, ap);
  va_end(ap);
}

/* Order of SOC editions as OEWS used them; -1 for an unknown edition. */
static int edition_rank(const char *e)
{
  if (strcmp(e, "2010") == 0)
    return 0;
  if (strcmp(e, "hybrid") == 0)
    return 1;
  if (strcmp(e, "2018") == 0)
    return 2;
  return -1;
}

static const char *const editions[] = {"2010", "hybrid", "2018"};

static const char *edition_label(const char *e)
{
  if (strcmp(e, "hybrid") == 0)
    return "the OEWS hybrid SOC of May 2019-2020";
  if (strcmp(e, "2010") == 0)
    return "SOC 2010";
  if (strcmp(e, "2018") == 0)
    return "SOC 2018";
  return e;
}

/* Measures BLS top-codes: percentiles and medians (means never are). */
static bool can_topcode(enum lab_measure m)
{
  return lab_measure_is_wage(m) && m != LAB_M_A_MEAN && m != LAB_M_H_MEAN;
}

static void format_value(enum lab_measure m, double v, char *out, size_t size)
{
  if (isnan(v)) {
    out[0] = '\0';
    return;
  }
  if (lab_measure_is_wage(m)) {
    lab_num_format_with(v, lab_measure_is_hourly(m) ? 2 : 0, "$", out, size);
  } else if (m == LAB_M_TOT_EMP) {
    lab_num_format_grouped(v, 0, out, size);
  } else {
    lab_num_format(v, out, size);
  }
}

static lab_status cells_cb(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
{
  struct cell_list *l = ctx;

  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 16;
    struct lab_oews_cell *v = realloc(l->v, cap * sizeof(*v));
    if (!v)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = *c;
  return LAB_OK;
}

static lab_status rel_cb(void *ctx, const struct lab_related_code *r, struct lab_error *err)
{
  struct rel_list *l = ctx;

  if (l->n >= MAX_RELATED)
    return lab_error_set(err, LAB_ERR_TOOLARGE, "more than %d crosswalk relations of %s",
                         MAX_RELATED, r->code);
  l->v[l->n++] = *r;
  return LAB_OK;
}

/* Forward successors of (code, edition) in the crosswalk. */
static lab_status successors(struct lab_store *s, const char *code, const char *edition,
                             struct rel_list *out, struct lab_error *err)
{
  struct rel_list all = {.n = 0};
  lab_status st = lab_store_crosswalk_related(s, code, edition, rel_cb, &all, err);

  out->n = 0;
  for (size_t i = 0; !st && i < all.n; i++)
    if (all.v[i].forward)
      out->v[out->n++] = all.v[i];
  return st;
}

static void join_codes(const struct rel_list *l, char *out, size_t size)
{
  size_t len = 0;

  out[0] = '\0';
  for (size_t i = 0; i < l->n && len + 1 < size; i++)
    len += (size_t)snprintf(out + len, size - len, "%s%s",
                            i == 0 ? "" : (i + 1 == l->n ? " and " : ", "), l->v[i].code);
}

/* Append cells of `list` whose edition is `edition` and year is before `cutoff` (0 = any). */
static lab_status take_cells(struct trend *t, const struct cell_list *list, const char *edition,
                             int cutoff, bool aggregate, const char *why, struct lab_error *err)
{
  for (size_t i = 0; i < list->n; i++) {
    const struct lab_oews_cell *c = &list->v[i];
    struct point *p;
    if (strcmp(c->soc_edition, edition) != 0 || (cutoff && c->year >= cutoff))
      continue;
    if (t->n == t->cap) {
      size_t cap = t->cap ? 2 * t->cap : 16;
      struct point *v = realloc(t->p, cap * sizeof(*v));
      if (!v)
        return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      t->p = v;
      t->cap = cap;
    }
    p = &t->p[t->n++];
    memset(p, 0, sizeof(*p));
    p->cell = *c;
    p->aggregate = aggregate;
    p->real = NAN;
    p->topcode = NAN;
    if (why && why[0])
      point_note(p, "%s", why);
  }
  return LAB_OK;
}

static int earliest_year(const struct trend *t)
{
  int y = 0;

  for (size_t i = 0; i < t->n; i++)
    if (y == 0 || t->p[i].cell.year < y)
      y = t->p[i].cell.year;
  return y;
}

static int cmp_point(const void *a, const void *b)
{
  const struct point *x = a, *y = b;

  return (x->cell.year > y->cell.year) - (x->cell.year < y->cell.year);
}

/* ---------------------------------------------------------------- the series across editions */

/* Whether a note about years before `cutoff` concerns the requested window. */
static bool window_reaches(const struct trend *t, int cutoff)
{
  return t->o.from == 0 || t->o.from < cutoff;
}

/*
 * Years of edition `e` (older than the code's own edition `home`) for which the exact code has
 * no cells: look for its predecessors in the crosswalk and follow one when the link is
 * one-to-one (or, with --follow-aggregates, a single predecessor that also holds other
 * occupations). *stop is set when the series must end here.
 */
static lab_status follow_predecessor(struct trend *t, const char *e, const char *home, bool *stop,
                                     struct lab_error *err)
{
  struct rel_list rel = {.n = 0}, whole = {.n = 0}, part = {.n = 0};
  int cutoff = earliest_year(t);
  bool tell = window_reaches(t, cutoff);
  char tail[64] = "";
  lab_status st = lab_store_crosswalk_related(t->s, t->occ, home, rel_cb, &rel, err);

  if (st)
    return st;
  for (size_t i = 0; i < rel.n; i++) {
    struct rel_list succ;
    if (rel.v[i].forward || strcmp(rel.v[i].soc_edition, e) != 0)
      continue;
    st = successors(t->s, rel.v[i].code, e, &succ, err);
    if (st)
      return st;
    if (succ.n == 1)
      whole.v[whole.n++] = rel.v[i];
    else
      part.v[part.n++] = rel.v[i];
  }
  if (tell)
    snprintf(tail, sizeof(tail), *stop ? "" : "; the series starts in %d", cutoff);
  if (whole.n == 0 && part.n == 0) {
    if (tell && !*stop)
      return note_add(&t->notes, err,
                      "the SOC crosswalk held names no predecessor of %s in %s: the series "
                      "starts in %d",
                      t->occ, edition_label(e), cutoff);
    return LAB_OK;
  }
  if (whole.n >= 2) {
    char codes[128];
    join_codes(&whole, codes, sizeof(codes));
    st = tell ? note_add(&t->notes, err,
                         "in %s, %s was formed from %s: not comparable (combining codes is not "
                         "supported)%s",
                         edition_label(e), t->occ, codes, tail)
              : LAB_OK;
    *stop = true;
    return st;
  }
  if (whole.n == 0 && part.n >= 2) {
    char codes[128];
    join_codes(&part, codes, sizeof(codes));
    st = tell ? note_add(&t->notes, err, "in %s, %s was spread over parts of %s: not comparable%s",
                         edition_label(e), t->occ, codes, tail)
              : LAB_OK;
    *stop = true;
    return st;
  }
  {
    const struct lab_related_code *p = whole.n == 1 ? &whole.v[0] : &part.v[0];
    bool aggregate = whole.n == 0;
    struct cell_list cells = {0};
    char why[NOTE_SIZE];
    size_t before;

    if (aggregate && (*stop || !t->o.follow_aggregates)) {
      st = tell ? note_add(&t->notes, err, "in %s, %s was part of %s%s%s%s: not comparable%s%s",
                           edition_label(e), t->occ, p->code, p->note[0] ? " (crosswalk: " : "",
                           p->note, p->note[0] ? ")" : "", tail,
                           *stop ? "" : " (--follow-aggregates shows it)")
                : LAB_OK;
      *stop = true;
      return st;
    }
    if (*stop)
      return LAB_OK;
    st = lab_store_oews_history(t->s, p->code, t->area.code, 0, 0, cells_cb, &cells, err);
    snprintf(why, sizeof(why), "%s %s (%s)", aggregate ? "aggregate" : "predecessor", p->code,
             strcmp(e, "hybrid") == 0 ? "hybrid SOC" : "SOC 2010");
    before = t->n;
    if (!st)
      st = take_cells(t, &cells, e, cutoff, aggregate, why, err);
    if (!st && tell && t->n == before)
      st = note_add(&t->notes, err, "the store has no estimates of %s of %s for %s", p->code,
                    edition_label(e), t->area.name);
    else if (!st && tell)
      st = note_add(&t->notes, err,
                    aggregate
                        ? "before %d the series shows %s of %s, which also holds other "
                          "occupations (--follow-aggregates; crosswalk%s%s)"
                        : "before %d the series uses %s of %s, the same occupation (one-to-one "
                          "in the SOC crosswalk%s%s)",
                    cutoff, p->code, edition_label(e), p->note[0] ? ": " : "", p->note);
    for (size_t i = 0; !st && !aggregate && i < part.n && tell && t->n > before; i++)
      st = note_add(&t->notes, err,
                    "%s also took in part of %s of %s%s%s%s; the values of %s leave those jobs "
                    "out",
                    t->occ, part.v[i].code, edition_label(e),
                    part.v[i].note[0] ? " (crosswalk: " : "", part.v[i].note,
                    part.v[i].note[0] ? ")" : "", p->code);
    free(cells.v);
    return st;
  }
}

/* Cells of the exact code in an older edition `e`: comparable when the crosswalk maps the code
   to itself one-to-one (or does not cover it). */
static lab_status take_exact(struct trend *t, const struct cell_list *exact, const char *e,
                             const char *home, bool *stop, bool *uncovered, struct lab_error *err)
{
  struct rel_list succ;
  int cutoff = earliest_year(t);
  lab_status st = successors(t->s, t->occ, e, &succ, err);

  if (st)
    return st;
  if (succ.n == 0) {
    *uncovered = true;
  } else if (!(succ.n == 1 && strcmp(succ.v[0].code, t->occ) == 0 &&
               strcmp(succ.v[0].soc_edition, home) == 0)) {
    char codes[128];
    join_codes(&succ, codes, sizeof(codes));
    if (!t->o.follow_aggregates) {
      *stop = true;
      return window_reaches(t, cutoff)
                 ? note_add(&t->notes, err,
                            "in %s, %s became %s: not comparable; the series stops in %d "
                            "(--follow-aggregates continues it)",
                            edition_label(e), t->occ, codes, cutoff)
                 : LAB_OK;
    }
    st = note_add(&t->notes, err,
                  "in %s, %s became %s: the earlier values are not comparable "
                  "(--follow-aggregates)",
                  edition_label(e), t->occ, codes);
    if (st)
      return st;
    return take_cells(t, exact, e, cutoff, true, "not comparable (code later split)", err);
  }
  return take_cells(t, exact, e, cutoff, false, NULL, err);
}

static lab_status build_series(struct trend *t, struct lab_error *err)
{
  struct cell_list exact = {0};
  char home[16];
  int home_rank;
  bool stop = false, uncovered = false;
  lab_status st;

  st = lab_store_oews_history(t->s, t->occ, t->area.code, 0, 0, cells_cb, &exact, err);
  if (st)
    goto out;
  if (exact.n == 0) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "no OEWS estimates of %s for %s (%s) in the store: look codes up with "
                       "'laborstat find WORDS'",
                       t->occ, t->area.name, t->area.code);
    goto out;
  }
  snprintf(home, sizeof(home), "%s", exact.v[exact.n - 1].soc_edition);
  home_rank = edition_rank(home);
  st = take_cells(t, &exact, home, 0, false, NULL, err);
  for (int r = home_rank - 1; !st && r >= 0; r--) {
    bool has = false;
    for (size_t i = 0; i < exact.n && !has; i++)
      has = strcmp(exact.v[i].soc_edition, editions[r]) == 0;
    if (has && !stop)
      st = take_exact(t, &exact, editions[r], home, &stop, &uncovered, err);
    else if (!has)
      st = follow_predecessor(t, editions[r], home, &stop, err);
  }
  if (!st && uncovered)
    st = note_add(&t->notes, err,
                  "the SOC crosswalk held does not cover %s: its code is taken to mean the same "
                  "occupation in every SOC edition (not checked)",
                  t->occ);
  if (!st && home_rank >= 0 && home_rank < 2 &&
      (t->o.to == 0 || t->o.to > exact.v[exact.n - 1].year)) {
    struct rel_list succ;
    st = successors(t->s, t->occ, home, &succ, err);
    if (!st && succ.n >= 1 && !(succ.n == 1 && strcmp(succ.v[0].code, t->occ) == 0)) {
      char codes[128];
      join_codes(&succ, codes, sizeof(codes));
      st = note_add(&t->notes, err, "after %d, %s continues as %s (%s)%s: this series ends in %d",
                    exact.v[exact.n - 1].year, t->occ, codes, edition_label(succ.v[0].soc_edition),
                    succ.n > 1 ? ", a split" : "", exact.v[exact.n - 1].year);
    }
  }
  if (st)
    goto out;
  qsort(t->p, t->n, sizeof(*t->p), cmp_point);
  {
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++)
      if ((t->o.from == 0 || t->p[i].cell.year >= t->o.from) &&
          (t->o.to == 0 || t->p[i].cell.year <= t->o.to))
        t->p[k++] = t->p[i];
    t->n = k;
  }
  if (t->n == 0) {
    char window[48];
    if (t->o.from && t->o.to)
      snprintf(window, sizeof(window), "in May %d-%d", t->o.from, t->o.to);
    else
      snprintf(window, sizeof(window), "%s May %d", t->o.from ? "from" : "up to",
               t->o.from ? t->o.from : t->o.to);
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no OEWS estimates of %s for %s %s%s%s", t->occ,
                       t->area.name, window, t->notes.n ? ": " : "",
                       t->notes.n ? t->notes.v[0] : "");
  }
out:
  free(exact.v);
  return st;
}

/* ------------------------------------------------------------------- values, breaks, fits */

static lab_status add_break(struct trend *t, int year, const char *kind, const char *from,
                            const char *to, struct lab_error *err, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static lab_status add_break(struct trend *t, int year, const char *kind, const char *from,
                            const char *to, struct lab_error *err, const char *fmt, ...)
{
  struct brk *v = realloc(t->breaks, (t->nbreaks + 1) * sizeof(*v));
  va_list ap;

  if (!v)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  t->breaks = v;
  v = &t->breaks[t->nbreaks++];
  v->year = year;
  v->kind = kind;
  snprintf(v->from, sizeof(v->from), "%s", from);
  snprintf(v->to, sizeof(v->to), "%s", to);
  va_start(ap, fmt);
  vsnprintf(v->text, sizeof(v->text), fmt, ap);
  va_end(ap);
  return LAB_OK;
}

static lab_status mark_values(struct trend *t, struct lab_error *err)
{
  enum lab_measure m = t->o.m;
  bool wage = lab_measure_is_wage(m);
  int missing_cpi = 0, missing_top = 0;
  size_t aggregates = 0;
  lab_status st = LAB_OK;

  for (size_t i = 0; i < t->n && !st; i++) {
    struct point *p = &t->p[i];
    const struct lab_value *v = &p->cell.m[m];
    double h, a, cpi;
    if (can_topcode(m)) {
      struct lab_error e2 = {0};
      if (lab_store_topcode_get(t->s, p->cell.year, &h, &a, &e2) == LAB_OK)
        p->topcode = lab_measure_is_hourly(m) ? h : a;
      else if (e2.status == LAB_ERR_NOTFOUND)
        missing_top = missing_top ? missing_top : p->cell.year;
      else
        return lab_error_set(err, e2.status, "%s", e2.msg);
    }
    if (wage && t->have_cpi && v->state == LAB_V_VALUE) {
      struct lab_error e2 = {0};
      lab_status cs = lab_store_cpi(t->s, p->cell.year, &cpi, &e2);
      if (cs == LAB_OK) {
        st = lab_trend_real(v->v, cpi, t->cpi_base, &p->real, err);
      } else if (cs == LAB_ERR_NOTFOUND) {
        missing_cpi = missing_cpi ? missing_cpi : p->cell.year;
        point_note(p, "no CPI-U for %d: no real value", p->cell.year);
      } else {
        return lab_error_set(err, cs, "%s", e2.msg);
      }
    }
    p->in_fit_nominal = v->state == LAB_V_VALUE && v->v > 0 && !p->aggregate;
    p->in_fit_real = p->in_fit_nominal && !isnan(p->real);
    aggregates += p->aggregate;
    if (v->state == LAB_V_TOPCODED)
      point_note(p, "top-coded: a lower bound, excluded from the fit");
    else if (v->state != LAB_V_VALUE)
      point_note(p, "not published (%s): excluded from the fit", lab_vstate_name(v->state));
    else if (p->aggregate)
      point_note(p, "not comparable: excluded from the fit");
  }
  if (!st && aggregates)
    st = note_add(&t->notes, err,
                  "--follow-aggregates: %zu value%s of codes that also hold other occupations "
                  "%s shown for context and left out of the fit",
                  aggregates, aggregates == 1 ? "" : "s", aggregates == 1 ? "is" : "are");
  if (!st && missing_cpi)
    st = note_add(&t->notes, err,
                  "the store has no CPI-U annual average for %d: no real value for that year",
                  missing_cpi);
  if (!st && missing_top)
    st = note_add(&t->notes, err,
                  "the store holds no top-code threshold for May %d: a top-code change there "
                  "cannot be checked",
                  missing_top);
  return st;
}

static lab_status mark_breaks(struct trend *t, struct lab_error *err)
{
  lab_status st = LAB_OK;

  for (size_t i = 1; i < t->n && !st; i++) {
    struct point *a = &t->p[i - 1], *b = &t->p[i];
    if (strcmp(a->cell.soc_edition, b->cell.soc_edition) != 0) {
      st = add_break(t, b->cell.year, "soc_edition", a->cell.soc_edition, b->cell.soc_edition, err,
                     "SOC edition %s -> %s", a->cell.soc_edition, b->cell.soc_edition);
      point_note(b, "break: SOC edition %s -> %s", a->cell.soc_edition, b->cell.soc_edition);
    }
    if (!st && strcmp(a->cell.occ_code, b->cell.occ_code) != 0) {
      st =
          add_break(t, b->cell.year, "occ_code", a->cell.occ_code, b->cell.occ_code, err,
                    "occupation code %s -> %s (SOC crosswalk)", a->cell.occ_code, b->cell.occ_code);
      point_note(b, "break: code %s -> %s", a->cell.occ_code, b->cell.occ_code);
    }
    if (!st && !isnan(a->topcode) && !isnan(b->topcode) && a->topcode != b->topcode) {
      char x[32], y[32];
      format_value(t->o.m, a->topcode, x, sizeof(x));
      format_value(t->o.m, b->topcode, y, sizeof(y));
      st = add_break(t, b->cell.year, "topcode", x, y, err, "top-code %s -> %s", x, y);
      point_note(b, "break: top-code %s -> %s", x, y);
    }
  }
  return st;
}

static lab_status fit_basis(struct trend *t, enum basis b, struct lab_error *err)
{
  double *yr = malloc((t->n ? t->n : 1) * sizeof(*yr));
  double *v = malloc((t->n ? t->n : 1) * sizeof(*v));
  size_t k = 0;
  lab_status st = LAB_OK;
  const char *name = b == BASIS_REAL ? "real" : "nominal";

  if (!yr || !v) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < t->n; i++) {
    const struct point *p = &t->p[i];
    if (b == BASIS_REAL ? !p->in_fit_real : !p->in_fit_nominal)
      continue;
    yr[k] = p->cell.year;
    v[k++] = b == BASIS_REAL ? p->real : p->cell.m[t->o.m].v;
  }
  if (k < 2) {
    st = note_add(&t->notes, err, "%zu usable year%s for the %s trend: no fit", k,
                  k == 1 ? "" : "s", name);
    goto out;
  }
  st = lab_trend_fit(yr, v, k, CI_LEVEL, &t->fit[b], err);
  if (st)
    goto out;
  t->fitted[b] = true;
  if (k == 2)
    st = note_add(&t->notes, err,
                  "only 2 usable years for the %s trend: slope only, no standard error or "
                  "interval",
                  name);
out:
  free(yr);
  free(v);
  return st;
}

/* ------------------------------------------------------------------------------- outputs */

static void pct_text(double fraction, char *out, size_t size)
{
  if (isnan(fraction))
    snprintf(out, size, "-");
  else
    snprintf(out, size, "%.2f", 100 * fraction);
}

static const char *measure_unit(enum lab_measure m)
{
  return lab_measure_is_wage(m) ? (lab_measure_is_hourly(m) ? "dollars an hour" : "dollars a year")
                                : "";
}

static void print_fit_table(const struct trend *t)
{
  static const char *const names[] = {
      "basis", "n", "growth %/yr", "95% CI", "CAGR %/yr", "Theil-Sen %/yr", "slope", "SE"};
  static const bool numeric[] = {false, true, true, true, true, true, true, true};
  struct cli_table *tab = cli_table_new(8, names, numeric);

  if (!tab)
    return;
  for (int b = 0; b < 2; b++) {
    const struct lab_trend_fit *f = &t->fit[b];
    char n[16], g[32], ci[80], lo[32], hi[32], cagr[32], ts[32], slope[32], se[32];
    if (!t->fitted[b])
      continue;
    snprintf(n, sizeof(n), "%zu", f->n);
    pct_text(f->growth, g, sizeof(g));
    if (f->n >= 3) {
      pct_text(f->growth_ci.lo, lo, sizeof(lo));
      pct_text(f->growth_ci.hi, hi, sizeof(hi));
      snprintf(ci, sizeof(ci), "%s to %s", lo, hi);
      snprintf(se, sizeof(se), "%.3g", f->slope_se);
    } else {
      snprintf(ci, sizeof(ci), "-");
      snprintf(se, sizeof(se), "-");
    }
    pct_text(f->cagr, cagr, sizeof(cagr));
    pct_text(f->theil_sen_growth, ts, sizeof(ts));
    snprintf(slope, sizeof(slope), "%.5f", f->slope);
    cli_table_add(
        tab, (const char *[]){b == BASIS_REAL ? "real" : "nominal", n, g, ci, cagr, ts, slope, se});
  }
  if (cli_table_rows(tab) > 0) {
    printf("Trend: OLS of ln(value) on year, 95%% t interval; growth = exp(slope) - 1;\n"
           "CAGR between the first and last fitted years; Theil-Sen = median pairwise slope.\n");
    cli_table_print(tab, CLI_TABLE, NULL, stdout);
  }
  cli_table_free(tab);
}

static void print_notes_text(const struct trend *t)
{
  if (t->nbreaks) {
    puts("Breaks:");
    for (size_t i = 0; i < t->nbreaks; i++)
      printf("  May %d: %s\n", t->breaks[i].year, t->breaks[i].text);
  }
  puts("Notes:");
  printf("  - %s.\n", not_a_time_series);
  for (size_t i = 0; i < t->notes.n; i++)
    printf("  - %s.\n", t->notes.v[i]);
}

static void print_heading(const struct trend *t)
{
  const struct point *last = &t->p[t->n - 1];
  bool wage = lab_measure_is_wage(t->o.m);

  printf("%s (%s), %s (%s): %s\n", last->cell.occ_title, t->occ, t->area.name, t->area.code,
         lab_measure_label(t->o.m));
  printf("OEWS May %d-%d, cross-industry; ", t->p[0].cell.year, last->cell.year);
  if (wage && t->have_cpi)
    printf("nominal %s, real in %d dollars\n(x CPI-U %d / CPI-U of the year, annual averages of "
           "BLS %s, vintage %s). Fit basis: %s.\n",
           measure_unit(t->o.m), t->o.base_year, t->o.base_year, CPI_SERIES, t->cpi_vintage,
           t->o.basis == BASIS_REAL ? "real" : "nominal");
  else
    printf("%s.\n", wage ? "nominal dollars (no CPI-U in the store)" : "not a dollar measure");
}

static void print_table(const struct trend *t)
{
  static const char *const names[] = {"year",  "SOC",  "code",    "value",
                                      "state", "real", "release", "notes"};
  static const bool numeric[] = {true, false, false, true, false, true, false, false};
  bool hide[8] = {false};
  struct cli_table *tab = cli_table_new(8, names, numeric);

  if (!tab)
    return;
  hide[5] = !lab_measure_is_wage(t->o.m) || !t->have_cpi;
  for (size_t i = 0; i < t->n; i++) {
    const struct point *p = &t->p[i];
    const struct lab_value *v = &p->cell.m[t->o.m];
    char year[8], value[48] = "", real[48] = "", release[64];
    snprintf(year, sizeof(year), "%d", p->cell.year);
    if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED) {
      format_value(t->o.m, v->v, value, sizeof(value));
      if (v->state == LAB_V_TOPCODED) {
        char tmp[sizeof(value)];
        memcpy(tmp, value, sizeof(tmp));
        snprintf(value, sizeof(value), ">= %.44s", tmp);
      }
    }
    format_value(t->o.m, p->real, real, sizeof(real));
    snprintf(release, sizeof(release), "%s, %s", p->cell.release_scope, p->cell.origin_kind);
    cli_table_add(tab, (const char *[]){year, p->cell.soc_edition, p->cell.occ_code, value,
                                        lab_vstate_name(v->state), real, release, p->notes});
  }
  print_heading(t);
  putchar('\n');
  cli_table_print(tab, CLI_TABLE, hide, stdout);
  cli_table_free(tab);
  putchar('\n');
  print_fit_table(t);
  print_notes_text(t);
}

/* All notes in one string for a CSV cell: the time-series caveat first. */
static void notes_joined(const struct trend *t, char *out, size_t size)
{
  size_t len = (size_t)snprintf(out, size, "%s", not_a_time_series);

  if (lab_measure_is_wage(t->o.m) && t->have_cpi && len < size)
    len += (size_t)snprintf(out + len, size - len,
                            "; real_value is in %d dollars (CPI-U annual averages, BLS %s, "
                            "vintage %s)",
                            t->o.base_year, CPI_SERIES, t->cpi_vintage);

  for (size_t i = 0; i < t->notes.n && len < size; i++)
    len += (size_t)snprintf(out + len, size - len, "; %s", t->notes.v[i]);
}

static void csv_num(double v)
{
  char buf[40];

  if (!isnan(v))
    fputs(lab_num_format(v, buf, sizeof(buf)), stdout);
}

static void print_csv(const struct trend *t)
{
  bool wage = lab_measure_is_wage(t->o.m);
  char *all = malloc(8192);

  puts("year,soc_edition,occ_code,value,state,real_value,base_year,notes");
  for (size_t i = 0; i < t->n; i++) {
    const struct point *p = &t->p[i];
    const struct lab_value *v = &p->cell.m[t->o.m];
    char notes[NOTE_SIZE + 8];
    printf("%d,%s,%s,", p->cell.year, p->cell.soc_edition, p->cell.occ_code);
    if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED)
      csv_num(v->v);
    printf(",%s,", lab_vstate_name(v->state));
    csv_num(p->real);
    putchar(',');
    if (wage && t->have_cpi)
      printf("%d", t->o.base_year);
    putchar(',');
    if (i == 0 && all) {
      /* the caveats, once, in the first row */
      notes_joined(t, all, 8192);
      if (p->notes[0]) {
        size_t len = strlen(all);
        snprintf(all + len, 8192 - len, "; %d: %s", p->cell.year, p->notes);
      }
      cli_csv_field(stdout, all);
    } else {
      snprintf(notes, sizeof(notes), "%s", p->notes);
      cli_csv_field(stdout, notes);
    }
    putchar('\n');
  }
  free(all);
}

static void print_fit_csv(const struct trend *t)
{
  enum basis b = t->o.basis;
  const struct lab_trend_fit *f = &t->fit[b];
  char *all = malloc(8192);

  puts("occ_code,area,measure,basis,base_year,first_year,last_year,n,slope,slope_se,"
       "slope_ci95_low,slope_ci95_high,growth_pct,growth_ci95_low,growth_ci95_high,cagr_pct,"
       "theil_sen_slope,theil_sen_growth_pct,notes");
  printf("%s,%s,%s,%s,", t->occ, t->area.code, lab_measure_name(t->o.m),
         b == BASIS_REAL ? "real" : "nominal");
  if (b == BASIS_REAL)
    printf("%d", t->o.base_year);
  if (t->fitted[b]) {
    printf(",%g,%g,%zu,", f->first_year, f->last_year, f->n);
    csv_num(f->slope);
    putchar(',');
    csv_num(f->slope_se);
    putchar(',');
    csv_num(f->slope_ci.lo);
    putchar(',');
    csv_num(f->slope_ci.hi);
    putchar(',');
    csv_num(100 * f->growth);
    putchar(',');
    csv_num(100 * f->growth_ci.lo);
    putchar(',');
    csv_num(100 * f->growth_ci.hi);
    putchar(',');
    csv_num(100 * f->cagr);
    putchar(',');
    csv_num(f->theil_sen_slope);
    putchar(',');
    csv_num(100 * f->theil_sen_growth);
    putchar(',');
  } else {
    printf(",,,0,,,,,,,,,,,");
  }
  if (all) {
    notes_joined(t, all, 8192);
    cli_csv_field(stdout, all);
  }
  putchar('\n');
  free(all);
}

static cJSON *json_pair(double lo, double hi)
{
  cJSON *a;

  if (isnan(lo) || isnan(hi))
    return cJSON_CreateNull();
  a = cJSON_CreateArray();
  cJSON_AddItemToArray(a, cJSON_CreateNumber(lo));
  cJSON_AddItemToArray(a, cJSON_CreateNumber(hi));
  return a;
}

static cJSON *json_num_or_null(double v)
{
  return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

static cJSON *fit_json(const struct trend *t, enum basis b)
{
  const struct lab_trend_fit *f = &t->fit[b];
  cJSON *o;

  if (!t->fitted[b])
    return cJSON_CreateNull();
  o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "basis", b == BASIS_REAL ? "real" : "nominal");
  if (b == BASIS_REAL)
    cJSON_AddNumberToObject(o, "base_year", t->o.base_year);
  cJSON_AddNumberToObject(o, "n", (double)f->n);
  cJSON_AddNumberToObject(o, "df", f->df);
  cJSON_AddNumberToObject(o, "first_year", f->first_year);
  cJSON_AddNumberToObject(o, "last_year", f->last_year);
  cJSON_AddNumberToObject(o, "year_mean", f->year_mean);
  cJSON_AddNumberToObject(o, "intercept", f->intercept);
  cJSON_AddNumberToObject(o, "slope", f->slope);
  cJSON_AddItemToObject(o, "slope_se", json_num_or_null(f->slope_se));
  cJSON_AddItemToObject(o, "slope_ci95", json_pair(f->slope_ci.lo, f->slope_ci.hi));
  cJSON_AddNumberToObject(o, "growth_pct", 100 * f->growth);
  cJSON_AddItemToObject(o, "growth_ci95", json_pair(100 * f->growth_ci.lo, 100 * f->growth_ci.hi));
  cJSON_AddNumberToObject(o, "cagr_pct", 100 * f->cagr);
  cJSON_AddNumberToObject(o, "theil_sen_slope", f->theil_sen_slope);
  cJSON_AddNumberToObject(o, "theil_sen_growth_pct", 100 * f->theil_sen_growth);
  cJSON_AddItemToObject(o, "residual_sd", json_num_or_null(f->residual_sd));
  return o;
}

static void print_json(const struct trend *t)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *all;
  cJSON *series, *fits, *breaks, *notes;
  bool wage = lab_measure_is_wage(t->o.m);
  char *text;

  cJSON_AddStringToObject(root, "occ_code", t->occ);
  cJSON_AddStringToObject(root, "occ_title", t->p[t->n - 1].cell.occ_title);
  cJSON_AddStringToObject(root, "area", t->area.code);
  cJSON_AddStringToObject(root, "area_name", t->area.name);
  cJSON_AddStringToObject(root, "measure", lab_measure_name(t->o.m));
  cJSON_AddStringToObject(root, "basis", t->o.basis == BASIS_REAL ? "real" : "nominal");
  if (wage && t->have_cpi) {
    cJSON_AddNumberToObject(root, "base_year", t->o.base_year);
    cJSON_AddStringToObject(root, "cpi_series", CPI_SERIES);
    cJSON_AddStringToObject(root, "cpi_vintage", t->cpi_vintage);
  }
  if (!t->o.fit_only) {
    series = cJSON_AddArrayToObject(root, "series");
    for (size_t i = 0; i < t->n; i++) {
      const struct point *p = &t->p[i];
      const struct lab_value *v = &p->cell.m[t->o.m];
      cJSON *o = cJSON_CreateObject();
      cJSON *rel = cJSON_CreateObject();
      cJSON_AddNumberToObject(o, "year", p->cell.year);
      cJSON_AddStringToObject(o, "soc_edition", p->cell.soc_edition);
      cJSON_AddStringToObject(o, "occ_code", p->cell.occ_code);
      cJSON_AddStringToObject(o, "occ_title", p->cell.occ_title);
      if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED)
        cJSON_AddNumberToObject(o, "value", v->v);
      else
        cJSON_AddNullToObject(o, "value");
      cJSON_AddStringToObject(o, "state", lab_vstate_name(v->state));
      if (v->state == LAB_V_TOPCODED)
        cJSON_AddStringToObject(o, "bound", "lower");
      if (wage)
        cJSON_AddItemToObject(o, "real_value", json_num_or_null(p->real));
      cJSON_AddBoolToObject(o, "in_fit",
                            t->o.basis == BASIS_REAL ? p->in_fit_real : p->in_fit_nominal);
      cJSON_AddBoolToObject(o, "aggregate", p->aggregate);
      cJSON_AddStringToObject(rel, "source", "oews");
      cJSON_AddStringToObject(rel, "scope", p->cell.release_scope);
      cJSON_AddStringToObject(rel, "origin_kind", p->cell.origin_kind);
      cJSON_AddStringToObject(rel, "origin", p->cell.origin);
      cJSON_AddItemToObject(o, "release", rel);
      cJSON_AddStringToObject(o, "notes", p->notes);
      cJSON_AddItemToArray(series, o);
    }
  }
  cJSON_AddItemToObject(root, "fit", fit_json(t, t->o.basis));
  fits = cJSON_AddArrayToObject(root, "fits");
  for (int b = 0; b < 2; b++)
    if (t->fitted[b])
      cJSON_AddItemToArray(fits, fit_json(t, (enum basis)b));
  breaks = cJSON_AddArrayToObject(root, "breaks");
  for (size_t i = 0; i < t->nbreaks; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "year", t->breaks[i].year);
    cJSON_AddStringToObject(o, "kind", t->breaks[i].kind);
    cJSON_AddStringToObject(o, "from", t->breaks[i].from);
    cJSON_AddStringToObject(o, "to", t->breaks[i].to);
    cJSON_AddStringToObject(o, "text", t->breaks[i].text);
    cJSON_AddItemToArray(breaks, o);
  }
  notes = cJSON_AddArrayToObject(root, "notes");
  cJSON_AddItemToArray(notes, cJSON_CreateString(not_a_time_series));
  for (size_t i = 0; i < t->notes.n; i++)
    cJSON_AddItemToArray(notes, cJSON_CreateString(t->notes.v[i]));
  /* like every command's JSON: an array of objects (here one) */
  all = cJSON_CreateArray();
  cJSON_AddItemToArray(all, root);
  text = cJSON_Print(all);
  if (text)
    printf("%s\n", text);
  free(text);
  cJSON_Delete(all);
}

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
    return note_add(&t->notes, err, "the store holds no CPI-U: nominal values only");
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
  st = cli_store(ctx, &t.s, &err);
  if (!st)
    st = lab_store_area_resolve(t.s, t.o.area ? t.o.area : "US", &t.area, &err);
  if (!st)
    st = prepare_cpi(&t, &err);
  if (!st)
    st = build_series(&t, &err);
  if (!st)
    st = mark_values(&t, &err);
  if (!st)
    st = mark_breaks(&t, &err);
  if (!st)
    st = fit_basis(&t, BASIS_NOMINAL, &err);
  if (!st && lab_measure_is_wage(t.o.m) && t.have_cpi)
    st = fit_basis(&t, BASIS_REAL, &err);
  if (!st) {
    size_t excluded = 0;
    for (size_t i = 0; i < t.n; i++)
      excluded += t.p[i].cell.m[t.o.m].state == LAB_V_TOPCODED;
    if (excluded)
      st = note_add(&t.notes, &err,
                    "%zu top-coded value%s (BLS '#': at or above the year's top-code, a lower "
                    "bound) %s left out of the fit",
                    excluded, excluded == 1 ? "" : "s", excluded == 1 ? "is" : "are");
  }
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_trend, "%s", err.msg)
                                       : cli_fail(&err);
    goto out;
  }
  if (ctx->format == CLI_JSON) {
    print_json(&t);
  } else if (ctx->format == CLI_CSV) {
    if (t.o.fit_only)
      print_fit_csv(&t);
    else
      print_csv(&t);
  } else if (t.o.fit_only) {
    print_heading(&t);
    putchar('\n');
    print_fit_table(&t);
    print_notes_text(&t);
  } else {
    print_table(&t);
  }
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
