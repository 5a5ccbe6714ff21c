/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_memo.h"
#include "core/report_pages.h"
#include "core/report_render.h"
#include "helpers.h"
#include "smpscreen/date.h"
#include "smpscreen/i18n.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * Golden files live in tests/data/golden/. After a deliberate change to the report, run the
 * tests once with SMP_UPDATE_GOLDEN=1 to rewrite them, then read the diff before keeping it.
 * The fixtures' SHA-256 is pinned to a fixed value for the golden files, so a comment added
 * to a fixture does not change every golden file; one test checks the real digest instead.
 */

#define PINNED_SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define TODAY "2025-03-10"

/* A pregnant 16-year-old with a young scar, unwell on the day: every kind of deferral. */
static const char defer_answers[] = "questionnaire = \"mini-consultation\";\n"
                                    "answers = {\n"
                                    "  age = 16;\n"
                                    "  pregnancy = \"pregnant\";\n"
                                    "  goal = \"buzz_look\";\n"
                                    "  loss_reasons = [ \"pattern\" ];\n"
                                    "  norwood = \"v\";\n"
                                    "  scar_types = [ \"fut_strip\" ];\n"
                                    "  scar_age_months = 8;\n"
                                    "  heart_conditions = [ \"none\" ];\n"
                                    "  unwell_today = \"yes\";\n"
                                    "};\n";

/* Nothing stands in the way; a stray answer to a hidden question is ignored. */
static const char suitable_answers[] = "questionnaire = \"mini-consultation\";\n"
                                       "answers = {\n"
                                       "  age = 34;\n"
                                       "  pregnancy = \"no\";\n"
                                       "  goal = \"buzz_look\";\n"
                                       "  loss_reasons = [ \"pattern\" ];\n"
                                       "  norwood = \"v\";\n"
                                       "  scar_types = [ \"none\" ];\n"
                                       "  scar_age_months = 3;\n"
                                       "  heart_conditions = [ \"none\" ];\n"
                                       "  unwell_today = \"no\";\n"
                                       "};\n";

/* Undiagnosed loss and several "not sure" answers; typed text with non-ASCII punctuation. */
static const char refer_answers[] =
    "questionnaire = \"mini-consultation\";\n"
    "answers = {\n"
    "  age = 41;\n"
    "  pregnancy = \"unknown\";\n"
    "  goal = \"unknown\";\n"
    "  loss_reasons = [ \"pattern\", \"sudden_or_undiagnosed\" ];\n"
    "  norwood = \"unknown\";\n"
    "  scar_types = [ \"injury\" ];\n"
    "  scar_age_months = 14;\n"
    "  heart_conditions = [ \"unknown\" ];\n"
    "  notes_free = \"Nickel allergy \xe2\x80\x93 \xe2\x80\x9cmild\xe2\x80\x9d\xe2\x80\xa6 "
    "asks about caf\xc3\xa9-au-lait spots near the crown\";\n"
    "};\n";

struct fixture {
	struct questionnaire *qn;
	struct ruleset *rs;
	struct settings st;
	struct answers *ans;
	struct outcome *oc;
	struct report_input in;
};

static void
fixture_load(struct fixture *fx, const char *answers_text, bool pin)
{
	struct date today;

	memset(fx, 0, sizeof *fx);
	fx->qn = test_mini_questionnaire();
	fx->rs = test_mini_rules(fx->qn);
	if (pin) {
		memcpy(fx->qn->sha256, PINNED_SHA, sizeof fx->qn->sha256);
		memcpy(fx->rs->sha256, PINNED_SHA, sizeof fx->rs->sha256);
	}
	settings_init(&fx->st, &fx->rs->settings);
	fx->ans = test_answers(fx->qn, answers_text);
	cr_assert_eq(date_parse(TODAY, &today), 0);
	fx->oc = outcome_compute(fx->rs, fx->ans, &fx->st, today);
	fx->in.qn = fx->qn;
	fx->in.rs = fx->rs;
	fx->in.st = &fx->st;
	fx->in.ans = fx->ans;
	fx->in.oc = fx->oc;
}

static void
fixture_free(struct fixture *fx)
{
	outcome_free(fx->oc);
	answers_free(fx->ans);
	settings_free(&fx->st);
	rules_free(fx->rs);
	questionnaire_free(fx->qn);
}

static char *
render_copy(const struct fixture *fx, bool ascii, size_t width, enum report_copy copy,
    size_t page_lines)
{
	struct strbuf sb = { 0 };
	struct report_opts opts = { .ascii = ascii,
		.width = width,
		.copy = copy,
		.page_lines = page_lines };

	report_write_text(&sb, &fx->in, &opts);
	return sb_detach(&sb);
}

/* The clinic record, one long page (as a screen shows it). */
static char *
render_text(const struct fixture *fx, bool ascii, size_t width)
{
	return render_copy(fx, ascii, width, REPORT_COPY_CLINIC, 0);
}

static char *
render_patient(const struct fixture *fx, size_t width)
{
	return render_copy(fx, false, width, REPORT_COPY_PATIENT, 0);
}

static char *
render_json(const struct fixture *fx)
{
	struct strbuf sb = { 0 };

	report_write_json(&sb, &fx->in);
	return sb_detach(&sb);
}

/* The case's answers under the fixture's settings; "clinic" adds a non-ASCII clinic name. */
static void
load_case(struct fixture *fx, const char *name)
{
	if (strcmp(name, "mini-defer") == 0)
		fixture_load(fx, defer_answers, true);
	else if (strcmp(name, "mini-suitable") == 0)
		fixture_load(fx, suitable_answers, true);
	else if (strcmp(name, "mini-refer-unknowns") == 0) {
		fixture_load(fx, refer_answers, true);
		fx->st.clinic_name = xstrdup("St\xc3\xa4"
		                             "dtische Klinik \xe2\x80\x94 Nord");
	} else
		cr_assert_fail("no case %s", name);
}

static void
write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");

	cr_assert_not_null(fp, "cannot write %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(s, 1, strlen(s), fp), strlen(s));
	cr_assert_eq(fclose(fp), 0);
}

/* Compares got with golden/<file>, or rewrites it when SMP_UPDATE_GOLDEN=1. */
static void
check_golden(const char *file, const char *got)
{
	char *name = xasprintf("golden/%s", file);
	char *path = test_data_path(name);
	const char *update = getenv("SMP_UPDATE_GOLDEN");
	char *want;

	if (update != NULL && strcmp(update, "1") == 0) {
		write_file(path, got);
		cr_log_warn("rewrote %s", path);
	} else {
		want = test_read_file(path);
		cr_assert_str_eq(got, want, "%s differs from the report:\n%s", path, got);
		free(want);
	}
	free(path);
	free(name);
}

static void
check_case(const char *name)
{
	struct fixture fx;
	char *text, *ascii, *json, *file;

	load_case(&fx, name);
	text = render_text(&fx, false, 0);
	ascii = render_text(&fx, true, 0);
	json = render_json(&fx);
	file = xasprintf("%s.txt", name);
	check_golden(file, text);
	free(file);
	free(text);
	text = render_patient(&fx, 0);
	file = xasprintf("%s.patient.txt", name);
	check_golden(file, text);
	free(file);
	free(text);
	/* Short pages, so that even the mini reports have several. */
	text = render_copy(&fx, false, 0, REPORT_COPY_CLINIC, 30);
	file = xasprintf("%s.pages.txt", name);
	check_golden(file, text);
	free(file);
	file = xasprintf("%s.ascii.txt", name);
	check_golden(file, ascii);
	free(file);
	file = xasprintf("%s.json", name);
	check_golden(file, json);
	free(file);
	free(text);
	free(ascii);
	free(json);
	fixture_free(&fx);
}

static const char *const cases[] = { "mini-defer", "mini-suitable", "mini-refer-unknowns" };
#define N_CASES (sizeof cases / sizeof cases[0])

/* Every line ends in "\n" and is at most width display columns. */
static void
check_widths(const char *report, size_t width, const char *what)
{
	const char *p = report, *eol;
	char *line;
	size_t n = 1;

	cr_assert(*report != '\0', "%s: empty report", what);
	cr_assert_eq(report[strlen(report) - 1], '\n', "%s: no final newline", what);
	while (*p != '\0') {
		eol = strchr(p, '\n');
		cr_assert_not_null(eol, "%s: line %zu has no newline", what, n);
		line = xstrndup(p, (size_t)(eol - p));
		cr_assert_leq(text_width(line), width, "%s: line %zu is %zu columns: [%s]", what, n,
		    text_width(line), line);
		cr_assert(line[0] == '\0' || line[strlen(line) - 1] != ' ',
		    "%s: line %zu ends in a space: [%s]", what, n, line);
		free(line);
		p = eol + 1;
		n++;
	}
}

/* No C0 control but "\n", no DEL, no C1 control (raw or UTF-8 encoded), and valid UTF-8. */
static void
check_no_controls(const char *s, const char *what)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		cr_assert(*p >= 0x20 || *p == '\n', "%s: control byte 0x%02x at %zu", what, *p,
		    (size_t)(p - (const unsigned char *)s));
		cr_assert_neq(*p, 0x7f, "%s: DEL at %zu", what,
		    (size_t)(p - (const unsigned char *)s));
		cr_assert(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f), "%s: C1 control at %zu",
		    what, (size_t)(p - (const unsigned char *)s));
	}
	cr_assert(text_is_clean(s, true), "%s: not clean UTF-8", what);
}

Test(report, golden_defer)
{
	check_case("mini-defer");
}

Test(report, golden_suitable)
{
	check_case("mini-suitable");
}

Test(report, golden_refer_with_unknowns)
{
	check_case("mini-refer-unknowns");
}

Test(report, every_line_fits_72_and_40_columns)
{
	struct fixture fx;
	char *text, *what;
	size_t c, w;
	int ascii;
	static const size_t widths[] = { 72, 40 };

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		for (w = 0; w < 2; w++)
			for (ascii = 0; ascii < 2; ascii++) {
				text = render_text(&fx, ascii, widths[w]);
				what = xasprintf("%s width %zu%s", cases[c], widths[w],
				    ascii ? " ascii" : "");
				check_widths(text, widths[w], what);
				free(what);
				free(text);
			}
		fixture_free(&fx);
	}
}

Test(report, width_zero_means_72)
{
	struct fixture fx;
	char *dflt, *w72, *w40;
	struct strbuf sb = { 0 };

	load_case(&fx, "mini-refer-unknowns");
	dflt = render_text(&fx, false, 0);
	w72 = render_text(&fx, false, 72);
	w40 = render_text(&fx, false, 40);
	cr_assert_str_eq(dflt, w72);
	cr_assert_str_neq(dflt, w40);
	/* NULL options are the defaults too. */
	report_write_text(&sb, &fx.in, NULL);
	cr_assert_str_eq(sb_str(&sb), dflt);
	sb_free(&sb);
	free(dflt);
	free(w72);
	free(w40);
	fixture_free(&fx);
}

Test(report, ascii_output_is_only_ascii)
{
	struct fixture fx;
	char *text, *utf8;
	const unsigned char *p;
	size_t c;

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		text = render_text(&fx, true, 0);
		for (p = (const unsigned char *)text; *p != '\0'; p++)
			cr_assert_lt(*p, 0x80, "%s: byte 0x%02x at %zu", cases[c], *p,
			    (size_t)(p - (const unsigned char *)text));
		fixture_free(&fx);
		free(text);
	}
	/* The non-ASCII case really has something to transliterate. */
	load_case(&fx, "mini-refer-unknowns");
	utf8 = render_text(&fx, false, 0);
	text = render_text(&fx, true, 0);
	cr_assert_not_null(strstr(utf8,
	    "St\xc3\xa4"
	    "dtische Klinik \xe2\x80\x94 Nord"));
	cr_assert_not_null(strstr(text, "Stadtische Klinik - Nord"));
	cr_assert_not_null(strstr(text, "\"mild\"..."));
	free(utf8);
	free(text);
	fixture_free(&fx);
}

Test(report, same_inputs_same_bytes)
{
	struct fixture a, b;
	char *t1, *t2, *j1, *j2;

	load_case(&a, "mini-defer");
	load_case(&b, "mini-defer");
	t1 = render_text(&a, false, 0);
	t2 = render_text(&b, false, 0);
	j1 = render_json(&a);
	j2 = render_json(&b);
	cr_assert_str_eq(t1, t2);
	cr_assert_str_eq(j1, j2);
	free(t1);
	free(t2);
	free(j1);
	free(j2);
	fixture_free(&a);
	fixture_free(&b);
}

Test(report, appends_to_existing_buffer)
{
	struct fixture fx;
	struct strbuf sb = { 0 };
	char *text, *json;

	load_case(&fx, "mini-suitable");
	text = render_text(&fx, false, 0);
	json = render_json(&fx);
	sb_append(&sb, "before\n");
	report_write_text(&sb, &fx.in, NULL);
	cr_assert_eq(strncmp(sb_str(&sb), "before\n", 7), 0);
	cr_assert_str_eq(sb_str(&sb) + 7, text);
	sb_reset(&sb);
	sb_append(&sb, "[");
	report_write_json(&sb, &fx.in);
	cr_assert_str_eq(sb_str(&sb) + 1, json);
	sb_free(&sb);
	free(text);
	free(json);
	fixture_free(&fx);
}

Test(report, disclaimer_at_top_and_bottom)
{
	static const char disclaimer[] = "This is a screening aid, not medical advice. A "
	                                 "practitioner makes the decision, in person.";
	struct fixture fx;
	struct strbuf want = { 0 };
	char *text, *first, *result, *second;
	size_t c, w;
	static const size_t widths[] = { 72, 40 };

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		for (w = 0; w < 2; w++) {
			sb_reset(&want);
			text_wrap(&want, disclaimer, widths[w], "", "");
			text = render_copy(&fx, false, widths[w],
			    w == 0 ? REPORT_COPY_CLINIC : REPORT_COPY_PATIENT, 0);
			first = strstr(text, sb_str(&want));
			result =
			    strstr(text, w == 0 ? "\nSummary\n-------\n" : "\nResult\n------\n");
			cr_assert_not_null(first, "%s: no disclaimer", cases[c]);
			cr_assert_not_null(result, "%s: no result section", cases[c]);
			cr_assert_lt(first, result, "%s: disclaimer not at the top", cases[c]);
			second = strstr(first + 1, sb_str(&want));
			cr_assert_not_null(second, "%s: disclaimer only once", cases[c]);
			cr_assert_str_eq(second, sb_str(&want), "%s: not at the very end",
			    cases[c]);
			cr_assert_eq(second[-1], '\n');
			cr_assert_eq(second[-2], '\n', "%s: no blank line before the end",
			    cases[c]);
			free(text);
		}
		fixture_free(&fx);
	}
	sb_free(&want);
}

/* Positions of the section headings, which must come in the documented order. */
Test(report, sections_in_order)
{
	static const char *const headings[] = {
		"SMP screening record\n====================\n",
		"\nSummary\n-------\n",
		"\nAnswered 'not sure': check in person\n",
		"\nWhy\n---\n",
		"\nPatch test\n----------\n",
		"\nWhat to expect\n--------------\n",
		"\nAnswers\n-------\n",
		"\nSettings in effect\n------------------\n",
		"\nPractitioner's decision\n-----------------------\n",
	};
	struct fixture fx;
	char *text;
	const char *prev = NULL, *at;
	size_t i;

	load_case(&fx, "mini-refer-unknowns");
	text = render_text(&fx, false, 0);
	cr_assert_eq(strncmp(text, headings[0], strlen(headings[0])), 0);
	for (i = 0; i < sizeof headings / sizeof headings[0]; i++) {
		at = strstr(text, headings[i]);
		cr_assert_not_null(at, "no heading %s", headings[i]);
		cr_assert_null(strstr(at + 1, headings[i]), "heading twice: %s", headings[i]);
		cr_assert(prev == NULL || at > prev, "out of order: %s", headings[i]);
		prev = at;
	}
	free(text);
	fixture_free(&fx);
}

Test(report, optional_sections_omitted_when_empty)
{
	struct fixture fx;
	char *text;

	load_case(&fx, "mini-defer");
	text = render_text(&fx, false, 0);
	cr_assert_null(strstr(text, "not sure"));
	cr_assert_null(strstr(text, "Ignored answers"));
	free(text);
	fixture_free(&fx);

	load_case(&fx, "mini-suitable");
	text = render_text(&fx, false, 0);
	cr_assert_null(strstr(text, "not sure"));
	cr_assert_not_null(strstr(text, "\nIgnored answers (questions not shown)\n"));
	cr_assert_not_null(strstr(text, "* scar_age_months (answers file, line 9)\n"));
	free(text);
	fixture_free(&fx);
}

Test(report, unknown_answers_become_a_checklist)
{
	struct fixture fx;
	char *text;

	load_case(&fx, "mini-refer-unknowns");
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text, "[ ] Are you pregnant or breastfeeding at the moment?\n"));
	cr_assert_not_null(strstr(text, "[ ] Which result are you hoping for?\n"));
	cr_assert_not_null(strstr(text,
	    "[ ] Which Norwood picture looks most like your hair "
	    "loss?\n"));
	cr_assert_not_null(strstr(text, "[ ] Do any of these apply to you?\n"));
	cr_assert_null(strstr(text, "[ ] How old"));
	free(text);
	fixture_free(&fx);
}

Test(report, result_block)
{
	struct fixture fx;
	char *text;

	load_case(&fx, "mini-defer");
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text, "Result: Not yet: come back later (defer)\n"));
	/* The later of the two dates: 18 at 16 is two years away, the scar four months. */
	cr_assert_not_null(strstr(text, "Come back after: 2027-03-10\n"));
	cr_assert_not_null(strstr(text,
	    "Come back: when pregnancy and breastfeeding are both "
	    "over\n"));
	/* The condition's setting.patch_test_wait_hours is the clinic's value. */
	cr_assert_not_null(strstr(text,
	    "Come back: on a day when you are well, at least 72 hours "
	    "after a patch\n  test\n"));
	cr_assert_null(strstr(text, "setting."));
	cr_assert_not_null(strstr(text, "Patch test: Not needed (not_needed)\n"));
	cr_assert_null(strstr(text, "Refer to:"));
	free(text);
	fixture_free(&fx);

	load_case(&fx, "mini-refer-unknowns");
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text, "Result: See a doctor first (refer)\n"));
	/* Each referral with the rules that need it. */
	cr_assert_not_null(strstr(text,
	                       "Refer to:\n  * GP, or the doctor who treats the condition, for:"),
	    "%s", text);
	cr_assert_not_null(strstr(text, "Patch test: Recommended (recommended)\n"));
	cr_assert_not_null(strstr(text,
	    "Wait at least 72 hours after the test before the first "
	    "session.\n"));
	cr_assert_null(strstr(text, "Come back"));
	free(text);
	fixture_free(&fx);

	load_case(&fx, "mini-suitable");
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text, "Result: Suitable (suitable)\n"));
	cr_assert_null(strstr(text, "Wait at least"));
	free(text);
	fixture_free(&fx);
}

Test(report, why_lists_every_non_suitable_rule_with_its_trace)
{
	struct fixture fx;
	char *text;

	load_case(&fx, "mini-defer");
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text,
	    "* [DEFER] under-min-age\n"
	    "  You are under the clinic's minimum age.\n"
	    "  Because of these answers:\n"
	    "  - How old are you, in whole years? -> 16 years\n"));
	cr_assert_not_null(strstr(text, "* [DEFER] scar-immature\n"));
	cr_assert_not_null(strstr(text, "* [DEFER] pregnant-or-breastfeeding\n"));
	cr_assert_not_null(strstr(text, "* [DEFER] unwell-today\n"));
	/* Rules that only attach notes are not reasons. */
	cr_assert_null(strstr(text, "baseline-notes"));
	cr_assert_null(strstr(text, "goal-buzz"));
	free(text);
	fixture_free(&fx);
}

Test(report, real_digest_and_answers_path_in_header)
{
	struct fixture fx;
	struct answers *fromfile;
	struct diag_list dl = { 0 };
	char *text, *dir, *path, *want;

	fixture_load(&fx, suitable_answers, false);
	dir = test_tmpdir();
	path = xasprintf("%s/answers.cfg", dir);
	write_file(path, suitable_answers);
	cr_assert_eq(answers_load(&fromfile, path, fx.qn, &dl), 0);
	answers_free(fx.ans);
	fx.ans = fromfile;
	fx.in.ans = fromfile;
	fx.in.answers_path = path;
	text = render_text(&fx, false, 0);
	want = xasprintf("Questionnaire: mini-consultation, version 3\n  sha256\n    %s\n",
	    fx.qn->sha256);
	cr_assert_not_null(strstr(text, want), "%s", text);
	free(want);
	want = xasprintf("Rules: mini-rules, version 2\n  sha256\n    %s\n", fx.rs->sha256);
	cr_assert_not_null(strstr(text, want), "%s", text);
	free(want);
	want = xasprintf("Answers file: %s\n", path);
	cr_assert_not_null(strstr(text, want), "%s", text);
	free(want);
	cr_assert_not_null(strstr(text, "Clinic: not set\n"));
	cr_assert_not_null(strstr(text, "Screening date: " TODAY "\n"));
	/* No record in the file: the id comes from the file's bytes. */
	want = xasprintf("Record: sha256-%.16s\n", fromfile->sha256);
	cr_assert_not_null(strstr(text, want), "%s", text);
	free(want);
	cr_assert_not_null(strstr(text, "Mode: batch"));
	free(text);
	remove(path);
	remove(dir);
	free(path);
	free(dir);
	diag_clear(&dl);
	fixture_free(&fx);
}

/* Typed text with ESC, BEL and C1 controls (raw and UTF-8 encoded) reaches neither report. */
Test(report, control_bytes_in_text_answers_never_shown)
{
	static const char answers[] =
	    "questionnaire = \"mini-consultation\";\n"
	    "answers = {\n"
	    "  age = 30;\n"
	    "  pregnancy = \"no\";\n"
	    "  goal = \"scar_only\";\n"
	    "  loss_reasons = [ \"scars\" ];\n"
	    "  scar_types = [ \"none\" ];\n"
	    "  heart_conditions = [ \"none\" ];\n"
	    "  notes_free = \"a\\x1b[2J\\x1b]0;pwned\\x07b\\x9bc\\xc2\\x9b31md\\x08e\\x7f"
	    "f\\tg\\rh\";\n"
	    "};\n";
	struct fixture fx;
	char *text, *ascii, *json, *narrow;
	long q;

	fixture_load(&fx, answers, true);
	q = questionnaire_find(fx.qn, "notes_free");
	cr_assert_geq(q, 0);
	cr_assert_eq(fx.ans->eff[q].kind, ANSWER_TEXT);
	text = render_text(&fx, false, 0);
	ascii = render_text(&fx, true, 0);
	narrow = render_text(&fx, false, 40);
	json = render_json(&fx);
	check_no_controls(text, "text");
	check_no_controls(ascii, "ascii");
	check_no_controls(narrow, "narrow");
	check_no_controls(json, "json");
	cr_assert_null(strstr(json, "\\u00"), "json escapes a control:\n%s", json);
	cr_assert_null(strstr(json, "\\t"));
	cr_assert_null(strstr(json, "\\r"));
	/* What is left of the text is still shown. */
	cr_assert_not_null(strstr(text, "-> a[2J]0;pwnedb"), "%s", text);
	cr_assert_not_null(strstr(json, "\"notes_free\": \"a[2J]0;pwnedb"), "%s", json);
	free(text);
	free(ascii);
	free(narrow);
	free(json);
	fixture_free(&fx);
}

/* Also if an answer were set in memory (not loaded) with raw control bytes in it. */
Test(report, control_bytes_set_in_memory_never_shown)
{
	struct fixture fx;
	char raw[] = "x\x1b[31my\x07z\xc2\x9b\x9bw\nv";
	struct answer v = { .kind = ANSWER_TEXT, .text = raw };
	char *text, *json;
	long q;

	fixture_load(&fx, suitable_answers, true);
	q = questionnaire_find(fx.qn, "notes_free");
	answers_set(fx.ans, (size_t)q, &v);
	free(fx.st.clinic_name);
	fx.st.clinic_name = xstrdup("Clinic\x1b]2;title\x07");
	text = render_text(&fx, false, 0);
	json = render_json(&fx);
	check_no_controls(text, "text");
	check_no_controls(json, "json");
	cr_assert_not_null(strstr(text, "Clinic: Clinic]2;title\n"));
	free(text);
	free(json);
	fixture_free(&fx);
}

static json_t *
member(json_t *obj, const char *key, json_type type)
{
	json_t *v = json_object_get(obj, key);

	cr_assert_not_null(v, "no key %s", key);
	cr_assert_eq(json_typeof(v), type, "key %s has type %d, not %d", key, json_typeof(v), type);
	return v;
}

static void
check_string(json_t *obj, const char *key, const char *want)
{
	cr_assert_str_eq(json_string_value(member(obj, key, JSON_STRING)), want, "key %s", key);
}

Test(report, json_has_every_key_with_its_type)
{
	static const char *const keys[] = { "format_version", "program", "record_id", "created_at",
		"mode", "consultant", "source", "language", "suitability", "patch_test",
		"patch_test_wait_hours", "notes", "refer_to", "come_back_after", "defer_conditions",
		"fired", "reasons", "patch_test_reasons", "answers", "ignored_answers",
		"questionnaire", "rules", "today", "settings", "review", "saved_under", "texts" };
	struct fixture fx;
	json_error_t err;
	json_t *root, *v, *e, *a;
	const char *key;
	char *json;
	size_t i, k;
	void *iter;

	load_case(&fx, "mini-defer");
	json = render_json(&fx);
	root = json_loads(json, 0, &err);
	cr_assert_not_null(root, "json does not parse: %s line %d", err.text, err.line);
	cr_assert(json_is_object(root));
	cr_assert_eq(json_object_size(root), sizeof keys / sizeof keys[0]);
	/* The keys in the documented order. */
	for (i = 0, iter = json_object_iter(root); iter != NULL;
	     i++, iter = json_object_iter_next(root, iter))
		cr_assert_str_eq(json_object_iter_key(iter), keys[i]);

	check_string(root, "suitability", "defer");
	check_string(root, "patch_test", "not_needed");
	cr_assert_eq(json_integer_value(member(root, "patch_test_wait_hours", JSON_INTEGER)), 72);
	v = member(root, "notes", JSON_ARRAY);
	cr_assert_gt(json_array_size(v), 0);
	json_array_foreach(v, i, e) cr_assert(json_is_string(e));
	cr_assert_str_eq(json_string_value(json_array_get(v, 0)), "min-age");
	member(root, "refer_to", JSON_ARRAY);
	check_string(root, "come_back_after", "2027-03-10");
	v = member(root, "defer_conditions", JSON_ARRAY);
	cr_assert_eq(json_array_size(v), 2);
	check_string(json_array_get(v, 0), "rule", "pregnant-or-breastfeeding");
	check_string(json_array_get(v, 0), "condition",
	    "when pregnancy and breastfeeding are both over");
	check_string(json_array_get(v, 1), "rule", "unwell-today");
	check_string(json_array_get(v, 1), "condition",
	    "on a day when you are well, at least 72 hours after a patch test");
	v = member(root, "fired", JSON_ARRAY);
	cr_assert_str_eq(json_string_value(json_array_get(v, 0)), "baseline-notes");
	json_array_foreach(v, i, e) cr_assert(json_is_string(e));

	v = member(root, "reasons", JSON_ARRAY);
	cr_assert_eq(json_array_size(v), 4);
	json_array_foreach(v, i, e)
	{
		member(e, "rule", JSON_STRING);
		check_string(e, "level", "defer");
		member(e, "patch_test", JSON_STRING);
		member(e, "reason", JSON_STRING);
		cr_assert_not_null(json_object_get(e, "come_back_after"));
		a = member(e, "answers", JSON_ARRAY);
		cr_assert_gt(json_array_size(a), 0);
	}
	e = json_array_get(v, 0);
	check_string(e, "rule", "under-min-age");
	check_string(e, "come_back_after", "2027-03-10");
	a = json_array_get(member(e, "answers", JSON_ARRAY), 0);
	check_string(a, "question", "age");
	cr_assert_eq(json_integer_value(member(a, "value", JSON_INTEGER)), 16);
	e = json_array_get(v, 1);
	check_string(e, "rule", "pregnant-or-breastfeeding");
	member(e, "come_back_after", JSON_NULL);
	e = json_array_get(v, 2);
	check_string(e, "rule", "scar-immature");
	check_string(e, "come_back_after", "2025-07-10");

	member(root, "patch_test_reasons", JSON_ARRAY);
	v = member(root, "answers", JSON_OBJECT);
	cr_assert_eq(json_integer_value(member(v, "age", JSON_INTEGER)), 16);
	check_string(v, "pregnancy", "pregnant");
	a = member(v, "loss_reasons", JSON_ARRAY);
	cr_assert_str_eq(json_string_value(json_array_get(a, 0)), "pattern");
	cr_assert_null(json_object_get(v, "notes_free"));
	/* In questionnaire order. */
	iter = json_object_iter(v);
	cr_assert_str_eq(json_object_iter_key(iter), "age");
	member(root, "ignored_answers", JSON_ARRAY);
	for (k = 0; k < 2; k++) {
		key = k == 0 ? "questionnaire" : "rules";
		v = member(root, key, JSON_OBJECT);
		check_string(v, "id", k == 0 ? "mini-consultation" : "mini-rules");
		cr_assert_eq(json_integer_value(member(v, "version", JSON_INTEGER)),
		    k == 0 ? 3 : 2);
		check_string(v, "sha256", PINNED_SHA);
	}
	check_string(root, "today", TODAY);
	v = member(root, "settings", JSON_OBJECT);
	cr_assert_eq(json_object_size(v), fx.st.defs->n);
	cr_assert_eq(json_integer_value(member(v, "min_age", JSON_INTEGER)), 18);
	check_string(v, "keloid_policy", "unsuitable");
	member(v, "always_patch_test", JSON_FALSE);
	iter = json_object_iter(v);
	cr_assert_str_eq(json_object_iter_key(iter), "min_age");

	json_decref(root);
	free(json);
	fixture_free(&fx);
}

Test(report, json_unknowns_patch_reasons_and_ignored)
{
	struct fixture fx;
	json_error_t err;
	json_t *root, *v, *e;
	char *json;

	load_case(&fx, "mini-refer-unknowns");
	json = render_json(&fx);
	root = json_loads(json, 0, &err);
	cr_assert_not_null(root, "%s", err.text);
	check_string(root, "suitability", "refer");
	check_string(root, "patch_test", "recommended");
	member(root, "come_back_after", JSON_NULL);
	cr_assert_eq(json_array_size(member(root, "defer_conditions", JSON_ARRAY)), 0);
	v = member(root, "refer_to", JSON_ARRAY);
	cr_assert_eq(json_array_size(v), 1);
	cr_assert_str_eq(json_string_value(json_array_get(v, 0)), "gp");
	v = member(root, "answers", JSON_OBJECT);
	check_string(v, "pregnancy", "unknown");
	e = member(v, "heart_conditions", JSON_ARRAY);
	cr_assert_eq(json_array_size(e), 1);
	cr_assert_str_eq(json_string_value(json_array_get(e, 0)), "unknown");
	check_string(v, "notes_free",
	    "Nickel allergy \xe2\x80\x93 \xe2\x80\x9cmild\xe2\x80\x9d"
	    "\xe2\x80\xa6 asks about caf\xc3\xa9-au-lait spots near the crown");
	v = member(root, "patch_test_reasons", JSON_ARRAY);
	cr_assert_eq(json_array_size(v), 1);
	check_string(json_array_get(v, 0), "rule", "scar-settling");
	check_string(json_array_get(v, 0), "patch_test", "recommended");
	check_string(json_array_get(v, 0), "reason", "The scar is mature but still settling.");
	/* A reason traced to a multi answer of "unknown". */
	v = member(root, "reasons", JSON_ARRAY);
	e = json_array_get(v, json_array_size(v) - 1);
	check_string(e, "rule", "heart-unknown");
	e = json_array_get(member(e, "answers", JSON_ARRAY), 0);
	check_string(e, "question", "heart_conditions");
	cr_assert_str_eq(json_string_value(json_array_get(member(e, "value", JSON_ARRAY), 0)),
	    "unknown");
	json_decref(root);
	free(json);
	fixture_free(&fx);

	load_case(&fx, "mini-suitable");
	json = render_json(&fx);
	root = json_loads(json, 0, &err);
	cr_assert_not_null(root, "%s", err.text);
	check_string(root, "suitability", "suitable");
	cr_assert_eq(json_array_size(member(root, "reasons", JSON_ARRAY)), 0);
	v = member(root, "ignored_answers", JSON_ARRAY);
	cr_assert_eq(json_array_size(v), 1);
	cr_assert_str_eq(json_string_value(json_array_get(v, 0)), "scar_age_months");
	cr_assert_null(json_object_get(member(root, "answers", JSON_OBJECT), "scar_age_months"));
	json_decref(root);
	free(json);
	fixture_free(&fx);
}

/* The clinic patch-tests everyone: a rule with a "suitable" level sets the patch test. */
Test(report, patch_test_set_by_a_suitable_rule)
{
	struct fixture fx;
	struct diag_list dl = { 0 };
	json_error_t err;
	json_t *root, *v;
	struct date today;
	char *text, *json;

	fixture_load(&fx, suitable_answers, true);
	cr_assert_eq(settings_load_string(&fx.st, "settings = { always_patch_test = true; };",
	                 "clinic.cfg", &dl),
	    0);
	today = fx.oc->today;
	outcome_free(fx.oc);
	fx.oc = outcome_compute(fx.rs, fx.ans, &fx.st, today);
	fx.in.oc = fx.oc;
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text, "Result: Suitable (suitable)\n"));
	cr_assert_not_null(strstr(text,
	                       "\nPatch test\n----------\nRequired\n"
	                       "Wait at least 72 hours after the test before the first "
	                       "session.\n* [REQUIRED] The clinic patch-tests everyone.\n"),
	    "%s", text);
	cr_assert_not_null(strstr(text, "always_patch_test = true\n"));
	json = render_json(&fx);
	root = json_loads(json, 0, &err);
	cr_assert_not_null(root);
	check_string(root, "patch_test", "required");
	v = member(root, "patch_test_reasons", JSON_ARRAY);
	check_string(json_array_get(v, 0), "rule", "always-patch-test");
	member(member(root, "settings", JSON_OBJECT), "always_patch_test", JSON_TRUE);
	cr_assert_eq(json_array_size(member(root, "reasons", JSON_ARRAY)), 0);
	json_decref(root);
	free(json);
	free(text);
	diag_clear(&dl);
	fixture_free(&fx);
}

/* Rules without the wait setting: null in JSON, no wait sentence in the text. */
Test(report, no_wait_setting_declared)
{
	static const char rules[] =
	    "id = \"tiny\"; version = 1; questionnaire = \"mini-consultation\";\n"
	    "settings = ( );\n"
	    "notes = ( );\n"
	    "refer_targets = ( );\n"
	    "rules = ( { id = \"young\"; when = \"age < 18\"; level = \"suitable\";\n"
	    "  patch_test = \"recommended\"; } );\n";
	struct fixture fx;
	struct ruleset *rs = NULL;
	struct diag_list dl = { 0 };
	json_error_t err;
	json_t *root;
	char *text, *json, *msg;

	fixture_load(&fx, defer_answers, true);
	if (rules_load_string(&rs, rules, "tiny.cfg", fx.qn, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("tiny rules do not load:\n%s", msg);
	}
	outcome_free(fx.oc);
	settings_free(&fx.st);
	rules_free(fx.rs);
	fx.rs = rs;
	settings_init(&fx.st, &rs->settings);
	fx.oc = outcome_compute(rs, fx.ans, &fx.st, (struct date){ 2025, 3, 10 });
	fx.in.rs = rs;
	fx.in.oc = fx.oc;
	text = render_text(&fx, false, 0);
	cr_assert_not_null(strstr(text,
	                       "\nPatch test\n----------\nRecommended\n"
	                       "* [RECOMMENDED] young\n"),
	    "%s", text);
	cr_assert_not_null(strstr(text, "\nWhy\n---\nNo answer stands in the way of treatment.\n"));
	cr_assert_null(strstr(text, "Wait at least"));
	cr_assert_not_null(strstr(text, "\nWhat to expect\n--------------\nNothing to add.\n"));
	cr_assert_not_null(strstr(text, "\nSettings in effect\n------------------\nNone.\n"));
	check_widths(text, 72, "tiny");
	json = render_json(&fx);
	root = json_loads(json, 0, &err);
	cr_assert_not_null(root, "%s", err.text);
	member(root, "patch_test_wait_hours", JSON_NULL);
	cr_assert_eq(json_array_size(member(root, "reasons", JSON_ARRAY)), 0);
	member(json_array_get(member(root, "patch_test_reasons", JSON_ARRAY), 0), "reason",
	    JSON_NULL);
	cr_assert_eq(json_object_size(member(root, "settings", JSON_OBJECT)), 0);
	json_decref(root);
	free(json);
	free(text);
	diag_clear(&dl);
	fixture_free(&fx);
}

/* Double-width characters and a word longer than a line still keep every line in bounds. */
Test(report, wide_characters_and_long_words_fit)
{
	struct fixture fx;
	struct strbuf answers = { 0 };
	char *text, *what;
	size_t i, w;
	int ascii;
	static const size_t widths[] = { 72, 40 };

	sb_append(&answers,
	    "questionnaire = \"mini-consultation\";\n"
	    "answers = { age = 30; pregnancy = \"no\"; goal = \"scar_only\";\n"
	    "  loss_reasons = [ \"scars\" ]; scar_types = [ \"none\" ];\n"
	    "  heart_conditions = [ \"none\" ];\n"
	    "  notes_free = \"");
	/* U+60A3 and U+1F642 (two columns each), euro signs, then one very long word. */
	for (i = 0; i < 20; i++)
		sb_append(&answers, "\xe6\x82\xa3");
	sb_append(&answers, " \xf0\x9f\x99\x82\xf0\x9f\x99\x82 ");
	/* One column each, but "EUR" in ASCII: the stand-ins must be wrapped, not the original. */
	for (i = 0; i < 15; i++)
		sb_append(&answers, "\xe2\x82\xac");
	sb_append(&answers, " ");
	for (i = 0; i < 70; i++)
		sb_appendc(&answers, (char)('a' + i % 26));
	sb_append(&answers, "\"; };\n");
	fixture_load(&fx, sb_str(&answers), true);
	for (w = 0; w < 2; w++)
		for (ascii = 0; ascii < 2; ascii++) {
			text = render_text(&fx, ascii, widths[w]);
			what = xasprintf("wide width %zu%s", widths[w], ascii ? " ascii" : "");
			check_widths(text, widths[w], what);
			check_no_controls(text, what);
			free(what);
			free(text);
		}
	sb_free(&answers);
	fixture_free(&fx);
}

/* --- what every JSON report says about itself; JSON Lines; CSV --------------------------- */

static json_t *
parse(const char *s)
{
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);

	cr_assert_not_null(j, "does not parse: %s line %d:\n%s", err.text, err.line, s);
	return j;
}

static char *
render_jsonl(const struct fixture *fx)
{
	struct strbuf sb = { 0 };

	report_write_jsonl(&sb, &fx->in);
	return sb_detach(&sb);
}

/* The header and the fixture's row. */
static char *
render_csv(const struct fixture *fx)
{
	struct strbuf sb = { 0 };

	report_write_csv_header(&sb, fx->qn);
	report_write_csv_row(&sb, &fx->in);
	return sb_detach(&sb);
}

/* The CSV row alone (after the header's CRLF). */
static char *
csv_row(const struct fixture *fx)
{
	char *all = render_csv(fx), *row;
	const char *p = strstr(all, "\r\n");

	cr_assert_not_null(p);
	row = xstrdup(p + 2);
	free(all);
	return row;
}

Test(report, json_envelope_of_a_file_without_a_record)
{
	struct fixture fx;
	json_t *root, *v;
	char *json, *want_id;

	load_case(&fx, "mini-defer");
	json = render_json(&fx);
	root = parse(json);
	cr_assert_eq(json_integer_value(member(root, "format_version", JSON_INTEGER)), 1);
	v = member(root, "program", JSON_OBJECT);
	cr_assert_eq(json_object_size(v), 2);
	check_string(v, "name", "smpscreen");
	check_string(v, "version", PACKAGE_VERSION);
	/* No record in the file: the id comes from its bytes, so it is the same every time. */
	want_id = xasprintf("sha256-%.16s", fx.ans->sha256);
	cr_assert_eq(strlen(want_id), 23);
	check_string(root, "record_id", want_id);
	member(root, "created_at", JSON_NULL);
	check_string(root, "mode", "batch");
	cr_assert_null(json_object_get(root, "client"), "client without client data");
	member(root, "source", JSON_NULL);
	json_decref(root);
	free(json);

	fx.in.answers_path = "clinic/2027/a.cfg";
	json = render_json(&fx);
	root = parse(json);
	check_string(root, "source", "clinic/2027/a.cfg");
	json_decref(root);
	free(json);
	free(want_id);
	fixture_free(&fx);
}

/* suitable_answers with a record and (part of) a client group before the answers. */
static char *
with_metadata(const char *record, const char *client)
{
	const char *rest = strstr(suitable_answers, "answers = {");

	cr_assert_not_null(rest);
	return xasprintf("questionnaire = \"mini-consultation\";\n%s%s%s", record, client, rest);
}

Test(report, json_envelope_of_a_file_with_record_and_client)
{
	struct fixture fx;
	json_t *root, *v;
	char *text, *json;

	text = with_metadata("record = { id = \"20270131-101500-ab12\";\n"
	                     "  created_at = \"2027-01-31T10:15:00+01:00\";\n"
	                     "  mode = \"kiosk\"; consultant = \"Dana\"; };\n",
	    "client = { name = \"Zo\xc3\xab O'Neil, \\\"Z\\\"\"; reference = \"C-0042\";\n"
	    "  date_of_birth = \"1990-02-28\"; };\n");
	fixture_load(&fx, text, true);
	json = render_json(&fx);
	root = parse(json);
	check_string(root, "record_id", "20270131-101500-ab12");
	check_string(root, "created_at", "2027-01-31T10:15:00+01:00");
	check_string(root, "mode", "kiosk");
	v = member(root, "client", JSON_OBJECT);
	cr_assert_eq(json_object_size(v), 3);
	check_string(v, "name", "Zo\xc3\xab O'Neil, \"Z\"");
	check_string(v, "reference", "C-0042");
	check_string(v, "date_of_birth", "1990-02-28");
	/* Who took it belongs to the record, as in the clinic record's header. */
	check_string(root, "consultant", "Dana");
	json_decref(root);
	free(json);
	fixture_free(&fx);
	free(text);

	/* Only the client fields the file gives; a record without a mode is a batch one. */
	text =
	    with_metadata("record = { id = \"r1\"; };\n", "client = { reference = \"C-7\"; };\n");
	fixture_load(&fx, text, true);
	json = render_json(&fx);
	root = parse(json);
	check_string(root, "record_id", "r1");
	member(root, "created_at", JSON_NULL);
	check_string(root, "mode", "batch");
	v = member(root, "client", JSON_OBJECT);
	cr_assert_eq(json_object_size(v), 1);
	check_string(v, "reference", "C-7");
	json_decref(root);
	free(json);
	fixture_free(&fx);
	free(text);
}

/* Answers from nowhere (set in memory) have no id: null, not "". */
Test(report, json_record_id_null_without_a_file)
{
	struct fixture fx;
	json_t *root;
	char *json;

	load_case(&fx, "mini-suitable");
	fx.ans->sha256[0] = '\0';
	json = render_json(&fx);
	root = parse(json);
	member(root, "record_id", JSON_NULL);
	json_decref(root);
	free(json);
	fixture_free(&fx);
}

Test(report, jsonl_is_the_json_report_on_one_line)
{
	struct fixture fx;
	json_t *a, *b;
	char *json, *line;
	size_t c;

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		/* A newline in the file name must not break the line either. */
		fx.in.answers_path = "two\nlines.cfg";
		json = render_json(&fx);
		line = render_jsonl(&fx);
		cr_assert_eq(line[strlen(line) - 1], '\n', "%s: no final newline", cases[c]);
		cr_assert_eq(strchr(line, '\n'), line + strlen(line) - 1, "%s: not one line:\n%s",
		    cases[c], line);
		cr_assert_null(strstr(line, "\": "), "%s: not compact", cases[c]);
		a = parse(json);
		b = parse(line);
		cr_assert(json_equal(a, b), "%s: jsonl differs from json", cases[c]);
		check_string(b, "source", "two\nlines.cfg");
		json_decref(a);
		json_decref(b);
		free(json);
		free(line);
		fixture_free(&fx);
	}
}

Test(report, csv_header_fixed_columns_then_every_question_but_info_items)
{
	struct strbuf sb = { 0 };
	struct questionnaire *qn = test_mini_questionnaire();

	sb_append(&sb, "x");
	report_write_csv_header(&sb, qn);
	cr_assert_str_eq(sb_str(&sb),
	    "xsource,record_id,date,suitability,patch_test,refer_to,come_back_after,fired_rules,"
	    "age,pregnancy,goal,loss_reasons,norwood,scar_types,scar_age_months,"
	    "heart_conditions,unwell_today,notes_free\r\n");
	sb_free(&sb);
	questionnaire_free(qn);
}

Test(report, csv_row_of_a_deferral)
{
	struct fixture fx;
	char *row, *want;

	load_case(&fx, "mini-defer");
	fx.in.answers_path = "in/a.cfg";
	row = csv_row(&fx);
	want = xasprintf("in/a.cfg,sha256-%.16s,2025-03-10,defer,not_needed,,2027-03-10,"
	                 "baseline-notes;under-min-age;pregnant-or-breastfeeding;goal-buzz;"
	                 "scar-immature;unwell-today,16,pregnant,buzz_look,pattern,v,fut_strip,8,"
	                 "none,yes,\r\n",
	    fx.ans->sha256);
	cr_assert_str_eq(row, want);
	free(want);
	free(row);
	fixture_free(&fx);
}

/* "unknown" for unknown answers (a multi one too), multi values joined by ';', absent: "". */
Test(report, csv_row_with_unknowns_and_refer_targets)
{
	struct fixture fx;
	char *row;

	load_case(&fx, "mini-refer-unknowns");
	row = csv_row(&fx);
	cr_assert(strncmp(row, ",sha256-", 8) == 0, "no source: an empty first cell: %s", row);
	cr_assert_not_null(strstr(row, ",refer,recommended,gp,,"), "%s", row);
	cr_assert_not_null(strstr(row,
	                       ",41,unknown,unknown,pattern;sudden_or_undiagnosed,unknown,"
	                       "injury,14,unknown,,Nickel allergy"),
	    "%s", row);
	free(row);
	fixture_free(&fx);
}

/* RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
Test(report, csv_quotes_commas_quotes_and_newlines)
{
	struct fixture fx;
	char *text, *row;

	load_case(&fx, "mini-suitable");
	fx.in.answers_path = "a,b/say \"hi\"\nthere.cfg";
	row = csv_row(&fx);
	cr_assert(strncmp(row, "\"a,b/say \"\"hi\"\"\nthere.cfg\",", 27) == 0, "%s", row);
	cr_assert_eq(strncmp(row + strlen(row) - 2, "\r\n", 2), 0);
	free(row);
	fixture_free(&fx);

	text = xasprintf("%.*s  notes_free = \"He said \\\"no, thanks\\\"\";\n};\n",
	    (int)(strlen(suitable_answers) - 3), suitable_answers);
	fixture_load(&fx, text, true);
	row = csv_row(&fx);
	cr_assert_not_null(strstr(row, ",\"He said \"\"no, thanks\"\"\"\r\n"), "%s", row);
	free(row);
	fixture_free(&fx);
	free(text);
}

/* A cell a spreadsheet would run as a formula gets a leading single quote; only the first
 * character counts. */
Test(report, csv_guards_cells_that_start_a_formula)
{
	static const char *const texts[][2] = {
		{ "=1+2", ",'=1+2\r\n" },
		{ "+1", ",'+1\r\n" },
		{ "-2+3", ",'-2+3\r\n" },
		{ "@SUM(A1:A9)", ",'@SUM(A1:A9)\r\n" },
		{ "=HYPERLINK(\\\"http://x.example\\\",\\\"y\\\")",
		    ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"\r\n" },
		{ "a=b-c", ",a=b-c\r\n" },
		/* Spreadsheets skip leading blanks before a formula (and a leading tab is a
		 * space once sanitised): the guard looks past them. */
		{ "  =1+2", ",'  =1+2\r\n" },
		{ "\\t@x", NULL },
	};
	struct fixture fx;
	char *text, *row;
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		text = xasprintf("%.*s  notes_free = \"%s\";\n};\n",
		    (int)(strlen(suitable_answers) - 3), suitable_answers, texts[i][0]);
		fixture_load(&fx, text, true);
		row = csv_row(&fx);
		if (texts[i][1] != NULL)
			cr_assert_not_null(strstr(row, texts[i][1]), "%s: %s", texts[i][0], row);
		else
			cr_assert_not_null(strstr(row, ",' @x\r\n"), "%s: %s", texts[i][0], row);
		free(row);
		fixture_free(&fx);
		free(text);
	}

	/* The file name too; and its control characters are gone, as in every report. */
	load_case(&fx, "mini-suitable");
	fx.in.answers_path = "-rf\x1b[2J.cfg";
	row = csv_row(&fx);
	cr_assert(strncmp(row, "'-rf[2J.cfg,", 12) == 0, "%s", row);
	row[strlen(row) - 2] = '\0'; /* the CRLF that ends the row */
	check_no_controls(row, "csv row");
	free(row);
	fixture_free(&fx);
}

/* Controls set in memory: a tab or CR would also start a formula; they are removed. */
Test(report, csv_no_control_characters)
{
	struct fixture fx;
	char raw[] = "\t=x\x1b[31my\rz";
	struct answer v = { .kind = ANSWER_TEXT, .text = raw };
	char *row;
	long q;

	load_case(&fx, "mini-suitable");
	q = questionnaire_find(fx.qn, "notes_free");
	answers_set(fx.ans, (size_t)q, &v);
	row = csv_row(&fx);
	row[strlen(row) - 2] = '\0'; /* the CRLF that ends the row */
	check_no_controls(row, "csv");
	cr_assert(strstr(row, ",\t") == NULL && strstr(row, ",=") == NULL, "%s", row);
	free(row);
	fixture_free(&fx);
}

/* The patient's copy: plain words, and nothing of the consultant-only questions (their
 * texts, their answers, the rules they made fire), nor of the clinic's files. */
Test(report, patient_copy_keeps_consultant_answers_private)
{
	static const char *const never[] = { "unwell", "Unwell", "Nickel", "notes_free",
		"(consultant)", "[DEFER]", "[REFER]", "[CAVEATS]", "under-min-age", "sha256",
		"Settings in effect", "min_age", "Answers file", "line ", "Record:", "Practitioner",
		"Signature", "Confidential" };
	struct fixture fx;
	char *text;
	size_t c, i;

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		text = render_patient(&fx, 0);
		for (i = 0; i < sizeof never / sizeof never[0]; i++)
			cr_expect_null(strstr(text, never[i]),
			    "%s: '%s' in the patient's copy:\n%s", cases[c], never[i], text);
		cr_expect_not_null(strstr(text, "\nYour answers\n"), "%s", cases[c]);
		free(text);
		fixture_free(&fx);
	}
	/* The rule on the consultant's question fired: one neutral sentence says there is
	 * something, never what; the clinic record says what. */
	load_case(&fx, "mini-defer");
	text = render_patient(&fx, 0);
	cr_expect_not_null(
	    strstr(text, "* The practitioner will go through some points with you in person.\n"));
	cr_expect_null(strstr(text, "on a day when you are well"), "its come-back is private too");
	free(text);
	text = render_text(&fx, false, 0);
	cr_expect_not_null(strstr(text, "* [DEFER] unwell-today\n"));
	cr_expect_not_null(strstr(text, "(consultant)\n"));
	free(text);
	fixture_free(&fx);
}

/* Each printed page is page_lines lines: report lines, then the footer on the last line;
 * pages after the first open with a form feed; none ends on a heading. */
static void
check_pages(const char *text, size_t page_lines, const char *what)
{
	const char *p = text, *end;
	char footer[128];
	size_t pages = 1, page, lines, i;

	for (i = 0; text[i] != '\0'; i++)
		pages += text[i] == '\f';
	for (page = 1; page <= pages; page++) {
		if (page > 1) {
			cr_assert_eq(*p, '\f', "%s: page %zu opens without a form feed", what,
			    page);
			p++;
		}
		end = strchr(p, '\f');
		if (end == NULL)
			end = p + strlen(p);
		for (lines = 0, i = 0; p + i < end; i++)
			lines += p[i] == '\n';
		cr_expect_eq(lines, page_lines, "%s: page %zu has %zu lines", what, page, lines);
		snprintf(footer, sizeof footer, " - page %zu of %zu\n", page, pages);
		cr_expect(end - p > (ptrdiff_t)strlen(footer) &&
		        strncmp(end - strlen(footer), footer, strlen(footer)) == 0,
		    "%s: page %zu does not end with '%s'", what, page, footer);
		p = end;
	}
}

Test(report, pages_are_page_lines_long_with_a_footer)
{
	static const size_t sizes[] = { 20, 30, 60 };
	struct fixture fx;
	char *text, what[64];
	size_t c, k;

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			snprintf(what, sizeof what, "%s at %zu", cases[c], sizes[k]);
			text = render_copy(&fx, false, 0, REPORT_COPY_CLINIC, sizes[k]);
			check_pages(text, sizes[k], what);
			cr_expect_not_null(strstr(text, "SMP screening record sha256-"), "%s",
			    what);
			free(text);
			text = render_copy(&fx, false, 0, REPORT_COPY_PATIENT, sizes[k]);
			check_pages(text, sizes[k], what);
			cr_expect_not_null(strstr(text, "SMP screening summary - page 1 of"), "%s",
			    what);
			free(text);
		}
		fixture_free(&fx);
	}
}

/* No page ends on a section heading or on the line under one. */
Test(report, no_page_ends_on_a_heading)
{
	struct fixture fx;
	char *text, *copy, *page, *save = NULL, *line, *prev, *last;
	size_t c, size;

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		for (size = 20; size <= 40; size++) {
			text = render_copy(&fx, false, 0, REPORT_COPY_CLINIC, size);
			copy = xstrdup(text);
			for (page = strtok_r(copy, "\f", &save); page != NULL;
			     page = strtok_r(NULL, "\f", &save)) {
				/* The last report line: the one before the blank lines and footer.
				 */
				last = prev = NULL;
				for (line = page; *line != '\0'; line = strchr(line, '\n') + 1) {
					if (strncmp(line, "SMP screening record sha256-", 28) == 0)
						break;
					if (*line != '\n') {
						prev = last;
						last = line;
					}
				}
				cr_assert_not_null(last);
				cr_expect(!(last[0] == '-' && last[1] == '-'),
				    "%s at %zu: a page ends under a heading: %.40s", cases[c], size,
				    prev != NULL ? prev : "");
			}
			free(copy);
			free(text);
		}
		fixture_free(&fx);
	}
}

/* What the answers file records of the consultation and the client heads the clinic
 * record; the patient's copy has only the reference to quote. */
Test(report, record_and_client_head_the_clinic_record)
{
	static const char with_meta[] =
	    "questionnaire = \"mini-consultation\";\n"
	    "record = { id = \"20261203-101502-7f3a\"; created_at = "
	    "\"2026-12-03T10:15:02+01:00\";\n"
	    "  mode = \"kiosk\"; consultant = \"R. Okafor\"; };\n"
	    "client = { name = \"Ana L\xc3\xb3pez\"; reference = \"C-1042\"; date_of_birth = "
	    "\"1990-05-01\"; };\n"
	    "answers = { age = 34; pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ "
	    "\"pattern\" ];\n"
	    "  norwood = \"v\"; scar_types = [ \"none\" ]; heart_conditions = [ \"none\" ]; };\n";
	struct fixture fx;
	char *text;

	fixture_load(&fx, with_meta, true);
	text = render_text(&fx, false, 0);
	cr_expect_not_null(strstr(text, "Record: 20261203-101502-7f3a\n"), "%s", text);
	cr_expect_not_null(strstr(text, "Saved: 2026-12-03 10:15:02 (UTC+01:00)\n"), "%s", text);
	cr_expect_not_null(strstr(text, "Mode: clinic kiosk\n"));
	cr_expect_not_null(strstr(text, "Consultant: R. Okafor\n"));
	cr_expect_not_null(strstr(text, "Client: Ana L\xc3\xb3pez\n"));
	cr_expect_not_null(strstr(text, "Client reference: C-1042\n"));
	cr_expect_not_null(strstr(text, "Date of birth: 1990-05-01\n"));
	cr_expect_not_null(strstr(text, "Confidential: health data."));
	free(text);
	text = render_patient(&fx, 0);
	cr_expect_not_null(strstr(text, "Your reference: 20261203-101502-7f3a\n"));
	cr_expect_null(strstr(text, "C-1042"));
	cr_expect_null(strstr(text, "R. Okafor"));
	free(text);
	fixture_free(&fx);
}

/* A patch test (or a come-back date) that only a rule on a consultant's answer asks for is
 * not in the patient's copy: "Patch test: Required" with no reason would point at that
 * answer. The clinic record has it. */
Test(report, patient_copy_patch_level_counts_only_rules_it_shows)
{
	static const char extra[] =
	    ",\n  { id = \"unwell-patch\"; when = \"unwell_today == 'yes'\"; "
	    "level = \"suitable\"; patch_test = \"required\"; }\n);\n";
	struct fixture fx;
	struct diag_list dl = { 0 };
	struct ruleset *rs = NULL;
	char *path = test_data_path("mini-rules.cfg"), *text = test_read_file(path), *end, *all;
	char *answers, *copy;

	/* The mini rules with one more rule, on the consultant's question unwell_today. */
	end = strrchr(text, ')');
	cr_assert_not_null(end);
	while (end > text && end[-1] != '}')
		end--;
	all = xasprintf("%.*s%s", (int)(end - text), text, extra);
	answers = xasprintf("%.*s\"yes\";\n};\n",
	    (int)(strstr(suitable_answers, "\"no\";\n};") - suitable_answers), suitable_answers);
	fixture_load(&fx, answers, true);
	cr_assert_eq(rules_load_string(&rs, all, "r.cfg", fx.qn, &dl), 0, "%s", all);
	settings_free(&fx.st);
	settings_init(&fx.st, &rs->settings);
	outcome_free(fx.oc);
	rules_free(fx.rs);
	fx.rs = rs;
	fx.in.rs = rs;
	fx.oc = outcome_compute(rs, fx.ans, &fx.st, (struct date){ 2025, 3, 10 });
	fx.in.oc = fx.oc;
	cr_assert_eq(fx.oc->patch, PATCH_REQUIRED);
	copy = render_patient(&fx, 0);
	cr_expect_not_null(strstr(copy, "Patch test: Not needed\n"), "%s", copy);
	cr_expect_null(strstr(copy, "Required"), "%s", copy);
	cr_expect_null(strstr(copy, "Wait at least"), "%s", copy);
	free(copy);
	copy = render_text(&fx, false, 0);
	cr_expect_not_null(strstr(copy, "Patch test: Required (required)\n"), "%s", copy);
	free(copy);
	fixture_free(&fx);
	diag_clear(&dl);
	free(answers);
	free(all);
	free(text);
	free(path);
}

/* --- speed without changing a byte (issue 15) ------------------------------------------- */

/* The pagination as it was before it worked in place (report_pages.c at c6e52e5), kept
 * here as the reference the faster one must agree with byte for byte. */
/* The end of a page: the footer on line page_lines, blank lines before it; in ASCII when
 * the report is. */
static void
ref_page_footer(struct strbuf *out, size_t used, size_t page_lines, const char *label, bool ascii,
    size_t page, size_t pages, size_t width)
{
	struct strbuf line = { 0 }, num = { 0 }, fit = { 0 };
	size_t room, n;

	for (; used < page_lines - 1; used++)
		sb_appendc(out, '\n');
	/* Measured as it will be written: ASCII stand-ins can be wider than what they replace. */
	sb_printf(&line, _("page %zu of %zu"), page, pages);
	if (ascii)
		text_to_ascii(&num, sb_str(&line));
	else
		sb_append(&num, sb_str(&line));
	sb_reset(&line);
	if (ascii)
		text_to_ascii(&fit, label);
	else
		sb_append(&fit, label);
	room = width > text_width(sb_str(&num)) + 3 ? width - text_width(sb_str(&num)) - 3 : 0;
	if (text_width(sb_str(&fit)) > room) {
		/* Whole characters only, then "...": cut back until it fits. */
		for (n = fit.len; n > 0 &&
		     (text_width_n(sb_str(&fit), n) + 3 > room ||
		         ((unsigned char)fit.buf[n] & 0xc0) == 0x80);
		     n--)
			;
		sb_appendn(&line, sb_str(&fit), n);
		sb_append(&line, "...");
	} else
		sb_append(&line, sb_str(&fit));
	sb_printf(out, "%s - %s\n", sb_str(&line), sb_str(&num));
	sb_free(&line);
	sb_free(&num);
	sb_free(&fit);
}

/* True when line i of lines (n of them) is a heading or the line under one. */
static bool
ref_heading_line(char **lines, size_t n, size_t i)
{
	const char *next = i + 1 < n ? lines[i + 1] : "";
	size_t k;

	if (*lines[i] == '\0')
		return false;
	if ((lines[i][0] == '-' || lines[i][0] == '=') &&
	    strspn(lines[i], lines[i][0] == '-' ? "-" : "=") == strlen(lines[i]) && i > 0)
		return true;
	if (*next != '-' && *next != '=')
		return false;
	for (k = 0; next[k] == next[0]; k++)
		;
	return next[k] == '\0';
}

/* True when line i should not end a page: a heading would be parted from what it heads,
 * or the next line continues this one's item (indented, and not a bullet of its own). */
static bool
ref_keep_with_next(char **lines, size_t n, size_t i)
{
	const char *next = i + 1 < n ? lines[i + 1] : "";
	size_t sp = strspn(next, " ");

	if (*lines[i] == '\0')
		return false;
	if (sp > 0 && next[sp] != '\0' && next[sp] != '*' && next[sp] != '[')
		return true;
	return ref_heading_line(lines, n, i);
}

static void
ref_report_paginate(struct strbuf *out, const char *text, size_t page_lines, const char *label,
    bool ascii, size_t width)
{
	char **lines = NULL, *copy = xstrdup(text), *p, *eol;
	size_t n = 0, body = page_lines - 2, *starts, *ends, pages = 0, i, page, end;

	for (p = copy; *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n++] = p;
		if (eol == NULL)
			break;
		*eol = '\0';
	}
	starts = xcalloc(n + 1, sizeof *starts);
	ends = xcalloc(n + 1, sizeof *ends);
	for (i = 0; i < n; pages++) {
		/* A page does not open on the blank line between two sections. */
		while (pages > 0 && i < n - 1 && *lines[i] == '\0')
			i++;
		starts[pages] = i;
		end = i + body < n ? i + body : n;
		/* At most half a page is given up to keep things together. */
		while (end < n && end > i + body / 2 && ref_keep_with_next(lines, n, end - 1))
			end--;
		/* A heading never ends a page, whatever that costs. */
		while (end < n && end > i + 1 && ref_heading_line(lines, n, end - 1))
			end--;
		ends[pages] = i = end;
	}
	for (page = 0; page < pages; page++) {
		if (page > 0)
			sb_appendc(out, '\f');
		for (i = starts[page]; i < ends[page]; i++) {
			sb_append(out, lines[i]);
			sb_appendc(out, '\n');
		}
		ref_page_footer(out, ends[page] - starts[page], page_lines, label, ascii, page + 1,
		    pages, width);
	}
	explicit_bzero(copy, strlen(copy));
	free(copy);
	free(lines);
	free(starts);
	free(ends);
}

/* report_paginate of text after prefix, as the report calls it. */
static char *
paginate_now(const char *prefix, const char *text, size_t page_lines, const char *label, bool ascii,
    size_t width)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, prefix);
	sb_append(&sb, text);
	report_paginate(&sb, strlen(prefix), page_lines, label, ascii, width);
	return sb_detach(&sb);
}

static char *
paginate_ref(const char *prefix, const char *text, size_t page_lines, const char *label, bool ascii,
    size_t width)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, prefix);
	ref_report_paginate(&sb, text, page_lines, label, ascii, width);
	return sb_detach(&sb);
}

static void
check_paginate(const char *text, const char *what)
{
	static const size_t sizes[] = { 20, 21, 25, 33, 60 };
	static const struct {
		const char *label;
		bool ascii;
		size_t width;
	} feet[] = { { "SMP screening record 20270131-101500-4f2a", false, 72 },
		{ "R\xc3\xa9sum\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac", true, 72 },
		{ "R\xc3\xa9sum\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac", false, 20 },
		{ "a label far too long for the footer of a page this narrow", false, 30 },
		{ "", false, 10 } };
	size_t i, k;
	char *got, *want;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (k = 0; k < sizeof feet / sizeof feet[0]; k++) {
			got = paginate_now(k % 2 ? "before\f" : "", text, sizes[i], feet[k].label,
			    feet[k].ascii, feet[k].width);
			want = paginate_ref(k % 2 ? "before\f" : "", text, sizes[i], feet[k].label,
			    feet[k].ascii, feet[k].width);
			cr_assert_str_eq(got, want, "%s, %zu lines, footer %zu", what, sizes[i], k);
			free(got);
			free(want);
		}
}

Test(report, pages_cut_in_place_as_before)
{
	static unsigned long long rng = 0x9e3779b97f4a7c15ULL;
	static const char *const kinds[] = { "", "", "plain words on a line", "  continued item",
		"* a bullet", "  [ ] a box", "Heading", "-------", "=====", "  ", "x" };
	struct strbuf sb = { 0 };
	struct fixture fx;
	char *text, what[64];
	size_t c, round, n, k;

	/* Real reports, both copies. */
	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		text = render_text(&fx, false, 0);
		check_paginate(text, cases[c]);
		free(text);
		text = render_patient(&fx, 40);
		check_paginate(text, cases[c]);
		free(text);
		fixture_free(&fx);
	}
	/* Made-up ones: headings at every place, runs of blank lines longer than a footer
	 * (those pages are written through a copy), no final newline, nothing at all. */
	check_paginate("", "empty");
	check_paginate("one line, no newline", "one line");
	check_paginate("\n\n\n", "blank lines");
	for (round = 0; round < 200; round++) {
		sb_reset(&sb);
		n = 1 + (rng % 150);
		while (n-- > 0) {
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			k = (size_t)(rng % (sizeof kinds / sizeof kinds[0]));
			if (rng % 97 == 0)
				for (k = 0; k < 70; k++)
					sb_appendc(&sb, '\n');
			else {
				sb_append(&sb, kinds[k]);
				sb_appendc(&sb, '\n');
			}
		}
		if (round % 3 == 0 && sb.len > 0)
			sb.buf[--sb.len] = '\0';
		snprintf(what, sizeof what, "made-up text %zu", round);
		check_paginate(sb_str(&sb), what);
	}
	sb_free(&sb);
}

/* Renders the case with and without memo (twice with: a miss, then hits), every way. */
static void
check_memo_same(struct fixture *fx, struct report_memo *memo, const char *what)
{
	static const size_t widths[] = { 0, 40, 100 }, pages[] = { 0, 20 };
	struct strbuf a = { 0 }, b = { 0 };
	struct report_toc ta, tb;
	size_t w, c, s, p, round, i;

	for (w = 0; w < sizeof widths / sizeof widths[0]; w++)
		for (c = 0; c < 2; c++)
			for (s = 0; s < 2; s++)
				for (p = 0; p < sizeof pages / sizeof pages[0]; p++) {
					struct report_opts o = { .ascii = s,
						.width = widths[w],
						.copy =
						    c ? REPORT_COPY_PATIENT : REPORT_COPY_CLINIC,
						.page_lines = pages[p] };

					sb_reset(&a);
					report_write_text_toc(&a, &fx->in, &o, &ta);
					for (round = 0; round < 2; round++) {
						o.memo = memo;
						sb_reset(&b);
						report_write_text_toc(&b, &fx->in, &o, &tb);
						cr_assert_str_eq(sb_str(&b), sb_str(&a),
						    "%s: width %zu, copy %zu, ascii %zu, pages "
						    "%zu, "
						    "round %zu",
						    what, widths[w], c, s, pages[p], round);
						cr_assert_eq(tb.n, ta.n);
						for (i = 0; i < ta.n; i++) {
							cr_assert_eq(tb.items[i].line,
							    ta.items[i].line);
							cr_assert_eq(tb.items[i].offset,
							    ta.items[i].offset);
						}
					}
				}
	sb_free(&a);
	sb_free(&b);
}

Test(report, memo_gives_the_same_bytes)
{
	struct report_memo *memo = report_memo_new();
	struct fixture fx;
	char raw[] = "x\x1b[31my\x07z\xc2\x9b\x9bw\nv";
	size_t c;

	for (c = 0; c < N_CASES; c++) {
		load_case(&fx, cases[c]);
		check_memo_same(&fx, memo, cases[c]);
		fixture_free(&fx);
	}
	/* Content made unclean in memory: sanitised, with the memo as without it. */
	load_case(&fx, "mini-refer-unknowns");
	free(fx.qn->questions[Q_AGE].text);
	fx.qn->questions[Q_AGE].text = xstrdup(raw);
	free(fx.st.clinic_name);
	fx.st.clinic_name = xstrdup("Clinic\x1b]2;title\x07");
	check_memo_same(&fx, memo, "unclean content");
	fixture_free(&fx);
	report_memo_free(memo);
	report_memo_free(NULL);
}

Test(report, memo_keeps_no_patient_text)
{
	static const char answers[] = "questionnaire = \"mini-consultation\";\n"
	                              "record = { id = \"20250310-090000-77aa\"; created_at = "
	                              "\"2025-03-09T08:00:00Z\"; consultant = \"Dana Reyes\"; };\n"
	                              "client = { name = \"Alex Example\"; reference = "
	                              "\"CL-0042\"; date_of_birth = \"1985-06-02\"; };\n"
	                              "answers = {\n"
	                              "  age = 41;\n"
	                              "  pregnancy = \"no\";\n"
	                              "  goal = \"buzz_look\";\n"
	                              "  loss_reasons = [ \"pattern\", \"scars\" ];\n"
	                              "  norwood = \"v\";\n"
	                              "  scar_types = [ \"injury\" ];\n"
	                              "  scar_age_months = 14;\n"
	                              "  heart_conditions = [ \"none\" ];\n"
	                              "  unwell_today = \"no\";\n"
	                              "  notes_free = \"Prefers Saturday appointments\";\n"
	                              "};\n";
	static const char *const private[] = { "Alex Example", "CL-0042", "1985-06-02",
		"Dana Reyes", "20250310-090000-77aa", "2025-03-09", "Saturday", "41 years",
		"Scar from an injury" };
	struct report_memo *memo = report_memo_new();
	struct fixture fx;
	struct strbuf sb = { 0 };
	size_t c, s, i;

	fixture_load(&fx, answers, true);
	fx.in.answers_path = "/clinic/Alex Example.cfg";
	for (c = 0; c < 2; c++)
		for (s = 0; s < 2; s++) {
			struct report_opts o = { .ascii = s,
				.copy = c ? REPORT_COPY_PATIENT : REPORT_COPY_CLINIC,
				.page_lines = 60,
				.memo = memo };

			sb_reset(&sb);
			report_write_text(&sb, &fx.in, &o);
			/* The clinic record shows every one of them: the test looks for them. */
			for (i = 0; c == 0 && i < sizeof private / sizeof private[0]; i++)
				cr_assert_not_null(strstr(sb_str(&sb), private[i]),
				    "no '%s' in:\n%s", private[i], sb_str(&sb));
		}
	for (i = 0; i < sizeof private / sizeof private[0]; i++)
		cr_expect(!memo_holds(memo, private[i]), "the memo keeps '%s'", private[i]);
	/* It does keep the fixed texts: a heading, a question, a setting. */
	cr_expect(memo_holds(memo, "What to expect"));
	cr_expect(memo_holds(memo, "How old are you, in whole years?"));
	cr_expect(memo_holds(memo, " = "));
	sb_free(&sb);
	fixture_free(&fx);
	report_memo_free(memo);
}

/* settings_format_value is how a setting's value reads; the report writes numbers itself. */
Test(report, settings_lines_read_as_settings_format_value)
{
	struct fixture fx;
	struct strbuf want = { 0 };
	char *text;
	size_t i;

	load_case(&fx, "mini-defer");
	cr_assert_gt(fx.st.defs->n, 0);
	/* The extremes too, whatever the declared range. */
	for (i = 0; i < fx.st.defs->n; i++)
		if (fx.st.defs->items[i].type == SETTING_INTEGER)
			fx.st.values[i] = i % 2 ? LONG_MIN : LONG_MAX;
	text = render_text(&fx, false, 0);
	for (i = 0; i < fx.st.defs->n; i++) {
		sb_reset(&want);
		sb_printf(&want, "\n%s = ", fx.st.defs->items[i].id);
		settings_format_value(&fx.st, i, &want);
		sb_appendc(&want, '\n');
		cr_expect_not_null(strstr(text, sb_str(&want)), "no line [%s]", sb_str(&want) + 1);
	}
	free(text);
	sb_free(&want);
	fixture_free(&fx);
}

static void
check_format(const char *want, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	sb_append(&sb, "<");
	va_start(ap, fmt);
	rr_vformat(&sb, fmt, ap);
	va_end(ap);
	cr_assert_eq(strncmp(sb_str(&sb), "<", 1), 0);
	cr_assert_str_eq(sb_str(&sb) + 1, want, "format [%s]", fmt);
	sb_free(&sb);
}

/* The report's own formatter writes what snprintf writes, fast path or not. */
Test(report, format_agrees_with_snprintf)
{
	char want[256];
	/* Not a constant, or the compiler refuses the call that passes it. */
	const char *volatile null = NULL;

#define SAME(...)                                                                                  \
	do {                                                                                       \
		snprintf(want, sizeof want, __VA_ARGS__);                                          \
		check_format(want, __VA_ARGS__);                                                   \
	} while (0)
	SAME("plain text");
	SAME("%s", "");
	SAME("Clinic: %s",
	    "St\xc3\xa4"
	    "dtische Klinik");
	SAME("%s: %s, version %d", "Rules", "smp-rules", 3);
	SAME("Saved: %.10s %.8s (UTC%s)", "2026-12-03T10:15:02+01:00", "10:15:02+01:00", "+01:00");
	SAME("%.3s|%.0s|%.12s...", "abcdef", "gone", "short");
	SAME("%d %d %d %d", 0, -5, INT_MAX, INT_MIN);
	SAME("%ld %ld %ld", 0L, LONG_MAX, LONG_MIN);
	SAME("%u %lu %zu %zu", 4000000000U, ULONG_MAX, (size_t)0, SIZE_MAX);
	SAME("100%% sure, %s%%", "50");
	SAME("page %zu of %zu", (size_t)3, (size_t)12);
	/* What the fast path leaves to vsnprintf. */
	SAME("%5d|%-4s|%x|%03u", 42, "ab", 255U, 7U);
	SAME("%2$s %1$s", "world", "hello");
	SAME("%.s|%.*s", "gone", 2, "abc");
	SAME("[%s] and after", null);
	SAME("%c%c", 'o', 'k');
#undef SAME
}

/* The memo's key is everything a layout depends on, compared by content. */
Test(report, memo_keys_by_every_input)
{
	struct report_memo *m = report_memo_new();
	struct memo_key k;
	char buf[64], text[32];
	const char *hit;
	size_t len, i;

	memo_key_init(&k, "Safety notes", "  * ", "    ", 72, false);
	cr_assert_null(memo_find(m, &k, &len));
	memo_keep(m, &k, "  * Safety notes\n", 17);
	/* The same text in another buffer is the same key. */
	strcpy(buf, "Safety notes");
	memo_key_init(&k, buf, "  * ", "    ", 72, false);
	hit = memo_find(m, &k, &len);
	cr_assert_not_null(hit);
	cr_expect_eq(len, 17);
	cr_expect_eq(memcmp(hit, "  * Safety notes\n", 17), 0);
	/* Any input that differs is another key; so is a buffer written over. */
	memo_key_init(&k, buf, "  * ", "   ", 72, false);
	cr_expect_null(memo_find(m, &k, &len), "indent");
	memo_key_init(&k, buf, " * ", "    ", 72, false);
	cr_expect_null(memo_find(m, &k, &len), "first indent");
	memo_key_init(&k, buf, "  * ", "    ", 40, false);
	cr_expect_null(memo_find(m, &k, &len), "width");
	memo_key_init(&k, buf, "  * ", "    ", 72, true);
	cr_expect_null(memo_find(m, &k, &len), "ascii");
	/* Same length, same first and last eight bytes: told apart by the whole text. */
	strcpy(buf, "Safety_notes");
	memo_key_init(&k, buf, "  * ", "    ", 72, false);
	cr_expect_null(memo_find(m, &k, &len), "middle of the text");
	memo_key_init(&k, "Safety notesX", "  * ", "    ", 72, false);
	cr_expect_null(memo_find(m, &k, &len), "longer text");
	/* Where the text ends and the indents start is part of the key. */
	memo_key_init(&k, "Safety notes ", " * ", "    ", 72, false);
	cr_expect_null(memo_find(m, &k, &len), "boundary");
	/* NULL is "". */
	memo_key_init(&k, NULL, NULL, NULL, 72, false);
	memo_keep(m, &k, "\n", 1);
	memo_key_init(&k, "", "", "", 72, false);
	cr_expect_not_null(memo_find(m, &k, &len));
	/* Many more than it keeps: it starts again, and still answers right. */
	for (i = 0; i < 5000; i++) {
		snprintf(text, sizeof text, "text %zu", i);
		memo_key_init(&k, text, "", "", 72, false);
		memo_keep(m, &k, text, strlen(text));
		hit = memo_find(m, &k, &len);
		cr_assert(hit != NULL && len == strlen(text) && memcmp(hit, text, len) == 0);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(text, sizeof text, "text %zu", i);
		memo_key_init(&k, text, "", "", 72, false);
		hit = memo_find(m, &k, &len);
		cr_assert(hit == NULL || (len == strlen(text) && memcmp(hit, text, len) == 0));
	}
	report_memo_free(m);
}
