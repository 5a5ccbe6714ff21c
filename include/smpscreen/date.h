/* SPDX-License-Identifier: ISC */
/* Calendar dates and the contract's month-end clamping arithmetic (proleptic Gregorian). */
#ifndef SMPSCREEN_DATE_H
#define SMPSCREEN_DATE_H

#include <stdbool.h>

struct date {
	int y, m, d; /* 1..12, 1..31 */
};

/* Parses exactly "YYYY-MM-DD" (year 1..9999) into *out; 0 on success, -1 if malformed or the
 * day does not exist. */
int date_parse(const char *s, struct date *out);
/* Writes "YYYY-MM-DD" and a NUL into buf (11 bytes). */
void date_format(struct date dt, char buf[11]);
/* Today's local date. */
struct date date_today(void);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
struct date date_add_days(struct date dt, long n);
/* Adds n calendar months; a day past the end of the target month becomes its last day. */
struct date date_add_months(struct date dt, long n);
/* Adds n years with the same clamping (29 February -> 28 February). */
struct date date_add_years(struct date dt, long n);
/* <0, 0, >0 like strcmp. */
int date_compare(struct date a, struct date b);

#endif
