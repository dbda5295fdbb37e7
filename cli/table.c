/*
 * table.c - tabular output as aligned text, CSV or JSON.
 */
#include "cli/cli.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

struct cli_table {
  size_t ncols;
  char **names;
  bool *numeric;
  char **cells; /* nrows * ncols */
  size_t nrows;
  size_t cap;
};

struct cli_table *cli_table_new(size_t ncols, const char *const *names, const bool *numeric)
{
  struct cli_table *t = calloc(1, sizeof(*t));

  if (!t)
    return NULL;
  t->ncols = ncols;
  t->names = calloc(ncols, sizeof(*t->names));
  t->numeric = calloc(ncols, sizeof(*t->numeric));
  if (!t->names || !t->numeric) {
    cli_table_free(t);
    return NULL;
  }
  for (size_t i = 0; i < ncols; i++) {
    t->names[i] = strdup(names[i]);
    t->numeric[i] = numeric ? numeric[i] : false;
    if (!t->names[i]) {
      cli_table_free(t);
      return NULL;
    }
  }
  return t;
}

void cli_table_free(struct cli_table *t)
{
  if (!t)
    return;
  for (size_t i = 0; t->names && i < t->ncols; i++)
    free(t->names[i]);
  for (size_t i = 0; i < t->nrows * t->ncols; i++)
    free(t->cells[i]);
  free(t->names);
  free(t->numeric);
  free(t->cells);
  free(t);
}

bool cli_table_add(struct cli_table *t, const char *const *cells)
{
  if (t->nrows >= t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 16;
    char **p = realloc(t->cells, cap * t->ncols * sizeof(*p));
    if (!p)
      return false;
    t->cells = p;
    t->cap = cap;
  }
  for (size_t i = 0; i < t->ncols; i++) {
    t->cells[t->nrows * t->ncols + i] = strdup(cells[i] ? cells[i] : "");
    if (!t->cells[t->nrows * t->ncols + i]) {
      for (size_t k = 0; k < i; k++)
        free(t->cells[t->nrows * t->ncols + k]);
      return false;
    }
  }
  t->nrows++;
  return true;
}

size_t cli_table_rows(const struct cli_table *t)
{
  return t->nrows;
}

/* Text mode clips cells of inner columns to this many characters ("..." marks the cut);
   CSV and JSON always carry the whole text. */
#define TEXT_MAX_CELL 64

/* Display width: UTF-8 code points. */
static size_t width(const char *s)
{
  size_t w = 0;

  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80)
      w++;
  return w;
}

void cli_csv_field(FILE *out, const char *s)
{
  if (strpbrk(s, ",\"\r\n") == NULL) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

/* Byte length of the first `chars` code points of s. */
static size_t prefix_bytes(const char *s, size_t chars)
{
  size_t i = 0;

  for (size_t c = 0; s[i] && c <= chars; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == chars)
      break;
  return i;
}

static size_t cell_width(const struct cli_table *t, size_t c, const char *s)
{
  size_t w = width(s);

  return c + 1 < t->ncols && w > TEXT_MAX_CELL ? TEXT_MAX_CELL : w;
}

static void print_cell(FILE *out, const char *s, size_t w, bool clip)
{
  if (clip && width(s) > w) {
    fprintf(out, "%.*s...", (int)prefix_bytes(s, w - 3), s);
    return;
  }
  fputs(s, out);
}

static void print_text(const struct cli_table *t, const bool *hide, FILE *out)
{
  size_t *w = calloc(t->ncols, sizeof(*w));

  if (!w)
    return;
  for (size_t c = 0; c < t->ncols; c++) {
    w[c] = width(t->names[c]);
    for (size_t r = 0; r < t->nrows; r++) {
      size_t cw = cell_width(t, c, t->cells[r * t->ncols + c]);
      w[c] = cw > w[c] ? cw : w[c];
    }
  }
  for (size_t r = 0; r <= t->nrows; r++) {
    bool first = true;
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c];
      size_t sw = cell_width(t, c, s);
      size_t pad = w[c] - sw;
      if (hide && hide[c])
        continue;
      if (!first)
        fputs("  ", out);
      if (t->numeric[c])
        fprintf(out, "%*s", (int)pad, "");
      print_cell(out, s, sw, c + 1 < t->ncols);
      if (!t->numeric[c] && c + 1 < t->ncols)
        fprintf(out, "%*s", (int)pad, "");
      first = false;
    }
    fputc('\n', out);
  }
  free(w);
}

static void print_csv(const struct cli_table *t, FILE *out)
{
  for (size_t r = 0; r <= t->nrows; r++) {
    for (size_t c = 0; c < t->ncols; c++) {
      if (c)
        fputc(',', out);
      cli_csv_field(out, r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c]);
    }
    fputc('\n', out);
  }
}

static void print_json(const struct cli_table *t, FILE *out)
{
  cJSON *arr = cJSON_CreateArray();
  char *text;

  for (size_t r = 0; arr && r < t->nrows; r++) {
    cJSON *o = cJSON_CreateObject();
    for (size_t c = 0; o && c < t->ncols; c++) {
      const char *s = t->cells[r * t->ncols + c];
      double v;
      if (t->numeric[c] && s[0] == '\0')
        cJSON_AddNullToObject(o, t->names[c]);
      else if (t->numeric[c] && lab_num_parse(s, strlen(s), false, &v) == LAB_OK)
        cJSON_AddNumberToObject(o, t->names[c], v);
      else
        cJSON_AddStringToObject(o, t->names[c], s);
    }
    cJSON_AddItemToArray(arr, o);
  }
  text = arr ? cJSON_Print(arr) : NULL;
  if (text)
    fprintf(out, "%s\n", text);
  free(text);
  cJSON_Delete(arr);
}

void cli_table_print(const struct cli_table *t, enum cli_format fmt, const bool *hide, FILE *out)
{
  if (fmt == CLI_CSV)
    print_csv(t, out);
  else if (fmt == CLI_JSON)
    print_json(t, out);
  else
    print_text(t, hide, out);
}
