/*
 * wages_fit.c - from an OEWS cell to a fitted lognormal, quantiles, shares, bootstrap bands and
 * the model-free comparison.
 */
#include "cli/wages_fit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define HOURS_PER_YEAR 2080.0 /* BLS annualizes hourly wages at 2,080 hours */

static const enum lab_measure annual_levels[LAB_DIST_OEWS_LEVELS] = {
    LAB_M_A_PCT10, LAB_M_A_PCT25, LAB_M_A_MEDIAN, LAB_M_A_PCT75, LAB_M_A_PCT90};
static const enum lab_measure hourly_levels[LAB_DIST_OEWS_LEVELS] = {
    LAB_M_H_PCT10, LAB_M_H_PCT25, LAB_M_H_MEDIAN, LAB_M_H_PCT75, LAB_M_H_PCT90};
static const double probes[CLI_FIT_PROBES] = {0.05, 0.15, 0.35, 0.65, 0.85, 0.95};

static void levels_of(const struct lab_oews_cell *c, bool hourly, double *q,
                      enum lab_dist_kind *kind, double *mean)
{
  const enum lab_measure *lv = hourly ? hourly_levels : annual_levels;
  double k = hourly ? HOURS_PER_YEAR : 1.0;
  const struct lab_value *m = &c->m[hourly ? LAB_M_H_MEAN : LAB_M_A_MEAN];

  for (int i = 0; i < LAB_DIST_OEWS_LEVELS; i++) {
    const struct lab_value *v = &c->m[lv[i]];
    q[i] = (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED) ? v->v * k : NAN;
    kind[i] = v->state == LAB_V_VALUE      ? LAB_DIST_VALUE
              : v->state == LAB_V_TOPCODED ? LAB_DIST_LOWER_BOUND
                                           : LAB_DIST_ABSENT;
  }
  *mean = m->state == LAB_V_VALUE ? m->v * k : NAN;
}

lab_status cli_fit_cell(const struct lab_oews_cell *c, const struct cli_fit_request *r,
                        struct cli_fit *out, struct lab_error *err)
{
  double q[LAB_DIST_OEWS_LEVELS], mean = NAN;
  enum lab_dist_kind kind[LAB_DIST_OEWS_LEVELS];
  struct lab_dist_interp *ip = NULL;
  struct lab_error why = {0};
  lab_status st = LAB_OK;

  memset(out, 0, sizeof(*out));
  out->hourly = c->hourly_only;
  levels_of(c, out->hourly, q, kind, &mean);
  if (lab_dist_fit(lab_dist_oews_p, q, kind, LAB_DIST_OEWS_LEVELS, mean,
                   r->use_mean ? LAB_DIST_USE_MEAN : 0, &out->fit, &why) != LAB_OK) {
    snprintf(out->why, sizeof(out->why), "%s", why.msg);
    return LAB_OK;
  }
  out->ok = true;
  for (size_t i = 0; i < r->nq && !st; i++)
    st = lab_dist_quantile(out->fit.mu, out->fit.sigma, r->q[i], &out->qv[i], err);
  for (size_t i = 0; i < r->nat && !st; i++)
    st = lab_dist_share(out->fit.mu, out->fit.sigma, r->at[i], &out->below[i], &out->above[i], err);
  if (st)
    goto out;
  for (size_t i = 0; i < r->nq; i++)
    out->qband[i].lo = out->qband[i].hi = NAN;
  if (r->nq > 0 && c->m[LAB_M_MEAN_PRSE].state == LAB_V_VALUE) {
    struct lab_dist_boot_opts bo = {.rse_pct = c->m[LAB_M_MEAN_PRSE].v,
                                    .replicates = CLI_FIT_BOOT_REPLICATES,
                                    .level = 0.95,
                                    .seed = CLI_FIT_BOOT_SEED,
                                    .fit_flags = r->use_mean ? LAB_DIST_USE_MEAN : 0};
    if (lab_dist_boot_bands(lab_dist_oews_p, q, kind, LAB_DIST_OEWS_LEVELS, mean, &bo, r->q, r->nq,
                            out->qband, NULL) != LAB_OK)
      for (size_t i = 0; i < r->nq; i++)
        out->qband[i].lo = out->qband[i].hi = NAN;
  }
  /* the model-free quantile function needs two published points; without, no comparison */
  if (lab_dist_interp_new(lab_dist_oews_p, q, kind, LAB_DIST_OEWS_LEVELS, out->fit.sigma, &ip,
                          NULL) == LAB_OK) {
    st = lab_dist_compare(ip, out->fit.mu, out->fit.sigma, probes, CLI_FIT_PROBES, CLI_FIT_MARGIN,
                          out->gap, &out->nexceed, err);
    if (!st)
      out->ngap = CLI_FIT_PROBES;
  }
out:
  lab_dist_interp_free(ip);
  return st;
}
