/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/expr.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * The questionnaire and settings are built by hand so that these tests exercise the
 * expression language alone, not the loaders.
 */

enum {
	Q_AGE,        /* integer 0..120 */
	Q_PREGNANCY,  /* single, unknown allowed */
	Q_GOAL,       /* single, unknown allowed */
	Q_HAIR,       /* single, no unknown */
	Q_LOSS,       /* multi, no unknown */
	Q_HEART,      /* multi, unknown allowed */
	Q_SCAR_AGE,   /* integer 0..1200, unknown allowed */
	Q_NOTES,      /* text */
	Q_PRICE,      /* info */
	Q_KELOID,     /* single yes/no, unknown allowed */
	Q_TRANSPLANT, /* integer 0..600 */
	Q_TAN,        /* integer 0..28 */
	Q_WEEKS,      /* integer 30..40 */
	NQ
};

enum { S_MIN_AGE, S_SCAR, S_KELOID, S_PSORIASIS, S_PATCH, S_HIGH_BAR, NS };

/* A string the fixture's char * fields can point at: writable storage, like the loaders'
 * copies, not a read-only literal (-Wwrite-strings). */
#define S(text) ((char[]){ text })

static struct choice o_pregnancy[] = {
	{ S("no"), S("No"), NULL },
	{ S("pregnant"), S("Pregnant"), NULL },
	{ S("breastfeeding"), S("Breastfeeding"), NULL },
};
static struct choice o_goal[] = {
	{ S("buzz_look"), S("Buzz"), NULL },
	{ S("short_denser"), S("Denser"), NULL },
	{ S("scar_only"), S("Scars"), NULL },
};
static struct choice o_hair[] = {
	{ S("black"), S("Black"), NULL },
	{ S("blond"), S("Blond"), NULL },
	{ S("red"), S("Red"), NULL },
	{ S("grey_white"), S("Grey"), NULL },
};
static struct choice o_loss[] = {
	{ S("pattern"), S("Pattern"), NULL },
	{ S("scars"), S("Scars"), NULL },
	{ S("alopecia_areata"), S("AA"), NULL },
	{ S("none"), S("None"), NULL },
};
static struct choice o_heart[] = {
	{ S("heart_condition"), S("Heart"), NULL },
	{ S("pacemaker_icd"), S("Pacemaker"), NULL },
	{ S("none"), S("None"), NULL },
};
static struct choice o_yesno[] = { { S("yes"), S("Yes"), NULL }, { S("no"), S("No"), NULL } };

static struct question questions[NQ] = {
	[Q_AGE] = { .id = S("age"), .type = QTYPE_INTEGER, .min = 0, .max = 120 },
	[Q_PREGNANCY] = { .id = S("pregnancy"),
	    .type = QTYPE_SINGLE,
	    .options = o_pregnancy,
	    .n_options = 3,
	    .allow_unknown = true },
	[Q_GOAL] = { .id = S("goal"),
	    .type = QTYPE_SINGLE,
	    .options = o_goal,
	    .n_options = 3,
	    .allow_unknown = true },
	[Q_HAIR] = { .id = S("hair_colour"),
	    .type = QTYPE_SINGLE,
	    .options = o_hair,
	    .n_options = 4 },
	[Q_LOSS] = { .id = S("loss_reasons"),
	    .type = QTYPE_MULTI,
	    .options = o_loss,
	    .n_options = 4 },
	[Q_HEART] = { .id = S("heart_conditions"),
	    .type = QTYPE_MULTI,
	    .options = o_heart,
	    .n_options = 3,
	    .allow_unknown = true },
	[Q_SCAR_AGE] = { .id = S("scar_age_months"),
	    .type = QTYPE_INTEGER,
	    .min = 0,
	    .max = 1200,
	    .allow_unknown = true },
	[Q_NOTES] = { .id = S("notes"), .type = QTYPE_TEXT, .max_length = 200 },
	[Q_PRICE] = { .id = S("price_info"), .type = QTYPE_INFO },
	[Q_KELOID] = { .id = S("keloid_history"),
	    .type = QTYPE_SINGLE,
	    .options = o_yesno,
	    .n_options = 2,
	    .allow_unknown = true },
	[Q_TRANSPLANT] = { .id = S("transplant_months_ago"),
	    .type = QTYPE_INTEGER,
	    .min = 0,
	    .max = 600 },
	[Q_TAN] = { .id = S("tan_days_ago"), .type = QTYPE_INTEGER, .min = 0, .max = 28 },
	[Q_WEEKS] = { .id = S("weeks_planned"), .type = QTYPE_INTEGER, .min = 30, .max = 40 },
};

static struct questionnaire qn = { .id = S("test"), .questions = questions, .n_questions = NQ };

static char *v_keloid[] = { S("unsuitable"), S("refer") };
static char *v_psoriasis[] = { S("caveats"), S("refer") };

static struct setting_def setting_items[NS] = {
	[S_MIN_AGE] = { .id = S("min_age"),
	    .type = SETTING_INTEGER,
	    .def = 18,
	    .min = 16,
	    .max = 21,
	    .at_least = -1 },
	[S_SCAR] = { .id = S("scar_maturity_months"),
	    .type = SETTING_INTEGER,
	    .def = 12,
	    .min = 6,
	    .max = 24,
	    .at_least = -1 },
	[S_KELOID] = { .id = S("keloid_policy"),
	    .type = SETTING_ENUM,
	    .def = 0,
	    .values = v_keloid,
	    .n_values = 2,
	    .at_least = -1 },
	[S_PSORIASIS] = { .id = S("psoriasis_policy"),
	    .type = SETTING_ENUM,
	    .def = 0,
	    .values = v_psoriasis,
	    .n_values = 2,
	    .at_least = -1 },
	[S_PATCH] = { .id = S("always_patch_test"),
	    .type = SETTING_BOOLEAN,
	    .def = 0,
	    .at_least = -1 },
	[S_HIGH_BAR] = { .id = S("high_bar"),
	    .type = SETTING_INTEGER,
	    .def = 40,
	    .min = 30,
	    .max = 60,
	    .at_least = -1 },
};

static struct setting_defs defs = { .items = setting_items, .n = NS };

/* What one evaluation sees: answers (all absent at first) and settings at their defaults. */
struct world {
	struct answer ans[NQ];
	long set[NS];
	struct expr_env env;
};

static void
world_init(struct world *w)
{
	size_t i;

	memset(w, 0, sizeof *w);
	for (i = 0; i < NS; i++)
		w->set[i] = setting_items[i].def;
	w->env.answers = w->ans;
	w->env.settings = w->set;
}

static long
opt(size_t q, const char *value)
{
	size_t i;

	for (i = 0; i < questions[q].n_options; i++)
		if (strcmp(questions[q].options[i].value, value) == 0)
			return (long)i;
	cr_assert_fail("fixture: question %s has no option %s", questions[q].id, value);
	return -1;
}

static void
a_int(struct world *w, size_t q, long n)
{
	w->ans[q].kind = ANSWER_INTEGER;
	w->ans[q].num = n;
}

static void
a_opt(struct world *w, size_t q, const char *value)
{
	w->ans[q].kind = ANSWER_OPTION;
	w->ans[q].num = opt(q, value);
}

static void
a_unknown(struct world *w, size_t q)
{
	w->ans[q].kind = ANSWER_UNKNOWN;
}

/* A multi answer from a NULL-terminated list of values. */
static void
a_multi(struct world *w, size_t q, ...)
{
	const char *v;
	va_list ap;

	w->ans[q].kind = ANSWER_OPTIONS;
	w->ans[q].set = 0;
	va_start(ap, q);
	while ((v = va_arg(ap, const char *)) != NULL)
		w->ans[q].set |= (uint64_t)1 << opt(q, v);
	va_end(ap);
}

static struct expr_scope
scope_rule(void)
{
	return (struct expr_scope){ .qn = &qn,
		.n_visible = NQ,
		.settings = &defs,
		.file = "rules.cfg",
		.line = 42,
		.owner = "rule 'r1'" };
}

static char *
diag_messages(const struct diag_list *dl)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < dl->n; i++) {
		sb_append(&sb, dl->items[i].msg);
		sb_appendc(&sb, '\n');
	}
	return sb_detach(&sb);
}

static struct expr *
parse_ok_in(const char *src, const struct expr_scope *scope)
{
	struct diag_list dl = { 0 };
	struct expr *e = expr_parse(src, scope, &dl);
	char *msgs = diag_messages(&dl);

	cr_assert_not_null(e, "'%s' should parse, got:\n%s", src, msgs);
	cr_assert_eq(dl.n, 0, "'%s' should parse silently, got:\n%s", src, msgs);
	free(msgs);
	diag_clear(&dl);
	return e;
}

static struct expr *
parse_ok(const char *src)
{
	struct expr_scope scope = scope_rule();

	return parse_ok_in(src, &scope);
}

/* Parses src expecting failure; returns the messages, one a line (caller frees). */
static char *
parse_fail_in(const char *src, const struct expr_scope *scope, size_t *n_errors)
{
	struct diag_list dl = { 0 };
	struct expr *e = expr_parse(src, scope, &dl);
	char *msgs = diag_messages(&dl);

	cr_assert_null(e, "'%s' should not parse", src);
	cr_assert_gt(diag_errors(&dl), 0, "'%s' failed without an error", src);
	if (n_errors != NULL)
		*n_errors = diag_errors(&dl);
	diag_clear(&dl);
	return msgs;
}

static char *
parse_fail(const char *src)
{
	struct expr_scope scope = scope_rule();

	return parse_fail_in(src, &scope, NULL);
}

/* Asserts that src fails with messages containing every given fragment (NULL-terminated). */
static void
fails_with(const char *src, ...)
{
	char *msgs = parse_fail(src);
	const char *frag;
	va_list ap;

	va_start(ap, src);
	while ((frag = va_arg(ap, const char *)) != NULL)
		cr_expect(strstr(msgs, frag) != NULL, "'%s': expected \"%s\" in:\n%s", src, frag,
		    msgs);
	va_end(ap);
	free(msgs);
}

static bool
ev(const struct world *w, const char *src)
{
	struct expr *e = parse_ok(src);
	bool r = expr_eval(e, &w->env);

	expr_free(e);
	return r;
}

/* Evaluates with a trace; checks it agrees with expr_eval, and that the listing trace marks
 * the same questions and lists each of them once. */
static bool
tr(const struct world *w, const char *src, unsigned char *mark)
{
	struct expr *e = parse_ok(src);
	unsigned char again[NQ] = { 0 };
	size_t list[NQ], n, i;
	bool r;

	memset(mark, 0, NQ);
	r = expr_eval_trace(e, &w->env, mark);
	cr_assert_eq(r, expr_eval(e, &w->env), "trace and eval disagree on '%s'", src);
	cr_assert_eq(expr_eval_trace_list(e, &w->env, again, list, &n), r,
	    "listing trace and eval disagree on '%s'", src);
	cr_assert_arr_eq(again, mark, NQ, "listing trace marks differently on '%s'", src);
	for (i = 0; i < n; i++) {
		cr_assert_lt(list[i], (size_t)NQ);
		cr_assert_eq(again[list[i]], 1, "'%s': %zu listed twice or unmarked", src, list[i]);
		again[list[i]] = 2;
	}
	for (i = 0; i < NQ; i++)
		cr_assert_neq(again[i], 1, "'%s': %s marked, not listed", src, questions[i].id);
	expr_free(e);
	return r;
}

#define T(w, s) cr_expect(ev(w, s), "expected true: %s", s)
#define F(w, s) cr_expect(!ev(w, s), "expected false: %s", s)

/* ---- NULL and edge inputs ------------------------------------------------------------- */

Test(expr_edge, null_source_is_an_error)
{
	struct expr_scope scope = scope_rule();
	struct diag_list dl = { 0 };

	cr_assert_null(expr_parse(NULL, &scope, &dl));
	cr_assert_eq(dl.n, 1);
	cr_expect_eq(dl.items[0].level, DIAG_ERROR);
	cr_expect_str_eq(dl.items[0].file, "rules.cfg");
	cr_expect_eq(dl.items[0].line, 42);
	cr_expect_str_eq(dl.items[0].msg, "rule 'r1': empty condition");
	diag_clear(&dl);
}

Test(expr_edge, empty_and_blank_sources_are_errors)
{
	char *m = parse_fail("");

	cr_expect(strstr(m, "empty condition") != NULL, "%s", m);
	free(m);
	m = parse_fail(" \t\n ");
	cr_expect(strstr(m, "empty condition") != NULL, "%s", m);
	free(m);
}

Test(expr_edge, null_scope_names_nothing)
{
	struct diag_list dl = { 0 };
	struct expr *e = expr_parse("true", NULL, &dl);

	cr_assert_not_null(e);
	expr_free(e);
	cr_assert_null(expr_parse("age == 1", NULL, &dl));
	cr_assert_eq(dl.n, 1);
	cr_expect(strstr(dl.items[0].msg, "unknown question 'age'") != NULL, "%s", dl.items[0].msg);
	cr_expect_null(dl.items[0].file);
	diag_clear(&dl);
}

Test(expr_edge, null_diag_list_is_tolerated)
{
	struct expr_scope scope = scope_rule();
	struct expr *e;

	cr_expect_null(expr_parse("agee == 1", &scope, NULL));
	cr_expect_null(expr_parse("(", &scope, NULL));
	e = expr_parse("age == 1", &scope, NULL);
	cr_expect_not_null(e);
	expr_free(e);
}

Test(expr_edge, null_expression_and_marks)
{
	struct world w;
	unsigned char mark[NQ] = { 0 };
	struct expr *e;

	world_init(&w);
	expr_free(NULL);
	cr_expect(!expr_eval(NULL, &w.env));
	cr_expect(!expr_eval_trace(NULL, &w.env, mark));
	expr_questions(NULL, mark);
	for (size_t i = 0; i < NQ; i++)
		cr_expect_eq(mark[i], 0);
	e = parse_ok("true and age == 1");
	a_int(&w, Q_AGE, 1);
	cr_expect(expr_eval_trace(e, &w.env, NULL));
	expr_questions(e, NULL);
	expr_free(e);
}

Test(expr_edge, null_environment_means_absent_answers_and_default_settings)
{
	struct expr *e;

	e = parse_ok("answered(age)");
	cr_expect(!expr_eval(e, NULL));
	expr_free(e);
	e = parse_ok("not answered(age) and setting.min_age == 18 and setting.keloid_policy == "
	             "'unsuitable'");
	cr_expect(expr_eval(e, NULL));
	expr_free(e);
	e = parse_ok("not answered(goal)");
	cr_expect(expr_eval(e, &(struct expr_env){ .answers = NULL, .settings = NULL }));
	expr_free(e);
}

Test(expr_edge, n_visible_larger_than_the_questionnaire_is_clamped)
{
	struct expr_scope scope = scope_rule();
	struct expr *e;

	scope.n_visible = 1000;
	e = parse_ok_in("answered(weeks_planned)", &scope);
	expr_free(e);
}

Test(expr_edge, owner_defaults_when_missing)
{
	struct expr_scope scope = scope_rule();
	char *m;

	scope.owner = NULL;
	m = parse_fail_in("agee == 1", &scope, NULL);
	cr_expect(strncmp(m, "condition: unknown question 'agee'", 34) == 0, "%s", m);
	free(m);
}

/* ---- grammar and operators ------------------------------------------------------------ */

Test(expr_grammar, constants)
{
	struct world w;

	world_init(&w);
	T(&w, "true");
	F(&w, "false");
	F(&w, "not true");
	T(&w, "not not true");
	T(&w, "true or false");
	F(&w, "true and false");
	T(&w, "(((true)))");
}

Test(expr_grammar, integer_question_every_operator)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	T(&w, "age == 30");
	F(&w, "age == 31");
	T(&w, "age != 31");
	F(&w, "age != 30");
	T(&w, "age < 31");
	F(&w, "age < 30");
	T(&w, "age <= 30");
	F(&w, "age <= 29");
	T(&w, "age > 29");
	F(&w, "age > 30");
	T(&w, "age >= 30");
	F(&w, "age >= 31");
}

Test(expr_grammar, question_on_the_right_is_normalised)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 18);
	T(&w, "18 <= age");
	F(&w, "19 <= age");
	F(&w, "18 < age");
	T(&w, "17 < age");
	F(&w, "19 < age");
	T(&w, "19 > age");
	F(&w, "18 > age");
	T(&w, "18 >= age");
	T(&w, "18 == age");
	T(&w, "setting.min_age >= age");
	F(&w, "setting.min_age > age");
	T(&w, "'buzz_look' != goal or true");
	a_opt(&w, Q_GOAL, "buzz_look");
	T(&w, "'buzz_look' == goal");
	F(&w, "'scar_only' == goal");
}

Test(expr_grammar, single_question_equality_and_lists)
{
	struct world w;

	world_init(&w);
	a_opt(&w, Q_PREGNANCY, "pregnant");
	T(&w, "pregnancy == 'pregnant'");
	F(&w, "pregnancy == 'no'");
	T(&w, "pregnancy != 'no'");
	F(&w, "pregnancy != 'pregnant'");
	T(&w, "pregnancy in ['pregnant', 'breastfeeding']");
	F(&w, "pregnancy in ['no', 'breastfeeding']");
	T(&w, "pregnancy in ['pregnant']");
	F(&w, "pregnancy in ['no']");
	T(&w, "pregnancy in [ 'no','pregnant' ]");
}

Test(expr_grammar, integer_question_in_list)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 40);
	T(&w, "age in [18, 40, 60]");
	F(&w, "age in [18, 41]");
	T(&w, "age in [setting.min_age, 40]");
}

Test(expr_grammar, value_in_multi_question)
{
	struct world w;

	world_init(&w);
	a_multi(&w, Q_LOSS, "pattern", "scars", NULL);
	T(&w, "'pattern' in loss_reasons");
	T(&w, "'scars' in loss_reasons");
	F(&w, "'none' in loss_reasons");
	F(&w, "'alopecia_areata' in loss_reasons");
	T(&w, "not ('none' in loss_reasons)");
	T(&w, "answered(loss_reasons) and not ('none' in loss_reasons)");
}

Test(expr_grammar, answered)
{
	struct world w;

	world_init(&w);
	F(&w, "answered(age)");
	a_int(&w, Q_AGE, 0);
	T(&w, "answered(age)");
	F(&w, "answered(notes)");
	w.ans[Q_NOTES].kind = ANSWER_TEXT;
	T(&w, "answered(notes)");
	F(&w, "answered(price_info)");
	T(&w, "answered ( age )");
}

Test(expr_grammar, settings_boolean_enum_integer)
{
	struct world w;

	world_init(&w);
	F(&w, "setting.always_patch_test");
	T(&w, "not setting.always_patch_test");
	T(&w, "setting.always_patch_test == 'false'");
	w.set[S_PATCH] = 1;
	T(&w, "setting.always_patch_test");
	T(&w, "setting.always_patch_test == 'true'");
	F(&w, "setting.always_patch_test != 'true'");
	T(&w, "setting.keloid_policy == 'unsuitable'");
	F(&w, "setting.keloid_policy == 'refer'");
	w.set[S_KELOID] = 1;
	T(&w, "setting.keloid_policy == 'refer'");
	T(&w, "setting.keloid_policy != 'unsuitable'");
	T(&w, "setting.keloid_policy in ['refer', 'unsuitable']");
	T(&w, "setting.min_age == 18");
	T(&w, "setting.min_age < 19");
	T(&w, "setting.min_age >= 18");
	F(&w, "setting.min_age > 18");
	w.set[S_MIN_AGE] = 21;
	T(&w, "setting.min_age > 18");
}

Test(expr_grammar, integer_question_against_integer_setting)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_TRANSPLANT, 5);
	T(&w, "transplant_months_ago < setting.scar_maturity_months");
	w.set[S_SCAR] = 5;
	F(&w, "transplant_months_ago < setting.scar_maturity_months");
	T(&w, "transplant_months_ago >= setting.scar_maturity_months");
	T(&w, "transplant_months_ago == setting.scar_maturity_months");
	F(&w, "transplant_months_ago != setting.scar_maturity_months");
}

Test(expr_grammar, two_literals_and_two_settings_are_evaluated)
{
	struct world w;

	world_init(&w);
	T(&w, "'a' == 'a'");
	F(&w, "'a' != 'a'");
	T(&w, "'a' != 'b'");
	T(&w, "3 < 5");
	F(&w, "5 <= 3");
	T(&w, "'a' in ['b', 'a']");
	F(&w, "7 in [1, 2]");
	T(&w, "setting.scar_maturity_months < setting.min_age");
	w.set[S_SCAR] = 24;
	F(&w, "setting.scar_maturity_months < setting.min_age");
	/* Different enum settings compare by value text: both 'refer'. */
	F(&w, "setting.keloid_policy == setting.psoriasis_policy");
	w.set[S_KELOID] = 1;
	w.set[S_PSORIASIS] = 1;
	T(&w, "setting.keloid_policy == setting.psoriasis_policy");
	T(&w, "setting.keloid_policy == setting.keloid_policy");
	/* Two settings whose ranges cannot meet are still allowed (a clinic could widen one). */
	F(&w, "setting.high_bar < setting.min_age");
}

Test(expr_grammar, two_questions)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 20);
	a_int(&w, Q_TAN, 10);
	T(&w, "age > tan_days_ago");
	F(&w, "age <= tan_days_ago");
	/* Different single questions compare by option value; both allow 'unknown'. */
	a_opt(&w, Q_PREGNANCY, "no");
	a_opt(&w, Q_KELOID, "no");
	T(&w, "pregnancy == keloid_history");
	a_opt(&w, Q_KELOID, "yes");
	F(&w, "pregnancy == keloid_history");
	T(&w, "pregnancy != keloid_history");
	a_unknown(&w, Q_PREGNANCY);
	a_unknown(&w, Q_KELOID);
	T(&w, "pregnancy == keloid_history");
	w.ans[Q_KELOID].kind = ANSWER_ABSENT;
	F(&w, "pregnancy == keloid_history");
	F(&w, "pregnancy != keloid_history");
}

Test(expr_grammar, whitespace_and_uppercase_identifiers)
{
	struct world w;
	char *m;

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	T(&w, "\tage\n>=\r\n30 ");
	T(&w, "age>=30and age<=30");
	/* Identifiers may hold capitals; ids are case-sensitive, so this one is unknown. */
	m = parse_fail("Age == 30");
	cr_expect(strstr(m, "unknown question 'Age' in condition (did you mean 'age'?)") != NULL,
	    "%s", m);
	free(m);
}

Test(expr_grammar, integer_limits)
{
	struct expr *e = parse_ok("age < 9223372036854775807");

	expr_free(e);
	e = parse_ok("age >= 000");
	expr_free(e);
}

/* ---- precedence ----------------------------------------------------------------------- */

Test(expr_precedence, not_binds_tighter_than_and)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	/* (not a) and b with a true, b false: false; not (a and b) would be true. */
	F(&w, "not answered(age) and answered(goal)");
	T(&w, "not (answered(age) and answered(goal))");
}

Test(expr_precedence, and_binds_tighter_than_or)
{
	struct world w;

	world_init(&w);
	/* a or (b and c) with a true, b false, c false: true; (a or b) and c would be false. */
	T(&w, "true or false and false");
	F(&w, "(true or false) and false");
	F(&w, "false and true or false");
	T(&w, "false and false or true");
}

Test(expr_precedence, comparison_binds_tighter_than_not)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	T(&w, "not age == 5");
	F(&w, "not age == 30");
	T(&w, "not 'none' in loss_reasons or true");
	F(&w, "not goal in ['buzz_look'] and false");
}

Test(expr_precedence, long_chains_and_nesting)
{
	struct world w;

	world_init(&w);
	a_opt(&w, Q_GOAL, "scar_only");
	a_int(&w, Q_AGE, 50);
	T(&w, "false or false or false or goal == 'scar_only'");
	F(&w, "true and true and true and goal == 'buzz_look'");
	T(&w, "(age > 40 and (goal == 'buzz_look' or (goal == 'scar_only' and not false)))");
}

/* ---- absent answers (contract §2: every test on an absent question is false) ---------- */

Test(expr_absent, every_atom_is_false)
{
	struct world w;

	world_init(&w);
	F(&w, "age == 5");
	F(&w, "age != 5");
	F(&w, "age < 5");
	F(&w, "age <= 120");
	F(&w, "age > 0");
	F(&w, "age >= 0");
	F(&w, "age in [1, 2, 3]");
	F(&w, "age < setting.min_age");
	F(&w, "setting.min_age > age");
	F(&w, "goal == 'buzz_look'");
	F(&w, "goal != 'buzz_look'");
	F(&w, "goal == 'unknown'");
	F(&w, "goal != 'unknown'");
	F(&w, "goal in ['buzz_look', 'short_denser', 'scar_only']");
	F(&w, "goal in ['buzz_look', 'unknown']");
	F(&w, "'pattern' in loss_reasons");
	F(&w, "'none' in loss_reasons");
	F(&w, "'unknown' in heart_conditions");
	F(&w, "answered(age)");
	F(&w, "scar_age_months == 'unknown'");
	F(&w, "age > tan_days_ago");
}

Test(expr_absent, negation_is_two_valued)
{
	struct world w;

	world_init(&w);
	T(&w, "not (age == 5)");
	T(&w, "not (age != 5)");
	T(&w, "not ('pattern' in loss_reasons)");
	T(&w, "not answered(goal)");
}

Test(expr_absent, absent_versus_present)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_TAN, 5);
	F(&w, "age > tan_days_ago");
	F(&w, "tan_days_ago < age");
	F(&w, "tan_days_ago != age");
}

/* ---- unknown answers ------------------------------------------------------------------ */

Test(expr_unknown, single_question)
{
	struct world w;

	world_init(&w);
	a_unknown(&w, Q_GOAL);
	T(&w, "goal == 'unknown'");
	F(&w, "goal != 'unknown'");
	F(&w, "goal == 'buzz_look'");
	T(&w, "goal != 'buzz_look'");
	T(&w, "goal in ['buzz_look', 'unknown']");
	T(&w, "goal in ['unknown']");
	F(&w, "goal in ['buzz_look', 'scar_only']");
	T(&w, "answered(goal)");
}

Test(expr_unknown, integer_question)
{
	struct world w;

	world_init(&w);
	a_unknown(&w, Q_SCAR_AGE);
	T(&w, "scar_age_months == 'unknown'");
	F(&w, "scar_age_months != 'unknown'");
	F(&w, "scar_age_months < 12");
	F(&w, "scar_age_months <= 1200");
	F(&w, "scar_age_months > 0");
	F(&w, "scar_age_months >= 0");
	F(&w, "scar_age_months == 5");
	T(&w, "scar_age_months != 5");
	F(&w, "scar_age_months < setting.scar_maturity_months");
	F(&w, "scar_age_months >= setting.scar_maturity_months");
	T(&w, "scar_age_months in [3, 'unknown']");
	F(&w, "scar_age_months in [3, 4]");
	T(&w, "answered(scar_age_months)");
}

Test(expr_unknown, integer_answer_never_equals_a_string)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_SCAR_AGE, 5);
	F(&w, "scar_age_months == 'unknown'");
	T(&w, "scar_age_months != 'unknown'");
	F(&w, "scar_age_months in ['unknown']");
	T(&w, "scar_age_months in ['unknown', 5]");
}

Test(expr_unknown, multi_question)
{
	struct world w;

	world_init(&w);
	a_unknown(&w, Q_HEART);
	T(&w, "'unknown' in heart_conditions");
	F(&w, "'heart_condition' in heart_conditions");
	F(&w, "'none' in heart_conditions");
	a_multi(&w, Q_HEART, "heart_condition", NULL);
	F(&w, "'unknown' in heart_conditions");
	T(&w, "'heart_condition' in heart_conditions");
}

/* ---- trace ---------------------------------------------------------------------------- */

static void
expect_marks(const unsigned char *mark, const char *src, ...)
{
	unsigned char want[NQ] = { 0 };
	va_list ap;
	int q;

	va_start(ap, src);
	while ((q = va_arg(ap, int)) >= 0)
		want[q] = 1;
	va_end(ap);
	for (q = 0; q < NQ; q++)
		cr_expect_eq(mark[q], want[q], "'%s': question %s marked %d, want %d", src,
		    questions[q].id, mark[q], want[q]);
}

/* --- three-valued evaluation: answers still to come -------------------------------------- */

static enum expr_tri
ev_open(const struct world *w, const char *src, const unsigned char *open)
{
	struct expr *e = parse_ok(src);
	enum expr_tri r = expr_eval_open(e, &w->env, open);

	expr_free(e);
	return r;
}

Test(expr_open, nothing_open_is_the_two_valued_answer)
{
	struct world w;

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	cr_expect_eq(ev_open(&w, "age > 18", NULL), EXPR_TRUE);
	cr_expect_eq(ev_open(&w, "age > 50", NULL), EXPR_FALSE);
	cr_expect_eq(ev_open(&w, "goal == 'buzz_look'", NULL), EXPR_FALSE, "absent, not open");
	cr_expect_eq(expr_eval_open(NULL, &w.env, NULL), EXPR_FALSE);
}

Test(expr_open, a_test_on_an_open_question_can_go_either_way)
{
	struct world w;
	unsigned char open[NQ] = { 0 };

	world_init(&w);
	open[Q_GOAL] = open[Q_LOSS] = open[Q_AGE] = 1;
	cr_expect_eq(ev_open(&w, "goal == 'buzz_look'", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "'pattern' in loss_reasons", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "answered(age)", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "not answered(age)", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "age < transplant_months_ago", open), EXPR_FALSE,
	    "the other side stays unanswered");
	a_int(&w, Q_TRANSPLANT, 10);
	cr_expect_eq(ev_open(&w, "age < transplant_months_ago", open), EXPR_OPEN, "either side");
	cr_expect_eq(ev_open(&w, "transplant_months_ago > age", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "keloid_history == 'yes'", open), EXPR_FALSE, "not open");
}

/* Kleene's logic: one false operand decides an `and`, one true operand an `or`. */
Test(expr_open, and_or_not_follow_kleene)
{
	struct world w;
	unsigned char open[NQ] = { 0 };

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	open[Q_GOAL] = 1;
	cr_expect_eq(ev_open(&w, "age > 50 and goal == 'buzz_look'", open), EXPR_FALSE);
	cr_expect_eq(ev_open(&w, "age > 18 and goal == 'buzz_look'", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "age > 18 or goal == 'buzz_look'", open), EXPR_TRUE);
	cr_expect_eq(ev_open(&w, "age > 50 or goal == 'buzz_look'", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "age > 18 and age < 40", open), EXPR_TRUE);
	cr_expect_eq(ev_open(&w, "age > 50 or age < 18", open), EXPR_FALSE);
	cr_expect_eq(ev_open(&w, "not (age > 18 and goal == 'buzz_look')", open), EXPR_OPEN);
	cr_expect_eq(ev_open(&w, "not age > 50", open), EXPR_TRUE);
	cr_expect_eq(ev_open(&w, "not age > 18", open), EXPR_FALSE);
	cr_expect_eq(ev_open(&w, "true", open), EXPR_TRUE);
	/* A setting is decided: off (its default) it settles the `and`, on it leaves it open. */
	cr_expect_eq(ev_open(&w, "setting.always_patch_test and goal == 'buzz_look'", open),
	    EXPR_FALSE);
	w.set[S_PATCH] = 1;
	cr_expect_eq(ev_open(&w, "setting.always_patch_test and goal == 'buzz_look'", open),
	    EXPR_OPEN);
}

Test(expr_trace, true_and_marks_every_operand)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "answered(age) and goal == 'buzz_look' and 'pattern' in loss_reasons";

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	a_opt(&w, Q_GOAL, "buzz_look");
	a_multi(&w, Q_LOSS, "pattern", NULL);
	a_int(&w, Q_TAN, 3);
	cr_assert(tr(&w, s, mark));
	expect_marks(mark, s, Q_AGE, Q_GOAL, Q_LOSS, -1);
}

Test(expr_trace, false_and_marks_the_first_false_operand)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "age > 50 and goal == 'buzz_look'";

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	a_opt(&w, Q_GOAL, "scar_only");
	cr_assert(!tr(&w, s, mark));
	expect_marks(mark, s, Q_AGE, -1);
	a_int(&w, Q_AGE, 60);
	cr_assert(!tr(&w, s, mark));
	expect_marks(mark, s, Q_GOAL, -1);
}

Test(expr_trace, true_or_marks_the_first_true_operand)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "age > 50 or goal == 'buzz_look'";

	world_init(&w);
	a_int(&w, Q_AGE, 60);
	a_opt(&w, Q_GOAL, "buzz_look");
	cr_assert(tr(&w, s, mark));
	expect_marks(mark, s, Q_AGE, -1);
	a_int(&w, Q_AGE, 20);
	cr_assert(tr(&w, s, mark));
	expect_marks(mark, s, Q_GOAL, -1);
}

Test(expr_trace, false_or_marks_every_operand)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "age > 50 or goal == 'buzz_look' or tan_days_ago < 3";

	world_init(&w);
	a_int(&w, Q_AGE, 20);
	a_opt(&w, Q_GOAL, "scar_only");
	a_int(&w, Q_TAN, 10);
	cr_assert(!tr(&w, s, mark));
	expect_marks(mark, s, Q_AGE, Q_GOAL, Q_TAN, -1);
}

Test(expr_trace, not_is_the_trace_of_its_operand)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "not (age > 50)";

	world_init(&w);
	a_int(&w, Q_AGE, 20);
	cr_assert(tr(&w, s, mark));
	expect_marks(mark, s, Q_AGE, -1);
}

Test(expr_trace, absent_questions_are_never_marked)
{
	struct world w;
	unsigned char mark[NQ];

	world_init(&w);
	a_opt(&w, Q_GOAL, "scar_only");
	cr_assert(tr(&w, "not answered(age)", mark));
	expect_marks(mark, "not answered(age)", -1);
	cr_assert(!tr(&w, "age == 5 or goal == 'buzz_look'", mark));
	expect_marks(mark, "age == 5 or goal == 'buzz_look'", Q_GOAL, -1);
	cr_assert(tr(&w, "not ('pattern' in loss_reasons)", mark));
	expect_marks(mark, "not ('pattern' in loss_reasons)", -1);
}

Test(expr_trace, settings_are_not_questions)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "age < setting.min_age and setting.keloid_policy == 'unsuitable'";

	world_init(&w);
	a_int(&w, Q_AGE, 16);
	cr_assert(tr(&w, s, mark));
	expect_marks(mark, s, Q_AGE, -1);
}

Test(expr_trace, nested_and_over_or)
{
	struct world w;
	unsigned char mark[NQ];
	const char *s = "(age > 50 or goal == 'buzz_look' or tan_days_ago < 3) and "
	                "'pattern' in loss_reasons";

	world_init(&w);
	a_int(&w, Q_AGE, 20);
	a_opt(&w, Q_GOAL, "buzz_look");
	a_int(&w, Q_TAN, 1);
	a_multi(&w, Q_LOSS, "pattern", NULL);
	cr_assert(tr(&w, s, mark));
	expect_marks(mark, s, Q_GOAL, Q_LOSS, -1);
}

Test(expr_trace, in_list_and_two_questions)
{
	struct world w;
	unsigned char mark[NQ];

	world_init(&w);
	a_opt(&w, Q_PREGNANCY, "no");
	a_opt(&w, Q_KELOID, "no");
	cr_assert(tr(&w, "pregnancy in ['pregnant', 'no']", mark));
	expect_marks(mark, "in-list", Q_PREGNANCY, -1);
	cr_assert(tr(&w, "pregnancy == keloid_history", mark));
	expect_marks(mark, "two questions", Q_PREGNANCY, Q_KELOID, -1);
}

Test(expr_trace, questions_names_every_question)
{
	unsigned char mark[NQ] = { 0 };
	struct expr *e =
	    parse_ok("answered(notes) or (18 <= age and 'pattern' in loss_reasons) "
	             "or goal in ['buzz_look', 'unknown'] or "
	             "tan_days_ago < transplant_months_ago or setting.always_patch_test");

	expr_questions(e, mark);
	expr_free(e);
	expect_marks(mark, "expr_questions", Q_NOTES, Q_AGE, Q_LOSS, Q_GOAL, Q_TAN, Q_TRANSPLANT,
	    -1);
}

/* The listing trace evaluates each operand of an `and` or `or` once and takes back what the
 * operands before the deciding one marked: a question they share with it must stay marked. */
Test(expr_trace, the_deciding_operand_keeps_a_question_an_earlier_one_marked)
{
	struct world w;
	unsigned char mark[NQ];
	const char *f = "age > 18 and (goal == 'buzz_look' or age > 40)";
	const char *t = "age > 40 or (age > 18 and goal == 'scar_only')";
	const char *n = "not (age > 18 and age > 40) and goal != 'buzz_look'";

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	a_opt(&w, Q_GOAL, "scar_only");
	cr_assert(!tr(&w, f, mark));
	expect_marks(mark, f, Q_AGE, Q_GOAL, -1);
	cr_assert(tr(&w, t, mark));
	expect_marks(mark, t, Q_AGE, Q_GOAL, -1);
	cr_assert(tr(&w, n, mark));
	expect_marks(mark, n, Q_AGE, Q_GOAL, -1);
}

/* A chain of nested `and`s, each level's first operand a question of its own and the last
 * test false. A listing trace that evaluated a deciding nested junction again would do
 * 2^depth evaluations here (about 10^12); the two-pass way does depth squared. The timeout
 * only turns that hang into a failure. */
#define DEEP 40
Test(expr_trace, nested_junctions_are_not_evaluated_again_and_again, .timeout = 300)
{
	struct question qs[DEEP + 1];
	char ids[DEEP + 1][8];
	struct questionnaire big = { .id = S("big"), .questions = qs, .n_questions = DEEP + 1 };
	struct answer ans[DEEP + 1];
	struct expr_env env = { .answers = ans, .settings = NULL };
	struct expr_scope scope = { .qn = &big,
		.n_visible = DEEP + 1,
		.settings = &defs,
		.file = "rules.cfg",
		.line = 1,
		.owner = "rule 'deep'" };
	unsigned char mark[DEEP + 1] = { 0 }, again[DEEP + 1] = { 0 };
	size_t list[DEEP + 1], n, i;
	struct strbuf src = { 0 };
	struct expr *e;

	memset(qs, 0, sizeof qs);
	memset(ans, 0, sizeof ans);
	for (i = 0; i <= DEEP; i++) {
		snprintf(ids[i], sizeof ids[i], "q%zu", i);
		qs[i] = (struct question){ .id = ids[i], .type = QTYPE_INTEGER, .max = 100 };
		ans[i].kind = ANSWER_INTEGER;
		ans[i].num = 1;
	}
	for (i = 0; i < DEEP; i++)
		sb_printf(&src, "answered(q%zu) and (", i);
	sb_printf(&src, "q%d > 5", DEEP);
	for (i = 0; i < DEEP; i++)
		sb_appendc(&src, ')');
	e = parse_ok_in(sb_str(&src), &scope);
	cr_assert(!expr_eval_trace(e, &env, mark));
	cr_assert(!expr_eval_trace_list(e, &env, again, list, &n));
	cr_expect_arr_eq(again, mark, sizeof mark);
	cr_expect_eq(n, 1);
	cr_expect_eq(list[0], (size_t)DEEP, "only the test that decided is the reason");
	expr_free(e);
	sb_free(&src);
}

Test(expr_trace, listing_skips_questions_marked_before)
{
	struct world w;
	unsigned char mark[NQ] = { 0 };
	size_t list[NQ], n = 99;
	struct expr *e = parse_ok("age > 18 and goal == 'buzz_look' and answered(tan_days_ago)");

	world_init(&w);
	a_int(&w, Q_AGE, 30);
	a_opt(&w, Q_GOAL, "buzz_look");
	a_int(&w, Q_TAN, 3);
	mark[Q_GOAL] = 1;
	cr_assert(expr_eval_trace_list(e, &w.env, mark, list, &n));
	cr_assert_eq(n, 2, "goal was marked already");
	cr_expect_eq(list[0], Q_AGE);
	cr_expect_eq(list[1], Q_TAN);
	expect_marks(mark, "marked before", Q_AGE, Q_GOAL, Q_TAN, -1);
	n = 99;
	cr_expect(!expr_eval_trace_list(NULL, &w.env, mark, list, &n));
	cr_expect_eq(n, 0);
	expr_free(e);
}

static void
count_named(size_t q, void *arg)
{
	((unsigned *)arg)[q]++;
}

Test(expr_trace, each_question_is_called_as_often_as_it_is_named)
{
	unsigned seen[NQ] = { 0 };
	struct expr *e = parse_ok("age > 18 and (age < 60 or not answered(goal)) and "
	                          "tan_days_ago < transplant_months_ago and setting.min_age > 1");

	expr_each_question(e, count_named, seen);
	expr_each_question(NULL, count_named, seen);
	expr_free(e);
	for (size_t q = 0; q < NQ; q++)
		cr_expect_eq(seen[q],
		    q == Q_AGE ? 2u : q == Q_GOAL || q == Q_TAN || q == Q_TRANSPLANT,
		    "%s named %u times", questions[q].id, seen[q]);
}

/* ---- static diagnostics --------------------------------------------------------------- */

Test(expr_diag, unknown_question_exact_message)
{
	struct expr_scope scope = scope_rule();
	struct diag_list dl = { 0 };

	scope.owner = "rule 'keloid-refer'";
	cr_assert_null(expr_parse("keloid_histry == 'yes'", &scope, &dl));
	cr_assert_eq(dl.n, 1);
	cr_expect_str_eq(dl.items[0].msg,
	    "rule 'keloid-refer': unknown question 'keloid_histry' "
	    "in condition (did you mean 'keloid_history'?)");
	cr_expect_str_eq(dl.items[0].file, "rules.cfg");
	cr_expect_eq(dl.items[0].line, 42);
	cr_expect_eq(dl.items[0].level, DIAG_ERROR);
	diag_clear(&dl);
}

Test(expr_diag, unknown_question_without_suggestion)
{
	char *m = parse_fail("zzzzzzzzzz == 1");

	cr_expect(strstr(m, "unknown question 'zzzzzzzzzz' in condition\n") != NULL, "%s", m);
	cr_expect(strstr(m, "did you mean") == NULL, "%s", m);
	free(m);
}

Test(expr_diag, unknown_question_everywhere_it_can_appear)
{
	fails_with("'pattern' in los_reasons", "unknown question 'los_reasons'",
	    "did you mean 'loss_reasons'", NULL);
	fails_with("answered(agee)", "unknown question 'agee'", "did you mean 'age'", NULL);
	fails_with("goal in ['buzz_look', gaol]", "unknown question 'gaol'", "did you mean 'goal'",
	    NULL);
	fails_with("5 < agee", "unknown question 'agee'", NULL);
}

Test(expr_diag, setting_name_used_as_a_question)
{
	fails_with("age < min_age",
	    "unknown question 'min_age' in condition (did you mean "
	    "'setting.min_age'?)",
	    NULL);
}

Test(expr_diag, unknown_setting)
{
	fails_with("age < setting.min_agee", "unknown setting 'min_agee'",
	    "(did you mean 'min_age'?)", NULL);
	fails_with("setting.zzzzzzzzzzzz", "unknown setting 'zzzzzzzzzzzz' in condition\n", NULL);
}

Test(expr_diag, settings_not_available)
{
	struct expr_scope scope = scope_rule();
	char *m;

	scope.settings = NULL;
	scope.owner = "question 'norwood'";
	m = parse_fail_in("setting.min_age == 18", &scope, NULL);
	cr_expect(strstr(m, "question 'norwood': setting 'min_age' cannot be used here") != NULL,
	    "%s", m);
	free(m);
}

Test(expr_diag, question_not_asked_before)
{
	struct expr_scope scope = scope_rule();
	char *m;

	scope.owner = "question 'goal'";
	scope.n_visible = Q_GOAL;
	m = parse_fail_in("answered(age) and keloid_history == 'yes'", &scope, NULL);
	cr_expect(strstr(m,
	              "question 'goal': condition names question 'keloid_history', which "
	              "is not asked before it") != NULL,
	    "%s", m);
	free(m);
	m = parse_fail_in("goal == 'buzz_look'", &scope, NULL);
	cr_expect(strstr(m, "names question 'goal', which is not asked before it") != NULL, "%s",
	    m);
	free(m);
}

Test(expr_diag, every_static_error_is_reported)
{
	size_t n = 0;
	struct expr_scope scope = scope_rule();
	char *m = parse_fail_in("agee > 1 and goal == 'buz_look' or setting.min_agee > 1 or "
	                        "'x' in goal or age == 500",
	    &scope, &n);

	cr_expect_eq(n, 5, "%s", m);
	cr_expect(strstr(m, "'agee'") != NULL, "%s", m);
	cr_expect(strstr(m, "'buz_look'") != NULL, "%s", m);
	cr_expect(strstr(m, "'min_agee'") != NULL, "%s", m);
	cr_expect(strstr(m, "needs a multi question") != NULL, "%s", m);
	cr_expect(strstr(m, "can never be true") != NULL, "%s", m);
	free(m);
}

Test(expr_diag, both_sides_of_a_comparison_are_checked)
{
	size_t n = 0;
	struct expr_scope scope = scope_rule();
	char *m = parse_fail_in("agee < setting.min_agee", &scope, &n);

	cr_expect_eq(n, 2, "%s", m);
	free(m);
}

Test(expr_diag, string_compared_with_integer_question)
{
	fails_with("age == 'old'", "integer question 'age' is compared with the string 'old'",
	    NULL);
	fails_with("'old' != age", "integer question 'age' is compared with the string 'old'",
	    NULL);
	fails_with("age in [18, 'old']", "integer question 'age' is compared with the string 'old'",
	    NULL);
}

Test(expr_diag, unknown_only_where_allowed)
{
	struct expr *e;

	fails_with("age == 'unknown'", "question 'age' does not allow 'unknown'", NULL);
	fails_with("hair_colour == 'unknown'", "question 'hair_colour' does not allow 'unknown'",
	    NULL);
	fails_with("hair_colour in ['red', 'unknown']",
	    "question 'hair_colour' does not allow 'unknown'", NULL);
	fails_with("'unknown' in loss_reasons", "question 'loss_reasons' does not allow 'unknown'",
	    NULL);
	e = parse_ok("scar_age_months == 'unknown' or goal == 'unknown' or "
	             "'unknown' in heart_conditions");
	expr_free(e);
}

Test(expr_diag, integer_compared_with_single_question)
{
	fails_with("goal == 3", "single question 'goal' is compared with the integer 3", NULL);
	fails_with("goal in [1]", "single question 'goal' is compared with the integer 1", NULL);
}

Test(expr_diag, ordering_needs_integers)
{
	fails_with("goal < 3", "'<' needs integers, but question 'goal' is of type single", NULL);
	fails_with("3 <= goal", "'>=' needs integers, but question 'goal' is of type single", NULL);
	fails_with("age > 'x'", "'>' compares integers, not the string 'x'", NULL);
	fails_with("scar_age_months < 'unknown'", "'<' compares integers, not the string 'unknown'",
	    NULL);
	fails_with("age >= setting.keloid_policy",
	    "'>=' needs integers, but setting 'keloid_policy' is of type enum", NULL);
	fails_with("setting.always_patch_test < 1",
	    "'<' needs integers, but setting 'always_patch_test' is of type boolean", NULL);
	fails_with("'a' < 'b'", "'<' compares integers, not the string 'a'",
	    "'<' compares integers, not the string 'b'", NULL);
}

Test(expr_diag, option_the_question_does_not_have)
{
	fails_with("goal == 'buz_look'",
	    "question 'goal' has no option 'buz_look' (did you mean "
	    "'buzz_look'?)",
	    NULL);
	fails_with("goal in ['buzz_look', 'scar_onyl']",
	    "question 'goal' has no option "
	    "'scar_onyl' (did you mean 'scar_only'?)",
	    NULL);
	fails_with("'patern' in loss_reasons",
	    "question 'loss_reasons' has no option 'patern' "
	    "(did you mean 'pattern'?)",
	    NULL);
	fails_with("goal == 'unknwn'", "has no option 'unknwn' (did you mean 'unknown'?)", NULL);
	fails_with("goal == 'xyzzyxyzzy'", "question 'goal' has no option 'xyzzyxyzzy'\n", NULL);
	/* 'unknown' is only suggested where it would be valid. */
	fails_with("hair_colour == 'unknwn'", "question 'hair_colour' has no option 'unknwn'\n",
	    NULL);
}

Test(expr_diag, value_in_a_question_that_is_not_multi)
{
	fails_with("'buzz_look' in goal",
	    "'buzz_look' in goal needs a multi question, but question 'goal' is of type single",
	    NULL);
	fails_with("'5' in age", "question 'age' is of type integer", NULL);
	fails_with("'x' in notes", "question 'notes' is of type text", NULL);
}

Test(expr_diag, multi_question_compared)
{
	fails_with("loss_reasons == 'pattern'", "'loss_reasons' is a multi question", NULL);
	fails_with("loss_reasons != 'pattern'", "'loss_reasons' is a multi question", NULL);
	fails_with("loss_reasons in ['pattern', 'scars']", "'loss_reasons' is a multi question",
	    NULL);
	fails_with("'pattern' == loss_reasons", "'loss_reasons' is a multi question", NULL);
}

Test(expr_diag, answered_needs_a_question)
{
	fails_with("answered(setting.min_age)",
	    "answered() needs a question id, not "
	    "'setting.min_age'",
	    NULL);
	fails_with("answered('age')", "answered() needs a question id, not the string 'age'", NULL);
	fails_with("answered(5)", "answered() needs a question id, not '5'", NULL);
}

Test(expr_diag, bare_setting_must_be_boolean)
{
	fails_with("setting.min_age", "setting 'min_age' is of type integer, not boolean", NULL);
	fails_with("not setting.keloid_policy",
	    "setting 'keloid_policy' is of type enum, not "
	    "boolean",
	    NULL);
}

Test(expr_diag, setting_values)
{
	fails_with("setting.keloid_policy == 'refr'",
	    "setting 'keloid_policy' has no value 'refr' "
	    "(did you mean 'refer'?)",
	    NULL);
	fails_with("setting.keloid_policy in ['refer', 'forbidden']",
	    "setting 'keloid_policy' has no value 'forbidden'\n", NULL);
	fails_with("setting.always_patch_test == 'yes'",
	    "setting 'always_patch_test' has no value 'yes'", NULL);
	fails_with("setting.min_age == 'x'",
	    "integer setting 'min_age' is compared with the "
	    "string 'x'",
	    NULL);
	fails_with("setting.min_age == 'unknown'", "integer setting 'min_age' is compared", NULL);
	fails_with("setting.keloid_policy == 1",
	    "enum setting 'keloid_policy' is compared with "
	    "the integer 1",
	    NULL);
}

Test(expr_diag, never_true_against_literals)
{
	fails_with("age == 500", "'age == 500' can never be true (question 'age' takes 0..120)",
	    NULL);
	fails_with("age > 120", "'age > 120' can never be true", NULL);
	fails_with("age >= 121", "'age >= 121' can never be true", NULL);
	fails_with("age < 0", "'age < 0' can never be true", NULL);
	fails_with("500 == age", "'age == 500' can never be true", NULL);
	fails_with("130 <= age", "'age >= 130' can never be true", NULL);
	fails_with("weeks_planned <= 29",
	    "'weeks_planned <= 29' can never be true (question "
	    "'weeks_planned' takes 30..40)",
	    NULL);
	fails_with("age in [18, 500]", "'age == 500' can never be true", NULL);
	fails_with("setting.min_age > 30",
	    "'setting.min_age > 30' can never be true (setting "
	    "'min_age' takes 16..21)",
	    NULL);
}

Test(expr_diag, never_true_boundaries_are_allowed)
{
	struct expr *e = parse_ok("age == 120 or age == 0 or age <= 0 or age >= 120 or "
	                          "age < 1 or age > 119 or age != 500 or weeks_planned >= 40");

	expr_free(e);
}

Test(expr_diag, never_true_against_settings)
{
	struct expr *e;

	fails_with("weeks_planned < setting.min_age",
	    "'weeks_planned < setting.min_age' can never "
	    "be true (question 'weeks_planned' takes "
	    "30..40; setting 'min_age' takes 16..21)",
	    NULL);
	fails_with("setting.min_age > weeks_planned",
	    "'weeks_planned < setting.min_age' can "
	    "never be true",
	    NULL);
	fails_with("tan_days_ago > setting.high_bar",
	    "'tan_days_ago > setting.high_bar' can "
	    "never be true",
	    NULL);
	fails_with("tan_days_ago == setting.high_bar", "can never be true", NULL);
	/* Possible for some allowed setting value: fine. */
	e = parse_ok("weeks_planned >= setting.high_bar or tan_days_ago < setting.high_bar or "
	             "age < setting.min_age");
	expr_free(e);
}

Test(expr_diag, never_true_between_questions)
{
	fails_with("weeks_planned < tan_days_ago", "can never be true", NULL);
	fails_with("goal == hair_colour",
	    "'goal == hair_colour' can never be true (they have no "
	    "value in common)",
	    NULL);
}

Test(expr_diag, text_and_info_only_in_answered)
{
	struct expr *e;

	fails_with("notes == 'x'", "text question 'notes' can only be used in answered(notes)",
	    NULL);
	fails_with("notes in ['x']", "text question 'notes' can only be used", NULL);
	fails_with("price_info == 'x'",
	    "info item 'price_info' can only be used in "
	    "answered(price_info)",
	    NULL);
	e = parse_ok("answered(notes) or answered(price_info)");
	expr_free(e);
}

Test(expr_diag, mismatched_operands)
{
	fails_with("age == goal",
	    "cannot compare integer question 'age' with single question "
	    "'goal'",
	    NULL);
	fails_with("'a' == 5", "cannot compare the string 'a' with the integer 5", NULL);
	fails_with("goal == setting.min_age",
	    "cannot compare single question 'goal' with integer "
	    "setting 'min_age'",
	    NULL);
	fails_with("setting.min_age == setting.keloid_policy", "cannot compare", NULL);
}

Test(expr_diag, values_are_made_safe_in_messages)
{
	char *m = parse_fail("goal == 'a\x1b[31mb'");

	cr_expect(strchr(m, '\x1b') == NULL, "%s", m);
	cr_expect(strstr(m, "'a\\x1b[31mb'") != NULL, "%s", m);
	free(m);
	m = parse_fail(
	    "goal == 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'");
	cr_expect(strstr(m, "...'") != NULL, "%s", m);
	free(m);
}

/* ---- syntax errors -------------------------------------------------------------------- */

static void
syntax_is(const char *src, const char *want)
{
	size_t n = 0;
	struct expr_scope scope = scope_rule();
	char *m = parse_fail_in(src, &scope, &n);

	cr_expect(strstr(m, want) != NULL, "'%s': expected \"%s\" in:\n%s", src, want, m);
	cr_expect_eq(n, 1, "'%s': one syntax error, got:\n%s", src, m);
	free(m);
}

Test(expr_syntax, unbalanced_parentheses)
{
	syntax_is("(age == 1",
	    "rule 'r1': syntax error at column 10: expected ')' but found end "
	    "of expression");
	syntax_is("age == 1)",
	    "syntax error at column 9: expected 'and', 'or' or the end of the "
	    "condition but found ')'");
	syntax_is("((age == 1) and true", "column 21: expected ')'");
	syntax_is(")", "column 1: expected a condition but found ')'");
	syntax_is("()", "column 2: expected a condition but found ')'");
}

Test(expr_syntax, the_documented_example)
{
	syntax_is("answered(age and true)",
	    "syntax error at column 14: expected ')' but found "
	    "'and'");
}

Test(expr_syntax, trailing_tokens)
{
	syntax_is("age == 1 age",
	    "column 10: expected 'and', 'or' or the end of the condition but "
	    "found 'age'");
	syntax_is("age == 1 == 2", "column 10: expected 'and', 'or'");
	syntax_is("true true", "column 6");
	syntax_is("goal == 'buzz_look' 'y'",
	    "column 21: expected 'and', 'or' or the end of the "
	    "condition but found the string 'y'");
}

Test(expr_syntax, missing_pieces)
{
	syntax_is("age ==", "column 7: expected a value but found end of expression");
	syntax_is("age == == 1", "column 8: expected a value but found '=='");
	syntax_is("goal",
	    "column 5: expected a comparison operator or 'in' but found end of "
	    "expression");
	syntax_is("'pattern'", "expected a comparison operator or 'in'");
	syntax_is("age and true",
	    "column 5: expected a comparison operator or 'in' but found "
	    "'and'");
	syntax_is("and age == 1", "column 1: expected a condition but found 'and'");
	syntax_is("age == 1 and", "column 13: expected a condition but found end of expression");
	syntax_is("not", "expected a condition but found end of expression");
	syntax_is("age == 1 or or true", "column 13: expected a condition but found 'or'");
}

Test(expr_syntax, lists)
{
	syntax_is("age in []", "column 9: expected a value but found ']'");
	syntax_is("age in [1, 2", "expected ',' or ']' but found end of expression");
	syntax_is("age in [1 2]", "column 11: expected ',' or ']' but found '2'");
	syntax_is("age in [1,]", "column 11: expected a value but found ']'");
	syntax_is("age in goal", "column 8: expected '[' but found 'goal'");
	syntax_is("'x' in setting.min_age",
	    "expected '[' or a question id but found "
	    "'setting.min_age'");
	syntax_is("age in (1)", "expected '['");
}

Test(expr_syntax, answered_shape)
{
	syntax_is("answered age", "column 10: expected '(' but found 'age'");
	syntax_is("answered()", "column 10: expected a question id but found ')'");
	syntax_is("answered(age", "expected ')' but found end of expression");
}

Test(expr_syntax, unterminated_string)
{
	syntax_is("goal == 'buzz_look", "rule 'r1': syntax error at column 9: unterminated string");
}

Test(expr_syntax, bad_characters)
{
	syntax_is("age # 1", "syntax error at column 5: unexpected character '#'");
	syntax_is("age = 1", "column 5: unexpected character '=' (did you mean '=='?)");
	syntax_is("age ! 1", "column 5: unexpected character '!' (did you mean '!='?)");
	syntax_is("age == -1", "column 8: unexpected character '-'");
	syntax_is("goal == \"buzz_look\"", "column 9: unexpected character '\"'");
	syntax_is("age == 1 && true", "unexpected character '&'");
	syntax_is("age\x01 == 1", "unexpected character '\\x01'");
}

Test(expr_syntax, columns_count_characters_not_bytes)
{
	/* 'é' is two bytes; '#' is the 13th character. */
	syntax_is("goal == '\xc3\xa9' #", "column 13: unexpected character '#'");
}

Test(expr_syntax, integer_overflow)
{
	syntax_is("age < 99999999999999999999",
	    "column 7: integer 99999999999999999999 is too "
	    "large");
	syntax_is("age < 9223372036854775808", "integer 9223372036854775808 is too large");
}

Test(expr_syntax, setting_prefix_without_a_name)
{
	syntax_is("setting. == 1", "column 9: expected a setting name after 'setting.'");
	syntax_is("setting.1x", "expected a setting name after 'setting.'");
	syntax_is("setting.always_patch_test.x", "unexpected character '.'");
}

Test(expr_syntax, nesting_limit)
{
	struct strbuf sb = { 0 };
	struct expr *e;
	int i;

	for (i = 0; i < 200; i++)
		sb_append(&sb, "(");
	syntax_is(sb_str(&sb), "nested too deeply");
	sb_reset(&sb);
	for (i = 0; i < 200; i++)
		sb_append(&sb, "not ");
	sb_append(&sb, "true");
	syntax_is(sb_str(&sb), "nested too deeply");
	sb_reset(&sb);
	for (i = 0; i < 20; i++)
		sb_append(&sb, "not (");
	sb_append(&sb, "true");
	for (i = 0; i < 20; i++)
		sb_append(&sb, ")");
	e = parse_ok(sb_str(&sb));
	cr_expect(expr_eval(e, NULL));
	expr_free(e);
	sb_free(&sb);
}

/* Source text of n copies of piece, then tail (caller frees). */
static char *
repeat(const char *piece, size_t n, const char *tail)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		sb_append(&sb, piece);
	sb_append(&sb, tail);
	return sb_detach(&sb);
}

/* The lexer stops at the '(' the parser refuses: a hundred thousand of them are not
 * tokenised (under the sanitizers that took over a minute), and what follows is not read. */
Test(expr_syntax, deep_nesting_stops_at_the_65th_parenthesis)
{
	char *src = repeat("(", 100000, "");

	syntax_is(src, "rule 'r1': syntax error at column 65: condition is nested too deeply");
	free(src);
	/* The bad character at the end is never reached. */
	src = repeat("(", 100000, "age == 1 $");
	syntax_is(src, "syntax error at column 65: condition is nested too deeply");
	free(src);
	src = repeat("not ", 100000, "true");
	syntax_is(src, "syntax error at column 257: condition is nested too deeply");
	free(src);
}

/* The lexer's count is the parser's: 'not' before '(' counts as long as the parenthesis is
 * open, answered()'s own parenthesis does not count, a closed group counts no more. */
Test(expr_syntax, nesting_counted_as_the_parser_counts)
{
	char *open64 = repeat("(", 64, ""), *close64 = repeat(")", 64, ""), *src;
	struct expr *e;

	src = xasprintf("%strue%s", open64, close64);
	e = parse_ok(src);
	cr_expect(expr_eval(e, NULL));
	expr_free(e);
	free(src);
	src = xasprintf("not %s", open64);
	syntax_is(src, "column 68: condition is nested too deeply");
	free(src);
	src = xasprintf("not (true) and %strue%s", open64, close64);
	e = parse_ok(src);
	expr_free(e);
	free(src);
	src = xasprintf("%sanswered(age)%s", open64, close64);
	e = parse_ok(src);
	expr_free(e);
	free(src);
	src = xasprintf("%s(true)%s", open64, close64);
	syntax_is(src, "column 65: condition is nested too deeply");
	free(src);
	free(open64);
	free(close64);
}

/* Long flat conditions grow their arrays by doubling; they parse and mean what they say. */
Test(expr_syntax, long_chains_and_lists)
{
	struct strbuf sb = { 0 };
	struct expr *e;
	char *src;
	int i;

	src = repeat("false or ", 100000, "true");
	e = parse_ok(src);
	cr_expect(expr_eval(e, NULL));
	expr_free(e);
	free(src);
	src = repeat("true and ", 100000, "false");
	e = parse_ok(src);
	cr_expect_not(expr_eval(e, NULL));
	expr_free(e);
	free(src);
	/* The default of min_age is 18: the last value of the list. */
	sb_append(&sb, "setting.min_age in [");
	for (i = 0; i < 10000; i++)
		sb_printf(&sb, "%d, ", 16 + i % 2);
	sb_append(&sb, "18]");
	e = parse_ok(sb_str(&sb));
	cr_expect(expr_eval(e, &(struct expr_env){ .answers = NULL, .settings = NULL }));
	expr_free(e);
	sb_free(&sb);
}

Test(expr_syntax, static_errors_before_a_syntax_error_are_kept)
{
	size_t n = 0;
	struct expr_scope scope = scope_rule();
	char *m = parse_fail_in("agee == 1 and (", &scope, &n);

	cr_expect_eq(n, 2, "%s", m);
	cr_expect(strstr(m, "unknown question 'agee'") != NULL, "%s", m);
	cr_expect(strstr(m, "syntax error at column 16") != NULL, "%s", m);
	free(m);
}

Test(expr_syntax, keywords_are_not_question_ids)
{
	syntax_is("in == 1", "column 1: expected a condition but found 'in'");
	syntax_is("answered == 1", "expected '(' but found '=='");
}

Test(expr_syntax, reserved_words_are_one_list)
{
	static const char *const words[] = { "and", "or", "not", "in", "answered", "true", "false",
		"setting", "unknown" };
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		cr_expect(expr_is_reserved(words[i], strlen(words[i])), "%s", words[i]);
	/* Only the n bytes count: a longer or shorter name is not the word. */
	cr_expect(expr_is_reserved("andy", 3));
	cr_expect_not(expr_is_reserved("andy", 4));
	cr_expect_not(expr_is_reserved("an", 2));
	cr_expect_not(expr_is_reserved("AND", 3), "words are case-sensitive");
	cr_expect_not(expr_is_reserved("", 0));
	cr_expect_not(expr_is_reserved("age", 3));
}
