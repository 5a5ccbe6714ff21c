/* SPDX-License-Identifier: ISC */
/* The `review` group of an answers file: reading, every error with its line, writing back. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "smpscreen/answers.h"
#include "smpscreen/review.h"
#include "smpscreen/rules.h"
#include "smpscreen/xalloc.h"

static struct questionnaire *qn;

static void
setup(void)
{
	qn = test_mini_questionnaire();
}

static void
teardown(void)
{
	questionnaire_free(qn);
}

TestSuite(review, .init = setup, .fini = teardown);

#define ANSWERS                                                                             \
	"questionnaire = \"mini-consultation\";\n"                                               \
	"answers = {\n"                                                                          \
	"  age = 42;\n"                                                                          \
	"  pregnancy = \"no\";\n"                                                                \
	"  goal = \"scar_only\";\n"                                                              \
	"  loss_reasons = [ \"scars\" ];\n"                                                      \
	"  scar_types = [ \"fut_strip\" ];\n"                                                    \
	"  scar_age_months = 14;\n"                                                              \
	"  heart_conditions = [ \"none\" ];\n"                                                   \
	"};\n"

/* Line 11 is the review's first line in every text below. */
static const char reviewed[] = ANSWERS
    "review = {\n"
    "  by = \"Ana Ruiz\"; at = \"2027-02-01T10:00:00+01:00\";\n"
    "  changes = (\n"
    "    { question = \"age\"; from = 41; to = 42;\n"
    "      reason = \"Checked the ID card in person\"; at = \"2027-02-01T10:05:00+01:00\"; },\n"
    "    { question = \"scar_age_months\"; from = \"unknown\"; to = 14;\n"
    "      reason = \"The operation letter gives the date\"; at = \"2027-02-01T10:06:00Z\"; }\n"
    "  );\n"
    "  decision = { suitability = \"defer\"; reason = \"Wants to wait until after summer\";\n"
    "    at = \"2027-02-01T10:20:00+01:00\"; };\n"
    "};\n";

Test(review, reads_changes_and_decision)
{
	struct answers *a = test_answers(qn, reviewed);
	const struct review *rv = a->review;
	long age = questionnaire_find(qn, "age"), scar = questionnaire_find(qn, "scar_age_months");

	cr_assert_not_null(rv);
	cr_expect_str_eq(rv->by, "Ana Ruiz");
	cr_expect_str_eq(rv->at, "2027-02-01T10:00:00+01:00");
	cr_assert_eq(rv->n_changes, 2);
	cr_expect_eq(rv->changes[0].question, (size_t)age);
	cr_expect_eq(rv->changes[0].from.kind, ANSWER_INTEGER);
	cr_expect_eq(rv->changes[0].from.num, 41);
	cr_expect_eq(rv->changes[0].to.num, 42);
	cr_expect_eq(rv->changes[0].line, 14);
	cr_expect_eq(rv->changes[1].from.kind, ANSWER_UNKNOWN);
	cr_expect_eq(review_change_of(rv, (size_t)scar), &rv->changes[1]);
	cr_expect_null(review_change_of(rv, (size_t)questionnaire_find(qn, "goal")));
	cr_expect(rv->decision.set);
	cr_expect_eq(rv->decision.level, LEVEL_DEFER);
	cr_expect_str_eq(rv->decision.reason, "Wants to wait until after summer");
	/* The answers hold the consultant's values: what is screened. */
	cr_expect_eq(a->eff[age].num, 42);
	answers_free(a);
}

Test(review, writes_back_what_it_read)
{
	struct answers *a = test_answers(qn, reviewed), *b;
	struct strbuf first = { 0 }, second = { 0 };

	answers_write(a, &first);
	b = test_answers(qn, sb_str(&first));
	answers_write(b, &second);
	cr_expect_str_eq(sb_str(&second), sb_str(&first));
	cr_assert_not_null(b->review);
	cr_expect_eq(b->review->n_changes, 2);
	cr_expect_str_eq(b->review->changes[1].reason, "The operation letter gives the date");
	cr_expect(b->review->decision.set);
	sb_free(&first);
	sb_free(&second);
	answers_free(a);
	answers_free(b);
}

Test(review, a_file_without_review_has_none)
{
	struct answers *a = test_answers(qn, ANSWERS);
	struct strbuf out = { 0 };

	cr_expect_null(a->review);
	answers_write(a, &out);
	cr_expect_null(strstr(sb_str(&out), "review"));
	sb_free(&out);
	answers_free(a);
}

/* Loads text, expects it refused with one diagnostic at prefix holding the words given. */
static void
expect_refused(const char *text, const char *prefix, const char *w1, const char *w2)
{
	struct diag_list dl = { 0 };
	struct answers *a = NULL;

	cr_expect_eq(answers_load_string(&a, text, "answers.cfg", qn, &dl), -1);
	cr_expect_null(a);
	test_expect_diag(&dl, prefix, w1, w2, NULL);
	diag_clear(&dl);
}

/* reviewed with one piece replaced. */
static char *
with(const char *old, const char *new)
{
	const char *at = strstr(reviewed, old);
	char *s;

	cr_assert_not_null(at, "no '%s' in the text", old);
	s = xasprintf("%.*s%s%s", (int)(at - reviewed), reviewed, new, at + strlen(old));
	return s;
}

Test(review, every_error_at_its_line)
{
	struct {
		const char *old, *new, *prefix, *w1, *w2;
	} cases[] = {
		{ "to = 42;", "to = 43;", "answers.cfg:14: error:", "'age'", "answers" },
		{ "from = 41;", "from = 42;", "answers.cfg:14: error:", "'age'", "same" },
		{ "\"Checked the ID card in person\"", "\"ok\"", "answers.cfg:15: error:", "reason",
		    "3" },
		{ "question = \"age\"", "question = \"agee\"", "answers.cfg:14: error:", "unknown",
		    "'agee'" },
		{ "question = \"age\"", "question = \"price_info\"", "answers.cfg:14: error:",
		    "information", "'price_info'" },
		{ "from = 41;", "from = \"many\";", "answers.cfg:14: error:", "age", NULL },
		{ "at = \"2027-02-01T10:05:00+01:00\"", "at = \"yesterday\"", "answers.cfg:15: error:",
		    "'at'", "'yesterday'" },
		{ "suitability = \"defer\"", "suitability = \"maybe\"", "answers.cfg:19: error:",
		    "suitability", "'maybe'" },
		{ "by = \"Ana Ruiz\"; ", "", "answers.cfg:11: error:", "'by'", NULL },
		{ "changes = (", "changes = {", NULL, NULL, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = with(cases[i].old, cases[i].new);

		if (cases[i].prefix != NULL)
			expect_refused(text, cases[i].prefix, cases[i].w1, cases[i].w2);
		else {
			struct diag_list dl = { 0 };
			struct answers *a = NULL;

			cr_expect_eq(answers_load_string(&a, text, "answers.cfg", qn, &dl), -1,
			    "case %zu loads", i);
			diag_clear(&dl);
		}
		free(text);
	}
}

Test(review, a_second_change_of_a_question_is_the_one_that_stands)
{
	char *text = with("  );\n", "    , { question = \"age\"; from = 42; to = 41;\n"
	                            "      reason = \"The ID card was a relative's one\";\n"
	                            "      at = \"2027-02-01T10:09:00Z\"; }\n  );\n");
	struct diag_list dl = { 0 };
	struct answers *a = NULL;

	/* The answers still say 42: the last change (to 41) contradicts them. */
	cr_expect_eq(answers_load_string(&a, text, "answers.cfg", qn, &dl), -1);
	test_expect_diag(&dl, "answers.cfg:18: error:", "'age'", NULL);
	diag_clear(&dl);
	free(text);
}

Test(review, reasons)
{
	cr_expect(review_reason_ok("Checked in person"));
	cr_expect(review_reason_ok("  checked   in   person  "));
	cr_expect_not(review_reason_ok("Checked person"));
	cr_expect_not(review_reason_ok(""));
	cr_expect_not(review_reason_ok(NULL));
	cr_expect_not(review_reason_ok("Checked in \033[2J person"));
	cr_expect_not(review_reason_ok("Checked in\nperson"));
}

Test(review, free_accepts_null)
{
	review_free(NULL);
}

/* What a review front end leaves: the patient's answers as loaded, the answers now, and a
 * reason for each change. */
Test(review, build_from_the_patient_s_answers_and_the_reasons)
{
	struct answers *patient = test_answers(qn, ANSWERS), *now = test_answers(qn, ANSWERS);
	size_t n = qn->n_questions, age = (size_t)questionnaire_find(qn, "age"), missing = 99;
	const char **reasons = xcalloc(n, sizeof *reasons), **times = xcalloc(n, sizeof *times);
	struct review_decision d = { .set = true, .level = LEVEL_REFER,
		.reason = (char *)"Wants the GP's view first", .at = (char *)"2027-02-01T11:00:00Z" };
	struct answer v = { .kind = ANSWER_INTEGER, .num = 43 };
	struct review *rv;
	struct strbuf out = { 0 };
	struct answers *back;

	/* Nothing changed: no change, whatever the reasons. */
	rv = review_build(qn, patient->eff, now->eff, reasons, times, NULL, "Ana Ruiz",
	    "2027-02-01T11:05:00Z", NULL, &missing);
	cr_assert_not_null(rv);
	cr_expect_eq(rv->n_changes, 0);
	cr_expect_not(rv->decision.set);
	review_free(rv);

	answers_set(now, age, &v);
	/* A change without a reason is refused, and named. */
	cr_expect_null(review_build(qn, patient->eff, now->eff, reasons, times, NULL, "Ana Ruiz",
	    "2027-02-01T11:05:00Z", NULL, &missing));
	cr_expect_eq(missing, age);
	reasons[age] = "too short";
	times[age] = "2027-02-01T11:01:00Z";
	cr_expect_null(review_build(qn, patient->eff, now->eff, reasons, times, NULL, "Ana Ruiz",
	    "2027-02-01T11:05:00Z", NULL, &missing));
	reasons[age] = "Seen on the ID card today";
	rv = review_build(qn, patient->eff, now->eff, reasons, times, NULL, "Ana Ruiz",
	    "2027-02-01T11:05:00Z", &d, &missing);
	cr_assert_not_null(rv);
	cr_assert_eq(rv->n_changes, 1);
	cr_expect_eq(rv->changes[0].question, age);
	cr_expect_eq(rv->changes[0].from.num, 42);
	cr_expect_eq(rv->changes[0].to.num, 43);
	cr_expect(rv->decision.set);
	cr_expect_eq(rv->decision.level, LEVEL_REFER);

	/* Written with the answers now, it reads back: the record agrees with itself. */
	now->review = rv;
	answers_write(now, &out);
	back = test_answers(qn, sb_str(&out));
	cr_assert_not_null(back->review);
	cr_expect_eq(back->review->n_changes, 1);
	cr_expect_str_eq(back->review->changes[0].reason, "Seen on the ID card today");

	/* A second review keeps the first one's changes first. */
	rv = review_build(qn, back->eff, back->eff, reasons, times, back->review, "Ben Okoro",
	    "2027-03-01T09:00:00Z", NULL, &missing);
	cr_assert_not_null(rv);
	cr_expect_eq(rv->n_changes, 1);
	cr_expect_str_eq(rv->by, "Ben Okoro");
	review_free(rv);

	sb_free(&out);
	answers_free(back);
	answers_free(now);
	answers_free(patient);
	free(reasons);
	free(times);
}

Test(review, a_change_starts_from_what_the_one_before_recorded)
{
	char *text = with("  );\n", "    , { question = \"age\"; from = 40; to = 42;\n"
	                            "      reason = \"Second look at the ID card\";\n"
	                            "      at = \"2027-02-01T10:09:00Z\"; by = \"Ben Okoro\"; }\n  );\n");
	struct diag_list dl = { 0 };
	struct answers *a = NULL;

	/* The first change recorded 42: a second one cannot start from 40. */
	cr_expect_eq(answers_load_string(&a, text, "answers.cfg", qn, &dl), -1);
	test_expect_diag(&dl, "answers.cfg:18: error:", "'age'", "'from'", NULL);
	diag_clear(&dl);
	free(text);
}

Test(review, build_refuses_what_the_reader_would_refuse_and_keeps_earlier_names)
{
	struct answers *a = test_answers(qn, reviewed);
	size_t n = qn->n_questions, missing = 0;
	const char **reasons = xcalloc(n, sizeof *reasons), **times = xcalloc(n, sizeof *times);
	struct review_decision bad = { .set = true, .level = LEVEL_DEFER, .reason = (char *)"ok",
		.at = (char *)"2027-03-01T09:00:00Z" };
	struct review *rv;
	struct strbuf out = { 0 };
	struct answers *back;

	cr_expect_null(review_build(qn, a->eff, a->eff, reasons, times, a->review, NULL,
	    "2027-03-01T09:00:00Z", NULL, &missing));
	cr_expect_eq(missing, SIZE_MAX);
	cr_expect_null(review_build(qn, a->eff, a->eff, reasons, times, a->review, "Ben Okoro",
	    "later", NULL, &missing));
	cr_expect_null(review_build(qn, a->eff, a->eff, reasons, times, a->review, "Ben Okoro",
	    "2027-03-01T09:00:00Z", &bad, &missing));
	/* A second review that changes nothing: Ana's changes and decision stay hers. */
	rv = review_build(qn, a->eff, a->eff, reasons, times, a->review, "Ben Okoro",
	    "2027-03-01T09:00:00Z", NULL, &missing);
	cr_assert_not_null(rv);
	cr_assert_eq(rv->n_changes, 2);
	cr_expect_str_eq(rv->changes[0].by, "Ana Ruiz");
	cr_expect(rv->decision.set);
	cr_expect_str_eq(rv->decision.by, "Ana Ruiz");
	review_free(a->review);
	a->review = rv;
	answers_write(a, &out);
	back = test_answers(qn, sb_str(&out));
	cr_expect_str_eq(back->review->by, "Ben Okoro");
	cr_expect_str_eq(back->review->changes[1].by, "Ana Ruiz");
	cr_expect_str_eq(back->review->decision.by, "Ana Ruiz");
	sb_free(&out);
	answers_free(back);
	answers_free(a);
	free(reasons);
	free(times);
}
