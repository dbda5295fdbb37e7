/*
 * test_readers.c - the CSV, snapshot and flat-file readers: fields, quoting, line ends,
 * positions; the flat-file reader fed in chunks of every size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_buf.h"
#include "common/lab_file.h"
#include "datasets/lab_areas.h"
#include "datasets/lab_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A sink that writes what it receives as text: "B:a|b\n" for a header, "R3:x|y\n" rows. */
struct capture {
  struct lab_buf out;
  int fail_on_line; /* 0 = never */
};

static lab_status put_row(struct capture *c, char tag, const struct lab_row *r)
{
  lab_buf_addf(&c->out, "%c%zu:", tag, r->line);
  for (size_t i = 0; i < r->n; i++)
    lab_buf_addf(&c->out, "%s%s@%zu", i ? "|" : "", r->field[i], r->column[i]);
  return lab_buf_adds(&c->out, "\n");
}

static lab_status cap_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  struct capture *c = ctx;
  (void)err;
  for (size_t i = 0; i < meta->nkeys; i++)
    lab_buf_addf(&c->out, "K:%s=%s\n", meta->key[i], meta->value[i]);
  for (size_t i = 0; i < meta->norigins; i++)
    lab_buf_addf(&c->out, "O:%s\n", meta->origin[3 * i]);
  return put_row(c, 'B', header);
}

static lab_status cap_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct capture *c = ctx;
  if (c->fail_on_line && (size_t)c->fail_on_line == row->line)
    return lab_error_set(err, LAB_ERR_PARSE, "stop");
  return put_row(c, 'R', row);
}

static lab_status cap_end(void *ctx, struct lab_error *err)
{
  struct capture *c = ctx;
  (void)err;
  return lab_buf_adds(&c->out, "E\n");
}

static const char *read_csv(struct capture *c, const char *text, lab_status *st,
                            struct lab_error *err)
{
  struct lab_sink sink = {c, cap_begin, cap_row, cap_end};
  lab_buf_init(&c->out, 1 << 20);
  *st = lab_csv_read(text, strlen(text), "t.csv", &sink, err);
  return lab_buf_str(&c->out);
}

static void csv_should_split_quoted_fields_with_commas_quotes_and_newlines(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;
  const char *got = read_csv(&c,
                             "OCC_CODE,OCC_TITLE\r\n25-2021,\"Teachers, \"\"Elementary\"\"\"\r\n"
                             "11-1011,\"Chief\nExecutives\"\n",
                             &st, &err);

  (void)state;
  assert_int_equal(st, LAB_OK);
  assert_string_equal(got, "B1:OCC_CODE@1|OCC_TITLE@10\n"
                           "R2:25-2021@1|Teachers, \"Elementary\"@9\n"
                           "R3:11-1011@1|Chief\nExecutives@9\nE\n");
  lab_buf_release(&c.out);
}

static void csv_should_skip_a_bom_blank_lines_and_a_space_before_a_quote(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;
  /* BEA's SARPP file puts a space before its quoted GeoFIPS */
  const char *got = read_csv(&c,
                             "\xEF\xBB\xBF"
                             "GeoFIPS,Name\n\n \"01000\",\"Alabama\"\n",
                             &st, &err);

  (void)state;
  assert_int_equal(st, LAB_OK);
  assert_string_equal(got, "B1:GeoFIPS@1|Name@9\nR3:01000@1|Alabama@10\nE\n");
  lab_buf_release(&c.out);
}

static void csv_should_locate_an_unterminated_quote(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;

  (void)state;
  read_csv(&c, "A,B\n1,2\n3,\"four\n5,6\n", &st, &err);
  assert_int_equal(st, LAB_ERR_PARSE);
  assert_string_equal(err.file, "t.csv");
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 3);
  assert_non_null(strstr(err.msg, "unterminated"));
  lab_buf_release(&c.out);
}

static void csv_should_reject_text_after_a_closing_quote(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;

  (void)state;
  read_csv(&c, "A,B\n\"x\"y,2\n", &st, &err);
  assert_int_equal(st, LAB_ERR_PARSE);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 4);
  lab_buf_release(&c.out);
}

static void csv_should_stop_at_the_first_sink_error(void **state)
{
  struct capture c = {.fail_on_line = 3};
  struct lab_error err = {0};
  lab_status st;

  (void)state;
  read_csv(&c, "A\n1\n2\n3\n", &st, &err);
  assert_int_equal(st, LAB_ERR_PARSE);
  assert_string_equal(lab_buf_str(&c.out), "B1:A@1\nR2:1@1\n");
  lab_buf_release(&c.out);
}

static void csv_should_count_columns_in_characters(void **state)
{
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;

  (void)state;
  /* "2023–33" has a 3-byte en dash: the next field starts at character 9, byte 11 */
  read_csv(&c,
           "a,b\n2023\xE2\x80\x93"
           "33,x\n",
           &st, &err);
  assert_int_equal(st, LAB_OK);
  assert_non_null(strstr(lab_buf_str(&c.out), "|x@9"));
  lab_buf_release(&c.out);
}

static void lsnap_should_pass_release_keys_origins_and_rows(void **state)
{
  struct capture c = {0};
  struct lab_sink sink = {&c, cap_begin, cap_row, cap_end};
  struct lab_error err = {0};
  const char *text = "#laborstat-snapshot\t1\n# comment\n"
                     "@release\tsource=cpi\tscope=national\tvintage=2024\n"
                     "@origin\tdeflators/cpi.csv\tabc\t2\n"
                     "@columns\tyear\tvalue\n2023\t304.702\n2024\t313.689\n"
                     "@release\tsource=rpp\tscope=state\tvintage=2023\n"
                     "@origin\tdeflators/rpp.csv\tdef\t1\n@columns\tarea\tvalue\n06\t112.581\n";
  lab_status st;

  (void)state;
  lab_buf_init(&c.out, 1 << 20);
  st = lab_lsnap_read(text, strlen(text), "s.lsnap", &sink, &err);
  assert_int_equal(st, LAB_OK);
  assert_string_equal(lab_buf_str(&c.out),
                      "K:source=cpi\nK:scope=national\nK:vintage=2024\nO:deflators/cpi.csv\n"
                      "B5:year@1|value@6\nR6:2023@1|304.702@6\nR7:2024@1|313.689@6\nE\n"
                      "K:source=rpp\nK:scope=state\nK:vintage=2023\nO:deflators/rpp.csv\n"
                      "B10:area@1|value@6\nR11:06@1|112.581@4\nE\n");
  lab_buf_release(&c.out);
}

static void lsnap_should_refuse_a_file_without_its_magic_line(void **state)
{
  struct capture c = {0};
  struct lab_sink sink = {&c, cap_begin, cap_row, cap_end};
  struct lab_error err = {0};

  (void)state;
  lab_buf_init(&c.out, 1 << 20);
  assert_int_equal(lab_lsnap_read("year\tvalue\n", 11, "x", &sink, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 1);
  lab_buf_release(&c.out);
}

static void area_codes_should_take_every_bls_spelling(void **state)
{
  static const struct {
    const char *in;
    int type;
    const char *out;
  } cases[] = {
      {"99", 0, "US"},       {"0000000", 0, "US"},    {"U.S.", 0, "US"},
      {"6", 2, "06"},        {"06", 0, "06"},         {"0600000", 0, "06"},
      {"31080", 4, "31080"}, {"0031080", 0, "31080"}, {"0100001", 6, "0100001"},
      {"1", 0, "01"},
  };
  char out[16];

  (void)state;
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    assert_int_equal(lab_area_canonical(cases[i].in, cases[i].type, out, sizeof(out)), LAB_OK);
    assert_string_equal(out, cases[i].out);
  }
  assert_int_equal(lab_area_canonical("California", 0, out, sizeof(out)), LAB_ERR_PARSE);
  assert_int_equal(lab_area_canonical("123456", 0, out, sizeof(out)), LAB_ERR_PARSE);
  assert_string_equal(lab_area_type_name("72", 0), "territory");
  assert_string_equal(lab_area_type_name("0100001", 0), "nonmetro");
}

/* ------------------------------------------------------------------- BLS flat files (TSV) */

static const char *read_tsv(struct capture *c, const char *text, size_t len, lab_status *st,
                            struct lab_error *err)
{
  struct lab_sink sink = {c, cap_begin, cap_row, cap_end};
  lab_buf_init(&c->out, 1 << 20);
  *st = lab_tsv_read(text, len, "oe.data.0.Current", &sink, err);
  return lab_buf_str(&c->out);
}

static void tsv_should_trim_padding_crlf_and_trailing_tabs(void **state)
{
  /* The layout of the real files: a padded header, CRLF, an empty trailing footnote field. */
  const char *text =
      "series_id                     \tyear\tperiod\t       value\tfootnote_codes\r\n"
      "OEUN000000000000029902104     \t2024\tA01\t     62580\t\r\n"
      "\r\n"
      "OEUN000000000000029902104     \t2023\tA01\t          -\t4\t\t\r\n";
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;
  const char *out;

  (void)state;
  out = read_tsv(&c, text, strlen(text), &st, &err);
  assert_int_equal(st, LAB_OK);
  assert_string_equal(out, "B1:series_id@1|year@32|period@37|value@51|footnote_codes@57\n"
                           "R2:OEUN000000000000029902104@1|2024@32|A01@37|62580@46|@52\n"
                           "R4:OEUN000000000000029902104@1|2023@32|A01@37|-@51|4@53\n"
                           "E\n");
  lab_buf_release(&c.out);
}

static void tsv_should_locate_a_nul_byte(void **state)
{
  const char text[] = "area_code\tarea_name\n0000000\tU.S.\n0100000\tAla\0bama\n";
  struct capture c = {0};
  struct lab_error err = {0};
  lab_status st;

  (void)state;
  read_tsv(&c, text, sizeof(text) - 1, &st, &err);
  assert_int_equal(st, LAB_ERR_PARSE);
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 12);
  assert_non_null(strstr(err.msg, "NUL"));
  lab_buf_release(&c.out);
}

/* Both saved copies of the real cu.data.1.AllItems (2018 with a padded footnote field, 2024
 * without) read to the same rows: CPI-U SA, January 1947 = 21.48. */
static void tsv_should_read_the_real_cpi_flat_files_alike(void **state)
{
  static const char *const files[] = {
      LAB_SHARED_REFERENCE
      "/bls-flatfiles/cu.data.1.AllItems.head4_crlf_padded-footnote_2018-10.txt",
      LAB_SHARED_REFERENCE "/bls-flatfiles/cu.data.1.AllItems.head6_crlf_2024-02.txt"};
  struct stat sb;

  (void)state;
  if (stat(files[0], &sb) != 0 || stat(files[1], &sb) != 0) {
    printf("skipped: %s not present\n", LAB_SHARED_REFERENCE);
    skip();
  }
  for (size_t i = 0; i < 2; i++) {
    struct capture c = {0};
    struct lab_error err = {0};
    char *data = NULL;
    size_t len = 0;
    lab_status st;
    const char *out;

    assert_int_equal(lab_file_read(files[i], 1 << 20, &data, &len, &err), LAB_OK);
    out = read_tsv(&c, data, len, &st, &err);
    assert_int_equal(st, LAB_OK);
    /* the 2018 header is unpadded, the 2024 one padded: only the names are the same */
    assert_non_null(strstr(out, "B1:series_id@1|year@"));
    assert_non_null(strstr(out, "R2:CUSR0000SA0@1|1947@19|M01@24|21.48@35|"));
    assert_non_null(strstr(out, "R4:CUSR0000SA0@1|1947@19|M03@24|22.00@35|"));
    free(data);
    lab_buf_release(&c.out);
  }
}

/* ------------------------------------------------ the flat-file reader, chunk by chunk (stream) */

/* What one read gave: status, error, and the sink's text (heap, freed by tsv_result_release). */
struct tsv_result {
  lab_status st;
  struct lab_error err;
  char *out;
};

static void tsv_result_release(struct tsv_result *r)
{
  free(r->out);
  r->out = NULL;
}

static void tsv_keep(struct tsv_result *r, lab_status st, const struct lab_error *err,
                     struct capture *c)
{
  r->st = st;
  r->err = *err;
  r->out = strdup(lab_buf_str(&c->out));
  assert_non_null(r->out);
  lab_buf_release(&c->out);
}

static void tsv_once(const char *text, size_t len, int fail_on_line, struct tsv_result *r)
{
  struct capture c = {.fail_on_line = fail_on_line};
  struct lab_sink sink = {&c, cap_begin, cap_row, cap_end};
  struct lab_error err = {0};
  lab_status st;

  lab_buf_init(&c.out, 1 << 20);
  st = lab_tsv_read(text, len, "oe.data.0.Current", &sink, &err);
  tsv_keep(r, st, &err, &c);
}

/* Feed text in pieces: cut[0..ncut) are the offsets where one piece ends and the next begins
 * (ascending; a repeated offset feeds an empty piece). */
static void tsv_pieces(const char *text, size_t len, const size_t *cut, size_t ncut,
                       int fail_on_line, struct tsv_result *r)
{
  struct capture c = {.fail_on_line = fail_on_line};
  struct lab_sink sink = {&c, cap_begin, cap_row, cap_end};
  struct lab_error err = {0};
  struct lab_tsv_stream *t = NULL;
  size_t from = 0;
  lab_status st;

  lab_buf_init(&c.out, 1 << 20);
  st = lab_tsv_stream_new("oe.data.0.Current", &sink, &t, &err);
  for (size_t i = 0; !st && i <= ncut; i++) {
    size_t to = i < ncut ? cut[i] : len;
    st = lab_tsv_stream_feed(t, text + from, to - from, &err);
    from = to;
  }
  if (!st)
    st = lab_tsv_stream_end(t, &err);
  lab_tsv_stream_free(t);
  tsv_keep(r, st, &err, &c);
}

/* Feed text in pieces of `size` bytes. */
static void tsv_chunks(const char *text, size_t len, size_t size, int fail_on_line,
                       struct tsv_result *r)
{
  size_t ncut = len / size, *cut = calloc(ncut + 1, sizeof(*cut));

  assert_non_null(cut);
  for (size_t i = 0; i < ncut; i++)
    cut[i] = (i + 1) * size;
  tsv_pieces(text, len, cut, ncut, fail_on_line, r);
  free(cut);
}

/* The one-shot read and a chunked one agree: the same error at the same place, and on success
 * the same rows. */
static void tsv_expect_same(const struct tsv_result *once, const struct tsv_result *chunked,
                            const char *what, size_t size)
{
  if (once->st == chunked->st && strcmp(once->err.msg, chunked->err.msg) == 0 &&
      strcmp(once->err.file, chunked->err.file) == 0 && once->err.line == chunked->err.line &&
      once->err.column == chunked->err.column &&
      (once->st != LAB_OK || strcmp(once->out, chunked->out) == 0))
    return;
  print_message("case %s, pieces of %zu (or cut at %zu):\n once:    %d %s:%zu:%zu: %s\n%s"
                " chunked: %d %s:%zu:%zu: %s\n%s",
                what, size, size, (int)once->st, once->err.file, once->err.line, once->err.column,
                once->err.msg, once->out, (int)chunked->st, chunked->err.file, chunked->err.line,
                chunked->err.column, chunked->err.msg, chunked->out);
  fail();
}

/* Every piece size 1..len+1 and every single cut 0..len agree with lab_tsv_read. */
static void tsv_check_all_cuts(const char *what, const char *text, size_t len, int fail_on_line)
{
  struct tsv_result once, chunked;

  tsv_once(text, len, fail_on_line, &once);
  for (size_t size = 1; size <= len + 1; size++) {
    tsv_chunks(text, len, size, fail_on_line, &chunked);
    tsv_expect_same(&once, &chunked, what, size);
    tsv_result_release(&chunked);
  }
  for (size_t at = 0; at <= len; at++) {
    size_t cut[2] = {at, at}; /* and an empty piece there */
    tsv_pieces(text, len, cut, 2, fail_on_line, &chunked);
    tsv_expect_same(&once, &chunked, what, at);
    tsv_result_release(&chunked);
  }
  tsv_result_release(&once);
}

static void tsv_stream_should_read_alike_at_every_chunk_boundary(void **state)
{
  static const struct {
    const char *what;
    const char *text;
    size_t len; /* 0: strlen */
    int fail_on_line;
    lab_status st; /* of the one-shot read */
  } cases[] = {
      {"bom-crlf-padding-blank-utf8-last-line",
       "\xEF\xBB\xBFseries_id   \tyear\t  value\r\nOEUN0001  \t2024\t  1.5\t\t\r\n\r\n  \t \n"
       "OEUN0002\t2024\t-\t5\n\xC3\xA9t\xC3\xA9\t\xE2\x82\xAC x\t  \xC3\xBC\nlast\tline\tno-nl",
       0, 0, LAB_OK},
      {"cr-at-eof", "h1\th2\r\na\tb\r", 0, 0, LAB_OK},
      {"cr-inside-a-field", "h1\th2\na\rb\tc\n\r\n\n", 0, 0, LAB_OK},
      {"nul-on-line-3", "area_code\tarea_name\n0000000\tU.S.\n0100000\tAla\0bama\n", 50, 0,
       LAB_ERR_PARSE},
      {"latin1-after-a-sink-error", "h\tv\nr2\t1\nr3\t2\nr\xE9\t3\nr5\t4\n", 0, 2, LAB_ERR_PARSE},
      {"sink-error", "h\tv\nr2\t1\nr3\t2\nr4\t3\n", 0, 3, LAB_ERR_PARSE},
      {"utf16", "\xFF\xFEh\0\t\0v\0\n\0", 10, 0, LAB_ERR_PARSE},
      {"fffe-on-line-2", "h\tv\n\xFF\xFE\tx\n", 0, 0, LAB_ERR_PARSE},
      {"empty", "", 0, 0, LAB_ERR_PARSE},
      {"bom-only", "\xEF\xBB\xBF", 0, 0, LAB_ERR_PARSE},
      {"bom-crlf-only", "\xEF\xBB\xBF\r\n", 0, 0, LAB_ERR_PARSE},
      {"blank-only", "\n  \t\n\r\n", 0, 0, LAB_ERR_PARSE},
      {"utf8-cut-at-eof", "h\tv\nc\xC3", 0, 0, LAB_ERR_PARSE},
      {"utf8-lead-before-newline", "h\tv\na\xC3\nb\n", 0, 0, LAB_ERR_PARSE},
      {"header-only-no-newline", "  h1  \t h2", 0, 0, LAB_OK},
  };

  (void)state;
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
    struct tsv_result once;
    tsv_once(cases[i].text, len, cases[i].fail_on_line, &once);
    if (once.st != cases[i].st)
      print_message("case %s: status %d\n", cases[i].what, (int)once.st);
    assert_int_equal(once.st, cases[i].st);
    tsv_result_release(&once);
    tsv_check_all_cuts(cases[i].what, cases[i].text, len, cases[i].fail_on_line);
  }
}

/* A field of exactly 64 KiB (padding aside) and one byte more; 4096 fields and one more. */
static void tsv_stream_should_apply_the_caps_alike_in_any_chunks(void **state)
{
  static const size_t sizes[] = {1, 2, 3, 7, 64, 4095, 4096, 4097, 65535, 65536, 65537, 70000};
  const size_t field = 64 * 1024;
  size_t cap = 3 * field + 4 * 4100 + 64, len = 0;
  char *text = malloc(cap);
  struct tsv_result once, chunked;

  (void)state;
  assert_non_null(text);
  len += (size_t)sprintf(text + len, "h\tv\nok\t   ");
  memset(text + len, 'x', field);
  len += field;
  len += (size_t)sprintf(text + len, "   \n");
  for (size_t i = 0; i < 4095; i++)
    len += (size_t)sprintf(text + len, "a\t");
  len += (size_t)sprintf(text + len, "a\nbig\t");
  memset(text + len, 'y', field + 1);
  len += field + 1;
  len += (size_t)sprintf(text + len, "\n");
  for (int tail = 0; tail < 2; tail++) { /* then 4097 fields instead of the long one */
    size_t n = tail ? len - field - 6 : len;
    if (tail) {
      for (size_t i = 0; i < 4096; i++)
        n += (size_t)sprintf(text + n, "b\t");
      n += (size_t)sprintf(text + n, "b");
    }
    tsv_once(text, n, 0, &once);
    assert_int_equal(once.st, LAB_ERR_TOOLARGE);
    assert_int_equal(once.err.line, tail ? 4 : 4);
    assert_int_equal(once.err.column, tail ? 2 * 4096 + 1 : 5);
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
      tsv_chunks(text, n, sizes[i], 0, &chunked);
      tsv_expect_same(&once, &chunked, "caps", sizes[i]);
      tsv_result_release(&chunked);
    }
    for (size_t at = n - field - 20; at <= n; at += 997) {
      size_t cut[1] = {at};
      tsv_pieces(text, n, cut, 1, 0, &chunked);
      tsv_expect_same(&once, &chunked, "caps", at);
      tsv_result_release(&chunked);
    }
    tsv_result_release(&once);
  }
  free(text);
}

/* A counting sink for inputs larger than the capture's buffer. */
struct tsv_count {
  size_t rows, last_line, sum;
};

static lab_status count_begin(void *ctx, const struct lab_table_meta *meta,
                              const struct lab_row *header, struct lab_error *err)
{
  (void)ctx, (void)meta, (void)header, (void)err;
  return LAB_OK;
}

static lab_status count_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct tsv_count *c = ctx;

  (void)err;
  c->rows++;
  c->last_line = row->line;
  c->sum += (size_t)atoi(row->field[1]) + row->column[1];
  return LAB_OK;
}

static lab_status count_end(void *ctx, struct lab_error *err)
{
  (void)ctx, (void)err;
  return LAB_OK;
}

/* lab_tsv_read hands a large input to the stream in 1 MiB pieces: no row is lost or doubled at
 * their seams. */
static void tsv_should_read_inputs_larger_than_its_pieces(void **state)
{
  const size_t lines = 150000; /* ~2.4 MB */
  char *text = malloc(lines * 20 + 16);
  size_t len = 0, want = 0;
  struct tsv_count c = {0};
  struct lab_sink sink = {&c, count_begin, count_row, count_end};
  struct lab_error err = {0};

  (void)state;
  assert_non_null(text);
  len += (size_t)sprintf(text, "id\tvalue\n");
  for (size_t i = 1; i < lines; i++) {
    len += (size_t)sprintf(text + len, "r%zu\t %zu\r\n", i, i % 1000);
    want += i % 1000 + (size_t)snprintf(NULL, 0, "r%zu", i) + 3; /* the value's column */
  }
  assert_int_equal(lab_tsv_read(text, len, "big", &sink, &err), LAB_OK);
  assert_int_equal(c.rows, lines - 1);
  assert_int_equal(c.last_line, lines);
  assert_int_equal(c.sum, want);
  free(text);
}

/* Found by fuzzing (tests/fuzz/regressions/csv): a NUL byte used to pass through, so a field's
 * len[] disagreed with its strlen() and normalizers saw a cut value. */
static void csv_should_locate_a_nul_byte(void **state)
{
  const char plain[] = "a,b\n1,x\0y\n";
  const char quoted[] = "a,b\n1,\"\n\0\"\n";
  struct capture c = {0};
  struct lab_sink sink = {&c, cap_begin, cap_row, cap_end};
  struct lab_error err = {0};

  (void)state;
  lab_buf_init(&c.out, 1 << 20);
  assert_int_equal(lab_csv_read(plain, sizeof(plain) - 1, "t.csv", &sink, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 4);
  assert_non_null(strstr(err.msg, "NUL"));
  err = (struct lab_error){0};
  assert_int_equal(lab_csv_read(quoted, sizeof(quoted) - 1, "t.csv", &sink, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 3);
  assert_int_equal(err.column, 1);
  lab_buf_release(&c.out);
}

/* Found by fuzzing (tests/fuzz/regressions/lsnap): the same for the snapshot reader. */
static void lsnap_should_locate_a_nul_byte(void **state)
{
  const char text[] = "#laborstat-snapshot\t1\n@release\tsource=cpi\n@columns\tyear\tvalue\n"
                      "2023\t30\0.7\n";
  struct capture c = {0};
  struct lab_sink sink = {&c, cap_begin, cap_row, cap_end};
  struct lab_error err = {0};

  (void)state;
  lab_buf_init(&c.out, 1 << 20);
  assert_int_equal(lab_lsnap_read(text, sizeof(text) - 1, "s.lsnap", &sink, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 4);
  assert_int_equal(err.column, 8);
  assert_non_null(strstr(err.msg, "NUL"));
  lab_buf_release(&c.out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(csv_should_split_quoted_fields_with_commas_quotes_and_newlines),
      cmocka_unit_test(csv_should_skip_a_bom_blank_lines_and_a_space_before_a_quote),
      cmocka_unit_test(csv_should_locate_an_unterminated_quote),
      cmocka_unit_test(csv_should_reject_text_after_a_closing_quote),
      cmocka_unit_test(csv_should_stop_at_the_first_sink_error),
      cmocka_unit_test(csv_should_count_columns_in_characters),
      cmocka_unit_test(lsnap_should_pass_release_keys_origins_and_rows),
      cmocka_unit_test(lsnap_should_refuse_a_file_without_its_magic_line),
      cmocka_unit_test(area_codes_should_take_every_bls_spelling),
      cmocka_unit_test(tsv_should_trim_padding_crlf_and_trailing_tabs),
      cmocka_unit_test(tsv_should_locate_a_nul_byte),
      cmocka_unit_test(tsv_should_read_the_real_cpi_flat_files_alike),
      cmocka_unit_test(tsv_stream_should_read_alike_at_every_chunk_boundary),
      cmocka_unit_test(tsv_stream_should_apply_the_caps_alike_in_any_chunks),
      cmocka_unit_test(tsv_should_read_inputs_larger_than_its_pieces),
      cmocka_unit_test(csv_should_locate_a_nul_byte),
      cmocka_unit_test(lsnap_should_locate_a_nul_byte),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
