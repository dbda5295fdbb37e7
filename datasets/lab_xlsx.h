/*
 * lab_xlsx.h - streaming reader for Office Open XML workbooks (.xlsx), feeding a lab_sink.
 *
 * The workbook is opened with libzip; xl/workbook.xml and its relationships map sheet names to
 * parts, xl/sharedStrings.xml becomes a string table, and the chosen worksheet is streamed chunk
 * by chunk (never inflated whole, never built into a tree) through a specialised row scanner for
 * the XML that spreadsheet writers produce; where it meets anything else, expat reads the part
 * again from the start and the rows already delivered are not delivered twice, so the result is
 * always expat's.
 *
 * Ownership: the reader owns everything it allocates and frees it before returning; rows passed to
 * the sink are borrowed and valid only during the call (see lab_table.h).
 */
#ifndef LAB_XLSX_H
#define LAB_XLSX_H

#include "common/lab_common.h"
#include "datasets/lab_table.h"

#include <stdbool.h>

/* Cap on the text of the shared-string table (LAB_ERR_TOOLARGE beyond). */
#define LAB_XLSX_MAX_SST (64u * 1024u * 1024u)

/*
 * Read one worksheet of the workbook at `path` as a table.
 *
 * sheet: a sheet name (exact), "#N" for the N-th sheet in workbook order (1-based), or NULL for
 * the first sheet.
 *
 * Cells become text: shared strings (rich-text runs concatenated, phonetic runs dropped), inline
 * strings, formula strings and error values as written; numbers as the stored <v> text
 * unchanged; booleans as "TRUE"/"FALSE". Each row's fields are placed by the column of the cell's
 * r="C12" reference, so skipped cells become "" fields; struct lab_row.line is the spreadsheet
 * row number and column[i] the 1-based spreadsheet column. Trailing empty cells are dropped and
 * data rows are padded with "" up to the header's width.
 *
 * Header: the first row with a cell equal to header_hint (ASCII case-insensitive, surrounding
 * white space ignored) - or, when header_hint starts with '*', a cell ending with the rest
 * ("*National Employment Matrix code" finds "2023 National Employment Matrix code"); with
 * header_hint NULL, the first non-empty row. Rows above it (titles)
 * are ignored.
 *
 * After the header these rows are skipped: empty rows, and note rows - a row whose only
 * non-empty cell is in column 1 when the header has at least 3 columns ("Footnotes:",
 * "(1) ..." under BLS tables).
 *
 * sink->begin gets the header (meta.file = path), sink->row each data row, sink->end the end.
 *
 * Errors: LAB_ERR_IO when the file cannot be read; LAB_ERR_PARSE for a file that is not a zip,
 * a workbook without xl/workbook.xml, malformed XML (err->file "path:part", expat line and
 * column), a shared-string index past the table, or no header row; LAB_ERR_NOTFOUND for an
 * unknown sheet (the message lists the sheet names); LAB_ERR_TOOLARGE past LAB_XLSX_MAX_SST of
 * shared-string text, ROWBUF_MAX_FIELD bytes in a cell or ROWBUF_MAX_FIELDS columns. Errors
 * returned by the sink are passed through unchanged.
 */
lab_status lab_xlsx_read(const char *path, const char *sheet, const char *header_hint,
                         const struct lab_sink *sink, struct lab_error *err);

/* Whether the workbook at path has a sheet named `name` (exact). Errors as lab_xlsx_read. */
lab_status lab_xlsx_has_sheet(const char *path, const char *name, bool *has, struct lab_error *err);

#endif
