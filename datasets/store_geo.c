/*
 * store_geo.c - the U.S. state tile grid (geofacet layout) from the store's area table.
 */
#include "datasets/lab_import.h"
#include "datasets/lab_query.h"
#include "datasets/store_internal.h"

#include <string.h>

lab_status lab_store_geo_tiles(struct lab_store *s, lab_geo_tile_cb cb, void *ctx,
                               struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;
  int rc;

  if (need)
    return need;
  if (!cb)
    return lab_error_set(err, LAB_ERR_INVALID, "geo tiles: no callback");
  if (sqlite3_prepare_v2(s->db,
                         "SELECT code, COALESCE(postal, ''), COALESCE(name, ''), tile_col, tile_row"
                         " FROM area WHERE tile_col IS NOT NULL AND tile_row IS NOT NULL"
                         " AND tile_col >= 0 AND tile_row >= 0 ORDER BY tile_row, tile_col, code",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read the tile grid");
    goto out;
  }
  for (;;) {
    struct lab_geo_tile t;

    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW)
      break;
    memset(&t, 0, sizeof(t));
    store_col_text(q, 0, t.code, sizeof(t.code));
    store_col_text(q, 1, t.postal, sizeof(t.postal));
    store_col_text(q, 2, t.name, sizeof(t.name));
    t.col = sqlite3_column_int(q, 3);
    t.row = sqlite3_column_int(q, 4);
    st = cb(ctx, &t, err);
    if (st)
      goto out;
  }
  if (rc != SQLITE_DONE)
    st = store_db_error(s, err, "cannot read the tile grid");
out:
  sqlite3_finalize(q);
  return st;
}
