/*
 * lab_paths.h - where laborstat keeps its files (XDG base directories).
 *
 * Ownership: returned char * are heap strings owned by the caller (free()).
 */
#ifndef LAB_PATHS_H
#define LAB_PATHS_H

#include "common/lab_common.h"

/*
 * The store's path: `override` when non-NULL and non-empty, else $LABORSTAT_DB, else
 * $XDG_DATA_HOME/laborstat/laborstat.db, else ~/.local/share/laborstat/laborstat.db.
 * *out is a new heap string.
 */
lab_status lab_paths_db(const char *override, char **out, struct lab_error *err);

/* The cache folder: $XDG_CACHE_HOME/laborstat or ~/.cache/laborstat. Not created here. */
lab_status lab_paths_cache(char **out, struct lab_error *err);

/* The config file: $LABORSTAT_CONFIG, else $XDG_CONFIG_HOME/laborstat/config, else
 * ~/.config/laborstat/config. */
lab_status lab_paths_config(char **out, struct lab_error *err);

/* Create the folder that will hold `file` (mkdir -p of its parent), mode 0755. */
lab_status lab_paths_make_parent(const char *file, struct lab_error *err);

/* Base name of a path: a pointer into `path` (borrowed). */
const char *lab_paths_basename(const char *path);

#endif
