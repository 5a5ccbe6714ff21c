/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "mo_writer.h"
#include "smpscreen/lang.h"
#include "smpscreen/xalloc.h"

/*
 * Which languages a run may use and which one it takes: names as people and the
 * environment write them, the order of --lang, the clinic's setting and the environment,
 * the refusal shown for an unusable one, the languages found in catalog folders, and the
 * program's messages switched with lang_use.
 *
 * Every test starts with LANGUAGE, LC_ALL, LC_MESSAGES and LANG unset (make check sets
 * LANG) and gets them back afterwards; it ends with lang_reset, so that the program
 * catalog a test loaded is not reported as a leak.
 */

static const char *const env_vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
#define N_ENV (sizeof env_vars / sizeof env_vars[0])
static char *saved_env[N_ENV];
static char *tmp;

static void
setup(void)
{
	size_t i;

	for (i = 0; i < N_ENV; i++) {
		const char *v = getenv(env_vars[i]);

		saved_env[i] = v != NULL ? xstrdup(v) : NULL;
		unsetenv(env_vars[i]);
	}
	tmp = test_tmpdir();
}

static void
teardown(void)
{
	size_t i;

	for (i = 0; i < N_ENV; i++) {
		if (saved_env[i] != NULL)
			setenv(env_vars[i], saved_env[i], 1);
		else
			unsetenv(env_vars[i]);
		free(saved_env[i]);
		saved_env[i] = NULL;
	}
	lang_reset();
	test_remove_tree(&tmp);
}

TestSuite(lang_match, .init = setup, .fini = teardown);
TestSuite(lang_choose, .init = setup, .fini = teardown);
TestSuite(lang_list, .init = setup, .fini = teardown);
TestSuite(lang_use, .init = setup, .fini = teardown);
TestSuite(lang_misc, .init = setup, .fini = teardown);

/* A list of the codes given (NULL-terminated), as lang_list_available makes it: "en"
 * first. Freed with lang_list_free. */
static struct lang_list
list_of(const char *first, ...)
{
	struct lang_list l = { 0 };
	const char *c;
	va_list ap;

	va_start(ap, first);
	for (c = first; c != NULL; c = va_arg(ap, const char *)) {
		l.codes = xreallocarray(l.codes, l.n + 1, sizeof *l.codes);
		l.codes[l.n++] = xstrdup(c);
	}
	va_end(ap);
	return l;
}

/* Expects lang_match to give want (NULL: no match), and as one of the list's own strings. */
static void
expect_match(const struct lang_list *l, const char *name, const char *want)
{
	const char *got = lang_match(l, name);
	size_t i;
	bool owned = false;

	if (want == NULL) {
		cr_expect_null(got, "'%s' matches nothing, got '%s'", name, got ? got : "");
		return;
	}
	cr_expect_str_eq(got != NULL ? got : "(null)", want, "'%s'", name);
	for (i = 0; i < l->n; i++)
		owned |= got == l->codes[i];
	cr_expect(owned, "'%s': the code returned is the list's own string", name);
}

/* Writes a content catalog (one entry) for code under dir. */
static void
content_catalog(const char *dir, const char *code)
{
	char *path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, code, LANG_CONTENT_DOMAIN);
	struct mo_list l = { 0 };

	mo_add_header(&l, code, NULL);
	mo_add(&l, NULL, "About you", "(translated)");
	mo_write_file(path, &l);
	mo_list_free(&l);
	free(path);
}

/* Makes dir/code/LC_MESSAGES/ with nothing in it. */
static void
empty_lc_messages(const char *dir, const char *code)
{
	char *path = xasprintf("%s/%s/LC_MESSAGES/x", dir, code);

	mo_write_bytes(path, "", 0);
	remove(path);
	free(path);
}

/* Writes a program catalog for code under dir: "Hello" and a plural entry. */
static void
program_catalog(const char *dir, const char *code, const char *hello)
{
	static const char one_many[] = "%d answer\0%d answers";
	static const char forms[] = "%d respuesta\0%d respuestas";
	char *path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, code, LANG_PROGRAM_DOMAIN);
	struct mo_list l = { 0 };

	mo_add_header(&l, code, "nplurals=2; plural=(n != 1);");
	mo_add(&l, NULL, "Hello", hello);
	mo_add(&l, NULL, "Untranslated here", "");
	mo_addn(&l, one_many, sizeof one_many - 1, forms, sizeof forms - 1);
	mo_write_file(path, &l);
	mo_list_free(&l);
	free(path);
}

/* --- lang_match ---------------------------------------------------------------------------- */

Test(lang_match, locale_names_and_tags)
{
	struct lang_list l = list_of("en", "es", "fr", "pt", NULL);

	expect_match(&l, "fr", "fr");
	expect_match(&l, "fr_FR.UTF-8", "fr");
	expect_match(&l, "fr_CA", "fr");
	expect_match(&l, "fr@euro", "fr");
	expect_match(&l, "es_ES.ISO-8859-15@euro", "es");
	expect_match(&l, "es-419", "es");
	expect_match(&l, "FR", "fr");
	expect_match(&l, "Es_mx", "es");
	expect_match(&l, "en_GB.UTF-8", "en");
	expect_match(&l, "pt_BR", "pt");
	expect_match(&l, "de", NULL);
	expect_match(&l, "de_FR", NULL);
	lang_list_free(&l);
}

/* A clinic's folder named with a variant or in its own case is found as named. */
Test(lang_match, folder_named_as_given)
{
	struct lang_list l = list_of("en", "ca@valencia", "es", "pt_br", NULL);

	expect_match(&l, "ca@valencia", "ca@valencia");
	expect_match(&l, "ca@valencia.UTF-8", "ca@valencia");
	expect_match(&l, "pt_br", "pt_br");
	expect_match(&l, "ca", NULL);
	lang_list_free(&l);
}

Test(lang_match, territory_when_available)
{
	struct lang_list l = list_of("en", "pt", "pt_BR", NULL);

	expect_match(&l, "pt_BR", "pt_BR");
	expect_match(&l, "pt_BR.UTF-8", "pt_BR");
	expect_match(&l, "pt-br", "pt_BR");
	expect_match(&l, "PT_br", "pt_BR");
	expect_match(&l, "pt_PT", "pt");
	expect_match(&l, "pt", "pt");
	lang_list_free(&l);
	l = list_of("en", "pt_BR", NULL);
	/* A territory is not a language: "pt" does not pick Brazilian Portuguese. */
	expect_match(&l, "pt", NULL);
	expect_match(&l, "pt_PT", NULL);
	lang_list_free(&l);
}

Test(lang_match, names_that_are_not_languages)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);
	char *longname = xasprintf("fr_%0100d", 0);

	expect_match(&l, "", NULL);
	expect_match(&l, "../x", NULL);
	expect_match(&l, "../fr", NULL);
	expect_match(&l, "fr/../es", NULL);
	expect_match(&l, "e", NULL);
	expect_match(&l, ".UTF-8", NULL);
	expect_match(&l, "@euro", NULL);
	expect_match(&l, "_FR", NULL);
	expect_match(&l, "f r", NULL);
	expect_match(&l, "fr\033", NULL);
	expect_match(&l, "fr\n", NULL);
	expect_match(&l, longname, NULL);
	free(longname);
	lang_list_free(&l);
}

/* --- lang_choose --------------------------------------------------------------------------- */

/* Chooses with avail, expecting want and no refusal. */
static void
expect_choice(const struct lang_list *avail, const char *option, const char *setting,
    const char *want, const char *why)
{
	char *refused = NULL;
	const char *got = lang_choose(avail, option, setting, &refused);

	cr_expect_str_eq(got, want, "%s", why);
	cr_expect_null(refused, "%s: no refusal, got: %s", why, refused ? refused : "");
	free(refused);
}

/* Chooses with avail, expecting English and a refusal holding every word given. */
static void
expect_refusal(const struct lang_list *avail, const char *option, const char *setting,
    const char *why, const char *w1, const char *w2, const char *w3)
{
	char *refused = NULL;
	const char *got = lang_choose(avail, option, setting, &refused);
	const char *words[] = { w1, w2, w3 };
	size_t i;

	cr_expect_str_eq(got, "en", "%s: English", why);
	cr_assert_not_null(refused, "%s: a refusal", why);
	cr_expect_null(strchr(refused, '\n'), "%s: one line: %s", why, refused);
	for (i = 0; i < 3; i++)
		if (words[i] != NULL)
			cr_expect_not_null(strstr(refused, words[i]), "%s: '%s' in: %s", why,
			    words[i], refused);
	free(refused);
}

Test(lang_choose, nothing_named_is_english)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);

	expect_choice(&l, NULL, NULL, "en", "nothing set");
	expect_choice(&l, "", "", "en", "empty option and setting");
	setenv("LANG", "", 1);
	setenv("LANGUAGE", "", 1);
	expect_choice(&l, NULL, NULL, "en", "empty variables");
	lang_list_free(&l);
}

Test(lang_choose, option_over_setting_over_environment)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);

	setenv("LANG", "es_ES.UTF-8", 1);
	expect_choice(&l, "fr", "es", "fr", "--lang first");
	expect_choice(&l, "", "fr", "fr", "an empty --lang is none");
	expect_choice(&l, NULL, "fr", "fr", "the setting before the environment");
	expect_choice(&l, NULL, NULL, "es", "the environment last");
	/* English named on purpose wins over what comes later. */
	expect_choice(&l, "en", "fr", "en", "--lang en");
	expect_choice(&l, NULL, "en_US", "en", "setting en_US");
	/* An unusable --lang is not skipped for the setting: it is refused. */
	expect_refusal(&l, "de", "fr", "--lang de", "'de'", "--lang", NULL);
	expect_refusal(&l, NULL, "de", "setting de", "'de'", "setting", NULL);
	lang_list_free(&l);
}

Test(lang_choose, language_list)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);

	setenv("LANG", "es_ES.UTF-8", 1);
	setenv("LANGUAGE", "de:fr", 1);
	expect_choice(&l, NULL, NULL, "fr", "LANGUAGE=de:fr");
	setenv("LANGUAGE", "de:it:fr_CA:es", 1);
	expect_choice(&l, NULL, NULL, "fr", "the first usable of the list");
	setenv("LANGUAGE", "en:fr", 1);
	expect_choice(&l, NULL, NULL, "en", "LANGUAGE=en:fr prefers English");
	setenv("LANGUAGE", "de::fr", 1);
	expect_choice(&l, NULL, NULL, "fr", "an empty element is skipped");
	/* The whole list unusable: English, and the refusal names the first preference. */
	setenv("LANGUAGE", "de", 1);
	expect_refusal(&l, NULL, NULL, "LANGUAGE=de, LANG=es", "'de'", "environment",
	    "available: en, es, fr");
	setenv("LANGUAGE", "de:it", 1);
	expect_refusal(&l, NULL, NULL, "LANGUAGE=de:it", "'de'", "environment", NULL);
	/* Options and settings still come first. */
	expect_choice(&l, "es", NULL, "es", "--lang over LANGUAGE");
	lang_list_free(&l);
}

Test(lang_choose, lc_all_over_lc_messages_over_lang)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);

	setenv("LANG", "de_DE.UTF-8", 1);
	setenv("LC_MESSAGES", "es_ES.UTF-8", 1);
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	expect_choice(&l, NULL, NULL, "fr", "LC_ALL");
	setenv("LC_ALL", "", 1);
	expect_choice(&l, NULL, NULL, "es", "an empty LC_ALL is unset");
	unsetenv("LC_ALL");
	expect_choice(&l, NULL, NULL, "es", "LC_MESSAGES");
	unsetenv("LC_MESSAGES");
	expect_refusal(&l, NULL, NULL, "LANG=de_DE", "'de_DE.UTF-8'", "environment", NULL);
	setenv("LANG", "fr_BE", 1);
	expect_choice(&l, NULL, NULL, "fr", "LANG");
	/* An unusable LC_ALL is not passed over for LC_MESSAGES: it is what the user set. */
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	setenv("LC_MESSAGES", "es_ES.UTF-8", 1);
	expect_refusal(&l, NULL, NULL, "LC_ALL=de_DE", "'de_DE.UTF-8'", NULL, NULL);
	lang_list_free(&l);
}

Test(lang_choose, c_posix_and_english_name_english_silently)
{
	static const char *const names[] = { "C", "POSIX", "C.UTF-8", "C.utf8", "en", "en_GB",
		"en_GB.UTF-8", "en-US", "en@boldquot" };
	struct lang_list l = list_of("en", "es", "fr", NULL);
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		expect_choice(&l, names[i], NULL, "en", names[i]);
		expect_choice(&l, NULL, names[i], "en", names[i]);
		setenv("LANG", names[i], 1);
		expect_choice(&l, NULL, NULL, "en", names[i]);
		unsetenv("LANG");
		setenv("LANGUAGE", names[i], 1);
		expect_choice(&l, NULL, NULL, "en", names[i]);
		unsetenv("LANGUAGE");
	}
	/* "eng" and "English" are not codes: refused, not taken for English silently. */
	expect_refusal(&l, "English", NULL, "--lang English", "'English'", NULL, NULL);
	lang_list_free(&l);
}

Test(lang_choose, refusal_of_an_unavailable_option)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);
	char *refused = NULL;

	cr_expect_str_eq(lang_choose(&l, "de", NULL, &refused), "en");
	cr_assert_not_null(refused);
	cr_expect_str_eq(refused,
	    "language 'de' (--lang) is not available (available: en, es, "
	    "fr); using English");
	free(refused);
	lang_list_free(&l);
	/* With English alone, the list says so. */
	l = list_of("en", NULL);
	expect_refusal(&l, "fr", NULL, "only English", "'fr'", "(available: en)", NULL);
	lang_list_free(&l);
}

Test(lang_choose, names_are_not_echoed_raw)
{
	struct lang_list l = list_of("en", "es", "fr", NULL);
	char *refused = NULL;
	char *huge = xmalloc(5001);
	const char *p;

	lang_choose(&l, "de\033[2J\007\r\x7f\xc3\xa9", NULL, &refused);
	cr_assert_not_null(refused);
	for (p = refused; *p != '\0'; p++)
		cr_expect((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f,
		    "byte 0x%02x at %td of the refusal: %s", (unsigned char)*p, p - refused,
		    refused);
	cr_expect_not_null(strstr(refused, "'de?[2J"), "%s", refused);
	free(refused);
	/* Only a bounded part of a long name is repeated. */
	memset(huge, 'q', 5000);
	huge[5000] = '\0';
	setenv("LANG", huge, 1);
	lang_choose(&l, NULL, NULL, &refused);
	cr_assert_not_null(refused);
	cr_expect_lt(strlen(refused), 200, "%zu bytes", strlen(refused));
	free(refused);
	free(huge);
	lang_list_free(&l);
}

/* --- lang_list_available ------------------------------------------------------------------- */

Test(lang_list, found_in_catalog_folders)
{
	char *d1 = xasprintf("%s/clinic", tmp), *d2 = xasprintf("%s/shipped", tmp);
	char *bogus = xasprintf("%s/shipped/de/LC_MESSAGES/%s.mo", tmp, LANG_CONTENT_DOMAIN);
	char *program_only = xasprintf("%s/it/LC_MESSAGES/%s.mo", d2, LANG_PROGRAM_DOMAIN);
	char *loose = xasprintf("%s/nl", d2);
	struct lang_dirs d = { .content = { d1, d2 } };
	struct lang_list l;

	content_catalog(d1, "fr");
	content_catalog(d1, "pt_BR");
	content_catalog(d2, "fr"); /* in both: listed once */
	content_catalog(d2, "es");
	content_catalog(d2, "en"); /* English is always there, once */
	content_catalog(d2, "x");  /* not a language code */
	content_catalog(d2, "a-b");
	empty_lc_messages(d2, "ru"); /* a folder without the catalog */
	empty_lc_messages(d2, "de");
	cr_assert_eq(mkdir(bogus, 0700), 0, "a folder where the .mo should be");
	mo_write_bytes(program_only, "", 0); /* program messages only */
	mo_write_bytes(loose, "", 0);        /* a file, not a folder */
	lang_list_available(&d, &l);
	cr_assert_eq(l.n, 4, "en es fr pt_BR, got %zu", l.n);
	cr_expect_str_eq(l.codes[0], "en");
	cr_expect_str_eq(l.codes[1], "es");
	cr_expect_str_eq(l.codes[2], "fr");
	cr_expect_str_eq(l.codes[3], "pt_BR");
	cr_expect(lang_list_has(&l, "pt_BR"));
	cr_expect(lang_list_has(&l, "en"));
	cr_expect_not(lang_list_has(&l, "pt"));
	cr_expect_not(lang_list_has(&l, "de"));
	cr_expect_not(lang_list_has(&l, "it"));
	cr_expect_not(lang_list_has(&l, "x"));
	lang_list_free(&l);
	cr_expect_eq(l.n, 0);
	cr_expect_null(l.codes);
	free(d1);
	free(d2);
	free(bogus);
	free(program_only);
	free(loose);
}

Test(lang_list, english_alone)
{
	char *missing = xasprintf("%s/no-such-folder", tmp);
	struct lang_dirs none = { 0 }, gone = { .content = { missing, NULL, tmp } };
	struct lang_list l;

	lang_list_available(&none, &l);
	cr_assert_eq(l.n, 1);
	cr_expect_str_eq(l.codes[0], "en");
	lang_list_free(&l);
	/* A folder that does not exist is skipped; unused slots may come before used ones. */
	content_catalog(tmp, "fr");
	lang_list_available(&gone, &l);
	cr_assert_eq(l.n, 2);
	cr_expect_str_eq(l.codes[0], "en");
	cr_expect_str_eq(l.codes[1], "fr");
	lang_list_free(&l);
	free(missing);
}

Test(lang_list, sorted_whatever_the_folder_order)
{
	static const char *const codes[] = { "zh", "uk", "fr", "de", "ar", "pt", "es", "ca" };
	struct lang_dirs d = { .content = { tmp } };
	struct lang_list l;
	size_t i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		content_catalog(tmp, codes[i]);
	lang_list_available(&d, &l);
	cr_assert_eq(l.n, 9);
	cr_expect_str_eq(l.codes[0], "en");
	for (i = 2; i < l.n; i++)
		cr_expect_lt(strcmp(l.codes[i - 1], l.codes[i]), 0, "%s before %s", l.codes[i - 1],
		    l.codes[i]);
	lang_list_free(&l);
}

/* --- lang_use, lang_msg, lang_nmsg --------------------------------------------------------- */

Test(lang_use, translates_and_resets)
{
	struct lang_dirs d = { .program = { tmp } };
	struct diag_list dl = { 0 };
	static const char untranslated[] = "Not in the catalog";

	program_catalog(tmp, "es", "Hola");
	cr_expect_str_eq(lang_current(), "en");
	cr_expect_eq(lang_msg(untranslated), untranslated, "English before lang_use");
	cr_assert_eq(lang_use(&d, "es", &dl), 0);
	cr_expect_eq(dl.n, 0);
	cr_expect_str_eq(lang_current(), "es");
	cr_expect_str_eq(lang_msg("Hello"), "Hola");
	cr_expect_eq(lang_msg(untranslated), untranslated, "a message without translation");
	cr_expect_str_eq(lang_msg("Untranslated here"), "Untranslated here",
	    "an empty translation is none");
	cr_expect_str_eq(lang_msg(""), "", "the header is not a message");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 1), "%d respuesta");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 0), "%d respuestas");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 7), "%d respuestas");
	cr_expect_str_eq(lang_nmsg("%d file", "%d files", 1), "%d file");
	cr_expect_str_eq(lang_nmsg("%d file", "%d files", 2), "%d files");
	cr_assert_eq(lang_use(&d, "en", &dl), 0);
	cr_expect_str_eq(lang_current(), "en");
	cr_expect_str_eq(lang_msg("Hello"), "Hello");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 1), "%d answer");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 0), "%d answers");
	/* NULL is English too. */
	cr_assert_eq(lang_use(&d, "es", &dl), 0);
	cr_assert_eq(lang_use(&d, NULL, &dl), 0);
	cr_expect_str_eq(lang_current(), "en");
	cr_expect_str_eq(lang_msg("Hello"), "Hello");
	cr_expect_eq(dl.n, 0);
}

Test(lang_use, first_folder_with_a_catalog_wins)
{
	char *clinic = xasprintf("%s/clinic", tmp), *shipped = xasprintf("%s/shipped", tmp);
	struct lang_dirs d = { .program = { clinic, shipped } };
	struct diag_list dl = { 0 };

	program_catalog(clinic, "fr", "Bonjour (clinic)");
	program_catalog(shipped, "fr", "Bonjour");
	program_catalog(shipped, "es", "Hola");
	cr_assert_eq(lang_use(&d, "fr", &dl), 0);
	cr_expect_str_eq(lang_msg("Hello"), "Bonjour (clinic)");
	cr_assert_eq(lang_use(&d, "es", &dl), 0);
	cr_expect_str_eq(lang_msg("Hello"), "Hola", "found in the second folder");
	cr_expect_eq(dl.n, 0);
	free(clinic);
	free(shipped);
}

Test(lang_use, missing_program_catalog_keeps_english_messages)
{
	struct lang_dirs d = { .program = { tmp } };
	struct diag_list dl = { 0 };

	program_catalog(tmp, "es", "Hola");
	cr_assert_eq(lang_use(&d, "es", &dl), 0);
	cr_assert_eq(lang_use(&d, "de", &dl), 0, "no catalog for de: not an error");
	cr_expect_eq(dl.n, 0);
	cr_expect_str_eq(lang_current(), "de");
	cr_expect_str_eq(lang_msg("Hello"), "Hello", "Spanish is not left behind");
}

Test(lang_use, damaged_catalog_is_an_error_and_changes_nothing)
{
	char *bad = xasprintf("%s/fr/LC_MESSAGES/%s.mo", tmp, LANG_PROGRAM_DOMAIN);
	char *msg;
	struct lang_dirs d = { .program = { tmp } };
	struct diag_list dl = { 0 };

	mo_write_bytes(bad, "\xde\x12\x04\x95 but not a catalog", 22);
	cr_expect_eq(lang_use(&d, "fr", &dl), -1);
	cr_expect_str_eq(lang_current(), "en");
	cr_expect_str_eq(lang_msg("Hello"), "Hello");
	msg = test_diag_text(&dl);
	cr_expect_eq(diag_errors(&dl), 1, "%s", msg);
	cr_expect_not_null(strstr(msg, bad), "the error names the file: %s", msg);
	free(msg);
	diag_clear(&dl);
	/* From Spanish, the damaged French leaves Spanish in place. */
	program_catalog(tmp, "es", "Hola");
	cr_assert_eq(lang_use(&d, "es", &dl), 0);
	cr_expect_eq(lang_use(&d, "fr", &dl), -1);
	cr_expect_str_eq(lang_current(), "es");
	cr_expect_str_eq(lang_msg("Hello"), "Hola");
	diag_clear(&dl);
	free(bad);
}

Test(lang_use, damaged_catalog_in_the_first_folder_is_not_skipped)
{
	char *clinic = xasprintf("%s/clinic", tmp), *shipped = xasprintf("%s/shipped", tmp);
	char *bad = xasprintf("%s/es/LC_MESSAGES/%s.mo", clinic, LANG_PROGRAM_DOMAIN);
	struct lang_dirs d = { .program = { clinic, shipped } };
	struct diag_list dl = { 0 };

	mo_write_bytes(bad, "short", 5);
	program_catalog(shipped, "es", "Hola");
	cr_expect_eq(lang_use(&d, "es", &dl), -1, "the clinic's damaged catalog is reported");
	cr_expect_eq(diag_errors(&dl), 1);
	cr_expect_str_eq(lang_current(), "en");
	diag_clear(&dl);
	free(bad);
	free(clinic);
	free(shipped);
}

Test(lang_use, code_unsafe_in_a_path_is_refused)
{
	/* A catalog reachable by "../" must not be read. */
	char *inner = xasprintf("%s/in", tmp);
	struct lang_dirs d = { .program = { inner } };
	struct diag_list dl = { 0 };

	program_catalog(tmp, "es", "Hola");
	program_catalog(inner, "es", "Hola");
	cr_assert_eq(lang_use(&d, "es", &dl), 0);
	cr_expect_eq(lang_use(&d, "../es", &dl), -1);
	cr_expect_str_eq(lang_current(), "en");
	cr_expect_str_eq(lang_msg("Hello"), "Hello");
	cr_expect_eq(lang_use(&d, "e", &dl), -1);
	cr_expect_eq(lang_use(&d, "", &dl), -1);
	cr_expect_str_eq(lang_current(), "en");
	free(inner);
}

Test(lang_use, catalog_compiled_by_msgfmt)
{
	/* Our reader against the real tool's output (sorted, with a hash table). */
	char *po = xasprintf("%s/fr.po", tmp);
	char *mo = xasprintf("%s/fr/LC_MESSAGES/%s.mo", tmp, LANG_PROGRAM_DOMAIN);
	char *cmd = xasprintf("msgfmt -o '%s' '%s'", mo, po);
	static const char text[] = "msgid \"\"\n"
	                           "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	                           "\"Language: fr\\n\"\n"
	                           "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n"
	                           "msgid \"Hello\"\nmsgstr \"Bonjour\"\n\n"
	                           "msgctxt \"menu\"\nmsgid \"Quit\"\nmsgstr \"Quitter\"\n\n"
	                           "#, fuzzy\nmsgid \"Fuzzy\"\nmsgstr \"Flou\"\n\n"
	                           "msgid \"Later\"\nmsgstr \"\"\n\n"
	                           "msgid \"%d answer\"\nmsgid_plural \"%d answers\"\n"
	                           "msgstr[0] \"%d réponse\"\nmsgstr[1] \"%d réponses\"\n";
	struct lang_dirs d = { .program = { tmp } };
	struct diag_list dl = { 0 };

	mo_write_bytes(po, text, sizeof text - 1);
	empty_lc_messages(tmp, "fr");
	cr_assert_eq(system(cmd), 0, "%s", cmd);
	cr_assert_eq(lang_use(&d, "fr", &dl), 0);
	cr_expect_str_eq(lang_msg("Hello"), "Bonjour");
	cr_expect_str_eq(lang_msg("Quit"), "Quit", "only with its context");
	cr_expect_str_eq(lang_msg("Fuzzy"), "Fuzzy", "msgfmt leaves fuzzy entries out");
	cr_expect_str_eq(lang_msg("Later"), "Later");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 0), "%d réponse");
	cr_expect_str_eq(lang_nmsg("%d answer", "%d answers", 2), "%d réponses");
	cr_expect_eq(lang_program_entries(&d, "fr", &dl), 3, "Hello, menu|Quit, the plural");
	cr_expect_eq(dl.n, 0);
	free(po);
	free(mo);
	free(cmd);
}

Test(lang_use, program_entries)
{
	char *bad = xasprintf("%s/fr/LC_MESSAGES/%s.mo", tmp, LANG_PROGRAM_DOMAIN);
	struct lang_dirs d = { .program = { tmp } };
	struct diag_list dl = { 0 };

	program_catalog(tmp, "es", "Hola");
	mo_write_bytes(bad, "short", 5);
	/* Hello and the plural entry; neither the header nor the empty translation. */
	cr_expect_eq(lang_program_entries(&d, "es", &dl), 2);
	cr_expect_eq(lang_program_entries(&d, "en", &dl), 0);
	cr_expect_eq(lang_program_entries(&d, "de", &dl), 0);
	cr_expect_eq(dl.n, 0);
	cr_expect_eq(lang_program_entries(&d, "fr", &dl), 0);
	cr_expect_eq(diag_errors(&dl), 1, "the damaged one is reported");
	cr_expect_str_eq(lang_current(), "en", "counting switches nothing");
	diag_clear(&dl);
	free(bad);
}

/* --- lang_name, lang_offered --------------------------------------------------------------- */

Test(lang_misc, names)
{
	cr_expect_str_eq(lang_name("es"), "Español");
	cr_expect_str_eq(lang_name("fr"), "Français");
	cr_expect_str_eq(lang_name("en"), "English");
	cr_expect_str_eq(lang_name("pt_BR"), "Português");
	cr_expect_str_eq(lang_name("sr@latin"), "sr@latin");
	cr_expect_str_eq(lang_name("xx"), "xx", "an unknown code is its own name");
	cr_expect_str_eq(lang_name("e"), "e", "not a prefix of 'el' or 'en'");
	cr_expect_str_eq(lang_name("esp"), "esp", "nor 'es' with more after it");
}

Test(lang_misc, offered_from_half)
{
	cr_expect(lang_offered(0, 0), "nothing to translate");
	cr_expect_not(lang_offered(0, 1));
	cr_expect(lang_offered(1, 1));
	cr_expect(lang_offered(1, 2), "exactly half");
	cr_expect_not(lang_offered(1, 3));
	cr_expect(lang_offered(2, 3));
	cr_expect_not(lang_offered(49, 100));
	cr_expect(lang_offered(50, 100));
	cr_expect_not(lang_offered(500, 1001));
	cr_expect(lang_offered(501, 1001));
	cr_expect(lang_offered(100, 100));
}

/* A kiosk switches language between patients: every message must follow, however many
 * were looked up before, and a message is looked up by what it says, not where it is. */
Test(lang_use, many_messages_follow_every_switch)
{
	static const char *const codes[] = { "es", "fr", "en", "fr", "es", "en", "es" };
	struct lang_dirs d = { .program = { tmp } };
	struct diag_list dl = { 0 };
	char id[32], want[48], buf[32];
	size_t c, i, k;

	for (c = 0; c < 2; c++) {
		char *path =
		    xasprintf("%s/%s/LC_MESSAGES/%s.mo", tmp, codes[c], LANG_PROGRAM_DOMAIN);
		struct mo_list l = { 0 };

		mo_add_header(&l, codes[c], "nplurals=2; plural=(n != 1);");
		for (i = 0; i < 400; i++) {
			snprintf(id, sizeof id, "Message %zu", i);
			snprintf(want, sizeof want, "%s %zu", codes[c], i);
			mo_add(&l, NULL, id, want);
		}
		mo_write_file(path, &l);
		mo_list_free(&l);
		free(path);
	}
	for (k = 0; k < sizeof codes / sizeof codes[0]; k++) {
		cr_assert_eq(lang_use(&d, codes[k], &dl), 0);
		for (i = 0; i < 400; i++) {
			/* One buffer for every message: its address says nothing. */
			snprintf(buf, sizeof buf, "Message %zu", i);
			if (strcmp(codes[k], "en") == 0)
				snprintf(want, sizeof want, "Message %zu", i);
			else
				snprintf(want, sizeof want, "%s %zu", codes[k], i);
			cr_assert_str_eq(lang_msg(buf), want, "%s after %zu switches", buf, k);
		}
		cr_expect_str_eq(lang_msg("Message 400"), "Message 400");
	}
	cr_expect_eq(dl.n, 0);
}
