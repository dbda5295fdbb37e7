/*
 * test_trend.c - log-linear trends, Theil-Sen, CAGR, deflators and projection arithmetic, with
 * expectations computed independently of our code (Python standard library, by hand).
 *
 * The log-linear fit of the May 2014-2018 national annual medians of 29-2071 (35,900, 37,110,
 * 38,040, 39,180, 40,350; BLS OEWS national files) was computed with this Python 3 script
 * (standard library only; t(0.975, 3) = 3.182446305284263 from a t table):
 *
 *   import math, statistics
 *   t = [2014, 2015, 2016, 2017, 2018]; y = [35900, 37110, 38040, 39180, 40350]
 *   n = len(t); tm = sum(t) / n; x = [a - tm for a in t]; ly = [math.log(v) for v in y]
 *   Sxx = sum(a * a for a in x); b = sum(a * l for a, l in zip(x, ly)) / Sxx
 *   a0 = sum(ly) / n
 *   ssr = sum((l - a0 - b * xx) ** 2 for xx, l in zip(x, ly)); s2 = ssr / (n - 2)
 *   se = math.sqrt(s2 / Sxx); tq = 3.182446305284263
 *   print(b, se, a0, math.sqrt(s2))            # 0.02879881358873391 0.0006336526900175089
 *                                              # 10.547559242077392 0.0020037857459479676
 *   print(b - tq * se, b + tq * se)            # 0.026782247926554252 0.030815379250913565
 *   print(math.expm1(b), math.expm1(b - tq * se), math.expm1(b + tq * se))
 *                                              # 0.02921750906738282 0.02714411564929656
 *                                              # 0.031295087838041
 *   print((40350 / 35900) ** (1 / 4) - 1)      # 0.02964442563023928
 *   sl = [(ly[j] - ly[i]) / (t[j] - t[i]) for i in range(n) for j in range(i + 1, n)]
 *   print(statistics.median(sl))               # 0.029178281906409552
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/lab_trend.h"
#include "test_util.h"

#include <gsl/gsl_errno.h>
#include <math.h>

/* ---------------------------------------------------------------------- log-linear fit */

static void fit_should_match_a_hand_worked_log_linear_trend(void **state)
{
  const double t[] = {2014, 2015, 2016, 2017, 2018};
  const double y[] = {35900, 37110, 38040, 39180, 40350};
  struct lab_trend_fit f;

  (void)state;
  assert_int_equal(lab_trend_fit(t, y, 5, 0.95, &f, NULL), LAB_OK);
  assert_int_equal(f.n, 5);
  assert_int_equal(f.df, 3);
  assert_close(f.year_mean, 2016, 0);
  assert_close(f.slope, 0.02879881358873391, 1e-13);
  assert_close(f.slope_se, 0.0006336526900175089, 1e-13);
  assert_close(f.intercept, 10.547559242077392, 1e-12);
  assert_close(f.residual_sd, 0.0020037857459479676, 1e-13);
  assert_close(f.slope_ci.lo, 0.026782247926554252, 1e-12);
  assert_close(f.slope_ci.hi, 0.030815379250913565, 1e-12);
  assert_close(f.growth, 0.02921750906738282, 1e-13);
  assert_close(f.growth_ci.lo, 0.02714411564929656, 1e-12);
  assert_close(f.growth_ci.hi, 0.031295087838041, 1e-12);
  assert_close(f.cagr, 0.02964442563023928, 1e-13);
  assert_close(f.theil_sen_slope, 0.029178281906409552, 1e-13);
  assert_close(f.first_year, 2014, 0);
  assert_close(f.last_year, 2018, 0);
}

static void fit_should_not_depend_on_the_order_of_the_points(void **state)
{
  const double t[] = {2016, 2018, 2014, 2017, 2015};
  const double y[] = {38040, 40350, 35900, 39180, 37110};
  struct lab_trend_fit f;

  (void)state;
  assert_int_equal(lab_trend_fit(t, y, 5, 0.95, &f, NULL), LAB_OK);
  assert_close(f.slope, 0.02879881358873391, 1e-13);
  assert_close(f.cagr, 0.02964442563023928, 1e-13); /* endpoints by year, not by position */
  assert_close(f.theil_sen_slope, 0.029178281906409552, 1e-13);
}

static void fit_should_recover_exact_ten_percent_growth(void **state)
{
  /* 100 * 1.1^k: ln y is exactly linear with slope ln 1.1 = 0.09531017980432493 */
  const double t[] = {2020, 2021, 2022, 2023};
  const double y[] = {100, 110, 121, 133.1};
  struct lab_trend_fit f;

  (void)state;
  assert_int_equal(lab_trend_fit(t, y, 4, 0.95, &f, NULL), LAB_OK);
  assert_close(f.slope, 0.09531017980432493, 1e-13);
  assert_close(f.growth, 0.1, 1e-13);
  assert_close(f.cagr, 0.1, 1e-13);
  assert_close(f.theil_sen_growth, 0.1, 1e-13);
  assert_close(f.slope_se, 0, 1e-9);
}

static void fit_should_give_the_slope_only_for_two_points(void **state)
{
  const double t[] = {2014, 2024};
  const double y[] = {50000, 60000};
  struct lab_trend_fit f;

  (void)state;
  assert_int_equal(lab_trend_fit(t, y, 2, 0.95, &f, NULL), LAB_OK);
  assert_int_equal(f.df, 0);
  /* ln(1.2) / 10 = 0.01823215567939546 */
  assert_close(f.slope, 0.01823215567939546, 1e-14);
  assert_close(f.theil_sen_slope, 0.01823215567939546, 1e-14);
  /* 1.2^(1/10) - 1 = 0.01839937614702425 */
  assert_close(f.cagr, 0.01839937614702425, 1e-14);
  assert_true(isnan(f.slope_se));
  assert_true(isnan(f.slope_ci.lo) && isnan(f.slope_ci.hi));
  assert_true(isnan(f.growth_ci.lo) && isnan(f.growth_ci.hi));
}

static void fit_should_refuse_bad_series(void **state)
{
  const double t[] = {2014, 2015, 2016};
  const double dup[] = {2014, 2015, 2014};
  const double ok[] = {1, 2, 3};
  const double zero[] = {1, 0, 3};
  const double neg[] = {1, -2, 3};
  const double nan_y[] = {1, NAN, 3};
  const double inf_t[] = {2014, INFINITY, 2016};
  struct lab_trend_fit f;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_trend_fit(t, ok, 1, 0.95, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "at least 2 years"));
  assert_int_equal(lab_trend_fit(t, zero, 3, 0.95, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "positive values"));
  assert_int_equal(lab_trend_fit(t, neg, 3, 0.95, &f, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_fit(t, nan_y, 3, 0.95, &f, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_fit(inf_t, ok, 3, 0.95, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "not a finite number"));
  assert_int_equal(lab_trend_fit(dup, ok, 3, 0.95, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "year 2014 appears twice"));
  assert_int_equal(lab_trend_fit(t, ok, 3, 1.0, &f, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_fit(t, ok, 3, 0, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "confidence level"));
}

/* --------------------------------------------------------------------------- Theil-Sen */

static void theil_sen_should_ignore_one_outlier(void **state)
{
  /* ln y = 0.1 k, except point 4 multiplied by 10. The 15 pairwise slopes are 0.1 (10 of them,
     the pairs without point 4) and the 5 through point 4: -2.2026, -1.0513, 0.8675, 1.2513,
     2.4026 (Python: statistics.median(...) = 0.1). OLS is pulled up by the outlier. */
  double t[] = {1, 2, 3, 4, 5, 6};
  double y[6];
  double ts;
  struct lab_trend_fit f;

  (void)state;
  for (int k = 0; k < 6; k++)
    y[k] = exp(0.1 * t[k]);
  y[3] *= 10;
  assert_int_equal(lab_trend_theil_sen(t, y, 6, &ts, NULL), LAB_OK);
  assert_close(ts, 0.1, 1e-12);
  assert_int_equal(lab_trend_fit(t, y, 6, 0.95, &f, NULL), LAB_OK);
  assert_true(fabs(f.slope - 0.1) > 0.05);
  assert_close(f.theil_sen_slope, 0.1, 1e-12);
}

static void theil_sen_should_refuse_bad_series(void **state)
{
  const double t[] = {1, 1};
  const double y[] = {2, 3};
  double ts;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_trend_theil_sen(t, y, 2, &ts, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_theil_sen(t, y, 0, &ts, &err), LAB_ERR_DOMAIN);
}

/* -------------------------------------------------------------------------------- CAGR */

static void cagr_should_match_the_endpoint_formula(void **state)
{
  double g;

  (void)state;
  /* 29-9021 national tot_emp 2021 -> 2024: (37620 / 37900)^(1/3) - 1 = -0.00246871... (Python:
     (37620 / 37900) ** (1 / 3) - 1 = -0.0024687104483447353) */
  assert_int_equal(lab_trend_cagr(2021, 37900, 2024, 37620, &g, NULL), LAB_OK);
  assert_close(g, -0.0024687104483447353, 1e-15);
  /* doubling in 7 years: 2^(1/7) - 1 = 0.10408951367381225 */
  assert_int_equal(lab_trend_cagr(2000, 1, 2007, 2, &g, NULL), LAB_OK);
  assert_close(g, 0.10408951367381225, 1e-15);
  /* the same rate either way round */
  assert_int_equal(lab_trend_cagr(2007, 2, 2000, 1, &g, NULL), LAB_OK);
  assert_close(g, 0.10408951367381225, 1e-15);
}

static void cagr_should_refuse_bad_input(void **state)
{
  double g;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_trend_cagr(2020, 1, 2020, 2, &g, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "two different"));
  assert_int_equal(lab_trend_cagr(2020, 0, 2021, 2, &g, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_cagr(2020, 1, 2021, NAN, &g, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "positive values"));
}

/* ------------------------------------------------------------------------ dollar bases */

static void real_should_deflate_with_cpi_u(void **state)
{
  /* CPI-U annual averages (BLS CUUR0000SA0, ../shared/reference/deflators/
     cpi_u_CUUR0000SA0_annual_avg_2000_2024.csv): 2014 236.736, 2024 313.689.
     $50,000 of 2014 in 2024 dollars: 50000 * 313.689 / 236.736 = 66252.91463909166 */
  double r;

  (void)state;
  assert_int_equal(lab_trend_real(50000, 236.736, 313.689, &r, NULL), LAB_OK);
  assert_close(r, 66252.91463909166, 1e-9);
  /* and back: 66252.91463909166 * 236.736 / 313.689 = 50000 */
  assert_int_equal(lab_trend_real(r, 313.689, 236.736, &r, NULL), LAB_OK);
  assert_close(r, 50000, 1e-9);
  /* the base year itself is unchanged */
  assert_int_equal(lab_trend_real(35900, 313.689, 313.689, &r, NULL), LAB_OK);
  assert_close(r, 35900, 0);
}

static void rpp_adjust_should_divide_by_the_parity(void **state)
{
  /* California 2023 RPP 112.581: 152640 / 1.12581 = 135582.38068590616 */
  double a;

  (void)state;
  assert_int_equal(lab_trend_rpp_adjust(152640, 112.581, &a, NULL), LAB_OK);
  assert_close(a, 135582.38068590616, 1e-8);
  assert_int_equal(lab_trend_rpp_adjust(1000, 100, &a, NULL), LAB_OK);
  assert_close(a, 1000, 0);
}

static void deflators_should_refuse_bad_input(void **state)
{
  double v;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_trend_real(100, 0, 313.689, &v, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "CPI must be a positive number"));
  assert_int_equal(lab_trend_real(100, 236.736, -1, &v, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_real(NAN, 236.736, 313.689, &v, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_trend_rpp_adjust(100, 0, &v, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "price parity"));
  assert_int_equal(lab_trend_rpp_adjust(INFINITY, 100, &v, &err), LAB_ERR_DOMAIN);
}

/* ------------------------------------------------------------------------- projections */

static void proj_figures_should_derive_change_and_openings_rate(void **state)
{
  /* BLS 2024-34, 29-9021: 41.9 -> 48.1 thousand, 3.2 thousand openings a year.
     change 6,200; 100 * 6200 / 41900 = 14.797136038186158 %;
     1000 * 3200 / 41900 = 76.37231503579952 openings per 1,000 jobs */
  struct lab_proj_figures f;

  (void)state;
  assert_int_equal(lab_proj_figures(41900, 48100, 3200, &f, NULL), LAB_OK);
  assert_close(f.change, 6200, 1e-9);
  assert_close(f.pct_change, 14.797136038186158, 1e-12);
  assert_close(f.openings_per_1000, 76.37231503579952, 1e-12);
  assert_int_equal(lab_proj_figures(41900, 48100, NAN, &f, NULL), LAB_OK);
  assert_true(isnan(f.openings_per_1000));
}

static void constant_share_should_apply_the_national_ratio(void **state)
{
  /* a state with 1,000 jobs keeps its share: 1000 * 48100 / 41900 = 1147.9713603818616,
     openings 1000 * 3200 / 41900 = 76.37231503579952 */
  struct lab_proj_figures f;

  (void)state;
  assert_int_equal(lab_proj_constant_share(1000, 41900, 48100, 3200, &f, NULL), LAB_OK);
  assert_close(f.emp_proj, 1147.9713603818616, 1e-9);
  assert_close(f.openings, 76.37231503579952, 1e-9);
  assert_close(f.pct_change, 14.797136038186158, 1e-9); /* the national rate */
  assert_close(f.openings_per_1000, 76.37231503579952, 1e-9);
}

static void band_should_shift_by_the_halfwidth(void **state)
{
  /* published 2024-34 figures of 29-9021, half-width 13.9 pp of 41,900 = 5,824.1 */
  struct lab_proj_figures f = {.emp_base = 41900,
                               .emp_proj = 48100,
                               .change = 6200,
                               .pct_change = 14.7,
                               .openings = 3200,
                               .openings_per_1000 = NAN};
  struct lab_proj_band b;

  (void)state;
  assert_int_equal(lab_proj_band(&f, 13.9, &b, NULL), LAB_OK);
  assert_close(b.emp_proj.lo, 42275.9, 1e-9);
  assert_close(b.emp_proj.hi, 53924.1, 1e-9);
  assert_close(b.change.lo, 375.9, 1e-9);
  assert_close(b.change.hi, 12024.1, 1e-9);
  assert_close(b.pct_change.lo, 0.8, 1e-12);
  assert_close(b.pct_change.hi, 28.6, 1e-12);
  /* a declining occupation: the lower end stops at zero jobs (-100 %) */
  f = (struct lab_proj_figures){.emp_base = 100, .emp_proj = 10, .change = -90, .pct_change = -90};
  assert_int_equal(lab_proj_band(&f, 13.9, &b, NULL), LAB_OK);
  assert_close(b.emp_proj.lo, 0, 0);
  assert_close(b.change.lo, -100, 1e-12);
  assert_close(b.pct_change.lo, -100, 0);
}

static void band_halfwidth_should_be_the_largest_published_miss(void **state)
{
  /* 2002-12: projected 14.8 %, actual 0.9 % -> 13.9 pp (the others: 3.4, 2.4, 6.4) */
  const struct lab_proj_eval *from = NULL;
  const struct lab_proj_eval *evals;
  double h;
  size_t n;

  (void)state;
  evals = lab_proj_accuracy(&n);
  assert_int_equal(n, 4);
  assert_string_equal(evals[0].set, "2002-12");
  assert_int_equal(lab_proj_band_halfwidth(10, &h, &from, NULL), LAB_OK);
  assert_close(h, 13.9, 1e-12);
  assert_string_equal(from->set, "2002-12");
  assert_int_equal(lab_proj_band_halfwidth(5, &h, NULL, NULL), LAB_OK);
  assert_close(h, 6.95, 1e-12);
}

static void projections_should_refuse_bad_input(void **state)
{
  struct lab_proj_figures f;
  struct lab_proj_band b;
  struct lab_error err = {0};
  double h;

  (void)state;
  assert_int_equal(lab_proj_figures(0, 10, 1, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "base-year employment"));
  assert_int_equal(lab_proj_figures(10, -1, 1, &f, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_proj_figures(10, 12, -1, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "openings"));
  assert_int_equal(lab_proj_constant_share(0, 41900, 48100, 3200, &f, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "state's base employment"));
  assert_int_equal(lab_proj_constant_share(10, 0, 48100, 3200, &f, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_proj_constant_share(10, 41900, 48100, -3, &f, &err), LAB_ERR_DOMAIN);
  f = (struct lab_proj_figures){.emp_base = 100, .emp_proj = 110, .change = 10, .pct_change = 10};
  assert_int_equal(lab_proj_band(&f, -1, &b, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "half-width"));
  f.pct_change = NAN;
  assert_int_equal(lab_proj_band(&f, 13.9, &b, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_proj_band_halfwidth(0, &h, NULL, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "horizon"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fit_should_match_a_hand_worked_log_linear_trend),
      cmocka_unit_test(fit_should_not_depend_on_the_order_of_the_points),
      cmocka_unit_test(fit_should_recover_exact_ten_percent_growth),
      cmocka_unit_test(fit_should_give_the_slope_only_for_two_points),
      cmocka_unit_test(fit_should_refuse_bad_series),
      cmocka_unit_test(theil_sen_should_ignore_one_outlier),
      cmocka_unit_test(theil_sen_should_refuse_bad_series),
      cmocka_unit_test(cagr_should_match_the_endpoint_formula),
      cmocka_unit_test(cagr_should_refuse_bad_input),
      cmocka_unit_test(real_should_deflate_with_cpi_u),
      cmocka_unit_test(rpp_adjust_should_divide_by_the_parity),
      cmocka_unit_test(deflators_should_refuse_bad_input),
      cmocka_unit_test(proj_figures_should_derive_change_and_openings_rate),
      cmocka_unit_test(constant_share_should_apply_the_national_ratio),
      cmocka_unit_test(band_should_shift_by_the_halfwidth),
      cmocka_unit_test(band_halfwidth_should_be_the_largest_published_miss),
      cmocka_unit_test(projections_should_refuse_bad_input),
  };
  gsl_set_error_handler_off();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
