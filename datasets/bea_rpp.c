/*
 * bea_rpp.c - BEA's SARPP state table (SARPP_STATE_2008_2023.csv, inside SARPP.zip) into the
 * price-parity normalizer.
 *
 * The table is wide: GeoFIPS, GeoName, Region, TableName, LineCode, IndustryClassification,
 * Description, Unit, then one column per year. Rows start with a space before the quoted GeoFIPS
 * (the CSV reader absorbs it) and the file ends in quoted one-field note lines. Only LineCode 5
 * ("RPPs: All items") is kept; each of its year cells becomes one row (area, year, value) of
 * norm_simple("rpp"), with the cell's own line and column for errors. GeoFIPS "00000" is the
 * nation ("US"), "SS000" the state SS; BEA's regions (91000-98000) are skipped.
 */
#include "common/lab_num.h"
#include "datasets/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RPP_MAX_YEARS 128
#define RPP_LINE_ALL_ITEMS 5

struct rpp_pivot {
  const struct lab_sink *next; /* norm_simple("rpp") */
  const char *file;
  size_t width;  /* fields of the header */
  int geo, line; /* columns of GeoFIPS and LineCode */
  size_t nyears; /* year columns */
  int ycol[RPP_MAX_YEARS];
  char ytext[RPP_MAX_YEARS][8];
  long kept; /* LineCode 5 rows */
};

bool norm_rpp_sniff(const char *data, size_t len)
{
  static const char head[] = "GeoFIPS,GeoName,";

  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    data += 3;
    len -= 3;
  }
  return len >= sizeof(head) - 1 && strncmp(data, head, sizeof(head) - 1) == 0;
}

/* A four-digit year header ("2008"); 0 otherwise. */
static int year_of(const char *t)
{
  long y = 0;

  if (strlen(t) != 4 || lab_num_parse_long(t, 4, &y) != LAB_OK || y < 1900 || y > 2200)
    return 0;
  return (int)y;
}

static lab_status rpp_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  static const char *const names[] = {"area", "year", "value"};
  static const size_t lens[] = {4, 4, 5}, cols[] = {1, 2, 3};
  struct rpp_pivot *p = ctx;
  struct lab_row h = {.n = 3, .field = names, .len = lens, .column = cols, .line = header->line};
  const char *keys[] = {"source", "scope", "vintage", "title"};
  const char *values[4];
  struct lab_table_meta m = {.file = meta->file, .nkeys = 4};
  int last = 0;

  p->geo = p->line = -1;
  p->width = header->n;
  for (size_t i = 0; i < header->n; i++) {
    int y = year_of(header->field[i]);
    if (strcasecmp(header->field[i], "GeoFIPS") == 0)
      p->geo = (int)i;
    else if (strcasecmp(header->field[i], "LineCode") == 0)
      p->line = (int)i;
    else if (y && p->nyears < RPP_MAX_YEARS) {
      p->ycol[p->nyears] = (int)i;
      snprintf(p->ytext[p->nyears++], sizeof(p->ytext[0]), "%d", y);
      last = y > last ? y : last;
    }
  }
  if (p->geo < 0 || p->line < 0 || p->nyears == 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, meta->file, header->line, 1,
                            "expected BEA's SARPP header: GeoFIPS, LineCode and year columns");
  values[0] = "rpp";
  values[1] = "state";
  values[2] = p->ytext[0];
  for (size_t i = 0; i < p->nyears; i++)
    if (atoi(p->ytext[i]) == last)
      values[2] = p->ytext[i];
  values[3] = "BEA regional price parities, all items (SARPP LineCode 5, imported)";
  for (size_t k = 0; k < 4; k++) {
    m.key[k] = keys[k];
    m.value[k] = values[k];
  }
  return p->next->begin(p->next->ctx, &m, &h, err);
}

/* Canonical area of a GeoFIPS code; "" for a BEA region (skipped). */
static lab_status area_of(const struct rpp_pivot *p, const struct lab_row *row, char *out,
                          size_t size, struct lab_error *err)
{
  const char *g = norm_text(row, p->geo);
  long v = 0;

  if (strlen(g) != 5 || lab_num_parse_long(g, 5, &v) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->geo],
                            "expected a 5-digit GeoFIPS code, got '%.20s'", g);
  if (v == 0)
    snprintf(out, size, "US");
  else if (v >= 91000 && v <= 98000 && v % 1000 == 0)
    out[0] = '\0';
  else if (v % 1000 == 0 && v / 1000 <= 78)
    snprintf(out, size, "%.2s", g);
  else
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->geo],
                            "expected a state GeoFIPS code (SS000, 00000 for the U.S.), got '%s'",
                            g);
  return LAB_OK;
}

static lab_status rpp_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct rpp_pivot *p = ctx;
  const char *lc;
  char area[8];
  long code = 0;
  lab_status st;

  if (row->n == 1) /* BEA's trailing note lines */
    return LAB_OK;
  st = norm_width(row, p->width, p->file, err);
  if (st)
    return st;
  lc = norm_text(row, p->line);
  if (lab_num_parse_long(lc, strlen(lc), &code) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, row->line, row->column[p->line],
                            "expected a LineCode number, got '%.20s'", lc);
  if (code != RPP_LINE_ALL_ITEMS)
    return LAB_OK;
  st = area_of(p, row, area, sizeof(area), err);
  if (st || !area[0])
    return st;
  p->kept++;
  for (size_t i = 0; i < p->nyears && !st; i++) {
    const char *v = norm_text(row, p->ycol[i]);
    const char *fields[3] = {area, p->ytext[i], strcmp(v, "(NA)") == 0 ? "" : v};
    size_t lens[3],
        cols[3] = {row->column[p->geo], row->column[p->ycol[i]], row->column[p->ycol[i]]};
    struct lab_row r = {.n = 3, .field = fields, .len = lens, .column = cols, .line = row->line};
    for (size_t k = 0; k < 3; k++)
      lens[k] = strlen(fields[k]);
    st = p->next->row(p->next->ctx, &r, err);
  }
  return st;
}

static lab_status rpp_end(void *ctx, struct lab_error *err)
{
  struct rpp_pivot *p = ctx;

  if (p->kept == 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, p->file, 2, 1,
                            "no LineCode 5 rows (expected BEA's \"RPPs: All items\")");
  return p->next->end(p->next->ctx, err);
}

lab_status lab_import_rpp_csv(struct lab_store *s, const char *data, size_t len, const char *name,
                              const char *sha256, struct lab_import_summary *sum,
                              struct lab_error *err)
{
  struct norm_env env = norm_env_import(s, name, sha256, sum);
  struct norm_simple *z = NULL;
  struct rpp_pivot *p = calloc(1, sizeof(*p));
  struct lab_sink sink = {p, rpp_begin, rpp_row, rpp_end};
  lab_status st;

  memset(sum, 0, sizeof(*sum));
  if (!p) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  p->file = name;
  st = norm_simple_new(&env, "rpp", &z, err);
  if (st)
    goto out;
  p->next = norm_simple_sink(z);
  st = lab_csv_read(data, len, name, &sink, err);
out:
  norm_simple_free(z);
  free(p);
  return st;
}
