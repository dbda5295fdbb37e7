/*
 * plot_compare.c - areas side by side as a gnuplot script (pure text building).
 *
 * Layout: areas on the vertical axis, sorted from the highest value (top) to the lowest, labels
 * wrapped into at most two lines; dollars in thousands on the horizontal axis from $0. Per
 * area: a bar, a 95% error bar when an interval is given, and the value at the end. The
 * national value is a dashed vertical line. Title, caption, terminal and number formats come
 * from gp_frame.c; every number in the script is written with integer formats or the shortest
 * exact decimal (locale-independent).
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHAT "comparison chart"
#define DEFAULT_WIDTH 1000
#define LABEL_LINES 2   /* lines per area label */
#define MAX_TICKS 8     /* ticks on the value axis, at most */
#define BAR_HALF "0.34" /* half the bar height, in rows */
#define ROW_PX_ONE 22   /* default row height when every label takes one line (at 11 pt) */
#define ROW_PX_TWO 34   /* ... when some label takes two lines */

#define COLOR_BAR GP_COLOR_BLUE
#define COLOR_BAR_NO_CI "#A6CBE3" /* a light tint of the Okabe-Ito blue */
#define COLOR_CI "#000000"
#define COLOR_REF GP_COLOR_VERMILLION

/* What the chart needs beyond a bar: its place and its value text. */
struct row {
  const struct lab_plot_bar *bar;
  char text[64]; /* "$123,450", "≥ $239,200", "$98,100 (no RSE)" */
  double text_x; /* where the text is anchored (dollars) */
  bool lighter;  /* drawn without an interval in a mixed chart */
};

struct layout {
  struct gp_frame f;
  size_t label_width; /* characters per label line */
  double plot_left, plot_w;
  double key_center;
  double top, bottom;
};

static int by_value(const void *a, const void *b)
{
  const struct row *x = a;
  const struct row *y = b;

  if (x->bar->value > y->bar->value)
    return -1;
  if (x->bar->value < y->bar->value)
    return 1;
  return strcmp(x->bar->label, y->bar->label);
}

static lab_status check_data(const struct lab_plot_compare *c, struct lab_error *err)
{
  if (!c || !c->bars || c->n == 0 || c->n > LAB_PLOT_MAX_BARS)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 1..%d bars", LAB_PLOT_MAX_BARS);
  if (!isnan(c->reference) && !(isfinite(c->reference) && c->reference >= 0))
    return lab_error_set(err, LAB_ERR_INVALID,
                         WHAT ": the reference must be finite and >= 0, or NAN");
  for (size_t i = 0; i < c->n; i++) {
    const struct lab_plot_bar *b = &c->bars[i];

    if (!b->label)
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": bar %zu has no label", i + 1);
    if (!isfinite(b->value) || b->value < 0)
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": bar %zu: the value must be finite and >= 0", i + 1);
    if (isnan(b->lo) != isnan(b->hi))
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": bar %zu: give both ends of the interval or neither", i + 1);
    if (!isnan(b->lo) && !(isfinite(b->lo) && isfinite(b->hi) && b->lo >= 0 && b->lo <= b->value &&
                           b->value <= b->hi))
      return lab_error_set(
          err, LAB_ERR_INVALID,
          WHAT ": bar %zu: the interval must be finite with 0 <= lo <= value <= hi", i + 1);
  }
  return LAB_OK;
}

/* Canvas, label width, text and margins; *lines gets the label lines the rows need. */
static lab_status plan(const struct lab_plot_compare *c, const struct lab_plot_opts *opts,
                       struct layout *lay, struct lab_error *err)
{
  struct gp_frame probe;
  size_t label_max = 0;
  size_t lines = 1;
  double label_width;
  int fs = gp_font_size(opts->font);
  int height;
  lab_status st;

  /* the label width first (from the width), to know the rows' heights */
  st = gp_frame_canvas(&probe, opts, DEFAULT_WIDTH, 600, WHAT, err);
  if (st)
    return st;
  label_width = probe.w / (2.9 * probe.font_size);
  lay->label_width = label_width < 18 ? 18 : label_width > 32 ? 32 : (size_t)label_width;
  for (size_t i = 0; i < c->n && !st; i++) {
    size_t n = 0;

    st = gp_label_chars(c->bars[i].label, lay->label_width, LABEL_LINES, &label_max);
    if (!st)
      st = gp_wrapped_lines(c->bars[i].label, lay->label_width, LABEL_LINES, &n);
    if (n > lines)
      lines = n;
  }
  if (st)
    return lab_error_set(err, st, WHAT ": labels: %s", lab_strerror(st));
  height = 200 + (int)c->n * (lines > 1 ? ROW_PX_TWO : ROW_PX_ONE) * fs / GP_DEFAULT_FONT_SIZE;
  if (height < 400)
    height = 400;
  if (height > GP_MAX_SIZE)
    height = GP_MAX_SIZE;
  st = gp_frame_canvas(&lay->f, opts, DEFAULT_WIDTH, height, WHAT, err);
  if (st)
    return st;
  lay->plot_left = (double)(label_max + 4) * lay->f.cw;
  lay->plot_w = lay->f.w - lay->plot_left - 3 * lay->f.cw;
  if (lay->plot_w < lay->f.w / 4)
    lay->plot_w = lay->f.w / 4;
  st = gp_frame_text(&lay->f, opts, lay->plot_left, lay->plot_w);
  if (st)
    return lab_error_set(err, st, WHAT ": title or caption: %s", lab_strerror(st));
  lay->key_center = lay->f.caption_top + 10.0 + lay->f.lh / 2;
  lay->bottom = lay->key_center + lay->f.lh / 2 + 10.0 + 3.6 * lay->f.lh;
  lay->top = lay->f.title_bottom;
  return LAB_OK;
}

/* Value texts and the axis: the texts right of the bars (and error bars) must fit. */
static void plan_values(struct row *rows, size_t n, const struct lab_plot_compare *c,
                        const struct layout *lay, long *xmax, long *step)
{
  bool any_ci = false, any_plain = false;
  double need = 0;

  for (size_t i = 0; i < n; i++) {
    if (isnan(rows[i].bar->lo))
      any_plain = true;
    else
      any_ci = true;
  }
  if (!isnan(c->reference))
    need = c->reference * 1.04;
  for (size_t i = 0; i < n; i++) {
    const struct lab_plot_bar *b = rows[i].bar;
    char amount[48];
    double px, right;

    rows[i].lighter = any_ci && any_plain && isnan(b->lo);
    lab_num_format_grouped(b->value, 0, amount, sizeof(amount));
    snprintf(rows[i].text, sizeof(rows[i].text), "%s$%s%s", b->topcoded ? "\xE2\x89\xA5 " : "",
             amount, rows[i].lighter ? " (no RSE)" : "");
    rows[i].text_x = isnan(b->hi) ? b->value : b->hi;
    px = (double)(gp_chars_of(rows[i].text) + 2) * lay->f.cw;
    if (lay->plot_w - px < lay->plot_w / 4)
      right = rows[i].text_x * 4;
    else
      right = rows[i].text_x * lay->plot_w / (lay->plot_w - px);
    if (right > need)
      need = right;
  }
  gp_nice_axis(need, MAX_TICKS, xmax, step);
}

static lab_status emit_data(struct lab_buf *out, const struct row *rows, size_t n,
                            size_t label_width)
{
  struct lab_buf lines;
  char num[64];
  lab_status st = lab_buf_adds(out, "$bars << EOD\n"
                                    "# row \"label\" \"label (2)\" value lo hi plain lighter"
                                    " text_x \"text\"\n");

  lab_buf_init(&lines, GP_SCRATCH_MAX);
  for (size_t i = 0; i < n && !st; i++) {
    const struct lab_plot_bar *b = rows[i].bar;
    const char *s;
    size_t start = 0;

    lab_buf_reset(&lines);
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
    if (!st)
      st = lab_buf_addf(out, " %s", gp_data_value(b->value, num, sizeof(num)));
    if (!st)
      st = lab_buf_addf(out, " %s", gp_data_value(b->lo, num, sizeof(num)));
    if (!st)
      st = lab_buf_addf(out, " %s %d %d", gp_data_value(b->hi, num, sizeof(num)),
                        isnan(b->lo) ? 1 : 0, rows[i].lighter ? 1 : 0);
    if (!st)
      st = lab_buf_addf(out, " %s ", gp_data_value(rows[i].text_x, num, sizeof(num)));
    if (!st)
      st = lab_plot_datum(out, rows[i].text, strlen(rows[i].text));
    if (!st)
      st = lab_buf_add(out, "\n", 1);
  }
  if (!st)
    st = lab_buf_adds(out, "EOD\n"
                           "k(v) = v / 1000.0\n"
                           "lbl(a, b) = a . (b eq '' ? '' : \"\\n\" . b)\n"
                           "h = " BAR_HALF "\n");
  lab_buf_release(&lines);
  return st;
}

static lab_status emit_frame(struct lab_buf *out, const struct lab_plot_compare *c,
                             const struct lab_plot_opts *opts, const struct layout *lay, size_t n,
                             long xmax, long step)
{
  char y[32], top[32], bottom[32], range[32], tics[32], ref[64];
  lab_status st = gp_emit_title_caption(out, opts, &lay->f);

  if (!st)
    st = lab_buf_addf(out,
                      "set key at screen 0.5, screen %s center center horizontal maxrows 1 "
                      "reverse Left samplen 2 width 1 noautotitle\n",
                      gp_fraction(lay->key_center / lay->f.h, y, sizeof(y)));
  if (!st)
    st = lab_buf_addf(out,
                      "set tmargin at screen %s\n"
                      "set bmargin at screen %s\n"
                      "set rmargin 3\n"
                      "set border 3 lc rgb '" GP_COLOR_BORDER "'\n"
                      "set xlabel ",
                      gp_fraction(1.0 - lay->top / lay->f.h, top, sizeof(top)),
                      gp_fraction(lay->bottom / lay->f.h, bottom, sizeof(bottom)));
  if (!st)
    st = lab_plot_quote(out, c->axis_label ? c->axis_label : "Annual wage (US dollars, thousands)");
  if (!st)
    st = lab_buf_addf(out,
                      " textcolor rgb '" GP_COLOR_TEXT "'\n"
                      "set format x '$%%.0fk'\n"
                      "set xrange [0:%s]\n"
                      "set xtics 0, %s nomirror out textcolor rgb '" GP_COLOR_TEXT "'\n"
                      "set mxtics 5\n"
                      "set yrange [%zu.6:0.4]\n"
                      "set ytics nomirror scale 0 textcolor rgb '" GP_COLOR_TEXT "'\n"
                      "set grid xtics lt 1 lc rgb '" GP_COLOR_GRID "' lw 1\n",
                      gp_thousands(xmax, range, sizeof(range)),
                      gp_thousands(step, tics, sizeof(tics)), n);
  if (!st && !isnan(c->reference))
    st = lab_buf_addf(out, "$ref << EOD\n%s\nEOD\n",
                      lab_num_format(c->reference / 1000.0, ref, sizeof(ref)));
  return st;
}

static lab_status emit_plot(struct lab_buf *out, const struct lab_plot_compare *c, size_t n,
                            bool any_ci, bool any_lighter)
{
  lab_status st = lab_buf_adds(out, "set style fill solid 1.0 noborder\n"
                                    "set style textbox opaque noborder margins 1, 1\n"
                                    "plot \\\n"
                                    "  $bars using (0):1:ytic(lbl(strcol(2), strcol(3)))"
                                    " with points pt -1, \\\n"
                                    "  keyentry with boxes fc rgb '" COLOR_BAR "' title ");

  if (!st)
    st = lab_plot_quote(out, c->bar_label ? c->bar_label : "Value");
  if (!st)
    st = lab_buf_adds(out, ", \\\n");
  if (!st && any_ci)
    st = lab_buf_adds(out, "  keyentry with xerrorbars pt -1 lc rgb '" COLOR_CI "'"
                           " title '95% confidence interval', \\\n");
  if (!st && any_lighter)
    st = lab_buf_adds(out, "  keyentry with boxes fc rgb '" COLOR_BAR_NO_CI "'"
                           " title 'No RSE published: no interval', \\\n");
  if (!st && !isnan(c->reference)) {
    st = lab_buf_adds(out, "  keyentry with lines lc rgb '" COLOR_REF "' lw 2 dt (8, 5) title ");
    if (!st)
      st = lab_plot_quote(out, c->reference_label ? c->reference_label : "U.S.");
    if (!st)
      st = lab_buf_adds(out, ", \\\n");
  }
  if (!st)
    st =
        lab_buf_adds(out, "  $bars using (k($4) / 2):1:(0):($8 > 0 ? NaN : k($4)):($1 - h):($1 + h)"
                          " with boxxyerror fc rgb '" COLOR_BAR "', \\\n"
                          "  $bars using (k($4) / 2):1:(0):($8 > 0 ? k($4) : NaN):($1 - h):($1 + h)"
                          " with boxxyerror fc rgb '" COLOR_BAR_NO_CI "', \\\n");
  if (!st && !isnan(c->reference))
    st = lab_buf_addf(out,
                      "  $ref using 1:(0.4):(0):(%zu.2) with vectors nohead lc rgb '" COLOR_REF
                      "' lw 2 dt (8, 5), \\\n",
                      n);
  if (!st)
    st = lab_buf_adds(out, "  $bars using (k($4)):1:(k($5)):(k($6)) with xerrorbars pt -1"
                           " lc rgb '" COLOR_CI "' lw 1.2, \\\n"
                           "  $bars using (k($9)):1:10 with labels left offset char 0.6, 0 boxed"
                           " textcolor rgb '" GP_COLOR_TEXT "'\n");
  return st;
}

lab_status lab_plot_compare_script(const struct lab_plot_compare *c,
                                   const struct lab_plot_opts *opts, struct lab_buf *out,
                                   struct lab_error *err)
{
  struct row *rows = NULL;
  struct layout lay = {.label_width = 0};
  bool any_ci = false, any_lighter = false;
  long xmax = 0, step = 0;
  lab_status st;

  if (!out) {
    st = lab_error_set(err, LAB_ERR_INVALID, WHAT ": no output buffer");
    goto out;
  }
  st = check_data(c, err);
  if (!st)
    st = gp_check_opts(opts, WHAT, err);
  if (!st)
    st = plan(c, opts, &lay, err);
  if (st)
    goto out;
  rows = calloc(c->n, sizeof(*rows));
  if (!rows) {
    st = lab_error_set(err, LAB_ERR_NOMEM, WHAT ": out of memory");
    goto out;
  }
  for (size_t i = 0; i < c->n; i++)
    rows[i].bar = &c->bars[i];
  qsort(rows, c->n, sizeof(*rows), by_value);
  plan_values(rows, c->n, c, &lay, &xmax, &step);
  for (size_t i = 0; i < c->n; i++) {
    any_ci = any_ci || !isnan(rows[i].bar->lo);
    any_lighter = any_lighter || rows[i].lighter;
  }
  st = lab_buf_adds(out, "# laborstat: areas compared (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &lay.f);
  if (!st)
    st = emit_data(out, rows, c->n, lay.label_width);
  if (!st)
    st = emit_frame(out, c, opts, &lay, c->n, xmax, step);
  if (!st)
    st = emit_plot(out, c, c->n, any_ci, any_lighter);
  if (st)
    st = lab_error_set(err, st, WHAT ": cannot build the script: %s", lab_strerror(st));
out:
  free(rows);
  return st;
}
