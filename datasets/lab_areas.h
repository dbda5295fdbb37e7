/*
 * lab_areas.h - canonical area codes.
 *
 * BLS writes the same area several ways: the nation as 99 (OEWS files), 0000000 (time series)
 * or U.S.; California as 6, 06 or 0600000; Los Angeles as 31080 or 0031080. laborstat stores one
 * form: "US", the 2-digit state FIPS, the 5-digit CBSA code, or the 7-digit nonmetropolitan code.
 */
#ifndef LAB_AREAS_H
#define LAB_AREAS_H

#include "common/lab_common.h"

/*
 * Canonical code for `text` (trimmed). area_type is the OEWS AREA_TYPE when known (1 U.S.,
 * 2 state, 3 territory, 4 metropolitan, 5 metropolitan division, 6 nonmetropolitan), else 0.
 * LAB_ERR_PARSE when text is not an area code.
 */
lab_status lab_area_canonical(const char *text, int area_type, char *out, size_t size);

/* Type name of a canonical code: "nation", "state", "territory", "msa" or "nonmetro";
 * area_type (when non-zero) refines the guess. Static string. */
const char *lab_area_type_name(const char *code, int area_type);

#endif
