/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "smpscreen/ascii.h"
#include "smpscreen/outcome.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

char *
outcome_fill(const char *text, const struct settings *s)
{
	struct strbuf sb = { 0 };
	const char *p = text, *hit, *start;
	char *name;
	long i;

	while ((hit = strstr(p, "setting.")) != NULL) {
		sb_appendn(&sb, p, (size_t)(hit - p));
		start = hit + strlen("setting.");
		for (p = start; ascii_is_alnum((unsigned char)*p) || *p == '_'; p++)
			;
		name = xstrndup(start, (size_t)(p - start));
		if ((i = settings_find(s->defs, name)) >= 0)
			settings_format_value(s, (size_t)i, &sb);
		else
			sb_appendn(&sb, hit, (size_t)(p - hit));
		free(name);
	}
	sb_append(&sb, p);
	return sb_detach(&sb);
}

static bool
come_back_date(const struct rule *r, const struct answers *a, const struct settings *s,
    struct date today, struct date *out)
{
	const struct answer *v = &a->eff[r->come_back.question];
	long n;

	/* The rule's condition normally guarantees an integer answer below the setting. */
	if (v->kind != ANSWER_INTEGER)
		return false;
	n = s->values[r->come_back.setting] - v->num;
	switch (r->come_back.unit) {
	case UNIT_DAYS:
		*out = date_add_days(today, n);
		break;
	case UNIT_MONTHS:
		*out = date_add_months(today, n);
		break;
	case UNIT_YEARS:
		*out = date_add_years(today, n);
		break;
	}
	return true;
}

static int
by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* Records rule ri as fired, its trace the n questions in list (marked, in any order). The
 * fired list grows as rules fire (cap: its room): a consultation fires a tenth of the rules,
 * and zeroing room for all of them was a tenth of the outcome's cost per file. */
static void
fire(struct outcome *oc, size_t *cap, const struct ruleset *rs, size_t ri, const struct answers *a,
    const struct settings *s, const size_t *list, size_t n)
{
	const struct rule *r = &rs->rules[ri];
	struct fired_rule *f;

	if (oc->n_fired == *cap) {
		*cap = *cap != 0 ? *cap * 2 : 8;
		oc->fired = xreallocarray(oc->fired, *cap, sizeof *oc->fired);
	}
	f = &oc->fired[oc->n_fired++];
	*f = (struct fired_rule){ .rule = ri };
	/* Only as long as the trace: a rule names a few questions of however many there are. */
	f->trace = xreallocarray(NULL, n ? n : 1, sizeof *f->trace);
	memcpy(f->trace, list, n * sizeof *list);
	qsort(f->trace, n, sizeof *f->trace, by_index);
	f->n_trace = n;
	if (r->come_back.kind == COME_BACK_DATE)
		f->has_date = come_back_date(r, a, s, oc->today, &f->date);
	else if (r->come_back.kind == COME_BACK_CONDITION)
		f->condition = outcome_fill(r->come_back.condition, s);
	if (r->level > oc->suitability)
		oc->suitability = r->level;
	if (r->patch > oc->patch)
		oc->patch = r->patch;
	if (f->has_date && (!oc->has_come_back || date_compare(f->date, oc->come_back) > 0)) {
		oc->come_back = f->date;
		oc->has_come_back = true;
	}
}

/*
 * Every rule's trace is marked in one array as long as the questionnaire, allocated once;
 * the questions a rule marks are listed as they are marked, and only those are cleared
 * after it. Clearing or scanning the whole array for every rule would cost rules times
 * questions: with 100 times the bundled content, a thousand times the work.
 */
struct outcome *
outcome_compute(const struct ruleset *rs, const struct answers *a, const struct settings *s,
    struct date today)
{
	struct outcome *oc = xcalloc(1, sizeof *oc);
	struct expr_env env = { .answers = a->eff, .settings = s->values };
	size_t nq = a->qn->n_questions, i, k, n, cap = 0;
	unsigned char *mark = xcalloc(nq ? nq : 1, 1);
	/* Written before it is read: expr_eval_trace_list lists what it marks. */
	size_t *list = xreallocarray(NULL, nq ? nq : 1, sizeof *list);
	unsigned char *note_on = xcalloc(rs->n_notes ? rs->n_notes : 1, 1);
	unsigned char *target_on = xcalloc(rs->n_targets ? rs->n_targets : 1, 1);
	const struct rule *r;
	bool fired;

	oc->today = today;
	oc->suitability = LEVEL_SUITABLE;
	oc->patch = PATCH_NOT_NEEDED;
	for (i = 0; i < rs->n_rules; i++) {
		r = &rs->rules[i];
		fired = expr_eval_trace_list(r->when, &env, mark, list, &n);
		for (k = 0; k < n; k++)
			mark[list[k]] = 0;
		if (!fired)
			continue;
		fire(oc, &cap, rs, i, a, s, list, n);
		for (k = 0; k < r->n_notes; k++)
			note_on[r->notes[k]] = 1;
		for (k = 0; k < r->n_refer_to; k++)
			target_on[r->refer_to[k]] = 1;
	}
	/* Catalogue order is the display order (safety, expectations, logistics). */
	oc->notes = xcalloc(rs->n_notes ? rs->n_notes : 1, sizeof *oc->notes);
	for (i = 0; i < rs->n_notes; i++)
		if (note_on[i])
			oc->notes[oc->n_notes++] = i;
	oc->refer_to = xcalloc(rs->n_targets ? rs->n_targets : 1, sizeof *oc->refer_to);
	for (i = 0; i < rs->n_targets; i++)
		if (target_on[i])
			oc->refer_to[oc->n_refer_to++] = i;
	free(mark);
	free(list);
	free(note_on);
	free(target_on);
	return oc;
}

void
outcome_free(struct outcome *oc)
{
	size_t i;

	if (oc == NULL)
		return;
	for (i = 0; i < oc->n_fired; i++) {
		free(oc->fired[i].trace);
		free(oc->fired[i].condition);
	}
	free(oc->fired);
	free(oc->notes);
	free(oc->refer_to);
	free(oc);
}
