/*
 * lab_num.h - locale-independent number parsing and formatting for data fields.
 *
 * All functions work on (pointer, length) views and never read past them; none allocates.
 */
#ifndef LAB_NUM_H
#define LAB_NUM_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Parse a decimal number such as "127730", "-3.5", "43.30", "1,234.5" (thousands separators
 * allowed only when allow_commas) or "1.5e3" from s[0..n). Leading/trailing blanks are ignored.
 * Independent of LC_NUMERIC: the decimal point is always '.'. Returns LAB_OK and sets *out, or
 * LAB_ERR_PARSE (empty, stray characters, out of range). *out is untouched on failure.
 */
lab_status lab_num_parse(const char *s, size_t n, bool allow_commas, double *out);

/* Parse a non-negative integer that fits in long from s[0..n) (blanks trimmed). */
lab_status lab_num_parse_long(const char *s, size_t n, long *out);

/*
 * Format v with the fewest significant digits (up to 17) that read back as exactly v, with '.'
 * as the decimal point: 62990 -> "62990", 0.1 -> "0.1". Writes at most size bytes; returns out.
 */
char *lab_num_format(double v, char *out, size_t size);

/* Format v rounded to `decimals` places with thousands separators: 62990 -> "62,990". */
char *lab_num_format_grouped(double v, int decimals, char *out, size_t size);

/*
 * prefix followed by |v| rounded to `decimals` places with thousands separators, the sign first
 * when v < 0: ("$", 62990) -> "$62,990", ("+", 1234.5, 1) -> "+1,234.5", ("$", -5) -> "-$5".
 * NaN gives "-". Cut to size bytes (always NUL-terminated); returns out.
 */
char *lab_num_format_with(double v, int decimals, const char *prefix, char *out, size_t size);

#endif
