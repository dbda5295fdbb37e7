/*
 * test_plot_compare.c - unit tests for lab_plot_compare_script(): the golden script, sorting,
 * intervals and their marking, errors, and rendering with gnuplot (PNG, SVG, PDF, hostile text).
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

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/compare_may2023.gp"
#define SCRIPT_MAX ((size_t)1 << 22)

/*
 * Published May 2023 state estimates of Data Scientists (15-2051), BLS OEWS: A_MEAN and
 * MEAN_PRSE copied from ../shared/reference/oews/state/oews_state_M2023_15-1242_15-1243_15-2051.csv
 * (Washington 148730 / 1.3, California 140490 / 0.8, Virginia 139080 / 1.3, New York
 * 134830 / 1.1, Wyoming 125330 / 15.8, Texas 109000 / 1.2, West Virginia 94330 / 10.6,
 * Louisiana 74330 / 1.7, Mississippi 72220 / 4.7, District of Columbia 128810 / 11.4). The
 * intervals are est -+ z * rse / 100 * est with z = NormalDist().inv_cdf(0.975) =
 * 1.959963984540054, computed with Python's statistics module. The national A_MEAN, 119040,
 * is from ../shared/reference/oews/national/oews_national_M2023_dl.csv. Given out of order on
 * purpose; Mississippi's interval is left out to test the marking of bars without an RSE.
 */
static const struct lab_plot_bar MAY2023[] = {
    {"Texas", 109000, 106436.367108, 111563.632892, false},
    {"Washington", 148730, 144940.429236, 152519.570764, false},
    {"Mississippi", 72220, NAN, NAN, false},
    {"California", 140490, 138287.157278, 142692.842722, false},
    {"Wyoming", 125330, 86518.518783, 164141.481217, false},
    {"Virginia", 139080, 135536.306717, 142623.693283, false},
    {"West Virginia", 94330, 74732.359318, 113927.640682, false},
    {"New York", 134830, 131923.118616, 137736.881384, false},
    {"Louisiana", 74330, 71853.369909, 76806.630091, false},
    {"District of Columbia", 128810, 100029.222463, 157590.777537, false},
};
#define MAY2023_N (sizeof(MAY2023) / sizeof(MAY2023[0]))
#define MAY2023_TITLE "Data Scientists (15-2051): annual mean wage by state, May 2023"
#define MAY2023_CAPTION                                                                            \
  "Source: BLS OEWS May 2023 state estimates. Nominal dollars. Error bars: 95% confidence "        \
  "intervals from the published relative standard errors."

static const char *const HOSTILE[] = PLOT_HOSTILE_TEXTS;

static struct lab_plot_compare data_may2023(void)
{
  struct lab_plot_compare c = {.bars = MAY2023,
                               .n = MAY2023_N,
                               .reference = 119040,
                               .reference_label = "U.S.: $119,040",
                               .bar_label = "Annual mean wage",
                               .axis_label = "Annual mean wage (US dollars, thousands)"};
  return c;
}

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {
      .title = MAY2023_TITLE, .caption = MAY2023_CAPTION, .format = format, .output = output};
  return o;
}

static void build(const struct lab_plot_compare *c, const struct lab_plot_opts *o,
                  struct lab_buf *b)
{
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(b, SCRIPT_MAX);
  assert_int_equal(lab_plot_compare_script(c, o, b, &err), LAB_OK);
}

/* Expect LAB_ERR_INVALID with `part` in the message. */
static void assert_rejected(const struct lab_plot_compare *c, const struct lab_plot_opts *o,
                            const char *part)
{
  struct lab_buf b;
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_compare_script(c, o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, part));
  lab_buf_release(&b);
}

/* ---------------------------------------------------------------------------------------- */
/* Script                                                                                   */
/* ---------------------------------------------------------------------------------------- */

static void compare_script_should_match_expected_file(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("png", "compare_may2023.png");
  struct lab_buf b;

  (void)state;
  build(&c, &o, &b);
  assert_golden(&b, EXPECTED_SCRIPT);
  lab_buf_release(&b);
}

static void compare_script_should_sort_bars_from_highest_to_lowest(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "c.svg");
  static const char *const order[] = {
      "\n1 \"Washington\"", "\n2 \"California\"",  "\n3 \"Virginia\"", "\n4 \"New York\"",
      "\n5 \"District of",  "\n6 \"Wyoming\"",     "\n7 \"Texas\"",    "\n8 \"West Virginia\"",
      "\n9 \"Louisiana\"",  "\n10 \"Mississippi\""};
  struct lab_buf b;
  const char *prev = NULL;

  (void)state;
  build(&c, &o, &b);
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    const char *at = strstr(lab_buf_str(&b), order[i]);

    assert_non_null(at);
    if (prev)
      assert_true(at > prev);
    prev = at;
  }
  lab_buf_release(&b);
}

static void compare_script_should_hold_values_and_intervals_in_a_datablock(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "c.svg");
  struct lab_buf b;

  (void)state;
  build(&c, &o, &b);
  /* Washington: value, interval, has an interval, not lighter, text at the interval's top */
  assert_non_null(strstr(lab_buf_str(&b), "\n1 \"Washington\" \"\" 148730 144940.429236 "
                                          "152519.570764 0 0 152519.570764 \"$148,730\"\n"));
  /* the reference line at $119.04k, dashed */
  assert_non_null(strstr(lab_buf_str(&b), "$ref << EOD\n119.04\nEOD\n"));
  assert_non_null(strstr(lab_buf_str(&b), "title 'U.S.: $119,040'"));
  assert_non_null(strstr(lab_buf_str(&b), "noenhanced"));
  assert_null(strstr(lab_buf_str(&b), "pause"));
  lab_buf_release(&b);
}

static void compare_script_should_mark_bars_without_an_rse_in_a_mixed_chart(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "c.svg");
  struct lab_buf b;

  (void)state;
  build(&c, &o, &b);
  assert_non_null(strstr(
      lab_buf_str(&b), "\n10 \"Mississippi\" \"\" 72220 NaN NaN 1 1 72220 \"$72,220 (no RSE)\"\n"));
  assert_non_null(strstr(lab_buf_str(&b), "title 'No RSE published: no interval'"));
  lab_buf_release(&b);
}

static void compare_script_should_not_mark_bars_when_none_has_an_interval(void **state)
{
  struct lab_plot_bar bars[2] = {{"Texas", 109000, NAN, NAN, false},
                                 {"Ohio", 97530, NAN, NAN, false}};
  struct lab_plot_compare c = {.bars = bars, .n = 2, .reference = NAN};
  struct lab_plot_opts o = opts_for("png", "c.png");
  struct lab_buf b;

  (void)state;
  build(&c, &o, &b);
  assert_null(strstr(lab_buf_str(&b), "no RSE"));
  assert_null(strstr(lab_buf_str(&b), "confidence interval'"));
  assert_null(strstr(lab_buf_str(&b), "$ref"));
  assert_non_null(strstr(lab_buf_str(&b), "\n1 \"Texas\" \"\" 109000 NaN NaN 1 0 109000 "
                                          "\"$109,000\"\n"));
  lab_buf_release(&b);
}

static void compare_script_should_write_a_top_coded_value_as_a_lower_bound(void **state)
{
  /* a '#' cell: the value is the May 2023 annual top-code, $239,200
   * (../shared/reference/oews/meta/oews_topcode_thresholds_by_year.csv) */
  struct lab_plot_bar bars[1] = {{"California", 239200, NAN, NAN, true}};
  struct lab_plot_compare c = {.bars = bars, .n = 1, .reference = NAN};
  struct lab_plot_opts o = opts_for("png", "c.png");
  struct lab_buf b;

  (void)state;
  build(&c, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\"\xE2\x89\xA5 $239,200\""));
  lab_buf_release(&b);
}

static void compare_script_should_not_depend_on_the_numeric_locale(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("pdf", "c.pdf");
  const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8"};
  const char *set = NULL;
  struct lab_buf c_locale, other;

  (void)state;
  build(&c, &o, &c_locale);
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !set; i++)
    set = setlocale(LC_NUMERIC, names[i]);
  if (!set) {
    lab_buf_release(&c_locale);
    skip();
  }
  build(&c, &o, &other);
  setlocale(LC_NUMERIC, "C");
  assert_string_equal(lab_buf_str(&other), lab_buf_str(&c_locale));
  lab_buf_release(&other);
  lab_buf_release(&c_locale);
}

static void compare_script_should_reject_no_bars(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("png", "c.png");

  (void)state;
  c.n = 0;
  assert_rejected(&c, &o, "bars");
  c.n = LAB_PLOT_MAX_BARS + 1;
  assert_rejected(&c, &o, "bars");
  assert_rejected(NULL, &o, "bars");
}

static void compare_script_should_reject_a_bar_without_label(void **state)
{
  struct lab_plot_bar bars[1] = {{NULL, 1000, NAN, NAN, false}};
  struct lab_plot_compare c = {.bars = bars, .n = 1, .reference = NAN};
  struct lab_plot_opts o = opts_for("png", "c.png");

  (void)state;
  assert_rejected(&c, &o, "no label");
}

static void compare_script_should_reject_bad_values(void **state)
{
  struct lab_plot_bar bars[1] = {{"X", -1, NAN, NAN, false}};
  struct lab_plot_compare c = {.bars = bars, .n = 1, .reference = NAN};
  struct lab_plot_opts o = opts_for("png", "c.png");

  (void)state;
  assert_rejected(&c, &o, "finite and >= 0");
  bars[0].value = INFINITY;
  assert_rejected(&c, &o, "finite and >= 0");
  bars[0].value = NAN;
  assert_rejected(&c, &o, "finite and >= 0");
}

static void compare_script_should_reject_half_an_interval(void **state)
{
  struct lab_plot_bar bars[1] = {{"X", 1000, 900, NAN, false}};
  struct lab_plot_compare c = {.bars = bars, .n = 1, .reference = NAN};
  struct lab_plot_opts o = opts_for("png", "c.png");

  (void)state;
  assert_rejected(&c, &o, "both ends");
}

static void compare_script_should_reject_an_interval_not_around_its_value(void **state)
{
  struct lab_plot_bar bars[1] = {{"X", 1000, 1100, 1200, false}};
  struct lab_plot_compare c = {.bars = bars, .n = 1, .reference = NAN};
  struct lab_plot_opts o = opts_for("png", "c.png");

  (void)state;
  assert_rejected(&c, &o, "lo <= value <= hi");
  bars[0].lo = -5;
  assert_rejected(&c, &o, "lo <= value <= hi");
}

static void compare_script_should_reject_a_bad_reference(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("png", "c.png");

  (void)state;
  c.reference = -1;
  assert_rejected(&c, &o, "reference");
  c.reference = INFINITY;
  assert_rejected(&c, &o, "reference");
}

static void compare_script_should_reject_bad_options(void **state)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o = opts_for("gif", "c.gif");

  (void)state;
  assert_rejected(&c, &o, "format");
  o = opts_for("png", "|touch x");
  assert_rejected(&c, &o, "output path");
  o = opts_for("png", "c.png");
  o.width = 100;
  assert_rejected(&c, &o, "size");
  assert_rejected(&c, NULL, "options");
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering                                                                                */
/* ---------------------------------------------------------------------------------------- */

static char *render(const struct fixture *f, const char *format, const char *name, size_t *len)
{
  struct lab_plot_compare c = data_may2023();
  struct lab_plot_opts o;
  struct lab_buf b;
  struct lab_error err;
  char chart[512];
  char *data;

  path_in(f, name, chart, sizeof(chart));
  o = opts_for(format, chart);
  build(&c, &o, &b);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(b.data, b.len, NULL, chart, &err), LAB_OK);
  lab_buf_release(&b);
  data = slurp(chart, len);
  assert_non_null(data);
  return data;
}

static void compare_render_should_write_png(void **state)
{
  size_t len = 0;
  char *png;

  REQUIRE_GNUPLOT();
  png = render(*state, "png", "c.png", &len);
  assert_true(len > 10000);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: 1000 px wide */
  assert_int_equal(((unsigned char)png[16] << 24 | (unsigned char)png[17] << 16 |
                    (unsigned char)png[18] << 8 | (unsigned char)png[19]),
                   1000);
  free(png);
}

static void compare_render_should_write_the_same_svg_twice(void **state)
{
  struct fixture *f = *state;
  size_t len1 = 0, len2 = 0;
  char *one, *two;
  char path[512];

  REQUIRE_GNUPLOT();
  one = render(f, "svg", "c1.svg", &len1);
  two = render(f, "svg", "c2.svg", &len2);
  assert_true(len1 > 5000);
  assert_true(strncmp(one, "<?xml", 5) == 0);
  assert_non_null(strstr(one, "</svg>"));
  assert_non_null(strstr(one, "Washington"));
  assert_non_null(strstr(one, "$72,220 (no RSE)"));
  /* the output path differs between the two: compare the rest byte for byte */
  assert_int_equal(len1, len2);
  assert_memory_equal(one, two, len1);
  path_in(f, "c1.svg", path, sizeof(path));
  assert_xml_well_formed(path);
  free(one);
  free(two);
}

static void compare_render_should_write_pdf(void **state)
{
  size_t len = 0;
  char *pdf;

  REQUIRE_GNUPLOT();
  pdf = render(*state, "pdf", "c.pdf", &len);
  assert_true(len > 5000);
  assert_memory_equal(pdf, "%PDF-", 5);
  free(pdf);
}

static void compare_render_should_not_run_hostile_text(void **state)
{
  struct fixture *f = *state;
  struct lab_plot_bar bars[MAY2023_N];
  char chart[512], planted[512];

  REQUIRE_GNUPLOT();
  path_in(f, "hostile.svg", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  for (size_t i = 0; i < sizeof(HOSTILE) / sizeof(HOSTILE[0]); i++) {
    struct lab_plot_compare c = data_may2023();
    struct lab_plot_opts o = opts_for("svg", chart);
    struct lab_buf text, script;
    struct lab_error err;

    lab_buf_init(&text, 4096);
    lab_buf_init(&script, SCRIPT_MAX);
    expand_dir(HOSTILE[i], f->dir, &text);
    memcpy(bars, MAY2023, sizeof(bars));
    bars[0].label = lab_buf_str(&text);
    c.bars = bars;
    c.reference_label = lab_buf_str(&text);
    c.bar_label = lab_buf_str(&text);
    c.axis_label = lab_buf_str(&text);
    o.title = lab_buf_str(&text);
    o.caption = lab_buf_str(&text);
    macro_prelude(f->dir, &script);
    lab_error_clear(&err);
    assert_int_equal(lab_plot_compare_script(&c, &o, &script, &err), LAB_OK);
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
      cmocka_unit_test(compare_script_should_match_expected_file),
      cmocka_unit_test(compare_script_should_sort_bars_from_highest_to_lowest),
      cmocka_unit_test(compare_script_should_hold_values_and_intervals_in_a_datablock),
      cmocka_unit_test(compare_script_should_mark_bars_without_an_rse_in_a_mixed_chart),
      cmocka_unit_test(compare_script_should_not_mark_bars_when_none_has_an_interval),
      cmocka_unit_test(compare_script_should_write_a_top_coded_value_as_a_lower_bound),
      cmocka_unit_test(compare_script_should_not_depend_on_the_numeric_locale),
      cmocka_unit_test(compare_script_should_reject_no_bars),
      cmocka_unit_test(compare_script_should_reject_a_bar_without_label),
      cmocka_unit_test(compare_script_should_reject_bad_values),
      cmocka_unit_test(compare_script_should_reject_half_an_interval),
      cmocka_unit_test(compare_script_should_reject_an_interval_not_around_its_value),
      cmocka_unit_test(compare_script_should_reject_a_bad_reference),
      cmocka_unit_test(compare_script_should_reject_bad_options),
      cmocka_unit_test_setup_teardown(compare_render_should_write_png, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(compare_render_should_write_the_same_svg_twice, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(compare_render_should_write_pdf, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(compare_render_should_not_run_hostile_text, setup_dir,
                                      teardown_dir),
  };

  (void)setlocale(LC_ALL, "C");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
