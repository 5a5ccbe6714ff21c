/* SPDX-License-Identifier: ISC */
/*
 * Classes of ASCII characters, whatever the locale. main() calls setlocale(LC_ALL, ""), and
 * in an 8-bit locale (en_US.ISO-8859-1, which an old terminal over SSH may well ask for)
 * <ctype.h> counts bytes from 0xa0 up as letters: "\xe3" would pass for a lower-case id,
 * and a byte that is not UTF-8 would reach a JSON key and the terminal. Ids, condition
 * tokens and language codes are ASCII by definition, so they are classified here, never
 * by <ctype.h>. c is a byte value (0..255) or EOF; every byte from 0x80 up is in no class.
 */
#ifndef SMPSCREEN_ASCII_H
#define SMPSCREEN_ASCII_H

#include <stdbool.h>

static inline bool
ascii_is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool
ascii_is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool
ascii_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
ascii_is_alpha(int c)
{
	return ascii_is_lower(c) || ascii_is_upper(c);
}

static inline bool
ascii_is_alnum(int c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c);
}

/* Space, tab, line feed, vertical tab, form feed, carriage return: isspace() in "C". */
static inline bool
ascii_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* A character that prints, the space included: isprint() in "C". */
static inline bool
ascii_is_print(int c)
{
	return c >= ' ' && c <= '~';
}

static inline int
ascii_to_lower(int c)
{
	return ascii_is_upper(c) ? c - 'A' + 'a' : c;
}

static inline int
ascii_to_upper(int c)
{
	return ascii_is_lower(c) ? c - 'a' + 'A' : c;
}

#endif
