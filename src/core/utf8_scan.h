/* SPDX-License-Identifier: ISC */
/*
 * The UTF-8 scans that text.c (widths, wrapping) and text_clean.c (cleaning) share: runs of
 * printable ASCII eight bytes at a time, decoding one character, and which characters are
 * controls. Private to the text module; inline, since every byte of a report goes through
 * them.
 */
#ifndef SMPSCREEN_UTF8_SCAN_H
#define SMPSCREEN_UTF8_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Reports push every byte through the scans below, and nearly all of them are printable
 * ASCII: those are skipped eight at a time. The tests are the exact "has a byte less than /
 * more than" word tricks (Bit Twiddling Hacks, hasless and hasmore), so a chunk is only
 * skipped when each of its bytes would have been skipped one by one.
 */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t
load8(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* The high bit of the first byte of v outside printable ASCII (0x20..0x7e) is set, and
 * none before it; 0 when there is none. */
static inline uint64_t
chunk_unprintable(uint64_t v)
{
	return (((v - ONES * 0x20) & ~v) | ((v + ONES * (0x7f - 0x7e)) | v)) & HIGHS;
}

/*
 * Where a chunk's first flagged byte is, when the flags (the high bit of each byte) are not
 * all clear: only the lowest flag of the tests above is exact, which is the first byte on
 * a little-endian machine. Elsewhere the byte loops that follow find it.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FIRST_FLAGGED 1
#else
#define FIRST_FLAGGED 0
#endif

/* The length of the run of printable ASCII that starts s (n bytes available). */
static inline size_t
printable_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	uint64_t f;

	for (; n - i >= 8; i += 8)
		if ((f = chunk_unprintable(load8(s + i))) != 0) {
			if (FIRST_FLAGGED)
				return i + (size_t)__builtin_ctzll(f) / 8;
			break;
		}
	while (i < n && s[i] >= 0x20 && s[i] < 0x7f)
		i++;
	return i;
}

/* The length of the run of ASCII (any byte below 0x80) that starts s. */
static inline size_t
ascii_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	uint64_t f;

	for (; n - i >= 8; i += 8)
		if ((f = load8(s + i) & HIGHS) != 0) {
			if (FIRST_FLAGGED)
				return i + (size_t)__builtin_ctzll(f) / 8;
			break;
		}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/*
 * Decodes the character at s (n bytes available) into *cp and returns its length, or 0 when
 * the bytes there are not well-formed UTF-8: overlong forms, surrogates, code points past
 * U+10FFFF and truncated sequences are all rejected, as Unicode's table 3-7 requires.
 */
static inline size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xc2)
		return 0;
	if (s[0] < 0xe0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		len = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] < 0xf5) {
		len = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	c = (c << 6) | (s[1] & 0x3f);
	for (i = 2; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* Bidi embeddings, overrides and isolates are stripped too: they can make a stored answer
 * read differently from what it says ("Trojan Source"). */
static inline bool
is_control(uint32_t cp, bool keep_newlines)
{
	if (cp == '\n')
		return !keep_newlines;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

#endif
