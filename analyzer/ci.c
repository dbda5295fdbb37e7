/*
 * ci.c - confidence intervals from published relative standard errors.
 */
#include "analyzer/lab_analyzer.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

lab_status lab_an_ci_rse(double est, double rse_pct, double level, struct lab_interval *out,
                         struct lab_error *err)
{
  double z;
  double half;

  if (!isfinite(est) || !isfinite(rse_pct) || rse_pct < 0)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a confidence interval needs a finite estimate and a non-negative "
                         "relative standard error");
  if (!(level > 0 && level < 1))
    return lab_error_set(err, LAB_ERR_DOMAIN, "confidence level %g is not between 0 and 1", level);
  z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
  half = z * rse_pct / 100.0 * fabs(est);
  out->lo = est - half;
  out->hi = est + half;
  return LAB_OK;
}
