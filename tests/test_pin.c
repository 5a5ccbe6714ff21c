/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/pin.h"

/*
 * Staff PINs: which PINs are allowed, the hashes made and accepted, and the guard that locks
 * the prompt. Times are milliseconds passed in, so the lock is tested without waiting.
 *
 * The literal hashes below are of the PIN "2468", made outside this program when the test
 * was written, so that a hash from another tool (or an older smpscreen) keeps working:
 *   yescrypt: python3 -c 'import crypt; print(crypt.crypt("2468",
 *             "$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$"))'
 *   SHA-512:  openssl passwd -6 -salt Nx0qM3bS7Pv2kLcd 2468
 *   MD5:      openssl passwd -1 -salt abcdefgh 2468 (a method too weak for a PIN)
 */
#define KNOWN_PIN "2468"
#define KNOWN_Y "$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8Bvtv6s5"
#define KNOWN_6                                                                                    \
	"$6$Nx0qM3bS7Pv2kLcd$XHZkvY.YWnrabKzo7t5cuvnkotqpsTqMsTSQI5KKcc01LaKei0evFlbwEmqGzO7T4."   \
	"UsK5Ld7DRNgK/asguq70"
#define KNOWN_1 "$1$abcdefgh$M1db1YTFHLvfwCR2Zg4B30"

/* A string of n copies of c, owned by the caller. */
static char *
repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	cr_assert_not_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* A fresh hash of pin that must be made. */
static char *
must_hash(const char *pin)
{
	const char *cause = NULL;
	char *h = pin_hash(pin, &cause);

	cr_assert_not_null(h, "pin_hash: %s", cause != NULL ? cause : "(no cause)");
	return h;
}

/* --- pin_unfit ----------------------------------------------------------------------------- */

Test(pin_unfit, length_limits)
{
	char *s;

	cr_expect_not_null(pin_unfit(""));
	cr_expect_not_null(pin_unfit("123"), "3 characters are too few");
	cr_expect_null(pin_unfit("1234"), "4 characters are enough");
	s = repeat('7', PIN_MAX_LEN);
	cr_expect_null(pin_unfit(s), "64 characters are allowed");
	free(s);
	s = repeat('7', PIN_MAX_LEN + 1);
	cr_expect_not_null(pin_unfit(s), "65 characters are too many");
	free(s);
	/* The message says why, with the limit, so staff know what to type instead. */
	cr_expect_not_null(strstr(pin_unfit("123"), "4"), "%s", pin_unfit("123"));
	s = repeat('7', 200);
	cr_expect_not_null(strstr(pin_unfit(s), "64"), "%s", pin_unfit(s));
	free(s);
}

Test(pin_unfit, printable_ascii_only)
{
	/* '!' (0x21) and '~' (0x7e) are the ends of what any keyboard layout can type. */
	cr_expect_null(pin_unfit("!~Az09"));
	cr_expect_null(pin_unfit("a1-B2_c3.D4"));
	cr_expect_not_null(pin_unfit("12 34"), "a space");
	cr_expect_not_null(pin_unfit(" 1234"), "a leading space");
	cr_expect_not_null(pin_unfit("1234\t"), "a tab");
	cr_expect_not_null(pin_unfit("12\17734"), "DEL");
	cr_expect_not_null(pin_unfit("12\n34"), "a newline");
	/* Non-ASCII depends on the keyboard's layout and the terminal's locale. */
	cr_expect_not_null(pin_unfit("12\303\2514"), "UTF-8 é");
	cr_expect_not_null(pin_unfit("\xe2\x82\xac\xe2\x82\xac"), "two euro signs (6 bytes)");
	cr_expect_not_null(pin_unfit("1234\xff"), "a stray high byte");
}

/* --- pin_hash and pin_matches -------------------------------------------------------------- */

Test(pin_hash, yescrypt_that_matches_only_its_pin)
{
	char *h = must_hash("2468");

	cr_expect_eq(strncmp(h, "$y$", 3), 0, "a yescrypt hash: %s", h);
	cr_expect_null(pin_hash_unfit(h), "%s: %s", h, pin_hash_unfit(h));
	cr_expect(pin_matches(h, "2468"));
	cr_expect_not(pin_matches(h, "2469"));
	cr_expect_not(pin_matches(h, "246"), "a prefix");
	cr_expect_not(pin_matches(h, "24680"), "a longer PIN");
	cr_expect_not(pin_matches(h, ""));
	free(h);
}

Test(pin_hash, two_hashes_of_one_pin_differ)
{
	char *a = must_hash("2468"), *b = must_hash("2468");

	/* A fresh salt each time: equal PINs must not show as equal hashes in two clinics'
	 * settings files. */
	cr_expect_str_neq(a, b);
	cr_expect(pin_matches(a, "2468"));
	cr_expect(pin_matches(b, "2468"));
	free(a);
	free(b);
}

Test(pin_hash, longest_pin_and_punctuation)
{
	char *pin = repeat('~', PIN_MAX_LEN), *h = must_hash(pin);

	cr_expect(pin_matches(h, pin));
	pin[PIN_MAX_LEN - 1] = '}';
	cr_expect_not(pin_matches(h, pin), "the last character counts");
	free(h);
	free(pin);
}

Test(pin_matches, known_hashes_from_other_tools)
{
	cr_expect(pin_matches(KNOWN_Y, KNOWN_PIN));
	cr_expect_not(pin_matches(KNOWN_Y, "8642"));
	cr_expect(pin_matches(KNOWN_6, KNOWN_PIN));
	cr_expect_not(pin_matches(KNOWN_6, "2467"));
}

Test(pin_matches, broken_hashes_match_nothing)
{
	/* Not even the hash's own text, nor the empty PIN. */
	cr_expect_not(pin_matches("", ""));
	cr_expect_not(pin_matches("", "2468"));
	cr_expect_not(pin_matches("2468", "2468"), "a plain-text 'hash'");
	cr_expect_not(pin_matches("*0", "2468"));
	cr_expect_not(pin_matches("$y$", "2468"));
	/* A hash cut short: crypt makes the whole hash, which is longer. */
	cr_expect_not(
	    pin_matches("$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8",
	        KNOWN_PIN));
	cr_expect_not(pin_matches("$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$", KNOWN_PIN), "the salt alone");
}

/* --- pin_hash_unfit ------------------------------------------------------------------------ */

Test(pin_hash_unfit, accepts_yescrypt_and_sha512_crypt)
{
	cr_expect_null(pin_hash_unfit(KNOWN_Y), "%s", pin_hash_unfit(KNOWN_Y));
	cr_expect_null(pin_hash_unfit(KNOWN_6), "%s", pin_hash_unfit(KNOWN_6));
}

Test(pin_hash_unfit, refuses_other_methods_and_plain_text)
{
	const char *bad[] = {
		KNOWN_1,
		/* Other methods' prefixes (SHA-256-crypt, bcrypt): only $y$ and $6$ are taken. */
		"$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZF4WyZg1.",
		"$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
		"2468",
		"plaintext",
		"",
		/* Shaped like traditional DES, which has no "$" at all. */
		"saEBlZeWvDtfk",
		/* the prefix is case-sensitive */
		"$Y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8Bvtv6s5",
	};
	const char *why;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		why = pin_hash_unfit(bad[i]);
		cr_expect_not_null(why, "'%s' accepted", bad[i]);
		/* The message tells staff how to make a good one. */
		if (why != NULL)
			cr_expect_not_null(strstr(why, "pin-hash"), "'%s': %s", bad[i], why);
	}
	why = pin_hash_unfit(KNOWN_1);
	cr_expect_not_null(strstr(why, "yescrypt"), "%s", why);
}

Test(pin_hash_unfit, refuses_malformed_yescrypt_and_sha512)
{
	/* Each of these starts right but crypt cannot check a PIN against it: the kiosk would
	 * lock its staff out. */
	const char *bad[] = {
		"$y$",
		"$y$$",
		"$y$j9T$",
		"$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$",
		/* the hash cut short by one character, and by half */
		"$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8Bvtv6s",
		"$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6",
		/* one character too many */
		"$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8Bvtv6s5A",
		/* parameters that are not yescrypt's */
		"$y$!!!$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8Bvtv6s5",
		"$y$j9T",
		"$6$",
		"$6$Nx0qM3bS7Pv2kLcd$",
		"$6$Nx0qM3bS7Pv2kLcd$XHZkvY."
		"YWnrabKzo7t5cuvnkotqpsTqMsTSQI5KKcc01LaKei0evFlbwEmqGzO7T4.",
		/* a line break pasted in with the hash */
		KNOWN_6 "\n",
	};
	const char *why;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		why = pin_hash_unfit(bad[i]);
		cr_expect_not_null(why, "'%s' accepted", bad[i]);
	}
}

/* --- pin_guard ----------------------------------------------------------------------------- */

/* One hash for the guard's tests: the known yescrypt one, so no test pays for hashing. */
#define H KNOWN_Y
#define RIGHT KNOWN_PIN
#define WRONG "0000"

Test(pin_guard, zeroed_guard_is_open)
{
	struct pin_guard g = { 0 };

	cr_expect_eq(pin_guard_locked_for(&g, 0), 0);
	cr_expect_eq(pin_guard_locked_for(&g, 123456789), 0);
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, 1000), PIN_RIGHT);
	cr_expect_eq(g.wrong, 0);
}

Test(pin_guard, a_right_pin_clears_the_wrong_count)
{
	struct pin_guard g = { 0 };
	long long t = 5000;

	cr_expect_eq(pin_guard_try(&g, H, WRONG, t), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t + 1), PIN_WRONG);
	cr_expect_eq(g.wrong, 2);
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, t + 2), PIN_RIGHT);
	cr_expect_eq(g.wrong, 0);
	/* Two more wrong ones do not lock: the count started again. */
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t + 3), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t + 4), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, t + 4), 0);
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, t + 5), PIN_RIGHT);
}

Test(pin_guard, three_wrong_lock_for_sixty_seconds)
{
	struct pin_guard g = { 0 };
	long long t = 1000000, lock_end = t + PIN_LOCK_SECONDS * 1000LL;
	long s;

	cr_assert_eq(PIN_TRIES, 3);
	cr_assert_eq(PIN_LOCK_SECONDS, 60);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t - 2000), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t - 1000), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, t - 1000), 0, "two wrong PINs do not lock");
	/* The third wrong one is itself answered as wrong, and locks from its own time. */
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, t), 60);

	/* Whole seconds, rounded up: 60 for the whole first second, 1 for the last. */
	cr_expect_eq(pin_guard_locked_for(&g, t + 1), 60);
	cr_expect_eq(pin_guard_locked_for(&g, t + 999), 60);
	cr_expect_eq(pin_guard_locked_for(&g, t + 1000), 59);
	cr_expect_eq(pin_guard_locked_for(&g, t + 1001), 59);
	for (s = 60; s >= 1; s--)
		cr_expect_eq(pin_guard_locked_for(&g, lock_end - s * 1000), s,
		    "%ld s before the end", s);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end - 1), 1);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end), 0);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end + 5000), 0);
}

Test(pin_guard, locked_even_for_the_right_pin)
{
	struct pin_guard g = { 0 };
	long long t = 42, lock_end = t + PIN_LOCK_SECONDS * 1000LL;
	int i;

	for (i = 0; i < PIN_TRIES; i++)
		cr_expect_eq(pin_guard_try(&g, H, WRONG, t), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, t + 1), PIN_LOCKED);
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, lock_end - 1), PIN_LOCKED);
	/* Tries while locked neither count nor make the lock longer. */
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t + 30000), PIN_LOCKED);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t + 30001), PIN_LOCKED);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, t + 30002), PIN_LOCKED);
	cr_expect_eq(pin_guard_locked_for(&g, t + 30002), 30);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end), 0);
	/* Once now reaches the end, the right PIN works at once. */
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, lock_end), PIN_RIGHT);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end), 0);
}

Test(pin_guard, after_a_lock_three_more_wrong_lock_again)
{
	struct pin_guard g = { 0 };
	long long t = 0, lock_end;
	int i;

	for (i = 0; i < PIN_TRIES; i++)
		pin_guard_try(&g, H, WRONG, t);
	lock_end = t + PIN_LOCK_SECONDS * 1000LL;
	cr_assert_eq(pin_guard_locked_for(&g, t), 60);
	/* The lock was the penalty for those three: one wrong PIN after it does not lock. */
	cr_expect_eq(pin_guard_try(&g, H, WRONG, lock_end), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end), 0);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, lock_end + 10), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end + 10), 0);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, lock_end + 20), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, lock_end + 20), 60, "the third locks again");
	cr_expect_eq(pin_guard_try(&g, H, RIGHT, lock_end + 21), PIN_LOCKED);
}

Test(pin_guard, wrong_pins_far_apart_still_count)
{
	struct pin_guard g = { 0 };

	/* "In a row" means with no right PIN between, however long apart: a guesser gains
	 * nothing by waiting. */
	cr_expect_eq(pin_guard_try(&g, H, WRONG, 0), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, 3600000), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, H, WRONG, 7200000), PIN_WRONG);
	cr_expect_eq(pin_guard_locked_for(&g, 7200000), 60);
}

Test(pin_guard, works_with_a_sha512_hash_too)
{
	struct pin_guard g = { 0 };

	cr_expect_eq(pin_guard_try(&g, KNOWN_6, WRONG, 10), PIN_WRONG);
	cr_expect_eq(pin_guard_try(&g, KNOWN_6, KNOWN_PIN, 20), PIN_RIGHT);
	cr_expect_eq(g.wrong, 0);
}
