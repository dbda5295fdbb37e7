/*
 * wages.h - (cli/) shared by `wages` and `plot wages`: resolving what the user named to OEWS
 * cells, and describing a cell's release for captions.
 */
#ifndef LAB_CLI_WAGES_H
#define LAB_CLI_WAGES_H

#include "cli/cli.h"
#include "cli/wages_fit.h"

/*
 * Look up the cross-industry cell of each occupation code in occs[0..n) for area `area_text`
 * (NULL = the nation) and May `year` (0 = latest with data). out has n entries.
 */
lab_status cli_wages_cells(struct lab_store *s, char *const *occs, size_t n, const char *area_text,
                           int year, struct lab_oews_cell *out, struct lab_error *err);

/* "BLS OEWS May 2023, national cross-industry estimates (laborstat snapshot)". */
void cli_cell_source(const struct lab_oews_cell *c, char *out, size_t size);

/* Text of one measure for tables: "$62,990", "$30.28", "34,430", ">= $239,200 (top-coded)",
 * "not available (*)". */
void cli_measure_text(enum lab_measure m, const struct lab_value *v, char *out, size_t size);

/* One cell of `wages` output: the estimates, the dollar basis it is in, the fit. */
struct cli_wages_item {
  struct lab_oews_cell cell;
  char detail[256]; /* the dollar basis in words */
  struct cli_fit fit;
};

/* Print items in fmt; basis is "nominal", "real" or "rpp"; req lists the requested quantiles
 * and wages (their results are in each item's fit). */
void cli_wages_print(const struct cli_wages_item *items, size_t n,
                     const struct cli_fit_request *req, const char *basis, enum cli_format fmt);

/* `wages ROLE...`: print the distribution of every role of set in area (canonical code), May
 * year (0 = latest), basis b (prepared), in fmt. */
struct lab_roles;
struct cli_basis;
lab_status cli_wages_roles(struct lab_store *s, const struct lab_roles *set, const char *area,
                           int year, const struct cli_fit_request *req, const struct cli_basis *b,
                           enum cli_format fmt, struct lab_error *err);

/* `wages OCC --area A,B,...`: the custom region's distribution of occ (a mixture over areas[0..n),
 * canonical codes). */
lab_status cli_wages_region(struct lab_store *s, const char *occ, char *const *areas, size_t n,
                            int year, const struct cli_fit_request *req, const struct cli_basis *b,
                            enum cli_format fmt, struct lab_error *err);

#endif
