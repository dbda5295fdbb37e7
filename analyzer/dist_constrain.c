/*
 * dist_constrain.c - least squares on log-quantiles with top-codes as inequality constraints:
 * the closed-form sub-solver and the exact active-set search shared with the mean path.
 *
 * The constraints mu + sigma*cz[j] >= cl[j] are half-planes in (mu, sigma). The objective is a
 * sum of squares; without the mean equation it is a strictly convex quadratic (two or more
 * points at distinct z), so the constrained minimum is unique and is either the unconstrained
 * minimum (when feasible), the minimum along one constraint line, or a vertex where two lines
 * cross. Enumerating those candidates and keeping the feasible one with the least objective is
 * therefore exact; with the mean equation it finds the best local solution of the same kind.
 */
#include "analyzer/dist_internal.h"

#include <math.h>

double dist_objective(const struct dist_problem *pb, double mu, double sigma)
{
  double ss = 0;

  for (size_t i = 0; i < pb->n_pts; i++) {
    double r = mu + sigma * pb->pz[i] - pb->py[i];
    ss += r * r;
  }
  if (pb->use_mean) {
    double r = mu + sigma * sigma / 2 - pb->lm;
    ss += r * r;
  }
  return ss;
}

lab_status dist_solve_linear(const struct dist_problem *pb, size_t n_act, size_t act, double x[2],
                             size_t *iters, struct lab_error *err)
{
  (void)iters;
  if (n_act == 0) {
    /* centred normal equations: sigma = Szy / Szz, mu = ybar - sigma * zbar */
    double zbar = 0, ybar = 0, szz = 0, szy = 0;

    if (pb->n_pts < 2)
      return lab_error_set(err, LAB_ERR_DOMAIN, "a least-squares fit needs two points, not %zu",
                           pb->n_pts);
    for (size_t i = 0; i < pb->n_pts; i++) {
      zbar += pb->pz[i];
      ybar += pb->py[i];
    }
    zbar /= (double)pb->n_pts;
    ybar /= (double)pb->n_pts;
    for (size_t i = 0; i < pb->n_pts; i++) {
      double dz = pb->pz[i] - zbar;
      szz += dz * dz;
      szy += dz * (pb->py[i] - ybar);
    }
    if (!(szz > 0))
      return lab_error_set(err, LAB_ERR_DOMAIN, "the points of the fit share one level");
    x[1] = szy / szz;
    x[0] = ybar - x[1] * zbar;
    return LAB_OK;
  }
  /* on the line mu = l - sigma*c: residual_i = sigma*(z_i - c) - (y_i - l) */
  {
    double c = pb->cz[act], l = pb->cl[act], szz = 0, szy = 0;

    for (size_t i = 0; i < pb->n_pts; i++) {
      double dz = pb->pz[i] - c;
      szz += dz * dz;
      szy += dz * (pb->py[i] - l);
    }
    if (!(szz > 0))
      return lab_error_set(err, LAB_ERR_DOMAIN, "no point of the fit lies off the top-code line");
    x[1] = szy / szz;
    x[0] = l - x[1] * c;
  }
  return LAB_OK;
}

/* Whether (mu, sigma) satisfies every constraint within LAB_DIST_FEAS_TOL. */
static bool feasible(const struct dist_problem *pb, double mu, double sigma)
{
  for (size_t j = 0; j < pb->n_con; j++)
    if (mu + sigma * pb->cz[j] - pb->cl[j] < -LAB_DIST_FEAS_TOL)
      return false;
  return true;
}

/* Keep candidate (mu, sigma) with constraint mask `mask` when it is feasible and better. */
static void consider(const struct dist_problem *pb, double mu, double sigma, unsigned mask,
                     bool *have, double *best_obj, double best[2], unsigned *best_mask)
{
  double obj;

  if (!isfinite(mu) || !isfinite(sigma) || !feasible(pb, mu, sigma))
    return;
  obj = dist_objective(pb, mu, sigma);
  if (*have && !(obj < *best_obj))
    return;
  *have = true;
  *best_obj = obj;
  best[0] = mu;
  best[1] = sigma;
  *best_mask = mask;
}

lab_status dist_solve_constrained(const struct dist_problem *pb, dist_subsolver solve, double x[2],
                                  unsigned *active, size_t *iters, struct lab_error *err)
{
  double start[2], best[2] = {0, 0}, best_obj = 0;
  unsigned best_mask = 0;
  bool have = false;
  lab_status st;

  *active = 0;
  st = solve(pb, 0, 0, x, iters, err);
  if (st)
    return st;
  if (feasible(pb, x[0], x[1]))
    return LAB_OK;

  start[0] = x[0];
  start[1] = x[1];
  /* one constraint held as an equality: the minimum along its line */
  for (size_t j = 0; j < pb->n_con; j++) {
    double y[2] = {start[0], start[1]};

    st = solve(pb, 1, j, y, iters, err);
    if (st)
      return st;
    consider(pb, y[0], y[1], 1u << j, &have, &best_obj, best, &best_mask);
  }
  /* two constraints held: the vertex where their lines cross (levels differ, so z differ) */
  for (size_t j = 0; j < pb->n_con; j++)
    for (size_t k = j + 1; k < pb->n_con; k++) {
      double sigma = (pb->cl[k] - pb->cl[j]) / (pb->cz[k] - pb->cz[j]);
      double mu = pb->cl[j] - sigma * pb->cz[j];

      consider(pb, mu, sigma, (1u << j) | (1u << k), &have, &best_obj, best, &best_mask);
    }
  if (!have)
    return lab_error_set(err, LAB_ERR_DOMAIN, "no fit satisfies every top-code");
  x[0] = best[0];
  x[1] = best[1];
  *active = best_mask;
  return LAB_OK;
}
