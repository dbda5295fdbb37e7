/*
 * rowpipe.c - a reader on its own thread, its tables replayed to a sink on the caller's
 * (rowpipe.h). Each call of the pipe's sink becomes an item in a batch: a small header, the
 * fields' lengths and columns, then the fields' text with their NULs; a table's start carries
 * its metadata as a second row (file, key/value pairs, origins).
 */
#include "datasets/rowpipe.h"
#include "common/lab_chan.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RP_BATCH (256u * 1024) /* bytes of items per batch */
#define RP_DEPTH 4             /* batches waiting for the sink */

enum rp_kind { RP_BEGIN, RP_ROW, RP_END };

struct rp_head {
  enum rp_kind kind;
  size_t n;    /* fields of the row that follows */
  size_t line; /* of the row; RP_BEGIN: nkeys */
  size_t aux;  /* RP_BEGIN: norigins */
  size_t size; /* bytes of the row after this header, rounded up to 8 */
};

struct rp_batch {
  char *buf; /* owned; cap bytes */
  size_t used, cap;
};

/* A row read back from a batch; the arrays are the reader's scratch, grown as needed. */
struct rp_view {
  const char **field;
  size_t cap;
  struct lab_row row;
};

struct rowpipe {
  struct lab_chan *chan;
  struct rp_batch *cur; /* the reader thread's, being filled */
  rowpipe_reader read;
  void *rctx;
  lab_status read_st; /* the reader's result and error */
  struct lab_error read_err;
};

static void batch_free(void *p)
{
  struct rp_batch *b = p;

  if (b)
    free(b->buf);
  free(b);
}

static size_t round8(size_t n)
{
  return (n + 7) & ~(size_t)7;
}

/* Bytes of a row of n fields of total text `text` after its header. */
static size_t row_size(size_t n, size_t text)
{
  return round8(2 * n * sizeof(size_t) + text + n);
}

/* ------------------------------------------------------------------------- reader side */

/* Room for `need` bytes in the current batch: a batch without it is sent and replaced. */
static lab_status room(struct rowpipe *p, size_t need, struct lab_error *err)
{
  struct rp_batch *b = p->cur;
  size_t cap = need > RP_BATCH ? need : RP_BATCH;

  if (b && b->cap - b->used >= need)
    return LAB_OK;
  if (b && b->used > 0) {
    if (!lab_chan_send(p->chan, b))
      return lab_error_set(err, LAB_ERR_INVALID, "stopped: the table's reader was cancelled");
    b = lab_chan_spare(p->chan);
  }
  if (!b && !(b = calloc(1, sizeof(*b)))) {
    p->cur = NULL;
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  p->cur = b;
  b->used = 0;
  if (b->cap < cap) {
    char *buf = realloc(b->buf, cap);
    if (!buf)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    b->buf = buf;
    b->cap = cap;
  }
  return LAB_OK;
}

static const char *text_of(const char *const *field, size_t i)
{
  return field[i] ? field[i] : "";
}

/* A header for a row of n fields (lengths from len, else strlen). */
static struct rp_head head_of(enum rp_kind kind, size_t n, const char *const *field,
                              const size_t *len, size_t line, size_t aux)
{
  struct rp_head h = {.kind = kind, .n = n, .line = line, .aux = aux};
  size_t text = 0;

  for (size_t i = 0; i < n; i++)
    text += len ? len[i] : strlen(text_of(field, i));
  h.size = row_size(n, text);
  return h;
}

/* Append a row (n fields) after a header at the end of the current batch (room reserved). */
static void put_row(struct rp_batch *b, const struct rp_head *h, const char *const *field,
                    const size_t *len, const size_t *column)
{
  char *out = b->buf + b->used;
  size_t *lens = (size_t *)(void *)(out + sizeof(*h));
  size_t *cols = lens + h->n;
  char *text = (char *)(cols + h->n);

  memcpy(out, h, sizeof(*h));
  for (size_t i = 0; i < h->n; i++) {
    lens[i] = len ? len[i] : strlen(text_of(field, i));
    cols[i] = column ? column[i] : 0;
    memcpy(text, text_of(field, i), lens[i]);
    text[lens[i]] = '\0';
    text += lens[i] + 1;
  }
  b->used += sizeof(*h) + h->size;
}

static lab_status add_row(struct rowpipe *p, enum rp_kind kind, size_t n, const char *const *field,
                          const size_t *len, const size_t *column, size_t line, size_t aux,
                          struct lab_error *err)
{
  struct rp_head h = head_of(kind, n, field, len, line, aux);
  lab_status st = room(p, sizeof(h) + h.size, err);

  if (!st)
    put_row(p->cur, &h, field, len, column);
  return st;
}

static lab_status pipe_begin(void *ctx, const struct lab_table_meta *meta,
                             const struct lab_row *header, struct lab_error *err)
{
  struct rowpipe *p = ctx;
  const char *strs[1 + 2 * LAB_TABLE_MAX_KEYS];
  const char **all = NULL;
  struct rp_head mh, hh;
  size_t n = 0;
  lab_status st;

  strs[n++] = meta->file ? meta->file : "";
  for (size_t i = 0; i < meta->nkeys && i < LAB_TABLE_MAX_KEYS; i++) {
    strs[n++] = meta->key[i];
    strs[n++] = meta->value[i];
  }
  all = malloc((n + 3 * meta->norigins) * sizeof(*all));
  if (!all)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  memcpy(all, strs, n * sizeof(*all));
  for (size_t i = 0; i < 3 * meta->norigins; i++)
    all[n + i] = meta->origin[i];
  /* the metadata and the header go into one batch: the sink side reads them together */
  mh = head_of(RP_BEGIN, n + 3 * meta->norigins, all, NULL, meta->nkeys, meta->norigins);
  hh = head_of(RP_ROW, header->n, header->field, header->len, header->line, 0);
  st = room(p, 2 * sizeof(mh) + mh.size + hh.size, err);
  if (!st) {
    put_row(p->cur, &mh, all, NULL, NULL);
    put_row(p->cur, &hh, header->field, header->len, header->column);
  }
  free(all);
  return st;
}

static lab_status pipe_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct rowpipe *p = ctx;

  return add_row(p, RP_ROW, row->n, row->field, row->len, row->column, row->line, 0, err);
}

static lab_status pipe_end(void *ctx, struct lab_error *err)
{
  return add_row(ctx, RP_END, 0, NULL, NULL, NULL, 0, 0, err);
}

static void *reader_main(void *arg)
{
  struct rowpipe *p = arg;
  struct lab_sink sink = {p, pipe_begin, pipe_row, pipe_end};

  p->read_st = p->read(p->rctx, &sink, &p->read_err);
  if (p->cur && p->cur->used > 0 && lab_chan_send(p->chan, p->cur))
    p->cur = NULL;
  lab_chan_close(p->chan);
  return NULL;
}

/* ------------------------------------------------------------------------- sink side */

/* Read the row after header h at `at` into v. */
static lab_status view_row(struct rp_view *v, const struct rp_head *h, const char *at,
                           struct lab_error *err)
{
  const size_t *lens = (const size_t *)(const void *)at;
  const char *text = (const char *)(lens + 2 * h->n);

  if (h->n > v->cap) {
    const char **f = realloc(v->field, h->n * sizeof(*f));
    if (!f)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    v->field = f;
    v->cap = h->n;
  }
  for (size_t i = 0; i < h->n; i++) {
    v->field[i] = text;
    text += lens[i] + 1;
  }
  v->row = (struct lab_row){
      .n = h->n, .field = v->field, .len = lens, .column = lens + h->n, .line = h->line};
  return LAB_OK;
}

/* The table start at `at` (metadata row, then the header item): call sink->begin. */
static lab_status replay_begin(const struct rp_head *h, const char *at, struct rp_view *mv,
                               struct rp_view *hv, const struct lab_sink *sink,
                               struct lab_error *err)
{
  const char *after = at + h->size;
  struct rp_head hh;
  struct lab_table_meta meta = {0};
  lab_status st = view_row(mv, h, at, err);

  memcpy(&hh, after, sizeof(hh));
  if (!st)
    st = view_row(hv, &hh, after + sizeof(hh), err);
  if (st)
    return st;
  meta.file = mv->field[0];
  meta.nkeys = h->line;
  for (size_t i = 0; i < meta.nkeys; i++) {
    meta.key[i] = mv->field[1 + 2 * i];
    meta.value[i] = mv->field[2 + 2 * i];
  }
  meta.norigins = h->aux;
  meta.origin = mv->field + 1 + 2 * meta.nkeys;
  return sink->begin(sink->ctx, &meta, &hv->row, err);
}

static lab_status replay(const struct rp_batch *b, struct rp_view *v, struct rp_view *mv,
                         const struct lab_sink *sink, struct lab_error *err)
{
  size_t at = 0;
  lab_status st = LAB_OK;

  while (!st && at < b->used) {
    struct rp_head h;
    memcpy(&h, b->buf + at, sizeof(h));
    at += sizeof(h);
    if (h.kind == RP_BEGIN) {
      st = replay_begin(&h, b->buf + at, mv, v, sink, err);
      at += h.size + sizeof(h); /* the header row's item follows */
      memcpy(&h, b->buf + at - sizeof(h), sizeof(h));
    } else if (h.kind == RP_ROW) {
      st = view_row(v, &h, b->buf + at, err);
      if (!st)
        st = sink->row(sink->ctx, &v->row, err);
    } else {
      st = sink->end(sink->ctx, err);
    }
    at += h.size;
  }
  return st;
}

lab_status rowpipe_run(rowpipe_reader read, void *rctx, const struct lab_sink *sink,
                       struct lab_error *err)
{
  struct rowpipe p = {.read = read, .rctx = rctx};
  struct rp_view v = {0}, mv = {0};
  struct rp_batch *b;
  pthread_t thread;
  lab_status st = LAB_OK;

  if (lab_chan_new(RP_DEPTH, batch_free, &p.chan))
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  if (pthread_create(&thread, NULL, reader_main, &p) != 0) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot start a reader thread");
    goto out;
  }
  while (!st && (b = lab_chan_recv(p.chan))) {
    st = replay(b, &v, &mv, sink, err);
    lab_chan_recycle(p.chan, b);
  }
  if (st)
    lab_chan_cancel(p.chan); /* the reader stops at its next batch */
  pthread_join(thread, NULL);
  if (!st && p.read_st) {
    st = p.read_st;
    if (err)
      *err = p.read_err;
  }
out:
  batch_free(p.cur);
  lab_chan_free(p.chan);
  free(v.field);
  free(mv.field);
  return st;
}
