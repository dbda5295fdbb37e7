/*
 * flatfile.c - the OEWS time-series flat files (download.bls.gov/pub/time.series/oe/) into the
 * store, through the same OEWS normalizer as a release table.
 *
 * oe.data.0.Current holds one value per row, keyed by a 25-character series id:
 *   OE U areatype(1) area(7) industry(6) occupation(6) datatype(2)
 * (../shared/reference/bls-flatfiles/NOTES.md). The file is sorted by series id, so the 17
 * datatypes of one cell (area, industry, occupation) are consecutive: this normalizer gathers
 * them and hands one release-table row per cell to norm_oews, with titles from the mapping files
 * beside the data file (oe.area, oe.occupation, and oe.industry when present). Values are checked
 * here, so an error points at the line and column of the flat file that holds it.
 *
 * A '-' value becomes the release tables' special value: '#' when its footnotes hold 5 (the
 * top-code), otherwise '*' for a wage and '**' for an employment measure (not available).
 */
#include "common/lab_file.h"
#include "common/lab_num.h"
#include "common/lab_sha256.h"
#include "datasets/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FF_MAX_MAP_BYTES ((size_t)64 << 20)
#define FF_MAX_DATA_BYTES ((size_t)1 << 30)
#define FF_DATATYPES 17

/* Measure column of each datatype code 01..17 (oe.datatype). */
static const char *const dt_measure[FF_DATATYPES] = {
    "tot_emp",  "emp_prse", "h_mean",  "a_mean",    "mean_prse",   "h_pct10",
    "h_pct25",  "h_median", "h_pct75", "h_pct90",   "a_pct10",     "a_pct25",
    "a_median", "a_pct75",  "a_pct90", "jobs_1000", "loc_quotient"};

enum { FC_AREA, FC_AREA_TITLE, FC_NAICS, FC_NAICS_TITLE, FC_OCC, FC_OCC_TITLE, FC_GROUP, FC_N };
static const char *const id_cols[FC_N] = {"area",     "area_title", "naics",  "naics_title",
                                          "occ_code", "occ_title",  "o_group"};

/* ------------------------------------------------------------------ mapping files (code -> name)
 */

struct ff_entry {
  char *code;
  char *name;
  int level; /* display_level, -1 when the file has none */
};

struct ff_map {
  struct ff_entry *e;
  size_t n, cap;
  const char *key_col, *name_col;
  int idx_key, idx_name, idx_level;
  const char *file;
};

static lab_status map_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  struct ff_map *m = ctx;
  const char *names[3] = {m->key_col, m->name_col, "display_level"};
  int idx[3];
  lab_status st;

  (void)meta;
  st = norm_map(header, m->file, names, 3, NULL, idx, err);
  if (st)
    return st;
  if (idx[0] < 0 || idx[1] < 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, m->file, header->line, 1,
                            "expected columns '%s' and '%s' (a BLS oe mapping file)", m->key_col,
                            m->name_col);
  m->idx_key = idx[0];
  m->idx_name = idx[1];
  m->idx_level = idx[2];
  return LAB_OK;
}

static lab_status map_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct ff_map *m = ctx;
  struct ff_entry *e;

  if (m->n == m->cap) {
    size_t cap = m->cap ? 2 * m->cap : 256;
    struct ff_entry *ne = realloc(m->e, cap * sizeof(*ne));
    if (!ne)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    m->e = ne;
    m->cap = cap;
  }
  {
    int need = m->idx_key > m->idx_name ? m->idx_key : m->idx_name;
    if (m->idx_level > need)
      need = m->idx_level;
    if (row->n < (size_t)need + 1) { /* a short row has no name or level */
      size_t col = row->n ? row->column[row->n - 1] + row->len[row->n - 1] : 1;
      return lab_error_set_at(err, LAB_ERR_PARSE, m->file, row->line, col,
                              "short row: expected at least %d fields, found %zu", need + 1,
                              row->n);
    }
  }
  e = &m->e[m->n];
  e->code = strdup(norm_text(row, m->idx_key));
  e->name = strdup(norm_text(row, m->idx_name));
  e->level = m->idx_level >= 0 ? atoi(norm_text(row, m->idx_level)) : -1;
  if (!e->code || !e->name) {
    free(e->code);
    free(e->name);
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  m->n++;
  return LAB_OK;
}

static int entry_cmp(const void *a, const void *b)
{
  return strcmp(((const struct ff_entry *)a)->code, ((const struct ff_entry *)b)->code);
}

static lab_status map_end(void *ctx, struct lab_error *err)
{
  struct ff_map *m = ctx;

  (void)err;
  if (m->n)
    qsort(m->e, m->n, sizeof(*m->e), entry_cmp);
  return LAB_OK;
}

static void map_release(struct ff_map *m)
{
  for (size_t i = 0; i < m->n; i++) {
    free(m->e[i].code);
    free(m->e[i].name);
  }
  free(m->e);
  memset(m, 0, sizeof(*m));
}

static const struct ff_entry *map_find(const struct ff_map *m, const char *code)
{
  struct ff_entry key = {.code = (char *)code};

  return m->n ? bsearch(&key, m->e, m->n, sizeof(*m->e), entry_cmp) : NULL;
}

/* Read DIR/NAME into m; a missing optional file leaves m empty. */
static lab_status map_load(struct ff_map *m, const char *dir, const char *name, bool required,
                           struct lab_error *err)
{
  struct lab_sink sink = {m, map_begin, map_row, map_end};
  char path[1024];
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  snprintf(path, sizeof(path), "%s/%s", dir, name);
  m->file = path;
  st = lab_file_read(path, FF_MAX_MAP_BYTES, &data, &len, err);
  if (st == LAB_ERR_NOTFOUND && !required) {
    st = LAB_OK;
    goto out;
  }
  if (st == LAB_ERR_NOTFOUND) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "'%s' not found: the flat-file import needs the mapping file %s beside "
                       "the data file (https://download.bls.gov/pub/time.series/oe/%s)",
                       path, name, name);
    goto out;
  }
  if (!st)
    st = lab_tsv_read(data, len, path, &sink, err);
out:
  m->file = NULL;
  free(data);
  return st;
}

/* -------------------------------------------------------------------------- the data pivot */

struct ff_pivot {
  struct norm_env env;
  struct lab_import_opts opts; /* the caller's, with the year from the data */
  const struct lab_import_opts *user;
  struct norm_oews *z;
  const struct ff_map *area, *occ, *ind;
  const char *file;
  int idx[5];   /* series_id, year, period, value, footnote_codes */
  char key[24]; /* series id without the datatype: the cell */
  size_t key_line;
  char val[FF_DATATYPES][24];
  bool have[FF_DATATYPES];
  char area_code[8], ind_code[8], occ_code[8];
};

static lab_status pivot_begin(void *ctx, const struct lab_table_meta *meta,
                              const struct lab_row *header, struct lab_error *err)
{
  static const char *const names[5] = {"series_id", "year", "period", "value", "footnote_codes"};
  struct ff_pivot *p = ctx;
  lab_status st;

  (void)meta;
  st = norm_map(header, p->file, names, 5, NULL, p->idx, err);
  if (!st && (p->idx[0] < 0 || p->idx[1] < 0 || p->idx[2] < 0 || p->idx[3] < 0))
    st = lab_error_set_at(err, LAB_ERR_PARSE, p->file, header->line, 1,
                          "expected columns series_id, year, period and value (an oe.data file)");
  return st;
}

/* The OEWS table header handed to norm_oews: ids then the 17 measures. */
static lab_status start_table(struct ff_pivot *p, int year, struct lab_error *err)
{
  const char *fields[FC_N + FF_DATATYPES];
  size_t len[FC_N + FF_DATATYPES], column[FC_N + FF_DATATYPES];
  struct lab_row header = {
      .n = FC_N + FF_DATATYPES, .field = fields, .len = len, .column = column, .line = 1};
  struct lab_table_meta meta = {.file = p->file};
  lab_status st;

  p->opts = *p->user;
  p->opts.year = year;
  p->env.opts = &p->opts;
  for (size_t i = 0; i < header.n; i++) {
    fields[i] = i < FC_N ? id_cols[i] : dt_measure[i - FC_N];
    len[i] = strlen(fields[i]);
    column[i] = i + 1;
  }
  st = norm_oews_new(&p->env, &p->z, err);
  if (!st)
    st = norm_oews_sink(p->z)->begin(norm_oews_sink(p->z)->ctx, &meta, &header, err);
  return st;
}

static const char *o_group_of(const struct ff_entry *e, const char *code)
{
  static const char *const groups[] = {"major", "minor", "broad", "detailed"};

  if (strcmp(code, "000000") == 0)
    return "total";
  if (e && e->level >= 0 && e->level <= 3)
    return groups[e->level];
  return "";
}

/* Hand the gathered cell to norm_oews. */
static lab_status flush_cell(struct ff_pivot *p, struct lab_error *err)
{
  const char *fields[FC_N + FF_DATATYPES];
  size_t len[FC_N + FF_DATATYPES], column[FC_N + FF_DATATYPES];
  struct lab_row row = {
      .n = FC_N + FF_DATATYPES, .field = fields, .len = len, .column = column, .line = p->key_line};
  const struct ff_entry *a, *o, *ind;
  char soc[8];

  if (!p->key[0])
    return LAB_OK;
  a = map_find(p->area, p->area_code);
  o = map_find(p->occ, p->occ_code);
  ind = map_find(p->ind, p->ind_code);
  snprintf(soc, sizeof(soc), "%.2s-%.4s", p->occ_code, p->occ_code + 2);
  fields[FC_AREA] = p->area_code;
  /* the release tables call the nation "U.S." where oe.area says "National" */
  fields[FC_AREA_TITLE] = strcmp(p->area_code, "0000000") == 0 ? "U.S." : (a ? a->name : "");
  fields[FC_NAICS] = p->ind_code;
  fields[FC_NAICS_TITLE] = ind ? ind->name : "";
  fields[FC_OCC] = soc;
  fields[FC_OCC_TITLE] = o ? o->name : "";
  fields[FC_GROUP] = o_group_of(o, p->occ_code);
  for (int d = 0; d < FF_DATATYPES; d++)
    fields[FC_N + d] = p->have[d] ? p->val[d] : "";
  for (size_t i = 0; i < row.n; i++) {
    len[i] = strlen(fields[i]);
    column[i] = 1;
  }
  p->key[0] = '\0';
  return norm_oews_sink(p->z)->row(norm_oews_sink(p->z)->ctx, &row, err);
}

/* Check one value and store its release-table spelling in the cell. */
static lab_status take_value(struct ff_pivot *p, const struct lab_row *row, int dt,
                             struct lab_error *err)
{
  const char *v = norm_text(row, p->idx[3]);
  const char *foot = norm_text(row, p->idx[4]);
  double x;

  if (strcmp(v, "-") == 0) {
    bool wage = dt >= 3 && dt <= 15;
    snprintf(p->val[dt - 1], sizeof(p->val[0]), "%s",
             strchr(foot, '5') && wage && dt != 5 ? "#" : (wage ? "*" : "**"));
  } else if (row->len[p->idx[3]] >= sizeof(p->val[0]) ||
             lab_num_parse(v, row->len[p->idx[3]], false, &x) != LAB_OK || x < 0) {
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[3]],
                            "expected a non-negative number or '-' as the value, got '%s'", v);
  } else {
    memcpy(p->val[dt - 1], v, row->len[p->idx[3]] + 1);
  }
  p->have[dt - 1] = true;
  return LAB_OK;
}

static lab_status pivot_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct ff_pivot *p = ctx;
  const char *id = norm_text(row, p->idx[0]);
  const char *period = norm_text(row, p->idx[2]);
  long year = 0, dt = 0;
  size_t need = 0;
  lab_status st = LAB_OK;

  for (int i = 0; i < 4; i++) /* series_id, year, period, value; footnote_codes may be absent */
    if ((size_t)p->idx[i] + 1 > need)
      need = (size_t)p->idx[i] + 1;
  if (row->n < need)
    return norm_width(row, need, p->file, err);
  if (row->len[p->idx[0]] != 25 || strncmp(id, "OE", 2) != 0 ||
      lab_num_parse_long(id + 23, 2, &dt) != LAB_OK || dt < 1 || dt > FF_DATATYPES)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[0]],
                            "expected a 25-character OEWS series id (OE, U, area type, area, "
                            "industry, occupation, datatype 01-17), got '%s'",
                            id);
  if (lab_num_parse_long(norm_text(row, p->idx[1]), row->len[p->idx[1]], &year) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[1]],
                            "expected a year, got '%s'", norm_text(row, p->idx[1]));
  if (strcmp(period, "A01") != 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[2]],
                            "expected the annual period A01, got '%s'", period);
  if (!p->z) {
    if (p->user->year && p->user->year != year)
      return lab_error_set_at(err, LAB_ERR_INVALID, p->file, row->line, row->column[p->idx[1]],
                              "the file holds May %ld but --year %d was given", year,
                              p->user->year);
    st = start_table(p, (int)year, err);
    if (st)
      return st;
  } else if (year != p->opts.year) {
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[1]],
                            "a second year (%ld after %d): import one release at a time "
                            "(oe.data.0.Current, not oe.data.1.AllData)",
                            year, p->opts.year);
  }
  if (strncmp(id, p->key, 23) != 0) {
    st = flush_cell(p, err);
    if (st)
      return st;
    memcpy(p->key, id, 23);
    p->key[23] = '\0';
    p->key_line = row->line;
    memcpy(p->area_code, id + 4, 7);
    p->area_code[7] = '\0';
    memcpy(p->ind_code, id + 11, 6);
    p->ind_code[6] = '\0';
    memcpy(p->occ_code, id + 17, 6);
    p->occ_code[6] = '\0';
    memset(p->have, 0, sizeof(p->have));
  }
  if (strcmp(p->ind_code, "000001") == 0) { /* private-only totals: not a release-table cell */
    p->key[0] = '\0';
    return LAB_OK;
  }
  return take_value(p, row, (int)dt, err);
}

static lab_status pivot_end(void *ctx, struct lab_error *err)
{
  struct ff_pivot *p = ctx;
  lab_status st;

  if (!p->z)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, 2, 1,
                            "no data rows (expected OEWS series values)");
  st = flush_cell(p, err);
  if (!st)
    st = norm_oews_sink(p->z)->end(norm_oews_sink(p->z)->ctx, err);
  return st;
}

/* ---------------------------------------------------------------------------------- import */

lab_status lab_import_oe_flatfile(struct lab_store *s, const char *path,
                                  const struct lab_import_opts *o, struct lab_import_summary *sum,
                                  struct lab_error *err)
{
  struct ff_map area = {.key_col = "area_code", .name_col = "area_name"};
  struct ff_map occ = {.key_col = "occupation_code", .name_col = "occupation_name"};
  struct ff_map ind = {.key_col = "industry_code", .name_col = "industry_name"};
  struct ff_pivot p;
  struct lab_sink sink;
  char dir[1024], hex[65];
  const char *slash = strrchr(path, '/');
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  memset(sum, 0, sizeof(*sum));
  memset(&p, 0, sizeof(p));
  snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
  st = map_load(&area, dir, "oe.area", true, err);
  if (!st)
    st = map_load(&occ, dir, "oe.occupation", true, err);
  if (!st)
    st = map_load(&ind, dir, "oe.industry", false, err);
  if (!st)
    st = lab_file_read(path, FF_MAX_DATA_BYTES, &data, &len, err);
  if (st)
    goto out;
  lab_sha256_of(data, len, hex);
  p.env = (struct norm_env){
      .store = s, .opts = o, .origin_kind = "import", .origin = path, .sha256 = hex, .sum = sum};
  p.user = o;
  p.area = &area;
  p.occ = &occ;
  p.ind = &ind;
  p.file = path;
  sink = (struct lab_sink){&p, pivot_begin, pivot_row, pivot_end};
  st = lab_tsv_read(data, len, path, &sink, err);
out:
  norm_oews_free(p.z);
  free(data);
  map_release(&area);
  map_release(&occ);
  map_release(&ind);
  return st;
}
