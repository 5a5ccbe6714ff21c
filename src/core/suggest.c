/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "smpscreen/xalloc.h"

/*
 * Distances count bytes, not characters: the names we suggest (question ids, option values,
 * setting names) are ASCII, and a non-ASCII typo only costs a little more.
 */

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t
suggest_distance(const char *a, const char *b)
{
	size_t la, lb, i, j, d, *rows, *prev2, *prev, *cur, *t;

	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	la = strlen(a);
	lb = strlen(b);
	if (la == 0 || lb == 0)
		return la + lb;

	/* Three rows: a transposition looks two rows back. */
	rows = xreallocarray(NULL, lb + 1, 3 * sizeof *rows);
	prev2 = rows;
	prev = rows + lb + 1;
	cur = prev + lb + 1;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[lb];
	free(rows);
	return d;
}

const char *
suggest_closest_field(const char *word, const void *items, size_t n, size_t stride, size_t offset)
{
	const char *best = NULL, *cand;
	size_t limit, bestd, len, clen, d, i;

	if (word == NULL || items == NULL)
		return NULL;
	len = strlen(word);
	limit = len / 3 > 2 ? len / 3 : 2;
	bestd = limit + 1;
	for (i = 0; i < n; i++) {
		cand = *(const char *const *)((const char *)items + i * stride + offset);
		if (cand == NULL)
			continue;
		/* The distance is at least the difference in length: skip the hopeless ones. */
		clen = strlen(cand);
		if ((clen > len ? clen - len : len - clen) > limit)
			continue;
		d = suggest_distance(word, cand);
		if (d == 0)
			return NULL;
		if (d < bestd) {
			best = cand;
			bestd = d;
		}
	}
	return best;
}

const char *
suggest_closest_within(size_t *spent, const char *word, const void *items, size_t n, size_t stride,
    size_t offset)
{
	if (n > SUGGEST_BUDGET - *spent)
		return NULL;
	*spent += n;
	return suggest_closest_field(word, items, n, stride, offset);
}

const char *
suggest_closest(const char *word, const char *const *candidates, size_t n)
{
	return suggest_closest_field(word, candidates, n, sizeof *candidates, 0);
}
