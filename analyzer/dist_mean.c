/*
 * dist_mean.c - the fit with the mean equation ln(mean) = mu + sigma^2/2 added to the
 * log-quantile equations, solved with gsl_multifit_nlinear (trust region, Levenberg-Marquardt
 * steps). Unweighted: the mean equation counts as much as one percentile.
 *
 * With a constraint held as an equality the problem has one parameter (sigma; mu = l - sigma*c);
 * dist_solve_constrained() decides which constraints to hold.
 */
#include "analyzer/dist_internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>

/* What the residual callbacks need. */
struct mean_ctx {
  const struct dist_problem *pb;
  size_t n_act; /* 0: parameters (mu, sigma); 1: parameter sigma on constraint `act` */
  size_t act;
};

static void unpack(const struct mean_ctx *c, const gsl_vector *v, double *mu, double *sigma)
{
  if (c->n_act == 0) {
    *mu = gsl_vector_get(v, 0);
    *sigma = gsl_vector_get(v, 1);
  } else {
    *sigma = gsl_vector_get(v, 0);
    *mu = c->pb->cl[c->act] - *sigma * c->pb->cz[c->act];
  }
}

/* Residuals: mu + sigma*z_i - y_i for the points, then mu + sigma^2/2 - ln(mean). */
static int mean_f(const gsl_vector *v, void *params, gsl_vector *f)
{
  const struct mean_ctx *c = params;
  const struct dist_problem *pb = c->pb;
  double mu, sigma;

  unpack(c, v, &mu, &sigma);
  for (size_t i = 0; i < pb->n_pts; i++)
    gsl_vector_set(f, i, mu + sigma * pb->pz[i] - pb->py[i]);
  gsl_vector_set(f, pb->n_pts, mu + sigma * sigma / 2 - pb->lm);
  return GSL_SUCCESS;
}

/*
 * Jacobian: d/dmu = 1, d/dsigma = z_i (points) or sigma (mean); on a constraint line
 * mu = l - sigma*c, so d/dsigma = z_i - c and sigma - c.
 */
static int mean_df(const gsl_vector *v, void *params, gsl_matrix *J)
{
  const struct mean_ctx *c = params;
  const struct dist_problem *pb = c->pb;
  double mu, sigma;

  unpack(c, v, &mu, &sigma);
  if (c->n_act == 0) {
    for (size_t i = 0; i < pb->n_pts; i++) {
      gsl_matrix_set(J, i, 0, 1.0);
      gsl_matrix_set(J, i, 1, pb->pz[i]);
    }
    gsl_matrix_set(J, pb->n_pts, 0, 1.0);
    gsl_matrix_set(J, pb->n_pts, 1, sigma);
  } else {
    double cz = pb->cz[c->act];

    for (size_t i = 0; i < pb->n_pts; i++)
      gsl_matrix_set(J, i, 0, pb->pz[i] - cz);
    gsl_matrix_set(J, pb->n_pts, 0, sigma - cz);
  }
  return GSL_SUCCESS;
}

void dist_mean_start(double z, double y, double lm, double x[2])
{
  double disc = z * z + 2 * (lm - y);
  double sigma = disc >= 0 ? z + sqrt(disc) : NAN;

  if (!(sigma > 0) || !isfinite(sigma)) {
    sigma = DIST_SIGMA_START;
    x[0] = lm - sigma * sigma / 2;
  } else {
    x[0] = y - sigma * z;
  }
  x[1] = sigma;
}

lab_status dist_solve_mean(const struct dist_problem *pb, size_t n_act, size_t act, double x[2],
                           size_t *iters, struct lab_error *err)
{
  gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
  gsl_multifit_nlinear_workspace *w = NULL;
  gsl_multifit_nlinear_fdf fdf;
  struct mean_ctx ctx = {.pb = pb, .n_act = n_act, .act = act};
  size_t n_res = pb->n_pts + 1;
  size_t n_par = n_act == 0 ? 2 : 1;
  double start[2];
  gsl_vector_view x0;
  gsl_vector *pos;
  lab_status st = LAB_OK;
  int gst, info = 0;
  size_t it;

  if (!pb->use_mean || n_act > 1 || (n_act == 1 && act >= pb->n_con))
    return lab_error_set(err, LAB_ERR_INVALID, "the mean fit was called without its equation");
  if (n_res < n_par)
    return lab_error_set(err, LAB_ERR_DOMAIN, "too few equations (%zu) for %zu parameters", n_res,
                         n_par);
  if (!isfinite(x[0]) || !isfinite(x[1]))
    return lab_error_set(err, LAB_ERR_DOMAIN, "the mean fit has no finite start");
  start[0] = n_act == 0 ? x[0] : x[1];
  start[1] = x[1];
  x0 = gsl_vector_view_array(start, n_par);

  fdf.f = mean_f;
  fdf.df = mean_df;
  fdf.fvv = NULL;
  fdf.n = n_res;
  fdf.p = n_par;
  fdf.params = &ctx;

  w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n_res, n_par);
  if (!w) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot allocate the trust-region solver");
    goto out;
  }
  gst = gsl_multifit_nlinear_init(&x0.vector, &fdf, w);
  if (gst != GSL_SUCCESS) {
    st = lab_error_set(err, LAB_ERR_DOMAIN, "the mean fit cannot start: %s", gsl_strerror(gst));
    goto out;
  }
  for (it = 0; it < LAB_DIST_NL_MAX_ITER; it++) {
    gst = gsl_multifit_nlinear_iterate(w);
    if (gst == GSL_ENOPROG && it == 0) {
      /* no step lowers the sum of squares: accept the start only if it is already stationary */
      gst = gsl_multifit_nlinear_test(LAB_DIST_NL_XTOL, LAB_DIST_NL_GTOL, 0.0, &info, w);
      if (gst == GSL_SUCCESS)
        break;
      st = lab_error_set(err, LAB_ERR_DOMAIN, "the mean fit makes no progress: %s",
                         gsl_strerror(GSL_ENOPROG));
      goto out;
    }
    if (gst != GSL_SUCCESS && gst != GSL_ENOPROG) {
      st = lab_error_set(err, LAB_ERR_DOMAIN, "the mean fit failed: %s", gsl_strerror(gst));
      goto out;
    }
    gst = gsl_multifit_nlinear_test(LAB_DIST_NL_XTOL, LAB_DIST_NL_GTOL, 0.0, &info, w);
    if (gst == GSL_SUCCESS)
      break;
    if (gst != GSL_CONTINUE) {
      st = lab_error_set(err, LAB_ERR_DOMAIN, "the mean fit failed: %s", gsl_strerror(gst));
      goto out;
    }
  }
  if (it == LAB_DIST_NL_MAX_ITER) {
    st = lab_error_set(err, LAB_ERR_DOMAIN, "the mean fit did not converge in %d iterations",
                       LAB_DIST_NL_MAX_ITER);
    goto out;
  }
  *iters += gsl_multifit_nlinear_niter(w);
  pos = gsl_multifit_nlinear_position(w);
  unpack(&ctx, pos, &x[0], &x[1]);

out:
  gsl_multifit_nlinear_free(w);
  return st;
}
