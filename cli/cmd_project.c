/*
 * cmd_project.c - `laborstat project OCC`: the official 10-year employment projection of an
 * occupation for the nation (BLS Employment Projections) or a state (Projections Central, or
 * national rates applied to the state's OEWS employment), with an error band sized from the
 * published accuracy of past BLS projections.
 */
#include "analyzer/lab_trend.h"
#include "cli/project.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------- outputs */

static void band_text(const struct cli_project *p, char *out, size_t size)
{
  const struct lab_proj_eval *e = p->band_from;

  snprintf(out, size,
           "+-%.3g percentage points of base employment over %d years: the largest miss of "
           "BLS's projected average 10-year growth of all occupations in its published "
           "evaluations (%s: projected %.3g%%, actual %.3g%%; %s). BLS publishes no error "
           "measure for detailed occupations, which miss by more than the average: read the band "
           "as a rough scale, not a confidence interval%s",
           p->band.halfwidth_pp, p->used.proj_year - p->used.base_year, e->set, e->projected_pct,
           e->actual_pct, e->source,
           p->method == METHOD_NATIONAL
               ? ""
               : ". No evaluation of state projections has been published; the band borrows the "
                 "national figure");
}

static void grouped(double v, int decimals, bool sign, char *out, size_t size)
{
  lab_num_format_with(v, decimals, sign && v > 0 ? "+" : "", out, size);
}

static void print_table(const struct cli_project *p)
{
  static const char *const names[] = {"measure", "value"};
  static const bool numeric[] = {false, true};
  const struct lab_projection *u = &p->used;
  struct cli_table *t = cli_table_new(2, names, numeric);
  char label[96], v[128], a[48], b[48], text[1024];

  if (!t)
    return;
  printf("%s (%s)\n%s (%s): %s %s\nMethod: %s\n\n", cli_project_title(p), p->occ, p->area.name,
         p->area.code,
         p->method == METHOD_STATE      ? "Projections Central long-term projections"
         : p->method == METHOD_NATIONAL ? "BLS Employment Projections"
                                        : "national BLS rates of the projections",
         u->vintage, cli_project_method_text(p));
  snprintf(label, sizeof(label), "Employment %d%s",
           p->method == METHOD_CONSTANT_SHARE ? p->share_year : u->base_year,
           p->method == METHOD_CONSTANT_SHARE ? " (OEWS)" : "");
  grouped(p->f.emp_base, 0, false, v, sizeof(v));
  cli_table_add(t, (const char *[]){label, v});
  snprintf(label, sizeof(label), "Employment %d", u->proj_year);
  grouped(p->f.emp_proj, 0, false, v, sizeof(v));
  cli_table_add(t, (const char *[]){label, v});
  snprintf(label, sizeof(label), "Change %d-%d", u->base_year, u->proj_year);
  grouped(p->f.change, 0, true, v, sizeof(v));
  cli_table_add(t, (const char *[]){label, v});
  grouped(p->f.pct_change, 1, true, a, sizeof(a));
  snprintf(v, sizeof(v), "%s%%", a);
  cli_table_add(t, (const char *[]){"Percent change", v});
  grouped(p->f.openings, 0, false, v, sizeof(v));
  cli_table_add(t, (const char *[]){"Annual openings (average)", v});
  grouped(p->f.openings_per_1000, 1, false, v, sizeof(v));
  cli_table_add(t, (const char *[]){"Openings per 1,000 jobs", v});
  if (!isnan(p->median_wage)) {
    grouped(p->median_wage, 0, false, a, sizeof(a));
    snprintf(v, sizeof(v), "$%s", a);
  } else {
    snprintf(v, sizeof(v), "-");
  }
  cli_table_add(t, (const char *[]){"Median annual wage", v});
  grouped(p->band.emp_proj.lo, 0, false, a, sizeof(a));
  grouped(p->band.emp_proj.hi, 0, false, b, sizeof(b));
  snprintf(label, sizeof(label), "Error band, employment %d", u->proj_year);
  snprintf(v, sizeof(v), "%s to %s", a, b);
  cli_table_add(t, (const char *[]){label, v});
  grouped(p->band.change.lo, 0, true, a, sizeof(a));
  grouped(p->band.change.hi, 0, true, b, sizeof(b));
  snprintf(v, sizeof(v), "%s to %s", a, b);
  cli_table_add(t, (const char *[]){"Error band, change", v});
  grouped(p->band.pct_change.lo, 1, true, a, sizeof(a));
  grouped(p->band.pct_change.hi, 1, true, b, sizeof(b));
  snprintf(v, sizeof(v), "%s%% to %s%%", a, b);
  cli_table_add(t, (const char *[]){"Error band, percent change", v});
  cli_table_print(t, CLI_TABLE, NULL, stdout);
  cli_table_free(t);
  if (p->wage_source[0])
    printf("\nMedian wage: %s.\n", p->wage_source);
  band_text(p, text, sizeof(text));
  printf("Error band: %s.\n", text);
  if (p->nnotes) {
    puts("Notes:");
    for (size_t i = 0; i < p->nnotes; i++)
      printf("  - %s.\n", p->notes[i]);
  }
}

static void csv_num(double v)
{
  char buf[40];

  putchar(',');
  if (!isnan(v))
    fputs(lab_num_format(v, buf, sizeof(buf)), stdout);
}

static void print_csv(const struct cli_project *p)
{
  const struct lab_projection *u = &p->used;
  char text[1024], notes[NOTE_SIZE * (MAX_NOTES + 2)];
  size_t len;

  puts("occ_code,occ_title,area,area_name,source,cycle,national_cycle,base_year,proj_year,method,"
       "emp_base,emp_proj,change,pct_change,openings,openings_per_1000,median_wage,"
       "band_halfwidth_pp,emp_proj_low,emp_proj_high,change_low,change_high,pct_change_low,"
       "pct_change_high,notes");
  printf("%s,", p->occ);
  cli_csv_field(stdout, cli_project_title(p));
  printf(",%s,", p->area.code);
  cli_csv_field(stdout, p->area.name);
  printf(",%s,%s,%s,%d,%d,%s", u->source, u->vintage, p->have_nat ? p->nat.vintage : "",
         u->base_year, u->proj_year, cli_project_method_key(p));
  csv_num(p->f.emp_base);
  csv_num(p->f.emp_proj);
  csv_num(p->f.change);
  csv_num(p->f.pct_change);
  csv_num(p->f.openings);
  csv_num(p->f.openings_per_1000);
  csv_num(p->median_wage);
  csv_num(p->band.halfwidth_pp);
  csv_num(p->band.emp_proj.lo);
  csv_num(p->band.emp_proj.hi);
  csv_num(p->band.change.lo);
  csv_num(p->band.change.hi);
  csv_num(p->band.pct_change.lo);
  csv_num(p->band.pct_change.hi);
  band_text(p, text, sizeof(text));
  len = (size_t)snprintf(notes, sizeof(notes), "error band: %s", text);
  for (size_t i = 0; i < p->nnotes && len < sizeof(notes); i++)
    len += (size_t)snprintf(notes + len, sizeof(notes) - len, "; %s", p->notes[i]);
  putchar(',');
  cli_csv_field(stdout, notes);
  putchar('\n');
}

static cJSON *pair(struct lab_interval iv)
{
  cJSON *a = cJSON_CreateArray();

  cJSON_AddItemToArray(a, cJSON_CreateNumber(iv.lo));
  cJSON_AddItemToArray(a, cJSON_CreateNumber(iv.hi));
  return a;
}

static void print_json(const struct cli_project *p)
{
  const struct lab_projection *u = &p->used;
  cJSON *arr = cJSON_CreateArray();
  cJSON *o = cJSON_CreateObject();
  cJSON *band = cJSON_CreateObject();
  cJSON *notes;
  char text[1024];
  char *out;

  cJSON_AddStringToObject(o, "occ_code", p->occ);
  cJSON_AddStringToObject(o, "occ_title", cli_project_title(p));
  cJSON_AddStringToObject(o, "area", p->area.code);
  cJSON_AddStringToObject(o, "area_name", p->area.name);
  cJSON_AddStringToObject(o, "source", u->source);
  cJSON_AddStringToObject(o, "cycle", u->vintage);
  if (p->have_nat)
    cJSON_AddStringToObject(o, "national_cycle", p->nat.vintage);
  else
    cJSON_AddNullToObject(o, "national_cycle");
  cJSON_AddNumberToObject(o, "base_year", u->base_year);
  cJSON_AddNumberToObject(o, "proj_year", u->proj_year);
  cJSON_AddStringToObject(o, "method", cli_project_method_key(p));
  cJSON_AddStringToObject(o, "method_text", cli_project_method_text(p));
  if (p->method == METHOD_CONSTANT_SHARE)
    cJSON_AddNumberToObject(o, "oews_base_year", p->share_year);
  cJSON_AddNumberToObject(o, "emp_base", p->f.emp_base);
  cJSON_AddNumberToObject(o, "emp_proj", p->f.emp_proj);
  cJSON_AddNumberToObject(o, "change", p->f.change);
  cJSON_AddNumberToObject(o, "pct_change", p->f.pct_change);
  cJSON_AddNumberToObject(o, "openings", p->f.openings); /* NaN prints as null */
  cJSON_AddNumberToObject(o, "openings_per_1000", p->f.openings_per_1000);
  cJSON_AddNumberToObject(o, "median_wage", p->median_wage);
  cJSON_AddStringToObject(o, "median_wage_source", p->wage_source);
  cJSON_AddNumberToObject(band, "halfwidth_pp", p->band.halfwidth_pp);
  cJSON_AddItemToObject(band, "emp_proj", pair(p->band.emp_proj));
  cJSON_AddItemToObject(band, "change", pair(p->band.change));
  cJSON_AddItemToObject(band, "pct_change", pair(p->band.pct_change));
  band_text(p, text, sizeof(text));
  cJSON_AddStringToObject(band, "method", text);
  cJSON_AddStringToObject(band, "evaluation", p->band_from->set);
  cJSON_AddStringToObject(band, "source", p->band_from->source);
  cJSON_AddItemToObject(o, "band", band);
  notes = cJSON_AddArrayToObject(o, "notes");
  for (size_t i = 0; i < p->nnotes; i++)
    cJSON_AddItemToArray(notes, cJSON_CreateString(p->notes[i]));
  cJSON_AddItemToArray(arr, o);
  out = cJSON_Print(arr);
  if (out)
    printf("%s\n", out);
  free(out);
  cJSON_Delete(arr);
}

/* ----------------------------------------------------------------------------------- run */

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"cycle", required_argument, NULL, 'c'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct cli_project *p = calloc(1, sizeof(*p));
  struct lab_store *s = NULL;
  struct lab_error err = {0};
  const char *area = NULL;
  lab_status st;
  int rc = CLI_EXIT_OK;
  int c;

  if (!p)
    return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
  p->median_wage = NAN;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (cli_global_option(ctx, c, optarg, &rc)) {
      if (rc)
        goto out;
      continue;
    }
    if (c == 'a') {
      area = optarg;
    } else if (c == 'c') {
      if (!cli_project_parse_cycle(optarg, p->cycle, sizeof(p->cycle))) {
        rc = cli_usage_error(&cli_cmd_project, "--cycle needs a cycle such as 2024-2034, not '%s'",
                             optarg);
        goto out;
      }
    } else {
      rc = cli_usage_error(&cli_cmd_project, "unknown or incomplete option '%s'", argv[optind - 1]);
      goto out;
    }
  }
  if (optind + 1 != argc) {
    rc = cli_usage_error(&cli_cmd_project, optind >= argc
                                               ? "name one occupation code (e.g. 29-9021) or role"
                                               : "name only one occupation code");
    goto out;
  }
  p->occ = argv[optind];
  if (!cli_looks_like_soc(p->occ)) {
    rc = cli_project_roles(ctx, &cli_cmd_project, p->occ, area, p->cycle[0] ? p->cycle : NULL);
    goto out;
  }
  if (!cli_looks_like_soc(p->occ)) {
    rc = cli_usage_error(&cli_cmd_project,
                         "'%s' is not an SOC occupation code such as 29-9021: look one up with "
                         "laborstat find WORDS",
                         p->occ);
    goto out;
  }
  st = cli_store(ctx, &s, &err);
  p->store = s;
  if (!st)
    st = lab_store_area_resolve(s, area ? area : "US", &p->area, &err);
  if (!st)
    st = cli_project_run(s, p, &err);
  if (st) {
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_project, "%s", err.msg)
                                       : cli_fail(&err);
    goto out;
  }
  if (ctx->format == CLI_CSV)
    print_csv(p);
  else if (ctx->format == CLI_JSON)
    print_json(p);
  else
    print_table(p);
out:
  free(p);
  return rc;
}

const struct cli_cmd cli_cmd_project = {
    .name = "project",
    .summary = "the 10-year employment projection of an occupation, with an error band",
    .usage = "laborstat project OCC|ROLE [--area STATE] [--cycle 2024-2034]",
    .help =
        "For the nation: the official BLS Employment Projections (Table 1.2) - base and\n"
        "projected employment, change, percent change, average annual openings, openings per\n"
        "1,000 jobs and the median wage published with it. For a state: the state's own\n"
        "long-term projection from Projections Central when the store holds one (its cycle is\n"
        "named when it differs from the national one); otherwise the national rates applied\n"
        "to the state's OEWS employment (constant share), said so in the output.\n"
        "The error band around projected employment and the change is +-13.9 percentage\n"
        "points of base employment per 10 years: the largest miss of the average growth rate\n"
        "in BLS's published evaluations of its past projections (docs/methods.md). It is a\n"
        "rough scale, not a confidence interval: BLS publishes no error measure for detailed\n"
        "occupations.\n"
        "Employment and openings are persons (BLS publishes thousands).\n"
        "ROLE (a role or a preset, see 'laborstat roles'): each SOC 2018 code of the role, and\n"
        "the role's growth: the codes' published percent changes weighted by base employment\n"
        "(or by the role's fixed weights).\n\n"
        "  --area STATE   US (default) or a state (CA, California, 06)\n"
        "  --cycle C      the projection cycle, 2024-2034 or 2024-34 (default: the latest held)\n",
    .run = run,
};
