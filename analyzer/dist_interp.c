/*
 * dist_interp.c - the model-free quantile function: Steffen's monotone interpolation of ln q
 * against z_p = Phi^-1(p) through the published points, with lognormal tails.
 *
 * Why (z_p, ln q) and not (p, ln q): on this scale a lognormal is a straight line, so a
 * lognormal cell is reproduced exactly between its points (Steffen's method reproduces straight
 * lines) and the model-free curve differs from the fit only where the data do; the tails are
 * straight lines too, joined continuously. On (p, ln q) the curve would bend between the points
 * even for lognormal data, and the tails would need their own transformation.
 */
#include "analyzer/dist_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <math.h>
#include <stdlib.h>

struct lab_dist_interp {
  size_t n;
  double z[LAB_DIST_MAX_LEVELS]; /* z_p of the published points, increasing */
  double y[LAB_DIST_MAX_LEVELS]; /* ln q, non-decreasing */
  double tail_sigma;
  gsl_interp *interp; /* Steffen (n >= 3) or linear (n = 2) over (z, y) */
};

lab_status lab_dist_interp_new(const double *p, const double *q, const enum lab_dist_kind *kind,
                               size_t n, double tail_sigma, struct lab_dist_interp **out,
                               struct lab_error *err)
{
  struct lab_dist_interp *ip = NULL;
  const gsl_interp_type *type;
  lab_status st;
  int gst;

  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the interpolant");
  *out = NULL;
  st = dist_check_input(p, q, kind, n, err);
  if (st)
    return st;
  if (!isfinite(tail_sigma) || !(tail_sigma > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN, "the tail sigma (%g) is not positive and finite",
                         tail_sigma);
  ip = calloc(1, sizeof(*ip));
  if (!ip)
    return lab_error_set(err, LAB_ERR_NOMEM, "cannot allocate the interpolant");
  for (size_t i = 0; i < n; i++) {
    if (dist_kind(kind, i) != LAB_DIST_VALUE)
      continue;
    ip->z[ip->n] = gsl_cdf_ugaussian_Pinv(p[i]);
    ip->y[ip->n] = log(q[i]);
    ip->n++;
  }
  if (ip->n < 2) {
    st = lab_error_set(err, LAB_ERR_DOMAIN,
                       "an interpolation needs two published percentiles, not %zu", ip->n);
    goto out;
  }
  ip->tail_sigma = tail_sigma;
  type = ip->n >= gsl_interp_type_min_size(gsl_interp_steffen) ? gsl_interp_steffen
                                                               : gsl_interp_linear;
  ip->interp = gsl_interp_alloc(type, ip->n);
  if (!ip->interp) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot allocate the interpolant");
    goto out;
  }
  gst = gsl_interp_init(ip->interp, ip->z, ip->y, ip->n);
  if (gst != GSL_SUCCESS) {
    st = lab_error_set(err, LAB_ERR_DOMAIN, "cannot interpolate the percentiles: %s",
                       gsl_strerror(gst));
    goto out;
  }
  *out = ip;
  ip = NULL;

out:
  lab_dist_interp_free(ip);
  return st;
}

void lab_dist_interp_free(struct lab_dist_interp *ip)
{
  if (!ip)
    return;
  gsl_interp_free(ip->interp);
  free(ip);
}

lab_status lab_dist_interp_quantile(const struct lab_dist_interp *ip, double p, double *q,
                                    struct lab_error *err)
{
  double t, y;
  size_t last;

  if (!ip || !q)
    return lab_error_set(err, LAB_ERR_INVALID, "no interpolant or no place for the quantile");
  if (!(p > 0 && p < 1))
    return lab_error_set(err, LAB_ERR_DOMAIN, "quantile level %g is not between 0 and 1", p);
  t = gsl_cdf_ugaussian_Pinv(p);
  last = ip->n - 1;
  if (t <= ip->z[0]) {
    y = ip->y[0] + ip->tail_sigma * (t - ip->z[0]);
  } else if (t >= ip->z[last]) {
    y = ip->y[last] + ip->tail_sigma * (t - ip->z[last]);
  } else {
    int gst = gsl_interp_eval_e(ip->interp, ip->z, ip->y, t, NULL, &y);

    if (gst != GSL_SUCCESS)
      return lab_error_set(err, LAB_ERR_DOMAIN, "cannot interpolate at p=%g: %s", p,
                           gsl_strerror(gst));
  }
  *q = exp(y);
  return LAB_OK;
}

lab_status lab_dist_compare(const struct lab_dist_interp *ip, double mu, double sigma,
                            const double *p, size_t n, double margin, struct lab_dist_gap *out,
                            size_t *n_exceed, struct lab_error *err)
{
  size_t count = 0;
  lab_status st;

  if (!ip || !p || !out || n == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "a comparison needs an interpolant and levels");
  if (!isfinite(margin) || margin < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN, "the margin (%g) is not a non-negative number",
                         margin);
  st = dist_check_params(mu, sigma, err);
  if (st)
    return st;
  for (size_t i = 0; i < n; i++) {
    struct lab_dist_gap g = {.p = p[i]};

    st = lab_dist_quantile(mu, sigma, p[i], &g.fitted, err);
    if (st)
      return st;
    st = lab_dist_interp_quantile(ip, p[i], &g.interpolated, err);
    if (st)
      return st;
    g.rel_diff = (g.interpolated - g.fitted) / g.fitted;
    g.exceeds = fabs(g.rel_diff) > margin;
    if (g.exceeds)
      count++;
    out[i] = g;
  }
  if (n_exceed)
    *n_exceed = count;
  return LAB_OK;
}
