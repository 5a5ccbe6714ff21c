/* SPDX-License-Identifier: ISC */
/*
 * The one-line prompts of a consultant's review: the consultant's name (once per review),
 * why an answer was changed, and why the consultant decides otherwise than the computed
 * result. The session checks what is typed (it decides what a record may keep); this page
 * only holds the text, in a secret strbuf, until Enter hands it over.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/review.h"
#include "smpscreen/rules.h"
#include "smpscreen/text.h"

void
page_prompt_open(struct wizard *wz, enum prompt_kind kind, size_t q, int level,
    enum prompt_then then)
{
	struct prompt_page *pp = &wz->prompt;
	const struct review_decision *d;
	const char *given = NULL;

	pp->kind = kind;
	pp->q = q;
	pp->level = level;
	pp->then = then;
	pp->field.secret = true;
	sb_reset(&pp->field);
	/* What was said before is there to confirm with Enter, or to edit. */
	if (kind == PROMPT_REASON)
		given = session_review_reason(wz->s, q);
	else if (kind == PROMPT_DECISION && session_review_decided(wz->s) &&
	    (d = session_review_decision(wz->s))->level == level)
		given =
		    d->reason; /* this review's own: an earlier consultant's words stay theirs */
	if (given != NULL)
		sb_append(&pp->field, given);
	wizard_show(wz, &page_prompt);
}

/* --- drawing --------------------------------------------------------------------------- */

/* The answer to q, in words, for "The patient said: ...". */
static void
answer_words(struct wizard *wz, size_t q, const struct answer *v, struct strbuf *out)
{
	if (v->kind == ANSWER_ABSENT)
		sb_append(out, _("no answer"));
	else
		answer_format_text(&wz->qn->questions[q], wizard_qtext(wz, &wz->qn->questions[q]),
		    v, out);
}

/* What the prompt is about, above the field. */
static void
context(struct wizard *wz, struct strbuf *out)
{
	const struct prompt_page *pp = &wz->prompt;
	const char *by, *file = session_review_file(wz->s);
	char *shown;

	switch (pp->kind) {
	case PROMPT_NAME:
		/* A file name is whatever bytes someone chose: never raw to the terminal. */
		shown = text_escape_unclean(file, strlen(file));
		sb_printf(out,
		    _("You are reviewing %s. Your name is recorded with every answer you change "
		      "and with your decision."),
		    shown);
		free(shown);
		break;
	case PROMPT_REASON:
		sb_printf(out, "%s\n", wizard_qtext(wz, &wz->qn->questions[pp->q])->text);
		by = session_reported_by(wz->s, pp->q);
		if (by != NULL)
			sb_printf(out, _("Recorded before, by %s: "), by);
		else if (session_reported_source(wz->s, pp->q) == REPORTED_CONSULTANT)
			sb_append(out, _("Recorded before: "));
		else
			sb_append(out, _("The patient said: "));
		answer_words(wz, pp->q, session_reported(wz->s, pp->q), out);
		sb_append(out, "\n");
		sb_append(out, _("Now: "));
		answer_words(wz, pp->q, session_answer(wz->s, pp->q), out);
		sb_append(out, "\n\n");
		sb_printf(out,
		    _("Why was it changed? At least %d words; the reason is kept in the "
		      "record."),
		    REVIEW_MIN_WORDS);
		break;
	case PROMPT_DECISION:
		sb_printf(out, _("Computed result: %s"),
		    report_level_phrase(session_outcome(wz->s)->suitability));
		sb_append(out, "\n");
		sb_printf(out, _("Your decision: %s"), report_level_phrase((enum level)pp->level));
		sb_append(out, "\n\n");
		sb_printf(out,
		    _("Why? At least %d words. The computed result stays in the record beside "
		      "your decision."),
		    REVIEW_MIN_WORDS);
		break;
	}
}

static const char *
title(const struct prompt_page *pp)
{
	switch (pp->kind) {
	case PROMPT_NAME:
		return _("Consultant's review");
	case PROMPT_REASON:
		return _("Why was this answer changed?");
	case PROMPT_DECISION:
		return _("Your decision");
	}
	return "";
}

static void
prompt_draw(struct wizard *wz)
{
	static const char *const hints[] = {
		N_("Enter confirm  Backspace erase  Left back  Ctrl-C quit"),
		N_("Enter confirm  Left back"),
		NULL,
	};
	const struct prompt_page *pp = &wz->prompt;
	struct strbuf about = { .secret = true };
	char *shown = text_sanitize(sb_str(&pp->field), pp->field.len, 0, false);
	const char *tail;
	int w = draw_text_columns(), row = 2, bottom = LINES - 4, col;

	draw_frame(&wz->dc, title(pp), draw_pick(&wz->dc, (size_t)(COLS - 2), hints));
	context(wz, &about);
	/* The field keeps its row; the text above it is cut when the screen is small. */
	row += draw_text(&wz->dc, row, 1, w, bottom - row - 2 > 0 ? bottom - row - 2 : 0,
	    sb_str(&about), A_NORMAL);
	row++;
	tail = draw_tail(shown, (size_t)(w - 2));
	mvhline(row, 1, ' ' | A_REVERSE, w);
	draw_line(&wz->dc, row, 1, 2, "> ", A_REVERSE);
	draw_line(&wz->dc, row, 3, w - 2, tail, A_REVERSE);
	col = 3 + (int)draw_width(tail, strlen(tail));
	move(row < LINES ? row : LINES - 1, col < COLS ? col : COLS - 1);
	explicit_bzero(shown, strlen(shown));
	free(shown);
	sb_free(&about);
}

/* --- keys ------------------------------------------------------------------------------ */

/* The field as the session takes it: sanitised, without surrounding spaces. Caller frees
 * with value_free. */
static char *
field_value(const struct strbuf *f)
{
	char *v = text_sanitize(sb_str(f), f->len, REVIEW_REASON_MAX + 1, false), *s, *e;
	size_t len = strlen(v);

	for (s = v; *s == ' '; s++)
		;
	for (e = v + len; e > s && e[-1] == ' '; e--)
		;
	*e = '\0';
	memmove(v, s, strlen(s) + 1);
	explicit_bzero(v + strlen(v) + 1, len - strlen(v));
	return v;
}

static void
value_free(char *v)
{
	explicit_bzero(v, strlen(v));
	free(v);
}

/* Where the prompt leads once it is answered. */
static void
go_on(struct wizard *wz)
{
	switch (wz->prompt.then) {
	case PROMPT_THEN_QUESTIONS:
		page_question_open(wz, session_next(wz->s, 0, false), false);
		break;
	case PROMPT_THEN_ADVANCE:
		page_question_advance(wz);
		break;
	case PROMPT_THEN_RESULT:
		page_review_see_result(wz);
		break;
	}
}

static void
submit(struct wizard *wz)
{
	struct prompt_page *pp = &wz->prompt;
	char *v = field_value(&pp->field);
	const char *why = NULL;

	switch (pp->kind) {
	case PROMPT_NAME:
		why = session_set_reviewer(wz->s, v);
		break;
	case PROMPT_REASON:
		why = session_set_review_reason(wz->s, pp->q, v);
		break;
	case PROMPT_DECISION:
		why = session_review_decide(wz->s, pp->level, v);
		break;
	}
	value_free(v);
	if (why != NULL) {
		snprintf(wz->msg, sizeof wz->msg, _("Please correct this: %s."), why);
		return;
	}
	sb_reset(&pp->field);
	if (pp->kind == PROMPT_DECISION)
		page_result_open(wz);
	else
		go_on(wz);
}

/* Left: back to where the prompt came from. A change keeps waiting for its reason (the
 * result asks again before anything is saved). */
static void
back(struct wizard *wz)
{
	struct prompt_page *pp = &wz->prompt;

	switch (pp->kind) {
	case PROMPT_NAME:
		wizard_say(wz, _("The consultant's name is needed to review."));
		return;
	case PROMPT_REASON:
		/* An answer put aside by another change has no question to go back to. */
		if (session_asked(wz->s, pp->q))
			page_question_open(wz, pp->q, wz->question.from_review);
		else
			wizard_show(wz, &page_review);
		break;
	case PROMPT_DECISION:
		page_decision_open(wz);
		break;
	}
	sb_reset(&pp->field);
}

static void
prompt_key(struct wizard *wz, int key)
{
	struct prompt_page *pp = &wz->prompt;
	struct ui_key k = keymap_lookup(key, UI_CTX_TEXT);

	if (k.action != UI_RESIZE)
		wz->msg[0] = '\0';
	switch (k.action) {
	case UI_CHAR:
		if (pp->field.len <= REVIEW_REASON_MAX)
			sb_appendc(&pp->field, (char)k.byte);
		break;
	case UI_ERASE:
		/* A whole character: continuation bytes go with their lead byte. */
		while (pp->field.len > 0 &&
		    ((unsigned char)pp->field.buf[--pp->field.len] & 0xc0) == 0x80)
			pp->field.buf[pp->field.len] = '\0';
		if (pp->field.buf != NULL)
			pp->field.buf[pp->field.len] = '\0';
		break;
	case UI_CONFIRM:
		submit(wz);
		break;
	case UI_BACK:
		back(wz);
		break;
	case UI_INTERRUPT:
		wz->dialog = &page_quit;
		break;
	default:
		break;
	}
}

const struct page page_prompt = { prompt_draw, prompt_key };

/* --- the consultant's decision ---------------------------------------------------------- */

/* The choices: the five levels, then "none of my own". */
#define DECISION_ITEMS (LEVEL_UNSUITABLE + 2)

void
page_decision_open(struct wizard *wz)
{
	const struct review_decision *d = session_review_decision(wz->s);

	/* On this review's own decision, else on "none of my own" (which keeps an earlier
	 * review's decision): Enter changes nothing. */
	wz->decision_focus =
	    d != NULL && session_review_decided(wz->s) ? (size_t)d->level : DECISION_ITEMS - 1;
	wizard_show(wz, &page_decision);
}

static void
decision_draw(struct wizard *wz)
{
	static const char *const hints[] = {
		N_("Up/Down move  Enter choose  Left back to the result  q quit"),
		N_("Enter choose  Left back"),
		NULL,
	};
	struct strbuf line = { 0 };
	const struct outcome *oc = session_outcome(wz->s);
	/* A review can replace an earlier consultant's decision, never erase it. */
	const char *last = session_review_earlier_decision(wz->s) != NULL ?
	    _("No decision of my own: the earlier decision stands") :
	    _("No decision of my own: the computed result stands");
	int w = draw_text_columns(), row = 2, cursor = 2;
	size_t i;

	draw_frame(&wz->dc, _("Your decision"), draw_pick(&wz->dc, (size_t)(COLS - 2), hints));
	sb_printf(&line, _("Computed result: %s"), report_level_phrase(oc->suitability));
	row += draw_text(&wz->dc, row, 1, w, 2, sb_str(&line), A_BOLD);
	row += draw_text(&wz->dc, row, 1, w, 3,
	    _("Record a decision of your own when it differs; the computed result is never "
	      "replaced."),
	    A_NORMAL);
	row++;
	for (i = 0; i < DECISION_ITEMS && row < LINES - 4; i++, row++) {
		attr_t attr = i == wz->decision_focus ? A_REVERSE : A_NORMAL;

		if (i == wz->decision_focus)
			cursor = row;
		draw_line(&wz->dc, row, 1, 2, i == wz->decision_focus ? ">" : " ", A_BOLD);
		draw_fit(&wz->dc, row, 3, w - 2,
		    i + 1 < DECISION_ITEMS ? report_level_phrase((enum level)i) : last, attr);
	}
	move(cursor, 3);
	sb_free(&line);
}

static void
decision_key(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);

	if (k.action != UI_RESIZE)
		wz->msg[0] = '\0';
	if (wizard_move_focus(&wz->decision_focus, DECISION_ITEMS, k.action, DECISION_ITEMS))
		return;
	switch (k.action) {
	case UI_CONFIRM:
	case UI_TOGGLE:
		if (wz->decision_focus + 1 < DECISION_ITEMS)
			page_prompt_open(wz, PROMPT_DECISION, 0, (int)wz->decision_focus,
			    PROMPT_THEN_RESULT);
		else {
			session_review_decide(wz->s, -1, NULL);
			page_result_open(wz);
		}
		break;
	case UI_BACK:
		wizard_show(wz, &page_result);
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->dialog = &page_quit;
		break;
	default:
		break;
	}
}

const struct page page_decision = { decision_draw, decision_key };
