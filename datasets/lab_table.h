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

/*
 * The same reader, chunk by chunk: feed the input in pieces of any size (1 byte or the whole
 * file) and the sink receives exactly the rows, and the caller exactly the error and position,
 * that lab_tsv_read() gives for all the pieces put together. Lines split across pieces, CRLF
 * split between the CR and the LF, a BOM in pieces and a last line without a newline are all
 * read alike. Memory: the stream keeps a copy of one piece plus the unfinished line before it
 * (lines are not capped as such: a line of padding may be as long as the input).
 *
 * As lab_tsv_read() checks the whole text before its first row, an encoding error (NUL byte,
 * not UTF-8, UTF-16) anywhere in the input takes precedence over a row's error (a field too
 * long, the sink's): after a row's error the stream keeps checking the text of what it is fed,
 * lab_tsv_stream_feed() still returns LAB_OK, and lab_tsv_stream_end() returns the error. Rows
 * before an encoding error may already have reached the sink (lab_tsv_read never passes them).
 *
 * Ownership: *out is owned by the caller (lab_tsv_stream_free()); name and sink are borrowed and
 * must outlive the stream; data is borrowed for the call only.
 */
struct lab_tsv_stream;

/* Start a stream; LAB_ERR_NOMEM. */
lab_status lab_tsv_stream_new(const char *name, const struct lab_sink *sink,
                              struct lab_tsv_stream **out, struct lab_error *err);

/* Read the next data[0..len). Returns an encoding error (final: stop feeding) or
 * LAB_ERR_NOMEM; a row's error waits for lab_tsv_stream_end(). */
lab_status lab_tsv_stream_feed(struct lab_tsv_stream *t, const char *data, size_t len,
                               struct lab_error *err);

/* The input ended: read its last line, then report the first error or call sink->end(). Call
 * once. */
lab_status lab_tsv_stream_end(struct lab_tsv_stream *t, struct lab_error *err);

/* Free a stream (NULL allowed). */
void lab_tsv_stream_free(struct lab_tsv_stream *t);

/* Read the snapshot format (docs/snapshot-format.md): one table per @release section. */
lab_status lab_lsnap_read(const char *data, size_t len, const char *name,
                          const struct lab_sink *sink, struct lab_error *err);

#endif
