/*
 * catalog.c - URLs of the public datasets and their places in the cache.
 */
#include "datasets/lab_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct lab_oews_geo geos[] = {
    {"national", "nat"}, {"state", "st"}, {"msa", "ma"}, {"industry", "in4"}, {"all", "all"},
};

static const char *const oe_files[] = {"oe.data.0.Current", "oe.area",     "oe.occupation",
                                       "oe.industry",       "oe.datatype", "oe.footnote"};

const struct lab_oews_geo *lab_catalog_oews_geos(size_t *n)
{
  *n = LAB_ARRAY_SIZE(geos);
  return geos;
}

const struct lab_oews_geo *lab_catalog_oews_geo(const char *name)
{
  for (size_t i = 0; i < LAB_ARRAY_SIZE(geos); i++)
    if (strcmp(geos[i].scope, name) == 0 || strcmp(geos[i].code, name) == 0)
      return &geos[i];
  return NULL;
}

const char *const *lab_catalog_oe_flatfiles(size_t *n)
{
  *n = LAB_ARRAY_SIZE(oe_files);
  return oe_files;
}

/* *out = a heap copy of a + b + c (b, c may be ""). */
static lab_status concat(char **out, const char *a, const char *b, const char *c,
                         struct lab_error *err)
{
  size_t n = strlen(a) + strlen(b) + strlen(c) + 1;

  *out = malloc(n);
  if (!*out)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  snprintf(*out, n, "%s%s%s", a, b, c);
  return LAB_OK;
}

lab_status lab_catalog_oews_url(int year, const struct lab_oews_geo *g, char **out,
                                struct lab_error *err)
{
  char name[32];

  *out = NULL;
  if (!g || year < 1997 || year > 2099)
    return lab_error_set(err, LAB_ERR_INVALID, "no OEWS release for May %d", year);
  if (snprintf(name, sizeof(name), "oesm%02d%s.zip", year % 100, g->code) >= (int)sizeof(name))
    return lab_error_set(err, LAB_ERR_INVALID, "geography code too long");
  return concat(out, "https://www.bls.gov/oes/special-requests/", name, "", err);
}

lab_status lab_catalog_pc_url(const char *areas, long page, long per_page, char **out,
                              struct lab_error *err)
{
  char query[64];

  *out = NULL;
  if (!areas || !areas[0] || strspn(areas, "0123456789+all") != strlen(areas) || page < 0)
    return lab_error_set(err, LAB_ERR_INVALID,
                         "Projections Central areas must be 'all' or FIPS codes joined by '+'");
  if (per_page != 10 && per_page != 25 && per_page != 50 && per_page != 100 && per_page != 1000)
    return lab_error_set(err, LAB_ERR_INVALID,
                         "Projections Central pages hold 10, 25, 50, 100 or 1000 rows, not %ld",
                         per_page);
  snprintf(query, sizeof(query), "?items_per_page=%ld&page=%ld", per_page, page);
  return concat(out, LAB_URL_PC_LONGTERM, areas, query, err);
}

/* False for "", ".", ".." and segments with a backslash. */
static int segment_ok(const char *s, size_t n)
{
  if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
    return 0;
  return memchr(s, '\\', n) == NULL;
}

lab_status lab_catalog_cache_path(const char *cache_dir, const char *url, char **out,
                                  struct lab_error *err)
{
  const char *rest = url;
  const char *query;
  size_t plen, seg = 0, n;
  char *p = NULL;

  *out = NULL;
  if (strncmp(url, "https://", 8) == 0)
    rest = url + 8;
  else if (strncmp(url, "http://", 7) == 0)
    rest = url + 7;
  else
    return lab_error_set(err, LAB_ERR_INVALID, "'%.200s' is not an http(s) URL", url);
  query = strchr(rest, '?');
  plen = query ? (size_t)(query - rest) : strlen(rest);
  /* HOST/SEG/.../SEG[/]: every segment a plain name; a trailing '/' means the folder's index */
  for (size_t i = 0; i <= plen; i++) {
    if (i < plen && rest[i] != '/')
      continue;
    if (!(i == plen && i > 0 && rest[i - 1] == '/' && seg == i) && !segment_ok(rest + seg, i - seg))
      return lab_error_set(err, LAB_ERR_INVALID, "'%.200s' has an empty, '.' or '..' path segment",
                           url);
    seg = i + 1;
  }
  if (!memchr(rest, '/', plen))
    return lab_error_set(err, LAB_ERR_INVALID, "'%.200s' names no file", url);
  n = strlen(cache_dir) + strlen(rest) + 8;
  p = malloc(n);
  if (!p)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  snprintf(p, n, "%s/%.*s%s%s", cache_dir, (int)plen, rest,
           plen && rest[plen - 1] == '/' ? "index" : "", query ? "@" : "");
  if (query) {
    char *q = p + strlen(p);
    strcpy(q, query + 1);
    for (; *q; q++)
      if (*q == '/' || *q == '\\')
        *q = '_';
  }
  *out = p;
  return LAB_OK;
}
