/*
 * fuzz_tsv.c - the BLS flat-file reader (tsv.c) on arbitrary bytes, whole (lab_tsv_read) and
 * chunk by chunk (lab_tsv_stream_*): every row checked against lab_table.h (field count and size
 * caps, len[i] == strlen(field[i]), positions), errors must say something, and the two reads must
 * agree: the same status, message and position, and on success the same rows.
 *
 * The input's last byte is not text: it picks the piece sizes of the chunked read (1..256 bytes,
 * alternating with small pieces), so the fuzzer moves the seams.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A checking sink that also writes down what it receives. */
struct record {
  struct fuzz_sink_state s;
  char *out;
  size_t len, cap;
};

static void put(struct record *r, const char *p, size_t n)
{
  if (r->cap - r->len < n + 1) {
    size_t cap = r->cap ? r->cap : 4096;
    while (cap - r->len < n + 1)
      cap *= 2;
    r->out = realloc(r->out, cap);
    FUZZ_CHECK(r->out != NULL);
    r->cap = cap;
  }
  memcpy(r->out + r->len, p, n);
  r->len += n;
  r->out[r->len] = '\0';
}

static void put_row(struct record *r, char tag, const struct lab_row *row)
{
  char num[64];

  snprintf(num, sizeof(num), "%c%zu:", tag, row->line);
  put(r, num, strlen(num));
  for (size_t i = 0; i < row->n; i++) {
    snprintf(num, sizeof(num), "@%zu|", row->column[i]);
    put(r, row->field[i], row->len[i]);
    put(r, num, strlen(num));
  }
  put(r, "\n", 1);
}

static lab_status rec_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  struct record *r = ctx;

  put_row(r, 'B', header);
  return fuzz_sink_begin(&r->s, meta, header, err);
}

static lab_status rec_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct record *r = ctx;

  put_row(r, 'R', row);
  return fuzz_sink_row(&r->s, row, err);
}

static lab_status rec_end(void *ctx, struct lab_error *err)
{
  struct record *r = ctx;

  put(r, "E\n", 2);
  return fuzz_sink_end(&r->s, err);
}

/* Feed text to a stream in pieces of `base` bytes, every other one of 1..13 bytes. */
static lab_status read_chunked(const char *text, size_t len, size_t base, struct record *r,
                               struct lab_error *err)
{
  struct lab_sink sink = {r, rec_begin, rec_row, rec_end};
  struct lab_tsv_stream *t = NULL;
  size_t off = 0;
  lab_status st = lab_tsv_stream_new("fuzz.tsv", &sink, &t, err);

  for (size_t i = 0; !st && off < len; i++) {
    size_t n = i % 2 ? 1 + (base * 7) % 13 : base;
    if (n > len - off)
      n = len - off;
    st = lab_tsv_stream_feed(t, text + off, n, err);
    off += n;
  }
  if (!st)
    st = lab_tsv_stream_end(t, err);
  lab_tsv_stream_free(t);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct record once = {0}, chunked = {0};
  struct lab_sink sink = {&once, rec_begin, rec_row, rec_end};
  struct lab_error err = {0}, err2 = {0};
  size_t len = size ? size - 1 : 0;
  size_t base = size ? 1 + (size_t)data[size - 1] : 1;
  /* a heap copy of exactly len bytes: ASan sees any read past the end */
  char *copy = malloc(len ? len : 1);
  lab_status st, st2;

  FUZZ_CHECK(copy != NULL);
  if (len)
    memcpy(copy, data, len);
  st = lab_tsv_read(copy, len, "fuzz.tsv", &sink, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK)
    FUZZ_CHECK(!once.s.in_table);
  st2 = read_chunked(copy, len, base, &chunked, &err2);
  fuzz_check_error(st2, &err2);
  FUZZ_CHECK(st2 == st);
  FUZZ_CHECK(strcmp(err.msg, err2.msg) == 0 && strcmp(err.file, err2.file) == 0);
  FUZZ_CHECK(err.line == err2.line && err.column == err2.column);
  if (st == LAB_OK)
    FUZZ_CHECK(once.len == chunked.len &&
               (once.len == 0 || memcmp(once.out, chunked.out, once.len) == 0));
  free(once.out);
  free(chunked.out);
  free(copy);
  return 0;
}
