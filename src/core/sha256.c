/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"

/* The compression function is nettle's (Debian's libnettle8): maintained, constant-time,
 * with x86-64 assembly and, where the processor has them, the SHA extensions chosen at run
 * time. It replaced a hand-written C version that spent a quarter of a screening's start-up
 * hashing the two data files. nettle rather than libcrypto: one small library with no
 * initialisation, where libcrypto costs some 2.5 M instructions of relocation and set-up
 * before the first byte is hashed (issue 15; bench/README.md). */

void
sha256_begin(struct sha256 *c)
{
	nettle_sha256_init(&c->ctx);
}

void
sha256_add(struct sha256 *c, const void *data, size_t len)
{
	/* nettle reads nothing when len is 0, but a NULL pointer with a length is a caller's
	 * bug either way; an empty update must stay harmless, as before. */
	if (len == 0)
		return;
	nettle_sha256_update(&c->ctx, len, data);
}

void
sha256_end(struct sha256 *c, unsigned char out[32])
{
	/* nettle resets the context after the digest, so a reused context starts afresh. */
	nettle_sha256_digest(&c->ctx, SHA256_DIGEST_SIZE, out);
}

static void
to_hex(const unsigned char digest[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0xf];
	}
	hex[64] = '\0';
}

void
sha256_hex(const void *data, size_t len, char hex[65])
{
	struct sha256 c;
	unsigned char digest[32];

	sha256_begin(&c);
	sha256_add(&c, data, len);
	sha256_end(&c, digest);
	to_hex(digest, hex);
}

/* On failure hex is "" so that a caller who ignores the result prints no stale digest. */
int
sha256_file_hex(const char *path, char hex[65])
{
	struct sha256 c;
	unsigned char buf[65536], digest[32];
	ssize_t n;
	int fd, saved;

	hex[0] = '\0';
	if (path == NULL) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	sha256_begin(&c);
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n == 0)
			break;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		sha256_add(&c, buf, (size_t)n);
	}
	close(fd);
	sha256_end(&c, digest);
	to_hex(digest, hex);
	return 0;
}
