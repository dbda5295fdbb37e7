/*
 * stats.h - (cli/) shared by the files of `laborstat stats`: reading the columns of the user's
 * CSV file (stats_read.c), `stats summary` (stats_summary.c) and `stats regress`
 * (stats_regress.c); cmd_stats.c parses the options.
 *
 * Ownership: struct collect owns its columns (freed by cli_stats_collect_release()); file and
 * want are borrowed. regress_args borrows its strings from argv (xlist is split in place).
 */
#ifndef LAB_CLI_STATS_H
#define LAB_CLI_STATS_H

#include "cli/cli.h"

#include <stdbool.h>
#include <stddef.h>

#define STATS_MAX_X 64

/* One column the sink collects. */
struct column {
  char *name;     /* header text (owned) */
  size_t field;   /* 0-based field index in each row */
  double *v;      /* the numbers, in file order (owned) */
  size_t n, cap;  /* numbers collected */
  size_t missing; /* empty / NA cells */
  size_t text;    /* cells that are neither numbers nor missing */
};

/* The sink: which columns to take, and what it collected. */
struct collect {
  const char *file;
  const char *const *want; /* names to take; NULL = every column */
  size_t nwant;
  bool strict;        /* a missing or non-numeric cell is an error (regress) */
  struct column *col; /* ncol entries (owned) */
  size_t ncol;
  size_t nheader; /* fields in the header */
  size_t rows;
};

struct regress_args {
  const char *y;
  char *xlist; /* --x value, split in place into x[] */
  const char *x[STATS_MAX_X];
  size_t nx;
  long degree;
  bool intercept;
};

/* Free what c collected (c stays valid and empty). */
void cli_stats_collect_release(struct collect *c);

/* Read `path` and collect the named columns (all columns when want == NULL). */
lab_status cli_stats_collect_file(const char *path, const char *const *want, size_t nwant,
                                  bool strict, struct collect *c, struct lab_error *err);

/* A number for output: round-trip text for CSV and JSON, 10 significant digits for the text
 * table; "" (JSON null) when it is not finite. */
void cli_stats_num_text(double v, bool table, char *out, size_t size);

/* `stats summary FILE [--column NAME]`; returns the exit code. */
int cli_stats_run_summary(struct cli_ctx *ctx, const char *path, const char *column);

/* `stats regress FILE --y --x ...`; returns the exit code. */
int cli_stats_run_regress(struct cli_ctx *ctx, const char *path, struct regress_args *a);

/* Split --x "a,b,c" in place into a->x; a usage error code when malformed. */
int cli_stats_split_x(struct regress_args *a);

#endif
