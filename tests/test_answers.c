/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "smpscreen/xalloc.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"

/*
 * Most tests read inline answer files named "x.cfg" against tests/data/mini-questionnaire.cfg:
 *   0 age            integer 0..120 years, required
 *   1 pregnancy      single, unknown allowed (medical)
 *   2 goal           single, unknown allowed (preference)
 *   3 loss_reasons   multi pattern|scars|sudden_or_undiagnosed, no unknown, no 'none'
 *   4 norwood        single i|v, unknown allowed, shown when 'pattern' in loss_reasons
 *   5 scar_types     multi none|fut_strip|injury
 *   6 scar_age_months integer 0..1200, unknown allowed, shown when scars other than none
 *   7 heart_conditions multi none|heart_condition, unknown allowed
 *   8 unwell_today   single yes|no, consultant (optional)
 *   9 notes_free     text, consultant, max 200 bytes
 *  10 price_info     info
 * A_HEAD is two lines, so the first answer of a test is on line 3.
 */
#define A_HEAD "questionnaire = \"mini-consultation\";\nanswers = {\n"
#define A_TAIL "};\n"

/* Loads text that must be refused; returns the error count. */
static size_t
load_bad(const struct questionnaire *qn, const char *text, struct diag_list *dl)
{
	struct answers *a = (struct answers *)&a; /* not NULL: must be reset */

	cr_assert_eq(answers_load_string(&a, text, "x.cfg", qn, dl), -1, "should be refused:\n%s",
	    text);
	cr_assert_null(a, "*out must be NULL on failure");
	return diag_errors(dl);
}

static char *
fmt(const struct answers *a, size_t q, bool values)
{
	struct strbuf sb = { 0 };

	if (values)
		answer_format_values(&a->qn->questions[q], &a->eff[q], &sb);
	else
		answer_format(&a->qn->questions[q], &a->eff[q], &sb);
	return sb_detach(&sb);
}

static void
expect_values(const struct answers *a, size_t q, const char *want)
{
	char *got = fmt(a, q, true);

	cr_expect_str_eq(got, want, "answer of %s", a->qn->questions[q].id);
	free(got);
}

/* Two sets of answers have the same effective answers. */
static void
expect_same_answers(const struct answers *x, const struct answers *y)
{
	size_t i;

	cr_assert_eq(x->qn, y->qn);
	for (i = 0; i < x->qn->n_questions; i++) {
		const struct answer *u = &x->eff[i], *v = &y->eff[i];
		const char *id = x->qn->questions[i].id;

		cr_expect_eq(u->kind, v->kind, "kind of %s", id);
		if (u->kind == ANSWER_OPTION || u->kind == ANSWER_INTEGER)
			cr_expect_eq(u->num, v->num, "value of %s", id);
		if (u->kind == ANSWER_OPTIONS)
			cr_expect_eq(u->set, v->set, "set of %s", id);
		if (u->kind == ANSWER_TEXT)
			cr_expect_str_eq(u->text, v->text, "text of %s", id);
	}
}

static const char base_text[] = A_HEAD "  age = 34;\n"                        /* 3 */
                                       "  pregnancy = \"no\";\n"              /* 4 */
                                       "  goal = \"buzz_look\";\n"            /* 5 */
                                       "  loss_reasons = [ \"pattern\" ];\n"  /* 6 */
                                       "  norwood = \"v\";\n"                 /* 7 */
                                       "  scar_types = [ \"none\" ];\n"       /* 8 */
                                       "  heart_conditions = [ \"none\" ];\n" /* 9 */
    A_TAIL;

/* --- NULL and edge inputs ---------------------------------------------------------------- */

Test(answers_edge, free_accepts_null)
{
	answers_free(NULL);
}

Test(answers_edge, new_is_empty)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = answers_new(qn);
	size_t i;

	cr_expect_eq(a->qn, qn);
	cr_expect_null(a->path);
	cr_expect_eq(a->n_ignored, 0);
	for (i = 0; i < qn->n_questions; i++)
		cr_expect_eq(a->eff[i].kind, ANSWER_ABSENT);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_edge, empty_text)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn, "", &dl), 2);
	test_expect_diag(&dl, "x.cfg: error:", "answer file", "'questionnaire' is missing", NULL);
	test_expect_diag(&dl,
	    "x.cfg: error:", "expected a group: answers = { question_id = value; ... };", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_edge, answers_not_a_group)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 "questionnaire = \"mini-consultation\";\n"
	                 "answers = [ \"age\" ];\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:2: error:", "expected a group", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_edge, empty_answers_group_lists_every_required_question)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	static const char *const required[] = { "age", "pregnancy", "goal", "loss_reasons",
		"scar_types", "heart_conditions" };
	char word[80];
	size_t i;

	/* norwood and scar_age_months are hidden (their gates are absent); consultant items
	 * and the info item are optional */
	cr_expect_eq(load_bad(qn, "questionnaire = \"mini-consultation\";\nanswers = { };\n", &dl),
	    6);
	for (i = 0; i < 6; i++) {
		snprintf(word, sizeof word, "question '%s' is shown but has no answer",
		    required[i]);
		test_expect_diag(&dl, "x.cfg:2: error:", word, "required", NULL);
	}
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* An empty file, a device that reads as empty, and a directory, read from disk (the loader
 * reads a regular file in one read of its size, anything else until the end). */
Test(answers_edge, empty_file_device_and_directory)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct answers *a = NULL;
	char path[] = "/tmp/test-answers-empty.XXXXXX";
	int fd = mkstemp(path);

	cr_assert_neq(fd, -1);
	close(fd);
	for (int k = 0; k < 2; k++) {
		const char *p = k == 0 ? path : "/dev/null";

		cr_expect_eq(answers_load(&a, p, qn, &dl), -1);
		cr_expect_null(a);
		cr_expect_eq(diag_errors(&dl), 2, "%s", p);
		test_expect_diag(&dl, "", "'questionnaire' is missing", NULL);
		diag_clear(&dl);
	}
	cr_expect_eq(answers_load(&a, "/", qn, &dl), -1);
	test_expect_diag(&dl, "/: error:", "cannot read", "Is a directory", NULL);
	diag_clear(&dl);
	unlink(path);
	questionnaire_free(qn);
}

Test(answers_edge, missing_file_and_fixture_file)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct answers *a = (struct answers *)&dl;
	char *path = test_data_path("unit/mini-answers.cfg");

	cr_expect_eq(answers_load(&a, "/nonexistent-dir/answers.cfg", qn, &dl), -1);
	cr_expect_null(a);
	test_expect_diag(&dl, "/nonexistent-dir/answers.cfg: error:", "cannot read",
	    "No such file or directory", NULL);
	cr_expect_eq(diag_errors(&dl), 1);
	diag_clear(&dl);

	cr_assert_eq(answers_load(&a, path, qn, &dl), 0);
	cr_expect_eq(dl.n, 0);
	cr_expect_str_eq(a->path, path);
	cr_expect_eq(a->eff[Q_AGE].num, 41);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_UNKNOWN);
	cr_expect_str_eq(a->eff[Q_NOTES].text, "Prefers Saturday appointments.");
	answers_free(a);
	free(path);
	questionnaire_free(qn);
}

Test(answers_edge, include_and_wrapping_integers_are_refused)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 "questionnaire = \"mini-consultation\";\n"
	                 "@include \"other.cfg\"\n"
	                 "answers = { };\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:2: error:", "@include are not allowed", NULL);
	diag_clear(&dl);

	/* libconfig would read 4294967330 as 34 */
	cr_expect_eq(load_bad(qn, A_HEAD "  age = 4294967330;\n" A_TAIL, &dl), 1);
	test_expect_diag(&dl, "x.cfg:3: error:", "integer '4294967330' is too large", NULL);
	diag_clear(&dl);

	/* with L it is read as what it is, and out of range */
	cr_expect_eq(
	    load_bad(qn,
	        A_HEAD "  age = 4294967330L;\n"
	               "  pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ \"scars\" ];\n"
	               "  scar_types = [ \"none\" ]; heart_conditions = [ \"none\" ];\n" A_TAIL,
	        &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'age': 4294967330 is outside 0..120",
	    NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_edge, syntax_error_with_line)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn, A_HEAD "  age = 34;\n  goal = ;\n" A_TAIL, &dl), 1);
	test_expect_diag(&dl, "x.cfg:4: error:", "syntax error", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_edge, duplicate_key_is_refused)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	/* two different answers to one question: neither may be picked silently */
	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	                        "  heart_conditions = [ \"none\" ];\n"
	                        "  age = 15;\n" A_TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:6: error:", "duplicate setting name", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* --- a valid file ------------------------------------------------------------------------- */

Test(answers, base_file_loads)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn, base_text);

	cr_expect_null(a->path, "from memory: no path");
	cr_expect_eq(a->eff[Q_AGE].kind, ANSWER_INTEGER);
	cr_expect_eq(a->eff[Q_AGE].num, 34);
	cr_expect_eq(a->eff[Q_PREG].kind, ANSWER_OPTION);
	cr_expect_eq(a->eff[Q_PREG].num, 0);
	cr_expect_eq(a->eff[Q_GOAL].num, 0);
	cr_expect_eq(a->eff[Q_LOSS].kind, ANSWER_OPTIONS);
	cr_expect_eq(a->eff[Q_LOSS].set, 1);
	cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_OPTION);
	cr_expect_eq(a->eff[Q_NORWOOD].num, 1);
	cr_expect_eq(a->eff[Q_SCARS].set, 1);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_ABSENT);
	cr_expect_eq(a->eff[Q_HEART].set, 1);
	cr_expect_eq(a->eff[Q_UNWELL].kind, ANSWER_ABSENT, "consultant items are optional");
	cr_expect_eq(a->eff[Q_NOTES].kind, ANSWER_ABSENT);
	cr_expect_eq(a->eff[Q_PRICE].kind, ANSWER_ABSENT);
	cr_expect_eq(a->n_ignored, 0);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers, multi_as_list_and_order_irrelevant)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn,
	    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"scar_only\";\n"
	           "  loss_reasons = ( \"sudden_or_undiagnosed\", \"scars\" );\n"
	           "  scar_types = [ \"injury\", \"fut_strip\" ];\n"
	           "  scar_age_months = 0;\n"
	           "  heart_conditions = ( \"heart_condition\" );\n" A_TAIL);

	cr_expect_eq(a->eff[Q_LOSS].kind, ANSWER_OPTIONS);
	cr_expect_eq(a->eff[Q_LOSS].set, 6);
	cr_expect_eq(a->eff[Q_SCARS].set, 6);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_INTEGER);
	cr_expect_eq(a->eff[Q_SCAR_AGE].num, 0);
	cr_expect_eq(a->eff[Q_HEART].set, 2);
	cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_ABSENT);
	expect_values(a, Q_LOSS, "scars, sudden_or_undiagnosed");
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers, unknown_where_allowed)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn,
	    A_HEAD "  age = 120; pregnancy = \"unknown\"; goal = \"unknown\";\n"
	           "  loss_reasons = [ \"pattern\", \"scars\" ]; norwood = \"unknown\";\n"
	           "  scar_types = [ \"injury\" ]; scar_age_months = \"unknown\";\n"
	           "  heart_conditions = [ \"unknown\" ];\n" A_TAIL);

	cr_expect_eq(a->eff[Q_AGE].num, 120, "max is inclusive");
	cr_expect_eq(a->eff[Q_PREG].kind, ANSWER_UNKNOWN);
	cr_expect_eq(a->eff[Q_GOAL].kind, ANSWER_UNKNOWN);
	cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_UNKNOWN);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_UNKNOWN);
	cr_expect_eq(a->eff[Q_HEART].kind, ANSWER_UNKNOWN);
	cr_expect_eq(a->eff[Q_HEART].set, 0);
	answers_free(a);
	questionnaire_free(qn);
}

/* --- rule 1: unknown keys ----------------------------------------------------------------- */

Test(answers_rule1, unknown_key_with_suggestion)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  agee = 34;\n"
	                        "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	                        "  heart_conditions = [ \"none\" ];\n"
	                        "  favourite_colour = \"blue\";\n"
	                        "  noteS_free = \"x\";\n" A_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown question 'agee'", "(did you mean 'age'?)",
	    NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "unknown question 'favourite_colour'", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "unknown question 'noteS_free'",
	    "(did you mean 'notes_free'?)", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_rule1, unknown_top_level_key_and_questionnaire_mismatch)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 "questionnaire = \"smp-consultation\";\n"
	                 "answer = { };\n"
	                 "answers = {\n"
	                 "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                 "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	                 "  heart_conditions = [ \"none\" ];\n" A_TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:1: error:",
	    "answers are for questionnaire 'smp-consultation', not 'mini-consultation'", NULL);
	test_expect_diag(&dl, "x.cfg:2: error:", "answer file", "unknown key 'answer'",
	    "(did you mean 'answers'?)", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(qn,
	                 "questionnaire = 1;\nanswers = { age = 34; pregnancy = \"no\";\n"
	                 "goal = \"buzz_look\"; loss_reasons = [ \"scars\" ];\n"
	                 "scar_types = [ \"none\" ]; heart_conditions = [ \"none\" ]; };\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'questionnaire' must be a string, not an integer",
	    NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* --- rules 2 and 3: order, visibility, ignored answers ------------------------------------ */

Test(answers_rule3, answer_to_a_hidden_question_is_ignored_and_listed)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn,
	    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n" /* 3 */
	           "  loss_reasons = [ \"scars\" ];\n"                       /* 4 */
	           "  scar_types = [ \"none\" ];\n"                          /* 5 */
	           "  heart_conditions = [ \"none\" ];\n"                    /* 6 */
	           "  scar_age_months = 7;\n"                                /* 7 */
	           "  norwood = \"v\";\n"                                    /* 8 */
	    A_TAIL);

	cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_ABSENT);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_ABSENT);
	cr_assert_eq(a->n_ignored, 2);
	/* listed in questionnaire order, each with its line */
	cr_expect_str_eq(a->ignored[0].id, "norwood");
	cr_expect_eq(a->ignored[0].line, 8);
	cr_expect_str_eq(a->ignored[1].id, "scar_age_months");
	cr_expect_eq(a->ignored[1].line, 7);
	/* Kept as answers, never used: a review keeps the patient's words on record. */
	cr_expect_eq(a->ignored[0].question, Q_NORWOOD);
	cr_expect_eq(a->ignored[0].value.kind, ANSWER_OPTION);
	cr_expect_eq(a->ignored[1].question, Q_SCAR_AGE);
	cr_expect_eq(a->ignored[1].value.kind, ANSWER_INTEGER);
	cr_expect_eq(a->ignored[1].value.num, 7);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_rule3, hidden_answers_are_not_validated)
{
	static const char *const bad_values[] = { "\"zzz\"", "42", "[ \"v\" ]", "\"\"",
		"{ x = 1; }", "4294967296L", "[ ]", "\"unknown\"" };
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a;
	struct diag_list dl = { 0 };
	char text[1024];
	size_t i;
	int rc;

	for (i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		snprintf(text, sizeof text,
		    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
		           "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
		           "  heart_conditions = [ \"none\" ];\n"
		           "  norwood = %s;\n"
		           "  scar_age_months = %s;\n" A_TAIL,
		    bad_values[i], bad_values[i]);
		a = NULL;
		rc = answers_load_string(&a, text, "x.cfg", qn, &dl);
		cr_expect_eq(rc, 0, "hidden value %s must not be an error", bad_values[i]);
		cr_expect_eq(dl.n, 0, "hidden value %s: no diagnostics", bad_values[i]);
		if (a != NULL) {
			cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_ABSENT);
			cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_ABSENT);
			cr_expect_eq(a->n_ignored, 2);
			/* Not a valid answer (but "unknown", which Norwood allows): not kept as
			 * one. */
			if (a->n_ignored == 2 && strcmp(bad_values[i], "\"unknown\"") != 0)
				cr_expect_eq(a->ignored[0].value.kind, ANSWER_ABSENT,
				    "norwood = %s", bad_values[i]);
		}
		answers_free(a);
		diag_clear(&dl);
	}
	questionnaire_free(qn);
}

Test(answers_rule2, visibility_uses_the_effective_answers_before)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	/* scar_types is invalid, so it is absent; scar_age_months is then hidden and ignored:
	 * one error, not two */
	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"scars\" ];\n"
	                        "  scar_types = [ \"injury\", \"burn\" ];\n"
	                        "  scar_age_months = 5000;\n"
	                        "  heart_conditions = [ \"none\" ];\n" A_TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl,
	    "x.cfg:5: error:", "question 'scar_types': 'burn' is not one of its options", NULL);
	diag_clear(&dl);

	/* the same scar age is validated once the scar answer is good */
	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"scars\" ];\n"
	                        "  scar_types = [ \"injury\" ];\n"
	                        "  scar_age_months = 5000;\n"
	                        "  heart_conditions = [ \"none\" ];\n" A_TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl,
	    "x.cfg:6: error:", "question 'scar_age_months': 5000 is outside 0..1200", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_rule2, file_order_does_not_matter)
{
	struct questionnaire *qn = test_mini_questionnaire();
	/* the gated answers come before their gates in the file */
	struct answers *a = test_answers(qn,
	    A_HEAD "  scar_age_months = 3;\n"
	           "  norwood = \"i\";\n"
	           "  heart_conditions = [ \"none\" ];\n"
	           "  scar_types = [ \"fut_strip\" ];\n"
	           "  loss_reasons = [ \"pattern\" ];\n"
	           "  goal = \"buzz_look\"; pregnancy = \"no\"; age = 34;\n" A_TAIL);

	cr_expect_eq(a->eff[Q_SCAR_AGE].num, 3);
	cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_OPTION);
	cr_expect_eq(a->eff[Q_NORWOOD].num, 0);
	cr_expect_eq(a->n_ignored, 0);
	answers_free(a);
	questionnaire_free(qn);
}

/* --- rule 4: required and optional --------------------------------------------------------- */

Test(answers_rule4, shown_required_question_missing)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"pattern\" ];\n"
	                        "  scar_types = [ \"injury\" ];\n"
	                        "  heart_conditions = [ \"none\" ];\n" A_TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:2: error:", "question 'norwood' is shown but has no answer",
	    "required", NULL);
	test_expect_diag(&dl,
	    "x.cfg:2: error:", "question 'scar_age_months' is shown but has no answer", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_rule4, consultant_items_optional_but_validated)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct answers *a = test_answers(qn,
	    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	           "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	           "  heart_conditions = [ \"none\" ];\n"
	           "  unwell_today = \"yes\";\n" A_TAIL);

	cr_expect_eq(a->eff[Q_UNWELL].kind, ANSWER_OPTION);
	cr_expect_eq(a->eff[Q_UNWELL].num, 0);
	answers_free(a);

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	                        "  heart_conditions = [ \"none\" ];\n"
	                        "  unwell_today = \"yse\";\n"
	                        "  notes_free = 12;\n" A_TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl,
	    "x.cfg:6: error:", "question 'unwell_today': 'yse' is not one of its options",
	    "(did you mean 'yes'?)", NULL);
	test_expect_diag(&dl,
	    "x.cfg:7: error:", "question 'notes_free': the answer must be a string", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* --- rule 5: invalid shown answers --------------------------------------------------------- */

Test(answers_rule5, wrong_types)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = \"34\";\n"                        /* 3 */
	                        "  pregnancy = 0;\n"                       /* 4 */
	                        "  goal = [ \"buzz_look\" ];\n"            /* 5 */
	                        "  loss_reasons = \"pattern\";\n"          /* 6 */
	                        "  scar_types = [ 1 ];\n"                  /* 7 */
	                        "  heart_conditions = { none = true; };\n" /* 8 */
	                        "  unwell_today = true;\n"                 /* 9 */
	                 A_TAIL,
	                 &dl),
	    7);
	test_expect_diag(&dl,
	    "x.cfg:3: error:", "question 'age': the answer must be a whole number 0..120", NULL);
	test_expect_diag(&dl,
	    "x.cfg:4: error:", "question 'pregnancy': the answer must be a string", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'goal': the answer must be a string",
	    NULL);
	test_expect_diag(&dl,
	    "x.cfg:6: error:", "question 'loss_reasons': the answer must be an array", NULL);
	test_expect_diag(&dl,
	    "x.cfg:7: error:", "question 'scar_types': every item must be a string", NULL);
	test_expect_diag(&dl,
	    "x.cfg:8: error:", "question 'heart_conditions': the answer must be an array", NULL);
	test_expect_diag(&dl,
	    "x.cfg:9: error:", "question 'unwell_today': the answer must be a string", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34.0;\n"
	                        "  pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ "
	                        "\"scars\" ];\n"
	                        "  scar_types = [ \"injury\" ]; scar_age_months = \"12\";\n"
	                        "  heart_conditions = [ \"none\" ];\n" A_TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl,
	    "x.cfg:3: error:", "question 'age': the answer must be a whole number 0..120", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:",
	    "question 'scar_age_months': the answer must be a whole number 0..1200 or \"unknown\"",
	    NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_rule5, value_not_an_option_suggests)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34;\n"
	                        "  pregnancy = \"pregnnt\";\n"
	                        "  goal = \"Buzz_look\";\n"
	                        "  loss_reasons = [ \"patern\" ];\n"
	                        "  scar_types = [ \"none\" ];\n"
	                        "  heart_conditions = [ \"unkown\" ];\n"
	                        "  unwell_today = \"definitely\";\n" A_TAIL,
	                 &dl),
	    5);
	test_expect_diag(&dl,
	    "x.cfg:4: error:", "question 'pregnancy': 'pregnnt' is not one of its options",
	    "(did you mean 'pregnant'?)", NULL);
	test_expect_diag(&dl,
	    "x.cfg:5: error:", "question 'goal': 'Buzz_look' is not one of its options",
	    "(did you mean 'buzz_look'?)", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "question 'loss_reasons': 'patern'",
	    "(did you mean 'pattern'?)", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "question 'heart_conditions': 'unkown'",
	    "(did you mean 'unknown'?)", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:",
	    "question 'unwell_today': 'definitely' is not one of its "
	    "options",
	    NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_rule5, integer_out_of_range)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct answers *a;

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 121;\n"
	                        "  pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ "
	                        "\"scars\" ];\n"
	                        "  scar_types = [ \"injury\" ];\n"
	                        "  scar_age_months = -1;\n"
	                        "  heart_conditions = [ \"none\" ];\n" A_TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'age': 121 is outside 0..120", NULL);
	test_expect_diag(&dl,
	    "x.cfg:6: error:", "question 'scar_age_months': -1 is outside 0..1200", NULL);
	diag_clear(&dl);

	a = test_answers(qn,
	    A_HEAD
	    "  age = 0; pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ \"scars\" ];\n"
	    "  scar_types = [ \"injury\" ]; scar_age_months = 1200;\n"
	    "  heart_conditions = [ \"none\" ];\n" A_TAIL);
	cr_expect_eq(a->eff[Q_AGE].num, 0);
	cr_expect_eq(a->eff[Q_SCAR_AGE].num, 1200);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_rule5, unknown_where_not_allowed)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = \"unknown\";\n" /* integer */
	                        "  pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = [ \"unknown\" ];\n" /* multi */
	                        "  scar_types = [ \"none\" ];\n"
	                        "  heart_conditions = [ \"none\" ];\n"
	                        "  unwell_today = \"unknown\";\n" /* single */
	                 A_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl,
	    "x.cfg:3: error:", "question 'age': 'unknown' is not allowed for this question", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:",
	    "question 'loss_reasons': 'unknown' is not allowed for this question", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:",
	    "question 'unwell_today': 'unknown' is not allowed for this question", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_rule5, multi_constraints)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(qn,
	                 A_HEAD
	                 "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"      /* 3 */
	                 "  loss_reasons = [ ];\n"                                      /* 4 */
	                 "  scar_types = [ \"none\", \"injury\" ];\n"                   /* 5 */
	                 "  heart_conditions = [ \"unknown\", \"heart_condition\" ];\n" /* 6 */
	                 A_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'loss_reasons': the answer is empty",
	    NULL);
	test_expect_diag(&dl, "x.cfg:5: error:",
	    "question 'scar_types': 'none' cannot be combined with other answers", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:",
	    "question 'heart_conditions': 'unknown' cannot be combined with other answers", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(qn,
	                 A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                        "  loss_reasons = ( \"scars\", \"scars\" );\n"
	                        "  scar_types = [ \"none\", \"none\" ];\n"
	                        "  heart_conditions = [ \"unknown\", \"unknown\" ];\n" A_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'loss_reasons': 'scars' is given twice",
	    NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'scar_types': 'none' is given twice",
	    NULL);
	test_expect_diag(&dl,
	    "x.cfg:6: error:", "question 'heart_conditions': 'unknown' is given twice", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(qn,
	                 A_HEAD
	                 "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	                 "  loss_reasons = [ \"scars\" ];\n"
	                 "  scar_types = [ \"fut_strip\", \"none\" ];\n"
	                 "  heart_conditions = [ \"heart_condition\", \"unknown\" ];\n" A_TAIL,
	                 &dl),
	    2, "the order of the combination does not matter");
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* --- rule 6: the info item ------------------------------------------------------------------ */

/* The all-'no' answers of the bundled questionnaire (domain/questions.md §4). */
#define BUNDLED_ANSWERS_NO_TRANSPLANT                                                              \
	"questionnaire = \"smp-consultation\";\n"                                                  \
	"answers = {\n"                                                                            \
	"  age = 34; pregnancy = \"no\"; goal = \"short_denser\"; hair_colour = \"dark_brown\";\n" \
	"  skin_type = \"type_3\"; loss_reasons = [ \"pattern\" ]; norwood = \"iii\";\n"           \
	"  loss_trend = \"stable\"; loss_treatments = [ \"none\" ]; will_shave = \"yes\";\n"       \
	"  scar_types = [ \"none\" ]; keloid_history = \"no\";\n"                                  \
	"  existing_pigment = \"none\"; scalp_laser_recent = \"no\"; injectables_recent = "        \
	"\"no\";\n"                                                                                \
	"  scalp_skin_treatment = \"no\"; scalp_now = [ \"none\" ];\n"                             \
	"  chronic_scalp_condition = [ \"none\" ]; moles = \"none\"; scalp_tanned_recent = "       \
	"\"no\";\n"                                                                                \
	"  pih_tendency = \"no\"; bleeding_disorder = \"no\"; anticoagulant = \"no\";\n"           \
	"  otc_blood_thinners = \"no\"; diabetes = \"no\"; heart_conditions = [ \"none\" ];\n"     \
	"  epilepsy = \"no\"; immune = [ \"none\" ]; chemo_status = \"never\";\n"                  \
	"  isotretinoin = \"never\"; antibiotics = \"no\"; doxycycline_6m = \"no\";\n"             \
	"  thyroid_meds = \"no\"; liver_disease = \"no\"; pigment_condition = \"none\";\n"         \
	"  previous_pigment = \"healed_ok\"; anaesthetic_reaction = \"no\";\n"                     \
	"  metal_allergy = \"no\"; latex_allergy = \"no\"; dye_henna_reaction = \"no\";\n"         \
	"  aftercare_product_reaction = \"no\"; sensitive_skin = \"no\";\n"                        \
	"  expectations = [ \"fuller_look\" ]; longevity_wish = \"as_long_as_possible\";\n"        \
	"  touchups_ok = \"yes\"; sun_exposure = \"little\"; upcoming_plans = [ \"none\" ];\n"     \
	"  can_attend_sessions = \"yes\"; pain_worry = \"not_worried\";\n"
#define BUNDLED_ANSWERS BUNDLED_ANSWERS_NO_TRANSPLANT "  hair_transplant = \"never\";\n"

Test(answers_rule6, info_item_value_is_ignored_whatever_it_is)
{
	static const char *const values[] = { "\"seen\"", "3", "[ \"a\", \"b\" ]", "( 1, \"x\" )",
		"{ nested = \"group\"; }", "true", "\"unknown\"", "4294967296L", "[ ]" };
	struct questionnaire *qn = test_bundled_questionnaire();
	long price = questionnaire_find(qn, "price_info");
	struct diag_list dl = { 0 };
	struct answers *a;
	char text[4096];
	char *msg;
	size_t i;

	cr_assert_geq(price, 0);
	cr_assert_eq(qn->questions[price].type, QTYPE_INFO);
	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		snprintf(text, sizeof text, BUNDLED_ANSWERS "  price_info = %s;\n};\n", values[i]);
		a = NULL;
		if (answers_load_string(&a, text, "x.cfg", qn, &dl) != 0) {
			msg = test_diag_text(&dl);
			cr_expect_fail("price_info = %s must be ignored:\n%s", values[i], msg);
			free(msg);
		} else {
			cr_expect_eq(a->eff[price].kind, ANSWER_ABSENT, "price_info = %s",
			    values[i]);
			cr_expect_eq(dl.n, 0);
		}
		answers_free(a);
		diag_clear(&dl);
	}
	/* and absent is fine too */
	a = test_answers(qn, BUNDLED_ANSWERS "};\n");
	cr_expect_eq(a->eff[price].kind, ANSWER_ABSENT);
	cr_expect_eq(a->n_ignored, 0);
	answers_free(a);
	questionnaire_free(qn);
}

/* --- text answers --------------------------------------------------------------------------- */

Test(answers_text, control_characters_and_bad_utf8_removed)
{
	struct questionnaire *qn = test_mini_questionnaire();
	/* ESC [31m, BEL, a C1 CSI (U+009B), a lone 0xff, DEL, ESC via \x1b, a bidi override
	 * (U+202E), then good UTF-8; a TAB (\x09) becomes a space */
	struct answers *a = test_answers(qn,
	    A_HEAD
	    "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	    "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	    "  heart_conditions = [ \"none\" ];\n"
	    "  notes_free = \"a\x1b[31mred\x07|\xc2\x9b|\xff|\x7f|\\x09|\\x1b|\xe2\x80\xae|Zoë "
	    "✓\";\n" A_TAIL);
	const char *t = a->eff[Q_NOTES].text;

	cr_assert_eq(a->eff[Q_NOTES].kind, ANSWER_TEXT);
	cr_assert_not_null(t);
	cr_expect_str_eq(t, "a[31mred|||| |||Zoë ✓");
	cr_expect_null(strchr(t, '\x1b'));
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_text, length_limit)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct answers *a;
	char text[1024], body[256];

	memset(body, 'x', 200);
	body[200] = '\0';
	snprintf(text, sizeof text,
	    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	           "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	           "  heart_conditions = [ \"none\" ];\n"
	           "  notes_free = \"%s\";\n" A_TAIL,
	    body);
	a = test_answers(qn, text);
	cr_expect_eq(strlen(a->eff[Q_NOTES].text), 200, "exactly the limit is fine");
	answers_free(a);

	body[200] = 'x';
	body[201] = '\0';
	snprintf(text, sizeof text,
	    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	           "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	           "  heart_conditions = [ \"none\" ];\n"
	           "  notes_free = \"%s\";\n" A_TAIL,
	    body);
	cr_expect_eq(load_bad(qn, text, &dl), 1);
	test_expect_diag(&dl, "x.cfg:6: error:",
	    "question 'notes_free': the answer is 201 bytes, longer than its limit of 200", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* --- all errors at once ----------------------------------------------------------------------- */

Test(answers, every_error_in_one_run)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	char *all;

	cr_expect_eq(load_bad(qn,
	                 "questionnaire = \"other\";\n"               /* 1 */
	                 "answers = {\n"                              /* 2 */
	                 "  agge = 34;\n"                             /* 3 */
	                 "  pregnancy = \"yes\";\n"                   /* 4 */
	                 "  goal = 1;\n"                              /* 5 */
	                 "  loss_reasons = [ \"pattern\" ];\n"        /* 6: norwood missing */
	                 "  scar_types = [ \"none\", \"injury\" ];\n" /* 7 */
	                 "  heart_conditions = [ ];\n"                /* 8 */
	                 "  unwell_today = \"unknown\";\n"            /* 9 */
	                 "};\n",
	                 &dl),
	    8);
	test_expect_diag(&dl, "x.cfg:1: error:", "questionnaire 'other'", NULL);
	/* The misspelt key's error names 'age'; "age is missing" would only repeat it. */
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown question 'agge'", "(did you mean 'age'?)",
	    NULL);
	all = test_diag_text(&dl);
	cr_expect_null(strstr(all, "question 'age' is shown but has no answer"), "%s", all);
	free(all);
	test_expect_diag(&dl,
	    "x.cfg:4: error:", "question 'pregnancy': 'yes' is not one of its options", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'goal': the answer must be a string",
	    NULL);
	test_expect_diag(&dl, "x.cfg:2: error:", "question 'norwood' is shown but has no answer",
	    NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "'none' cannot be combined", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "question 'heart_conditions': the answer is empty",
	    NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "'unknown' is not allowed", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* --- writing ---------------------------------------------------------------------------------- */

static const char full_text[] =
    A_HEAD "  age = 19; pregnancy = \"unknown\"; goal = \"scar_only\";\n"
           "  loss_reasons = [ \"sudden_or_undiagnosed\", \"pattern\" ]; norwood = \"unknown\";\n"
           "  scar_types = [ \"injury\", \"fut_strip\" ]; scar_age_months = \"unknown\";\n"
           "  heart_conditions = [ \"unknown\" ]; unwell_today = \"no\";\n"
           "  notes_free = \"He said \\\"hi\\\" \\\\ C:\\\\temp\\\\ ; # not a comment // nor this, "
           "Zoë\";\n"
           "  price_info = \"ignored\";\n" A_TAIL;

Test(answers_write, round_trip_is_identical)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn, full_text), *b, *c;
	struct strbuf w1 = { 0 }, w2 = { 0 };

	cr_expect_str_eq(a->eff[Q_NOTES].text,
	    "He said \"hi\" \\ C:\\temp\\ ; # not a comment // nor this, Zoë");
	answers_write(a, &w1);
	b = test_answers(qn, sb_str(&w1));
	expect_same_answers(a, b);
	answers_write(b, &w2);
	cr_expect_str_eq(sb_str(&w1), sb_str(&w2), "writing is stable");

	/* the effective answers only: a hidden stray answer is not written */
	c = test_answers(qn,
	    A_HEAD "  age = 34; pregnancy = \"no\"; goal = \"buzz_look\";\n"
	           "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	           "  heart_conditions = [ \"none\" ]; norwood = \"v\";\n" A_TAIL);
	sb_reset(&w1);
	answers_write(c, &w1);
	cr_expect_null(strstr(sb_str(&w1), "norwood"));
	cr_expect_null(strstr(sb_str(&w1), "price_info"));
	cr_expect_str_eq(sb_str(&w1),
	    "# smpscreen answers: health data, keep private.\n"
	    "questionnaire = \"mini-consultation\";\n"
	    "answers = {\n"
	    "  age = 34;\n"
	    "  pregnancy = \"no\";\n"
	    "  goal = \"buzz_look\";\n"
	    "  loss_reasons = [ \"scars\" ];\n"
	    "  scar_types = [ \"none\" ];\n"
	    "  heart_conditions = [ \"none\" ];\n"
	    "};\n");
	sb_free(&w1);
	sb_free(&w2);
	answers_free(a);
	answers_free(b);
	answers_free(c);
	questionnaire_free(qn);
}

Test(answers_write, round_trip_of_the_bundled_questionnaire)
{
	struct questionnaire *qn = test_bundled_questionnaire();
	struct answers
	    *a = test_answers(qn,
	        BUNDLED_ANSWERS_NO_TRANSPLANT
	        "  hair_transplant = \"fue\"; transplant_months_ago = 3; graft_area_symptoms = "
	        "\"no\";\n"
	        "  unwell_today = \"no\"; infection_disclosure = \"unknown\"; glaucoma = \"no\";\n"
	        "};\n"),
	    *b;
	struct strbuf w = { 0 };

	answers_write(a, &w);
	b = test_answers(qn, sb_str(&w));
	expect_same_answers(a, b);
	sb_free(&w);
	answers_free(a);
	answers_free(b);
	questionnaire_free(qn);
}

/* Answers set in memory (the wizard) are not sanitised by the loader; what is written must
 * still be a file that loads. */
Test(answers_write, text_set_in_memory_is_written_loadably)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn, base_text), *b;
	struct answer v = { .kind = ANSWER_TEXT, .text = (char *)"tab\there \"q\" \\ end\x1b[0m" };
	struct strbuf w = { 0 };

	answers_set(a, Q_NOTES, &v);
	cr_expect_neq(a->eff[Q_NOTES].text, v.text, "the text is copied");
	answers_write(a, &w);
	b = test_answers(qn, sb_str(&w));
	cr_expect_str_eq(b->eff[Q_NOTES].text, "tab here \"q\" \\ end[0m");
	sb_free(&w);
	answers_free(a);
	answers_free(b);
	questionnaire_free(qn);
}

Test(answers_write, save_creates_a_private_file)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn, full_text), *b = NULL;
	struct diag_list dl = { 0 };
	struct strbuf w = { 0 };
	struct stat st;
	char *dir = test_tmpdir(), path[512], *cause = NULL, *content;
	mode_t old = umask(0);

	snprintf(path, sizeof path, "%s/answers.cfg", dir);
	cr_assert_eq(answers_save(a, path, &cause), 0, "%s", cause ? cause : "");
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600, "mode is %o", (unsigned)(st.st_mode & 0777));
	content = test_read_file(path);
	answers_write(a, &w);
	cr_expect_str_eq(content, sb_str(&w), "the file is what answers_write gives");
	free(content);
	cr_assert_eq(answers_load(&b, path, qn, &dl), 0);
	expect_same_answers(a, b);
	cr_expect_str_eq(b->path, path);

	/* saving again replaces the file and keeps it private */
	cr_assert_eq(chmod(path, 0644), 0);
	cr_assert_eq(answers_save(b, path, &cause), 0);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);

	/* a directory that does not exist: -1 and a cause */
	snprintf(path, sizeof path, "%s/no/such.cfg", dir);
	cr_expect_eq(answers_save(a, path, &cause), -1);
	cr_expect_not_null(cause);
	free(cause);

	umask(old);
	snprintf(path, sizeof path, "%s/answers.cfg", dir);
	unlink(path);
	rmdir(dir);
	sb_free(&w);
	free(dir);
	answers_free(a);
	answers_free(b);
	questionnaire_free(qn);
}

/* --- visibility in memory ----------------------------------------------------------------------
 */

Test(answers_visibility, is_shown_follows_the_gates)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = answers_new(qn);
	struct answer v = { 0 };

	cr_expect(answers_is_shown(a, Q_AGE));
	cr_expect(answers_is_shown(a, Q_PRICE));
	cr_expect_not(answers_is_shown(a, Q_NORWOOD), "loss_reasons absent");
	cr_expect_not(answers_is_shown(a, Q_SCAR_AGE), "scar_types absent");

	v = (struct answer){ .kind = ANSWER_OPTIONS, .set = 2 }; /* scars */
	answers_set(a, Q_LOSS, &v);
	cr_expect_not(answers_is_shown(a, Q_NORWOOD));
	v.set = 3; /* pattern + scars */
	answers_set(a, Q_LOSS, &v);
	cr_expect(answers_is_shown(a, Q_NORWOOD));

	v.set = 1; /* none */
	answers_set(a, Q_SCARS, &v);
	cr_expect_not(answers_is_shown(a, Q_SCAR_AGE));
	v.set = 4; /* injury */
	answers_set(a, Q_SCARS, &v);
	cr_expect(answers_is_shown(a, Q_SCAR_AGE));
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_visibility, settle_clears_answers_no_longer_shown)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn, full_text);
	struct answer v = { .kind = ANSWER_OPTIONS, .set = 4 }; /* sudden_or_undiagnosed only */

	cr_assert_eq(a->eff[Q_NORWOOD].kind, ANSWER_UNKNOWN);
	cr_assert_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_UNKNOWN);
	answers_set(a, Q_LOSS, &v);
	answers_settle(a);
	cr_expect_eq(a->eff[Q_NORWOOD].kind, ANSWER_ABSENT);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_UNKNOWN, "its gate did not change");
	cr_expect_eq(a->eff[Q_NOTES].kind, ANSWER_TEXT, "ungated answers stay");

	v.set = 1; /* scar_types = none */
	answers_set(a, Q_SCARS, &v);
	answers_settle(a);
	cr_expect_eq(a->eff[Q_SCAR_AGE].kind, ANSWER_ABSENT);

	/* settling twice changes nothing more */
	answers_settle(a);
	cr_expect_eq(a->eff[Q_AGE].num, 19);
	cr_expect_eq(a->eff[Q_SCARS].set, 1);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_visibility, settle_in_the_bundled_questionnaire)
{
	struct questionnaire *qn = test_bundled_questionnaire();
	struct answers *a = test_answers(qn,
	    BUNDLED_ANSWERS_NO_TRANSPLANT "  hair_transplant = \"fut\"; transplant_months_ago = 2; "
	                                  "graft_area_symptoms = \"yes\";\n"
	                                  "};\n");
	long ht = questionnaire_find(qn, "hair_transplant");
	long months = questionnaire_find(qn, "transplant_months_ago");
	long graft = questionnaire_find(qn, "graft_area_symptoms");
	struct answer never = { .kind = ANSWER_OPTION,
		.num = questionnaire_find_option(&qn->questions[ht], "never") };

	cr_assert_eq(a->eff[months].kind, ANSWER_INTEGER);
	answers_set(a, (size_t)ht, &never);
	cr_expect_not(answers_is_shown(a, (size_t)months));
	cr_expect_eq(a->eff[months].kind, ANSWER_INTEGER, "not cleared before settling");
	answers_settle(a);
	cr_expect_eq(a->eff[months].kind, ANSWER_ABSENT);
	cr_expect_eq(a->eff[graft].kind, ANSWER_ABSENT);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_visibility, set_and_clear)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = answers_new(qn);
	char buf[] = "typed";
	struct answer v = { .kind = ANSWER_TEXT, .text = buf };

	answers_set(a, Q_NOTES, &v);
	buf[0] = 'X';
	cr_expect_str_eq(a->eff[Q_NOTES].text, "typed", "answers_set copies the text");
	v = (struct answer){ .kind = ANSWER_INTEGER, .num = 7 };
	answers_set(a, Q_NOTES, &v); /* replaces (and frees) the old text */
	cr_expect_null(a->eff[Q_NOTES].text);
	answer_clear(&a->eff[Q_NOTES]);
	cr_expect_eq(a->eff[Q_NOTES].kind, ANSWER_ABSENT);
	cr_expect_eq(a->eff[Q_NOTES].num, 0);
	answers_free(a);
	questionnaire_free(qn);
}

/* --- formatting ---------------------------------------------------------------------------------
 */

Test(answers_format, labels_and_values_for_every_kind)
{
	static const struct {
		size_t q;
		const char *label, *value;
	} want[] = {
		{ Q_AGE, "19 years", "19" },
		{ Q_PREG, "Prefer not to say", "unknown" },
		{ Q_GOAL, "Only hide one or more scars", "scar_only" },
		{ Q_LOSS, "Pattern loss; Sudden or undiagnosed loss",
		    "pattern, sudden_or_undiagnosed" },
		{ Q_NORWOOD, "Not sure - the consultant will assess", "unknown" },
		{ Q_SCARS, "Strip (FUT) transplant scar; Scar from an injury",
		    "fut_strip, injury" },
		{ Q_SCAR_AGE, "Not sure", "unknown" },
		{ Q_HEART, "Not sure", "unknown" },
		{ Q_UNWELL, "No", "no" },
		{ Q_NOTES, "He said \"hi\" \\ C:\\temp\\ ; # not a comment // nor this, Zoë",
		    "He said \"hi\" \\ C:\\temp\\ ; # not a comment // nor this, Zoë" },
		{ Q_PRICE, "(no answer)", "" },
	};
	struct questionnaire *qn = test_mini_questionnaire();
	struct answers *a = test_answers(qn, full_text);
	struct strbuf sb = { 0 };
	char *got;
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		got = fmt(a, want[i].q, false);
		cr_expect_str_eq(got, want[i].label, "label of %s", qn->questions[want[i].q].id);
		free(got);
		got = fmt(a, want[i].q, true);
		cr_expect_str_eq(got, want[i].value, "value of %s", qn->questions[want[i].q].id);
		free(got);
	}
	/* both append */
	sb_append(&sb, "age: ");
	answer_format(&qn->questions[Q_AGE], &a->eff[Q_AGE], &sb);
	sb_append(&sb, " / ");
	answer_format_values(&qn->questions[Q_AGE], &a->eff[Q_AGE], &sb);
	cr_expect_str_eq(sb_str(&sb), "age: 19 years / 19");
	sb_free(&sb);
	answers_free(a);
	questionnaire_free(qn);
}

Test(answers_format, integer_without_unit_and_unknown_without_label)
{
	struct question q = { .id = (char *)"n",
		.type = QTYPE_INTEGER,
		.min = 0,
		.max = 9,
		.allow_unknown = true };
	struct answer v = { .kind = ANSWER_INTEGER, .num = 7 };
	struct strbuf sb = { 0 };

	answer_format(&q, &v, &sb);
	cr_expect_str_eq(sb_str(&sb), "7");
	sb_reset(&sb);
	v.kind = ANSWER_UNKNOWN;
	answer_format(&q, &v, &sb);
	cr_expect_str_eq(sb_str(&sb), "Not sure");
	sb_free(&sb);
}

/* The record and client groups: what each field may hold, and what is refused at its line. */
Test(answers_meta, record_and_client_read_and_written)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct answers *a = NULL, *back = NULL;
	struct strbuf sb = { 0 };
	char *text;

	text = xasprintf("questionnaire = \"mini-consultation\";\n"
	                 "record = { id = \"20261203-101502-7f3a0b1c\"; created_at = "
	                 "\"2026-12-03T10:15:02+14:00\"; mode = \"home\"; consultant = \"R. O\"; "
	                 "};\n"
	                 "client = { name = \"Ana\"; date_of_birth = \"1990-05-01\"; };\n%s",
	    base_text + strlen("questionnaire = \"mini-consultation\";\n"));
	cr_assert_eq(answers_load_string(&a, text, "x.cfg", qn, &dl), 0, "%s", text);
	cr_expect_str_eq(a->meta.record_id, "20261203-101502-7f3a0b1c");
	cr_expect_str_eq(a->meta.created_at, "2026-12-03T10:15:02+14:00");
	cr_expect_str_eq(a->meta.mode, "home");
	cr_expect_str_eq(a->meta.consultant, "R. O");
	cr_expect_str_eq(a->meta.client_name, "Ana");
	cr_expect_null(a->meta.client_reference);
	cr_expect_str_eq(a->meta.client_date_of_birth, "1990-05-01");
	/* Written back, read back: the same metadata. */
	answers_write(a, &sb);
	cr_assert_eq(answers_load_string(&back, sb_str(&sb), "y.cfg", qn, &dl), 0, "%s",
	    sb_str(&sb));
	cr_expect_str_eq(back->meta.created_at, a->meta.created_at);
	cr_expect_str_eq(back->meta.client_name, "Ana");
	answers_free(back);
	answers_free(a);
	sb_free(&sb);
	free(text);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(answers_meta, bad_metadata_is_refused_at_its_line)
{
	static const char *const bad[] = {
		"record = { created_at = \"2026-12-03T10:15:02+15:00\"; };\n", /* no such offset */
		"record = { created_at = \"2026-12-03T10:15:02+14:30\"; };\n",
		"record = { created_at = \"2026-02-30T10:15:02Z\"; };\n",
		"record = { created_at = \"2026-12-03T24:15:02Z\"; };\n",
		"record = { created_at = \"2026-12-03 10:15:02Z\"; };\n",
		"record = { id = \"   \"; };\n", /* blank */
		"record = { mode = \"walk-in\"; };\n",
		"record = { id = 7; };\n",
		"record = { colour = \"red\"; };\n",
		"client = { reference = \" \"; };\n",
		"client = { date_of_birth = \"1990-13-01\"; };\n",
		"client = { name = \"a\\x1b[2Jb\"; };\n",
		"client = \"Ana\";\n",
	};
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	char *text, *msg;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		text = xasprintf("questionnaire = \"mini-consultation\";\n%s%s", bad[i],
		    base_text + strlen("questionnaire = \"mini-consultation\";\n"));
		cr_expect_geq(load_bad(qn, text, &dl), 1, "%s", bad[i]);
		msg = test_diag_text(&dl);
		cr_expect_not_null(strstr(msg, "x.cfg:2:"), "%s: %s", bad[i], msg);
		free(msg);
		diag_clear(&dl);
		free(text);
	}
	questionnaire_free(qn);
}
