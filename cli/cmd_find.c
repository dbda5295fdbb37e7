/*
 * cmd_find.c - `laborstat find TEXT`: occupations and areas by code or name.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

enum { F_KIND, F_CODE, F_SOC, F_TITLE, F_LEVEL, F_YEARS, F_RELATED, F_NCOLS };

struct found {
  struct cli_table *all; /* CSV and JSON: one table, one header */
  struct cli_table *occ;
  struct cli_table *areas;
};

static lab_status add_cells(struct found *f, struct cli_table *part, const char *const *cells,
                            struct lab_error *err)
{
  if (!cli_table_add(f->all, cells) || !cli_table_add(part, cells))
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  return LAB_OK;
}

static lab_status add_occ(void *ctx, const struct lab_occ_match *m, struct lab_error *err)
{
  struct found *f = ctx;
  const char *cells[F_NCOLS] = {"occupation", m->code,  m->soc_edition, m->title,
                                m->level,     m->years, m->related};

  return add_cells(f, f->occ, cells, err);
}

static lab_status add_area(void *ctx, const struct lab_area *a, struct lab_error *err)
{
  struct found *f = ctx;
  const char *cells[F_NCOLS] = {"area", a->code, "", a->name, a->type, "", ""};

  return add_cells(f, f->areas, cells, err);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const char *const names[F_NCOLS] = {"kind",  "code",  "soc_edition", "name",
                                             "level", "years", "related"};
  static const bool occ_hide[F_NCOLS] = {[F_KIND] = true};
  static const bool area_hide[F_NCOLS] = {
      [F_KIND] = true, [F_SOC] = true, [F_YEARS] = true, [F_RELATED] = true};
  struct found f = {cli_table_new(F_NCOLS, names, NULL), cli_table_new(F_NCOLS, names, NULL),
                    cli_table_new(F_NCOLS, names, NULL)};
  struct lab_store *store = NULL;
  struct lab_error err = {0};
  char text[256] = "";
  size_t n = 0;
  lab_status st;
  int rc = CLI_EXIT_OK;

  rc = cli_only_global_options(ctx, &cli_cmd_find, argc, argv);
  if (rc)
    goto out;
  if (optind >= argc) {
    rc = cli_usage_error(&cli_cmd_find,
                         "say what to look for, e.g. laborstat find \"health information\"");
    goto out;
  }
  for (int i = optind; i < argc && n < sizeof(text); i++)
    n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s", i > optind ? " " : "", argv[i]);
  if (!f.all || !f.occ || !f.areas) {
    rc = cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_store_find_occupations(store, text, add_occ, &f, &err);
  if (!st)
    st = lab_store_find_areas(store, text, add_area, &f, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  if (ctx->format != CLI_TABLE) {
    cli_table_print(f.all, ctx->format, NULL, stdout);
  } else if (cli_table_rows(f.all) == 0) {
    printf("nothing matches '%s'\n", text);
  } else {
    if (cli_table_rows(f.occ) > 0) {
      printf("Occupations matching '%s':\n", text);
      cli_table_print(f.occ, CLI_TABLE, occ_hide, stdout);
    }
    if (cli_table_rows(f.areas) > 0) {
      printf("%sAreas matching '%s':\n", cli_table_rows(f.occ) ? "\n" : "", text);
      cli_table_print(f.areas, CLI_TABLE, area_hide, stdout);
    }
  }
out:
  cli_table_free(f.all);
  cli_table_free(f.occ);
  cli_table_free(f.areas);
  return rc;
}

const struct cli_cmd cli_cmd_find = {
    .name = "find",
    .summary = "find occupations and areas by code or words of their names",
    .usage = "laborstat find TEXT",
    .help = "Occupations whose SOC code starts with TEXT or whose title holds every word of\n"
            "TEXT, with their SOC edition and the May years that have OEWS data, plus their\n"
            "predecessors and successors across SOC editions (the crosswalk); and areas by\n"
            "code, postal code or name.\n",
    .run = run,
};
