/*
 * store.c - opening the store, transactions and the meta table.
 */
#include "common/lab_paths.h"
#include "datasets/lab_import.h"
#include "datasets/store_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STORE_BUSY_TIMEOUT_MS 10000

/* What to do about an SQLite error code, or "". */
static const char *db_hint(int rc)
{
  rc &= 0xff;
  if (rc == SQLITE_FULL || rc == SQLITE_IOERR)
    return " (the disk may be full or a file size limit reached: free some space and run the "
           "command again; the store is as it was before)";
  return "";
}

lab_status store_db_error(struct lab_store *s, struct lab_error *err, const char *what)
{
  return lab_error_set(err, LAB_ERR_DB, "%s in '%s': %s%s", what, s->path,
                       s->db ? sqlite3_errmsg(s->db) : "cannot open",
                       s->db ? db_hint(sqlite3_extended_errcode(s->db)) : "");
}

lab_status store_exec(struct lab_store *s, const char *sql, struct lab_error *err)
{
  char *msg = NULL;
  lab_status st = store_async_guard(s, err);
  int rc;

  if (st)
    return st;
  rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_BUSY)
      st = lab_error_set(err, LAB_ERR_DB,
                         "the store '%s' is locked by another laborstat process: try again when "
                         "it has finished",
                         s->path);
    else
      st = lab_error_set(err, LAB_ERR_DB, "store '%s': %s%s", s->path, msg ? msg : "error",
                         db_hint(rc));
  }
  sqlite3_free(msg);
  return st;
}

lab_status store_count_row(struct lab_store *s, struct lab_error *err)
{
  if (s->in_tx && ++s->tx_rows > s->max_tx_rows)
    return lab_error_set(err, LAB_ERR_TOOLARGE,
                         "more than %ld rows in one import (the cap per transaction, "
                         "LAB_STORE_MAX_TX_ROWS): import the files in smaller groups",
                         s->max_tx_rows);
  return LAB_OK;
}

lab_status store_stmt(struct lab_store *s, enum store_stmt which, const char *sql,
                      sqlite3_stmt **out, struct lab_error *err)
{
  if (store_async_guard(s, err))
    return LAB_ERR_INVALID;
  if (!s->aw && store_count_row(s, err)) /* rows written behind were counted when queued */
    return LAB_ERR_TOOLARGE;
  if (!s->stmt[which]) {
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[which], NULL) !=
        SQLITE_OK)
      return store_db_error(s, err, "cannot prepare a statement");
  } else {
    sqlite3_reset(s->stmt[which]); /* every caller binds every parameter again */
  }
  *out = s->stmt[which];
  return LAB_OK;
}

int store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
  if (!text)
    return sqlite3_bind_null(st, idx);
  return sqlite3_bind_text(st, idx, text, -1, SQLITE_STATIC);
}

int store_bind_double(sqlite3_stmt *st, int idx, double v)
{
  if (isnan(v))
    return sqlite3_bind_null(st, idx);
  return sqlite3_bind_double(st, idx, v);
}

void store_col_text(sqlite3_stmt *st, int col, char *out, size_t size)
{
  const unsigned char *t = sqlite3_column_text(st, col);

  snprintf(out, size, "%s", t ? (const char *)t : "");
}

lab_status lab_store_open(const char *path, struct lab_store **out, bool *created,
                          struct lab_error *err)
{
  struct lab_store *s = calloc(1, sizeof(*s));
  struct stat sb;
  bool existed;
  lab_status st = LAB_OK;
  int rc;

  *out = NULL;
  if (!s)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  s->max_tx_rows = LAB_STORE_MAX_TX_ROWS;
  {
    const char *cap = getenv("LABORSTAT_MAX_TX_ROWS"); /* tests: a lower cap, never a higher one */
    long v = cap ? strtol(cap, NULL, 10) : 0;
    if (v > 0 && v < s->max_tx_rows)
      s->max_tx_rows = v;
  }
  s->flush_fd = -1;
  s->path = strdup(path);
  if (!s->path) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  existed = stat(path, &sb) == 0;
  if (created)
    *created = !existed;
  if (!existed) {
    st = lab_paths_make_parent(path, err);
    if (st)
      goto out;
  }
  rc = sqlite3_open_v2(path, &s->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    st = store_db_error(s, err, "cannot open the store");
    goto out;
  }
  sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
  /* a 64 MiB page cache keeps a release's indexes in memory while it is written
   * (lab_store_defer_index lowers it for appends) */
  st = store_exec(s, "PRAGMA foreign_keys = ON; " STORE_CACHE_LARGE, err);
  if (!st && !existed) /* larger pages: a shallower tree for the wide OEWS rows */
    st = store_exec(s, "PRAGMA page_size = 16384", err);
  if (st)
    goto out;
  st = store_schema_migrate(s, err);
  if (st && !existed) {
    /* keep the message, and point at the most likely cause */
    if (err && err->status == LAB_ERR_DB && strstr(err->msg, "file is not a database"))
      lab_error_set(err, LAB_ERR_DB, "'%s' is not a laborstat store", path);
  }
out:
  if (st) {
    lab_store_close(s);
    return st;
  }
  *out = s;
  return LAB_OK;
}

void lab_store_process_init(void)
{
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* fails harmlessly once SQLite is initialised */
}

void lab_store_auto_snapshot(struct lab_store *s, bool on)
{
  s->auto_snapshot = on;
}

unsigned lab_store_snapshot_loads(const struct lab_store *s)
{
  return s->snap_loads;
}

unsigned store_part_of_area(const char *code)
{
  size_t n = strlen(code);

  return n == 2 && strcmp(code, "US") != 0 ? LAB_SNAP_STATE : LAB_SNAP_CORE;
}

lab_status store_need(struct lab_store *s, unsigned parts, struct lab_error *err)
{
  bool loaded = false, reading;
  lab_status st;

  parts |= LAB_SNAP_CORE; /* areas, occupations and top-codes are in the core */
  if (!s->auto_snapshot || s->in_tx || (s->snap_done & parts) == parts)
    return LAB_OK;
  reading = s->in_read;
  lab_store_read_end(s); /* the load writes in its own transaction */
  st = lab_snapshot_ensure(s, parts & ~s->snap_done, &loaded, err);
  if (reading && !st)
    st = lab_store_read_begin(s, err);
  if (!st) {
    s->snap_done |= parts;
    s->snap_loads += loaded;
  }
  return st;
}

sqlite3_stmt *store_query(struct lab_store *s, const char *sql, const char *what,
                          struct lab_error *err)
{
  struct store_cached *free_slot = NULL;
  sqlite3_stmt *q = NULL;

  if (store_async_guard(s, err))
    return NULL;
  for (int i = 0; i < STORE_QUERY_CACHE; i++) {
    struct store_cached *c = &s->cache[i];
    if (c->sql && !c->busy && strcmp(c->sql, sql) == 0) {
      c->busy = true;
      sqlite3_clear_bindings(c->q);
      return c->q;
    }
    if (!c->sql && !free_slot)
      free_slot = c;
  }
  if (sqlite3_prepare_v3(s->db, sql, -1, free_slot ? SQLITE_PREPARE_PERSISTENT : 0, &q, NULL) !=
      SQLITE_OK) {
    store_db_error(s, err, what);
    sqlite3_finalize(q);
    return NULL;
  }
  if (free_slot) {
    free_slot->sql = strdup(sql);
    if (free_slot->sql) {
      free_slot->q = q;
      free_slot->busy = true;
    }
  }
  return q;
}

void store_query_done(struct lab_store *s, sqlite3_stmt *q)
{
  if (!q)
    return;
  for (int i = 0; i < STORE_QUERY_CACHE; i++)
    if (s->cache[i].q == q) {
      sqlite3_reset(q);
      s->cache[i].busy = false;
      return;
    }
  sqlite3_finalize(q);
}

void lab_store_close(struct lab_store *s)
{
  if (!s)
    return;
  lab_store_async_end(s, NULL);
  for (int i = 0; i < ST_COUNT; i++)
    sqlite3_finalize(s->stmt[i]);
  for (int i = 0; i < STORE_QUERY_CACHE; i++) {
    sqlite3_finalize(s->cache[i].q);
    free(s->cache[i].sql);
  }
  if (s->db) {
    if (s->in_tx || s->in_read)
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
  }
  free(s->path);
  free(s);
}

lab_status lab_store_read_begin(struct lab_store *s, struct lab_error *err)
{
  lab_status st = LAB_OK;

  /* queries read through a memory map: no read() copy per page (imports do not: their reads
   * would count against the process's resident memory) */
  if (!s->in_tx && !s->in_read)
    st = store_exec(s, "PRAGMA mmap_size = 4294967296; BEGIN DEFERRED", err);
  if (!st && !s->in_tx)
    s->in_read = true;
  return st;
}

void lab_store_read_end(struct lab_store *s)
{
  if (!s || !s->in_read)
    return;
  for (int i = 0; i < STORE_QUERY_CACHE; i++)
    if (s->cache[i].q && !s->cache[i].busy)
      sqlite3_reset(s->cache[i].q);
  /* only reads: nothing to lose; with a query still running it stays open (SQLITE_BUSY) */
  if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    s->in_read = false;
}

lab_status lab_store_begin(struct lab_store *s, struct lab_error *err)
{
  lab_status st;

  lab_store_read_end(s);
  st = store_exec(s, "BEGIN IMMEDIATE", err);
  if (!st) {
    s->in_tx = 1;
    s->tx_rows = 0;
    store_flush_begin(s);
  }
  return st;
}

lab_status lab_store_commit(struct lab_store *s, struct lab_error *err)
{
  lab_status st = store_exec(s, "COMMIT", err);

  if (!st) {
    s->in_tx = 0;
    store_flush_end(s);
  }
  return st;
}

void lab_store_rollback(struct lab_store *s)
{
  if (!s || !s->in_tx)
    return;
  lab_store_async_end(s, NULL);
  for (int i = 0; i < ST_COUNT; i++)
    if (s->stmt[i])
      sqlite3_reset(s->stmt[i]);
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  s->in_tx = 0;
  store_flush_end(s);
}

lab_status lab_store_foreign_keys(struct lab_store *s, bool on, struct lab_error *err)
{
  return store_exec(s, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", err);
}

lab_status lab_store_bulk(struct lab_store *s, bool on, struct lab_error *err)
{
  lab_status st = store_exec(s, on ? STORE_DROP_INDEXES : STORE_INDEXES, err);

  if (st && !on && err && strstr(err->msg, "UNIQUE"))
    lab_error_set(err, LAB_ERR_PARSE, "the snapshot holds a cell twice: %s", err->msg);
  return st;
}

lab_status lab_store_defer_index(struct lab_store *s, long incoming, bool *deferred,
                                 struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  long existing = 0;
  lab_status st = LAB_OK;

  *deferred = false;
  if (incoming < LAB_STORE_DEFER_MIN_ROWS)
    goto out;
  q = store_query(s, "SELECT COALESCE(max(rowid), 0) FROM oews", "cannot count OEWS rows", err);
  if (!q) {
    st = LAB_ERR_DB;
    goto out;
  }
  if (sqlite3_step(q) == SQLITE_ROW)
    existing = (long)sqlite3_column_int64(q, 0);
  store_query_done(s, q); /* no statement may run while the index is dropped */
  q = NULL;
  if (incoming > existing / 2) { /* building it anew is cheaper than inserting row by row */
    /* nothing is inserted at random any more: a small page cache (and sort memory, which
     * SQLite sizes by it) serves, and keeps the import's memory low */
    st = store_exec(s, "DROP INDEX IF EXISTS oews_occ_area_naics; " STORE_CACHE_SMALL, err);
    *deferred = !st;
  }
out:
  store_query_done(s, q);
  return st;
}

lab_status lab_store_restore_index(struct lab_store *s, struct lab_error *err)
{
  lab_status st = store_exec(s, STORE_OEWS_HISTORY_INDEX, err);

  return st ? st : store_exec(s, STORE_CACHE_LARGE, err);
}

lab_status lab_store_meta_get(struct lab_store *s, const char *key, char *out, size_t size,
                              struct lab_error *err)
{
  /* from the query cache: a command looks up several keys (one per snapshot part) */
  sqlite3_stmt *q =
      store_query(s, "SELECT value FROM meta WHERE key = ?1", "cannot read meta", err);
  lab_status st = LAB_OK;
  int rc;

  out[0] = '\0';
  if (!q)
    return LAB_ERR_DB;
  sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step(q);
  if (rc == SQLITE_ROW)
    store_col_text(q, 0, out, size);
  else if (rc != SQLITE_DONE)
    st = store_db_error(s, err, "cannot read meta");
  store_query_done(s, q);
  return st;
}

lab_status lab_store_meta_set(struct lab_store *s, const char *key, const char *value,
                              struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", -1, &q,
                         NULL) != SQLITE_OK ||
      sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC) != SQLITE_OK ||
      sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC) != SQLITE_OK ||
      sqlite3_step(q) != SQLITE_DONE)
    st = store_db_error(s, err, "cannot write meta");
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_count(struct lab_store *s, const char *table, long *n, struct lab_error *err)
{
  static const char *const allowed[] = {"release",    "area",   "occupation",    "oews",
                                        "projection", "series", "rpp",           "topcode",
                                        "crosswalk",  "meta",   "release_origin"};
  sqlite3_stmt *q = NULL;
  char sql[96];
  lab_status st = LAB_OK;
  bool ok = false;

  if (store_async_guard(s, err))
    return LAB_ERR_INVALID;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(allowed); i++)
    ok = ok || strcmp(allowed[i], table) == 0;
  if (!ok)
    return lab_error_set(err, LAB_ERR_INVALID, "no table '%s' in the store", table);
  snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW)
    st = store_db_error(s, err, "cannot count rows");
  else
    *n = (long)sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return st;
}
