/*
 * cmd_import.c - `laborstat import FILE...`
 */
#include "cli/cli.h"
#include "common/lab_num.h"
#include "datasets/lab_import.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const scopes[] = {"national", "state", "msa", "industry", "all"};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"scope", required_argument, NULL, 's'},
      {"sheet", required_argument, NULL, 'S'},
      {"year", required_argument, NULL, 'y'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  struct lab_import_opts io = {0};
  struct lab_import_summary *sums = NULL;
  struct lab_error err = {0};
  struct lab_store *store = NULL;
  lab_status st;
  long year;
  int rc = CLI_EXIT_OK;
  int c;

  for (;;) {
    c = cli_next_option(ctx, &cli_cmd_import, argc, argv, opts, &rc);
    if (c < 0)
      break;
    if (c == 'y') {
      if (!cli_parse_int(optarg, 1997, 2100, &year))
        return cli_usage_error(&cli_cmd_import, "--year needs a May year such as 2023, not '%s'",
                               optarg);
      io.year = (int)year;
    } else if (c == 'S') {
      io.sheet = optarg;
    } else if (c == 's') {
      bool ok = false;
      for (size_t i = 0; i < LAB_ARRAY_SIZE(scopes); i++)
        ok = ok || strcmp(scopes[i], optarg) == 0;
      if (!ok)
        return cli_usage_error(&cli_cmd_import,
                               "--scope must be national, state, msa, industry or all");
      io.scope = optarg;
    } else {
      return cli_usage_error(&cli_cmd_import, "unknown or incomplete option '%s'",
                             argv[optind - 1]);
    }
  }
  if (rc)
    return rc;
  if (optind >= argc)
    return cli_usage_error(&cli_cmd_import, "name at least one file to import");
  sums = calloc((size_t)(argc - optind), sizeof(*sums));
  if (!sums)
    return cli_fail(&(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
  st = cli_store(ctx, &store, &err);
  if (!st)
    st = lab_import_files(store, (const char *const *)argv + optind, (size_t)(argc - optind), &io,
                          sums, &err);
  if (st) {
    rc = cli_fail(&err);
    if (ctx->store_created && ctx->store_path) {
      /* the store did not exist before this command: leave nothing behind */
      char *path = strdup(ctx->store_path);
      cli_ctx_release(ctx);
      if (path)
        unlink(path);
      free(path);
    }
    goto out;
  }
  for (int i = optind; i < argc; i++)
    cli_print_import_summary(argv[i], &sums[i - optind]);
out:
  free(sums);
  return rc;
}

const struct cli_cmd cli_cmd_import = {
    .name = "import",
    .summary = "import OEWS release tables (CSV, XLSX) or flat files into the store",
    .usage = "laborstat import [--year YEAR] [--scope SCOPE] [--sheet NAME|#N] FILE...",
    .help =
        "Reads BLS OEWS tables as CSV or as BLS's .xlsx workbooks (national, state, metro,\n"
        "industry, all data), also inside BLS's zip archives (oesm24nat.zip ...: the one table\n"
        "in it is imported); in a workbook the header is the row holding OCC_CODE, and title\n"
        "rows above it and notes below the table are skipped. Columns are matched by header\n"
        "name, case-insensitively, so every layout since May 2014 reads. Also reads the BLS\n"
        "time-series flat file oe.data.0.Current, with oe.area, oe.occupation and (optional)\n"
        "oe.industry from the same folder, and BLS's Employment Projections workbook\n"
        "(occupation.xlsx: sheet \"Table 1.2\", years read from its headers). And what\n"
        "`laborstat fetch` downloads: Projections Central JSON pages (all pages of one\n"
        "import form one release per projection cycle; areas not in them are kept from the\n"
        "earlier copy), BEA's SARPP state table (CSV or SARPP.zip: regional price parities,\n"
        "all items), BLS CPI flat files cu.data.* (every series) and BLS API v2 answers\n"
        "saved as JSON (series re-fetched replace their older copies). All files go in one\n"
        "transaction: all or none.\n\n"
        "  --year YEAR    the May release year (default: from the file name, e.g. _M2023_)\n"
        "  --scope SCOPE  national, state, msa, industry or all (default: from the file\n"
        "                 name or the areas in it)\n"
        "  --sheet NAME   the workbook's sheet, by name or as #N (default: the first)\n",
    .run = run,
};
