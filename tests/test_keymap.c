/* SPDX-License-Identifier: ISC */
/* Keys as wgetch() returns them (bytes, or KEY_* codes with keypad on) to wizard actions. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "ui/keymap.h"

#define CTRL_C 0x03
#define CTRL_H 0x08
#define CTRL_L 0x0c
#define CTRL_Z 0x1a
#define CTRL_BACKSLASH 0x1c
#define ESC 0x1b
#define DEL 0x7f

static const enum ui_context all_ctx[] = { UI_CTX_LIST, UI_CTX_NUMBER, UI_CTX_TEXT,
	UI_CTX_CONFIRM };
/* The contexts of a question, where the usual keys work; CONFIRM is the quit prompt. */
static const enum ui_context question_ctx[] = { UI_CTX_LIST, UI_CTX_NUMBER, UI_CTX_TEXT };

#define N_ALL (sizeof all_ctx / sizeof all_ctx[0])
#define N_QUESTION (sizeof question_ctx / sizeof question_ctx[0])

static const char *
ctx_name(enum ui_context ctx)
{
	switch (ctx) {
	case UI_CTX_LIST:
		return "LIST";
	case UI_CTX_NUMBER:
		return "NUMBER";
	case UI_CTX_TEXT:
		return "TEXT";
	case UI_CTX_CONFIRM:
		return "CONFIRM";
	}
	return "?";
}

/* An action that carries no digit and no byte. */
static void
expect(int key, enum ui_context ctx, enum ui_action want)
{
	struct ui_key k = keymap_lookup(key, ctx);

	cr_assert_eq(k.action, want, "key %#x in %s: action %d, want %d", (unsigned)key,
	    ctx_name(ctx), (int)k.action, (int)want);
	cr_assert_eq(k.digit, 0, "key %#x in %s: digit %d set", (unsigned)key, ctx_name(ctx),
	    k.digit);
	cr_assert_eq(k.byte, 0, "key %#x in %s: byte %#x set", (unsigned)key, ctx_name(ctx),
	    (unsigned)k.byte);
}

static void
expect_in(int key, const enum ui_context *ctx, size_t n, enum ui_action want)
{
	for (size_t i = 0; i < n; i++)
		expect(key, ctx[i], want);
}

static void
expect_char(int key, enum ui_context ctx)
{
	struct ui_key k = keymap_lookup(key, ctx);

	cr_assert_eq(k.action, UI_CHAR, "key %#x in %s: action %d, want UI_CHAR", (unsigned)key,
	    ctx_name(ctx), (int)k.action);
	cr_assert_eq(k.byte, (unsigned char)key, "key %#x in %s: byte %#x", (unsigned)key,
	    ctx_name(ctx), (unsigned)k.byte);
	cr_assert_eq(k.digit, 0, "key %#x in %s: digit %d set", (unsigned)key, ctx_name(ctx),
	    k.digit);
}

static void
expect_digit(int key, enum ui_context ctx, int digit)
{
	struct ui_key k = keymap_lookup(key, ctx);

	cr_assert_eq(k.action, UI_DIGIT, "key '%c' in %s: action %d, want UI_DIGIT", key,
	    ctx_name(ctx), (int)k.action);
	cr_assert_eq(k.digit, digit, "key '%c' in %s: digit %d, want %d", key, ctx_name(ctx),
	    k.digit, digit);
	cr_assert_eq(k.byte, 0, "key '%c' in %s: byte %#x set", key, ctx_name(ctx),
	    (unsigned)k.byte);
}

/* The KEY_* codes the keymap gives a meaning to; every other one must do nothing. */
static int
is_mapped_key_code(int key)
{
	return key == KEY_UP || key == KEY_DOWN || key == KEY_PPAGE || key == KEY_NPAGE ||
	    key == KEY_HOME || key == KEY_END || key == KEY_ENTER || key == KEY_F(1) ||
	    key == KEY_RESIZE || key == KEY_BACKSPACE || key == KEY_LEFT || key == KEY_BTAB ||
	    key == KEY_RIGHT;
}

/* --- edges -------------------------------------------------------------------------------- */

Test(keymap, no_key_and_out_of_range_values_do_nothing)
{
	static const int keys[] = { ERR, 0, -2, INT_MIN, INT_MAX, 0x100, KEY_MAX + 1, 0x1ff,
		0x10000 };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		expect_in(keys[i], all_ctx, N_ALL, UI_NONE);
}

Test(keymap, control_bytes_are_never_typed_text)
{
	for (size_t c = 0; c < N_ALL; c++) {
		for (int key = 0; key < 0x20; key++) {
			struct ui_key k = keymap_lookup(key, all_ctx[c]);

			cr_assert_neq(k.action, UI_CHAR, "control byte %#x is text in %s",
			    (unsigned)key, ctx_name(all_ctx[c]));
			cr_assert_eq(k.byte, 0, "control byte %#x in %s: byte set", (unsigned)key,
			    ctx_name(all_ctx[c]));
		}
		cr_assert_neq(keymap_lookup(DEL, all_ctx[c]).action, UI_CHAR, "DEL is text in %s",
		    ctx_name(all_ctx[c]));
	}
}

Test(keymap, text_context_text_boundaries)
{
	expect(0x1f, UI_CTX_TEXT, UI_NONE);
	expect_char(0x20, UI_CTX_TEXT);
	expect_char(0x7e, UI_CTX_TEXT);
	expect(DEL, UI_CTX_TEXT, UI_ERASE);
	expect_char(0x80, UI_CTX_TEXT);
	expect_char(0xff, UI_CTX_TEXT);
	expect(0x100, UI_CTX_TEXT, UI_NONE);
}

/* --- moving ------------------------------------------------------------------------------- */

Test(keymap, arrows_move_in_every_question_context)
{
	expect_in(KEY_UP, question_ctx, N_QUESTION, UI_UP);
	expect_in(KEY_DOWN, question_ctx, N_QUESTION, UI_DOWN);
}

Test(keymap, j_and_k_move_in_lists)
{
	expect('k', UI_CTX_LIST, UI_UP);
	expect('j', UI_CTX_LIST, UI_DOWN);
}

Test(keymap, j_and_k_are_text_while_typing_text)
{
	expect_char('j', UI_CTX_TEXT);
	expect_char('k', UI_CTX_TEXT);
}

Test(keymap, j_and_k_do_not_move_in_numbers)
{
	struct ui_key j = keymap_lookup('j', UI_CTX_NUMBER), k = keymap_lookup('k', UI_CTX_NUMBER);

	cr_assert(j.action != UI_DOWN && j.action != UI_CHAR, "'j' in NUMBER: %d", (int)j.action);
	cr_assert(k.action != UI_UP && k.action != UI_CHAR, "'k' in NUMBER: %d", (int)k.action);
}

Test(keymap, paging_home_end_and_tab)
{
	expect_in(KEY_PPAGE, question_ctx, N_QUESTION, UI_PAGE_UP);
	expect_in(KEY_NPAGE, question_ctx, N_QUESTION, UI_PAGE_DOWN);
	expect_in(KEY_HOME, question_ctx, N_QUESTION, UI_HOME);
	expect_in(KEY_END, question_ctx, N_QUESTION, UI_END);
	expect_in('\t', question_ctx, N_QUESTION, UI_TAB);
}

/* --- confirming, ticking, picking --------------------------------------------------------- */

Test(keymap, enter_confirms_in_every_question_context)
{
	expect_in('\r', question_ctx, N_QUESTION, UI_CONFIRM);
	expect_in('\n', question_ctx, N_QUESTION, UI_CONFIRM);
	expect_in(KEY_ENTER, question_ctx, N_QUESTION, UI_CONFIRM);
}

Test(keymap, space_toggles_in_lists)
{
	expect(' ', UI_CTX_LIST, UI_TOGGLE);
}

Test(keymap, space_is_text_while_typing_text)
{
	expect_char(' ', UI_CTX_TEXT);
}

Test(keymap, digits_pick_the_option_in_lists)
{
	for (int d = 1; d <= 9; d++)
		expect_digit('0' + d, UI_CTX_LIST, d);
}

Test(keymap, zero_does_nothing_in_lists)
{
	expect('0', UI_CTX_LIST, UI_NONE);
}

Test(keymap, digits_are_typed_in_numbers)
{
	for (int key = '0'; key <= '9'; key++)
		expect_char(key, UI_CTX_NUMBER);
}

Test(keymap, digits_are_typed_in_text)
{
	for (int key = '0'; key <= '9'; key++)
		expect_char(key, UI_CTX_TEXT);
}

Test(keymap, u_is_typed_in_numbers_for_not_sure)
{
	expect_char('u', UI_CTX_NUMBER);
	expect_char('U', UI_CTX_NUMBER);
}

Test(keymap, other_letters_are_not_typed_in_numbers)
{
	static const char keys[] = "aexzAEXZ";

	for (size_t i = 0; keys[i] != '\0'; i++)
		cr_assert_neq(keymap_lookup(keys[i], UI_CTX_NUMBER).action, UI_CHAR,
		    "'%c' is typed into a number", keys[i]);
}

/* --- going back --------------------------------------------------------------------------- */

Test(keymap, backspace_goes_back_in_lists)
{
	expect(KEY_BACKSPACE, UI_CTX_LIST, UI_BACK);
	expect(DEL, UI_CTX_LIST, UI_BACK);
	expect(CTRL_H, UI_CTX_LIST, UI_BACK);
}

Test(keymap, backspace_erases_while_typing)
{
	static const enum ui_context typing[] = { UI_CTX_NUMBER, UI_CTX_TEXT };

	expect_in(KEY_BACKSPACE, typing, 2, UI_ERASE);
	expect_in(DEL, typing, 2, UI_ERASE);
	expect_in(CTRL_H, typing, 2, UI_ERASE);
}

Test(keymap, left_goes_back_in_every_question_context)
{
	expect_in(KEY_LEFT, question_ctx, N_QUESTION, UI_BACK);
}

Test(keymap, less_than_goes_back_unless_typing_text)
{
	expect('<', UI_CTX_LIST, UI_BACK);
	expect('<', UI_CTX_NUMBER, UI_BACK);
	expect_char('<', UI_CTX_TEXT);
}

/* --- help and quitting -------------------------------------------------------------------- */

Test(keymap, question_mark_is_help_unless_typing_text)
{
	expect('?', UI_CTX_LIST, UI_HELP);
	expect('?', UI_CTX_NUMBER, UI_HELP);
	expect_char('?', UI_CTX_TEXT);
}

Test(keymap, f1_is_help_in_every_question_context)
{
	expect_in(KEY_F(1), question_ctx, N_QUESTION, UI_HELP);
}

Test(keymap, q_quits_unless_typing_text)
{
	expect('q', UI_CTX_LIST, UI_QUIT);
	expect('Q', UI_CTX_LIST, UI_QUIT);
	expect('q', UI_CTX_NUMBER, UI_QUIT);
	expect('Q', UI_CTX_NUMBER, UI_QUIT);
	expect_char('q', UI_CTX_TEXT);
	expect_char('Q', UI_CTX_TEXT);
}

Test(keymap, ctrl_c_interrupts_in_every_question_context)
{
	expect_in(CTRL_C, question_ctx, N_QUESTION, UI_INTERRUPT);
}

Test(keymap, ctrl_c_does_not_answer_the_quit_prompt)
{
	expect(CTRL_C, UI_CTX_CONFIRM, UI_NONE);
}

Test(keymap, ctrl_z_ctrl_backslash_and_esc_do_nothing_in_questions)
{
	expect_in(CTRL_Z, question_ctx, N_QUESTION, UI_NONE);
	expect_in(CTRL_BACKSLASH, question_ctx, N_QUESTION, UI_NONE);
	expect_in(ESC, question_ctx, N_QUESTION, UI_NONE);
}

Test(keymap, ctrl_z_and_ctrl_backslash_do_nothing_at_the_quit_prompt)
{
	expect(CTRL_Z, UI_CTX_CONFIRM, UI_NONE);
	expect(CTRL_BACKSLASH, UI_CTX_CONFIRM, UI_NONE);
}

/* --- the quit prompt ---------------------------------------------------------------------- */

Test(keymap, confirm_y_is_yes_and_n_or_esc_is_no)
{
	expect('y', UI_CTX_CONFIRM, UI_YES);
	expect('Y', UI_CTX_CONFIRM, UI_YES);
	expect('n', UI_CTX_CONFIRM, UI_NO);
	expect('N', UI_CTX_CONFIRM, UI_NO);
	expect(ESC, UI_CTX_CONFIRM, UI_NO);
}

Test(keymap, confirm_enter_does_not_answer)
{
	/* The prompt has no default: a patient pressing Enter again must not quit. */
	expect('\r', UI_CTX_CONFIRM, UI_NONE);
	expect('\n', UI_CTX_CONFIRM, UI_NONE);
	expect(KEY_ENTER, UI_CTX_CONFIRM, UI_NONE);
}

Test(keymap, confirm_ignores_every_other_byte_and_key_code)
{
	for (int key = 0; key <= 0xff; key++) {
		if (key == 'y' || key == 'Y' || key == 'n' || key == 'N' || key == ESC ||
		    key == 'd' || key == 'D')
			continue;
		expect(key, UI_CTX_CONFIRM, UI_NONE);
	}
	for (int key = KEY_MIN; key <= KEY_MAX; key++) {
		if (key != KEY_RESIZE)
			expect(key, UI_CTX_CONFIRM, UI_NONE);
	}
}

Test(keymap, d_deletes_only_in_the_quit_prompt)
{
	expect('d', UI_CTX_CONFIRM, UI_DELETE);
	expect('D', UI_CTX_CONFIRM, UI_DELETE);
	for (size_t c = 0; c < N_QUESTION; c++)
		cr_assert(keymap_lookup('d', question_ctx[c]).action != UI_DELETE, "in %s",
		    ctx_name(question_ctx[c]));
}

Test(keymap, r_resumes_only_in_a_list)
{
	expect('r', UI_CTX_LIST, UI_RESUME);
	expect('R', UI_CTX_LIST, UI_RESUME);
	expect('r', UI_CTX_NUMBER, UI_NONE);
	expect('r', UI_CTX_CONFIRM, UI_NONE);
}

Test(keymap, y_and_n_answer_nothing_outside_the_quit_prompt)
{
	static const int keys[] = { 'y', 'Y', 'n', 'N', ESC };

	for (size_t c = 0; c < N_QUESTION; c++) {
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			enum ui_action a = keymap_lookup(keys[i], question_ctx[c]).action;

			cr_assert(a != UI_YES && a != UI_NO,
			    "key %#x in %s answers the prompt (%d)", (unsigned)keys[i],
			    ctx_name(question_ctx[c]), (int)a);
		}
	}
}

/* --- screen ------------------------------------------------------------------------------- */

Test(keymap, resize_is_noticed_everywhere)
{
	expect_in(KEY_RESIZE, all_ctx, N_ALL, UI_RESIZE);
}

Test(keymap, ctrl_l_redraws_in_every_question_context)
{
	expect_in(CTRL_L, question_ctx, N_QUESTION, UI_REDRAW);
}

/* --- text bytes --------------------------------------------------------------------------- */

Test(keymap, every_printable_ascii_byte_is_text_in_text)
{
	for (int key = 0x20; key <= 0x7e; key++)
		expect_char(key, UI_CTX_TEXT);
}

Test(keymap, utf8_bytes_are_text_only_in_text)
{
	static const enum ui_context others[] = { UI_CTX_LIST, UI_CTX_NUMBER, UI_CTX_CONFIRM };

	for (int key = 0x80; key <= 0xff; key++) {
		expect_char(key, UI_CTX_TEXT);
		expect_in(key, others, 3, UI_NONE);
	}
}

/* --- key codes ---------------------------------------------------------------------------- */

Test(keymap, unmapped_key_codes_do_nothing)
{
	expect_in(KEY_F(5), all_ctx, N_ALL, UI_NONE);
	expect_in(KEY_IC, all_ctx, N_ALL, UI_NONE);
	expect_in(KEY_DC, all_ctx, N_ALL, UI_NONE);
	expect_in(KEY_F(2), all_ctx, N_ALL, UI_NONE);
}

Test(keymap, every_other_key_code_does_nothing)
{
	for (int key = KEY_MIN; key <= KEY_MAX; key++) {
		if (!is_mapped_key_code(key))
			expect_in(key, all_ctx, N_ALL, UI_NONE);
	}
}

/* --- issue 8: every option a key, Shift-Tab back, Right edits a number --------------------- */

Test(keymap, options_past_nine_have_letters)
{
	static const char want[] = "123456789abcdefghilmoptvwxz";

	cr_assert_eq(KEYMAP_OPTION_KEYS, (int)sizeof want - 1);
	for (size_t i = 0; i < KEYMAP_OPTION_KEYS; i++) {
		cr_expect_eq(keymap_option_key(i), want[i], "option %zu: key '%c'", i + 1,
		    keymap_option_key(i));
		expect_digit(want[i], UI_CTX_LIST, (int)i + 1);
	}
	cr_expect_eq(keymap_option_key(KEYMAP_OPTION_KEYS), 0, "no key past the last");
	cr_expect_eq(keymap_option_key((size_t)-1), 0);
}

Test(keymap, capital_letters_pick_options_too)
{
	expect_digit('A', UI_CTX_LIST, 10);
	expect_digit('C', UI_CTX_LIST, 12);
	expect_digit('Z', UI_CTX_LIST, KEYMAP_OPTION_KEYS);
}

Test(keymap, command_letters_are_never_option_keys)
{
	/* j k move, q quits, r continues, s saves, u is "not sure", y n answer the dialog */
	static const char commands[] = "jkqrsuynJKQRSUYN";

	for (size_t i = 0; commands[i] != '\0'; i++)
		cr_expect_neq(keymap_lookup(commands[i], UI_CTX_LIST).action, UI_DIGIT,
		    "'%c' picks an option", commands[i]);
	for (size_t i = 0; i < KEYMAP_OPTION_KEYS; i++)
		cr_expect_null(strchr(commands, keymap_option_key(i)), "'%c' is a command",
		    keymap_option_key(i));
}

Test(keymap, option_letters_are_typed_in_text_and_ignored_in_numbers)
{
	for (size_t i = 9; i < KEYMAP_OPTION_KEYS; i++) {
		expect_char(keymap_option_key(i), UI_CTX_TEXT);
		expect(keymap_option_key(i), UI_CTX_NUMBER, UI_NONE);
		expect(keymap_option_key(i), UI_CTX_CONFIRM,
		    keymap_option_key(i) == 'd' ? UI_DELETE : UI_NONE);
	}
}

Test(keymap, shift_tab_goes_back_in_every_question_context)
{
	expect_in(KEY_BTAB, question_ctx, N_QUESTION, UI_BACK);
	expect(KEY_BTAB, UI_CTX_CONFIRM, UI_NONE);
}

Test(keymap, right_edits_a_number_only)
{
	expect(KEY_RIGHT, UI_CTX_NUMBER, UI_EDIT);
	expect(KEY_RIGHT, UI_CTX_LIST, UI_NONE);
	expect(KEY_RIGHT, UI_CTX_TEXT, UI_NONE);
	expect(KEY_RIGHT, UI_CTX_CONFIRM, UI_NONE);
}
