/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "page.h"
#include "smpscreen/i18n.h"

/* The quit dialog: one line over the page it was asked from, which stays visible. */
static void
quit_draw(struct wizard *wz)
{
	draw_line(&wz->dc, LINES - 3, 1, COLS - 2,
	    wz->page == &page_result ?
	        _("Quit without saving the result? y: quit  n: stay") :
	        session_draft_path(wz->s) != NULL ?
	        _("Quit? y: keep a draft to continue later  d: delete the answers  n: stay") :
	        _("Quit? Your answers will not be saved. y: quit  n: stay"),
	    A_REVERSE | A_BOLD);
}

static void
quit_key(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_CONFIRM);

	switch (k.action) {
	case UI_YES:
		wz->done = true;
		/* Quitting the result unsaved ends the consultation; elsewhere the draft stays
		 * for later, as the dialog said. */
		if (wz->page == &page_result)
			session_discard_draft(wz->s);
		break;
	case UI_DELETE:
		if (wz->page == &page_result)
			break;
		wz->done = true;
		session_discard_draft(wz->s);
		break;
	case UI_NO:
		wz->dialog = NULL;
		break;
	default:
		break;
	}
}

const struct page page_quit = { quit_draw, quit_key };
