/*
 * test_plot_trend.c - unit tests for lab_plot_trend_script(): golden script, values in the
 * datablocks, bad arguments, and renders (PNG, SVG, PDF, a hostile title) with gnuplot.
 */
#include "plots/lab_plots.h"

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

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/trend_15-1212.gp"
#define SCRIPT_MAX ((size_t)1 << 20)

/*
 * Published national cross-industry annual median wages (A_MEDIAN) of Information Security
 * Analysts, BLS OEWS May 2014-2018 (SOC 2010 15-1122) and 2019-2024 (15-1212), as held in the
 * embedded snapshot made from ../shared/reference/oews/national (laborstat trend 15-1212).
 */
static const struct lab_plot_trend_point POINTS[] = {
    {2014, 88890, NAN, false},  {2015, 90120, NAN, false},  {2016, 92600, NAN, false},
    {2017, 95510, NAN, false},  {2018, 98350, NAN, false},  {2019, 99730, NAN, false},
    {2020, 103590, NAN, false}, {2021, 102600, NAN, false}, {2022, 112000, NAN, false},
    {2023, 120360, NAN, false}, {2024, 124910, NAN, false},
};
static const struct lab_plot_break BREAKS[] = {{2019, "SOC 2010 -> hybrid"},
                                               {2021, "SOC hybrid -> 2018"}};

static struct lab_plot_trend chart(void)
{
  struct lab_plot_trend t = {0};

  t.unit = LAB_PLOT_AXIS_DOLLARS_YEAR;
  t.value_label = "Annual median wage (US dollars, thousands)";
  t.points = POINTS;
  t.n = sizeof(POINTS) / sizeof(POINTS[0]);
  t.breaks = BREAKS;
  t.nbreaks = 2;
  t.have_fit = true;
  t.fit_year_mean = 2019;
  t.fit_intercept = log(105000.0); /* the fitted value at the mean year: $105,000 */
  t.fit_slope = 0.0344;
  t.fit_slope_lo = 0.029;
  t.fit_slope_hi = 0.0398;
  t.fit_first = 2014;
  t.fit_last = 2024;
  t.fit_label = "Trend";
  return t;
}

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {0};

  o.title = "Annual median wage, Information Security Analysts (15-1212)";
  o.caption = "Source: BLS OEWS May 2014-2024, national cross-industry. Nominal dollars.";
  o.format = format;
  o.output = output;
  return o;
}

static void trend_script_should_match_expected_file(void **state)
{
  struct lab_plot_trend t = chart();
  struct lab_plot_opts o = opts_for("png", "trend_15-1212.png");
  struct lab_error err = {0};
  struct lab_buf b;
  const char *update = getenv("LAB_UPDATE_EXPECTED");
  char *expected;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_trend_script(&t, &o, &b, &err), LAB_OK);
  if (update && strcmp(update, "1") == 0) {
    FILE *fp = fopen(EXPECTED_SCRIPT, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(b.data, 1, b.len, fp), b.len);
    assert_int_equal(fclose(fp), 0);
  }
  expected = slurp(EXPECTED_SCRIPT, NULL);
  assert_non_null(expected);
  assert_string_equal(lab_buf_str(&b), expected);
  free(expected);
  lab_buf_release(&b);
}

static void trend_script_should_hold_published_values_and_the_fit_at_the_mean_year(void **state)
{
  struct lab_plot_trend t = chart();
  struct lab_plot_opts o = opts_for("svg", "t.svg");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_trend_script(&t, &o, &b, &err), LAB_OK);
  /* $88,890 in thousands, not top-coded */
  assert_non_null(strstr(lab_buf_str(&b), "\n2014 88.89 NaN 0\n"));
  /* at the mean year the band is zero-width: exp(ln 105000) = 105000, i.e. 105 thousand */
  assert_non_null(strstr(lab_buf_str(&b), "\n2019.00 105 105 105\n"));
  assert_non_null(strstr(lab_buf_str(&b), "set arrow 1 from 2019, graph 0 to 2019, graph 1"));
  assert_non_null(strstr(lab_buf_str(&b), "noenhanced"));
  lab_buf_release(&b);
}

static void trend_script_should_reject_years_out_of_order(void **state)
{
  struct lab_plot_trend_point p[2] = {{2020, 1, NAN, false}, {2019, 1, NAN, false}};
  struct lab_plot_trend t = {.points = p, .n = 2};
  struct lab_plot_opts o = opts_for("png", "t.png");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_trend_script(&t, &o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "years must increase"));
  lab_buf_release(&b);
}

static void trend_script_should_reject_a_band_not_around_the_projection(void **state)
{
  struct lab_plot_trend t = chart();
  struct lab_plot_opts o = opts_for("png", "t.png");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  t.have_proj = true;
  t.proj_base_year = 2024;
  t.proj_year = 2034;
  t.proj_base = 182800;
  t.proj_value = 234900;
  t.proj_lo = 240000; /* above the value */
  t.proj_hi = 260309;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_trend_script(&t, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

static void trend_script_should_reject_an_unsafe_output(void **state)
{
  struct lab_plot_trend t = chart();
  struct lab_plot_opts o = opts_for("png", "|touch /tmp/x");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_trend_script(&t, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

/* Render into a temporary file; returns its bytes (malloc'd) or skips without gnuplot. */
static char *render(const char *format, const char *title)
{
  struct lab_plot_trend t = chart();
  char path[256];
  struct lab_plot_opts o;
  struct lab_error err = {0};
  struct lab_buf b;
  char *bytes;

  plot_tmp_path(path, sizeof(path), "trend", format);
  o = opts_for(format, path);
  if (title)
    o.title = o.caption = title;
  t.have_proj = true; /* BLS 2024-34 for 15-1212: 182,800 -> 234,900, +-13.9 pp of base */
  t.proj_base_year = 2024;
  t.proj_year = 2034;
  t.proj_base = 182800;
  t.proj_value = 234900;
  t.proj_lo = 234900 - 0.139 * 182800;
  t.proj_hi = 234900 + 0.139 * 182800;
  t.unit = LAB_PLOT_AXIS_PERSONS;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_trend_script(&t, &o, &b, &err), LAB_OK);
  bytes = plot_render_file(&b, path);
  lab_buf_release(&b);
  return bytes;
}

static void trend_render_should_write_png_svg_and_pdf(void **state)
{
  (void)state;
  plot_assert_three_formats(render);
}

static void trend_render_should_not_run_a_hostile_title(void **state)
{
  (void)state;
  plot_assert_hostile_title_inert(render, "trend");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(trend_script_should_match_expected_file),
      cmocka_unit_test(trend_script_should_hold_published_values_and_the_fit_at_the_mean_year),
      cmocka_unit_test(trend_script_should_reject_years_out_of_order),
      cmocka_unit_test(trend_script_should_reject_a_band_not_around_the_projection),
      cmocka_unit_test(trend_script_should_reject_an_unsafe_output),
      cmocka_unit_test(trend_render_should_write_png_svg_and_pdf),
      cmocka_unit_test(trend_render_should_not_run_a_hostile_title),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
