/*
 * dist_internal.h - (internal to analyzer/dist_*.c) the least-squares problem behind
 * lab_dist_fit() and the helpers its files share.
 *
 * Ownership: everything here is a plain value or borrows its arguments for the call.
 */
#ifndef LAB_DIST_INTERNAL_H
#define LAB_DIST_INTERNAL_H

#include "analyzer/lab_dist.h"

/*
 * The fitting problem in log space: data points (pz, py) = (z_p, ln q) of the usable published
 * percentiles, constraints mu + sigma*cz[j] >= cl[j] from the top-codes, and optionally the mean
 * equation mu + sigma^2/2 = lm.
 */
struct dist_problem {
  size_t n_pts;
  double pz[LAB_DIST_MAX_LEVELS];
  double py[LAB_DIST_MAX_LEVELS];
  size_t n_con;
  double cz[LAB_DIST_MAX_LEVELS];
  double cl[LAB_DIST_MAX_LEVELS];
  bool use_mean;
  double lm;
};

/*
 * Solve the problem with n_act (0 or 1) constraints held as equalities: none, or constraint
 * `act` (mu = cl[act] - sigma*cz[act]). x holds the start (mu, sigma) on entry and the solution
 * on success; *iters (not NULL) is increased by the iterations spent.
 */
typedef lab_status (*dist_subsolver)(const struct dist_problem *pb, size_t n_act, size_t act,
                                     double x[2], size_t *iters, struct lab_error *err);

/* The kind of level i (kind may be NULL: every level published). */
static inline enum lab_dist_kind dist_kind(const enum lab_dist_kind *kind, size_t i)
{
  return kind ? kind[i] : LAB_DIST_VALUE;
}

/*
 * Check levels, wages and kinds as documented for lab_dist_fit(): LAB_ERR_INVALID for NULL
 * pointers or n outside 1..LAB_DIST_MAX_LEVELS, LAB_ERR_DOMAIN for the rest (the message names
 * the level).
 */
lab_status dist_check_input(const double *p, const double *q, const enum lab_dist_kind *kind,
                            size_t n, struct lab_error *err);

/* Check that mu is finite and sigma positive and finite (LAB_ERR_DOMAIN otherwise). */
lab_status dist_check_params(double mu, double sigma, struct lab_error *err);

/* Sum of squared residuals of (mu, sigma), the mean equation included when pb->use_mean. */
double dist_objective(const struct dist_problem *pb, double mu, double sigma);

/*
 * Minimize dist_objective() subject to the constraints: solve without constraints (start x) and
 * keep that when feasible; otherwise take the best feasible candidate among the solutions with
 * one constraint held as an equality (`solve`) and the vertices where two constraints hold.
 * On success x holds the solution and *active (bit j = constraint j) the constraints held as
 * equalities. LAB_ERR_DOMAIN when a sub-solve fails or no candidate is feasible.
 */
lab_status dist_solve_constrained(const struct dist_problem *pb, dist_subsolver solve, double x[2],
                                  unsigned *active, size_t *iters, struct lab_error *err);

/* The closed-form sub-solver (no mean equation; needs n_pts >= 2, or >= 1 with n_act = 1). */
lab_status dist_solve_linear(const struct dist_problem *pb, size_t n_act, size_t act, double x[2],
                             size_t *iters, struct lab_error *err);

/* The trust-region sub-solver with the mean equation (gsl_multifit_nlinear; dist_mean.c). */
lab_status dist_solve_mean(const struct dist_problem *pb, size_t n_act, size_t act, double x[2],
                           size_t *iters, struct lab_error *err);

/*
 * The fallback start for sigma on the mean path: a typical within-cell dispersion of ln wages
 * (OEWS cells mostly lie between 0.2 and 0.8). Only a start; the solver moves away from it.
 */
#define DIST_SIGMA_START 0.5

/*
 * A start for the mean path when there is one usable point (z, y) and the mean lm: the positive
 * root sigma = z + sqrt(z^2 + 2*(lm - y)) of the two equations, mu = y - sigma*z; when the
 * root does not exist or is not positive, sigma = DIST_SIGMA_START and mu = lm - sigma^2/2.
 */
void dist_mean_start(double z, double y, double lm, double x[2]);

#endif
