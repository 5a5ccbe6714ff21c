/* SPDX-License-Identifier: ISC */
/* Kiosk: "are you still there?", over the whole screen so that a passer-by sees no answers,
 * counting down to discarding them. Any key ends it (the wizard's loop spends that key on
 * the kiosk, so it reaches no page). */
#include "config.h"

#include <stdio.h>

#include "page.h"
#include "smpscreen/i18n.h"

static void
idle_draw(struct wizard *wz)
{
	const struct draw_ctx *d = &wz->dc;
	struct draw_ctx quiet = *d;
	long left = kiosk_countdown(wz->k, wizard_now());
	char line[200];
	int row = 2, w = draw_text_columns();

	erase();
	quiet.msg = "";
	draw_frame(&quiet, _("Are you still there?"), _("Any key: continue"));
	row += draw_text(d, row, 1, w, LINES - 4 - row,
	           _("Are you still there? Press any key to "
	             "continue."),
	           A_BOLD) +
	    1;
	snprintf(line, sizeof line,
	    P_("Otherwise your answers will be cleared in %ld second, and nothing will be "
	       "saved.",
	        "Otherwise your answers will be cleared in %ld seconds, and nothing will be saved.",
	        (unsigned long)left),
	    left);
	draw_text(d, row, 1, w, LINES - 4 - row, line, A_NORMAL);
}

static void
idle_key(struct wizard *wz, int key)
{
	/* Reached only if the kiosk did not spend the key (it always does). */
	(void)wz;
	(void)key;
}

const struct page page_still_there = { idle_draw, idle_key };
