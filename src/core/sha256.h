/* SPDX-License-Identifier: ISC */
/* SHA-256 (FIPS 180-4), used to identify the exact questionnaire and rules in a report. */
#ifndef SMPSCREEN_SHA256_H
#define SMPSCREEN_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* Writes the lowercase hex digest of data and a NUL into hex (65 bytes). */
void sha256_hex(const void *data, size_t len, char hex[65]);
/* Hex digest of a file's bytes; 0 on success, -1 (errno set) if it cannot be read. */
int sha256_file_hex(const char *path, char hex[65]);

#endif
