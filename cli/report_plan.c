/*
 * report_plan.c - the charts of a report: one `laborstat plot` command each, from the spec.
 */
#include "cli/report.h"
#include "datasets/lab_roles.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

/* A new chart of section s; NULL when the report is full. */
static struct report_chart *add_chart(struct report *r, enum report_section s, const char *what,
                                      struct lab_error *err)
{
  struct report_chart *c;
  size_t j = 0;

  if (r->ncharts == REPORT_MAX_CHARTS) {
    lab_error_set(err, LAB_ERR_TOOLARGE, "a report holds at most %d charts", REPORT_MAX_CHARTS);
    return NULL;
  }
  c = &r->charts[r->ncharts++];
  memset(c, 0, sizeof(*c));
  c->section = s;
  /* the stem: lower-case letters, digits, '-' and '_' only */
  for (const char *p = what; *p && j + 1 < sizeof(c->stem); p++) {
    unsigned char ch = (unsigned char)*p;
    c->stem[j++] = (char)(isalnum(ch) || ch == '_' ? tolower(ch) : '-');
  }
  c->stem[j] = '\0';
  snprintf(c->stem + j, sizeof(c->stem) - j, "-%02zu", r->ncharts);
  return c;
}

static void arg(struct report_chart *c, const char *fmt, ...)
{
  va_list ap;

  if (c->nargs == REPORT_MAX_ARGS)
    return;
  va_start(ap, fmt);
  vsnprintf(c->args[c->nargs++], sizeof(c->args[0]), fmt, ap);
  va_end(ap);
}

static void common(struct report_chart *c, const struct report_spec *s, bool area, bool year)
{
  if (area && s->area[0]) {
    arg(c, "--area");
    arg(c, "%s", s->area);
  }
  if (year && s->year) {
    arg(c, "--year");
    arg(c, "%d", s->year);
  }
}

/* The roles-or-occupations selection: --role R or --occ LIST. */
static void selection(struct report_chart *c, const struct report_spec *s)
{
  if (s->roles[0]) {
    arg(c, "--role");
    arg(c, "%s", s->roles);
  } else {
    arg(c, "--occ");
    arg(c, "%s", s->occs);
  }
}

/* The SOC code a growth map uses for a key item: itself, or a role's first 2018 code. */
static lab_status growth_code(const char *key, char *code, size_t size, struct lab_error *err)
{
  struct lab_roles *set = NULL;
  lab_status st;

  if (cli_looks_like_soc(key)) {
    snprintf(code, size, "%s", key);
    return LAB_OK;
  }
  st = lab_roles_find(key, &set, err);
  if (!st && (set->n == 0 || set->roles[0].editions[LAB_ROLE_SOC2018].n == 0))
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "role '%s' has no 2018 SOC code", key);
  if (!st)
    snprintf(code, size, "%s", set->roles[0].editions[LAB_ROLE_SOC2018].v[0].code);
  lab_roles_free(set);
  return st;
}

static lab_status plan_maps(struct report *r, struct lab_error *err)
{
  const struct report_spec *s = &r->spec;
  struct report_chart *c;
  char code[LAB_ROLE_CODE_SIZE], what[128];
  lab_status st;

  for (size_t i = 0; i < s->n_key; i++) {
    snprintf(what, sizeof(what), "map-median-%s", s->key[i]);
    c = add_chart(r, REPORT_S_MAPS, what, err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Median annual wage by state: %s", s->key[i]);
    arg(c, "map");
    arg(c, "%s", s->key[i]);
    arg(c, "--measure");
    arg(c, "a_median");
    common(c, s, false, true);
    st = growth_code(s->key[i], code, sizeof(code), err);
    if (st)
      return st;
    snprintf(what, sizeof(what), "map-growth-%s", s->key[i]);
    c = add_chart(r, REPORT_S_MAPS, what, err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Projected employment growth by state: %s (%s)",
             s->key[i], code);
    arg(c, "map");
    arg(c, "%s", code);
    arg(c, "--measure");
    arg(c, "growth");
  }
  return LAB_OK;
}

static lab_status plan_rest(struct report *r, struct lab_error *err)
{
  const struct report_spec *s = &r->spec;
  struct report_chart *c;
  char what[128];

  for (size_t i = 0; s->section[REPORT_S_COMPARE] && i < s->n_key; i++) {
    snprintf(what, sizeof(what), "compare-%s-%s", s->basis, s->key[i]);
    c = add_chart(r, REPORT_S_COMPARE, what, err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Top %d states (%s basis): %s", s->top, s->basis,
             s->key[i]);
    arg(c, "compare");
    arg(c, "%s", s->key[i]);
    arg(c, "--by");
    arg(c, "state");
    arg(c, "--basis");
    arg(c, "%s", s->basis);
    arg(c, "--top");
    arg(c, "%d", s->top);
    common(c, s, false, true);
  }
  for (size_t i = 0; s->section[REPORT_S_TREND] && i < s->n_trend; i++) {
    snprintf(what, sizeof(what), "trend-%s", s->trend[i]);
    c = add_chart(r, REPORT_S_TREND, what, err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Median annual wage over time: %s", s->trend[i]);
    arg(c, "trend");
    arg(c, "%s", s->trend[i]);
    arg(c, "--basis");
    arg(c, "real");
    if (s->from) {
      arg(c, "--from");
      arg(c, "%d", s->from);
    }
    if (s->to) {
      arg(c, "--to");
      arg(c, "%d", s->to);
    }
    common(c, s, true, false);
  }
  if (s->section[REPORT_S_GROWTH_PAY] && (s->roles[0] || s->occs[0])) {
    c = add_chart(r, REPORT_S_GROWTH_PAY, "growth-pay", err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Projected growth against median pay");
    arg(c, "growth-pay");
    selection(c, s);
  }
  if (s->section[REPORT_S_PROJECTION] && (s->roles[0] || s->occs[0])) {
    c = add_chart(r, REPORT_S_PROJECTION, "projection", err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Base and projected employment, annual openings");
    arg(c, "projection");
    selection(c, s);
    common(c, s, true, false);
  }
  return LAB_OK;
}

lab_status report_plan(struct report *r, struct lab_error *err)
{
  const struct report_spec *s = &r->spec;
  struct report_chart *c;
  lab_status st;

  r->ncharts = 0;
  if (s->section[REPORT_S_WAGES] && (s->roles[0] || s->occs[0])) {
    c = add_chart(r, REPORT_S_WAGES, s->roles[0] ? s->roles : "wages", err);
    if (!c)
      return err->status;
    snprintf(c->heading, sizeof(c->heading), "Annual wage distribution of each %s",
             s->roles[0] ? "role" : "occupation");
    arg(c, "wages");
    if (s->roles[0]) {
      arg(c, "%s", s->roles);
    } else {
      char list[sizeof(s->occs)];
      char *save = NULL;

      snprintf(list, sizeof(list), "%s", s->occs);
      for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
        arg(c, "%s", t);
    }
    common(c, s, true, true);
  }
  if (s->section[REPORT_S_MAPS]) {
    st = plan_maps(r, err);
    if (st)
      return st;
  }
  return plan_rest(r, err);
}
