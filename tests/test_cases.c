/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "smpscreen/cases.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * Golden case files against tests/data/mini-questionnaire.cfg and mini-rules.cfg. Each test
 * writes its case files into a private temporary directory (cases_load reads a path). Lines
 * in the expectations are found in the written text (line_of), never counted by hand.
 *
 * Mini rules, for reading the expectations: baseline-notes always fires (notes no-regrow,
 * sessions); under-min-age (age < min_age 18) defers with a date of today + the missing
 * years; pregnant-or-breastfeeding defers with a condition; heart refers to the cardiologist,
 * heart-unknown and undiagnosed-loss to the GP. Notes catalogue order: min-age, pregnancy,
 * consultant-check, doctor-clearance, patch-limit, no-regrow, scar, buzz-look, sessions.
 */

#define HEAD "questionnaire = \"mini-consultation\";\n"

/* The answers of an otherwise suitable client: fires baseline-notes only. */
#define ALL_CLEAR                                                                                  \
	"answers = {\n"                                                                            \
	"  age = 34;\n"                                                                            \
	"  pregnancy = \"no\";\n"                                                                  \
	"  goal = \"scar_only\";\n"                                                                \
	"  loss_reasons = [ \"scars\" ];\n"                                                        \
	"  scar_types = [ \"injury\" ];\n"                                                         \
	"  scar_age_months = 30;\n"                                                                \
	"  heart_conditions = [ \"none\" ];\n"                                                     \
	"};\n"

/* Seventeen and pregnant: defer, come back 2028-01-31 (from 2027-01-31), and a condition. */
#define YOUNG_PREGNANT                                                                             \
	"answers = {\n"                                                                            \
	"  age = 17;\n"                                                                            \
	"  pregnancy = \"pregnant\";\n"                                                            \
	"  goal = \"scar_only\";\n"                                                                \
	"  loss_reasons = [ \"scars\" ];\n"                                                        \
	"  scar_types = [ \"none\" ];\n"                                                           \
	"  heart_conditions = [ \"none\" ];\n"                                                     \
	"};\n"

/* Twenty years old, nothing else: suitable at min_age 18, deferred at 21. */
#define TWENTY                                                                                     \
	"answers = {\n"                                                                            \
	"  age = 20;\n"                                                                            \
	"  pregnancy = \"no\";\n"                                                                  \
	"  goal = \"scar_only\";\n"                                                                \
	"  loss_reasons = [ \"scars\" ];\n"                                                        \
	"  scar_types = [ \"none\" ];\n"                                                           \
	"  heart_conditions = [ \"none\" ];\n"                                                     \
	"};\n"

/* Undiagnosed loss and a heart condition: refer to gp and cardiologist. */
#define TWO_DOCTORS                                                                                \
	"answers = {\n"                                                                            \
	"  age = 52;\n"                                                                            \
	"  pregnancy = \"no\";\n"                                                                  \
	"  goal = \"scar_only\";\n"                                                                \
	"  loss_reasons = [ \"sudden_or_undiagnosed\" ];\n"                                        \
	"  scar_types = [ \"none\" ];\n"                                                           \
	"  heart_conditions = [ \"heart_condition\" ];\n"                                          \
	"};\n"

/* Pattern loss, stage unknown, buzz look: fires baseline-notes, goal-buzz, norwood-unknown. */
#define PATTERN_BUZZ                                                                               \
	"answers = {\n"                                                                            \
	"  age = 40;\n"                                                                            \
	"  pregnancy = \"no\";\n"                                                                  \
	"  goal = \"buzz_look\";\n"                                                                \
	"  loss_reasons = [ \"pattern\" ];\n"                                                      \
	"  norwood = \"unknown\";\n"                                                               \
	"  scar_types = [ \"none\" ];\n"                                                           \
	"  heart_conditions = [ \"none\" ];\n"                                                     \
	"};\n"

struct env {
	struct questionnaire *qn;
	struct ruleset *rs;
	char *dir;
	char *files[16];
	size_t n_files;
	struct diag_list dl;
};

static void
env_init(struct env *e)
{
	memset(e, 0, sizeof *e);
	e->qn = test_mini_questionnaire();
	e->rs = test_mini_rules(e->qn);
	e->dir = test_tmpdir();
}

static void
env_free(struct env *e)
{
	size_t i;

	for (i = 0; i < e->n_files; i++) {
		unlink(e->files[i]);
		free(e->files[i]);
	}
	rmdir(e->dir);
	free(e->dir);
	diag_clear(&e->dl);
	rules_free(e->rs);
	questionnaire_free(e->qn);
}

/* Writes text to DIR/name; returns the path (owned by e). */
static const char *
env_write(struct env *e, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", e->dir, name);
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp, "cannot write %s", path);
	cr_assert_lt(e->n_files, sizeof e->files / sizeof e->files[0]);
	fputs(text, fp);
	fclose(fp);
	e->files[e->n_files++] = path;
	return path;
}

/* HEAD, then `case = { title = "t"; today = "2027-01-31"; BODY };`, then ANSWERS. Caller
 * frees. Line 2 is the case group, 3 the title, 4 today. */
static char *
case_text(const char *body, const char *answers)
{
	return xasprintf(HEAD "case = {\n"
	                      "  title = \"t\";\n"
	                      "  today = \"2027-01-31\";\n"
	                      "%s"
	                      "};\n"
	                      "%s",
	    body, answers);
}

/* 1-based line of the first occurrence of needle in text; fails the test when absent. */
static int
line_of(const char *text, const char *needle)
{
	const char *hit = strstr(text, needle), *p;
	int line = 1;

	cr_assert_not_null(hit, "'%s' not in:\n%s", needle, text);
	for (p = text; p < hit; p++)
		line += *p == '\n';
	return line;
}

/* "PATH:LINE: error:" for the line holding needle; caller frees. */
static char *
at(const char *path, const char *text, const char *needle)
{
	return xasprintf("%s:%d: error:", path, line_of(text, needle));
}

/* Writes the case, loads it (it must load without any diagnostic) and returns it. */
static struct screening_case *
load_ok(struct env *e, const char *text, const char **pathp)
{
	struct screening_case *c = NULL;
	const char *path = env_write(e, "case.cfg", text);
	char *msg;

	if (cases_load(&c, path, e->qn, e->rs, NULL, &e->dl) != 0 || e->dl.n != 0) {
		msg = test_diag_text(&e->dl);
		cr_assert_fail("case should load cleanly:\n%s\n%s", text, msg);
	}
	cr_assert_not_null(c);
	if (pathp != NULL)
		*pathp = path;
	return c;
}

/* Writes the case; it must be refused with *out NULL. Returns the path (owned by e). */
static const char *
load_bad(struct env *e, const char *text)
{
	struct screening_case *c = (struct screening_case *)&c; /* not NULL: must be reset */
	const char *path = env_write(e, "bad.cfg", text);

	cr_expect_eq(cases_load(&c, path, e->qn, e->rs, NULL, &e->dl), -1, "should be refused:\n%s",
	    text);
	cr_expect_null(c, "*out must be NULL on failure");
	if (c != NULL && c != (struct screening_case *)&c)
		cases_free(c);
	cr_expect_gt(diag_errors(&e->dl), 0, "a refused case must say why");
	return path;
}

/* Loads the case with the body (an expect group and perhaps settings) over answers, runs it
 * and returns the number of differences; the diagnostics stay in e->dl. */
static size_t
run_text(struct env *e, const char *text, const char **pathp)
{
	struct screening_case *c = load_ok(e, text, pathp);
	size_t n = cases_run(c, e->rs, &e->dl, NULL);

	cr_expect_eq(n, diag_errors(&e->dl), "one error per difference:\n%s",
	    test_diag_text(&e->dl));
	cases_free(c);
	return n;
}

static long
setting(const struct ruleset *rs, const char *id)
{
	long i = settings_find(&rs->settings, id);

	cr_assert_geq(i, 0, "no setting %s", id);
	return i;
}

/* --- NULL and edge inputs ---------------------------------------------------------------- */

Test(cases_edge, free_accepts_null)
{
	cases_free(NULL);
}

Test(cases_edge, missing_file)
{
	struct env e;
	struct screening_case *c = (struct screening_case *)&e;
	char *path;

	env_init(&e);
	path = xasprintf("%s/no-such-case.cfg", e.dir);
	cr_expect_eq(cases_load(&c, path, e.qn, e.rs, NULL, &e.dl), -1);
	cr_expect_null(c);
	cr_expect_eq(diag_errors(&e.dl), 1);
	test_expect_diag(&e.dl, path, "cannot read", "No such file or directory", NULL);
	free(path);
	env_free(&e);
}

Test(cases_edge, syntax_error_has_its_line)
{
	struct env e;
	const char *text = HEAD "case = {\n  title = \"t\";\n  today = ;\n};\n";
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 1);
	pre = xasprintf("%s:4: error:", path);
	test_expect_diag(&e.dl, pre, "cannot parse", NULL);
	free(pre);
	env_free(&e);
}

Test(cases_edge, empty_file_is_not_a_case)
{
	struct env e;
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, "");
	pre = xasprintf("%s: error:", path);
	test_expect_diag(&e.dl, pre, "expected a group: case = {", NULL);
	free(pre);
	env_free(&e);
}

Test(cases_edge, answer_file_without_case_group)
{
	struct env e;
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, HEAD ALL_CLEAR);
	cr_expect_eq(diag_errors(&e.dl), 1, "only the missing group:\n%s", test_diag_text(&e.dl));
	pre = xasprintf("%s: error:", path);
	test_expect_diag(&e.dl, pre, "expected a group: case", NULL);
	free(pre);
	env_free(&e);
}

Test(cases_edge, case_that_is_not_a_group)
{
	struct env e;
	const char *text = HEAD "case = \"all clear\";\n" ALL_CLEAR;
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	pre = at(path, text, "case =");
	test_expect_diag(&e.dl, pre, "expected a group: case", NULL);
	free(pre);
	env_free(&e);
}

/* A case that expects nothing loads and can differ in nothing. */
Test(cases_edge, empty_expectation_matches_anything)
{
	struct env e;
	struct screening_case *c;
	struct outcome *oc = NULL;
	char *text = case_text("  expect = { };\n", YOUNG_PREGNANT);

	env_init(&e);
	c = load_ok(&e, text, NULL);
	cr_expect_not(c->has_suitability);
	cr_expect_not(c->has_patch);
	cr_expect_not(c->has_come_back);
	cr_expect_not(c->fired.given);
	cr_expect_not(c->notes.given);
	cr_expect_not(c->refer_to.given);
	cr_expect_not(c->defer_conditions.given);
	cr_expect_eq(cases_run(c, e.rs, &e.dl, &oc), 0);
	cr_expect_eq(e.dl.n, 0);
	cr_assert_not_null(oc);
	cr_expect_eq(oc->suitability, LEVEL_DEFER);
	outcome_free(oc);
	cases_free(c);
	free(text);
	env_free(&e);
}

/* Empty lists are expectations too: "nothing of this kind". */
Test(cases_edge, empty_lists_are_given)
{
	struct env e;
	struct screening_case *c;
	char *text =
	    case_text("  expect = { refer_to = [ ]; defer_conditions = [ ]; };\n", ALL_CLEAR);

	env_init(&e);
	c = load_ok(&e, text, NULL);
	cr_expect(c->refer_to.given);
	cr_expect_eq(c->refer_to.n, 0);
	cr_expect(c->defer_conditions.given);
	cr_expect_not(c->fired.given);
	cr_expect_eq(cases_run(c, e.rs, &e.dl, NULL), 0);
	cases_free(c);
	free(text);
	env_free(&e);
}

/* --- a case that matches ----------------------------------------------------------------- */

Test(cases_run, full_expectation_matches)
{
	struct env e;
	struct screening_case *c;
	struct outcome *oc = NULL;
	const char *path;
	struct date want;
	char *text =
	    case_text("  expect = {\n"
	              "    suitability = \"defer\";\n"
	              "    patch_test = \"not_needed\";\n"
	              "    fired = [ \"pregnant-or-breastfeeding\", \"baseline-notes\", "
	              "\"under-min-age\" ];\n"
	              "    notes = [ \"min-age\", \"pregnancy\", \"no-regrow\", \"sessions\" "
	              "];\n"
	              "    refer_to = [ ];\n"
	              "    come_back_after = \"2028-01-31\";\n"
	              "    defer_conditions = [ \"pregnant-or-breastfeeding\" ];\n"
	              "  };\n",
	        YOUNG_PREGNANT);

	env_init(&e);
	c = load_ok(&e, text, &path);
	cr_expect_str_eq(c->path, path);
	cr_expect_str_eq(c->title, "t");
	cr_expect_eq(c->line, 2);
	date_parse("2027-01-31", &want);
	cr_expect_eq(date_compare(c->today, want), 0);
	cr_expect(c->has_suitability);
	cr_expect_eq(c->suitability, LEVEL_DEFER);
	cr_expect_eq(c->suitability_line, line_of(text, "suitability"));
	cr_expect(c->has_patch);
	cr_expect_eq(c->patch, PATCH_NOT_NEEDED);
	cr_expect_eq(c->fired.n, 3);
	cr_expect_eq(c->fired.line, line_of(text, "fired"));
	cr_expect_eq(c->notes.n, 4);
	cr_expect(c->has_come_back);
	cr_expect_not(c->come_back_none);
	date_parse("2028-01-31", &want);
	cr_expect_eq(date_compare(c->come_back, want), 0);
	cr_expect_eq(c->defer_conditions.n, 1);
	cr_expect_eq(cases_run(c, e.rs, &e.dl, &oc), 0, "%s", test_diag_text(&e.dl));
	cr_expect_eq(e.dl.n, 0);
	cr_assert_not_null(oc);
	cr_expect_eq(oc->suitability, LEVEL_DEFER);
	cr_expect(oc->has_come_back);
	outcome_free(oc);
	cases_free(c);
	free(text);
	env_free(&e);
}

Test(cases_run, sets_compare_in_any_order)
{
	struct env e;
	char *text =
	    case_text("  expect = {\n"
	              "    suitability = \"refer\";\n"
	              "    fired = [ \"heart\", \"undiagnosed-loss\", \"baseline-notes\" ];\n"
	              "    refer_to = [ \"cardiologist\", \"gp\" ];\n"
	              "    notes = [ \"doctor-clearance\", \"no-regrow\", \"sessions\" ];\n"
	              "    come_back_after = \"none\";\n"
	              "  };\n",
	        TWO_DOCTORS);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, NULL), 0, "%s", test_diag_text(&e.dl));
	free(text);
	env_free(&e);
}

/* --- each kind of difference, at the line of its expectation ---------------------------- */

Test(cases_run, suitability_differs)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    patch_test = \"not_needed\";\n"
	                      "    suitability = \"caveats\";\n"
	                      "  };\n",
	        ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "suitability =");
	test_expect_diag(&e.dl, pre, "case 't': suitability is 'suitable', expected 'caveats'",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, patch_test_differs)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    suitability = \"suitable\";\n"
	                      "    patch_test = \"recommended\";\n"
	                      "  };\n",
	        ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "patch_test =");
	test_expect_diag(&e.dl, pre, "case 't': patch_test is 'not_needed', expected 'recommended'",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, come_back_date_where_none_expected)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    suitability = \"defer\";\n"
	                      "    come_back_after = \"none\";\n"
	                      "  };\n",
	        YOUNG_PREGNANT);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "come_back_after");
	test_expect_diag(&e.dl, pre, "case 't': come_back_after is 2028-01-31, expected none",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, come_back_none_where_date_expected)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    come_back_after = \"2028-01-31\";\n"
	                      "  };\n",
	        ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "come_back_after");
	test_expect_diag(&e.dl, pre, "case 't': come_back_after is none, expected 2028-01-31",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, come_back_other_date)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    come_back_after = \"2028-02-01\";\n"
	                      "  };\n",
	        YOUNG_PREGNANT);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "come_back_after");
	test_expect_diag(&e.dl, pre, "come_back_after is 2028-01-31, expected 2028-02-01", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, come_back_none_matches_none)
{
	struct env e;
	char *text = case_text("  expect = { come_back_after = \"none\"; };\n", ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, NULL), 0, "%s", test_diag_text(&e.dl));
	free(text);
	env_free(&e);
}

Test(cases_run, fired_missing)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    fired = [ \"baseline-notes\", \"goal-buzz\", \"heart\" ];\n"
	                      "  };\n",
	        ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre, "case 't': fired: expected but absent: goal-buzz, heart",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, fired_extra)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    fired = [ \"baseline-notes\" ];\n"
	                      "  };\n",
	        PATTERN_BUZZ);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre,
	    "case 't': fired: present but not expected: goal-buzz, norwood-unknown", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, fired_missing_and_extra_are_two_differences)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    fired = [ ];\n"
	                      "  };\n"
	                      "\n",
	        ALL_CLEAR);
	char *text2 = case_text("  expect = { fired = [ \"heart\" ]; };\n", ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre, "fired: present but not expected: baseline-notes", NULL);
	free(pre);
	diag_clear(&e.dl);
	cr_expect_eq(run_text(&e, text2, &path), 2);
	pre = at(path, text2, "fired =");
	test_expect_diag(&e.dl, pre, "fired: expected but absent: heart", NULL);
	test_expect_diag(&e.dl, pre, "fired: present but not expected: baseline-notes", NULL);
	free(pre);
	free(text);
	free(text2);
	env_free(&e);
}

Test(cases_run, refer_to_differs)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    suitability = \"refer\";\n"
	                      "    refer_to = [ \"cardiologist\", \"dermatologist\" ];\n"
	                      "  };\n",
	        TWO_DOCTORS);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 2);
	pre = at(path, text, "refer_to =");
	test_expect_diag(&e.dl, pre, "case 't': refer_to: expected but absent: dermatologist",
	    NULL);
	test_expect_diag(&e.dl, pre, "case 't': refer_to: present but not expected: gp", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

/* A dated deferral is not a condition; a conditional one is. */
Test(cases_run, defer_conditions_differ)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    defer_conditions = [ \"under-min-age\" ];\n"
	                      "  };\n",
	        YOUNG_PREGNANT);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 2);
	pre = at(path, text, "defer_conditions =");
	test_expect_diag(&e.dl, pre,
	    "case 't': defer_conditions: expected but absent: under-min-age", NULL);
	test_expect_diag(&e.dl, pre,
	    "case 't': defer_conditions: present but not expected: pregnant-or-breastfeeding",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

/* Notes are the display order: the right notes in the wrong order are a difference. */
Test(cases_run, notes_in_the_wrong_order)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    notes = [ \"sessions\", \"no-regrow\" ];\n"
	                      "  };\n",
	        ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, text, &path), 1);
	pre = at(path, text, "notes =");
	test_expect_diag(&e.dl, pre,
	    "case 't': notes are [no-regrow, sessions], expected [sessions, no-regrow]", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_run, notes_missing_extra_or_none)
{
	struct env e;
	const char *path;
	char *pre;
	char *fewer = case_text("  expect = { notes = [ \"no-regrow\" ]; };\n", ALL_CLEAR);
	char *more =
	    case_text("  expect = { notes = [ \"no-regrow\", \"scar\", \"sessions\" ]; };\n",
	        ALL_CLEAR);
	char *none = case_text("  expect = { notes = [ ]; };\n", ALL_CLEAR);

	env_init(&e);
	cr_expect_eq(run_text(&e, fewer, &path), 1);
	pre = at(path, fewer, "notes =");
	test_expect_diag(&e.dl, pre, "notes are [no-regrow, sessions], expected [no-regrow]", NULL);
	free(pre);
	diag_clear(&e.dl);
	cr_expect_eq(run_text(&e, more, &path), 1);
	test_expect_diag(&e.dl, "", "expected [no-regrow, scar, sessions]", NULL);
	diag_clear(&e.dl);
	cr_expect_eq(run_text(&e, none, &path), 1);
	test_expect_diag(&e.dl, "", "notes are [no-regrow, sessions], expected [(none)]", NULL);
	free(fewer);
	free(more);
	free(none);
	env_free(&e);
}

/* Every difference is reported, each at its own line, and counted. */
Test(cases_run, every_difference_is_reported)
{
	struct env e;
	const char *path;
	char *pre,
	    *text = case_text("  expect = {\n"
	                      "    suitability = \"unsuitable\";\n"
	                      "    patch_test = \"required\";\n"
	                      "    fired = [ \"baseline-notes\" ];\n"
	                      "    notes = [ \"no-regrow\", \"sessions\" ];\n"
	                      "    refer_to = [ \"gp\" ];\n"
	                      "    come_back_after = \"2027-02-01\";\n"
	                      "    defer_conditions = [ ];\n"
	                      "  };\n",
	        YOUNG_PREGNANT);

	env_init(&e);
	/* suitability, patch, come back, fired (extra), refer_to (missing), defer_conditions
	 * (extra), notes (min-age and pregnancy missing). */
	cr_expect_eq(run_text(&e, text, &path), 7, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "suitability =");
	test_expect_diag(&e.dl, pre, "suitability is 'defer', expected 'unsuitable'", NULL);
	free(pre);
	pre = at(path, text, "patch_test =");
	test_expect_diag(&e.dl, pre, "patch_test is 'not_needed', expected 'required'", NULL);
	free(pre);
	pre = at(path, text, "come_back_after =");
	test_expect_diag(&e.dl, pre, "come_back_after is 2028-01-31, expected 2027-02-01", NULL);
	free(pre);
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre,
	    "present but not expected: under-min-age, "
	    "pregnant-or-breastfeeding",
	    NULL);
	free(pre);
	pre = at(path, text, "refer_to =");
	test_expect_diag(&e.dl, pre, "refer_to: expected but absent: gp", NULL);
	free(pre);
	pre = at(path, text, "defer_conditions =");
	test_expect_diag(&e.dl, pre, "defer_conditions: present but not expected", NULL);
	free(pre);
	pre = at(path, text, "notes =");
	test_expect_diag(&e.dl, pre, "notes are [min-age, pregnancy, no-regrow, sessions]", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

/* --- load errors, with their lines --------------------------------------------------------- */

Test(cases_load, title_and_today_are_required)
{
	struct env e;
	const char *text = HEAD "case = {\n"
	                        "  expect = { };\n"
	                        "};\n" ALL_CLEAR;
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 2, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "case =");
	test_expect_diag(&e.dl, pre, "case: 'title' is missing", NULL);
	test_expect_diag(&e.dl, pre, "'today' is missing", NULL);
	free(pre);
	env_free(&e);
}

Test(cases_load, today_must_be_a_real_date)
{
	struct env e;
	const char *bad[] = { "2027-02-29", "2027-13-01", "31/01/2027", "2027-1-31", "today",
		NULL };
	const char *path;
	char *text, *pre, *word;
	size_t i;

	env_init(&e);
	for (i = 0; bad[i] != NULL; i++) {
		text = xasprintf(HEAD "case = {\n"
		                      "  title = \"t\";\n"
		                      "  today = \"%s\";\n"
		                      "  expect = { };\n"
		                      "};\n" ALL_CLEAR,
		    bad[i]);
		path = load_bad(&e, text);
		cr_expect_eq(diag_errors(&e.dl), 1, "%s", test_diag_text(&e.dl));
		pre = at(path, text, "today =");
		word = xasprintf("not '%s'", bad[i]);
		test_expect_diag(&e.dl, pre, "case 't': today must be a real date as YYYY-MM-DD",
		    word, NULL);
		free(word);
		free(pre);
		free(text);
		diag_clear(&e.dl);
	}
	env_free(&e);
}

Test(cases_load, title_and_today_must_be_strings)
{
	struct env e;
	const char *text = HEAD "case = {\n"
	                        "  title = 7;\n"
	                        "  today = 20270131;\n"
	                        "  expect = { };\n"
	                        "};\n" ALL_CLEAR;
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	pre = at(path, text, "title =");
	test_expect_diag(&e.dl, pre, "'title' must be a string", NULL);
	free(pre);
	pre = at(path, text, "today =");
	test_expect_diag(&e.dl, pre, "'today' must be a string", NULL);
	free(pre);
	env_free(&e);
}

Test(cases_load, expect_group_is_required)
{
	struct env e;
	char *missing = case_text("", ALL_CLEAR);
	char *list = case_text("  expect = [ \"suitable\" ];\n", ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, missing);
	pre = at(path, missing, "case =");
	test_expect_diag(&e.dl, pre, "case 't': expected a group: expect = {", NULL);
	free(pre);
	diag_clear(&e.dl);
	path = load_bad(&e, list);
	pre = at(path, list, "case =");
	test_expect_diag(&e.dl, pre, "case 't': expected a group: expect = {", NULL);
	free(pre);
	free(missing);
	free(list);
	env_free(&e);
}

Test(cases_load, unknown_keys_suggest)
{
	struct env e;
	char *text = case_text("  expected = { };\n"
	                       "  expect = {\n"
	                       "    suitabilty = \"suitable\";\n"
	                       "    come_back_afer = \"none\";\n"
	                       "    colour = \"red\";\n"
	                       "  };\n",
	    ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 4, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "expected =");
	test_expect_diag(&e.dl, pre, "case 't': unknown key 'expected' (did you mean 'expect'?)",
	    NULL);
	free(pre);
	pre = at(path, text, "suitabilty");
	test_expect_diag(&e.dl, pre, "unknown key 'suitabilty' (did you mean 'suitability'?)",
	    NULL);
	free(pre);
	pre = at(path, text, "come_back_afer");
	test_expect_diag(&e.dl, pre,
	    "unknown key 'come_back_afer' (did you mean 'come_back_after'?)", NULL);
	free(pre);
	pre = at(path, text, "colour");
	test_expect_diag(&e.dl, pre, "unknown key 'colour'", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_load, unknown_ids_in_lists_suggest)
{
	struct env e;
	char *text = case_text("  expect = {\n"
	                       "    fired = [ \"baseline-notes\", \"heart-unknwn\" ];\n"
	                       "    notes = [ \"sesions\" ];\n"
	                       "    refer_to = [ \"cardiolgist\" ];\n"
	                       "    defer_conditions = [ \"unwell-todya\", \"qqqqqqqqqqqq\" ];\n"
	                       "  };\n",
	    ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 5, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre,
	    "case 't': fired names unknown rule 'heart-unknwn' (did you "
	    "mean 'heart-unknown'?)",
	    NULL);
	free(pre);
	pre = at(path, text, "notes =");
	test_expect_diag(&e.dl, pre,
	    "notes names unknown note 'sesions' (did you mean 'sessions'?)", NULL);
	free(pre);
	pre = at(path, text, "refer_to =");
	test_expect_diag(&e.dl, pre,
	    "refer_to names unknown refer target 'cardiolgist' (did you "
	    "mean 'cardiologist'?)",
	    NULL);
	free(pre);
	pre = at(path, text, "defer_conditions =");
	test_expect_diag(&e.dl, pre,
	    "defer_conditions names unknown rule 'unwell-todya' (did you "
	    "mean 'unwell-today'?)",
	    NULL);
	test_expect_diag(&e.dl, pre, "defer_conditions names unknown rule 'qqqqqqqqqqqq'", NULL);
	free(pre);
	/* No hint for a name close to nothing. */
	pre = test_diag_text(&e.dl);
	cr_expect_null(strstr(pre, "'qqqqqqqqqqqq' (did you mean"), "%s", pre);
	free(pre);
	free(text);
	env_free(&e);
}

/* A rule's id is not a note's: each list names its own catalogue. */
Test(cases_load, ids_from_the_wrong_catalogue)
{
	struct env e;
	char *text = case_text("  expect = {\n"
	                       "    fired = [ \"scar\" ];\n"
	                       "    notes = [ \"heart\" ];\n"
	                       "    refer_to = [ \"heart\" ];\n"
	                       "  };\n",
	    ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 3, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre, "fired names unknown rule 'scar'", NULL);
	free(pre);
	pre = at(path, text, "notes =");
	test_expect_diag(&e.dl, pre, "notes names unknown note 'heart'", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_load, lists_must_be_lists_of_strings)
{
	struct env e;
	char *text = case_text("  expect = {\n"
	                       "    fired = \"baseline-notes\";\n"
	                       "    notes = [ 1, 2 ];\n"
	                       "  };\n",
	    ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	pre = at(path, text, "fired =");
	test_expect_diag(&e.dl, pre, "'fired' must be a list of strings", NULL);
	free(pre);
	test_expect_diag(&e.dl, "", "'notes'", NULL);
	free(text);
	env_free(&e);
}

Test(cases_load, bad_level_patch_and_come_back_words)
{
	struct env e;
	char *text = case_text("  expect = {\n"
	                       "    suitability = \"fine\";\n"
	                       "    patch_test = \"maybe\";\n"
	                       "    come_back_after = \"soon\";\n"
	                       "  };\n",
	    ALL_CLEAR);
	char *text2 = case_text("  expect = {\n"
	                        "    suitability = 2;\n"
	                        "    come_back_after = \"2027-02-30\";\n"
	                        "  };\n",
	    ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 3, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "suitability =");
	test_expect_diag(&e.dl, pre, "case 't': unknown suitability 'fine'", NULL);
	free(pre);
	pre = at(path, text, "patch_test =");
	test_expect_diag(&e.dl, pre, "case 't': unknown patch_test 'maybe'", NULL);
	free(pre);
	pre = at(path, text, "come_back_after =");
	test_expect_diag(&e.dl, pre, "come_back_after must be YYYY-MM-DD or \"none\", not 'soon'",
	    NULL);
	free(pre);
	diag_clear(&e.dl);
	path = load_bad(&e, text2);
	cr_expect_eq(diag_errors(&e.dl), 2, "%s", test_diag_text(&e.dl));
	pre = at(path, text2, "suitability =");
	test_expect_diag(&e.dl, pre, "'suitability' must be a string", NULL);
	free(pre);
	pre = at(path, text2, "come_back_after =");
	test_expect_diag(&e.dl, pre, "not '2027-02-30'", NULL);
	free(pre);
	free(text);
	free(text2);
	env_free(&e);
}

/* The answers of a case are read like an answer file, with the same messages and lines. */
Test(cases_load, answer_errors_like_answer_files)
{
	struct env e;
	const char *answers = "answers = {\n"
	                      "  agee = 34;\n"
	                      "  pregnancy = \"no\";\n"
	                      "  goal = \"scar_onyl\";\n"
	                      "  loss_reasons = [ \"scars\" ];\n"
	                      "  scar_types = [ \"injury\" ];\n"
	                      "  scar_age_months = 3000;\n"
	                      "  heart_conditions = [ \"none\" ];\n"
	                      "};\n";
	char *text = case_text("  expect = { suitability = \"suitable\"; };\n", answers);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 3, "%s", test_diag_text(&e.dl));
	pre = at(path, text, "agee");
	test_expect_diag(&e.dl, pre, "unknown question 'agee' (did you mean 'age'?)", NULL);
	free(pre);
	pre = at(path, text, "goal =");
	test_expect_diag(&e.dl, pre, "question 'goal': 'scar_onyl' is not one of its options",
	    "scar_only", NULL);
	free(pre);
	pre = at(path, text, "scar_age_months =");
	test_expect_diag(&e.dl, pre, "question 'scar_age_months': 3000 is outside 0..1200", NULL);
	free(pre);
	free(text);
	env_free(&e);
}

Test(cases_load, answers_for_another_questionnaire_or_missing)
{
	struct env e;
	const char *other = "questionnaire = \"other\";\n"
	                    "case = { title = \"t\"; today = \"2027-01-31\"; expect = { }; };\n"
	                    "answers = { age = 34; };\n";
	const char *none =
	    HEAD "case = { title = \"t\"; today = \"2027-01-31\"; expect = { }; };\n";
	const char *extra =
	    HEAD "case = { title = \"t\"; today = \"2027-01-31\"; expect = { }; };\n"
	         "cases = { };\n" ALL_CLEAR;
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, other);
	pre = at(path, other, "questionnaire =");
	test_expect_diag(&e.dl, pre,
	    "answers are for questionnaire 'other', not 'mini-consultation'", NULL);
	free(pre);
	diag_clear(&e.dl);
	path = load_bad(&e, none);
	pre = xasprintf("%s: error:", path);
	test_expect_diag(&e.dl, pre, "expected a group: answers = {", NULL);
	free(pre);
	diag_clear(&e.dl);
	path = load_bad(&e, extra);
	pre = at(path, extra, "cases =");
	test_expect_diag(&e.dl, pre, "unknown key 'cases' (did you mean 'case'?)", NULL);
	free(pre);
	env_free(&e);
}

Test(cases_load, required_answer_missing)
{
	struct env e;
	const char *answers = "answers = {\n"
	                      "  age = 34;\n"
	                      "  pregnancy = \"no\";\n"
	                      "  goal = \"scar_only\";\n"
	                      "  loss_reasons = [ \"scars\" ];\n"
	                      "  scar_types = [ \"none\" ];\n"
	                      "};\n";
	char *text = case_text("  expect = { };\n", answers);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, text);
	pre = at(path, text, "answers =");
	test_expect_diag(&e.dl, pre, "question 'heart_conditions' is shown but has no answer",
	    NULL);
	free(pre);
	free(text);
	env_free(&e);
}

/* Every problem of the file is reported, from the case, the expectation and the answers. */
Test(cases_load, every_problem_is_reported)
{
	struct env e;
	const char *answers = "answers = {\n"
	                      "  age = 340;\n"
	                      "  pregnancy = \"no\";\n"
	                      "  goal = \"scar_only\";\n"
	                      "  loss_reasons = [ \"scars\" ];\n"
	                      "  scar_types = [ \"none\" ];\n"
	                      "  heart_conditions = [ \"none\" ];\n"
	                      "};\n";
	char *text = case_text("  settings = { min_age = 99; };\n"
	                       "  expect = {\n"
	                       "    suitability = \"fine\";\n"
	                       "    fired = [ \"nope\" ];\n"
	                       "  };\n",
	    answers);

	env_init(&e);
	(void)load_bad(&e, text);
	cr_expect_eq(diag_errors(&e.dl), 4, "%s", test_diag_text(&e.dl));
	test_expect_diag(&e.dl, "", "unknown suitability 'fine'", NULL);
	test_expect_diag(&e.dl, "", "unknown rule 'nope'", NULL);
	test_expect_diag(&e.dl, "", "question 'age': 340 is outside", NULL);
	test_expect_diag(&e.dl, "", "setting 'min_age' is 99", NULL);
	free(text);
	env_free(&e);
}

/* --- settings: the rules' defaults, a base, and the case's own overrides ------------------ */

Test(cases_settings, override_changes_the_outcome)
{
	struct env e;
	struct screening_case *c;
	struct outcome *oc = NULL;
	char *plain = case_text("  expect = { suitability = \"suitable\"; };\n", TWENTY);
	char *strict = case_text("  settings = { min_age = 21; };\n"
	                         "  expect = {\n"
	                         "    suitability = \"defer\";\n"
	                         "    fired = [ \"baseline-notes\", \"under-min-age\" ];\n"
	                         "    come_back_after = \"2028-01-31\";\n"
	                         "  };\n",
	    TWENTY);

	env_init(&e);
	c = load_ok(&e, plain, NULL);
	cr_expect_eq(c->settings.values[setting(e.rs, "min_age")], 18);
	cr_expect_eq(cases_run(c, e.rs, &e.dl, NULL), 0, "%s", test_diag_text(&e.dl));
	cases_free(c);
	c = load_ok(&e, strict, NULL);
	cr_expect_eq(c->settings.values[setting(e.rs, "min_age")], 21);
	cr_expect_eq(cases_run(c, e.rs, &e.dl, &oc), 0, "%s", test_diag_text(&e.dl));
	cr_assert_not_null(oc);
	cr_expect_eq(oc->suitability, LEVEL_DEFER);
	outcome_free(oc);
	cases_free(c);
	/* The ruleset's own defaults are untouched. */
	cr_expect_eq(e.rs->settings.items[setting(e.rs, "min_age")].def, 18);
	free(plain);
	free(strict);
	env_free(&e);
}

Test(cases_settings, bad_overrides_are_errors)
{
	struct env e;
	char *range = case_text("  settings = {\n"
	                        "    min_age = 30;\n"
	                        "  };\n"
	                        "  expect = { };\n",
	    ALL_CLEAR);
	char *name = case_text("  settings = {\n"
	                       "    min_agee = 20;\n"
	                       "  };\n"
	                       "  expect = { };\n",
	    ALL_CLEAR);
	char *type = case_text("  settings = {\n"
	                       "    always_patch_test = \"yes\";\n"
	                       "  };\n"
	                       "  expect = { };\n",
	    ALL_CLEAR);
	char *constraint = case_text("  settings = {\n"
	                             "    scar_prefer_months = 8;\n"
	                             "  };\n"
	                             "  expect = { };\n",
	    ALL_CLEAR);
	char *group = case_text("  settings = [ 1 ];\n"
	                        "  expect = { };\n",
	    ALL_CLEAR);
	const char *path;
	char *pre;

	env_init(&e);
	path = load_bad(&e, range);
	cr_expect_eq(diag_errors(&e.dl), 1, "%s", test_diag_text(&e.dl));
	pre = at(path, range, "min_age =");
	test_expect_diag(&e.dl, pre, "setting 'min_age' is 30", "16..21", NULL);
	free(pre);
	diag_clear(&e.dl);

	path = load_bad(&e, name);
	pre = at(path, name, "min_agee");
	test_expect_diag(&e.dl, pre, "unknown setting 'min_agee' (did you mean 'min_age'?)", NULL);
	free(pre);
	diag_clear(&e.dl);

	path = load_bad(&e, type);
	pre = at(path, type, "always_patch_test");
	test_expect_diag(&e.dl, pre, "setting 'always_patch_test' must be true or false", NULL);
	free(pre);
	diag_clear(&e.dl);

	(void)load_bad(&e, constraint);
	test_expect_diag(&e.dl, "",
	    "'scar_prefer_months' is 8 but must be at least "
	    "'scar_maturity_months' (12)",
	    NULL);
	diag_clear(&e.dl);

	path = load_bad(&e, group);
	pre = at(path, group, "settings =");
	test_expect_diag(&e.dl, pre, "case 't': settings must be a group", NULL);
	free(pre);

	free(range);
	free(name);
	free(type);
	free(constraint);
	free(group);
	env_free(&e);
}

/* base NULL: the rules' defaults, whatever a clinic has set; a base given is used. */
Test(cases_settings, base_null_means_defaults_and_a_base_is_used)
{
	struct env e;
	struct screening_case *c = NULL;
	struct settings base;
	const char *path;
	long min_age;
	size_t i;
	char *text = case_text("  expect = { suitability = \"suitable\"; };\n", TWENTY);
	char *own = case_text("  settings = { min_age = 16; };\n"
	                      "  expect = { suitability = \"suitable\"; };\n",
	    YOUNG_PREGNANT);

	env_init(&e);
	min_age = setting(e.rs, "min_age");
	settings_init(&base, &e.rs->settings);
	base.values[min_age] = 21;
	base.values[setting(e.rs, "always_patch_test")] = 1;

	c = load_ok(&e, text, &path);
	for (i = 0; i < e.rs->settings.n; i++)
		cr_expect_eq(c->settings.values[i], e.rs->settings.items[i].def,
		    "setting %s is not its default", e.rs->settings.items[i].id);
	cr_expect_eq(cases_run(c, e.rs, &e.dl, NULL), 0, "%s", test_diag_text(&e.dl));
	cases_free(c);
	c = NULL;

	cr_assert_eq(cases_load(&c, path, e.qn, e.rs, &base, &e.dl), 0, "%s",
	    test_diag_text(&e.dl));
	cr_expect_eq(c->settings.values[min_age], 21);
	cr_expect_eq(c->settings.values[setting(e.rs, "always_patch_test")], 1);
	/* At 21 the twenty-year-old is deferred, and everyone is patch-tested. */
	cr_expect_eq(cases_run(c, e.rs, &e.dl, NULL), 1);
	test_expect_diag(&e.dl, "", "suitability is 'defer', expected 'suitable'", NULL);
	cases_free(c);
	c = NULL;
	diag_clear(&e.dl);

	/* The case's own override wins over the base, and the base is not changed. */
	path = env_write(&e, "own.cfg", own);
	cr_assert_eq(cases_load(&c, path, e.qn, e.rs, &base, &e.dl), 0, "%s",
	    test_diag_text(&e.dl));
	cr_expect_eq(c->settings.values[min_age], 16);
	cr_expect_eq(base.values[min_age], 21);
	cases_free(c);

	settings_free(&base);
	free(text);
	free(own);
	env_free(&e);
}

/* A bad override does not load even over a base, and leaves the base alone. */
Test(cases_settings, bad_override_over_a_base)
{
	struct env e;
	struct screening_case *c = (struct screening_case *)&e;
	struct settings base;
	const char *path;
	char *text = case_text("  settings = { min_age = 15; };\n"
	                       "  expect = { };\n",
	    ALL_CLEAR);

	env_init(&e);
	settings_init(&base, &e.rs->settings);
	base.values[setting(e.rs, "min_age")] = 20;
	path = env_write(&e, "bad.cfg", text);
	cr_expect_eq(cases_load(&c, path, e.qn, e.rs, &base, &e.dl), -1);
	cr_expect_null(c);
	test_expect_diag(&e.dl, "", "setting 'min_age' is 15", NULL);
	cr_expect_eq(base.values[setting(e.rs, "min_age")], 20);
	settings_free(&base);
	free(text);
	env_free(&e);
}
