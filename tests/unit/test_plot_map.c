/*
 * test_plot_map.c - unit tests for lab_plot_map_script(): the golden script, classes and
 * colours, value formats, errors, and rendering with gnuplot (PNG, SVG, PDF, hostile text).
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

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/map_may2023.gp"
#define SCRIPT_MAX ((size_t)1 << 22)

/*
 * Published May 2023 state annual median wages (A_MEDIAN) of Data Scientists (15-2051), BLS
 * OEWS, copied from ../shared/reference/oews/state/oews_state_M2023_15-1242_15-1243_15-2051.csv,
 * at the tile positions (tile_col, tile_row) of ../shared/reference geography as held in
 * datasets/snapshot/geo.lsnap. Arizona's value is left out (NAN) to test an "n/a" tile.
 */
static const struct lab_plot_tile MAY2023[] = {
    {"AK", 1, 6, 80000},   {"AL", 6, 5, 100560}, {"AR", 4, 4, 115890}, {"AZ", 1, 4, 106400},
    {"CA", 0, 3, 133690},  {"CO", 2, 3, 111970}, {"CT", 9, 2, 112750}, {"DC", 8, 4, 122010},
    {"DE", 9, 3, 138780},  {"FL", 8, 6, 95360},  {"GA", 7, 5, 100950}, {"HI", 0, 6, 129930},
    {"IA", 4, 2, 96980},   {"ID", 1, 1, 122280}, {"IL", 5, 1, 108580}, {"IN", 5, 2, 81620},
    {"KS", 3, 4, 101610},  {"KY", 5, 3, 88800},  {"LA", 4, 5, 68730},  {"MA", 9, 1, 121560},
    {"MD", 8, 3, 125460},  {"ME", 10, 0, 99960}, {"MI", 6, 1, 90750},  {"MN", 4, 1, 114630},
    {"MO", 4, 3, 81410},   {"MS", 5, 5, 62600},  {"MT", 2, 1, 94420},  {"NC", 6, 4, 126940},
    {"ND", 3, 1, 113620},  {"NE", 3, 3, 92640},  {"NH", 9, 0, 92670},  {"NJ", 8, 2, 130570},
    {"NM", 2, 4, 87020},   {"NV", 1, 2, 86030},  {"NY", 8, 1, 128890}, {"OH", 6, 2, 97070},
    {"OK", 3, 5, 83810},   {"OR", 0, 2, 114910}, {"PA", 7, 2, 97260},  {"PR", 10, 5, 75880},
    {"RI", 10, 2, 128350}, {"SC", 7, 4, 95310},  {"SD", 3, 2, 91460},  {"TN", 5, 4, 92400},
    {"TX", 3, 6, 100100},  {"UT", 1, 3, 97490},  {"VA", 7, 3, 136490}, {"VT", 8, 0, 117500},
    {"WA", 0, 1, 132620},  {"WI", 5, 0, 101850}, {"WV", 6, 3, 67660},  {"WY", 2, 2, 130370},
};
#define MAY2023_N (sizeof(MAY2023) / sizeof(MAY2023[0]))
#define MAY2023_TITLE "Data Scientists (15-2051): annual median wage by state, May 2023"
#define MAY2023_CAPTION "Source: BLS OEWS May 2023 state estimates. Nominal dollars."

static const char *const HOSTILE[] = PLOT_HOSTILE_TEXTS;

static struct lab_plot_tile tiles[MAY2023_N];

static struct lab_plot_map data_may2023(void)
{
  struct lab_plot_map m = {.tiles = tiles,
                           .n = MAY2023_N,
                           .legend_title = "Annual median wage, May 2023",
                           .unit = LAB_PLOT_UNIT_DOLLARS};

  memcpy(tiles, MAY2023, sizeof(tiles));
  for (size_t i = 0; i < MAY2023_N; i++)
    if (strcmp(tiles[i].postal, "AZ") == 0)
      tiles[i].value = NAN;
  return m;
}

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {
      .title = MAY2023_TITLE, .caption = MAY2023_CAPTION, .format = format, .output = output};
  return o;
}

static void build(const struct lab_plot_map *m, const struct lab_plot_opts *o, struct lab_buf *b)
{
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(b, SCRIPT_MAX);
  assert_int_equal(lab_plot_map_script(m, o, b, &err), LAB_OK);
}

static void assert_rejected(const struct lab_plot_map *m, const struct lab_plot_opts *o,
                            const char *part)
{
  struct lab_buf b;
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_map_script(m, o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, part));
  lab_buf_release(&b);
}

/* ---------------------------------------------------------------------------------------- */
/* Script                                                                                   */
/* ---------------------------------------------------------------------------------------- */

static void map_script_should_match_expected_file(void **state)
{
  struct lab_plot_map m = data_may2023();
  struct lab_plot_opts o = opts_for("png", "map_may2023.png");
  struct lab_buf b;

  (void)state;
  build(&m, &o, &b);
  assert_golden(&b, EXPECTED_SCRIPT);
  lab_buf_release(&b);
}

static void map_script_should_colour_tiles_by_nice_classes(void **state)
{
  struct lab_plot_map m = data_may2023();
  struct lab_plot_opts o = opts_for("svg", "m.svg");
  struct lab_buf b;
  const char *s;

  (void)state;
  build(&m, &o, &b);
  s = lab_buf_str(&b);
  /*
   * Values span 62,600 (MS) to 138,780 (DE): a fifth of the range is 15,236, so the step is
   * 20,000 and the breaks are $60k, $80k, ..., $140k: four classes, coloured with viridis at
   * 0, 1/3, 2/3 and 1 (#440154 first, #FDE725 last).
   */
  assert_non_null(strstr(s, "'$60k'"));
  assert_non_null(strstr(s, "'$140k'"));
  assert_null(strstr(s, "'$160k'"));
  /* MS (62,600) in the first class: dark purple (0x440154 = 4456788), white text */
  assert_non_null(strstr(s, "\n5 5 4456788 16777215 \"MS\" \"$62.6k\"\n"));
  /* DE (138,780) in the last class: yellow (0xFDE725 = 16639781), dark text (0x111111) */
  assert_non_null(strstr(s, "\n9 3 16639781 1118481 \"DE\" \"$138.8k\"\n"));
  /* AZ: grey n/a tile and an n/a legend swatch */
  assert_non_null(strstr(s, "\n1 4 12303291 2236962 \"AZ\" \"n/a\"\n"));
  assert_non_null(strstr(s, "'n/a'"));
  assert_non_null(strstr(s, "noenhanced"));
  lab_buf_release(&b);
}

static void map_script_should_write_signed_percentages(void **state)
{
  struct lab_plot_tile t[3] = {{"WA", 0, 1, 32.64}, {"WV", 6, 3, -5.1}, {"ME", 10, 0, -0.04}};
  struct lab_plot_map m = {
      .tiles = t, .n = 3, .legend_title = "Change", .unit = LAB_PLOT_UNIT_PERCENT, .decimals = 1};
  struct lab_plot_opts o = opts_for("png", "m.png");
  struct lab_buf b;

  (void)state;
  build(&m, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\"WA\" \"+32.6%\""));
  assert_non_null(strstr(lab_buf_str(&b), "\"WV\" \"\xE2\x88\x92"
                                          "5.1%\""));
  /* -0.04 rounds to 0.0: no sign */
  assert_non_null(strstr(lab_buf_str(&b), "\"ME\" \"0.0%\""));
  lab_buf_release(&b);
}

static void map_script_should_write_plain_numbers_with_decimals(void **state)
{
  /* location quotients of 15-2051, May 2023 (same reference file, LOC_QUOTIENT) */
  struct lab_plot_tile t[2] = {{"CA", 0, 3, 1.26}, {"DC", 8, 4, 2.9}};
  struct lab_plot_map m = {.tiles = t, .n = 2, .unit = LAB_PLOT_UNIT_NUMBER, .decimals = 2};
  struct lab_plot_opts o = opts_for("png", "m.png");
  struct lab_buf b;

  (void)state;
  build(&m, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\"CA\" \"1.26\""));
  assert_non_null(strstr(lab_buf_str(&b), "\"DC\" \"2.90\""));
  lab_buf_release(&b);
}

static void map_script_should_draw_one_class_for_equal_values(void **state)
{
  struct lab_plot_tile t[2] = {{"CA", 0, 3, 100000}, {"TX", 3, 6, 100000}};
  struct lab_plot_map m = {.tiles = t, .n = 2, .unit = LAB_PLOT_UNIT_DOLLARS};
  struct lab_plot_opts o = opts_for("png", "m.png");
  struct lab_buf b;

  (void)state;
  build(&m, &o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "\"CA\" \"$100.0k\""));
  assert_null(strstr(lab_buf_str(&b), "set object 2 "));
  lab_buf_release(&b);
}

static void map_script_should_not_depend_on_the_numeric_locale(void **state)
{
  struct lab_plot_map m = data_may2023();
  struct lab_plot_opts o = opts_for("pdf", "m.pdf");
  const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8"};
  const char *set = NULL;
  struct lab_buf c_locale, other;

  (void)state;
  build(&m, &o, &c_locale);
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !set; i++)
    set = setlocale(LC_NUMERIC, names[i]);
  if (!set) {
    lab_buf_release(&c_locale);
    skip();
  }
  build(&m, &o, &other);
  setlocale(LC_NUMERIC, "C");
  assert_string_equal(lab_buf_str(&other), lab_buf_str(&c_locale));
  lab_buf_release(&other);
  lab_buf_release(&c_locale);
}

static void map_script_should_reject_no_tiles(void **state)
{
  struct lab_plot_map m = data_may2023();
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  m.n = 0;
  assert_rejected(&m, &o, "tiles");
  assert_rejected(NULL, &o, "tiles");
}

static void map_script_should_reject_a_tile_without_postal_code(void **state)
{
  struct lab_plot_tile t[1] = {{NULL, 0, 0, 1}};
  struct lab_plot_map m = {.tiles = t, .n = 1};
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  assert_rejected(&m, &o, "postal");
}

static void map_script_should_reject_a_position_outside_the_grid(void **state)
{
  struct lab_plot_tile t[1] = {{"CA", -1, 0, 1}};
  struct lab_plot_map m = {.tiles = t, .n = 1};
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  assert_rejected(&m, &o, "outside the grid");
  t[0].col = LAB_PLOT_MAX_GRID;
  assert_rejected(&m, &o, "outside the grid");
}

static void map_script_should_reject_two_tiles_in_one_place(void **state)
{
  struct lab_plot_tile t[2] = {{"CA", 0, 3, 1}, {"NV", 0, 3, 2}};
  struct lab_plot_map m = {.tiles = t, .n = 2};
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  assert_rejected(&m, &o, "share position");
}

static void map_script_should_reject_infinite_values(void **state)
{
  struct lab_plot_tile t[1] = {{"CA", 0, 3, INFINITY}};
  struct lab_plot_map m = {.tiles = t, .n = 1};
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  assert_rejected(&m, &o, "infinite");
}

static void map_script_should_reject_a_map_without_any_value(void **state)
{
  struct lab_plot_tile t[1] = {{"CA", 0, 3, NAN}};
  struct lab_plot_map m = {.tiles = t, .n = 1};
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  assert_rejected(&m, &o, "no tile has a value");
}

static void map_script_should_reject_bad_unit_or_decimals(void **state)
{
  struct lab_plot_tile t[1] = {{"CA", 0, 3, 1}};
  struct lab_plot_map m = {.tiles = t, .n = 1, .unit = (enum lab_plot_unit)7};
  struct lab_plot_opts o = opts_for("png", "m.png");

  (void)state;
  assert_rejected(&m, &o, "unit");
  m.unit = LAB_PLOT_UNIT_NUMBER;
  m.decimals = 4;
  assert_rejected(&m, &o, "decimals");
}

static void map_script_should_reject_bad_options(void **state)
{
  struct lab_plot_map m = data_may2023();
  struct lab_plot_opts o = opts_for("gif", "m.gif");

  (void)state;
  assert_rejected(&m, &o, "format");
  o = opts_for("png", "~/m.png");
  assert_rejected(&m, &o, "output path");
  o = opts_for("png", "m.png");
  o.height = 20000;
  assert_rejected(&m, &o, "size");
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering                                                                                */
/* ---------------------------------------------------------------------------------------- */

static char *render(const struct fixture *f, const char *format, const char *name, size_t *len)
{
  struct lab_plot_map m = data_may2023();
  struct lab_plot_opts o;
  struct lab_buf b;
  struct lab_error err;
  char chart[512];
  char *data;

  path_in(f, name, chart, sizeof(chart));
  o = opts_for(format, chart);
  build(&m, &o, &b);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(b.data, b.len, NULL, chart, &err), LAB_OK);
  lab_buf_release(&b);
  data = slurp(chart, len);
  assert_non_null(data);
  return data;
}

static void map_render_should_write_png(void **state)
{
  size_t len = 0;
  char *png;

  REQUIRE_GNUPLOT();
  png = render(*state, "png", "m.png", &len);
  assert_true(len > 10000);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: 1000 x 760 */
  assert_int_equal(((unsigned char)png[18] << 8 | (unsigned char)png[19]), 1000);
  assert_int_equal(((unsigned char)png[22] << 8 | (unsigned char)png[23]), 760);
  free(png);
}

static void map_render_should_write_the_same_svg_twice(void **state)
{
  struct fixture *f = *state;
  size_t len1 = 0, len2 = 0;
  char *one, *two;
  char path[512];

  REQUIRE_GNUPLOT();
  one = render(f, "svg", "m1.svg", &len1);
  two = render(f, "svg", "m2.svg", &len2);
  assert_true(len1 > 5000);
  assert_true(strncmp(one, "<?xml", 5) == 0);
  assert_non_null(strstr(one, "</svg>"));
  assert_non_null(strstr(one, "$133.7k"));
  assert_int_equal(len1, len2);
  assert_memory_equal(one, two, len1);
  path_in(f, "m1.svg", path, sizeof(path));
  assert_xml_well_formed(path);
  free(one);
  free(two);
}

static void map_render_should_write_pdf(void **state)
{
  size_t len = 0;
  char *pdf;

  REQUIRE_GNUPLOT();
  pdf = render(*state, "pdf", "m.pdf", &len);
  assert_true(len > 5000);
  assert_memory_equal(pdf, "%PDF-", 5);
  free(pdf);
}

static void map_render_should_not_run_hostile_text(void **state)
{
  struct fixture *f = *state;
  char chart[512], planted[512];

  REQUIRE_GNUPLOT();
  path_in(f, "hostile.svg", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  for (size_t i = 0; i < sizeof(HOSTILE) / sizeof(HOSTILE[0]); i++) {
    struct lab_plot_map m = data_may2023();
    struct lab_plot_opts o = opts_for("svg", chart);
    struct lab_buf text, script;
    struct lab_error err;

    lab_buf_init(&text, 4096);
    lab_buf_init(&script, SCRIPT_MAX);
    expand_dir(HOSTILE[i], f->dir, &text);
    tiles[0].postal = lab_buf_str(&text);
    m.legend_title = lab_buf_str(&text);
    o.title = lab_buf_str(&text);
    o.caption = lab_buf_str(&text);
    macro_prelude(f->dir, &script);
    lab_error_clear(&err);
    assert_int_equal(lab_plot_map_script(&m, &o, &script, &err), LAB_OK);
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
      cmocka_unit_test(map_script_should_match_expected_file),
      cmocka_unit_test(map_script_should_colour_tiles_by_nice_classes),
      cmocka_unit_test(map_script_should_write_signed_percentages),
      cmocka_unit_test(map_script_should_write_plain_numbers_with_decimals),
      cmocka_unit_test(map_script_should_draw_one_class_for_equal_values),
      cmocka_unit_test(map_script_should_not_depend_on_the_numeric_locale),
      cmocka_unit_test(map_script_should_reject_no_tiles),
      cmocka_unit_test(map_script_should_reject_a_tile_without_postal_code),
      cmocka_unit_test(map_script_should_reject_a_position_outside_the_grid),
      cmocka_unit_test(map_script_should_reject_two_tiles_in_one_place),
      cmocka_unit_test(map_script_should_reject_infinite_values),
      cmocka_unit_test(map_script_should_reject_a_map_without_any_value),
      cmocka_unit_test(map_script_should_reject_bad_unit_or_decimals),
      cmocka_unit_test(map_script_should_reject_bad_options),
      cmocka_unit_test_setup_teardown(map_render_should_write_png, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(map_render_should_write_the_same_svg_twice, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(map_render_should_write_pdf, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(map_render_should_not_run_hostile_text, setup_dir,
                                      teardown_dir),
  };

  (void)setlocale(LC_ALL, "C");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
