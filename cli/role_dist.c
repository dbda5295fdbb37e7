/*
 * role_dist.c - a role's distribution from its components' cells.
 */
#include "cli/role_dist.h"
#include "datasets/lab_query.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MIX_TOL 1e-10 /* ln(wage): quantiles to about 1e-10 relative */

static enum lab_role_edition edition_of(int year)
{
  if (year >= 2021)
    return LAB_ROLE_SOC2018;
  if (year >= 2019)
    return LAB_ROLE_HYBRID;
  return LAB_ROLE_SOC2010;
}

/* The cell of one component: the role's industry first (national only), then cross-industry;
 * the fallback code when the code itself has no cell. */
static lab_status component_cell(struct lab_store *s, const struct lab_role *r, bool industry,
                                 const struct lab_role_component *rc, const char *area, int year,
                                 struct lab_oews_cell *cell, char *note, size_t size)
{
  const char *codes[2] = {rc->code, rc->fallback[0] ? rc->fallback : NULL};

  note[0] = '\0';
  for (int k = 0; k < 2 && codes[k]; k++) {
    if (industry && strcmp(area, "US") == 0)
      for (size_t i = 0; i < r->n_naics; i++)
        if (lab_store_oews_cell_in(s, codes[k], area, r->naics[i], year, cell, NULL) == LAB_OK)
          goto found;
    if (lab_store_oews_cell(s, codes[k], area, year, cell, NULL) == LAB_OK)
      goto found;
  }
  snprintf(note, size, "no May %d estimate for %s in this area", year, rc->code);
  return LAB_ERR_NOTFOUND;
found:
  if (strcmp(cell->occ_code, rc->code) != 0)
    snprintf(note, size, "%s has no May %d estimate: %s used instead", rc->code, year,
             cell->occ_code);
  return LAB_OK;
}

static void fill_part(struct cli_role_part *p, const struct lab_oews_cell *c)
{
  snprintf(p->code, sizeof(p->code), "%s", c->occ_code);
  snprintf(p->title, sizeof(p->title), "%s", c->occ_title);
  snprintf(p->naics, sizeof(p->naics), "%s", c->naics);
  p->employment = c->m[LAB_M_TOT_EMP].state == LAB_V_VALUE ? c->m[LAB_M_TOT_EMP].v : NAN;
  p->median = c->m[LAB_M_A_MEDIAN].state == LAB_V_VALUE ? c->m[LAB_M_A_MEDIAN].v : NAN;
  p->mean = c->m[LAB_M_A_MEAN].state == LAB_V_VALUE ? c->m[LAB_M_A_MEAN].v : NAN;
}

/* The mixture over the parts that have a fit and a weight. */
static lab_status mixture(struct cli_role_dist *d, const struct cli_fit_request *req,
                          struct lab_error *err)
{
  double mu[CLI_ROLE_MAX_COMPONENTS], sigma[CLI_ROLE_MAX_COMPONENTS], w[CLI_ROLE_MAX_COMPONENTS];
  size_t k = 0;
  lab_status st = LAB_OK;

  for (size_t i = 0; i < d->n; i++) {
    if (d->part[i].weight <= 0 || !d->part[i].fit.ok)
      continue;
    mu[k] = d->part[i].fit.fit.mu;
    sigma[k] = d->part[i].fit.fit.sigma;
    w[k++] = d->part[i].weight;
  }
  if (k == 0) {
    snprintf(d->why, sizeof(d->why), "no component has both a weight and a fitted distribution");
    return LAB_OK;
  }
  for (int i = 0; i < LAB_DIST_OEWS_LEVELS && !st; i++)
    st = lab_dist_mix_quantile(mu, sigma, w, k, lab_dist_oews_p[i], MIX_TOL, &d->pct[i], err);
  if (!st)
    st = lab_dist_mix_mean(mu, sigma, w, k, &d->mean, err);
  if (!st)
    st = lab_dist_mix_gini(mu, sigma, w, k, &d->gini, err);
  for (size_t i = 0; i < req->nq && !st; i++)
    st = lab_dist_mix_quantile(mu, sigma, w, k, req->q[i], MIX_TOL, &d->qv[i], err);
  for (size_t i = 0; i < req->nat && !st; i++)
    st = lab_dist_mix_share(mu, sigma, w, k, req->at[i], &d->below[i], &d->above[i], err);
  d->ok = !st;
  return st;
}

/* Why a part is left out of the mixture, when it is. */
static void part_note(struct cli_role_part *p, bool by_employment)
{
  if (by_employment && isnan(p->employment)) {
    snprintf(p->note, sizeof(p->note), "employment not published: left out of the mixture");
  } else if (!p->fit.ok) {
    char why[sizeof(p->fit.why)];
    memcpy(why, p->fit.why, sizeof(why));
    snprintf(p->note, sizeof(p->note), "no distribution: %.200s", why);
  }
}

/* Weights as shares of the parts that have a fit, then the mixture. */
static lab_status finish(struct cli_role_dist *d, double total, const struct cli_fit_request *req,
                         struct lab_error *err)
{
  for (size_t i = 0; i < d->n; i++)
    d->part[i].weight = total > 0 && d->part[i].fit.ok ? d->part[i].weight / total : 0;
  return mixture(d, req, err);
}

lab_status cli_role_dist(struct lab_store *s, const struct lab_role *r, const char *area_code,
                         int year, bool industry, const struct cli_fit_request *req,
                         const struct cli_basis *b, struct cli_role_dist *out,
                         struct lab_error *err)
{
  const struct lab_role_components *ed;
  struct lab_oews_cell cell;
  double total = 0;
  lab_status st = LAB_OK;

  memset(out, 0, sizeof(*out));
  if (year == 0) {
    /* the latest year with the role's first SOC 2018 code (or its earliest edition's code) */
    for (int e = 0; e < LAB_ROLE_NEDITIONS && year == 0; e++)
      if (r->editions[e].n > 0 &&
          lab_store_oews_cell(s, r->editions[e].v[0].code, area_code, 0, &cell, NULL) == LAB_OK)
        year = cell.year;
    if (year == 0)
      return lab_error_set(err, LAB_ERR_NOTFOUND, "no OEWS estimates for role '%s' in area %s",
                           r->name, area_code);
  }
  out->year = year;
  ed = &r->editions[edition_of(year)];
  snprintf(out->soc_edition, sizeof(out->soc_edition), "%s",
           lab_role_edition_name(edition_of(year)));
  if (ed->n == 0 || ed->n > CLI_ROLE_MAX_COMPONENTS)
    return lab_error_set(err, LAB_ERR_NOTFOUND, "role '%s' has no SOC %s codes for May %d", r->name,
                         out->soc_edition, year);
  for (size_t i = 0; i < ed->n && !st; i++) {
    struct cli_role_part *p = &out->part[out->n++];
    snprintf(p->code, sizeof(p->code), "%s", ed->v[i].code);
    p->employment = p->median = p->mean = NAN;
    if (component_cell(s, r, industry, &ed->v[i], area_code, year, &cell, p->note,
                       sizeof(p->note)) != LAB_OK)
      continue;
    out->area = cell.area;
    if (strcmp(cell.naics, "000000") != 0)
      out->industry_used = true;
    st = cli_basis_apply(s, b, &cell, out->basis_detail, sizeof(out->basis_detail), err);
    if (st)
      break;
    fill_part(p, &cell);
    st = cli_fit_cell(&cell, req, &p->fit, err);
    p->weight =
        ed->v[i].by_employment ? (isnan(p->employment) ? 0 : p->employment) : ed->v[i].weight;
    part_note(p, ed->v[i].by_employment);
    total += p->fit.ok ? p->weight : 0;
  }
  if (st)
    return st;
  if (!out->area.code[0])
    return lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no May %d estimates for any code of role '%s' in area %s", year, r->name,
                         area_code);
  return finish(out, total, req, err);
}

lab_status cli_region_dist(struct lab_store *s, const char *occ, char *const *areas, size_t n,
                           int year, const struct cli_fit_request *req, const struct cli_basis *b,
                           struct cli_role_dist *out, struct lab_error *err)
{
  struct lab_oews_cell cell;
  double total = 0;
  lab_status st = LAB_OK;

  memset(out, 0, sizeof(*out));
  if (n == 0 || n > CLI_ROLE_MAX_COMPONENTS)
    return lab_error_set(err, LAB_ERR_INVALID, "a region has 1 to %d areas",
                         CLI_ROLE_MAX_COMPONENTS);
  if (year == 0) {
    st = lab_store_oews_cell(s, occ, areas[0], 0, &cell, err);
    if (st)
      return st;
    year = cell.year;
  }
  out->year = year;
  for (size_t i = 0; i < n && !st; i++) {
    struct cli_role_part *p = &out->part[out->n++];
    snprintf(p->code, sizeof(p->code), "%s", areas[i]);
    p->employment = p->median = p->mean = NAN;
    st = lab_store_oews_cell(s, occ, areas[i], year, &cell, err);
    if (st)
      break;
    st = cli_basis_apply(s, b, &cell, out->basis_detail, sizeof(out->basis_detail), err);
    if (st)
      break;
    fill_part(p, &cell);
    snprintf(p->code, sizeof(p->code), "%s", cell.area.code);
    snprintf(p->title, sizeof(p->title), "%s", cell.area.name);
    snprintf(out->occ_title, sizeof(out->occ_title), "%s", cell.occ_title);
    snprintf(out->soc_edition, sizeof(out->soc_edition), "%s", cell.soc_edition);
    out->area = cell.area;
    st = cli_fit_cell(&cell, req, &p->fit, err);
    p->weight = isnan(p->employment) ? 0 : p->employment;
    part_note(p, true);
    total += p->fit.ok ? p->weight : 0;
  }
  if (st)
    return st;
  return finish(out, total, req, err);
}
