/*
 * fetch_transfer.c - one request over libcurl with its retries: limits (size, speed, redirects),
 * TLS (always verified), pacing, the POST body and the Range request of a resumed attempt.
 */
#include "fetch/fetch_internal.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Append line to *h; false when out of memory (then *h is freed). */
static bool add_header(struct curl_slist **h, const char *line)
{
  struct curl_slist *h2 = curl_slist_append(*h, line);

  if (!h2) {
    curl_slist_free_all(*h);
    *h = NULL;
    return false;
  }
  *h = h2;
  return true;
}

/* The request headers of one attempt (*out): the caller's, the POST's, If-Range when resuming. */
static bool attempt_headers(const struct curl_slist *base, const struct fetch_sink *s, bool post,
                            struct curl_slist **out)
{
  char line[300];
  bool ok = true;

  *out = NULL;
  for (; base && ok; base = base->next)
    ok = add_header(out, base->data);
  /* no "Expect: 100-continue" wait before the body */
  if (ok && post)
    ok = add_header(out, "Content-Type: application/json") && add_header(out, "Expect:");
  if (ok && s->resume) {
    /* if_range is at most 255 characters: the line always fits */
    if (snprintf(line, sizeof(line), "If-Range: %s", s->if_range) >= (int)sizeof(line))
      line[0] = '\0';
    ok = !line[0] || add_header(out, line);
  }
  return ok;
}

struct request {
  const char *real; /* the URL after mirror mapping */
  const char *json; /* POST body, NULL for GET */
  bool head;        /* HEAD: no body */
  const struct curl_slist *headers;
};

/* One transfer into the sink; *retry_after gets the server's Retry-After in seconds, *again
 * whether the failure may be retried. */
static lab_status get_once(struct lab_fetch *f, const struct request *rq, struct fetch_sink *sk,
                           long *code, long *retry_after, bool *again, struct lab_error *err)
{
  char errbuf[CURL_ERROR_SIZE] = "", range[48];
  struct fetch_progress pc = {f, sk};
  struct curl_blob ca = {.data = f->ca_blob, .len = f->ca_len, .flags = CURL_BLOB_NOCOPY};
  struct curl_slist *headers = NULL;
  curl_off_t wait = 0;
  CURL *h = curl_easy_init();
  CURLcode rc;
  bool ok = false;
  lab_status st = LAB_OK;

  *code = 0;
  *retry_after = 0;
  *again = false;
  if (h)
    ok = attempt_headers(rq->headers, sk, rq->json != NULL, &headers);
  if (!ok) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot start a transfer");
    goto out;
  }
  sk->code = 0;
  sk->range_start = -1;
  curl_easy_setopt(h, CURLOPT_URL, rq->real);
  curl_easy_setopt(h, CURLOPT_USERAGENT, f->user_agent);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, f->max_redirects);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, f->timeout_s);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, f->low_speed_bytes);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, f->low_speed_s);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (f->ca_blob && curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &ca) != CURLE_OK) {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "this libcurl cannot load extra CA certificates (CURLOPT_CAINFO_BLOB)");
    goto out;
  }
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, fetch_sink_on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, sk);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, fetch_sink_on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, sk);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (rq->head)
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  if (rq->json) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->json);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(rq->json));
  }
  if (sk->resume) {
    snprintf(range, sizeof(range), "%zu-", sk->resume);
    curl_easy_setopt(h, CURLOPT_RANGE, range);
  }
  if (f->progress) {
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, fetch_sink_on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &pc);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  }
  fetch_pace(f, rq->real);
  rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
  if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &wait) == CURLE_OK && wait > 0)
    *retry_after = (long)wait;
  if (!sk->begun && sk->code)
    fetch_sink_begin(sk); /* an answer without a body */
  if (sk->st == LAB_ERR_IO) {
    st = lab_error_set(err, LAB_ERR_IO, "%s: cannot write the download (disk full?)", rq->real);
  } else if (sk->st) {
    st = lab_error_set(err, sk->st, "%s: response larger than %zu bytes or out of memory", rq->real,
                       f->max_bytes);
  } else if (sk->bad_range) {
    st = lab_error_set(err, LAB_ERR_NET, "%s: the server sent another range than asked for",
                       rq->real);
    *again = true;
  } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
    st = lab_error_set(err, LAB_ERR_NET, "%s: too many redirects (the limit is %ld)", rq->real,
                       f->max_redirects);
  } else if (rc != CURLE_OK) {
    st = lab_error_set(err, LAB_ERR_NET, "%s: %s", rq->real,
                       errbuf[0] ? errbuf : curl_easy_strerror(rc));
    *again = true;
  } else if (*code >= 400) {
    st = lab_error_set(err, LAB_ERR_HTTP, "%s: the server answered HTTP %ld", rq->real, *code);
    /* 416: the range asked for no longer fits; the next attempt starts over */
    *again = *code >= 500 || *code == 429 || (*code == 416 && sk->resume);
    if (*code == 416)
      sk->bad_range = true;
  }
out:
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return st;
}

/* Milliseconds to wait before attempt k+1 (k = 0 for the first retry). */
static long retry_delay(struct lab_fetch *f, int k, long retry_after)
{
  long ms = f->backoff_ms;

  if (retry_after > 0)
    return (retry_after < f->max_wait_s ? retry_after : f->max_wait_s) * 1000L;
  for (int i = 0; i < k && ms < 60000; i++)
    ms *= 2;
  return ms + (long)(rand_r(&f->seed) % (unsigned)f->backoff_ms);
}

static lab_status transfer(struct lab_fetch *f, const char *url, struct request rq,
                           struct fetch_sink *sk, long *status, struct lab_error *err)
{
  char *real = NULL;
  long code = 0, retry_after = 0;
  int attempt = 0;
  lab_status st;

  st = lab_fetch_map_url(f->mirror, url, &real, err);
  if (st)
    return st;
  rq.real = real;
  sk->url = url;
  sk->resume = 0;
  sk->if_range[0] = '\0';
  for (;;) {
    bool again;
    attempt++;
    st = get_once(f, &rq, sk, &code, &retry_after, &again, err);
    if (!again || attempt >= f->max_attempts)
      break;
    if (fetch_sink_next(sk) != LAB_OK) {
      st = lab_error_set(err, LAB_ERR_IO, "cannot restart the download of %s", real);
      break;
    }
    fetch_sleep_ms(retry_delay(f, attempt - 1, retry_after));
  }
  if (st && attempt > 1 && err) {
    size_t n = strlen(err->msg);
    if (n + 1 < sizeof(err->msg))
      snprintf(err->msg + n, sizeof(err->msg) - n, " (after %d attempts)", attempt);
  }
  if (status)
    *status = code;
  free(real);
  return st;
}

lab_status fetch_transfer(struct lab_fetch *f, const char *url, struct fetch_sink *sk,
                          const struct curl_slist *headers, long *status, struct lab_error *err)
{
  struct request rq = {.headers = headers};

  return transfer(f, url, rq, sk, status, err);
}

lab_status fetch_transfer_post(struct lab_fetch *f, const char *url, const char *json,
                               struct fetch_sink *sk, const struct curl_slist *headers,
                               long *status, struct lab_error *err)
{
  struct request rq = {.json = json, .headers = headers};

  return transfer(f, url, rq, sk, status, err);
}

lab_status fetch_transfer_head(struct lab_fetch *f, const char *url, struct fetch_sink *sk,
                               const struct curl_slist *headers, long *status,
                               struct lab_error *err)
{
  struct request rq = {.head = true, .headers = headers};

  return transfer(f, url, rq, sk, status, err);
}
