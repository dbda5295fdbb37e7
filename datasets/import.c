/*
 * import.c - `laborstat import`: a file, through a reader and a normalizer, in one transaction.
 */
#include "common/lab_file.h"
#include "common/lab_sha256.h"
#include "datasets/lab_blsapi.h"
#include "datasets/lab_xlsx.h"
#include "datasets/normalize.h"
#include "datasets/rowpipe.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <pthread.h>
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

struct xlsx_job {
  const char *path, *sheet, *hint;
};

static lab_status read_xlsx(void *ctx, const struct lab_sink *sink, struct lab_error *err)
{
  const struct xlsx_job *j = ctx;

  return lab_xlsx_read(j->path, j->sheet, j->hint, sink, err);
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
  if (!st) { /* inflating and parsing the sheet on a thread of its own */
    struct xlsx_job job = {path, o->sheet, "occ_code"};
    st = rowpipe_run(read_xlsx, &job, norm_oews_sink(z), err);
  }
  norm_oews_free(z);
  return st;
}

struct hash_job {
  const char *data;
  size_t len;
  char hex[65];
};

static void *hash_main(void *arg)
{
  struct hash_job *h = arg;

  lab_sha256_of(h->data, h->len, h->hex);
  return NULL;
}

/* An OEWS table from memory, its SHA-256 computed on a thread of its own meanwhile (the hash no
 * longer delays the first row) and recorded in its release at the end. */
static lab_status csv_hashed_aside(struct lab_store *s, const char *data, size_t len,
                                   const char *path, const struct lab_import_opts *o,
                                   struct lab_import_summary *sum, struct lab_error *err)
{
  struct hash_job h = {data, len, ""};
  pthread_t t;
  bool aside = pthread_create(&t, NULL, hash_main, &h) == 0;
  lab_status st;

  if (!aside)
    hash_main(&h);
  st = lab_import_csv_data(s, data, len, path, aside ? NULL : h.hex, o, sum, err);
  if (aside)
    pthread_join(t, NULL);
  if (!st && aside && sum->release_id)
    st = lab_store_release_set_sha256(s, sum->release_id, h.hex, err);
  return st;
}

lab_status lab_import_table_data(struct lab_store *s, const char *data, size_t len,
                                 const char *name, const char *sha256,
                                 const struct lab_import_opts *o, struct lab_import_summary *sum,
                                 struct lab_error *err)
{
  const char *member = strrchr(name, ':');
  const char *base = base_name(member ? member + 1 : name);
  bool cu = strncmp(base, "cu.data.", 8) == 0 || norm_cu_sniff(data, len);
  bool rpp = !cu && norm_rpp_sniff(data, len);
  char hex[65];

  if (!sha256 && !cu && !rpp)
    return csv_hashed_aside(s, data, len, name, o, sum, err);
  if (!sha256) {
    lab_sha256_of(data, len, hex);
    sha256 = hex;
  }
  if (cu)
    return lab_import_cu_data(s, data, len, name, sha256, sum, err);
  if (rpp)
    return lab_import_rpp_csv(s, data, len, name, sha256, sum, err);
  return lab_import_csv_data(s, data, len, name, sha256, o, sum, err);
}

enum file_kind { FK_TABLE, FK_OE, FK_XLSX, FK_ZIP, FK_PC, FK_API };

/* A JSON file: a Projections Central page or a BLS API answer (by their top-level keys). */
static lab_status json_kind(const char *path, enum file_kind *kind, struct lab_error *err)
{
  char *data = NULL;
  size_t len = 0;
  struct cJSON *root = NULL;
  lab_status st = lab_file_read(path, LAB_BLSAPI_MAX_ANSWER, &data, &len, err);

  if (st)
    goto out;
  *kind = FK_PC;
  if (norm_pc_no_results(data, len)) /* the page reader reports it */
    goto out;
  st = norm_json_parse(data, len, path, &root, err);
  if (st)
    goto out;
  if (cJSON_IsObject(root) && cJSON_HasObjectItem(root, "rows"))
    *kind = FK_PC;
  else if (cJSON_IsObject(root) && cJSON_HasObjectItem(root, "status") &&
           (cJSON_HasObjectItem(root, "Results") || cJSON_HasObjectItem(root, "message")))
    *kind = FK_API;
  else
    st = lab_error_set_at(err, LAB_ERR_PARSE, path, 1, 1,
                          "JSON that is neither a Projections Central page ({\"rows\": [...], "
                          "\"pager\": {...}}) nor a BLS API answer ({\"status\": ..., "
                          "\"Results\": ...})");
out:
  cJSON_Delete(root);
  free(data);
  return st;
}

/* What path holds: by name, then by its first bytes. */
static lab_status kind_of(const char *path, enum file_kind *kind, struct lab_error *err)
{
  char head[64];
  size_t n = 0, i = 0;
  FILE *f;

  *kind = FK_TABLE;
  if (strncmp(base_name(path), "oe.data.", 8) == 0)
    *kind = FK_OE;
  else if (has_suffix(path, ".xlsx"))
    *kind = FK_XLSX;
  else if (has_suffix(path, ".zip"))
    *kind = FK_ZIP;
  if (*kind != FK_TABLE)
    return LAB_OK;
  f = fopen(path, "rb");
  if (!f)
    return LAB_OK; /* the reader names the problem */
  n = fread(head, 1, sizeof(head), f);
  fclose(f);
  if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < n && strchr(" \t\r\n", head[i]))
    i++;
  if (has_suffix(path, ".json") || (i < n && head[i] == '{') || norm_pc_no_results(head + i, n - i))
    return json_kind(path, kind, err);
  return LAB_OK;
}

/* Read, hash and normalize one table file (inside the caller's transaction). */
static lab_status import_one(struct lab_store *s, const char *path, enum file_kind kind,
                             const struct lab_import_opts *o, struct lab_import_summary *sum,
                             struct lab_error *err)
{
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  if (kind == FK_OE)
    return lab_import_oe_flatfile(s, path, o, sum, err);
  if (kind == FK_XLSX)
    return lab_import_xlsx_file(s, path, path, NULL, o, sum, err);
  if (kind == FK_ZIP)
    return lab_import_zip(s, path, o, sum, err);
  st = lab_file_read(path, IMPORT_MAX_BYTES, &data, &len, err);
  if (st)
    return st;
  if (!has_suffix(path, ".csv") && !has_suffix(path, ".txt") && !has_suffix(path, ".tsv") &&
      strncmp(base_name(path), "cu.data.", 8) != 0 && !norm_cu_sniff(data, len) &&
      !norm_rpp_sniff(data, len)) {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "'%s': unknown file type (expected an OEWS table as .csv or .xlsx, an "
                       "oe.data.* or cu.data.* flat file, BEA's SARPP table, a Projections "
                       "Central or BLS API JSON answer, or a .zip holding one)",
                       path);
    goto out;
  }
  st = lab_import_table_data(s, data, len, path, NULL, o, sum, err);
out:
  free(data);
  return st;
}

/* The JSON files of one kind, imported together. */
static lab_status import_group(struct lab_store *s, const char *const *paths, size_t n,
                               const enum file_kind *kinds, enum file_kind want,
                               struct lab_import_summary *sums, struct lab_error *err)
{
  const char **sel = calloc(n, sizeof(*sel));
  struct lab_import_summary *sel_sums = calloc(n, sizeof(*sel_sums));
  size_t k = 0;
  lab_status st = LAB_OK;

  if (!sel || !sel_sums) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    if (kinds[i] == want)
      sel[k++] = paths[i];
  if (k == 0)
    goto out;
  if (want == FK_PC)
    st = lab_import_pc_pages(s, sel, k, sel_sums, err);
  else
    st = lab_import_api_answers(s, sel, k, sel_sums, err);
  for (size_t i = 0, j = 0; i < n && !st; i++)
    if (kinds[i] == want)
      sums[i] = sel_sums[j++];
out:
  free(sel);
  free(sel_sums);
  return st;
}

/* A rough count of the OEWS rows the files hold, from their sizes (bytes per row of BLS's
 * all-data CSV, of its zipped workbook, and of flat-file lines per cell). */
static long oews_rows_estimate(const char *const *paths, const enum file_kind *kinds, size_t n)
{
  long rows = 0;
  struct stat sb;

  for (size_t i = 0; i < n; i++) {
    const char *base = base_name(paths[i]);
    if (stat(paths[i], &sb) != 0)
      continue;
    if (kinds[i] == FK_OE)
      rows += (long)(sb.st_size / 800);
    else if (kinds[i] == FK_XLSX || kinds[i] == FK_ZIP)
      rows += (long)(sb.st_size / 128);
    else if (kinds[i] == FK_TABLE && has_suffix(paths[i], ".csv") && strncmp(base, "cu.", 3) != 0)
      rows += (long)(sb.st_size / 256);
  }
  return rows;
}

lab_status lab_import_files(struct lab_store *s, const char *const *paths, size_t n,
                            const struct lab_import_opts *o, struct lab_import_summary *sums,
                            struct lab_error *err)
{
  enum file_kind *kinds = calloc(n ? n : 1, sizeof(*kinds));
  lab_status st = kinds ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  bool deferred = false;
  int64_t last_before = 0;

  for (size_t i = 0; i < n && !st; i++)
    st = kind_of(paths[i], &kinds[i], err);
  if (st)
    goto out;
  st = lab_store_begin(s, err);
  if (!st)
    st = lab_store_release_last_id(s, &last_before, err);
  if (!st)
    st = lab_store_defer_index(s, oews_rows_estimate(paths, kinds, n), &deferred, err);
  for (size_t i = 0; i < n && !st; i++)
    if (kinds[i] != FK_PC && kinds[i] != FK_API)
      st = import_one(s, paths[i], kinds[i], o, &sums[i], err);
  if (!st)
    st = import_group(s, paths, n, kinds, FK_PC, sums, err);
  if (!st)
    st = import_group(s, paths, n, kinds, FK_API, sums, err);
  if (!st && deferred)
    st = lab_store_restore_index(s, err);
  if (!st && o &&
      o->origin_kind) /* the normalizers write "import": say where the files came from */
    st = lab_store_release_set_origin_kind(s, last_before, o->origin_kind, err);
  if (!st)
    st = lab_store_commit(s, err);
  if (st)
    lab_store_rollback(s);
out:
  free(kinds);
  return st;
}
