/*
 * fetch_run.h - (internal to cli/) one `laborstat fetch` run: the config, the transfer context,
 * the cache, and the files to import, with the cache kept as it was when anything fails.
 *
 * Cache transaction: before a file is downloaded over its cached copy, the copy and its record
 * are hard-linked to FILE.prev and FILE.meta.prev; fetch_run_finish() removes those after the
 * import committed, or puts them back when the download, the content check or the import failed,
 * so a bad answer never replaces a good cached file.
 *
 * Ownership: struct fetch_run is owned by the command; fetch_run_close() frees what it holds.
 */
#ifndef LAB_CLI_FETCH_RUN_H
#define LAB_CLI_FETCH_RUN_H

#include "cli/cli.h"
#include "common/lab_config.h"
#include "datasets/lab_import.h"
#include "fetch/lab_fetch.h"

/* What a downloaded file must look like before it is imported. */
enum fetch_expect { FETCH_ZIP, FETCH_JSON, FETCH_TEXT };

struct fetch_item {
  char *url;
  char *path;     /* in the cache */
  bool had_prev;  /* FILE.prev holds the copy it replaced */
  bool fresh;     /* there was no cached copy before this run */
  bool import;    /* imported at the end of the run */
  bool unchanged; /* 304, or --offline: the cached copy was used */
};

struct fetch_run {
  struct cli_ctx *ctx;
  struct lab_config cfg;
  struct lab_fetch *f; /* NULL with --offline */
  char *cache;         /* the cache folder */
  bool progress;       /* draw a progress bar (stderr is a terminal, not --quiet) */
  struct fetch_item *items;
  size_t nitems, cap;
  long downloaded; /* files whose body was transferred */
  bool bar_active; /* progress bar: a transfer is being drawn */
  double bar_t0;   /* start of the current transfer, last drawing (seconds) */
  double bar_last;
};

struct fetch_cli_opts {
  const char *cacert;
  bool need_key; /* load the config's api_key too */
};

/* Read the config, check the contact (unless --offline), make the transfer context. Prints
 * nothing; errors say what to do. */
lab_status fetch_run_open(struct fetch_run *r, struct cli_ctx *ctx, const struct fetch_cli_opts *o,
                          struct lab_error *err);

/* Add url's cache file to the run (copying a cached one to .prev first, unless --offline);
 * the caller writes it. *item points into the run's array: valid until the next item is added. */
lab_status fetch_run_item(struct fetch_run *r, const char *url, bool import,
                          struct fetch_item **item, struct lab_error *err);

/* The cached file at path has a record and matches its sha256. */
bool fetch_run_cached_ok(const char *path);

/* (*item, when item is not NULL, as for fetch_run_item.) Download url into the cache (conditional
 * when a verified copy is there; with --offline the verified copy is used) and check that it looks
 * like `expect`. Its path is the item's. */
lab_status fetch_run_file(struct fetch_run *r, const char *url, enum fetch_expect expect,
                          bool import, struct fetch_item **item, struct lab_error *err);

/* Import the items marked for import in one transaction (skipped when every one is unchanged
 * and already in the store) with io, printing what was imported. */
lab_status fetch_run_import(struct fetch_run *r, const struct lab_import_opts *io,
                            struct lab_error *err);

/* Commit (ok: drop the .prev copies) or roll back (put them back, remove new files) the cache. */
void fetch_run_finish(struct fetch_run *r, bool ok);

void fetch_run_close(struct fetch_run *r);

/* The progress bar callback (ctx = the struct fetch_run). */
void fetch_run_progress(void *ctx, const char *url, size_t done, size_t total, bool finished);

/* Check that the file at path looks like `expect`: a zip's magic, JSON's '{' or '[', text that is
 * not an HTML page. LAB_ERR_PARSE naming the file and what it holds instead. */
lab_status fetch_check_content(const char *path, const char *url, enum fetch_expect expect,
                               struct lab_error *err);

#endif
