/* SPDX-License-Identifier: ISC */
/* A tiny writer of GNU .mo catalogs for the unit tests, so that no test needs msgfmt and a
 * test can lay out (or damage) a catalog exactly as it wants: originals in any order, either
 * byte order, empty translations, strings with NULs inside (plural entries). */
#ifndef SMPSCREEN_TEST_MO_WRITER_H
#define SMPSCREEN_TEST_MO_WRITER_H

#include <stdbool.h>
#include <stddef.h>

struct mo_ent {
	char *orig, *trans;
	size_t orig_len, trans_len; /* without the final NUL; NULs inside are kept */
};
/* The entries of a catalog-to-be, in the order they will be written. */
struct mo_list {
	struct mo_ent *e;
	size_t n;
};

/* Adds msgid (with its context when ctx is not NULL, as "ctx\004msgid") translated as str. */
void mo_add(struct mo_list *l, const char *ctx, const char *msgid, const char *str);
/* Adds an entry whose strings may hold NULs: a plural one is "one\0many" -> "f0\0f1\0f2". */
void mo_addn(struct mo_list *l, const char *orig, size_t orig_len, const char *trans,
    size_t trans_len);
/* Adds the header entry (msgid ""): "Content-Type: text/plain; charset=UTF-8", then
 * "Language: <language>" when language is not NULL, then plural_forms when not NULL (the
 * whole "Plural-Forms: ..." line's value). */
void mo_add_header(struct mo_list *l, const char *language, const char *plural_forms);
void mo_list_free(struct mo_list *l);

/* The layout written: header at 0, originals table at MO_ORIG_TABLE, translations table
 * after it, then the strings, each with its NUL, originals first. */
#define MO_HEADER_SIZE 28
#define MO_ORIG_TABLE MO_HEADER_SIZE
#define MO_TRANS_TABLE(n) (MO_HEADER_SIZE + 8 * (n))

/* The image of l (a malloc'd buffer of *size bytes); big: in big-endian byte order. */
unsigned char *mo_image(const struct mo_list *l, bool big, size_t *size);
/* The 32-bit word at off of an image, read or written in the image's byte order. */
unsigned mo_get_word(const unsigned char *img, size_t off, bool big);
void mo_put_word(unsigned char *img, size_t off, unsigned v, bool big);
/* Writes size bytes to path, creating its missing parent directories; fails the test on
 * any error. */
void mo_write_bytes(const char *path, const void *data, size_t size);
/* Writes l (little-endian) to path, as mo_write_bytes. */
void mo_write_file(const char *path, const struct mo_list *l);

#endif
