/* SPDX-License-Identifier: ISC */
/* The program's exit statuses (DESIGN.md §3), shared by main, the commands and front ends. */
#ifndef SMPSCREEN_EXITCODE_H
#define SMPSCREEN_EXITCODE_H

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

#endif
