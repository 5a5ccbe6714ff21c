/* SPDX-License-Identifier: ISC */
/* One compiled gettext catalog (a .mo file), read by the program itself: the language of a
 * consultation must not depend on which locales the machine has generated, and a kiosk
 * changes language between patients without touching the process environment. */
#ifndef SMPSCREEN_CATALOG_H
#define SMPSCREEN_CATALOG_H

#include <stddef.h>

#include "smpscreen/diag.h"

struct catalog;

/* Reads path. 0 and *out on success; 1 and *out NULL when there is no such file (not an
 * error: a language may lack a catalog); -1 and *out NULL when the file is unreadable or not
 * a valid catalog, with the reason in dl (as an error naming path). */
int catalog_open(struct catalog **out, const char *path, struct diag_list *dl);
/* As catalog_open, from bytes in memory (copied); name is used in diagnostics. */
int catalog_open_mem(struct catalog **out, const void *data, size_t size, const char *name,
    struct diag_list *dl);
/* Accepts NULL. */
void catalog_free(struct catalog *c);

/* The translation of msgid in context ctx (NULL: none), or NULL when the catalog has none.
 * Fuzzy entries never reach a .mo file, so a found entry is a finished one. */
const char *catalog_get(const struct catalog *c, const char *ctx, const char *msgid);
/* The plural form for n of the entry whose singular is one, by the catalog's Plural-Forms;
 * NULL when the catalog has no such entry. */
const char *catalog_nget(const struct catalog *c, const char *one, unsigned long n);
/* Translated entries, not counting the header. */
size_t catalog_count(const struct catalog *c);
/* The header's Language field ("es", "pt_BR"), or "" when it has none. */
const char *catalog_language(const struct catalog *c);

#endif
