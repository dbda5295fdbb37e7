/*
 * lab_import.h - importing files into the store, and the embedded snapshot.
 *
 * Every import is one transaction: it commits whole or leaves the store exactly as it was.
 *
 * Ownership: all pointers are borrowed for the duration of the call.
 */
#ifndef LAB_IMPORT_H
#define LAB_IMPORT_H

#include "common/lab_common.h"
#include "datasets/lab_store.h"

struct lab_import_opts {
  int year;          /* May reference year; 0 = from the file name (e.g. _M2023_) */
  const char *scope; /* "national", "state", "msa", "industry", "all"; NULL = from the file name
                        or the content */
  const char *sheet; /* XLSX: a sheet name or "#N"; NULL = the first sheet (borrowed) */
};

struct lab_import_summary {
  char source[16];
  char scope[16];
  char vintage[16];
  long rows;       /* rows stored */
  long duplicates; /* rows that repeated a cell already stored (broad/detailed repeats) */
  int replaced;    /* releases this import replaced */
};

/*
 * Import files (OEWS release tables as CSV or XLSX, or OEWS flat files) in one transaction: all of
 * them or none. On any error the store is unchanged and err names the file, line and column and
 * what was expected. sums has n entries (one per file).
 */
lab_status lab_import_files(struct lab_store *s, const char *const *paths, size_t n,
                            const struct lab_import_opts *o, struct lab_import_summary *sums,
                            struct lab_error *err);

/* One file's rows, from memory; `name` is used for provenance and messages, `sha256` may be
 * NULL. The caller owns the transaction (lab_store_begin/commit/rollback). */
lab_status lab_import_csv_data(struct lab_store *s, const char *data, size_t len, const char *name,
                               const char *sha256, const struct lab_import_opts *o,
                               struct lab_import_summary *sum, struct lab_error *err);

/* The embedded snapshot's files, in load order. */
struct lab_snapshot_file {
  const char *name;
  const char *data;
  size_t len;
};
size_t lab_snapshot_files(const struct lab_snapshot_file **files);

/* An id of the embedded snapshot (a hash of its bytes), stored in meta "snapshot_id". */
void lab_snapshot_id(char *out, size_t size);

/* The parts of the snapshot, loaded separately on first use of each. */
#define LAB_SNAP_CORE                                                                              \
  1u                            /* geography, deflators, top-codes, crosswalk, national, metro and \
                                   industry OEWS */
#define LAB_SNAP_STATE 2u       /* state OEWS (75,000 rows) */
#define LAB_SNAP_PROJECTIONS 4u /* BLS national and Projections Central state projections */
#define LAB_SNAP_ALL 7u

/* The part an embedded snapshot file belongs to. */
unsigned lab_snapshot_part_of(const char *file);

/*
 * Make sure the store holds `parts` of the embedded snapshot: each file of those parts that the
 * store has not loaded from this snapshot (meta "snapshot:FILE") is loaded - its older snapshot
 * releases deleted, releases the user imported kept - all in one transaction. *loaded (may be
 * NULL) tells whether anything was loaded. Must not be called inside a transaction.
 */
lab_status lab_snapshot_ensure(struct lab_store *s, unsigned parts, bool *loaded,
                               struct lab_error *err);

#endif
