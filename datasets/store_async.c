/*
 * store_async.c - write-behind for the rows of a large import (lab_store_async_begin): the
 * normalizer's OEWS, area and occupation rows are copied into batches and written by one
 * writer thread, so parsing and normalizing the next rows overlaps SQLite's inserts.
 *
 * The connection is opened SQLITE_OPEN_NOMUTEX: it may move between threads but never be used
 * by two at once. While the writer runs, only it touches the connection (store_async_guard()
 * refuses the other thread); the mutex hand-offs below order its work after the caller's.
 */
#include "datasets/store_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define AW_OPS 256            /* rows per batch */
#define AW_ARENA (64u * 1024) /* text per batch; a row with more gets a batch grown to fit it */
#define AW_BATCHES 4          /* batches queued for the writer: bounded memory */

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
  pthread_mutex_t mu;
  pthread_cond_t changed;
  struct aw_batch *full[AW_BATCHES]; /* ring of batches to write */
  size_t head, count;
  struct aw_batch *spare[AW_BATCHES + 1]; /* written batches, for reuse (AW_BATCHES + 2 exist
                                             at most: these, the ring and cur) */
  size_t nspare;
  struct aw_batch *cur; /* being filled by the caller's thread */
  bool closing;         /* no more batches: the writer ends when the ring is empty */
  bool busy;            /* the writer is writing a batch */
  lab_status failed;    /* the writer's first error (then it discards what follows) */
  struct lab_error err;
};

static void batch_free(struct aw_batch *b)
{
  if (b)
    free(b->arena);
  free(b);
}

/* A reused batch b (or a new one when b is NULL) whose arena holds at least cap bytes; NULL
 * (b freed) when out of memory. */
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
  return b;
}

static lab_status copy_error(struct lab_error *to, const struct lab_error *from)
{
  if (to)
    *to = *from;
  return from->status;
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

static void *writer_main(void *arg)
{
  struct store_aw *aw = arg;
  struct aw_batch *b;
  lab_status st;

  pthread_mutex_lock(&aw->mu);
  for (;;) {
    while (aw->count == 0 && !aw->closing)
      pthread_cond_wait(&aw->changed, &aw->mu);
    if (aw->count == 0)
      break;
    b = aw->full[aw->head];
    aw->busy = true;
    st = aw->failed;
    pthread_mutex_unlock(&aw->mu);
    for (size_t i = 0; i < b->n && !st; i++)
      st = write_op(aw->s, &b->op[i], &aw->err);
    pthread_mutex_lock(&aw->mu);
    if (st && !aw->failed)
      aw->failed = st;
    aw->head = (aw->head + 1) % AW_BATCHES;
    aw->count--;
    aw->busy = false;
    b->n = 0;
    b->used = 0;
    aw->spare[aw->nspare++] = b;
    pthread_cond_broadcast(&aw->changed);
  }
  pthread_mutex_unlock(&aw->mu);
  return NULL;
}

/* ------------------------------------------------------------------------- the caller */

/* Hand the batch being filled to the writer (waits while the ring is full) and, with
 * `refill`, take an empty one with room for `need` bytes of text. The writer's error, if any,
 * is returned (and copied to err). */
static lab_status flush_cur(struct store_aw *aw, bool refill, size_t need, struct lab_error *err)
{
  struct aw_batch *next = NULL;
  lab_status st;

  pthread_mutex_lock(&aw->mu);
  while (aw->count == AW_BATCHES && !aw->failed)
    pthread_cond_wait(&aw->changed, &aw->mu);
  st = aw->failed;
  if (!st && aw->cur && aw->cur->n > 0) {
    aw->full[(aw->head + aw->count) % AW_BATCHES] = aw->cur;
    aw->count++;
    aw->cur = NULL;
    pthread_cond_broadcast(&aw->changed);
  }
  if (!st && refill && !aw->cur && aw->nspare > 0)
    next = aw->spare[--aw->nspare];
  pthread_mutex_unlock(&aw->mu);
  if (st)
    return copy_error(err, &aw->err);
  if (refill) { /* a spare or new batch, or the empty current one grown */
    aw->cur = batch_ready(aw->cur ? aw->cur : next, need > AW_ARENA ? need : AW_ARENA);
    if (!aw->cur)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  return LAB_OK;
}

/* Room for one more op with `text` bytes of text in the current batch. */
static lab_status reserve(struct store_aw *aw, size_t text, struct aw_op **op,
                          struct lab_error *err)
{
  lab_status st = LAB_OK;

  if (!aw->cur || aw->cur->n == AW_OPS || aw->cur->cap - aw->cur->used < text)
    st = flush_cur(aw, true, text, err);
  if (!st) {
    *op = &aw->cur->op[aw->cur->n];
    memset(*op, 0, sizeof(**op));
  }
  return st;
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
  if (!aw || !(aw->cur = batch_ready(NULL, AW_ARENA))) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto fail;
  }
  aw->s = s;
  pthread_mutex_init(&aw->mu, NULL);
  pthread_cond_init(&aw->changed, NULL);
  if (pthread_create(&aw->thread, NULL, writer_main, aw) != 0) {
    pthread_mutex_destroy(&aw->mu);
    pthread_cond_destroy(&aw->changed);
    st = lab_error_set(err, LAB_ERR_NOMEM, "cannot start the store's writer thread");
    goto fail;
  }
  s->aw = aw;
  return LAB_OK;
fail:
  if (aw)
    batch_free(aw->cur);
  free(aw);
  return st;
}

lab_status lab_store_async_end(struct lab_store *s, struct lab_error *err)
{
  struct store_aw *aw = s ? s->aw : NULL;
  lab_status st = LAB_OK;

  if (!aw)
    return LAB_OK;
  st = flush_cur(aw, false, 0, err);
  pthread_mutex_lock(&aw->mu);
  aw->closing = true;
  pthread_cond_broadcast(&aw->changed);
  pthread_mutex_unlock(&aw->mu);
  pthread_join(aw->thread, NULL);
  if (!st && aw->failed)
    st = copy_error(err, &aw->err);
  s->aw = NULL;
  for (size_t i = 0; i < aw->count; i++)
    batch_free(aw->full[(aw->head + i) % AW_BATCHES]);
  for (size_t i = 0; i < aw->nspare; i++)
    batch_free(aw->spare[i]);
  batch_free(aw->cur);
  pthread_mutex_destroy(&aw->mu);
  pthread_cond_destroy(&aw->changed);
  free(aw);
  return st;
}
