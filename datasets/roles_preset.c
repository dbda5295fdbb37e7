/*
 * roles_preset.c - the role presets embedded in the binary (the JSON files in datasets/roles,
 * turned into roles_data.c at build time by `lab_embed --prefix lab_roles_embedded`).
 */
#include "common/lab_buf.h"
#include "datasets/lab_roles.h"

#include <stdio.h>
#include <string.h>

size_t lab_roles_preset_count(void)
{
  const struct lab_roles_embedded_file *files;

  return lab_roles_embedded_files(&files);
}

lab_status lab_roles_preset_load(size_t i, struct lab_roles **out, struct lab_error *err)
{
  const struct lab_roles_embedded_file *files;
  size_t n = lab_roles_embedded_files(&files);
  char origin[256];

  *out = NULL;
  if (i >= n)
    return lab_error_set(err, LAB_ERR_INVALID, "there is no embedded role preset %zu (%zu held)", i,
                         n);
  snprintf(origin, sizeof(origin), "embedded:%s", files[i].name);
  return lab_roles_parse(files[i].data, files[i].len, origin, out, err);
}

lab_status lab_roles_find(const char *name, struct lab_roles **out, struct lab_error *err)
{
  struct lab_roles *set = NULL;
  struct lab_buf names;
  size_t n = lab_roles_preset_count();
  lab_status st = LAB_OK;

  *out = NULL;
  lab_buf_init(&names, 4096);
  for (size_t i = 0; i < n; i++) {
    st = lab_roles_preset_load(i, &set, err);
    if (st)
      goto out;
    if (strcmp(set->preset, name) == 0 || lab_roles_get(set, name)) {
      st = lab_roles_select(set, name, err);
      if (st)
        goto out;
      *out = set;
      set = NULL;
      goto out;
    }
    st = lab_buf_addf(&names, "%s%s", names.len ? ", " : "", set->preset);
    if (st) {
      lab_error_set(err, st, "out of memory");
      goto out;
    }
    lab_roles_free(set);
    set = NULL;
  }
  st = lab_error_set(err, LAB_ERR_NOTFOUND,
                     "no role or preset called '%s' (presets: %s; 'laborstat roles' lists the "
                     "roles)",
                     name, names.len ? lab_buf_str(&names) : "none");
out:
  lab_roles_free(set);
  lab_buf_release(&names);
  return st;
}
