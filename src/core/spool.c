/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smpscreen/i18n.h"
#include "smpscreen/spool.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* Most batches are a few files: they never touch the disk. Beyond this, memory would grow
 * with the number of files. SMPSCREEN_SPOOL_BYTES lowers it, so the tests reach the file. */
#define SPOOL_MEMORY_DEFAULT (4UL * 1024 * 1024)

/* In memory the bytes are pieces taken over whole from their strbufs (spool_take), so that
 * a batch's reports are never copied on their way to standard output but once. */
struct piece {
	char *buf;
	size_t len;
};

struct spool {
	struct piece *pieces;
	size_t n_pieces, cap_pieces;
	size_t limit;
	size_t size;
	int fd; /* -1 until the bytes outgrow memory */
	bool failed;
};

struct spool *
spool_new(void)
{
	struct spool *sp = xcalloc(1, sizeof *sp);
	const char *env = getenv("SMPSCREEN_SPOOL_BYTES");
	char *end;
	unsigned long v;

	sp->fd = -1;
	sp->limit = SPOOL_MEMORY_DEFAULT;
	if (env != NULL && *env >= '0' && *env <= '9') {
		errno = 0;
		v = strtoul(env, &end, 10);
		if (errno == 0 && *end == '\0')
			sp->limit = v;
	}
	return sp;
}

static const char *
tmp_dir(void)
{
	const char *d = getenv("TMPDIR");
	struct stat st;

	if (d != NULL && *d == '/' && stat(d, &st) == 0 && S_ISDIR(st.st_mode))
		return d;
	return "/tmp";
}

/* A file with no name: O_TMPFILE where the file system has it, else a name unlinked at
 * once (the window is one system call, and the name is unguessable and 0600). */
static int
file_open(char **cause)
{
	const char *dir = tmp_dir();
	char *path;
	int fd, error;

	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
	if (fd != -1)
		return fd;
	path = xasprintf("%s/.smpscreen-spool.XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	error = errno;
	if (fd != -1) {
		unlink(path);
		if (fchmod(fd, S_IRUSR | S_IWUSR) == -1) {
			error = errno;
			close(fd);
			fd = -1;
		}
	}
	if (fd == -1)
		*cause = xasprintf(_("cannot make a temporary file in %s to hold the reports "
		                     "until every file is checked: %s"),
		    dir, strerror(error));
	free(path);
	return fd;
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
file_fail(struct spool *sp, int error, char **cause)
{
	*cause = xasprintf(_("cannot keep the reports in a temporary file until every file is "
	                     "checked: %s"),
	    strerror(error));
	sp->failed = true;
	return -1;
}

static void
pieces_free(struct spool *sp)
{
	size_t i;

	/* Not zeroed: these are the reports on their way to standard output, which leave the
	 * process anyway, no core file can hold them (main.c), and zeroing them cost 2-3 % of
	 * a batch's work per file (the strbuf they came from never zeroed them either). */
	for (i = 0; i < sp->n_pieces; i++)
		free(sp->pieces[i].buf);
	free(sp->pieces);
	sp->pieces = NULL;
	sp->n_pieces = sp->cap_pieces = 0;
}

/* Moves the pieces held in memory to the temporary file, made now. */
static int
spill(struct spool *sp, char **cause)
{
	size_t i;

	if ((sp->fd = file_open(cause)) == -1) {
		sp->failed = true;
		return -1;
	}
	for (i = 0; i < sp->n_pieces; i++)
		if (write_all(sp->fd, sp->pieces[i].buf, sp->pieces[i].len) == -1)
			return file_fail(sp, errno != 0 ? errno : ENOSPC, cause);
	pieces_free(sp);
	return 0;
}

/* Adds len bytes at data, as a piece of its own when keep is not NULL (which it then owns:
 * data is *keep's buffer). */
static int
add(struct spool *sp, const char *data, size_t len, char **keep, char **cause)
{
	if (sp->failed) {
		*cause = xstrdup(_("the reports could not be kept"));
		return -1;
	}
	if (sp->fd == -1 && sp->size + len > sp->limit && spill(sp, cause) != 0)
		return -1;
	if (sp->fd != -1) {
		if (write_all(sp->fd, data, len) == -1)
			return file_fail(sp, errno != 0 ? errno : ENOSPC, cause);
		sp->size += len;
		return 0;
	}
	if (sp->n_pieces == sp->cap_pieces) {
		sp->cap_pieces = sp->cap_pieces ? 2 * sp->cap_pieces : 16;
		sp->pieces = xreallocarray(sp->pieces, sp->cap_pieces, sizeof *sp->pieces);
	}
	if (keep != NULL) {
		sp->pieces[sp->n_pieces].buf = *keep;
		*keep = NULL;
	} else {
		sp->pieces[sp->n_pieces].buf = xmalloc(len ? len : 1);
		memcpy(sp->pieces[sp->n_pieces].buf, data, len);
	}
	sp->pieces[sp->n_pieces++].len = len;
	sp->size += len;
	return 0;
}

int
spool_add(struct spool *sp, const char *data, size_t len, char **cause)
{
	if (len == 0)
		return sp->failed ? add(sp, data, 0, NULL, cause) : 0;
	return add(sp, data, len, NULL, cause);
}

int
spool_take(struct spool *sp, struct strbuf *sb, char **cause)
{
	int rc;

	if (sb->len == 0 || sb->secret || sp->fd != -1) {
		rc = spool_add(sp, sb->buf != NULL ? sb->buf : "", sb->len, cause);
		sb_reset(sb);
		return rc;
	}
	rc = add(sp, sb->buf, sb->len, &sb->buf, cause);
	if (sb->buf != NULL)
		sb_reset(sb);
	else
		sb->len = sb->cap = 0;
	return rc;
}

size_t
spool_size(const struct spool *sp)
{
	return sp->size;
}

int
spool_on_disk(const struct spool *sp)
{
	return sp->fd != -1;
}

int
spool_copy(struct spool *sp, FILE *fp, char **cause)
{
	char buf[65536];
	ssize_t n;
	size_t i;

	if (sp->fd == -1) {
		for (i = 0; i < sp->n_pieces; i++)
			if (fwrite(sp->pieces[i].buf, 1, sp->pieces[i].len, fp) !=
			    sp->pieces[i].len)
				break;
		return 0;
	}
	if (lseek(sp->fd, 0, SEEK_SET) == -1)
		goto fail;
	for (;;) {
		n = read(sp->fd, buf, sizeof buf);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		if (n == 0)
			return 0;
		if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n)
			return 0; /* the caller sees ferror(fp) */
	}
fail:
	*cause = xasprintf(_("cannot read back the reports kept in a temporary file: %s"),
	    strerror(errno));
	return -1;
}

void
spool_free(struct spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->fd != -1)
		close(sp->fd);
	pieces_free(sp);
	free(sp);
}
