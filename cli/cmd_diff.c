/*
 * cmd_diff.c - `laborstat diff --from Y1 --to Y2 OCC...`: what changed between two May releases
 * for each occupation (employment, mean and median wage): the difference, the percent change,
 * the 95% CI of the difference and the z-test verdict, with notes on SOC edition changes,
 * top-coding and missing RSEs.
 */
#include "analyzer/lab_compare.h"
#include "cli/wages.h"
#include "common/lab_num.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL 0.95

/* The measures compared, in output order. */
static const enum lab_measure measures[] = {LAB_M_TOT_EMP, LAB_M_A_MEAN, LAB_M_A_MEDIAN};

struct diff_opts {
  int from, to;
  const char *area;
};

/* One measure of one occupation across the two releases. */
struct change {
  const struct lab_oews_cell *c0, *c1;
  enum lab_measure m;
  bool has_diff; /* both values published (not top-coded) */
  double diff, pct;
  bool tested;
  struct lab_cmp_diff d;
  char verdict[256];
  char note[256];
};

/* ------------------------------------------------------------------------------ helpers */

/* SE of measure m of cell c, NAN when no RSE is published. */
static double se_of(const struct lab_oews_cell *c, enum lab_measure m)
{
  enum lab_measure r = lab_measure_rse(m);
  double se = NAN;

  if (r == LAB_M_COUNT || c->m[r].state != LAB_V_VALUE ||
      lab_cmp_se_from_rse(c->m[m].v, c->m[r].v, &se, NULL) != LAB_OK)
    return NAN;
  return se;
}

static void add_note(char *note, size_t size, const char *text)
{
  size_t len = strlen(note);

  snprintf(note + len, size - len, "%s%s", len ? "; " : "", text);
}

static void fmt_num(enum lab_measure m, double v, bool pretty, char *out, size_t size)
{
  if (isnan(v)) {
    out[0] = '\0';
    return;
  }
  if (!pretty) {
    lab_num_format(v, out, size);
    return;
  }
  lab_num_format_with(v, 0, lab_measure_is_wage(m) ? "$" : "", out, size);
}

/* ---------------------------------------------------------------------------- the change */

static void compute(struct change *ch)
{
  const struct lab_value *v0 = &ch->c0->m[ch->m], *v1 = &ch->c1->m[ch->m];
  char n0[32], n1[32], text[160];
  double se0, se1;

  snprintf(n0, sizeof(n0), "May %d", ch->c0->year);
  snprintf(n1, sizeof(n1), "May %d", ch->c1->year);
  if (strcmp(ch->c0->soc_edition, ch->c1->soc_edition) != 0) {
    snprintf(text, sizeof(text),
             "SOC edition differs (%s in %d, %s in %d): the code may not cover the same jobs",
             ch->c0->soc_edition, ch->c0->year, ch->c1->soc_edition, ch->c1->year);
    add_note(ch->note, sizeof(ch->note), text);
  }
  if (v0->state == LAB_V_TOPCODED && v1->state == LAB_V_TOPCODED) {
    add_note(ch->note, sizeof(ch->note), "top-coded in both years (lower bounds): no difference");
  } else if (v0->state == LAB_V_TOPCODED || v1->state == LAB_V_TOPCODED) {
    snprintf(text, sizeof(text), "top-coded in %d (a lower bound): no difference",
             v0->state == LAB_V_TOPCODED ? ch->c0->year : ch->c1->year);
    add_note(ch->note, sizeof(ch->note), text);
  }
  for (int k = 0; k < 2; k++) {
    const struct lab_value *v = k ? v1 : v0;
    if (v->state != LAB_V_VALUE && v->state != LAB_V_TOPCODED) {
      char state[48] = "not published";
      if (v->state != LAB_V_MISSING)
        cli_measure_text(ch->m, v, state, sizeof(state));
      snprintf(text, sizeof(text), "%s in %d", state, k ? ch->c1->year : ch->c0->year);
      add_note(ch->note, sizeof(ch->note), text);
    }
  }
  if (v0->state != LAB_V_VALUE || v1->state != LAB_V_VALUE)
    return;
  ch->has_diff = true;
  ch->diff = v1->v - v0->v;
  ch->pct = v0->v != 0 ? 100.0 * ch->diff / v0->v : NAN;
  se0 = se_of(ch->c0, ch->m);
  se1 = se_of(ch->c1, ch->m);
  if (lab_measure_rse(ch->m) == LAB_M_COUNT) {
    snprintf(text, sizeof(text), "no CI (BLS publishes no RSE for %s)", lab_measure_name(ch->m));
    add_note(ch->note, sizeof(ch->note), text);
  } else if (isnan(se0) || isnan(se1)) {
    snprintf(text, sizeof(text), "no CI (RSE not published for %d)",
             isnan(se0) ? ch->c0->year : ch->c1->year);
    add_note(ch->note, sizeof(ch->note), text);
  } else if (lab_cmp_diff(v1->v, se1, v0->v, se0, LEVEL, &ch->d, NULL) == LAB_OK) {
    ch->tested = true;
    lab_cmp_verdict(&ch->d, n1, n0, ch->verdict, sizeof(ch->verdict));
  } else {
    add_note(ch->note, sizeof(ch->note), "not tested: both standard errors are 0");
  }
}

/* ------------------------------------------------------------------------------ output */

/* The releases of cells[0..n) as text, each once: "BLS OEWS May 2023, ...; BLS OEWS May 2024, ...".
 */
static void sources_text(const struct lab_oews_cell *cells, size_t n, char *out, size_t size)
{
  size_t len = 0;

  out[0] = '\0';
  for (size_t i = 0; i < n && len < size; i++) {
    char one[256];
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++)
      seen = cells[k].release_id == cells[i].release_id;
    if (seen)
      continue;
    cli_cell_source(&cells[i], one, sizeof(one));
    len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "; " : "", one);
  }
}

enum {
  D_OCC,
  D_TITLE,
  D_AREA,
  D_NAME,
  D_MEASURE,
  D_FROM,
  D_TO,
  D_FROMSOC,
  D_TOSOC,
  D_V0,
  D_S0,
  D_V1,
  D_S1,
  D_DIFF,
  D_PCT,
  D_SE,
  D_LO,
  D_HI,
  D_Z,
  D_P,
  D_VERDICT,
  D_NOTE,
  D_BASIS,
  D_SOURCE,
  D_NCOLS
};

static bool data_row(struct cli_table *t, const struct change *ch, const char *source)
{
  char from[16], to[16], v0[40] = "", v1[40] = "", diff[40] = "", pct[40] = "", se[40] = "",
                         lo[40] = "", hi[40] = "", z[40] = "", p[40] = "";
  const struct lab_value *a = &ch->c0->m[ch->m], *b = &ch->c1->m[ch->m];
  const char *cells[D_NCOLS] = {0};

  snprintf(from, sizeof(from), "%d", ch->c0->year);
  snprintf(to, sizeof(to), "%d", ch->c1->year);
  if (a->state == LAB_V_VALUE || a->state == LAB_V_TOPCODED)
    lab_num_format(a->v, v0, sizeof(v0));
  if (b->state == LAB_V_VALUE || b->state == LAB_V_TOPCODED)
    lab_num_format(b->v, v1, sizeof(v1));
  if (ch->has_diff) {
    lab_num_format(ch->diff, diff, sizeof(diff));
    if (!isnan(ch->pct))
      lab_num_format(ch->pct, pct, sizeof(pct));
  }
  if (ch->tested) {
    lab_num_format(ch->d.se, se, sizeof(se));
    lab_num_format(ch->d.ci.lo, lo, sizeof(lo));
    lab_num_format(ch->d.ci.hi, hi, sizeof(hi));
    lab_num_format(ch->d.z, z, sizeof(z));
    lab_num_format(ch->d.p, p, sizeof(p));
  }
  cells[D_OCC] = ch->c1->occ_code;
  cells[D_TITLE] = ch->c1->occ_title;
  cells[D_AREA] = ch->c1->area.code;
  cells[D_NAME] = ch->c1->area.name;
  cells[D_MEASURE] = lab_measure_name(ch->m);
  cells[D_FROM] = from;
  cells[D_TO] = to;
  cells[D_FROMSOC] = ch->c0->soc_edition;
  cells[D_TOSOC] = ch->c1->soc_edition;
  cells[D_V0] = v0;
  cells[D_S0] = lab_vstate_name(a->state);
  cells[D_V1] = v1;
  cells[D_S1] = lab_vstate_name(b->state);
  cells[D_DIFF] = diff;
  cells[D_PCT] = pct;
  cells[D_SE] = se;
  cells[D_LO] = lo;
  cells[D_HI] = hi;
  cells[D_Z] = z;
  cells[D_P] = p;
  cells[D_VERDICT] = ch->verdict;
  cells[D_NOTE] = ch->note;
  cells[D_BASIS] = lab_measure_is_wage(ch->m) ? "nominal dollars" : "";
  cells[D_SOURCE] = source;
  return cli_table_add(t, cells);
}

static bool text_row(struct cli_table *t, const struct change *ch)
{
  char label[64], v0[64], v1[64], diff[64] = "", pct[32] = "", ci[112] = "", says[520];
  const struct lab_value *a = &ch->c0->m[ch->m], *b = &ch->c1->m[ch->m];

  snprintf(label, sizeof(label), "%s", lab_measure_label(ch->m));
  cli_measure_text(ch->m, a, v0, sizeof(v0));
  cli_measure_text(ch->m, b, v1, sizeof(v1));
  if (ch->has_diff) {
    char num[48];
    fmt_num(ch->m, ch->diff, true, num, sizeof(num));
    snprintf(diff, sizeof(diff), "%s%s", ch->diff > 0 ? "+" : "", num);
    if (!isnan(ch->pct))
      snprintf(pct, sizeof(pct), "%+.1f%%", ch->pct);
  }
  if (ch->tested) {
    char lo[48], hi[48];
    fmt_num(ch->m, ch->d.ci.lo, true, lo, sizeof(lo));
    fmt_num(ch->m, ch->d.ci.hi, true, hi, sizeof(hi));
    snprintf(ci, sizeof(ci), "%s to %s", lo, hi);
  }
  snprintf(says, sizeof(says), "%s%s%s", ch->verdict, ch->verdict[0] && ch->note[0] ? "; " : "",
           ch->note);
  return cli_table_add(t, (const char *[]){ch->c1->occ_code, label, v0, v1, diff, pct, ci, says});
}

/* ----------------------------------------------------------------------------------- run */

static int parse_options(struct cli_ctx *ctx, struct diff_opts *o, int argc, char **argv)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"from", required_argument, NULL, 'f'},
      {"to", required_argument, NULL, 't'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  long v;
  int c;
  int rc = CLI_EXIT_OK;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_diff, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == 'a') {
      o->area = optarg;
    } else if (c == 'f' || c == 't') {
      if (!cli_parse_int(optarg, 1997, 2100, &v))
        return cli_usage_error(&cli_cmd_diff, "--%s needs a May year such as 2023, not '%s'",
                               c == 'f' ? "from" : "to", optarg);
      *(c == 'f' ? &o->from : &o->to) = (int)v;
    } else {
      return cli_usage_error(&cli_cmd_diff, "unknown or incomplete option '%s'", argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (!o->from || !o->to)
    return cli_usage_error(&cli_cmd_diff, "name both releases: --from YEAR --to YEAR");
  if (o->from >= o->to)
    return cli_usage_error(&cli_cmd_diff, "--from (%d) must be earlier than --to (%d)", o->from,
                           o->to);
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_diff, "name at least one occupation code, e.g. 15-1212");
  for (int i = optind; i < argc; i++)
    if (!cli_looks_like_soc(argv[i]))
      return cli_usage_error(&cli_cmd_diff,
                             "'%s' is not an SOC occupation code such as 15-1212: look one up "
                             "with laborstat find WORDS",
                             argv[i]);
  return CLI_EXIT_OK;
}

static lab_status print_all(struct cli_ctx *ctx, const struct diff_opts *o,
                            const struct lab_oews_cell *cells, size_t nocc, struct lab_error *err)
{
  static const char *const dnames[D_NCOLS] = {
      "occ_code", "occ_title", "area",       "area_name",  "measure",       "from_year",
      "to_year",  "from_soc",  "to_soc",     "from_value", "from_state",    "to_value",
      "to_state", "diff",      "pct_change", "se",         "diff_ci95_low", "diff_ci95_high",
      "z",        "p",         "verdict",    "note",       "basis",         "source"};
  static const bool dnumeric[D_NCOLS] = {
      [D_FROM] = true, [D_TO] = true, [D_V0] = true, [D_V1] = true, [D_DIFF] = true, [D_PCT] = true,
      [D_SE] = true,   [D_LO] = true, [D_HI] = true, [D_Z] = true,  [D_P] = true};
  char tnames_from[16], tnames_to[16];
  const char *tnames[] = {
      "occupation",           "measure",       tnames_from, tnames_to, "change", "% change",
      "95% CI of the change", "verdict / note"};
  static const bool tnumeric[] = {false, false, true, true, true, true, true, false};
  bool text = ctx->format == CLI_TABLE;
  struct cli_table *t;
  char source[600];
  lab_status st = LAB_OK;
  bool soc_change = false;

  snprintf(tnames_from, sizeof(tnames_from), "May %d", o->from);
  snprintf(tnames_to, sizeof(tnames_to), "May %d", o->to);
  t = text ? cli_table_new(8, tnames, tnumeric) : cli_table_new(D_NCOLS, dnames, dnumeric);
  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  sources_text(cells, 2 * nocc, source, sizeof(source));
  for (size_t i = 0; i < nocc && !st; i++) {
    for (size_t k = 0; k < LAB_ARRAY_SIZE(measures) && !st; k++) {
      struct change ch = {.c0 = &cells[2 * i], .c1 = &cells[2 * i + 1], .m = measures[k]};
      compute(&ch);
      soc_change = soc_change || strcmp(ch.c0->soc_edition, ch.c1->soc_edition) != 0;
      if (!(text ? text_row(t, &ch) : data_row(t, &ch, source)))
        st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    }
  }
  if (st)
    goto out;
  if (!text) {
    cli_table_print(t, ctx->format, NULL, stdout);
    goto out;
  }
  printf("Changes from May %d to May %d, %s (%s), cross-industry\n", o->from, o->to,
         cells[0].area.name, cells[0].area.code);
  for (size_t i = 0; i < nocc; i++)
    printf("  %s %s (SOC %s -> %s)\n", cells[2 * i + 1].occ_code, cells[2 * i + 1].occ_title,
           cells[2 * i].soc_edition, cells[2 * i + 1].soc_edition);
  cli_table_print(t, CLI_TABLE, NULL, stdout);
  printf("\nSource: %s.\n", source);
  printf("Dollar basis: nominal dollars of each May (changes include inflation).\n");
  printf("95%% CIs of the change and two-sided z-tests from the published relative standard "
         "errors, treating the two releases as independent. OEWS is not designed as a time "
         "series: each May estimate pools three years of survey panels, so consecutive releases "
         "share data; the test then overstates the standard error of the change (it errs "
         "towards \"no significant difference\"). BLS publishes no RSE for percentiles.\n");
  if (soc_change)
    printf("The SOC edition changes between these releases: codes are compared as they are, "
           "without a crosswalk.\n");
out:
  cli_table_free(t);
  return st;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct diff_opts o = {0};
  struct lab_oews_cell *cells = NULL;
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  struct lab_area area;
  size_t nocc;
  lab_status st;
  int rc;

  rc = parse_options(ctx, &o, argc, argv);
  if (rc)
    return rc;
  nocc = (size_t)(argc - optind);
  cells = calloc(2 * nocc, sizeof(*cells));
  if (!cells)
    return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_area_resolve(store, o.area ? o.area : "US", &area, &err);
  for (size_t i = 0; i < nocc && !st; i++) {
    st = lab_store_oews_cell(store, argv[optind + (int)i], area.code, o.from, &cells[2 * i], &err);
    if (!st)
      st = lab_store_oews_cell(store, argv[optind + (int)i], area.code, o.to, &cells[2 * i + 1],
                               &err);
  }
  if (!st)
    st = print_all(ctx, &o, cells, nocc, &err);
  if (st)
    rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_diff, "%s", err.msg)
                                       : cli_fail(&err);
  free(cells);
  return rc;
}

const struct cli_cmd cli_cmd_diff = {
    .name = "diff",
    .summary = "what changed for occupations between two May releases, with significance",
    .usage = "laborstat diff --from YEAR --to YEAR OCC... [--area AREA]",
    .help = "For each occupation: employment, annual mean wage and annual median wage in both\n"
            "releases, the change and percent change, and for employment and the mean wage the\n"
            "95% confidence interval of the change with a two-sided z-test (from the published\n"
            "relative standard errors, the releases treated as independent). Notes say when the\n"
            "SOC edition differs between the years, when a value is top-coded (a lower bound: no\n"
            "difference is computed) and when no RSE is published.\n\n"
            "  --from YEAR   the earlier May release\n"
            "  --to YEAR     the later May release\n"
            "  --area AREA   US (default), a state (CA, Texas, 06) or a metro (31080)\n",
    .run = run,
};
