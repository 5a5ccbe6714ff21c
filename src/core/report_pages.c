/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_pages.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* The end of a page: the footer on line page_lines, blank lines before it; in ASCII when
 * the report is. */
static void
page_footer(struct strbuf *out, size_t used, size_t page_lines, const char *label, bool ascii,
    size_t page, size_t pages, size_t width)
{
	struct strbuf line = { 0 }, num = { 0 }, fit = { 0 };
	size_t room, n;

	for (; used < page_lines - 1; used++)
		sb_appendc(out, '\n');
	/* Measured as it will be written: ASCII stand-ins can be wider than what they replace. */
	sb_printf(&line, _("page %zu of %zu"), page, pages);
	if (ascii)
		text_to_ascii(&num, sb_str(&line));
	else
		sb_append(&num, sb_str(&line));
	sb_reset(&line);
	if (ascii)
		text_to_ascii(&fit, label);
	else
		sb_append(&fit, label);
	room = width > text_width(sb_str(&num)) + 3 ? width - text_width(sb_str(&num)) - 3 : 0;
	if (text_width(sb_str(&fit)) > room) {
		/* Whole characters only, then "...": cut back until it fits. */
		for (n = fit.len; n > 0 && (text_width_n(sb_str(&fit), n) + 3 > room ||
		                               ((unsigned char)fit.buf[n] & 0xc0) == 0x80);
		     n--)
			;
		sb_appendn(&line, sb_str(&fit), n);
		sb_append(&line, "...");
	} else
		sb_append(&line, sb_str(&fit));
	sb_printf(out, "%s - %s\n", sb_str(&line), sb_str(&num));
	sb_free(&line);
	sb_free(&num);
	sb_free(&fit);
}

/* True when line i of lines (n of them) is a heading or the line under one. */
static bool
heading_line(char **lines, size_t n, size_t i)
{
	const char *next = i + 1 < n ? lines[i + 1] : "";
	size_t k;

	if (*lines[i] == '\0')
		return false;
	if ((lines[i][0] == '-' || lines[i][0] == '=') &&
	    strspn(lines[i], lines[i][0] == '-' ? "-" : "=") == strlen(lines[i]) && i > 0)
		return true;
	if (*next != '-' && *next != '=')
		return false;
	for (k = 0; next[k] == next[0]; k++)
		;
	return next[k] == '\0';
}

/* True when line i should not end a page: a heading would be parted from what it heads,
 * or the next line continues this one's item (indented, and not a bullet of its own). */
static bool
keep_with_next(char **lines, size_t n, size_t i)
{
	const char *next = i + 1 < n ? lines[i + 1] : "";
	size_t sp = strspn(next, " ");

	if (*lines[i] == '\0')
		return false;
	if (sp > 0 && next[sp] != '\0' && next[sp] != '*' && next[sp] != '[')
		return true;
	return heading_line(lines, n, i);
}

void
report_paginate(struct strbuf *out, const char *text, size_t page_lines, const char *label,
    bool ascii, size_t width)
{
	char **lines = NULL, *copy = xstrdup(text), *p, *eol;
	size_t n = 0, body = page_lines - 2, *starts, *ends, pages = 0, i, page, end;

	for (p = copy; *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n++] = p;
		if (eol == NULL)
			break;
		*eol = '\0';
	}
	starts = xcalloc(n + 1, sizeof *starts);
	ends = xcalloc(n + 1, sizeof *ends);
	for (i = 0; i < n; pages++) {
		/* A page does not open on the blank line between two sections. */
		while (pages > 0 && i < n - 1 && *lines[i] == '\0')
			i++;
		starts[pages] = i;
		end = i + body < n ? i + body : n;
		/* At most half a page is given up to keep things together. */
		while (end < n && end > i + body / 2 && keep_with_next(lines, n, end - 1))
			end--;
		/* A heading never ends a page, whatever that costs. */
		while (end < n && end > i + 1 && heading_line(lines, n, end - 1))
			end--;
		ends[pages] = i = end;
	}
	for (page = 0; page < pages; page++) {
		if (page > 0)
			sb_appendc(out, '\f');
		for (i = starts[page]; i < ends[page]; i++) {
			sb_append(out, lines[i]);
			sb_appendc(out, '\n');
		}
		page_footer(out, ends[page] - starts[page], page_lines, label, ascii, page + 1,
		    pages, width);
	}
	explicit_bzero(copy, strlen(copy));
	free(copy);
	free(lines);
	free(starts);
	free(ends);
}
