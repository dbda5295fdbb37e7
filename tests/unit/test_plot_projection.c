/*
 * test_plot_projection.c - unit tests for lab_plot_projection_script(): golden script, values in
 * the script, bad arguments, and renders (PNG, SVG, PDF, a hostile title) with gnuplot.
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

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/projection_2024-34.gp"
#define SCRIPT_MAX ((size_t)1 << 20)

/*
 * BLS Employment Projections 2024-34, Table 1.2 (../shared/reference/projections/
 * table1.2_occupational_projections_2024-34.csv): employment 2024 and 2034 (thousands there,
 * persons here), annual openings and the percent change. The band is +-13.9 pp of base
 * employment (lab_proj_band_halfwidth(10)): 234,900 +- 0.139 * 182,800 = 209,491 .. 260,309.
 */
static const struct lab_plot_proj_row ROWS[] = {
    {"Information security analysts (15-1212)", 182800, 234900, 209491.2, 260308.8, 16000, 28.5},
    {"Health information technologists and medical registrars (29-9021)", 41900, 48100, 42275.9,
     53924.1, 3200, 14.7},
};

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {0};

  o.title = "Projected employment 2024-34";
  o.caption = "Source: BLS Employment Projections 2024-34 (Table 1.2); BLS OEWS May 2024.";
  o.format = format;
  o.output = output;
  return o;
}

static lab_status build(const struct lab_plot_opts *o, struct lab_buf *b, struct lab_error *err)
{
  struct lab_plot_projection p = {ROWS, 2, 2024, 2034};

  return lab_plot_projection_script(&p, o, b, err);
}

static void projection_script_should_match_expected_file(void **state)
{
  struct lab_plot_opts o = opts_for("png", "projection_2024-34.png");
  struct lab_error err = {0};
  struct lab_buf b;
  const char *update = getenv("LAB_UPDATE_EXPECTED");
  char *expected;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(build(&o, &b, &err), LAB_OK);
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

static void projection_script_should_hold_published_values_and_percent_changes(void **state)
{
  struct lab_plot_opts o = opts_for("svg", "p.svg");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(build(&o, &b, &err), LAB_OK);
  /* thousands, one decimal; the published +14.7% (not 6,200 / 41,900 = +14.8%) */
  assert_non_null(strstr(lab_buf_str(&b), " 182.8 234.9 209.5 260.3 16 \"+28.5%\""));
  assert_non_null(strstr(lab_buf_str(&b), " 41.9 48.1 42.3 53.9 3.2 \"+14.7%\""));
  assert_non_null(strstr(lab_buf_str(&b), "set multiplot"));
  lab_buf_release(&b);
}

static void projection_script_should_reject_a_band_not_around_the_projection(void **state)
{
  struct lab_plot_proj_row bad[1] = {{"x", 100, 120, 125, 130, NAN, NAN}};
  struct lab_plot_projection p = {bad, 1, 2024, 2034};
  struct lab_plot_opts o = opts_for("png", "p.png");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_projection_script(&p, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

static void projection_script_should_reject_years_out_of_order(void **state)
{
  struct lab_plot_projection p = {ROWS, 2, 2034, 2024};
  struct lab_plot_opts o = opts_for("png", "p.png");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_projection_script(&p, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

static char *render(const char *format, const char *title)
{
  char path[256];
  struct lab_plot_opts o;
  struct lab_error err = {0};
  struct lab_buf b;
  char *bytes;

  plot_tmp_path(path, sizeof(path), "projection", format);
  o = opts_for(format, path);
  if (title)
    o.title = o.caption = title;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(build(&o, &b, &err), LAB_OK);
  bytes = plot_render_file(&b, path);
  lab_buf_release(&b);
  return bytes;
}

static void projection_render_should_write_png_svg_and_pdf(void **state)
{
  (void)state;
  plot_assert_three_formats(render);
}

static void projection_render_should_not_run_a_hostile_title(void **state)
{
  (void)state;
  plot_assert_hostile_title_inert(render, "projection");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(projection_script_should_match_expected_file),
      cmocka_unit_test(projection_script_should_hold_published_values_and_percent_changes),
      cmocka_unit_test(projection_script_should_reject_a_band_not_around_the_projection),
      cmocka_unit_test(projection_script_should_reject_years_out_of_order),
      cmocka_unit_test(projection_render_should_write_png_svg_and_pdf),
      cmocka_unit_test(projection_render_should_not_run_a_hostile_title),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
