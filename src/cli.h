/* SPDX-License-Identifier: ISC */
/* What every subcommand shares: the command-line options, and loading the questionnaire,
 * rules and settings they name (or the bundled ones). */
#ifndef SMPSCREEN_CLI_H
#define SMPSCREEN_CLI_H

#include <stdbool.h>

#include "exitcode.h"
#include "smpscreen/content.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/report.h"
#include "smpscreen/session.h"

enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_CSV, FORMAT_FHIR };

/* The options of one run, as given on the command line; strings borrowed from argv. */
struct cli {
	const char *questionnaire_path; /* NULL: bundled */
	const char *rules_path;         /* NULL: bundled */
	const char *settings_path;      /* NULL: the system file, if there is one */
	const char *output;             /* -o */
	const char *output_dir;         /* where a consultation is saved */
	const char *resume_path;        /* --resume: a draft to continue */
	enum output_format format;
	bool ascii;
	bool consultant; /* ask the consultant-only items too */
	bool no_save;
	bool today_set;
	struct date today;
	enum report_copy copy; /* screen: which copy of the text report */
	size_t page_lines;     /* screen: lines per printed page; 0: none */
	const char *lang;      /* --lang; NULL: the settings, else the environment */
	const char *consultant_name; /* --consultant-name; NULL: not given */
};

/* The folder name beside the running program when there is one (a build tree), else NULL.
 * Caller frees. */
char *cli_beside_program(const char *name);
/* Path of a bundled data file: $SMPSCREEN_DATADIR, else the questionnaires folder beside
 * the program when there is one (a build tree), else the installed data directory. Caller
 * frees. */
char *cli_data_path(const char *name);
/* Loads the questionnaire, rules and settings the options name (or the bundled ones, and
 * the system's settings file when it exists) into ct; every problem goes to dl. 0 or -1;
 * either way the caller frees ct with content_free. */
int cli_load(const struct cli *c, struct content *ct, struct diag_list *dl);
/* As cli_load, without the content cache (content_cache.h): for `check`, which must load
 * and validate the files in full and show every warning. */
int cli_load_uncached(const struct cli *c, struct content *ct, struct diag_list *dl);
/* Prints dl to stderr and returns EXIT_USAGE when it holds errors, else EXIT_OK. */
int cli_report_diags(const struct diag_list *dl);
/* The screening date: --today, or the local date. */
struct date cli_today(const struct cli *c);

/* A growable list of paths, each owned by the list. */
struct cli_paths {
	char **items;
	size_t n, cap;
};

/* Takes ownership of path. */
void cli_paths_add(struct cli_paths *p, char *path);
void cli_paths_free(struct cli_paths *p);
/* Adds arg, or when it is a directory its *.cfg files in name order (setting *dir when dir
 * is not NULL). An unreadable arg is an error in dl: -1. */
int cli_expand(const char *arg, struct cli_paths *out, bool *dir, struct diag_list *dl);

/* The folder drafts of unfinished consultations are kept in: $XDG_STATE_HOME/smpscreen, else
 * ~/.local/state/smpscreen, made 0700 (the folders above it too) when missing. NULL with
 * *why (caller frees) when there can be none: neither variable is set, or the folder
 * cannot be made, or is not private (another user's, or writable by its group or others).
 * Caller frees. */
char *cli_draft_dir(char **why);
/* True when the program runs in a session sshd started (SSH_CONNECTION is set): a patient
 * at home, on a terminal of their own. */
bool cli_remote(void);
/* True when the locale's character set is UTF-8 (else front ends draw ASCII). */
bool cli_locale_is_utf8(void);
/* Where consultations are saved: --output-dir, else the clinic's report_dir, else ".". */
const char *cli_save_dir(const struct cli *c, const struct content *ct);
/* A consultation as the options ask for it: audience, date, saving (unless --no-save) and
 * drafts in draft_dir (may be NULL). Caller frees with session_free. */
struct session *cli_session(const struct cli *c, const struct content *ct, const char *draft_dir);

/* Where catalogs are looked for: the program's own, and the content's (the clinic's
 * folder beside settings_path first, then the bundled data's); the strings are owned. */
struct cli_lang_dirs {
	struct lang_dirs d;
	size_t clinic; /* how many of d.content are the clinic's (0 or 1), before the shipped */
	char *own[2 * LANG_MAX_DIRS];
};
void cli_lang_dirs(struct cli_lang_dirs *ld, const char *settings_path);
void cli_lang_dirs_free(struct cli_lang_dirs *ld);
/* Before anything is loaded: the program's messages in the language --lang (found in argv
 * as it is) or the environment asks for, silently; the full choice comes with cli_load. */
void cli_language_early(int argc, char **argv);
/* Chooses the run's language (--lang, the clinic's setting, the environment) among the
 * available ones and applies it to the program's messages and ct's texts. A refused choice
 * is one line on stderr (once a run); a damaged catalog of the language is an error in dl
 * (a damaged file is bad input, whichever way the language was chosen). */
void cli_language(const struct cli *c, struct content *ct, const char *settings_path,
    struct diag_list *dl);
/* Switches the program's messages and ct's texts to code, an available language (the
 * menus of the wizard, plain mode and the kiosk). */
void cli_language_switch(struct content *ct, const char *code);
/* The available languages (cached for the run); borrowed. */
const struct lang_list *cli_languages(void);
/* The language menu of the front ends, switching ct (which must outlive the menu). */
struct lang_menu cli_lang_menu(struct content *ct);
int cmd_screen(const struct cli *c, int argc, char **argv);
/* Screens answer files under the content in use and under the one the options name, and
 * reports those whose outcome changes: EXIT_CHANGED then, else EXIT_OK. */
int cmd_rescreen(const struct cli *c, int argc, char **argv);
int cmd_check(const struct cli *c, int argc, char **argv);
int cmd_questions(const struct cli *c, int argc, char **argv);
/* Reads a staff PIN twice (without echo on a terminal) and prints its settings line. */
int cmd_pin_hash(const struct cli *c, int argc, char **argv);
/* The clinic kiosk: patient after patient until staff end it with their PIN. */
int cmd_kiosk(const struct cli *c, int argc, char **argv);
/* A consultant's review of one saved consultation: the wizard, else (or with plain) plain
 * mode; saved in place. */
int cmd_review(const struct cli *c, bool plain, int argc, char **argv);
/* The interactive questionnaire: the wizard, else (or with plain) plain mode. */
int cmd_consult(const struct cli *c, bool plain);

#endif
