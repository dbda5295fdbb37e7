/*
 * test_regress.c - the summary and OLS regression against NIST StRD certified values
 * (tests/data/nist/, written by make_nist.py and checked there with exact arithmetic), a
 * hand-worked fit, and one test per error path.
 *
 * Accuracy is counted as NIST does, in correct significant digits: the log relative error
 * LRE = -log10(|est - cert| / |cert|), or -log10(|est|) where the certified value is 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analyzer/lab_regress.h"
#include "datasets/lab_table.h"
#include "test_util.h"

#include <gsl/gsl_errno.h>
#include <math.h>

#define NIST_DIR LAB_TEST_DATA "/nist/"
#define MAX_COLS 8
#define LRE_CAP 16.0 /* beyond double precision: report exact agreement as 16 digits */
#define PI 3.14159265358979323846

/* -------------------------------------------------------------------- reading our CSV files */

struct table {
  size_t ncol;
  char names[MAX_COLS][32];
  double *col[MAX_COLS];
  char **text; /* certified.csv: 3 text cells per row */
  size_t n, cap;
};

static lab_status t_begin(void *ctx, const struct lab_table_meta *meta, const struct lab_row *h,
                          struct lab_error *err)
{
  struct table *t = ctx;

  (void)meta;
  (void)err;
  t->ncol = h->n < MAX_COLS ? h->n : MAX_COLS;
  for (size_t j = 0; j < t->ncol; j++)
    snprintf(t->names[j], sizeof(t->names[j]), "%s", h->field[j]);
  return LAB_OK;
}

static lab_status t_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct table *t = ctx;

  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 64;
    for (size_t j = 0; j < t->ncol; j++)
      t->col[j] = realloc(t->col[j], t->cap * sizeof(double));
    t->text = realloc(t->text, 3 * t->cap * sizeof(char *));
  }
  for (size_t j = 0; j < t->ncol; j++)
    t->col[j][t->n] = j < row->n ? strtod(row->field[j], NULL) : NAN;
  for (size_t j = 0; j < 3; j++)
    t->text[3 * t->n + j] = j < row->n ? strdup(row->field[j]) : NULL;
  (void)err;
  t->n++;
  return LAB_OK;
}

static lab_status t_end(void *ctx, struct lab_error *err)
{
  (void)ctx;
  (void)err;
  return LAB_OK;
}

static void table_free(struct table *t)
{
  for (size_t j = 0; j < MAX_COLS; j++)
    free(t->col[j]);
  for (size_t i = 0; t->text && i < 3 * t->n; i++)
    free(t->text[i]);
  free(t->text);
}

static void load(const char *file, struct table *t)
{
  struct lab_sink sink = {.ctx = t, .begin = t_begin, .row = t_row, .end = t_end};
  char path[512];
  FILE *f;
  char *data;
  long len;
  struct lab_error err = {0};

  memset(t, 0, sizeof(*t));
  snprintf(path, sizeof(path), NIST_DIR "%s", file);
  f = fopen(path, "rb");
  if (!f)
    fail_msg("cannot open %s", path);
  fseek(f, 0, SEEK_END);
  len = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = malloc((size_t)len + 1);
  assert_non_null(data);
  assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  assert_int_equal(lab_csv_read(data, (size_t)len, path, &sink, &err), LAB_OK);
  free(data);
}

/* The certified value of (dataset, quantity) from certified.csv. */
static double certified(const struct table *cert, const char *dataset, const char *quantity)
{
  for (size_t i = 0; i < cert->n; i++)
    if (strcmp(cert->text[3 * i], dataset) == 0 && strcmp(cert->text[3 * i + 1], quantity) == 0)
      return strtod(cert->text[3 * i + 2], NULL);
  fail_msg("no certified %s for %s", quantity, dataset);
  return NAN;
}

static double lre(double est, double cert)
{
  double e = cert == 0 ? fabs(est) : fabs(est - cert) / fabs(cert);

  if (!isfinite(est))
    return 0;
  return e == 0 ? LRE_CAP : fmin(LRE_CAP, -log10(e));
}

/* ------------------------------------------------------------------------ NIST regression */

struct nist_model {
  const char *name;
  size_t degree;
  bool intercept;
  double digits; /* the LRE every certified quantity must reach */
};

/* Term names as make_nist.py writes them: intercept, x, x^2, ... or the column names. */
static void term_name(const struct nist_model *m, const struct table *t, size_t j, char *out,
                      size_t size)
{
  size_t term = m->intercept ? j : j + 1; /* 0 = intercept */
  int n;                                  /* a name cut to size is fine for a message */

  if (term == 0)
    n = snprintf(out, size, "intercept");
  else if (m->degree > 1 && term > 1)
    n = snprintf(out, size, "x^%zu", term);
  else
    n = snprintf(out, size, "%s", m->degree > 1 ? "x" : t->names[term]);
  (void)n;
}

static void check_nist_regression(const struct nist_model *m)
{
  struct table t, cert;
  struct lab_regress r = {0};
  struct lab_regress_opts o = {.intercept = m->intercept, .degree = m->degree};
  struct lab_error err = {0};
  const double *x[MAX_COLS];
  char file[64], q[64], term[16];
  double est_lre = LRE_CAP, se_lre = LRE_CAP, rsd_lre, r2_lre;

  snprintf(file, sizeof(file), "%s.csv", m->name);
  load(file, &t);
  load("certified.csv", &cert);
  for (size_t j = 1; j < t.ncol; j++)
    x[j - 1] = t.col[j];
  if (lab_an_regress(t.col[0], x, t.n, t.ncol - 1, &o, &r, &err) != LAB_OK)
    fail_msg("%s: %s", m->name, err.msg);
  for (size_t j = 0; j < r.p; j++) {
    term_name(m, &t, j, term, sizeof(term));
    snprintf(q, sizeof(q), "estimate:%s", term);
    est_lre = fmin(est_lre, lre(r.coef[j].estimate, certified(&cert, m->name, q)));
    snprintf(q, sizeof(q), "std_error:%s", term);
    se_lre = fmin(se_lre, lre(r.coef[j].std_error, certified(&cert, m->name, q)));
  }
  rsd_lre = lre(r.residual_sd, certified(&cert, m->name, "residual_sd"));
  r2_lre = lre(r.r_squared, certified(&cert, m->name, "r_squared"));
  print_message("%-9s LRE (digits): estimates %.1f, std errors %.1f, residual sd %.1f, "
                "R-squared %.1f (%zu refinement steps)\n",
                m->name, est_lre, se_lre, rsd_lre, r2_lre, r.refine_steps);
  if (est_lre < m->digits || se_lre < m->digits || rsd_lre < m->digits || r2_lre < m->digits)
    fail_msg("%s reaches fewer than %.0f digits", m->name, m->digits);
  assert_int_equal(r.uncentred, !m->intercept);
  assert_int_equal(r.df, t.n - r.p);
  lab_an_regress_release(&r);
  table_free(&t);
  table_free(&cert);
}

#define NIST_REGRESSION_TEST(NAME, DEGREE, INTERCEPT, DIGITS)                                      \
  static void regress_should_match_nist_##NAME(void **state)                                       \
  {                                                                                                \
    static const struct nist_model m = {#NAME, DEGREE, INTERCEPT, DIGITS};                         \
    (void)state;                                                                                   \
    check_nist_regression(&m);                                                                     \
  }

/* The requirement is 9 digits everywhere; we assert 12, what every problem reaches with a
 * margin (measured 13.2 to 16; Filip 14.0, Wampler2 13.2 = the limit of its data in double). */
NIST_REGRESSION_TEST(Norris, 1, true, 12)
NIST_REGRESSION_TEST(Pontius, 2, true, 12)
NIST_REGRESSION_TEST(NoInt1, 1, false, 12)
NIST_REGRESSION_TEST(NoInt2, 1, false, 12)
NIST_REGRESSION_TEST(Filip, 10, true, 12)
NIST_REGRESSION_TEST(Longley, 1, true, 12)
NIST_REGRESSION_TEST(Wampler1, 5, true, 12)
NIST_REGRESSION_TEST(Wampler2, 5, true, 12)
NIST_REGRESSION_TEST(Wampler3, 5, true, 12)
NIST_REGRESSION_TEST(Wampler4, 5, true, 12)
NIST_REGRESSION_TEST(Wampler5, 5, true, 12)

/* ------------------------------------------------------------------------ NIST univariate */

static void check_nist_summary(const char *name, double mean_digits, double sd_digits,
                               double lag_digits)
{
  struct table t, cert;
  struct lab_summary s;
  struct lab_error err = {0};
  char file[64];
  double lm, ls, ll;

  snprintf(file, sizeof(file), "%s.csv", name);
  load(file, &t);
  load("certified.csv", &cert);
  assert_int_equal(lab_an_summary(t.col[0], t.n, &s, &err), LAB_OK);
  lm = lre(s.mean, certified(&cert, name, "mean"));
  ls = lre(s.sd, certified(&cert, name, "sd"));
  ll = lre(s.lag1, certified(&cert, name, "lag1_autocorrelation"));
  print_message("%-9s LRE (digits): mean %.1f, sd %.1f, lag-1 autocorrelation %.1f\n", name, lm, ls,
                ll);
  if (lm < mean_digits || ls < sd_digits || ll < lag_digits)
    fail_msg("%s: fewer digits than required", name);
  assert_int_equal(s.n, t.n);
  table_free(&t);
  table_free(&cert);
}

#define NIST_SUMMARY_TEST(NAME, MEAN, SD, LAG)                                                     \
  static void summary_should_match_nist_##NAME(void **state)                                       \
  {                                                                                                \
    (void)state;                                                                                   \
    check_nist_summary(#NAME, MEAN, SD, LAG);                                                      \
  }

/* Required: 9 digits. Asserted: 12 (measured 13.1 to 16) except where the data rounded to
 * double are themselves further from the certified value: NumAcc3 (1000000.2 +- 0.1), whose
 * exact sd after rounding agrees with the certified 0.1 to 9.5 digits, and NumAcc4
 * (10000000.2 +- 0.1) to 8.3 digits (make_nist.py computes both exactly; docs/methods.md). */
NIST_SUMMARY_TEST(Lew, 12, 12, 12)
NIST_SUMMARY_TEST(Lottery, 12, 12, 12)
NIST_SUMMARY_TEST(Mavro, 12, 12, 12)
NIST_SUMMARY_TEST(Michelso, 12, 12, 12)
NIST_SUMMARY_TEST(NumAcc1, 12, 12, 12)
NIST_SUMMARY_TEST(NumAcc2, 12, 12, 12)
NIST_SUMMARY_TEST(NumAcc3, 12, 9, 12)
NIST_SUMMARY_TEST(NumAcc4, 12, 8, 12)
NIST_SUMMARY_TEST(PiDigits, 12, 12, 12)

/* --------------------------------------------------------------------- hand-worked checks */

static void summary_should_use_the_gsl_type_7_quantiles(void **state)
{
  /* 1..10 in reverse order: (n - 1) f = 0.9 -> 1 + 0.9 = 1.9; 2.25 -> 3.25; 4.5 -> 5.5;
   * 6.75 -> 7.75; 8.1 -> 9.1. Mean 5.5, sd sqrt(82.5 / 9), lag-1: the centred values are
   * 4.5, 3.5, ..., -4.5 and sum d_i d_{i-1} = 2 (15.75 + 8.75 + 3.75 + 0.75) - 0.25 = 57.75,
   * so 57.75 / 82.5 = 0.7. */
  const double x[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  struct lab_summary s;

  (void)state;
  assert_int_equal(lab_an_summary(x, 10, &s, NULL), LAB_OK);
  assert_close(s.p10, 1.9, 1e-15);
  assert_close(s.p25, 3.25, 1e-15);
  assert_close(s.median, 5.5, 1e-15);
  assert_close(s.p75, 7.75, 1e-15);
  assert_close(s.p90, 9.1, 1e-15);
  assert_close(s.min, 1, 0);
  assert_close(s.max, 10, 0);
  assert_close(s.mean, 5.5, 0);
  assert_close(s.sd, sqrt(82.5 / 9), 1e-15);
  assert_close(s.lag1, 0.7, 1e-15);
}

static void summary_should_give_no_sd_for_one_value(void **state)
{
  const double x[] = {42};
  struct lab_summary s;

  (void)state;
  assert_int_equal(lab_an_summary(x, 1, &s, NULL), LAB_OK);
  assert_int_equal(s.n, 1);
  assert_close(s.mean, 42, 0);
  assert_close(s.median, 42, 0);
  assert_true(isnan(s.sd));
  assert_true(isnan(s.lag1));
}

static void summary_should_give_no_autocorrelation_for_constant_data(void **state)
{
  const double x[] = {3, 3, 3, 3};
  struct lab_summary s;

  (void)state;
  assert_int_equal(lab_an_summary(x, 4, &s, NULL), LAB_OK);
  assert_close(s.sd, 0, 0);
  assert_true(isnan(s.lag1));
}

static void summary_should_refuse_no_values(void **state)
{
  const double x[] = {1};
  struct lab_summary s;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_an_summary(x, 0, &s, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "no values"));
}

static void summary_should_refuse_a_non_finite_value(void **state)
{
  const double x[] = {1, 2, NAN, 4};
  struct lab_summary s;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_an_summary(x, 4, &s, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "value 3"));
}

static void summary_should_refuse_null_arguments(void **state)
{
  const double x[] = {1};
  struct lab_summary s;

  (void)state;
  assert_int_equal(lab_an_summary(NULL, 1, &s, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_an_summary(x, 1, NULL, NULL), LAB_ERR_INVALID);
}

static void regress_should_match_a_hand_worked_fit(void **state)
{
  /* x = 1..5, y = 1 3 2 5 4: Sxx = 10, Sxy = 8, slope 0.8, intercept 3 - 0.8 * 3 = 0.6,
   * residuals -0.4 0.8 -1 1.2 -0.6, SSE 3.6, df 3, s^2 1.2, SST 10, R^2 0.64, adjusted
   * 1 - 0.36 * 4 / 3 = 0.52. se(slope) = sqrt(1.2 / 10), se(intercept) = sqrt(1.2 (1/5 + 9/10)).
   * With 3 df the t CDF is closed-form: p = 1 - (2/pi) (a / (1 + a^2) + atan a), a = |t|/sqrt 3.
   * For the slope a = 4/3: p = 1 - (2/pi) (0.48 + atan(4/3)) = 0.10408803866182781. */
  const double x[] = {1, 2, 3, 4, 5}, y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {x};
  struct lab_regress_opts o = {.intercept = true, .degree = 1};
  struct lab_regress r;
  double a0 = 0.5222329678670935 / sqrt(3);

  (void)state;
  assert_int_equal(lab_an_regress(y, xs, 5, 1, &o, &r, NULL), LAB_OK);
  assert_int_equal(r.p, 2);
  assert_int_equal(r.df, 3);
  assert_close(r.coef[0].estimate, 0.6, 1e-14);
  assert_close(r.coef[1].estimate, 0.8, 1e-15);
  assert_close(r.coef[1].std_error, 0.34641016151377546, 1e-15);
  assert_close(r.coef[0].std_error, 1.1489125293076057, 1e-14);
  assert_close(r.coef[1].t, 2.3094010767585034, 1e-14);
  assert_close(r.coef[0].t, 0.5222329678670935, 1e-14);
  assert_close(r.coef[1].p, 1 - 2 / PI * (0.48 + atan(4.0 / 3)), 1e-14);
  assert_close(r.coef[0].p, 1 - 2 / PI * (a0 / (1 + a0 * a0) + atan(a0)), 1e-14);
  assert_close(r.residual_sd, sqrt(1.2), 1e-15);
  assert_close(r.r_squared, 0.64, 1e-15);
  assert_close(r.adj_r_squared, 0.52, 1e-15);
  assert_false(r.uncentred);
  lab_an_regress_release(&r);
}

static void regress_should_report_the_uncentred_r_squared_without_intercept(void **state)
{
  /* y = 2x exactly except the last point: x = 1 2 3, y = 2 4 7. b = sum xy / sum x^2 = 31/14,
   * SSE = sum y^2 - b sum xy = 69 - 961/14 = 5/14, R^2 = 1 - (5/14) / 69, adjusted with n = 3
   * and df = 2: 1 - (5/14)/69 * 3/2. */
  const double x[] = {1, 2, 3}, y[] = {2, 4, 7};
  const double *xs[] = {x};
  struct lab_regress_opts o = {.intercept = false, .degree = 1};
  struct lab_regress r;

  (void)state;
  assert_int_equal(lab_an_regress(y, xs, 3, 1, &o, &r, NULL), LAB_OK);
  assert_int_equal(r.p, 1);
  assert_true(r.uncentred);
  assert_close(r.coef[0].estimate, 31.0 / 14, 1e-15);
  assert_close(r.r_squared, 1 - (5.0 / 14) / 69, 1e-15);
  assert_close(r.adj_r_squared, 1 - (5.0 / 14) / 69 * 1.5, 1e-15);
  lab_an_regress_release(&r);
}

/* ----------------------------------------------------------------------------- error paths */

static lab_status fit(const double *y, const double *const *x, size_t n, size_t k, bool icpt,
                      size_t degree, struct lab_error *err)
{
  struct lab_regress_opts o = {.intercept = icpt, .degree = degree};
  struct lab_regress r;
  lab_status st = lab_an_regress(y, x, n, k, &o, &r, err);

  if (st == LAB_OK)
    lab_an_regress_release(&r);
  else
    assert_null(r.coef); /* left empty on failure */
  return st;
}

static void regress_should_refuse_too_few_observations(void **state)
{
  const double x[] = {1, 2, 3}, y[] = {1, 2, 4};
  const double *xs[] = {x};
  struct lab_error err = {0};

  (void)state;
  /* a quadratic with intercept has 3 coefficients: 3 rows leave no residual df */
  assert_int_equal(fit(y, xs, 3, 1, true, 2, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "3 observations cannot estimate 3 coefficients"));
}

static void regress_should_refuse_duplicate_columns(void **state)
{
  const double a[] = {1, 2, 3, 4, 6}, y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {a, a};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(fit(y, xs, 5, 2, true, 1, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "rank-deficient"));
}

static void regress_should_refuse_collinear_columns(void **state)
{
  /* c = 2a - b exactly */
  const double a[] = {1, 2, 3, 4, 6, 7}, b[] = {3, 1, 4, 1, 5, 9}, c[] = {-1, 3, 2, 7, 7, 5};
  const double y[] = {1, 3, 2, 5, 4, 6};
  const double *xs[] = {a, b, c};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(fit(y, xs, 6, 3, true, 1, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "rank-deficient"));
}

static void regress_should_refuse_a_constant_predictor_with_intercept(void **state)
{
  const double x[] = {2, 2, 2, 2}, y[] = {1, 3, 2, 5};
  const double *xs[] = {x};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(fit(y, xs, 4, 1, true, 1, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "rank-deficient"));
}

static void regress_should_refuse_an_all_zero_column(void **state)
{
  const double x[] = {0, 0, 0, 0}, y[] = {1, 3, 2, 5};
  const double *xs[] = {x};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(fit(y, xs, 4, 1, false, 1, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "all zeros"));
}

static void regress_should_refuse_non_finite_values(void **state)
{
  const double x[] = {1, 2, 3, 4}, xbad[] = {1, INFINITY, 3, 4};
  const double y[] = {1, 3, 2, 5}, ybad[] = {1, 3, NAN, 5};
  const double *xs[] = {x}, *xsbad[] = {xbad};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(fit(ybad, xs, 4, 1, true, 1, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "row 3"));
  assert_int_equal(fit(y, xsbad, 4, 1, true, 1, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "predictor 1 in row 2"));
}

static void regress_should_refuse_a_polynomial_in_two_predictors(void **state)
{
  const double x[] = {1, 2, 3, 4, 5}, y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {x, y};
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(fit(y, xs, 5, 2, true, 2, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "exactly one predictor"));
}

static void regress_should_refuse_degree_zero(void **state)
{
  const double x[] = {1, 2, 3, 4, 5}, y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {x};

  (void)state;
  assert_int_equal(fit(y, xs, 5, 1, true, 0, NULL), LAB_ERR_INVALID);
}

static void regress_should_refuse_no_predictors(void **state)
{
  const double y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {y};

  (void)state;
  assert_int_equal(fit(y, xs, 5, 0, true, 1, NULL), LAB_ERR_INVALID);
}

static void regress_should_refuse_null_arguments(void **state)
{
  const double x[] = {1, 2, 3, 4, 5}, y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {x}, *xnull[] = {NULL};
  struct lab_regress_opts o = {.intercept = true, .degree = 1};
  struct lab_regress r;

  (void)state;
  assert_int_equal(fit(NULL, xs, 5, 1, true, 1, NULL), LAB_ERR_INVALID);
  assert_int_equal(fit(y, NULL, 5, 1, true, 1, NULL), LAB_ERR_INVALID);
  assert_int_equal(fit(y, xnull, 5, 1, true, 1, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_an_regress(y, xs, 5, 1, NULL, &r, NULL), LAB_ERR_INVALID);
  assert_int_equal(lab_an_regress(y, xs, 5, 1, &o, NULL, NULL), LAB_ERR_INVALID);
}

static void regress_should_refuse_a_bad_rank_tolerance(void **state)
{
  const double x[] = {1, 2, 3, 4, 5}, y[] = {1, 3, 2, 5, 4};
  const double *xs[] = {x};
  struct lab_regress_opts o = {.intercept = true, .degree = 1, .rank_tol = 1.5};
  struct lab_regress r;

  (void)state;
  assert_int_equal(lab_an_regress(y, xs, 5, 1, &o, &r, NULL), LAB_ERR_INVALID);
  o.rank_tol = -1;
  assert_int_equal(lab_an_regress(y, xs, 5, 1, &o, &r, NULL), LAB_ERR_INVALID);
}

static void regress_should_honour_a_stricter_rank_tolerance(void **state)
{
  /* Filip is well inside the default tolerance (scaled condition number about 5e9) but not
   * inside 1e-6. */
  struct table t;
  struct lab_regress_opts o = {.intercept = true, .degree = 10, .rank_tol = 1e-6};
  struct lab_regress r;
  struct lab_error err = {0};
  const double *xs[1];

  (void)state;
  load("Filip.csv", &t);
  xs[0] = t.col[1];
  assert_int_equal(lab_an_regress(t.col[0], xs, t.n, 1, &o, &r, &err), LAB_ERR_DOMAIN);
  assert_non_null(strstr(err.msg, "rank-deficient"));
  table_free(&t);
}

static void regress_release_should_accept_null_and_empty(void **state)
{
  struct lab_regress r = {0};

  (void)state;
  lab_an_regress_release(NULL);
  lab_an_regress_release(&r);
  lab_an_regress_release(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(regress_should_match_nist_Norris),
      cmocka_unit_test(regress_should_match_nist_Pontius),
      cmocka_unit_test(regress_should_match_nist_NoInt1),
      cmocka_unit_test(regress_should_match_nist_NoInt2),
      cmocka_unit_test(regress_should_match_nist_Filip),
      cmocka_unit_test(regress_should_match_nist_Longley),
      cmocka_unit_test(regress_should_match_nist_Wampler1),
      cmocka_unit_test(regress_should_match_nist_Wampler2),
      cmocka_unit_test(regress_should_match_nist_Wampler3),
      cmocka_unit_test(regress_should_match_nist_Wampler4),
      cmocka_unit_test(regress_should_match_nist_Wampler5),
      cmocka_unit_test(summary_should_match_nist_Lew),
      cmocka_unit_test(summary_should_match_nist_Lottery),
      cmocka_unit_test(summary_should_match_nist_Mavro),
      cmocka_unit_test(summary_should_match_nist_Michelso),
      cmocka_unit_test(summary_should_match_nist_NumAcc1),
      cmocka_unit_test(summary_should_match_nist_NumAcc2),
      cmocka_unit_test(summary_should_match_nist_NumAcc3),
      cmocka_unit_test(summary_should_match_nist_NumAcc4),
      cmocka_unit_test(summary_should_match_nist_PiDigits),
      cmocka_unit_test(summary_should_use_the_gsl_type_7_quantiles),
      cmocka_unit_test(summary_should_give_no_sd_for_one_value),
      cmocka_unit_test(summary_should_give_no_autocorrelation_for_constant_data),
      cmocka_unit_test(summary_should_refuse_no_values),
      cmocka_unit_test(summary_should_refuse_a_non_finite_value),
      cmocka_unit_test(summary_should_refuse_null_arguments),
      cmocka_unit_test(regress_should_match_a_hand_worked_fit),
      cmocka_unit_test(regress_should_report_the_uncentred_r_squared_without_intercept),
      cmocka_unit_test(regress_should_refuse_too_few_observations),
      cmocka_unit_test(regress_should_refuse_duplicate_columns),
      cmocka_unit_test(regress_should_refuse_collinear_columns),
      cmocka_unit_test(regress_should_refuse_a_constant_predictor_with_intercept),
      cmocka_unit_test(regress_should_refuse_an_all_zero_column),
      cmocka_unit_test(regress_should_refuse_non_finite_values),
      cmocka_unit_test(regress_should_refuse_a_polynomial_in_two_predictors),
      cmocka_unit_test(regress_should_refuse_degree_zero),
      cmocka_unit_test(regress_should_refuse_no_predictors),
      cmocka_unit_test(regress_should_refuse_null_arguments),
      cmocka_unit_test(regress_should_refuse_a_bad_rank_tolerance),
      cmocka_unit_test(regress_should_honour_a_stricter_rank_tolerance),
      cmocka_unit_test(regress_release_should_accept_null_and_empty),
  };
  gsl_set_error_handler_off();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
