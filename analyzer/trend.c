/*
 * trend.c - log-linear trends across releases (OLS on centred years, Theil-Sen, endpoint CAGR)
 * and the dollar-basis arithmetic (CPI-U deflation, regional price parities).
 */
#include "analyzer/lab_trend.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* ------------------------------------------------------------------------- input checks */

/* n >= 2, finite distinct years, finite positive values. */
static lab_status check_series(const double *t, const double *y, size_t n, struct lab_error *err)
{
  if (n < 2)
    return lab_error_set(err, LAB_ERR_DOMAIN, "a trend needs at least 2 years with values, got %zu",
                         n);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(t[i]))
      return lab_error_set(err, LAB_ERR_DOMAIN, "year %zu of the trend is not a finite number",
                           i + 1);
    if (!isfinite(y[i]) || !(y[i] > 0))
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "a log-linear trend needs positive values: %g in year %g", y[i], t[i]);
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      if (t[i] == t[j])
        return lab_error_set(err, LAB_ERR_DOMAIN, "year %g appears twice in the trend", t[i]);
  return LAB_OK;
}

/* -------------------------------------------------------------------------- Theil-Sen */

lab_status lab_trend_theil_sen(const double *t, const double *y, size_t n, double *slope,
                               struct lab_error *err)
{
  lab_status st = check_series(t, y, n, err);
  double *s = NULL;
  size_t m = 0;

  if (st)
    return st;
  if (n > SIZE_MAX / sizeof(double) / n)
    return lab_error_set(err, LAB_ERR_NOMEM, "too many points for the Theil-Sen slope (%zu)", n);
  s = malloc(n * (n - 1) / 2 * sizeof(*s));
  if (!s)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory for %zu pairwise slopes",
                         n * (n - 1) / 2);
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      s[m++] = (log(y[j]) - log(y[i])) / (t[j] - t[i]);
  gsl_sort(s, 1, m);
  *slope = gsl_stats_median_from_sorted_data(s, 1, m);
  free(s);
  return LAB_OK;
}

/* ------------------------------------------------------------------------------- CAGR */

lab_status lab_trend_cagr(double t0, double y0, double t1, double y1, double *cagr,
                          struct lab_error *err)
{
  if (!isfinite(y0) || !isfinite(y1) || !(y0 > 0) || !(y1 > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN, "a growth rate needs positive values, got %g and %g",
                         y0, y1);
  if (!isfinite(t0) || !isfinite(t1) || t0 == t1)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a growth rate needs two different finite years, got %g and %g", t0, t1);
  *cagr = exp(log(y1 / y0) / (t1 - t0)) - 1;
  return LAB_OK;
}

/* ------------------------------------------------------------------------- OLS fit */

lab_status lab_trend_fit(const double *t, const double *y, size_t n, double level,
                         struct lab_trend_fit *out, struct lab_error *err)
{
  lab_status st = check_series(t, y, n, err);
  double *x = NULL, *ly = NULL;
  double c0, c1, cov00, cov01, cov11, sumsq;
  size_t lo = 0, hi = 0;
  int rc;

  if (st)
    return st;
  if (!(level > 0 && level < 1))
    return lab_error_set(err, LAB_ERR_DOMAIN, "confidence level %g is not between 0 and 1", level);
  x = malloc(n * sizeof(*x));
  ly = malloc(n * sizeof(*ly));
  if (!x || !ly) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory for a trend of %zu points", n);
    goto out;
  }
  out->n = n;
  out->df = (int)n - 2;
  out->level = level;
  out->year_mean = 0;
  for (size_t i = 0; i < n; i++)
    out->year_mean += t[i];
  out->year_mean /= (double)n;
  for (size_t i = 0; i < n; i++) {
    x[i] = t[i] - out->year_mean;
    ly[i] = log(y[i]);
    lo = t[i] < t[lo] ? i : lo;
    hi = t[i] > t[hi] ? i : hi;
  }
  out->first_year = t[lo];
  out->last_year = t[hi];
  rc = gsl_fit_linear(x, 1, ly, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  if (rc != GSL_SUCCESS || !isfinite(c0) || !isfinite(c1)) {
    st = lab_error_set(err, LAB_ERR_DOMAIN, "log-linear fit failed: %s",
                       rc != GSL_SUCCESS ? gsl_strerror(rc) : "non-finite coefficients");
    goto out;
  }
  (void)cov00;
  (void)cov01;
  out->intercept = c0;
  out->slope = c1;
  out->growth = expm1(c1);
  if (n >= 3) {
    double tq = gsl_cdf_tdist_Pinv(0.5 + level / 2, (double)(n - 2));
    out->residual_sd = sqrt(sumsq / (double)(n - 2));
    out->slope_se = sqrt(cov11);
    out->slope_ci.lo = c1 - tq * out->slope_se;
    out->slope_ci.hi = c1 + tq * out->slope_se;
    out->growth_ci.lo = expm1(out->slope_ci.lo);
    out->growth_ci.hi = expm1(out->slope_ci.hi);
  } else {
    out->residual_sd = NAN;
    out->slope_se = NAN;
    out->slope_ci.lo = out->slope_ci.hi = NAN;
    out->growth_ci.lo = out->growth_ci.hi = NAN;
  }
  st = lab_trend_cagr(t[lo], y[lo], t[hi], y[hi], &out->cagr, err);
  if (st)
    goto out;
  st = lab_trend_theil_sen(t, y, n, &out->theil_sen_slope, err);
  if (st)
    goto out;
  out->theil_sen_growth = expm1(out->theil_sen_slope);
out:
  free(x);
  free(ly);
  return st;
}

/* ---------------------------------------------------------------------- dollar bases */

lab_status lab_trend_real(double nominal, double cpi_year, double cpi_base, double *real,
                          struct lab_error *err)
{
  if (!isfinite(nominal))
    return lab_error_set(err, LAB_ERR_DOMAIN, "cannot deflate a non-finite value");
  if (!isfinite(cpi_year) || !isfinite(cpi_base) || !(cpi_year > 0) || !(cpi_base > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a CPI must be a positive number, got %g (year) and %g (base)", cpi_year,
                         cpi_base);
  *real = nominal * cpi_base / cpi_year;
  return LAB_OK;
}

lab_status lab_trend_rpp_adjust(double nominal, double rpp, double *adjusted, struct lab_error *err)
{
  if (!isfinite(nominal))
    return lab_error_set(err, LAB_ERR_DOMAIN, "cannot adjust a non-finite value");
  if (!isfinite(rpp) || !(rpp > 0))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a regional price parity must be a positive number, got %g", rpp);
  *adjusted = nominal / (rpp / 100.0);
  return LAB_OK;
}
