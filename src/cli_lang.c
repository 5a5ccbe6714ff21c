/* SPDX-License-Identifier: ISC */
/* Choosing the language of a run and finding its catalogs. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/* One run has one set of folders and one list of languages; the menus switch between them.
 * LANGUAGE as the user set it: apply() sets it for the C library's own messages, and the
 * choice made once the clinic's folder is known must still see the user's. */
static char *user_language;
static bool user_language_saved;
static struct cli_lang_dirs run_dirs;
static struct lang_list run_langs;
static bool run_ready;

static void
add(struct cli_lang_dirs *ld, const char **slot, char *dir)
{
	size_t i;

	if (dir == NULL)
		return;
	for (i = 0; i < sizeof ld->own / sizeof ld->own[0]; i++)
		if (ld->own[i] == NULL) {
			ld->own[i] = dir;
			*slot = dir;
			return;
		}
	free(dir);
}

void
cli_lang_dirs(struct cli_lang_dirs *ld, const char *settings_path)
{
	const char *slash, *env = getenv("SMPSCREEN_LOCALEDIR");
	size_t c = 0;

	memset(ld, 0, sizeof *ld);
	/* Program messages: $SMPSCREEN_LOCALEDIR (a package unpacked elsewhere, as
	 * SMPSCREEN_DATADIR for the questionnaires), the build tree's, the installed ones. */
	if (env != NULL && *env != '\0')
		add(ld, &ld->d.program[0], xstrdup(env));
	add(ld, &ld->d.program[1], cli_beside_program("locale"));
	add(ld, &ld->d.program[2], xstrdup(LOCALEDIR));
	/* Content: a clinic's catalogs beside its settings win over the shipped ones, so a
	 * clinic can correct a wording or add a language without a rebuild. */
	if (settings_path != NULL) {
		slash = strrchr(settings_path, '/');
		add(ld, &ld->d.content[c++],
		    slash == NULL ? xstrdup("locale") :
		                    xasprintf("%.*s/locale", (int)(slash - settings_path),
		                        settings_path));
		ld->clinic = 1;
	}
	add(ld, &ld->d.content[c++], cli_data_path("locale"));
	add(ld, &ld->d.content[c], cli_beside_program("locale"));
}

void
cli_lang_dirs_free(struct cli_lang_dirs *ld)
{
	size_t i;

	for (i = 0; i < sizeof ld->own / sizeof ld->own[0]; i++)
		free(ld->own[i]);
	memset(ld, 0, sizeof *ld);
}

static void
run_free(void)
{
	free(user_language);
	user_language = NULL;
	cli_lang_dirs_free(&run_dirs);
	lang_list_free(&run_langs);
	lang_reset();
	run_ready = false;
}

static void
run_setup(const char *settings_path)
{
	if (run_ready) {
		cli_lang_dirs_free(&run_dirs);
		lang_list_free(&run_langs);
	} else {
		atexit(run_free);
	}
	cli_lang_dirs(&run_dirs, settings_path);
	lang_list_available(&run_dirs.d, &run_langs);
	run_ready = true;
}

/* glibc's own messages (strerror) follow LANGUAGE where the machine has them; English
 * otherwise, never the language of a locale the patient did not choose. */
static void
apply(const char *code, struct diag_list *dl)
{
	if (lang_use(&run_dirs.d, code, dl) != 0)
		lang_use(&run_dirs.d, "en", dl);
	setenv("LANGUAGE", lang_current(), 1);
}

void
cli_language_early(int argc, char **argv)
{
	struct diag_list dl = { 0 };
	const char *opt = NULL;
	char *refused;
	int i;

	/* As getopt_long reads it: --lang, or an abbreviation of it ("--l"; no other long
	 * option starts so), with its value after "=" or in the next argument. */
	if (!user_language_saved) {
		const char *env = getenv("LANGUAGE");

		user_language = env != NULL ? xstrdup(env) : NULL;
		user_language_saved = true;
	}
	for (i = 1; i < argc; i++) {
		size_t n = strcspn(argv[i], "=");

		if (strcmp(argv[i], "--") == 0)
			break;
		if (n < 3 || n > 6 || strncmp(argv[i], "--lang", n) != 0)
			continue;
		if (argv[i][n] == '=')
			opt = argv[i] + n + 1;
		else if (i + 1 < argc)
			opt = argv[++i];
	}
	run_setup(NULL);
	apply(lang_choose(&run_langs, opt, NULL, &refused), &dl);
	/* The full choice, with the clinic's settings, says it again if need be. */
	free(refused);
	diag_clear(&dl);
}

/* A language whose catalogs translate less than half of this content's texts (they were
 * made for another questionnaire, and only words like "months" match) would show English
 * questions under translated buttons: not offered. A clinic that adapted a few texts of
 * the bundled questionnaire keeps its languages, those texts shown in English, whole. */
static void
keep_those_for(const struct content *ct)
{
	struct diag_list quiet = { 0 };
	size_t i = 1, done, total;

	while (i < run_langs.n) {
		struct ctext *tx = ctext_new(ct->qn, ct->rs, run_langs.codes[i], &run_dirs.d, &quiet);

		ctext_coverage(tx, &done, &total);
		ctext_free(tx);
		if (lang_offered(done, total)) {
			i++;
			continue;
		}
		free(run_langs.codes[i]);
		memmove(&run_langs.codes[i], &run_langs.codes[i + 1],
		    (run_langs.n - i - 1) * sizeof *run_langs.codes);
		run_langs.n--;
	}
	diag_clear(&quiet);
}

void
cli_language(const struct cli *c, struct content *ct, const char *settings_path,
    struct diag_list *dl)
{
	static bool said;
	const char *code;
	char *refused;
	size_t done, total;

	run_setup(settings_path);
	if (user_language_saved) {
		if (user_language != NULL)
			setenv("LANGUAGE", user_language, 1);
		else
			unsetenv("LANGUAGE");
	}
	code = lang_choose(&run_langs, c->lang, ct->st_ready ? ct->st.language : NULL, &refused);
	if (refused != NULL && !said)
		fprintf(stderr, "smpscreen: %s\n", refused);
	said = said || refused != NULL;
	free(refused);
	apply(code, dl);
	/* A damaged catalog is an error in dl (a batch run stops on it); the others of the
	 * language still translate, item by item. */
	content_set_language(ct, lang_current(), &run_dirs.d, dl);
	/* Only the chosen language is measured here (an English run reads no catalog); the
	 * menus weigh the others when they are first shown (cli_lang_menu). */
	ctext_coverage(ct->tx, &done, &total);
	if (!lang_offered(done, total)) {
		if (!said)
			fprintf(stderr,
			    _("smpscreen: language '%s' translates only %zu of the %zu texts of this "
			      "questionnaire and rules (its catalogs are for other content); using "
			      "English\n"),
			    lang_current(), done, total);
		said = true;
		apply("en", dl);
		content_set_language(ct, "en", &run_dirs.d, dl);
	}
}

void
cli_language_switch(struct content *ct, const char *code)
{
	struct diag_list dl = { 0 };

	if (!run_ready)
		run_setup(NULL);
	apply(code, &dl);
	/* The menus offer a language by what its readable catalogs translate (cli_lang_menu);
	 * the same catalogs are read here, a damaged one left out again. */
	content_set_language(ct, lang_current(), &run_dirs.d, &dl);
	/* The catalogs were readable when the run started; a problem now is not the patient's
	 * to see, and the texts fall back to English item by item. */
	diag_clear(&dl);
}

const struct lang_list *
cli_languages(void)
{
	if (!run_ready)
		run_setup(NULL);
	return &run_langs;
}

static void
menu_set(void *arg, const char *code)
{
	cli_language_switch(arg, code);
}

struct lang_menu
cli_lang_menu(struct content *ct)
{
	keep_those_for(ct);
	return (struct lang_menu){ .langs = cli_languages(), .set = menu_set, .arg = ct };
}
