/* SPDX-License-Identifier: ISC */
/* Allocation that never returns NULL: when memory runs out the program says what it was doing
 * and exits with status 1 (never abort(), which could leave a core file of health data). */
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

/* Prints "smpscreen: out of memory while <what the program is doing>" on standard error and
 * exits with status 1. For code whose allocator is not the x* functions (jansson). */
_Noreturn void xalloc_oom(void);
/* Starts an activity named in the out-of-memory message: what, an English phrase (the
 * message is not translated: gettext may need memory), then path when not NULL, sanitised
 * and cut now; neither is kept. Every call is undone by one xalloc_done(). */
void xalloc_doing(const char *what, const char *path);
/* Ends the innermost activity: the message names the one before it again. */
void xalloc_done(void);
/* Between these two, a library that ends the program itself when it cannot allocate
 * (libconfig: exit(2), or abort()) ends it as xalloc_oom() does instead. */
void xalloc_library_enter(void);
void xalloc_library_leave(void);

#endif
