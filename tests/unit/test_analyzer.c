/*
 * test_analyzer.c - confidence intervals from published relative standard errors, with
 * hand-worked expectations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/lab_analyzer.h"
#include "test_util.h"

#include <gsl/gsl_errno.h>
#include <math.h>

static void ci_rse_should_match_a_hand_worked_interval(void **state)
{
  struct lab_interval ci;

  (void)state;
  /* May 2023 29-9021 employment 34,430 with RSE 1.4%: half-width 1.959963985 * 0.014 * 34430
     = 944.7418... (z_0.975 = 1.959963984540054) */
  assert_int_equal(lab_an_ci_rse(34430, 1.4, 0.95, &ci, NULL), LAB_OK);
  assert_close(ci.lo, 34430 - 944.7418398, 1e-6);
  assert_close(ci.hi, 34430 + 944.7418398, 1e-6);
  /* 90%: z = 1.6448536269514722; 2.385 * 10% of 1000 -> half-width 39.2297590028 */
  assert_int_equal(lab_an_ci_rse(1000, 2.385, 0.90, &ci, NULL), LAB_OK);
  assert_close(ci.hi - 1000, 39.2297590028, 1e-9);
}

static void ci_rse_should_refuse_bad_input(void **state)
{
  struct lab_interval ci;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_an_ci_rse(NAN, 1, 0.95, &ci, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_an_ci_rse(100, -1, 0.95, &ci, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_an_ci_rse(100, 1, 1.0, &ci, &err), LAB_ERR_DOMAIN);
  assert_int_equal(lab_an_ci_rse(100, 1, 0, &ci, &err), LAB_ERR_DOMAIN);
  assert_int_equal(err.status, LAB_ERR_DOMAIN);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(ci_rse_should_match_a_hand_worked_interval),
      cmocka_unit_test(ci_rse_should_refuse_bad_input),
  };
  gsl_set_error_handler_off();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
