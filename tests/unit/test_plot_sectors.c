/*
 * test_plot_sectors.c - unit tests for lab_plot_sectors_script(): the golden script, shares and
 * their order, the remainder bar, n/a rows, errors, and rendering with gnuplot (PNG, SVG, PDF,
 * hostile text).
 *
 * Rendering tests run the real gnuplot (skipped when it is not in PATH) into a fresh temporary
 * directory.
 */
#include "plots/lab_plots.h"

#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "plot_test_util.h"

#ifndef LAB_TEST_DATA
#error "LAB_TEST_DATA must name tests/data"
#endif

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/sectors_may2023.gp"
#define SCRIPT_MAX ((size_t)1 << 22)

/*
 * Published May 2023 national sector estimates of Health Information Technologists and Medical
 * Registrars (29-9021), BLS OEWS: TOT_EMP copied from
 * ../shared/reference/oews/industry/oews_natsector_M2022-M2024_health_it_8occ.csv (as held in
 * datasets/snapshot/oews-industry.lsnap; sector 62 = 24,640 is also in
 * ../shared/reference/oews/meta/spot_checks.csv); Wholesale Trade (42) and Information (51)
 * are '**' (not published). The cross-industry national TOT_EMP, 34,430, is from
 * ../shared/reference/oews/national/oews_national_M2023_dl.csv. Given out of order on purpose.
 * Expected shares, computed by hand (Python: 100 * e / 34430): 62 71.565..% -> "71.6%",
 * 55 8.626% -> "8.6%", 31 0.232% -> "0.2%"; the published sectors sum to 34,020, so the
 * remainder is 410 persons, 1.1908% -> "1.2%".
 */
static const struct lab_plot_sector MAY2023[] = {
    {"Manufacturing (31)", 80},
    {"Wholesale Trade (42)", NAN},
    {"Information (51)", NAN},
    {"Finance and Insurance (52)", 550},
    {"Professional, Scientific, and Technical Services (54)", 2380},
    {"Management of Companies and Enterprises (55)", 2970},
    {"Administrative and Support and Waste Management and Remediation Services (56)", 1620},
    {"Educational Services (61)", 830},
    {"Health Care and Social Assistance (62)", 24640},
    {"Other Services (except Public Administration) (81)", 100},
    {"Federal, State, and Local Government, excluding State and Local Government Schools and "
     "Hospitals and the U.S. Postal Service (OEWS Designation) (99)",
     850},
};
#define MAY2023_N (sizeof(MAY2023) / sizeof(MAY2023[0]))
#define MAY2023_TOTAL 34430
#define MAY2023_TITLE                                                                              \
  "Health Information Technologists and Medical Registrars (29-9021): employment by industry, "    \
  "May 2023"
#define MAY2023_CAPTION                                                                            \
  "Source: BLS OEWS May 2023 national industry-specific estimates (sectors). Share = the "         \
  "industry's employment / the occupation's national employment (34,430) x 100."

static const char *const HOSTILE[] = PLOT_HOSTILE_TEXTS;

static struct lab_plot_sectors data_may2023(void)
{
  struct lab_plot_sectors s = {.sectors = MAY2023, .n = MAY2023_N, .total = MAY2023_TOTAL};
  return s;
}

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {
      .title = MAY2023_TITLE, .caption = MAY2023_CAPTION, .format = format, .output = output};
  return o;
}

static void build(const struct lab_plot_sectors *s, const struct lab_plot_opts *o,
                  struct lab_buf *b)
{
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(b, SCRIPT_MAX);
  assert_int_equal(lab_plot_sectors_script(s, o, b, &err), LAB_OK);
}

/* Expect LAB_ERR_INVALID with `part` in the message. */
static void assert_rejected(const struct lab_plot_sectors *s, const struct lab_plot_opts *o,
                            const char *part)
{
  struct lab_buf b;
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_sectors_script(s, o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, part));
  lab_buf_release(&b);
}

/* ---------------------------------------------------------------------------------------- */
/* Script                                                                                   */
/* ---------------------------------------------------------------------------------------- */

static void sectors_script_should_match_expected_file(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("png", "sectors_may2023.png");
  struct lab_buf b;

  (void)state;
  build(&s, &o, &b);
  assert_golden(&b, EXPECTED_SCRIPT);
  lab_buf_release(&b);
}

static void sectors_script_should_sort_shares_then_other_then_na(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  static const char *const order[] = {
      "\n1 \"Health Care and Social", "\n2 \"Management of",       "\n3 \"Professional,",
      "\n4 \"Administrative and",     "\n5 \"Federal, State,",     "\n6 \"Educational Services",
      "\n7 \"Finance and Insurance",  "\n8 \"Other Services",      "\n9 \"Manufacturing",
      "\n10 \"Other industries\"",    "\n11 \"Information (51)\"", "\n12 \"Wholesale Trade"};
  struct lab_buf b;
  const char *prev = NULL;

  (void)state;
  build(&s, &o, &b);
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    const char *at = strstr(lab_buf_str(&b), order[i]);

    assert_non_null(at);
    if (prev)
      assert_true(at > prev);
    prev = at;
  }
  lab_buf_release(&b);
}

static void sectors_script_should_write_employment_and_share_labels(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  struct lab_buf b;

  (void)state;
  build(&s, &o, &b);
  /* 24,640 of 34,430 = 71.565...% (Python: 100 * 24640 / 34430 = 71.56549520766774) */
  assert_non_null(strstr(lab_buf_str(&b), " 71.56549520766774 24640 0 \"24,640 (71.6%)\"\n"));
  assert_non_null(strstr(lab_buf_str(&b), "\"2,970 (8.6%)\"\n"));
  assert_non_null(strstr(lab_buf_str(&b), "\"80 (0.2%)\"\n"));
  assert_non_null(strstr(lab_buf_str(&b), "noenhanced"));
  assert_null(strstr(lab_buf_str(&b), "pause"));
  lab_buf_release(&b);
}

static void sectors_script_should_add_the_remainder_as_other_industries(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  struct lab_buf b;

  (void)state;
  build(&s, &o, &b);
  /* 34,430 - 34,020 published = 410 persons = 1.19% (kind 1: the grey bar) */
  assert_non_null(strstr(lab_buf_str(&b), "\n10 \"Other industries\" \"\" 1.1908219575951204"));
  assert_non_null(strstr(lab_buf_str(&b), " 410 1 \"410 (1.2%)\"\n"));
  lab_buf_release(&b);
}

static void sectors_script_should_name_the_remainder_as_asked(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  struct lab_buf b;

  (void)state;
  s.other_label = "All other industries";
  build(&s, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\n10 \"All other industries\" \"\" "));
  lab_buf_release(&b);
}

static void sectors_script_should_list_unpublished_industries_as_na(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  struct lab_buf b;

  (void)state;
  build(&s, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\n11 \"Information (51)\" \"\" NaN NaN 2 "
                                          "\"n/a (employment not published)\"\n"));
  lab_buf_release(&b);
}

static void sectors_script_should_draw_no_remainder_when_shares_sum_to_100(void **state)
{
  /* May 2011 style data: two industries summing to a made-up total of 100 */
  struct lab_plot_sector x[2] = {{"A (1)", 60}, {"B (2)", 40}};
  struct lab_plot_sectors s = {.sectors = x, .n = 2, .total = 100};
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  struct lab_buf b;

  (void)state;
  build(&s, &o, &b);
  assert_null(strstr(lab_buf_str(&b), "Other industries"));
  assert_non_null(strstr(lab_buf_str(&b), "\n1 \"A (1)\" \"\" 60 60 0 \"60 (60.0%)\"\n"));
  lab_buf_release(&b);
}

static void sectors_script_should_write_tiny_shares_as_under_a_tenth(void **state)
{
  struct lab_plot_sector x[1] = {{"A (1)", 10}};
  struct lab_plot_sectors s = {.sectors = x, .n = 1, .total = 100000};
  struct lab_plot_opts o = opts_for("svg", "s.svg");
  struct lab_buf b;

  (void)state;
  build(&s, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\"10 (<0.1%)\""));
  lab_buf_release(&b);
}

static void sectors_script_should_not_depend_on_the_numeric_locale(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("pdf", "s.pdf");
  const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8"};
  const char *set = NULL;
  struct lab_buf c_locale, other;

  (void)state;
  build(&s, &o, &c_locale);
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !set; i++)
    set = setlocale(LC_NUMERIC, names[i]);
  if (!set) {
    lab_buf_release(&c_locale);
    skip();
  }
  build(&s, &o, &other);
  setlocale(LC_NUMERIC, "C");
  assert_string_equal(lab_buf_str(&other), lab_buf_str(&c_locale));
  lab_buf_release(&other);
  lab_buf_release(&c_locale);
}

static void sectors_script_should_reject_no_industries(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("png", "s.png");

  (void)state;
  s.n = 0;
  assert_rejected(&s, &o, "industries");
  s.n = LAB_PLOT_MAX_SECTORS + 1;
  assert_rejected(&s, &o, "industries");
  assert_rejected(NULL, &o, "industries");
}

static void sectors_script_should_reject_an_industry_without_label(void **state)
{
  struct lab_plot_sector x[1] = {{NULL, 10}};
  struct lab_plot_sectors s = {.sectors = x, .n = 1, .total = 100};
  struct lab_plot_opts o = opts_for("png", "s.png");

  (void)state;
  assert_rejected(&s, &o, "no label");
}

static void sectors_script_should_reject_bad_employment(void **state)
{
  struct lab_plot_sector x[1] = {{"A", -1}};
  struct lab_plot_sectors s = {.sectors = x, .n = 1, .total = 100};
  struct lab_plot_opts o = opts_for("png", "s.png");

  (void)state;
  assert_rejected(&s, &o, "finite and >= 0");
  x[0].emp = INFINITY;
  assert_rejected(&s, &o, "finite and >= 0");
}

static void sectors_script_should_reject_employment_above_the_total(void **state)
{
  struct lab_plot_sector x[1] = {{"A", 101}};
  struct lab_plot_sectors s = {.sectors = x, .n = 1, .total = 100};
  struct lab_plot_opts o = opts_for("png", "s.png");

  (void)state;
  assert_rejected(&s, &o, "above the total");
}

static void sectors_script_should_reject_a_bad_total(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("png", "s.png");

  (void)state;
  s.total = 0;
  assert_rejected(&s, &o, "total");
  s.total = NAN;
  assert_rejected(&s, &o, "total");
  s.total = INFINITY;
  assert_rejected(&s, &o, "total");
}

static void sectors_script_should_reject_bad_options(void **state)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o = opts_for("gif", "s.gif");

  (void)state;
  assert_rejected(&s, &o, "format");
  o = opts_for("png", "|touch x");
  assert_rejected(&s, &o, "output path");
  o = opts_for("png", "s.png");
  o.width = 100;
  assert_rejected(&s, &o, "size");
  assert_rejected(&s, NULL, "options");
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering                                                                                */
/* ---------------------------------------------------------------------------------------- */

static char *render(const struct fixture *f, const char *format, const char *name, size_t *len)
{
  struct lab_plot_sectors s = data_may2023();
  struct lab_plot_opts o;
  struct lab_buf b;
  struct lab_error err;
  char chart[512];
  char *data;

  path_in(f, name, chart, sizeof(chart));
  o = opts_for(format, chart);
  build(&s, &o, &b);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(b.data, b.len, NULL, chart, &err), LAB_OK);
  lab_buf_release(&b);
  data = slurp(chart, len);
  assert_non_null(data);
  return data;
}

static void sectors_render_should_write_png(void **state)
{
  size_t len = 0;
  char *png;

  REQUIRE_GNUPLOT();
  png = render(*state, "png", "s.png", &len);
  assert_true(len > 10000);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: 1000 px wide */
  assert_int_equal(((unsigned char)png[16] << 24 | (unsigned char)png[17] << 16 |
                    (unsigned char)png[18] << 8 | (unsigned char)png[19]),
                   1000);
  free(png);
}

static void sectors_render_should_write_the_same_svg_twice(void **state)
{
  struct fixture *f = *state;
  size_t len1 = 0, len2 = 0;
  char *one, *two;
  char path[512];

  REQUIRE_GNUPLOT();
  one = render(f, "svg", "s1.svg", &len1);
  two = render(f, "svg", "s2.svg", &len2);
  assert_true(len1 > 5000);
  assert_true(strncmp(one, "<?xml", 5) == 0);
  assert_non_null(strstr(one, "</svg>"));
  assert_non_null(strstr(one, "24,640 (71.6%)"));
  assert_non_null(strstr(one, "n/a (employment not published)"));
  /* the output path differs between the two: compare the rest byte for byte */
  assert_int_equal(len1, len2);
  assert_memory_equal(one, two, len1);
  path_in(f, "s1.svg", path, sizeof(path));
  assert_xml_well_formed(path);
  free(one);
  free(two);
}

static void sectors_render_should_write_pdf(void **state)
{
  size_t len = 0;
  char *pdf;

  REQUIRE_GNUPLOT();
  pdf = render(*state, "pdf", "s.pdf", &len);
  assert_true(len > 5000);
  assert_memory_equal(pdf, "%PDF-", 5);
  free(pdf);
}

static void sectors_render_should_not_run_hostile_text(void **state)
{
  struct fixture *f = *state;
  struct lab_plot_sector x[MAY2023_N];
  char chart[512], planted[512];

  REQUIRE_GNUPLOT();
  path_in(f, "hostile.svg", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  for (size_t i = 0; i < sizeof(HOSTILE) / sizeof(HOSTILE[0]); i++) {
    struct lab_plot_sectors s = data_may2023();
    struct lab_plot_opts o = opts_for("svg", chart);
    struct lab_buf text, script;
    struct lab_error err;

    lab_buf_init(&text, 4096);
    lab_buf_init(&script, SCRIPT_MAX);
    expand_dir(HOSTILE[i], f->dir, &text);
    memcpy(x, MAY2023, sizeof(x));
    x[0].label = lab_buf_str(&text);
    x[1].label = lab_buf_str(&text); /* an n/a row */
    s.sectors = x;
    s.other_label = lab_buf_str(&text);
    o.title = lab_buf_str(&text);
    o.caption = lab_buf_str(&text);
    macro_prelude(f->dir, &script);
    lab_error_clear(&err);
    assert_int_equal(lab_plot_sectors_script(&s, &o, &script, &err), LAB_OK);
    assert_int_equal(lab_plot_render(script.data, script.len, NULL, chart, &err), LAB_OK);
    assert_true(exists(chart));
    assert_xml_well_formed(chart);
    lab_buf_release(&script);
    lab_buf_release(&text);
  }
  assert_false(exists(planted));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sectors_script_should_match_expected_file),
      cmocka_unit_test(sectors_script_should_sort_shares_then_other_then_na),
      cmocka_unit_test(sectors_script_should_write_employment_and_share_labels),
      cmocka_unit_test(sectors_script_should_add_the_remainder_as_other_industries),
      cmocka_unit_test(sectors_script_should_name_the_remainder_as_asked),
      cmocka_unit_test(sectors_script_should_list_unpublished_industries_as_na),
      cmocka_unit_test(sectors_script_should_draw_no_remainder_when_shares_sum_to_100),
      cmocka_unit_test(sectors_script_should_write_tiny_shares_as_under_a_tenth),
      cmocka_unit_test(sectors_script_should_not_depend_on_the_numeric_locale),
      cmocka_unit_test(sectors_script_should_reject_no_industries),
      cmocka_unit_test(sectors_script_should_reject_an_industry_without_label),
      cmocka_unit_test(sectors_script_should_reject_bad_employment),
      cmocka_unit_test(sectors_script_should_reject_employment_above_the_total),
      cmocka_unit_test(sectors_script_should_reject_a_bad_total),
      cmocka_unit_test(sectors_script_should_reject_bad_options),
      cmocka_unit_test_setup_teardown(sectors_render_should_write_png, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(sectors_render_should_write_the_same_svg_twice, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(sectors_render_should_write_pdf, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(sectors_render_should_not_run_hostile_text, setup_dir,
                                      teardown_dir),
  };

  (void)setlocale(LC_ALL, "C");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
