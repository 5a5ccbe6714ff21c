/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/idindex.h"
#include "smpscreen/xalloc.h"

Test(idindex, free_accepts_null)
{
	idindex_free(NULL);
}

Test(idindex, empty_index_finds_nothing)
{
	struct idindex *x = idindex_new();

	cr_expect_eq(idindex_find(x, "age"), -1);
	cr_expect_eq(idindex_find(x, ""), -1);
	idindex_free(x);
}

/* A second item with an id leaves the first in place and is told which one it was. */
Test(idindex, the_first_item_with_an_id_stays)
{
	struct idindex *x = idindex_new();

	cr_expect_eq(idindex_add(x, "age", 0), -1);
	cr_expect_eq(idindex_add(x, "goal", 1), -1);
	cr_expect_eq(idindex_add(x, "age", 2), 0);
	cr_expect_eq(idindex_add(x, "age", 3), 0);
	cr_expect_eq(idindex_add(x, "", 4), -1);
	cr_expect_eq(idindex_add(x, "", 5), 4);
	cr_expect_eq(idindex_find(x, "age"), 0);
	cr_expect_eq(idindex_find(x, "goal"), 1);
	cr_expect_eq(idindex_find(x, ""), 4);
	cr_expect_eq(idindex_find(x, "ag"), -1);
	cr_expect_eq(idindex_find(x, "agee"), -1);
	cr_expect_eq(idindex_find(x, "Age"), -1, "ids are case-sensitive");
	idindex_free(x);
}

/* Ids are compared, not pointers: a copy of an id finds the item. */
Test(idindex, ids_are_compared_by_content)
{
	struct idindex *x = idindex_new();
	char *a = xstrdup("scar_types"), *b = xstrdup("scar_types");

	cr_expect_eq(idindex_add(x, a, 7), -1);
	cr_expect_eq(idindex_add(x, b, 8), 7);
	cr_expect_eq(idindex_find(x, "scar_types"), 7);
	idindex_free(x);
	free(a);
	free(b);
}

/* Twenty thousand ids added in a scrambled order (sorted input is the worst case of an
 * unbalanced tree), each added twice: every one is found at its first index. */
Test(idindex, many_ids)
{
	enum { N = 20000 };
	struct idindex *x = idindex_new();
	char **ids = xcalloc(N, sizeof *ids);
	size_t i, k;

	for (i = 0; i < N; i++)
		ids[i] = xasprintf("q%05zu", i);
	for (i = 0; i < N; i++) {
		k = (i * 7919) % N; /* 7919 is prime to N: a permutation */
		cr_expect_eq(idindex_add(x, ids[k], k), -1, "%s", ids[k]);
	}
	for (i = 0; i < N; i++)
		cr_expect_eq(idindex_add(x, ids[i], N + i), (long)i, "%s", ids[i]);
	for (i = 0; i < N; i++)
		cr_expect_eq(idindex_find(x, ids[i]), (long)i, "%s", ids[i]);
	cr_expect_eq(idindex_find(x, "q20000"), -1);
	idindex_free(x);
	for (i = 0; i < N; i++)
		free(ids[i]);
	free(ids);
}
