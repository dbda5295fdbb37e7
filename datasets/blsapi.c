/*
 * blsapi.c - BLS API v2: request planning, POST bodies, merging answers, releasing them.
 * Parsing is in blsapi_parse.c.
 */
#include "datasets/lab_blsapi.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool valid_id(const char *id)
{
  size_t n = 0;

  if (!id || !id[0])
    return false;
  for (; id[n]; n++) {
    char c = id[n];
    if (n >= LAB_BLSAPI_MAX_ID_LEN)
      return false;
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  }
  return true;
}

static lab_status check_series(const char *const *series, size_t nseries, struct lab_error *err)
{
  if (!series || nseries == 0)
    return lab_error_set(err, LAB_ERR_INVALID, "no series ids given");
  for (size_t i = 0; i < nseries; i++) {
    if (!valid_id(series[i]))
      return lab_error_set(err, LAB_ERR_INVALID,
                           "invalid series id '%.40s' (#%zu): expected 1-%d characters A-Z, 0-9",
                           series[i] ? series[i] : "(null)", i + 1, LAB_BLSAPI_MAX_ID_LEN);
    for (size_t j = 0; j < i; j++)
      if (strcmp(series[i], series[j]) == 0)
        return lab_error_set(err, LAB_ERR_INVALID, "series id '%s' given twice", series[i]);
  }
  return LAB_OK;
}

lab_status lab_blsapi_plan(const char *const *series, size_t nseries, int from, int to,
                           bool with_key, struct lab_blsapi_plan *out, struct lab_error *err)
{
  lab_status st = LAB_OK;
  size_t max_series = with_key ? 50 : 25;
  int max_years = with_key ? 20 : 10;
  size_t nschunks, nychunks, k = 0;

  memset(out, 0, sizeof(*out));
  st = check_series(series, nseries, err);
  if (st)
    goto out;
  if (from < 1900 || from > 2100 || to < 1900 || to > 2100) {
    st = lab_error_set(err, LAB_ERR_INVALID, "year out of range 1900-2100: %d-%d", from, to);
    goto out;
  }
  if (from > to) {
    st = lab_error_set(err, LAB_ERR_INVALID, "start year %d is after end year %d", from, to);
    goto out;
  }
  nschunks = (nseries + max_series - 1) / max_series;
  nychunks = (size_t)((to - from + 1 + max_years - 1) / max_years);
  out->req = calloc(nschunks * nychunks, sizeof(*out->req));
  if (!out->req) {
    st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory planning %zu requests",
                       nschunks * nychunks);
    goto out;
  }
  for (size_t s = 0; s < nschunks; s++) {
    size_t first = s * max_series;
    size_t n = nseries - first < max_series ? nseries - first : max_series;
    for (size_t y = 0; y < nychunks; y++) {
      struct lab_blsapi_request *r = &out->req[k++];
      r->series = series + first;
      r->nseries = n;
      r->from = from + (int)y * max_years;
      r->to = r->from + max_years - 1 < to ? r->from + max_years - 1 : to;
    }
  }
  out->nreq = k;
  out->max_series = max_series;
  out->max_years = max_years;
out:
  if (st)
    lab_blsapi_plan_release(out);
  return st;
}

void lab_blsapi_plan_release(struct lab_blsapi_plan *plan)
{
  if (!plan)
    return;
  free(plan->req);
  memset(plan, 0, sizeof(*plan));
}

static lab_status add_year(cJSON *root, const char *name, int year)
{
  char buf[16];

  snprintf(buf, sizeof(buf), "%d", year);
  return cJSON_AddStringToObject(root, name, buf) ? LAB_OK : LAB_ERR_NOMEM;
}

lab_status lab_blsapi_request_json(const struct lab_blsapi_request *r, const char *key,
                                   char **out_json, struct lab_error *err)
{
  lab_status st = LAB_OK;
  cJSON *root = NULL, *ids;
  char *text = NULL;

  *out_json = NULL;
  st = check_series(r->series, r->nseries, err);
  if (st)
    goto out;
  if (r->from < 1900 || r->to > 2100 || r->from > r->to) {
    st = lab_error_set(err, LAB_ERR_INVALID, "invalid year range %d-%d", r->from, r->to);
    goto out;
  }
  if (key && !key[0]) {
    st = lab_error_set(err, LAB_ERR_INVALID, "empty registration key");
    goto out;
  }
  st = LAB_ERR_NOMEM;
  root = cJSON_CreateObject();
  ids = cJSON_AddArrayToObject(root, "seriesid");
  if (!root || !ids)
    goto nomem;
  for (size_t i = 0; i < r->nseries; i++) {
    cJSON *s = cJSON_CreateString(r->series[i]);
    if (!s || !cJSON_AddItemToArray(ids, s)) {
      cJSON_Delete(s);
      goto nomem;
    }
  }
  if (add_year(root, "startyear", r->from) || add_year(root, "endyear", r->to))
    goto nomem;
  if (key && !cJSON_AddStringToObject(root, "registrationkey", key))
    goto nomem;
  /* annual averages (M13...) come only to registered users who ask for them */
  if (key && !cJSON_AddTrueToObject(root, "annualaverage"))
    goto nomem;
  text = cJSON_PrintUnformatted(root);
  if (!text)
    goto nomem;
  *out_json = strdup(text);
  if (!*out_json)
    goto nomem;
  st = LAB_OK;
  goto out;
nomem:
  st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory building a request body");
out:
  if (text) {
    memset(text, 0, strlen(text)); /* the key is in there */
    cJSON_free(text);
  }
  cJSON_Delete(root);
  return st;
}

void lab_blsapi_obs_release(struct lab_blsapi_obs *o)
{
  if (!o)
    return;
  free(o->period_name);
  free(o->footnotes);
  o->period_name = NULL;
  o->footnotes = NULL;
}

void lab_blsapi_series_release(struct lab_blsapi_series *s)
{
  if (!s)
    return;
  for (size_t i = 0; i < s->nobs; i++)
    lab_blsapi_obs_release(&s->obs[i]);
  free(s->obs);
  free(s->id);
  memset(s, 0, sizeof(*s));
}

void lab_blsapi_message_release(struct lab_blsapi_message *m)
{
  if (!m)
    return;
  free(m->text);
  free(m->series);
  memset(m, 0, sizeof(*m));
}

void lab_blsapi_answer_release(struct lab_blsapi_answer *a)
{
  if (!a)
    return;
  for (size_t i = 0; i < a->nmessages; i++)
    lab_blsapi_message_release(&a->messages[i]);
  for (size_t i = 0; i < a->nseries; i++)
    lab_blsapi_series_release(&a->series[i]);
  free(a->messages);
  free(a->series);
  free(a->status_text);
  memset(a, 0, sizeof(*a));
  a->response_ms = -1;
}

const char *lab_blsapi_msg_kind_name(enum lab_blsapi_msg_kind kind)
{
  switch (kind) {
  case LAB_BLSAPI_MSG_THRESHOLD:
    return "daily threshold reached";
  case LAB_BLSAPI_MSG_NO_SERIES:
    return "series does not exist";
  case LAB_BLSAPI_MSG_NO_DATA:
    return "no data for series and year";
  case LAB_BLSAPI_MSG_YEARS_REDUCED:
    return "year range reduced";
  case LAB_BLSAPI_MSG_OTHER:
    break;
  }
  return "message";
}

static int obs_cmp(const void *a, const void *b)
{
  const struct lab_blsapi_obs *x = a, *y = b;

  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  return strcmp(x->period, y->period);
}

static struct lab_blsapi_series *find_series(struct lab_blsapi_answer *a, const char *id)
{
  for (size_t i = 0; i < a->nseries; i++)
    if (strcmp(a->series[i].id, id) == 0)
      return &a->series[i];
  return NULL;
}

/* Grow *p to hold n elements of size sz (n > 0); the old block stays valid on failure. */
static bool grow(void *p, size_t n, size_t sz)
{
  void *q = realloc(*(void **)p, n * sz);

  if (!q)
    return false;
  *(void **)p = q;
  return true;
}

lab_status lab_blsapi_merge(struct lab_blsapi_answer *into, struct lab_blsapi_answer *from,
                            struct lab_error *err)
{
  lab_status st = LAB_OK;
  size_t nnew = 0;

  /* Reserve every array first: a failure then leaves both answers as they were. */
  for (size_t i = 0; i < from->nseries; i++) {
    struct lab_blsapi_series *s = find_series(into, from->series[i].id);
    if (!s)
      nnew++;
    else if (from->series[i].nobs &&
             !grow(&s->obs, s->nobs + from->series[i].nobs, sizeof(*s->obs)))
      goto nomem;
  }
  if (nnew && !grow(&into->series, into->nseries + nnew, sizeof(*into->series)))
    goto nomem;
  if (from->nmessages &&
      !grow(&into->messages, into->nmessages + from->nmessages, sizeof(*into->messages)))
    goto nomem;
  for (size_t i = 0; i < from->nseries; i++) {
    struct lab_blsapi_series *f = &from->series[i];
    struct lab_blsapi_series *s = find_series(into, f->id);
    if (!s) {
      into->series[into->nseries++] = *f;
    } else {
      if (f->nobs)
        memcpy(s->obs + s->nobs, f->obs, f->nobs * sizeof(*f->obs));
      s->nobs += f->nobs;
      free(f->obs);
      free(f->id);
    }
  }
  if (from->nmessages)
    memcpy(into->messages + into->nmessages, from->messages,
           from->nmessages * sizeof(*from->messages));
  into->nmessages += from->nmessages;
  if (from->status != LAB_BLSAPI_SUCCEEDED && from->status_text) {
    free(into->status_text);
    into->status = from->status;
    into->status_text = from->status_text;
    from->status_text = NULL;
  }
  free(from->series);
  free(from->messages);
  from->series = NULL;
  from->messages = NULL;
  from->nseries = 0;
  from->nmessages = 0;
  for (size_t i = 0; i < into->nseries; i++)
    if (into->series[i].nobs > 1)
      qsort(into->series[i].obs, into->series[i].nobs, sizeof(*into->series[i].obs), obs_cmp);
  goto out;
nomem:
  st = lab_error_set(err, LAB_ERR_NOMEM, "out of memory merging BLS answers");
out:
  return st;
}
