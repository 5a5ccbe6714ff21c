/* SPDX-License-Identifier: ISC */
/*
 * A batch writes the same fixed texts into every report: section headings, the notes,
 * the questions, the settings, the disclaimer. Laying one out (measuring, wrapping,
 * checking it is clean) costs far more than comparing it with what was laid out before, so
 * the result is kept, keyed by everything it depends on: the text and its indents (by
 * content, not by address: a buffer reused for another text is another key), the width
 * and the ASCII mode. The hash looks at the ends of each string only; a hit compares them
 * whole. Only texts the caller says are not a patient's go in (rr_text).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_memo.h"
#include "smpscreen/xalloc.h"

/* A batch in one language keeps some hundreds; a memo that fills up starts again. */
#define MEMO_SLOTS 2048
#define MEMO_MAX (MEMO_SLOTS / 2)

struct memo_entry {
	uint64_t hash;
	size_t width;
	bool ascii;
	size_t s_len, first_len, indent_len, text_len;
	char *bytes; /* s, first, indent, then the lines: no NULs between them */
};

struct report_memo {
	struct memo_entry *slots; /* MEMO_SLOTS; bytes NULL: empty */
	size_t n;
};

struct report_memo *
report_memo_new(void)
{
	struct report_memo *m = xcalloc(1, sizeof *m);

	m->slots = xcalloc(MEMO_SLOTS, sizeof *m->slots);
	return m;
}

static void
clear(struct report_memo *m)
{
	size_t i;

	for (i = 0; i < MEMO_SLOTS; i++) {
		free(m->slots[i].bytes);
		m->slots[i].bytes = NULL;
	}
	m->n = 0;
}

void
report_memo_free(struct report_memo *m)
{
	if (m == NULL)
		return;
	clear(m);
	free(m->slots);
	free(m);
}

/* A word of what starts and ends the n bytes at s: hashing every byte of a note would
 * cost a good part of laying it out; texts that agree there are told apart by same(). */
static uint64_t
ends(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;
	size_t i;

	if (n >= 8) {
		memcpy(&a, s, sizeof a);
		memcpy(&b, s + n - 8, sizeof b);
	} else
		for (i = 0; i < n; i++)
			a |= (uint64_t)(unsigned char)s[i] << (8 * i);
	return (a ^ (b * UINT64_C(0x9e3779b97f4a7c15))) + n;
}

static uint64_t
mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
	return h ^ (h >> 32);
}

void
memo_key_init(struct memo_key *k, const char *s, const char *first, const char *indent,
    size_t width, bool ascii)
{
	k->s = s != NULL ? s : "";
	k->first = first != NULL ? first : "";
	k->indent = indent != NULL ? indent : "";
	k->s_len = strlen(k->s);
	k->first_len = strlen(k->first);
	k->indent_len = strlen(k->indent);
	k->width = width;
	k->ascii = ascii;
	/* Of the indents, only their lengths: a text seldom comes with two indents. */
	k->hash = mix(mix(width ^ ((uint64_t)ascii << 63) ^ ((uint64_t)k->first_len << 40) ^
	                      ((uint64_t)k->indent_len << 48),
	                  ends(k->s, k->s_len)),
	    0);
}

static bool
same(const struct memo_entry *e, const struct memo_key *k)
{
	return e->hash == k->hash && e->width == k->width && e->ascii == k->ascii &&
	    e->s_len == k->s_len && e->first_len == k->first_len &&
	    e->indent_len == k->indent_len && memcmp(e->bytes, k->s, k->s_len) == 0 &&
	    (k->first_len == 0 || memcmp(e->bytes + k->s_len, k->first, k->first_len) == 0) &&
	    (k->indent_len == 0 ||
	        memcmp(e->bytes + k->s_len + k->first_len, k->indent, k->indent_len) == 0);
}

/* The slot holding k, or the empty one where it would go. */
static size_t
slot_of(const struct report_memo *m, const struct memo_key *k)
{
	size_t i = (size_t)k->hash & (MEMO_SLOTS - 1);

	while (m->slots[i].bytes != NULL && !same(&m->slots[i], k))
		i = (i + 1) & (MEMO_SLOTS - 1);
	return i;
}

const char *
memo_find(const struct report_memo *m, const struct memo_key *k, size_t *len)
{
	const struct memo_entry *e = &m->slots[slot_of(m, k)];

	if (e->bytes == NULL)
		return NULL;
	*len = e->text_len;
	return e->bytes + e->s_len + e->first_len + e->indent_len;
}

void
memo_keep(struct report_memo *m, const struct memo_key *k, const char *text, size_t len)
{
	struct memo_entry *e;
	size_t key_len = k->s_len + k->first_len + k->indent_len;

	if (m->n == MEMO_MAX)
		clear(m);
	e = &m->slots[slot_of(m, k)];
	if (e->bytes != NULL)
		return;
	e->hash = k->hash;
	e->width = k->width;
	e->ascii = k->ascii;
	e->s_len = k->s_len;
	e->first_len = k->first_len;
	e->indent_len = k->indent_len;
	e->text_len = len;
	e->bytes = xmalloc(key_len + len + 1);
	memcpy(e->bytes, k->s, k->s_len);
	memcpy(e->bytes + k->s_len, k->first, k->first_len);
	memcpy(e->bytes + k->s_len + k->first_len, k->indent, k->indent_len);
	memcpy(e->bytes + key_len, text, len);
	e->bytes[key_len + len] = '\0';
	m->n++;
}

bool
memo_holds(const struct report_memo *m, const char *needle)
{
	size_t i;

	for (i = 0; i < MEMO_SLOTS; i++)
		if (m->slots[i].bytes != NULL && strstr(m->slots[i].bytes, needle) != NULL)
			return true;
	return false;
}
