/*
 * role_dist.h - (cli/) the wage distribution of a role: the employment-weighted mixture of its
 * components' fitted distributions. Used by `wages ROLE` and `check`.
 */
#ifndef LAB_CLI_ROLE_DIST_H
#define LAB_CLI_ROLE_DIST_H

#include "cli/basis.h"
#include "cli/wages_fit.h"
#include "datasets/lab_roles.h"

#define CLI_ROLE_MAX_COMPONENTS 64
#define CLI_ROLE_REGION_MAX CLI_ROLE_MAX_COMPONENTS

struct cli_role_part {
  char code[16];
  char title[256];
  char naics[8];       /* "000000" cross-industry, or the industry used ("62") */
  double employment;   /* NAN when not published */
  double weight;       /* share of the mixture, 0..1 (0: left out, see note) */
  struct cli_fit fit;  /* the component's fit (annual dollars in the chosen basis) */
  double median, mean; /* published, NAN when not */
  char note[256];      /* why it was left out, or the fallback used */
};

struct cli_role_dist {
  int year;
  char occ_title[256]; /* regions: the occupation's title */
  char soc_edition[16];
  struct lab_area area;
  char basis_detail[256];
  size_t n;
  struct cli_role_part part[CLI_ROLE_MAX_COMPONENTS];
  bool ok; /* false: no distribution (why says so) */
  char why[256];
  bool industry_used;               /* at least one component came from the role's industry */
  double pct[LAB_DIST_OEWS_LEVELS]; /* mixture P10..P90 */
  double mean;
  double gini;
  double qv[CLI_FIT_MAX];
  double below[CLI_FIT_MAX], above[CLI_FIT_MAX];
};

/*
 * The distribution of role r in area `area_code` (canonical) for May `year` (0 = the latest year
 * that has the role's first code there), in dollar basis b, with the quantiles and shares of req.
 * Component cells come from the role's industry when `industry` is true and the store holds
 * them for the nation (the national sector files), else cross-industry (always for other areas,
 * so comparisons across areas pass false).
 */
lab_status cli_role_dist(struct lab_store *s, const struct lab_role *r, const char *area_code,
                         int year, bool industry, const struct cli_fit_request *req,
                         const struct cli_basis *b, struct cli_role_dist *out,
                         struct lab_error *err);

/*
 * A custom region's distribution of occupation `occ`: the employment-weighted mixture of the
 * fitted distributions of areas[0..n) (canonical codes), May `year` (0 = the latest year the
 * first area has), basis b. The parts are the areas (code = area code, title = area name).
 */
lab_status cli_region_dist(struct lab_store *s, const char *occ, char *const *areas, size_t n,
                           int year, const struct cli_fit_request *req, const struct cli_basis *b,
                           struct cli_role_dist *out, struct lab_error *err);

#endif
