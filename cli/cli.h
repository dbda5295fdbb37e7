/*
 * cli.h - the command-line front end: the command table, the shared context, output helpers.
 *
 * Only cli/ prints or exits. Ownership: struct cli_ctx is owned by main(); the store it opens
 * lazily is closed by cli_ctx_release().
 */
#ifndef LAB_CLI_H
#define LAB_CLI_H

#include "common/lab_common.h"
#include "datasets/lab_store.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

enum cli_format { CLI_TABLE, CLI_CSV, CLI_JSON };

/* Exit codes (documented in --help and README.md). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

struct cli_ctx {
  const char *db_path; /* --db, NULL = LABORSTAT_DB or the XDG default */
  enum cli_format format;
  bool quiet;
  bool offline;
  const char *mirror;
  const char *argv0_cmdline; /* the command line as typed, for chart captions */
  char **all_argv;           /* main()'s argv, NULL-terminated (fetch hands it on) */
  struct lab_store *store;   /* opened by cli_store() */
  bool store_created;        /* the store file did not exist before this run */
  char *store_path;
};

struct cli_cmd {
  const char *name;
  const char *summary; /* one line for `laborstat --help` */
  const char *usage;   /* "laborstat wages OCC... [options]" */
  const char *help;    /* the options, one per line, for `laborstat help CMD` */
  int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

extern const struct cli_cmd cli_cmd_cache;
extern const struct cli_cmd cli_cmd_check;
extern const struct cli_cmd cli_cmd_compare;
extern const struct cli_cmd cli_cmd_datasets;
extern const struct cli_cmd cli_cmd_diff;
extern const struct cli_cmd cli_cmd_fetch;
extern const struct cli_cmd cli_cmd_find;
extern const struct cli_cmd cli_cmd_import;
extern const struct cli_cmd cli_cmd_plot;
extern const struct cli_cmd cli_cmd_project;
extern const struct cli_cmd cli_cmd_rank;
extern const struct cli_cmd cli_cmd_report;
extern const struct cli_cmd cli_cmd_roles;
extern const struct cli_cmd cli_cmd_shiftshare;
extern const struct cli_cmd cli_cmd_stats;
extern const struct cli_cmd cli_cmd_trend;
extern const struct cli_cmd cli_cmd_wages;

/* Print "laborstat: MESSAGE" (with file:line:column when known) and return CLI_EXIT_FAIL or,
 * for LAB_ERR_INVALID from argument checks, whatever the caller passes on. */
int cli_fail(const struct lab_error *err);

/* Print "laborstat: MESSAGE" and the command's usage; return CLI_EXIT_USAGE. */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the command's full help to out. */
void cli_print_help(const struct cli_cmd *cmd, FILE *out);

struct lab_import_summary;
/* Print one import summary line to stdout ("imported FILE: BLS ... N rows"), for import and
 * fetch (import_summary.c). */
void cli_print_import_summary(const char *path, const struct lab_import_summary *s);

/* Open the store (and load the embedded snapshot on first use). */
lab_status cli_store(struct cli_ctx *ctx, struct lab_store **out, struct lab_error *err);
/* cli_store() and a read transaction for a short command that queries many times (wages,
 * compare, trend): see lab_store_read_begin(). cli_ctx_release() ends it. */
lab_status cli_store_read(struct cli_ctx *ctx, struct lab_store **out, struct lab_error *err);

void cli_ctx_release(struct cli_ctx *ctx);

/*
 * Global options are accepted after the command too ("laborstat wages 29-9021 --format json"):
 * each command puts CLI_GLOBAL_OPTIONS in its option table and passes option codes it does not
 * know to cli_global_option(), which returns false for a code that is not a global option.
 */
#define CLI_OPT_DB 1001
#define CLI_OPT_FORMAT 1002
#define CLI_OPT_QUIET 1003
#define CLI_GLOBAL_OPTIONS                                                                         \
  {"db", required_argument, NULL, CLI_OPT_DB},                                                     \
      {"format", required_argument, NULL, CLI_OPT_FORMAT},                                         \
  {                                                                                                \
    "quiet", no_argument, NULL, CLI_OPT_QUIET                                                      \
  }
bool cli_global_option(struct cli_ctx *ctx, int code, const char *arg, int *rc);

/*
 * The next option of the command's own, from getopt_long over argv with opts (which include
 * CLI_GLOBAL_OPTIONS): global options are applied to ctx on the way. Returns the option's code,
 * or -1 at the end of the options or on an error, when *rc is the exit code (a usage error has
 * been printed); *rc is CLI_EXIT_OK otherwise. The positional arguments are
 * argv[optind..argc) afterwards.
 */
int cli_next_option(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
                    const struct option *opts, int *rc);

/* For commands without options of their own: parse the global ones; afterwards the
 * positional arguments are argv[optind..argc). Returns CLI_EXIT_OK or a usage error code. */
int cli_only_global_options(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);

/* True for text shaped like an SOC code ("29-9021"). */
bool cli_looks_like_soc(const char *s);

/* Parse "--format" values; false when unknown. */
bool cli_parse_format(const char *s, enum cli_format *out);

/* Parse a whole number option value in [lo, hi]. */
bool cli_parse_int(const char *s, long lo, long hi, long *out);

/* ------------------------------------------------------------------------ tabular output */

/* A table of text cells printed as aligned text, CSV (RFC 4180) or a JSON array of objects. */
struct cli_table;

/* Columns: names; numeric[i] makes column i right-aligned and a JSON number when parseable
 * (an empty cell is JSON null). */
struct cli_table *cli_table_new(size_t ncols, const char *const *names, const bool *numeric);
void cli_table_free(struct cli_table *t);
/* Append a row of ncols cells (copied; NULL = empty). false when out of memory. */
bool cli_table_add(struct cli_table *t, const char *const *cells);
/* Print in the given format. Table mode omits columns listed as hidden (hide may be NULL). */
void cli_table_print(const struct cli_table *t, enum cli_format fmt, const bool *hide, FILE *out);
size_t cli_table_rows(const struct cli_table *t);

/* Write s as a CSV field (quoted when needed). */
void cli_csv_field(FILE *out, const char *s);

#endif
