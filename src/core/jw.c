/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "jw.h"

/*
 * Why not jansson: a report built as a tree costs an allocation per value, a hashtable per
 * object and a second walk to dump it, ~2.5 M instructions per report against ~0.1 M for
 * writing the same bytes straight away. The bytes are jansson's (dump.c of 2.14) so that
 * nothing a reader sees changes; tests/test_jw.c holds the two side by side.
 */

void
jw_init(struct jw *w, struct strbuf *out, unsigned indent, unsigned depth)
{
	w->out = out;
	w->indent = indent;
	w->base = w->depth = depth;
	w->first = true;
	w->keyed = false;
}

/* A line break and the indentation of depth, as jansson's dump_indent. */
static void
newline(struct jw *w, unsigned depth)
{
	static const char spaces[] =
	    "\n                                                                ";
	size_t n = (size_t)depth * w->indent;

	if (n < sizeof spaces - 1) {
		sb_appendn(w->out, spaces, n + 1);
		return;
	}
	sb_appendc(w->out, '\n');
	for (; n > 0; n--)
		sb_appendc(w->out, ' ');
}

/* What comes before a value or a key: nothing after a key or for the outermost value, else
 * a comma after an earlier member and, indented, a new line. */
static void
separate(struct jw *w)
{
	if (w->keyed) {
		w->keyed = false;
		return;
	}
	if (w->depth == w->base)
		return;
	if (!w->first)
		sb_appendc(w->out, ',');
	if (w->indent > 0)
		newline(w, w->depth);
	w->first = false;
}

static void
open_container(struct jw *w, char c)
{
	separate(w);
	sb_appendc(w->out, c);
	w->depth++;
	w->first = true;
}

/* jansson writes an empty container as "{}" or "[]" whatever the indentation. */
static void
close_container(struct jw *w, char c)
{
	assert(w->depth > w->base && !w->keyed);
	w->depth--;
	if (!w->first && w->indent > 0)
		newline(w, w->depth);
	sb_appendc(w->out, c);
	w->first = false;
}

void
jw_object(struct jw *w)
{
	open_container(w, '{');
}

void
jw_object_end(struct jw *w)
{
	close_container(w, '}');
}

void
jw_array(struct jw *w)
{
	open_container(w, '[');
}

void
jw_array_end(struct jw *w)
{
	close_container(w, ']');
}

void
jw_key(struct jw *w, const char *key)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)key, *run;
	char esc[6] = { '\\', 'u', '0', '0' };

	assert(!w->keyed);
	separate(w);
	sb_appendc(w->out, '"');
	/* jansson's escaping, nothing removed: an id has nothing to remove. */
	for (run = p;; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		if (p > run)
			sb_appendn(w->out, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '\0':
			goto done;
		case '"':
		case '\\':
			esc[1] = (char)*p;
			sb_appendn(w->out, esc, 2);
			break;
		case '\b':
			sb_appendn(w->out, "\\b", 2);
			break;
		case '\f':
			sb_appendn(w->out, "\\f", 2);
			break;
		case '\n':
			sb_appendn(w->out, "\\n", 2);
			break;
		case '\r':
			sb_appendn(w->out, "\\r", 2);
			break;
		case '\t':
			sb_appendn(w->out, "\\t", 2);
			break;
		default:
			esc[1] = 'u';
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			sb_appendn(w->out, esc, 6);
			break;
		}
	}
done:
	sb_appendn(w->out, w->indent > 0 ? "\": " : "\":", w->indent > 0 ? 3 : 2);
	w->keyed = true;
}

/*
 * What text_sanitize does with the character at s (s[0] >= 0x80; s ends with a NUL, which
 * stops a truncated sequence at its first missing byte): its length when it is well-formed
 * UTF-8 and kept; minus its length when it is removed whole (a C1 control, a bidi
 * embedding, override or isolate); -1 for a byte that is not UTF-8, removed alone. The
 * checks are text.c's utf8_decode: Unicode's table 3-7.
 */
static int
utf8_class(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t c;

	if (s[0] < 0xc2 || s[0] >= 0xf5)
		return -1;
	if (s[0] < 0xe0) {
		if ((s[1] & 0xc0) != 0x80)
			return -1;
		return s[0] == 0xc2 && s[1] < 0xa0 ? -2 : 2; /* C1: U+0080..U+009F */
	}
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi || (s[2] & 0xc0) != 0x80)
		return -1;
	if (s[0] < 0xf0) {
		c = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ? -3 : 3;
	}
	return (s[3] & 0xc0) == 0x80 ? 4 : -1;
}

/* Printable ASCII that JSON takes as it is: the common case, copied in runs. */
static bool
plain(unsigned char c)
{
	return (unsigned char)(c - 0x20) < 0x5f && c != '"' && c != '\\';
}

void
jw_str(struct jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	int n = 0;

	separate(w);
	sb_appendc(w->out, '"');
	for (run = p;;) {
		if (plain(*p)) {
			p++;
			continue;
		}
		if (*p >= 0x80 && (n = utf8_class(p)) > 0) {
			p += n;
			continue;
		}
		if (p > run)
			sb_appendn(w->out, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '\0':
			sb_appendc(w->out, '"');
			return;
		case '"':
			sb_appendn(w->out, "\\\"", 2);
			break;
		case '\\':
			sb_appendn(w->out, "\\\\", 2);
			break;
		case '\n':
			sb_appendn(w->out, "\\n", 2);
			break;
		case '\t':
			/* A tab separates words; dropping it would join them. */
			sb_appendc(w->out, ' ');
			break;
		default:
			/* Another control, or what utf8_class removes. */
			break;
		}
		p += *p < 0x80 ? 1 : (size_t)-n;
		run = p;
	}
}

void
jw_str_or_null(struct jw *w, const char *s)
{
	if (s != NULL)
		jw_str(w, s);
	else
		jw_null(w);
}

void
jw_int(struct jw *w, long long v)
{
	char buf[24], *e = buf + sizeof buf, *b = e;
	/* The magnitude in unsigned arithmetic: -LLONG_MIN does not fit a long long. */
	unsigned long long m = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	separate(w);
	do
		*--b = (char)('0' + m % 10);
	while ((m /= 10) > 0);
	if (v < 0)
		*--b = '-';
	sb_appendn(w->out, b, (size_t)(e - b));
}

void
jw_bool(struct jw *w, bool v)
{
	separate(w);
	sb_appendn(w->out, v ? "true" : "false", v ? 4 : 5);
}

void
jw_null(struct jw *w)
{
	separate(w);
	sb_appendn(w->out, "null", 4);
}

void
jw_raw(struct jw *w, const char *json, size_t len)
{
	separate(w);
	sb_appendn(w->out, json, len);
}

void
jw_compact(struct strbuf *out, const char *json, size_t len)
{
	const char *p = json, *e = json + len, *run = json;
	bool in_string = false;

	/* Outside strings, jw (like jansson) writes no whitespace but line breaks, indentation
	 * and the space after a key's colon. */
	for (; p < e; p++) {
		if (in_string) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_string = false;
		} else if (*p == '"')
			in_string = true;
		else if (*p == ' ' || *p == '\n') {
			if (p > run)
				sb_appendn(out, run, (size_t)(p - run));
			run = p + 1;
		}
	}
	if (e > run)
		sb_appendn(out, run, (size_t)(e - run));
}
