/*
 * lab_buf.h - a growable byte buffer with a size cap (after curl's dynbuf).
 *
 * Ownership: struct lab_buf is caller-owned; its data is heap memory owned by the buffer until
 * lab_buf_release() frees it or lab_buf_detach() hands it to the caller (who frees it with
 * free()). Any failed append releases the buffer, so callers only propagate the status.
 */
#ifndef LAB_BUF_H
#define LAB_BUF_H

#include "common/lab_common.h"

#include <stddef.h>

struct lab_buf {
  char *data; /* NUL-terminated when len > 0; NULL before the first append */
  size_t len;
  size_t cap;
  size_t max; /* appends that would exceed this many bytes fail with LAB_ERR_TOOLARGE */
};

/* Prepare an empty buffer that may grow to max bytes. */
void lab_buf_init(struct lab_buf *b, size_t max);

/* Free the contents and leave the buffer empty (max kept). Accepts NULL. */
void lab_buf_release(struct lab_buf *b);

/* Append n bytes (and keep a terminating NUL). LAB_ERR_NOMEM / LAB_ERR_TOOLARGE on failure. */
lab_status lab_buf_add(struct lab_buf *b, const void *p, size_t n);

/* Append a NUL-terminated string. */
lab_status lab_buf_adds(struct lab_buf *b, const char *s);

/* Append printf-style formatted text. */
lab_status lab_buf_addf(struct lab_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Empty the buffer but keep its memory. */
void lab_buf_reset(struct lab_buf *b);

/* Cut the contents back to their first len bytes (len <= b->len), keeping the memory. */
void lab_buf_truncate(struct lab_buf *b, size_t len);

/* The contents as a C string; "" when empty. Borrowed: valid until the next change. */
const char *lab_buf_str(const struct lab_buf *b);

/* Hand the contents to the caller (free() them) and leave the buffer empty. Never NULL on an
 * empty buffer: returns a heap "" then (or NULL if that allocation fails). */
char *lab_buf_detach(struct lab_buf *b);

#endif
