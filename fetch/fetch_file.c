/*
 * fetch_file.c - downloads into files that are never seen half-written: a temporary file in the
 * same folder, fsync, rename; a key=value sidecar (PATH.meta) written the same way; conditional
 * requests from the sidecar's validators. The record itself is fetch_record.c's.
 */
#include "common/lab_file.h"
#include "fetch/fetch_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The conditional headers for a file we hold intact (NULL list when there is none). */
static lab_status conditional_headers(const char *path, struct curl_slist **out,
                                      struct lab_fetch_file_info *held)
{
  struct lab_error ignored = {0};
  char hex[65], line[400];
  struct curl_slist *h = NULL;

  *out = NULL;
  if (lab_fetch_meta_read(path, held, NULL, 0, &ignored) != LAB_OK ||
      lab_file_sha256(path, hex, &ignored) != LAB_OK || strcmp(hex, held->sha256) != 0)
    return LAB_OK; /* nothing usable held: an unconditional GET */
  if (held->etag[0]) {
    snprintf(line, sizeof(line), "If-None-Match: %s", held->etag);
    h = curl_slist_append(h, line);
  }
  if (held->last_modified[0]) {
    struct curl_slist *h2;
    snprintf(line, sizeof(line), "If-Modified-Since: %s", held->last_modified);
    h2 = curl_slist_append(h, line);
    if (!h2) {
      curl_slist_free_all(h);
      return LAB_ERR_NOMEM;
    }
    h = h2;
  }
  if ((held->etag[0] || held->last_modified[0]) && !h)
    return LAB_ERR_NOMEM;
  *out = h;
  return LAB_OK;
}

lab_status lab_fetch_file(struct lab_fetch *f, const char *url, const char *path,
                          struct lab_fetch_file_info *info, struct lab_error *err)
{
  struct lab_fetch_file_info held, got;
  struct fetch_sink sk = {.max = f->max_bytes};
  struct curl_slist *headers = NULL;
  char tmp[1100], mpath[1100], meta[2048];
  long status = 0;
  int fd = -1;
  lab_status st = LAB_OK;

  tmp[0] = '\0';
  memset(&got, 0, sizeof(got));
  if (!fetch_meta_path(path, mpath, sizeof(mpath))) {
    st = lab_error_set(err, LAB_ERR_INVALID, "path too long: '%s'", path);
    goto out;
  }
  if (conditional_headers(path, &headers, &held) != LAB_OK) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  if (snprintf(tmp, sizeof(tmp), "%s.part-XXXXXX", path) >= (int)sizeof(tmp)) {
    tmp[0] = '\0';
    st = lab_error_set(err, LAB_ERR_INVALID, "path too long: '%s'", path);
    goto out;
  }
  fd = mkstemp(tmp);
  if (fd < 0 || !(sk.file = fdopen(fd, "w+b"))) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot create a file beside '%s': %s", path,
                       strerror(errno));
    if (fd < 0)
      tmp[0] = '\0';
    goto out;
  }
  fd = -1;
  lab_sha256_init(&sk.sha);
  /* a failed attempt may be resumed with Range / If-Range (fetch_transfer.c) */
  st = fetch_transfer(f, url, &sk, headers, &status, err);
  if (st)
    goto out;
  if (status == 304 && headers) {
    got = held;
    got.not_modified = true;
    goto out;
  }
  if (fflush(sk.file) != 0 || fsync(fileno(sk.file)) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s' (disk full?)", tmp);
    goto out;
  }
  got.size = sk.got;
  lab_sha256_hex(&sk.sha, got.sha256);
  memcpy(got.etag, sk.body_etag, sizeof(got.etag));
  memcpy(got.last_modified, sk.body_last_modified, sizeof(got.last_modified));
  if (snprintf(meta, sizeof(meta),
               "url=%s\netag=%s\nlast_modified=%s\nsize=%zu\nsha256=%s\nfetched_at=%lld\n", url,
               got.etag, got.last_modified, got.size, got.sha256,
               (long long)time(NULL)) >= (int)sizeof(meta)) {
    st = lab_error_set(err, LAB_ERR_INVALID, "URL too long for the record: '%.200s...'", url);
    goto out;
  }
  /* the record first, then the data: a process killed between the two leaves a record without
   * its file (the next fetch sees the mismatch and downloads again), never a file without its
   * record; the caller's .prev copies restore both after a failure */
  st = fetch_write_atomic(mpath, meta, strlen(meta), err);
  if (st)
    goto out;
  if (rename(tmp, path) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot rename '%s' to '%s': %s", tmp, path,
                       strerror(errno));
    goto out;
  }
  tmp[0] = '\0';
out:
  if (sk.file)
    fclose(sk.file);
  if (fd >= 0)
    close(fd);
  if (tmp[0])
    unlink(tmp);
  curl_slist_free_all(headers);
  if (!st && info)
    *info = got;
  fetch_progress_end(f, url, st ? sk.got : got.size, st ? 0 : got.size);
  return st;
}
