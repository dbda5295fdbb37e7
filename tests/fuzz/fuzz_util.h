/*
 * fuzz_util.h - shared pieces of the libFuzzer targets: a sink that checks what a reader hands
 * over (the lab_table.h contract) and a private temporary folder for readers that take a path.
 *
 * Any broken promise calls abort(), which libFuzzer reports as a crash.
 */
#ifndef LAB_FUZZ_UTIL_H
#define LAB_FUZZ_UTIL_H

#include "common/lab_common.h"
#include "datasets/lab_table.h"
#include "datasets/rowbuf.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_CHECK(cond)                                                                           \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);               \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

struct fuzz_sink_state {
  size_t tables, rows;
  size_t last_line; /* rows come in file order */
  int in_table;
};

static inline void fuzz_check_row(const struct lab_row *r)
{
  FUZZ_CHECK(r != NULL);
  FUZZ_CHECK(r->n <= ROWBUF_MAX_FIELDS);
  FUZZ_CHECK(r->line >= 1);
  for (size_t i = 0; i < r->n; i++) {
    FUZZ_CHECK(r->field[i] != NULL);
    FUZZ_CHECK(r->len[i] <= ROWBUF_MAX_FIELD);
    FUZZ_CHECK(strlen(r->field[i]) == r->len[i]);
    FUZZ_CHECK(r->column[i] >= 1);
  }
}

static lab_status fuzz_sink_begin(void *ctx, const struct lab_table_meta *meta,
                                  const struct lab_row *header, struct lab_error *err)
{
  struct fuzz_sink_state *s = ctx;

  (void)err;
  FUZZ_CHECK(meta != NULL && meta->file != NULL);
  FUZZ_CHECK(meta->nkeys <= LAB_TABLE_MAX_KEYS);
  for (size_t i = 0; i < meta->nkeys; i++)
    FUZZ_CHECK(meta->key[i] && meta->value[i] &&
               strlen(meta->key[i]) + strlen(meta->value[i]) < ((size_t)1 << 30));
  for (size_t i = 0; i < 3 * meta->norigins; i++)
    FUZZ_CHECK(meta->origin[i] && strlen(meta->origin[i]) < ((size_t)1 << 30));
  fuzz_check_row(header);
  s->tables++;
  s->in_table = 1;
  s->last_line = header->line;
  return LAB_OK;
}

static lab_status fuzz_sink_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct fuzz_sink_state *s = ctx;

  (void)err;
  FUZZ_CHECK(s->in_table);
  fuzz_check_row(row);
  s->rows++;
  return LAB_OK;
}

static lab_status fuzz_sink_end(void *ctx, struct lab_error *err)
{
  struct fuzz_sink_state *s = ctx;

  (void)err;
  FUZZ_CHECK(s->in_table);
  s->in_table = 0;
  return LAB_OK;
}

/* An error must say something. */
static inline void fuzz_check_error(lab_status st, const struct lab_error *err)
{
  char msg[1024];

  if (st == LAB_OK)
    return;
  FUZZ_CHECK(err->status == st);
  lab_error_format(err, msg, sizeof(msg));
  FUZZ_CHECK(msg[0] != '\0');
}

/* A private folder under $TMPDIR (or /tmp), made once per process and removed at exit. */
static char fuzz_dir[256];

static void fuzz_dir_remove(void)
{
  char cmd[300];

  if (fuzz_dir[0]) {
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0)
      fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_dir);
  }
}

static inline const char *fuzz_tmpdir(void)
{
  if (!fuzz_dir[0]) {
    const char *t = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/laborstat-fuzz-XXXXXX", t && t[0] ? t : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
      perror("fuzz: mkdtemp");
      abort();
    }
    atexit(fuzz_dir_remove);
  }
  return fuzz_dir;
}

/* Write data[0..len) to FOLDER/name with the given mode; the path goes to out. */
static inline void fuzz_write_file(const char *name, const uint8_t *data, size_t len, mode_t mode,
                                   char *out, size_t size)
{
  int fd;

  snprintf(out, size, "%s/%s", fuzz_tmpdir(), name);
  unlink(out);
  fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, mode);
  FUZZ_CHECK(fd >= 0);
  for (size_t off = 0; off < len;) {
    ssize_t w = write(fd, data + off, len - off);
    FUZZ_CHECK(w > 0);
    off += (size_t)w;
  }
  FUZZ_CHECK(fchmod(fd, mode) == 0);
  close(fd);
}

#endif
