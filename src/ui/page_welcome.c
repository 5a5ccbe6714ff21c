/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "page.h"
#include "smpscreen/i18n.h"

static void
welcome_draw(struct wizard *wz)
{
	const struct draw_ctx *d = &wz->dc;
	int row = 2, w = draw_text_columns();

	draw_frame(d, wz->qn->title,
	    wz->draft_waiting ? _("r: continue where you left off   Enter: start again   q: quit") :
	                        _("Enter: start   q: quit"));
	row +=
	    draw_text(d, row, 1, w, LINES - 6 - row,
	        _("This questionnaire helps a clinic "
	          "see whether scalp micropigmentation (SMP) may suit you, and what to expect. It "
	          "takes about 10 to 15 minutes."),
	        A_NORMAL) +
	    1;
	row += draw_text(d, row, 1, w, LINES - 6 - row,
	           _("It is a screening aid, not medical "
	             "advice: a practitioner makes the decision, in person."),
	           A_BOLD) +
	    1;
	draw_text(d, row, 1, w, LINES - 5 - row,
	    _("Move with the arrow keys, choose with "
	      "Enter, tick several with Space. A number picks an option straight away. "
	      "Backspace goes back, ? shows help."),
	    A_NORMAL);
}

static void
welcome_key(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);
	struct diag_list dl = { 0 };

	switch (k.action) {
	case UI_RESUME:
		if (!wz->draft_waiting)
			break;
		wz->draft_waiting = false;
		if (session_resume(wz->s, NULL, &dl) == 0)
			wizard_go_to(wz, session_next(wz->s, 0, true));
		else
			wizard_say(wz, _("The draft could not be read; starting again."));
		diag_clear(&dl);
		break;
	case UI_CONFIRM:
	case UI_TOGGLE:
		/* Starting again replaces the waiting draft with this consultation's. */
		wz->draft_waiting = false;
		wizard_go_to(wz, session_next(wz->s, 0, false));
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->dialog = &page_quit;
		break;
	default:
		break;
	}
}

const struct page page_welcome = { welcome_draw, welcome_key };
