/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "mo_writer.h"
#include "smpscreen/catalog.h"
#include "smpscreen/xalloc.h"

/*
 * The .mo reader: lookups, the header, Plural-Forms, and damaged files. Catalogs are built
 * in memory by tests/mo_writer.c, so each test lays out exactly the bytes it means (unsorted
 * originals, big-endian words, a cut-off table) and no external tool is involved.
 *
 * A damaged catalog must be refused with one error naming the file, and never read outside
 * its bytes: the tests run under AddressSanitizer, which turns an over-read into a failure.
 */

#define NAME "clinic/es/LC_MESSAGES/smpscreen-content.mo"
#define PL_ES "nplurals=2; plural=(n != 1);"
#define PL_FR "nplurals=2; plural=(n > 1);"
#define PL_PL                                                                                      \
	"nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
#define PL_AR                                                                                      \
	"nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "        \
	"n%100>=11 ? 4 : 5);"

/* The msgid of a plural entry: singular and plural, NUL between. */
static const char files_id[] = "%d file\0%d files";
/* Adds the plural entry files_id with the forms given (a literal, NUL-separated). */
#define ADD_FILES(l, forms) mo_addn((l), files_id, sizeof files_id - 1, (forms), sizeof(forms) - 1)

/* Opens the image of l, or fails the test with the diagnostics. */
static struct catalog *
must_open(const struct mo_list *l, bool big)
{
	struct diag_list dl = { 0 };
	struct catalog *c = NULL;
	size_t size;
	unsigned char *img = mo_image(l, big, &size);
	int rc = catalog_open_mem(&c, img, size, NAME, &dl);
	char *msg = test_diag_text(&dl);

	cr_assert_eq(rc, 0, "the catalog is refused:\n%s", msg);
	cr_assert_not_null(c);
	cr_expect_eq(dl.n, 0, "no diagnostics for a good catalog:\n%s", msg);
	free(msg);
	free(img);
	diag_clear(&dl);
	return c;
}

/* A catalog with a header (language, plural_forms) and "%d file" in the given forms. */
static struct catalog *
plural_catalog(const char *plural_forms, const char *forms, size_t forms_len)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, "xx", plural_forms);
	mo_addn(&l, files_id, sizeof files_id - 1, forms, forms_len);
	c = must_open(&l, false);
	mo_list_free(&l);
	return c;
}

/* What *out holds before a call, to see that a failing open sets it to NULL. */
static char not_set;
#define NOT_SET ((struct catalog *)&not_set)

/* Expects bytes (size) to be refused as NAME: -1, no catalog, exactly one error, on NAME,
 * whose message holds word (NULL: any). */
static void
expect_refused(const void *bytes, size_t size, const char *word, const char *why)
{
	struct diag_list dl = { 0 };
	struct catalog *c = NOT_SET;
	int rc = catalog_open_mem(&c, bytes, size, NAME, &dl);
	char *msg = test_diag_text(&dl);

	cr_expect_eq(rc, -1, "%s: refused", why);
	cr_expect_null(c, "%s: no catalog", why);
	cr_expect_eq(dl.n, 1, "%s: one diagnostic, got:\n%s", why, msg);
	cr_expect_eq(diag_errors(&dl), dl.n, "%s: an error, not a warning:\n%s", why, msg);
	if (dl.n > 0) {
		cr_expect_str_eq(dl.items[0].file != NULL ? dl.items[0].file : "(none)", NAME,
		    "%s: the error names the file", why);
		if (word != NULL)
			cr_expect_not_null(strstr(dl.items[0].msg, word), "%s: '%s' in: %s", why,
			    word, dl.items[0].msg);
	}
	free(msg);
	if (c != NOT_SET)
		catalog_free(c);
	diag_clear(&dl);
}

/* The small catalog the damage tests start from: a header and two entries. */
static unsigned char *
sample_image(size_t *size)
{
	struct mo_list l = { 0 };
	unsigned char *img;

	mo_add_header(&l, "es", PL_ES);
	mo_add(&l, NULL, "Hair loss", "Caída del cabello");
	mo_add(&l, NULL, "Scar", "Cicatriz");
	img = mo_image(&l, false, size);
	mo_list_free(&l);
	return img;
}

/* --- lookups ------------------------------------------------------------------------------- */

Test(catalog_get, with_and_without_context)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, "es", PL_ES);
	mo_add(&l, NULL, "None", "Nada");
	mo_add(&l, "heart_conditions", "None", "Ninguna");
	mo_add(&l, "scar_types", "None", "Ninguno");
	c = must_open(&l, false);
	cr_expect_str_eq(catalog_get(c, NULL, "None"), "Nada");
	cr_expect_str_eq(catalog_get(c, "heart_conditions", "None"), "Ninguna");
	cr_expect_str_eq(catalog_get(c, "scar_types", "None"), "Ninguno");
	/* A context the catalog lacks is a miss, not the context-free entry. */
	cr_expect_null(catalog_get(c, "goal", "None"));
	/* The context is a whole key part: no prefix or suffix of it matches. */
	cr_expect_null(catalog_get(c, "heart", "None"));
	cr_expect_null(catalog_get(c, "heart_conditions", "Non"));
	cr_expect_null(catalog_get(c, "heart_conditions", "None "));
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_get, long_context_and_msgid)
{
	/* Keys longer than any stack buffer a reader may use for "ctx\004msgid". */
	struct mo_list l = { 0 };
	struct catalog *c;
	char ctx[300], id[700];

	memset(ctx, 'c', sizeof ctx - 1);
	ctx[sizeof ctx - 1] = '\0';
	memset(id, 'i', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	mo_add(&l, ctx, id, "long one");
	mo_add(&l, NULL, id, "long, no context");
	c = must_open(&l, false);
	cr_expect_str_eq(catalog_get(c, ctx, id), "long one");
	cr_expect_str_eq(catalog_get(c, NULL, id), "long, no context");
	ctx[10] = 'x';
	cr_expect_null(catalog_get(c, ctx, id));
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_get, missing_and_empty)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, "fr", PL_FR);
	mo_add(&l, NULL, "Scar", "Cicatrice");
	mo_add(&l, NULL, "Untranslated", "");
	mo_add(&l, "age", "Not sure", "");
	c = must_open(&l, false);
	cr_expect_null(catalog_get(c, NULL, "Hair"), "an id the catalog lacks");
	cr_expect_null(catalog_get(c, NULL, "scar"), "ids are compared exactly");
	cr_expect_null(catalog_get(c, NULL, "Untranslated"), "an empty translation is none");
	cr_expect_null(catalog_get(c, "age", "Not sure"), "nor with a context");
	cr_expect_str_eq(catalog_get(c, NULL, "Scar"), "Cicatrice");
	/* Only entries with a translation count (the header does not either): the coverage
	 * that `smpscreen check` prints must not count an empty one as done. */
	cr_expect_eq(catalog_count(c), 1);
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_get, originals_not_sorted)
{
	/* Written in reverse and mixed order; msgfmt sorts, other writers may not. */
	static const char *const ids[] = { "zebra", "Zebra", "middle", "Alpha", "apple", "a",
		"ctx\004b" };
	static const char *const tr[] = { "z1", "Z2", "m3", "A4", "a5", "a6", "b7" };
	struct mo_list l = { 0 };
	struct catalog *c;
	size_t i;

	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		mo_addn(&l, ids[i], strlen(ids[i]), tr[i], strlen(tr[i]));
	c = must_open(&l, false);
	for (i = 0; i + 1 < sizeof ids / sizeof ids[0]; i++)
		cr_expect_str_eq(catalog_get(c, NULL, ids[i]), tr[i], "'%s'", ids[i]);
	cr_expect_str_eq(catalog_get(c, "ctx", "b"), "b7");
	cr_expect_null(catalog_get(c, NULL, "b"));
	cr_expect_eq(catalog_count(c), 7, "no header: every entry counts");
	cr_expect_str_eq(catalog_language(c), "");
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_get, big_endian_image)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, "pl", PL_PL);
	mo_add(&l, NULL, "Scar", "Blizna");
	mo_add(&l, "goal", "Not sure yet", "Jeszcze nie wiem");
	ADD_FILES(&l, "%d plik\0%d pliki\0%d plików");
	c = must_open(&l, true);
	cr_expect_str_eq(catalog_get(c, NULL, "Scar"), "Blizna");
	cr_expect_str_eq(catalog_get(c, "goal", "Not sure yet"), "Jeszcze nie wiem");
	cr_expect_str_eq(catalog_language(c), "pl");
	cr_expect_eq(catalog_count(c), 3);
	cr_expect_str_eq(catalog_nget(c, "%d file", 1), "%d plik");
	cr_expect_str_eq(catalog_nget(c, "%d file", 3), "%d pliki");
	cr_expect_str_eq(catalog_nget(c, "%d file", 5), "%d plików");
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_get, empty_catalog)
{
	struct mo_list l = { 0 };
	struct catalog *c = must_open(&l, false);

	cr_expect_eq(catalog_count(c), 0);
	cr_expect_null(catalog_get(c, NULL, "anything"));
	cr_expect_null(catalog_get(c, NULL, ""));
	cr_expect_null(catalog_nget(c, "%d file", 2));
	cr_expect_str_eq(catalog_language(c), "");
	catalog_free(c);
}

Test(catalog_free, accepts_null)
{
	catalog_free(NULL);
	cr_expect_eq(catalog_count(NULL), 0);
}

/* --- the header ---------------------------------------------------------------------------- */

Test(catalog_header, language_and_count)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	/* The writer puts "Language-Team:" before "Language:"; only the latter is the field. */
	mo_add_header(&l, "pt_BR", NULL);
	mo_add(&l, NULL, "Yes", "Sim");
	mo_add(&l, NULL, "No", "Não");
	c = must_open(&l, false);
	cr_expect_str_eq(catalog_language(c), "pt_BR");
	cr_expect_eq(catalog_count(c), 2, "the header is not an entry");
	/* The header is not a message either. */
	cr_expect_not_null(catalog_get(c, NULL, ""));
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_header, no_language_field)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, NULL, NULL);
	mo_add(&l, NULL, "Yes", "Oui");
	c = must_open(&l, false);
	cr_expect_str_eq(catalog_language(c), "", "Language-Team is not Language");
	cr_expect_eq(catalog_count(c), 1);
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_header, overlong_language_is_ignored)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, "xx_YY@a-very-long-variant-name-beyond-any-code", NULL);
	c = must_open(&l, false);
	cr_expect_str_eq(catalog_language(c), "");
	catalog_free(c);
	mo_list_free(&l);
}

/* --- plural forms -------------------------------------------------------------------------- */

Test(catalog_plural, english_rule_without_plural_forms)
{
	struct mo_list l = { 0 };
	struct catalog *c;

	mo_add_header(&l, "es", NULL);
	ADD_FILES(&l, "%d archivo\0%d archivos");
	c = must_open(&l, false);
	cr_expect_str_eq(catalog_nget(c, "%d file", 1), "%d archivo");
	cr_expect_str_eq(catalog_nget(c, "%d file", 0), "%d archivos");
	cr_expect_str_eq(catalog_nget(c, "%d file", 2), "%d archivos");
	cr_expect_str_eq(catalog_nget(c, "%d file", 21), "%d archivos");
	cr_expect_null(catalog_nget(c, "%d files", 2), "looked up by the singular only");
	cr_expect_null(catalog_nget(c, "%d folder", 2));
	/* The plural entry is found by its singular, as an ordinary lookup too. */
	cr_expect_str_eq(catalog_get(c, NULL, "%d file"), "%d archivo");
	catalog_free(c);
	mo_list_free(&l);
}

Test(catalog_plural, spanish)
{
	static const char forms[] = "%d archivo\0%d archivos";
	struct catalog *c = plural_catalog(PL_ES, forms, sizeof forms - 1);

	cr_expect_str_eq(catalog_nget(c, "%d file", 0), "%d archivos");
	cr_expect_str_eq(catalog_nget(c, "%d file", 1), "%d archivo");
	cr_expect_str_eq(catalog_nget(c, "%d file", 2), "%d archivos");
	cr_expect_str_eq(catalog_nget(c, "%d file", 1000001), "%d archivos");
	catalog_free(c);
}

Test(catalog_plural, french_zero_and_one_singular)
{
	static const char forms[] = "%d fichier\0%d fichiers";
	struct catalog *c = plural_catalog(PL_FR, forms, sizeof forms - 1);

	cr_expect_str_eq(catalog_nget(c, "%d file", 0), "%d fichier");
	cr_expect_str_eq(catalog_nget(c, "%d file", 1), "%d fichier");
	cr_expect_str_eq(catalog_nget(c, "%d file", 2), "%d fichiers");
	cr_expect_str_eq(catalog_nget(c, "%d file", 100), "%d fichiers");
	catalog_free(c);
}

Test(catalog_plural, polish_three_forms)
{
	static const char forms[] = "one\0few\0many";
	static const struct {
		unsigned long n;
		const char *form;
	} cases[] = { { 0, "many" }, { 1, "one" }, { 2, "few" }, { 3, "few" }, { 4, "few" },
		{ 5, "many" }, { 11, "many" }, { 12, "many" }, { 14, "many" }, { 21, "many" },
		{ 22, "few" }, { 24, "few" }, { 25, "many" }, { 101, "many" }, { 102, "few" },
		{ 112, "many" }, { 122, "few" }, { 1000, "many" } };
	struct catalog *c = plural_catalog(PL_PL, forms, sizeof forms - 1);
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_str_eq(catalog_nget(c, "%d file", cases[i].n), cases[i].form, "n = %lu",
		    cases[i].n);
	catalog_free(c);
}

Test(catalog_plural, arabic_six_forms)
{
	static const char forms[] = "zero\0one\0two\0few\0many\0other";
	static const struct {
		unsigned long n;
		const char *form;
	} cases[] = { { 0, "zero" }, { 1, "one" }, { 2, "two" }, { 3, "few" }, { 10, "few" },
		{ 11, "many" }, { 99, "many" }, { 100, "other" }, { 101, "other" },
		{ 102, "other" }, { 103, "few" }, { 110, "few" }, { 111, "many" }, { 200, "other" },
		{ 1003, "few" } };
	struct catalog *c = plural_catalog(PL_AR, forms, sizeof forms - 1);
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_str_eq(catalog_nget(c, "%d file", cases[i].n), cases[i].form, "n = %lu",
		    cases[i].n);
	catalog_free(c);
}

Test(catalog_plural, operators_and_precedence)
{
	/* Every operator gettext allows, with the C precedences: "2 + 3 * 2" is 8, not 10;
	 * "!" binds tighter than "==". */
	static const struct {
		const char *pf;
		unsigned long n;
		const char *form;
	} cases[] = {
		{ "nplurals=9; plural=2 + n * 2;", 3, "f8" },
		{ "nplurals=9; plural=(2 + n) * 2;", 1, "f6" },
		{ "nplurals=9; plural=n - 1 - 1;", 5, "f3" },
		{ "nplurals=9; plural=n / 2;", 7, "f3" },
		{ "nplurals=9; plural=n % 4;", 7, "f3" },
		{ "nplurals=9; plural=n / 0;", 7, "f0" },
		{ "nplurals=9; plural=n % 0;", 7, "f0" },
		{ "nplurals=9; plural=!n;", 0, "f1" },
		{ "nplurals=9; plural=!n == 0;", 5, "f1" },
		{ "nplurals=9; plural=!(n == 0);", 0, "f0" },
		{ "nplurals=9; plural=n < 2;", 1, "f1" },
		{ "nplurals=9; plural=n <= 2;", 2, "f1" },
		{ "nplurals=9; plural=n > 2;", 2, "f0" },
		{ "nplurals=9; plural=n >= 2;", 2, "f1" },
		{ "nplurals=9; plural=n == 2 || n == 4;", 4, "f1" },
		{ "nplurals=9; plural=n > 1 && n < 3;", 3, "f0" },
		{ "nplurals=9; plural=n ? 5 : 6;", 0, "f6" },
		{ "nplurals=9; plural=n==1 ? 1 : n==2 ? 2 : 3;", 2, "f2" },
		/* Spacing is free, tabs included; the expression may end without ';'. */
		{ "nplurals=9;plural=n\t%\t3", 5, "f2" },
		/* One form for every n (Japanese, Chinese). */
		{ "nplurals=1; plural=0;", 1, "f0" },
		{ "nplurals=1; plural=0;", 7, "f0" },
		/* The order of the two fields is not fixed. */
		{ "plural=(n != 1); nplurals=2;", 2, "f1" },
	};
	static const char forms[] = "f0\0f1\0f2\0f3\0f4\0f5\0f6\0f7\0f8";
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct catalog *c = plural_catalog(cases[i].pf, forms, sizeof forms - 1);

		cr_expect_str_eq(catalog_nget(c, "%d file", cases[i].n), cases[i].form,
		    "'%s' with n = %lu", cases[i].pf, cases[i].n);
		catalog_free(c);
	}
}

Test(catalog_plural, form_beyond_those_present_falls_back_to_first)
{
	/* Polish says three forms; this entry has two. n = 5 asks for the third. */
	static const char two[] = "one\0few";
	/* A rule that names a form beyond nplurals. */
	static const char three[] = "f0\0f1\0f2";
	/* A singular-only entry asked for a plural. */
	static const char single[] = "just one";
	struct catalog *c = plural_catalog(PL_PL, two, sizeof two - 1);

	cr_expect_str_eq(catalog_nget(c, "%d file", 1), "one");
	cr_expect_str_eq(catalog_nget(c, "%d file", 2), "few");
	cr_expect_str_eq(catalog_nget(c, "%d file", 5), "one");
	catalog_free(c);
	c = plural_catalog("nplurals=3; plural=n;", three, sizeof three - 1);
	cr_expect_str_eq(catalog_nget(c, "%d file", 2), "f2");
	cr_expect_str_eq(catalog_nget(c, "%d file", 3), "f0", "form 3 of nplurals=3");
	cr_expect_str_eq(catalog_nget(c, "%d file", 4000000000UL), "f0");
	catalog_free(c);
	c = plural_catalog(PL_ES, single, sizeof single - 1);
	cr_expect_str_eq(catalog_nget(c, "%d file", 2), "just one");
	catalog_free(c);
}

Test(catalog_plural, empty_translation_is_none)
{
	struct catalog *c = plural_catalog(PL_ES, "", 0);

	cr_expect_null(catalog_nget(c, "%d file", 1));
	cr_expect_null(catalog_nget(c, "%d file", 2));
	catalog_free(c);
}

Test(catalog_plural, invalid_plural_forms_refuse_the_catalog)
{
	static const char *const bad[] = {
		"nplurals=2; plural=(n != 1;",    /* unclosed parenthesis */
		"nplurals=2; plural=n != 1);",    /* stray parenthesis */
		"nplurals=2; plural=n ? 1;",      /* ?: without : */
		"nplurals=2; plural=n @ 1;",      /* not an operator */
		"nplurals=2; plural=;",           /* no expression */
		"nplurals=2; plural=x != 1;",     /* a variable other than n */
		"nplurals=2; plural=n != ;",      /* a missing operand */
		"nplurals=2;",                    /* no plural= */
		"plural=(n != 1);",               /* no nplurals= */
		"nplurals=0; plural=0;",          /* no forms */
		"nplurals=two; plural=(n != 1);", /* not a number */
		"nplurals=17; plural=(n != 1);",  /* more forms than any language has */
		"nplurals=2; plural=n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+"
		"n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n+n;",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct mo_list l = { 0 };
		size_t size;
		unsigned char *img;

		mo_add_header(&l, "xx", bad[i]);
		ADD_FILES(&l, "a\0b");
		img = mo_image(&l, false, &size);
		expect_refused(img, size, "Plural-Forms", bad[i]);
		free(img);
		mo_list_free(&l);
	}
}

Test(catalog_plural, deeply_nested_plural_forms_refused_not_crashing)
{
	/* A hostile header may nest far deeper than any language needs; it must be an error,
	 * not a stack overflow (each "(" or "!" is one more level of recursion). */
	static const char head[] = "nplurals=2; plural=";
	size_t k, depth = 100000, at;
	char *pf = xmalloc(sizeof head + 2 * depth + 2);
	struct mo_list l = { 0 };
	unsigned char *img;
	size_t size;

	memcpy(pf, head, sizeof head - 1);
	at = sizeof head - 1;
	for (k = 0; k < depth; k++)
		pf[at++] = '(';
	pf[at++] = 'n';
	for (k = 0; k < depth; k++)
		pf[at++] = ')';
	pf[at] = '\0';
	mo_add_header(&l, "xx", pf);
	img = mo_image(&l, false, &size);
	expect_refused(img, size, "Plural-Forms", "nested parentheses");
	free(img);
	mo_list_free(&l);
	at = sizeof head - 1;
	for (k = 0; k < depth; k++)
		pf[at++] = '!';
	pf[at++] = 'n';
	pf[at] = '\0';
	mo_add_header(&l, "xx", pf);
	img = mo_image(&l, false, &size);
	expect_refused(img, size, "Plural-Forms", "a chain of '!'");
	free(img);
	mo_list_free(&l);
	free(pf);
}

/* --- damaged files ------------------------------------------------------------------------- */

Test(catalog_damaged, too_short)
{
	size_t size;
	unsigned char *img = sample_image(&size);

	expect_refused(img, 0, "too short", "no bytes");
	expect_refused(img, 4, "too short", "the magic alone");
	expect_refused(img, 19, "too short", "one byte short of the fixed header");
	free(img);
}

Test(catalog_damaged, bad_magic)
{
	size_t size;
	unsigned char *img = sample_image(&size);
	static const char text[] = "msgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n";

	img[0] ^= 0x01;
	expect_refused(img, size, ".mo", "one bit off");
	free(img);
	/* The most likely mistake: the .po file dropped in place of the .mo. */
	expect_refused(text, sizeof text - 1, ".mo", "a .po file");
}

Test(catalog_damaged, revision_major_2)
{
	size_t size;
	unsigned char *img = sample_image(&size);

	mo_put_word(img, 4, 2u << 16, false);
	expect_refused(img, size, "revision 2", "major revision 2");
	/* Minor revisions and major 1 are readable. */
	mo_put_word(img, 4, 1u << 16 | 1, false);
	{
		struct diag_list dl = { 0 };
		struct catalog *c = NULL;

		cr_expect_eq(catalog_open_mem(&c, img, size, NAME, &dl), 0, "revision 1.1");
		cr_expect_str_eq(c != NULL ? catalog_get(c, NULL, "Scar") : "", "Cicatriz");
		catalog_free(c);
		diag_clear(&dl);
	}
	free(img);
}

Test(catalog_damaged, revision_major_2_big_endian)
{
	struct mo_list l = { 0 };
	size_t size;
	unsigned char *img;

	mo_add(&l, NULL, "Scar", "Cicatriz");
	img = mo_image(&l, true, &size);
	mo_put_word(img, 4, 2u << 16, true);
	expect_refused(img, size, "revision 2", "major revision 2, big-endian");
	free(img);
	mo_list_free(&l);
}

Test(catalog_damaged, count_too_large)
{
	size_t size;
	unsigned char *img = sample_image(&size);

	mo_put_word(img, 8, (unsigned)(size / 16 + 1), false);
	expect_refused(img, size, "damaged", "N beyond what the file can hold");
	mo_put_word(img, 8, 0xffffffffu, false);
	expect_refused(img, size, "damaged", "N = 2^32 - 1");
	free(img);
}

Test(catalog_damaged, offset_beyond_the_end)
{
	size_t size;
	unsigned char *img = sample_image(&size);
	unsigned char *copy = xmalloc(size);
	static const size_t fields[] = {
		MO_ORIG_TABLE + 4,          /* offset of original 0 */
		MO_ORIG_TABLE + 8 + 4,      /* offset of original 1 */
		MO_TRANS_TABLE(3) + 4,      /* offset of translation 0 */
		MO_TRANS_TABLE(3) + 16 + 4, /* offset of translation 2 */
	};
	/* Absolute offsets, all past the last byte. */
	const unsigned values[] = { (unsigned)size, (unsigned)size + 1, (unsigned)size + 100,
		0x7fffffffu, 0xffffffffu };
	size_t f, v;

	for (f = 0; f < sizeof fields / sizeof fields[0]; f++)
		for (v = 0; v < sizeof values / sizeof values[0]; v++) {
			char why[64];

			memcpy(copy, img, size);
			mo_put_word(copy, fields[f], values[v], false);
			snprintf(why, sizeof why, "string offset at %zu = %u (size %zu)", fields[f],
			    values[v], size);
			expect_refused(copy, size, "damaged", why);
		}
	/* The tables themselves beyond the end. */
	memcpy(copy, img, size);
	mo_put_word(copy, 12, (unsigned)size, false);
	expect_refused(copy, size, "damaged", "originals table at the end");
	memcpy(copy, img, size);
	mo_put_word(copy, 16, 0xfffffff8u, false);
	expect_refused(copy, size, "damaged", "translations table near 2^32");
	free(copy);
	free(img);
}

Test(catalog_damaged, length_beyond_the_end)
{
	size_t size;
	unsigned char *img = sample_image(&size);

	/* offset + length wraps around in 32 bits if added carelessly. */
	mo_put_word(img, MO_TRANS_TABLE(3) + 8, 0xffffffffu, false);
	expect_refused(img, size, "damaged", "translation length 2^32 - 1");
	free(img);
}

Test(catalog_damaged, string_without_its_nul)
{
	size_t size;
	unsigned char *img = sample_image(&size);
	unsigned len;

	/* One byte short of its NUL: the length ends on a letter. */
	len = mo_get_word(img, MO_ORIG_TABLE + 8, false);
	mo_put_word(img, MO_ORIG_TABLE + 8, len - 1, false);
	expect_refused(img, size, "damaged", "a length one short");
	mo_put_word(img, MO_ORIG_TABLE + 8, len, false);
	/* The last string of the file, its NUL cut off: the reader must not look past the
	 * end for it (AddressSanitizer watches the copy's end here). */
	{
		unsigned char *cut = xmalloc(size - 1);

		memcpy(cut, img, size - 1);
		expect_refused(cut, size - 1, "damaged", "the final NUL cut off");
		free(cut);
	}
	free(img);
}

Test(catalog_damaged, truncated_tables)
{
	size_t size, cut;
	unsigned char *img = sample_image(&size);

	/* Cut inside the translations table, then inside the originals table; each a fresh
	 * allocation of exactly that size, so an over-read is seen. */
	static const size_t cuts[] = { MO_TRANS_TABLE(3) + 20, MO_TRANS_TABLE(3) + 4,
		MO_TRANS_TABLE(3), MO_ORIG_TABLE + 12, MO_ORIG_TABLE + 1, 20 };

	for (cut = 0; cut < sizeof cuts / sizeof cuts[0]; cut++) {
		unsigned char *part = xmalloc(cuts[cut]);
		char why[48];

		memcpy(part, img, cuts[cut]);
		snprintf(why, sizeof why, "cut at %zu of %zu bytes", cuts[cut], size);
		expect_refused(part, cuts[cut], NULL, why);
		free(part);
	}
	/* Cut among the strings. */
	{
		size_t at = mo_get_word(img, MO_TRANS_TABLE(3) + 8 + 4, false) + 2;
		unsigned char *part = xmalloc(at);

		memcpy(part, img, at);
		expect_refused(part, at, "damaged", "cut inside a translation");
		free(part);
	}
	free(img);
}

Test(catalog_damaged, zero_count_is_an_empty_catalog)
{
	/* N = 0 with tables anywhere: nothing is read from them. */
	size_t size;
	unsigned char *img = sample_image(&size);
	struct diag_list dl = { 0 };
	struct catalog *c = NULL;

	mo_put_word(img, 8, 0, false);
	mo_put_word(img, 12, 0xfffffff0u, false);
	cr_expect_eq(catalog_open_mem(&c, img, size, NAME, &dl), 0);
	cr_expect_eq(dl.n, 0);
	cr_expect_eq(catalog_count(c), 0);
	cr_expect_null(catalog_get(c, NULL, "Scar"));
	catalog_free(c);
	free(img);
}

/* --- files --------------------------------------------------------------------------------- */

Test(catalog_open, missing_file_is_not_an_error)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/es/LC_MESSAGES/smpscreen.mo", dir);
	struct diag_list dl = { 0 };
	struct catalog *c = NOT_SET;

	cr_expect_eq(catalog_open(&c, path, &dl), 1);
	cr_expect_null(c);
	cr_expect_eq(dl.n, 0, "a missing catalog adds no diagnostic");
	free(path);
	/* A path through a plain file (ENOTDIR) is missing as well. */
	path = xasprintf("%s/plain", dir);
	mo_write_bytes(path, "x", 1);
	free(path);
	path = xasprintf("%s/plain/smpscreen.mo", dir);
	cr_expect_eq(catalog_open(&c, path, &dl), 1);
	cr_expect_null(c);
	cr_expect_eq(dl.n, 0);
	free(path);
	test_remove_tree(&dir);
}

Test(catalog_open, directory_is_an_error)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/smpscreen.mo", dir);
	struct diag_list dl = { 0 };
	struct catalog *c = NOT_SET;

	cr_assert_eq(mkdir(path, 0700), 0);
	cr_expect_eq(catalog_open(&c, path, &dl), -1);
	cr_expect_null(c);
	cr_expect_eq(dl.n, 1);
	cr_expect_eq(diag_errors(&dl), 1);
	if (dl.n > 0)
		cr_expect_str_eq(dl.items[0].file, path);
	diag_clear(&dl);
	free(path);
	test_remove_tree(&dir);
}

/* A FIFO where a catalog belongs is refused at once: opening it must not wait for a writer
 * (a kiosk would hang at start). */
Test(catalog_open, fifo_is_refused_without_waiting, .timeout = 10)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/smpscreen.mo", dir);
	struct diag_list dl = { 0 };
	struct catalog *c = NOT_SET;

	cr_assert_eq(mkfifo(path, 0600), 0);
	cr_expect_eq(catalog_open(&c, path, &dl), -1);
	cr_expect_null(c);
	cr_expect_eq(diag_errors(&dl), 1);
	diag_clear(&dl);
	unlink(path);
	free(path);
	test_remove_tree(&dir);
}

Test(catalog_open, real_file)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/fr/LC_MESSAGES/smpscreen-content.mo", dir);
	struct mo_list l = { 0 };
	struct diag_list dl = { 0 };
	struct catalog *c = NULL;

	mo_add_header(&l, "fr", PL_FR);
	mo_add(&l, NULL, "Hair loss", "Perte de cheveux");
	ADD_FILES(&l, "%d fichier\0%d fichiers");
	mo_write_file(path, &l);
	cr_assert_eq(catalog_open(&c, path, &dl), 0);
	cr_expect_eq(dl.n, 0);
	cr_expect_str_eq(catalog_get(c, NULL, "Hair loss"), "Perte de cheveux");
	cr_expect_str_eq(catalog_nget(c, "%d file", 0), "%d fichier");
	cr_expect_str_eq(catalog_language(c), "fr");
	cr_expect_eq(catalog_count(c), 2);
	catalog_free(c);
	mo_list_free(&l);
	free(path);
	test_remove_tree(&dir);
}

Test(catalog_open, damaged_file_names_its_path)
{
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/smpscreen.mo", dir);
	struct diag_list dl = { 0 };
	struct catalog *c = NOT_SET;
	size_t size;
	unsigned char *img = sample_image(&size);

	mo_write_bytes(path, img, size / 2);
	cr_expect_eq(catalog_open(&c, path, &dl), -1);
	cr_expect_null(c);
	cr_expect_eq(diag_errors(&dl), 1);
	if (dl.n > 0)
		cr_expect_str_eq(dl.items[0].file, path);
	diag_clear(&dl);
	free(img);
	free(path);
	test_remove_tree(&dir);
}

Test(catalog_open, oversized_file_is_refused_unread)
{
	/* Sparse, so the test costs no disk: only the size is looked at. */
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/smpscreen.mo", dir);
	struct diag_list dl = { 0 };
	struct catalog *c = NOT_SET;

	mo_write_bytes(path, "", 0);
	cr_assert_eq(truncate(path, (16 << 20) + 1), 0);
	cr_expect_eq(catalog_open(&c, path, &dl), -1);
	cr_expect_null(c);
	cr_expect_eq(diag_errors(&dl), 1);
	if (dl.n > 0)
		cr_expect_str_eq(dl.items[0].file, path);
	diag_clear(&dl);
	free(path);
	test_remove_tree(&dir);
}

/* --- the hash index (issue 15): every lookup as the binary search found it ------------- */

Test(catalog_get, index_finds_every_entry_of_a_large_catalog)
{
	struct mo_list l = { 0 };
	struct catalog *c;
	char id[64], tr[64], *ctx_id;
	size_t i, big;

	for (big = 0; big < 2; big++) {
		/* Written in an order nothing sorts by; lengths from 1 to beyond a word. */
		mo_add_header(&l, "es", PL_ES);
		for (i = 0; i < 3000; i++) {
			snprintf(id, sizeof id, "%zu%s", (i * 7919) % 3000,
			    i % 3 == 0     ? "" :
			        i % 3 == 1 ? " message" :
			                     " a longer message, past 16");
			snprintf(tr, sizeof tr, "t%zu", i);
			mo_add(&l, i % 5 == 0 ? "ctx" : NULL, id, tr);
		}
		ADD_FILES(&l, "%d archivo\0%d archivos");
		c = must_open(&l, big);
		for (i = 0; i < 3000; i++) {
			snprintf(id, sizeof id, "%zu%s", (i * 7919) % 3000,
			    i % 3 == 0     ? "" :
			        i % 3 == 1 ? " message" :
			                     " a longer message, past 16");
			snprintf(tr, sizeof tr, "t%zu", i);
			cr_assert_str_eq(catalog_get(c, i % 5 == 0 ? "ctx" : NULL, id), tr, "'%s'",
			    id);
			/* Without its context, or with another, it is not there. */
			cr_assert_null(catalog_get(c, i % 5 == 0 ? NULL : "ctx", id), "'%s'", id);
			ctx_id = xasprintf("%s ", id);
			cr_assert_null(catalog_get(c, NULL, ctx_id), "'%s'", ctx_id);
			free(ctx_id);
		}
		cr_expect_not_null(catalog_get(c, NULL, ""), "the header, as before");
		cr_expect_null(catalog_get(c, NULL, "3000"));
		cr_expect_str_eq(catalog_nget(c, "%d file", 2), "%d archivos");
		cr_expect_null(catalog_nget(c, "%d files", 2), "the plural is not a key");
		cr_expect_eq(catalog_count(c), 3001);
		catalog_free(c);
		mo_list_free(&l);
	}
}

Test(catalog_get, a_msgid_written_twice_still_translates)
{
	struct mo_list l = { 0 };
	struct catalog *c;
	const char *t;

	mo_add(&l, NULL, "twice", "first");
	mo_add(&l, NULL, "other", "o");
	mo_add(&l, NULL, "twice", "second");
	c = must_open(&l, false);
	t = catalog_get(c, NULL, "twice");
	cr_assert_not_null(t);
	cr_expect(strcmp(t, "first") == 0 || strcmp(t, "second") == 0, "'%s'", t);
	cr_expect_str_eq(catalog_get(c, NULL, "other"), "o");
	catalog_free(c);
	mo_list_free(&l);
}
