/*
 * fetch_probe.c - has a file changed on the server? A conditional HEAD request.
 */
#include "fetch/fetch_internal.h"

#include <stdio.h>
#include <string.h>

lab_status lab_fetch_probe(struct lab_fetch *f, const char *url,
                           const struct lab_fetch_file_info *held, long *status,
                           struct lab_error *err)
{
  struct fetch_sink sk;
  struct curl_slist *headers = NULL, *h;
  char line[400];
  lab_status st = LAB_OK;

  memset(&sk, 0, sizeof(sk));
  sk.range_start = -1;
  *status = 0;
  if (held && held->etag[0]) {
    snprintf(line, sizeof(line), "If-None-Match: %s", held->etag);
    h = curl_slist_append(headers, line);
    st = h ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    headers = h ? h : headers;
  }
  if (!st && held && held->last_modified[0]) {
    snprintf(line, sizeof(line), "If-Modified-Since: %s", held->last_modified);
    h = curl_slist_append(headers, line);
    st = h ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    headers = h ? h : headers;
  }
  if (!st)
    st = fetch_transfer_head(f, url, &sk, headers, status, err);
  /* a server that ignores the condition still names the same version */
  if (!st && *status == 200 && held && held->etag[0] && strcmp(sk.etag, held->etag) == 0)
    *status = 304;
  curl_slist_free_all(headers);
  return st;
}
