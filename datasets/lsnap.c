/*
 * lsnap.c - reader of the snapshot format (docs/snapshot-format.md).
 */
#include "datasets/lab_table.h"
#include "datasets/rowbuf.h"

#include <stdlib.h>
#include <string.h>

#define LSNAP_MAGIC "#laborstat-snapshot\t1"
#define LSNAP_MAX_ORIGINS 64

struct lsnap {
  const char *name;
  const struct lab_sink *sink;
  struct rowbuf header;  /* the current @columns */
  struct rowbuf release; /* the current @release fields */
  struct rowbuf origins; /* path, sha256, rows triples */
  struct rowbuf data;
  struct lab_table_meta meta;
  int in_table; /* begin() called, end() pending */
  size_t header_line;
  int have_header;
  int have_release;
};

const char *lab_table_meta_get(const struct lab_table_meta *meta, const char *key)
{
  for (size_t i = 0; i < meta->nkeys; i++)
    if (strcmp(meta->key[i], key) == 0)
      return meta->value[i];
  return NULL;
}

/* Split line[0..n) at TABs into rb; columns are 1-based byte offsets. */
static lab_status split(struct rowbuf *rb, const char *line, size_t n)
{
  size_t i = 0;
  lab_status st;

  rowbuf_clear(rb);
  for (;;) {
    size_t j = i;
    while (j < n && line[j] != '\t')
      j++;
    st = rowbuf_field_start(rb, i + 1);
    if (!st)
      st = rowbuf_field_add(rb, line + i, j - i);
    if (!st)
      st = rowbuf_field_end(rb);
    if (st)
      return st;
    if (j >= n)
      break;
    i = j + 1;
  }
  return LAB_OK;
}

static lab_status finish_table(struct lsnap *z, struct lab_error *err)
{
  lab_status st = LAB_OK;

  if (z->in_table)
    st = z->sink->end(z->sink->ctx, err);
  z->in_table = 0;
  return st;
}

/* Split "@release k=v k=v" into meta keys (views into z->release). */
static lab_status set_release(struct lsnap *z, const char *line, size_t n, size_t lineno,
                              struct lab_error *err)
{
  struct lab_row row;
  lab_status st = split(&z->release, line, n);

  if (st)
    return lab_error_set_at(err, st, z->name, lineno, 1, "cannot split the @release line");
  rowbuf_view(&z->release, lineno, &row);
  z->meta.nkeys = 0;
  for (size_t i = 1; i < row.n; i++) {
    char *f = (char *)row.field[i];
    char *eq = strchr(f, '=');
    if (!eq || z->meta.nkeys >= LAB_TABLE_MAX_KEYS)
      return lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, row.column[i],
                              "expected key=value in @release, got '%s'", f);
    *eq = '\0';
    z->meta.key[z->meta.nkeys] = f;
    z->meta.value[z->meta.nkeys] = eq + 1;
    z->meta.nkeys++;
  }
  rowbuf_clear(&z->origins);
  z->meta.norigins = 0;
  z->meta.origin = NULL;
  z->have_release = 1;
  z->have_header = 0;
  return LAB_OK;
}

static lab_status add_origin(struct lsnap *z, const char *line, size_t n, size_t lineno,
                             struct lab_error *err)
{
  struct rowbuf tmp;
  struct lab_row row;
  lab_status st;

  rowbuf_init(&tmp);
  st = split(&tmp, line, n);
  if (st)
    goto out;
  rowbuf_view(&tmp, lineno, &row);
  if (row.n != 4 || z->meta.norigins >= LSNAP_MAX_ORIGINS) {
    st = lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, 1,
                          "expected '@origin<TAB>path<TAB>sha256<TAB>rows'");
    goto out;
  }
  for (size_t i = 1; i < 4 && !st; i++) {
    st = rowbuf_field_start(&z->origins, 1);
    if (!st)
      st = rowbuf_field_add(&z->origins, row.field[i], row.len[i]);
    if (!st)
      st = rowbuf_field_end(&z->origins);
  }
  if (!st)
    z->meta.norigins++;
out:
  rowbuf_release(&tmp);
  return st;
}

static lab_status handle_line(struct lsnap *z, const char *line, size_t n, size_t lineno,
                              struct lab_error *err)
{
  struct lab_row row;
  lab_status st;

  if (n == 0 || line[0] == '#')
    return LAB_OK;
  if (line[0] != '@') {
    if (!z->have_header)
      return lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, 1,
                              "data row before any @release/@columns line");
    if (!z->in_table) {
      struct lab_row hdr;
      struct lab_row orig;
      rowbuf_view(&z->origins, 0, &orig);
      z->meta.origin = orig.field;
      rowbuf_view(&z->header, z->header_line, &hdr);
      st = z->sink->begin(z->sink->ctx, &z->meta, &hdr, err);
      if (st)
        return st;
      z->in_table = 1;
    }
    st = split(&z->data, line, n);
    if (st)
      return lab_error_set_at(err, st, z->name, lineno, 1, "row too large");
    rowbuf_view(&z->data, lineno, &row);
    return z->sink->row(z->sink->ctx, &row, err);
  }
  if (n >= 8 && memcmp(line, "@release", 8) == 0 && (n == 8 || line[8] == '\t')) {
    st = finish_table(z, err);
    return st ? st : set_release(z, line, n, lineno, err);
  }
  if (n >= 7 && memcmp(line, "@origin", 7) == 0) {
    if (!z->have_release || z->in_table)
      return lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, 1,
                              "@origin must follow @release");
    return add_origin(z, line, n, lineno, err);
  }
  if (n >= 8 && memcmp(line, "@columns", 8) == 0) {
    if (!z->have_release)
      return lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, 1,
                              "@columns before any @release");
    st = finish_table(z, err);
    if (st)
      return st;
    if (n <= 9 || line[8] != '\t')
      return lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, 1,
                              "@columns needs at least one column name");
    st = split(&z->header, line + 9, n - 9);
    if (st)
      return lab_error_set_at(err, st, z->name, lineno, 1, "header too large");
    z->have_header = 1;
    z->header_line = lineno;
    return LAB_OK;
  }
  return lab_error_set_at(err, LAB_ERR_PARSE, z->name, lineno, 1,
                          "unknown directive (expected @release, @origin or @columns)");
}

lab_status lab_lsnap_read(const char *data, size_t len, const char *name,
                          const struct lab_sink *sink, struct lab_error *err)
{
  struct lsnap z;
  const char *p = data;
  const char *end = data + len;
  size_t lineno = 0;
  lab_status st = LAB_OK;

  memset(&z, 0, sizeof(z));
  z.name = name;
  z.sink = sink;
  z.meta.file = name;
  rowbuf_init(&z.header);
  rowbuf_init(&z.release);
  rowbuf_init(&z.origins);
  rowbuf_init(&z.data);
  if (len < strlen(LSNAP_MAGIC) || memcmp(data, LSNAP_MAGIC, strlen(LSNAP_MAGIC)) != 0) {
    st = lab_error_set_at(err, LAB_ERR_PARSE, name, 1, 1,
                          "not a laborstat snapshot (expected '#laborstat-snapshot<TAB>1')");
    goto out;
  }
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    lineno++;
    if (n > 0 && p[n - 1] == '\r')
      n--;
    const char *nul = memchr(p, '\0', n); /* fields are text (lab_table.h) */
    if (nul) {
      st = lab_error_set_at(err, LAB_ERR_PARSE, name, lineno, (size_t)(nul - p) + 1,
                            "NUL byte in a line (expected text; is this a binary file?)");
      goto out;
    }
    st = handle_line(&z, p, n, lineno, err);
    if (st)
      goto out;
    p = nl ? nl + 1 : end;
  }
  st = finish_table(&z, err);
out:
  rowbuf_release(&z.header);
  rowbuf_release(&z.release);
  rowbuf_release(&z.origins);
  rowbuf_release(&z.data);
  return st;
}
