/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jout.h"
#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * The JSON report is a contract for machines: keys are the contract's ids and values, never
 * translated labels, and they come in one fixed order so that two runs can be diffed.
 */

static json_t *
jdate(struct date d)
{
	char buf[11];

	date_format(d, buf);
	return jout_str(buf);
}

/* An answer as the contract writes it in an answer file (§1 of the contract). */
static json_t *
answer_value(const struct question *q, const struct answer *v)
{
	json_t *arr;
	size_t k;

	switch (v->kind) {
	case ANSWER_UNKNOWN:
		if (q->type != QTYPE_MULTI)
			return jout_str(ANSWER_UNKNOWN_VALUE);
		arr = jout_must(json_array());
		jout_push(arr, jout_str(ANSWER_UNKNOWN_VALUE));
		return arr;
	case ANSWER_OPTION:
		return jout_str(q->options[v->num].value);
	case ANSWER_OPTIONS:
		arr = jout_must(json_array());
		for (k = 0; k < q->n_options; k++)
			if (v->set & (UINT64_C(1) << k))
				jout_push(arr, jout_str(q->options[k].value));
		return arr;
	case ANSWER_INTEGER:
		return jout_must(json_integer(v->num));
	case ANSWER_TEXT:
		return jout_str(v->text != NULL ? v->text : "");
	case ANSWER_ABSENT:
		break;
	}
	return jout_must(json_null());
}

static json_t *
setting_value(const struct settings *st, size_t i)
{
	const struct setting_def *d = &st->defs->items[i];

	switch (d->type) {
	case SETTING_ENUM:
		return jout_str(d->values[st->values[i]]);
	case SETTING_BOOLEAN:
		return jout_must(json_boolean(st->values[i] != 0));
	case SETTING_INTEGER:
		break;
	}
	return jout_must(json_integer(st->values[i]));
}

static json_t *
reason(const struct report_input *in, const struct fired_rule *f)
{
	const struct rule *r = &in->rs->rules[f->rule];
	const struct question *q;
	json_t *o = jout_must(json_object()), *answers = jout_must(json_array()), *a;
	size_t k;

	jout_set(o, "rule", jout_str(r->id));
	jout_set(o, "level", jout_str(rules_level_name(r->level)));
	jout_set(o, "patch_test", jout_str(rules_patch_name(r->patch)));
	jout_set(o, "reason", jout_str_or_null(r->reason));
	jout_set(o, "come_back_after", f->has_date ? jdate(f->date) : jout_must(json_null()));
	for (k = 0; k < f->n_trace; k++) {
		q = &in->qn->questions[f->trace[k]];
		a = jout_must(json_object());
		jout_set(a, "question", jout_str(q->id));
		jout_set(a, "value", answer_value(q, &in->ans->eff[f->trace[k]]));
		jout_push(answers, a);
	}
	jout_set(o, "answers", answers);
	return o;
}

/*
 * The shape of the report: raised when a field is renamed, removed or changes meaning, never
 * for an added one, so that a reader can refuse a report it does not understand.
 */
#define FORMAT_VERSION 1

/* Who the client is, as the answers file gives it: only the fields given; NULL when none. */
static json_t *
client(const struct answers_meta *m)
{
	json_t *o;

	if (m->client_name == NULL && m->client_reference == NULL &&
	    m->client_date_of_birth == NULL)
		return NULL;
	o = jout_must(json_object());
	if (m->client_name != NULL)
		jout_set(o, "name", jout_str(m->client_name));
	if (m->client_reference != NULL)
		jout_set(o, "reference", jout_str(m->client_reference));
	if (m->client_date_of_birth != NULL)
		jout_set(o, "date_of_birth", jout_str(m->client_date_of_birth));
	return o;
}

/*
 * What the report is about and what made it, ahead of the outcome: a reader of many reports
 * (a clinic's records system) files each one by these before it looks at anything else.
 */
static void
envelope(json_t *root, const struct report_input *in)
{
	const struct answers_meta *m = &in->ans->meta;
	json_t *o = jout_must(json_object()), *c;
	char buf[32];
	const char *id = answers_record_id(in->ans, buf);

	jout_set(root, "format_version", jout_must(json_integer(FORMAT_VERSION)));
	jout_set(o, "name", jout_str(PACKAGE_NAME));
	jout_set(o, "version", jout_str(PACKAGE_VERSION));
	jout_set(root, "program", o);
	/* Answers from nowhere have no id: null rather than an empty id a reader might file. */
	jout_set(root, "record_id", *id != '\0' ? jout_str(id) : jout_must(json_null()));
	jout_set(root, "created_at", jout_str_or_null(m->created_at));
	/* A file that does not say how it was taken was not taken by our front ends. */
	jout_set(root, "mode", jout_str(m->mode != NULL ? m->mode : "batch"));
	jout_set(root, "consultant", jout_str_or_null(m->consultant));
	if ((c = client(m)) != NULL)
		jout_set(root, "client", c);
	jout_set(root, "source", jout_str_or_null(in->answers_path));
}

static json_t *
id_text(const char *key, const char *id, const char *text)
{
	json_t *o = jout_must(json_object());

	jout_set(o, key, jout_str(id));
	jout_set(o, "text", jout_str(text));
	return o;
}

/*
 * What the text report says, in its language, beside the ids above (which stay the
 * contract's, whatever the language): a records system shows these to people and files by
 * the ids. Items with no translation are in English and listed.
 */
static json_t *
texts(const struct report_input *in, const struct ctext *tx)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	json_t *o = jout_must(json_object()), *arr, *a;
	struct strbuf sb = { .secret = true };
	size_t i;
	char *cond;

	jout_set(o, "suitability", jout_str(report_level_phrase(oc->suitability)));
	jout_set(o, "patch_test", jout_str(report_patch_phrase(oc->patch)));
	arr = jout_must(json_array());
	for (i = 0; i < oc->n_notes; i++)
		jout_push(arr, id_text("id", rs->notes[oc->notes[i]].id, ctext_note(tx, oc->notes[i])));
	jout_set(o, "notes", arr);
	arr = jout_must(json_array());
	for (i = 0; i < oc->n_refer_to; i++)
		jout_push(arr, id_text("id", rs->targets[oc->refer_to[i]].id,
		                   ctext_target(tx, oc->refer_to[i])));
	jout_set(o, "refer_to", arr);
	arr = jout_must(json_array());
	for (i = 0; i < oc->n_fired; i++)
		if (ctext_reason(tx, oc->fired[i].rule) != NULL)
			jout_push(arr, id_text("rule", rs->rules[oc->fired[i].rule].id,
			                   ctext_reason(tx, oc->fired[i].rule)));
	jout_set(o, "reasons", arr);
	arr = jout_must(json_array());
	for (i = 0; i < oc->n_fired; i++) {
		if (oc->fired[i].condition == NULL)
			continue;
		cond = outcome_fill(ctext_condition(tx, oc->fired[i].rule), in->st);
		jout_push(arr, id_text("rule", rs->rules[oc->fired[i].rule].id, cond));
		free(cond);
	}
	jout_set(o, "defer_conditions", arr);
	a = jout_must(json_object());
	for (i = 0; i < in->qn->n_questions; i++) {
		json_t *q;

		if (in->ans->eff[i].kind == ANSWER_ABSENT)
			continue;
		q = jout_must(json_object());
		sb_reset(&sb);
		answer_format_text(&in->qn->questions[i], ctext_question(tx, i), &in->ans->eff[i], &sb);
		jout_set(q, "question", jout_str(ctext_question(tx, i)->text));
		jout_set(q, "answer", jout_str(sb_str(&sb)));
		jout_set(a, in->qn->questions[i].id, q);
	}
	jout_set(o, "answers", a);
	sb_free(&sb);
	arr = jout_must(json_array());
	for (i = 0; i < in->qn->n_questions; i++)
		if (in->ans->eff[i].kind != ANSWER_ABSENT && ctext_fell_back(tx, CI_QUESTION, i))
			jout_push(arr, id_text("question", in->qn->questions[i].id,
			                   ctext_question(tx, i)->text));
	for (i = 0; i < oc->n_fired; i++)
		if (ctext_fell_back(tx, CI_RULE, oc->fired[i].rule))
			jout_push(arr, id_text("rule", rs->rules[oc->fired[i].rule].id,
			                   ctext_reason(tx, oc->fired[i].rule) != NULL ?
			                       ctext_reason(tx, oc->fired[i].rule) :
			                       ""));
	for (i = 0; i < oc->n_notes; i++)
		if (ctext_fell_back(tx, CI_NOTE, oc->notes[i]))
			jout_push(arr,
			    id_text("note", rs->notes[oc->notes[i]].id, ctext_note(tx, oc->notes[i])));
	for (i = 0; i < oc->n_refer_to; i++)
		if (ctext_fell_back(tx, CI_TARGET, oc->refer_to[i]))
			jout_push(arr, id_text("refer_to", rs->targets[oc->refer_to[i]].id,
			                   ctext_target(tx, oc->refer_to[i])));
	jout_set(o, "shown_in_english", arr);
	return o;
}

/* An answer as the answers file writes it, or null for none. */
static json_t *
value_or_null(const struct question *q, const struct answer *v)
{
	return v->kind == ANSWER_ABSENT ? jout_must(json_null()) : answer_value(q, v);
}

/* The consultant's review, with the same content as the text report: null when none. */
static json_t *
review(const struct report_input *in)
{
	const struct review *rv = in->ans->review;
	json_t *o, *arr, *c, *d;
	size_t i;

	if (rv == NULL)
		return jout_must(json_null());
	o = jout_must(json_object());
	jout_set(o, "by", jout_str(rv->by));
	jout_set(o, "at", jout_str(rv->at));
	arr = jout_must(json_array());
	for (i = 0; i < rv->n_changes; i++) {
		const struct review_change *ch = &rv->changes[i];
		const struct question *q = &in->qn->questions[ch->question];

		c = jout_must(json_object());
		jout_set(c, "question", jout_str(q->id));
		jout_set(c, "from", value_or_null(q, &ch->from));
		jout_set(c, "to", value_or_null(q, &ch->to));
		jout_set(c, "reason", jout_str(ch->reason));
		jout_set(c, "at", jout_str(ch->at));
		jout_push(arr, c);
	}
	jout_set(o, "changes", arr);
	if (rv->decision.set) {
		d = jout_must(json_object());
		jout_set(d, "suitability", jout_str(rules_level_name((enum level)rv->decision.level)));
		jout_set(d, "reason", jout_str(rv->decision.reason));
		jout_set(d, "at", jout_str(rv->decision.at));
		jout_set(o, "decision", d);
	} else
		jout_set(o, "decision", jout_must(json_null()));
	return o;
}

/* What the answers file says it was screened under when saved: null when it does not. */
static json_t *
saved_under(const struct answers_meta *m)
{
	json_t *o, *q, *r;

	if (m->questionnaire_sha256 == NULL && m->rules_sha256 == NULL && m->rules_id == NULL &&
	    m->questionnaire_version == 0 && m->rules_version == 0)
		return jout_must(json_null());
	o = jout_must(json_object());
	q = jout_must(json_object());
	jout_set(q, "version", m->questionnaire_version > 0 ?
	        jout_must(json_integer(m->questionnaire_version)) :
	        jout_must(json_null()));
	jout_set(q, "sha256", jout_str_or_null(m->questionnaire_sha256));
	jout_set(o, "questionnaire", q);
	r = jout_must(json_object());
	jout_set(r, "id", jout_str_or_null(m->rules_id));
	jout_set(r, "version",
	    m->rules_version > 0 ? jout_must(json_integer(m->rules_version)) : jout_must(json_null()));
	jout_set(r, "sha256", jout_str_or_null(m->rules_sha256));
	jout_set(o, "rules", r);
	return o;
}

static json_t *
build(const struct report_input *in)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	const struct questionnaire *qn = in->qn;
	const struct fired_rule *f;
	const struct rule *r;
	json_t *root = jout_must(json_object()), *arr, *o;
	long wait = settings_find(in->st->defs, "patch_test_wait_hours");
	struct ctext *english = in->tx != NULL ? NULL : ctext_english(in->qn, in->rs);
	const struct ctext *tx = in->tx != NULL ? in->tx : english;
	size_t i;

	envelope(root, in);
	jout_set(root, "language", jout_str(ctext_language(tx)));
	jout_set(root, "suitability", jout_str(rules_level_name(oc->suitability)));
	jout_set(root, "patch_test", jout_str(rules_patch_name(oc->patch)));
	jout_set(root, "patch_test_wait_hours",
	    wait >= 0 ? jout_must(json_integer(in->st->values[wait])) : jout_must(json_null()));

	arr = jout_must(json_array());
	for (i = 0; i < oc->n_notes; i++)
		jout_push(arr, jout_str(rs->notes[oc->notes[i]].id));
	jout_set(root, "notes", arr);

	arr = jout_must(json_array());
	for (i = 0; i < oc->n_refer_to; i++)
		jout_push(arr, jout_str(rs->targets[oc->refer_to[i]].id));
	jout_set(root, "refer_to", arr);

	jout_set(root, "come_back_after",
	    oc->has_come_back ? jdate(oc->come_back) : jout_must(json_null()));

	arr = jout_must(json_array());
	for (i = 0; i < oc->n_fired; i++) {
		f = &oc->fired[i];
		if (f->condition == NULL)
			continue;
		o = jout_must(json_object());
		jout_set(o, "rule", jout_str(rs->rules[f->rule].id));
		jout_set(o, "condition", jout_str(f->condition));
		jout_push(arr, o);
	}
	jout_set(root, "defer_conditions", arr);

	arr = jout_must(json_array());
	for (i = 0; i < oc->n_fired; i++)
		jout_push(arr, jout_str(rs->rules[oc->fired[i].rule].id));
	jout_set(root, "fired", arr);

	arr = jout_must(json_array());
	for (i = 0; i < oc->n_fired; i++)
		if (rs->rules[oc->fired[i].rule].level != LEVEL_SUITABLE)
			jout_push(arr, reason(in, &oc->fired[i]));
	jout_set(root, "reasons", arr);

	arr = jout_must(json_array());
	for (i = 0; i < oc->n_fired; i++) {
		r = &rs->rules[oc->fired[i].rule];
		if (r->patch == PATCH_NOT_NEEDED)
			continue;
		o = jout_must(json_object());
		jout_set(o, "rule", jout_str(r->id));
		jout_set(o, "patch_test", jout_str(rules_patch_name(r->patch)));
		jout_set(o, "reason", jout_str_or_null(r->reason));
		jout_push(arr, o);
	}
	jout_set(root, "patch_test_reasons", arr);

	o = jout_must(json_object());
	for (i = 0; i < qn->n_questions; i++)
		if (in->ans->eff[i].kind != ANSWER_ABSENT)
			jout_set(o, qn->questions[i].id,
			    answer_value(&qn->questions[i], &in->ans->eff[i]));
	jout_set(root, "answers", o);

	arr = jout_must(json_array());
	for (i = 0; i < in->ans->n_ignored; i++)
		jout_push(arr, jout_str(in->ans->ignored[i].id));
	jout_set(root, "ignored_answers", arr);

	jout_set(root, "questionnaire", jout_ident(qn->id, qn->version, qn->sha256));
	jout_set(root, "rules", jout_ident(rs->id, rs->version, rs->sha256));
	jout_set(root, "today", jdate(oc->today));

	o = jout_must(json_object());
	for (i = 0; i < in->st->defs->n; i++)
		jout_set(o, in->st->defs->items[i].id, setting_value(in->st, i));
	jout_set(root, "settings", o);
	jout_set(root, "review", review(in));
	jout_set(root, "saved_under", saved_under(&in->ans->meta));
	jout_set(root, "texts", texts(in, tx));
	ctext_free(english);
	return root;
}

static void
dump(struct strbuf *out, const struct report_input *in, size_t flags)
{
	json_t *root;

	jout_begin();
	root = build(in);

	jout_dump(out, root, flags);
	json_decref(root);
}

void
report_write_json(struct strbuf *out, const struct report_input *in)
{
	dump(out, in, JSON_INDENT(2));
}

void
report_write_jsonl(struct strbuf *out, const struct report_input *in)
{
	/* jansson escapes every newline inside a string, so the object cannot span lines. */
	dump(out, in, JSON_COMPACT);
}
