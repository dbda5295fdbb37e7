/*
 * dist_boot.c - parametric bootstrap bands for fitted quantiles (method: docs/methods.md).
 */
#include "analyzer/dist_internal.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Sort the published values (not the bounds) back into increasing order in their slots. */
static void sort_values(double *q, const enum lab_dist_kind *kind, size_t n)
{
  double v[LAB_DIST_MAX_LEVELS];
  size_t m = 0;

  for (size_t i = 0; i < n; i++)
    if (dist_kind(kind, i) == LAB_DIST_VALUE)
      v[m++] = q[i];
  gsl_sort(v, 1, m);
  m = 0;
  for (size_t i = 0; i < n; i++)
    if (dist_kind(kind, i) == LAB_DIST_VALUE)
      q[i] = v[m++];
}

static lab_status check_opts(const struct lab_dist_boot_opts *o, struct lab_error *err)
{
  if (!isfinite(o->rse_pct) || o->rse_pct < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the relative standard error (%g%%) is not a non-negative number",
                         o->rse_pct);
  if (o->replicates < 2)
    return lab_error_set(err, LAB_ERR_DOMAIN, "a bootstrap needs at least 2 replicates, not %zu",
                         o->replicates);
  if (!(o->level > 0 && o->level < 1))
    return lab_error_set(err, LAB_ERR_DOMAIN, "band coverage %g is not between 0 and 1", o->level);
  return LAB_OK;
}

lab_status lab_dist_boot_bands(const double *p, const double *q, const enum lab_dist_kind *kind,
                               size_t n, double mean, const struct lab_dist_boot_opts *opts,
                               const double *at, size_t n_at, struct lab_interval *bands,
                               struct lab_error *err)
{
  struct lab_dist_fit fit;
  double qs[LAB_DIST_MAX_LEVELS];
  double *draws = NULL, *zs = NULL;
  gsl_rng *rng = NULL;
  size_t b_count;
  double r;
  lab_status st;

  if (!opts || !at || !bands || n_at == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "a bootstrap needs options, levels and bands");
  st = check_opts(opts, err);
  if (st)
    return st;
  for (size_t k = 0; k < n_at; k++)
    if (!(at[k] > 0 && at[k] < 1))
      return lab_error_set(err, LAB_ERR_DOMAIN, "quantile level %g is not between 0 and 1", at[k]);
  /* the point fit checks every input and must succeed for the bootstrap to mean anything */
  st = lab_dist_fit(p, q, kind, n, mean, opts->fit_flags, &fit, err);
  if (st)
    return st;

  b_count = opts->replicates;
  r = opts->rse_pct / 100;
  if (n_at > SIZE_MAX / sizeof(double) / b_count)
    return lab_error_set(err, LAB_ERR_NOMEM, "too many replicates (%zu)", b_count);
  draws = malloc(n_at * b_count * sizeof(*draws));
  zs = malloc(n_at * sizeof(*zs));
  rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!draws || !zs || !rng) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot allocate %zu bootstrap replicates", b_count);
    goto out;
  }
  for (size_t k = 0; k < n_at; k++)
    zs[k] = gsl_cdf_ugaussian_Pinv(at[k]);
  gsl_rng_set(rng, opts->seed);

  for (size_t b = 0; b < b_count; b++) {
    double mean_b = mean;

    for (size_t i = 0; i < n; i++) {
      qs[i] = q[i];
      if (dist_kind(kind, i) == LAB_DIST_VALUE)
        qs[i] = q[i] * exp(r * gsl_ran_gaussian_ziggurat(rng, 1.0));
    }
    if (!isnan(mean))
      mean_b = mean * exp(r * gsl_ran_gaussian_ziggurat(rng, 1.0));
    sort_values(qs, kind, n);
    st = lab_dist_fit(p, qs, kind, n, mean_b, opts->fit_flags, &fit, err);
    if (st) {
      char msg[sizeof(err->msg)];

      if (err) {
        snprintf(msg, sizeof(msg), "%s", err->msg);
        lab_error_set(err, st, "bootstrap replicate %zu of %zu: %s", b + 1, b_count, msg);
      }
      goto out;
    }
    for (size_t k = 0; k < n_at; k++)
      draws[k * b_count + b] = exp(fit.mu + fit.sigma * zs[k]);
  }
  for (size_t k = 0; k < n_at; k++) {
    double *d = draws + k * b_count;
    double tail = (1 - opts->level) / 2;

    gsl_sort(d, 1, b_count);
    bands[k].lo = gsl_stats_quantile_from_sorted_data(d, 1, b_count, tail);
    bands[k].hi = gsl_stats_quantile_from_sorted_data(d, 1, b_count, 1 - tail);
  }

out:
  gsl_rng_free(rng);
  free(zs);
  free(draws);
  return st;
}
