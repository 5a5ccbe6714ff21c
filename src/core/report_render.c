/* SPDX-License-Identifier: ISC */
/*
 * The report's lines as they are laid out (report_render.h): wrapping at the page width,
 * formatting without printf for the common conversions, headings and the marks the table of
 * contents is made from. The sections themselves are report_text.c's and report_review.c's.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_memo.h"
#include "report_pages.h"
#include "report_render.h"
#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* Notes that a section's heading is the next line. The final pass (sanitising, ASCII) keeps
 * every line but may change byte counts, so lines are what is noted here; offsets are
 * worked out from the finished text. Lines are counted on from the last mark. */
void
rr_mark(struct render *r, enum report_part part)
{
	struct report_section *sec;
	const char *p, *end;

	if (r->toc == NULL || r->toc->n == REPORT_N_PARTS)
		return;
	p = sb_str(r->out) + r->counted;
	end = sb_str(r->out) + r->out->len;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		r->lines++;
		p++;
	}
	r->counted = r->out->len;
	sec = &r->toc->items[r->toc->n++];
	sec->part = part;
	sec->line = r->lines;
	sec->offset = 0;
}

void
rr_repeat(struct strbuf *out, char c, size_t n)
{
	char run[64];
	size_t k;

	memset(run, c, n < sizeof run ? n : sizeof run);
	for (; n > 0; n -= k) {
		k = n < sizeof run ? n : sizeof run;
		sb_appendn(out, run, k);
	}
}

/* v in decimal at the end of buf, '-' first when negative; returns where it starts. */
static size_t
decimal(char buf[24], bool negative, unsigned long long v)
{
	size_t i = 24;

	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (negative)
		buf[--i] = '-';
	return i;
}

static size_t
decimal_signed(char buf[24], long long v)
{
	/* Through unsigned arithmetic, so that the most negative value has a magnitude. */
	return decimal(buf, v < 0, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v);
}

void
rr_put_signed(struct strbuf *out, long long v)
{
	char buf[24];
	size_t i = decimal_signed(buf, v);

	sb_appendn(out, buf + i, sizeof buf - i);
}

/* Formatted text gathers here and reaches the strbuf at once; it may hold a patient's
 * name, so what was in it is wiped. */
struct sink {
	struct strbuf *out;
	size_t n;
	char buf[256];
};

static void
sink_put(struct sink *k, const char *s, size_t n)
{
	if (n > sizeof k->buf - k->n) {
		sb_appendn(k->out, k->buf, k->n);
		explicit_bzero(k->buf, k->n);
		k->n = 0;
		if (n > sizeof k->buf) {
			sb_appendn(k->out, s, n);
			return;
		}
	}
	memcpy(k->buf + k->n, s, n);
	k->n += n;
}

void
rr_vformat(struct strbuf *out, const char *fmt, va_list ap)
{
	struct sink k;
	const char *p = fmt, *pct, *a;
	char num[24];
	size_t start = out->len, prec, i;
	bool has_prec;
	va_list aq;

	/* A text report formats some fifty lines: vsnprintf, measuring and then writing each,
	 * was a sixth of its cost. Its own translations may use what is not handled here
	 * (positional arguments, flags): those start again through vsnprintf. */
	k.out = out;
	k.n = 0;
	va_copy(aq, ap);
	for (;;) {
		pct = strchrnul(p, '%');
		sink_put(&k, p, (size_t)(pct - p));
		if (*pct == '\0')
			break;
		p = pct + 1;
		has_prec = false;
		prec = 0;
		if (*p == '.') {
			if (p[1] < '0' || p[1] > '9')
				goto slow;
			for (p++; *p >= '0' && *p <= '9' && prec < 4096; p++)
				prec = prec * 10 + (size_t)(*p - '0');
			if (*p != 's' || prec >= 4096)
				goto slow;
			has_prec = true;
		}
		switch (*p) {
		case '%':
			sink_put(&k, "%", 1);
			p++;
			break;
		case 's':
			if ((a = va_arg(ap, const char *)) == NULL)
				goto slow; /* glibc's "(null)", from the one that writes it */
			sink_put(&k, a, has_prec ? strnlen(a, prec) : strlen(a));
			p++;
			break;
		case 'd':
			i = decimal_signed(num, va_arg(ap, int));
			sink_put(&k, num + i, sizeof num - i);
			p++;
			break;
		case 'u':
			i = decimal(num, false, va_arg(ap, unsigned));
			sink_put(&k, num + i, sizeof num - i);
			p++;
			break;
		case 'l':
			if (p[1] == 'd')
				i = decimal_signed(num, va_arg(ap, long));
			else if (p[1] == 'u')
				i = decimal(num, false, va_arg(ap, unsigned long));
			else
				goto slow;
			sink_put(&k, num + i, sizeof num - i);
			p += 2;
			break;
		case 'z':
			if (p[1] != 'u')
				goto slow;
			i = decimal(num, false, va_arg(ap, size_t));
			sink_put(&k, num + i, sizeof num - i);
			p += 2;
			break;
		default:
			goto slow;
		}
	}
	sb_appendn(out, k.buf, k.n);
	explicit_bzero(k.buf, k.n);
	va_end(aq);
	return;
slow:
	explicit_bzero(k.buf, k.n);
	out->len = start;
	if (out->buf != NULL)
		out->buf[start] = '\0';
	sb_vprintf(out, fmt, aq);
	va_end(aq);
}

void
rr_format(struct strbuf *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rr_vformat(out, fmt, ap);
	va_end(ap);
}

/* Whether s, written as it is, is what the final pass would leave: clean, and in ASCII
 * mode ASCII. */
bool
rr_clean_as_is(const struct render *r, const char *s)
{
	return text_is_plain_ascii(s, false) || (!r->ascii && text_is_clean(s, false));
}

/*
 * Appends s wrapped at the report width. In ASCII mode the text is transliterated before it
 * is wrapped, because a stand-in can be wider than the character it replaces ("..." for an
 * ellipsis) and the width must hold for the bytes that are finally written.
 */
void
rr_put(struct render *r, const char *s, const char *first, const char *indent)
{
	/* Answers and the client's name pass through here: wiped like the report. */
	struct strbuf tmp = { .secret = true };
	char *copy;
	const char *clean;

	/* Most pieces are clean (in ASCII mode, ASCII): checked as they are laid out. */
	if (text_wrap_clean(r->out, s, r->width, first, indent, r->ascii))
		return;
	/* The indents are the program's own; the final pass is skipped only for what was
	 * checked. */
	if (!rr_clean_as_is(r, first) || !rr_clean_as_is(r, indent))
		r->dirty = true;
	/* Of the others, copy only those that are not clean. */
	copy = text_is_clean(s, true) ? NULL : text_sanitize(s, strlen(s), 0, true);
	clean = copy != NULL ? copy : s;
	if (r->ascii) {
		text_to_ascii(&tmp, clean);
		text_wrap(r->out, sb_str(&tmp), r->width, first, indent);
	} else
		text_wrap(r->out, clean, r->width, first, indent);
	sb_free(&tmp);
	if (copy != NULL)
		explicit_bzero(copy, strlen(copy));
	free(copy);
}

void
rr_text(struct render *r, const char *s, const char *first, const char *indent)
{
	struct memo_key k;
	const char *hit;
	size_t len, from = r->out->len;
	bool dirty = r->dirty;

	if (r->memo == NULL) {
		rr_put(r, s, first, indent);
		return;
	}
	memo_key_init(&k, s, first, indent, r->width, r->ascii);
	if ((hit = memo_find(r->memo, &k, &len)) != NULL) {
		sb_appendn(r->out, hit, len);
		return;
	}
	/* Kept only when clean: a hit then needs no final pass either. */
	r->dirty = false;
	rr_put(r, s, first, indent);
	if (!r->dirty)
		memo_keep(r->memo, &k, r->out->buf + from, r->out->len - from);
	r->dirty = r->dirty || dirty;
}

/* fmt formatted into r's scratch buffer, or into own when r has none (the caller frees own):
 * what rr_textf and rr_putf then lay out. */
static const char *format_scratch(struct render *r, struct strbuf *own, const char *fmt,
    va_list ap) __attribute__((format(printf, 3, 0)));

static const char *
format_scratch(struct render *r, struct strbuf *own, const char *fmt, va_list ap)
{
	struct strbuf *tmp = r->fmt != NULL ? r->fmt : own;

	sb_reset(tmp);
	rr_vformat(tmp, fmt, ap);
	return sb_str(tmp);
}

void
rr_textf(struct render *r, const char *first, const char *indent, const char *fmt, ...)
{
	struct strbuf own = { .secret = true };
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	s = format_scratch(r, &own, fmt, ap);
	va_end(ap);
	rr_text(r, s, first, indent);
	sb_free(&own);
}

void
rr_putf(struct render *r, const char *first, const char *indent, const char *fmt, ...)
{
	struct strbuf own = { .secret = true };
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	s = format_scratch(r, &own, fmt, ap);
	va_end(ap);
	rr_put(r, s, first, indent);
	sb_free(&own);
}

/* Widest line of the n bytes at s, in display columns. */
static size_t
widest_line(const char *s, size_t n)
{
	const char *end = s + n, *eol;
	size_t w, max = 0;

	while (s < end) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			eol = end;
		if ((w = text_width_n(s, (size_t)(eol - s))) > max)
			max = w;
		s = eol < end ? eol + 1 : eol;
	}
	return max;
}

/* A heading underlined as wide as it is shown (a translated one may need two lines). */
void
rr_heading(struct render *r, const char *title, char ch)
{
	size_t from = r->out->len;

	rr_text(r, title, "", "");
	rr_repeat(r->out, ch, widest_line(r->out->buf + from, r->out->len - from));
	sb_appendc(r->out, '\n');
}

/* Every section but the title starts with an empty line, so omitted ones leave no gap. */
void
rr_section(struct render *r, enum report_part part, const char *title)
{
	sb_appendc(r->out, '\n');
	rr_mark(r, part);
	rr_heading(r, title, '-');
}
