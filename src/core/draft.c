/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "smpscreen/draft.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/*
 * The lock file is removed whenever its holder lets go, so that a folder of waiting drafts
 * holds only drafts. That is safe because every taker checks, once it holds a lock, that the
 * file it locked is still the one under the name: a process that opened the file just
 * before its holder removed it gets a lock on nothing, sees so, and opens the name again.
 */

/* How often a lock file removed under us is opened again, and a taken name chosen again:
 * each retry means another process let go of that draft, or claimed that name, in the
 * moment between two system calls. */
#define DRAFT_TRIES 10

struct draft {
	char *path; /* the draft file */
	char *lock; /* the lock file beside it */
	int fd;     /* the lock file, locked */
};

/* "draft.cfg", or "draft-" then letters, digits and '-', then ".cfg". */
static bool
is_draft_name(const char *name)
{
	size_t n = strlen(name), mid;

	if (strcmp(name, "draft.cfg") == 0)
		return true;
	if (n <= strlen("draft-.cfg") || strncmp(name, "draft-", 6) != 0 ||
	    strcmp(name + n - 4, ".cfg") != 0)
		return false;
	mid = n - 6 - 4;
	return strspn(name + 6,
	           "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == mid;
}

/* "x.cfg" → "x.lock"; any other name gets ".lock" added. Caller frees. */
static char *
lock_path(const char *path)
{
	size_t n = strlen(path);

	if (n > 4 && strcmp(path + n - 4, ".cfg") == 0)
		return xasprintf("%.*s.lock", (int)(n - 4), path);
	return xasprintf("%s.lock", path);
}

/* Opens (creating it, exclusively with O_EXCL in flags) and locks the lock file at lock: the
 * descriptor, or -1 with errno (EWOULDBLOCK: a live process holds it). */
static int
lock_open(const char *lock, int flags)
{
	struct stat held, named;
	int fd, tries, error;

	for (tries = 0; tries < DRAFT_TRIES; tries++) {
		/* O_CLOEXEC: a lock inherited by a child would outlive this consultation. */
		fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | flags, 0600);
		if (fd == -1)
			return -1;
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			error = errno;
			close(fd);
			errno = error;
			return -1;
		}
		if (fstat(fd, &held) == 0 && lstat(lock, &named) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino)
			return fd;
		close(fd);
	}
	errno = EWOULDBLOCK;
	return -1;
}

static struct draft *
held(char *path, char *lock, int fd)
{
	struct draft *d = xcalloc(1, sizeof *d);

	d->path = path;
	d->lock = lock;
	d->fd = fd;
	return d;
}

/* 32 random bits as 8 hex digits: two consultations starting at once differ (a clash is
 * caught when the name is claimed). No date: the file's time says when, and a short name
 * keeps the path that stderr and plain mode show for --resume on one line. */
static void
new_id(char id[16])
{
	static unsigned counter;
	uint32_t r = 0;

	if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		r = (uint32_t)time(NULL) ^ (uint32_t)getpid() << 8 ^ ++counter;
	snprintf(id, 16, "%08" PRIx32, r);
}

struct draft *
draft_new(const char *dir, char **cause)
{
	char id[16], *path, *lock;
	int fd, tries, error = EEXIST;
	struct stat st;

	for (tries = 0; tries < DRAFT_TRIES; tries++) {
		new_id(id);
		path = xasprintf("%s/draft-%s.cfg", dir, id);
		lock = lock_path(path);
		/* The name is claimed by creating its lock file: only one process can. */
		if ((fd = lock_open(lock, O_EXCL)) != -1) {
			/* A draft under the name without its lock (copied in, say) is not ours
			 * to write over: another name. */
			if (lstat(path, &st) != 0 && errno == ENOENT)
				return held(path, lock, fd);
			unlink(lock);
			close(fd);
			errno = EEXIST;
		}
		error = errno;
		free(path);
		free(lock);
		if (error != EEXIST)
			break;
	}
	*cause = xasprintf(_("cannot keep a draft in %s: %s"), dir, strerror(error));
	return NULL;
}

struct draft *
draft_take(const char *path, char **cause)
{
	char *lock = lock_path(path);
	struct stat st;
	int fd = lock_open(lock, 0), error;

	if (fd == -1) {
		*cause = errno == EWOULDBLOCK ?
		    xasprintf(_("%s is in use by another consultation that is still running"),
		        path) :
		    xasprintf(_("cannot take over %s: %s"), path, strerror(errno));
		free(lock);
		return NULL;
	}
	/* Held now, so what is there stays there. A draft deleted between someone's listing
	 * and this lock is gone (and the lock made for it goes too). */
	if ((error = lstat(path, &st) != 0 ? errno : 0) != 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf(_("cannot take over %s: %s"), path,
		    error != 0 ? strerror(error) : _("not a regular file"));
		unlink(lock);
		close(fd);
		free(lock);
		return NULL;
	}
	return held(xstrdup(path), lock, fd);
}

struct waiting {
	struct timespec at;
	char *path;
};

/* Most recently written first; the name decides between equal times, for repeatable runs. */
static int
newest_first(const void *a, const void *b)
{
	const struct waiting *x = a, *y = b;

	if (x->at.tv_sec != y->at.tv_sec)
		return x->at.tv_sec < y->at.tv_sec ? 1 : -1;
	if (x->at.tv_nsec != y->at.tv_nsec)
		return x->at.tv_nsec < y->at.tv_nsec ? 1 : -1;
	return strcmp(y->path, x->path);
}

struct draft *
draft_take_latest(const char *dir)
{
	struct waiting *w = NULL;
	struct draft *d = NULL;
	struct dirent *de;
	struct stat st;
	size_t n = 0, cap = 0, i;
	char *path, *cause;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (!is_draft_name(de->d_name))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			w = xreallocarray(w, cap, sizeof *w);
		}
		w[n++] = (struct waiting){ st.st_mtim, path };
	}
	closedir(dp);
	if (n > 1)
		qsort(w, n, sizeof *w, newest_first);
	/* Those live consultations hold, and those gone since the listing, are passed over. */
	for (i = 0; i < n && d == NULL; i++) {
		cause = NULL;
		d = draft_take(w[i].path, &cause);
		free(cause);
	}
	for (i = 0; i < n; i++)
		free(w[i].path);
	free(w);
	return d;
}

bool
draft_in(const char *dir, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *parent;
	struct stat a, b;
	bool in;

	if (!is_draft_name(slash != NULL ? slash + 1 : path))
		return false;
	parent = slash == NULL ? xstrdup(".") :
	    slash == path      ? xstrdup("/") :
	                         xstrndup(path, (size_t)(slash - path));
	/* The same folder, however either is spelled. */
	in = stat(parent, &a) == 0 && stat(dir, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino;
	free(parent);
	return in;
}

const char *
draft_path(const struct draft *d)
{
	return d->path;
}

bool
draft_exists(const struct draft *d)
{
	struct stat st;

	return lstat(d->path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Lets go of the lock: its file first, while it is still held (see the top of the file). */
static void
unlock(struct draft *d)
{
	unlink(d->lock);
	close(d->fd);
	free(d->path);
	free(d->lock);
	free(d);
}

void
draft_delete(struct draft *d)
{
	if (d == NULL)
		return;
	unlink(d->path);
	unlock(d);
}

void
draft_release(struct draft *d)
{
	if (d != NULL)
		unlock(d);
}
