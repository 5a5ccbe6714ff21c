/* SPDX-License-Identifier: ISC */
/* Writing private files so that a crash leaves the old file or the new one, never half. */
#ifndef SMPSCREEN_SAFEFILE_H
#define SMPSCREEN_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes len bytes to path via a 0600 temporary file in the same directory, fsync, rename
 * and an fsync of the directory. path must be a regular file or not exist yet (never a
 * device, directory or symlink). Returns 0, or -1 with *cause set to a message the caller
 * frees (the temporary file is removed). A signal that would end the program removes the
 * temporary file first; temporary files that killed writers left in the directory are
 * removed (safefile.c says which). */
int safefile_write(const char *path, const char *data, size_t len, char **cause);
/* Makes sure dir is fit to hold health records: with create, makes it 0700 when it is
 * missing (its parent must exist); refuses one that is not a directory, belongs to another
 * user, is writable by its group or by others, or cannot be written. 0, 1 when it is
 * missing and not to be created, or -1 with *cause (which path and why; caller frees). */
int safefile_private_dir(const char *dir, bool create, char **cause);

/* A private file written in pieces, for output too large to hold in memory (a batch's
 * report): the pieces go to a 0600 temporary file in the target's directory, which only
 * safefile_commit puts in place. Until then, and after any failure, the target is as it
 * was. */
struct safefile_stream;
/* Starts writing path (the same rules as safefile_write). NULL with *cause (caller frees).
 * The caller ends with safefile_commit or safefile_abort. */
struct safefile_stream *safefile_open(const char *path, char **cause);
/* Appends len bytes. 0, or -1 with *cause (caller frees); after a failure the caller
 * aborts. */
int safefile_append(struct safefile_stream *s, const char *data, size_t len, char **cause);
/* fsync, rename over the target and fsync of its directory, as safefile_write; frees s.
 * 0, or -1 with *cause (caller frees; the temporary file is removed). */
int safefile_commit(struct safefile_stream *s, char **cause);
/* Removes the temporary file and frees s; the target is left untouched. Accepts NULL. */
void safefile_abort(struct safefile_stream *s);

#endif
