/* SPDX-License-Identifier: ISC */
/* One CSV cell as the CSV report writes it, for the core's other tables. Private to the
 * core. */
#ifndef SMPSCREEN_CSV_H
#define SMPSCREEN_CSV_H

#include <stdbool.h>

#include "smpscreen/strbuf.h"

/* Appends s as one RFC 4180 field (sanitised, quoted when it must be, a leading formula
 * character defused); first says whether it starts the row (no comma before it). */
void csv_field(struct strbuf *out, const char *s, bool first);

#endif
