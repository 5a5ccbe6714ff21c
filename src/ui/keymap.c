/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <curses.h>

#include "keymap.h"

/* Control keys as the terminal sends them in raw mode. */
enum { KEY_CTRL_C = 0x03, KEY_CTRL_H = 0x08, KEY_CTRL_L = 0x0c, KEY_ESC = 0x1b };

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
	if (key == KEY_LEFT) {
		k.action = UI_BACK;
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
	if (ctx == UI_CTX_LIST && key >= '1' && key <= '9') {
		k.action = UI_DIGIT;
		k.digit = key - '0';
		return k;
	}
	k.action = common(key);
	return k;
}
