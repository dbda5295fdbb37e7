/*
 * store_deflators.c - CPI-U and regional price parities; projections.
 */
#include "common/lab_num.h"
#include "datasets/lab_query.h"
#include "datasets/lab_import.h"
#include "datasets/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CPI_SERIES "CUUR0000SA0"

lab_status lab_store_cpi(struct lab_store *s, int year, double *value, struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT value FROM series WHERE series_id = '" CPI_SERIES "'"
                         " AND year = ?1 AND period = 'M13' AND value IS NOT NULL"
                         " ORDER BY release_id DESC LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read the CPI");
    goto out;
  }
  sqlite3_bind_int(q, 1, year);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "no CPI-U annual average for %d in the store (series " CPI_SERIES ")", year);
    goto out;
  }
  *value = sqlite3_column_double(q, 0);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_cpi_latest(struct lab_store *s, int *year, char *vintage, size_t size,
                                struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT v.year, r.vintage FROM series v JOIN release r"
                         " ON r.id = v.release_id WHERE v.series_id = '" CPI_SERIES "'"
                         " AND v.period = 'M13' AND v.value IS NOT NULL"
                         " ORDER BY v.year DESC, v.release_id DESC LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read the CPI");
    goto out;
  }
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no CPI-U annual averages in the store");
    goto out;
  }
  *year = sqlite3_column_int(q, 0);
  if (vintage)
    store_col_text(q, 1, vintage, size);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_rpp(struct lab_store *s, const char *area, int year, double *value, int *used,
                         struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT value, year FROM rpp WHERE area = ?1 AND year <= ?2"
                         " AND value IS NOT NULL ORDER BY year DESC, release_id DESC LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read price parities");
    goto out;
  }
  store_bind_text(q, 1, area);
  sqlite3_bind_int(q, 2, year);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "no BEA regional price parity for area %s in %d or before (RPPs exist "
                       "for states and the nation)",
                       area, year);
    goto out;
  }
  *value = sqlite3_column_double(q, 0);
  if (used)
    *used = sqlite3_column_int(q, 1);
out:
  sqlite3_finalize(q);
  return st;
}

#define PROJ_COLUMNS                                                                               \
  "SELECT r.source, r.vintage, r.year, p.area, p.occ_code, COALESCE(p.occ_title, ''),"             \
  " p.emp_base, p.emp_proj, p.change, p.pct_change, p.openings, p.median_wage"                     \
  " FROM projection p JOIN release r ON r.id = p.release_id "

static double col_double(sqlite3_stmt *q, int c)
{
  return sqlite3_column_type(q, c) == SQLITE_NULL ? NAN : sqlite3_column_double(q, c);
}

static void projection_read(sqlite3_stmt *q, struct lab_projection *p)
{
  char vintage[16];

  memset(p, 0, sizeof(*p));
  store_col_text(q, 0, p->source, sizeof(p->source));
  store_col_text(q, 1, vintage, sizeof(vintage));
  snprintf(p->vintage, sizeof(p->vintage), "%s", vintage);
  p->base_year = sqlite3_column_int(q, 2);
  p->proj_year = 0;
  if (strlen(vintage) == 9 && vintage[4] == '-') { /* "2024-2034" */
    long y = 0;
    if (lab_num_parse_long(vintage + 5, 4, &y) == LAB_OK)
      p->proj_year = (int)y;
  }
  store_col_text(q, 3, p->area, sizeof(p->area));
  store_col_text(q, 4, p->occ_code, sizeof(p->occ_code));
  store_col_text(q, 5, p->occ_title, sizeof(p->occ_title));
  p->emp_base = col_double(q, 6);
  p->emp_proj = col_double(q, 7);
  p->change = col_double(q, 8);
  p->pct_change = col_double(q, 9);
  p->openings = col_double(q, 10);
  p->median_wage = col_double(q, 11);
}

lab_status lab_store_projection(struct lab_store *s, const char *source, const char *occ,
                                const char *area, const char *vintage, struct lab_projection *out,
                                struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_PROJECTIONS, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         PROJ_COLUMNS "WHERE r.source = ?1 AND p.occ_code = ?2 AND p.area = ?3"
                                      " AND (?4 IS NULL OR r.vintage = ?4)"
                                      " ORDER BY r.vintage DESC, r.origin_kind = 'snapshot',"
                                      " r.id DESC LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read projections");
    goto out;
  }
  store_bind_text(q, 1, source);
  store_bind_text(q, 2, occ);
  store_bind_text(q, 3, area);
  store_bind_text(q, 4, vintage);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no %s projection of %s for area %s%s%s",
                       strcmp(source, "ep") == 0 ? "BLS national" : "state", occ, area,
                       vintage ? " in cycle " : "", vintage ? vintage : "");
    goto out;
  }
  projection_read(q, out);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_projections_by_state(struct lab_store *s, const char *occ, const char *vintage,
                                          lab_projection_cb cb, void *ctx, struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_PROJECTIONS, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;
  char chosen[16] = "";

  if (need)
    return need;
  if (!vintage) {
    if (sqlite3_prepare_v2(s->db,
                           "SELECT r.vintage FROM projection p JOIN release r"
                           " ON r.id = p.release_id WHERE r.source = 'pc' AND p.occ_code = ?1"
                           " AND p.area != 'US' GROUP BY r.vintage"
                           " ORDER BY count(*) >= 40 DESC, r.vintage DESC LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK) {
      st = store_db_error(s, err, "cannot read projections");
      goto out;
    }
    store_bind_text(q, 1, occ);
    if (sqlite3_step(q) != SQLITE_ROW) {
      st = lab_error_set(err, LAB_ERR_NOTFOUND, "no state projections of %s in the store", occ);
      goto out;
    }
    store_col_text(q, 0, chosen, sizeof(chosen));
    sqlite3_finalize(q);
    q = NULL;
    vintage = chosen;
  }
  if (sqlite3_prepare_v2(s->db,
                         PROJ_COLUMNS "WHERE r.source = 'pc' AND p.occ_code = ?1 AND p.area != 'US'"
                                      " AND r.vintage = ?2 ORDER BY p.area",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read projections");
    goto out;
  }
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, vintage);
  while (!st && sqlite3_step(q) == SQLITE_ROW) {
    struct lab_projection p;
    projection_read(q, &p);
    st = cb(ctx, &p, err);
  }
out:
  sqlite3_finalize(q);
  return st;
}
