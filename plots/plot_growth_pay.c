/*
 * plot_growth_pay.c - the growth-vs-pay bubble chart as a gnuplot script (pure text building):
 * projected employment change (x, percent) against the median annual wage (y, thousands of
 * dollars), bubble area proportional to base employment, every bubble labelled, the "all
 * occupations" reference as dashed lines.
 *
 * Labels: placed top to bottom in the order of their bubbles' heights (see place_labels());
 * label boxes are estimated from the font size and bubble radii from the point size; a label
 * moved off its bubble's height gets a thin leader line to its bubble.
 * The scheme is deterministic: the same input gives the same bytes.
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHAT "growth-pay chart"
#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 680
#define PS_MAX 7.0   /* point size of the largest bubble */
#define PS_MIN 0.8   /* smallest point size drawn (area no longer proportional below it) */
#define PS_PX 3.3    /* pixels of radius per unit of point size (pngcairo, measured) */
#define MAX_NUDGES 8 /* lines a label may move down to clear another */
#define LABEL_CHARS 40

#define COLOR_BUBBLE GP_COLOR_BLUE
#define COLOR_BUBBLE_FILL "#309ACBEA" /* the sky-blue tint, partly transparent (ARGB) */
#define COLOR_REF GP_COLOR_VERMILLION
#define COLOR_LEADER "#999999"

/* Where a label goes, in pixels from the plot's left and bottom edges. */
struct place {
  double bx, by; /* bubble centre */
  double r;      /* bubble radius */
  double lx, ly; /* label anchor (left end, or right end when `right` is set) */
  double lw;     /* label width */
  bool right;    /* anchored at its right end (label left of the bubble) */
  bool moved;
};

static lab_status check_input(const struct lab_plot_growth_pay *g, struct lab_error *err)
{
  if (!g || !g->bubbles || g->n == 0 || g->n > LAB_PLOT_MAX_POINTS)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 1..%d bubbles", LAB_PLOT_MAX_POINTS);
  for (size_t i = 0; i < g->n; i++) {
    const struct lab_plot_bubble *b = &g->bubbles[i];
    if (!b->label || !isfinite(b->growth_pct) || !isfinite(b->wage) || !(b->wage > 0) ||
        !isfinite(b->emp) || !(b->emp > 0))
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": bubble %zu: needs a label, a finite growth and a wage and "
                                "employment > 0",
                           i + 1);
  }
  if ((!isnan(g->ref_growth_pct) && !isfinite(g->ref_growth_pct)) ||
      (!isnan(g->ref_wage) && !(isfinite(g->ref_wage) && g->ref_wage > 0)))
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": bad reference values");
  return LAB_OK;
}

/* Whole percent as an axis value ("-10", "25"). */
static long floor_to(double v, long step)
{
  return (long)floor(v / (double)step) * step;
}
static long ceil_to(double v, long step)
{
  return (long)ceil(v / (double)step) * step;
}

/* Sort key: bubbles from the top of the chart down (higher wage first, then input order). */
static int by_height(const void *a, const void *b, const struct place *pl)
{
  size_t i = *(const size_t *)a, j = *(const size_t *)b;

  if (pl[i].by != pl[j].by)
    return pl[i].by > pl[j].by ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* Insertion sort of idx[0..n) with by_height (n is small; qsort has no context argument). */
static void sort_places(size_t *idx, size_t n, const struct place *pl)
{
  for (size_t i = 1; i < n; i++) {
    size_t v = idx[i], k = i;
    while (k > 0 && by_height(&idx[k - 1], &v, pl) > 0) {
      idx[k] = idx[k - 1];
      k--;
    }
    idx[k] = v;
  }
}

/* The label box of p: [x0, x1] x [y0, y1] in pixels. */
static void label_box(const struct place *p, double lh, double box[4])
{
  box[0] = p->right ? p->lx - p->lw : p->lx;
  box[1] = p->right ? p->lx : p->lx + p->lw;
  box[2] = p->ly - lh / 2;
  box[3] = p->ly + lh / 2;
}

/* Does p's label clash with a label placed before it, or with any other bubble, or leave the
 * plot? */
static bool clashes(const struct place *pl, const size_t *idx, size_t k, size_t n, double plot_w,
                    double plot_h, double lh)
{
  const struct place *p = &pl[idx[k]];
  double a[4], b[4];

  label_box(p, lh, a);
  if (a[0] < 0 || a[1] > plot_w || a[2] < 0 || a[3] > plot_h)
    return true;
  for (size_t j = 0; j < k; j++) {
    label_box(&pl[idx[j]], lh, b);
    if (a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3])
      return true;
  }
  for (size_t j = 0; j < n; j++) {
    const struct place *q = &pl[j];
    double cx = q->bx < a[0] ? a[0] : q->bx > a[1] ? a[1] : q->bx;
    double cy = q->by < a[2] ? a[2] : q->by > a[3] ? a[3] : q->by;
    if (q != p && (cx - q->bx) * (cx - q->bx) + (cy - q->by) * (cy - q->by) < q->r * q->r)
      return true;
  }
  return false;
}

/* Put p's label on one side of its bubble, `lines` lines below (negative: above) its centre. */
static void put(struct place *p, bool right, int lines, double lh)
{
  double gap = p->r + 4;

  p->right = right;
  p->lx = right ? p->bx - gap : p->bx + gap;
  p->ly = p->by - lines * lh;
}

/*
 * Plan the labels: pl[] holds bubble positions; fills label anchors and the moved flags. Each
 * label tries its preferred side (right of the bubble, left in the right third), then the other,
 * at its bubble's height, then 1 line down, 1 up, 2 down, ... up to MAX_NUDGES lines; the first
 * place that clashes with nothing wins (else the preferred side at the bubble's height).
 */
static void place_labels(struct place *pl, size_t *idx, size_t n, double plot_w, double plot_h,
                         double lh)
{
  for (size_t i = 0; i < n; i++)
    idx[i] = i;
  sort_places(idx, n, pl);
  for (size_t k = 0; k < n; k++) {
    struct place *p = &pl[idx[k]];
    bool pref = p->bx > plot_w * 0.66;
    bool found = false;
    for (int step = 0; step <= 2 * MAX_NUDGES && !found; step++) {
      int lines = step % 2 ? (step + 1) / 2 : -(step / 2);
      for (int side = 0; side < 2 && !found; side++) {
        put(p, side ? !pref : pref, lines, lh);
        found = !clashes(pl, idx, k, n, plot_w, plot_h, lh);
      }
    }
    if (!found)
      put(p, pref, 0, lh);
    p->moved = fabs(p->ly - p->by) > lh / 2;
  }
}

lab_status lab_plot_growth_pay_script(const struct lab_plot_growth_pay *g,
                                      const struct lab_plot_opts *opts, struct lab_buf *out,
                                      struct lab_error *err)
{
  struct gp_frame f = {0};
  struct place pl[LAB_PLOT_MAX_POINTS];
  size_t idx[LAB_PLOT_MAX_POINTS];
  char a[64], b[64], c[64], top[32], bottom[32];
  double xmin, xmax, ymax = 0, emax = 0, left, plot_w, plot_h, top_px, bottom_px, lh;
  long x0, x1, xstep, ytop = 0, ystep = 0;
  lab_status st;

  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": no output buffer");
  st = check_input(g, err);
  if (!st)
    st = gp_check_opts(opts, WHAT, err);
  if (!st)
    st = gp_frame_canvas(&f, opts, DEFAULT_WIDTH, DEFAULT_HEIGHT, WHAT, err);
  if (st)
    return st;
  left = 9 * f.cw;
  plot_w = f.w - left - 3 * f.cw;
  st = gp_frame_text(&f, opts, left, plot_w);
  if (st)
    return lab_error_set(err, st, WHAT ": title or caption: %s", lab_strerror(st));
  top_px = f.title_bottom;
  bottom_px = f.caption_top + 4.0 * f.lh;
  plot_h = f.h - top_px - bottom_px;
  if (plot_h < 6 * f.lh)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": the canvas is too small for the text");
  xmin = isnan(g->ref_growth_pct) ? 0 : g->ref_growth_pct;
  xmax = xmin;
  if (xmin > 0)
    xmin = 0;
  for (size_t i = 0; i < g->n; i++) {
    const struct lab_plot_bubble *bb = &g->bubbles[i];
    xmin = bb->growth_pct < xmin ? bb->growth_pct : xmin;
    xmax = bb->growth_pct > xmax ? bb->growth_pct : xmax;
    ymax = bb->wage > ymax ? bb->wage : ymax;
    emax = bb->emp > emax ? bb->emp : emax;
  }
  if (!isnan(g->ref_wage) && g->ref_wage > ymax)
    ymax = g->ref_wage;
  xstep = xmax - xmin > 60 ? 20 : xmax - xmin > 25 ? 10 : 5;
  x0 = floor_to(xmin - 0.08 * (xmax - xmin) - 1, xstep);
  x1 = ceil_to(xmax + 0.08 * (xmax - xmin) + 1, xstep);
  gp_nice_axis(ymax * 1.12, 8, &ytop, &ystep);

  lh = GP_LINE_H * (f.caption_size + 1);
  for (size_t i = 0; i < g->n; i++) {
    const struct lab_plot_bubble *bb = &g->bubbles[i];
    double ps = PS_MAX * sqrt(bb->emp / emax);
    pl[i].bx = (bb->growth_pct - (double)x0) / (double)(x1 - x0) * plot_w;
    pl[i].by = bb->wage / (double)ytop * plot_h;
    pl[i].r = (ps < PS_MIN ? PS_MIN : ps) * PS_PX;
    pl[i].lw =
        (double)(gp_chars_of(bb->label) < LABEL_CHARS ? gp_chars_of(bb->label) : LABEL_CHARS) *
        GP_CHAR_W * (f.caption_size + 1);
  }
  place_labels(pl, idx, g->n, plot_w, plot_h, lh);

  st = lab_buf_adds(out, "# laborstat: projected growth against median wage (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &f);
  if (!st)
    st = lab_buf_adds(out, "$bubbles << EOD\n# growth_pct wage_thousands emp point_size\n");
  for (size_t i = 0; i < g->n && !st; i++) {
    const struct lab_plot_bubble *bb = &g->bubbles[i];
    double ps = PS_MAX * sqrt(bb->emp / emax);
    st = lab_buf_addf(out, "%s %s %s %s\n", gp_data_value(round(bb->growth_pct * 10) / 10, a, 64),
                      gp_data_value(round(bb->wage) / 1000.0, b, sizeof(b)),
                      gp_data_value(round(bb->emp), c, sizeof(c)),
                      gp_data_value(round((ps < PS_MIN ? PS_MIN : ps) * 100) / 100, top, 32));
  }
  if (!st)
    st = lab_buf_adds(out, "EOD\n");
  if (!st)
    st = gp_emit_title_caption(out, opts, &f);
  if (!st)
    st = lab_buf_addf(out,
                      "set tmargin at screen %s\nset bmargin at screen %s\n"
                      "set lmargin at screen %s\nset rmargin at screen %s\n"
                      "set border 3 lc rgb '%s'\nset xlabel ",
                      gp_fraction(1.0 - top_px / f.h, top, sizeof(top)),
                      gp_fraction(bottom_px / f.h, bottom, sizeof(bottom)),
                      gp_fraction(left / f.w, a, sizeof(a)),
                      gp_fraction((left + plot_w) / f.w, b, sizeof(b)), GP_COLOR_BORDER);
  if (!st)
    st = lab_plot_quote(out, g->xlabel ? g->xlabel : "Projected employment change (%)");
  if (!st)
    st = lab_buf_addf(out,
                      " textcolor rgb '%s'\n"
                      "set ylabel 'Median annual wage (US dollars, thousands)' textcolor rgb '%s'\n"
                      "set xrange [%ld:%ld]\nset xtics %ld nomirror out textcolor rgb '%s'\n"
                      "set format x '%%+.0f%%%%'\n"
                      "set yrange [0:%s]\nset ytics 0, %s nomirror out textcolor rgb '%s'\n"
                      "set format y '$%%.0fk'\n"
                      "set grid xtics ytics lt 1 lc rgb '%s' lw 1\n"
                      "set key bottom right Left reverse samplen 1 font ',%d' textcolor rgb '%s' "
                      "noautotitle\n",
                      GP_COLOR_TEXT, GP_COLOR_TEXT, x0, x1, xstep, GP_COLOR_TEXT,
                      gp_thousands(ytop, a, sizeof(a)), gp_thousands(ystep, b, sizeof(b)),
                      GP_COLOR_TEXT, GP_COLOR_GRID, f.caption_size, GP_COLOR_TEXT);
  if (!st && !isnan(g->ref_growth_pct))
    st = lab_buf_addf(out,
                      "set arrow 1 from %s, graph 0 to %s, graph 1 nohead dt 2 lw 1.5 "
                      "lc rgb '%s' back\n",
                      gp_data_value(g->ref_growth_pct, a, sizeof(a)),
                      gp_data_value(g->ref_growth_pct, b, sizeof(b)), COLOR_REF);
  if (!st && !isnan(g->ref_growth_pct)) {
    long t = lround(g->ref_growth_pct * 10);
    st = lab_buf_addf(out,
                      "set label 1000 'All occupations %s%ld.%ld%%' at %s, graph 0.99 left "
                      "offset char 0.5, 0 font ',%d' textcolor rgb '%s'\n",
                      t < 0 ? "-" : "+", labs(t) / 10, labs(t) % 10,
                      gp_data_value(g->ref_growth_pct, a, sizeof(a)), f.caption_size, COLOR_REF);
  }
  if (!st && !isnan(g->ref_wage)) {
    char money[64];
    lab_num_format_grouped(round(g->ref_wage), 0, money, sizeof(money));
    st = lab_buf_addf(out,
                      "set label 1001 'All occupations $%s' at graph 0.99, first %s right "
                      "offset 0, char 0.7 font ',%d' textcolor rgb '%s'\n",
                      money, gp_data_value(round(g->ref_wage) / 1000.0, a, sizeof(a)),
                      f.caption_size, COLOR_REF);
  }
  if (!st && !isnan(g->ref_wage))
    st = lab_buf_addf(out,
                      "set arrow 2 from graph 0, first %s to graph 1, first %s nohead dt 2 lw 1.5 "
                      "lc rgb '%s' back\n",
                      gp_data_value(round(g->ref_wage) / 1000.0, a, sizeof(a)),
                      gp_data_value(round(g->ref_wage) / 1000.0, b, sizeof(b)), COLOR_REF);
  for (size_t i = 0; i < g->n && !st; i++) {
    const struct place *p = &pl[i];
    double lx = (double)x0 + p->lx / plot_w * (double)(x1 - x0);
    double ly = p->ly / plot_h * (double)ytop / 1000.0;
    struct lab_buf lbl;
    lab_buf_init(&lbl, GP_SCRATCH_MAX);
    st = gp_fit_label(&lbl, g->bubbles[i].label, LABEL_CHARS, 1);
    if (!st)
      st = lab_buf_addf(out, "set label %zu ", i + 2);
    if (!st)
      st = lab_plot_quote(out, lab_buf_str(&lbl));
    lab_buf_release(&lbl);
    if (!st)
      st = lab_buf_addf(out, " at %s, %s %s font ',%d' textcolor rgb '%s' front\n",
                        gp_data_value(round(lx * 100) / 100, a, sizeof(a)),
                        gp_data_value(round(ly * 100) / 100, b, sizeof(b)),
                        p->right ? "right" : "left", f.caption_size + 1, GP_COLOR_TEXT);
    if (!st && p->moved)
      st = lab_buf_addf(
          out, "set arrow %zu from %s, %s to %s, %s nohead lw 0.8 lc rgb '%s' front\n", i + 3,
          gp_data_value(round(g->bubbles[i].growth_pct * 10) / 10, a, sizeof(a)),
          gp_data_value(round(g->bubbles[i].wage) / 1000.0, b, sizeof(b)),
          gp_data_value(round(lx * 100) / 100, c, sizeof(c)),
          gp_data_value(round(ly * 100) / 100, top, sizeof(top)), COLOR_LEADER);
  }
  if (!st)
    st = lab_buf_addf(out,
                      "plot \\\n"
                      "  $bubbles using 1:2:4 with points pt 7 ps variable lc rgb '%s' "
                      "title 'Occupation or role (area: base employment)', \\\n"
                      "  $bubbles using 1:2:4 with points pt 6 ps variable lc rgb '%s' "
                      "notitle",
                      COLOR_BUBBLE_FILL, COLOR_BUBBLE);
  if (!st && !(isnan(g->ref_growth_pct) && isnan(g->ref_wage)))
    st = lab_buf_addf(out,
                      ", \\\n  keyentry with lines dt 2 lw 1.5 lc rgb '%s' "
                      "title 'All occupations'",
                      COLOR_REF);
  if (!st)
    st = lab_buf_adds(out, "\n");
  if (st)
    st = lab_error_set(err, st, WHAT ": cannot build the script: %s", lab_strerror(st));
  return st;
}
