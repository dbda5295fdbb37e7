/*
 * report.h - (cli/) `laborstat report`: a folder with index.html, report.md, charts/ and data/
 * built from the chart kinds of `laborstat plot` and the CSV output of other commands.
 *
 * The steps: a spec (the health-it preset or a user's JSON file, report_spec.c) becomes a plan
 * of charts and tables (report_plan.c); every chart's scripts are built and written with their
 * data as CSV (report_build.c); gnuplot renders them in parallel (report_render.c); the tables
 * come from the store and the embedded claims (report_tables.c); index.html (report_html.c) and
 * report.md (report_md.c) are written last. Ownership: every struct here is a plain value owned
 * by its caller; strings inside are fixed-size arrays.
 */
#ifndef LAB_CLI_REPORT_H
#define LAB_CLI_REPORT_H

#include "cli/cli.h"
#include "common/lab_buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define REPORT_MAX_ITEMS 12  /* key roles/codes, trend codes */
#define REPORT_MAX_CHARTS 64 /* charts in one report */
#define REPORT_MAX_TABLES 8  /* tables in one report */
#define REPORT_MAX_ARGS 24   /* arguments of one `plot` command */
#define REPORT_NFORMATS 3    /* png, svg, pdf */
#define REPORT_PATH_MAX 1024

/* The sections, in the order they are shown. */
enum report_section {
  REPORT_S_WAGES,
  REPORT_S_MAPS,
  REPORT_S_COMPARE,
  REPORT_S_TREND,
  REPORT_S_GROWTH_PAY,
  REPORT_S_PROJECTION,
  REPORT_S_CLAIMS,
  REPORT_S_CAVEATS,
  REPORT_NSECTIONS
};

/* What a report covers (docs/report.md describes the JSON form). */
struct report_spec {
  char title[256];
  char description[1024];
  char roles[64]; /* a preset or role for the wage, growth-pay and projection charts ("" = none) */
  char occs[512]; /* or SOC codes, comma-separated ("" = none) */
  char key[REPORT_MAX_ITEMS][64]; /* roles or SOC codes for the maps and the state comparison */
  size_t n_key;
  char trend[REPORT_MAX_ITEMS][16]; /* SOC codes for the trend charts */
  size_t n_trend;
  char area[64];  /* wages, trend and projection area; "" = US */
  int year;       /* May release of the wage charts and maps; 0 = latest */
  int from, to;   /* trend years; 0 = all */
  char basis[16]; /* compare basis: nominal, real or rpp */
  int top;        /* states in the comparison (1..60) */
  bool section[REPORT_NSECTIONS];
};

/* One chart: a `laborstat plot` command rendered to PNG, SVG and PDF. */
struct report_chart {
  enum report_section section;
  char stem[96];                   /* file name stem: "map-a_median-cybersecurity-analyst" */
  char heading[256];               /* heading shown above it */
  char args[REPORT_MAX_ARGS][128]; /* plot arguments without --out: "map", "15-1212", ... */
  size_t nargs;
  char cmdline[1536]; /* "laborstat plot map 15-1212 --measure growth --out charts/....svg" */
  char csv[REPORT_MAX_ITEMS][192]; /* data files written (relative to the report folder) */
  size_t ncsv;
  bool ok;         /* built and rendered */
  char error[512]; /* why not */
};

/* One table: a CSV file in data/ shown as an HTML/Markdown table. */
struct report_table {
  enum report_section section;
  char heading[320];
  char csv[192];   /* relative path: "data/claims.csv" */
  char note[2048]; /* provenance text shown under it */
};

struct report {
  struct report_spec spec;
  char dir[REPORT_PATH_MAX];
  struct report_chart charts[REPORT_MAX_CHARTS];
  size_t ncharts;
  struct report_table tables[REPORT_MAX_TABLES];
  size_t ntables;
};

/* The section's heading ("Wage distributions"). Static string. */
const char *report_section_title(enum report_section s);
/* The section's JSON name ("wages"). Static string. */
const char *report_section_name(enum report_section s);

/* Fill spec with the named preset ("health-it"); LAB_ERR_NOTFOUND for an unknown name. */
lab_status report_spec_preset(const char *name, struct report_spec *spec, struct lab_error *err);
/* Fill spec from a JSON file (LAB_ERR_IO, LAB_ERR_PARSE with the key at fault). */
lab_status report_spec_load(const char *path, struct report_spec *spec, struct lab_error *err);

/* Turn r->spec into r->charts (the tables are added by report_tables_make()). */
lab_status report_plan(struct report *r, struct lab_error *err);

/*
 * Build every chart's three scripts (one per format) with the plot kinds' build step, write
 * them beside the charts (charts/STEM.FMT.gp) and their datablocks as CSV (data/STEM*.csv).
 * A chart that cannot be built gets ok = false and an error; only I/O failures are errors.
 * scripts: REPORT_NFORMATS * r->ncharts buffers, initialised by the caller, filled here.
 */
lab_status report_build(struct cli_ctx *ctx, struct report *r, struct lab_buf *scripts,
                        struct lab_error *err);

/* Render the built scripts, up to `jobs` gnuplot processes at a time. Charts that fail get
 * ok = false and the error; returns the number of failures. */
size_t report_render(struct report *r, const struct lab_buf *scripts, long jobs);

/* Write data/claims.csv, data/datasets.csv and the other tables; add them to r->tables. */
lab_status report_tables_make(struct cli_ctx *ctx, struct report *r, struct lab_error *err);

/* Write index.html and report.md. */
lab_status report_write_html(const struct report *r, struct lab_error *err);
lab_status report_write_md(const struct report *r, struct lab_error *err);

/* Helpers shared by the writers (report_tables.c). */

/* Append text HTML-escaped (& < > " ') to out; control characters become spaces. */
lab_status report_html_escape(struct lab_buf *out, const char *text);

/* Read a whole file into out (appended). */
lab_status report_read_file(const char *path, struct lab_buf *out, struct lab_error *err);

/* Write data[0..len) to path. */
lab_status report_write_file(const char *path, const char *data, size_t len, struct lab_error *err);

/* A parsed CSV (cells are NUL-terminated strings in one block). */
struct report_csv {
  char **cell; /* rows * cols cells, row-major; row 0 is the header */
  size_t rows, cols;
  char *store;
};
/* Read the CSV at path (RFC 4180 quoting); free with report_csv_free(). */
lab_status report_csv_read(const char *path, struct report_csv *csv, struct lab_error *err);
void report_csv_free(struct report_csv *csv);

/* The claims files of datasets/claims, embedded at build time by `lab_embed --prefix
 * lab_claims_embedded` (CMakeLists.txt), which declares the same struct. Borrowed static data. */
struct lab_claims_embedded_file {
  const char *name; /* "seed-articles.csv" */
  const char *data;
  size_t len;
};
size_t lab_claims_embedded_files(const struct lab_claims_embedded_file **out);

/* The caveats page as paragraphs (static strings, NULL-terminated). */
extern const char *const report_caveats[];
/* The method notes (static strings, NULL-terminated). */
extern const char *const report_methods[];

#endif
