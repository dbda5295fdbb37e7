/*
 * sha256_internal.h - (internal to common/) the SHA-256 compression function on x86-64 CPUs with
 * the SHA extensions (sha256_ni.c); sha256.c falls back to portable C elsewhere.
 */
#ifndef LAB_SHA256_INTERNAL_H
#define LAB_SHA256_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* True when this CPU has the SHA, SSSE3 and SSE4.1 instructions (asked with cpuid). */
int sha256_ni_available(void);

/* Compress `blocks` 64-byte blocks of p into h (only when sha256_ni_available()). */
void sha256_ni_blocks(uint32_t h[8], const unsigned char *p, size_t blocks);

#endif
