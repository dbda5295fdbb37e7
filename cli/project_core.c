/*
 * project_core.c - finding and computing an occupation's projection (see project.h).
 */
#include "cli/project.h"
#include "common/lab_num.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void note(struct cli_project *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct cli_project *p, const char *fmt, ...)
{
  va_list ap;

  if (p->nnotes >= MAX_NOTES)
    return;
  va_start(ap, fmt);
  vsnprintf(p->notes[p->nnotes++], NOTE_SIZE, fmt, ap);
  va_end(ap);
}

/* "2024-2034" or "2024-34" -> "2024-2034"; false when malformed. */
bool cli_project_parse_cycle(const char *s, char *out, size_t size)
{
  size_t n = strlen(s);
  long a, b;

  if ((n != 9 && n != 7) || s[4] != '-')
    return false;
  for (size_t i = 0; i < n; i++)
    if (i != 4 && !isdigit((unsigned char)s[i]))
      return false;
  if (lab_num_parse_long(s, 4, &a) || lab_num_parse_long(s + 5, n - 5, &b))
    return false;
  if (n == 7)
    b += a / 100 * 100 + (b < a % 100 ? 100 : 0);
  if (b <= a)
    return false;
  snprintf(out, size, "%ld-%ld", a, b);
  return true;
}

static lab_status related_cb(void *ctx, const struct lab_related_code *r, struct lab_error *err)
{
  char *buf = ctx;
  size_t len = strlen(buf);

  (void)err;
  if (r->forward && strcmp(r->soc_edition, "2018") == 0 && len + 16 < 128)
    snprintf(buf + len, 128 - len, "%s%s", len ? ", " : "", r->code);
  return LAB_OK;
}

/* The national projection; a code of an older SOC edition gets its SOC 2018 successors named. */
static lab_status national(struct lab_store *s, struct cli_project *p, struct lab_error *err)
{
  lab_status st =
      lab_store_projection(s, "ep", p->occ, "US", p->cycle[0] ? p->cycle : NULL, &p->nat, err);
  char succ[128] = "";

  if (st != LAB_ERR_NOTFOUND)
    return st;
  lab_store_crosswalk_related(s, p->occ, "2010", related_cb, succ, NULL);
  lab_store_crosswalk_related(s, p->occ, "hybrid", related_cb, succ, NULL);
  if (succ[0] && strcmp(succ, p->occ) != 0)
    return lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no BLS national projection of %s: projections use SOC 2018 codes, and "
                         "%s became %s",
                         p->occ, p->occ, succ);
  return st;
}

/* The state's OEWS cell for `year` (0 = latest); NOTFOUND quietly when absent. */
static lab_status state_cell(struct lab_store *s, const struct cli_project *p, int year,
                             struct lab_oews_cell *c, struct lab_error *err)
{
  return lab_store_oews_cell(s, p->occ, p->area.code, year, c, err);
}

static lab_status constant_share(struct lab_store *s, struct cli_project *p, struct lab_error *err)
{
  struct lab_oews_cell *c = malloc(sizeof(*c));
  struct lab_error e2 = {0};
  lab_status st;

  if (!c)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  st = state_cell(s, p, p->nat.base_year, c, &e2);
  if (st == LAB_ERR_NOTFOUND) {
    st = state_cell(s, p, 0, c, err);
    if (!st)
      note(p, "the store has no May %d OEWS estimate of %s for %s: May %d employment is the base",
           p->nat.base_year, p->occ, p->area.name, c->year);
  } else if (st) {
    lab_error_set(err, e2.status, "%s", e2.msg);
  }
  if (st)
    goto out;
  if (c->m[LAB_M_TOT_EMP].state != LAB_V_VALUE) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "OEWS publishes no employment of %s for %s in May %d (%s): national rates "
                       "cannot be applied",
                       p->occ, p->area.name, c->year, lab_vstate_name(c->m[LAB_M_TOT_EMP].state));
    goto out;
  }
  st = lab_proj_constant_share(c->m[LAB_M_TOT_EMP].v, p->nat.emp_base, p->nat.emp_proj,
                               p->nat.openings, &p->f, err);
  if (st)
    goto out;
  p->share_year = c->year;
  p->used = p->nat;
  snprintf(p->used.area, sizeof(p->used.area), "%s", p->area.code);
  p->used.emp_base = p->f.emp_base;
  p->used.emp_proj = p->f.emp_proj;
  p->used.change = p->f.change;
  p->used.pct_change = p->f.pct_change;
  p->used.openings = p->f.openings;
  if (c->m[LAB_M_A_MEDIAN].state == LAB_V_VALUE) {
    p->median_wage = c->m[LAB_M_A_MEDIAN].v;
    snprintf(p->wage_source, sizeof(p->wage_source), "OEWS May %d, %s", c->year, p->area.name);
  }
  note(p,
       "constant share: %s keeps its share of national employment, so the national %s ratio "
       "(projected / base = %.4f) and openings rate are applied to its May %d OEWS employment",
       p->area.name, p->nat.vintage, p->nat.emp_proj / p->nat.emp_base, c->year);
  note(p, "OEWS counts wage and salary jobs only; BLS projections also count the self-employed");
out:
  free(c);
  return st;
}

/* Predecessor codes (older SOC editions) that a state still publishes projections under. */
static lab_status older_cb(void *ctx, const struct lab_related_code *r, struct lab_error *err)
{
  struct cli_project *p = ctx;
  struct lab_projection old;

  (void)err;
  if (r->forward || strcmp(r->code, p->occ) == 0 || !p->store)
    return LAB_OK;
  if (lab_store_projection(p->store, "pc", r->code, p->area.code, NULL, &old, NULL) == LAB_OK)
    note(p,
         "Projections Central's %s cycle for %s uses %s (SOC %s), which also holds other "
         "occupations: not used",
         old.vintage, p->area.name, r->code, r->soc_edition);
  return LAB_OK;
}

static lab_status state(struct lab_store *s, struct cli_project *p, struct lab_error *err)
{
  struct lab_error e2 = {0};
  lab_status st = lab_store_projection(s, "pc", p->occ, p->area.code, p->cycle[0] ? p->cycle : NULL,
                                       &p->used, &e2);

  if (st == LAB_OK) {
    struct lab_oews_cell *c = malloc(sizeof(*c));
    p->method = METHOD_STATE;
    /* the national projection only for comparison: the same cycle, else the latest */
    st = national(s, p, &e2);
    if (st == LAB_ERR_NOTFOUND && p->cycle[0]) {
      char keep[sizeof(p->cycle)];
      memcpy(keep, p->cycle, sizeof(keep));
      p->cycle[0] = '\0';
      st = national(s, p, &e2);
      memcpy(p->cycle, keep, sizeof(keep));
    }
    if (st && st != LAB_ERR_NOTFOUND) {
      free(c);
      return lab_error_set(err, st, "%s", e2.msg);
    }
    p->have_nat = st == LAB_OK;
    if (p->have_nat && strcmp(p->used.vintage, p->nat.vintage) != 0)
      note(p, "the state projection is of the %s cycle; the national one is %s", p->used.vintage,
           p->nat.vintage);
    if (c &&
        (state_cell(s, p, p->used.base_year, c, NULL) == LAB_OK ||
         state_cell(s, p, 0, c, NULL) == LAB_OK) &&
        c->m[LAB_M_A_MEDIAN].state == LAB_V_VALUE) {
      p->median_wage = c->m[LAB_M_A_MEDIAN].v;
      snprintf(p->wage_source, sizeof(p->wage_source), "OEWS May %d, %s%s", c->year, p->area.name,
               c->year != p->used.base_year ? " (not the projection's base year)" : "");
    }
    free(c);
    return LAB_OK;
  }
  if (st != LAB_ERR_NOTFOUND)
    return lab_error_set(err, st, "%s", e2.msg);
  st = national(s, p, &e2);
  if (st == LAB_ERR_NOTFOUND && p->cycle[0])
    return lab_error_set(err, st,
                         "the store holds neither a Projections Central projection of %s for %s "
                         "nor a BLS national projection in the %s cycle to apply to it",
                         p->occ, p->area.name, p->cycle);
  if (st)
    return lab_error_set(err, st, "%s", e2.msg);
  p->have_nat = true;
  if (p->cycle[0]) {
    struct lab_projection other;
    if (lab_store_projection(s, "pc", p->occ, p->area.code, NULL, &other, NULL) == LAB_OK)
      note(p, "Projections Central holds the %s cycle for %s (--cycle %s)", other.vintage,
           p->area.name, other.vintage);
  }
  note(p, "the store holds no Projections Central projection of %s for %s%s%s%s", p->occ,
       p->area.name, p->cycle[0] ? " in the " : "", p->cycle, p->cycle[0] ? " cycle" : "");
  st = lab_store_crosswalk_related(s, p->occ, "2018", older_cb, p, err);
  if (st)
    return st;
  p->method = METHOD_CONSTANT_SHARE;
  return constant_share(s, p, err);
}

/* The national title (Table 1.2) when held, else the state's. */
const char *cli_project_title(const struct cli_project *p)
{
  return p->have_nat ? p->nat.occ_title : p->used.occ_title;
}

const char *cli_project_method_text(const struct cli_project *p)
{
  switch (p->method) {
  case METHOD_NATIONAL:
    return "the official BLS projection (Employment Projections, Table 1.2)";
  case METHOD_STATE:
    return "the state's own long-term projection (Projections Central)";
  case METHOD_CONSTANT_SHARE:
    return "national rates applied to the state's OEWS employment (constant share); not an "
           "official projection";
  }
  return "";
}

const char *cli_project_method_key(const struct cli_project *p)
{
  return p->method == METHOD_NATIONAL ? "bls_national"
         : p->method == METHOD_STATE  ? "projections_central"
                                      : "constant_share";
}

/* Figures (published where given, derived otherwise) and the error band. */
static lab_status compute(struct cli_project *p, struct lab_error *err)
{
  const struct lab_projection *u = &p->used;
  int years = u->proj_year - u->base_year;
  lab_status st;

  if (p->method != METHOD_CONSTANT_SHARE) {
    st = lab_proj_figures(u->emp_base, u->emp_proj, u->openings, &p->f, err);
    if (st)
      return st;
    if (isfinite(u->change))
      p->f.change = u->change;
    if (isfinite(u->pct_change))
      p->f.pct_change = u->pct_change;
  }
  if (p->method == METHOD_NATIONAL && isfinite(u->median_wage)) {
    p->median_wage = u->median_wage;
    snprintf(p->wage_source, sizeof(p->wage_source),
             "OEWS May %d, as published with the projection", u->base_year);
  }
  st = lab_proj_band_halfwidth(years, &p->band.halfwidth_pp, &p->band_from, err);
  if (!st)
    st = lab_proj_band(&p->f, p->band.halfwidth_pp, &p->band, err);
  return st;
}

lab_status cli_project_run(struct lab_store *s, struct cli_project *p, struct lab_error *err)
{
  lab_status st = LAB_OK;

  p->store = s;
  if (strcmp(p->area.type, "nation") != 0 && strcmp(p->area.type, "state") != 0 &&
      strcmp(p->area.type, "territory") != 0)
    return lab_error_set(err, LAB_ERR_INVALID,
                         "projections exist for the nation and the states, not for %s (%s)",
                         p->area.name, p->area.code);
  if (strcmp(p->area.type, "nation") == 0) {
    st = national(s, p, err);
    p->have_nat = st == LAB_OK;
    p->method = METHOD_NATIONAL;
    p->used = p->nat;
  } else {
    st = state(s, p, err);
  }
  return st ? st : compute(p, err);
}
