/*
 * plot_wages.c - the wage-distribution box chart as a gnuplot script (pure text building).
 *
 * Layout: occupations on the vertical axis, top to bottom in the order given (labels wrapped,
 * at most three lines), annual wages in thousands of dollars on the horizontal axis from $0.
 * Per occupation: a P10-P90 whisker, a P25-P75 box, a median bar, a mean diamond and, for a
 * top-coded value, an arrow ending at the threshold with a note. Colours are from the
 * Okabe-Ito palette. Margins, key position, label widths and the axis range are estimated
 * from the canvas and font sizes so that text fits; every number in the script is written
 * with integer formats (no locale-dependent "%f" with decimals).
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 600
#define SCRATCH_MAX GP_SCRATCH_MAX
#define ROW_PX 76          /* default height per box beyond five boxes */
#define LABEL_LINES 3      /* lines per occupation label */
#define MAX_TICKS 8        /* ticks on the wage axis, at most */
#define BOX_HALF "0.28"    /* half the box height, in rows */
#define BOX_HALF_ROWS 0.28 /* the same as a number */
#define NOTE_SHARE 0.35    /* notes wider than this share of the plot go under the arrow */

/* The optional fitted density above each box. */
#define DENSITY_POINTS 96 /* samples per row */
#define DENSITY_Z                                                                                  \
  2.5758293035489004 /* z of the 99.5th percentile (Python: NormalDist().inv_cdf(0.995)); the      \
                        0.5th is -z */
#define DENSITY_HEIGHT                                                                             \
  0.38 /* the highest density's height in rows: the gap between two boxes (1 - 2 * 0.28) less 0.06 \
        */
#define DENSITY_DIGITS 10000.0      /* curve tops are rounded to 1/10000 of a row */
#define SQRT_2PI 2.5066282746310002 /* sqrt(2 pi) */
#define DENSITY_ALPHA "0.35"        /* opacity of the fill */
#define COLOR_DENSITY "#009E73"     /* bluish green */

/* Okabe-Ito colours (and a light tint of sky blue for the box fill). */
#define COLOR_BOX_FILL "#9ACBEA"
#define COLOR_BOX_EDGE "#0072B2" /* blue */
#define COLOR_WHISKER "#333333"
#define COLOR_MEDIAN "#000000"
#define COLOR_MEAN "#D55E00"    /* vermillion */
#define COLOR_TOPCODE "#CC79A7" /* reddish purple */
#define COLOR_TOPCODE_TEXT "#8F3F73"
#define COLOR_TEXT GP_COLOR_TEXT

static const char *const PCT_NAMES[LAB_PLOT_NPCT] = {"P10", "P25", "median", "P75", "P90"};

/* What the chart needs to know about one box beyond the published values. */
struct row {
  double v[LAB_PLOT_NPCT];
  double threshold;  /* top-code threshold, NAN when nothing is top-coded */
  double arrow_from; /* the top-code arrow, NAN when none */
  double arrow_to;
  double note_x; /* where the note is anchored; NAN when there is no note */
  char note[96]; /* "P90 >= $239,200 (top-coded)" (with a real >= sign), or "" */
};

/* Layout in the terminal's units (pixels; points for pdf). */
struct layout {
  struct gp_frame f;  /* canvas, fonts, title and caption */
  size_t label_width; /* characters per occupation-label line */
  double plot_left;   /* estimated left edge of the plot area (right of the labels) */
  double plot_w;      /* estimated width of the plot area */
  double row_h;       /* estimated height of one row (one box) */
  double key_center;  /* height of the key's centre above the bottom */
  double top, bottom; /* the plot area's top and bottom margins */
};

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* ---------------------------------------------------------------------------------------- */
/* Validation                                                                               */
/* ---------------------------------------------------------------------------------------- */

/* Check box i and copy its percentiles into r; sets r->threshold. */
static lab_status check_box(const struct lab_plot_box *b, size_t i, struct row *r,
                            struct lab_error *err)
{
  double prev = NAN;
  lab_status st = LAB_OK;

  r->v[LAB_PLOT_P10] = b->p10;
  r->v[LAB_PLOT_P25] = b->p25;
  r->v[LAB_PLOT_MEDIAN] = b->median;
  r->v[LAB_PLOT_P75] = b->p75;
  r->v[LAB_PLOT_P90] = b->p90;
  r->threshold = NAN;
  if (!b->label) {
    st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: box %zu has no label", i + 1);
    goto out;
  }
  if (b->topcoded & ~((1u << LAB_PLOT_NPCT) - 1u)) {
    st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: box %zu: unknown top-code bits %#x",
                       i + 1, b->topcoded);
    goto out;
  }
  if (!isnan(b->mean) && !(isfinite(b->mean) && b->mean >= 0)) {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "wage chart: box %zu: the mean must be finite and >= 0, or NAN", i + 1);
    goto out;
  }
  for (int k = 0; k < LAB_PLOT_NPCT && !st; k++) {
    double v = r->v[k];
    bool tc = (b->topcoded & LAB_PLOT_TOPCODED(k)) != 0;

    if (isnan(v)) {
      if (tc)
        st = lab_error_set(err, LAB_ERR_INVALID,
                           "wage chart: box %zu: %s is top-coded but has no threshold value", i + 1,
                           PCT_NAMES[k]);
      continue;
    }
    if (!isfinite(v) || v < 0)
      st = lab_error_set(err, LAB_ERR_INVALID,
                         "wage chart: box %zu: %s must be finite and >= 0, or NAN", i + 1,
                         PCT_NAMES[k]);
    else if (!isnan(prev) && v < prev)
      st = lab_error_set(err, LAB_ERR_INVALID,
                         "wage chart: box %zu: %s (%.0f) is below a lower percentile (%.0f)", i + 1,
                         PCT_NAMES[k], v, prev);
    else if (tc && !isnan(r->threshold) && v != r->threshold)
      st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: box %zu: top-coded values differ",
                         i + 1);
    else if (!tc && !isnan(r->threshold))
      st = lab_error_set(err, LAB_ERR_INVALID,
                         "wage chart: box %zu: %s is above a top-coded percentile but is not "
                         "top-coded itself",
                         i + 1, PCT_NAMES[k]);
    if (tc)
      r->threshold = v;
    prev = v;
  }
out:
  return st;
}

/*
 * The top-code arrow and note of a row. When only P90 is top-coded the P75-P90 whisker itself
 * becomes the arrow, ending at the threshold; otherwise a short open-ended arrow starts at the
 * threshold. The note reads e.g. "P90 >= $239,200 (top-coded)" (with a real >= sign).
 */
static void topcode_marks(const struct lab_plot_box *b, struct row *r, double data_max)
{
  char amount[48];
  size_t len = 0;
  bool p75_tc = (b->topcoded & LAB_PLOT_TOPCODED(LAB_PLOT_P75)) != 0;

  r->arrow_from = NAN;
  r->arrow_to = NAN;
  r->note_x = NAN;
  r->note[0] = '\0';
  if (isnan(r->threshold))
    return;
  for (int k = 0; k < LAB_PLOT_NPCT; k++) {
    if (b->topcoded & LAB_PLOT_TOPCODED(k))
      len += (size_t)snprintf(r->note + len, sizeof(r->note) - len, "%s%s", len ? ", " : "",
                              PCT_NAMES[k]);
  }
  lab_num_format_grouped(r->threshold, 0, amount, sizeof(amount));
  snprintf(r->note + len, sizeof(r->note) - len, " \xE2\x89\xA5 $%s (top-coded)", amount);
  if ((b->topcoded & LAB_PLOT_TOPCODED(LAB_PLOT_P90)) && !isnan(r->v[LAB_PLOT_P75]) && !p75_tc) {
    r->arrow_from = r->v[LAB_PLOT_P75];
    r->arrow_to = r->threshold;
  } else {
    r->arrow_from = r->threshold;
    r->arrow_to = r->threshold + round(data_max * 0.06);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Layout                                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* Canvas size, units and fonts; the label width follows from them. */
static lab_status plan_canvas(size_t n, const struct lab_plot_opts *opts, struct layout *lay,
                              struct lab_error *err)
{
  double label_width;
  int height = n > 5 ? 220 + ROW_PX * (int)n : DEFAULT_HEIGHT;
  lab_status st = gp_frame_canvas(&lay->f, opts, DEFAULT_WIDTH, height, "wage chart", err);

  if (st)
    return st;
  /* labels may take about a third of the width: 34 characters on 1000 px at 11 points */
  label_width = lay->f.w / (2.66 * lay->f.font_size);
  lay->label_width = label_width < 26 ? 26 : label_width > 34 ? 34 : (size_t)label_width;
  return LAB_OK;
}

/* Everything else: plot area, title, caption, key and margins. With density the value axis
 * gains 0.1 row on top for the first row's curve, and the key room for a second row. */
static lab_status plan_text(size_t n, size_t label_max, const struct lab_plot_opts *opts,
                            bool density, struct layout *lay)
{
  const struct gp_frame *f = &lay->f;
  lab_status st;

  /* gnuplot sizes the left margin to the tick labels; the right margin is 3 characters */
  lay->plot_left = (double)(label_max + 4) * f->cw;
  lay->plot_w = f->w - lay->plot_left - 3 * f->cw;
  if (lay->plot_w < f->w / 4)
    lay->plot_w = f->w / 4;
  st = gp_frame_text(&lay->f, opts, lay->plot_left, lay->plot_w);
  if (st)
    return st;
  /* bottom up: caption lines, key, axis label, tick labels */
  lay->key_center = f->caption_top + 10.0 + f->lh / 2;
  lay->bottom = lay->key_center + f->lh / 2 + 10.0 + 3.6 * f->lh;
  if (density) { /* the key's sixth entry may take a second row */
    lay->key_center += f->lh / 2;
    lay->bottom += f->lh;
  }
  lay->top = f->title_bottom;
  lay->row_h = (f->h - lay->top - lay->bottom) / ((double)n + (density ? 0.3 : 0.2));
  return LAB_OK;
}

/*
 * Anchor the notes and size the wage axis. Notes go right of the arrow (and of the mean) when
 * they take at most NOTE_SHARE of the plot width and the axis is stretched to make room;
 * otherwise, when rows are tall enough, they go under the arrow, right-aligned to its tip.
 * Returns whether the notes go under.
 */
static bool plan_notes(struct row *rows, const struct lab_plot_box *boxes, size_t n,
                       const struct layout *lay, double vmax, long *xmax, long *step)
{
  double widest = 0;
  double need = vmax * 1.04;
  bool under;

  for (size_t i = 0; i < n; i++) {
    double px = (double)(gp_chars_of(rows[i].note) + 2) * lay->f.cw;

    if (!isnan(rows[i].arrow_to) && px > widest)
      widest = px;
  }
  under = widest > NOTE_SHARE * lay->plot_w && 0.44 * lay->row_h >= lay->f.lh + 4;
  for (size_t i = 0; i < n; i++) {
    struct row *r = &rows[i];
    double px = (double)(gp_chars_of(r->note) + 2) * lay->f.cw;
    double right;

    if (isnan(r->arrow_to))
      continue;
    r->note_x = r->arrow_to;
    if (under)
      continue;
    if (!isnan(boxes[i].mean) && boxes[i].mean > r->note_x)
      r->note_x = boxes[i].mean;
    if (lay->plot_w - px < lay->plot_w / 4)
      right = r->note_x * 4;
    else
      right = r->note_x * lay->plot_w / (lay->plot_w - px);
    if (right > need)
      need = right;
  }
  gp_nice_axis(need, MAX_TICKS, xmax, step);
  return under;
}

/* ---------------------------------------------------------------------------------------- */
/* Script sections                                                                          */
/* ---------------------------------------------------------------------------------------- */

/* One datablock line: row, three label lines, p10..p90, mean, top-code bits, arrow, note. */
static lab_status emit_data_row(struct lab_buf *out, size_t i, const struct lab_plot_box *b,
                                const struct row *r, size_t label_width)
{
  struct lab_buf lines;
  const char *s;
  size_t start = 0;
  char num[64];
  lab_status st;

  lab_buf_init(&lines, SCRATCH_MAX);
  st = gp_fit_label(&lines, b->label, label_width, LABEL_LINES);
  if (!st)
    st = lab_buf_addf(out, "%zu", i + 1);
  s = lab_buf_str(&lines);
  for (int k = 0; k < LABEL_LINES && !st; k++) {
    const char *nl = start < lines.len ? memchr(s + start, '\n', lines.len - start) : NULL;
    size_t end = nl ? (size_t)(nl - s) : lines.len;

    st = lab_buf_add(out, " ", 1);
    if (!st)
      st = lab_plot_datum(out, s + start, end - start);
    start = end < lines.len ? end + 1 : lines.len;
  }
  for (int k = 0; k < LAB_PLOT_NPCT && !st; k++)
    st = lab_buf_addf(out, " %s", gp_data_value(r->v[k], num, sizeof(num)));
  if (!st)
    st = lab_buf_addf(out, " %s %u", gp_data_value(b->mean, num, sizeof(num)), b->topcoded);
  if (!st)
    st = lab_buf_addf(out, " %s", gp_data_value(r->arrow_from, num, sizeof(num)));
  if (!st)
    st = lab_buf_addf(out, " %s", gp_data_value(r->arrow_to, num, sizeof(num)));
  if (!st)
    st = lab_buf_addf(out, " %s ", gp_data_value(r->note_x, num, sizeof(num)));
  if (!st)
    st = lab_plot_datum(out, r->note, strlen(r->note));
  if (!st)
    st = lab_buf_add(out, "\n", 1);
  lab_buf_release(&lines);
  return st;
}

static lab_status emit_texts(struct lab_buf *out, const struct lab_plot_opts *opts,
                             const struct layout *lay)
{
  char y[32];
  lab_status st = gp_emit_title_caption(out, opts, &lay->f);

  if (!st)
    st = lab_buf_addf(out,
                      "set key at screen 0.5, screen %s center center horizontal maxrows 1 "
                      "reverse Left samplen 2 width -1 noautotitle\n",
                      gp_fraction(lay->key_center / lay->f.h, y, sizeof(y)));
  return st;
}

static lab_status emit_axes(struct lab_buf *out, size_t n, const struct layout *lay, long xmax,
                            long step, bool notes_under, bool density)
{
  char top[32];
  char bottom[32];
  char range[32];
  char tics[32];

  return lab_buf_addf(out,
                      "set tmargin at screen %s\n"
                      "set bmargin at screen %s\n"
                      "set rmargin 3\n"
                      "set border 3 lc rgb '#666666'\n"
                      "set xlabel 'Annual wage (US dollars, thousands)' textcolor rgb '%s'\n"
                      "set format x '$%%.0fk'\n"
                      "set xrange [0:%s]\n"
                      "set xtics 0, %s nomirror out textcolor rgb '%s'\n"
                      "set mxtics 5\n"
                      "set yrange [%zu.%d:%s]\n"
                      "set ytics nomirror scale 0 textcolor rgb '%s'\n"
                      "set grid xtics lt 1 lc rgb '#dddddd' lw 1\n",
                      gp_fraction(1.0 - lay->top / lay->f.h, top, sizeof(top)),
                      gp_fraction(lay->bottom / lay->f.h, bottom, sizeof(bottom)), COLOR_TEXT,
                      gp_thousands(xmax, range, sizeof(range)),
                      gp_thousands(step, tics, sizeof(tics)), COLOR_TEXT, n, notes_under ? 9 : 6,
                      density ? "0.3" : "0.4", COLOR_TEXT);
}

static lab_status emit_plot(struct lab_buf *out, bool any_topcoded, bool notes_under, bool density)
{
  lab_status st = lab_buf_addf(
      out,
      "set style arrow 1 nohead lc rgb '%s' lw 1.5\n"
      "set style arrow 2 head filled size screen 0.012,25 lc rgb '%s' lw 2\n"
      "set style arrow 3 nohead lc rgb '%s' lw 3\n"
      "set style fill solid 1.0 border lc rgb '%s'\n"
      "plot \\\n"
      "  $wages using (0):1:ytic(lbl(strcol(2), strcol(3), strcol(4))) with points pt -1, \\\n"
      "  keyentry with boxes fc rgb '%s' title 'P25\xE2\x80\x93P75', \\\n"
      "  keyentry with lines lc rgb '%s' lw 1.5 title 'P10\xE2\x80\x93P90', \\\n"
      "  keyentry with lines lc rgb '%s' lw 3 title 'Median', \\\n"
      "  keyentry with points pt 13 ps 1.6 lc rgb '%s' title 'Mean', \\\n",
      COLOR_WHISKER, COLOR_TOPCODE, COLOR_MEDIAN, COLOR_BOX_EDGE, COLOR_BOX_FILL, COLOR_WHISKER,
      COLOR_MEDIAN, COLOR_MEAN);

  if (!st && density)
    st = lab_buf_addf(out,
                      "  keyentry with boxes fc rgb '%s' fs transparent solid " DENSITY_ALPHA
                      " border lc rgb '%s' title 'Fitted lognormal density', \\\n"
                      "  $density using (k($2)):($1 - h):4 with filledcurves fc rgb '%s'"
                      " fs transparent solid " DENSITY_ALPHA " noborder, \\\n"
                      "  $density using (k($2)):4 with lines lc rgb '%s' lw 1, \\\n",
                      COLOR_DENSITY, COLOR_DENSITY, COLOR_DENSITY, COLOR_DENSITY);
  if (!st && any_topcoded)
    st = lab_buf_adds(out, "  keyentry with vectors arrowstyle 2 title 'Top-coded', \\\n");
  if (!st)
    st = lab_buf_addf(out,
                      "  $wages using (k($5)):1:(k($6 - $5)):(0) with vectors arrowstyle 1, \\\n"
                      "  $wages using (k($8)):1:((int($11) & %u) ? NaN : k($9 - $8)):(0)"
                      " with vectors arrowstyle 1, \\\n"
                      "  $wages using (k($12)):1:(k($13 - $12)):(0) with vectors arrowstyle 2, \\\n"
                      "  $wages using ((k($6) + k($8)) / 2):1:(k($6)):(k($8)):($1 - h):($1 + h)"
                      " with boxxyerror fc rgb '%s', \\\n"
                      "  $wages using (k($7)):($1 - h):(0):(2 * h) with vectors arrowstyle 3, \\\n"
                      "  $wages using (k($10)):1 with points pt 13 ps 1.6 lc rgb '%s'",
                      LAB_PLOT_TOPCODED(LAB_PLOT_P90), COLOR_BOX_FILL, COLOR_MEAN);
  /* the top-code notes; without any, no labels plot: gnuplot 5.4 crashes on a labels plot whose
     only row has no x (a one-box chart without top-codes) */
  if (!st && !any_topcoded)
    st = lab_buf_adds(out, "\n");
  else if (!st)
    st = lab_buf_adds(out, ", \\\n");
  if (!st && !any_topcoded)
    return st;
  if (!st && notes_under)
    st = lab_buf_addf(out,
                      "  $wages using (k($14)):($1 + 0.5):15 with labels right"
                      " textcolor rgb '%s'\n",
                      COLOR_TOPCODE_TEXT);
  else if (!st)
    st = lab_buf_addf(out,
                      "  $wages using (k($14)):1:15 with labels left offset char 1.2, 0"
                      " textcolor rgb '%s'\n",
                      COLOR_TOPCODE_TEXT);
  return st;
}

/* ---------------------------------------------------------------------------------------- */
/* Fitted density                                                                           */
/* ---------------------------------------------------------------------------------------- */

/* Check box i's fit; *has is whether it has one (mu and sigma not NAN). */
static lab_status check_fit(const struct lab_plot_box *b, size_t i, bool *has,
                            struct lab_error *err)
{
  *has = !isnan(b->mu) && !isnan(b->sigma);
  if (*has && !(isfinite(b->mu) && isfinite(b->sigma) && b->sigma > 0))
    return lab_error_set(err, LAB_ERR_INVALID,
                         "wage chart: box %zu: the fit needs a finite mu and a finite sigma > 0, "
                         "or NAN for no fit",
                         i + 1);
  return LAB_OK;
}

/* The lognormal density per dollar at x > 0. */
static double lognormal_pdf(double x, double mu, double sigma)
{
  double z = (log(x) - mu) / sigma;

  return exp(-0.5 * z * z) / (x * sigma * SQRT_2PI);
}

/*
 * The wages sampled for a fit: DENSITY_POINTS whole dollars evenly spaced from the 0.5th
 * percentile (at least $1) to the 99.5th (at most xmax). False when the range is empty.
 */
static bool density_range(const struct lab_plot_box *b, double xmax, double *lo, double *hi)
{
  *lo = round(exp(b->mu - DENSITY_Z * b->sigma));
  *hi = round(exp(b->mu + DENSITY_Z * b->sigma));
  if (*lo < 1)
    *lo = 1;
  if (*hi > xmax)
    *hi = xmax;
  return *hi > *lo;
}

static double density_x(double lo, double hi, int j)
{
  return round(lo + (hi - lo) * (double)j / (DENSITY_POINTS - 1));
}

/* The `$density` datablock: row, wage, pdf, curve top; a blank line between rows. */
static lab_status emit_density(struct lab_buf *out, const struct lab_plot_box *boxes,
                               const bool *has_fit, size_t n, double xmax)
{
  double peak = 0;
  double lo, hi;
  lab_status st = LAB_OK;

  for (size_t i = 0; i < n; i++) {
    if (!has_fit[i] || !density_range(&boxes[i], xmax, &lo, &hi))
      continue;
    for (int j = 0; j < DENSITY_POINTS; j++) {
      double f = lognormal_pdf(density_x(lo, hi, j), boxes[i].mu, boxes[i].sigma);

      if (f > peak)
        peak = f;
    }
  }
  st = lab_buf_adds(out, "$density << EOD\n# row wage pdf top\n");
  for (size_t i = 0; i < n && !st; i++) {
    if (!has_fit[i] || !(peak > 0) || !density_range(&boxes[i], xmax, &lo, &hi))
      continue;
    for (int j = 0; j < DENSITY_POINTS && !st; j++) {
      char xs[64], fs[64], ys[64];
      double x = density_x(lo, hi, j);
      double f = lognormal_pdf(x, boxes[i].mu, boxes[i].sigma);
      double top = (double)(i + 1) - BOX_HALF_ROWS - f / peak * DENSITY_HEIGHT;

      top = round(top * DENSITY_DIGITS) / DENSITY_DIGITS;
      st = lab_buf_addf(out, "%zu %s %s %s\n", i + 1, gp_data_value(x, xs, sizeof(xs)),
                        lab_num_format(f, fs, sizeof(fs)), gp_data_value(top, ys, sizeof(ys)));
    }
    if (!st)
      st = lab_buf_adds(out, "\n");
  }
  if (!st)
    st = lab_buf_adds(out, "EOD\n");
  return st;
}

/* ---------------------------------------------------------------------------------------- */
/* Public                                                                                   */
/* ---------------------------------------------------------------------------------------- */

lab_status lab_plot_wages_script(const struct lab_plot_box *boxes, size_t n,
                                 const struct lab_plot_opts *opts, struct lab_buf *out,
                                 struct lab_error *err)
{
  struct row rows[LAB_PLOT_MAX_BOXES];
  bool has_fit[LAB_PLOT_MAX_BOXES] = {false};
  struct layout lay = {.label_width = 0};
  bool density = false;
  bool any_topcoded = false;
  bool notes_under = false;
  double data_max = 0;
  double vmax = 0;
  size_t label_max = 0;
  long xmax = 0;
  long step = 0;
  lab_status st = LAB_OK;

  if (!out || !boxes || n == 0 || n > LAB_PLOT_MAX_BOXES) {
    st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: want 1..%d boxes and an output buffer",
                       LAB_PLOT_MAX_BOXES);
    goto out;
  }
  st = gp_check_opts(opts, "wage chart", err);
  if (!st)
    st = plan_canvas(n, opts, &lay, err);
  if (st)
    goto out;
  for (size_t i = 0; i < n; i++) {
    st = check_box(&boxes[i], i, &rows[i], err);
    if (!st && opts->density)
      st = check_fit(&boxes[i], i, &has_fit[i], err);
    if (st)
      goto out;
    density = density || has_fit[i];
    for (int k = 0; k < LAB_PLOT_NPCT; k++) {
      if (!isnan(rows[i].v[k]) && rows[i].v[k] > data_max)
        data_max = rows[i].v[k];
    }
    if (!isnan(boxes[i].mean) && boxes[i].mean > data_max)
      data_max = boxes[i].mean;
    st = gp_label_chars(boxes[i].label, lay.label_width, LABEL_LINES, &label_max);
    if (st) {
      st = lab_error_set(err, st, "wage chart: label %zu: %s", i + 1, lab_strerror(st));
      goto out;
    }
  }
  st = plan_text(n, label_max, opts, density, &lay);
  if (st) {
    st = lab_error_set(err, st, "wage chart: title or caption: %s", lab_strerror(st));
    goto out;
  }
  vmax = data_max;
  for (size_t i = 0; i < n; i++) {
    topcode_marks(&boxes[i], &rows[i], data_max);
    if (isnan(rows[i].arrow_to))
      continue;
    any_topcoded = true;
    if (rows[i].arrow_to > vmax)
      vmax = rows[i].arrow_to;
  }
  notes_under = plan_notes(rows, boxes, n, &lay, vmax, &xmax, &step);

  st = lab_buf_adds(out, "# laborstat: annual wage distribution by occupation (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &lay.f);
  if (!st)
    st = lab_buf_adds(out, "$wages << EOD\n"
                           "# row \"label\" \"label (2)\" \"label (3)\" p10 p25 median p75 p90"
                           " mean topcoded arrow_from arrow_to note_x \"note\"\n");
  for (size_t i = 0; i < n && !st; i++)
    st = emit_data_row(out, i, &boxes[i], &rows[i], lay.label_width);
  if (!st)
    st = lab_buf_adds(out, "EOD\n");
  if (!st && density)
    st = emit_density(out, boxes, has_fit, n, (double)xmax);
  if (!st)
    st = lab_buf_adds(out, "k(v) = v / 1000.0\n"
                           "lbl(a, b, c) = a . (b eq '' ? '' : \"\\n\" . b)"
                           " . (c eq '' ? '' : \"\\n\" . c)\n"
                           "h = " BOX_HALF "\n");
  if (!st)
    st = emit_texts(out, opts, &lay);
  if (!st)
    st = emit_axes(out, n, &lay, xmax, step, notes_under, density);
  if (!st)
    st = emit_plot(out, any_topcoded, notes_under, density);
  if (st)
    st = lab_error_set(err, st, "wage chart: cannot build the script: %s", lab_strerror(st));
out:
  return st;
}
