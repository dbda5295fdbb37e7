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
  const char *origin_kind; /* the releases' origin_kind: NULL = "import"; `laborstat fetch`
                              passes "fetch" (borrowed) */
};

struct lab_import_summary {
  char source[16];
  char scope[16];
  char vintage[16];
  long rows;          /* rows stored */
  long duplicates;    /* rows that repeated a cell already stored (broad/detailed repeats) */
  int replaced;       /* releases this import replaced */
  int64_t release_id; /* the (last) release the file became; 0 = none */
};

/*
 * Import files (OEWS release tables as CSV or XLSX, OEWS flat files, BLS projections workbooks,
 * and the downloaded kinds below) in one transaction: all of them or none. On any error the store
 * is unchanged and err names the file, line and column and what was expected. sums has n entries
 * (one per file).
 */
lab_status lab_import_files(struct lab_store *s, const char *const *paths, size_t n,
                            const struct lab_import_opts *o, struct lab_import_summary *sums,
                            struct lab_error *err);

/*
 * The kinds lab_import_files() also takes (files downloaded by `laborstat fetch`), recognised by
 * content and name (docs/data-notes.md):
 *   - Projections Central JSON pages ({"rows":[...],"pager":{...}}): all pages of one call form
 *     one release pc/state/BASE-PROJ per projection cycle; the rows an earlier release of that
 *     cycle holds for areas the pages do not hold are kept, so fetching state by state adds up.
 *     (To merge with the embedded snapshot's rows of that cycle, load the snapshot part
 *     LAB_SNAP_PROJECTIONS before the import.)
 *   - BEA's SARPP state table (CSV, or SARPP.zip): rpp/state/LASTYEAR, "RPPs: All items".
 *   - BLS CPI flat files cu.data.*: every series, release cpi/national/YEAR (YEAR = the latest
 *     annual average of CUUR0000SA0).
 *   - BLS Public Data API v2 answers saved as JSON: all answers of one call merged into one
 *     release series/api/FROM-TO; observations of those series ids in older "series" releases
 *     are deleted first. An answer whose status is not REQUEST_SUCCEEDED is LAB_ERR_HTTP with
 *     BLS's message; messages of a succeeded answer are not errors (show them from the answer).
 */

/*
 * Read the pager of one Projections Central page json[0..len) (`name` for messages, may be
 * NULL): *total_pages and *total_items. LAB_ERR_PARSE with line and column for malformed JSON or
 * a missing/incomplete pager; LAB_ERR_NOTFOUND for the body "No results found.". All pointers
 * borrowed.
 */
lab_status lab_pc_pager(const char *json, size_t len, const char *name, long *total_pages,
                        long *total_items, struct lab_error *err);

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
