/*
 * pc_json.c - Projections Central's long-term projections as its REST service answers them
 * (https://public.projectionscentral.org/Projections/LongTermRestJson/<FIPS|all>[/<SOC>]):
 *   {"rows":[{"Area":..., "Title":..., "Base":"3,391,000", ..., "STFIPS":"0", "OccCode":...,
 *             "BaseYear":"2024", "ProjYear":"2034"}, ...],
 *    "pager":{"current_page":0,"total_items":55,"total_pages":1,"items_per_page":100}}
 * Values are strings (numbers may hold thousands separators); the nation is STFIPS "0" and its
 * position varies, so the area always comes from STFIPS.
 *
 * All pages of one import form one release per projection cycle (pc/state/BASE-PROJ, one
 * release_origin row per page). Pages arrive in parts (a state at a time), so the new release
 * takes over the rows of the earlier release of that cycle for every area the pages do not hold.
 * Pages are read one at a time; every value is checked here, with the line and column of the
 * value, before it goes through norm_simple("pc").
 */
#include "common/lab_file.h"
#include "common/lab_num.h"
#include "common/lab_sha256.h"
#include "datasets/lab_areas.h"
#include "datasets/lab_blsapi.h"
#include "datasets/normalize.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PC_MAX_CYCLES 8

enum {
  PK_FIPS,
  PK_CODE,
  PK_TITLE,
  PK_BASE,
  PK_PROJ,
  PK_CHANGE,
  PK_PCT,
  PK_OPEN,
  PK_BY,
  PK_PY,
  PK_N
};
static const char *const pk_name[PK_N] = {
    "STFIPS",        "OccCode",           "Title",    "Base",    "Projected", "Change",
    "PercentChange", "AvgAnnualOpenings", "BaseYear", "ProjYear"};
/* norm_simple("pc") columns: the first 8 keys, in this order */
static const char *const pc_cols[] = {"area",      "occ_code", "occ_title",  "base",
                                      "projected", "change",   "pct_change", "openings"};
#define PC_NCOLS 8

/* Offset of the first character of the JSON text. */
static size_t first_char(const char *data, size_t len)
{
  size_t i = 0;

  while (i < len && data[i] && strchr(" \t\r\n", data[i]))
    i++;
  return i;
}

/* ----------------------------------------------------------------------------- the import */

struct pc_cycle {
  char vintage[16];
  char hex[65]; /* of the first page (the release's origin) */
  struct norm_simple *z;
  struct lab_import_summary sum;
  char areas[512]; /* "06,32," */
  size_t first;    /* index of its first page */
};

struct pc_import {
  struct lab_store *s;
  struct pc_cycle c[PC_MAX_CYCLES];
  size_t n;
};

/* The cycle of vintage, its release begun on first use. */
static lab_status cycle_of(struct pc_import *im, const char *vintage, int base, int proj,
                           const char *path, const char *hex, size_t page, struct pc_cycle **out,
                           struct lab_error *err)
{
  static const struct lab_import_opts none = {0};
  static const size_t one[PC_NCOLS] = {1, 1, 1, 1, 1, 1, 1, 1};
  const char *keys[] = {"source", "scope", "vintage", "soc", "title", "base", "proj"};
  const char *values[7];
  char base_s[8], proj_s[8];
  size_t lens[PC_NCOLS];
  struct lab_row h = {.n = PC_NCOLS, .field = pc_cols, .len = lens, .column = one, .line = 1};
  struct lab_table_meta m = {.file = path, .nkeys = 7};
  struct norm_env env = {.store = im->s, .opts = &none, .origin_kind = "import", .origin = path};
  struct pc_cycle *c;
  lab_status st;

  for (size_t i = 0; i < im->n; i++)
    if (strcmp(im->c[i].vintage, vintage) == 0) {
      *out = &im->c[i];
      return LAB_OK;
    }
  if (im->n == PC_MAX_CYCLES)
    return lab_error_set(err, LAB_ERR_INVALID, "%s: more than %d projection cycles in one import",
                         path, PC_MAX_CYCLES);
  c = &im->c[im->n];
  memset(c, 0, sizeof(*c));
  snprintf(c->vintage, sizeof(c->vintage), "%s", vintage);
  memcpy(c->hex, hex, sizeof(c->hex));
  c->first = page;
  env.sha256 = c->hex;
  env.sum = &c->sum;
  st = norm_simple_new(&env, "pc", &c->z, err);
  if (st)
    return st;
  im->n++; /* freed with the import from here on */
  snprintf(base_s, sizeof(base_s), "%d", base);
  snprintf(proj_s, sizeof(proj_s), "%d", proj);
  values[0] = "pc";
  values[1] = "state";
  values[2] = c->vintage;
  values[3] = "2018";
  values[4] = "Projections Central long-term state projections (imported JSON)";
  values[5] = base_s;
  values[6] = proj_s;
  for (size_t k = 0; k < 7; k++) {
    m.key[k] = keys[k];
    m.value[k] = values[k];
  }
  for (size_t i = 0; i < PC_NCOLS; i++)
    lens[i] = strlen(pc_cols[i]);
  *out = c;
  return norm_simple_sink(c->z)->begin(norm_simple_sink(c->z)->ctx, &m, &h, err);
}

/* One page's text and what is known of the row being read. */
struct pc_page {
  const char *path, *data;
  size_t len;
  size_t *elem, *val; /* offsets (norm_json_scan) */
  struct norm_json_cursor cur;
  char num[PK_N][32]; /* JSON numbers as text */
  const char *text[PK_N];
  size_t line[PK_N], col[PK_N];
};

static lab_status page_error(struct pc_page *p, size_t off, struct lab_error *err, const char *what,
                             const char *key)
{
  norm_json_advance(&p->cur, off);
  return lab_error_set_at(err, LAB_ERR_PARSE, p->path, p->cur.line, p->cur.col, "%s%s%s%s", what,
                          key[0] ? " \"" : "", key, key[0] ? "\"" : "");
}

/* Texts and positions of row r's values; by and py receive its years. */
static lab_status row_values(struct pc_page *p, const cJSON *row, size_t r, int *by, int *py,
                             struct lab_error *err)
{
  long y[2] = {0, 0};

  if (!cJSON_IsObject(row))
    return page_error(p, p->elem[r], err, "expected a row object", "");
  for (int k = 0; k < PK_N; k++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, pk_name[k]);
    size_t off = p->val[r * PK_N + k] ? p->val[r * PK_N + k] : p->elem[r];
    norm_json_advance(&p->cur, off);
    p->line[k] = p->cur.line;
    p->col[k] = p->cur.col;
    p->text[k] = "";
    if (cJSON_IsString(v)) {
      p->text[k] = v->valuestring;
    } else if (cJSON_IsNumber(v)) {
      if (snprintf(p->num[k], sizeof(p->num[k]), "%.15g", v->valuedouble) >= (int)sizeof(p->num[k]))
        return page_error(p, off, err, "number too long in", pk_name[k]);
      p->text[k] = p->num[k];
    } else if (v && !cJSON_IsNull(v)) {
      return page_error(p, off, err, "expected a string in", pk_name[k]);
    } else if (k == PK_FIPS || k == PK_CODE || k == PK_BY || k == PK_PY) {
      return page_error(p, off, err, "row without", pk_name[k]);
    }
  }
  for (int k = PK_BASE; k <= PK_OPEN; k++) {
    const char *t = p->text[k];
    double x;
    if (t[0] && strcmp(t, "-") != 0 && lab_num_parse(t, strlen(t), true, &x) != LAB_OK)
      return lab_error_set_at(err, LAB_ERR_PARSE, p->path, p->line[k], p->col[k],
                              "expected a number in \"%s\", got '%.40s'", pk_name[k], t);
    if (t[0] && strcmp(t, "-") != 0 && x < 0 && k != PK_CHANGE && k != PK_PCT)
      return lab_error_set_at(err, LAB_ERR_PARSE, p->path, p->line[k], p->col[k],
                              "expected a non-negative number in \"%s\" (employment and "
                              "openings), got '%.40s'",
                              pk_name[k], t);
  }
  for (int i = 0; i < 2; i++) {
    const char *t = p->text[PK_BY + i];
    if (strlen(t) != 4 || lab_num_parse_long(t, 4, &y[i]) != LAB_OK || y[i] < 1990)
      return lab_error_set_at(err, LAB_ERR_PARSE, p->path, p->line[PK_BY + i], p->col[PK_BY + i],
                              "expected a year in \"%s\", got '%.20s'", pk_name[PK_BY + i], t);
  }
  if (y[1] <= y[0])
    return lab_error_set_at(err, LAB_ERR_PARSE, p->path, p->line[PK_PY], p->col[PK_PY],
                            "ProjYear %ld is not after BaseYear %ld", y[1], y[0]);
  *by = (int)y[0];
  *py = (int)y[1];
  return LAB_OK;
}

/* Feed row r (values read) to the cycle's normalizer. */
static lab_status feed(struct pc_page *p, struct pc_cycle *c, struct lab_error *err)
{
  const char *fips = p->text[PK_FIPS];
  const char *fields[PC_NCOLS];
  size_t lens[PC_NCOLS], cols[PC_NCOLS];
  struct lab_row row = {.n = PC_NCOLS, .field = fields, .len = lens, .column = cols};
  const struct lab_sink *sink = norm_simple_sink(c->z);
  char area[8], key[12], msg[sizeof(err->msg)];
  long f = -1;
  lab_status st;

  if (strlen(fips) > 2 || lab_num_parse_long(fips, strlen(fips), &f) != LAB_OK || f > 78)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->path, p->line[PK_FIPS], p->col[PK_FIPS],
                            "expected a state FIPS code (0 for the U.S.) in \"STFIPS\", got "
                            "'%.20s'",
                            fips);
  area[0] = f == 0 ? 'U' : (char)('0' + f / 10);
  area[1] = f == 0 ? 'S' : (char)('0' + f % 10);
  area[2] = '\0';
  for (int i = 0; i < PC_NCOLS; i++) {
    fields[i] = i == 0 ? area : p->text[i];
    lens[i] = strlen(fields[i]);
    cols[i] = p->col[i];
  }
  row.line = p->line[PK_CODE];
  st = sink->row(sink->ctx, &row, err);
  if (st && err && !err->file[0]) { /* a store error (a repeated row): say where */
    memcpy(msg, err->msg, sizeof(msg));
    return lab_error_set_at(err, st, p->path, p->line[PK_CODE], p->col[PK_CODE], "%s", msg);
  }
  snprintf(key, sizeof(key), "%s,", area);
  if (!st && !strstr(c->areas, key) && strlen(c->areas) + strlen(key) < sizeof(c->areas))
    strcat(c->areas, key);
  return st;
}

/* Read one page and feed its rows; sum describes it. */
static lab_status pc_page(struct pc_import *im, const char *path, size_t idx,
                          struct lab_import_summary *sum, struct lab_error *err)
{
  struct pc_page p = {.path = path};
  char *data = NULL, hex[65], vintage[16] = "";
  cJSON *root = NULL;
  const cJSON *rows, *row;
  struct pc_cycle *c = NULL;
  size_t n, r = 0, off;
  int base = 0, proj = 0, by = 0, py = 0;
  lab_status st = lab_file_read(path, LAB_BLSAPI_MAX_ANSWER, &data, &p.len, err);

  if (st)
    goto out;
  p.data = data;
  p.cur = (struct norm_json_cursor){.text = data, .len = p.len, .line = 1, .col = 1};
  lab_sha256_of(data, p.len, hex);
  if (norm_pc_no_results(data, p.len)) {
    st = norm_pc_no_results_error(path, err);
    goto out;
  }
  st = norm_json_parse(data, p.len, path, &root, err);
  if (st)
    goto out;
  rows = cJSON_GetObjectItemCaseSensitive(root, "rows");
  off = norm_json_scan(data, p.len, "rows", NULL, 0, NULL, NULL, 0);
  if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "pager"))) {
    st = page_error(&p, first_char(data, p.len), err,
                    "expected a Projections Central page with a \"pager\" object", "");
    goto out;
  }
  if (!cJSON_IsArray(rows)) {
    st = page_error(&p, off ? off : first_char(data, p.len), err, "expected an array of rows in",
                    "rows");
    goto out;
  }
  n = (size_t)cJSON_GetArraySize(rows);
  p.elem = calloc(n ? n : 1, sizeof(*p.elem));
  p.val = calloc(n ? n * PK_N : 1, sizeof(*p.val));
  if (!p.elem || !p.val) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  norm_json_scan(data, p.len, "rows", pk_name, PK_N, p.elem, p.val, n);
  cJSON_ArrayForEach(row, rows)
  {
    st = row_values(&p, row, r, &by, &py, err);
    if (!st && r == 0) {
      base = by;
      proj = py;
      snprintf(vintage, sizeof(vintage), "%d-%d", by, py);
      st = cycle_of(im, vintage, by, py, path, hex, idx, &c, err);
    } else if (!st && (by != base || py != proj)) {
      int k = by != base ? PK_BY : PK_PY;
      st = lab_error_set_at(err, LAB_ERR_PARSE, path, p.line[k], p.col[k],
                            "%s %d differs from %d in the page's first row (a page holds one "
                            "projection cycle)",
                            pk_name[k], k == PK_BY ? by : py, k == PK_BY ? base : proj);
    }
    if (!st)
      st = feed(&p, c, err);
    if (st)
      goto out;
    r++;
  }
  snprintf(sum->source, sizeof(sum->source), "pc");
  snprintf(sum->scope, sizeof(sum->scope), "state");
  snprintf(sum->vintage, sizeof(sum->vintage), "%s", vintage);
  sum->rows = (long)r;
  if (c) /* an empty page (past the last one) adds nothing */
    st = lab_store_release_origin_add(im->s, norm_simple_release_id(c->z), path, hex, (long)r, err);
out:
  cJSON_Delete(root);
  free(p.elem);
  free(p.val);
  free(data);
  return st;
}

lab_status lab_import_pc_pages(struct lab_store *s, const char *const *paths, size_t n,
                               struct lab_import_summary *sums, struct lab_error *err)
{
  struct pc_import *im = calloc(1, sizeof(*im));
  lab_status st = LAB_OK;

  if (!im)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  im->s = s;
  for (size_t i = 0; i < n; i++)
    memset(&sums[i], 0, sizeof(sums[i]));
  for (size_t i = 0; i < n && !st; i++)
    st = pc_page(im, paths[i], i, &sums[i], err);
  for (size_t i = 0; i < im->n && !st; i++) {
    struct pc_cycle *c = &im->c[i];
    const struct lab_sink *sink = norm_simple_sink(c->z);
    long kept = 0;
    st = lab_store_projection_carry(s, norm_simple_release_id(c->z), c->areas, &kept, err);
    if (!st) {
      norm_simple_add_rows(c->z, kept);
      st = sink->end(sink->ctx, err);
    }
    if (!st)
      sums[c->first].replaced = c->sum.replaced;
  }
  for (size_t i = 0; i < im->n; i++)
    norm_simple_free(im->c[i].z);
  free(im);
  return st;
}
