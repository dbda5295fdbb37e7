/*
 * test_plots.c - unit tests for plots/: quoting, the wage chart script, rendering with gnuplot.
 *
 * Rendering tests run the real gnuplot (skipped when it is not in PATH) into a fresh temporary
 * directory and check that text planted in titles, labels and captions ran nothing.
 */
#include "plots/lab_plots.h"
#include "tests/unit/test_util.h"

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

#define EXPECTED_SCRIPT LAB_TEST_DATA "/../expected/plots/wages_may2023.gp"
#define EXPECTED_DENSITY LAB_TEST_DATA "/../expected/plots/wages_density.gp"
#define SCRIPT_MAX ((size_t)1 << 20)

/*
 * Published May 2023 national cross-industry estimates, BLS OEWS, copied from
 * ../shared/reference/oews/national/oews_national_M2023_dl.csv (columns A_PCT10, A_PCT25,
 * A_MEDIAN, A_PCT75, A_PCT90, A_MEAN). 11-3021's A_PCT90 is '#': at or above the May 2023
 * top-code of $239,200 a year (meta/oews_topcode_thresholds_by_year.csv).
 */
static const struct lab_plot_box MAY2023[] = {
    {"Health Information Technologists and Medical Registrars (29-9021)", 38310, 46580, 62990,
     86950, 107650, 70260, 0, NAN, NAN},
    {"Medical Records Specialists (29-2072)", 35080, 39620, 48780, 61960, 77810, 53690, 0, NAN,
     NAN},
    {"Information Security Analysts (15-1212)", 69210, 90050, 120360, 153550, 182370, 124740, 0,
     NAN, NAN},
    {"Computer and Information Systems Managers (11-3021)", 101590, 131770, 169510, 214050, 239200,
     180720, LAB_PLOT_TOPCODED(LAB_PLOT_P90), NAN, NAN},
};
#define MAY2023_N (sizeof(MAY2023) / sizeof(MAY2023[0]))
#define MAY2023_TITLE "Annual wages, health IT and related occupations"
#define MAY2023_CAPTION                                                                            \
  "Source: BLS OEWS, May 2023, national cross-industry estimates. Nominal dollars."

/*
 * Lognormal fits (mu, sigma of ln wage) of the MAY2023 rows, for the density charts: ordinary
 * least squares of ln(percentile) on the standard normal z of its level, with Python:
 *   z = [NormalDist().inv_cdf(p) for p in (.1, .25, .5, .75, .9)]
 * over the published percentiles (11-3021 without its top-coded P90). Rounded to 4 places;
 * any plausible fit would do here, the chart only draws what it is given.
 */
static const double MAY2023_FIT[][2] = {
    {11.0626, 0.4160}, /* 29-9021 */
    {10.8288, 0.3153}, /* 29-2072 */
    {11.6614, 0.3818}, /* 15-1212 */
    {12.0297, 0.3798}, /* 11-3021: its 99.5th percentile ($446k) is beyond the axis */
};
#define DENSITY_CAPTION MAY2023_CAPTION " Density: lognormal fitted to the published percentiles."

static struct lab_plot_opts opts_for(const char *format, const char *output)
{
  struct lab_plot_opts o = {
      .title = MAY2023_TITLE, .caption = MAY2023_CAPTION, .format = format, .output = output};
  return o;
}

/* Quote text and compare with the expected gnuplot source. */
static void assert_quote(const char *text, const char *expected)
{
  struct lab_buf b;

  lab_buf_init(&b, 4096);
  assert_int_equal(lab_plot_quote(&b, text), LAB_OK);
  assert_string_equal(lab_buf_str(&b), expected);
  lab_buf_release(&b);
}

/*
 * Build a wage chart whose title, first label and caption are all `hostile` (with "@DIR@"
 * replaced by the test directory), prefix `prelude` to the script, render it as `format`, and
 * check that gnuplot succeeded and wrote the chart. Returns the chart path in out.
 */
static void render_hostile(const struct fixture *f, const char *hostile, const char *prelude,
                           const char *format, char *chart, size_t size)
{
  struct lab_plot_box boxes[MAY2023_N];
  struct lab_plot_opts o;
  struct lab_buf text;
  struct lab_buf script;
  struct lab_error err;
  char name[32];
  const char *at;

  lab_buf_init(&text, 4096);
  for (const char *p = hostile; (at = strstr(p, "@DIR@")) != NULL; p = at + 5) {
    assert_int_equal(lab_buf_add(&text, p, (size_t)(at - p)), LAB_OK);
    assert_int_equal(lab_buf_adds(&text, f->dir), LAB_OK);
    hostile = at + 5;
  }
  assert_int_equal(lab_buf_adds(&text, hostile), LAB_OK);

  memcpy(boxes, MAY2023, sizeof(boxes));
  boxes[0].label = lab_buf_str(&text);
  snprintf(name, sizeof(name), "chart.%s", format);
  path_in(f, name, chart, size);
  o = opts_for(format, chart);
  o.title = lab_buf_str(&text);
  o.caption = lab_buf_str(&text);

  lab_buf_init(&script, SCRIPT_MAX);
  lab_error_clear(&err);
  if (prelude)
    assert_int_equal(lab_buf_adds(&script, prelude), LAB_OK);
  assert_int_equal(lab_plot_wages_script(boxes, MAY2023_N, &o, &script, &err), LAB_OK);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(script.data, script.len, NULL, chart, &err), LAB_OK);
  assert_true(exists(chart));
  lab_buf_release(&script);
  lab_buf_release(&text);
}

/* ---------------------------------------------------------------------------------------- */
/* lab_plot_quote and friends                                                               */
/* ---------------------------------------------------------------------------------------- */

static void quote_should_wrap_plain_text_in_single_quotes(void **state)
{
  (void)state;
  assert_quote("Sans,11", "'Sans,11'");
  assert_quote("", "''");
  assert_quote(NULL, "''");
}

static void quote_should_neutralise_backticks(void **state)
{
  (void)state;
  /* inside single quotes a backquote is an ordinary character */
  assert_quote("`touch /tmp/x`", "'`touch /tmp/x`'");
}

static void quote_should_leave_macros_and_backslashes_literal(void **state)
{
  (void)state;
  assert_quote("@m \\n \\ end\\", "'@m \\n \\ end\\'");
}

static void quote_should_splice_apostrophes_as_octal_escapes(void **state)
{
  (void)state;
  /* never '' (gnuplot 5.4 mis-scans ''' at the start) and never "'" (breaks @ scanning) */
  assert_quote("it's", "'it'.\"\\047\".'s'");
  assert_quote("'", "''.\"\\047\".''");
  assert_quote("''x", "''.\"\\047\".''.\"\\047\".'x'");
  assert_quote("say \"hi\"", "'say \"hi\"'");
}

static void quote_should_replace_control_characters_with_spaces(void **state)
{
  (void)state;
  assert_quote("a\nb\r\nc\td\x7f"
               "e\x1b[0m",
               "'a b  c d e [0m'");
  assert_quote("\xC2\x85next line", "' next line'"); /* U+0085, a C1 control */
}

static void quote_should_replace_invalid_utf8(void **state)
{
  (void)state;
  assert_quote("caf\xE9", "'caf?'");
  assert_quote("\xC0\xAF", "'?\?'");                      /* overlong '/' */
  assert_quote("\xED\xA0\x80", "'?\?\?'");                /* a surrogate */
  assert_quote("\xE2\x89\xA5 $1", "'\xE2\x89\xA5 $1'");   /* valid: kept */
  assert_quote("\xF0\x9F\x93\x88", "'\xF0\x9F\x93\x88'"); /* 4-byte: kept */
}

static void quote_should_break_xml_cdata_end(void **state)
{
  (void)state;
  assert_quote("a]]>b ]>", "'a]] >b ]>'");
}

static void quote_wrapped_should_join_lines_with_newline_literals(void **state)
{
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, 4096);
  assert_int_equal(lab_plot_quote_wrapped(&b, "one two three four", 9, 3), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "'one two'.\"\\n\".'three'.\"\\n\".'four'");
  lab_buf_release(&b);
}

static void datum_should_double_quote_and_drop_double_quotes(void **state)
{
  struct lab_buf b;
  const char *text = "say \"hi\"\tto `them` @m it's";

  (void)state;
  lab_buf_init(&b, 4096);
  assert_int_equal(lab_plot_datum(&b, text, strlen(text)), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "\"say 'hi' to `them` @m it's\"");
  lab_buf_release(&b);
}

static void wrap_should_break_at_spaces(void **state)
{
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, 4096);
  assert_int_equal(lab_plot_wrap(&b,
                                 "Health Information Technologists and Medical Registrars "
                                 "(29-9021)",
                                 34, 3),
                   LAB_OK);
  assert_string_equal(lab_buf_str(&b),
                      "Health Information Technologists\nand Medical Registrars (29-9021)");
  lab_buf_release(&b);
}

static void wrap_should_collapse_blanks_and_cut_long_words(void **state)
{
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, 4096);
  assert_int_equal(lab_plot_wrap(&b, "  abcdefghij \n\t klm  ", 4, 5), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "abcd\nefgh\nij\nklm");
  lab_buf_release(&b);
}

static void wrap_should_end_cut_text_with_ellipsis(void **state)
{
  struct lab_buf b;

  (void)state;
  lab_buf_init(&b, 4096);
  assert_int_equal(lab_plot_wrap(&b, "aaaa bbbb cccc dddd", 9, 1), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "aaaa\xE2\x80\xA6");
  lab_buf_reset(&b);
  assert_int_equal(lab_plot_wrap(&b, "aaaa bbbb cccc dddd", 9, 2), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "aaaa bbbb\ncccc dddd");
  lab_buf_reset(&b);
  assert_int_equal(lab_plot_wrap(&b, "aaaa bbbbb cccc", 9, 1), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "aaaa\xE2\x80\xA6");
  lab_buf_reset(&b);
  assert_int_equal(lab_plot_wrap(&b, "aaaaaaaaaaaa", 9, 1), LAB_OK);
  assert_string_equal(lab_buf_str(&b), "aaaaaaaa\xE2\x80\xA6");
  lab_buf_release(&b);
  assert_int_equal(lab_plot_wrap(&b, "x", 3, 1), LAB_ERR_INVALID);
}

/* ---------------------------------------------------------------------------------------- */
/* lab_plot_wages_script                                                                    */
/* ---------------------------------------------------------------------------------------- */

/* Build the May 2023 script with opts o into b (asserting success). */
static void build_may2023(const struct lab_plot_opts *o, struct lab_buf *b)
{
  struct lab_error err;

  lab_error_clear(&err);
  lab_buf_init(b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(MAY2023, MAY2023_N, o, b, &err), LAB_OK);
}

static void script_should_match_expected_file(void **state)
{
  struct lab_plot_opts o = opts_for("png", "wages_may2023.png");
  struct lab_buf b;
  char *expected;
  const char *update = getenv("LAB_UPDATE_EXPECTED");

  (void)state;
  build_may2023(&o, &b);
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

static void script_should_not_depend_on_the_numeric_locale(void **state)
{
  struct lab_plot_opts o = opts_for("pdf", "wages.pdf");
  struct lab_buf c_locale;
  struct lab_buf other;
  const char *names[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8"};
  const char *set = NULL;

  (void)state;
  build_may2023(&o, &c_locale);
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !set; i++)
    set = setlocale(LC_NUMERIC, names[i]);
  if (!set) {
    lab_buf_release(&c_locale);
    skip();
  }
  build_may2023(&o, &other);
  setlocale(LC_NUMERIC, "C");
  assert_string_equal(lab_buf_str(&other), lab_buf_str(&c_locale));
  lab_buf_release(&other);
  lab_buf_release(&c_locale);
}

static void script_should_hold_quoted_labels_and_published_values_in_a_datablock(void **state)
{
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;
  const char *s;

  (void)state;
  build_may2023(&o, &b);
  s = lab_buf_str(&b);
  assert_non_null(strstr(s, "$wages << EOD\n"));
  assert_non_null(strstr(s, "\n1 \"Health Information Technologists\" \"and Medical Registrars "
                            "(29-9021)\" \"\" 38310 46580 62990 86950 107650 70260 0 NaN NaN "
                            "NaN \"\"\n"));
  assert_non_null(strstr(s, "\n4 \"Computer and Information Systems\" \"Managers (11-3021)\" "
                            "\"\" 101590 131770 169510 214050 239200 180720 16 214050 239200 "
                            "239200 \"P90 \xE2\x89\xA5 $239,200 (top-coded)\"\n"));
  assert_non_null(strstr(s, "\nEOD\n"));
  assert_null(strstr(s, "pause"));
  assert_non_null(strstr(s, "noenhanced"));
  lab_buf_release(&b);
}

static void script_should_write_nan_for_missing_values(void **state)
{
  struct lab_plot_box box = {"Only a median", NAN, NAN, 50000, NAN, NAN, NAN, 0, NAN, NAN};
  struct lab_plot_opts o = opts_for("svg", "w.svg");
  struct lab_buf b;
  struct lab_error err;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_OK);
  assert_non_null(strstr(lab_buf_str(&b), "\"\" \"\" NaN NaN 50000 NaN NaN NaN 0 NaN NaN NaN"));
  assert_null(strstr(lab_buf_str(&b), "Top-coded"));
  lab_buf_release(&b);
}

static void script_should_convert_pdf_size_to_inches(void **state)
{
  struct lab_plot_opts o = opts_for("pdf", "w.pdf");
  struct lab_buf b;

  (void)state;
  o.width = 850;
  o.height = 1100;
  build_may2023(&o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "set terminal pdfcairo size 8.50in,11.00in font "));
  lab_buf_release(&b);
}

static void script_should_keep_the_code_of_a_cut_label(void **state)
{
  struct lab_plot_box box = MAY2023[0];
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;
  struct lab_error err;

  (void)state;
  box.label = "Health Information Technologists, Medical Registrars, Surgical Assistants, and "
              "Healthcare Practitioners and Technical Workers, All Other (29-9000)";
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_OK);
  assert_non_null(strstr(lab_buf_str(&b), "\xE2\x80\xA6 (29-9000)\" 38310 "));
  lab_buf_release(&b);
}

static void script_should_put_top_code_notes_under_arrows_on_narrow_charts(void **state)
{
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;

  (void)state;
  build_may2023(&o, &b);
  assert_non_null(strstr(lab_buf_str(&b), "with labels left offset char 1.2, 0"));
  lab_buf_release(&b);
  o.width = 720;
  o.height = 432;
  build_may2023(&o, &b);
  assert_non_null(strstr(lab_buf_str(&b), ":($1 + 0.5):15 with labels right"));
  assert_non_null(strstr(lab_buf_str(&b), "\"Registrars (29-9021)\""));
  lab_buf_release(&b);
}

static void script_should_reject_bad_arguments(void **state)
{
  struct lab_plot_box box = MAY2023[0];
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;
  struct lab_error err;

  (void)state;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(&box, 0, &o, &b, &err), LAB_ERR_INVALID);
  o.format = "gif";
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "format"));
  o.format = "png";
  o.output = "|touch /tmp/x";
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  o.output = "a\nb.png";
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  o.output = "w.png";
  o.width = 50;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  o.width = 0;
  box.p25 = 30000; /* below P10 */
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "P25"));
  box = MAY2023[0];
  box.p90 = INFINITY;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  box = MAY2023[0];
  box.p90 = NAN;
  box.topcoded = LAB_PLOT_TOPCODED(LAB_PLOT_P90); /* top-coded without a threshold */
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  box = MAY2023[0];
  box.topcoded = LAB_PLOT_TOPCODED(LAB_PLOT_P75); /* P90 above a top-coded P75 */
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  box = MAY2023[0];
  box.label = NULL;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

/* ---------------------------------------------------------------------------------------- */
/* The fitted density                                                                       */
/* ---------------------------------------------------------------------------------------- */

/* The MAY2023 boxes with their fits. */
static void may2023_with_fits(struct lab_plot_box *boxes)
{
  memcpy(boxes, MAY2023, sizeof(MAY2023));
  for (size_t i = 0; i < MAY2023_N; i++) {
    boxes[i].mu = MAY2023_FIT[i][0];
    boxes[i].sigma = MAY2023_FIT[i][1];
  }
}

/* Build the density chart of the MAY2023 rows into b (asserting success). */
static void build_density(struct lab_plot_opts *o, struct lab_buf *b)
{
  struct lab_plot_box boxes[MAY2023_N];
  struct lab_error err;

  may2023_with_fits(boxes);
  o->density = true;
  o->caption = DENSITY_CAPTION;
  lab_error_clear(&err);
  lab_buf_init(b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(boxes, MAY2023_N, o, b, &err), LAB_OK);
}

static void density_should_hold_the_lognormal_pdf_at_the_sampled_wages(void **state)
{
  struct lab_plot_box box = MAY2023[0];
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;
  struct lab_error err;
  const char *p;
  size_t lines = 0;
  double min_top = 10;

  (void)state;
  /* mu = ln(50000), sigma = 0.25. With Python (statistics.NormalDist, math):
   *   z = NormalDist().inv_cdf(0.995) = 2.5758293035489
   *   lo = round(exp(mu - z*sigma)) = 26260, hi = round(exp(mu + z*sigma)) = 95200 (the axis
   *   reaches at least $112k for this box, so nothing is cut)
   *   x_j = round(lo + (hi - lo) * j / 95): x_0 = 26260, x_1 = 26986, x_47 = 60367, x_95 = 95200
   *   pdf(x) = exp(-((log(x) - mu) / sigma)**2 / 2) / (x * sigma * sqrt(2*pi)):
   *   2.20212350069384e-06, 2.821290730096881e-06, 1.9898671404503834e-05,
   *   6.075546663322921e-07 */
  const double xs[] = {26260, 26986, 60367, 95200};
  const double pdfs[] = {2.20212350069384e-06, 2.821290730096881e-06, 1.9898671404503834e-05,
                         6.075546663322921e-07};
  const int at[] = {0, 1, 47, 95};
  size_t next = 0;

  box.mu = 10.819778284410283; /* math.log(50000) */
  box.sigma = 0.25;
  o.density = true;
  lab_buf_init(&b, SCRIPT_MAX);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_OK);
  p = strstr(lab_buf_str(&b), "$density << EOD\n# row wage pdf top\n");
  assert_non_null(p);
  p = strchr(strchr(p, '\n') + 1, '\n') + 1;
  while (strncmp(p, "EOD\n", 4) != 0) {
    unsigned row;
    double x, f, top;

    if (*p == '\n') { /* the blank line after the row */
      p++;
      continue;
    }
    assert_int_equal(sscanf(p, "%u %lf %lf %lf", &row, &x, &f, &top), 4);
    assert_int_equal(row, 1);
    if (next < 4 && (int)lines == at[next]) {
      assert_close(x, xs[next], 0);
      assert_close(f, pdfs[next], 1e-12 * pdfs[next]);
      next++;
    }
    if (top < min_top)
      min_top = top;
    lines++;
    p = strchr(p, '\n') + 1;
  }
  assert_int_equal(lines, 96);
  assert_int_equal(next, 4);
  /* the highest density reaches 0.38 row above the box edge (1 - 0.28) */
  assert_close(min_top, 1 - 0.28 - 0.38, 1e-9);
  assert_non_null(strstr(lab_buf_str(&b), "title 'Fitted lognormal density'"));
  assert_non_null(strstr(lab_buf_str(&b), "set yrange [1.6:0.3]"));
  lab_buf_release(&b);
}

static void density_should_cut_the_curve_at_the_axis_maximum(void **state)
{
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;
  const char *p;
  const char *end;
  const char *last = NULL;

  (void)state;
  build_density(&o, &b);
  /* 11-3021 (row 4): exp(12.0297 + 2.5758 * 0.3798) is about $446k; the axis ends at $360k */
  assert_non_null(strstr(lab_buf_str(&b), "set xrange [0:360]"));
  p = strstr(lab_buf_str(&b), "\n4 ");
  end = strstr(lab_buf_str(&b), "\n\nEOD\n");
  assert_non_null(p);
  assert_non_null(end);
  for (; p && p < end; p = strstr(p + 1, "\n4 "))
    last = p;
  assert_non_null(last);
  assert_int_equal(strncmp(last, "\n4 360000 ", 10), 0);
  lab_buf_release(&b);
}

static void density_off_should_leave_the_script_unchanged(void **state)
{
  struct lab_plot_box boxes[MAY2023_N];
  struct lab_plot_opts o = opts_for("png", "wages_may2023.png");
  struct lab_buf plain;
  struct lab_buf b;
  struct lab_error err;
  char *expected;

  (void)state;
  build_may2023(&o, &plain);
  expected = slurp(EXPECTED_SCRIPT, NULL);
  assert_non_null(expected);
  assert_string_equal(lab_buf_str(&plain), expected);
  /* fits given, density off */
  may2023_with_fits(boxes);
  lab_buf_init(&b, SCRIPT_MAX);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_wages_script(boxes, MAY2023_N, &o, &b, &err), LAB_OK);
  assert_string_equal(lab_buf_str(&b), expected);
  lab_buf_release(&b);
  /* density on, no row fitted */
  o.density = true;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(MAY2023, MAY2023_N, &o, &b, &err), LAB_OK);
  assert_string_equal(lab_buf_str(&b), expected);
  lab_buf_release(&b);
  /* zero fits are ignored while density is off */
  boxes[0].mu = 0;
  boxes[0].sigma = 0;
  o.density = false;
  lab_buf_init(&b, SCRIPT_MAX);
  assert_int_equal(lab_plot_wages_script(boxes, 1, &o, &b, &err), LAB_OK);
  lab_buf_release(&b);
  lab_buf_release(&plain);
  free(expected);
}

static void density_script_should_match_expected_file(void **state)
{
  struct lab_plot_opts o = opts_for("png", "wages_density.png");
  struct lab_buf b;
  char *expected;
  const char *update = getenv("LAB_UPDATE_EXPECTED");

  (void)state;
  build_density(&o, &b);
  if (update && strcmp(update, "1") == 0) {
    FILE *fp = fopen(EXPECTED_DENSITY, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(b.data, 1, b.len, fp), b.len);
    assert_int_equal(fclose(fp), 0);
  }
  expected = slurp(EXPECTED_DENSITY, NULL);
  assert_non_null(expected);
  assert_string_equal(lab_buf_str(&b), expected);
  free(expected);
  lab_buf_release(&b);
}

static void density_should_reject_a_bad_fit(void **state)
{
  struct lab_plot_box box = MAY2023[0];
  struct lab_plot_opts o = opts_for("png", "w.png");
  struct lab_buf b;
  struct lab_error err;

  (void)state;
  o.density = true;
  lab_buf_init(&b, SCRIPT_MAX);
  box.mu = 11;
  box.sigma = 0;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  assert_non_null(strstr(err.msg, "sigma > 0"));
  box.sigma = -0.3;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  box.sigma = INFINITY;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  box.sigma = 0.3;
  box.mu = -INFINITY;
  assert_int_equal(lab_plot_wages_script(&box, 1, &o, &b, &err), LAB_ERR_INVALID);
  lab_buf_release(&b);
}

/* Render the density chart as format; check the bytes start with magic. */
static void render_density(const struct fixture *f, const char *format, const char *magic,
                           size_t min_len)
{
  char name[32];
  char chart[512];
  struct lab_plot_opts o;
  struct lab_buf b;
  struct lab_error err;
  size_t len = 0;
  char *data;

  snprintf(name, sizeof(name), "density.%s", format);
  path_in(f, name, chart, sizeof(chart));
  o = opts_for(format, chart);
  build_density(&o, &b);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(b.data, b.len, NULL, chart, &err), LAB_OK);
  lab_buf_release(&b);
  data = slurp(chart, &len);
  assert_non_null(data);
  assert_true(len > min_len);
  assert_memory_equal(data, magic, strlen(magic));
  if (strcmp(format, "svg") == 0) {
    assert_non_null(strstr(data, "</svg>"));
    assert_non_null(strstr(data, "Fitted lognormal density"));
  }
  free(data);
}

static void render_should_draw_the_density_in_every_format(void **state)
{
  REQUIRE_GNUPLOT();
  render_density(*state, "png", "\x89PNG\r\n\x1a\n", 10000);
  render_density(*state, "svg", "<?xml", 5000);
  render_density(*state, "pdf", "%PDF-", 5000);
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering: hostile text                                                                  */
/* ---------------------------------------------------------------------------------------- */

static void render_should_not_run_backticks(void **state)
{
  struct fixture *f = *state;
  char chart[512];
  char planted[512];

  REQUIRE_GNUPLOT();
  render_hostile(f, "a `touch @DIR@/planted` b", NULL, "png", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  assert_false(exists(planted));
}

static void render_should_not_call_system_by_breaking_out_of_quotes(void **state)
{
  struct fixture *f = *state;
  char chart[512];
  char planted[512];

  REQUIRE_GNUPLOT();
  render_hostile(f, "x' . system(\"touch @DIR@/planted\") . 'y", NULL, "png", chart, sizeof(chart));
  render_hostile(f, "''' . system('touch @DIR@/planted') . '''", NULL, "png", chart, sizeof(chart));
  render_hostile(f, "\" . system(\"touch @DIR@/planted\") . \"", NULL, "png", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  assert_false(exists(planted));
}

static void render_should_not_expand_macros(void **state)
{
  struct fixture *f = *state;
  char chart[512];
  char planted[512];
  char prelude[1024];

  REQUIRE_GNUPLOT();
  /* a macro that would break out of a quoted string and run a command if expanded there */
  snprintf(prelude, sizeof(prelude),
           "m = \"'.system(\\\"touch %s/planted\\\").'\"\n"
           "M = \"'.system(\\\"touch %s/planted\\\").'\"\n",
           f->dir, f->dir);
  render_hostile(f, "@m it's @M 'x' @m '' @M", prelude, "png", chart, sizeof(chart));
  render_hostile(f, "'@m", prelude, "png", chart, sizeof(chart));
  render_hostile(f, "\"'\" @m", prelude, "png", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  assert_false(exists(planted));
}

static void render_should_survive_newlines_and_command_injection(void **state)
{
  struct fixture *f = *state;
  char chart[512];
  char planted[512];

  REQUIRE_GNUPLOT();
  render_hostile(f, "T'\nset output '@DIR@/planted'\nplot x\n; set output '@DIR@/planted'", NULL,
                 "png", chart, sizeof(chart));
  render_hostile(f, "x\\\n`touch @DIR@/planted`\\", NULL, "png", chart, sizeof(chart));
  render_hostile(f, "EOD\n!touch @DIR@/planted\n", NULL, "png", chart, sizeof(chart));
  path_in(f, "planted", planted, sizeof(planted));
  assert_false(exists(planted));
}

static void render_should_show_quotes_backslashes_and_markup_literally(void **state)
{
  struct fixture *f = *state;
  char chart[512];
  char *svg;

  REQUIRE_GNUPLOT();
  render_hostile(f, "it's \"x\" C:\\dir\\ x^2_{y} {/Symbol a} &{ab} ~a{.8-} \\U+221E <b>", NULL,
                 "svg", chart, sizeof(chart));
  svg = slurp(chart, NULL);
  assert_non_null(svg);
  /* the title: apostrophe, double quotes, backslashes and markup as typed (XML-escaped) */
  assert_non_null(strstr(svg, "it's \"x\" C:\\dir\\ x^2_{y} {/Symbol a} &amp;{ab} ~a{.8-} "
                              "\\U+221E &lt;b>"));
  free(svg);
}

static void render_should_keep_svg_well_formed_with_cdata_end_in_labels(void **state)
{
  struct fixture *f = *state;
  char chart[512];
  char *svg;

  REQUIRE_GNUPLOT();
  render_hostile(f, "a ]]> b & c < d", NULL, "svg", chart, sizeof(chart));
  svg = slurp(chart, NULL);
  assert_non_null(svg);
  assert_null(strstr(svg, "]]>"));
  assert_non_null(strstr(svg, "a ]] > b &amp; c &lt; d"));
  assert_non_null(strstr(svg, "</svg>"));
  free(svg);
}

/* ---------------------------------------------------------------------------------------- */
/* Rendering: real figures, formats, failures                                               */
/* ---------------------------------------------------------------------------------------- */

/* Render the May 2023 chart as format into the fixture; returns the file's bytes. */
static char *render_may2023(const struct fixture *f, const char *format, size_t *len)
{
  char name[32];
  char chart[512];
  struct lab_plot_opts o;
  struct lab_buf b;
  struct lab_error err;
  char *data;

  snprintf(name, sizeof(name), "wages.%s", format);
  path_in(f, name, chart, sizeof(chart));
  o = opts_for(format, chart);
  build_may2023(&o, &b);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(b.data, b.len, NULL, chart, &err), LAB_OK);
  lab_buf_release(&b);
  data = slurp(chart, len);
  assert_non_null(data);
  return data;
}

static void render_should_write_png(void **state)
{
  size_t len = 0;
  char *png;

  REQUIRE_GNUPLOT();
  png = render_may2023(*state, "png", &len);
  assert_true(len > 10000);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  free(png);
}

static void render_should_write_svg(void **state)
{
  size_t len = 0;
  char *svg;

  REQUIRE_GNUPLOT();
  svg = render_may2023(*state, "svg", &len);
  assert_true(len > 5000);
  assert_true(strncmp(svg, "<?xml", 5) == 0 || strncmp(svg, "<svg", 4) == 0);
  assert_non_null(strstr(svg, "</svg>"));
  assert_non_null(strstr(svg, "Health Information Technologists"));
  assert_non_null(strstr(svg, "P90 \xE2\x89\xA5 $239,200 (top-coded)"));
  free(svg);
}

static void render_should_write_pdf(void **state)
{
  size_t len = 0;
  char *pdf;

  REQUIRE_GNUPLOT();
  pdf = render_may2023(*state, "pdf", &len);
  assert_true(len > 5000);
  assert_memory_equal(pdf, "%PDF-", 5);
  free(pdf);
}

static void render_should_name_gnuplot_nox_when_gnuplot_is_missing(void **state)
{
  struct lab_error err;
  const char *script = "set terminal dumb\nplot x\n";

  (void)state;
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(script, strlen(script), "/nonexistent/gnuplot", NULL, &err),
                   LAB_ERR_EXTERNAL);
  assert_non_null(strstr(err.msg, "gnuplot-nox"));
  assert_non_null(strstr(err.msg, "/nonexistent/gnuplot"));
}

static void render_should_not_pass_the_api_key_to_gnuplot(void **state)
{
  struct fixture *f = *state;
  struct lab_error err;
  char prog[512], dump[512], text[8192] = "";
  const char *script = "print 1\n";
  size_t n;
  FILE *fp;

  /* a stand-in for gnuplot that records the environment it was given */
  path_in(f, "fake-gnuplot.sh", prog, sizeof(prog));
  path_in(f, "env.txt", dump, sizeof(dump));
  fp = fopen(prog, "w");
  assert_non_null(fp);
  fprintf(fp, "#!/bin/sh\nenv > '%s'\ncat > /dev/null\n", dump);
  fclose(fp);
  assert_int_equal(chmod(prog, 0700), 0);
  setenv("BLS_API_KEY", "PLANTED-KEY-0451", 1);
  setenv("LAB_TEST_MARK", "kept", 1);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(script, strlen(script), prog, NULL, &err), LAB_OK);
  unsetenv("BLS_API_KEY");
  fp = fopen(dump, "r");
  assert_non_null(fp);
  n = fread(text, 1, sizeof(text) - 1, fp);
  text[n] = '\0';
  fclose(fp);
  assert_non_null(strstr(text, "LAB_TEST_MARK=kept"));
  assert_null(strstr(text, "PLANTED-KEY-0451"));
}

static void render_should_report_gnuplot_error_line(void **state)
{
  struct fixture *f = *state;
  struct lab_error err;
  char out[512];
  char script[1024];

  REQUIRE_GNUPLOT();
  path_in(f, "never.png", out, sizeof(out));
  snprintf(script, sizeof(script), "set terminal pngcairo\nset output '%s'\nset nosuchoption\n",
           out);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(script, strlen(script), NULL, out, &err), LAB_ERR_EXTERNAL);
  assert_non_null(strstr(err.msg, "gnuplot failed"));
  assert_non_null(strstr(err.msg, "Unrecognized option"));
  assert_non_null(strstr(err.msg, "(in: set nosuchoption)"));
}

static void render_should_fail_when_the_output_is_not_written(void **state)
{
  struct fixture *f = *state;
  struct lab_error err;
  char out[512];
  const char *script = "print 1\n";
  FILE *fp;

  REQUIRE_GNUPLOT();
  path_in(f, "missing.png", out, sizeof(out));
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(script, strlen(script), NULL, out, &err), LAB_ERR_EXTERNAL);
  /* an old file left from before is not mistaken for this run's output */
  fp = fopen(out, "wb");
  assert_non_null(fp);
  fputs("old", fp);
  fclose(fp);
  assert_int_equal(lab_plot_render(script, strlen(script), NULL, out, &err), LAB_ERR_EXTERNAL);
  assert_non_null(strstr(err.msg, "did not rewrite"));
}

static void render_should_finish_when_gnuplot_stops_reading_early(void **state)
{
  struct lab_buf script;
  struct lab_error err;

  (void)state;
  REQUIRE_GNUPLOT();
  /* exit at once, then a megabyte gnuplot never reads: EPIPE, not SIGPIPE */
  lab_buf_init(&script, (size_t)4 << 20);
  assert_int_equal(lab_buf_adds(&script, "exit\n"), LAB_OK);
  for (int i = 0; i < 16384; i++)
    assert_int_equal(lab_buf_adds(&script, "# padding padding padding padding padding pad\n"
                                           "# padding padding padding padding padding pad\n"),
                     LAB_OK);
  lab_error_clear(&err);
  assert_int_equal(lab_plot_render(script.data, script.len, NULL, NULL, &err), LAB_OK);
  lab_buf_release(&script);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(quote_should_wrap_plain_text_in_single_quotes),
      cmocka_unit_test(quote_should_neutralise_backticks),
      cmocka_unit_test(quote_should_leave_macros_and_backslashes_literal),
      cmocka_unit_test(quote_should_splice_apostrophes_as_octal_escapes),
      cmocka_unit_test(quote_should_replace_control_characters_with_spaces),
      cmocka_unit_test(quote_should_replace_invalid_utf8),
      cmocka_unit_test(quote_should_break_xml_cdata_end),
      cmocka_unit_test(quote_wrapped_should_join_lines_with_newline_literals),
      cmocka_unit_test(datum_should_double_quote_and_drop_double_quotes),
      cmocka_unit_test(wrap_should_break_at_spaces),
      cmocka_unit_test(wrap_should_collapse_blanks_and_cut_long_words),
      cmocka_unit_test(wrap_should_end_cut_text_with_ellipsis),
      cmocka_unit_test(script_should_match_expected_file),
      cmocka_unit_test(script_should_not_depend_on_the_numeric_locale),
      cmocka_unit_test(script_should_hold_quoted_labels_and_published_values_in_a_datablock),
      cmocka_unit_test(script_should_write_nan_for_missing_values),
      cmocka_unit_test(script_should_convert_pdf_size_to_inches),
      cmocka_unit_test(script_should_keep_the_code_of_a_cut_label),
      cmocka_unit_test(script_should_put_top_code_notes_under_arrows_on_narrow_charts),
      cmocka_unit_test(script_should_reject_bad_arguments),
      cmocka_unit_test(density_should_hold_the_lognormal_pdf_at_the_sampled_wages),
      cmocka_unit_test(density_should_cut_the_curve_at_the_axis_maximum),
      cmocka_unit_test(density_off_should_leave_the_script_unchanged),
      cmocka_unit_test(density_script_should_match_expected_file),
      cmocka_unit_test(density_should_reject_a_bad_fit),
      cmocka_unit_test_setup_teardown(render_should_draw_the_density_in_every_format, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_not_run_backticks, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_not_call_system_by_breaking_out_of_quotes,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_not_expand_macros, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_survive_newlines_and_command_injection,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_show_quotes_backslashes_and_markup_literally,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_keep_svg_well_formed_with_cdata_end_in_labels,
                                      setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_write_png, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_write_svg, setup_dir, teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_write_pdf, setup_dir, teardown_dir),
      cmocka_unit_test(render_should_name_gnuplot_nox_when_gnuplot_is_missing),
      cmocka_unit_test_setup_teardown(render_should_not_pass_the_api_key_to_gnuplot, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_report_gnuplot_error_line, setup_dir,
                                      teardown_dir),
      cmocka_unit_test_setup_teardown(render_should_fail_when_the_output_is_not_written, setup_dir,
                                      teardown_dir),
      cmocka_unit_test(render_should_finish_when_gnuplot_stops_reading_early),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
