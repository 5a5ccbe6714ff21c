/* SPDX-License-Identifier: ISC */
/* The wizard's fitting of headers, hints and messages to a width: cut at a word, with an
 * ellipsis, never wider; the first of several forms that fits. No terminal is opened. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
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
