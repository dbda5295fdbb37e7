/*
 * flatfile_map.h - (internal to datasets/) the mapping files beside a BLS flat file (oe.area,
 * oe.occupation, oe.industry: code -> name, with a display level when the file has one).
 *
 * Ownership: a map owns its entries (ff_map_release() frees them); ff_map_find returns a pointer
 * into the map, valid until it is released.
 */
#ifndef LAB_FLATFILE_MAP_H
#define LAB_FLATFILE_MAP_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

struct ff_entry {
  char *code;
  char *name;
  int level; /* display_level, -1 when the file has none */
};

struct ff_map {
  struct ff_entry *e;
  size_t n, cap;
  const char *key_col, *name_col;
  int idx_key, idx_name, idx_level;
  const char *file;
};

/* Read DIR/NAME into m (m->key_col and m->name_col set by the caller: the header names of the
 * code and the name); a missing optional file leaves m empty. */
lab_status ff_map_load(struct ff_map *m, const char *dir, const char *name, bool required,
                       struct lab_error *err);
/* The entry of code, or NULL. */
const struct ff_entry *ff_map_find(const struct ff_map *m, const char *code);
void ff_map_release(struct ff_map *m);

#endif
