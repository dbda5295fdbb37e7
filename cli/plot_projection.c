/*
 * plot_projection.c - `laborstat plot projection --role PRESET | --occ LIST`: base against
 * projected employment (with the error band) and annual openings, per occupation or role; and
 * the rows shared with `plot growth-pay` (cli_plot_proj_rows). The projections come from
 * cli_project_run() (cli/project_core.c), one SOC code at a time.
 */
#include "cli/plot.h"
#include "cli/project.h"
#include "cli/role_dist.h"
#include "datasets/lab_roles.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OPT_ROLE 3101
#define OPT_OCC 3102
#define MAX_CODES 64
#define TITLE_CHARS 34 /* occupation titles in labels are cut to this many characters */

/* "Information Security Analysts (15-1212)", the title cut at a word with an ellipsis. */
static void occ_label(const char *title, const char *code, char *out, size_t size)
{
  char t[128];
  size_t len = strlen(title);

  snprintf(t, sizeof(t), "%.100s", title);
  if (len > TITLE_CHARS) {
    size_t cut = TITLE_CHARS;
    while (cut > 10 && t[cut] != ' ')
      cut--;
    snprintf(t + cut, sizeof(t) - cut, "\xE2\x80\xA6");
  }
  snprintf(out, size, "%s (%s)", t, code);
}

/* The OEWS median annual wage of occ in area for year (0 = latest); NAN when not published. */
static double oews_median(struct lab_store *s, const char *occ, const char *area, int year,
                          int *got)
{
  struct lab_oews_cell *c = calloc(1, sizeof(*c));
  struct lab_error e2 = {0};
  double v = NAN;

  if (c && lab_store_oews_cell(s, occ, area, year, c, &e2) == LAB_OK &&
      c->m[LAB_M_A_MEDIAN].state == LAB_V_VALUE) {
    v = c->m[LAB_M_A_MEDIAN].v;
    *got = c->year;
  }
  free(c);
  return v;
}

static lab_status occ_row(struct lab_store *s, const char *occ, const struct lab_area *area,
                          struct cli_plot_proj *r, struct lab_error *err)
{
  struct cli_project *p = calloc(1, sizeof(*p));
  lab_status st;

  if (!p)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  p->occ = occ;
  p->area = *area;
  st = cli_project_run(s, p, err);
  if (!st) {
    occ_label(p->used.occ_title, occ, r->label, sizeof(r->label));
    snprintf(r->vintage, sizeof(r->vintage), "%s", p->used.vintage);
    r->base_year = p->used.base_year;
    r->proj_year = p->used.proj_year;
    r->f = p->f;
    r->band = p->band;
    r->wage = oews_median(s, occ, area->code, r->base_year, &r->wage_year);
    if (isnan(r->wage))
      r->wage = oews_median(s, occ, area->code, 0, &r->wage_year);
    if (isnan(r->wage)) {
      r->wage = p->median_wage;
      r->wage_year = 0;
    }
  }
  free(p);
  return st;
}

/* A role: its SOC 2018 codes' projections summed; percent change weighted as `project ROLE`
 * does (fixed weights, or base employment); the wage is the role mixture's median. */
static lab_status role_row(struct lab_store *s, const struct lab_role *role,
                           const struct lab_area *area, struct cli_plot_proj *r,
                           struct lab_error *err)
{
  const struct lab_role_components *ed = &role->editions[LAB_ROLE_SOC2018];
  struct cli_project *p = calloc(1, sizeof(*p));
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  struct cli_fit_request req = {0};
  struct cli_basis b;
  double base = 0, proj = 0, openings = 0, wsum = 0, wpct = 0, halfwidth = NAN;
  lab_status st = LAB_OK;

  if (!p || !d) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < ed->n; i++) {
    struct lab_error e2 = {0};
    double w;
    memset(p, 0, sizeof(*p));
    p->occ = ed->v[i].code;
    p->area = *area;
    if (cli_project_run(s, p, &e2) != LAB_OK)
      continue;
    w = ed->v[i].by_employment ? p->f.emp_base : ed->v[i].weight;
    base += p->f.emp_base;
    proj += p->f.emp_proj;
    openings += isnan(p->f.openings) ? 0 : p->f.openings;
    wsum += w;
    wpct += w * p->f.pct_change;
    halfwidth = p->band.halfwidth_pp;
    snprintf(r->vintage, sizeof(r->vintage), "%s", p->used.vintage);
    r->base_year = p->used.base_year;
    r->proj_year = p->used.proj_year;
  }
  if (!(base > 0)) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND, "no projection for any code of role '%s' in %s",
                       role->name, area->name);
    goto out;
  }
  snprintf(r->label, sizeof(r->label), "%s", role->title);
  st = lab_proj_figures(base, proj, openings, &r->f, err);
  if (!st) {
    r->f.pct_change = wpct / wsum;
    st = lab_proj_band(&r->f, halfwidth, &r->band, err);
  }
  if (st)
    goto out;
  r->wage = NAN;
  cli_basis_parse("nominal", &b);
  for (int k = 0; k < 2 && isnan(r->wage); k++) {
    struct lab_error e2 = {0};
    if (cli_role_dist(s, role, area->code, k == 0 ? r->base_year : 0, true, &req, &b, d, &e2) ==
            LAB_OK &&
        d->ok) {
      r->wage = d->pct[2];
      r->wage_year = d->year;
    }
  }
out:
  free(p);
  free(d);
  return st;
}

lab_status cli_plot_proj_rows(struct cli_ctx *ctx, const char *role, const char *occs,
                              const char *area_text, struct lab_store **store,
                              struct lab_area *area, struct cli_plot_proj **rows, size_t *n,
                              struct lab_error *err)
{
  struct lab_roles *set = NULL;
  char list[1024];
  char *codes[MAX_CODES];
  size_t ncodes = 0;
  lab_status st;

  *rows = NULL;
  *n = 0;
  st = cli_store(ctx, store, err);
  if (!st)
    st = lab_store_area_resolve(*store, area_text ? area_text : "US", area, err);
  if (st)
    return st;
  if (role) {
    st = lab_roles_find(role, &set, err);
    if (st)
      return st;
    ncodes = set->n;
  } else {
    snprintf(list, sizeof(list), "%s", occs);
    for (char *save = NULL, *tok = strtok_r(list, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
      if (ncodes == MAX_CODES || !cli_looks_like_soc(tok)) {
        st = lab_error_set(err, LAB_ERR_INVALID,
                           "--occ needs up to %d comma-separated SOC codes such as 15-1212, "
                           "not '%s'",
                           MAX_CODES, tok);
        goto out;
      }
      codes[ncodes++] = tok;
    }
  }
  if (ncodes == 0 || ncodes > LAB_PLOT_MAX_POINTS) {
    st = lab_error_set(err, LAB_ERR_INVALID, "name 1 to %d occupations or roles",
                       LAB_PLOT_MAX_POINTS);
    goto out;
  }
  *rows = calloc(ncodes, sizeof(**rows));
  if (!*rows) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < ncodes && !st; i++) {
    st = set ? role_row(*store, &set->roles[i], area, &(*rows)[i], err)
             : occ_row(*store, codes[i], area, &(*rows)[i], err);
  }
  if (!st)
    *n = ncodes;
out:
  if (st) {
    free(*rows);
    *rows = NULL;
  }
  lab_roles_free(set);
  return st;
}

int cli_plot_proj_parse(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po,
                        const char **role, const char **occs)
{
  static const struct option opts[] = {
      CLI_PLOT_OPTIONS,
      {"role", required_argument, NULL, OPT_ROLE},
      {"occ", required_argument, NULL, OPT_OCC},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_plot, argc, argv, opts, &rc);
    if (c < 0 || rc)
      break;
    if (c == OPT_ROLE)
      *role = optarg;
    else if (c == OPT_OCC)
      *occs = optarg;
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
  if (optind != argc)
    return cli_usage_error(&cli_cmd_plot, "unexpected argument '%s' (use --role or --occ)",
                           argv[optind]);
  if (!*role == !*occs)
    return cli_usage_error(&cli_cmd_plot, "name either --role PRESET or --occ CODE,CODE...");
  return CLI_EXIT_OK;
}

int cli_plot_proj_fail(const struct lab_error *err)
{
  if (err->status == LAB_ERR_INVALID || err->status == LAB_ERR_NOTFOUND)
    return cli_usage_error(&cli_cmd_plot, "%s", err->msg);
  return cli_fail(err);
}

static int make(struct cli_ctx *ctx, int argc, char **argv, struct cli_plot_opts *po)
{
  struct cli_plot_proj *rows = NULL;
  struct lab_plot_proj_row pr[LAB_PLOT_MAX_POINTS];
  struct lab_plot_projection c = {0};
  struct lab_store *store = NULL;
  struct lab_area area;
  struct lab_error err = {0};
  struct lab_plot_opts o;
  const char *role = NULL, *occs = NULL;
  char title[512], caption[1536];
  size_t n = 0;
  lab_status st;
  int rc = cli_plot_proj_parse(ctx, argc, argv, po, &role, &occs);

  if (rc)
    return rc;
  st = cli_plot_proj_rows(ctx, role, occs, po->area, &store, &area, &rows, &n, &err);
  if (st) {
    rc = cli_plot_proj_fail(&err);
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    pr[i].label = rows[i].label;
    pr[i].emp_base = rows[i].f.emp_base;
    pr[i].emp_proj = rows[i].f.emp_proj;
    pr[i].band_lo = rows[i].band.emp_proj.lo;
    pr[i].band_hi = rows[i].band.emp_proj.hi;
    pr[i].openings = rows[i].f.openings;
    pr[i].pct_change = rows[i].f.pct_change;
  }
  c.rows = pr;
  c.n = n;
  c.base_year = rows[0].base_year;
  c.proj_year = rows[0].proj_year;
  snprintf(title, sizeof(title), "Projected employment %d-%d%s%s, %s", c.base_year, c.proj_year,
           role ? ": " : "", role ? role : "", area.name);
  snprintf(caption, sizeof(caption),
           "Source: BLS Employment Projections %s%s. Error bars: \xC2\xB1%.1f percentage points "
           "of base employment (the largest published miss of BLS's projected average 10-year "
           "growth), a rough scale, not a confidence interval.%s Made with: %s",
           rows[0].vintage,
           strcmp(area.code, "US") == 0 ? "" : " (state: Projections Central or constant share)",
           rows[0].band.halfwidth_pp, role ? " A role sums its SOC 2018 codes' projections." : "",
           ctx->argv0_cmdline);
  cli_plot_fill(&o, po, title, caption);
  st = lab_plot_projection_script(&c, &o, po->script, &err);
  rc = st ? cli_fail(&err) : CLI_EXIT_OK;
out:
  free(rows);
  return rc;
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
  return cli_plot_run(ctx, &cli_plot_projection, argc, argv);
}

const struct cli_plot_kind cli_plot_projection = {
    .name = "projection",
    .usage = "laborstat plot projection --role PRESET | --occ LIST [--area A] "
             "--out FILE.{png,svg,pdf}",
    .summary = "base against projected employment with the error band, and annual openings,\n"
               "               per occupation or role",
    .run = run,
    .build = build,
};
