/*
 * fetch.c - the context (options, the CA bundle), mirror mapping, and the requests into memory
 * (GET, POST of JSON). The transfer itself is in fetch_transfer.c.
 */
#include "common/lab_file.h"
#include "fetch/fetch_internal.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define CA_MAX ((size_t)16 << 20) /* largest CA bundle read */

/* The system's CA bundle (libcurl's default), or NULL when it has none or it cannot be read. */
static char *system_ca(size_t *len)
{
  const char *path = "/etc/ssl/certs/ca-certificates.crt";
  struct lab_error ignored = {0};
  char *text = NULL;
#if LIBCURL_VERSION_NUM >= 0x075400 /* CURLINFO_CAINFO: 7.84.0 */
  CURL *h = curl_easy_init();
  char *def = NULL;

  if (h && curl_easy_getinfo(h, CURLINFO_CAINFO, &def) == CURLE_OK && def)
    path = def;
  if (lab_file_read(path, CA_MAX, &text, len, &ignored) != LAB_OK)
    text = NULL;
  curl_easy_cleanup(h);
#else
  if (lab_file_read(path, CA_MAX, &text, len, &ignored) != LAB_OK)
    text = NULL;
#endif
  return text;
}

/* f->ca_blob = the system bundle followed by the PEM file at cacert (which libcurl would
 * otherwise use instead of the system bundle, CURLOPT_CAINFO replacing the default). */
static lab_status load_cacert(struct lab_fetch *f, const char *cacert, struct lab_error *err)
{
  char *user = NULL, *sys = NULL;
  size_t ulen = 0, slen = 0;
  lab_status st = LAB_OK;

  if (lab_file_read(cacert, CA_MAX, &user, &ulen, NULL) != LAB_OK) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot read the CA certificates '%s'", cacert);
    goto out;
  }
  if (!user || !strstr(user, "-----BEGIN CERTIFICATE-----")) {
    st = lab_error_set(err, LAB_ERR_PARSE, "'%s' holds no PEM certificate", cacert);
    goto out;
  }
  sys = system_ca(&slen);
  if (!sys)
    slen = 0;
  f->ca_blob = malloc(slen + ulen + 2);
  if (!f->ca_blob) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  if (sys)
    memcpy(f->ca_blob, sys, slen);
  f->ca_blob[slen] = '\n';
  memcpy(f->ca_blob + slen + 1, user, ulen);
  f->ca_blob[slen + 1 + ulen] = '\0';
  f->ca_len = slen + 1 + ulen;
out:
  free(user);
  free(sys);
  return st;
}

lab_status lab_fetch_new(const struct lab_fetch_opts *o, struct lab_fetch **out,
                         struct lab_error *err)
{
  struct lab_fetch *f = NULL;
  size_t n;
  lab_status st = LAB_OK;

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
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  /* n leaves room for the version and the words around the contact: never truncated */
  snprintf(f->user_agent, n, "laborstat/%s (+%s)", LAB_VERSION, o->contact);
  f->timeout_s = o->timeout_s > 0 ? o->timeout_s : 30;
  f->max_bytes = o->max_bytes > 0 ? o->max_bytes : ((size_t)1 << 30);
  f->max_attempts = o->max_attempts > 0 ? o->max_attempts : 4;
  f->backoff_ms = o->backoff_ms > 0 ? o->backoff_ms : 1000;
  f->max_wait_s = o->max_wait_s > 0 ? o->max_wait_s : 120;
  f->low_speed_s = o->low_speed_s > 0 ? o->low_speed_s : f->timeout_s;
  f->low_speed_bytes = o->low_speed_bytes > 0 ? o->low_speed_bytes : 1;
  f->max_redirects = o->max_redirects > 0 ? o->max_redirects : 10;
  f->pace_ms = o->pace_ms > 0 ? o->pace_ms : 0;
  f->progress = o->progress;
  f->progress_ctx = o->progress_ctx;
  f->seed = (unsigned)time(NULL) ^ (unsigned)getpid();
  if (o->cacert && o->cacert[0])
    st = load_cacert(f, o->cacert, err);
out:
  if (st)
    lab_fetch_free(f);
  else
    *out = f;
  return st;
}

void lab_fetch_free(struct lab_fetch *f)
{
  if (!f)
    return;
  free(f->user_agent);
  free(f->mirror);
  free(f->ca_blob);
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

lab_status lab_fetch_get(struct lab_fetch *f, const char *url, struct lab_buf *body, long *status,
                         struct lab_error *err)
{
  struct fetch_sink sk = {.body = body, .start = body->len, .max = f->max_bytes};
  lab_status st = fetch_transfer(f, url, &sk, NULL, status, err);

  fetch_progress_end(f, url, sk.got, st ? 0 : sk.got);
  return st;
}

lab_status lab_fetch_post_json(struct lab_fetch *f, const char *url, const char *json,
                               struct lab_buf *body, long *status, struct lab_error *err)
{
  struct fetch_sink sk = {.body = body, .start = body->len, .max = f->max_bytes};
  lab_status st = fetch_transfer_post(f, url, json, &sk, NULL, status, err);

  fetch_progress_end(f, url, sk.got, st ? 0 : sk.got);
  return st;
}
