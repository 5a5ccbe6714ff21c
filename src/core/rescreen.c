/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "smpscreen/rescreen.h"
#include "smpscreen/xalloc.h"

/*
 * A clinic that changes a threshold, a rule or the questionnaire needs to know which saved
 * screenings that changes before it switches. The same answers are screened under both
 * contents on the same date, and only what a clinic acts on is compared: the suitability,
 * the patch test and the come-back date. Rules are matched by id across the two rules
 * files, never by position, since a new rules file may add, drop or reorder them.
 */

const char *
rescreen_kind_name(enum rescreen_kind k)
{
	switch (k) {
	case RESCREEN_SAME:
		return "same";
	case RESCREEN_STRICTER:
		return "stricter";
	case RESCREEN_LESS_STRICT:
		return "less_strict";
	case RESCREEN_PATCH_TEST:
		return "patch_test";
	case RESCREEN_COME_BACK:
		return "come_back";
	case RESCREEN_NOT_ACCEPTED:
		return "not_accepted";
	case RESCREEN_N_KINDS:
		break;
	}
	return "";
}

static struct rescreen_outcome
compared(const struct outcome *oc)
{
	struct rescreen_outcome o = { .suitability = oc->suitability,
		.patch = oc->patch,
		.has_come_back = oc->has_come_back,
		.come_back = oc->come_back };

	return o;
}

static struct rescreen_effect
effect(const struct ruleset *rs, const struct fired_rule *f)
{
	const struct rule *r = &rs->rules[f->rule];
	struct rescreen_effect e = { .level = r->level,
		.patch = r->patch,
		.has_date = f->has_date,
		.date = f->date };

	return e;
}

/* True when a rule firing or not can move the compared outcome. */
static bool
matters(struct rescreen_effect e)
{
	return e.level != LEVEL_SUITABLE || e.patch != PATCH_NOT_NEEDED || e.has_date;
}

static bool
same_effect(struct rescreen_effect a, struct rescreen_effect b)
{
	if (a.level != b.level || a.patch != b.patch || a.has_date != b.has_date)
		return false;
	return !a.has_date || date_compare(a.date, b.date) == 0;
}

static bool
same_outcome(const struct rescreen_outcome *a, const struct rescreen_outcome *b)
{
	if (a->suitability != b->suitability || a->patch != b->patch ||
	    a->has_come_back != b->has_come_back)
		return false;
	return !a->has_come_back || date_compare(a->come_back, b->come_back) == 0;
}

/* The fired rule of oc whose rule in rs has this id, or NULL. */
static const struct fired_rule *
fired_by_id(const struct ruleset *rs, const struct outcome *oc, const char *id)
{
	size_t i;

	for (i = 0; i < oc->n_fired; i++)
		if (strcmp(rs->rules[oc->fired[i].rule].id, id) == 0)
			return &oc->fired[i];
	return NULL;
}

static void
add_rule(struct rescreen_rule **list, size_t *n, const char *id, struct rescreen_effect old,
    struct rescreen_effect new)
{
	struct rescreen_rule *r;

	/* At most one entry per fired rule: grown one at a time, the lists are short. */
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	r = &(*list)[(*n)++];
	r->id = xstrdup(id);
	r->old = old;
	r->new = new;
}

/* Fills the three rule lists of c from the two outcomes. */
static void
diff_rules(struct rescreen_change *c, const struct ruleset *ors, const struct outcome *ooc,
    const struct ruleset *nrs, const struct outcome *noc)
{
	static const struct rescreen_effect none = { .level = LEVEL_SUITABLE,
		.patch = PATCH_NOT_NEEDED };
	const struct fired_rule *f, *g;
	struct rescreen_effect oe, ne;
	const char *id;
	size_t i;

	for (i = 0; i < noc->n_fired; i++) {
		f = &noc->fired[i];
		id = nrs->rules[f->rule].id;
		ne = effect(nrs, f);
		if ((g = fired_by_id(ors, ooc, id)) == NULL) {
			if (matters(ne))
				add_rule(&c->fires_now, &c->n_fires_now, id, none, ne);
			continue;
		}
		oe = effect(ors, g);
		if (!same_effect(oe, ne))
			add_rule(&c->changed, &c->n_changed, id, oe, ne);
	}
	for (i = 0; i < ooc->n_fired; i++) {
		f = &ooc->fired[i];
		id = ors->rules[f->rule].id;
		oe = effect(ors, f);
		if (fired_by_id(nrs, noc, id) == NULL && matters(oe))
			add_rule(&c->no_longer, &c->n_no_longer, id, oe, none);
	}
}

static enum rescreen_kind
kind_of(const struct rescreen_outcome *o, const struct rescreen_outcome *n)
{
	if (n->suitability > o->suitability)
		return RESCREEN_STRICTER;
	if (n->suitability < o->suitability)
		return RESCREEN_LESS_STRICT;
	if (n->patch != o->patch)
		return RESCREEN_PATCH_TEST;
	return same_outcome(o, n) ? RESCREEN_SAME : RESCREEN_COME_BACK;
}

/* Moves the records of from into to, in line order (records on one line keep theirs), and
 * leaves from empty. */
static void
take_messages(struct diag_list *to, struct diag_list *from)
{
	struct diag d;
	size_t i, j;

	*to = *from;
	memset(from, 0, sizeof *from);
	for (i = 1; i < to->n; i++) {
		d = to->items[i];
		for (j = i; j > 0 && to->items[j - 1].line > d.line; j--)
			to->items[j] = to->items[j - 1];
		to->items[j] = d;
	}
}

struct rescreen_change *
rescreen_compare(const char *source, const struct content *old, const struct answers *old_answers,
    const struct content *new, const struct answers *new_answers, struct diag_list *new_messages,
    struct date today)
{
	struct rescreen_change *c = xcalloc(1, sizeof *c);
	struct outcome *ooc = outcome_compute(old->rs, old_answers, &old->st, today);
	struct outcome *noc;

	c->source = xstrdup(source);
	c->old = compared(ooc);
	if (old_answers->meta.rules_sha256 != NULL) {
		c->saved_rules_id = xstrdup(old_answers->meta.rules_id);
		c->saved_rules_sha256 = xstrdup(old_answers->meta.rules_sha256);
		c->saved_rules_version = old_answers->meta.rules_version;
	}
	if (new_answers == NULL) {
		c->kind = RESCREEN_NOT_ACCEPTED;
		if (new_messages != NULL)
			take_messages(&c->messages, new_messages);
		outcome_free(ooc);
		return c;
	}
	noc = outcome_compute(new->rs, new_answers, &new->st, today);
	c->new = compared(noc);
	c->kind = kind_of(&c->old, &c->new);
	diff_rules(c, old->rs, ooc, new->rs, noc);
	outcome_free(ooc);
	outcome_free(noc);
	return c;
}

int
rescreen_file(struct rescreen_change **out, const char *path, const struct content *old,
    const struct content *new, struct date today, struct diag_list *dl)
{
	struct answers *oa = NULL, *na = NULL;
	struct diag_list refused = { 0 };

	*out = NULL;
	if (answers_load(&oa, path, old->qn, dl) != 0)
		return -1;
	/* The new content's refusal is part of the result, not an error of the run. */
	if (answers_load(&na, path, new->qn, &refused) != 0)
		na = NULL;
	*out = rescreen_compare(path, old, oa, new, na, &refused, today);
	diag_clear(&refused);
	answers_free(oa);
	answers_free(na);
	return 0;
}

void
rescreen_change_free(struct rescreen_change *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n_fires_now; i++)
		free(c->fires_now[i].id);
	for (i = 0; i < c->n_no_longer; i++)
		free(c->no_longer[i].id);
	for (i = 0; i < c->n_changed; i++)
		free(c->changed[i].id);
	free(c->fires_now);
	free(c->no_longer);
	free(c->changed);
	diag_clear(&c->messages);
	free(c->saved_rules_id);
	free(c->saved_rules_sha256);
	free(c->source);
	free(c);
}

void
rescreen_count(struct rescreen_summary *s, const struct rescreen_change *c)
{
	s->screened++;
	if (c->kind == RESCREEN_SAME)
		return;
	s->changed++;
	s->by_kind[c->kind]++;
}
