/*
 * pc_pager.c - the pager of a Projections Central page ({"rows":[...],"pager":{"current_page":0,
 * "total_items":55,"total_pages":1,"items_per_page":100}}), which the fetch loop reads to know how
 * many pages to ask for, and the service's empty answer "No results found.".
 */
#include "common/lab_num.h"
#include "datasets/lab_import.h"
#include "datasets/normalize.h"

#include <cjson/cJSON.h>

#include <string.h>

bool norm_pc_no_results(const char *data, size_t len)
{
  static const char text[] = "No results found.";

  while (len && strchr(" \t\r\n", data[len - 1]) && data[len - 1])
    len--;
  while (len && strchr(" \t\r\n", data[0]) && data[0]) {
    data++;
    len--;
  }
  return len == sizeof(text) - 1 && memcmp(data, text, len) == 0;
}

lab_status norm_pc_no_results_error(const char *name, struct lab_error *err)
{
  return lab_error_set(err, LAB_ERR_NOTFOUND,
                       "%s: Projections Central answered \"No results found.\" (nothing for that "
                       "selection, or items_per_page other than 10, 25, 50, 100 or 1000)",
                       name);
}

/* Offset of the first character of the JSON text. */
static size_t first_char(const char *data, size_t len)
{
  size_t i = 0;

  while (i < len && data[i] && strchr(" \t\r\n", data[i]))
    i++;
  return i;
}

static lab_status error_at(const char *data, size_t len, size_t off, const char *name,
                           lab_status st, const char *what, struct lab_error *err)
{
  struct norm_json_cursor c = {.text = data, .len = len, .line = 1, .col = 1};

  norm_json_advance(&c, off);
  return lab_error_set_at(err, st, name, c.line, c.col, "%s", what);
}

/* A pager count: a whole number, as a JSON number or a string. */
static bool pager_long(const cJSON *pager, const char *key, long *out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(pager, key);

  if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e15) {
    *out = (long)v->valuedouble;
    return (double)*out == v->valuedouble;
  }
  return cJSON_IsString(v) && lab_num_parse_long(v->valuestring, strlen(v->valuestring), out) == 0;
}

lab_status lab_pc_pager(const char *json, size_t len, const char *name, long *total_pages,
                        long *total_items, struct lab_error *err)
{
  cJSON *root = NULL;
  const cJSON *pager;
  size_t off;
  lab_status st;

  name = name ? name : "Projections Central answer";
  if (norm_pc_no_results(json, len))
    return norm_pc_no_results_error(name, err);
  st = norm_json_parse(json, len, name, &root, err);
  if (st)
    goto out;
  pager = cJSON_GetObjectItemCaseSensitive(root, "pager");
  off = norm_json_scan(json, len, "pager", NULL, 0, NULL, NULL, 0);
  if (!cJSON_IsObject(root) || !cJSON_IsObject(pager))
    st = error_at(json, len, off ? off : first_char(json, len), name, LAB_ERR_PARSE,
                  "expected a Projections Central page: an object with \"rows\" and a \"pager\" "
                  "object",
                  err);
  else if (!pager_long(pager, "total_pages", total_pages) ||
           !pager_long(pager, "total_items", total_items))
    st = error_at(json, len, off, name, LAB_ERR_PARSE,
                  "expected whole numbers total_pages and total_items in the pager", err);
out:
  cJSON_Delete(root);
  return st;
}
