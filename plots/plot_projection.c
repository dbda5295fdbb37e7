/*
 * plot_projection.c - the projection chart as a gnuplot script (pure text building): two
 * panels sharing the rows (occupations or roles, top to bottom in the order given). Left: a
 * pair of horizontal bars per row, base-year employment (light) over projected employment
 * (dark), the error band as a bar with end ticks across the projected one, and the percent
 * change written past it. Right: annual average openings as a lollipop.
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHAT "projection chart"
#define DEFAULT_WIDTH 1000
#define ROW_PX 64          /* default height per row */
#define BASE_PX 230        /* default height besides the rows */
#define LABEL_LINES 2      /* lines per row label */
#define LABEL_MAX_CHARS 30 /* characters per label line, at most */
#define SPLIT 0.72         /* the left panel ends at this share of the plot width */
#define BAR_HALF "0.17"    /* half a bar's height, in rows */
#define BAR_SHIFT "0.19"   /* the bars' offset from the row's centre, in rows */

#define COLOR_BASE GP_COLOR_SKY_TINT
#define COLOR_PROJ GP_COLOR_BLUE
#define COLOR_BAND "#222222"
#define COLOR_OPEN GP_COLOR_VERMILLION

static bool nonneg(double v)
{
  return isfinite(v) && v >= 0;
}

static lab_status check_input(const struct lab_plot_projection *p, struct lab_error *err)
{
  if (!p || !p->rows || p->n == 0 || p->n > LAB_PLOT_MAX_POINTS)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 1..%d rows", LAB_PLOT_MAX_POINTS);
  if (p->base_year < 1990 || p->proj_year <= p->base_year || p->proj_year > 2100)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": bad base or projection year");
  for (size_t i = 0; i < p->n; i++) {
    const struct lab_plot_proj_row *r = &p->rows[i];
    if (!r->label || !nonneg(r->emp_base) || !(r->emp_base > 0) || !nonneg(r->emp_proj) ||
        !nonneg(r->band_lo) || !isfinite(r->band_hi) || r->band_lo > r->emp_proj ||
        r->emp_proj > r->band_hi || (!isnan(r->openings) && !nonneg(r->openings)))
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": row %zu: needs a label, employment > 0 and a band around the "
                                "projection",
                           i + 1);
  }
  return LAB_OK;
}

/* Percent change as "+28.5%" with integer arithmetic (no locale): the published one, else
 * computed. */
static void pct_text(const struct lab_plot_proj_row *r, char *buf, size_t size)
{
  double pct =
      isfinite(r->pct_change) ? r->pct_change : (r->emp_proj - r->emp_base) / r->emp_base * 100.0;
  long t = lround(pct * 10.0);

  snprintf(buf, size, "%s%ld.%ld%%", t < 0 ? "-" : "+", labs(t) / 10, labs(t) % 10);
}

static lab_status emit_row(struct lab_buf *out, size_t i, const struct lab_plot_proj_row *r,
                           size_t width)
{
  struct lab_buf lines;
  char a[64], b[64], c[64], d[64], e[64], pct[32];
  const char *s, *nl;
  lab_status st;

  lab_buf_init(&lines, GP_SCRATCH_MAX);
  st = gp_fit_label(&lines, r->label, width, LABEL_LINES);
  s = lab_buf_str(&lines);
  nl = strchr(s, '\n');
  if (!st)
    st = lab_buf_addf(out, "%zu ", i + 1);
  if (!st)
    st = lab_plot_datum(out, s, nl ? (size_t)(nl - s) : strlen(s));
  if (!st)
    st = lab_buf_adds(out, " ");
  if (!st)
    st = lab_plot_datum(out, nl ? nl + 1 : "", nl ? strlen(nl + 1) : 0);
  pct_text(r, pct, sizeof(pct));
  if (!st)
    st = lab_buf_addf(
        out, " %s %s %s %s %s \"%s\"\n",
        gp_data_value(round(r->emp_base / 100.0) / 10.0, a, sizeof(a)),
        gp_data_value(round(r->emp_proj / 100.0) / 10.0, b, sizeof(b)),
        gp_data_value(round(r->band_lo / 100.0) / 10.0, c, sizeof(c)),
        gp_data_value(round(r->band_hi / 100.0) / 10.0, d, sizeof(d)),
        gp_data_value(isnan(r->openings) ? NAN : round(r->openings / 100.0) / 10.0, e, sizeof(e)),
        pct);
  lab_buf_release(&lines);
  return st;
}

lab_status lab_plot_projection_script(const struct lab_plot_projection *p,
                                      const struct lab_plot_opts *opts, struct lab_buf *out,
                                      struct lab_error *err)
{
  struct gp_frame f = {0};
  struct lab_plot_opts o2;
  char a[32], b[32], c[32], d[32], e[32], g[32], h[32];
  size_t width, label_max = 0;
  double emax = 0, omax = 0, left, right, split_l, split_r, top_px, bottom_px;
  long xtop = 0, xstep = 0, otop = 0, ostep = 0;
  int height;
  lab_status st;

  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": no output buffer");
  st = check_input(p, err);
  if (!st)
    st = gp_check_opts(opts, WHAT, err);
  if (st)
    return st;
  height = BASE_PX + ROW_PX * (int)p->n;
  if (height < 420)
    height = 420;
  o2 = *opts;
  st = gp_frame_canvas(&f, &o2, DEFAULT_WIDTH, height > GP_MAX_SIZE ? GP_MAX_SIZE : height, WHAT,
                       err);
  if (st)
    return st;
  width = (size_t)(f.w * 0.26 / f.cw);
  if (width > LABEL_MAX_CHARS)
    width = LABEL_MAX_CHARS;
  if (width < 8)
    width = 8;
  for (size_t i = 0; i < p->n; i++) {
    st = gp_label_chars(p->rows[i].label, width, LABEL_LINES, &label_max);
    if (st)
      return lab_error_set(err, st, WHAT ": label %zu: %s", i + 1, lab_strerror(st));
    if (p->rows[i].band_hi > emax)
      emax = p->rows[i].band_hi;
    if (!isnan(p->rows[i].openings) && p->rows[i].openings > omax)
      omax = p->rows[i].openings;
  }
  left = (double)label_max * f.cw + 2 * f.cw;
  right = f.w - 3 * f.cw;
  split_l = left + (right - left) * SPLIT;
  split_r = split_l + 4 * f.cw;
  st = gp_frame_text(&f, opts, left, right - left);
  if (st)
    return lab_error_set(err, st, WHAT ": title or caption: %s", lab_strerror(st));
  top_px = f.title_bottom;
  bottom_px = f.caption_top + 2.0 * f.lh + 3.0 * f.lh;
  if (f.h - top_px - bottom_px < (double)p->n * 1.2 * f.lh)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": the canvas is too small for %zu rows", p->n);
  gp_nice_axis(emax * 1.18, 6, &xtop, &xstep); /* room for the percent change */
  gp_nice_axis(omax > 0 ? omax * 1.1 : 1000, 3, &otop, &ostep);

  st = lab_buf_adds(out, "# laborstat: employment projections (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &f);
  if (!st)
    st = lab_buf_adds(out, "$proj << EOD\n# row \"label\" \"label (2)\" base_k proj_k band_lo_k "
                           "band_hi_k openings_k \"change\"\n");
  for (size_t i = 0; i < p->n && !st; i++)
    st = emit_row(out, i, &p->rows[i], width);
  if (!st)
    st = lab_buf_addf(out, "EOD\nlbl(a, b) = a . (b eq '' ? '' : \"\\n\" . b)\nh = " BAR_HALF
                           "\nd = " BAR_SHIFT "\n");
  if (!st)
    st = gp_emit_title_caption(out, opts, &f);
  if (!st)
    st = lab_buf_addf(
        out,
        "set key at screen 0.5, screen %s center center horizontal maxrows 1 reverse Left "
        "samplen 1.5 width -2 font ',%d' noautotitle textcolor rgb '%s'\n"
        "set style arrow 1 heads size screen 0.005,90 lc rgb '%s' lw 1.5\n"
        "set style arrow 2 nohead lc rgb '%s' lw 2\n"
        "set style fill solid 1.0 noborder\n"
        "set multiplot\n"
        "set tmargin at screen %s\nset bmargin at screen %s\n"
        "set lmargin at screen %s\nset rmargin at screen %s\n"
        "set border 3 lc rgb '%s'\n"
        "set yrange [%zu.6:0.4]\nset ytics nomirror scale 0 textcolor rgb '%s'\n"
        "set xrange [0:%s]\nset xtics 0, %s nomirror out textcolor rgb '%s'\n"
        "set format x '%%gk'\nset grid xtics lt 1 lc rgb '%s' lw 1\n"
        "set xlabel 'Employment (persons, thousands)' textcolor rgb '%s'\n",
        gp_fraction((f.caption_top + 1.1 * f.lh) / f.h, a, sizeof(a)), f.caption_size,
        GP_COLOR_TEXT, COLOR_BAND, COLOR_OPEN, gp_fraction(1.0 - top_px / f.h, b, sizeof(b)),
        gp_fraction(bottom_px / f.h, c, sizeof(c)), gp_fraction(left / f.w, d, sizeof(d)),
        gp_fraction(split_l / f.w, e, sizeof(e)), GP_COLOR_BORDER, p->n, GP_COLOR_TEXT,
        gp_thousands(xtop, g, sizeof(g)), gp_thousands(xstep, h, sizeof(h)), GP_COLOR_TEXT,
        GP_COLOR_GRID, GP_COLOR_TEXT);
  if (!st)
    st = lab_buf_addf(
        out,
        "plot \\\n"
        "  $proj using (0):1:ytic(lbl(strcol(2), strcol(3))) with points pt -1, \\\n"
        "  keyentry with boxes fc rgb '%s' title 'Employment %d', \\\n"
        "  keyentry with boxes fc rgb '%s' title 'Projected %d', \\\n"
        "  keyentry with vectors arrowstyle 1 title 'Error band', \\\n"
        "  keyentry with points pt 7 ps 1.3 lc rgb '%s' title 'Openings a year (right)', \\\n"
        "  $proj using ($4 / 2):($1 - d):(0):4:($1 - d - h):($1 - d + h) with boxxyerror "
        "fc rgb '%s', \\\n"
        "  $proj using ($5 / 2):($1 + d):(0):5:($1 + d - h):($1 + d + h) with boxxyerror "
        "fc rgb '%s', \\\n"
        "  $proj using 6:($1 + d):($7 - $6):(0) with vectors arrowstyle 1, \\\n"
        "  $proj using 7:($1 + d):9 with labels left offset char 0.8, 0 font ',%d' "
        "textcolor rgb '%s'\n",
        COLOR_BASE, p->base_year, COLOR_PROJ, p->proj_year, COLOR_OPEN, COLOR_BASE, COLOR_PROJ,
        f.caption_size, GP_COLOR_TEXT);
  if (!st)
    st = lab_buf_addf(out,
                      "unset title\nunset label 1\nset key off\n"
                      "set lmargin at screen %s\nset rmargin at screen %s\n"
                      "set ytics format ''\n"
                      "set xrange [0:%s]\nset xtics 0, %s nomirror out textcolor rgb '%s'\n"
                      "set xlabel 'Openings a year (thousands)' textcolor rgb '%s'\n"
                      "plot \\\n"
                      "  $proj using (0):1:8:(0) with vectors arrowstyle 2, \\\n"
                      "  $proj using 8:1 with points pt 7 ps 1.3 lc rgb '%s'\n"
                      "unset multiplot\n",
                      gp_fraction(split_r / f.w, a, sizeof(a)),
                      gp_fraction(right / f.w, b, sizeof(b)), gp_thousands(otop, c, sizeof(c)),
                      gp_thousands(ostep, d, sizeof(d)), GP_COLOR_TEXT, GP_COLOR_TEXT, COLOR_OPEN);
  if (st)
    st = lab_error_set(err, st, WHAT ": cannot build the script: %s", lab_strerror(st));
  return st;
}
