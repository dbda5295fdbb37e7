/*
 * norm_oews.c - the OEWS normalizer: BLS release tables (any year's layout) into the store.
 *
 * Columns are matched by name, case-insensitively, so the drifting layouts (2014-18 OCC_GROUP,
 * 2019 lower case, 2020 31 columns, 2021 on 32) all map to one record. Symbols become typed
 * states (lab_oews.h); a '#' keeps the year's top-code threshold as a lower bound.
 */
#include "common/lab_num.h"
#include "common/lab_paths.h"
#include "datasets/keyset.h"
#include "datasets/lab_areas.h"
#include "datasets/normalize.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum oews_col {
  OC_AREA,
  OC_AREA_TYPE,
  OC_AREA_TITLE,
  OC_PRIM_STATE,
  OC_NAICS,
  OC_NAICS_TITLE,
  OC_OWN_CODE,
  OC_OCC_CODE,
  OC_OCC_TITLE,
  OC_O_GROUP,
  OC_ANNUAL,
  OC_HOURLY,
  OC_MEASURES /* then one per enum lab_measure */
};
#define OC_COUNT (OC_MEASURES + LAB_M_COUNT)

static const char *const id_names[OC_MEASURES] = {
    "area",     "area_type", "area_title", "prim_state", "naics",  "naics_title",
    "own_code", "occ_code",  "occ_title",  "o_group",    "annual", "hourly",
};

static const char *const aliases[] = {
    "occ_group=o_group",
    "group=o_group",
    "area_name=area_title",
    "jobs_1000_orig=jobs_1000",
    "loc_q=loc_quotient",
    "pct_tot=pct_total",
    NULL,
};

struct norm_oews {
  struct lab_sink sink;
  struct norm_env env;
  char file[256];
  const char *colname[OC_COUNT]; /* header text of each mapped column, owned (strdup) */
  int idx[OC_COUNT];
  size_t ncols;
  int64_t release_id;
  int year;
  bool scope_pending;
  bool have_top;
  double top_hourly, top_annual;
  unsigned area_types; /* bit per lab_area_type_name class seen */
  bool industry_rows;
  char last_area[16];
  char last_state[8];
  char last_state_code[16];
  char soc[16];
  long rows, dups;
  bool in_table;
  /* occupation codes already written in this table: skips ~40,000 redundant upserts when a
     state file repeats every code for every state */
  char (*seen)[8];
  size_t nseen;
  struct keyset cells; /* area, industry, ownership and code of every row of this table */
};

#define SEEN_SLOTS 8192u

/* True when occ was already written in this table; otherwise remembers it. */
static bool seen_before(struct norm_oews *z, const char *occ, const char *group)
{
  char key[8];
  size_t h = 5381;

  memcpy(key, occ, 7);
  key[7] = group[0]; /* a code repeated as broad and detailed is written for each level */

  if (!z->seen || z->nseen >= SEEN_SLOTS / 2)
    return false;
  for (size_t i = 0; i < sizeof(key); i++)
    h = h * 33 + (unsigned char)key[i];
  for (size_t i = h % SEEN_SLOTS;; i = (i + 1) % SEEN_SLOTS) {
    if (z->seen[i][0] == '\0') {
      memcpy(z->seen[i], key, sizeof(key));
      z->nseen++;
      return false;
    }
    if (memcmp(z->seen[i], key, sizeof(key)) == 0)
      return true;
  }
}

/* ------------------------------------------------------------------- release identification */

/* May year from a file name: "national_M2023_dl.csv", "all_data_M_2024.xlsx", "oesm23nat". */
static int year_from_name(const char *path)
{
  const char *b = lab_paths_basename(path);

  for (const char *p = b; *p; p++) {
    const char *q = p + 1;
    if (*p != 'M' && *p != 'm')
      continue;
    if (*q == '_')
      q++;
    if ((q[0] == '1' && q[1] == '9') || (q[0] == '2' && q[1] == '0')) {
      if (isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3]) &&
          !isdigit((unsigned char)q[4]))
        return (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
    }
  }
  for (const char *p = b; *p; p++)
    if (strncmp(p, "oesm", 4) == 0 && isdigit((unsigned char)p[4]) && isdigit((unsigned char)p[5]))
      return 2000 + (p[4] - '0') * 10 + (p[5] - '0');
  return 0;
}

/* Scope from a BLS file name, or NULL. */
static const char *scope_from_name(const char *path)
{
  static const struct {
    const char *prefix;
    const char *scope;
  } names[] = {
      {"national_", "national"}, {"state_", "state"},       {"msa_", "msa"},
      {"bos_", "msa"},           {"nat3d", "industry"},     {"nat4d", "industry"},
      {"nat5d", "industry"},     {"natsector", "industry"}, {"all_data", "all"},
  };
  char lower[64];
  const char *b = lab_paths_basename(path);
  size_t i = 0;

  for (; b[i] && i + 1 < sizeof(lower); i++)
    lower[i] = (char)tolower((unsigned char)b[i]);
  lower[i] = '\0';
  for (size_t k = 0; k < LAB_ARRAY_SIZE(names); k++)
    if (strncmp(lower, names[k].prefix, strlen(names[k].prefix)) == 0)
      return names[k].scope;
  return NULL;
}

static const char *soc_of_year(int year)
{
  if (year <= 2018)
    return "2010";
  if (year <= 2020)
    return "hybrid";
  return "2018";
}

/* Scope from what the rows held. */
static const char *scope_from_content(const struct norm_oews *z)
{
  unsigned nation = 1u, state = 2u | 4u, msa = 8u | 16u;

  if (z->industry_rows)
    return z->area_types == nation ? "industry" : "all";
  if (z->area_types == nation || z->area_types == 0)
    return "national";
  if ((z->area_types & ~state) == 0)
    return "state";
  if ((z->area_types & ~msa) == 0)
    return "msa";
  return "all";
}

static unsigned area_class_bit(const char *type)
{
  if (strcmp(type, "nation") == 0)
    return 1u;
  if (strcmp(type, "state") == 0)
    return 2u;
  if (strcmp(type, "territory") == 0)
    return 4u;
  if (strcmp(type, "msa") == 0)
    return 8u;
  return 16u;
}

/* ----------------------------------------------------------------------------------- begin */

static void free_colnames(struct norm_oews *z)
{
  for (int i = 0; i < OC_COUNT; i++) {
    free((char *)z->colname[i]);
    z->colname[i] = NULL;
  }
}

static lab_status map_header(struct norm_oews *z, const struct lab_row *header,
                             struct lab_error *err)
{
  const char *names[OC_COUNT];
  bool any_measure = false;
  lab_status st;

  for (int i = 0; i < OC_MEASURES; i++)
    names[i] = id_names[i];
  for (int m = 0; m < LAB_M_COUNT; m++)
    names[OC_MEASURES + m] = lab_measure_name((enum lab_measure)m);
  st = norm_map(header, z->file, names, OC_COUNT, aliases, z->idx, err);
  if (st)
    return st;
  free_colnames(z);
  for (int i = 0; i < OC_COUNT; i++) {
    if (z->idx[i] < 0)
      continue;
    z->colname[i] = strdup(header->field[z->idx[i]]);
    if (!z->colname[i])
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    if (i >= OC_MEASURES)
      any_measure = true;
  }
  if (z->idx[OC_OCC_CODE] < 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, z->file, header->line, 1,
                            "missing required column 'OCC_CODE' (columns are matched by name, "
                            "case-insensitively; is this an OEWS table?)");
  if (!any_measure)
    return lab_error_set_at(err, LAB_ERR_PARSE, z->file, header->line, 1,
                            "no OEWS measure column (expected e.g. TOT_EMP, A_MEAN, A_MEDIAN)");
  z->ncols = header->n;
  return LAB_OK;
}

static lab_status oews_begin(void *ctx, const struct lab_table_meta *meta,
                             const struct lab_row *header, struct lab_error *err)
{
  struct norm_oews *z = ctx;
  struct lab_release r = {0};
  char vintage[16];
  lab_status st;

  snprintf(z->file, sizeof(z->file), "%s", meta->file);
  st = map_header(z, header, err);
  if (st)
    return st;
  z->rows = z->dups = 0;
  z->area_types = 0;
  z->industry_rows = false;
  z->last_area[0] = z->last_state[0] = '\0';
  if (z->seen)
    memset(z->seen, 0, SEEN_SLOTS * sizeof(*z->seen));
  keyset_clear(&z->cells);
  z->nseen = 0;
  z->scope_pending = false;
  if (meta->nkeys > 0) {
    const char *v = lab_table_meta_get(meta, "vintage");
    long y = 0;
    if (!v || lab_num_parse_long(v, strlen(v), &y) != LAB_OK)
      return lab_error_set(err, LAB_ERR_PARSE, "%s: OEWS release without a numeric vintage",
                           z->file);
    z->year = (int)y;
  } else {
    z->year = z->env.opts->year ? z->env.opts->year : year_from_name(z->env.origin);
    if (z->year == 0)
      return lab_error_set_at(err, LAB_ERR_INVALID, z->file, 1, 1,
                              "cannot tell which May release this file holds: name it like "
                              "national_M2023_dl.csv or pass --year 2023");
    r.source = "oews";
    r.scope = z->env.opts->scope ? z->env.opts->scope : scope_from_name(z->env.origin);
    z->scope_pending = r.scope == NULL;
    if (!r.scope)
      r.scope = "pending";
    snprintf(vintage, sizeof(vintage), "%d", z->year);
    r.vintage = vintage;
    r.soc_edition = soc_of_year(z->year);
    r.origin_kind = z->env.origin_kind;
    r.origin = z->env.origin;
    r.sha256 = z->env.sha256;
  }
  if (z->year < 1997 || z->year > 2100)
    return lab_error_set_at(err, LAB_ERR_INVALID, z->file, 1, 1,
                            "May %d is not an OEWS release year (expected 1997 or later)", z->year);
  r.year = z->year;
  st = norm_release(&z->env, meta, &r, &z->release_id, err);
  if (st)
    return st;
  snprintf(z->soc, sizeof(z->soc), "%s", r.soc_edition ? r.soc_edition : soc_of_year(z->year));
  z->have_top =
      lab_store_topcode_get(z->env.store, z->year, &z->top_hourly, &z->top_annual, NULL) == LAB_OK;
  z->in_table = true;
  /* the rows are written behind, while the reader parses the next ones (until oews_end) */
  return lab_store_async_begin(z->env.store, err);
}

/* ------------------------------------------------------------------------------------- rows */

static lab_status field_error(const struct norm_oews *z, const struct lab_row *row, int col,
                              struct lab_error *err, const char *what, const char *got)
{
  int i = z->idx[col];

  return lab_error_set_at(err, LAB_ERR_PARSE, z->file, row->line, row->column[i],
                          "%s in column '%s', got '%.40s'", what, z->colname[col], got);
}

static lab_status parse_measure(struct norm_oews *z, const struct lab_row *row, int m,
                                struct lab_value *out, struct lab_error *err)
{
  int col = OC_MEASURES + m;
  const char *t = norm_text(row, z->idx[col]);
  size_t n;

  out->v = 0;
  while (*t == ' ')
    t++;
  n = strlen(t);
  while (n > 0 && t[n - 1] == ' ')
    n--;
  out->state = LAB_V_VALUE;
  if (z->idx[col] < 0 || n == 0 || (n == 1 && t[0] == '-')) {
    out->state = LAB_V_MISSING;
  } else if (n == 1 && t[0] == '#') {
    if (!lab_measure_is_wage((enum lab_measure)m))
      return field_error(z, row, col, err, "'#' (top-coded) is valid only for wages", t);
    if (!z->have_top)
      return lab_error_set_at(err, LAB_ERR_INVALID, z->file, row->line, row->column[z->idx[col]],
                              "'#' marks a top-coded wage, but no top-code threshold is known "
                              "for May %d",
                              z->year);
    out->state = LAB_V_TOPCODED;
    out->v = lab_measure_is_hourly((enum lab_measure)m) ? z->top_hourly : z->top_annual;
  } else if (n == 1 && t[0] == '*') {
    out->state = LAB_V_WAGE_NA;
  } else if (n == 2 && strncmp(t, "**", 2) == 0) {
    out->state = LAB_V_EMP_NA;
  } else if (n == 3 && strncmp(t, "***", 3) == 0) {
    out->state = LAB_V_REMOVED;
  } else if (n == 1 && t[0] == '~') {
    out->state = LAB_V_LOW_RESPONSE;
  } else if (lab_num_parse(t, n, true, &out->v) != LAB_OK || out->v < 0) {
    return field_error(z, row, col, err, "expected a non-negative number or one of # * ** ~ -", t);
  }
  return LAB_OK;
}

static lab_status parse_flag(const struct norm_oews *z, const struct lab_row *row, int col,
                             bool *out, struct lab_error *err)
{
  const char *t = norm_text(row, z->idx[col]);

  *out = false;
  if (t[0] == '\0' || strcasecmp(t, "false") == 0 || strcmp(t, "0") == 0)
    return LAB_OK;
  if (strcasecmp(t, "true") == 0 || strcmp(t, "1") == 0) {
    *out = true;
    return LAB_OK;
  }
  return field_error(z, row, col, err, "expected TRUE or blank", t);
}

static bool valid_occ_code(const char *c)
{
  for (int i = 0; i < 7; i++) {
    if (i == 2 ? c[i] != '-' : !isdigit((unsigned char)c[i]))
      return false;
  }
  return c[7] == '\0';
}

/* The area of a row, canonical, and its type name. */
static lab_status row_area(struct norm_oews *z, const struct lab_row *row, char *area, size_t size,
                           const char **type, struct lab_error *err)
{
  const char *code = norm_text(row, z->idx[OC_AREA]);
  const char *atype = norm_text(row, z->idx[OC_AREA_TYPE]);
  const char *postal = norm_text(row, z->idx[OC_PRIM_STATE]);
  long t = 0;

  if (atype[0] && lab_num_parse_long(atype, strlen(atype), &t) != LAB_OK)
    return field_error(z, row, OC_AREA_TYPE, err, "expected an OEWS area type 1-6", atype);
  if (code[0]) {
    if (lab_area_canonical(code, (int)t, area, size) != LAB_OK)
      return field_error(z, row, OC_AREA, err, "expected a BLS area code", code);
  } else if (postal[0] && strcmp(postal, "US") != 0) {
    /* state files cut down to PRIM_STATE: resolve the postal code once per run of rows */
    if (strcmp(postal, z->last_state) != 0) {
      struct lab_area a;
      struct lab_error e2;
      lab_status st = lab_store_async_end(z->env.store, err); /* a query: the writer pauses */
      if (!st)
        st = lab_store_area_resolve(z->env.store, postal, &a, &e2) != LAB_OK
                 ? field_error(z, row, OC_PRIM_STATE, err, "expected a state postal code", postal)
                 : lab_store_async_begin(z->env.store, err);
      if (st)
        return st;
      snprintf(z->last_state, sizeof(z->last_state), "%s", postal);
      snprintf(z->last_state_code, sizeof(z->last_state_code), "%s", a.code);
    }
    snprintf(area, size, "%s", z->last_state_code);
  } else {
    snprintf(area, size, "US");
  }
  *type = lab_area_type_name(area, (int)t);
  return LAB_OK;
}

static lab_status oews_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct norm_oews *z = ctx;
  struct lab_oews_record rec;
  char occ[16];
  char area[16];
  char naics[16];
  char key[96];
  const char *type = "nation";
  const char *t;
  bool empty = true;
  bool inserted = false;
  lab_status st;

  for (size_t i = 0; i < row->n && empty; i++)
    empty = row->len[i] == 0;
  if (empty)
    return LAB_OK;
  st = norm_width(row, z->ncols, z->file, err);
  if (st)
    return st;
  memset(&rec, 0, sizeof(rec));
  t = norm_text(row, z->idx[OC_OCC_CODE]);
  while (*t == ' ')
    t++;
  {
    size_t len = strnlen(t, sizeof(occ) - 1);
    memcpy(occ, t, len);
    occ[len] = '\0';
  }
  for (size_t k = strlen(occ); k > 0 && occ[k - 1] == ' '; k--)
    occ[k - 1] = '\0';
  if (!valid_occ_code(occ))
    return field_error(z, row, OC_OCC_CODE, err, "expected an SOC code like 29-9021", t);
  st = row_area(z, row, area, sizeof(area), &type, err);
  if (st)
    return st;
  t = norm_text(row, z->idx[OC_NAICS]);
  {
    const char *n6 = t[0] ? t : "000000";
    size_t len = strnlen(n6, sizeof(naics) - 1);
    memcpy(naics, n6, len);
    naics[len] = '\0';
  }
  if (strcmp(naics, "000000") != 0)
    z->industry_rows = true;
  z->area_types |= area_class_bit(type);
  for (int m = 0; m < LAB_M_COUNT && !st; m++)
    st = parse_measure(z, row, m, &rec.m[m], err);
  if (!st)
    st = parse_flag(z, row, OC_ANNUAL, &rec.annual_only, err);
  if (!st)
    st = parse_flag(z, row, OC_HOURLY, &rec.hourly_only, err);
  if (st)
    return st;
  if (strcmp(area, z->last_area) != 0) {
    st = lab_store_area_put(z->env.store, area, type, norm_text(row, z->idx[OC_AREA_TITLE]),
                            strcmp(type, "state") == 0 || strcmp(type, "territory") == 0
                                ? norm_text(row, z->idx[OC_PRIM_STATE])
                                : NULL,
                            err);
    if (st)
      return st;
    snprintf(z->last_area, sizeof(z->last_area), "%s", area);
  }
  if (!seen_before(z, occ, norm_text(row, z->idx[OC_O_GROUP]))) {
    st = lab_store_occ_put(z->env.store, occ, z->soc, norm_text(row, z->idx[OC_OCC_TITLE]),
                           norm_text(row, z->idx[OC_O_GROUP]), err);
    if (st)
      return st;
  }
  rec.area = area;
  rec.naics = naics;
  rec.own_code = norm_text(row, z->idx[OC_OWN_CODE]);
  rec.occ_code = occ;
  rec.o_group = norm_text(row, z->idx[OC_O_GROUP]);
  rec.naics_title = norm_text(row, z->idx[OC_NAICS_TITLE]);
  /* BLS lists some codes twice (broad and detailed, same values): keep the first */
  {
    const char *parts[4] = {area, naics, rec.own_code, occ};
    size_t k = 0;
    for (int p = 0; p < 4; p++) {
      size_t len = strnlen(parts[p], 20);
      memcpy(key + k, parts[p], len);
      k += len;
      key[k++] = '|';
    }
    key[k] = '\0';
  }
  if (keyset_add(&z->cells, key, &inserted) != LAB_OK)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  if (!inserted) {
    z->dups++;
    return LAB_OK;
  }
  st = lab_store_oews_put(z->env.store, z->release_id, &rec, err);
  if (!st)
    z->rows++;
  return st;
}

static lab_status oews_end(void *ctx, struct lab_error *err)
{
  struct norm_oews *z = ctx;
  const char *scope = z->scope_pending ? scope_from_content(z) : NULL;
  lab_status st = lab_store_async_end(z->env.store, err);

  if (st)
    return st;
  if (z->rows == 0)
    return lab_error_set(err, LAB_ERR_PARSE, "%s: no data rows (expected OEWS estimates)", z->file);
  st = lab_store_release_finish(z->env.store, z->release_id, scope, z->rows, &z->env.sum->replaced,
                                err);
  if (st)
    return st;
  if (scope)
    snprintf(z->env.sum->scope, sizeof(z->env.sum->scope), "%s", scope);
  z->env.sum->rows = z->rows;
  z->env.sum->duplicates = z->dups;
  z->in_table = false;
  return LAB_OK;
}

/* ---------------------------------------------------------------------------- constructor */

lab_status norm_oews_new(const struct norm_env *env, struct norm_oews **out, struct lab_error *err)
{
  struct norm_oews *z = calloc(1, sizeof(*z));

  *out = NULL;
  if (!z)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  z->env = *env;
  z->seen = calloc(SEEN_SLOTS, sizeof(*z->seen)); /* NULL only disables the shortcut */
  keyset_init(&z->cells);
  z->sink.ctx = z;
  z->sink.begin = oews_begin;
  z->sink.row = oews_row;
  z->sink.end = oews_end;
  *out = z;
  return LAB_OK;
}

void norm_oews_free(struct norm_oews *z)
{
  if (!z)
    return;
  lab_store_async_end(z->env.store, NULL); /* a table that ended in an error */
  free_colnames(z);
  free(z->seen);
  keyset_release(&z->cells);
  free(z);
}

const struct lab_sink *norm_oews_sink(struct norm_oews *z)
{
  return &z->sink;
}
