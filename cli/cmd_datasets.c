/*
 * cmd_datasets.c - `laborstat datasets`: the releases in the store with their provenance.
 */
#include "cli/cli.h"
#include "common/lab_buf.h"

#include <getopt.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

enum {
  D_SOURCE,
  D_SCOPE,
  D_VINTAGE,
  D_SOC,
  D_ROWS,
  D_KIND,
  D_ORIGIN,
  D_SHA,
  D_IMPORTED,
  D_FILES,
  D_NCOLS
};

struct collect {
  struct lab_store *store;
  struct cli_table *t;
  struct lab_buf files;
};

static lab_status add_origin(void *ctx, const char *path, const char *sha256, long rows,
                             struct lab_error *err)
{
  struct collect *c = ctx;
  lab_status st = lab_buf_addf(&c->files, "%s%s (%ld rows, sha256 %.12s)", c->files.len ? "; " : "",
                               path, rows, sha256 ? sha256 : "");

  return st ? lab_error_set(err, st, "out of memory") : LAB_OK;
}

static lab_status add_release(void *ctx, const struct lab_release_info *r, struct lab_error *err)
{
  struct collect *c = ctx;
  char rows[24];
  const char *cells[D_NCOLS];
  lab_status st;

  lab_buf_reset(&c->files);
  st = lab_store_release_origins(c->store, r->id, add_origin, c, err);
  if (st)
    return st;
  snprintf(rows, sizeof(rows), "%ld", r->rows);
  cells[D_SOURCE] = r->source;
  cells[D_SCOPE] = r->scope;
  cells[D_VINTAGE] = r->vintage;
  cells[D_SOC] = r->soc_edition;
  cells[D_ROWS] = rows;
  cells[D_KIND] = r->origin_kind;
  cells[D_ORIGIN] = r->origin;
  cells[D_SHA] = r->sha256;
  cells[D_IMPORTED] = r->imported_at;
  cells[D_FILES] = lab_buf_str(&c->files);
  if (!cli_table_add(c->t, cells))
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  return LAB_OK;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const char *const names[D_NCOLS] = {"source",      "scope",       "vintage", "soc_edition",
                                             "rows",        "origin_kind", "origin",  "sha256",
                                             "imported_at", "origin_files"};
  static const bool numeric[D_NCOLS] = {[D_ROWS] = true};
  static const bool hide[D_NCOLS] = {[D_SHA] = true, [D_IMPORTED] = true, [D_FILES] = true};
  struct collect c = {0};
  struct lab_error err = {0};
  lab_status st;
  int rc = CLI_EXIT_OK;

  rc = cli_only_global_options(ctx, &cli_cmd_datasets, argc, argv);
  if (rc)
    return rc;
  if (optind < argc)
    return cli_usage_error(&cli_cmd_datasets, "'datasets' takes no arguments");
  lab_buf_init(&c.files, 1u << 20);
  c.t = cli_table_new(D_NCOLS, names, numeric);
  if (!c.t) {
    lab_error_set(&err, LAB_ERR_NOMEM, "out of memory");
    rc = cli_fail(&err);
    goto out;
  }
  st = cli_store(ctx, &c.store, &err);
  if (!st)
    st = lab_store_releases(c.store, add_release, &c, &err);
  if (st) {
    rc = cli_fail(&err);
    goto out;
  }
  cli_table_print(c.t, ctx->format, hide, stdout);
  if (ctx->format == CLI_TABLE)
    printf("\n%zu releases in %s. Provenance of each (source files, sha256): "
           "laborstat --format csv datasets\n",
           cli_table_rows(c.t), ctx->store_path);
out:
  cli_table_free(c.t);
  lab_buf_release(&c.files);
  return rc;
}

const struct cli_cmd cli_cmd_datasets = {
    .name = "datasets",
    .summary = "list the releases in the store with provenance and row counts",
    .usage = "laborstat datasets",
    .help = "One row per release: source (oews, ep, pc, cpi, rpp, topcode, geo, crosswalk),\n"
            "scope, vintage, SOC edition, rows, and where it came from (the embedded snapshot,\n"
            "an imported file or a download). CSV and JSON add the sha256 of imported files,\n"
            "the import time and, for snapshot releases, the reference files they derive from.\n",
    .run = run,
};
