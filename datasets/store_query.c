/*
 * store_query.c - releases, look-ups and OEWS cells for the commands above datasets/.
 */
#include "datasets/lab_areas.h"
#include "datasets/lab_import.h"
#include "datasets/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------- releases */

lab_status lab_store_releases(struct lab_store *s, lab_release_cb cb, void *ctx,
                              struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_ALL, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;
  int rc;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT r.id, r.source, r.scope, r.vintage, r.year, r.soc_edition,"
                         " r.title, r.origin_kind, r.origin, r.sha256, r.imported_at, r.rows,"
                         " (SELECT count(*) FROM release_origin o WHERE o.release_id = r.id)"
                         " FROM release r ORDER BY r.source, r.scope, r.vintage, r.id",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot list releases");
    goto out;
  }
  while ((rc = sqlite3_step(q)) == SQLITE_ROW && !st) {
    struct lab_release_info r;
    memset(&r, 0, sizeof(r));
    r.id = sqlite3_column_int64(q, 0);
    store_col_text(q, 1, r.source, sizeof(r.source));
    store_col_text(q, 2, r.scope, sizeof(r.scope));
    store_col_text(q, 3, r.vintage, sizeof(r.vintage));
    r.year = sqlite3_column_int(q, 4);
    store_col_text(q, 5, r.soc_edition, sizeof(r.soc_edition));
    store_col_text(q, 6, r.title, sizeof(r.title));
    store_col_text(q, 7, r.origin_kind, sizeof(r.origin_kind));
    store_col_text(q, 8, r.origin, sizeof(r.origin));
    store_col_text(q, 9, r.sha256, sizeof(r.sha256));
    store_col_text(q, 10, r.imported_at, sizeof(r.imported_at));
    r.rows = (long)sqlite3_column_int64(q, 11);
    r.norigins = sqlite3_column_int(q, 12);
    st = cb(ctx, &r, err);
  }
  if (!st && rc != SQLITE_DONE && rc != SQLITE_ROW)
    st = store_db_error(s, err, "cannot list releases");
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_origins(struct lab_store *s, int64_t id, lab_origin_cb cb, void *ctx,
                                     struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db,
                         "SELECT path, sha256, rows FROM release_origin WHERE release_id = ?1"
                         " ORDER BY rowid",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot list origins");
    goto out;
  }
  sqlite3_bind_int64(q, 1, id);
  while (!st && sqlite3_step(q) == SQLITE_ROW)
    st = cb(ctx, (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
            (long)sqlite3_column_int64(q, 2), err);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_exists_other(struct lab_store *s, const char *source,
                                          const char *scope, const char *vintage, const char *kind,
                                          bool *exists, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db,
                         "SELECT 1 FROM release WHERE source = ?1 AND scope = ?2 AND vintage = ?3"
                         " AND origin_kind != ?4 LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot look up releases");
    goto out;
  }
  store_bind_text(q, 1, source);
  store_bind_text(q, 2, scope);
  store_bind_text(q, 3, vintage);
  store_bind_text(q, 4, kind);
  *exists = sqlite3_step(q) == SQLITE_ROW;
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_count(struct lab_store *s, long *n, struct lab_error *err)
{
  return lab_store_count(s, "release", n, err);
}

lab_status lab_store_topcode_get(struct lab_store *s, int year, double *hourly, double *annual,
                                 struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT hourly, annual FROM topcode WHERE year = ?1"
                         " ORDER BY release_id DESC LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read top-codes");
    goto out;
  }
  sqlite3_bind_int(q, 1, year);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no top-code threshold known for May %d", year);
    goto out;
  }
  *hourly = sqlite3_column_double(q, 0);
  *annual = sqlite3_column_double(q, 1);
out:
  sqlite3_finalize(q);
  return st;
}

/* ---------------------------------------------------------------------------------- areas */

static void area_from_row(sqlite3_stmt *q, struct lab_area *a)
{
  store_col_text(q, 0, a->code, sizeof(a->code));
  store_col_text(q, 1, a->type, sizeof(a->type));
  store_col_text(q, 2, a->name, sizeof(a->name));
  store_col_text(q, 3, a->postal, sizeof(a->postal));
}

#define AREA_COLS "SELECT code, type, name, postal FROM area "

/* Run an area query with one text parameter; collect up to max matches. */
static lab_status area_query(struct lab_store *s, const char *sql, const char *param,
                             struct lab_area *out, size_t max, size_t *n, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  *n = 0;
  q = store_query(s, sql, "cannot look up areas", err);
  if (!q) {
    st = LAB_ERR_DB;
    goto out;
  }
  store_bind_text(q, 1, param);
  while (sqlite3_step(q) == SQLITE_ROW) {
    if (*n < max)
      area_from_row(q, &out[*n]);
    (*n)++;
  }
out:
  store_query_done(s, q);
  return st;
}

lab_status lab_store_area_resolve(struct lab_store *s, const char *text, struct lab_area *out,
                                  struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  static const char *const exact[] = {
      AREA_COLS "WHERE code = ?1",
      AREA_COLS
      "WHERE upper(postal) = upper(?1) ORDER BY type = 'nation' DESC, type = 'state' DESC",
      AREA_COLS "WHERE name = ?1 COLLATE NOCASE",
  };
  struct lab_area found[6];
  char canon[16];
  char pattern[160];
  size_t n = 0, first = 0;
  lab_status st;

  if (need)
    return need;
  /* stored codes are canonical: text that is not a code ("CA", "Texas") is looked up by postal
   * code and name only */
  if (lab_area_canonical(text, 0, canon, sizeof(canon)) != LAB_OK)
    first = 1;
  for (size_t i = first; i < LAB_ARRAY_SIZE(exact); i++) {
    st = area_query(s, exact[i], i == 0 ? canon : text, found, LAB_ARRAY_SIZE(found), &n, err);
    if (st)
      return st;
    if (n >= 1) {
      *out = found[0];
      return LAB_OK;
    }
  }
  snprintf(pattern, sizeof(pattern), "%%%s%%", text);
  st = area_query(s, AREA_COLS "WHERE name LIKE ?1 ORDER BY type, name", pattern, found,
                  LAB_ARRAY_SIZE(found), &n, err);
  if (st)
    return st;
  if (n == 1) {
    *out = found[0];
    return LAB_OK;
  }
  if (n == 0)
    return lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no area matches '%s': try 'laborstat find %s' or a code such as US, CA, "
                         "06 or 31080",
                         text, text);
  return lab_error_set(err, LAB_ERR_INVALID,
                       "area '%s' is ambiguous (%zu matches, e.g. '%s' %s and '%s' %s): give a "
                       "code",
                       text, n, found[0].name, found[0].code, found[1].name, found[1].code);
}

lab_status lab_store_find_areas(struct lab_store *s, const char *text, lab_area_cb cb, void *ctx,
                                struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  char canon[16];
  char pattern[160];
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (lab_area_canonical(text, 0, canon, sizeof(canon)) != LAB_OK)
    snprintf(canon, sizeof(canon), "%s", text);
  snprintf(pattern, sizeof(pattern), "%%%s%%", text);
  if (sqlite3_prepare_v2(s->db,
                         AREA_COLS "WHERE code = ?1 OR upper(postal) = upper(?2) OR name LIKE ?3"
                                   " ORDER BY CASE type WHEN 'nation' THEN 0 WHEN 'state' THEN 1"
                                   " WHEN 'territory' THEN 2 WHEN 'msa' THEN 3 ELSE 4 END, name",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot look up areas");
    goto out;
  }
  store_bind_text(q, 1, canon);
  store_bind_text(q, 2, text);
  store_bind_text(q, 3, pattern);
  while (!st && sqlite3_step(q) == SQLITE_ROW) {
    struct lab_area a;
    area_from_row(q, &a);
    st = cb(ctx, &a, err);
  }
out:
  sqlite3_finalize(q);
  return st;
}
