/* SPDX-License-Identifier: ISC */
/* The static checks of the condition language: names resolved to indices, quoted values to
 * options, and every comparison checked for types and for whether it can ever be true, while
 * the tree is built. Kept apart from the grammar, which only says what is being compared. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"
#include "suggest.h"
#include "smpscreen/i18n.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* The values a symbolic operand can take: a single question's options or a setting's values. */
struct domain {
	const struct question *q;
	const struct setting_def *s;
};

enum op_type { TY_INT, TY_SYM, TY_STR, TY_MULTI, TY_TEXT };

/* An operand during the parse: resolved, with what the static checks need to know. */
struct typed {
	struct operand o;
	const struct token *tok;
	enum op_type ty;
	long min, max;     /* TY_INT: the values it can take */
	struct domain dom; /* TY_SYM */
	const struct question *q;
	const struct setting_def *s;
};

static const char *const bool_names[] = { "false", "true" };

static const char *
op_name(enum cmp_op op)
{
	static const char *const names[] = { "==", "!=", "<", "<=", ">", ">=" };

	return names[op];
}

/* ---- parser: names -------------------------------------------------------------------- */

static const char *
closest_question(const struct parser *p, const char *word)
{
	if (p->qn == NULL)
		return NULL;
	return suggest_closest_within(p->suggested, word, p->qn->questions, p->qn->n_questions,
	    sizeof *p->qn->questions, offsetof(struct question, id));
}

static const char *
closest_setting(const struct parser *p, const char *word)
{
	if (p->settings == NULL)
		return NULL;
	return suggest_closest_within(p->suggested, word, p->settings->items, p->settings->n,
	    sizeof *p->settings->items, offsetof(struct setting_def, id));
}

static size_t
dom_size(const struct domain *d)
{
	if (d->q != NULL)
		return d->q->n_options;
	if (d->s->type == SETTING_BOOLEAN)
		return 2;
	return d->s->n_values;
}

static const char *
dom_name(const struct domain *d, size_t i)
{
	if (d->q != NULL)
		return d->q->options[i].value;
	if (d->s->type == SETTING_BOOLEAN)
		return bool_names[i];
	return d->s->values[i];
}

static long
dom_find(const struct domain *d, const char *value)
{
	size_t i, n = dom_size(d);

	for (i = 0; i < n; i++)
		if (strcmp(dom_name(d, i), value) == 0)
			return (long)i;
	return -1;
}

/* The closest value of d, 'unknown' included when the question allows it. */
static const char *
dom_closest(const struct domain *d, const char *word)
{
	const char **c;
	const char *best;
	size_t i, n = dom_size(d);

	c = xcalloc(n + 1, sizeof *c);
	for (i = 0; i < n; i++)
		c[i] = dom_name(d, i);
	if (d->q != NULL && d->q->allow_unknown)
		c[n++] = ANSWER_UNKNOWN_VALUE;
	best = suggest_closest(word, c, n);
	free(c);
	return best;
}

/* Resolves a question id token; reports an unknown id or one not asked before the owner. */
const struct question *
expr_resolve_question(struct parser *p, const struct token *t, size_t *index)
{
	const char *hint;
	/* A parse without a questionnaire (scope NULL) knows no question. */
	long i = p->qn != NULL ? questionnaire_find(p->qn, t->text) : -1;

	if (i < 0) {
		/* A setting name without its prefix is a likely slip worth naming exactly. */
		if (settings_find(p->settings, t->text) >= 0)
			expr_report(p,
			    _("%s: unknown question '%s' in condition (did you mean "
			      "'setting.%s'?)"),
			    p->owner, t->shown, t->shown);
		else if ((hint = closest_question(p, t->text)) != NULL)
			expr_report(p,
			    _("%s: unknown question '%s' in condition (did you mean '%s'?)"),
			    p->owner, t->shown, hint);
		else
			expr_report(p, _("%s: unknown question '%s' in condition"), p->owner,
			    t->shown);
		return NULL;
	}
	if ((size_t)i >= p->n_visible) {
		expr_report(p, _("%s: condition names question '%s', which is not asked before it"),
		    p->owner, t->shown);
		return NULL;
	}
	*index = (size_t)i;
	return &p->qn->questions[i];
}

static const struct setting_def *
resolve_setting(struct parser *p, const struct token *t, size_t *index)
{
	const char *hint;
	long i;

	if (p->settings == NULL) {
		expr_report(p,
		    _("%s: setting '%s' cannot be used here: this condition has no settings"),
		    p->owner, t->shown);
		return NULL;
	}
	if ((i = settings_find(p->settings, t->text)) < 0) {
		if ((hint = closest_setting(p, t->text)) != NULL)
			expr_report(p,
			    _("%s: unknown setting '%s' in condition (did you mean '%s'?)"),
			    p->owner, t->shown, hint);
		else
			expr_report(p, _("%s: unknown setting '%s' in condition"), p->owner,
			    t->shown);
		return NULL;
	}
	*index = (size_t)i;
	return &p->settings->items[i];
}

/* Resolves an operand token; reports unknown names. Returns false on an error. */
static bool
resolve(struct parser *p, const struct token *t, struct typed *out)
{
	memset(out, 0, sizeof *out);
	out->tok = t;
	switch (t->type) {
	case T_INTEGER:
		out->o.kind = OPND_CONST;
		out->o.c.kind = V_INT;
		out->o.c.n = t->num;
		out->ty = TY_INT;
		out->min = out->max = t->num;
		return true;
	case T_STRING:
		out->o.kind = OPND_CONST;
		out->ty = TY_STR;
		return true;
	case T_IDENT:
		if ((out->q = expr_resolve_question(p, t, &out->o.index)) == NULL)
			return false;
		out->o.kind = OPND_QUESTION;
		switch (out->q->type) {
		case QTYPE_INTEGER:
			out->ty = TY_INT;
			out->min = out->q->min;
			out->max = out->q->max;
			break;
		case QTYPE_SINGLE:
			out->ty = TY_SYM;
			out->dom.q = out->q;
			break;
		case QTYPE_MULTI:
			out->ty = TY_MULTI;
			break;
		case QTYPE_TEXT:
		case QTYPE_INFO:
			out->ty = TY_TEXT;
			break;
		}
		return true;
	case T_SETTING:
		if ((out->s = resolve_setting(p, t, &out->o.index)) == NULL)
			return false;
		out->o.kind = OPND_SETTING;
		out->o.stype = out->s->type;
		out->o.def = out->s->def;
		if (out->s->type == SETTING_INTEGER) {
			out->ty = TY_INT;
			out->min = out->s->min;
			out->max = out->s->max;
		} else {
			out->ty = TY_SYM;
			out->dom.s = out->s;
		}
		return true;
	default:
		break;
	}
	return false;
}

/* Multi, text and info questions have no single value to compare (contract §2). */
static bool
check_comparable(struct parser *p, const struct typed *t)
{
	if (t->ty == TY_MULTI) {
		expr_report(p,
		    _("%s: '%s' is a multi question: test it with 'value' in %s, not with a "
		      "comparison or 'in [...]'"),
		    p->owner, t->q->id, t->q->id);
		return false;
	}
	if (t->ty == TY_TEXT) {
		if (t->q->type == QTYPE_INFO)
			expr_report(p, _("%s: info item '%s' can only be used in answered(%s)"),
			    p->owner, t->q->id, t->q->id);
		else
			expr_report(p, _("%s: text question '%s' can only be used in answered(%s)"),
			    p->owner, t->q->id, t->q->id);
		return false;
	}
	return true;
}

/* ---- parser: comparisons -------------------------------------------------------------- */

static enum cmp_op
mirror(enum cmp_op op)
{
	switch (op) {
	case OP_LT:
		return OP_GT;
	case OP_LE:
		return OP_GE;
	case OP_GT:
		return OP_LT;
	case OP_GE:
		return OP_LE;
	default:
		return op;
	}
}

/* Whether some a in [amin, amax] and b in [bmin, bmax] satisfy a op b. */
static bool
possible(enum cmp_op op, long amin, long amax, long bmin, long bmax)
{
	switch (op) {
	case OP_EQ:
		return amin <= bmax && bmin <= amax;
	case OP_NE:
		return !(amin == amax && bmin == bmax && amin == bmin);
	case OP_LT:
		return amin < bmax;
	case OP_LE:
		return amin <= bmax;
	case OP_GT:
		return amax > bmin;
	case OP_GE:
		return amax >= bmin;
	}
	return true;
}

/* The operand as written in a condition: age, setting.min_age, 'yes', 12. */
static void
append_operand(struct strbuf *sb, const struct typed *t)
{
	switch (t->tok->type) {
	case T_SETTING:
		sb_printf(sb, "setting.%s", t->tok->shown);
		break;
	case T_STRING:
		sb_printf(sb, "'%s'", t->tok->shown);
		break;
	case T_INTEGER:
		sb_printf(sb, "%ld", t->tok->num);
		break;
	default:
		sb_append(sb, t->tok->shown);
		break;
	}
}

static void
append_range(struct strbuf *sb, const struct typed *t)
{
	if (sb->len > 0)
		sb_append(sb, "; ");
	if (t->o.kind == OPND_QUESTION)
		sb_printf(sb, _("question '%s' takes %ld..%ld"), t->q->id, t->min, t->max);
	else
		sb_printf(sb, _("setting '%s' takes %ld..%ld"), t->s->id, t->min, t->max);
}

static void
report_never(struct parser *p, enum cmp_op op, const struct typed *a, const struct typed *b,
    const char *why)
{
	struct strbuf cmp = { 0 };

	append_operand(&cmp, a);
	sb_printf(&cmp, " %s ", op_name(op));
	append_operand(&cmp, b);
	expr_report(p, _("%s: '%s' can never be true (%s)"), p->owner, sb_str(&cmp), why);
	sb_free(&cmp);
}

/* A description such as "single question 'goal'" for messages about mismatched types. */
static char *
describe_typed(const struct typed *t)
{
	switch (t->tok->type) {
	case T_IDENT:
		return xasprintf(_("%s question '%s'"), questionnaire_type_name(t->q->type),
		    t->q->id);
	case T_SETTING:
		return xasprintf(_("%s setting '%s'"), settings_type_name(t->s->type), t->s->id);
	case T_STRING:
		return xasprintf(_("the string '%s'"), t->tok->shown);
	default:
		return xasprintf(_("the integer %ld"), t->tok->num);
	}
}

static void
report_mismatch(struct parser *p, const struct typed *a, const struct typed *b)
{
	char *da, *db;

	/* The common slips get a message of their own; anything else the generic one. */
	if (a->ty == TY_INT && b->ty == TY_STR && a->o.kind == OPND_QUESTION) {
		expr_report(p, _("%s: integer question '%s' is compared with the string '%s'"),
		    p->owner, a->q->id, b->tok->shown);
		return;
	}
	if (a->ty == TY_INT && b->ty == TY_STR && a->o.kind == OPND_SETTING) {
		expr_report(p, _("%s: integer setting '%s' is compared with the string '%s'"),
		    p->owner, a->s->id, b->tok->shown);
		return;
	}
	if (a->ty == TY_SYM && b->tok->type == T_INTEGER && a->o.kind == OPND_QUESTION) {
		expr_report(p,
		    _("%s: single question '%s' is compared with the integer %ld; compare "
		      "it with one of its option values"),
		    p->owner, a->q->id, b->tok->num);
		return;
	}
	if (a->ty == TY_SYM && b->tok->type == T_INTEGER && a->o.kind == OPND_SETTING) {
		expr_report(p, _("%s: %s setting '%s' is compared with the integer %ld"), p->owner,
		    settings_type_name(a->s->type), a->s->id, b->tok->num);
		return;
	}
	da = describe_typed(a);
	db = describe_typed(b);
	expr_report(p, _("%s: cannot compare %s with %s"), p->owner, da, db);
	free(da);
	free(db);
}

static void
report_not_int(struct parser *p, enum cmp_op op, const struct typed *t)
{
	if (t->o.kind == OPND_QUESTION)
		expr_report(p, _("%s: '%s' needs integers, but question '%s' is of type %s"),
		    p->owner, op_name(op), t->q->id, questionnaire_type_name(t->q->type));
	else if (t->o.kind == OPND_SETTING)
		expr_report(p, _("%s: '%s' needs integers, but setting '%s' is of type %s"),
		    p->owner, op_name(op), t->s->id, settings_type_name(t->s->type));
	else
		expr_report(p, _("%s: '%s' compares integers, not the string '%s'"), p->owner,
		    op_name(op), t->tok->shown);
}

/* Turns the quoted value in b into a value of a's domain; reports one a cannot take. */
static bool
resolve_value(struct parser *p, const struct typed *a, struct typed *b)
{
	const char *v = b->tok->text, *hint;
	long i;

	if (a->o.kind == OPND_QUESTION && strcmp(v, ANSWER_UNKNOWN_VALUE) == 0) {
		if (!a->q->allow_unknown) {
			expr_report(p, _("%s: question '%s' does not allow '%s'"), p->owner,
			    a->q->id, ANSWER_UNKNOWN_VALUE);
			return false;
		}
		b->o.c.kind = V_UNKNOWN;
		return true;
	}
	if (a->ty == TY_INT) {
		report_mismatch(p, a, b);
		return false;
	}
	if ((i = dom_find(&a->dom, v)) >= 0) {
		b->o.c.kind = V_SYM;
		b->o.c.n = i;
		return true;
	}
	hint = dom_closest(&a->dom, v);
	if (a->o.kind == OPND_QUESTION) {
		if (hint != NULL)
			expr_report(p,
			    _("%s: question '%s' has no option '%s' (did you mean '%s'?)"),
			    p->owner, a->q->id, b->tok->shown, hint);
		else
			expr_report(p, _("%s: question '%s' has no option '%s'"), p->owner,
			    a->q->id, b->tok->shown);
	} else {
		if (hint != NULL)
			expr_report(p, _("%s: setting '%s' has no value '%s' (did you mean '%s'?)"),
			    p->owner, a->s->id, b->tok->shown, hint);
		else
			expr_report(p, _("%s: setting '%s' has no value '%s'"), p->owner, a->s->id,
			    b->tok->shown);
	}
	return false;
}

static struct expr *
node_cmp(enum cmp_op op, const struct typed *a, const struct typed *b)
{
	struct expr *e = expr_node_new(NODE_CMP);

	e->op = op;
	e->a = a->o;
	e->b = b->o;
	return e;
}

static struct expr *
make_int_cmp(struct parser *p, enum cmp_op op, const struct typed *a, const struct typed *b)
{
	struct strbuf why = { 0 };
	bool checked;

	if (a->o.kind == OPND_CONST && b->o.kind == OPND_CONST)
		return expr_node_const(expr_holds(op, a->o.c.n, b->o.c.n));
	/*
	 * Two settings may legitimately be compared whatever their ranges (a clinic could
	 * widen one); a question or a setting against a number must be able to hold.
	 */
	checked =
	    a->o.kind == OPND_QUESTION || b->o.kind == OPND_QUESTION || b->o.kind == OPND_CONST;
	if (checked && !possible(op, a->min, a->max, b->min, b->max)) {
		append_range(&why, a);
		if (b->o.kind != OPND_CONST)
			append_range(&why, b);
		report_never(p, op, a, b, sb_str(&why));
		sb_free(&why);
		return expr_node_const(false);
	}
	return node_cmp(op, a, b);
}

/* Two symbolic operands of possibly different domains: compare through an index map. */
static struct expr *
make_sym_cmp(struct parser *p, enum cmp_op op, const struct typed *a, const struct typed *b)
{
	struct expr *e;
	size_t i, n = dom_size(&a->dom);
	bool shared = false, same;
	long j;

	same = a->dom.q == b->dom.q && a->dom.s == b->dom.s;
	e = node_cmp(op, a, b);
	if (same)
		return e;
	e->map = xcalloc(n ? n : 1, sizeof *e->map);
	e->n_map = n;
	for (i = 0; i < n; i++) {
		j = dom_find(&b->dom, dom_name(&a->dom, i));
		e->map[i] = j;
		if (j >= 0)
			shared = true;
	}
	if (a->q != NULL && a->q->allow_unknown && b->q != NULL && b->q->allow_unknown)
		shared = true;
	if (op == OP_EQ && !shared && (a->o.kind == OPND_QUESTION || b->o.kind == OPND_QUESTION)) {
		report_never(p, op, a, b, _("they have no value in common"));
		expr_free(e);
		return expr_node_const(false);
	}
	return e;
}

/* Builds a comparison of two comparable operands, normalised with a question on the left. */
static struct expr *
make_cmp(struct parser *p, enum cmp_op op, struct typed a, struct typed b)
{
	struct typed t;
	bool bad = false;

	if ((b.o.kind == OPND_QUESTION && a.o.kind != OPND_QUESTION) ||
	    (b.o.kind == OPND_SETTING && a.o.kind == OPND_CONST)) {
		t = a;
		a = b;
		b = t;
		op = mirror(op);
	}
	if (op != OP_EQ && op != OP_NE) {
		if (a.ty != TY_INT) {
			report_not_int(p, op, &a);
			bad = true;
		}
		if (b.ty != TY_INT) {
			report_not_int(p, op, &b);
			bad = true;
		}
		if (bad)
			return expr_node_const(false);
		return make_int_cmp(p, op, &a, &b);
	}
	if (a.ty == TY_STR && b.ty == TY_STR) {
		/* Two literals are constant; equality of the texts is all there is. */
		return expr_node_const((strcmp(a.tok->text, b.tok->text) == 0) == (op == OP_EQ));
	}
	if (a.ty == TY_INT && b.ty == TY_INT)
		return make_int_cmp(p, op, &a, &b);
	if (b.ty == TY_STR && a.o.kind != OPND_CONST) {
		if (!resolve_value(p, &a, &b))
			return expr_node_const(false);
		return node_cmp(op, &a, &b);
	}
	if (a.ty == TY_SYM && b.ty == TY_SYM)
		return make_sym_cmp(p, op, &a, &b);
	report_mismatch(p, &a, &b);
	return expr_node_const(false);
}

struct expr *
expr_build_cmp(struct parser *p, enum cmp_op op, const struct token *lt, const struct token *rt)
{
	struct typed a, b;
	bool ok;

	/* Both sides are resolved so that two unknown names are both reported. */
	ok = resolve(p, lt, &a);
	ok = resolve(p, rt, &b) && ok;
	if (!ok)
		return expr_node_const(false);
	ok = check_comparable(p, &a);
	ok = check_comparable(p, &b) && ok;
	if (!ok)
		return expr_node_const(false);
	return make_cmp(p, op, a, b);
}

/* x in [e1, e2, ...] means x == e1 or x == e2 ...; it is built as exactly that. */
struct expr *
expr_build_in_list(struct parser *p, const struct token *xt, const struct token **el, size_t n)
{
	struct typed x, *ts = xcalloc(n, sizeof *ts);
	struct expr *e;
	bool x_ok, *ok = xcalloc(n, sizeof *ok);
	size_t i;

	x_ok = resolve(p, xt, &x);
	for (i = 0; i < n; i++)
		ok[i] = resolve(p, el[i], &ts[i]);
	if (x_ok)
		x_ok = check_comparable(p, &x);
	for (i = 0; i < n; i++)
		if (ok[i])
			ok[i] = check_comparable(p, &ts[i]);
	if (n == 1)
		e = x_ok && ok[0] ? make_cmp(p, OP_EQ, x, ts[0]) : expr_node_const(false);
	else {
		e = expr_node_new(NODE_OR);
		for (i = 0; i < n; i++)
			expr_node_add(e,
			    x_ok && ok[i] ? make_cmp(p, OP_EQ, x, ts[i]) : expr_node_const(false));
	}
	free(ts);
	free(ok);
	return e;
}

/* 'v' in q: q must be a multi question having v (or allowing 'unknown'). */
struct expr *
expr_build_has(struct parser *p, const struct token *vt, const struct token *qt)
{
	const struct question *q;
	struct domain dom = { 0 };
	struct expr *e;
	const char *hint;
	size_t qi;
	long i;

	if ((q = expr_resolve_question(p, qt, &qi)) == NULL)
		return expr_node_const(false);
	if (q->type != QTYPE_MULTI) {
		expr_report(p,
		    _("%s: '%s' in %s needs a multi question, but question '%s' is of type %s"),
		    p->owner, vt->shown, q->id, q->id, questionnaire_type_name(q->type));
		return expr_node_const(false);
	}
	e = expr_node_new(NODE_HAS);
	e->a.kind = OPND_QUESTION;
	e->a.index = qi;
	if (strcmp(vt->text, ANSWER_UNKNOWN_VALUE) == 0) {
		if (q->allow_unknown)
			return e;
		expr_report(p, _("%s: question '%s' does not allow '%s'"), p->owner, q->id,
		    ANSWER_UNKNOWN_VALUE);
		expr_free(e);
		return expr_node_const(false);
	}
	dom.q = q;
	if ((i = dom_find(&dom, vt->text)) >= 0 && i < QUESTION_MAX_OPTIONS) {
		e->bit = (uint64_t)1 << i;
		return e;
	}
	expr_free(e);
	if ((hint = dom_closest(&dom, vt->text)) != NULL)
		expr_report(p, _("%s: question '%s' has no option '%s' (did you mean '%s'?)"),
		    p->owner, q->id, vt->shown, hint);
	else
		expr_report(p, _("%s: question '%s' has no option '%s'"), p->owner, q->id,
		    vt->shown);
	return expr_node_const(false);
}

struct expr *
expr_build_bare_setting(struct parser *p, const struct token *t)
{
	struct typed s;
	struct expr *e;

	if (!resolve(p, t, &s))
		return expr_node_const(false);
	if (s.s->type != SETTING_BOOLEAN) {
		expr_report(p,
		    _("%s: setting '%s' is of type %s, not boolean, so it cannot stand "
		      "alone; compare it with a value"),
		    p->owner, s.s->id, settings_type_name(s.s->type));
		return expr_node_const(false);
	}
	e = expr_node_new(NODE_SETTING);
	e->a = s.o;
	return e;
}
