/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the condition language (show_if and rule `when`). The input is one
 * expression. It is parsed and checked against the bundled questionnaire and rule settings
 * twice, as a rule sees them (every question, every setting) and as a show_if half-way
 * down the questionnaire sees them (earlier questions only, no settings); what parses is
 * evaluated against fixed answers and settings, and the evaluators must agree with each
 * other:
 *   - expr_eval_trace gives what expr_eval gives, and marks only questions the expression
 *     names (expr_questions) that have an answer;
 *   - expr_eval_trace_list (outcome_compute's, which evaluates and/or of tests in one pass)
 *     gives the same result and marks, and lists each marked question once;
 *   - expr_eval_open with nothing open gives what expr_eval gives;
 *   - when expr_eval_open decides a result with some questions still open, every answer
 *     to those questions keeps it: the fixed ones and none at all.
 * Seeds: the `when` and `show_if` strings of the bundled and test content (fuzz/run.sh).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/expr.h"
#include "fuzz.h"
#include "smpscreen/answer.h"
#include "smpscreen/diag.h"
#include "smpscreen/xalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { ENV_ABSENT, ENV_LOW, ENV_HIGH, ENV_UNKNOWN, N_ENVS };

static struct fuzz_content fc;
/* N_ENVS answer sets, each one answer per question, and two sets of setting values. */
static struct answer *answers[N_ENVS];
static long *settings_low, *settings_high;
/* Which questions are still open: all of them, and every other one. */
static unsigned char *open_all, *open_odd;

/* The answer set `which` gives question q: every kind of answer a question can hold. */
static void
fixed_answer(const struct question *q, int which, struct answer *v)
{
	memset(v, 0, sizeof *v);
	if (which == ENV_ABSENT || q->type == QTYPE_INFO)
		return;
	if (which == ENV_UNKNOWN) {
		if (q->allow_unknown)
			v->kind = ANSWER_UNKNOWN;
		return;
	}
	switch (q->type) {
	case QTYPE_SINGLE:
		v->kind = ANSWER_OPTION;
		v->num = which == ENV_LOW ? 0 : (long)q->n_options - 1;
		break;
	case QTYPE_MULTI:
		v->kind = ANSWER_OPTIONS;
		/* Low: the first option alone; high: every option at once. */
		v->set = which == ENV_LOW ? 1 :
		    q->n_options >= 64    ? UINT64_MAX :
		                            (UINT64_C(1) << q->n_options) - 1;
		break;
	case QTYPE_INTEGER:
		v->kind = ANSWER_INTEGER;
		v->num = which == ENV_LOW ? q->min : q->max;
		break;
	case QTYPE_TEXT:
		v->kind = ANSWER_TEXT;
		v->text = xstrdup(which == ENV_LOW ? "" : "some words");
		break;
	case QTYPE_INFO:
		break;
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct setting_defs *defs;
	size_t n, i;
	int e;

	(void)argc;
	(void)argv;
	fuzz_content_load(&fc);
	n = fc.qn->n_questions;
	for (e = 0; e < N_ENVS; e++) {
		answers[e] = xcalloc(n, sizeof *answers[e]);
		for (i = 0; i < n; i++)
			fixed_answer(&fc.qn->questions[i], e, &answers[e][i]);
	}
	defs = &fc.rs->settings;
	settings_low = xcalloc(defs->n + 1, sizeof *settings_low);
	settings_high = xcalloc(defs->n + 1, sizeof *settings_high);
	for (i = 0; i < defs->n; i++) {
		switch (defs->items[i].type) {
		case SETTING_INTEGER:
			settings_low[i] = defs->items[i].min;
			settings_high[i] = defs->items[i].max;
			break;
		case SETTING_ENUM:
			settings_low[i] = 0;
			settings_high[i] = (long)defs->items[i].n_values - 1;
			break;
		case SETTING_BOOLEAN:
			settings_low[i] = 0;
			settings_high[i] = 1;
			break;
		}
	}
	open_all = xcalloc(n + 1, 1);
	open_odd = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		open_all[i] = 1;
		open_odd[i] = i % 2;
	}
	return 0;
}

/* The checks of the header's list, for one expression on one set of values. */
/* The listing trace against the marking one (mark, its result r): again and list are
 * scratch room for n + 1 questions. */
static void
check_listing(const struct expr *e, const struct expr_env *env, bool r, const unsigned char *mark,
    unsigned char *again, size_t *list)
{
	size_t n = fc.qn->n_questions, i, listed, marked = 0;

	memset(again, 0, n + 1);
	if (expr_eval_trace_list(e, env, again, list, &listed) != r)
		fuzz_fail("expr_eval_trace_list gives %d, expr_eval %d", !r, r);
	if (memcmp(again, mark, n + 1) != 0)
		fuzz_fail("the listing trace marks other questions than the marking one");
	for (i = 0; i < n; i++)
		marked += mark[i] != 0;
	for (i = 0; i < listed; i++) {
		if (list[i] >= n || again[list[i]] != 1)
			fuzz_fail("the listing trace lists question %zu twice or unmarked",
			    list[i]);
		again[list[i]] = 2;
	}
	if (listed != marked)
		fuzz_fail("the listing trace lists %zu questions and marks %zu", listed, marked);
}

static void
check_eval(const struct expr *e, const struct expr_env *env, const unsigned char *named,
    unsigned char *mark, unsigned char *again, size_t *list, struct answer *scratch)
{
	const unsigned char *opens[] = { open_all, open_odd };
	size_t n = fc.qn->n_questions, i, k;
	struct expr_env closed;
	enum expr_tri tri;
	bool r, t;

	r = expr_eval(e, env);
	memset(mark, 0, n + 1);
	t = expr_eval_trace(e, env, mark);
	if (t != r)
		fuzz_fail("expr_eval_trace gives %d, expr_eval %d", t, r);
	for (i = 0; i < n; i++)
		if (mark[i] && (!named[i] || env->answers[i].kind == ANSWER_ABSENT))
			fuzz_fail("the trace marks question %zu ('%s'), which %s", i,
			    fc.qn->questions[i].id,
			    !named[i] ? "the expression does not name" : "has no answer");
	check_listing(e, env, r, mark, again, list);
	tri = expr_eval_open(e, env, NULL);
	if (tri != (r ? EXPR_TRUE : EXPR_FALSE))
		fuzz_fail("expr_eval_open with nothing open gives %d, expr_eval %d", tri, r);
	for (k = 0; k < sizeof opens / sizeof opens[0]; k++) {
		tri = expr_eval_open(e, env, opens[k]);
		if (tri == EXPR_OPEN)
			continue;
		if (r != (tri == EXPR_TRUE))
			fuzz_fail("expr_eval_open decided %d with open questions, but their "
			          "answers give %d",
			    tri, r);
		/* The same values with the open questions not answered at all. */
		for (i = 0; i < n; i++)
			scratch[i] = opens[k][i] ? (struct answer){ 0 } : env->answers[i];
		closed = (struct expr_env){ scratch, env->settings };
		if (expr_eval(e, &closed) != (tri == EXPR_TRUE))
			fuzz_fail("expr_eval_open decided %d with open questions, but without "
			          "their answers the result is %d",
			    tri, !r);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct expr_scope scope = { .qn = fc.qn,
		.n_visible = fc.qn->n_questions,
		.settings = &fc.rs->settings,
		.file = "fuzz.cfg",
		.line = 1,
		.owner = "rule 'fuzz'" };
	const long *values[] = { fc.st.values, settings_low, settings_high };
	size_t n = fc.qn->n_questions, a, s;
	unsigned char *named, *mark, *again;
	size_t *list;
	struct answer *scratch;
	struct expr_env env;
	struct expr *e;
	char *src = fuzz_string(data, size);

	/* As a show_if in the middle of the questionnaire: earlier questions, no settings. */
	scope.n_visible = n / 2;
	scope.settings = NULL;
	scope.owner = "question 'fuzz'";
	expr_free(expr_parse(src, &scope, &dl));
	diag_clear(&dl);

	scope.n_visible = n;
	scope.settings = &fc.rs->settings;
	scope.owner = "rule 'fuzz'";
	if ((e = expr_parse(src, &scope, &dl)) == NULL) {
		if (diag_errors(&dl) == 0)
			fuzz_fail("expr_parse failed without saying why");
		goto out;
	}
	if (diag_errors(&dl) != 0)
		fuzz_fail("expr_parse returned a tree and reported an error");
	named = xcalloc(n + 1, 1);
	mark = xcalloc(n + 1, 1);
	again = xcalloc(n + 1, 1);
	list = xcalloc(n + 1, sizeof *list);
	scratch = xcalloc(n + 1, sizeof *scratch);
	expr_questions(e, named);
	for (a = 0; a < N_ENVS; a++)
		for (s = 0; s < sizeof values / sizeof values[0]; s++) {
			env = (struct expr_env){ answers[a], values[s] };
			check_eval(e, &env, named, mark, again, list, scratch);
		}
	free(scratch);
	free(list);
	free(again);
	free(mark);
	free(named);
	expr_free(e);
out:
	diag_clear(&dl);
	free(src);
	return 0;
}
