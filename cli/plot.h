/*
 * plot.h - (cli/) `laborstat plot KIND`: the kinds, their shared options and the shared last
 * step (render, and write the gnuplot script beside the chart).
 */
#ifndef LAB_CLI_PLOT_H
#define LAB_CLI_PLOT_H

#include "cli/cli.h"
#include "common/lab_buf.h"
#include "plots/lab_plots.h"

/* Options every chart kind takes. */
struct cli_plot_opts {
  const char *out;   /* --out FILE.png|svg|pdf */
  const char *area;  /* --area */
  const char *font;  /* --font */
  int year;          /* --year, 0 = latest */
  int width, height; /* --size WxH, 0 = the chart's default */
};

/* The option table entries of the shared options; a kind lists them with its own. */
#define CLI_PLOT_OPT_AREA 2001
#define CLI_PLOT_OPT_FONT 2002
#define CLI_PLOT_OPT_OUT 2003
#define CLI_PLOT_OPT_SIZE 2004
#define CLI_PLOT_OPT_YEAR 2005
#define CLI_PLOT_OPTIONS                                                                           \
  {"area", required_argument, NULL, CLI_PLOT_OPT_AREA},                                            \
      {"font", required_argument, NULL, CLI_PLOT_OPT_FONT},                                        \
      {"out", required_argument, NULL, CLI_PLOT_OPT_OUT},                                          \
      {"size", required_argument, NULL, CLI_PLOT_OPT_SIZE},                                        \
  {                                                                                                \
    "year", required_argument, NULL, CLI_PLOT_OPT_YEAR                                             \
  }

/* Apply a shared option; false when `code` is not one. *rc gets a usage error's exit code. */
bool cli_plot_option(struct cli_plot_opts *po, int code, const char *arg, int *rc);

/* Check --out after parsing; returns CLI_EXIT_OK or a usage error's exit code. */
int cli_plot_check_out(const struct cli_plot_opts *po);

/* "png", "svg" or "pdf" from a file name, or NULL. */
const char *cli_plot_format(const char *path);

/* Fill the lab_plot_opts of a chart from po, title and caption (borrowed). */
void cli_plot_fill(struct lab_plot_opts *o, const struct cli_plot_opts *po, const char *title,
                   const char *caption);

/*
 * The last step of every kind: write the script beside the chart as FILE.gp (so that plain
 * `gnuplot FILE.gp` renders it again), run gnuplot on it, report. Returns the exit code.
 */
int cli_plot_finish(struct cli_ctx *ctx, const struct cli_plot_opts *po,
                    const struct lab_buf *script);

/* A chart kind: `laborstat plot NAME ...`. */
struct cli_plot_kind {
  const char *name;
  const char *usage;   /* "laborstat plot wages OCC|ROLE... [--area A] ..." */
  const char *summary; /* one line for the help */
  int (*run)(struct cli_ctx *ctx, int argc, char **argv); /* argv[0] is the kind's name */
};

extern const struct cli_plot_kind cli_plot_wages;

#endif
