/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/strbuf.h"

static void __attribute__((format(printf, 2, 3)))
vprintf_to(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

Test(strbuf, null_and_empty)
{
	struct strbuf sb = { 0 };
	char *s;

	sb_free(NULL);
	cr_assert_str_eq(sb_str(&sb), "");
	cr_assert_eq(sb.len, 0);
	sb_reset(&sb);
	cr_assert_str_eq(sb_str(&sb), "");
	sb_free(&sb);
	sb_free(&sb);
	s = sb_detach(&sb);
	cr_assert_not_null(s);
	cr_assert_str_eq(s, "");
	free(s);
}

Test(strbuf, append_nothing)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, "");
	sb_appendn(&sb, "abc", 0);
	sb_printf(&sb, "%s", "");
	cr_assert_eq(sb.len, 0);
	cr_assert_str_eq(sb_str(&sb), "");
	sb_free(&sb);
}

Test(strbuf, append_variants)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, "abc");
	sb_appendc(&sb, '-');
	sb_appendn(&sb, "defXXX", 3);
	cr_assert_eq(sb.len, 7);
	cr_assert_str_eq(sb_str(&sb), "abc-def");
	cr_assert_eq(sb.buf[sb.len], '\0');
	sb_free(&sb);
	cr_assert_null(sb.buf);
	cr_assert_eq(sb.len, 0);
	cr_assert_eq(sb.cap, 0);
}

Test(strbuf, embedded_nul_counts_in_len)
{
	struct strbuf sb = { 0 };

	sb_appendn(&sb, "a\0b", 3);
	sb_appendc(&sb, '\0');
	cr_assert_eq(sb.len, 4);
	cr_assert_eq(memcmp(sb.buf, "a\0b\0", 5), 0);
	sb_free(&sb);
}

Test(strbuf, grows_and_stays_terminated)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < 10000; i++) {
		sb_appendc(&sb, (char)('a' + i % 26));
		cr_assert_eq(sb.buf[sb.len], '\0');
		cr_assert_gt(sb.cap, sb.len);
	}
	cr_assert_eq(sb.len, 10000);
	for (i = 0; i < 10000; i++)
		cr_assert_eq(sb.buf[i], (char)('a' + i % 26), "byte %zu", i);
	cr_assert_eq(strlen(sb_str(&sb)), 10000);
	sb_free(&sb);
}

Test(strbuf, printf)
{
	struct strbuf sb = { 0 };
	char big[300];

	sb_printf(&sb, "%d-%s-%c", 42, "x", 'y');
	cr_assert_str_eq(sb_str(&sb), "42-x-y");
	sb_printf(&sb, "|%05.1f|", 3.14159);
	cr_assert_str_eq(sb_str(&sb), "42-x-y|003.1|");
	/* Longer than the first allocation. */
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	sb_reset(&sb);
	sb_printf(&sb, "<%s>", big);
	cr_assert_eq(sb.len, 301);
	cr_assert_eq(sb.buf[0], '<');
	cr_assert_eq(sb.buf[300], '>');
	cr_assert_eq(sb.buf[301], '\0');
	sb_free(&sb);
}

Test(strbuf, vprintf)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, "n=");
	vprintf_to(&sb, "%zu, %s", (size_t)7, "done");
	cr_assert_str_eq(sb_str(&sb), "n=7, done");
	sb_free(&sb);
}

Test(strbuf, reset_keeps_memory)
{
	struct strbuf sb = { 0 };
	char *buf;
	size_t cap;

	sb_append(&sb, "some text");
	buf = sb.buf;
	cap = sb.cap;
	sb_reset(&sb);
	cr_assert_eq(sb.len, 0);
	cr_assert_str_eq(sb_str(&sb), "");
	cr_assert_eq(sb.buf, buf);
	cr_assert_eq(sb.cap, cap);
	sb_append(&sb, "new");
	cr_assert_str_eq(sb_str(&sb), "new");
	sb_free(&sb);
}

Test(strbuf, detach_hands_over_and_empties)
{
	struct strbuf sb = { 0 };
	char *s;

	sb_append(&sb, "report");
	s = sb_detach(&sb);
	cr_assert_str_eq(s, "report");
	cr_assert_null(sb.buf);
	cr_assert_eq(sb.len, 0);
	cr_assert_eq(sb.cap, 0);
	cr_assert_str_eq(sb_str(&sb), "");
	/* The strbuf is usable again, and independent of what was handed over. */
	sb_append(&sb, "next");
	cr_assert_str_eq(s, "report");
	cr_assert_str_eq(sb_str(&sb), "next");
	free(s);
	sb_free(&sb);
}

/* sb_reserve makes room at once and changes nothing else: what was there stays, and appends
 * up to the room reserved leave the buffer where it is. */
Test(strbuf, reserve)
{
	struct strbuf sb = { 0 };
	const char *before;

	sb_append(&sb, "abc");
	sb_reserve(&sb, 1000);
	cr_assert_geq(sb.cap, sb.len + 1000 + 1);
	cr_assert_str_eq(sb_str(&sb), "abc");
	before = sb.buf;
	for (int i = 0; i < 1000; i++)
		sb_appendc(&sb, 'x');
	cr_assert_eq(sb.buf, before);
	cr_assert_eq(sb.len, 1003);
	sb_reserve(&sb, 0);
	cr_assert_eq(sb.len, 1003);
	sb_free(&sb);
}
