/* SPDX-License-Identifier: ISC */
/* Kiosk: the staff PIN prompt and, behind the right PIN, the staff menu. Drawn over the
 * whole screen: whatever the patient had on it is not staff business. The PIN is masked,
 * kept in a secret buffer and zeroed as soon as it has been checked. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"

enum { KEY_ESCAPE = 0x1b };

/* What the patient's result says about saving, for the menu's first lines. */
static bool
unsaved(const struct wizard *wz)
{
	return kiosk_underneath(wz->k) == KIOSK_UNSAVED;
}

static void
pin_draw(struct wizard *wz, int row, int w)
{
	const struct draw_ctx *d = &wz->dc;
	long locked = kiosk_staff_locked_for(wz->k, wizard_now());
	char line[200];
	size_t i;

	row += draw_text(d, row, 1, w, LINES - 4 - row, _("Staff PIN:"), A_BOLD);
	move(row, 1);
	for (i = 0; i < wz->staff.pin.len && i < (size_t)w; i++)
		addch('*');
	row += 2;
	if (locked > 0) {
		snprintf(line, sizeof line,
		    P_("Locked after %d wrong PINs: try again in %ld second.",
		        "Locked after %d wrong PINs: try again in %ld seconds.",
		        (unsigned long)locked),
		    PIN_TRIES, locked);
		draw_text(d, row, 1, w, LINES - 4 - row, line, A_BOLD);
	} else if (wz->staff.said != NULL)
		draw_text(d, row, 1, w, LINES - 4 - row, wz->staff.said, A_BOLD);
	move(row - 2, 1 + (int)(wz->staff.pin.len < (size_t)w ? wz->staff.pin.len : 0));
}

static void
menu_draw(struct wizard *wz, int row, int w)
{
	const struct draw_ctx *d = &wz->dc;
	const char *last = kiosk_last_saved(wz->k);
	char line[600];

	if (unsaved(wz)) {
		snprintf(line, sizeof line,
		    _("The patient's result could not be saved: %s. It is still on the screen "
		      "behind this menu."),
		    kiosk_save_problem(wz->k) != NULL ? kiosk_save_problem(wz->k) : "?");
		row += draw_text(d, row, 1, w, LINES - 4 - row, line, A_BOLD) + 1;
	}
	row += draw_text(d, row, 1, w, LINES - 4 - row, _("1  back to the kiosk"), A_NORMAL);
	if (unsaved(wz)) {
		row += draw_text(d, row, 1, w, LINES - 4 - row, _("s  try saving again"), A_NORMAL);
		row += draw_text(d, row, 1, w, LINES - 4 - row,
		    _("d  discard the unsaved result (it is lost) and show the welcome page"),
		    A_NORMAL);
	}
	if (wizard_has_languages(wz)) {
		snprintf(line, sizeof line, _("l  language for the next patients: %s"),
		    lang_name(wz->kiosk_lang));
		row += draw_text(d, row, 1, w, LINES - 4 - row, line, A_NORMAL);
	}
	row += draw_text(d, row, 1, w, LINES - 4 - row, _("x  exit the kiosk"), A_NORMAL) + 1;
	if (last != NULL)
		snprintf(line, sizeof line,
		    P_("Last saved report: %s (%lu saved since the kiosk started)",
		        "Last saved report: %s (%lu saved since the kiosk started)",
		        kiosk_saved_count(wz->k)),
		    last, kiosk_saved_count(wz->k));
	else
		snprintf(line, sizeof line, "%s", _("No report saved since the kiosk started."));
	row += draw_text(d, row, 1, w, LINES - 4 - row, line, A_NORMAL) + 1;
	if (wz->staff.said != NULL)
		draw_text(d, row, 1, w, LINES - 4 - row, wz->staff.said, A_BOLD);
	move(2, 1);
}

static void
staff_draw(struct wizard *wz)
{
	struct draw_ctx quiet = wz->dc;
	bool menu = kiosk_state(wz->k) == KIOSK_STAFF_MENU;

	erase();
	quiet.msg = "";
	draw_frame(&quiet, menu ? _("Staff menu") : _("Staff"),
	    menu ? _("1 or Esc: back  x: exit the kiosk") : _("Enter: check the PIN  Esc: back"));
	if (menu)
		menu_draw(wz, 2, draw_text_columns());
	else
		pin_draw(wz, 2, draw_text_columns());
}

static void
pin_key(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_TEXT);
	long long now = wizard_now();
	enum pin_verdict v;

	if (key == KEY_ESCAPE) {
		sb_free(&wz->staff.pin);
		wz->staff.said = NULL;
		kiosk_staff_leave(wz->k, now);
		return;
	}
	/* While locked, nothing typed is kept: the lock is not a queue. */
	if (kiosk_staff_locked_for(wz->k, now) > 0)
		return;
	if (k.action == UI_CONFIRM) {
		v = kiosk_staff_pin(wz->k, sb_str(&wz->staff.pin), now);
		sb_free(&wz->staff.pin);
		wz->staff.said = v == PIN_WRONG && kiosk_staff_locked_for(wz->k, now) == 0 ?
		    _("Wrong PIN.") :
		    NULL;
	} else if (k.action == UI_ERASE) {
		if (wz->staff.pin.len > 0)
			wz->staff.pin.buf[--wz->staff.pin.len] = '\0';
	} else if (key >= 0x21 && key <= 0x7e && wz->staff.pin.len < PIN_MAX_LEN)
		sb_appendc(&wz->staff.pin, (char)key);
}

/* l steps through the languages: every patient from now on starts in the one shown. */
static void
next_language(struct wizard *wz)
{
	const struct lang_list *l = wz->langs.langs;
	size_t i;

	if (!wizard_has_languages(wz))
		return;
	for (i = 0; i < l->n && strcmp(l->codes[i], wz->kiosk_lang) != 0; i++)
		;
	i = i + 1 < l->n ? i + 1 : 0;
	snprintf(wz->kiosk_lang, sizeof wz->kiosk_lang, "%s", l->codes[i]);
	if (kiosk_underneath(wz->k) == KIOSK_WELCOME) {
		wizard_set_language(wz, wz->kiosk_lang);
		wz->lang_by_patient = false;
	}
}

static void
menu_key(struct wizard *wz, int key)
{
	long long now = wizard_now();

	wz->staff.said = NULL;
	switch (key) {
	case '1':
	case KEY_ESCAPE:
		kiosk_staff_leave(wz->k, now);
		break;
	case 'x':
	case 'X':
		/* Never a consultation lost by the way: the unsaved one is saved or discarded
		 * knowingly first. */
		if (unsaved(wz))
			wz->staff.said = _("The result is not saved: s tries again, d discards it; "
			                   "then x.");
		else
			kiosk_exit(wz->k);
		break;
	case 's':
	case 'S':
		if (!unsaved(wz))
			break;
		wz->staff.said = kiosk_staff_retry(wz->k, now) == 0 ?
		    _("Saved.") :
		    _("Still not saved; see the reason above.");
		break;
	case 'd':
	case 'D':
		if (unsaved(wz))
			kiosk_staff_discard(wz->k, now);
		break;
	case 'l':
	case 'L':
		next_language(wz);
		break;
	default:
		break;
	}
}

static void
staff_key(struct wizard *wz, int key)
{
	if (keymap_lookup(key, UI_CTX_LIST).action == UI_RESIZE)
		return;
	if (kiosk_state(wz->k) == KIOSK_STAFF_MENU)
		menu_key(wz, key);
	else
		pin_key(wz, key);
}

const struct page page_staff = { staff_draw, staff_key };
