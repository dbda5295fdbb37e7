/*
 * test_blsapi.c - BLS API v2 client, network-free half: request planning, POST bodies, parsing
 * answers (inline JSON in the documented v2 format, then every real capture in
 * ../shared/reference/bls-api/samples/) and merging year-split answers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/lab_file.h"
#include "datasets/lab_blsapi.h"
#include "test_util.h"

#include <cjson/cJSON.h>

#define SAMPLES "/bls-api/samples/"

static lab_status parse_str(const char *json, struct lab_blsapi_answer *a, struct lab_error *err)
{
  return lab_blsapi_parse(json, strlen(json), "inline.json", a, err);
}

/* ids[i] = "S0000i"; coverage[i][y] counts the requests holding (series i, year from + y). */
static void check_plan(size_t nseries, int from, int to, bool key, size_t want_reqs)
{
  char(*ids)[24] = calloc(nseries, sizeof(*ids));
  const char **p = calloc(nseries, sizeof(*p));
  size_t nyears = (size_t)(to - from + 1);
  unsigned *cover = calloc(nseries * nyears, sizeof(*cover));
  struct lab_blsapi_plan plan;
  struct lab_error err;

  assert_non_null(ids);
  assert_non_null(p);
  assert_non_null(cover);
  for (size_t i = 0; i < nseries; i++) {
    snprintf(ids[i], sizeof(ids[i]), "S%05zu", i);
    p[i] = ids[i];
  }
  assert_int_equal(lab_blsapi_plan(p, nseries, from, to, key, &plan, &err), LAB_OK);
  assert_int_equal(plan.nreq, want_reqs);
  for (size_t r = 0; r < plan.nreq; r++) {
    const struct lab_blsapi_request *q = &plan.req[r];
    assert_true(q->nseries >= 1 && q->nseries <= (key ? 50u : 25u));
    assert_true(q->to - q->from + 1 <= (key ? 20 : 10));
    for (size_t s = 0; s < q->nseries; s++) {
      size_t i = (size_t)(q->series[s] - ids[0]) / sizeof(ids[0]);
      for (int y = q->from; y <= q->to; y++)
        cover[i * nyears + (size_t)(y - from)]++;
    }
  }
  for (size_t k = 0; k < nseries * nyears; k++)
    assert_int_equal(cover[k], 1);
  lab_blsapi_plan_release(&plan);
  free(cover);
  free(p);
  free(ids);
}

static void plan_should_split_by_series_and_years_with_a_key(void **state)
{
  (void)state;
  check_plan(120, 2000, 2024, true, 6); /* 3 x 2 */
  check_plan(50, 2005, 2024, true, 1);
  check_plan(51, 2005, 2024, true, 2);
  check_plan(1, 2024, 2024, true, 1);
}

static void plan_should_use_the_smaller_limits_without_a_key(void **state)
{
  (void)state;
  check_plan(120, 2000, 2024, false, 15); /* 5 x 3 */
  check_plan(25, 2015, 2024, false, 1);
  check_plan(26, 2014, 2024, false, 4);
}

static void plan_should_refuse_bad_ids_and_years(void **state)
{
  const char *lower[] = {"CUUR0000SA0", "cuur0000sa0"};
  const char *empty[] = {""};
  const char *dash[] = {"CUUR-0000"};
  const char *longid[] = {"A234567890123456789012345678901"};
  const char *dup[] = {"LNS14000000", "LNS14000000"};
  const char *ok[] = {"A23456789012345678901234567890"};
  const char *null_id[] = {NULL};
  struct lab_blsapi_plan plan;
  struct lab_error err;

  (void)state;
  assert_int_equal(lab_blsapi_plan(lower, 2, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "'cuur0000sa0' (#2)"));
  assert_null(plan.req);
  assert_int_equal(lab_blsapi_plan(empty, 1, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(dash, 1, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(longid, 1, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(null_id, 1, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(dup, 2, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "given twice"));
  assert_int_equal(lab_blsapi_plan(ok, 0, 2020, 2024, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(ok, 1, 2024, 2020, true, &plan, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "2024 is after end year 2020"));
  assert_int_equal(lab_blsapi_plan(ok, 1, 1899, 2020, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(ok, 1, 2020, 2101, true, &plan, &err), LAB_ERR_INVALID);
  assert_int_equal(lab_blsapi_plan(ok, 1, 2020, 2020, true, &plan, &err), LAB_OK);
  lab_blsapi_plan_release(&plan);
}

static void request_json_should_be_exact_with_and_without_key(void **state)
{
  const char *ids[] = {"CUUR0000SA0", "LNS14000000"};
  struct lab_blsapi_request r = {.series = ids, .nseries = 2, .from = 2015, .to = 2024};
  struct lab_error err;
  char *json = NULL;

  (void)state;
  assert_int_equal(lab_blsapi_request_json(&r, "k3y\"x", &json, &err), LAB_OK);
  assert_string_equal(json, "{\"seriesid\":[\"CUUR0000SA0\",\"LNS14000000\"],\"startyear\":"
                            "\"2015\",\"endyear\":\"2024\",\"registrationkey\":\"k3y\\\"x\","
                            "\"annualaverage\":true}");
  free(json);
  assert_int_equal(lab_blsapi_request_json(&r, NULL, &json, &err), LAB_OK);
  assert_string_equal(json, "{\"seriesid\":[\"CUUR0000SA0\",\"LNS14000000\"],\"startyear\":"
                            "\"2015\",\"endyear\":\"2024\"}");
  free(json);
  assert_int_equal(lab_blsapi_request_json(&r, "", &json, &err), LAB_ERR_INVALID);
  assert_null(json);
}

#define OBS(y, p, pn, v, fn)                                                                       \
  "{\"year\":\"" y "\",\"period\":\"" p "\",\"periodName\":\"" pn "\",\"value\":\"" v              \
  "\",\"footnotes\":[" fn "]}"

static void parse_should_read_results_as_an_object(void **state)
{
  const char *json =
      "{\"status\":\"REQUEST_SUCCEEDED\",\"responseTime\":31,\"message\":[],\"Results\":{\n"
      "\"series\":\n[{\"seriesID\":\"CUUR0000SA0\",\"data\":["
      "{\"year\":\"2024\",\"period\":\"M02\",\"periodName\":\"February\",\"latest\":\"true\","
      "\"value\":\"310.326\",\"footnotes\":[{\"code\":\"P\",\"text\":\"Preliminary.\"},"
      "{\"code\":\"R\",\"text\":\"Revised.\"}]}," OBS("2024", "M01", "January", "308.417",
                                                      "{}") "]}]\n}}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_OK);
  assert_int_equal(a.status, LAB_BLSAPI_SUCCEEDED);
  assert_int_equal(a.response_ms, 31);
  assert_int_equal(a.nmessages, 0);
  assert_int_equal(a.nseries, 1);
  assert_string_equal(a.series[0].id, "CUUR0000SA0");
  assert_int_equal(a.series[0].nobs, 2);
  assert_int_equal(a.series[0].obs[0].year, 2024);
  assert_string_equal(a.series[0].obs[0].period, "M02");
  assert_string_equal(a.series[0].obs[0].period_name, "February");
  assert_close(a.series[0].obs[0].value, 310.326, 1e-12);
  assert_true(a.series[0].obs[0].latest);
  assert_string_equal(a.series[0].obs[0].footnotes, "Preliminary.; Revised.");
  assert_false(a.series[0].obs[1].latest);
  assert_null(a.series[0].obs[1].footnotes);
  lab_blsapi_answer_release(&a);
}

static void parse_should_read_results_as_an_array(void **state)
{
  const char *json = "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[],\"Results\":["
                     "{\"series\":[{\"seriesID\":\"A1\",\"data\":[" OBS(
                         "2020", "Q04", "4th Quarter", "1.5",
                         "{}") "]}]},"
                               "{\"series\":[{\"seriesID\":\"B2\",\"data\":[" OBS(
                                   "2020", "S02", "2nd Half", "2.5", "{}") "]}]}]}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_OK);
  assert_int_equal(a.response_ms, -1);
  assert_int_equal(a.nseries, 2);
  assert_string_equal(a.series[0].id, "A1");
  assert_string_equal(a.series[1].id, "B2");
  assert_string_equal(a.series[1].obs[0].period, "S02");
  assert_close(a.series[1].obs[0].value, 2.5, 0);
  lab_blsapi_answer_release(&a);
}

static void parse_should_flag_missing_values(void **state)
{
  const char *json =
      "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[],\"Results\":{\"series\":["
      "{\"seriesID\":\"X1\",\"data\":[" OBS("2019", "A01", "Annual", "-", "{}") "," OBS(
          "2018", "A01", "Annual", "", "{}") "," OBS("2017", "A01", "Annual", "0", "{}") "]}]}}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_OK);
  assert_true(a.series[0].obs[0].missing);
  assert_true(isnan(a.series[0].obs[0].value));
  assert_true(a.series[0].obs[1].missing);
  assert_false(a.series[0].obs[2].missing);
  assert_close(a.series[0].obs[2].value, 0.0, 0);
  lab_blsapi_answer_release(&a);
}

static void parse_should_classify_every_message_kind(void **state)
{
  const char *json =
      "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":["
      "\"Series does not exist for Series ZZZ1\","
      "\"Invalid Series for Series  bad!\","
      "\"No Data Available for Series OEUN1 Year: 2016\","
      "\"Year range has been reduced to the system-allowed limit of 20 years.\","
      "\"Request could not be serviced, as the daily threshold for total number of requests "
      "allocated to the user with registration key  has been reached.\","
      "\"Database is locked for Series X\"],"
      "\"Results\":{\"series\":[{\"seriesID\":\"ZZZ1\",\"data\":[]}]}}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_OK);
  assert_int_equal(a.nmessages, 6);
  assert_int_equal(a.messages[0].kind, LAB_BLSAPI_MSG_NO_SERIES);
  assert_string_equal(a.messages[0].series, "ZZZ1");
  assert_int_equal(a.messages[1].kind, LAB_BLSAPI_MSG_NO_SERIES);
  assert_string_equal(a.messages[1].series, "bad!");
  assert_int_equal(a.messages[2].kind, LAB_BLSAPI_MSG_NO_DATA);
  assert_string_equal(a.messages[2].series, "OEUN1");
  assert_int_equal(a.messages[2].year, 2016);
  assert_int_equal(a.messages[3].kind, LAB_BLSAPI_MSG_YEARS_REDUCED);
  assert_int_equal(a.messages[3].limit, 20);
  assert_int_equal(a.messages[4].kind, LAB_BLSAPI_MSG_THRESHOLD);
  assert_int_equal(a.messages[5].kind, LAB_BLSAPI_MSG_OTHER);
  assert_string_equal(a.messages[5].text, "Database is locked for Series X");
  assert_null(a.messages[5].series);
  assert_string_equal(lab_blsapi_msg_kind_name(a.messages[4].kind), "daily threshold reached");
  assert_int_equal(a.series[0].nobs, 0);
  lab_blsapi_answer_release(&a);
}

static void parse_should_return_http_for_not_processed(void **state)
{
  const char *json = "{\"status\":\"REQUEST_NOT_PROCESSED\",\"responseTime\":0,\"message\":["
                     "\"Request could not be serviced, as the daily threshold ... has been "
                     "reached.\"],\"Results\":{}}";
  const char *failed = "{\"status\":\"REQUEST_FAILED\",\"message\":[\"boom\"],\"Results\":{}}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_ERR_HTTP);
  assert_int_equal(a.status, LAB_BLSAPI_NOT_PROCESSED);
  assert_int_equal(a.nmessages, 1);
  assert_int_equal(a.messages[0].kind, LAB_BLSAPI_MSG_THRESHOLD);
  assert_non_null(strstr(err.msg, "REQUEST_NOT_PROCESSED: \"Request could not be serviced"));
  lab_blsapi_answer_release(&a);
  assert_int_equal(parse_str(failed, &a, &err), LAB_ERR_HTTP);
  assert_int_equal(a.status, LAB_BLSAPI_FAILED);
  assert_string_equal(a.status_text, "REQUEST_FAILED");
  lab_blsapi_answer_release(&a);
}

static void parse_should_refuse_unknown_periods_and_empty_answers(void **state)
{
  const char *json = "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[],\"Results\":{\"series\":["
                     "{\"seriesID\":\"X1\",\"data\":[" OBS("2019", "M14", "?", "1", "{}") "]}]}}";
  const char *empty = "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[],\"Results\":{}}";
  const char *badval =
      "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[],\"Results\":{\"series\":["
      "{\"seriesID\":\"X1\",\"data\":[" OBS("2019", "M01", "January", "1,5", "{}") "]}]}}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "series 'X1'"));
  assert_non_null(strstr(err.msg, "unknown period 'M14'"));
  assert_int_equal(a.nseries, 0);
  assert_int_equal(parse_str(empty, &a, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "neither series nor messages"));
  assert_int_equal(parse_str(badval, &a, &err), LAB_ERR_PARSE);
  assert_non_null(strstr(err.msg, "bad value '1,5'"));
}

static void parse_should_locate_malformed_json(void **state)
{
  const char *json = "{\"status\":\"REQUEST_SUCCEEDED\",\n\"message\":[],\n  \"Results\": {x}}";
  const char *trailing = "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[\"m\"]}\n }";
  char deep[200];
  struct lab_blsapi_answer a;
  struct lab_error err;
  char text[800];

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_ERR_PARSE);
  assert_string_equal(err.file, "inline.json");
  assert_int_equal(err.line, 3);
  /* cJSON stops one byte past a bad key: the '}' after the 'x' at column 15. */
  assert_int_equal(err.column, 16);
  lab_error_format(&err, text, sizeof(text));
  assert_non_null(strstr(text, "inline.json:3:16: malformed JSON"));
  assert_int_equal(parse_str(trailing, &a, &err), LAB_ERR_PARSE);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 2);
  memset(deep, '[', sizeof(deep) - 1);
  deep[sizeof(deep) - 1] = '\0';
  assert_int_equal(parse_str(deep, &a, &err), LAB_ERR_TOOLARGE);
  assert_int_equal(err.column, LAB_BLSAPI_MAX_DEPTH + 1);
  /* The size cap is checked before any byte is read. */
  assert_int_equal(lab_blsapi_parse("{}", LAB_BLSAPI_MAX_ANSWER + 1, "big", &a, &err),
                   LAB_ERR_TOOLARGE);
}

static void merge_should_join_year_split_answers_in_order(void **state)
{
  const char *newer =
      "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[\"Year range has been reduced to the "
      "system-allowed limit of 20 years.\"],\"Results\":{\"series\":["
      "{\"seriesID\":\"A1\",\"data\":[" OBS("2025", "M02", "February", "4", "{}") "," OBS(
          "2025", "M01", "January", "3", "{}") "]}]}}";
  const char *older =
      "{\"status\":\"REQUEST_SUCCEEDED\",\"message\":[\"No Data Available for Series B2 Year: "
      "2004\"],\"Results\":{\"series\":["
      "{\"seriesID\":\"A1\",\"data\":[" OBS("2005", "M13", "Annual", "2", "{}") "," OBS(
          "2005", "M01", "January", "1", "{}") "]},{\"seriesID\":\"B2\",\"data\":[]}]}}";
  struct lab_blsapi_answer a, b;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(newer, &a, &err), LAB_OK);
  assert_int_equal(parse_str(older, &b, &err), LAB_OK);
  assert_int_equal(lab_blsapi_merge(&a, &b, &err), LAB_OK);
  assert_int_equal(b.nseries, 0);
  assert_int_equal(b.nmessages, 0);
  assert_int_equal(a.nseries, 2);
  assert_int_equal(a.series[0].nobs, 4);
  for (size_t i = 0; i < 4; i++)
    assert_close(a.series[0].obs[i].value, (double)(i + 1), 0);
  assert_string_equal(a.series[0].obs[1].period, "M13");
  assert_string_equal(a.series[1].id, "B2");
  assert_int_equal(a.nmessages, 2);
  assert_int_equal(a.messages[0].kind, LAB_BLSAPI_MSG_YEARS_REDUCED);
  assert_int_equal(a.messages[1].kind, LAB_BLSAPI_MSG_NO_DATA);
  lab_blsapi_answer_release(&a);
  lab_blsapi_answer_release(&b);
}

/* ---- real captures (../shared) ---- */

static lab_status parse_sample(const char *file, struct lab_blsapi_answer *a, struct lab_error *err)
{
  char path[512];
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  snprintf(path, sizeof(path), "%s%s%s", LAB_SHARED_REFERENCE, SAMPLES, file);
  st = lab_file_read(path, 1 << 20, &data, &len, err);
  assert_int_equal(st, LAB_OK);
  st = lab_blsapi_parse(data, len, file, a, err);
  free(data);
  return st;
}

static void sample_lns14000000_unemployment_rate(void **state)
{
  struct lab_blsapi_answer a;
  struct lab_error err;
  const struct lab_blsapi_series *s;

  (void)state;
  assert_int_equal(parse_sample("LNS14000000_captured-2023-04_pretty.json", &a, &err), LAB_OK);
  assert_int_equal(a.response_ms, 214);
  assert_int_equal(a.nseries, 1);
  s = &a.series[0];
  assert_string_equal(s->id, "LNS14000000");
  assert_int_equal(s->nobs, 27);
  assert_int_equal(s->obs[0].year, 2023);
  assert_string_equal(s->obs[0].period, "M03");
  assert_true(s->obs[0].latest);
  assert_close(s->obs[0].value, 3.5, 1e-12);
  assert_string_equal(s->obs[26].period, "M01");
  assert_int_equal(s->obs[26].year, 2021);
  assert_close(s->obs[26].value, 6.3, 1e-12);
  assert_close(s->obs[14].value, 4.0, 1e-12); /* 2022 M01 */
  lab_blsapi_answer_release(&a);
}

static void sample_laucn040010000000005_preliminary(void **state)
{
  struct lab_blsapi_answer a;
  struct lab_error err;
  const struct lab_blsapi_series *s;

  (void)state;
  assert_int_equal(parse_sample("v2_GET_LAUCN040010000000005_captured-2023-04.json", &a, &err),
                   LAB_OK);
  s = &a.series[0];
  assert_string_equal(s->id, "LAUCN040010000000005");
  assert_int_equal(s->nobs, 25);
  assert_close(s->obs[0].value, 17585, 0);
  assert_string_equal(s->obs[0].footnotes, "Preliminary.");
  assert_string_equal(s->obs[1].footnotes, "Preliminary."); /* 2022 M12 16945 */
  assert_close(s->obs[1].value, 16945, 0);
  assert_null(s->obs[2].footnotes);
  assert_close(s->obs[24].value, 16860, 0); /* 2021 M01 */
  lab_blsapi_answer_release(&a);
}

static void sample_oeun_no_data_and_topcoded(void **state)
{
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(
      parse_sample("v2_OEUN_no_data_available_and_topcoded_value_2019-05.json", &a, &err), LAB_OK);
  assert_int_equal(a.nmessages, 2);
  assert_int_equal(a.messages[0].kind, LAB_BLSAPI_MSG_NO_DATA);
  assert_string_equal(a.messages[0].series, "OEUN000000000000029102313");
  assert_int_equal(a.messages[0].year, 2016);
  assert_int_equal(a.messages[1].year, 2017);
  assert_int_equal(a.series[0].nobs, 1);
  assert_string_equal(a.series[0].obs[0].period, "A01");
  assert_true(a.series[0].obs[0].missing);
  assert_string_equal(
      a.series[0].obs[0].footnotes,
      "This wage is equal to or greater than $100.00 per hour or $208,000 per year.");
  lab_blsapi_answer_release(&a);
}

static void sample_series_do_not_exist(void **state)
{
  static const struct {
    const char *file, *id;
  } cases[] = {
      {"v2_POST_OEUN_retired_SOC2010_code_does_not_exist_2025-12.json",
       "OEUN000000000000015113201"},
      {"v2_POST_OEUN_series_does_not_exist_2025-12.json", "OEUN0000000000000000000004"},
      {"bls_faq_invalid_series_example.json", "laucn21219003!"}, /* Results as an array */
  };
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(cases); i++) {
    assert_int_equal(parse_sample(cases[i].file, &a, &err), LAB_OK);
    assert_int_equal(a.nmessages, 1);
    assert_int_equal(a.messages[0].kind, LAB_BLSAPI_MSG_NO_SERIES);
    assert_string_equal(a.messages[0].series, cases[i].id);
    assert_int_equal(a.nseries, 1);
    assert_string_equal(a.series[0].id, cases[i].id);
    assert_int_equal(a.series[0].nobs, 0);
    lab_blsapi_answer_release(&a);
  }
}

static void sample_daily_threshold_not_processed(void **state)
{
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_sample("v1_GET_REQUEST_NOT_PROCESSED_daily_threshold.json", &a, &err),
                   LAB_ERR_HTTP);
  assert_int_equal(a.status, LAB_BLSAPI_NOT_PROCESSED);
  assert_int_equal(a.response_ms, 0);
  assert_int_equal(a.nmessages, 1);
  assert_int_equal(a.messages[0].kind, LAB_BLSAPI_MSG_THRESHOLD);
  assert_int_equal(a.nseries, 0);
  assert_non_null(strstr(err.msg, "daily threshold"));
  lab_blsapi_answer_release(&a);
}

/* Every "status | message" line of messages.txt, wrapped in an answer, gets the expected kind. */
static void sample_messages_txt_kinds(void **state)
{
  static const enum lab_blsapi_msg_kind want[] = {
      LAB_BLSAPI_MSG_THRESHOLD,     LAB_BLSAPI_MSG_NO_SERIES,     LAB_BLSAPI_MSG_NO_SERIES,
      LAB_BLSAPI_MSG_NO_DATA,       LAB_BLSAPI_MSG_NO_DATA,       LAB_BLSAPI_MSG_NO_SERIES,
      LAB_BLSAPI_MSG_YEARS_REDUCED, LAB_BLSAPI_MSG_YEARS_REDUCED,
  };
  char path[512];
  char *data = NULL, *line, *save = NULL;
  size_t len = 0, n = 0;
  struct lab_error err;

  (void)state;
  snprintf(path, sizeof(path), "%s%smessages.txt", LAB_SHARED_REFERENCE, SAMPLES);
  assert_int_equal(lab_file_read(path, 1 << 20, &data, &len, &err), LAB_OK);
  for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *bar = strchr(line, '|'), *status = line, *text, *json;
    cJSON *root, *msgs;
    struct lab_blsapi_answer a;
    lab_status st;

    if (line[0] == '#' || !bar)
      continue;
    *bar = '\0';
    for (char *e = bar - 1; e >= status && *e == ' '; e--)
      *e = '\0';
    text = bar + 1 + (bar[1] == ' ');
    root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "status", status);
    msgs = cJSON_AddArrayToObject(root, "message");
    cJSON_AddItemToArray(msgs, cJSON_CreateString(text));
    cJSON_AddObjectToObject(root, "Results");
    json = cJSON_PrintUnformatted(root);
    assert_non_null(json);
    st = lab_blsapi_parse(json, strlen(json), "messages.txt", &a, &err);
    assert_int_equal(st, strcmp(status, "REQUEST_SUCCEEDED") == 0 ? LAB_OK : LAB_ERR_HTTP);
    assert_true(n < LAB_ARRAY_SIZE(want));
    assert_int_equal(a.messages[0].kind, want[n]);
    assert_string_equal(a.messages[0].text, text);
    if (want[n] == LAB_BLSAPI_MSG_YEARS_REDUCED)
      assert_true(a.messages[0].limit == 10 || a.messages[0].limit == 20);
    n++;
    lab_blsapi_answer_release(&a);
    cJSON_free(json);
    cJSON_Delete(root);
  }
  assert_int_equal(n, LAB_ARRAY_SIZE(want));
  free(data);
}

/* Found by fuzzing (tests/fuzz/regressions/blsapi): a responseTime out of the range of long
 * (211e9998 is infinity) was converted anyway, which is undefined behaviour; now it counts as
 * absent. */
static void parse_should_ignore_a_response_time_out_of_range(void **state)
{
  const char *json = "{\"status\":\"REQUEST_SUCCEEDED\",\"responseTime\":211e9998,"
                     "\"message\":[],\"Results\":{\"series\":[{\"seriesID\":\"CUUR0000SA0\","
                     "\"data\":[" OBS("2024", "M01", "January", "308.417", "{}") "]}]}}";
  struct lab_blsapi_answer a;
  struct lab_error err;

  (void)state;
  assert_int_equal(parse_str(json, &a, &err), LAB_OK);
  assert_int_equal(a.response_ms, -1);
  assert_int_equal(a.series[0].nobs, 1);
  lab_blsapi_answer_release(&a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plan_should_split_by_series_and_years_with_a_key),
      cmocka_unit_test(plan_should_use_the_smaller_limits_without_a_key),
      cmocka_unit_test(plan_should_refuse_bad_ids_and_years),
      cmocka_unit_test(request_json_should_be_exact_with_and_without_key),
      cmocka_unit_test(parse_should_read_results_as_an_object),
      cmocka_unit_test(parse_should_read_results_as_an_array),
      cmocka_unit_test(parse_should_flag_missing_values),
      cmocka_unit_test(parse_should_classify_every_message_kind),
      cmocka_unit_test(parse_should_return_http_for_not_processed),
      cmocka_unit_test(parse_should_refuse_unknown_periods_and_empty_answers),
      cmocka_unit_test(parse_should_locate_malformed_json),
      cmocka_unit_test(merge_should_join_year_split_answers_in_order),
      cmocka_unit_test(parse_should_ignore_a_response_time_out_of_range),
  };
  const struct CMUnitTest shared_tests[] = {
      cmocka_unit_test(sample_lns14000000_unemployment_rate),
      cmocka_unit_test(sample_laucn040010000000005_preliminary),
      cmocka_unit_test(sample_oeun_no_data_and_topcoded),
      cmocka_unit_test(sample_series_do_not_exist),
      cmocka_unit_test(sample_daily_threshold_not_processed),
      cmocka_unit_test(sample_messages_txt_kinds),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);

  if (failed)
    return failed;
  /* The captures live outside the repository: without them the run counts as skipped (77). */
  if (!test_file_exists(LAB_SHARED_REFERENCE SAMPLES)) {
    printf("skipped: ../shared not present (%s)\n", LAB_SHARED_REFERENCE SAMPLES);
    return 77;
  }
  return cmocka_run_group_tests(shared_tests, NULL, NULL);
}
