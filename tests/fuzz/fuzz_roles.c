/*
 * fuzz_roles.c - role files (roles.c): lab_roles_parse() on arbitrary bytes (not NUL-terminated),
 * the result checked against lab_roles.h (no NULL strings, codes NN-NNNN, positive fixed
 * weights), then lab_roles_get() and lab_roles_select() with the first role's name.
 */
#include "datasets/lab_roles.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_code(const char *c)
{
  FUZZ_CHECK(strlen(c) == 7 && c[2] == '-');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct lab_roles *set = NULL;
  struct lab_error err = {0};
  char *copy = malloc(size ? size : 1);
  char name[LAB_ROLE_NAME_MAX + 1];
  lab_status st;

  FUZZ_CHECK(copy != NULL);
  if (size)
    memcpy(copy, data, size);
  st = lab_roles_parse(copy, size, "fuzz.json", &set, &err);
  fuzz_check_error(st, &err);
  FUZZ_CHECK((st == LAB_OK) == (set != NULL));
  if (set) {
    FUZZ_CHECK(set->origin && set->preset && set->version && set->description);
    for (size_t i = 0; i < set->n; i++) {
      const struct lab_role *r = &set->roles[i];
      FUZZ_CHECK(r->name && r->title && r->rationale && r->industry_note);
      FUZZ_CHECK(strlen(r->name) <= LAB_ROLE_NAME_MAX);
      for (size_t k = 0; k < r->n_notes; k++)
        FUZZ_CHECK(r->notes[k] != NULL);
      for (size_t k = 0; k < r->n_naics; k++)
        FUZZ_CHECK(r->naics[k] != NULL);
      for (int e = 0; e < LAB_ROLE_NEDITIONS; e++)
        for (size_t k = 0; k < r->editions[e].n; k++) {
          const struct lab_role_component *c = &r->editions[e].v[k];
          check_code(c->code);
          if (c->fallback[0])
            check_code(c->fallback);
          FUZZ_CHECK(c->note != NULL);
          FUZZ_CHECK(c->by_employment ? c->weight == 0 : c->weight > 0);
        }
      FUZZ_CHECK(lab_roles_get(set, r->name) != NULL);
    }
    if (set->n) {
      snprintf(name, sizeof(name), "%s", set->roles[0].name);
      err = (struct lab_error){0};
      FUZZ_CHECK(lab_roles_select(set, name, &err) == LAB_OK);
      FUZZ_CHECK(set->n == 1 && strcmp(set->roles[0].name, name) == 0);
    }
  }
  lab_roles_free(set);
  free(copy);
  return 0;
}
