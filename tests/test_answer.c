/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "smpscreen/answer.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"

/*
 * One answer at a time (answer.h), over tests/data/mini-questionnaire.cfg:
 *   0 age             integer 0..120 years, no unknown
 *   1 pregnancy       single no|pregnant|breastfeeding, unknown "Prefer not to say"
 *   2 goal            single buzz_look|scar_only, unknown "Not sure yet"
 *   3 loss_reasons    multi pattern|scars|sudden_or_undiagnosed, no unknown, no 'none'
 *   4 norwood         single i|v, unknown
 *   5 scar_types      multi none|fut_strip|injury, no unknown
 *   6 scar_age_months integer 0..1200 months, unknown "Not sure"
 *   7 heart_conditions multi none|heart_condition, unknown "Not sure"
 *   8 unwell_today    single yes|no, consultant, no unknown
 *   9 notes_free      text, max 200 bytes
 *  10 price_info      info
 * and a small inline questionnaire (below) with a negative range and a short text.
 */
static struct questionnaire *qn;

static void
setup(void)
{
	qn = test_mini_questionnaire();
	cr_assert_eq(qn->n_questions, NQ, "the fixture's layout is what this file assumes");
}

static void
teardown(void)
{
	questionnaire_free(qn);
	qn = NULL;
}

static const struct question *
Q(size_t i)
{
	return &qn->questions[i];
}

/* A questionnaire whose integer range is below zero and whose text is 5 bytes at most. */
static const char odd_text[] =
    "id = \"odd\"; version = 1; title = \"Odd ranges\";\n"
    "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
    "  { id = \"temp_change\"; type = \"integer\"; text = \"How many degrees warmer?\";\n"
    "    min = -10; max = 10; unit = \"degrees\"; },\n"
    "  { id = \"short_note\"; type = \"text\"; text = \"A word?\"; max_length = 5; }\n"
    "); } );\n";

static struct questionnaire *
odd_questionnaire(void)
{
	struct diag_list dl = { 0 };
	struct questionnaire *odd = NULL;
	char *msg;

	if (questionnaire_load_string(&odd, odd_text, "odd.cfg", &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("odd.cfg does not load:\n%s", msg);
	}
	diag_clear(&dl);
	return odd;
}

/* answer_format or answer_format_values of v, owned by the caller. */
static char *
fmt(const struct question *q, const struct answer *v, bool values)
{
	struct strbuf sb = { 0 };

	if (values)
		answer_format_values(q, v, &sb);
	else
		answer_format(q, v, &sb);
	return sb_detach(&sb);
}

/* Parses typed for q and expects e and, when e is ANSWER_OK, these values. */
static void
expect_parse(size_t q, const char *typed, enum answer_error e, const char *values)
{
	struct answer v = { 0 };
	enum answer_error got = answer_parse(Q(q), typed, &v);
	char *s;

	cr_expect_eq(got, e, "%s: '%s' gives error %d, expected %d", Q(q)->id, typed, got, e);
	if (e == ANSWER_OK && got == ANSWER_OK) {
		s = fmt(Q(q), &v, true);
		cr_expect_str_eq(s, values, "%s: '%s'", Q(q)->id, typed);
		free(s);
		cr_expect_eq(answer_check(Q(q), &v), ANSWER_OK, "%s: '%s' passes answer_check",
		    Q(q)->id, typed);
	} else if (got != ANSWER_OK && got != ANSWER_ERR_RANGE)
		cr_expect_eq(v.kind, ANSWER_ABSENT, "%s: '%s' leaves no half answer", Q(q)->id,
		    typed);
	answer_clear(&v);
}

TestSuite(answer, .init = setup, .fini = teardown);

/* --- items: n_items, item_label, stands_alone --------------------------------------------- */

Test(answer, n_items_counts_not_sure_last)
{
	cr_expect_eq(answer_n_items(Q(Q_PREG)), 4, "three options and 'not sure'");
	cr_expect_eq(answer_n_items(Q(Q_LOSS)), 3, "no 'not sure' where it is not allowed");
	cr_expect_eq(answer_n_items(Q(Q_HEART)), 3);
	cr_expect_eq(answer_n_items(Q(Q_AGE)), 0, "an integer question has no items");
	cr_expect_eq(answer_n_items(Q(Q_SCAR_AGE)), 1, "only 'not sure'");
	cr_expect_eq(answer_n_items(Q(Q_NOTES)), 0);
	cr_expect_eq(answer_n_items(Q(Q_PRICE)), 0);
}

Test(answer, item_labels_are_the_questionnaire_s)
{
	cr_expect_str_eq(answer_item_label(Q(Q_PREG), 0), "No / does not apply");
	cr_expect_str_eq(answer_item_label(Q(Q_PREG), 2), "Breastfeeding");
	cr_expect_str_eq(answer_item_label(Q(Q_PREG), 3), "Prefer not to say");
	cr_expect_str_eq(answer_item_label(Q(Q_HEART), 2), "Not sure");
	cr_expect_str_eq(answer_item_label(Q(Q_SCARS), 0), "No scars to cover");
}

Test(answer, none_and_not_sure_stand_alone)
{
	cr_expect(answer_stands_alone(Q(Q_SCARS), 0), "'none' of scar_types");
	cr_expect_not(answer_stands_alone(Q(Q_SCARS), 1));
	cr_expect_not(answer_stands_alone(Q(Q_SCARS), 2));
	cr_expect(answer_stands_alone(Q(Q_HEART), 0), "'none' of heart_conditions");
	cr_expect_not(answer_stands_alone(Q(Q_HEART), 1));
	cr_expect(answer_stands_alone(Q(Q_HEART), 2), "'not sure' of heart_conditions");
	for (size_t i = 0; i < 3; i++)
		cr_expect_not(answer_stands_alone(Q(Q_LOSS), i), "loss_reasons has no 'none'");
	cr_expect_not(answer_stands_alone(Q(Q_PREG), 0), "'no' of a single question is an option");
}

/* --- building: add_item, add_value, set_integer, set_text -------------------------------- */

Test(answer, add_item_replaces_a_single_answer)
{
	struct answer v = { 0 };

	cr_assert_eq(answer_add_item(Q(Q_PREG), &v, 1), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_OPTION);
	cr_expect_eq(v.num, 1);
	cr_assert_eq(answer_add_item(Q(Q_PREG), &v, 2), ANSWER_OK);
	cr_expect_eq(v.num, 2, "a second choice replaces the first");
	cr_assert_eq(answer_add_item(Q(Q_PREG), &v, 3), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_UNKNOWN, "the last item is 'not sure'");
	cr_expect_eq(v.num, 0);
	cr_assert_eq(answer_add_item(Q(Q_PREG), &v, 0), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_OPTION, "and an option replaces 'not sure'");
	cr_expect_eq(v.num, 0);
	cr_expect_eq(answer_add_item(Q(Q_PREG), &v, 4), ANSWER_ERR_OPTION, "past 'not sure'");
	cr_expect_eq(answer_add_item(Q(Q_UNWELL), &v, 2), ANSWER_ERR_OPTION,
	    "no 'not sure' item where it is not allowed");
	answer_clear(&v);
}

Test(answer, add_item_grows_a_multi_answer)
{
	struct answer v = { 0 };

	cr_assert_eq(answer_add_item(Q(Q_LOSS), &v, 2), ANSWER_OK);
	cr_assert_eq(answer_add_item(Q(Q_LOSS), &v, 0), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	cr_expect_eq(v.set, 5);
	cr_expect_eq(answer_add_item(Q(Q_LOSS), &v, 2), ANSWER_ERR_REPEATED);
	cr_expect_eq(v.set, 5, "a repeated item changes nothing");
	cr_expect_eq(answer_add_item(Q(Q_LOSS), &v, 3), ANSWER_ERR_OPTION, "no 'not sure' here");
	answer_clear(&v);

	/* "not sure" beside ticks is kept, so that answer_check can say what is wrong */
	cr_assert_eq(answer_add_item(Q(Q_HEART), &v, 1), ANSWER_OK);
	cr_assert_eq(answer_add_item(Q(Q_HEART), &v, 2), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_UNKNOWN);
	cr_expect_eq(v.set, 2);
	cr_expect_eq(answer_check(Q(Q_HEART), &v), ANSWER_ERR_ALONE_UNKNOWN);
	cr_expect_eq(answer_add_item(Q(Q_HEART), &v, 2), ANSWER_ERR_REPEATED);
	answer_clear(&v);
}

Test(answer, add_item_on_questions_without_options)
{
	struct answer v = { 0 };

	cr_expect_eq(answer_add_item(Q(Q_AGE), &v, 0), ANSWER_ERR_OPTION,
	    "an integer question without 'not sure' has no items");
	cr_expect_eq(v.kind, ANSWER_ABSENT);
	cr_expect_eq(answer_add_item(Q(Q_SCAR_AGE), &v, 0), ANSWER_OK,
	    "item 0 of scar_age_months is its 'not sure'");
	cr_expect_eq(v.kind, ANSWER_UNKNOWN);
	answer_clear(&v);
	cr_expect_eq(answer_add_item(Q(Q_NOTES), &v, 0), ANSWER_ERR_OPTION);
	cr_expect_eq(answer_add_item(Q(Q_PRICE), &v, 0), ANSWER_ERR_OPTION);
	cr_expect_eq(v.kind, ANSWER_ABSENT);
}

Test(answer, add_value_takes_contract_values_never_labels)
{
	struct answer v = { 0 };

	cr_expect_eq(answer_add_value(Q(Q_PREG), &v, "breastfeeding"), ANSWER_OK);
	cr_expect_eq(v.num, 2);
	cr_expect_eq(answer_add_value(Q(Q_PREG), &v, "unknown"), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_UNKNOWN);
	cr_expect_eq(answer_add_value(Q(Q_PREG), &v, "Breastfeeding"), ANSWER_ERR_OPTION,
	    "a label is not a value");
	cr_expect_eq(answer_add_value(Q(Q_PREG), &v, ""), ANSWER_ERR_OPTION);
	cr_expect_eq(answer_add_value(Q(Q_UNWELL), &v, "unknown"), ANSWER_ERR_UNKNOWN);
	cr_expect_eq(answer_add_value(Q(Q_LOSS), &v, "unknown"), ANSWER_ERR_UNKNOWN);
	cr_expect_eq(answer_add_value(Q(Q_AGE), &v, "34"), ANSWER_ERR_TYPE,
	    "an integer question takes no option value");
	cr_expect_eq(answer_add_value(Q(Q_SCAR_AGE), &v, "unknown"), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_UNKNOWN);
	answer_clear(&v);
	cr_expect_eq(answer_add_value(Q(Q_SCARS), &v, "none"), ANSWER_OK);
	cr_expect_eq(answer_add_value(Q(Q_SCARS), &v, "injury"), ANSWER_OK);
	cr_expect_eq(answer_add_value(Q(Q_SCARS), &v, "injury"), ANSWER_ERR_REPEATED);
	cr_expect_eq(answer_check(Q(Q_SCARS), &v), ANSWER_ERR_ALONE_NONE);
	answer_clear(&v);
}

Test(answer, set_integer_checks_the_range_and_the_type)
{
	struct answer v = { 0 };

	cr_expect_eq(answer_set_integer(Q(Q_AGE), &v, 0), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_INTEGER);
	cr_expect_eq(answer_set_integer(Q(Q_AGE), &v, 120), ANSWER_OK);
	cr_expect_eq(v.num, 120);
	cr_expect_eq(answer_set_integer(Q(Q_AGE), &v, 121), ANSWER_ERR_RANGE);
	cr_expect_eq(v.kind, ANSWER_INTEGER, "an out-of-range number is kept to be shown");
	cr_expect_eq(v.num, 121);
	cr_expect_eq(answer_set_integer(Q(Q_AGE), &v, -1), ANSWER_ERR_RANGE);
	cr_expect_eq(v.num, -1);
	cr_expect_eq(answer_set_integer(Q(Q_AGE), &v, LLONG_MIN), ANSWER_ERR_RANGE);
	cr_expect_eq(v.num, LONG_MIN);
	cr_expect_eq(answer_set_integer(Q(Q_PREG), &v, 1), ANSWER_ERR_TYPE);
	cr_expect_eq(v.kind, ANSWER_ABSENT, "cleared, not half made");
	answer_clear(&v);
}

Test(answer, set_text_sanitises_a_copy)
{
	struct answer v = { 0 };
	char typed[] = "ab\0c\x1b[2Jd\xe2\x80\xae"
	               "e";

	cr_assert_eq(answer_set_text(Q(Q_NOTES), &v, typed, sizeof typed - 1), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_TEXT);
	cr_expect_str_eq(v.text, "abc[2Jde", "NUL, ESC and a bidi override are gone");
	cr_expect_neq(v.text, typed, "a copy");
	cr_expect_eq(answer_set_text(Q(Q_AGE), &v, "34", 2), ANSWER_ERR_TYPE);
	cr_expect_eq(v.kind, ANSWER_ABSENT);
	cr_expect_null(v.text);
	answer_clear(&v);
}

Test(answer, set_text_refuses_more_than_max_length)
{
	struct answer v = { 0 };
	char body[202];

	memset(body, 'x', sizeof body);
	cr_expect_eq(answer_set_text(Q(Q_NOTES), &v, body, 200), ANSWER_OK);
	cr_expect_eq(strlen(v.text), 200);
	cr_expect_eq(answer_set_text(Q(Q_NOTES), &v, body, 201), ANSWER_ERR_TOO_LONG);
	cr_expect_eq(v.kind, ANSWER_ABSENT);
	cr_expect_null(v.text);
	answer_clear(&v);
}

/* --- answer_parse: single ---------------------------------------------------------------- */

Test(answer, parse_single_by_number)
{
	expect_parse(Q_PREG, "1", ANSWER_OK, "no");
	expect_parse(Q_PREG, "3", ANSWER_OK, "breastfeeding");
	expect_parse(Q_PREG, "4", ANSWER_OK, "unknown");
	expect_parse(Q_PREG, "  2\t", ANSWER_OK, "pregnant");
	expect_parse(Q_PREG, "02", ANSWER_OK, "pregnant");
	expect_parse(Q_PREG, "0", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_PREG, "5", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_PREG, "99999999999999999999999", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_PREG, "1 2", ANSWER_ERR_OPTION, "one choice only");
	expect_parse(Q_PREG, "1,2", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_PREG, "2x", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_UNWELL, "2", ANSWER_OK, "no");
	expect_parse(Q_UNWELL, "3", ANSWER_ERR_OPTION, "no 'not sure' number");
}

Test(answer, parse_single_by_value)
{
	expect_parse(Q_PREG, "pregnant", ANSWER_OK, "pregnant");
	expect_parse(Q_PREG, " breastfeeding ", ANSWER_OK, "breastfeeding");
	expect_parse(Q_PREG, "unknown", ANSWER_OK, "unknown");
	expect_parse(Q_GOAL, "scar_only", ANSWER_OK, "scar_only");
	expect_parse(Q_PREG, "Pregnant", ANSWER_ERR_OPTION, "a label is not a value");
	expect_parse(Q_PREG, "maybe", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_PREG, "-1", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_UNWELL, "unknown", ANSWER_ERR_UNKNOWN, NULL);
}

/* --- answer_parse: multi ----------------------------------------------------------------- */

Test(answer, parse_multi_numbers_and_values)
{
	expect_parse(Q_LOSS, "1", ANSWER_OK, "pattern");
	expect_parse(Q_LOSS, "3 1", ANSWER_OK, "pattern, sudden_or_undiagnosed");
	expect_parse(Q_LOSS, "1,2", ANSWER_OK, "pattern, scars");
	expect_parse(Q_LOSS, " 1 , 2 ;3 ", ANSWER_OK, "pattern, scars, sudden_or_undiagnosed");
	expect_parse(Q_LOSS, "scars\tpattern", ANSWER_OK, "pattern, scars");
	expect_parse(Q_LOSS, "scars 1", ANSWER_OK, "pattern, scars");
	expect_parse(Q_LOSS, "1 1", ANSWER_ERR_REPEATED, NULL);
	expect_parse(Q_LOSS, "pattern 1", ANSWER_ERR_REPEATED, NULL);
	expect_parse(Q_LOSS, "1 4", ANSWER_ERR_OPTION, "no fourth item: nothing is kept");
	expect_parse(Q_LOSS, "1 bogus", ANSWER_ERR_OPTION, NULL);
	expect_parse(Q_LOSS, "unknown", ANSWER_ERR_UNKNOWN, NULL);
	expect_parse(Q_LOSS, ", ;", ANSWER_ERR_EMPTY, "separators alone choose nothing");
}

Test(answer, parse_multi_none_stands_alone)
{
	expect_parse(Q_SCARS, "1", ANSWER_OK, "none");
	expect_parse(Q_SCARS, "none", ANSWER_OK, "none");
	expect_parse(Q_SCARS, "2 3", ANSWER_OK, "fut_strip, injury");
	expect_parse(Q_SCARS, "1 2", ANSWER_ERR_ALONE_NONE, NULL);
	expect_parse(Q_SCARS, "injury none", ANSWER_ERR_ALONE_NONE, NULL);
	expect_parse(Q_HEART, "1 2", ANSWER_ERR_ALONE_NONE, NULL);
}

Test(answer, parse_multi_not_sure_stands_alone)
{
	expect_parse(Q_HEART, "3", ANSWER_OK, "unknown");
	expect_parse(Q_HEART, "unknown", ANSWER_OK, "unknown");
	expect_parse(Q_HEART, "3 2", ANSWER_ERR_ALONE_UNKNOWN, NULL);
	expect_parse(Q_HEART, "heart_condition unknown", ANSWER_ERR_ALONE_UNKNOWN, NULL);
	expect_parse(Q_HEART, "1 3", ANSWER_ERR_ALONE_UNKNOWN, "'none' with 'not sure'");
	expect_parse(Q_HEART, "3 unknown", ANSWER_ERR_REPEATED, NULL);
	expect_parse(Q_HEART, "4", ANSWER_ERR_OPTION, NULL);
}

/* --- answer_parse: integer --------------------------------------------------------------- */

Test(answer, parse_integer_in_range)
{
	expect_parse(Q_AGE, "34", ANSWER_OK, "34");
	expect_parse(Q_AGE, "0", ANSWER_OK, "0");
	expect_parse(Q_AGE, "120", ANSWER_OK, "120");
	expect_parse(Q_AGE, "007", ANSWER_OK, "7");
	expect_parse(Q_AGE, " \t34\t ", ANSWER_OK, "34");
	expect_parse(Q_SCAR_AGE, "1200", ANSWER_OK, "1200");
}

Test(answer, parse_integer_out_of_range_keeps_the_number)
{
	struct answer v = { 0 };

	cr_expect_eq(answer_parse(Q(Q_AGE), "121", &v), ANSWER_ERR_RANGE);
	cr_expect_eq(v.kind, ANSWER_INTEGER, "the number is kept for the message");
	cr_expect_eq(v.num, 121);
	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_ERR_RANGE);
	cr_expect_eq(answer_parse(Q(Q_AGE), "99999999999999999999999", &v), ANSWER_ERR_RANGE);
	cr_expect_eq(v.num, LONG_MAX, "too big for a long: clamped");
	answer_clear(&v);
}

Test(answer, parse_negative_integer_is_a_number_out_of_range)
{
	struct answer v = { 0 };

	cr_expect_eq(answer_parse(Q(Q_AGE), "-1", &v), ANSWER_ERR_RANGE,
	    "-1 is a whole number, below the minimum");
	cr_expect_eq(v.num, -1);
	cr_expect_eq(answer_parse(Q(Q_AGE), " -5 ", &v), ANSWER_ERR_RANGE);
	cr_expect_eq(answer_parse(Q(Q_AGE), "-99999999999999999999999", &v), ANSWER_ERR_RANGE);
	cr_expect_eq(v.num, LONG_MIN, "too small for a long: clamped");
	cr_expect_eq(answer_parse(Q(Q_AGE), "-", &v), ANSWER_ERR_TYPE);
	cr_expect_eq(answer_parse(Q(Q_AGE), "--1", &v), ANSWER_ERR_TYPE);
	cr_expect_eq(answer_parse(Q(Q_AGE), "- 1", &v), ANSWER_ERR_TYPE);
	answer_clear(&v);
}

Test(answer, parse_negative_integer_in_a_negative_range)
{
	struct questionnaire *odd = odd_questionnaire();
	const struct question *q = &odd->questions[0];
	struct answer v = { 0 };

	cr_assert_eq(q->min, -10);
	cr_expect_eq(answer_parse(q, "-10", &v), ANSWER_OK, "the minimum itself");
	cr_expect_eq(v.num, -10);
	cr_expect_eq(answer_parse(q, "-3", &v), ANSWER_OK);
	cr_expect_eq(v.num, -3);
	cr_expect_eq(answer_parse(q, "10", &v), ANSWER_OK);
	cr_expect_eq(answer_parse(q, "-11", &v), ANSWER_ERR_RANGE);
	cr_expect_eq(v.num, -11);
	answer_clear(&v);
	questionnaire_free(odd);
}

Test(answer, parse_integer_not_a_number)
{
	static const char *const bad[] = { "abc", "3.5", "1e3", "12abc", "0x10", "3 4", "3,4",
		"thirty", "½", "٣", "+", "u2" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_parse(Q_AGE, bad[i], ANSWER_ERR_TYPE, NULL);
}

Test(answer, parse_integer_not_sure)
{
	expect_parse(Q_SCAR_AGE, "u", ANSWER_OK, "unknown");
	expect_parse(Q_SCAR_AGE, "U", ANSWER_OK, "unknown");
	expect_parse(Q_SCAR_AGE, " u ", ANSWER_OK, "unknown");
	expect_parse(Q_SCAR_AGE, "unknown", ANSWER_OK, "unknown");
	expect_parse(Q_AGE, "u", ANSWER_ERR_UNKNOWN, NULL);
	expect_parse(Q_AGE, "unknown", ANSWER_ERR_UNKNOWN, NULL);
}

/* --- answer_parse: empty, text, info ------------------------------------------------------ */

Test(answer, parse_empty_input_for_every_kind)
{
	static const char *const empty[] = { "", " ", "\t", " \t  " };

	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		expect_parse(Q_AGE, empty[i], ANSWER_ERR_EMPTY, NULL);
		expect_parse(Q_PREG, empty[i], ANSWER_ERR_EMPTY, NULL);
		expect_parse(Q_LOSS, empty[i], ANSWER_ERR_EMPTY, NULL);
		expect_parse(Q_HEART, empty[i], ANSWER_ERR_EMPTY, NULL);
	}
	expect_parse(Q_NOTES, "", ANSWER_ERR_EMPTY, NULL);
}

Test(answer, parse_text_is_sanitised)
{
	/* ESC sequences, BEL, CR and LF, DEL, C1 CSI (U+009B), invalid UTF-8, every bidi
	 * override and isolate (U+202A..U+202E, U+2066..U+2069); a TAB becomes a space */
	expect_parse(Q_NOTES, "a\x1b[31mred\x1b[0m", ANSWER_OK, "a[31mred[0m");
	expect_parse(Q_NOTES, "bell\x07\r\nnext\x7f", ANSWER_OK, "bellnext");
	expect_parse(Q_NOTES,
	    "c1\xc2\x9b"
	    "2J|\xff\xfe|\xc3",
	    ANSWER_OK, "c12J||");
	expect_parse(Q_NOTES,
	    "<\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae"
	    "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9>",
	    ANSWER_OK, "<>");
	expect_parse(Q_NOTES, "tab\there", ANSWER_OK, "tab here");
	expect_parse(Q_NOTES, "Zoë ✓ 東京", ANSWER_OK, "Zoë ✓ 東京");
	expect_parse(Q_NOTES, "\x1b\x07\xe2\x80\xae", ANSWER_ERR_EMPTY,
	    "nothing is left once the controls are gone");
}

Test(answer, parse_text_is_cut_at_a_character_boundary)
{
	struct answer v = { 0 };
	char typed[300];

	/* 199 bytes, then a two-byte "é": the limit of 200 falls inside it */
	memset(typed, 'x', 199);
	strcpy(typed + 199, "\xc3\xa9yz");
	cr_expect_eq(answer_parse(Q(Q_NOTES), typed, &v), ANSWER_OK,
	    "a long text is cut, not refused");
	cr_assert_eq(v.kind, ANSWER_TEXT);
	cr_expect_eq(strlen(v.text), 199, "the whole 'é' goes, not half of it");
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_OK);
	answer_clear(&v);
}

Test(answer, parse_text_within_a_short_limit)
{
	struct questionnaire *odd = odd_questionnaire();
	const struct question *q = &odd->questions[1];
	struct answer v = { 0 };

	cr_expect_eq(answer_parse(q, "\x1b[1mhello world", &v), ANSWER_OK);
	cr_expect_str_eq(v.text, "[1mhe", "sanitised first, then cut to 5 bytes");
	answer_clear(&v);
	questionnaire_free(odd);
}

Test(answer, parse_info_item_takes_no_answer)
{
	expect_parse(Q_PRICE, "1", ANSWER_ERR_TYPE, NULL);
	expect_parse(Q_PRICE, "", ANSWER_ERR_TYPE, NULL);
}

Test(answer, parse_clears_what_out_held)
{
	struct answer v = { 0 };

	cr_assert_eq(answer_parse(Q(Q_NOTES), "a private note", &v), ANSWER_OK);
	/* the old text is freed (LeakSanitizer would say otherwise) and nothing of it stays */
	cr_expect_eq(answer_parse(Q(Q_LOSS), "2", &v), ANSWER_OK);
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	cr_expect_null(v.text);
	cr_expect_eq(v.set, 2);
	cr_expect_eq(answer_parse(Q(Q_LOSS), "1 9", &v), ANSWER_ERR_OPTION);
	cr_expect_eq(v.kind, ANSWER_ABSENT);
	cr_expect_eq(v.set, 0, "a half-parsed multi answer does not linger");
	answer_clear(&v);
}

/* --- answer_check ------------------------------------------------------------------------ */

Test(answer, check_absent_and_wrong_kinds)
{
	struct answer v = { 0 };

	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_ERR_EMPTY);
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_ERR_EMPTY);
	v = (struct answer){ .kind = ANSWER_OPTION, .num = 0 };
	cr_expect_eq(answer_check(Q(Q_PREG), &v), ANSWER_OK);
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_ERR_TYPE);
	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_ERR_TYPE);
	v = (struct answer){ .kind = ANSWER_OPTIONS, .set = 1 };
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_OK);
	cr_expect_eq(answer_check(Q(Q_PREG), &v), ANSWER_ERR_TYPE);
	v = (struct answer){ .kind = ANSWER_INTEGER, .num = 3 };
	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_OK);
	cr_expect_eq(answer_check(Q(Q_PREG), &v), ANSWER_ERR_TYPE);
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_ERR_TYPE);
	v = (struct answer){ .kind = ANSWER_TEXT, .text = (char *)"hi" };
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_OK);
	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_ERR_TYPE);
	v = (struct answer){ .kind = (enum answer_kind)42 };
	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_ERR_TYPE, "an impossible kind");
}

Test(answer, check_options_out_of_range)
{
	struct answer v = { .kind = ANSWER_OPTION, .num = 3 };

	cr_expect_eq(answer_check(Q(Q_PREG), &v), ANSWER_ERR_OPTION,
	    "option 3 is 'not sure', which is an UNKNOWN answer, not an option");
	v.num = -1;
	cr_expect_eq(answer_check(Q(Q_PREG), &v), ANSWER_ERR_OPTION);
	v = (struct answer){ .kind = ANSWER_OPTIONS, .set = 8 };
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_ERR_OPTION, "bit 3 past the options");
	v.set = UINT64_C(1) << 63;
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_ERR_OPTION);
	v.set = 0;
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_ERR_EMPTY, "no choice");
}

Test(answer, check_none_and_unknown_alone)
{
	struct answer v = { .kind = ANSWER_OPTIONS, .set = 1 };

	cr_expect_eq(answer_check(Q(Q_SCARS), &v), ANSWER_OK, "none alone");
	v.set = 3;
	cr_expect_eq(answer_check(Q(Q_SCARS), &v), ANSWER_ERR_ALONE_NONE);
	v.set = 6;
	cr_expect_eq(answer_check(Q(Q_SCARS), &v), ANSWER_OK);
	v = (struct answer){ .kind = ANSWER_UNKNOWN };
	cr_expect_eq(answer_check(Q(Q_HEART), &v), ANSWER_OK);
	v.set = 2;
	cr_expect_eq(answer_check(Q(Q_HEART), &v), ANSWER_ERR_ALONE_UNKNOWN);
}

Test(answer, check_unknown_only_where_allowed)
{
	struct answer v = { .kind = ANSWER_UNKNOWN };

	cr_expect_eq(answer_check(Q(Q_PREG), &v), ANSWER_OK);
	cr_expect_eq(answer_check(Q(Q_SCAR_AGE), &v), ANSWER_OK);
	cr_expect_eq(answer_check(Q(Q_AGE), &v), ANSWER_ERR_UNKNOWN);
	cr_expect_eq(answer_check(Q(Q_UNWELL), &v), ANSWER_ERR_UNKNOWN);
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_ERR_UNKNOWN);
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_ERR_UNKNOWN);
	cr_expect_eq(answer_check(Q(Q_PRICE), &v), ANSWER_ERR_UNKNOWN);
}

Test(answer, check_integer_bounds_and_text_length)
{
	struct answer v = { .kind = ANSWER_INTEGER, .num = 1200 };
	char *long_text = malloc(202);

	cr_expect_eq(answer_check(Q(Q_SCAR_AGE), &v), ANSWER_OK);
	v.num = 1201;
	cr_expect_eq(answer_check(Q(Q_SCAR_AGE), &v), ANSWER_ERR_RANGE);
	v.num = -1;
	cr_expect_eq(answer_check(Q(Q_SCAR_AGE), &v), ANSWER_ERR_RANGE);
	memset(long_text, 'x', 201);
	long_text[201] = '\0';
	v = (struct answer){ .kind = ANSWER_TEXT, .text = long_text };
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_ERR_TOO_LONG);
	long_text[200] = '\0';
	cr_expect_eq(answer_check(Q(Q_NOTES), &v), ANSWER_OK);
	free(long_text);
}

/* --- answer_toggle ----------------------------------------------------------------------- */

Test(answer, toggle_ticks_and_unticks)
{
	struct answer v = { 0 };

	answer_toggle(Q(Q_LOSS), &v, 0);
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	cr_expect_eq(v.set, 1);
	answer_toggle(Q(Q_LOSS), &v, 2);
	cr_expect_eq(v.set, 5);
	answer_toggle(Q(Q_LOSS), &v, 0);
	cr_expect_eq(v.set, 4);
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	answer_toggle(Q(Q_LOSS), &v, 2);
	cr_expect_eq(v.set, 0);
	cr_expect_eq(v.kind, ANSWER_ABSENT, "nothing ticked is no answer");
	cr_expect_eq(answer_check(Q(Q_LOSS), &v), ANSWER_ERR_EMPTY);
}

Test(answer, toggle_none_clears_the_rest_and_the_rest_clear_none)
{
	struct answer v = { 0 };

	answer_toggle(Q(Q_SCARS), &v, 1);
	answer_toggle(Q(Q_SCARS), &v, 2);
	cr_expect_eq(v.set, 6);
	answer_toggle(Q(Q_SCARS), &v, 0);
	cr_expect_eq(v.set, 1, "ticking 'none' unticks the others");
	cr_expect_eq(answer_check(Q(Q_SCARS), &v), ANSWER_OK);
	answer_toggle(Q(Q_SCARS), &v, 2);
	cr_expect_eq(v.set, 4, "ticking another unticks 'none'");
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	cr_expect_eq(answer_check(Q(Q_SCARS), &v), ANSWER_OK);
}

Test(answer, toggle_not_sure_clears_the_rest_and_the_rest_clear_it)
{
	struct answer v = { 0 };

	answer_toggle(Q(Q_HEART), &v, 1);
	answer_toggle(Q(Q_HEART), &v, 2);
	cr_expect_eq(v.kind, ANSWER_UNKNOWN);
	cr_expect_eq(v.set, 0, "ticking 'not sure' unticks the others");
	cr_expect_eq(answer_check(Q(Q_HEART), &v), ANSWER_OK);
	answer_toggle(Q(Q_HEART), &v, 0);
	cr_expect_eq(v.kind, ANSWER_OPTIONS, "ticking 'none' unticks 'not sure'");
	cr_expect_eq(v.set, 1);
	answer_toggle(Q(Q_HEART), &v, 2);
	cr_expect_eq(v.kind, ANSWER_UNKNOWN);
	answer_toggle(Q(Q_HEART), &v, 2);
	cr_expect_eq(v.kind, ANSWER_ABSENT, "unticking 'not sure' leaves nothing");
	cr_expect_eq(v.set, 0);
}

Test(answer, toggle_ignores_what_it_cannot_toggle)
{
	struct answer v = { .kind = ANSWER_OPTIONS, .set = 2 };
	struct answer w = { .kind = ANSWER_OPTION, .num = 1 };

	answer_toggle(Q(Q_LOSS), &v, 3);
	cr_expect_eq(v.set, 2, "no 'not sure' on loss_reasons");
	answer_toggle(Q(Q_LOSS), &v, 64);
	cr_expect_eq(v.set, 2);
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	answer_toggle(Q(Q_PREG), &w, 0);
	cr_expect_eq(w.kind, ANSWER_OPTION, "a single answer is not toggled");
	cr_expect_eq(w.num, 1);
}

/* --- copy and clear ---------------------------------------------------------------------- */

Test(answer, copy_duplicates_the_text)
{
	struct answer src = { 0 }, dst = { 0 };

	cr_assert_eq(answer_parse(Q(Q_NOTES), "first note", &src), ANSWER_OK);
	cr_assert_eq(answer_parse(Q(Q_NOTES), "old", &dst), ANSWER_OK);
	answer_copy(&dst, &src);
	cr_expect_eq(dst.kind, ANSWER_TEXT);
	cr_expect_str_eq(dst.text, "first note");
	cr_expect_neq(dst.text, src.text, "its own copy");
	answer_clear(&src);
	cr_expect_str_eq(dst.text, "first note", "outlives the original");
	answer_clear(&dst);
}

Test(answer, copy_of_every_kind)
{
	struct answer src = { .kind = ANSWER_OPTIONS, .set = 6 }, dst = { 0 };

	answer_copy(&dst, &src);
	cr_expect_eq(dst.kind, ANSWER_OPTIONS);
	cr_expect_eq(dst.set, 6);
	src = (struct answer){ .kind = ANSWER_UNKNOWN };
	answer_copy(&dst, &src);
	cr_expect_eq(dst.kind, ANSWER_UNKNOWN);
	cr_expect_eq(dst.set, 0);
	src = (struct answer){ .kind = ANSWER_INTEGER, .num = -7 };
	answer_copy(&dst, &src);
	cr_expect_eq(dst.num, -7);
	src = (struct answer){ 0 };
	answer_copy(&dst, &src);
	cr_expect_eq(dst.kind, ANSWER_ABSENT);
	cr_expect_null(dst.text);
	answer_clear(&dst);
}

Test(answer, copy_onto_itself_keeps_the_answer)
{
	struct answer v = { 0 };

	cr_assert_eq(answer_parse(Q(Q_NOTES), "keep me", &v), ANSWER_OK);
	answer_copy(&v, &v);
	cr_expect_eq(v.kind, ANSWER_TEXT);
	cr_assert_not_null(v.text);
	cr_expect_str_eq(v.text, "keep me");
	answer_clear(&v);
	cr_assert_eq(answer_parse(Q(Q_LOSS), "1 3", &v), ANSWER_OK);
	answer_copy(&v, &v);
	cr_expect_eq(v.kind, ANSWER_OPTIONS);
	cr_expect_eq(v.set, 5);
	answer_clear(&v);
}

Test(answer, clear_resets_every_field)
{
	struct answer v = { 0 };

	cr_assert_eq(answer_parse(Q(Q_NOTES), "private", &v), ANSWER_OK);
	v.num = 12;
	v.set = 3;
	answer_clear(&v);
	cr_expect_eq(v.kind, ANSWER_ABSENT);
	cr_expect_eq(v.num, 0);
	cr_expect_eq(v.set, 0);
	cr_expect_null(v.text);
	answer_clear(&v);
	cr_expect_eq(v.kind, ANSWER_ABSENT, "clearing twice is harmless");
}

/* --- showing ----------------------------------------------------------------------------- */

Test(answer, format_every_kind)
{
	static const struct {
		size_t q;
		const char *typed, *label, *value;
	} want[] = {
		{ Q_AGE, "34", "34 years", "34" },
		{ Q_PREG, "4", "Prefer not to say", "unknown" },
		{ Q_GOAL, "2", "Only hide one or more scars", "scar_only" },
		{ Q_LOSS, "3 1", "Pattern loss; Sudden or undiagnosed loss",
		    "pattern, sudden_or_undiagnosed" },
		{ Q_SCARS, "none", "No scars to cover", "none" },
		{ Q_SCAR_AGE, "u", "Not sure", "unknown" },
		{ Q_HEART, "3", "Not sure", "unknown" },
		{ Q_NOTES, "a \"quoted\"; note", "a \"quoted\"; note", "a \"quoted\"; note" },
	};
	struct answer v = { 0 };
	char *got;

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		cr_assert_eq(answer_parse(Q(want[i].q), want[i].typed, &v), ANSWER_OK, "%s",
		    Q(want[i].q)->id);
		got = fmt(Q(want[i].q), &v, false);
		cr_expect_str_eq(got, want[i].label, "label of %s", Q(want[i].q)->id);
		free(got);
		got = fmt(Q(want[i].q), &v, true);
		cr_expect_str_eq(got, want[i].value, "value of %s", Q(want[i].q)->id);
		free(got);
		answer_clear(&v);
	}
	got = fmt(Q(Q_AGE), &v, false);
	cr_expect_str_eq(got, "(no answer)");
	free(got);
	got = fmt(Q(Q_AGE), &v, true);
	cr_expect_str_eq(got, "", "no value for no answer");
	free(got);
}

Test(answer, format_appends)
{
	struct answer v = { .kind = ANSWER_INTEGER, .num = 6 };
	struct strbuf sb = { 0 };

	sb_append(&sb, "[");
	answer_format(Q(Q_SCAR_AGE), &v, &sb);
	sb_append(&sb, "|");
	answer_format_values(Q(Q_SCAR_AGE), &v, &sb);
	sb_append(&sb, "]");
	cr_expect_str_eq(sb_str(&sb), "[6 months|6]");
	sb_free(&sb);
}

/* --- error texts ------------------------------------------------------------------------- */

static void
expect_error_text(size_t q, enum answer_error e, const char *want)
{
	char buf[200];
	const char *got;

	memset(buf, '#', sizeof buf);
	got = answer_error_text(e, Q(q), NULL, buf, sizeof buf);
	cr_expect_eq(got, buf, "the text is in buf");
	cr_expect_str_eq(got, want, "error %d for %s", e, Q(q)->id);
}

Test(answer, error_text_for_every_error)
{
	expect_error_text(Q_PREG, ANSWER_OK, "");
	expect_error_text(Q_PREG, ANSWER_ERR_EMPTY, "An answer is needed to go on.");
	expect_error_text(Q_NOTES, ANSWER_ERR_EMPTY, "An answer is needed to go on.");
	expect_error_text(Q_LOSS, ANSWER_ERR_EMPTY, "Please choose at least one answer.");
	expect_error_text(Q_PREG, ANSWER_ERR_TYPE, "Please type one of the numbers 1 to 4.");
	expect_error_text(Q_PREG, ANSWER_ERR_OPTION, "Please type one of the numbers 1 to 4.");
	expect_error_text(Q_UNWELL, ANSWER_ERR_UNKNOWN, "Please type one of the numbers 1 to 2.");
	expect_error_text(Q_LOSS, ANSWER_ERR_OPTION,
	    "Please type only numbers from 1 to 3, separated by spaces.");
	expect_error_text(Q_LOSS, ANSWER_ERR_UNKNOWN,
	    "Please type only numbers from 1 to 3, separated by spaces.");
	expect_error_text(Q_LOSS, ANSWER_ERR_REPEATED,
	    "A number was typed twice; please type each choice once.");
	expect_error_text(Q_HEART, ANSWER_ERR_ALONE_UNKNOWN,
	    "'Not sure' cannot be combined with other answers.");
	expect_error_text(Q_HEART, ANSWER_ERR_ALONE_NONE,
	    "'None' cannot be combined with other answers.");
	expect_error_text(Q_SCARS, ANSWER_ERR_ALONE_NONE,
	    "'No scars to cover' cannot be combined with other answers.");
	expect_error_text(Q_PRICE, ANSWER_ERR_TYPE,
	    "There is nothing to answer here; press Enter to go on.");
	expect_error_text(Q_NOTES, ANSWER_ERR_TYPE, "Please type your answer on one line.");
	expect_error_text(Q_NOTES, ANSWER_ERR_TOO_LONG,
	    "Please keep the answer within 200 characters.");
}

/* Every error restates what may be typed (issue 8, item 10): the range, u where "not sure"
 * is allowed, the choice numbers. */
Test(answer, error_text_for_numbers_names_the_range)
{
	static const enum answer_error errs[] = { ANSWER_ERR_TYPE, ANSWER_ERR_OPTION,
		ANSWER_ERR_UNKNOWN, ANSWER_ERR_RANGE };

	for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
		expect_error_text(Q_AGE, errs[i], "Please type a whole number from 0 to 120.");
		expect_error_text(Q_SCAR_AGE, errs[i],
		    "Please type a whole number from 0 to 1200, or u if you are not sure.");
	}
	expect_error_text(Q_AGE, ANSWER_ERR_EMPTY, "An answer is needed to go on.");
	expect_error_text(Q_AGE, ANSWER_OK, "");
}

Test(answer, error_text_for_every_parse_error_is_not_empty)
{
	static const struct {
		size_t q;
		const char *typed;
	} cases[] = {
		{ Q_AGE, "" },
		{ Q_AGE, "x" },
		{ Q_AGE, "130" },
		{ Q_AGE, "u" },
		{ Q_PREG, "9" },
		{ Q_UNWELL, "unknown" },
		{ Q_LOSS, "1 1" },
		{ Q_SCARS, "1 2" },
		{ Q_HEART, "2 3" },
		{ Q_PRICE, "1" },
	};
	struct answer v = { 0 };
	enum answer_error e;
	char buf[200];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = answer_parse(Q(cases[i].q), cases[i].typed, &v);
		cr_expect_neq(e, ANSWER_OK, "%s '%s'", Q(cases[i].q)->id, cases[i].typed);
		answer_error_text(e, Q(cases[i].q), NULL, buf, sizeof buf);
		cr_expect_gt(strlen(buf), 10, "%s '%s' says something", Q(cases[i].q)->id,
		    cases[i].typed);
		answer_clear(&v);
	}
}

Test(answer, error_text_is_cut_to_the_buffer)
{
	char buf[8];

	memset(buf, '#', sizeof buf);
	answer_error_text(ANSWER_ERR_EMPTY, Q(Q_PREG), NULL, buf, sizeof buf);
	cr_expect_str_eq(buf, "An answ", "cut, and always NUL-terminated");
	memset(buf, '#', sizeof buf);
	answer_error_text(ANSWER_ERR_RANGE, Q(Q_AGE), NULL, buf, sizeof buf);
	cr_expect_str_eq(buf, "Please ");
}

/* Numbers are written without printf: every value of a long, with and without the unit. */
Test(answer, integers_formatted_as_printf_would)
{
	struct questionnaire *odd = odd_questionnaire();
	const struct question *q = &odd->questions[0];
	const long values[] = { 0, 7, -7, 10, -10, 1234567890L, LONG_MAX, LONG_MIN, LONG_MIN + 1 };
	char want[64], *got;

	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		struct answer v = { .kind = ANSWER_INTEGER, .num = values[i] };

		snprintf(want, sizeof want, "%ld degrees", values[i]);
		got = fmt(q, &v, false);
		cr_expect_str_eq(got, want);
		free(got);
		snprintf(want, sizeof want, "%ld", values[i]);
		got = fmt(q, &v, true);
		cr_expect_str_eq(got, want);
		free(got);
	}
	questionnaire_free(odd);
}
