/*
 * cmd_wages.c - `laborstat wages OCC...`: the published OEWS estimates, states shown plainly,
 * with 95% confidence intervals from the published relative standard errors.
 */
#include "analyzer/lab_analyzer.h"
#include "cli/basis.h"
#include "cli/wages.h"
#include "common/lab_num.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CI_LEVEL 0.95

struct wages_opts {
  const char *area;
  int year;
  struct cli_basis basis;
};

#define DETAIL_SIZE 256

/* The RSE that applies to measure m, or LAB_M_COUNT when none is published for it. */
static enum lab_measure rse_of(enum lab_measure m)
{
  if (m == LAB_M_TOT_EMP)
    return LAB_M_EMP_PRSE;
  if (m == LAB_M_A_MEAN || m == LAB_M_H_MEAN)
    return LAB_M_MEAN_PRSE;
  return LAB_M_COUNT;
}

/* 95% CI of measure m of cell c; false when it has none. */
static bool cell_ci(const struct lab_oews_cell *c, enum lab_measure m, struct lab_interval *ci)
{
  enum lab_measure r = rse_of(m);

  if (r == LAB_M_COUNT || c->m[m].state != LAB_V_VALUE || c->m[r].state != LAB_V_VALUE)
    return false;
  if (lab_an_ci_rse(c->m[m].v, c->m[r].v, CI_LEVEL, ci, NULL) != LAB_OK)
    return false;
  if (ci->lo < 0)
    ci->lo = 0;
  return true;
}

/* ------------------------------------------------------------------------------- outputs */

static void print_table(const struct lab_oews_cell *cells, char (*detail)[DETAIL_SIZE], size_t n)
{
  static const char *const names[] = {"measure", "estimate", "95% CI"};
  static const bool numeric[] = {false, true, true};

  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &cells[i];
    struct cli_table *t = cli_table_new(3, names, numeric);
    char source[256];
    if (!t)
      return;
    printf("%s%s (%s), SOC %s\n%s (%s), May %d, cross-industry\n", i ? "\n" : "", c->occ_title,
           c->occ_code, c->soc_edition, c->area.name, c->area.code, c->year);
    for (int m = 0; m < LAB_M_COUNT; m++) {
      char est[64] = "", ci_text[96] = "", lo[32], hi[32];
      struct lab_interval ci;
      bool core = m == LAB_M_TOT_EMP || m == LAB_M_A_MEAN || m == LAB_M_A_MEDIAN;
      if (c->m[m].state == LAB_V_MISSING && !core)
        continue;
      cli_measure_text((enum lab_measure)m, &c->m[m], est, sizeof(est));
      if (cell_ci(c, (enum lab_measure)m, &ci)) {
        int dec = lab_measure_is_hourly((enum lab_measure)m) ? 2 : 0;
        const char *cur = lab_measure_is_wage((enum lab_measure)m) ? "$" : "";
        lab_num_format_grouped(ci.lo, dec, lo, sizeof(lo));
        lab_num_format_grouped(ci.hi, dec, hi, sizeof(hi));
        snprintf(ci_text, sizeof(ci_text), "%s%s to %s%s", cur, lo, cur, hi);
      }
      cli_table_add(t, (const char *[]){lab_measure_label((enum lab_measure)m), est, ci_text});
    }
    cli_table_print(t, CLI_TABLE, NULL, stdout);
    cli_cell_source(c, source, sizeof(source));
    printf("Source: %s. Wages in %s. 95%% CIs from the published relative standard errors.\n",
           source, detail[i]);
    if (c->annual_only)
      puts("Only annual wages are published for this occupation.");
    if (c->hourly_only)
      puts("Only hourly wages are published for this occupation.");
    cli_table_free(t);
  }
}

static void print_csv(const struct lab_oews_cell *cells, char (*detail)[DETAIL_SIZE], size_t n,
                      const char *basis)
{
  puts("year,area,area_name,occ_code,occ_title,soc_edition,measure,value,state,ci95_low,"
       "ci95_high,basis,basis_detail,source");
  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &cells[i];
    char source[256];
    cli_cell_source(c, source, sizeof(source));
    for (int m = 0; m < LAB_M_COUNT; m++) {
      char v[40] = "", lo[40] = "", hi[40] = "";
      struct lab_interval ci;
      if (c->m[m].state == LAB_V_VALUE || c->m[m].state == LAB_V_TOPCODED)
        lab_num_format(c->m[m].v, v, sizeof(v));
      if (cell_ci(c, (enum lab_measure)m, &ci)) {
        lab_num_format(ci.lo, lo, sizeof(lo));
        lab_num_format(ci.hi, hi, sizeof(hi));
      }
      printf("%d,", c->year);
      cli_csv_field(stdout, c->area.code);
      putchar(',');
      cli_csv_field(stdout, c->area.name);
      printf(",%s,", c->occ_code);
      cli_csv_field(stdout, c->occ_title);
      printf(",%s,%s,%s,%s,%s,%s,%s,", c->soc_edition, lab_measure_name((enum lab_measure)m), v,
             lab_vstate_name(c->m[m].state), lo, hi, basis);
      cli_csv_field(stdout, detail[i]);
      putchar(',');
      cli_csv_field(stdout, source);
      putchar('\n');
    }
  }
}

static cJSON *measure_json(const struct lab_oews_cell *c, enum lab_measure m)
{
  cJSON *o = cJSON_CreateObject();
  struct lab_interval ci;

  if (c->m[m].state == LAB_V_VALUE || c->m[m].state == LAB_V_TOPCODED)
    cJSON_AddNumberToObject(o, "value", c->m[m].v);
  else
    cJSON_AddNullToObject(o, "value");
  cJSON_AddStringToObject(o, "state", lab_vstate_name(c->m[m].state));
  if (c->m[m].state == LAB_V_TOPCODED)
    cJSON_AddStringToObject(o, "bound", "lower");
  if (cell_ci(c, m, &ci)) {
    cJSON *arr = cJSON_AddArrayToObject(o, "ci95");
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(ci.lo));
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(ci.hi));
  }
  return o;
}

static void print_json(const struct lab_oews_cell *cells, char (*detail)[DETAIL_SIZE], size_t n,
                       const char *basis)
{
  cJSON *arr = cJSON_CreateArray();
  char *text;

  for (size_t i = 0; i < n; i++) {
    const struct lab_oews_cell *c = &cells[i];
    cJSON *o = cJSON_CreateObject();
    cJSON *rel = cJSON_CreateObject();
    cJSON *ms = cJSON_CreateObject();
    char source[256];
    cli_cell_source(c, source, sizeof(source));
    cJSON_AddStringToObject(o, "occ_code", c->occ_code);
    cJSON_AddStringToObject(o, "occ_title", c->occ_title);
    cJSON_AddStringToObject(o, "soc_edition", c->soc_edition);
    cJSON_AddStringToObject(o, "area", c->area.code);
    cJSON_AddStringToObject(o, "area_name", c->area.name);
    cJSON_AddStringToObject(o, "area_type", c->area.type);
    cJSON_AddStringToObject(o, "naics", c->naics);
    cJSON_AddNumberToObject(o, "year", c->year);
    cJSON_AddStringToObject(o, "basis", basis);
    cJSON_AddStringToObject(o, "basis_detail", detail[i]);
    cJSON_AddBoolToObject(o, "annual_only", c->annual_only);
    cJSON_AddBoolToObject(o, "hourly_only", c->hourly_only);
    cJSON_AddStringToObject(rel, "source", "oews");
    cJSON_AddStringToObject(rel, "scope", c->release_scope);
    cJSON_AddStringToObject(rel, "origin_kind", c->origin_kind);
    cJSON_AddStringToObject(rel, "origin", c->origin);
    cJSON_AddStringToObject(rel, "citation", source);
    cJSON_AddItemToObject(o, "release", rel);
    for (int m = 0; m < LAB_M_COUNT; m++)
      cJSON_AddItemToObject(ms, lab_measure_name((enum lab_measure)m),
                            measure_json(c, (enum lab_measure)m));
    cJSON_AddItemToObject(o, "measures", ms);
    cJSON_AddItemToArray(arr, o);
  }
  text = cJSON_Print(arr);
  if (text)
    printf("%s\n", text);
  free(text);
  cJSON_Delete(arr);
}

/* ----------------------------------------------------------------------------------- run */

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"base-year", required_argument, NULL, 'B'},
      {"basis", required_argument, NULL, 'b'},
      {"year", required_argument, NULL, 'y'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct wages_opts wo = {0};
  struct lab_oews_cell *cells = NULL;
  char(*detail)[DETAIL_SIZE] = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  size_t n;
  long year;
  lab_status st;
  int rc = CLI_EXIT_OK;
  int c;

  opterr = 0;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    int grc;
    if (cli_global_option(ctx, c, optarg, &grc)) {
      if (grc)
        return grc;
      continue;
    }
    if (c == 'a') {
      wo.area = optarg;
    } else if (c == 'b') {
      int base = wo.basis.base_year;
      if (!cli_basis_parse(optarg, &wo.basis))
        return cli_usage_error(&cli_cmd_wages, "--basis must be nominal, real or rpp");
      wo.basis.base_year = base;
    } else if (c == 'B') {
      if (!cli_parse_int(optarg, 1913, 2100, &year))
        return cli_usage_error(&cli_cmd_wages, "--base-year needs a year such as 2024");
      wo.basis.base_year = (int)year;
    } else if (c == 'y') {
      if (!cli_parse_int(optarg, 1997, 2100, &year))
        return cli_usage_error(&cli_cmd_wages, "--year needs a May year such as 2023, not '%s'",
                               optarg);
      wo.year = (int)year;
    } else {
      return cli_usage_error(&cli_cmd_wages, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_wages, "name at least one occupation code, e.g. 29-9021");
  n = (size_t)(argc - optind);
  cells = calloc(n, sizeof(*cells));
  detail = calloc(n, sizeof(*detail));
  if (!cells || !detail) {
    free(cells);
    free(detail);
    return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
  }
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = cli_wages_cells(store, argv + optind, n, wo.area, wo.year, cells, &err);
  if (!st)
    st = cli_basis_prepare(store, &wo.basis, &err);
  for (size_t i = 0; i < n && !st; i++)
    st = cli_basis_apply(store, &wo.basis, &cells[i], detail[i], DETAIL_SIZE, &err);
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_wages, "%s", err.msg)
                                       : cli_fail(&err);
    goto out;
  }
  if (ctx->format == CLI_CSV)
    print_csv(cells, detail, n, wo.basis.name);
  else if (ctx->format == CLI_JSON)
    print_json(cells, detail, n, wo.basis.name);
  else
    print_table(cells, detail, n);
out:
  free(cells);
  free(detail);
  return rc;
}

const struct cli_cmd cli_cmd_wages = {
    .name = "wages",
    .summary = "published OEWS wages and employment of occupations, with confidence intervals",
    .usage = "laborstat wages OCC... [--area AREA] [--year YEAR] [--basis nominal|real|rpp]",
    .help = "OCC is an SOC code (29-9021); find codes with 'laborstat find WORDS'.\n"
            "Special values are shown as they are: '>= $239,200 (top-coded)' is a lower bound\n"
            "(BLS '#'), 'not available (*)' a wage BLS does not publish. In JSON a measure is\n"
            "{\"value\": number or null, \"state\": \"published\"|\"topcoded\"|\"wage_na\"|...}.\n"
            "95% confidence intervals come from the published relative standard errors.\n\n"
            "  --area AREA   US (default), a state (CA, California, 06), a metro (31080) ...\n"
            "  --year YEAR   the May release (default: the latest that has the occupation)\n"
            "  --basis B     nominal (default); real: dollars of --base-year (default the latest\n"
            "                CPI-U year in the store); rpp: divided by the state's BEA regional\n"
            "                price parity / 100 (states and the nation only)\n"
            "  --base-year Y the year of real dollars\n",
    .run = run,
};
