/*
 * rank.h - (cli/) shared by the files of `laborstat rank`: the values and the ranking
 * (rank_eval.c) and the output (rank_print.c); cmd_rank.c parses the options and runs the steps.
 *
 * Ownership: entries and struct cells are caller-owned (cells.v freed by the caller); rank_opts
 * borrows its strings from argv.
 */
#ifndef LAB_CLI_RANK_H
#define LAB_CLI_RANK_H

#include "analyzer/lab_compare.h"
#include "cli/cli.h"

#include <stdbool.h>
#include <stddef.h>

struct entry {
  struct lab_oews_cell cell;
  bool has_value;         /* value holds a number (an estimate, or a lower bound) */
  bool lower_bound;       /* top-coded: value is the threshold */
  double value, se;       /* in the chosen basis; se NAN = no CI */
  struct lab_interval ci; /* when se is known */
  double published;       /* loc_quotient / jobs_1000: the published value, NAN when none */
  double rpp;             /* --basis rpp: the parity used, else NAN */
  int rpp_year;
  size_t rank_lo, rank_hi, group; /* 0 = not ranked */
  char note[160];
};

struct rank_opts {
  const char *occ;
  const char *by; /* "state" or "msa" */
  int year;
  enum lab_measure measure;
  bool rpp;
  long top; /* 0 = all */
};

struct cells {
  struct lab_oews_cell *v;
  size_t n, cap;
};

/* Whether m is recomputed from employment (loc_quotient, jobs_1000) rather than read. */
bool cli_rank_measure_derived(enum lab_measure m);

/* A lab_cell_cb appending each cell to the struct cells at ctx. */
lab_status cli_rank_collect(void *ctx, const struct lab_oews_cell *c, struct lab_error *err);

/* The cell of area `area` in cs, or NULL. */
const struct lab_oews_cell *cli_rank_find_area(const struct cells *cs, const char *area);

/* The measure straight from e->cell: a published value with its RSE-based CI. */
void cli_rank_value_from_cell(struct entry *e, enum lab_measure m);

/* LQ or jobs per 1,000 recomputed from employment (total, nat, nat_total may be NULL). */
void cli_rank_value_derived(struct entry *e, enum lab_measure m, const struct lab_oews_cell *total,
                            const struct lab_oews_cell *nat, const struct lab_oews_cell *nat_total);

/* --basis rpp: divide e's wages by the state's price parity / 100. */
lab_status cli_rank_apply_rpp(struct lab_store *s, struct entry *e, struct lab_error *err);

/* Rank ent[0..n): order receives the indexes in rank order, *nranked how many are ranked. */
lab_status cli_rank_entries(struct entry *ent, size_t n, size_t *order, size_t *nranked,
                            struct lab_error *err);

/* The dollar basis in words ("" for a measure that is not in dollars). */
void cli_rank_basis_text(const struct rank_opts *o, const struct entry *ent, size_t n, char *out,
                         size_t size);

/* CSV or JSON: one row per area, in rank order. */
lab_status cli_rank_print_data(const struct rank_opts *o, const struct entry *ent,
                               const size_t *order, size_t n, size_t nranked, const char *basis,
                               const char *source, enum cli_format fmt, struct lab_error *err);

/* The text table with the national reference (ref may be NULL) and notes. */
lab_status cli_rank_print_text(const struct rank_opts *o, const struct entry *ent,
                               const size_t *order, size_t n, size_t nranked,
                               const struct entry *ref, const char *basis, const char *source,
                               struct lab_error *err);

#endif
