/*
 * rowbuf.c - field accumulation shared by the readers.
 */
#include "datasets/rowbuf.h"

#include <stdlib.h>
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
