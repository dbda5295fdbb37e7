/*
 * buf.c - growable capped byte buffer.
 */
#include "common/lab_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lab_buf_init(struct lab_buf *b, size_t max)
{
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->max = max;
}

void lab_buf_release(struct lab_buf *b)
{
  if (!b)
    return;
  free(b->data);
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
}

static lab_status reserve(struct lab_buf *b, size_t extra)
{
  size_t need;
  size_t cap;
  char *p;

  if (extra > b->max || b->len > b->max - extra) {
    lab_buf_release(b);
    return LAB_ERR_TOOLARGE;
  }
  need = b->len + extra + 1;
  if (need <= b->cap)
    return LAB_OK;
  cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > (size_t)-1 / 2 ? need : cap * 2;
  p = realloc(b->data, cap);
  if (!p) {
    lab_buf_release(b);
    return LAB_ERR_NOMEM;
  }
  b->data = p;
  b->cap = cap;
  return LAB_OK;
}

lab_status lab_buf_add(struct lab_buf *b, const void *p, size_t n)
{
  lab_status st = reserve(b, n);

  if (st)
    return st;
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return LAB_OK;
}

lab_status lab_buf_adds(struct lab_buf *b, const char *s)
{
  return lab_buf_add(b, s, strlen(s));
}

lab_status lab_buf_addf(struct lab_buf *b, const char *fmt, ...)
{
  va_list ap;
  int n;
  lab_status st;

  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return LAB_ERR_INVALID;
  st = reserve(b, (size_t)n);
  if (st)
    return st;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return LAB_OK;
}

void lab_buf_reset(struct lab_buf *b)
{
  lab_buf_truncate(b, 0);
}

void lab_buf_truncate(struct lab_buf *b, size_t len)
{
  if (len > b->len)
    return;
  b->len = len;
  if (b->data)
    b->data[len] = '\0';
}

const char *lab_buf_str(const struct lab_buf *b)
{
  return b->data ? b->data : "";
}

char *lab_buf_detach(struct lab_buf *b)
{
  char *p = b->data;

  if (!p)
    p = calloc(1, 1);
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  return p;
}
