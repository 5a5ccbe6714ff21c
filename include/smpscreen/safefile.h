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

#endif
