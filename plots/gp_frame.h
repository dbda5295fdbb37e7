/*
 * gp_frame.h - internal to plots/: the frame shared by the chart builders (canvas size and
 * fonts, title and caption layout, the terminal line, option checks, number formats for
 * scripts and axes, label wrapping). Not part of the public API (see lab_plots.h).
 *
 * Ownership: every pointer parameter is borrowed for the duration of the call; output goes
 * into caller-owned buffers (struct lab_buf or char arrays). Nothing here prints, exits or
 * keeps state; every function is pure apart from writing its outputs.
 */
#ifndef LAB_GP_FRAME_H
#define LAB_GP_FRAME_H

#include "plots/lab_plots.h"

#include <stddef.h>

#define GP_DEFAULT_FONT "Sans,11" /* font when opts->font is NULL */
#define GP_DEFAULT_FONT_SIZE 11   /* points, when the font spec has none */
#define GP_MIN_SIZE 200           /* canvas size limits, pixels */
#define GP_MAX_SIZE 10000
#define GP_TITLE_LINES 2     /* lines of title, at most */
#define GP_CAPTION_LINES 3   /* lines of caption, at most */
#define GP_SCRATCH_MAX 65536 /* one wrapped label, bytes (scratch buffers) */
#define GP_CHAR_W 0.74       /* average character width, in font sizes (DejaVu Sans, generous) */
#define GP_LINE_H 1.6        /* line height, in font sizes */

/* Okabe-Ito based colours shared by every chart. */
#define GP_COLOR_TEXT "#222222"
#define GP_COLOR_CAPTION "#444444"
#define GP_COLOR_BLUE "#0072B2"
#define GP_COLOR_SKY "#56B4E9"
#define GP_COLOR_SKY_TINT "#9ACBEA"
#define GP_COLOR_VERMILLION "#D55E00"
#define GP_COLOR_ORANGE "#E69F00"
#define GP_COLOR_GREEN "#009E73"
#define GP_COLOR_PURPLE "#CC79A7"
#define GP_COLOR_GRID "#dddddd"
#define GP_COLOR_BORDER "#666666"

/* Canvas, fonts, title and caption of one chart, in the terminal's units (px; pt for pdf). */
struct gp_frame {
  int width, height;    /* terminal size in pixels as given */
  double w, h;          /* canvas size in layout units */
  int font_size;        /* points */
  double cw, lh;        /* average character width and line height of the base font */
  size_t title_chars;   /* characters per title line */
  size_t title_lines;   /* lines the title takes (0 = none) */
  size_t caption_chars; /* characters per caption line */
  size_t caption_lines; /* lines the caption takes (0 = none) */
  int caption_size;     /* caption font size */
  double caption_first; /* height of the caption's first line above the bottom */
  double caption_top;   /* height of the caption's top above the bottom (8 when none) */
  double title_bottom;  /* distance of the title's bottom from the top (20 when no title) */
};

/* v (clamped to [0, 1]) as "0.1234" into buf; integer arithmetic only. Returns buf. */
const char *gp_fraction(double v, char *buf, size_t size);

/*
 * A datablock value: whole numbers as plain digits ("%.0f"), else the shortest exact decimal
 * (lab_num_format), or "NaN". Locale-independent. Returns buf.
 */
const char *gp_data_value(double v, char *buf, size_t size);

/* Whole dollars as thousands for an axis: 360000 -> "360", 1400 -> "1.4". Returns buf. */
const char *gp_thousands(long dollars, char *buf, size_t size);

/* The point size of a font spec "Name,size"; GP_DEFAULT_FONT_SIZE when absent or odd. */
int gp_font_size(const char *font);

/* Number of UTF-8 code points in the NUL-terminated s. */
size_t gp_chars_of(const char *s);

/* Set *lines to the number of lines lab_plot_wrap() gives for text (0 for no text). */
lab_status gp_wrapped_lines(const char *text, size_t width, size_t max_lines, size_t *lines);

/*
 * Set *best to the narrowest width that wraps text into no more lines than width does (lines
 * about equally long).
 */
lab_status gp_balanced_width(const char *text, size_t width, size_t max_lines, size_t *best);

/*
 * Wrap a label into at most max_lines lines of width characters into out. When it does not
 * fit and ends with a parenthesised code such as "(29-9021)", words before the code are
 * dropped (marked with an ellipsis) so that the code stays visible.
 */
lab_status gp_fit_label(struct lab_buf *out, const char *label, size_t width, size_t max_lines);

/* Raise *chars to the widest line, in characters, of label as gp_fit_label() wraps it. */
lab_status gp_label_chars(const char *label, size_t width, size_t max_lines, size_t *chars);

/*
 * Check format and output of opts (what names the chart in messages, e.g. "wage chart").
 * Returns LAB_OK or LAB_ERR_INVALID with a message.
 */
lab_status gp_check_opts(const struct lab_plot_opts *opts, const char *what, struct lab_error *err);

/*
 * Nice axis for [0, max]: a step of 1, 2, 2.5 or 5 times 10^k (at least 100, no 2500) giving
 * at most max_ticks ticks, and *xmax = max rounded up to a multiple of step / 5.
 */
void gp_nice_axis(double max, int max_ticks, long *xmax, long *step);

/*
 * Fill the canvas part of f: size (opts->width/height, or def_width/def_height when 0; both
 * must end up in GP_MIN_SIZE..GP_MAX_SIZE), layout units (pdf: points) and fonts.
 * Returns LAB_OK or LAB_ERR_INVALID with a message naming what.
 */
lab_status gp_frame_canvas(struct gp_frame *f, const struct lab_plot_opts *opts, int def_width,
                           int def_height, const char *what, struct lab_error *err);

/*
 * Fill the text part of f: the title is centred over the plot area [plot_left, plot_left +
 * plot_w) and wrapped into at most GP_TITLE_LINES balanced lines; the caption runs across the
 * canvas bottom in at most GP_CAPTION_LINES lines of a smaller font. Returns LAB_OK or the
 * lab_plot_wrap() status.
 */
lab_status gp_frame_text(struct gp_frame *f, const struct lab_plot_opts *opts, double plot_left,
                         double plot_w);

/* Append "set encoding", "set terminal ..." and "set output ..." lines for opts and f. */
lab_status gp_emit_terminal(struct lab_buf *out, const struct lab_plot_opts *opts,
                            const struct gp_frame *f);

/* Append the title ("set title") and the caption (label 1 at the bottom left), if any. */
lab_status gp_emit_title_caption(struct lab_buf *out, const struct lab_plot_opts *opts,
                                 const struct gp_frame *f);

#endif
