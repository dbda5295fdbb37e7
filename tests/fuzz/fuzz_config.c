/*
 * fuzz_config.c - the user's config file (common/config.c): lab_config_load() on a temporary file
 * holding the input. Inputs of odd size are written with mode 0644 (an api_key must then be
 * refused), even ones with 0600.
 */
#include "common/lab_config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct lab_config c;
  struct lab_error err = {0};
  char path[512];
  lab_status st;

  fuzz_write_file("config", data, size, size % 2 ? 0644 : 0600, path, sizeof(path));
  memset(&c, 0, sizeof(c));
  st = lab_config_load(path, &c, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK && size % 2)
    FUZZ_CHECK(c.api_key == NULL);
  if (st == LAB_OK && c.api_key)
    FUZZ_CHECK(strlen(c.api_key) <= size);
  lab_config_release(&c);
  FUZZ_CHECK(c.api_key == NULL && c.path == NULL);
  return 0;
}
