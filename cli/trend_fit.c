/*
 * trend_fit.c - (cli/) the values of `laborstat trend`: notes, real values and top-codes per
 * year, the breaks between years, and the log-linear fits (nominal and real).
 */
#include "cli/trend.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CI_LEVEL 0.95

/* ------------------------------------------------------------------------------ helpers */

lab_status cli_trend_note_add(struct text_list *l, struct lab_error *err, const char *fmt, ...)
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

void cli_trend_point_note(struct point *p, const char *fmt, ...)
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

/* Measures BLS top-codes: percentiles and medians (means never are). */
static bool can_topcode(enum lab_measure m)
{
  return lab_measure_is_wage(m) && m != LAB_M_A_MEAN && m != LAB_M_H_MEAN;
}

void cli_trend_format_value(enum lab_measure m, double v, char *out, size_t size)
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

lab_status cli_trend_mark_values(struct trend *t, struct lab_error *err)
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
        cli_trend_point_note(p, "no CPI-U for %d: no real value", p->cell.year);
      } else {
        return lab_error_set(err, cs, "%s", e2.msg);
      }
    }
    p->in_fit_nominal = v->state == LAB_V_VALUE && v->v > 0 && !p->aggregate;
    p->in_fit_real = p->in_fit_nominal && !isnan(p->real);
    aggregates += p->aggregate;
    if (v->state == LAB_V_TOPCODED)
      cli_trend_point_note(p, "top-coded: a lower bound, excluded from the fit");
    else if (v->state != LAB_V_VALUE)
      cli_trend_point_note(p, "not published (%s): excluded from the fit",
                           lab_vstate_name(v->state));
    else if (p->aggregate)
      cli_trend_point_note(p, "not comparable: excluded from the fit");
  }
  if (!st && aggregates)
    st = cli_trend_note_add(
        &t->notes, err,
        "--follow-aggregates: %zu value%s of codes that also hold other occupations "
        "%s shown for context and left out of the fit",
        aggregates, aggregates == 1 ? "" : "s", aggregates == 1 ? "is" : "are");
  if (!st && missing_cpi)
    st = cli_trend_note_add(
        &t->notes, err, "the store has no CPI-U annual average for %d: no real value for that year",
        missing_cpi);
  if (!st && missing_top)
    st = cli_trend_note_add(
        &t->notes, err,
        "the store holds no top-code threshold for May %d: a top-code change there "
        "cannot be checked",
        missing_top);
  return st;
}

lab_status cli_trend_mark_breaks(struct trend *t, struct lab_error *err)
{
  lab_status st = LAB_OK;

  for (size_t i = 1; i < t->n && !st; i++) {
    struct point *a = &t->p[i - 1], *b = &t->p[i];
    if (strcmp(a->cell.soc_edition, b->cell.soc_edition) != 0) {
      st = add_break(t, b->cell.year, "soc_edition", a->cell.soc_edition, b->cell.soc_edition, err,
                     "SOC edition %s -> %s", a->cell.soc_edition, b->cell.soc_edition);
      cli_trend_point_note(b, "break: SOC edition %s -> %s", a->cell.soc_edition,
                           b->cell.soc_edition);
    }
    if (!st && strcmp(a->cell.occ_code, b->cell.occ_code) != 0) {
      st =
          add_break(t, b->cell.year, "occ_code", a->cell.occ_code, b->cell.occ_code, err,
                    "occupation code %s -> %s (SOC crosswalk)", a->cell.occ_code, b->cell.occ_code);
      cli_trend_point_note(b, "break: code %s -> %s", a->cell.occ_code, b->cell.occ_code);
    }
    if (!st && !isnan(a->topcode) && !isnan(b->topcode) && a->topcode != b->topcode) {
      char x[32], y[32];
      cli_trend_format_value(t->o.m, a->topcode, x, sizeof(x));
      cli_trend_format_value(t->o.m, b->topcode, y, sizeof(y));
      st = add_break(t, b->cell.year, "topcode", x, y, err, "top-code %s -> %s", x, y);
      cli_trend_point_note(b, "break: top-code %s -> %s", x, y);
    }
  }
  return st;
}

lab_status cli_trend_fit_basis(struct trend *t, enum basis b, struct lab_error *err)
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
    st = cli_trend_note_add(&t->notes, err, "%zu usable year%s for the %s trend: no fit", k,
                            k == 1 ? "" : "s", name);
    goto out;
  }
  st = lab_trend_fit(yr, v, k, CI_LEVEL, &t->fit[b], err);
  if (st)
    goto out;
  t->fitted[b] = true;
  if (k == 2)
    st =
        cli_trend_note_add(&t->notes, err,
                           "only 2 usable years for the %s trend: slope only, no standard error or "
                           "interval",
                           name);
out:
  free(yr);
  free(v);
  return st;
}
