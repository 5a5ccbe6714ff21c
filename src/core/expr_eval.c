/* SPDX-License-Identifier: ISC */
/* The condition language's evaluator: a checked tree against answers and settings, with the
 * trace of which answers decided the result. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "expr_int.h"
#include "smpscreen/answer.h"
#include "smpscreen/settings.h"

bool
expr_holds(enum cmp_op op, long a, long b)
{
	switch (op) {
	case OP_EQ:
		return a == b;
	case OP_NE:
		return a != b;
	case OP_LT:
		return a < b;
	case OP_LE:
		return a <= b;
	case OP_GT:
		return a > b;
	case OP_GE:
		return a >= b;
	}
	return false;
}

/* ---- evaluation ----------------------------------------------------------------------- */

static const struct answer *
answer_of(const struct expr_env *env, size_t q)
{
	if (env == NULL || env->answers == NULL)
		return NULL;
	return &env->answers[q];
}

static struct value
operand_value(const struct operand *o, const struct expr_env *env)
{
	struct value v = { V_ABSENT, 0 };
	const struct answer *an;
	long s;

	switch (o->kind) {
	case OPND_CONST:
		return o->c;
	case OPND_SETTING:
		s = env != NULL && env->settings != NULL ? env->settings[o->index] : o->def;
		v.kind = o->stype == SETTING_INTEGER ? V_INT : V_SYM;
		v.n = o->stype == SETTING_BOOLEAN ? s != 0 : s;
		return v;
	case OPND_QUESTION:
		if ((an = answer_of(env, o->index)) == NULL)
			return v;
		if (an->kind == ANSWER_UNKNOWN)
			v.kind = V_UNKNOWN;
		else if (an->kind == ANSWER_OPTION)
			v.kind = V_SYM;
		else if (an->kind == ANSWER_INTEGER)
			v.kind = V_INT;
		v.n = an->num;
		return v;
	}
	return v;
}

static bool
values_equal(const struct expr *e, struct value a, struct value b)
{
	if (a.kind != b.kind)
		return false;
	switch (a.kind) {
	case V_UNKNOWN:
		return true;
	case V_INT:
		return a.n == b.n;
	case V_SYM:
		if (e->map == NULL)
			return a.n == b.n;
		return a.n >= 0 && (size_t)a.n < e->n_map && e->map[a.n] == b.n;
	default:
		return false;
	}
}

/* Where a trace goes: the marks, and (when list is not NULL) the questions newly marked, so
 * that a caller with many conditions to trace never has to scan or clear all the marks. */
struct trace {
	unsigned char *mark;
	size_t *list;
	size_t n;
};

static void
mark_operand(const struct operand *o, const struct expr_env *env, struct trace *t)
{
	const struct answer *an;

	if (t == NULL || o->kind != OPND_QUESTION)
		return;
	if ((an = answer_of(env, o->index)) == NULL || an->kind == ANSWER_ABSENT ||
	    t->mark[o->index])
		return;
	t->mark[o->index] = 1;
	if (t->list != NULL)
		t->list[t->n++] = o->index;
}

static bool
eval_cmp(const struct expr *e, const struct expr_env *env)
{
	struct value a = operand_value(&e->a, env), b = operand_value(&e->b, env);

	/* Every test on an absent question is false, != included. */
	if (a.kind == V_ABSENT || b.kind == V_ABSENT)
		return false;
	switch (e->op) {
	case OP_EQ:
		return values_equal(e, a, b);
	case OP_NE:
		return !values_equal(e, a, b);
	default:
		return a.kind == V_INT && b.kind == V_INT && expr_holds(e->op, a.n, b.n);
	}
}

static bool
eval_has(const struct expr *e, const struct expr_env *env)
{
	const struct answer *an = answer_of(env, e->a.index);

	if (an == NULL)
		return false;
	if (an->kind == ANSWER_UNKNOWN)
		return e->bit == 0;
	return an->kind == ANSWER_OPTIONS && e->bit != 0 && (an->set & e->bit) != 0;
}

static bool eval(const struct expr *e, const struct expr_env *env, struct trace *t);

/* Whether e holds no `and` or `or`: a test, or the negation of one. */
static bool
no_junction(const struct expr *e)
{
	while (e->kind == NODE_NOT)
		e = e->kids[0];
	return e->kind != NODE_AND && e->kind != NODE_OR;
}

/* Whether every operand of the junction e is a test (no_junction). */
static bool
junction_of_tests(const struct expr *e)
{
	size_t i;

	for (i = 0; i < e->n_kids; i++)
		if (!no_junction(e->kids[i]))
			return false;
	return true;
}

/*
 * An `and` or `or` of tests, with a trace that lists its marks (outcome_compute's): each
 * operand is evaluated once, with the trace, rather than first without one and again with it
 * for every rule of every file screened. The marks are a stack, so what the operands
 * before the deciding one marked is taken back, and that one evaluated again from the state
 * the junction began with: it may have skipped a question they had marked. The marks are
 * then those of the two-pass way exactly. Only for operands that are tests: evaluating a
 * nested junction again would, level by level, double the work (2^depth for a chain of
 * `and`s), where the two-pass way costs the size times the depth.
 */
static bool
eval_junction(const struct expr *e, const struct expr_env *env, struct trace *t)
{
	bool decider = e->kind == NODE_OR; /* what an operand that decides is */
	size_t i, start = t->n, before;

	for (i = 0; i < e->n_kids; i++) {
		before = t->n;
		if (eval(e->kids[i], env, t) == decider) {
			if (before > start) {
				while (t->n > start)
					t->mark[t->list[--t->n]] = 0;
				eval(e->kids[i], env, t);
			}
			return decider;
		}
	}
	return !decider;
}

/* Evaluates e; with a trace, also marks the questions that decided the result. */
static bool
eval(const struct expr *e, const struct expr_env *env, struct trace *t)
{
	const struct answer *an;
	size_t i;
	bool r;

	switch (e->kind) {
	case NODE_CONST:
		return e->value;
	case NODE_NOT:
		return !eval(e->kids[0], env, t);
	case NODE_AND:
	case NODE_OR:
		if (t != NULL && t->list != NULL && junction_of_tests(e))
			return eval_junction(e, env, t);
		/* An `and` is decided by its first false operand, an `or` by its first true. */
		for (i = 0; i < e->n_kids; i++) {
			if (eval(e->kids[i], env, NULL) != (e->kind == NODE_AND)) {
				if (t != NULL)
					eval(e->kids[i], env, t);
				return e->kind == NODE_OR;
			}
		}
		if (t != NULL)
			for (i = 0; i < e->n_kids; i++)
				eval(e->kids[i], env, t);
		return e->kind == NODE_AND;
	case NODE_ANSWERED:
		an = answer_of(env, e->a.index);
		r = an != NULL && an->kind != ANSWER_ABSENT;
		mark_operand(&e->a, env, t);
		return r;
	case NODE_SETTING:
		return operand_value(&e->a, env).n != 0;
	case NODE_CMP:
		mark_operand(&e->a, env, t);
		mark_operand(&e->b, env, t);
		return eval_cmp(e, env);
	case NODE_HAS:
		mark_operand(&e->a, env, t);
		return eval_has(e, env);
	}
	return false;
}

bool
expr_eval(const struct expr *e, const struct expr_env *env)
{
	return e != NULL && eval(e, env, NULL);
}

bool
expr_eval_trace(const struct expr *e, const struct expr_env *env, unsigned char *mark)
{
	struct trace t = { mark, NULL, 0 };

	return e != NULL && eval(e, env, mark != NULL ? &t : NULL);
}

bool
expr_eval_trace_list(const struct expr *e, const struct expr_env *env, unsigned char *mark,
    size_t *list, size_t *n)
{
	struct trace t = { mark, list, 0 };
	bool r = e != NULL && eval(e, env, &t);

	*n = t.n;
	return r;
}

static bool
is_open(const struct operand *o, const unsigned char *open)
{
	return open != NULL && o->kind == OPND_QUESTION && open[o->index];
}

static bool
stays_absent(const struct operand *o, const struct expr_env *env, const unsigned char *open)
{
	return o->kind == OPND_QUESTION && !is_open(o, open) &&
	    operand_value(o, env).kind == V_ABSENT;
}

/* Kleene's three-valued logic: `and` is false when one operand is, true when all are. */
static enum expr_tri
eval_open(const struct expr *e, const struct expr_env *env, const unsigned char *open)
{
	enum expr_tri r, k;
	size_t i;

	switch (e->kind) {
	case NODE_NOT:
		r = eval_open(e->kids[0], env, open);
		return r == EXPR_OPEN ? EXPR_OPEN : r == EXPR_TRUE ? EXPR_FALSE : EXPR_TRUE;
	case NODE_AND:
	case NODE_OR:
		r = e->kind == NODE_AND ? EXPR_TRUE : EXPR_FALSE;
		for (i = 0; i < e->n_kids; i++) {
			k = eval_open(e->kids[i], env, open);
			if (k == (e->kind == NODE_AND ? EXPR_FALSE : EXPR_TRUE))
				return k;
			if (k == EXPR_OPEN)
				r = EXPR_OPEN;
		}
		return r;
	case NODE_ANSWERED:
	case NODE_HAS:
		if (is_open(&e->a, open))
			return EXPR_OPEN;
		break;
	case NODE_CMP:
		/* A test on a question that stays unanswered is false whatever the other side. */
		if ((is_open(&e->a, open) || is_open(&e->b, open)) &&
		    !stays_absent(&e->a, env, open) && !stays_absent(&e->b, env, open))
			return EXPR_OPEN;
		break;
	case NODE_CONST:
	case NODE_SETTING:
		break;
	}
	return eval(e, env, NULL) ? EXPR_TRUE : EXPR_FALSE;
}

enum expr_tri
expr_eval_open(const struct expr *e, const struct expr_env *env, const unsigned char *open)
{
	return e == NULL ? EXPR_FALSE : eval_open(e, env, open);
}

void
expr_each_question(const struct expr *e, void (*fn)(size_t q, void *arg), void *arg)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n_kids; i++)
		expr_each_question(e->kids[i], fn, arg);
	if (e->kind == NODE_ANSWERED || e->kind == NODE_HAS || e->kind == NODE_CMP) {
		if (e->a.kind == OPND_QUESTION)
			fn(e->a.index, arg);
		if (e->kind == NODE_CMP && e->b.kind == OPND_QUESTION)
			fn(e->b.index, arg);
	}
}

static void
set_mark(size_t q, void *mark)
{
	((unsigned char *)mark)[q] = 1;
}

void
expr_questions(const struct expr *e, unsigned char *mark)
{
	if (mark != NULL)
		expr_each_question(e, set_mark, mark);
}
