/*
 * fuzz_xlsx.c - the XLSX reader (xlsx.c, xlsx_book.c: libzip + expat). lab_xlsx_read() takes a
 * path, so each input is written to a file in a private temporary folder first (libzip's
 * zip_source_buffer would need an API change in lab_xlsx.h). Inputs of odd size are read as sheet
 * "#2" with the header hint "*code", even ones as the first sheet with no hint; then
 * lab_xlsx_has_sheet(). The seeds (corpus/xlsx) are mostly stored (uncompressed) zips, so that
 * mutations reach the XML.
 */
#include "datasets/lab_xlsx.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct fuzz_sink_state s = {0};
  struct lab_sink sink = {&s, fuzz_sink_begin, fuzz_sink_row, fuzz_sink_end};
  struct lab_error err = {0};
  char path[512];
  bool has = false;
  lab_status st;

  fuzz_write_file("book.xlsx", data, size, 0600, path, sizeof(path));
  if (size % 2)
    st = lab_xlsx_read(path, "#2", "*code", &sink, &err);
  else
    st = lab_xlsx_read(path, NULL, NULL, &sink, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK)
    FUZZ_CHECK(s.tables == 1 && !s.in_table);
  err = (struct lab_error){0};
  st = lab_xlsx_has_sheet(path, "Data", &has, &err);
  fuzz_check_error(st, &err);
  return 0;
}
