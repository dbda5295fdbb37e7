/*
 * store_occ.c - occupation look-ups and OEWS cells.
 */
#include "datasets/lab_import.h"
#include "datasets/store_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIND_MAX_WORDS 8
#define FIND_MAX_MATCHES 200

/* "2014, 2015, 2016, 2021" -> "2014-2016, 2021" for the years of (code, soc). */
static lab_status occ_years(struct lab_store *s, const char *code, const char *soc, char *out,
                            size_t size, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;
  int first = 0, last = 0;
  size_t n = 0;

  out[0] = '\0';
  if (sqlite3_prepare_v2(s->db,
                         "SELECT DISTINCT r.year FROM oews o JOIN release r ON r.id = o.release_id"
                         " WHERE o.occ_code = ?1 AND r.soc_edition = ?2 ORDER BY r.year",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot look up years");
    goto out;
  }
  store_bind_text(q, 1, code);
  store_bind_text(q, 2, soc);
  for (;;) {
    int rc = sqlite3_step(q);
    int y = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    if (rc == SQLITE_ROW && first && y == last + 1) {
      last = y;
      continue;
    }
    if (first && n < size) {
      if (first == last)
        n += (size_t)snprintf(out + n, size - n, "%s%d", n ? ", " : "", first);
      else
        n += (size_t)snprintf(out + n, size - n, "%s%d-%d", n ? ", " : "", first, last);
    }
    if (rc != SQLITE_ROW)
      break;
    first = last = y;
  }
out:
  sqlite3_finalize(q);
  return st;
}

/* Split text into lower-case words; returns the count. */
static size_t split_words(const char *text, char words[][64], size_t max)
{
  size_t n = 0;
  const char *p = text;

  while (*p && n < max) {
    size_t k = 0;
    while (*p && isspace((unsigned char)*p))
      p++;
    while (*p && !isspace((unsigned char)*p)) {
      if (k < 63)
        words[n][k++] = *p;
      p++;
    }
    words[n][k] = '\0';
    if (k)
      n++;
  }
  return n;
}

struct occ_list {
  struct lab_occ_match *v;
  size_t n;
};

static int occ_list_has(const struct occ_list *l, const char *code, const char *soc)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->v[i].code, code) == 0 && strcmp(l->v[i].soc_edition, soc) == 0)
      return 1;
  return 0;
}

static void occ_list_add(struct occ_list *l, sqlite3_stmt *q, const char *related)
{
  struct lab_occ_match *m;
  char code[16], soc[16];

  store_col_text(q, 0, code, sizeof(code));
  store_col_text(q, 1, soc, sizeof(soc));
  if (l->n >= FIND_MAX_MATCHES || occ_list_has(l, code, soc))
    return;
  m = &l->v[l->n++];
  memset(m, 0, sizeof(*m));
  snprintf(m->code, sizeof(m->code), "%s", code);
  snprintf(m->soc_edition, sizeof(m->soc_edition), "%s", soc);
  store_col_text(q, 2, m->title, sizeof(m->title));
  store_col_text(q, 3, m->level, sizeof(m->level));
  snprintf(m->related, sizeof(m->related), "%s", related);
}

/* Matches by code prefix or title words. */
static lab_status direct_matches(struct lab_store *s, const char *text, struct occ_list *l,
                                 struct lab_error *err)
{
  char words[FIND_MAX_WORDS][64];
  char sql[1024];
  char like[FIND_MAX_WORDS][80];
  char prefix[80];
  size_t nw = split_words(text, words, FIND_MAX_WORDS);
  size_t n = 0;
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  n += (size_t)snprintf(sql + n, sizeof(sql) - n,
                        "SELECT code, soc_edition, title, level FROM occupation"
                        " WHERE code LIKE ?1 OR (1");
  for (size_t i = 0; i < nw; i++)
    n += (size_t)snprintf(sql + n, sizeof(sql) - n, " AND title LIKE ?%zu", i + 2);
  snprintf(sql + n, sizeof(sql) - n, "%s) ORDER BY code, soc_edition", nw ? "" : " AND 0");
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot search occupations");
    goto out;
  }
  snprintf(prefix, sizeof(prefix), "%s%%", text);
  store_bind_text(q, 1, prefix);
  for (size_t i = 0; i < nw; i++) {
    snprintf(like[i], sizeof(like[i]), "%%%s%%", words[i]);
    store_bind_text(q, (int)i + 2, like[i]);
  }
  while (sqlite3_step(q) == SQLITE_ROW)
    occ_list_add(l, q, "");
out:
  sqlite3_finalize(q);
  return st;
}

/* Successors and predecessors of l->v[0..ndirect) from the crosswalk. */
static lab_status related_matches(struct lab_store *s, struct occ_list *l, size_t ndirect,
                                  struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (sqlite3_prepare_v2(s->db,
                         "SELECT o.code, o.soc_edition, o.title, o.level FROM crosswalk c"
                         " JOIN occupation o ON (o.code = c.to_code AND o.soc_edition = c.to_soc"
                         " AND c.from_code = ?1 AND c.from_soc = ?2)"
                         " OR (o.code = c.from_code AND o.soc_edition = c.from_soc"
                         " AND c.to_code = ?1 AND c.to_soc = ?2)"
                         " ORDER BY o.code, o.soc_edition",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot read the crosswalk");
    goto out;
  }
  for (size_t i = 0; i < ndirect; i++) {
    char why[128];
    snprintf(why, sizeof(why), "SOC crosswalk of %s (SOC %s)", l->v[i].code, l->v[i].soc_edition);
    sqlite3_reset(q);
    store_bind_text(q, 1, l->v[i].code);
    store_bind_text(q, 2, l->v[i].soc_edition);
    while (sqlite3_step(q) == SQLITE_ROW)
      occ_list_add(l, q, why);
  }
out:
  sqlite3_finalize(q);
  return st;
}

lab_status lab_store_find_occupations(struct lab_store *s, const char *text, lab_occ_cb cb,
                                      void *ctx, struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  struct occ_list l = {.v = calloc(FIND_MAX_MATCHES, sizeof(struct lab_occ_match))};
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (!l.v)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  st = direct_matches(s, text, &l, err);
  if (!st)
    st = related_matches(s, &l, l.n, err);
  for (size_t i = 0; i < l.n && !st; i++) {
    st = occ_years(s, l.v[i].code, l.v[i].soc_edition, l.v[i].years, sizeof(l.v[i].years), err);
    if (!st)
      st = cb(ctx, &l.v[i], err);
  }
  free(l.v);
  return st;
}

lab_status lab_store_occ_title(struct lab_store *s, const char *code, char *title, size_t size,
                               struct lab_error *err)
{
  lab_status need = store_need(s, LAB_SNAP_CORE, err);
  sqlite3_stmt *q = NULL;
  lab_status st = LAB_OK;

  if (need)
    return need;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT title FROM occupation WHERE code = ?1 ORDER BY"
                         " CASE soc_edition WHEN '2018' THEN 0 WHEN 'hybrid' THEN 1"
                         " WHEN '2010' THEN 2 ELSE 3 END LIMIT 1",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot look up occupations");
    goto out;
  }
  store_bind_text(q, 1, code);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "no occupation '%s' in the store: try 'laborstat find WORDS'", code);
    goto out;
  }
  store_col_text(q, 0, title, size);
out:
  sqlite3_finalize(q);
  return st;
}

/* --------------------------------------------------------------------------------- cells */

static lab_status cell_years(struct lab_store *s, const char *occ, const char *area, char *out,
                             size_t size, struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  size_t n = 0;
  lab_status st = LAB_OK;

  out[0] = '\0';
  if (sqlite3_prepare_v2(s->db,
                         "SELECT DISTINCT r.year FROM oews o JOIN release r ON r.id = o.release_id"
                         " WHERE o.occ_code = ?1 AND o.area = ?2 AND o.naics = '000000'"
                         " ORDER BY r.year",
                         -1, &q, NULL) != SQLITE_OK) {
    st = store_db_error(s, err, "cannot look up years");
    goto out;
  }
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, area);
  while (sqlite3_step(q) == SQLITE_ROW && n < size)
    n += (size_t)snprintf(out + n, size - n, "%s%d", n ? ", " : "", sqlite3_column_int(q, 0));
out:
  sqlite3_finalize(q);
  return st;
}

/* areas as a JSON array of strings, for json_each(): codes are canonical (letters and digits). */
static char *areas_json(const char *const *areas, size_t n)
{
  size_t size = 3, len = 0;
  char *out;

  for (size_t i = 0; i < n; i++)
    size += strlen(areas[i]) + 3;
  out = malloc(size);
  if (!out)
    return NULL;
  out[len++] = '[';
  for (size_t i = 0; i < n; i++) {
    for (const char *c = areas[i]; *c; c++)
      if (!((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z'))) {
        free(out);
        return NULL;
      }
    len += (size_t)snprintf(out + len, size - len, "%s\"%s\"", i ? "," : "", areas[i]);
  }
  snprintf(out + len, size - len, "]");
  return out;
}

lab_status lab_store_oews_cells(struct lab_store *s, const char *occ, const char *const *areas,
                                size_t n, int year, struct lab_oews_cell *out, bool *found,
                                struct lab_error *err)
{
  sqlite3_stmt *q = NULL;
  char sql[3072];
  char *json = areas_json(areas, n);
  unsigned parts = 0;
  lab_status st = LAB_OK;
  int rc;

  for (size_t i = 0; i < n; i++) {
    parts |= store_part_of_area(areas[i]);
    found[i] = false;
  }
  if (!json) {
    st = lab_error_set(err, LAB_ERR_INVALID, "area codes are letters and digits");
    goto out;
  }
  st = store_need(s, parts, err);
  if (st)
    goto out;
  /* each area's preferred row of one year (?3, or its latest: from the index alone), chosen
   * among the few candidates by their rowid before any wide row is read in full or sorted */
  store_cell_sql(sql, sizeof(sql),
                 "o.rowid IN (SELECT (SELECT o.rowid FROM oews o JOIN release r"
                 " ON r.id = o.release_id WHERE o.occ_code = ?1 AND o.area = l.area"
                 " AND o.naics = '000000' AND r.year = l.year AND r.source = 'oews'"
                 " ORDER BY " STORE_CELL_PREFERENCE " LIMIT 1)"
                 " FROM (SELECT o2.area AS area, CASE WHEN ?3 = 0 THEN max(r2.year) ELSE ?3 END"
                 " AS year FROM oews o2 JOIN release r2 ON r2.id = o2.release_id"
                 " WHERE o2.occ_code = ?1 AND o2.naics = '000000' AND r2.source = 'oews'"
                 " AND o2.area IN (SELECT value FROM json_each(?2)) GROUP BY o2.area) l)");
  q = store_query(s, sql, "cannot read OEWS estimates", err);
  if (!q) {
    st = LAB_ERR_DB;
    goto out;
  }
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, json);
  sqlite3_bind_int(q, 3, year);
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    const char *area = (const char *)sqlite3_column_text(q, 3);
    for (size_t i = 0; i < n; i++)
      if (!found[i] && area && strcmp(areas[i], area) == 0) {
        store_cell_read(q, &out[i]);
        found[i] = true;
      }
  }
  if (rc != SQLITE_DONE)
    st = store_db_error(s, err, "cannot read OEWS estimates");
out:
  store_query_done(s, q);
  free(json);
  return st;
}

/* The latest May year with a cross-industry OEWS cell of occ in area (0 when none), read from
 * the index oews_occ_area_naics and the small release table only. */
static lab_status latest_year(struct lab_store *s, const char *occ, const char *area, int *year,
                              struct lab_error *err)
{
  sqlite3_stmt *q =
      store_query(s,
                  "SELECT max(r.year) FROM oews o JOIN release r ON r.id = o.release_id"
                  " WHERE o.occ_code = ?1 AND o.area = ?2 AND o.naics = '000000'"
                  " AND r.source = 'oews'",
                  "cannot read OEWS estimates", err);

  if (!q)
    return LAB_ERR_DB;
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, area);
  *year = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
  store_query_done(s, q);
  return LAB_OK;
}

lab_status lab_store_oews_cell(struct lab_store *s, const char *occ, const char *area, int year,
                               struct lab_oews_cell *out, struct lab_error *err)
{
  lab_status need = store_need(s, store_part_of_area(area), err);
  sqlite3_stmt *q = NULL;
  char sql[2048];
  char years[256];
  lab_status st = LAB_OK;

  if (need)
    return need;
  memset(out, 0, sizeof(*out));
  if (year == 0) { /* the latest: from the index alone, so only that year's wide rows are read */
    st = latest_year(s, occ, area, &year, err);
    if (st)
      return st;
  }
  store_cell_sql(sql, sizeof(sql),
                 "o.occ_code = ?1 AND o.area = ?2 AND (?3 = 0 OR r.year = ?3)"
                 " ORDER BY " STORE_CELL_PREFERENCE " LIMIT 1");
  q = store_query(s, sql, "cannot read OEWS estimates", err);
  if (!q) {
    st = LAB_ERR_DB;
    goto out;
  }
  store_bind_text(q, 1, occ);
  store_bind_text(q, 2, area);
  sqlite3_bind_int(q, 3, year);
  if (sqlite3_step(q) != SQLITE_ROW) {
    st = cell_years(s, occ, area, years, sizeof(years), err);
    if (st)
      goto out;
    if (years[0] && year)
      st = lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no May %d estimate for %s in area %s in the store; years with data: %s",
                         year, occ, area, years);
    else
      st = lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no cross-industry OEWS estimate for %s in area %s in the store", occ,
                         area);
    goto out;
  }
  store_cell_read(q, out);
out:
  store_query_done(s, q);
  return st;
}
