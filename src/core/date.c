/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "smpscreen/date.h"

/*
 * Every date the arithmetic returns lies in 0001-01-01..9999-12-31, the range date_parse()
 * accepts: an argument outside it, or naming a day its month does not have, is pulled in
 * first, and results saturate at the ends. A come-back date is at most a century away, so
 * the ends are never reached in practice, but a bad setting must not overflow an int or
 * print a year of five digits.
 */

#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999
/* Far enough to leave the range from anywhere inside it, small enough not to overflow. */
#define DATE_MAX_DAYS 4000000L
#define DATE_MAX_MONTHS 120000L

static long
clamp_long(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool
date_is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

static struct date
date_clamp(struct date dt)
{
	dt.y = (int)clamp_long(dt.y, DATE_MIN_YEAR, DATE_MAX_YEAR);
	dt.m = (int)clamp_long(dt.m, 1, 12);
	dt.d = (int)clamp_long(dt.d, 1, date_days_in_month(dt.y, dt.m));
	return dt;
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil; eras of 400 years). */
static long
days_from_civil(struct date dt)
{
	long y = dt.y - (dt.m <= 2), era, yoe, doy, doe;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (dt.m > 2 ? dt.m - 3 : dt.m + 9) + 2) / 5 + dt.d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static struct date
civil_from_days(long z)
{
	struct date dt;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

int
date_parse(const char *s, struct date *out)
{
	struct date dt;
	size_t i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	dt.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	dt.m = (s[5] - '0') * 10 + (s[6] - '0');
	dt.d = (s[8] - '0') * 10 + (s[9] - '0');
	if (dt.y < DATE_MIN_YEAR || dt.m < 1 || dt.m > 12 || dt.d < 1 ||
	    dt.d > date_days_in_month(dt.y, dt.m))
		return -1;
	if (out != NULL)
		*out = dt;
	return 0;
}

void
date_format(struct date dt, char buf[11])
{
	/* Fields that do not fit the pattern give a date that date_parse() rejects. */
	if (dt.y < 0 || dt.y > 9999 || dt.m < 0 || dt.m > 99 || dt.d < 0 || dt.d > 99)
		dt.y = dt.m = dt.d = 0;
	/* By hand: every report writes dates, and snprintf's reading of the format was most of
	 * what they cost. */
	buf[0] = (char)('0' + dt.y / 1000);
	buf[1] = (char)('0' + dt.y / 100 % 10);
	buf[2] = (char)('0' + dt.y / 10 % 10);
	buf[3] = (char)('0' + dt.y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + dt.m / 10);
	buf[6] = (char)('0' + dt.m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dt.d / 10);
	buf[9] = (char)('0' + dt.d % 10);
	buf[10] = '\0';
}

struct date
date_today(void)
{
	struct date dt = { 1970, 1, 1 };
	time_t now = time(NULL);
	struct tm tm;

	/* localtime_r() fails only for a time no struct tm can hold. */
	if (localtime_r(&now, &tm) != NULL) {
		dt.y = tm.tm_year + 1900;
		dt.m = tm.tm_mon + 1;
		dt.d = tm.tm_mday;
	}
	return dt;
}

struct date
date_add_days(struct date dt, long n)
{
	static const struct date first = { DATE_MIN_YEAR, 1, 1 }, last = { DATE_MAX_YEAR, 12, 31 };
	long z;

	z = days_from_civil(date_clamp(dt)) + clamp_long(n, -DATE_MAX_DAYS, DATE_MAX_DAYS);
	return civil_from_days(clamp_long(z, days_from_civil(first), days_from_civil(last)));
}

struct date
date_add_months(struct date dt, long n)
{
	long total;
	int dim;

	dt = date_clamp(dt);
	total = dt.y * 12L + (dt.m - 1) + clamp_long(n, -DATE_MAX_MONTHS, DATE_MAX_MONTHS);
	total = clamp_long(total, DATE_MIN_YEAR * 12L, DATE_MAX_YEAR * 12L + 11);
	dt.y = (int)(total / 12);
	dt.m = (int)(total % 12) + 1;
	dim = date_days_in_month(dt.y, dt.m);
	if (dt.d > dim)
		dt.d = dim;
	return dt;
}

struct date
date_add_years(struct date dt, long n)
{
	return date_add_months(dt, clamp_long(n, -DATE_MAX_MONTHS / 12, DATE_MAX_MONTHS / 12) * 12);
}

int
date_compare(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}
