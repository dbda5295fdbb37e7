/*
 * fetch_quota.h - (internal to cli/) the daily BLS API request ledger in the cache folder
 * (CACHE/api-quota.tsv: `DAY<TAB>WHO<TAB>REQUESTS` lines), one count per key and UTC day. WHO is
 * "anonymous" or "key-" and 8 hex digits of the key's sha256: never the key itself.
 *
 * Ownership: struct fetch_quota is a caller-owned value with nothing on the heap.
 */
#ifndef LAB_CLI_FETCH_QUOTA_H
#define LAB_CLI_FETCH_QUOTA_H

#include "common/lab_common.h"

#include <stdbool.h>

#define QUOTA_WITH_KEY 500 /* BLS: daily queries with a registration key (API v2) */
#define QUOTA_NO_KEY 25    /* without one */

struct fetch_quota {
  char path[4096];
  char who[32];
  char day[16];
  long used;
  long limit;
};

/* Read today's count for this key (NULL = none) from the ledger under cache_dir. */
lab_status fetch_quota_open(const char *cache_dir, const char *key, struct fetch_quota *q,
                            struct lab_error *err);

/* Add n requests to today's count and rewrite the ledger atomically (older days dropped). */
lab_status fetch_quota_add(struct fetch_quota *q, long n, struct lab_error *err);

#endif
