/*
 * error.c - status names and error detail.
 */
#include "common/lab_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *lab_strerror(lab_status st)
{
  switch (st) {
  case LAB_OK:
    return "success";
  case LAB_ERR_NOMEM:
    return "out of memory";
  case LAB_ERR_IO:
    return "input/output error";
  case LAB_ERR_NET:
    return "network error";
  case LAB_ERR_HTTP:
    return "server error";
  case LAB_ERR_PARSE:
    return "malformed data";
  case LAB_ERR_INVALID:
    return "invalid argument";
  case LAB_ERR_DOMAIN:
    return "numeric domain error";
  case LAB_ERR_NOTFOUND:
    return "not found";
  case LAB_ERR_DB:
    return "database error";
  case LAB_ERR_TOOLARGE:
    return "size limit exceeded";
  case LAB_ERR_EXTERNAL:
    return "external program failed";
  }
  return "unknown error";
}

void lab_error_clear(struct lab_error *err)
{
  if (!err)
    return;
  memset(err, 0, sizeof(*err));
}

static void set_message(struct lab_error *err, lab_status st, const char *fmt, va_list ap)
{
  err->status = st;
  vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

lab_status lab_error_set(struct lab_error *err, lab_status st, const char *fmt, ...)
{
  va_list ap;

  if (!err)
    return st;
  va_start(ap, fmt);
  set_message(err, st, fmt, ap);
  va_end(ap);
  err->file[0] = '\0';
  err->line = 0;
  err->column = 0;
  return st;
}

lab_status lab_error_set_at(struct lab_error *err, lab_status st, const char *file, size_t line,
                            size_t column, const char *fmt, ...)
{
  va_list ap;

  if (!err)
    return st;
  va_start(ap, fmt);
  set_message(err, st, fmt, ap);
  va_end(ap);
  snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
  err->line = line;
  err->column = column;
  return st;
}

char *lab_error_format(const struct lab_error *err, char *out, size_t size)
{
  const char *msg;

  if (size == 0)
    return out;
  if (!err) {
    snprintf(out, size, "%s", lab_strerror(LAB_ERR_INVALID));
    return out;
  }
  msg = err->msg[0] ? err->msg : lab_strerror(err->status);
  if (err->file[0] && err->line > 0 && err->column > 0)
    snprintf(out, size, "%s:%zu:%zu: %s", err->file, err->line, err->column, msg);
  else if (err->file[0] && err->line > 0)
    snprintf(out, size, "%s:%zu: %s", err->file, err->line, msg);
  else if (err->file[0])
    snprintf(out, size, "%s: %s", err->file, msg);
  else
    snprintf(out, size, "%s", msg);
  return out;
}
