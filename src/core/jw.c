/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "jw.h"
#include "smpscreen/xalloc.h"

/*
 * Why not jansson: a report built as a tree costs an allocation per value, a hashtable
 * insert per member and a second walk to dump it, ~2.5 M instructions per JSON report; the
 * same bytes written as they come cost a tenth of that. The bytes are jansson's (dump.c of
 * 2.14), so that nothing a reader sees changes; tests/test_jw.c holds the two side by side.
 *
 * A report is thousands of short pieces (a key, a quote, a line break and its indentation),
 * so the common ones are written straight into the buffer after one check for room, and the
 * text of keys and strings is checked eight bytes at a time.
 */

/* For the few pieces every key and string goes through: a call and its register saves
 * would cost more than what they do. */
#define INLINE __attribute__((always_inline))

/* The longest indentation written in one piece; deeper goes a space at a time. */
#define BREAK_MAX 64

/* ",\n" and the spaces of an indentation. */
static const char line_break[] =
    ",\n                                                                ";
_Static_assert(sizeof line_break == 2 + BREAK_MAX + 1, "a comma, a newline, the spaces");

void
jw_init(struct jw *w, struct strbuf *out, unsigned indent, unsigned depth)
{
	w->out = out;
	w->indent = indent;
	w->base = w->depth = depth;
	w->first = true;
	w->keyed = false;
	w->n = 0;
}

static void
flush(struct jw *w)
{
	if (w->n > 0)
		sb_appendn(w->out, w->buf, w->n);
	w->n = 0;
}

void
jw_finish(struct jw *w)
{
	flush(w);
	explicit_bzero(w->buf, sizeof w->buf);
}

/* Where the next k bytes go (k at most half the buffer); commit() says how many went. */
static inline INLINE char *
reserve(struct jw *w, size_t k)
{
	if (sizeof w->buf - w->n < k)
		flush(w);
	return w->buf + w->n;
}

static inline INLINE void
commit(struct jw *w, const char *end)
{
	w->n = (size_t)(end - w->buf);
}

/*
 * Copies k bytes without a call for the short pieces a report is made of: two overlapping
 * copies of a fixed size cover every length from that size to twice it, and read nothing
 * outside s.
 */
static inline INLINE char *
copy(char *d, const char *s, size_t k)
{
	if (k > 16)
		memcpy(d, s, k);
	else if (k >= 8) {
		memcpy(d, s, 8);
		memcpy(d + k - 8, s + k - 8, 8);
	} else if (k >= 4) {
		memcpy(d, s, 4);
		memcpy(d + k - 4, s + k - 4, 4);
	} else if (k > 0) {
		d[0] = s[0];
		d[k / 2] = s[k / 2];
		d[k - 1] = s[k - 1];
	}
	return d + k;
}

/* Any number of bytes, through the buffer or, when long, straight to out. */
static void
put(struct jw *w, const char *s, size_t k)
{
	if (k > sizeof w->buf / 2) {
		flush(w);
		sb_appendn(w->out, s, k);
		return;
	}
	commit(w, copy(reserve(w, k), s, k));
}

/* A line break and the indentation of depth, as jansson's dump_indent, and before it a
 * comma when comma; at d, with room for 2 + BREAK_MAX bytes. NULL when too deep for that. */
static inline INLINE char *
line_break_at(const struct jw *w, char *d, unsigned depth, bool comma)
{
	size_t n = (size_t)depth * w->indent;

	if (n > BREAK_MAX)
		return NULL;
	return copy(d, line_break + !comma, n + 1 + comma);
}

/* The same, a piece at a time, for any depth. */
static void
deep_line_break(struct jw *w, unsigned depth, bool comma)
{
	size_t n = (size_t)depth * w->indent;

	put(w, line_break + !comma, 1 + comma);
	for (; n > BREAK_MAX; n -= BREAK_MAX)
		put(w, line_break + 2, BREAK_MAX);
	put(w, line_break + 2, n);
}

/*
 * Writes what comes before a value or a key, and returns where it goes, with room for k
 * bytes (k at most a quarter of the buffer): nothing after a key or for the outermost value,
 * else a comma after an earlier member and, indented, a line break.
 */
static inline INLINE char *
begin(struct jw *w, size_t k)
{
	bool comma = !w->first;
	char *d;

	if (w->keyed || w->depth == w->base) {
		w->keyed = false;
		return reserve(w, k);
	}
	w->first = false;
	d = reserve(w, k + 2 + BREAK_MAX);
	if (w->indent == 0) {
		if (comma)
			*d++ = ',';
		return d;
	}
	if ((d = line_break_at(w, d, w->depth, comma)) != NULL)
		return d;
	deep_line_break(w, w->depth, comma);
	return reserve(w, k);
}

static void
open_container(struct jw *w, char c)
{
	char *d = begin(w, 1);

	*d++ = c;
	commit(w, d);
	w->depth++;
	w->first = true;
}

/* jansson writes an empty container as "{}" or "[]" whatever the indentation. */
static void
close_container(struct jw *w, char c)
{
	char *d = reserve(w, 3 + BREAK_MAX), *e;

	assert(w->depth > w->base && !w->keyed);
	w->depth--;
	if (!w->first && w->indent > 0) {
		if ((e = line_break_at(w, d, w->depth, false)) == NULL) {
			deep_line_break(w, w->depth, false);
			e = reserve(w, 1);
		}
		d = e;
	}
	*d++ = c;
	commit(w, d);
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

/*
 * Text is checked eight bytes at a time, with the usual word tests for a byte below a value
 * and for a zero byte: each gives a mask with the high bit of every byte found, and the
 * lowest-addressed one is exact (a borrow or carry only marks bytes after it, on a
 * little-endian machine).
 */
static const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;

/* The bytes of x equal to c. */
static inline INLINE uint64_t
equal_mask(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (ones * c);

	return (y - ones) & ~y & high;
}

/* The bytes of x that need a look in a string: a control (< 0x20), '"', '\\', DEL or a
 * byte of a non-ASCII character (>= 0x7f). */
static inline INLINE uint64_t
special_mask(uint64_t x)
{
	return ((((x - ones * 0x20) & ~x) | (x + ones) | x) & high) | equal_mask(x, '"') |
	    equal_mask(x, '\\');
}

/* The offset of the first byte of mask that is not 0 (mask is not 0), or 0 where that is
 * not known to be exact: the caller checks from there a byte at a time. */
static inline INLINE size_t
first_found(uint64_t mask)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(mask) / 8;
#else
	(void)mask;
	return 0;
#endif
}

/* Printable ASCII that JSON takes as it is: all but '"' and '\\'. */
static const char plain_table[256] = "0000000000000000"
                                     "0000000000000000"
                                     "1101111111111111"
                                     "1111111111111111"
                                     "1111111111111111"
                                     "1111111111110111"
                                     "1111111111111111"
                                     "1111111111111110";

/* How many of the n bytes at p are plain, from the first. */
static size_t
plain_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
	uint64_t x, m;

	for (; n - i >= 8; i += 8) {
		memcpy(&x, p + i, 8);
		if ((m = special_mask(x)) != 0) {
			i += first_found(m);
			break;
		}
	}
	if (n - i < 8 && n >= 8) {
		/* The last bytes, as the last word: it overlaps what was checked. */
		memcpy(&x, p + n - 8, 8);
		if ((m = special_mask(x)) == 0)
			return n;
		if (n - 8 + first_found(m) > i)
			i = n - 8 + first_found(m);
	}
	while (i < n && plain_table[p[i]] == '1')
		i++;
	return i;
}

/* Whether the n bytes at p are all plain: plain_run(p, n) == n, with no byte looked at
 * alone (words that overlap cover every length from 4 up). */
static inline INLINE bool
all_plain(const unsigned char *p, size_t n)
{
	uint64_t x;
	uint32_t lo, hi;
	size_t i;

	if (n < 4) {
		for (i = 0; i < n; i++)
			if (plain_table[p[i]] != '1')
				return false;
		return true;
	}
	if (n < 8) {
		memcpy(&lo, p, 4);
		memcpy(&hi, p + n - 4, 4);
		return special_mask(lo | (uint64_t)hi << 32) == 0;
	}
	for (i = 0; n - i > 8; i += 8) {
		memcpy(&x, p + i, 8);
		if (special_mask(x) != 0)
			return false;
	}
	memcpy(&x, p + n - 8, 8);
	return special_mask(x) == 0;
}

/* Short plain text (nearly every key and string) in one piece, quotes and all. */
#define SHORT (sizeof((struct jw *)0)->buf / 4 - 4)

/* jansson's escaping of a key, nothing removed: an id has nothing to remove. */
static void
key_escaped(struct jw *w, const unsigned char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[6] = { '\\', 'u', '0', '0' };
	size_t i = 0, run = 0;
	unsigned char c;

	while ((i += plain_run(p + i, len - i)) < len) {
		if ((c = p[i]) >= 0x7f) {
			i++;
			continue;
		}
		put(w, (const char *)p + run, i - run);
		run = ++i;
		switch (c) {
		case '"':
		case '\\':
			esc[1] = (char)c;
			put(w, esc, 2);
			break;
		case '\b':
			put(w, "\\b", 2);
			break;
		case '\f':
			put(w, "\\f", 2);
			break;
		case '\n':
			put(w, "\\n", 2);
			break;
		case '\r':
			put(w, "\\r", 2);
			break;
		case '\t':
			put(w, "\\t", 2);
			break;
		default:
			esc[1] = 'u';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			put(w, esc, 6);
			break;
		}
	}
	put(w, (const char *)p + run, len - run);
}

void
jw_key(struct jw *w, const char *key)
{
	const unsigned char *p = (const unsigned char *)key;
	size_t len = strlen(key);
	char *d;

	assert(!w->keyed);
	if (len <= SHORT && all_plain(p, len)) {
		d = begin(w, len + 4);
		*d++ = '"';
		d = copy(d, key, len);
	} else {
		commit(w, begin(w, 1));
		put(w, "\"", 1);
		key_escaped(w, p, len);
		d = reserve(w, 3);
	}
	/* The separator of a member: "\": " or, compact, "\":". */
	memcpy(d, "\": ", 3);
	commit(w, d + (w->indent > 0 ? 3 : 2));
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

/* The text of a string, sanitised and escaped, from its first byte that is not plain ASCII:
 * kept characters stay in the run copied at once, only a change breaks it. */
static void
str_sanitised(struct jw *w, const unsigned char *p, size_t len, size_t i)
{
	size_t run = 0;
	unsigned char c;
	int n;

	for (; i < len; i += plain_run(p + i, len - i)) {
		c = p[i];
		n = c >= 0x80 ? utf8_class(p + i) : -1;
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		put(w, (const char *)p + run, i - run);
		switch (c) {
		case '"':
			put(w, "\\\"", 2);
			break;
		case '\\':
			put(w, "\\\\", 2);
			break;
		case '\n':
			put(w, "\\n", 2);
			break;
		case '\t':
			/* A tab separates words; dropping it would join them. */
			put(w, " ", 1);
			break;
		default:
			/* Another control, or what utf8_class removes. */
			break;
		}
		i += (size_t)-n;
		run = i;
	}
	put(w, (const char *)p + run, len - run);
}

void
jw_str(struct jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	char *d;

	if (len <= SHORT && all_plain(p, len)) {
		d = begin(w, len + 2);
		*d++ = '"';
		d = copy(d, s, len);
		*d++ = '"';
		commit(w, d);
		return;
	}
	commit(w, begin(w, 1));
	put(w, "\"", 1);
	str_sanitised(w, p, len, plain_run(p, len));
	put(w, "\"", 1);
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

	do
		*--b = (char)('0' + m % 10);
	while ((m /= 10) > 0);
	if (v < 0)
		*--b = '-';
	commit(w, copy(begin(w, (size_t)(e - b)), b, (size_t)(e - b)));
}

void
jw_bool(struct jw *w, bool v)
{
	commit(w, copy(begin(w, 5), v ? "true" : "false", v ? 4 : 5));
}

void
jw_null(struct jw *w)
{
	commit(w, copy(begin(w, 4), "null", 4));
}

void
jw_raw(struct jw *w, const char *json, size_t len)
{
	commit(w, begin(w, 1));
	put(w, json, len);
}

char *
jw_compact(const char *json, size_t len)
{
	/* 8 bytes of slack: text is copied a word at a time, and a word may reach past what
	 * is kept of it. */
	char *out = xmalloc(len + 8), *d = out;
	const char *p = json, *e = json + len;
	uint64_t x, m;

	/* Outside strings, jw (like jansson) writes no whitespace but line breaks, indentation
	 * and the space after a key's colon; inside them, a '"' only escaped. */
	while (p < e) {
		if (*p == '\n') {
			for (p++; e - p >= 8; p += 8) {
				memcpy(&x, p, 8);
				if ((m = x ^ ones * ' ') != 0) {
					p += first_found(m); /* the first byte not a space */
					break;
				}
			}
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		if ((*d++ = *p++) != '"')
			continue;
		for (;;) {
			for (; e - p >= 8; d += 8, p += 8) {
				memcpy(&x, p, 8);
				memcpy(d, &x, 8);
				if ((m = equal_mask(x, '"') | equal_mask(x, '\\')) != 0) {
					d += first_found(m);
					p += first_found(m);
					break;
				}
			}
			if (p == e)
				break;
			if ((*d++ = *p++) == '"')
				break;
			if (d[-1] == '\\' && p < e)
				*d++ = *p++;
		}
	}
	*d = '\0';
	return out;
}
