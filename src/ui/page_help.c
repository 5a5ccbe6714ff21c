/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "page.h"
#include "smpscreen/i18n.h"

/* The whole question first (on a small screen the question page may have cut it), then its
 * help, then the picture of the focused option. */
static void
help_draw(struct wizard *wz)
{
	const struct question *q = &wz->qn->questions[wz->question.q];
	size_t focus = wz->question.focus;
	const char *ill = focus < q->n_options ? q->options[focus].illustration : NULL;
	int row = 2, width = draw_text_columns(), bottom = LINES - 4;

	page_question_frame(wz);
	row += draw_text(&wz->dc, row, 1, width, bottom - row, q->text, A_BOLD) + 1;
	row += draw_text(&wz->dc, row, 1, width, bottom - row,
	           q->help != NULL ?
	               q->help :
	               _("There is no more help for this question; the consultant can explain it."),
	           A_NORMAL) +
	    1;
	if (ill != NULL && row < bottom) {
		draw_line(&wz->dc, row++, 1, width, answer_item_label(q, focus), A_BOLD);
		draw_text(&wz->dc, row, 3, width - 2, bottom - row, ill, A_NORMAL);
	}
	move(2, 1);
}

/* Any key closes the help, Esc included (Esc answers nothing elsewhere); a resize only
 * redraws it. */
static void
help_key(struct wizard *wz, int key)
{
	struct ui_key k =
	    keymap_lookup(key, page_question_context(&wz->qn->questions[wz->question.q]));

	if (k.action != UI_RESIZE && (k.action != UI_NONE || key == 0x1b))
		wz->page = &page_question;
}

const struct page page_help = { help_draw, help_key };
