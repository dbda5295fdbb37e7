/*
 * ep_table.c - BLS Employment Projections Table 1.2 as BLS publishes it (occupation.xlsx,
 * https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx) into the projections normalizer.
 *
 * The workbook's headers name the years ("Employment, 2023", "Employment change, percent,
 * 2023–33") and carry footnote marks ("[1]"); titles are indented with spaces to show the
 * hierarchy; "—" marks a missing value. This sink renames the headers to the normalizer's columns
 * by what they say, takes the base and projection years from them to make the release keys
 * (source ep, scope national, vintage BASE-PROJ, as the embedded snapshot spells them), trims the
 * titles' indentation and passes every row on to norm_simple("ep").
 */
#include "datasets/lab_xlsx.h"
#include "datasets/normalize.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EP_MAX_COLS 64

struct ep_table {
  const struct lab_sink *next; /* norm_simple("ep") */
  const char *file;
  size_t n;
  int title_col;
  const char *field[EP_MAX_COLS];
  size_t len[EP_MAX_COLS];
};

/* Does text contain word, ignoring case? */
static int has(const char *text, const char *word)
{
  size_t n = strlen(word);

  for (; *text; text++)
    if (strncasecmp(text, word, n) == 0)
      return 1;
  return 0;
}

/* The normalizer's name for a BLS header, or NULL for a column it does not read. */
static const char *column_of(const char *h, int *employment_seen)
{
  if (has(h, "matrix title"))
    return "occ_title";
  if (has(h, "matrix code"))
    return "occ_code";
  if (has(h, "occupation type"))
    return "occ_type";
  if (has(h, "employment change") && has(h, "numeric"))
    return "change_num";
  if (has(h, "employment change") && has(h, "percent"))
    return "change_pct";
  if (has(h, "employment distribution"))
    return NULL;
  if (strncasecmp(h, "employment,", 11) == 0)
    return (*employment_seen)++ ? "emp_proj" : "emp_base";
  if (has(h, "self employed") || has(h, "self-employed"))
    return "self_emp_pct";
  if (has(h, "openings"))
    return "openings";
  if (has(h, "median annual wage"))
    return "median_wage";
  if (has(h, "education"))
    return "education";
  if (has(h, "work experience"))
    return "experience";
  if (has(h, "on-the-job training"))
    return "training";
  return NULL;
}

/* The first four-digit year in text (0 when none). */
static int year_in(const char *t)
{
  for (; *t; t++)
    if (isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
        isdigit((unsigned char)t[2]) && isdigit((unsigned char)t[3]) &&
        !isdigit((unsigned char)t[4]))
      return atoi(t);
  return 0;
}

static lab_status ep_begin(void *ctx, const struct lab_table_meta *meta,
                           const struct lab_row *header, struct lab_error *err)
{
  struct ep_table *e = ctx;
  char vintage[32], base_s[16], proj_s[16];
  const char *keys[] = {"source", "scope", "vintage", "soc", "title", "base", "proj"};
  const char *values[7];
  struct lab_table_meta m = {.file = meta->file, .nkeys = 7};
  struct lab_row h = *header;
  int employment_seen = 0, base = 0, proj = 0;

  e->title_col = -1;
  if (header->n > EP_MAX_COLS)
    return lab_error_set_at(err, LAB_ERR_PARSE, meta->file, header->line, 1,
                            "%zu columns (expected Table 1.2's 16 or so)", header->n);
  e->n = header->n;
  for (size_t i = 0; i < header->n; i++) {
    const char *c = column_of(header->field[i], &employment_seen);
    e->field[i] = c ? c : header->field[i];
    e->len[i] = strlen(e->field[i]);
    if (c && strcmp(c, "occ_title") == 0)
      e->title_col = (int)i;
    if (c && strcmp(c, "emp_base") == 0)
      base = year_in(header->field[i]);
    if (c && strcmp(c, "emp_proj") == 0)
      proj = year_in(header->field[i]);
  }
  if (base < 1990 || proj <= base)
    return lab_error_set_at(err, LAB_ERR_PARSE, meta->file, header->line, 1,
                            "expected the headers 'Employment, YYYY' for the base and projection "
                            "years (is this BLS Table 1.2?)");
  snprintf(vintage, sizeof(vintage), "%d-%d", base, proj);
  snprintf(base_s, sizeof(base_s), "%d", base);
  snprintf(proj_s, sizeof(proj_s), "%d", proj);
  values[0] = "ep";
  values[1] = "national";
  values[2] = vintage;
  values[3] = "2018";
  values[4] = "BLS Employment Projections, Table 1.2 occupational projections (imported "
              "workbook)";
  values[5] = base_s;
  values[6] = proj_s;
  for (size_t k = 0; k < 7; k++) {
    m.key[k] = keys[k];
    m.value[k] = values[k];
  }
  h.field = e->field;
  h.len = e->len;
  return e->next->begin(e->next->ctx, &m, &h, err);
}

static lab_status ep_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct ep_table *e = ctx;
  const char *field[EP_MAX_COLS];
  size_t len[EP_MAX_COLS];
  struct lab_row r = *row;
  size_t n = row->n < EP_MAX_COLS ? row->n : EP_MAX_COLS;

  for (size_t i = 0; i < n; i++) {
    field[i] = row->field[i];
    len[i] = row->len[i];
  }
  if (e->title_col >= 0 && (size_t)e->title_col < n) {
    while (len[e->title_col] && isspace((unsigned char)*field[e->title_col])) {
      field[e->title_col]++;
      len[e->title_col]--;
    }
  }
  r.n = n;
  r.field = field;
  r.len = len;
  return e->next->row(e->next->ctx, &r, err);
}

static lab_status ep_end(void *ctx, struct lab_error *err)
{
  struct ep_table *e = ctx;

  return e->next->end(e->next->ctx, err);
}

lab_status lab_import_ep_xlsx(struct lab_store *s, const char *path, const char *name,
                              const char *sha256, const char *sheet, struct lab_import_summary *sum,
                              struct lab_error *err)
{
  struct norm_env env = norm_env_import(s, name, sha256, sum);
  struct norm_simple *z = NULL;
  struct ep_table e = {0};
  struct lab_sink sink = {&e, ep_begin, ep_row, ep_end};
  lab_status st;

  memset(sum, 0, sizeof(*sum));
  st = norm_simple_new(&env, "ep", &z, err);
  if (!st) {
    e.next = norm_simple_sink(z);
    e.file = name;
    st = lab_xlsx_read(path, sheet, "*National Employment Matrix code", &sink, err);
  }
  norm_simple_free(z);
  return st;
}
