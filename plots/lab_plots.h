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

#include <stdbool.h>
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
  double mu, sigma;  /* the lognormal fitted to the row (mean and standard deviation of
                        ln(annual wage)), drawn when lab_plot_opts.density is set; NAN (either
                        one) = no fit, no density for this row; else mu finite and sigma finite
                        and > 0. Ignored when density is off, so builders that leave them 0
                        still work then; set them to NAN when there is no fit. */
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
  bool density;        /* wage chart only (other kinds ignore it): draw each box's fitted
                          lognormal (lab_plot_box.mu, sigma) as a density above the box;
                          false (the zero value) = no density, the script is then exactly as
                          before this field existed */
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
 * With opts->density, each box whose mu and sigma are not NAN also gets its fitted lognormal
 * density drawn as a filled, semi-transparent curve above the box (half a violin), keyed
 * "Fitted lognormal density". The density is sampled here, at 96 whole-dollar wages evenly
 * spaced from the fit's 0.5th to its 99.5th percentile (no further than the axis maximum),
 * into a `$density` datablock (row, wage, pdf per dollar, curve top; a blank line between
 * rows). All rows share one scale: the highest sampled density of the chart reaches about
 * 0.38 of a row above its box, so areas compare across rows. The caller should say in the
 * caption what was fitted (e.g. "density: lognormal fitted to the published percentiles").
 *
 * boxes: n entries, borrowed. opts: borrowed. out: caller-owned buffer; the script is appended.
 * Returns LAB_OK; LAB_ERR_INVALID (with a message in err) for bad arguments (n == 0 or above
 * LAB_PLOT_MAX_BOXES, unknown format, bad size, negative or infinite value, percentiles out of
 * order, inconsistent top-coding, unsafe output path, with density a fit that is neither NAN
 * nor finite with sigma > 0); LAB_ERR_NOMEM / LAB_ERR_TOOLARGE when
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

/* ------------------------------------------------------------------------------------------ */
/* Trend, growth-vs-pay and projection charts (plot_trend.c, plot_growth_pay.c,              */
/* plot_projection.c; owner: the trend/growth-pay/projection charts).                         */
/* ------------------------------------------------------------------------------------------ */

/* The unit of a chart's value axis. */
enum lab_plot_axis_unit {
  LAB_PLOT_AXIS_DOLLARS_YEAR, /* annual wages: axis in thousands, "$120k" */
  LAB_PLOT_AXIS_DOLLARS_HOUR, /* hourly wages: "$45" */
  LAB_PLOT_AXIS_PERSONS,      /* employment: axis in thousands, "180k" */
  LAB_PLOT_AXIS_PLAIN         /* a ratio or index: plain numbers */
};

/* At most this many releases in a trend chart, breaks marked, bubbles or projection rows. */
#define LAB_PLOT_MAX_POINTS 64

/* One release of a trend series. */
struct lab_plot_trend_point {
  int year;       /* May release year, 1997..2100, strictly increasing along the series */
  double nominal; /* the published value; NAN when not published; else finite and > 0 */
  double real;    /* in dollars of the chart's CPI year; NAN when none */
  bool topcoded;  /* the value is the year's top-code, a lower bound (drawn as open markers) */
};

/* A break in the series, marked by a dashed vertical line with a label at its top. */
struct lab_plot_break {
  int year;          /* the first release after the break */
  const char *label; /* e.g. "SOC 2010 -> hybrid"; borrowed; any text; not NULL */
};

/*
 * A trend chart: the series, optionally the real series, the fitted log-linear trend with a
 * band, breaks, and (employment only) a projection with its band.
 * The band drawn around the fit is the slope's confidence interval pivoted at the mean year:
 * exp(intercept + b (t - year_mean)) for b at the two ends of the slope CI; it is zero-width at
 * the mean year and widens towards the ends. It does not include the intercept's uncertainty
 * (for a pure-slope reading: which growth rates the data allow).
 */
struct lab_plot_trend {
  enum lab_plot_axis_unit unit;
  const char *value_label; /* the value axis, e.g. "Annual median wage (US dollars)"; borrowed */
  const char *real_label;  /* key entry of the real series, e.g. "Real (2024 dollars)";
                              NULL = no real series drawn */
  const struct lab_plot_trend_point *points; /* n entries, borrowed */
  size_t n;                                  /* 1..LAB_PLOT_MAX_POINTS */
  const struct lab_plot_break *breaks;       /* nbreaks entries, borrowed; may be NULL */
  size_t nbreaks;                            /* 0..LAB_PLOT_MAX_POINTS */
  bool have_fit;        /* draw the fit (fields below); fitted on the nominal values */
  bool fit_real;        /* the fit is on the real values (drawn in the real colour) */
  double fit_year_mean; /* lab_trend_fit year_mean, intercept, slope */
  double fit_intercept, fit_slope;
  double fit_slope_lo, fit_slope_hi; /* the slope's CI; NAN = no band (n == 2) */
  double fit_first, fit_last;        /* years spanned by the drawn fit */
  const char *fit_label;             /* key entry, e.g. "Trend +3.5%/yr (95% CI 2.9-4.1)" */
  bool have_proj;                    /* draw a projection (fields below) */
  int proj_base_year, proj_year;     /* proj_base_year < proj_year <= 2100 */
  double proj_base, proj_value;      /* employment at the two years, finite, >= 0 */
  double proj_lo, proj_hi;           /* the band at proj_year, lo <= value <= hi */
  const char *proj_label;            /* key entry, e.g. "BLS projection 2024-34 (+-13.9 pp)" */
};

/*
 * Build the gnuplot script of a trend chart: years on the horizontal axis, the value on the
 * vertical one; the nominal series as a line with filled markers (open where top-coded: a lower
 * bound), the real series as a second line, the fit as a dashed line in a shaded band, breaks
 * as dashed vertical lines labelled at the top, the projection as a dotted line in a fan.
 * t, opts: borrowed. out: caller-owned; the script is appended. Returns LAB_OK; LAB_ERR_INVALID
 * (message in err) for bad arguments (no points, too many, years out of order, a value not
 * finite or <= 0, a bad band or projection, the checks of the wage chart on opts);
 * LAB_ERR_NOMEM / LAB_ERR_TOOLARGE when out cannot grow. Pure; the same input gives the same
 * bytes.
 */
lab_status lab_plot_trend_script(const struct lab_plot_trend *t, const struct lab_plot_opts *opts,
                                 struct lab_buf *out, struct lab_error *err);

/* One bubble of a growth-vs-pay chart. */
struct lab_plot_bubble {
  const char *label; /* short label, e.g. "Information Security Analysts (15-1212)"; borrowed */
  double growth_pct; /* projected 10-year employment change, percent; finite */
  double wage;       /* median annual wage, dollars; finite, > 0 */
  double emp;        /* base employment, persons; finite, > 0 (bubble area proportional) */
};

/* A growth-vs-pay chart. */
struct lab_plot_growth_pay {
  const struct lab_plot_bubble *bubbles; /* n entries, borrowed; 1..LAB_PLOT_MAX_POINTS */
  size_t n;
  double ref_growth_pct; /* "all occupations" growth, percent; NAN = no reference line */
  double ref_wage;       /* "all occupations" median annual wage; NAN = no reference line */
  const char *xlabel;    /* e.g. "Projected employment change 2024-34 (%)"; borrowed */
};

/*
 * Build the script of a growth-vs-pay bubble chart: projected growth (x, percent) against the
 * median annual wage (y, thousands of dollars), bubble area proportional to base employment,
 * every bubble labelled (labels nudged apart deterministically, with a leader line when moved),
 * the reference lines dashed. Returns as lab_plot_trend_script() does.
 */
lab_status lab_plot_growth_pay_script(const struct lab_plot_growth_pay *g,
                                      const struct lab_plot_opts *opts, struct lab_buf *out,
                                      struct lab_error *err);

/* One row of a projection chart. */
struct lab_plot_proj_row {
  const char *label;         /* borrowed */
  double emp_base, emp_proj; /* persons; finite, >= 0, emp_base > 0 */
  double band_lo, band_hi;   /* the band of emp_proj; band_lo <= emp_proj <= band_hi */
  double openings;           /* annual average openings; NAN when not published */
  double pct_change;         /* the published percent change (BLS computes it from unrounded
                                employment); NAN = computed from emp_base and emp_proj */
};

/* A projection chart. */
struct lab_plot_projection {
  const struct lab_plot_proj_row *rows; /* n entries, borrowed; 1..LAB_PLOT_MAX_POINTS */
  size_t n;
  int base_year, proj_year; /* e.g. 2024, 2034 */
};

/*
 * Build the script of a projection chart: two panels side by side sharing the rows; left,
 * paired horizontal bars of base and projected employment with the band as an error bar on the
 * projected bar; right, annual openings as a lollipop. Returns as lab_plot_trend_script() does.
 */
lab_status lab_plot_projection_script(const struct lab_plot_projection *p,
                                      const struct lab_plot_opts *opts, struct lab_buf *out,
                                      struct lab_error *err);

/* ------------------------------------------------------------------------------------------ */
/* Area comparison and state map (plot_compare.c, plot_map.c; owner: the compare/map charts). */
/* ------------------------------------------------------------------------------------------ */

/* At most this many bars (areas) in one comparison chart. */
#define LAB_PLOT_MAX_BARS 600

/* One area's value in a comparison chart. */
struct lab_plot_bar {
  const char *label; /* area name, e.g. "California"; borrowed; any text; not NULL */
  double value;      /* US dollars, finite and >= 0 */
  double lo, hi;     /* 95% confidence interval in dollars, both NAN when none (no RSE
                        published); else finite with 0 <= lo <= value <= hi */
  bool topcoded;     /* value is a lower bound (BLS '#'): shown with a >= sign */
};

/* A comparison chart's data. Strings are borrowed for the duration of the call. */
struct lab_plot_compare {
  const struct lab_plot_bar *bars; /* n entries, any order (they are sorted); borrowed */
  size_t n;                        /* 1..LAB_PLOT_MAX_BARS */
  double reference;                /* the national value (dollars) drawn as a dashed vertical
                                      line, or NAN for none; finite and >= 0 otherwise */
  const char *reference_label;     /* key text of the line, e.g. "U.S.: $65,470"; NULL =
                                      "U.S." */
  const char *bar_label;           /* key text of the bars, e.g. "Annual mean wage"; NULL =
                                      "Value" */
  const char *axis_label;          /* value axis; NULL = "Annual wage (US dollars, thousands)" */
};

/*
 * Build the gnuplot script of an area comparison: one horizontal bar per area, sorted from the
 * highest value (top) to the lowest (ties by label), on a dollar axis from $0 in thousands
 * ("$150k"), each with its value written at its end ("$123,450"; "≥ $239,200" when top-coded).
 * Bars with an interval get a black 95% error bar; when some bars have an interval and others
 * do not, those without are drawn in a lighter tint and their value is marked "(no RSE)" (the
 * key explains it); when no bar has one, all are drawn alike and the caption should say why.
 * The reference line is dashed vermillion with its own key entry. Area labels are wrapped
 * into at most two lines. The default height gives each bar about 22 px (two-line labels
 * about 34 px) plus room for title, key and caption; the default width is 1000 px.
 *
 * c, opts: borrowed. out: caller-owned buffer; the script is appended.
 * Returns LAB_OK; LAB_ERR_INVALID (with a message in err) for bad arguments (no bars, more
 * than LAB_PLOT_MAX_BARS, NULL label, negative or infinite value, an interval not around its
 * value or only half given, bad reference, unknown format, bad size, unsafe output path);
 * LAB_ERR_NOMEM / LAB_ERR_TOOLARGE when out cannot grow. Pure; the same input gives the same
 * bytes whatever the locale.
 */
lab_status lab_plot_compare_script(const struct lab_plot_compare *c,
                                   const struct lab_plot_opts *opts, struct lab_buf *out,
                                   struct lab_error *err);

/* How a map's values are written. */
enum lab_plot_unit {
  LAB_PLOT_UNIT_DOLLARS, /* "$98.1k" in tiles, "$90k" at breaks */
  LAB_PLOT_UNIT_PERCENT, /* a signed change: "+12.3%" ("decimals" places) */
  LAB_PLOT_UNIT_NUMBER   /* a plain number: "1.23" ("decimals" places) */
};

/* Largest tile grid: columns and rows 0..LAB_PLOT_MAX_GRID - 1. */
#define LAB_PLOT_MAX_GRID 40

/* One state's square in a tile-grid map. */
struct lab_plot_tile {
  const char *postal; /* "CA", shown in the tile; borrowed; any text; not NULL */
  int col, row;       /* 0-based grid position, row 0 on top; unique per tile */
  double value;       /* finite, or NAN for no data (grey tile labelled "n/a") */
};

/* A tile-grid map's data. */
struct lab_plot_map {
  const struct lab_plot_tile *tiles; /* n entries, borrowed */
  size_t n;                          /* 1..LAB_PLOT_MAX_GRID * LAB_PLOT_MAX_GRID */
  const char *legend_title;          /* e.g. "Annual median wage"; borrowed; NULL = none */
  enum lab_plot_unit unit;
  int decimals; /* PERCENT and NUMBER: digits after the point, 0..3 */
};

/*
 * Build the gnuplot script of a U.S. tile-grid map: each tile a square at (col, row) coloured
 * by its value's class, with the postal code and the value written in it (white on dark
 * colours, black on light ones). Classes are equal intervals on "nice" breaks (a step of 1,
 * 2, 2.5 or 5 times a power of ten; at most six classes) spanning the finite values; colours
 * are sampled from viridis (colour-blind safe, readable in grey scale). The legend under the
 * map shows the legend title, a swatch per class with the breaks written under the swatch
 * edges, and a grey "n/a" swatch when a tile has no value. Default size 1000 x 760 px.
 *
 * m, opts: borrowed. out: caller-owned buffer; the script is appended.
 * Returns LAB_OK; LAB_ERR_INVALID (with a message in err) for bad arguments (no tiles, a NULL
 * postal code, a position outside the grid or taken twice, an infinite value, no finite value
 * at all, bad unit or decimals, unknown format, bad size, unsafe output path);
 * LAB_ERR_NOMEM / LAB_ERR_TOOLARGE when out cannot grow. Pure; same input, same bytes.
 */
lab_status lab_plot_map_script(const struct lab_plot_map *m, const struct lab_plot_opts *opts,
                               struct lab_buf *out, struct lab_error *err);

/* ------------------------------------------------------------------------------------------ */
/* Industry shares (plot_sectors.c; owner: the sectors chart).                                */
/* ------------------------------------------------------------------------------------------ */

/* At most this many industries in one industry-shares chart. */
#define LAB_PLOT_MAX_SECTORS 200

/* One industry's employment of the occupation. */
struct lab_plot_sector {
  const char *label; /* e.g. "Health Care and Social Assistance (62)"; borrowed; any text;
                        not NULL */
  double emp;        /* persons; finite and >= 0, no more than the total; NAN when not
                        published (BLS '**') */
};

/* An industry-shares chart's data. */
struct lab_plot_sectors {
  const struct lab_plot_sector *sectors; /* n entries, any order (they are sorted); borrowed */
  size_t n;                              /* 1..LAB_PLOT_MAX_SECTORS */
  double total;                          /* the occupation's cross-industry employment of the
                                            same area and year, persons; finite and > 0 */
  const char *other_label;               /* label of the remainder bar; NULL = "Other
                                            industries" */
};

/*
 * Build the gnuplot script of an industry-shares chart: one horizontal bar per industry, its
 * share of the occupation's employment (100 * emp / total, percent) on an axis from 0%, sorted
 * from the largest share (top) to the smallest (ties by label), each with its employment and
 * share written at its end ("24,640 (71.6%)"). When the published industries sum to less than
 * the total, a grey remainder bar (other_label) holds the difference, below them; industries
 * whose employment is not published come last, without a bar, marked "n/a". Labels are
 * wrapped into at most two lines (a trailing "(62)" code is kept). Default width 1000 px, the
 * height from the number of rows.
 *
 * s, opts: borrowed. out: caller-owned buffer; the script is appended.
 * Returns LAB_OK; LAB_ERR_INVALID (with a message in err) for bad arguments (no industries,
 * more than LAB_PLOT_MAX_SECTORS, a NULL label, a negative or infinite employment or one above
 * the total, a total not finite and > 0, unknown format, bad size, unsafe output path);
 * LAB_ERR_NOMEM / LAB_ERR_TOOLARGE when out cannot grow. Pure; same input, same bytes,
 * whatever the locale.
 */
lab_status lab_plot_sectors_script(const struct lab_plot_sectors *s,
                                   const struct lab_plot_opts *opts, struct lab_buf *out,
                                   struct lab_error *err);

#endif
