/* SPDX-License-Identifier: ISC */
/* A growable, always NUL-terminated byte buffer for building reports and files. */
#ifndef SMPSCREEN_STRBUF_H
#define SMPSCREEN_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *buf; /* NULL until the first append; owned by the strbuf */
	size_t len, cap;
	bool secret; /* patient data: every byte is zeroed before memory is let go */
};

void sb_append(struct strbuf *sb, const char *s);
void sb_appendn(struct strbuf *sb, const char *s, size_t n);
void sb_appendc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Makes room for n more bytes at once, so that a buffer about to be filled is not grown
 * (and copied) step by step. */
void sb_reserve(struct strbuf *sb, size_t n);
/* Returns the contents ("" when empty); valid until the next change. */
const char *sb_str(const struct strbuf *sb);
/* Hands the buffer to the caller (free()) and leaves sb empty; never NULL. */
char *sb_detach(struct strbuf *sb);
void sb_reset(struct strbuf *sb); /* empties, keeps the memory (a secret one zeroed) */
void sb_free(struct strbuf *sb);  /* releases the memory (a secret one zeroed); accepts NULL */

#endif
