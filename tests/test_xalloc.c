/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/xalloc.h"

/*
 * Running out of memory is made real, not simulated: allocations too large for any machine.
 * Under AddressSanitizer, which would otherwise end the process itself, this test program
 * asks it to let malloc return NULL as the C library does. Every test ends a forked child
 * with exit(), where LeakSanitizer cannot stop the threads Criterion left in the parent and
 * may report leaks that are not there: this program alone does without it (the allocators
 * are exercised for leaks by every other test).
 */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "allocator_may_return_null=1:detect_leaks=0";
}

/* What a child process did: how it ended and what it wrote on standard error. */
struct ending {
	int status;
	char err[2048];
};

/* AddressSanitizer says so when it lets an allocation fail ("==PID==WARNING: ..."): its
 * lines are not the program's. */
static void
drop_sanitizer_lines(char *s)
{
	char *line = s, *next, *out = s;
	size_t n;

	for (; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		next = next != NULL ? next + 1 : line + strlen(line);
		n = (size_t)(next - line);
		if (strncmp(line, "==", 2) != 0) {
			memmove(out, line, n);
			out += n;
		}
	}
	*out = '\0';
}

/* Runs fn in a child process with standard error in a pipe. */
static void
in_child(void (*fn)(void), struct ending *e)
{
	int fds[2];
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	cr_assert_eq(pipe(fds), 0);
	pid = fork();
	cr_assert_neq(pid, -1, "fork: %s", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		fn();
		_exit(99);
	}
	close(fds[1]);
	while (len < sizeof e->err - 1 &&
	    (n = read(fds[0], e->err + len, sizeof e->err - 1 - len)) > 0)
		len += (size_t)n;
	e->err[len] = '\0';
	close(fds[0]);
	drop_sanitizer_lines(e->err);
	cr_assert_eq(waitpid(pid, &e->status, 0), pid);
}

static void
expect_oom(void (*fn)(void), const char *message)
{
	struct ending e;

	in_child(fn, &e);
	cr_expect(WIFEXITED(e.status) && WEXITSTATUS(e.status) == 1,
	    "exit status 1, not %s %d (stderr: %s)", WIFEXITED(e.status) ? "status" : "signal",
	    WIFEXITED(e.status) ? WEXITSTATUS(e.status) : WTERMSIG(e.status), e.err);
	cr_expect_str_eq(e.err, message);
}

/* Sizes no allocator can give. */
#define HUGE_SIZE (SIZE_MAX / 2)

static void
malloc_huge(void)
{
	xalloc_doing("reading", "answers.cfg");
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, xmalloc_failure_exits_1_naming_the_activity)
{
	expect_oom(malloc_huge, "smpscreen: out of memory while reading answers.cfg\n");
}

static void
calloc_overflow(void)
{
	xalloc_doing("writing", "report.txt");
	(void)xcalloc(HUGE_SIZE, 4);
}

static void
realloc_huge(void)
{
	char *p = xmalloc(16);

	xalloc_doing("screening answer files", NULL);
	p = xrealloc(p, HUGE_SIZE);
	free(p);
}

static void
reallocarray_overflow(void)
{
	xalloc_doing("screening answer files", NULL);
	(void)xreallocarray(NULL, HUGE_SIZE, 3);
}

Test(xalloc, every_allocator_fails_the_same_way)
{
	expect_oom(calloc_overflow, "smpscreen: out of memory while writing report.txt\n");
	expect_oom(realloc_huge, "smpscreen: out of memory while screening answer files\n");
	expect_oom(reallocarray_overflow,
	    "smpscreen: out of memory while screening answer files\n");
}

static void
nothing_named(void)
{
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, without_an_activity_the_message_says_only_that)
{
	expect_oom(nothing_named, "smpscreen: out of memory\n");
}

static void
nested(void)
{
	xalloc_doing("checking files", NULL);
	xalloc_doing("reading", "a.cfg");
	xalloc_done();
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, an_ended_activity_gives_way_to_the_one_before)
{
	expect_oom(nested, "smpscreen: out of memory while checking files\n");
}

static void
too_deep(void)
{
	char name[32];
	int i;

	/* Deeper than the stack: the innermost it holds is named, and ending the ones it
	 * could not hold does not lose track. */
	for (i = 1; i <= 6; i++) {
		snprintf(name, sizeof name, "f%d.cfg", i);
		xalloc_doing("reading", name);
	}
	xalloc_done();
	xalloc_done();
	xalloc_done();
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, nesting_deeper_than_the_stack)
{
	expect_oom(too_deep, "smpscreen: out of memory while reading f3.cfg\n");
}

static void
hostile_name(void)
{
	xalloc_doing("reading", "evil\033]0;owned\007\033[2J\r\n.cfg");
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, a_file_name_reaches_the_terminal_sanitised)
{
	expect_oom(hostile_name, "smpscreen: out of memory while reading evil]0;owned[2J.cfg\n");
}

static void
long_name(void)
{
	char name[1000];

	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	xalloc_doing("reading", name);
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, a_long_file_name_is_cut_to_one_line)
{
	struct ending e;
	char *nl;

	in_child(long_name, &e);
	cr_expect(WIFEXITED(e.status) && WEXITSTATUS(e.status) == 1);
	cr_expect_eq(strncmp(e.err, "smpscreen: out of memory while reading aaaa", 43), 0, "%s",
	    e.err);
	nl = strchr(e.err, '\n');
	cr_assert_not_null(nl);
	cr_expect_eq(nl[1], '\0', "one line");
	cr_expect_lt(strlen(e.err), 250u);
}

static void
after_reading(void)
{
	static const char *const texts[] = { "id = ", "@include \"x\"\n", "id = 1;\n",
		"a = 4294967330;\n", "" };
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	size_t i;

	xalloc_doing("checking files", NULL);
	/* Every way out of a file read: missing, refused before parsing, not parsed, parsed
	 * but invalid. */
	(void)questionnaire_load(&qn, "/nonexistent/q.cfg", &dl);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		(void)questionnaire_load_string(&qn, texts[i], "q.cfg", &dl);
	diag_clear(&dl);
	(void)xmalloc(HUGE_SIZE);
}

Test(xalloc, a_file_read_names_itself_only_while_it_lasts)
{
	expect_oom(after_reading, "smpscreen: out of memory while checking files\n");
}

/* --- a library that ends the program itself (libconfig) ------------------------------------ */

static void
library_exits(void)
{
	xalloc_doing("reading", "rules.cfg");
	xalloc_library_enter();
	/* What libconfig's scanner does when its buffer cannot be allocated. */
	fputs("out of dynamic memory in yy_scan_bytes()\n", stderr);
	exit(2);
}

Test(xalloc, a_library_exit_becomes_the_out_of_memory_exit)
{
	expect_oom(library_exits,
	    "out of dynamic memory in yy_scan_bytes()\n"
	    "smpscreen: out of memory while reading rules.cfg\n");
}

static void
library_aborts(void)
{
	xalloc_doing("reading", "rules.cfg");
	xalloc_library_enter();
	/* libconfig 1.7.4 and later, when its own allocation fails. */
	abort();
}

Test(xalloc, a_library_abort_becomes_the_out_of_memory_exit)
{
	expect_oom(library_aborts, "smpscreen: out of memory while reading rules.cfg\n");
}

static void
exit_after_library(void)
{
	xalloc_doing("reading", "rules.cfg");
	xalloc_library_enter();
	xalloc_library_leave();
	exit(2);
}

static void
abort_after_library(void)
{
	struct sigaction sa;

	xalloc_library_enter();
	xalloc_library_leave();
	/* The default action is back. */
	if (sigaction(SIGABRT, NULL, &sa) != 0 || sa.sa_handler != SIG_DFL)
		_exit(98);
	abort();
}

Test(xalloc, outside_the_library_exit_and_abort_are_left_alone)
{
	struct ending e;

	in_child(exit_after_library, &e);
	cr_expect(WIFEXITED(e.status) && WEXITSTATUS(e.status) == 2, "status %d", e.status);
	cr_expect_str_eq(e.err, "");
	in_child(abort_after_library, &e);
	cr_expect(WIFSIGNALED(e.status) && WTERMSIG(e.status) == SIGABRT, "status %d", e.status);
}
