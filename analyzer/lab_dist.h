/*
 * lab_dist.h - the wage distribution of one cell (occupation x area x release) from its
 * published percentiles: a lognormal fit with top-codes as constraints, a model-free monotone
 * interpolation, mixtures of lognormals (roles, custom regions) and bootstrap bands.
 * The methods are written down in docs/methods.md.
 *
 * Levels and kinds: a cell is described by n probability levels p[0..n-1] (strictly increasing,
 * inside (0, 1); OEWS uses lab_dist_oews_p), the published wages q[0..n-1] and their kinds
 * (enum lab_dist_kind; a NULL kind array means "all published"). A top-coded percentile (BLS
 * '#') is passed as LAB_DIST_LOWER_BOUND with q = that year's top-code: it is a constraint
 * (fitted quantile >= q), never a data point.
 *
 * Masks: bit i of every `unsigned` mask below refers to level i (so n <= LAB_DIST_MAX_LEVELS).
 *
 * Ownership: every pointer parameter is borrowed for the duration of the call; results go to
 * caller-owned structs and out-parameters. struct lab_dist_interp is the only heap object: it is
 * created by lab_dist_interp_new() and freed by lab_dist_interp_free(). Nothing here keeps a
 * pointer to the caller's arrays after returning.
 *
 * GSL's error handler must be off (gsl_set_error_handler_off(), done once by main()); GSL
 * failures are returned as LAB_ERR_DOMAIN with gsl_strerror() text.
 */
#ifndef LAB_DIST_H
#define LAB_DIST_H

#include "analyzer/lab_analyzer.h"
#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

/* The most levels one cell may have (masks are `unsigned`, at least 16 bits). */
#define LAB_DIST_MAX_LEVELS 16

/* The five levels OEWS publishes: P10, P25, median, P75, P90. */
#define LAB_DIST_OEWS_LEVELS 5
extern const double lab_dist_oews_p[LAB_DIST_OEWS_LEVELS]; /* 0.10, 0.25, 0.50, 0.75, 0.90 */

/*
 * Documented constants (docs/methods.md, "Numerical settings").
 * LAB_DIST_FEAS_TOL: slack, in ln-wage units (a relative 1e-12 in wages), with which a candidate
 *   solution of the constrained least-squares problem counts as satisfying a top-code before the
 *   final solution is moved onto the feasible side exactly.
 * LAB_DIST_NL_XTOL, LAB_DIST_NL_GTOL, LAB_DIST_NL_MAX_ITER: stopping rules of the trust-region
 *   solver (gsl_multifit_nlinear) used when the mean equation is added.
 * LAB_DIST_ROOT_MAX_ITER: iterations of Brent's method for a mixture quantile.
 * LAB_DIST_BRACKET_MAX_STEPS: widenings of a mixture-quantile bracket before giving up (the
 *   bracket is exact in theory; widening only absorbs rounding).
 */
#define LAB_DIST_FEAS_TOL 1e-12
#define LAB_DIST_NL_XTOL 1e-12
#define LAB_DIST_NL_GTOL 1e-12
#define LAB_DIST_NL_MAX_ITER 200
#define LAB_DIST_ROOT_MAX_ITER 200
#define LAB_DIST_BRACKET_MAX_STEPS 64

/* What a published percentile is. */
enum lab_dist_kind {
  LAB_DIST_ABSENT = 0,     /* not published (q ignored, may be NAN) */
  LAB_DIST_VALUE = 1,      /* a published wage: a data point */
  LAB_DIST_LOWER_BOUND = 2 /* top-coded: the true percentile is >= q (a constraint) */
};

/* lab_dist_fit() flags. */
#define LAB_DIST_USE_MEAN 0x1u /* add the mean equation whenever a mean is published */

/* The result of lab_dist_fit(). */
struct lab_dist_fit {
  double mu;    /* location: mean of ln(wage) */
  double sigma; /* scale: standard deviation of ln(wage), > 0 */
  size_t n_levels;
  size_t n_points;   /* published percentiles used as data points */
  bool mean_used;    /* the equation ln(mean) = mu + sigma^2/2 was part of the fit */
  size_t iterations; /* trust-region iterations (0 for the closed form) */
  /*
   * residual[i] = mu + sigma*z_i - ln(q_i) for levels used as points, NAN for the other levels
   * i < n_levels (entries from n_levels on are 0)
   */
  double residual[LAB_DIST_MAX_LEVELS];
  double mean_residual;    /* mu + sigma^2/2 - ln(mean) when mean_used, else NAN */
  unsigned used_mask;      /* levels used as data points */
  unsigned bound_mask;     /* levels that are top-code constraints */
  unsigned active_mask;    /* constraints that hold with equality at the solution */
  unsigned collapsed_mask; /* published levels equal to a published neighbour */
  double published_mean;   /* the mean passed in (NAN when none) */
  double implied_mean;     /* exp(mu + sigma^2/2) */
  double mean_gap_pct;     /* 100 * (implied - published) / published; NAN without a mean */
  double gini;             /* 2*Phi(sigma/sqrt(2)) - 1 = erf(sigma/2) */
  double p90_p10;          /* exp(sigma * (z_0.9 - z_0.1)) */
};

/*
 * Fit a lognormal to published percentiles by unweighted least squares on log-quantiles,
 * residual_i = mu + sigma*z_i - ln(q_i), z_i = gsl_cdf_ugaussian_Pinv(p_i), solved in closed
 * form. Lower bounds are inequality constraints mu + sigma*z_j >= ln(q_j) solved exactly (the
 * active ones become equalities). With fewer than three usable percentiles and a published mean,
 * or with LAB_DIST_USE_MEAN and a published mean, the equation ln(mean) = mu + sigma^2/2 is added
 * and the problem solved with gsl_multifit_nlinear (trust region), constraints kept the same way.
 *
 * p, q: n levels and wages (see the top of this file); kind: n kinds or NULL (all published);
 * mean: the published mean wage, or NAN when there is none; flags: LAB_DIST_USE_MEAN or 0.
 * out: filled on success (contents unspecified on error).
 *
 * Returns LAB_OK; LAB_ERR_INVALID for NULL pointers, n outside 1..LAB_DIST_MAX_LEVELS or an
 * unknown kind; LAB_ERR_DOMAIN for levels not strictly increasing inside (0, 1), wages not positive
 * and finite, published wages that decrease, a mean that is given but not positive and finite,
 * fewer than two usable values (published percentiles plus the mean when it is used), a fit without
 * spread (sigma <= 0), or a solver failure.
 */
lab_status lab_dist_fit(const double *p, const double *q, const enum lab_dist_kind *kind, size_t n,
                        double mean, unsigned flags, struct lab_dist_fit *out,
                        struct lab_error *err);

/*
 * The p-quantile of the lognormal (mu, sigma): exp(mu + sigma*z_p). LAB_ERR_DOMAIN when p is not
 * inside (0, 1), mu is not finite or sigma is not positive and finite.
 */
lab_status lab_dist_quantile(double mu, double sigma, double p, double *q, struct lab_error *err);

/*
 * The shares of workers earning below and above wage w under the lognormal (mu, sigma):
 * *below = Phi((ln w - mu)/sigma), *above = 1 - *below (computed from the upper tail, so small
 * shares keep their precision). Either out-pointer may be NULL. LAB_ERR_DOMAIN when w is not
 * positive and finite, or mu/sigma are invalid as for lab_dist_quantile().
 */
lab_status lab_dist_share(double mu, double sigma, double w, double *below, double *above,
                          struct lab_error *err);

/*
 * The Gini coefficient of a lognormal with scale sigma: 2*Phi(sigma/sqrt(2)) - 1, computed as
 * erf(sigma/2). LAB_ERR_DOMAIN when sigma is not positive and finite.
 */
lab_status lab_dist_gini(double sigma, double *gini, struct lab_error *err);

/* ---- model-free alternative (dist_interp.c) ------------------------------------------------ */

/* A monotone quantile function through the published points (opaque; see lab_dist_interp_new). */
struct lab_dist_interp;

/*
 * Build the model-free quantile function: Steffen's monotone interpolation (gsl_interp_steffen)
 * of ln q against z_p = Phi^-1(p) through the published points (lower bounds and absent levels
 * are skipped), with lognormal tails of scale tail_sigma beyond the first and last points,
 * joined continuously. With exactly two points the interpolant is the straight line through them
 * (Steffen needs three). Pass the fitted sigma as tail_sigma.
 *
 * *out receives a new object owned by the caller (free with lab_dist_interp_free()).
 * Returns LAB_OK; LAB_ERR_INVALID for NULL pointers or a bad n; LAB_ERR_DOMAIN for invalid
 * levels or wages (as lab_dist_fit()), fewer than two published points, or tail_sigma not
 * positive and finite; LAB_ERR_NOMEM.
 */
lab_status lab_dist_interp_new(const double *p, const double *q, const enum lab_dist_kind *kind,
                               size_t n, double tail_sigma, struct lab_dist_interp **out,
                               struct lab_error *err);

/* Free an interpolant; accepts NULL. */
void lab_dist_interp_free(struct lab_dist_interp *ip);

/*
 * The p-quantile of the interpolant (borrowed, unchanged). LAB_ERR_DOMAIN when p is not inside
 * (0, 1) or GSL fails.
 */
lab_status lab_dist_interp_quantile(const struct lab_dist_interp *ip, double p, double *q,
                                    struct lab_error *err);

/* One level of lab_dist_compare(). */
struct lab_dist_gap {
  double p;            /* the level */
  double fitted;       /* lognormal quantile */
  double interpolated; /* model-free quantile */
  double rel_diff;     /* (interpolated - fitted) / fitted */
  bool exceeds;        /* |rel_diff| > margin */
};

/*
 * Compare the model-free quantiles of ip with the lognormal (mu, sigma) at the n levels p and
 * fill out[0..n-1] (caller-owned, n entries); *n_exceed (may be NULL) receives how many differ by
 * more than the relative margin (e.g. 0.05 for 5%). LAB_ERR_INVALID for NULL pointers or n = 0;
 * LAB_ERR_DOMAIN for a level outside (0, 1), a margin that is negative or not finite, or an
 * invalid mu/sigma.
 */
lab_status lab_dist_compare(const struct lab_dist_interp *ip, double mu, double sigma,
                            const double *p, size_t n, double margin, struct lab_dist_gap *out,
                            size_t *n_exceed, struct lab_error *err);

/* ---- mixtures of lognormals (dist_mixture.c) ----------------------------------------------- */

/*
 * A mixture is n components (mu[i], sigma[i]) with weights weight[i] (employment; finite, >= 0,
 * positive sum, need not sum to 1). Every function checks the components and weights and
 * returns LAB_ERR_INVALID for NULL pointers or n = 0, LAB_ERR_DOMAIN for a weight that is
 * negative or not finite, a zero weight sum, a mu that is not finite or a sigma that is not
 * positive and finite.
 */

/*
 * Shares of the mixture below and above wage w: sum_i weight_i * F_i(w) / sum_i weight_i and
 * the same with the upper tails. Either out-pointer may be NULL. LAB_ERR_DOMAIN also when w is
 * not positive and finite.
 */
lab_status lab_dist_mix_share(const double *mu, const double *sigma, const double *weight, size_t n,
                              double w, double *below, double *above, struct lab_error *err);

/* The mixture mean: sum_i weight_i * exp(mu_i + sigma_i^2/2) / sum_i weight_i. */
lab_status lab_dist_mix_mean(const double *mu, const double *sigma, const double *weight, size_t n,
                             double *mean, struct lab_error *err);

/*
 * The Gini coefficient of the mixture: E|X - Y| / (2 E[X]) for two independent draws, in closed
 * form from the pairwise E[min] of lognormals (docs/methods.md). Equals 2*Phi(sigma/sqrt 2) - 1
 * for a single component.
 */
lab_status lab_dist_mix_gini(const double *mu, const double *sigma, const double *weight, size_t n,
                             double *gini, struct lab_error *err);

/*
 * The p-quantile of the mixture: the root of F(exp(t)) = p in t = ln(wage), found with
 * gsl_root_fsolver_brent inside the bracket [min_i, max_i] of the components' own p-quantiles
 * (exact: every component's CDF is <= p at the lower end and >= p at the upper end), widened
 * only if rounding says otherwise. tol: absolute tolerance in ln(wage) (a relative tolerance in
 * wages; e.g. 1e-10), > 0 and finite. LAB_ERR_DOMAIN also when p is not inside (0, 1), tol is
 * invalid, or Brent's method fails or does not converge in LAB_DIST_ROOT_MAX_ITER iterations;
 * LAB_ERR_NOMEM.
 */
lab_status lab_dist_mix_quantile(const double *mu, const double *sigma, const double *weight,
                                 size_t n, double p, double tol, double *q, struct lab_error *err);

/* ---- bootstrap bands (dist_boot.c) --------------------------------------------------------- */

/* Settings of lab_dist_boot_bands(). */
struct lab_dist_boot_opts {
  /*
   * rse_pct: relative standard error (percent) of each published value, >= 0 and finite; e.g.
   * the cell's mean-wage PRSE as a proxy (docs/methods.md, section 7, on its limits)
   */
  double rse_pct;
  size_t replicates;  /* B >= 2 */
  double level;       /* coverage of the band, inside (0, 1), e.g. 0.95 */
  unsigned long seed; /* gsl_rng_mt19937 seed: the same seed gives the same bands */
  unsigned fit_flags; /* flags for every refit (LAB_DIST_USE_MEAN or 0) */
};

/*
 * Parametric bootstrap bands for fitted quantiles. Each of B replicates perturbs every published
 * percentile (and the mean, when given) as ln q* = ln q + r*e with r = rse_pct/100 and e standard
 * normal (independent draws), sorts the perturbed published percentiles back into order, keeps
 * the top-codes as they are, refits with lab_dist_fit() and records the fitted quantile at each
 * of the n_at levels `at`. bands[k] (caller-owned, n_at entries) receives the (1-level)/2 and
 * (1+level)/2 sample quantiles (gsl_stats_quantile_from_sorted_data) of level at[k].
 *
 * Returns LAB_OK; LAB_ERR_INVALID for NULL pointers or n_at = 0; LAB_ERR_DOMAIN for invalid
 * options, an at-level outside (0, 1), any input lab_dist_fit() refuses, or a replicate whose
 * refit fails (the message names the replicate); LAB_ERR_NOMEM.
 */
lab_status lab_dist_boot_bands(const double *p, const double *q, const enum lab_dist_kind *kind,
                               size_t n, double mean, const struct lab_dist_boot_opts *opts,
                               const double *at, size_t n_at, struct lab_interval *bands,
                               struct lab_error *err);

#endif
