#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "suggest.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/i18n.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * The contract's condition language (questions.md §2). The source is lexed into an array of
 * tokens, parsed by recursive descent and every name and quoted value is resolved while the
 * tree is built: question and setting ids become indices, option values become option
 * indices, and the reserved 'unknown' becomes its own kind of value. Evaluation therefore
 * never compares strings and cannot meet a name it does not know.
 */

/* Deeper nesting than this is no condition a person wrote; refusing it bounds the stack. */
#define EXPR_MAX_DEPTH 64
/* Quoted text in messages is cut here so a runaway string does not flood the report. */
#define EXPR_SHOWN_MAX 40

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
	size_t n_toks, pos;
	size_t errors;
	int depth;
};

static const char *const bool_names[] = {"false", "true"};

static void report(struct parser *, const char *, ...) __attribute__((format(printf, 2, 3)));

static void
report(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(p->dl, DIAG_ERROR, p->file, p->line, fmt, ap);
	va_end(ap);
	p->errors++;
}

/* Control bytes and non-ASCII are escaped: a message must never carry a terminal sequence. */
static char *
make_shown(const char *s, size_t n)
{
	struct strbuf sb = {0};
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i == EXPR_SHOWN_MAX) {
			sb_append(&sb, "...");
			break;
		}
		c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			sb_printf(&sb, "\\x%02x", c);
		else
			sb_appendc(&sb, (char)c);
	}
	return sb_detach(&sb);
}

/* Columns count characters, not bytes, so a UTF-8 value earlier on does not shift them. */
static size_t
column(const char *src, size_t off)
{
	size_t i, col = 1;

	for (i = 0; i < off; i++)
		if (((unsigned char)src[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static const char *
op_name(enum cmp_op op)
{
	static const char *const names[] = {"==", "!=", "<", "<=", ">", ">="};

	return names[op];
}

/* ---- lexer ---------------------------------------------------------------------------- */

static bool
is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static void
lex_error_char(struct parser *p, size_t off)
{
	char *shown = make_shown(p->src + off, 1);
	size_t col = column(p->src, off);

	/* '=' and '!' alone are the usual slips for '==' and '!='. */
	if (p->src[off] == '=')
		report(p,
		    _("%s: syntax error at column %zu: unexpected character '%s' "
		      "(did you mean '%s'?)"),
		    p->owner, col, shown, "==");
	else if (p->src[off] == '!')
		report(p,
		    _("%s: syntax error at column %zu: unexpected character '%s' "
		      "(did you mean '%s'?)"),
		    p->owner, col, shown, "!=");
	else
		report(p, _("%s: syntax error at column %zu: unexpected character '%s'"), p->owner,
		    col, shown);
	free(shown);
}

static struct token *
lex_push(struct parser *p, enum tok_type type, size_t off, size_t len)
{
	struct token *t;

	p->toks = xreallocarray(p->toks, p->n_toks + 1, sizeof *p->toks);
	t = &p->toks[p->n_toks++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->off = off;
	t->len = len;
	return t;
}

/*
 * The words of the language, the one list of them. "setting" (the prefix of setting names)
 * and 'unknown' (the reserved value) lex as names, but would read as the language's own words
 * if a question were called that, so they are reserved too.
 */
static const struct {
	const char *word;
	enum tok_type type;
} words[] = {
    {"and", T_AND},
    {"or", T_OR},
    {"not", T_NOT},
    {"in", T_IN},
    {"answered", T_ANSWERED},
    {"true", T_TRUE},
    {"false", T_FALSE},
    {"setting", T_IDENT},
    {ANSWER_UNKNOWN_VALUE, T_IDENT},
};

static long
find_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].word) == n && memcmp(words[i].word, s, n) == 0)
			return (long)i;
	return -1;
}

static enum tok_type
keyword(const char *s, size_t n)
{
	long i = find_word(s, n);

	return i >= 0 ? words[i].type : T_IDENT;
}

bool
expr_is_reserved(const char *s, size_t n)
{
	return find_word(s, n) >= 0;
}

/* Splits the source into tokens ending with T_END. A lexical error is reported and stops. */
static int
lex(struct parser *p)
{
	const char *s = p->src;
	struct token *t;
	size_t i = 0, start, nstart;
	enum tok_type type;
	long n;
	int d;

	for (;;) {
		while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			i++;
		start = i;
		if (s[i] == '\0') {
			lex_push(p, T_END, i, 0);
			return 0;
		}
		if (is_name_start(s[i])) {
			while (is_name_char(s[i]))
				i++;
			if (i - start == 7 && memcmp(s + start, "setting", 7) == 0 && s[i] == '.') {
				nstart = ++i;
				if (!is_name_start(s[i])) {
					report(p,
					    _("%s: syntax error at column %zu: expected a setting "
					      "name after 'setting.'"),
					    p->owner, column(s, nstart));
					return -1;
				}
				while (is_name_char(s[i]))
					i++;
				t = lex_push(p, T_SETTING, start, i - start);
				t->text = xstrndup(s + nstart, i - nstart);
				t->shown = xstrdup(t->text);
				continue;
			}
			type = keyword(s + start, i - start);
			t = lex_push(p, type, start, i - start);
			if (type == T_IDENT) {
				t->text = xstrndup(s + start, i - start);
				t->shown = xstrdup(t->text);
			}
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9') {
			n = 0;
			while (s[i] >= '0' && s[i] <= '9') {
				d = s[i] - '0';
				if (n > (LONG_MAX - d) / 10) {
					while (s[i] >= '0' && s[i] <= '9')
						i++;
					t = lex_push(p, T_INTEGER, start, i - start);
					t->shown = make_shown(s + start, i - start);
					report(p,
					    _("%s: syntax error at column %zu: integer %s is too "
					      "large"),
					    p->owner, column(s, start), t->shown);
					return -1;
				}
				n = n * 10 + d;
				i++;
			}
			t = lex_push(p, T_INTEGER, start, i - start);
			t->num = n;
			continue;
		}
		if (s[i] == '\'') {
			i++;
			while (s[i] != '\0' && s[i] != '\'')
				i++;
			if (s[i] == '\0') {
				report(p, _("%s: syntax error at column %zu: unterminated string"),
				    p->owner, column(s, start));
				return -1;
			}
			i++;
			t = lex_push(p, T_STRING, start, i - start);
			t->text = xstrndup(s + start + 1, i - start - 2);
			t->shown = make_shown(t->text, strlen(t->text));
			continue;
		}
		type = T_END;
		switch (s[i]) {
		case '(':
			type = T_LPAREN;
			break;
		case ')':
			type = T_RPAREN;
			break;
		case '[':
			type = T_LBRACKET;
			break;
		case ']':
			type = T_RBRACKET;
			break;
		case ',':
			type = T_COMMA;
			break;
		case '<':
			type = s[i + 1] == '=' ? T_LE : T_LT;
			break;
		case '>':
			type = s[i + 1] == '=' ? T_GE : T_GT;
			break;
		case '=':
			if (s[i + 1] == '=')
				type = T_EQ;
			break;
		case '!':
			if (s[i + 1] == '=')
				type = T_NE;
			break;
		}
		if (type == T_END) {
			lex_error_char(p, i);
			return -1;
		}
		i += (type == T_LE || type == T_GE || type == T_EQ || type == T_NE) ? 2 : 1;
		lex_push(p, type, start, i - start);
	}
}

static void
tokens_free(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->n_toks; i++) {
		free(p->toks[i].text);
		free(p->toks[i].shown);
	}
	free(p->toks);
	p->toks = NULL;
	p->n_toks = 0;
}

/* ---- tree ----------------------------------------------------------------------------- */

static struct expr *
node_new(enum node_kind kind)
{
	struct expr *e = xcalloc(1, sizeof *e);

	e->kind = kind;
	return e;
}

static struct expr *
node_const(bool v)
{
	struct expr *e = node_new(NODE_CONST);

	e->value = v;
	return e;
}

static void
node_add(struct expr *e, struct expr *kid)
{
	e->kids = xreallocarray(e->kids, e->n_kids + 1, sizeof *e->kids);
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
	shown = make_shown(p->src + t->off, t->len);
	s = xasprintf("'%s'", shown);
	free(shown);
	return s;
}

/* Reports that t is not what the grammar allows here; the parse of this condition stops. */
static void
syntax_error(struct parser *p, const struct token *t, const char *expected)
{
	char *found = describe_token(p, t);

	report(p, _("%s: syntax error at column %zu: expected %s but found %s"), p->owner,
	    column(p->src, t->off), expected, found);
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

/* ---- parser: names -------------------------------------------------------------------- */

static const char *
closest_question(const struct parser *p, const char *word)
{
	if (p->qn == NULL)
		return NULL;
	return suggest_closest_field(word, p->qn->questions, p->qn->n_questions,
	    sizeof *p->qn->questions, offsetof(struct question, id));
}

static const char *
closest_setting(const struct parser *p, const char *word)
{
	if (p->settings == NULL)
		return NULL;
	return suggest_closest_field(word, p->settings->items, p->settings->n,
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
static const struct question *
resolve_question(struct parser *p, const struct token *t, size_t *index)
{
	const char *hint;
	/* A parse without a questionnaire (scope NULL) knows no question. */
	long i = p->qn != NULL ? questionnaire_find(p->qn, t->text) : -1;

	if (i < 0) {
		/* A setting name without its prefix is a likely slip worth naming exactly. */
		if (setting_find(p->settings, t->text) >= 0)
			report(p,
			    _("%s: unknown question '%s' in condition (did you mean "
			      "'setting.%s'?)"),
			    p->owner, t->shown, t->shown);
		else if ((hint = closest_question(p, t->text)) != NULL)
			report(p, _("%s: unknown question '%s' in condition (did you mean '%s'?)"),
			    p->owner, t->shown, hint);
		else
			report(p, _("%s: unknown question '%s' in condition"), p->owner, t->shown);
		return NULL;
	}
	if ((size_t)i >= p->n_visible) {
		report(p, _("%s: condition names question '%s', which is not asked before it"),
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
		report(p, _("%s: setting '%s' cannot be used here: this condition has no settings"),
		    p->owner, t->shown);
		return NULL;
	}
	if ((i = setting_find(p->settings, t->text)) < 0) {
		if ((hint = closest_setting(p, t->text)) != NULL)
			report(p, _("%s: unknown setting '%s' in condition (did you mean '%s'?)"),
			    p->owner, t->shown, hint);
		else
			report(p, _("%s: unknown setting '%s' in condition"), p->owner, t->shown);
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
		if ((out->q = resolve_question(p, t, &out->o.index)) == NULL)
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
		report(p,
		    _("%s: '%s' is a multi question: test it with 'value' in %s, not with a "
		      "comparison or 'in [...]'"),
		    p->owner, t->q->id, t->q->id);
		return false;
	}
	if (t->ty == TY_TEXT) {
		if (t->q->type == QTYPE_INFO)
			report(p, _("%s: info item '%s' can only be used in answered(%s)"),
			    p->owner, t->q->id, t->q->id);
		else
			report(p, _("%s: text question '%s' can only be used in answered(%s)"),
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

static bool
holds(enum cmp_op op, long a, long b)
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
report_never(
    struct parser *p, enum cmp_op op, const struct typed *a, const struct typed *b, const char *why)
{
	struct strbuf cmp = {0};

	append_operand(&cmp, a);
	sb_printf(&cmp, " %s ", op_name(op));
	append_operand(&cmp, b);
	report(p, _("%s: '%s' can never be true (%s)"), p->owner, sb_str(&cmp), why);
	sb_free(&cmp);
}

/* A description such as "single question 'goal'" for messages about mismatched types. */
static char *
describe_typed(const struct typed *t)
{
	switch (t->tok->type) {
	case T_IDENT:
		return xasprintf(_("%s question '%s'"), question_type_name(t->q->type), t->q->id);
	case T_SETTING:
		return xasprintf(_("%s setting '%s'"), setting_type_name(t->s->type), t->s->id);
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
		report(p, _("%s: integer question '%s' is compared with the string '%s'"), p->owner,
		    a->q->id, b->tok->shown);
		return;
	}
	if (a->ty == TY_INT && b->ty == TY_STR && a->o.kind == OPND_SETTING) {
		report(p, _("%s: integer setting '%s' is compared with the string '%s'"), p->owner,
		    a->s->id, b->tok->shown);
		return;
	}
	if (a->ty == TY_SYM && b->tok->type == T_INTEGER && a->o.kind == OPND_QUESTION) {
		report(p,
		    _("%s: single question '%s' is compared with the integer %ld; compare "
		      "it with one of its option values"),
		    p->owner, a->q->id, b->tok->num);
		return;
	}
	if (a->ty == TY_SYM && b->tok->type == T_INTEGER && a->o.kind == OPND_SETTING) {
		report(p, _("%s: %s setting '%s' is compared with the integer %ld"), p->owner,
		    setting_type_name(a->s->type), a->s->id, b->tok->num);
		return;
	}
	da = describe_typed(a);
	db = describe_typed(b);
	report(p, _("%s: cannot compare %s with %s"), p->owner, da, db);
	free(da);
	free(db);
}

static void
report_not_int(struct parser *p, enum cmp_op op, const struct typed *t)
{
	if (t->o.kind == OPND_QUESTION)
		report(p, _("%s: '%s' needs integers, but question '%s' is of type %s"), p->owner,
		    op_name(op), t->q->id, question_type_name(t->q->type));
	else if (t->o.kind == OPND_SETTING)
		report(p, _("%s: '%s' needs integers, but setting '%s' is of type %s"), p->owner,
		    op_name(op), t->s->id, setting_type_name(t->s->type));
	else
		report(p, _("%s: '%s' compares integers, not the string '%s'"), p->owner,
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
			report(p, _("%s: question '%s' does not allow '%s'"), p->owner, a->q->id,
			    ANSWER_UNKNOWN_VALUE);
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
			report(p, _("%s: question '%s' has no option '%s' (did you mean '%s'?)"),
			    p->owner, a->q->id, b->tok->shown, hint);
		else
			report(p, _("%s: question '%s' has no option '%s'"), p->owner, a->q->id,
			    b->tok->shown);
	} else {
		if (hint != NULL)
			report(p, _("%s: setting '%s' has no value '%s' (did you mean '%s'?)"),
			    p->owner, a->s->id, b->tok->shown, hint);
		else
			report(p, _("%s: setting '%s' has no value '%s'"), p->owner, a->s->id,
			    b->tok->shown);
	}
	return false;
}

static struct expr *
node_cmp(enum cmp_op op, const struct typed *a, const struct typed *b)
{
	struct expr *e = node_new(NODE_CMP);

	e->op = op;
	e->a = a->o;
	e->b = b->o;
	return e;
}

static struct expr *
make_int_cmp(struct parser *p, enum cmp_op op, const struct typed *a, const struct typed *b)
{
	struct strbuf why = {0};
	bool checked;

	if (a->o.kind == OPND_CONST && b->o.kind == OPND_CONST)
		return node_const(holds(op, a->o.c.n, b->o.c.n));
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
		return node_const(false);
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
		return node_const(false);
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
			return node_const(false);
		return make_int_cmp(p, op, &a, &b);
	}
	if (a.ty == TY_STR && b.ty == TY_STR) {
		/* Two literals are constant; equality of the texts is all there is. */
		return node_const((strcmp(a.tok->text, b.tok->text) == 0) == (op == OP_EQ));
	}
	if (a.ty == TY_INT && b.ty == TY_INT)
		return make_int_cmp(p, op, &a, &b);
	if (b.ty == TY_STR && a.o.kind != OPND_CONST) {
		if (!resolve_value(p, &a, &b))
			return node_const(false);
		return node_cmp(op, &a, &b);
	}
	if (a.ty == TY_SYM && b.ty == TY_SYM)
		return make_sym_cmp(p, op, &a, &b);
	report_mismatch(p, &a, &b);
	return node_const(false);
}

static struct expr *
build_cmp(struct parser *p, enum cmp_op op, const struct token *lt, const struct token *rt)
{
	struct typed a, b;
	bool ok;

	/* Both sides are resolved so that two unknown names are both reported. */
	ok = resolve(p, lt, &a);
	ok = resolve(p, rt, &b) && ok;
	if (!ok)
		return node_const(false);
	ok = check_comparable(p, &a);
	ok = check_comparable(p, &b) && ok;
	if (!ok)
		return node_const(false);
	return make_cmp(p, op, a, b);
}

/* x in [e1, e2, ...] means x == e1 or x == e2 ...; it is built as exactly that. */
static struct expr *
build_in_list(struct parser *p, const struct token *xt, const struct token **el, size_t n)
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
		e = x_ok && ok[0] ? make_cmp(p, OP_EQ, x, ts[0]) : node_const(false);
	else {
		e = node_new(NODE_OR);
		for (i = 0; i < n; i++)
			node_add(
			    e, x_ok && ok[i] ? make_cmp(p, OP_EQ, x, ts[i]) : node_const(false));
	}
	free(ts);
	free(ok);
	return e;
}

/* 'v' in q: q must be a multi question having v (or allowing 'unknown'). */
static struct expr *
build_has(struct parser *p, const struct token *vt, const struct token *qt)
{
	const struct question *q;
	struct domain dom = {0};
	struct expr *e;
	const char *hint;
	size_t qi;
	long i;

	if ((q = resolve_question(p, qt, &qi)) == NULL)
		return node_const(false);
	if (q->type != QTYPE_MULTI) {
		report(p,
		    _("%s: '%s' in %s needs a multi question, but question '%s' is of type %s"),
		    p->owner, vt->shown, q->id, q->id, question_type_name(q->type));
		return node_const(false);
	}
	e = node_new(NODE_HAS);
	e->a.kind = OPND_QUESTION;
	e->a.index = qi;
	if (strcmp(vt->text, ANSWER_UNKNOWN_VALUE) == 0) {
		if (q->allow_unknown)
			return e;
		report(p, _("%s: question '%s' does not allow '%s'"), p->owner, q->id,
		    ANSWER_UNKNOWN_VALUE);
		expr_free(e);
		return node_const(false);
	}
	dom.q = q;
	if ((i = dom_find(&dom, vt->text)) >= 0 && i < QUESTION_MAX_OPTIONS) {
		e->bit = (uint64_t)1 << i;
		return e;
	}
	expr_free(e);
	if ((hint = dom_closest(&dom, vt->text)) != NULL)
		report(p, _("%s: question '%s' has no option '%s' (did you mean '%s'?)"), p->owner,
		    q->id, vt->shown, hint);
	else
		report(p, _("%s: question '%s' has no option '%s'"), p->owner, q->id, vt->shown);
	return node_const(false);
}

static struct expr *
build_bare_setting(struct parser *p, const struct token *t)
{
	struct typed s;
	struct expr *e;

	if (!resolve(p, t, &s))
		return node_const(false);
	if (s.s->type != SETTING_BOOLEAN) {
		report(p,
		    _("%s: setting '%s' is of type %s, not boolean, so it cannot stand "
		      "alone; compare it with a value"),
		    p->owner, s.s->id, setting_type_name(s.s->type));
		return node_const(false);
	}
	e = node_new(NODE_SETTING);
	e->a = s.o;
	return e;
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
		if (resolve_question(p, t, &qi) != NULL) {
			e = node_new(NODE_ANSWERED);
			e->a.kind = OPND_QUESTION;
			e->a.index = qi;
		} else
			e = node_const(false);
	} else if (is_operand(t->type)) {
		/* Not a syntax error: the shape is right, the argument is not a question. */
		p->pos++;
		what = describe_token(p, t);
		report(p, _("%s: answered() needs a question id, not %s"), p->owner, what);
		free(what);
		e = node_const(false);
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
	size_t n = 0;

	p->pos++; /* '[' */
	for (;;) {
		if (!is_operand(peek(p)->type)) {
			syntax_error(p, peek(p), _("a value"));
			goto out;
		}
		el = xreallocarray(el, n + 1, sizeof *el);
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
	e = build_in_list(p, xt, el, n);
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
		return build_cmp(p, op, lt, rt);
	}
	if (t->type == T_IN) {
		p->pos++;
		t = peek(p);
		if (t->type == T_LBRACKET)
			return parse_list(p, lt);
		if (lt->type == T_STRING && t->type == T_IDENT) {
			p->pos++;
			return build_has(p, lt, t);
		}
		syntax_error(p, t, lt->type == T_STRING ? _("'[' or a question id") : "'['");
		return NULL;
	}
	if (lt->type == T_SETTING)
		return build_bare_setting(p, lt);
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
			report(p,
			    _("%s: syntax error at column %zu: condition is nested too deeply"),
			    p->owner, column(p->src, t->off));
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
		return node_const(t->type == T_TRUE);
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
		report(p, _("%s: syntax error at column %zu: condition is nested too deeply"),
		    p->owner, column(p->src, t->off));
		return NULL;
	}
	p->pos++;
	kid = parse_not(p);
	p->depth--;
	if (kid == NULL)
		return NULL;
	e = node_new(NODE_NOT);
	node_add(e, kid);
	return e;
}

/* and/or chains are kept flat: the trace rules speak of "the first false operand". */
static struct expr *
parse_chain(
    struct parser *p, enum tok_type op, enum node_kind kind, struct expr *(*sub)(struct parser *))
{
	struct expr *first, *e, *kid;

	if ((first = sub(p)) == NULL)
		return NULL;
	if (peek(p)->type != op)
		return first;
	e = node_new(kind);
	node_add(e, first);
	while (peek(p)->type == op) {
		p->pos++;
		if ((kid = sub(p)) == NULL) {
			expr_free(e);
			return NULL;
		}
		node_add(e, kid);
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
	struct diag_list own = {0};
	struct parser p = {0};
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
	if (src == NULL || src[strspn(src, " \t\r\n")] == '\0') {
		report(&p, _("%s: empty condition"), p.owner);
		goto out;
	}
	if (lex(&p) != 0)
		goto out;
	if ((e = parse_or(&p)) != NULL && peek(&p)->type != T_END)
		syntax_error(&p, peek(&p), _("'and', 'or' or the end of the condition"));
	if (p.errors > 0) {
		expr_free(e);
		e = NULL;
	}
out:
	tokens_free(&p);
	diag_clear(&own);
	return e;
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
	struct value v = {V_ABSENT, 0};
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

static void
mark_operand(const struct operand *o, const struct expr_env *env, unsigned char *mark)
{
	const struct answer *an;

	if (mark == NULL || o->kind != OPND_QUESTION)
		return;
	if ((an = answer_of(env, o->index)) != NULL && an->kind != ANSWER_ABSENT)
		mark[o->index] = 1;
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
		return a.kind == V_INT && b.kind == V_INT && holds(e->op, a.n, b.n);
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

/* Evaluates e; with mark, also marks the questions that decided the result. */
static bool
eval(const struct expr *e, const struct expr_env *env, unsigned char *mark)
{
	const struct answer *an;
	size_t i;
	bool r;

	switch (e->kind) {
	case NODE_CONST:
		return e->value;
	case NODE_NOT:
		return !eval(e->kids[0], env, mark);
	case NODE_AND:
	case NODE_OR:
		/* An `and` is decided by its first false operand, an `or` by its first true. */
		for (i = 0; i < e->n_kids; i++) {
			if (eval(e->kids[i], env, NULL) != (e->kind == NODE_AND)) {
				if (mark != NULL)
					eval(e->kids[i], env, mark);
				return e->kind == NODE_OR;
			}
		}
		if (mark != NULL)
			for (i = 0; i < e->n_kids; i++)
				eval(e->kids[i], env, mark);
		return e->kind == NODE_AND;
	case NODE_ANSWERED:
		an = answer_of(env, e->a.index);
		r = an != NULL && an->kind != ANSWER_ABSENT;
		mark_operand(&e->a, env, mark);
		return r;
	case NODE_SETTING:
		return operand_value(&e->a, env).n != 0;
	case NODE_CMP:
		mark_operand(&e->a, env, mark);
		mark_operand(&e->b, env, mark);
		return eval_cmp(e, env);
	case NODE_HAS:
		mark_operand(&e->a, env, mark);
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
	return e != NULL && eval(e, env, mark);
}

void
expr_questions(const struct expr *e, unsigned char *mark)
{
	size_t i;

	if (e == NULL || mark == NULL)
		return;
	for (i = 0; i < e->n_kids; i++)
		expr_questions(e->kids[i], mark);
	if (e->kind == NODE_ANSWERED || e->kind == NODE_HAS || e->kind == NODE_CMP) {
		if (e->a.kind == OPND_QUESTION)
			mark[e->a.index] = 1;
		if (e->kind == NODE_CMP && e->b.kind == OPND_QUESTION)
			mark[e->b.index] = 1;
	}
}
