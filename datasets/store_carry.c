/*
 * store_carry.c - releases that arrive in parts: Projections Central pages fetched state by
 * state, BLS API answers fetched series by series. A new release takes over the rows of the
 * release it replaces that the new files do not hold.
 */
#include "datasets/store_internal.h"

#include <stdio.h>

/* Run sql once with ?1 = id (when id >= 0) and ?2 = text (when text); *changes (may be NULL). */
static lab_status exec2(struct lab_store *s, const char *sql, int64_t id, const char *text,
                        long *changes, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  if (id >= 0)
    sqlite3_bind_int64(q, 1, id);
  if (text)
    store_bind_text(q, 2, text);
  if (sqlite3_step(q) != SQLITE_DONE) {
    st = store_db_error(s, err, "cannot write");
    goto out;
  }
  if (changes)
    *changes = sqlite3_changes(s->db);
out:
  sqlite3_finalize(q);
  return st;
}

#define SIBLINGS                                                                                   \
  "(SELECT o.id FROM release o JOIN release n ON n.id = ?1 WHERE o.id != n.id"                     \
  " AND o.source = n.source AND o.scope = n.scope AND o.vintage = n.vintage)"

static lab_status carry_origins(struct lab_store *s, int64_t id, struct lab_error *err)
{
  return exec2(s,
               "INSERT INTO release_origin(release_id, path, sha256, rows)"
               " SELECT ?1, path, sha256, rows FROM release_origin WHERE release_id IN " SIBLINGS
               " AND path NOT IN (SELECT path FROM release_origin WHERE release_id = ?1)",
               id, NULL, NULL, err);
}

lab_status lab_store_projection_carry(struct lab_store *s, int64_t id, const char *areas,
                                      long *rows, struct lab_error *err)
{
  long n = 0;
  lab_status st =
      exec2(s,
            "INSERT INTO projection(release_id, area, occ_code, occ_title, occ_type, emp_base,"
            " emp_proj, change, pct_change, openings, self_emp_pct, median_wage, education,"
            " experience, training) SELECT ?1, area, occ_code, occ_title, occ_type, emp_base,"
            " emp_proj, change, pct_change, openings, self_emp_pct, median_wage, education,"
            " experience, training FROM projection WHERE release_id IN " SIBLINGS
            " AND instr(',' || ?2, ',' || area || ',') = 0",
            id, areas ? areas : "", &n, err);

  if (!st)
    st = carry_origins(s, id, err);
  if (rows)
    *rows = st ? 0 : n;
  return st;
}

lab_status lab_store_series_carry(struct lab_store *s, int64_t id, long *rows,
                                  struct lab_error *err)
{
  long n = 0;
  lab_status st = exec2(s,
                        "INSERT OR IGNORE INTO series(release_id, series_id, year, period, value,"
                        " footnotes) SELECT ?1, series_id, year, period, value, footnotes"
                        " FROM series WHERE release_id IN " SIBLINGS,
                        id, NULL, &n, err);

  if (!st)
    st = carry_origins(s, id, err);
  if (rows)
    *rows = st ? 0 : n;
  return st;
}

lab_status lab_store_series_forget(struct lab_store *s, const char *source, const char *series_id,
                                   int64_t keep, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db,
                         "DELETE FROM series WHERE series_id = ?2 AND release_id IN"
                         " (SELECT id FROM release WHERE source = ?1 AND id != ?3)",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  store_bind_text(q, 1, source);
  store_bind_text(q, 2, series_id);
  sqlite3_bind_int64(q, 3, keep);
  if (sqlite3_step(q) != SQLITE_DONE)
    st = store_db_error(s, err, "cannot write");
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_prune(struct lab_store *s, const char *source, int64_t keep,
                                   int *dropped, struct lab_error *err)
{
  long n = 0;
  lab_status st = exec2(s,
                        "UPDATE release SET rows = (SELECT count(*) FROM series"
                        " WHERE series.release_id = release.id) WHERE source = ?2 AND id != ?1",
                        keep, source, NULL, err);

  if (!st)
    st = exec2(s, "DELETE FROM release WHERE source = ?2 AND id != ?1 AND rows = 0", keep, source,
               &n, err);
  if (dropped)
    *dropped = st ? 0 : (int)n;
  return st;
}

lab_status lab_store_release_rename(struct lab_store *s, int64_t id, const char *vintage, int year,
                                    struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db, "UPDATE release SET vintage = ?2, year = ?3 WHERE id = ?1", -1, &q,
                         NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  sqlite3_bind_int64(q, 1, id);
  store_bind_text(q, 2, vintage);
  if (year > 0)
    sqlite3_bind_int(q, 3, year);
  else
    sqlite3_bind_null(q, 3);
  if (sqlite3_step(q) != SQLITE_DONE)
    st = store_db_error(s, err, "cannot write");
out:
  sqlite3_finalize(q);
  return st;
}
