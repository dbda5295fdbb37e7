/*
 * roles.c - read and check role files (JSON through cJSON; schema in docs/roles.md).
 *
 * cJSON gives the byte offset of a syntax error (return_parse_end, never the global
 * cJSON_GetErrorPtr()) but no positions for the values of a parsed tree. For errors found while
 * checking the tree, the position comes from a small scanner that follows the JSON path of the
 * offending value through the text (which cJSON has already accepted).
 */
#include "common/lab_file.h"
#include "datasets/lab_roles.h"
#include "datasets/normalize.h"
#include "datasets/rowbuf.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest free-text value (title, note, rationale) in bytes. */
#define TEXT_MAX 65536
/* Deepest JSON path the checker builds: roles[i].components.2018[j].weight is 5 segments. */
#define PATH_DEPTH 8

/* ------------------------------------------------------------------------- JSON paths */

/* One step of a JSON path: an object key (its nth occurrence, 0 = first) or an array index. */
struct seg {
  const char *key; /* NULL: array index */
  size_t index;    /* array index, or which occurrence of key */
};

struct checker {
  const char *text;
  size_t len;
  const char *origin;
  struct seg path[PATH_DEPTH];
  size_t depth;
  struct lab_error *err;
};

static void push_key(struct checker *c, const char *key)
{
  if (c->depth < PATH_DEPTH)
    c->path[c->depth] = (struct seg){key, 0};
  c->depth++;
}

static void push_nth_key(struct checker *c, const char *key, size_t nth)
{
  if (c->depth < PATH_DEPTH)
    c->path[c->depth] = (struct seg){key, nth};
  c->depth++;
}

static void push_index(struct checker *c, size_t i)
{
  if (c->depth < PATH_DEPTH)
    c->path[c->depth] = (struct seg){NULL, i};
  c->depth++;
}

static void pop(struct checker *c)
{
  c->depth--;
}

/* The path as text: roles[3].components.2018[1].code ("" at the top level). */
static void path_text(const struct checker *c, char *out, size_t size)
{
  size_t n = 0;

  out[0] = '\0';
  for (size_t i = 0; i < c->depth && i < PATH_DEPTH && n < size; i++) {
    const struct seg *s = &c->path[i];
    int w = s->key ? snprintf(out + n, size - n, "%s%s", i ? "." : "", s->key)
                   : snprintf(out + n, size - n, "[%zu]", s->index);
    if (w < 0)
      break;
    n += (size_t)w;
  }
}

/* ---------------------------------------------------------------- positions in the text */

static size_t skip_ws(const char *t, size_t len, size_t i)
{
  while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
    i++;
  return i;
}

/* At a '"': move past the closing quote. false when the text ends first. */
static bool skip_string(const char *t, size_t len, size_t *i)
{
  size_t k = *i + 1;

  while (k < len && t[k] != '"')
    k += t[k] == '\\' ? 2 : 1;
  if (k >= len)
    return false;
  *i = k + 1;
  return true;
}

/* Move past one value (string, number, literal, object or array); no recursion. */
static bool skip_value(const char *t, size_t len, size_t *i)
{
  size_t k = *i;
  size_t depth = 0;

  if (k >= len)
    return false;
  if (t[k] == '"')
    return skip_string(t, len, i);
  if (t[k] != '{' && t[k] != '[') {
    while (k < len && !strchr(",]} \t\r\n", t[k]))
      k++;
    *i = k;
    return true;
  }
  while (k < len) {
    if (t[k] == '"') {
      if (!skip_string(t, len, &k))
        return false;
      continue;
    }
    if (t[k] == '{' || t[k] == '[')
      depth++;
    else if (t[k] == '}' || t[k] == ']')
      depth--;
    k++;
    if (depth == 0) {
      *i = k;
      return true;
    }
  }
  return false;
}

/* In an object at *i ('{'), find the nth occurrence of key; leave *i at the key's quote. */
static bool find_key(const char *t, size_t len, size_t *i, const char *key, size_t nth)
{
  size_t k = *i + 1;
  size_t klen = strlen(key);
  size_t seen = 0;

  for (;;) {
    size_t start;
    bool match;
    k = skip_ws(t, len, k);
    if (k >= len || t[k] != '"')
      return false;
    start = k;
    if (!skip_string(t, len, &k))
      return false;
    match = k - start - 2 == klen && memcmp(t + start + 1, key, klen) == 0;
    if (match && seen++ == nth) {
      *i = start;
      return true;
    }
    k = skip_ws(t, len, k);
    if (k >= len || t[k] != ':')
      return false;
    k = skip_ws(t, len, k + 1);
    if (!skip_value(t, len, &k))
      return false;
    k = skip_ws(t, len, k);
    if (k >= len || t[k] != ',')
      return false;
    k++;
  }
}

/*
 * Byte offset of the value at the checker's path (of its key when at_key and the last step is a
 * key). false when the path cannot be followed (a key written with escapes, a deep path).
 */
static bool locate(const struct checker *c, bool at_key, size_t *pos)
{
  const char *t = c->text;
  size_t len = c->len;
  size_t i = 0;

  if (c->depth > PATH_DEPTH)
    return false;
  if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  i = skip_ws(t, len, i);
  for (size_t d = 0; d < c->depth; d++) {
    const struct seg *s = &c->path[d];
    if (i >= len)
      return false;
    if (s->key) {
      if (t[i] != '{' || !find_key(t, len, &i, s->key, s->index))
        return false;
      if (at_key && d + 1 == c->depth)
        break;
      if (!skip_string(t, len, &i))
        return false;
      i = skip_ws(t, len, i);
      if (i >= len || t[i] != ':')
        return false;
      i = skip_ws(t, len, i + 1);
    } else {
      if (t[i] != '[')
        return false;
      i = skip_ws(t, len, i + 1);
      for (size_t k = 0; k < s->index; k++) {
        if (!skip_value(t, len, &i))
          return false;
        i = skip_ws(t, len, i);
        if (i >= len || t[i] != ',')
          return false;
        i = skip_ws(t, len, i + 1);
      }
    }
  }
  *pos = i;
  return true;
}

/* 1-based line and character (UTF-8 code point) column of byte offset pos. */
static void line_column(const char *t, size_t len, size_t pos, size_t *line, size_t *col)
{
  *line = 1;
  *col = 1;
  for (size_t i = 0; i < pos && i < len; i++) {
    if (t[i] == '\n') {
      (*line)++;
      *col = 1;
    } else if (((unsigned char)t[i] & 0xC0) != 0x80) {
      (*col)++;
    }
  }
}

/* Record LAB_ERR_PARSE at the checker's path: "PATH: MESSAGE" with the position when found. */
static lab_status fail_at(struct checker *c, bool at_key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static lab_status fail_at(struct checker *c, bool at_key, const char *fmt, ...)
{
  char path[256];
  char msg[384];
  size_t pos = 0, line = 0, col = 0;
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  path_text(c, path, sizeof(path));
  if (locate(c, at_key, &pos))
    line_column(c->text, c->len, pos, &line, &col);
  return lab_error_set_at(c->err, LAB_ERR_PARSE, c->origin, line, col, "%s%s%s", path,
                          path[0] ? ": " : "", msg);
}

/* --------------------------------------------------------------------- value checks */

static bool is_slug(const char *s)
{
  size_t n = strlen(s);

  if (n == 0 || n > LAB_ROLE_NAME_MAX || s[0] == '-' || s[n - 1] == '-')
    return false;
  for (size_t i = 0; i < n; i++) {
    bool ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-';
    if (!ok || (s[i] == '-' && s[i + 1] == '-'))
      return false;
  }
  return true;
}

static bool is_digit(char ch)
{
  return ch >= '0' && ch <= '9';
}

/* NULL when s is a well-formed SOC code, else why not (a static string). */
static const char *soc_problem(const char *s)
{
  size_t n = strlen(s);
  int major;

  if (n == 10 && s[7] == '.' && is_digit(s[8]) && is_digit(s[9]))
    return "is an O*NET-SOC code: OEWS publishes SOC codes (NN-NNNN) only, so name the SOC code "
           "and say in a note which O*NET occupation it stands for";
  if (n != 7 || s[2] != '-')
    return "is not an SOC code (NN-NNNN, e.g. 15-1211)";
  for (size_t i = 0; i < n; i++)
    if (i != 2 && !is_digit(s[i]))
      return "is not an SOC code (NN-NNNN, e.g. 15-1211)";
  major = (s[0] - '0') * 10 + (s[1] - '0');
  if (major < 11 || major > 55 || major % 2 == 0)
    return "has no SOC major group (the major groups are 11, 13, 15, ..., 55)";
  return NULL;
}

/* OEWS NAICS codes: two digits, then up to four digits or capital letters ("62", "5220A1"). */
static bool is_naics(const char *s)
{
  size_t n = strlen(s);

  if (n < 2 || n > 6 || !is_digit(s[0]) || !is_digit(s[1]))
    return false;
  for (size_t i = 2; i < n; i++)
    if (!is_digit(s[i]) && !(s[i] >= 'A' && s[i] <= 'Z'))
      return false;
  return true;
}

static const char *type_name(const cJSON *v)
{
  if (cJSON_IsString(v))
    return "a string";
  if (cJSON_IsNumber(v))
    return "a number";
  if (cJSON_IsBool(v))
    return "a boolean";
  if (cJSON_IsNull(v))
    return "null";
  if (cJSON_IsArray(v))
    return "an array";
  return "an object";
}

/* Every member of obj is one of allowed[0..n) and no key appears twice. */
static lab_status check_keys(struct checker *c, const cJSON *obj, const char *const *allowed,
                             size_t n)
{
  const cJSON *m;

  cJSON_ArrayForEach(m, obj)
  {
    bool known = false;
    size_t seen = 0;
    const cJSON *p;
    lab_status st = LAB_OK;
    for (size_t i = 0; i < n && !known; i++)
      known = strcmp(m->string, allowed[i]) == 0;
    for (p = obj->child; p != m; p = p->next)
      if (strcmp(p->string, m->string) == 0)
        seen++;
    if (!known) {
      char list[256] = "";
      size_t len = 0;
      for (size_t i = 0; i < n && len < sizeof(list); i++) {
        int w = snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "", allowed[i]);
        len += w > 0 ? (size_t)w : 0;
      }
      push_nth_key(c, m->string, seen);
      st = fail_at(c, true, "unknown key '%s' (expected %s)", m->string, list);
      pop(c);
    } else if (seen > 0) {
      push_nth_key(c, m->string, seen);
      st = fail_at(c, true, "duplicate key '%s'", m->string);
      pop(c);
    }
    if (st)
      return st;
  }
  return LAB_OK;
}

static lab_status dup_text(struct checker *c, const char *s, char **out)
{
  *out = strdup(s);
  return *out ? LAB_OK : lab_error_set(c->err, LAB_ERR_NOMEM, "out of memory");
}

/*
 * The string member key of obj into *out (heap). Missing: an error when required, else "".
 * Required strings must not be empty.
 */
static lab_status get_text(struct checker *c, const cJSON *obj, const char *key, bool required,
                           char **out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
  lab_status st = LAB_OK;

  if (!v) {
    if (required)
      return fail_at(c, false, "missing key '%s'", key);
    return dup_text(c, "", out);
  }
  push_key(c, key);
  if (!cJSON_IsString(v))
    st = fail_at(c, false, "expected a string, got %s", type_name(v));
  else if (required && v->valuestring[0] == '\0')
    st = fail_at(c, false, "must not be empty");
  else if (strlen(v->valuestring) > TEXT_MAX)
    st = fail_at(c, false, "longer than %d bytes", TEXT_MAX);
  else
    st = dup_text(c, v->valuestring, out);
  pop(c);
  return st;
}

/* A slug member (preset or role name). */
static lab_status get_slug(struct checker *c, const cJSON *obj, const char *key, char **out)
{
  lab_status st = get_text(c, obj, key, true, out);

  if (st)
    return st;
  if (!is_slug(*out)) {
    push_key(c, key);
    st = fail_at(c, false,
                 "'%s' is not a name: use lower-case letters, digits and single hyphens, at most "
                 "%d characters (e.g. health-informatics-specialist)",
                 *out, LAB_ROLE_NAME_MAX);
    pop(c);
  }
  return st;
}

/* An optional array of non-empty strings (notes) into *out / *n. */
static lab_status get_text_list(struct checker *c, const cJSON *obj, const char *key, bool required,
                                char ***out, size_t *n)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
  const cJSON *v;
  size_t count = 0;
  lab_status st = LAB_OK;

  *out = NULL;
  *n = 0;
  if (!arr)
    return required ? fail_at(c, false, "missing key '%s'", key) : LAB_OK;
  push_key(c, key);
  if (!cJSON_IsArray(arr)) {
    st = fail_at(c, false, "expected an array of strings, got %s", type_name(arr));
    goto out;
  }
  cJSON_ArrayForEach(v, arr) count++;
  if (count == 0 && required) {
    st = fail_at(c, false, "must not be empty");
    goto out;
  }
  *out = calloc(count ? count : 1, sizeof(**out));
  if (!*out) {
    st = lab_error_set(c->err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  cJSON_ArrayForEach(v, arr)
  {
    push_index(c, *n);
    if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
      st = fail_at(c, false, "expected a non-empty string, got %s",
                   cJSON_IsString(v) ? "\"\"" : type_name(v));
    else if (strlen(v->valuestring) > TEXT_MAX)
      st = fail_at(c, false, "longer than %d bytes", TEXT_MAX);
    else
      st = dup_text(c, v->valuestring, &(*out)[*n]);
    pop(c);
    if (st)
      goto out;
    (*n)++;
  }
out:
  pop(c);
  return st;
}

/* ------------------------------------------------------------------- the role file */

static const char *const edition_keys[LAB_ROLE_NEDITIONS] = {"2018", "hybrid", "2010"};

const char *lab_role_edition_name(enum lab_role_edition e)
{
  return (unsigned)e < LAB_ROLE_NEDITIONS ? edition_keys[e] : "";
}

/* The weight member of a component: absent or "employment", or a positive finite number. */
static lab_status get_weight(struct checker *c, const cJSON *comp, struct lab_role_component *out)
{
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(comp, "weight");
  lab_status st = LAB_OK;

  out->by_employment = true;
  out->weight = 0;
  if (!w)
    return LAB_OK;
  push_key(c, "weight");
  if (cJSON_IsString(w)) {
    if (strcmp(w->valuestring, "employment") != 0)
      st = fail_at(c, false, "weight must be a positive number or \"employment\", not \"%s\"",
                   w->valuestring);
  } else if (!cJSON_IsNumber(w)) {
    st = fail_at(c, false, "weight must be a positive number or \"employment\", not %s",
                 type_name(w));
  } else if (!isfinite(w->valuedouble) || w->valuedouble <= 0) {
    st = fail_at(c, false, "weight must be a positive number or \"employment\", not %.17g",
                 w->valuedouble);
  } else {
    out->by_employment = false;
    out->weight = w->valuedouble;
  }
  pop(c);
  return st;
}

/* A code member (code or fallback) into out[LAB_ROLE_CODE_SIZE]. */
static lab_status get_code(struct checker *c, const cJSON *comp, const char *key, bool required,
                           char *out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(comp, key);
  const char *why;
  lab_status st = LAB_OK;

  out[0] = '\0';
  if (!v)
    return required ? fail_at(c, false, "missing key '%s'", key) : LAB_OK;
  push_key(c, key);
  if (!cJSON_IsString(v)) {
    st = fail_at(c, false, "expected an SOC code as a string (\"15-1211\"), got %s", type_name(v));
  } else {
    why = soc_problem(v->valuestring);
    if (why)
      st = fail_at(c, false, "'%s' %s", v->valuestring, why);
    else
      memcpy(out, v->valuestring, LAB_ROLE_CODE_SIZE);
  }
  pop(c);
  return st;
}

static lab_status parse_component(struct checker *c, const cJSON *comp,
                                  struct lab_role_component *out)
{
  static const char *const keys[] = {"code", "weight", "note", "fallback"};
  lab_status st;

  if (!cJSON_IsObject(comp))
    return fail_at(c, false, "expected a component object {\"code\": ...}, got %s",
                   type_name(comp));
  st = check_keys(c, comp, keys, LAB_ARRAY_SIZE(keys));
  if (!st)
    st = get_code(c, comp, "code", true, out->code);
  if (!st)
    st = get_code(c, comp, "fallback", false, out->fallback);
  if (!st && strcmp(out->code, out->fallback) == 0) {
    push_key(c, "fallback");
    st = fail_at(c, false, "the fallback must differ from the code");
    pop(c);
  }
  if (!st)
    st = get_weight(c, comp, out);
  if (!st)
    st = get_text(c, comp, "note", false, &out->note);
  return st;
}

/* The components of one edition: a non-empty array, codes unique, weights of one kind. */
static lab_status parse_edition(struct checker *c, const cJSON *arr,
                                struct lab_role_components *out)
{
  const cJSON *v;
  size_t count = 0;
  lab_status st = LAB_OK;

  if (!cJSON_IsArray(arr))
    return fail_at(c, false, "expected an array of components, got %s", type_name(arr));
  cJSON_ArrayForEach(v, arr) count++;
  if (count == 0)
    return fail_at(c, false, "no components: name at least one code, or leave the edition out");
  out->v = calloc(count, sizeof(*out->v));
  if (!out->v)
    return lab_error_set(c->err, LAB_ERR_NOMEM, "out of memory");
  cJSON_ArrayForEach(v, arr)
  {
    struct lab_role_component *comp = &out->v[out->n];
    push_index(c, out->n);
    st = parse_component(c, v, comp);
    out->n++; /* counted even on failure, so lab_roles_free() frees its note */
    for (size_t k = 0; !st && k + 1 < out->n; k++) {
      const struct lab_role_component *o = &out->v[k];
      if (strcmp(o->code, comp->code) == 0 || strcmp(o->fallback, comp->code) == 0) {
        push_key(c, "code");
        st = fail_at(c, false, "'%s' is already a component of this edition", comp->code);
        pop(c);
      } else if (comp->fallback[0] && (strcmp(o->code, comp->fallback) == 0 ||
                                       strcmp(o->fallback, comp->fallback) == 0)) {
        push_key(c, "fallback");
        st = fail_at(c, false, "'%s' is already a component of this edition", comp->fallback);
        pop(c);
      } else if (o->by_employment != comp->by_employment) {
        st = fail_at(c, false,
                     "mixes fixed weights and \"employment\" in one edition: give every "
                     "component a number, or none");
      }
    }
    pop(c);
    if (st)
      return st;
  }
  return LAB_OK;
}

static lab_status parse_components(struct checker *c, const cJSON *role, struct lab_role *out)
{
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(role, "components");
  size_t covered = 0;
  lab_status st;

  if (!obj)
    return fail_at(c, false, "missing key 'components'");
  push_key(c, "components");
  if (!cJSON_IsObject(obj)) {
    st = fail_at(c, false,
                 "expected an object with the editions \"2018\", \"hybrid\", \"2010\", "
                 "got %s",
                 type_name(obj));
    goto out;
  }
  st = check_keys(c, obj, edition_keys, LAB_ROLE_NEDITIONS);
  for (int e = 0; !st && e < LAB_ROLE_NEDITIONS; e++) {
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, edition_keys[e]);
    if (!arr)
      continue;
    push_key(c, edition_keys[e]);
    st = parse_edition(c, arr, &out->editions[e]);
    pop(c);
    covered++;
  }
  if (!st && covered == 0)
    st = fail_at(c, false, "no SOC edition: name the codes for \"2018\", \"hybrid\" or \"2010\"");
out:
  pop(c);
  return st;
}

static lab_status parse_industry(struct checker *c, const cJSON *role, struct lab_role *out)
{
  static const char *const keys[] = {"naics", "note"};
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(role, "industry");
  lab_status st;

  if (!obj) {
    out->n_naics = 0;
    return dup_text(c, "", &out->industry_note);
  }
  push_key(c, "industry");
  if (!cJSON_IsObject(obj)) {
    st = fail_at(c, false, "expected an object {\"naics\": [...], \"note\": ...}, got %s",
                 type_name(obj));
    goto out;
  }
  st = check_keys(c, obj, keys, LAB_ARRAY_SIZE(keys));
  if (!st)
    st = get_text_list(c, obj, "naics", true, &out->naics, &out->n_naics);
  for (size_t i = 0; !st && i < out->n_naics; i++) {
    push_key(c, "naics");
    push_index(c, i);
    if (!is_naics(out->naics[i]))
      st = fail_at(c, false,
                   "'%s' is not an OEWS NAICS code (two digits, then up to four digits or "
                   "capitals: \"62\", \"622000\")",
                   out->naics[i]);
    for (size_t k = 0; !st && k < i; k++)
      if (strcmp(out->naics[k], out->naics[i]) == 0)
        st = fail_at(c, false, "'%s' is listed twice", out->naics[i]);
    pop(c);
    pop(c);
  }
  if (!st)
    st = get_text(c, obj, "note", false, &out->industry_note);
out:
  pop(c);
  return st;
}

static lab_status parse_role(struct checker *c, const cJSON *role, struct lab_role *out)
{
  static const char *const keys[] = {"name",  "title",    "rationale",
                                     "notes", "industry", "components"};
  lab_status st;

  if (!cJSON_IsObject(role))
    return fail_at(c, false, "expected a role object, got %s", type_name(role));
  st = check_keys(c, role, keys, LAB_ARRAY_SIZE(keys));
  if (!st)
    st = get_slug(c, role, "name", &out->name);
  if (!st)
    st = get_text(c, role, "title", true, &out->title);
  if (!st)
    st = get_text(c, role, "rationale", true, &out->rationale);
  if (!st)
    st = get_text_list(c, role, "notes", false, &out->notes, &out->n_notes);
  if (!st)
    st = parse_industry(c, role, out);
  if (!st)
    st = parse_components(c, role, out);
  return st;
}

static lab_status parse_roles(struct checker *c, const cJSON *root, struct lab_roles *set)
{
  const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "roles");
  const cJSON *v;
  size_t count = 0;
  lab_status st = LAB_OK;

  if (!arr)
    return fail_at(c, false, "missing key 'roles'");
  push_key(c, "roles");
  if (!cJSON_IsArray(arr)) {
    st = fail_at(c, false, "expected an array of roles, got %s", type_name(arr));
    goto out;
  }
  cJSON_ArrayForEach(v, arr) count++;
  if (count == 0) {
    st = fail_at(c, false, "no roles");
    goto out;
  }
  set->roles = calloc(count, sizeof(*set->roles));
  if (!set->roles) {
    st = lab_error_set(c->err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  cJSON_ArrayForEach(v, arr)
  {
    struct lab_role *r = &set->roles[set->n];
    push_index(c, set->n);
    st = parse_role(c, v, r);
    set->n++;
    for (size_t k = 0; !st && k + 1 < set->n; k++) {
      if (strcmp(set->roles[k].name, r->name) == 0) {
        push_key(c, "name");
        st = fail_at(c, false, "duplicate role name '%s' (also roles[%zu])", r->name, k);
        pop(c);
      }
    }
    pop(c);
    if (st)
      goto out;
  }
out:
  pop(c);
  return st;
}

static lab_status parse_top(struct checker *c, const cJSON *root, struct lab_roles *set)
{
  static const char *const keys[] = {"schema",      "preset", "version",
                                     "description", "notes",  "roles"};
  const cJSON *schema;
  lab_status st;

  if (!cJSON_IsObject(root))
    return fail_at(c, false, "a role file holds one JSON object, not %s", type_name(root));
  st = check_keys(c, root, keys, LAB_ARRAY_SIZE(keys));
  if (st)
    return st;
  schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
  if (!schema)
    return fail_at(c, false, "missing key 'schema' (this laborstat reads schema %d)",
                   LAB_ROLES_SCHEMA);
  push_key(c, "schema");
  if (!cJSON_IsNumber(schema) || schema->valuedouble != LAB_ROLES_SCHEMA)
    st = fail_at(c, false, "this laborstat reads role files of schema %d only", LAB_ROLES_SCHEMA);
  pop(c);
  if (!st)
    st = get_slug(c, root, "preset", &set->preset);
  if (!st)
    st = get_text(c, root, "version", true, &set->version);
  if (!st)
    st = get_text(c, root, "description", false, &set->description);
  if (!st)
    st = get_text_list(c, root, "notes", false, &set->notes, &set->n_notes);
  if (!st)
    st = parse_roles(c, root, set);
  return st;
}

/* --------------------------------------------------------------------------- public */

static void free_list(char **v, size_t n)
{
  for (size_t i = 0; v && i < n; i++)
    free(v[i]);
  free(v);
}

static void role_release(struct lab_role *r)
{
  free(r->name);
  free(r->title);
  free(r->rationale);
  free_list(r->notes, r->n_notes);
  free_list(r->naics, r->n_naics);
  free(r->industry_note);
  for (int e = 0; e < LAB_ROLE_NEDITIONS; e++) {
    for (size_t i = 0; i < r->editions[e].n; i++)
      free(r->editions[e].v[i].note);
    free(r->editions[e].v);
  }
  memset(r, 0, sizeof(*r));
}

void lab_roles_free(struct lab_roles *set)
{
  if (!set)
    return;
  for (size_t i = 0; set->roles && i < set->n; i++)
    role_release(&set->roles[i]);
  free(set->roles);
  free(set->origin);
  free(set->preset);
  free(set->version);
  free(set->description);
  free_list(set->notes, set->n_notes);
  free(set);
}

lab_status lab_roles_parse(const char *text, size_t len, const char *origin, struct lab_roles **out,
                           struct lab_error *err)
{
  struct checker c = {.text = text, .len = len, .origin = origin ? origin : "", .err = err};
  struct lab_roles *set = NULL;
  cJSON *root = NULL;
  const char *end = NULL;
  size_t pos, line, col;
  lab_status st = LAB_OK;

  *out = NULL;
  if (len > LAB_ROLE_FILE_MAX)
    return lab_error_set_at(err, LAB_ERR_TOOLARGE, c.origin, 0, 0,
                            "a role file is at most %d bytes, this one has %zu", LAB_ROLE_FILE_MAX,
                            len);
  if (rowbuf_check_text(text, len, c.origin, 0, err))
    return LAB_ERR_PARSE;
  pos = norm_json_too_deep(text, len, LAB_ROLE_MAX_DEPTH);
  if (pos < len) {
    line_column(text, len, pos, &line, &col);
    return lab_error_set_at(err, LAB_ERR_TOOLARGE, c.origin, line, col,
                            "JSON nested deeper than %d (a role file needs about 5 levels)",
                            LAB_ROLE_MAX_DEPTH);
  }
  root = cJSON_ParseWithLengthOpts(text, len, &end, false);
  pos = end && end >= text ? (size_t)(end - text) : 0;
  if (root) {
    pos = skip_ws(text, len, pos);
    if (pos < len) {
      line_column(text, len, pos, &line, &col);
      st = lab_error_set_at(err, LAB_ERR_PARSE, c.origin, line, col,
                            "unexpected text after the JSON object");
      goto out;
    }
  } else {
    char near[16];
    size_t n = 0;
    /* cJSON stops at or just past the offending character (past it when a string was expected):
     * from blank space or the end, step back to the last character before it. */
    while (pos > 0 && (pos >= len || strchr(" \t\r\n", text[pos])))
      pos--;
    for (size_t i = pos; i < len && n + 1 < sizeof(near); i++)
      near[n++] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : ' ';
    near[n] = '\0';
    line_column(text, len, pos, &line, &col);
    st = lab_error_set_at(err, LAB_ERR_PARSE, c.origin, line, col, "malformed JSON%s%s%s",
                          n ? " at '" : " (the text ends early)", near, n ? "'" : "");
    goto out;
  }
  set = calloc(1, sizeof(*set));
  if (!set) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
    goto out;
  }
  st = dup_text(&c, c.origin, &set->origin);
  if (!st)
    st = parse_top(&c, root, set);
  if (st)
    goto out;
  *out = set;
  set = NULL;
out:
  lab_roles_free(set);
  cJSON_Delete(root);
  return st;
}

lab_status lab_roles_load(const char *path, struct lab_roles **out, struct lab_error *err)
{
  char *buf = NULL;
  size_t n = 0;
  lab_status st;

  *out = NULL;
  st = lab_file_read(path, LAB_ROLE_FILE_MAX, &buf, &n, err);
  if (st && err) {
    char why[sizeof(err->msg)];
    memcpy(why, err->msg, sizeof(why));
    lab_error_set_at(err, st, path, 0, 0, "cannot open the role file: %s", why);
  }
  if (!st)
    st = lab_roles_parse(buf, n, path, out, err);
  free(buf);
  return st;
}

const struct lab_role *lab_roles_get(const struct lab_roles *set, const char *name)
{
  for (size_t i = 0; set && i < set->n; i++)
    if (strcmp(set->roles[i].name, name) == 0)
      return &set->roles[i];
  return NULL;
}

lab_status lab_roles_select(struct lab_roles *set, const char *name, struct lab_error *err)
{
  const struct lab_role *keep;
  size_t k;

  if (strcmp(set->preset, name) == 0)
    return LAB_OK;
  keep = lab_roles_get(set, name);
  if (!keep)
    return lab_error_set(err, LAB_ERR_NOTFOUND,
                         "'%s' is neither the preset '%s' nor one of its %zu roles", name,
                         set->preset, set->n);
  k = (size_t)(keep - set->roles);
  for (size_t i = 0; i < set->n; i++)
    if (i != k)
      role_release(&set->roles[i]);
  if (k != 0)
    set->roles[0] = set->roles[k];
  set->n = 1;
  return LAB_OK;
}
