/*
 * norm_util.c - helpers shared by the normalizers: header mapping, widths, numbers, releases.
 */
#include "common/lab_num.h"
#include "datasets/normalize.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void norm_key(const char *in, char *out, size_t size)
{
  size_t n = 0;
  const char *p = in;
  size_t len;

  while (*p == ' ' || *p == '\t')
    p++;
  len = strlen(p);
  while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
    len--;
  for (size_t i = 0; i < len && n + 1 < size; i++) {
    unsigned char c = (unsigned char)p[i];
    out[n++] = (c == ' ' || c == '-') ? '_' : (char)tolower(c);
  }
  out[n] = '\0';
}

lab_status norm_map(const struct lab_row *header, const char *file, const char *const *names,
                    size_t n, const char *const *aliases, int *idx, struct lab_error *err)
{
  char key[128];

  for (size_t i = 0; i < n; i++)
    idx[i] = -1;
  for (size_t c = 0; c < header->n; c++) {
    const char *name;
    norm_key(header->field[c], key, sizeof(key));
    name = key;
    for (size_t a = 0; aliases && aliases[a]; a++) {
      const char *eq = strchr(aliases[a], '=');
      if (eq && strlen(key) == (size_t)(eq - aliases[a]) &&
          strncmp(key, aliases[a], (size_t)(eq - aliases[a])) == 0)
        name = eq + 1;
    }
    for (size_t i = 0; i < n; i++) {
      if (strcmp(name, names[i]) != 0)
        continue;
      if (idx[i] >= 0)
        return lab_error_set_at(err, LAB_ERR_PARSE, file, header->line, header->column[c],
                                "column '%s' appears twice in the header (also column %zu)",
                                header->field[c], (size_t)idx[i] + 1);
      idx[i] = (int)c;
    }
  }
  return LAB_OK;
}

lab_status norm_width(const struct lab_row *row, size_t ncols, const char *file,
                      struct lab_error *err)
{
  if (row->n < ncols) {
    size_t col = row->n ? row->column[row->n - 1] + row->len[row->n - 1] : 1;
    return lab_error_set_at(err, LAB_ERR_PARSE, file, row->line, col,
                            "short row: expected %zu fields as in the header, found %zu", ncols,
                            row->n);
  }
  for (size_t i = ncols; i < row->n; i++)
    if (row->len[i] > 0)
      return lab_error_set_at(err, LAB_ERR_PARSE, file, row->line, row->column[i],
                              "extra field: expected %zu fields as in the header, found %zu", ncols,
                              row->n);
  return LAB_OK;
}

const char *norm_text(const struct lab_row *row, int idx)
{
  if (idx < 0 || (size_t)idx >= row->n)
    return "";
  return row->field[idx];
}

static int is_blank_symbol(const char *s)
{
  while (*s == ' ')
    s++;
  return s[0] == '\0' || strcmp(s, "-") == 0 || strcmp(s, "\xE2\x80\x94") == 0 ||
         strcmp(s, "\xE2\x80\x93") == 0;
}

lab_status norm_number(const struct lab_row *row, int idx, const char *file, const char *col,
                       double *out, struct lab_error *err)
{
  const char *t = norm_text(row, idx);

  *out = NAN;
  if (idx < 0 || is_blank_symbol(t))
    return LAB_OK;
  if (lab_num_parse(t, strlen(t), true, out) != LAB_OK)
    return lab_error_set_at(err, LAB_ERR_PARSE, file, row->line, row->column[idx],
                            "expected a number in column '%s', got '%.40s'", col, t);
  return LAB_OK;
}

lab_status norm_int(const struct lab_row *row, int idx, const char *file, const char *col, int *out,
                    struct lab_error *err)
{
  const char *t = norm_text(row, idx);
  long v = 0;

  if (idx < 0 || lab_num_parse_long(t, strlen(t), &v) != LAB_OK || v > 100000)
    return lab_error_set_at(err, LAB_ERR_PARSE, file, row->line, idx < 0 ? 1 : row->column[idx],
                            "expected a whole number in column '%s', got '%.40s'", col, t);
  *out = (int)v;
  return LAB_OK;
}

lab_status norm_release(const struct norm_env *env, const struct lab_table_meta *meta,
                        struct lab_release *r, int64_t *id, struct lab_error *err)
{
  char origin[300];
  lab_status st;

  if (meta->nkeys > 0) {
    const char *base = lab_table_meta_get(meta, "base");
    const char *vintage = lab_table_meta_get(meta, "vintage");
    r->source = lab_table_meta_get(meta, "source");
    r->scope = lab_table_meta_get(meta, "scope");
    r->vintage = vintage;
    r->soc_edition = lab_table_meta_get(meta, "soc");
    r->title = lab_table_meta_get(meta, "title");
    r->year = 0;
    if (base || vintage) {
      const char *y = base ? base : vintage;
      long v = 0;
      if (lab_num_parse_long(y, strlen(y) < 4 ? strlen(y) : 4, &v) == LAB_OK)
        r->year = (int)v;
    }
    if (!r->source || !r->scope || !r->vintage)
      return lab_error_set(err, LAB_ERR_PARSE, "%s: a @release line lacks source, scope or vintage",
                           meta->file);
    r->origin_kind = env->origin_kind;
    if (strcmp(env->origin_kind, "snapshot") == 0) {
      snprintf(origin, sizeof(origin), "laborstat %s snapshot (%s)", LAB_VERSION, env->origin);
      r->origin = origin;
      r->sha256 = NULL;
    } else { /* a user's file whose reader supplied the release keys (ep_table.c) */
      r->origin = env->origin;
      r->sha256 = env->sha256;
    }
  }
  st = lab_store_release_add(env->store, r, id, err);
  for (size_t i = 0; i < meta->norigins && !st; i++) {
    const char *rows = meta->origin[3 * i + 2];
    long nrows = 0;
    char path[300];
    lab_num_parse_long(rows, strlen(rows), &nrows);
    snprintf(path, sizeof(path), "shared/reference/%s", meta->origin[3 * i]);
    st = lab_store_release_origin_add(env->store, *id, path, meta->origin[3 * i + 1], nrows, err);
  }
  if (!st) {
    env->sum->release_id = *id;
    snprintf(env->sum->source, sizeof(env->sum->source), "%s", r->source);
    snprintf(env->sum->scope, sizeof(env->sum->scope), "%s", r->scope);
    snprintf(env->sum->vintage, sizeof(env->sum->vintage), "%s", r->vintage);
  }
  return st;
}

struct norm_env norm_env_import(struct lab_store *s, const char *name, const char *sha256,
                                struct lab_import_summary *sum)
{
  static const struct lab_import_opts none = {0};
  struct norm_env env = {.store = s,
                         .opts = &none,
                         .origin_kind = "import",
                         .origin = name,
                         .sha256 = sha256,
                         .sum = sum};

  return env;
}
