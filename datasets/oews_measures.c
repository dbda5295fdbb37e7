/*
 * oews_measures.c - names and labels of the OEWS measures and value states.
 */
#include "datasets/lab_oews.h"

#include <strings.h>

static const struct {
  const char *name;
  const char *label;
} measures[LAB_M_COUNT] = {
    [LAB_M_TOT_EMP] = {"tot_emp", "Employment"},
    [LAB_M_EMP_PRSE] = {"emp_prse", "Employment RSE (%)"},
    [LAB_M_JOBS_1000] = {"jobs_1000", "Jobs per 1,000"},
    [LAB_M_LOC_QUOTIENT] = {"loc_quotient", "Location quotient"},
    [LAB_M_PCT_TOTAL] = {"pct_total", "Percent of industry employment"},
    [LAB_M_PCT_RPT] = {"pct_rpt", "Percent of establishments reporting"},
    [LAB_M_H_MEAN] = {"h_mean", "Hourly mean wage"},
    [LAB_M_A_MEAN] = {"a_mean", "Annual mean wage"},
    [LAB_M_MEAN_PRSE] = {"mean_prse", "Mean wage RSE (%)"},
    [LAB_M_H_PCT10] = {"h_pct10", "Hourly 10th percentile"},
    [LAB_M_H_PCT25] = {"h_pct25", "Hourly 25th percentile"},
    [LAB_M_H_MEDIAN] = {"h_median", "Hourly median wage"},
    [LAB_M_H_PCT75] = {"h_pct75", "Hourly 75th percentile"},
    [LAB_M_H_PCT90] = {"h_pct90", "Hourly 90th percentile"},
    [LAB_M_A_PCT10] = {"a_pct10", "Annual 10th percentile"},
    [LAB_M_A_PCT25] = {"a_pct25", "Annual 25th percentile"},
    [LAB_M_A_MEDIAN] = {"a_median", "Annual median wage"},
    [LAB_M_A_PCT75] = {"a_pct75", "Annual 75th percentile"},
    [LAB_M_A_PCT90] = {"a_pct90", "Annual 90th percentile"},
};

static const char *const vstates[] = {
    [LAB_V_VALUE] = "published", [LAB_V_TOPCODED] = "topcoded",         [LAB_V_WAGE_NA] = "wage_na",
    [LAB_V_EMP_NA] = "emp_na",   [LAB_V_LOW_RESPONSE] = "low_response", [LAB_V_REMOVED] = "removed",
    [LAB_V_MISSING] = "missing",
};

const char *lab_measure_name(enum lab_measure m)
{
  return m < LAB_M_COUNT ? measures[m].name : "?";
}

const char *lab_measure_label(enum lab_measure m)
{
  return m < LAB_M_COUNT ? measures[m].label : "?";
}

enum lab_measure lab_measure_from_name(const char *name)
{
  for (int m = 0; m < LAB_M_COUNT; m++)
    if (strcasecmp(name, measures[m].name) == 0)
      return (enum lab_measure)m;
  return LAB_M_COUNT;
}

bool lab_measure_is_wage(enum lab_measure m)
{
  return m == LAB_M_H_MEAN || m == LAB_M_A_MEAN || (m >= LAB_M_H_PCT10 && m <= LAB_M_A_PCT90);
}

bool lab_measure_is_hourly(enum lab_measure m)
{
  return m == LAB_M_H_MEAN || (m >= LAB_M_H_PCT10 && m <= LAB_M_H_PCT90);
}

enum lab_measure lab_measure_rse(enum lab_measure m)
{
  if (m == LAB_M_TOT_EMP)
    return LAB_M_EMP_PRSE;
  if (m == LAB_M_A_MEAN || m == LAB_M_H_MEAN)
    return LAB_M_MEAN_PRSE;
  return LAB_M_COUNT;
}

const char *lab_vstate_name(enum lab_vstate s)
{
  return s <= LAB_V_MISSING ? vstates[s] : "?";
}

enum lab_vstate lab_vstate_from_name(const char *name)
{
  if (!name)
    return LAB_V_VALUE;
  for (int s = 0; s <= LAB_V_MISSING; s++)
    if (strcasecmp(name, vstates[s]) == 0)
      return (enum lab_vstate)s;
  return LAB_V_VALUE;
}
