/*
 * trend_series.c - (cli/) the series of `laborstat trend`: the exact code's cells, followed back
 * through older SOC editions where the SOC crosswalk links them one-to-one, with a note wherever
 * the series stops or changes code.
 */
#include "cli/trend.h"
#include "datasets/lab_query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RELATED 64

struct cell_list {
  struct lab_oews_cell *v;
  size_t n, cap;
};

struct rel_list {
  struct lab_related_code v[MAX_RELATED];
  size_t n;
};

/* ------------------------------------------------------------------------------ helpers */

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
      cli_trend_point_note(p, "%s", why);
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
      return cli_trend_note_add(
          &t->notes, err,
          "the SOC crosswalk held names no predecessor of %s in %s: the series "
          "starts in %d",
          t->occ, edition_label(e), cutoff);
    return LAB_OK;
  }
  if (whole.n >= 2) {
    char codes[128];
    join_codes(&whole, codes, sizeof(codes));
    st = tell ? cli_trend_note_add(
                    &t->notes, err,
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
    st = tell ? cli_trend_note_add(&t->notes, err,
                                   "in %s, %s was spread over parts of %s: not comparable%s",
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
      st = tell ? cli_trend_note_add(
                      &t->notes, err, "in %s, %s was part of %s%s%s%s: not comparable%s%s",
                      edition_label(e), t->occ, p->code, p->note[0] ? " (crosswalk: " : "", p->note,
                      p->note[0] ? ")" : "", tail, *stop ? "" : " (--follow-aggregates shows it)")
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
      st = cli_trend_note_add(&t->notes, err, "the store has no estimates of %s of %s for %s",
                              p->code, edition_label(e), t->area.name);
    else if (!st && tell)
      st = cli_trend_note_add(
          &t->notes, err,
          aggregate ? "before %d the series shows %s of %s, which also holds other "
                      "occupations (--follow-aggregates; crosswalk%s%s)"
                    : "before %d the series uses %s of %s, the same occupation (one-to-one "
                      "in the SOC crosswalk%s%s)",
          cutoff, p->code, edition_label(e), p->note[0] ? ": " : "", p->note);
    for (size_t i = 0; !st && !aggregate && i < part.n && tell && t->n > before; i++)
      st = cli_trend_note_add(
          &t->notes, err,
          "%s also took in part of %s of %s%s%s%s; the values of %s leave those jobs "
          "out",
          t->occ, part.v[i].code, edition_label(e), part.v[i].note[0] ? " (crosswalk: " : "",
          part.v[i].note, part.v[i].note[0] ? ")" : "", p->code);
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
                 ? cli_trend_note_add(&t->notes, err,
                                      "in %s, %s became %s: not comparable; the series stops in %d "
                                      "(--follow-aggregates continues it)",
                                      edition_label(e), t->occ, codes, cutoff)
                 : LAB_OK;
    }
    st = cli_trend_note_add(&t->notes, err,
                            "in %s, %s became %s: the earlier values are not comparable "
                            "(--follow-aggregates)",
                            edition_label(e), t->occ, codes);
    if (st)
      return st;
    return take_cells(t, exact, e, cutoff, true, "not comparable (code later split)", err);
  }
  return take_cells(t, exact, e, cutoff, false, NULL, err);
}

lab_status cli_trend_series(struct trend *t, struct lab_error *err)
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
    st = cli_trend_note_add(
        &t->notes, err,
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
      st = cli_trend_note_add(
          &t->notes, err, "after %d, %s continues as %s (%s)%s: this series ends in %d",
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
