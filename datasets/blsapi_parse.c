/*
 * blsapi_parse.c - BLS API v2 answers (cJSON tree) to struct lab_blsapi_answer.
 */
#include "datasets/lab_blsapi.h"
#include "datasets/normalize.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
  return strdup(s ? s : "");
}

static bool starts(const char *s, const char *prefix, const char **rest)
{
  size_t n = strlen(prefix);

  if (strncmp(s, prefix, n) != 0)
    return false;
  *rest = s + n;
  return true;
}

/* Copy the series id that starts at p (spaces skipped) up to a space or the end. */
static char *dup_id(const char *p)
{
  size_t n = 0;

  while (*p == ' ')
    p++;
  while (p[n] && p[n] != ' ')
    n++;
  return strndup(p, n);
}

static lab_status classify(const char *text, struct lab_blsapi_message *m)
{
  const char *rest;

  m->kind = LAB_BLSAPI_MSG_OTHER;
  m->text = dup_str(text);
  if (!m->text)
    return LAB_ERR_NOMEM;
  if (strstr(text, "daily threshold")) {
    m->kind = LAB_BLSAPI_MSG_THRESHOLD;
  } else if (starts(text, "Series does not exist for Series", &rest) ||
             starts(text, "Invalid Series for Series", &rest)) {
    m->kind = LAB_BLSAPI_MSG_NO_SERIES;
    m->series = dup_id(rest);
  } else if (starts(text, "No Data Available for Series", &rest)) {
    const char *y = strstr(rest, "Year:");
    m->kind = LAB_BLSAPI_MSG_NO_DATA;
    m->series = dup_id(rest);
    m->year = y ? (int)strtol(y + 5, NULL, 10) : 0;
  } else if (starts(text, "Year range has been reduced to the system-allowed limit of", &rest)) {
    m->kind = LAB_BLSAPI_MSG_YEARS_REDUCED;
    m->limit = (int)strtol(rest, NULL, 10);
  }
  if (m->kind != LAB_BLSAPI_MSG_OTHER && m->kind != LAB_BLSAPI_MSG_THRESHOLD &&
      m->kind != LAB_BLSAPI_MSG_YEARS_REDUCED && !m->series)
    return LAB_ERR_NOMEM;
  return LAB_OK;
}

static bool valid_period(const char *p)
{
  int n;

  if (strlen(p) != 3 || p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9')
    return false;
  n = (p[1] - '0') * 10 + (p[2] - '0');
  switch (p[0]) {
  case 'M':
    return n >= 1 && n <= 13;
  case 'Q':
    return n >= 1 && n <= 5;
  case 'S':
    return n >= 1 && n <= 3;
  case 'A':
    return n == 1;
  default:
    return false;
  }
}

static const char *get_str(const cJSON *obj, const char *key)
{
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* Footnote texts joined with "; " into *out (NULL when none). */
static lab_status join_footnotes(const cJSON *notes, char **out)
{
  size_t total = 0;
  const cJSON *n;
  char *s;

  *out = NULL;
  cJSON_ArrayForEach(n, notes)
  {
    const char *t = get_str(n, "text");
    if (t && t[0])
      total += strlen(t) + 2;
  }
  if (total == 0)
    return LAB_OK;
  s = malloc(total + 1);
  if (!s)
    return LAB_ERR_NOMEM;
  s[0] = '\0';
  cJSON_ArrayForEach(n, notes)
  {
    const char *t = get_str(n, "text");
    if (!t || !t[0])
      continue;
    if (s[0])
      strcat(s, "; ");
    strcat(s, t);
  }
  *out = s;
  return LAB_OK;
}

static lab_status parse_obs(const cJSON *d, const char *id, const char *name,
                            struct lab_blsapi_obs *o, struct lab_error *err)
{
  const char *year = get_str(d, "year"), *period = get_str(d, "period");
  const char *latest = get_str(d, "latest");
  const cJSON *value = cJSON_GetObjectItemCaseSensitive(d, "value");
  char *end = NULL;
  long y;

  if (!year || !period || !value)
    return lab_error_set(err, LAB_ERR_PARSE,
                         "%s: series '%s': data point without year, period "
                         "or value",
                         name, id);
  errno = 0;
  y = strtol(year, &end, 10);
  if (errno || end == year || *end || y < 1000 || y > 9999)
    return lab_error_set(err, LAB_ERR_PARSE, "%s: series '%s': bad year '%.20s'", name, id, year);
  if (!valid_period(period))
    return lab_error_set(err, LAB_ERR_PARSE, "%s: series '%s' year %ld: unknown period '%.20s'",
                         name, id, y, period);
  o->year = (int)y;
  memcpy(o->period, period, 4);
  o->latest = latest && strcmp(latest, "true") == 0;
  o->value = NAN;
  if (cJSON_IsNumber(value)) {
    o->value = value->valuedouble;
  } else if (!cJSON_IsString(value)) {
    return lab_error_set(err, LAB_ERR_PARSE, "%s: series '%s' %ld %s: value is not a string", name,
                         id, y, period);
  } else if (strcmp(value->valuestring, "-") == 0 || value->valuestring[0] == '\0') {
    o->missing = true;
  } else {
    errno = 0;
    o->value = strtod(value->valuestring, &end);
    if (errno || end == value->valuestring || *end || !isfinite(o->value))
      return lab_error_set(err, LAB_ERR_PARSE, "%s: series '%s' %ld %s: bad value '%.40s'", name,
                           id, y, period, value->valuestring);
  }
  o->period_name = dup_str(get_str(d, "periodName"));
  if (!o->period_name ||
      join_footnotes(cJSON_GetObjectItemCaseSensitive(d, "footnotes"), &o->footnotes))
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory parsing a BLS answer");
  return LAB_OK;
}

static lab_status parse_series(const cJSON *js, const char *name, struct lab_blsapi_answer *a,
                               struct lab_error *err)
{
  const char *id = get_str(js, "seriesID");
  const cJSON *data = cJSON_GetObjectItemCaseSensitive(js, "data"), *d;
  struct lab_blsapi_series *s;
  lab_status st = LAB_OK;

  if (!id || !id[0])
    return lab_error_set(err, LAB_ERR_PARSE, "%s: series without a seriesID", name);
  if (data && !cJSON_IsArray(data))
    return lab_error_set(err, LAB_ERR_PARSE, "%s: series '%s': data is not an array", name, id);
  for (size_t i = 0; i < a->nseries; i++)
    if (strcmp(a->series[i].id, id) == 0)
      return lab_error_set(err, LAB_ERR_PARSE, "%s: series '%s' appears twice", name, id);
  s = &a->series[a->nseries];
  memset(s, 0, sizeof(*s));
  s->id = strdup(id);
  if (!s->id)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory parsing a BLS answer");
  a->nseries++; /* from here on released with the answer */
  if (cJSON_GetArraySize(data) > 0) {
    s->obs = calloc((size_t)cJSON_GetArraySize(data), sizeof(*s->obs));
    if (!s->obs)
      return lab_error_set(err, LAB_ERR_NOMEM, "out of memory parsing a BLS answer");
  }
  cJSON_ArrayForEach(d, data)
  {
    st = parse_obs(d, id, name, &s->obs[s->nobs], err);
    s->nobs++; /* released with the series even when parse_obs failed half-way */
    if (st)
      break;
  }
  return st;
}

/* The "series" arrays of Results, an object or an array of objects; NULL-safe. */
static lab_status parse_results(const cJSON *results, const char *name, struct lab_blsapi_answer *a,
                                struct lab_error *err)
{
  const cJSON *b, *js;
  size_t total = 0;
  lab_status st = LAB_OK;

  if (!results || cJSON_IsNull(results))
    return LAB_OK;
  if (!cJSON_IsObject(results) && !cJSON_IsArray(results))
    return lab_error_set(err, LAB_ERR_PARSE, "%s: Results is neither an object nor an array", name);
  /* Count first so that the series array is allocated once. */
  for (int pass = 0; pass < 2 && !st; pass++) {
    if (pass == 1) {
      if (total == 0)
        break;
      a->series = calloc(total, sizeof(*a->series));
      if (!a->series)
        return lab_error_set(err, LAB_ERR_NOMEM, "out of memory parsing a BLS answer");
    }
    for (const cJSON *blk = cJSON_IsArray(results) ? results->child : results; blk && !st;
         blk = cJSON_IsArray(results) ? blk->next : NULL) {
      b = cJSON_GetObjectItemCaseSensitive(blk, "series");
      if (b && !cJSON_IsArray(b))
        return lab_error_set(err, LAB_ERR_PARSE, "%s: Results.series is not an array", name);
      if (pass == 0) {
        total += (size_t)cJSON_GetArraySize(b);
        continue;
      }
      cJSON_ArrayForEach(js, b)
      {
        st = parse_series(js, name, a, err);
        if (st)
          break;
      }
    }
  }
  return st;
}

static lab_status parse_messages(const cJSON *msgs, const char *name, struct lab_blsapi_answer *a,
                                 struct lab_error *err)
{
  const cJSON *m;
  int n = cJSON_GetArraySize(msgs);

  if (msgs && !cJSON_IsArray(msgs))
    return lab_error_set(err, LAB_ERR_PARSE, "%s: message is not an array", name);
  if (n <= 0)
    return LAB_OK;
  a->messages = calloc((size_t)n, sizeof(*a->messages));
  if (!a->messages)
    return lab_error_set(err, LAB_ERR_NOMEM, "out of memory parsing a BLS answer");
  cJSON_ArrayForEach(m, msgs)
  {
    lab_status st;
    if (!cJSON_IsString(m))
      return lab_error_set(err, LAB_ERR_PARSE, "%s: a message is not a string", name);
    st = classify(m->valuestring, &a->messages[a->nmessages]);
    a->nmessages++;
    if (st)
      return lab_error_set(err, st, "out of memory parsing a BLS answer");
  }
  return LAB_OK;
}

lab_status lab_blsapi_parse(const char *json, size_t len, const char *name,
                            struct lab_blsapi_answer *out, struct lab_error *err)
{
  lab_status st = LAB_OK;
  cJSON *root = NULL;
  const char *status;
  const cJSON *rt;

  memset(out, 0, sizeof(*out));
  out->response_ms = -1;
  name = name ? name : "BLS answer";
  /* size and depth caps, and the line and column where the text stops being JSON */
  st = norm_json_parse(json, len, name, &root, err);
  if (st)
    goto out;
  status = get_str(root, "status");
  if (!cJSON_IsObject(root) || !status) {
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: not a BLS answer (no \"status\")", name);
    goto out;
  }
  out->status_text = strdup(status);
  if (!out->status_text) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory parsing a BLS answer");
    goto out;
  }
  if (strcmp(status, "REQUEST_SUCCEEDED") == 0)
    out->status = LAB_BLSAPI_SUCCEEDED;
  else if (strcmp(status, "REQUEST_NOT_PROCESSED") == 0)
    out->status = LAB_BLSAPI_NOT_PROCESSED;
  else if (strcmp(status, "REQUEST_FAILED") == 0)
    out->status = LAB_BLSAPI_FAILED;
  else
    out->status = LAB_BLSAPI_STATUS_OTHER;
  rt = cJSON_GetObjectItemCaseSensitive(root, "responseTime");
  if (cJSON_IsNumber(rt) && rt->valuedouble >= 0 && rt->valuedouble < 1e15) /* else absent */
    out->response_ms = (long)rt->valuedouble;
  st = parse_messages(cJSON_GetObjectItemCaseSensitive(root, "message"), name, out, err);
  if (st)
    goto out;
  if (out->status != LAB_BLSAPI_SUCCEEDED) {
    st = lab_error_set(err, LAB_ERR_HTTP, "BLS answered %.40s: \"%.400s\"", status,
                       out->nmessages ? out->messages[0].text : "(no message)");
    goto out; /* out stays filled: the caller shows the messages */
  }
  st = parse_results(cJSON_GetObjectItemCaseSensitive(root, "Results"), name, out, err);
  if (st)
    goto out;
  if (out->nseries == 0 && out->nmessages == 0)
    st = lab_error_set(err, LAB_ERR_PARSE, "%s: answer holds neither series nor messages", name);
out:
  if (st && st != LAB_ERR_HTTP)
    lab_blsapi_answer_release(out);
  cJSON_Delete(root);
  return st;
}
