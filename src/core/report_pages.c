/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_pages.h"
#include "report_render.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* A line of the text, and what the page breaking asks of it. */
struct line {
	size_t off, len;
	bool empty;
	bool rule; /* all '-' or all '=': the line under a heading */
	bool cont; /* indented, and not a bullet of its own: continues the item above */
};

/* The page footer's label as written (ASCII when the report is), and its last cut. */
struct footer {
	struct strbuf fit;
	bool known;    /* room, cut and ellipsis hold */
	size_t room;   /* columns the label may take */
	size_t cut;    /* bytes of fit shown in room */
	bool ellipsis; /* fit is cut, and "..." follows it */
};

/* The end of a page: the footer on line page_lines, blank lines before it; in ASCII when
 * the report is. */
static void
page_footer(struct strbuf *out, size_t used, size_t page_lines, struct footer *f, bool ascii,
    size_t page, size_t pages, size_t width)
{
	struct strbuf line = { 0 }, num = { 0 };
	size_t room, n;

	if (used < page_lines - 1)
		rr_repeat(out, '\n', page_lines - 1 - used);
	/* Measured as it will be written: ASCII stand-ins can be wider than what they replace. */
	rr_format(&line, _("page %zu of %zu"), page, pages);
	if (ascii)
		text_to_ascii(&num, sb_str(&line));
	else
		sb_append(&num, sb_str(&line));
	room = width > text_width(sb_str(&num)) + 3 ? width - text_width(sb_str(&num)) - 3 : 0;
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
		sb_append(out, "...");
	sb_append(out, " - ");
	sb_appendn(out, sb_str(&num), num.len);
	sb_appendc(out, '\n');
	sb_free(&line);
	sb_free(&num);
}

/* True when line i of lines (n of them) is a heading or the line under one. */
static bool
heading_line(const struct line *lines, size_t n, size_t i)
{
	if (lines[i].empty)
		return false;
	return (lines[i].rule && i > 0) || (i + 1 < n && lines[i + 1].rule);
}

/* True when line i should not end a page: a heading would be parted from what it heads,
 * or the next line continues this one's item (indented, and not a bullet of its own). */
static bool
keep_with_next(const struct line *lines, size_t n, size_t i)
{
	if (lines[i].empty)
		return false;
	if (i + 1 < n && lines[i + 1].cont)
		return true;
	return heading_line(lines, n, i);
}

/* Line i of text, as the page breaking sees it. */
static void
describe(struct line *l, const char *text, size_t off, size_t len)
{
	const char *s = text + off;
	size_t sp, k;

	l->off = off;
	l->len = len;
	l->empty = len == 0;
	for (k = 1; k < len && s[k] == s[0]; k++)
		;
	l->rule = len > 0 && (s[0] == '-' || s[0] == '=') && k == len;
	for (sp = 0; sp < len && s[sp] == ' '; sp++)
		;
	l->cont = sp > 0 && sp < len && s[sp] != '*' && s[sp] != '[';
}

void
report_paginate(struct strbuf *out, const char *text, size_t page_lines, const char *label,
    bool ascii, size_t width)
{
	struct line *lines;
	struct footer f = { .known = false };
	const char *p, *eol, *end;
	size_t len = strlen(text), n = 0, cap = 1, body = page_lines - 2, *starts, *ends, pages = 0,
	       i, page, stop;

	/* One pass to count, one to describe: no array grown line by line. */
	for (p = text, end = text + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		cap++;
	lines = xcalloc(cap, sizeof *lines);
	for (p = text; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			describe(&lines[n++], text, (size_t)(p - text), (size_t)(end - p));
			break;
		}
		describe(&lines[n++], text, (size_t)(p - text), (size_t)(eol - p));
	}
	starts = xcalloc(n + 1, sizeof *starts);
	ends = xcalloc(n + 1, sizeof *ends);
	for (i = 0; i < n; pages++) {
		/* A page does not open on the blank line between two sections. */
		while (pages > 0 && i < n - 1 && lines[i].empty)
			i++;
		starts[pages] = i;
		stop = i + body < n ? i + body : n;
		/* At most half a page is given up to keep things together. */
		while (stop < n && stop > i + body / 2 && keep_with_next(lines, n, stop - 1))
			stop--;
		/* A heading never ends a page, whatever that costs. */
		while (stop < n && stop > i + 1 && heading_line(lines, n, stop - 1))
			stop--;
		ends[pages] = i = stop;
	}
	if (ascii)
		text_to_ascii(&f.fit, label);
	else
		sb_append(&f.fit, label);
	for (page = 0; page < pages; page++) {
		const struct line *a = &lines[starts[page]], *z = &lines[ends[page] - 1];

		if (page > 0)
			sb_appendc(out, '\f');
		/* The page's lines are one span of the text; the last may lack its "\n". */
		sb_appendn(out, text + a->off, z->off + z->len - a->off);
		sb_appendc(out, '\n');
		page_footer(out, ends[page] - starts[page], page_lines, &f, ascii, page + 1, pages,
		    width);
	}
	sb_free(&f.fit);
	free(lines);
	free(starts);
	free(ends);
}
