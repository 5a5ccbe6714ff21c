/* SPDX-License-Identifier: ISC */
/* Staff PINs: crypt(3) hashes (yescrypt, or SHA-512-crypt) made and checked with libxcrypt,
 * and the guard that locks the PIN prompt after wrong tries. No terminal: the caller reads
 * the PIN. */
#ifndef SMPSCREEN_PIN_H
#define SMPSCREEN_PIN_H

#include <stdbool.h>

/* Wrong PINs in a row that lock the prompt, and for how long. */
#define PIN_TRIES 3
#define PIN_LOCK_SECONDS 60
/* A PIN is PIN_MIN_LEN..PIN_MAX_LEN printable ASCII characters. */
#define PIN_MIN_LEN 4
#define PIN_MAX_LEN 64

/* NULL when pin can be a staff PIN, else why not (static). */
const char *pin_unfit(const char *pin);
/* A new yescrypt hash of pin, with a fresh random salt. NULL (with *cause, static) when the
 * system cannot make one. Caller frees. */
char *pin_hash(const char *pin, const char **cause);
/* NULL when hash is a crypt(3) hash this system checks, of a kind fit for a PIN (yescrypt
 * "$y$" or SHA-512-crypt "$6$"), else why not (static). */
const char *pin_hash_unfit(const char *hash);
/* True when pin is the PIN of hash; compares in constant time. */
bool pin_matches(const char *hash, const char *pin);

/* Wrong tries and the lock; zero-initialise. Times are milliseconds of a monotonic clock. */
struct pin_guard {
	int wrong;              /* wrong PINs in a row */
	long long locked_until; /* 0: not locked */
};

enum pin_verdict { PIN_RIGHT, PIN_WRONG, PIN_LOCKED };

/* Tries pin against hash at time now. PIN_LOCKED (pin not even checked) while the lock
 * holds; the PIN_TRIES-th wrong PIN in a row locks for PIN_LOCK_SECONDS; a right one
 * clears the count. */
enum pin_verdict pin_guard_try(struct pin_guard *g, const char *hash, const char *pin,
    long long now);
/* Whole seconds (rounded up) until the lock ends; 0 when not locked. */
long pin_guard_locked_for(const struct pin_guard *g, long long now);

#endif
