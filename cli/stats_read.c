/*
 * stats_read.c - (cli/) reading the user's CSV file for `laborstat stats`: a lab_csv_read sink
 * that collects the columns asked for as doubles, counting (summary) or refusing (regress)
 * missing and non-numeric cells.
 */
#include "cli/stats.h"
#include "common/lab_file.h"
#include "common/lab_num.h"
#include "datasets/lab_table.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define STATS_MAX_BYTES ((size_t)1 << 30) /* the same cap as `laborstat import` */

/* ------------------------------------------------------------------------ reading the file */

void cli_stats_collect_release(struct collect *c)
{
  for (size_t i = 0; i < c->ncol; i++) {
    free(c->col[i].name);
    free(c->col[i].v);
  }
  free(c->col);
  c->col = NULL;
  c->ncol = 0;
}

static void trim(const char **s, size_t *n)
{
  while (*n > 0 && (**s == ' ' || **s == '\t')) {
    (*s)++;
    (*n)--;
  }
  while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
    (*n)--;
}

static bool is_missing(const char *s, size_t n)
{
  static const char *const tokens[] = {"NA", "N/A", "NaN", "null", "-", "."};

  trim(&s, &n);
  if (n == 0)
    return true;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(tokens); i++)
    if (strlen(tokens[i]) == n && strncasecmp(tokens[i], s, n) == 0)
      return true;
  return false;
}

/* Header field index of `name`: an exact match (blanks trimmed) first, else a case-insensitive
 * one. */
static bool find_field(const struct lab_row *h, const char *name, size_t *idx)
{
  size_t want = strlen(name);

  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < h->n; i++) {
      const char *s = h->field[i];
      size_t n = h->len[i];
      trim(&s, &n);
      if (n == want && (pass == 0 ? strncmp(s, name, n) : strncasecmp(s, name, n)) == 0) {
        *idx = i;
        return true;
      }
    }
  }
  return false;
}

static lab_status add_column(struct collect *c, const char *name, size_t len, size_t field,
                             struct lab_error *err)
{
  struct column *col = &c->col[c->ncol];

  col->name = strndup(name, len);
  if (!col->name)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  col->field = field;
  c->ncol++;
  return LAB_OK;
}

static lab_status sink_begin(void *ctx, const struct lab_table_meta *meta,
                             const struct lab_row *header, struct lab_error *err)
{
  struct collect *c = ctx;
  size_t want = c->want ? c->nwant : header->n;
  lab_status st;

  (void)meta;
  c->nheader = header->n;
  c->col = calloc(want, sizeof(*c->col));
  if (!c->col)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < want; i++) {
    size_t idx = i;
    if (c->want && !find_field(header, c->want[i], &idx)) {
      char names[400] = "";
      size_t used = 0;
      for (size_t k = 0; k < header->n && used + 1 < sizeof(names); k++)
        used += (size_t)snprintf(names + used, sizeof(names) - used, "%s'%s'", k ? ", " : "",
                                 header->field[k]);
      return lab_error_set_at(err, LAB_ERR_NOTFOUND, c->file, header->line, 1,
                              "no column '%s' in the header (it has %s)", c->want[i], names);
    }
    st = add_column(c, header->field[idx], header->len[idx], idx, err);
    if (st)
      return st;
  }
  return LAB_OK;
}

static lab_status push(struct column *col, double v, struct lab_error *err)
{
  if (col->n == col->cap) {
    size_t cap = col->cap ? col->cap * 2 : 256;
    double *p = realloc(col->v, cap * sizeof(*p));
    if (!p)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory for column '%s'", col->name);
    col->v = p;
    col->cap = cap;
  }
  col->v[col->n++] = v;
  return LAB_OK;
}

static lab_status sink_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct collect *c = ctx;

  if (row->n != c->nheader) {
    size_t at = row->n < c->nheader ? row->n - 1 : c->nheader;
    return lab_error_set_at(err, LAB_ERR_PARSE, c->file, row->line, row->column[at],
                            "this row has %zu fields but the header has %zu", row->n, c->nheader);
  }
  c->rows++;
  for (size_t i = 0; i < c->ncol; i++) {
    struct column *col = &c->col[i];
    const char *s = row->field[col->field];
    size_t n = row->len[col->field];
    double v;
    lab_status st;
    if (lab_num_parse(s, n, true, &v) == LAB_OK) {
      st = push(col, v, err);
      if (st)
        return st;
      continue;
    }
    if (c->strict)
      return lab_error_set_at(err, LAB_ERR_PARSE, c->file, row->line, row->column[col->field],
                              is_missing(s, n) ? "missing value in column '%s' ('%s')"
                                               : "expected a number in column '%s', got '%s'",
                              col->name, s);
    if (is_missing(s, n))
      col->missing++;
    else
      col->text++;
  }
  return LAB_OK;
}

static lab_status sink_end(void *ctx, struct lab_error *err)
{
  (void)ctx;
  (void)err;
  return LAB_OK;
}

/* Read `path` and collect the named columns (all columns when want == NULL). */
lab_status cli_stats_collect_file(const char *path, const char *const *want, size_t nwant,
                                  bool strict, struct collect *c, struct lab_error *err)
{
  struct lab_sink sink = {.ctx = c, .begin = sink_begin, .row = sink_row, .end = sink_end};
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  *c = (struct collect){.file = path, .want = want, .nwant = nwant, .strict = strict};
  st = lab_file_read(path, STATS_MAX_BYTES, &data, &len, err);
  if (!st)
    st = lab_csv_read(data, len, path, &sink, err);
  free(data);
  return st;
}
