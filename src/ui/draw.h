/* SPDX-License-Identifier: ISC */
/* Drawing helpers every wizard page shares: lines cut and text wrapped by the columns the
 * terminal really uses (wcwidth in the running locale), and the frame around each page. */
#ifndef SMPSCREEN_UI_DRAW_H
#define SMPSCREEN_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/strbuf.h"

/* Below this the layout cannot hold a question and its options. */
#define DRAW_MIN_ROWS 15
#define DRAW_MIN_COLS 40

/* How one page is drawn: ASCII only or UTF-8, and the message line under it. */
struct draw_ctx {
	bool ascii;
	const char *msg; /* "" for none */
};

/* Terminal columns of the n bytes at s, as the terminal counts them (wcwidth). */
size_t draw_width(const char *s, size_t n);
/* Draws one line at (row, col), cut to width columns, with attributes: for text already laid
 * out to the width (wrapped lines, pictures), where a cut cannot happen or is harmless. */
void draw_line(const struct draw_ctx *d, int row, int col, int width, const char *s, attr_t attr);
/* Appends s to out fitted to width columns (ASCII only when d->ascii): whole when it fits,
 * else cut after the last whole word that leaves room for an ellipsis ("…", "..." in ASCII),
 * or mid-word before the ellipsis when the first word alone is too wide. Never wider. */
void draw_cut(const struct draw_ctx *d, const char *s, size_t width, struct strbuf *out);
/* Draws s at (row, col) fitted to width columns as draw_cut does: for headers, hints and
 * messages, which must never end mid-word without saying so. */
void draw_fit(const struct draw_ctx *d, int row, int col, int width, const char *s, attr_t attr);
/* The first of the NULL-terminated texts alts (longest first) that fits width columns
 * whole, translated; the last one when none does (for draw_fit to cut). alts may hold
 * message ids (N_) or texts already translated. Borrowed from alts or the catalog. */
const char *draw_pick(const struct draw_ctx *d, size_t width, const char *const *alts);
/* Wraps s to width columns into *out, one NUL-terminated copy a line (first line indented by
 * first, the others by indent); returns the count. Free with draw_lines_free. */
size_t draw_wrap(const struct draw_ctx *d, const char *s, size_t width, const char *first,
    const char *indent, char ***out);
void draw_lines_free(char **lines, size_t n);
/* Draws wrapped text from row on, at most max_rows lines; returns the rows used. */
int draw_text(const struct draw_ctx *d, int row, int col, int width, int max_rows, const char *s,
    attr_t attr);
/* Columns for running text: the screen less its margins, at most a comfortable line. */
int draw_text_columns(void);
/* The lines every page shares: the title, the message (on the line above the hints, or on
 * the two lines above them when it is longer than one), the key hints, and the reminder that
 * this is a screening aid. Title and hints are fitted with draw_fit. Pages keep the rows
 * from LINES - 4 down for these. */
void draw_frame(const struct draw_ctx *d, const char *title, const char *hints);
/* True when the screen is too small for any page (the "please enlarge" notice shows). */
/* A page's full key list (keys: NULL-terminated message ids, one key each) under title,
 * with hint on the hint line; returns the first row left free below it. */
int draw_key_list(const struct draw_ctx *d, const char *title, const char *hint,
    const char *const *keys);
bool draw_too_small(void);
/* Draws s wrapped to width columns so that its last line is on row bottom, at most max_rows
 * lines (the last one shown ending in an ellipsis when more would not fit); returns the rows
 * used, 0 for "". */
int draw_text_up(const struct draw_ctx *d, int bottom, int col, int width, int max_rows,
    const char *s, attr_t attr);

/* The end of s (a field being typed) that fits width columns with one column left for the
 * cursor: while typing, the last characters are the ones to see. */
const char *draw_tail(const char *s, size_t width);

#endif
