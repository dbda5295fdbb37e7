/*
 * xlsx.c - the XLSX reader's entry points: opens the workbook, picks the sheet, reads the shared
 * strings and has the sheet read (xlsx_sheet.c: the row scanner of xlsx_scan.c, expat where it
 * gives up) into lab_rows for a sink (lab_xlsx.h). Workbook and shared strings: xlsx_book.c.
 */
#include "datasets/lab_xlsx.h"
#include "datasets/rowbuf.h"
#include "datasets/xlsx_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The N of "#N" (spaces around it allowed), N >= 1, into *n. */
static int sheet_number(const char *text, size_t *n)
{
  char *end;
  unsigned long long v;

  while (*text == ' ')
    text++;
  if (*text < '0' || *text > '9')
    return 0;
  v = strtoull(text, &end, 10);
  while (*end == ' ')
    end++;
  if (*end || v == 0 || v > (unsigned long long)((size_t)-1))
    return 0;
  *n = (size_t)v;
  return 1;
}

/* Pick the sheet by name, "#N" or NULL; LAB_ERR_NOTFOUND lists the names. */
static lab_status pick_sheet(const struct xlsx_book *b, const char *path, const char *sheet,
                             size_t *idx, struct lab_error *err)
{
  char names[360];
  size_t used = 0;

  if (!sheet && b->n) {
    *idx = 0;
    return LAB_OK;
  }
  if (sheet && sheet[0] == '#') {
    size_t n = 0;
    if (sheet_number(sheet + 1, &n) && n <= b->n) {
      *idx = n - 1;
      return LAB_OK;
    }
  } else if (sheet) {
    for (size_t i = 0; i < b->n; i++)
      if (strcmp(b->name[i], sheet) == 0) {
        *idx = i;
        return LAB_OK;
      }
  }
  names[0] = '\0';
  for (size_t i = 0; i < b->n && used < sizeof(names); i++) {
    int w = snprintf(names + used, sizeof(names) - used, "%s'%s'", i ? ", " : "", b->name[i]);
    if (w < 0)
      break;
    used += (size_t)w;
  }
  return lab_error_set(err, LAB_ERR_NOTFOUND, "%s: no sheet '%s' (sheets: %s)", path,
                       sheet ? sheet : "#1", b->n ? names : "none");
}

static lab_status open_zip(const char *path, struct lab_zip **za, struct lab_error *err)
{
  lab_status st = lab_zip_open(path, za, err);
  char why[sizeof(err->msg)];

  if (!st)
    return LAB_OK;
  snprintf(why, sizeof(why), "%s", err ? err->msg : "");
  if (st == LAB_ERR_IO)
    return lab_error_set(err, LAB_ERR_IO, "%s: %s", path, why);
  return lab_error_set(err, st, "%s: not an xlsx file (zip: %s)", path, why);
}

lab_status lab_xlsx_read(const char *path, const char *sheet, const char *header_hint,
                         const struct lab_sink *sink, struct lab_error *err)
{
  struct lab_zip *za = NULL;
  struct xlsx_book book;
  struct xlsx_sst sst;
  struct xlsx_sheet s;
  struct xlsx_src src;
  size_t idx = 0;
  lab_status st;

  memset(&book, 0, sizeof(book));
  memset(&sst, 0, sizeof(sst));
  memset(&s, 0, sizeof(s));
  memset(&src, 0, sizeof(src));
  rowbuf_init(&s.rb);
  st = open_zip(path, &za, err);
  if (st)
    goto out;
  st = xlsx_book_read(za, path, &book, err);
  if (st)
    goto out;
  st = pick_sheet(&book, path, sheet, &idx, err);
  if (st)
    goto out;
  st = xlsx_sst_read(za, path, book.sst_part ? book.sst_part : "xl/sharedStrings.xml", &sst, err);
  if (st)
    goto out;
  s.path = path;
  s.part = book.part[idx];
  s.sheet = book.name[idx];
  s.hint = header_hint;
  s.sst = &sst;
  s.sink = sink;
  s.err = err;
  s.meta.file = path;
  src.za = za;
  src.part = s.part;
  st = xlsx_sheet_read(&s, &src, XLSX_AUTO);
  if (st == LAB_ERR_NOTFOUND)
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: sheet '%s' names missing part %s", path, s.sheet,
                       s.part);
out:
  xlsx_src_close(&src);
  free(s.cell);
  rowbuf_release(&s.rb);
  xlsx_sst_release(&sst);
  xlsx_book_release(&book);
  lab_zip_close(za);
  return st;
}

lab_status lab_xlsx_has_sheet(const char *path, const char *name, bool *has, struct lab_error *err)
{
  struct lab_zip *za = NULL;
  struct xlsx_book book;
  lab_status st;

  *has = false;
  memset(&book, 0, sizeof(book));
  st = open_zip(path, &za, err);
  if (!st)
    st = xlsx_book_read(za, path, &book, err);
  for (size_t i = 0; !st && i < book.n; i++)
    *has = *has || strcmp(book.name[i], name) == 0;
  xlsx_book_release(&book);
  lab_zip_close(za);
  return st;
}
