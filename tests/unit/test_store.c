/*
 * test_store.c - the store, the OEWS normalizer and the embedded snapshot, checked against
 * published BLS figures; failed imports leave the store byte-for-byte as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "datasets/lab_import.h"
#include "datasets/lab_query.h"
#include "datasets/lab_store.h"
#include "datasets/store_internal.h" /* white-box: the borrowed descriptor (store_flush.c) */
#include "test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>

#define DATA LAB_TEST_DATA "/oews/"
#define BAD LAB_TEST_DATA "/bad/"

struct fixture {
  char dir[64];
  char db[128];
  struct lab_store *s;
};

/* One store with the snapshot loaded, copied for every test (loading takes about a second). */
static char template_db[128];
static char template_dir[64];

static int group_setup(void **state)
{
  struct lab_store *s = NULL;
  struct lab_error err = {0};
  bool created = false;
  bool loaded = false;

  (void)state;
  test_tmpdir(template_dir, sizeof(template_dir));
  snprintf(template_db, sizeof(template_db), "%s/template.db", template_dir);
  if (lab_store_open(template_db, &s, &created, &err) || !created ||
      lab_snapshot_ensure(s, LAB_SNAP_ALL, &loaded, &err) || !loaded) {
    fprintf(stderr, "setup: %s\n", err.msg);
    lab_store_close(s);
    return -1;
  }
  lab_store_close(s);
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  test_rmdir(template_dir);
  return 0;
}

static int setup(void **state)
{
  struct fixture *f = calloc(1, sizeof(*f));
  struct lab_error err = {0};
  char cmd[512];

  test_tmpdir(f->dir, sizeof(f->dir));
  snprintf(f->db, sizeof(f->db), "%s/store.db", f->dir);
  snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", template_db, f->db);
  if (system(cmd) != 0 || lab_store_open(f->db, &f->s, NULL, &err) != LAB_OK) {
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  struct fixture *f = *state;

  lab_store_close(f->s);
  test_rmdir(f->dir);
  free(f);
  return 0;
}

static struct lab_oews_cell cell(struct lab_store *s, const char *occ, const char *area, int year)
{
  struct lab_oews_cell c;
  struct lab_error err = {0};
  lab_status st = lab_store_oews_cell(s, occ, area, year, &c, &err);

  if (st)
    fail_msg("%s %s %d: %s", occ, area, year, err.msg);
  return c;
}

static void assert_value(const struct lab_oews_cell *c, enum lab_measure m, double v)
{
  if (c->m[m].state != LAB_V_VALUE || c->m[m].v != v)
    fail_msg("%s %s %d %s: expected %g, got %g (%s)", c->occ_code, c->area.code, c->year,
             lab_measure_name(m), v, c->m[m].v, lab_vstate_name(c->m[m].state));
}

/* ------------------------------------------------------------------------- the snapshot */

static void snapshot_should_hold_published_national_figures(void **state)
{
  struct fixture *f = *state;
  struct lab_oews_cell c;

  c = cell(f->s, "29-9021", "US", 2023); /* BLS OEWS May 2023 national */
  assert_value(&c, LAB_M_A_MEDIAN, 62990);
  assert_string_equal(c.occ_title, "Health Information Technologists and Medical Registrars");
  assert_string_equal(c.soc_edition, "2018");
  c = cell(f->s, "15-1212", "US", 2024); /* May 2024 */
  assert_value(&c, LAB_M_A_MEAN, 127730);
  assert_value(&c, LAB_M_TOT_EMP, 179430);
  c = cell(f->s, "11-3021", "US", 2022); /* May 2022: P90 is '#' */
  assert_int_equal(c.m[LAB_M_A_PCT90].state, LAB_V_TOPCODED);
  assert_true(c.m[LAB_M_A_PCT90].v == 239200);
  assert_int_equal(c.m[LAB_M_H_PCT90].state, LAB_V_TOPCODED);
  assert_true(c.m[LAB_M_H_PCT90].v == 115);
  assert_value(&c, LAB_M_A_MEDIAN, 164070);
  c = cell(f->s, "29-2071", "US", 2015); /* SOC 2010 code, May 2015 */
  assert_value(&c, LAB_M_A_MEDIAN, 37110);
  assert_string_equal(c.soc_edition, "2010");
}

static void snapshot_should_hold_state_figures_and_the_reference_tables(void **state)
{
  struct fixture *f = *state;
  struct lab_oews_cell c = cell(f->s, "15-1212", "06", 2024); /* California, May 2024 */
  double h = 0, a = 0;
  long n = 0;

  assert_value(&c, LAB_M_A_MEAN, 152640);
  assert_string_equal(c.area.name, "California");
  assert_string_equal(c.area.type, "state");
  assert_int_equal(lab_store_topcode_get(f->s, 2016, &h, &a, NULL), LAB_OK);
  assert_true(h == 100 && a == 208000);
  assert_int_equal(lab_store_count(f->s, "rpp", &n, NULL), LAB_OK);
  assert_int_equal(n, 52 * 16); /* US + 50 states + DC, 2008-2023 */
  assert_int_equal(lab_store_count(f->s, "topcode", &n, NULL), LAB_OK);
  assert_int_equal(n, 20); /* May 2005-2024 */
}

static void snapshot_should_load_once(void **state)
{
  struct fixture *f = *state;
  bool loaded = true;
  long before = 0, after = 0;

  assert_int_equal(lab_store_release_count(f->s, &before, NULL), LAB_OK);
  assert_int_equal(lab_snapshot_ensure(f->s, LAB_SNAP_ALL, &loaded, NULL), LAB_OK);
  assert_false(loaded);
  assert_int_equal(lab_store_release_count(f->s, &after, NULL), LAB_OK);
  assert_int_equal(before, after);
}

static void snapshot_parts_should_load_on_first_use(void **state)
{
  char dir[64], db[128];
  struct lab_store *s = NULL;
  struct lab_projection p;
  struct lab_oews_cell c;
  bool loaded = false;
  long core = 0, with_states = 0;

  (void)state;
  test_tmpdir(dir, sizeof(dir));
  snprintf(db, sizeof(db), "%s/lazy.db", dir);
  assert_int_equal(lab_store_open(db, &s, NULL, NULL), LAB_OK);
  assert_int_equal(lab_snapshot_ensure(s, LAB_SNAP_CORE, &loaded, NULL), LAB_OK);
  assert_true(loaded);
  assert_int_equal(lab_store_count(s, "oews", &core, NULL), LAB_OK);
  assert_int_equal(lab_store_count(s, "projection", &with_states, NULL), LAB_OK);
  assert_int_equal(with_states, 0); /* projections are not in the core */
  /* without auto-loading a state has no cells yet */
  assert_int_equal(lab_store_oews_cell(s, "15-1212", "06", 2024, &c, NULL), LAB_ERR_NOTFOUND);
  lab_store_auto_snapshot(s, true);
  c = cell(s, "15-1212", "06", 2024); /* loads the state part: May 2024 California */
  assert_value(&c, LAB_M_A_MEAN, 152640);
  assert_int_equal(lab_store_count(s, "oews", &with_states, NULL), LAB_OK);
  assert_true(with_states > core + 70000);
  assert_int_equal(lab_store_snapshot_loads(s), 1);
  assert_int_equal(lab_store_projection(s, "ep", "29-9021", "US", NULL, &p, NULL), LAB_OK);
  assert_int_equal(lab_store_snapshot_loads(s), 2);
  c = cell(s, "15-1212", "48", 2024); /* already loaded: no third load */
  assert_int_equal(lab_store_snapshot_loads(s), 2);
  lab_store_close(s);
  test_rmdir(dir);
}

/* Cells of many areas in one query: the same cells as one by one (2024 and each area's latest),
 * nothing for an area without the cell, and codes that are not letters and digits refused. */
static void cells_of_many_areas_should_match_one_by_one(void **state)
{
  struct fixture *f = *state;
  const char *areas[] = {"06", "48", "US", "99999", "06"};
  struct lab_oews_cell out[5], one;
  bool found[5];
  struct lab_error err = {0};

  lab_store_auto_snapshot(f->s, true);
  for (int year = 0; year <= 2024; year += 2024) {
    assert_int_equal(lab_store_oews_cells(f->s, "15-1212", areas, 5, year, out, found, &err),
                     LAB_OK);
    for (int i = 0; i < 5; i++) {
      lab_status st = lab_store_oews_cell(f->s, "15-1212", areas[i], year, &one, NULL);
      assert_int_equal(found[i], st == LAB_OK);
      if (found[i])
        assert_memory_equal(&out[i], &one, sizeof(one));
    }
  }
  assert_true(found[0] && found[1] && found[2] && !found[3] && found[4]);
  assert_value(&out[0], LAB_M_A_MEAN, 152640);
  areas[1] = "4'8";
  assert_int_equal(lab_store_oews_cells(f->s, "15-1212", areas, 2, 0, out, found, &err),
                   LAB_ERR_INVALID);
}

/* A read transaction: a snapshot part loads inside it (the load ends and reopens it), another
 * connection's write waits for lab_store_read_end, and an import may begin inside it. */
static void read_transaction_should_allow_lazy_loads_and_end_for_writers(void **state)
{
  struct fixture *f = *state;
  struct lab_store *other = NULL;
  struct lab_oews_cell c;
  struct lab_error err = {0};
  bool loaded = false;

  lab_store_auto_snapshot(f->s, true);
  assert_int_equal(lab_store_read_begin(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_read_begin(f->s, &err), LAB_OK); /* twice: still one */
  c = cell(f->s, "15-1212", "06", 2024);                      /* loads the state part */
  assert_value(&c, LAB_M_A_MEAN, 152640);
  c = cell(f->s, "15-1212", "US", 2024); /* a shared lock is held again */
  assert_int_equal(lab_store_open(f->db, &other, NULL, &err), LAB_OK);
  assert_int_equal(lab_snapshot_ensure(other, LAB_SNAP_CORE, &loaded, &err), LAB_OK);
  assert_int_equal(lab_store_begin(other, &err), LAB_OK);
  assert_int_equal(lab_store_meta_set(other, "read_tx_test", "1", &err), LAB_OK);
  lab_store_read_end(f->s);
  lab_store_read_end(f->s); /* twice: harmless */
  assert_int_equal(lab_store_commit(other, &err), LAB_OK);
  lab_store_close(other);
  assert_int_equal(lab_store_read_begin(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_begin(f->s, &err), LAB_OK); /* ends the read transaction */
  assert_int_equal(lab_store_meta_set(f->s, "read_tx_test", "2", &err), LAB_OK);
  assert_int_equal(lab_store_commit(f->s, &err), LAB_OK);
  lab_store_read_end(NULL);
}

/* Rows written behind (lab_store_async_begin): they land in order, a text longer than a batch
 * goes through, other store calls are refused meanwhile, and a write error (here a cell
 * written twice) comes back from a later put or from async_end and is rolled back. */
static void rows_written_behind_should_land_or_fail_whole(void **state)
{
  struct fixture *f = *state;
  struct lab_release r = {.source = "oews",
                          .scope = "national",
                          .vintage = "2031",
                          .year = 2031,
                          .soc_edition = "2018",
                          .origin_kind = "import",
                          .origin = "t"};
  struct lab_oews_record rec = {.area = "US", .naics = "000000", .own_code = "", .o_group = ""};
  struct lab_error err = {0};
  struct lab_oews_cell c;
  char before[65], after[65], occ[16];
  char *title = malloc(200000);
  int64_t id = 0;
  lab_status st = LAB_OK;
  long n = 0, n0 = 0;

  assert_non_null(title);
  memset(title, 'x', 199999);
  title[199999] = '\0';
  assert_int_equal(lab_store_count(f->s, "oews", &n0, &err), LAB_OK);
  assert_int_equal(lab_store_begin(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_release_add(f->s, &r, &id, &err), LAB_OK);
  assert_int_equal(lab_store_async_begin(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_occ_put(f->s, "15-9001", "2018", title, "detailed", &err), LAB_OK);
  for (int i = 0; i < 3000 && !st; i++) {
    snprintf(occ, sizeof(occ), "15-%04d", i);
    rec.occ_code = occ;
    rec.m[LAB_M_A_MEAN] = (struct lab_value){.v = 1000.0 + i, .state = LAB_V_VALUE};
    rec.naics_title = i == 1234 ? title : NULL;
    st = lab_store_oews_put(f->s, id, &rec, &err);
  }
  assert_int_equal(st, LAB_OK);
  assert_int_equal(lab_store_count(f->s, "oews", &n, &err), LAB_ERR_INVALID); /* refused */
  assert_int_equal(lab_store_async_end(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_release_finish(f->s, id, NULL, 3000, NULL, &err), LAB_OK);
  assert_int_equal(lab_store_commit(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_count(f->s, "oews", &n, &err), LAB_OK);
  assert_int_equal(n, n0 + 3000);
  assert_int_equal(lab_store_oews_cell(f->s, "15-2999", "US", 2031, &c, &err), LAB_OK);
  assert_value(&c, LAB_M_A_MEAN, 3999);

  /* a row SQLite refuses (no area) after 4,000 good ones: the writer's error comes back and
   * the whole transaction rolls back */
  test_file_sha256(f->db, before);
  r.vintage = "2032";
  r.year = 2032;
  assert_int_equal(lab_store_begin(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_release_add(f->s, &r, &id, &err), LAB_OK);
  assert_int_equal(lab_store_async_begin(f->s, &err), LAB_OK);
  rec.naics_title = NULL;
  st = LAB_OK;
  for (int i = 0; i < 5000 && !st; i++) {
    snprintf(occ, sizeof(occ), "15-%04d", i);
    rec.occ_code = occ;
    rec.area = i == 4000 ? NULL : "US";
    st = lab_store_oews_put(f->s, id, &rec, &err);
  }
  if (!st)
    st = lab_store_async_end(f->s, &err);
  assert_int_equal(st, LAB_ERR_DB);
  assert_non_null(strstr(err.msg, "NOT NULL"));
  lab_store_rollback(f->s); /* ends the writer too */
  test_file_sha256(f->db, after);
  assert_string_equal(before, after);
  assert_int_equal(lab_store_async_end(f->s, &err), LAB_OK); /* none running: nothing to do */
  free(title);
}

/* -------------------------------------------------------------------------------- imports */
static lab_status import1(struct lab_store *s, const char *path, struct lab_import_summary *sum,
                          struct lab_error *err)
{
  struct lab_import_opts o = {0};
  return lab_import_files(s, &path, 1, &o, sum, err);
}

/* Write an all-data-style CSV of `rows` cells (areas x occupations) to path; with bad_last, the
 * last row's A_MEAN is not a number. */
static void write_big_csv(const char *path, int rows, bool bad_last)
{
  FILE *f = fopen(path, "w");
  char filler[241];

  memset(filler, 'x', sizeof(filler) - 1); /* rows of ~300 bytes, like BLS's */
  filler[sizeof(filler) - 1] = '\0';
  assert_non_null(f);
  fprintf(f, "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,"
             "OCC_TITLE,O_GROUP,TOT_EMP,A_MEAN\n");
  for (int i = 0; i < rows; i++)
    fprintf(f,
            "%05d,Area %d,4,CA,000000,Cross-industry,cross-industry,1235,15-%04d,\"Job %d, %s\","
            "detailed,%d,%s\n",
            10000 + i / 1000, i / 1000, i % 1000, i % 1000, filler, 100 + i,
            bad_last && i == rows - 1 ? "12x" : "65000");
  assert_int_equal(fclose(f), 0);
}

/* 1 when the store file at db has the index `name` (read through a connection of its own). */
static int test_index_exists(const char *db, const char *name)
{
  sqlite3 *h = NULL;
  sqlite3_stmt *q = NULL;
  int n = -1;

  if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(h, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?1",
                         -1, &q, NULL) == SQLITE_OK &&
      sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    n = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(h);
  return n;
}

/* An import larger than half the store builds the history index after its rows (dropped inside
 * the transaction); when it fails, the drop is rolled back with everything else. */
static void large_import_should_rebuild_or_keep_the_history_index(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  struct lab_error err = {0};
  char csv[160], before[65], after[65];
  long n0 = 0, n = 0;
  bool deferred = true;

  snprintf(csv, sizeof(csv), "%s/all_data_M_2031.csv", f->dir);
  assert_int_equal(lab_store_count(f->s, "oews", &n0, &err), LAB_OK);
  /* a small import never defers */
  assert_int_equal(lab_store_begin(f->s, &err), LAB_OK);
  assert_int_equal(lab_store_defer_index(f->s, LAB_STORE_DEFER_MIN_ROWS - 1, &deferred, &err),
                   LAB_OK);
  assert_false(deferred);
  lab_store_rollback(f->s);

  write_big_csv(csv, (int)n0 + 1000, true);
  { /* big enough for import.c's estimate (256 bytes a row) to defer the index */
    struct stat sb;
    assert_int_equal(stat(csv, &sb), 0);
    assert_true(sb.st_size / 256 >= LAB_STORE_DEFER_MIN_ROWS && sb.st_size / 256 > n0 / 2);
  }
  test_file_sha256(f->db, before);
  assert_int_equal(import1(f->s, csv, &sum, &err), LAB_ERR_PARSE);
  assert_true(err.line > 1000);
  test_file_sha256(f->db, after);
  assert_string_equal(before, after);
  assert_int_equal(test_index_exists(f->db, "oews_occ_area_naics"), 1);

  write_big_csv(csv, (int)n0 + 1000, false);
  assert_int_equal(import1(f->s, csv, &sum, &err), LAB_OK);
  assert_int_equal(lab_store_count(f->s, "oews", &n, &err), LAB_OK);
  assert_int_equal(n, n0 + n0 + 1000);
  assert_int_equal(test_index_exists(f->db, "oews_occ_area_naics"), 1);
}

/* Run sql on the store file at db through a connection of its own. */
static void exec_on(const char *db, const char *sql)
{
  sqlite3 *h = NULL;

  assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
  assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(h);
}

/* A version 3 store (unique index oews_cell) is brought to version 4 (oews_release) on open. */
static void version_3_store_should_migrate_to_the_release_index(void **state)
{
  struct fixture *f = *state;
  struct lab_error err = {0};

  lab_store_close(f->s);
  f->s = NULL;
  exec_on(f->db, "DROP INDEX oews_release; CREATE UNIQUE INDEX oews_cell ON"
                 " oews(release_id, area, naics, own_code, occ_code); PRAGMA user_version = 3;");
  assert_int_equal(test_index_exists(f->db, "oews_release"), 0);
  assert_int_equal(lab_store_open(f->db, &f->s, NULL, &err), LAB_OK);
  assert_int_equal(test_index_exists(f->db, "oews_cell"), 0);
  assert_int_equal(test_index_exists(f->db, "oews_release"), 1);
  assert_value((struct lab_oews_cell[]){cell(f->s, "29-9021", "US", 2023)}, LAB_M_A_MEDIAN, 62990);
}

/* While a write transaction is open the store borrows SQLite's descriptor of its file, to start
 * the write-back early (store_flush.c): it must find the right one, and let go at the end. */
static void write_transaction_should_borrow_the_store_file_descriptor(void **state)
{
  struct fixture *f = *state;
  struct lab_error err = {0};
  struct stat want, got;

  assert_int_equal(f->s->flush_fd, -1);
  assert_int_equal(lab_store_begin(f->s, &err), LAB_OK);
  assert_true(f->s->flush_fd > 2);
  assert_int_equal(stat(f->db, &want), 0);
  assert_int_equal(fstat(f->s->flush_fd, &got), 0);
  assert_true(got.st_dev == want.st_dev && got.st_ino == want.st_ino);
  assert_int_equal(lab_store_commit(f->s, &err), LAB_OK);
  assert_int_equal(f->s->flush_fd, -1);
  assert_int_equal(lab_store_begin(f->s, &err), LAB_OK);
  assert_true(f->s->flush_fd > 2);
  lab_store_rollback(f->s);
  assert_int_equal(f->s->flush_fd, -1);
}

static void import_should_read_the_2014_to_2018_layout(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  struct lab_error err = {0};
  struct lab_oews_cell c;

  assert_int_equal(import1(f->s, DATA "national_M2016_dl.csv", &sum, &err), LAB_OK);
  assert_string_equal(sum.scope, "national");
  assert_string_equal(sum.vintage, "2016");
  assert_int_equal(sum.rows, 7);
  assert_int_equal(sum.replaced, 1); /* the snapshot's May 2016 national release */
  c = cell(f->s, "29-2071", "US", 2016);
  assert_string_equal(c.origin_kind, "import");
  assert_value(&c, LAB_M_A_MEAN, 41460);
  assert_value(&c, LAB_M_TOT_EMP, 200140);
  c = cell(f->s, "27-2011", "US", 2016); /* actors: hourly only, annual '*' */
  assert_true(c.hourly_only);
  assert_int_equal(c.m[LAB_M_A_MEAN].state, LAB_V_WAGE_NA);
  assert_int_equal(c.m[LAB_M_H_PCT90].state, LAB_V_TOPCODED);
  assert_true(c.m[LAB_M_H_PCT90].v == 100); /* May 2016 hourly top-code */
  c = cell(f->s, "25-2021", "US", 2016);    /* teachers: annual only */
  assert_true(c.annual_only);
  assert_int_equal(c.m[LAB_M_H_MEAN].state, LAB_V_WAGE_NA);
  assert_int_equal(c.m[LAB_M_JOBS_1000].state, LAB_V_MISSING); /* no such column in 2016 */
}

static void import_should_read_the_2019_lower_case_layout(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  struct lab_error err = {0};
  struct lab_oews_cell c;

  assert_int_equal(import1(f->s, DATA "national_M2019_dl.csv", &sum, &err), LAB_OK);
  assert_int_equal(sum.rows, 5);
  c = cell(f->s, "15-1212", "US", 2019);
  assert_value(&c, LAB_M_A_MEDIAN, 99730); /* BLS occupation page, May 2019 */
  assert_string_equal(c.soc_edition, "hybrid");
}

struct sha_find {
  int64_t id;
  char sha256[65];
};

static lab_status find_sha(void *ctx, const struct lab_release_info *r, struct lab_error *err)
{
  struct sha_find *f = ctx;

  (void)err;
  if (r->id == f->id)
    snprintf(f->sha256, sizeof(f->sha256), "%s", r->sha256);
  return LAB_OK;
}

static void reimport_should_replace_never_duplicate(void **state)
{
  struct fixture *f = *state;
  struct lab_import_summary sum;
  struct lab_error err = {0};
  long releases = 0, again = 0, rows = 0;

  assert_int_equal(import1(f->s, DATA "national_M2023_dl.csv", &sum, &err), LAB_OK);
  assert_int_equal(sum.replaced, 1);
  assert_int_equal(lab_store_release_count(f->s, &releases, NULL), LAB_OK);
  assert_int_equal(import1(f->s, DATA "national_M2023_dl.csv", &sum, &err), LAB_OK);
  assert_int_equal(sum.replaced, 1);
  assert_int_equal(sum.rows, 7);
  assert_int_equal(lab_store_release_count(f->s, &again, NULL), LAB_OK);
  assert_int_equal(releases, again);
  assert_value((struct lab_oews_cell[]){cell(f->s, "29-9021", "US", 2023)}, LAB_M_A_MEDIAN, 62990);
  assert_int_equal(lab_store_count(f->s, "oews", &rows, NULL), LAB_OK);
  { /* the replaced release's rows went with it (ON DELETE CASCADE, through oews_release) */
    long rows2 = 0;
    assert_int_equal(import1(f->s, DATA "national_M2023_dl.csv", &sum, &err), LAB_OK);
    assert_int_equal(lab_store_count(f->s, "oews", &rows2, NULL), LAB_OK);
    assert_int_equal(rows2, rows);
  }
  /* the file's SHA-256 (computed aside while the rows were read) is the release's */
  {
    struct sha_find find = {.id = sum.release_id};
    char hex[65];
    test_file_sha256(DATA "national_M2023_dl.csv", hex);
    assert_true(sum.release_id > 0);
    assert_int_equal(lab_store_releases(f->s, find_sha, &find, &err), LAB_OK);
    assert_string_equal(find.sha256, hex);
  }
}

/* A bad file: the expected status and position, and the store file unchanged to the byte. */
struct bad_case {
  const char *file;
  lab_status st;
  size_t line, column; /* 0 = no position expected */
  const char *words;   /* a part of the message */
};

static void bad_input_should_be_located_and_change_nothing(void **state)
{
  static const struct bad_case cases[] = {
      {"missing_column_M2023.csv", LAB_ERR_PARSE, 1, 1, "missing required column 'OCC_CODE'"},
      {"bad_value_M2023.csv", LAB_ERR_PARSE, 3, 101, "in column 'TOT_EMP', got '18569O'"},
      {"short_row_M2023.csv", LAB_ERR_PARSE, 3, 0, "short row: expected 32 fields"},
      {"national_dl.csv", LAB_ERR_INVALID, 1, 1, "pass --year"},
      {"bad_code_M2023.csv", LAB_ERR_PARSE, 2, 56, "expected an SOC code"},
      {"open_quote_M2023.csv", LAB_ERR_PARSE, 3, 64, "unterminated quoted field"},
      {"topcode_in_employment_M2023.csv", LAB_ERR_PARSE, 2, 0, "valid only for wages"},
      {"national_M1990_dl.csv", LAB_ERR_INVALID, 1, 1, "not an OEWS release year"},
      {"does_not_exist_M2023.csv", LAB_ERR_NOTFOUND, 0, 0, "cannot open"},
  };
  struct fixture *f = *state;
  char before[65], after[65], path[512];

  test_file_sha256(f->db, before);
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    struct lab_import_summary sum;
    struct lab_error err = {0};
    lab_status st;
    snprintf(path, sizeof(path), BAD "%s", cases[i].file);
    st = import1(f->s, path, &sum, &err);
    if (st != cases[i].st || !strstr(err.msg, cases[i].words))
      fail_msg("%s: status %d, message '%s'", cases[i].file, st, err.msg);
    if (cases[i].line && err.line != cases[i].line)
      fail_msg("%s: line %zu, expected %zu", cases[i].file, err.line, cases[i].line);
    if (cases[i].column && err.column != cases[i].column)
      fail_msg("%s: column %zu, expected %zu", cases[i].file, err.column, cases[i].column);
    if (cases[i].line && !strstr(err.file, cases[i].file))
      fail_msg("%s: the error names '%s'", cases[i].file, err.file);
    test_file_sha256(f->db, after);
    if (strcmp(before, after) != 0)
      fail_msg("%s: the store changed", cases[i].file);
  }
}

static void import_of_several_files_should_be_all_or_nothing(void **state)
{
  struct fixture *f = *state;
  const char *paths[] = {DATA "national_M2016_dl.csv", BAD "bad_value_M2023.csv"};
  struct lab_import_summary sums[2];
  struct lab_import_opts o = {0};
  struct lab_error err = {0};
  char before[65], after[65];
  struct lab_oews_cell c;

  test_file_sha256(f->db, before);
  assert_int_equal(lab_import_files(f->s, paths, 2, &o, sums, &err), LAB_ERR_PARSE);
  test_file_sha256(f->db, after);
  assert_string_equal(before, after);
  c = cell(f->s, "29-2071", "US", 2016);
  assert_string_equal(c.origin_kind, "snapshot");
}

static void area_resolve_should_take_codes_postal_codes_and_names(void **state)
{
  struct fixture *f = *state;
  struct lab_area a;
  struct lab_error err = {0};

  assert_int_equal(lab_store_area_resolve(f->s, "CA", &a, &err), LAB_OK);
  assert_string_equal(a.code, "06");
  assert_int_equal(lab_store_area_resolve(f->s, "california", &a, &err), LAB_OK);
  assert_string_equal(a.code, "06");
  assert_int_equal(lab_store_area_resolve(f->s, "6", &a, &err), LAB_OK);
  assert_string_equal(a.code, "06");
  assert_int_equal(lab_store_area_resolve(f->s, "Riverside", &a, &err), LAB_OK);
  assert_string_equal(a.code, "40140");
  assert_int_equal(lab_store_area_resolve(f->s, "Atlantis", &a, &err), LAB_ERR_NOTFOUND);
}

struct occ_list {
  char codes[512];
};

static lab_status collect(void *ctx, const struct lab_occ_match *m, struct lab_error *err)
{
  struct occ_list *l = ctx;
  (void)err;
  snprintf(l->codes + strlen(l->codes), sizeof(l->codes) - strlen(l->codes), "%s/%s[%s] ", m->code,
           m->soc_edition, m->years);
  return LAB_OK;
}

static void find_should_list_codes_by_title_and_across_soc_editions(void **state)
{
  struct fixture *f = *state;
  struct occ_list l = {""};

  assert_int_equal(lab_store_find_occupations(f->s, "health information", collect, &l, NULL),
                   LAB_OK);
  assert_non_null(strstr(l.codes, "29-9021/2018[2021-2025]"));
  assert_non_null(strstr(l.codes, "29-2071/2010[2011, 2014-2018]"));
  assert_non_null(strstr(l.codes, "29-2072/2018[2021-2025]")); /* via the crosswalk */
}

/* ---------------------------------------------------------------- queries for the analyses */

struct years {
  char text[256];
  int n;
};

static lab_status add_year(void *ctx, const struct lab_oews_cell *c, struct lab_error *err)
{
  struct years *y = ctx;
  (void)err;
  snprintf(y->text + strlen(y->text), sizeof(y->text) - strlen(y->text), "%d:%g ", c->year,
           c->m[LAB_M_A_MEDIAN].v);
  y->n++;
  return LAB_OK;
}

static void history_should_list_a_cell_across_releases_oldest_first(void **state)
{
  struct fixture *f = *state;
  struct years y = {"", 0};

  /* SOC 2010 29-2071 national medians, May 2014-2018 (BLS OEWS national files) */
  assert_int_equal(lab_store_oews_history(f->s, "29-2071", "US", 2015, 2017, add_year, &y, NULL),
                   LAB_OK);
  assert_string_equal(y.text, "2015:37110 2016:38040 2017:39180 ");
}

static void by_area_type_should_list_every_state_of_a_release(void **state)
{
  struct fixture *f = *state;
  struct years y = {"", 0};

  assert_int_equal(
      lab_store_oews_by_area_type(f->s, "15-1212", "state", false, 2024, add_year, &y, NULL),
      LAB_OK);
  assert_true(y.n >= 50 && y.n <= 54);
  assert_int_equal(
      lab_store_oews_by_area_type(f->s, "15-1212", "county", false, 0, add_year, &y, NULL),
      LAB_ERR_INVALID);
}

static void deflators_and_projections_should_be_queryable(void **state)
{
  struct fixture *f = *state;
  struct lab_projection p;
  double v = 0;
  int year = 0;
  char vintage[16];

  assert_int_equal(lab_store_cpi(f->s, 2024, &v, NULL), LAB_OK);
  assert_close(v, 313.689, 0); /* CPI-U annual average 2024 */
  assert_int_equal(lab_store_cpi_latest(f->s, &year, vintage, sizeof(vintage), NULL), LAB_OK);
  assert_int_equal(year, 2024);
  assert_int_equal(lab_store_rpp(f->s, "06", 2024, &v, &year, NULL), LAB_OK);
  assert_close(v, 112.581, 0); /* BEA RPP California 2023, the latest held */
  assert_int_equal(year, 2023);
  assert_int_equal(lab_store_cpi(f->s, 1990, &v, NULL), LAB_ERR_NOTFOUND);
  /* BLS Table 1.2, 2024-34: 29-9021 41.9 -> 48.1 thousand, 3.2 thousand openings a year */
  assert_int_equal(lab_store_projection(f->s, "ep", "29-9021", "US", NULL, &p, NULL), LAB_OK);
  assert_string_equal(p.vintage, "2024-2034");
  assert_int_equal(p.base_year, 2024);
  assert_int_equal(p.proj_year, 2034);
  assert_close(p.emp_base, 41900, 0);
  assert_close(p.emp_proj, 48100, 0);
  assert_close(p.openings, 3200, 0);
  /* Projections Central 2022-32, Arizona: 830 -> 1,120 */
  assert_int_equal(lab_store_projection(f->s, "pc", "29-9021", "04", "2022-2032", &p, NULL),
                   LAB_OK);
  assert_close(p.emp_base, 830, 0);
  assert_close(p.emp_proj, 1120, 0);
}

/* ------------------------------------------------------- the real files in shared/reference */

static void real_national_files_should_import_as_the_snapshot_holds_them(void **state)
{
  static const char *const codes[] = {"00-0000", "11-3021", "15-1212", "29-9021",
                                      "29-2071", "15-1122", "27-2011", "29-9098"};
  struct fixture *f = *state;
  char dir[64], db[128], path[512];
  struct lab_store *fresh = NULL;
  int checked = 0;

  if (!test_file_exists(LAB_SHARED_REFERENCE "/oews/national")) {
    printf("skipped: %s not present\n", LAB_SHARED_REFERENCE);
    skip();
  }
  test_tmpdir(dir, sizeof(dir));
  snprintf(db, sizeof(db), "%s/real.db", dir);
  assert_int_equal(lab_store_open(db, &fresh, NULL, NULL), LAB_OK);
  /* top-codes come from the snapshot: load it, then replace the national releases */
  assert_int_equal(lab_snapshot_ensure(fresh, LAB_SNAP_CORE, NULL, NULL), LAB_OK);
  for (int y = 2014; y <= 2024; y++) {
    struct lab_import_summary sum;
    struct lab_error err = {0};
    snprintf(path, sizeof(path), LAB_SHARED_REFERENCE "/oews/national/oews_national_M%d_dl.csv", y);
    if (import1(fresh, path, &sum, &err) != LAB_OK)
      fail_msg("%s: %s", path, err.msg);
    assert_int_equal(sum.replaced, 1);
    for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++) {
      struct lab_oews_cell a, b;
      if (lab_store_oews_cell(f->s, codes[k], "US", y, &a, NULL) != LAB_OK)
        continue;
      b = cell(fresh, codes[k], "US", y);
      assert_string_equal(b.origin_kind, "import");
      for (int m = 0; m < LAB_M_COUNT; m++) {
        if (a.m[m].state != b.m[m].state || a.m[m].v != b.m[m].v)
          fail_msg("%d %s %s: snapshot %g (%s), file %g (%s)", y, codes[k],
                   lab_measure_name((enum lab_measure)m), a.m[m].v, lab_vstate_name(a.m[m].state),
                   b.m[m].v, lab_vstate_name(b.m[m].state));
      }
      checked++;
    }
  }
  assert_int_equal(checked, 55); /* the code-years the snapshot has */
  lab_store_close(fresh);
  test_rmdir(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(snapshot_should_hold_published_national_figures, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(snapshot_should_hold_state_figures_and_the_reference_tables,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(snapshot_should_load_once, setup, teardown),
      cmocka_unit_test(snapshot_parts_should_load_on_first_use),
      cmocka_unit_test_setup_teardown(cells_of_many_areas_should_match_one_by_one, setup, teardown),
      cmocka_unit_test_setup_teardown(read_transaction_should_allow_lazy_loads_and_end_for_writers,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(rows_written_behind_should_land_or_fail_whole, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(large_import_should_rebuild_or_keep_the_history_index, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(version_3_store_should_migrate_to_the_release_index, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(write_transaction_should_borrow_the_store_file_descriptor,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(import_should_read_the_2014_to_2018_layout, setup, teardown),
      cmocka_unit_test_setup_teardown(import_should_read_the_2019_lower_case_layout, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(reimport_should_replace_never_duplicate, setup, teardown),
      cmocka_unit_test_setup_teardown(bad_input_should_be_located_and_change_nothing, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(import_of_several_files_should_be_all_or_nothing, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(area_resolve_should_take_codes_postal_codes_and_names, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(find_should_list_codes_by_title_and_across_soc_editions,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(history_should_list_a_cell_across_releases_oldest_first,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(by_area_type_should_list_every_state_of_a_release, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(deflators_and_projections_should_be_queryable, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(real_national_files_should_import_as_the_snapshot_holds_them,
                                      setup, teardown),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
