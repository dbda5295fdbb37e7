/*
 * store_regional.c - queries for the regional measures: every occupation of one area and year.
 */
#include "datasets/lab_query.h"
#include "datasets/lab_import.h"
#include "datasets/store_internal.h"

#include <stdio.h>
#include <string.h>

lab_status lab_store_oews_area_cells(struct lab_store *s, const char *area, int year,
                                     const char *level, lab_cell_cb cb, void *ctx,
                                     struct lab_error *err)
{
  lab_status need = store_need(s, store_part_of_area(area), err);
  sqlite3_stmt *q = NULL;
  struct lab_oews_cell c;
  char sql[2048];
  char where[512];
  char last_occ[16] = "";
  lab_status st = LAB_OK;
  int rc = SQLITE_DONE;

  if (need)
    return need;
  if (year <= 0)
    return lab_error_set(err, LAB_ERR_INVALID, "name a May year for the occupations of an area");
  snprintf(where, sizeof(where),
           "o.area = ?1 AND r.year = ?2 AND (?3 IS NULL OR oc.level = ?3)"
           " ORDER BY o.occ_code, %s",
           STORE_CELL_PREFERENCE);
  store_cell_sql(sql, sizeof(sql), where);
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read OEWS estimates");
    goto out;
  }
  store_bind_text(q, 1, area);
  sqlite3_bind_int(q, 2, year);
  store_bind_text(q, 3, level);
  while (!st) {
    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW)
      break;
    store_cell_read(q, &c);
    /* Rows of one occupation arrive best first (STORE_CELL_PREFERENCE): keep the first. */
    if (strcmp(c.occ_code, last_occ) == 0)
      continue;
    snprintf(last_occ, sizeof(last_occ), "%s", c.occ_code);
    st = cb(ctx, &c, err);
  }
  if (!st && rc != SQLITE_DONE)
    st = store_db_error(s, err, "cannot read OEWS estimates");
out:
  sqlite3_finalize(q);
  return st;
}
