/*
 * tsv.c - the BLS time-series flat-file reader (download.bls.gov/pub/time.series/) feeding a
 * lab_sink, whole (lab_tsv_read) or chunk by chunk (lab_tsv_stream_*).
 *
 * The flat files are tab-separated text without quoting. Fields are padded with spaces (the
 * header's "       value", the series id's trailing blanks), some copies end lines in CRLF, and
 * data rows often end in a tab the header lacks ("footnote_codes" left empty). The reader trims
 * the padding, drops empty fields past the header's width and skips blank lines; everything else
 * (dashes for missing values, series-id layout) is the normalizers' business.
 *
 * The stream keeps the bytes it has not used in one buffer: the start of an unfinished line, then
 * the new chunk. Every feed checks the text of the complete lines it received (UTF-8, no NUL; an
 * error's line is counted from the lines before) and splits them in place: each field is
 * NUL-terminated where its padding or its tab was, so the row's fields point into the buffer and
 * nothing is copied per field. As lab_tsv_read checks the whole text before its first row, an
 * encoding error anywhere in the input wins over a row's error (a field too long, the sink's):
 * after a row's error the stream only checks the rest of the text, and lab_tsv_stream_end()
 * reports the first error the one-shot read would have reported.
 */
#include "datasets/lab_table.h"
#include "datasets/rowbuf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TSV_CHUNK ((size_t)1 << 20) /* lab_tsv_read's pieces */

struct lab_tsv_stream {
  struct lab_sink sink;
  const char *name;       /* borrowed */
  char *buf;              /* unused input: an unfinished line, then the new chunk */
  size_t len, cap;        /* cap > len: one byte for the NUL of a last unterminated line */
  size_t consumed;        /* input bytes used so far (0: the next line is the file's first) */
  size_t line;            /* lines used so far */
  size_t width;           /* fields of the header */
  bool header_seen;       /* begin() was called */
  bool checked;           /* the caller checked the text (lab_tsv_read) */
  lab_status soft;        /* a row's error: reported unless the text turns out bad */
  lab_status hard;        /* bad text or no memory for the input: final */
  struct lab_error saved; /* the error of soft or hard */
  const char **field;     /* the row being built: views into buf */
  size_t *flen, *fcol;    /* lengths and 1-based columns */
  size_t nfield, fcap;    /* fields in the row, room in the arrays */
  const char *high;       /* first non-ASCII byte at or after the current line, or region end */
};

/* ------------------------------------------------------------------------------ line splitting */

/* Columns in characters, as csv.c counts them. */
static size_t count_chars(const char *p, const char *end)
{
  size_t n = 0;

  for (; p < end; p++)
    if (((unsigned char)*p & 0xC0) != 0x80)
      n++;
  return n;
}

/* The first byte of [p, end) with its high bit set, or end. Eight bytes at a time. */
static const char *find_high(const char *p, const char *end)
{
  while (end - p >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    if (w & 0x8080808080808080ULL)
      break;
    p += 8;
  }
  while (p < end && !((unsigned char)*p & 0x80))
    p++;
  return p;
}

/* A line of nothing but padding. */
static bool is_blank(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p == end;
}

static lab_status grow_fields(struct lab_tsv_stream *t)
{
  size_t cap = t->fcap ? 2 * t->fcap : 64;
  const char **field = realloc(t->field, cap * sizeof(*field));
  size_t *flen, *fcol;

  if (!field)
    return LAB_ERR_NOMEM;
  t->field = field;
  flen = realloc(t->flen, cap * sizeof(*flen));
  if (!flen)
    return LAB_ERR_NOMEM;
  t->flen = flen;
  fcol = realloc(t->fcol, cap * sizeof(*fcol));
  if (!fcol)
    return LAB_ERR_NOMEM;
  t->fcol = fcol;
  t->fcap = cap;
  return LAB_OK;
}

/* Split the line [p, end) (no terminator; end is writable) into t's fields, in place. */
static lab_status split_line(struct lab_tsv_stream *t, char *p, char *end, bool ascii,
                             struct lab_error *err)
{
  size_t col = 1;
  lab_status st = LAB_OK;

  t->nfield = 0;
  for (;;) {
    char *tab = memchr(p, '\t', (size_t)(end - p));
    char *a = p, *b = tab ? tab : end;
    while (a < b && *a == ' ')
      a++;
    while (b > a && b[-1] == ' ')
      b--;
    if (t->nfield >= ROWBUF_MAX_FIELDS || (size_t)(b - a) > ROWBUF_MAX_FIELD)
      st = LAB_ERR_TOOLARGE;
    else if (t->nfield == t->fcap)
      st = grow_fields(t);
    if (st) {
      st = lab_error_set_at(err, st, t->name, t->line, col,
                            st == LAB_ERR_TOOLARGE
                                ? "field longer than 64 KiB or more than 4096 fields in a row"
                                : "out of memory");
      goto out;
    }
    *b = '\0';
    t->field[t->nfield] = a;
    t->flen[t->nfield] = (size_t)(b - a);
    t->fcol[t->nfield] = col + (ascii ? (size_t)(a - p) : count_chars(p, a));
    t->nfield++;
    if (!tab)
      break;
    col += (ascii ? (size_t)(tab - p) : count_chars(p, tab)) + 1;
    p = tab + 1;
  }
out:
  return st;
}

/* Hand the line [p, end) to the sink (the header first). */
static lab_status take_line(struct lab_tsv_stream *t, char *p, char *end, struct lab_error *err)
{
  struct lab_row row;
  lab_status st;

  if (t->high < p)
    t->high = find_high(p, t->buf + t->len);
  st = split_line(t, p, end, t->high >= end, err);
  if (st)
    return st;
  if (t->header_seen) /* drop empty fields past the header's width (trailing tabs) */
    while (t->nfield > t->width && t->flen[t->nfield - 1] == 0)
      t->nfield--;
  row = (struct lab_row){
      .n = t->nfield, .field = t->field, .len = t->flen, .column = t->fcol, .line = t->line};
  if (!t->header_seen) {
    struct lab_table_meta meta = {.file = t->name}; /* not per row: 300 bytes to clear */
    t->header_seen = true;
    t->width = t->nfield;
    st = t->sink.begin(t->sink.ctx, &meta, &row, err);
  } else {
    st = t->sink.row(t->sink.ctx, &row, err);
  }
  if (st)
    rowbuf_locate(err, t->name, t->line);
  return st;
}

/* ------------------------------------------------------------------------------------- regions */

static void save_error(struct lab_tsv_stream *t, const struct lab_error *err)
{
  if (err)
    t->saved = *err;
}

/* Check the text of [p, p + n), which starts a line of the input. */
static lab_status check_region(struct lab_tsv_stream *t, const char *p, size_t n,
                               struct lab_error *err)
{
  lab_status st;

  /* past the file's start FF FE is no byte-order mark, only a byte that is not UTF-8 */
  if (t->consumed > 0 && n >= 2 && ((unsigned char)p[0] == 0xFF || (unsigned char)p[0] == 0xFE))
    n = 1;
  st = rowbuf_check_text(p, n, t->name, 0, err);
  if (st && err)
    err->line += t->line;
  return st;
}

/*
 * Use buf[0, n): whole lines, or at the end of the input whatever is left. Sets t->hard for bad
 * text, t->soft for a row's error.
 */
static void take_region(struct lab_tsv_stream *t, size_t n, struct lab_error *err)
{
  char *p = t->buf, *end = t->buf + n;
  lab_status st;

  if (!t->checked) {
    st = check_region(t, p, n, err);
    if (st) {
      t->hard = st;
      save_error(t, err);
      return;
    }
  }
  t->high = find_high(p, end);
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *lend = nl ? nl : end;
    char *next = nl ? nl + 1 : end;
    t->line++;
    if (t->soft) { /* only counting lines now, for the position of a later encoding error */
      p = next;
      continue;
    }
    if (t->line == 1 && lend - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
      p += 3;
    if (lend > p && lend[-1] == '\r')
      lend--;
    if (!is_blank(p, lend)) {
      st = take_line(t, p, lend, err);
      if (st) {
        t->soft = st;
        save_error(t, err);
      }
    }
    p = next;
  }
  t->consumed += n;
}

/* ---------------------------------------------------------------------------------- the stream */

static lab_status stream_new(const char *name, const struct lab_sink *sink, bool checked,
                             struct lab_tsv_stream **out, struct lab_error *err)
{
  struct lab_tsv_stream *t = calloc(1, sizeof(*t));

  *out = NULL;
  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  t->sink = *sink;
  t->name = name;
  t->checked = checked;
  *out = t;
  return LAB_OK;
}

lab_status lab_tsv_stream_new(const char *name, const struct lab_sink *sink,
                              struct lab_tsv_stream **out, struct lab_error *err)
{
  return stream_new(name, sink, false, out, err);
}

lab_status lab_tsv_stream_feed(struct lab_tsv_stream *t, const char *data, size_t len,
                               struct lab_error *err)
{
  const char *nl;

  if (t->hard || (t->soft && t->checked) || len == 0)
    return t->hard;
  if (t->cap - t->len <= len) {
    size_t cap = t->cap ? t->cap : 4096;
    char *buf = NULL;
    while (cap - t->len <= len && cap <= SIZE_MAX / 2)
      cap *= 2;
    if (cap - t->len > len)
      buf = realloc(t->buf, cap);
    if (!buf) {
      t->hard = lab_error_set(err, LAB_ERR_NOMEM, "out of memory reading '%s'", t->name);
      save_error(t, err);
      return t->hard;
    }
    t->buf = buf;
    t->cap = cap;
  }
  memcpy(t->buf + t->len, data, len);
  t->len += len;
  /* the kept bytes hold no newline: only the new ones can end the region */
  for (nl = data + len; nl > data && nl[-1] != '\n'; nl--)
    ;
  if (nl > data) {
    size_t n = t->len - (size_t)(data + len - nl);
    take_region(t, n, err);
    memmove(t->buf, t->buf + n, t->len - n);
    t->len -= n;
  }
  return t->hard;
}

lab_status lab_tsv_stream_end(struct lab_tsv_stream *t, struct lab_error *err)
{
  lab_status st;

  if (!t->hard && t->len > 0 && !(t->soft && t->checked)) {
    take_region(t, t->len, err);
    t->len = 0;
  }
  if (t->hard || t->soft) {
    if (err)
      *err = t->saved;
    return t->hard ? t->hard : t->soft;
  }
  if (!t->header_seen)
    return lab_error_set_at(err, LAB_ERR_PARSE, t->name, 1, 1,
                            "empty file (expected a header row)");
  st = t->sink.end(t->sink.ctx, err);
  return st;
}

void lab_tsv_stream_free(struct lab_tsv_stream *t)
{
  if (!t)
    return;
  free(t->buf);
  free(t->field);
  free(t->flen);
  free(t->fcol);
  free(t);
}

lab_status lab_tsv_read(const char *data, size_t len, const char *name, const struct lab_sink *sink,
                        struct lab_error *err)
{
  struct lab_tsv_stream *t = NULL;
  lab_status st;

  /* the whole text first, so that bad text never reaches the sink */
  st = rowbuf_check_text(data, len, name, 0, err);
  if (!st)
    st = stream_new(name, sink, true, &t, err);
  for (size_t off = 0; !st && off < len; off += TSV_CHUNK)
    st = lab_tsv_stream_feed(t, data + off, len - off < TSV_CHUNK ? len - off : TSV_CHUNK, err);
  if (!st)
    st = lab_tsv_stream_end(t, err);
  lab_tsv_stream_free(t);
  return st;
}
