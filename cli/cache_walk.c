/*
 * cache_walk.c - list the download cache: files with records, leftovers, orphans.
 */
#include "cli/cache_walk.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool ends_with(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);

  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_leftover(const char *name)
{
  return strstr(name, ".part-") || ends_with(name, ".prev") || strstr(name, ".tmp-");
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static lab_status visit(const char *path, const char *name, cache_walk_fn fn, void *ctx,
                        struct lab_error *err)
{
  struct lab_fetch_file_info info = {0};
  struct cache_entry e = {.path = path, .url = ""};
  char url[2048] = "", other[4096];

  if (is_leftover(name)) {
    e.kind = CACHE_PARTIAL;
    return fn(ctx, &e, err);
  }
  if (ends_with(name, ".meta")) {
    /* a record is visited with its file; alone it is an orphan */
    snprintf(other, sizeof(other), "%.*s", (int)(strlen(path) - 5), path);
    if (access(other, F_OK) == 0)
      return LAB_OK;
    e.kind = CACHE_ORPHAN;
    return fn(ctx, &e, err);
  }
  if (ends_with(name, "api-quota.tsv"))
    return LAB_OK;
  e.kind = CACHE_FILE;
  e.record_ok = lab_fetch_meta_read(path, &info, url, sizeof(url), NULL) == LAB_OK;
  snprintf(other, sizeof(other), "%s.meta", path);
  if (!e.record_ok && access(other, F_OK) != 0)
    e.kind = CACHE_ORPHAN;
  e.info = e.record_ok ? &info : NULL;
  e.url = url;
  return fn(ctx, &e, err);
}

lab_status cache_walk(const char *dir, cache_walk_fn fn, void *ctx, struct lab_error *err)
{
  DIR *d = opendir(dir);
  char **names = NULL;
  size_t n = 0, cap = 0;
  lab_status st = LAB_OK;
  struct dirent *de;

  if (!d)
    return LAB_OK;
  while ((de = readdir(d)) != NULL) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
      continue;
    if (n == cap) {
      char **g = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*g));
      if (!g) {
        st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
        goto out;
      }
      names = g;
    }
    names[n] = strdup(de->d_name);
    if (!names[n]) {
      st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
      goto out;
    }
    n++;
  }
  if (n)
    qsort(names, n, sizeof(*names), by_name);
  for (size_t i = 0; i < n && !st; i++) {
    char path[4096];
    struct stat sb;
    if (snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= (int)sizeof(path))
      continue;
    if (lstat(path, &sb) != 0)
      continue;
    if (S_ISDIR(sb.st_mode))
      st = cache_walk(path, fn, ctx, err);
    else if (S_ISREG(sb.st_mode))
      st = visit(path, names[i], fn, ctx, err);
  }
out:
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
  closedir(d);
  return st;
}
