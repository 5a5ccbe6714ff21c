/* SPDX-License-Identifier: ISC */
/* Output held back until it may be shown: a batch's reports wait here until every file has
 * been read and found good, so that a batch with an error prints no report at all, while
 * memory stays the same however many files there are. */
#ifndef SMPSCREEN_SPOOL_H
#define SMPSCREEN_SPOOL_H

#include <stdio.h>
#include <stddef.h>

/* The bytes live in memory up to a limit, then in a private file with no name (O_TMPFILE,
 * 0600) in $TMPDIR or /tmp, which the kernel removes when the program ends, however it
 * ends: health data never waits under a name another program could open. */
struct spool;

struct spool *spool_new(void);
/* Appends len bytes. 0, or -1 with *cause (caller frees): the temporary file could not be
 * made or written. After a failure the spool keeps refusing. */
int spool_add(struct spool *sp, const char *data, size_t len, char **cause);
/* Adds what sb holds and empties it. Its memory becomes the spool's own when the bytes
 * stay in memory (no copy); sb is then left empty with no memory, ready for more. A secret
 * strbuf is copied, so that its zeroing stays its own. 0, or -1 as spool_add. */
struct strbuf;
int spool_take(struct spool *sp, struct strbuf *sb, char **cause);
/* Bytes added so far. */
size_t spool_size(const struct spool *sp);
/* Whether the bytes went to the temporary file (they outgrew memory). */
int spool_on_disk(const struct spool *sp);
/* Writes every byte added, in order, to fp. 0, or -1 with *cause (caller frees) when the
 * temporary file cannot be read back; a failed write to fp is left to ferror(fp). */
int spool_copy(struct spool *sp, FILE *fp, char **cause);
/* Frees sp and its file. Accepts NULL. */
void spool_free(struct spool *sp);

#endif
