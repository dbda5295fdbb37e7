/*
 * store_write.c - releases and the rows the normalizers write.
 */
#include "datasets/store_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Step a write statement to completion. */
static lab_status step_done(struct lab_store *s, sqlite3_stmt *q, struct lab_error *err)
{
  int rc = sqlite3_step(q);

  if (rc != SQLITE_DONE)
    return store_db_error(s, err, "cannot write");
  return LAB_OK;
}

/* Prepare, bind nothing, run once. */
static lab_status run_once(struct lab_store *s, const char *sql, int64_t id, const char *text,
                           struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st;

  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  sqlite3_bind_int64(q, 1, id);
  store_bind_text(q, 2, text);
  st = step_done(s, q, err);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_add(struct lab_store *s, const struct lab_release *r, int64_t *id,
                                 struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  char now[32];
  time_t t = time(NULL);
  struct tm tm;
  lab_status st;

  gmtime_r(&t, &tm);
  strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (sqlite3_prepare_v2(s->db,
                         "INSERT INTO release(source, scope, vintage, year, soc_edition, title,"
                         " origin_kind, origin, sha256, imported_at)"
                         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  store_bind_text(q, 1, r->source);
  store_bind_text(q, 2, r->scope);
  store_bind_text(q, 3, r->vintage);
  if (r->year > 0)
    sqlite3_bind_int(q, 4, r->year);
  store_bind_text(q, 5, r->soc_edition);
  store_bind_text(q, 6, r->title);
  store_bind_text(q, 7, r->origin_kind);
  store_bind_text(q, 8, r->origin);
  store_bind_text(q, 9, r->sha256);
  store_bind_text(q, 10, now);
  st = step_done(s, q, err);
  if (!st)
    *id = sqlite3_last_insert_rowid(s->db);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_set_sha256(struct lab_store *s, int64_t id, const char *sha256,
                                        struct lab_error *err)
{
  sqlite3_stmt *q = store_query(s, "UPDATE release SET sha256 = ?2 WHERE id = ?1",
                                "cannot record the file's SHA-256", err);
  lab_status st = LAB_OK;

  if (!q)
    return LAB_ERR_DB;
  sqlite3_bind_int64(q, 1, id);
  store_bind_text(q, 2, sha256);
  if (sqlite3_step(q) != SQLITE_DONE)
    st = store_db_error(s, err, "cannot record the file's SHA-256");
  store_query_done(s, q);
  return st;
}

lab_status lab_store_release_last_id(struct lab_store *s, int64_t *id, struct lab_error *err)
{
  sqlite3_stmt *q =
      store_query(s, "SELECT COALESCE(max(id), 0) FROM release", "cannot read the releases", err);
  lab_status st = LAB_OK;

  *id = 0;
  if (!q)
    return LAB_ERR_DB;
  if (sqlite3_step(q) == SQLITE_ROW)
    *id = sqlite3_column_int64(q, 0);
  else
    st = store_db_error(s, err, "cannot read the releases");
  store_query_done(s, q);
  return st;
}

lab_status lab_store_release_set_origin_kind(struct lab_store *s, int64_t after, const char *kind,
                                             struct lab_error *err)
{
  sqlite3_stmt *q =
      store_query(s, "UPDATE release SET origin_kind = ?2 WHERE id > ?1 AND origin_kind = 'import'",
                  "cannot record where the releases came from", err);
  lab_status st = LAB_OK;

  if (!q)
    return LAB_ERR_DB;
  sqlite3_bind_int64(q, 1, after);
  store_bind_text(q, 2, kind);
  if (sqlite3_step(q) != SQLITE_DONE)
    st = store_db_error(s, err, "cannot record where the releases came from");
  store_query_done(s, q);
  return st;
}

lab_status lab_store_release_origin_add(struct lab_store *s, int64_t id, const char *path,
                                        const char *sha256, long rows, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st;

  if (sqlite3_prepare_v2(s->db,
                         "INSERT INTO release_origin(release_id, path, sha256, rows)"
                         " VALUES(?1, ?2, ?3, ?4)",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  sqlite3_bind_int64(q, 1, id);
  store_bind_text(q, 2, path);
  store_bind_text(q, 3, sha256);
  sqlite3_bind_int64(q, 4, rows);
  st = step_done(s, q, err);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_finish(struct lab_store *s, int64_t id, const char *scope, long rows,
                                    int *replaced, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st;

  if (scope) {
    st = run_once(s, "UPDATE release SET scope = ?2 WHERE id = ?1", id, scope, err);
    if (st)
      return st;
  }
  if (sqlite3_prepare_v2(s->db, "UPDATE release SET rows = ?2 WHERE id = ?1", -1, &q, NULL) !=
      SQLITE_OK) {
    st = store_db_error(s, err, "cannot prepare a statement");
    goto out;
  }
  sqlite3_bind_int64(q, 1, id);
  sqlite3_bind_int64(q, 2, rows);
  st = step_done(s, q, err);
  if (st)
    goto out;
  st = run_once(s,
                "DELETE FROM release WHERE id != ?1 AND (source, scope, vintage) ="
                " (SELECT source, scope, vintage FROM release WHERE id = ?1)",
                id, NULL, err);
  if (!st && replaced)
    *replaced = sqlite3_changes(s->db);
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_release_delete_snapshot(struct lab_store *s, const char *file,
                                             struct lab_error *err)
{
  char pattern[160];

  snprintf(pattern, sizeof(pattern), "%% snapshot (%s)", file);
  return run_once(s, "DELETE FROM release WHERE origin_kind = 'snapshot' AND origin LIKE ?2", 0,
                  pattern, err);
}

lab_status lab_store_area_put(struct lab_store *s, const char *code, const char *type,
                              const char *name, const char *postal, struct lab_error *err)
{
  const char *const text[4] = {code, type, name, postal};

  return s->aw ? store_async_text(s, false, text, err)
               : store_area_put_now(s, code, type, name, postal, err);
}

lab_status store_area_put_now(struct lab_store *s, const char *code, const char *type,
                              const char *name, const char *postal, struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st = store_stmt(s, ST_AREA_PUT,
                             "INSERT INTO area(code, type, name, postal) VALUES(?1, ?2, ?3, ?4)"
                             " ON CONFLICT(code) DO UPDATE SET type = excluded.type,"
                             " name = COALESCE(excluded.name, name),"
                             " postal = COALESCE(excluded.postal, postal)",
                             &q, err);

  if (st)
    return st;
  store_bind_text(q, 1, code);
  store_bind_text(q, 2, type);
  store_bind_text(q, 3, name && name[0] ? name : NULL);
  store_bind_text(q, 4, postal && postal[0] ? postal : NULL);
  return step_done(s, q, err);
}

static void bind_tile(sqlite3_stmt *q, int idx, int v)
{
  if (v < 0)
    sqlite3_bind_null(q, idx);
  else
    sqlite3_bind_int(q, idx, v);
}

lab_status lab_store_geo_put(struct lab_store *s, const struct lab_geo_row *g,
                             struct lab_error *err)
{
  sqlite3_stmt *q;
  const char *type = g->region > 0 || strcmp(g->area, "11") == 0 ? "state" : "territory";
  lab_status st;

  /* DC (11) has a Census region; PR, GU and VI do not, and OEWS types them as territories */
  if (strcmp(g->area, "US") == 0)
    type = "nation";
  st = store_stmt(s, ST_GEO_PUT,
                  "INSERT INTO area(code, type, name, postal, region, region_name, division,"
                  " division_name, tile_col, tile_row, alt_col, alt_row)"
                  " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                  " ON CONFLICT(code) DO UPDATE SET type = excluded.type, name = excluded.name,"
                  " postal = excluded.postal, region = excluded.region,"
                  " region_name = excluded.region_name, division = excluded.division,"
                  " division_name = excluded.division_name, tile_col = excluded.tile_col,"
                  " tile_row = excluded.tile_row, alt_col = excluded.alt_col,"
                  " alt_row = excluded.alt_row",
                  &q, err);
  if (st)
    return st;
  store_bind_text(q, 1, g->area);
  store_bind_text(q, 2, type);
  store_bind_text(q, 3, g->name);
  store_bind_text(q, 4, g->postal);
  bind_tile(q, 5, g->region > 0 ? g->region : -1);
  store_bind_text(q, 6, g->region_name && g->region_name[0] ? g->region_name : NULL);
  bind_tile(q, 7, g->division > 0 ? g->division : -1);
  store_bind_text(q, 8, g->division_name && g->division_name[0] ? g->division_name : NULL);
  bind_tile(q, 9, g->tile_col);
  bind_tile(q, 10, g->tile_row);
  bind_tile(q, 11, g->alt_col);
  bind_tile(q, 12, g->alt_row);
  return step_done(s, q, err);
}

lab_status lab_store_occ_put(struct lab_store *s, const char *code, const char *soc_edition,
                             const char *title, const char *level, struct lab_error *err)
{
  const char *const text[4] = {code, soc_edition, title, level};

  return s->aw ? store_async_text(s, true, text, err)
               : store_occ_put_now(s, code, soc_edition, title, level, err);
}

lab_status store_occ_put_now(struct lab_store *s, const char *code, const char *soc_edition,
                             const char *title, const char *level, struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st =
      store_stmt(s, ST_OCC_PUT,
                 "INSERT INTO occupation(code, soc_edition, title, level) VALUES(?1, ?2, ?3, ?4)"
                 " ON CONFLICT(code, soc_edition) DO UPDATE SET"
                 " title = COALESCE(excluded.title, title),"
                 " level = CASE WHEN level = 'detailed' THEN level"
                 " ELSE COALESCE(excluded.level, level) END",
                 &q, err);

  if (st)
    return st;
  store_bind_text(q, 1, code);
  store_bind_text(q, 2, soc_edition ? soc_edition : "none");
  store_bind_text(q, 3, title && title[0] ? title : NULL);
  store_bind_text(q, 4, level && level[0] ? level : NULL);
  return step_done(s, q, err);
}

lab_status lab_store_oews_put(struct lab_store *s, int64_t release_id,
                              const struct lab_oews_record *r, struct lab_error *err)
{
  return s->aw ? store_async_oews(s, release_id, r, err)
               : store_oews_put_now(s, release_id, r, err);
}

/* INSERT INTO oews(...) VALUES(...) with `rows` rows of STORE_OEWS_PARAMS parameters each. */
static void oews_insert_sql(char *sql, size_t size, int rows)
{
  size_t n = (size_t)snprintf(sql, size,
                              "INSERT INTO oews(release_id, area, naics, own_code, occ_code,"
                              " o_group, naics_title, annual_only, hourly_only");

  for (int m = 0; m < LAB_M_COUNT && n < size; m++)
    n +=
        (size_t)snprintf(sql + n, size - n, ", %s, %s_state", lab_measure_name((enum lab_measure)m),
                         lab_measure_name((enum lab_measure)m));
  for (int r = 0; r < rows && n < size; r++) {
    n += (size_t)snprintf(sql + n, size - n, "%s(?", r ? ", " : ") VALUES");
    for (int i = 1; i < STORE_OEWS_PARAMS && n < size; i++)
      n += (size_t)snprintf(sql + n, size - n, ", ?");
    n += (size_t)snprintf(sql + n, size - n, ")");
  }
}

/* Parameter idx of q to NULL unless nul[idx] says it is already (most of a row's state columns
 * are NULL row after row: each bind costs SQLite an unbind of the old value). */
static void bind_null(sqlite3_stmt *q, int idx, unsigned char *nul)
{
  if (!nul[idx]) {
    sqlite3_bind_null(q, idx);
    nul[idx] = 1;
  }
}

/* Text (NULL for SQL NULL) to parameter idx, keeping nul[idx] up to date. */
static void bind_text(sqlite3_stmt *q, int idx, const char *text, unsigned char *nul)
{
  if (!text) {
    bind_null(q, idx, nul);
    return;
  }
  sqlite3_bind_text(q, idx, text, -1, SQLITE_STATIC);
  nul[idx] = 0;
}

/* Bind row r to parameters base + 1 ... base + STORE_OEWS_PARAMS of q; nul: what q holds NULL (see
 * struct lab_store). */
static void oews_bind(sqlite3_stmt *q, int base, int64_t release_id,
                      const struct lab_oews_record *r, unsigned char *nul)
{
  sqlite3_bind_int64(q, base + 1, release_id);
  bind_text(q, base + 2, r->area, nul);
  bind_text(q, base + 3, r->naics, nul);
  bind_text(q, base + 4, r->own_code ? r->own_code : "", nul);
  bind_text(q, base + 5, r->occ_code, nul);
  bind_text(q, base + 6, r->o_group && r->o_group[0] ? r->o_group : NULL, nul);
  bind_text(q, base + 7, r->naics_title && r->naics_title[0] ? r->naics_title : NULL, nul);
  sqlite3_bind_int(q, base + 8, r->annual_only);
  sqlite3_bind_int(q, base + 9, r->hourly_only);
  for (int m = 0; m < LAB_M_COUNT; m++) {
    const struct lab_value *v = &r->m[m];
    int idx = base + 10 + 2 * m;
    if (v->state == LAB_V_VALUE || v->state == LAB_V_TOPCODED) {
      sqlite3_bind_double(q, idx, v->v);
      nul[idx] = 0;
    } else {
      bind_null(q, idx, nul);
    }
    /* NULL state: a published number (value set) or nothing published (value NULL) */
    if (v->state == LAB_V_VALUE || v->state == LAB_V_MISSING) {
      bind_null(q, idx + 1, nul);
    } else {
      sqlite3_bind_text(q, idx + 1, lab_vstate_name(v->state), -1, SQLITE_STATIC);
      nul[idx + 1] = 0;
    }
  }
}

lab_status store_oews_put_now(struct lab_store *s, int64_t release_id,
                              const struct lab_oews_record *r, struct lab_error *err)
{
  sqlite3_stmt *q;
  char sql[2048];
  lab_status st;

  if (!s->stmt[ST_OEWS_PUT])
    oews_insert_sql(sql, sizeof(sql), 1);
  st = store_stmt(s, ST_OEWS_PUT, sql, &q, err);
  if (st)
    return st;
  oews_bind(q, 0, release_id, r, s->oews_null[0]);
  return step_done(s, q, err);
}

lab_status store_oews_put_group(struct lab_store *s, const int64_t *release_id,
                                const struct lab_oews_record *const *r, struct lab_error *err)
{
  sqlite3_stmt *q;
  char sql[STORE_OEWS_GROUP * STORE_OEWS_PARAMS * 3 + 1024];
  lab_status st;

  if (!s->stmt[ST_OEWS_PUT_GROUP])
    oews_insert_sql(sql, sizeof(sql), STORE_OEWS_GROUP);
  st = store_stmt(s, ST_OEWS_PUT_GROUP, sql, &q, err);
  if (st)
    return st;
  for (int i = 0; i < STORE_OEWS_GROUP; i++)
    oews_bind(q, i * STORE_OEWS_PARAMS, release_id[i], r[i], s->oews_null[1]);
  return step_done(s, q, err);
}

lab_status lab_store_projection_put(struct lab_store *s, int64_t release_id,
                                    const struct lab_projection_record *r, struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st = store_stmt(
      s, ST_PROJ_PUT,
      "INSERT INTO projection(release_id, area, occ_code, occ_title, occ_type, emp_base,"
      " emp_proj, change, pct_change, openings, self_emp_pct, median_wage, education,"
      " experience, training) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
      " ?14, ?15)",
      &q, err);

  if (st)
    return st;
  sqlite3_bind_int64(q, 1, release_id);
  store_bind_text(q, 2, r->area);
  store_bind_text(q, 3, r->occ_code);
  store_bind_text(q, 4, r->occ_title);
  store_bind_text(q, 5, r->occ_type);
  store_bind_double(q, 6, r->emp_base);
  store_bind_double(q, 7, r->emp_proj);
  store_bind_double(q, 8, r->change);
  store_bind_double(q, 9, r->pct_change);
  store_bind_double(q, 10, r->openings);
  store_bind_double(q, 11, r->self_emp_pct);
  store_bind_double(q, 12, r->median_wage);
  store_bind_text(q, 13, r->education);
  store_bind_text(q, 14, r->experience);
  store_bind_text(q, 15, r->training);
  st = step_done(s, q, err);
  if (st && err && strstr(err->msg, "UNIQUE"))
    lab_error_set(err, LAB_ERR_PARSE, "occupation %s appears twice for area %s", r->occ_code,
                  r->area);
  return st;
}

lab_status lab_store_series_put(struct lab_store *s, int64_t release_id, const char *series_id,
                                int year, const char *period, double value, const char *footnotes,
                                struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st = store_stmt(s, ST_SERIES_PUT,
                             "INSERT INTO series(release_id, series_id, year, period, value,"
                             " footnotes) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                             &q, err);

  if (st)
    return st;
  sqlite3_bind_int64(q, 1, release_id);
  store_bind_text(q, 2, series_id);
  sqlite3_bind_int(q, 3, year);
  store_bind_text(q, 4, period);
  store_bind_double(q, 5, value);
  store_bind_text(q, 6, footnotes && footnotes[0] ? footnotes : NULL);
  return step_done(s, q, err);
}

lab_status lab_store_rpp_put(struct lab_store *s, int64_t release_id, const char *area, int year,
                             double value, struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st =
      store_stmt(s, ST_RPP_PUT,
                 "INSERT INTO rpp(release_id, area, year, value) VALUES(?1, ?2, ?3, ?4)", &q, err);

  if (st)
    return st;
  sqlite3_bind_int64(q, 1, release_id);
  store_bind_text(q, 2, area);
  sqlite3_bind_int(q, 3, year);
  store_bind_double(q, 4, value);
  return step_done(s, q, err);
}

lab_status lab_store_topcode_put(struct lab_store *s, int64_t release_id, int year, double hourly,
                                 double annual, const char *rule, struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st = store_stmt(s, ST_TOPCODE_PUT,
                             "INSERT INTO topcode(release_id, year, hourly, annual, rule)"
                             " VALUES(?1, ?2, ?3, ?4, ?5)",
                             &q, err);

  if (st)
    return st;
  sqlite3_bind_int64(q, 1, release_id);
  sqlite3_bind_int(q, 2, year);
  sqlite3_bind_double(q, 3, hourly);
  sqlite3_bind_double(q, 4, annual);
  store_bind_text(q, 5, rule);
  return step_done(s, q, err);
}

lab_status lab_store_crosswalk_put(struct lab_store *s, int64_t release_id, const char *from_code,
                                   const char *from_soc, const char *to_code, const char *to_soc,
                                   const char *note, struct lab_error *err)
{
  sqlite3_stmt *q;
  lab_status st = store_stmt(s, ST_CROSSWALK_PUT,
                             "INSERT OR IGNORE INTO crosswalk(release_id, from_code, from_soc,"
                             " to_code, to_soc, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                             &q, err);

  if (st)
    return st;
  sqlite3_bind_int64(q, 1, release_id);
  store_bind_text(q, 2, from_code);
  store_bind_text(q, 3, from_soc);
  store_bind_text(q, 4, to_code);
  store_bind_text(q, 5, to_soc);
  store_bind_text(q, 6, note && note[0] ? note : NULL);
  return step_done(s, q, err);
}
