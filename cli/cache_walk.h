/*
 * cache_walk.h - (internal to cli/) the files in the download cache, each with its record.
 *
 * Ownership: the strings and the record passed to the callback are borrowed for the call.
 */
#ifndef LAB_CLI_CACHE_WALK_H
#define LAB_CLI_CACHE_WALK_H

#include "common/lab_common.h"
#include "fetch/lab_fetch.h"

#include <stdbool.h>

enum cache_entry_kind {
  CACHE_FILE,    /* a downloaded file with its PATH.meta record (record_ok tells if readable) */
  CACHE_PARTIAL, /* a leftover of an interrupted write: *.part-XXXXXX, *.prev, *.tmp-PID */
  CACHE_ORPHAN   /* a record without its file, or a file without its record */
};

struct cache_entry {
  enum cache_entry_kind kind;
  const char *path;
  bool record_ok;
  const struct lab_fetch_file_info *info; /* CACHE_FILE with record_ok */
  const char *url;                        /* "" when unknown */
};

typedef lab_status (*cache_walk_fn)(void *ctx, const struct cache_entry *e, struct lab_error *err);

/* Call fn for every entry under dir, in path order. A missing dir has no entries. */
lab_status cache_walk(const char *dir, cache_walk_fn fn, void *ctx, struct lab_error *err);

#endif
