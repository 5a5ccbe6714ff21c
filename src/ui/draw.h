/* SPDX-License-Identifier: ISC */
/* Drawing helpers every wizard page shares: lines cut and text wrapped by the columns the
 * terminal really uses (wcwidth in the running locale), and the frame around each page. */
#ifndef SMPSCREEN_UI_DRAW_H
#define SMPSCREEN_UI_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

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
/* Draws one line at (row, col), cut to width columns, with attributes. */
void draw_line(const struct draw_ctx *d, int row, int col, int width, const char *s, attr_t attr);
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
/* The lines every page shares: the title, the message line, the key hints, and the
 * reminder that this is a screening aid. */
void draw_frame(const struct draw_ctx *d, const char *title, const char *hints);
/* True when the screen is too small for any page (the "please enlarge" notice shows). */
bool draw_too_small(void);
/* As draw_line, but a line too long for width ends in an ellipsis ("..." with ascii) instead
 * of being cut off mid-word. */
void draw_line_ellipsis(const struct draw_ctx *d, int row, int col, int width, const char *s,
    attr_t attr);
/* Draws s wrapped to width columns so that its last line is on row bottom, at most max_rows
 * lines (the last one shown ending in an ellipsis when more would not fit); returns the rows
 * used, 0 for "". */
int draw_text_up(const struct draw_ctx *d, int bottom, int col, int width, int max_rows,
    const char *s, attr_t attr);

#endif
