/* SPDX-License-Identifier: ISC */
/* Keys to actions for the full-screen wizard: one table, testable without a terminal. */
#ifndef SMPSCREEN_KEYMAP_H
#define SMPSCREEN_KEYMAP_H

#include <stddef.h>

enum ui_action {
	UI_NONE, /* ignored (Ctrl-Z, Ctrl-\, Esc, unknown keys) */
	UI_UP,
	UI_DOWN,
	UI_PAGE_UP,
	UI_PAGE_DOWN,
	UI_HOME,
	UI_END,
	UI_TOGGLE,  /* Space: tick or untick in a multi-choice list */
	UI_CONFIRM, /* Enter */
	UI_BACK,    /* previous question / screen */
	UI_ERASE,   /* Backspace while typing */
	UI_HELP,
	UI_QUIT,      /* asks before quitting */
	UI_INTERRUPT, /* Ctrl-C: asks before quitting, never kills */
	UI_REDRAW,    /* Ctrl-L */
	UI_TAB,
	UI_DIGIT, /* an option's key (1-9, then letters) picks it; while typing it is UI_CHAR */
	UI_CHAR,  /* a byte of typed text */
	UI_SAVE,
	UI_YES,
	UI_NO,
	UI_DELETE, /* d in a dialog: quit and delete the answers */
	UI_RESUME, /* r on the welcome page: continue the waiting draft */
	UI_RESIZE,
	UI_EDIT, /* Right in a number field: keep the value shown and edit it */
};

/* Where the key was pressed: moving in a list, typing a number, or typing free text. */
enum ui_context { UI_CTX_LIST, UI_CTX_NUMBER, UI_CTX_TEXT, UI_CTX_CONFIRM };

struct ui_key {
	enum ui_action action;
	int digit;          /* UI_DIGIT: the option's number, 1..KEYMAP_OPTION_KEYS */
	unsigned char byte; /* UI_CHAR */
};

/* Options with a key of their own: 1-9, then 18 letters (keymap.c says which and why). */
#define KEYMAP_OPTION_KEYS 27

/* The key that picks option i (0-based) of a list, or 0 when it has none (reach it with the
 * arrows). */
int keymap_option_key(size_t i);

/* Maps a key as wgetch() returns it (a byte, or a KEY_* code with keypad on) to an action. */
struct ui_key keymap_lookup(int key, enum ui_context ctx);

#endif
