/*
 * lab_sha256.h - SHA-256 (FIPS 180-4) for provenance records and cache verification.
 */
#ifndef LAB_SHA256_H
#define LAB_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct lab_sha256 {
  uint32_t h[8];
  uint64_t bytes;
  unsigned char block[64];
  size_t fill;
  int ni; /* the CPU's SHA instructions are used (set by lab_sha256_init) */
};

/* Start a digest (with the CPU's SHA instructions when it has them; _portable: never, for tests
 * that compare the two). */
void lab_sha256_init(struct lab_sha256 *c);
void lab_sha256_init_portable(struct lab_sha256 *c);
void lab_sha256_update(struct lab_sha256 *c, const void *data, size_t len);
/* Finish and write 64 lower-case hex digits and a NUL to hex[65]. */
void lab_sha256_hex(struct lab_sha256 *c, char hex[65]);
/* One-shot digest of data[0..len) as hex. */
void lab_sha256_of(const void *data, size_t len, char hex[65]);

#endif
