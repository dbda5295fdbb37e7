/*
 * json_pos.c - JSON for the downloaded-file readers: cJSON with a size and depth cap, and the
 * byte offsets cJSON does not keep (where each row and value starts), found by a small scanner
 * that runs over text cJSON has already accepted, so that errors name a line and column.
 */
#include "datasets/lab_blsapi.h"
#include "datasets/normalize.h"
#include "datasets/rowbuf.h"

#include <cjson/cJSON.h>

#include <stdbool.h>
#include <string.h>

void norm_json_advance(struct norm_json_cursor *c, size_t off)
{
  if (off < c->off) {
    c->off = 0;
    c->line = c->col = 1;
  }
  for (; c->off < off && c->off < c->len; c->off++) {
    unsigned char ch = (unsigned char)c->text[c->off];
    if (ch == '\n') {
      c->line++;
      c->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
      c->col++;
    }
  }
}

size_t norm_json_too_deep(const char *s, size_t len, size_t max)
{
  size_t depth = 0;
  bool in_str = false;

  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (in_str) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in_str = false;
    } else if (c == '"') {
      in_str = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      depth--;
    }
  }
  return len;
}

lab_status norm_json_parse(const char *data, size_t len, const char *name, struct cJSON **out,
                           struct lab_error *err)
{
  struct norm_json_cursor c = {.text = data, .len = len, .line = 1, .col = 1};
  const char *end = NULL;
  cJSON *root = NULL;
  size_t off;

  *out = NULL;
  if (len > LAB_BLSAPI_MAX_ANSWER)
    return lab_error_set(err, LAB_ERR_TOOLARGE, "%s: %zu bytes of JSON is over the %zu-byte limit",
                         name, len, LAB_BLSAPI_MAX_ANSWER);
  if (rowbuf_check_text(data, len, name, 0, err))
    return LAB_ERR_PARSE;
  off = norm_json_too_deep(data, len, LAB_BLSAPI_MAX_DEPTH);
  if (off < len) {
    norm_json_advance(&c, off);
    return lab_error_set_at(err, LAB_ERR_TOOLARGE, name, c.line, c.col,
                            "JSON nested deeper than %d", LAB_BLSAPI_MAX_DEPTH);
  }
  root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
  off = end && end >= data ? (size_t)(end - data) : 0;
  if (root)
    while (off < len && data[off] && strchr(" \t\r\n", data[off]))
      off++;
  if (!root || off < len) {
    norm_json_advance(&c, off > len ? len : off);
    cJSON_Delete(root);
    return lab_error_set_at(err, LAB_ERR_PARSE, name, c.line, c.col, "%s",
                            root ? "unexpected data after the JSON value" : "malformed JSON");
  }
  *out = root;
  return LAB_OK;
}

/* ------------------------------------------------------------------- offsets in valid JSON */

struct scan {
  const char *s;
  size_t len, i;
};

/* Blanks as cJSON skips them (every byte up to ' ', NUL included), so that offsets agree with
   what it accepted. */
static void ws(struct scan *c)
{
  while (c->i < c->len && (unsigned char)c->s[c->i] <= ' ')
    c->i++;
}

static void skip_string(struct scan *c)
{
  c->i++;
  while (c->i < c->len && c->s[c->i] != '"')
    c->i += c->s[c->i] == '\\' ? 2 : 1;
  c->i++;
}

static void skip_value(struct scan *c)
{
  int depth = 0;

  ws(c);
  if (c->i >= c->len)
    return;
  if (c->s[c->i] == '"') {
    skip_string(c);
    return;
  }
  if (c->s[c->i] != '{' && c->s[c->i] != '[') {
    while (c->i < c->len && (unsigned char)c->s[c->i] > ' ' && !strchr(",]}", c->s[c->i]))
      c->i++;
    return;
  }
  do {
    char ch = c->s[c->i];
    if (ch == '"') {
      skip_string(c);
      continue;
    }
    if (ch == '{' || ch == '[')
      depth++;
    else if (ch == '}' || ch == ']')
      depth--;
    c->i++;
  } while (depth > 0 && c->i < c->len);
}

/* At a key: *key = its text (without quotes), c past the ':' and blanks. */
static void read_key(struct scan *c, const char **key, size_t *klen)
{
  size_t start = c->i + 1;

  skip_string(c);
  *key = c->s + start;
  *klen = c->i > start ? c->i - 1 - start : 0;
  ws(c);
  if (c->i < c->len && c->s[c->i] == ':')
    c->i++;
  ws(c);
}

static bool key_is(const char *key, size_t klen, const char *want)
{
  return strlen(want) == klen && strncmp(key, want, klen) == 0;
}

/* One object of the array: offsets of the wanted keys' values. */
static void scan_object(struct scan *c, const char *const *keys, size_t nkeys, size_t *val)
{
  c->i++;
  for (;;) {
    const char *key;
    size_t klen;
    ws(c);
    if (c->i >= c->len || c->s[c->i] == '}') {
      c->i++;
      return;
    }
    read_key(c, &key, &klen);
    for (size_t k = 0; val && k < nkeys; k++)
      if (!val[k] && key_is(key, klen, keys[k]))
        val[k] = c->i;
    skip_value(c);
    ws(c);
    if (c->i < c->len && c->s[c->i] == ',')
      c->i++;
  }
}

/* The array at c: offsets of its first n elements and of their wanted values. */
static void scan_array(struct scan *c, const char *const *keys, size_t nkeys, size_t *elem,
                       size_t *val, size_t n)
{
  size_t r = 0;

  c->i++;
  for (;;) {
    ws(c);
    if (c->i >= c->len || c->s[c->i] == ']') {
      c->i++;
      return;
    }
    size_t before = c->i;
    if (r < n && elem)
      elem[r] = c->i;
    if (c->s[c->i] == '{' && r < n)
      scan_object(c, keys, nkeys, val ? val + r * nkeys : NULL);
    else
      skip_value(c);
    r++;
    ws(c);
    if (c->i < c->len && c->s[c->i] == ',')
      c->i++;
    else if (c->i == before)
      c->i++; /* no progress (text cJSON would have refused): never loop forever */
  }
}

size_t norm_json_scan(const char *text, size_t len, const char *top, const char *const *keys,
                      size_t nkeys, size_t *elem, size_t *val, size_t n)
{
  struct scan c = {.s = text, .len = len};
  size_t found = 0;

  ws(&c);
  if (c.i >= len || text[c.i] != '{')
    return 0;
  c.i++;
  for (;;) {
    const char *key;
    size_t klen;
    ws(&c);
    if (c.i >= len || text[c.i] == '}')
      break;
    read_key(&c, &key, &klen);
    if (found == 0 && key_is(key, klen, top)) {
      found = c.i; /* the value of `top` */
      if (text[c.i] == '[')
        scan_array(&c, keys, nkeys, elem, val, n);
      else
        skip_value(&c);
    } else {
      skip_value(&c);
    }
    ws(&c);
    if (c.i < len && text[c.i] == ',')
      c.i++;
  }
  return found;
}
