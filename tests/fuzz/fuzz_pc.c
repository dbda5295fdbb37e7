/*
 * fuzz_pc.c - Projections Central JSON pages: lab_pc_pager() on the bytes, then the page imported
 * as a downloaded file (lab_import_files(), which takes a path: the input is written to
 * page.json in a private temporary folder) into an in-memory store opened once. The import
 * recognises a page by its content, so BLS API answers saved as JSON (api_import.c) are reached
 * too. Every import is one transaction: after a failure the store must still accept the next.
 */
#include "datasets/lab_import.h"
#include "datasets/lab_store.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lab_store *store;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct lab_import_opts o = {0};
  struct lab_import_summary sum;
  struct lab_error err = {0};
  char path[512];
  const char *paths[1] = {path};
  char *copy = malloc(size ? size : 1);
  long pages = -1, items = -1;
  lab_status st;

  FUZZ_CHECK(copy != NULL);
  if (size)
    memcpy(copy, data, size);
  if (!store) {
    FUZZ_CHECK(lab_store_open(":memory:", &store, NULL, &err) == LAB_OK);
    err = (struct lab_error){0};
  }
  st = lab_pc_pager(copy, size, "page.json", &pages, &items, &err);
  fuzz_check_error(st, &err);
  free(copy);

  fuzz_write_file("page.json", data, size, 0600, path, sizeof(path));
  memset(&sum, 0, sizeof(sum));
  err = (struct lab_error){0};
  st = lab_import_files(store, paths, 1, &o, &sum, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK)
    FUZZ_CHECK(sum.rows >= 0 && memchr(sum.source, '\0', sizeof(sum.source)));
  return 0;
}
