/* SPDX-License-Identifier: ISC */
/*
 * smpscreen/ascii.h: every class is <ctype.h>'s in the "C" locale, for every byte and EOF,
 * and no byte from 0x80 up is in any class, whatever locale the process has taken (an 8-bit
 * one is tested end to end by tests/e2e_diag.sh, where a locale can be built).
 */
#include "config.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <locale.h>
#include <stdio.h>

#include "smpscreen/ascii.h"

/* Each helper beside its <ctype.h> namesake. */
static const struct {
	const char *name;
	bool (*ours)(int);
	int (*libc)(int);
} classes[] = {
	{ "lower", ascii_is_lower, islower },
	{ "upper", ascii_is_upper, isupper },
	{ "digit", ascii_is_digit, isdigit },
	{ "alpha", ascii_is_alpha, isalpha },
	{ "alnum", ascii_is_alnum, isalnum },
	{ "space", ascii_is_space, isspace },
	{ "print", ascii_is_print, isprint },
};

Test(ascii, classes_are_those_of_the_c_locale)
{
	size_t k;
	int c;

	cr_assert_not_null(setlocale(LC_ALL, "C"));
	for (k = 0; k < sizeof classes / sizeof classes[0]; k++)
		for (c = EOF; c <= 255; c++)
			cr_expect_eq(classes[k].ours(c), classes[k].libc(c) != 0, "%s(%d)",
			    classes[k].name, c);
}

Test(ascii, case_changes_are_those_of_the_c_locale)
{
	int c;

	cr_assert_not_null(setlocale(LC_ALL, "C"));
	for (c = EOF; c <= 255; c++) {
		cr_expect_eq(ascii_to_lower(c), tolower(c), "tolower(%d)", c);
		cr_expect_eq(ascii_to_upper(c), toupper(c), "toupper(%d)", c);
	}
}

/* The same in the locale a user would have: C.UTF-8 here (Debian always has it). */
Test(ascii, no_byte_from_0x80_is_in_a_class)
{
	size_t k;
	int c;

	setlocale(LC_ALL, "C.UTF-8");
	for (k = 0; k < sizeof classes / sizeof classes[0]; k++)
		for (c = 0x80; c <= 255; c++)
			cr_expect(!classes[k].ours(c), "%s(0x%x)", classes[k].name, c);
	for (c = 0x80; c <= 255; c++) {
		cr_expect_eq(ascii_to_lower(c), c);
		cr_expect_eq(ascii_to_upper(c), c);
	}
	setlocale(LC_ALL, "C");
}
