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

/* The env of a user's import of one file without options (name and sha256 borrowed; sha256 may
 * be NULL). */
struct norm_env norm_env_import(struct lab_store *s, const char *name, const char *sha256,
                                struct lab_import_summary *sum);

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
 * A BLS zip archive (oesm24nat.zip ...): its one OEWS table (.xlsx or .csv) imported, or the
 * state table SARPP_STATE_*.csv of BEA's SARPP.zip; recorded as "ARCHIVE:MEMBER". Members with
 * unsafe names (absolute, "..") are refused; the member is inflated to a private temporary file
 * with a size cap (import_zip.c).
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
/* The release the sink's begin() created (0 before). */
int64_t norm_simple_release_id(const struct norm_simple *z);
/* Count `rows` more rows (copied by the caller into the release) in the total end() records. */
void norm_simple_add_rows(struct norm_simple *z, long rows);

/* ------------------------------------------------------------- downloaded files (fetch) */

/*
 * Parse JSON text data[0..len) (need not be NUL-terminated) with cJSON after checking its size
 * (LAB_BLSAPI_MAX_ANSWER) and nesting (LAB_BLSAPI_MAX_DEPTH): LAB_ERR_PARSE with file = name and
 * the line and column where parsing stopped. *out is a cJSON tree owned by the caller
 * (cJSON_Delete). (pc_json.c)
 */
struct cJSON;
lab_status norm_json_parse(const char *data, size_t len, const char *name, struct cJSON **out,
                           struct lab_error *err);

/* Offset of the first '[' or '{' nested deeper than max in JSON text, or len when none. */
size_t norm_json_too_deep(const char *s, size_t len, size_t max);

/* A position in JSON text (norm_json_advance moves it to byte `off`, 1-based line and column in
 * characters). text is borrowed. */
struct norm_json_cursor {
  const char *text;
  size_t len, off, line, col;
};
void norm_json_advance(struct norm_json_cursor *c, size_t off);

/*
 * In JSON text cJSON accepted: the offset of the value of the top-level key `top` (0 when
 * absent). When that value is an array: elem[r] = offset of its element r and
 * val[r * nkeys + k] = offset of the value of keys[k] in that element (left as it is when
 * absent: zero val first), for r < n. elem and val may be NULL. (json_pos.c)
 */
size_t norm_json_scan(const char *text, size_t len, const char *top, const char *const *keys,
                      size_t nkeys, size_t *elem, size_t *val, size_t n);

/* True when data is Projections Central's empty answer ("No results found."). */
bool norm_pc_no_results(const char *data, size_t len);
/* LAB_ERR_NOTFOUND saying that `name` holds "No results found." (pc_pager.c). */
lab_status norm_pc_no_results_error(const char *name, struct lab_error *err);

/*
 * Projections Central JSON pages paths[0..n) (pc_json.c): one release per vintage BASE-PROJ
 * (pc/state), each page one release_origin row; rows of an earlier release of that vintage are
 * kept for the areas the pages do not hold. sums[i] describes paths[i]. In the caller's
 * transaction.
 */
lab_status lab_import_pc_pages(struct lab_store *s, const char *const *paths, size_t n,
                               struct lab_import_summary *sums, struct lab_error *err);

/*
 * BLS API v2 answers saved as JSON, paths[0..n), merged into one release series/api/FROM-TO
 * (api_import.c); observations of the same series ids in older "series" releases are deleted
 * first. sums[i] describes paths[i]. In the caller's transaction.
 */
lab_status lab_import_api_answers(struct lab_store *s, const char *const *paths, size_t n,
                                  struct lab_import_summary *sums, struct lab_error *err);

/* True when data starts with the header of BEA's SARPP table (GeoFIPS,GeoName,...). */
bool norm_rpp_sniff(const char *data, size_t len);

/* BEA SARPP state table (CSV) in data: LineCode 5 rows into release rpp/state/LASTYEAR
 * (bea_rpp.c). In the caller's transaction. */
lab_status lab_import_rpp_csv(struct lab_store *s, const char *data, size_t len, const char *name,
                              const char *sha256, struct lab_import_summary *sum,
                              struct lab_error *err);

/* True when data's first line is a BLS time-series header (series_id, year, period, value). */
bool norm_cu_sniff(const char *data, size_t len);

/* BLS CPI flat file cu.data.* in data: every series into release cpi/national/YEAR
 * (cu_flat.c). In the caller's transaction. */
lab_status lab_import_cu_data(struct lab_store *s, const char *data, size_t len, const char *name,
                              const char *sha256, struct lab_import_summary *sum,
                              struct lab_error *err);

/*
 * A table file's bytes, dispatched by name and content: a cu.data flat file, BEA's SARPP table,
 * else an OEWS CSV table (import.c). In the caller's transaction. sha256 NULL: the data's own
 * hash is recorded (an OEWS table's computed on a thread of its own while its rows are read).
 */
lab_status lab_import_table_data(struct lab_store *s, const char *data, size_t len,
                                 const char *name, const char *sha256,
                                 const struct lab_import_opts *o, struct lab_import_summary *sum,
                                 struct lab_error *err);

#endif
