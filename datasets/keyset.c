/*
 * keyset.c - open-addressing string set (FNV-1a hashes kept in the slots, linear probing); the
 * keys' text is copied into large chunks rather than one allocation per key.
 */
#include "datasets/keyset.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_BYTES (256u * 1024)

struct keyset_chunk {
  struct keyset_chunk *next;
  size_t used, cap;
  char text[];
};

void keyset_init(struct keyset *k)
{
  k->slot = NULL;
  k->cap = 0;
  k->n = 0;
  k->chunk = NULL;
}

static void free_chunks(struct keyset *k)
{
  while (k->chunk) {
    struct keyset_chunk *next = k->chunk->next;
    free(k->chunk);
    k->chunk = next;
  }
}

void keyset_clear(struct keyset *k)
{
  if (k->slot)
    memset(k->slot, 0, k->cap * sizeof(*k->slot));
  k->n = 0;
  /* keep the newest chunk for the next table */
  if (k->chunk) {
    struct keyset_chunk *keep = k->chunk;
    k->chunk = keep->next;
    free_chunks(k);
    keep->next = NULL;
    keep->used = 0;
    k->chunk = keep;
  }
}

void keyset_release(struct keyset *k)
{
  if (!k)
    return;
  free(k->slot);
  free_chunks(k);
  keyset_init(k);
}

static uint64_t hash(const char *s, size_t *len)
{
  uint64_t h = 1469598103934665603u;
  const char *p = s;

  for (; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211u;
  *len = (size_t)(p - s);
  return h;
}

static lab_status grow(struct keyset *k)
{
  size_t cap = k->cap ? k->cap * 2 : 1024;
  struct keyset_slot *slot = calloc(cap, sizeof(*slot));

  if (!slot)
    return LAB_ERR_NOMEM;
  for (size_t i = 0; i < k->cap; i++) {
    size_t j = (size_t)k->slot[i].hash & (cap - 1);
    if (!k->slot[i].key)
      continue;
    while (slot[j].key)
      j = (j + 1) & (cap - 1);
    slot[j] = k->slot[i];
  }
  free(k->slot);
  k->slot = slot;
  k->cap = cap;
  return LAB_OK;
}

/* A copy of key[0..len] (with its NUL) in the newest chunk; NULL when out of memory. */
static const char *copy_key(struct keyset *k, const char *key, size_t len)
{
  struct keyset_chunk *c = k->chunk;
  char *out;

  if (!c || c->cap - c->used < len + 1) {
    size_t cap = len + 1 > CHUNK_BYTES ? len + 1 : CHUNK_BYTES;
    c = malloc(sizeof(*c) + cap);
    if (!c)
      return NULL;
    c->next = k->chunk;
    c->used = 0;
    c->cap = cap;
    k->chunk = c;
  }
  out = c->text + c->used;
  memcpy(out, key, len + 1);
  c->used += len + 1;
  return out;
}

lab_status keyset_add(struct keyset *k, const char *key, bool *added)
{
  size_t len = 0;
  uint64_t h = hash(key, &len);
  size_t i;

  *added = false;
  if (2 * (k->n + 1) > k->cap) {
    lab_status st = grow(k);
    if (st)
      return st;
  }
  for (i = (size_t)h & (k->cap - 1); k->slot[i].key; i = (i + 1) & (k->cap - 1))
    if (k->slot[i].hash == h && strcmp(k->slot[i].key, key) == 0)
      return LAB_OK;
  k->slot[i].key = copy_key(k, key, len);
  if (!k->slot[i].key)
    return LAB_ERR_NOMEM;
  k->slot[i].hash = h;
  k->n++;
  *added = true;
  return LAB_OK;
}
