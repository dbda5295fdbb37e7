/*
 * lab_oews.h - OEWS measures and their typed states.
 *
 * BLS marks estimates it cannot publish with symbols. laborstat never turns them into 0 or NaN
 * silently: every measure is a value plus a state. A top-coded wage ('#') keeps that year's
 * top-code threshold as its value, which is a lower bound, not an estimate.
 */
#ifndef LAB_OEWS_H
#define LAB_OEWS_H

#include <stdbool.h>
#include <stddef.h>

enum lab_measure {
  LAB_M_TOT_EMP = 0,
  LAB_M_EMP_PRSE,
  LAB_M_JOBS_1000,
  LAB_M_LOC_QUOTIENT,
  LAB_M_PCT_TOTAL,
  LAB_M_PCT_RPT,
  LAB_M_H_MEAN,
  LAB_M_A_MEAN,
  LAB_M_MEAN_PRSE,
  LAB_M_H_PCT10,
  LAB_M_H_PCT25,
  LAB_M_H_MEDIAN,
  LAB_M_H_PCT75,
  LAB_M_H_PCT90,
  LAB_M_A_PCT10,
  LAB_M_A_PCT25,
  LAB_M_A_MEDIAN,
  LAB_M_A_PCT75,
  LAB_M_A_PCT90,
  LAB_M_COUNT
};

enum lab_vstate {
  LAB_V_VALUE = 0,    /* a published number */
  LAB_V_TOPCODED,     /* '#': at or above the year's top-code; value = the threshold */
  LAB_V_WAGE_NA,      /* '*': wage estimate not available */
  LAB_V_EMP_NA,       /* '**': employment estimate not available */
  LAB_V_LOW_RESPONSE, /* '~': under 0.5% of establishments reporting */
  LAB_V_REMOVED,      /* '***': removed for reporting/processing errors (2005-2007) */
  LAB_V_MISSING       /* '-' or blank: not published in this file */
};

struct lab_value {
  double v; /* meaningful for LAB_V_VALUE and LAB_V_TOPCODED only */
  enum lab_vstate state;
};

/* Column name as in BLS files and the store ("tot_emp", "a_median"); static string. */
const char *lab_measure_name(enum lab_measure m);

/* Human label ("Employment", "Annual median wage"); static string. */
const char *lab_measure_label(enum lab_measure m);

/* The measure named `name` (case-insensitive), or LAB_M_COUNT when unknown. */
enum lab_measure lab_measure_from_name(const char *name);

/* True for hourly and annual wage measures (which can be top-coded). */
bool lab_measure_is_wage(enum lab_measure m);

/* True for hourly wage measures. */
bool lab_measure_is_hourly(enum lab_measure m);

/* The relative standard error BLS publishes for measure m: LAB_M_EMP_PRSE for employment,
 * LAB_M_MEAN_PRSE for the hourly and annual means; LAB_M_COUNT for every other measure (BLS
 * publishes no RSE for percentiles, medians or derived measures). */
enum lab_measure lab_measure_rse(enum lab_measure m);

/* Name of a state as stored and printed: "published", "topcoded", "wage_na", "emp_na",
 * "low_response", "removed", "missing"; static string. */
const char *lab_vstate_name(enum lab_vstate s);

/* Parse a stored state name; unknown or NULL -> LAB_V_VALUE. */
enum lab_vstate lab_vstate_from_name(const char *name);

#endif
