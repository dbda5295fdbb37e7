/*
 * keyset.c - open-addressing string set (FNV-1a hashes, linear probing).
 */
#include "datasets/keyset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void keyset_init(struct keyset *k)
{
  k->slot = NULL;
  k->cap = 0;
  k->n = 0;
}

void keyset_clear(struct keyset *k)
{
  for (size_t i = 0; i < k->cap; i++) {
    free(k->slot[i]);
    k->slot[i] = NULL;
  }
  k->n = 0;
}

void keyset_release(struct keyset *k)
{
  if (!k)
    return;
  keyset_clear(k);
  free(k->slot);
  keyset_init(k);
}

static uint64_t hash(const char *s)
{
  uint64_t h = 1469598103934665603u;

  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static void place(char **slot, size_t cap, char *key)
{
  size_t i = (size_t)hash(key) & (cap - 1);

  while (slot[i])
    i = (i + 1) & (cap - 1);
  slot[i] = key;
}

static lab_status grow(struct keyset *k)
{
  size_t cap = k->cap ? k->cap * 2 : 1024;
  char **slot = calloc(cap, sizeof(*slot));

  if (!slot)
    return LAB_ERR_NOMEM;
  for (size_t i = 0; i < k->cap; i++)
    if (k->slot[i])
      place(slot, cap, k->slot[i]);
  free(k->slot);
  k->slot = slot;
  k->cap = cap;
  return LAB_OK;
}

lab_status keyset_add(struct keyset *k, const char *key, bool *added)
{
  size_t i;
  char *copy;

  *added = false;
  if (2 * (k->n + 1) > k->cap) {
    lab_status st = grow(k);
    if (st)
      return st;
  }
  for (i = (size_t)hash(key) & (k->cap - 1); k->slot[i]; i = (i + 1) & (k->cap - 1))
    if (strcmp(k->slot[i], key) == 0)
      return LAB_OK;
  copy = strdup(key);
  if (!copy)
    return LAB_ERR_NOMEM;
  k->slot[i] = copy;
  k->n++;
  *added = true;
  return LAB_OK;
}
