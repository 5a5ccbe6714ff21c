/* SPDX-License-Identifier: ISC */
/* A consultant's review of a saved consultation: which answers the consultant changed, from
 * what to what and why, and a final decision that may differ from the computed one. It is
 * kept in the answers file beside the answers (which hold the reviewed values), so that the
 * record says both what the patient reported and what the clinic decided. */
#ifndef SMPSCREEN_REVIEW_H
#define SMPSCREEN_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answer.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"

/* Words a reason needs at least: "checked in person" says why, "ok" does not. */
#define REVIEW_MIN_WORDS 3
/* Longest reason: a sentence or two, not a letter. */
#define REVIEW_REASON_MAX 500
/* Changes one record may hold: many times any questionnaire's questions, far fewer than a
 * hostile file could list (each is checked against the others). */
#define REVIEW_MAX_CHANGES 1000

struct review_change {
	size_t question;        /* index in the questionnaire */
	struct answer from, to; /* what the patient said and what the consultant recorded;
	                         * ANSWER_ABSENT: no answer */
	char *reason;
	char *at; /* "YYYY-MM-DDTHH:MM:SS+HH:MM" */
	char *by; /* who made it, when not the review's consultant (an earlier review); NULL */
	int line; /* in the answers file; 0 when not from a file */
};

struct review_decision {
	bool set;
	int level; /* enum level (rules.h): the consultant's decision */
	char *reason;
	char *at;
	char *by; /* who decided, when not the review's consultant; NULL */
};

struct review {
	char *by; /* the consultant's name */
	char *at; /* when the review was saved */
	struct review_change *changes;
	size_t n_changes;
	struct review_decision decision;
};

/* Accepts NULL; zeroes every string and answer before letting it go. */
void review_free(struct review *rv);
/* Whether reason is one a record can keep: one clean line of REVIEW_MIN_WORDS words or more,
 * at most REVIEW_REASON_MAX bytes. */
bool review_reason_ok(const char *reason);
/* Whether q's answer going from `from` to `to` is a change a review records, with a
 * reason: another answer than before, except the first answer to a consultant-only
 * question (the patient was never asked it). */
bool review_is_change(const struct question *q, const struct answer *from,
    const struct answer *to);
/* The change of question q that stands (the last one), or NULL. */
const struct review_change *review_change_of(const struct review *rv, size_t q);
/* The review a consultant leaves: every question whose answer now (now[q]) is a change
 * (review_is_change) from what was reported (patient[q]: the patient's answer, or
 * what an earlier review recorded) is one, with reasons[q] and times[q]; the
 * changes of an earlier review (prior, may be NULL) come first, as history; the decision is
 * copied (decision may be NULL: an earlier decision stands, with its consultant). Each
 * earlier change keeps its consultant. A changed question without a usable reason: NULL,
 * and *missing is its index; any other unusable input (a name, a time, a decision that the
 * reader would refuse): NULL, and *missing is SIZE_MAX. Owned by the caller (review_free). */
struct review *review_build(const struct questionnaire *qn, const struct answer *patient,
    const struct answer *now, const char *const *reasons, const char *const *times,
    const struct review *prior, const char *by, const char *at,
    const struct review_decision *decision, size_t *missing);
/* Appends the `review = { ... };` group of an answers file; nothing for NULL. */
void review_write(struct strbuf *out, const struct questionnaire *qn, const struct review *rv);

#endif
