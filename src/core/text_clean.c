/* SPDX-License-Identifier: ISC */
/*
 * Cleaning untrusted text (text.h): what a terminal must never receive (controls, bidi
 * overrides and isolates, bytes that are not UTF-8) removed, escaped, or found. Decoded here,
 * never through the locale: what is stripped must not change with the locale the program
 * runs in. A NULL string is treated as "".
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"
#include "utf8_scan.h"

char *
text_sanitize(const char *s, size_t len, size_t max_bytes, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, n;
	uint32_t cp;
	char *out;

	if (s == NULL)
		len = 0;
	out = xmalloc((max_bytes != 0 && max_bytes < len ? max_bytes : len) + 1);
	while (i < len) {
		/* Reports pass every line through here: printable ASCII runs go in one copy. */
		n = printable_run(p + i, len - i);
		if (n > 0) {
			if (max_bytes != 0 && o + n > max_bytes)
				n = max_bytes - o;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			if (max_bytes != 0 && o == max_bytes)
				break;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (cp == '\t') {
			/* A tab separates words; dropping it would join them. */
			if (max_bytes != 0 && o + 1 > max_bytes)
				break;
			out[o++] = ' ';
		} else if (!is_control(cp, keep_newlines)) {
			if (max_bytes != 0 && o + n > max_bytes)
				break;
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

char *
text_escape_unclean(const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	struct strbuf out = { 0 };
	size_t i = 0, n;
	uint32_t cp;
	char esc[6];

	if (s == NULL)
		len = 0;
	while (i < len) {
		n = printable_run(p + i, len - i);
		if (n > 0) {
			sb_appendn(&out, s + i, n);
			i += n;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0 || cp < 0x80) {
			/* A byte that is not UTF-8, a C0 control or DEL: the byte. */
			if (n == 0)
				cp = p[i];
			n = 1;
			if (cp == '\t') {
				sb_appendc(&out, ' ');
			} else {
				memcpy(esc, "\\x", 2);
				esc[2] = hex[cp >> 4];
				esc[3] = hex[cp & 15];
				sb_appendn(&out, esc, 4);
			}
		} else if (is_control(cp, false)) {
			/* A C1 control, a bidi embedding, override or isolate: the code point. */
			memcpy(esc, "\\u", 2);
			esc[2] = hex[cp >> 12 & 15];
			esc[3] = hex[cp >> 8 & 15];
			esc[4] = hex[cp >> 4 & 15];
			esc[5] = hex[cp & 15];
			sb_appendn(&out, esc, 6);
		} else
			sb_appendn(&out, s + i, n);
		i += n;
	}
	return sb_detach(&out);
}

/* text_first_unclean of the len bytes at p (a NUL among them is a control). */
static bool
first_unclean_n(const unsigned char *p, size_t len, bool keep_newlines, long *cp)
{
	size_t i = 0, n;
	uint32_t c;

	while (i < len) {
		/* Printable ASCII is the common case and needs no decoding. */
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i += printable_run(p + i, len - i);
			continue;
		}
		n = utf8_decode(p + i, len - i, &c);
		if (n == 0 || is_control(c, keep_newlines)) {
			*cp = n == 0 ? -1 : (long)c;
			return true;
		}
		i += n;
	}
	return false;
}

bool
text_first_unclean(const char *s, bool keep_newlines, long *cp)
{
	return s != NULL && first_unclean_n((const unsigned char *)s, strlen(s), keep_newlines, cp);
}

bool
text_is_clean_n(const char *s, size_t len, bool keep_newlines)
{
	long cp;

	return !first_unclean_n((const unsigned char *)s, len, keep_newlines, &cp);
}

bool
text_is_plain_ascii(const char *s, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	if (s == NULL)
		return true;
	len = strlen(s);
	for (;;) {
		i += printable_run(p + i, len - i);
		if (i == len)
			return true;
		if (p[i] != '\n' || !keep_newlines)
			return false;
		i++;
	}
}

bool
text_is_clean(const char *s, bool keep_newlines)
{
	long cp;

	return !text_first_unclean(s, keep_newlines, &cp);
}
