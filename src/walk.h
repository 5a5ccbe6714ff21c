/* Walking a consultation, shared by the front ends: which questions are asked, answers
 * remembered while their question is hidden, and the trail for going back. */
#ifndef SMPSCREEN_WALK_H
#define SMPSCREEN_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"

struct walk {
	struct answers *a;   /* owned: the effective answers so far */
	struct answer *memo; /* answers of questions hidden again, restored if shown again */
	size_t *history;     /* questions answered, most recent last, for going back */
	size_t n_history;
	bool consultant;     /* ask the consultant-only questions too */
};

void walk_init(struct walk *w, const struct questionnaire *qn, bool consultant);
/* Wipes every answer from memory (a kiosk keeps nothing of one patient for the next). */
void walk_free(struct walk *w);
/* True when question q is shown by the answers before it and meant for this audience. */
bool walk_asked(const struct walk *w, size_t q);
/* Puts aside the answers of questions no longer shown and restores those shown again. */
void walk_settle(struct walk *w);
/* The first question at or after `from` that is asked and, when only_missing, still needs
 * an answer (required and unanswered); the number of questions when there is none. */
size_t walk_next(struct walk *w, size_t from, bool only_missing);
/* Records that q was answered, for walk_back. */
void walk_push(struct walk *w, size_t q);
/* The question answered before the current one, or the number of questions at the start. */
size_t walk_back(struct walk *w);
/* How many questions are asked with the current answers, and how many of them come before
 * q: for "question 5 of about 40". */
size_t walk_count(const struct walk *w, size_t q, size_t *before);

#endif
