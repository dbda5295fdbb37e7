/*
 * fit_bench.c - time lab_dist_fit() over a full release's worth of synthetic cells (414,437,
 * the "~400,000 occupation x area cells"). Not a test; not run by ctest.
 *
 * Build and run (optimized, one core): cmake --build build/release --target fit_bench &&
 *   build/release/fit_bench; or by hand from the repository root:
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I. bench/fit_bench.c analyzer/dist_*.c \
 *      common/error.c -lgsl -lgslcblas -lm -o /tmp/fit_bench && /tmp/fit_bench
 *
 * Cells are drawn with a fixed seed: mu ~ N(10.9, 0.35), sigma ~ U(0.15, 0.85), five
 * log-quantiles mu + sigma*z_p plus N(0, 0.03) noise, sorted, rounded to $10 as BLS rounds
 * annual wages (which collapses some neighbours); anything >= the May 2023 top-code $239,200
 * becomes a top-code bound; the mean is exp(mu + sigma^2/2) with 2% noise. The generation is
 * not timed. Three passes are timed: every cell as drawn (closed form, constrained closed form
 * and, for cells with fewer than three usable percentiles, the mean path), the same with the
 * top-codes removed (pure closed form), and every cell with LAB_DIST_USE_MEAN.
 */
#include "analyzer/lab_dist.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N_CELLS 414437
#define TOPCODE 239200.0

struct cell {
  double q[LAB_DIST_OEWS_LEVELS];
  enum lab_dist_kind kind[LAB_DIST_OEWS_LEVELS];
  double mean;
};

static double now(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void generate(struct cell *cells, size_t n)
{
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  double z[LAB_DIST_OEWS_LEVELS];

  gsl_rng_set(rng, 414437);
  for (size_t i = 0; i < LAB_DIST_OEWS_LEVELS; i++)
    z[i] = gsl_cdf_ugaussian_Pinv(lab_dist_oews_p[i]);
  for (size_t c = 0; c < n; c++) {
    double mu = 10.9 + gsl_ran_gaussian(rng, 0.35);
    double sigma = 0.15 + 0.7 * gsl_rng_uniform(rng);

    for (size_t i = 0; i < LAB_DIST_OEWS_LEVELS; i++)
      cells[c].q[i] = exp(mu + sigma * z[i] + gsl_ran_gaussian(rng, 0.03));
    gsl_sort(cells[c].q, 1, LAB_DIST_OEWS_LEVELS);
    for (size_t i = 0; i < LAB_DIST_OEWS_LEVELS; i++) {
      cells[c].q[i] = 10 * round(cells[c].q[i] / 10);
      cells[c].kind[i] = LAB_DIST_VALUE;
      if (cells[c].q[i] >= TOPCODE) {
        cells[c].q[i] = TOPCODE;
        cells[c].kind[i] = LAB_DIST_LOWER_BOUND;
      }
    }
    cells[c].mean = exp(mu + sigma * sigma / 2) * (1 + gsl_ran_gaussian(rng, 0.02));
  }
  gsl_rng_free(rng);
}

/* Fit every cell; count the paths taken. */
static void run(const char *what, const struct cell *cells, size_t n, bool drop_bounds,
                unsigned flags)
{
  size_t n_ok = 0, n_err = 0, n_mean = 0, n_active = 0, n_skipped = 0;
  double t0, t1, checksum = 0;
  struct lab_dist_fit f;

  t0 = now();
  for (size_t c = 0; c < n; c++) {
    lab_status st;

    if (drop_bounds && cells[c].kind[LAB_DIST_OEWS_LEVELS - 1] != LAB_DIST_VALUE) {
      n_skipped++;
      continue;
    }
    st = lab_dist_fit(lab_dist_oews_p, cells[c].q, cells[c].kind, LAB_DIST_OEWS_LEVELS,
                      cells[c].mean, flags, &f, NULL);
    if (st) {
      n_err++;
      continue;
    }
    n_ok++;
    n_mean += f.mean_used;
    n_active += f.active_mask != 0;
    checksum += f.sigma;
  }
  t1 = now();
  printf("%-34s %7zu fits in %.3f s (%.0f ns/fit); mean path %zu, active top-code %zu, "
         "refused %zu, skipped %zu (checksum %.6f)\n",
         what, n_ok + n_err, t1 - t0, 1e9 * (t1 - t0) / (double)(n_ok + n_err), n_mean, n_active,
         n_err, n_skipped, checksum);
}

int main(void)
{
  struct cell *cells = malloc(N_CELLS * sizeof(*cells));
  size_t n_bound = 0;

  if (!cells) {
    fprintf(stderr, "fit_bench: out of memory\n");
    return 1;
  }
  gsl_set_error_handler_off();
  generate(cells, N_CELLS);
  for (size_t c = 0; c < N_CELLS; c++)
    n_bound += cells[c].kind[LAB_DIST_OEWS_LEVELS - 1] != LAB_DIST_VALUE;
  printf("%d synthetic cells, %zu with a top-coded P90\n", N_CELLS, n_bound);
  run("all cells as drawn:", cells, N_CELLS, false, 0);
  run("cells without top-codes only:", cells, N_CELLS, true, 0);
  run("all cells with LAB_DIST_USE_MEAN:", cells, N_CELLS, false, LAB_DIST_USE_MEAN);
  free(cells);
  return 0;
}
