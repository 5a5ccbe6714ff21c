/* SPDX-License-Identifier: ISC */
/* The condition language's grammar: recursive descent over the tokens, building the tree.
 * What each comparison means and whether it can hold is expr_check.c's business. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"
#include "smpscreen/diag.h"
#include "smpscreen/i18n.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/xalloc.h"

/* ---- tree ----------------------------------------------------------------------------- */

struct expr *
expr_node_new(enum node_kind kind)
{
	struct expr *e = xcalloc(1, sizeof *e);

	e->kind = kind;
	return e;
}

struct expr *
expr_node_const(bool v)
{
	struct expr *e = expr_node_new(NODE_CONST);

	e->value = v;
	return e;
}

/* The operands grow by doubling, their capacity the next power of two, so that a chain of
 * a hundred thousand 'or's is not copied once per operand. */
void
expr_node_add(struct expr *e, struct expr *kid)
{
	size_t n = e->n_kids;

	if ((n & (n - 1)) == 0)
		e->kids = xreallocarray(e->kids, n != 0 ? n * 2 : 1, sizeof *e->kids);
	e->kids[e->n_kids++] = kid;
}

void
expr_free(struct expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n_kids; i++)
		expr_free(e->kids[i]);
	free(e->kids);
	free(e->map);
	free(e);
}

/* ---- parser: errors ------------------------------------------------------------------- */

static const struct token *
peek(const struct parser *p)
{
	return &p->toks[p->pos];
}

static char *
describe_token(const struct parser *p, const struct token *t)
{
	char *shown, *s;

	if (t->type == T_END)
		return xstrdup(_("end of expression"));
	if (t->type == T_STRING)
		return xasprintf(_("the string '%s'"), t->shown);
	shown = expr_make_shown(p->src + t->off, t->len);
	s = xasprintf("'%s'", shown);
	free(shown);
	return s;
}

/* Reports that t is not what the grammar allows here; the parse of this condition stops. */
static void
syntax_error(struct parser *p, const struct token *t, const char *expected)
{
	char *found = describe_token(p, t);

	expr_report(p, _("%s: syntax error at column %zu: expected %s but found %s"), p->owner,
	    expr_column(p->src, t->off), expected, found);
	free(found);
}

static bool
expect(struct parser *p, enum tok_type type, const char *expected)
{
	if (peek(p)->type != type) {
		syntax_error(p, peek(p), expected);
		return false;
	}
	p->pos++;
	return true;
}

/* ---- parser: grammar ------------------------------------------------------------------ */

static struct expr *parse_or(struct parser *);

static bool
is_operand(enum tok_type t)
{
	return t == T_IDENT || t == T_SETTING || t == T_STRING || t == T_INTEGER;
}

static bool
is_cmp(enum tok_type t)
{
	return t == T_EQ || t == T_NE || t == T_LT || t == T_LE || t == T_GT || t == T_GE;
}

static enum cmp_op
tok_op(enum tok_type t)
{
	switch (t) {
	case T_NE:
		return OP_NE;
	case T_LT:
		return OP_LT;
	case T_LE:
		return OP_LE;
	case T_GT:
		return OP_GT;
	case T_GE:
		return OP_GE;
	default:
		return OP_EQ;
	}
}

static struct expr *
parse_answered(struct parser *p)
{
	const struct token *t;
	struct expr *e;
	char *what;
	size_t qi;

	p->pos++;
	if (!expect(p, T_LPAREN, "'('"))
		return NULL;
	t = peek(p);
	if (t->type == T_IDENT) {
		p->pos++;
		if (expr_resolve_question(p, t, &qi) != NULL) {
			e = expr_node_new(NODE_ANSWERED);
			e->a.kind = OPND_QUESTION;
			e->a.index = qi;
		} else
			e = expr_node_const(false);
	} else if (is_operand(t->type)) {
		/* Not a syntax error: the shape is right, the argument is not a question. */
		p->pos++;
		what = describe_token(p, t);
		expr_report(p, _("%s: answered() needs a question id, not %s"), p->owner, what);
		free(what);
		e = expr_node_const(false);
	} else {
		syntax_error(p, t, _("a question id"));
		return NULL;
	}
	if (!expect(p, T_RPAREN, "')'")) {
		expr_free(e);
		return NULL;
	}
	return e;
}

static struct expr *
parse_list(struct parser *p, const struct token *xt)
{
	const struct token **el = NULL;
	struct expr *e = NULL;
	size_t n = 0, cap = 0;

	p->pos++; /* '[' */
	for (;;) {
		if (!is_operand(peek(p)->type)) {
			syntax_error(p, peek(p), _("a value"));
			goto out;
		}
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : 8;
			el = xreallocarray(el, cap, sizeof *el);
		}
		el[n++] = &p->toks[p->pos++];
		if (peek(p)->type == T_COMMA) {
			p->pos++;
			continue;
		}
		if (peek(p)->type == T_RBRACKET) {
			p->pos++;
			break;
		}
		syntax_error(p, peek(p), "',' or ']'");
		goto out;
	}
	e = expr_build_in_list(p, xt, el, n);
out:
	free(el);
	return e;
}

/* operand CMP operand | operand in [list] | 'v' in q | setting.x */
static struct expr *
parse_atom(struct parser *p)
{
	const struct token *lt = &p->toks[p->pos++], *t = peek(p), *rt;
	enum cmp_op op;

	if (is_cmp(t->type)) {
		op = tok_op(t->type);
		p->pos++;
		rt = peek(p);
		if (!is_operand(rt->type)) {
			syntax_error(p, rt, _("a value"));
			return NULL;
		}
		p->pos++;
		return expr_build_cmp(p, op, lt, rt);
	}
	if (t->type == T_IN) {
		p->pos++;
		t = peek(p);
		if (t->type == T_LBRACKET)
			return parse_list(p, lt);
		if (lt->type == T_STRING && t->type == T_IDENT) {
			p->pos++;
			return expr_build_has(p, lt, t);
		}
		syntax_error(p, t, lt->type == T_STRING ? _("'[' or a question id") : "'['");
		return NULL;
	}
	if (lt->type == T_SETTING)
		return expr_build_bare_setting(p, lt);
	syntax_error(p, t, _("a comparison operator or 'in'"));
	return NULL;
}

static struct expr *
parse_primary(struct parser *p)
{
	const struct token *t = peek(p);
	struct expr *e;

	switch (t->type) {
	case T_LPAREN:
		if (++p->depth > EXPR_MAX_DEPTH) {
			expr_report(p,
			    _("%s: syntax error at column %zu: condition is nested too deeply"),
			    p->owner, expr_column(p->src, t->off));
			return NULL;
		}
		p->pos++;
		e = parse_or(p);
		p->depth--;
		if (e != NULL && !expect(p, T_RPAREN, "')'")) {
			expr_free(e);
			return NULL;
		}
		return e;
	case T_ANSWERED:
		return parse_answered(p);
	case T_TRUE:
	case T_FALSE:
		p->pos++;
		return expr_node_const(t->type == T_TRUE);
	case T_IDENT:
	case T_SETTING:
	case T_STRING:
	case T_INTEGER:
		return parse_atom(p);
	default:
		syntax_error(p, t, _("a condition"));
		return NULL;
	}
}

static struct expr *
parse_not(struct parser *p)
{
	const struct token *t = peek(p);
	struct expr *e, *kid;

	if (t->type != T_NOT)
		return parse_primary(p);
	if (++p->depth > EXPR_MAX_DEPTH) {
		expr_report(p, _("%s: syntax error at column %zu: condition is nested too deeply"),
		    p->owner, expr_column(p->src, t->off));
		return NULL;
	}
	p->pos++;
	kid = parse_not(p);
	p->depth--;
	if (kid == NULL)
		return NULL;
	e = expr_node_new(NODE_NOT);
	expr_node_add(e, kid);
	return e;
}

/* and/or chains are kept flat: the trace rules speak of "the first false operand". */
static struct expr *
parse_chain(struct parser *p, enum tok_type op, enum node_kind kind,
    struct expr *(*sub)(struct parser *))
{
	struct expr *first, *e, *kid;

	if ((first = sub(p)) == NULL)
		return NULL;
	if (peek(p)->type != op)
		return first;
	e = expr_node_new(kind);
	expr_node_add(e, first);
	while (peek(p)->type == op) {
		p->pos++;
		if ((kid = sub(p)) == NULL) {
			expr_free(e);
			return NULL;
		}
		expr_node_add(e, kid);
	}
	return e;
}

static struct expr *
parse_and(struct parser *p)
{
	return parse_chain(p, T_AND, NODE_AND, parse_not);
}

static struct expr *
parse_or(struct parser *p)
{
	return parse_chain(p, T_OR, NODE_OR, parse_and);
}

struct expr *
expr_parse(const char *src, const struct expr_scope *scope, struct diag_list *dl)
{
	struct diag_list own = { 0 };
	struct parser p = { 0 };
	struct expr *e = NULL;

	p.src = src;
	p.dl = dl != NULL ? dl : &own;
	p.owner = _("condition");
	if (scope != NULL) {
		p.qn = scope->qn;
		p.n_visible = scope->n_visible;
		if (p.qn == NULL || p.n_visible > p.qn->n_questions)
			p.n_visible = p.qn != NULL ? p.qn->n_questions : 0;
		p.settings = scope->settings;
		p.file = scope->file;
		p.line = scope->line;
		if (scope->owner != NULL)
			p.owner = scope->owner;
	}
	p.suggested = scope != NULL && scope->suggested != NULL ? scope->suggested : &p.own_budget;
	if (src == NULL || src[strspn(src, " \t\r\n")] == '\0') {
		expr_report(&p, _("%s: empty condition"), p.owner);
		goto out;
	}
	if (expr_lex(&p) != 0)
		goto out;
	if ((e = parse_or(&p)) != NULL && peek(&p)->type != T_END)
		syntax_error(&p, peek(&p), _("'and', 'or' or the end of the condition"));
	if (p.errors > 0) {
		expr_free(e);
		e = NULL;
	}
out:
	expr_tokens_free(&p);
	diag_clear(&own);
	return e;
}
