/*
 * check.h - (cli/) claims and their evaluation against the store, for `laborstat check`.
 */
#ifndef LAB_CLI_CHECK_H
#define LAB_CLI_CHECK_H

#include "cli/cli.h"

#include <stddef.h>

struct cli_claim {
  size_t line; /* in the claims file */
  char who[128], measure[32], value[32], low[32], high[32], year[16], source[256];
  /* parsed */
  double v, lo, hi;       /* NAN when empty */
  int year_from, year_to; /* 0 when none; a single year has year_to == year_from */
};

struct cli_verdict {
  char claim[128];  /* the claim in words: "$75,000 to $95,000" */
  char data[512];   /* what the data say */
  double value;     /* the data's figure compared, NAN when none */
  int year;         /* the May release (or end year) used; 0 when none */
  char verdict[32]; /* "supported", "contradicted", "partly supported", "not verifiable" */
  char why[512];
  char from[512]; /* releases, codes, role */
};

/* Check and parse the fields of c (read from `file`; idx are the columns' indexes, for
 * positions in messages). */
lab_status cli_claim_validate(struct cli_claim *c, const char *file, const int *idx,
                              struct lab_error *err);

/* What the store says about claim c. A claim that cannot be evaluated gets the verdict
 * "not verifiable" with the reason; only store failures are errors. */
lab_status cli_claim_check(struct lab_store *s, const struct cli_claim *c, struct cli_verdict *v,
                           struct lab_error *err);

#endif
