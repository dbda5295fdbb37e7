/*
 * dist_lognormal.c - input checks shared by the dist_*.c files, and the lognormal's quantile,
 * shares and Gini coefficient.
 */
#include "analyzer/dist_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

const double lab_dist_oews_p[LAB_DIST_OEWS_LEVELS] = {0.10, 0.25, 0.50, 0.75, 0.90};

/* ---- input checks --------------------------------------------------------------------------- */

lab_status dist_check_input(const double *p, const double *q, const enum lab_dist_kind *kind,
                            size_t n, struct lab_error *err)
{
  double floor_q = 0; /* the largest published wage or bound met so far */
  size_t floor_i = 0; /* its level */
  bool have_floor = false;

  if (!p || !q)
    return lab_error_set(err, LAB_ERR_INVALID, "a distribution needs levels and wages");
  if (n == 0 || n > LAB_DIST_MAX_LEVELS)
    return lab_error_set(err, LAB_ERR_INVALID, "a distribution takes 1 to %d levels, not %zu",
                         LAB_DIST_MAX_LEVELS, n);
  for (size_t i = 0; i < n; i++) {
    enum lab_dist_kind k = dist_kind(kind, i);

    if (!(p[i] > 0 && p[i] < 1))
      return lab_error_set(err, LAB_ERR_DOMAIN, "level %g (number %zu) is not between 0 and 1",
                           p[i], i + 1);
    if (i > 0 && !(p[i] > p[i - 1]))
      return lab_error_set(err, LAB_ERR_DOMAIN, "levels must increase: p=%g follows p=%g", p[i],
                           p[i - 1]);
    if (k != LAB_DIST_ABSENT && k != LAB_DIST_VALUE && k != LAB_DIST_LOWER_BOUND)
      return lab_error_set(err, LAB_ERR_INVALID, "unknown kind %d of the percentile at p=%g",
                           (int)k, p[i]);
    if (k == LAB_DIST_ABSENT)
      continue;
    if (!isfinite(q[i]) || !(q[i] > 0))
      return lab_error_set(err, LAB_ERR_DOMAIN, "the %s at p=%g (%g) is not a positive finite wage",
                           k == LAB_DIST_VALUE ? "percentile" : "top-code", p[i], q[i]);
    /*
     * A published value bounds every value above it; a top-code bounds the values above it too
     * (the true percentile is >= the bound), but nothing bounds a top-code from below: the
     * true percentile may exceed a published value below it.
     */
    if (k == LAB_DIST_VALUE && have_floor && q[i] < floor_q)
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "percentiles must not decrease: the one at p=%g (%g) is below the "
                           "%s at p=%g (%g)",
                           p[i], q[i],
                           dist_kind(kind, floor_i) == LAB_DIST_VALUE ? "percentile" : "top-code",
                           p[floor_i], floor_q);
    if (!have_floor || q[i] >= floor_q) {
      floor_q = q[i];
      floor_i = i;
      have_floor = true;
    }
  }
  return LAB_OK;
}

lab_status dist_check_params(double mu, double sigma, struct lab_error *err)
{
  if (!isfinite(mu) || !isfinite(sigma) || !(sigma > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a lognormal needs a finite mu and a positive finite sigma (mu %g, "
                         "sigma %g)",
                         mu, sigma);
  return LAB_OK;
}

/* ---- the lognormal -------------------------------------------------------------------------- */

lab_status lab_dist_quantile(double mu, double sigma, double p, double *q, struct lab_error *err)
{
  lab_status st = dist_check_params(mu, sigma, err);

  if (st)
    return st;
  if (!q)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the quantile");
  if (!(p > 0 && p < 1))
    return lab_error_set(err, LAB_ERR_DOMAIN, "quantile level %g is not between 0 and 1", p);
  *q = exp(mu + sigma * gsl_cdf_ugaussian_Pinv(p));
  return LAB_OK;
}

lab_status lab_dist_share(double mu, double sigma, double w, double *below, double *above,
                          struct lab_error *err)
{
  lab_status st = dist_check_params(mu, sigma, err);
  double x;

  if (st)
    return st;
  if (!isfinite(w) || !(w > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN, "wage %g is not positive and finite", w);
  x = (log(w) - mu) / sigma;
  if (below)
    *below = gsl_cdf_ugaussian_P(x);
  if (above)
    *above = gsl_cdf_ugaussian_Q(x);
  return LAB_OK;
}

lab_status lab_dist_gini(double sigma, double *gini, struct lab_error *err)
{
  if (!isfinite(sigma) || !(sigma > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN, "sigma %g is not positive and finite", sigma);
  if (!gini)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the Gini coefficient");
  /* 2*Phi(x) - 1 = erf(x/sqrt(2)) with x = sigma/sqrt(2): no cancellation for small sigma */
  *gini = erf(sigma / 2);
  return LAB_OK;
}
