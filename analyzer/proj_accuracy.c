/*
 * proj_accuracy.c - the published accuracy of past BLS occupational projections, in one place.
 *
 * Every figure is quoted from a BLS projections evaluation page, as collected (with exact quotes)
 * in ../shared/reference/projections/accuracy.md, section 2. What BLS publishes per evaluation:
 * the projected and the actual average 10-year growth of all occupations, and the share of
 * occupations whose direction of change (growth or decline) was right. BLS publishes no mean
 * absolute percent error for detailed occupations (none was found for any set since 2002-12) and
 * no uncertainty measure of its own ("projections data do not have measures of uncertainty",
 * Handbook of Methods, Employment Projections, Presentation). How the band is built from these
 * figures, and why: docs/methods.md, "Trends and projections".
 *
 * When a new evaluation is published, add a row here and cite it; nothing else changes.
 */
#include "analyzer/lab_trend.h"

#include <math.h>

#define EVAL_URL "https://www.bls.gov/emp/evaluations/"

static const struct lab_proj_eval evals[] = {
    /* "BLS correctly projected whether an occupation would grow or decline 84 percent of the
       time"; projected "14.8 percent", actual "0.9 percent" (recession of 2007-09). */
    {.set = "2002-12",
     .projected_pct = 14.8,
     .actual_pct = 0.9,
     .direction_right_pct = 84,
     .groups = false,
     .secondary = false,
     .source = EVAL_URL "2002-2012-occupational.htm"},
    /* "... 78 percent of the time"; projected "10.1 percent", actual "6.7 percent". */
    {.set = "2008-18",
     .projected_pct = 10.1,
     .actual_pct = 6.7,
     .direction_right_pct = 78,
     .groups = false,
     .secondary = false,
     .source = EVAL_URL "2008-2018-occupational.htm"},
    /* "... whether an occupational group would grow or decline 77 percent of the time";
       projected "10.8 percent", actual "13.2 percent". */
    {.set = "2012-22",
     .projected_pct = 10.8,
     .actual_pct = 13.2,
     .direction_right_pct = 77,
     .groups = true,
     .secondary = false,
     .source = EVAL_URL "2012-2022-occupational.htm"},
    /* Seen only in a third-party note quoting the BLS page: groups 86 percent; projected
       "6.5 percent", actual "12.9 percent". */
    {.set = "2014-24",
     .projected_pct = 6.5,
     .actual_pct = 12.9,
     .direction_right_pct = 86,
     .groups = true,
     .secondary = true,
     .source = EVAL_URL "2014-2024-occupational.htm"},
};

/* Projection horizon the evaluated misses refer to (every BLS set above is 10 years). */
#define EVAL_HORIZON_YEARS 10
/* Horizons accepted for scaling the band (state cycles are 10 years; anything longer than
   five decades is not a projection this tool reads). */
#define MAX_HORIZON_YEARS 50

const struct lab_proj_eval *lab_proj_accuracy(size_t *n)
{
  *n = LAB_ARRAY_SIZE(evals);
  return evals;
}

lab_status lab_proj_band_halfwidth(int years, double *halfwidth_pp,
                                   const struct lab_proj_eval **from, struct lab_error *err)
{
  const struct lab_proj_eval *worst = &evals[0];

  if (years < 1 || years > MAX_HORIZON_YEARS)
    return lab_error_set(err, LAB_ERR_DOMAIN,
                         "a projection horizon of %d years is outside 1 to %d years", years,
                         MAX_HORIZON_YEARS);
  for (size_t i = 1; i < LAB_ARRAY_SIZE(evals); i++)
    if (fabs(evals[i].projected_pct - evals[i].actual_pct) >
        fabs(worst->projected_pct - worst->actual_pct))
      worst = &evals[i];
  *halfwidth_pp =
      fabs(worst->projected_pct - worst->actual_pct) * (double)years / (double)EVAL_HORIZON_YEARS;
  if (from)
    *from = worst;
  return LAB_OK;
}
