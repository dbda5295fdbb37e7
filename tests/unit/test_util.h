/*
 * test_util.h - small helpers shared by the unit tests (temporary folders, file hashes).
 */
#ifndef LAB_TEST_UTIL_H
#define LAB_TEST_UTIL_H

#include "common/lab_sha256.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka 1.1.5 compares floats in single precision: compare doubles with a tolerance here. */
#define assert_close(a, b, tol)                                                                    \
  do {                                                                                             \
    double a_ = (a), b_ = (b);                                                                     \
    if (!(fabs(a_ - b_) <= (tol)))                                                                 \
      fail_msg("%.17g != %.17g (tolerance %g)", a_, b_, (double)(tol));                            \
  } while (0)

/* A new empty folder under /tmp; the returned path is static storage of the caller. */
static inline void test_tmpdir(char *out, size_t size)
{
  snprintf(out, size, "/tmp/laborstat-test-XXXXXX");
  if (!mkdtemp(out))
    out[0] = '\0';
}

/* sha256 of a whole file as hex, or "" when it cannot be read. */
static inline void test_file_sha256(const char *path, char hex[65])
{
  FILE *f = fopen(path, "rb");
  struct lab_sha256 c;
  char buf[65536];
  size_t n;

  hex[0] = '\0';
  if (!f)
    return;
  lab_sha256_init(&c);
  while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
    lab_sha256_update(&c, buf, n);
  fclose(f);
  lab_sha256_hex(&c, hex);
}

static inline int test_file_exists(const char *path)
{
  struct stat sb;
  return stat(path, &sb) == 0;
}

/* Remove a folder and the files directly in it (tests make no deeper trees). */
static inline void test_rmdir(const char *dir)
{
  char cmd[600];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "warning: could not remove %s\n", dir);
}

#endif
