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
#include "plots/lab_plots.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_WIDTH 1000
#define DEFAULT_HEIGHT 600
#define MIN_SIZE 200
#define MAX_SIZE 10000
#define DEFAULT_FONT "Sans,11"
#define DEFAULT_FONT_SIZE 11
#define ROW_PX 76         /* default height per box beyond five boxes */
#define LABEL_LINES 3     /* lines per occupation label */
#define TITLE_LINES 2     /* lines of title */
#define CAPTION_LINES 3   /* lines of caption */
#define SCRATCH_MAX 65536 /* one wrapped label */
#define MAX_TICKS 8       /* ticks on the wage axis, at most */
#define CHAR_W 0.74       /* average character width, in font sizes (DejaVu Sans, generous) */
#define LINE_H 1.6        /* line height, in font sizes */
#define BOX_HALF "0.28"   /* half the box height, in rows */
#define NOTE_SHARE 0.35   /* notes wider than this share of the plot go under the arrow */

/* Okabe-Ito colours (and a light tint of sky blue for the box fill). */
#define COLOR_BOX_FILL "#9ACBEA"
#define COLOR_BOX_EDGE "#0072B2" /* blue */
#define COLOR_WHISKER "#333333"
#define COLOR_MEDIAN "#000000"
#define COLOR_MEAN "#D55E00"    /* vermillion */
#define COLOR_TOPCODE "#CC79A7" /* reddish purple */
#define COLOR_TOPCODE_TEXT "#8F3F73"
#define COLOR_TEXT "#222222"
#define COLOR_CAPTION "#444444"

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
  int width, height;    /* terminal size in pixels as given */
  double w, h;          /* canvas size in layout units */
  int font_size;        /* points */
  double cw, lh;        /* average character width and line height of the base font */
  size_t label_width;   /* characters per occupation-label line */
  double plot_left;     /* estimated left edge of the plot area (right of the labels) */
  double plot_w;        /* estimated width of the plot area */
  double row_h;         /* estimated height of one row (one box) */
  size_t title_chars;   /* characters per title line */
  size_t title_lines;   /* lines the title takes (0 = none) */
  size_t caption_chars; /* characters per caption line */
  size_t caption_lines; /* lines the caption takes (0 = none) */
  int caption_size;     /* caption font size */
  double caption_first; /* height of the caption's first line above the bottom */
  double key_center;    /* height of the key's centre above the bottom */
  double top, bottom;   /* the plot area's top and bottom margins */
};

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* Write v (a fraction of 1, clamped to [0, 1]) as "0.1234"; integer arithmetic only. */
static const char *fraction(double v, char *buf, size_t size)
{
  long q;

  if (!(v > 0))
    v = 0;
  if (v > 1)
    v = 1;
  q = lround(v * 10000.0);
  snprintf(buf, size, "%ld.%04ld", q / 10000, q % 10000);
  return buf;
}

/*
 * A data value for the datablock: whole dollars as plain digits ("%.0f" prints no decimal
 * point, so it does not depend on the locale), else the shortest exact decimal, or NaN.
 */
static const char *data_value(double v, char *buf, size_t size)
{
  if (isnan(v))
    snprintf(buf, size, "NaN");
  else if (v == floor(v) && fabs(v) < 1e15)
    snprintf(buf, size, "%.0f", v);
  else
    lab_num_format(v, buf, size);
  return buf;
}

/* Whole dollars as thousands for the axis: 360000 -> "360", 1400 -> "1.4". */
static const char *thousands(long dollars, char *buf, size_t size)
{
  long frac = dollars % 1000;
  int digits = 3;

  if (frac == 0) {
    snprintf(buf, size, "%ld", dollars / 1000);
    return buf;
  }
  while (frac % 10 == 0) {
    frac /= 10;
    digits--;
  }
  snprintf(buf, size, "%ld.%0*ld", dollars / 1000, digits, frac);
  return buf;
}

/* The point size of a font spec "Name,size" (the default when absent or odd). */
static int font_size(const char *font)
{
  const char *comma = font ? strrchr(font, ',') : NULL;
  int size = 0;

  if (!comma)
    return DEFAULT_FONT_SIZE;
  for (const char *p = comma + 1; *p; p++) {
    if (*p == ' ')
      continue;
    if (*p == '.')
      break;
    if (*p < '0' || *p > '9' || size > 1000)
      return DEFAULT_FONT_SIZE;
    size = size * 10 + (*p - '0');
  }
  return size >= 4 && size <= 200 ? size : DEFAULT_FONT_SIZE;
}

/* Number of UTF-8 code points in the NUL-terminated s. */
static size_t chars_of(const char *s)
{
  size_t n = 0;

  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* Count the lines lab_plot_wrap() gives for text (0 for no text). */
static lab_status wrapped_lines(const char *text, size_t width, size_t max_lines, size_t *lines)
{
  struct lab_buf tmp;
  lab_status st;

  *lines = 0;
  lab_buf_init(&tmp, SCRATCH_MAX * 16);
  st = lab_plot_wrap(&tmp, text, width, max_lines);
  if (!st && tmp.len > 0) {
    *lines = 1;
    for (size_t i = 0; i < tmp.len; i++)
      *lines += tmp.data[i] == '\n';
  }
  lab_buf_release(&tmp);
  return st;
}

/*
 * The narrowest width that wraps text into no more lines than width does, so that the lines
 * come out about equally long (no orphan word on a last line). Sets *best.
 */
static lab_status balanced_width(const char *text, size_t width, size_t max_lines, size_t *best)
{
  size_t lines = 0;
  size_t fewest = 0;
  lab_status st = wrapped_lines(text, width, max_lines + 1, &fewest);

  *best = width;
  if (st || fewest <= 1 || fewest > max_lines)
    return st; /* one line, or cut anyway: keep the full width */
  for (size_t w = width - 1; w >= 8 && !st; w--) {
    st = wrapped_lines(text, w, max_lines + 1, &lines);
    if (st || lines > fewest)
      break;
    *best = w;
  }
  return st;
}

/*
 * Wrap an occupation label into at most LABEL_LINES lines of width characters. When it does
 * not fit and ends with a parenthesised code such as "(29-9021)", words before the code are
 * dropped (marked with an ellipsis) so that the code stays visible.
 */
static lab_status fit_label(struct lab_buf *out, const char *label, size_t width)
{
  struct lab_buf flat;
  struct lab_buf tmp;
  const char *s;
  const char *open;
  size_t lines = 0;
  size_t code;
  lab_status st = wrapped_lines(label, width, LABEL_LINES + 1, &lines);

  lab_buf_init(&flat, SCRATCH_MAX * 4);
  lab_buf_init(&tmp, SCRATCH_MAX * 4);
  if (st || lines <= LABEL_LINES)
    goto whole;
  /* the label as it will be shown, on one line, to find the code and the words before it */
  st = lab_plot_wrap(&flat, label, SCRATCH_MAX, 1);
  if (st)
    goto out;
  s = lab_buf_str(&flat);
  open = strrchr(s, '(');
  if (flat.len < 2 || s[flat.len - 1] != ')' || !open || open == s || open[-1] != ' ')
    goto whole;
  code = (size_t)(open - s);
  if (flat.len - code > width)
    goto whole;
  /* drop words before the code until the rest fits */
  for (size_t keep = code - 1; keep > 0; keep--) {
    if (s[keep] != ' ')
      continue;
    lab_buf_reset(&tmp);
    st = lab_buf_add(&tmp, s, keep);
    if (!st)
      st = lab_buf_adds(&tmp, "\xE2\x80\xA6 ");
    if (!st)
      st = lab_buf_add(&tmp, open, flat.len - code);
    if (!st)
      st = wrapped_lines(lab_buf_str(&tmp), width, LABEL_LINES + 1, &lines);
    if (st)
      goto out;
    if (lines <= LABEL_LINES) {
      st = lab_plot_wrap(out, lab_buf_str(&tmp), width, LABEL_LINES);
      goto out;
    }
  }
whole:
  if (!st)
    st = lab_plot_wrap(out, label, width, LABEL_LINES);
out:
  lab_buf_release(&tmp);
  lab_buf_release(&flat);
  return st;
}

/* The widest line, in characters, of an occupation label as fit_label() wraps it. */
static lab_status label_chars(const char *label, size_t width, size_t *chars)
{
  struct lab_buf tmp;
  size_t line = 0;
  lab_status st;

  lab_buf_init(&tmp, SCRATCH_MAX);
  st = fit_label(&tmp, label, width);
  for (size_t i = 0; !st && i < tmp.len; i++) {
    if (tmp.data[i] == '\n')
      line = 0;
    else if (((unsigned char)tmp.data[i] & 0xC0) != 0x80)
      line++;
    if (line > *chars)
      *chars = line;
  }
  lab_buf_release(&tmp);
  return st;
}

/* ---------------------------------------------------------------------------------------- */
/* Validation                                                                               */
/* ---------------------------------------------------------------------------------------- */

static lab_status check_opts(const struct lab_plot_opts *opts, struct lab_error *err)
{
  struct lab_buf clean;
  size_t len;
  lab_status st = LAB_OK;

  lab_buf_init(&clean, 0);
  if (!opts || !opts->format || !opts->output) {
    st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: options, format and output needed");
    goto out;
  }
  if (strcmp(opts->format, "png") != 0 && strcmp(opts->format, "svg") != 0 &&
      strcmp(opts->format, "pdf") != 0) {
    st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: unknown format (use png, svg or pdf)");
    goto out;
  }
  len = strlen(opts->output);
  if (len == 0 || opts->output[0] == '|' || opts->output[0] == '~') {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "wage chart: the output path must not be empty or start with '|' or '~'");
    goto out;
  }
  /* the path goes into the script as it is: refuse what cleaning would change */
  lab_buf_init(&clean, len * 2 + 16);
  st = lab_plot_clean(&clean, opts->output, len);
  if (st) {
    st = lab_error_set(err, st, "wage chart: %s", lab_strerror(st));
    goto out;
  }
  if (clean.len != len || memcmp(clean.data, opts->output, len) != 0)
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "wage chart: the output path has control characters or invalid UTF-8");
out:
  lab_buf_release(&clean);
  return st;
}

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

/*
 * Choose a tick step of 1, 2, 5 (or 2.5 from 25,000 on) times 10^k giving at most MAX_TICKS
 * ticks up to max (dollars), and round max up to a multiple of a minor tick (step / 5).
 */
static void wage_axis(double max, long *xmax, long *step)
{
  static const long mantissa[] = {10, 20, 25, 50};
  long scale = 100;

  for (;;) {
    for (size_t i = 0; i < LAB_ARRAY_SIZE(mantissa); i++) {
      long s = mantissa[i] * scale;
      double ticks;

      if (s == 2500)
        continue; /* "$2.5k" would not survive the '$%.0fk' tick format */
      ticks = ceil(max / (double)s);
      if (ticks <= MAX_TICKS || scale > 100000000L) {
        long minor = s / 5;
        double minors = ceil(max / (double)minor);

        *step = s;
        *xmax = (long)(minors < 1 ? 1 : minors) * minor;
        return;
      }
    }
    scale *= 10;
  }
}

/* Canvas size, units and fonts; the label width follows from them. */
static lab_status plan_canvas(size_t n, const struct lab_plot_opts *opts, struct layout *lay,
                              struct lab_error *err)
{
  double scale;
  double label_width;
  lab_status st = LAB_OK;

  lay->width = opts->width ? opts->width : DEFAULT_WIDTH;
  lay->height = opts->height;
  if (!lay->height)
    lay->height = n > 5 ? 220 + ROW_PX * (int)n : DEFAULT_HEIGHT;
  if (lay->width < MIN_SIZE || lay->width > MAX_SIZE || lay->height < MIN_SIZE ||
      lay->height > MAX_SIZE) {
    st = lab_error_set(err, LAB_ERR_INVALID, "wage chart: size %dx%d is outside %d..%d pixels",
                       lay->width, lay->height, MIN_SIZE, MAX_SIZE);
    goto out;
  }
  /* pdf: the page is width/100 inches, i.e. 0.72 points per pixel, and fonts are in points */
  scale = strcmp(opts->format, "pdf") == 0 ? 0.72 : 1.0;
  lay->w = lay->width * scale;
  lay->h = lay->height * scale;
  lay->font_size = font_size(opts->font);
  lay->cw = CHAR_W * lay->font_size;
  lay->lh = LINE_H * lay->font_size;
  /* labels may take about a third of the width: 34 characters on 1000 px at 11 points */
  label_width = lay->w / (2.66 * lay->font_size);
  lay->label_width = label_width < 26 ? 26 : label_width > 34 ? 34 : (size_t)label_width;
out:
  return st;
}

/* Everything else: plot area, title, caption, key and margins. */
static lab_status plan_text(size_t n, size_t label_max, const struct lab_plot_opts *opts,
                            struct layout *lay)
{
  double center;
  double title_w;
  double caption_lh;
  double caption_top = 8.0;
  double top;
  lab_status st;

  /* gnuplot sizes the left margin to the tick labels; the right margin is 3 characters */
  lay->plot_left = (double)(label_max + 4) * lay->cw;
  lay->plot_w = lay->w - lay->plot_left - 3 * lay->cw;
  if (lay->plot_w < lay->w / 4)
    lay->plot_w = lay->w / 4;
  /* the title is centred over the plot area: at most twice the nearer side of the canvas */
  center = lay->plot_left + lay->plot_w / 2;
  title_w = 2 * (center < lay->w - center ? center : lay->w - center) - 2 * lay->cw;
  lay->title_chars = (size_t)(title_w / (CHAR_W * (lay->font_size + 4)));
  lay->caption_size = lay->font_size > 8 ? lay->font_size - 2 : lay->font_size;
  lay->caption_chars = (size_t)((lay->w - 20) / (CHAR_W * lay->caption_size));
  if (lay->title_chars < 20)
    lay->title_chars = 20;
  if (lay->caption_chars < 20)
    lay->caption_chars = 20;
  st = balanced_width(opts->title, lay->title_chars, TITLE_LINES, &lay->title_chars);
  if (!st)
    st = wrapped_lines(opts->title, lay->title_chars, TITLE_LINES, &lay->title_lines);
  if (!st)
    st = wrapped_lines(opts->caption, lay->caption_chars, CAPTION_LINES, &lay->caption_lines);
  if (st)
    return st;

  /* bottom up: caption lines, key, axis label, tick labels */
  caption_lh = LINE_H * lay->caption_size;
  if (lay->caption_lines > 0) {
    /* the first line of a multi-line label is centred on its position, the others below */
    lay->caption_first = 8.0 + ((double)lay->caption_lines - 0.5) * caption_lh;
    caption_top = 8.0 + (double)lay->caption_lines * caption_lh;
  }
  lay->key_center = caption_top + 10.0 + lay->lh / 2;
  lay->bottom = lay->key_center + lay->lh / 2 + 10.0 + 3.6 * lay->lh;
  top = 22.0 + (double)lay->title_lines * 1.5 * (lay->font_size + 4) + 8.0;
  lay->top = lay->title_lines > 0 ? top : 20.0;
  lay->row_h = (lay->h - lay->top - lay->bottom) / ((double)n + 0.2);
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
    double px = (double)(chars_of(rows[i].note) + 2) * lay->cw;

    if (!isnan(rows[i].arrow_to) && px > widest)
      widest = px;
  }
  under = widest > NOTE_SHARE * lay->plot_w && 0.44 * lay->row_h >= lay->lh + 4;
  for (size_t i = 0; i < n; i++) {
    struct row *r = &rows[i];
    double px = (double)(chars_of(r->note) + 2) * lay->cw;
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
  wage_axis(need, xmax, step);
  return under;
}

/* ---------------------------------------------------------------------------------------- */
/* Script sections                                                                          */
/* ---------------------------------------------------------------------------------------- */

static lab_status emit_terminal(struct lab_buf *out, const struct lab_plot_opts *opts,
                                const struct layout *lay)
{
  lab_status st = lab_buf_adds(out, "set encoding utf8\n");

  if (!st && strcmp(opts->format, "png") == 0)
    st = lab_buf_addf(out, "set terminal pngcairo size %d,%d font ", lay->width, lay->height);
  else if (!st && strcmp(opts->format, "svg") == 0)
    st = lab_buf_addf(out, "set terminal svg size %d,%d fixed font ", lay->width, lay->height);
  else if (!st)
    st = lab_buf_addf(out, "set terminal pdfcairo size %d.%02din,%d.%02din font ", lay->width / 100,
                      lay->width % 100, lay->height / 100, lay->height % 100);
  if (!st)
    st = lab_plot_quote(out, opts->font ? opts->font : DEFAULT_FONT);
  if (!st)
    st = lab_buf_adds(out, " noenhanced background rgb 'white'\nset output ");
  if (!st)
    st = lab_plot_quote(out, opts->output);
  if (!st)
    st = lab_buf_adds(out, "\n");
  return st;
}

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
  st = fit_label(&lines, b->label, label_width);
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
    st = lab_buf_addf(out, " %s", data_value(r->v[k], num, sizeof(num)));
  if (!st)
    st = lab_buf_addf(out, " %s %u", data_value(b->mean, num, sizeof(num)), b->topcoded);
  if (!st)
    st = lab_buf_addf(out, " %s", data_value(r->arrow_from, num, sizeof(num)));
  if (!st)
    st = lab_buf_addf(out, " %s", data_value(r->arrow_to, num, sizeof(num)));
  if (!st)
    st = lab_buf_addf(out, " %s ", data_value(r->note_x, num, sizeof(num)));
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
  lab_status st = LAB_OK;

  if (lay->title_lines > 0) {
    st = lab_buf_adds(out, "set title ");
    if (!st)
      st = lab_plot_quote_wrapped(out, opts->title, lay->title_chars, TITLE_LINES);
    if (!st)
      st = lab_buf_addf(out, " font ',%d' textcolor rgb '%s'\n", lay->font_size + 4, COLOR_TEXT);
  }
  if (!st && lay->caption_lines > 0) {
    st = lab_buf_adds(out, "set label 1 ");
    if (!st)
      st = lab_plot_quote_wrapped(out, opts->caption, lay->caption_chars, CAPTION_LINES);
    if (!st)
      st = lab_buf_addf(out, " at screen 0.01, screen %s left font ',%d' textcolor rgb '%s'\n",
                        fraction(lay->caption_first / lay->h, y, sizeof(y)), lay->caption_size,
                        COLOR_CAPTION);
  }
  if (!st)
    st = lab_buf_addf(out,
                      "set key at screen 0.5, screen %s center center horizontal maxrows 1 "
                      "reverse Left samplen 2 width -1 noautotitle\n",
                      fraction(lay->key_center / lay->h, y, sizeof(y)));
  return st;
}

static lab_status emit_axes(struct lab_buf *out, size_t n, const struct layout *lay, long xmax,
                            long step, bool notes_under)
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
                      "set yrange [%zu.%d:0.4]\n"
                      "set ytics nomirror scale 0 textcolor rgb '%s'\n"
                      "set grid xtics lt 1 lc rgb '#dddddd' lw 1\n",
                      fraction(1.0 - lay->top / lay->h, top, sizeof(top)),
                      fraction(lay->bottom / lay->h, bottom, sizeof(bottom)), COLOR_TEXT,
                      thousands(xmax, range, sizeof(range)), thousands(step, tics, sizeof(tics)),
                      COLOR_TEXT, n, notes_under ? 9 : 6, COLOR_TEXT);
}

static lab_status emit_plot(struct lab_buf *out, bool any_topcoded, bool notes_under)
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
                      "  $wages using (k($10)):1 with points pt 13 ps 1.6 lc rgb '%s', \\\n",
                      LAB_PLOT_TOPCODED(LAB_PLOT_P90), COLOR_BOX_FILL, COLOR_MEAN);
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
/* Public                                                                                   */
/* ---------------------------------------------------------------------------------------- */

lab_status lab_plot_wages_script(const struct lab_plot_box *boxes, size_t n,
                                 const struct lab_plot_opts *opts, struct lab_buf *out,
                                 struct lab_error *err)
{
  struct row rows[LAB_PLOT_MAX_BOXES];
  struct layout lay = {.width = 0};
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
  st = check_opts(opts, err);
  if (!st)
    st = plan_canvas(n, opts, &lay, err);
  if (st)
    goto out;
  for (size_t i = 0; i < n; i++) {
    st = check_box(&boxes[i], i, &rows[i], err);
    if (st)
      goto out;
    for (int k = 0; k < LAB_PLOT_NPCT; k++) {
      if (!isnan(rows[i].v[k]) && rows[i].v[k] > data_max)
        data_max = rows[i].v[k];
    }
    if (!isnan(boxes[i].mean) && boxes[i].mean > data_max)
      data_max = boxes[i].mean;
    st = label_chars(boxes[i].label, lay.label_width, &label_max);
    if (st) {
      st = lab_error_set(err, st, "wage chart: label %zu: %s", i + 1, lab_strerror(st));
      goto out;
    }
  }
  st = plan_text(n, label_max, opts, &lay);
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
    st = emit_terminal(out, opts, &lay);
  if (!st)
    st = lab_buf_adds(out, "$wages << EOD\n"
                           "# row \"label\" \"label (2)\" \"label (3)\" p10 p25 median p75 p90"
                           " mean topcoded arrow_from arrow_to note_x \"note\"\n");
  for (size_t i = 0; i < n && !st; i++)
    st = emit_data_row(out, i, &boxes[i], &rows[i], lay.label_width);
  if (!st)
    st = lab_buf_adds(out, "EOD\n"
                           "k(v) = v / 1000.0\n"
                           "lbl(a, b, c) = a . (b eq '' ? '' : \"\\n\" . b)"
                           " . (c eq '' ? '' : \"\\n\" . c)\n"
                           "h = " BOX_HALF "\n");
  if (!st)
    st = emit_texts(out, opts, &lay);
  if (!st)
    st = emit_axes(out, n, &lay, xmax, step, notes_under);
  if (!st)
    st = emit_plot(out, any_topcoded, notes_under);
  if (st)
    st = lab_error_set(err, st, "wage chart: cannot build the script: %s", lab_strerror(st));
out:
  return st;
}
