/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jw.h"
#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * The JSON report is a contract for machines: keys are the contract's ids and values, never
 * translated labels, and they come in one fixed order so that two runs can be diffed.
 */

static void
jdate(struct jw *w, struct date d)
{
	char buf[11];

	date_format(d, buf);
	jw_str(w, buf);
}

/* An answer as the contract writes it in an answer file (§1 of the contract). */
static void
answer_value(struct jw *w, const struct question *q, const struct answer *v)
{
	size_t k;

	switch (v->kind) {
	case ANSWER_UNKNOWN:
		if (q->type != QTYPE_MULTI) {
			jw_str(w, ANSWER_UNKNOWN_VALUE);
			return;
		}
		jw_array(w);
		jw_str(w, ANSWER_UNKNOWN_VALUE);
		jw_array_end(w);
		return;
	case ANSWER_OPTION:
		jw_str(w, q->options[v->num].value);
		return;
	case ANSWER_OPTIONS:
		jw_array(w);
		for (k = 0; k < q->n_options; k++)
			if (v->set & (UINT64_C(1) << k))
				jw_str(w, q->options[k].value);
		jw_array_end(w);
		return;
	case ANSWER_INTEGER:
		jw_int(w, v->num);
		return;
	case ANSWER_TEXT:
		jw_str(w, v->text != NULL ? v->text : "");
		return;
	case ANSWER_ABSENT:
		break;
	}
	jw_null(w);
}

static void
setting_value(struct jw *w, const struct settings *st, size_t i)
{
	const struct setting_def *d = &st->defs->items[i];

	switch (d->type) {
	case SETTING_ENUM:
		jw_str(w, d->values[st->values[i]]);
		return;
	case SETTING_BOOLEAN:
		jw_bool(w, st->values[i] != 0);
		return;
	case SETTING_INTEGER:
		break;
	}
	jw_int(w, st->values[i]);
}

static void
kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

static void
kstr_or_null(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str_or_null(w, s);
}

static void
reason(struct jw *w, const struct report_input *in, const struct fired_rule *f)
{
	const struct rule *r = &in->rs->rules[f->rule];
	const struct question *q;
	size_t k;

	jw_object(w);
	kstr(w, "rule", r->id);
	kstr(w, "level", rules_level_name(r->level));
	kstr(w, "patch_test", rules_patch_name(r->patch));
	kstr_or_null(w, "reason", r->reason);
	jw_key(w, "come_back_after");
	if (f->has_date)
		jdate(w, f->date);
	else
		jw_null(w);
	jw_key(w, "answers");
	jw_array(w);
	for (k = 0; k < f->n_trace; k++) {
		q = &in->qn->questions[f->trace[k]];
		jw_object(w);
		kstr(w, "question", q->id);
		jw_key(w, "value");
		answer_value(w, q, &in->ans->eff[f->trace[k]]);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_object_end(w);
}

/*
 * The shape of the report: raised when a field is renamed, removed or changes meaning, never
 * for an added one, so that a reader can refuse a report it does not understand.
 */
#define FORMAT_VERSION 1

/* Who the client is, as the answers file gives it: only the fields given; nothing when none. */
static void
client(struct jw *w, const struct answers_meta *m)
{
	if (m->client_name == NULL && m->client_reference == NULL &&
	    m->client_date_of_birth == NULL)
		return;
	jw_key(w, "client");
	jw_object(w);
	if (m->client_name != NULL)
		kstr(w, "name", m->client_name);
	if (m->client_reference != NULL)
		kstr(w, "reference", m->client_reference);
	if (m->client_date_of_birth != NULL)
		kstr(w, "date_of_birth", m->client_date_of_birth);
	jw_object_end(w);
}

/*
 * What the report is about and what made it, ahead of the outcome: a reader of many reports
 * (a clinic's records system) files each one by these before it looks at anything else.
 */
static void
envelope(struct jw *w, const struct report_input *in)
{
	const struct answers_meta *m = &in->ans->meta;
	char buf[32];
	const char *id = answers_record_id(in->ans, buf);

	jw_key(w, "format_version");
	jw_int(w, FORMAT_VERSION);
	jw_key(w, "program");
	jw_object(w);
	kstr(w, "name", PACKAGE_NAME);
	kstr(w, "version", PACKAGE_VERSION);
	jw_object_end(w);
	/* Answers from nowhere have no id: null rather than an empty id a reader might file. */
	kstr_or_null(w, "record_id", *id != '\0' ? id : NULL);
	kstr_or_null(w, "created_at", m->created_at);
	/* A file that does not say how it was taken was not taken by our front ends. */
	kstr(w, "mode", m->mode != NULL ? m->mode : "batch");
	kstr_or_null(w, "consultant", m->consultant);
	client(w, m);
	kstr_or_null(w, "source", in->answers_path);
}

static void
id_text(struct jw *w, const char *key, const char *id, const char *text)
{
	jw_object(w);
	kstr(w, key, id);
	kstr(w, "text", text);
	jw_object_end(w);
}

/*
 * What the text report says, in its language, beside the ids above (which stay the
 * contract's, whatever the language): a records system shows these to people and files by
 * the ids. Items with no translation are in English and listed.
 */
static void
texts(struct jw *w, const struct report_input *in, const struct ctext *tx)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	struct strbuf sb = { .secret = true };
	size_t i;
	char *cond;

	jw_object(w);
	kstr(w, "suitability", report_level_phrase(oc->suitability));
	kstr(w, "patch_test", report_patch_phrase(oc->patch));
	jw_key(w, "notes");
	jw_array(w);
	for (i = 0; i < oc->n_notes; i++)
		id_text(w, "id", rs->notes[oc->notes[i]].id, ctext_note(tx, oc->notes[i]));
	jw_array_end(w);
	jw_key(w, "refer_to");
	jw_array(w);
	for (i = 0; i < oc->n_refer_to; i++)
		id_text(w, "id", rs->targets[oc->refer_to[i]].id,
		    ctext_target(tx, oc->refer_to[i]));
	jw_array_end(w);
	jw_key(w, "reasons");
	jw_array(w);
	for (i = 0; i < oc->n_fired; i++)
		if (ctext_reason(tx, oc->fired[i].rule) != NULL)
			id_text(w, "rule", rs->rules[oc->fired[i].rule].id,
			    ctext_reason(tx, oc->fired[i].rule));
	jw_array_end(w);
	jw_key(w, "defer_conditions");
	jw_array(w);
	for (i = 0; i < oc->n_fired; i++) {
		if (oc->fired[i].condition == NULL)
			continue;
		cond = outcome_fill(ctext_condition(tx, oc->fired[i].rule), in->st);
		id_text(w, "rule", rs->rules[oc->fired[i].rule].id, cond);
		free(cond);
	}
	jw_array_end(w);
	jw_key(w, "answers");
	jw_object(w);
	for (i = 0; i < in->qn->n_questions; i++) {
		if (in->ans->eff[i].kind == ANSWER_ABSENT)
			continue;
		sb_reset(&sb);
		answer_format_text(&in->qn->questions[i], ctext_question(tx, i), &in->ans->eff[i],
		    &sb);
		jw_key(w, in->qn->questions[i].id);
		jw_object(w);
		kstr(w, "question", ctext_question(tx, i)->text);
		kstr(w, "answer", sb_str(&sb));
		jw_object_end(w);
	}
	jw_object_end(w);
	sb_free(&sb);
	jw_key(w, "shown_in_english");
	jw_array(w);
	for (i = 0; i < in->qn->n_questions; i++)
		if (in->ans->eff[i].kind != ANSWER_ABSENT && ctext_fell_back(tx, CI_QUESTION, i))
			id_text(w, "question", in->qn->questions[i].id,
			    ctext_question(tx, i)->text);
	for (i = 0; i < oc->n_fired; i++)
		if (ctext_fell_back(tx, CI_RULE, oc->fired[i].rule))
			id_text(w, "rule", rs->rules[oc->fired[i].rule].id,
			    ctext_reason(tx, oc->fired[i].rule) != NULL ?
			        ctext_reason(tx, oc->fired[i].rule) :
			        "");
	for (i = 0; i < oc->n_notes; i++)
		if (ctext_fell_back(tx, CI_NOTE, oc->notes[i]))
			id_text(w, "note", rs->notes[oc->notes[i]].id,
			    ctext_note(tx, oc->notes[i]));
	for (i = 0; i < oc->n_refer_to; i++)
		if (ctext_fell_back(tx, CI_TARGET, oc->refer_to[i]))
			id_text(w, "refer_to", rs->targets[oc->refer_to[i]].id,
			    ctext_target(tx, oc->refer_to[i]));
	jw_array_end(w);
	jw_object_end(w);
}

/* An answer as the answers file writes it, or null for none. */
static void
value_or_null(struct jw *w, const struct question *q, const struct answer *v)
{
	if (v->kind == ANSWER_ABSENT)
		jw_null(w);
	else
		answer_value(w, q, v);
}

/* The consultant's review, with the same content as the text report: null when none. */
static void
review(struct jw *w, const struct report_input *in)
{
	const struct review *rv = in->ans->review;
	size_t i;

	if (rv == NULL) {
		jw_null(w);
		return;
	}
	jw_object(w);
	kstr(w, "by", rv->by);
	kstr(w, "at", rv->at);
	jw_key(w, "changes");
	jw_array(w);
	for (i = 0; i < rv->n_changes; i++) {
		const struct review_change *ch = &rv->changes[i];
		const struct question *q = &in->qn->questions[ch->question];

		jw_object(w);
		kstr(w, "question", q->id);
		jw_key(w, "from");
		value_or_null(w, q, &ch->from);
		jw_key(w, "to");
		value_or_null(w, q, &ch->to);
		kstr(w, "reason", ch->reason);
		kstr(w, "at", ch->at);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "decision");
	if (rv->decision.set) {
		jw_object(w);
		kstr(w, "suitability", rules_level_name((enum level)rv->decision.level));
		kstr(w, "reason", rv->decision.reason);
		kstr(w, "at", rv->decision.at);
		jw_object_end(w);
	} else
		jw_null(w);
	jw_object_end(w);
}

/* A version that a file gives, or null (0: none given). */
static void
version_or_null(struct jw *w, int version)
{
	if (version > 0)
		jw_int(w, version);
	else
		jw_null(w);
}

/* What the answers file says it was screened under when saved: null when it does not. */
static void
saved_under(struct jw *w, const struct answers_meta *m)
{
	if (m->questionnaire_sha256 == NULL && m->rules_sha256 == NULL && m->rules_id == NULL &&
	    m->questionnaire_version == 0 && m->rules_version == 0) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_key(w, "questionnaire");
	jw_object(w);
	jw_key(w, "version");
	version_or_null(w, m->questionnaire_version);
	kstr_or_null(w, "sha256", m->questionnaire_sha256);
	jw_object_end(w);
	jw_key(w, "rules");
	jw_object(w);
	kstr_or_null(w, "id", m->rules_id);
	jw_key(w, "version");
	version_or_null(w, m->rules_version);
	kstr_or_null(w, "sha256", m->rules_sha256);
	jw_object_end(w);
	jw_object_end(w);
}

/* {"id", "version", "sha256"}: what names a questionnaire or rules file in every report. */
static void
ident(struct jw *w, const char *key, const char *id, int version, const char *sha256)
{
	jw_key(w, key);
	jw_object(w);
	kstr(w, "id", id);
	jw_key(w, "version");
	jw_int(w, version);
	kstr(w, "sha256", sha256);
	jw_object_end(w);
}

/* Appends the report to out, as jansson dumped it with JSON_INDENT(indent) (0:
 * JSON_COMPACT), and a newline. */
static void
write_report(struct strbuf *out, const struct report_input *in, unsigned indent)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	const struct questionnaire *qn = in->qn;
	const struct fired_rule *f;
	const struct rule *r;
	long wait = settings_find(in->st->defs, "patch_test_wait_hours");
	struct ctext *english = in->tx != NULL ? NULL : ctext_english(in->qn, in->rs);
	const struct ctext *tx = in->tx != NULL ? in->tx : english;
	struct jw jw, *w = &jw;
	size_t i;

	jw_init(w, out, indent, 0);
	jw_object(w);
	envelope(w, in);
	kstr(w, "language", ctext_language(tx));
	kstr(w, "suitability", rules_level_name(oc->suitability));
	kstr(w, "patch_test", rules_patch_name(oc->patch));
	jw_key(w, "patch_test_wait_hours");
	if (wait >= 0)
		jw_int(w, in->st->values[wait]);
	else
		jw_null(w);

	jw_key(w, "notes");
	jw_array(w);
	for (i = 0; i < oc->n_notes; i++)
		jw_str(w, rs->notes[oc->notes[i]].id);
	jw_array_end(w);

	jw_key(w, "refer_to");
	jw_array(w);
	for (i = 0; i < oc->n_refer_to; i++)
		jw_str(w, rs->targets[oc->refer_to[i]].id);
	jw_array_end(w);

	jw_key(w, "come_back_after");
	if (oc->has_come_back)
		jdate(w, oc->come_back);
	else
		jw_null(w);

	jw_key(w, "defer_conditions");
	jw_array(w);
	for (i = 0; i < oc->n_fired; i++) {
		f = &oc->fired[i];
		if (f->condition == NULL)
			continue;
		jw_object(w);
		kstr(w, "rule", rs->rules[f->rule].id);
		kstr(w, "condition", f->condition);
		jw_object_end(w);
	}
	jw_array_end(w);

	jw_key(w, "fired");
	jw_array(w);
	for (i = 0; i < oc->n_fired; i++)
		jw_str(w, rs->rules[oc->fired[i].rule].id);
	jw_array_end(w);

	jw_key(w, "reasons");
	jw_array(w);
	for (i = 0; i < oc->n_fired; i++)
		if (rs->rules[oc->fired[i].rule].level != LEVEL_SUITABLE)
			reason(w, in, &oc->fired[i]);
	jw_array_end(w);

	jw_key(w, "patch_test_reasons");
	jw_array(w);
	for (i = 0; i < oc->n_fired; i++) {
		r = &rs->rules[oc->fired[i].rule];
		if (r->patch == PATCH_NOT_NEEDED)
			continue;
		jw_object(w);
		kstr(w, "rule", r->id);
		kstr(w, "patch_test", rules_patch_name(r->patch));
		kstr_or_null(w, "reason", r->reason);
		jw_object_end(w);
	}
	jw_array_end(w);

	jw_key(w, "answers");
	jw_object(w);
	for (i = 0; i < qn->n_questions; i++)
		if (in->ans->eff[i].kind != ANSWER_ABSENT) {
			jw_key(w, qn->questions[i].id);
			answer_value(w, &qn->questions[i], &in->ans->eff[i]);
		}
	jw_object_end(w);

	jw_key(w, "ignored_answers");
	jw_array(w);
	for (i = 0; i < in->ans->n_ignored; i++)
		jw_str(w, in->ans->ignored[i].id);
	jw_array_end(w);

	ident(w, "questionnaire", qn->id, qn->version, qn->sha256);
	ident(w, "rules", rs->id, rs->version, rs->sha256);
	jw_key(w, "today");
	jdate(w, oc->today);

	jw_key(w, "settings");
	jw_object(w);
	for (i = 0; i < in->st->defs->n; i++) {
		jw_key(w, in->st->defs->items[i].id);
		setting_value(w, in->st, i);
	}
	jw_object_end(w);
	jw_key(w, "review");
	review(w, in);
	jw_key(w, "saved_under");
	saved_under(w, &in->ans->meta);
	jw_key(w, "texts");
	texts(w, in, tx);
	jw_object_end(w);
	jw_finish(w);
	sb_appendc(out, '\n');
	ctext_free(english);
}

void
report_write_json(struct strbuf *out, const struct report_input *in)
{
	write_report(out, in, 2);
}

void
report_write_jsonl(struct strbuf *out, const struct report_input *in)
{
	/* Every newline inside a string is escaped, so the object cannot span lines. */
	write_report(out, in, 0);
}
