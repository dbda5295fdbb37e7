/*
 * config.c - the user's config file.
 */
#include "common/lab_config.h"
#include "common/lab_file.h"
#include "common/lab_paths.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CONFIG_MAX ((size_t)64 * 1024)

static void wipe(char *s)
{
  if (s) {
    volatile char *v = s;
    while (*v)
      *v++ = '\0';
  }
}

void lab_config_release(struct lab_config *c)
{
  if (!c)
    return;
  wipe(c->api_key);
  free(c->api_key);
  free(c->path);
  free(c->contact);
  free(c->mirror);
  free(c->cacert);
  memset(c, 0, sizeof(*c));
  c->pace_ms = c->timeout_s = c->retries = c->pc_page_size = -1;
}

static char *trim(char *s, char *end)
{
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;
  *end = '\0';
  return s;
}

static const struct {
  const char *key;
  size_t offset;
  long lo, hi;
} numbers[] = {
    {"pace_ms", offsetof(struct lab_config, pace_ms), 0, 60000},
    {"timeout_s", offsetof(struct lab_config, timeout_s), 1, 3600},
    {"retries", offsetof(struct lab_config, retries), 1, 20},
    {"pc_page_size", offsetof(struct lab_config, pc_page_size), 10, 1000},
};

/* One `key = value` line (NUL-terminated, without '\n'). */
static lab_status parse_line(struct lab_config *c, char *line, size_t lineno, bool *has_key,
                             struct lab_error *err)
{
  char *hash = strchr(line, '#');
  char *eq, *key, *val, **slot = NULL;

  if (hash)
    *hash = '\0';
  key = trim(line, line + strlen(line));
  if (!key[0])
    return LAB_OK;
  eq = strchr(key, '=');
  if (!eq)
    return lab_error_set_at(err, LAB_ERR_PARSE, c->path, lineno, (size_t)(key - line) + 1,
                            "expected 'key = value'");
  val = trim(eq + 1, eq + 1 + strlen(eq + 1));
  trim(key, eq);
  if (strcmp(key, "contact") == 0)
    slot = &c->contact;
  else if (strcmp(key, "api_key") == 0)
    slot = &c->api_key;
  else if (strcmp(key, "mirror") == 0)
    slot = &c->mirror;
  else if (strcmp(key, "cacert") == 0)
    slot = &c->cacert;
  for (size_t i = 0; i < LAB_ARRAY_SIZE(numbers); i++) {
    char *end;
    long v;
    if (strcmp(key, numbers[i].key) != 0)
      continue;
    v = strtol(val, &end, 10);
    if (!val[0] || *end || v < numbers[i].lo || v > numbers[i].hi)
      return lab_error_set_at(err, LAB_ERR_PARSE, c->path, lineno, (size_t)(val - line) + 1,
                              "%s must be a whole number from %ld to %ld", key, numbers[i].lo,
                              numbers[i].hi);
    *(long *)((char *)c + numbers[i].offset) = v;
    return LAB_OK;
  }
  if (!slot)
    return lab_error_set_at(err, LAB_ERR_PARSE, c->path, lineno, (size_t)(key - line) + 1,
                            "unknown key '%.40s' (expected contact, api_key, mirror, cacert, "
                            "pace_ms, timeout_s, retries or pc_page_size)",
                            key);
  if (slot == &c->api_key)
    *has_key = true;
  if (*slot) {
    wipe(*slot);
    free(*slot);
  }
  *slot = strdup(val);
  return *slot ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
}

/* Text the line parser can take: not UTF-16, no NUL byte (which would end a line early). */
static lab_status check_text(const char *path, const char *data, size_t len, struct lab_error *err)
{
  const char *nul = memchr(data, '\0', len);
  size_t line = 1, col = 1;

  if (len >= 2 &&
      ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
    return lab_error_set_at(err, LAB_ERR_PARSE, path, 1, 1,
                            "UTF-16 text: the config file must be UTF-8 (`key = value` lines)");
  if (!nul)
    return LAB_OK;
  for (const char *p = data; p < nul; p++) {
    if (*p == '\n') {
      line++;
      col = 1;
    } else if ((*p & 0xC0) != 0x80) {
      col++;
    }
  }
  return lab_error_set_at(err, LAB_ERR_PARSE, path, line, col,
                          "NUL byte (expected text `key = value` lines)");
}

lab_status lab_config_load(const char *path, struct lab_config *out, struct lab_error *err)
{
  char *data = NULL;
  size_t len = 0, lineno = 0;
  bool has_key = false;
  struct stat sb;
  lab_status st;

  memset(out, 0, sizeof(*out));
  out->pace_ms = out->timeout_s = out->retries = out->pc_page_size = -1;
  if (path) {
    out->path = strdup(path);
    st = out->path ? LAB_OK : lab_error_set(err, LAB_ERR_NOMEM, "out of memory");
  } else {
    st = lab_paths_config(&out->path, err);
  }
  if (st)
    goto out;
  st = lab_file_read(out->path, CONFIG_MAX, &data, &len, err);
  if (st == LAB_ERR_NOTFOUND) {
    lab_error_clear(err);
    st = LAB_OK;
    free(out->path);
    out->path = NULL;
    goto out;
  }
  if (st)
    goto out;
  st = check_text(out->path, data, len, err);
  if (st)
    goto out;
  for (char *line = data + (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0); line && !st;
       lineno++) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    st = parse_line(out, line, lineno + 1, &has_key, err);
    line = nl ? nl + 1 : NULL;
  }
  if (!st && has_key && stat(out->path, &sb) == 0 && (sb.st_mode & (S_IRWXG | S_IRWXO))) {
    st = lab_error_set(err, LAB_ERR_INVALID,
                       "%.200s holds api_key but group or others may read it (mode %03o): the "
                       "key is not used; run `chmod 600 %.200s`",
                       out->path, (unsigned)(sb.st_mode & 0777), out->path);
  }
out:
  if (data) {
    volatile char *v = data;
    for (size_t i = 0; i < len; i++)
      v[i] = '\0';
    free(data);
  }
  if (st)
    lab_config_release(out);
  return st;
}
