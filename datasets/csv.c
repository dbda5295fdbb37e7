/*
 * csv.c - RFC 4180 CSV reader feeding a lab_sink.
 *
 * Columns in positions are counted in characters (UTF-8 continuation bytes are not counted), so
 * "line 12, column 40" points where an editor shows it.
 */
#include "datasets/lab_table.h"
#include "datasets/rowbuf.h"

#include <string.h>

struct csv_state {
  const char *p;
  const char *end;
  const char *name;
  size_t line; /* current line, 1-based */
  size_t col;  /* current column, 1-based */
};

static void advance(struct csv_state *s)
{
  unsigned char c = (unsigned char)*s->p;

  s->p++;
  if (c == '\n' || (c == '\r' && (s->p >= s->end || *s->p != '\n'))) { /* LF, CRLF or a lone CR */
    s->line++;
    s->col = 1;
  } else if ((c & 0xC0) != 0x80) {
    s->col++;
  }
}

static lab_status field_error(struct csv_state *s, lab_status st, struct lab_error *err)
{
  if (st == LAB_ERR_TOOLARGE)
    return lab_error_set_at(err, st, s->name, s->line, s->col,
                            "field longer than %u bytes or more than %u fields in a row",
                            ROWBUF_MAX_FIELD, ROWBUF_MAX_FIELDS);
  return lab_error_set_at(err, st, s->name, s->line, s->col, "%s", lab_strerror(st));
}

/* Read a quoted field body; s->p is just past the opening quote. */
static lab_status read_quoted(struct csv_state *s, struct rowbuf *rb, size_t qline, size_t qcol,
                              struct lab_error *err)
{
  lab_status st;

  for (;;) {
    const char *run = s->p;
    while (s->p < s->end && *s->p != '"')
      advance(s);
    st = rowbuf_field_add(rb, run, (size_t)(s->p - run));
    if (st)
      return field_error(s, st, err);
    if (s->p >= s->end)
      return lab_error_set_at(err, LAB_ERR_PARSE, s->name, qline, qcol,
                              "unterminated quoted field (expected a closing '\"')");
    advance(s); /* the quote */
    if (s->p < s->end && *s->p == '"') {
      st = rowbuf_field_add(rb, "\"", 1);
      if (st)
        return field_error(s, st, err);
      advance(s);
      continue;
    }
    break;
  }
  while (s->p < s->end && *s->p == ' ')
    advance(s);
  if (s->p < s->end && *s->p != ',' && *s->p != '\n' && *s->p != '\r')
    return lab_error_set_at(err, LAB_ERR_PARSE, s->name, s->line, s->col,
                            "unexpected character after a closing quote (expected ',' or the "
                            "end of the line)");
  return LAB_OK;
}

/* Read one field starting at s->p. */
static lab_status read_field(struct csv_state *s, struct rowbuf *rb, struct lab_error *err)
{
  const char *q = s->p;
  size_t spaces = 0;
  lab_status st;

  st = rowbuf_field_start(rb, s->col);
  if (st)
    return field_error(s, st, err);
  while (q < s->end && *q == ' ') {
    q++;
    spaces++;
  }
  if (q < s->end && *q == '"') {
    size_t qline = s->line;
    size_t qcol = s->col + spaces;
    for (size_t i = 0; i <= spaces; i++)
      advance(s);
    st = read_quoted(s, rb, qline, qcol, err);
  } else {
    const char *run = s->p;
    while (s->p < s->end && *s->p != ',' && *s->p != '\n' && *s->p != '\r')
      advance(s);
    st = rowbuf_field_add(rb, run, (size_t)(s->p - run));
    if (st)
      st = field_error(s, st, err);
  }
  if (st)
    return st;
  st = rowbuf_field_end(rb);
  return st ? field_error(s, st, err) : LAB_OK;
}

/* Read one record; *got is 0 for a blank line. */
static lab_status read_record(struct csv_state *s, struct rowbuf *rb, int *got,
                              struct lab_error *err)
{
  lab_status st;

  rowbuf_clear(rb);
  *got = 0;
  if (*s->p == '\n' || *s->p == '\r') {
    if (*s->p == '\r')
      advance(s);
    if (s->p < s->end && *s->p == '\n')
      advance(s);
    return LAB_OK;
  }
  for (;;) {
    st = read_field(s, rb, err);
    if (st)
      return st;
    if (s->p < s->end && *s->p == ',') {
      advance(s);
      continue;
    }
    break;
  }
  if (s->p < s->end && *s->p == '\r')
    advance(s);
  if (s->p < s->end && *s->p == '\n')
    advance(s);
  *got = 1;
  return LAB_OK;
}

lab_status lab_csv_read(const char *data, size_t len, const char *name, const struct lab_sink *sink,
                        struct lab_error *err)
{
  struct csv_state s = {.p = data, .end = data + len, .name = name, .line = 1, .col = 1};
  struct lab_table_meta meta = {.file = name};
  struct rowbuf rb;
  struct lab_row row;
  lab_status st = LAB_OK;
  int header_seen = 0;

  rowbuf_init(&rb);
  st = rowbuf_check_text(data, len, name, 1, err);
  if (st)
    goto out;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    s.p += 3;
  while (s.p < s.end) {
    size_t line = s.line;
    int got = 0;
    st = read_record(&s, &rb, &got, err);
    if (st)
      goto out;
    if (!got)
      continue;
    rowbuf_view(&rb, line, &row);
    if (!header_seen) {
      header_seen = 1;
      st = sink->begin(sink->ctx, &meta, &row, err);
    } else {
      st = sink->row(sink->ctx, &row, err);
    }
    if (st) {
      rowbuf_locate(err, name, line);
      goto out;
    }
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
