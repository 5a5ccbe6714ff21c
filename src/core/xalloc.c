/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * Running out of memory ends the program with exit status 1 and one line naming what it was
 * doing, never with abort(): an abort would leave a core file full of answers wherever core
 * files are still written, and a crash tells the clinic nothing.
 *
 * What the program is doing is a small stack of fixed buffers, filled when an activity starts
 * (the file name sanitised then, while memory can still be had), so that the message itself
 * needs no memory. Deeper nesting than the stack holds keeps the innermost it has room for.
 */
#define DOING_DEPTH 4
#define DOING_SIZE 256
/* A file name in the message is cut to this many bytes (at a character boundary). */
#define DOING_PATH_MAX 160

static char doing[DOING_DEPTH][DOING_SIZE];
static size_t depth;
/* Set while a library that exits or aborts by itself on exhaustion runs (libconfig). */
static volatile sig_atomic_t in_library;
static struct sigaction old_abrt;

/* Writes the whole line with write(2): no stdio buffer, no allocation. */
static void
oom_message(void)
{
	const char *what = depth > 0 ? doing[(depth < DOING_DEPTH ? depth : DOING_DEPTH) - 1] : "";
	char line[DOING_SIZE + 64];
	size_t n, off = 0;
	ssize_t w;

	/* Not translated: gettext may itself need memory here. */
	n = (size_t)snprintf(line, sizeof line, "smpscreen: out of memory%s%s\n",
	    *what != '\0' ? " while " : "", what);
	if (n >= sizeof line)
		n = sizeof line - 1;
	while (off < n) {
		w = write(STDERR_FILENO, line + off, n - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
}

_Noreturn void
xalloc_oom(void)
{
	static volatile sig_atomic_t reported;

	/* An exit handler that asks for memory again must not report twice or call exit()
	 * inside exit(). */
	if (reported)
		_exit(1);
	reported = 1;
	in_library = 0;
	oom_message();
	/* exit(), not _exit(): the wizard's exit handler gives the terminal back. */
	exit(1);
}

void
xalloc_doing(const char *what, const char *path)
{
	char *clean = NULL;
	char *slot;

	if (depth < DOING_DEPTH) {
		slot = doing[depth];
		/* A file name reaches the terminal in the message: no escape sequences. */
		if (path != NULL)
			clean = text_sanitize(path, strlen(path), DOING_PATH_MAX, false);
		snprintf(slot, DOING_SIZE, "%s%s%s", what != NULL ? what : "",
		    clean != NULL && what != NULL ? " " : "", clean != NULL ? clean : "");
		free(clean);
	}
	depth++;
}

void
xalloc_done(void)
{
	if (depth > 0)
		depth--;
}

/* libconfig's flex scanner ends the program with exit(2) when it cannot allocate, and
 * libconfig 1.7.4 and later with abort(): both become the out-of-memory exit. */
static void
library_exit(void)
{
	/* Inside exit() already: exit() again would be undefined. The handlers registered
	 * after this one (the terminal's) have run by now. */
	if (in_library) {
		in_library = 0;
		oom_message();
		_exit(1);
	}
}

static void
library_abort(int sig)
{
	(void)sig;
	if (in_library) {
		/* In a signal handler: only the write and _exit. */
		in_library = 0;
		oom_message();
		_exit(1);
	}
	sigaction(SIGABRT, &old_abrt, NULL);
	raise(SIGABRT);
}

void
xalloc_library_enter(void)
{
	static bool registered;
	struct sigaction sa;

	if (!registered)
		registered = atexit(library_exit) == 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = library_abort;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGABRT, &sa, &old_abrt);
	in_library = 1;
}

void
xalloc_library_leave(void)
{
	in_library = 0;
	sigaction(SIGABRT, &old_abrt, NULL);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xalloc_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		xalloc_oom();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		xalloc_oom();
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xalloc_oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		xalloc_oom();
	va_end(ap);
	return s;
}
