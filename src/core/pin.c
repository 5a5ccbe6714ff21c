/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/i18n.h"
#include "smpscreen/pin.h"
#include "smpscreen/xalloc.h"

/* struct crypt_data is 32 kB: too much for a stack that ASan also pads, and it holds the
 * PIN's hash state, so it is zeroed after each use. */
static struct crypt_data *
crypt_area(void)
{
	return xcalloc(1, sizeof(struct crypt_data));
}

static void
crypt_area_free(struct crypt_data *cd)
{
	explicit_bzero(cd, sizeof *cd);
	free(cd);
}

const char *
pin_unfit(const char *pin)
{
	size_t n = strlen(pin), i;

	if (n < PIN_MIN_LEN)
		return _("a PIN needs at least 4 characters");
	if (n > PIN_MAX_LEN)
		return _("a PIN has at most 64 characters");
	/* What any keyboard of the kiosk can type, whatever its layout or locale. */
	for (i = 0; i < n; i++)
		if ((unsigned char)pin[i] < 0x21 || (unsigned char)pin[i] > 0x7e)
			return _("a PIN is letters, digits and punctuation only (no spaces)");
	return NULL;
}

char *
pin_hash(const char *pin, const char **cause)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE], *hash = NULL;
	struct crypt_data *cd;

	/* NULL entropy: libxcrypt reads the system's random source itself. Cost 0: the
	 * method's default (yescrypt 5, a few tens of milliseconds). */
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof setting) == NULL) {
		*cause = _("the system cannot make a yescrypt salt");
		return NULL;
	}
	cd = crypt_area();
	if (crypt_r(pin, setting, cd) == NULL || cd->output[0] == '*')
		*cause = _("the system cannot make a yescrypt hash");
	else
		hash = xstrdup(cd->output);
	crypt_area_free(cd);
	return hash;
}

const char *
pin_hash_unfit(const char *hash)
{
	struct crypt_data *cd;
	bool ok;

	if (strncmp(hash, "$y$", 3) != 0 && strncmp(hash, "$6$", 3) != 0)
		return _("not a yescrypt ($y$) or SHA-512-crypt ($6$) hash; make one with "
		         "'smpscreen pin-hash'");
	/* A hash with a broken salt or length makes crypt fail ("*0" / "*1"), whatever the
	 * PIN: the kiosk could never be left. Hashing anything with it as the setting must
	 * give a hash of the same method back. */
	cd = crypt_area();
	ok = crypt_r("", hash, cd) != NULL && cd->output[0] != '*' &&
	    strlen(cd->output) == strlen(hash);
	crypt_area_free(cd);
	return ok ? NULL :
	            _("a malformed hash (this system's crypt(3) cannot check a PIN against it); "
	              "make one with 'smpscreen pin-hash'");
}

bool
pin_matches(const char *hash, const char *pin)
{
	struct crypt_data *cd = crypt_area();
	unsigned char diff = 0;
	size_t n = strlen(hash), i;
	bool ok = false;

	if (crypt_r(pin, hash, cd) != NULL && cd->output[0] != '*' && strlen(cd->output) == n) {
		/* Constant time: no early exit on the first differing byte. */
		for (i = 0; i < n; i++)
			diff |= (unsigned char)(cd->output[i] ^ hash[i]);
		ok = diff == 0;
	}
	crypt_area_free(cd);
	return ok;
}

enum pin_verdict
pin_guard_try(struct pin_guard *g, const char *hash, const char *pin, long long now)
{
	if (pin_guard_locked_for(g, now) > 0)
		return PIN_LOCKED;
	g->locked_until = 0;
	if (pin_matches(hash, pin)) {
		g->wrong = 0;
		return PIN_RIGHT;
	}
	if (++g->wrong >= PIN_TRIES) {
		g->wrong = 0;
		g->locked_until = now + PIN_LOCK_SECONDS * 1000LL;
	}
	return PIN_WRONG;
}

long
pin_guard_locked_for(const struct pin_guard *g, long long now)
{
	if (g->locked_until == 0 || now >= g->locked_until)
		return 0;
	return (long)((g->locked_until - now + 999) / 1000);
}
