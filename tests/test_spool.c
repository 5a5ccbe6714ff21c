/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smpscreen/spool.h"
#include "smpscreen/strbuf.h"

/* Everything added comes back out of fp, in order, as one string. */
static char *
copied(struct spool *sp, size_t *len)
{
	char *buf = NULL, *cause = NULL;
	FILE *fp = open_memstream(&buf, len);

	cr_assert_not_null(fp);
	cr_assert_eq(spool_copy(sp, fp, &cause), 0, "%s", cause != NULL ? cause : "");
	cr_assert_eq(fclose(fp), 0);
	return buf;
}

static size_t
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

Test(spool, small_output_stays_in_memory)
{
	struct spool *sp;
	char *cause = NULL, *out;
	size_t len;

	unsetenv("SMPSCREEN_SPOOL_BYTES");
	sp = spool_new();
	cr_assert_eq(spool_add(sp, "one ", 4, &cause), 0);
	cr_assert_eq(spool_add(sp, "two", 3, &cause), 0);
	cr_assert_eq(spool_size(sp), 7);
	cr_assert_eq(spool_on_disk(sp), 0);
	out = copied(sp, &len);
	cr_assert_eq(len, 7);
	cr_assert_str_eq(out, "one two");
	free(out);
	spool_free(sp);
}

Test(spool, empty_spool_copies_nothing)
{
	struct spool *sp = spool_new();
	char *out;
	size_t len;

	out = copied(sp, &len);
	cr_assert_eq(len, 0);
	free(out);
	spool_free(sp);
	spool_free(NULL);
}

/* Past the limit the bytes move to a file with no name: the same bytes come back, in order,
 * and the folder holds no file at any time after an add. */
Test(spool, large_output_goes_to_an_unnamed_file)
{
	char dir[] = "/tmp/test-spool.XXXXXX", *cause = NULL, *out, piece[64];
	struct spool *sp;
	size_t len, i, want = 0;

	cr_assert_not_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	setenv("SMPSCREEN_SPOOL_BYTES", "100", 1);
	sp = spool_new();
	for (i = 0; i < 1000; i++) {
		int n = snprintf(piece, sizeof piece, "line %zu\n", i);

		cr_assert_eq(spool_add(sp, piece, (size_t)n, &cause), 0, "%s",
		    cause != NULL ? cause : "");
		want += (size_t)n;
		cr_assert_eq(entries(dir), 0);
	}
	cr_assert_eq(spool_on_disk(sp), 1);
	cr_assert_eq(spool_size(sp), want);
	out = copied(sp, &len);
	cr_assert_eq(len, want);
	cr_assert(strncmp(out, "line 0\nline 1\n", 14) == 0);
	cr_assert(strcmp(out + len - 9, "line 999\n") == 0);
	free(out);
	spool_free(sp);
	unsetenv("SMPSCREEN_SPOOL_BYTES");
	unsetenv("TMPDIR");
	cr_assert_eq(rmdir(dir), 0);
}

/* A folder that takes no files: the add that needs one fails with a reason naming it, and
 * the spool keeps refusing afterwards rather than losing bytes in the middle. */
Test(spool, no_temporary_file_is_an_error)
{
	struct spool *sp;
	char *cause = NULL;

	setenv("TMPDIR", "/proc", 1);
	setenv("SMPSCREEN_SPOOL_BYTES", "4", 1);
	sp = spool_new();
	cr_assert_eq(spool_add(sp, "abc", 3, &cause), 0);
	cr_assert_eq(spool_add(sp, "defg", 4, &cause), -1);
	cr_assert_not_null(cause);
	cr_assert_not_null(strstr(cause, "/proc"), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(spool_add(sp, "h", 1, &cause), -1);
	cr_assert_not_null(cause);
	free(cause);
	cr_assert_eq(spool_size(sp), 3);
	spool_free(sp);
	unsetenv("SMPSCREEN_SPOOL_BYTES");
	unsetenv("TMPDIR");
}

/* TMPDIR that is not an absolute folder falls back to /tmp instead of a relative path. */
Test(spool, relative_tmpdir_is_not_used)
{
	struct spool *sp;
	char *cause = NULL, *out;
	size_t len;

	setenv("TMPDIR", "relative-folder", 1);
	setenv("SMPSCREEN_SPOOL_BYTES", "0", 1);
	sp = spool_new();
	cr_assert_eq(spool_add(sp, "x", 1, &cause), 0, "%s", cause != NULL ? cause : "");
	cr_assert_eq(spool_on_disk(sp), 1);
	cr_assert_eq(access("relative-folder", F_OK), -1);
	out = copied(sp, &len);
	cr_assert_eq(len, 1);
	free(out);
	spool_free(sp);
	unsetenv("SMPSCREEN_SPOOL_BYTES");
	unsetenv("TMPDIR");
}

/* spool_take moves a strbuf's bytes in, in order with what spool_add added, and leaves the
 * strbuf empty and usable; past the limit the taken bytes go to the file like the others. */
Test(spool, take_moves_a_strbuf)
{
	char dir[] = "/tmp/test-spool.XXXXXX", *cause = NULL, *out;
	struct strbuf sb = { 0 };
	struct spool *sp;
	size_t len;

	cr_assert_not_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	setenv("SMPSCREEN_SPOOL_BYTES", "20", 1);
	sp = spool_new();
	cr_assert_eq(spool_add(sp, "one ", 4, &cause), 0);
	sb_append(&sb, "two ");
	cr_assert_eq(spool_take(sp, &sb, &cause), 0);
	cr_assert_eq(sb.len, 0);
	cr_assert_str_eq(sb_str(&sb), "");
	cr_assert_eq(spool_on_disk(sp), 0);
	sb_append(&sb, "three and more than twenty ");
	cr_assert_eq(spool_take(sp, &sb, &cause), 0, "%s", cause != NULL ? cause : "");
	cr_assert_eq(spool_on_disk(sp), 1);
	sb_append(&sb, "four");
	cr_assert_eq(spool_take(sp, &sb, &cause), 0);
	cr_assert_eq(spool_take(sp, &sb, &cause), 0); /* empty: nothing */
	out = copied(sp, &len);
	cr_assert_str_eq(out, "one two three and more than twenty four");
	free(out);
	sb_free(&sb);
	spool_free(sp);
	unsetenv("SMPSCREEN_SPOOL_BYTES");
	unsetenv("TMPDIR");
	cr_assert_eq(rmdir(dir), 0);
}
