/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <assert.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"
#include "jout.h"
#include "jw.h"
#include "sha256.h"
#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * FHIR R4 for a receiving EHR: the screening as a Bundle (collection) of a
 * QuestionnaireResponse and a RiskAssessment, and the questionnaire as a Questionnaire.
 * Codes are the contract's ids and option values; the texts are the questionnaire's own, in
 * the language of its file, never translated at run time, so that the same inputs always
 * give the same bytes. Keys come in the order of the R4 element definitions.
 */

#define SUITABILITY_SYSTEM "https://smpscreen.org/fhir/CodeSystem/suitability"
#define PATCH_SYSTEM "https://smpscreen.org/fhir/CodeSystem/patch-test"
#define RECORD_SYSTEM "https://smpscreen.org/fhir/record-id"
#define EXT_SHOW_IF "https://smpscreen.org/fhir/StructureDefinition/show-if"
#define EXT_AUDIENCE "https://smpscreen.org/fhir/StructureDefinition/audience"
#define EXT_UNKNOWN "https://smpscreen.org/fhir/StructureDefinition/unknown-answer"
#define EXT_MIN "http://hl7.org/fhir/StructureDefinition/minValue"
#define EXT_MAX "http://hl7.org/fhir/StructureDefinition/maxValue"
#define EXT_UNIT "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
#define EXT_ABSENT "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
#define UCUM "http://unitsofmeasure.org"
#define DISCLAIMER                                                                                 \
	"This is a screening aid, not medical advice. A practitioner makes the decision, in "      \
	"person."

/* The canonical URL: the file's own, else a URN made from its id, which is stable too. */
static char *
canonical_url(const struct questionnaire *qn)
{
	if (qn->url != NULL)
		return xstrdup(qn->url);
	return xasprintf("urn:smpscreen:questionnaire:%s", qn->id);
}

static json_t *
coding(const char *system, const char *code, const char *display)
{
	json_t *o = jout_must(json_object());

	jout_set(o, "system", jout_str(system));
	jout_set(o, "code", jout_str(code));
	if (display != NULL)
		jout_set(o, "display", jout_str(display));
	return o;
}

/* A Coding of one of q's answers: option i, or "not sure" when i is n_options. */
static json_t *
option_coding(const char *url, const struct question *q, size_t i, bool display)
{
	if (i == q->n_options)
		return coding(url, ANSWER_UNKNOWN_VALUE, display ? q->unknown_label : NULL);
	return coding(url, q->options[i].value, display ? q->options[i].label : NULL);
}

static json_t *
extension(const char *url, const char *value_key, json_t *value)
{
	json_t *o = jout_must(json_object());

	jout_set(o, "url", jout_str(url));
	jout_set(o, value_key, value);
	return o;
}

/* ---- enableWhen ----------------------------------------------------------------------- */

/*
 * A show_if becomes enableWhen only where R4 means exactly what the contract means. R4's
 * "=" holds when some answer equals the value, "!=" when none does (so also for a question
 * without answer), "exists" tests for any answer; a hidden question has no answers, as in
 * the contract. Hence `q == v` is "=", `not (q == v)` is "!=", but `q != v` (false when q
 * is absent) needs "exists" beside "!=", which only an all-of list can hold. A condition is
 * translated with its negation pushed down (De Morgan), and a list is either all-of or
 * any-of: whatever would need both, or cannot be said at all, is left to the show-if
 * extension. A number question that allows "not sure" is answered by no answer at all
 * (see answer_item), so only its plain comparisons translate.
 */

enum behavior { EW_ONE, EW_ALL, EW_ANY };

struct ew {
	json_t *conds; /* the enableWhen entries */
	enum behavior how;
};

static json_t *
condition(const struct question *q, const char *op, const char *key, json_t *answer)
{
	json_t *o = jout_must(json_object());

	jout_set(o, "question", jout_str(q->id));
	jout_set(o, "operator", jout_str(op));
	jout_set(o, key, answer);
	return o;
}

static bool
unknown_as_absent(const struct question *q)
{
	return q->type == QTYPE_INTEGER && q->allow_unknown;
}

static bool translate(const struct questionnaire *qn, const char *url, const struct expr *e,
    bool neg, struct ew *out);

/* The kids of an and/or, combined into one list of kind want, or false. */
static bool
combine(const struct questionnaire *qn, const char *url, const struct expr *e, bool neg,
    enum behavior want, struct ew *out)
{
	struct ew sub;
	size_t i;

	for (i = 0; i < e->n_kids; i++) {
		sub.conds = jout_must(json_array());
		sub.how = EW_ONE;
		if (!translate(qn, url, e->kids[i], neg, &sub) ||
		    (sub.how != EW_ONE && sub.how != want)) {
			json_decref(sub.conds);
			return false;
		}
		if (json_array_extend(out->conds, sub.conds) != 0)
			jout_oom();
		json_decref(sub.conds);
	}
	out->how = json_array_size(out->conds) > 1 ? want : EW_ONE;
	return json_array_size(out->conds) > 0;
}

static const char *
op_code(enum cmp_op op)
{
	static const char *const codes[] = { "=", "!=", "<", "<=", ">", ">=" };

	return codes[op];
}

/* q op c, with c the constant of a comparison on q, or false. */
static bool
comparison(const char *url, const struct question *q, const struct expr *e, bool neg,
    struct ew *out)
{
	const struct value *c = &e->b.c;
	const char *key = c->kind == V_INT ? "answerInteger" : "answerCoding";
	json_t *v;

	if (e->b.kind != OPND_CONST || e->map != NULL)
		return false;
	if (c->kind == V_INT)
		v = jout_must(json_integer(c->n));
	else if (c->kind == V_UNKNOWN && !unknown_as_absent(q))
		v = option_coding(url, q, q->n_options, false);
	else if (c->kind == V_SYM && c->n >= 0 && (size_t)c->n < q->n_options)
		v = option_coding(url, q, (size_t)c->n, false);
	else
		return false;
	if (e->op != OP_EQ && e->op != OP_NE && (neg || c->kind != V_INT))
		goto fail;
	/* Only "=" and the order comparisons mean the same for a "not sure" that R4 sees as
	 * no answer: both are false then. */
	if (unknown_as_absent(q) && (neg || e->op == OP_NE))
		goto fail;
	if ((e->op == OP_EQ && !neg) || (e->op == OP_NE && neg)) {
		if (e->op == OP_NE) {
			/* not (q != v): q is absent, or equals v. */
			jout_push(out->conds,
			    condition(q, "exists", "answerBoolean", jout_must(json_false())));
			out->how = EW_ANY;
		}
		jout_push(out->conds, condition(q, "=", key, v));
		return true;
	}
	if (e->op == OP_EQ || e->op == OP_NE) {
		/* q != v: answered, and not v; not (q == v): not v, answered or not. */
		if (e->op == OP_NE) {
			jout_push(out->conds,
			    condition(q, "exists", "answerBoolean", jout_must(json_true())));
			out->how = EW_ALL;
		}
		jout_push(out->conds, condition(q, "!=", key, v));
		return true;
	}
	jout_push(out->conds, condition(q, op_code(e->op), key, v));
	return true;
fail:
	json_decref(v);
	return false;
}

static bool
translate(const struct questionnaire *qn, const char *url, const struct expr *e, bool neg,
    struct ew *out)
{
	const struct question *q;

	switch (e->kind) {
	case NODE_NOT:
		return e->n_kids == 1 && translate(qn, url, e->kids[0], !neg, out);
	case NODE_AND:
		return combine(qn, url, e, neg, neg ? EW_ANY : EW_ALL, out);
	case NODE_OR:
		return combine(qn, url, e, neg, neg ? EW_ALL : EW_ANY, out);
	case NODE_ANSWERED:
	case NODE_HAS:
	case NODE_CMP:
		if (e->a.kind != OPND_QUESTION || e->a.index >= qn->n_questions)
			return false;
		q = &qn->questions[e->a.index];
		break;
	case NODE_CONST:
	case NODE_SETTING:
	default:
		return false;
	}
	if (q->type == QTYPE_INFO)
		return false;
	if (e->kind == NODE_ANSWERED) {
		if (unknown_as_absent(q))
			return false;
		jout_push(out->conds,
		    condition(q, "exists", "answerBoolean", jout_must(json_boolean(!neg))));
		return true;
	}
	if (e->kind == NODE_HAS) {
		/* bit 0 stands for 'unknown'; otherwise the option is the bit's position. */
		size_t i = q->n_options;

		if (e->bit != 0)
			for (i = 0; i < q->n_options && e->bit != (UINT64_C(1) << i); i++)
				;
		if (i == q->n_options && (e->bit != 0 || !q->allow_unknown))
			return false;
		jout_push(out->conds,
		    condition(q, neg ? "!=" : "=", "answerCoding",
		        option_coding(url, q, i, false)));
		return true;
	}
	return comparison(url, q, e, neg, out);
}

/* Adds enableWhen (and enableBehavior) to item for q's show_if; false when it cannot. */
static bool
enable_when(json_t *item, const struct questionnaire *qn, const char *url, const struct question *q)
{
	struct ew ew = { jout_must(json_array()), EW_ONE };

	if (q->show_if == NULL || !translate(qn, url, q->show_if, false, &ew) ||
	    json_array_size(ew.conds) == 0) {
		json_decref(ew.conds);
		return false;
	}
	jout_set(item, "enableWhen", ew.conds);
	/* que-12: several conditions need a behaviour; one takes none. */
	if (json_array_size(ew.conds) > 1)
		jout_set(item, "enableBehavior", jout_str(ew.how == EW_ANY ? "any" : "all"));
	return true;
}

bool
report_fhir_enable_when(struct strbuf *out, const struct questionnaire *qn, size_t q)
{
	json_t *o = jout_must(json_object());
	char *url = canonical_url(qn), *s;
	bool ok = q < qn->n_questions && enable_when(o, qn, url, &qn->questions[q]);

	if (ok) {
		s = jout_dumps(o, JSON_COMPACT);
		sb_append(out, s);
		free(s);
	}
	json_decref(o);
	free(url);
	return ok;
}

/* ---- Questionnaire ---------------------------------------------------------------------- */

/* UCUM codes for the units the questionnaires use; NULL: no unit extension. */
static const char *
ucum_code(const char *unit)
{
	static const char *const map[][2] = { { "years", "a" }, { "months", "mo" },
		{ "weeks", "wk" }, { "days", "d" }, { "hours", "h" } };
	size_t i;

	for (i = 0; unit != NULL && i < sizeof map / sizeof *map; i++)
		if (strcmp(unit, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

static const char *
item_type(enum question_type t)
{
	switch (t) {
	case QTYPE_SINGLE:
	case QTYPE_MULTI:
		return "choice";
	case QTYPE_INTEGER:
		return "integer";
	case QTYPE_TEXT:
		return "text";
	case QTYPE_INFO:
		break;
	}
	return "display";
}

static json_t *
questionnaire_item(const struct questionnaire *qn, const char *url, const struct question *q)
{
	json_t *item = jout_must(json_object()), *ext = jout_must(json_array()), *opts;
	bool expressed;
	size_t i;

	/* The extensions are filled in below, once it is known whether the condition
	 * translates; R4 puts them first. */
	jout_set(item, "extension", ext);
	jout_set(item, "linkId", jout_str(q->id));
	jout_set(item, "text", jout_str(q->text));
	jout_set(item, "type", jout_str(item_type(q->type)));
	expressed = enable_when(item, qn, url, q);
	if (q->show_if_src != NULL && !expressed)
		jout_push(ext, extension(EXT_SHOW_IF, "valueString", jout_str(q->show_if_src)));
	if (q->audience == AUDIENCE_CONSULTANT)
		jout_push(ext, extension(EXT_AUDIENCE, "valueCode", jout_str("consultant")));
	if (q->type == QTYPE_INTEGER) {
		jout_push(ext, extension(EXT_MIN, "valueInteger", jout_must(json_integer(q->min))));
		jout_push(ext, extension(EXT_MAX, "valueInteger", jout_must(json_integer(q->max))));
		if (ucum_code(q->unit) != NULL)
			jout_push(ext,
			    extension(EXT_UNIT, "valueCoding",
			        coding(UCUM, ucum_code(q->unit), q->unit)));
		/* R4 has no "not sure" for a number: it is answered with no answer and a
		 * data-absent-reason, and so the item cannot be required in R4's sense. */
		if (q->allow_unknown)
			jout_push(ext,
			    extension(EXT_UNKNOWN, "valueCoding",
			        option_coding(url, q, q->n_options, true)));
	}
	if (json_array_size(ext) == 0)
		json_object_del(item, "extension");
	/* que-6: display items are neither required nor repeated. */
	if (q->type != QTYPE_INFO)
		jout_set(item, "required",
		    jout_must(json_boolean(q->required && !unknown_as_absent(q))));
	if (q->type == QTYPE_MULTI)
		jout_set(item, "repeats", jout_must(json_true()));
	if (q->type == QTYPE_TEXT)
		jout_set(item, "maxLength", jout_must(json_integer((json_int_t)q->max_length)));
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTI) {
		opts = jout_must(json_array());
		for (i = 0; i < q->n_options + (q->allow_unknown ? 1 : 0); i++) {
			json_t *o = jout_must(json_object());

			jout_set(o, "valueCoding", option_coding(url, q, i, true));
			jout_push(opts, o);
		}
		jout_set(item, "answerOption", opts);
	}
	return item;
}

/* Questionnaire.name is a computer-friendly name: "smp-consultation" → "SmpConsultation". */
static char *
computable_name(const char *id)
{
	char *name = xstrdup(id), *w = name;
	bool up = true;

	for (; *id != '\0'; id++) {
		if (*id == '-' || *id == '_') {
			up = true;
			continue;
		}
		*w++ = up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') : *id;
		up = false;
	}
	*w = '\0';
	return name;
}

static json_t *
build_questionnaire(const struct questionnaire *qn)
{
	json_t *root = jout_must(json_object()), *items = jout_must(json_array()), *arr;
	char *url = canonical_url(qn), *name = computable_name(qn->id), version[24];
	size_t i;

	snprintf(version, sizeof version, "%d", qn->version);
	jout_set(root, "resourceType", jout_str("Questionnaire"));
	jout_set(root, "url", jout_str(url));
	jout_set(root, "version", jout_str(version));
	jout_set(root, "name", jout_str(name));
	jout_set(root, "title", jout_str(qn->title));
	jout_set(root, "status", jout_str("active"));
	arr = jout_must(json_array());
	jout_push(arr, jout_str("Patient"));
	jout_set(root, "subjectType", arr);
	jout_set(root, "description", jout_str(DISCLAIMER));
	for (i = 0; i < qn->n_questions; i++)
		jout_push(items, questionnaire_item(qn, url, &qn->questions[i]));
	jout_set(root, "item", items);
	free(url);
	free(name);
	return root;
}

void
report_write_fhir_questionnaire(struct strbuf *out, const struct questionnaire *qn)
{
	json_t *root;

	jout_begin();
	root = build_questionnaire(qn);
	jout_dump(out, root, JSON_INDENT(2));
	json_decref(root);
}

/* ---- QuestionnaireResponse -------------------------------------------------------------- */

/*
 * The Bundle of each screened file is written as it goes (jw), with no tree, since a batch
 * writes one per file; its bytes are those jansson wrote. The Questionnaire above, written
 * once a run, is still built with jansson: whether a condition translates is known only
 * once it has been translated.
 */

static void
kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

static void
jw_coding(struct jw *w, const char *system, const char *code, const char *display)
{
	jw_object(w);
	kstr(w, "system", system);
	kstr(w, "code", code);
	if (display != NULL)
		kstr(w, "display", display);
	jw_object_end(w);
}

/* {"valueCoding": option i of q, with its label}, as option_coding. */
static void
value_coding(struct jw *w, const char *url, const struct question *q, size_t i)
{
	jw_object(w);
	jw_key(w, "valueCoding");
	if (i == q->n_options)
		jw_coding(w, url, ANSWER_UNKNOWN_VALUE, q->unknown_label);
	else
		jw_coding(w, url, q->options[i].value, q->options[i].label);
	jw_object_end(w);
}

/* Whether an effective answer makes an item: answer_item has something to say. */
static bool
has_item(const struct question *q, const struct answer *v)
{
	switch (v->kind) {
	case ANSWER_ABSENT:
		break;
	case ANSWER_UNKNOWN:
	case ANSWER_OPTION:
	case ANSWER_INTEGER:
		return true;
	case ANSWER_OPTIONS:
		return q->n_options >= 64 ? v->set != 0 :
		                            (v->set & ((UINT64_C(1) << q->n_options) - 1)) != 0;
	case ANSWER_TEXT:
		/* An R4 string is never empty. */
		return v->text != NULL && v->text[0] != '\0';
	}
	return false;
}

/* The item for one effective answer, which has_item. */
static void
answer_item(struct jw *w, const char *url, const struct question *q, const struct answer *v)
{
	size_t k;

	jw_object(w);
	if (v->kind == ANSWER_UNKNOWN && unknown_as_absent(q)) {
		jw_key(w, "extension");
		jw_array(w);
		jw_object(w);
		kstr(w, "url", EXT_ABSENT);
		kstr(w, "valueCode", "asked-unknown");
		jw_object_end(w);
		jw_array_end(w);
	}
	kstr(w, "linkId", q->id);
	kstr(w, "text", q->text);
	if (v->kind == ANSWER_UNKNOWN && unknown_as_absent(q)) {
		jw_object_end(w);
		return;
	}
	jw_key(w, "answer");
	jw_array(w);
	switch (v->kind) {
	case ANSWER_ABSENT:
		break;
	case ANSWER_UNKNOWN:
		value_coding(w, url, q, q->n_options);
		break;
	case ANSWER_OPTION:
		value_coding(w, url, q, (size_t)v->num);
		break;
	case ANSWER_OPTIONS:
		for (k = 0; k < q->n_options; k++)
			if (v->set & (UINT64_C(1) << k))
				value_coding(w, url, q, k);
		break;
	case ANSWER_INTEGER:
		jw_object(w);
		jw_key(w, "valueInteger");
		jw_int(w, v->num);
		jw_object_end(w);
		break;
	case ANSWER_TEXT:
		jw_object(w);
		kstr(w, "valueString", v->text);
		jw_object_end(w);
		break;
	}
	jw_array_end(w);
	jw_object_end(w);
}

static void
identifier(struct jw *w, const char *system, const char *value)
{
	jw_object(w);
	if (system != NULL)
		kstr(w, "system", system);
	kstr(w, "value", value);
	jw_object_end(w);
}

/* The client as a Reference: the clinic's reference as an identifier (its system is the
 * clinic's own, which we do not know), the name as display; fallback when no name. */
static void
subject(struct jw *w, const struct answers_meta *m, const char *fallback)
{
	jw_key(w, "subject");
	jw_object(w);
	if (m->client_reference != NULL) {
		jw_key(w, "identifier");
		jw_object(w);
		jw_key(w, "type");
		jw_object(w);
		kstr(w, "text", "Clinic client reference");
		jw_object_end(w);
		kstr(w, "value", m->client_reference);
		jw_object_end(w);
	}
	if (m->client_name != NULL || fallback != NULL)
		kstr(w, "display", m->client_name != NULL ? m->client_name : fallback);
	jw_object_end(w);
}

static void
write_response(struct jw *w, const struct report_input *in, const char *url, const char *record)
{
	const struct questionnaire *qn = in->qn;
	const struct answers_meta *m = &in->ans->meta;
	char *canonical = xasprintf("%s|%d", url, qn->version), today[11];
	size_t i, n;

	date_format(in->oc->today, today);
	jw_object(w);
	kstr(w, "resourceType", "QuestionnaireResponse");
	jw_key(w, "identifier");
	identifier(w, RECORD_SYSTEM, record);
	kstr(w, "questionnaire", canonical);
	kstr(w, "status", "completed");
	if (m->client_name != NULL || m->client_reference != NULL)
		subject(w, m, NULL);
	/* A date alone is a valid dateTime: the screening date when the file has no time. */
	kstr(w, "authored", m->created_at != NULL ? m->created_at : today);
	for (n = 0; n < qn->n_questions && !has_item(&qn->questions[n], &in->ans->eff[n]); n++)
		;
	if (n < qn->n_questions) {
		jw_key(w, "item");
		jw_array(w);
		for (i = n; i < qn->n_questions; i++)
			if (has_item(&qn->questions[i], &in->ans->eff[i]))
				answer_item(w, url, &qn->questions[i], &in->ans->eff[i]);
		jw_array_end(w);
	}
	jw_object_end(w);
	free(canonical);
}

/* ---- RiskAssessment --------------------------------------------------------------------- */

static const char *
suitability_display(enum level l)
{
	switch (l) {
	case LEVEL_SUITABLE:
		return "Suitable";
	case LEVEL_CAVEATS:
		return "Suitable, with points to discuss";
	case LEVEL_REFER:
		return "See a doctor first";
	case LEVEL_DEFER:
		return "Not yet: come back later";
	case LEVEL_UNSUITABLE:
		break;
	}
	return "Not suitable";
}

static const char *
patch_display(enum patch p)
{
	switch (p) {
	case PATCH_NOT_NEEDED:
		return "No patch test needed";
	case PATCH_RECOMMENDED:
		return "Patch test recommended";
	case PATCH_REQUIRED:
		break;
	}
	return "Patch test required";
}

static void
reason_line(struct strbuf *sb, const struct rule *r)
{
	if (sb->len > 0)
		sb_appendc(sb, '\n');
	sb_append(sb, r->id);
	if (r->reason != NULL)
		sb_printf(sb, ": %s", r->reason);
}

static void
prediction(struct jw *w, const char *system, const char *code, const char *display,
    const struct strbuf *why)
{
	jw_object(w);
	jw_key(w, "outcome");
	jw_object(w);
	jw_key(w, "coding");
	jw_array(w);
	jw_coding(w, system, code, display);
	jw_array_end(w);
	kstr(w, "text", display);
	jw_object_end(w);
	if (why->len > 0)
		kstr(w, "rationale", sb_str(why));
	jw_object_end(w);
}

/* What would lower the risk: who to see, and when or on what condition to come back. */
static void
mitigation(struct strbuf *sb, const struct report_input *in)
{
	const struct outcome *oc = in->oc;
	char date[11];
	size_t i;

	for (i = 0; i < oc->n_refer_to; i++)
		sb_printf(sb, "%s%s", i == 0 ? "See first: " : ", ",
		    in->rs->targets[oc->refer_to[i]].label);
	if (oc->n_refer_to > 0)
		sb_append(sb, ".");
	if (oc->has_come_back) {
		date_format(oc->come_back, date);
		sb_printf(sb, "%sCome back after %s.", sb->len > 0 ? " " : "", date);
	}
	for (i = 0; i < oc->n_fired; i++)
		if (oc->fired[i].condition != NULL)
			sb_printf(sb, "%sCome back %s.", sb->len > 0 ? " " : "",
			    oc->fired[i].condition);
}

static void
write_risk(struct jw *w, const struct report_input *in, const char *record, const char *qr_full_url)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	const struct rule *r;
	struct strbuf why = { 0 }, patch = { 0 }, mit = { 0 }, line = { 0 };
	char *method = xasprintf("smpscreen rules %s v%d", rs->id, rs->version), today[11];
	size_t i;

	date_format(oc->today, today);
	jw_object(w);
	kstr(w, "resourceType", "RiskAssessment");
	jw_key(w, "identifier");
	jw_array(w);
	identifier(w, RECORD_SYSTEM, record);
	jw_array_end(w);
	kstr(w, "status", "final");
	jw_key(w, "method");
	jw_object(w);
	kstr(w, "text", method);
	jw_object_end(w);
	/* R4 requires a subject (1..1): a display-only Reference when the client is unnamed. */
	subject(w, &in->ans->meta, "Screened client");
	kstr(w, "occurrenceDateTime", today);

	jw_key(w, "basis");
	jw_array(w);
	jw_object(w);
	kstr(w, "reference", qr_full_url);
	kstr(w, "display", "The client's answers");
	jw_object_end(w);
	for (i = 0; i < oc->n_fired; i++) {
		r = &rs->rules[oc->fired[i].rule];
		sb_reset(&line);
		reason_line(&line, r);
		jw_object(w);
		kstr(w, "display", sb_str(&line));
		jw_object_end(w);
		if (r->level != LEVEL_SUITABLE)
			reason_line(&why, r);
		if (r->patch != PATCH_NOT_NEEDED)
			reason_line(&patch, r);
	}
	jw_array_end(w);

	jw_key(w, "prediction");
	jw_array(w);
	prediction(w, SUITABILITY_SYSTEM, rules_level_name(oc->suitability),
	    suitability_display(oc->suitability), &why);
	prediction(w, PATCH_SYSTEM, rules_patch_name(oc->patch), patch_display(oc->patch), &patch);
	jw_array_end(w);
	mitigation(&mit, in);
	if (mit.len > 0)
		kstr(w, "mitigation", sb_str(&mit));
	jw_key(w, "note");
	jw_array(w);
	jw_object(w);
	kstr(w, "text", DISCLAIMER);
	jw_object_end(w);
	jw_array_end(w);
	jw_object_end(w);
	sb_free(&why);
	sb_free(&patch);
	sb_free(&mit);
	sb_free(&line);
	free(method);
}

/* ---- Bundle ----------------------------------------------------------------------------- */

/*
 * A name-based UUID (RFC 9562 version 8, built like its SHA-256 example) of the record id
 * and the resource's own content: the same input always gets the same fullUrl, and two
 * different screenings of one record (other rules, another date) do not share one.
 */
static void
uuid_url(const char *kind, const char *record, const struct strbuf *resource, char out[46])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256 c;
	unsigned char d[32];
	char *content = jw_compact(sb_str(resource), resource->len);
	size_t i;
	char *w;

	sha256_begin(&c);
	sha256_add(&c, kind, strlen(kind) + 1);
	sha256_add(&c, record, strlen(record) + 1);
	sha256_add(&c, content, strlen(content));
	sha256_end(&c, d);
	explicit_bzero(content, strlen(content));
	free(content);
	d[6] = (unsigned char)((d[6] & 0x0f) | 0x80);
	d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);
	memcpy(out, "urn:uuid:", 9);
	w = out + 9;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*w++ = '-';
		*w++ = hex[d[i] >> 4];
		*w++ = hex[d[i] & 15];
	}
	*w = '\0';
}

/* Where a resource sits in the Bundle: root, "entry" array, entry object. */
#define RESOURCE_DEPTH 3

static void
entry(struct jw *w, const char *full_url, const struct strbuf *resource)
{
	jw_object(w);
	kstr(w, "fullUrl", full_url);
	jw_key(w, "resource");
	assert(w->depth == RESOURCE_DEPTH);
	jw_raw(w, sb_str(resource), resource->len);
	jw_object_end(w);
}

void
report_write_fhir(struct strbuf *out, const struct report_input *in)
{
	struct strbuf qr = { .secret = true }, ra = { .secret = true };
	struct jw w;
	char buf[32], qr_url[46], ra_url[46], *url = canonical_url(in->qn);
	const char *record = answers_record_id(in->ans, buf);

	/* Answers from nowhere have no record id; the content still names them. */
	if (record[0] == '\0')
		record = "unsaved";
	/* Each resource is written before the Bundle, which names it by a hash of it. */
	jw_init(&w, &qr, 2, RESOURCE_DEPTH);
	write_response(&w, in, url, record);
	jw_finish(&w);
	uuid_url("QuestionnaireResponse", record, &qr, qr_url);
	jw_init(&w, &ra, 2, RESOURCE_DEPTH);
	write_risk(&w, in, record, qr_url);
	jw_finish(&w);
	uuid_url("RiskAssessment", record, &ra, ra_url);

	jw_init(&w, out, 2, 0);
	jw_object(&w);
	kstr(&w, "resourceType", "Bundle");
	jw_key(&w, "identifier");
	identifier(&w, RECORD_SYSTEM, record);
	kstr(&w, "type", "collection");
	/* An instant needs a time: only when the record says when it was saved. */
	if (in->ans->meta.created_at != NULL)
		kstr(&w, "timestamp", in->ans->meta.created_at);
	jw_key(&w, "entry");
	jw_array(&w);
	entry(&w, qr_url, &qr);
	entry(&w, ra_url, &ra);
	jw_array_end(&w);
	jw_object_end(&w);
	jw_finish(&w);
	sb_appendc(out, '\n');
	free(url);
	sb_free(&qr);
	sb_free(&ra);
}
