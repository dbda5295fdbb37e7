/*
 * lab_table.h - the seam between readers and normalizers.
 *
 * A reader (CSV, BLS flat files, the snapshot format; later XLSX) turns bytes into tables of text
 * fields and hands them, one row at a time, to a sink. A sink is a normalizer: it maps header
 * names to its own columns, validates every field and writes records to the store. Readers know
 * nothing of BLS; normalizers know nothing of file syntax.
 *
 * Ownership: everything a reader passes to a sink is borrowed and valid only during the call.
 */
#ifndef LAB_TABLE_H
#define LAB_TABLE_H

#include "common/lab_common.h"

#include <stddef.h>

#define LAB_TABLE_MAX_KEYS 16

/* Metadata of one table: where it came from and, for snapshot tables, release keys. */
struct lab_table_meta {
  const char *file;                      /* name used in error messages (a path or "snapshot:x") */
  size_t nkeys;                          /* key=value pairs from the snapshot's @release line */
  const char *key[LAB_TABLE_MAX_KEYS];   /* borrowed */
  const char *value[LAB_TABLE_MAX_KEYS]; /* borrowed */
  size_t norigins;                       /* @origin lines: path, sha256, rows */
  const char *const *origin;             /* 3 * norigins strings, borrowed */
};

/* One data row. */
struct lab_row {
  size_t n;                 /* number of fields */
  const char *const *field; /* field[i] is NUL-terminated (quotes removed, "" for empty) */
  const size_t *len;        /* len[i] = strlen(field[i]) (fields may hold no NUL) */
  const size_t *column;     /* 1-based column where field i starts in its line */
  size_t line;              /* 1-based line number of the row in the file */
};

struct lab_sink {
  void *ctx;
  /* A table starts: its metadata and header. */
  lab_status (*begin)(void *ctx, const struct lab_table_meta *meta, const struct lab_row *header,
                      struct lab_error *err);
  /* One data row of the current table. */
  lab_status (*row)(void *ctx, const struct lab_row *row, struct lab_error *err);
  /* The current table ended without error. */
  lab_status (*end)(void *ctx, struct lab_error *err);
};

/* Find `key` in meta's key/value pairs; NULL when absent (borrowed). */
const char *lab_table_meta_get(const struct lab_table_meta *meta, const char *key);

/*
 * Read CSV (RFC 4180: quoted fields, "" escapes, CRLF or LF, a UTF-8 BOM skipped) from
 * data[0..len) as one table whose first row is the header; `name` appears in error messages.
 * Blank lines are skipped. Rows are passed to sink as they are read. LAB_ERR_PARSE with a
 * position for an unterminated quote or a field longer than 64 KiB.
 */
lab_status lab_csv_read(const char *data, size_t len, const char *name, const struct lab_sink *sink,
                        struct lab_error *err);

/*
 * Read a BLS time-series flat file (tab-separated, unquoted; docs/data-notes.md) from
 * data[0..len) as one table whose first line is the header. Fields are trimmed of space padding;
 * CRLF and LF both end a line; a UTF-8 BOM and blank lines are skipped; empty fields past the
 * header's width (trailing tabs) are dropped. LAB_ERR_PARSE with a position for a NUL byte,
 * LAB_ERR_TOOLARGE for a field longer than 64 KiB.
 */
lab_status lab_tsv_read(const char *data, size_t len, const char *name, const struct lab_sink *sink,
                        struct lab_error *err);

/* Read the snapshot format (docs/snapshot-format.md): one table per @release section. */
lab_status lab_lsnap_read(const char *data, size_t len, const char *name,
                          const struct lab_sink *sink, struct lab_error *err);

#endif
