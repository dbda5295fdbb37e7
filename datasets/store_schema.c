/*
 * store_schema.c - the store's schema and its migrations (docs/store.md describes every column).
 */
#include "datasets/store_internal.h"

#include <stdio.h>

#define MEASURE(m) #m " REAL, " #m "_state TEXT, "

/* Migration k brings user_version from k to k + 1. */
/* clang-format off */
static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE release("
    " id INTEGER PRIMARY KEY, source TEXT NOT NULL, scope TEXT NOT NULL, vintage TEXT NOT NULL,"
    " year INTEGER, soc_edition TEXT, title TEXT, origin_kind TEXT NOT NULL,"
    " origin TEXT NOT NULL, sha256 TEXT, imported_at TEXT NOT NULL,"
    " rows INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX release_identity ON release(source, scope, vintage);"
    "CREATE TABLE release_origin("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " path TEXT NOT NULL, sha256 TEXT, rows INTEGER);"
    "CREATE INDEX release_origin_release ON release_origin(release_id);"
    "CREATE TABLE area("
    " code TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT, postal TEXT,"
    " region INTEGER, region_name TEXT, division INTEGER, division_name TEXT,"
    " tile_col INTEGER, tile_row INTEGER, alt_col INTEGER, alt_row INTEGER);"
    "CREATE TABLE occupation("
    " code TEXT NOT NULL, soc_edition TEXT NOT NULL, title TEXT, level TEXT,"
    " PRIMARY KEY(code, soc_edition)) WITHOUT ROWID;"
    "CREATE TABLE oews("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " area TEXT NOT NULL, naics TEXT NOT NULL, own_code TEXT NOT NULL, occ_code TEXT NOT NULL,"
    " o_group TEXT, naics_title TEXT, "
    MEASURE(tot_emp) MEASURE(emp_prse) MEASURE(jobs_1000) MEASURE(loc_quotient)
    MEASURE(pct_total) MEASURE(pct_rpt) MEASURE(h_mean) MEASURE(a_mean) MEASURE(mean_prse)
    MEASURE(h_pct10) MEASURE(h_pct25) MEASURE(h_median) MEASURE(h_pct75) MEASURE(h_pct90)
    MEASURE(a_pct10) MEASURE(a_pct25) MEASURE(a_median) MEASURE(a_pct75) MEASURE(a_pct90)
    " annual_only INTEGER NOT NULL DEFAULT 0, hourly_only INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE projection("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " area TEXT NOT NULL, occ_code TEXT NOT NULL, occ_title TEXT, occ_type TEXT,"
    " emp_base REAL, emp_proj REAL, change REAL, pct_change REAL, openings REAL,"
    " self_emp_pct REAL, median_wage REAL, education TEXT, experience TEXT, training TEXT);"
    STORE_INDEXES
    "CREATE TABLE series("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " series_id TEXT NOT NULL, year INTEGER NOT NULL, period TEXT NOT NULL, value REAL,"
    " footnotes TEXT, PRIMARY KEY(release_id, series_id, year, period)) WITHOUT ROWID;"
    "CREATE TABLE rpp("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " area TEXT NOT NULL, year INTEGER NOT NULL, value REAL,"
    " PRIMARY KEY(release_id, area, year)) WITHOUT ROWID;"
    "CREATE TABLE topcode("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " year INTEGER NOT NULL, hourly REAL NOT NULL, annual REAL NOT NULL, rule TEXT,"
    " PRIMARY KEY(release_id, year)) WITHOUT ROWID;"
    "CREATE TABLE crosswalk("
    " release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,"
    " from_code TEXT NOT NULL, from_soc TEXT NOT NULL, to_code TEXT NOT NULL,"
    " to_soc TEXT NOT NULL, note TEXT,"
    " PRIMARY KEY(release_id, from_code, from_soc, to_code, to_soc)) WITHOUT ROWID;"
    "CREATE VIEW oews_cells AS"
    " SELECT r.year, r.scope, r.soc_edition, a.name AS area_name, a.type AS area_type,"
    " oc.title AS occ_title, r.origin_kind, r.origin, o.*"
    " FROM oews o JOIN release r ON r.id = o.release_id"
    " LEFT JOIN area a ON a.code = o.area"
    " LEFT JOIN occupation oc ON oc.code = o.occ_code AND oc.soc_edition = r.soc_edition;",
    /* 2: an occupation's history reads its cross-industry rows from the index alone */
    "DROP INDEX IF EXISTS oews_occ_area;"
    "CREATE INDEX IF NOT EXISTS oews_occ_area_naics ON oews(occ_code, area, naics, release_id);",
    /* 3: an area given by postal code ("CA") is found without reading every area */
    "CREATE INDEX IF NOT EXISTS area_postal ON area(upper(postal));",
    /* 4: the normalizer keeps OEWS cells unique; a plain index of the release replaces the
     * unique one, which made every insert a third dearer */
    "DROP INDEX IF EXISTS oews_cell;" STORE_OEWS_RELEASE_INDEX ";",
};
/* clang-format on */

_Static_assert(LAB_ARRAY_SIZE(migrations) == LAB_STORE_SCHEMA_VERSION,
               "one migration per schema version");

int store_schema_latest(void)
{
  return (int)LAB_ARRAY_SIZE(migrations);
}

lab_status store_schema_migrate(struct lab_store *s, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  int version = 0;
  int rc;
  lab_status st = LAB_OK;
  char sql[64];

  rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL);
  if (rc != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW) {
    st = store_db_error(s, err, "cannot read the schema version");
    goto out;
  }
  version = sqlite3_column_int(q, 0);
  sqlite3_finalize(q); /* an open statement would lock the tables a migration drops or alters */
  q = NULL;
  if (version > store_schema_latest()) {
    st = lab_error_set(err, LAB_ERR_DB,
                       "'%s' has schema version %d, newer than this laborstat understands (%d): "
                       "upgrade laborstat or use another --db",
                       s->path, version, store_schema_latest());
    goto out;
  }
  if (version == store_schema_latest())
    goto out;
  st = store_exec(s, "BEGIN IMMEDIATE", err);
  if (st)
    goto out;
  for (int v = version; v < store_schema_latest() && !st; v++)
    st = store_exec(s, migrations[v], err);
  if (!st) {
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", store_schema_latest());
    st = store_exec(s, sql, err);
  }
  if (!st)
    st = store_exec(s, "COMMIT", err);
  if (st)
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
out:
  sqlite3_finalize(q);
  return st;
}
