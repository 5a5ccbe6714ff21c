/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sha256.h"

#define EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define MSG448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define MSG448_HEX "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define MSG896                                                                                     \
	"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr" \
	"lmn"                                                                                      \
	"opqrsmnopqrstnopqrstu"
#define MSG896_HEX "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
#define MILLION_A_HEX "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
/* Bytes (i * 7 + 3) & 0xff for i in 0..999, hashed by another implementation. */
#define PATTERN_HEX "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"

static void
to_hex(const unsigned char d[32], char hex[65])
{
	int i;

	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static void
pattern(unsigned char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (unsigned char)((i * 7 + 3) & 0xff);
}

/* A file under $TMPDIR holding n bytes of data; the caller unlinks it and frees the path. */
static char *
temp_file(const void *data, size_t n)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	FILE *fp;
	int fd;

	cr_assert_neq(asprintf(&path, "%s/smp-sha256-XXXXXX", dir != NULL ? dir : "/tmp"), -1);
	fd = mkstemp(path);
	cr_assert_neq(fd, -1, "mkstemp: %s", strerror(errno));
	fp = fdopen(fd, "wb");
	cr_assert_not_null(fp);
	cr_assert_eq(fwrite(data, 1, n, fp), n);
	cr_assert_eq(fclose(fp), 0);
	return path;
}

Test(sha256, null_and_empty)
{
	struct sha256 c;
	unsigned char d[32];
	char hex[65];

	sha256_hex(NULL, 0, hex);
	cr_assert_str_eq(hex, EMPTY);
	sha256_hex("", 0, hex);
	cr_assert_str_eq(hex, EMPTY);
	sha256_begin(&c);
	sha256_add(&c, NULL, 0);
	sha256_add(&c, "", 0);
	sha256_end(&c, d);
	to_hex(d, hex);
	cr_assert_str_eq(hex, EMPTY);

	memset(hex, 'x', sizeof hex);
	errno = 0;
	cr_assert_eq(sha256_file_hex(NULL, hex), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_str_eq(hex, "");
}

Test(sha256, fips_vectors)
{
	char hex[65];

	sha256_hex("abc", 3, hex);
	cr_assert_str_eq(hex, ABC);
	sha256_hex(MSG448, strlen(MSG448), hex);
	cr_assert_str_eq(hex, MSG448_HEX);
	sha256_hex(MSG896, strlen(MSG896), hex);
	cr_assert_str_eq(hex, MSG896_HEX);
}

Test(sha256, one_million_a)
{
	struct sha256 c;
	unsigned char d[32];
	char *buf, hex[65];
	int i;

	buf = malloc(1000000);
	cr_assert_not_null(buf);
	memset(buf, 'a', 1000000);
	sha256_hex(buf, 1000000, hex);
	cr_assert_str_eq(hex, MILLION_A_HEX);
	/* The same in 1000 updates of 1000 bytes: none of them on a block boundary. */
	sha256_begin(&c);
	for (i = 0; i < 1000; i++)
		sha256_add(&c, buf + 1000 * i, 1000);
	sha256_end(&c, d);
	to_hex(d, hex);
	cr_assert_str_eq(hex, MILLION_A_HEX);
	free(buf);
}

Test(sha256, padding_boundaries)
{
	/* 55 bytes is the most that pads within one block; 56 needs a second. */
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{ 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
		{ 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
		{ 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
		{ 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
		{ 65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
		{ 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
		{ 120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98" },
	};
	struct sha256 c;
	unsigned char d[32];
	char buf[128], hex[65];
	size_t i, j;

	memset(buf, 'x', sizeof buf);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		sha256_hex(buf, v[i].n, hex);
		cr_assert_str_eq(hex, v[i].hex, "%zu bytes", v[i].n);
		sha256_begin(&c);
		for (j = 0; j < v[i].n; j++)
			sha256_add(&c, "x", 1);
		sha256_end(&c, d);
		to_hex(d, hex);
		cr_assert_str_eq(hex, v[i].hex, "%zu bytes one at a time", v[i].n);
	}
}

Test(sha256, incremental_any_chunk_size)
{
	unsigned char buf[1000], d[32];
	struct sha256 c;
	char hex[65];
	size_t chunk, off, n;

	pattern(buf, sizeof buf);
	sha256_hex(buf, sizeof buf, hex);
	cr_assert_str_eq(hex, PATTERN_HEX);
	for (chunk = 1; chunk <= 200; chunk++) {
		sha256_begin(&c);
		for (off = 0; off < sizeof buf; off += n) {
			n = sizeof buf - off < chunk ? sizeof buf - off : chunk;
			sha256_add(&c, buf + off, n);
		}
		sha256_end(&c, d);
		to_hex(d, hex);
		cr_assert_str_eq(hex, PATTERN_HEX, "chunk %zu", chunk);
	}
}

Test(sha256, incremental_any_split_point)
{
	unsigned char buf[1000], d[32];
	struct sha256 c;
	char hex[65];
	size_t cut;

	pattern(buf, sizeof buf);
	for (cut = 0; cut <= sizeof buf; cut++) {
		sha256_begin(&c);
		sha256_add(&c, buf, cut);
		sha256_add(&c, buf + cut, sizeof buf - cut);
		sha256_end(&c, d);
		to_hex(d, hex);
		cr_assert_str_eq(hex, PATTERN_HEX, "cut at %zu", cut);
	}
}

Test(sha256, init_resets)
{
	struct sha256 c;
	unsigned char d[32];
	char hex[65];

	sha256_begin(&c);
	sha256_add(&c, "something else entirely", 23);
	sha256_begin(&c);
	sha256_add(&c, "abc", 3);
	sha256_end(&c, d);
	to_hex(d, hex);
	cr_assert_str_eq(hex, ABC);
}

/* Hashes a temporary file holding data; the file is gone before anything is asserted. */
static int
hash_of_file(const void *data, size_t n, char hex[65])
{
	char *path = temp_file(data, n);
	int rc = sha256_file_hex(path, hex);

	unlink(path);
	free(path);
	return rc;
}

Test(sha256, file)
{
	char *big, hex[65];
	int rc;

	cr_assert_eq(hash_of_file("abc", 3, hex), 0);
	cr_assert_str_eq(hex, ABC);
	cr_assert_eq(hash_of_file("", 0, hex), 0);
	cr_assert_str_eq(hex, EMPTY);
	/* Larger than any read buffer. */
	big = malloc(1000000);
	cr_assert_not_null(big);
	memset(big, 'a', 1000000);
	rc = hash_of_file(big, 1000000, hex);
	free(big);
	cr_assert_eq(rc, 0);
	cr_assert_str_eq(hex, MILLION_A_HEX);
}

Test(sha256, file_missing)
{
	char hex[65];

	memset(hex, 'x', sizeof hex);
	errno = 0;
	cr_assert_eq(sha256_file_hex("/nonexistent-smpscreen-dir/none.cfg", hex), -1);
	cr_assert_eq(errno, ENOENT);
	cr_assert_str_eq(hex, "");
}

Test(sha256, file_is_a_directory)
{
	char hex[65];

	errno = 0;
	cr_assert_eq(sha256_file_hex("/", hex), -1);
	cr_assert_eq(errno, EISDIR);
	cr_assert_str_eq(hex, "");
}
