/*
 * lab_roles.h - roles: versioned, documented bundles of SOC occupation codes per SOC edition.
 *
 * People think in roles ("health informatics specialist"); BLS publishes occupation codes. A role
 * file (JSON, schema in docs/roles.md) names roles, each with a rationale, an optional industry
 * filter and, per SOC edition (2018, the OEWS May 2019-2020 hybrid codes, 2010), the codes that
 * make it up with their weights. The presets (the JSON files in datasets/roles) are embedded in the
 * binary.
 *
 * This module only reads and checks role files; it never touches the store, so a code is checked
 * for its form (NN-NNNN), not for its existence in a release.
 *
 * Ownership: a struct lab_roles and everything it points to is heap memory owned by the caller
 * who received it, freed with lab_roles_free(). Strings in it are never NULL ("" when absent).
 * Errors are LAB_ERR_PARSE with the file in err->file, the position (1-based line and character
 * column) where known, and the JSON path of the offending value at the start of the message,
 * e.g. "roles[3].components.2018[1].code: ...".
 */
#ifndef LAB_ROLES_H
#define LAB_ROLES_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

/* The SOC editions a role can name components for; the JSON keys are "2018", "hybrid", "2010". */
enum lab_role_edition {
  LAB_ROLE_SOC2018 = 0, /* 2018 SOC: OEWS May 2021 on */
  LAB_ROLE_HYBRID,      /* OEWS May 2019-2020 hybrid codes (2018 codes plus aggregates) */
  LAB_ROLE_SOC2010,     /* 2010 SOC: OEWS through May 2018 */
  LAB_ROLE_NEDITIONS
};

#define LAB_ROLE_CODE_SIZE 8      /* "15-1211" and its NUL */
#define LAB_ROLE_NAME_MAX 64      /* longest role or preset name (slug) */
#define LAB_ROLE_FILE_MAX 4194304 /* largest role file in bytes (4 MiB) */
#define LAB_ROLE_MAX_DEPTH 32     /* deepest nesting of arrays and objects in a role file */
#define LAB_ROLES_SCHEMA 1        /* the "schema" value this reader understands */

/* One SOC code of a role in one edition. */
struct lab_role_component {
  char code[LAB_ROLE_CODE_SIZE];     /* "15-1211" */
  char fallback[LAB_ROLE_CODE_SIZE]; /* used for releases without `code` ("15-2090"); "" = none */
  bool by_employment;                /* weight "employment" (the default) */
  double weight;                     /* the fixed weight (> 0) when !by_employment, else 0 */
  char *note;                        /* "" when none */
};

/* The components of one edition; n == 0 when the role does not cover that edition. Within one
 * edition either every component is weighted by employment or every one has a fixed weight. */
struct lab_role_components {
  struct lab_role_component *v;
  size_t n;
};

struct lab_role {
  char *name;      /* slug: "health-informatics-specialist" */
  char *title;     /* "Health informatics specialist" */
  char *rationale; /* why these codes, citing BLS/O*NET facts */
  char **notes;    /* caveats to show with any output about the role */
  size_t n_notes;
  char **naics; /* industry filter: OEWS NAICS codes ("62", "622000"); n_naics == 0 = none */
  size_t n_naics;
  char *industry_note; /* "" when none */
  struct lab_role_components editions[LAB_ROLE_NEDITIONS];
};

/* A parsed role file (a preset or a user's file). */
struct lab_roles {
  char *origin; /* the file's path, or "embedded:health-it.json" */
  char *preset; /* the preset's name (slug) */
  char *version;
  char *description;
  char **notes; /* notes that apply to every role */
  size_t n_notes;
  struct lab_role *roles;
  size_t n;
};

/* The JSON key of an edition ("2018", "hybrid", "2010"); static string, "" for an invalid value. */
const char *lab_role_edition_name(enum lab_role_edition e);

/*
 * Parse and check a role file held in memory: text[0..len) (need not be NUL-terminated). origin
 * names it in errors and in (*out)->origin. On success *out is a new set (free with
 * lab_roles_free()); on failure *out is NULL. Errors: LAB_ERR_PARSE (malformed JSON with its
 * line and column; unknown or duplicate key, missing or wrongly typed value, bad SOC or NAICS
 * code, bad slug, non-positive weight, duplicate role name or code, empty edition, mixed fixed
 * and employment weights in one edition: with the JSON path and, where it can be found, the
 * position), LAB_ERR_TOOLARGE (over LAB_ROLE_FILE_MAX), LAB_ERR_NOMEM.
 */
lab_status lab_roles_parse(const char *text, size_t len, const char *origin, struct lab_roles **out,
                           struct lab_error *err);

/* Read and parse the role file at path (as lab_roles_parse(); also LAB_ERR_IO, LAB_ERR_NOTFOUND
 * when the file does not exist). */
lab_status lab_roles_load(const char *path, struct lab_roles **out, struct lab_error *err);

/* Free a set and everything in it. Accepts NULL. */
void lab_roles_free(struct lab_roles *set);

/* The role called name (a slug) in set, or NULL. Borrowed: valid until lab_roles_free(set) or
 * lab_roles_select(set, ...). */
const struct lab_role *lab_roles_get(const struct lab_roles *set, const char *name);

/*
 * Narrow set to what name means: the preset's own name keeps every role, a role slug keeps that
 * role only. LAB_ERR_NOTFOUND (set unchanged) when name is neither.
 */
lab_status lab_roles_select(struct lab_roles *set, const char *name, struct lab_error *err);

/* ------------------------------------------------------------------ the embedded presets */

/* The number of role presets embedded in the binary (the JSON files in datasets/roles). */
size_t lab_roles_preset_count(void);

/* Parse the i-th embedded preset (file-name order; i < lab_roles_preset_count()). Ownership and
 * errors as lab_roles_parse(); LAB_ERR_INVALID when i is out of range. */
lab_status lab_roles_preset_load(size_t i, struct lab_roles **out, struct lab_error *err);

/*
 * Resolve name among the embedded presets: a preset name gives the whole preset, a role slug the
 * preset narrowed to that role (lab_roles_select()). *out as lab_roles_parse(). LAB_ERR_NOTFOUND
 * when no preset has such a name or role; the message lists the presets.
 */
lab_status lab_roles_find(const char *name, struct lab_roles **out, struct lab_error *err);

/*
 * The embedded files themselves, generated at build time by `lab_embed --prefix
 * lab_roles_embedded` (tools/embed.c), which declares the same struct in the generated file.
 * Borrowed static data.
 */
struct lab_roles_embedded_file {
  const char *name; /* "health-it.json" */
  const char *data;
  size_t len;
};
size_t lab_roles_embedded_files(const struct lab_roles_embedded_file **out);
/* An id of the embedded presets (SHA-256 of their names and bytes) as hex text. */
void lab_roles_embedded_id(char *out, size_t size);

#endif
