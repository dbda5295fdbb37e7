/*
 * test_readers.c - the CSV and snapshot readers: fields, quoting, line ends, positions.
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
      cmocka_unit_test(csv_should_locate_a_nul_byte),
      cmocka_unit_test(lsnap_should_locate_a_nul_byte),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
