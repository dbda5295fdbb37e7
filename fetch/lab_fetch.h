/*
 * lab_fetch.h - transport only: HTTP GET (and POST of JSON) with libcurl into a capped buffer or,
 * atomically, into a cached file with its record; retries, pacing, resume; mirror mapping.
 * TLS peers are always verified; http_proxy/https_proxy/no_proxy are honoured (libcurl's default).
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

/*
 * Progress of one transfer, for a progress bar drawn by the caller (the library never prints).
 * done/total in body bytes (total 0 = unknown, as for a compressed answer; a resumed transfer
 * counts what it already had); finished is true exactly once, at the end of each lab_fetch_get(),
 * lab_fetch_post_json() and lab_fetch_file() call (success or not; done = the body's size). url is
 * the one the caller passed (before mirror mapping). ctx is the opts' value. Called from inside
 * the transfer: it must not call back into the same struct lab_fetch.
 */
typedef void (*lab_fetch_progress_fn)(void *ctx, const char *url, size_t done, size_t total,
                                      bool finished);

struct lab_fetch_opts {
  const char *contact;  /* e-mail or URL put in the User-Agent; required (BLS blocks anonymous
                           robots) */
  const char *mirror;   /* NULL, or a base URL: https://HOST/PATH -> MIRROR/HOST/PATH */
  long timeout_s;       /* connect timeout; 0 = 30 s */
  size_t max_bytes;     /* cap of one response body; 0 = 1 GiB */
  int max_attempts;     /* tries per request (network errors, 5xx, 429); 0 = 4 */
  long backoff_ms;      /* first retry delay, doubled each time, plus jitter; 0 = 1000 ms */
  long max_wait_s;      /* longest wait honoured from a Retry-After header; 0 = 120 s */
  long low_speed_s;     /* abort (and retry) a transfer below low_speed_bytes per second for this
                           long; 0 = timeout_s */
  long low_speed_bytes; /* 0 = 1 byte/s */
  long max_redirects;   /* redirects followed per request; 0 = 10 (a loop ends in LAB_ERR_NET
                           naming the limit) */
  long pace_ms;         /* least time between the starts of two requests (retries too) to the same
                           host[:port] of the URL requested (after mirror mapping); 0 = none */
  const char *cacert;   /* NULL, or a PEM bundle of extra CA certificates, trusted besides the
                           system's (verification stays on); read by lab_fetch_new(), which fails
                           with LAB_ERR_IO naming a file it cannot read */
  lab_fetch_progress_fn progress; /* NULL = none */
  void *progress_ctx;
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

/*
 * POST a JSON body (Content-Type: application/json) to url (mirror-mapped) and append the answer
 * to body. Retries as lab_fetch_get(). The request body may hold a secret (the BLS API key): it
 * is never copied into an error message, a progress callback or anywhere else.
 */
lab_status lab_fetch_post_json(struct lab_fetch *f, const char *url, const char *json,
                               struct lab_buf *body, long *status, struct lab_error *err);

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
 * If-Modified-Since): a 304 keeps the file and sets info->not_modified. Retries as lab_fetch_get(),
 * except that a network failure (reset, body shorter than its Content-Length, too slow) after
 * some bytes of a 200 that carried "Accept-Ranges: bytes" and a strong validator (an ETag that is
 * not W/, else Last-Modified) is resumed: the next attempt asks for "Range: bytes=N-" with
 * "If-Range: <validator>"; a 206 for that range is appended to the partial file (the SHA-256
 * continues over exactly the bytes written), a 200 starts the file over, and nothing is ever
 * counted twice. Compressed answers (Content-Encoding) are never resumed. info (may be NULL) gets
 * the record.
 */
lab_status lab_fetch_file(struct lab_fetch *f, const char *url, const char *path,
                          struct lab_fetch_file_info *info, struct lab_error *err);

/* Read PATH.meta into info (url into url[0..url_size) when url is not NULL). LAB_ERR_NOTFOUND
 * without a sidecar, LAB_ERR_PARSE for a damaged one. */
lab_status lab_fetch_meta_read(const char *path, struct lab_fetch_file_info *info, char *url,
                               size_t url_size, struct lab_error *err);

/*
 * Keep bytes obtained another way (a POST answer) in the cache like a download: PATH written
 * through a temporary file, fsync'd and renamed, then PATH.meta (url, size, sha256, time; no
 * validators). info (may be NULL) gets the record. On failure path and PATH.meta are as before.
 */
lab_status lab_fetch_save(const char *url, const char *path, const void *data, size_t len,
                          struct lab_fetch_file_info *info, struct lab_error *err);

/*
 * Ask whether url changed without downloading it: a HEAD request, conditional on held's
 * validators when held is not NULL. *status: 304 when the copy held is current (also when a
 * server ignoring the condition answers 200 with the same ETag), 200 when there is something
 * new, else the status. LAB_ERR_HTTP for a status >= 400 (*status set), LAB_ERR_NET for a
 * transfer failure; retries and pacing as lab_fetch_get().
 */
lab_status lab_fetch_probe(struct lab_fetch *f, const char *url,
                           const struct lab_fetch_file_info *held, long *status,
                           struct lab_error *err);

#endif
