/* SPDX-License-Identifier: ISC */
/* The walk of one consultation through show_if, kept up to date as answers change: which
 * questions are shown, the number the patient sees for each, which required ones are still
 * missing, and the most the consultation can still ask. Private to the core: the session's
 * bookkeeping, never seen by a front end. */
#ifndef SMPSCREEN_WALK_H
#define SMPSCREEN_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answer.h"
#include "smpscreen/questionnaire.h"

struct walk;

/* A walk over qn's questions for the answers eff, with memo the answers put aside (each an
 * array of qn->n_questions, borrowed: they must outlive the walk, and change only through
 * walk_changed or before walk_settle_all). consultant: the consultant-only questions are
 * asked too. Computes what is shown under eff as it is; call walk_settle_all when eff may
 * hold answers to questions that are not shown. Caller frees with walk_free. */
struct walk *walk_new(const struct questionnaire *qn, struct answer *eff, struct answer *memo,
    bool consultant);
/* Accepts NULL. */
void walk_free(struct walk *w);

/* Every show_if evaluated again, in questionnaire order: the answers of questions no longer
 * shown are put aside in memo (replacing what was there) and those put aside come back when
 * their question is shown again. For answers replaced wholesale (a draft, a review). */
void walk_settle_all(struct walk *w);
/* The answer to q was just replaced in eff. As walk_settle_all would, but evaluates only the
 * show_ifs that read an answer which changed: q's, then those of every question whose
 * answer comes or goes because of it, in questionnaire order. */
void walk_changed(struct walk *w, size_t q);

/* True when q is meant for this audience and its show_if holds for the answers before it. */
bool walk_asked(const struct walk *w, size_t q);
/* 1 + the questions asked before q, display-only items aside; 0 for a display-only item or a
 * question not asked. */
size_t walk_number(const struct walk *w, size_t q);
/* The first question at or after from that is asked and, when only_missing, required and
 * unanswered; the number of questions when there is none. */
size_t walk_next(const struct walk *w, size_t from, bool only_missing);
/* The last question before q that is asked; the number of questions when there is none. */
size_t walk_previous(const struct walk *w, size_t q);
/* session_progress (session.h): the questions the consultation can still ask, the
 * unanswered ones from q on taken as able to get any answer; *settled is false while one of
 * them may be asked or not. Work in proportion to what changed since the last call (the
 * answers, and the questions between the last q and this one). */
size_t walk_progress(struct walk *w, size_t q, bool *settled);
/* How many show_if evaluations the walk has made so far (two-valued or with questions open):
 * what the tests count to see that a change costs its dependants and no more. */
size_t walk_evaluations(const struct walk *w);

#endif
