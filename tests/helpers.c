/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

char *
test_data_path(const char *name)
{
	const char *dir = getenv("SMP_TEST_DATA");

	return xasprintf("%s/%s", dir != NULL && *dir != '\0' ? dir : "tests/data", name);
}

char *
test_read_file(const char *path)
{
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL)
		cr_assert_fail("cannot open %s", path);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(fp);
	return sb_detach(&sb);
}

char *
test_diag_text(const struct diag_list *dl)
{
	struct strbuf sb = { 0 };
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);

	diag_print(dl, fp);
	fclose(fp);
	sb_append(&sb, s);
	free(s);
	return sb_detach(&sb);
}

struct questionnaire *
test_load_questionnaire(const char *name)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	char *path = test_data_path(name);
	char *msg;

	if (questionnaire_load(&qn, path, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("%s does not load:\n%s", name, msg);
	}
	free(path);
	diag_clear(&dl);
	return qn;
}

struct ruleset *
test_load_rules(const struct questionnaire *qn, const char *name)
{
	struct diag_list dl = { 0 };
	struct ruleset *rs = NULL;
	char *path = test_data_path(name);
	char *msg;

	if (rules_load(&rs, path, qn, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("%s does not load:\n%s", name, msg);
	}
	cr_expect_eq(dl.n, 0, "%s loads without warnings", name);
	free(path);
	diag_clear(&dl);
	return rs;
}

struct questionnaire *
test_mini_questionnaire(void)
{
	return test_load_questionnaire("mini-questionnaire.cfg");
}

struct ruleset *
test_mini_rules(const struct questionnaire *qn)
{
	return test_load_rules(qn, "mini-rules.cfg");
}

struct questionnaire *
test_bundled_questionnaire(void)
{
	return test_load_questionnaire("../../questionnaires/smp-consultation.cfg");
}

struct ruleset *
test_bundled_rules(const struct questionnaire *qn)
{
	return test_load_rules(qn, "../../questionnaires/smp-rules.cfg");
}

struct answers *
test_answers(const struct questionnaire *qn, const char *text)
{
	struct diag_list dl = { 0 };
	struct answers *a = NULL;
	char *msg;

	if (answers_load_string(&a, text, "answers.cfg", qn, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("answers do not load:\n%s", msg);
	}
	diag_clear(&dl);
	return a;
}

char *
test_tmpdir(void)
{
	char tmpl[] = "/tmp/smpscreen-test-XXXXXX";

	if (mkdtemp(tmpl) == NULL)
		cr_assert_fail("mkdtemp failed");
	return xstrdup(tmpl);
}

#define MAX_WORDS 8

/* True when one line of all starts with prefix and contains every word. */
static bool
line_matches(const char *all, const char *prefix, const char *const *words)
{
	const char *line = all, *end;
	size_t i, len;
	char *copy;
	bool ok;

	while (*line != '\0') {
		end = strchr(line, '\n');
		len = end != NULL ? (size_t)(end - line) : strlen(line);
		copy = xstrndup(line, len);
		ok = strncmp(copy, prefix, strlen(prefix)) == 0;
		for (i = 0; ok && words[i] != NULL; i++)
			ok = strstr(copy, words[i]) != NULL;
		free(copy);
		if (ok)
			return true;
		if (end == NULL)
			break;
		line = end + 1;
	}
	return false;
}

void
test_expect_diag(const struct diag_list *dl, const char *prefix, ...)
{
	const char *words[MAX_WORDS + 1];
	char *all = test_diag_text(dl);
	size_t n = 0;
	va_list ap;

	va_start(ap, prefix);
	while (n < MAX_WORDS && (words[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	words[n] = NULL;
	cr_expect(line_matches(all, prefix, words),
	    "expected a diagnostic '%s ...%s%s%s%s' among:\n%s", prefix, n > 0 ? words[0] : "",
	    n > 1 ? " ... " : "", n > 1 ? words[1] : "", n > 2 ? " ..." : "", all);
	free(all);
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	/* A test may have made a folder unwritable to make saving fail. */
	chmod(path, 0700);
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

void
test_remove_tree(char **path)
{
	if (*path == NULL)
		return;
	chmod(*path, 0700);
	nftw(*path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(*path);
	*path = NULL;
}

size_t
test_count_entries(const char *d)
{
	struct dirent *de;
	size_t n = 0;
	DIR *dp = opendir(d);

	cr_assert_not_null(dp, "opendir %s: %s", d, strerror(errno));
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

unsigned
test_mode_of(const char *path)
{
	struct stat st;

	cr_assert_eq(stat(path, &st), 0, "stat %s: %s", path, strerror(errno));
	return (unsigned)(st.st_mode & 07777);
}

void
test_mini_content(struct content *ct)
{
	struct diag_list dl = { 0 };
	char *qp = test_data_path("mini-questionnaire.cfg");
	char *rp = test_data_path("mini-rules.cfg");
	char *msg;

	if (content_load(ct, qp, rp, NULL, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("the mini content does not load:\n%s", msg);
	}
	free(qp);
	free(rp);
	diag_clear(&dl);
}
