/* SPDX-License-Identifier: ISC */
/* What the pieces of the condition language share and nothing else sees: the tokens, the
 * parser's state and the tree. The public interface is expr.h. */
#ifndef SMPSCREEN_EXPR_INT_H
#define SMPSCREEN_EXPR_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr.h"
#include "smpscreen/diag.h"
#include "smpscreen/settings.h"

struct question;

/*
 * The contract's condition language (questions.md §2). The source is lexed into an array of
 * tokens, parsed by recursive descent and every name and quoted value is resolved while the
 * tree is built: question and setting ids become indices, option values become option
 * indices, and the reserved 'unknown' becomes its own kind of value. Evaluation therefore
 * never compares strings and cannot meet a name it does not know.
 */

enum tok_type {
	T_END,
	T_IDENT,
	T_SETTING,
	T_STRING,
	T_INTEGER,
	T_LPAREN,
	T_RPAREN,
	T_LBRACKET,
	T_RBRACKET,
	T_COMMA,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_AND,
	T_OR,
	T_NOT,
	T_IN,
	T_ANSWERED,
	T_TRUE,
	T_FALSE,
};

struct token {
	enum tok_type type;
	size_t off, len; /* bytes of the source, quotes included */
	long num;        /* T_INTEGER */
	char *text;      /* T_IDENT, T_SETTING (without "setting."), T_STRING (without quotes) */
	char *shown;     /* text made safe for a message */
};

enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

enum value_kind { V_ABSENT, V_UNKNOWN, V_INT, V_SYM };

/* V_SYM is an index into the domain of whatever produced it (options or enum values). */
struct value {
	enum value_kind kind;
	long n;
};

/* OPND_CONST is 0 so that the unused operands of a zeroed node name no question. */
enum operand_kind { OPND_CONST, OPND_QUESTION, OPND_SETTING };

struct operand {
	enum operand_kind kind;
	size_t index;            /* question or setting */
	enum setting_type stype; /* OPND_SETTING */
	long def;                /* OPND_SETTING: used when the environment has no settings */
	struct value c;          /* OPND_CONST */
};

enum node_kind {
	NODE_CONST,
	NODE_NOT,
	NODE_AND,
	NODE_OR,
	NODE_ANSWERED, /* a: the question */
	NODE_SETTING,  /* a: a boolean setting used alone */
	NODE_CMP,      /* a op b */
	NODE_HAS,      /* 'v' in a, a a multi question */
};

struct expr {
	enum node_kind kind;
	bool value; /* NODE_CONST */
	struct expr **kids;
	size_t n_kids;
	enum cmp_op op;
	struct operand a, b;
	long *map; /* NODE_CMP: a's symbol i is b's symbol map[i], when the domains differ */
	size_t n_map;
	uint64_t bit; /* NODE_HAS: the option's bit; 0 means the value 'unknown' */
};

/* Deeper nesting than this is no condition a person wrote; refusing it bounds the stack. */
#define EXPR_MAX_DEPTH 64

struct parser {
	const char *src;
	const struct questionnaire *qn;
	size_t n_visible;
	const struct setting_defs *settings;
	struct diag_list *dl;
	const char *file;
	int line;
	const char *owner;
	struct token *toks;
	size_t n_toks, cap_toks, pos;
	size_t errors;
	int depth;
	size_t *suggested; /* the file's suggestion budget spent so far, or own_budget */
	size_t own_budget;
};

/* ---- expr_lex.c ---------------------------------------------------------------------- */

/* Adds an error about the condition being parsed to its diagnostics and counts it. */
void expr_report(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The n bytes at s made safe for a message, cut when long; the caller frees it. */
char *expr_make_shown(const char *s, size_t n);
/* The 1-based column of byte off of src, counted in characters. */
size_t expr_column(const char *src, size_t off);
/* Splits p->src into p->toks, ending with T_END; 0, or -1 after reporting a lexical error.
 * Where the parser is bound to refuse a '(' or 'not' as nested too deeply, the tokens end
 * with that one: the rest of the source is never looked at. */
int expr_lex(struct parser *p);
/* Frees the tokens of p (and what they own) and leaves it with none. */
void expr_tokens_free(struct parser *p);

/* ---- expr_parse.c -------------------------------------------------------------------- */

/* A new node of this kind, zeroed otherwise; the caller owns it (expr_free). */
struct expr *expr_node_new(enum node_kind kind);
/* A constant node; the caller owns it. */
struct expr *expr_node_const(bool v);
/* Appends kid to e's operands; e owns it from now on. */
void expr_node_add(struct expr *e, struct expr *kid);

/* ---- expr_check.c: names resolved and checked, nodes the grammar asks for ------------ */

/* Resolves a question id token to its question (borrowed) and *index; reports an unknown id
 * or one not asked before the owner and returns NULL. */
const struct question *expr_resolve_question(struct parser *p, const struct token *t,
    size_t *index);
/* lt op rt, checked. Each expr_build_* returns a tree the caller owns, never NULL: after
 * reporting a problem, the constant false, so the parse goes on to find the next one. */
struct expr *expr_build_cmp(struct parser *p, enum cmp_op op, const struct token *lt,
    const struct token *rt);
/* xt in [el[0], ..., el[n - 1]], n > 0. */
struct expr *expr_build_in_list(struct parser *p, const struct token *xt, const struct token **el,
    size_t n);
/* 'vt' in qt, qt a multi question. */
struct expr *expr_build_has(struct parser *p, const struct token *vt, const struct token *qt);
/* A setting standing alone, which must be boolean. */
struct expr *expr_build_bare_setting(struct parser *p, const struct token *t);

/* ---- expr_eval.c --------------------------------------------------------------------- */

/* Whether a op b holds between two integers. */
bool expr_holds(enum cmp_op op, long a, long b);

#endif
