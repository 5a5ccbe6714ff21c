/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"
#include "utf8_scan.h"

/*
 * Display widths, wrapping and ASCII stand-ins (text.h; the cleaning is text_clean.c's, and
 * both scan with utf8_scan.h). Everything here decodes UTF-8 itself and takes widths from
 * libunistring rather than through mbrtowc()/wcwidth(): the answers come from patients, and
 * how a report is laid out must not change with the locale the program happens to run in.
 * A NULL string is treated as "" throughout.
 */

struct range {
	uint32_t lo, hi;
	int width;
};

/* clang-format off */
/*
 * Where libunistring 1.0 and glibc 2.36's wcwidth() in C.UTF-8 disagree on an assigned
 * character, we side with glibc: ncurses lays the wizard out by wcwidth(), and the report
 * must measure a label as the wizard draws it. glibc is also the better guess for a
 * terminal here: the soft hyphen and the prepended concatenation marks (Arabic number sign,
 * Kaithi number sign, ...) are format characters with a visible glyph; the Kannada,
 * Zanabazar and Bhaiksuki vowel signs are nonspacing marks that libunistring counts as 1;
 * U+3248..U+324F (ambiguous) and the Yijing hexagrams (wide since Unicode 16) are 2 in
 * glibc. A tests/test_text.c sweep over every code point keeps this list honest.
 */
static const struct range glibc_width[] = {
	{ 0x00ad, 0x00ad, 1 }, { 0x0600, 0x0605, 1 }, { 0x06dd, 0x06dd, 1 },
	{ 0x070f, 0x070f, 1 }, { 0x0890, 0x0891, 1 }, { 0x08e2, 0x08e2, 1 },
	{ 0x0cbf, 0x0cbf, 0 }, { 0x0cc6, 0x0cc6, 0 }, { 0x3248, 0x324f, 2 },
	{ 0x4dc0, 0x4dff, 2 }, { 0x110bd, 0x110bd, 1 }, { 0x110cd, 0x110cd, 1 },
	{ 0x11a07, 0x11a08, 0 }, { 0x11c3f, 0x11c3f, 0 },
};

struct translit {
	uint32_t cp;
	const char *ascii;
};

/*
 * Stand-ins that are not a single base letter, sorted by code point for bsearch(). Invisible
 * characters map to "" so that, for example, a soft hyphen does not turn into a "?"; the
 * line and paragraph separators draw nothing either, though they do not count as 0 columns.
 */
static const struct translit translits[] = {
	{ 0x00a0, " " }, { 0x00a1, "!" }, { 0x00a3, "GBP" }, { 0x00a9, "(c)" },
	{ 0x00ab, "<<" }, { 0x00ad, "" }, { 0x00ae, "(R)" }, { 0x00b0, "deg" },
	{ 0x00b1, "+/-" }, { 0x00b2, "2" }, { 0x00b3, "3" }, { 0x00b4, "'" },
	{ 0x00b5, "u" }, { 0x00b7, "*" }, { 0x00b9, "1" }, { 0x00bb, ">>" },
	{ 0x00bc, "1/4" }, { 0x00bd, "1/2" }, { 0x00be, "3/4" }, { 0x00bf, "?" },
	{ 0x00c6, "AE" }, { 0x00d7, "x" }, { 0x00de, "TH" }, { 0x00df, "ss" },
	{ 0x00e6, "ae" }, { 0x00f7, "/" }, { 0x00fe, "th" }, { 0x0132, "IJ" },
	{ 0x0133, "ij" }, { 0x0149, "'n" }, { 0x0152, "OE" }, { 0x0153, "oe" },
	{ 0x2002, " " }, { 0x2003, " " }, { 0x2004, " " }, { 0x2005, " " },
	{ 0x2006, " " }, { 0x2007, " " }, { 0x2008, " " }, { 0x2009, " " },
	{ 0x200a, " " }, { 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" },
	{ 0x2013, "-" }, { 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" },
	{ 0x2019, "'" }, { 0x201a, "'" }, { 0x201b, "'" }, { 0x201c, "\"" },
	{ 0x201d, "\"" }, { 0x201e, "\"" }, { 0x201f, "\"" }, { 0x2022, "*" },
	{ 0x2023, "*" }, { 0x2026, "..." }, { 0x2028, "" }, { 0x2029, "" },
	{ 0x202f, " " }, { 0x2032, "'" }, { 0x2033, "\"" }, { 0x2039, "<" },
	{ 0x203a, ">" }, { 0x2043, "-" }, { 0x205f, " " }, { 0x20ac, "EUR" },
	{ 0x2122, "(TM)" }, { 0x2190, "<-" }, { 0x2191, "^" }, { 0x2192, "->" },
	{ 0x2193, "v" }, { 0x2194, "<->" }, { 0x21d0, "<=" }, { 0x21d2, "=>" },
	{ 0x21d4, "<=>" }, { 0x2212, "-" }, { 0x2248, "~" }, { 0x2260, "!=" },
	{ 0x2264, "<=" }, { 0x2265, ">=" }, { 0x25cf, "*" }, { 0x25e6, "*" },
};

/* Base letters of U+00C0..U+00FF and U+0100..U+017F; '?' marks entries in translits[]. */
static const char latin1_letters[] = "AAAAAA?CEEEEIIII"
				     "DNOOOOO?OUUUUY??"
				     "aaaaaa?ceeeeiiii"
				     "dnooooo?ouuuuy?y";
static const char latin_ext_a_letters[] = "AaAaAaCcCcCcCcDd"
					  "DdEeEeEeEeEeGgGg"
					  "GgGgHhHhIiIiIiIi"
					  "Ii??JjKkkLlLlLlL"
					  "lLlNnNnNn?NnOoOo"
					  "Oo??RrRrRrSsSsSs"
					  "SsTtTtTtUuUuUuUu"
					  "UuUuWwYyYZzZzZzs";
/* U+2500..U+257F: lines keep their direction, whatever joins lines becomes "+". */
static const char box_drawing[] = "--||--||--||++++"
				  "++++++++++++++++"
				  "++++++++++++++++"
				  "++++++++++++++++"
				  "++++++++++++--||"
				  "-|++++++++++++++"
				  "++++++++++++++++"
				  "+/\\X-|-|-|-|-|-|";
/* clang-format on */
_Static_assert(sizeof latin1_letters == 0x40 + 1, "one letter per code point");
_Static_assert(sizeof latin_ext_a_letters == 0x80 + 1, "one letter per code point");
_Static_assert(sizeof box_drawing == 0x80 + 1, "one stand-in per code point");

static int
range_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct range *r = elem;

	return cp < r->lo ? -1 : cp > r->hi;
}

/*
 * Columns of one character, as wcwidth() in C.UTF-8 counts them but without the locale:
 * libunistring's East Asian Width and emoji data, corrected where glibc differs. Where
 * wcwidth() gives up with -1 we still need a number: controls (sanitising removes them before
 * anything is laid out) and U+2028/U+2029 count 1 as the header promises, unassigned code
 * points get libunistring's guess (2 in the CJK blocks). Counting too much only wraps early.
 */
static size_t
char_width(uint32_t cp)
{
	const struct range *r;
	int w;

	/* Latin-1 Supplement to Spacing Modifier Letters (the accented letters and the
	 * punctuation of Spanish and French): every one is a column, in glibc as in
	 * libunistring (the soft hyphen as corrected below); combining marks start at U+0300. */
	if (cp >= 0xa0 && cp < 0x300)
		return 1;
	r = bsearch(&cp, glibc_width, sizeof glibc_width / sizeof glibc_width[0],
	    sizeof glibc_width[0], range_cmp);
	if (r != NULL)
		return (size_t)r->width;
	w = uc_width(cp, "UTF-8");
	return w < 0 ? 1 : (size_t)w;
}

/* Width of n bytes at s; an invalid byte counts 1, as a replacement character would. */
static size_t
span_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0, len;
	uint32_t cp;

	while (i < n) {
		if (p[i] < 0x80) {
			/* Every ASCII byte is one column (a control too, see above). */
			len = ascii_run(p + i, n - i);
			w += len;
			i += len;
			continue;
		}
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			w++;
			i++;
		} else {
			w += char_width(cp);
			i += len;
		}
	}
	return w;
}

size_t
text_width(const char *s)
{
	return s == NULL ? 0 : span_width(s, strlen(s));
}

size_t
text_width_n(const char *s, size_t n)
{
	return s == NULL ? 0 : span_width(s, n);
}

/* One output line being built: the indent is written only once something follows it. */
struct wrap {
	struct strbuf *out;
	size_t width; /* 0: no limit */
	const char *cur;
	const char *indent;
	size_t col; /* columns used, indent included */
	bool used;
	const char *pend; /* words of a line are one span of the source: appended at once */
	size_t pend_len;
	text_measure_fn measure;
	/* measure is span_width: an ASCII byte is a column, and the columns of a span cut at
	 * spaces are the sum of its pieces' (no UTF-8 sequence holds a space) */
	bool fast;
	size_t cur_len, indent_len, indent_cols;
	/* text_wrap_clean: every character is checked as it is measured (check), and any
	 * that is not clean, or not ASCII when ascii_only, stops the wrap (failed) */
	bool check, ascii_only, failed;
	/* Lines gather here and reach out a few at a time: a report has hundreds of them,
	 * each an indent, a span and a "\n". May hold a patient's text: wiped after use. */
	char buf[512];
	size_t blen;
};

static void
wrap_emit(struct wrap *w, const char *s, size_t n)
{
	if (n > sizeof w->buf - w->blen) {
		sb_appendn(w->out, w->buf, w->blen);
		explicit_bzero(w->buf, w->blen);
		w->blen = 0;
		if (n > sizeof w->buf) {
			sb_appendn(w->out, s, n);
			return;
		}
	}
	memcpy(w->buf + w->blen, s, n);
	w->blen += n;
}

/* Everything gathered, to out; and the copy wiped. */
static void
wrap_drain(struct wrap *w, bool keep)
{
	if (keep && w->blen > 0)
		sb_appendn(w->out, w->buf, w->blen);
	explicit_bzero(w->buf, w->blen);
	w->blen = 0;
}

/* Whether the n bytes at s are clean (no "\n" either), and ASCII if ascii_only. */
static bool
span_clean(const char *s, size_t n, bool ascii_only)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while ((i += printable_run(p + i, n - i)) < n) {
		if (ascii_only || (len = utf8_decode(p + i, n - i, &cp)) == 0 ||
		    is_control(cp, false))
			return false;
		i += len;
	}
	return true;
}

static void
wrap_flush(struct wrap *w)
{
	if (w->pend_len > 0)
		wrap_emit(w, w->pend, w->pend_len);
	w->pend_len = 0;
}

static void
wrap_put(struct wrap *w, const char *s, size_t n, size_t cols)
{
	if (!w->used) {
		wrap_emit(w, w->cur, w->cur_len);
		w->used = true;
	}
	if (w->pend_len > 0 && w->pend + w->pend_len == s)
		w->pend_len += n;
	else {
		wrap_flush(w);
		w->pend = s;
		w->pend_len = n;
	}
	w->col += cols;
}

static void
wrap_newline(struct wrap *w)
{
	size_t n;

	wrap_flush(w);
	/* A line with nothing on it must not end in the indent's spaces. */
	if (!w->used) {
		n = w->cur_len;
		while (n > 0 && w->cur[n - 1] == ' ')
			n--;
		wrap_emit(w, w->cur, n);
	}
	wrap_emit(w, "\n", 1);
	w->cur = w->indent;
	w->cur_len = w->indent_len;
	w->col = w->indent_cols;
	w->used = false;
}

/* A whole line, on a fresh one: its indent, the n bytes at s and its end. */
static void
wrap_line(struct wrap *w, const char *s, size_t n)
{
	if (w->cur_len + n + 1 <= sizeof w->buf - w->blen) {
		memcpy(w->buf + w->blen, w->cur, w->cur_len);
		memcpy(w->buf + w->blen + w->cur_len, s, n);
		w->blen += w->cur_len + n + 1;
		w->buf[w->blen - 1] = '\n';
	} else {
		wrap_emit(w, w->cur, w->cur_len);
		wrap_emit(w, s, n);
		wrap_emit(w, "\n", 1);
	}
	w->cur = w->indent;
	w->cur_len = w->indent_len;
	w->col = w->indent_cols;
}

static bool
wrap_fits(const struct wrap *w, size_t cols)
{
	return w->width == 0 || w->col + cols <= w->width;
}

/* Puts a word too long for any line, cutting it between characters. */
static void
wrap_split(struct wrap *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, cw;
	uint32_t cp;
	bool placed = false;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0)
			len = 1;
		cw = w->measure(s + i, len);
		/* At least one character per line, or an indent wider than width loops forever. */
		if (placed && !wrap_fits(w, cw)) {
			wrap_newline(w);
			placed = false;
		}
		wrap_put(w, s + i, len, cw);
		placed = true;
		i += len;
	}
}

/*
 * For span_width only: where the line that starts at b (its first word at start, b < start
 * when the spaces that open the paragraph go first) ends, when the greedy loop below would
 * put at least that word on it. Widths then add up, so the line holds every word that ends
 * before the first character that would not fit: found by measuring forward once (ASCII a
 * run at a time) and looking back for the last space. False when the first word does not
 * fit (it is split, or the opening spaces are left out): the loop then does it word by word.
 */
static bool
wrap_line_end(struct wrap *w, const char *s, size_t b, size_t start, size_t e, size_t *end)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t room, cw = 0, p = b, len, cwid, k, lim;
	uint32_t cp;

	if (w->width != 0 && w->col > w->width)
		return false;
	room = w->width == 0 ? SIZE_MAX : w->width - w->col;
	while (p < e) {
		if (u[p] < 0x80) {
			/* No need to look further than the first byte that would not fit. */
			lim = room - cw < e - p ? room - cw + 1 : e - p;
			if (!w->check)
				len = ascii_run(u + p, lim);
			else if ((len = printable_run(u + p, lim)) == 0) {
				w->failed = true; /* a control character */
				return false;
			}
			if (len > room - cw) {
				p += room - cw;
				break;
			}
			cw += len;
			p += len;
			continue;
		}
		/* U+00A0..U+02FF, the letters and punctuation of Spanish and French: a column
		 * each (char_width), and clean (the C1 controls are below U+00A0). */
		if (u[p] <= 0xcb && u[p] >= 0xc2 && e - p >= 2 && (u[p + 1] & 0xc0) == 0x80 &&
		    (u[p] != 0xc2 || u[p + 1] >= 0xa0) && !w->ascii_only) {
			if (cw == room)
				break;
			cw++;
			p += 2;
			continue;
		}
		len = utf8_decode(u + p, e - p, &cp);
		if (w->check && (w->ascii_only || len == 0 || is_control(cp, false))) {
			w->failed = true;
			return false;
		}
		if (len == 0) {
			len = 1;
			cwid = 1;
		} else
			cwid = char_width(cp);
		if (cwid > room - cw)
			break;
		cw += cwid;
		p += len;
	}
	if (p >= e) {
		*end = e;
		return true;
	}
	/* The last space at or before p, after the first word's start. */
	if (p <= start)
		return false;
	for (k = p; k > start && s[k] != ' '; k--)
		;
	if (k == start)
		return false;
	while (s[k - 1] == ' ')
		k--;
	*end = k;
	return true;
}

/* Wraps one "\n"-free paragraph of n bytes at s. */
static void
wrap_paragraph(struct wrap *w, const char *s, size_t n)
{
	size_t i = 0, gap, start, ww, e = n, end;
	bool at_start = true;
	unsigned char hi;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	while (i < n) {
		for (gap = 0; i < n && s[i] == ' '; i++)
			gap++;
		if (i == n)
			break;
		/* A fresh line of a report: laid out at once (see wrap_line_end). */
		if (w->fast && !w->used &&
		    wrap_line_end(w, s, at_start ? i - gap : i, i, e, &end)) {
			wrap_line(w, s + (at_start ? i - gap : i), end - (at_start ? i - gap : i));
			at_start = false;
			/* The rest of the paragraph is spaces, which go where lines break. */
			if ((i = end) == e)
				return;
			continue;
		}
		if (w->failed)
			return;
		for (hi = 0, start = i; i < n && s[i] != ' '; i++)
			hi |= (unsigned char)s[i];
		if (w->check && !span_clean(s + start, i - start, w->ascii_only)) {
			w->failed = true;
			return;
		}
		ww = w->fast && hi < 0x80 ? i - start : w->measure(s + start, i - start);
		if (w->used) {
			if (wrap_fits(w, gap + ww)) {
				wrap_put(w, s + start - gap, gap + i - start, gap + ww);
				continue;
			}
			wrap_newline(w);
		}
		/*
		 * Only the spaces that open a paragraph are deliberate (an indented list, say);
		 * elsewhere a fresh line starts with the word.
		 */
		if (at_start && gap > 0 && wrap_fits(w, gap + ww))
			wrap_put(w, s + start - gap, gap, gap);
		at_start = false;
		if (wrap_fits(w, ww))
			wrap_put(w, s + start, i - start, ww);
		else {
			/* The word gets lines of its own rather than the tail of this one. */
			if (w->used)
				wrap_newline(w);
			wrap_split(w, s + start, i - start);
		}
	}
	wrap_newline(w);
}

/*
 * Greedy: each word goes on the current line if it fits, else starts the next one. Spaces
 * between words on one line are kept as typed, spaces where a line breaks are dropped, and
 * no line ends in a space. A "\n" in s ends the line (the next one takes indent, not
 * first_indent); a final "\n" adds no empty line, but "" gives one line holding only
 * first_indent less its trailing spaces. width 0 means no limit.
 */
void
text_wrap(struct strbuf *out, const char *s, size_t width, const char *first_indent,
    const char *indent)
{
	text_wrap_measured(out, s, width, first_indent, indent, span_width);
}

/* The length and columns of an indent, false when w->check refuses it. Most indents are a
 * few spaces or "* ": printable ASCII, a column a byte. */
static bool
indent_setup(const struct wrap *w, const char *s, size_t *len, size_t *cols)
{
	size_t i;

	for (i = 0; s[i] >= 0x20 && s[i] < 0x7f; i++)
		;
	if (s[i] == '\0') {
		*len = i;
		*cols = w->fast ? i : w->measure(s, i);
		return true;
	}
	*len = i + strlen(s + i);
	if (w->check && !span_clean(s, *len, w->ascii_only))
		return false;
	*cols = w->measure(s, *len);
	return true;
}

/* Lays s out through w, set up by the caller but for these. False when w->check found a
 * character that is not clean (what was written then is to be taken back). */
static bool
wrap_text(struct wrap *w, const char *s, size_t width, const char *first_indent, const char *indent,
    text_measure_fn measure)
{
	const char *p = s != NULL ? s : "", *eol;
	bool ok;

	w->width = width;
	w->cur = first_indent != NULL ? first_indent : "";
	w->indent = indent != NULL ? indent : "";
	w->measure = measure;
	w->fast = measure == span_width;
	if (!indent_setup(w, w->cur, &w->cur_len, &w->col) ||
	    !indent_setup(w, w->indent, &w->indent_len, &w->indent_cols))
		return false;
	w->used = false;
	w->pend = NULL;
	w->pend_len = 0;
	w->failed = false;
	w->blen = 0;
	for (;;) {
		eol = strchrnul(p, '\n');
		wrap_paragraph(w, p, (size_t)(eol - p));
		if (w->failed || *eol == '\0' || eol[1] == '\0')
			break;
		p = eol + 1;
	}
	ok = !w->failed;
	wrap_drain(w, ok);
	return ok;
}

void
text_wrap_measured(struct strbuf *out, const char *s, size_t width, const char *first_indent,
    const char *indent, text_measure_fn measure)
{
	struct wrap w; /* not initialised: its buffer is filled before it is read */

	w.out = out;
	w.check = w.ascii_only = false;
	wrap_text(&w, s, width, first_indent, indent, measure);
}

bool
text_wrap_clean(struct strbuf *out, const char *s, size_t width, const char *first_indent,
    const char *indent, bool ascii)
{
	struct wrap w;
	size_t len = out->len;

	w.out = out;
	w.check = true;
	w.ascii_only = ascii;
	if (wrap_text(&w, s, width, first_indent, indent, span_width))
		return true;
	/* Taken back; the bytes stay in the buffer until they are written over. */
	out->len = len;
	if (out->buf != NULL)
		out->buf[len] = '\0';
	return false;
}

static int
translit_cmp(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct translit *t = elem;

	return cp < t->cp ? -1 : cp > t->cp;
}

static const char *
char_ascii(uint32_t cp, char letter[2])
{
	const struct translit *t;

	t = bsearch(&cp, translits, sizeof translits / sizeof translits[0], sizeof translits[0],
	    translit_cmp);
	if (t != NULL)
		return t->ascii;
	letter[1] = '\0';
	if (cp >= 0xc0 && cp <= 0xff) {
		letter[0] = latin1_letters[cp - 0xc0];
		return letter;
	}
	if (cp >= 0x100 && cp <= 0x17f) {
		letter[0] = latin_ext_a_letters[cp - 0x100];
		return letter;
	}
	if (cp >= 0x2500 && cp <= 0x257f) {
		letter[0] = box_drawing[cp - 0x2500];
		return letter;
	}
	/*
	 * A decomposed accent goes with the accent; an invisible character shows nothing. Both
	 * are what takes no column, so the width data decides rather than a list of our own.
	 */
	if (char_width(cp) == 0)
		return "";
	return "?";
}

void
text_to_ascii(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len, n;
	uint32_t cp;
	char letter[2];

	if (s == NULL)
		return;
	len = strlen(s);
	while (i < len) {
		if (p[i] < 0x80) {
			/* ASCII stays as it is: a run of it in one copy. */
			n = ascii_run(p + i, len - i);
			sb_appendn(out, s + i, n);
			i += n;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			sb_appendc(out, '?');
			i++;
		} else {
			sb_append(out, char_ascii(cp, letter));
			i += n;
		}
	}
}
