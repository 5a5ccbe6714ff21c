/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "smpscreen/date.h"

static struct date
mk(int y, int m, int d)
{
	struct date dt = { y, m, d };

	return dt;
}

static struct date
parse(const char *s)
{
	struct date dt = { 0, 0, 0 };

	cr_assert_eq(date_parse(s, &dt), 0, "date_parse(\"%s\")", s);
	return dt;
}

/* Compares through the formatted form, so a failure shows both dates. */
static void
check(struct date got, const char *want, const char *what)
{
	char buf[11];

	date_format(got, buf);
	cr_assert_str_eq(buf, want, "%s: got %s, want %s", what, buf, want);
}

static void
check_days(const char *from, long n, const char *want)
{
	char what[64];

	snprintf(what, sizeof what, "%s %+ld days", from, n);
	check(date_add_days(parse(from), n), want, what);
}

static void
check_months(const char *from, long n, const char *want)
{
	char what[64];

	snprintf(what, sizeof what, "%s %+ld months", from, n);
	check(date_add_months(parse(from), n), want, what);
}

static void
check_years(const char *from, long n, const char *want)
{
	char what[64];

	snprintf(what, sizeof what, "%s %+ld years", from, n);
	check(date_add_years(parse(from), n), want, what);
}

/* --- date_parse -------------------------------------------------------------------------- */

Test(date, parse_null_and_empty)
{
	struct date dt = { 7, 7, 7 };

	cr_assert_eq(date_parse(NULL, &dt), -1);
	cr_assert_eq(date_parse("", &dt), -1);
	/* A failed parse leaves *out alone. */
	cr_assert_eq(dt.y, 7);
	cr_assert_eq(dt.m, 7);
	cr_assert_eq(dt.d, 7);
	/* NULL out: only validates. */
	cr_assert_eq(date_parse("2024-01-01", NULL), 0);
	cr_assert_eq(date_parse("2024-02-30", NULL), -1);
}

Test(date, parse_valid)
{
	struct date dt;

	cr_assert_eq(date_parse("2024-02-29", &dt), 0);
	cr_assert_eq(dt.y, 2024);
	cr_assert_eq(dt.m, 2);
	cr_assert_eq(dt.d, 29);
	dt = parse("0001-01-01");
	cr_assert(dt.y == 1 && dt.m == 1 && dt.d == 1);
	dt = parse("9999-12-31");
	cr_assert(dt.y == 9999 && dt.m == 12 && dt.d == 31);
	dt = parse("2000-02-29");
	cr_assert(dt.y == 2000 && dt.m == 2 && dt.d == 29);
	dt = parse("2023-04-30");
	cr_assert(dt.y == 2023 && dt.m == 4 && dt.d == 30);
}

Test(date, parse_rejects_malformed)
{
	static const char *const bad[] = { "2024-1-01", "2024-01-1", "24-01-01", "2024-01-01x",
		"2024-01-01 ", " 2024-01-01", "2024-01-01\n", "2024/01/01", "2024.01.01",
		"20240101", "2024-0a-01", "2024-01-0b", "+024-01-01", "-024-01-01", "2024--1-01",
		"2024-01-+1", "２０２４-01-01", "2024-01", "x", "----------" };
	struct date dt;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_eq(date_parse(bad[i], &dt), -1, "\"%s\" accepted", bad[i]);
}

Test(date, parse_rejects_days_that_do_not_exist)
{
	static const char *const bad[] = { "2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30",
		"2024-04-31", "2024-06-31", "2024-09-31", "2024-11-31", "2024-01-32", "2024-01-00",
		"2024-00-10", "2024-13-01", "2024-99-99", "0000-01-01" };
	struct date dt;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_eq(date_parse(bad[i], &dt), -1, "\"%s\" accepted", bad[i]);
}

/* --- calendar ---------------------------------------------------------------------------- */

Test(date, leap_years)
{
	cr_assert_not(date_is_leap(1900));
	cr_assert(date_is_leap(2000));
	cr_assert(date_is_leap(2024));
	cr_assert_not(date_is_leap(2023));
	cr_assert_not(date_is_leap(2100));
	cr_assert(date_is_leap(2400));
	cr_assert(date_is_leap(4));
	cr_assert_not(date_is_leap(1));
}

Test(date, days_in_month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m;

	for (m = 1; m <= 12; m++)
		cr_assert_eq(date_days_in_month(2023, m), days[m - 1], "month %d", m);
	cr_assert_eq(date_days_in_month(2024, 2), 29);
	cr_assert_eq(date_days_in_month(1900, 2), 28);
	cr_assert_eq(date_days_in_month(2000, 2), 29);
	cr_assert_eq(date_days_in_month(2024, 0), 0);
	cr_assert_eq(date_days_in_month(2024, 13), 0);
}

Test(date, format)
{
	char buf[11];

	memset(buf, 'x', sizeof buf);
	date_format(mk(2024, 3, 5), buf);
	cr_assert_str_eq(buf, "2024-03-05");
	date_format(mk(1, 1, 1), buf);
	cr_assert_str_eq(buf, "0001-01-01");
	date_format(mk(9999, 12, 31), buf);
	cr_assert_str_eq(buf, "9999-12-31");
	/* Fields too wide for the pattern give something date_parse() rejects. */
	date_format(mk(10000, 1, 1), buf);
	cr_assert_str_eq(buf, "0000-00-00");
	date_format(mk(-1, 1, 1), buf);
	cr_assert_str_eq(buf, "0000-00-00");
	date_format(mk(2024, 100, 1), buf);
	cr_assert_str_eq(buf, "0000-00-00");
	date_format(mk(INT_MIN, INT_MIN, INT_MAX), buf);
	cr_assert_str_eq(buf, "0000-00-00");
	cr_assert_eq(date_parse(buf, NULL), -1);
}

Test(date, format_parse_round_trip)
{
	struct date dt = mk(1899, 12, 1), back;
	char buf[11];
	int i;

	for (i = 0; i < 3000; i++, dt = date_add_days(dt, 17)) {
		date_format(dt, buf);
		back = parse(buf);
		cr_assert_eq(date_compare(dt, back), 0, "%s", buf);
	}
}

Test(date, today_is_the_local_date)
{
	struct date before, today, after;
	struct tm tm;
	time_t now;

	now = time(NULL);
	localtime_r(&now, &tm);
	before = mk(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	today = date_today();
	now = time(NULL);
	localtime_r(&now, &tm);
	after = mk(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	/* Midnight may pass between the calls. */
	cr_assert(date_compare(today, before) == 0 || date_compare(today, after) == 0);
	cr_assert_eq(date_days_in_month(today.y, today.m) >= today.d, 1);
}

/* --- date_add_days ----------------------------------------------------------------------- */

Test(date, add_days_simple)
{
	check_days("2024-05-10", 0, "2024-05-10");
	check_days("2024-05-10", 1, "2024-05-11");
	check_days("2024-01-31", 1, "2024-02-01");
	check_days("2024-04-30", 1, "2024-05-01");
	check_days("1970-01-01", 19723, "2024-01-01");
}

Test(date, add_days_leap_years)
{
	check_days("2024-02-28", 1, "2024-02-29");
	check_days("2024-02-28", 2, "2024-03-01");
	check_days("2023-02-28", 1, "2023-03-01");
	check_days("1900-02-28", 1, "1900-03-01");
	check_days("2000-02-28", 1, "2000-02-29");
	check_days("2024-01-01", 366, "2025-01-01");
	check_days("2023-01-01", 365, "2024-01-01");
}

Test(date, add_days_year_rollover)
{
	check_days("2024-12-31", 1, "2025-01-01");
	check_days("2024-12-25", 10, "2025-01-04");
	check_days("1999-12-31", 1, "2000-01-01");
	check_days("2024-05-10", 3650, "2034-05-08");
}

Test(date, add_days_negative)
{
	check_days("2025-01-01", -1, "2024-12-31");
	check_days("2024-03-01", -1, "2024-02-29");
	check_days("2023-03-01", -1, "2023-02-28");
	check_days("1900-03-01", -1, "1900-02-28");
	check_days("2024-01-01", -19723, "1970-01-01");
	check_days("1970-01-01", -1, "1969-12-31");
	check_days("0400-03-01", -1, "0400-02-29");
}

Test(date, add_days_matches_counting_one_by_one)
{
	struct date start = mk(1899, 12, 1), step = start, got, back;
	long i;

	for (i = 0; i < 80000; i++) {
		got = date_add_days(start, i);
		cr_assert_eq(date_compare(got, step), 0, "day %ld: %d-%d-%d vs %d-%d-%d", i, got.y,
		    got.m, got.d, step.y, step.m, step.d);
		back = date_add_days(got, -i);
		cr_assert_eq(date_compare(back, start), 0, "back from day %ld", i);
		if (++step.d > date_days_in_month(step.y, step.m)) {
			step.d = 1;
			if (++step.m > 12) {
				step.m = 1;
				step.y++;
			}
		}
	}
}

Test(date, add_days_saturates_at_the_ends)
{
	check_days("9999-12-31", 1, "9999-12-31");
	check_days("0001-01-01", -1, "0001-01-01");
	check_days("2024-05-10", LONG_MAX, "9999-12-31");
	check_days("2024-05-10", LONG_MIN, "0001-01-01");
	check(date_add_days(mk(INT_MAX, INT_MAX, INT_MAX), LONG_MAX), "9999-12-31", "huge");
	check(date_add_days(mk(INT_MIN, INT_MIN, INT_MIN), LONG_MIN), "0001-01-01", "tiny");
}

/* --- date_add_months / date_add_years ---------------------------------------------------- */

Test(date, add_months_contract_month_end)
{
	check_months("2027-01-31", 1, "2027-02-28");
	check_months("2024-01-31", 1, "2024-02-29");
	check_months("2024-03-31", 1, "2024-04-30");
	check_months("2024-08-31", 6, "2025-02-28");
	check_months("2024-05-31", 1, "2024-06-30");
	/* Clamping does not stick: the day comes from the start date each time. */
	check_months("2024-01-31", 2, "2024-03-31");
}

Test(date, add_months_plain)
{
	check_months("2024-05-10", 0, "2024-05-10");
	check_months("2024-05-10", 1, "2024-06-10");
	check_months("2024-05-10", 6, "2024-11-10");
	check_months("2024-05-10", 1200, "2124-05-10");
	check_months("1900-01-31", 1, "1900-02-28");
	check_months("2000-01-31", 1, "2000-02-29");
}

Test(date, add_months_year_rollover)
{
	check_months("2024-11-15", 2, "2025-01-15");
	check_months("2024-12-31", 1, "2025-01-31");
	check_months("2024-12-15", 12, "2025-12-15");
	check_months("2024-12-15", 13, "2026-01-15");
	check_months("2024-10-31", 4, "2025-02-28");
}

Test(date, add_months_negative)
{
	check_months("2024-03-31", -1, "2024-02-29");
	check_months("2023-03-31", -1, "2023-02-28");
	check_months("2024-01-15", -1, "2023-12-15");
	check_months("2024-01-15", -12, "2023-01-15");
	check_months("2024-01-15", -13, "2022-12-15");
	check_months("2024-05-31", -3, "2024-02-29");
}

Test(date, add_months_saturates)
{
	check_months("9999-12-15", 1, "9999-12-15");
	check_months("0001-01-15", -1, "0001-01-15");
	check_months("2024-05-10", LONG_MAX, "9999-12-10");
	check_months("2024-05-10", LONG_MIN, "0001-01-10");
}

Test(date, add_years)
{
	check_years("2024-02-29", 1, "2025-02-28");
	check_years("2024-02-29", 4, "2028-02-29");
	check_years("2024-02-29", -1, "2023-02-28");
	check_years("2000-02-29", 100, "2100-02-28");
	check_years("2023-06-15", 1, "2024-06-15");
	check_years("2023-12-31", 1, "2024-12-31");
	check_years("2023-06-15", 0, "2023-06-15");
	check_years("2023-06-15", -2023 + 1, "0001-06-15");
	/* Past the ends: the first or last month there is. */
	check_years("2023-06-15", LONG_MAX, "9999-12-15");
	check_years("2023-06-15", LONG_MIN, "0001-01-15");
}

Test(date, contract_formula_example)
{
	/* today + (setting - answer) months: a transplant 6 months ago, 12 to wait. */
	check(date_add_months(parse("2024-05-10"), 12 - 6), "2024-11-10", "come back");
	check(date_add_months(parse("2024-08-31"), 12 - 6), "2025-02-28", "come back, clamped");
}

/* --- date_compare ------------------------------------------------------------------------ */

Test(date, compare)
{
	cr_assert_eq(date_compare(mk(2024, 5, 10), mk(2024, 5, 10)), 0);
	cr_assert_lt(date_compare(mk(2024, 5, 10), mk(2024, 5, 11)), 0);
	cr_assert_gt(date_compare(mk(2024, 5, 11), mk(2024, 5, 10)), 0);
	cr_assert_lt(date_compare(mk(2024, 4, 30), mk(2024, 5, 1)), 0);
	cr_assert_gt(date_compare(mk(2025, 1, 1), mk(2024, 12, 31)), 0);
	cr_assert_lt(date_compare(mk(1999, 12, 31), mk(2000, 1, 1)), 0);
}
