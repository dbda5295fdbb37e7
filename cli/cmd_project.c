/*
 * cmd_project.c - `laborstat project OCC`: the official 10-year employment projection of an
 * occupation for the nation (BLS Employment Projections) or a state (Projections Central, or
 * national rates applied to the state's OEWS employment), with an error band sized from the
 * published accuracy of past BLS projections.
 */
#include "analyzer/lab_trend.h"
#include "cli/cli.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_SIZE 512
#define MAX_NOTES 8

enum method { METHOD_NATIONAL, METHOD_STATE, METHOD_CONSTANT_SHARE };

struct project {
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

static void note(struct project *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(struct project *p, const char *fmt, ...)
{
  va_list ap;

  if (p->nnotes >= MAX_NOTES)
    return;
  va_start(ap, fmt);
  vsnprintf(p->notes[p->nnotes++], NOTE_SIZE, fmt, ap);
  va_end(ap);
}

/* "2024-2034" or "2024-34" -> "2024-2034"; false when malformed. */
static bool parse_cycle(const char *s, char *out, size_t size)
{
  size_t n = strlen(s);
  long a, b;

  if ((n != 9 && n != 7) || s[4] != '-')
    return false;
  for (size_t i = 0; i < n; i++)
    if (i != 4 && !isdigit((unsigned char)s[i]))
      return false;
  if (lab_num_parse_long(s, 4, &a) || lab_num_parse_long(s + 5, n - 5, &b))
    return false;
  if (n == 7)
    b += a / 100 * 100 + (b < a % 100 ? 100 : 0);
  if (b <= a)
    return false;
  snprintf(out, size, "%ld-%ld", a, b);
  return true;
}

static lab_status related_cb(void *ctx, const struct lab_related_code *r, struct lab_error *err)
{
  char *buf = ctx;
  size_t len = strlen(buf);

  (void)err;
  if (r->forward && strcmp(r->soc_edition, "2018") == 0 && len + 16 < 128)
    snprintf(buf + len, 128 - len, "%s%s", len ? ", " : "", r->code);
  return LAB_OK;
}

/* The national projection; a code of an older SOC edition gets its SOC 2018 successors named. */
static lab_status national(struct lab_store *s, struct project *p, struct lab_error *err)
{
  lab_status st =
      lab_store_projection(s, "ep", p->occ, "US", p->cycle[0] ? p->cycle : NULL, &p->nat, err);
  char succ[128] = "";

  if (st != LAB_ERR_NOTFOUND)
    return st;
  lab_store_crosswalk_related(s, p->occ, "2010", related_cb, succ, NULL);
  lab_store_crosswalk_related(s, p->occ, "hybrid", related_cb, succ, NULL);
  if (succ[0] && strcmp(succ, p->occ) != 0)
    return lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no BLS national projection of %s: projections use SOC 2018 codes, and "
                         "%s became %s",
                         p->occ, p->occ, succ);
  return st;
}

/* The state's OEWS cell for `year` (0 = latest); NOTFOUND quietly when absent. */
static lab_status state_cell(struct lab_store *s, const struct project *p, int year,
                             struct lab_oews_cell *c, struct lab_error *err)
{
  return lab_store_oews_cell(s, p->occ, p->area.code, year, c, err);
}

static lab_status constant_share(struct lab_store *s, struct project *p, struct lab_error *err)
{
  struct lab_oews_cell *c = malloc(sizeof(*c));
  struct lab_error e2 = {0};
  lab_status st;

  if (!c)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  st = state_cell(s, p, p->nat.base_year, c, &e2);
  if (st == LAB_ERR_NOTFOUND) {
    st = state_cell(s, p, 0, c, err);
    if (!st)
      note(p, "the store has no May %d OEWS estimate of %s for %s: May %d employment is the base",
           p->nat.base_year, p->occ, p->area.name, c->year);
  } else if (st) {
    lab_error_set(err, e2.status, "%s", e2.msg);
  }
  if (st)
    goto out;
  if (c->m[LAB_M_TOT_EMP].state != LAB_V_VALUE) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "OEWS publishes no employment of %s for %s in May %d (%s): national rates "
                       "cannot be applied",
                       p->occ, p->area.name, c->year, lab_vstate_name(c->m[LAB_M_TOT_EMP].state));
    goto out;
  }
  st = lab_proj_constant_share(c->m[LAB_M_TOT_EMP].v, p->nat.emp_base, p->nat.emp_proj,
                               p->nat.openings, &p->f, err);
  if (st)
    goto out;
  p->share_year = c->year;
  p->used = p->nat;
  snprintf(p->used.area, sizeof(p->used.area), "%s", p->area.code);
  p->used.emp_base = p->f.emp_base;
  p->used.emp_proj = p->f.emp_proj;
  p->used.change = p->f.change;
  p->used.pct_change = p->f.pct_change;
  p->used.openings = p->f.openings;
  if (c->m[LAB_M_A_MEDIAN].state == LAB_V_VALUE) {
    p->median_wage = c->m[LAB_M_A_MEDIAN].v;
    snprintf(p->wage_source, sizeof(p->wage_source), "OEWS May %d, %s", c->year, p->area.name);
  }
  note(p,
       "constant share: %s keeps its share of national employment, so the national %s ratio "
       "(projected / base = %.4f) and openings rate are applied to its May %d OEWS employment",
       p->area.name, p->nat.vintage, p->nat.emp_proj / p->nat.emp_base, c->year);
  note(p, "OEWS counts wage and salary jobs only; BLS projections also count the self-employed");
out:
  free(c);
  return st;
}

/* Predecessor codes (older SOC editions) that a state still publishes projections under. */
static lab_status older_cb(void *ctx, const struct lab_related_code *r, struct lab_error *err)
{
  struct project *p = ctx;
  struct lab_projection old;

  (void)err;
  if (r->forward || strcmp(r->code, p->occ) == 0 || !p->store)
    return LAB_OK;
  if (lab_store_projection(p->store, "pc", r->code, p->area.code, NULL, &old, NULL) == LAB_OK)
    note(p,
         "Projections Central's %s cycle for %s uses %s (SOC %s), which also holds other "
         "occupations: not used",
         old.vintage, p->area.name, r->code, r->soc_edition);
  return LAB_OK;
}

static lab_status state(struct lab_store *s, struct project *p, struct lab_error *err)
{
  struct lab_error e2 = {0};
  lab_status st = lab_store_projection(s, "pc", p->occ, p->area.code, p->cycle[0] ? p->cycle : NULL,
                                       &p->used, &e2);

  if (st == LAB_OK) {
    struct lab_oews_cell *c = malloc(sizeof(*c));
    p->method = METHOD_STATE;
    /* the national projection only for comparison: the same cycle, else the latest */
    st = national(s, p, &e2);
    if (st == LAB_ERR_NOTFOUND && p->cycle[0]) {
      char keep[sizeof(p->cycle)];
      memcpy(keep, p->cycle, sizeof(keep));
      p->cycle[0] = '\0';
      st = national(s, p, &e2);
      memcpy(p->cycle, keep, sizeof(keep));
    }
    if (st && st != LAB_ERR_NOTFOUND) {
      free(c);
      return lab_error_set(err, st, "%s", e2.msg);
    }
    p->have_nat = st == LAB_OK;
    if (p->have_nat && strcmp(p->used.vintage, p->nat.vintage) != 0)
      note(p, "the state projection is of the %s cycle; the national one is %s", p->used.vintage,
           p->nat.vintage);
    if (c &&
        (state_cell(s, p, p->used.base_year, c, NULL) == LAB_OK ||
         state_cell(s, p, 0, c, NULL) == LAB_OK) &&
        c->m[LAB_M_A_MEDIAN].state == LAB_V_VALUE) {
      p->median_wage = c->m[LAB_M_A_MEDIAN].v;
      snprintf(p->wage_source, sizeof(p->wage_source), "OEWS May %d, %s%s", c->year, p->area.name,
               c->year != p->used.base_year ? " (not the projection's base year)" : "");
    }
    free(c);
    return LAB_OK;
  }
  if (st != LAB_ERR_NOTFOUND)
    return lab_error_set(err, st, "%s", e2.msg);
  st = national(s, p, &e2);
  if (st == LAB_ERR_NOTFOUND && p->cycle[0])
    return lab_error_set(err, st,
                         "the store holds neither a Projections Central projection of %s for %s "
                         "nor a BLS national projection in the %s cycle to apply to it",
                         p->occ, p->area.name, p->cycle);
  if (st)
    return lab_error_set(err, st, "%s", e2.msg);
  p->have_nat = true;
  if (p->cycle[0]) {
    struct lab_projection other;
    if (lab_store_projection(s, "pc", p->occ, p->area.code, NULL, &other, NULL) == LAB_OK)
      note(p, "Projections Central holds the %s cycle for %s (--cycle %s)", other.vintage,
           p->area.name, other.vintage);
  }
  note(p, "the store holds no Projections Central projection of %s for %s%s%s%s", p->occ,
       p->area.name, p->cycle[0] ? " in the " : "", p->cycle, p->cycle[0] ? " cycle" : "");
  st = lab_store_crosswalk_related(s, p->occ, "2018", older_cb, p, err);
  if (st)
    return st;
  p->method = METHOD_CONSTANT_SHARE;
  return constant_share(s, p, err);
}

/* The national title (Table 1.2) when held, else the state's. */
static const char *title_of(const struct project *p)
{
  return p->have_nat ? p->nat.occ_title : p->used.occ_title;
}

static const char *method_text(const struct project *p)
{
  switch (p->method) {
  case METHOD_NATIONAL:
    return "the official BLS projection (Employment Projections, Table 1.2)";
  case METHOD_STATE:
    return "the state's own long-term projection (Projections Central)";
  case METHOD_CONSTANT_SHARE:
    return "national rates applied to the state's OEWS employment (constant share); not an "
           "official projection";
  }
  return "";
}

static const char *method_key(const struct project *p)
{
  return p->method == METHOD_NATIONAL ? "bls_national"
         : p->method == METHOD_STATE  ? "projections_central"
                                      : "constant_share";
}

/* Figures (published where given, derived otherwise) and the error band. */
static lab_status compute(struct project *p, struct lab_error *err)
{
  const struct lab_projection *u = &p->used;
  int years = u->proj_year - u->base_year;
  lab_status st;

  if (p->method != METHOD_CONSTANT_SHARE) {
    st = lab_proj_figures(u->emp_base, u->emp_proj, u->openings, &p->f, err);
    if (st)
      return st;
    if (isfinite(u->change))
      p->f.change = u->change;
    if (isfinite(u->pct_change))
      p->f.pct_change = u->pct_change;
  }
  if (p->method == METHOD_NATIONAL && isfinite(u->median_wage)) {
    p->median_wage = u->median_wage;
    snprintf(p->wage_source, sizeof(p->wage_source),
             "OEWS May %d, as published with the projection", u->base_year);
  }
  st = lab_proj_band_halfwidth(years, &p->band.halfwidth_pp, &p->band_from, err);
  if (!st)
    st = lab_proj_band(&p->f, p->band.halfwidth_pp, &p->band, err);
  return st;
}

/* ------------------------------------------------------------------------------- outputs */

static void band_text(const struct project *p, char *out, size_t size)
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
  char num[48];

  if (isnan(v)) {
    snprintf(out, size, "-");
    return;
  }
  lab_num_format_grouped(fabs(v), decimals, num, sizeof(num));
  snprintf(out, size, "%s%s", v < 0 ? "-" : (sign && v > 0 ? "+" : ""), num);
}

static void print_table(const struct project *p)
{
  static const char *const names[] = {"measure", "value"};
  static const bool numeric[] = {false, true};
  const struct lab_projection *u = &p->used;
  struct cli_table *t = cli_table_new(2, names, numeric);
  char label[96], v[128], a[48], b[48], text[1024];

  if (!t)
    return;
  printf("%s (%s)\n%s (%s): %s %s\nMethod: %s\n\n", title_of(p), p->occ, p->area.name, p->area.code,
         p->method == METHOD_STATE      ? "Projections Central long-term projections"
         : p->method == METHOD_NATIONAL ? "BLS Employment Projections"
                                        : "national BLS rates of the projections",
         u->vintage, method_text(p));
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

static void print_csv(const struct project *p)
{
  const struct lab_projection *u = &p->used;
  char text[1024], notes[NOTE_SIZE * (MAX_NOTES + 2)];
  size_t len;

  puts("occ_code,occ_title,area,area_name,source,cycle,national_cycle,base_year,proj_year,method,"
       "emp_base,emp_proj,change,pct_change,openings,openings_per_1000,median_wage,"
       "band_halfwidth_pp,emp_proj_low,emp_proj_high,change_low,change_high,pct_change_low,"
       "pct_change_high,notes");
  printf("%s,", p->occ);
  cli_csv_field(stdout, title_of(p));
  printf(",%s,", p->area.code);
  cli_csv_field(stdout, p->area.name);
  printf(",%s,%s,%s,%d,%d,%s", u->source, u->vintage, p->have_nat ? p->nat.vintage : "",
         u->base_year, u->proj_year, method_key(p));
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

static void print_json(const struct project *p)
{
  const struct lab_projection *u = &p->used;
  cJSON *arr = cJSON_CreateArray();
  cJSON *o = cJSON_CreateObject();
  cJSON *band = cJSON_CreateObject();
  cJSON *notes;
  char text[1024];
  char *out;

  cJSON_AddStringToObject(o, "occ_code", p->occ);
  cJSON_AddStringToObject(o, "occ_title", title_of(p));
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
  cJSON_AddStringToObject(o, "method", method_key(p));
  cJSON_AddStringToObject(o, "method_text", method_text(p));
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
  struct project *p = calloc(1, sizeof(*p));
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
      if (!parse_cycle(optarg, p->cycle, sizeof(p->cycle))) {
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
    rc = cli_usage_error(&cli_cmd_project, optind >= argc ? "name one occupation code, e.g. 29-9021"
                                                          : "name only one occupation code");
    goto out;
  }
  p->occ = argv[optind];
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
  if (!st && strcmp(p->area.type, "nation") != 0 && strcmp(p->area.type, "state") != 0 &&
      strcmp(p->area.type, "territory") != 0)
    st = lab_error_set(&err, LAB_ERR_INVALID,
                       "projections exist for the nation and the states, not for %s (%s)",
                       p->area.name, p->area.code);
  if (!st && strcmp(p->area.type, "nation") == 0) {
    st = national(s, p, &err);
    p->have_nat = st == LAB_OK;
    p->method = METHOD_NATIONAL;
    p->used = p->nat;
  } else if (!st) {
    st = state(s, p, &err);
  }
  if (!st)
    st = compute(p, &err);
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
    .usage = "laborstat project OCC [--area STATE] [--cycle 2024-2034]",
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
        "Employment and openings are persons (BLS publishes thousands).\n\n"
        "  --area STATE   US (default) or a state (CA, California, 06)\n"
        "  --cycle C      the projection cycle, 2024-2034 or 2024-34 (default: the latest held)\n",
    .run = run,
};
