/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_memo.h"
#include "report_pages.h"
#include "report_render.h"
#include "smpscreen/i18n.h"
#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * The text report is read by a patient and a practitioner, printed, or pasted into a record.
 * Every line goes through text_wrap so no line is wider than the page, every piece of data
 * (labels, file names, typed text) is sanitised before it is laid out, and the decorations
 * are plain ASCII in both modes, so --ascii changes only what the data itself contains.
 */

#define REPORT_WIDTH 72

/* Contract words in capitals, without toupper() so the locale cannot change them. */
static void
tag(char *buf, size_t size, const char *name)
{
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < size; i++)
		buf[i] = name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 'a' + 'A') : name[i];
	buf[i] = '\0';
}

const char *
report_level_phrase(enum level l)
{
	switch (l) {
	case LEVEL_SUITABLE:
		return _("Suitable");
	case LEVEL_CAVEATS:
		return _("Suitable, with points to discuss");
	case LEVEL_REFER:
		/* "(referral)" would stand twice in brackets beside the contract word "(refer)". */
		return _("See a doctor first");
	case LEVEL_DEFER:
		return _("Not yet: come back later");
	case LEVEL_UNSUITABLE:
		return _("Not suitable");
	}
	return "";
}

const char *
report_patch_phrase(enum patch p)
{
	switch (p) {
	case PATCH_NOT_NEEDED:
		return _("Not needed");
	case PATCH_RECOMMENDED:
		return _("Recommended");
	case PATCH_REQUIRED:
		return _("Required");
	}
	return "";
}

static const char *
group_title(enum note_group g)
{
	switch (g) {
	case NOTE_SAFETY:
		return _("Safety");
	case NOTE_EXPECTATION:
		return _("Expectations");
	case NOTE_LOGISTICS:
		return _("Practical matters");
	}
	return "";
}

static void
disclaimer(struct render *r)
{
	rr_text(r,
	    _("This is a screening aid, not medical advice. A practitioner makes the "
	      "decision, in person."),
	    "", "");
}

/*
 * "  sha256 <hex>" is 73 columns, one too many for 72: the wrap then moves the digest to a
 * line of its own, whole, so it can still be compared or copied at a glance.
 */
static void
file_identity(struct render *r, const char *label, const char *id, int version, const char *sha256)
{
	rr_textf(r, "", "  ", _("%s: %s, version %d"), label, id, version);
	rr_textf(r, "  ", "    ", "sha256 %s", sha256);
}

/* True for the patient's copy. */
bool
rr_patient(const struct render *r)
{
	return r->copy == REPORT_COPY_PATIENT;
}

/* The ways a consultation is taken, as an answers file records them. */
static const char *
mode_phrase(const char *mode)
{
	if (mode == NULL || strcmp(mode, "batch") == 0)
		return _("batch (screened from an answers file)");
	if (strcmp(mode, "kiosk") == 0)
		return _("clinic kiosk");
	if (strcmp(mode, "home") == 0)
		return _("at home, over SSH");
	return _("in the clinic");
}

/* True when one of the answers that made fired rule f fire is to a consultant-only
 * question: the patient's copy then says nothing of the rule, its reason or its notes. */
static bool
private_rule(const struct render *r, const struct fired_rule *f)
{
	size_t k;

	for (k = 0; k < f->n_trace; k++)
		if (r->in->qn->questions[f->trace[k]].audience == AUDIENCE_CONSULTANT)
			return true;
	return false;
}

/* True when any fired rule the patient may see carries note n. */
static bool
note_for_patient(const struct render *r, size_t n)
{
	const struct outcome *oc = r->in->oc;
	const struct rule *rule;
	size_t i, k;

	for (i = 0; i < oc->n_fired; i++) {
		rule = &r->in->rs->rules[oc->fired[i].rule];
		if (private_rule(r, &oc->fired[i]))
			continue;
		for (k = 0; k < rule->n_notes; k++)
			if (rule->notes[k] == n)
				return true;
	}
	return false;
}

static bool note_shown(const struct render *r, size_t n);

/* "Language: Español (es)": a record is read later by someone who may not read it. */
static void
language(struct render *r)
{
	const char *code = ctext_language(r->tx);

	rr_textf(r, "", "  ", _("Language: %s (%s)"), lang_name(code), code);
}

static void
list_item(struct strbuf *list, size_t *n, const char *kind, const char *id)
{
	rr_format(list, "%s%s %s", (*n)++ > 0 ? ", " : "", kind, id);
}

/* The items of this report that have no translation and are shown in English (as
 * po-debconf lists untranslated templates): a clinic sees what its catalog lacks. */
static void
fallbacks(struct render *r)
{
	const struct report_input *in = r->in;
	const struct outcome *oc = in->oc;
	struct strbuf list = { 0 };
	size_t i, n = 0;

	if (strcmp(ctext_language(r->tx), "en") == 0)
		return;
	for (i = 0; i < in->qn->n_questions; i++)
		if (in->ans->eff[i].kind != ANSWER_ABSENT &&
		    !(rr_patient(r) && in->qn->questions[i].audience == AUDIENCE_CONSULTANT) &&
		    ctext_fell_back(r->tx, CI_QUESTION, i))
			list_item(&list, &n, _("question"), in->qn->questions[i].id);
	for (i = 0; i < oc->n_fired; i++)
		if (!(rr_patient(r) && private_rule(r, &oc->fired[i])) &&
		    ctext_fell_back(r->tx, CI_RULE, oc->fired[i].rule))
			list_item(&list, &n, _("rule"), in->rs->rules[oc->fired[i].rule].id);
	for (i = 0; i < oc->n_notes; i++)
		if (note_shown(r, oc->notes[i]) && ctext_fell_back(r->tx, CI_NOTE, oc->notes[i]))
			list_item(&list, &n, _("note"), in->rs->notes[oc->notes[i]].id);
	for (i = 0; i < oc->n_refer_to; i++)
		if (ctext_fell_back(r->tx, CI_TARGET, oc->refer_to[i]))
			list_item(&list, &n, _("refer target"),
			    in->rs->targets[oc->refer_to[i]].id);
	/* A patient has no use for ids: only that some texts are in English, and why. */
	if (n > 0 && rr_patient(r))
		rr_putf(r, "", "  ",
		    P_("%zu item of this summary is shown in English, as it has no translation "
		       "yet.",
		        "%zu items of this summary are shown in English, as they have no "
		        "translation yet.",
		        n),
		    n);
	else if (n > 0)
		rr_putf(r, "", "  ",
		    P_("Shown in English, as it has no translation yet: %s.",
		        "Shown in English, as they have no translation yet: %s.", n),
		    sb_str(&list));
	if (n > 0)
		sb_appendc(r->out, '\n');
	sb_free(&list);
}

static void
section_title(struct render *r)
{
	const struct report_input *in = r->in;
	const struct answers_meta *m = &in->ans->meta;
	char today[11], idbuf[32];
	const char *id = answers_record_id(in->ans, idbuf);

	rr_mark(r, REPORT_TITLE);
	date_format(in->oc->today, today);
	if (rr_patient(r)) {
		rr_heading(r, _("Your SMP screening summary"), '=');
		sb_appendc(r->out, '\n');
		if (in->st->clinic_name != NULL)
			rr_textf(r, "", "  ", _("Clinic: %s"), in->st->clinic_name);
		rr_textf(r, "", "  ", _("Date: %s"), today);
		language(r);
		/* Something to quote when calling the clinic; only an id the clinic keeps. */
		if (m->record_id != NULL)
			rr_putf(r, "", "  ", _("Your reference: %s"), m->record_id);
		sb_appendc(r->out, '\n');
		disclaimer(r);
		return;
	}
	rr_heading(r, _("SMP screening record"), '=');
	rr_text(r, _("Confidential: health data. Keep it with the client's records."), "", "");
	sb_appendc(r->out, '\n');
	rr_textf(r, "", "  ", _("Clinic: %s"),
	    in->st->clinic_name != NULL ? in->st->clinic_name : _("not set"));
	if (*id != '\0')
		rr_putf(r, "", "  ", _("Record: %s"), id);
	/* "2026-12-03T10:15:02+01:00" read aloud: the date, the time, and whose clock. */
	if (m->created_at != NULL && strlen(m->created_at) >= 20)
		rr_putf(r, "", "  ", _("Saved: %.10s %.8s (UTC%s)"), m->created_at,
		    m->created_at + 11, m->created_at[19] == 'Z' ? "" : m->created_at + 19);
	rr_textf(r, "", "  ", _("Screening date: %s"), today);
	language(r);
	rr_putf(r, "", "  ", _("Mode: %s"), mode_phrase(m->mode));
	rr_putf(r, "", "  ", _("Consultant: %s"),
	    m->consultant != NULL ? m->consultant : _("not recorded"));
	if (m->client_name != NULL || m->client_reference != NULL ||
	    m->client_date_of_birth != NULL) {
		rr_putf(r, "", "  ", _("Client: %s"),
		    m->client_name != NULL ? m->client_name : _("(no name given)"));
		if (m->client_reference != NULL)
			rr_putf(r, "", "  ", _("Client reference: %s"), m->client_reference);
		if (m->client_date_of_birth != NULL)
			rr_putf(r, "", "  ", _("Date of birth: %s"), m->client_date_of_birth);
	} else
		rr_text(r, _("Client: not recorded"), "", "  ");
	rr_textf(r, "", "  ", _("Program: %s %s"), PACKAGE_NAME, PACKAGE_VERSION);
	file_identity(r, _("Questionnaire"), in->qn->id, in->qn->version, in->qn->sha256);
	file_identity(r, _("Rules"), in->rs->id, in->rs->version, in->rs->sha256);
	rr_saved_under(r);
	if (in->st->path != NULL)
		rr_textf(r, "", "  ", _("Settings file: %s"), in->st->path);
	if (in->answers_path != NULL)
		rr_putf(r, "", "  ", _("Answers file: %s"), in->answers_path);
	sb_appendc(r->out, '\n');
	disclaimer(r);
}

/* The patch-test level the copy shows: the patient's copy counts only the rules it may
 * show, or a "required" would point at a consultant's answer without a word of why. */
static enum patch
shown_patch(const struct render *r)
{
	const struct outcome *oc = r->in->oc;
	enum patch p = PATCH_NOT_NEEDED, rp;
	size_t i;

	if (!rr_patient(r))
		return oc->patch;
	for (i = 0; i < oc->n_fired; i++) {
		rp = r->in->rs->rules[oc->fired[i].rule].patch;
		if (!private_rule(r, &oc->fired[i]) && rp > p)
			p = rp;
	}
	return p;
}

/* The come-back date the copy shows, likewise: a date computed from a consultant's answer
 * would disclose it. False when there is none. */
static bool
shown_come_back(const struct render *r, struct date *out)
{
	const struct outcome *oc = r->in->oc;
	bool any = false;
	size_t i;

	if (!rr_patient(r)) {
		*out = oc->come_back;
		return oc->has_come_back;
	}
	for (i = 0; i < oc->n_fired; i++)
		if (oc->fired[i].has_date && !private_rule(r, &oc->fired[i]) &&
		    (!any || date_compare(oc->fired[i].date, *out) > 0)) {
			*out = oc->fired[i].date;
			any = true;
		}
	return any;
}

/* The come-back lines: none in the patient's copy of an unsuitable result (a wait would
 * read as a promise), and none for a rule the patient's copy keeps private. */
static void
come_back(struct render *r)
{
	const struct outcome *oc = r->in->oc;
	bool unsuitable = oc->suitability == LEVEL_UNSUITABLE;
	struct date when;
	char date[11];
	size_t i;

	if (rr_patient(r) && unsuitable)
		return;
	if (shown_come_back(r, &when)) {
		date_format(when, date);
		rr_putf(r, "", "  ",
		    unsuitable ? _("The other points need waiting until: %s") :
		                 _("Come back after: %s"),
		    date);
	}
	/* The condition in the report's language, with the clinic's settings filled in. */
	for (i = 0; i < oc->n_fired; i++) {
		char *cond;

		if (oc->fired[i].condition == NULL ||
		    (rr_patient(r) && private_rule(r, &oc->fired[i])))
			continue;
		cond = outcome_fill(ctext_condition(r->tx, oc->fired[i].rule), r->in->st);
		rr_textf(r, "", "  ",
		    unsuitable ? _("The other points need waiting: %s") : _("Come back: %s"), cond);
		free(cond);
	}
}

/* Each referral with the reasons that need it (clinic record); the patient's copy names
 * whom to see, and only for reasons it shows. */
static void
referrals(struct render *r)
{
	const struct outcome *oc = r->in->oc;
	const struct ruleset *rs = r->in->rs;
	const struct rule *rule;
	struct strbuf why = { 0 };
	size_t i, j, k;
	bool any = false;

	for (i = 0; i < oc->n_refer_to; i++) {
		sb_reset(&why);
		for (j = 0; j < oc->n_fired; j++) {
			rule = &rs->rules[oc->fired[j].rule];
			if (rr_patient(r) && private_rule(r, &oc->fired[j]))
				continue;
			for (k = 0; k < rule->n_refer_to && rule->refer_to[k] != oc->refer_to[i];
			     k++)
				;
			if (k == rule->n_refer_to)
				continue;
			rr_format(&why, "%s%s", why.len > 0 ? "; " : "", rule->id);
		}
		if (why.len == 0 && rr_patient(r))
			continue;
		if (!any)
			rr_text(r, rr_patient(r) ? _("Who to see first:") : _("Refer to:"), "", "");
		any = true;
		if (rr_patient(r))
			rr_text(r, ctext_target(r->tx, oc->refer_to[i]), "  * ", "    ");
		else
			rr_textf(r, "  * ", "    ", _("%s, for: %s"),
			    ctext_target(r->tx, oc->refer_to[i]), sb_str(&why));
	}
	sb_free(&why);
}

/* The items a consultant has to go through in person, as a checklist in the summary. */
static void
unknowns(struct render *r)
{
	const struct questionnaire *qn = r->in->qn;
	size_t i;
	bool any = false;

	for (i = 0; i < qn->n_questions; i++) {
		if (r->in->ans->eff[i].kind != ANSWER_UNKNOWN)
			continue;
		if (!any) {
			sb_appendc(r->out, '\n');
			rr_mark(r, REPORT_UNKNOWNS);
			rr_text(r, _("Answered 'not sure': check in person"), "", "");
		}
		any = true;
		rr_text(r, ctext_question(r->tx, i)->text, "  [ ] ", "      ");
	}
}

static void
section_result(struct render *r)
{
	const struct outcome *oc = r->in->oc;

	if (rr_patient(r)) {
		rr_section(r, REPORT_RESULT, _("Result"));
		rr_textf(r, "", "  ", _("Your result: %s"), report_level_phrase(oc->suitability));
		rr_patient_decision(r);
		come_back(r);
		referrals(r);
		/* Not suitable: a patch test is for someone the clinic will treat. */
		if (oc->suitability != LEVEL_UNSUITABLE)
			rr_textf(r, "", "  ", _("Patch test: %s"),
			    report_patch_phrase(shown_patch(r)));
		return;
	}
	rr_section(r, REPORT_RESULT, _("Summary"));
	rr_textf(r, "", "  ", _("Result: %s (%s)"), report_level_phrase(oc->suitability),
	    rules_level_name(oc->suitability));
	rr_textf(r, "", "  ", _("Patch test: %s (%s)"), report_patch_phrase(oc->patch),
	    rules_patch_name(oc->patch));
	come_back(r);
	referrals(r);
	unknowns(r);
}

/* One fired rule: its level, its reason and the answers that made it fire. The patient's
 * copy gives the reason in plain words, and only the patient's own answers. */
static void
why_entry(struct render *r, const struct fired_rule *f)
{
	const struct report_input *in = r->in;
	const struct rule *rule = &in->rs->rules[f->rule];
	const char *reason = ctext_reason(r->tx, f->rule);
	const struct question *q;
	struct strbuf label = { 0 };
	char level[16];
	size_t k;

	if (rr_patient(r)) {
		rr_text(r, reason != NULL ? reason : _("A point to discuss."), "* ", "  ");
	} else {
		tag(level, sizeof level, rules_level_name(rule->level));
		rr_textf(r, "* ", "  ", "[%s] %s", level, rule->id);
		if (reason != NULL)
			rr_text(r, reason, "  ", "  ");
	}
	if (f->n_trace == 0)
		return;
	rr_text(r, rr_patient(r) ? _("Because you answered:") : _("Because of these answers:"),
	    "  ", "  ");
	for (k = 0; k < f->n_trace; k++) {
		q = &in->qn->questions[f->trace[k]];
		sb_reset(&label);
		answer_format_text(q, ctext_question(r->tx, f->trace[k]),
		    &in->ans->eff[f->trace[k]], &label);
		rr_putf(r, "  - ", "    ", _("%s -> %s"), ctext_question(r->tx, f->trace[k])->text,
		    sb_str(&label));
	}
	sb_free(&label);
}

static void
section_why(struct render *r)
{
	const struct outcome *oc = r->in->oc;
	size_t i, n = 0;
	bool hidden = false;
	int level;

	rr_section(r, REPORT_WHY, _("Why"));
	/* The strictest reasons first: they decide the result, and a reader may stop early. */
	for (level = LEVEL_UNSUITABLE; level > LEVEL_SUITABLE; level--)
		for (i = 0; i < oc->n_fired; i++) {
			if ((int)r->in->rs->rules[oc->fired[i].rule].level != level)
				continue;
			if (rr_patient(r) && private_rule(r, &oc->fired[i])) {
				hidden = true;
				continue;
			}
			if (n++ > 0)
				sb_appendc(r->out, '\n');
			why_entry(r, &oc->fired[i]);
		}
	/* One sentence, whatever the private rules were and however many. */
	if (hidden) {
		if (n++ > 0)
			sb_appendc(r->out, '\n');
		rr_text(r, _("The practitioner will go through some points with you in person."),
		    "* ", "  ");
	}
	if (n == 0)
		rr_text(r, _("No answer stands in the way of treatment."), "", "");
}

static void
section_patch(struct render *r)
{
	const struct report_input *in = r->in;
	const struct rule *rule;
	long wait;
	char level[16];
	size_t i;
	int p;

	if (rr_patient(r) && in->oc->suitability == LEVEL_UNSUITABLE)
		return;
	rr_section(r, REPORT_PATCH, _("Patch test"));
	rr_text(r, report_patch_phrase(shown_patch(r)), "", "");
	if (shown_patch(r) == PATCH_NOT_NEEDED)
		return;
	if ((wait = settings_find(in->st->defs, "patch_test_wait_hours")) >= 0)
		rr_textf(r, "", "",
		    _("Wait at least %ld hours after the test before the first "
		      "session."),
		    in->st->values[wait]);
	for (p = PATCH_REQUIRED; p > PATCH_NOT_NEEDED; p--)
		for (i = 0; i < in->oc->n_fired; i++) {
			rule = &in->rs->rules[in->oc->fired[i].rule];
			if ((int)rule->patch != p)
				continue;
			if (rr_patient(r)) {
				if (!private_rule(r, &in->oc->fired[i]) &&
				    ctext_reason(r->tx, in->oc->fired[i].rule) != NULL)
					rr_text(r, ctext_reason(r->tx, in->oc->fired[i].rule), "* ",
					    "  ");
				continue;
			}
			tag(level, sizeof level, rules_patch_name(rule->patch));
			rr_textf(r, "* ", "  ", "[%s] %s", level,
			    ctext_reason(r->tx, in->oc->fired[i].rule) != NULL ?
			        ctext_reason(r->tx, in->oc->fired[i].rule) :
			        rule->id);
		}
}

/* The patient's copy of an unsuitable result keeps the safety notes only: sessions,
 * aftercare and costs are for someone the clinic will treat. */
static bool
note_shown(const struct render *r, size_t n)
{
	if (!rr_patient(r))
		return true;
	if (r->in->oc->suitability == LEVEL_UNSUITABLE && r->in->rs->notes[n].group != NOTE_SAFETY)
		return false;
	return note_for_patient(r, n);
}

static void
section_notes(struct render *r)
{
	static const enum note_group groups[] = { NOTE_SAFETY, NOTE_EXPECTATION, NOTE_LOGISTICS };
	const struct outcome *oc = r->in->oc;
	const struct note *note;
	size_t g, i, shown = 0;
	bool any;

	rr_section(r, REPORT_NOTES, _("What to expect"));
	for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		any = false;
		for (i = 0; i < oc->n_notes; i++) {
			note = &r->in->rs->notes[oc->notes[i]];
			if (note->group != groups[g] || !note_shown(r, oc->notes[i]))
				continue;
			if (!any) {
				if (shown++ > 0)
					sb_appendc(r->out, '\n');
				rr_text(r, group_title(groups[g]), "", "");
				any = true;
			}
			rr_text(r, ctext_note(r->tx, oc->notes[i]), "  * ", "    ");
		}
	}
	if (shown == 0)
		rr_text(r, _("Nothing to add."), "", "");
}

/* "%*zu. " of v in width digits, into buf (32 bytes: any size_t fits). */
static void
number_label(char buf[32], size_t v, size_t width)
{
	char digits[24];
	size_t k = sizeof digits, o = 0;

	do
		digits[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (; o + (sizeof digits - k) < width && o < 20; o++)
		buf[o] = ' ';
	memcpy(buf + o, digits + k, sizeof digits - k);
	o += sizeof digits - k;
	memcpy(buf + o, ". ", 3);
}

static void
section_answers(struct render *r)
{
	const struct questionnaire *qn = r->in->qn;
	const struct question *q;
	const struct answer *v;
	struct strbuf label = { 0 }, pad = { 0 }, first = { 0 }, indent = { 0 };
	char num[32];
	size_t i, n = 0, digits = 1;

	rr_section(r, REPORT_ANSWERS, rr_patient(r) ? _("Your answers") : _("Answers"));
	/* Numbered by position in the questionnaire, so skipped questions leave gaps. */
	for (i = qn->n_questions; i >= 10; i /= 10)
		digits++;
	rr_repeat(&pad, ' ', digits + 2);
	sb_append(&first, sb_str(&pad));
	sb_append(&first, "-> ");
	sb_append(&indent, sb_str(&pad));
	sb_append(&indent, "   ");
	for (i = 0; i < qn->n_questions; i++) {
		q = &qn->questions[i];
		v = &r->in->ans->eff[i];
		if (v->kind == ANSWER_ABSENT ||
		    (rr_patient(r) && q->audience == AUDIENCE_CONSULTANT))
			continue;
		number_label(num, i + 1, digits);
		if (q->audience == AUDIENCE_CONSULTANT)
			rr_textf(r, num, sb_str(&pad), _("%s (consultant)"),
			    ctext_question(r->tx, i)->text);
		else
			rr_text(r, ctext_question(r->tx, i)->text, num, sb_str(&pad));
		sb_reset(&label);
		answer_format_text(q, ctext_question(r->tx, i), v, &label);
		rr_put(r, sb_str(&label), sb_str(&first), sb_str(&indent));
		/* A reviewed answer is the consultant's, not what the patient said: say so. */
		if (review_change_of(r->in->ans->review, i) != NULL)
			rr_put(r,
			    rr_patient(r) ? _("(as the consultant recorded it)") :
			                    _("(changed in the consultant's review)"),
			    sb_str(&indent), sb_str(&indent));
		n++;
	}
	if (n == 0)
		rr_text(r, _("No answers were given."), "", "");
	sb_free(&label);
	sb_free(&pad);
	sb_free(&first);
	sb_free(&indent);
}

static void
section_ignored(struct render *r)
{
	const struct answers *a = r->in->ans;
	size_t i;

	if (a->n_ignored == 0)
		return;
	rr_section(r, REPORT_IGNORED, _("Ignored answers (questions not shown)"));
	for (i = 0; i < a->n_ignored; i++) {
		if (a->ignored[i].line > 0)
			rr_putf(r, "* ", "  ", _("%s (answers file, line %d)"), a->ignored[i].id,
			    a->ignored[i].line);
		else
			rr_put(r, a->ignored[i].id, "* ", "  ");
	}
}

static void
section_settings(struct render *r)
{
	const struct settings *st = r->in->st;
	struct strbuf value = { 0 };
	size_t i;

	rr_section(r, REPORT_SETTINGS, _("Settings in effect"));
	for (i = 0; i < st->defs->n; i++) {
		sb_reset(&value);
		sb_append(&value, st->defs->items[i].id);
		sb_append(&value, " = ");
		/* A number as settings_format_value writes it ("%ld", tests/test_report.c
		 * holds them to it), without a vsnprintf per setting per report. */
		if (st->defs->items[i].type == SETTING_INTEGER)
			rr_put_signed(&value, st->values[i]);
		else
			settings_format_value(st, i, &value);
		rr_text(r, sb_str(&value), "", "    ");
	}
	if (st->defs->n == 0)
		rr_text(r, _("None."), "", "");
	sb_free(&value);
}

/* A line to write on: label, then underscores to the report's width. */
void
rr_rule_line(struct render *r, const char *label)
{
	size_t w = text_width(label);

	/* A translation, written as it is: the final pass is what checks it otherwise. */
	if (!rr_clean_as_is(r, label))
		r->dirty = true;
	sb_append(r->out, label);
	if (w < r->width)
		rr_repeat(r->out, '_', r->width - w);
	sb_appendc(r->out, '\n');
}

/* What the practitioner decides, in person, with room to write and sign. */
/* A record id as the footer shows it: whole when short (the program's own are 24
 * characters), else cut at a character boundary with "...", so that the footer stays one
 * line of the page. */
#define FOOTER_ID_MAX 28
static const char *
footer_id(const char *id, char buf[FOOTER_ID_MAX + 4])
{
	size_t n = strlen(id);

	if (n <= FOOTER_ID_MAX)
		return id;
	for (n = FOOTER_ID_MAX; n > 0 && ((unsigned char)id[n] & 0xc0) == 0x80; n--)
		;
	memcpy(buf, id, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* Sanitises (and in ASCII mode transliterates) what follows start in to, in place. */
static void
final_pass(struct strbuf *to, size_t start, bool ascii)
{
	size_t n = to->len - start;
	char *body = xmalloc(n + 1), *clean;

	memcpy(body, to->buf + start, n);
	body[n] = '\0';
	explicit_bzero(to->buf + start, n);
	to->len = start;
	to->buf[start] = '\0';
	clean = text_is_clean(body, true) ? NULL : text_sanitize(body, n, 0, true);
	if (ascii)
		text_to_ascii(to, clean != NULL ? clean : body);
	else
		sb_append(to, clean != NULL ? clean : body);
	if (clean != NULL)
		explicit_bzero(clean, strlen(clean));
	free(clean);
	explicit_bzero(body, n);
	free(body);
}

void
report_write_text(struct strbuf *out, const struct report_input *in, const struct report_opts *opts)
{
	report_write_text_toc(out, in, opts, NULL);
}

void
report_write_text_toc(struct strbuf *out, const struct report_input *in,
    const struct report_opts *opts, struct report_toc *toc)
{
	/* The patient's answers pass through these: wiped as they grow and when let go. */
	struct strbuf fmt = { .secret = true }, label = { 0 };
	struct strbuf *to = out;
	struct render r;
	size_t start, line = 0, i, page_lines = opts != NULL ? opts->page_lines : 0;
	const char *p;
	char idbuf[32], idbuf2[FOOTER_ID_MAX + 4];
	struct ctext *english = NULL;

	start = to->len;
	r.out = to;
	r.width = opts != NULL && opts->width != 0 ? opts->width : REPORT_WIDTH;
	r.ascii = opts != NULL && opts->ascii;
	r.copy = opts != NULL ? opts->copy : REPORT_COPY_CLINIC;
	r.in = in;
	r.tx = in->tx != NULL ? in->tx : (english = ctext_english(in->qn, in->rs));
	/* Line numbers of a paged report would count the footers: no contents then. */
	r.toc = page_lines == 0 ? toc : NULL;
	r.fmt = &fmt;
	r.memo = opts != NULL ? opts->memo : NULL;
	r.start = r.counted = start;
	r.lines = 0;
	r.dirty = false;
	if (toc != NULL)
		toc->n = 0;
	section_title(&r);
	section_result(&r);
	section_why(&r);
	section_patch(&r);
	section_notes(&r);
	section_answers(&r);
	if (!rr_patient(&r)) {
		section_ignored(&r);
		section_settings(&r);
		rr_section_review(&r);
		rr_section_practitioner(&r);
	}
	sb_appendc(to, '\n');
	fallbacks(&r);
	disclaimer(&r);
	ctext_free(english);
	sb_free(&fmt);
	/*
	 * The guarantee that no control byte but "\n" and nothing outside ASCII (in ASCII mode)
	 * can leave, whatever changes above: every piece was checked (and sanitised) on its
	 * way in, and a report holding anything that was not goes through the whole pass.
	 */
	if (r.dirty)
		final_pass(to, start, r.ascii);
	if (page_lines > 0) {
		/* The footer names the record: loose printed pages find their way back. */
		if (rr_patient(&r))
			sb_append(&label, _("SMP screening summary"));
		else
			rr_format(&label, _("SMP screening record %s"),
			    footer_id(answers_record_id(in->ans, idbuf), idbuf2));
		report_paginate(out, start, page_lines < 20 ? 20 : page_lines, sb_str(&label),
		    r.ascii, r.width);
		sb_free(&label);
		return;
	}
	/* Offsets of the headings in the finished text, one pass over its lines. */
	for (i = 0, p = out->buf + start; toc != NULL && i < toc->n; i++) {
		for (; line < toc->items[i].line && p != NULL; line++)
			if ((p = strchr(p, '\n')) != NULL)
				p++;
		toc->items[i].offset =
		    p != NULL ? (size_t)(p - (out->buf + start)) : out->len - start;
	}
}
