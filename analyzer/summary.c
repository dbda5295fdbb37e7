/*
 * summary.c - descriptive statistics of one sample: centred sums, GSL quantiles.
 */
#include "analyzer/lab_regress.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Mean by a corrected two-pass sum: the plain mean m0, then m0 + mean(x - m0), which removes
 * most of the rounding error of the first pass (sums of large, nearly equal values).
 */
static double centred_mean(const double *x, size_t n)
{
  double s = 0, c = 0, m0;

  for (size_t i = 0; i < n; i++)
    s += x[i];
  m0 = s / (double)n;
  for (size_t i = 0; i < n; i++)
    c += x[i] - m0;
  return m0 + c / (double)n;
}

lab_status lab_an_summary(const double *x, size_t n, struct lab_summary *out, struct lab_error *err)
{
  double *sorted = NULL;
  double m, ss = 0, sd_corr = 0, lag = 0;
  lab_status st = LAB_OK;

  if (!x || !out)
    return lab_error_set(err, LAB_ERR_INVALID, "lab_an_summary: NULL argument");
  if (n == 0)
    return lab_error_set(err, LAB_ERR_DOMAIN, "no values to summarise");
  for (size_t i = 0; i < n; i++)
    if (!isfinite(x[i]))
      return lab_error_set(err, LAB_ERR_DOMAIN, "value %zu is not a finite number", i + 1);
  sorted = malloc(n * sizeof(*sorted));
  if (!sorted) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory for %zu values", n);
    goto out;
  }
  m = centred_mean(x, n);
  for (size_t i = 0; i < n; i++) {
    double d = x[i] - m;
    ss += d * d;
    sd_corr += d;
    if (i > 0)
      lag += d * (x[i - 1] - m);
  }
  /* Chan-Golub-LeVeque correction: subtract (sum d)^2 / n, the part due to the rounded mean */
  ss -= sd_corr * sd_corr / (double)n;
  memcpy(sorted, x, n * sizeof(*sorted));
  gsl_sort(sorted, 1, n);
  *out = (struct lab_summary){
      .n = n,
      .mean = m,
      .sd = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN,
      .min = sorted[0],
      .max = sorted[n - 1],
      .p10 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.10),
      .p25 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.25),
      .median = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.50),
      .p75 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.75),
      .p90 = gsl_stats_quantile_from_sorted_data(sorted, 1, n, 0.90),
      .lag1 = n > 1 && ss > 0 ? lag / ss : NAN,
  };
out:
  free(sorted);
  return st;
}
