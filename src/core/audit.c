/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/audit.h"
#include "smpscreen/i18n.h"
#include "smpscreen/outcome.h"
#include "smpscreen/xalloc.h"

/* Every rule fires in at least one case: a rule no case can fire is dead content, or a
 * condition that does not say what its author meant. */
static size_t
rules_fire(const struct ruleset *rs, struct screening_case *const *cases, size_t n,
    struct diag_list *dl)
{
	bool *fired = xcalloc(rs->n_rules + 1, sizeof *fired);
	struct outcome *oc;
	size_t i, k, bad = 0;

	for (i = 0; i < n; i++) {
		oc = outcome_compute(rs, cases[i]->answers, &cases[i]->settings, cases[i]->today);
		for (k = 0; k < oc->n_fired; k++)
			fired[oc->fired[k].rule] = true;
		outcome_free(oc);
	}
	for (i = 0; i < rs->n_rules; i++)
		if (!fired[i]) {
			diag_add(dl, DIAG_ERROR, rs->path, rs->rules[i].line,
			    _("rule '%s' fires in no golden case"), rs->rules[i].id);
			bad++;
		}
	free(fired);
	return bad;
}

/* Every question is shown to at least one case's answers. */
static size_t
questions_shown(const struct questionnaire *qn, struct screening_case *const *cases, size_t n,
    struct diag_list *dl)
{
	size_t i, q, bad = 0;
	bool seen;

	for (q = 0; q < qn->n_questions; q++) {
		for (i = 0, seen = false; i < n && !seen; i++)
			seen = answers_is_shown(cases[i]->answers, q);
		if (!seen) {
			diag_add(dl, DIAG_ERROR, qn->path, qn->questions[q].line,
			    _("question '%s' is shown in no golden case"), qn->questions[q].id);
			bad++;
		}
	}
	return bad;
}

static size_t
notes_and_sources(const struct ruleset *rs, struct diag_list *dl)
{
	bool *used = xcalloc(rs->n_notes + 1, sizeof *used);
	size_t i, k, bad = 0;

	for (i = 0; i < rs->n_rules; i++) {
		for (k = 0; k < rs->rules[i].n_notes; k++)
			used[rs->rules[i].notes[k]] = true;
		/* The loader already checked that cited tags resolve in the bibliography. */
		if (rs->rules[i].n_sources == 0 || rs->n_bibliography == 0) {
			diag_add(dl, DIAG_ERROR, rs->path, rs->rules[i].line,
			    rs->n_bibliography == 0 ?
			        _("rule '%s': its sources cannot be checked: the rules have no "
			          "bibliography") :
			        _("rule '%s' cites no source"),
			    rs->rules[i].id);
			bad++;
		}
	}
	for (i = 0; i < rs->n_notes; i++)
		if (!used[i]) {
			diag_add(dl, DIAG_ERROR, rs->path, rs->notes[i].line,
			    _("note '%s' is attached by no rule"), rs->notes[i].id);
			bad++;
		}
	free(used);
	return bad;
}

/*
 * For every case and every medical question it shows, the same answers with that question
 * answered "unknown" (and later answers settled to what is still shown) must not come out
 * "suitable": not knowing is never a clean bill of health (contract §3, DESIGN §4).
 */
static size_t
unknowns_never_suitable(const struct questionnaire *qn, const struct ruleset *rs,
    struct screening_case *const *cases, size_t n, struct diag_list *dl)
{
	struct answer unknown = { .kind = ANSWER_UNKNOWN };
	const struct question *qq;
	struct answers *a;
	struct outcome *oc;
	size_t i, q, k, bad = 0;
	bool *reported = xcalloc(qn->n_questions + 1, sizeof *reported);

	for (i = 0; i < n; i++) {
		for (q = 0; q < qn->n_questions; q++) {
			qq = &qn->questions[q];
			if (!qq->allow_unknown || qq->unknown_class != UNKNOWN_MEDICAL ||
			    reported[q] || !answers_is_shown(cases[i]->answers, q))
				continue;
			a = answers_new(qn);
			for (k = 0; k < qn->n_questions; k++)
				answers_set(a, k, &cases[i]->answers->eff[k]);
			answers_set(a, q, &unknown);
			answers_settle(a);
			oc = outcome_compute(rs, a, &cases[i]->settings, cases[i]->today);
			if (oc->suitability == LEVEL_SUITABLE) {
				diag_add(dl, DIAG_ERROR, cases[i]->path, cases[i]->line,
				    _("case '%s' with '%s' answered unknown comes out suitable; an "
				      "unknown medical answer must lead to at least caveats"),
				    cases[i]->title, qq->id);
				reported[q] = true;
				bad++;
			}
			outcome_free(oc);
			answers_free(a);
		}
	}
	free(reported);
	return bad;
}

/* Option values that say "does not apply": the first option of a list without "yes". */
static const char *const negative_values[] = { "no", "none", "never", NULL };

static bool
is_negative(const char *value)
{
	size_t i;

	for (i = 0; negative_values[i] != NULL; i++)
		if (strcmp(value, negative_values[i]) == 0)
			return true;
	return false;
}

/* The option that should come first under the order rule, or -1 when the rule leaves the
 * order free. */
static long
option_due_first(const struct question *q)
{
	long yes = questionnaire_find_option(q, "yes");
	size_t i;

	if (yes >= 0)
		return yes;
	for (i = 0; i < q->n_options; i++)
		if (is_negative(q->options[i].value))
			return (long)i;
	return -1;
}

size_t
audit_option_order(const struct questionnaire *qn, struct diag_list *dl)
{
	const struct question *q;
	size_t i, bad = 0;
	long first;

	for (i = 0; i < qn->n_questions; i++) {
		q = &qn->questions[i];
		if (q->type != QTYPE_SINGLE)
			continue;
		first = option_due_first(q);
		if (first > 0 && q->option_order_reason == NULL) {
			if (q->n_options == 2 && questionnaire_find_option(q, "no") == 0)
				diag_add(dl, DIAG_WARNING, qn->path, q->line,
				    _("question '%s' lists 'no' before 'yes'; yes/no questions "
				      "list Yes first, so that 1 means Yes on every page (or say "
				      "why in option_order_reason)"),
				    q->id);
			else
				diag_add(dl, DIAG_WARNING, qn->path, q->line,
				    _("question '%s' lists '%s' as option %ld, not first; %s "
				      "(or say why in option_order_reason)"),
				    q->id, q->options[first].value, first + 1,
				    strcmp(q->options[first].value, "yes") == 0 ?
				        _("a question with a 'yes' option lists it first") :
				        _("a choice without 'yes' lists its negative option "
				          "first"));
			bad++;
		} else if (first <= 0 && q->option_order_reason != NULL) {
			diag_add(dl, DIAG_WARNING, qn->path, q->line,
			    _("question '%s' has an option_order_reason, but its options "
			      "follow the order rule; remove the reason"),
			    q->id);
			bad++;
		}
	}
	return bad;
}

size_t
audit_content(const struct questionnaire *qn, const struct ruleset *rs,
    struct screening_case *const *cases, size_t n_cases, struct diag_list *dl)
{
	return rules_fire(rs, cases, n_cases, dl) + questions_shown(qn, cases, n_cases, dl) +
	    notes_and_sources(rs, dl) + unknowns_never_suitable(qn, rs, cases, n_cases, dl);
}
