/*
 * chan.c - bounded batch channel between two threads (lab_chan.h): a ring of sent batches and
 * a stack of spares under one mutex and condition variable.
 */
#include "common/lab_chan.h"

#include <pthread.h>
#include <stdlib.h>

struct lab_chan {
  pthread_mutex_t mu;
  pthread_cond_t changed;
  void (*free_batch)(void *batch);
  size_t depth;
  void **ring; /* depth slots */
  size_t head, count;
  void **spare; /* depth + 2 slots */
  size_t nspare;
  bool closed, cancelled;
};

lab_status lab_chan_new(size_t depth, void (*free_batch)(void *batch), struct lab_chan **out)
{
  struct lab_chan *c = calloc(1, sizeof(*c));

  *out = NULL;
  if (!c || depth == 0)
    goto fail;
  c->ring = calloc(depth, sizeof(*c->ring));
  c->spare = calloc(depth + 2, sizeof(*c->spare));
  if (!c->ring || !c->spare)
    goto fail;
  c->depth = depth;
  c->free_batch = free_batch;
  pthread_mutex_init(&c->mu, NULL);
  pthread_cond_init(&c->changed, NULL);
  *out = c;
  return LAB_OK;
fail:
  if (c) {
    free(c->ring);
    free(c->spare);
  }
  free(c);
  return LAB_ERR_NOMEM;
}

void lab_chan_free(struct lab_chan *c)
{
  if (!c)
    return;
  for (size_t i = 0; i < c->count; i++)
    c->free_batch(c->ring[(c->head + i) % c->depth]);
  for (size_t i = 0; i < c->nspare; i++)
    c->free_batch(c->spare[i]);
  pthread_mutex_destroy(&c->mu);
  pthread_cond_destroy(&c->changed);
  free(c->ring);
  free(c->spare);
  free(c);
}

bool lab_chan_send(struct lab_chan *c, void *batch)
{
  bool sent = false;

  pthread_mutex_lock(&c->mu);
  while (c->count == c->depth && !c->cancelled)
    pthread_cond_wait(&c->changed, &c->mu);
  if (!c->cancelled) {
    c->ring[(c->head + c->count) % c->depth] = batch;
    c->count++;
    sent = true;
    pthread_cond_broadcast(&c->changed);
  }
  pthread_mutex_unlock(&c->mu);
  return sent;
}

void *lab_chan_spare(struct lab_chan *c)
{
  void *b = NULL;

  pthread_mutex_lock(&c->mu);
  if (c->nspare > 0)
    b = c->spare[--c->nspare];
  pthread_mutex_unlock(&c->mu);
  return b;
}

void lab_chan_close(struct lab_chan *c)
{
  pthread_mutex_lock(&c->mu);
  c->closed = true;
  pthread_cond_broadcast(&c->changed);
  pthread_mutex_unlock(&c->mu);
}

void *lab_chan_recv(struct lab_chan *c)
{
  void *b = NULL;

  pthread_mutex_lock(&c->mu);
  while (c->count == 0 && !c->closed && !c->cancelled)
    pthread_cond_wait(&c->changed, &c->mu);
  if (c->count > 0 && !c->cancelled) {
    b = c->ring[c->head];
    c->head = (c->head + 1) % c->depth;
    c->count--;
    pthread_cond_broadcast(&c->changed);
  }
  pthread_mutex_unlock(&c->mu);
  return b;
}

void lab_chan_recycle(struct lab_chan *c, void *batch)
{
  bool kept = false;

  pthread_mutex_lock(&c->mu);
  if (c->nspare < c->depth + 2) {
    c->spare[c->nspare++] = batch;
    kept = true;
  }
  pthread_mutex_unlock(&c->mu);
  if (!kept)
    c->free_batch(batch);
}

void lab_chan_cancel(struct lab_chan *c)
{
  pthread_mutex_lock(&c->mu);
  c->cancelled = true;
  pthread_cond_broadcast(&c->changed);
  pthread_mutex_unlock(&c->mu);
}

bool lab_chan_cancelled(struct lab_chan *c)
{
  bool cancelled;

  pthread_mutex_lock(&c->mu);
  cancelled = c->cancelled;
  pthread_mutex_unlock(&c->mu);
  return cancelled;
}
