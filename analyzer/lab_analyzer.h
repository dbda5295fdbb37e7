/*
 * lab_analyzer.h - statistics on plain numbers (GSL underneath). Never sees SQLite or files.
 *
 * Every function checks its inputs before calling GSL and returns a status; GSL's own error
 * handler must be off (gsl_set_error_handler_off(), done once by the program's main()).
 * Ownership: inputs are borrowed; outputs go to caller-owned out-parameters.
 */
#ifndef LAB_ANALYZER_H
#define LAB_ANALYZER_H

#include "common/lab_common.h"

/* An interval around an estimate. */
struct lab_interval {
  double lo, hi;
};

/*
 * Two-sided confidence interval at `level` (e.g. 0.95) for an estimate published with a
 * percent relative standard error (BLS PRSE): est +- z * (rse/100) * est, z from the normal
 * quantile. The lower end is not cut at zero (a caller may). LAB_ERR_DOMAIN when est or rse is
 * not finite, rse < 0, or level is not in (0, 1).
 */
lab_status lab_an_ci_rse(double est, double rse_pct, double level, struct lab_interval *out,
                         struct lab_error *err);

#endif
