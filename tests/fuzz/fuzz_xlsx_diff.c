/*
 * fuzz_xlsx_diff.c - the worksheet row scanner (datasets/xlsx_scan.c) against expat: the same
 * sheet XML is read by the reader as lab_xlsx_read does (scanner, falling back to expat) and by
 * expat alone; the sink calls (header, rows: fields, lengths, columns, line), the status and the
 * error (message, file, line, column) must be identical.
 *
 * Input: byte 0 picks how the XML is handed out (bits 0-3: whole or in chunks of 1 to 4096 bytes,
 * so tokens are split at every place) and the header hint (bits 4-5); byte 1 makes the sink
 * refuse its N-th row (N = byte 1 % 8, 0 = never); the rest is the sheet's XML. The shared-string
 * table holds the few strings below. Seeds: corpus/xlsx_diff (make_xlsx_diff_seeds.py).
 */
#include "common/lab_buf.h"
#include "datasets/xlsx_internal.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const size_t chunks[16] = {0, 1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 64, 100, 256, 1000, 4096};
static const char *const hints[4] = {NULL, "k", "*code", "OCC_CODE"};

/* What the sink saw, as text; it refuses row number fail_at (1-based, 0 = never). */
struct record {
  struct lab_buf out;
  size_t rows;
  size_t fail_at;
};

static void put_row(struct record *r, char tag, const struct lab_row *row)
{
  lab_buf_addf(&r->out, "%c%zu:%zu", tag, row->line, row->n);
  for (size_t i = 0; i < row->n; i++) {
    FUZZ_CHECK(strlen(row->field[i]) == row->len[i]);
    if (row->len[i] == 0 && row->column[i] == i + 1)
      continue; /* padding: implied by n */
    lab_buf_addf(&r->out, "|%zu:%zu@%zu:", i, row->len[i], row->column[i]);
    lab_buf_add(&r->out, row->field[i], row->len[i]);
  }
  lab_buf_adds(&r->out, "\n");
}

static lab_status rec_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  (void)err;
  lab_buf_addf(&((struct record *)ctx)->out, "file %s\n", meta->file);
  put_row(ctx, 'B', header);
  return LAB_OK;
}

static lab_status rec_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct record *r = ctx;

  put_row(r, 'R', row);
  if (++r->rows == r->fail_at)
    return lab_error_set(err, LAB_ERR_INVALID, "sink refused row %zu", row->line);
  return LAB_OK;
}

static lab_status rec_end(void *ctx, struct lab_error *err)
{
  (void)err;
  lab_buf_adds(&((struct record *)ctx)->out, "E\n");
  return LAB_OK;
}

static lab_status run(const char *xml, size_t len, size_t chunk, const char *hint,
                      enum xlsx_mode mode, struct record *r, struct lab_error *err)
{
  static const char text[] = "OCC_CODE\0k\0Employment\0\xc3\xa9t\xc3\xa9\0 2023 code \0";
  static const size_t off[] = {0, 9, 11, 22, 28};
  static const size_t lens[] = {8, 1, 10, 5, 11};
  struct xlsx_sst sst = {.text = (char *)text,
                         .text_len = sizeof(text),
                         .off = (size_t *)off,
                         .len = (size_t *)lens,
                         .n = 5};
  struct lab_sink sink = {r, rec_begin, rec_row, rec_end};

  return xlsx_sheet_read_mem(xml, len, chunk, &sst, hint, mode, &sink, err, NULL);
}

static void show(const char *what, lab_status st, const struct lab_error *err,
                 const struct record *r)
{
  fprintf(stderr, "--- %s: status %d, error '%s' at %s:%zu:%zu\n%s", what, (int)st, err->msg,
          err->file, err->line, err->column, lab_buf_str(&r->out));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct record want = {0}, got = {0};
  struct lab_error ew = {0}, eg = {0};
  size_t chunk;
  const char *hint;
  lab_status sw, sg;

  if (size < 2)
    return 0;
  chunk = chunks[data[0] & 15];
  hint = hints[(data[0] >> 4) & 3];
  want.fail_at = got.fail_at = data[1] % 8;
  lab_buf_init(&want.out, (size_t)1 << 26);
  lab_buf_init(&got.out, (size_t)1 << 26);
  sw = run((const char *)data + 2, size - 2, chunk, hint, XLSX_EXPAT, &want, &ew);
  sg = run((const char *)data + 2, size - 2, chunk, hint, XLSX_AUTO, &got, &eg);
  fuzz_check_error(sw, &ew);
  if (sw != sg || strcmp(lab_buf_str(&want.out), lab_buf_str(&got.out)) != 0 ||
      strcmp(ew.msg, eg.msg) != 0 || strcmp(ew.file, eg.file) != 0 || ew.line != eg.line ||
      ew.column != eg.column) {
    show("expat", sw, &ew, &want);
    show("scanner", sg, &eg, &got);
    abort();
  }
  lab_buf_release(&want.out);
  lab_buf_release(&got.out);
  return 0;
}
