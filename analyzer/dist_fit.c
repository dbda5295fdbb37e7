/*
 * dist_fit.c - lab_dist_fit(): a lognormal fitted to published percentiles.
 *
 * The closed-form path (no mean equation) allocates nothing: the problem lives on the stack in
 * fixed arrays of LAB_DIST_MAX_LEVELS entries.
 */
#include "analyzer/dist_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

/* Usable values (points plus the mean when used) needed for two parameters. */
#define MIN_VALUES 2
/* Below this many usable points the published mean is added automatically. */
#define MIN_POINTS_WITHOUT_MEAN 3
/*
 * Steps of one ulp in mu allowed to move a solution held on a top-code line onto its feasible
 * side in wages (exp rounds); one or two are needed in practice.
 */
#define MAX_NUDGES 16

/*
 * Move mu up so that every constraint holds exactly, in logs and then in wages as
 * lab_dist_quantile() computes them (exp(mu + sigma*z) >= bound). The moves are at most
 * LAB_DIST_FEAS_TOL plus a few ulps.
 */
static void nudge_onto_constraints(const struct dist_problem *pb, const double *bound, double *mu,
                                   double sigma)
{
  for (size_t j = 0; j < pb->n_con; j++) {
    double gap = pb->cl[j] - (*mu + sigma * pb->cz[j]);

    if (gap > 0)
      *mu += gap;
    for (int k = 0; k < MAX_NUDGES && exp(*mu + sigma * pb->cz[j]) < bound[j]; k++)
      *mu = nextafter(*mu, INFINITY);
  }
}

lab_status lab_dist_fit(const double *p, const double *q, const enum lab_dist_kind *kind, size_t n,
                        double mean, unsigned flags, struct lab_dist_fit *out,
                        struct lab_error *err)
{
  struct dist_problem pb;
  double z[LAB_DIST_MAX_LEVELS];
  double bound[LAB_DIST_MAX_LEVELS];
  size_t con_level[LAB_DIST_MAX_LEVELS];
  double x[2];
  unsigned active = 0;
  bool has_mean;
  lab_status st;

  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, "no place for the fit");
  st = dist_check_input(p, q, kind, n, err);
  if (st)
    return st;
  has_mean = !isnan(mean);
  if (has_mean && (!isfinite(mean) || !(mean > 0)))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the published mean (%g) is not a positive finite "
                         "wage",
                         mean);

  memset(out, 0, sizeof(*out));
  pb.n_pts = 0;
  pb.n_con = 0;
  out->n_levels = n;
  for (size_t i = 0; i < n; i++) {
    enum lab_dist_kind k = dist_kind(kind, i);

    out->residual[i] = NAN;
    if (k == LAB_DIST_ABSENT)
      continue;
    z[i] = gsl_cdf_ugaussian_Pinv(p[i]);
    if (k == LAB_DIST_VALUE) {
      pb.pz[pb.n_pts] = z[i];
      pb.py[pb.n_pts] = log(q[i]);
      pb.n_pts++;
      out->used_mask |= 1u << i;
      if (i > 0 && dist_kind(kind, i - 1) == LAB_DIST_VALUE && q[i - 1] == q[i])
        out->collapsed_mask |= (1u << i) | (1u << (i - 1));
    } else {
      pb.cz[pb.n_con] = z[i];
      pb.cl[pb.n_con] = log(q[i]);
      bound[pb.n_con] = q[i];
      con_level[pb.n_con] = i;
      pb.n_con++;
      out->bound_mask |= 1u << i;
    }
  }
  pb.use_mean = has_mean && (pb.n_pts < MIN_POINTS_WITHOUT_MEAN || (flags & LAB_DIST_USE_MEAN));
  pb.lm = has_mean ? log(mean) : NAN;
  if (pb.n_pts + (pb.use_mean ? 1 : 0) < MIN_VALUES)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "fewer than two usable values: %zu published percentile%s and %s (a "
                         "top-coded percentile is a bound, not a value)",
                         pb.n_pts, pb.n_pts == 1 ? "" : "s",
                         has_mean ? "the mean" : "no published mean");

  if (!pb.use_mean) {
    st = dist_solve_constrained(&pb, dist_solve_linear, x, &active, &out->iterations, err);
  } else {
    if (pb.n_pts >= 2) {
      struct dist_problem lin = pb;

      lin.use_mean = false;
      st = dist_solve_linear(&lin, 0, 0, x, &out->iterations, err);
      if (st)
        return st;
    } else {
      dist_mean_start(pb.pz[0], pb.py[0], pb.lm, x);
    }
    st = dist_solve_constrained(&pb, dist_solve_mean, x, &active, &out->iterations, err);
  }
  if (st)
    return st;
  if (!isfinite(x[0]) || !isfinite(x[1]) || !(x[1] > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the percentiles show no spread to fit (sigma %g); are they all equal?",
                         x[1]);
  nudge_onto_constraints(&pb, bound, &x[0], x[1]);

  out->mu = x[0];
  out->sigma = x[1];
  out->n_points = pb.n_pts;
  out->mean_used = pb.use_mean;
  for (size_t j = 0; j < pb.n_con; j++)
    if (active & (1u << j))
      out->active_mask |= 1u << con_level[j];
  for (size_t i = 0; i < n; i++)
    if (out->used_mask & (1u << i))
      out->residual[i] = out->mu + out->sigma * z[i] - log(q[i]);
  out->mean_residual = pb.use_mean ? out->mu + out->sigma * out->sigma / 2 - pb.lm : NAN;
  out->published_mean = has_mean ? mean : NAN;
  out->implied_mean = exp(out->mu + out->sigma * out->sigma / 2);
  out->mean_gap_pct = has_mean ? 100 * (out->implied_mean - mean) / mean : NAN;
  out->gini = erf(out->sigma / 2);
  /* z_0.9 - z_0.1 = 2 * z_0.9 by the symmetry of the normal */
  out->p90_p10 = exp(2 * out->sigma * gsl_cdf_ugaussian_Pinv(0.9));
  return LAB_OK;
}
