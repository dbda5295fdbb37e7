/*
 * fetch_internal.h - (internal to fetch/) the context and the retrying transfer shared by
 * fetch.c (context, into memory, POST), fetch_transfer.c (one request with its retries),
 * fetch_sink.c (libcurl's callbacks, the resume decisions), fetch_pace.c (per-host pacing) and
 * fetch_file.c (into the cache).
 *
 * Ownership: struct lab_fetch owns its strings and the CA blob (freed by lab_fetch_free()). A
 * fetch_sink borrows its buffer, FILE and URL; the transfer never closes or frees them.
 */
#ifndef LAB_FETCH_INTERNAL_H
#define LAB_FETCH_INTERNAL_H

#include "common/lab_sha256.h"
#include "fetch/lab_fetch.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>

#define FETCH_PACE_HOSTS 8 /* hosts remembered for pacing (the oldest is forgotten first) */

/* When the last request to a host started (monotonic milliseconds). */
struct fetch_host {
  char name[256]; /* host[:port] as written in the URL; "" = free slot */
  long long started_ms;
};

struct lab_fetch {
  char *user_agent;
  char *mirror;
  long timeout_s;
  size_t max_bytes;
  int max_attempts;
  long backoff_ms;
  long max_wait_s;
  long low_speed_s;
  long low_speed_bytes;
  long max_redirects;
  long pace_ms;
  char *ca_blob; /* NULL, or the system CA bundle followed by opts.cacert (PEM) */
  size_t ca_len;
  lab_fetch_progress_fn progress;
  void *progress_ctx;
  unsigned seed; /* jitter (rand_r) */
  struct fetch_host hosts[FETCH_PACE_HOSTS];
};

/*
 * Where a response body goes: appended to body (from start), or written to file and hashed.
 * A file sink may resume: after a failed attempt that wrote bytes of a 200 answer carrying
 * Accept-Ranges: bytes and a strong validator, the next attempt asks for the rest (Range +
 * If-Range); the hash state always matches the bytes written (got).
 */
struct fetch_sink {
  struct lab_buf *body;
  size_t start;
  FILE *file;
  struct lab_sha256 sha;
  size_t max;
  size_t got; /* body bytes in the sink (with the resumed ones) */
  lab_status st;
  /* the response being received (reset at each status line, e.g. after a redirect) */
  long code;
  bool ranges;           /* Accept-Ranges: bytes */
  bool encoded;          /* a Content-Encoding other than identity */
  long long range_start; /* first byte of Content-Range; -1 = none */
  char etag[256];        /* validators of the last response */
  char last_modified[128];
  /* the body held in the sink */
  bool begun;          /* this attempt's answer was judged (first body byte or end) */
  bool discard;        /* this attempt's body is not ours (an error answer to a Range) */
  bool bad_range;      /* a 206 for another range than asked: start over */
  size_t resume;       /* this attempt asked for bytes from here on (0 = all) */
  size_t base;         /* bytes held before this answer's body (progress) */
  char if_range[256];  /* validator the held bytes came with; "" = cannot resume */
  char body_etag[256]; /* validators of the body held (for the record) */
  char body_last_modified[128];
  /* progress (borrowed; NULL = none) */
  const char *url;
};

/* libcurl's callbacks (userdata: the sink; for progress a struct fetch_progress). */
size_t fetch_sink_on_header(char *p, size_t size, size_t nmemb, void *userdata);
size_t fetch_sink_on_data(char *p, size_t size, size_t nmemb, void *userdata);
struct fetch_progress {
  struct lab_fetch *f;
  struct fetch_sink *s;
};
int fetch_sink_on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                           curl_off_t ulnow);

/* Judge this attempt's answer before its first body byte (or at its end when it had none). */
void fetch_sink_begin(struct fetch_sink *s);

/* Set the sink up for the next attempt: resume a file after its bytes when the failed answer
 * allowed it, else start over (LAB_ERR_IO when the file cannot be reset). */
lab_status fetch_sink_next(struct fetch_sink *s);

/* GET url (mirror-mapped) into sk with extra request headers (may be NULL), retrying as
 * lab_fetch_get() documents; the sink is restarted (or, for a file, resumed) before every retry.
 * Reports progress to f->progress but not the final call (the public functions make it). */
lab_status fetch_transfer(struct lab_fetch *f, const char *url, struct fetch_sink *sk,
                          const struct curl_slist *headers, long *status, struct lab_error *err);

/* As fetch_transfer(), but POST json (Content-Type: application/json). json is never copied into
 * err. */
lab_status fetch_transfer_post(struct lab_fetch *f, const char *url, const char *json,
                               struct fetch_sink *sk, const struct curl_slist *headers,
                               long *status, struct lab_error *err);

/* As fetch_transfer(), but HEAD: headers only (sk->code, sk->etag, sk->last_modified), no body. */
lab_status fetch_transfer_head(struct lab_fetch *f, const char *url, struct fetch_sink *sk,
                               const struct curl_slist *headers, long *status,
                               struct lab_error *err);

/* The one progress call with finished=true. */
void fetch_progress_end(struct lab_fetch *f, const char *url, size_t done, size_t total);

/* Wait until f->pace_ms have passed since the last request to url's host started, then record
 * this start. No wait when pace_ms is 0. */
void fetch_pace(struct lab_fetch *f, const char *url);

void fetch_sleep_ms(long ms);

/* (fetch_record.c, no libcurl) PATH.meta into out; 0 when it does not fit. */
int fetch_meta_path(const char *path, char *out, size_t size);

/* Write data to path through PATH.part-XXXXXX beside it, fsync'd, renamed into place; on failure
 * path is as it was and the temporary file is removed. */
lab_status fetch_write_atomic(const char *path, const void *data, size_t len,
                              struct lab_error *err);

#endif
