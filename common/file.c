/*
 * file.c - whole-file reads with a cap.
 */
#include "common/lab_file.h"
#include "common/lab_sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

lab_status lab_file_read(const char *path, size_t max, char **data, size_t *len,
                         struct lab_error *err)
{
  FILE *f = fopen(path, "rb");
  struct stat sb;
  char *buf = NULL;
  lab_status st = LAB_OK;

  *data = NULL;
  *len = 0;
  if (!f)
    return lab_error_set(err, errno == ENOENT ? LAB_ERR_NOTFOUND : LAB_ERR_IO,
                         "cannot open '%s': %s", path, strerror(errno));
  if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
    st = lab_error_set(err, LAB_ERR_IO, "'%s' is not a regular file", path);
    goto out;
  }
  if ((size_t)sb.st_size > max) {
    st = lab_error_set(err, LAB_ERR_TOOLARGE, "'%s' is larger than %zu bytes", path, max);
    goto out;
  }
  buf = malloc((size_t)sb.st_size + 1);
  if (!buf) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading '%s'", path);
    goto out;
  }
  if (fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot read '%s'", path);
    goto out;
  }
  buf[sb.st_size] = '\0';
  *data = buf;
  *len = (size_t)sb.st_size;
  buf = NULL;
out:
  free(buf);
  fclose(f);
  return st;
}

lab_status lab_file_sha256(const char *path, char hex[65], struct lab_error *err)
{
  FILE *f = fopen(path, "rb");
  struct lab_sha256 c;
  char buf[65536];
  size_t n;
  lab_status st = LAB_OK;

  hex[0] = '\0';
  if (!f)
    return lab_error_set(err, errno == ENOENT ? LAB_ERR_NOTFOUND : LAB_ERR_IO,
                         "cannot open '%s': %s", path, strerror(errno));
  lab_sha256_init(&c);
  while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
    lab_sha256_update(&c, buf, n);
  if (ferror(f))
    st = lab_error_set(err, LAB_ERR_IO, "cannot read '%s'", path);
  else
    lab_sha256_hex(&c, hex);
  fclose(f);
  return st;
}
