/*
 * fuzz_blsapi.c - the BLS API v2 answer parser (blsapi_parse.c): lab_blsapi_parse() on arbitrary
 * bytes (not NUL-terminated), the answer checked against lab_blsapi.h; a parsed answer is merged
 * with a second parse of itself (lab_blsapi_merge(): observations sorted by year and period).
 */
#include "datasets/lab_blsapi.h"
#include "fuzz_util.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_answer(const struct lab_blsapi_answer *a)
{
  FUZZ_CHECK(a->status_text != NULL);
  for (size_t i = 0; i < a->nmessages; i++)
    FUZZ_CHECK(a->messages[i].text != NULL);
  for (size_t i = 0; i < a->nseries; i++) {
    const struct lab_blsapi_series *se = &a->series[i];
    FUZZ_CHECK(se->id != NULL);
    for (size_t j = 0; j < se->nobs; j++) {
      FUZZ_CHECK(strlen(se->obs[j].period) == 3);
      FUZZ_CHECK(se->obs[j].missing == (bool)isnan(se->obs[j].value));
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct lab_blsapi_answer a = {0}, b = {0};
  struct lab_error err = {0};
  char *copy = malloc(size ? size : 1);
  lab_status st;

  FUZZ_CHECK(copy != NULL);
  if (size)
    memcpy(copy, data, size);
  st = lab_blsapi_parse(copy, size, "fuzz.json", &a, &err);
  fuzz_check_error(st, &err);
  if (st == LAB_OK || st == LAB_ERR_HTTP) {
    check_answer(&a);
    err = (struct lab_error){0};
    FUZZ_CHECK(lab_blsapi_parse(copy, size, "fuzz.json", &b, &err) == st);
    if (lab_blsapi_merge(&a, &b, &err) == LAB_OK) {
      check_answer(&a);
      for (size_t i = 0; i < a.nseries; i++)
        for (size_t j = 1; j < a.series[i].nobs; j++)
          FUZZ_CHECK(a.series[i].obs[j - 1].year <= a.series[i].obs[j].year);
    }
  } else {
    FUZZ_CHECK(a.nseries == 0 && a.nmessages == 0);
  }
  lab_blsapi_answer_release(&a);
  lab_blsapi_answer_release(&b);
  free(copy);
  return 0;
}
