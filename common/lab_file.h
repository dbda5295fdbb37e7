/*
 * lab_file.h - reading a whole file into memory, with a size cap.
 *
 * Ownership: *data is a heap buffer owned by the caller (free()), NUL-terminated after len bytes.
 */
#ifndef LAB_FILE_H
#define LAB_FILE_H

#include "common/lab_common.h"

#include <stddef.h>

/*
 * Read the regular file at path. LAB_ERR_NOTFOUND when it does not exist, LAB_ERR_IO when it
 * cannot be read or is not a regular file, LAB_ERR_TOOLARGE when it holds more than max bytes.
 */
lab_status lab_file_read(const char *path, size_t max, char **data, size_t *len,
                         struct lab_error *err);

/* SHA-256 of the file at path as 64 hex digits in hex[65], read in blocks (any size).
 * LAB_ERR_NOTFOUND / LAB_ERR_IO as lab_file_read. */
lab_status lab_file_sha256(const char *path, char hex[65], struct lab_error *err);

#endif
