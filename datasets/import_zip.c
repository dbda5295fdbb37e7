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
#include "datasets/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#define ZIP_MAX_MEMBER ((zip_uint64_t)2 << 30) /* 2 GiB inflated: the all-data table is ~0.1 */

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

/* A member stored as a Unix symbolic link (its "data" is the link's target). */
static int is_link(zip_t *za, zip_int64_t i)
{
  zip_uint8_t opsys = 0;
  zip_uint32_t attr = 0;

  if (zip_file_get_external_attributes(za, (zip_uint64_t)i, 0, &opsys, &attr) != 0)
    return 0;
  return opsys == ZIP_OPSYS_UNIX && ((attr >> 16) & 0170000) == 0120000;
}

/* The archive's one table (or BEA's state table), after refusing unsafe names. */
static lab_status pick_member(zip_t *za, const char *path, zip_int64_t *out, struct lab_error *err)
{
  zip_int64_t n = zip_get_num_entries(za, 0);
  zip_int64_t found = -1;
  char list[256] = "";

  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    if (name && unsafe_name(name))
      return lab_error_set(err, LAB_ERR_PARSE,
                           "'%s': archive member '%s' has an unsafe name (absolute or with '..'); "
                           "refusing the archive",
                           path, name);
    if (name && is_link(za, i))
      return lab_error_set(err, LAB_ERR_PARSE,
                           "'%s': archive member '%s' is a symbolic link; refusing the archive",
                           path, name);
    if (name && found < 0 && is_bea_state_table(name))
      found = i;
  }
  if (found >= 0) {
    *out = found;
    return LAB_OK;
  }
  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    if (!name || !is_table(name))
      continue;
    if (found >= 0)
      return lab_error_set(err, LAB_ERR_INVALID,
                           "'%s' holds more than one table ('%s', '%s'): unzip it and import the "
                           "files you want",
                           path, zip_get_name(za, (zip_uint64_t)found, 0), name);
    found = i;
  }
  if (found < 0) {
    for (zip_int64_t i = 0; i < n && i < 5; i++) {
      const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
      size_t k = strlen(list);
      snprintf(list + k, sizeof(list) - k, "%s'%s'", i ? ", " : "", name ? name : "?");
    }
    return lab_error_set(err, LAB_ERR_PARSE,
                         "'%s' holds no OEWS table (.xlsx or .csv); members: %s", path,
                         n ? list : "none");
  }
  *out = found;
  return LAB_OK;
}

/* Inflate member idx to f: at most ZIP_MAX_MEMBER bytes, and never more than the size the
 * archive's directory declares (checked before inflating, and while inflating). */
static lab_status inflate_to(zip_t *za, zip_int64_t idx, const char *path, const char *name,
                             FILE *f, struct lab_error *err)
{
  zip_file_t *zf = NULL;
  char buf[65536];
  zip_uint64_t total = 0, declared = ZIP_MAX_MEMBER;
  zip_stat_t sb;
  zip_int64_t n;
  lab_status st = LAB_OK;

  zip_stat_init(&sb);
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &sb) == 0 && (sb.valid & ZIP_STAT_SIZE)) {
    if (sb.size > ZIP_MAX_MEMBER)
      return lab_error_set(err, LAB_ERR_TOOLARGE,
                           "'%s': member '%s' declares %llu bytes inflated, over the %llu-byte cap "
                           "(ZIP_MAX_MEMBER; a zip bomb?)",
                           path, name, (unsigned long long)sb.size,
                           (unsigned long long)ZIP_MAX_MEMBER);
    declared = sb.size;
  }
  zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf)
    return lab_error_set(err, LAB_ERR_PARSE, "'%s': cannot open member '%s': %s", path, name,
                         zip_strerror(za));
  while ((n = zip_fread(zf, buf, sizeof(buf))) > 0) {
    total += (zip_uint64_t)n;
    if (total > declared) {
      st = lab_error_set(err, LAB_ERR_TOOLARGE,
                         "'%s': member '%s' inflates past the %llu bytes the archive declares "
                         "(damaged, or a zip bomb)",
                         path, name, (unsigned long long)declared);
      goto out;
    }
    if (fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
      st = lab_error_set(err, LAB_ERR_IO, "cannot write a temporary copy of '%s' (disk full?)",
                         name);
      goto out;
    }
  }
  if (n < 0)
    st = lab_error_set(err, LAB_ERR_PARSE, "'%s': member '%s' is damaged: %s", path, name,
                       zip_file_strerror(zf));
  else if (fflush(f) != 0)
    st = lab_error_set(err, LAB_ERR_IO, "cannot write a temporary copy of '%s' (disk full?)", name);
out:
  zip_fclose(zf);
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
  zip_t *za = NULL;
  zip_int64_t idx = -1;
  FILE *f = NULL;
  int zerr = 0;
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  dir[0] = tmp[0] = '\0';
  st = lab_file_sha256(path, hex, err);
  if (st)
    goto out;
  za = zip_open(path, ZIP_RDONLY, &zerr);
  if (!za) {
    st = lab_error_set(err, LAB_ERR_PARSE,
                       "'%s' is not a zip archive (is it an HTML error page saved by mistake?)",
                       path);
    goto out;
  }
  st = pick_member(za, path, &idx, err);
  if (st)
    goto out;
  snprintf(name, sizeof(name), "%s:%s", path, zip_get_name(za, (zip_uint64_t)idx, 0));
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
  st = inflate_to(za, idx, path, zip_get_name(za, (zip_uint64_t)idx, 0), f, err);
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
  if (za)
    zip_discard(za);
  return st;
}
