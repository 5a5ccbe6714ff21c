/* SPDX-License-Identifier: ISC */
/*
 * Drafts of unfinished consultations: one file per consultation in a folder of the user's
 * own (the caller checks it: safefile_private_dir), "draft-ID.cfg", held while its
 * consultation runs by an exclusive flock on "draft-ID.lock" beside it. The draft itself is
 * rewritten by rename, a new file each time, so the lock cannot be on it. A draft that no
 * live process holds is waiting: a later consultation may take it over. One that a live
 * consultation holds is never offered to, replaced or deleted by another. The lock goes with
 * the process however it ends (kill -9, a dropped line), so a crash leaves a waiting draft,
 * never a stuck one. "draft.cfg", the one draft of earlier versions, is a draft like any.
 */
#ifndef SMPSCREEN_DRAFT_H
#define SMPSCREEN_DRAFT_H

#include <stdbool.h>

/* A draft this process holds: its path and its lock. */
struct draft;

/* A new draft in dir, held: a fresh name claimed and locked; the draft file itself is not
 * written yet. NULL with *cause (which path and why; caller frees). */
struct draft *draft_new(const char *dir, char **cause);
/* Takes over the waiting draft at path. NULL with *cause (caller frees) when a live
 * consultation holds it, or it is gone or not a regular file. */
struct draft *draft_take(const char *path, char **cause);
/* Takes over the most recently written waiting draft in dir, passing over those live
 * consultations hold and any that vanish meanwhile; NULL when there is none. */
struct draft *draft_take_latest(const char *dir);
/* True when path names a draft of dir: in that folder, with a draft's name. */
bool draft_in(const char *dir, const char *path);
/* The draft file's path; borrowed from d. */
const char *draft_path(const struct draft *d);
/* True when the draft file is there. */
bool draft_exists(const struct draft *d);
/* Deletes the draft file and its lock and lets go of d. Accepts NULL. */
void draft_delete(struct draft *d);
/* Lets go of d, leaving the draft file (when there is one) waiting for a later
 * consultation. Accepts NULL. */
void draft_release(struct draft *d);

#endif
