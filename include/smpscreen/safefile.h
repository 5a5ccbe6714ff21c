/* SPDX-License-Identifier: ISC */
/* Writing private files so that a crash leaves the old file or the new one, never half. */
#ifndef SMPSCREEN_SAFEFILE_H
#define SMPSCREEN_SAFEFILE_H

#include <stddef.h>

/* Writes len bytes to path via a 0600 temporary file in the same directory, fsync, rename
 * and an fsync of the directory. path must be a regular file or not exist yet (never a
 * device, directory or symlink). Returns 0, or -1 with *cause set to a message the caller
 * frees (the temporary file is removed). */
int safefile_write(const char *path, const char *data, size_t len, char **cause);

#endif
