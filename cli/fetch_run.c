/*
 * fetch_run.c - one fetch run: config, transfer context, the cache transaction and the import.
 */
#include "cli/fetch_run.h"
#include "common/lab_file.h"
#include "common/lab_paths.h"
#include "datasets/lab_catalog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PACE_DEFAULT_MS 1000

static double now_s(void)
{
  struct timespec t;

  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

lab_status fetch_run_open(struct fetch_run *r, struct cli_ctx *ctx, const struct fetch_cli_opts *o,
                          struct lab_error *err)
{
  struct lab_fetch_opts fo = {0};
  const char *contact = getenv("LABORSTAT_CONTACT");
  lab_status st;

  memset(r, 0, sizeof(*r));
  r->ctx = ctx;
  st = lab_config_load(NULL, &r->cfg, err);
  if (!st && !o->need_key && r->cfg.api_key) {
    /* not needed by this command: do not keep the secret around */
    free(r->cfg.api_key);
    r->cfg.api_key = NULL;
  }
  if (!st)
    st = lab_paths_cache(&r->cache, err);
  if (st || ctx->offline)
    return st;
  fo.contact = contact && contact[0] ? contact : r->cfg.contact;
  if (!fo.contact || !fo.contact[0])
    return lab_error_set(err, LAB_ERR_INVALID,
                         "BLS blocks anonymous downloads: say who you are with "
                         "`export LABORSTAT_CONTACT=you@example.org` or a line `contact = "
                         "you@example.org` in %s (it is sent in the User-Agent)",
                         r->cfg.path ? r->cfg.path : "~/.config/laborstat/config");
  fo.mirror = ctx->mirror && ctx->mirror[0] ? ctx->mirror : r->cfg.mirror;
  fo.cacert = o->cacert ? o->cacert : r->cfg.cacert;
  fo.pace_ms = r->cfg.pace_ms >= 0 ? r->cfg.pace_ms : PACE_DEFAULT_MS;
  fo.timeout_s = r->cfg.timeout_s > 0 ? r->cfg.timeout_s : 0;
  fo.low_speed_s = fo.timeout_s;
  fo.max_attempts = r->cfg.retries > 0 ? (int)r->cfg.retries : 0;
  r->progress = !ctx->quiet && isatty(STDERR_FILENO);
  if (r->progress) {
    fo.progress = fetch_run_progress;
    fo.progress_ctx = r;
  }
  return lab_fetch_new(&fo, &r->f, err);
}

/* "12.3 MB", "456 kB", "789 B" */
static void human_bytes(double b, char *out, size_t size)
{
  if (b >= 1e6)
    snprintf(out, size, "%.1f MB", b / 1e6);
  else if (b >= 1e3)
    snprintf(out, size, "%.0f kB", b / 1e3);
  else
    snprintf(out, size, "%.0f B", b);
}

void fetch_run_progress(void *ctx, const char *url, size_t done, size_t total, bool finished)
{
  struct fetch_run *r = ctx;
  const char *name = strrchr(url, '/');
  double t = now_s(), rate;
  char got[32], all[32], speed[32];

  if (!r->bar_active) {
    r->bar_active = true;
    r->bar_t0 = t;
    r->bar_last = 0;
  }
  if (!finished && t - r->bar_last < 0.2)
    return;
  r->bar_last = t;
  rate = t > r->bar_t0 ? (double)done / (t - r->bar_t0) : 0;
  human_bytes((double)done, got, sizeof(got));
  human_bytes((double)total, all, sizeof(all));
  human_bytes(rate, speed, sizeof(speed));
  fprintf(stderr, "\r  %-24.24s %10s", name && name[1] ? name + 1 : url, got);
  if (total)
    fprintf(stderr, " of %s (%3.0f%%)", all, 100.0 * (double)done / (double)total);
  fprintf(stderr, "  %s/s", speed);
  if (total && rate > 0 && done < total)
    fprintf(stderr, "  ETA %.0f s", (double)(total - done) / rate);
  fputs(finished ? "\033[K\n" : "\033[K", stderr);
  if (finished)
    r->bar_active = false;
}

/* Hard-link path to path.SUFFIX (replacing a stale one). */
static int keep_copy(const char *path, const char *suffix)
{
  char link_path[4096];

  if (snprintf(link_path, sizeof(link_path), "%s%s", path, suffix) >= (int)sizeof(link_path))
    return -1;
  unlink(link_path);
  return link(path, link_path);
}

/* Rename path.SUFFIX back to path (restore) or remove it (drop). rename() between two links of
 * one file does nothing, so a copy that is still the file is simply dropped. */
static void settle_copy(const char *path, const char *suffix, bool restore)
{
  char from[4096];
  struct stat a, b;

  if (snprintf(from, sizeof(from), "%s%s", path, suffix) >= (int)sizeof(from))
    return;
  if (restore &&
      !(stat(from, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev))
    rename(from, path);
  else
    unlink(from);
}

static lab_status add_item(struct fetch_run *r, const char *url, const char *path,
                           struct fetch_item **out, struct lab_error *err)
{
  struct fetch_item *it;

  if (r->nitems == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 8;
    struct fetch_item *n = realloc(r->items, cap * sizeof(*n));
    if (!n)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    r->items = n;
    r->cap = cap;
  }
  it = &r->items[r->nitems];
  memset(it, 0, sizeof(*it));
  it->url = strdup(url);
  it->path = strdup(path);
  if (!it->url || !it->path) {
    free(it->url);
    free(it->path);
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  r->nitems++;
  *out = it;
  return LAB_OK;
}

bool fetch_run_cached_ok(const char *path)
{
  struct lab_fetch_file_info info;
  char sha[65];

  return lab_fetch_meta_read(path, &info, NULL, 0, NULL) == LAB_OK &&
         lab_file_sha256(path, sha, NULL) == LAB_OK && strcmp(sha, info.sha256) == 0;
}

static char *meta_path(const char *path)
{
  size_t n = strlen(path) + 6;
  char *m = malloc(n);

  if (m)
    snprintf(m, n, "%s.meta", path);
  return m;
}

lab_status fetch_run_item(struct fetch_run *r, const char *url, bool import,
                          struct fetch_item **item, struct lab_error *err)
{
  struct fetch_item *it = NULL;
  char *path = NULL, *meta = NULL;
  lab_status st = lab_catalog_cache_path(r->cache, url, &path, err);

  if (!st)
    st = add_item(r, url, path, &it, err);
  if (st)
    goto out;
  it->import = import;
  *item = it;
  if (r->ctx->offline)
    goto out;
  st = lab_paths_make_parent(path, err);
  if (st)
    goto out;
  meta = meta_path(path);
  if (!meta) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  it->fresh = access(path, F_OK) != 0;
  if (!it->fresh && keep_copy(path, ".prev") == 0) {
    it->had_prev = true;
    if (access(meta, F_OK) == 0 && keep_copy(meta, ".prev") != 0)
      it->had_prev = false;
  }
out:
  free(path);
  free(meta);
  return st;
}

lab_status fetch_run_file(struct fetch_run *r, const char *url, enum fetch_expect expect,
                          bool import, struct fetch_item **item, struct lab_error *err)
{
  struct lab_fetch_file_info info = {0};
  struct fetch_item *it = NULL;
  lab_status st = fetch_run_item(r, url, import, &it, err);

  if (st)
    return st;
  if (item)
    *item = it;
  if (r->ctx->offline) {
    it->unchanged = true;
    if (!fetch_run_cached_ok(it->path))
      return lab_error_set(err, LAB_ERR_NOTFOUND,
                           "%s is not in the cache (or fails its sha256 check) and --offline "
                           "forbids the network: run the command once without --offline",
                           url);
    return fetch_check_content(it->path, url, expect, err);
  }
  if (!r->ctx->quiet && !r->progress)
    fprintf(stderr, "laborstat: fetching %s\n", url);
  st = lab_fetch_file(r->f, url, it->path, &info, err);
  if (st)
    return st;
  it->unchanged = info.not_modified;
  if (!info.not_modified)
    r->downloaded++;
  if (!r->ctx->quiet)
    fprintf(stderr, "laborstat: %s %s (%zu bytes, sha256 %.12s)\n",
            info.not_modified ? "unchanged:" : "downloaded", it->path, info.size, info.sha256);
  return fetch_check_content(it->path, url, expect, err);
}

/* The store's note of the last file imported from url: meta "fetched:URL" = its sha256. */
static lab_status imported_sha(struct lab_store *store, const char *url, char *sha, size_t size,
                               struct lab_error *err)
{
  char key[2100];

  snprintf(key, sizeof(key), "fetched:%s", url);
  return lab_store_meta_get(store, key, sha, size, err);
}

lab_status fetch_run_import(struct fetch_run *r, const struct lab_import_opts *io,
                            struct lab_error *err)
{
  const char **paths = NULL;
  struct lab_import_summary *sums = NULL;
  struct lab_fetch_file_info *infos = NULL;
  struct lab_store *store = NULL;
  size_t n = 0;
  bool all_known = true;
  char key[2100], held[80];
  lab_status st = cli_store(r->ctx, &store, err);

  if (st)
    return st;
  paths = calloc(r->nitems + 1, sizeof(*paths));
  sums = calloc(r->nitems + 1, sizeof(*sums));
  infos = calloc(r->nitems + 1, sizeof(*infos));
  if (!paths || !sums || !infos) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < r->nitems && !st; i++) {
    if (!r->items[i].import)
      continue;
    st = lab_fetch_meta_read(r->items[i].path, &infos[n], NULL, 0, err);
    if (!st)
      st = imported_sha(store, r->items[i].url, held, sizeof(held), err);
    all_known = all_known && r->items[i].unchanged && strcmp(held, infos[n].sha256) == 0;
    paths[n++] = r->items[i].path;
  }
  if (st || n == 0)
    goto out;
  if (all_known) {
    if (!r->ctx->quiet)
      fprintf(stderr, "laborstat: the store already holds %s; nothing to import\n",
              n == 1 ? "this file" : "these files");
    goto out;
  }
  {
    struct lab_import_opts fetched = *io; /* the releases say they were fetched */
    fetched.origin_kind = "fetch";
    st = lab_import_files(store, paths, n, &fetched, sums, err);
  }
  for (size_t i = 0, k = 0; !st && i < r->nitems; i++) {
    if (!r->items[i].import)
      continue;
    cli_print_import_summary(paths[k], &sums[k]);
    snprintf(key, sizeof(key), "fetched:%s", r->items[i].url);
    st = lab_store_meta_set(store, key, infos[k].sha256, err);
    k++;
  }
out:
  free(paths);
  free(sums);
  free(infos);
  return st;
}

void fetch_run_finish(struct fetch_run *r, bool ok)
{
  for (size_t i = 0; i < r->nitems; i++) {
    struct fetch_item *it = &r->items[i];
    char *meta = meta_path(it->path);
    if (!meta)
      continue;
    if (it->had_prev) {
      settle_copy(it->path, ".prev", !ok);
      settle_copy(meta, ".prev", !ok);
    } else if (!ok && it->fresh) {
      /* nothing was cached before this run: leave nothing */
      unlink(it->path);
      unlink(meta);
    }
    free(meta);
    it->had_prev = false;
  }
}

void fetch_run_close(struct fetch_run *r)
{
  for (size_t i = 0; i < r->nitems; i++) {
    free(r->items[i].url);
    free(r->items[i].path);
  }
  free(r->items);
  lab_fetch_free(r->f);
  lab_config_release(&r->cfg);
  free(r->cache);
  memset(r, 0, sizeof(*r));
}
