/*
 * test_rowpipe.c - a reader on its own thread (datasets/rowpipe.h): the sink sees exactly what
 * it sees from the reader called directly, and errors on either side stop both.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_buf.h"
#include "datasets/lab_table.h"
#include "datasets/rowpipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A sink that writes down every call; with fail_at > 0 its fail_at-th row fails. */
struct recorder {
  struct lab_buf log;
  size_t rows;
  size_t fail_at;
};

static lab_status rec_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  struct recorder *r = ctx;

  (void)err;
  lab_buf_addf(&r->log, "begin %s keys=%zu origins=%zu\n", meta->file, meta->nkeys, meta->norigins);
  for (size_t i = 0; i < meta->nkeys; i++)
    lab_buf_addf(&r->log, " %s=%s\n", meta->key[i], meta->value[i]);
  for (size_t i = 0; i < 3 * meta->norigins; i++)
    lab_buf_addf(&r->log, " origin %s\n", meta->origin[i]);
  lab_buf_addf(&r->log, "header line %zu n %zu\n", header->line, header->n);
  for (size_t i = 0; i < header->n; i++)
    lab_buf_addf(&r->log, " [%s] %zu @%zu\n", header->field[i], header->len[i], header->column[i]);
  return LAB_OK;
}

static lab_status rec_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct recorder *r = ctx;

  if (r->fail_at && ++r->rows == r->fail_at)
    return lab_error_set_at(err, LAB_ERR_PARSE, "sink", row->line, 1, "refused");
  lab_buf_addf(&r->log, "row line %zu n %zu\n", row->line, row->n);
  for (size_t i = 0; i < row->n; i++) {
    assert_int_equal(strlen(row->field[i]), row->len[i]);
    lab_buf_addf(&r->log, " [%s] %zu @%zu\n", row->field[i], row->len[i], row->column[i]);
  }
  return LAB_OK;
}

static lab_status rec_end(void *ctx, struct lab_error *err)
{
  struct recorder *r = ctx;

  (void)err;
  lab_buf_adds(&r->log, "end\n");
  return LAB_OK;
}

/* A reader of two tables with metadata, a 300 KB field (larger than a batch) and `rows` rows;
 * with fail_after > 0 it fails after that many rows. Counts the rows it delivered. */
struct fake {
  size_t rows;
  size_t fail_after;
  size_t delivered;
  const char *big;
};

static lab_status fake_read(void *ctx, const struct lab_sink *sink, struct lab_error *err)
{
  struct fake *f = ctx;
  const char *origin[] = {"a.csv", "0123abcd", "12", "b.csv", "4567ef01", "3"};
  struct lab_table_meta meta = {.file = "fake:one", .nkeys = 2, .norigins = 2, .origin = origin};
  const char *hf[] = {"code", "", "value"};
  size_t hl[] = {4, 0, 5}, hc[] = {1, 6, 7};
  struct lab_row header = {.n = 3, .field = hf, .len = hl, .column = hc, .line = 1};
  lab_status st;

  meta.key[0] = "vintage";
  meta.value[0] = "2024";
  meta.key[1] = "scope";
  meta.value[1] = "national";
  for (int t = 0; t < 2; t++) {
    st = sink->begin(sink->ctx, &meta, &header, err);
    for (size_t i = 0; i < f->rows && !st; i++) {
      char code[32], value[32];
      const char *rf[] = {code, i == 7 ? f->big : "", value};
      size_t rl[3], rc[] = {1, 9, 10 + i % 7};
      struct lab_row row = {.n = 3, .field = rf, .len = rl, .column = rc, .line = 2 + i};
      if (f->fail_after && f->delivered == f->fail_after)
        return lab_error_set_at(err, LAB_ERR_PARSE, "fake", 2 + i, 3, "bad row");
      snprintf(code, sizeof(code), "%zu-%d", i, t);
      snprintf(value, sizeof(value), "%zu.5", i * 3);
      for (int k = 0; k < 3; k++)
        rl[k] = strlen(rf[k]);
      st = sink->row(sink->ctx, &row, err);
      f->delivered++;
    }
    if (!st)
      st = sink->end(sink->ctx, err);
    if (st)
      return st;
    meta.file = "fake:two";
    meta.nkeys = 0;
    meta.norigins = 0;
  }
  return LAB_OK;
}

static void run_both(struct fake *f, struct recorder *direct, struct recorder *piped,
                     lab_status *st_direct, lab_status *st_piped, struct lab_error *e_direct,
                     struct lab_error *e_piped)
{
  struct lab_sink sd = {direct, rec_begin, rec_row, rec_end};
  struct lab_sink sp = {piped, rec_begin, rec_row, rec_end};

  f->delivered = 0;
  *st_direct = fake_read(f, &sd, e_direct);
  f->delivered = 0;
  *st_piped = rowpipe_run(fake_read, f, &sp, e_piped);
}

static void pipe_should_replay_what_the_reader_read(void **state)
{
  char *big = malloc(300001);
  struct fake f = {.rows = 20000, .big = big};
  struct recorder d = {0}, p = {0};
  struct lab_error ed = {0}, ep = {0};
  lab_status sd, sp;

  (void)state;
  assert_non_null(big);
  memset(big, 'q', 300000);
  big[300000] = '\0';
  lab_buf_init(&d.log, (size_t)1 << 28);
  lab_buf_init(&p.log, (size_t)1 << 28);
  run_both(&f, &d, &p, &sd, &sp, &ed, &ep);
  assert_int_equal(sd, LAB_OK);
  assert_int_equal(sp, LAB_OK);
  assert_true(strlen(lab_buf_str(&d.log)) > 1000000);
  assert_string_equal(lab_buf_str(&d.log), lab_buf_str(&p.log));
  assert_non_null(strstr(lab_buf_str(&p.log), " origin 4567ef01\n"));
  lab_buf_release(&d.log);
  lab_buf_release(&p.log);
  free(big);
}

static void pipe_should_return_the_first_error_of_either_side(void **state)
{
  struct fake f = {.rows = 50000, .big = "big"};
  struct recorder d = {.fail_at = 300}, p = {.fail_at = 300};
  struct lab_error ed = {0}, ep = {0};
  lab_status sd, sp;

  (void)state;
  lab_buf_init(&d.log, (size_t)1 << 28);
  lab_buf_init(&p.log, (size_t)1 << 28);
  /* the sink refuses row 300: the reader stops soon after (it read far less than the table) */
  run_both(&f, &d, &p, &sd, &sp, &ed, &ep);
  assert_int_equal(sd, LAB_ERR_PARSE);
  assert_int_equal(sp, LAB_ERR_PARSE);
  assert_string_equal(ep.msg, "refused");
  assert_int_equal(ep.line, 301);
  assert_string_equal(lab_buf_str(&d.log), lab_buf_str(&p.log));
  assert_true(f.delivered < 30000); /* of 100,000 */
  /* the reader fails at its 1234th row: the sink has seen the rows before it, then the error */
  lab_buf_reset(&d.log);
  lab_buf_reset(&p.log);
  d.fail_at = p.fail_at = 0;
  f.fail_after = 1234;
  run_both(&f, &d, &p, &sd, &sp, &ed, &ep);
  assert_int_equal(sp, LAB_ERR_PARSE);
  assert_string_equal(ep.msg, "bad row");
  assert_string_equal(ep.file, "fake");
  assert_int_equal(ep.line, 1236);
  assert_string_equal(lab_buf_str(&d.log), lab_buf_str(&p.log));
  lab_buf_release(&d.log);
  lab_buf_release(&p.log);
}

/* A real reader through the pipe: CSV with quotes, empty fields and CRLF. */
static lab_status read_csv(void *ctx, const struct lab_sink *sink, struct lab_error *err)
{
  const char *text = ctx;

  return lab_csv_read(text, strlen(text), "t.csv", sink, err);
}

static void pipe_should_carry_a_csv_reader(void **state)
{
  struct lab_buf csv;
  struct recorder d = {0}, p = {0};
  struct lab_sink sd = {&d, rec_begin, rec_row, rec_end};
  struct lab_sink sp = {&p, rec_begin, rec_row, rec_end};
  struct lab_error ed = {0}, ep = {0};

  (void)state;
  lab_buf_init(&csv, (size_t)1 << 28);
  lab_buf_init(&d.log, (size_t)1 << 28);
  lab_buf_init(&p.log, (size_t)1 << 28);
  lab_buf_adds(&csv, "\xEF\xBB\xBFOCC_CODE,OCC_TITLE,A_MEAN\r\n");
  for (int i = 0; i < 5000; i++)
    lab_buf_addf(&csv, "15-%04d,\"Title, \"\"%d\"\"\",%s\r\n", i, i, i % 5 ? "#" : "");
  assert_int_equal(lab_csv_read(lab_buf_str(&csv), strlen(lab_buf_str(&csv)), "t.csv", &sd, &ed),
                   LAB_OK);
  assert_int_equal(rowpipe_run(read_csv, (void *)lab_buf_str(&csv), &sp, &ep), LAB_OK);
  assert_string_equal(lab_buf_str(&d.log), lab_buf_str(&p.log));
  lab_buf_release(&csv);
  lab_buf_release(&d.log);
  lab_buf_release(&p.log);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pipe_should_replay_what_the_reader_read),
      cmocka_unit_test(pipe_should_return_the_first_error_of_either_side),
      cmocka_unit_test(pipe_should_carry_a_csv_reader),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
