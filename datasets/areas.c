/*
 * areas.c - canonical area codes.
 */
#include "datasets/lab_areas.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* out = prefix + s[0..n), NUL-terminated, cut to size (snprintf is too slow for every row). */
static void put(char *out, size_t size, const char *prefix, const char *s, size_t n)
{
  size_t p = strlen(prefix);

  if (size == 0)
    return;
  if (p > size - 1)
    p = size - 1;
  memcpy(out, prefix, p);
  if (n > size - 1 - p)
    n = size - 1 - p;
  memcpy(out + p, s, n);
  out[p + n] = '\0';
}

static int all_digits(const char *s, size_t n)
{
  if (n == 0)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

lab_status lab_area_canonical(const char *text, int area_type, char *out, size_t size)
{
  const char *s = text;
  size_t n;

  while (*s == ' ')
    s++;
  n = strlen(s);
  while (n > 0 && s[n - 1] == ' ')
    n--;
  if (area_type == 1 || (n == 2 && strncasecmp(s, "US", 2) == 0) ||
      (n == 4 && strncasecmp(s, "U.S.", 4) == 0) || (n == 2 && strncmp(s, "99", 2) == 0) ||
      (n == 7 && strncmp(s, "0000000", 7) == 0) || (n == 6 && strncasecmp(s, "nation", 6) == 0)) {
    put(out, size, "US", "", 0);
    return LAB_OK;
  }
  if (!all_digits(s, n))
    return LAB_ERR_PARSE;
  if (n <= 2) {
    if (n == 1 && s[0] == '0')
      return LAB_ERR_PARSE;
    put(out, size, n == 1 ? "0" : "", s, n);
    return LAB_OK;
  }
  if (n == 5) {
    put(out, size, "", s, 5);
    return LAB_OK;
  }
  if (n == 7) {
    if (strncmp(s + 2, "00000", 5) == 0 && strncmp(s, "00", 2) != 0)
      put(out, size, "", s, 2);
    else if (strncmp(s, "00", 2) == 0)
      put(out, size, "", s + 2, 5);
    else
      put(out, size, "", s, 7);
    return LAB_OK;
  }
  return LAB_ERR_PARSE;
}

const char *lab_area_type_name(const char *code, int area_type)
{
  size_t n = strlen(code);

  if (strcmp(code, "US") == 0)
    return "nation";
  if (n == 2) {
    if (area_type == 3 || strcmp(code, "60") == 0 || strcmp(code, "66") == 0 ||
        strcmp(code, "69") == 0 || strcmp(code, "72") == 0 || strcmp(code, "78") == 0)
      return "territory";
    return "state";
  }
  if (n == 7 || area_type == 6)
    return "nonmetro";
  return "msa";
}
