/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "smpscreen/draft.h"
#include "smpscreen/xalloc.h"

/*
 * Drafts held by their live consultation (issue 14, item 2). "Another consultation" is
 * played by a second open file description of this process (flock locks belong to one, so
 * the two conflict as two processes would) or by a child process, which also shows the lock
 * going with a process that is killed.
 */

static char *dir;

static void
setup(void)
{
	dir = test_tmpdir();
}

static void
teardown(void)
{
	test_remove_tree(&dir);
}

TestSuite(draft, .init = setup, .fini = teardown);

static char *
in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	cr_assert_not_null(fp, "fopen %s: %s", path, strerror(errno));
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
}

/* path with ".cfg" replaced by ".lock". Caller frees. */
static char *
lock_of(const char *path)
{
	size_t n = strlen(path);

	cr_assert_gt(n, 4);
	return xasprintf("%.*s.lock", (int)(n - 4), path);
}

/* True when some open file description holds a lock on the file at path. */
static bool
locked(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool held;

	if (fd == -1)
		return false;
	held = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

/* True when this process holds the file at path open with FD_CLOEXEC set. */
static bool
close_on_exec(const char *path)
{
	struct dirent *de;
	char link[300], target[4096];
	bool found = false;
	ssize_t n;
	DIR *dp = opendir("/proc/self/fd");

	cr_assert_not_null(dp);
	while ((de = readdir(dp)) != NULL) {
		snprintf(link, sizeof link, "/proc/self/fd/%s", de->d_name);
		if ((n = readlink(link, target, sizeof target - 1)) <= 0)
			continue;
		target[n] = '\0';
		if (strcmp(target, path) == 0) {
			found = true;
			cr_expect(fcntl(atoi(de->d_name), F_GETFD) & FD_CLOEXEC, "fd %s",
			    de->d_name);
		}
	}
	closedir(dp);
	return found;
}

/* Expects draft_take(path) to refuse, with a cause naming path and saying word. */
static void
expect_refused(const char *path, const char *word)
{
	char *cause = NULL;

	cr_expect_null(draft_take(path, &cause), "%s taken", path);
	cr_assert_not_null(cause);
	cr_expect_not_null(strstr(cause, path), "\"%s\" names %s", cause, path);
	cr_expect_not_null(strstr(cause, word), "\"%s\" says \"%s\"", cause, word);
	free(cause);
}

/* --- a new draft ------------------------------------------------------------------------- */

Test(draft, new_claims_a_fresh_name_and_holds_it)
{
	char *cause = NULL, *lock;
	struct draft *d = draft_new(dir, &cause), *e;
	const char *p;

	cr_assert_not_null(d, "%s", cause);
	p = draft_path(d);
	cr_expect_eq(strncmp(p, dir, strlen(dir)), 0, "%s", p);
	cr_expect_eq(strncmp(p + strlen(dir), "/draft-", 7), 0, "%s", p);
	cr_expect_str_eq(p + strlen(p) - 4, ".cfg");
	cr_expect_not(exists(p), "the draft itself is not written");
	cr_expect_not(draft_exists(d));
	cr_expect(draft_in(dir, p));
	lock = lock_of(p);
	cr_expect(exists(lock));
	cr_expect_eq(test_mode_of(lock), 0600);
	cr_expect(locked(lock), "held while the consultation runs");
	cr_expect(close_on_exec(lock), "a program started later would not hold it");
	e = draft_new(dir, &cause);
	cr_assert_not_null(e, "%s", cause);
	cr_expect_str_neq(draft_path(e), p, "two consultations, two drafts");
	draft_release(e);
	draft_release(d);
	cr_expect_not(exists(lock), "let go of: its lock goes");
	cr_expect_eq(test_count_entries(dir), 0, "nothing written, nothing left");
	free(lock);
}

Test(draft, new_in_a_missing_folder_says_which_and_why)
{
	char *sub = in_dir("missing"), *cause = NULL;

	cr_expect_null(draft_new(sub, &cause));
	cr_assert_not_null(cause);
	cr_expect_not_null(strstr(cause, sub), "%s", cause);
	cr_expect_not_null(strstr(cause, strerror(ENOENT)), "%s", cause);
	free(cause);
	free(sub);
}

Test(draft, new_in_a_file_says_which_and_why)
{
	char *file = in_dir("afile"), *cause = NULL;

	write_file(file, "x");
	cr_expect_null(draft_new(file, &cause));
	cr_assert_not_null(cause);
	cr_expect_not_null(strstr(cause, strerror(ENOTDIR)), "%s", cause);
	free(cause);
	free(file);
}

/* --- letting go -------------------------------------------------------------------------- */

Test(draft, release_leaves_the_draft_waiting)
{
	char *cause = NULL, *path, *lock;
	struct draft *d = draft_new(dir, &cause);

	cr_assert_not_null(d, "%s", cause);
	path = xstrdup(draft_path(d));
	lock = lock_of(path);
	write_file(path, "answers\n");
	cr_expect(draft_exists(d));
	draft_release(d);
	cr_expect(exists(path), "the draft stays");
	cr_expect_not(exists(lock), "the lock goes");
	d = draft_take(path, &cause);
	cr_assert_not_null(d, "a later consultation takes it over: %s", cause);
	cr_expect_str_eq(draft_path(d), path);
	cr_expect(locked(lock));
	draft_delete(d);
	cr_expect_not(exists(path));
	cr_expect_not(exists(lock));
	cr_expect_eq(test_count_entries(dir), 0);
	draft_delete(NULL);
	draft_release(NULL);
	free(path);
	free(lock);
}

/* --- taking over ------------------------------------------------------------------------- */

Test(draft, a_draft_a_live_consultation_holds_is_refused)
{
	char *cause = NULL, *path, *text;
	struct draft *d = draft_new(dir, &cause);

	cr_assert_not_null(d, "%s", cause);
	path = xstrdup(draft_path(d));
	write_file(path, "theirs\n");
	expect_refused(path, "in use by another consultation");
	cr_expect_null(draft_take_latest(dir), "not offered either");
	text = test_read_file(path);
	cr_expect_str_eq(text, "theirs\n", "left as it was");
	free(text);
	cr_expect(draft_exists(d));
	draft_release(d);
	free(path);
}

/* A live consultation in another process; killed, its lock goes with it: a dropped line
 * leaves a waiting draft, never a stuck one. */
Test(draft, a_draft_of_a_killed_process_can_be_taken)
{
	int up[2], status;
	char path[4096] = "", *cause = NULL;
	struct draft *d;
	ssize_t n;
	pid_t pid;

	cr_assert_eq(pipe(up), 0);
	if ((pid = fork()) == 0) {
		struct draft *mine = draft_new(dir, &cause);

		if (mine == NULL)
			_exit(1);
		write_file(draft_path(mine), "answers\n");
		/* Tells the parent where, then waits to be killed. */
		if (write(up[1], draft_path(mine), strlen(draft_path(mine))) < 0)
			_exit(1);
		close(up[1]);
		for (;;)
			pause();
	}
	cr_assert_gt(pid, 0);
	close(up[1]);
	n = read(up[0], path, sizeof path - 1);
	close(up[0]);
	cr_assert_gt(n, 0, "the child made its draft");
	path[n] = '\0';
	expect_refused(path, "in use by another consultation");
	cr_assert_eq(kill(pid, SIGKILL), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	d = draft_take(path, &cause);
	cr_assert_not_null(d, "%s", cause);
	draft_delete(d);
}

Test(draft, a_draft_gone_between_listing_and_locking)
{
	char *path = in_dir("draft-20300101-000000-00000000.cfg"), *lock = lock_of(path);

	/* Its lock left behind (a consultation killed while deleting it, say). */
	write_file(lock, "");
	expect_refused(path, strerror(ENOENT));
	cr_expect_not(exists(lock), "the lock made or found for it goes");
	expect_refused(path, strerror(ENOENT));
	cr_expect_eq(test_count_entries(dir), 0);
	free(path);
	free(lock);
}

Test(draft, a_stale_lock_file_does_not_hold_a_draft)
{
	char *path = in_dir("draft-20300101-000000-00000000.cfg"), *lock = lock_of(path), *cause;
	struct draft *d;

	write_file(path, "answers\n");
	write_file(lock, "");
	d = draft_take(path, &cause);
	cr_assert_not_null(d, "%s", cause);
	draft_release(d);
	free(path);
	free(lock);
}

Test(draft, what_is_not_a_regular_file_is_refused)
{
	char *link = in_dir("draft-1.cfg"), *sub = in_dir("draft-2.cfg"), *target = in_dir("t");

	write_file(target, "answers\n");
	cr_assert_eq(symlink(target, link), 0);
	cr_assert_eq(mkdir(sub, 0700), 0);
	expect_refused(link, "not a regular file");
	expect_refused(sub, "not a regular file");
	cr_expect_null(draft_take_latest(dir), "neither is offered");
	cr_expect_eq(test_count_entries(dir), 3, "no lock left beside them");
	free(link);
	free(sub);
	free(target);
}

/* A lock file that cannot be opened: a folder, or a symbolic link, in its place. */
Test(draft, a_lock_that_cannot_be_taken_is_refused)
{
	char *path = in_dir("draft-1.cfg"), *lock = lock_of(path);
	char *path2 = in_dir("draft-2.cfg"), *lock2 = lock_of(path2),
	     *elsewhere = in_dir("elsewhere");

	write_file(path, "answers\n");
	cr_assert_eq(mkdir(lock, 0700), 0);
	expect_refused(path, strerror(EISDIR));
	write_file(path2, "answers\n");
	write_file(elsewhere, "");
	cr_assert_eq(symlink("elsewhere", lock2), 0);
	expect_refused(path2, strerror(ELOOP));
	cr_expect_null(draft_take_latest(dir));
	cr_expect(exists(path) && exists(path2), "both left as they were");
	free(elsewhere);
	free(path);
	free(lock);
	free(path2);
	free(lock2);
}

Test(draft, take_in_a_missing_folder_says_why)
{
	char *path = in_dir("no/draft-1.cfg");

	expect_refused(path, strerror(ENOENT));
	free(path);
}

/* --- the most recent waiting draft ------------------------------------------------------- */

static void
set_mtime(const char *path, time_t t)
{
	struct timespec ts[2] = { { t, 0 }, { t, 0 } };

	cr_assert_eq(utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW), 0, "%s", path);
}

Test(draft, the_most_recent_waiting_draft_is_taken_first)
{
	char *a = in_dir("draft-a.cfg"), *b = in_dir("draft-b.cfg"), *c = in_dir("draft.cfg");
	char *cause = NULL;
	struct draft *live = draft_new(dir, &cause), *d1, *d2, *d3;

	cr_assert_not_null(live, "%s", cause);
	write_file(draft_path(live), "live\n");
	set_mtime(draft_path(live), 4000000000);
	write_file(a, "a\n");
	set_mtime(a, 1000000000);
	write_file(b, "b\n");
	set_mtime(b, 3000000000);
	write_file(c, "c\n"); /* an earlier version's */
	set_mtime(c, 2000000000);
	d1 = draft_take_latest(dir);
	d2 = draft_take_latest(dir);
	d3 = draft_take_latest(dir);
	cr_assert_not_null(d1);
	cr_assert_not_null(d2);
	cr_assert_not_null(d3);
	cr_expect_str_eq(draft_path(d1), b, "the newest a live consultation does not hold");
	cr_expect_str_eq(draft_path(d2), c);
	cr_expect_str_eq(draft_path(d3), a);
	cr_expect_null(draft_take_latest(dir), "each taken once");
	draft_release(d1);
	draft_release(d2);
	draft_release(d3);
	draft_release(live);
	free(a);
	free(b);
	free(c);
}

Test(draft, only_drafts_are_taken)
{
	static const char *const others[] = { "notes.cfg", "draft-.cfg", "draft-a b.cfg",
		"draft-a.cfg.bak", "xdraft-a.cfg", "draft-a.lock", ".draft-a.cfg.ABCDEF" };
	size_t i;

	for (i = 0; i < sizeof others / sizeof others[0]; i++) {
		char *p = in_dir(others[i]);

		write_file(p, "answers\n");
		cr_expect_not(draft_in(dir, p), "%s", others[i]);
		free(p);
	}
	cr_expect_null(draft_take_latest(dir));
	cr_expect_eq(test_count_entries(dir), sizeof others / sizeof others[0], "nothing added");
}

Test(draft, nothing_to_take_in_a_missing_or_empty_folder)
{
	char *sub = in_dir("missing");

	cr_expect_null(draft_take_latest(sub));
	cr_expect_null(draft_take_latest(dir));
	free(sub);
}

Test(draft, in_means_in_that_folder_however_it_is_spelled)
{
	char *p = in_dir("draft-1.cfg"), *dotted = xasprintf("%s/./draft-1.cfg", dir);
	char *old = in_dir("draft.cfg");
	char *sub = in_dir("sub"), *other = in_dir("sub/draft-1.cfg");

	cr_assert_eq(mkdir(sub, 0700), 0);
	cr_expect(draft_in(dir, p));
	cr_expect(draft_in(dir, dotted));
	cr_expect(draft_in(dir, old), "an earlier version's draft.cfg");
	cr_expect_not(draft_in(dir, other), "another folder");
	cr_expect(draft_in(sub, other));
	cr_expect_not(draft_in(dir, "draft-1.cfg"), "relative: the working directory's");
	free(p);
	free(old);
	free(dotted);
	free(sub);
	free(other);
}
