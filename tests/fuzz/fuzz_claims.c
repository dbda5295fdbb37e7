/*
 * fuzz_claims.c - claims files (`laborstat check FILE.csv`): the CSV reader feeding the claims
 * reader of cli/cmd_check.c (its static sink, reached by including the file) and
 * cli_claim_validate() (cli/check_eval.c) on arbitrary bytes. Evaluating claims needs the store
 * and the embedded snapshot, so it is left out: this target checks reading and validation.
 */
#define cli_cmd_check fuzz_unused_cli_cmd_check /* the CLI library has its own */
#include "../../cli/cmd_check.c"
#undef cli_cmd_check

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cli_claim *claims;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct reader r = {0};
  struct lab_sink sink = {&r, on_begin, on_row, on_end};
  struct lab_error err = {0};
  char *copy = malloc(size ? size : 1);
  lab_status st;

  FUZZ_CHECK(copy != NULL);
  if (!claims) {
    claims = calloc(CLAIMS_MAX, sizeof(*claims));
    FUZZ_CHECK(claims != NULL);
  }
  if (size)
    memcpy(copy, data, size);
  r.file = "claims.csv";
  r.v = claims;
  st = lab_csv_read(copy, size, r.file, &sink, &err);
  fuzz_check_error(st, &err);
  FUZZ_CHECK(r.n <= CLAIMS_MAX);
  for (size_t i = 0; i < r.n; i++) {
    const struct cli_claim *c = &r.v[i];
    FUZZ_CHECK(memchr(c->who, '\0', sizeof(c->who)) &&
               memchr(c->measure, '\0', sizeof(c->measure)));
    FUZZ_CHECK(memchr(c->source, '\0', sizeof(c->source)) &&
               memchr(c->year, '\0', sizeof(c->year)));
  }
  free(copy);
  return 0;
}
