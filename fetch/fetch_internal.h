/*
 * fetch_internal.h - (internal to fetch/) the context and the retrying transfer shared by
 * fetch.c (into memory) and fetch_file.c (into the cache).
 *
 * Ownership: a fetch_sink borrows its buffer or FILE; the transfer never closes or frees them.
 */
#ifndef LAB_FETCH_INTERNAL_H
#define LAB_FETCH_INTERNAL_H

#include "common/lab_sha256.h"
#include "fetch/lab_fetch.h"

#include <curl/curl.h>
#include <stdio.h>

struct lab_fetch {
  char *user_agent;
  char *mirror;
  long timeout_s;
  size_t max_bytes;
  int max_attempts;
  long backoff_ms;
  long max_wait_s;
  unsigned seed; /* jitter (rand_r) */
};

/* Where a response body goes: appended to body (from start), or written to file and hashed. */
struct fetch_sink {
  struct lab_buf *body;
  size_t start;
  FILE *file;
  struct lab_sha256 sha;
  size_t max;
  size_t got;
  lab_status st;
  char etag[256]; /* validators of the last response */
  char last_modified[128];
};

/* GET url (mirror-mapped) into sk with extra request headers (may be NULL), retrying as
 * lab_fetch_get() documents; the sink is restarted before every retry. */
lab_status fetch_transfer(struct lab_fetch *f, const char *url, struct fetch_sink *sk,
                          const struct curl_slist *headers, long *status, struct lab_error *err);

#endif
