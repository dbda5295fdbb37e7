/*
 * test_plot_growth_pay.c - unit tests for lab_plot_growth_pay_script(): golden script, values in
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

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/growth_pay_2024-34.gp"
#define SCRIPT_MAX ((size_t)1 << 20)

/*
 * BLS Employment Projections 2024-34, Table 1.2 (../shared/reference/projections/
 * table1.2_occupational_projections_2024-34.csv): percent change 2024-34, employment 2024
 * (thousands there, persons here) and the median annual wage (OEWS May 2024); 00-0000 "Total,
 * all occupations": +3.1%, $49,500.
 */
static const struct lab_plot_bubble BUBBLES[] = {
    {"Information security analysts (15-1212)", 28.5, 124910, 182800},
    {"Medical records specialists (29-2072)", 7.1, 50250, 194800},
    {"Health information technologists and medical registrars (29-9021)", 14.7, 67310, 41900},
};

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {0};

  o.title = "Projected growth and pay, 2024-34";
  o.caption = "Source: BLS Employment Projections 2024-34 (Table 1.2); BLS OEWS May 2024.";
  o.format = format;
  o.output = output;
  return o;
}

static lab_status build(const struct lab_plot_opts *o, struct lab_buf *b, struct lab_error *err)
{
  struct lab_plot_growth_pay g = {BUBBLES, 3, 3.1, 49500,
                                  "Projected employment change 2024-34 (%)"};

  return lab_plot_growth_pay_script(&g, o, b, err);
}

static void growth_pay_script_should_match_expected_file(void **state)
{
  struct lab_plot_opts o = opts_for("png", "growth_pay_2024-34.png");
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

static void growth_pay_script_should_draw_published_values_and_the_reference(void **state)
{
  struct lab_plot_opts o = opts_for("svg", "g.svg");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(build(&o, &b, &err), LAB_OK);
  /* the largest bubble (194,800) gets point size 7; 182,800 gets 7 sqrt(182800 / 194800) */
  assert_non_null(strstr(lab_buf_str(&b), "\n7.1 50.25 194800 7\n"));
  assert_non_null(strstr(lab_buf_str(&b), "\n28.5 124.91 182800 6.78\n"));
  assert_non_null(strstr(lab_buf_str(&b), "set arrow 1 from 3.1, graph 0 to 3.1, graph 1"));
  assert_non_null(strstr(lab_buf_str(&b), "All occupations $49,500"));
  lab_buf_release(&b);
}

static void growth_pay_script_should_reject_a_wage_of_zero(void **state)
{
  struct lab_plot_bubble bad[1] = {{"x", 1, 0, 10}};
  struct lab_plot_growth_pay g = {bad, 1, NAN, NAN, NULL};
  struct lab_plot_opts o = opts_for("png", "g.png");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_growth_pay_script(&g, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

static void growth_pay_script_should_reject_no_bubbles(void **state)
{
  struct lab_plot_growth_pay g = {BUBBLES, 0, NAN, NAN, NULL};
  struct lab_plot_opts o = opts_for("png", "g.png");
  struct lab_error err = {0};
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_growth_pay_script(&g, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

static char *render(const char *format, const char *title)
{
  char path[256];
  struct lab_plot_opts o;
  struct lab_error err = {0};
  struct lab_buf b;
  char *bytes;

  plot_tmp_path(path, sizeof(path), "growth_pay", format);
  o = opts_for(format, path);
  if (title)
    o.title = o.caption = title;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(build(&o, &b, &err), LAB_OK);
  bytes = plot_render_file(&b, path);
  lab_buf_release(&b);
  return bytes;
}

static void growth_pay_render_should_write_png_svg_and_pdf(void **state)
{
  (void)state;
  plot_assert_three_formats(render);
}

static void growth_pay_render_should_not_run_a_hostile_title(void **state)
{
  (void)state;
  plot_assert_hostile_title_inert(render, "growth_pay");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(growth_pay_script_should_match_expected_file),
      cmocka_unit_test(growth_pay_script_should_draw_published_values_and_the_reference),
      cmocka_unit_test(growth_pay_script_should_reject_a_wage_of_zero),
      cmocka_unit_test(growth_pay_script_should_reject_no_bubbles),
      cmocka_unit_test(growth_pay_render_should_write_png_svg_and_pdf),
      cmocka_unit_test(growth_pay_render_should_not_run_a_hostile_title),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
