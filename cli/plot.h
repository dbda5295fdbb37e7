/*
 * plot.h - (cli/) `laborstat plot KIND`: the kinds, their shared options and the shared last
 * step (render, and write the gnuplot script beside the chart).
 */
#ifndef LAB_CLI_PLOT_H
#define LAB_CLI_PLOT_H

#include "analyzer/lab_trend.h"
#include "cli/cli.h"
#include "common/lab_buf.h"
#include "plots/lab_plots.h"

/* Options every chart kind takes. */
struct cli_plot_opts {
  const char *out;        /* --out FILE.png|svg|pdf */
  const char *area;       /* --area */
  const char *font;       /* --font */
  int year;               /* --year, 0 = latest */
  int width, height;      /* --size WxH, 0 = the chart's default */
  bool force;             /* --force: overwrite an existing chart */
  struct lab_buf *script; /* where a kind's build() leaves the script; borrowed, set by build */
};

/* The option table entries of the shared options; a kind lists them with its own. */
#define CLI_PLOT_OPT_AREA 2001
#define CLI_PLOT_OPT_FONT 2002
#define CLI_PLOT_OPT_OUT 2003
#define CLI_PLOT_OPT_SIZE 2004
#define CLI_PLOT_OPT_YEAR 2005
#define CLI_PLOT_OPT_FORCE 2006
#define CLI_PLOT_OPTIONS                                                                           \
  {"area", required_argument, NULL, CLI_PLOT_OPT_AREA},                                            \
      {"force", no_argument, NULL, CLI_PLOT_OPT_FORCE},                                            \
      {"font", required_argument, NULL, CLI_PLOT_OPT_FONT},                                        \
      {"out", required_argument, NULL, CLI_PLOT_OPT_OUT},                                          \
      {"size", required_argument, NULL, CLI_PLOT_OPT_SIZE},                                        \
  {                                                                                                \
    "year", required_argument, NULL, CLI_PLOT_OPT_YEAR                                             \
  }

/* Apply a shared option; false when `code` is not one. *rc gets a usage error's exit code. */
bool cli_plot_option(struct cli_plot_opts *po, int code, const char *arg, int *rc);

/* Check --out after parsing: a usage error without a chart type; exit 1 when FILE or FILE.gp
 * exists and --force was not given (charts are never overwritten silently). Returns the exit
 * code. */
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

/* Called with each `$NAME << EOD` datablock of a script as CSV (its `# ...` comment line is the
 * header); index counts the datablocks from 0. */
typedef lab_status (*cli_plot_data_cb)(void *ctx, const char *name, size_t index,
                                       const struct lab_buf *csv, struct lab_error *err);

/* Hand every datablock of script to cb as CSV. */
lab_status cli_plot_datablocks(const struct lab_buf *script, cli_plot_data_cb cb, void *ctx,
                               struct lab_error *err);

/* A chart kind: `laborstat plot NAME ...`. */
struct cli_plot_kind {
  const char *name;
  const char *usage;   /* "laborstat plot wages OCC|ROLE... [--area A] ..." */
  const char *summary; /* one line for the help */
  int (*run)(struct cli_ctx *ctx, int argc, char **argv); /* argv[0] is the kind's name */
  /*
   * Parse the kind's arguments exactly as run does (argv[0] is the kind's name; the caller sets
   * optind = 0 first) and append the finished gnuplot script to `script` (caller-owned, borrowed)
   * without rendering or writing anything. po: zeroed by the caller, filled from the options.
   * Returns the exit code run would give (usage and data errors are printed). NULL when the
   * kind has no separate build step.
   */
  int (*build)(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po,
               struct lab_buf *script);
};

/* The most script bytes a kind may build (the lab_buf limit). */
#define CLI_PLOT_SCRIPT_MAX (8u << 20)

/* run of a kind with a build step: build into a new buffer, then cli_plot_finish(). */
int cli_plot_run(struct cli_ctx *ctx, const struct cli_plot_kind *kind, int argc, char **argv);

/* The chart kind called `name` (cli/cmd_plot.c), or NULL. The result is static. */
const struct cli_plot_kind *cli_plot_kind_find(const char *name);

extern const struct cli_plot_kind cli_plot_wages;
extern const struct cli_plot_kind cli_plot_compare; /* cli/plot_compare.c */
extern const struct cli_plot_kind cli_plot_map;     /* cli/plot_map.c */
/* plot_trend.c, plot_growth_pay.c, plot_projection.c (owner: trend/growth-pay/projection). */
extern const struct cli_plot_kind cli_plot_trend;
extern const struct cli_plot_kind cli_plot_growth_pay;
extern const struct cli_plot_kind cli_plot_projection;
extern const struct cli_plot_kind cli_plot_sectors; /* cli/plot_sectors.c */

/* One occupation's or role's projection and pay, for the growth-pay and projection charts
 * (cli/plot_projection.c). */
struct cli_plot_proj {
  char label[160];  /* "Information Security Analysts (15-1212)" (title cut) or a role title */
  char vintage[16]; /* "2024-2034" */
  int base_year, proj_year;
  struct lab_proj_figures f; /* base, projected, percent change, openings (NAN: none) */
  struct lab_proj_band band; /* the error band (lab_proj_band_halfwidth) */
  double wage;               /* median annual wage, NAN when none */
  int wage_year;             /* its OEWS May year (0 = as published with the projection) */
};

/*
 * The rows of `--role PRESET` (one per role) or `--occ LIST` (comma-separated SOC codes) for the
 * area `area_text` (NULL = the nation), opening the store. *rows: a new array of *n rows, freed
 * by the caller with free(). Prints nothing; usage problems are LAB_ERR_INVALID, unknown roles
 * LAB_ERR_NOTFOUND.
 */
lab_status cli_plot_proj_rows(struct cli_ctx *ctx, const char *role, const char *occs,
                              const char *area_text, struct lab_store **store,
                              struct lab_area *area, struct cli_plot_proj **rows, size_t *n,
                              struct lab_error *err);

/* Parse `--role PRESET | --occ LIST` and the chart options (role/occs borrowed from argv);
 * CLI_EXIT_OK or a usage error's exit code. */
int cli_plot_proj_parse(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po,
                        const char **role, const char **occs);

/* The exit code for a cli_plot_proj_rows() error: usage for bad lists and unknown roles. */
int cli_plot_proj_fail(const struct lab_error *err);

#endif
