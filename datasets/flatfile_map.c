/*
 * flatfile_map.c - the mapping files beside a BLS flat file, read into sorted code -> name tables
 * (flatfile_map.h).
 */
#include "common/lab_file.h"
#include "datasets/flatfile_map.h"
#include "datasets/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FF_MAX_MAP_BYTES ((size_t)64 << 20)

static lab_status map_begin(void *ctx, const struct lab_table_meta *meta,
                            const struct lab_row *header, struct lab_error *err)
{
  struct ff_map *m = ctx;
  const char *names[3] = {m->key_col, m->name_col, "display_level"};
  int idx[3];
  lab_status st;

  (void)meta;
  st = norm_map(header, m->file, names, 3, NULL, idx, err);
  if (st)
    return st;
  if (idx[0] < 0 || idx[1] < 0)
    return lab_error_set_at(err, LAB_ERR_PARSE, m->file, header->line, 1,
                            "expected columns '%s' and '%s' (a BLS oe mapping file)", m->key_col,
                            m->name_col);
  m->idx_key = idx[0];
  m->idx_name = idx[1];
  m->idx_level = idx[2];
  return LAB_OK;
}

static lab_status map_row(void *ctx, const struct lab_row *row, struct lab_error *err)
{
  struct ff_map *m = ctx;
  struct ff_entry *e;

  if (m->n == m->cap) {
    size_t cap = m->cap ? 2 * m->cap : 256;
    struct ff_entry *ne = realloc(m->e, cap * sizeof(*ne));
    if (!ne)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    m->e = ne;
    m->cap = cap;
  }
  {
    int need = m->idx_key > m->idx_name ? m->idx_key : m->idx_name;
    if (m->idx_level > need)
      need = m->idx_level;
    if (row->n < (size_t)need + 1) { /* a short row has no name or level */
      size_t col = row->n ? row->column[row->n - 1] + row->len[row->n - 1] : 1;
      return lab_error_set_at(err, LAB_ERR_PARSE, m->file, row->line, col,
                              "short row: expected at least %d fields, found %zu", need + 1,
                              row->n);
    }
  }
  e = &m->e[m->n];
  e->code = strdup(norm_text(row, m->idx_key));
  e->name = strdup(norm_text(row, m->idx_name));
  e->level = m->idx_level >= 0 ? atoi(norm_text(row, m->idx_level)) : -1;
  if (!e->code || !e->name) {
    free(e->code);
    free(e->name);
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  }
  m->n++;
  return LAB_OK;
}

static int entry_cmp(const void *a, const void *b)
{
  return strcmp(((const struct ff_entry *)a)->code, ((const struct ff_entry *)b)->code);
}

static lab_status map_end(void *ctx, struct lab_error *err)
{
  struct ff_map *m = ctx;

  (void)err;
  if (m->n)
    qsort(m->e, m->n, sizeof(*m->e), entry_cmp);
  return LAB_OK;
}

void ff_map_release(struct ff_map *m)
{
  for (size_t i = 0; i < m->n; i++) {
    free(m->e[i].code);
    free(m->e[i].name);
  }
  free(m->e);
  memset(m, 0, sizeof(*m));
}

const struct ff_entry *ff_map_find(const struct ff_map *m, const char *code)
{
  struct ff_entry key = {.code = (char *)code};

  return m->n ? bsearch(&key, m->e, m->n, sizeof(*m->e), entry_cmp) : NULL;
}

lab_status ff_map_load(struct ff_map *m, const char *dir, const char *name, bool required,
                       struct lab_error *err)
{
  struct lab_sink sink = {m, map_begin, map_row, map_end};
  char path[1024];
  char *data = NULL;
  size_t len = 0;
  lab_status st;

  snprintf(path, sizeof(path), "%s/%s", dir, name);
  m->file = path;
  st = lab_file_read(path, FF_MAX_MAP_BYTES, &data, &len, err);
  if (st == LAB_ERR_NOTFOUND && !required) {
    st = LAB_OK;
    goto out;
  }
  if (st == LAB_ERR_NOTFOUND) {
    st = lab_error_set(err, LAB_ERR_NOTFOUND,
                       "'%s' not found: the flat-file import needs the mapping file %s beside "
                       "the data file (https://download.bls.gov/pub/time.series/oe/%s)",
                       path, name, name);
    goto out;
  }
  if (!st)
    st = lab_tsv_read(data, len, path, &sink, err);
out:
  m->file = NULL;
  free(data);
  return st;
}
