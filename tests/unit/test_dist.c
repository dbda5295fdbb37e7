/*
 * test_dist.c - the wage distribution of one cell: lognormal fit (closed form, top-codes, mean
 * equation), lognormal quantities, model-free interpolation, mixtures and bootstrap bands.
 *
 * Every expected number is computed independently of our code with Python 3.11's standard
 * library; the scripts (pasted in the comments next to their numbers) use
 *   from statistics import NormalDist; N = NormalDist(); Z = [N.inv_cdf(p) for p in P]
 * with P = [0.10, 0.25, 0.50, 0.75, 0.90], which gives
 *   Z = [-1.2815515655446008, -0.6744897501960817, 0.0, 0.6744897501960817, 1.2815515655446008].
 * Real cells are BLS OEWS May 2023 national rows (oews_national_M2023_dl.csv).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/lab_dist.h"
#include "test_util.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#define V LAB_DIST_VALUE
#define B LAB_DIST_LOWER_BOUND
#define A LAB_DIST_ABSENT

/* Python's N.inv_cdf(p) for the five OEWS levels (see the top of the file). */
static const double z_oews[5] = {-1.2815515655446008, -0.6744897501960817, 0.0, 0.6744897501960817,
                                 1.2815515655446008};

/* BLS's May 2023 top-code for annual wages: $239,200 ('#' = at least this). */
#define TOPCODE_2023 239200.0

/* ---- closed-form fit ------------------------------------------------------------------------ */

static void fit_should_recover_a_known_lognormal(void **state)
{
  /* q_i = exp(11.2 + 0.45 * z_i), Python: [repr(exp(11.2 + 0.45*z)) for z in Z] */
  const double q[5] = {41081.032413449786, 53985.977311745984, 73130.44183341545, 99063.90120285841,
                       130183.23076514559};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, NULL), LAB_OK);
  assert_close(f.mu, 11.2, 1e-12);
  assert_close(f.sigma, 0.45, 1e-12);
  assert_int_equal(f.n_points, 5);
  assert_false(f.mean_used);
  assert_int_equal(f.iterations, 0);
  assert_int_equal(f.used_mask, 0x1f);
  assert_int_equal(f.bound_mask, 0);
  assert_int_equal(f.active_mask, 0);
  assert_int_equal(f.collapsed_mask, 0);
  for (size_t i = 0; i < 5; i++)
    assert_close(f.residual[i], 0, 1e-12);
  assert_true(isnan(f.mean_residual));
  assert_true(isnan(f.mean_gap_pct));
  /* implied mean exp(11.2 + 0.45^2/2); P90/P10 = exp(0.45 * 2 * 1.2815515655446008) */
  assert_close(f.implied_mean / exp(11.2 + 0.10125), 1, 1e-12);
  assert_close(f.p90_p10, exp(0.9 * 1.2815515655446008), 1e-12);
}

static void fit_should_match_a_hand_worked_least_squares_fit(void **state)
{
  /*
   * Not lognormal. Plain least squares in Python:
   *   y = [log(v) for v in q]; n = 5; sz = sum(Z); sy = sum(y)
   *   szz = sum(a*a for a in Z); szy = sum(a*b for a, b in zip(Z, y))
   *   s = (n*szy - sz*sy) / (n*szz - sz*sz); m = (sy - s*sz) / n
   * -> m = 10.722230218797122, s = 0.5234228480987183,
   * residuals m + s*z - y = -0.028102647942091608, 0.014117459574734426, 0.014023699981544624,
   *   0.04355990674447163, -0.04359841835866085
   */
  const double q[5] = {23850, 31415.9, 44721.36, 61803.4, 92653.5};
  const double r[5] = {-0.028102647942091608, 0.014117459574734426, 0.014023699981544624,
                       0.04355990674447163, -0.04359841835866085};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, NULL), LAB_OK);
  assert_close(f.mu, 10.722230218797122, 1e-12);
  assert_close(f.sigma, 0.5234228480987183, 1e-12);
  for (size_t i = 0; i < 5; i++)
    assert_close(f.residual[i], r[i], 1e-12);
}

static void fit_should_keep_an_inactive_top_code_of_it_managers(void **state)
{
  /*
   * 11-3021 Computer and Information Systems Managers, May 2023: P90 '#' (>= 239,200), mean
   * 180,720. The four published points alone give (plain least squares, as above)
   * m = 12.029715043380417, s = 0.3797852792636714 and a fitted P90 of 272,782.34 (exp(m +
   * s*Z[4])), already above the top-code: the constraint is satisfied and NOT active. (A
   * brute-force grid search over the feasible (mu, sigma) region finds the same minimum.)
   * Implied mean exp(m + s^2/2) = 180201.95489169518: a gap of -0.2866562130947458 % to the
   * published mean.
   */
  const double q[5] = {101590, 131770, 169510, 214050, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, V, V, V, B};
  struct lab_dist_fit f;
  double p90;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, 180720, 0, &f, NULL), LAB_OK);
  assert_close(f.mu, 12.029715043380417, 1e-12);
  assert_close(f.sigma, 0.3797852792636714, 1e-12);
  assert_int_equal(f.n_points, 4);
  assert_false(f.mean_used);
  assert_int_equal(f.used_mask, 0x0f);
  assert_int_equal(f.bound_mask, 0x10);
  assert_int_equal(f.active_mask, 0);
  assert_true(isnan(f.residual[4]));
  assert_int_equal(lab_dist_quantile(f.mu, f.sigma, 0.9, &p90, NULL), LAB_OK);
  assert_true(p90 >= TOPCODE_2023);
  assert_close(p90, 272782.33885594434, 1e-6);
  assert_close(f.mean_gap_pct, -0.2866562130947458, 1e-9);
}

static void fit_should_hold_a_violated_top_code_as_an_equality(void **state)
{
  /*
   * 11-3121 Human Resources Managers, May 2023: 81,060 103,340 136,350 182,120 '#'. The
   * unconstrained fit puts P90 below 239,200, so the constraint is active. Independent solution
   * of the equality-constrained problem by its KKT system (Python, Gaussian elimination of
   *   [[2n, 2Sz, -1], [2Sz, 2Szz, -zc], [1, zc, 0]] (m, s, lam) = (2Sy, 2Szy, ln 239200)
   * with zc = Z[4]): m = 11.837473404604413, s = 0.4272804241173888, multiplier lam =
   * 0.0364 > 0 (the constraint really binds); residuals -0.013053392032087885,
   * 0.003497336236623738, 0.014493016330678898, 0.013248581682308469. A brute-force grid
   * search over the feasible region agrees (11.8374758, 0.42727853).
   */
  const double q[5] = {81060, 103340, 136350, 182120, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, V, V, V, B};
  const double r[4] = {-0.013053392032087885, 0.003497336236623738, 0.014493016330678898,
                       0.013248581682308469};
  struct lab_dist_fit f;
  double p90;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, 154740, 0, &f, NULL), LAB_OK);
  assert_close(f.mu, 11.837473404604413, 1e-11);
  assert_close(f.sigma, 0.4272804241173888, 1e-11);
  assert_int_equal(f.active_mask, 0x10);
  for (size_t i = 0; i < 4; i++)
    assert_close(f.residual[i], r[i], 1e-11);
  assert_int_equal(lab_dist_quantile(f.mu, f.sigma, 0.9, &p90, NULL), LAB_OK);
  assert_true(p90 >= TOPCODE_2023); /* exactly, not within a tolerance */
  assert_close(p90, TOPCODE_2023, 1e-6);
}

static void fit_should_project_two_points_onto_a_violated_top_code(void **state)
{
  /*
   * 29-1217 Neurologists, May 2023, without the mean: P10 82,990, P25 130,790, P50..P90 '#'.
   * Two points fit exactly (m = 12.286745039638342, s = 0.7493023830358099) but put the median
   * at 216,803 < 239,200. With the P50 line held (mu = ln 239200, z = 0) the two residuals
   * share the misfit; KKT (as above, zc = 0): m = 12.385055301058614, s = 0.8409907153471015,
   * lam = 0.0345 > 0; residuals -0.019193064395432557, 0.036467421063726135. P75 = 421,803.5
   * and P90 lie above the top-code, so only P50 is active.
   */
  const double q[5] = {82990, 130790, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, V, B, B, B};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, NAN, 0, &f, NULL), LAB_OK);
  assert_false(f.mean_used);
  assert_close(f.mu, 12.385055301058614, 1e-11);
  assert_close(f.sigma, 0.8409907153471015, 1e-11);
  assert_int_equal(f.active_mask, 0x04);
  assert_int_equal(f.bound_mask, 0x1c);
  assert_close(f.residual[0], -0.019193064395432557, 1e-11);
  assert_close(f.residual[1], 0.036467421063726135, 1e-11);
}

static void fit_should_pick_the_right_line_when_two_top_codes_are_violated(void **state)
{
  /*
   * Synthetic: P10 40,000 and P25 45,000 published, P50 >= 60,000 and P75 >= 100,000. The
   * line through the two points violates both bounds. Holding P50 alone (Python: s =
   * sum((z-c)(y-l))/sum((z-c)^2) on mu = l - s*c) gives P75 = 75,479 < 100,000, infeasible;
   * holding P75 alone gives m = 11.170119254268592, s = 0.5082452485037456 with P50 = 70,978
   * >= 60,000, feasible. A brute-force grid search over the feasible region (shrinking 81x81
   * grids) agrees: (11.1700910, 0.5082872), only P75 active.
   */
  const double p[4] = {0.10, 0.25, 0.50, 0.75};
  const double q[4] = {40000, 45000, 60000, 100000};
  const enum lab_dist_kind k[4] = {V, V, B, B};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(p, q, k, 4, NAN, 0, &f, NULL), LAB_OK);
  assert_close(f.mu, 11.170119254268592, 1e-11);
  assert_close(f.sigma, 0.5082452485037456, 1e-11);
  assert_int_equal(f.active_mask, 0x08);
}

static void fit_should_settle_on_a_vertex_of_two_top_codes(void **state)
{
  /*
   * Synthetic: P10 40,000 and P90 70,000 published, P25 >= 55,000 and P75 >= 69,000. Both
   * bounds bind: the solution is where the two lines cross, s = ln(69000/55000)/(z75 - z25)
   * = 0.16810731319405742, m = ln 55000 - s*z25 = 11.028475123897001 (Python); the brute-force
   * grid search finds the same point (11.0284751239, 0.16810731319) with both active.
   */
  const double p[4] = {0.10, 0.25, 0.75, 0.90};
  const double q[4] = {40000, 55000, 69000, 70000};
  const enum lab_dist_kind k[4] = {V, B, B, V};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(p, q, k, 4, NAN, 0, &f, NULL), LAB_OK);
  assert_close(f.mu, 11.028475123897001, 1e-11);
  assert_close(f.sigma, 0.16810731319405742, 1e-11);
  assert_int_equal(f.active_mask, 0x06);
}

static void fit_should_report_the_implied_mean_gap(void **state)
{
  /*
   * 29-9021 Health Information Technologists and Medical Registrars, May 2023: 38,310 46,580
   * 62,990 86,950 107,650, mean 70,260. Plain least squares: m = 11.062570613264787, s =
   * 0.41602248950915377; implied mean exp(m + s^2/2) = 69,501.80268662029, gap
   * 100*(69501.80 - 70260)/70260 = -1.0791308189292836 %: the lognormal slightly understates
   * the mean (a heavier right tail than the lognormal's).
   */
  const double q[5] = {38310, 46580, 62990, 86950, 107650};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, 70260, 0, &f, NULL), LAB_OK);
  assert_false(f.mean_used);
  assert_close(f.implied_mean, 69501.80268662029, 1e-7);
  assert_close(f.published_mean, 70260, 0);
  assert_true(f.mean_gap_pct < 0);
  assert_close(f.mean_gap_pct, -1.0791308189292836, 1e-10);
}

static void fit_should_give_the_gini_of_a_lognormal(void **state)
{
  /* Python: 2*N.cdf(0.5/sqrt(2)) - 1 = 0.2763263901682369 (= math.erf(0.25)) */
  double g;
  struct lab_dist_fit f;
  double q[5];

  (void)state;
  assert_int_equal(lab_dist_gini(0.5, &g, NULL), LAB_OK);
  assert_close(g, 0.2763263901682369, 1e-15);
  for (size_t i = 0; i < 5; i++)
    q[i] = exp(10.5 + 0.5 * z_oews[i]);
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, NULL), LAB_OK);
  assert_close(f.gini, 0.2763263901682369, 1e-12);
}

static void fit_should_flag_collapsed_percentiles(void **state)
{
  /* P25 = median = 35,000: wages collected in intervals; bits 1 and 2 */
  const double q[5] = {30000, 35000, 35000, 50000, 60000};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, NULL), LAB_OK);
  assert_int_equal(f.collapsed_mask, 0x06);
}

/* ---- the mean equation ---------------------------------------------------------------------- */

static void fit_should_use_the_mean_when_few_percentiles_remain(void **state)
{
  /*
   * Two points and the mean of a known lognormal (Python: exp(10.7 + 0.62*Z[0]),
   * exp(10.7 + 0.62*Z[1]), exp(10.7 + 0.62**2/2)): three consistent equations, so the
   * trust-region solution is (10.7, 0.62) with zero residuals.
   */
  const double q[5] = {20039.047604869334, 29196.857274498117, NAN, NAN, NAN};
  const enum lab_dist_kind k[5] = {V, V, A, A, A};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, 53755.43192749673, 0, &f, NULL), LAB_OK);
  assert_true(f.mean_used);
  assert_int_equal(f.n_points, 2);
  assert_close(f.mu, 10.7, 1e-10);
  assert_close(f.sigma, 0.62, 1e-10);
  assert_close(f.mean_residual, 0, 1e-10);
  assert_close(f.mean_gap_pct, 0, 1e-8);
}

static void fit_should_use_the_mean_on_request(void **state)
{
  /*
   * 29-9021 with LAB_DIST_USE_MEAN: six equations, non-linear. Independent Gauss-Newton in
   * Python (normal equations J'J d = J'r from the five-point fit, 200 steps):
   * m = 11.06431864619191, s = 0.41689114884413137, mean residual -0.008740164635616665.
   */
  const double q[5] = {38310, 46580, 62990, 86950, 107650};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, 70260, LAB_DIST_USE_MEAN, &f, NULL),
                   LAB_OK);
  assert_true(f.mean_used);
  assert_true(f.iterations > 0);
  assert_close(f.mu, 11.06431864619191, 1e-9);
  assert_close(f.sigma, 0.41689114884413137, 1e-9);
  assert_close(f.mean_residual, -0.008740164635616665, 1e-9);
}

static void fit_should_solve_one_percentile_with_the_mean(void **state)
{
  /*
   * 29-1243 Pediatric Surgeons, May 2023: P10 172,810, the rest '#', mean 449,320. Two
   * equations m + s*Z[0] = ln 172810, m + s^2/2 = ln 449320: the positive root
   * s = z + sqrt(z^2 + 2(lm - y)) = 0.6035106675301471, m = 12.833378044844164 (Python). The
   * fitted P25 (249,276) respects the top-code, so nothing is active.
   */
  const double q[5] = {172810, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, B, B, B, B};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, 449320, 0, &f, NULL), LAB_OK);
  assert_true(f.mean_used);
  assert_int_equal(f.n_points, 1);
  assert_close(f.mu, 12.833378044844164, 1e-9);
  assert_close(f.sigma, 0.6035106675301471, 1e-9);
  assert_int_equal(f.active_mask, 0);
}

static void fit_with_the_mean_should_keep_the_top_codes(void **state)
{
  /*
   * 29-1217 Neurologists, May 2023: 82,990 130,790 '#' '#' '#', mean 271,470. The
   * unconstrained fit with the mean puts the median below 239,200. A brute-force grid search
   * over the feasible region (Python, shrinking 81x81 grids) finds the minimum on the P50 line
   * (12.3850553011, 0.77630110); refined by Gauss-Newton on that line (mu = ln 239200):
   * s = 0.776301107714496, mean residual 0.1747700909647012, implied mean +19.097% above the
   * published one.
   */
  const double q[5] = {82990, 130790, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, V, B, B, B};
  struct lab_dist_fit f;
  double med;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, 271470, 0, &f, NULL), LAB_OK);
  assert_true(f.mean_used);
  assert_int_equal(f.active_mask, 0x04);
  assert_close(f.mu, log(TOPCODE_2023), 1e-12);
  assert_close(f.sigma, 0.776301107714496, 1e-9);
  assert_close(f.mean_residual, 0.1747700909647012, 1e-9);
  assert_close(f.mean_gap_pct, 19.09723698250251, 1e-6);
  assert_int_equal(lab_dist_quantile(f.mu, f.sigma, 0.5, &med, NULL), LAB_OK);
  assert_true(med >= TOPCODE_2023);
}

/* ---- error paths ---------------------------------------------------------------------------- */

static void fit_should_refuse_fewer_than_two_usable_values(void **state)
{
  const double q[5] = {172810, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, B, B, B, B};
  const enum lab_dist_kind none[5] = {A, A, A, A, A};
  struct lab_dist_fit f;
  struct lab_error err = {0};

  (void)state;
  /* one percentile and no mean */
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, k, 5, NAN, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "fewer than two usable values"));
  /* only a mean */
  lab_error_clear(&err);
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, none, 5, 449320, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "fewer than two usable values"));
}

static void fit_should_refuse_decreasing_percentiles(void **state)
{
  const double q[5] = {38310, 46580, 62990, 60000, 107650};
  struct lab_dist_fit f;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "p=0.75"));
  assert_non_null(strstr(err.msg, "p=0.5"));
}

static void fit_should_refuse_a_published_value_below_a_top_code(void **state)
{
  const double q[3] = {100000, TOPCODE_2023, 200000};
  const double p[3] = {0.25, 0.5, 0.75};
  const enum lab_dist_kind k[3] = {V, B, V};
  struct lab_dist_fit f;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_dist_fit(p, q, k, 3, NAN, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "top-code at p=0.5"));
}

static void fit_should_refuse_non_positive_wages(void **state)
{
  const double q[5] = {38310, 0, 62990, 86950, 107650};
  const double qi[5] = {38310, 46580, INFINITY, 86950, 107650};
  struct lab_dist_fit f;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "p=0.25"));
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, qi, NULL, 5, NAN, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "p=0.5"));
}

static void fit_should_refuse_bad_levels(void **state)
{
  const double q[2] = {40000, 50000};
  const double p_out[2] = {0.5, 1.0};
  const double p_dup[2] = {0.5, 0.5};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(p_out, q, NULL, 2, NAN, 0, &f, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_fit(p_dup, q, NULL, 2, NAN, 0, &f, NULL), LAB_ERR_DOMAIN);
}

static void fit_should_refuse_a_bad_mean(void **state)
{
  const double q[5] = {38310, 46580, 62990, 86950, 107650};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, -70260, 0, &f, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, INFINITY, 0, &f, NULL),
                   LAB_ERR_DOMAIN);
}

static void fit_should_refuse_percentiles_without_spread(void **state)
{
  const double q[5] = {50000, 50000, 50000, 50000, 50000};
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, &f, NULL), LAB_ERR_DOMAIN);
}

static void fit_should_refuse_missing_arguments(void **state)
{
  const double q[5] = {38310, 46580, 62990, 86950, 107650};
  double p17[17];
  double q17[17];
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(NULL, q, NULL, 5, NAN, 0, &f, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 5, NAN, 0, NULL, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, q, NULL, 0, NAN, 0, &f, NULL), LAB_ERR_INVALID);
  for (size_t i = 0; i < 17; i++) {
    p17[i] = (double)(i + 1) / 18;
    q17[i] = 1000.0 * (double)(i + 1);
  }
  assert_int_equal(lab_dist_fit(p17, q17, NULL, 17, NAN, 0, &f, NULL), LAB_ERR_INVALID);
}

/* ---- the lognormal -------------------------------------------------------------------------- */

static void lognormal_should_give_quantiles_and_shares(void **state)
{
  /*
   * Python: exp(11 + 0.4*N.inv_cdf(0.95)) = 115605.80506450727;
   * N.cdf((log(80000) - 11)/0.4) = 0.7656067115956391, above 0.2343932884043609
   */
  double q, below, above;

  (void)state;
  assert_int_equal(lab_dist_quantile(11, 0.4, 0.95, &q, NULL), LAB_OK);
  assert_close(q, 115605.80506450727, 1e-8);
  assert_int_equal(lab_dist_share(11, 0.4, 80000, &below, &above, NULL), LAB_OK);
  assert_close(below, 0.7656067115956391, 1e-14);
  assert_close(above, 0.2343932884043609, 1e-14);
}

static void lognormal_should_refuse_bad_levels_and_wages(void **state)
{
  double q, below;

  (void)state;
  assert_int_equal(lab_dist_quantile(11, 0.4, 0, &q, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_quantile(11, 0.4, 1, &q, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_quantile(11, 0, 0.5, &q, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_share(11, 0.4, 0, &below, NULL, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_share(11, 0.4, NAN, &below, NULL, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_gini(-1, &q, NULL), LAB_ERR_DOMAIN);
}

/* ---- model-free interpolation --------------------------------------------------------------- */

/* 29-9021 May 2023 and its five-point fit (see fit_should_report_the_implied_mean_gap). */
static const double hit_q[5] = {38310, 46580, 62990, 86950, 107650};
#define HIT_MU 11.062570613264787
#define HIT_SIGMA 0.41602248950915377

static void interp_should_pass_through_the_published_points_and_rise(void **state)
{
  struct lab_dist_interp *ip = NULL;
  double q, prev = 0;

  (void)state;
  assert_int_equal(lab_dist_interp_new(lab_dist_oews_p, hit_q, NULL, 5, HIT_SIGMA, &ip, NULL),
                   LAB_OK);
  for (size_t i = 0; i < 5; i++) {
    assert_int_equal(lab_dist_interp_quantile(ip, lab_dist_oews_p[i], &q, NULL), LAB_OK);
    assert_close(q / hit_q[i], 1, 1e-13);
  }
  for (int i = 1; i < 1000; i++) {
    assert_int_equal(lab_dist_interp_quantile(ip, i / 1000.0, &q, NULL), LAB_OK);
    assert_true(q >= prev);
    prev = q;
  }
  /*
   * Lognormal tails of scale sigma from the end points (Python):
   * 38310*exp(s*(N.inv_cdf(0.05) - Z[0])) = 32936.09374305944,
   * 107650*exp(s*(N.inv_cdf(0.975) - Z[4])) = 142753.59716526666
   */
  assert_int_equal(lab_dist_interp_quantile(ip, 0.05, &q, NULL), LAB_OK);
  assert_close(q, 32936.09374305944, 1e-8);
  assert_int_equal(lab_dist_interp_quantile(ip, 0.975, &q, NULL), LAB_OK);
  assert_close(q, 142753.59716526666, 1e-8);
  /* continuous at the joints */
  assert_int_equal(lab_dist_interp_quantile(ip, 0.9 + 1e-9, &q, NULL), LAB_OK);
  assert_close(q / 107650, 1, 1e-7);
  assert_int_equal(lab_dist_interp_quantile(ip, 0.9 - 1e-9, &q, NULL), LAB_OK);
  assert_close(q / 107650, 1, 1e-7);
  assert_int_equal(lab_dist_interp_quantile(ip, 0.1 - 1e-9, &q, NULL), LAB_OK);
  assert_close(q / 38310, 1, 1e-7);
  lab_dist_interp_free(ip);
}

static void interp_should_reproduce_a_lognormal(void **state)
{
  struct lab_dist_interp *ip = NULL;
  double q[5];
  double v;

  (void)state;
  for (size_t i = 0; i < 5; i++)
    q[i] = exp(11.2 + 0.45 * z_oews[i]);
  assert_int_equal(lab_dist_interp_new(lab_dist_oews_p, q, NULL, 5, 0.45, &ip, NULL), LAB_OK);
  for (int i = 1; i < 100; i++) {
    double p = i / 100.0, want;

    assert_int_equal(lab_dist_quantile(11.2, 0.45, p, &want, NULL), LAB_OK);
    assert_int_equal(lab_dist_interp_quantile(ip, p, &v, NULL), LAB_OK);
    assert_close(v / want, 1, 1e-12);
  }
  lab_dist_interp_free(ip);
}

static void interp_should_use_a_line_through_two_points(void **state)
{
  const double q[5] = {38310, 46580, TOPCODE_2023, NAN, NAN};
  const enum lab_dist_kind k[5] = {V, V, B, A, A};
  struct lab_dist_interp *ip = NULL;
  double v;

  (void)state;
  assert_int_equal(lab_dist_interp_new(lab_dist_oews_p, q, k, 5, 0.4, &ip, NULL), LAB_OK);
  /*
   * Halfway in z between P10 and P25 the line gives the geometric mean. Python:
   * N.cdf((Z[0] + Z[1])/2) = 0.1640320535424602, sqrt(38310*46580) = 42243.10357916426
   */
  assert_int_equal(lab_dist_interp_quantile(ip, 0.1640320535424602, &v, NULL), LAB_OK);
  assert_close(v / 42243.10357916426, 1, 1e-12);
  assert_int_equal(lab_dist_interp_quantile(ip, 0.25, &v, NULL), LAB_OK);
  assert_close(v / 46580, 1, 1e-13);
  lab_dist_interp_free(ip);
}

static void interp_should_refuse_fewer_than_two_points(void **state)
{
  const double q[5] = {38310, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, B, B, B, B};
  struct lab_dist_interp *ip = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_dist_interp_new(lab_dist_oews_p, q, k, 5, 0.4, &ip, &err), LAB_ERR_DOMAIN);
  assert_null(ip);
  assert_int_equal(lab_dist_interp_new(lab_dist_oews_p, hit_q, NULL, 5, 0, &ip, &err),
                   LAB_ERR_DOMAIN);
  assert_null(ip);
}

static void compare_should_flag_levels_beyond_the_margin(void **state)
{
  /*
   * At the published levels the interpolant is the data, so the relative differences are
   * q_i / exp(m + s*z_i) - 1 (Python): 0.02434142834580011, -0.03250126812393661,
   * -0.011769541307605658, 0.03036695057853045, -0.009043244861798416. With a 2% margin,
   * P10, P25 and P75 exceed it.
   */
  const double want[5] = {0.02434142834580011, -0.03250126812393661, -0.011769541307605658,
                          0.03036695057853045, -0.009043244861798416};
  struct lab_dist_interp *ip = NULL;
  struct lab_dist_gap gaps[5];
  size_t n_exceed = 0;

  (void)state;
  assert_int_equal(lab_dist_interp_new(lab_dist_oews_p, hit_q, NULL, 5, HIT_SIGMA, &ip, NULL),
                   LAB_OK);
  assert_int_equal(
      lab_dist_compare(ip, HIT_MU, HIT_SIGMA, lab_dist_oews_p, 5, 0.02, gaps, &n_exceed, NULL),
      LAB_OK);
  assert_int_equal(n_exceed, 3);
  for (size_t i = 0; i < 5; i++)
    assert_close(gaps[i].rel_diff, want[i], 1e-12);
  assert_true(gaps[0].exceeds && gaps[1].exceeds && !gaps[2].exceeds && gaps[3].exceeds &&
              !gaps[4].exceeds);
  assert_int_equal(
      lab_dist_compare(ip, HIT_MU, HIT_SIGMA, lab_dist_oews_p, 5, -1, gaps, &n_exceed, NULL),
      LAB_ERR_DOMAIN);
  lab_dist_interp_free(ip);
}

/* ---- mixtures ------------------------------------------------------------------------------- */

static void mixture_of_identical_components_should_equal_the_component(void **state)
{
  /*
   * Python: NormalDist(11, 0.4).cdf(log(60000)) = 0.5020942789771056;
   * exp(11 + 0.4*N.inv_cdf(0.3)) = 48544.675386133546; exp(11 + 0.4**2/2) = 64860.883408211565
   */
  const double mu[2] = {11, 11}, sg[2] = {0.4, 0.4}, w[2] = {3, 7};
  double below, above, q, mean;

  (void)state;
  assert_int_equal(lab_dist_mix_share(mu, sg, w, 2, 60000, &below, &above, NULL), LAB_OK);
  assert_close(below, 0.5020942789771056, 1e-14);
  assert_close(above, 1 - 0.5020942789771056, 1e-14);
  assert_int_equal(lab_dist_mix_quantile(mu, sg, w, 2, 0.3, 1e-12, &q, NULL), LAB_OK);
  assert_close(q, 48544.675386133546, 1e-8);
  assert_int_equal(lab_dist_mix_mean(mu, sg, w, 2, &mean, NULL), LAB_OK);
  assert_close(mean, 64860.883408211565, 1e-8);
}

static void mixture_quantile_should_round_trip_through_its_cdf(void **state)
{
  /*
   * Components (10.8, 0.35) weight 34,430 and (11.5, 0.5) weight 12,000. Python bisection on
   * sum(w_i * NormalDist(mu_i, s_i).cdf(t)) / sum(w) (200 halvings of [5, 20]):
   * q(0.5) = 55145.71189205214, q(0.95) = 152617.74952065432, q(0.01) = 22477.805736493425;
   * share below 60,000 = 0.5738282018260159; mean sum(w_i exp(mu_i + s_i^2/2))/sum(w) =
   * 67557.83163008673.
   */
  const double mu[2] = {10.8, 11.5}, sg[2] = {0.35, 0.5}, w[2] = {34430, 12000};
  const double ps[3] = {0.5, 0.95, 0.01};
  const double want[3] = {55145.71189205214, 152617.74952065432, 22477.805736493425};
  double q, below, above, mean;

  (void)state;
  for (size_t i = 0; i < 3; i++) {
    assert_int_equal(lab_dist_mix_quantile(mu, sg, w, 2, ps[i], 1e-13, &q, NULL), LAB_OK);
    assert_close(q / want[i], 1, 1e-11);
    assert_int_equal(lab_dist_mix_share(mu, sg, w, 2, q, &below, &above, NULL), LAB_OK);
    assert_close(below, ps[i], 1e-12);
    assert_close(above, 1 - ps[i], 1e-12);
  }
  assert_int_equal(lab_dist_mix_share(mu, sg, w, 2, 60000, &below, NULL, NULL), LAB_OK);
  assert_close(below, 0.5738282018260159, 1e-14);
  assert_int_equal(lab_dist_mix_mean(mu, sg, w, 2, &mean, NULL), LAB_OK);
  assert_close(mean, 67557.83163008673, 1e-8);
}

static void mixture_should_ignore_components_of_weight_zero(void **state)
{
  const double mu[2] = {11, 30}, sg[2] = {0.4, 5}, w[2] = {1, 0};
  double q;

  (void)state;
  assert_int_equal(lab_dist_mix_quantile(mu, sg, w, 2, 0.3, 1e-12, &q, NULL), LAB_OK);
  assert_close(q, 48544.675386133546, 1e-8);
}

static void mixture_should_refuse_bad_weights(void **state)
{
  const double mu[2] = {11, 11.5}, sg[2] = {0.4, 0.5};
  const double neg[2] = {1, -1}, zero[2] = {0, 0}, nan_w[2] = {1, NAN};
  const double bad_sg[2] = {0.4, 0};
  const double w[2] = {1, 1};
  double v;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_dist_mix_mean(mu, sg, neg, 2, &v, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "component 2"));
  assert_int_equal(lab_dist_mix_mean(mu, sg, zero, 2, &v, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_mix_share(mu, sg, nan_w, 2, 50000, &v, NULL, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_mix_mean(mu, bad_sg, w, 2, &v, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_mix_quantile(mu, sg, w, 0, 0.5, 1e-10, &v, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_dist_mix_quantile(mu, sg, w, 2, 1.5, 1e-10, &v, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_mix_quantile(mu, sg, w, 2, 0.5, 0, &v, NULL), LAB_ERR_DOMAIN);
  assert_int_equal(lab_dist_mix_share(mu, sg, w, 2, -5, &v, NULL, NULL), LAB_ERR_DOMAIN);
}

/* ---- bootstrap ------------------------------------------------------------------------------ */

static void boot_should_be_reproducible_and_contain_the_estimate(void **state)
{
  /* 29-9021, mean-wage PRSE 0.6% as the proxy; bands at P10, median, P90 and P95 */
  const double at[4] = {0.10, 0.50, 0.90, 0.95};
  struct lab_dist_boot_opts o = {
      .rse_pct = 0.6, .replicates = 999, .level = 0.95, .seed = 20230501, .fit_flags = 0};
  struct lab_interval b1[4], b2[4], b3[4];
  struct lab_dist_fit f;

  (void)state;
  assert_int_equal(lab_dist_fit(lab_dist_oews_p, hit_q, NULL, 5, 70260, 0, &f, NULL), LAB_OK);
  assert_int_equal(lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, 70260, &o, at, 4, b1, NULL),
                   LAB_OK);
  assert_int_equal(lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, 70260, &o, at, 4, b2, NULL),
                   LAB_OK);
  o.seed = 7;
  assert_int_equal(lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, 70260, &o, at, 4, b3, NULL),
                   LAB_OK);
  for (size_t k = 0; k < 4; k++) {
    double est;

    assert_true(b1[k].lo == b2[k].lo && b1[k].hi == b2[k].hi);
    assert_true(b1[k].lo != b3[k].lo || b1[k].hi != b3[k].hi);
    assert_int_equal(lab_dist_quantile(f.mu, f.sigma, at[k], &est, NULL), LAB_OK);
    assert_true(b1[k].lo < est && est < b1[k].hi);
    /* a 0.6% error per percentile cannot move a fitted quantile by 5% */
    assert_true(b1[k].hi / b1[k].lo < 1.05);
  }
}

static void boot_should_keep_top_codes_and_use_the_mean_path(void **state)
{
  /* 29-1217 Neurologists (mean PRSE 3.7%): every replicate keeps the median >= 239,200 */
  const double q[5] = {82990, 130790, TOPCODE_2023, TOPCODE_2023, TOPCODE_2023};
  const enum lab_dist_kind k[5] = {V, V, B, B, B};
  const double at[1] = {0.5};
  struct lab_dist_boot_opts o = {.rse_pct = 3.7, .replicates = 200, .level = 0.9, .seed = 1};
  struct lab_interval band;

  (void)state;
  assert_int_equal(lab_dist_boot_bands(lab_dist_oews_p, q, k, 5, 271470, &o, at, 1, &band, NULL),
                   LAB_OK);
  assert_true(band.lo >= TOPCODE_2023);
  assert_true(band.hi >= band.lo);
}

static void boot_should_refuse_bad_options(void **state)
{
  const double at[1] = {0.5};
  struct lab_dist_boot_opts o = {.rse_pct = 0.6, .replicates = 1, .level = 0.95, .seed = 1};
  struct lab_interval band;

  (void)state;
  assert_int_equal(
      lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, NAN, &o, at, 1, &band, NULL),
      LAB_ERR_DOMAIN);
  o.replicates = 100;
  o.rse_pct = -1;
  assert_int_equal(
      lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, NAN, &o, at, 1, &band, NULL),
      LAB_ERR_DOMAIN);
  o.rse_pct = 0.6;
  o.level = 1;
  assert_int_equal(
      lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, NAN, &o, at, 1, &band, NULL),
      LAB_ERR_DOMAIN);
  o.level = 0.95;
  assert_int_equal(
      lab_dist_boot_bands(lab_dist_oews_p, hit_q, NULL, 5, NAN, &o, at, 0, &band, NULL),
      LAB_ERR_INVALID);
}

/* The mixture's Gini against an independent numerical integration, G = 1 - int_0^inf (1 - F)^2
   dx / mu (Python, statistics.NormalDist: Simpson's rule over ln x in [5, 20] with 200,000
   steps, plus e^5 for [0, e^5) where F is 0 in double precision; a Monte Carlo of 400,000 pairs
   gave 0.23961): components LN(11.0, 0.4) weight 0.7 and LN(11.5, 0.3) weight 0.3 ->
   0.2396517504749911; one component LN(11, 0.5) -> 2*Phi(0.5/sqrt 2) - 1 = 0.2763263901682369. */
static void mixture_gini_should_match_an_independent_integration(void **state)
{
  const double mu[] = {11.0, 11.5}, sigma[] = {0.4, 0.3}, w[] = {0.7, 0.3};
  const double mu1[] = {11.0}, sigma1[] = {0.5}, w1[] = {123.0};
  double g = 0;

  (void)state;
  assert_int_equal(lab_dist_mix_gini(mu, sigma, w, 2, &g, NULL), LAB_OK);
  assert_close(g, 0.2396517504749911, 1e-9);
  assert_int_equal(lab_dist_mix_gini(mu1, sigma1, w1, 1, &g, NULL), LAB_OK);
  assert_close(g, 0.2763263901682369, 1e-12);
  assert_int_equal(lab_dist_mix_gini(mu, sigma, w, 2, NULL, NULL), LAB_ERR_INVALID);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fit_should_recover_a_known_lognormal),
      cmocka_unit_test(fit_should_match_a_hand_worked_least_squares_fit),
      cmocka_unit_test(fit_should_keep_an_inactive_top_code_of_it_managers),
      cmocka_unit_test(fit_should_hold_a_violated_top_code_as_an_equality),
      cmocka_unit_test(fit_should_project_two_points_onto_a_violated_top_code),
      cmocka_unit_test(fit_should_pick_the_right_line_when_two_top_codes_are_violated),
      cmocka_unit_test(fit_should_settle_on_a_vertex_of_two_top_codes),
      cmocka_unit_test(fit_should_report_the_implied_mean_gap),
      cmocka_unit_test(fit_should_give_the_gini_of_a_lognormal),
      cmocka_unit_test(fit_should_flag_collapsed_percentiles),
      cmocka_unit_test(fit_should_use_the_mean_when_few_percentiles_remain),
      cmocka_unit_test(fit_should_use_the_mean_on_request),
      cmocka_unit_test(fit_should_solve_one_percentile_with_the_mean),
      cmocka_unit_test(fit_with_the_mean_should_keep_the_top_codes),
      cmocka_unit_test(fit_should_refuse_fewer_than_two_usable_values),
      cmocka_unit_test(fit_should_refuse_decreasing_percentiles),
      cmocka_unit_test(fit_should_refuse_a_published_value_below_a_top_code),
      cmocka_unit_test(fit_should_refuse_non_positive_wages),
      cmocka_unit_test(fit_should_refuse_bad_levels),
      cmocka_unit_test(fit_should_refuse_a_bad_mean),
      cmocka_unit_test(fit_should_refuse_percentiles_without_spread),
      cmocka_unit_test(fit_should_refuse_missing_arguments),
      cmocka_unit_test(lognormal_should_give_quantiles_and_shares),
      cmocka_unit_test(lognormal_should_refuse_bad_levels_and_wages),
      cmocka_unit_test(interp_should_pass_through_the_published_points_and_rise),
      cmocka_unit_test(interp_should_reproduce_a_lognormal),
      cmocka_unit_test(interp_should_use_a_line_through_two_points),
      cmocka_unit_test(interp_should_refuse_fewer_than_two_points),
      cmocka_unit_test(compare_should_flag_levels_beyond_the_margin),
      cmocka_unit_test(mixture_of_identical_components_should_equal_the_component),
      cmocka_unit_test(mixture_gini_should_match_an_independent_integration),
      cmocka_unit_test(mixture_quantile_should_round_trip_through_its_cdf),
      cmocka_unit_test(mixture_should_ignore_components_of_weight_zero),
      cmocka_unit_test(mixture_should_refuse_bad_weights),
      cmocka_unit_test(boot_should_be_reproducible_and_contain_the_estimate),
      cmocka_unit_test(boot_should_keep_top_codes_and_use_the_mean_path),
      cmocka_unit_test(boot_should_refuse_bad_options),
  };
  gsl_set_error_handler_off();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
