/*
 * report_spec.c - what a report covers: the health-it preset and the JSON spec (docs/report.md).
 */
#include "cli/report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *const section_names[REPORT_NSECTIONS] = {
    "wages", "maps", "compare", "trend", "growth-pay", "projection", "claims", "caveats"};
static const char *const section_titles[REPORT_NSECTIONS] = {
    "Wage distributions",
    "State maps: median wage and projected growth",
    "Top states by price-parity-adjusted wage",
    "Trend 2014-2024: nominal against real",
    "Growth against pay",
    "Employment projections",
    "Claims check",
    "Caveats"};

const char *report_section_name(enum report_section s)
{
  return s < REPORT_NSECTIONS ? section_names[s] : "";
}

const char *report_section_title(enum report_section s)
{
  return s < REPORT_NSECTIONS ? section_titles[s] : "";
}

lab_status report_spec_preset(const char *name, struct report_spec *spec, struct lab_error *err)
{
  static const char *const key[] = {"health-informatics-specialist", "medical-records-specialist",
                                    "cybersecurity-analyst"};
  static const char *const trend[] = {"15-1211", "29-2072", "15-1212"};

  if (strcmp(name, "health-it") != 0)
    return lab_error_set(err, LAB_ERR_NOTFOUND, "unknown report preset '%s' (presets: health-it)",
                         name);
  memset(spec, 0, sizeof(*spec));
  snprintf(spec->title, sizeof(spec->title), "Health IT roles: pay, growth and the claims");
  snprintf(spec->description, sizeof(spec->description),
           "The health-it role preset of laborstat (roles built from SOC codes) in the BLS "
           "Occupational Employment and Wage Statistics (OEWS) and Employment Projections: wage "
           "distributions, state maps, the best-paid states after price parities, the 2014-2024 "
           "trend, growth against pay, projections and a check of the claims of the seed "
           "articles.");
  snprintf(spec->roles, sizeof(spec->roles), "health-it");
  for (size_t i = 0; i < LAB_ARRAY_SIZE(key); i++)
    snprintf(spec->key[spec->n_key++], sizeof(spec->key[0]), "%s", key[i]);
  for (size_t i = 0; i < LAB_ARRAY_SIZE(trend); i++)
    snprintf(spec->trend[spec->n_trend++], sizeof(spec->trend[0]), "%s", trend[i]);
  spec->from = 2014;
  spec->to = 2024;
  snprintf(spec->basis, sizeof(spec->basis), "rpp");
  spec->top = 15;
  for (int s = 0; s < REPORT_NSECTIONS; s++)
    spec->section[s] = true;
  return LAB_OK;
}

/* Copy a string member (absent: unchanged). */
static lab_status get_string(const cJSON *root, const char *key, char *out, size_t size,
                             struct lab_error *err)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);

  if (!v)
    return LAB_OK;
  if (!cJSON_IsString(v) || strlen(v->valuestring) >= size)
    return lab_error_set(err, LAB_ERR_PARSE,
                         "report spec: '%s' needs a string of at most %zu bytes", key, size - 1);
  snprintf(out, size, "%s", v->valuestring);
  return LAB_OK;
}

static lab_status get_int(const cJSON *root, const char *key, int lo, int hi, int *out,
                          struct lab_error *err)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);

  if (!v)
    return LAB_OK;
  if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi ||
      v->valuedouble != (double)(int)v->valuedouble)
    return lab_error_set(err, LAB_ERR_PARSE, "report spec: '%s' needs a whole number from %d to %d",
                         key, lo, hi);
  *out = (int)v->valuedouble;
  return LAB_OK;
}

/* An array of strings into out[max][size] (absent: unchanged). */
static lab_status get_list(const cJSON *root, const char *key, char *out, size_t size, size_t max,
                           size_t *n, struct lab_error *err)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key);
  const cJSON *v;

  if (!arr)
    return LAB_OK;
  if (!cJSON_IsArray(arr) || (size_t)cJSON_GetArraySize(arr) > max)
    return lab_error_set(err, LAB_ERR_PARSE,
                         "report spec: '%s' needs an array of at most %zu "
                         "strings",
                         key, max);
  *n = 0;
  cJSON_ArrayForEach(v, arr)
  {
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= size || !v->valuestring[0])
      return lab_error_set(err, LAB_ERR_PARSE,
                           "report spec: '%s' needs non-empty strings of at most %zu bytes", key,
                           size - 1);
    snprintf(out + *n * size, size, "%s", v->valuestring);
    (*n)++;
  }
  return LAB_OK;
}

static lab_status get_sections(const cJSON *root, struct report_spec *spec, struct lab_error *err)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "sections");
  const cJSON *v;

  if (!arr)
    return LAB_OK;
  if (!cJSON_IsArray(arr))
    return lab_error_set(err, LAB_ERR_PARSE, "report spec: 'sections' needs an array of names");
  memset(spec->section, 0, sizeof(spec->section));
  cJSON_ArrayForEach(v, arr)
  {
    int s = 0;

    while (s < REPORT_NSECTIONS &&
           !(cJSON_IsString(v) && strcmp(v->valuestring, section_names[s]) == 0))
      s++;
    if (s == REPORT_NSECTIONS)
      return lab_error_set(err, LAB_ERR_PARSE,
                           "report spec: unknown section in 'sections' (known: wages, maps, "
                           "compare, trend, growth-pay, projection, claims, caveats)");
    spec->section[s] = true;
  }
  return LAB_OK;
}

static lab_status check_keys(const cJSON *root, struct lab_error *err)
{
  static const char *const known[] = {"title", "description", "roles",   "occupations", "key",
                                      "trend", "area",        "year",    "from",        "to",
                                      "basis", "top",         "sections"};
  const cJSON *v;

  cJSON_ArrayForEach(v, root)
  {
    size_t i = 0;

    while (i < LAB_ARRAY_SIZE(known) && strcmp(v->string, known[i]) != 0)
      i++;
    if (i == LAB_ARRAY_SIZE(known))
      return lab_error_set(err, LAB_ERR_PARSE, "report spec: unknown key (see docs/report.md)");
  }
  return LAB_OK;
}

lab_status report_spec_load(const char *path, struct report_spec *spec, struct lab_error *err)
{
  struct lab_buf text;
  cJSON *root = NULL;
  size_t n_occs = 0;
  char occs[REPORT_MAX_ITEMS][16];
  lab_status st;

  lab_buf_init(&text, 1u << 20);
  st = report_read_file(path, &text, err);
  if (st)
    goto out;
  root = cJSON_ParseWithLength(lab_buf_str(&text), text.len);
  if (!root || !cJSON_IsObject(root)) {
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: not a JSON object", path);
    goto out;
  }
  st = report_spec_preset("health-it", spec, err); /* the defaults */
  spec->roles[0] = '\0';
  spec->n_key = spec->n_trend = 0;
  if (!st)
    st = check_keys(root, err);
  if (!st)
    st = get_string(root, "title", spec->title, sizeof(spec->title), err);
  if (!st)
    st = get_string(root, "description", spec->description, sizeof(spec->description), err);
  if (!st)
    st = get_string(root, "roles", spec->roles, sizeof(spec->roles), err);
  if (!st)
    st = get_list(root, "occupations", occs[0], sizeof(occs[0]), REPORT_MAX_ITEMS, &n_occs, err);
  for (size_t i = 0; i < n_occs && !st; i++) {
    size_t len = strlen(spec->occs);
    snprintf(spec->occs + len, sizeof(spec->occs) - len, "%s%s", i ? "," : "", occs[i]);
  }
  if (!st)
    st = get_list(root, "key", spec->key[0], sizeof(spec->key[0]), REPORT_MAX_ITEMS, &spec->n_key,
                  err);
  if (!st)
    st = get_list(root, "trend", spec->trend[0], sizeof(spec->trend[0]), REPORT_MAX_ITEMS,
                  &spec->n_trend, err);
  if (!st)
    st = get_string(root, "area", spec->area, sizeof(spec->area), err);
  if (!st)
    st = get_string(root, "basis", spec->basis, sizeof(spec->basis), err);
  if (!st)
    st = get_int(root, "year", 1997, 2100, &spec->year, err);
  if (!st)
    st = get_int(root, "from", 1997, 2100, &spec->from, err);
  if (!st)
    st = get_int(root, "to", 1997, 2100, &spec->to, err);
  if (!st)
    st = get_int(root, "top", 1, 60, &spec->top, err);
  if (!st)
    st = get_sections(root, spec, err);
  if (!st && !spec->roles[0] && !spec->occs[0] && spec->n_key == 0 && spec->n_trend == 0)
    st = lab_error_set(err, LAB_ERR_PARSE,
                       "report spec: name 'roles', 'occupations', 'key' or 'trend'");
out:
  cJSON_Delete(root);
  lab_buf_release(&text);
  return st;
}
