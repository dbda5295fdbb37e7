/*
 * basis.h - (cli/) dollar bases: nominal, real (CPI-U) and price-parity adjusted (BEA RPP).
 */
#ifndef LAB_CLI_BASIS_H
#define LAB_CLI_BASIS_H

#include "cli/cli.h"

enum cli_basis_kind { CLI_BASIS_NOMINAL, CLI_BASIS_REAL, CLI_BASIS_RPP };

struct cli_basis {
  enum cli_basis_kind kind;
  int base_year;    /* real: dollars of this year (0 = the latest CPI year in the store) */
  char vintage[16]; /* real: the CPI release's vintage */
  char name[16];    /* "nominal", "real", "rpp" */
};

/* Parse --basis text; false when unknown. */
bool cli_basis_parse(const char *text, struct cli_basis *b);

/* Resolve defaults against the store (the latest CPI year for real dollars). */
lab_status cli_basis_prepare(struct lab_store *s, struct cli_basis *b, struct lab_error *err);

/*
 * Multiply the wage measures of cell c (values and top-code bounds alike) into basis b; *detail
 * gets a description such as "real 2024 dollars (CPI-U annual averages, vintage 2024)" or
 * "adjusted for prices: BEA RPP 2023 for California = 112.581 (U.S. = 100)".
 */
lab_status cli_basis_apply(struct lab_store *s, const struct cli_basis *b, struct lab_oews_cell *c,
                           char *detail, size_t size, struct lab_error *err);

#endif
