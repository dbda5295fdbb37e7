/*
 * wages_cells.c - resolving occupations and areas to OEWS cells; texts for measures.
 */
#include "cli/wages.h"
#include "common/lab_num.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

bool cli_looks_like_soc(const char *s)
{
  for (int i = 0; i < 7; i++)
    if (i == 2 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
      return false;
  return s[7] == '\0';
}

lab_status cli_wages_cells(struct lab_store *s, char *const *occs, size_t n, const char *area_text,
                           int year, struct lab_oews_cell *out, struct lab_error *err)
{
  struct lab_area area;
  lab_status st = lab_store_area_resolve(s, area_text ? area_text : "US", &area, err);

  for (size_t i = 0; i < n && !st; i++) {
    if (!cli_looks_like_soc(occs[i]))
      return lab_error_set(err, LAB_ERR_INVALID,
                           "'%s' is not an SOC occupation code such as 29-9021: look one up with "
                           "laborstat find WORDS",
                           occs[i]);
    st = lab_store_oews_cell(s, occs[i], area.code, year, &out[i], err);
  }
  return st;
}

void cli_cell_source(const struct lab_oews_cell *c, char *out, size_t size)
{
  const char *kind = strcmp(c->origin_kind, "snapshot") == 0 ? "laborstat snapshot"
                     : strcmp(c->origin_kind, "import") == 0 ? "imported file"
                                                             : "download";

  snprintf(out, size, "BLS OEWS May %d, %s cross-industry estimates (%s)", c->year,
           c->release_scope, kind);
}

void cli_measure_text(enum lab_measure m, const struct lab_value *v, char *out, size_t size)
{
  char num[48];
  bool wage = lab_measure_is_wage(m);
  bool hourly = lab_measure_is_hourly(m);
  int decimals = hourly ? 2 : (m == LAB_M_TOT_EMP || !wage ? -1 : 0);

  switch (v->state) {
  case LAB_V_VALUE:
  case LAB_V_TOPCODED:
    if (decimals < 0)
      lab_num_format(v->v, num, sizeof(num));
    else
      lab_num_format_grouped(v->v, decimals, num, sizeof(num));
    if (m == LAB_M_TOT_EMP)
      lab_num_format_grouped(v->v, 0, num, sizeof(num));
    if (v->state == LAB_V_TOPCODED)
      snprintf(out, size, ">= %s%s (top-coded)", wage ? "$" : "", num);
    else
      snprintf(out, size, "%s%s%s", wage ? "$" : "", num,
               m == LAB_M_EMP_PRSE || m == LAB_M_MEAN_PRSE ? "%" : "");
    break;
  case LAB_V_WAGE_NA:
    snprintf(out, size, "not available (*)");
    break;
  case LAB_V_EMP_NA:
    snprintf(out, size, "not available (**)");
    break;
  case LAB_V_LOW_RESPONSE:
    snprintf(out, size, "low response (~)");
    break;
  case LAB_V_REMOVED:
    snprintf(out, size, "removed (***)");
    break;
  case LAB_V_MISSING:
    snprintf(out, size, "-");
    break;
  }
}
