/*
 * fetch_cmds.h - (internal to cli/) the `laborstat fetch` subcommands, each run inside an open
 * fetch_run (cmd_fetch.c parses the options and finishes the run).
 */
#ifndef LAB_CLI_FETCH_CMDS_H
#define LAB_CLI_FETCH_CMDS_H

#include "cli/fetch_run.h"

struct fetch_args {
  const char *sub; /* "oews", "flatfiles", "projections", "series", "deflators", or NULL */
  int year;        /* 0 = the newest May release */
  const char *geo; /* NULL = "national" */
  bool national;
  const char *states; /* NULL, "all" or a list */
  int from, to;       /* 0 = default */
  const char *cacert;
  bool check;
  char **ids; /* series ids (borrowed from argv) */
  size_t nids;
};

/* The newest May OEWS release BLS has published: May of last year from April on. */
int fetch_newest_oews_year(void);

lab_status fetch_oews(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err);
lab_status fetch_flatfiles(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err);
lab_status fetch_projections(struct fetch_run *r, const struct fetch_args *a,
                             struct lab_error *err);
lab_status fetch_deflators(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err);
lab_status fetch_series(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err);
lab_status fetch_check(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err);

#endif
