/*
 * test_roles.c - role files: the embedded health-it preset, user files, and every error path
 * with its JSON path and position.
 *
 * Expected positions were found by hand (and cross-checked by searching the text for the
 * offending token), never copied from the parser's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "datasets/lab_roles.h"
#include "tests/unit/test_util.h"

#include <string.h>

/* ------------------------------------------------------------------------ helpers */

static struct lab_roles *preset(void)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};
  lab_status st = lab_roles_find("health-it", &set, &err);

  if (st)
    fail_msg("cannot load the health-it preset: %s", err.msg);
  return set;
}

static const struct lab_role *role(const struct lab_roles *set, const char *name)
{
  const struct lab_role *r = lab_roles_get(set, name);

  if (!r)
    fail_msg("the preset has no role '%s'", name);
  return r;
}

/* The codes of one edition of a role as "A B C" (fallbacks as "A/F"). */
static void codes(const struct lab_role *r, enum lab_role_edition e, char *out, size_t size)
{
  size_t n = 0;

  out[0] = '\0';
  for (size_t i = 0; i < r->editions[e].n && n < size; i++) {
    const struct lab_role_component *c = &r->editions[e].v[i];
    n += (size_t)snprintf(out + n, size - n, "%s%s%s%s", i ? " " : "", c->code,
                          c->fallback[0] ? "/" : "", c->fallback);
  }
}

static void assert_codes(const struct lab_role *r, const char *c2018, const char *hybrid,
                         const char *c2010)
{
  char got[128];

  codes(r, LAB_ROLE_SOC2018, got, sizeof(got));
  assert_string_equal(got, c2018);
  codes(r, LAB_ROLE_HYBRID, got, sizeof(got));
  assert_string_equal(got, hybrid);
  codes(r, LAB_ROLE_SOC2010, got, sizeof(got));
  assert_string_equal(got, c2010);
}

/* SOC code shape checked independently of the parser: two digits, '-', four digits. */
static bool soc_shaped(const char *s)
{
  if (strlen(s) != 7 || s[2] != '-')
    return false;
  for (int i = 0; i < 7; i++)
    if (i != 2 && (s[i] < '0' || s[i] > '9'))
      return false;
  return true;
}

/* Parse text that must fail; check status, position and the start of the message. */
static void assert_parse_error(const char *text, size_t line, size_t column, const char *msg_start)
{
  struct lab_roles *set = (struct lab_roles *)1;
  struct lab_error err = {0};
  lab_status st = lab_roles_parse(text, strlen(text), "t.json", &set, &err);

  assert_int_equal(st, LAB_ERR_PARSE);
  assert_null(set);
  assert_string_equal(err.file, "t.json");
  if (strncmp(err.msg, msg_start, strlen(msg_start)) != 0)
    fail_msg("message '%s' does not start with '%s'", err.msg, msg_start);
  if (err.line != line || err.column != column)
    fail_msg("position %zu:%zu, expected %zu:%zu (%s)", err.line, err.column, line, column,
             err.msg);
}

/* A valid one-role file; the error tests vary it. */
#define HEAD "{\"schema\": 1, \"preset\": \"t\", \"version\": \"1\",\n \"roles\": [\n"

/* ------------------------------------------------------------------- the preset */

static void preset_should_parse_with_every_seed_role(void **state)
{
  static const char *const seeds[] = {"health-informatics-specialist",
                                      "health-information-technologist",
                                      "medical-records-specialist",
                                      "clinical-data-analyst",
                                      "health-it-project-manager",
                                      "health-information-exchange-coordinator",
                                      "interoperability-engineer",
                                      "cybersecurity-analyst",
                                      "compliance-officer",
                                      "telehealth-implementation-specialist",
                                      "population-health-manager",
                                      "ai-health-data-scientist",
                                      "health-it-manager"};
  struct lab_roles *set = preset();
  const struct lab_roles_embedded_file *files;

  (void)state;
  assert_int_equal(lab_roles_embedded_files(&files), 1);
  assert_string_equal(files[0].name, "health-it.json");
  assert_int_equal(lab_roles_preset_count(), 1);
  assert_string_equal(set->preset, "health-it");
  assert_string_equal(set->origin, "embedded:health-it.json");
  assert_true(set->version[0] != '\0');
  assert_true(set->description[0] != '\0');
  assert_int_equal(set->n, LAB_ARRAY_SIZE(seeds));
  for (size_t i = 0; i < LAB_ARRAY_SIZE(seeds); i++)
    assert_non_null(role(set, seeds[i]));
  lab_roles_free(set);
}

static void preset_roles_should_have_well_formed_codes_in_every_edition(void **state)
{
  struct lab_roles *set = preset();

  (void)state;
  for (size_t i = 0; i < set->n; i++) {
    const struct lab_role *r = &set->roles[i];
    assert_true(strlen(r->rationale) > 100);
    for (int e = 0; e < LAB_ROLE_NEDITIONS; e++) {
      double fixed = 0;
      if (r->editions[e].n == 0)
        fail_msg("%s has no codes for the %s edition", r->name,
                 lab_role_edition_name((enum lab_role_edition)e));
      for (size_t k = 0; k < r->editions[e].n; k++) {
        const struct lab_role_component *c = &r->editions[e].v[k];
        if (!soc_shaped(c->code) || (c->fallback[0] && !soc_shaped(c->fallback)))
          fail_msg("%s: bad code '%s'/'%s'", r->name, c->code, c->fallback);
        assert_true(c->note[0] != '\0');
        assert_true(c->by_employment ? c->weight == 0 : c->weight > 0);
        fixed += c->weight;
      }
      /* The preset writes fixed weights as shares. */
      if (!r->editions[e].v[0].by_employment)
        assert_close(fixed, 1.0, 1e-12);
    }
  }
  lab_roles_free(set);
}

static void preset_should_map_the_seed_codes_per_edition(void **state)
{
  struct lab_roles *set = preset();
  const struct lab_role *r;

  (void)state;
  assert_codes(role(set, "health-informatics-specialist"), "15-1211", "15-1211", "15-1121");
  assert_codes(role(set, "health-information-technologist"), "29-9021", "29-9098", "29-2071");
  assert_codes(role(set, "medical-records-specialist"), "29-2072", "29-2098", "29-2071");
  assert_codes(role(set, "cybersecurity-analyst"), "15-1212", "15-1212", "15-1122");
  assert_codes(role(set, "compliance-officer"), "13-1041", "13-1041", "13-1041");
  assert_codes(role(set, "population-health-manager"), "11-9111", "11-9111", "11-9111");
  assert_codes(role(set, "ai-health-data-scientist"), "15-2051", "15-2098", "15-2099/15-2090");
  r = role(set, "health-it-manager");
  assert_codes(r, "11-3021 11-9111", "11-3021 11-9111", "11-3021 11-9111");
  assert_false(r->editions[LAB_ROLE_SOC2018].v[0].by_employment);
  assert_close(r->editions[LAB_ROLE_SOC2018].v[0].weight, 0.5, 0);
  lab_roles_free(set);
}

static void preset_should_say_that_onet_informatics_has_no_wages(void **state)
{
  struct lab_roles *set = preset();
  const struct lab_role *r = role(set, "health-informatics-specialist");
  bool said = false;

  (void)state;
  for (size_t i = 0; i < r->n_notes; i++)
    said = said || (strstr(r->notes[i], "15-1211.01") && strstr(r->notes[i], "no OEWS wages"));
  assert_true(said);
  assert_non_null(strstr(r->rationale, "15-1211.01"));
  assert_int_equal(r->n_naics, 1);
  assert_string_equal(r->naics[0], "62");
  assert_int_equal(role(set, "health-information-technologist")->n_naics, 0);
  lab_roles_free(set);
}

static void find_should_narrow_the_preset_to_one_role(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_roles_find("cybersecurity-analyst", &set, &err), LAB_OK);
  assert_int_equal(set->n, 1);
  assert_string_equal(set->roles[0].name, "cybersecurity-analyst");
  assert_string_equal(set->preset, "health-it");
  lab_roles_free(set);
}

static void find_should_name_the_presets_for_an_unknown_name(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_roles_find("astronaut", &set, &err), LAB_ERR_NOTFOUND);
  assert_null(set);
  assert_non_null(strstr(err.msg, "'astronaut'"));
  assert_non_null(strstr(err.msg, "health-it"));
}

static void preset_load_should_refuse_an_index_out_of_range(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_roles_preset_load(lab_roles_preset_count(), &set, &err), LAB_ERR_INVALID);
  assert_null(set);
}

static void embedded_id_should_be_a_sha256(void **state)
{
  char id[80];

  (void)state;
  lab_roles_embedded_id(id, sizeof(id));
  assert_int_equal(strlen(id), 64);
  assert_int_equal(strspn(id, "0123456789abcdef"), 64);
}

static void edition_names_should_be_the_json_keys(void **state)
{
  (void)state;
  assert_string_equal(lab_role_edition_name(LAB_ROLE_SOC2018), "2018");
  assert_string_equal(lab_role_edition_name(LAB_ROLE_HYBRID), "hybrid");
  assert_string_equal(lab_role_edition_name(LAB_ROLE_SOC2010), "2010");
  assert_string_equal(lab_role_edition_name(LAB_ROLE_NEDITIONS), "");
}

/* ---------------------------------------------------------------- a user's file */

static void load_should_read_a_user_file_with_fixed_weights(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};
  const struct lab_role *r;

  (void)state;
  assert_int_equal(lab_roles_load(LAB_TEST_DATA "/roles/custom.json", &set, &err), LAB_OK);
  assert_string_equal(set->preset, "my-team");
  assert_string_equal(set->version, "0.1");
  assert_int_equal(set->n, 2);
  assert_int_equal(set->n_notes, 0);
  r = role(set, "ehr-analyst");
  assert_int_equal(r->n_naics, 1);
  assert_string_equal(r->naics[0], "622000");
  assert_string_equal(r->industry_note, "Hospitals only.");
  assert_int_equal(r->editions[LAB_ROLE_HYBRID].n, 0);
  assert_int_equal(r->editions[LAB_ROLE_SOC2010].n, 0);
  r = role(set, "coder-auditor");
  assert_int_equal(r->n_naics, 0);
  assert_string_equal(r->industry_note, "");
  assert_int_equal(r->n_notes, 1);
  assert_codes(r, "29-2072 13-1041", "", "29-2071");
  assert_close(r->editions[LAB_ROLE_SOC2018].v[0].weight, 3, 0);
  assert_close(r->editions[LAB_ROLE_SOC2018].v[1].weight, 1, 0);
  assert_true(r->editions[LAB_ROLE_SOC2010].v[0].by_employment);
  assert_string_equal(r->editions[LAB_ROLE_SOC2010].v[0].note, "");
  lab_roles_free(set);
}

static void select_should_keep_one_role_or_the_whole_preset(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_roles_load(LAB_TEST_DATA "/roles/custom.json", &set, &err), LAB_OK);
  assert_int_equal(lab_roles_select(set, "my-team", &err), LAB_OK);
  assert_int_equal(set->n, 2);
  assert_int_equal(lab_roles_select(set, "nurse", &err), LAB_ERR_NOTFOUND);
  assert_int_equal(set->n, 2);
  assert_int_equal(lab_roles_select(set, "coder-auditor", &err), LAB_OK);
  assert_int_equal(set->n, 1);
  assert_string_equal(set->roles[0].name, "coder-auditor");
  assert_null(lab_roles_get(set, "ehr-analyst"));
  lab_roles_free(set);
}

static void load_should_report_a_missing_file(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};

  (void)state;
  assert_int_equal(lab_roles_load(LAB_TEST_DATA "/roles/nonexistent.json", &set, &err),
                   LAB_ERR_NOTFOUND);
  assert_null(set);
  assert_non_null(strstr(err.file, "nonexistent.json"));
}

static void load_should_locate_a_negative_weight_in_a_file(void **state)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};

  (void)state;
  /* Line 13 is `          {"code": "15-2051", "weight": -1}`: the value starts in column 41. */
  assert_int_equal(lab_roles_load(LAB_TEST_DATA "/roles/negative_weight.json", &set, &err),
                   LAB_ERR_PARSE);
  assert_int_equal(err.line, 13);
  assert_int_equal(err.column, 41);
  assert_string_equal(err.msg, "roles[0].components.2018[1].weight: weight must be a positive "
                               "number or \"employment\", not -1");
}

/* ------------------------------------------------------------------- error paths */

static void parse_should_locate_malformed_json(void **state)
{
  (void)state;
  /* A missing comma: cJSON stops at the next key, line 4 column 3. */
  assert_parse_error("{\n  \"schema\": 1,\n  \"preset\": \"t\"\n  \"version\": \"1\"\n}\n", 4, 3,
                     "malformed JSON at '\"version\"");
  /* A comma before '}': the '}' in line 2, column 30 (cJSON stops past it, at the newline). */
  assert_parse_error("{\"roles\": [\n  {\"name\": \"a\", \"title\": \"A\",}\n]}", 2, 30,
                     "malformed JSON at '}");
  /* Columns count characters: "é" is two bytes but one column; 't' of tru is column 18. */
  assert_parse_error("{\"a\": \"\xc3\xa9\xc3\xa9\", \"b\": tru}", 1, 18,
                     "malformed JSON at 'tru}'");
  assert_parse_error("", 1, 1, "malformed JSON (the text ends early)");
}

static void parse_should_refuse_text_after_the_object(void **state)
{
  (void)state;
  assert_parse_error("{\"schema\": 1}\n\n  x", 3, 3, "unexpected text after the JSON object");
}

static void parse_should_locate_an_unknown_key(void **state)
{
  (void)state;
  /* Line 4 is `  {"name": "b", "title": "B", "rationale": "R", "colour": "red",`. */
  assert_parse_error(HEAD "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\",\n"
                          "   \"components\": {\"2018\": [{\"code\": \"15-1211\"}]}},\n"
                          "  {\"name\": \"b\", \"title\": \"B\", \"rationale\": \"R\", "
                          "\"colour\": \"red\",\n"
                          "   \"components\": {\"2018\": [{\"code\": \"15-1211\"}]}}\n ]}",
                     5, 49, "roles[1].colour: unknown key 'colour' (expected name, title");
}

static void parse_should_locate_a_bad_code(void **state)
{
  (void)state;
  /* Line 4 is `   "components": {"2018": [{"code": "15-1211"}, {"code": "15-121"}]}}`. */
  assert_parse_error(HEAD "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\",\n"
                          "   \"components\": {\"2018\": [{\"code\": \"15-1211\"}, "
                          "{\"code\": \"15-121\"}]}}\n ]}",
                     4, 58,
                     "roles[0].components.2018[1].code: '15-121' is not an SOC code (NN-NNNN");
}

static void parse_should_refuse_an_onet_code_and_an_unknown_major_group(void **state)
{
  (void)state;
  /* Line 3: the code value starts at column 82. */
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2010\": [{\"code\": \"15-1211.01\"}]}}\n ]}",
                     3, 82, "roles[0].components.2010[0].code: '15-1211.01' is an O*NET-SOC code");
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2010\": [{\"code\": \"16-1211\"}]}}\n ]}",
                     3, 82, "roles[0].components.2010[0].code: '16-1211' has no SOC major group");
}

static void parse_should_locate_a_negative_weight(void **state)
{
  (void)state;
  /* Line 4 is `   "components": {"hybrid": [{"code": "15-1211", "weight": -0.5}]}}`. */
  assert_parse_error(HEAD "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\",\n"
                          "   \"components\": {\"hybrid\": [{\"code\": \"15-1211\", \"weight\": "
                          "-0.5}]}}\n ]}",
                     4, 60,
                     "roles[0].components.hybrid[0].weight: weight must be a positive number or "
                     "\"employment\", not -0.5");
}

static void parse_should_refuse_a_zero_or_unknown_weight(void **state)
{
  (void)state;
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2018\": [{\"code\": \"15-1211\", \"weight\": 0}]}}\n ]}",
                     3, 103, "roles[0].components.2018[0].weight: weight must be a positive");
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2018\": [{\"code\": \"15-1211\", \"weight\": \"wages\"}]}}\n ]}",
                     3, 103, "roles[0].components.2018[0].weight: weight must be a positive");
}

static void parse_should_locate_a_duplicate_role_name(void **state)
{
  (void)state;
  /* Line 4 is `  {"name": "a", ...`: the second role's name value at column 12. */
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2018\": [{\"code\": \"15-1211\"}]}},\n"
                     "  {\"name\": \"a\", \"title\": \"A2\", \"rationale\": \"R\", "
                     "\"components\": {\"2018\": [{\"code\": \"15-1212\"}]}}\n ]}",
                     4, 12, "roles[1].name: duplicate role name 'a' (also roles[0])");
}

static void parse_should_locate_a_duplicate_key(void **state)
{
  (void)state;
  /* The second "version" key starts at column 46. */
  assert_parse_error("{\"schema\": 1, \"preset\": \"t\", \"version\": \"1\", \"version\": \"2\", "
                     "\"roles\": []}",
                     1, 46, "version: duplicate key 'version'");
}

static void parse_should_refuse_a_duplicate_code_in_one_edition(void **state)
{
  (void)state;
  /* The second component's code value starts at column 103 of line 3. */
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2018\": [{\"code\": \"15-1211\"}, {\"code\": \"15-1211\"}]}}\n ]}",
                     3, 103, "roles[0].components.2018[1].code: '15-1211' is already a component");
}

static void parse_should_refuse_mixed_weights_in_one_edition(void **state)
{
  (void)state;
  /* The second component object starts at column 107 of line 3. */
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2010\": [{\"code\": \"11-3021\", \"weight\": 1}, {\"code\": "
                     "\"11-9111\"}]}}\n ]}",
                     3, 107, "roles[0].components.2010[1]: mixes fixed weights and \"employment\"");
}

static void parse_should_refuse_an_empty_edition(void **state)
{
  (void)state;
  /* The empty array is at column 72 of line 3. */
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"components\": "
                     "{\"2010\": []}}\n ]}",
                     3, 72, "roles[0].components.2010: no components");
}

static void parse_should_refuse_a_missing_rationale_and_a_bad_slug(void **state)
{
  (void)state;
  /* Without a position of its own, a missing key points at its object (line 3, column 3). */
  assert_parse_error(HEAD "  {\"name\": \"a\", \"title\": \"A\", \"components\": {\"2018\": "
                          "[{\"code\": \"15-1211\"}]}}\n ]}",
                     3, 3, "roles[0]: missing key 'rationale'");
  assert_parse_error(HEAD "  {\"name\": \"Nurse Analyst\", \"title\": \"A\", \"rationale\": \"R\", "
                          "\"components\": {\"2018\": [{\"code\": \"15-1211\"}]}}\n ]}",
                     3, 12, "roles[0].name: 'Nurse Analyst' is not a name");
}

static void parse_should_refuse_a_bad_naics_code(void **state)
{
  (void)state;
  /* Line 3: the second NAICS value "6221-0" starts at column 78. */
  assert_parse_error(HEAD
                     "  {\"name\": \"a\", \"title\": \"A\", \"rationale\": \"R\", \"industry\": "
                     "{\"naics\": [\"62\", \"6221-0\"]}, \"components\": {\"2018\": "
                     "[{\"code\": \"15-1211\"}]}}\n ]}",
                     3, 78, "roles[0].industry.naics[1]: '6221-0' is not an OEWS NAICS code");
}

static void parse_should_refuse_another_schema(void **state)
{
  (void)state;
  assert_parse_error("{\"schema\": 2, \"preset\": \"t\", \"version\": \"1\", \"roles\": []}", 1, 12,
                     "schema: this laborstat reads role files of schema 1 only");
  assert_parse_error("[1, 2]", 1, 1, "a role file holds one JSON object, not an array");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(preset_should_parse_with_every_seed_role),
      cmocka_unit_test(preset_roles_should_have_well_formed_codes_in_every_edition),
      cmocka_unit_test(preset_should_map_the_seed_codes_per_edition),
      cmocka_unit_test(preset_should_say_that_onet_informatics_has_no_wages),
      cmocka_unit_test(find_should_narrow_the_preset_to_one_role),
      cmocka_unit_test(find_should_name_the_presets_for_an_unknown_name),
      cmocka_unit_test(preset_load_should_refuse_an_index_out_of_range),
      cmocka_unit_test(embedded_id_should_be_a_sha256),
      cmocka_unit_test(edition_names_should_be_the_json_keys),
      cmocka_unit_test(load_should_read_a_user_file_with_fixed_weights),
      cmocka_unit_test(select_should_keep_one_role_or_the_whole_preset),
      cmocka_unit_test(load_should_report_a_missing_file),
      cmocka_unit_test(load_should_locate_a_negative_weight_in_a_file),
      cmocka_unit_test(parse_should_locate_malformed_json),
      cmocka_unit_test(parse_should_refuse_text_after_the_object),
      cmocka_unit_test(parse_should_locate_an_unknown_key),
      cmocka_unit_test(parse_should_locate_a_bad_code),
      cmocka_unit_test(parse_should_refuse_an_onet_code_and_an_unknown_major_group),
      cmocka_unit_test(parse_should_locate_a_negative_weight),
      cmocka_unit_test(parse_should_refuse_a_zero_or_unknown_weight),
      cmocka_unit_test(parse_should_locate_a_duplicate_role_name),
      cmocka_unit_test(parse_should_locate_a_duplicate_key),
      cmocka_unit_test(parse_should_refuse_a_duplicate_code_in_one_edition),
      cmocka_unit_test(parse_should_refuse_mixed_weights_in_one_edition),
      cmocka_unit_test(parse_should_refuse_an_empty_edition),
      cmocka_unit_test(parse_should_refuse_a_missing_rationale_and_a_bad_slug),
      cmocka_unit_test(parse_should_refuse_a_bad_naics_code),
      cmocka_unit_test(parse_should_refuse_another_schema),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
