/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "smpscreen/content.h"
#include "smpscreen/ctext.h"
#include "smpscreen/date.h"
#include "smpscreen/rescreen.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * Rescreening on the mini questionnaire and rules (tests/data/mini-*.cfg): the old content
 * is the fixtures as they are, the new one the fixtures with a few edits (a threshold in the
 * settings, a rule's level or patch test, an option removed, a question added), and each
 * test checks the kind of change and the rules said to make the difference.
 */

#define TODAY "2027-01-31"

/* Nothing stands in the way. */
static const char base_answers[] = "questionnaire = \"mini-consultation\";\n"
                                   "answers = {\n"
                                   "  age = 34;\n"
                                   "  pregnancy = \"no\";\n"
                                   "  goal = \"buzz_look\";\n"
                                   "  loss_reasons = [ \"pattern\" ];\n"
                                   "  norwood = \"v\";\n"
                                   "  scar_types = [ \"none\" ];\n"
                                   "  heart_conditions = [ \"none\" ];\n"
                                   "};\n";

static struct date
today(void)
{
	struct date d;

	cr_assert_eq(date_parse(TODAY, &d), 0);
	return d;
}

static char *
date_str(struct date d)
{
	static char buf[11];

	date_format(d, buf);
	return buf;
}

/* text with every (from, to) pair of edits (a NULL-terminated list) applied once; each
 * from must occur in text. Caller frees. */
static char *
edited(const char *text, const char *const *edits)
{
	char *cur = xstrdup(text), *hit, *next;
	size_t at;

	for (; edits != NULL && edits[0] != NULL; edits += 2) {
		hit = strstr(cur, edits[0]);
		cr_assert_not_null(hit, "edit not found: %s", edits[0]);
		at = (size_t)(hit - cur);
		next = xasprintf("%.*s%s%s", (int)at, cur, edits[1], hit + strlen(edits[0]));
		free(cur);
		cur = next;
	}
	return cur;
}

/* The mini content with the edits applied to the questionnaire and rules, and the clinic
 * settings text (NULL: the rules' defaults); fails the test when it does not load. */
static void
mini(struct content *ct, const char *const *q_edits, const char *const *r_edits,
    const char *settings)
{
	struct diag_list dl = { 0 };
	char *qp = test_data_path("mini-questionnaire.cfg"), *rp = test_data_path("mini-rules.cfg");
	char *qt = test_read_file(qp), *rt = test_read_file(rp);
	char *q = edited(qt, q_edits), *r = edited(rt, r_edits), *msg;

	memset(ct, 0, sizeof *ct);
	if (questionnaire_load_string(&ct->qn, q, "q.cfg", &dl) != 0 ||
	    rules_load_string(&ct->rs, r, "r.cfg", ct->qn, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("the edited mini content does not load:\n%s", msg);
	}
	settings_init(&ct->st, &ct->rs->settings);
	ct->st_ready = true;
	ct->tx = ctext_english(ct->qn, ct->rs);
	if (settings != NULL && settings_load_string(&ct->st, settings, "s.cfg", &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("the settings do not load:\n%s", msg);
	}
	diag_clear(&dl);
	free(qp);
	free(rp);
	free(qt);
	free(rt);
	free(q);
	free(r);
}

/* The base answers with edits, screened under old and new. */
static struct rescreen_change *
compare(const struct content *old, const struct content *new, const char *const *a_edits)
{
	char *text = edited(base_answers, a_edits);
	struct answers *oa = test_answers(old->qn, text), *na = NULL;
	struct diag_list dl = { 0 };
	struct rescreen_change *c;

	if (answers_load_string(&na, text, "answers.cfg", new->qn, &dl) != 0)
		na = NULL;
	c = rescreen_compare("answers.cfg", old, oa, new, na, &dl, today());
	cr_assert_not_null(c);
	cr_assert_eq(dl.n, 0, "the refusal's messages are moved into the change");
	answers_free(oa);
	answers_free(na);
	diag_clear(&dl);
	free(text);
	return c;
}

/* One content pair per test: old (the fixtures) and new. */
static struct content old_ct, new_ct;

static void
teardown(void)
{
	content_free(&old_ct);
	content_free(&new_ct);
}

TestSuite(rescreen, .fini = teardown);

Test(rescreen, null_and_names)
{
	rescreen_change_free(NULL);
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_SAME), "same");
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_STRICTER), "stricter");
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_LESS_STRICT), "less_strict");
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_PATCH_TEST), "patch_test");
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_COME_BACK), "come_back");
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_NOT_ACCEPTED), "not_accepted");
	cr_assert_str_eq(rescreen_kind_name(RESCREEN_N_KINDS), "");
}

Test(rescreen, same_content_changes_nothing)
{
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, NULL, NULL);
	c = compare(&old_ct, &new_ct, (const char *const[]){ "age = 34", "age = 17", NULL });
	cr_assert_eq(c->kind, RESCREEN_SAME);
	cr_assert_eq(c->old.suitability, LEVEL_DEFER);
	cr_assert_eq(c->new.suitability, LEVEL_DEFER);
	cr_assert_eq(c->n_fires_now + c->n_no_longer + c->n_changed, 0);
	cr_assert_eq(c->messages.n, 0);
	cr_assert_str_eq(c->source, "answers.cfg");
	rescreen_change_free(c);
}

/* A higher minimum age: a 19-year-old is now deferred, with a come-back date. */
Test(rescreen, stricter_threshold_fires_a_rule)
{
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, NULL, "settings = { min_age = 21; };");
	c = compare(&old_ct, &new_ct, (const char *const[]){ "age = 34", "age = 19", NULL });
	cr_assert_eq(c->kind, RESCREEN_STRICTER);
	cr_assert_eq(c->old.suitability, LEVEL_SUITABLE);
	cr_assert_eq(c->new.suitability, LEVEL_DEFER);
	cr_assert_not(c->old.has_come_back);
	cr_assert(c->new.has_come_back);
	cr_assert_str_eq(date_str(c->new.come_back), "2029-01-31");
	cr_assert_eq(c->n_fires_now, 1);
	cr_assert_str_eq(c->fires_now[0].id, "under-min-age");
	cr_assert_eq(c->fires_now[0].new.level, LEVEL_DEFER);
	cr_assert(c->fires_now[0].new.has_date);
	cr_assert_eq(c->n_no_longer, 0);
	cr_assert_eq(c->n_changed, 0);
	rescreen_change_free(c);
}

/* A lower minimum age: a 17-year-old is no longer deferred. */
Test(rescreen, less_strict_threshold_stops_a_rule)
{
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, NULL, "settings = { min_age = 16; };");
	c = compare(&old_ct, &new_ct, (const char *const[]){ "age = 34", "age = 17", NULL });
	cr_assert_eq(c->kind, RESCREEN_LESS_STRICT);
	cr_assert_eq(c->new.suitability, LEVEL_SUITABLE);
	cr_assert_eq(c->n_no_longer, 1);
	cr_assert_str_eq(c->no_longer[0].id, "under-min-age");
	cr_assert_eq(c->no_longer[0].old.level, LEVEL_DEFER);
	cr_assert_str_eq(date_str(c->no_longer[0].old.date), "2028-01-31");
	cr_assert_eq(c->n_fires_now + c->n_changed, 0);
	rescreen_change_free(c);
}

/* A longer wait for scars: still deferred, later. */
Test(rescreen, come_back_only_the_date_moves)
{
	static const char *const scar[] = { "scar_types = [ \"none\" ]",
		"scar_types = [ \"fut_strip\" ];\n  scar_age_months = 6", NULL };
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, NULL, "settings = { scar_maturity_months = 18; };");
	c = compare(&old_ct, &new_ct, scar);
	cr_assert_eq(c->kind, RESCREEN_COME_BACK);
	cr_assert_eq(c->old.suitability, LEVEL_DEFER);
	cr_assert_eq(c->new.suitability, LEVEL_DEFER);
	cr_assert_str_eq(date_str(c->old.come_back), "2027-07-31");
	cr_assert_str_eq(date_str(c->new.come_back), "2028-01-31");
	/* The rule fires under both; its date is what changed. */
	cr_assert_eq(c->n_changed, 1);
	cr_assert_str_eq(c->changed[0].id, "scar-immature");
	cr_assert_eq(c->changed[0].old.level, c->changed[0].new.level);
	cr_assert_eq(c->n_fires_now + c->n_no_longer, 0);
	rescreen_change_free(c);
}

/* A rule's patch test made stricter: the suitability stays, the patch test changes. */
Test(rescreen, patch_test_of_a_rule)
{
	static const char *const scar[] = { "scar_types = [ \"none\" ]",
		"scar_types = [ \"fut_strip\" ];\n  scar_age_months = 13", NULL };
	static const char *const rules[] = {
		"level = \"caveats\"; patch_test = \"recommended\"; notes = [ \"scar\"",
		"level = \"caveats\"; patch_test = \"required\"; notes = [ \"scar\"", NULL
	};
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, rules, NULL);
	c = compare(&old_ct, &new_ct, scar);
	cr_assert_eq(c->kind, RESCREEN_PATCH_TEST);
	cr_assert_eq(c->old.patch, PATCH_RECOMMENDED);
	cr_assert_eq(c->new.patch, PATCH_REQUIRED);
	cr_assert_eq(c->n_changed, 1);
	cr_assert_str_eq(c->changed[0].id, "scar-settling");
	cr_assert_eq(c->changed[0].old.patch, PATCH_RECOMMENDED);
	cr_assert_eq(c->changed[0].new.patch, PATCH_REQUIRED);
	cr_assert_eq(c->changed[0].new.level, LEVEL_CAVEATS);
	rescreen_change_free(c);
}

/* Rules are matched by id: a rule added in front, and a notes-only rule renamed, shift every
 * index, yet only the rule whose level changed is listed; notes-only rules never are. */
Test(rescreen, rule_level_changed_matched_by_id)
{
	static const char *const rules[] = { "rules = (\n",
		"rules = (\n  { id = \"first-note\"; when = \"true\"; level = \"suitable\"; "
		"notes = [ \"sessions\" ]; },\n",
		"{ id = \"goal-buzz\";", "{ id = \"goal-shaved\";",
		"heart_conditions\"; level = \"refer\"",
		"heart_conditions\"; level = \"unsuitable\"", NULL };
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, rules, NULL);
	c = compare(&old_ct, &new_ct,
	    (const char *const[]){ "[ \"none\" ];\n};", "[ \"heart_condition\" ];\n};", NULL });
	cr_assert_eq(c->kind, RESCREEN_STRICTER);
	cr_assert_eq(c->old.suitability, LEVEL_REFER);
	cr_assert_eq(c->new.suitability, LEVEL_UNSUITABLE);
	cr_assert_eq(c->n_changed, 1);
	cr_assert_str_eq(c->changed[0].id, "heart");
	cr_assert_eq(c->changed[0].old.level, LEVEL_REFER);
	cr_assert_eq(c->changed[0].new.level, LEVEL_UNSUITABLE);
	cr_assert_eq(c->n_fires_now, 0, "first-note and goal-shaved only add notes");
	cr_assert_eq(c->n_no_longer, 0, "goal-buzz only added notes");
	rescreen_change_free(c);
}

/* Suitability comes before the patch test and the date: a file whose suitability and patch
 * test both change is "stricter". */
Test(rescreen, kinds_in_order)
{
	static const char *const rules[] = { "heart_conditions\"; level = \"refer\"",
		"heart_conditions\"; level = \"unsuitable\"; patch_test = \"required\"", NULL };
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, rules, NULL);
	c = compare(&old_ct, &new_ct,
	    (const char *const[]){ "[ \"none\" ];\n};", "[ \"heart_condition\" ];\n};", NULL });
	cr_assert_eq(c->kind, RESCREEN_STRICTER);
	cr_assert_eq(c->new.patch, PATCH_REQUIRED);
	rescreen_change_free(c);
}

/* The new questionnaire removed an option a saved answer uses. */
Test(rescreen, removed_option_not_accepted)
{
	static const char *const q[] = { "{ value = \"scar_only\"; label = \"Only hide one or "
		                         "more scars\"; }",
		"{ value = \"hair_only\"; label = \"Only hair\"; }", NULL };
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, q, NULL, NULL);
	c = compare(&old_ct, &new_ct,
	    (const char *const[]){ "\"buzz_look\"", "\"scar_only\"", NULL });
	cr_assert_eq(c->kind, RESCREEN_NOT_ACCEPTED);
	cr_assert_eq(c->old.suitability, LEVEL_SUITABLE);
	cr_assert_geq(c->messages.n, 1);
	cr_assert_eq(c->messages.items[0].level, DIAG_ERROR);
	cr_assert_eq(c->messages.items[0].line, 5);
	cr_assert_not_null(strstr(c->messages.items[0].msg, "scar_only"), "%s",
	    c->messages.items[0].msg);
	cr_assert_eq(c->n_fires_now + c->n_no_longer + c->n_changed, 0);
	rescreen_change_free(c);
}

/* The new questionnaire asks a new required question that no saved file answers. */
Test(rescreen, new_required_question_not_accepted)
{
	static const char *const q[] = { "{ id = \"unwell_today\";",
		"{ id = \"allergies\"; type = \"single\"; text = \"Any allergies?\";\n"
		"        options = ( { value = \"no\"; label = \"No\"; }, { value = \"yes\"; "
		"label = \"Yes\"; } ); },\n      { id = \"unwell_today\";",
		NULL };
	struct rescreen_change *c;

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, q, NULL, NULL);
	c = compare(&old_ct, &new_ct, NULL);
	cr_assert_eq(c->kind, RESCREEN_NOT_ACCEPTED);
	cr_assert_eq(c->messages.n, 1);
	cr_assert_not_null(strstr(c->messages.items[0].msg, "allergies"), "%s",
	    c->messages.items[0].msg);
	rescreen_change_free(c);
}

static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* From a file: the old content's refusal is an error of the run, the new one's a result. */
Test(rescreen, file_bad_under_old_or_new)
{
	static const char *const q[] = { "{ value = \"scar_only\"; label = \"Only hide one or "
		                         "more scars\"; }",
		"{ value = \"hair_only\"; label = \"Only hair\"; }", NULL };
	char *dir = test_tmpdir(), *scar, *bad, *good, *text;
	struct rescreen_change *c = NULL;
	struct diag_list dl = { 0 };

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, q, NULL, NULL);
	text =
	    edited(base_answers, (const char *const[]){ "\"buzz_look\"", "\"scar_only\"", NULL });
	scar = write_file(dir, "scar.cfg", text);
	free(text);
	text = edited(base_answers, (const char *const[]){ "\"buzz_look\"", "\"nonsense\"", NULL });
	bad = write_file(dir, "bad.cfg", text);
	free(text);
	good = write_file(dir, "good.cfg", base_answers);

	cr_assert_eq(rescreen_file(&c, bad, &old_ct, &new_ct, today(), &dl), -1);
	cr_assert_null(c);
	cr_assert_eq(diag_errors(&dl), 1);
	cr_assert_str_eq(dl.items[0].file, bad);
	diag_clear(&dl);

	cr_assert_eq(rescreen_file(&c, scar, &old_ct, &new_ct, today(), &dl), 0);
	cr_assert_eq(dl.n, 0);
	cr_assert_eq(c->kind, RESCREEN_NOT_ACCEPTED);
	cr_assert_str_eq(c->source, scar);
	cr_assert_str_eq(c->messages.items[0].file, scar);
	rescreen_change_free(c);

	cr_assert_eq(rescreen_file(&c, good, &old_ct, &new_ct, today(), &dl), 0);
	cr_assert_eq(c->kind, RESCREEN_SAME);
	rescreen_change_free(c);
	cr_assert_eq(rescreen_file(&c, "/nonexistent/x.cfg", &old_ct, &new_ct, today(), &dl), -1);
	cr_assert_eq(diag_errors(&dl), 1);
	diag_clear(&dl);
	free(scar);
	free(bad);
	free(good);
	test_remove_tree(&dir);
}

Test(rescreen, summary_counts)
{
	struct rescreen_summary s = { 0 };
	struct rescreen_change same = { .kind = RESCREEN_SAME },
	                       stricter = { .kind = RESCREEN_STRICTER },
	                       refused = { .kind = RESCREEN_NOT_ACCEPTED };

	rescreen_count(&s, &same);
	rescreen_count(&s, &stricter);
	rescreen_count(&s, &refused);
	rescreen_count(&s, &stricter);
	cr_assert_eq(s.screened, 4);
	cr_assert_eq(s.changed, 3);
	cr_assert_eq(s.by_kind[RESCREEN_STRICTER], 2);
	cr_assert_eq(s.by_kind[RESCREEN_NOT_ACCEPTED], 1);
	cr_assert_eq(s.by_kind[RESCREEN_SAME], 0);
}

/* --- reports ----------------------------------------------------------------------------- */

Test(rescreen, text_nothing_changed_is_the_summary_alone)
{
	struct rescreen_run run = { .old = &old_ct, .new = &new_ct, .today = today() };
	struct strbuf out = { 0 };

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, NULL, NULL, "settings = { min_age = 21; };");
	run.summary.screened = 3;
	rescreen_write_text(&out, &run, false);
	cr_assert_str_eq(sb_str(&out), "3 answer files screened, 0 changed.\n");
	sb_reset(&out);
	run.summary.screened = 1;
	rescreen_write_text(&out, &run, false);
	cr_assert_str_eq(sb_str(&out), "1 answer file screened, 0 changed.\n");
	sb_free(&out);
}

/* Two changes for the reports: a stricter one whose source name holds an escape sequence and
 * is too long for a line, and one the new questionnaire refuses. */
static void
two_changes(struct rescreen_change *c[2], struct rescreen_run *run)
{
	static const char *const q[] = { "{ value = \"scar_only\"; label = \"Only hide one or "
		                         "more scars\"; }",
		"{ value = \"hair_only\"; label = \"Only hair\"; }", NULL };
	static const char *const s = "settings = { min_age = 21; };";

	mini(&old_ct, NULL, NULL, NULL);
	mini(&new_ct, q, NULL, s);
	c[0] = compare(&old_ct, &new_ct, (const char *const[]){ "age = 34", "age = 19", NULL });
	free(c[0]->source);
	c[0]->source = xstrdup("=saved/\x1b[31mred\x1b[0m/a-very-long-directory-name-that-goes-on-"
	                       "and-on-and-on/and-on-and-on/file.cfg");
	c[1] = compare(&old_ct, &new_ct,
	    (const char *const[]){ "\"buzz_look\"", "\"scar_only\"", NULL });
	memset(run, 0, sizeof *run);
	run->old = &old_ct;
	run->new = &new_ct;
	run->today = today();
	run->changes = c;
	run->n_changes = 2;
	rescreen_count(&run->summary, c[0]);
	rescreen_count(&run->summary, c[1]);
}

static bool
every_line_fits(const char *s, size_t width)
{
	const char *eol;
	char *line;
	bool ok = true;

	for (; *s != '\0'; s = eol + 1) {
		eol = strchr(s, '\n');
		cr_assert_not_null(eol, "the text ends with a newline");
		line = xstrndup(s, (size_t)(eol - s));
		if (text_width(line) > width) {
			cr_log_error("too wide: %s", line);
			ok = false;
		}
		free(line);
	}
	return ok;
}

Test(rescreen, text_report)
{
	struct rescreen_change *c[2];
	struct rescreen_run run;
	struct strbuf out = { 0 };
	const char *s;

	two_changes(c, &run);
	rescreen_write_text(&out, &run, false);
	s = sb_str(&out);
	cr_assert(text_is_clean(s, true), "no escape sequence reaches the report");
	cr_assert(every_line_fits(s, 72));
	cr_assert(strncmp(s, "old: questionnaire mini-consultation 3 (sha256 ", 47) == 0, "%s", s);
	cr_assert_not_null(strstr(s, "\n  rules mini-rules 2 (sha256 "), "%s", s);
	cr_assert_not_null(strstr(s, "the rules' default settings"), "%s", s);
	cr_assert_not_null(strstr(s, "settings s.cfg"), "%s", s);
	cr_assert_not_null(strstr(s, "  change: stricter\n  suitability: suitable -> defer\n"));
	cr_assert_not_null(strstr(s,
	    "  fires now: under-min-age (defer, come back after "
	    "2029-01-31)\n"));
	cr_assert_not_null(strstr(s,
	    "  change: not_accepted\n"
	    "  suitability: suitable -> not screened\n"));
	cr_assert_not_null(strstr(s, "    line 5: question 'goal': 'scar_only'"), "%s", s);
	cr_assert_not_null(strstr(s,
	    "\n2 answer files screened, 2 changed.\n"
	    "By kind of change: stricter 1, not_accepted 1.\n"));
	/* The digest is cut short with an ellipsis, which ASCII mode spells out. */
	cr_assert_not_null(strstr(s, "\xe2\x80\xa6"));
	sb_reset(&out);
	rescreen_write_text(&out, &run, true);
	for (s = sb_str(&out); *s != '\0'; s++)
		cr_assert_lt((unsigned char)*s, 0x80, "only ASCII bytes");
	cr_assert(every_line_fits(sb_str(&out), 72));
	sb_free(&out);
	rescreen_change_free(c[0]);
	rescreen_change_free(c[1]);
}

Test(rescreen, json_report)
{
	struct rescreen_change *c[2];
	struct rescreen_run run;
	struct strbuf out = { 0 };
	json_error_t err;
	json_t *root, *ch, *nw;

	two_changes(c, &run);
	rescreen_write_json(&out, &run);
	root = json_loads(sb_str(&out), 0, &err);
	cr_assert_not_null(root, "%s", err.text);
	cr_assert_str_eq(json_string_value(json_object_get(root, "today")), TODAY);
	cr_assert_str_eq(json_string_value(
	                     json_object_get(json_object_get(json_object_get(root, "old"),
	                                         "questionnaire"),
	                         "id")),
	    "mini-consultation");
	cr_assert(json_is_null(json_object_get(json_object_get(root, "old"), "settings")));
	cr_assert_str_eq(json_string_value(
	                     json_object_get(json_object_get(root, "new"), "settings")),
	    "s.cfg");
	ch = json_array_get(json_object_get(root, "changes"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(ch, "kind")), "stricter");
	cr_assert_str_eq(json_string_value(
	                     json_object_get(json_array_get(json_object_get(ch, "fires_now"), 0),
	                         "rule")),
	    "under-min-age");
	cr_assert_str_eq(json_string_value(
	                     json_object_get(json_object_get(ch, "new"), "come_back_after")),
	    "2029-01-31");
	ch = json_array_get(json_object_get(root, "changes"), 1);
	cr_assert_str_eq(json_string_value(json_object_get(ch, "kind")), "not_accepted");
	nw = json_object_get(ch, "new");
	cr_assert(json_is_null(json_object_get(nw, "suitability")));
	cr_assert(json_is_null(json_object_get(nw, "patch_test")));
	cr_assert(json_is_null(json_object_get(nw, "come_back_after")));
	cr_assert_eq(json_array_size(json_object_get(ch, "messages")), 1);
	cr_assert_eq(json_integer_value(
	                 json_object_get(json_array_get(json_object_get(ch, "messages"), 0),
	                     "line")),
	    5);
	cr_assert_eq(json_integer_value(
	                 json_object_get(json_object_get(json_object_get(root, "summary"),
	                                     "by_kind"),
	                     "come_back")),
	    0, "every kind is there, zero or not");
	json_decref(root);
	sb_free(&out);
	rescreen_change_free(c[0]);
	rescreen_change_free(c[1]);
}

Test(rescreen, csv_report)
{
	static const char header[] = "source,kind,old_suitability,new_suitability,old_patch_test,"
	                             "new_patch_test,old_come_back_after,new_come_back_after,"
	                             "fires_now,no_longer_fires\r\n";
	struct rescreen_change *c[2];
	struct rescreen_run run;
	struct strbuf out = { 0 };
	const char *s, *row;

	two_changes(c, &run);
	rescreen_write_csv(&out, &run);
	s = sb_str(&out);
	cr_assert(strncmp(s, header, strlen(header)) == 0, "%s", s);
	/* A cell a spreadsheet would run as a formula is defused; no escape survives. */
	row = strchr(s, '\n') + 1;
	cr_assert(strncmp(row, "'=saved/", 8) == 0, "%s", row);
	cr_assert_null(strchr(s, '\x1b'));
	cr_assert_not_null(strstr(row,
	                       ",stricter,suitable,defer,not_needed,not_needed,,2029-01-31,"
	                       "under-min-age,\r\n"),
	    "%s", row);
	cr_assert_not_null(strstr(s, "answers.cfg,not_accepted,suitable,,not_needed,,,,,\r\n"),
	    "%s", s);
	sb_free(&out);
	rescreen_change_free(c[0]);
	rescreen_change_free(c[1]);
}
