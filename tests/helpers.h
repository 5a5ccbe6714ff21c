/* SPDX-License-Identifier: ISC */
/* Shared by the unit tests: fixture paths and quick loaders that fail the test loudly. */
#ifndef SMPSCREEN_TEST_HELPERS_H
#define SMPSCREEN_TEST_HELPERS_H

#include "smpscreen/answers.h"
#include "smpscreen/content.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"

/* "$SMP_TEST_DATA/name" (falls back to "tests/data/name"); caller frees. */
char *test_data_path(const char *name);
/* Reads a whole file into a NUL-terminated string; caller frees. Aborts the test on error. */
char *test_read_file(const char *path);
/* Loads tests/data/NAME (the rules against qn) or fails the test with the diagnostics;
 * rules must also load without warnings. Caller frees. */
struct questionnaire *test_load_questionnaire(const char *name);
struct ruleset *test_load_rules(const struct questionnaire *qn, const char *name);
/* The bundled contract files in questionnaires/, the same way. */
struct questionnaire *test_bundled_questionnaire(void);
struct ruleset *test_bundled_rules(const struct questionnaire *qn);
/* The questions of tests/data/mini-questionnaire.cfg, in file order. */
enum {
	Q_AGE,
	Q_PREG,
	Q_GOAL,
	Q_LOSS,
	Q_NORWOOD,
	Q_SCARS,
	Q_SCAR_AGE,
	Q_HEART,
	Q_UNWELL,
	Q_NOTES,
	Q_PRICE,
	NQ
};
/* Loads tests/data/mini-questionnaire.cfg or fails the test with the diagnostics. */
struct questionnaire *test_mini_questionnaire(void);
/* Loads tests/data/mini-rules.cfg against qn or fails the test. */
struct ruleset *test_mini_rules(const struct questionnaire *qn);
/* Loads the mini questionnaire and rules into ct (no clinic settings) or fails the test;
 * the caller frees ct with content_free. */
void test_mini_content(struct content *ct);
/* Loads answers from text against qn or fails the test with the diagnostics. */
struct answers *test_answers(const struct questionnaire *qn, const char *text);
/* Joins every diagnostic as "file:line: error: msg\n" lines; caller frees. */
char *test_diag_text(const struct diag_list *dl);
/* Expects one diagnostic line starting with prefix ("x.cfg:4: error:") that holds every
 * word of the NULL-terminated list that follows (at most 8); a Criterion expectation. */
void test_expect_diag(const struct diag_list *dl, const char *prefix, ...);
/* A fresh private temporary directory; caller frees the path (and removes the dir). */
char *test_tmpdir(void);
/* Removes the tree at *path (whatever its modes), frees the path and sets it to NULL.
 * Accepts *path == NULL. */
void test_remove_tree(char **path);
/* Entries of directory d other than . and .. (fails the test when d cannot be read). */
size_t test_count_entries(const char *d);
/* The permission bits of path (fails the test when it cannot be stat'ed). */
unsigned test_mode_of(const char *path);

#endif
