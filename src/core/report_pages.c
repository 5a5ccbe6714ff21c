/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_pages.h"
#include "report_render.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* A line of the text: where it starts in it, and its length without its "\n". */
struct line {
	size_t off, len;
};

/* A printed page: its lines [first, last), and where it goes in the paged text. */
struct page {
	size_t first, last;
	size_t src, n;             /* its lines as one span of the text ("\n"s between them) */
	size_t dest;               /* offset of the page (its form feed first, but on page 1) */
	size_t blank;              /* empty lines between its text and its footer */
	size_t foot_off, foot_len; /* its footer line in the footers' buffer */
	size_t size;               /* bytes of the whole page */
};

/* The page footer's label as written (ASCII when the report is), and its last cut. */
struct footer {
	struct strbuf fit;
	bool known;    /* room, cut and ellipsis hold */
	size_t room;   /* columns the label may take */
	size_t cut;    /* bytes of fit shown in room */
	bool ellipsis; /* fit is cut, and "..." follows it */
};

/* Appends the footer line of a page to out: "<label> - page N of M" in ASCII when the
 * report is, never wider than width. line and num are scratch buffers, reused from page to
 * page. */
static void
page_footer(struct strbuf *out, struct footer *f, bool ascii, size_t page, size_t pages,
    size_t width, struct strbuf *line, struct strbuf *num)
{
	size_t room, n, w;

	/* Measured as it will be written: ASCII stand-ins can be wider than what they replace. */
	sb_reset(line);
	sb_reset(num);
	rr_format(line, _("page %zu of %zu"), page, pages);
	if (ascii && !text_is_plain_ascii(sb_str(line), false))
		text_to_ascii(num, sb_str(line));
	else
		sb_appendn(num, sb_str(line), line->len);
	w = text_width(sb_str(num));
	room = width > w + 3 ? width - w - 3 : 0;
	if (!f->known || f->room != room) {
		/* The same room as the page before (as many digits) gives the same cut. */
		f->known = true;
		f->room = room;
		n = f->fit.len;
		if ((f->ellipsis = text_width(sb_str(&f->fit)) > room)) {
			/* Whole characters only, then "...": cut back until it fits. */
			for (; n > 0 &&
			     (text_width_n(sb_str(&f->fit), n) + 3 > room ||
			         ((unsigned char)f->fit.buf[n] & 0xc0) == 0x80);
			     n--)
				;
		}
		f->cut = n;
	}
	sb_appendn(out, sb_str(&f->fit), f->cut);
	if (f->ellipsis)
		sb_appendn(out, "...", 3);
	sb_appendn(out, " - ", 3);
	sb_appendn(out, sb_str(num), num->len);
	sb_appendn(out, "\n", 1);
}

/* Whether line l of text is all '-' or all '=': the line under a heading. */
static bool
rule_line(const char *text, const struct line *l)
{
	const char *s = text + l->off;
	size_t k;

	if (l->len == 0 || (s[0] != '-' && s[0] != '='))
		return false;
	for (k = 1; k < l->len && s[k] == s[0]; k++)
		;
	return k == l->len;
}

/* True when line i of lines (n of them) is a heading or the line under one. */
static bool
heading_line(const char *text, const struct line *lines, size_t n, size_t i)
{
	if (lines[i].len == 0)
		return false;
	return (i > 0 && rule_line(text, &lines[i])) ||
	    (i + 1 < n && rule_line(text, &lines[i + 1]));
}

/* True when line i should not end a page: a heading would be parted from what it heads,
 * or the next line continues this one's item (indented, and not a bullet of its own). */
static bool
keep_with_next(const char *text, const struct line *lines, size_t n, size_t i)
{
	const char *next;
	size_t sp = 0;

	if (lines[i].len == 0)
		return false;
	if (i + 1 < n) {
		next = text + lines[i + 1].off;
		while (sp < lines[i + 1].len && next[sp] == ' ')
			sp++;
		if (sp > 0 && sp < lines[i + 1].len && next[sp] != '*' && next[sp] != '[')
			return true;
	}
	return heading_line(text, lines, n, i);
}

/* The lines of the n bytes at text; *count of them. Caller frees. */
static struct line *
split_lines(const char *text, size_t n, size_t *count)
{
	const char *p = text, *end = text + n, *eol;
	size_t k = 0, cap = n / 32 + 16;
	struct line *lines = xreallocarray(NULL, cap, sizeof *lines);

	while (p < end) {
		if (k == cap)
			lines = xreallocarray(lines, cap *= 2, sizeof *lines);
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		lines[k].off = (size_t)(p - text);
		lines[k++].len = (size_t)(eol - p);
		p = eol + 1;
	}
	*count = k;
	return lines;
}

/* Where pages end: each takes body lines at most, gives up at most half of them to keep
 * things together, and never ends on a heading. *count pages. Caller frees. */
static struct page *
break_pages(const char *text, const struct line *lines, size_t n, size_t body, size_t *count)
{
	size_t i, stop, k = 0, cap = 8;
	struct page *pages = xreallocarray(NULL, cap, sizeof *pages);

	for (i = 0; i < n; k++) {
		/* A page does not open on the blank line between two sections. */
		while (k > 0 && i < n - 1 && lines[i].len == 0)
			i++;
		stop = i + body < n ? i + body : n;
		while (stop < n && stop > i + body / 2 && keep_with_next(text, lines, n, stop - 1))
			stop--;
		/* A heading never ends a page, whatever that costs. */
		while (stop < n && stop > i + 1 && heading_line(text, lines, n, stop - 1))
			stop--;
		if (k == cap)
			pages = xreallocarray(pages, cap *= 2, sizeof *pages);
		pages[k].first = i;
		pages[k].last = i = stop;
	}
	*count = k;
	return pages;
}

void
report_paginate(struct strbuf *out, size_t start, size_t page_lines, const char *label, bool ascii,
    size_t width)
{
	struct footer f = { .known = false };
	struct strbuf feet = { 0 }, line = { 0 }, num = { 0 };
	struct line *lines;
	struct page *pages, *pg;
	size_t len = out->len - start, n, count, k, total = 0, used;
	char *copy = NULL;
	const char *src;
	bool in_place = true;

	lines = split_lines(sb_str(out) + start, len, &n);
	pages = break_pages(sb_str(out) + start, lines, n, page_lines - 2, &count);
	if (ascii)
		text_to_ascii(&f.fit, label);
	else
		sb_append(&f.fit, label);
	for (k = 0; k < count; k++) {
		pg = &pages[k];
		pg->src = lines[pg->first].off;
		pg->n = lines[pg->last - 1].off + lines[pg->last - 1].len - pg->src;
		used = pg->last - pg->first;
		pg->blank = used < page_lines - 1 ? page_lines - 1 - used : 0;
		pg->foot_off = feet.len;
		page_footer(&feet, &f, ascii, k + 1, count, width, &line, &num);
		pg->foot_len = feet.len - pg->foot_off;
		pg->dest = total;
		/* The page's lines, their "\n" (the last may lack it), blank lines, footer. */
		pg->size = (k > 0) + pg->n + 1 + pg->blank + pg->foot_len;
		total += pg->size;
		/* Pages only grow, by their footers, unless a run of blank lines at the top of
		 * one is longer: only then would a page be written where an earlier one is. */
		if (pg->dest + (k > 0) < pg->src)
			in_place = false;
	}
	if (!in_place) {
		/* The text as it was, while the pages are written over it; wiped. */
		copy = xmalloc(len + 1);
		memcpy(copy, out->buf + start, len);
		out->len = start + (total < len ? total : len);
	}
	if (total > out->len - start)
		rr_repeat(out, '\n', total - (out->len - start));
	if (count == 0) /* nothing to cut: the text is empty */
		goto out;
	src = copy != NULL ? copy : out->buf + start;
	/* Last page first: each goes at or after where its text is, so no text is written over
	 * before it has moved. */
	for (k = count; k-- > 0;) {
		char *d;

		pg = &pages[k];
		d = out->buf + start + pg->dest;
		memmove(d + (k > 0), src + pg->src, pg->n);
		if (k > 0)
			d[0] = '\f';
		d += (k > 0) + pg->n;
		memset(d, '\n', 1 + pg->blank);
		d += 1 + pg->blank;
		memcpy(d, feet.buf + pg->foot_off, pg->foot_len);
	}
	out->len = start + total;
	out->buf[out->len] = '\0';
out:
	if (copy != NULL) {
		explicit_bzero(copy, len);
		free(copy);
	}
	sb_free(&feet);
	sb_free(&line);
	sb_free(&num);
	sb_free(&f.fit);
	free(lines);
	free(pages);
}
