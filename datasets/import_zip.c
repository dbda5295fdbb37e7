/*
 * import_zip.c - BLS's OEWS zip archives (oesm{YY}{nat,st,ma,in4,all}.zip): the one table inside
 * is found, checked and imported; in BEA's SARPP.zip, the state table SARPP_STATE_*.csv.
 *
 * An archive is outside data: a member named "../x" or "/etc/x" is refused (never written
 * anywhere), the inflated size is capped against zip bombs, and the member goes to a temporary
 * file in a private folder (mkdtemp, mode 0700) that is removed whatever happens.
 */
#include "common/lab_file.h"
#include "common/lab_paths.h"
#include "datasets/lab_zip.h"
#include "datasets/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define ZIP_MAX_MEMBER ((uint64_t)2 << 30) /* 2 GiB inflated: the all-data table is ~0.1 */

static int ends_with(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);

  return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int unsafe_name(const char *name)
{
  const char *p = name;

  if (name[0] == '/' || name[0] == '\\' || strchr(name, ':'))
    return 1;
  while (*p) {
    size_t n = strcspn(p, "/\\");
    if (n == 2 && strncmp(p, "..", 2) == 0)
      return 1;
    p += n;
    if (*p)
      p++;
  }
  return 0;
}

/* A data table (not macOS metadata, not the field descriptions BLS ships in some years). */
static int is_table(const char *name)
{
  const char *b = lab_paths_basename(name);

  if (strncmp(name, "__MACOSX/", 9) == 0 || b[0] == '.' || strncasecmp(b, "field_desc", 10) == 0)
    return 0;
  return ends_with(name, ".xlsx") || ends_with(name, ".csv");
}

/* BEA's SARPP.zip: the state table SARPP_STATE_YYYY_YYYY.csv (beside PORT/MSA tables and a
 * footnote file) is the one laborstat imports. */
static int is_bea_state_table(const char *name)
{
  const char *b = lab_paths_basename(name);

  return strncmp(name, "__MACOSX/", 9) != 0 && strncasecmp(b, "SARPP_STATE_", 12) == 0 &&
         ends_with(b, ".csv");
}

/* The archive's one table (or BEA's state table), after refusing unsafe names. */
static lab_status pick_member(const struct lab_zip *za, const char *path, size_t *out,
                              struct lab_error *err)
{
  size_t n = lab_zip_count(za);
  long found = -1;
  char list[256] = "";

  for (size_t i = 0; i < n; i++) {
    const struct lab_zip_entry *e = lab_zip_entry(za, i);
    if (unsafe_name(e->name))
      return lab_error_set(err, LAB_ERR_PARSE,
                           "'%s': archive member '%s' has an unsafe name (absolute or with '..'); "
                           "refusing the archive",
                           path, e->name);
    if (lab_zip_entry_is_link(e))
      return lab_error_set(err, LAB_ERR_PARSE,
                           "'%s': archive member '%s' is a symbolic link; refusing the archive",
                           path, e->name);
    if (found < 0 && is_bea_state_table(e->name))
      found = (long)i;
  }
  if (found >= 0) {
    *out = (size_t)found;
    return LAB_OK;
  }
  for (size_t i = 0; i < n; i++) {
    const char *name = lab_zip_entry(za, i)->name;
    if (!is_table(name))
      continue;
    if (found >= 0)
      return lab_error_set(err, LAB_ERR_INVALID,
                           "'%s' holds more than one table ('%s', '%s'): unzip it and import the "
                           "files you want",
                           path, lab_zip_entry(za, (size_t)found)->name, name);
    found = (long)i;
  }
  if (found < 0) {
    for (size_t i = 0; i < n && i < 5; i++) {
      size_t k = strlen(list);
      snprintf(list + k, sizeof(list) - k, "%s'%s'", i ? ", " : "", lab_zip_entry(za, i)->name);
    }
    return lab_error_set(err, LAB_ERR_PARSE,
                         "'%s' holds no OEWS table (.xlsx or .csv); members: %s", path,
                         n ? list : "none");
  }
  *out = (size_t)found;
  return LAB_OK;
}

/* Inflate member idx to f: at most ZIP_MAX_MEMBER bytes, and never more than the size the
 * archive's directory declares (checked before inflating; the reader checks it while inflating,
 * and the CRC-32 at the end). */
static lab_status inflate_to(struct lab_zip *za, size_t idx, const char *path, FILE *f,
                             struct lab_error *err)
{
  const struct lab_zip_entry *e = lab_zip_entry(za, idx);
  struct lab_zip_member *zf = NULL;
  char buf[65536];
  long long n;
  lab_status st = LAB_OK;

  if (e->size > ZIP_MAX_MEMBER)
    return lab_error_set(err, LAB_ERR_TOOLARGE,
                         "'%s': member '%s' declares %llu bytes inflated, over the %llu-byte cap "
                         "(ZIP_MAX_MEMBER; a zip bomb?)",
                         path, e->name, (unsigned long long)e->size,
                         (unsigned long long)ZIP_MAX_MEMBER);
  st = lab_zip_member_open(za, idx, &zf, err);
  if (st) {
    char why[sizeof(err->msg)];
    snprintf(why, sizeof(why), "%s", err ? err->msg : "");
    return lab_error_set(err, st, "'%s': %s", path, why);
  }
  while ((n = lab_zip_member_read(zf, buf, sizeof(buf))) > 0) {
    if (fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
      st = lab_error_set(err, LAB_ERR_IO, "cannot write a temporary copy of '%s' (disk full?)",
                         e->name);
      goto out;
    }
  }
  if (n < 0)
    st = lab_error_set(err, lab_zip_member_status(zf), "'%s': member '%s' %s", path, e->name,
                       lab_zip_member_error(zf));
  else if (fflush(f) != 0)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write a temporary copy of '%s' (disk full?)",
                       e->name);
out:
  lab_zip_member_close(zf);
  return st;
}

/* Error text names the member, never the temporary copy. */
static void name_member(struct lab_error *err, const char *tmp, const char *name)
{
  char msg[sizeof(err->msg)];
  const char *at = strstr(err->msg, tmp);

  if (strcmp(err->file, tmp) == 0)
    snprintf(err->file, sizeof(err->file), "%s", name);
  if (at) {
    snprintf(msg, sizeof(msg), "%.*s%s%s", (int)(at - err->msg), err->msg, name, at + strlen(tmp));
    memcpy(err->msg, msg, sizeof(msg));
  }
}

lab_status lab_import_zip(struct lab_store *s, const char *path, const struct lab_import_opts *o,
                          struct lab_import_summary *sum, struct lab_error *err)
{
  const char *tmpdir = getenv("TMPDIR");
  char dir[512], tmp[1024], name[512], hex[65];
  struct lab_zip *za = NULL;
  size_t idx = 0;
  FILE *f = NULL;
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  dir[0] = tmp[0] = '\0';
  st = lab_file_sha256(path, hex, err);
  if (st)
    goto out;
  st = lab_zip_open(path, &za, err);
  if (st == LAB_ERR_PARSE && strcmp(err ? err->msg : "", "Not a zip archive") == 0)
    st = lab_error_set(err, LAB_ERR_PARSE,
                       "'%s' is not a zip archive (is it an HTML error page saved by mistake?)",
                       path);
  else if (st) {
    char why[sizeof(err->msg)];
    snprintf(why, sizeof(why), "%s", err ? err->msg : "");
    st = lab_error_set(err, st, "'%s': %s", path, why);
  }
  if (st)
    goto out;
  st = pick_member(za, path, &idx, err);
  if (st)
    goto out;
  snprintf(name, sizeof(name), "%s:%s", path, lab_zip_entry(za, idx)->name);
  snprintf(dir, sizeof(dir), "%s/laborstat-import-XXXXXX", tmpdir && tmpdir[0] ? tmpdir : "/tmp");
  if (!mkdtemp(dir)) {
    dir[0] = '\0';
    st = lab_error_set(err, LAB_ERR_IO, "cannot create a temporary folder in %s",
                       tmpdir && tmpdir[0] ? tmpdir : "/tmp");
    goto out;
  }
  snprintf(tmp, sizeof(tmp), "%s/member.%s", dir, ends_with(name, ".csv") ? "csv" : "xlsx");
  f = fopen(tmp, "wbx");
  if (!f) {
    tmp[0] = '\0';
    st = lab_error_set(err, LAB_ERR_IO, "cannot create a temporary file in %s", dir);
    goto out;
  }
  st = inflate_to(za, idx, path, f, err);
  if (st)
    goto out;
  if (ends_with(name, ".csv")) {
    st = lab_file_read(tmp, (size_t)ZIP_MAX_MEMBER, &data, &len, err);
    if (!st)
      st = lab_import_table_data(s, data, len, name, hex, o, sum, err);
  } else {
    st = lab_import_xlsx_file(s, tmp, name, hex, o, sum, err);
  }
  if (st)
    name_member(err, tmp, name);
out:
  free(data);
  if (f)
    fclose(f);
  if (tmp[0])
    unlink(tmp);
  if (dir[0])
    rmdir(dir);
  lab_zip_close(za);
  return st;
}
