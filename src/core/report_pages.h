/* SPDX-License-Identifier: ISC */
/* Printed pages of a finished text report. Private to the core. */
#ifndef SMPSCREEN_REPORT_PAGES_H
#define SMPSCREEN_REPORT_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/strbuf.h"

/*
 * Cuts the text that follows start in out (finished, one line each) into pages of
 * page_lines lines, in place: page_lines - 2 lines of report, blank lines and "<label> -
 * page N of M"; every page but the first starts with a form feed. A page ends before a
 * heading or an item rather than inside one. The footer is in ASCII when ascii is set
 * (label is the report's own, already sanitised), and never wider than width: a label too
 * long for it (a translation can be) ends in "...".
 */
void report_paginate(struct strbuf *out, size_t start, size_t page_lines, const char *label,
    bool ascii, size_t width);

#endif
