/*
 * store_cells.c - OEWS cells: the shared SELECT, and the queries of lab_query.h.
 */
#include "datasets/lab_query.h"
#include "datasets/lab_import.h"
#include "datasets/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CELL_COLUMNS                                                                               \
  "SELECT o.occ_code, COALESCE(oc.title, ''), r.soc_edition, o.area, COALESCE(a.type, ''),"        \
  " COALESCE(a.name, o.area), COALESCE(a.postal, ''), o.naics, r.year, r.id, r.scope,"             \
  " r.origin_kind, r.origin, o.annual_only, o.hourly_only"
#define CELL_FIRST_MEASURE 15

/* The SELECT of every cell column, limited to OEWS rows, `industry` and `where`. */
static void cell_sql(char *sql, size_t size, const char *industry, const char *where)
{
  size_t n = (size_t)snprintf(sql, size, "%s", CELL_COLUMNS);

  for (int m = 0; m < LAB_M_COUNT && n < size; m++)
    n += (size_t)snprintf(sql + n, size - n, ", o.%s, o.%s_state",
                          lab_measure_name((enum lab_measure)m),
                          lab_measure_name((enum lab_measure)m));
  if (n < size)
    snprintf(sql + n, size - n,
             " FROM oews o JOIN release r ON r.id = o.release_id"
             " LEFT JOIN area a ON a.code = o.area"
             " LEFT JOIN occupation oc ON oc.code = o.occ_code AND oc.soc_edition = r.soc_edition"
             " WHERE +r.source = 'oews' AND %s AND %s", /* + : never driven from release */
             industry, where);
}

void store_cell_sql(char *sql, size_t size, const char *where)
{
  cell_sql(sql, size, "o.naics = '000000'", where);
}

void store_cell_read(sqlite3_stmt *q, struct lab_oews_cell *out)
{
  memset(out, 0, sizeof(*out));
  store_col_text(q, 0, out->occ_code, sizeof(out->occ_code));
  store_col_text(q, 1, out->occ_title, sizeof(out->occ_title));
  store_col_text(q, 2, out->soc_edition, sizeof(out->soc_edition));
  store_col_text(q, 3, out->area.code, sizeof(out->area.code));
  store_col_text(q, 4, out->area.type, sizeof(out->area.type));
  store_col_text(q, 5, out->area.name, sizeof(out->area.name));
  store_col_text(q, 6, out->area.postal, sizeof(out->area.postal));
  store_col_text(q, 7, out->naics, sizeof(out->naics));
  out->year = sqlite3_column_int(q, 8);
  out->release_id = sqlite3_column_int64(q, 9);
  store_col_text(q, 10, out->release_scope, sizeof(out->release_scope));
  store_col_text(q, 11, out->origin_kind, sizeof(out->origin_kind));
  store_col_text(q, 12, out->origin, sizeof(out->origin));
  out->annual_only = sqlite3_column_int(q, 13) != 0;
  out->hourly_only = sqlite3_column_int(q, 14) != 0;
  for (int m = 0; m < LAB_M_COUNT; m++) {
    int vc = CELL_FIRST_MEASURE + 2 * m;
    bool null = sqlite3_column_type(q, vc) == SQLITE_NULL;
    out->m[m].state = lab_vstate_from_name((const char *)sqlite3_column_text(q, vc + 1));
    out->m[m].v = null ? 0.0 : sqlite3_column_double(q, vc);
    if (null && out->m[m].state == LAB_V_VALUE)
      out->m[m].state = LAB_V_MISSING;
  }
}

/* Run a cell query and hand each row to cb; with dedupe_year, only the first row of each
 * (area, year) - the preferred one, given the ORDER BY. */
static lab_status each_cell(struct lab_store *s, sqlite3_stmt *q, bool dedupe, lab_cell_cb cb,
                            void *ctx, struct lab_error *err)
{
  struct lab_oews_cell c;
  char last_area[16] = "";
  int last_year = 0;
  lab_status st = LAB_OK;
  int rc;

  while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    store_cell_read(q, &c);
    if (dedupe && c.year == last_year && strcmp(c.area.code, last_area) == 0)
      continue;
    last_year = c.year;
    snprintf(last_area, sizeof(last_area), "%s", c.area.code);
    st = cb(ctx, &c, err);
  }
  if (!st && rc != SQLITE_DONE)
    st = store_db_error(s, err, "cannot read OEWS estimates");
  return st;
}

lab_status lab_store_oews_history(struct lab_store *s, const char *occ, const char *area, int from,
                                  int to, lab_cell_cb cb, void *ctx, struct lab_error *err)
{
  lab_status need = store_need(s, store_part_of_area(area), err);
  sqlite3_stmt *q = NULL;
  char sql[2048];
  lab_status st;

  if (need)
    return need;
  store_cell_sql(sql, sizeof(sql),
                 "o.occ_code = ?1 AND o.area = ?2 AND (?3 = 0 OR r.year >= ?3)"
                 " AND (?4 = 0 OR r.year <= ?4)"
                 " ORDER BY r.year ASC, r.origin_kind = 'snapshot',"
                 " (o.tot_emp IS NULL) + (o.a_median IS NULL) + (o.emp_prse IS NULL), r.id DESC");
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read OEWS estimates");
    goto out;
  }
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, area);
  sqlite3_bind_int(q, 3, from);
  sqlite3_bind_int(q, 4, to);
  st = each_cell(s, q, true, cb, ctx, err);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_oews_by_area_type(struct lab_store *s, const char *occ, const char *area_type,
                                       bool nonmetro, int year, lab_cell_cb cb, void *ctx,
                                       struct lab_error *err)
{
  lab_status need =
      store_need(s, strcmp(area_type, "state") == 0 ? LAB_SNAP_STATE : LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  char sql[2048];
  const char *types = "('nation')";
  lab_status st = LAB_OK;
  int latest = year;

  if (need)
    return need;
  if (strcmp(area_type, "state") == 0)
    types = "('state', 'territory')";
  else if (strcmp(area_type, "msa") == 0)
    types = nonmetro ? "('msa', 'nonmetro')" : "('msa')";
  else if (strcmp(area_type, "nation") != 0)
    return lab_error_set(err, LAB_ERR_INVALID, "unknown area type '%s' (state, msa or nation)",
                         area_type);
  if (latest == 0) {
    char where[256];
    snprintf(where, sizeof(where), "o.occ_code = ?1 AND a.type IN %s ORDER BY r.year DESC LIMIT 1",
             types);
    store_cell_sql(sql, sizeof(sql), where);
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
      st = store_db_error(s, err, "cannot read OEWS estimates");
      goto out;
    }
    store_bind_text(q, 1, occ);
    if (sqlite3_step(q) != SQLITE_ROW) {
      st = lab_error_set(err, LAB_ERR_NOTFOUND, "no %s estimates for %s in the store", area_type,
                         occ);
      goto out;
    }
    latest = sqlite3_column_int(q, 8);
    sqlite3_finalize(q);
    q = NULL;
  }
  {
    char where[512];
    snprintf(where, sizeof(where),
             "o.occ_code = ?1 AND a.type IN %s AND r.year = ?2 ORDER BY o.area, %s", types,
             STORE_CELL_PREFERENCE);
    store_cell_sql(sql, sizeof(sql), where);
  }
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read OEWS estimates");
    goto out;
  }
  store_bind_text(q, 1, occ);
  sqlite3_bind_int(q, 2, latest);
  st = each_cell(s, q, true, cb, ctx, err);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_crosswalk_related(struct lab_store *s, const char *code,
                                       const char *soc_edition, lab_related_cb cb, void *ctx,
                                       struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT to_code, to_soc, COALESCE(note, ''), 1 FROM crosswalk"
                         " WHERE from_code = ?1 AND from_soc = ?2"
                         " UNION SELECT from_code, from_soc, COALESCE(note, ''), 0 FROM crosswalk"
                         " WHERE to_code = ?1 AND to_soc = ?2 ORDER BY 4 DESC, 1, 2",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read the crosswalk");
    goto out;
  }
  store_bind_text(q, 1, code);
  store_bind_text(q, 2, soc_edition);
  while (!st && sqlite3_step(q) == SQLITE_ROW) {
    struct lab_related_code r;
    store_col_text(q, 0, r.code, sizeof(r.code));
    store_col_text(q, 1, r.soc_edition, sizeof(r.soc_edition));
    store_col_text(q, 2, r.note, sizeof(r.note));
    r.forward = sqlite3_column_int(q, 3) != 0;
    st = cb(ctx, &r, err);
  }
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_oews_cell_in(struct lab_store *s, const char *occ, const char *area,
                                  const char *naics, int year, struct lab_oews_cell *out,
                                  struct lab_error *err)
{
  lab_status need = store_need(s, store_part_of_area(area), err);
  sqlite3_stmt *q = NULL;
  char sql[2048];
  lab_status st = LAB_OK;

  if (need)
    return need;
  cell_sql(sql, sizeof(sql), "o.naics = ?4",
           "o.occ_code = ?1 AND o.area = ?2 AND (?3 = 0 OR r.year = ?3)"
           " ORDER BY " STORE_CELL_PREFERENCE ", o.tot_emp DESC LIMIT 1");
  q = store_query(s, sql, "cannot read OEWS estimates", err);
  if (!q) {
    st = LAB_ERR_DB;
    goto out;
  }
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, area);
  sqlite3_bind_int(q, 3, year);
  store_bind_text(q, 4, naics);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no May %d estimate for %s in industry %s, area %s",
                       year, occ, naics, area);
    goto out;
  }
  store_cell_read(q, out);
out:
  store_query_done(s, q);
  return st;
}
