/*
 * api_import.c - answers of the BLS Public Data API v2 saved as JSON files (what `laborstat
 * fetch` downloads) into the series table.
 *
 * All answers of one import are parsed (lab_blsapi_parse), merged (lab_blsapi_merge) and stored
 * as one release series/api/FROM-TO, FROM and TO the years the observations cover. A repeated
 * observation (the same series, year and period in two answers) is stored once. Re-fetching a
 * series replaces it: its observations in older "series" releases are deleted first, a release
 * left empty is dropped, and the rows of an earlier release with the same years that the new
 * answers do not hold are kept. A missing value ("-") is stored as NULL; footnotes joined with
 * "; ". An answer whose status is not REQUEST_SUCCEEDED is an error (LAB_ERR_HTTP, BLS's
 * message); messages of a succeeded answer ("Series does not exist", "No Data Available") are
 * not: such a series simply stores nothing.
 */
#include "common/lab_file.h"
#include "common/lab_sha256.h"
#include "datasets/lab_blsapi.h"
#include "datasets/normalize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Drop repeated (year, period) observations of a merged (sorted) series. */
static void dedup(struct lab_blsapi_series *se)
{
  size_t k = 0;

  for (size_t i = 0; i < se->nobs; i++) {
    if (k > 0 && se->obs[k - 1].year == se->obs[i].year &&
        strcmp(se->obs[k - 1].period, se->obs[i].period) == 0) {
      lab_blsapi_obs_release(&se->obs[i]);
      continue;
    }
    se->obs[k++] = se->obs[i];
  }
  se->nobs = k;
}

/* Parse paths[i] and merge it into all; *rows = its observations. */
static lab_status read_answer(const char *path, struct lab_blsapi_answer *all, char hex[65],
                              long *rows, struct lab_error *err)
{
  struct lab_blsapi_answer one = {0};
  char *data = NULL, msg[sizeof(err->msg)];
  size_t len = 0;
  lab_status st = lab_file_read(path, LAB_BLSAPI_MAX_ANSWER, &data, &len, err);

  if (st)
    goto out;
  lab_sha256_of(data, len, hex);
  st = lab_blsapi_parse(data, len, path, &one, err);
  if (st == LAB_ERR_HTTP && err) {
    memcpy(msg, err->msg, sizeof(msg));
    lab_error_set(err, st, "%s: %s", path, msg);
  }
  if (st)
    goto out;
  *rows = 0;
  for (size_t i = 0; i < one.nseries; i++)
    *rows += (long)one.series[i].nobs;
  st = lab_blsapi_merge(all, &one, err);
out:
  lab_blsapi_answer_release(&one);
  free(data);
  return st;
}

/* Write the merged answer into release id (deleting older copies of its series first). */
static lab_status store_answer(struct lab_store *s, int64_t id, const struct lab_blsapi_answer *a,
                               struct lab_error *err)
{
  lab_status st = LAB_OK;

  for (size_t i = 0; i < a->nseries && !st; i++) {
    const struct lab_blsapi_series *se = &a->series[i];
    if (se->nobs)
      st = lab_store_series_forget(s, "series", se->id, id, err);
    for (size_t j = 0; j < se->nobs && !st; j++) {
      const struct lab_blsapi_obs *o = &se->obs[j];
      st = lab_store_series_put(s, id, se->id, o->year, o->period, o->missing ? NAN : o->value,
                                o->footnotes, err);
    }
  }
  return st;
}

lab_status lab_import_api_answers(struct lab_store *s, const char *const *paths, size_t n,
                                  struct lab_import_summary *sums, struct lab_error *err)
{
  struct lab_blsapi_answer all = {0};
  char(*hex)[65] = calloc(n ? n : 1, sizeof(*hex));
  char vintage[16] = "";
  struct lab_release r = {0};
  int64_t id = 0;
  long total = 0, kept = 0;
  int from = 0, to = 0, replaced = 0, dropped = 0;
  lab_status st = LAB_OK;

  if (!hex) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < n && !st; i++) {
    memset(&sums[i], 0, sizeof(sums[i]));
    st = read_answer(paths[i], &all, hex[i], &sums[i].rows, err);
  }
  if (st)
    goto out;
  for (size_t i = 0; i < all.nseries; i++) {
    dedup(&all.series[i]);
    for (size_t j = 0; j < all.series[i].nobs; j++) {
      int y = all.series[i].obs[j].year;
      from = !from || y < from ? y : from;
      to = y > to ? y : to;
      total++;
    }
  }
  if (total > 0) { /* answers without observations store nothing */
    snprintf(vintage, sizeof(vintage), "%d-%d", from, to);
    r = (struct lab_release){.source = "series",
                             .scope = "api",
                             .vintage = vintage,
                             .title = "BLS Public Data API series (imported answers)",
                             .origin_kind = "import",
                             .origin = paths[0],
                             .sha256 = hex[0]};
    st = lab_store_release_add(s, &r, &id, err);
    if (!st)
      st = store_answer(s, id, &all, err);
    for (size_t i = 0; i < n && !st; i++)
      st = lab_store_release_origin_add(s, id, paths[i], hex[i], sums[i].rows, err);
    if (!st)
      st = lab_store_series_carry(s, id, &kept, err);
    if (!st)
      st = lab_store_release_finish(s, id, NULL, total + kept, &replaced, err);
    if (!st)
      st = lab_store_release_prune(s, "series", id, &dropped, err);
  }
  for (size_t i = 0; i < n && !st; i++) {
    snprintf(sums[i].source, sizeof(sums[i].source), "series");
    snprintf(sums[i].scope, sizeof(sums[i].scope), "api");
    snprintf(sums[i].vintage, sizeof(sums[i].vintage), "%s", vintage);
    sums[i].replaced = i == 0 ? replaced + dropped : 0;
  }
out:
  lab_blsapi_answer_release(&all);
  free(hex);
  return st;
}
