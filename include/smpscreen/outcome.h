/* SPDX-License-Identifier: ISC */
/* The screening outcome: which rules fire on a set of answers, and what follows. */
#ifndef SMPSCREEN_OUTCOME_H
#define SMPSCREEN_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"

struct fired_rule {
	size_t rule;   /* index into ruleset.rules */
	size_t *trace; /* question indices, in questionnaire order, whose answers made it fire */
	size_t n_trace;
	bool has_date; /* COME_BACK_DATE */
	struct date date;
	char *condition; /* COME_BACK_CONDITION with settings substituted, owned */
};

struct outcome {
	struct date today;
	enum level suitability;
	enum patch patch;
	struct fired_rule *fired; /* in rules-file order */
	size_t n_fired;
	size_t *notes; /* note indices in catalogue order, no duplicates */
	size_t n_notes;
	size_t *refer_to; /* target indices in catalogue order, no duplicates */
	size_t n_refer_to;
	bool has_come_back;
	struct date come_back; /* latest date over fired deferrals with a date */
};

/* Evaluates every rule of rs on a's effective answers and s's values. Returns an outcome
 * owned by the caller (outcome_free). */
struct outcome *outcome_compute(const struct ruleset *rs, const struct answers *a,
    const struct settings *s, struct date today);
/* Accepts NULL. */
void outcome_free(struct outcome *oc);
/* A come-back condition text (in any language) with every "setting.NAME" replaced by the
 * setting's effective value; owned by the caller. */
char *outcome_fill(const char *text, const struct settings *s);

#endif
