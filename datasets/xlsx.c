/*
 * xlsx.c - the XLSX reader: picks the sheet, streams its XML through expat and turns <row>/<c>
 * elements into lab_rows for a sink (lab_xlsx.h). Workbook and shared strings: xlsx_book.c.
 */
#include "datasets/lab_xlsx.h"
#include "datasets/rowbuf.h"
#include "datasets/xlsx_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum cell_type { CT_NUM, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR };

struct sheet_state {
  XML_Parser p;
  const char *path;
  const char *part;
  const char *sheet;
  const char *hint;
  const struct xlsx_sst *sst;
  const struct lab_sink *sink;
  struct lab_error *err;
  lab_status st; /* why the parser was stopped */
  struct rowbuf rb;
  struct lab_table_meta meta;
  char *cell; /* text of the current cell's <v> or <is><t> */
  size_t cell_len;
  size_t cell_cap;
  enum cell_type type;
  size_t col;     /* 1-based column of the current cell */
  size_t row_num; /* spreadsheet row number of the current row */
  int in_data;
  int in_row;
  int in_cell;
  int in_is;
  int collect;
  int rph;
  int header_seen;
  size_t header_n;
};

/* Column letters of 1-based col ("A", "AB") into out[8]. */
static void col_name(size_t col, char out[8])
{
  char rev[8];
  size_t n = 0;

  while (col > 0 && n < sizeof(rev) - 1) {
    rev[n++] = (char)('A' + (col - 1) % 26);
    col = (col - 1) / 26;
  }
  for (size_t i = 0; i < n; i++)
    out[i] = rev[n - 1 - i];
  out[n] = '\0';
}

static void stop(struct sheet_state *s, lab_status st)
{
  if (s->st)
    return;
  s->st = st;
  XML_StopParser(s->p, XML_FALSE);
}

/* Record an error at the current cell (file = path, line = row, column = spreadsheet column). */
static void cell_error(struct sheet_state *s, lab_status st, const char *what)
{
  char ref[8];

  col_name(s->col, ref);
  lab_error_set_at(s->err, st, s->path, s->row_num, s->col, "sheet '%s' cell %s%zu: %s", s->sheet,
                   ref, s->row_num, what);
  stop(s, st);
}

/* Parse a cell reference "AB12" into its column; 0 when it has no letters. */
static size_t ref_col(const char *r)
{
  size_t col = 0;

  for (; *r && isalpha((unsigned char)*r); r++) {
    col = col * 26 + (size_t)(toupper((unsigned char)*r) - 'A' + 1);
    if (col > 1u << 20)
      return col;
  }
  return col;
}

static size_t parse_size(const char *text, int *ok)
{
  char *end;
  unsigned long long v;

  *ok = 0;
  while (*text == ' ')
    text++;
  if (!isdigit((unsigned char)*text))
    return 0;
  v = strtoull(text, &end, 10);
  while (*end == ' ')
    end++;
  if (*end || v > (unsigned long long)((size_t)-1))
    return 0;
  *ok = 1;
  return (size_t)v;
}

static enum cell_type parse_type(const char *t)
{
  if (!t || strcmp(t, "n") == 0)
    return CT_NUM;
  if (strcmp(t, "s") == 0)
    return CT_SHARED;
  if (strcmp(t, "inlineStr") == 0)
    return CT_INLINE;
  if (strcmp(t, "b") == 0)
    return CT_BOOL;
  if (strcmp(t, "e") == 0)
    return CT_ERROR;
  return CT_STR;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
  struct sheet_state *s = ud;
  const char *local = xlsx_local(name);

  if (strcmp(local, "sheetData") == 0) {
    s->in_data = 1;
  } else if (s->in_data && strcmp(local, "row") == 0) {
    const char *r = xlsx_attr(atts, "r");
    int ok = 0;
    size_t num = r ? parse_size(r, &ok) : 0;
    s->row_num = ok && num > 0 ? num : s->row_num + 1;
    s->in_row = 1;
    rowbuf_clear(&s->rb);
  } else if (s->in_row && strcmp(local, "c") == 0) {
    const char *r = xlsx_attr(atts, "r");
    size_t col = r ? ref_col(r) : 0;
    s->col = col ? col : s->rb.n + 1;
    s->type = parse_type(xlsx_attr(atts, "t"));
    s->cell_len = 0;
    s->in_cell = 1;
  } else if (s->in_cell && strcmp(local, "v") == 0) {
    s->collect = 1;
  } else if (s->in_cell && strcmp(local, "is") == 0) {
    s->in_is = 1;
  } else if (s->in_is && strcmp(local, "rPh") == 0) {
    s->rph++;
  } else if (s->in_is && !s->rph && strcmp(local, "t") == 0) {
    s->collect = 1;
  }
}

static void XMLCALL sheet_text(void *ud, const XML_Char *text, int n)
{
  struct sheet_state *s = ud;
  size_t need;

  if (!s->collect || n <= 0)
    return;
  if ((size_t)n > ROWBUF_MAX_FIELD - s->cell_len) {
    cell_error(s, LAB_ERR_TOOLARGE, "cell text longer than the field limit");
    return;
  }
  need = s->cell_len + (size_t)n + 1;
  if (need > s->cell_cap) {
    size_t cap = s->cell_cap ? s->cell_cap : 256;
    char *p;
    while (cap < need)
      cap *= 2;
    p = realloc(s->cell, cap);
    if (!p) {
      stop(s, lab_error_set(s->err, LAB_ERR_NOMEM, "out of memory reading %s", s->path));
      return;
    }
    s->cell = p;
    s->cell_cap = cap;
  }
  memcpy(s->cell + s->cell_len, text, (size_t)n);
  s->cell_len += (size_t)n;
}

/* Append the finished cell to the row, padding skipped columns with "". */
static void finish_cell(struct sheet_state *s)
{
  const char *value = s->cell ? s->cell : "";
  size_t len = s->cell_len;
  char msg[128];
  lab_status st = LAB_OK;

  if (s->cell)
    s->cell[s->cell_len] = '\0';
  if (s->type == CT_SHARED) {
    int ok = 0;
    size_t idx = parse_size(value, &ok);
    if (!ok) {
      snprintf(msg, sizeof(msg), "bad shared string index '%.40s'", value);
      cell_error(s, LAB_ERR_PARSE, msg);
      return;
    }
    if (idx >= s->sst->n) {
      snprintf(msg, sizeof(msg), "shared string index %zu past the table (%zu strings)", idx,
               s->sst->n);
      cell_error(s, LAB_ERR_PARSE, msg);
      return;
    }
    value = s->sst->text + s->sst->off[idx];
    len = s->sst->len[idx];
  } else if (s->type == CT_BOOL && len == 1 && (value[0] == '0' || value[0] == '1')) {
    value = value[0] == '1' ? "TRUE" : "FALSE";
    len = strlen(value);
  }
  if (s->col > ROWBUF_MAX_FIELDS) {
    cell_error(s, LAB_ERR_TOOLARGE, "column past the column limit");
    return;
  }
  if (s->col <= s->rb.n) {
    cell_error(s, LAB_ERR_PARSE, "cell out of column order");
    return;
  }
  while (!st && s->rb.n + 1 < s->col) {
    st = rowbuf_field_start(&s->rb, s->rb.n + 1);
    if (!st)
      st = rowbuf_field_end(&s->rb);
  }
  if (!st)
    st = rowbuf_field_start(&s->rb, s->col);
  if (!st)
    st = rowbuf_field_add(&s->rb, value, len);
  if (!st)
    st = rowbuf_field_end(&s->rb);
  if (st)
    cell_error(s, st, lab_strerror(st));
}

/* Does the trimmed field equal hint (or, for "*suffix", end with suffix), ignoring ASCII case? */
static int field_is(const char *f, size_t len, const char *hint)
{
  int suffix = hint[0] == '*';
  size_t hl;

  if (suffix)
    hint++;
  hl = strlen(hint);
  while (len && isspace((unsigned char)*f)) {
    f++;
    len--;
  }
  while (len && isspace((unsigned char)f[len - 1]))
    len--;
  while (hl && isspace((unsigned char)*hint)) {
    hint++;
    hl--;
  }
  while (hl && isspace((unsigned char)hint[hl - 1]))
    hl--;
  if (suffix && len > hl) {
    f += len - hl;
    len = hl;
  }
  if (len != hl)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (tolower((unsigned char)f[i]) != tolower((unsigned char)hint[i]))
      return 0;
  return 1;
}

/* A finished row: find the header, skip empty and note rows, pass data rows to the sink. */
static void finish_row(struct sheet_state *s)
{
  struct rowbuf *rb = &s->rb;
  struct lab_row row;
  size_t nonempty = 0;
  lab_status st = LAB_OK;

  while (rb->n && rb->len[rb->n - 1] == 0)
    rb->n--; /* trailing empty cells (styled but blank) */
  for (size_t i = 0; i < rb->n; i++)
    nonempty += rb->len[i] > 0;
  if (!nonempty)
    return;
  if (!s->header_seen) {
    int found = !s->hint;
    for (size_t i = 0; i < rb->n && !found; i++)
      found = field_is(rb->text + rb->start[i], rb->len[i], s->hint);
    if (!found)
      return;
    s->header_seen = 1;
    s->header_n = rb->n;
    rowbuf_view(rb, s->row_num, &row);
    st = s->sink->begin(s->sink->ctx, &s->meta, &row, s->err);
    if (st)
      stop(s, st);
    return;
  }
  if (s->header_n >= 3 && nonempty == 1 && rb->len[0] > 0)
    return; /* a note under the table */
  while (!st && rb->n < s->header_n) {
    st = rowbuf_field_start(rb, rb->n + 1);
    if (!st)
      st = rowbuf_field_end(rb);
  }
  if (st) {
    cell_error(s, st, lab_strerror(st));
    return;
  }
  rowbuf_view(rb, s->row_num, &row);
  st = s->sink->row(s->sink->ctx, &row, s->err);
  if (st) {
    rowbuf_locate(s->err, s->path, s->row_num);
    stop(s, st);
  }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
  struct sheet_state *s = ud;
  const char *local = xlsx_local(name);

  if (strcmp(local, "v") == 0 || strcmp(local, "t") == 0) {
    s->collect = 0;
  } else if (strcmp(local, "rPh") == 0) {
    if (s->rph)
      s->rph--;
  } else if (strcmp(local, "is") == 0) {
    s->in_is = 0;
  } else if (s->in_cell && strcmp(local, "c") == 0) {
    s->in_cell = 0;
    s->collect = 0;
    finish_cell(s);
  } else if (s->in_row && strcmp(local, "row") == 0) {
    s->in_row = 0;
    finish_row(s);
  } else if (strcmp(local, "sheetData") == 0) {
    s->in_data = 0;
  }
}

/* Pick the sheet by name, "#N" or NULL; LAB_ERR_NOTFOUND lists the names. */
static lab_status pick_sheet(const struct xlsx_book *b, const char *path, const char *sheet,
                             size_t *idx, struct lab_error *err)
{
  char names[360];
  size_t used = 0;

  if (!sheet && b->n) {
    *idx = 0;
    return LAB_OK;
  }
  if (sheet && sheet[0] == '#') {
    int ok = 0;
    size_t n = parse_size(sheet + 1, &ok);
    if (ok && n >= 1 && n <= b->n) {
      *idx = n - 1;
      return LAB_OK;
    }
  } else if (sheet) {
    for (size_t i = 0; i < b->n; i++)
      if (strcmp(b->name[i], sheet) == 0) {
        *idx = i;
        return LAB_OK;
      }
  }
  names[0] = '\0';
  for (size_t i = 0; i < b->n && used < sizeof(names); i++) {
    int w = snprintf(names + used, sizeof(names) - used, "%s'%s'", i ? ", " : "", b->name[i]);
    if (w < 0)
      break;
    used += (size_t)w;
  }
  return lab_error_set(err, LAB_ERR_NOTFOUND, "%s: no sheet '%s' (sheets: %s)", path,
                       sheet ? sheet : "#1", b->n ? names : "none");
}

static lab_status open_zip(const char *path, zip_t **za, struct lab_error *err)
{
  int code = 0;
  zip_error_t ze;
  lab_status st = LAB_OK;

  *za = zip_open(path, ZIP_RDONLY, &code);
  if (*za)
    return LAB_OK;
  zip_error_init_with_code(&ze, code);
  if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ)
    st = lab_error_set(err, LAB_ERR_IO, "%s: cannot open: %s", path, zip_error_strerror(&ze));
  else
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: not an xlsx file (zip: %s)", path,
                       zip_error_strerror(&ze));
  zip_error_fini(&ze);
  return st;
}

lab_status lab_xlsx_read(const char *path, const char *sheet, const char *header_hint,
                         const struct lab_sink *sink, struct lab_error *err)
{
  zip_t *za = NULL;
  struct xlsx_book book;
  struct xlsx_sst sst;
  struct sheet_state s;
  size_t idx = 0;
  int stopped = 0;
  lab_status st;

  memset(&book, 0, sizeof(book));
  memset(&sst, 0, sizeof(sst));
  memset(&s, 0, sizeof(s));
  rowbuf_init(&s.rb);
  st = open_zip(path, &za, err);
  if (st)
    goto out;
  st = xlsx_book_read(za, path, &book, err);
  if (st)
    goto out;
  st = pick_sheet(&book, path, sheet, &idx, err);
  if (st)
    goto out;
  st = xlsx_sst_read(za, path, book.sst_part ? book.sst_part : "xl/sharedStrings.xml", &sst, err);
  if (st)
    goto out;
  s.path = path;
  s.part = book.part[idx];
  s.sheet = book.name[idx];
  s.hint = header_hint;
  s.sst = &sst;
  s.sink = sink;
  s.err = err;
  s.meta.file = path;
  s.p = XML_ParserCreate("UTF-8");
  if (!s.p) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory creating an XML parser");
    goto out;
  }
  XML_SetUserData(s.p, &s);
  XML_SetElementHandler(s.p, sheet_start, sheet_end);
  XML_SetCharacterDataHandler(s.p, sheet_text);
  st = xlsx_stream_part(za, path, s.part, s.p, &stopped, err);
  if (st == LAB_ERR_NOTFOUND)
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: sheet '%s' names missing part %s", path, s.sheet,
                       s.part);
  if (stopped)
    st = s.st;
  if (st)
    goto out;
  if (!s.header_seen) {
    if (header_hint)
      st = lab_error_set_at(err, LAB_ERR_PARSE, path, 0, 0,
                            "no header row containing '%s' in sheet '%s'", header_hint, s.sheet);
    else
      st = lab_error_set_at(err, LAB_ERR_PARSE, path, 0, 0,
                            "no header row in sheet '%s' (it has no non-empty row)", s.sheet);
    goto out;
  }
  st = sink->end(sink->ctx, err);
out:
  if (s.p)
    XML_ParserFree(s.p);
  free(s.cell);
  rowbuf_release(&s.rb);
  xlsx_sst_release(&sst);
  xlsx_book_release(&book);
  if (za)
    zip_discard(za);
  return st;
}

lab_status lab_xlsx_has_sheet(const char *path, const char *name, bool *has, struct lab_error *err)
{
  zip_t *za = NULL;
  struct xlsx_book book;
  lab_status st;

  *has = false;
  memset(&book, 0, sizeof(book));
  st = open_zip(path, &za, err);
  if (!st)
    st = xlsx_book_read(za, path, &book, err);
  for (size_t i = 0; !st && i < book.n; i++)
    *has = *has || strcmp(book.name[i], name) == 0;
  xlsx_book_release(&book);
  if (za)
    zip_discard(za);
  return st;
}
