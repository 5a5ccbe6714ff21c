/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * Coverage: the tests reach a failed mkstemp, a failed write (a file size limit) and every
 * refusal; what they leave unrun is an interrupted write(), write() returning 0, and fsync,
 * close, rename or the directory's fsync failing after a write that worked, which only a
 * failing disk produces. Each of those takes the same `fail` path the tests do run.
 */

/* Large writes go in pieces: write() of more than SSIZE_MAX bytes is not defined. */
#define SAFEFILE_CHUNK (1024 * 1024 * 1024)

static void
set_cause_text(char **cause, const char *path, const char *why)
{
	char *shown;

	/* A cause reaches a terminal: the path's bytes are whatever someone chose. */
	if (cause != NULL) {
		shown = text_escape_unclean(path, strlen(path));
		*cause = xasprintf(_("cannot write %s: %s"), shown, why);
		free(shown);
	}
}

static void
set_cause(char **cause, const char *path, int error)
{
	set_cause_text(cause, path, strerror(error));
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len < SAFEFILE_CHUNK ? len : SAFEFILE_CHUNK);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			/* Not expected from a regular file, but looping on it would hang. */
			errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Makes the rename itself durable. Some file systems cannot fsync a directory (EINVAL); the
 * new file is in place by then, so that alone is not worth reporting a failure.
 */
static int
sync_dir(const char *dir)
{
	int fd, saved;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (fsync(fd) == -1 && errno != EINVAL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * The temporary file holds the whole report until it is renamed into place. Nothing may leave
 * it behind:
 *
 * - A signal that would end the program (SIGTERM from a shutdown, Ctrl-C, a closed terminal)
 *   removes it first. Only signals whose action is still the default get a handler, and only
 *   while the file exists: a program that handles SIGTERM itself (the wizard, the kiosk) keeps
 *   running, and the write finishes or cleans up as usual. The name lives in a static buffer
 *   so that the handler needs nothing but unlink(); the signals are blocked while the name and
 *   the file come and go together.
 * - What no handler can catch (kill -9, a power cut) is swept by the next write into the same
 *   directory: see sweep_stale().
 *
 * The temporary name is ".NAME.PID.XXXXXX": the dot keeps it out of a listing, the pid says
 * whose it is. The writer holds an flock(2) on it while it writes.
 */
static const int tmp_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1,
	SIGUSR2, SIGXFSZ };
#define TMP_NSIGNALS (sizeof tmp_signals / sizeof tmp_signals[0])

static char tmp_path[PATH_MAX];
static volatile sig_atomic_t tmp_armed;
static struct sigaction tmp_saved[TMP_NSIGNALS];
static bool tmp_hooked[TMP_NSIGNALS];

static void
tmp_on_signal(int sig)
{
	if (tmp_armed)
		unlink(tmp_path);
	/* Then die of it as if nothing had been here: it is delivered again when the handler
	 * returns, since it is blocked until then. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
tmp_block(bool block, sigset_t *old)
{
	sigset_t set;
	size_t i;

	if (!block) {
		sigprocmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	for (i = 0; i < TMP_NSIGNALS; i++)
		sigaddset(&set, tmp_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
tmp_hook(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tmp_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < TMP_NSIGNALS; i++)
		sigaddset(&sa.sa_mask, tmp_signals[i]);
	for (i = 0; i < TMP_NSIGNALS; i++) {
		tmp_hooked[i] = sigaction(tmp_signals[i], NULL, &tmp_saved[i]) == 0 &&
		    (tmp_saved[i].sa_flags & SA_SIGINFO) == 0 &&
		    tmp_saved[i].sa_handler == SIG_DFL && sigaction(tmp_signals[i], &sa, NULL) == 0;
	}
}

static void
tmp_unhook(void)
{
	size_t i;

	for (i = 0; i < TMP_NSIGNALS; i++)
		if (tmp_hooked[i])
			sigaction(tmp_signals[i], &tmp_saved[i], NULL);
}

/* ASCII only, whatever the locale: mkstemp's letters and the pid's digits. */
static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The pid in a temporary name of ours (".NAME.PID.XXXXXX"), or 0 when name is not one. */
static pid_t
tmp_name_pid(const char *name)
{
	size_t len = strlen(name), i, end, start;
	long pid = 0;

	/* ".", at least one byte of NAME, ".", a pid, ".", six mkstemp characters. */
	if (len < 1 + 1 + 1 + 1 + 1 + 6 || name[0] != '.' || name[len - 7] != '.')
		return 0;
	for (i = len - 6; i < len; i++)
		if (!is_alnum(name[i]))
			return 0;
	end = len - 7;
	for (start = end; start > 0 && is_digit(name[start - 1]); start--)
		;
	if (start == end || end - start > 10 || name[start] == '0' || start < 3 ||
	    name[start - 1] != '.')
		return 0;
	for (i = start; i < end; i++)
		pid = pid * 10 + (name[i] - '0');
	return pid > 0 && pid <= INT_MAX ? (pid_t)pid : 0;
}

/*
 * Removes the temporary files that writes into dir left behind when they were killed. A file
 * goes only when every sign says it is one of ours and abandoned: its name has our form, it is
 * a regular 0600 file with one link owned by this user, the process named in it no longer
 * exists, and nobody holds its lock. The pid alone could mislead (a writer in another pid
 * namespace sharing the directory); the lock alone could too (a writer between creating the
 * file and locking it); a running writer's file fails at least one of the two. Best effort:
 * anything unexpected leaves the file where it is.
 */
static void
sweep_stale(const char *dir)
{
	struct stat st, again;
	struct dirent *de;
	pid_t pid;
	DIR *d;
	int fd;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.' || (pid = tmp_name_pid(de->d_name)) == 0)
			continue;
		if (kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    (st.st_mode & 07777) == 0600 && st.st_nlink == 1 &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    fstatat(dirfd(d), de->d_name, &again, AT_SYMLINK_NOFOLLOW) == 0 &&
		    again.st_ino == st.st_ino && again.st_dev == st.st_dev)
			unlinkat(dirfd(d), de->d_name, 0);
		close(fd);
	}
	closedir(d);
}

/*
 * Creates the 0600 temporary file for base in dir, hooked to the signals, and returns its
 * descriptor (its name is in tmp_path), or -1 with errno.
 */
static int
tmp_create(const char *dir, const char *base)
{
	sigset_t old;
	int fd, n, error;

	sweep_stale(dir);
	n = snprintf(tmp_path, sizeof tmp_path, "%s/.%s.%ld.XXXXXX", dir, base, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	tmp_hook();
	tmp_block(true, &old);
	fd = mkostemp(tmp_path, O_CLOEXEC);
	error = errno;
	tmp_armed = fd != -1;
	tmp_block(false, &old);
	if (fd == -1) {
		tmp_unhook();
		errno = error;
		return -1;
	}
	/* Best effort: the pid in the name already says the file is in use. */
	(void)flock(fd, LOCK_EX | LOCK_NB);
	return fd;
}

/* Renames the temporary file to path (commit) or removes it, and lets go of the signals.
 * Returns rename's result. */
static int
tmp_finish(const char *path, bool commit)
{
	sigset_t old;
	int rc = 0, error = 0;

	tmp_block(true, &old);
	if (commit && (rc = rename(tmp_path, path)) == -1)
		error = errno;
	if (!commit || rc == -1)
		unlink(tmp_path);
	tmp_armed = 0;
	tmp_block(false, &old);
	tmp_unhook();
	errno = error;
	return rc;
}

int
safefile_write(const char *path, const char *data, size_t len, char **cause)
{
	const char *slash, *base;
	char *dir = NULL;
	int fd = -1, ret = -1, error = 0;
	bool have_tmp = false;
	struct stat st;

	if (path == NULL || *path == '\0' || (data == NULL && len > 0)) {
		set_cause(cause, path != NULL ? path : "", EINVAL);
		return -1;
	}
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	if (*base == '\0') {
		set_cause(cause, path, EISDIR);
		return -1;
	}
	/* Renaming over a device, a directory or a symlink would replace it (as root, even
	 * /dev/null): only a regular file, or nothing yet, may be there. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		set_cause_text(cause, path, _("not a regular file"));
		return -1;
	}
	xalloc_doing("writing", path);
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));

	if ((fd = tmp_create(dir, base)) == -1) {
		error = errno;
		goto fail;
	}
	have_tmp = true;
	/* mkstemp() honours the umask, and health data must not be readable by others. */
	if (fchmod(fd, S_IRUSR | S_IWUSR) == -1 || write_all(fd, data, len) == -1 ||
	    fsync(fd) == -1) {
		error = errno;
		goto fail;
	}
	/* Linux closes the descriptor even when close() is interrupted; fsync has the data. */
	if (close(fd) == -1 && errno != EINTR) {
		fd = -1;
		error = errno;
		goto fail;
	}
	fd = -1;
	have_tmp = false;
	if (tmp_finish(path, true) == -1) {
		error = errno;
		goto fail;
	}
	if (sync_dir(dir) == -1) {
		error = errno;
		goto fail;
	}
	ret = 0;
	goto out;

fail:
	set_cause(cause, path, error);
	if (fd != -1)
		close(fd);
	if (have_tmp)
		tmp_finish(path, false);
out:
	free(dir);
	xalloc_done();
	return ret;
}

/* A missing dir that mkdir could make: 1, or -1 with *cause. */
static int
parent_ready(const char *dir, char **cause)
{
	char *parent = xstrdup(dir), *slash = strrchr(parent, '/');
	int rc = 1;

	if (slash == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (access(parent, W_OK | X_OK) != 0) {
		*cause = xasprintf(_("%s is missing and cannot be created in %s: %s"), dir, parent,
		    strerror(errno));
		rc = -1;
	}
	free(parent);
	return rc;
}

int
safefile_private_dir(const char *dir, bool create, char **cause)
{
	struct stat st;

	if (!create && stat(dir, &st) != 0 && errno == ENOENT)
		return parent_ready(dir, cause);
	/* Only the last component is made: a missing parent is more likely a typing mistake
	 * in the settings than a wish for a tree of new folders. */
	if (create && mkdir(dir, 0700) == 0) {
		/* mkdir's mode passes through the umask: a strict one (0277) would leave a
		 * folder even its owner cannot write. */
		if (chmod(dir, 0700) != 0) {
			*cause = xasprintf(_("cannot use %s: %s"), dir, strerror(errno));
			return -1;
		}
	} else if (create && errno != EEXIST) {
		*cause =
		    xasprintf(_("%s is missing and cannot be created: %s"), dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0) {
		*cause = xasprintf(_("cannot use %s: %s"), dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xasprintf(_("%s is not a directory"), dir);
		return -1;
	}
	/* Another user's folder, or one others may write to, lets them plant, swap or remove
	 * health records. */
	if (st.st_uid != geteuid()) {
		*cause = xasprintf(_("%s belongs to another user (uid %ld), not to the one running "
		                     "this (uid %ld)"),
		    dir, (long)st.st_uid, (long)geteuid());
		return -1;
	}
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		*cause = xasprintf(_("%s is writable by %s (mode %04o); chmod 700 %s"), dir,
		    (st.st_mode & S_IWOTH) != 0 ? _("every user") : _("its group"),
		    (unsigned)(st.st_mode & 07777), dir);
		return -1;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		*cause = xasprintf(_("cannot save in %s: %s"), dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* --- writing in pieces ----------------------------------------------------------------------
 * The same steps as safefile_write, spread over calls, for a report too large to build in
 * memory first (a batch of a million answer files). */

struct safefile_stream {
	char *path; /* the target */
	char *dir;  /* its directory, synced after the rename */
	char *tmp;  /* the temporary file beside it; NULL once renamed (or never made) */
	int fd;
};

/* As for safefile_write: a device, directory or symlink there would be replaced. */
static bool
not_regular(const char *path, char **cause)
{
	struct stat st;

	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		set_cause_text(cause, path, _("not a regular file"));
		return true;
	}
	return false;
}

static void
stream_free(struct safefile_stream *s)
{
	if (s->fd != -1)
		close(s->fd);
	if (s->tmp != NULL)
		tmp_finish(s->path, false);
	free(s->tmp);
	free(s->dir);
	free(s->path);
	free(s);
}

struct safefile_stream *
safefile_open(const char *path, char **cause)
{
	const char *slash, *base;
	struct safefile_stream *s;
	int error;

	if (path == NULL || *path == '\0') {
		set_cause(cause, path != NULL ? path : "", EINVAL);
		return NULL;
	}
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	if (*base == '\0') {
		set_cause(cause, path, EISDIR);
		return NULL;
	}
	/* Before the work of a whole batch, so that -o /dev/null fails at once. */
	if (not_regular(path, cause))
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->fd = -1;
	s->path = xstrdup(path);
	if (slash == NULL)
		s->dir = xstrdup(".");
	else if (slash == path)
		s->dir = xstrdup("/");
	else
		s->dir = xstrndup(path, (size_t)(slash - path));
	/* The same temporary file as safefile_write's: named with the pid, locked, removed on
	 * a catchable signal and swept by a later write when the process was killed. There is
	 * one such file at a time (the signal handler knows one name): a stream is not
	 * interleaved with other writes. */
	if ((s->fd = tmp_create(s->dir, base)) == -1) {
		error = errno;
		goto fail;
	}
	s->tmp = xstrdup(tmp_path);
	if (fchmod(s->fd, S_IRUSR | S_IWUSR) == -1) {
		error = errno;
		goto fail;
	}
	return s;

fail:
	set_cause(cause, path, error);
	stream_free(s);
	return NULL;
}

int
safefile_append(struct safefile_stream *s, const char *data, size_t len, char **cause)
{
	if (data == NULL && len > 0) {
		set_cause(cause, s->path, EINVAL);
		return -1;
	}
	if (write_all(s->fd, data, len) == -1) {
		set_cause(cause, s->path, errno);
		return -1;
	}
	return 0;
}

int
safefile_commit(struct safefile_stream *s, char **cause)
{
	int error;

	if (fsync(s->fd) == -1) {
		error = errno;
		goto fail;
	}
	/* Linux closes the descriptor even when close() is interrupted; fsync has the data. */
	if (close(s->fd) == -1 && errno != EINTR) {
		s->fd = -1;
		error = errno;
		goto fail;
	}
	s->fd = -1;
	/* Again: a batch takes minutes, long enough for the name to have changed. */
	if (not_regular(s->path, cause)) {
		stream_free(s);
		return -1;
	}
	if (tmp_finish(s->path, true) == -1) {
		error = errno;
		free(s->tmp);
		s->tmp = NULL; /* tmp_finish removed it */
		goto fail;
	}
	free(s->tmp);
	s->tmp = NULL;
	if (sync_dir(s->dir) == -1) {
		error = errno;
		goto fail;
	}
	stream_free(s);
	return 0;

fail:
	set_cause(cause, s->path, error);
	stream_free(s);
	return -1;
}

void
safefile_abort(struct safefile_stream *s)
{
	if (s != NULL)
		stream_free(s);
}
