/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smpscreen/filekind.h"

/* Writes text to a fresh temporary file and returns its path (the caller unlinks and frees). */
static char *
file_with(const char *text)
{
	char *path = strdup("/tmp/smpscreen-filekind-XXXXXX");
	int fd = mkstemp(path);
	FILE *fp;

	cr_assert_neq(fd, -1);
	fp = fdopen(fd, "w");
	cr_assert_not_null(fp);
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
	return path;
}

/* The kind of a file holding text, with the number of errors it reported. */
static enum file_kind
kind_of(const char *text, size_t *errors)
{
	char *path = file_with(text);
	struct diag_list dl = { 0 };
	enum file_kind k = filekind_detect(path, &dl);

	*errors = diag_errors(&dl);
	diag_clear(&dl);
	unlink(path);
	free(path);
	return k;
}

static void
expect_kind(const char *text, enum file_kind want)
{
	size_t errors;

	cr_expect_eq(kind_of(text, &errors), want, "for %s", text);
	cr_expect_eq(errors, 0, "for %s", text);
}

Test(filekind, each_kind_by_its_top_level_name)
{
	expect_kind("sections = ();\n", FILE_KIND_QUESTIONNAIRE);
	expect_kind("rules = ();\n", FILE_KIND_RULES);
	expect_kind("settings = {};\n", FILE_KIND_SETTINGS);
	expect_kind("questionnaire = \"x\";\nanswers = {};\n", FILE_KIND_ANSWERS);
}

/* A case holds answers too; the expected outcome is what makes it a case. */
Test(filekind, a_case_is_not_taken_for_answers)
{
	expect_kind("case = {};\nanswers = {};\n", FILE_KIND_CASE);
}

Test(filekind, a_file_of_something_else_is_unknown_and_says_so)
{
	size_t errors;

	cr_expect_eq(kind_of("colour = \"blue\";\n", &errors), FILE_KIND_UNKNOWN);
	cr_expect_eq(errors, 1);
}

Test(filekind, an_unparsable_file_is_unknown_and_says_so)
{
	size_t errors;

	cr_expect_eq(kind_of("sections = (\n", &errors), FILE_KIND_UNKNOWN);
	cr_expect_geq(errors, 1);
}

Test(filekind, a_missing_file_is_unknown_and_says_so)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(filekind_detect("/nonexistent/smpscreen/x.cfg", &dl), FILE_KIND_UNKNOWN);
	cr_expect_eq(diag_errors(&dl), 1);
	diag_clear(&dl);
}
