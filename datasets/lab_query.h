/*
 * lab_query.h - read-only queries for the analyses: a cell across releases, an occupation across
 * areas, deflators and projections. Results are plain structs; nothing above datasets/ sees SQL.
 *
 * Ownership: `const char *` parameters are borrowed for the call; callbacks receive borrowed
 * structs valid only during the callback; out-structs are caller-owned.
 */
#ifndef LAB_QUERY_H
#define LAB_QUERY_H

#include "datasets/lab_store.h"

typedef lab_status (*lab_cell_cb)(void *ctx, const struct lab_oews_cell *c, struct lab_error *err);

/*
 * The cross-industry cell of occupation `occ` (a code) in area `area` (canonical code) for every
 * May year in [from, to] (0 = no bound), oldest first; where several releases hold a year, the
 * one lab_store_oews_cell() would pick. Only the exact code: following a code across SOC
 * editions is the caller's job (see lab_store_crosswalk_related()).
 */
lab_status lab_store_oews_history(struct lab_store *s, const char *occ, const char *area, int from,
                                  int to, lab_cell_cb cb, void *ctx, struct lab_error *err);

/*
 * Every cross-industry cell of `occ` in areas of `area_type` ("state" also includes the
 * territories and DC; "msa" includes nonmetropolitan areas when nonmetro is true) for May `year`
 * (0 = the latest year that has any such cell), ordered by area code.
 */
lab_status lab_store_oews_by_area_type(struct lab_store *s, const char *occ, const char *area_type,
                                       bool nonmetro, int year, lab_cell_cb cb, void *ctx,
                                       struct lab_error *err);

/*
 * Every cross-industry cell of area `area` (canonical code) for May `year` (> 0), one per
 * occupation code (the row lab_store_oews_cell() would prefer), ordered by occupation code.
 * `level` keeps only occupations of that SOC level in the release's edition ("detailed", "broad",
 * "minor", "major", "total"); NULL keeps all. Calls cb for each; none when the area has no cells
 * that year. (store_regional.c)
 */
lab_status lab_store_oews_area_cells(struct lab_store *s, const char *area, int year,
                                     const char *level, lab_cell_cb cb, void *ctx,
                                     struct lab_error *err);

/*
 * The cell of `occ` in industry `naics` (OEWS NAICS code as published: "62" for the health care
 * sector, "622000" for hospitals) in `area` for May `year` (0 = latest); among ownerships the
 * largest employment. LAB_ERR_NOTFOUND when the store has no such industry cell.
 */
lab_status lab_store_oews_cell_in(struct lab_store *s, const char *occ, const char *area,
                                  const char *naics, int year, struct lab_oews_cell *out,
                                  struct lab_error *err);

/* Codes related to (code, soc_edition) across SOC editions, from the crosswalk table. */
struct lab_related_code {
  char code[16];
  char soc_edition[16];
  char note[256];
  bool forward; /* true: code -> this newer code; false: an older code -> code */
};
typedef lab_status (*lab_related_cb)(void *ctx, const struct lab_related_code *r,
                                     struct lab_error *err);
lab_status lab_store_crosswalk_related(struct lab_store *s, const char *code,
                                       const char *soc_edition, lab_related_cb cb, void *ctx,
                                       struct lab_error *err);

/* ---------------------------------------------------------------------------------- deflators */

/* CPI-U (CUUR0000SA0) annual average of `year`; LAB_ERR_NOTFOUND when the store lacks it. */
lab_status lab_store_cpi(struct lab_store *s, int year, double *value, struct lab_error *err);

/* The latest year with a CPI-U annual average, and the release vintage it came from. */
lab_status lab_store_cpi_latest(struct lab_store *s, int *year, char *vintage, size_t size,
                                struct lab_error *err);

/*
 * BEA regional price parity (all items, U.S. = 100) of state `area` for `year`, or for the
 * latest year before it when `year` is not held (*used says which year was used).
 */
lab_status lab_store_rpp(struct lab_store *s, const char *area, int year, double *value, int *used,
                         struct lab_error *err);

/* -------------------------------------------------------------------------------- projections */

struct lab_projection {
  char source[8];   /* "ep" (BLS national) or "pc" (Projections Central, states) */
  char vintage[16]; /* "2024-2034" */
  int base_year, proj_year;
  char area[16];
  char occ_code[16];
  char occ_title[256];
  double emp_base, emp_proj, change, pct_change, openings; /* persons; NAN = not published */
  double median_wage;                                      /* NAN = not published or '#' */
};

/*
 * The projection of `occ` for `area` ("US" or a state FIPS) from `source` ("ep" or "pc"), of
 * `vintage` ("2024-2034"; NULL = the latest held). LAB_ERR_NOTFOUND when the store has none.
 */
lab_status lab_store_projection(struct lab_store *s, const char *source, const char *occ,
                                const char *area, const char *vintage, struct lab_projection *out,
                                struct lab_error *err);

typedef lab_status (*lab_projection_cb)(void *ctx, const struct lab_projection *p,
                                        struct lab_error *err);

/* Every state's projection of `occ` (source "pc") for `vintage` (NULL = latest), by area. */
lab_status lab_store_projections_by_state(struct lab_store *s, const char *occ, const char *vintage,
                                          lab_projection_cb cb, void *ctx, struct lab_error *err);

/* ------------------------------------------------------- geography (store_geo.c, plot map) */

/* One tile of the U.S. state tile grid (geofacet layout): 0-based, row 0 on top. */
struct lab_geo_tile {
  char code[16];  /* canonical area code ("06") */
  char postal[8]; /* "CA" */
  char name[128]; /* "California" */
  int col, row;   /* >= 0 */
};

typedef lab_status (*lab_geo_tile_cb)(void *ctx, const struct lab_geo_tile *t,
                                      struct lab_error *err);

/*
 * Every area with a tile position in the store's area table, by row, then column. cb gets a
 * borrowed struct valid during the call; a non-OK return from cb stops and is returned.
 * LAB_ERR_INVALID for a NULL cb; LAB_ERR_IO (or the store's status) when SQLite fails.
 */
lab_status lab_store_geo_tiles(struct lab_store *s, lab_geo_tile_cb cb, void *ctx,
                               struct lab_error *err);

/* ------------------------------------------- industries (store_industry.c, plot sectors) */

/* One national industry cell of an occupation (OEWS industry-specific estimates). */
struct lab_industry_cell {
  char occ_code[16];
  int year;           /* May year of the release */
  int64_t release_id; /* the release the cell comes from */
  char naics[8];      /* as published: "62" (a sector), "6221" (4-digit), "622100" */
  char naics_title[256];
  char own_code[8];           /* ownership: "" (all), "5" private, "2" state, "3" local, ... */
  struct lab_value tot_emp;   /* persons; LAB_V_EMP_NA when BLS publishes '**' */
  struct lab_value pct_total; /* percent of the industry's employment */
};

typedef lab_status (*lab_industry_cb)(void *ctx, const struct lab_industry_cell *c,
                                      struct lab_error *err);

/*
 * Every national (area "US") industry cell (naics != '000000') of occupation `occ` for May
 * `year`, ordered by naics, then own_code. year 0 = the latest year that has sector-level rows
 * (a NAICS code shorter than six characters, as the 2-digit sectors of May 2022-2024). Where
 * several releases hold the year, one release only: the user's own import before the
 * snapshot, then the newest. Several ownerships of one NAICS code (May 2018/2019 hospitals
 * and schools) come as separate cells; summing them is the caller's job. cb gets a borrowed
 * struct valid during the call; a non-OK return from cb stops and is returned.
 * LAB_ERR_NOTFOUND (with a message) when there is no such cell; LAB_ERR_INVALID for a NULL
 * occ or cb or a negative year; LAB_ERR_IO (or the store's status) when SQLite fails.
 */
lab_status lab_store_oews_industries(struct lab_store *s, const char *occ, int year,
                                     lab_industry_cb cb, void *ctx, struct lab_error *err);

#endif
