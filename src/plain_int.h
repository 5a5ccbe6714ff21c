/* SPDX-License-Identifier: ISC */
/* What plain mode shares with its consultant's review part (plain_review.c): the state of
 * one run and the line-by-line primitives. Private to plain*.c. */
#ifndef SMPSCREEN_PLAIN_INT_H
#define SMPSCREEN_PLAIN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "smpscreen/session.h"
#include "smpscreen/strbuf.h"

enum step { STEP_NEXT, STEP_BACK, STEP_QUIT, STEP_EOF };

struct plain {
	struct session *s;
	const struct questionnaire *qn;
	FILE *in, *out;
	bool ascii;
	bool deleted; /* the patient chose to delete the answers when quitting */
	size_t last_section;
};

/* Prints to the run's output (ASCII when asked for). */
void plain_say(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A paragraph wrapped at 72 columns with a hanging indent. */
void plain_para(struct plain *p, const char *s, const char *first, const char *indent);
/* Zeroes a line the person typed before it is freed. */
void plain_line_free(char *line);
/* The next line typed at a prompt (caller frees with plain_line_free), or NULL: at the end
 * of input (*st is STEP_EOF), or after "q", when the person chose to stop (*st from the
 * quit question) or to stay (*st is STEP_NEXT: ask again). */
char *plain_read_reply(struct plain *p, enum step *st);

/* --- a consultant's review (plain_review.c) ---------------------------------------------- */

/* What is reviewed, how, and by whom (the name asked once, unless given). */
enum step plain_review_intro(struct plain *p);
/* Under question i: whose the answer is, or what it was before it was changed. */
void plain_review_reported(struct plain *p, size_t i);
/* Asks why question i was changed, when it needs saying (typed: the answer was just typed
 * again). STEP_NEXT once recorded or not needed, STEP_BACK for "<", STEP_QUIT, STEP_EOF. */
enum step plain_review_explain(struct plain *p, size_t i, bool typed);
/* Appends the review list's mark for question q to line. */
void plain_review_mark(struct plain *p, size_t q, struct strbuf *line);
/* The consultant's own decision, beside the computed result. */
enum step plain_review_decide(struct plain *p);

#endif
