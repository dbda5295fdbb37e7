/*
 * cmd_roles.c - `laborstat roles`: the role presets (or a user's role file) with their SOC codes
 * per edition, weights, industry filter, rationale and caveats.
 */
#include "cli/cli.h"
#include "common/lab_buf.h"
#include "common/lab_num.h"
#include "datasets/lab_roles.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text mode wraps prose (rationale, notes) to this many columns. */
#define WRAP_WIDTH 100

enum {
  R_PRESET,
  R_VERSION,
  R_ROLE,
  R_TITLE,
  R_EDITION,
  R_CODE,
  R_FALLBACK,
  R_WEIGHTING,
  R_WEIGHT,
  R_NAICS,
  R_CODE_NOTE,
  R_INDUSTRY_NOTE,
  R_RATIONALE,
  R_NOTES,
  R_ORIGIN,
  R_NCOLS
};

struct roles_opts {
  const char *preset; /* --preset */
  const char *file;   /* --file */
  const char *name;   /* positional: a preset or role */
};

/* The sets to show (one per preset, or the user's file). */
struct sets {
  struct lab_roles **v;
  size_t n;
};

static void sets_release(struct sets *s)
{
  for (size_t i = 0; i < s->n; i++)
    lab_roles_free(s->v[i]);
  free(s->v);
}

static lab_status sets_add(struct sets *s, struct lab_roles *set, struct lab_error *err)
{
  struct lab_roles **v = realloc(s->v, (s->n + 1) * sizeof(*v));

  if (!v) {
    lab_roles_free(set);
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  s->v = v;
  s->v[s->n++] = set;
  return LAB_OK;
}

/* Join list[0..n) with sep into b (reset first). */
static lab_status join(struct lab_buf *b, char *const *list, size_t n, const char *sep)
{
  lab_status st = LAB_OK;

  lab_buf_reset(b);
  for (size_t i = 0; i < n && !st; i++)
    st = lab_buf_addf(b, "%s%s", i ? sep : "", list[i]);
  return st;
}

/* ----------------------------------------------------------------------- CSV and JSON */

static lab_status add_rows(struct cli_table *t, const struct lab_roles *set, struct lab_error *err)
{
  struct lab_buf naics, notes;
  lab_status st = LAB_OK;

  lab_buf_init(&naics, 1u << 16);
  lab_buf_init(&notes, 1u << 20);
  for (size_t i = 0; i < set->n && !st; i++) {
    const struct lab_role *r = &set->roles[i];
    st = join(&naics, r->naics, r->n_naics, ";");
    if (!st)
      st = join(&notes, r->notes, r->n_notes, "\n");
    for (int e = 0; e < LAB_ROLE_NEDITIONS && !st; e++) {
      for (size_t k = 0; k < r->editions[e].n && !st; k++) {
        const struct lab_role_component *c = &r->editions[e].v[k];
        const char *cells[R_NCOLS];
        char weight[40] = "";
        if (!c->by_employment)
          lab_num_format(c->weight, weight, sizeof(weight));
        cells[R_PRESET] = set->preset;
        cells[R_VERSION] = set->version;
        cells[R_ROLE] = r->name;
        cells[R_TITLE] = r->title;
        cells[R_EDITION] = lab_role_edition_name((enum lab_role_edition)e);
        cells[R_CODE] = c->code;
        cells[R_FALLBACK] = c->fallback;
        cells[R_WEIGHTING] = c->by_employment ? "employment" : "fixed";
        cells[R_WEIGHT] = weight;
        cells[R_NAICS] = lab_buf_str(&naics);
        cells[R_CODE_NOTE] = c->note;
        cells[R_INDUSTRY_NOTE] = r->industry_note;
        cells[R_RATIONALE] = r->rationale;
        cells[R_NOTES] = lab_buf_str(&notes);
        cells[R_ORIGIN] = set->origin;
        if (!cli_table_add(t, cells))
          st = LAB_ERR_NOMEM;
      }
    }
  }
  if (st)
    lab_error_set(err, st, "out of memory");
  lab_buf_release(&naics);
  lab_buf_release(&notes);
  return st;
}

static lab_status print_data(const struct sets *s, enum cli_format fmt, struct lab_error *err)
{
  static const char *const names[R_NCOLS] = {
      "preset",    "version",       "role",      "title",  "soc_edition",
      "code",      "fallback",      "weighting", "weight", "industry_naics",
      "code_note", "industry_note", "rationale", "notes",  "origin"};
  static const bool numeric[R_NCOLS] = {[R_WEIGHT] = true};
  struct cli_table *t = cli_table_new(R_NCOLS, names, numeric);
  lab_status st = LAB_OK;

  if (!t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < s->n && !st; i++)
    st = add_rows(t, s->v[i], err);
  if (!st)
    cli_table_print(t, fmt, NULL, stdout);
  cli_table_free(t);
  return st;
}

/* --------------------------------------------------------------------------- text */

/* Code points in s[0..n). */
static size_t text_width(const char *s, size_t n)
{
  size_t w = 0;

  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      w++;
  return w;
}

/* Print prefix then text, wrapped at WRAP_WIDTH columns; continuation lines start with indent. */
static void print_wrapped(const char *prefix, const char *indent, const char *text)
{
  size_t col = text_width(prefix, strlen(prefix));
  bool line_empty = true;
  const char *p = text + strspn(text, " \n");

  fputs(prefix, stdout);
  while (*p) {
    size_t n = strcspn(p, " \n");
    size_t w = text_width(p, n);
    if (!line_empty && col + 1 + w > WRAP_WIDTH) {
      printf("\n%s", indent);
      col = text_width(indent, strlen(indent));
      line_empty = true;
    }
    if (!line_empty) {
      putchar(' ');
      col++;
    }
    fwrite(p, 1, n, stdout);
    col += w;
    line_empty = false;
    p += n;
    p += strspn(p, " \n");
  }
  putchar('\n');
}

static lab_status print_set_text(const struct lab_roles *set, struct lab_error *err)
{
  static const char *const names[] = {"role", "industry", "soc", "code", "weight"};
  struct cli_table *t = cli_table_new(LAB_ARRAY_SIZE(names), names, NULL);
  struct lab_buf naics, line;
  lab_status st = LAB_OK;

  lab_buf_init(&naics, 1u << 16);
  lab_buf_init(&line, 1u << 16);
  if (!t) {
    st = LAB_ERR_NOMEM;
    goto out;
  }
  printf("Preset %s, version %s (%s)\n", set->preset, set->version, set->origin);
  if (set->description[0])
    print_wrapped("", "", set->description);
  putchar('\n');
  /* The overview: one row per role and code. */
  for (size_t i = 0; i < set->n && !st; i++) {
    const struct lab_role *r = &set->roles[i];
    bool first = true;
    st = join(&naics, r->naics, r->n_naics, ", ");
    for (int e = 0; e < LAB_ROLE_NEDITIONS && !st; e++) {
      for (size_t k = 0; k < r->editions[e].n && !st; k++) {
        const struct lab_role_component *c = &r->editions[e].v[k];
        char weight[40] = "employment";
        char code[2 * LAB_ROLE_CODE_SIZE];
        const char *cells[LAB_ARRAY_SIZE(names)];
        if (!c->by_employment)
          lab_num_format(c->weight, weight, sizeof(weight));
        snprintf(code, sizeof(code), "%s%s%s", c->code, c->fallback[0] ? "/" : "", c->fallback);
        cells[0] = first ? r->name : "";
        cells[1] = first ? (naics.len ? lab_buf_str(&naics) : "all") : "";
        cells[2] = lab_role_edition_name((enum lab_role_edition)e);
        cells[3] = code;
        cells[4] = weight;
        if (!cli_table_add(t, cells))
          st = LAB_ERR_NOMEM;
        first = false;
      }
    }
  }
  if (st)
    goto out;
  cli_table_print(t, CLI_TABLE, NULL, stdout);
  /* The details: what each code stands for, the industry filter, why, caveats. */
  for (size_t i = 0; i < set->n && !st; i++) {
    const struct lab_role *r = &set->roles[i];
    printf("\n%s: %s\n", r->name, r->title);
    for (int e = 0; e < LAB_ROLE_NEDITIONS && !st; e++) {
      for (size_t k = 0; k < r->editions[e].n && !st; k++) {
        const struct lab_role_component *c = &r->editions[e].v[k];
        lab_buf_reset(&line);
        st = lab_buf_addf(&line, "  %s %s%s%s%s: ", lab_role_edition_name((enum lab_role_edition)e),
                          c->code, c->fallback[0] ? " (else " : "", c->fallback,
                          c->fallback[0] ? ")" : "");
        if (!st)
          print_wrapped(lab_buf_str(&line), "    ", c->note[0] ? c->note : "-");
      }
    }
    if (!st && r->n_naics) {
      st = join(&naics, r->naics, r->n_naics, ", ");
      if (!st)
        st = lab_buf_addf(&naics, "%s%s", r->industry_note[0] ? ". " : "", r->industry_note);
      if (!st)
        print_wrapped("  Industry: NAICS ", "    ", lab_buf_str(&naics));
    }
    if (!st)
      print_wrapped("  Why: ", "    ", r->rationale);
    for (size_t k = 0; k < r->n_notes && !st; k++)
      print_wrapped("  Note: ", "    ", r->notes[k]);
  }
  if (!st && set->n_notes)
    puts("\nAbout this preset:");
  for (size_t k = 0; k < set->n_notes && !st; k++)
    print_wrapped("  - ", "    ", set->notes[k]);
out:
  if (st)
    lab_error_set(err, st, "out of memory");
  cli_table_free(t);
  lab_buf_release(&naics);
  lab_buf_release(&line);
  return st;
}

static lab_status print_text(const struct sets *s, struct lab_error *err)
{
  lab_status st = LAB_OK;

  for (size_t i = 0; i < s->n && !st; i++) {
    if (i)
      putchar('\n');
    st = print_set_text(s->v[i], err);
  }
  if (!st) {
    putchar('\n');
    print_wrapped("", "",
                  "Weights: 'employment' weights each code by its published employment in the "
                  "area, industry and year; numbers are fixed shares within an edition. "
                  "Editions: 2018 = OEWS May 2021 on, hybrid = May 2019-2020, 2010 = through "
                  "May 2018. A code in a note with a .NN suffix is an O*NET-SOC occupation: "
                  "OEWS has no wages for it. The file format: docs/roles.md.");
  }
  return st;
}

/* ------------------------------------------------------------------------------ run */

/* Collect what the options ask for into s. */
static lab_status collect(const struct roles_opts *o, struct sets *s, struct lab_error *err)
{
  struct lab_roles *set = NULL;
  lab_status st = LAB_OK;

  if (o->file) {
    st = lab_roles_load(o->file, &set, err);
    if (!st && o->name)
      st = lab_roles_select(set, o->name, err);
  } else if (o->preset) {
    st = lab_roles_find(o->preset, &set, err);
    if (!st && strcmp(set->preset, o->preset) != 0)
      st = lab_error_set(err, LAB_ERR_NOTFOUND,
                         "'%s' is a role of the preset '%s', not a preset: use 'laborstat roles "
                         "%s'",
                         o->preset, set->preset, o->preset);
    if (!st && o->name)
      st = lab_roles_select(set, o->name, err);
  } else if (o->name) {
    st = lab_roles_find(o->name, &set, err);
  } else {
    size_t n = lab_roles_preset_count();
    for (size_t i = 0; i < n && !st; i++) {
      st = lab_roles_preset_load(i, &set, err);
      if (!st)
        st = sets_add(s, set, err);
      set = NULL;
    }
    return st;
  }
  if (st) {
    lab_roles_free(set);
    return st;
  }
  return sets_add(s, set, err);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"file", required_argument, NULL, 'f'},
      {"preset", required_argument, NULL, 'p'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct roles_opts ro = {0};
  struct sets s = {0};
  struct lab_error err = {0};
  lab_status st;
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_roles, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == 'f')
      ro.file = optarg;
    else if (c == 'p')
      ro.preset = optarg;
    else
      return cli_usage_error(&cli_cmd_roles, "unknown or incomplete option '%s'", argv[optind - 1]);
  }
  if (rc)
    return rc;
  if (ro.file && ro.preset)
    return cli_usage_error(&cli_cmd_roles, "give --preset or --file, not both");
  if (argc - optind > 1)
    return cli_usage_error(&cli_cmd_roles, "name one preset or role, not %d", argc - optind);
  if (optind < argc)
    ro.name = argv[optind];
  st = collect(&ro, &s, &err);
  if (!st)
    st = ctx->format == CLI_TABLE ? print_text(&s, &err) : print_data(&s, ctx->format, &err);
  if (st)
    rc = cli_fail(&err);
  sets_release(&s);
  return rc;
}

const struct cli_cmd cli_cmd_roles = {
    .name = "roles",
    .summary = "list job roles as bundles of SOC occupation codes, with their rationale",
    .usage = "laborstat roles [NAME] [--preset NAME | --file FILE.json]",
    .help = "A role (health-informatics-specialist) is a documented bundle of SOC codes per SOC\n"
            "edition (2018, the hybrid codes of May 2019-2020, 2010) with weights and an\n"
            "optional industry filter. Lists every code of every role: one row per role and\n"
            "code, with the rationale and caveats (CSV and JSON carry them in every row).\n"
            "NAME is a preset (health-it: all its roles) or a role of it.\n\n"
            "  --preset NAME   only this embedded preset (default: all of them)\n"
            "  --file FILE     a role file of your own instead (format: docs/roles.md); errors\n"
            "                  name the line, column and JSON path of the offending value\n",
    .run = run,
};
