/*
 * snapshot.c - loading the embedded snapshot through the same normalizers as an import.
 */
#include "datasets/normalize.h"

#include <stdio.h>
#include <string.h>

struct dispatch {
  struct lab_sink sink;
  struct norm_env env;
  struct norm_oews *oews;
  struct norm_simple *simple;
  const struct lab_sink *cur; /* NULL while skipping a release */
};

static void dispatch_drop(struct dispatch *d)
{
  norm_oews_free(d->oews);
  norm_simple_free(d->simple);
  d->oews = NULL;
  d->simple = NULL;
  d->cur = NULL;
}

static lab_status d_begin(void *ctx, const struct lab_table_meta *meta,
                          const struct lab_row *header, struct lab_error *err)
{
  struct dispatch *d = ctx;
  const char *source = lab_table_meta_get(meta, "source");
  const char *scope = lab_table_meta_get(meta, "scope");
  const char *vintage = lab_table_meta_get(meta, "vintage");
  bool user_has = false;
  lab_status st;

  dispatch_drop(d);
  if (!source || !scope || !vintage)
    return lab_error_set_at(err, LAB_ERR_PARSE, meta->file, header->line, 1,
                            "@release lacks source, scope or vintage");
  st = lab_store_release_exists_other(d->env.store, source, scope, vintage, "snapshot", &user_has,
                                      err);
  if (st || user_has)
    return st; /* the user's own copy supersedes the snapshot's */
  if (strcmp(source, "oews") == 0) {
    st = norm_oews_new(&d->env, &d->oews, err);
    if (!st)
      d->cur = norm_oews_sink(d->oews);
  } else {
    st = norm_simple_new(&d->env, source, &d->simple, err);
    if (!st)
      d->cur = norm_simple_sink(d->simple);
  }
  if (st)
    return st;
  return d->cur->begin(d->cur->ctx, meta, header, err);
}

static lab_status d_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct dispatch *d = ctx;

  return d->cur ? d->cur->row(d->cur->ctx, row, err) : LAB_OK;
}

static lab_status d_end(void *ctx, struct lab_error *err)
{
  struct dispatch *d = ctx;
  lab_status st = d->cur ? d->cur->end(d->cur->ctx, err) : LAB_OK;

  dispatch_drop(d);
  return st;
}

unsigned lab_snapshot_part_of(const char *file)
{
  if (strcmp(file, "oews-state.lsnap") == 0)
    return LAB_SNAP_STATE;
  if (strcmp(file, "projections.lsnap") == 0)
    return LAB_SNAP_PROJECTIONS;
  return LAB_SNAP_CORE;
}

/* Load file f (one of the embedded files) through the normalizers. */
static lab_status load_file(struct lab_store *s, const struct lab_snapshot_file *f,
                            struct lab_error *err)
{
  struct lab_import_opts opts = {0};
  struct lab_import_summary sum;
  struct dispatch d;
  char name[128];
  lab_status st;

  memset(&d, 0, sizeof(d));
  d.env.store = s;
  d.env.opts = &opts;
  d.env.origin_kind = "snapshot";
  d.env.sum = &sum;
  d.env.origin = f->name;
  d.sink.ctx = &d;
  d.sink.begin = d_begin;
  d.sink.row = d_row;
  d.sink.end = d_end;
  snprintf(name, sizeof(name), "snapshot:%s", f->name);
  st = lab_lsnap_read(f->data, f->len, name, &d.sink, err);
  dispatch_drop(&d);
  return st;
}

/* The meta key that records which snapshot a file was loaded from. */
static void meta_key(const char *file, char *out, size_t size)
{
  snprintf(out, size, "snapshot:%s", file);
}

lab_status lab_snapshot_ensure(struct lab_store *s, unsigned parts, bool *loaded,
                               struct lab_error *err)
{
  const struct lab_snapshot_file *files = NULL;
  size_t n = lab_snapshot_files(&files);
  bool todo[64] = {false};
  bool any = false;
  char want[80], have[80], key[160];
  lab_status st = LAB_OK;

  if (loaded)
    *loaded = false;
  lab_snapshot_id(want, sizeof(want));
  for (size_t i = 0; i < n && i < LAB_ARRAY_SIZE(todo) && !st; i++) {
    if (!(lab_snapshot_part_of(files[i].name) & parts))
      continue;
    meta_key(files[i].name, key, sizeof(key));
    st = lab_store_meta_get(s, key, have, sizeof(have), err);
    todo[i] = !st && strcmp(have, want) != 0;
    any = any || todo[i];
  }
  if (st || !any)
    return st;
  /* the loader writes parents before children: no per-row foreign-key look-ups (the pragma
     only takes effect outside a transaction) */
  st = lab_store_foreign_keys(s, false, err);
  if (!st)
    st = lab_store_begin(s, err);
  if (st)
    return st;
  st = lab_store_bulk(s, true, err);
  for (size_t i = 0; i < n && i < LAB_ARRAY_SIZE(todo) && !st; i++) {
    if (!todo[i])
      continue;
    st = lab_store_release_delete_snapshot(s, files[i].name, err);
    if (!st)
      st = load_file(s, &files[i], err);
    meta_key(files[i].name, key, sizeof(key));
    if (!st)
      st = lab_store_meta_set(s, key, want, err);
  }
  if (!st)
    st = lab_store_bulk(s, false, err);
  if (!st)
    st = lab_store_commit(s, err);
  if (st)
    lab_store_rollback(s);
  if (!st)
    st = lab_store_foreign_keys(s, true, err);
  else
    lab_store_foreign_keys(s, true, NULL);
  if (!st && loaded)
    *loaded = true;
  return st;
}
