/*
 * normalize.h - (internal to datasets/) the normalizers and their shared helpers.
 *
 * A normalizer is a struct lab_sink that validates rows and writes them to the store. Each keeps
 * its state in a struct the caller owns (init/release).
 */
#ifndef LAB_NORMALIZE_H
#define LAB_NORMALIZE_H

#include "datasets/lab_import.h"
#include "datasets/lab_table.h"

#include <stdint.h>

/* Who is importing: shared by the normalizers of one import. */
struct norm_env {
  struct lab_store *store;
  const struct lab_import_opts *opts; /* user options, never NULL */
  const char *origin_kind;            /* "snapshot" or "import" */
  const char *origin;                 /* file path or snapshot file name */
  const char *sha256;                 /* of the origin file, may be NULL */
  struct lab_import_summary *sum;     /* totals of the last table, never NULL */
};

/* ------------------------------------------------------------------ column mapping helpers */

/* Lower-case, trim, and turn spaces and '-' into '_' ("LOC QUOTIENT" -> "loc_quotient"). */
void norm_key(const char *in, char *out, size_t size);

/*
 * Find each of names[0..n) in header (by norm_key, also trying aliases given as "alias=name"
 * pairs in `aliases`, NULL-terminated). idx[i] = column or -1. Duplicate names are an error.
 */
lab_status norm_map(const struct lab_row *header, const char *file, const char *const *names,
                    size_t n, const char *const *aliases, int *idx, struct lab_error *err);

/* Check that row has ncols fields (extra empty trailing fields are allowed). */
lab_status norm_width(const struct lab_row *row, size_t ncols, const char *file,
                      struct lab_error *err);

/* Field text of column idx ("" when idx < 0). */
const char *norm_text(const struct lab_row *row, int idx);

/* A number in column idx: NAN when blank, '-' or the em dash; error otherwise. */
lab_status norm_number(const struct lab_row *row, int idx, const char *file, const char *col,
                       double *out, struct lab_error *err);

/* A whole number in column idx (required). */
lab_status norm_int(const struct lab_row *row, int idx, const char *file, const char *col, int *out,
                    struct lab_error *err);

/* Create the release of a table: from the snapshot's @release keys when meta has them, else
 * from `r` (filled by the caller for user imports). Adds @origin rows. */
lab_status norm_release(const struct norm_env *env, const struct lab_table_meta *meta,
                        struct lab_release *r, int64_t *id, struct lab_error *err);

/* ---------------------------------------------------------------------------- normalizers */

struct norm_oews;
lab_status norm_oews_new(const struct norm_env *env, struct norm_oews **out, struct lab_error *err);
void norm_oews_free(struct norm_oews *z);
const struct lab_sink *norm_oews_sink(struct norm_oews *z);

/*
 * A workbook at path: BLS Employment Projections when it has a sheet "Table 1.2", else an OEWS
 * table (the header is the row holding OCC_CODE). `name` is recorded as the origin and drives the
 * year/scope guess; sha256 NULL = hash the file. In the caller's transaction (import.c).
 */
lab_status lab_import_xlsx_file(struct lab_store *s, const char *path, const char *name,
                                const char *sha256, const struct lab_import_opts *o,
                                struct lab_import_summary *sum, struct lab_error *err);

/*
 * BLS Employment Projections Table 1.2 in its published workbook (sheet `sheet`, normally
 * "Table 1.2"): headers matched by what they say, years from them (ep_table.c).
 */
lab_status lab_import_ep_xlsx(struct lab_store *s, const char *path, const char *name,
                              const char *sha256, const char *sheet, struct lab_import_summary *sum,
                              struct lab_error *err);

/*
 * A BLS zip archive (oesm24nat.zip ...): its one OEWS table (.xlsx or .csv) imported, recorded as
 * "ARCHIVE:MEMBER". Members with unsafe names (absolute, "..") are refused; the member is
 * inflated to a private temporary file with a size cap (import_zip.c).
 */
lab_status lab_import_zip(struct lab_store *s, const char *path, const struct lab_import_opts *o,
                          struct lab_import_summary *sum, struct lab_error *err);

/*
 * The OEWS time-series flat file at path (oe.data.0.Current), with oe.area, oe.occupation and
 * (optional) oe.industry from the same folder, through norm_oews (flatfile.c). Inside the
 * caller's transaction.
 */
lab_status lab_import_oe_flatfile(struct lab_store *s, const char *path,
                                  const struct lab_import_opts *o, struct lab_import_summary *sum,
                                  struct lab_error *err);

/* Projections (source ep or pc), cpi, rpp, topcode, geo, crosswalk: one table-driven
 * normalizer chosen by the snapshot's source key. */
struct norm_simple;
lab_status norm_simple_new(const struct norm_env *env, const char *source, struct norm_simple **out,
                           struct lab_error *err);
void norm_simple_free(struct norm_simple *z);
const struct lab_sink *norm_simple_sink(struct norm_simple *z);

#endif
