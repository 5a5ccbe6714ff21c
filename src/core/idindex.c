/* SPDX-License-Identifier: ISC */
/*
 * A balanced search tree (glibc's tsearch, a red-black tree) rather than a hash table: the
 * ids come from files anyone may write, and no choice of ids can make a tree degenerate,
 * where colliding ids would make a hash table as slow as the linear search it replaces.
 */
#include "config.h"

#include <search.h>
#include <stdlib.h>
#include <string.h>

#include "idindex.h"
#include "smpscreen/xalloc.h"

struct idindex {
	void *root;
};

struct id_entry {
	const char *id;
	size_t index;
};

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct id_entry *)a)->id, ((const struct id_entry *)b)->id);
}

struct idindex *
idindex_new(void)
{
	return xcalloc(1, sizeof(struct idindex));
}

long
idindex_add(struct idindex *x, const char *id, size_t index)
{
	struct id_entry *e = xmalloc(sizeof *e), **slot;

	e->id = id;
	e->index = index;
	/* tsearch allocates its node itself and says only NULL when it cannot: xmalloc then
	 * reports the exhaustion as for any other allocation (or, if memory came back, the
	 * insertion is tried again). */
	while ((slot = tsearch(e, &x->root, entry_cmp)) == NULL)
		free(xmalloc(4 * sizeof(void *)));
	if (*slot == e)
		return -1;
	free(e);
	return (long)(*slot)->index;
}

long
idindex_find(const struct idindex *x, const char *id)
{
	struct id_entry key = { .id = id }, **slot;

	slot = tfind(&key, &x->root, entry_cmp);
	return slot != NULL ? (long)(*slot)->index : -1;
}

void
idindex_free(struct idindex *x)
{
	if (x == NULL)
		return;
	tdestroy(x->root, free);
	free(x);
}
