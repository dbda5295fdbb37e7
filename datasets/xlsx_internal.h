/*
 * xlsx_internal.h - (internal to datasets/) pieces of the XLSX reader shared by xlsx.c and
 * xlsx_book.c: streaming a zip member through expat, the workbook's sheet list and the
 * shared-string table.
 *
 * Ownership: struct xlsx_book and struct xlsx_sst own their memory; release them with
 * xlsx_book_release / xlsx_sst_release. Strings returned by lookups are borrowed from them.
 */
#ifndef LAB_XLSX_INTERNAL_H
#define LAB_XLSX_INTERNAL_H

#include "common/lab_common.h"

#include <expat.h>
#include <stddef.h>
#include <zip.h>

/* The local part of an XML name ("x:row" -> "row"). */
const char *xlsx_local(const XML_Char *name);

/* Value of attribute `local` (namespace prefix ignored) in expat's attribute list, or NULL. */
const char *xlsx_attr(const XML_Char **atts, const char *local);

/*
 * Stream zip member `part` of za (opened from `path`) through parser p in chunks. When the
 * handlers stopped the parser, *stopped is set and LAB_OK returned (the handler keeps its own
 * status). LAB_ERR_NOTFOUND (without touching err) when the member is absent; LAB_ERR_PARSE with
 * err->file "path:part" and expat's position for malformed XML; LAB_ERR_IO for read errors.
 */
lab_status xlsx_stream_part(zip_t *za, const char *path, const char *part, XML_Parser p,
                            int *stopped, struct lab_error *err);

/* The sheets of a workbook in order, with the zip member of each. */
struct xlsx_book {
  size_t n;
  char **name;    /* sheet names */
  char **part;    /* "xl/worksheets/sheet1.xml" */
  char *sst_part; /* shared strings member, NULL when the workbook names none */
};

void xlsx_book_release(struct xlsx_book *b);

/* Read xl/workbook.xml and xl/_rels/workbook.xml.rels. LAB_ERR_PARSE when missing. */
lab_status xlsx_book_read(zip_t *za, const char *path, struct xlsx_book *b, struct lab_error *err);

/* The shared-string table: strings stored one after the other, each NUL-terminated. */
struct xlsx_sst {
  char *text;
  size_t text_len;
  size_t text_cap;
  size_t *off; /* offset of string i in text */
  size_t *len;
  size_t n;
  size_t cap;
};

void xlsx_sst_release(struct xlsx_sst *t);

/* Read the shared strings from member `part` (absent member: an empty table, LAB_OK). */
lab_status xlsx_sst_read(zip_t *za, const char *path, const char *part, struct xlsx_sst *t,
                         struct lab_error *err);

#endif
