/* SPDX-License-Identifier: ISC */
/* The condition language's lexer: source text to an array of tokens, with the messages for
 * what cannot be a token. Also the message helpers every piece of the parse uses. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"
#include "smpscreen/diag.h"
#include "smpscreen/i18n.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* Quoted text in messages is cut here so a runaway string does not flood the report. */
#define EXPR_SHOWN_MAX 40

void
expr_report(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(p->dl, DIAG_ERROR, p->file, p->line, fmt, ap);
	va_end(ap);
	p->errors++;
}

/* Control bytes and non-ASCII are escaped: a message must never carry a terminal sequence. */
char *
expr_make_shown(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
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
size_t
expr_column(const char *src, size_t off)
{
	size_t i, col = 1;

	for (i = 0; i < off; i++)
		if (((unsigned char)src[i] & 0xc0) != 0x80)
			col++;
	return col;
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
	char *shown = expr_make_shown(p->src + off, 1);
	size_t col = expr_column(p->src, off);

	/* '=' and '!' alone are the usual slips for '==' and '!='. */
	if (p->src[off] == '=')
		expr_report(p,
		    _("%s: syntax error at column %zu: unexpected character '%s' "
		      "(did you mean '%s'?)"),
		    p->owner, col, shown, "==");
	else if (p->src[off] == '!')
		expr_report(p,
		    _("%s: syntax error at column %zu: unexpected character '%s' "
		      "(did you mean '%s'?)"),
		    p->owner, col, shown, "!=");
	else
		expr_report(p, _("%s: syntax error at column %zu: unexpected character '%s'"),
		    p->owner, col, shown);
	free(shown);
}

static struct token *
lex_push(struct parser *p, enum tok_type type, size_t off, size_t len)
{
	struct token *t;

	/* Doubling: a condition of a million tokens is copied a few times, not a million. */
	if (p->n_toks == p->cap_toks) {
		p->cap_toks = p->cap_toks != 0 ? p->cap_toks * 2 : 16;
		p->toks = xreallocarray(p->toks, p->cap_toks, sizeof *p->toks);
	}
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
	size_t len; /* every identifier of every condition is looked up: no strlen() each time */
	enum tok_type type;
} words[] = {
#define WORD(w, t) { w, sizeof w - 1, t }
	WORD("and", T_AND),
	WORD("or", T_OR),
	WORD("not", T_NOT),
	WORD("in", T_IN),
	WORD("answered", T_ANSWERED),
	WORD("true", T_TRUE),
	WORD("false", T_FALSE),
	WORD("setting", T_IDENT),
	WORD(ANSWER_UNKNOWN_VALUE, T_IDENT),
#undef WORD
};

static long
find_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (words[i].len == n && memcmp(words[i].word, s, n) == 0)
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

/*
 * The parser's nesting depth, followed token by token, so that a source of a million '('
 * is cut after the one the parser refuses instead of being tokenised whole. The parser counts
 * every '(' it enters (answered()'s own is not one) and every 'not' whose operand has not
 * ended. Within a '(' or 'not' only another one can follow, so the 'not's before a '(' last
 * as long as it does, and any other token ends the ones before it. Wherever the parse is
 * sound so far, this depth is the parser's; where it is not, the parser stops earlier.
 */
struct nesting {
	int parens;   /* '(' open */
	int nots;     /* the 'not's bound to those, together */
	int pending;  /* the 'not's just before this token */
	bool in_call; /* inside answered( ... ) */
	enum tok_type last;
	int bound[EXPR_MAX_DEPTH + 1]; /* the 'not's each open '(' carries */
};

/* Follows one token; false when it takes the parser deeper than it goes. */
static bool
nesting_step(struct nesting *n, enum tok_type type)
{
	enum tok_type last = n->last;

	n->last = type;
	switch (type) {
	case T_NOT:
		n->pending++;
		break;
	case T_LPAREN:
		if (last == T_ANSWERED) {
			n->in_call = true;
			return true;
		}
		if (n->parens + 1 + n->nots + n->pending > EXPR_MAX_DEPTH)
			return false;
		n->bound[++n->parens] = n->pending;
		n->nots += n->pending;
		n->pending = 0;
		return true;
	case T_RPAREN:
		if (n->in_call)
			n->in_call = false;
		else if (n->parens > 0)
			n->nots -= n->bound[n->parens--];
		n->pending = 0;
		return true;
	default:
		n->pending = 0;
		return true;
	}
	return n->parens + n->nots + n->pending <= EXPR_MAX_DEPTH;
}

/* Appends a token of a type without text, unless the parser will refuse it as nested too
 * deeply: then it ends the tokens after it, and false is returned. */
static bool
lex_push_nested(struct parser *p, struct nesting *n, enum tok_type type, size_t off, size_t len)
{
	lex_push(p, type, off, len);
	if (nesting_step(n, type))
		return true;
	lex_push(p, T_END, off + len, 0);
	return false;
}

/* Splits the source into tokens ending with T_END. A lexical error is reported and stops. */
int
expr_lex(struct parser *p)
{
	const char *s = p->src;
	struct nesting nest = { .last = T_END };
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
					expr_report(p,
					    _("%s: syntax error at column %zu: expected a setting "
					      "name after 'setting.'"),
					    p->owner, expr_column(s, nstart));
					return -1;
				}
				while (is_name_char(s[i]))
					i++;
				t = lex_push(p, T_SETTING, start, i - start);
				t->text = xstrndup(s + nstart, i - nstart);
				t->shown = xstrdup(t->text);
				nesting_step(&nest, T_SETTING);
				continue;
			}
			type = keyword(s + start, i - start);
			if (type != T_IDENT) {
				if (!lex_push_nested(p, &nest, type, start, i - start))
					return 0;
				continue;
			}
			t = lex_push(p, type, start, i - start);
			t->text = xstrndup(s + start, i - start);
			t->shown = xstrdup(t->text);
			nesting_step(&nest, type);
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
					t->shown = expr_make_shown(s + start, i - start);
					expr_report(p,
					    _("%s: syntax error at column %zu: integer %s is too "
					      "large"),
					    p->owner, expr_column(s, start), t->shown);
					return -1;
				}
				n = n * 10 + d;
				i++;
			}
			t = lex_push(p, T_INTEGER, start, i - start);
			t->num = n;
			nesting_step(&nest, T_INTEGER);
			continue;
		}
		if (s[i] == '\'') {
			i++;
			while (s[i] != '\0' && s[i] != '\'')
				i++;
			if (s[i] == '\0') {
				expr_report(p,
				    _("%s: syntax error at column %zu: unterminated string"),
				    p->owner, expr_column(s, start));
				return -1;
			}
			i++;
			t = lex_push(p, T_STRING, start, i - start);
			t->text = xstrndup(s + start + 1, i - start - 2);
			t->shown = expr_make_shown(t->text, strlen(t->text));
			nesting_step(&nest, T_STRING);
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
		if (!lex_push_nested(p, &nest, type, start, i - start))
			return 0;
	}
}

void
expr_tokens_free(struct parser *p)
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
