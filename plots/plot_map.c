/*
 * plot_map.c - a U.S. tile-grid map as a gnuplot script (pure text building).
 *
 * Each state is a square at its grid position (row 0 on top), filled with the colour of its
 * value's class and holding the postal code and the value. Classes are equal intervals on
 * nice breaks; colours are sampled from viridis (colour-blind safe, monotone in lightness).
 * The legend (title, one swatch per class with the breaks under the swatch edges, an "n/a"
 * swatch) sits under the map, above the caption. Title, caption and terminal come from
 * gp_frame.c. Numbers in the script use integer formats or the shortest exact decimal.
 */
#include "plots/gp_frame.h"
#include "plots/lab_plots.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHAT "map"
#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 760
#define MAX_CLASSES 6
#define TILE_HALF "0.46" /* half a tile's side, in grid units (a small gap between tiles) */
#define COLOR_NA "#BBBBBB"
#define COLOR_NA_TEXT "#222222"
#define LIGHT_TEXT_BELOW 0.45 /* relative luminance under which tile text is white */

/* viridis at nine evenly spaced stops (matplotlib's table), from dark purple to yellow */
static const unsigned char VIRIDIS[9][3] = {{68, 1, 84},    {71, 44, 122},  {59, 81, 139},
                                            {44, 113, 142}, {33, 144, 141}, {39, 173, 129},
                                            {92, 200, 99},  {170, 220, 50}, {253, 231, 37}};

struct classes {
  double base, step; /* break i = base + i * step */
  int n;             /* classes (1..MAX_CLASSES) */
  unsigned rgb[MAX_CLASSES];
  bool any_na;
};

/* The colour at t in [0, 1] of viridis, linearly interpolated between the stops. */
static unsigned viridis(double t)
{
  double x = t * 8.0;
  int i = (int)floor(x);
  double f;
  unsigned rgb = 0;

  if (i < 0)
    i = 0;
  if (i > 7)
    i = 7;
  f = x - i;
  for (int k = 0; k < 3; k++) {
    double v = VIRIDIS[i][k] + f * (VIRIDIS[i + 1][k] - VIRIDIS[i][k]);

    rgb = (rgb << 8) | (unsigned)lround(v);
  }
  return rgb;
}

/* WCAG relative luminance of an 0xRRGGBB colour. */
static double luminance(unsigned rgb)
{
  double sum = 0;
  static const double w[3] = {0.2126, 0.7152, 0.0722};

  for (int k = 0; k < 3; k++) {
    double c = ((rgb >> (16 - 8 * k)) & 0xFF) / 255.0;

    c = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
    sum += w[k] * c;
  }
  return sum;
}

static lab_status check_data(const struct lab_plot_map *m, struct lab_error *err)
{
  bool any = false;

  if (!m || !m->tiles || m->n == 0 || m->n > LAB_PLOT_MAX_GRID * LAB_PLOT_MAX_GRID)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": want 1..%d tiles",
                         LAB_PLOT_MAX_GRID * LAB_PLOT_MAX_GRID);
  if (m->unit != LAB_PLOT_UNIT_DOLLARS && m->unit != LAB_PLOT_UNIT_PERCENT &&
      m->unit != LAB_PLOT_UNIT_NUMBER)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": unknown unit %d", (int)m->unit);
  if (m->decimals < 0 || m->decimals > 3)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": decimals must be 0..3");
  for (size_t i = 0; i < m->n; i++) {
    const struct lab_plot_tile *t = &m->tiles[i];

    if (!t->postal)
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": tile %zu has no postal code", i + 1);
    if (t->col < 0 || t->row < 0 || t->col >= LAB_PLOT_MAX_GRID || t->row >= LAB_PLOT_MAX_GRID)
      return lab_error_set(err, LAB_ERR_INVALID,
                           WHAT ": tile %zu: position %d,%d is outside the grid", i + 1, t->col,
                           t->row);
    if (isinf(t->value))
      return lab_error_set(err, LAB_ERR_INVALID, WHAT ": tile %zu: the value is infinite", i + 1);
    any = any || !isnan(t->value);
    for (size_t j = 0; j < i; j++)
      if (m->tiles[j].col == t->col && m->tiles[j].row == t->row)
        return lab_error_set(err, LAB_ERR_INVALID, WHAT ": tiles %zu and %zu share position %d,%d",
                             j + 1, i + 1, t->col, t->row);
  }
  if (!any)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": no tile has a value");
  return LAB_OK;
}

/* Equal-interval classes on nice breaks spanning [lo, hi]. */
static void plan_classes(const struct lab_plot_map *m, struct classes *c)
{
  static const double mantissa[] = {1, 2, 2.5, 5};
  double lo = INFINITY, hi = -INFINITY;
  double raw, scale;

  c->any_na = false;
  for (size_t i = 0; i < m->n; i++) {
    double v = m->tiles[i].value;

    if (isnan(v)) {
      c->any_na = true;
      continue;
    }
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  raw = (hi - lo) / 5.0;
  if (!(raw > 0))
    raw = fabs(hi) > 0 ? fabs(hi) / 10.0 : 1.0;
  scale = pow(10.0, floor(log10(raw)));
  c->step = 10 * scale;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(mantissa); i++) {
    if (mantissa[i] * scale >= raw) {
      c->step = mantissa[i] * scale;
      break;
    }
  }
  c->base = floor(lo / c->step) * c->step;
  c->n = (int)ceil((hi - c->base) / c->step);
  if (c->n < 1)
    c->n = 1;
  if (c->base + c->n * c->step <= hi && c->n < MAX_CLASSES)
    c->n++; /* hi on a break: it belongs to the class above it */
  if (c->n > MAX_CLASSES)
    c->n = MAX_CLASSES;
  for (int k = 0; k < c->n; k++)
    c->rgb[k] = viridis(c->n == 1 ? 0.5 : (double)k / (c->n - 1));
}

static int class_of(const struct classes *c, double v)
{
  int k = (int)floor((v - c->base) / c->step);

  return k < 0 ? 0 : k >= c->n ? c->n - 1 : k;
}

/* A number with `decimals` places as shown at a break or in a tile: "$90k", "+5%", "1.2". */
static void format_break(const struct lab_plot_map *m, double v, int decimals, char *buf,
                         size_t size)
{
  char num[32]; /* a formatted number: far shorter */
  double scale = pow(10.0, decimals);
  double shown = round(v * scale) / scale; /* no sign on a value that rounds to zero */
  const char *sign = shown < 0 ? "\xE2\x88\x92" : "";

  if (m->unit == LAB_PLOT_UNIT_DOLLARS) {
    snprintf(buf, size, "$%sk",
             lab_num_format_grouped(fabs(v) / 1000.0, decimals, num, sizeof(num)));
    return;
  }
  lab_num_format_grouped(fabs(v), decimals, num, sizeof(num));
  if (m->unit == LAB_PLOT_UNIT_PERCENT)
    snprintf(buf, size, "%s%s%%", shown > 0 ? "+" : sign, num);
  else
    snprintf(buf, size, "%s%s", sign, num);
}

/* A value as written in a tile: "$98.1k", "+12.3%", "1.23". */
static void format_value(const struct lab_plot_map *m, double v, char *buf, size_t size)
{
  char num[32]; /* a formatted number: far shorter */

  if (m->unit == LAB_PLOT_UNIT_DOLLARS)
    snprintf(buf, size, "$%sk", lab_num_format_grouped(v / 1000.0, 1, num, sizeof(num)));
  else
    format_break(m, v, m->decimals, buf, size);
}

/* Digits after the point that the breaks need (in the unit shown: thousands for dollars). */
static int break_decimals(const struct lab_plot_map *m, const struct classes *c)
{
  double step = m->unit == LAB_PLOT_UNIT_DOLLARS ? c->step / 1000.0 : c->step;
  int d = 0;

  while (d < 4 && fabs(step * pow(10.0, d) - round(step * pow(10.0, d))) > 1e-9 * pow(10.0, d))
    d++;
  return d;
}

/* Where things go, in layout units (px; pt for pdf). */
struct layout {
  struct gp_frame f;
  int cols, rows;
  double side;               /* a tile's side */
  double left, top;          /* the grid's top-left corner (top measured from the top) */
  double legend_y;           /* the swatches' centre above the bottom */
  int tile_font, value_font; /* points */
};

static lab_status plan(const struct lab_plot_map *m, const struct lab_plot_opts *opts,
                       struct layout *lay, struct lab_error *err)
{
  double avail_w, avail_h, legend_h, widest = 0;
  lab_status st = gp_frame_canvas(&lay->f, opts, DEFAULT_WIDTH, DEFAULT_HEIGHT, WHAT, err);

  if (st)
    return st;
  st = gp_frame_text(&lay->f, opts, 0, lay->f.w);
  if (st)
    return lab_error_set(err, st, WHAT ": title or caption: %s", lab_strerror(st));
  lay->cols = 0;
  lay->rows = 0;
  for (size_t i = 0; i < m->n; i++) {
    char text[64];

    if (m->tiles[i].col + 1 > lay->cols)
      lay->cols = m->tiles[i].col + 1;
    if (m->tiles[i].row + 1 > lay->rows)
      lay->rows = m->tiles[i].row + 1;
    if (isnan(m->tiles[i].value))
      continue;
    format_value(m, m->tiles[i].value, text, sizeof(text));
    if ((double)gp_chars_of(text) > widest)
      widest = (double)gp_chars_of(text);
  }
  /* legend: its title, the swatches, the breaks */
  legend_h = 14.0 + 3.9 * lay->f.lh;
  lay->legend_y = lay->f.caption_top + 10.0 + 1.9 * lay->f.lh;
  avail_w = lay->f.w - 40.0;
  avail_h = lay->f.h - lay->f.title_bottom - lay->f.caption_top - legend_h - 10.0;
  lay->side = avail_w / lay->cols;
  if (avail_h / lay->rows < lay->side)
    lay->side = avail_h / lay->rows;
  if (lay->side < 10)
    lay->side = 10;
  lay->left = (lay->f.w - lay->side * lay->cols) / 2;
  lay->top = lay->f.title_bottom + (avail_h - lay->side * lay->rows) / 2;
  /* fonts: two lines in the tile, the value no wider than 90% of it */
  lay->tile_font = lay->f.font_size;
  if (2.6 * GP_LINE_H * lay->tile_font > lay->side)
    lay->tile_font = (int)(lay->side / (2.6 * GP_LINE_H));
  lay->value_font = lay->tile_font > 8 ? lay->tile_font - 1 : lay->tile_font;
  if (widest > 0 && widest * GP_CHAR_W * lay->value_font > 0.9 * lay->side)
    lay->value_font = (int)(0.9 * lay->side / (widest * GP_CHAR_W));
  if (lay->tile_font < 5)
    lay->tile_font = 5;
  if (lay->value_font < 5)
    lay->value_font = 5;
  return LAB_OK;
}

static lab_status emit_tiles(struct lab_buf *out, const struct lab_plot_map *m,
                             const struct classes *c)
{
  lab_status st = lab_buf_adds(out, "$tiles << EOD\n# col row fill text \"postal\" \"value\"\n");

  for (size_t i = 0; i < m->n && !st; i++) {
    const struct lab_plot_tile *t = &m->tiles[i];
    unsigned fill = 0xBBBBBB;
    unsigned text = 0x222222;
    char value[64] = "n/a";

    if (!isnan(t->value)) {
      fill = c->rgb[class_of(c, t->value)];
      text = luminance(fill) < LIGHT_TEXT_BELOW ? 0xFFFFFF : 0x111111;
      format_value(m, t->value, value, sizeof(value));
    }
    st = lab_buf_addf(out, "%d %d %u %u ", t->col, t->row, fill, text);
    if (!st)
      st = lab_plot_datum(out, t->postal, strlen(t->postal));
    if (!st)
      st = lab_buf_add(out, " ", 1);
    if (!st)
      st = lab_plot_datum(out, value, strlen(value));
    if (!st)
      st = lab_buf_add(out, "\n", 1);
  }
  if (!st)
    st = lab_buf_adds(out, "EOD\nt = " TILE_HALF "\n");
  return st;
}

/* A rectangle in screen fractions (x, y measured from the bottom left, in layout units). */
static lab_status emit_rect(struct lab_buf *out, int id, const struct layout *lay, double x1,
                            double y1, double x2, double y2, unsigned rgb)
{
  char a[32], b[32], c[32], d[32];

  return lab_buf_addf(
      out,
      "set object %d rect from screen %s, screen %s to screen %s, screen %s"
      " fc rgb '#%06X' fillstyle solid 1.0 border lc rgb '#FFFFFF' lw 1 front\n",
      id, gp_fraction(x1 / lay->f.w, a, sizeof(a)), gp_fraction(y1 / lay->f.h, b, sizeof(b)),
      gp_fraction(x2 / lay->f.w, c, sizeof(c)), gp_fraction(y2 / lay->f.h, d, sizeof(d)), rgb);
}

static lab_status emit_label(struct lab_buf *out, int id, const struct layout *lay,
                             const char *text, double x, double y, const char *align)
{
  char a[32], b[32];
  lab_status st = lab_buf_addf(out, "set label %d ", id);

  if (!st)
    st = lab_plot_quote(out, text);
  if (!st)
    st = lab_buf_addf(out, " at screen %s, screen %s %s textcolor rgb '" GP_COLOR_TEXT "' front\n",
                      gp_fraction(x / lay->f.w, a, sizeof(a)),
                      gp_fraction(y / lay->f.h, b, sizeof(b)), align);
  return st;
}

static lab_status emit_legend(struct lab_buf *out, const struct lab_plot_map *m,
                              const struct classes *c, const struct layout *lay)
{
  double sw = 86.0 * lay->f.font_size / GP_DEFAULT_FONT_SIZE; /* swatch width */
  double gap = 2.5 * sw / 3;
  double total = c->n * sw + (c->any_na ? gap + sw / 2 : 0);
  double x0, y = lay->legend_y, half = lay->f.lh / 2;
  int decimals = break_decimals(m, c);
  char text[64];
  lab_status st = LAB_OK;

  if (total > lay->f.w - 40) {
    sw = (lay->f.w - 40) / (c->n + (c->any_na ? 1.5 : 0.0));
    gap = sw;
    total = lay->f.w - 40;
  }
  x0 = (lay->f.w - total) / 2;
  if (m->legend_title)
    st = emit_label(out, 10, lay, m->legend_title, lay->f.w / 2, y + half + 0.8 * lay->f.lh,
                    "center");
  for (int k = 0; k < c->n && !st; k++)
    st = emit_rect(out, 1 + k, lay, x0 + k * sw, y - half, x0 + (k + 1) * sw, y + half, c->rgb[k]);
  for (int k = 0; k <= c->n && !st; k++) {
    format_break(m, c->base + k * c->step, decimals, text, sizeof(text));
    st = emit_label(out, 11 + k, lay, text, x0 + k * sw, y - half - 0.8 * lay->f.lh, "center");
  }
  if (!st && c->any_na) {
    double xn = x0 + c->n * sw + gap;

    st = emit_rect(out, 1 + MAX_CLASSES, lay, xn, y - half, xn + sw / 2, y + half, 0xBBBBBB);
    if (!st)
      st = emit_label(out, 11 + MAX_CLASSES + 1, lay, "n/a", xn + sw / 4,
                      y - half - 0.8 * lay->f.lh, "center");
  }
  return st;
}

static lab_status emit_frame(struct lab_buf *out, const struct layout *lay)
{
  char l[32], r[32], t[32], b[32];

  return lab_buf_addf(
      out,
      "set lmargin at screen %s\n"
      "set rmargin at screen %s\n"
      "set tmargin at screen %s\n"
      "set bmargin at screen %s\n"
      "set xrange [0:%d]\n"
      "set yrange [%d:0]\n"
      "unset border\n"
      "unset xtics\n"
      "unset ytics\n"
      "unset key\n"
      "set style fill solid 1.0 border lc rgb '#FFFFFF'\n",
      gp_fraction(lay->left / lay->f.w, l, sizeof(l)),
      gp_fraction((lay->left + lay->side * lay->cols) / lay->f.w, r, sizeof(r)),
      gp_fraction(1.0 - lay->top / lay->f.h, t, sizeof(t)),
      gp_fraction(1.0 - (lay->top + lay->side * lay->rows) / lay->f.h, b, sizeof(b)), lay->cols,
      lay->rows);
}

static lab_status emit_plot(struct lab_buf *out, const struct layout *lay)
{
  /* the two lines of a tile sit 0.55 line heights above and below its centre */
  double dy = 0.55 * GP_LINE_H * lay->tile_font / lay->side;
  char num[32]; /* a formatted number: far shorter */
  lab_status st =
      lab_buf_addf(out, "dy = %s\n", gp_data_value(round(dy * 1000.0) / 1000.0, num, sizeof(num)));

  if (!st)
    st = lab_buf_addf(out,
                      "plot \\\n"
                      "  $tiles using ($1 + 0.5):($2 + 0.5):($1 + 0.5 - t):($1 + 0.5 + t)"
                      ":($2 + 0.5 - t):($2 + 0.5 + t):3 with boxxyerror fc rgb variable, \\\n"
                      "  $tiles using ($1 + 0.5):($2 + 0.5 - dy):5:4 with labels"
                      " textcolor rgb variable font ',%d', \\\n"
                      "  $tiles using ($1 + 0.5):($2 + 0.5 + dy):6:4 with labels"
                      " textcolor rgb variable font ',%d'\n",
                      lay->tile_font, lay->value_font);
  return st;
}

lab_status lab_plot_map_script(const struct lab_plot_map *m, const struct lab_plot_opts *opts,
                               struct lab_buf *out, struct lab_error *err)
{
  struct layout lay = {.cols = 0};
  struct classes c = {.n = 0};
  lab_status st;

  if (!out)
    return lab_error_set(err, LAB_ERR_INVALID, WHAT ": no output buffer");
  st = check_data(m, err);
  if (!st)
    st = gp_check_opts(opts, WHAT, err);
  if (!st)
    st = plan(m, opts, &lay, err);
  if (st)
    return st;
  plan_classes(m, &c);
  st = lab_buf_adds(out, "# laborstat: U.S. tile-grid map (gnuplot 5.4)\n");
  if (!st)
    st = gp_emit_terminal(out, opts, &lay.f);
  if (!st)
    st = emit_tiles(out, m, &c);
  if (!st)
    st = gp_emit_title_caption(out, opts, &lay.f);
  if (!st)
    st = emit_legend(out, m, &c, &lay);
  if (!st)
    st = emit_frame(out, &lay);
  if (!st)
    st = emit_plot(out, &lay);
  if (st)
    st = lab_error_set(err, st, WHAT ": cannot build the script: %s", lab_strerror(st));
  return st;
}
