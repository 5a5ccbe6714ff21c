/* SPDX-License-Identifier: ISC */
/* Ids to item indices for the loaders: a duplicate or a name looked up costs O(log n), so a
 * file of 60,000 questions loads as fast per question as one of 60. */
#ifndef SMPSCREEN_IDINDEX_H
#define SMPSCREEN_IDINDEX_H

#include <stddef.h>

struct idindex;

/* A new, empty index owned by the caller (idindex_free). */
struct idindex *idindex_new(void);
/* Records that item `index` has id (borrowed: it must outlive the index), unless an item
 * was recorded with that id before: then nothing changes and that item's index is returned.
 * Returns -1 when id is new. */
long idindex_add(struct idindex *x, const char *id, size_t index);
/* The index of the first item recorded with id, or -1. */
long idindex_find(const struct idindex *x, const char *id);
/* Accepts NULL. The ids themselves belong to the items. */
void idindex_free(struct idindex *x);

#endif
