/*
 * rowbuf.c - field accumulation shared by the readers.
 */
#include "datasets/rowbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void rowbuf_init(struct rowbuf *rb)
{
  memset(rb, 0, sizeof(*rb));
}

void rowbuf_release(struct rowbuf *rb)
{
  if (!rb)
    return;
  free(rb->text);
  free(rb->start);
  free(rb->len);
  free(rb->column);
  free(rb->ptr);
  rowbuf_init(rb);
}

void rowbuf_clear(struct rowbuf *rb)
{
  rb->text_len = 0;
  rb->n = 0;
  rb->cur_len = 0;
}

static lab_status grow_fields(struct rowbuf *rb)
{
  size_t cap = rb->cap ? rb->cap * 2 : 64;
  size_t *start;
  size_t *len;
  size_t *column;
  const char **ptr;

  if (rb->n >= ROWBUF_MAX_FIELDS)
    return LAB_ERR_TOOLARGE;
  start = realloc(rb->start, cap * sizeof(*start));
  if (!start)
    return LAB_ERR_NOMEM;
  rb->start = start;
  len = realloc(rb->len, cap * sizeof(*len));
  if (!len)
    return LAB_ERR_NOMEM;
  rb->len = len;
  column = realloc(rb->column, cap * sizeof(*column));
  if (!column)
    return LAB_ERR_NOMEM;
  rb->column = column;
  ptr = realloc(rb->ptr, cap * sizeof(*ptr));
  if (!ptr)
    return LAB_ERR_NOMEM;
  rb->ptr = ptr;
  rb->cap = cap;
  return LAB_OK;
}

static lab_status reserve_text(struct rowbuf *rb, size_t extra)
{
  size_t need = rb->text_len + extra + 1;
  size_t cap;
  char *p;

  if (need <= rb->text_cap)
    return LAB_OK;
  cap = rb->text_cap ? rb->text_cap : 1024;
  while (cap < need)
    cap *= 2;
  p = realloc(rb->text, cap);
  if (!p)
    return LAB_ERR_NOMEM;
  rb->text = p;
  rb->text_cap = cap;
  return LAB_OK;
}

lab_status rowbuf_field_start(struct rowbuf *rb, size_t col)
{
  lab_status st;

  if (rb->n >= rb->cap) {
    st = grow_fields(rb);
    if (st)
      return st;
  }
  rb->start[rb->n] = rb->text_len;
  rb->column[rb->n] = col;
  rb->cur_len = 0;
  return LAB_OK;
}

lab_status rowbuf_field_add(struct rowbuf *rb, const char *p, size_t n)
{
  lab_status st;

  if (n > ROWBUF_MAX_FIELD || rb->cur_len > ROWBUF_MAX_FIELD - n)
    return LAB_ERR_TOOLARGE;
  st = reserve_text(rb, n);
  if (st)
    return st;
  memcpy(rb->text + rb->text_len, p, n);
  rb->text_len += n;
  rb->cur_len += n;
  return LAB_OK;
}

lab_status rowbuf_field_end(struct rowbuf *rb)
{
  lab_status st = reserve_text(rb, 0);

  if (st)
    return st;
  rb->text[rb->text_len++] = '\0';
  rb->len[rb->n] = rb->cur_len;
  rb->n++;
  rb->cur_len = 0;
  return LAB_OK;
}

void rowbuf_view(struct rowbuf *rb, size_t line, struct lab_row *row)
{
  for (size_t i = 0; i < rb->n; i++)
    rb->ptr[i] = rb->text + rb->start[i];
  row->n = rb->n;
  row->field = rb->ptr;
  row->len = rb->len;
  row->column = rb->column;
  row->line = line;
}

/* Length of the UTF-8 sequence at p (1-4), or 0 when it is not valid UTF-8. */
static size_t utf8_len(const unsigned char *p, size_t left)
{
  unsigned char c = p[0];
  size_t n;
  unsigned cp;

  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07;
  else
    return 0;
  if (left < n)
    return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (p[i] & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return n;
}

/* Offset of the first NUL or byte that starts no valid UTF-8 sequence, or len. Eight ASCII
 * bytes without a NUL are passed at once. */
static size_t first_bad(const unsigned char *p, size_t len)
{
  size_t i = 0;

  while (i < len) {
    uint64_t w;
    size_t n;
    if (i + 8 <= len) {
      memcpy(&w, p + i, 8);
      if (!(w & 0x8080808080808080ULL) &&
          !((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) {
        i += 8;
        continue;
      }
    }
    if (p[i] == '\0')
      return i;
    n = utf8_len(p + i, len - i);
    if (n == 0)
      return i;
    i += n;
  }
  return len;
}

lab_status rowbuf_check_text(const char *data, size_t len, const char *name, int cr_breaks,
                             struct lab_error *err)
{
  const unsigned char *p = (const unsigned char *)data;
  size_t line = 1, col = 1;
  size_t bad;

  if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
    return lab_error_set_at(err, LAB_ERR_PARSE, name, 1, 1,
                            "UTF-16 text (byte-order mark %02X %02X): laborstat reads UTF-8; "
                            "save the file as UTF-8",
                            p[0], p[1]);
  bad = first_bad(p, len);
  if (bad == len)
    return LAB_OK;
  /* only now count lines and characters, up to the bad byte, for its position */
  for (size_t i = 0; i < len;) {
    size_t n;
    if (p[i] == '\0')
      return lab_error_set_at(err, LAB_ERR_PARSE, name, line, col,
                              "NUL byte (expected text; is this a binary file?)");
    if (p[i] == '\n' || (cr_breaks && p[i] == '\r' && (i + 1 >= len || p[i + 1] != '\n'))) {
      line++;
      col = 1;
      i++;
      continue;
    }
    n = utf8_len(p + i, len - i);
    if (n == 0)
      return lab_error_set_at(err, LAB_ERR_PARSE, name, line, col,
                              "byte 0x%02X is not UTF-8 (expected UTF-8 text; is the file "
                              "Latin-1 or Windows-1252? save it as UTF-8)",
                              p[i]);
    i += n;
    col++;
  }
  return LAB_OK;
}

void rowbuf_locate(struct lab_error *err, const char *name, size_t line)
{
  if (err && !err->file[0] && name) {
    snprintf(err->file, sizeof(err->file), "%s", name);
    err->line = line;
    err->column = 1;
  }
}
