/* SPDX-License-Identifier: ISC */
/* One answer to one question: building and checking it by the contract's rules, parsing what
 * a person typed, and showing it. The answers loader and every front end check answers here
 * and nowhere else, so a rule such as "none stands alone" exists once. */
#ifndef SMPSCREEN_ANSWER_H
#define SMPSCREEN_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"

struct qtext;

enum answer_kind {
	ANSWER_ABSENT = 0, /* not shown, or shown and not answered */
	ANSWER_UNKNOWN,    /* the reserved "unknown" */
	ANSWER_OPTION,     /* single: num is the option index */
	ANSWER_OPTIONS,    /* multi: bit i of set is option i */
	ANSWER_INTEGER,    /* num */
	ANSWER_TEXT,       /* text, sanitised, owned by the answer */
};

struct answer {
	enum answer_kind kind;
	long num;
	uint64_t set; /* ANSWER_OPTIONS; while a multi answer is built, also beside UNKNOWN */
	char *text;
};

/* What is wrong with an answer (contract §1, rule 5). */
enum answer_error {
	ANSWER_OK = 0,
	ANSWER_ERR_EMPTY,         /* nothing typed, or a multi answer with no choice */
	ANSWER_ERR_TYPE,          /* not a whole number where one is needed */
	ANSWER_ERR_OPTION,        /* not one of the question's options or choice numbers */
	ANSWER_ERR_UNKNOWN,       /* "not sure" where the question does not allow it */
	ANSWER_ERR_RANGE,         /* a number outside min..max (num holds it, clamped) */
	ANSWER_ERR_REPEATED,      /* a choice given twice */
	ANSWER_ERR_ALONE_UNKNOWN, /* "not sure" combined with other choices */
	ANSWER_ERR_ALONE_NONE,    /* "none" combined with other choices */
	ANSWER_ERR_TOO_LONG,      /* text longer than max_length bytes */
};

/* The "items" of a choice question are its options, then "not sure" (index n_options)
 * when the question allows it. */
size_t answer_n_items(const struct question *q);
/* The label of item i, as written in the questionnaire. */
const char *answer_item_label(const struct question *q, size_t i);
/* True when item i of q must be the only choice: "none" and "not sure". */
bool answer_stands_alone(const struct question *q, size_t item);

/* Adds item i (an option index, or n_options for "not sure") to v, an answer to q being
 * built: a single question's answer is replaced, a multi question's grows. */
enum answer_error answer_add_item(const struct question *q, struct answer *v, size_t item);
/* As answer_add_item for a contract value ("pattern", "unknown"). */
enum answer_error answer_add_value(const struct question *q, struct answer *v, const char *value);
/* Makes v the integer n (an integer question); v->num is n clamped to a long. */
enum answer_error answer_set_integer(const struct question *q, struct answer *v, long long n);
/* Makes v a copy of the len bytes of s, sanitised (a text question). */
enum answer_error answer_set_text(const struct question *q, struct answer *v, const char *s,
    size_t len);
/* The whole-answer rules: something chosen, "none" and "not sure" alone, "not sure" only
 * where allowed, numbers in range, text within its length. */
enum answer_error answer_check(const struct question *q, const struct answer *v);
/* Ticks or unticks item i of a multi answer being edited, keeping "none" and "not sure"
 * alone: ticking one of them clears the rest, ticking anything else clears them. */
void answer_toggle(const struct question *q, struct answer *v, size_t item);

/* Parses a line a person typed for q into *out (cleared first; caller clears it): choice
 * numbers as shown (1 for the first option; "not sure" numbered last) or option values,
 * several separated by spaces or commas for a multi question; a whole number, or u for
 * "not sure", for an integer question; the text itself (sanitised, cut to max_length
 * bytes) for a text question. Returns ANSWER_OK only for an answer answer_check accepts. */
enum answer_error answer_parse(const struct question *q, const char *typed, struct answer *out);
/* A sentence for the person who typed the answer (translated; labels from t, the
 * question's texts in the consultation's language, or as written when t is NULL), in buf: what is wrong, and
 * what may be typed instead (the range and u, or the choice numbers). */
const char *answer_error_text(enum answer_error e, const struct question *q,
    const struct qtext *t, char *buf, size_t size);

/* Makes src's contents dst's (dst cleared first); the text is copied. */
void answer_copy(struct answer *dst, const struct answer *src);
/* Zeroes the answer's text before freeing it, then the answer itself. */
void answer_clear(struct answer *v);
/* Appends an answer as people read it: option labels, "Not sure", "34 years". */
void answer_format(const struct question *q, const struct answer *v, struct strbuf *out);
/* As answer_format, with the labels and unit of t (ctext_question) */
void answer_format_text(const struct question *q, const struct qtext *t,
    const struct answer *v, struct strbuf *out);
/* Appends an answer as contract values: "pattern, scars", "unknown", "34". */
void answer_format_values(const struct question *q, const struct answer *v, struct strbuf *out);

#endif
