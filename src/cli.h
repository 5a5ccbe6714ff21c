/* What every subcommand shares: the options common to all, and loading the questionnaire,
 * rules and settings they name (or the bundled ones). */
#ifndef SMPSCREEN_CLI_H
#define SMPSCREEN_CLI_H

#include <stdbool.h>

#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"

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

int cmd_screen(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_questions(struct cli *c, int argc, char **argv);

#endif
