/* SPDX-License-Identifier: ISC */
/* Allocation that never returns NULL: on exhaustion it prints a message and aborts. */
#ifndef SMPSCREEN_XALLOC_H
#define SMPSCREEN_XALLOC_H

#include <stddef.h>

/* Returns new memory owned by the caller (free()). */
void *xmalloc(size_t size);
/* Returns zeroed memory for n objects, owned by the caller. */
void *xcalloc(size_t n, size_t size);
/* Resizes p (may be NULL); the result replaces p and is owned by the caller. */
void *xrealloc(void *p, size_t size);
/* Resizes p to n objects of size bytes, checking the multiplication for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
/* Returns a copy of s (NULL gives NULL), owned by the caller. */
char *xstrdup(const char *s);
/* Returns a copy of the first n bytes of s plus a NUL, owned by the caller. */
char *xstrndup(const char *s, size_t n);
/* Returns a newly formatted string owned by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
