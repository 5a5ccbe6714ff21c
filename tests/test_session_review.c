/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "smpscreen/answers.h"
#include "smpscreen/content.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/review.h"
#include "smpscreen/rules.h"
#include "smpscreen/session.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * A consultant's review of a saved consultation through the session API, as `smpscreen
 * review` drives it but without a terminal: open the saved answers, confirm or change them
 * with reasons, decide, finish, save over the file opened with the report beside it. Over
 * tests/data/mini-questionnaire.cfg and mini-rules.cfg, laid out as in test_session.c:
 *   0 age             integer 0..120, required           (rule under-min-age: < 18 defers)
 *   1 pregnancy       single no|pregnant|breastfeeding + "Prefer not to say"
 *   2 goal            single buzz_look|scar_only + "Not sure yet"
 *   3 loss_reasons    multi pattern|scars|sudden_or_undiagnosed
 *   4 norwood         single i|v + "Not sure ...", shown when 'pattern' in loss_reasons
 *   5 scar_types      multi none|fut_strip|injury
 *   6 scar_age_months integer 0..1200 + "Not sure", shown when scars other than none
 *   7 heart_conditions multi none|heart_condition + "Not sure"
 *   8 unwell_today    single yes|no, consultant, optional
 *   9 notes_free      text, consultant, optional, 200 bytes
 *  10 price_info      info
 * Every test gets a fresh private directory for the files it reviews, removed afterwards.
 */
static const struct date today = { 2030, 1, 15 };

static struct content ct;
static char *dir;

static void
setup(void)
{
	test_mini_content(&ct);
	cr_assert_eq(ct.qn->n_questions, NQ, "the fixture's layout is what this file assumes");
	dir = test_tmpdir();
}

static void
teardown(void)
{
	test_remove_tree(&dir);
	content_free(&ct);
}

TestSuite(session_review, .init = setup, .fini = teardown);

#define QN "questionnaire = \"mini-consultation\";\n"
#define RECORD                                                                                     \
	"record = { id = \"20261207-110443-8e9aecb9\"; "                                           \
	"created_at = \"2026-12-07T11:04:43+00:00\"; mode = \"home\"; };\n"
#define ANSWERS                                                                                    \
	"answers = { age = 34; pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ "        \
	"\"pattern\" ]; norwood = \"v\"; scar_types = [ \"none\" ]; heart_conditions = [ "         \
	"\"none\" ]; };\n"

/* A pre-screen a patient filled in at home, as the program saved it. */
static const char home[] = QN RECORD ANSWERS;

/* The same after a first review by Ana Ruiz: the patient said 33, she recorded 34 and
 * decided to defer. */
static const char reviewed[] = QN RECORD ANSWERS
    "review = {\n"
    "  by = \"Ana Ruiz\"; at = \"2026-12-08T09:00:00+00:00\";\n"
    "  changes = (\n"
    "    { question = \"age\"; from = 33; to = 34;\n"
    "      reason = \"Checked the ID card in person\"; at = \"2026-12-08T09:01:00+00:00\"; }\n"
    "  );\n"
    "  decision = { suitability = \"defer\"; reason = \"Wants to wait until after summer\";\n"
    "    at = \"2026-12-08T09:02:00+00:00\"; };\n"
    "};\n";

/* "dir/name", owned by the caller. */
static char *
in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Writes an answers file as a saved consultation is: private. */
static void
write_answers(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp, "fopen %s: %s", path, strerror(errno));
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
	cr_assert_eq(chmod(path, 0600), 0);
}

/* Another writer's edit: appends text to path. */
static void
append_to(const char *path, const char *text)
{
	FILE *fp = fopen(path, "a");

	cr_assert_not_null(fp, "fopen %s: %s", path, strerror(errno));
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
}

/* A consultant's session, as the review front end makes it; name may be NULL. */
static struct session *
new_session(const char *name, const char *save_dir, const char *draft_dir)
{
	struct session_opts o = { .consultant = true,
		.today = today,
		.save_dir = save_dir,
		.draft_dir = draft_dir,
		.mode = "clinic",
		.consultant_name = name };

	return session_new(&ct, &o);
}

/* A session reviewing path (which must open), by name (may be NULL). */
static struct session *
reviewing(const char *path, const char *name)
{
	struct session *s = new_session(name, NULL, NULL);
	struct diag_list dl = { 0 };
	char *text;

	if (session_open_review(s, path, &dl) != 0) {
		text = test_diag_text(&dl);
		cr_assert_fail("%s does not open for review:\n%s", path, text);
	}
	diag_clear(&dl);
	return s;
}

/* Types an answer that must be accepted. */
static void
type(struct session *s, size_t q, const char *typed)
{
	enum answer_error e = session_type(s, q, typed);

	cr_assert_eq(e, ANSWER_OK, "%s: '%s' refused with error %d", ct.qn->questions[q].id, typed,
	    e);
}

/* Gives a reason that must be accepted. */
static void
because(struct session *s, size_t q, const char *reason)
{
	const char *why = session_set_review_reason(s, q, reason);

	cr_assert_null(why, "%s: reason '%s' refused: %s", ct.qn->questions[q].id, reason, why);
}

/* The contract values of v for q ("" when none), owned by the caller. */
static char *
values(size_t q, const struct answer *v)
{
	struct strbuf sb = { 0 };

	answer_format_values(&ct.qn->questions[q], v, &sb);
	return sb_detach(&sb);
}

static void
expect_values(size_t q, const struct answer *v, const char *want, const char *what)
{
	char *got = values(q, v);

	cr_expect_str_eq(got, want, "%s of %s", what, ct.qn->questions[q].id);
	free(got);
}

/* Finishes and saves, which must succeed. */
static void
finish_and_save(struct session *s)
{
	char *cause = NULL;

	session_finish(s, false);
	cr_assert_eq(session_save(s, &cause), 0, "save refused: %s", cause);
	cr_expect(session_saved(s));
}

/* Loads path as `screen` would, or fails the test with the diagnostics. */
static struct answers *
load(const char *path)
{
	struct diag_list dl = { 0 };
	struct answers *a = NULL;
	char *text;

	if (answers_load(&a, path, ct.qn, &dl) != 0) {
		text = test_diag_text(&dl);
		cr_assert_fail("%s does not load:\n%s", path, text);
	}
	diag_clear(&dl);
	return a;
}

/* text with every run of white space made one space: a report wraps long lines and
 * indents what follows, which a phrase looked for must not depend on. Caller frees. */
static char *
flat(const char *text)
{
	struct strbuf sb = { 0 };
	const char *p;

	for (p = text; *p != '\0'; p++) {
		if (!isspace((unsigned char)*p))
			sb_appendc(&sb, *p);
		else if (sb.len > 0 && sb_str(&sb)[sb.len - 1] != ' ')
			sb_appendc(&sb, ' ');
	}
	return sb_detach(&sb);
}

static void
expect_phrase(const char *flattened, const char *phrase)
{
	cr_expect_not_null(strstr(flattened, phrase), "the report says '%s':\n%s", phrase,
	    flattened);
}

/* "YYYYMMDD-HHMMSS-xxxxxxxx", as session_record_id makes them. */
static bool
looks_like_record_id(const char *id)
{
	size_t i;

	if (id == NULL || strlen(id) != 24 || id[8] != '-' || id[15] != '-')
		return false;
	for (i = 0; i < 24; i++) {
		if (i == 8 || i == 15)
			continue;
		if (i < 15 ? !isdigit((unsigned char)id[i]) :
		             strchr("0123456789abcdef", id[i]) == NULL)
			return false;
	}
	return true;
}

/* One line for an outcome, to compare two of them with a readable message (as in
 * test_session.c). */
static char *
summary(const struct outcome *oc)
{
	struct strbuf sb = { 0 };
	char buf[11];
	size_t i;

	sb_printf(&sb, "level %d patch %d rules", (int)oc->suitability, (int)oc->patch);
	for (i = 0; i < oc->n_fired; i++) {
		sb_printf(&sb, " %s", ct.rs->rules[oc->fired[i].rule].id);
		if (oc->fired[i].has_date) {
			date_format(oc->fired[i].date, buf);
			sb_printf(&sb, "@%s", buf);
		}
		if (oc->fired[i].condition != NULL)
			sb_printf(&sb, "(%s)", oc->fired[i].condition);
	}
	sb_append(&sb, " notes");
	for (i = 0; i < oc->n_notes; i++)
		sb_printf(&sb, " %s", ct.rs->notes[oc->notes[i]].id);
	sb_append(&sb, " refer");
	for (i = 0; i < oc->n_refer_to; i++)
		sb_printf(&sb, " %s", ct.rs->targets[oc->refer_to[i]].id);
	if (oc->has_come_back) {
		date_format(oc->come_back, buf);
		sb_printf(&sb, " come back %s", buf);
	}
	return sb_detach(&sb);
}

/* --- opening ----------------------------------------------------------------------------- */

Test(session_review, open_takes_the_file_s_answers_and_record)
{
	char *path = in_dir("p-answers.cfg"), *draft = in_dir("drafts"), *save = in_dir("out");
	struct session *s;
	struct answers *want;
	struct diag_list dl = { 0 };
	const struct answers_meta *m;
	size_t q;

	cr_assert_eq(mkdir(draft, 0700), 0);
	s = new_session(NULL, save, draft);
	write_answers(path, home);
	cr_expect_not(session_reviewing(s), "not before a file is opened");
	cr_assert_eq(session_open_review(s, path, &dl), 0);
	cr_expect_eq(dl.n, 0, "no diagnostics for a good file");
	cr_expect(session_reviewing(s));
	cr_expect_str_eq(session_review_file(s), path);
	want = load(path);
	for (q = 0; q < NQ; q++) {
		char *w = values(q, &want->eff[q]);

		expect_values(q, session_answer(s, q), w, "the answer");
		expect_values(q, session_reported(s, q), w, "what was reported");
		cr_expect_null(session_reported_by(s, q), "the patient's own answers");
		cr_expect_not(session_review_changed(s, q), "nothing changed yet");
		free(w);
	}
	cr_expect_eq(session_answer(s, Q_AGE)->num, 34);
	m = &session_answers(s)->meta;
	cr_expect_str_eq(m->record_id, "20261207-110443-8e9aecb9");
	cr_expect_str_eq(m->created_at, "2026-12-07T11:04:43+00:00");
	cr_expect_str_eq(m->mode, "home", "taken at home, not in the clinic reviewing it");
	cr_expect_null(m->consultant, "the record does not get the reviewer as its consultant");
	/* A review keeps no draft and saves nowhere but over the file. */
	cr_expect_null(session_draft_path(s));
	type(s, Q_AGE, "35");
	cr_expect_eq(test_count_entries(draft), 0, "no draft written after a change");
	cr_expect_null(session_reviewer(s), "no name given");
	cr_expect_null(session_review_decision(s));
	cr_expect_eq(session_review_unexplained(s), Q_AGE);
	session_finish(s, false);
	cr_expect_str_eq(session_answers_path(s), path, "not in the save folder");
	cr_expect_not(exists(save));
	answers_free(want);
	session_free(s);
	free(path);
	free(draft);
	free(save);
}

Test(session_review, the_session_s_consultant_is_the_reviewer)
{
	char *path = in_dir("p-answers.cfg");
	struct session *s;
	static const char took[] =
	    QN "record = { id = \"20261207-110443-8e9aecb9\"; mode = \"clinic\"; "
	       "consultant = \"Cleo Took\"; };\n" ANSWERS;

	write_answers(path, took);
	s = reviewing(path, "Dr Ana Ruiz");
	cr_expect_str_eq(session_reviewer(s), "Dr Ana Ruiz");
	cr_expect_str_eq(session_answers(s)->meta.consultant, "Cleo Took",
	    "the record keeps who took the consultation");
	session_free(s);
	free(path);
}

Test(session_review, a_bad_file_does_not_open)
{
	static const struct {
		const char *name, *text, *line, *word1, *word2;
	} bad[] = {
		{ "syntax.cfg", QN RECORD "answers = { age = = 34; };\n", ":3: error:", "syntax",
		    NULL },
		{ "option.cfg", QN RECORD "answers = {\n  age = 34;\n  goal = \"bald_look\";\n};\n",
		    ":5: error:", "goal", "bald_look" },
		{ "mode.cfg", QN "record = {\n  mode = \"garden\";\n};\n" ANSWERS,
		    ":3: error:", "mode", "garden" },
	};
	struct diag_list dl = { 0 };
	struct session *s;
	char *path, *prefix;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		path = in_dir(bad[i].name);
		write_answers(path, bad[i].text);
		s = new_session("Dr Ana Ruiz", NULL, NULL);
		cr_expect_eq(session_open_review(s, path, &dl), -1, "%s opens", bad[i].name);
		cr_expect_gt(diag_errors(&dl), 0, "%s: says why", bad[i].name);
		prefix = xasprintf("%s%s", path, bad[i].line);
		test_expect_diag(&dl, prefix, bad[i].word1, bad[i].word2, NULL);
		cr_expect_not(session_reviewing(s), "%s: not reviewing", bad[i].name);
		cr_expect_null(session_review_file(s));
		cr_expect_null(session_reviewer(s));
		cr_expect_eq(session_answer(s, Q_AGE)->kind, ANSWER_ABSENT, "no answer taken");
		session_free(s);
		diag_clear(&dl);
		free(prefix);
		free(path);
	}
}

Test(session_review, a_missing_file_does_not_open)
{
	char *path = in_dir("gone-answers.cfg"), *prefix = xasprintf("%s: error:", path);
	struct session *s = new_session("Dr Ana Ruiz", NULL, NULL);
	struct diag_list dl = { 0 };

	cr_expect_eq(session_open_review(s, path, &dl), -1);
	test_expect_diag(&dl, prefix, "cannot read", NULL);
	cr_expect_not(session_reviewing(s));
	session_free(s);
	diag_clear(&dl);
	free(prefix);
	free(path);
}

/* "s unchanged": a second file that does not open leaves the first one's review as it was. */
Test(session_review, a_failed_open_keeps_the_review_under_way)
{
	char *good = in_dir("p-answers.cfg"), *broken = in_dir("broken.cfg");
	struct diag_list dl = { 0 };
	struct session *s;

	write_answers(good, home);
	write_answers(broken, "answers = {\n");
	s = reviewing(good, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "checked in person");
	cr_expect_eq(session_open_review(s, broken, &dl), -1);
	cr_expect(session_reviewing(s));
	cr_expect_str_eq(session_review_file(s), good);
	cr_expect_eq(session_answer(s, Q_AGE)->num, 35);
	cr_expect_str_eq(session_review_reason(s, Q_AGE), "checked in person");
	session_free(s);
	diag_clear(&dl);
	free(good);
	free(broken);
}

/* --- the reviewer ------------------------------------------------------------------------ */

Test(session_review, reviewer_names)
{
	char *path = in_dir("p-answers.cfg");
	char long_name[202], max_name[201];
	struct session *s;

	write_answers(path, home);
	s = reviewing(path, NULL);
	memset(long_name, 'a', 201);
	long_name[201] = '\0';
	memset(max_name, 'b', 200);
	max_name[200] = '\0';
	cr_expect_not_null(session_set_reviewer(s, NULL));
	cr_expect_not_null(session_set_reviewer(s, ""));
	cr_expect_not_null(session_set_reviewer(s, "   "), "blank");
	cr_expect_not_null(session_set_reviewer(s, long_name), "201 bytes");
	cr_expect_not_null(session_set_reviewer(s, "Ana\nRuiz"), "two lines");
	cr_expect_null(session_reviewer(s), "nothing refused was taken");
	cr_expect_null(session_set_reviewer(s, "Dr Ana Ruiz"));
	cr_expect_str_eq(session_reviewer(s), "Dr Ana Ruiz");
	cr_expect_not_null(session_set_reviewer(s, "Bad\tname"));
	cr_expect_str_eq(session_reviewer(s), "Dr Ana Ruiz", "a refused name keeps the one before");
	cr_expect_null(session_set_reviewer(s, max_name), "200 bytes is the most");
	cr_expect_str_eq(session_reviewer(s), max_name);
	session_free(s);
	free(path);
}

/* --- changes ----------------------------------------------------------------------------- */

Test(session_review, a_change_is_another_answer_than_the_file_s)
{
	char *path = in_dir("p-answers.cfg");
	struct session *s;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_GOAL, "buzz_look"); /* confirmed as it was */
	cr_expect_not(session_review_changed(s, Q_GOAL));
	type(s, Q_AGE, "35");
	cr_expect(session_review_changed(s, Q_AGE));
	cr_expect_eq(session_reported(s, Q_AGE)->num, 34, "what was reported stays aside");
	cr_expect_eq(session_answer(s, Q_AGE)->num, 35);
	cr_expect_null(session_reported_by(s, Q_AGE), "the patient's");
	type(s, Q_AGE, "34");
	cr_expect_not(session_review_changed(s, Q_AGE), "back as it was: no change");
	cr_expect_eq(session_review_unexplained(s), NQ);
	/* The first answer to a question the patient was never asked is no correction. */
	cr_assert_eq(session_reported(s, Q_UNWELL)->kind, ANSWER_ABSENT);
	type(s, Q_UNWELL, "yes");
	cr_expect_not(session_review_changed(s, Q_UNWELL));
	type(s, Q_NOTES, "came with a friend");
	cr_expect_not(session_review_changed(s, Q_NOTES));
	cr_expect_eq(session_review_unexplained(s), NQ, "nothing to explain");
	cr_expect_not(session_review_changed(s, Q_PRICE), "information is never changed");
	session_free(s);
	free(path);
}

Test(session_review, changing_a_consultant_answer_the_file_had_is_a_change)
{
	static const char clinic[] = QN RECORD
	    "answers = { age = 34; pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ "
	    "\"pattern\" ]; norwood = \"v\"; scar_types = [ \"none\" ]; heart_conditions = [ "
	    "\"none\" ]; unwell_today = \"no\"; };\n";
	char *path = in_dir("p-answers.cfg");
	struct session *s;

	write_answers(path, clinic);
	s = reviewing(path, "Dr Ana Ruiz");
	cr_expect_not(session_review_changed(s, Q_UNWELL));
	type(s, Q_UNWELL, "yes");
	cr_expect(session_review_changed(s, Q_UNWELL));
	cr_expect_eq(session_review_unexplained(s), Q_UNWELL);
	cr_expect_eq(session_skip(s, Q_UNWELL), ANSWER_OK);
	cr_expect(session_review_changed(s, Q_UNWELL), "taking the answer away changes it too");
	session_free(s);
	free(path);
}

Test(session_review, reasons)
{
	char *path = in_dir("p-answers.cfg");
	char long_reason[502], max_reason[501];
	struct session *s;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	/* 501 and 500 bytes of three words, neither ending in a space */
	memset(long_reason, 'a', 501);
	long_reason[10] = long_reason[20] = ' ';
	long_reason[501] = '\0';
	memcpy(max_reason, long_reason, 500);
	max_reason[500] = '\0';
	type(s, Q_AGE, "35");
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, NULL));
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, ""));
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, "   "));
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, "ok"));
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, "two words"));
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, "checked in\nperson"));
	cr_expect_not_null(session_set_review_reason(s, Q_AGE, long_reason), "501 bytes");
	cr_expect_null(session_review_reason(s, Q_AGE), "nothing refused was kept");
	cr_expect_eq(session_review_unexplained(s), Q_AGE);
	cr_expect_null(session_set_review_reason(s, Q_AGE, max_reason), "500 bytes is the most");
	cr_expect_null(session_set_review_reason(s, Q_AGE, "checked in person"));
	cr_expect_str_eq(session_review_reason(s, Q_AGE), "checked in person");
	cr_expect_eq(session_review_unexplained(s), NQ, "every change explained");
	/* The first change without a reason, in questionnaire order. */
	type(s, Q_HEART, "heart_condition");
	type(s, Q_GOAL, "scar_only");
	cr_expect_eq(session_review_unexplained(s), Q_GOAL);
	because(s, Q_GOAL, "said so at the desk");
	cr_expect_eq(session_review_unexplained(s), Q_HEART);
	because(s, Q_HEART, "letter from the cardiologist");
	cr_expect_eq(session_review_unexplained(s), NQ);
	session_free(s);
	free(path);
}

/* --- saving refused ---------------------------------------------------------------------- */

Test(session_review, save_refused_while_a_change_has_no_reason)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt");
	struct session *s;
	char *cause = NULL, *text;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "checked in person");
	type(s, Q_GOAL, "scar_only");
	session_finish(s, false);
	cr_expect_eq(session_save(s, &cause), -1);
	cr_assert_not_null(cause);
	cr_expect_not_null(strstr(cause, "goal"), "names the question: %s", cause);
	cr_expect_not_null(strstr(cause, "reason"), "%s", cause);
	free(cause);
	cr_expect_not(session_saved(s));
	text = test_read_file(path);
	cr_expect_str_eq(text, home, "the file is as it was");
	free(text);
	cr_expect_not(exists(report));
	/* Once explained it saves. */
	because(s, Q_GOAL, "said so at the desk");
	finish_and_save(s);
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, save_refused_while_the_reviewer_is_unknown)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt");
	struct session *s;
	char *cause = NULL, *text;

	write_answers(path, home);
	s = reviewing(path, NULL);
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "checked in person");
	session_finish(s, false);
	cr_expect_eq(session_save(s, &cause), -1);
	cr_assert_not_null(cause);
	cr_expect_not_null(strstr(cause, "name"), "%s", cause);
	free(cause);
	text = test_read_file(path);
	cr_expect_str_eq(text, home, "the file is as it was");
	free(text);
	cr_expect_not(exists(report));
	cr_expect_null(session_set_reviewer(s, "Dr Ana Ruiz"));
	cr_expect_not(session_finished(s), "a new name is a new review to finish");
	finish_and_save(s);
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, save_refused_before_finishing)
{
	char *path = in_dir("p-answers.cfg");
	struct session *s;
	char *cause = NULL, *text;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "checked in person");
	cr_expect_eq(session_save(s, &cause), -1);
	cr_assert_not_null(cause);
	free(cause);
	text = test_read_file(path);
	cr_expect_str_eq(text, home);
	free(text);
	session_free(s);
	free(path);
}

/* --- a whole review ---------------------------------------------------------------------- */

Test(session_review, a_full_review_is_saved_in_place_with_its_report_beside)
{
	char *path = in_dir("smpscreen-2026-12-07-110443-answers.cfg");
	char *report = in_dir("smpscreen-2026-12-07-110443-report.txt");
	const struct review_decision *d;
	const struct review *rv;
	struct answers *back;
	struct session *s;
	char *text, *f;

	write_answers(path, home);
	umask(022);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "Checked the ID card");
	type(s, Q_HEART, "heart_condition");
	because(s, Q_HEART, "Told me about a pacemaker");
	cr_expect_null(session_review_decide(s, LEVEL_DEFER, "Wants to wait until spring"));
	d = session_review_decision(s);
	cr_assert_not_null(d);
	cr_expect_eq(d->level, LEVEL_DEFER);
	finish_and_save(s);
	cr_expect_str_eq(session_answers_path(s), path, "saved over the file opened");
	cr_expect_str_eq(session_report_path(s), report, "X-answers.cfg has X-report.txt");
	cr_expect_eq(test_mode_of(path), 0600);
	cr_expect_eq(test_mode_of(report), 0600);
	cr_expect_eq(test_count_entries(dir), 2, "the two files, no temporary one");

	back = load(path);
	cr_expect_eq(back->eff[Q_AGE].num, 35, "the answers hold the reviewed values");
	expect_values(Q_HEART, &back->eff[Q_HEART], "heart_condition", "the saved answer");
	expect_values(Q_GOAL, &back->eff[Q_GOAL], "buzz_look", "the saved answer");
	rv = back->review;
	cr_assert_not_null(rv, "the review is in the file");
	cr_expect_str_eq(rv->by, "Dr Ana Ruiz");
	cr_assert_eq(rv->n_changes, 2);
	cr_expect_eq(rv->changes[0].question, Q_AGE);
	cr_expect_eq(rv->changes[0].from.num, 34);
	cr_expect_eq(rv->changes[0].to.num, 35);
	cr_expect_str_eq(rv->changes[0].reason, "Checked the ID card");
	cr_expect_null(rv->changes[0].by, "this review's own change");
	cr_expect_eq(rv->changes[1].question, Q_HEART);
	expect_values(Q_HEART, &rv->changes[1].from, "none", "the change's from");
	expect_values(Q_HEART, &rv->changes[1].to, "heart_condition", "the change's to");
	cr_expect_str_eq(rv->changes[1].reason, "Told me about a pacemaker");
	cr_expect(rv->decision.set);
	cr_expect_eq(rv->decision.level, LEVEL_DEFER);
	cr_expect_str_eq(rv->decision.reason, "Wants to wait until spring");
	cr_expect_null(rv->decision.by);
	cr_expect_str_eq(back->meta.record_id, "20261207-110443-8e9aecb9", "the same record");
	cr_expect_str_eq(back->meta.created_at, "2026-12-07T11:04:43+00:00");
	cr_expect_str_eq(back->meta.mode, "home");
	cr_expect_str_eq(back->meta.questionnaire_sha256, ct.qn->sha256, "screened under these");
	cr_expect_str_eq(back->meta.rules_sha256, ct.rs->sha256);
	cr_expect_eq(back->meta.questionnaire_version, ct.qn->version);
	cr_expect_eq(back->meta.rules_version, ct.rs->version);

	text = test_read_file(report);
	cr_expect_str_eq(text, session_report(s), "the report saved is the session's");
	f = flat(text);
	expect_phrase(f, "Consultant's review");
	expect_phrase(f, "Reviewed by Dr Ana Ruiz");
	expect_phrase(f, "The patient said: 34 years");
	expect_phrase(f, "The consultant recorded: 35 years");
	expect_phrase(f, "Checked the ID card");
	expect_phrase(f, "Told me about a pacemaker");
	expect_phrase(f, "Computed result:");
	expect_phrase(f, "Consultant's decision:");
	expect_phrase(f, "Wants to wait until spring");
	free(f);
	free(text);
	answers_free(back);
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, confirming_every_answer_is_a_review_too)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt");
	struct answers *back;
	struct session *s;
	char *text, *f;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	finish_and_save(s);
	back = load(path);
	cr_assert_not_null(back->review);
	cr_expect_str_eq(back->review->by, "Dr Ana Ruiz");
	cr_expect_eq(back->review->n_changes, 0);
	cr_expect_not(back->review->decision.set);
	text = test_read_file(report);
	f = flat(text);
	expect_phrase(f, "Every answer confirmed as the patient gave it.");
	free(f);
	free(text);
	answers_free(back);
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, screening_the_reviewed_file_gives_the_session_s_outcome)
{
	char *path = in_dir("p-answers.cfg");
	struct outcome *want;
	struct answers *back;
	struct session *s;
	char *x, *y;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	/* Changes that move the result: under age, and a scar that is still settling, whose
	 * age the patient was never asked. */
	type(s, Q_AGE, "17");
	because(s, Q_AGE, "Checked the ID card");
	type(s, Q_SCARS, "injury");
	because(s, Q_SCARS, "Saw the scar myself");
	cr_expect(session_asked(s, Q_SCAR_AGE), "the scar's age is asked now");
	type(s, Q_SCAR_AGE, "13");
	cr_expect(session_review_changed(s, Q_SCAR_AGE), "a patient's question, unanswered before");
	because(s, Q_SCAR_AGE, "The hospital letter dates it");
	cr_assert(session_complete(s));
	cr_expect_null(session_review_decide(s, LEVEL_UNSUITABLE, "Not in a position to decide"));
	finish_and_save(s);
	cr_expect_eq(session_outcome(s)->suitability, LEVEL_DEFER, "the computed result");
	cr_expect_eq(session_outcome(s)->patch, PATCH_RECOMMENDED);
	back = load(path);
	want = outcome_compute(ct.rs, back, &ct.st, today);
	x = summary(session_outcome(s));
	y = summary(want);
	cr_expect_str_eq(x, y, "`screen` of the file computes what the session showed");
	cr_expect_eq(want->suitability, session_outcome(s)->suitability,
	    "the decision does not replace the computed result");
	cr_expect_eq(want->patch, session_outcome(s)->patch);
	free(x);
	free(y);
	outcome_free(want);
	answers_free(back);
	session_free(s);
	free(path);
}

Test(session_review, a_file_changed_by_someone_else_is_not_overwritten)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt"), *theirs;
	struct session *s;
	char *cause = NULL, *text;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "Checked the ID card");
	session_finish(s, false);
	append_to(path, "# looked at by another consultant\n");
	theirs = test_read_file(path);
	cr_expect_eq(session_save(s, &cause), -1);
	cr_assert_not_null(cause);
	cr_expect_not_null(strstr(cause, "changed"), "%s", cause);
	free(cause);
	cr_expect_not(session_saved(s));
	text = test_read_file(path);
	cr_expect_str_eq(text, theirs, "the other writer's bytes stay");
	free(text);
	cr_expect_not(exists(report), "no report of answers that were not saved");
	free(theirs);
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, a_file_removed_meanwhile_is_not_written_again)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt");
	struct session *s;
	char *cause = NULL;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	session_finish(s, false);
	cr_assert_eq(unlink(path), 0);
	cr_expect_eq(session_save(s, &cause), -1);
	cr_assert_not_null(cause);
	free(cause);
	cr_expect_not(exists(path));
	cr_expect_not(exists(report));
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, saving_again_after_a_change_is_not_someone_else_s_change)
{
	char *path = in_dir("p-answers.cfg");
	struct answers *back;
	struct session *s;
	char *cause = NULL, *text, *theirs;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "Checked the ID card");
	finish_and_save(s);
	type(s, Q_GOAL, "scar_only");
	cr_expect_not(session_saved(s), "a change after saving is not saved yet");
	because(s, Q_GOAL, "Said so at the desk");
	session_finish(s, false);
	cr_expect_eq(session_save(s, &cause), 0, "%s", cause);
	back = load(path);
	cr_assert_not_null(back->review);
	cr_assert_eq(back->review->n_changes, 2, "both changes, each once");
	cr_expect_eq(back->review->changes[0].question, Q_AGE);
	cr_expect_eq(back->review->changes[0].from.num, 34, "from what the patient said");
	cr_expect_eq(back->review->changes[1].question, Q_GOAL);
	expect_values(Q_GOAL, &back->eff[Q_GOAL], "scar_only", "the saved answer");
	answers_free(back);
	/* And a third writer after that is someone else again. */
	type(s, Q_PREG, "pregnant");
	because(s, Q_PREG, "Told me in person");
	session_finish(s, false);
	append_to(path, "# edited\n");
	theirs = test_read_file(path);
	cr_expect_eq(session_save(s, &cause), -1);
	free(cause);
	text = test_read_file(path);
	cr_expect_str_eq(text, theirs);
	free(text);
	free(theirs);
	session_free(s);
	free(path);
}

/* When only the report cannot be written, the file holds this review already: the next
 * save must not take that for someone else's change. */
Test(session_review, a_failed_report_write_can_be_retried)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt");
	struct session *s;
	char *cause = NULL;

	write_answers(path, home);
	cr_assert_eq(mkdir(report, 0700), 0, "something in the report's place");
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "Checked the ID card");
	session_finish(s, false);
	cr_expect_eq(session_save(s, &cause), -1);
	free(cause);
	cause = NULL;
	cr_expect_not(session_saved(s));
	cr_assert_eq(rmdir(report), 0);
	cr_expect_eq(session_save(s, &cause), 0, "%s", cause);
	free(cause);
	cr_expect(exists(report));
	session_free(s);
	free(path);
	free(report);
}

/* --- a second review --------------------------------------------------------------------- */

Test(session_review, a_second_review_keeps_the_first_one_s_changes_and_names)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt");
	const struct review_change *c;
	struct answers *back;
	struct session *s;
	char *text, *f;

	write_answers(path, reviewed);
	s = reviewing(path, "Ben Ode");
	cr_expect_eq(session_reported(s, Q_AGE)->num, 34, "what the first review recorded");
	cr_expect_str_eq(session_reported_by(s, Q_AGE), "Ana Ruiz");
	cr_expect_null(session_reported_by(s, Q_GOAL), "the patient's");
	type(s, Q_AGE, "35");
	cr_expect(session_review_changed(s, Q_AGE));
	because(s, Q_AGE, "Birth certificate says so");
	finish_and_save(s);
	back = load(path);
	cr_assert_not_null(back->review);
	cr_expect_str_eq(back->review->by, "Ben Ode");
	cr_assert_eq(back->review->n_changes, 2);
	c = &back->review->changes[0];
	cr_expect_eq(c->question, Q_AGE, "the earlier change first, as history");
	cr_expect_eq(c->from.num, 33);
	cr_expect_eq(c->to.num, 34);
	cr_expect_str_eq(c->reason, "Checked the ID card in person");
	cr_expect_str_eq(c->at, "2026-12-08T09:01:00+00:00");
	cr_assert_not_null(c->by);
	cr_expect_str_eq(c->by, "Ana Ruiz", "kept under its consultant's name");
	c = &back->review->changes[1];
	cr_expect_eq(c->question, Q_AGE);
	cr_expect_eq(c->from.num, 34, "from the reviewed value");
	cr_expect_eq(c->to.num, 35);
	cr_expect_null(c->by, "this review's own");
	cr_expect_eq(back->eff[Q_AGE].num, 35);
	/* The earlier decision stands, under its consultant's name. */
	cr_expect(back->review->decision.set);
	cr_expect_eq(back->review->decision.level, LEVEL_DEFER);
	cr_expect_str_eq(back->review->decision.reason, "Wants to wait until after summer");
	cr_assert_not_null(back->review->decision.by);
	cr_expect_str_eq(back->review->decision.by, "Ana Ruiz");
	text = test_read_file(report);
	f = flat(text);
	expect_phrase(f, "The patient said: 33 years");
	expect_phrase(f, "Recorded before: 34 years");
	expect_phrase(f, "The consultant recorded: 35 years");
	free(f);
	free(text);
	answers_free(back);
	session_free(s);
	free(path);
	free(report);
}

Test(session_review, an_earlier_decision_stands_unless_a_new_one_is_made)
{
	char *path = in_dir("p-answers.cfg");
	const struct review_decision *d;
	struct answers *back;
	struct session *s;

	write_answers(path, reviewed);
	s = reviewing(path, "Ben Ode");
	d = session_review_decision(s);
	cr_assert_not_null(d, "the first review's decision");
	cr_expect_eq(d->level, LEVEL_DEFER);
	cr_expect_str_eq(d->reason, "Wants to wait until after summer");
	cr_expect_null(session_review_decide(s, LEVEL_REFER, "Needs the GP's view first"));
	d = session_review_decision(s);
	cr_assert_not_null(d);
	cr_expect_eq(d->level, LEVEL_REFER, "this review's own");
	cr_expect_str_eq(d->reason, "Needs the GP's view first");
	cr_expect_null(session_review_decide(s, -1, NULL));
	d = session_review_decision(s);
	cr_assert_not_null(d, "removing this review's decision leaves the earlier one");
	cr_expect_eq(d->level, LEVEL_DEFER);
	/* Decided again and saved: the new decision, by this review's consultant. */
	cr_expect_null(session_review_decide(s, LEVEL_SUITABLE, "Seen in person and fine"));
	finish_and_save(s);
	back = load(path);
	cr_assert_not_null(back->review);
	cr_expect_eq(back->review->decision.level, LEVEL_SUITABLE);
	cr_expect_str_eq(back->review->decision.reason, "Seen in person and fine");
	cr_expect_null(back->review->decision.by);
	answers_free(back);
	session_free(s);
	free(path);
}

Test(session_review, decide_checks_the_level_and_the_reason)
{
	char *path = in_dir("p-answers.cfg");
	const struct review_decision *d;
	struct session *s;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	cr_expect_not_null(session_review_decide(s, 7, "Seen in person and fine"));
	cr_expect_not_null(
	    session_review_decide(s, LEVEL_UNSUITABLE + 1, "Seen in person and fine"));
	cr_expect_not_null(session_review_decide(s, -2, "Seen in person and fine"));
	cr_expect_not_null(session_review_decide(s, LEVEL_DEFER, "too short"));
	cr_expect_not_null(session_review_decide(s, LEVEL_DEFER, NULL));
	cr_expect_not_null(session_review_decide(s, LEVEL_DEFER, "a\nb c d"));
	cr_expect_null(session_review_decision(s), "nothing refused was taken");
	cr_expect_null(session_review_decide(s, LEVEL_UNSUITABLE, "Keloid scars on the crown"));
	d = session_review_decision(s);
	cr_assert_not_null(d);
	cr_expect(d->set);
	cr_expect_eq(d->level, LEVEL_UNSUITABLE);
	cr_expect_str_eq(d->reason, "Keloid scars on the crown");
	cr_expect_not_null(session_review_decide(s, LEVEL_SUITABLE, "ok"));
	cr_expect_eq(session_review_decision(s)->level, LEVEL_UNSUITABLE, "a refusal keeps it");
	cr_expect_null(session_review_decide(s, -1, NULL));
	cr_expect_null(session_review_decision(s));
	session_free(s);
	free(path);
}

/* --- files ------------------------------------------------------------------------------- */

Test(session_review, a_file_without_a_record_id_gets_one)
{
	char *path = in_dir("p-answers.cfg");
	struct answers *back;
	struct session *s;
	char id[32], *cause = NULL;

	write_answers(path, QN ANSWERS);
	s = reviewing(path, "Dr Ana Ruiz");
	cr_expect_null(session_answers(s)->meta.record_id);
	session_finish(s, false);
	cr_assert_not_null(session_answers(s)->meta.record_id);
	cr_expect(looks_like_record_id(session_answers(s)->meta.record_id), "%s",
	    session_answers(s)->meta.record_id);
	snprintf(id, sizeof id, "%s", session_answers(s)->meta.record_id);
	/* Finishing again (after a change) keeps the id it was given. */
	type(s, Q_UNWELL, "no");
	session_finish(s, false);
	cr_expect_str_eq(session_answers(s)->meta.record_id, id);
	cr_assert_eq(session_save(s, &cause), 0, "%s", cause);
	back = load(path);
	cr_assert_not_null(back->meta.record_id);
	cr_expect_str_eq(back->meta.record_id, id, "the saved file keeps it");
	answers_free(back);
	session_free(s);
	free(path);
}

Test(session_review, reports_beside_other_names)
{
	static const struct {
		const char *name, *report;
	} names[] = {
		{ "x.cfg", "x-report.txt" },
		{ "x-answers.cfg", "x-report.txt" },
		{ "answers.cfg", "answers-report.txt" },
		{ "x.answers", "x.answers-report.txt" },
	};
	struct session *s;
	char *path, *report;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		path = in_dir(names[i].name);
		report = in_dir(names[i].report);
		write_answers(path, home);
		s = reviewing(path, "Dr Ana Ruiz");
		finish_and_save(s);
		cr_expect_str_eq(session_report_path(s), report, "%s", names[i].name);
		cr_expect(exists(report), "%s", report);
		session_free(s);
		cr_assert_eq(unlink(path), 0);
		cr_assert_eq(unlink(report), 0);
		free(path);
		free(report);
	}
}

Test(session_review, free_at_every_stage)
{
	char *path = in_dir("p-answers.cfg");
	struct diag_list dl = { 0 };
	struct session *s;
	char *cause = NULL;

	write_answers(path, reviewed);
	/* LeakSanitizer checks that every stage's memory is let go */
	session_free(reviewing(path, NULL));
	s = reviewing(path, "Ben Ode");
	type(s, Q_AGE, "35");
	because(s, Q_AGE, "Birth certificate says so");
	because(s, Q_AGE, "Birth certificate says so again");
	cr_expect_null(session_review_decide(s, LEVEL_REFER, "Needs the GP's view first"));
	cr_expect_null(session_review_decide(s, LEVEL_DEFER, "Wants to wait a little"));
	cr_expect_null(session_set_reviewer(s, "Ben Ode Jr"));
	session_free(s);
	s = reviewing(path, "Ben Ode");
	type(s, Q_AGE, "35");
	session_finish(s, false); /* no reason: no review built */
	cr_expect_eq(session_save(s, &cause), -1);
	free(cause);
	cause = NULL;
	because(s, Q_AGE, "Birth certificate says so");
	cr_expect_null(session_review_decide(s, LEVEL_REFER, "Needs the GP's view first"));
	session_outcome(s);
	finish_and_save(s);
	session_free(s);
	/* A session reopened on another file lets the first review go. */
	s = reviewing(path, "Ben Ode");
	type(s, Q_GOAL, "scar_only");
	because(s, Q_GOAL, "Said so at the desk");
	cr_assert_eq(session_open_review(s, path, &dl), 0);
	cr_expect_null(session_review_reason(s, Q_GOAL), "a new review");
	cr_expect_not(session_review_changed(s, Q_GOAL));
	session_free(s);
	free(path);
}

/* --- answers put aside by another change --------------------------------------------------- */

/* Scars instead of pattern loss: the Norwood question is no longer asked. The patient's
 * answer to it is kept in the record as a change (what they said stays on file), with a
 * reason the program gives, and the consultant is asked only why the loss reasons changed. */
Test(session_review, an_answer_put_aside_is_recorded_without_a_second_reason)
{
	char *path = in_dir("p-answers.cfg");
	const struct review_change *c;
	struct answers *back;
	struct session *s;
	size_t i;

	write_answers(path, home);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_LOSS, "2");
	cr_expect_not(session_asked(s, Q_NORWOOD));
	cr_expect(session_review_changed(s, Q_NORWOOD), "the patient's answer is no longer used");
	cr_expect_eq(session_review_unexplained(s), Q_LOSS, "only the change made asks why");
	because(s, Q_LOSS, "The loss is from a scar");
	type(s, Q_SCARS, "2");
	type(s, Q_SCAR_AGE, "30");
	because(s, Q_SCARS, "Seen the scar in person");
	because(s, Q_SCAR_AGE, "Asked when it was made");
	cr_expect_eq(session_review_unexplained(s), NQ, "nothing left to explain");
	finish_and_save(s);
	session_free(s);
	back = load(path);
	cr_assert_not_null(back->review);
	for (c = NULL, i = 0; i < back->review->n_changes; i++)
		if (back->review->changes[i].question == Q_NORWOOD)
			c = &back->review->changes[i];
	cr_assert_not_null(c, "the answer put aside is a change of the record");
	expect_values(Q_NORWOOD, &c->from, "v", "from");
	cr_expect_eq(c->to.kind, ANSWER_ABSENT);
	cr_expect_str_eq(c->reason, "no longer asked after another answer changed");
	answers_free(back);
	free(path);
}

/* A review never saves answers its own reader would refuse: a change that makes a required
 * question appear waits for its answer. */
Test(session_review, save_refused_while_a_required_answer_is_missing)
{
	char *path = in_dir("p-answers.cfg"), *report = in_dir("p-report.txt"), *before, *after,
	     *cause = NULL;
	struct session *s;

	write_answers(path, home);
	before = test_read_file(path);
	s = reviewing(path, "Dr Ana Ruiz");
	type(s, Q_SCARS, "2");
	because(s, Q_SCARS, "Seen the scar in person");
	cr_expect(session_asked(s, Q_SCAR_AGE));
	session_finish(s, false);
	cr_expect_eq(session_save(s, &cause), -1);
	cr_assert_not_null(cause);
	cr_expect(strstr(cause, "scar_age_months") != NULL, "names the question: %s", cause);
	free(cause);
	after = test_read_file(path);
	cr_expect_str_eq(after, before, "the good file stays");
	cr_expect_not(exists(report), "no report");
	free(report);
	free(before);
	free(after);
	session_free(s);
	free(path);
}

/* --- answers the file never used, earlier decisions, marks, what a save may replace ------- */

/* Scars as the only reason, and a Norwood answer: the file's own answers do not show the
 * question. The answer is the patient's all the same: put aside, warned about, and kept in
 * the record with the program's reason. */
Test(session_review, an_answer_the_file_never_used_is_put_aside_and_kept)
{
	static const char text[] =
	    QN RECORD "answers = { age = 34; pregnancy = \"no\"; goal = \"buzz_look\"; "
	              "loss_reasons = [ \"scars\" ]; norwood = \"v\"; scar_types = [ \"none\" ]; "
	              "heart_conditions = [ \"none\" ]; };\n";
	char *path = in_dir("p-answers.cfg"), *msgs;
	struct review_item items[NQ + 1];
	const struct review_change *c;
	struct diag_list dl = { 0 };
	struct answers *back;
	struct session *s;
	size_t i, n;
	bool listed = false;

	write_answers(path, text);
	s = new_session("Dr Ana Ruiz", NULL, NULL);
	cr_assert_eq(session_open_review(s, path, &dl), 0);
	msgs = test_diag_text(&dl);
	cr_expect(strstr(msgs, "warning: answer to 'norwood' ignored") != NULL, "%s", msgs);
	free(msgs);
	diag_clear(&dl);
	expect_values(Q_NORWOOD, session_reported(s, Q_NORWOOD), "v", "reported");
	cr_expect_eq(session_reported_source(s, Q_NORWOOD), REPORTED_PATIENT);
	n = session_review(s, items);
	for (i = 0; i < n; i++)
		if (items[i].q == Q_NORWOOD && items[i].state == REVIEW_DROPPED)
			listed = true;
	cr_expect(listed, "listed as put aside");
	cr_expect_eq(session_review_unexplained(s), NQ, "nothing for the consultant to explain");
	/* Shown again by a change, it comes back with the patient's answer. */
	type(s, Q_LOSS, "1");
	expect_values(Q_NORWOOD, session_answer(s, Q_NORWOOD), "v", "restored");
	cr_expect_not(session_review_changed(s, Q_NORWOOD), "the patient's answer, now used");
	type(s, Q_LOSS, "2");
	finish_and_save(s);
	session_free(s);
	back = load(path);
	cr_assert_not_null(back->review);
	cr_assert_eq(back->review->n_changes, 1, "only the answer put aside");
	c = &back->review->changes[0];
	cr_expect_eq(c->question, Q_NORWOOD);
	expect_values(Q_NORWOOD, &c->from, "v", "from");
	cr_expect_eq(c->to.kind, ANSWER_ABSENT);
	cr_expect_str_eq(c->reason, "not used: its question is not shown for the other answers");
	answers_free(back);
	free(path);
}

/* An earlier consultant's decision stands under their name until this review makes its
 * own; removing this review's own brings the earlier one back, never erases it. */
Test(session_review, an_earlier_decision_keeps_its_consultant)
{
	char *path = in_dir("p-answers.cfg");
	struct session *s;

	write_answers(path, reviewed);
	s = reviewing(path, "Ben Ode");
	cr_assert_not_null(session_review_earlier_decision(s));
	cr_expect_not(session_review_decided(s));
	cr_expect_str_eq(session_review_decision_by(s), "Ana Ruiz");
	cr_expect_null(session_review_decide(s, LEVEL_CAVEATS, "Seen in person, can go ahead"));
	cr_expect(session_review_decided(s));
	cr_expect_str_eq(session_review_decision_by(s), "Ben Ode");
	cr_expect_eq(session_review_decision(s)->level, LEVEL_CAVEATS);
	cr_expect_null(session_review_decide(s, -1, NULL));
	cr_expect_not(session_review_decided(s));
	cr_expect_eq(session_review_decision(s)->level, LEVEL_DEFER, "the earlier one again");
	cr_expect_str_eq(session_review_decision_by(s), "Ana Ruiz");
	session_free(s);
	free(path);
}

/* Who each answer is from, and the mark the review list puts after it. */
Test(session_review, sources_and_marks)
{
	static const char text[] = QN RECORD
	    "answers = { age = 34; pregnancy = \"no\"; goal = \"buzz_look\"; loss_reasons = [ "
	    "\"pattern\" ]; norwood = \"v\"; scar_types = [ \"none\" ]; heart_conditions = [ "
	    "\"none\" ]; unwell_today = \"no\"; };\n";
	char *path = in_dir("p-answers.cfg");
	struct session *s;

	write_answers(path, text);
	s = reviewing(path, "Ben Ode");
	cr_expect_eq(session_reported_source(s, Q_GOAL), REPORTED_PATIENT);
	cr_expect_str_eq(session_review_mark(s, Q_GOAL), "  [patient-reported]");
	cr_expect_eq(session_reported_source(s, Q_UNWELL), REPORTED_CONSULTANT,
	    "a consultant's earlier answer is not the patient's");
	cr_expect_str_eq(session_review_mark(s, Q_UNWELL), "  [recorded before]");
	cr_expect_eq(session_reported_source(s, Q_NOTES), REPORTED_NOBODY);
	cr_expect_str_eq(session_review_mark(s, Q_NOTES), "");
	type(s, Q_GOAL, "2");
	cr_expect_str_eq(session_review_mark(s, Q_GOAL), "  [changed, reason needed]");
	because(s, Q_GOAL, "Only the scar to hide");
	cr_expect_str_eq(session_review_mark(s, Q_GOAL), "  [changed]");
	session_free(s);
	write_answers(path, reviewed);
	s = reviewing(path, "Ben Ode");
	cr_expect_eq(session_reported_source(s, Q_AGE), REPORTED_REVIEW);
	cr_expect_str_eq(session_review_mark(s, Q_AGE), "  [earlier review]");
	session_free(s);
	free(path);
}

/* What a save may replace: regular files only (the report may be missing). */
Test(session_review, writable_refuses_links_and_folders)
{
	char *path = in_dir("p-answers.cfg"), *link = in_dir("l-answers.cfg"),
	     *report = in_dir("p-report.txt"), *cause = NULL;

	write_answers(path, home);
	cr_expect_eq(session_review_writable(path, NULL, &cause), 0, "%s", cause);
	cr_assert_eq(symlink("p-answers.cfg", link), 0);
	cr_expect_eq(session_review_writable(link, NULL, &cause), -1);
	cr_assert_not_null(cause);
	cr_expect(strstr(cause, "not a regular file") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(mkdir(report, 0700), 0);
	cr_expect_eq(session_review_writable(path, NULL, &cause), -1);
	cr_assert_not_null(cause);
	cr_expect(strstr(cause, "p-report.txt") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	cr_expect_eq(session_review_writable(report, NULL, &cause), -1, "a folder to review");
	free(cause);
	free(path);
	free(link);
	free(report);
}
