/*
 * keyset.h - (internal to datasets/) a set of short strings, for duplicate detection while
 * normalizing a table.
 *
 * Ownership: the set owns copies of its keys; keyset_release() frees them.
 */
#ifndef LAB_KEYSET_H
#define LAB_KEYSET_H

#include "common/lab_common.h"

#include <stdbool.h>

struct keyset {
  char **slot;
  size_t cap; /* power of two */
  size_t n;
};

void keyset_init(struct keyset *k);
void keyset_release(struct keyset *k);
/* Forget every key but keep the memory of the table. */
void keyset_clear(struct keyset *k);
/* Add key; *added is false when it was already there. LAB_ERR_NOMEM on failure. */
lab_status keyset_add(struct keyset *k, const char *key, bool *added);

#endif
