/* SPDX-License-Identifier: ISC */
/* UTF-8 text: sanitising untrusted input, display width, wrapping to a column width. */
#ifndef SMPSCREEN_TEXT_H
#define SMPSCREEN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/strbuf.h"

/* Returns a copy of s (len bytes) owned by the caller, with invalid UTF-8 sequences, C0
 * controls (ESC, CR, ...; LF is kept only when keep_newlines is true, TAB becomes a space),
 * DEL, C1 controls (U+0080..U+009F) and bidi overrides/isolates removed, and cut to at most
 * max_bytes bytes at a character boundary (0: no limit). NULL counts as "". */
char *text_sanitize(const char *s, size_t len, size_t max_bytes, bool keep_newlines);
/* Returns a copy of s (len bytes) owned by the caller, one line of clean text that shows
 * what text_sanitize would remove: a byte that is not UTF-8, a C0 control (LF included) or
 * DEL as \xHH, a C1 control or a bidi embedding, override or isolate as \uHHHH; a tab
 * becomes a space. For messages and the names of files in them, which must say what a
 * text holds without passing its control sequences to the terminal. A backslash is kept
 * as it is, so escaping twice changes nothing (messages are sometimes passed on), at the
 * price that a text holding "\x1B" reads like one holding ESC. NULL counts as "". */
char *text_escape_unclean(const char *s, size_t len);
/* True when s is valid UTF-8 with no control characters (LF allowed if keep_newlines). */
bool text_is_clean(const char *s, bool keep_newlines);
/* The same of the len bytes at s, which need not end with a NUL (one among them is a
 * control): for text whose length is known already. */
bool text_is_clean_n(const char *s, size_t len, bool keep_newlines);
/* True when s holds only printable ASCII (and LF if keep_newlines): clean, and the same
 * after text_to_ascii. NULL counts as "". */
bool text_is_plain_ascii(const char *s, bool keep_newlines);
/* Whether s holds what text_is_clean refuses; if so *cp is the first such character's code
 * point, or -1 for a byte that is not UTF-8. */
bool text_first_unclean(const char *s, bool keep_newlines, long *cp);
/* Terminal columns taken by s, summed per code point as glibc's wcwidth() does in C.UTF-8
 * (combining marks and zero-width characters 0, East Asian wide and emoji 2, from
 * libunistring's Unicode data), but never from the process locale; a control character and
 * an invalid byte count 1. A joined emoji sequence counts each of its emoji. */
size_t text_width(const char *s);
/* The columns of the first n bytes of s (n at a character boundary). */
size_t text_width_n(const char *s, size_t n);
/* Appends s to out wrapped at width columns: each line starts with indent (first line:
 * first_indent) and words are broken only at spaces; a word longer than a line is split at
 * a character boundary. Every line, the last included, ends with "\n". */
void text_wrap(struct strbuf *out, const char *s, size_t width, const char *first_indent,
    const char *indent);
/* As text_wrap, and true, when s, first_indent and indent are clean (text_is_clean, LF
 * allowed in s only) and, if ascii is set, hold only ASCII: what is written is then clean
 * (and ASCII) too. Otherwise appends nothing and returns false, for the caller to sanitise
 * s first. One pass over s for both. */
bool text_wrap_clean(struct strbuf *out, const char *s, size_t width, const char *first_indent,
    const char *indent, bool ascii);
/* Columns taken by the n bytes at s, as some display counts them. */
typedef size_t (*text_measure_fn)(const char *s, size_t n);
/* As text_wrap, measuring with measure: a terminal's own count instead of the report's. */
void text_wrap_measured(struct strbuf *out, const char *s, size_t width, const char *first_indent,
    const char *indent, text_measure_fn measure);
/* Appends s with every non-ASCII character replaced by an ASCII stand-in: common
 * punctuation is transliterated (dashes, quotes, ellipsis, bullets, arrows, ≥ ≤ ×, box
 * drawing), letters lose their accents where known, anything else becomes "?". */
void text_to_ascii(struct strbuf *out, const char *s);

#endif
