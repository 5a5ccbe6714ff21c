/* SPDX-License-Identifier: ISC */
/*
 * The content cache (content_cache.h): where its files live, reading the content files once
 * to key them, and reading, writing and pruning cache files. What a file holds is
 * content_cache_codec.c's.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_cache.h"
#include "loader.h"
#include "sha256.h"
#include "smpscreen/safefile.h"
#include "smpscreen/xalloc.h"

/* The loaders refuse a larger file before parsing it (cfg.c's CFG_MAX_BYTES); such a file
 * skips the cache, so that the error is theirs. */
#define CONTENT_MAX_BYTES (4 * 1024 * 1024)

/* --- the folder ---------------------------------------------------------------------- */

char *
content_cache_dir(void)
{
	const char *off = getenv("SMPSCREEN_CACHE"), *xdg = getenv("XDG_CACHE_HOME"),
	           *home = getenv("HOME");
	char *parent, *dir, *cause = NULL;

	if (off != NULL && strcmp(off, "off") == 0)
		return NULL;
	/* As for drafts (cli_draft_dir): a relative XDG_CACHE_HOME is invalid and ignored, and
	 * a folder that moves with the working directory is no place for a cache. */
	if (xdg != NULL && *xdg == '/')
		parent = xstrdup(xdg);
	else if (home != NULL && *home == '/')
		parent = xasprintf("%s/.cache", home);
	else
		return NULL;
	/* Only the last folder is made: a home without its parent is not a place to write. */
	if (mkdir(parent, 0700) != 0 && errno != EEXIST) {
		free(parent);
		return NULL;
	}
	dir = xasprintf("%s/smpscreen", parent);
	free(parent);
	/* Another user's folder, or one others may write to, could hand us content that
	 * screens differently from the files named on the command line. */
	if (safefile_private_dir(dir, true, &cause) != 0) {
		free(cause);
		free(dir);
		return NULL;
	}
	return dir;
}

/* Reads the regular file at path (not through a symbolic link when nofollow) whole, up to
 * max bytes, NUL-terminated; NULL when it cannot or is larger. */
static char *
read_file(const char *path, size_t max, bool nofollow, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap;
	ssize_t got;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > max)
		goto fail;
	/* One byte more than the size, to see the end at once; a file that grows on the way is
	 * read as far as max. */
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max)
				goto fail;
			cap = cap * 2 < max + 1 ? cap * 2 : max + 1;
			buf = xrealloc(buf, cap + 1);
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			goto fail;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > max)
		goto fail;
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

struct content_cache {
	char *dir;
	const char *path[2]; /* borrowed from the caller */
	char *text[2];
	size_t len[2];
	struct content_key key;
	char *file; /* dir/content-HEX.bin */
};

void
content_cache_close(struct content_cache *cc)
{
	if (cc == NULL)
		return;
	free(cc->dir);
	free(cc->text[0]);
	free(cc->text[1]);
	free(cc->file);
	free(cc);
}

struct content_cache *
content_cache_open(const char *qn_path, const char *rs_path)
{
	struct content_cache *cc;
	char *dir = content_cache_dir();
	int i;

	if (dir == NULL)
		return NULL;
	cc = xcalloc(1, sizeof *cc);
	cc->dir = dir;
	cc->path[0] = qn_path;
	cc->path[1] = rs_path;
	for (i = 0; i < 2; i++) {
		struct stat st;

		/* Only a regular file, seen before it is opened: opening a FIFO and closing it
		 * unread would leave its writer with nothing, and the loader's own open blocking
		 * for ever. Anything else goes to the loaders as it always did. */
		if (stat(cc->path[i], &st) != 0 || !S_ISREG(st.st_mode)) {
			content_cache_close(cc);
			return NULL;
		}
		cc->text[i] = read_file(cc->path[i], CONTENT_MAX_BYTES, false, &cc->len[i]);
		/* The loaders refuse a NUL byte: their error, not ours. */
		if (cc->text[i] == NULL || memchr(cc->text[i], '\0', cc->len[i]) != NULL) {
			content_cache_close(cc);
			return NULL;
		}
	}
	sha256_hex(cc->text[0], cc->len[0], cc->key.qn_sha);
	sha256_hex(cc->text[1], cc->len[1], cc->key.rs_sha);
	content_cache_key(&cc->key);
	cc->file = xasprintf("%s/content-%s.bin", cc->dir, cc->key.hex);
	return cc;
}

const char *
content_cache_text(const struct content_cache *cc, int which)
{
	return cc->text[which != 0];
}

const char *
content_cache_sha(const struct content_cache *cc, int which)
{
	return which != 0 ? cc->key.rs_sha : cc->key.qn_sha;
}

int
content_cache_get(struct content_cache *cc, struct questionnaire **qn, struct ruleset **rs)
{
	/* Generous for any content: the stored form is mostly the files' own texts. */
	size_t len, max = 16 * (cc->len[0] + cc->len[1]) + 65536;
	char *data = read_file(cc->file, max, true, &len);
	int rc;

	if (data == NULL)
		return -1;
	rc = content_cache_decode(data, len, &cc->key, cc->path[0], cc->path[1], qn, rs);
	free(data);
	return rc;
}

struct cache_entry {
	char *name;
	struct timespec mtime;
};

static int
older_first(const void *a, const void *b)
{
	const struct cache_entry *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool
is_cache_name(const char *s)
{
	size_t n = strlen(s);

	return n == strlen("content-") + 64 + strlen(".bin") && strncmp(s, "content-", 8) == 0 &&
	    strspn(s + 8, "0123456789abcdef") == 64 && strcmp(s + 72, ".bin") == 0;
}

/* Keeps the CONTENT_CACHE_KEEP most recently written caches (the one just written among
 * them), so that content that changes often does not fill a disk. */
static void
prune(const struct content_cache *cc)
{
	DIR *d = opendir(cc->dir);
	struct dirent *de;
	struct cache_entry *e = NULL;
	struct stat st;
	size_t n = 0, cap = 0, i, keep = CONTENT_CACHE_KEEP;
	char *p;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (!is_cache_name(de->d_name) || strncmp(de->d_name + 8, cc->key.hex, 64) == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			e = xreallocarray(e, cap, sizeof *e);
		}
		e[n].name = xstrdup(de->d_name);
		e[n++].mtime = st.st_mtim;
	}
	closedir(d);
	if (n + 1 > keep) {
		qsort(e, n, sizeof *e, older_first);
		for (i = 0; i < n + 1 - keep; i++) {
			p = xasprintf("%s/%s", cc->dir, e[i].name);
			unlink(p);
			free(p);
		}
	}
	for (i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

void
content_cache_put(struct content_cache *cc, const struct questionnaire *qn,
    const struct ruleset *rs)
{
	struct strbuf sb = { 0 };
	char *cause = NULL;

	/* Loaded from cc's own bytes under cc's hashes (content_cache_text, _sha). */
	if (strcmp(qn->sha256, cc->key.qn_sha) != 0 || strcmp(rs->sha256, cc->key.rs_sha) != 0)
		return;
	content_cache_encode(qn, rs, &cc->key, &sb);
	if (safefile_write(cc->file, sb.buf, sb.len, &cause) == 0)
		prune(cc);
	free(cause);
	sb_free(&sb);
}
