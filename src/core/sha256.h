/* SPDX-License-Identifier: ISC */
/* SHA-256 (FIPS 180-4), used to identify the exact questionnaire and rules in a report. */
#ifndef SMPSCREEN_SHA256_H
#define SMPSCREEN_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

struct sha256 {
	struct sha256_ctx ctx;
};

void sha256_begin(struct sha256 *c);
void sha256_add(struct sha256 *c, const void *data, size_t len);
void sha256_end(struct sha256 *c, unsigned char out[32]);
/* Writes the lowercase hex digest of data and a NUL into hex (65 bytes). */
void sha256_hex(const void *data, size_t len, char hex[65]);
/* Hex digest of a file's bytes; 0 on success, -1 (errno set) if it cannot be read. */
int sha256_file_hex(const char *path, char hex[65]);

#endif
