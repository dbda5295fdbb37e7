/*
 * cmd_shiftshare.c - `laborstat shiftshare --area A --from Y1 --to Y2`: the occupational
 * shift-share of an area's employment change between two May releases (national growth,
 * occupational mix, regional share; lab_cmp_shiftshare()), per occupation and in total.
 */
#include "analyzer/lab_compare.h"
#include "cli/wages.h"
#include "common/lab_num.h"
#include "datasets/lab_query.h"

#include <ctype.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOTAL_OCC "00-0000"

struct ss_opts {
  const char *area;
  int from, to;
  char *occ_list; /* --occ, owned (a copy), NULL = every detailed occupation */
};

struct cells {
  struct lab_oews_cell *v;
  size_t n, cap;
};

/* One occupation in the decomposition. */
struct row {
  const struct lab_oews_cell *a0, *a1; /* the area's cells */
  const struct lab_oews_cell *n0, *n1; /* the nation's */
};

/* ------------------------------------------------------------------------------ helpers */

static lab_status collect(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
{
  struct cells *cs = ctx;

  if (cs->n == cs->cap) {
    size_t cap = cs->cap ? cs->cap * 2 : 256;
    struct lab_oews_cell *p = realloc(cs->v, cap * sizeof(*p));
    if (!p)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    cs->v = p;
    cs->cap = cap;
  }
  cs->v[cs->n++] = *c;
  return LAB_OK;
}

static int cmp_cell_code(const void *key, const void *elem)
{
  return strcmp(key, ((const struct lab_oews_cell *)elem)->occ_code);
}

/* The cell of occupation code in cs (sorted by code, as the store returns them), or NULL. */
static const struct lab_oews_cell *find_occ(const struct cells *cs, const char *code)
{
  if (cs->n == 0)
    return NULL;
  return bsearch(code, cs->v, cs->n, sizeof(*cs->v), cmp_cell_code);
}

static bool emp_ok(const struct lab_oews_cell *c)
{
  return c && c->m[LAB_M_TOT_EMP].state == LAB_V_VALUE;
}

static void fmt_int(double v, bool pretty, bool sign, char *out, size_t size)
{
  if (!pretty) {
    lab_num_format(v, out, size);
    return;
  }
  if (fabs(v) < 0.5) /* rounds to 0: no sign (a rounding residue such as -1e-10 is 0) */
    v = 0;
  lab_num_format_with(v, 0, sign && v > 0 ? "+" : "", out, size);
}

static void fmt_pct(double g, bool pretty, char *out, size_t size)
{
  if (isnan(g))
    out[0] = '\0';
  else if (pretty)
    snprintf(out, size, "%+.1f%%", 100 * g);
  else
    lab_num_format(100 * g, out, size);
}

/* Occupations left out, by reason, for the footer and errors (the first SKIP_LIST codes of
 * each reason are named). */
#define SKIP_LIST 8
enum { SKIP_AREA, SKIP_NATION, SKIP_NREASONS };

struct skipped {
  size_t n[SKIP_NREASONS];
  char codes[SKIP_NREASONS][SKIP_LIST * 10 + 8];
};

static void skip(struct skipped *sk, int why, const char *code)
{
  char *list = sk->codes[why];
  size_t len = strlen(list), size = sizeof(sk->codes[why]);

  if (sk->n[why] < SKIP_LIST)
    snprintf(list + len, size - len, "%s%.9s", len ? ", " : "", code);
  else if (sk->n[why] == SKIP_LIST)
    snprintf(list + len, size - len, ", ...");
  sk->n[why]++;
}

static size_t skipped_count(const struct skipped *sk)
{
  return sk->n[SKIP_AREA] + sk->n[SKIP_NATION];
}

/* "779 without published employment in the area in both years (11-1011, ...); ..." */
static void skipped_text(const struct skipped *sk, char *out, size_t size)
{
  static const char *const why[SKIP_NREASONS] = {
      "without published employment in the area in both years",
      "without published national employment in both years"};
  size_t len = 0;

  out[0] = '\0';
  for (int r = 0; r < SKIP_NREASONS && len < size; r++)
    if (sk->n[r])
      len += (size_t)snprintf(out + len, size - len, "%s%zu %s (%s)", len ? "; " : "", sk->n[r],
                              why[r], sk->codes[r]);
}

/* ------------------------------------------------------------------------------ output */

enum {
  S_AREA,
  S_NAME,
  S_FROM,
  S_TO,
  S_OCC,
  S_TITLE,
  S_E0,
  S_E1,
  S_CHANGE,
  S_NAT,
  S_MIX,
  S_REG,
  S_GOCC,
  S_GAREA,
  S_GNAT,
  S_SOURCE,
  S_NCOLS
};

static bool add_row(struct cli_table *t, bool pretty, const struct lab_oews_cell *area_cell,
                    const struct ss_opts *o, const char *code, const char *title,
                    const struct lab_cmp_shift *s, double g_n, const char *source)
{
  char from[16], to[16], e0[40], e1[40], ch[40], nat[40], mix[40], reg[40], gocc[40], garea[40],
      gnat[40];
  const char *cells[S_NCOLS] = {0};

  snprintf(from, sizeof(from), "%d", o->from);
  snprintf(to, sizeof(to), "%d", o->to);
  fmt_int(s->base, pretty, false, e0, sizeof(e0));
  fmt_int(s->end, pretty, false, e1, sizeof(e1));
  fmt_int(s->change, pretty, true, ch, sizeof(ch));
  fmt_int(s->national, pretty, true, nat, sizeof(nat));
  fmt_int(s->mix, pretty, true, mix, sizeof(mix));
  fmt_int(s->regional, pretty, true, reg, sizeof(reg));
  fmt_pct(s->g_occ, pretty, gocc, sizeof(gocc));
  fmt_pct(s->g_area, pretty, garea, sizeof(garea));
  fmt_pct(g_n, pretty, gnat, sizeof(gnat));
  cells[S_AREA] = area_cell->area.code;
  cells[S_NAME] = area_cell->area.name;
  cells[S_FROM] = from;
  cells[S_TO] = to;
  cells[S_OCC] = code;
  cells[S_TITLE] = title;
  cells[S_E0] = e0;
  cells[S_E1] = e1;
  cells[S_CHANGE] = ch;
  cells[S_NAT] = nat;
  cells[S_MIX] = mix;
  cells[S_REG] = reg;
  cells[S_GOCC] = gocc;
  cells[S_GAREA] = garea;
  cells[S_GNAT] = gnat;
  cells[S_SOURCE] = source;
  return cli_table_add(t, cells);
}

/* ----------------------------------------------------------------------------------- run */

static int parse_options(struct cli_ctx *ctx, struct ss_opts *o, int argc, char **argv)
{
  static const struct option opts[] = {
      {"area", required_argument, NULL, 'a'},
      {"from", required_argument, NULL, 'f'},
      {"occ", required_argument, NULL, 'o'},
      {"to", required_argument, NULL, 't'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  long v;
  int c;
  int rc = CLI_EXIT_OK;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_shiftshare, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == 'a') {
      o->area = optarg;
    } else if (c == 'o') {
      free(o->occ_list);
      o->occ_list = strdup(optarg);
      if (!o->occ_list)
        return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    } else if (c == 'f' || c == 't') {
      if (!cli_parse_int(optarg, 1997, 2100, &v))
        return cli_usage_error(&cli_cmd_shiftshare, "--%s needs a May year such as 2023, not '%s'",
                               c == 'f' ? "from" : "to", optarg);
      *(c == 'f' ? &o->from : &o->to) = (int)v;
    } else {
      return cli_usage_error(&cli_cmd_shiftshare, "unknown or incomplete option '%s'",
                             argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind < argc)
    return cli_usage_error(&cli_cmd_shiftshare, "unexpected argument '%s'", argv[optind]);
  if (!o->area)
    return cli_usage_error(&cli_cmd_shiftshare, "name the area with --area (CA, 06, 31080, US)");
  if (!o->from || !o->to)
    return cli_usage_error(&cli_cmd_shiftshare, "name both releases: --from YEAR --to YEAR");
  if (o->from >= o->to)
    return cli_usage_error(&cli_cmd_shiftshare, "--from (%d) must be earlier than --to (%d)",
                           o->from, o->to);
  return CLI_EXIT_OK;
}

/*
 * The occupations to decompose: the --occ list, or every detailed occupation the area holds in
 * both years; each needs published employment in the area and the nation in both years.
 */
static lab_status pick_rows(const struct ss_opts *o, const struct cells *a0, const struct cells *a1,
                            const struct cells *n0, const struct cells *n1, struct row *rows,
                            size_t *nrows, struct skipped *sk, struct lab_error *err)
{
  char *save = NULL;
  size_t k = 0;

  if (o->occ_list) {
    for (char *tok = strtok_r(o->occ_list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
      struct row r;
      while (*tok == ' ')
        tok++;
      if (!cli_looks_like_soc(tok))
        return lab_error_set(err, LAB_ERR_INVALID,
                             "'%s' in --occ is not an SOC occupation code such as 15-1212", tok);
      r = (struct row){find_occ(a0, tok), find_occ(a1, tok), find_occ(n0, tok), find_occ(n1, tok)};
      if (!emp_ok(r.a0) || !emp_ok(r.a1))
        skip(sk, SKIP_AREA, tok);
      else if (!emp_ok(r.n0) || !emp_ok(r.n1) || r.n0->m[LAB_M_TOT_EMP].v <= 0)
        skip(sk, SKIP_NATION, tok);
      else if (k < a0->n + a1->n)
        rows[k++] = r;
    }
  } else {
    for (size_t i = 0; i < a0->n; i++) {
      const char *code = a0->v[i].occ_code;
      struct row r = {&a0->v[i], find_occ(a1, code), find_occ(n0, code), find_occ(n1, code)};
      if (!r.a1)
        continue; /* not held in the later year: not a candidate */
      if (!emp_ok(r.a0) || !emp_ok(r.a1))
        skip(sk, SKIP_AREA, code);
      else if (!emp_ok(r.n0) || !emp_ok(r.n1) || r.n0->m[LAB_M_TOT_EMP].v <= 0)
        skip(sk, SKIP_NATION, code);
      else
        rows[k++] = r;
    }
  }
  *nrows = k;
  if (k == 0) {
    char text[512];
    skipped_text(sk, text, sizeof(text));
    return lab_error_set(err, LAB_ERR_NOTFOUND,
                         "no occupation of %s has published employment in both May %d and May "
                         "%d, in the area and nationally%s%s",
                         o->area, o->from, o->to, text[0] ? ": " : "", text);
  }
  return LAB_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  struct ss_opts o = {0};
  struct cells a0 = {0}, a1 = {0}, n0 = {0}, n1 = {0};
  struct lab_oews_cell tot0, tot1;
  struct row *rows = NULL;
  struct lab_cmp_shift *per = NULL, total;
  double *e0 = NULL, *e1 = NULL, *ne0 = NULL, *ne1 = NULL;
  size_t nrows = 0;
  struct skipped sk = {0};
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  struct lab_area area;
  struct cli_table *t = NULL;
  char skipped[512], source[1100], s0[256], s1[256], n0s[256], n1s[256];
  double g_n = 0;
  bool pretty = ctx->format == CLI_TABLE;
  lab_status st;
  int rc;

  rc = parse_options(ctx, &o, argc, argv);
  if (rc)
    goto out;
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_area_resolve(store, o.area, &area, &err);
  if (!st)
    st = lab_store_oews_area_cells(store, area.code, o.from, o.occ_list ? NULL : "detailed",
                                   collect, &a0, &err);
  if (!st)
    st = lab_store_oews_area_cells(store, area.code, o.to, o.occ_list ? NULL : "detailed", collect,
                                   &a1, &err);
  if (!st)
    st = lab_store_oews_area_cells(store, "US", o.from, NULL, collect, &n0, &err);
  if (!st)
    st = lab_store_oews_area_cells(store, "US", o.to, NULL, collect, &n1, &err);
  if (!st && (a0.n == 0 || a1.n == 0))
    st = lab_error_set(&err, LAB_ERR_NOTFOUND, "no OEWS estimates for %s (%s) in May %d", area.name,
                       area.code, a0.n == 0 ? o.from : o.to);
  if (!st) {
    const struct lab_oews_cell *t0 = find_occ(&n0, TOTAL_OCC), *t1 = find_occ(&n1, TOTAL_OCC);
    if (!emp_ok(t0) || !emp_ok(t1))
      st = lab_error_set(&err, LAB_ERR_NOTFOUND,
                         "no national all-occupation employment (00-0000) for May %d",
                         emp_ok(t0) ? o.to : o.from);
    else {
      tot0 = *t0;
      tot1 = *t1;
    }
  }
  if (st)
    goto fail;
  rows = calloc(a0.n + a1.n, sizeof(*rows));
  per = calloc(a0.n + a1.n, sizeof(*per));
  e0 = calloc(a0.n + a1.n, sizeof(*e0));
  e1 = calloc(a0.n + a1.n, sizeof(*e1));
  ne0 = calloc(a0.n + a1.n, sizeof(*ne0));
  ne1 = calloc(a0.n + a1.n, sizeof(*ne1));
  if (!rows || !per || !e0 || !e1 || !ne0 || !ne1) {
    st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
    goto fail;
  }
  st = pick_rows(&o, &a0, &a1, &n0, &n1, rows, &nrows, &sk, &err);
  if (st)
    goto fail;
  for (size_t i = 0; i < nrows; i++) {
    e0[i] = rows[i].a0->m[LAB_M_TOT_EMP].v;
    e1[i] = rows[i].a1->m[LAB_M_TOT_EMP].v;
    ne0[i] = rows[i].n0->m[LAB_M_TOT_EMP].v;
    ne1[i] = rows[i].n1->m[LAB_M_TOT_EMP].v;
  }
  st = lab_cmp_shiftshare(e0, e1, ne0, ne1, nrows, tot0.m[LAB_M_TOT_EMP].v, tot1.m[LAB_M_TOT_EMP].v,
                          per, &total, &g_n, &err);
  if (st)
    goto fail;
  cli_cell_source(rows[0].a0, s0, sizeof(s0));
  cli_cell_source(rows[0].a1, s1, sizeof(s1));
  cli_cell_source(&tot0, n0s, sizeof(n0s));
  cli_cell_source(&tot1, n1s, sizeof(n1s));
  if (strcmp(area.code, "US") == 0)
    snprintf(source, sizeof(source), "%s; %s", s0, s1);
  else
    snprintf(source, sizeof(source), "%s; %s; %s; %s", s0, s1, n0s, n1s);
  {
    static const char *const names[S_NCOLS] = {"area",
                                               "area_name",
                                               "from_year",
                                               "to_year",
                                               "occ_code",
                                               "occ_title",
                                               "emp_from",
                                               "emp_to",
                                               "change",
                                               "national_effect",
                                               "mix_effect",
                                               "regional_effect",
                                               "occ_national_growth_pct",
                                               "area_growth_pct",
                                               "national_growth_pct",
                                               "source"};
    static const bool numeric[S_NCOLS] = {
        [S_FROM] = true,   [S_TO] = true,    [S_E0] = true,  [S_E1] = true,
        [S_CHANGE] = true, [S_NAT] = true,   [S_MIX] = true, [S_REG] = true,
        [S_GOCC] = true,   [S_GAREA] = true, [S_GNAT] = true};
    static const bool hide[S_NCOLS] = {[S_AREA] = true, [S_NAME] = true, [S_FROM] = true,
                                       [S_TO] = true,   [S_GNAT] = true, [S_SOURCE] = true};
    char total_title[64];
    t = cli_table_new(S_NCOLS, names, numeric);
    if (!t) {
      st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
      goto fail;
    }
    for (size_t i = 0; i < nrows && !st; i++)
      if (!add_row(t, pretty, rows[i].a1, &o, rows[i].a1->occ_code, rows[i].a1->occ_title, &per[i],
                   g_n, source))
        st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
    snprintf(total_title, sizeof(total_title), "%zu occupation%s", nrows, nrows == 1 ? "" : "s");
    if (!st && !add_row(t, pretty, rows[0].a1, &o, "total", total_title, &total, g_n, source))
      st = lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
    if (st)
      goto fail;
    if (pretty)
      printf("Occupational shift-share of employment, %s (%s), May %d to May %d\n", area.name,
             area.code, o.from, o.to);
    cli_table_print(t, ctx->format, hide, stdout);
  }
  if (pretty) {
    printf("\nNational growth of all occupations (00-0000): %s to %s, %+.2f%%.\n",
           lab_num_format_grouped(tot0.m[LAB_M_TOT_EMP].v, 0, s0, sizeof(s0)),
           lab_num_format_grouped(tot1.m[LAB_M_TOT_EMP].v, 0, s1, sizeof(s1)), 100 * g_n);
    printf("change = national_effect + mix_effect + regional_effect (checked for every row): "
           "national_effect = emp_from x g_N (the area growing as the nation), mix_effect = "
           "emp_from x (g_i - g_N) (the occupation's national growth beyond the nation's), "
           "regional_effect = emp_to - emp_from x (1 + g_i) (the area's own performance).\n");
    printf("The total covers the occupations listed, not all of the area's employment.\n");
    if (skipped_count(&sk)) {
      skipped_text(&sk, skipped, sizeof(skipped));
      printf("Left out: %s.\n", skipped);
    }
    if (strcmp(rows[0].a0->soc_edition, rows[0].a1->soc_edition) != 0)
      printf("The SOC edition changes (%s -> %s): occupations are matched by code without a "
             "crosswalk.\n",
             rows[0].a0->soc_edition, rows[0].a1->soc_edition);
    if (strcmp(area.code, "US") == 0)
      printf("The area is the nation: the regional share effect is 0 by construction.\n");
    printf("OEWS is not designed as a time series (estimates pool three years of survey "
           "panels); employment is published rounded.\nSource: %s.\n",
           source);
  }
  goto out;
fail:
  rc = err.status == LAB_ERR_INVALID ? cli_usage_error(&cli_cmd_shiftshare, "%s", err.msg)
                                     : cli_fail(&err);
out:
  cli_table_free(t);
  free(rows);
  free(per);
  free(e0);
  free(e1);
  free(ne0);
  free(ne1);
  free(a0.v);
  free(a1.v);
  free(n0.v);
  free(n1.v);
  free(o.occ_list);
  return rc;
}

const struct cli_cmd cli_cmd_shiftshare = {
    .name = "shiftshare",
    .summary = "occupational shift-share of an area's employment change between two releases",
    .usage = "laborstat shiftshare --area AREA --from YEAR --to YEAR [--occ OCC,OCC,...]",
    .help =
        "Splits each occupation's employment change in the area into the national growth\n"
        "effect (the area growing as all U.S. employment), the occupational mix effect (the\n"
        "occupation's national growth beyond that) and the regional share effect (the area's\n"
        "own performance), with their total; the three always add up to the change (checked).\n\n"
        "  --area AREA        a state (CA, Texas, 06), a metro (31080) or US\n"
        "  --from YEAR        the earlier May release\n"
        "  --to YEAR          the later May release\n"
        "  --occ OCC,...      these occupations (default: every detailed occupation the area\n"
        "                     holds in both years with published employment)\n",
    .run = run,
};
