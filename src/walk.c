#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "walk.h"
#include "smpscreen/xalloc.h"

void
walk_init(struct walk *w, const struct questionnaire *qn, bool consultant)
{
	size_t n = qn->n_questions ? qn->n_questions : 1;

	memset(w, 0, sizeof *w);
	w->a = answers_new(qn);
	w->memo = xcalloc(n, sizeof *w->memo);
	w->history = xcalloc(n, sizeof *w->history);
	w->consultant = consultant;
}

void
walk_free(struct walk *w)
{
	size_t i;

	if (w->a != NULL)
		for (i = 0; i < w->a->qn->n_questions; i++)
			answer_clear(&w->memo[i]);
	free(w->memo);
	free(w->history);
	answers_free(w->a);
	memset(w, 0, sizeof *w);
}

bool
walk_asked(const struct walk *w, size_t q)
{
	const struct question *qq = &w->a->qn->questions[q];

	return (qq->audience == AUDIENCE_PATIENT || w->consultant) && answers_is_shown(w->a, q);
}

void
walk_settle(struct walk *w)
{
	struct answer *eff = w->a->eff;
	size_t i;

	for (i = 0; i < w->a->qn->n_questions; i++) {
		if (answers_is_shown(w->a, i)) {
			if (eff[i].kind == ANSWER_ABSENT && w->memo[i].kind != ANSWER_ABSENT) {
				eff[i] = w->memo[i];
				memset(&w->memo[i], 0, sizeof w->memo[i]);
			}
		} else if (eff[i].kind != ANSWER_ABSENT) {
			answer_clear(&w->memo[i]);
			w->memo[i] = eff[i];
			memset(&eff[i], 0, sizeof eff[i]);
		}
	}
}

size_t
walk_next(struct walk *w, size_t from, bool only_missing)
{
	const struct question *q;
	size_t i, nq = w->a->qn->n_questions;

	walk_settle(w);
	for (i = from; i < nq; i++) {
		q = &w->a->qn->questions[i];
		if (!walk_asked(w, i))
			continue;
		if (only_missing && (w->a->eff[i].kind != ANSWER_ABSENT || !q->required))
			continue;
		return i;
	}
	return nq;
}

void
walk_push(struct walk *w, size_t q)
{
	if (w->n_history < w->a->qn->n_questions)
		w->history[w->n_history++] = q;
}

size_t
walk_back(struct walk *w)
{
	return w->n_history > 0 ? w->history[--w->n_history] : w->a->qn->n_questions;
}

size_t
walk_count(const struct walk *w, size_t q, size_t *before)
{
	size_t i, n = 0;

	*before = 0;
	for (i = 0; i < w->a->qn->n_questions; i++) {
		if (w->a->qn->questions[i].type == QTYPE_INFO || !walk_asked(w, i))
			continue;
		if (i < q)
			(*before)++;
		n++;
	}
	return n;
}
