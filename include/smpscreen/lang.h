/* SPDX-License-Identifier: ISC */
/* The language of the program's own messages, and which languages a run may use.
 *
 * A language is usable when a content catalog for it exists (shipped beside the
 * questionnaire, or dropped by the clinic beside its settings file); English always is.
 * Catalogs are read by this program (catalog.h), never through setlocale(): a patient's
 * language works whether or not the machine has generated that locale. */
#ifndef SMPSCREEN_LANG_H
#define SMPSCREEN_LANG_H

#include <stddef.h>

#include "smpscreen/diag.h"

#define LANG_PROGRAM_DOMAIN "smpscreen"
#define LANG_CONTENT_DOMAIN "smpscreen-content"
#define LANG_MAX_DIRS 4
/* Longest language code we accept: "ll", "ll_CC", "ll_CC@variant" fit. */
#define LANG_CODE_MAX 24

/* Directories holding LL/LC_MESSAGES/<domain>.mo, earlier ones first (a clinic's before the
 * shipped ones); unused slots NULL. The strings belong to the caller. */
struct lang_dirs {
	const char *program[LANG_MAX_DIRS];
	const char *content[LANG_MAX_DIRS];
};

/* A list of language codes, "en" first, then the others in name order. */
struct lang_list {
	char **codes;
	size_t n;
};
void lang_list_available(const struct lang_dirs *d, struct lang_list *out);
void lang_list_free(struct lang_list *l);
/* Whether code is in the list. */
int lang_list_has(const struct lang_list *l, const char *code);

/* Normalises what a user or the environment names ("fr_FR.UTF-8", "es-419", "FR") to the
 * code of a language in avail: first the whole language_TERRITORY, then the language alone.
 * Returns the code (a string of avail) or NULL. */
const char *lang_match(const struct lang_list *avail, const char *name);

/* Where the choice came from, for the message that says it was refused. */
enum lang_source { LANG_FROM_NONE, LANG_FROM_OPTION, LANG_FROM_SETTINGS, LANG_FROM_ENV };
/* Chooses the language of a run: --lang, else the clinic's setting, else the first of
 * LANGUAGE (a colon list), LC_ALL, LC_MESSAGES, LANG that is set. Returns a code of avail
 * ("en" when nothing usable is named). When the source named a language that is not usable
 * (C and POSIX name English), *refused gets a one-line explanation to show, owned by the
 * caller; otherwise NULL. */
const char *lang_choose(const struct lang_list *avail, const char *option, const char *setting,
    char **refused);

/* The language menu a front end offers (welcome page, start of plain mode, kiosk staff
 * menu): the choices, and how to switch the run to one of them (program messages and
 * content texts together). No menu when langs is NULL or holds one language. */
struct lang_menu {
	const struct lang_list *langs;
	void (*set)(void *arg, const char *code);
	void *arg;
};

/* Whether a language whose catalogs translate done of the content's total texts is offered
 * for it: at least half of them. */
int lang_offered(size_t done, size_t total);

/* Makes code the language of the program's messages; "en" or NULL: English. A missing
 * program catalog is not an error (the messages stay English); a damaged one is, in dl. */
int lang_use(const struct lang_dirs *d, const char *code, struct diag_list *dl);
/* The language set by lang_use ("en" before). */
const char *lang_current(void);
/* The translation of a program message in the current language (the `_()` of i18n.h). */
const char *lang_msg(const char *msgid) __attribute__((format_arg(1)));
const char *lang_nmsg(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));
/* The program catalog's translated entries for code (0 when it has none). */
size_t lang_program_entries(const struct lang_dirs *d, const char *code, struct diag_list *dl);
/* What a language calls itself ("Español"), for menus; the code for one we do not know. */
const char *lang_name(const char *code);
/* Releases the program catalog (at exit, for leak checkers). */
void lang_reset(void);

#endif
