/*
 * fetch_save.c - bytes obtained another way (a POST answer) kept in the cache exactly like a
 * download: temporary file, fsync, rename, then the PATH.meta record.
 */
#include "common/lab_sha256.h"
#include "fetch/lab_fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Write data to path through PATH.part-XXXXXX, fsync'd, renamed into place. */
static lab_status put_atomic(const char *path, const void *data, size_t len, struct lab_error *err)
{
  char tmp[4096];
  const char *p = data;
  size_t left = len;
  lab_status st = LAB_OK;
  int fd;

  if (snprintf(tmp, sizeof(tmp), "%s.part-XXXXXX", path) >= (int)sizeof(tmp))
    return lab_error_set(err, LAB_ERR_INVALID, "path too long: '%.200s'", path);
  fd = mkstemp(tmp);
  if (fd < 0)
    return lab_error_set(err, LAB_ERR_IO, "cannot create a file beside '%s': %s", path,
                         strerror(errno));
  while (left > 0) {
    ssize_t w = write(fd, p, left);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s' (disk full?): %s", tmp,
                         strerror(errno));
      goto out;
    }
    p += w;
    left -= (size_t)w;
  }
  if (fsync(fd) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s' (disk full?): %s", tmp, strerror(errno));
    goto out;
  }
  if (close(fd) != 0) {
    fd = -1;
    st = lab_error_set(err, LAB_ERR_IO, "cannot write '%s': %s", tmp, strerror(errno));
    goto out;
  }
  fd = -1;
  if (rename(tmp, path) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot rename '%s' to '%s': %s", tmp, path,
                       strerror(errno));
    goto out;
  }
  tmp[0] = '\0';
out:
  if (fd >= 0)
    close(fd);
  if (tmp[0])
    unlink(tmp);
  return st;
}

lab_status lab_fetch_save(const char *url, const char *path, const void *data, size_t len,
                          struct lab_fetch_file_info *info, struct lab_error *err)
{
  struct lab_fetch_file_info got = {0};
  struct lab_sha256 sha;
  char mpath[4096], meta[8192];
  lab_status st;

  if (snprintf(mpath, sizeof(mpath), "%s.meta", path) >= (int)sizeof(mpath))
    return lab_error_set(err, LAB_ERR_INVALID, "path too long: '%.200s'", path);
  lab_sha256_init(&sha);
  lab_sha256_update(&sha, data, len);
  lab_sha256_hex(&sha, got.sha256);
  got.size = len;
  if (snprintf(meta, sizeof(meta),
               "url=%s\netag=\nlast_modified=\nsize=%zu\nsha256=%s\nfetched_at=%lld\n", url, len,
               got.sha256, (long long)time(NULL)) >= (int)sizeof(meta))
    return lab_error_set(err, LAB_ERR_INVALID, "URL too long: '%.200s'", url);
  st = put_atomic(path, data, len, err);
  if (!st)
    st = put_atomic(mpath, meta, strlen(meta), err);
  if (!st && info)
    *info = got;
  return st;
}
