/*
 * keyset.h - (internal to datasets/) a set of short strings, for duplicate detection while
 * normalizing a table.
 *
 * Ownership: the set owns copies of its keys (in chunks of its own); keyset_release() frees
 * them.
 */
#ifndef LAB_KEYSET_H
#define LAB_KEYSET_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stdint.h>

struct keyset_slot {
  uint64_t hash;   /* of key; compared before the text */
  const char *key; /* NULL = empty slot; points into a chunk */
};

struct keyset {
  struct keyset_slot *slot;
  size_t cap; /* power of two */
  size_t n;
  struct keyset_chunk *chunk; /* newest first; the keys' text */
};

void keyset_init(struct keyset *k);
void keyset_release(struct keyset *k);
/* Forget every key but keep the memory of the table. */
void keyset_clear(struct keyset *k);
/* Add key; *added is false when it was already there. LAB_ERR_NOMEM on failure. */
lab_status keyset_add(struct keyset *k, const char *key, bool *added);

#endif
