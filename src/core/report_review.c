/* SPDX-License-Identifier: ISC */
/*
 * The parts of the text report that speak for the consultant: what they changed of the
 * patient's answers and why, the decision they recorded beside the computed result, and
 * what the answers were screened under when they were saved. Two voices, each named: the
 * patient's answer is never shown as the consultant's, nor the reverse.
 */
#include "config.h"

#include <string.h>

#include "report_render.h"
#include "smpscreen/i18n.h"
#include "smpscreen/review.h"

/* "2027-02-01T10:05:00+01:00" as people read it: "2027-02-01 10:05 UTC+01:00". */
static void
when(const char *at, char *buf, size_t size)
{
	if (at == NULL || strlen(at) < 20) {
		snprintf(buf, size, "%s", at != NULL ? at : "");
		return;
	}
	snprintf(buf, size, "%.10s %.5s UTC%s", at, at + 11, at[19] == 'Z' ? "" : at + 19);
}

void
rr_section_review(struct render *r)
{
	const struct review *rv = r->in->ans->review;
	const struct questionnaire *qn = r->in->qn;
	struct strbuf v = { .secret = true };
	char at[40];
	size_t i;

	if (rv == NULL || rr_patient(r))
		return;
	rr_section(r, REPORT_REVIEW, _("Consultant's review"));
	when(rv->at, at, sizeof at);
	rr_putf(r, "", "  ", _("Reviewed by %s, %s."), rv->by, at);
	if (rv->n_changes == 0)
		rr_put(r, _("Every answer confirmed as the patient gave it."), "", "  ");
	for (i = 0; i < rv->n_changes; i++) {
		const struct review_change *c = &rv->changes[i];
		const struct question *q = &qn->questions[c->question];
		const struct qtext *t = ctext_question(r->tx, c->question);
		size_t k;

		/* The patient's voice only where it is theirs: the first change of a question
		 * they were asked. A later change starts from a consultant's value; a
		 * consultant-only question was never the patient's. */
		for (k = 0; k < i && rv->changes[k].question != c->question; k++)
			;
		rr_put(r, t->text, "* ", "  ");
		sb_reset(&v);
		answer_format_text(q, t, &c->from, &v);
		if (k == i && q->audience == AUDIENCE_PATIENT)
			rr_putf(r, "  ", "    ", _("The patient said: %s"), sb_str(&v));
		else
			rr_putf(r, "  ", "    ", _("Recorded before: %s"), sb_str(&v));
		sb_reset(&v);
		answer_format_text(q, t, &c->to, &v);
		rr_putf(r, "  ", "    ", _("The consultant recorded: %s"), sb_str(&v));
		when(c->at, at, sizeof at);
		if (c->by != NULL)
			rr_putf(r, "  ", "    ", _("Why: %s (%s, %s)"), c->reason, c->by, at);
		else
			rr_putf(r, "  ", "    ", _("Why: %s (%s)"), c->reason, at);
	}
	sb_free(&v);
}

void
rr_section_practitioner(struct render *r)
{
	const struct review *rv = r->in->ans->review;
	char at[40];
	int i;

	rr_section(r, REPORT_PRACTITIONER, _("Practitioner's decision"));
	if (rv != NULL && rv->decision.set) {
		/* Side by side, each named: the computed result is never overwritten. */
		rr_putf(r, "", "    ", _("Computed result:       %s (%s)"),
		    report_level_phrase(r->in->oc->suitability),
		    rules_level_name(r->in->oc->suitability));
		rr_putf(r, "", "    ", _("Consultant's decision: %s (%s)"),
		    report_level_phrase((enum level)rv->decision.level),
		    rules_level_name((enum level)rv->decision.level));
		when(rv->decision.at, at, sizeof at);
		rr_putf(r, "", "    ", _("Why: %s (%s, %s)"), rv->decision.reason,
		    rv->decision.by != NULL ? rv->decision.by : rv->by, at);
	} else {
		rr_text(r, _("Decision (tick one):"), "", "");
		rr_text(r,
		    _("[ ] proceed  [ ] patch test first  [ ] refer  [ ] not now  [ ] decline"),
		    "  ", "  ");
	}
	sb_appendc(r->out, '\n');
	rr_text(r, _("Notes:"), "", "");
	for (i = 0; i < 4; i++)
		rr_rule_line(r, "  ");
	sb_appendc(r->out, '\n');
	rr_rule_line(r, _("Name: "));
	sb_appendc(r->out, '\n');
	rr_rule_line(r, _("Signature: "));
	sb_appendc(r->out, '\n');
	rr_rule_line(r, _("Date: "));
}

void
rr_patient_decision(struct render *r)
{
	const struct review *rv = r->in->ans->review;

	if (rv != NULL && rv->decision.set)
		rr_putf(r, "", "  ", _("The consultant's decision: %s"),
		    report_level_phrase((enum level)rv->decision.level));
}

void
rr_saved_under(struct render *r)
{
	const struct answers_meta *m = &r->in->ans->meta;

	if (m->questionnaire_sha256 != NULL &&
	    strcmp(m->questionnaire_sha256, r->in->qn->sha256) != 0)
		rr_putf(r, "", "  ",
		    _("Saved under questionnaire version %d (sha256 %.12s...): this screening uses "
		      "another."),
		    m->questionnaire_version, m->questionnaire_sha256);
	if (m->rules_sha256 != NULL && strcmp(m->rules_sha256, r->in->rs->sha256) != 0)
		rr_putf(r, "", "  ",
		    _("Saved under rules %s, version %d (sha256 %.12s...): this screening uses "
		      "another, and its result may differ."),
		    m->rules_id != NULL ? m->rules_id : "?", m->rules_version, m->rules_sha256);
}
