/*
 * test_sources.c - the downloaded kinds lab_import_files() takes: Projections Central JSON pages
 * (and their pager), BEA's SARPP table (CSV and zip), the BLS CPI flat file cu.data.* and BLS API
 * v2 answers; small fixtures of real figures (tests/data/sources/README.md), then the real files
 * of ../shared/reference when present. Bad inputs are located and leave the store unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_file.h"
#include "datasets/lab_import.h"
#include "datasets/lab_query.h"
#include "datasets/lab_store.h"
#include "test_util.h"

#include <sqlite3.h>

#define SRC LAB_TEST_DATA "/sources/"
#define REF LAB_SHARED_REFERENCE

struct fixture {
  char dir[64];
  char db[128];
  struct lab_store *s;
};

static int setup(void **state)
{
  struct fixture *f = calloc(1, sizeof(*f));
  struct lab_error err = {0};

  test_tmpdir(f->dir, sizeof(f->dir));
  snprintf(f->db, sizeof(f->db), "%s/store.db", f->dir);
  if (lab_store_open(f->db, &f->s, NULL, &err) != LAB_OK) {
    fprintf(stderr, "setup: %s\n", err.msg);
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  struct fixture *f = *state;

  lab_store_close(f->s);
  test_rmdir(f->dir);
  free(f);
  return 0;
}

/* Import paths[0..n) in one call; fails the test unless the status is `want`. */
static void import_n(struct fixture *f, const char *const *paths, size_t n,
                     struct lab_import_summary *sums, lab_status want, struct lab_error *err)
{
  struct lab_import_opts o = {0};
  lab_status st = lab_import_files(f->s, paths, n, &o, sums, err);

  if (st != want)
    fail_msg("%s: status %d (want %d): %s:%zu:%zu: %s", paths[0], st, want, err->file, err->line,
             err->column, err->msg);
}

static void import1(struct fixture *f, const char *path, struct lab_import_summary *sum)
{
  struct lab_error err = {0};

  import_n(f, &path, 1, sum, LAB_OK, &err);
}

/* The first column of the first row of sql, as a number (NAN for NULL or no row). */
static double q(const struct fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  double v = NAN;

  if (sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    fail_msg("%s: %s", sql, sqlite3_errmsg(db));
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
    v = sqlite3_column_double(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

#define PC_ROWS                                                                                    \
  "SELECT count(*) FROM projection p JOIN release r ON r.id = p.release_id"                        \
  " WHERE r.source = 'pc'"

/* ------------------------------------------------------------------- Projections Central */

static void pc_page_should_take_areas_from_stfips(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;

  import1(f, SRC "pc_us_al_ak.json", &sum);
  assert_string_equal(sum.source, "pc");
  assert_string_equal(sum.scope, "state");
  assert_string_equal(sum.vintage, "2024-2034");
  assert_int_equal(sum.rows, 3);
  assert_close(q(f, "SELECT emp_base FROM projection WHERE area = 'US' AND occ_code = '29-1141'"),
               3391000, 0);
  assert_close(q(f, "SELECT openings FROM projection WHERE area = '01'"), 3270, 0);
  assert_close(q(f, "SELECT pct_change FROM projection WHERE area = '02'"), 10.2, 1e-9);
  assert_close(q(f, "SELECT year FROM release WHERE source = 'pc' AND vintage = '2024-2034'"
                    " AND scope = 'state' AND soc_edition = '2018'"),
               2024, 0);
  assert_close(q(f, "SELECT count(*) FROM release_origin o JOIN release r ON r.id = o.release_id"
                    " WHERE r.source = 'pc' AND o.rows = 3"),
               1, 0);
}

static void pc_pages_should_accumulate_areas(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;

  import1(f, SRC "pc_ca.json", &sum);
  assert_close(q(f, "SELECT emp_proj FROM projection WHERE area = '06'"), 390600, 0);
  import1(f, SRC "pc_nv.json", &sum); /* CA kept */
  assert_int_equal(sum.rows, 3);
  assert_close(q(f, PC_ROWS), 4, 0);
  assert_close(q(f, "SELECT count(DISTINCT area) FROM projection"), 2, 0);
  assert_close(q(f, "SELECT count(*) FROM release WHERE source = 'pc'"), 1, 0);
  import1(f, SRC "pc_ca.json", &sum); /* again: replaced, not duplicated */
  assert_close(q(f, PC_ROWS), 4, 0);
  assert_close(q(f, "SELECT count(*) FROM projection WHERE area = '06'"), 1, 0);
  assert_close(q(f, "SELECT rows FROM release WHERE source = 'pc'"), 4, 0);
  assert_close(q(f, "SELECT count(*) FROM release_origin"), 2, 0);
  assert_close(q(f, "SELECT emp_base FROM projection WHERE area = '32' AND occ_code = '29-1141'"),
               28150, 0);
}

static void pc_pages_of_one_call_should_form_one_release(void **state)
{
  struct fixture *f = *state;
  const char *paths[] = {SRC "pc_ca.json", SRC "sarpp_3states.csv", SRC "pc_nv.json"};
  struct lab_import_summary sums[3];
  struct lab_error err = {0};

  import_n(f, paths, 3, sums, LAB_OK, &err);
  assert_string_equal(sums[0].source, "pc");
  assert_string_equal(sums[1].source, "rpp");
  assert_string_equal(sums[2].source, "pc");
  assert_int_equal(sums[0].rows, 1);
  assert_int_equal(sums[2].rows, 3);
  assert_close(q(f, "SELECT rows FROM release WHERE source = 'pc'"), 4, 0);
  assert_close(q(f, "SELECT count(*) FROM release_origin"), 2, 0);
}

static lab_status pager(const char *json, long *pages, long *items, struct lab_error *err)
{
  return lab_pc_pager(json, strlen(json), "p.json", pages, items, err);
}

static void pc_pager_should_read_totals_and_locate_errors(void **state)
{
  char *data = NULL;
  size_t len = 0;
  long pages = 0, items = 0;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_file_read(SRC "pc_us_al_ak.json", 1 << 20, &data, &len, NULL), LAB_OK);
  assert_int_equal(lab_pc_pager(data, len, "p.json", &pages, &items, &err), LAB_OK);
  assert_int_equal(pages, 1);
  assert_int_equal(items, 55);
  free(data);
  assert_int_equal(pager("{\"rows\":[],\n \"pager\":{\"total_pages\":\"3\",\"total_items\":250}}",
                         &pages, &items, &err),
                   LAB_OK);
  assert_int_equal(pages, 3);
  assert_int_equal(items, 250);
  assert_int_equal(pager("{\"rows\":[]}", &pages, &items, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 1);
  assert_int_equal(err.column, 1);
  assert_non_null(strstr(err.msg, "pager"));
  assert_int_equal(pager("{\"rows\":[\n  {\"a\" 1}]}", &pages, &items, &err), LAB_ERR_PARSE);
  assert_string_equal(err.file, "p.json");
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 8);
  assert_int_equal(pager("{\"rows\":[], \"pager\":{\"total_pages\":1}}", &pages, &items, &err),
                   LAB_ERR_PARSE);
  assert_int_equal(pager("No results found.\n", &pages, &items, &err), LAB_ERR_NOTFOUND);
}

/* ------------------------------------------------------------------------------- BEA RPP */

static void sarpp_should_keep_rpp_all_items(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  double v = 0;
  int used = 0;

  import1(f, SRC "sarpp_3states.csv", &sum);
  assert_string_equal(sum.source, "rpp");
  assert_string_equal(sum.scope, "state");
  assert_string_equal(sum.vintage, "2023");
  assert_int_equal(sum.rows, 3 * 16);
  assert_int_equal(lab_store_rpp(f->s, "06", 2023, &v, &used, NULL), LAB_OK);
  assert_close(v, 112.581, 1e-9);
  assert_int_equal(lab_store_rpp(f->s, "34", 2023, &v, &used, NULL), LAB_OK);
  assert_close(v, 108.883, 1e-9);
  assert_int_equal(lab_store_rpp(f->s, "28", 2023, &v, &used, NULL), LAB_OK);
  assert_close(v, 87.292, 1e-9);
  assert_int_equal(lab_store_rpp(f->s, "06", 2008, &v, &used, NULL), LAB_OK);
  assert_close(v, 111.187, 1e-9);
}

static void sarpp_zip_should_import_the_state_member(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;

  import1(f, SRC "SARPP.zip", &sum);
  assert_string_equal(sum.source, "rpp");
  assert_int_equal(sum.rows, 48);
  assert_close(q(f, "SELECT count(*) FROM release WHERE source = 'rpp'"
                    " AND origin LIKE '%SARPP.zip:SARPP_STATE_2008_2023.csv'"),
               1, 0);
  assert_close(q(f, "SELECT value FROM rpp WHERE area = '28' AND year = 2023"), 87.292, 1e-9);
}

/* ---------------------------------------------------------------------------- cu flat file */

static void cu_flat_file_should_store_every_series(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  double v = 0;

  import1(f, SRC "cu.data.1.AllItems", &sum);
  assert_string_equal(sum.source, "cpi");
  assert_string_equal(sum.scope, "national");
  assert_string_equal(sum.vintage, "2024");
  assert_int_equal(sum.rows, 29);
  assert_int_equal(lab_store_cpi(f->s, 2024, &v, NULL), LAB_OK);
  assert_close(v, 313.689, 1e-9);
  assert_int_equal(lab_store_cpi(f->s, 2023, &v, NULL), LAB_OK);
  assert_close(v, 304.702, 1e-9);
  assert_close(q(f, "SELECT value FROM series WHERE series_id = 'CUSR0000SA0' AND year = 1947"
                    " AND period = 'M01'"),
               21.48, 1e-9);
  assert_close(q(f, "SELECT year FROM release WHERE source = 'cpi' AND vintage = '2024'"), 2024, 0);
}

/* ------------------------------------------------------------------------- BLS API answers */

static void api_answers_should_merge_and_replace_series(void **state)
{
  struct fixture *f = *state;
  const char *both[] = {SRC "api_laucn_3points.json", SRC "api_oeun_no_data_topcoded.json"};
  struct lab_import_summary sums[2];
  struct lab_error err = {0};
  double v = 0;

  import_n(f, both, 2, sums, LAB_OK, &err);
  assert_string_equal(sums[0].source, "series");
  assert_string_equal(sums[0].scope, "api");
  assert_string_equal(sums[0].vintage, "2018-2023");
  assert_int_equal(sums[0].rows, 3);
  assert_int_equal(sums[1].rows, 1);
  assert_close(q(f, "SELECT count(*) FROM series"), 4, 0);
  assert_true(isnan(q(f, "SELECT value FROM series WHERE series_id LIKE 'OEUN%'")));
  assert_close(q(f, "SELECT count(*) FROM series WHERE series_id LIKE 'OEUN%'"
                    " AND footnotes LIKE 'This wage is equal to or greater than%'"),
               1, 0);
  assert_close(q(f, "SELECT value FROM series WHERE series_id = 'LAUCN040010000000005'"
                    " AND year = 2022 AND period = 'M12'"),
               16945, 0);
  /* the same series again, alone: moved to a new release, nothing repeated */
  import_n(f, both, 1, sums, LAB_OK, &err);
  assert_string_equal(sums[0].vintage, "2022-2023");
  assert_close(q(f, "SELECT count(*) FROM series"), 4, 0);
  assert_close(q(f, "SELECT count(*) FROM release WHERE source = 'series'"), 2, 0);
  assert_close(q(f, "SELECT rows FROM release WHERE vintage = '2018-2023'"), 1, 0);
  /* both again: the 2022-2023 release is left empty and dropped */
  import_n(f, both, 2, sums, LAB_OK, &err);
  assert_close(q(f, "SELECT count(*) FROM series"), 4, 0);
  assert_close(q(f, "SELECT count(*) FROM release WHERE source = 'series'"), 1, 0);
  assert_close(q(f, "SELECT rows FROM release WHERE source = 'series'"), 4, 0);
  assert_int_equal(lab_store_cpi(f->s, 2023, &v, NULL), LAB_ERR_NOTFOUND);
}

static void api_answer_without_data_should_store_nothing(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;

  import1(f, SRC "api_series_does_not_exist.json", &sum);
  assert_string_equal(sum.source, "series");
  assert_int_equal(sum.rows, 0);
  assert_string_equal(sum.vintage, "");
  assert_close(q(f, "SELECT count(*) FROM release"), 0, 0);
}

/* ---------------------------------------------------------------------------- bad inputs */

struct bad_case {
  const char *file;
  lab_status st;
  size_t line, column; /* 0 = no position expected */
  const char *words;
};

static void bad_inputs_should_be_located_and_change_nothing(void **state)
{
  static const struct bad_case cases[] = {
      {"bad_pc_malformed.json", LAB_ERR_PARSE, 21, 4, "malformed JSON"},
      {"bad_pc_no_pager.json", LAB_ERR_PARSE, 1, 1, "pager"},
      {"bad_pc_baseyear.json", LAB_ERR_PARSE, 28, 16, "BaseYear 2023 differs from 2024"},
      {"bad_pc_number.json", LAB_ERR_PARSE, 21, 17, "expected a number in \"Projected\""},
      {"pc_no_results.json", LAB_ERR_NOTFOUND, 0, 0, "No results found."},
      {"bad_sarpp_value.csv", LAB_ERR_PARSE, 7, 186, "got '108.8x3'"},
      {"cu.data.bad_year", LAB_ERR_PARSE, 19, 19, "column 'year', got '2O24'"},
      {"api_not_processed.json", LAB_ERR_HTTP, 0, 0, "daily threshold"},
  };
  struct fixture *f = *state;
  char before[65], after[65], path[512];
  struct lab_import_summary sum;

  import1(f, SRC "pc_us_al_ak.json", &sum); /* something to keep */
  import1(f, SRC "api_laucn_3points.json", &sum);
  test_file_sha256(f->db, before);
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const char *paths[2] = {SRC "sarpp_3states.csv", path}; /* a good file goes back out too */
    struct lab_import_summary sums[2];
    struct lab_error err = {0};
    snprintf(path, sizeof(path), SRC "%s", cases[i].file);
    import_n(f, paths, 2, sums, cases[i].st, &err);
    if (!strstr(err.msg, cases[i].words))
      fail_msg("%s: message '%s'", cases[i].file, err.msg);
    if (cases[i].line && (err.line != cases[i].line || !strstr(err.file, cases[i].file)))
      fail_msg("%s: at %s:%zu, expected line %zu", cases[i].file, err.file, err.line,
               cases[i].line);
    if (cases[i].column && err.column != cases[i].column)
      fail_msg("%s: column %zu, expected %zu", cases[i].file, err.column, cases[i].column);
    test_file_sha256(f->db, after);
    if (strcmp(before, after) != 0)
      fail_msg("%s: the store changed", cases[i].file);
  }
}

/* ------------------------------------------------------------ ../shared/reference files */

static void real_pc_sample_should_import_all_55_rows(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;

  import1(f, REF "/projections/projectionscentral_longterm_sample.json", &sum);
  assert_int_equal(sum.rows, 55);
  assert_string_equal(sum.vintage, "2024-2034");
  assert_close(q(f, "SELECT emp_base FROM projection WHERE area = 'US' AND occ_code = '29-1141'"),
               3391000, 0);
  assert_close(q(f, "SELECT count(DISTINCT area) FROM projection"), 55, 0);
  assert_close(q(f, "SELECT count(*) FROM projection WHERE area IN ('66', '72', '78')"), 3, 0);
}

static void real_sarpp_should_give_52_areas_by_16_years(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  double v = 0;

  import1(f, REF "/deflators/bea_SARPP_STATE_2008_2023.csv", &sum);
  assert_int_equal(sum.rows, 52 * 16);
  assert_close(q(f, "SELECT count(DISTINCT area) FROM rpp"), 52, 0);
  assert_close(q(f, "SELECT count(DISTINCT year) FROM rpp"), 16, 0);
  assert_int_equal(lab_store_rpp(f->s, "06", 2023, &v, NULL, NULL), LAB_OK);
  assert_close(v, 112.581, 1e-9);
  assert_close(q(f, "SELECT value FROM rpp WHERE area = 'US' AND year = 2023"), 100, 1e-9);
}

static void real_cu_lines_should_give_the_2024_annual_average(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  double v = 0;

  import1(f, REF "/deflators/cu.data.1.AllItems_CUUR0000SA0_lines_2025-10.tsv", &sum);
  assert_string_equal(sum.source, "cpi");
  assert_string_equal(sum.vintage, "2024");
  assert_int_equal(sum.rows, 1465);
  assert_int_equal(lab_store_cpi(f->s, 2024, &v, NULL), LAB_OK);
  assert_close(v, 313.689, 1e-9);
  import1(f, REF "/bls-flatfiles/cu.data.1.AllItems.head4_crlf_padded-footnote_2018-10.txt", &sum);
  assert_string_equal(sum.vintage, "1947"); /* no CUUR0000SA0 M13: the latest year */
  assert_close(q(f, "SELECT value FROM series WHERE series_id = 'CUSR0000SA0' AND period = 'M03'"),
               22.00, 1e-9);
}

static void real_api_samples_should_merge(void **state)
{
  static const char *const ok[] = {
      REF "/bls-api/samples/LNS14000000_captured-2023-04_pretty.json",
      REF "/bls-api/samples/v2_GET_LAUCN040010000000005_captured-2023-04.json",
      REF "/bls-api/samples/v2_OEUN_no_data_available_and_topcoded_value_2019-05.json",
      REF "/bls-api/samples/v2_POST_OEUN_series_does_not_exist_2025-12.json",
      REF "/bls-api/samples/v2_POST_OEUN_retired_SOC2010_code_does_not_exist_2025-12.json",
      REF "/bls-api/samples/bls_faq_invalid_series_example.json"};
  struct fixture *f = *state;
  struct lab_import_summary sums[6];
  struct lab_error err = {0};
  const char *bad = REF "/bls-api/samples/v1_GET_REQUEST_NOT_PROCESSED_daily_threshold.json";

  import_n(f, (const char *const *)ok, 6, sums, LAB_OK, &err);
  assert_string_equal(sums[0].vintage, "2018-2023");
  assert_close(q(f, "SELECT rows FROM release WHERE source = 'series'"), 27 + 25 + 1, 0);
  assert_close(q(f, "SELECT value FROM series WHERE series_id = 'LNS14000000' AND year = 2023"
                    " AND period = 'M03'"),
               3.5, 1e-9);
  import_n(f, &bad, 1, sums, LAB_ERR_HTTP, &err);
  assert_non_null(strstr(err.msg, "REQUEST_NOT_PROCESSED"));
}

/* The page `src` with `bytes` inserted just after the '[' of "rows", as dir/name. */
static void write_pc_with(const struct fixture *f, const char *src, const char *name,
                          const char *bytes, size_t n, char *path, size_t size)
{
  char *data = NULL;
  size_t len = 0, head;
  const char *rows;
  FILE *out;

  assert_int_equal(lab_file_read(src, 1 << 20, &data, &len, NULL), LAB_OK);
  rows = strchr(data, '[');
  assert_non_null(rows);
  head = (size_t)(rows + 1 - data);
  snprintf(path, size, "%s/%s", f->dir, name);
  out = fopen(path, "wb");
  assert_non_null(out);
  assert_int_equal(fwrite(data, 1, head, out), head);
  assert_int_equal(fwrite(bytes, 1, n, out), n);
  assert_int_equal(fwrite(data + head, 1, len - head, out), len - head);
  assert_int_equal(fclose(out), 0);
  free(data);
}

/* Found by fuzzing (tests/fuzz/regressions/pc): cJSON takes every byte up to ' ' (NUL too) as
 * white space, the offset scanner (json_pos.c) only four of them: it stopped without moving on a
 * NUL between rows (the import never returned) and counted other control bytes as a row (errors
 * then pointed at the wrong row). A NUL is now refused with its position; other control bytes
 * read like blanks, and errors after them keep their position. */
static void pc_page_with_control_bytes_between_rows_should_not_hang(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  struct lab_error err = {0};
  char path[160];
  const char *paths[1] = {path};

  write_pc_with(f, SRC "pc_ca.json", "nul.json", "\0\0\0", 3, path, sizeof(path));
  import_n(f, paths, 1, &sum, LAB_ERR_PARSE, &err);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 11);
  write_pc_with(f, SRC "bad_pc_number.json", "ctl-bad.json", "\x01\x02", 2, path, sizeof(path));
  import_n(f, paths, 1, &sum, LAB_ERR_PARSE, &err); /* as bad_pc_number.json, below */
  assert_int_equal(err.line, 21);
  assert_int_equal(err.column, 17);
  assert_non_null(strstr(err.msg, "\"Projected\""));
  write_pc_with(f, SRC "pc_ca.json", "ctl.json", "\x01\x02\x1f", 3, path, sizeof(path));
  import1(f, path, &sum);
  assert_int_equal(sum.rows, 1);
  assert_close(q(f, "SELECT emp_proj FROM projection WHERE area = '06'"), 390600, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(pc_page_should_take_areas_from_stfips, setup, teardown),
      cmocka_unit_test_setup_teardown(pc_pages_should_accumulate_areas, setup, teardown),
      cmocka_unit_test_setup_teardown(pc_pages_of_one_call_should_form_one_release, setup,
                                      teardown),
      cmocka_unit_test(pc_pager_should_read_totals_and_locate_errors),
      cmocka_unit_test_setup_teardown(pc_page_with_control_bytes_between_rows_should_not_hang,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(sarpp_should_keep_rpp_all_items, setup, teardown),
      cmocka_unit_test_setup_teardown(sarpp_zip_should_import_the_state_member, setup, teardown),
      cmocka_unit_test_setup_teardown(cu_flat_file_should_store_every_series, setup, teardown),
      cmocka_unit_test_setup_teardown(api_answers_should_merge_and_replace_series, setup, teardown),
      cmocka_unit_test_setup_teardown(api_answer_without_data_should_store_nothing, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(bad_inputs_should_be_located_and_change_nothing, setup,
                                      teardown),
  };
  const struct CMUnitTest shared_tests[] = {
      cmocka_unit_test_setup_teardown(real_pc_sample_should_import_all_55_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(real_sarpp_should_give_52_areas_by_16_years, setup, teardown),
      cmocka_unit_test_setup_teardown(real_cu_lines_should_give_the_2024_annual_average, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(real_api_samples_should_merge, setup, teardown),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);

  if (failed)
    return failed;
  /* The reference files live outside the repository: without them the run counts as skipped. */
  if (!test_file_exists(REF "/projections/projectionscentral_longterm_sample.json")) {
    printf("skipped: ../shared not present (%s)\n", REF);
    return 77;
  }
  return cmocka_run_group_tests(shared_tests, NULL, NULL);
}
