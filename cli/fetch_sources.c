/*
 * fetch_sources.c - `fetch oews`, `fetch flatfiles`, `fetch projections`, `fetch deflators`:
 * the catalog's URLs downloaded into the cache, then imported in one transaction.
 */
#include "cli/fetch_cmds.h"
#include "common/lab_file.h"
#include "datasets/lab_query.h"
#include "datasets/lab_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int fetch_newest_oews_year(void)
{
  time_t t = time(NULL);
  struct tm tm;

  gmtime_r(&t, &tm);
  return tm.tm_year + 1900 - (tm.tm_mon >= 3 ? 1 : 2);
}

lab_status fetch_oews(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err)
{
  struct lab_import_opts io = {.year = a->year ? a->year : fetch_newest_oews_year()};
  char *list = strdup(a->geo ? a->geo : "national");
  char *save = NULL, *url = NULL;
  lab_status st = list ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");

  for (char *g = list ? strtok_r(list, ",", &save) : NULL; g && !st;
       g = strtok_r(NULL, ",", &save)) {
    const struct lab_oews_geo *geo = lab_catalog_oews_geo(g);
    if (!geo) {
      st = lab_error_set(err, LAB_ERR_INVALID,
                         "unknown geography '%s' (expected national, state, msa, industry or all)",
                         g);
      break;
    }
    st = lab_catalog_oews_url(io.year, geo, &url, err);
    if (!st)
      st = fetch_run_file(r, url, FETCH_ZIP, true, NULL, err);
    free(url);
    url = NULL;
  }
  if (!st)
    st = fetch_run_import(r, &io, err);
  free(list);
  return st;
}

lab_status fetch_flatfiles(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err)
{
  struct lab_import_opts io = {.year = a->year};
  size_t n;
  const char *const *files = lab_catalog_oe_flatfiles(&n);
  lab_status st = LAB_OK;
  char url[256];

  for (size_t i = 0; i < n && !st; i++) {
    snprintf(url, sizeof(url), "%s%s", LAB_URL_OE_FLATFILES, files[i]);
    /* oe.data.0.Current is imported; the mapping files beside it give it its titles */
    st = fetch_run_file(r, url, FETCH_TEXT, i == 0, NULL, err);
  }
  if (!st)
    st = fetch_run_import(r, &io, err);
  return st;
}

/* "CA,NV,32" or "all" -> "6+32" or "all" (Projections Central's FIPS without leading zeros). */
static lab_status pc_areas(struct fetch_run *r, const char *states, char *out, size_t size,
                           struct lab_error *err)
{
  struct lab_store *store = NULL;
  char *list = NULL, *save = NULL;
  size_t n = 0;
  lab_status st = LAB_OK;

  out[0] = '\0';
  if (strcmp(states, "all") == 0) {
    snprintf(out, size, "all");
    return LAB_OK;
  }
  list = strdup(states);
  if (!list)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  st = cli_store(r->ctx, &store, err);
  for (char *s = strtok_r(list, ",", &save); s && !st; s = strtok_r(NULL, ",", &save)) {
    struct lab_area a;
    if (lab_store_area_resolve(store, s, &a, err) != LAB_OK || strlen(a.code) != 2) {
      st = lab_error_set(err, LAB_ERR_INVALID,
                         "'%s' is not a state (give postal codes or FIPS codes: CA,NV or 6,32)", s);
      break;
    }
    if (n + 4 >= size) {
      st = lab_error_set(err, LAB_ERR_INVALID, "too many states: use --states all");
      break;
    }
    n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "+" : "",
                          a.code[0] == '0' ? a.code + 1 : a.code);
  }
  free(list);
  return st;
}

/* Every page of one Projections Central query, the first telling how many there are. */
static lab_status pc_pages(struct fetch_run *r, const char *areas, struct lab_error *err)
{
  long pages = 1, items = 0;
  char *url = NULL, *data = NULL;
  size_t len = 0;
  struct fetch_item *it = NULL;
  lab_status st = LAB_OK;

  for (long p = 0; p < pages && !st; p++) {
    st = lab_catalog_pc_url(
        areas, p, r->cfg.pc_page_size > 0 ? r->cfg.pc_page_size : LAB_PC_PAGE_SIZE, &url, err);
    if (!st)
      st = fetch_run_file(r, url, FETCH_JSON, true, &it, err);
    if (!st && p == 0) {
      st = lab_file_read(it->path, (size_t)256 << 20, &data, &len, err);
      if (!st)
        st = lab_pc_pager(data, len, it->path, &pages, &items, err);
      if (!st && !r->ctx->quiet)
        fprintf(stderr, "laborstat: Projections Central has %ld rows in %ld page%s\n", items, pages,
                pages == 1 ? "" : "s");
      if (!st && pages > 10000)
        st = lab_error_set(err, LAB_ERR_PARSE, "%s: implausible page count %ld", url, pages);
    }
    free(url);
    url = NULL;
  }
  free(data);
  return st;
}

lab_status fetch_projections(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err)
{
  struct lab_import_opts io = {0};
  bool national = a->national || !a->states;
  const char *states = a->states ? a->states : (a->national ? NULL : "all");
  char areas[512];
  lab_status st = LAB_OK;

  if (national)
    st = fetch_run_file(r, LAB_URL_EP_WORKBOOK, FETCH_ZIP, true, NULL, err);
  if (!st && states) {
    struct lab_store *store = NULL;
    /* the snapshot's state projections first, so that areas not fetched are kept from them */
    st = cli_store(r->ctx, &store, err);
    if (!st)
      st = lab_snapshot_ensure(store, LAB_SNAP_PROJECTIONS, NULL, err);
    if (!st)
      st = pc_areas(r, states, areas, sizeof(areas), err);
    if (!st)
      st = pc_pages(r, areas, err);
  }
  if (!st)
    st = fetch_run_import(r, &io, err);
  return st;
}

lab_status fetch_deflators(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err)
{
  struct lab_import_opts io = {0};
  lab_status st = fetch_run_file(r, LAB_URL_CU_ALLITEMS, FETCH_TEXT, true, NULL, err);

  (void)a;
  if (!st)
    st = fetch_run_file(r, LAB_URL_BEA_SARPP, FETCH_ZIP, true, NULL, err);
  if (!st)
    st = fetch_run_import(r, &io, err);
  return st;
}
