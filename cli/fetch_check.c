/*
 * fetch_check.c - `laborstat fetch --check`: what the servers have that the cache and the store
 * lack, asked with conditional HEAD requests; nothing is downloaded or imported.
 */
#include "cli/cache_walk.h"
#include "cli/fetch_cmds.h"
#include "datasets/lab_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_URL, K_STATE, K_NOTE, K_NCOLS };

struct check {
  struct fetch_run *r;
  struct cli_table *t;
  int newest_oews; /* newest national OEWS May year in the store */
  long changed;
};

static lab_status add(struct check *c, const char *url, const char *state, const char *note,
                      struct lab_error *err)
{
  const char *cells[K_NCOLS] = {url, state, note};

  return cli_table_add(c->t, cells) ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
}

static lab_status on_cached(void *ctx, const struct cache_entry *e, struct lab_error *err)
{
  struct check *c = ctx;
  long status = 0;
  lab_status st;

  /* API answers are not files on a server: `fetch series` asks again */
  if (e->kind != CACHE_FILE || !e->record_ok || !e->url[0] || strstr(e->url, "?request="))
    return LAB_OK;
  st = lab_fetch_probe(c->r->f, e->url, e->info, &status, err);
  if (st == LAB_ERR_NET || st == LAB_ERR_HTTP) {
    char note[600];
    snprintf(note, sizeof(note), "%s", err->msg);
    lab_error_clear(err);
    return add(c, e->url, status == 404 ? "gone" : "error", note, err);
  }
  if (st)
    return st;
  c->changed += status != 304;
  return add(c, e->url, status == 304 ? "unchanged" : "changed",
             status == 304 ? "the cached copy is current" : "run the fetch again to update", err);
}

static lab_status on_release(void *ctx, const struct lab_release_info *r, struct lab_error *err)
{
  struct check *c = ctx;

  (void)err;
  if (strcmp(r->source, "oews") == 0 && strcmp(r->scope, "national") == 0 &&
      r->year > c->newest_oews)
    c->newest_oews = r->year;
  return LAB_OK;
}

/* Newer OEWS releases than the store's: probed without validators (200 = published). */
static lab_status check_new_oews(struct check *c, struct lab_error *err)
{
  const struct lab_oews_geo *g = lab_catalog_oews_geo("national");
  lab_status st = LAB_OK;

  for (int y = c->newest_oews + 1; y <= fetch_newest_oews_year() + 1 && !st; y++) {
    char *url = NULL, note[96];
    long status = 0;
    st = lab_catalog_oews_url(y, g, &url, err);
    if (!st)
      st = lab_fetch_probe(c->r->f, url, NULL, &status, err);
    if (st == LAB_ERR_HTTP && status == 404) {
      lab_error_clear(err);
      st = add(c, url, "not published", "", err);
    } else if (!st) {
      c->changed++;
      snprintf(note, sizeof(note), "new: laborstat fetch oews --year %d", y);
      st = add(c, url, "new", note, err);
    }
    free(url);
  }
  return st;
}

lab_status fetch_check(struct fetch_run *r, const struct fetch_args *a, struct lab_error *err)
{
  static const char *const names[K_NCOLS] = {"url", "state", "note"};
  struct check c = {.r = r};
  struct lab_store *store = NULL;
  lab_status st;

  (void)a;
  if (r->ctx->offline)
    return lab_error_set(err, LAB_ERR_INVALID, "--check asks the servers: drop --offline");
  c.t = cli_table_new(K_NCOLS, names, NULL);
  if (!c.t)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  st = cache_walk(r->cache, on_cached, &c, err);
  if (!st)
    st = cli_store(r->ctx, &store, err);
  if (!st)
    st = lab_store_releases(store, on_release, &c, err);
  if (!st)
    st = check_new_oews(&c, err);
  if (!st) {
    cli_table_print(c.t, r->ctx->format, NULL, stdout);
    if (!r->ctx->quiet)
      fprintf(stderr, "laborstat: %ld new or changed on the servers\n", c.changed);
  }
  cli_table_free(c.t);
  return st;
}
