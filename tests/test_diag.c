/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/diag.h"

/* Everything diag_print() writes, as a string the caller frees. */
static char *
printed(const struct diag_list *dl)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);

	cr_assert_not_null(fp);
	diag_print(dl, fp);
	cr_assert_eq(fclose(fp), 0);
	return s;
}

static void
check_printed(const struct diag_list *dl, const char *want)
{
	char *got = printed(dl);

	cr_assert_str_eq(got, want);
	free(got);
}

static void __attribute__((format(printf, 5, 6)))
vadd(struct diag_list *dl, enum diag_level level, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, level, file, line, fmt, ap);
	va_end(ap);
}

Test(diag, null_and_empty)
{
	struct diag_list dl = { 0 };

	diag_clear(NULL);
	diag_clear(&dl);
	cr_assert_eq(diag_errors(&dl), 0);
	check_printed(&dl, "");
	cr_assert_null(dl.items);
	cr_assert_eq(dl.n, 0);
}

Test(diag, print_formats)
{
	struct diag_list dl = { 0 };

	diag_add(&dl, DIAG_ERROR, "rules.cfg", 12, "unknown question '%s'", "agee");
	diag_add(&dl, DIAG_ERROR, "rules.cfg", 0, "cannot read: %s", "No such file");
	diag_add(&dl, DIAG_ERROR, NULL, 0, "no questionnaire");
	diag_add(&dl, DIAG_WARNING, "q.cfg", 3, "unused option");
	diag_add(&dl, DIAG_WARNING, "q.cfg", 0, "empty section");
	diag_add(&dl, DIAG_WARNING, NULL, 0, "nothing to do");
	check_printed(&dl,
	    "rules.cfg: error: cannot read: No such file\n"
	    "rules.cfg:12: error: unknown question 'agee'\n"
	    "smpscreen: error: no questionnaire\n"
	    "q.cfg: warning: empty section\n"
	    "q.cfg:3: warning: unused option\n"
	    "smpscreen: warning: nothing to do\n");
	diag_clear(&dl);
}

Test(diag, print_sorts_each_files_records_by_line)
{
	struct diag_list dl = { 0 };

	/* Loaders check in passes; a reader wants the file top to bottom. */
	diag_add(&dl, DIAG_ERROR, "a.cfg", 9, "second pass, line 9");
	diag_add(&dl, DIAG_ERROR, "a.cfg", 2, "second pass, line 2");
	diag_add(&dl, DIAG_ERROR, "a.cfg", 9, "third pass, line 9");
	diag_add(&dl, DIAG_ERROR, "b.cfg", 1, "b first");
	diag_add(&dl, DIAG_WARNING, "a.cfg", 1, "a again, later");
	check_printed(&dl,
	    "a.cfg:2: error: second pass, line 2\n"
	    "a.cfg:9: error: second pass, line 9\n"
	    "a.cfg:9: error: third pass, line 9\n"
	    "b.cfg:1: error: b first\n"
	    "a.cfg:1: warning: a again, later\n");
	diag_clear(&dl);
}

Test(diag, control_sequences_from_files_never_reach_the_terminal)
{
	struct diag_list dl = { 0 };

	diag_add(&dl, DIAG_ERROR, "evil\x1b[2J.cfg", 1, "'%s' is not an option",
	    "\x1b]0;owned\x07x\xc2\x9b"
	    "2J");
	/* Shown escaped, so that the message still says what the file holds. */
	check_printed(&dl, "evil\\x1B[2J.cfg:1: error: '\\x1B]0;owned\\x07x\\u009B2J' is not an option\n");
	diag_clear(&dl);
}

Test(diag, print_without_file_ignores_the_line)
{
	struct diag_list dl = { 0 };

	diag_add(&dl, DIAG_ERROR, NULL, 7, "stray line number");
	check_printed(&dl, "smpscreen: error: stray line number\n");
	diag_clear(&dl);
}

Test(diag, message_is_formatted_not_interpreted)
{
	struct diag_list dl = { 0 };

	diag_add(&dl, DIAG_ERROR, "a%sb.cfg", 1, "%s", "100% sure %d");
	check_printed(&dl, "a%sb.cfg:1: error: 100% sure %d\n");
	diag_clear(&dl);
}

Test(diag, errors_counts_only_errors)
{
	struct diag_list dl = { 0 };

	diag_add(&dl, DIAG_WARNING, "f", 1, "w1");
	cr_assert_eq(diag_errors(&dl), 0);
	diag_add(&dl, DIAG_ERROR, "f", 2, "e1");
	diag_add(&dl, DIAG_WARNING, "f", 3, "w2");
	diag_add(&dl, DIAG_ERROR, NULL, 0, "e2");
	cr_assert_eq(dl.n, 4);
	cr_assert_eq(diag_errors(&dl), 2);
	diag_clear(&dl);
	cr_assert_eq(diag_errors(&dl), 0);
}

Test(diag, add_copies_its_arguments)
{
	struct diag_list dl = { 0 };
	char file[] = "answers.cfg", msg[] = "bad value";

	diag_add(&dl, DIAG_ERROR, file, 4, "%s", msg);
	file[0] = 'X';
	msg[0] = 'X';
	cr_assert_str_eq(dl.items[0].file, "answers.cfg");
	cr_assert_str_eq(dl.items[0].msg, "bad value");
	cr_assert_eq(dl.items[0].line, 4);
	cr_assert_eq(dl.items[0].level, DIAG_ERROR);
	diag_add(&dl, DIAG_WARNING, NULL, 0, "x");
	cr_assert_null(dl.items[1].file);
	diag_clear(&dl);
}

Test(diag, vadd)
{
	struct diag_list dl = { 0 };

	vadd(&dl, DIAG_WARNING, "s.cfg", 9, "%d of %d", 3, 4);
	check_printed(&dl, "s.cfg:9: warning: 3 of 4\n");
	diag_clear(&dl);
}

Test(diag, keeps_order_over_many_records)
{
	struct diag_list dl = { 0 };
	char *out, *line, *save, want[64];
	int i;

	for (i = 1; i <= 100; i++)
		diag_add(&dl, i % 3 == 0 ? DIAG_WARNING : DIAG_ERROR, "big.cfg", i, "record %d", i);
	cr_assert_eq(dl.n, 100);
	cr_assert_eq(diag_errors(&dl), 67);
	out = printed(&dl);
	for (i = 1, line = strtok_r(out, "\n", &save); line != NULL;
	     i++, line = strtok_r(NULL, "\n", &save)) {
		snprintf(want, sizeof want, "big.cfg:%d: %s: record %d", i,
		    i % 3 == 0 ? "warning" : "error", i);
		cr_assert_str_eq(line, want);
	}
	cr_assert_eq(i, 101);
	free(out);
	diag_clear(&dl);
}

Test(diag, clear_leaves_the_list_usable)
{
	struct diag_list dl = { 0 };

	diag_add(&dl, DIAG_ERROR, "f", 1, "first");
	diag_clear(&dl);
	cr_assert_null(dl.items);
	cr_assert_eq(dl.n, 0);
	cr_assert_eq(dl.cap, 0);
	diag_add(&dl, DIAG_ERROR, "g", 2, "second");
	check_printed(&dl, "g:2: error: second\n");
	diag_clear(&dl);
	diag_clear(&dl);
}

/* A batch of many bad files: the first max records of each level are kept, the rest only
 * counted, and the errors past the cap still count as errors. */
Test(diag, max_keeps_the_first_of_each_level_and_counts_the_rest)
{
	struct diag_list dl = { .max = 2 };

	diag_add(&dl, DIAG_WARNING, "a", 1, "w1");
	diag_add(&dl, DIAG_ERROR, "a", 2, "e1");
	diag_add(&dl, DIAG_WARNING, "a", 3, "w2");
	diag_add(&dl, DIAG_WARNING, "a", 4, "w3");
	diag_add(&dl, DIAG_ERROR, "b", 1, "e2");
	diag_add(&dl, DIAG_ERROR, "b", 2, "e3");
	vadd(&dl, DIAG_ERROR, "b", 3, "%s", "e4");
	cr_assert_eq(dl.n, 4);
	cr_assert_eq(dl.dropped[DIAG_ERROR], 2);
	cr_assert_eq(dl.dropped[DIAG_WARNING], 1);
	cr_assert_eq(diag_errors(&dl), 4);
	check_printed(&dl,
	    "a:1: warning: w1\n"
	    "a:2: error: e1\n"
	    "a:3: warning: w2\n"
	    "b:1: error: e2\n"
	    "smpscreen: and 2 more errors (not shown)\n"
	    "smpscreen: and 1 more warning (not shown)\n");
	diag_clear(&dl);
	cr_assert_eq(diag_errors(&dl), 0);
	cr_assert_eq(dl.max, 2, "clearing keeps the cap");
	check_printed(&dl, "");
	/* Cleared, the list keeps max records of each level again. */
	diag_add(&dl, DIAG_ERROR, "c", 1, "x");
	diag_add(&dl, DIAG_ERROR, "c", 2, "y");
	diag_add(&dl, DIAG_ERROR, "c", 3, "z");
	check_printed(&dl,
	    "c:1: error: x\n"
	    "c:2: error: y\n"
	    "smpscreen: and 1 more error (not shown)\n");
	diag_clear(&dl);
}

/* Only warnings past the cap: no "more errors" line, and no errors. */
Test(diag, max_with_warnings_only)
{
	struct diag_list dl = { .max = 1 };
	int i;

	for (i = 1; i <= 1000; i++)
		diag_add(&dl, DIAG_WARNING, "w.cfg", i, "w%d", i);
	cr_assert_eq(dl.n, 1);
	cr_assert_eq(diag_errors(&dl), 0);
	check_printed(&dl,
	    "w.cfg:1: warning: w1\n"
	    "smpscreen: and 999 more warnings (not shown)\n");
	diag_clear(&dl);
}
