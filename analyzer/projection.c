/*
 * projection.c - arithmetic of 10-year employment projections: change, percent change, openings
 * per 1,000 jobs, constant-share state projections and error bands.
 */
#include "analyzer/lab_trend.h"

#include <math.h>

lab_status lab_proj_figures(double emp_base, double emp_proj, double openings,
                            struct lab_proj_figures *out, struct lab_error *err)
{
  if (!isfinite(emp_base) || !(emp_base > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "base-year employment must be a positive number, got %g", emp_base);
  if (!isfinite(emp_proj) || emp_proj < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "projected employment must be a non-negative number, got %g", emp_proj);
  if (isinf(openings) || openings < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "annual openings must be a non-negative number, got %g", openings);
  out->emp_base = emp_base;
  out->emp_proj = emp_proj;
  out->change = emp_proj - emp_base;
  out->pct_change = 100.0 * out->change / emp_base;
  out->openings = openings;
  out->openings_per_1000 = isnan(openings) ? NAN : 1000.0 * openings / emp_base;
  return LAB_OK;
}

lab_status lab_proj_constant_share(double state_base, double nat_base, double nat_proj,
                                   double nat_openings, struct lab_proj_figures *out,
                                   struct lab_error *err)
{
  double ratio;

  if (!isfinite(state_base) || !(state_base > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the state's base employment must be a positive number, got %g",
                         state_base);
  if (!isfinite(nat_base) || !(nat_base > 0) || !isfinite(nat_proj) || nat_proj < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the national projection needs positive base and non-negative projected "
                         "employment, got %g and %g",
                         nat_base, nat_proj);
  if (isinf(nat_openings) || nat_openings < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "national annual openings must be a non-negative number, got %g",
                         nat_openings);
  ratio = state_base / nat_base;
  return lab_proj_figures(state_base, nat_proj * ratio,
                          isnan(nat_openings) ? NAN : nat_openings * ratio, out, err);
}

lab_status lab_proj_band(const struct lab_proj_figures *f, double halfwidth_pp,
                         struct lab_proj_band *out, struct lab_error *err)
{
  double shift;

  if (!isfinite(f->emp_base) || !(f->emp_base > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "base-year employment must be a positive number, got %g", f->emp_base);
  if (!isfinite(f->emp_proj) || !isfinite(f->change) || !isfinite(f->pct_change))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "an error band needs finite projected employment, change and percent "
                         "change");
  if (!isfinite(halfwidth_pp) || halfwidth_pp < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the band's half-width must be a non-negative number, got %g",
                         halfwidth_pp);
  shift = f->emp_base * halfwidth_pp / 100.0;
  out->halfwidth_pp = halfwidth_pp;
  out->emp_proj.lo = fmax(0.0, f->emp_proj - shift);
  out->emp_proj.hi = f->emp_proj + shift;
  out->change.lo = out->emp_proj.lo - f->emp_proj + f->change;
  out->change.hi = f->change + shift;
  out->pct_change.lo = fmax(-100.0, f->pct_change - halfwidth_pp);
  out->pct_change.hi = f->pct_change + halfwidth_pp;
  return LAB_OK;
}
