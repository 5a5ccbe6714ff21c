/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/*
 * Keys: Enter changes the marked answer; r shows the result from anywhere on the list (r is
 * the action the welcome page reads as "resume": on the review nothing is resumed, and
 * "result" is the word it stands for on the hint line). End and Enter do the same in two
 * keys; a long review is no longer 50 Down presses from its end.
 */

/* The hint line, longest first: the first that fits the screen is shown; every key is in
 * the list that ? shows. */
static const char *const hints[] = {
	N_("Enter change  r see the result  Up/Down/PgUp/PgDn/Home/End  ? keys  q quit"),
	N_("Enter change  r result  Home/End/PgUp/PgDn  ? keys  q quit"),
	N_("r result  Home/End/PgUp/PgDn  ? keys"),
	NULL,
};

static const char *const keys[] = {
	N_("Up/Down (or k/j): move"),
	N_("PgUp/PgDn: move a page"),
	N_("Home/End: the first / the last item"),
	N_("Enter: change the marked answer"),
	N_("r: see the result"),
	N_("Left/Backspace: the last question"),
	N_("q or Ctrl-C: quit (asks first)"),
	NULL,
};

/* The session's review list plus a last item, "see the result"; returns the count with it. */
static size_t
items_get(struct wizard *wz, struct review_item **items)
{
	*items = xcalloc(wz->qn->n_questions + 1, sizeof **items);
	return session_review(wz->s, *items) + 1;
}

/* Every key of the page, over the list (? opened it). */
static void
keys_draw(struct wizard *wz, const struct draw_ctx *d)
{
	(void)wz;
	draw_key_list(d, _("Review your answers: the keys"), _("Enter or ?: back to the review"),
	    keys);
}

/* A consultant's review: whose each answer is ("patient"), or that it was changed. */
static void
review_mark(struct wizard *wz, size_t q, struct strbuf *line)
{
	/* An answer put aside is listed as "not used" already. */
	if (!session_reviewing(wz->s) || wz->qn->questions[q].type == QTYPE_INFO ||
	    !session_asked(wz->s, q))
		return;
	sb_append(line, session_review_mark(wz->s, q));
}

static void
review_draw(struct wizard *wz)
{
	struct review_page *rp = &wz->review;
	struct review_item *items;
	struct draw_ctx d = wz->dc;
	struct strbuf line = { .secret = true };
	size_t n, i;
	int row = 2, rows, said, width = COLS - 2, cursor = 2;

	/* The message is wrapped above the hints; the frame draws none of its own. */
	d.msg = "";
	if (rp->keys) {
		keys_draw(wz, &d);
		return;
	}
	n = items_get(wz, &items);
	draw_frame(&d, _("Review your answers"), draw_pick(&wz->dc, (size_t)(COLS - 2), hints));
	said = draw_text_up(&wz->dc, LINES - 3, 1, width, LINES - 9, wz->msg, A_BOLD);
	rows = LINES - 5 - (said > 1 ? said : 1);
	if (rp->focus >= n)
		rp->focus = n - 1;
	/* Two rows an item; keep the focus on screen. */
	if (rp->focus < rp->top)
		rp->top = rp->focus;
	while ((int)(rp->focus - rp->top + 1) * 2 > rows && rp->top < rp->focus)
		rp->top++;
	for (i = rp->top; i < n && row + 1 < 2 + rows; i++, row += 2) {
		attr_t attr = i == rp->focus ? A_REVERSE : A_NORMAL;
		const struct question *q;

		if (i == rp->focus)
			cursor = row;
		if (i == n - 1) {
			draw_fit(&wz->dc, row, 1, width, _("[ See the result ]"), attr | A_BOLD);
			continue;
		}
		q = &wz->qn->questions[items[i].q];
		sb_reset(&line);
		/* The number the patient saw; none for an answer put aside. */
		if (items[i].number > 0)
			sb_printf(&line, "Q%zu. ", items[i].number);
		sb_append(&line, wizard_qtext(wz, q)->text);
		draw_fit(&wz->dc, row, 1, width, sb_str(&line), attr);
		sb_reset(&line);
		sb_append(&line,
		    items[i].state == REVIEW_DROPPED ? _("   not used (no longer asked): ") :
		                                       "   -> ");
		answer_format_text(q, wizard_qtext(wz, q), items[i].v, &line);
		review_mark(wz, items[i].q, &line);
		draw_fit(&wz->dc, row + 1, 1, width, sb_str(&line),
		    items[i].state == REVIEW_DROPPED ? A_DIM : A_NORMAL);
	}
	move(cursor, 1);
	sb_free(&line);
	free(items);
}

void
page_review_see_result(struct wizard *wz)
{
	size_t missing = session_next(wz->s, 0, true), unexplained;

	if (missing < wz->qn->n_questions) {
		page_question_open(wz, missing, true);
		wizard_say(wz, _("This question still needs an answer."));
	} else if (session_reviewing(wz->s) &&
	    (unexplained = session_review_unexplained(wz->s)) < wz->qn->n_questions) {
		/* Nothing is saved with a change nobody explained. */
		wz->question.q = unexplained;
		wz->question.from_review = true;
		page_prompt_open(wz, PROMPT_REASON, unexplained, 0, PROMPT_THEN_RESULT);
	} else
		page_result_open(wz);
}

static void
review_key(struct wizard *wz, int key)
{
	struct review_page *rp = &wz->review;
	struct review_item *items;
	size_t n;
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);

	if (k.action == UI_RESIZE)
		return;
	if (rp->keys) {
		/* Any key closes the list; one that acts on the review acts too, but Enter,
		 * Space and ? only close it: Enter would change an answer unasked. */
		rp->keys = false;
		if (k.action == UI_CONFIRM || k.action == UI_HELP || k.action == UI_TOGGLE ||
		    k.action == UI_NONE)
			return;
	}
	n = items_get(wz, &items);
	/* PgUp/PgDn: the items a screen shows (two rows each), less one to keep in view. */
	if (wizard_move_focus(&rp->focus, n, k.action,
	        LINES > 9 ? (size_t)(LINES - 6) / 2 - 1 : 1)) {
		free(items);
		return;
	}
	switch (k.action) {
	case UI_CONFIRM:
		if (rp->focus == n - 1)
			page_review_see_result(wz);
		else if (items[rp->focus].state == REVIEW_DROPPED)
			wizard_say(wz,
			    _("This question is no longer asked: an earlier answer "
			      "changed."));
		else {
			session_clear_trail(wz->s);
			page_question_open(wz, items[rp->focus].q, true);
		}
		break;
	case UI_RESUME: /* r: the result, from any item */
		page_review_see_result(wz);
		break;
	case UI_HELP:
		rp->keys = true;
		break;
	case UI_BACK:
		wizard_go_to(wz, session_back(wz->s));
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->dialog = &page_quit;
		break;
	default:
		break;
	}
	free(items);
}

const struct page page_review = { review_draw, review_key };
