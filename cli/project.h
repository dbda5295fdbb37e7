/*
 * project.h - (cli/) an occupation's 10-year projection for the nation or a state, shared by
 * `project OCC` and `project ROLE`.
 */
#ifndef LAB_CLI_PROJECT_H
#define LAB_CLI_PROJECT_H

#include "analyzer/lab_trend.h"
#include "cli/cli.h"
#include "datasets/lab_query.h"

#define NOTE_SIZE 512
#define MAX_NOTES 8

enum method { METHOD_NATIONAL, METHOD_STATE, METHOD_CONSTANT_SHARE };

struct cli_project {
  const char *occ;
  char cycle[16]; /* --cycle as "2024-2034", "" = latest */
  struct lab_area area;
  struct lab_projection nat; /* the BLS national projection (when have_nat) */
  bool have_nat;
  struct lab_store *store;    /* borrowed, for older_cb() */
  struct lab_projection used; /* what is reported (== nat for the nation) */
  enum method method;
  struct lab_proj_figures f;
  struct lab_proj_band band;
  const struct lab_proj_eval *band_from;
  double median_wage;
  char wage_source[192];
  int share_year; /* OEWS May year of the state's base employment (constant share) */
  char notes[MAX_NOTES][NOTE_SIZE];
  size_t nnotes;
};

/*
 * Find and compute the projection of p->occ for p->area (set by the caller, with p->cycle and
 * p->store): BLS national, the state's own (Projections Central), or national rates applied to
 * the state's OEWS employment; then the figures and the error band.
 */
lab_status cli_project_run(struct lab_store *s, struct cli_project *p, struct lab_error *err);

/* Words for the method used, a key for CSV/JSON, and the projection's title. */
const char *cli_project_method_text(const struct cli_project *p);
const char *cli_project_method_key(const struct cli_project *p);
const char *cli_project_title(const struct cli_project *p);

/* Parse --cycle ("2024-2034", "2024-34"); false when malformed. */
bool cli_project_parse_cycle(const char *s, char *out, size_t size);

/* `project ROLE`: the projections of every role named by `name` (a role or a preset) for the
 * area `area_text` (NULL = the nation) and `cycle` (NULL = the latest). Prints; returns the
 * exit code. */
int cli_project_roles(struct cli_ctx *ctx, const struct cli_cmd *cmd, const char *name,
                      const char *area_text, const char *cycle);

#endif
