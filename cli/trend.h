/*
 * trend.h - (cli/) shared by the files of `laborstat trend`: the series of one OEWS cell across
 * May releases and SOC editions (trend_series.c), its values, breaks and fits (trend_fit.c), and
 * its output formats (trend_print.c); cmd_trend.c parses the options and runs the steps.
 *
 * Ownership: struct trend owns p, notes.v and breaks (freed by the command's run()); the store
 * and occ are borrowed.
 */
#ifndef LAB_CLI_TREND_H
#define LAB_CLI_TREND_H

#include "analyzer/lab_trend.h"
#include "cli/cli.h"

#include <stdbool.h>
#include <stddef.h>

#define NOTE_SIZE 512

enum basis { BASIS_NOMINAL, BASIS_REAL };

struct trend_opts {
  const char *area;
  int from, to;
  enum lab_measure m;
  enum basis basis;
  int base_year; /* 0 = the latest CPI year */
  bool follow_aggregates;
  bool fit_only;
};

struct point {
  struct lab_oews_cell cell;
  bool aggregate; /* a predecessor that also holds other occupations (--follow-aggregates) */
  double real;    /* NAN when not computed */
  double topcode; /* the year's top-code for this measure; NAN when unknown or not applicable */
  bool in_fit_nominal, in_fit_real;
  char notes[NOTE_SIZE];
};

struct text_list {
  char (*v)[NOTE_SIZE];
  size_t n, cap;
};

struct brk {
  int year;
  const char *kind; /* "soc_edition", "occ_code", "topcode" */
  char from[32], to[32];
  char text[256];
};

struct trend {
  struct lab_store *s;
  const char *occ;
  struct trend_opts o;
  struct lab_area area;
  struct point *p;
  size_t n, cap;
  struct text_list notes;
  struct brk *breaks;
  size_t nbreaks;
  bool have_cpi;
  double cpi_base;
  char cpi_vintage[32];
  struct lab_trend_fit fit[2];
  bool fitted[2];
};

/* Append a formatted note to l (grown as needed); LAB_ERR_NOMEM when out of memory. */
lab_status cli_trend_note_add(struct text_list *l, struct lab_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Append a formatted note to the point's notes, "; "-separated; cut to fit. */
void cli_trend_point_note(struct point *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The value of measure m for tables: "$62,990", "$30.28", "34,430"; "" for NAN. */
void cli_trend_format_value(enum lab_measure m, double v, char *out, size_t size);

/* Build t->p: the exact code's cells, followed back through older SOC editions where the
 * crosswalk allows, sorted by year and cut to --from/--to; notes say where and why it stops. */
lab_status cli_trend_series(struct trend *t, struct lab_error *err);

/* Top-codes, real values and which points enter the fit, with their notes. */
lab_status cli_trend_mark_values(struct trend *t, struct lab_error *err);

/* The breaks between adjacent points: SOC edition, occupation code, top-code. */
lab_status cli_trend_mark_breaks(struct trend *t, struct lab_error *err);

/* The log-linear fit on basis b (t->fit[b], t->fitted[b]); too few years is a note. */
lab_status cli_trend_fit_basis(struct trend *t, enum basis b, struct lab_error *err);

/* Print the trend in format fmt (table, CSV or JSON; --fit-only honoured) to stdout. */
void cli_trend_print(const struct trend *t, enum cli_format fmt);

#endif
