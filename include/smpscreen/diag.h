/* SPDX-License-Identifier: ISC */
/* Diagnostics: a list of "file:line: level: message" records gathered while loading. */
#ifndef SMPSCREEN_DIAG_H
#define SMPSCREEN_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
	char *file; /* may be NULL when no file is involved */
	int line;   /* 0 when unknown */
	enum diag_level level;
	char *msg;
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	/* At most max records of each level are kept (0: every one); the others are only
	 * counted, so that a batch of a million bad files needs no more memory than one of a
	 * thousand. Indexed by enum diag_level. */
	size_t max;
	size_t kept[2], dropped[2];
};

/* Appends a record; file and the formatted message are copied. */
void diag_add(struct diag_list *dl, enum diag_level level, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_vadd(struct diag_list *dl, enum diag_level level, const char *file, int line,
    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/* Number of DIAG_ERROR records, counting those past max. */
size_t diag_errors(const struct diag_list *dl);
/* Writes every record as "file:line: error: msg\n", each run of one file's records sorted
 * by line (records on one line keep the order they were added), then a line for each level
 * with records past max ("smpscreen: and N more errors (not shown)"). */
void diag_print(const struct diag_list *dl, FILE *fp);
/* Frees the records and forgets the counts; dl itself stays usable (empty, same max).
 * Accepts NULL. */
void diag_clear(struct diag_list *dl);

#endif
