/*
 * lab_fetch.h - transport only: HTTP GET with libcurl into a capped buffer or, atomically, into a
 * cached file with its record; retries; mirror mapping.
 * Knows URLs and bytes, not what the bytes mean (datasets/ does).
 *
 * The process must call curl_global_init() once before lab_fetch_new() (the CLI's main does).
 * Ownership: struct lab_fetch is opaque (lab_fetch_new/lab_fetch_free); strings passed in are
 * copied; returned strings are heap-owned by the caller (free()).
 */
#ifndef LAB_FETCH_H
#define LAB_FETCH_H

#include "common/lab_buf.h"
#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

struct lab_fetch;

struct lab_fetch_opts {
  const char *contact; /* e-mail or URL put in the User-Agent; required (BLS blocks anonymous
                          robots) */
  const char *mirror;  /* NULL, or a base URL: https://HOST/PATH -> MIRROR/HOST/PATH */
  long timeout_s;      /* connect timeout; 0 = 30 s */
  size_t max_bytes;    /* cap of one response body; 0 = 1 GiB */
  int max_attempts;    /* tries per request (network errors, 5xx, 429); 0 = 4 */
  long backoff_ms;     /* first retry delay, doubled each time, plus jitter; 0 = 1000 ms */
  long max_wait_s;     /* longest wait honoured from a Retry-After header; 0 = 120 s */
};

lab_status lab_fetch_new(const struct lab_fetch_opts *o, struct lab_fetch **out,
                         struct lab_error *err);
void lab_fetch_free(struct lab_fetch *f);

/*
 * The URL actually requested for `url`: with a mirror, "https://www.bls.gov/oes/x.zip" becomes
 * "MIRROR/www.bls.gov/oes/x.zip" (one slash between). *out is a heap string.
 */
lab_status lab_fetch_map_url(const char *mirror, const char *url, char **out,
                             struct lab_error *err);

/*
 * GET url (after mirror mapping) into body (appended; the buffer's own cap applies too).
 * Network errors (refused, reset, cut short, too slow), 5xx and 429 are retried up to
 * max_attempts times: after backoff_ms * 2^k plus a random jitter below backoff_ms, or after the
 * server's Retry-After (capped at max_wait_s). A retried attempt's partial body is dropped.
 * LAB_ERR_NET for transfer failures, LAB_ERR_HTTP for a status >= 400 (the status and, when
 * retried, the number of attempts in the message), LAB_ERR_TOOLARGE past max_bytes (not
 * retried). *status (may be NULL) gets the last HTTP status.
 */
lab_status lab_fetch_get(struct lab_fetch *f, const char *url, struct lab_buf *body, long *status,
                         struct lab_error *err);

/* A downloaded file's record, kept beside it in PATH.meta (key=value lines). */
struct lab_fetch_file_info {
  bool not_modified; /* the server answered 304: the file already held was kept */
  size_t size;
  char sha256[65];
  char etag[256];
  char last_modified[128];
};

/*
 * Download url into the file at path, atomically: the body goes to PATH.part-XXXXXX in the same
 * folder, is fsync'd and renamed over path, then PATH.meta is written the same way (url, etag,
 * last_modified, size, sha256, fetched_at). A failed transfer or write removes the partial file
 * and leaves path and PATH.meta as they were; should only the record's write fail after the
 * rename, the file no longer matches its record's sha256 and counts as not held. When both exist
 * and the file still matches the recorded sha256, the request is conditional (If-None-Match /
 * If-Modified-Since): a 304 keeps the file and sets info->not_modified. Retries as lab_fetch_get().
 * info (may be NULL) gets the record.
 */
lab_status lab_fetch_file(struct lab_fetch *f, const char *url, const char *path,
                          struct lab_fetch_file_info *info, struct lab_error *err);

/* Read PATH.meta into info (url into url[0..url_size) when url is not NULL). LAB_ERR_NOTFOUND
 * without a sidecar, LAB_ERR_PARSE for a damaged one. */
lab_status lab_fetch_meta_read(const char *path, struct lab_fetch_file_info *info, char *url,
                               size_t url_size, struct lab_error *err);

#endif
