/* SPDX-License-Identifier: ISC */
/* Kiosk: the page after the result, which shows nothing of the patient: it is what the
 * next person in the chair finds if the patient just walks away. */
#include "config.h"

#include "page.h"
#include "smpscreen/i18n.h"

static void
thanks_draw(struct wizard *wz)
{
	const struct draw_ctx *d = &wz->dc;
	int row = 2, w = draw_text_columns();

	draw_frame(d, _("Thank you"), _("Any key: the welcome page for the next person"));
	row += draw_text(d, row, 1, w, LINES - 4 - row,
	           _("Thank you. Your answers are saved for the clinic."), A_BOLD) +
	    1;
	draw_text(d, row, 1, w, LINES - 4 - row, _("Please let the staff know you have finished."),
	    A_NORMAL);
}

static void
thanks_key(struct wizard *wz, int key)
{
	if (keymap_lookup(key, UI_CTX_LIST).action == UI_RESIZE)
		return;
	kiosk_next(wz->k, wizard_now());
}

const struct page page_thanks = { thanks_draw, thanks_key };
