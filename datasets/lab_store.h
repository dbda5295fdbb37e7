/*
 * lab_store.h - the SQLite store: schema, transactions, writes and queries.
 *
 * The store is one SQLite file (schema in docs/store.md, versioned with PRAGMA user_version).
 * Writers (the normalizers) run inside one transaction per import; readers get plain structs, so
 * nothing above datasets/ ever sees SQLite.
 *
 * Ownership: struct lab_store is opaque, created by lab_store_open() and freed by
 * lab_store_close(). `const char *` parameters are borrowed for the call. Query results are
 * caller-owned structs with fixed-size text fields; callbacks receive borrowed pointers valid
 * only during the callback.
 */
#ifndef LAB_STORE_H
#define LAB_STORE_H

#include "common/lab_common.h"
#include "datasets/lab_oews.h"

#include <stdbool.h>
#include <stdint.h>

#define LAB_STORE_SCHEMA_VERSION 4
/* Most rows one transaction (one import, one snapshot load) may write; past it the write fails
 * with LAB_ERR_TOOLARGE and the transaction is rolled back. A full OEWS all-data release is about
 * 0.4 million rows, the whole snapshot 0.2 million. The environment variable
 * LABORSTAT_MAX_TX_ROWS may lower it (tests), never raise it. */
#define LAB_STORE_MAX_TX_ROWS 10000000L

struct lab_store;

/* ---------------------------------------------------------------- open, close, transactions */

/*
 * Process-wide settings of the SQLite library, for a program to call once at start, before any
 * other store function: SQLite's memory statistics (a global mutex around every allocation,
 * which nothing reads) are turned off. Optional; stores work without it.
 */
void lab_store_process_init(void);

/*
 * Open (creating when missing, with its parent folder) the store at path and bring its schema
 * to LAB_STORE_SCHEMA_VERSION. *created is set true when the file did not exist before (may be
 * NULL). A store written by a newer laborstat is refused.
 */
lab_status lab_store_open(const char *path, struct lab_store **out, bool *created,
                          struct lab_error *err);

/*
 * With `on`, every query first loads the parts of the embedded snapshot it needs (state OEWS for
 * a state, projections for projections, ...), each on its first use (lab_snapshot_ensure()).
 * Off by default. *loaded_any (may be NULL) is not touched here; see lab_store_snapshot_loads().
 */
void lab_store_auto_snapshot(struct lab_store *s, bool on);

/* How many snapshot loads the queries of this handle have run (for progress messages). */
unsigned lab_store_snapshot_loads(const struct lab_store *s);

/* Close and free. Rolls back an open transaction. Accepts NULL. */
void lab_store_close(struct lab_store *s);

lab_status lab_store_begin(struct lab_store *s, struct lab_error *err);
lab_status lab_store_commit(struct lab_store *s, struct lab_error *err);
/* Undo everything since lab_store_begin(); safe to call when no transaction is open. */
void lab_store_rollback(struct lab_store *s);

/*
 * Write-behind for a large import, inside a write transaction: from lab_store_async_begin()
 * until lab_store_async_end(), lab_store_oews_put(), lab_store_area_put() and
 * lab_store_occ_put() copy their row into a queue and return at once, and one writer thread
 * inserts the rows in order, so the caller parses the next rows meanwhile. No other store call
 * may be made in between (they fail with LAB_ERR_INVALID). A put returns the writer's first
 * error once it has happened (a write error has no row position); lab_store_async_end() waits
 * for every queued row and returns that error, if any. lab_store_rollback() and
 * lab_store_close() end it first. async_begin when running and async_end when not do nothing.
 */
lab_status lab_store_async_begin(struct lab_store *s, struct lab_error *err);
lab_status lab_store_async_end(struct lab_store *s, struct lab_error *err);

/*
 * A read transaction for a command that runs many queries: one shared lock and one consistent
 * view for all of them instead of a lock, a journal check and a cache check per query. Writers
 * can still start but cannot commit until lab_store_read_end(), so hold it only for a short
 * command (never across a download or a child process). lab_store_begin() and snapshot loads
 * run by queries end it first (a snapshot load begins it again). Does nothing inside a write
 * transaction. lab_store_read_end accepts NULL and a store without one; lab_store_close ends it.
 */
lab_status lab_store_read_begin(struct lab_store *s, struct lab_error *err);
void lab_store_read_end(struct lab_store *s);

/*
 * Bulk loading inside a transaction: `on` drops the secondary indexes, `off` builds them again
 * (faster than maintaining them row by row for a whole snapshot).
 */
lab_status lab_store_bulk(struct lab_store *s, bool on, struct lab_error *err);

/*
 * A large OEWS import inside a transaction: with `incoming` (an estimate of the rows to come)
 * at least LAB_STORE_DEFER_MIN_ROWS and more than half the OEWS rows already stored, drop the
 * index of occupations' histories (oews_occ_area_naics) and set *deferred; building it again
 * afterwards with lab_store_restore_index() is faster than maintaining it row by row. A
 * rollback restores it with everything else.
 */
#define LAB_STORE_DEFER_MIN_ROWS 100000
lab_status lab_store_defer_index(struct lab_store *s, long incoming, bool *deferred,
                                 struct lab_error *err);
lab_status lab_store_restore_index(struct lab_store *s, struct lab_error *err);

/* Turn foreign-key enforcement on (the default) or off; outside transactions only. */
lab_status lab_store_foreign_keys(struct lab_store *s, bool on, struct lab_error *err);

/* Key/value pairs of the meta table (e.g. "snapshot_id"). *out is "" when absent. */
lab_status lab_store_meta_get(struct lab_store *s, const char *key, char *out, size_t size,
                              struct lab_error *err);
lab_status lab_store_meta_set(struct lab_store *s, const char *key, const char *value,
                              struct lab_error *err);

/* ------------------------------------------------------------------------------- releases */

/* What a new release is; all strings borrowed. */
struct lab_release {
  const char *source;      /* "oews", "ep", "pc", "cpi", "rpp", "topcode", "geo", "crosswalk" */
  const char *scope;       /* "national", "state", "msa", "industry", "all" */
  const char *vintage;     /* "2024", "2023-2033" */
  int year;                /* reference year (OEWS May year, projection base year), 0 = none */
  const char *soc_edition; /* "2010", "hybrid", "2018", or NULL */
  const char *title;       /* human title, may be NULL */
  const char *origin_kind; /* "snapshot", "import" or "fetch" */
  const char *origin;      /* file path or URL */
  const char *sha256;      /* of the origin file, may be NULL */
};

/* Insert a release row and return its id. */
lab_status lab_store_release_add(struct lab_store *s, const struct lab_release *r, int64_t *id,
                                 struct lab_error *err);

/* The id of the newest release (0 when none): releases added later have larger ids. */
lab_status lab_store_release_last_id(struct lab_store *s, int64_t *id, struct lab_error *err);

/* Set origin_kind ("fetch", ...) of the releases added after release `after` that a normalizer
 * recorded as "import". */
lab_status lab_store_release_set_origin_kind(struct lab_store *s, int64_t after, const char *kind,
                                             struct lab_error *err);

/* Set the SHA-256 (hex) of the file a release came from, when it was hashed while the release
 * was being read (import.c). */
lab_status lab_store_release_set_sha256(struct lab_store *s, int64_t id, const char *sha256,
                                        struct lab_error *err);

/* Record one contributing file of a release (snapshot releases have several). */
lab_status lab_store_release_origin_add(struct lab_store *s, int64_t id, const char *path,
                                        const char *sha256, long rows, struct lab_error *err);

/*
 * Finish release id: set its final scope (NULL keeps it) and row count, then delete every other
 * release with the same (source, scope, vintage) - a re-import replaces, never duplicates.
 * *replaced (may be NULL) receives the number of releases removed.
 */
lab_status lab_store_release_finish(struct lab_store *s, int64_t id, const char *scope, long rows,
                                    int *replaced, struct lab_error *err);

/*
 * Releases that arrive in parts (downloads). `id` is a release just added; its siblings are the
 * other releases with the same (source, scope, vintage), which lab_store_release_finish() will
 * delete. (store_carry.c)
 */

/* Copy into release id the projection rows of its siblings whose area is not listed in `areas`
 * (canonical codes, each followed by ',', e.g. "06,32,"), and the siblings' release_origin rows
 * whose path id does not record yet. *rows (may be NULL) = rows copied. */
lab_status lab_store_projection_carry(struct lab_store *s, int64_t id, const char *areas,
                                      long *rows, struct lab_error *err);

/* Copy into release id the series rows of its siblings (an observation id already holds is
 * kept), and their release_origin rows as above. *rows (may be NULL) = rows copied. */
lab_status lab_store_series_carry(struct lab_store *s, int64_t id, long *rows,
                                  struct lab_error *err);

/* Delete the observations of series_id in every release of `source` except release `keep`. */
lab_status lab_store_series_forget(struct lab_store *s, const char *source, const char *series_id,
                                   int64_t keep, struct lab_error *err);

/* Recount the series rows of every release of `source` except `keep` and delete those left with
 * none. *dropped (may be NULL) = releases deleted. */
lab_status lab_store_release_prune(struct lab_store *s, const char *source, int64_t keep,
                                   int *dropped, struct lab_error *err);

/* Set the vintage and year (0 = none) of release id, for readers that learn them at the end. */
lab_status lab_store_release_rename(struct lab_store *s, int64_t id, const char *vintage, int year,
                                    struct lab_error *err);

/* Delete every snapshot release that came from the embedded file `file` (with their rows). */
lab_status lab_store_release_delete_snapshot(struct lab_store *s, const char *file,
                                             struct lab_error *err);

/* True when a release with this identity exists with an origin_kind other than `kind`. */
lab_status lab_store_release_exists_other(struct lab_store *s, const char *source,
                                          const char *scope, const char *vintage, const char *kind,
                                          bool *exists, struct lab_error *err);

/* Number of releases in the store. */
lab_status lab_store_release_count(struct lab_store *s, long *n, struct lab_error *err);

struct lab_release_info {
  int64_t id;
  char source[16], scope[16], vintage[16], soc_edition[16];
  int year;
  char title[160];
  char origin_kind[16];
  char origin[512];
  char sha256[65];
  char imported_at[32];
  long rows;
  int norigins;
};

typedef lab_status (*lab_release_cb)(void *ctx, const struct lab_release_info *r,
                                     struct lab_error *err);

/* Call cb for every release, ordered by source, scope, vintage. */
lab_status lab_store_releases(struct lab_store *s, lab_release_cb cb, void *ctx,
                              struct lab_error *err);

typedef lab_status (*lab_origin_cb)(void *ctx, const char *path, const char *sha256, long rows,
                                    struct lab_error *err);

/* Call cb for each contributing file of release id. */
lab_status lab_store_release_origins(struct lab_store *s, int64_t id, lab_origin_cb cb, void *ctx,
                                     struct lab_error *err);

/* -------------------------------------------------------------------------- writes (import) */

/* Areas: code is canonical ("US", "06", "31080", "0100001"); type "nation", "state",
 * "territory", "msa", "nonmetro". NULL name/postal keep what is stored. */
lab_status lab_store_area_put(struct lab_store *s, const char *code, const char *type,
                              const char *name, const char *postal, struct lab_error *err);

struct lab_geo_row {
  const char *area, *postal, *name, *region_name, *division_name;
  int region, division;   /* 0 = none */
  int tile_col, tile_row; /* -1 = no tile */
  int alt_col, alt_row;   /* -1 = no tile */
};
lab_status lab_store_geo_put(struct lab_store *s, const struct lab_geo_row *g,
                             struct lab_error *err);

/* Occupations: (code, soc_edition) with title and level ("total", "major", "minor", "broad",
 * "detailed"); a detailed level is never downgraded by a later broad row. */
lab_status lab_store_occ_put(struct lab_store *s, const char *code, const char *soc_edition,
                             const char *title, const char *level, struct lab_error *err);

/* One normalized OEWS estimate. */
struct lab_oews_record {
  const char *area;     /* canonical code */
  const char *naics;    /* "000000" = cross-industry */
  const char *own_code; /* "" when not given */
  const char *occ_code;
  const char *o_group; /* may be NULL */
  struct lab_value m[LAB_M_COUNT];
  bool annual_only, hourly_only;
  const char *naics_title; /* may be NULL */
};

/* Insert one estimate. The caller keeps cells unique within a release: the store does not check
 * (the OEWS normalizer does, with the row's file and line at hand). */
lab_status lab_store_oews_put(struct lab_store *s, int64_t release_id,
                              const struct lab_oews_record *r, struct lab_error *err);

/* One projection row; employment and openings in persons; NAN = not published. */
struct lab_projection_record {
  const char *area, *occ_code, *occ_title, *occ_type;
  double emp_base, emp_proj, change, pct_change, openings, self_emp_pct, median_wage;
  const char *education, *experience, *training; /* may be NULL */
};
lab_status lab_store_projection_put(struct lab_store *s, int64_t release_id,
                                    const struct lab_projection_record *r, struct lab_error *err);

lab_status lab_store_series_put(struct lab_store *s, int64_t release_id, const char *series_id,
                                int year, const char *period, double value, const char *footnotes,
                                struct lab_error *err);

lab_status lab_store_rpp_put(struct lab_store *s, int64_t release_id, const char *area, int year,
                             double value, struct lab_error *err);

lab_status lab_store_topcode_put(struct lab_store *s, int64_t release_id, int year, double hourly,
                                 double annual, const char *rule, struct lab_error *err);

lab_status lab_store_crosswalk_put(struct lab_store *s, int64_t release_id, const char *from_code,
                                   const char *from_soc, const char *to_code, const char *to_soc,
                                   const char *note, struct lab_error *err);

/* ---------------------------------------------------------------------------------- queries */

/* Top-code thresholds of a May year; LAB_ERR_NOTFOUND when the store has none. */
lab_status lab_store_topcode_get(struct lab_store *s, int year, double *hourly, double *annual,
                                 struct lab_error *err);

struct lab_area {
  char code[16];
  char type[16];
  char name[128];
  char postal[8];
};

/*
 * Resolve what a user typed as an area: a code ("06", "31080", "US"), a postal code ("CA"), a
 * name ("California", case-insensitive) or a unique part of a name ("Riverside").
 * LAB_ERR_NOTFOUND when nothing matches; LAB_ERR_INVALID (listing candidates) when ambiguous.
 */
lab_status lab_store_area_resolve(struct lab_store *s, const char *text, struct lab_area *out,
                                  struct lab_error *err);

struct lab_occ_match {
  char code[16];
  char soc_edition[16];
  char title[256];
  char level[16];
  char years[128];   /* OEWS May years with data, e.g. "2014-2018, 2021-2024" */
  char related[128]; /* why it is listed: "" (title/code match) or "SOC crosswalk of 29-2071" */
};

typedef lab_status (*lab_occ_cb)(void *ctx, const struct lab_occ_match *m, struct lab_error *err);

/* Occupations whose code starts with text or whose title holds every word of text, plus their
 * successors/predecessors from the SOC crosswalk. */
lab_status lab_store_find_occupations(struct lab_store *s, const char *text, lab_occ_cb cb,
                                      void *ctx, struct lab_error *err);

typedef lab_status (*lab_area_cb)(void *ctx, const struct lab_area *a, struct lab_error *err);

/* Areas whose code, postal code or name matches text (name: every word, case-insensitive). */
lab_status lab_store_find_areas(struct lab_store *s, const char *text, lab_area_cb cb, void *ctx,
                                struct lab_error *err);

/* One published OEWS cell with its context. */
struct lab_oews_cell {
  char occ_code[16];
  char occ_title[256];
  char soc_edition[16];
  struct lab_area area;
  char naics[8];
  int year;
  int64_t release_id;
  char release_scope[16];
  char origin_kind[16];
  char origin[512];
  struct lab_value m[LAB_M_COUNT];
  bool annual_only, hourly_only;
};

/*
 * The cross-industry OEWS cell for occupation `occ` (a code) in area `area` (canonical code) for
 * May `year` (0 = the latest year that has it). LAB_ERR_NOTFOUND with a message naming the
 * years that do have the cell.
 */
lab_status lab_store_oews_cell(struct lab_store *s, const char *occ, const char *area, int year,
                               struct lab_oews_cell *out, struct lab_error *err);

/*
 * The same for n areas at once, in one query (a comparison across states): out[i] and found[i]
 * for areas[i]; found[i] false where lab_store_oews_cell() would give LAB_ERR_NOTFOUND (call it
 * for the message). year 0 = each area's own latest year. LAB_ERR_INVALID for a code that is not
 * letters and digits.
 */
lab_status lab_store_oews_cells(struct lab_store *s, const char *occ, const char *const *areas,
                                size_t n, int year, struct lab_oews_cell *out, bool *found,
                                struct lab_error *err);

/* Title of occupation code (latest SOC edition that has it); LAB_ERR_NOTFOUND when unknown. */
lab_status lab_store_occ_title(struct lab_store *s, const char *code, char *title, size_t size,
                               struct lab_error *err);

/* Row counts of the data tables (for `datasets` and tests). */
lab_status lab_store_count(struct lab_store *s, const char *table, long *n, struct lab_error *err);

#endif
