/*
 * test_compare.c - regional measures: standard errors, differences and z-tests, delta-method
 * ratios, the location quotient recomputed from published employment, tie groups, shift-share.
 *
 * Expectations are computed independently: by hand, or with Python's standard library
 * (statistics.NormalDist), the computation pasted next to each figure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/lab_compare.h"
#include "test_util.h"

#include <gsl/gsl_errno.h>
#include <math.h>

/* ------------------------------------------------------------------------ standard errors */

static void se_from_rse_should_scale_the_estimate(void **state)
{
  double se = 0;

  (void)state;
  /* 152,640 with RSE 1.6%: 152640 * 0.016 = 2442.24 (by hand) */
  assert_int_equal(lab_cmp_se_from_rse(152640, 1.6, &se, NULL), LAB_OK);
  assert_close(se, 2442.24, 1e-9);
  /* a negative estimate: |-2.385| * 0.1 = 0.2385 */
  assert_int_equal(lab_cmp_se_from_rse(-2.385, 10, &se, NULL), LAB_OK);
  assert_close(se, 0.2385, 1e-15);
}

static void se_from_rse_should_refuse_bad_input(void **state)
{
  struct lab_error err = {0};
  double se = 0;

  (void)state;
  assert_int_equal(lab_cmp_se_from_rse(NAN, 1, &se, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_se_from_rse(100, -0.5, &se, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_se_from_rse(100, INFINITY, &se, &err), LAB_ERR_DOMAIN);
  assert_int_equal(err.status, LAB_ERR_DOMAIN);
}

/* -------------------------------------------------------------------------- differences */

static void diff_should_match_normaldist_for_a_significant_difference(void **state)
{
  struct lab_cmp_diff d;
  char text[160];

  (void)state;
  /*
   * from statistics import NormalDist; import math; N = NormalDist()
   * a, sa, b, sb = 104810.37, 1873.29, 98765.43, 2210.58
   * d = a - b; se = math.sqrt(sa*sa + sb*sb); z = d / se; p = 2 * N.cdf(-abs(z))
   * zc = N.inv_cdf(0.975)
   * -> d 6044.940000000002, se 2897.564384185449, z 2.0862142125270946,
   *    p 0.036959223395660046, CI 365.81816411054297 .. 11724.06183588946
   */
  assert_int_equal(lab_cmp_diff(104810.37, 1873.29, 98765.43, 2210.58, 0.95, &d, NULL), LAB_OK);
  assert_close(d.diff, 6044.940000000002, 1e-9);
  assert_close(d.se, 2897.564384185449, 1e-9);
  assert_close(d.z, 2.0862142125270946, 1e-12);
  assert_close(d.p, 0.036959223395660046, 1e-12);
  assert_close(d.ci.lo, 365.81816411054297, 1e-8);
  assert_close(d.ci.hi, 11724.06183588946, 1e-8);
  assert_int_equal(d.sign, 1);
  lab_cmp_verdict(&d, "California", "Texas", text, sizeof(text));
  assert_string_equal(text, "California is higher than Texas (p = 0.037)");
  /* The same pair the other way round: the sign flips, p does not. */
  assert_int_equal(lab_cmp_diff(98765.43, 2210.58, 104810.37, 1873.29, 0.95, &d, NULL), LAB_OK);
  assert_int_equal(d.sign, -1);
  assert_close(d.p, 0.036959223395660046, 1e-12);
  lab_cmp_verdict(&d, "Texas", "California", text, sizeof(text));
  assert_string_equal(text, "Texas is lower than California (p = 0.037)");
}

static void diff_should_say_no_difference_when_p_is_large(void **state)
{
  struct lab_cmp_diff d;
  char text[160];

  (void)state;
  /*
   * a, sa, b, sb = 2.385, 0.0731, 2.2871, 0.0644  (same NormalDist computation)
   * -> d 0.09789999999999965, se 0.09742160951246905, z 1.0049105171832475,
   *    p 0.314939939721695, CI -0.09304284596036436 .. 0.2888428459603637
   */
  assert_int_equal(lab_cmp_diff(2.385, 0.0731, 2.2871, 0.0644, 0.95, &d, NULL), LAB_OK);
  assert_close(d.z, 1.0049105171832475, 1e-12);
  assert_close(d.p, 0.314939939721695, 1e-12);
  assert_close(d.ci.lo, -0.09304284596036436, 1e-12);
  assert_close(d.ci.hi, 0.2888428459603637, 1e-12);
  assert_int_equal(d.sign, 0);
  lab_cmp_verdict(&d, "A", "B", text, sizeof(text));
  assert_string_equal(text, "no significant difference at 5% (p = 0.31)");
}

static void format_p_should_keep_the_side_of_alpha(void **state)
{
  char t[48];

  (void)state;
  assert_string_equal(lab_cmp_format_p(0.0031, 0.05, t, sizeof(t)), "p = 0.0031");
  assert_string_equal(lab_cmp_format_p(0.41, 0.05, t, sizeof(t)), "p = 0.41");
  assert_string_equal(lab_cmp_format_p(0.00099, 0.05, t, sizeof(t)), "p < 0.001");
  /* two digits would print 0.05, which reads as not significant */
  assert_string_equal(lab_cmp_format_p(0.04996, 0.05, t, sizeof(t)), "p = 0.04996");
  assert_string_equal(lab_cmp_format_p(0.0504, 0.05, t, sizeof(t)), "p = 0.05");
}

static void diff_should_refuse_bad_input(void **state)
{
  struct lab_cmp_diff d;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_cmp_diff(NAN, 1, 2, 1, 0.95, &d, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_diff(1, -1, 2, 1, 0.95, &d, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_diff(1, NAN, 2, 1, 0.95, &d, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_diff(1, 0, 2, 0, 0.95, &d, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "cannot be tested"));
  assert_int_equal(lab_cmp_diff(1, 1, 2, 1, 1.5, &d, &err), LAB_ERR_DOMAIN);
}

/* ------------------------------------------------------------------------------- ratios */

static void ratio_should_match_the_delta_method(void **state)
{
  struct lab_cmp_est r;

  (void)state;
  /*
   * num, sn, den, sd = 3.7291, 0.1183, 1.9317, 0.0871
   * r = num/den; v = sn**2/den**2 + num**2*sd**2/den**4; zc = NormalDist().inv_cdf(0.975)
   * -> r 1.9304757467515659, se 0.10642981377456916, CI 1.7218771448721055 .. 2.139074348631026
   */
  assert_int_equal(lab_cmp_ratio(3.7291, 0.1183, 1.9317, 0.0871, 0.95, &r, NULL), LAB_OK);
  assert_close(r.value, 1.9304757467515659, 1e-14);
  assert_close(r.se, 0.10642981377456916, 1e-14);
  assert_close(r.ci.lo, 1.7218771448721055, 1e-13);
  assert_close(r.ci.hi, 2.139074348631026, 1e-13);
  /* an unknown SE gives the ratio without an interval */
  assert_int_equal(lab_cmp_ratio(3, NAN, 2, 0.1, 0.95, &r, NULL), LAB_OK);
  assert_close(r.value, 1.5, 0);
  assert_true(isnan(r.se) && isnan(r.ci.lo) && isnan(r.ci.hi));
}

static void ratio_should_refuse_bad_input(void **state)
{
  struct lab_cmp_est r;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_cmp_ratio(1, 0.1, 0, 0.1, 0.95, &r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_ratio(INFINITY, 0.1, 2, 0.1, 0.95, &r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_ratio(1, -0.1, 2, 0.1, 0.95, &r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_ratio(1, 0.1, 2, INFINITY, 0.95, &r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_ratio(1, 0.1, 2, 0.1, 0, &r, &err), LAB_ERR_DOMAIN);
}

/*
 * May 2023 Alabama, 15-1242 Database Administrators: published LQ 1.51, jobs per 1,000 0.756.
 * Employment from ../shared/reference/oews: Alabama 15-1242 1,550 (EMP_PRSE 3.8) and 00-0000
 * 2,053,090 (0.0) in state/oews_state_M2023_15-1242_15-1243_15-2051.csv and
 * state/oews_state_M2023_46occ_selected_columns.csv; U.S. 15-1242 76,140 (1.4) and 00-0000
 * 151,853,870 (0) in national/oews_national_M2023_dl.csv.
 *   lq = (1550/2053090)/(76140/151853870)          -> 1.5056939397386935 (rounds to 1.51)
 *   jobs = 1550/2053090*1000                       -> 0.7549595974847669 (published 0.756:
 *                                                     employment is published rounded to tens)
 *   rel = math.sqrt(0.038**2 + 0.014**2); se = lq*rel -> 0.060975957178809076
 *   CI lq -/+ NormalDist().inv_cdf(0.975)*se       -> 1.3861832597453712 .. 1.6252046197320158
 *   jobs se = jobs*0.038                           -> 0.028688464704421143
 */
static void lq_should_recompute_a_published_state_value(void **state)
{
  const struct lab_cmp_lq_in in = {
      .e_area = 1550,
      .total_area = 2053090,
      .e_nat = 76140,
      .total_nat = 151853870,
      .rse_e_area = 3.8,
      .rse_total_area = 0,
      .rse_e_nat = 1.4,
      .rse_total_nat = 0,
  };
  struct lab_cmp_lq out;

  (void)state;
  assert_int_equal(lab_cmp_lq(&in, 0.95, &out, NULL), LAB_OK);
  assert_close(out.lq.value, 1.5056939397386935, 1e-13);
  assert_close(round(out.lq.value * 100) / 100, 1.51, 1e-12); /* the published value */
  assert_close(out.lq.se, 0.060975957178809076, 1e-13);
  assert_close(out.lq.ci.lo, 1.3861832597453712, 1e-12);
  assert_close(out.lq.ci.hi, 1.6252046197320158, 1e-12);
  assert_close(out.jobs_1000.value, 0.7549595974847669, 1e-14);
  assert_close(out.jobs_1000.se, 0.028688464704421143, 1e-14);
  assert_true(fabs(out.jobs_1000.value - 0.756) < 0.005); /* within rounding of the counts */
}

static void lq_should_leave_the_interval_out_without_rses(void **state)
{
  const struct lab_cmp_lq_in in = {1550, 2053090, 76140, 151853870, 3.8, 0, NAN, 0};
  struct lab_cmp_lq out;

  (void)state;
  assert_int_equal(lab_cmp_lq(&in, 0.95, &out, NULL), LAB_OK);
  assert_close(out.lq.value, 1.5056939397386935, 1e-13);
  assert_true(isnan(out.lq.se) && isnan(out.lq.ci.lo));
  assert_false(isnan(out.jobs_1000.se)); /* jobs per 1,000 needs only the area's RSEs */
}

static void lq_should_refuse_bad_input(void **state)
{
  struct lab_cmp_lq out;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_cmp_lq(&(struct lab_cmp_lq_in){1, 0, 1, 10, 1, 0, 1, 0}, 0.95, &out, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_lq(&(struct lab_cmp_lq_in){1, 10, 0, 10, 1, 0, 1, 0}, 0.95, &out, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_lq(&(struct lab_cmp_lq_in){-1, 10, 1, 10, 1, 0, 1, 0}, 0.95, &out, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_lq(&(struct lab_cmp_lq_in){20, 10, 1, 10, 1, 0, 1, 0}, 0.95, &out, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_lq(&(struct lab_cmp_lq_in){1, 10, 1, 10, -1, 0, 1, 0}, 0.95, &out, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(
      lab_cmp_lq(&(struct lab_cmp_lq_in){NAN, 10, 1, 10, 1, 0, 1, 0}, 0.95, &out, &err),
      LAB_ERR_DOMAIN);
}

/* ------------------------------------------------------------------------------ ranking */

/*
 * Hand-made example, in rank order (highest first):
 *   A 100 (se 2), B 97 (2), C 95 (1), D 90 (1), E 89 (no SE), F 88 (1), G 87.5 (1).
 * p-values (2 * NormalDist().cdf(-abs(a - b) / math.hypot(sa, sb))):
 *   B vs A 0.2888443663464849 -> B joins A's group;
 *   C vs A 0.02534731867746831 -> C opens group 2 (although C vs B is 0.371: the rule compares
 *     with the group's first entry only);
 *   D vs C 0.000406952... -> group 3; E has no SE -> group 4 alone; F follows an untested entry
 *   -> group 5; G vs F 0.7236736098317631 -> joins group 5.
 * Ranks: A, B 1-2; C 3; D 4; E 5; F, G 6-7.
 */
static void rank_should_group_entries_that_do_not_differ(void **state)
{
  /* input order D A G C E B F */
  const double value[] = {90, 100, 87.5, 95, 89, 97, 88};
  const double se[] = {1, 2, 1, 1, NAN, 2, 1};
  const size_t want_index[] = {1, 5, 3, 0, 4, 6, 2};
  const size_t want_group[] = {1, 1, 2, 3, 4, 5, 5};
  const size_t want_lo[] = {1, 1, 3, 4, 5, 6, 6};
  const size_t want_hi[] = {2, 2, 3, 4, 5, 7, 7};
  struct lab_cmp_rank r[7];

  (void)state;
  assert_int_equal(lab_cmp_rank(value, se, 7, true, 0.95, r, NULL), LAB_OK);
  for (size_t k = 0; k < 7; k++) {
    assert_int_equal(r[k].index, want_index[k]);
    assert_int_equal(r[k].group, want_group[k]);
    assert_int_equal(r[k].rank_lo, want_lo[k]);
    assert_int_equal(r[k].rank_hi, want_hi[k]);
    assert_int_equal(r[k].tested, k != 4);
  }
}

static void rank_should_sort_ascending_and_keep_equal_values_in_order(void **state)
{
  const double value[] = {3, 1, 2, 1};
  struct lab_cmp_rank r[4];

  (void)state;
  /* without SEs nothing is tested: every entry stands alone */
  assert_int_equal(lab_cmp_rank(value, NULL, 4, false, 0.95, r, NULL), LAB_OK);
  assert_int_equal(r[0].index, 1);
  assert_int_equal(r[1].index, 3);
  assert_int_equal(r[2].index, 2);
  assert_int_equal(r[3].index, 0);
  for (size_t k = 0; k < 4; k++) {
    assert_int_equal(r[k].group, k + 1);
    assert_int_equal(r[k].rank_lo, k + 1);
    assert_int_equal(r[k].rank_hi, k + 1);
  }
}

static void rank_should_refuse_bad_input(void **state)
{
  const double good[] = {1, 2};
  const double bad[] = {1, NAN};
  const double neg_se[] = {1, -1};
  struct lab_cmp_rank r[2];
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_cmp_rank(good, NULL, 0, true, 0.95, r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_rank(bad, NULL, 2, true, 0.95, r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_rank(good, neg_se, 2, true, 0.95, r, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_rank(good, NULL, 2, true, 0, r, &err), LAB_ERR_DOMAIN);
}

/* ---------------------------------------------------------------------------- shift-share */

/*
 * Two occupations, worked by hand. Nation, all occupations: 1000 -> 1100, g_N = 0.10.
 *   occ 1: nation 200 -> 260 (g_1 = 0.30), area 50 -> 70 (change +20)
 *     national 50 * 0.10 = 5; mix 50 * (0.30 - 0.10) = 10; regional 70 - 50 * 1.30 = 5
 *   occ 2: nation 400 -> 380 (g_2 = -0.05), area 80 -> 60 (change -20)
 *     national 80 * 0.10 = 8; mix 80 * (-0.05 - 0.10) = -12; regional 60 - 80 * 0.95 = -16
 *   total: base 130, end 130, change 0; national 13, mix -2, regional -11 (13 - 2 - 11 = 0);
 *     g_occ = (13 - 2) / 130 = 11/130
 */
static void shiftshare_should_match_a_hand_worked_example(void **state)
{
  const double area0[] = {50, 80}, area1[] = {70, 60}, nat0[] = {200, 400}, nat1[] = {260, 380};
  struct lab_cmp_shift per[2], total;
  double g_n = 0;

  (void)state;
  assert_int_equal(
      lab_cmp_shiftshare(area0, area1, nat0, nat1, 2, 1000, 1100, per, &total, &g_n, NULL), LAB_OK);
  assert_close(g_n, 0.10, 1e-15);
  assert_close(per[0].national, 5, 1e-12);
  assert_close(per[0].mix, 10, 1e-12);
  assert_close(per[0].regional, 5, 1e-12);
  assert_close(per[0].change, 20, 0);
  assert_close(per[0].g_occ, 0.30, 1e-15);
  assert_close(per[0].g_area, 0.40, 1e-15);
  assert_close(per[1].national, 8, 1e-12);
  assert_close(per[1].mix, -12, 1e-12);
  assert_close(per[1].regional, -16, 1e-12);
  assert_close(per[1].change, -20, 0);
  assert_close(total.base, 130, 0);
  assert_close(total.end, 130, 0);
  assert_close(total.change, 0, 0);
  assert_close(total.national, 13, 1e-12);
  assert_close(total.mix, -2, 1e-12);
  assert_close(total.regional, -11, 1e-12);
  assert_close(total.g_occ, 11.0 / 130, 1e-15);
  /* the components add up to the actual change, per occupation and in total */
  for (size_t i = 0; i < 2; i++)
    assert_close(per[i].national + per[i].mix + per[i].regional, area1[i] - area0[i], 1e-12);
  assert_close(total.national + total.mix + total.regional, total.change, 1e-12);
}

static void shiftshare_should_add_up_with_real_sized_numbers(void **state)
{
  /* CA-sized employment with high-entropy growth; the identity must hold to rounding. */
  const double area0[] = {15817.3, 2387.9, 131.7, 0};
  const double area1[] = {16122.9, 2291.4, 158.3, 42};
  const double nat0[] = {175353.1, 76139.7, 9023.9, 811.1};
  const double nat1[] = {179431.7, 74819.3, 9290.1, 901.7};
  struct lab_cmp_shift per[4], total;

  (void)state;
  assert_int_equal(lab_cmp_shiftshare(area0, area1, nat0, nat1, 4, 151853870, 154187380, per,
                                      &total, NULL, NULL),
                   LAB_OK);
  for (size_t i = 0; i < 4; i++)
    assert_close(per[i].national + per[i].mix + per[i].regional, area1[i] - area0[i], 1e-9);
  assert_close(total.change, 16122.9 + 2291.4 + 158.3 + 42 - (15817.3 + 2387.9 + 131.7), 1e-9);
  assert_true(isnan(per[3].g_area)); /* no base: the area's growth is not defined */
  assert_close(per[3].regional, 42, 0);
}

static void shiftshare_should_refuse_bad_input(void **state)
{
  const double one[] = {1}, zero[] = {0}, neg[] = {-1}, nan_[] = {NAN};
  struct lab_cmp_shift per[1];
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_cmp_shiftshare(one, one, one, one, 0, 10, 11, per, NULL, NULL, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_shiftshare(one, one, zero, one, 1, 10, 11, per, NULL, NULL, &err),
                   LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "national growth is not defined"));
  assert_int_equal(lab_cmp_shiftshare(neg, one, one, one, 1, 10, 11, per, NULL, NULL, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_shiftshare(one, nan_, one, one, 1, 10, 11, per, NULL, NULL, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_shiftshare(one, one, one, one, 1, 0, 11, per, NULL, NULL, &err),
                   LAB_ERR_DOMAIN);
  assert_int_equal(lab_cmp_shiftshare(one, one, one, one, 1, 10, NAN, per, NULL, NULL, &err),
                   LAB_ERR_DOMAIN);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(se_from_rse_should_scale_the_estimate),
      cmocka_unit_test(se_from_rse_should_refuse_bad_input),
      cmocka_unit_test(diff_should_match_normaldist_for_a_significant_difference),
      cmocka_unit_test(diff_should_say_no_difference_when_p_is_large),
      cmocka_unit_test(format_p_should_keep_the_side_of_alpha),
      cmocka_unit_test(diff_should_refuse_bad_input),
      cmocka_unit_test(ratio_should_match_the_delta_method),
      cmocka_unit_test(ratio_should_refuse_bad_input),
      cmocka_unit_test(lq_should_recompute_a_published_state_value),
      cmocka_unit_test(lq_should_leave_the_interval_out_without_rses),
      cmocka_unit_test(lq_should_refuse_bad_input),
      cmocka_unit_test(rank_should_group_entries_that_do_not_differ),
      cmocka_unit_test(rank_should_sort_ascending_and_keep_equal_values_in_order),
      cmocka_unit_test(rank_should_refuse_bad_input),
      cmocka_unit_test(shiftshare_should_match_a_hand_worked_example),
      cmocka_unit_test(shiftshare_should_add_up_with_real_sized_numbers),
      cmocka_unit_test(shiftshare_should_refuse_bad_input),
  };
  gsl_set_error_handler_off();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
