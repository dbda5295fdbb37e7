/*
 * lab_catalog.h - where each public dataset lives: its https URL at the publisher, and where the
 * downloaded copy lives in the cache (CACHE/HOST/PATH, a query folded into the file name).
 *
 * Knows no HTTP (fetch/ does) and no file formats (the readers do).
 * Ownership: strings returned through char ** are heap strings owned by the caller (free());
 * the static tables are borrowed for the life of the program.
 */
#ifndef LAB_CATALOG_H
#define LAB_CATALOG_H

#include "common/lab_common.h"

#include <stddef.h>

#define LAB_URL_OE_FLATFILES "https://download.bls.gov/pub/time.series/oe/"
#define LAB_URL_CU_ALLITEMS "https://download.bls.gov/pub/time.series/cu/cu.data.1.AllItems"
#define LAB_URL_EP_WORKBOOK "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx"
#define LAB_URL_BEA_SARPP "https://apps.bea.gov/regional/zip/SARPP.zip"
#define LAB_URL_BLS_API "https://api.bls.gov/publicAPI/v2/timeseries/data/"
#define LAB_URL_PC_LONGTERM "https://public.projectionscentral.org/Projections/LongTermRestJson/"
#define LAB_PC_PAGE_SIZE 1000 /* the largest page Projections Central accepts (the default) */

/* The OEWS geographies: the store's scope name and BLS's archive code. */
struct lab_oews_geo {
  const char *scope; /* "national", "state", "msa", "industry", "all" */
  const char *code;  /* "nat", "st", "ma", "in4", "all" */
};

/* The geographies in catalog order; *n gets their number. */
const struct lab_oews_geo *lab_catalog_oews_geos(size_t *n);

/* The geography named by scope or code ("state" or "st"); NULL when unknown. */
const struct lab_oews_geo *lab_catalog_oews_geo(const char *name);

/* https://www.bls.gov/oes/special-requests/oesm{YY}{code}.zip for a May year 1997..2099. */
lab_status lab_catalog_oews_url(int year, const struct lab_oews_geo *g, char **out,
                                struct lab_error *err);

/* The OEWS time-series flat files fetched (oe.data.0.Current first, the one imported); oe.series
 * is not among them: the 25-character series id carries all of its keys. */
const char *const *lab_catalog_oe_flatfiles(size_t *n);

/*
 * A Projections Central long-term page: LAB_URL_PC_LONGTERM + areas ("all" or FIPS codes joined
 * with '+') + "?items_per_page=N&page=P" (pages count from 0). The server accepts only
 * N = 10, 25, 50, 100 or 1000; others are LAB_ERR_INVALID.
 */
lab_status lab_catalog_pc_url(const char *areas, long page, long per_page, char **out,
                              struct lab_error *err);

/*
 * The cache file of url under cache_dir: CACHE/HOST/PATH, with "?QUERY" turned into
 * "@QUERY" and '&', '=' and '+' kept (all are safe in file names); a path ending in '/' gets
 * "index". URLs with "..", "." or empty segments, a backslash, or a scheme other than https/http
 * are LAB_ERR_INVALID.
 */
lab_status lab_catalog_cache_path(const char *cache_dir, const char *url, char **out,
                                  struct lab_error *err);

#endif
