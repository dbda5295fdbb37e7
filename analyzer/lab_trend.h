/*
 * lab_trend.h - trends across releases (log-linear fit, endpoint CAGR, Theil-Sen), dollar bases
 * (CPI-U deflation, regional price parities) and the arithmetic of 10-year employment
 * projections (change, openings per 1,000 jobs, constant-share state projections, an error band
 * sized from the published accuracy of past BLS projections). Methods: docs/methods.md,
 * "Trends and projections".
 *
 * Ownership: every pointer parameter is borrowed for the duration of the call; results go to
 * caller-owned structs and out-parameters. The accuracy table returned by lab_proj_accuracy() is
 * static, read-only storage owned by the library. Nothing here keeps a pointer after returning.
 *
 * GSL's error handler must be off (gsl_set_error_handler_off(), done once by main()); GSL
 * failures are returned as LAB_ERR_DOMAIN with gsl_strerror() text.
 */
#ifndef LAB_TREND_H
#define LAB_TREND_H

#include "analyzer/lab_analyzer.h"
#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

/* ----------------------------------------------------------------------- log-linear trend */

/* A log-linear trend ln y = a + b (t - t_mean) of a positive measure y over years t. */
struct lab_trend_fit {
  size_t n;           /* points used */
  int df;             /* n - 2 */
  double level;       /* confidence level of the intervals (e.g. 0.95) */
  double year_mean;   /* t_mean: the years are centred on their mean */
  double intercept;   /* a: fitted ln y at t_mean */
  double slope;       /* b: OLS slope of ln y per year */
  double slope_se;    /* standard error of b; NAN when n == 2 (no residual degrees of freedom) */
  double residual_sd; /* sqrt(SSR / (n - 2)); NAN when n == 2 */
  struct lab_interval slope_ci;  /* b +- t(df) * se; NAN ends when n == 2 */
  double growth;                 /* exp(b) - 1: annual growth rate as a fraction (0.03 = 3%) */
  struct lab_interval growth_ci; /* exp(ci) - 1; NAN ends when n == 2 */
  double cagr;             /* endpoint (y_last / y_first)^(1 / (t_last - t_first)) - 1, fraction */
  double theil_sen_slope;  /* median of the pairwise slopes of ln y (a robust check on b) */
  double theil_sen_growth; /* exp(theil_sen_slope) - 1 */
  double first_year, last_year;
};

/*
 * Fit ln y = a + b (t - t_mean) by ordinary least squares over n points (t[i], y[i]), in any
 * order, and fill out: the slope with its standard error and a two-sided t-based interval at
 * `level` (t quantile from gsl_cdf_tdist_Pinv with n - 2 degrees of freedom), the annual growth
 * rate exp(b) - 1 with its interval, the endpoint CAGR between the earliest and the latest year,
 * and the Theil-Sen slope. With n == 2 only the slope, growth, CAGR and Theil-Sen slope are
 * given (standard error and intervals are NAN: there are no degrees of freedom left); the caller
 * should say so. Returns LAB_ERR_DOMAIN when n < 2, a year is not finite, two years are equal, a
 * value is not finite or not > 0, or level is not in (0, 1).
 */
lab_status lab_trend_fit(const double *t, const double *y, size_t n, double level,
                         struct lab_trend_fit *out, struct lab_error *err);

/*
 * The Theil-Sen slope of ln y on t: the median of (ln y[j] - ln y[i]) / (t[j] - t[i]) over all
 * pairs i < j. Same input checks as lab_trend_fit() (n >= 2, finite distinct years, finite
 * positive values); LAB_ERR_NOMEM when the n (n - 1) / 2 slopes cannot be allocated.
 */
lab_status lab_trend_theil_sen(const double *t, const double *y, size_t n, double *slope,
                               struct lab_error *err);

/*
 * Compound annual growth rate between two points: (y1 / y0)^(1 / (t1 - t0)) - 1, as a fraction.
 * LAB_ERR_DOMAIN when a value is not finite or not > 0, or t1 == t0 (t1 < t0 is allowed: the
 * rate is the same either way round).
 */
lab_status lab_trend_cagr(double t0, double y0, double t1, double y1, double *cagr,
                          struct lab_error *err);

/* -------------------------------------------------------------------------- dollar bases */

/*
 * Real value in dollars of the base year: nominal * cpi_base / cpi_year (CPI-U annual
 * averages). LAB_ERR_DOMAIN when nominal is not finite or a CPI is not finite or not > 0.
 */
lab_status lab_trend_real(double nominal, double cpi_year, double cpi_base, double *real,
                          struct lab_error *err);

/*
 * Price-parity adjusted value: nominal / (rpp / 100), where rpp is a BEA regional price parity
 * with the nation = 100. LAB_ERR_DOMAIN when nominal is not finite or rpp is not finite or not
 * > 0.
 */
lab_status lab_trend_rpp_adjust(double nominal, double rpp, double *adjusted,
                                struct lab_error *err);

/* ----------------------------------------------------------------------------- projections */

/* Derived figures of one 10-year projection; employment and openings in persons. */
struct lab_proj_figures {
  double emp_base, emp_proj;
  double change;            /* emp_proj - emp_base */
  double pct_change;        /* 100 * change / emp_base */
  double openings;          /* annual average openings; NAN when not given */
  double openings_per_1000; /* 1000 * openings / emp_base; NAN when openings is NAN */
};

/*
 * Change, percent change and openings per 1,000 jobs from base and projected employment and
 * annual openings (openings may be NAN: not published). LAB_ERR_DOMAIN when emp_base is not
 * finite or not > 0, emp_proj is not finite or < 0, or openings is negative or infinite.
 */
lab_status lab_proj_figures(double emp_base, double emp_proj, double openings,
                            struct lab_proj_figures *out, struct lab_error *err);

/*
 * Constant-share state projection: the state keeps its share of the nation's employment, so
 * its projected employment is state_base * nat_proj / nat_base and its annual openings
 * state_base * nat_openings / nat_base (nat_openings may be NAN). Fills out as
 * lab_proj_figures() does. LAB_ERR_DOMAIN unless state_base and nat_base are finite and > 0 and
 * nat_proj is finite and >= 0 (and nat_openings is NAN or finite and >= 0).
 */
lab_status lab_proj_constant_share(double state_base, double nat_base, double nat_proj,
                                   double nat_openings, struct lab_proj_figures *out,
                                   struct lab_error *err);

/* An error band around a projection. */
struct lab_proj_band {
  double halfwidth_pp;            /* half-width in percentage points of base employment */
  struct lab_interval emp_proj;   /* projected employment; the lower end is cut at 0 */
  struct lab_interval change;     /* employment change; the lower end follows the cut at 0 */
  struct lab_interval pct_change; /* percent change; the lower end is cut at -100 */
};

/*
 * Band around a projection: emp_proj +- emp_base * halfwidth_pp / 100, and the same shift for
 * the change and (as percentage points) the percent change. Takes the figures from `f` (as
 * filled by lab_proj_figures() or from published values). LAB_ERR_DOMAIN when emp_base is not
 * finite or not > 0, emp_proj, change or pct_change is not finite, or halfwidth_pp is not finite
 * or < 0.
 */
lab_status lab_proj_band(const struct lab_proj_figures *f, double halfwidth_pp,
                         struct lab_proj_band *out, struct lab_error *err);

/* One published evaluation of past BLS occupational projections (analyzer/proj_accuracy.c). */
struct lab_proj_eval {
  const char *set;            /* "2002-12" */
  double projected_pct;       /* projected average 10-year growth of all occupations, percent */
  double actual_pct;          /* actual average growth over the same 10 years, percent */
  double direction_right_pct; /* share of occupations (or groups) whose direction was right */
  bool groups;                /* direction figure is for occupational groups, not details */
  bool secondary;             /* seen only in a third-party note quoting the BLS page */
  const char *source;         /* URL of the BLS evaluation page */
};

/* The published evaluations held (static storage); *n receives their number. */
const struct lab_proj_eval *lab_proj_accuracy(size_t *n);

/*
 * The half-width of the projection error band, in percentage points of base employment, for a
 * projection over `years` years: the largest published miss of BLS's projected average 10-year
 * growth rate among the evaluations of lab_proj_accuracy() (|projected - actual|; 13.9 pp, for
 * 2002-12), scaled by years / 10. *from (may be NULL) receives the evaluation that set it
 * (static storage). LAB_ERR_DOMAIN when years is not in [1, 50].
 */
lab_status lab_proj_band_halfwidth(int years, double *halfwidth_pp,
                                   const struct lab_proj_eval **from, struct lab_error *err);

#endif
