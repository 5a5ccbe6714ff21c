/* SPDX-License-Identifier: ISC */
/* The condition language of the contract (show_if and rule `when`): lexer, recursive-descent
 * parser to a tree resolved against the questionnaire and settings, and evaluator. */
#ifndef SMPSCREEN_EXPR_H
#define SMPSCREEN_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/diag.h"

struct answer;
struct questionnaire;
struct setting_defs;

struct expr;

/* What a parse may name, and where to report problems. */
struct expr_scope {
	const struct questionnaire *qn;
	size_t n_visible;                    /* only questions [0, n_visible) may be named */
	const struct setting_defs *settings; /* NULL: no setting may be named */
	const char *file;
	int line;
	const char *owner; /* e.g. "rule 'keloid-refer'", used in messages */
	size_t *suggested; /* the file's suggestion budget (suggest.h); NULL: unlimited */
};

/* Parses src into a tree owned by the caller (expr_free). Names are resolved and checked
 * statically: unknown question or setting ids (with a did-you-mean), questions outside
 * n_visible, option values a question does not have, integers compared with options or
 * strings, `in` on a question that is not multi, non-boolean bare settings, and comparisons
 * that can never be true (a value the question cannot take). Returns NULL after adding every
 * problem found to dl. */
struct expr *expr_parse(const char *src, const struct expr_scope *scope, struct diag_list *dl);
/* Accepts NULL. */
void expr_free(struct expr *e);

/* Values an expression is evaluated against. */
struct expr_env {
	const struct answer *answers; /* one per question; ANSWER_ABSENT means absent */
	const long *settings;         /* one per setting definition */
};

/* The contract's two-valued meaning: every test on an absent question is false. */
bool expr_eval(const struct expr *e, const struct expr_env *env);
/* As expr_eval; also sets mark[q] = 1 for each question whose (present) answer decided the
 * result: all operands of a true `and`, the first true operand of an `or`, and so on. */
bool expr_eval_trace(const struct expr *e, const struct expr_env *env, unsigned char *mark);
/* As expr_eval_trace, where mark[q] is set only for questions not marked yet, and each is
 * also appended to list (room for every question e names), their number in *n: the caller
 * clears the marks it was given in time proportional to them, not to the questionnaire. */
bool expr_eval_trace_list(const struct expr *e, const struct expr_env *env, unsigned char *mark,
    size_t *list, size_t *n);
/* What a condition can still come to while some answers are to come. */
enum expr_tri { EXPR_FALSE, EXPR_TRUE, EXPR_OPEN };
/* As expr_eval, with the questions q for which open[q] is set not answered yet but still to be
 * asked: EXPR_OPEN when their answers could make e either true or false (a test on an open
 * question is taken as able to go either way). open may be NULL (nothing open). */
enum expr_tri expr_eval_open(const struct expr *e, const struct expr_env *env,
    const unsigned char *open);
/* Sets mark[q] = 1 for every question the expression names. */
void expr_questions(const struct expr *e, unsigned char *mark);
/* Calls fn(q, arg) for every question the expression names, in no particular order, as
 * often as it is named. */
void expr_each_question(const struct expr *e, void (*fn)(size_t q, void *arg), void *arg);

/* Whether the n bytes at s are a word of the language (a keyword, "setting" or "unknown"),
 * which therefore cannot name a question. */
bool expr_is_reserved(const char *s, size_t n);

#endif
