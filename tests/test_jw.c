/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jout.h"
#include "core/jw.h"
#include "smpscreen/strbuf.h"

/*
 * The writer must give jansson's bytes: every value here is written twice, once with jw and
 * once as a jansson tree built the way the reports built theirs (strings through jout_str,
 * keys as they are) and dumped with json_dumps, and the two must be equal.
 */

/* One step of a document: '{' '}' '[' ']', 'k' a key, 's' a string (NULL: jw_str_or_null),
 * 'i' an integer, 't' true, 'f' false, 'z' null. */
struct step {
	char kind;
	const char *s;
	long long n;
};

#define OBJ                                                                                        \
	{                                                                                          \
		'{', NULL, 0                                                                       \
	}
#define END_OBJ                                                                                    \
	{                                                                                          \
		'}', NULL, 0                                                                       \
	}
#define ARR                                                                                        \
	{                                                                                          \
		'[', NULL, 0                                                                       \
	}
#define END_ARR                                                                                    \
	{                                                                                          \
		']', NULL, 0                                                                       \
	}
#define KEY(k)                                                                                     \
	{                                                                                          \
		'k', (k), 0                                                                        \
	}
#define STR(v)                                                                                     \
	{                                                                                          \
		's', (v), 0                                                                        \
	}
#define INT(v)                                                                                     \
	{                                                                                          \
		'i', NULL, (v)                                                                     \
	}
#define TRUE_                                                                                      \
	{                                                                                          \
		't', NULL, 0                                                                       \
	}
#define FALSE_                                                                                     \
	{                                                                                          \
		'f', NULL, 0                                                                       \
	}
#define NULL_                                                                                      \
	{                                                                                          \
		'z', NULL, 0                                                                       \
	}

static json_t *
tree(const struct step *s, size_t *i)
{
	const struct step *st = &s[(*i)++];
	json_t *j, *v;
	const char *key;

	switch (st->kind) {
	case '{':
		j = json_object();
		while (s[*i].kind != '}') {
			cr_assert_eq(s[*i].kind, 'k', "a key in an object");
			key = s[(*i)++].s;
			v = tree(s, i);
			cr_assert_eq(json_object_set_new(j, key, v), 0);
		}
		(*i)++;
		return j;
	case '[':
		j = json_array();
		while (s[*i].kind != ']')
			cr_assert_eq(json_array_append_new(j, tree(s, i)), 0);
		(*i)++;
		return j;
	case 's':
		return jout_str_or_null(st->s);
	case 'i':
		return json_integer(st->n);
	case 't':
		return json_true();
	case 'f':
		return json_false();
	case 'z':
		return json_null();
	}
	cr_assert_fail("bad step %c", st->kind);
	return NULL;
}

static void
write_steps(struct jw *w, const struct step *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i].kind) {
		case '{':
			jw_object(w);
			break;
		case '}':
			jw_object_end(w);
			break;
		case '[':
			jw_array(w);
			break;
		case ']':
			jw_array_end(w);
			break;
		case 'k':
			jw_key(w, s[i].s);
			break;
		case 's':
			jw_str_or_null(w, s[i].s);
			break;
		case 'i':
			jw_int(w, s[i].n);
			break;
		case 't':
			jw_bool(w, true);
			break;
		case 'f':
			jw_bool(w, false);
			break;
		case 'z':
			jw_null(w);
			break;
		}
}

/* jansson's dump of the steps with flags, and jw's with indent (0: compact). */
static void
same_as_jansson(const struct step *s, size_t n, size_t flags, unsigned indent)
{
	struct strbuf sb = { 0 };
	struct jw w;
	size_t i = 0;
	json_t *j = tree(s, &i);
	char *want = json_dumps(j, flags | JSON_ENCODE_ANY), *want_compact, *compact;

	cr_assert_eq(i, n, "the steps are one value");
	cr_assert_not_null(want);
	jw_init(&w, &sb, indent, 0);
	write_steps(&w, s, n);
	jw_finish(&w);
	cr_assert_str_eq(sb_str(&sb), want, "indent %u", indent);
	/* Compacting the indented form gives the compact form. */
	want_compact = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	compact = jw_compact(sb_str(&sb), sb.len);
	cr_assert_str_eq(compact, want_compact, "compacted, indent %u", indent);
	free(want);
	free(want_compact);
	free(compact);
	json_decref(j);
	sb_free(&sb);
}

static void
all_forms(const struct step *s, size_t n)
{
	same_as_jansson(s, n, JSON_INDENT(2), 2);
	same_as_jansson(s, n, JSON_COMPACT, 0);
	same_as_jansson(s, n, JSON_INDENT(3), 3);
	same_as_jansson(s, n, JSON_INDENT(1), 1);
}

#define ALL_FORMS(...)                                                                             \
	do {                                                                                       \
		const struct step doc_[] = { __VA_ARGS__ };                                        \
		all_forms(doc_, sizeof doc_ / sizeof doc_[0]);                                     \
	} while (0)

/* A string value alone, inside an array and as a member: as jansson writes jout_str(s). */
static void
string_like_jansson(const char *s)
{
	ALL_FORMS(STR(s));
	ALL_FORMS(ARR, STR(s), STR(s), END_ARR);
	ALL_FORMS(OBJ, KEY("k"), STR(s), END_OBJ);
}

TestSuite(jw, .init = jout_begin);

Test(jw, scalars)
{
	ALL_FORMS(STR("plain"));
	ALL_FORMS(STR(""));
	ALL_FORMS(STR(NULL));
	ALL_FORMS(INT(0));
	ALL_FORMS(INT(-1));
	ALL_FORMS(INT(42));
	ALL_FORMS(INT(LLONG_MAX));
	ALL_FORMS(INT(LLONG_MIN));
	ALL_FORMS(INT(LONG_MAX));
	ALL_FORMS(INT(LONG_MIN));
	ALL_FORMS(INT(INT_MIN));
	ALL_FORMS(TRUE_);
	ALL_FORMS(FALSE_);
	ALL_FORMS(NULL_);
}

Test(jw, integers_in_containers)
{
	ALL_FORMS(ARR, INT(LLONG_MIN), INT(LLONG_MAX), INT(-9), INT(10), INT(1000000007), END_ARR);
	ALL_FORMS(OBJ, KEY("min"), INT(LONG_MIN), KEY("max"), INT(LONG_MAX), END_OBJ);
}

Test(jw, empty_containers)
{
	ALL_FORMS(OBJ, END_OBJ);
	ALL_FORMS(ARR, END_ARR);
	ALL_FORMS(ARR, ARR, END_ARR, OBJ, END_OBJ, END_ARR);
	ALL_FORMS(OBJ, KEY("a"), ARR, END_ARR, KEY("o"), OBJ, END_OBJ, KEY("z"), NULL_, END_OBJ);
	ALL_FORMS(ARR, ARR, ARR, END_ARR, END_ARR, END_ARR);
	ALL_FORMS(OBJ, KEY("a"), OBJ, KEY("b"), OBJ, END_OBJ, END_OBJ, END_OBJ);
}

Test(jw, nesting)
{
	ALL_FORMS(OBJ, KEY("format_version"), INT(1), KEY("program"), OBJ, KEY("name"),
	    STR("smpscreen"), KEY("version"), STR("1.0"), END_OBJ, KEY("notes"), ARR, STR("a"),
	    STR("b"), END_ARR, KEY("reasons"), ARR, OBJ, KEY("rule"), STR("r1"), KEY("answers"),
	    ARR, OBJ, KEY("question"), STR("q"), KEY("value"), ARR, STR("x"), STR("y"), END_ARR,
	    END_OBJ, END_ARR, END_OBJ, OBJ, KEY("rule"), STR("r2"), KEY("answers"), ARR, END_ARR,
	    END_OBJ, END_ARR, KEY("review"), NULL_, KEY("ok"), TRUE_, KEY("no"), FALSE_, END_OBJ);
}

/* Deeper than the writer's run of spaces (64): indentation written a space at a time. */
Test(jw, deep_nesting)
{
	enum { DEPTH = 40 };
	struct step s[5 * DEPTH];
	size_t n = 0, i;

	/* DEPTH objects one in another, the last holding an array of empty objects. */
	for (i = 0; i < DEPTH; i++) {
		s[n++] = (struct step)OBJ;
		s[n++] = (struct step)KEY(i % 2 ? "odd" : "even");
	}
	s[n++] = (struct step)ARR;
	for (i = 1; i < DEPTH; i++) {
		s[n++] = (struct step)OBJ;
		s[n++] = (struct step)END_OBJ;
	}
	s[n++] = (struct step)END_ARR;
	for (i = 0; i < DEPTH; i++)
		s[n++] = (struct step)END_OBJ;
	cr_assert_eq(n, sizeof s / sizeof s[0]);
	all_forms(s, n);
}

/* Every C0 control and DEL: LF escaped, TAB a space, the others removed (jout_str). */
Test(jw, control_characters_in_strings)
{
	char s[8];
	int c;

	for (c = 1; c < 0x20; c++) {
		snprintf(s, sizeof s, "a%cb", c);
		string_like_jansson(s);
		snprintf(s, sizeof s, "%c", c);
		string_like_jansson(s);
		snprintf(s, sizeof s, "%c%c\"", c, c);
		string_like_jansson(s);
	}
	string_like_jansson("a\x7f"
	                    "b");
	string_like_jansson("\"quoted\" \\back\\slash\\ /slash/ \n\n\t\r\x1b[31m");
}

/* Keys are escaped as jansson escapes them, nothing removed: \b \f \n \r \t, other C0
 * controls as \u00XX, DEL as it is. */
Test(jw, control_characters_in_keys)
{
	char k[8];
	int c;

	for (c = 1; c < 0x20; c++) {
		snprintf(k, sizeof k, "k%c", c);
		ALL_FORMS(OBJ, KEY(k), INT(c), END_OBJ);
	}
	ALL_FORMS(OBJ, KEY("\"\\/\x7f"), NULL_, KEY("caf\xc3\xa9"), NULL_, END_OBJ);
}

Test(jw, invalid_utf8)
{
	static const char *const bad[] = {
		"\x80", /* a lone continuation byte */
		"a\xbf"
		"b",                /* another */
		"\xc0\xaf",         /* overlong '/' */
		"\xc1\xbf",         /* overlong */
		"\xe0\x80\xaf",     /* overlong, three bytes */
		"\xf0\x80\x80\xaf", /* overlong, four bytes */
		"\xed\xa0\x80",     /* a surrogate */
		"\xed\xbf\xbf",     /* another */
		"\xf4\x90\x80\x80", /* past U+10FFFF */
		"\xf5\x80\x80\x80", /* never a lead byte */
		"\xff\xfe",         /* neither */
		"x\xc3",            /* truncated at the end */
		"x\xe2\x82",        /* truncated at the end */
		"x\xf0\x9f\x98",    /* truncated at the end */
		"\xe2\x82"
		"A", /* truncated by an ASCII byte */
		"\xe2"
		"\xe2\x82\xac",         /* a lead byte before a whole euro sign */
		"\xc3\xc3\xa9",         /* a lead byte before a whole é */
		"\xf0\x9f\x98\x80\x80", /* an emoji, then a stray continuation byte */
		"\xc2\x85\xc2",         /* NEL (C1), then a truncated lead byte */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		string_like_jansson(bad[i]);
}

/* C1 controls are removed, the no-break space after them kept. */
Test(jw, c1_controls)
{
	char s[8];
	unsigned c;

	for (c = 0x80; c <= 0xa0; c++) {
		snprintf(s, sizeof s, "a%c%cb", 0xc0 | (c >> 6), 0x80 | (c & 0x3f));
		string_like_jansson(s);
	}
}

/* U+2028 and U+2029 go out as they are (jansson does not escape them); bidi embeddings,
 * overrides and isolates are removed, their neighbours kept. */
Test(jw, line_separators_and_bidi)
{
	unsigned cp;
	char s[8];

	string_like_jansson("a\xe2\x80\xa8"
	                    "b\xe2\x80\xa9"
	                    "c");
	for (cp = 0x2027; cp <= 0x206a; cp++) {
		snprintf(s, sizeof s, "%c%c%c", 0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f),
		    0x80 | (cp & 0x3f));
		string_like_jansson(s);
	}
}

static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Every code point, encoded (surrogates too, which are not UTF-8), 1024 to a string. */
Test(jw, every_code_point)
{
	char s[1024 * 4 + 1];
	uint32_t block, cp;
	size_t n;

	for (block = 0; block < 0x110000; block += 1024) {
		n = 0;
		for (cp = block; cp < block + 1024; cp++)
			if (cp != 0)
				n += utf8_encode(cp, s + n);
		s[n] = '\0';
		ALL_FORMS(STR(s));
	}
}

/* Random bytes, biased towards what is hard (lead and continuation bytes, controls, quotes),
 * from a fixed seed: any difference from jansson is a failure that repeats. */
Test(jw, random_bytes)
{
	static const unsigned char pick[] = { 0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, '"', '\\',
		'/', 'a', ' ', 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xa8, 0xaa, 0xbf, 0xc0, 0xc2, 0xc3,
		0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x81, 0xa6 };
	uint64_t x = 0x9e3779b97f4a7c15u;
	char s[72];
	size_t i, k, n;

	for (i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = (size_t)(x % (sizeof s));
		for (k = 0; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			s[k] = (char)(x & 0x100 ? pick[(x >> 9) % sizeof pick] : (x >> 20) & 0xff);
			if (s[k] == '\0')
				s[k] = 'z';
		}
		s[n] = '\0';
		same_as_jansson((const struct step[]){ STR(s) }, 1, JSON_COMPACT, 0);
	}
}

/* The writer checks text a word at a time, with words that overlap at the end: one byte
 * that needs escaping or removing, at every place in every length up to three words. */
Test(jw, one_special_byte_anywhere)
{
	static const char *const special[] = { "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f",
		"\xc3\xa9", "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xae", "\xff" };
	char s[32], k[32];
	size_t n, at, i, len;

	for (n = 1; n <= 24; n++)
		for (at = 0; at < n; at++)
			for (i = 0; i < sizeof special / sizeof special[0]; i++) {
				len = strlen(special[i]);
				memset(s, 'a', n);
				memcpy(s + at, special[i], len);
				s[at + len > n ? at + len : n] = '\0';
				string_like_jansson(s);
				if (special[i][0] == '\xc2' || special[i][0] == '\xff' ||
				    (special[i][0] == '\xe2' && special[i][2] == '\xae'))
					continue; /* keys are ids: valid UTF-8, not sanitised */
				memcpy(k, s, sizeof k);
				ALL_FORMS(OBJ, KEY(k), NULL_, END_OBJ);
			}
}

/* Values longer than the writer's buffer, and many that fill it again and again. */
Test(jw, longer_than_the_buffer)
{
	enum { LONG = 5000, MANY = 600 };
	char *s = malloc(LONG + 1), *k = malloc(LONG + 1);
	struct step many[MANY + 2];
	size_t i;

	cr_assert_not_null(s);
	cr_assert_not_null(k);
	for (i = 0; i < LONG; i++) {
		s[i] = (char)("abc \"\\\n\x01\xc3\xa9xyz0123456789"[i % 21]);
		k[i] = (char)('a' + i % 26);
	}
	s[LONG] = k[LONG] = '\0';
	string_like_jansson(s);
	ALL_FORMS(OBJ, KEY(k), STR(s), KEY("b"), STR(k), END_OBJ);
	many[0] = (struct step)ARR;
	for (i = 1; i <= MANY; i++)
		many[i] = (struct step)STR(s + i * 7);
	many[MANY + 1] = (struct step)END_ARR;
	all_forms(many, MANY + 2);
	free(s);
	free(k);
}

/* A value written into a document that another writer is writing, as the FHIR Bundle holds
 * its resources: indented for its depth, the whole as jansson writes it. */
Test(jw, embedded_at_depth)
{
	const struct step inner[] = { OBJ, KEY("resourceType"), STR("QuestionnaireResponse"),
		KEY("item"), ARR, OBJ, KEY("linkId"), STR("age"), KEY("answer"), ARR, END_ARR,
		END_OBJ, END_ARR, KEY("empty"), OBJ, END_OBJ, END_OBJ };
	const size_t n_inner = sizeof inner / sizeof inner[0];
	struct strbuf outer = { 0 }, res = { 0 };
	struct jw w, r;
	json_t *j, *e, *entries;
	size_t i = 0;
	char *want, *want_compact, *compact;

	/* {"entry": [{"fullUrl": "u", "resource": INNER}]}: the resource is at depth 3. */
	jw_init(&w, &outer, 2, 0);
	jw_object(&w);
	jw_key(&w, "entry");
	jw_array(&w);
	jw_object(&w);
	jw_key(&w, "fullUrl");
	jw_str(&w, "u");
	jw_key(&w, "resource");
	cr_assert_eq(w.depth, 3);
	jw_init(&r, &res, w.indent, w.depth);
	write_steps(&r, inner, n_inner);
	jw_finish(&r);
	jw_raw(&w, res.buf, res.len);
	jw_object_end(&w);
	jw_array_end(&w);
	jw_object_end(&w);
	jw_finish(&w);

	e = json_object();
	json_object_set_new(e, "fullUrl", json_string("u"));
	json_object_set_new(e, "resource", tree(inner, &i));
	entries = json_array();
	json_array_append_new(entries, e);
	j = json_object();
	json_object_set_new(j, "entry", entries);
	want = json_dumps(j, JSON_INDENT(2));
	cr_assert_str_eq(sb_str(&outer), want);
	/* What the Bundle hashes: the resource alone, compact. */
	want_compact = json_dumps(json_object_get(e, "resource"), JSON_COMPACT);
	compact = jw_compact(res.buf, res.len);
	cr_assert_str_eq(compact, want_compact);
	free(compact);
	free(want);
	free(want_compact);
	json_decref(j);
	sb_free(&outer);
	sb_free(&res);
}

/* Compacting leaves strings alone: their spaces, escaped quotes and backslashes. */
Test(jw, compact_keeps_strings)
{
	static const char *const cases[][2] = {
		{ "{\n  \"a b\": \"x \\\" y\\\\\",\n  \"c\": [\n    \"\\\\\"\n  ]\n}",
		    "{\"a b\":\"x \\\" y\\\\\",\"c\":[\"\\\\\"]}" },
		/* Long strings: copied a word at a time, with a quote or a backslash at every
		 * place in a word. */
		{ "[ \"0123456789abcdef 0123456789 \\\"\", \"01234567\\\\\" ]",
		    "[\"0123456789abcdef 0123456789 \\\"\",\"01234567\\\\\"]" },
		{ "\"1234567\\\"1234567\\\\ 1234567 \"  ", "\"1234567\\\"1234567\\\\ 1234567 \"" },
		{ "  \n ", "" },
	};
	size_t i, k;
	char *c, s[40];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = jw_compact(cases[i][0], strlen(cases[i][0]));
		cr_assert_str_eq(c, cases[i][1]);
		free(c);
	}
	/* An escaped quote at every offset of a 16-byte string. */
	for (k = 0; k < 16; k++) {
		memset(s, 'x', sizeof s);
		s[0] = '"';
		s[1 + k] = '\\';
		s[2 + k] = '"';
		s[18] = '"';
		s[19] = ' ';
		s[20] = '\0';
		c = jw_compact(s, strlen(s));
		s[19] = '\0';
		cr_assert_str_eq(c, s, "escaped quote at %zu", k);
		free(c);
	}
}
