/* "Did you mean": the closest candidate to a misspelt name. */
#ifndef SMPSCREEN_SUGGEST_H
#define SMPSCREEN_SUGGEST_H

#include <stddef.h>

/* Edit (Damerau-Levenshtein, optimal string alignment) distance between a and b. */
size_t suggest_distance(const char *a, const char *b);
/* Returns the candidate closest to word (borrowed from the array), or NULL when none is
 * close enough (distance > max(2, strlen(word) / 3)) or word is itself a candidate. */
const char *suggest_closest(const char *word, const char *const *candidates, size_t n);

#endif
