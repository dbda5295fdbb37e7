/*
 * fetch_content.c - does a downloaded file look like what was asked for? Servers answer blocked
 * robots and moved URLs with an HTML page and status 200; that page must never be imported.
 */
#include "cli/fetch_run.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *expect_name(enum fetch_expect e)
{
  return e == FETCH_ZIP ? "a zip archive" : e == FETCH_JSON ? "JSON" : "a text data file";
}

/* A short printable excerpt of the first bytes, for the message. */
static void excerpt(const unsigned char *b, size_t n, char *out, size_t size)
{
  size_t k = 0;

  for (size_t i = 0; i < n && k + 1 < size && k < 60; i++)
    out[k++] = isprint(b[i]) ? (char)b[i] : ' ';
  out[k] = '\0';
}

lab_status fetch_check_content(const char *path, const char *url, enum fetch_expect expect,
                               struct lab_error *err)
{
  unsigned char head[512];
  char text[64];
  size_t n, i = 0;
  bool ok = false, html;
  FILE *fp = fopen(path, "rb");

  if (!fp)
    return lab_error_set(err, LAB_ERR_IO, "cannot read %s", path);
  n = fread(head, 1, sizeof(head), fp);
  fclose(fp);
  if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < n && isspace(head[i]))
    i++;
  html = i < n && head[i] == '<' &&
         (n - i >= 5 && (strncasecmp((const char *)head + i, "<html", 5) == 0 ||
                         strncasecmp((const char *)head + i, "<!doc", 5) == 0 ||
                         strncasecmp((const char *)head + i, "<head", 5) == 0 ||
                         strncasecmp((const char *)head + i, "<body", 5) == 0));
  if (expect == FETCH_ZIP)
    ok = n >= 4 && (memcmp(head, "PK\x03\x04", 4) == 0 || memcmp(head, "PK\x05\x06", 4) == 0);
  else if (expect == FETCH_JSON)
    ok = i < n && (head[i] == '{' || head[i] == '[');
  else
    ok = n > 0 && !html && !memchr(head, '\0', n);
  if (ok)
    return LAB_OK;
  excerpt(head + i, n - i, text, sizeof(text));
  if (html)
    return lab_error_set_at(err, LAB_ERR_PARSE, path, 1, 1,
                            "%s sent an HTML page (\"%s\") where %s was expected: the server may "
                            "be refusing robots or the file moved; nothing was imported and the "
                            "cache keeps its previous copy",
                            url, text, expect_name(expect));
  return lab_error_set_at(err, LAB_ERR_PARSE, path, 1, 1,
                          "%s sent something that is not %s (it begins \"%s\"); nothing was "
                          "imported and the cache keeps its previous copy",
                          url, expect_name(expect), n ? text : "(empty)");
}
