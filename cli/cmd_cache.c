/*
 * cmd_cache.c - `laborstat cache [list|verify|clean]`: the download cache and its records.
 */
#include "cli/cache_walk.h"
#include "cli/cli.h"
#include "common/lab_file.h"
#include "common/lab_paths.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { C_FILE, C_URL, C_SIZE, C_SHA, C_FETCHED, C_STATE, C_NCOLS };

struct cache_run {
  const char *dir;
  const char *action; /* "list", "verify", "clean" */
  bool all;           /* clean: everything */
  struct cli_table *t;
  long bad, removed, files;
};

static void remove_with_record(const char *path, struct cache_run *c)
{
  char meta[4200];

  snprintf(meta, sizeof(meta), "%s.meta", path);
  if (unlink(path) == 0)
    c->removed++;
  unlink(meta);
}

static const char *state_of(const struct cache_entry *e, bool verify)
{
  char sha[65];

  if (e->kind == CACHE_PARTIAL)
    return "partial";
  if (e->kind == CACHE_ORPHAN)
    return "orphan";
  if (!e->record_ok)
    return "bad record";
  if (!verify)
    return "ok";
  if (lab_file_sha256(e->path, sha, NULL) != LAB_OK || strcmp(sha, e->info->sha256) != 0)
    return "MISMATCH";
  return "verified";
}

static lab_status on_entry(void *ctx, const struct cache_entry *e, struct lab_error *err)
{
  struct cache_run *c = ctx;
  const char *state = state_of(e, strcmp(c->action, "list") != 0);
  bool bad = strcmp(state, "ok") != 0 && strcmp(state, "verified") != 0;
  char size[32] = "", sha[16] = "", fetched[32] = "", meta[4200];
  const char *cells[C_NCOLS];
  struct stat sb;

  c->files++;
  c->bad += bad;
  if (strcmp(c->action, "clean") == 0) {
    if (c->all || bad)
      remove_with_record(e->path, c);
    return LAB_OK;
  }
  if (e->info) {
    snprintf(size, sizeof(size), "%zu", e->info->size);
    snprintf(sha, sizeof(sha), "%.12s", e->info->sha256);
  }
  snprintf(meta, sizeof(meta), "%s.meta", e->path);
  if (e->record_ok && stat(meta, &sb) == 0) {
    struct tm tm;
    gmtime_r(&sb.st_mtime, &tm);
    strftime(fetched, sizeof(fetched), "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  cells[C_FILE] = e->path + strlen(c->dir) + (e->path[strlen(c->dir)] == '/');
  cells[C_URL] = e->url;
  cells[C_SIZE] = size;
  cells[C_SHA] = sha;
  cells[C_FETCHED] = fetched;
  cells[C_STATE] = state;
  return cli_table_add(c->t, cells) ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
  static const struct option opts[] = {
      {"all", no_argument, NULL, 'a'},
      CLI_GLOBAL_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  static const char *const names[C_NCOLS] = {"file", "url", "size", "sha256", "fetched", "state"};
  static const bool numeric[C_NCOLS] = {false, false, true, false, false, false};
  struct cache_run c = {.action = "list"};
  struct lab_error err = {0};
  char *dir = NULL;
  int rc = CLI_EXIT_OK;
  int opt;

  for (;;) {
    opt = cli_next_option(ctx, &cli_cmd_cache, argc, argv, opts, &rc);
    if (opt < 0)
      break;
    if (opt == 'a')
      c.all = true;
    else
      return cli_usage_error(&cli_cmd_cache, "unknown or incomplete option '%s'", argv[optind - 1]);
  }
  if (rc)
    return rc;
  if (optind < argc)
    c.action = argv[optind++];
  if (optind < argc ||
      (strcmp(c.action, "list") && strcmp(c.action, "verify") && strcmp(c.action, "clean")))
    return cli_usage_error(&cli_cmd_cache, "expected list, verify or clean");
  if (c.all && strcmp(c.action, "clean") != 0)
    return cli_usage_error(&cli_cmd_cache, "--all goes with clean");
  if (lab_paths_cache(&dir, &err))
    return cli_fail(&err);
  c.dir = dir;
  c.t = cli_table_new(C_NCOLS, names, numeric);
  if (!c.t || cache_walk(dir, on_entry, &c, &err) != LAB_OK) {
    rc =
        cli_fail(c.t ? &err : &(struct lab_error){.status = LAB_ERR_NOMEM, .msg = "out of memory"});
    goto out;
  }
  if (strcmp(c.action, "clean") == 0) {
    if (c.all) {
      char ledger[4200];
      snprintf(ledger, sizeof(ledger), "%s/api-quota.tsv", dir);
      unlink(ledger);
    }
    if (!ctx->quiet)
      printf("removed %ld file%s from %s\n", c.removed, c.removed == 1 ? "" : "s", dir);
    goto out;
  }
  if (ctx->format == CLI_TABLE)
    printf("cache: %s (%ld file%s)\n", dir, c.files, c.files == 1 ? "" : "s");
  cli_table_print(c.t, ctx->format, NULL, stdout);
  if (c.bad && strcmp(c.action, "verify") == 0) {
    fprintf(stderr,
            "laborstat: %ld cache file%s failed verification or are leftovers: "
            "`laborstat cache clean` removes them (they are downloaded again when needed)\n",
            c.bad, c.bad == 1 ? "" : "s");
    rc = CLI_EXIT_FAIL;
  }
out:
  cli_table_free(c.t);
  free(dir);
  return rc;
}

const struct cli_cmd cli_cmd_cache = {
    .name = "cache",
    .summary = "list, verify or clean the download cache",
    .usage = "laborstat cache [list|verify|clean [--all]]",
    .help = "The cache ($XDG_CACHE_HOME/laborstat, else ~/.cache/laborstat) holds every file\n"
            "`laborstat fetch` downloaded, each with a FILE.meta record (URL, ETag,\n"
            "Last-Modified, size, sha256, time). A later fetch asks the server whether the file\n"
            "changed and downloads it only if it did.\n\n"
            "  list           the files, their URLs, sizes, hashes and fetch times (default)\n"
            "  verify         recompute every sha256; exit 1 if a file does not match its record\n"
            "                 or an interrupted download left a partial file\n"
            "  clean          remove partial files, orphans and files that fail verification\n"
            "  clean --all    remove everything, including the API request ledger\n",
    .run = run,
};
