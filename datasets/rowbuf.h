/*
 * rowbuf.h - (internal to datasets/) accumulates the fields of one row for the readers.
 *
 * Ownership: the rowbuf owns its memory; the struct lab_row it exposes borrows from it and is
 * valid until the next rowbuf_clear()/rowbuf_release().
 */
#ifndef LAB_ROWBUF_H
#define LAB_ROWBUF_H

#include "datasets/lab_table.h"

#define ROWBUF_MAX_FIELD (64u * 1024u)
#define ROWBUF_MAX_FIELDS 4096u

struct rowbuf {
  char *text; /* field bytes, each followed by NUL */
  size_t text_len;
  size_t text_cap;
  size_t *start; /* offset of each field in text */
  size_t *len;
  size_t *column;
  const char **ptr; /* built by rowbuf_view */
  size_t n;
  size_t cap;
  size_t cur_len; /* length of the field being built */
};

void rowbuf_init(struct rowbuf *rb);
void rowbuf_release(struct rowbuf *rb);
void rowbuf_clear(struct rowbuf *rb);
/* Start a new field at 1-based column col. */
lab_status rowbuf_field_start(struct rowbuf *rb, size_t col);
/* Append bytes to the current field. LAB_ERR_TOOLARGE past ROWBUF_MAX_FIELD. */
lab_status rowbuf_field_add(struct rowbuf *rb, const char *p, size_t n);
/* Finish the current field. */
lab_status rowbuf_field_end(struct rowbuf *rb);
/* Fill *row with views of the fields (valid until the next change of rb). */
void rowbuf_view(struct rowbuf *rb, size_t line, struct lab_row *row);

/*
 * Check that data[0..len) is text the readers can take: UTF-8 (a UTF-8 BOM allowed), no NUL
 * byte, not UTF-16. LAB_ERR_PARSE with name, the line and the column (in characters) of the
 * first offending byte. With cr_breaks, a lone CR ends a line (CSV), else only LF does.
 */
/* A sink's error without a position (e.g. a cap of the store) gets the row's: name, line, 1. */
void rowbuf_locate(struct lab_error *err, const char *name, size_t line);

lab_status rowbuf_check_text(const char *data, size_t len, const char *name, int cr_breaks,
                             struct lab_error *err);

#endif
