/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/answer.h"
#include "smpscreen/ctext.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

static uint64_t
bit(size_t k)
{
	return UINT64_C(1) << k;
}

size_t
answer_n_items(const struct question *q)
{
	return q->n_options + (q->allow_unknown ? 1 : 0);
}

const char *
answer_item_label(const struct question *q, size_t i)
{
	return i < q->n_options ? q->options[i].label : q->unknown_label;
}

/* Option k's label in t's language, or as written when there is no t. */
static const char *
label(const struct question *q, const struct qtext *t, size_t k)
{
	return t != NULL ? t->label[k] : q->options[k].label;
}

/* "none" is a contract value: logic compares ids, never labels. */
static long
none_option(const struct question *q)
{
	return q->type == QTYPE_MULTI ? questionnaire_find_option(q, "none") : -1;
}

bool
answer_stands_alone(const struct question *q, size_t item)
{
	long none = none_option(q);

	return item == q->n_options || (none >= 0 && (size_t)none == item);
}

enum answer_error
answer_add_item(const struct question *q, struct answer *v, size_t item)
{
	bool unknown = item == q->n_options;

	if (item > q->n_options || (unknown && !q->allow_unknown) ||
	    (!unknown && q->type != QTYPE_SINGLE && q->type != QTYPE_MULTI))
		return ANSWER_ERR_OPTION;
	if (q->type != QTYPE_MULTI) {
		answer_clear(v);
		v->kind = unknown ? ANSWER_UNKNOWN : ANSWER_OPTION;
		v->num = unknown ? 0 : (long)item;
		return ANSWER_OK;
	}
	/* A multi answer being built keeps its ticks beside "unknown", so that answer_check
	 * can say the two were combined. */
	if (unknown) {
		if (v->kind == ANSWER_UNKNOWN)
			return ANSWER_ERR_REPEATED;
		v->kind = ANSWER_UNKNOWN;
		return ANSWER_OK;
	}
	if (v->set & bit(item))
		return ANSWER_ERR_REPEATED;
	v->set |= bit(item);
	if (v->kind != ANSWER_UNKNOWN)
		v->kind = ANSWER_OPTIONS;
	return ANSWER_OK;
}

enum answer_error
answer_add_value(const struct question *q, struct answer *v, const char *value)
{
	long k;

	if (strcmp(value, ANSWER_UNKNOWN_VALUE) == 0)
		return q->allow_unknown ? answer_add_item(q, v, q->n_options) : ANSWER_ERR_UNKNOWN;
	if (q->type == QTYPE_INTEGER)
		return ANSWER_ERR_TYPE;
	if ((k = questionnaire_find_option(q, value)) < 0)
		return ANSWER_ERR_OPTION;
	return answer_add_item(q, v, (size_t)k);
}

enum answer_error
answer_set_integer(const struct question *q, struct answer *v, long long n)
{
	answer_clear(v);
	if (q->type != QTYPE_INTEGER)
		return ANSWER_ERR_TYPE;
	v->kind = ANSWER_INTEGER;
	v->num = n > LONG_MAX ? LONG_MAX : n < LONG_MIN ? LONG_MIN : (long)n;
	return n < q->min || n > q->max ? ANSWER_ERR_RANGE : ANSWER_OK;
}

enum answer_error
answer_set_text(const struct question *q, struct answer *v, const char *s, size_t len)
{
	answer_clear(v);
	if (q->type != QTYPE_TEXT)
		return ANSWER_ERR_TYPE;
	if (len > q->max_length)
		return ANSWER_ERR_TOO_LONG;
	/* Stored and shown only once control characters and broken UTF-8 are gone. */
	v->kind = ANSWER_TEXT;
	v->text = text_sanitize(s, len, q->max_length, false);
	return ANSWER_OK;
}

enum answer_error
answer_check(const struct question *q, const struct answer *v)
{
	long none = none_option(q);

	switch (v->kind) {
	case ANSWER_ABSENT:
		return ANSWER_ERR_EMPTY;
	case ANSWER_UNKNOWN:
		if (!q->allow_unknown || q->type == QTYPE_TEXT || q->type == QTYPE_INFO)
			return ANSWER_ERR_UNKNOWN;
		return v->set != 0 ? ANSWER_ERR_ALONE_UNKNOWN : ANSWER_OK;
	case ANSWER_OPTION:
		if (q->type != QTYPE_SINGLE)
			return ANSWER_ERR_TYPE;
		return v->num >= 0 && (size_t)v->num < q->n_options ? ANSWER_OK : ANSWER_ERR_OPTION;
	case ANSWER_OPTIONS:
		if (q->type != QTYPE_MULTI)
			return ANSWER_ERR_TYPE;
		if (v->set == 0)
			return ANSWER_ERR_EMPTY;
		if (q->n_options < 64 && (v->set >> q->n_options) != 0)
			return ANSWER_ERR_OPTION;
		if (none >= 0 && (v->set & bit((size_t)none)) && v->set != bit((size_t)none))
			return ANSWER_ERR_ALONE_NONE;
		return ANSWER_OK;
	case ANSWER_INTEGER:
		if (q->type != QTYPE_INTEGER)
			return ANSWER_ERR_TYPE;
		return v->num < q->min || v->num > q->max ? ANSWER_ERR_RANGE : ANSWER_OK;
	case ANSWER_TEXT:
		if (q->type != QTYPE_TEXT)
			return ANSWER_ERR_TYPE;
		return strlen(v->text) > q->max_length ? ANSWER_ERR_TOO_LONG : ANSWER_OK;
	}
	return ANSWER_ERR_TYPE;
}

void
answer_toggle(const struct question *q, struct answer *v, size_t item)
{
	bool on;

	if (q->type != QTYPE_MULTI || item >= answer_n_items(q))
		return;
	on = item == q->n_options ? v->kind == ANSWER_UNKNOWN : (v->set & bit(item)) != 0;
	if (on) {
		if (item == q->n_options)
			v->kind = v->set != 0 ? ANSWER_OPTIONS : ANSWER_ABSENT;
		else if ((v->set &= ~bit(item)) == 0 && v->kind == ANSWER_OPTIONS)
			v->kind = ANSWER_ABSENT;
		return;
	}
	if (answer_stands_alone(q, item)) {
		v->kind = ANSWER_ABSENT;
		v->set = 0;
	} else {
		if (v->kind == ANSWER_UNKNOWN)
			v->kind = ANSWER_ABSENT;
		for (size_t k = 0; k < q->n_options; k++)
			if (answer_stands_alone(q, k))
				v->set &= ~bit(k);
	}
	answer_add_item(q, v, item);
}

/* A choice as typed: its number as shown, or a contract value. */
static enum answer_error
add_typed(const struct question *q, struct answer *v, const char *tok)
{
	unsigned long n;
	char *end;

	if (*tok < '0' || *tok > '9')
		return answer_add_value(q, v, tok);
	errno = 0;
	n = strtoul(tok, &end, 10);
	if (*end != '\0' || errno != 0 || n < 1 || n > answer_n_items(q))
		return ANSWER_ERR_OPTION;
	return answer_add_item(q, v, (size_t)n - 1);
}

static enum answer_error
parse_integer(const struct question *q, const char *s, struct answer *out)
{
	long long n;
	char *end;

	if (strcmp(s, "u") == 0 || strcmp(s, "U") == 0 || strcmp(s, ANSWER_UNKNOWN_VALUE) == 0)
		return q->allow_unknown ? answer_add_item(q, out, q->n_options) :
		                          ANSWER_ERR_UNKNOWN;
	/* A minus sign is part of a whole number: "-1" is out of 0..120, not "not a number",
	 * and a questionnaire may allow numbers below zero. */
	if ((*s < '0' || *s > '9') && (*s != '-' || s[1] < '0' || s[1] > '9'))
		return ANSWER_ERR_TYPE;
	n = strtoll(s, &end, 10);
	if (*end != '\0')
		return ANSWER_ERR_TYPE;
	/* Beyond long long, strtoll gives LLONG_MAX or LLONG_MIN: out of range either way. */
	return answer_set_integer(q, out, n);
}

enum answer_error
answer_parse(const struct question *q, const char *typed, struct answer *out)
{
	enum answer_error e = ANSWER_OK;
	char *line, *s, *end, *tok, *save = NULL;

	answer_clear(out);
	if (q->type == QTYPE_INFO)
		return ANSWER_ERR_TYPE;
	if (q->type == QTYPE_TEXT) {
		char *cut = text_sanitize(typed, strlen(typed), q->max_length, false);

		e = *cut == '\0' ? ANSWER_ERR_EMPTY : answer_set_text(q, out, cut, strlen(cut));
		explicit_bzero(cut, strlen(cut));
		free(cut);
		return e;
	}
	line = xstrdup(typed);
	for (s = line; *s == ' ' || *s == '\t'; s++)
		;
	for (end = s + strlen(s); end > s && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	if (*s == '\0')
		e = ANSWER_ERR_EMPTY;
	else if (q->type == QTYPE_INTEGER)
		e = parse_integer(q, s, out);
	else if (q->type == QTYPE_SINGLE)
		e = add_typed(q, out, s);
	else
		for (tok = strtok_r(s, " \t,;", &save); tok != NULL && e == ANSWER_OK;
		     tok = strtok_r(NULL, " \t,;", &save))
			e = add_typed(q, out, tok);
	if (e == ANSWER_OK)
		e = answer_check(q, out);
	if (e != ANSWER_OK && e != ANSWER_ERR_RANGE)
		answer_clear(out);
	free(line);
	return e;
}

const char *
answer_error_text(enum answer_error e, const struct question *q, const struct qtext *t, char *buf,
    size_t size)
{
	long none = none_option(q);
	size_t n = answer_n_items(q);

	/* Each says what may be typed instead, so that it is enough on its own (a screen
	 * reader user hears the error, not the question again). */
	if (q->type == QTYPE_INTEGER && e != ANSWER_OK && e != ANSWER_ERR_EMPTY) {
		snprintf(buf, size,
		    q->allow_unknown ?
		        _("Please type a whole number from %ld to %ld, or u if you are not sure.") :
		        _("Please type a whole number from %ld to %ld."),
		    q->min, q->max);
		return buf;
	}
	switch (e) {
	case ANSWER_OK:
		snprintf(buf, size, "%s", "");
		break;
	case ANSWER_ERR_EMPTY:
		snprintf(buf, size, "%s",
		    q->type == QTYPE_MULTI ? _("Please choose at least one answer.") :
		                             _("An answer is needed to go on."));
		break;
	case ANSWER_ERR_TYPE:
	case ANSWER_ERR_OPTION:
	case ANSWER_ERR_UNKNOWN:
	case ANSWER_ERR_RANGE:
		if (q->type == QTYPE_INFO || q->type == QTYPE_TEXT)
			snprintf(buf, size, "%s",
			    q->type == QTYPE_INFO ?
			        _("There is nothing to answer here; press Enter to go on.") :
			        _("Please type your answer on one line."));
		else if (q->type == QTYPE_MULTI)
			snprintf(buf, size,
			    _("Please type only numbers from 1 to %zu, separated by spaces."), n);
		else if (n == 1)
			snprintf(buf, size, "%s", _("Please type the number 1."));
		else
			snprintf(buf, size, _("Please type one of the numbers 1 to %zu."), n);
		break;
	case ANSWER_ERR_REPEATED:
		snprintf(buf, size, "%s",
		    _("A number was typed twice; please type each choice "
		      "once."));
		break;
	case ANSWER_ERR_ALONE_UNKNOWN:
		snprintf(buf, size, _("'%s' cannot be combined with other answers."),
		    (t != NULL ? t->unknown : q->unknown_label) != NULL ?
		        (t != NULL ? t->unknown : q->unknown_label) :
		        _("Not sure"));
		break;
	case ANSWER_ERR_ALONE_NONE:
		snprintf(buf, size, _("'%s' cannot be combined with other answers."),
		    none >= 0 ? label(q, t, (size_t)none) : "none");
		break;
	case ANSWER_ERR_TOO_LONG:
		snprintf(buf, size, _("Please keep the answer within %zu characters."),
		    q->max_length);
		break;
	}
	return buf;
}

void
answer_copy(struct answer *dst, const struct answer *src)
{
	/* Clearing dst first would wipe src too. */
	if (dst == src)
		return;
	answer_clear(dst);
	*dst = *src;
	dst->text = xstrdup(src->text);
}

void
answer_clear(struct answer *v)
{
	if (v->text != NULL)
		explicit_bzero(v->text, strlen(v->text));
	free(v->text);
	explicit_bzero(v, sizeof *v);
}

/* "%ld" without printf's machinery: reports write every number answer of every file. */
static void
append_long(struct strbuf *out, long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	sb_appendn(out, p, (size_t)(buf + sizeof buf - p));
}

static void
format(const struct question *q, const struct qtext *t, const struct answer *v, struct strbuf *out,
    bool values)
{
	const char *unknown = t != NULL ? t->unknown : q->unknown_label;
	const char *unit = t != NULL ? t->unit : q->unit;
	size_t k;
	bool first = true;

	switch (v->kind) {
	case ANSWER_ABSENT:
		sb_append(out, values ? "" : _("(no answer)"));
		break;
	case ANSWER_UNKNOWN:
		sb_append(out,
		    values              ? ANSWER_UNKNOWN_VALUE :
		        unknown != NULL ? unknown :
		                          _("Not sure"));
		break;
	case ANSWER_OPTION:
		sb_append(out, values ? q->options[v->num].value : label(q, t, (size_t)v->num));
		break;
	case ANSWER_OPTIONS:
		for (k = 0; k < q->n_options; k++) {
			if (!(v->set & bit(k)))
				continue;
			if (!first)
				sb_append(out, values ? ", " : "; ");
			sb_append(out, values ? q->options[k].value : label(q, t, k));
			first = false;
		}
		break;
	case ANSWER_INTEGER:
		append_long(out, v->num);
		if (!values && unit != NULL) {
			sb_appendc(out, ' ');
			sb_append(out, unit);
		}
		break;
	case ANSWER_TEXT:
		sb_append(out, v->text);
		break;
	}
}

void
answer_format(const struct question *q, const struct answer *v, struct strbuf *out)
{
	format(q, NULL, v, out, false);
}

void
answer_format_text(const struct question *q, const struct qtext *t, const struct answer *v,
    struct strbuf *out)
{
	format(q, t, v, out, false);
}

void
answer_format_values(const struct question *q, const struct answer *v, struct strbuf *out)
{
	format(q, NULL, v, out, true);
}
