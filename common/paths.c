/*
 * paths.c - XDG folders and parent-folder creation.
 */
#include "common/lab_paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static lab_status join(const char *a, const char *b, char **out, struct lab_error *err)
{
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = malloc(n);

  if (!p)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  snprintf(p, n, "%s/%s", a, b);
  *out = p;
  return LAB_OK;
}

static lab_status xdg_path(const char *var, const char *fallback, const char *leaf, char **out,
                           struct lab_error *err)
{
  const char *base = getenv(var);
  const char *home;
  char *dir = NULL;
  lab_status st;

  if (base && base[0] == '/')
    return join(base, leaf, out, err);
  home = getenv("HOME");
  if (!home || !home[0])
    return lab_error_set(err, LAB_ERR_INVALID, "neither %s nor HOME is set: use --db PATH", var);
  st = join(home, fallback, &dir, err);
  if (st)
    return st;
  st = join(dir, leaf, out, err);
  free(dir);
  return st;
}

lab_status lab_paths_db(const char *override, char **out, struct lab_error *err)
{
  const char *env = getenv("LABORSTAT_DB");
  const char *chosen = NULL;

  if (override && override[0])
    chosen = override;
  else if (env && env[0])
    chosen = env;
  if (chosen) {
    *out = strdup(chosen);
    return *out ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  return xdg_path("XDG_DATA_HOME", ".local/share", "laborstat/laborstat.db", out, err);
}

lab_status lab_paths_cache(char **out, struct lab_error *err)
{
  return xdg_path("XDG_CACHE_HOME", ".cache", "laborstat", out, err);
}

lab_status lab_paths_config(char **out, struct lab_error *err)
{
  const char *env = getenv("LABORSTAT_CONFIG");

  if (env && env[0]) {
    *out = strdup(env);
    return *out ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  return xdg_path("XDG_CONFIG_HOME", ".config", "laborstat/config", out, err);
}

lab_status lab_paths_make_parent(const char *file, struct lab_error *err)
{
  char *dir = strdup(file);
  lab_status st = LAB_OK;
  char *slash;

  if (!dir)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  slash = strrchr(dir, '/');
  if (!slash || slash == dir)
    goto out;
  *slash = '\0';
  for (char *p = dir + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
      st = lab_error_set(err, LAB_ERR_IO, "cannot create folder '%s': %s", dir, strerror(errno));
      goto out;
    }
    *p = '/';
  }
  if (mkdir(dir, 0755) != 0 && errno != EEXIST)
    st = lab_error_set(err, LAB_ERR_IO, "cannot create folder '%s': %s", dir, strerror(errno));
out:
  free(dir);
  return st;
}

const char *lab_paths_basename(const char *path)
{
  const char *slash = strrchr(path, '/');

  return slash ? slash + 1 : path;
}
