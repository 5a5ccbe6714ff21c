/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "smpscreen/i18n.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* Wider text is harder to read; the report is 72 columns anyway. */
#define MAX_TEXT 76

/*
 * ncurses places characters by wcwidth() in the running locale, so that is what the pages
 * measure with: a table of our own would disagree with the screen on emoji and combining
 * marks, and a wide character would push a line past its column. (Reports, which must not
 * depend on the locale, measure in the core instead.)
 */
/* The length of the character at s (n bytes), and in *cols its columns. */
static size_t
next_char(const char *s, size_t n, mbstate_t *st, size_t *cols)
{
	size_t len;
	wchar_t wc;
	int w;

	/* ASCII, the bulk of every page, without the locale's decoder: a printable byte is one
	 * column, and a control byte counts as one like any other undecodable one. */
	if ((unsigned char)*s < 0x80 && *s != '\0' && mbsinit(st)) {
		*cols = 1;
		return 1;
	}
	len = mbrtowc(&wc, s, n, st);
	if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
		/* A byte the locale cannot decode shows as one replacement cell. */
		memset(st, 0, sizeof *st);
		*cols = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : (size_t)w;
	return len;
}

size_t
draw_width(const char *s, size_t n)
{
	mbstate_t st;
	size_t i = 0, cols = 0, w;

	/* ASCII, the bulk of every page, a column a byte until the first other byte. */
	while (i < n && (unsigned char)s[i] - 1U < 0x7f)
		i++;
	cols = i;
	memset(&st, 0, sizeof st);
	while (i < n) {
		i += next_char(s + i, n - i, &st, &w);
		cols += w;
	}
	return cols;
}

/* Bytes of s that fit in width columns, whole characters only. */
static size_t
fit(const char *s, size_t width)
{
	mbstate_t st;
	size_t i = 0, n = strlen(s), len, used, w;

	while (i < n && i < width && (unsigned char)s[i] < 0x80)
		i++;
	used = i;
	memset(&st, 0, sizeof st);
	while (i < n) {
		len = next_char(s + i, n - i, &st, &w);
		if (used + w > width)
			break;
		used += w;
		i += len;
	}
	return i;
}

/* The most cells put_cells takes at once: wider than any line the pages draw at 80 columns;
 * a longer one goes through addnstr. */
#define CELLS_MAX 256

/*
 * Puts as much of s as fits width columns (what fit() keeps) into the window at (row, col),
 * in attr, exactly as attron(attr) and mvaddnstr would, cursor included, but as a row of
 * cells: addnstr's work per character (decoding, control checks, rendering one character
 * at a time) was a quarter of the wizard's CPU per key. Only for text that addnstr would
 * put there as it is: printable characters one or two columns wide, ending before the last
 * column (where addnstr would wrap). False, with nothing drawn, for anything else, which the
 * caller draws with addnstr.
 */
static bool
put_cells(int row, int col, size_t width, const char *s, attr_t attr)
{
#ifdef NCURSES_VERSION
	cchar_t cells[CELLS_MAX];
	mbstate_t st;
	size_t i = 0, k = 0, n = strlen(s), len, cols = 0;
	int w;
	wchar_t wc;
	bool ok = true;

	memset(&st, 0, sizeof st);
	while (i < n) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			wc = (unsigned char)s[i];
			len = 1;
			w = 1;
		} else {
			len = mbrtowc(&wc, s + i, n - i, &st);
			/* Undecodable, or a control or combining character: addnstr's way. */
			if (len == 0 || len == (size_t)-1 || len == (size_t)-2 ||
			    (w = wcwidth(wc)) < 1 || w > 2) {
				ok = false;
				break;
			}
		}
		if (cols + (size_t)w > width)
			break;
		if (k == CELLS_MAX) {
			ok = false;
			break;
		}
		/* The fields of ncurses's cchar_t: setcchar would cost as much as addnstr. */
		memset(&cells[k], 0, sizeof cells[k]);
		cells[k].attr = attr;
		cells[k].chars[0] = wc;
		k++;
		cols += (size_t)w;
		i += len;
	}
	ok = ok && col >= 0 && col < COLS && cols < (size_t)(COLS - col);
	if (ok) {
		mvadd_wchnstr(row, col, cells, (int)k);
		move(row, col + (int)cols);
	}
	/* The cells may hold what a patient typed. */
	explicit_bzero(cells, k * sizeof cells[0]);
	return ok;
#else
	(void)row, (void)col, (void)width, (void)s, (void)attr;
	return false;
#endif
}

void
draw_line(const struct draw_ctx *d, int row, int col, int width, const char *s, attr_t attr)
{
	struct strbuf tmp = { .secret = true };
	size_t n;

	if (row < 0 || row >= LINES || width <= 0)
		return;
	if (d->ascii) {
		text_to_ascii(&tmp, s);
		s = sb_str(&tmp);
	}
	if (!put_cells(row, col, (size_t)width, s, attr)) {
		n = fit(s, (size_t)width);
		attron(attr);
		mvaddnstr(row, col, s, (int)n);
		attroff(attr);
	}
	sb_free(&tmp);
}

void
draw_cut(const struct draw_ctx *d, const char *s, size_t width, struct strbuf *out)
{
	struct strbuf ascii = { .secret = true };
	const char *dots = d->ascii ? "..." : "\xe2\x80\xa6"; /* U+2026 */
	size_t n, dots_w, cut, i;

	if (d->ascii) {
		text_to_ascii(&ascii, s);
		s = sb_str(&ascii);
	}
	n = strlen(s);
	dots_w = draw_width(dots, strlen(dots));
	if (draw_width(s, n) <= width || width <= dots_w) {
		sb_appendn(out, s, fit(s, width));
		goto out;
	}
	cut = fit(s, width - dots_w);
	/* Inside a word: back to its start, unless it is the first word. */
	if (s[cut] != ' ') {
		for (i = cut; i > 0 && s[i - 1] != ' '; i--)
			;
		if (i > 0)
			cut = i;
	}
	/* No space or separator just before the ellipsis ("goal  -  …"). */
	for (i = cut; i > 0 && strchr(" -:,;", s[i - 1]) != NULL; i--)
		;
	if (i > 0)
		cut = i;
	sb_appendn(out, s, cut);
	sb_append(out, dots);
out:
	sb_free(&ascii);
}

void
draw_fit(const struct draw_ctx *d, int row, int col, int width, const char *s, attr_t attr)
{
	struct strbuf tmp = { .secret = true };

	if (width <= 0)
		return;
	draw_cut(d, s, (size_t)width, &tmp);
	draw_line(d, row, col, width, sb_str(&tmp), attr);
	sb_free(&tmp);
}

const char *
draw_pick(const struct draw_ctx *d, size_t width, const char *const *alts)
{
	struct strbuf ascii = { 0 };
	const char *s = NULL;
	size_t i;

	for (i = 0; alts[i] != NULL; i++) {
		s = _(alts[i]);
		sb_reset(&ascii);
		if (d->ascii)
			text_to_ascii(&ascii, s);
		else
			sb_append(&ascii, s);
		if (draw_width(sb_str(&ascii), ascii.len) <= width)
			break;
	}
	sb_free(&ascii);
	return s != NULL ? s : "";
}

size_t
draw_wrap(const struct draw_ctx *d, const char *s, size_t width, const char *first,
    const char *indent, char ***out)
{
	struct strbuf sb = { .secret = true }, ascii = { .secret = true };
	char **lines = NULL, *p, *eol;
	size_t n = 0;

	if (d->ascii) {
		text_to_ascii(&ascii, s);
		s = sb_str(&ascii);
	}
	text_wrap_measured(&sb, s, width, first, indent, draw_width);
	for (p = sb.buf; p != NULL && *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n++] = xstrndup(p, (size_t)(eol - p));
	}
	sb_free(&sb);
	sb_free(&ascii);
	*out = lines;
	return n;
}

void
draw_lines_free(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		explicit_bzero(lines[i], strlen(lines[i]));
		free(lines[i]);
	}
	free(lines);
}

int
draw_text(const struct draw_ctx *d, int row, int col, int width, int max_rows, const char *s,
    attr_t attr)
{
	char **lines;
	size_t i, n = draw_wrap(d, s, (size_t)width, "", "", &lines);
	int used = 0;

	for (i = 0; i < n && used < max_rows; i++, used++)
		draw_line(d, row + used, col, width, lines[i], attr);
	draw_lines_free(lines, n);
	return used;
}

int
draw_text_columns(void)
{
	return COLS - 2 < MAX_TEXT ? COLS - 2 : MAX_TEXT;
}

/* The message: one line, or two (the second cut with an ellipsis when it is longer still),
 * so that an error that says what to type keeps its words at 40 columns. */
static void
draw_message(const struct draw_ctx *d)
{
	struct strbuf rest = { .secret = true };
	char **lines;
	size_t i, n = draw_wrap(d, d->msg, (size_t)(COLS - 2), "", "", &lines);

	if (n <= 1) {
		draw_fit(d, LINES - 3, 1, COLS - 2, d->msg, A_BOLD);
	} else {
		draw_line(d, LINES - 4, 1, COLS - 2, lines[0], A_BOLD);
		for (i = 1; i < n; i++)
			sb_printf(&rest, "%s%s", i > 1 ? " " : "", lines[i]);
		draw_fit(d, LINES - 3, 1, COLS - 2, sb_str(&rest), A_BOLD);
	}
	draw_lines_free(lines, n);
	sb_free(&rest);
}

void
draw_frame(const struct draw_ctx *d, const char *title, const char *hints)
{
	const char *disclaimer[] = {
		_("A screening aid, not medical advice: a practitioner decides."),
		_("Screening aid: a practitioner decides."), NULL
	};

	draw_fit(d, 0, 0, COLS, title, A_BOLD);
	if (d->msg[0] != '\0')
		draw_message(d);
	draw_fit(d, LINES - 2, 1, COLS - 2, hints, A_NORMAL);
	draw_fit(d, LINES - 1, 1, COLS - 2, draw_pick(d, (size_t)(COLS - 2), disclaimer), A_DIM);
}

int
draw_key_list(const struct draw_ctx *d, const char *title, const char *hint,
    const char *const *keys)
{
	int row = 2, width = COLS - 2;
	size_t i;

	draw_frame(d, title, hint);
	for (i = 0; keys[i] != NULL && row < LINES - 3; i++)
		row += draw_text(d, row, 1, width, LINES - 3 - row, _(keys[i]), A_NORMAL);
	move(2, 1);
	return row;
}

bool
draw_too_small(void)
{
	return LINES < DRAW_MIN_ROWS || COLS < DRAW_MIN_COLS;
}

int
draw_text_up(const struct draw_ctx *d, int bottom, int col, int width, int max_rows, const char *s,
    attr_t attr)
{
	char **lines;
	size_t i, n;
	int used, row;

	if (s == NULL || *s == '\0' || max_rows <= 0 || width <= 0)
		return 0;
	n = draw_wrap(d, s, (size_t)width, "", "", &lines);
	used = n < (size_t)max_rows ? (int)n : max_rows;
	row = bottom - used + 1;
	for (i = 0; i < (size_t)used; i++) {
		/* The last line that fits says that more was cut off. */
		if (i + 1 == (size_t)used && (size_t)used < n) {
			struct strbuf more = { .secret = true };

			sb_printf(&more, "%s %s", lines[i], lines[i + 1]);
			draw_fit(d, row + (int)i, col, width, sb_str(&more), attr);
			sb_free(&more);
		} else
			draw_line(d, row + (int)i, col, width, lines[i], attr);
	}
	draw_lines_free(lines, n);
	return used;
}

const char *
draw_tail(const char *s, size_t width)
{
	while (*s != '\0' && draw_width(s, strlen(s)) + 1 > width)
		do
			s++;
		while (((unsigned char)*s & 0xc0) == 0x80);
	return s;
}
