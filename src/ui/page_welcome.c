/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/* Rows that paragraph s takes at width w. */
static int
rows_of(const struct draw_ctx *d, const char *s, int w)
{
	char **lines;
	size_t n = draw_wrap(d, s, (size_t)w, "", "", &lines);

	draw_lines_free(lines, n);
	return (int)n;
}

/* What the questionnaire is, that it decides nothing, and how to answer it: in full, and in
 * short for small screens (the key instructions must show at 40x15). */
static const char *const welcome_full[3] = {
	N_("This questionnaire helps a clinic see whether scalp micropigmentation (SMP) may suit "
	   "you, and what to expect. It takes about 10 to 15 minutes."),
	N_("It is a screening aid, not medical advice: a practitioner makes the decision, in "
	   "person."),
	N_("Move with the arrow keys, choose with Enter, tick several with Space. The key beside "
	   "an option (a number or a letter) picks it straight away. Left goes back, ? shows "
	   "help and every key."),
};
static const char *const welcome_brief[3] = {
	N_("Questions to help a clinic see whether SMP may suit you: 10 to 15 minutes."),
	N_("A screening aid, not medical advice: a practitioner decides."),
	N_("Arrows move, Enter or an option's key chooses, Space ticks, Left goes back, ? helps."),
};

static void
welcome_draw(struct wizard *wz)
{
	const struct draw_ctx *d = &wz->dc;
	const char *draft[] = { _("r: continue where you left off   Enter: start again   q: quit"),
		_("r continue  Enter start again  q quit"), _("r continue  Enter restart  q quit"),
		NULL };
	const char *fresh[] = { _("Enter: start   q: quit"), NULL };
	/* A kiosk's patient cannot quit: only staff end it. */
	const char *kiosk[] = { _("Enter: start"), NULL };
	const char *full[4], *brief[4], **para = full;
	char *unkept = NULL;
	int row = 2, w = draw_text_columns(), bottom = LINES - 4, need = 2, gap = 1, n = 0, i;

	for (i = 0; i < 3; i++) {
		full[n] = _(welcome_full[i]);
		brief[n++] = _(welcome_brief[i]);
		/* Said before anything is answered, in bold after the disclaimer: nobody should
		 * learn it when the line has dropped. (A kiosk keeps no draft by design.) */
		if (i == 1 && wz->no_draft != NULL && wz->k == NULL) {
			unkept = xasprintf(_("If the connection drops, your answers so far cannot "
			                     "be kept: %s."),
			    wz->no_draft);
			full[n] = unkept;
			brief[n++] = _("Answers cannot be kept if the connection drops.");
		}
	}

	/* The language line keeps its row whatever the size: it is how a patient who cannot
	 * read the rest finds their language. */
	if (wizard_has_languages(wz)) {
		bottom--;
		page_language_hint(wz, LINES - 4);
	}

	draw_frame(d, ctext_title(session_text(wz->s)),
	    draw_pick(d, (size_t)(COLS - 2),
	        wz->k != NULL         ? kiosk :
	            wz->draft_waiting ? draft :
	                                fresh));
	for (i = 0; i < n; i++)
		need += rows_of(d, full[i], w);
	if (need > bottom - row) {
		para = brief;
		for (need = 2, i = 0; i < n; i++)
			need += rows_of(d, brief[i], w);
		gap = need > bottom - row ? 0 : 1;
	}
	for (i = 0; i < n && row < bottom; i++)
		row += draw_text(d, row, 1, w, bottom - row, para[i],
		           i == 1 || (i == 2 && unkept != NULL) ? A_BOLD : A_NORMAL) +
		    gap;
	free(unkept);
}

static void
welcome_key(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);
	struct diag_list dl = { 0 };
	size_t i;

	if ((key == 'l' || key == 'L') && wizard_has_languages(wz)) {
		for (i = 0; i < wz->langs.langs->n; i++)
			if (strcmp(wz->langs.langs->codes[i], lang_current()) == 0)
				wz->lang_focus = i;
		wizard_show(wz, &page_language);
		return;
	}

	switch (k.action) {
	case UI_RESUME:
		if (!wz->draft_waiting)
			break;
		wz->draft_waiting = false;
		if (session_resume(wz->s, NULL, &dl) == 0)
			wizard_begin(wz, true);
		else
			wizard_say(wz, _("The draft could not be read; starting again."));
		diag_clear(&dl);
		break;
	case UI_CONFIRM:
	case UI_TOGGLE:
		/* Starting again deletes the draft on offer (only that one: a draft another
		 * consultation holds was never offered). */
		if (wz->draft_waiting)
			session_discard_draft(wz->s);
		wz->draft_waiting = false;
		if (wz->k != NULL)
			kiosk_begin(wz->k, wizard_now());
		wizard_begin(wz, false);
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		if (wz->k == NULL)
			wz->dialog = &page_quit;
		break;
	default:
		break;
	}
}

const struct page page_welcome = { welcome_draw, welcome_key };
