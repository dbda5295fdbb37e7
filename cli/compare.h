/*
 * compare.h - (cli/) shared by the files of `laborstat compare OCC`: loading the areas and
 * evaluating the measure, the LQ and the tests (compare_eval.c), the text output
 * (compare_text.c) and the CSV/JSON output (compare_data.c); cmd_compare.c parses the options
 * and runs the steps.
 *
 * Ownership: entries are caller-owned arrays; compare_opts borrows its strings from argv and
 * the --areas list.
 */
#ifndef LAB_CLI_COMPARE_H
#define LAB_CLI_COMPARE_H

#include "analyzer/lab_compare.h"
#include "cli/cli.h"

#include <stdbool.h>
#include <stddef.h>

#define MAX_AREAS 64
#define TOTAL_OCC "00-0000"

struct entry {
  struct lab_oews_cell cell;
  bool is_ref;            /* the national reference row */
  bool has_value;         /* value holds a number (an estimate, or a lower bound) */
  bool lower_bound;       /* top-coded: value is the threshold */
  double value, se;       /* in the chosen basis; se NAN = no CI */
  struct lab_interval ci; /* 95% CI when se is known */
  double published;       /* loc_quotient / jobs_1000: the published value, NAN when none */
  bool have_lq;           /* lq: LQ and jobs per 1,000 recomputed from employment */
  struct lab_cmp_lq lq;   /* (never price-adjusted) */
  double rpp;             /* --basis rpp: the parity used (U.S. = 100), else NAN */
  int rpp_year;           /* the RPP year used; 0 for the nation (100 by definition) */
  char note[160];
  /* the area's all-occupation total for the same year, when loaded with the cells
   * (cli_compare_load_areas); otherwise cli_compare_evaluate looks it up */
  bool total_known, have_total;
  struct lab_oews_cell total;
};

struct compare_opts {
  const char *occ;
  char *areas[MAX_AREAS];
  size_t nareas;
  int year;
  enum lab_measure measure;
  bool rpp;
  bool pairs;
};

struct pair_result {
  bool tested;
  struct lab_cmp_diff d;
  char verdict[256];
};

/* Whether m is recomputed from employment (loc_quotient, jobs_1000) rather than read. */
bool cli_compare_measure_derived(enum lab_measure m);

/* The z-test of a against b (r->tested false, with the reason in r->verdict, when there is
 * none). */
void cli_compare_test_pair(const struct entry *a, const struct entry *b, struct pair_result *r);

/* The pairs tested: (i, 0) for every later area, or every (i, j) with i < j under --pairs. */
bool cli_compare_pair_wanted(const struct compare_opts *o, size_t i, size_t j);

/* The cells of every area for one May year: the year asked for, else the latest year that
 * every area has. ent has o->nareas entries. */
lab_status cli_compare_load_areas(struct lab_store *s, const struct compare_opts *o,
                                  struct entry *ent, struct lab_error *err);

/* Fill entry e's value in the chosen measure and basis (nat, nat_total may be NULL). */
lab_status cli_compare_evaluate(struct lab_store *s, const struct compare_opts *o, struct entry *e,
                                const struct lab_oews_cell *nat,
                                const struct lab_oews_cell *nat_total, struct lab_error *err);

/* "BLS OEWS May 2024, state cross-industry estimates (laborstat snapshot); ..." */
void cli_compare_sources_text(const struct entry *ent, size_t n, char *out, size_t size);

/* The dollar basis in words ("" for a measure that is not in dollars). */
void cli_compare_basis_text(const struct compare_opts *o, const struct entry *ent, size_t n,
                            char *out, size_t size);

/* The text tables: the areas, the LQ check, the tests; then source and notes (ref may be NULL). */
lab_status cli_compare_print_text(const struct compare_opts *o, const struct entry *ent, size_t n,
                                  const struct entry *ref, bool us_listed, const char *basis,
                                  const char *source, struct lab_error *err);

/* CSV or JSON: one row per area and test, plus the reference row (ref may be NULL). */
lab_status cli_compare_print_data(const struct compare_opts *o, const struct entry *ent, size_t n,
                                  const struct entry *ref, const char *basis, const char *source,
                                  enum cli_format fmt, struct lab_error *err);

#endif
