/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "smpscreen/audit.h"
#include "smpscreen/cases.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * The content audit over tests/data/mini-questionnaire.cfg, golden cases from
 * tests/data/cases-unit/good/ and either tests/data/mini-rules.cfg or the "audited" variant
 * of it built here (variant_text): the same rules, one per line, each citing a source of a
 * bibliography, plus scar-age-unknown, without which an unknown scar age comes out suitable.
 * Rules files are written to a temporary directory and loaded from there, so that the audit
 * names them with their lines.
 *
 * The good cases (all dated 2027-01-31) and what only they prove:
 *   01 all clear, injury scar 30 months  the only suitable case (unknown answers change it)
 *   02 pattern, norwood unknown, buzz    shows norwood; fires goal-buzz, norwood-unknown
 *   03 17 and pregnant                   under-min-age, pregnant-or-breastfeeding
 *   04 undiagnosed loss, heart condition pregnancy-unknown, undiagnosed-loss, heart
 *   05 heart not known                   the only case firing heart-unknown
 *   06 strip scar 6 months, unwell       always-patch-test (by the case's own setting),
 *                                        scar-immature, unwell-today
 *   07 scar 14 months                    scar-settling
 *   08 scar age unknown (norwood v)      scar-age-unknown (variant rules only)
 */

static const char *const good_cases[] = { "01-all-clear.cfg", "02-pattern-buzz.cfg",
	"03-young-pregnant.cfg", "04-refer-two-doctors.cfg", "05-heart-unknown.cfg",
	"06-young-scar-unwell.cfg", "07-scar-settling.cfg", "08-scar-age-unknown.cfg", NULL };

/* The cases that load against the plain mini rules (08 names scar-age-unknown). */
static const char *const mini_cases[] = { "01-all-clear.cfg", "02-pattern-buzz.cfg",
	"03-young-pregnant.cfg", "04-refer-two-doctors.cfg", "05-heart-unknown.cfg",
	"06-young-scar-unwell.cfg", "07-scar-settling.cfg", NULL };

/* The rules of the variant, one a line, without their sources and closing brace. */
static const struct {
	const char *id, *text, *sources;
} variant_rules[] = {
	{ "baseline-notes",
	    "{ id = \"baseline-notes\"; when = \"true\"; level = \"suitable\"; notes = [ "
	    "\"no-regrow\", \"sessions\" ];",
	    "\"A01\"" },
	{ "always-patch-test",
	    "{ id = \"always-patch-test\"; when = \"setting.always_patch_test\"; level = "
	    "\"suitable\"; patch_test = \"required\"; notes = [ \"patch-limit\" ]; reason = \"The "
	    "clinic patch-tests everyone.\";",
	    "\"B02\"" },
	{ "under-min-age",
	    "{ id = \"under-min-age\"; when = \"age < setting.min_age\"; level = \"defer\"; notes "
	    "= "
	    "[ \"min-age\" ]; come_back = { setting = \"min_age\"; question = \"age\"; unit = "
	    "\"years\"; }; reason = \"Under the minimum age.\";",
	    "\"A01\", \"B02\"" },
	{ "pregnant-or-breastfeeding",
	    "{ id = \"pregnant-or-breastfeeding\"; when = \"pregnancy in ['pregnant', "
	    "'breastfeeding']\"; level = \"defer\"; notes = [ \"pregnancy\" ]; come_back = { "
	    "condition = \"when pregnancy and breastfeeding are both over\"; }; reason = \"Not "
	    "during pregnancy.\";",
	    "\"A01\"" },
	{ "pregnancy-unknown",
	    "{ id = \"pregnancy-unknown\"; when = \"pregnancy == 'unknown'\"; level = \"caveats\"; "
	    "notes = [ \"consultant-check\" ]; reason = \"Pregnancy not answered.\";",
	    "\"A01\"" },
	{ "goal-buzz",
	    "{ id = \"goal-buzz\"; when = \"goal == 'buzz_look'\"; level = \"suitable\"; notes = [ "
	    "\"buzz-look\" ];",
	    "\"B02\"" },
	{ "undiagnosed-loss",
	    "{ id = \"undiagnosed-loss\"; when = \"'sudden_or_undiagnosed' in loss_reasons\"; "
	    "level "
	    "= \"refer\"; refer_to = [ \"gp\" ]; notes = [ \"doctor-clearance\" ]; reason = "
	    "\"Needs "
	    "a diagnosis.\";",
	    "\"A01\"" },
	{ "norwood-unknown",
	    "{ id = \"norwood-unknown\"; when = \"norwood == 'unknown'\"; level = \"caveats\"; "
	    "notes = [ \"consultant-check\" ]; reason = \"The consultant will assess.\";",
	    "\"A01\"" },
	{ "scar-immature",
	    "{ id = \"scar-immature\"; when = \"scar_age_months < setting.scar_maturity_months\"; "
	    "level = \"defer\"; notes = [ \"scar\" ]; come_back = { setting = "
	    "\"scar_maturity_months\"; question = \"scar_age_months\"; unit = \"months\"; }; "
	    "reason = \"The scar is still maturing.\";",
	    "\"B02\"" },
	{ "scar-settling",
	    "{ id = \"scar-settling\"; when = \"scar_age_months >= setting.scar_maturity_months "
	    "and "
	    "scar_age_months < setting.scar_prefer_months\"; level = \"caveats\"; patch_test = "
	    "\"recommended\"; notes = [ \"scar\", \"patch-limit\" ]; reason = \"Still settling.\";",
	    "\"B02\"" },
	{ "scar-age-unknown",
	    "{ id = \"scar-age-unknown\"; when = \"scar_age_months == 'unknown'\"; level = "
	    "\"caveats\"; notes = [ \"consultant-check\" ]; reason = \"The consultant will look at "
	    "the scar.\";",
	    "\"B02\"" },
	{ "heart",
	    "{ id = \"heart\"; when = \"'heart_condition' in heart_conditions\"; level = "
	    "\"refer\"; "
	    "refer_to = [ \"cardiologist\" ]; notes = [ \"doctor-clearance\" ]; reason = \"Needs "
	    "clearance.\";",
	    "\"A01\"" },
	{ "heart-unknown",
	    "{ id = \"heart-unknown\"; when = \"'unknown' in heart_conditions\"; level = "
	    "\"refer\"; "
	    "refer_to = [ \"gp\" ]; notes = [ \"doctor-clearance\" ]; reason = \"Heart questions "
	    "not answered.\";",
	    "\"A01\"" },
	{ "unwell-today",
	    "{ id = \"unwell-today\"; when = \"unwell_today == 'yes'\"; level = \"defer\"; "
	    "come_back = { condition = \"on a day when you are well, at least "
	    "setting.patch_test_wait_hours hours after a patch test\"; }; reason = \"Wait for a "
	    "well day.\";",
	    "\"B02\"" },
};
#define N_VARIANT_RULES (sizeof variant_rules / sizeof variant_rules[0])

struct variant {
	const char *drop;      /* a rule left out, or NULL */
	const char *unsourced; /* a rule that cites nothing, or NULL */
	bool unused_note;      /* a note that no rule attaches */
	bool no_bibliography;  /* rules cite tags, but there is no bibliography */
};

/* The variant's text; caller frees. */
static char *
variant_text(const struct variant *v)
{
	struct strbuf sb = { 0 };
	size_t i;
	bool first = true;

	sb_append(&sb,
	    "id = \"mini-rules-audited\"; version = 1; questionnaire = \"mini-consultation\";\n"
	    "settings = (\n"
	    "  { id = \"min_age\"; type = \"integer\"; default = 18; min = 16; max = 21; },\n"
	    "  { id = \"scar_maturity_months\"; type = \"integer\"; default = 12; min = 6; max = "
	    "24; "
	    "},\n"
	    "  { id = \"scar_prefer_months\"; type = \"integer\"; default = 18; min = 6; max = 36; "
	    "at_least = \"scar_maturity_months\"; },\n"
	    "  { id = \"patch_test_wait_hours\"; type = \"integer\"; default = 72; min = 24; max = "
	    "168; },\n"
	    "  { id = \"always_patch_test\"; type = \"boolean\"; default = false; }\n"
	    ");\n"
	    "notes = (\n"
	    "  { id = \"min-age\"; group = \"safety\"; text = \"Too young.\"; },\n"
	    "  { id = \"pregnancy\"; group = \"safety\"; text = \"Not while pregnant.\"; },\n"
	    "  { id = \"consultant-check\"; group = \"safety\"; text = \"The consultant checks.\"; "
	    "},\n"
	    "  { id = \"doctor-clearance\"; group = \"safety\"; text = \"Bring clearance.\"; },\n"
	    "  { id = \"patch-limit\"; group = \"safety\"; text = \"No guarantee.\"; },\n"
	    "  { id = \"no-regrow\"; group = \"expectation\"; text = \"No regrowth.\"; },\n"
	    "  { id = \"scar\"; group = \"expectation\"; text = \"Scars vary.\"; },\n"
	    "  { id = \"buzz-look\"; group = \"expectation\"; text = \"Very short.\"; },\n"
	    "  { id = \"sessions\"; group = \"logistics\"; text = \"2-4 sessions.\"; }");
	if (v->unused_note)
		sb_append(&sb,
		    ",\n  { id = \"unused-note\"; group = \"logistics\"; text = \"Nobody "
		    "attaches this.\"; }");
	sb_append(&sb,
	    "\n);\n"
	    "refer_targets = (\n"
	    "  { id = \"gp\"; label = \"GP\"; },\n"
	    "  { id = \"cardiologist\"; label = \"Cardiologist\"; },\n"
	    "  { id = \"dermatologist\"; label = \"Dermatologist\"; }\n"
	    ");\n");
	if (!v->no_bibliography)
		sb_append(&sb,
		    "bibliography = (\n"
		    "  { id = \"A01\"; title = \"Source A\"; },\n"
		    "  { id = \"B02\"; title = \"Source B\"; where = "
		    "\"https://example.org/b02\"; }\n"
		    ");\n");
	sb_append(&sb, "rules = (\n");
	for (i = 0; i < N_VARIANT_RULES; i++) {
		if (v->drop != NULL && strcmp(v->drop, variant_rules[i].id) == 0)
			continue;
		sb_printf(&sb, "%s  %s", first ? "" : ",\n", variant_rules[i].text);
		if (v->unsourced == NULL || strcmp(v->unsourced, variant_rules[i].id) != 0)
			sb_printf(&sb, " sources = [ %s ];", variant_rules[i].sources);
		sb_append(&sb, " }");
		first = false;
	}
	sb_append(&sb, "\n);\n");
	return sb_detach(&sb);
}

struct env {
	struct questionnaire *qn;
	struct ruleset *rs;
	char *rules_text; /* of the rules file that rs was loaded from */
	char *dir;
	char *written[4];
	size_t n_written;
	struct screening_case *cases[16];
	size_t n;
	struct diag_list dl;
};

/* Writes text to the env's directory; returns the path (owned by e). */
static const char *
env_write(struct env *e, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", e->dir, name);
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp, "cannot write %s", path);
	cr_assert_lt(e->n_written, sizeof e->written / sizeof e->written[0]);
	fputs(text, fp);
	fclose(fp);
	e->written[e->n_written++] = path;
	return path;
}

/* The mini questionnaire and, with v NULL, the mini rules; else the variant v. */
static void
env_init(struct env *e, const struct variant *v)
{
	struct diag_list dl = { 0 };
	const char *path;
	char *msg, *mini;

	memset(e, 0, sizeof *e);
	e->qn = test_mini_questionnaire();
	e->dir = test_tmpdir();
	if (v == NULL) {
		e->rs = test_mini_rules(e->qn);
		mini = test_data_path("mini-rules.cfg");
		e->rules_text = test_read_file(mini);
		free(mini);
		return;
	}
	e->rules_text = variant_text(v);
	path = env_write(e, "rules.cfg", e->rules_text);
	if (rules_load(&e->rs, path, e->qn, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("the variant does not load:\n%s\n%s", msg, e->rules_text);
	}
	diag_clear(&dl);
}

/* Loads one golden case; it must load cleanly against the env's rules. */
static void
env_case(struct env *e, const char *path)
{
	struct diag_list dl = { 0 };
	char *msg;

	cr_assert_lt(e->n, sizeof e->cases / sizeof e->cases[0]);
	if (cases_load(&e->cases[e->n], path, e->qn, e->rs, NULL, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("case %s does not load:\n%s", path, msg);
	}
	diag_clear(&dl);
	e->n++;
}

/* Loads the named cases of tests/data/cases-unit/good/ (NULL-terminated). */
static void
env_cases(struct env *e, const char *const *names)
{
	char *name, *path;

	for (; *names != NULL; names++) {
		name = xasprintf("cases-unit/good/%s", *names);
		path = test_data_path(name);
		env_case(e, path);
		free(path);
		free(name);
	}
}

/* Every name but the ones in skip (NULL-terminated). */
static void
env_cases_but(struct env *e, const char *const *names, const char *const *skip)
{
	const char *one[2] = { NULL, NULL };
	const char *const *s;
	bool skipped;

	for (; *names != NULL; names++) {
		for (s = skip, skipped = false; *s != NULL && !skipped; s++)
			skipped = strcmp(*s, *names) == 0;
		if (skipped)
			continue;
		one[0] = *names;
		env_cases(e, one);
	}
}

/* Runs the audit: what it returns is the number of errors it added, and it adds nothing
 * else. */
static size_t
env_audit(struct env *e)
{
	size_t before = e->dl.n, n;

	n = audit_content(e->qn, e->rs, e->cases, e->n, &e->dl);
	cr_expect_eq(n, e->dl.n - before, "the count is the number of problems added");
	cr_expect_eq(diag_errors(&e->dl), e->dl.n, "every problem is an error");
	return n;
}

static void
env_free(struct env *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		cases_free(e->cases[i]);
	for (i = 0; i < e->n_written; i++) {
		unlink(e->written[i]);
		free(e->written[i]);
	}
	rmdir(e->dir);
	free(e->dir);
	free(e->rules_text);
	diag_clear(&e->dl);
	rules_free(e->rs);
	questionnaire_free(e->qn);
}

/* 1-based line of the first occurrence of needle in text. */
static int
line_of(const char *text, const char *needle)
{
	const char *hit = strstr(text, needle), *p;
	int line = 1;

	cr_assert_not_null(hit, "'%s' not found", needle);
	for (p = text; p < hit; p++)
		line += *p == '\n';
	return line;
}

/* "RULES:LINE: error:" for the rule (or note) with that id in the env's rules file. */
static char *
rules_at(const struct env *e, const char *id)
{
	char *needle = xasprintf("{ id = \"%s\";", id), *pre;

	pre = xasprintf("%s:%d: error:", e->rs->path, line_of(e->rules_text, needle));
	free(needle);
	return pre;
}

/* Number of diagnostics whose message holds word. */
static size_t
count_with(const struct diag_list *dl, const char *word)
{
	size_t i, n = 0;

	for (i = 0; i < dl->n; i++)
		n += strstr(dl->items[i].msg, word) != NULL;
	return n;
}

/* --- NULL and edge inputs ---------------------------------------------------------------- */

/* No cases at all: nothing fires and nothing is shown; there is nothing to try unknown. */
Test(audit_edge, no_cases_prove_nothing)
{
	struct env e;
	char *pre;

	env_init(&e, NULL);
	cr_expect_eq(audit_content(e.qn, e.rs, NULL, 0, &e.dl), 13 + 11 + 13, "%s",
	    test_diag_text(&e.dl));
	cr_expect_eq(count_with(&e.dl, "fires in no golden case"), 13);
	cr_expect_eq(count_with(&e.dl, "is shown in no golden case"), 11);
	cr_expect_eq(count_with(&e.dl, "the rules have no bibliography"), 13);
	cr_expect_eq(count_with(&e.dl, "answered unknown"), 0);
	cr_expect_eq(count_with(&e.dl, "attached by no rule"), 0);
	pre = rules_at(&e, "baseline-notes");
	test_expect_diag(&e.dl, pre, "rule 'baseline-notes' fires in no golden case", NULL);
	free(pre);
	pre = xasprintf("%s:%d: error:", e.qn->path, e.qn->questions[e.qn->n_questions - 1].line);
	test_expect_diag(&e.dl, pre, "question 'price_info' is shown in no golden case", NULL);
	free(pre);
	env_free(&e);
}

/* The complete good set proves the audited variant sound: not one problem. */
Test(audit_edge, good_set_has_no_problem)
{
	struct env e;
	struct variant v = { 0 };
	size_t i;

	env_init(&e, &v);
	env_cases(&e, good_cases);
	for (i = 0; i < e.n; i++)
		cr_expect_eq(cases_run(e.cases[i], e.rs, &e.dl, NULL), 0, "fixture %s differs",
		    e.cases[i]->path);
	cr_expect_eq(e.dl.n, 0, "%s", test_diag_text(&e.dl));
	cr_expect_eq(env_audit(&e), 0, "%s", test_diag_text(&e.dl));
	cr_expect_eq(e.dl.n, 0);
	env_free(&e);
}

/* The audit only reads the cases: run twice, it finds the same. */
Test(audit_edge, audit_is_repeatable)
{
	struct env e;
	size_t first;

	env_init(&e, NULL);
	env_cases(&e, mini_cases);
	first = env_audit(&e);
	cr_expect_gt(first, 0);
	diag_clear(&e.dl);
	cr_expect_eq(env_audit(&e), first);
	env_free(&e);
}

/* --- every rule fires ------------------------------------------------------------------- */

Test(audit_rules, rule_firing_in_no_case_is_named_at_its_line)
{
	struct env e;
	struct variant v = { 0 };
	const char *skip[] = { "05-heart-unknown.cfg", NULL };
	char *pre;

	env_init(&e, &v);
	env_cases_but(&e, good_cases, skip);
	cr_expect_eq(env_audit(&e), 1, "%s", test_diag_text(&e.dl));
	pre = rules_at(&e, "heart-unknown");
	test_expect_diag(&e.dl, pre, "rule 'heart-unknown' fires in no golden case", NULL);
	free(pre);
	env_free(&e);
}

Test(audit_rules, mini_rules_with_one_case)
{
	struct env e;
	const char *one[] = { "01-all-clear.cfg", NULL };
	char *pre;

	env_init(&e, NULL);
	env_cases(&e, one);
	(void)env_audit(&e);
	/* Everything but baseline-notes is unproven. */
	cr_expect_eq(count_with(&e.dl, "fires in no golden case"), 12, "%s", test_diag_text(&e.dl));
	cr_expect_eq(count_with(&e.dl, "'baseline-notes' fires"), 0);
	pre = rules_at(&e, "unwell-today");
	test_expect_diag(&e.dl, pre, "rule 'unwell-today' fires in no golden case", NULL);
	free(pre);
	env_free(&e);
}

/* always-patch-test fires only in case 06, through the case's own settings: the audit must
 * screen each case with its settings, not the defaults. */
Test(audit_rules, cases_are_screened_with_their_settings)
{
	struct env e;
	struct variant v = { 0 };
	const char *only[] = { "06-young-scar-unwell.cfg", NULL };

	env_init(&e, &v);
	env_cases(&e, only);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "'always-patch-test' fires"), 0, "%s",
	    test_diag_text(&e.dl));
	cr_expect_eq(count_with(&e.dl, "'scar-immature' fires"), 0);
	cr_expect_eq(count_with(&e.dl, "'heart' fires"), 1);
	env_free(&e);
}

/* --- every question is shown -------------------------------------------------------------- */

Test(audit_questions, question_shown_in_no_case)
{
	struct env e;
	struct variant v = { 0 };
	/* The only cases that select 'pattern', and so show norwood. */
	const char *skip[] = { "02-pattern-buzz.cfg", "08-scar-age-unknown.cfg", NULL };
	char *qtext, *pre;

	env_init(&e, &v);
	env_cases_but(&e, good_cases, skip);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "is shown in no golden case"), 1, "%s",
	    test_diag_text(&e.dl));
	qtext = test_read_file(e.qn->path);
	pre = xasprintf("%s:%d: error:", e.qn->path, line_of(qtext, "{ id = \"norwood\";"));
	test_expect_diag(&e.dl, pre, "question 'norwood' is shown in no golden case", NULL);
	free(pre);
	free(qtext);
	/* Without those cases the rules that need norwood or the buzz goal are unproven too. */
	cr_expect_eq(count_with(&e.dl, "fires in no golden case"), 3);
	test_expect_diag(&e.dl, "", "rule 'norwood-unknown' fires in no golden case", NULL);
	test_expect_diag(&e.dl, "", "rule 'goal-buzz' fires in no golden case", NULL);
	test_expect_diag(&e.dl, "", "rule 'scar-age-unknown' fires in no golden case", NULL);
	env_free(&e);
}

/* --- every note is used ------------------------------------------------------------------- */

Test(audit_notes, note_attached_by_no_rule)
{
	struct env e;
	struct variant v = { .unused_note = true };
	char *pre;

	env_init(&e, &v);
	env_cases(&e, good_cases);
	cr_expect_eq(env_audit(&e), 1, "%s", test_diag_text(&e.dl));
	pre = rules_at(&e, "unused-note");
	test_expect_diag(&e.dl, pre, "note 'unused-note' is attached by no rule", NULL);
	free(pre);
	env_free(&e);
}

/* A note is used by being attached, whether or not its rule fires in a case. */
Test(audit_notes, note_of_an_unproven_rule_is_used)
{
	struct env e;
	struct variant v = { 0 };
	const char *only[] = { "01-all-clear.cfg", NULL };

	env_init(&e, &v);
	env_cases(&e, only);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "attached by no rule"), 0, "%s", test_diag_text(&e.dl));
	env_free(&e);
}

/* --- every rule cites a source ------------------------------------------------------------ */

Test(audit_sources, rule_citing_nothing)
{
	struct env e;
	struct variant v = { .unsourced = "goal-buzz" };
	char *pre;

	env_init(&e, &v);
	env_cases(&e, good_cases);
	cr_expect_eq(env_audit(&e), 1, "%s", test_diag_text(&e.dl));
	pre = rules_at(&e, "goal-buzz");
	test_expect_diag(&e.dl, pre, "rule 'goal-buzz' cites no source", NULL);
	free(pre);
	env_free(&e);
}

/* Tags without a bibliography cannot be checked: every rule is reported, at its line. */
Test(audit_sources, rules_without_bibliography)
{
	struct env e;
	struct variant v = { .no_bibliography = true };
	char *pre;

	env_init(&e, &v);
	env_cases(&e, good_cases);
	cr_expect_eq(env_audit(&e), N_VARIANT_RULES, "%s", test_diag_text(&e.dl));
	cr_expect_eq(count_with(&e.dl,
	                 "its sources cannot be checked: the rules have no "
	                 "bibliography"),
	    N_VARIANT_RULES);
	pre = rules_at(&e, "baseline-notes");
	test_expect_diag(&e.dl, pre, "rule 'baseline-notes': its sources cannot be checked", NULL);
	free(pre);
	pre = rules_at(&e, "unwell-today");
	test_expect_diag(&e.dl, pre, "rule 'unwell-today': its sources cannot be checked", NULL);
	free(pre);
	env_free(&e);
}

/* The plain mini rules cite a tag (under-min-age: A01) and have no bibliography. */
Test(audit_sources, mini_rules_have_no_bibliography)
{
	struct env e;

	env_init(&e, NULL);
	env_cases(&e, mini_cases);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "the rules have no bibliography"), e.rs->n_rules, "%s",
	    test_diag_text(&e.dl));
	test_expect_diag(&e.dl, "", "rule 'under-min-age': its sources cannot be checked", NULL);
	env_free(&e);
}

/* With a bibliography whose tags cover every source, no source problem, whatever else. */
Test(audit_sources, bibliography_covering_every_source)
{
	struct env e;
	struct variant v = { 0 };
	const char *only[] = { "03-young-pregnant.cfg", NULL };

	env_init(&e, &v);
	cr_expect_eq(e.rs->n_bibliography, 2);
	env_cases(&e, only);
	cr_expect_gt(env_audit(&e), 0);
	cr_expect_eq(count_with(&e.dl, "source"), 0, "%s", test_diag_text(&e.dl));
	cr_expect_eq(count_with(&e.dl, "bibliography"), 0);
	env_free(&e);
}

/* --- no unknown medical answer ends in suitable -------------------------------------------- */

/* Without heart-unknown, "heart_conditions = [ unknown ]" leaves the all-clear case suitable. */
Test(audit_unknown, heart_unknown_without_its_rule)
{
	struct env e;
	struct variant v = { .drop = "heart-unknown" };
	const char *skip[] = { "05-heart-unknown.cfg", NULL };
	char *ctext, *pre;

	env_init(&e, &v);
	env_cases_but(&e, good_cases, skip);
	cr_expect_eq(env_audit(&e), 1, "%s", test_diag_text(&e.dl));
	ctext = test_read_file(e.cases[0]->path);
	pre = xasprintf("%s:%d: error:", e.cases[0]->path, line_of(ctext, "case = {"));
	test_expect_diag(&e.dl, pre,
	    "case 'All clear, old injury scar' with 'heart_conditions' "
	    "answered unknown comes out suitable",
	    "at least caveats", NULL);
	free(pre);
	free(ctext);
	env_free(&e);
}

/* The plain mini rules send an unknown heart answer to the GP; they have no rule for an
 * unknown scar age, and the proof finds that. A preference ('goal') is never tried. */
Test(audit_unknown, mini_rules)
{
	struct env e;

	env_init(&e, NULL);
	env_cases(&e, mini_cases);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "'heart_conditions' answered unknown"), 0, "%s",
	    test_diag_text(&e.dl));
	cr_expect_eq(count_with(&e.dl, "'pregnancy' answered unknown"), 0);
	cr_expect_eq(count_with(&e.dl, "'norwood' answered unknown"), 0);
	cr_expect_eq(count_with(&e.dl, "'goal' answered unknown"), 0);
	cr_expect_eq(count_with(&e.dl, "'scar_age_months' answered unknown"), 1);
	test_expect_diag(&e.dl, "",
	    "case 'All clear, old injury scar' with 'scar_age_months' "
	    "answered unknown comes out suitable",
	    NULL);
	env_free(&e);
}

/* One report per question, however many cases show the hole. */
Test(audit_unknown, reported_once_per_question)
{
	struct env e;
	struct variant v = { .drop = "heart-unknown" };
	const char *skip[] = { "05-heart-unknown.cfg", NULL };
	char *path = test_data_path("cases-unit/good/01-all-clear.cfg"), *text, *copy;
	const char *title = "All clear, old injury scar";
	char *hit;

	env_init(&e, &v);
	text = test_read_file(path);
	hit = strstr(text, title);
	cr_assert_not_null(hit);
	copy = xasprintf("%.*sSecond all clear%s", (int)(hit - text), text, hit + strlen(title));
	env_case(&e, env_write(&e, "second.cfg", copy));
	env_cases_but(&e, good_cases, skip);
	cr_expect_eq(env_audit(&e), 1, "%s", test_diag_text(&e.dl));
	test_expect_diag(&e.dl, e.cases[0]->path, "case 'Second all clear' with 'heart_conditions'",
	    NULL);
	free(copy);
	free(text);
	free(path);
	env_free(&e);
}

/* Only the questions a case shows are tried: no case shows scar_age_months here, so its
 * missing rule goes unnoticed by this proof (the "shown in no case" proof names it). */
Test(audit_unknown, only_shown_questions_are_tried)
{
	struct env e;
	struct variant v = { .drop = "scar-age-unknown" };
	const char *without[] = { "02-pattern-buzz.cfg", "03-young-pregnant.cfg",
		"04-refer-two-doctors.cfg", "05-heart-unknown.cfg", NULL };
	const char *with[] = { "01-all-clear.cfg", NULL };

	env_init(&e, &v);
	env_cases(&e, without);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "answered unknown"), 0, "%s", test_diag_text(&e.dl));
	test_expect_diag(&e.dl, "", "question 'scar_age_months' is shown in no golden case", NULL);
	diag_clear(&e.dl);
	env_cases(&e, with);
	(void)env_audit(&e);
	cr_expect_eq(count_with(&e.dl, "'scar_age_months' answered unknown"), 1, "%s",
	    test_diag_text(&e.dl));
	env_free(&e);
}

/* --- the option order of single choices --------------------------------------------------- */

/* Runs audit_option_order on qn: what it returns is the number of diagnostics it added, and
 * every one of them is a warning. */
static size_t
order_audit(const struct questionnaire *qn, struct diag_list *dl)
{
	size_t before = dl->n, n = audit_option_order(qn, dl);

	cr_expect_eq(n, dl->n - before, "the count is the number of warnings added");
	cr_expect_eq(diag_errors(dl), 0, "option order problems are warnings, not errors");
	return n;
}

/* "PATH:LINE: warning:" for the question with that id in the questionnaire qn. */
static char *
question_at(const struct questionnaire *qn, const char *id)
{
	long q = questionnaire_find(qn, id);

	cr_assert_geq(q, 0, "no question '%s'", id);
	return xasprintf("%s:%d: warning:", qn->path, qn->questions[q].line);
}

/* The bundled questionnaire follows the rule everywhere, without a single reason. */
Test(audit_option_order, bundled_questionnaire_follows_the_rule)
{
	struct questionnaire *qn = test_bundled_questionnaire();
	struct diag_list dl = { 0 };
	size_t i;

	cr_expect_eq(order_audit(qn, &dl), 0, "%s", test_diag_text(&dl));
	for (i = 0; i < qn->n_questions; i++)
		cr_expect_null(qn->questions[i].option_order_reason, "%s", qn->questions[i].id);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(audit_option_order, mini_questionnaire_follows_the_rule)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };

	cr_expect_eq(order_audit(qn, &dl), 0, "%s", test_diag_text(&dl));
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* Exactly the "_flagged" questions of the fixture, each at its own line. */
Test(audit_option_order, fixture_flags_what_breaks_the_rule)
{
	struct questionnaire *qn = test_load_questionnaire("option-order.cfg");
	struct diag_list dl = { 0 };
	char *pre, *name;
	size_t i;

	cr_expect_eq(order_audit(qn, &dl), 4, "%s", test_diag_text(&dl));
	for (i = 0; i < qn->n_questions; i++) {
		name = xasprintf("question '%s'", qn->questions[i].id);
		cr_expect_eq(count_with(&dl, name),
		    strstr(qn->questions[i].id, "_flagged") != NULL ? 1u : 0u, "%s: %s", name,
		    test_diag_text(&dl));
		free(name);
	}
	pre = question_at(qn, "no_first_flagged");
	test_expect_diag(&dl, pre, "question 'no_first_flagged' lists 'no' before 'yes'",
	    "yes/no questions list Yes first", "option_order_reason", NULL);
	free(pre);
	pre = question_at(qn, "yes_later_flagged");
	test_expect_diag(&dl, pre,
	    "question 'yes_later_flagged' lists 'yes' as option 2, not first",
	    "a question with a 'yes' option lists it first", NULL);
	free(pre);
	pre = question_at(qn, "kinds_never_later_flagged");
	test_expect_diag(&dl, pre,
	    "question 'kinds_never_later_flagged' lists 'never' as option 2, not first",
	    "a choice without 'yes' lists its negative option first", NULL);
	free(pre);
	pre = question_at(qn, "stale_reason_flagged");
	test_expect_diag(&dl, pre,
	    "question 'stale_reason_flagged' has an option_order_reason, but its options follow",
	    "remove the reason", NULL);
	free(pre);
	diag_clear(&dl);
	questionnaire_free(qn);
}

/* The same No-first yes/no question: flagged without its recorded reason, silent with it. */
Test(audit_option_order, a_recorded_reason_silences_the_warning)
{
	const char *reason =
	    "        option_order_reason = \"The form this copies asks No first.\";\n";
	char *path = test_data_path("option-order.cfg"), *text = test_read_file(path);
	char *hit = strstr(text, reason), *dir = test_tmpdir(), *copy, *without, *pre;
	struct questionnaire *qn = test_load_questionnaire("option-order.cfg");
	struct diag_list dl = { 0 };
	FILE *fp;

	cr_assert_not_null(hit);
	cr_expect_str_eq(qn->questions[questionnaire_find(qn, "no_first_with_reason")]
	                     .option_order_reason,
	    "The form this copies asks No first.");
	(void)order_audit(qn, &dl);
	cr_expect_eq(count_with(&dl, "'no_first_with_reason'"), 0, "%s", test_diag_text(&dl));
	diag_clear(&dl);
	questionnaire_free(qn);

	without = xasprintf("%.*s%s", (int)(hit - text), text, hit + strlen(reason));
	copy = xasprintf("%s/no-reason.cfg", dir);
	cr_assert_not_null(fp = fopen(copy, "w"));
	fputs(without, fp);
	fclose(fp);
	cr_assert_eq(questionnaire_load(&qn, copy, &dl), 0, "%s", test_diag_text(&dl));
	cr_expect_eq(order_audit(qn, &dl), 5, "%s", test_diag_text(&dl));
	pre = question_at(qn, "no_first_with_reason");
	test_expect_diag(&dl, pre, "question 'no_first_with_reason' lists 'no' before 'yes'", NULL);
	free(pre);
	diag_clear(&dl);
	questionnaire_free(qn);
	unlink(copy);
	rmdir(dir);
	free(copy);
	free(dir);
	free(without);
	free(text);
	free(path);
}
