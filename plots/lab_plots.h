/*
 * lab_plots.h - charts: gnuplot scripts built as pure functions, then rendered by gnuplot.
 *
 * Building and running are separate steps. lab_plot_wages_script() turns plain structs into a
 * complete gnuplot script (text only, no I/O), so the exact script can be tested against golden
 * files. lab_plot_render() runs gnuplot on such a script.
 *
 * Safety: text from data (titles, occupation labels, captions) never reaches gnuplot unescaped.
 * gnuplot runs commands in backquotes and expands @macros while it reads a command line, and it
 * interprets escapes in double-quoted strings; see lab_plot_quote() for what is done about it.
 * Every script built here also switches enhanced-text markup off (`noenhanced`), so characters
 * such as ^ _ @ & { } ~ \ in labels are shown as they are.
 *
 * Ownership: every `const` pointer parameter is borrowed for the duration of the call only;
 * nothing here keeps a pointer after returning. Output goes into a caller-owned struct lab_buf
 * (see common/lab_buf.h); on failure the buffer may hold a partial script (or, when an append
 * failed, have been released) and should be released by the caller. No function prints,
 * exits, or keeps global state.
 */
#ifndef LAB_PLOTS_H
#define LAB_PLOTS_H

#include "common/lab_buf.h"
#include "common/lab_common.h"

#include <stddef.h>

/* Bit indexes into struct lab_plot_box.topcoded, one per published percentile. */
enum lab_plot_pct {
  LAB_PLOT_P10 = 0,
  LAB_PLOT_P25 = 1,
  LAB_PLOT_MEDIAN = 2,
  LAB_PLOT_P75 = 3,
  LAB_PLOT_P90 = 4,
  LAB_PLOT_NPCT = 5
};

/* The topcoded bit for percentile k (an enum lab_plot_pct). */
#define LAB_PLOT_TOPCODED(k) (1u << (unsigned)(k))

/* At most this many boxes (occupations) in one wage chart. */
#define LAB_PLOT_MAX_BOXES 60

/*
 * One occupation's published annual wage distribution.
 * Values are annual US dollars, finite and >= 0, or NAN when not published. Published values
 * must not decrease from p10 to p90 (NANs are skipped in that check).
 */
struct lab_plot_box {
  const char *label; /* e.g. "Health Information Technologists and Medical Registrars
                        (29-9021)"; borrowed; any text; not NULL */
  double p10, p25, median, p75, p90; /* annual dollars; NAN when not published */
  double mean;                       /* NAN when not published; never top-coded */
  unsigned topcoded; /* bit k (LAB_PLOT_TOPCODED(k)) set: value k is the top-code threshold, a
                        lower bound (BLS '#'); the value must then be finite, all top-coded
                        values must be equal and no lower than any other percentile */
};

/* How to draw a chart. All strings are borrowed for the duration of the call. */
struct lab_plot_opts {
  const char *title;   /* may contain anything; NULL or "" = no title */
  const char *caption; /* source, release, dollar basis; may contain anything; NULL = none */
  const char *format;  /* "png", "svg" or "pdf"; not NULL */
  const char *output;  /* output file path written into the script's `set output`; not NULL;
                          must not start with '|' (gnuplot would run it as a command) or '~'
                          (gnuplot would expand it), nor contain control characters or
                          invalid UTF-8 */
  int width, height;   /* pixels for png/svg (pdf: converted to inches at 100 px/in);
                          0 = default: width 1000, height 600 (taller when there are more than
                          five boxes, so that each keeps about 76 px); else 200..10000 */
  const char *font;    /* e.g. "Sans,11"; NULL = "Sans,11" */
};

/*
 * Build the complete gnuplot script for a wage-distribution box chart: one horizontal box per
 * occupation, in the order given, top to bottom. Whiskers span P10-P90, the box P25-P75, a
 * thick bar marks the median and a diamond the mean (all in the key); wages are in thousands
 * of dollars ("$150k") on an axis from $0. A top-coded value is drawn as an arrow ending at
 * the top-code threshold with a note such as "P90 >= $239,200 (top-coded)" (a real >= sign),
 * right of the arrow, or under it when the chart is too narrow. Missing (NAN) values are left
 * out. Occupation labels are wrapped (at most three lines); a label too long for that keeps a
 * trailing "(29-9021)" code and loses words before it. Title and caption are wrapped too.
 * The script sets the terminal and the output, holds the data in a `$wages` datablock, turns
 * enhanced text off and never pauses.
 *
 * boxes: n entries, borrowed. opts: borrowed. out: caller-owned buffer; the script is appended.
 * Returns LAB_OK; LAB_ERR_INVALID (with a message in err) for bad arguments (n == 0 or above
 * LAB_PLOT_MAX_BOXES, unknown format, bad size, negative or infinite value, percentiles out of
 * order, inconsistent top-coding, unsafe output path); LAB_ERR_NOMEM / LAB_ERR_TOOLARGE when
 * out cannot grow. Pure: no I/O and no global state; the same input gives the same bytes,
 * whatever the locale.
 */
lab_status lab_plot_wages_script(const struct lab_plot_box *boxes, size_t n,
                                 const struct lab_plot_opts *opts, struct lab_buf *out,
                                 struct lab_error *err);

/*
 * Run gnuplot on script[0..len): `gnuplot` is the program (a path, or a name looked up in PATH;
 * NULL = "gnuplot"), started with fork + execvp (no shell) and the option --default-settings
 * (no init files). The script is fed to its standard input; its standard error is captured
 * (the first 16 KiB); its standard output is discarded.
 *
 * output: the file the script writes (borrowed; NULL = do not check). After gnuplot exits, the
 * file must exist, be non-empty and have been (re)written by this run.
 *
 * Returns LAB_OK; LAB_ERR_INVALID for a NULL script; LAB_ERR_EXTERNAL when gnuplot cannot be
 * started (the message names the Debian package gnuplot-nox), when it exits non-zero or dies
 * (the message quotes gnuplot's error line from its standard error), or when the output file
 * is missing, empty or unchanged; LAB_ERR_IO when a pipe or process cannot be created.
 * Blocks until gnuplot exits. Not async-signal-safe; call from one thread at a time when other
 * threads may fork.
 */
lab_status lab_plot_render(const char *script, size_t len, const char *gnuplot, const char *output,
                           struct lab_error *err);

/*
 * Append text as a gnuplot string that gnuplot can never expand or execute. The result is a
 * gnuplot string expression made of single-quoted literals: 'Health ''IT''' is NOT used for an
 * apostrophe, because gnuplot 5.4's scanner only honours a doubled quote after another
 * character inside the string; instead each ' becomes '."\047".' (an octal escape in a
 * double-quoted literal, which keeps the number of quote characters on the line even, as
 * gnuplot's @macro scanner requires). Inside single quotes gnuplot expands no backquotes, no
 * @macros and no backslash escapes. The text is first cleaned as lab_plot_clean() does
 * (control characters -> spaces, invalid UTF-8 -> '?', "]]>" -> "]] >").
 *
 * Usable wherever gnuplot accepts a string expression (set title/label/output/xlabel, plot
 * title, font). Show the result with enhanced text off (noenhanced) so that it is literal.
 * text: borrowed, NUL-terminated; NULL is treated as "". out: caller-owned.
 * Returns LAB_OK, LAB_ERR_NOMEM or LAB_ERR_TOOLARGE.
 */
lab_status lab_plot_quote(struct lab_buf *out, const char *text);

/*
 * As lab_plot_quote(), but first word-wrap the text with lab_plot_wrap(text, width, max_lines)
 * and join the quoted lines with "\n", giving a multi-line gnuplot label.
 * Returns LAB_OK, LAB_ERR_INVALID (width or max_lines 0), LAB_ERR_NOMEM or LAB_ERR_TOOLARGE.
 */
lab_status lab_plot_quote_wrapped(struct lab_buf *out, const char *text, size_t width,
                                  size_t max_lines);

/*
 * Append text[0..len) as one double-quoted field of a gnuplot datablock line. Datablock lines
 * are stored verbatim by gnuplot (no backquote, macro or escape processing), and a field runs
 * from one double quote to the next, so the text is cleaned (lab_plot_clean()) and each
 * double quote in it becomes a single quote. text: borrowed (may be NULL when len is 0).
 * Returns LAB_OK, LAB_ERR_NOMEM or LAB_ERR_TOOLARGE.
 */
lab_status lab_plot_datum(struct lab_buf *out, const char *text, size_t len);

/*
 * Append text[0..len) cleaned for display: control characters (C0, DEL, C1) become spaces,
 * bytes that are not valid UTF-8 become '?', and "]]>" becomes "]] >" (gnuplot's SVG
 * terminal does not escape '>', and "]]>" is not allowed in XML text). text: borrowed.
 * Returns LAB_OK, LAB_ERR_NOMEM or LAB_ERR_TOOLARGE.
 */
lab_status lab_plot_clean(struct lab_buf *out, const char *text, size_t len);

/*
 * Append text cleaned (lab_plot_clean()), with runs of blanks collapsed and ends trimmed,
 * word-wrapped into at most max_lines lines of at most width characters (UTF-8 code points),
 * lines separated by '\n'. A word longer than width is cut; text that does not fit ends with
 * an ellipsis (U+2026). text: borrowed; NULL is treated as "". Returns LAB_OK, LAB_ERR_INVALID
 * (width < 4 or max_lines 0), LAB_ERR_NOMEM or LAB_ERR_TOOLARGE.
 */
lab_status lab_plot_wrap(struct lab_buf *out, const char *text, size_t width, size_t max_lines);

#endif
