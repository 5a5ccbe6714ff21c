/* What every subcommand shares: the options common to all, and loading the questionnaire,
 * rules and settings they name (or the bundled ones). */
#ifndef SMPSCREEN_CLI_H
#define SMPSCREEN_CLI_H

#include <stdbool.h>

#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

/* Exit statuses (DESIGN.md §3). */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

enum output_format { FORMAT_TEXT, FORMAT_JSON };

struct cli {
	/* options, borrowed from argv */
	const char *questionnaire_path; /* NULL: bundled */
	const char *rules_path;         /* NULL: bundled */
	const char *settings_path;      /* NULL: the system file, if there is one */
	const char *output;             /* -o */
	const char *output_dir;         /* plain mode */
	const char *resume_path;        /* --resume: a draft to continue */
	enum output_format format;
	bool ascii;
	bool consultant; /* plain mode: ask the consultant-only items too */
	bool no_save;
	bool today_set;
	struct date today;

	/* loaded by cli_load, owned */
	struct questionnaire *qn;
	struct ruleset *rs;
	struct settings st;
	bool st_ready;
	char *qn_path;
	char *rs_path;
};

/* Path of a bundled data file: $SMPSCREEN_DATADIR, else the source tree when the program
 * runs from its build tree, else the installed data directory. Caller frees. */
char *cli_data_path(const char *name);
/* Loads questionnaire, rules and settings; every problem goes to dl. 0 or -1. */
int cli_load(struct cli *c, struct diag_list *dl);
/* Prints dl to stderr and returns EXIT_USAGE when it holds errors, else EXIT_OK. */
int cli_report_diags(const struct diag_list *dl);
/* The screening date: --today, or the local date. */
struct date cli_today(const struct cli *c);
/* Frees what cli_load loaded. */
void cli_free(struct cli *c);

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

/* Where the wizard keeps the draft of an unfinished consultation:
 * $XDG_STATE_HOME/smpscreen/draft.cfg, else ~/.local/state/smpscreen/draft.cfg (the folder
 * is created 0700). NULL when neither variable is set or the folder cannot be made. */
char *cli_draft_path(void);
/* Loads the draft at path into a (answers so far; required ones may be missing). 0, or -1
 * after printing why to stderr. */
int cli_load_draft(const struct cli *c, const char *path, struct answers *a);
/* True when the locale's character set is UTF-8 (else front ends draw ASCII). */
bool cli_locale_is_utf8(void);
/* Where consultations are saved: --output-dir, else the clinic's report_dir, else ".". */
const char *cli_save_dir(const struct cli *c);
/* Appends the text report of a's outcome to report. Unless --no-save, first picks two fresh
 * file names in cli_save_dir() (a->path becomes the answers file, so the report names it)
 * and sets *report_path (caller frees); else *report_path is NULL. */
void cli_render_result(struct cli *c, struct answers *a, bool ascii, size_t width,
    struct strbuf *report, char **report_path);
/* Saves a to a->path and the report to report_path, both 0600 and atomically. 0, or -1
 * with *cause (caller frees). */
int cli_save_result(const struct answers *a, const char *report_path,
    const struct strbuf *report, char **cause);

int cmd_screen(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_questions(struct cli *c, int argc, char **argv);

#endif
