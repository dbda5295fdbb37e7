/*
 * fuzz_zip.c - the zip reader (datasets/zip.c, lab_zip.h). lab_zip_open() takes a path, so each
 * input is written to a file in a private temporary folder first. Every entry is looked up by
 * its name and read to its end in 4 KiB reads. The seeds (corpus/zip, make_zip_seeds.py) are
 * small stored, deflated and zip64 archives.
 *
 * Checks: an error says something; lab_zip_find() of an entry's name finds an entry of that name
 * (the first of duplicates); a member never hands out more bytes than its entry declares, and a
 * read of 0 (the end) comes exactly at the declared size; after -1 the member keeps failing with
 * a message, after 0 it keeps returning 0.
 */
#include "datasets/lab_zip.h"
#include "fuzz_util.h"

/* Stop reading after this many inflated bytes per input (inputs are small, but deflate multiplies
 * them by up to 1032 and many entries may share one member's data): the fuzzer must not time
 * out. */
#define FUZZ_ZIP_MAX_READ ((uint64_t)64 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read entry i to its end, or until *budget bytes were read (then less is left). */
static void read_member(struct lab_zip *z, size_t i, uint64_t *budget)
{
  const struct lab_zip_entry *e = lab_zip_entry(z, i);
  struct lab_zip_member *m = NULL;
  struct lab_error err = {0};
  unsigned char buf[4096];
  uint64_t total = 0;
  long long n = 1; /* not at the end yet */
  lab_status st;

  st = lab_zip_member_open(z, i, &m, &err);
  fuzz_check_error(st, &err);
  if (st != LAB_OK) {
    FUZZ_CHECK(m == NULL);
    return;
  }
  FUZZ_CHECK(m != NULL);
  while (total < *budget && (n = lab_zip_member_read(m, buf, sizeof(buf))) > 0) {
    FUZZ_CHECK((size_t)n <= sizeof(buf));
    total += (uint64_t)n;
    FUZZ_CHECK(total <= e->size);
  }
  if (n == 0) {
    FUZZ_CHECK(total == e->size);
    FUZZ_CHECK(lab_zip_member_error(m)[0] == '\0');
    FUZZ_CHECK(lab_zip_member_read(m, buf, sizeof(buf)) == 0);
  } else if (n < 0) {
    FUZZ_CHECK(lab_zip_member_error(m)[0] != '\0');
    FUZZ_CHECK(lab_zip_member_read(m, buf, sizeof(buf)) == -1);
  }
  *budget -= total < *budget ? total : *budget;
  lab_zip_member_close(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct lab_zip *z = NULL;
  struct lab_error err = {0};
  char path[512];
  lab_status st;
  size_t count;
  uint64_t budget = FUZZ_ZIP_MAX_READ;

  fuzz_write_file("archive.zip", data, size, 0600, path, sizeof(path));
  st = lab_zip_open(path, &z, &err);
  fuzz_check_error(st, &err);
  if (st != LAB_OK) {
    FUZZ_CHECK(z == NULL);
    return 0;
  }
  FUZZ_CHECK(z != NULL);
  count = lab_zip_count(z);
  FUZZ_CHECK(lab_zip_entry(z, count) == NULL);
  for (size_t i = 0; i < count; i++) {
    const struct lab_zip_entry *e = lab_zip_entry(z, i);
    long k;
    FUZZ_CHECK(e != NULL && e->name != NULL);
    (void)lab_zip_entry_is_link(e);
    k = lab_zip_find(z, e->name);
    FUZZ_CHECK(k >= 0 && (size_t)k <= i);
    FUZZ_CHECK(strcmp(lab_zip_entry(z, (size_t)k)->name, e->name) == 0);
    read_member(z, i, &budget);
  }
  lab_zip_close(z);
  return 0;
}
