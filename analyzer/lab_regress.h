/*
 * lab_regress.h - statistics on a user's own numbers: a univariate summary and ordinary least
 * squares (OLS) regression. Plain arrays in, structs out; no files, no printing.
 *
 * Accuracy is checked against the NIST StRD certified values (tests/unit/test_regress.c,
 * tests/data/nist/). Every function checks its inputs before calling GSL and returns a status;
 * GSL's error handler must be off (gsl_set_error_handler_off()).
 *
 * Ownership: inputs are borrowed and only read. struct lab_summary is a plain value. struct
 * lab_regress owns its coefficient array: release it with lab_an_regress_release().
 */
#ifndef LAB_REGRESS_H
#define LAB_REGRESS_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

/* ------------------------------------------------------------------------------- summary */

/* Descriptive statistics of one sample. */
struct lab_summary {
  size_t n;    /* number of values */
  double mean; /* arithmetic mean */
  double sd;   /* sample standard deviation (divisor n - 1); NAN when n < 2 */
  double min, max;
  /* Quantiles as gsl_stats_quantile_from_sorted_data defines them (Hyndman and Fan type 7,
   * R's default): with the sorted values x[0..n), Q(f) = (1 - d) x[i] + d x[i + 1] where
   * i = floor((n - 1) f) and d = (n - 1) f - i. */
  double p10, p25, median, p75, p90;
  /* Lag-1 autocorrelation in NIST StRD's definition:
   * sum_{i>=1} (x[i] - mean)(x[i-1] - mean) / sum_i (x[i] - mean)^2.
   * NAN when n < 2 or all values are equal. */
  double lag1;
};

/*
 * Summarise x[0..n) in its given order (the order matters for lag1 only). The mean comes from a
 * corrected two-pass sum, the standard deviation and lag-1 autocorrelation from sums of centred
 * values (the corrected two-pass algorithm of Chan, Golub and LeVeque), so data with a large
 * offset (NIST NumAcc4: 10000000.2 +- 0.1) keep their accuracy.
 * Errors: LAB_ERR_INVALID for x == NULL or out == NULL; LAB_ERR_DOMAIN when n == 0 or a value is
 * not finite (the message names its 1-based position); LAB_ERR_NOMEM.
 */
lab_status lab_an_summary(const double *x, size_t n, struct lab_summary *out,
                          struct lab_error *err);

/* ---------------------------------------------------------------------------- regression */

/*
 * Default rank tolerance: a design whose pivoted QR has |R[k][k]| <= tol * |R[0][0]| for some k
 * (columns scaled to comparable norms first) is refused as rank-deficient. 1e-12 bounds the
 * condition number at about 1e12, where the double-precision factors still make iterative
 * refinement contract by about four digits per step (cond * DBL_EPSILON ~ 1e-4); NIST Filip,
 * the hardest StRD problem, has a scaled condition number of about 5e9.
 */
#define LAB_REGRESS_RANK_TOL 1e-12

/* At most this many refinement steps; each usually gains at least 6 digits, and the
 * NIST problems take 2 to 5. */
#define LAB_REGRESS_MAX_REFINE 25

struct lab_regress_opts {
  bool intercept; /* fit a constant term */
  /* 1: the k predictors are the terms. K > 1: exactly one predictor x and the terms x, x^2,
   * ..., x^K (powers formed in double-double). */
  size_t degree;
  double rank_tol; /* 0 = LAB_REGRESS_RANK_TOL; otherwise in (0, 1) */
};

/* One estimated coefficient. */
struct lab_regress_coef {
  double estimate;
  double std_error; /* residual_sd * sqrt([X'X]^-1 diagonal) */
  double t;         /* estimate / std_error; +-INFINITY or NAN when std_error is 0 */
  double p;         /* two-sided, Student t with df degrees of freedom; 0 when |t| is infinite */
};

struct lab_regress {
  size_t n;  /* observations */
  size_t p;  /* coefficients, the intercept included */
  size_t df; /* residual degrees of freedom, n - p */
  /* p entries: the intercept first (when fitted), then the terms in order (the predictors, or
   * x, x^2, ... x^K). Owned by this struct; freed by lab_an_regress_release(). */
  struct lab_regress_coef *coef;
  double residual_sd; /* sqrt(SSE / df) */
  /* With an intercept: 1 - SSE / sum (y - mean y)^2. Without one: the uncentred
   * 1 - SSE / sum y^2 (what NIST certifies for NoInt1/NoInt2 and what R reports). */
  double r_squared;
  /* 1 - (1 - R^2) (n - i) / df with i = 1 with an intercept, 0 without. */
  double adj_r_squared;
  bool uncentred;      /* r_squared is the uncentred one (no intercept) */
  size_t refine_steps; /* iterative refinement steps the coefficients took */
};

/*
 * Fit y = b0 + sum_j b_j t_j (b0 only with opts->intercept) by least squares to n observations:
 * y[0..n), predictors x[0][0..n) ... x[k-1][0..n), terms t_j as opts->degree says.
 *
 * Method: columns are scaled by powers of two (exact) to comparable norms and factorised by
 * Householder QR with column pivoting (gsl_linalg_QRPT_decomp); the solution is then improved by
 * Bjorck's iterative refinement of the augmented system [I X; X' 0][r; b] = [y; 0], with the
 * residuals of both block equations computed in double-double arithmetic (about 32 digits) from
 * a design held in double-double (powers are not rounded to double). The diagonal of (X'X)^-1
 * for the standard errors is refined the same way ([I X; X' 0][r; z] = [0; -e_j]). Only IEEE
 * double operations are used (no long double), so results are identical on every platform.
 * This reaches 13 to 16 correct digits on every NIST StRD linear regression problem, Filip
 * included (14.0 digits: as many as the data rounded to double allow).
 *
 * On success *out is filled (release it with lab_an_regress_release()); on failure *out is
 * left empty. Errors: LAB_ERR_INVALID for NULL pointers, k == 0, degree == 0, degree > 1 with
 * k != 1, or a rank_tol outside [0, 1); LAB_ERR_DOMAIN for a non-finite value (the message
 * names its 1-based row), n <= p (no degrees of freedom left), a rank-deficient design (an
 * all-zero term, or a pivot below the rank tolerance), a term that overflows double (x^K), or
 * a GSL failure (its gsl_strerror text); LAB_ERR_NOMEM.
 */
lab_status lab_an_regress(const double *y, const double *const *x, size_t n, size_t k,
                          const struct lab_regress_opts *opts, struct lab_regress *out,
                          struct lab_error *err);

/* Free the coefficients of r and leave it empty. Accepts NULL and an empty struct. */
void lab_an_regress_release(struct lab_regress *r);

#endif
