/*
 * cu_flat.c - the BLS CPI time-series flat file (download.bls.gov/pub/time.series/cu/cu.data.*)
 * into the series normalizer, one row at a time.
 *
 * Every series of the file is stored, as read (norm_simple("cpi") checks each field; the header's
 * footnote_codes is its footnotes column). The release is cpi/national/YEAR where YEAR is the
 * latest year with an annual average (M13) of CPI-U all items (CUUR0000SA0), or the latest year
 * in the file when it has none; the vintage is only known at the end, so the release is created
 * under a placeholder and renamed before it is finished. Nothing but that is held in memory.
 */
#include "common/lab_num.h"
#include "datasets/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CU_HEADLINE "CUUR0000SA0"

struct cu_watch {
  const struct lab_sink *next; /* norm_simple("cpi") */
  struct norm_simple *z;
  struct lab_import_summary *sum;
  struct lab_store *store;
  const char *file;
  int idx[3]; /* series_id, year, period */
  int m13;    /* latest year of CUUR0000SA0 M13 */
  int latest; /* latest year of any row */
  long rows;
};

bool norm_cu_sniff(const char *data, size_t len)
{
  static const char *const want[] = {"series_id", "year", "period", "value"};
  const char *p = data, *nl, *end;

  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  nl = memchr(p, '\n', len - (size_t)(p - data));
  end = nl ? nl : data + len;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(want); i++) {
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    const char *a = p, *b = tab ? tab : end;
    while (a < b && *a == ' ')
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\r'))
      b--;
    if ((size_t)(b - a) != strlen(want[i]) || strncmp(a, want[i], (size_t)(b - a)) != 0)
      return false;
    if (!tab)
      return i + 1 == LAB_ARRAY_SIZE(want);
    p = tab + 1;
  }
  return true;
}

static lab_status cu_begin(void *ctx, const struct lab_table_meta *meta,
                           const struct lab_row *header, struct lab_error *err)
{
  static const char *const names[3] = {"series_id", "year", "period"};
  struct cu_watch *w = ctx;
  const char *keys[] = {"source", "scope", "vintage", "title"};
  const char *values[] = {"cpi", "national", "pending",
                          "BLS CPI time series (cu flat file, imported)"};
  struct lab_table_meta m = {.file = meta->file, .nkeys = 4};
  lab_status st = norm_map(header, w->file, names, 3, NULL, w->idx, err);

  if (st)
    return st;
  for (size_t k = 0; k < 4; k++) {
    m.key[k] = keys[k];
    m.value[k] = values[k];
  }
  return w->next->begin(w->next->ctx, &m, header, err);
}

static lab_status cu_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct cu_watch *w = ctx;
  const char *y = norm_text(row, w->idx[1]);
  long year = 0;
  lab_status st = w->next->row(w->next->ctx, row, err);

  if (st)
    return st; /* the normalizer checked every field: the year is a number from here on */
  lab_num_parse_long(y, strlen(y), &year);
  if (year > w->latest)
    w->latest = (int)year;
  if (year > w->m13 && strcmp(norm_text(row, w->idx[2]), "M13") == 0 &&
      strcmp(norm_text(row, w->idx[0]), CU_HEADLINE) == 0)
    w->m13 = (int)year;
  w->rows++;
  return LAB_OK;
}

static lab_status cu_end(void *ctx, struct lab_error *err)
{
  struct cu_watch *w = ctx;
  int year = w->m13 ? w->m13 : w->latest;
  char vintage[16];
  lab_status st;

  if (w->rows == 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, w->file, 2, 1,
                            "no data rows (expected series_id, year, period and value)");
  snprintf(vintage, sizeof(vintage), "%d", year);
  st = lab_store_release_rename(w->store, norm_simple_release_id(w->z), vintage, year, err);
  if (st)
    return st;
  snprintf(w->sum->vintage, sizeof(w->sum->vintage), "%s", vintage);
  return w->next->end(w->next->ctx, err);
}

lab_status lab_import_cu_data(struct lab_store *s, const char *data, size_t len, const char *name,
                              const char *sha256, struct lab_import_summary *sum,
                              struct lab_error *err)
{
  struct norm_env env = norm_env_import(s, name, sha256, sum);
  struct cu_watch w = {.sum = sum, .store = s, .file = name};
  struct lab_sink sink = {&w, cu_begin, cu_row, cu_end};
  lab_status st;

  memset(sum, 0, sizeof(*sum));
  st = norm_simple_new(&env, "cpi", &w.z, err);
  if (!st) {
    w.next = norm_simple_sink(w.z);
    st = lab_tsv_read(data, len, name, &sink, err);
  }
  norm_simple_free(w.z);
  return st;
}
