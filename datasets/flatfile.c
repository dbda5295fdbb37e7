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
 *
 * The data file (313 MB for a full release) is never held whole: it is read in 1 MiB chunks,
 * once for its SHA-256 (the release row records it, and that row is written before the first
 * cell) and once through lab_tsv_stream into the pivot, which keeps one cell.
 */
#include "common/lab_file.h"
#include "common/lab_num.h"
#include "common/lab_sha256.h"
#include "datasets/flatfile_map.h"
#include "datasets/normalize.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FF_MAX_DATA_BYTES ((size_t)1 << 30)
#define FF_CHUNK ((size_t)1 << 20) /* the data file is read in pieces of this size */
#define FF_DATATYPES 17

/* Measure column of each datatype code 01..17 (oe.datatype). */
static const char *const dt_measure[FF_DATATYPES] = {
    "tot_emp",  "emp_prse", "h_mean",  "a_mean",    "mean_prse",   "h_pct10",
    "h_pct25",  "h_median", "h_pct75", "h_pct90",   "a_pct10",     "a_pct25",
    "a_median", "a_pct75",  "a_pct90", "jobs_1000", "loc_quotient"};

enum { FC_AREA, FC_AREA_TITLE, FC_NAICS, FC_NAICS_TITLE, FC_OCC, FC_OCC_TITLE, FC_GROUP, FC_N };
static const char *const id_cols[FC_N] = {"area",     "area_title", "naics",  "naics_title",
                                          "occ_code", "occ_title",  "o_group"};

/* -------------------------------------------------------------------------- the data pivot */

/* A code's entry in a mapping file, remembered for the next cell (the file is sorted by series
 * id: area and industry change rarely). */
struct ff_lookup {
  char code[8];
  const struct ff_entry *e;
};

struct ff_pivot {
  struct norm_env env;
  struct lab_import_opts opts; /* the caller's, with the year from the data */
  const struct lab_import_opts *user;
  struct norm_oews *z;
  const struct ff_map *area, *occ, *ind;
  const char *file;
  char sha256[65]; /* of the data file, for the release (env.sha256 points here) */
  int idx[5];      /* series_id, year, period, value, footnote_codes */
  size_t need;     /* fields a row must have: up to value */
  char key[24];    /* series id without the datatype: the cell ("" = none) */
  bool skip;       /* the cell is a private-ownership total: not a release-table cell */
  size_t key_line;
  char year_text[20]; /* the year field of the last row, parsed: p->opts.year */
  size_t year_len;
  char val[FF_DATATYPES][24];
  size_t val_len[FF_DATATYPES];
  bool have[FF_DATATYPES];
  char area_code[8], ind_code[8], occ_code[8];
  struct ff_lookup last_area, last_ind, last_occ;
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
  for (int i = 0; !st && i < 4; i++) /* footnote_codes may be absent */
    if ((size_t)p->idx[i] + 1 > p->need)
      p->need = (size_t)p->idx[i] + 1;
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

static const struct ff_entry *lookup(struct ff_lookup *l, const struct ff_map *m, const char *code)
{
  if (strcmp(l->code, code) != 0) {
    snprintf(l->code, sizeof(l->code), "%s", code);
    l->e = ff_map_find(m, code);
  }
  return l->e;
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

  if (!p->key[0] || p->skip)
    return LAB_OK;
  a = lookup(&p->last_area, p->area, p->area_code);
  o = lookup(&p->last_occ, p->occ, p->occ_code);
  ind = lookup(&p->last_ind, p->ind, p->ind_code);
  memcpy(soc, p->occ_code, 2); /* "151212" -> "15-1212" */
  soc[2] = '-';
  memcpy(soc + 3, p->occ_code + 2, 5);
  fields[FC_AREA] = p->area_code;
  /* the release tables call the nation "U.S." where oe.area says "National" */
  fields[FC_AREA_TITLE] = strcmp(p->area_code, "0000000") == 0 ? "U.S." : (a ? a->name : "");
  fields[FC_NAICS] = p->ind_code;
  fields[FC_NAICS_TITLE] = ind ? ind->name : "";
  fields[FC_OCC] = soc;
  fields[FC_OCC_TITLE] = o ? o->name : "";
  fields[FC_GROUP] = o_group_of(o, p->occ_code);
  for (size_t i = 0; i < FC_N; i++)
    len[i] = strlen(fields[i]);
  for (int d = 0; d < FF_DATATYPES; d++) {
    fields[FC_N + d] = p->have[d] ? p->val[d] : "";
    len[FC_N + d] = p->have[d] ? p->val_len[d] : 0;
  }
  for (size_t i = 0; i < row.n; i++)
    column[i] = 1;
  p->key[0] = '\0';
  return norm_oews_sink(p->z)->row(norm_oews_sink(p->z)->ctx, &row, err);
}

/* Digits with at most one '.' between digits, at most 15 of them: a number lab_num_parse() takes,
 * never negative (checked here without its call: one value per row). */
static bool plain_decimal(const char *v, size_t n)
{
  size_t digits = 0;
  bool dot = false;

  for (size_t i = 0; i < n; i++) {
    if (v[i] >= '0' && v[i] <= '9')
      digits++;
    else if (v[i] == '.' && !dot && i > 0 && i + 1 < n)
      dot = true;
    else
      return false;
  }
  return digits > 0 && digits <= 15;
}

/* Check one value and store its release-table spelling in the cell. */
static lab_status take_value(struct ff_pivot *p, const struct lab_row *row, int dt,
                             struct lab_error *err)
{
  const char *v = row->field[p->idx[3]];
  size_t n = row->len[p->idx[3]];
  double x;

  if (n == 1 && v[0] == '-') {
    const char *foot = norm_text(row, p->idx[4]);
    bool wage = dt >= 3 && dt <= 15;
    const char *s = strchr(foot, '5') && wage && dt != 5 ? "#" : (wage ? "*" : "**");
    p->val_len[dt - 1] = strlen(s);
    memcpy(p->val[dt - 1], s, p->val_len[dt - 1] + 1);
  } else if (n >= sizeof(p->val[0]) ||
             (!plain_decimal(v, n) && (lab_num_parse(v, n, false, &x) != LAB_OK || x < 0))) {
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[3]],
                            "expected a non-negative number or '-' as the value, got '%s'", v);
  } else {
    memcpy(p->val[dt - 1], v, n + 1);
    p->val_len[dt - 1] = n;
  }
  p->have[dt - 1] = true;
  return LAB_OK;
}

/* The datatype (01-17) of a series id, 0 when it is none. */
static long datatype_of(const char *id, size_t len)
{
  long dt = 0;

  if (len != 25 || id[0] != 'O' || id[1] != 'E')
    return 0;
  if (id[23] >= '0' && id[23] <= '9' && id[24] >= '0' && id[24] <= '9')
    dt = (id[23] - '0') * 10 + (id[24] - '0');
  else if (lab_num_parse_long(id + 23, 2, &dt) != LAB_OK)
    return 0;
  return dt >= 1 && dt <= FF_DATATYPES ? dt : 0;
}

/* The year of a row: the last row's when the text is the same. */
static lab_status year_of(struct ff_pivot *p, const char *text, size_t n, long *year)
{
  lab_status st;

  if (p->z && n == p->year_len && memcmp(text, p->year_text, n) == 0) {
    *year = p->opts.year;
    return LAB_OK;
  }
  st = lab_num_parse_long(text, n, year);
  if (!st && n < sizeof(p->year_text)) {
    memcpy(p->year_text, text, n);
    p->year_len = n;
  }
  return st;
}

/* A new cell starts at this row's series id. */
static lab_status new_cell(struct ff_pivot *p, const char *id, size_t line, struct lab_error *err)
{
  lab_status st = flush_cell(p, err);

  if (st)
    return st;
  memcpy(p->key, id, 23);
  p->key[23] = '\0';
  p->key_line = line;
  memcpy(p->area_code, id + 4, 7);
  p->area_code[7] = '\0';
  memcpy(p->ind_code, id + 11, 6);
  p->ind_code[6] = '\0';
  memcpy(p->occ_code, id + 17, 6);
  p->occ_code[6] = '\0';
  memset(p->have, 0, sizeof(p->have));
  p->skip = strcmp(p->ind_code, "000001") == 0; /* private-only totals */
  return LAB_OK;
}

static lab_status pivot_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct ff_pivot *p = ctx;
  const char *id, *period;
  long year = 0, dt;
  lab_status st = LAB_OK;

  if (row->n < p->need)
    return norm_width(row, p->need, p->file, err);
  id = row->field[p->idx[0]];
  dt = datatype_of(id, row->len[p->idx[0]]);
  if (dt == 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[0]],
                            "expected a 25-character OEWS series id (OE, U, area type, area, "
                            "industry, occupation, datatype 01-17), got '%s'",
                            id);
  if (year_of(p, row->field[p->idx[1]], row->len[p->idx[1]], &year) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->idx[1]],
                            "expected a year, got '%s'", row->field[p->idx[1]]);
  period = row->field[p->idx[2]];
  if (row->len[p->idx[2]] != 3 || memcmp(period, "A01", 3) != 0)
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
  if (!p->key[0] || memcmp(id, p->key, 23) != 0) {
    st = new_cell(p, id, row->line, err);
    if (st)
      return st;
  }
  if (p->skip)
    return LAB_OK;
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

/* Open the data file with lab_file_read's checks and errors (exists, regular, at most max). */
static lab_status open_data(const char *path, size_t max, FILE **out, struct lab_error *err)
{
  FILE *f = fopen(path, "rb");
  struct stat sb;
  lab_status st = LAB_OK;

  *out = NULL;
  if (!f)
    return lab_error_set(err, errno == ENOENT ? LAB_ERR_NOTFOUND : LAB_ERR_IO,
                         "cannot open '%s': %s", path, strerror(errno));
  if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode))
    st = lab_error_set(err, LAB_ERR_IO, "'%s' is not a regular file", path);
  else if ((size_t)sb.st_size > max)
    st = lab_error_set(err, LAB_ERR_TOOLARGE, "'%s' is larger than %zu bytes", path, max);
  if (st)
    fclose(f);
  else
    *out = f;
  return st;
}

/*
 * Read f from its start in chunks of buf[0..size) into the stream t. Stops at the end of the
 * file, at max bytes (LAB_ERR_TOOLARGE: the file grew), or at the stream's first encoding error;
 * *total = bytes read.
 */
static lab_status read_chunks(FILE *f, const char *path, char *buf, size_t size, size_t max,
                              struct lab_tsv_stream *t, size_t *total, struct lab_error *err)
{
  size_t n;
  lab_status st = LAB_OK;

  *total = 0;
  rewind(f);
  while (!st && (n = fread(buf, 1, size, f)) > 0) {
    *total += n;
    if (*total > max)
      st = lab_error_set(err, LAB_ERR_TOOLARGE, "'%s' is larger than %zu bytes", path, max);
    else
      st = lab_tsv_stream_feed(t, buf, n, err);
  }
  if (!st && ferror(f))
    st = lab_error_set(err, LAB_ERR_IO, "cannot read '%s'", path);
  return st;
}

/* The data file's SHA-256, computed by a thread of its own while the rows are parsed. */
struct hash_job {
  const char *path;
  _Atomic int stop; /* the parse failed: stop reading */
  char hex[65];
  size_t total; /* bytes hashed */
  lab_status st;
  struct lab_error err;
};

static void *hash_main(void *arg)
{
  struct hash_job *h = arg;
  struct lab_sha256 c;
  FILE *f = NULL;
  char *buf = malloc(FF_CHUNK);
  size_t n;

  h->st = buf ? open_data(h->path, FF_MAX_DATA_BYTES, &f, &h->err)
              : lab_error_set(&h->err, LAB_ERR_NOMEM, "out of memory reading '%s'", h->path);
  lab_sha256_init(&c);
  while (!h->st && !h->stop && (n = fread(buf, 1, FF_CHUNK, f)) > 0) {
    h->total += n;
    if (h->total > FF_MAX_DATA_BYTES)
      h->st = lab_error_set(&h->err, LAB_ERR_TOOLARGE, "'%s' is larger than %zu bytes", h->path,
                            (size_t)FF_MAX_DATA_BYTES);
    else
      lab_sha256_update(&c, buf, n);
  }
  if (!h->st && f && ferror(f))
    h->st = lab_error_set(&h->err, LAB_ERR_IO, "cannot read '%s'", h->path);
  lab_sha256_hex(&c, h->hex);
  if (f)
    fclose(f);
  free(buf);
  return NULL;
}

/*
 * The data file, in chunks, through the pivot; its SHA-256 is computed meanwhile on a thread of
 * its own (when one can be started; else first, in this one) and recorded in the release at the
 * end. Memory: one chunk per thread, the stream's copy of it and the pivot's one cell.
 */
static lab_status read_data(const char *path, struct ff_pivot *p, struct lab_error *err)
{
  struct lab_sink sink = {p, pivot_begin, pivot_row, pivot_end};
  struct lab_tsv_stream *t = NULL;
  struct hash_job h = {.path = path};
  pthread_t thread;
  bool aside = false;
  size_t parsed = 0;
  FILE *f = NULL;
  char *buf = malloc(FF_CHUNK);
  lab_status st;

  if (!buf) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading '%s'", path);
    goto out;
  }
  st = open_data(path, FF_MAX_DATA_BYTES, &f, err);
  if (st)
    goto out;
  aside = pthread_create(&thread, NULL, hash_main, &h) == 0;
  if (!aside) {
    hash_main(&h);
    if (h.st) {
      st = h.st;
      *err = h.err;
      goto out;
    }
    p->env.sha256 = h.hex;
  }
  st = lab_tsv_stream_new(path, &sink, &t, err);
  if (!st)
    st = read_chunks(f, path, buf, FF_CHUNK, FF_MAX_DATA_BYTES, t, &parsed, err);
  if (!st)
    st = lab_tsv_stream_end(t, err);
out:
  if (aside) {
    h.stop = st != LAB_OK;
    pthread_join(thread, NULL);
    if (!st && h.st) {
      st = h.st;
      if (err)
        *err = h.err;
    }
  }
  if (!st && parsed != h.total)
    st = lab_error_set(err, LAB_ERR_IO, "'%s' changed while it was read", path);
  if (!st && aside && p->env.sum->release_id)
    st = lab_store_release_set_sha256(p->env.store, p->env.sum->release_id, h.hex, err);
  lab_tsv_stream_free(t);
  if (f)
    fclose(f);
  free(buf);
  return st;
}

lab_status lab_import_oe_flatfile(struct lab_store *s, const char *path,
                                  const struct lab_import_opts *o, struct lab_import_summary *sum,
                                  struct lab_error *err)
{
  struct ff_map area = {.key_col = "area_code", .name_col = "area_name"};
  struct ff_map occ = {.key_col = "occupation_code", .name_col = "occupation_name"};
  struct ff_map ind = {.key_col = "industry_code", .name_col = "industry_name"};
  struct ff_pivot p;
  char dir[1024];
  const char *slash = strrchr(path, '/');
  lab_status st;

  memset(sum, 0, sizeof(*sum));
  memset(&p, 0, sizeof(p));
  snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
  st = ff_map_load(&area, dir, "oe.area", true, err);
  if (!st)
    st = ff_map_load(&occ, dir, "oe.occupation", true, err);
  if (!st)
    st = ff_map_load(&ind, dir, "oe.industry", false, err);
  if (st)
    goto out;
  p.env =
      (struct norm_env){.store = s, .opts = o, .origin_kind = "import", .origin = path, .sum = sum};
  p.user = o;
  p.area = &area;
  p.occ = &occ;
  p.ind = &ind;
  p.file = path;
  st = read_data(path, &p, err);
out:
  norm_oews_free(p.z);
  ff_map_release(&area);
  ff_map_release(&occ);
  ff_map_release(&ind);
  return st;
}
