/*
 * wages_fit.h - (cli/) the fitted wage distribution of a cell, for `wages` and `check`.
 */
#ifndef LAB_CLI_WAGES_FIT_H
#define LAB_CLI_WAGES_FIT_H

#include "analyzer/lab_dist.h"
#include "datasets/lab_store.h"

#include <stdbool.h>

#define CLI_FIT_MAX 8       /* requested quantiles or wages */
#define CLI_FIT_PROBES 6    /* model-free comparison levels */
#define CLI_FIT_MARGIN 0.05 /* flag model-free vs lognormal differences above 5% */
#define CLI_FIT_BOOT_REPLICATES 400
#define CLI_FIT_BOOT_SEED 20240501ul

struct cli_fit_request {
  double q[CLI_FIT_MAX]; /* quantile levels in (0, 1) */
  size_t nq;
  double at[CLI_FIT_MAX]; /* wages in the cell's dollars */
  size_t nat;
  bool use_mean;
};

struct cli_fit {
  bool ok; /* false: no fit (why says so) */
  char why[512];
  bool hourly; /* fitted on hourly wages x 2080 (only hourly wages are published) */
  struct lab_dist_fit fit;
  double qv[CLI_FIT_MAX];
  struct lab_interval qband[CLI_FIT_MAX]; /* bootstrap bands; NAN ends when no RSE */
  double below[CLI_FIT_MAX], above[CLI_FIT_MAX];
  struct lab_dist_gap gap[CLI_FIT_PROBES];
  size_t ngap, nexceed;
};

/* Fit the annual wage percentiles of cell c (already in the chosen dollar basis). A cell that
 * cannot be fitted gives LAB_OK with out->ok false and the reason in out->why. */
lab_status cli_fit_cell(const struct lab_oews_cell *c, const struct cli_fit_request *r,
                        struct cli_fit *out, struct lab_error *err);

#endif
