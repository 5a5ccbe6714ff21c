/* SPDX-License-Identifier: ISC */
/*
 * The `review` group of an answers file:
 *
 *	review = {
 *	  by = "A. Consultant"; at = "2026-12-07T10:15:02+01:00";
 *	  changes = ( { question = "scar_age_months"; from = 6; to = 14;
 *	                reason = "The scar was checked in person"; at = "..."; } );
 *	  decision = { suitability = "defer"; reason = "..."; at = "..."; };
 *	};
 *
 * The answers group holds what the consultant recorded; each change keeps what the patient
 * had said. The last change of a question must agree with the answers, or the record
 * contradicts itself: that is an error at the change's line, like any other bad input.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answers_int.h"
#include "smpscreen/ascii.h"
#include "smpscreen/i18n.h"
#include "smpscreen/review.h"
#include "smpscreen/rules.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

static const char *const review_keys[] = { "by", "at", "changes", "decision", NULL };
static const char *const change_keys[] = { "question", "from", "to", "reason", "at", "by",
	NULL };
static const char *const decision_keys[] = { "suitability", "reason", "at", "by", NULL };

static void
wipe(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
	free(s);
}

void
review_free(struct review *rv)
{
	size_t i;

	if (rv == NULL)
		return;
	for (i = 0; i < rv->n_changes; i++) {
		answer_clear(&rv->changes[i].from);
		answer_clear(&rv->changes[i].to);
		wipe(rv->changes[i].reason);
		wipe(rv->changes[i].at);
		wipe(rv->changes[i].by);
	}
	free(rv->changes);
	wipe(rv->decision.reason);
	wipe(rv->decision.at);
	wipe(rv->decision.by);
	wipe(rv->by);
	wipe(rv->at);
	free(rv);
}

bool
review_reason_ok(const char *reason)
{
	size_t words = 0;
	const char *p;

	if (reason == NULL || strlen(reason) > REVIEW_REASON_MAX || !text_is_clean(reason, false))
		return false;
	for (p = reason; *p != '\0'; p++)
		if (!ascii_is_space((unsigned char)*p) &&
		    (p == reason || ascii_is_space((unsigned char)p[-1])))
			words++;
	return words >= REVIEW_MIN_WORDS;
}

const struct review_change *
review_change_of(const struct review *rv, size_t q)
{
	size_t i;

	for (i = rv != NULL ? rv->n_changes : 0; i > 0; i--)
		if (rv->changes[i - 1].question == q)
			return &rv->changes[i - 1];
	return NULL;
}

/* A reason and a time, as both a change and a decision need them. */
static void
read_reason_at(struct cfg_ctx *cx, const config_setting_t *g, const char *owner, char **reason,
    char **at)
{
	const char *r = cfg_string(cx, g, "reason", true, owner);

	if (r != NULL && !review_reason_ok(r))
		cfg_error(cx, cfg_line(config_setting_get_member(g, "reason")),
		    _("%s: the reason must say why in at least %d words, on one line of at most %d "
		      "bytes"),
		    owner, REVIEW_MIN_WORDS, REVIEW_REASON_MAX);
	else if (r != NULL)
		*reason = xstrdup(r);
	answers_read_meta(cx, g, "at", owner, at);
	if (*at == NULL)
		cfg_error(cx, cfg_line(g), _("%s: 'at' (when, as YYYY-MM-DDTHH:MM:SS+HH:MM) is missing"),
		    owner);
	else if (!answers_valid_timestamp(*at))
		cfg_error(cx, cfg_line(config_setting_get_member(g, "at")),
		    _("%s: 'at' must be a time as YYYY-MM-DDTHH:MM:SS+HH:MM (or Z), not '%s'"), owner,
		    *at);
}

/* The same answer: compared as an answers file writes them. */
static bool
same_answer(const struct question *q, const struct answer *a, const struct answer *b)
{
	struct strbuf x = { .secret = true }, y = { .secret = true };
	bool same;

	if (a->kind == ANSWER_ABSENT || b->kind == ANSWER_ABSENT)
		return a->kind == b->kind;
	answers_write_value(&x, q, a);
	answers_write_value(&y, q, b);
	same = strcmp(sb_str(&x), sb_str(&y)) == 0;
	sb_free(&x);
	sb_free(&y);
	return same;
}

bool
review_is_change(const struct question *q, const struct answer *from, const struct answer *to)
{
	/* The consultant-only questions a patient never sees are the consultant's to answer,
	 * not to correct. */
	if (q->type == QTYPE_INFO ||
	    (q->audience == AUDIENCE_CONSULTANT && from->kind == ANSWER_ABSENT))
		return false;
	return !same_answer(q, from, to);
}

static void
read_change(struct cfg_ctx *cx, const config_setting_t *g, const struct questionnaire *qn,
    struct review *rv)
{
	struct review_change c = { .line = cfg_line(g) };
	const config_setting_t *s;
	const char *id;
	long q;

	if (!config_setting_is_group(g)) {
		cfg_error(cx, cfg_line(g),
		    _("review: each change is a group: { question = \"...\"; from = ...; to = ...; "
		      "reason = \"...\"; at = \"...\"; }"));
		return;
	}
	cfg_check_keys(cx, g, change_keys, _("review change"));
	if ((id = cfg_string(cx, g, "question", true, _("review change"))) == NULL)
		return;
	if ((q = questionnaire_find(qn, id)) < 0 || qn->questions[q].type == QTYPE_INFO) {
		cfg_error(cx, cfg_line(config_setting_get_member(g, "question")),
		    q < 0 ? _("review change: unknown question '%s'") :
		            _("review change: '%s' is information, with no answer to change"),
		    id);
		return;
	}
	c.question = (size_t)q;
	if ((s = config_setting_get_member(g, "from")) != NULL)
		answers_read_value(cx, s, &qn->questions[q], &c.from);
	if ((s = config_setting_get_member(g, "to")) != NULL)
		answers_read_value(cx, s, &qn->questions[q], &c.to);
	if (same_answer(&qn->questions[q], &c.from, &c.to))
		cfg_error(cx, c.line, _("review change of '%s': from and to are the same answer"), id);
	read_reason_at(cx, g, _("review change"), &c.reason, &c.at);
	answers_read_meta(cx, g, "by", _("review change"), &c.by);
	if (rv->n_changes == REVIEW_MAX_CHANGES)
		cfg_error(cx, c.line, _("review: more than %d changes"), REVIEW_MAX_CHANGES);
	if (rv->n_changes >= REVIEW_MAX_CHANGES) {
		answer_clear(&c.from);
		answer_clear(&c.to);
		wipe(c.reason);
		wipe(c.at);
		wipe(c.by);
		return;
	}
	rv->changes = xreallocarray(rv->changes, rv->n_changes + 1, sizeof *rv->changes);
	rv->changes[rv->n_changes++] = c;
}

static void
read_decision(struct cfg_ctx *cx, const config_setting_t *g, struct review *rv)
{
	const char *level;
	enum level l;

	if (!config_setting_is_group(g)) {
		cfg_error(cx, cfg_line(g),
		    _("review: expected a group: decision = { suitability = \"...\"; reason = "
		      "\"...\"; at = \"...\"; };"));
		return;
	}
	cfg_check_keys(cx, g, decision_keys, _("review decision"));
	if ((level = cfg_string(cx, g, "suitability", true, _("review decision"))) != NULL) {
		if (rules_level_parse(level, &l) != 0)
			cfg_error(cx, cfg_line(config_setting_get_member(g, "suitability")),
			    _("review decision: suitability must be suitable, caveats, refer, defer or "
			      "unsuitable, not '%s'"),
			    level);
		else
			rv->decision.level = (int)l;
	}
	read_reason_at(cx, g, _("review decision"), &rv->decision.reason, &rv->decision.at);
	answers_read_meta(cx, g, "by", _("review decision"), &rv->decision.by);
	rv->decision.set = true;
}

/* The answers hold what the consultant recorded: the last change of each question must say
 * the same, or the file contradicts itself. */
static void
check_against_answers(struct cfg_ctx *cx, const struct review *rv, const struct answers *a)
{
	const struct questionnaire *qn = a->qn;
	size_t i;

	/* One pass over the changes, remembering each question's latest: a change starts from
	 * what the one before it recorded, and the last agrees with the answers. */
	const struct review_change **last = xcalloc(qn->n_questions + 1, sizeof *last);

	for (i = 0; i < rv->n_changes; i++) {
		const struct review_change *c = &rv->changes[i], *p = last[c->question];

		if (p != NULL && !same_answer(&qn->questions[c->question], &c->from, &p->to))
			cfg_error(cx, c->line,
			    _("review change of '%s': 'from' is not what the change before it "
			      "recorded"),
			    qn->questions[c->question].id);
		last[c->question] = c;
	}
	for (i = 0; i < rv->n_changes; i++) {
		const struct review_change *c = &rv->changes[i];

		if (last[c->question] != c ||
		    same_answer(&qn->questions[c->question], &c->to, &a->eff[c->question]))
			continue;
		cfg_error(cx, c->line,
		    _("review change of '%s': 'to' is not what the answers record for it (the "
		      "answers hold the reviewed values)"),
		    qn->questions[c->question].id);
	}
	free(last);
}

void
review_read(struct cfg_ctx *cx, const config_setting_t *root, struct answers *a)
{
	const config_setting_t *g = config_setting_get_member(root, "review"), *list;
	struct review *rv;
	size_t i, before = cx->errors;

	if (g == NULL)
		return;
	if (!config_setting_is_group(g)) {
		cfg_error(cx, cfg_line(g),
		    _("expected a group: review = { by = \"...\"; at = \"...\"; changes = ( ... ); "
		      "decision = { ... }; };"));
		return;
	}
	rv = xcalloc(1, sizeof *rv);
	cfg_check_keys(cx, g, review_keys, _("review"));
	answers_read_meta(cx, g, "by", _("review"), &rv->by);
	answers_read_meta(cx, g, "at", _("review"), &rv->at);
	if (rv->by == NULL || rv->at == NULL)
		cfg_error(cx, cfg_line(g), _("review: 'by' (the consultant) and 'at' (when) are both "
		                             "needed"));
	else if (!answers_valid_timestamp(rv->at))
		cfg_error(cx, cfg_line(config_setting_get_member(g, "at")),
		    _("review 'at' must be a time as YYYY-MM-DDTHH:MM:SS+HH:MM (or Z), not '%s'"),
		    rv->at);
	if ((list = config_setting_get_member(g, "changes")) != NULL) {
		if (!config_setting_is_list(list))
			cfg_error(cx, cfg_line(list),
			    _("review: changes is a list: changes = ( { ... }, { ... } );"));
		else
			for (i = 0; i < (size_t)config_setting_length(list); i++)
				read_change(cx, config_setting_get_elem(list, (unsigned)i), a->qn, rv);
	}
	if ((g = config_setting_get_member(g, "decision")) != NULL)
		read_decision(cx, g, rv);
	if (cx->errors == before)
		check_against_answers(cx, rv, a);
	review_free(a->review);
	a->review = rv;
}

static void
add_change(struct review *rv, size_t q, const struct answer *from, const struct answer *to,
    const char *reason, const char *at, const char *by)
{
	struct review_change *c;

	rv->changes = xreallocarray(rv->changes, rv->n_changes + 1, sizeof *rv->changes);
	c = &rv->changes[rv->n_changes++];
	memset(c, 0, sizeof *c);
	c->question = q;
	answer_copy(&c->from, from);
	answer_copy(&c->to, to);
	c->reason = xstrdup(reason);
	c->at = xstrdup(at);
	c->by = by != NULL && strcmp(by, rv->by) != 0 ? xstrdup(by) : NULL;
}

static bool
time_ok(const char *at)
{
	return at != NULL && answers_valid_timestamp(at);
}

struct review *
review_build(const struct questionnaire *qn, const struct answer *patient,
    const struct answer *now, const char *const *reasons, const char *const *times,
    const struct review *prior, const char *by, const char *at,
    const struct review_decision *decision, size_t *missing)
{
	struct review *rv;
	size_t i;

	/* Nothing goes into a record that its reader would refuse: that would make the whole
	 * consultation unreadable. */
	*missing = SIZE_MAX;
	if (!answers_meta_ok(by) || !time_ok(at) ||
	    (decision != NULL && decision->set &&
	        (!review_reason_ok(decision->reason) || !time_ok(decision->at) ||
	            decision->level < LEVEL_SUITABLE || decision->level > LEVEL_UNSUITABLE)))
		return NULL;
	rv = xcalloc(1, sizeof *rv);
	rv->by = xstrdup(by);
	rv->at = xstrdup(at);
	/* Earlier changes keep whoever made them. */
	for (i = 0; prior != NULL && i < prior->n_changes; i++)
		add_change(rv, prior->changes[i].question, &prior->changes[i].from,
		    &prior->changes[i].to, prior->changes[i].reason, prior->changes[i].at,
		    prior->changes[i].by != NULL ? prior->changes[i].by : prior->by);
	for (i = 0; i < qn->n_questions; i++) {
		if (!review_is_change(&qn->questions[i], &patient[i], &now[i]))
			continue;
		if (!review_reason_ok(reasons[i]) || !time_ok(times[i])) {
			*missing = i;
			review_free(rv);
			return NULL;
		}
		add_change(rv, i, &patient[i], &now[i], reasons[i], times[i], by);
	}
	if (decision != NULL && decision->set) {
		rv->decision.set = true;
		rv->decision.level = decision->level;
		rv->decision.reason = xstrdup(decision->reason);
		rv->decision.at = xstrdup(decision->at);
	} else if (prior != NULL && prior->decision.set) {
		/* An earlier decision stands, under its consultant's name. */
		rv->decision.set = true;
		rv->decision.level = prior->decision.level;
		rv->decision.reason = xstrdup(prior->decision.reason);
		rv->decision.at = xstrdup(prior->decision.at);
		by = prior->decision.by != NULL ? prior->decision.by : prior->by;
		rv->decision.by = strcmp(by, rv->by) != 0 ? xstrdup(by) : NULL;
	}
	return rv;
}

static void
member(struct strbuf *out, const char *indent, const char *key, const char *value)
{
	sb_printf(out, "%s%s = ", indent, key);
	answers_write_string(out, value);
	sb_append(out, ";");
}

void
review_write(struct strbuf *out, const struct questionnaire *qn, const struct review *rv)
{
	size_t i;

	if (rv == NULL)
		return;
	sb_append(out, "review = {\n");
	member(out, "  ", "by", rv->by);
	sb_appendc(out, '\n');
	member(out, "  ", "at", rv->at);
	sb_appendc(out, '\n');
	if (rv->n_changes > 0) {
		sb_append(out, "  changes = (\n");
		for (i = 0; i < rv->n_changes; i++) {
			const struct review_change *c = &rv->changes[i];
			const struct question *q = &qn->questions[c->question];

			sb_append(out, "    {");
			member(out, " ", "question", q->id);
			if (c->from.kind != ANSWER_ABSENT) {
				sb_append(out, " from = ");
				answers_write_value(out, q, &c->from);
				sb_append(out, ";");
			}
			if (c->to.kind != ANSWER_ABSENT) {
				sb_append(out, " to = ");
				answers_write_value(out, q, &c->to);
				sb_append(out, ";");
			}
			sb_append(out, "\n     ");
			member(out, " ", "reason", c->reason);
			member(out, " ", "at", c->at);
			if (c->by != NULL)
				member(out, " ", "by", c->by);
			sb_append(out, i + 1 < rv->n_changes ? " },\n" : " }\n");
		}
		sb_append(out, "  );\n");
	}
	if (rv->decision.set) {
		sb_append(out, "  decision = {");
		member(out, " ", "suitability", rules_level_name((enum level)rv->decision.level));
		member(out, " ", "reason", rv->decision.reason);
		member(out, " ", "at", rv->decision.at);
		if (rv->decision.by != NULL)
			member(out, " ", "by", rv->decision.by);
		sb_append(out, " };\n");
	}
	sb_append(out, "};\n");
}
