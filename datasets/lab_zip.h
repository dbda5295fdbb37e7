/*
 * lab_zip.h - reading zip archives (PKWARE APPNOTE 6.3): BLS's release zips and the XLSX
 * workbooks inside them. Members stored or deflated, zip64 sizes and offsets, CRC-32 checked at
 * each member's end. Not supported (a clear error): encrypted members, other compression methods,
 * archives split over several disks.
 *
 * laborstat reads zips itself rather than through libzip, whose link to libcrypto cost every
 * command ~2.5 ms of start-up (docs/performance.md). ISA-L (igzip) inflates: about twice zlib's
 * speed on BLS's workbooks.
 *
 * Ownership: lab_zip_open returns an archive the caller frees with lab_zip_close; entries and
 * their names are borrowed from it until then. lab_zip_member_open returns a member reader the
 * caller frees with lab_zip_member_close (before closing its archive). Several members of one
 * archive may be open at once, in one thread each (reads use pread).
 */
#ifndef LAB_ZIP_H
#define LAB_ZIP_H

#include "common/lab_common.h"

#include <stdbool.h>
#include <stdint.h>

struct lab_zip;
struct lab_zip_member;

/* One central-directory entry. */
struct lab_zip_entry {
  const char *name; /* as stored (NUL-terminated; a name holding a NUL byte ends there) */
  uint64_t size;    /* inflated size the directory declares */
  uint64_t csize;   /* compressed size */
  uint64_t offset;  /* of the member's local header */
  uint32_t crc;
  uint32_t attr;   /* external attributes (Unix mode in the high 16 bits when opsys is 3) */
  uint16_t method; /* 0 stored, 8 deflated */
  uint16_t flags;
  uint8_t opsys; /* "version made by", high byte: 3 = Unix */
};

#define LAB_ZIP_OPSYS_UNIX 3

/*
 * Open the archive at path and read its central directory. LAB_ERR_IO when the file cannot be
 * opened or read; LAB_ERR_PARSE "Not a zip archive" when no end-of-central-directory record is
 * found, or a message naming what is damaged. err->file is not set (callers name the archive).
 */
lab_status lab_zip_open(const char *path, struct lab_zip **out, struct lab_error *err);
void lab_zip_close(struct lab_zip *z);

size_t lab_zip_count(const struct lab_zip *z);
/* Entry i < lab_zip_count(z); borrowed. */
const struct lab_zip_entry *lab_zip_entry(const struct lab_zip *z, size_t i);
/* The index of the entry named name, or -1. */
long lab_zip_find(const struct lab_zip *z, const char *name);
/* True for a member a Unix zip stored as a symbolic link (its data is the link's target). */
bool lab_zip_entry_is_link(const struct lab_zip_entry *e);

/* Start reading entry i. LAB_ERR_PARSE for a damaged local header, encryption or an unknown
 * compression method (err->msg says which). */
lab_status lab_zip_member_open(struct lab_zip *z, size_t i, struct lab_zip_member **out,
                               struct lab_error *err);
/*
 * Read up to cap inflated bytes into buf: the count, 0 at the end (the member's size and CRC-32
 * then matched the directory's), or -1 on an error (lab_zip_member_error() says what; reading on
 * returns -1). Never returns more bytes than the directory declares: more is an error.
 */
long long lab_zip_member_read(struct lab_zip_member *m, void *buf, size_t cap);
/* Why the last read failed ("" when it did not); borrowed from m. */
const char *lab_zip_member_error(const struct lab_zip_member *m);
/* The status of that failure: LAB_ERR_TOOLARGE (it inflates past its declared size: damaged, or
 * a zip bomb), LAB_ERR_IO (the archive cannot be read), LAB_ERR_PARSE (damaged data); LAB_OK
 * while reads succeed. */
lab_status lab_zip_member_status(const struct lab_zip_member *m);
void lab_zip_member_close(struct lab_zip_member *m);

#endif
