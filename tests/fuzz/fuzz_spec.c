/*
 * fuzz_spec.c - report spec files (`laborstat report --spec FILE.json`, cli/report_spec.c):
 * report_spec_load() on a temporary file holding the input; every text field of the spec must
 * come back NUL-terminated within its array and the counts within their bounds.
 */
#include "cli/report.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static struct report_spec spec;
  struct lab_error err = {0};
  char path[512];
  lab_status st;

  fuzz_write_file("spec.json", data, size, 0600, path, sizeof(path));
  memset(&spec, 0, sizeof(spec));
  st = report_spec_load(path, &spec, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK) {
    FUZZ_CHECK(TERMINATED(spec.title) && TERMINATED(spec.description) && TERMINATED(spec.roles));
    FUZZ_CHECK(TERMINATED(spec.occs) && TERMINATED(spec.area) && TERMINATED(spec.basis));
    FUZZ_CHECK(spec.n_key <= REPORT_MAX_ITEMS && spec.n_trend <= REPORT_MAX_ITEMS);
    for (size_t i = 0; i < spec.n_key; i++)
      FUZZ_CHECK(TERMINATED(spec.key[i]));
    for (size_t i = 0; i < spec.n_trend; i++)
      FUZZ_CHECK(TERMINATED(spec.trend[i]));
  }
  return 0;
}
