/*
 * store_async.c - write-behind for the rows of a large import (lab_store_async_begin): the
 * normalizer's OEWS, area and occupation rows are copied into batches and written by one
 * writer thread, so parsing and normalizing the next rows overlaps SQLite's inserts.
 *
 * The connection is opened SQLITE_OPEN_NOMUTEX: it may move between threads but never be used
 * by two at once. While the writer runs, only it touches the connection (store_async_guard()
 * refuses the other thread); the channel's hand-offs (lab_chan.h) order its work after the
 * caller's.
 */
#include "common/lab_chan.h"
#include "datasets/store_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define AW_OPS 256            /* rows per batch */
#define AW_ARENA (64u * 1024) /* text per batch; a row with more gets a batch grown to fit it */
#define AW_DEPTH 4            /* batches queued for the writer: bounded memory */

enum aw_kind { AW_OEWS, AW_AREA, AW_OCC };

struct aw_op {
  enum aw_kind kind;
  int64_t release_id;
  struct lab_oews_record rec; /* AW_OEWS; its text points into the batch's arena */
  const char *text[4]; /* AW_AREA: code, type, name, postal; AW_OCC: code, soc, title, level */
};

struct aw_batch {
  struct aw_op op[AW_OPS];
  size_t n;
  char *arena; /* owned; cap bytes */
  size_t used, cap;
};

struct store_aw {
  struct lab_store *s; /* borrowed */
  pthread_t thread;
  struct lab_chan *chan; /* batches to write */
  struct aw_batch *cur;  /* being filled by the caller's thread; owned */
  lab_status failed;     /* the writer's first error (it then cancels the channel) */
  struct lab_error err;
};

static void batch_free(void *p)
{
  struct aw_batch *b = p;

  if (b)
    free(b->arena);
  free(b);
}

/* A reused batch b (or a new one when b is NULL), emptied, whose arena holds at least cap
 * bytes; NULL (b freed) when out of memory. */
static struct aw_batch *batch_ready(struct aw_batch *b, size_t cap)
{
  char *arena;

  if (!b && !(b = calloc(1, sizeof(*b))))
    return NULL;
  if (b->cap < cap) {
    arena = realloc(b->arena, cap);
    if (!arena) {
      batch_free(b);
      return NULL;
    }
    b->arena = arena;
    b->cap = cap;
  }
  b->n = 0;
  b->used = 0;
  return b;
}

/* ------------------------------------------------------------------------- the writer */

static lab_status write_op(struct lab_store *s, const struct aw_op *o, struct lab_error *err)
{
  if (o->kind == AW_OEWS)
    return store_oews_put_now(s, o->release_id, &o->rec, err);
  if (o->kind == AW_AREA)
    return store_area_put_now(s, o->text[0], o->text[1], o->text[2], o->text[3], err);
  return store_occ_put_now(s, o->text[0], o->text[1], o->text[2], o->text[3], err);
}

/* Whether ops[0..STORE_OEWS_GROUP) are all OEWS rows: then they go in one INSERT. */
static bool oews_group(const struct aw_op *ops, size_t left, int64_t *ids,
                       const struct lab_oews_record **recs)
{
  if (left < STORE_OEWS_GROUP)
    return false;
  for (size_t i = 0; i < STORE_OEWS_GROUP; i++) {
    if (ops[i].kind != AW_OEWS)
      return false;
    ids[i] = ops[i].release_id;
    recs[i] = &ops[i].rec;
  }
  return true;
}

static void *writer_main(void *arg)
{
  struct store_aw *aw = arg;
  struct aw_batch *b;
  int64_t ids[STORE_OEWS_GROUP];
  const struct lab_oews_record *recs[STORE_OEWS_GROUP];
  lab_status st = LAB_OK;

  while (!st && (b = lab_chan_recv(aw->chan))) {
    for (size_t i = 0; i < b->n && !st;) {
      if (oews_group(&b->op[i], b->n - i, ids, recs)) {
        st = store_oews_put_group(aw->s, ids, recs, &aw->err);
        i += STORE_OEWS_GROUP;
      } else {
        st = write_op(aw->s, &b->op[i], &aw->err);
        i++;
      }
    }
    lab_chan_recycle(aw->chan, b);
  }
  if (st) {
    aw->failed = st;
    lab_chan_cancel(aw->chan); /* the caller's next send fails and reads aw->err */
  }
  return NULL;
}

/* ------------------------------------------------------------------------- the caller */

static lab_status writer_error(struct store_aw *aw, struct lab_error *err)
{
  if (err)
    *err = aw->err;
  return aw->failed ? aw->failed : LAB_ERR_DB;
}

/* Room for one more op with `text` bytes of text in the current batch: a full batch goes to
 * the writer (waiting while AW_DEPTH wait) and a spare or new one replaces it. */
static lab_status reserve(struct store_aw *aw, size_t text, struct aw_op **op,
                          struct lab_error *err)
{
  struct aw_batch *b = aw->cur;

  if (b && b->n < AW_OPS && b->cap - b->used >= text)
    goto ok;
  if (b && b->n > 0) {
    if (!lab_chan_send(aw->chan, b))
      return writer_error(aw, err);
    b = NULL;
  }
  aw->cur = NULL;
  b = batch_ready(b ? b : lab_chan_spare(aw->chan), text > AW_ARENA ? text : AW_ARENA);
  if (!b)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  aw->cur = b;
ok:
  *op = &b->op[b->n];
  memset(*op, 0, sizeof(**op));
  return LAB_OK;
}

static size_t text_size(const char *t)
{
  return t ? strlen(t) + 1 : 0;
}

/* Copy t into the current batch's arena (room was reserved); NULL stays NULL. */
static const char *copy_text(struct store_aw *aw, const char *t)
{
  size_t n = text_size(t);
  char *out = aw->cur->arena + aw->cur->used;

  if (!t)
    return NULL;
  memcpy(out, t, n);
  aw->cur->used += n;
  return out;
}
lab_status store_async_oews(struct lab_store *s, int64_t release_id,
                            const struct lab_oews_record *r, struct lab_error *err)
{
  struct store_aw *aw = s->aw;
  size_t text = text_size(r->area) + text_size(r->naics) + text_size(r->own_code) +
                text_size(r->occ_code) + text_size(r->o_group) + text_size(r->naics_title);
  struct aw_op *o = NULL;
  lab_status st = store_count_row(s, err);

  if (!st)
    st = reserve(aw, text, &o, err);
  if (st)
    return st;
  o->kind = AW_OEWS;
  o->release_id = release_id;
  o->rec = *r;
  o->rec.area = copy_text(aw, r->area);
  o->rec.naics = copy_text(aw, r->naics);
  o->rec.own_code = copy_text(aw, r->own_code);
  o->rec.occ_code = copy_text(aw, r->occ_code);
  o->rec.o_group = copy_text(aw, r->o_group);
  o->rec.naics_title = copy_text(aw, r->naics_title);
  aw->cur->n++;
  return LAB_OK;
}

lab_status store_async_text(struct lab_store *s, bool occ, const char *const text[4],
                            struct lab_error *err)
{
  struct store_aw *aw = s->aw;
  size_t size = 0;
  struct aw_op *o = NULL;
  lab_status st;

  for (int i = 0; i < 4; i++)
    size += text_size(text[i]);
  st = store_count_row(s, err);
  if (!st)
    st = reserve(aw, size, &o, err);
  if (st)
    return st;
  o->kind = occ ? AW_OCC : AW_AREA;
  for (int i = 0; i < 4; i++)
    o->text[i] = copy_text(aw, text[i]);
  aw->cur->n++;
  return LAB_OK;
}

lab_status store_async_guard(struct lab_store *s, struct lab_error *err)
{
  if (!s->aw || pthread_equal(pthread_self(), s->aw->thread))
    return LAB_OK;
  return lab_error_set(err, LAB_ERR_INVALID,
                       "internal error: a store call while rows are being written behind "
                       "(call lab_store_async_end first)");
}

lab_status lab_store_async_begin(struct lab_store *s, struct lab_error *err)
{
  struct store_aw *aw;
  lab_status st = LAB_OK;

  if (s->aw)
    return LAB_OK;
  aw = calloc(1, sizeof(*aw));
  if (!aw || lab_chan_new(AW_DEPTH, batch_free, &aw->chan) ||
      !(aw->cur = batch_ready(NULL, AW_ARENA))) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto fail;
  }
  aw->s = s;
  if (pthread_create(&aw->thread, NULL, writer_main, aw) != 0) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot start the store's writer thread");
    goto fail;
  }
  s->aw = aw;
  return LAB_OK;
fail:
  if (aw) {
    batch_free(aw->cur);
    lab_chan_free(aw->chan);
  }
  free(aw);
  return st;
}

lab_status lab_store_async_end(struct lab_store *s, struct lab_error *err)
{
  struct store_aw *aw = s ? s->aw : NULL;
  lab_status st = LAB_OK;

  if (!aw)
    return LAB_OK;
  if (aw->cur && aw->cur->n > 0 && lab_chan_send(aw->chan, aw->cur))
    aw->cur = NULL;
  lab_chan_close(aw->chan);
  pthread_join(aw->thread, NULL);
  if (aw->failed)
    st = writer_error(aw, err);
  s->aw = NULL;
  batch_free(aw->cur);
  lab_chan_free(aw->chan);
  free(aw);
  return st;
}
