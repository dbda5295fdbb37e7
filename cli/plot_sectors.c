/*
 * plot_sectors.c - `laborstat plot sectors OCC [--year Y]`: the industry shares of an
 * occupation's national employment, from the OEWS industry-specific estimates in the store.
 *
 * Share = the industry's employment of the occupation / the occupation's cross-industry
 * national employment (OEWS national estimates of the same May year) x 100. Where a release
 * splits one NAICS code by ownership (May 2018/2019: schools and hospitals, own_code 2 state,
 * 3 local, 5 private), the published ownerships are summed into one bar; a row of the same
 * code with a blank own_code (all ownerships, as the BLS occupation pages give it) is used
 * instead of the sum when present. A code none of whose ownerships is published ('**') is
 * listed as n/a; the remainder bar ("Other industries") is the national total minus the
 * published industries, so it includes the n/a ones and the industries the store lacks.
 */
#include "cli/plot.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One NAICS code of the chart. */
struct industry {
  char naics[8];
  char title[256];
  char label[300]; /* "Health Care and Social Assistance (62)" */
  double emp_all;  /* the all-ownerships row's employment; NAN when none is published */
  double emp_sum;  /* the sum of the published ownership rows */
  bool has_all;    /* a row with a blank own_code */
  size_t owners;   /* ownership rows seen */
  size_t owners_published;
};

struct gather {
  struct industry *v;
  size_t n, cap;
  int year;
  size_t split; /* codes summed over ownerships */
};

static lab_status take(void *ctx, const struct lab_industry_cell *c, struct lab_error *err)
{
  struct gather *g = ctx;
  struct industry *x = NULL;
  bool published = c->tot_emp.state == LAB_V_VALUE;

  g->year = c->year;
  for (size_t i = 0; i < g->n && !x; i++)
    if (strcmp(g->v[i].naics, c->naics) == 0)
      x = &g->v[i];
  if (!x) {
    if (g->n == g->cap) {
      size_t cap = g->cap ? g->cap * 2 : 32;
      struct industry *v = realloc(g->v, cap * sizeof(*v));

      if (!v)
        return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      g->v = v;
      g->cap = cap;
    }
    x = &g->v[g->n++];
    memset(x, 0, sizeof(*x));
    x->emp_all = NAN;
    snprintf(x->naics, sizeof(x->naics), "%s", c->naics);
    snprintf(x->title, sizeof(x->title), "%s", c->naics_title[0] ? c->naics_title : c->naics);
  }
  if (c->own_code[0] == '\0') {
    x->has_all = true;
    if (published)
      x->emp_all = c->tot_emp.v;
  } else {
    x->owners++;
    if (published) {
      x->owners_published++;
      x->emp_sum += c->tot_emp.v;
    }
  }
  return LAB_OK;
}

/* The employment shown for x: the all-ownerships row, else the published ownerships' sum. */
static double employment(const struct industry *x)
{
  if (x->has_all)
    return x->emp_all;
  return x->owners_published > 0 ? x->emp_sum : NAN;
}

static int plot_occupation(struct cli_ctx *ctx, struct cli_plot_opts *po, const char *occ)
{
  struct gather g = {0};
  struct lab_store *store = NULL;
  struct lab_plot_sector *rows = NULL;
  struct lab_plot_sectors s = {0};
  struct lab_oews_cell us;
  struct lab_error err = {0};
  struct lab_plot_opts o;
  char title[512], caption[2048], total[48], split[256] = "", level[64];
  size_t na = 0;
  lab_status st;
  int rc;

  st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_oews_industries(store, occ, po->year, take, &g, &err);
  if (!st && lab_store_oews_cell(store, occ, "US", g.year, &us, &err) != LAB_OK)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND,
                       "no national cross-industry employment of %s for May %d in the store "
                       "(the shares need it)",
                       occ, g.year);
  if (!st && us.m[LAB_M_TOT_EMP].state != LAB_V_VALUE)
    st = lab_error_set(&err, LAB_ERR_NOTFOUND,
                       "no published national employment of %s for May %d: no shares", occ, g.year);
  if (!st && !(rows = calloc(g.n, sizeof(*rows))))
    st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < g.n; i++) {
    struct industry *x = &g.v[i];

    snprintf(x->label, sizeof(x->label), "%s (%s)", x->title, x->naics);
    rows[i].label = x->label;
    rows[i].emp = employment(x);
    if (!x->has_all && x->owners > 1)
      g.split++;
    if (isnan(rows[i].emp))
      na++;
    if (!isnan(rows[i].emp) && rows[i].emp > us.m[LAB_M_TOT_EMP].v) {
      rc = cli_fail(&(struct lab_error){
          .status = LAB_ERR_DOMAIN,
          .msg = "an industry's employment is above the national total: the store's "
                 "industry and national estimates do not match"});
      goto out;
    }
  }
  s.sectors = rows;
  s.n = g.n;
  s.total = us.m[LAB_M_TOT_EMP].v;
  s.other_label = "Other industries";
  snprintf(level, sizeof(level), "%s", strlen(g.v[0].naics) <= 2 ? "sectors" : "industries held");
  lab_num_format_grouped(s.total, 0, total, sizeof(total));
  if (g.split > 0)
    snprintf(split, sizeof(split), " Ownerships summed (%zu NAICS code%s).", g.split,
             g.split == 1 ? "" : "s");
  snprintf(title, sizeof(title), "%s (%s): employment by industry, May %d", us.occ_title,
           us.occ_code, g.year);
  snprintf(caption, sizeof(caption),
           "Source: BLS OEWS May %d, national industry-specific (%s) and cross-industry "
           "estimates. Share = industry employment / national employment (%s) x 100.%s "
           "Other industries: the rest%s. No dollar figures. Made with: %s",
           g.year, level, total, split, na > 0 ? ", incl. n/a (not published, '**')" : "",
           ctx->argv0_cmdline);
  cli_plot_fill(&o, po, title, caption);
  st = lab_plot_sectors_script(&s, &o, po->script, &err);
  rc = st ? cli_fail(&err) : CLI_EXIT_OK;
out:
  free(rows);
  free(g.v);
  return rc;
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  static const struct option opts[] = {CLI_PLOT_OPTIONS, CLI_GLOBAL_OPTIONS, {NULL, 0, NULL, 0}};
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == CLI_PLOT_OPT_AREA)
      rc = cli_usage_error(&cli_cmd_plot, "plot sectors is national only: no --area");
    else if (!cli_plot_option(po, c, optarg, &rc))
      rc = cli_usage_error(&cli_cmd_plot, "unknown or incomplete option '%s'", argv[optind - 1]);
    if (rc)
      return rc;
  }
  if (rc)
    return rc;
  rc = cli_plot_check_out(po);
  if (rc)
    return rc;
  if (argc - optind != 1 || !cli_looks_like_soc(argv[optind]))
    return cli_usage_error(&cli_cmd_plot, "name one occupation code (e.g. 29-9021)");
  return plot_occupation(ctx, po, argv[optind]);
}

/* Parse the kind's arguments and build its script into `script` (nothing rendered). */
static int build(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po,
                 struct lab_buf *script)
{
  po->script = script;
  return make(ctx, argc, argv, po);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  return cli_plot_run(ctx, &cli_plot_sectors, argc, argv);
}

const struct cli_plot_kind cli_plot_sectors = {
    .name = "sectors",
    .usage = "laborstat plot sectors OCC [--year Y] --out FILE.{png,svg,pdf}",
    .summary = "industry shares of an occupation's national employment: sorted bars, the\n"
               "               employment as a label, the rest as \"other industries\"",
    .run = run,
    .build = build,
};
