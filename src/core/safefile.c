/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
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
set_cause(char **cause, const char *path, int error)
{
	if (cause != NULL)
		*cause = xasprintf(_("cannot write %s: %s"), path, strerror(error));
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

int
safefile_write(const char *path, const char *data, size_t len, char **cause)
{
	const char *slash, *base;
	char *dir = NULL, *tmp = NULL;
	int fd = -1, ret = -1, error = 0;
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
		if (cause != NULL)
			*cause = xasprintf(_("cannot write %s: not a regular file"), path);
		return -1;
	}
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));

	/* A dot file, so that a listing of the report directory does not show a half report. */
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	if ((fd = mkstemp(tmp)) == -1) {
		error = errno;
		free(tmp);
		tmp = NULL;
		goto fail;
	}
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
	if (rename(tmp, path) == -1) {
		error = errno;
		goto fail;
	}
	free(tmp);
	tmp = NULL;
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
	if (tmp != NULL)
		unlink(tmp);
out:
	free(tmp);
	free(dir);
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
		if (cause != NULL)
			*cause = xasprintf(_("cannot write %s: not a regular file"), path);
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
		unlink(s->tmp);
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
	s->tmp = xasprintf("%s/.%s.XXXXXX", s->dir, base);
	if ((s->fd = mkstemp(s->tmp)) == -1) {
		error = errno;
		free(s->tmp);
		s->tmp = NULL;
		goto fail;
	}
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
	if (rename(s->tmp, s->path) == -1) {
		error = errno;
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
