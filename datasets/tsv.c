/*
 * tsv.c - the BLS time-series flat-file reader (download.bls.gov/pub/time.series/) feeding a
 * lab_sink.
 *
 * The flat files are tab-separated text without quoting. Fields are padded with spaces (the
 * header's "       value", the series id's trailing blanks), some copies end lines in CRLF, and
 * data rows often end in a tab the header lacks ("footnote_codes" left empty). The reader trims
 * the padding, drops empty fields past the header's width and skips blank lines; everything else
 * (dashes for missing values, series-id layout) is the normalizers' business.
 */
#include "datasets/lab_table.h"
#include "datasets/rowbuf.h"

#include <string.h>

/* Columns in characters, as csv.c counts them. */
static size_t count_chars(const char *p, const char *end)
{
  size_t n = 0;

  for (; p < end; p++)
    if (((unsigned char)*p & 0xC0) != 0x80)
      n++;
  return n;
}

/* Split one line [p, end) (no line terminator) into rb. */
static lab_status split_line(const char *p, const char *end, const char *name, size_t line,
                             struct rowbuf *rb, struct lab_error *err)
{
  size_t col = 1;
  lab_status st = LAB_OK;

  rowbuf_clear(rb);
  for (;;) {
    const char *tab = memchr(p, '\t', (size_t)(end - p));
    const char *fend = tab ? tab : end;
    const char *a = p, *b = fend;
    while (a < b && *a == ' ')
      a++;
    const char *nul = memchr(p, '\0', (size_t)(fend - p));
    while (b > a && b[-1] == ' ')
      b--;
    if (nul) {
      st = lab_error_set_at(err, LAB_ERR_PARSE, name, line, col + count_chars(p, nul),
                            "NUL byte in a field (expected text; is this a binary file?)");
      goto out;
    }
    st = rowbuf_field_start(rb, col + count_chars(p, a));
    if (!st)
      st = rowbuf_field_add(rb, a, (size_t)(b - a));
    if (!st)
      st = rowbuf_field_end(rb);
    if (st) {
      st = lab_error_set_at(err, st, name, line, col,
                            st == LAB_ERR_TOOLARGE
                                ? "field longer than 64 KiB or more than 4096 fields in a row"
                                : "out of memory");
      goto out;
    }
    if (!tab)
      break;
    col += count_chars(p, tab) + 1;
    p = tab + 1;
  }
out:
  return st;
}

/* A line of nothing but padding. */
static int is_blank(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p == end;
}

/* Drop empty fields past `width` (trailing tabs). */
static void trim_trailing(struct rowbuf *rb, size_t width)
{
  while (rb->n > width && rb->len[rb->n - 1] == 0)
    rb->n--;
}

lab_status lab_tsv_read(const char *data, size_t len, const char *name, const struct lab_sink *sink,
                        struct lab_error *err)
{
  struct lab_table_meta meta = {.file = name};
  const char *p = data, *end = data + len;
  struct rowbuf rb;
  struct lab_row row;
  size_t line = 0, width = 0;
  int header_seen = 0;
  lab_status st = LAB_OK;

  rowbuf_init(&rb);
  st = rowbuf_check_text(data, len, name, 0, err);
  if (st)
    goto out;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *lend = nl ? nl : end;
    const char *next = nl ? nl + 1 : end;
    line++;
    if (lend > p && lend[-1] == '\r')
      lend--;
    if (is_blank(p, lend)) {
      p = next;
      continue;
    }
    st = split_line(p, lend, name, line, &rb, err);
    if (st)
      goto out;
    if (header_seen)
      trim_trailing(&rb, width);
    rowbuf_view(&rb, line, &row);
    if (!header_seen) {
      header_seen = 1;
      width = rb.n;
      st = sink->begin(sink->ctx, &meta, &row, err);
    } else {
      st = sink->row(sink->ctx, &row, err);
    }
    if (st) {
      rowbuf_locate(err, name, line);
      goto out;
    }
    p = next;
  }
  if (!header_seen) {
    st = lab_error_set_at(err, LAB_ERR_PARSE, name, 1, 1, "empty file (expected a header row)");
    goto out;
  }
  st = sink->end(sink->ctx, err);
out:
  rowbuf_release(&rb);
  return st;
}
