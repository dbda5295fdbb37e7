/*
 * num.c - number parsing and formatting for data fields.
 *
 * The library never calls setlocale(), and the CLI leaves LC_NUMERIC at "C", so strtod() and
 * printf() use '.' as the decimal point. Input is validated here character by character before
 * strtod() sees it, so no locale-specific form is accepted either.
 */
#include "common/lab_num.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUM_MAX_CHARS 64

static void trim(const char **s, size_t *n)
{
  while (*n > 0 && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
    (*s)++;
    (*n)--;
  }
  while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r' ||
                    (*s)[*n - 1] == '\n'))
    (*n)--;
}

/* Copy s into out (without thousands separators) after checking its shape. */
static lab_status copy_number(const char *s, size_t n, bool allow_commas, char *out)
{
  size_t o = 0;
  size_t i = 0;
  size_t digits = 0;
  bool dot = false;

  if (i < n && (s[i] == '-' || s[i] == '+'))
    out[o++] = s[i++];
  for (; i < n; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits++;
    } else if (c == ',' && allow_commas && !dot && digits > 0) {
      continue;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits > 0) {
      break;
    } else {
      return LAB_ERR_PARSE;
    }
    if (o >= NUM_MAX_CHARS - 1)
      return LAB_ERR_PARSE;
    out[o++] = c;
  }
  if (digits == 0)
    return LAB_ERR_PARSE;
  if (i < n) { /* exponent */
    out[o++] = s[i++];
    if (i < n && (s[i] == '-' || s[i] == '+'))
      out[o++] = s[i++];
    digits = 0;
    for (; i < n; i++) {
      if (s[i] < '0' || s[i] > '9' || o >= NUM_MAX_CHARS - 1)
        return LAB_ERR_PARSE;
      out[o++] = s[i];
      digits++;
    }
    if (digits == 0)
      return LAB_ERR_PARSE;
  }
  out[o] = '\0';
  return LAB_OK;
}

/*
 * Fast path for the common shape "[-]digits[.digits]" with at most 15 significant digits:
 * the digits form an integer m < 2^53 and the result is m / 10^k with k <= 22, which IEEE
 * division rounds correctly (both operands are exact doubles). Returns false for anything else,
 * which then goes through strtod().
 */
static bool parse_simple(const char *s, size_t n, bool allow_commas, double *out)
{
  static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  uint64_t m = 0;
  size_t i = 0;
  size_t digits = 0;
  size_t frac = 0;
  bool neg = false;
  bool dot = false;

  if (n > 0 && s[0] == '-') {
    neg = true;
    i++;
  }
  for (; i < n; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 15)
        return false;
      m = m * 10 + (uint64_t)(c - '0');
      frac += dot;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if (c == ',' && allow_commas && !dot && digits > 0) {
      continue;
    } else {
      return false;
    }
  }
  if (digits == 0)
    return false;
  *out = (double)m / pow10[frac];
  if (neg)
    *out = -*out;
  return true;
}

lab_status lab_num_parse(const char *s, size_t n, bool allow_commas, double *out)
{
  char tmp[NUM_MAX_CHARS + 8];
  char *end = NULL;
  double v;
  lab_status st;

  trim(&s, &n);
  if (n == 0 || n > NUM_MAX_CHARS)
    return LAB_ERR_PARSE;
  if (parse_simple(s, n, allow_commas, out))
    return LAB_OK;
  st = copy_number(s, n, allow_commas, tmp);
  if (st)
    return st;
  errno = 0;
  v = strtod(tmp, &end);
  if (errno == ERANGE || !end || *end != '\0' || !isfinite(v))
    return LAB_ERR_PARSE;
  *out = v;
  return LAB_OK;
}

lab_status lab_num_parse_long(const char *s, size_t n, long *out)
{
  long v = 0;

  trim(&s, &n);
  if (n == 0 || n > 18)
    return LAB_ERR_PARSE;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return LAB_ERR_PARSE;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return LAB_OK;
}

char *lab_num_format(double v, char *out, size_t size)
{
  if (!isfinite(v)) {
    snprintf(out, size, "%s", isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"));
    return out;
  }
  /* start with as many digits as the integer part has, so that %g never picks an exponent
     for a wage or an employment count (62990, not 6.299e+04) */
  int start = fabs(v) >= 1 ? (int)floor(log10(fabs(v))) + 1 : 1;
  if (start > 17)
    start = 17;
  for (int prec = start; prec <= 17; prec++) {
    snprintf(out, size, "%.*g", prec, v);
    if (strtod(out, NULL) == v)
      break;
  }
  return out;
}

char *lab_num_format_grouped(double v, int decimals, char *out, size_t size)
{
  char raw[64];
  char tmp[96];
  size_t intlen = 0;
  size_t o = 0;
  size_t start = 0;

  snprintf(raw, sizeof(raw), "%.*f", decimals, v);
  if (raw[0] == '-') {
    tmp[o++] = '-';
    start = 1;
  }
  while (raw[start + intlen] >= '0' && raw[start + intlen] <= '9')
    intlen++;
  for (size_t i = 0; i < intlen; i++) {
    if (i > 0 && (intlen - i) % 3 == 0)
      tmp[o++] = ',';
    tmp[o++] = raw[start + i];
  }
  snprintf(tmp + o, sizeof(tmp) - o, "%s", raw + start + intlen);
  snprintf(out, size, "%s", tmp);
  return out;
}

/* Append src to out (holding *n bytes) within size. */
static void append(char *out, size_t size, size_t *n, const char *src)
{
  while (*src && *n + 1 < size)
    out[(*n)++] = *src++;
  out[*n] = '\0';
}

char *lab_num_format_with(double v, int decimals, const char *prefix, char *out, size_t size)
{
  char num[96];
  size_t n = 0;

  if (size == 0)
    return out;
  out[0] = '\0';
  if (isnan(v)) {
    append(out, size, &n, "-");
    return out;
  }
  lab_num_format_grouped(fabs(v), decimals, num, sizeof(num));
  if (v < 0)
    append(out, size, &n, "-");
  append(out, size, &n, prefix);
  append(out, size, &n, num);
  return out;
}
