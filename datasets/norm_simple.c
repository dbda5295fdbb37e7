/*
 * norm_simple.c - normalizers for the small tables: projections (ep, pc), CPI series, price
 * parities, top-codes, geography and the SOC crosswalk. Each is a column list plus a row writer.
 */
#include "common/lab_num.h"
#include "datasets/lab_areas.h"
#include "datasets/normalize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIMPLE_MAX_COLS 16

struct norm_simple;
typedef lab_status (*simple_row_fn)(struct norm_simple *z, const struct lab_row *row,
                                    struct lab_error *err);

struct simple_kind {
  const char *source;
  const char *const *cols; /* NULL-terminated */
  const char *const *required;
  simple_row_fn row;
  const char *const *aliases; /* "alias=name" pairs, NULL-terminated; may be NULL */
};

struct norm_simple {
  struct lab_sink sink;
  struct norm_env env;
  const struct simple_kind *kind;
  char file[256];
  int idx[SIMPLE_MAX_COLS];
  size_t ncols;
  int64_t release_id;
  double unit; /* multiplier to persons for projection employment */
  long rows;
};

/* Column index of name in the kind's list. */
static int col(const struct norm_simple *z, const char *name)
{
  for (int i = 0; z->kind->cols[i]; i++)
    if (strcmp(z->kind->cols[i], name) == 0)
      return z->idx[i];
  return -1;
}

static lab_status num(const struct norm_simple *z, const struct lab_row *row, const char *name,
                      double *out, struct lab_error *err)
{
  return norm_number(row, col(z, name), z->file, name, out, err);
}

static const char *text_or_null(const struct norm_simple *z, const struct lab_row *row,
                                const char *name)
{
  const char *t = norm_text(row, col(z, name));

  /* "—" is Table 1.2's "not applicable" (summary rows) */
  return t[0] && strcmp(t, "\xE2\x80\x94") != 0 ? t : NULL;
}

static lab_status area_of(const struct norm_simple *z, const struct lab_row *row, char *out,
                          size_t size, struct lab_error *err)
{
  int i = col(z, "area");
  const char *t = norm_text(row, i);

  if (i < 0)
    snprintf(out, size, "US");
  else if (lab_area_canonical(t, 0, out, size) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, z->file, row->line, row->column[i],
                            "expected an area code (US or a state FIPS code), got '%.20s'", t);
  return LAB_OK;
}

/* ---------------------------------------------------------------------------- projections */

static const char *const ep_cols[] = {"occ_code", "occ_title",   "occ_type",   "emp_base",
                                      "emp_proj", "change_num",  "change_pct", "self_emp_pct",
                                      "openings", "median_wage", "education",  "experience",
                                      "training", NULL};
static const char *const pc_cols[] = {"area",   "occ_code",   "occ_title", "base", "projected",
                                      "change", "pct_change", "openings",  NULL};
static const char *const proj_required[] = {"occ_code", NULL};

/* Table 1.2's top-coded median: '#' in the CSV copies, ">=$239,200" in BLS's workbook. */
static bool top_coded(const char *t)
{
  return strcmp(t, "#") == 0 || strncmp(t, ">=", 2) == 0 || strncmp(t, "\xE2\x89\xA5", 3) == 0;
}

static lab_status proj_row(struct norm_simple *z, const struct lab_row *row, struct lab_error *err)
{
  struct lab_projection_record r = {0};
  char area[16];
  bool ep = strcmp(z->kind->source, "ep") == 0;
  lab_status st = area_of(z, row, area, sizeof(area), err);

  r.area = area;
  r.occ_code = norm_text(row, col(z, "occ_code"));
  r.occ_title = text_or_null(z, row, "occ_title");
  r.occ_type = text_or_null(z, row, "occ_type");
  if (!st)
    st = num(z, row, ep ? "emp_base" : "base", &r.emp_base, err);
  if (!st)
    st = num(z, row, ep ? "emp_proj" : "projected", &r.emp_proj, err);
  if (!st)
    st = num(z, row, ep ? "change_num" : "change", &r.change, err);
  if (!st)
    st = num(z, row, ep ? "change_pct" : "pct_change", &r.pct_change, err);
  if (!st)
    st = num(z, row, "openings", &r.openings, err);
  if (!st)
    st = num(z, row, "self_emp_pct", &r.self_emp_pct, err);
  if (!st && !top_coded(norm_text(row, col(z, "median_wage"))))
    st = num(z, row, "median_wage", &r.median_wage, err);
  else
    r.median_wage = NAN; /* at or above the OEWS top-code; Table 1.2 gives no number */
  if (st)
    return st;
  /* BLS Table 1.2 counts in thousands; store persons (rounded: the table has one decimal) */
  r.emp_base = nearbyint(r.emp_base * z->unit);
  r.emp_proj = nearbyint(r.emp_proj * z->unit);
  r.change = nearbyint(r.change * z->unit);
  r.openings = nearbyint(r.openings * z->unit);
  r.education = text_or_null(z, row, "education");
  r.experience = text_or_null(z, row, "experience");
  r.training = text_or_null(z, row, "training");
  return lab_store_projection_put(z->env.store, z->release_id, &r, err);
}

/* --------------------------------------------------------------------- series, rpp, topcode */

static const char *const cpi_cols[] = {"series_id", "year", "period", "value", "footnotes", NULL};
static const char *const cpi_required[] = {"series_id", "year", "period", "value", NULL};
static const char *const cpi_aliases[] = {"footnote_codes=footnotes", NULL};

/* A BLS period: M01-M13, Q01-Q05, S01-S03 or A01. */
static bool bls_period(const char *p)
{
  int n;

  if (strlen(p) != 3 || p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9')
    return false;
  n = (p[1] - '0') * 10 + (p[2] - '0');
  return (p[0] == 'M' && n >= 1 && n <= 13) || (p[0] == 'Q' && n >= 1 && n <= 5) ||
         (p[0] == 'S' && n >= 1 && n <= 3) || (p[0] == 'A' && n == 1);
}

static lab_status cpi_row(struct norm_simple *z, const struct lab_row *row, struct lab_error *err)
{
  int year = 0;
  double v;
  int iy = col(z, "year"), ip = col(z, "period"), is = col(z, "series_id");
  lab_status st = norm_int(row, iy, z->file, "year", &year, err);

  if (!st && (year < 1800 || year > 2200))
    st = lab_error_set_at(err, LAB_ERR_PARSE, z->file, row->line, row->column[iy],
                          "expected a year (1800-2200) in column 'year', got '%.40s'",
                          norm_text(row, iy));
  if (!st && !norm_text(row, is)[0])
    st = lab_error_set_at(err, LAB_ERR_PARSE, z->file, row->line, is < 0 ? 1 : row->column[is],
                          "expected a series id in column 'series_id'");
  if (!st && !bls_period(norm_text(row, ip)))
    st = lab_error_set_at(err, LAB_ERR_PARSE, z->file, row->line, row->column[ip],
                          "expected a period (M01-M13, Q01-Q05, S01-S03 or A01), got '%.20s'",
                          norm_text(row, ip));
  if (!st)
    st = num(z, row, "value", &v, err);
  if (st)
    return st;
  return lab_store_series_put(z->env.store, z->release_id, norm_text(row, col(z, "series_id")),
                              year, norm_text(row, col(z, "period")), v,
                              norm_text(row, col(z, "footnotes")), err);
}

static const char *const rpp_cols[] = {"area", "year", "value", NULL};

static lab_status rpp_row(struct norm_simple *z, const struct lab_row *row, struct lab_error *err)
{
  char area[16];
  int year = 0;
  double v;
  lab_status st = area_of(z, row, area, sizeof(area), err);

  if (!st)
    st = norm_int(row, col(z, "year"), z->file, "year", &year, err);
  if (!st)
    st = num(z, row, "value", &v, err);
  if (st)
    return st;
  return lab_store_rpp_put(z->env.store, z->release_id, area, year, v, err);
}

static const char *const topcode_cols[] = {"year", "hourly", "annual", "rule", NULL};
static const char *const topcode_required[] = {"year", "hourly", "annual", NULL};

static lab_status topcode_row(struct norm_simple *z, const struct lab_row *row,
                              struct lab_error *err)
{
  int year = 0;
  double h, a;
  lab_status st = norm_int(row, col(z, "year"), z->file, "year", &year, err);

  if (!st)
    st = num(z, row, "hourly", &h, err);
  if (!st)
    st = num(z, row, "annual", &a, err);
  if (!st && (isnan(h) || isnan(a)))
    st = lab_error_set_at(err, LAB_ERR_PARSE, z->file, row->line, 1,
                          "a top-code needs both the hourly and the annual threshold");
  if (st)
    return st;
  return lab_store_topcode_put(z->env.store, z->release_id, year, h, a,
                               text_or_null(z, row, "rule"), err);
}

/* ----------------------------------------------------------------------- geo and crosswalk */

static const char *const geo_cols[] = {"area",        "postal",   "name",          "region",
                                       "region_name", "division", "division_name", "tile_col",
                                       "tile_row",    "alt_col",  "alt_row",       NULL};
static const char *const geo_required[] = {"area", "postal", "name", NULL};

static lab_status opt_int(const struct norm_simple *z, const struct lab_row *row, const char *name,
                          int *out, struct lab_error *err)
{
  const char *t = norm_text(row, col(z, name));

  *out = -1;
  if (!t[0])
    return LAB_OK;
  return norm_int(row, col(z, name), z->file, name, out, err);
}

static lab_status geo_row(struct norm_simple *z, const struct lab_row *row, struct lab_error *err)
{
  struct lab_geo_row g = {0};
  char area[16];
  lab_status st = area_of(z, row, area, sizeof(area), err);

  g.area = area;
  g.postal = norm_text(row, col(z, "postal"));
  g.name = norm_text(row, col(z, "name"));
  g.region_name = norm_text(row, col(z, "region_name"));
  g.division_name = norm_text(row, col(z, "division_name"));
  if (!st)
    st = opt_int(z, row, "region", &g.region, err);
  if (!st)
    st = opt_int(z, row, "division", &g.division, err);
  if (!st)
    st = opt_int(z, row, "tile_col", &g.tile_col, err);
  if (!st)
    st = opt_int(z, row, "tile_row", &g.tile_row, err);
  if (!st)
    st = opt_int(z, row, "alt_col", &g.alt_col, err);
  if (!st)
    st = opt_int(z, row, "alt_row", &g.alt_row, err);
  if (st)
    return st;
  return lab_store_geo_put(z->env.store, &g, err);
}

static const char *const cw_cols[] = {"from_code", "from_soc", "to_code", "to_soc", "note", NULL};
static const char *const cw_required[] = {"from_code", "from_soc", "to_code", "to_soc", NULL};

static lab_status cw_row(struct norm_simple *z, const struct lab_row *row, struct lab_error *err)
{
  return lab_store_crosswalk_put(
      z->env.store, z->release_id, norm_text(row, col(z, "from_code")),
      norm_text(row, col(z, "from_soc")), norm_text(row, col(z, "to_code")),
      norm_text(row, col(z, "to_soc")), norm_text(row, col(z, "note")), err);
}

static const struct simple_kind kinds[] = {
    {"ep", ep_cols, proj_required, proj_row, NULL},
    {"pc", pc_cols, proj_required, proj_row, NULL},
    {"cpi", cpi_cols, cpi_required, cpi_row, cpi_aliases},
    {"rpp", rpp_cols, rpp_cols, rpp_row, NULL},
    {"topcode", topcode_cols, topcode_required, topcode_row, NULL},
    {"geo", geo_cols, geo_required, geo_row, NULL},
    {"crosswalk", cw_cols, cw_required, cw_row, NULL},
};

/* --------------------------------------------------------------------------------- the sink */

static lab_status simple_begin(void *ctx, const struct lab_table_meta *meta,
                               const struct lab_row *header, struct lab_error *err)
{
  struct norm_simple *z = ctx;
  struct lab_release r = {0};
  size_t n = 0;
  lab_status st;

  snprintf(z->file, sizeof(z->file), "%s", meta->file);
  while (z->kind->cols[n])
    n++;
  st = norm_map(header, z->file, z->kind->cols, n, z->kind->aliases, z->idx, err);
  if (st)
    return st;
  for (size_t i = 0; z->kind->required[i]; i++)
    if (col(z, z->kind->required[i]) < 0)
      return lab_error_set_at(err, LAB_ERR_PARSE, z->file, header->line, 1,
                              "missing required column '%s'", z->kind->required[i]);
  z->ncols = header->n;
  z->rows = 0;
  z->unit = strcmp(z->kind->source, "ep") == 0 ? 1000.0 : 1.0;
  if (meta->nkeys == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "%s: %s tables are read from the snapshot only",
                         z->file, z->kind->source);
  return norm_release(&z->env, meta, &r, &z->release_id, err);
}

static lab_status simple_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct norm_simple *z = ctx;
  lab_status st = norm_width(row, z->ncols, z->file, err);

  if (st)
    return st;
  st = z->kind->row(z, row, err);
  if (!st)
    z->rows++;
  return st;
}

static lab_status simple_end(void *ctx, struct lab_error *err)
{
  struct norm_simple *z = ctx;

  z->env.sum->rows = z->rows;
  return lab_store_release_finish(z->env.store, z->release_id, NULL, z->rows, &z->env.sum->replaced,
                                  err);
}

lab_status norm_simple_new(const struct norm_env *env, const char *source, struct norm_simple **out,
                           struct lab_error *err)
{
  const struct simple_kind *kind = NULL;
  struct norm_simple *z;

  *out = NULL;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(kinds); i++)
    if (strcmp(kinds[i].source, source) == 0)
      kind = &kinds[i];
  if (!kind)
    return lab_error_set(err, LAB_ERR_PARSE, "unknown data source '%s'", source);
  z = calloc(1, sizeof(*z));
  if (!z)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  z->env = *env;
  z->kind = kind;
  z->sink.ctx = z;
  z->sink.begin = simple_begin;
  z->sink.row = simple_row;
  z->sink.end = simple_end;
  *out = z;
  return LAB_OK;
}

void norm_simple_free(struct norm_simple *z)
{
  free(z);
}

const struct lab_sink *norm_simple_sink(struct norm_simple *z)
{
  return &z->sink;
}

int64_t norm_simple_release_id(const struct norm_simple *z)
{
  return z->release_id;
}

void norm_simple_add_rows(struct norm_simple *z, long rows)
{
  z->rows += rows;
}
