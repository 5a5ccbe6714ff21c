/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* Makes room for need bytes (the NUL included). Kept out of line: sb_grow's test for room
 * runs on every append of every report, and costs less than a call. */
static void
sb_make_room(struct strbuf *sb, size_t need)
{
	size_t old = sb->cap;
	char *grown;

	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < need)
		sb->cap *= 2;
	if (!sb->secret) {
		sb->buf = xrealloc(sb->buf, sb->cap);
		return;
	}
	/* realloc would leave the old copy of a patient's text behind in freed memory. */
	grown = xmalloc(sb->cap);
	if (sb->buf != NULL) {
		memcpy(grown, sb->buf, sb->len + 1);
		explicit_bzero(sb->buf, old);
		free(sb->buf);
	}
	sb->buf = grown;
}

static inline void
sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->cap)
		sb_make_room(sb, sb->len + extra + 1);
}

void
sb_appendn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_reserve(struct strbuf *sb, size_t n)
{
	sb_grow(sb, n);
}

void
sb_append(struct strbuf *sb, const char *s)
{
	sb_appendn(sb, s, strlen(s));
}

void
sb_appendc(struct strbuf *sb, char c)
{
	sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void
sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	/* Most texts fit the room a buffer has or a little more: format once into it, and a
	 * second time only when the text turned out longer (reports format thousands of short
	 * pieces, and measuring each first doubled their cost). */
	sb_grow(sb, 64);
	va_copy(aq, ap);
	n = vsnprintf(&sb->buf[sb->len], sb->cap - sb->len, fmt, aq);
	va_end(aq);
	if (n >= 0 && (size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		/* sb_grow leaves buf allocated: the text and its NUL fit. */
		n = vsnprintf(&sb->buf[sb->len], sb->cap - sb->len, fmt, ap);
	}
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	sb->len += (size_t)n;
}

void
sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

const char *
sb_str(const struct strbuf *sb)
{
	return sb->buf != NULL ? sb->buf : "";
}

char *
sb_detach(struct strbuf *sb)
{
	char *s = sb->buf != NULL ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
sb_reset(struct strbuf *sb)
{
	if (sb->secret && sb->buf != NULL)
		explicit_bzero(sb->buf, sb->len);
	sb->len = 0;
	if (sb->buf != NULL)
		sb->buf[0] = '\0';
}

void
sb_free(struct strbuf *sb)
{
	if (sb == NULL)
		return;
	if (sb->secret && sb->buf != NULL)
		explicit_bzero(sb->buf, sb->cap);
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}
