/* SPDX-License-Identifier: ISC */
/* The program's exit statuses (DESIGN.md §3), shared by main, the commands and front ends. */
#ifndef SMPSCREEN_EXITCODE_H
#define SMPSCREEN_EXITCODE_H

/* EXIT_CHANGED: rescreen found saved screenings whose outcome the new content changes
 * (like diff(1), a difference is not a failure, but a script must be able to tell). */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_CHANGED = 3 };

#endif
