/* SPDX-License-Identifier: ISC */
/* The text report's memo of laid-out fixed texts (report_memo_new in report.h). Private to
 * the core. */
#ifndef SMPSCREEN_REPORT_MEMO_H
#define SMPSCREEN_REPORT_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smpscreen/report.h"

/* What a text is laid out from: the text, its two indents, the width and the ASCII mode. */
struct memo_key {
	const char *s, *first, *indent;
	size_t s_len, first_len, indent_len, width;
	bool ascii;
	uint64_t hash;
};

/* Fills k (hash included) for these; the strings must outlive k. */
void memo_key_init(struct memo_key *k, const char *s, const char *first, const char *indent,
    size_t width, bool ascii);
/* The lines m holds for k, *len bytes, or NULL. Valid until the next memo_keep. */
const char *memo_find(const struct report_memo *m, const struct memo_key *k, size_t *len);
/* Keeps a copy of the len bytes at text as the lines for k. */
void memo_keep(struct report_memo *m, const struct memo_key *k, const char *text, size_t len);

/* Whether any text m keeps holds needle (for the tests: no patient's text goes in). */
bool memo_holds(const struct report_memo *m, const char *needle);

#endif
