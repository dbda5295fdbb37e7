/*
 * lab_blsapi.h - the network-free half of the BLS Public Data API v2 client: planning POST
 * requests within the API limits and parsing answers (cJSON) into typed results.
 *
 * Limits (BLS FAQ): with a registration key 50 series and 20 years per request, without one 25
 * series and 10 years. Format notes: ../shared/reference/bls-api/NOTES.md.
 *
 * Secrets: the registration key must never be logged, printed or written to an error message.
 * Nothing in this module prints; lab_blsapi_request_json() is the only function that sees the key.
 *
 * Ownership: every struct below is caller-owned and released with its _free/_release function
 * (all accept NULL). Strings inside an answer are heap copies owned by the answer. A plan's
 * requests borrow the series strings passed to lab_blsapi_plan() (see there).
 */
#ifndef LAB_BLSAPI_H
#define LAB_BLSAPI_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stddef.h>

#define LAB_BLSAPI_MAX_ID_LEN 30
#define LAB_BLSAPI_MAX_ANSWER ((size_t)64 * 1024 * 1024) /* larger input: LAB_ERR_TOOLARGE */
#define LAB_BLSAPI_MAX_DEPTH 32                          /* deeper JSON: LAB_ERR_TOOLARGE */

/* One POST request: series[0..nseries) for the years from..to (inclusive). */
struct lab_blsapi_request {
  const char *const *series; /* borrowed: a slice of the array given to lab_blsapi_plan() */
  size_t nseries;
  int from;
  int to;
};

struct lab_blsapi_plan {
  struct lab_blsapi_request *req; /* owned by the plan */
  size_t nreq;
  size_t max_series; /* limits used: 50/20 with a key, 25/10 without */
  int max_years;
};

/*
 * Split `nseries` series ids and the years from..to into the fewest requests within the API
 * limits: ceil(nseries / max_series) * ceil(years / max_years) requests, every (series, year)
 * pair in exactly one of them. Series ids must be non-empty, at most 30 characters of A-Z and
 * 0-9, and unique; years must satisfy 1900 <= from <= to <= 2100. LAB_ERR_INVALID otherwise
 * (out is then empty). The requests point into `series`: that array and its strings must outlive
 * the plan. Release with lab_blsapi_plan_release().
 */
lab_status lab_blsapi_plan(const char *const *series, size_t nseries, int from, int to,
                           bool with_key, struct lab_blsapi_plan *out, struct lab_error *err);

/* Free the requests of a plan and leave it empty. Accepts NULL. */
void lab_blsapi_plan_release(struct lab_blsapi_plan *plan);

/*
 * Build the POST body of r:
 *   {"seriesid":["A","B"],"startyear":"2015","endyear":"2024","registrationkey":"KEY",
 *    "annualaverage":true}
 * with "registrationkey" and "annualaverage" (BLS gives annual averages only to registered
 * users) omitted when key is NULL (an empty key is LAB_ERR_INVALID).
 * On success *out_json is a heap string owned by the caller (free() it). It HOLDS THE KEY: the
 * caller must not print or log it (nor any error text built from it). Error messages never
 * contain the key.
 */
lab_status lab_blsapi_request_json(const struct lab_blsapi_request *r, const char *key,
                                   char **out_json, struct lab_error *err);

/* Overall "status" of an answer. */
enum lab_blsapi_status {
  LAB_BLSAPI_SUCCEEDED,     /* REQUEST_SUCCEEDED (messages may still report problems) */
  LAB_BLSAPI_NOT_PROCESSED, /* REQUEST_NOT_PROCESSED (e.g. daily threshold reached) */
  LAB_BLSAPI_FAILED,        /* REQUEST_FAILED */
  LAB_BLSAPI_STATUS_OTHER   /* any other text, kept in status_text */
};

/* What one entry of the answer's "message" array says. */
enum lab_blsapi_msg_kind {
  LAB_BLSAPI_MSG_THRESHOLD,     /* daily threshold for the number of requests reached */
  LAB_BLSAPI_MSG_NO_SERIES,     /* "Series does not exist for Series X" / "Invalid Series ..." */
  LAB_BLSAPI_MSG_NO_DATA,       /* "No Data Available for Series X Year: YYYY" */
  LAB_BLSAPI_MSG_YEARS_REDUCED, /* "Year range has been reduced to ... limit of N years." */
  LAB_BLSAPI_MSG_OTHER          /* anything else: see text */
};

struct lab_blsapi_message {
  enum lab_blsapi_msg_kind kind;
  char *text;   /* the message verbatim (owned) */
  char *series; /* NO_SERIES, NO_DATA: the series id (owned); NULL otherwise */
  int year;     /* NO_DATA: the year; 0 otherwise */
  int limit;    /* YEARS_REDUCED: N; 0 otherwise */
};

/* One data point. */
struct lab_blsapi_obs {
  int year;
  char period[4];    /* "M01".."M13", "Q01".."Q05", "S01".."S03", "A01" */
  char *period_name; /* "January", "Annual"... (owned) */
  double value;      /* NAN when missing */
  bool missing;      /* the value was "-" or empty: not available, never zero */
  bool latest;       /* "latest":"true" */
  char *footnotes;   /* footnote texts joined with "; " (owned); NULL when there are none */
};

struct lab_blsapi_series {
  char *id; /* seriesID as BLS returned it (owned) */
  struct lab_blsapi_obs *obs;
  size_t nobs;
};

/*
 * A parsed answer. Never treat an answer as a silent empty result: a series may come back with
 * no observations and the reason is only in messages[], so the caller must show every message
 * to the user.
 */
struct lab_blsapi_answer {
  enum lab_blsapi_status status;
  char *status_text; /* verbatim "status" (owned) */
  long response_ms;  /* "responseTime"; -1 when absent */
  struct lab_blsapi_message *messages;
  size_t nmessages;
  struct lab_blsapi_series *series;
  size_t nseries;
};

/*
 * Parse one answer from json[0..len) (need not be NUL-terminated); `name` (a file name or URL,
 * never one holding the key) appears in error positions. "Results" may be an object or an array
 * of objects. Observations keep BLS order (newest first); lab_blsapi_merge() sorts them.
 * Returns:
 *   LAB_OK           REQUEST_SUCCEEDED; out filled (check out->messages all the same);
 *   LAB_ERR_HTTP     any other status (REQUEST_NOT_PROCESSED, REQUEST_FAILED...): out is filled
 *                    too (status, messages) and err quotes the first BLS message;
 *   LAB_ERR_PARSE    malformed JSON (err has file = name, line and column of the byte where
 *                    parsing stopped), a missing field, an unknown period (err names series and
 *                    period), a value that is not a number, or a succeeded answer with neither
 *                    series nor messages; out is empty;
 *   LAB_ERR_TOOLARGE input over LAB_BLSAPI_MAX_ANSWER bytes or nested deeper than
 *                    LAB_BLSAPI_MAX_DEPTH; out is empty.
 * Release out with lab_blsapi_answer_release().
 */
lab_status lab_blsapi_parse(const char *json, size_t len, const char *name,
                            struct lab_blsapi_answer *out, struct lab_error *err);

/*
 * Move everything of `from` into `into`: observations of a series id already in `into` are
 * appended to it, other series are added, messages are appended. Then every series of `into`
 * has its observations sorted by (year, period). `from` is left empty (still release it). A
 * status other than succeeded in `from` replaces that of `into`. LAB_ERR_NOMEM leaves both
 * unchanged. Observations with the same (year, period) are kept both.
 */
lab_status lab_blsapi_merge(struct lab_blsapi_answer *into, struct lab_blsapi_answer *from,
                            struct lab_error *err);

/* Free what an answer owns and leave it empty. Accepts NULL. */
void lab_blsapi_answer_release(struct lab_blsapi_answer *a);

/* Free what a series / an observation / a message owns. Accept NULL. */
void lab_blsapi_series_release(struct lab_blsapi_series *s);
void lab_blsapi_obs_release(struct lab_blsapi_obs *o);
void lab_blsapi_message_release(struct lab_blsapi_message *m);

/* A static English name of a message kind ("daily threshold reached"...); never NULL. */
const char *lab_blsapi_msg_kind_name(enum lab_blsapi_msg_kind kind);

#endif
