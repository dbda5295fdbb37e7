/*
 * dist_mixture.c - weighted mixtures of lognormals (a role's occupations, a custom region's
 * areas): shares, mean, and quantiles by Brent's method on the mixture CDF in ln(wage).
 */
#include "analyzer/dist_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>

/* A mixture, borrowed from the caller for one call. */
struct mix {
  const double *mu, *sigma, *weight;
  size_t n;
  double total; /* sum of the weights */
};

static lab_status mix_check(const double *mu, const double *sigma, const double *weight, size_t n,
                            struct mix *m, struct lab_error *err)
{
  double total = 0;

  if (!mu || !sigma || !weight || n == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "a mixture needs at least one component");
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(weight[i]) || weight[i] < 0)
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "the weight of component %zu (%g) is not a non-negative number", i + 1,
                           weight[i]);
    if (!isfinite(mu[i]) || !isfinite(sigma[i]) || !(sigma[i] > 0))
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "component %zu needs a finite mu and a positive finite sigma (mu %g, "
                           "sigma %g)",
                           i + 1, mu[i], sigma[i]);
    total += weight[i];
  }
  if (!(total > 0) || !isfinite(total))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the weights of the mixture sum to %g, not to a "
                         "positive number",
                         total);
  m->mu = mu;
  m->sigma = sigma;
  m->weight = weight;
  m->n = n;
  m->total = total;
  return LAB_OK;
}

/* Share below exp(t) (upper = false) or above it (upper = true). */
static double mix_tail(const struct mix *m, double t, bool upper)
{
  double s = 0;

  for (size_t i = 0; i < m->n; i++) {
    double x;

    if (m->weight[i] == 0)
      continue;
    x = (t - m->mu[i]) / m->sigma[i];
    s += m->weight[i] * (upper ? gsl_cdf_ugaussian_Q(x) : gsl_cdf_ugaussian_P(x));
  }
  return s / m->total;
}

lab_status lab_dist_mix_share(const double *mu, const double *sigma, const double *weight, size_t n,
                              double w, double *below, double *above, struct lab_error *err)
{
  struct mix m;
  lab_status st = mix_check(mu, sigma, weight, n, &m, err);

  if (st)
    return st;
  if (!isfinite(w) || !(w > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN, "wage %g is not positive and finite", w);
  if (below)
    *below = mix_tail(&m, log(w), false);
  if (above)
    *above = mix_tail(&m, log(w), true);
  return LAB_OK;
}

lab_status lab_dist_mix_mean(const double *mu, const double *sigma, const double *weight, size_t n,
                             double *mean, struct lab_error *err)
{
  struct mix m;
  lab_status st = mix_check(mu, sigma, weight, n, &m, err);
  double s = 0;

  if (st)
    return st;
  if (!mean)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the mean");
  for (size_t i = 0; i < n; i++)
    if (weight[i] > 0)
      s += weight[i] * exp(mu[i] + sigma[i] * sigma[i] / 2);
  *mean = s / m.total;
  return LAB_OK;
}

/* E[min(X, Y)] for independent X ~ LN(m1, s1), Y ~ LN(m2, s2):
   E[X 1{X < Y}] = E[X] Phi((m2 - m1 - s1^2) / s), s = sqrt(s1^2 + s2^2) (tilting by X shifts
   ln X by s1^2), and the same with the roles swapped. */
static double expected_min(double m1, double s1, double m2, double s2)
{
  double s = sqrt(s1 * s1 + s2 * s2);
  double e1 = exp(m1 + s1 * s1 / 2), e2 = exp(m2 + s2 * s2 / 2);

  return e1 * gsl_cdf_ugaussian_P((m2 - m1 - s1 * s1) / s) +
         e2 * gsl_cdf_ugaussian_P((m1 - m2 - s2 * s2) / s);
}

lab_status lab_dist_mix_gini(const double *mu, const double *sigma, const double *weight, size_t n,
                             double *gini, struct lab_error *err)
{
  struct mix m;
  lab_status st = mix_check(mu, sigma, weight, n, &m, err);
  double mean = 0, md = 0;

  if (st)
    return st;
  if (!gini)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the Gini coefficient");
  /* G = E|X - Y| / (2 E[X]) with X, Y independent draws of the mixture, and
     E|X - Y| = E[X] + E[Y] - 2 E[min(X, Y)] over every pair of components */
  for (size_t i = 0; i < n; i++)
    if (weight[i] > 0)
      mean += weight[i] / m.total * exp(mu[i] + sigma[i] * sigma[i] / 2);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double wi = weight[i] / m.total, wj = weight[j] / m.total;
      if (wi <= 0 || wj <= 0)
        continue;
      md += wi * wj *
            (exp(mu[i] + sigma[i] * sigma[i] / 2) + exp(mu[j] + sigma[j] * sigma[j] / 2) -
             2 * expected_min(mu[i], sigma[i], mu[j], sigma[j]));
    }
  *gini = md / (2 * mean);
  return LAB_OK;
}

/* ---- quantiles ------------------------------------------------------------------------------ */

/* The function whose root is the quantile: increasing in t, zero at the p-quantile. */
struct root_ctx {
  const struct mix *m;
  double p;
};

static double root_f(double t, void *params)
{
  const struct root_ctx *c = params;

  /* work with the smaller tail so that levels near 0 or 1 keep their precision */
  if (c->p <= 0.5)
    return mix_tail(c->m, t, false) - c->p;
  return (1 - c->p) - mix_tail(c->m, t, true);
}

lab_status lab_dist_mix_quantile(const double *mu, const double *sigma, const double *weight,
                                 size_t n, double p, double tol, double *q, struct lab_error *err)
{
  struct mix m;
  struct root_ctx ctx = {.m = &m, .p = p};
  gsl_function fn = {.function = root_f, .params = &ctx};
  gsl_root_fsolver *s = NULL;
  double lo = INFINITY, hi = -INFINITY, zp, flo, fhi, width, root = NAN;
  lab_status st = mix_check(mu, sigma, weight, n, &m, err);
  int gst = GSL_CONTINUE;
  size_t it;

  if (st)
    return st;
  if (!q)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the quantile");
  if (!(p > 0 && p < 1))
    return lab_error_set(err, LAB_ERR_DOMAIN, "quantile level %g is not between 0 and 1", p);
  if (!isfinite(tol) || !(tol > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN, "the tolerance (%g) is not positive and finite", tol);

  /*
   * Bracket: at the smallest component p-quantile every component CDF is <= p, at the largest
   * every one is >= p, so the mixture CDF crosses p in between.
   */
  zp = gsl_cdf_ugaussian_Pinv(p);
  for (size_t i = 0; i < n; i++) {
    double t;

    if (weight[i] == 0)
      continue;
    t = mu[i] + sigma[i] * zp;
    lo = t < lo ? t : lo;
    hi = t > hi ? t : hi;
  }
  if (lo == hi) {
    *q = exp(lo);
    return LAB_OK;
  }
  /* widen by the bracket's own width only when rounding breaks the theory */
  width = hi - lo;
  flo = root_f(lo, &ctx);
  for (it = 0; flo > 0 && it < LAB_DIST_BRACKET_MAX_STEPS; it++) {
    lo -= width;
    width *= 2;
    flo = root_f(lo, &ctx);
  }
  width = hi - lo;
  fhi = root_f(hi, &ctx);
  for (it = 0; fhi < 0 && it < LAB_DIST_BRACKET_MAX_STEPS; it++) {
    hi += width;
    width *= 2;
    fhi = root_f(hi, &ctx);
  }
  if (flo > 0 || fhi < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN, "cannot bracket the mixture's %g-quantile", p);
  if (flo == 0) {
    *q = exp(lo);
    return LAB_OK;
  }
  if (fhi == 0) {
    *q = exp(hi);
    return LAB_OK;
  }

  s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s)
    return lab_error_set(err, LAB_ERR_NOMEM, "cannot allocate the root finder");
  gst = gsl_root_fsolver_set(s, &fn, lo, hi);
  if (gst != GSL_SUCCESS) {
    st = lab_error_set(err, LAB_ERR_DOMAIN, "cannot start the root finder: %s", gsl_strerror(gst));
    goto out;
  }
  for (it = 0; it < LAB_DIST_ROOT_MAX_ITER; it++) {
    gst = gsl_root_fsolver_iterate(s);
    if (gst != GSL_SUCCESS) {
      st = lab_error_set(err, LAB_ERR_DOMAIN, "the root finder failed: %s", gsl_strerror(gst));
      goto out;
    }
    root = gsl_root_fsolver_root(s);
    gst =
        gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), tol, 0.0);
    if (gst == GSL_SUCCESS)
      break;
  }
  if (gst != GSL_SUCCESS) {
    st = lab_error_set(err, LAB_ERR_DOMAIN,
                       "the mixture's %g-quantile did not converge in %d iterations", p,
                       LAB_DIST_ROOT_MAX_ITER);
    goto out;
  }
  *q = exp(root);

out:
  gsl_root_fsolver_free(s);
  return st;
}
