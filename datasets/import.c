/*
 * import.c - `laborstat import`: a file, through a reader and a normalizer, in one transaction.
 */
#include "common/lab_file.h"
#include "common/lab_sha256.h"
#include "datasets/lab_xlsx.h"
#include "datasets/normalize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define IMPORT_MAX_BYTES ((size_t)1 << 30)

static int has_suffix(const char *path, const char *suffix)
{
  size_t n = strlen(path);
  size_t k = strlen(suffix);

  return n >= k && strcasecmp(path + n - k, suffix) == 0;
}

static const char *base_name(const char *path)
{
  const char *slash = strrchr(path, '/');

  return slash ? slash + 1 : path;
}

lab_status lab_import_csv_data(struct lab_store *s, const char *data, size_t len, const char *name,
                               const char *sha256, const struct lab_import_opts *o,
                               struct lab_import_summary *sum, struct lab_error *err)
{
  struct norm_env env = {
      .store = s, .opts = o, .origin_kind = "import", .origin = name, .sha256 = sha256, .sum = sum};
  struct norm_oews *z = NULL;
  lab_status st;

  memset(sum, 0, sizeof(*sum));
  st = norm_oews_new(&env, &z, err);
  if (!st)
    st = lab_csv_read(data, len, name, norm_oews_sink(z), err);
  norm_oews_free(z);
  return st;
}

lab_status lab_import_xlsx_file(struct lab_store *s, const char *path, const char *name,
                                const char *sha256, const struct lab_import_opts *o,
                                struct lab_import_summary *sum, struct lab_error *err)
{
  char hex[65];
  struct norm_env env = {
      .store = s, .opts = o, .origin_kind = "import", .origin = name, .sha256 = hex, .sum = sum};
  struct norm_oews *z = NULL;
  bool ep = false;
  lab_status st = LAB_OK;

  memset(sum, 0, sizeof(*sum));
  if (sha256)
    snprintf(hex, sizeof(hex), "%s", sha256);
  else
    st = lab_file_sha256(path, hex, err);
  if (!st)
    st = lab_xlsx_has_sheet(path, "Table 1.2", &ep, err);
  if (!st && ep)
    return lab_import_ep_xlsx(s, path, name, hex, o->sheet ? o->sheet : "Table 1.2", sum, err);
  if (!st)
    st = norm_oews_new(&env, &z, err);
  if (!st)
    st = lab_xlsx_read(path, o->sheet, "occ_code", norm_oews_sink(z), err);
  norm_oews_free(z);
  return st;
}

/* Check the type, read, hash and normalize one file (inside the caller's transaction). */
static lab_status import_one(struct lab_store *s, const char *path, const struct lab_import_opts *o,
                             struct lab_import_summary *sum, struct lab_error *err)
{
  char *data = NULL;
  size_t len = 0;
  char hex[65];
  lab_status st;

  if (strncmp(base_name(path), "oe.data.", 8) == 0)
    return lab_import_oe_flatfile(s, path, o, sum, err);
  if (has_suffix(path, ".xlsx"))
    return lab_import_xlsx_file(s, path, path, NULL, o, sum, err);
  if (has_suffix(path, ".zip"))
    return lab_import_zip(s, path, o, sum, err);
  if (!has_suffix(path, ".csv") && !has_suffix(path, ".txt"))
    return lab_error_set(err, LAB_ERR_INVALID,
                         "'%s': unknown file type (expected an OEWS table as .csv or .xlsx, or an "
                         "oe.data.* flat file, or a BLS .zip holding one)",
                         path);
  st = lab_file_read(path, IMPORT_MAX_BYTES, &data, &len, err);
  if (st)
    return st;
  lab_sha256_of(data, len, hex);
  st = lab_import_csv_data(s, data, len, path, hex, o, sum, err);
  free(data);
  return st;
}

lab_status lab_import_files(struct lab_store *s, const char *const *paths, size_t n,
                            const struct lab_import_opts *o, struct lab_import_summary *sums,
                            struct lab_error *err)
{
  lab_status st = lab_store_begin(s, err);

  for (size_t i = 0; i < n && !st; i++)
    st = import_one(s, paths[i], o, &sums[i], err);
  if (!st)
    st = lab_store_commit(s, err);
  if (st)
    lab_store_rollback(s);
  return st;
}
