/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * The JSON report is a contract for machines: keys are the contract's ids and values, never
 * translated labels, and they come in one fixed order so that two runs can be diffed.
 */

/* jansson fails only when memory runs out; treat that like xmalloc does. */
static _Noreturn void
oom(void)
{
	/* Not translated: gettext may itself need memory here. */
	fputs("smpscreen: out of memory (json)\n", stderr);
	abort();
}

static json_t *
must(json_t *j)
{
	if (j == NULL)
		oom();
	return j;
}

/*
 * Every string goes through text_sanitize: json_string() refuses invalid UTF-8, and a C1
 * control would pass jansson's escaping untouched into whatever later prints the report.
 */
static json_t *
jstr(const char *s)
{
	char *clean;
	json_t *j;

	/* Nearly every string (ids, values, our own texts) is clean and valid UTF-8 already:
	 * checked, not copied, and jansson need not validate it a second time. */
	if (text_is_clean(s, true))
		return must(json_string_nocheck(s));
	clean = text_sanitize(s, strlen(s), 0, true);
	j = must(json_string_nocheck(clean));
	free(clean);
	return j;
}

static json_t *
jstr_or_null(const char *s)
{
	return s != NULL ? jstr(s) : must(json_null());
}

static json_t *
jdate(struct date d)
{
	char buf[11];

	date_format(d, buf);
	return jstr(buf);
}

static void
set(json_t *obj, const char *key, json_t *value)
{
	if (json_object_set_new(obj, key, value) != 0)
		oom();
}

static void
push(json_t *arr, json_t *value)
{
	if (json_array_append_new(arr, value) != 0)
		oom();
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
			return jstr(ANSWER_UNKNOWN_VALUE);
		arr = must(json_array());
		push(arr, jstr(ANSWER_UNKNOWN_VALUE));
		return arr;
	case ANSWER_OPTION:
		return jstr(q->options[v->num].value);
	case ANSWER_OPTIONS:
		arr = must(json_array());
		for (k = 0; k < q->n_options; k++)
			if (v->set & (UINT64_C(1) << k))
				push(arr, jstr(q->options[k].value));
		return arr;
	case ANSWER_INTEGER:
		return must(json_integer(v->num));
	case ANSWER_TEXT:
		return jstr(v->text != NULL ? v->text : "");
	case ANSWER_ABSENT:
		break;
	}
	return must(json_null());
}

static json_t *
ident(const char *id, int version, const char *sha256)
{
	json_t *o = must(json_object());

	set(o, "id", jstr(id));
	set(o, "version", must(json_integer(version)));
	set(o, "sha256", jstr(sha256));
	return o;
}

static json_t *
setting_value(const struct settings *st, size_t i)
{
	const struct setting_def *d = &st->defs->items[i];

	switch (d->type) {
	case SETTING_ENUM:
		return jstr(d->values[st->values[i]]);
	case SETTING_BOOLEAN:
		return must(json_boolean(st->values[i] != 0));
	case SETTING_INTEGER:
		break;
	}
	return must(json_integer(st->values[i]));
}

static json_t *
reason(const struct report_input *in, const struct fired_rule *f)
{
	const struct rule *r = &in->rs->rules[f->rule];
	const struct question *q;
	json_t *o = must(json_object()), *answers = must(json_array()), *a;
	size_t k;

	set(o, "rule", jstr(r->id));
	set(o, "level", jstr(rules_level_name(r->level)));
	set(o, "patch_test", jstr(rules_patch_name(r->patch)));
	set(o, "reason", jstr_or_null(r->reason));
	set(o, "come_back_after", f->has_date ? jdate(f->date) : must(json_null()));
	for (k = 0; k < f->n_trace; k++) {
		q = &in->qn->questions[f->trace[k]];
		a = must(json_object());
		set(a, "question", jstr(q->id));
		set(a, "value", answer_value(q, &in->ans->eff[f->trace[k]]));
		push(answers, a);
	}
	set(o, "answers", answers);
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
	o = must(json_object());
	if (m->client_name != NULL)
		set(o, "name", jstr(m->client_name));
	if (m->client_reference != NULL)
		set(o, "reference", jstr(m->client_reference));
	if (m->client_date_of_birth != NULL)
		set(o, "date_of_birth", jstr(m->client_date_of_birth));
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
	json_t *o = must(json_object()), *c;
	char buf[32];
	const char *id = answers_record_id(in->ans, buf);

	set(root, "format_version", must(json_integer(FORMAT_VERSION)));
	set(o, "name", jstr(PACKAGE_NAME));
	set(o, "version", jstr(PACKAGE_VERSION));
	set(root, "program", o);
	/* Answers from nowhere have no id: null rather than an empty id a reader might file. */
	set(root, "record_id", *id != '\0' ? jstr(id) : must(json_null()));
	set(root, "created_at", jstr_or_null(m->created_at));
	/* A file that does not say how it was taken was not taken by our front ends. */
	set(root, "mode", jstr(m->mode != NULL ? m->mode : "batch"));
	set(root, "consultant", jstr_or_null(m->consultant));
	if ((c = client(m)) != NULL)
		set(root, "client", c);
	set(root, "source", jstr_or_null(in->answers_path));
}

static json_t *
build(const struct report_input *in)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	const struct questionnaire *qn = in->qn;
	const struct fired_rule *f;
	const struct rule *r;
	json_t *root = must(json_object()), *arr, *o;
	long wait = settings_find(in->st->defs, "patch_test_wait_hours");
	size_t i;

	envelope(root, in);
	set(root, "suitability", jstr(rules_level_name(oc->suitability)));
	set(root, "patch_test", jstr(rules_patch_name(oc->patch)));
	set(root, "patch_test_wait_hours",
	    wait >= 0 ? must(json_integer(in->st->values[wait])) : must(json_null()));

	arr = must(json_array());
	for (i = 0; i < oc->n_notes; i++)
		push(arr, jstr(rs->notes[oc->notes[i]].id));
	set(root, "notes", arr);

	arr = must(json_array());
	for (i = 0; i < oc->n_refer_to; i++)
		push(arr, jstr(rs->targets[oc->refer_to[i]].id));
	set(root, "refer_to", arr);

	set(root, "come_back_after", oc->has_come_back ? jdate(oc->come_back) : must(json_null()));

	arr = must(json_array());
	for (i = 0; i < oc->n_fired; i++) {
		f = &oc->fired[i];
		if (f->condition == NULL)
			continue;
		o = must(json_object());
		set(o, "rule", jstr(rs->rules[f->rule].id));
		set(o, "condition", jstr(f->condition));
		push(arr, o);
	}
	set(root, "defer_conditions", arr);

	arr = must(json_array());
	for (i = 0; i < oc->n_fired; i++)
		push(arr, jstr(rs->rules[oc->fired[i].rule].id));
	set(root, "fired", arr);

	arr = must(json_array());
	for (i = 0; i < oc->n_fired; i++)
		if (rs->rules[oc->fired[i].rule].level != LEVEL_SUITABLE)
			push(arr, reason(in, &oc->fired[i]));
	set(root, "reasons", arr);

	arr = must(json_array());
	for (i = 0; i < oc->n_fired; i++) {
		r = &rs->rules[oc->fired[i].rule];
		if (r->patch == PATCH_NOT_NEEDED)
			continue;
		o = must(json_object());
		set(o, "rule", jstr(r->id));
		set(o, "patch_test", jstr(rules_patch_name(r->patch)));
		set(o, "reason", jstr_or_null(r->reason));
		push(arr, o);
	}
	set(root, "patch_test_reasons", arr);

	o = must(json_object());
	for (i = 0; i < qn->n_questions; i++)
		if (in->ans->eff[i].kind != ANSWER_ABSENT)
			set(o, qn->questions[i].id,
			    answer_value(&qn->questions[i], &in->ans->eff[i]));
	set(root, "answers", o);

	arr = must(json_array());
	for (i = 0; i < in->ans->n_ignored; i++)
		push(arr, jstr(in->ans->ignored[i].id));
	set(root, "ignored_answers", arr);

	set(root, "questionnaire", ident(qn->id, qn->version, qn->sha256));
	set(root, "rules", ident(rs->id, rs->version, rs->sha256));
	set(root, "today", jdate(oc->today));

	o = must(json_object());
	for (i = 0; i < in->st->defs->n; i++)
		set(o, in->st->defs->items[i].id, setting_value(in->st, i));
	set(root, "settings", o);
	return root;
}

static void
dump(struct strbuf *out, const struct report_input *in, size_t flags)
{
	json_t *root = build(in);
	char *s;

	/* UTF-8 as is (no JSON_ENSURE_ASCII): the strings were sanitised on the way in. */
	/* Jansson >= 2.8 always keeps insertion order, so the fixed key order needs no flag
	 * (JSON_PRESERVE_ORDER would only sort by insertion serial again, per object). */
	s = json_dumps(root, flags);
	if (s == NULL)
		oom();
	sb_append(out, s);
	sb_appendc(out, '\n');
	free(s);
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
