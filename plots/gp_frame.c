/*
 * gp_frame.c - the frame shared by the chart builders: canvas and fonts, title and caption
 * layout and lines, the terminal line, option checks, number formats and label wrapping.
 * Moved here from plot_wages.c unchanged in behaviour (its golden script still matches).
 */
#include "plots/gp_frame.h"

#include "common/lab_num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *gp_fraction(double v, char *buf, size_t size)
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

const char *gp_data_value(double v, char *buf, size_t size)
{
  if (isnan(v))
    snprintf(buf, size, "NaN");
  else if (v == floor(v) && fabs(v) < 1e15)
    snprintf(buf, size, "%.0f", v);
  else
    lab_num_format(v, buf, size);
  return buf;
}

const char *gp_thousands(long dollars, char *buf, size_t size)
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

int gp_font_size(const char *font)
{
  const char *comma = font ? strrchr(font, ',') : NULL;
  int size = 0;

  if (!comma)
    return GP_DEFAULT_FONT_SIZE;
  for (const char *p = comma + 1; *p; p++) {
    if (*p == ' ')
      continue;
    if (*p == '.')
      break;
    if (*p < '0' || *p > '9' || size > 1000)
      return GP_DEFAULT_FONT_SIZE;
    size = size * 10 + (*p - '0');
  }
  return size >= 4 && size <= 200 ? size : GP_DEFAULT_FONT_SIZE;
}

size_t gp_chars_of(const char *s)
{
  size_t n = 0;

  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

lab_status gp_wrapped_lines(const char *text, size_t width, size_t max_lines, size_t *lines)
{
  struct lab_buf tmp;
  lab_status st;

  *lines = 0;
  lab_buf_init(&tmp, GP_SCRATCH_MAX * 16);
  st = lab_plot_wrap(&tmp, text, width, max_lines);
  if (!st && tmp.len > 0) {
    *lines = 1;
    for (size_t i = 0; i < tmp.len; i++)
      *lines += tmp.data[i] == '\n';
  }
  lab_buf_release(&tmp);
  return st;
}

lab_status gp_balanced_width(const char *text, size_t width, size_t max_lines, size_t *best)
{
  size_t lines = 0;
  size_t fewest = 0;
  lab_status st = gp_wrapped_lines(text, width, max_lines + 1, &fewest);

  *best = width;
  if (st || fewest <= 1 || fewest > max_lines)
    return st; /* one line, or cut anyway: keep the full width */
  for (size_t w = width - 1; w >= 8 && !st; w--) {
    st = gp_wrapped_lines(text, w, max_lines + 1, &lines);
    if (st || lines > fewest)
      break;
    *best = w;
  }
  return st;
}

lab_status gp_fit_label(struct lab_buf *out, const char *label, size_t width, size_t max_lines)
{
  struct lab_buf flat;
  struct lab_buf tmp;
  const char *s;
  const char *open;
  size_t lines = 0;
  size_t code;
  lab_status st = gp_wrapped_lines(label, width, max_lines + 1, &lines);

  lab_buf_init(&flat, GP_SCRATCH_MAX * 4);
  lab_buf_init(&tmp, GP_SCRATCH_MAX * 4);
  if (st || lines <= max_lines)
    goto whole;
  /* the label as it will be shown, on one line, to find the code and the words before it */
  st = lab_plot_wrap(&flat, label, GP_SCRATCH_MAX, 1);
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
      st = gp_wrapped_lines(lab_buf_str(&tmp), width, max_lines + 1, &lines);
    if (st)
      goto out;
    if (lines <= max_lines) {
      st = lab_plot_wrap(out, lab_buf_str(&tmp), width, max_lines);
      goto out;
    }
  }
whole:
  if (!st)
    st = lab_plot_wrap(out, label, width, max_lines);
out:
  lab_buf_release(&tmp);
  lab_buf_release(&flat);
  return st;
}

lab_status gp_label_chars(const char *label, size_t width, size_t max_lines, size_t *chars)
{
  struct lab_buf tmp;
  size_t line = 0;
  lab_status st;

  lab_buf_init(&tmp, GP_SCRATCH_MAX);
  st = gp_fit_label(&tmp, label, width, max_lines);
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

lab_status gp_check_opts(const struct lab_plot_opts *opts, const char *what, struct lab_error *err)
{
  struct lab_buf clean;
  size_t len;
  lab_status st = LAB_OK;

  lab_buf_init(&clean, 0);
  if (!opts || !opts->format || !opts->output) {
    st = lab_error_set(err, LAB_ERR_INVALID, "%s: options, format and output needed", what);
    goto out;
  }
  if (strcmp(opts->format, "png") != 0 && strcmp(opts->format, "svg") != 0 &&
      strcmp(opts->format, "pdf") != 0) {
    st = lab_error_set(err, LAB_ERR_INVALID, "%s: unknown format (use png, svg or pdf)", what);
    goto out;
  }
  len = strlen(opts->output);
  if (len == 0 || opts->output[0] == '|' || opts->output[0] == '~') {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "%s: the output path must not be empty or start with '|' or '~'", what);
    goto out;
  }
  /* the path goes into the script as it is: refuse what cleaning would change */
  lab_buf_init(&clean, len * 2 + 16);
  st = lab_plot_clean(&clean, opts->output, len);
  if (st) {
    st = lab_error_set(err, st, "%s: %s", what, lab_strerror(st));
    goto out;
  }
  if (clean.len != len || memcmp(clean.data, opts->output, len) != 0)
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "%s: the output path has control characters or invalid UTF-8", what);
out:
  lab_buf_release(&clean);
  return st;
}

void gp_nice_axis(double max, int max_ticks, long *xmax, long *step)
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
      if (ticks <= max_ticks || scale > 100000000L) {
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

lab_status gp_frame_canvas(struct gp_frame *f, const struct lab_plot_opts *opts, int def_width,
                           int def_height, const char *what, struct lab_error *err)
{
  double scale;

  f->width = opts->width ? opts->width : def_width;
  f->height = opts->height ? opts->height : def_height;
  if (f->width < GP_MIN_SIZE || f->width > GP_MAX_SIZE || f->height < GP_MIN_SIZE ||
      f->height > GP_MAX_SIZE)
    return lab_error_set(err, LAB_ERR_INVALID, "%s: size %dx%d is outside %d..%d pixels", what,
                         f->width, f->height, GP_MIN_SIZE, GP_MAX_SIZE);
  /* pdf: the page is width/100 inches, i.e. 0.72 points per pixel, and fonts are in points */
  scale = strcmp(opts->format, "pdf") == 0 ? 0.72 : 1.0;
  f->w = f->width * scale;
  f->h = f->height * scale;
  f->font_size = gp_font_size(opts->font);
  f->cw = GP_CHAR_W * f->font_size;
  f->lh = GP_LINE_H * f->font_size;
  return LAB_OK;
}

lab_status gp_frame_text(struct gp_frame *f, const struct lab_plot_opts *opts, double plot_left,
                         double plot_w)
{
  double center = plot_left + plot_w / 2;
  double title_w;
  double caption_lh;
  lab_status st;

  /* the title is centred over the plot area: at most twice the nearer side of the canvas */
  title_w = 2 * (center < f->w - center ? center : f->w - center) - 2 * f->cw;
  f->title_chars = (size_t)(title_w / (GP_CHAR_W * (f->font_size + 4)));
  f->caption_size = f->font_size > 8 ? f->font_size - 2 : f->font_size;
  f->caption_chars = (size_t)((f->w - 20) / (GP_CHAR_W * f->caption_size));
  if (f->title_chars < 20)
    f->title_chars = 20;
  if (f->caption_chars < 20)
    f->caption_chars = 20;
  st = gp_balanced_width(opts->title, f->title_chars, GP_TITLE_LINES, &f->title_chars);
  if (!st)
    st = gp_wrapped_lines(opts->title, f->title_chars, GP_TITLE_LINES, &f->title_lines);
  if (!st)
    st = gp_wrapped_lines(opts->caption, f->caption_chars, GP_CAPTION_LINES, &f->caption_lines);
  if (st)
    return st;
  caption_lh = GP_LINE_H * f->caption_size;
  f->caption_first = 0;
  f->caption_top = 8.0;
  if (f->caption_lines > 0) {
    /* the first line of a multi-line label is centred on its position, the others below */
    f->caption_first = 8.0 + ((double)f->caption_lines - 0.5) * caption_lh;
    f->caption_top = 8.0 + (double)f->caption_lines * caption_lh;
  }
  f->title_bottom = 20.0;
  if (f->title_lines > 0)
    f->title_bottom = 22.0 + (double)f->title_lines * 1.5 * (f->font_size + 4) + 8.0;
  return LAB_OK;
}

lab_status gp_emit_terminal(struct lab_buf *out, const struct lab_plot_opts *opts,
                            const struct gp_frame *f)
{
  lab_status st = lab_buf_adds(out, "set encoding utf8\n");

  if (!st && strcmp(opts->format, "png") == 0)
    st = lab_buf_addf(out, "set terminal pngcairo size %d,%d font ", f->width, f->height);
  else if (!st && strcmp(opts->format, "svg") == 0)
    st = lab_buf_addf(out, "set terminal svg size %d,%d fixed font ", f->width, f->height);
  else if (!st)
    st = lab_buf_addf(out, "set terminal pdfcairo size %d.%02din,%d.%02din font ", f->width / 100,
                      f->width % 100, f->height / 100, f->height % 100);
  if (!st)
    st = lab_plot_quote(out, opts->font ? opts->font : GP_DEFAULT_FONT);
  if (!st)
    st = lab_buf_adds(out, " noenhanced background rgb 'white'\nset output ");
  if (!st)
    st = lab_plot_quote(out, opts->output);
  if (!st)
    st = lab_buf_adds(out, "\n");
  return st;
}

lab_status gp_emit_title_caption(struct lab_buf *out, const struct lab_plot_opts *opts,
                                 const struct gp_frame *f)
{
  char y[32];
  lab_status st = LAB_OK;

  if (f->title_lines > 0) {
    st = lab_buf_adds(out, "set title ");
    if (!st)
      st = lab_plot_quote_wrapped(out, opts->title, f->title_chars, GP_TITLE_LINES);
    if (!st)
      st = lab_buf_addf(out, " font ',%d' textcolor rgb '%s'\n", f->font_size + 4, GP_COLOR_TEXT);
  }
  if (!st && f->caption_lines > 0) {
    st = lab_buf_adds(out, "set label 1 ");
    if (!st)
      st = lab_plot_quote_wrapped(out, opts->caption, f->caption_chars, GP_CAPTION_LINES);
    if (!st)
      st = lab_buf_addf(out, " at screen 0.01, screen %s left font ',%d' textcolor rgb '%s'\n",
                        gp_fraction(f->caption_first / f->h, y, sizeof(y)), f->caption_size,
                        GP_COLOR_CAPTION);
  }
  return st;
}
