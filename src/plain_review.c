/* SPDX-License-Identifier: ISC */
/*
 * Plain mode's part of a consultant's review (smpscreen review --plain): whose each answer
 * is, why a changed one was changed, the consultant's name and decision. The session
 * decides what a change is and what the record keeps; this only asks and says, line by
 * line, as the rest of plain mode does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plain_int.h"
#include "smpscreen/i18n.h"
#include "smpscreen/report.h"
#include "smpscreen/review.h"
#include "smpscreen/rules.h"
#include "smpscreen/text.h"

/* An answer in words; "no answer" for none. */
static void
answer_words(struct plain *p, size_t i, const struct answer *v, struct strbuf *out)
{
	if (v->kind == ANSWER_ABSENT)
		sb_append(out, _("no answer"));
	else
		answer_format_text(&p->qn->questions[i], ctext_question(session_text(p->s), i), v,
		    out);
}

/* A review: whose the answer to i is, or what it was before it was changed. */
void
plain_review_reported(struct plain *p, size_t i)
{
	const struct answer *was = session_reported(p->s, i), *now = session_answer(p->s, i);
	const char *by = session_reported_by(p->s, i);
	enum reported_source src = session_reported_source(p->s, i);
	struct strbuf sb = { .secret = true }, a = { .secret = true };

	answer_words(p, i, now, &a);
	if (session_review_changed(p->s, i)) {
		answer_words(p, i, was, &sb);
		if (src == REPORTED_REVIEW)
			plain_say(p,
			    _("     Changed in this review (recorded before, by %s: %s).\n"), by,
			    sb_str(&sb));
		else if (src == REPORTED_CONSULTANT)
			plain_say(p, _("     Changed in this review (recorded before: %s).\n"),
			    sb_str(&sb));
		else
			plain_say(p, _("     Changed in this review (the patient said: %s).\n"),
			    sb_str(&sb));
		plain_say(p, _("     Current answer: %s. Press Enter to keep it.\n"), sb_str(&a));
	} else if (src == REPORTED_NOBODY)
		plain_say(p, "     %s\n",
		    p->qn->questions[i].audience == AUDIENCE_CONSULTANT ?
		        _("For the consultant: the patient was not asked this.") :
		        _("The patient gave no answer."));
	else if (src == REPORTED_REVIEW)
		plain_say(p,
		    _("     Recorded by %s in an earlier review: %s. Press Enter to confirm it.\n"),
		    by, sb_str(&a));
	else if (src == REPORTED_CONSULTANT)
		plain_say(p,
		    _("     Recorded before, for the consultant: %s. Press Enter to confirm it.\n"),
		    sb_str(&a));
	else
		plain_say(p, _("     Patient-reported answer: %s. Press Enter to confirm it.\n"),
		    sb_str(&a));
	sb_free(&sb);
	sb_free(&a);
}

/* A review: the reason for the change of question i, asked when the answer differs from
 * the one reported and either none was given yet or (typed) the answer was just changed
 * again. STEP_NEXT once it is recorded (or none is needed), STEP_BACK for "<" (the question
 * is asked again), STEP_QUIT or STEP_EOF. */
enum step
plain_review_explain(struct plain *p, size_t i, bool typed)
{
	struct strbuf sb = { 0 };
	const char *why, *given;
	enum step st;
	char *line;

	if (!session_reviewing(p->s) || !session_review_changed(p->s, i) ||
	    (!typed && session_review_reason(p->s, i) != NULL))
		return STEP_NEXT;
	given = session_review_reason(p->s, i);
	if (given != NULL)
		plain_say(p, _("     Reason given: %s (press Enter to keep it)\n"), given);
	sb_printf(&sb,
	    _("Why was it changed? At least %d words; the reason is kept in the record. (< back "
	      "to the question, q quit)"),
	    REVIEW_MIN_WORDS);
	plain_para(p, sb_str(&sb), "     ", "     ");
	sb_free(&sb);
	for (;;) {
		plain_say(p, "> ");
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				return st;
			continue;
		}
		if (strcmp(line, "<") == 0) {
			plain_line_free(line);
			return STEP_BACK;
		}
		if (*line == '\0' && given != NULL) {
			plain_line_free(line);
			return STEP_NEXT;
		}
		why = session_set_review_reason(p->s, i, line);
		plain_line_free(line);
		if (why == NULL)
			return STEP_NEXT;
		plain_say(p, "     ");
		plain_say(p, _("Please correct this: %s."), why);
		plain_say(p, "\n");
	}
}

/* A consultant's review: whose each answer is, or that it was changed. */
void
plain_review_mark(struct plain *p, size_t q, struct strbuf *line)
{
	/* An answer put aside is listed as "not used" already. */
	if (!session_reviewing(p->s) || p->qn->questions[q].type == QTYPE_INFO ||
	    !session_asked(p->s, q))
		return;
	sb_append(line, session_review_mark(p->s, q));
}

/* A review: the consultant's own decision, beside the computed result (never instead of
 * it): a number, Enter for none (or to keep the one recorded), 0 to remove this review's. */
enum step
plain_review_decide(struct plain *p)
{
	const struct review_decision *d = session_review_decision(p->s);
	bool own = session_review_decided(p->s);
	struct strbuf sb = { 0 };
	const char *why;
	enum step st;
	unsigned long n;
	char *line, *end;
	int level;

	plain_say(p, "\n== %s ==\n", _("Your decision"));
	plain_say(p, _("Computed result: %s"),
	    report_level_phrase(session_outcome(p->s)->suitability));
	plain_say(p, "\n");
	if (d != NULL) {
		plain_say(p, _("Decision recorded: %s"), report_level_phrase((enum level)d->level));
		if (!own)
			plain_say(p, " (%s)", session_review_decision_by(p->s));
		plain_say(p, "\n");
	}
	plain_para(p,
	    _("Record a decision of your own when it differs; the computed result is never "
	      "replaced."),
	    "", "");
	for (level = LEVEL_SUITABLE; level <= LEVEL_UNSUITABLE; level++)
		plain_say(p, "  %2d. %s\n", level + 1, report_level_phrase((enum level)level));
	/* 0 removes this review's own decision only: an earlier consultant's can be replaced
	 * by one of this review's, never erased. */
	plain_para(p,
	    own           ? _("Type a number, 0 to remove the decision of this review, or press "
	                                "Enter to keep it.") :
	        d != NULL ? _("Type a number to record a decision of your own instead, or press "
	                      "Enter to keep the one recorded.") :
	                    _("Type a number, or press Enter for none of your own."),
	    "", "");
	for (;;) {
		plain_say(p, "> ");
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				return st;
			continue;
		}
		n = strtoul(line, &end, 10);
		if (*line == '\0') {
			plain_line_free(line);
			return STEP_NEXT;
		}
		if (*end == '\0' && n >= (own ? 0 : 1) && n <= LEVEL_UNSUITABLE + 1)
			break;
		plain_line_free(line);
		sb_printf(&sb, _("Please type a number from %d to %d, or press Enter."),
		    own ? 0 : 1, LEVEL_UNSUITABLE + 1);
		plain_para(p, sb_str(&sb), "     ", "     ");
		sb_free(&sb);
	}
	plain_line_free(line);
	if (n == 0) {
		session_review_decide(p->s, -1, NULL);
		return STEP_NEXT;
	}
	sb_printf(&sb,
	    _("Why? At least %d words. The computed result stays in the record beside your "
	      "decision."),
	    REVIEW_MIN_WORDS);
	plain_para(p, sb_str(&sb), "", "");
	sb_free(&sb);
	for (;;) {
		plain_say(p, "> ");
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				return st;
			continue;
		}
		why = session_review_decide(p->s, (int)n - 1, line);
		plain_line_free(line);
		if (why == NULL)
			return STEP_NEXT;
		plain_say(p, "     ");
		plain_say(p, _("Please correct this: %s."), why);
		plain_say(p, "\n");
	}
}

/* A review: the consultant's name, once, unless --consultant-name gave it. */
static enum step
ask_reviewer(struct plain *p)
{
	const char *why;
	enum step st;
	char *line;

	while (session_reviewer(p->s) == NULL) {
		plain_say(p, "%s", _("Your name (recorded with the changes and the decision): "));
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				return st;
			continue;
		}
		why = session_set_reviewer(p->s, line);
		plain_line_free(line);
		if (why != NULL) {
			plain_say(p, "     ");
			plain_say(p, _("Please correct this: %s."), why);
			plain_say(p, "\n");
		}
	}
	return STEP_NEXT;
}

/* A review: what is reviewed, how, and by whom. */
enum step
plain_review_intro(struct plain *p)
{
	struct strbuf sb = { .secret = true };
	const char *file = session_review_file(p->s);
	/* A file name is whatever bytes someone chose: never raw to the terminal. */
	char *shown = text_escape_unclean(file, strlen(file));

	sb_printf(&sb,
	    _("Reviewing %s. Each answer is shown as it was given: press Enter to confirm it, "
	      "or type another. A changed answer needs a reason, which is kept in the record "
	      "with your name. Type ? for help with a question, < to go back, q to stop."),
	    shown);
	free(shown);
	plain_para(p, sb_str(&sb), "", "");
	sb_free(&sb);
	return ask_reviewer(p);
}
