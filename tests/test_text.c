/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"

static char *
wrap(const char *s, size_t width, const char *first_indent, const char *indent)
{
	struct strbuf sb = { 0 };

	text_wrap(&sb, s, width, first_indent, indent);
	return sb_detach(&sb);
}

static char *
ascii(const char *s)
{
	struct strbuf sb = { 0 };

	text_to_ascii(&sb, s);
	return sb_detach(&sb);
}

static void
check_sanitize(const char *s, size_t len, size_t max, bool keep, const char *want)
{
	char *got = text_sanitize(s, len, max, keep);

	cr_assert_str_eq(got, want, "sanitize(%zu bytes, max %zu, keep %d)", len, max, keep);
	free(got);
}

static void
check_wrap(const char *s, size_t width, const char *fi, const char *in, const char *want)
{
	char *got = wrap(s, width, fi, in);

	cr_assert_str_eq(got, want, "wrap(\"%s\", %zu):\n[%s]\nwanted\n[%s]",
	    s != NULL ? s : "(null)", width, got, want);
	free(got);
}

static void
check_ascii(const char *s, const char *want)
{
	char *got = ascii(s);

	cr_assert_str_eq(got, want, "to_ascii(\"%s\")", s);
	free(got);
}

/* Encodes cp (any value up to 0x1fffff, valid or not) as UTF-8 bytes into buf. */
static void
encode(uint32_t cp, char buf[5])
{
	unsigned char *p = (unsigned char *)buf;

	if (cp < 0x80) {
		p[0] = (unsigned char)cp;
		p[1] = 0;
	} else if (cp < 0x800) {
		p[0] = (unsigned char)(0xc0 | cp >> 6);
		p[1] = (unsigned char)(0x80 | (cp & 0x3f));
		p[2] = 0;
	} else if (cp < 0x10000) {
		p[0] = (unsigned char)(0xe0 | cp >> 12);
		p[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		p[2] = (unsigned char)(0x80 | (cp & 0x3f));
		p[3] = 0;
	} else {
		p[0] = (unsigned char)(0xf0 | cp >> 18);
		p[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		p[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		p[3] = (unsigned char)(0x80 | (cp & 0x3f));
		p[4] = 0;
	}
}

/* --- NULL and empty input ------------------------------------------------------------ */

Test(text, null_inputs)
{
	char *s;

	s = text_sanitize(NULL, 10, 0, true);
	cr_assert_str_eq(s, "");
	free(s);
	cr_assert(text_is_clean(NULL, false));
	cr_assert_eq(text_width(NULL), 0);
	check_wrap(NULL, 72, "  * ", "    ", "  *\n");
	check_wrap("a b", 72, NULL, NULL, "a b\n");
	check_ascii(NULL, "");
}

Test(text, empty_inputs)
{
	check_sanitize("", 0, 0, false, "");
	check_sanitize("abc", 0, 0, false, "");
	cr_assert(text_is_clean("", false));
	cr_assert_eq(text_width(""), 0);
	check_wrap("", 72, "", "", "\n");
	check_wrap("", 72, "  * ", "    ", "  *\n");
	check_wrap("", 72, "\xe2\x80\xa2  ", "   ", "\xe2\x80\xa2\n");
	check_ascii("", "");
}

/* --- text_sanitize ----------------------------------------------------------------------- */

Test(text, sanitize_keeps_plain_text)
{
	const char *s = "Hello, world! caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80";

	check_sanitize(s, strlen(s), 0, false, s);
	check_sanitize("a\xc2\xa0"
	               "b",
	    4, 0, false,
	    "a\xc2\xa0"
	    "b");
	/* The highest code point there is. */
	check_sanitize("\xf4\x8f\xbf\xbf", 4, 0, false, "\xf4\x8f\xbf\xbf");
}

Test(text, sanitize_strips_c0_controls_and_del)
{
	check_sanitize("\x1b[31mred\x1b[0m", 13, 0, false, "[31mred[0m");
	check_sanitize("\x1b]0;title\x07x", 12, 0, false, "]0;titlex");
	check_sanitize("a\tb\rc\nd\x7f"
	               "e\x01\x1f",
	    11, 0, false, "a bcde");
	check_sanitize("a\0b", 3, 0, false, "ab");
}

Test(text, sanitize_strips_bidi_overrides_and_isolates)
{
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP */
	check_sanitize("ok\xe2\x80\xae"
	               "evil",
	    9, 0, false, "okevil");
	check_sanitize("\xe2\x81\xa6x\xe2\x81\xa9", 7, 0, false, "x");
	/* neighbours that are ordinary text stay */
	check_sanitize("\xe2\x80\x94", 3, 0, false, "\xe2\x80\x94");
}

Test(text, sanitize_keep_newlines_keeps_lf_only)
{
	check_sanitize("a\r\nb\tc\n", 7, 0, true, "a\nb c\n");
	check_sanitize("a\r\nb\tc\n", 7, 0, false, "ab c");
	check_sanitize("\x1b\n\x1b", 3, 0, true, "\n");
}

Test(text, sanitize_strips_c1_controls)
{
	/* U+0080, U+0085 (NEL), U+009B (CSI), U+009F; U+00A0 is the first one kept. */
	check_sanitize("a\xc2\x80"
	               "b\xc2\x85"
	               "c\xc2\x9b"
	               "d\xc2\x9f"
	               "e\xc2\xa0",
	    15, 0, false, "abcde\xc2\xa0");
}

Test(text, sanitize_strips_invalid_utf8)
{
	check_sanitize("a\x80"
	               "b",
	    3, 0, false, "ab");
	check_sanitize("a\xbf\xbf"
	               "b",
	    4, 0, false, "ab");
	/* Overlong forms of "/" and of U+0000. */
	check_sanitize("a\xc0\xaf"
	               "b",
	    4, 0, false, "ab");
	check_sanitize("a\xc1\xbf"
	               "b",
	    4, 0, false, "ab");
	check_sanitize("a\xe0\x80\xaf"
	               "b",
	    5, 0, false, "ab");
	check_sanitize("a\xf0\x80\x80\xaf"
	               "b",
	    6, 0, false, "ab");
	check_sanitize("a\xc0\x80"
	               "b",
	    4, 0, false, "ab");
	/* Surrogates U+D800 and U+DFFF. */
	check_sanitize("a\xed\xa0\x80"
	               "b\xed\xbf\xbf",
	    8, 0, false, "ab");
	/* Past U+10FFFF, and bytes that never occur. */
	check_sanitize("a\xf4\x90\x80\x80"
	               "b\xf5\x80\x80\x80"
	               "c\xfe\xff",
	    13, 0, false, "abc");
	/* Truncated sequences, in the middle and at the end. */
	check_sanitize("a\xe2\x82"
	               "b\xe2\x82",
	    6, 0, false, "ab");
	check_sanitize("\xf0\x9f\x98", 3, 0, false, "");
	/* A lead byte followed by a valid character: only the lead goes. */
	check_sanitize("\xc3\xc3\xa9", 3, 0, false, "\xc3\xa9");
}

Test(text, sanitize_respects_len)
{
	check_sanitize("abcdef", 3, 0, false, "abc");
	/* len cutting a character in two drops the half. */
	check_sanitize("a\xc3\xa9", 2, 0, false, "a");
}

Test(text, sanitize_cuts_at_max_bytes_on_a_boundary)
{
	check_sanitize("abcdef", 6, 4, false, "abcd");
	check_sanitize("a\xc3\xa9", 3, 2, false, "a");
	check_sanitize("a\xc3\xa9", 3, 3, false, "a\xc3\xa9");
	check_sanitize("\xe6\x97\xa5\xe6\x97\xa5", 6, 5, false, "\xe6\x97\xa5");
	check_sanitize("\xf0\x9f\x98\x80", 4, 3, false, "");
	/* The limit applies to what is kept, not to what was given. */
	check_sanitize("\x1b\x1b\x1b"
	               "abc",
	    6, 2, false, "ab");
	check_sanitize("abc", 3, 100, false, "abc");
}

/* --- text_is_clean ----------------------------------------------------------------------- */

Test(text, is_clean)
{
	cr_assert(text_is_clean("plain text", false));
	cr_assert(text_is_clean("caf\xc3\xa9 \xf0\x9f\x98\x80", false));
	cr_assert_not(text_is_clean("a\nb", false));
	cr_assert(text_is_clean("a\nb", true));
	cr_assert_not(text_is_clean("a\r\nb", true));
	cr_assert_not(text_is_clean("a\tb", true));
	cr_assert_not(text_is_clean("\x1b[2J", true));
	cr_assert_not(text_is_clean("\x7f", true));
	cr_assert_not(text_is_clean("\xc2\x9b", true));
	cr_assert_not(text_is_clean("\xc0\xaf", true));
	cr_assert_not(text_is_clean("\xed\xa0\x80", true));
	cr_assert_not(text_is_clean("\xe2\x82", true));
}

Test(text, escape_unclean)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} cases[] = {
		{ "plain", 5, "plain" },
		{ "caf\xc3\xa9", 5, "caf\xc3\xa9" },
		{ "unwell-tod\xe3y", 12, "unwell-tod\\xE3y" },
		{ "\x1b[2J", 4, "\\x1B[2J" },
		{ "a\nb\tc\x7f", 6, "a\\x0Ab c\\x7F" },
		{ "id\0tail", 7, "id\\x00tail" },
		{ "x\xc2\x9by", 4, "x\\u009By" },
		{ "ab\xe2\x80\xae"
		  "cd",
		    7, "ab\\u202Ecd" },
		/* Cut inside a character: its bytes, each as what it is. */
		{ "caf\xc3\xa9", 4, "caf\\xC3" },
		{ "\xf0\x9f\x98", 3, "\\xF0\\x9F\\x98" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = text_escape_unclean(cases[i].in, cases[i].len);
		cr_expect_str_eq(got, cases[i].out, "case %zu", i);
		cr_expect(text_is_clean(got, false), "case %zu: clean", i);
		free(got);
	}
	got = text_escape_unclean(NULL, 0);
	cr_expect_str_eq(got, "");
	free(got);
}

/* Bounded by its length, not by a NUL: one inside is a control, and what follows the
 * length is not looked at. */
Test(text, is_clean_n)
{
	static const char stored[] = "id\0tail\x1b";

	cr_assert(text_is_clean_n(stored, 2, false));
	cr_assert_not(text_is_clean_n(stored, 3, false), "the NUL is a control");
	cr_assert_not(text_is_clean_n(stored, sizeof stored - 1, true));
	cr_assert(text_is_clean_n(stored + 3, 4, false));
	cr_assert_not(text_is_clean_n(stored + 3, 5, false), "the ESC after the tail");
	cr_assert(text_is_clean_n("", 0, false));
	/* A character cut by the length is not UTF-8. */
	cr_assert(text_is_clean_n("caf\xc3\xa9", 5, false));
	cr_assert_not(text_is_clean_n("caf\xc3\xa9", 4, false));
	cr_assert(text_is_clean_n("a\nb", 3, true));
	cr_assert_not(text_is_clean_n("a\nb", 3, false));
}

/* The first refused character is named by its code point, a byte that is not UTF-8 by -1;
 * whatever text_is_clean refuses is found, and nothing else. */
Test(text, first_unclean)
{
	static const struct {
		const char *s;
		bool keep;
		long cp; /* -2: clean */
	} cases[] = {
		{ "plain", false, -2 },
		{ "caf\xc3\xa9", false, -2 },
		{ "a\nb", true, -2 },
		{ "a\nb", false, '\n' },
		{ "ok \x1b]52;c;aGk=\x07", true, 0x1b },
		{ "\x07\x1b", true, 0x07 },
		{ "x\ty", true, '\t' },
		{ "x\x7f", true, 0x7f },
		{ "\xc2\x9b"
		  "2J",
		    true, 0x9b },
		{ "ab\xe2\x80\xae"
		  "cd",
		    true, 0x202e },
		{ "\xe2\x81\xa6", true, 0x2066 },
		{ "\xe2\x81\xa9", true, 0x2069 },
		{ "\xe2\x80\xaa", true, 0x202a },
		{ "\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\xc2\xa0", true, -2 },
		{ "caf\xc3", true, -1 },
		{ "\x9b", true, -1 },
		{ "a\xc0\x9b", true, -1 },
	};
	size_t i;
	long cp;
	bool found;

	cr_assert_not(text_first_unclean(NULL, false, &cp));
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cp = -3;
		found = text_first_unclean(cases[i].s, cases[i].keep, &cp);
		cr_expect_eq(found, cases[i].cp != -2, "case %zu", i);
		cr_expect_eq(found, !text_is_clean(cases[i].s, cases[i].keep), "case %zu", i);
		if (found)
			cr_expect_eq(cp, cases[i].cp, "case %zu: %ld", i, cp);
	}
}

Test(text, is_clean_agrees_with_sanitize)
{
	static const char *const samples[] = { "ok", "a\nb", "a\r\n", "\x1b[m", "\xc2\x85",
		"\xc2\xa0", "\xc3\xa9", "\xc3", "\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbb\xbf",
		"\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "x\x7fy" };
	size_t i;
	int keep;
	char *s;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		for (keep = 0; keep <= 1; keep++) {
			s = text_sanitize(samples[i], strlen(samples[i]), 0, keep);
			cr_assert_eq(text_is_clean(samples[i], keep), strcmp(s, samples[i]) == 0,
			    "sample %zu keep %d", i, keep);
			cr_assert(text_is_clean(s, keep), "sanitised sample %zu is clean", i);
			free(s);
		}
	}
}

/* --- text_width -------------------------------------------------------------------------- */

/*
 * The referee for widths is glibc's wcwidth() in C.UTF-8, not our own code: ncurses draws the
 * wizard by it, and a table checked against itself proves nothing. Returns the sum of
 * wcwidth() over the code points of s, or -1 when s does not decode or wcwidth() calls one of
 * them unprintable. The locale is set only for this and put back to "C" afterwards.
 */
static int
ref_width(const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n, len = strlen(s);
	int w, sum = 0;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		cr_skip_test("no C.UTF-8 locale to take wcwidth() from");
	memset(&st, 0, sizeof st);
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == 0 || n > len || (w = wcwidth(wc)) < 0) {
			sum = -1;
			break;
		}
		sum += w;
		s += n;
		len -= n;
	}
	setlocale(LC_CTYPE, "C");
	return sum;
}

struct width_case {
	const char *what, *s;
	size_t want;
};

static void
check_widths(const struct width_case *c, size_t n)
{
	size_t i;
	int ref;

	for (i = 0; i < n; i++) {
		ref = ref_width(c[i].s);
		cr_assert_geq(ref, 0, "%s: wcwidth() should know every character", c[i].what);
		cr_assert_eq(text_width(c[i].s), (size_t)ref, "%s: %zu columns, wcwidth() says %d",
		    c[i].what, text_width(c[i].s), ref);
		/* The number itself too, so that a change of the referee is noticed. */
		cr_assert_eq((size_t)ref, c[i].want, "%s: wcwidth() now says %d", c[i].what, ref);
	}
}

Test(text, width_agrees_with_wcwidth)
{
	static const struct width_case cases[] = {
		{ "ASCII", "Hello, world!", 13 },
		{ "Latin-1", "caf\xc3\xa9 na\xc3\xafve \xc3\x84\xc3\x9f\xc3\xbf\xc2\xbf\xc2\xa0",
		    16 },
		/* Emoji presentation: wide. U+231A and U+2705 were 1 in our old table. */
		{ "U+1F680 rocket", "\xf0\x9f\x9a\x80", 2 },
		{ "U+2705 check mark", "\xe2\x9c\x85", 2 },
		{ "U+231A watch", "\xe2\x8c\x9a", 2 },
		{ "U+1F600 grinning face", "\xf0\x9f\x98\x80", 2 },
		{ "emoji among words", "ok \xe2\x9c\x85 at 9 \xe2\x8c\x9a", 13 },
		/* CJK ideograph, Hangul syllable, fullwidth Latin. */
		{ "U+4E2D", "\xe4\xb8\xad", 2 },
		{ "U+AC00", "\xea\xb0\x80", 2 },
		{ "U+FF21 fullwidth A", "\xef\xbc\xa1", 2 },
		{ "CJK with ASCII", "\xe4\xb8\xad\xe6\x96\x87 text", 9 },
		/* Combining marks take no column: e + U+0301, alef + U+05B0, ka + U+0902. */
		{ "U+0301", "e\xcc\x81", 1 },
		{ "U+05B0", "\xd7\x90\xd6\xb0", 1 },
		{ "U+0902", "\xe0\xa4\x95\xe0\xa4\x82", 1 },
		/* Invisible format characters: ZWSP, ZWJ, RLM, WORD JOINER, BOM, VS16. */
		{ "zero-width",
		    "\xe2\x80\x8b\xe2\x80\x8d\xe2\x80\x8f\xe2\x81\xa0\xef\xbb\xbf\xef\xb8\x8f", 0 },
		/*
		 * A ZWJ sequence (man, ZWJ, woman) is summed per code point, by wcwidth() and by
		 * us: 4. A terminal that draws it as one glyph uses 2, so we may wrap a line early
		 * but never let it overflow. Same for an emoji with a skin tone modifier.
		 */
		{ "ZWJ sequence", "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", 4 },
		{ "skin tone", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 4 },
		/* Text presentation by default (U+2764), even with VS16 asking for an emoji. */
		{ "U+2764 + VS16", "\xe2\x9d\xa4\xef\xb8\x8f", 1 },
	};

	check_widths(cases, sizeof cases / sizeof cases[0]);
}

/*
 * libunistring 1.0 and glibc 2.36 disagree on these; text.c sides with glibc (see there). The
 * soft hyphen and the Arabic number sign show a glyph; the Kannada vowel sign I (after KA)
 * is a nonspacing mark; U+3248 and the Yijing hexagrams are 2 in glibc.
 */
Test(text, width_follows_glibc_where_libunistring_differs)
{
	static const struct width_case cases[] = {
		{ "U+00AD soft hyphen", "\xc2\xad", 1 },
		{ "U+0600 Arabic number sign", "\xd8\x80", 1 },
		{ "U+0CBF after U+0C95", "\xe0\xb2\x95\xe0\xb2\xbf", 1 },
		{ "U+3248", "\xe3\x89\x88", 2 },
		{ "U+4DC0", "\xe4\xb7\x80", 2 },
		{ "U+11A07", "\xf0\x91\xa8\x87", 0 },
	};

	check_widths(cases, sizeof cases / sizeof cases[0]);
}

/* Every character wcwidth() can measure, one at a time: the whole table, not samples. */
Test(text, width_agrees_with_wcwidth_on_every_code_point)
{
	char buf[5];
	uint32_t cp;
	int ref;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		cr_skip_test("no C.UTF-8 locale to take wcwidth() from");
	for (cp = 0x20; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		/* Controls, U+2028/U+2029 and unassigned code points: see the next test. */
		if ((ref = wcwidth((wchar_t)cp)) < 0)
			continue;
		encode(cp, buf);
		cr_assert_eq(text_width(buf), (size_t)ref, "U+%04X: %zu columns, wcwidth() says %d",
		    (unsigned)cp, text_width(buf), ref);
	}
	setlocale(LC_CTYPE, "C");
}

Test(text, width_of_what_wcwidth_cannot_measure)
{
	/* Controls and stray bytes count one column each, as the header promises. */
	cr_assert_eq(text_width("\t"), 1);
	cr_assert_eq(text_width("\x1b[m"), 3);
	cr_assert_eq(text_width("\x7f\xc2\x85"), 2);
	cr_assert_eq(text_width("a\xff"
	                        "b"),
	    3);
	cr_assert_eq(text_width("\xe2\x82"), 2);
	/* LINE SEPARATOR, PARAGRAPH SEPARATOR. */
	cr_assert_eq(text_width("\xe2\x80\xa8\xe2\x80\xa9"), 2);
}

Test(text, width_does_not_depend_on_locale)
{
	const char *s = "\xe6\x97\xa5\xe6\x9c\xac e\xcc\x81 \xe2\x9c\x85";

	setlocale(LC_ALL, "C");
	cr_assert_eq(text_width(s), 9);
	if (setlocale(LC_ALL, "C.UTF-8") != NULL)
		cr_assert_eq(text_width(s), 9);
	setlocale(LC_ALL, "C");
}

/* --- text_wrap --------------------------------------------------------------------------- */

Test(text, wrap_greedy)
{
	check_wrap("the quick brown fox", 10, "", "", "the quick\nbrown fox\n");
	check_wrap("the quick brown fox", 9, "", "", "the quick\nbrown fox\n");
	check_wrap("the quick brown fox", 8, "", "", "the\nquick\nbrown\nfox\n");
	check_wrap("the quick brown fox", 0, "", "", "the quick brown fox\n");
	check_wrap("short", 72, "", "", "short\n");
}

Test(text, wrap_indents_count_in_the_width)
{
	check_wrap("alpha beta gamma delta", 12, "- ", "  ", "- alpha beta\n  gamma\n  delta\n");
	check_wrap("alpha beta gamma", 11, "Note: ", "      ",
	    "Note: alpha\n      beta\n      gamma\n");
	/* A wide-character indent takes two columns. */
	check_wrap("ab cd", 6, "\xe2\x86\x92\xe6\x97\xa5 ", "   ",
	    "\xe2\x86\x92\xe6\x97\xa5 ab\n   cd\n");
}

Test(text, wrap_appends_to_out)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, "X\n");
	text_wrap(&sb, "a b", 72, "", "");
	text_wrap(&sb, "c", 72, "", "");
	cr_assert_str_eq(sb_str(&sb), "X\na b\nc\n");
	sb_free(&sb);
}

Test(text, wrap_spaces)
{
	check_wrap("a  b   c", 72, "", "", "a  b   c\n");
	check_wrap("aaaa    bbbb", 6, "", "", "aaaa\nbbbb\n");
	check_wrap("aaaa    bbbb", 6, "> ", "> ", "> aaaa\n> bbbb\n");
	check_wrap("abc   ", 72, "", "", "abc\n");
	check_wrap("   ", 72, "  - ", "", "  -\n");
	/* Spaces that open a paragraph are kept. */
	check_wrap("  abc", 72, "", "", "  abc\n");
	check_wrap("x\n  y", 72, "", "", "x\n  y\n");
}

Test(text, wrap_newlines)
{
	check_wrap("a\nb", 72, "> ", "| ", "> a\n| b\n");
	check_wrap("a\n", 72, "", "", "a\n");
	check_wrap("\n", 72, "", "", "\n");
	check_wrap("a\n\nb", 72, "", "  ", "a\n\n  b\n");
	check_wrap("a\n\n\nb\n", 72, "", "", "a\n\n\nb\n");
	check_wrap("one two\nthree four", 8, "", "", "one two\nthree\nfour\n");
}

Test(text, wrap_splits_long_words)
{
	check_wrap("abcdefghij", 4, "", "", "abcd\nefgh\nij\n");
	check_wrap("abcdefghij", 6, "  ", "  ", "  abcd\n  efgh\n  ij\n");
	check_wrap("ab abcdefgh cd", 4, "", "", "ab\nabcd\nefgh\ncd\n");
	check_wrap("abcdef gh", 4, "", "", "abcd\nef\ngh\n");
	check_wrap("abcdefg h", 4, "", "", "abcd\nefg\nh\n");
	/* Split between characters, never inside one. */
	check_wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2, "", "",
	    "\xc3\xa9\xc3\xa9\n\xc3\xa9\xc3\xa9\n\xc3\xa9\n");
	/* A wide character that does not fit goes to the next line. */
	check_wrap("a\xe6\x97\xa5\xe6\x97\xa5", 4, "", "", "a\xe6\x97\xa5\n\xe6\x97\xa5\n");
}

Test(text, wrap_by_display_width_not_bytes)
{
	/* 11 columns but 21 bytes. */
	check_wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
	           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	    11, "", "",
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n");
	/* 日本 語 takes 2 + 2 + 1 + 2 columns. */
	check_wrap("\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e", 6, "", "",
	    "\xe6\x97\xa5\xe6\x9c\xac\n\xe8\xaa\x9e\n");
	check_wrap("\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e", 7, "", "",
	    "\xe6\x97\xa5\xe6\x9c\xac \xe8\xaa\x9e\n");
	/* Zero-width marks add nothing: "e\u0301" four times is 4 columns. */
	check_wrap("e\xcc\x81"
	           "e\xcc\x81 e\xcc\x81"
	           "e\xcc\x81",
	    5, "", "",
	    "e\xcc\x81"
	    "e\xcc\x81 e\xcc\x81"
	    "e\xcc\x81\n");
}

static void
append_without_spaces(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ')
			sb_appendc(sb, *s);
}

Test(text, wrap_emoji_by_display_width)
{
	/* U+1F680 three times is 6 columns: two fit in 5, the third goes on. */
	check_wrap("\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80", 5, "", "",
	    "\xf0\x9f\x9a\x80\xf0\x9f\x9a\x80\n\xf0\x9f\x9a\x80\n");
	/* U+2705 and U+231A are 2 columns each: "\u2705 done" is 7. */
	check_wrap("\xe2\x9c\x85 done \xe2\x8c\x9a now", 7, "", "",
	    "\xe2\x9c\x85 done\n\xe2\x8c\x9a now\n");
	check_wrap("\xe2\x9c\x85 done \xe2\x8c\x9a now", 6, "", "",
	    "\xe2\x9c\x85\ndone\n\xe2\x8c\x9a now\n");
}

/* Width of a line as the module measures it. */
static int
module_width(const char *line)
{
	return (int)text_width(line);
}

/*
 * Wraps s with "* "/"  " indents at every width from `from` to `to`: every line ends without
 * a space and is no wider than asked, as `measure` counts, and every character comes out once,
 * in order.
 */
static void
check_wrap_fits(const char *s, size_t from, size_t to, int (*measure)(const char *))
{
	struct strbuf want = { 0 }, got = { 0 };
	char *out, *line, *save;
	size_t width, lines;
	int w;

	append_without_spaces(&want, s);
	for (width = from; width <= to; width++) {
		out = wrap(s, width, "* ", "  ");
		cr_assert_eq(out[strlen(out) - 1], '\n');
		sb_reset(&got);
		lines = 0;
		for (line = strtok_r(out, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			w = measure(line);
			cr_assert(w >= 0 && (size_t)w <= width,
			    "line \"%s\" is %d columns at width %zu", line, w, width);
			cr_assert_neq(line[strlen(line) - 1], ' ', "trailing space at %zu", width);
			cr_assert_eq(strncmp(line, lines == 0 ? "* " : "  ", 2), 0);
			append_without_spaces(&got, line + 2);
			lines++;
		}
		cr_assert_str_eq(sb_str(&got), sb_str(&want), "width %zu", width);
		free(out);
	}
	sb_free(&want);
	sb_free(&got);
}

/*
 * A line of CJK, emoji and Latin wrapped at every width that holds an indent and one wide
 * character, measured by wcwidth() rather than by text_width().
 */
Test(text, wrap_wide_characters_fit_by_wcwidth)
{
	check_wrap_fits("\xe6\x96\xbd\xe8\xa1\x93\xe5\x89\x8d\xe3\x81\xab\xe3\x83\x91\xe3\x83"
	                "\x83\xe3\x83\x81\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\xe3\x82\x92 "
	                "\xf0\x9f\x9a\x80 rocket \xe2\x9c\x85 ok \xe2\x8c\x9a 48h "
	                "\xed\x8c\xa8\xec\xb9\x98 \xed\x85\x8c\xec\x8a\xa4\xed\x8a\xb8 "
	                "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 caf\xc3\xa9 e\xcc\x81t\xc3\xa9 "
	                "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 \xe4\xb8\xad\xe6\x96\x87"
	                "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87",
	    4, 72, ref_width);
}

Test(text, wrap_indent_wider_than_width_terminates)
{
	check_wrap("abc de", 4, "      ", "      ",
	    "      a\n      b\n      c\n      d\n      e\n");
	check_wrap("abc", 1, "", "", "a\nb\nc\n");
}

Test(text, wrap_lines_fit_and_keep_every_word)
{
	check_wrap_fits("Scalp micropigmentation deposits pigment in the upper dermis to "
	                "imitate hair follicles;  results depend on skin type, healing and "
	                "aftercare, and a patch test is sometimes advised before the first "
	                "session. Supercalifragilisticexpialidocious words get split.",
	    5, 80, module_width);
}

/* --- text_to_ascii ----------------------------------------------------------------------- */

Test(text, ascii_passes_ascii_through)
{
	check_ascii("Plain text, 100% ASCII ~!@#$^&*()[]{}",
	    "Plain text, 100% ASCII ~!@#$^&*()[]{}");
}

Test(text, ascii_punctuation)
{
	check_ascii("a\xe2\x80\x93"
	            "b\xe2\x80\x94"
	            "c\xe2\x80\x90"
	            "d",
	    "a-b-c-d");
	check_ascii("\xe2\x80\x98x\xe2\x80\x99 \xe2\x80\x9ax", "'x' 'x");
	check_ascii("\xe2\x80\x9cx\xe2\x80\x9d \xe2\x80\x9ex", "\"x\" \"x");
	check_ascii("wait\xe2\x80\xa6", "wait...");
	check_ascii("\xe2\x80\xa2 a \xc2\xb7 b", "* a * b");
	check_ascii("a \xe2\x86\x92 b \xe2\x86\x90 c", "a -> b <- c");
	check_ascii("\xe2\x89\xa5"
	            "18 \xe2\x89\xa4"
	            "65",
	    ">=18 <=65");
	check_ascii("3\xc3\x97"
	            "4",
	    "3x4");
	check_ascii("37\xc2\xb0"
	            "C",
	    "37degC");
	check_ascii("a\xc2\xa0"
	            "b",
	    "a b");
}

Test(text, ascii_box_drawing)
{
	check_ascii("\xe2\x94\x8c\xe2\x94\x80\xe2\x94\xac\xe2\x94\x80\xe2\x94\x90", "+-+-+");
	check_ascii("\xe2\x94\x82 \xe2\x94\x9c\xe2\x94\xbc\xe2\x94\xa4 \xe2\x94\x82", "| +++ |");
	check_ascii("\xe2\x94\x94\xe2\x94\x81\xe2\x94\xb4\xe2\x94\x81\xe2\x94\x98", "+-+-+");
	check_ascii("\xe2\x95\x94\xe2\x95\x90\xe2\x95\x97\xe2\x95\x91\xe2\x95\x9d", "+-+|+");
	check_ascii("\xe2\x95\xad\xe2\x95\xae\xe2\x95\xaf\xe2\x95\xb0", "++++");
	check_ascii("\xe2\x94\x84\xe2\x94\x86\xe2\x95\x8c\xe2\x95\x8e", "-|-|");
	check_ascii("\xe2\x95\xb4\xe2\x95\xb5\xe2\x95\xbe\xe2\x95\xbf", "-|-|");
	check_ascii("\xe2\x95\xb1\xe2\x95\xb2\xe2\x95\xb3", "/\\X");
}

Test(text, ascii_letters_lose_accents)
{
	check_ascii("caf\xc3\xa9 na\xc3\xafve \xc3\x85ngstr\xc3\xb6m", "cafe naive Angstrom");
	check_ascii("Stra\xc3\x9f"
	            "e",
	    "Strasse");
	check_ascii("\xc3\xa6 \xc3\x86 \xc3\xb8 \xc3\x98 \xc3\xbe \xc3\x9e \xc3\xb0 \xc3\xbf",
	    "ae AE o O th TH d y");
	check_ascii("\xc3\x91"
	            "and\xc3\xba \xc3\xa7"
	            "a",
	    "Nandu ca");
	/* Latin Extended-A: Polish, Czech, Turkish, French ligatures. */
	check_ascii("\xc5\x81\xc3\xb3"
	            "d\xc5\xba \xc5\x9a"
	            "l\xc4\x85sk",
	    "Lodz Slask");
	check_ascii("\xc4\x8c"
	            "esk\xc3\xbd \xc5\x98"
	            "ek\xc5\xa1",
	    "Cesky Reks");
	check_ascii("\xc4\xb0stanbul \xc4\xb1 \xc4\x9f", "Istanbul i g");
	check_ascii("\xc5\x92uvre \xc5\x93il \xc4\xb2 \xc4\xb3", "OEuvre oeil IJ ij");
	check_ascii("\xc4\x80\xc5\xbe\xc5\xbf", "Azs");
	/* A decomposed accent disappears with the accent. */
	check_ascii("e\xcc\x81t\xc3\xa9", "ete");
}

static bool
letters_only(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '\''))
			return false;
	return true;
}

Test(text, ascii_every_latin_letter_has_a_stand_in)
{
	struct strbuf sb = { 0 };
	char buf[5];
	uint32_t cp;

	for (cp = 0xc0; cp <= 0x17f; cp++) {
		/* The two signs among the Latin-1 letters. */
		if (cp == 0xd7 || cp == 0xf7)
			continue;
		encode(cp, buf);
		sb_reset(&sb);
		text_to_ascii(&sb, buf);
		cr_assert(sb.len >= 1 && letters_only(sb_str(&sb)), "U+%04X gives \"%s\"",
		    (unsigned)cp, sb_str(&sb));
	}
	sb_free(&sb);
}

Test(text, ascii_unknown_becomes_question_mark)
{
	check_ascii("\xe6\x97\xa5\xe6\x9c\xac", "??");
	check_ascii("\xf0\x9f\x98\x80!", "?!");
	check_ascii("\xd0\x96", "?");
	/* Each stray byte is one "?". */
	check_ascii("a\xff\xfe"
	            "b",
	    "a??b");
	check_ascii("\xe2\x82", "??");
	/* Invisible characters vanish rather than show as "?". */
	check_ascii("a\xe2\x80\x8b"
	            "b\xc2\xad"
	            "c\xef\xbb\xbf",
	    "abc");
}

Test(text, ascii_output_is_always_ascii)
{
	struct strbuf sb = { 0 };
	char buf[5];
	uint32_t cp;
	size_t i, before;

	for (cp = 0x80; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		encode(cp, buf);
		before = sb.len;
		text_to_ascii(&sb, buf);
		for (i = before; i < sb.len; i++)
			cr_assert_lt((unsigned char)sb.buf[i], 0x80, "U+%04X", (unsigned)cp);
		sb_reset(&sb);
	}
	sb_free(&sb);
}

/* --- fast paths (issue 15): each must give what the plain algorithm gives --------------- */

/* The report's measure under another name: text_wrap_measured then takes the word-by-word
 * loop that any measure gets, which the line-at-a-time path of text_wrap must agree with. */
static size_t
same_width(const char *s, size_t n)
{
	return text_width_n(s, n);
}

/* A deterministic stream of test strings, built from pieces that exercise every path:
 * ASCII words, runs of spaces, newlines, Latin letters (2 bytes), CJK and emoji (2 columns),
 * combining and zero-width marks (0 columns), words longer than a line. */
static unsigned long long fast_rng = 0x2545f4914f6cdd1dULL;

static unsigned
fast_rand(unsigned n)
{
	fast_rng ^= fast_rng << 13;
	fast_rng ^= fast_rng >> 7;
	fast_rng ^= fast_rng << 17;
	return (unsigned)(fast_rng % n);
}

static void
random_clean_text(char *buf, size_t size)
{
	static const char *const pieces[] = { "a", "word", "SMP", " ", " ", "  ", "   ", "\n",
		"caf\xc3\xa9", "\xc2\xbfqu\xc3\xa9?", "\xc2\xa0", "\xc2\xab", "\xcb\xbf",
		"\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x98\x80", "e\xcc\x81", "\xe2\x80\x8b",
		"\xe2\x80\xa6", "\xe2\x80\x94", "supercalifragilisticexpialidocious",
		"0123456789012345678901234567890123456789", "x.", "-" };
	size_t len = 0, k = fast_rand(30), n;

	while (k-- > 0) {
		const char *p = pieces[fast_rand(sizeof pieces / sizeof pieces[0])];

		if (len + (n = strlen(p)) >= size)
			break;
		memcpy(buf + len, p, n);
		len += n;
	}
	buf[len] = '\0';
}

static const char *const fast_indents[][2] = { { "", "" }, { "  ", "    " }, { "* ", "  " },
	{ "  12. ", "      " }, { "\xc3\xa9 ", "\xe6\x97\xa5" }, { "          ", "" } };

Test(text, wrap_line_at_a_time_agrees_with_word_by_word)
{
	struct strbuf fast = { 0 }, slow = { 0 };
	char buf[400];
	size_t round, w, k;

	for (round = 0; round < 600; round++) {
		random_clean_text(buf, sizeof buf);
		for (w = 0; w <= 80; w += w < 14 ? 1 : 11)
			for (k = 0; k < sizeof fast_indents / sizeof fast_indents[0]; k++) {
				sb_reset(&fast);
				sb_reset(&slow);
				text_wrap(&fast, buf, w, fast_indents[k][0], fast_indents[k][1]);
				text_wrap_measured(&slow, buf, w, fast_indents[k][0],
				    fast_indents[k][1], same_width);
				cr_assert_str_eq(sb_str(&fast), sb_str(&slow),
				    "width %zu, indents %zu, text [%s]", w, k, buf);
			}
	}
	sb_free(&fast);
	sb_free(&slow);
}

Test(text, wrap_clean_is_wrap_for_clean_text)
{
	struct strbuf got = { 0 }, want = { 0 };
	char buf[400];
	size_t round, w, k;

	for (round = 0; round < 300; round++) {
		random_clean_text(buf, sizeof buf);
		cr_assert(text_is_clean(buf, true));
		for (w = 0; w <= 80; w += w < 14 ? 1 : 11)
			for (k = 0; k < sizeof fast_indents / sizeof fast_indents[0]; k++) {
				sb_reset(&got);
				sb_reset(&want);
				sb_append(&got, "kept\n");
				sb_append(&want, "kept\n");
				cr_assert(text_wrap_clean(&got, buf, w, fast_indents[k][0],
				    fast_indents[k][1], false));
				text_wrap(&want, buf, w, fast_indents[k][0], fast_indents[k][1]);
				cr_assert_str_eq(sb_str(&got), sb_str(&want),
				    "width %zu, text [%s]", w, buf);
			}
	}
	sb_free(&got);
	sb_free(&want);
}

Test(text, wrap_clean_refuses_what_is_not_clean_and_writes_nothing)
{
	/* Each spoils a clean text at its start, middle or end, on a line of its own or not. */
	static const char *const bad[] = { "\x1b[31m", "\t", "\r", "\x7f", "\xc2\x85", "\xc2\x9f",
		"\xe2\x80\xae", "\xe2\x81\xa6", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80",
		"\xc0\xaf", "\x01" };
	static const char *const around[][2] = { { "", "" }, { "word ", "" }, { "", "word" },
		{ "a long line of words that has to wrap twice at twenty columns ", " and more" },
		{ "x\n", "\ny" } };
	struct strbuf sb = { 0 };
	char text[200];
	size_t i, j, w;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		for (j = 0; j < sizeof around / sizeof around[0]; j++)
			for (w = 0; w <= 40; w += 20) {
				snprintf(text, sizeof text, "%s%s%s", around[j][0], bad[i],
				    around[j][1]);
				cr_assert(!text_is_clean(text, true));
				sb_reset(&sb);
				sb_append(&sb, "kept");
				cr_assert(!text_wrap_clean(&sb, text, w, "", "  ", false),
				    "[%s] at width %zu", text, w);
				cr_assert_str_eq(sb_str(&sb), "kept", "nothing appended");
			}
	/* Unclean indents are refused too; a clean newline in the text is not. */
	sb_reset(&sb);
	cr_expect(!text_wrap_clean(&sb, "text", 72, "\x1b[1m", "", false));
	cr_expect(!text_wrap_clean(&sb, "two\nlines", 72, "", "\t", false));
	cr_expect_eq(sb.len, 0);
	cr_expect(text_wrap_clean(&sb, "two\nlines", 72, "", "> ", false));
	cr_expect_str_eq(sb_str(&sb), "two\n> lines\n");
	sb_free(&sb);
}

Test(text, wrap_clean_in_ascii_mode_refuses_non_ascii)
{
	struct strbuf sb = { 0 };

	cr_expect(text_wrap_clean(&sb, "plain words, printable: ~!@#", 14, "* ", "  ", true));
	cr_expect_str_eq(sb_str(&sb), "* plain words,\n  printable:\n  ~!@#\n");
	sb_reset(&sb);
	cr_expect(!text_wrap_clean(&sb, "caf\xc3\xa9", 72, "", "", true));
	cr_expect(
	    !text_wrap_clean(&sb, "a long enough line to wrap \xc2\xa0 here", 10, "", "", true));
	cr_expect(!text_wrap_clean(&sb, "x", 72, "\xc2\xbb ", "", true));
	cr_expect_eq(sb.len, 0);
	sb_free(&sb);
}

Test(text, is_plain_ascii)
{
	cr_expect(text_is_plain_ascii(NULL, false));
	cr_expect(text_is_plain_ascii("", false));
	cr_expect(text_is_plain_ascii(" ~ printable ASCII only, 0123456789 ", false));
	cr_expect(!text_is_plain_ascii("a\nb", false));
	cr_expect(text_is_plain_ascii("a\nb\n", true));
	cr_expect(!text_is_plain_ascii("tab\there", true));
	cr_expect(!text_is_plain_ascii("del\x7f", true));
	cr_expect(!text_is_plain_ascii("caf\xc3\xa9", true));
	cr_expect(!text_is_plain_ascii("a long run of printable ASCII before \x1b", true));
}

/* Runs of ASCII are skipped eight bytes at a time: a byte that stops the run must be
 * found at every offset, in the first chunk, a later one and the bytes after the last. */
Test(text, a_special_byte_is_found_at_every_offset)
{
	static const char *const odd[] = { "\x1b", "\x7f", "\n", "\xc3\xa9", "\xe6\x97\xa5",
		"\xff" };
	char buf[64], *clean;
	size_t pos, k, len, n;
	long cp;
	struct strbuf sb = { 0 };

	for (k = 0; k < sizeof odd / sizeof odd[0]; k++)
		for (len = 1; len <= 40; len += 13)
			for (pos = 0; pos <= len; pos++) {
				n = strlen(odd[k]);
				memset(buf, 'a', pos);
				memcpy(buf + pos, odd[k], n);
				memset(buf + pos + n, 'b', len - pos);
				buf[len + n] = '\0';
				/* Width: the ASCII bytes, and the odd one's columns. */
				cr_assert_eq(text_width(buf), len + text_width(odd[k]), "[%s]",
				    buf);
				cr_assert_eq(text_is_plain_ascii(buf, true), k == 2, "[%s]", buf);
				cr_assert_eq(text_is_clean(buf, true), k == 2 || k == 3 || k == 4);
				if (k == 0 || k == 1) {
					cr_assert(text_first_unclean(buf, true, &cp));
					cr_assert_eq(cp, (long)(unsigned char)odd[k][0]);
				}
				clean = text_sanitize(buf, strlen(buf), 0, true);
				cr_assert_eq(strlen(clean), k <= 1 || k == 5 ? len : len + n);
				free(clean);
				sb_reset(&sb);
				text_to_ascii(&sb, buf);
				cr_assert_eq(sb.len,
				    k == 3 || k == 4 || k == 5 ? len + 1 : len + n);
				cr_assert_eq(strncmp(sb_str(&sb), buf, pos), 0);
			}
	sb_free(&sb);
}

/* U+00A0..U+02FF are measured without decoding: one column each, as char_width says. */
Test(text, latin_letters_are_one_column)
{
	char buf[5], line[64], want[64];
	uint32_t cp;

	for (cp = 0xa0; cp < 0x300; cp++) {
		encode(cp, buf);
		cr_assert_eq(text_width(buf), 1, "U+%04X", (unsigned)cp);
		/* And as the wrap measures them: five fill five columns, a sixth goes on. */
		snprintf(line, sizeof line, "%s%s%s%s%s%s", buf, buf, buf, buf, buf, buf);
		snprintf(want, sizeof want, "%s%s%s%s%s\n%s\n", buf, buf, buf, buf, buf, buf);
		check_wrap(line, 5, "", "", want);
	}
	/* U+0300 and after, and the C1 controls before U+00A0, are not taken for them. */
	encode(0x301, buf);
	cr_expect_eq(text_width(buf), 0);
	cr_expect(!text_is_clean("\xc2\x80", false));
}
