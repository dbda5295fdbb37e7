/*
 * fetch_sink.c - where a response goes: libcurl's header, body and progress callbacks, and the
 * judgement of each attempt's answer for the Range resume of file sinks (fetch_internal.h).
 */
#include "fetch/fetch_internal.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Copy a header's value (trimmed) when the line is "Name: value"; false for another header. */
static bool header_value(const char *line, size_t n, const char *name, char *out, size_t size)
{
  size_t k = strlen(name);

  if (n <= k || strncasecmp(line, name, k) != 0)
    return false;
  line += k;
  n -= k;
  while (n && (*line == ' ' || *line == '\t')) {
    line++;
    n--;
  }
  while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == ' '))
    n--;
  if (n >= size)
    n = size - 1;
  memcpy(out, line, n);
  out[n] = '\0';
  return true;
}

size_t fetch_sink_on_header(char *p, size_t size, size_t nmemb, void *userdata)
{
  struct fetch_sink *s = userdata;
  size_t n = size * nmemb;
  char v[64];

  if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) { /* a new response (after a redirect) */
    const char *sp = memchr(p, ' ', n);
    s->code = sp ? strtol(sp + 1, NULL, 10) : 0;
    s->ranges = false;
    s->encoded = false;
    s->range_start = -1;
    s->etag[0] = '\0';
    s->last_modified[0] = '\0';
  }
  header_value(p, n, "ETag:", s->etag, sizeof(s->etag));
  header_value(p, n, "Last-Modified:", s->last_modified, sizeof(s->last_modified));
  if (header_value(p, n, "Accept-Ranges:", v, sizeof(v)))
    s->ranges = strcasecmp(v, "bytes") == 0;
  if (header_value(p, n, "Content-Encoding:", v, sizeof(v)))
    s->encoded = strcasecmp(v, "identity") != 0;
  if (header_value(p, n, "Content-Range:", v, sizeof(v)) && strncasecmp(v, "bytes ", 6) == 0)
    s->range_start = strtoll(v + 6, NULL, 10);
  return n;
}

/* Keep the validators of the answer whose body the sink now holds. */
static void keep_validators(struct fetch_sink *s)
{
  if (s->etag[0] || !s->resume)
    memcpy(s->body_etag, s->etag, sizeof(s->etag));
  if (s->last_modified[0] || !s->resume)
    memcpy(s->body_last_modified, s->last_modified, sizeof(s->last_modified));
}

/* Judge this attempt's answer before its first body byte: append (a 206 for the range asked),
 * start over (a 200), drop the body (anything else after a Range), or take it (no Range). */
void fetch_sink_begin(struct fetch_sink *s)
{
  s->begun = true;
  s->base = 0;
  if (s->resume && s->code == 206) {
    if (s->encoded || s->range_start != (long long)s->resume) {
      s->bad_range = true;
      return;
    }
    s->base = s->resume;
    keep_validators(s);
    return;
  }
  if (s->resume && s->code != 200) {
    s->discard = true;
    return;
  }
  if (s->resume) { /* the server sent everything again: restart the file from zero */
    s->resume = 0;
    s->got = 0;
    lab_sha256_init(&s->sha);
    if (fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0 || fseek(s->file, 0, SEEK_SET))
      s->st = LAB_ERR_IO;
  }
  keep_validators(s);
  s->if_range[0] = '\0';
  if (s->file && s->code == 200 && s->ranges && !s->encoded) {
    /* If-Range needs a strong validator: a weak ETag cannot be used */
    const char *v = s->etag[0] && strncmp(s->etag, "W/", 2) != 0 ? s->etag : s->last_modified;
    memcpy(s->if_range, v, strlen(v) + 1);
  }
}

size_t fetch_sink_on_data(char *p, size_t size, size_t nmemb, void *userdata)
{
  struct fetch_sink *s = userdata;
  size_t n = size * nmemb;

  if (!s->begun)
    fetch_sink_begin(s);
  if (s->discard)
    return n;
  if (s->st || s->bad_range)
    return 0;
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

int fetch_sink_on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                           curl_off_t ulnow)
{
  struct fetch_progress *c = userdata;
  size_t total = 0;

  (void)dlnow;
  (void)ultotal;
  (void)ulnow;
  if (c->s->begun && !c->s->discard && !c->s->encoded && dltotal > 0)
    total = c->s->base + (size_t)dltotal;
  c->f->progress(c->f->progress_ctx, c->s->url, c->s->got, total >= c->s->got ? total : 0, false);
  return 0;
}

void fetch_progress_end(struct lab_fetch *f, const char *url, size_t done, size_t total)
{
  if (f->progress)
    f->progress(f->progress_ctx, url, done, total, true);
}

/* Set the sink up for another attempt: resume a file after its bytes when the answer allowed it,
 * otherwise start over. */
lab_status fetch_sink_next(struct fetch_sink *s)
{
  bool resume = s->file && s->got > 0 && s->if_range[0] && !s->bad_range && s->st == LAB_OK;

  s->st = LAB_OK;
  s->begun = s->discard = s->bad_range = false;
  if (resume) {
    s->resume = s->got;
    return fflush(s->file) == 0 ? LAB_OK : LAB_ERR_IO;
  }
  s->resume = 0;
  s->got = 0;
  s->if_range[0] = '\0';
  if (s->body)
    lab_buf_truncate(s->body, s->start);
  if (!s->file) /* into memory, or nowhere (HEAD) */
    return LAB_OK;
  lab_sha256_init(&s->sha);
  if (fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0 || fseek(s->file, 0, SEEK_SET))
    return LAB_ERR_IO;
  return LAB_OK;
}
