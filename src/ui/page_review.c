/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/* The session's review list plus a last item, "see the result"; returns the count with it. */
static size_t
items_get(struct wizard *wz, struct review_item **items)
{
	*items = xcalloc(wz->qn->n_questions + 1, sizeof **items);
	return session_review(wz->s, *items) + 1;
}

static void
review_draw(struct wizard *wz)
{
	struct review_page *rp = &wz->review;
	struct review_item *items;
	size_t n = items_get(wz, &items), i;
	struct strbuf line = { .secret = true };
	int row = 2, rows = LINES - 6, width = draw_text_columns(), cursor = 2;

	draw_frame(&wz->dc, _("Review your answers"),
	    _("Up/Down move  Enter change / see result  q quit"));
	if (rp->focus >= n)
		rp->focus = n - 1;
	/* Two rows an item; keep the focus on screen. */
	if (rp->focus < rp->top)
		rp->top = rp->focus;
	while ((int)(rp->focus - rp->top + 1) * 2 > rows)
		rp->top++;
	for (i = rp->top; i < n && row + 1 < 2 + rows; i++, row += 2) {
		attr_t attr = i == rp->focus ? A_REVERSE : A_NORMAL;
		const struct question *q;

		if (i == rp->focus)
			cursor = row;
		if (i == n - 1) {
			draw_line(&wz->dc, row, 1, width, _("[ See the result ]"), attr | A_BOLD);
			continue;
		}
		q = &wz->qn->questions[items[i].q];
		sb_reset(&line);
		/* The number the patient saw; none for an answer put aside. */
		if (session_number(wz->s, items[i].q) > 0)
			sb_printf(&line, "Q%zu. ", session_number(wz->s, items[i].q));
		sb_append(&line, q->text);
		draw_line(&wz->dc, row, 1, width, sb_str(&line), attr);
		sb_reset(&line);
		sb_append(&line,
		    items[i].state == REVIEW_DROPPED ? _("   not used (no longer asked): ") :
		                                       "   -> ");
		answer_format(q, items[i].v, &line);
		draw_line(&wz->dc, row + 1, 1, width, sb_str(&line),
		    items[i].state == REVIEW_DROPPED ? A_DIM : A_NORMAL);
	}
	move(cursor, 1);
	sb_free(&line);
	free(items);
}

/* Enter on the last item: the result, or first a question that still needs an answer. */
static void
see_result(struct wizard *wz)
{
	size_t missing = session_next(wz->s, 0, true);

	if (missing < wz->qn->n_questions) {
		page_question_open(wz, missing, true);
		wizard_say(wz, _("This question still needs an answer."));
	} else
		page_result_open(wz);
}

static void
review_key(struct wizard *wz, int key)
{
	struct review_page *rp = &wz->review;
	struct review_item *items;
	size_t n = items_get(wz, &items);
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);

	if (wizard_move_focus(&rp->focus, n, k.action, 5)) {
		free(items);
		return;
	}
	switch (k.action) {
	case UI_CONFIRM:
		if (rp->focus == n - 1)
			see_result(wz);
		else if (items[rp->focus].state == REVIEW_DROPPED)
			wizard_say(wz,
			    _("This question is no longer asked: an earlier answer "
			      "changed."));
		else {
			session_clear_trail(wz->s);
			page_question_open(wz, items[rp->focus].q, true);
		}
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
