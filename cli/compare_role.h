/*
 * compare_role.h - (cli/) `compare ROLE --areas ...`.
 */
#ifndef LAB_CLI_COMPARE_ROLE_H
#define LAB_CLI_COMPARE_ROLE_H

#include "cli/cli.h"

/* Print role `name`'s distribution in each of areas[0..n) (as typed by the user) and in the
 * nation, May `year` (0 = the latest the nation has), nominal or RPP-adjusted; returns the exit
 * code. */
int cli_compare_role(struct cli_ctx *ctx, const struct cli_cmd *cmd, const char *name,
                     char *const *areas, size_t n, int year, bool rpp);

#endif
