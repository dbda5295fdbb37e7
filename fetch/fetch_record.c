/*
 * fetch_record.c - the cache's files and their records without any network: writing a file
 * atomically (temporary file beside it, fsync, rename), reading a PATH.meta record, keeping bytes
 * obtained another way like a download. No libcurl here: commands that only look at the cache
 * (laborstat cache) do not need it.
 */
#include "common/lab_file.h"
#include "common/lab_sha256.h"
#include "fetch/fetch_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int fetch_meta_path(const char *path, char *out, size_t size)
{
  return snprintf(out, size, "%s.meta", path) < (int)size;
}

lab_status fetch_write_atomic(const char *path, const void *data, size_t len, struct lab_error *err)
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

lab_status lab_fetch_meta_read(const char *path, struct lab_fetch_file_info *info, char *url,
                               size_t url_size, struct lab_error *err)
{
  char mpath[1100];
  char *text = NULL, *line, *save = NULL;
  size_t len = 0;
  int have_sha = 0;
  lab_status st;

  memset(info, 0, sizeof(*info));
  if (url && url_size)
    url[0] = '\0';
  if (!fetch_meta_path(path, mpath, sizeof(mpath)))
    return lab_error_set(err, LAB_ERR_INVALID, "path too long: '%s'", path);
  st = lab_file_read(mpath, 1 << 16, &text, &len, err);
  if (st)
    return st;
  for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *eq = strchr(line, '=');
    if (!eq)
      continue;
    *eq++ = '\0';
    if (strcmp(line, "url") == 0 && url && url_size)
      snprintf(url, url_size, "%s", eq);
    else if (strcmp(line, "etag") == 0)
      snprintf(info->etag, sizeof(info->etag), "%s", eq);
    else if (strcmp(line, "last_modified") == 0)
      snprintf(info->last_modified, sizeof(info->last_modified), "%s", eq);
    else if (strcmp(line, "size") == 0)
      info->size = (size_t)strtoull(eq, NULL, 10);
    else if (strcmp(line, "sha256") == 0 && strlen(eq) == 64)
      have_sha = snprintf(info->sha256, sizeof(info->sha256), "%s", eq) == 64;
  }
  if (!have_sha)
    st = lab_error_set(err, LAB_ERR_PARSE, "'%s' has no sha256 line (a damaged record)", mpath);
  free(text);
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
  st = fetch_write_atomic(path, data, len, err);
  if (!st)
    st = fetch_write_atomic(mpath, meta, strlen(meta), err);
  if (!st && info)
    *info = got;
  return st;
}
