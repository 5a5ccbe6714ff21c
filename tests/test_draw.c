/* SPDX-License-Identifier: ISC */
/* The wizard's fitting of headers, hints and messages to a width: cut at a word, with an
 * ellipsis, never wider; the first of several forms that fits. Then draw_line, on a curses
 * screen that writes to /dev/null: the cells it leaves in the window. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/strbuf.h"
#include "ui/draw.h"

static const struct draw_ctx utf8 = { .ascii = false, .msg = "" };
static const struct draw_ctx ascii = { .ascii = true, .msg = "" };

static void
setup(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"), "the tests need the C.UTF-8 locale");
}

TestSuite(draw, .init = setup);

/* draw_cut of s to width, as a string the test owns. */
static char *
cut(const struct draw_ctx *d, const char *s, size_t width)
{
	struct strbuf sb = { 0 };

	draw_cut(d, s, width, &sb);
	cr_expect_leq(draw_width(sb_str(&sb), sb.len), width, "'%s' is wider than %zu", sb_str(&sb),
	    width);
	return sb_detach(&sb);
}

static void
expect_cut(const struct draw_ctx *d, const char *s, size_t width, const char *want)
{
	char *got = cut(d, s, width);

	cr_expect_str_eq(got, want, "'%s' at %zu columns", s, width);
	free(got);
}

Test(draw, empty_and_fitting_text_is_left_whole)
{
	expect_cut(&utf8, "", 10, "");
	expect_cut(&utf8, "", 0, "");
	expect_cut(&utf8, "Enter done", 10, "Enter done");
	expect_cut(&utf8, "Enter done", 40, "Enter done");
}

Test(draw, a_cut_ends_after_a_whole_word_with_an_ellipsis)
{
	expect_cut(&utf8, "A screening aid, not medical advice", 20, "A screening aid…");
	expect_cut(&utf8, "About you and your goal", 22, "About you and your…");
	expect_cut(&ascii, "About you and your goal", 22, "About you and your...");
}

Test(draw, no_separator_is_left_before_the_ellipsis)
{
	expect_cut(&utf8, "Q1 of up to 47  -  About you", 20, "Q1 of up to 47…");
	expect_cut(&utf8, "Section 1: About", 12, "Section 1…");
}

Test(draw, a_first_word_wider_than_the_line_is_cut_inside_it)
{
	expect_cut(&utf8, "./smpscreen-2026-11-22-answers.cfg", 12, "./smpscreen…");
	expect_cut(&ascii, "./smpscreen-2026-11-22-answers.cfg", 12, "./smpscre...");
}

Test(draw, widths_are_terminal_columns)
{
	/* 歳 is two columns wide: four of them are eight columns. */
	expect_cut(&utf8, "歳歳歳歳 abc", 8, "歳歳歳…");
	expect_cut(&utf8, "ab 歳歳歳歳", 7, "ab…");
}

Test(draw, too_narrow_for_an_ellipsis_is_a_plain_cut)
{
	expect_cut(&utf8, "Hello world", 1, "H");
	expect_cut(&utf8, "Hello world", 0, "");
	expect_cut(&ascii, "Hello world", 3, "Hel");
}

Test(draw, ascii_mode_never_writes_a_byte_over_127)
{
	char *got = cut(&ascii, "Café – “quoted” and longer text", 14);

	for (const char *p = got; *p != '\0'; p++)
		cr_expect_lt((unsigned char)*p, 0x80, "byte %#x in '%s'", (unsigned char)*p, got);
	free(got);
}

Test(draw, pick_takes_the_first_form_that_fits)
{
	const char *alts[] = { "Up/Down move  Enter choose  ? help  q quit", "1-4 choose  ? help",
		"? help", NULL };

	cr_expect_eq(draw_pick(&utf8, 80, alts), alts[0]);
	cr_expect_eq(draw_pick(&utf8, 42, alts), alts[0]);
	cr_expect_eq(draw_pick(&utf8, 41, alts), alts[1]);
	cr_expect_eq(draw_pick(&utf8, 6, alts), alts[2]);
	cr_expect_eq(draw_pick(&utf8, 3, alts), alts[2], "none fits: the last, for draw_fit");
}

Test(draw, pick_measures_what_ascii_mode_shows)
{
	/* "…" is one column, its ASCII stand-in three. */
	const char *alts[] = { "wait…", "w", NULL };

	cr_expect_eq(draw_pick(&utf8, 5, alts), alts[0]);
	cr_expect_eq(draw_pick(&ascii, 5, alts), alts[1]);
}

Test(draw, pick_of_no_forms_is_empty)
{
	const char *alts[] = { NULL };

	cr_expect_str_eq(draw_pick(&utf8, 10, alts), "");
}

/* --- draw_line: the window's cells, as addnstr would leave them ----------------------------- */

static SCREEN *scr;
static FILE *scr_out, *scr_in;

/* A curses screen writing to /dev/null: draw_line's result is read back from the window. */
static void
screen_setup(void)
{
	setup();
	scr_out = fopen("/dev/null", "w");
	scr_in = fopen("/dev/null", "r");
	cr_assert(scr_out != NULL && scr_in != NULL);
	scr = newterm("xterm-256color", scr_out, scr_in);
	cr_assert_not_null(scr, "the tests need the xterm-256color terminfo entry");
	resizeterm(24, 80);
}

static void
screen_teardown(void)
{
	endwin();
	delscreen(scr);
	fclose(scr_out);
	fclose(scr_in);
}

TestSuite(draw_line, .init = screen_setup, .fini = screen_teardown);

/* The bytes of s that fit width columns, whole characters only: what draw_line keeps. */
static size_t
ref_fit(const char *s, size_t width)
{
	size_t n = 0, next;

	while (s[n] != '\0') {
		for (next = n + 1; ((unsigned char)s[next] & 0xc0) == 0x80; next++)
			;
		if (draw_width(s, next) > width)
			break;
		n = next;
	}
	return n;
}

/* Row row of the window with the cursor, as text a test can compare: each cell's characters
 * and attributes. */
static char *
snapshot(int row)
{
	struct strbuf sb = { 0 };
	cchar_t c;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t a;
	short pair;
	int x;

	for (x = 0; x < COLS; x++) {
		mvin_wch(row, x, &c);
		getcchar(&c, wch, &a, &pair, NULL);
		sb_printf(&sb, "[%lx", (unsigned long)a);
		for (int i = 0; wch[i] != L'\0'; i++)
			sb_printf(&sb, " %lx", (unsigned long)wch[i]);
		sb_append(&sb, "]");
	}
	return sb_detach(&sb);
}

/* draw_line of s at (row, col) in width columns leaves the window (rows row and row + 1)
 * and the cursor exactly as attron and mvaddnstr of what fits would. */
static void
expect_like_addnstr(int row, int col, int width, const char *s, attr_t attr)
{
	char *want[2], *got[2];
	int wy, wx, gy, gx;

	erase();
	attron(attr);
	mvaddnstr(row, col, s, (int)ref_fit(s, (size_t)width));
	attroff(attr);
	getyx(stdscr, wy, wx);
	want[0] = snapshot(row);
	want[1] = snapshot(row + 1 < LINES ? row + 1 : 0);
	erase();
	move(0, 0);
	draw_line(&utf8, row, col, width, s, attr);
	getyx(stdscr, gy, gx);
	got[0] = snapshot(row);
	got[1] = snapshot(row + 1 < LINES ? row + 1 : 0);
	cr_expect_str_eq(got[0], want[0], "row %d of '%s' at column %d, width %d", row, s, col,
	    width);
	cr_expect_str_eq(got[1], want[1], "the row after '%s' at column %d", s, col);
	cr_expect(gy == wy && gx == wx, "cursor at %d,%d, addnstr leaves it at %d,%d for '%s'", gy,
	    gx, wy, wx, s);
	for (int i = 0; i < 2; i++) {
		free(want[i]);
		free(got[i]);
	}
}

Test(draw_line, ascii_text_in_every_attribute)
{
	const attr_t attrs[] = { A_NORMAL, A_BOLD, A_REVERSE, A_DIM, A_BOLD | A_REVERSE };

	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		expect_like_addnstr(3, 1, 78, "Which Norwood picture looks most like yours?",
		    attrs[i]);
		expect_like_addnstr(5, 9, 20, "  (more below)  ", attrs[i]);
		expect_like_addnstr(0, 0, 80, "", attrs[i]);
	}
}

Test(draw_line, text_beyond_ascii)
{
	expect_like_addnstr(2, 1, 78, "Café, naïve façade", A_BOLD);
	expect_like_addnstr(2, 1, 78, "Voulez-vous continuer\u00a0? «\u00a0oui\u00a0»", A_NORMAL);
	expect_like_addnstr(2, 1, 78, "¿Está usted embarazada?", A_REVERSE);
	expect_like_addnstr(2, 1, 78, "Café 東京 歳歳", A_NORMAL);
	expect_like_addnstr(2, 1, 78, "emoji \U0001F600 end", A_NORMAL);
	expect_like_addnstr(2, 1, 78, "wait…", A_DIM);
}

Test(draw_line, text_cut_to_its_width)
{
	expect_like_addnstr(4, 1, 10, "A screening aid, not medical advice", A_DIM);
	/* A two-column character that would end past the width stays out. */
	expect_like_addnstr(4, 1, 7, "abc 歳歳歳", A_NORMAL);
	expect_like_addnstr(4, 1, 1, ">", A_BOLD);
}

Test(draw_line, text_addnstr_does_not_show_as_it_is)
{
	/* Combining marks, control characters, undecodable bytes: addnstr's own way. */
	expect_like_addnstr(6, 1, 78, "cafe\u0301 cre\u0300me", A_NORMAL);
	expect_like_addnstr(6, 1, 78, "tab\there", A_NORMAL);
	expect_like_addnstr(6, 1, 78, "bell\a and \x7f", A_BOLD);
	expect_like_addnstr(6, 1, 78, "bad \xe9 byte and \xc3", A_NORMAL);
	expect_like_addnstr(6, 1, 78, "C1 \xc2\x9b control", A_NORMAL);
}

Test(draw_line, text_that_reaches_the_last_column)
{
	/* addnstr wraps the cursor there (or, on the last row, keeps it on the last column). */
	expect_like_addnstr(7, 70, 10, "0123456789", A_NORMAL);
	expect_like_addnstr(7, 71, 10, "012345678", A_NORMAL);
	expect_like_addnstr(LINES - 1, 1, 79,
	    "the last row, written up to its last column......"
	    "..............................",
	    A_DIM);
	expect_like_addnstr(7, 78, 10, "歳", A_NORMAL);
	expect_like_addnstr(7, 80, 10, "past the edge", A_NORMAL);
}

Test(draw_line, a_line_wider_than_the_cells_drawn_at_once)
{
	char wide[401];

	resizeterm(24, 400);
	memset(wide, 'x', 400);
	wide[400] = '\0';
	expect_like_addnstr(1, 1, 398, wide, A_NORMAL);
	expect_like_addnstr(1, 0, 400, wide, A_BOLD);
}
