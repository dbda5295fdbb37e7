/*
 * lab_common.h - status codes and error detail shared by every laborstat module.
 *
 * Ownership: struct lab_error is a plain value owned by whoever declares it; nothing in it is
 * heap-allocated. Functions that take a `struct lab_error *err` accept NULL (no detail wanted).
 */
#ifndef LAB_COMMON_H
#define LAB_COMMON_H

#include <stddef.h>

#define LAB_VERSION "0.1.0"
#define LAB_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

typedef enum {
  LAB_OK = 0,
  LAB_ERR_NOMEM,    /* out of memory */
  LAB_ERR_IO,       /* file or pipe error */
  LAB_ERR_NET,      /* network transfer failed */
  LAB_ERR_HTTP,     /* server answered with an error */
  LAB_ERR_PARSE,    /* malformed input data */
  LAB_ERR_INVALID,  /* invalid argument or request */
  LAB_ERR_DOMAIN,   /* numeric domain error (too few points, non-finite input, GSL failure) */
  LAB_ERR_NOTFOUND, /* no such occupation, area, release or file */
  LAB_ERR_DB,       /* the SQLite store failed */
  LAB_ERR_TOOLARGE, /* a capped buffer or limit was exceeded */
  LAB_ERR_EXTERNAL  /* an external program (gnuplot) is missing or failed */
} lab_status;

/* Detail of the last error: a message and, for data errors, where in which file. */
struct lab_error {
  lab_status status;
  char msg[512];
  char file[256]; /* "" when the error has no file */
  size_t line;    /* 1-based; 0 = unknown */
  size_t column;  /* 1-based; 0 = unknown */
};

/* A static English name for a status code; never NULL. */
const char *lab_strerror(lab_status st);

/* Reset err to LAB_OK with empty text. Accepts NULL. */
void lab_error_clear(struct lab_error *err);

/*
 * Record a status and a printf-style message in err (which may be NULL) and return st, so
 * callers can write `return lab_error_set(err, LAB_ERR_PARSE, "bad year '%s'", y);`.
 */
lab_status lab_error_set(struct lab_error *err, lab_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As lab_error_set, and also record the position (file, 1-based line and column). */
lab_status lab_error_set_at(struct lab_error *err, lab_status st, const char *file, size_t line,
                            size_t column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Format err for a person: "FILE:LINE:COLUMN: MESSAGE" when a position is known, else the
 * message (or lab_strerror(status) when the message is empty). Writes at most size bytes to out,
 * always NUL-terminated; returns out.
 */
char *lab_error_format(const struct lab_error *err, char *out, size_t size);

#endif
