/* SPDX-License-Identifier: ISC */
/* Answers: loading and validating answer files, visibility, writing answer files. */
#ifndef SMPSCREEN_ANSWERS_H
#define SMPSCREEN_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smpscreen/answer.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"

/* A key of the file that was not used because its question was not shown. */
struct ignored_answer {
	char *id;
	int line;
};

struct answers {
	const struct questionnaire *qn; /* borrowed */
	char *path;                     /* NULL when not from a file */
	struct answer *eff;             /* qn->n_questions effective answers */
	struct ignored_answer *ignored;
	size_t n_ignored;
};

/* Loads path and validates it against qn by the contract's reading rules. On success
 * returns 0 and *out (caller frees with answers_free); on any input error returns -1,
 * *out NULL, and every error found is in dl. */
int answers_load(struct answers **out, const char *path, const struct questionnaire *qn,
    struct diag_list *dl);
int answers_load_string(struct answers **out, const char *text, const char *name,
    const struct questionnaire *qn, struct diag_list *dl);
/* As answers_load for a draft of an unfinished consultation: every rule applies except that
 * required answers may still be missing. */
int answers_load_draft(struct answers **out, const char *path, const struct questionnaire *qn,
    struct diag_list *dl);
/* An empty set of answers for qn, owned by the caller. */
struct answers *answers_new(const struct questionnaire *qn);
/* Accepts NULL. */
void answers_free(struct answers *a);

/* True when question q is shown given the effective answers of the questions before it. */
bool answers_is_shown(const struct answers *a, size_t q);
/* Makes every answer of a question that is no longer shown absent (after an edit). */
void answers_settle(struct answers *a);
/* Replaces answer q with a copy of v (the text is copied). */
void answers_set(struct answers *a, size_t q, const struct answer *v);

/* Appends the answer file text (libconfig) for the effective answers. */
void answers_write(const struct answers *a, struct strbuf *out);
/* Writes the answer file to path, 0600 and atomically; -1 with *cause (caller frees). */
int answers_save(const struct answers *a, const char *path, char **cause);
#endif
