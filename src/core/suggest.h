/* SPDX-License-Identifier: ISC */
/* "Did you mean": the closest candidate to a misspelt name. */
#ifndef SMPSCREEN_SUGGEST_H
#define SMPSCREEN_SUGGEST_H

#include <stddef.h>

/* Edit (Damerau-Levenshtein, optimal string alignment) distance between a and b. */
size_t suggest_distance(const char *a, const char *b);
/* Returns the candidate closest to word (borrowed from the array), or NULL when none is
 * close enough (distance > max(2, strlen(word) / 3)) or word is itself a candidate. */
const char *suggest_closest(const char *word, const char *const *candidates, size_t n);
/* As suggest_closest, over the `char *` member at byte offset `offset` of n structs spaced
 * `stride` bytes apart (e.g. the ids of an array of questions), so callers need not copy the
 * names into an array first. */
const char *suggest_closest_field(const char *word, const void *items, size_t n, size_t stride,
    size_t offset);

/* The candidates the suggestions for one file may examine together. Each suggestion compares
 * the name with every candidate, so a hostile file of 40,000 misspelt names among 60,000
 * questions would take minutes; past this budget a name is reported without one. */
#define SUGGEST_BUDGET 2000000
/* As suggest_closest_field, charging the n candidates to *spent (what the file's earlier
 * suggestions examined): NULL, without a search, once that would pass SUGGEST_BUDGET. */
const char *suggest_closest_within(size_t *spent, const char *word, const void *items, size_t n,
    size_t stride, size_t offset);

#endif
