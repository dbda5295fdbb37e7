/*
 * plot_trend.c - the trend chart as a gnuplot script (pure text building): one measure over May
 * releases, nominal and real, the fitted log-linear trend with a band from the slope's CI,
 * breaks (SOC editions, codes, top-codes) as labelled dashed lines, top-coded values as open
 * markers and, for employment, a projection (BLS or a state's) with its error fan.
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define WHAT "trend chart"
#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 620
#define FIT_STEPS_PER_YEAR 4 /* samples of the fitted curve per year */
#define MIN_YEAR 1997
#define MAX_YEAR 2100

#define COLOR_NOMINAL GP_COLOR_BLUE
#define COLOR_REAL GP_COLOR_VERMILLION
#define COLOR_BAND GP_COLOR_SKY
#define COLOR_PROJ GP_COLOR_GREEN
#define COLOR_BREAK "#777777"

/* Axis scaling: values are divided by `div` and shown with `format`. */
struct unit_axis {
  double div;
  const char *format;
};

static struct unit_axis axis_of(enum lab_plot_axis_unit u)
{
  switch (u) {
  case LAB_PLOT_AXIS_DOLLARS_YEAR:
    return (struct unit_axis){1000.0, "$%.0fk"};
  case LAB_PLOT_AXIS_DOLLARS_HOUR:
    return (struct unit_axis){1.0, "$%.0f"};
  case LAB_PLOT_AXIS_PERSONS:
    return (struct unit_axis){1000.0, "%.0fk"};
  default:
    return (struct unit_axis){1.0, "%g"};
  }
}

static bool positive(double v)
{
  return isfinite(v) && v > 0;
}

static lab_status check_input(const struct lab_plot_trend *t, struct lab_error *err)
{
  if (!t || !t->points || t->n == 0 || t->n > LAB_PLOT_MAX_POINTS)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 1..%d points", LAB_PLOT_MAX_POINTS);
  if (t->nbreaks > LAB_PLOT_MAX_POINTS || (t->nbreaks && !t->breaks))
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 0..%d breaks", LAB_PLOT_MAX_POINTS);
  if ((int)t->unit < 0 || t->unit > LAB_PLOT_AXIS_PLAIN)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": unknown unit");
  for (size_t i = 0; i < t->n; i++) {
    const struct lab_plot_trend_point *p = &t->points[i];
    if (p->year < MIN_YEAR || p->year > MAX_YEAR || (i > 0 && p->year <= t->points[i - 1].year))
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": point %zu: years must increase within %d..%d", i + 1, MIN_YEAR,
                           MAX_YEAR);
    if ((!isnan(p->nominal) && !positive(p->nominal)) || (!isnan(p->real) && !positive(p->real)))
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": point %zu: a value is not > 0", i + 1);
    if (p->topcoded && isnan(p->nominal))
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": point %zu: top-coded but no value", i + 1);
  }
  for (size_t i = 0; i < t->nbreaks; i++)
    if (!t->breaks[i].label || t->breaks[i].year < MIN_YEAR || t->breaks[i].year > MAX_YEAR)
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": break %zu: bad year or no label", i + 1);
  if (t->have_fit &&
      (!isfinite(t->fit_year_mean) || !isfinite(t->fit_intercept) || !isfinite(t->fit_slope) ||
       !isfinite(t->fit_first) || !isfinite(t->fit_last) || t->fit_first > t->fit_last ||
       isnan(t->fit_slope_lo) != isnan(t->fit_slope_hi) ||
       (!isnan(t->fit_slope_lo) &&
        !(t->fit_slope_lo <= t->fit_slope && t->fit_slope <= t->fit_slope_hi &&
          isfinite(t->fit_slope_hi) && isfinite(t->fit_slope_lo)))))
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": the fit or its slope interval is invalid");
  if (t->have_proj &&
      (t->proj_base_year < MIN_YEAR || t->proj_year <= t->proj_base_year ||
       t->proj_year > MAX_YEAR || !isfinite(t->proj_base) || t->proj_base < 0 ||
       !isfinite(t->proj_value) || !isfinite(t->proj_lo) || !isfinite(t->proj_hi) ||
       !(t->proj_lo <= t->proj_value && t->proj_value <= t->proj_hi) || t->proj_lo < 0))
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": the projection or its band is invalid");
  return LAB_OK;
}

/* A year with quarters as text, "2019.25": integer arithmetic only. */
static const char *year_text(long quarters, char *buf, size_t size)
{
  snprintf(buf, size, "%ld.%02ld", quarters / 4, (quarters % 4) * 25);
  return buf;
}

/* A value for the datablock in the axis unit, rounded to 1/per of it (the fit: 1000; the
 * series: 1e6, a thousandth of a dollar for wages in thousands, so the script keeps the values
 * to well under 1e-6 relative). */
static const char *scaled_to(double v, double div, double per, char *buf, size_t size)
{
  double x = v / div;

  if (!isnan(x))
    x = round(x * per) / per;
  return gp_data_value(x, buf, size);
}

static const char *scaled(double v, double div, char *buf, size_t size)
{
  return scaled_to(v, div, 1000.0, buf, size);
}

static lab_status emit_data(struct lab_buf *out, const struct lab_plot_trend *t,
                            struct unit_axis ax)
{
  char a[64], b[64], c[64], d[64], e[64], f[64];
  lab_status st = lab_buf_adds(out, "$series << EOD\n# year nominal real topcoded\n");

  for (size_t i = 0; i < t->n && !st; i++) {
    const struct lab_plot_trend_point *p = &t->points[i];
    st = lab_buf_addf(
        out, "%d %s %s %d\n", p->year, scaled_to(p->nominal, ax.div, 1e6, a, sizeof(a)),
        scaled_to(t->real_label ? p->real : NAN, ax.div, 1e6, b, sizeof(b)), p->topcoded ? 1 : 0);
  }
  if (!st)
    st = lab_buf_adds(out, "EOD\n");
  if (!st && t->have_fit) {
    long q0 = lround(t->fit_first * FIT_STEPS_PER_YEAR);
    long q1 = lround(t->fit_last * FIT_STEPS_PER_YEAR);
    st = lab_buf_adds(out, "$fit << EOD\n# year fitted band_lo band_hi\n");
    for (long q = q0; q <= q1 && !st; q++) {
      double x = (double)q / FIT_STEPS_PER_YEAR - t->fit_year_mean;
      double y = exp(t->fit_intercept + t->fit_slope * x);
      double lo = NAN, hi = NAN;
      if (!isnan(t->fit_slope_lo)) {
        double y1 = exp(t->fit_intercept + t->fit_slope_lo * x);
        double y2 = exp(t->fit_intercept + t->fit_slope_hi * x);
        lo = y1 < y2 ? y1 : y2;
        hi = y1 < y2 ? y2 : y1;
      }
      st = lab_buf_addf(out, "%s %s %s %s\n", year_text(q, a, sizeof(a)),
                        scaled(y, ax.div, b, sizeof(b)), scaled(lo, ax.div, c, sizeof(c)),
                        scaled(hi, ax.div, d, sizeof(d)));
    }
    if (!st)
      st = lab_buf_adds(out, "EOD\n");
  }
  if (!st && t->have_proj)
    st = lab_buf_addf(
        out,
        "$proj << EOD\n# year value band_lo band_hi\n%d %s %s %s\n%d %s %s %s\n"
        "EOD\n",
        t->proj_base_year, scaled(t->proj_base, ax.div, a, sizeof(a)),
        scaled(t->proj_base, ax.div, b, sizeof(b)), scaled(t->proj_base, ax.div, c, sizeof(c)),
        t->proj_year, scaled(t->proj_value, ax.div, d, sizeof(d)),
        scaled(t->proj_lo, ax.div, e, sizeof(e)), scaled(t->proj_hi, ax.div, f, sizeof(f)));
  return st;
}

/* Dashed vertical lines at the breaks, labelled beside the line from the top down. */
static lab_status emit_breaks(struct lab_buf *out, const struct lab_plot_trend *t,
                              const struct gp_frame *f)
{
  lab_status st = LAB_OK;

  for (size_t i = 0; i < t->nbreaks && !st; i++) {
    st = lab_buf_addf(out,
                      "set arrow %zu from %d, graph 0 to %d, graph 1 nohead dt 2 lw 1.2 "
                      "lc rgb '%s' back\nset label %zu ",
                      i + 1, t->breaks[i].year, t->breaks[i].year, COLOR_BREAK, i + 2);
    if (!st)
      st = lab_plot_quote(out, t->breaks[i].label);
    if (!st)
      st = lab_buf_addf(out,
                        " at %d, graph 0.98 right rotate by 90 offset char -1.1, 0 font ',%d' "
                        "textcolor rgb '%s'\n",
                        t->breaks[i].year, f->caption_size, COLOR_BREAK);
  }
  return st;
}

static lab_status emit_plot(struct lab_buf *out, const struct lab_plot_trend *t)
{
  lab_status st = lab_buf_adds(out, "plot \\\n");
  bool any_tc = false;

  for (size_t i = 0; i < t->n; i++)
    any_tc = any_tc || t->points[i].topcoded;
  if (!st && t->have_proj) {
    st = lab_buf_addf(out,
                      "  $proj using 1:3:4 with filledcurves fc rgb '%s' fs transparent "
                      "solid 0.18 noborder title ",
                      COLOR_PROJ);
    if (!st)
      st = lab_plot_quote(out, t->proj_label ? t->proj_label : "Projection band");
    if (!st)
      st = lab_buf_addf(out,
                        ", \\\n  $proj using 1:2 with linespoints dt 3 lw 2 pt 9 ps 1.3 "
                        "lc rgb '%s' title 'Projection', \\\n",
                        COLOR_PROJ);
  }
  if (!st && t->have_fit && !isnan(t->fit_slope_lo))
    st = lab_buf_addf(out,
                      "  $fit using 1:3:4 with filledcurves fc rgb '%s' fs transparent solid "
                      "0.25 noborder title 'Slope 95%% CI', \\\n",
                      COLOR_BAND);
  if (!st && t->have_fit) {
    st = lab_buf_addf(out, "  $fit using 1:2 with lines dt 2 lw 2 lc rgb '%s' title ",
                      t->fit_real ? COLOR_REAL : COLOR_NOMINAL);
    if (!st)
      st = lab_plot_quote(out, t->fit_label ? t->fit_label : "Log-linear trend");
    if (!st)
      st = lab_buf_adds(out, ", \\\n");
  }
  if (!st && t->real_label) {
    st = lab_buf_addf(out,
                      "  $series using 1:3 with linespoints lw 2 pt 5 ps 1.1 lc rgb '%s' title ",
                      COLOR_REAL);
    if (!st)
      st = lab_plot_quote(out, t->real_label);
    if (!st)
      st = lab_buf_adds(out, ", \\\n");
  }
  if (!st)
    st = lab_buf_addf(out,
                      "  $series using 1:2 with lines lw 2 lc rgb '%s' notitle, \\\n"
                      "  $series using 1:($4 > 0 ? NaN : $2) with points pt 7 ps 1.3 lc rgb '%s' "
                      "title 'Nominal'",
                      COLOR_NOMINAL, COLOR_NOMINAL);
  if (!st && any_tc)
    st = lab_buf_addf(out,
                      ", \\\n  $series using 1:($4 > 0 ? $2 : NaN) with points pt 6 ps 1.6 lw 2 "
                      "lc rgb '%s' title 'Top-coded (lower bound)'",
                      COLOR_NOMINAL);
  if (!st)
    st = lab_buf_adds(out, "\n");
  return st;
}

lab_status lab_plot_trend_script(const struct lab_plot_trend *t, const struct lab_plot_opts *opts,
                                 struct lab_buf *out, struct lab_error *err)
{
  struct gp_frame f = {0};
  struct unit_axis ax;
  char top[32], bottom[32];
  double left, plot_h, bottom_px, top_px;
  int x0, x1;
  lab_status st;

  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": no output buffer");
  st = check_input(t, err);
  if (!st)
    st = gp_check_opts(opts, WHAT, err);
  if (!st)
    st = gp_frame_canvas(&f, opts, DEFAULT_WIDTH, DEFAULT_HEIGHT, WHAT, err);
  if (st)
    return st;
  ax = axis_of(t->unit);
  left = 10 * f.cw;
  st = gp_frame_text(&f, opts, left, f.w - left - 3 * f.cw);
  if (st)
    return lab_error_set(err, st, WHAT ": title or caption: %s", lab_strerror(st));
  top_px = f.title_bottom;
  bottom_px = f.caption_top + 0.8 * f.lh + 2.8 * f.lh;
  plot_h = f.h - top_px - bottom_px;
  if (plot_h < 4 * f.lh)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": the canvas is too small for the text");
  x0 = t->points[0].year;
  x1 = t->points[t->n - 1].year;
  if (t->have_proj && t->proj_year > x1)
    x1 = t->proj_year;
  if (t->have_proj && t->proj_base_year < x0)
    x0 = t->proj_base_year;

  st = lab_buf_adds(out, "# laborstat: trend across May releases (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &f);
  if (!st)
    st = emit_data(out, t, ax);
  if (!st)
    st = gp_emit_title_caption(out, opts, &f);
  if (!st)
    st = lab_buf_addf(out,
                      "set key inside bottom right vertical Left reverse samplen 2.5 spacing 1.2 "
                      "opaque box lc rgb '#cccccc' font ',%d' noautotitle textcolor rgb '%s'\n"
                      "set tmargin at screen %s\nset bmargin at screen %s\n"
                      "set rmargin 3\n"
                      "set border 3 lc rgb '%s'\n"
                      "set xlabel 'May release (year)' textcolor rgb '%s'\n"
                      "set xrange [%d.5:%d.5]\n"
                      "set xtics %d, %d nomirror out textcolor rgb '%s'\n"
                      "set ylabel ",
                      f.caption_size, GP_COLOR_TEXT,
                      gp_fraction(1.0 - top_px / f.h, top, sizeof(top)),
                      gp_fraction(bottom_px / f.h, bottom, sizeof(bottom)), GP_COLOR_BORDER,
                      GP_COLOR_TEXT, x0 - 1, x1, x0, x1 - x0 > 12 ? 2 : 1, GP_COLOR_TEXT);
  if (!st)
    st = lab_plot_quote(out, t->value_label ? t->value_label : "");
  if (!st)
    st = lab_buf_addf(out,
                      " textcolor rgb '%s'\n"
                      "set format y '%s'\n"
                      "set ytics nomirror out textcolor rgb '%s'\n"
                      "set offsets 0, 0, graph 0.06, graph 0.06\n"
                      "set grid ytics lt 1 lc rgb '%s' lw 1\n",
                      GP_COLOR_TEXT, ax.format, GP_COLOR_TEXT, GP_COLOR_GRID);
  if (!st)
    st = emit_breaks(out, t, &f);
  if (!st)
    st = emit_plot(out, t);
  if (st)
    st = lab_error_set(err, st, WHAT ": cannot build the script: %s", lab_strerror(st));
  return st;
}
