/*
 * store_internal.h - (internal to datasets/store*.c) the store handle and its helpers.
 */
#ifndef LAB_STORE_INTERNAL_H
#define LAB_STORE_INTERNAL_H

#include "datasets/lab_store.h"

#include <sqlite3.h>
#include <sys/types.h>

enum store_stmt {
  ST_AREA_PUT,
  ST_GEO_PUT,
  ST_OCC_PUT,
  ST_OEWS_PUT,
  ST_OEWS_PUT_GROUP,
  ST_PROJ_PUT,
  ST_SERIES_PUT,
  ST_RPP_PUT,
  ST_TOPCODE_PUT,
  ST_CROSSWALK_PUT,
  ST_COUNT
};

#define STORE_QUERY_CACHE 8
/* OEWS rows in one INSERT when written behind (one statement run for 8 rows costs a fifth less
 * than 8 runs of the one-row statement), and the values bound for each row */
#define STORE_OEWS_GROUP 8
#define STORE_OEWS_PARAMS (9 + 2 * LAB_M_COUNT)

struct lab_store {
  sqlite3 *db;
  char *path;
  int in_tx;
  bool in_read; /* a read transaction is open (lab_store_read_begin) */
  sqlite3_stmt *stmt[ST_COUNT];
  bool auto_snapshot;  /* queries load the snapshot parts they need (lab_store_auto_snapshot) */
  unsigned snap_done;  /* parts known to be loaded in this session */
  unsigned snap_loads; /* snapshot loads run by queries */
  long tx_rows;        /* rows written in the open transaction */
  struct store_aw *aw; /* the write-behind thread while one runs (store_async.c); owned */
  long max_tx_rows;    /* LAB_STORE_MAX_TX_ROWS, or lower (LABORSTAT_MAX_TX_ROWS, for tests) */
  int flush_fd;        /* SQLite's descriptor of the file in a write transaction, or -1: borrowed */
  dev_t flush_dev;     /* flush_fd must still name this device and inode (store_flush.c) */
  ino_t flush_ino;
  /* OEWS inserts: 1 where parameter i of stmt[ST_OEWS_PUT] / [ST_OEWS_PUT_GROUP] is known to be
   * NULL (bound NULL last; a statement prepared anew is all NULL), so it is not bound again */
  unsigned char oews_null[2][STORE_OEWS_GROUP * STORE_OEWS_PARAMS + 1];
  struct store_cached {
    char *sql; /* owned */
    sqlite3_stmt *q;
    bool busy;
  } cache[STORE_QUERY_CACHE]; /* queries run many times in one command (store_query()) */
};

/*
 * A prepared statement for sql: from the store's small cache when it holds sql and the statement
 * is not in use (a query run once per area of a comparison is prepared once), else prepared anew.
 * Its bindings are cleared. NULL on failure (err filled with `what`). Hand it back with
 * store_query_done(), which resets a cached statement and finalizes any other.
 */
sqlite3_stmt *store_query(struct lab_store *s, const char *sql, const char *what,
                          struct lab_error *err);
void store_query_done(struct lab_store *s, sqlite3_stmt *q);

/*
 * Before a query: with auto_snapshot on, make sure the snapshot `parts` are loaded (outside a
 * transaction; inside one this does nothing). Errors of the load are returned.
 */
lab_status store_need(struct lab_store *s, unsigned parts, struct lab_error *err);

/* The snapshot part that holds the OEWS cells of area `code` (canonical). */
unsigned store_part_of_area(const char *code);

/*
 * Write-behind (store_async.c). While s->aw is set, lab_store_oews_put, lab_store_area_put and
 * lab_store_occ_put queue their row with store_async_oews/store_async_text (text copied) for
 * the writer thread, which writes it with the *_put_now functions (store_write.c).
 * store_async_guard() fails any other use of the connection by another thread meanwhile.
 */
lab_status store_async_oews(struct lab_store *s, int64_t release_id,
                            const struct lab_oews_record *r, struct lab_error *err);
/* text: area code, type, name, postal (occ false) or occupation code, soc, title, level. */
lab_status store_async_text(struct lab_store *s, bool occ, const char *const text[4],
                            struct lab_error *err);
lab_status store_async_guard(struct lab_store *s, struct lab_error *err);
lab_status store_oews_put_now(struct lab_store *s, int64_t release_id,
                              const struct lab_oews_record *r, struct lab_error *err);
/* STORE_OEWS_GROUP rows r[i] of releases release_id[i] in one INSERT (written behind). */
lab_status store_oews_put_group(struct lab_store *s, const int64_t *release_id,
                                const struct lab_oews_record *const *r, struct lab_error *err);
lab_status store_area_put_now(struct lab_store *s, const char *code, const char *type,
                              const char *name, const char *postal, struct lab_error *err);
lab_status store_occ_put_now(struct lab_store *s, const char *code, const char *soc_edition,
                             const char *title, const char *level, struct lab_error *err);

/*
 * Write-back ahead of the commit (store_flush.c): between lab_store_begin and its commit or
 * rollback, the kernel is asked now and then to start writing the store's dirty pages.
 */
void store_flush_begin(struct lab_store *s);
void store_flush_end(struct lab_store *s);

/* Record SQLite's message for a failed call. */
lab_status store_db_error(struct lab_store *s, struct lab_error *err, const char *what);

/* Count one row written in the open transaction: LAB_ERR_TOOLARGE past the cap. */
lab_status store_count_row(struct lab_store *s, struct lab_error *err);

/* Prepare (once) and reset the cached statement `which` with SQL `sql` (every such statement
 * writes one row, counted with store_count_row unless written behind). */
lab_status store_stmt(struct lab_store *s, enum store_stmt which, const char *sql,
                      sqlite3_stmt **out, struct lab_error *err);

/* Bind text, or NULL when text is NULL. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *text);

/* Bind a double, or NULL when v is NaN. */
int store_bind_double(sqlite3_stmt *st, int idx, double v);

/* Copy column col of st into out (size bytes), "" for NULL. */
void store_col_text(sqlite3_stmt *st, int col, char *out, size_t size);

/* Run SQL with no result rows. */
lab_status store_exec(struct lab_store *s, const char *sql, struct lab_error *err);

/*
 * The indexes of the big tables. They are dropped while the snapshot is bulk-loaded and built
 * again afterwards (lab_store_bulk), which is several times faster than keeping them up to date
 * row by row. projection_cell also keeps projections unique. An OEWS cell is unique in its
 * release too, but the OEWS normalizer keeps it so (the first of a code BLS lists twice is
 * kept): a unique index would only repeat that check, at a third of the cost of an insert, so
 * oews_release indexes a release's rows for replacing and deleting it.
 */
/* clang-format off */
/* Page cache sizes (KiB): large keeps a release's indexes in memory while rows are inserted
 * at random places; small serves appends (a large import without the history index). */
#define STORE_CACHE_LARGE "PRAGMA cache_size = -65536"
#define STORE_CACHE_SMALL "PRAGMA cache_size = -16384"
#define STORE_OEWS_HISTORY_INDEX \
  "CREATE INDEX IF NOT EXISTS oews_occ_area_naics ON oews(occ_code, area, naics, release_id)"
#define STORE_OEWS_RELEASE_INDEX "CREATE INDEX IF NOT EXISTS oews_release ON oews(release_id)"
#define STORE_INDEXES \
  STORE_OEWS_RELEASE_INDEX ";" \
  STORE_OEWS_HISTORY_INDEX ";" \
  "CREATE UNIQUE INDEX IF NOT EXISTS projection_cell ON projection(release_id, area, occ_code);"
#define STORE_DROP_INDEXES \
  "DROP INDEX IF EXISTS oews_release; DROP INDEX IF EXISTS oews_occ_area_naics;" \
  " DROP INDEX IF EXISTS projection_cell;"
/* clang-format on */

/*
 * Reading OEWS cells (store_cells.c): store_cell_sql() writes a SELECT of every column
 * store_cell_read() needs, from oews joined with release, area and occupation, limited to
 * cross-industry OEWS rows and `where` (an SQL condition, optionally followed by ORDER BY/LIMIT).
 * STORE_CELL_PREFERENCE orders the rows of one (occupation, area, year) best first: the user's
 * own imports before the snapshot, then the row with the most published core values.
 */
#define STORE_CELL_PREFERENCE                                                                      \
  "r.year DESC, r.origin_kind = 'snapshot',"                                                       \
  " (o.tot_emp IS NULL) + (o.a_median IS NULL) + (o.emp_prse IS NULL), r.id DESC"
void store_cell_sql(char *sql, size_t size, const char *where);
void store_cell_read(sqlite3_stmt *q, struct lab_oews_cell *out);

/* Schema (store_schema.c). */
int store_schema_latest(void);
lab_status store_schema_migrate(struct lab_store *s, struct lab_error *err);

#endif
