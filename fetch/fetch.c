/*
 * fetch.c - HTTP GET over libcurl.
 */
#include "fetch/fetch_internal.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

lab_status lab_fetch_new(const struct lab_fetch_opts *o, struct lab_fetch **out,
                         struct lab_error *err)
{
  struct lab_fetch *f;
  size_t n;

  *out = NULL;
  if (!o->contact || !o->contact[0])
    return lab_error_set(err, LAB_ERR_INVALID,
                         "BLS refuses anonymous downloads: set LABORSTAT_CONTACT to your e-mail "
                         "address (it is sent in the User-Agent)");
  f = calloc(1, sizeof(*f));
  if (!f)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  n = strlen(o->contact) + 64;
  f->user_agent = malloc(n);
  f->mirror = o->mirror && o->mirror[0] ? strdup(o->mirror) : NULL;
  if (!f->user_agent || (o->mirror && o->mirror[0] && !f->mirror)) {
    lab_fetch_free(f);
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  snprintf(f->user_agent, n, "laborstat/%s (+%s)", LAB_VERSION, o->contact);
  f->timeout_s = o->timeout_s > 0 ? o->timeout_s : 30;
  f->max_bytes = o->max_bytes > 0 ? o->max_bytes : ((size_t)1 << 30);
  f->max_attempts = o->max_attempts > 0 ? o->max_attempts : 4;
  f->backoff_ms = o->backoff_ms > 0 ? o->backoff_ms : 1000;
  f->max_wait_s = o->max_wait_s > 0 ? o->max_wait_s : 120;
  f->seed = (unsigned)time(NULL) ^ (unsigned)getpid();
  *out = f;
  return LAB_OK;
}

void lab_fetch_free(struct lab_fetch *f)
{
  if (!f)
    return;
  free(f->user_agent);
  free(f->mirror);
  free(f);
}

lab_status lab_fetch_map_url(const char *mirror, const char *url, char **out, struct lab_error *err)
{
  const char *rest = url;
  size_t mlen;
  size_t n;

  if (!mirror || !mirror[0]) {
    *out = strdup(url);
    return *out ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  if (strncmp(url, "https://", 8) == 0)
    rest = url + 8;
  else if (strncmp(url, "http://", 7) == 0)
    rest = url + 7;
  else
    return lab_error_set(err, LAB_ERR_INVALID, "'%s' is not an http(s) URL", url);
  mlen = strlen(mirror);
  while (mlen > 0 && mirror[mlen - 1] == '/')
    mlen--;
  n = mlen + strlen(rest) + 2;
  *out = malloc(n);
  if (!*out)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  snprintf(*out, n, "%.*s/%s", (int)mlen, mirror, rest);
  return LAB_OK;
}

static size_t on_data(char *p, size_t size, size_t nmemb, void *userdata)
{
  struct fetch_sink *s = userdata;
  size_t n = size * nmemb;

  if (s->got + n > s->max) {
    s->st = LAB_ERR_TOOLARGE;
    return 0;
  }
  if (s->body) {
    s->st = lab_buf_add(s->body, p, n);
  } else {
    if (fwrite(p, 1, n, s->file) != n)
      s->st = LAB_ERR_IO;
    lab_sha256_update(&s->sha, p, n);
  }
  if (s->st)
    return 0;
  s->got += n;
  return n;
}

/* Copy a header's value (trimmed) when the line is "Name: value". */
static void header_value(const char *line, size_t n, const char *name, char *out, size_t size)
{
  size_t k = strlen(name);

  if (n <= k || strncasecmp(line, name, k) != 0)
    return;
  line += k;
  n -= k;
  while (n && (*line == ' ' || *line == '\t')) {
    line++;
    n--;
  }
  while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == ' '))
    n--;
  snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), line);
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *userdata)
{
  struct fetch_sink *s = userdata;
  size_t n = size * nmemb;

  if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) { /* a new response (after a redirect) */
    s->etag[0] = '\0';
    s->last_modified[0] = '\0';
  }
  header_value(p, n, "ETag:", s->etag, sizeof(s->etag));
  header_value(p, n, "Last-Modified:", s->last_modified, sizeof(s->last_modified));
  return n;
}

/* Start the sink over for another attempt. */
static lab_status sink_restart(struct fetch_sink *s)
{
  s->st = LAB_OK;
  s->got = 0;
  if (s->body) {
    lab_buf_truncate(s->body, s->start);
    return LAB_OK;
  }
  lab_sha256_init(&s->sha);
  if (fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0 || fseek(s->file, 0, SEEK_SET))
    return LAB_ERR_IO;
  return LAB_OK;
}

/* One transfer of real into the sink; *retry_after gets the server's Retry-After in seconds. */
static lab_status get_once(struct lab_fetch *f, const char *real, struct fetch_sink *sk,
                           const struct curl_slist *headers, long *code, long *retry_after,
                           struct lab_error *err)
{
  char errbuf[CURL_ERROR_SIZE] = "";
  curl_off_t wait = 0;
  CURL *h = curl_easy_init();
  CURLcode rc;
  lab_status st = LAB_OK;

  *code = 0;
  *retry_after = 0;
  if (!h)
    return lab_error_set(err, LAB_ERR_NOMEM, "cannot start a transfer");
  curl_easy_setopt(h, CURLOPT_URL, real);
  curl_easy_setopt(h, CURLOPT_USERAGENT, f->user_agent);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, f->timeout_s);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, f->timeout_s);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, sk);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, sk);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
  if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &wait) == CURLE_OK && wait > 0)
    *retry_after = (long)wait;
  if (sk->st == LAB_ERR_IO)
    st = lab_error_set(err, LAB_ERR_IO, "%s: cannot write the download (disk full?)", real);
  else if (sk->st)
    st = lab_error_set(err, sk->st, "%s: response larger than %zu bytes or out of memory", real,
                       f->max_bytes);
  else if (rc != CURLE_OK)
    st = lab_error_set(err, LAB_ERR_NET, "%s: %s", real,
                       errbuf[0] ? errbuf : curl_easy_strerror(rc));
  else if (*code >= 400)
    st = lab_error_set(err, LAB_ERR_HTTP, "%s: the server answered HTTP %ld", real, *code);
  curl_easy_cleanup(h);
  return st;
}

static void sleep_ms(long ms)
{
  struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

  while (nanosleep(&ts, &ts) != 0)
    ;
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

lab_status fetch_transfer(struct lab_fetch *f, const char *url, struct fetch_sink *sk,
                          const struct curl_slist *headers, long *status, struct lab_error *err)
{
  char *real = NULL;
  long code = 0, retry_after = 0;
  int attempt = 0;
  lab_status st;

  st = lab_fetch_map_url(f->mirror, url, &real, err);
  if (st)
    return st;
  for (;;) {
    bool retryable;
    attempt++;
    st = get_once(f, real, sk, headers, &code, &retry_after, err);
    retryable = st == LAB_ERR_NET || (st == LAB_ERR_HTTP && (code >= 500 || code == 429));
    if (!retryable || attempt >= f->max_attempts)
      break;
    if (sink_restart(sk) != LAB_OK) {
      st = lab_error_set(err, LAB_ERR_IO, "cannot restart the download of %s", real);
      break;
    }
    sleep_ms(retry_delay(f, attempt - 1, retry_after));
  }
  if (st && attempt > 1) {
    size_t n = strlen(err->msg);
    snprintf(err->msg + n, sizeof(err->msg) - n, " (after %d attempts)", attempt);
  }
  if (status)
    *status = code;
  free(real);
  return st;
}

lab_status lab_fetch_get(struct lab_fetch *f, const char *url, struct lab_buf *body, long *status,
                         struct lab_error *err)
{
  struct fetch_sink sk = {.body = body, .start = body->len, .max = f->max_bytes};

  return fetch_transfer(f, url, &sk, NULL, status, err);
}
