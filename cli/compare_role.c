/*
 * compare_role.c - `compare ROLE --areas A,B,...`: a role's wage distribution area by area,
 * against the nation's. Role distributions are mixtures of fitted lognormals: they have no
 * published standard errors, so no confidence intervals or z-tests are given.
 */
#include "cli/compare_role.h"
#include "cli/role_dist.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void money(double v, char *out, size_t size)
{
  lab_num_format_with(v, 0, "$", out, size);
}

struct row {
  struct lab_area area;
  int year;
  double p25, median, p75, mean;
  char detail[256];
};

static lab_status one_area(struct lab_store *s, const struct lab_role *r, const char *code,
                           int year, const struct cli_basis *b, struct row *out,
                           struct lab_error *err)
{
  struct cli_fit_request req = {0};
  struct cli_role_dist *d = calloc(1, sizeof(*d));
  lab_status st;

  if (!d)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  st = cli_role_dist(s, r, code, year, false, &req, b, d, err);
  if (!st && !d->ok)
    st = lab_error_set(err, LAB_ERR_DOMAIN, "no distribution of role '%s' in %s: %s", r->name,
                       d->area.name, d->why);
  if (!st) {
    out->area = d->area;
    out->year = d->year;
    out->p25 = d->pct[1];
    out->median = d->pct[2];
    out->p75 = d->pct[3];
    out->mean = d->mean;
    snprintf(out->detail, sizeof(out->detail), "%s", d->basis_detail);
  }
  free(d);
  return st;
}

static void print(const struct lab_role *r, const struct row *rows, size_t n, const struct row *nat,
                  enum cli_format fmt)
{
  static const char *const names[] = {
      "area", "name", "year", "p25", "median", "p75", "mean", "median_vs_us_pct", "basis_detail"};
  static const bool numeric[] = {false, false, true, true, true, true, true, true, false};
  struct cli_table *t = cli_table_new(9, names, numeric);
  static const bool hide[] = {false, false, false, false, false, false, false, false, true};

  for (size_t i = 0; t && i <= n; i++) {
    const struct row *x = i < n ? &rows[i] : nat;
    char y[16], a[32], b[32], c[32], d[32], vs[32];
    bool pretty = fmt == CLI_TABLE;
    snprintf(y, sizeof(y), "%d", x->year);
    if (pretty) {
      money(x->p25, a, sizeof(a));
      money(x->median, b, sizeof(b));
      money(x->p75, c, sizeof(c));
      money(x->mean, d, sizeof(d));
      snprintf(vs, sizeof(vs), "%+.1f%%", 100 * (x->median / nat->median - 1));
    } else {
      lab_num_format(x->p25, a, sizeof(a));
      lab_num_format(x->median, b, sizeof(b));
      lab_num_format(x->p75, c, sizeof(c));
      lab_num_format(x->mean, d, sizeof(d));
      lab_num_format(100 * (x->median / nat->median - 1), vs, sizeof(vs));
    }
    cli_table_add(t, (const char *[]){x->area.code, x->area.name, y, a, b, c, d, vs, x->detail});
  }
  if (fmt == CLI_TABLE)
    printf("%s (role %s): wage distribution by area (mixtures of the codes' fitted lognormals)\n",
           r->title, r->name);
  if (t)
    cli_table_print(t, fmt, hide, stdout);
  if (fmt == CLI_TABLE) {
    printf("No confidence intervals: BLS publishes no standard errors for percentiles, and a "
           "role's distribution is a model. Wages in %s (last row: the nation).\n",
           rows[0].detail);
    if (r->n_naics > 0)
      printf("Cross-industry figures in every area: the role's industry filter (NAICS %s) has "
             "figures for the nation only, so it is not applied here.\n",
             r->naics[0]);
  }
  cli_table_free(t);
}

int cli_compare_role(struct cli_ctx *ctx, const struct cli_cmd *cmd, const char *name,
                     char *const *areas, size_t n, int year, bool rpp)
{
  struct lab_roles *set = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  struct row *rows = calloc(n ? n : 1, sizeof(*rows));
  struct row nat;
  struct cli_basis b;
  lab_status st;
  int rc = CLI_EXIT_OK;

  cli_basis_parse(rpp ? "rpp" : "nominal", &b);
  st = lab_roles_find(name, &set, &err);
  if (st == LAB_ERR_NOTFOUND) {
    rc = cli_usage_error(cmd, "'%s' is neither an SOC code such as 15-1212 nor a role: %s", name,
                         err.msg);
    goto out;
  }
  if (!st && set->n != 1) {
    rc = cli_usage_error(cmd, "compare takes one role, not the whole preset '%s'", name);
    goto out;
  }
  if (!rows)
    st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
  if (!st)
    st = cli_store(ctx, &store, &err);
  if (!st)
    st = one_area(store, &set->roles[0], "US", year, &b, &nat, &err);
  for (size_t i = 0; i < n && !st; i++) {
    struct lab_area a;
    st = lab_store_area_resolve(store, areas[i], &a, &err);
    if (!st)
      st = one_area(store, &set->roles[0], a.code, year ? year : nat.year, &b, &rows[i], &err);
  }
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(cmd, "%s", err.msg) : cli_fail(&err);
    goto out;
  }
  print(&set->roles[0], rows, n, &nat, ctx->format);
out:
  free(rows);
  lab_roles_free(set);
  return rc;
}
