/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "keymap.h"

/* Control keys as the terminal sends them in raw mode. */
enum { KEY_CTRL_C = 0x03, KEY_CTRL_H = 0x08, KEY_CTRL_L = 0x0c, KEY_ESC = 0x1b };

/*
 * Every option of a list has a key of its own, shown beside it: 1-9, then letters. One key,
 * one answer, with no waiting: two-digit entry ("1" then "0" for option 10) would need a
 * timeout to tell "1" from the start of "10", so every answer to option 1 would wait for it,
 * and over SSH a round trip longer than the timeout splits "10" into "1" and "0" and records
 * option 1 without a word. Letters never wait and never split.
 * The letters skip those that are commands in a list or a confirmation: j and k move, q
 * quits, r continues a draft (welcome page), s saves (result page), u is "not sure" in a
 * number field, and y and n answer the quit dialog (a reflexive y must never answer a
 * question); d stays, as the dialog reads its keys apart.
 */
static const char option_keys[] = "123456789abcdefghilmoptvwxz";

_Static_assert(sizeof option_keys - 1 == KEYMAP_OPTION_KEYS, "KEYMAP_OPTION_KEYS");

int
keymap_option_key(size_t i)
{
	return i < KEYMAP_OPTION_KEYS ? option_keys[i] : 0;
}

/* Option number (1-based) of key, or 0. Capitals count too (Caps Lock). */
static int
option_of(int key)
{
	const char *p;

	if (key >= 'A' && key <= 'Z')
		key += 'a' - 'A';
	if (key <= 0 || key > 0x7f || (p = strchr(option_keys, key)) == NULL)
		return 0;
	return (int)(p - option_keys) + 1;
}

/* Keys that mean the same wherever they are pressed. */
static enum ui_action
common(int key)
{
	switch (key) {
	case KEY_UP:
		return UI_UP;
	case KEY_DOWN:
		return UI_DOWN;
	case KEY_PPAGE:
		return UI_PAGE_UP;
	case KEY_NPAGE:
		return UI_PAGE_DOWN;
	case KEY_HOME:
		return UI_HOME;
	case KEY_END:
		return UI_END;
	case '\r':
	case '\n':
	case KEY_ENTER:
		return UI_CONFIRM;
	case '\t':
		return UI_TAB;
	case KEY_F(1):
		return UI_HELP;
	case KEY_CTRL_C:
		return UI_INTERRUPT;
	case KEY_CTRL_L:
		return UI_REDRAW;
	case KEY_RESIZE:
		return UI_RESIZE;
	default:
		/* Ctrl-Z, Ctrl-\ and a lone Esc do nothing: they must never stop the program or
		 * silently answer a question (dialog treats Esc as "cancel"). */
		return UI_NONE;
	}
}

struct ui_key
keymap_lookup(int key, enum ui_context ctx)
{
	struct ui_key k = { UI_NONE, 0, 0 };
	bool printable = key >= 0x20 && key <= 0xff && key != 0x7f;

	if (ctx == UI_CTX_CONFIRM) {
		if (key == 'y' || key == 'Y')
			k.action = UI_YES;
		else if (key == 'n' || key == 'N' || key == KEY_ESC)
			k.action = UI_NO;
		else if (key == 'd' || key == 'D')
			k.action = UI_DELETE;
		else
			k.action = common(key) == UI_RESIZE ? UI_RESIZE : UI_NONE;
		return k;
	}
	if (key == KEY_BACKSPACE || key == 0x7f || key == KEY_CTRL_H) {
		k.action = ctx == UI_CTX_LIST ? UI_BACK : UI_ERASE;
		return k;
	}
	if (key == KEY_LEFT || key == KEY_BTAB) {
		k.action = UI_BACK;
		return k;
	}
	if (key == KEY_RIGHT && ctx == UI_CTX_NUMBER) {
		k.action = UI_EDIT;
		return k;
	}
	if (ctx == UI_CTX_TEXT && printable) {
		k.action = UI_CHAR;
		k.byte = (unsigned char)key;
		return k;
	}
	if (ctx == UI_CTX_NUMBER && ((key >= '0' && key <= '9') || key == 'u' || key == 'U')) {
		k.action = UI_CHAR;
		k.byte = (unsigned char)key;
		return k;
	}
	switch (key) {
	case 'k':
		k.action = ctx == UI_CTX_LIST ? UI_UP : UI_NONE;
		return k;
	case 'j':
		k.action = ctx == UI_CTX_LIST ? UI_DOWN : UI_NONE;
		return k;
	case ' ':
		k.action = UI_TOGGLE;
		return k;
	case '?':
		k.action = UI_HELP;
		return k;
	case 'q':
	case 'Q':
		k.action = UI_QUIT;
		return k;
	case 's':
	case 'S':
		k.action = UI_SAVE;
		return k;
	case '<':
		k.action = UI_BACK;
		return k;
	case 'r':
	case 'R':
		k.action = ctx == UI_CTX_LIST ? UI_RESUME : UI_NONE;
		return k;
	}
	if (ctx == UI_CTX_LIST && (k.digit = option_of(key)) > 0) {
		k.action = UI_DIGIT;
		return k;
	}
	k.action = common(key);
	return k;
}
