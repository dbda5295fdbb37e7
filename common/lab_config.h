/*
 * lab_config.h - the user's config file: `key = value` lines, '#' comments, blank lines.
 *
 *   contact = you@example.org        # sent in the User-Agent (BLS blocks anonymous robots)
 *   api_key = 0123456789abcdef...    # BLS API v2 registration key
 *   mirror  = https://mirror.example.org/bls
 *   cacert  = /etc/ssl/extra-ca.pem
 *   pace_ms = 1000                   # least gap between two requests to one host
 *   timeout_s = 30                   # connect timeout; also how long a stalled transfer waits
 *   retries = 4                      # attempts per request
 *   pc_page_size = 1000              # Projections Central page size (10, 25, 50, 100, 1000)
 *
 * A file holding api_key must be readable by its owner only (chmod 600): otherwise it is refused
 * with an explanation. The key is kept in this struct only; lab_config_release() wipes it.
 *
 * Ownership: struct lab_config is a caller-owned value; its strings are heap copies it owns.
 */
#ifndef LAB_CONFIG_H
#define LAB_CONFIG_H

#include "common/lab_common.h"

#include <stdbool.h>

struct lab_config {
  char *path; /* the file read, or NULL when there was none */
  char *contact;
  char *api_key; /* a secret: never print, log or store it */
  char *mirror;
  char *cacert;
  long pace_ms; /* numbers: -1 = not set */
  long timeout_s;
  long retries;
  long pc_page_size;
};

/*
 * Read the config file at path (NULL = lab_paths_config()). A missing file is not an error (all
 * strings NULL, numbers -1). LAB_ERR_PARSE with file, line and column for a line that is not
 * `key = value` or names an unknown key, LAB_ERR_INVALID for an api_key in a file that group or
 * others may read (the message says how to fix it), LAB_ERR_IO when it cannot be read.
 */
lab_status lab_config_load(const char *path, struct lab_config *out, struct lab_error *err);

/* Free the strings (wiping the key first). Accepts NULL; leaves the struct empty. */
void lab_config_release(struct lab_config *c);

#endif
