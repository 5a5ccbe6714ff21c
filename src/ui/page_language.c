/* SPDX-License-Identifier: ISC */
/* The language page, opened with l from the welcome page: each language under its own name
 * (a patient looks for "Español", not "Spanish"), the current one focused. Choosing one
 * switches the questions, the messages and the report; the welcome page comes back. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"

enum { KEY_ESCAPE = 0x1b };

void
page_language_hint(struct wizard *wz, int row)
{
	const struct lang_list *l = wz->langs.langs;
	char full[300], brief[300], codes[100];
	const char *alts[4] = { full, brief, codes, NULL };
	size_t i, f, b, c;

	if (!wizard_has_languages(wz))
		return;
	/* "Language" in the current language, and every choice in its own: whoever cannot read
	 * the first word still finds their language's name. Narrower screens drop the word,
	 * then keep only the codes. */
	f = (size_t)snprintf(full, sizeof full, _("l  Language: %s"), lang_name(lang_current()));
	b = (size_t)snprintf(brief, sizeof brief, "l ");
	c = (size_t)snprintf(codes, sizeof codes, "l ");
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->codes[i], lang_current()) != 0 && f < sizeof full)
			f += (size_t)snprintf(full + f, sizeof full - f, "  -  %s", lang_name(l->codes[i]));
		if (b < sizeof brief)
			b += (size_t)snprintf(brief + b, sizeof brief - b, " %s", lang_name(l->codes[i]));
		if (c < sizeof codes)
			c += (size_t)snprintf(codes + c, sizeof codes - c, " %s", l->codes[i]);
	}
	draw_fit(&wz->dc, row, 1, COLS - 2, draw_pick(&wz->dc, (size_t)(COLS - 2), alts), A_BOLD);
}

static void
language_draw(struct wizard *wz)
{
	const struct lang_list *l = wz->langs.langs;
	char line[200];
	size_t i;
	int row = 2;

	draw_frame(&wz->dc, _("Language"), _("Up/Down: move  Enter: choose  Esc: back"));
	for (i = 0; i < l->n && row < LINES - 3; i++, row++) {
		snprintf(line, sizeof line, "%c %zu  %s%s", i == wz->lang_focus ? '>' : ' ', i + 1,
		    lang_name(l->codes[i]),
		    strcmp(l->codes[i], lang_current()) == 0 ? "  *" : "");
		draw_fit(&wz->dc, row, 1, COLS - 2, line, i == wz->lang_focus ? A_REVERSE : A_NORMAL);
	}
	move(2 + (int)wz->lang_focus, 1);
}

static void
choose(struct wizard *wz, size_t i)
{
	wizard_set_language(wz, wz->langs.langs->codes[i]);
	if (wz->k != NULL)
		wz->lang_by_patient = strcmp(lang_current(), wz->kiosk_lang) != 0;
	/* Staff set the kiosk's language from their menu; a patient's choice is theirs alone
	 * and ends with their consultation. */
	wizard_show(wz, &page_welcome);
}

static void
language_key(struct wizard *wz, int key)
{
	const struct lang_list *l = wz->langs.langs;
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);

	if (key == KEY_ESCAPE || k.action == UI_BACK || k.action == UI_QUIT) {
		wizard_show(wz, &page_welcome);
		return;
	}
	if (k.action == UI_INTERRUPT && wz->k == NULL) {
		wz->dialog = &page_quit;
		return;
	}
	if (k.action == UI_DIGIT && k.digit >= 1 && (size_t)k.digit <= l->n) {
		choose(wz, (size_t)k.digit - 1);
		return;
	}
	if (k.action == UI_CONFIRM || k.action == UI_TOGGLE) {
		choose(wz, wz->lang_focus);
		return;
	}
	wizard_move_focus(&wz->lang_focus, l->n, k.action, 5);
}

const struct page page_language = { language_draw, language_key };
