/*
 * fetch_quota.c - the daily BLS API request ledger.
 */
#include "cli/fetch_quota.h"
#include "common/lab_file.h"
#include "common/lab_paths.h"
#include "common/lab_sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

lab_status fetch_quota_open(const char *cache_dir, const char *key, struct fetch_quota *q,
                            struct lab_error *err)
{
  time_t t = time(NULL);
  struct tm tm;
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  memset(q, 0, sizeof(*q));
  q->limit = key ? QUOTA_WITH_KEY : QUOTA_NO_KEY;
  if (snprintf(q->path, sizeof(q->path), "%s/api-quota.tsv", cache_dir) >= (int)sizeof(q->path))
    return lab_error_set(err, LAB_ERR_INVALID, "cache path too long");
  gmtime_r(&t, &tm);
  strftime(q->day, sizeof(q->day), "%Y-%m-%d", &tm);
  if (key) {
    struct lab_sha256 c;
    char hex[65];
    lab_sha256_init(&c);
    lab_sha256_update(&c, key, strlen(key));
    lab_sha256_hex(&c, hex);
    snprintf(q->who, sizeof(q->who), "key-%.8s", hex);
  } else {
    snprintf(q->who, sizeof(q->who), "anonymous");
  }
  st = lab_file_read(q->path, (size_t)1 << 20, &data, &len, err);
  if (st == LAB_ERR_NOTFOUND) {
    lab_error_clear(err);
    return LAB_OK;
  }
  if (st)
    return st;
  for (char *line = data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
    char day[16], who[32];
    long n;
    nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    if (sscanf(line, "%15[^\t]\t%31[^\t]\t%ld", day, who, &n) == 3 && strcmp(day, q->day) == 0 &&
        strcmp(who, q->who) == 0)
      q->used = n;
  }
  free(data);
  return LAB_OK;
}

lab_status fetch_quota_add(struct fetch_quota *q, long n, struct lab_error *err)
{
  char tmp[4200], *data = NULL;
  size_t len = 0;
  lab_status st = LAB_OK;
  FILE *out = NULL;

  q->used += n;
  if (lab_file_read(q->path, (size_t)1 << 20, &data, &len, NULL) != LAB_OK)
    data = NULL;
  st = lab_paths_make_parent(q->path, err);
  if (st)
    goto out;
  snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", q->path, (long)getpid());
  out = fopen(tmp, "w");
  if (!out) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot write the API ledger %s", tmp);
    goto out;
  }
  /* today's lines of other keys stay; this key's line is rewritten; older days go */
  for (char *line = data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
    char day[16], who[32];
    long k;
    nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    if (sscanf(line, "%15[^\t]\t%31[^\t]\t%ld", day, who, &k) == 3 && strcmp(day, q->day) == 0 &&
        strcmp(who, q->who) != 0)
      fprintf(out, "%s\t%s\t%ld\n", day, who, k);
  }
  fprintf(out, "%s\t%s\t%ld\n", q->day, q->who, q->used);
  if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
    st = lab_error_set(err, LAB_ERR_IO, "cannot write the API ledger %s (disk full?)", tmp);
    goto out;
  }
  if (fclose(out) != 0 || rename(tmp, q->path) != 0) {
    out = NULL;
    st = lab_error_set(err, LAB_ERR_IO, "cannot update the API ledger %s", q->path);
    goto out;
  }
  out = NULL;
out:
  if (out) {
    fclose(out);
    unlink(tmp);
  }
  free(data);
  return st;
}
