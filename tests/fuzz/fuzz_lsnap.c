/*
 * fuzz_lsnap.c - the snapshot reader (lsnap.c): lab_lsnap_read() on arbitrary bytes, every row
 * checked against lab_table.h (field count and size caps, len[i] == strlen(field[i]), positions),
 * errors must say something.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct fuzz_sink_state s = {0};
  struct lab_sink sink = {&s, fuzz_sink_begin, fuzz_sink_row, fuzz_sink_end};
  struct lab_error err = {0};
  /* a heap copy of exactly size bytes: ASan sees any read past the end */
  char *copy = malloc(size ? size : 1);
  lab_status st;

  FUZZ_CHECK(copy != NULL);
  if (size)
    memcpy(copy, data, size);
  st = lab_lsnap_read(copy, size, "fuzz.lsnap", &sink, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK)
    FUZZ_CHECK(!s.in_table);
  free(copy);
  return 0;
}
