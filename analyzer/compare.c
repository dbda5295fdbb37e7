/*
 * compare.c - regional measures: standard errors from RSEs, differences and z-tests, delta-method
 * ratios (location quotient, jobs per 1,000), rankings with tie groups, shift-share.
 */
#include "analyzer/lab_compare.h"
#include "common/lab_num.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static bool level_ok(double level)
{
  return level > 0 && level < 1;
}

/* z_{(1+level)/2}, the two-sided critical value; level already checked. */
static double z_crit(double level)
{
  return gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
}

/* ------------------------------------------------------------------------ standard errors */

lab_status lab_cmp_se_from_rse(double est, double rse_pct, double *se, struct lab_error *err)
{
  if (!isfinite(est) || !isfinite(rse_pct) || rse_pct < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a standard error needs a finite estimate and a non-negative relative "
                         "standard error (got %g and %g%%)",
                         est, rse_pct);
  *se = fabs(est) * rse_pct / 100.0;
  return LAB_OK;
}

/* -------------------------------------------------------------------------- differences */

lab_status lab_cmp_diff(double a, double se_a, double b, double se_b, double level,
                        struct lab_cmp_diff *out, struct lab_error *err)
{
  double half;

  if (!isfinite(a) || !isfinite(b))
    return lab_error_set(err, LAB_ERR_DOMAIN, "a difference needs two finite estimates");
  if (!isfinite(se_a) || !isfinite(se_b) || se_a < 0 || se_b < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a difference needs finite, non-negative standard errors (got %g and %g)",
                         se_a, se_b);
  if (se_a == 0 && se_b == 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "both standard errors are 0: the difference cannot be tested");
  if (!level_ok(level))
    return lab_error_set(err, LAB_ERR_DOMAIN, "confidence level %g is not between 0 and 1", level);
  out->diff = a - b;
  out->se = hypot(se_a, se_b);
  half = z_crit(level) * out->se;
  out->ci.lo = out->diff - half;
  out->ci.hi = out->diff + half;
  out->z = out->diff / out->se;
  out->p = 2.0 * gsl_cdf_ugaussian_P(-fabs(out->z));
  out->level = level;
  out->sign = out->p < 1 - level ? (out->diff > 0 ? 1 : -1) : 0;
  return LAB_OK;
}

char *lab_cmp_format_p(double p, double alpha, char *out, size_t size)
{
  char num[32];

  if (size == 0)
    return out;
  if (!isfinite(p)) {
    snprintf(out, size, "p not defined");
    return out;
  }
  if (p < 0.001) {
    snprintf(out, size, "p < 0.001");
    return out;
  }
  for (int digits = 2; digits <= 6; digits++) {
    double shown;
    snprintf(num, sizeof(num), "%.*g", digits, p);
    if (lab_num_parse(num, strlen(num), false, &shown) != LAB_OK)
      break;
    if ((shown < alpha) == (p < alpha))
      break;
  }
  snprintf(out, size, "p = %s", num);
  return out;
}

char *lab_cmp_verdict(const struct lab_cmp_diff *d, const char *name_a, const char *name_b,
                      char *out, size_t size)
{
  char ptext[48];
  double alpha = 1 - d->level;

  lab_cmp_format_p(d->p, alpha, ptext, sizeof(ptext));
  if (d->sign > 0)
    snprintf(out, size, "%s is higher than %s (%s)", name_a, name_b, ptext);
  else if (d->sign < 0)
    snprintf(out, size, "%s is lower than %s (%s)", name_a, name_b, ptext);
  else
    snprintf(out, size, "no significant difference at %g%% (%s)", alpha * 100, ptext);
  return out;
}

/* ------------------------------------------------------------------------------- ratios */

lab_status lab_cmp_ratio(double num, double se_num, double den, double se_den, double level,
                         struct lab_cmp_est *out, struct lab_error *err)
{
  bool known = !isnan(se_num) && !isnan(se_den);
  double var;

  if (!isfinite(num) || !isfinite(den) || den == 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a ratio needs a finite numerator and a finite, non-zero denominator "
                         "(got %g / %g)",
                         num, den);
  if ((!isnan(se_num) && (isinf(se_num) || se_num < 0)) ||
      (!isnan(se_den) && (isinf(se_den) || se_den < 0)))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a ratio's standard errors must be finite and non-negative (got %g and "
                         "%g)",
                         se_num, se_den);
  if (!level_ok(level))
    return lab_error_set(err, LAB_ERR_DOMAIN, "confidence level %g is not between 0 and 1", level);
  out->value = num / den;
  if (!known) {
    out->se = NAN;
    out->ci.lo = out->ci.hi = NAN;
    return LAB_OK;
  }
  var = se_num * se_num / (den * den) + num * num * se_den * se_den / (den * den * den * den);
  out->se = sqrt(var);
  out->ci.lo = out->value - z_crit(level) * out->se;
  out->ci.hi = out->value + z_crit(level) * out->se;
  return LAB_OK;
}

/* se from a percent RSE, NAN when the RSE is not known; the estimate is finite here. */
static double se_or_nan(double est, double rse_pct)
{
  return isnan(rse_pct) ? NAN : fabs(est) * rse_pct / 100.0;
}

lab_status lab_cmp_lq(const struct lab_cmp_lq_in *in, double level, struct lab_cmp_lq *out,
                      struct lab_error *err)
{
  const double counts[] = {in->e_area, in->total_area, in->e_nat, in->total_nat};
  const double rses[] = {in->rse_e_area, in->rse_total_area, in->rse_e_nat, in->rse_total_nat};
  struct lab_cmp_est share_area, share_nat;
  lab_status st;

  for (size_t i = 0; i < LAB_ARRAY_SIZE(counts); i++) {
    if (!isfinite(counts[i]) || counts[i] < 0)
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "a location quotient needs finite, non-negative employment (got %g)",
                           counts[i]);
    if (!isnan(rses[i]) && (isinf(rses[i]) || rses[i] < 0))
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "a relative standard error must be finite and non-negative (got %g%%)",
                           rses[i]);
  }
  if (in->total_area == 0 || in->total_nat == 0 || in->e_nat == 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a location quotient needs positive all-occupation totals and national "
                         "employment of the occupation");
  if (in->e_area > in->total_area || in->e_nat > in->total_nat)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "an occupation's employment (%g, %g) exceeds its all-occupation total "
                         "(%g, %g)",
                         in->e_area, in->e_nat, in->total_area, in->total_nat);
  st = lab_cmp_ratio(in->e_area, se_or_nan(in->e_area, in->rse_e_area), in->total_area,
                     se_or_nan(in->total_area, in->rse_total_area), level, &share_area, err);
  if (!st)
    st = lab_cmp_ratio(in->e_nat, se_or_nan(in->e_nat, in->rse_e_nat), in->total_nat,
                       se_or_nan(in->total_nat, in->rse_total_nat), level, &share_nat, err);
  if (!st)
    st = lab_cmp_ratio(share_area.value, share_area.se, share_nat.value, share_nat.se, level,
                       &out->lq, err);
  if (st)
    return st;
  out->jobs_1000.value = share_area.value * 1000;
  out->jobs_1000.se = share_area.se * 1000;
  out->jobs_1000.ci.lo = share_area.ci.lo * 1000;
  out->jobs_1000.ci.hi = share_area.ci.hi * 1000;
  return LAB_OK;
}

/* ------------------------------------------------------------------------------ ranking */

/* True when entry a goes before entry b (values only; the sort is stable). */
static bool before(const double *value, size_t a, size_t b, bool descending)
{
  return descending ? value[a] > value[b] : value[a] < value[b];
}

static bool has_se(const double *se, size_t i)
{
  return se && !isnan(se[i]);
}

lab_status lab_cmp_rank(const double *value, const double *se, size_t n, bool descending,
                        double level, struct lab_cmp_rank *out, struct lab_error *err)
{
  size_t group = 0, leader = 0, start = 0;

  if (n == 0)
    return lab_error_set(err, LAB_ERR_DOMAIN, "nothing to rank");
  if (!level_ok(level))
    return lab_error_set(err, LAB_ERR_DOMAIN, "confidence level %g is not between 0 and 1", level);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(value[i]))
      return lab_error_set(err, LAB_ERR_DOMAIN, "value %zu to rank is not finite", i + 1);
    if (se && !isnan(se[i]) && (isinf(se[i]) || se[i] < 0))
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "standard error %zu must be finite and non-negative (got %g)", i + 1,
                           se[i]);
  }
  /* Stable insertion sort of the indexes. */
  for (size_t i = 0; i < n; i++) {
    size_t j = i;
    while (j > 0 && before(value, i, out[j - 1].index, descending)) {
      out[j].index = out[j - 1].index;
      j--;
    }
    out[j].index = i;
  }
  /* Tie groups: compare each entry with its group's leader. */
  for (size_t k = 0; k < n; k++) {
    size_t i = out[k].index;
    bool joins = false;

    out[k].tested = has_se(se, i);
    if (k > 0 && out[k].tested && has_se(se, leader)) {
      struct lab_cmp_diff d;
      lab_status st = lab_cmp_diff(value[leader], se[leader], value[i], se[i], level, &d, NULL);
      /* Both SEs 0 cannot be tested: equal values tie, different values do not. */
      joins = st == LAB_OK ? d.sign == 0 : value[leader] == value[i];
    }
    if (!joins) {
      for (size_t m = start; m < k; m++)
        out[m].rank_hi = k;
      group++;
      leader = i;
      start = k;
    }
    out[k].group = group;
    out[k].rank_lo = start + 1;
  }
  for (size_t m = start; m < n; m++)
    out[m].rank_hi = n;
  return LAB_OK;
}

/* ---------------------------------------------------------------------------- shift-share */

/* The identity national + mix + regional == change, to LAB_CMP_SUM_REL_TOL. */
static bool identity_holds(const struct lab_cmp_shift *s)
{
  double scale = fabs(s->national) + fabs(s->mix) + fabs(s->regional) + fabs(s->change);
  double gap = fabs(s->national + s->mix + s->regional - s->change);

  return gap <= LAB_CMP_SUM_REL_TOL * scale;
}

lab_status lab_cmp_shiftshare(const double *area0, const double *area1, const double *nat0,
                              const double *nat1, size_t n, double nat_total0, double nat_total1,
                              struct lab_cmp_shift *per, struct lab_cmp_shift *total,
                              double *g_national, struct lab_error *err)
{
  struct lab_cmp_shift sum = {0};
  double g_n;

  if (n == 0)
    return lab_error_set(err, LAB_ERR_DOMAIN, "a shift-share needs at least one occupation");
  if (!isfinite(nat_total0) || !isfinite(nat_total1) || nat_total0 <= 0 || nat_total1 <= 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a shift-share needs positive national totals (got %g and %g)", nat_total0,
                         nat_total1);
  for (size_t i = 0; i < n; i++) {
    const double v[] = {area0[i], area1[i], nat0[i], nat1[i]};
    for (size_t k = 0; k < LAB_ARRAY_SIZE(v); k++)
      if (!isfinite(v[k]) || v[k] < 0)
        return lab_error_set(err, LAB_ERR_DOMAIN,
                             "occupation %zu: employment must be finite and non-negative (got %g)",
                             i + 1, v[k]);
    if (nat0[i] == 0)
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "occupation %zu: national employment at the start is 0, so its "
                           "national growth is not defined",
                           i + 1);
  }
  g_n = nat_total1 / nat_total0 - 1;
  for (size_t i = 0; i < n; i++) {
    struct lab_cmp_shift *s = &per[i];
    double g_i = nat1[i] / nat0[i] - 1;

    s->base = area0[i];
    s->end = area1[i];
    s->change = area1[i] - area0[i];
    s->national = area0[i] * g_n;
    s->mix = area0[i] * (g_i - g_n);
    s->regional = area1[i] - area0[i] * (1 + g_i);
    s->g_occ = g_i;
    s->g_area = area0[i] > 0 ? s->change / area0[i] : NAN;
    if (!identity_holds(s))
      return lab_error_set(err, LAB_ERR_DOMAIN,
                           "occupation %zu: shift-share components do not add up to the change "
                           "(%.17g + %.17g + %.17g vs %.17g)",
                           i + 1, s->national, s->mix, s->regional, s->change);
    sum.base += s->base;
    sum.end += s->end;
    sum.change += s->change;
    sum.national += s->national;
    sum.mix += s->mix;
    sum.regional += s->regional;
  }
  sum.g_occ = sum.base > 0 ? (sum.national + sum.mix) / sum.base : NAN;
  sum.g_area = sum.base > 0 ? sum.change / sum.base : NAN;
  if (!identity_holds(&sum))
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "the shift-share totals do not add up to the change (%.17g + %.17g + "
                         "%.17g vs %.17g)",
                         sum.national, sum.mix, sum.regional, sum.change);
  if (total)
    *total = sum;
  if (g_national)
    *g_national = g_n;
  return LAB_OK;
}
