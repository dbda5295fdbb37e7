/*
 * xlsx_sheet.c - what a worksheet's <row>/<c> elements mean, whichever parser reads the XML: the
 * row scanner (xlsx_scan.c) or expat (the callbacks below). Both call xlsx_sheet_start/_text/_end;
 * this file turns them into lab_rows, finds the header and calls the sink. xlsx_sheet_read runs
 * the scanner and, where it gives up, expat over the whole part again, skipping the sink calls
 * the scanner already made (they are a prefix of expat's).
 */
#include "datasets/lab_xlsx.h"
#include "datasets/rowbuf.h"
#include "datasets/xlsx_internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum cell_type { CT_NUM, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR };

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

static void stop(struct xlsx_sheet *s, lab_status st)
{
  if (s->st)
    return;
  s->st = st;
  if (s->p)
    XML_StopParser(s->p, XML_FALSE);
}

/* Record an error at the current cell (file = path, line = row, column = spreadsheet column). */
static void cell_error(struct xlsx_sheet *s, lab_status st, const char *what)
{
  char ref[8];

  col_name(s->col, ref);
  lab_error_set_at(s->err, st, s->path, s->row_num, s->col, "sheet '%s' cell %s%zu: %s", s->sheet,
                   ref, s->row_num, what);
  stop(s, st);
}

/* The column of a cell reference "AB12" (its leading letters); 0 when it has none. */
static size_t ref_col(const char *r, size_t n)
{
  size_t col = 0;

  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)r[i];
    if (c >= 'a' && c <= 'z')
      c = (unsigned char)(c - 'a' + 'A');
    if (c < 'A' || c > 'Z')
      break;
    col = col * 26 + (size_t)(c - 'A' + 1);
    if (col > 1u << 20)
      break;
  }
  return col;
}

/* Decimal digits with optional spaces around them (strtoull's saturation on overflow). */
static size_t parse_size(const char *t, size_t n, int *ok)
{
  unsigned long long v = 0;
  size_t i = 0;
  int sat = 0;

  *ok = 0;
  while (i < n && t[i] == ' ')
    i++;
  if (i == n || t[i] < '0' || t[i] > '9')
    return 0;
  for (; i < n && t[i] >= '0' && t[i] <= '9'; i++) {
    unsigned d = (unsigned)(t[i] - '0');
    if (v > (ULLONG_MAX - d) / 10)
      sat = 1;
    else
      v = v * 10 + d;
  }
  if (sat)
    v = ULLONG_MAX;
  while (i < n && t[i] == ' ')
    i++;
  if (i != n || v > (unsigned long long)SIZE_MAX)
    return 0;
  *ok = 1;
  return (size_t)v;
}

/* The t attribute: n(umber, also when absent), s(hared), inlineStr, b(oolean), e(rror), else a
 * string (str). */
static enum cell_type parse_type(const char *t, size_t n)
{
  if (!t)
    return CT_NUM;
  if (n == 1) {
    switch (t[0]) {
    case 'n':
      return CT_NUM;
    case 's':
      return CT_SHARED;
    case 'b':
      return CT_BOOL;
    case 'e':
      return CT_ERROR;
    default:
      return CT_STR;
    }
  }
  return n == 9 && memcmp(t, "inlineStr", 9) == 0 ? CT_INLINE : CT_STR;
}

enum xlsx_tag xlsx_tag_of(const char *l, size_t n)
{
  switch (n) {
  case 1:
    return l[0] == 'c' ? XT_C : l[0] == 'v' ? XT_V : l[0] == 't' ? XT_T : XT_OTHER;
  case 2:
    return l[0] == 'i' && l[1] == 's' ? XT_IS : XT_OTHER;
  case 3:
    return memcmp(l, "row", 3) == 0 ? XT_ROW : memcmp(l, "rPh", 3) == 0 ? XT_RPH : XT_OTHER;
  case 9:
    return memcmp(l, "sheetData", 9) == 0 ? XT_SHEETDATA : XT_OTHER;
  default:
    return XT_OTHER;
  }
}

void xlsx_sheet_reset(struct xlsx_sheet *s)
{
  s->st = LAB_OK;
  s->sink_failed = 0;
  s->type = CT_NUM;
  s->col = s->row_num = s->header_n = 0;
  s->in_data = s->in_row = s->in_cell = s->in_is = s->collect = s->rph = s->header_seen = 0;
  s->cell_len = 0;
  rowbuf_clear(&s->rb);
}

void xlsx_sheet_start(struct xlsx_sheet *s, enum xlsx_tag tag, const char *r, size_t rlen,
                      const char *t, size_t tlen)
{
  switch (tag) {
  case XT_SHEETDATA:
    s->in_data = 1;
    break;
  case XT_ROW:
    if (s->in_data) {
      int ok = 0;
      size_t num = r ? parse_size(r, rlen, &ok) : 0;
      s->row_num = ok && num > 0 ? num : s->row_num + 1;
      s->in_row = 1;
      rowbuf_clear(&s->rb);
    }
    break;
  case XT_C:
    if (s->in_row) {
      size_t col = r ? ref_col(r, rlen) : 0;
      s->col = col ? col : s->rb.n + 1;
      s->type = parse_type(t, tlen);
      s->cell_len = 0;
      s->in_cell = 1;
    }
    break;
  case XT_V:
    s->collect = s->collect || s->in_cell;
    break;
  case XT_IS:
    s->in_is = s->in_is || s->in_cell;
    break;
  case XT_RPH:
    s->rph += s->in_is;
    break;
  case XT_T:
    s->collect = s->collect || (s->in_is && !s->rph);
    break;
  default:
    break;
  }
}

void xlsx_sheet_text(struct xlsx_sheet *s, const char *text, size_t n)
{
  size_t need;

  if (!s->collect || n == 0)
    return;
  if (n > ROWBUF_MAX_FIELD - s->cell_len) {
    cell_error(s, LAB_ERR_TOOLARGE, "cell text longer than the field limit");
    return;
  }
  need = s->cell_len + n + 1;
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
  memcpy(s->cell + s->cell_len, text, n);
  s->cell_len += n;
}

/* Append the finished cell to the row, padding skipped columns with "". */
static void finish_cell(struct xlsx_sheet *s)
{
  const char *value = s->cell ? s->cell : "";
  size_t len = s->cell_len;
  char msg[128];
  lab_status st = LAB_OK;

  if (s->cell)
    s->cell[s->cell_len] = '\0';
  if (s->type == CT_SHARED) {
    int ok = 0;
    size_t idx = parse_size(value, len, &ok);
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

/* Hand the header (begin) or a data row to the sink, unless the scanner did before a fallback. */
static void to_sink(struct xlsx_sheet *s, const struct lab_row *row, int begin)
{
  lab_status st;

  if (s->skip) {
    s->skip--;
    return;
  }
  s->calls++;
  if (begin)
    st = s->sink->begin(s->sink->ctx, &s->meta, row, s->err);
  else
    st = s->sink->row(s->sink->ctx, row, s->err);
  if (st) {
    if (!begin)
      rowbuf_locate(s->err, s->path, s->row_num);
    s->sink_failed = 1;
    stop(s, st);
  }
}

/* A finished row: find the header, skip empty and note rows, pass data rows to the sink. */
static void finish_row(struct xlsx_sheet *s)
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
    to_sink(s, &row, 1);
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
  to_sink(s, &row, 0);
}

void xlsx_sheet_end(struct xlsx_sheet *s, enum xlsx_tag tag)
{
  switch (tag) {
  case XT_V:
  case XT_T:
    s->collect = 0;
    break;
  case XT_RPH:
    if (s->rph)
      s->rph--;
    break;
  case XT_IS:
    s->in_is = 0;
    break;
  case XT_C:
    if (s->in_cell) {
      s->in_cell = 0;
      s->collect = 0;
      finish_cell(s);
    }
    break;
  case XT_ROW:
    if (s->in_row) {
      s->in_row = 0;
      finish_row(s);
    }
    break;
  case XT_SHEETDATA:
    s->in_data = 0;
    break;
  default:
    break;
  }
}

static void XMLCALL expat_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
  struct xlsx_sheet *s = ud;
  const char *local = xlsx_local(name);
  enum xlsx_tag tag = xlsx_tag_of(local, strlen(local));
  const char *r = NULL, *t = NULL;

  if (tag == XT_ROW || tag == XT_C)
    r = xlsx_attr(atts, "r");
  if (tag == XT_C)
    t = xlsx_attr(atts, "t");
  xlsx_sheet_start(s, tag, r, r ? strlen(r) : 0, t, t ? strlen(t) : 0);
}

static void XMLCALL expat_end(void *ud, const XML_Char *name)
{
  const char *local = xlsx_local(name);

  xlsx_sheet_end(ud, xlsx_tag_of(local, strlen(local)));
}

static void XMLCALL expat_text(void *ud, const XML_Char *text, int n)
{
  if (n > 0)
    xlsx_sheet_text(ud, text, (size_t)n);
}

static lab_status run_expat(struct xlsx_sheet *s, struct xlsx_src *src)
{
  int stopped = 0;
  lab_status st;

  s->p = XML_ParserCreate("UTF-8");
  if (!s->p)
    return lab_error_set(s->err, LAB_ERR_NOMEM, "out of memory creating an XML parser");
  XML_SetUserData(s->p, s);
  XML_SetElementHandler(s->p, expat_start, expat_end);
  XML_SetCharacterDataHandler(s->p, expat_text);
  st = xlsx_stream_src(src, s->path, s->part, s->p, &stopped, s->err);
  if (stopped)
    st = s->st;
  XML_ParserFree(s->p);
  s->p = NULL;
  return st;
}

lab_status xlsx_sheet_read(struct xlsx_sheet *s, struct xlsx_src *src, enum xlsx_mode mode)
{
  lab_status st = XLSX_FELL_BACK;

  if (mode != XLSX_EXPAT)
    st = xlsx_scan(s, src, s->err);
  if (st == XLSX_FELL_BACK && mode != XLSX_SCAN_ONLY) {
    s->fell_back = mode == XLSX_AUTO;
    s->skip = s->calls;
    xlsx_sheet_reset(s);
    st = run_expat(s, src);
  }
  if (st)
    return st;
  if (!s->header_seen) {
    if (s->hint)
      return lab_error_set_at(s->err, LAB_ERR_PARSE, s->path, 0, 0,
                              "no header row containing '%s' in sheet '%s'", s->hint, s->sheet);
    return lab_error_set_at(s->err, LAB_ERR_PARSE, s->path, 0, 0,
                            "no header row in sheet '%s' (it has no non-empty row)", s->sheet);
  }
  return s->sink->end(s->sink->ctx, s->err);
}

lab_status xlsx_sheet_read_mem(const char *xml, size_t len, size_t chunk,
                               const struct xlsx_sst *sst, const char *hint, enum xlsx_mode mode,
                               const struct lab_sink *sink, struct lab_error *err, int *fell_back)
{
  static const struct xlsx_sst empty = {0};
  struct xlsx_src src = {.part = "sheet.xml", .mem = xml, .mem_len = len, .chunk = chunk};
  struct xlsx_sheet s;
  lab_status st;

  memset(&s, 0, sizeof(s));
  rowbuf_init(&s.rb);
  s.path = "book.xlsx";
  s.part = "sheet.xml";
  s.sheet = "Data";
  s.hint = hint;
  s.sst = sst ? sst : &empty;
  s.sink = sink;
  s.err = err;
  s.meta.file = s.path;
  st = xlsx_sheet_read(&s, &src, mode);
  if (fell_back)
    *fell_back = s.fell_back;
  free(s.cell);
  rowbuf_release(&s.rb);
  xlsx_src_close(&src);
  return st;
}
