/*
 * store_industry.c - the industry cells of an occupation (OEWS national industry-specific
 * estimates), for the industry-shares chart.
 */
#include "datasets/lab_import.h"
#include "datasets/lab_query.h"
#include "datasets/store_internal.h"

#include <stdio.h>
#include <string.h>

/* The release (and its year) that holds the industry cells of occ; see lab_query.h. */
static lab_status pick_release(struct lab_store *s, const char *occ, int year, int64_t *id,
                               int *found_year, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;
  int rc;

  if (sqlite3_prepare_v2(s->db,
                         "SELECT r.id, r.year FROM oews o JOIN release r ON r.id = o.release_id"
                         " WHERE r.source = 'oews' AND o.occ_code = ?1 AND o.area = 'US'"
                         " AND o.naics <> '000000'"
                         " AND (?2 = 0 OR r.year = ?2) AND (?2 <> 0 OR LENGTH(o.naics) < 6)"
                         " ORDER BY r.year DESC, r.origin_kind = 'snapshot', r.id DESC LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read OEWS industry estimates");
    goto out;
  }
  store_bind_text(q, 1, occ);
  sqlite3_bind_int(q, 2, year);
  rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(q, 0);
    *found_year = sqlite3_column_int(q, 1);
  } else if (rc == SQLITE_DONE && year > 0) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no May %d industry estimates of %s in the store",
                       year, occ);
  } else if (rc == SQLITE_DONE) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "no sector-level industry estimates of %s in the store", occ);
  } else {
    st = store_db_error(s, err, "cannot read OEWS industry estimates");
  }
out:
  sqlite3_finalize(q);
  return st;
}

static void read_value(sqlite3_stmt *q, int col, struct lab_value *v)
{
  bool null = sqlite3_column_type(q, col) == SQLITE_NULL;

  v->state = lab_vstate_from_name((const char *)sqlite3_column_text(q, col + 1));
  v->v = null ? 0.0 : sqlite3_column_double(q, col);
  if (null && v->state == LAB_V_VALUE)
    v->state = LAB_V_MISSING;
}

lab_status lab_store_oews_industries(struct lab_store *s, const char *occ, int year,
                                     lab_industry_cb cb, void *ctx, struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  struct lab_industry_cell c;
  int64_t id = 0;
  int found_year = 0;
  lab_status st;
  int rc;

  if (need)
    return need;
  if (!occ || !cb || year < 0)
    return lab_error_set(err, LAB_ERR_INVALID, "industry cells: no occupation or callback");
  st = pick_release(s, occ, year, &id, &found_year, err);
  if (st)
    return st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT o.naics, COALESCE(o.naics_title, ''), o.own_code,"
                         " o.tot_emp, o.tot_emp_state, o.pct_total, o.pct_total_state"
                         " FROM oews o WHERE o.release_id = ?1 AND o.occ_code = ?2"
                         " AND o.area = 'US' AND o.naics <> '000000'"
                         " ORDER BY o.naics, o.own_code",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read OEWS industry estimates");
    goto out;
  }
  sqlite3_bind_int64(q, 1, id);
  store_bind_text(q, 2, occ);
  for (;;) {
    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW)
      break;
    memset(&c, 0, sizeof(c));
    snprintf(c.occ_code, sizeof(c.occ_code), "%s", occ);
    c.year = found_year;
    c.release_id = id;
    store_col_text(q, 0, c.naics, sizeof(c.naics));
    store_col_text(q, 1, c.naics_title, sizeof(c.naics_title));
    store_col_text(q, 2, c.own_code, sizeof(c.own_code));
    read_value(q, 3, &c.tot_emp);
    read_value(q, 5, &c.pct_total);
    st = cb(ctx, &c, err);
    if (st)
      goto out;
  }
  if (rc != SQLITE_DONE)
    st = store_db_error(s, err, "cannot read OEWS industry estimates");
out:
  sqlite3_finalize(q);
  return st;
}
