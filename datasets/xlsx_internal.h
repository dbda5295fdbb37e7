/*
 * xlsx_internal.h - (internal to datasets/) pieces of the XLSX reader shared by xlsx.c,
 * xlsx_scan.c and xlsx_book.c: byte sources (a zip member or memory), streaming a source through
 * expat, the worksheet state both sheet parsers drive (the expat one and the row scanner), the
 * workbook's sheet list and the shared-string table.
 *
 * Ownership: struct xlsx_book and struct xlsx_sst own their memory; release them with
 * xlsx_book_release / xlsx_sst_release. Strings returned by lookups are borrowed from them. A
 * struct xlsx_src borrows its zip archive or bytes and owns only the open member.
 */
#ifndef LAB_XLSX_INTERNAL_H
#define LAB_XLSX_INTERNAL_H

#include "common/lab_common.h"
#include "datasets/lab_table.h"
#include "datasets/lab_zip.h"
#include "datasets/rowbuf.h"

#include <expat.h>
#include <stddef.h>

/* The local part of an XML name ("x:row" -> "row"). */
const char *xlsx_local(const XML_Char *name);

/* Value of attribute `local` (namespace prefix ignored) in expat's attribute list, or NULL. */
const char *xlsx_attr(const XML_Char **atts, const char *local);

/*
 * A byte source: zip member `part` of za, or (za NULL) mem[0..mem_len) handed out at most
 * `chunk` bytes per read (0 = all at once; tests use small chunks to split tokens).
 */
struct xlsx_src {
  struct lab_zip *za;
  const char *part;
  const char *mem;
  size_t mem_len;
  size_t chunk;
  struct lab_zip_member *zf; /* owned: the open member */
  size_t mem_off;
};

/* (Re)start reading from the first byte. LAB_ERR_NOTFOUND (err untouched) for a missing member. */
lab_status xlsx_src_rewind(struct xlsx_src *src);
/* Read up to cap bytes; 0 at the end, -1 on a read error. */
long long xlsx_src_read(struct xlsx_src *src, char *buf, size_t cap);
void xlsx_src_close(struct xlsx_src *src);
/* "path: part P why" for a failed xlsx_src_read, with the zip reader's status (LAB_ERR_PARSE
 * for damaged data, LAB_ERR_TOOLARGE past the declared size, else LAB_ERR_IO). */
lab_status xlsx_src_error(struct xlsx_src *src, const char *path, struct lab_error *err);

/*
 * Stream zip member `part` of za (opened from `path`) through parser p in chunks. When the
 * handlers stopped the parser, *stopped is set and LAB_OK returned (the handler keeps its own
 * status). LAB_ERR_NOTFOUND (without touching err) when the member is absent; LAB_ERR_PARSE with
 * err->file "path:part" and expat's position for malformed XML; LAB_ERR_IO for read errors.
 */
lab_status xlsx_stream_part(struct lab_zip *za, const char *path, const char *part, XML_Parser p,
                            int *stopped, struct lab_error *err);
/* The same from any source (rewound first); part names the source in messages. */
lab_status xlsx_stream_src(struct xlsx_src *src, const char *path, const char *part, XML_Parser p,
                           int *stopped, struct lab_error *err);

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

/* The worksheet elements the reader acts on, by local name; XT_OTHER for any other. */
enum xlsx_tag { XT_OTHER, XT_SHEETDATA, XT_ROW, XT_C, XT_V, XT_IS, XT_RPH, XT_T };

enum xlsx_tag xlsx_tag_of(const char *local, size_t len);

/* How to parse a worksheet: the row scanner falling back to expat, expat only, the scanner only
 * (tests: stops with XLSX_FELL_BACK where the scanner would hand over to expat). */
enum xlsx_mode { XLSX_AUTO, XLSX_EXPAT, XLSX_SCAN_ONLY };

/* Status of the scanner-only mode where the scanner gave up (never returned by the reader). */
#define XLSX_FELL_BACK ((lab_status)1000)

/* One worksheet being read: what both parsers feed (the cell, the row) and the header search. */
struct xlsx_sheet {
  XML_Parser p; /* the expat parser while expat runs, else NULL */
  const char *path;
  const char *part;
  const char *sheet;
  const char *hint;
  const struct xlsx_sst *sst;
  const struct lab_sink *sink;
  struct lab_error *err;
  struct rowbuf rb;
  struct lab_table_meta meta;
  char *cell; /* text of the current cell's <v> or <is><t> */
  size_t cell_len;
  size_t cell_cap;
  size_t calls;  /* sink calls made (begin + rows) */
  size_t skip;   /* sink calls the expat pass must not repeat after a fallback */
  int fell_back; /* the scanner handed over to expat */
  /* parse state, zeroed by xlsx_sheet_reset */
  lab_status st;   /* why parsing stopped */
  int sink_failed; /* st came from the sink */
  int type;        /* enum cell_type of xlsx.c */
  size_t col;      /* 1-based column of the current cell */
  size_t row_num;  /* spreadsheet row number of the current row */
  int in_data;
  int in_row;
  int in_cell;
  int in_is;
  int collect;
  int rph;
  int header_seen;
  size_t header_n;
};

/* Forget the parse state (not the sink calls made) before parsing again from the start. */
void xlsx_sheet_reset(struct xlsx_sheet *s);
/* A start tag: r/t are the values (lengths rlen/tlen) of its r and t attributes, NULL if absent. */
void xlsx_sheet_start(struct xlsx_sheet *s, enum xlsx_tag tag, const char *r, size_t rlen,
                      const char *t, size_t tlen);
void xlsx_sheet_end(struct xlsx_sheet *s, enum xlsx_tag tag);
/* Character data (already decoded). */
void xlsx_sheet_text(struct xlsx_sheet *s, const char *text, size_t n);

/*
 * The row scanner (xlsx_scan.c): parse the worksheet XML of src (rewound first) into s for the
 * forms Excel, openpyxl and BLS write. Returns LAB_OK at the end of the document, s->st when a
 * handler stopped, LAB_ERR_IO/NOMEM for the source, or XLSX_FELL_BACK when it met anything it
 * does not handle or anything malformed: then every sink call made so far is one expat makes
 * too, in the same order, and expat must read the part again (skipping those calls).
 */
lab_status xlsx_scan(struct xlsx_sheet *s, struct xlsx_src *src, struct lab_error *err);

/*
 * Parse the worksheet of src into s with `mode`, then check for the header and end the table as
 * lab_xlsx_read does. LAB_ERR_NOTFOUND (err untouched) when the part is missing.
 */
lab_status xlsx_sheet_read(struct xlsx_sheet *s, struct xlsx_src *src, enum xlsx_mode mode);

/*
 * For tests and the differential fuzzer: read worksheet XML xml[0..len) (handed out `chunk`
 * bytes at a time, 0 = whole) with shared strings sst (may be NULL) as lab_xlsx_read reads a
 * sheet named "Data" of file "book.xlsx", part "sheet.xml". *fell_back (may be NULL) tells
 * whether XLSX_AUTO handed over to expat.
 */
lab_status xlsx_sheet_read_mem(const char *xml, size_t len, size_t chunk,
                               const struct xlsx_sst *sst, const char *hint, enum xlsx_mode mode,
                               const struct lab_sink *sink, struct lab_error *err, int *fell_back);

/* The sheets of a workbook in order, with the zip member of each. */
struct xlsx_book {
  size_t n;
  char **name;    /* sheet names */
  char **part;    /* "xl/worksheets/sheet1.xml" */
  char *sst_part; /* shared strings member, NULL when the workbook names none */
};

void xlsx_book_release(struct xlsx_book *b);

/* Read xl/workbook.xml and xl/_rels/workbook.xml.rels. LAB_ERR_PARSE when missing. */
lab_status xlsx_book_read(struct lab_zip *za, const char *path, struct xlsx_book *b,
                          struct lab_error *err);

void xlsx_sst_release(struct xlsx_sst *t);

/* Read the shared strings from member `part` (absent member: an empty table, LAB_OK). */
lab_status xlsx_sst_read(struct lab_zip *za, const char *path, const char *part, struct xlsx_sst *t,
                         struct lab_error *err);

#endif
