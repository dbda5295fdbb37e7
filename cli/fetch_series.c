/*
 * fetch_series.c - `laborstat fetch series ID... [--from Y --to Y]`: BLS Public Data API v2
 * POSTs planned within the limits, every BLS message shown, answers cached and imported.
 *
 * The registration key (BLS_API_KEY or the config's api_key) only ever goes into the POST body:
 * never into argv, a message, the cache, the ledger (a hash prefix names it) or the store.
 */
#include "cli/fetch_cmds.h"
#include "cli/fetch_quota.h"
#include "common/lab_file.h"
#include "common/lab_sha256.h"
#include "datasets/lab_blsapi.h"
#include "datasets/lab_catalog.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void wipe_free(char *s)
{
  if (s) {
    volatile char *v = s;
    while (*v)
      *v++ = '\0';
    free(s);
  }
}

/* The cache name of a request: its body without the key, hashed. */
static lab_status answer_url(const struct lab_blsapi_request *q, char *url, size_t size,
                             struct lab_error *err)
{
  char *json = NULL, hex[65];
  struct lab_sha256 c;
  lab_status st = lab_blsapi_request_json(q, NULL, &json, err);

  if (st)
    return st;
  lab_sha256_init(&c);
  lab_sha256_update(&c, json, strlen(json));
  lab_sha256_hex(&c, hex);
  free(json);
  snprintf(url, size, "%s?request=%.16s", LAB_URL_BLS_API, hex);
  return LAB_OK;
}

/* Show every BLS message: nothing the API says is dropped. */
static void show_messages(const struct lab_blsapi_answer *a)
{
  for (size_t i = 0; i < a->nmessages; i++)
    fprintf(stderr, "laborstat: BLS API (%s): %s\n", lab_blsapi_msg_kind_name(a->messages[i].kind),
            a->messages[i].text);
}

/* One planned request: POSTed (or its cached answer with --offline), checked, cached. */
static lab_status one_request(struct fetch_run *r, const struct lab_blsapi_request *q,
                              const char *key, struct fetch_quota *quota,
                              struct lab_blsapi_answer *all, struct lab_error *err)
{
  struct lab_buf body;
  struct lab_blsapi_answer a = {0};
  struct fetch_item *it = NULL;
  char url[256], *json = NULL, *data = NULL;
  size_t len = 0;
  lab_status st;

  lab_buf_init(&body, LAB_BLSAPI_MAX_ANSWER);
  st = answer_url(q, url, sizeof(url), err);
  if (!st)
    st = fetch_run_item(r, url, true, &it, err);
  if (st)
    goto out;
  if (r->ctx->offline) {
    it->unchanged = true;
    if (!fetch_run_cached_ok(it->path)) {
      st = lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no cached answer for these series and years, and --offline forbids "
                         "the network: run the command once without --offline");
      goto out;
    }
    st = lab_file_read(it->path, LAB_BLSAPI_MAX_ANSWER, &data, &len, err);
  } else {
    st = lab_blsapi_request_json(q, key, &json, err);
    if (!st)
      st = fetch_quota_add(quota, 1, err);
    if (!st)
      st = lab_fetch_post_json(r->f, LAB_URL_BLS_API, json, &body, NULL, err);
    if (!st) {
      data = body.data;
      len = body.len;
    }
  }
  if (!st)
    st = lab_blsapi_parse(data ? data : "", len, "the BLS API answer", &a, err);
  if (st == LAB_ERR_HTTP || (!st && a.nmessages))
    show_messages(&a);
  if (!st && !r->ctx->offline)
    st = lab_fetch_save(url, it->path, data, len, NULL, err);
  if (!st)
    st = lab_blsapi_merge(all, &a, err);
out:
  wipe_free(json);
  lab_buf_release(&body);
  if (r->ctx->offline)
    free(data);
  lab_blsapi_answer_release(&a);
  return st;
}

/* What was stored per series, and why nothing was for the others. */
static size_t report(const struct fetch_run *r, const struct fetch_args *a,
                     const struct lab_blsapi_answer *all)
{
  size_t total = 0;

  for (size_t i = 0; i < a->nids; i++) {
    size_t n = 0;
    for (size_t j = 0; j < all->nseries; j++)
      if (strcmp(all->series[j].id, a->ids[i]) == 0)
        for (size_t k = 0; k < all->series[j].nobs; k++)
          n += !all->series[j].obs[k].missing;
    total += n;
    if (n == 0)
      fprintf(stderr, "laborstat: %s: no data from BLS for %d-%d (see the BLS messages above)\n",
              a->ids[i], a->from, a->to);
    else if (!r->ctx->quiet)
      fprintf(stderr, "laborstat: %s: %zu observations\n", a->ids[i], n);
  }
  return total;
}

lab_status fetch_series(struct fetch_run *r, const struct fetch_args *args, struct lab_error *err)
{
  struct fetch_args a = *args;
  struct lab_blsapi_plan plan = {0};
  struct lab_blsapi_answer all = {0};
  struct lab_import_opts io = {0};
  struct fetch_quota quota;
  const char *env_key = getenv("BLS_API_KEY");
  const char *key = env_key && env_key[0] ? env_key : r->cfg.api_key;
  time_t t = time(NULL);
  struct tm tm;
  lab_status st;

  gmtime_r(&t, &tm);
  for (size_t i = 0; i < a.nids; i++)
    for (char *p = a.ids[i]; *p; p++)
      *p = (char)toupper((unsigned char)*p);
  if (!a.to)
    a.to = a.from ? a.from + (key ? 19 : 9) : tm.tm_year + 1900;
  if (a.to > tm.tm_year + 1900)
    a.to = tm.tm_year + 1900;
  if (!a.from)
    a.from = a.to - (key ? 19 : 9);
  st = lab_blsapi_plan((const char *const *)a.ids, a.nids, a.from, a.to, key != NULL, &plan, err);
  if (!st)
    st = fetch_quota_open(r->cache, key, &quota, err);
  if (st)
    goto out;
  if (!r->ctx->offline && quota.used + (long)plan.nreq > quota.limit) {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "this needs %zu API request%s but only %ld of today's %ld remain %s (BLS "
                       "counts per day); try tomorrow%s",
                       plan.nreq, plan.nreq == 1 ? "" : "s", quota.limit - quota.used, quota.limit,
                       key ? "for this key" : "without a key",
                       key ? "" : ", or register for a free key and set BLS_API_KEY");
    goto out;
  }
  if (!r->ctx->offline && !r->ctx->quiet)
    fprintf(stderr, "laborstat: %zu series, %d-%d: %zu API request%s (%ld of today's %ld used%s)\n",
            a.nids, a.from, a.to, plan.nreq, plan.nreq == 1 ? "" : "s", quota.used, quota.limit,
            key ? ", with a key" : ", no key: 25 series and 10 years per request");
  if (!r->ctx->offline && quota.used + (long)plan.nreq > quota.limit * 8 / 10)
    fprintf(stderr, "laborstat: warning: after this, %ld of today's %ld API requests remain\n",
            quota.limit - quota.used - (long)plan.nreq, quota.limit);
  for (size_t i = 0; i < plan.nreq && !st; i++)
    st = one_request(r, &plan.req[i], key, &quota, &all, err);
  if (!st && report(r, &a, &all) == 0)
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "BLS returned no data for any of the series asked; nothing was stored");
  if (!st)
    st = fetch_run_import(r, &io, err);
out:
  lab_blsapi_plan_release(&plan);
  lab_blsapi_answer_release(&all);
  return st;
}
