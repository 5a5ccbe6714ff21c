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
#include "smpscreen/review.h"
#include "smpscreen/strbuf.h"

/* A key of the file that was not used because its question was not shown. */
struct ignored_answer {
	char *id;
	int line;
	size_t question;     /* its index in the questionnaire */
	struct answer value; /* as the file gives it; ANSWER_ABSENT when it is not a valid
	                      * answer to the question (it was never checked) */
};

/* What an answers file says about the consultation itself, beside the answers: metadata the
 * rules never see. Every field is NULL when the file does not give it. */
struct answers_meta {
	char *record_id;  /* the consultation's id, as the program that saved it chose it */
	char *created_at; /* when it was saved: "YYYY-MM-DDTHH:MM:SS+HH:MM" (or Z) */
	char *mode;       /* how it was taken: "kiosk", "home", "clinic" or "batch" */
	char *consultant; /* the consultant's name, when known */
	char *client_name;
	char *client_reference;    /* the clinic's own reference for the client */
	char *client_date_of_birth; /* "YYYY-MM-DD" */
	/* What it was screened under when saved (0 / NULL: not recorded): a later screening
	 * under other content can say so (rescreen, the report's header). */
	int questionnaire_version;
	char *questionnaire_sha256;
	char *rules_id;
	int rules_version;
	char *rules_sha256;
};

/* The modes an answers file may record (NULL-terminated). */
extern const char *const answers_modes[];

struct answers {
	const struct questionnaire *qn; /* borrowed */
	char *path;                     /* NULL when not from a file */
	char sha256[65];                /* of the file's bytes; "" when not from a file */
	struct answers_meta meta;       /* owned */
	struct answer *eff;             /* qn->n_questions effective answers */
	struct review *review;          /* a consultant's review of them (owned); NULL: none */
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

/* The record id reports name: the file's record id, else one made from the SHA-256 of its
 * bytes ("sha256-" and 16 hex digits), so that the same file always gets the same id; ""
 * for answers from nowhere. Borrowed from a or written into buf. */
const char *answers_record_id(const struct answers *a, char buf[32]);
/* Replaces field *field of a's metadata with a copy of value (NULL: removes it), zeroing
 * the old one. */
void answers_meta_set(char **field, const char *value);
/* Whether s can be a metadata string of an answers file: one clean line, not blank, at most
 * 200 bytes (what the reader accepts). */
bool answers_meta_ok(const char *s);
/* Appends the answer file text (libconfig) for the metadata and the effective answers. */
void answers_write(const struct answers *a, struct strbuf *out);
/* Writes the answer file to path, 0600 and atomically; -1 with *cause (caller frees). */
int answers_save(const struct answers *a, const char *path, char **cause);
#endif
