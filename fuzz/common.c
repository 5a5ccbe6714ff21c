/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "smpscreen/diag.h"
#include "smpscreen/xalloc.h"

const struct date fuzz_today = { 2027, 1, 31 };

void
fuzz_content_load(struct fuzz_content *fc)
{
	struct diag_list dl = { 0 };
	const char *dir = getenv("SMPSCREEN_DATADIR");
	char *qn_path, *rs_path;
	int rc;

	if (dir == NULL || *dir == '\0')
		dir = "questionnaires";
	qn_path = xasprintf("%s/smp-consultation.cfg", dir);
	rs_path = xasprintf("%s/smp-rules.cfg", dir);
	rc = questionnaire_load(&fc->qn, qn_path, &dl);
	if (rc == 0)
		rc = rules_load(&fc->rs, rs_path, fc->qn, &dl);
	if (rc != 0) {
		diag_print(&dl, stderr);
		fprintf(stderr,
		    "fuzz: cannot load the bundled content from %s (set SMPSCREEN_DATADIR to the "
		    "source tree's questionnaires folder)\n",
		    dir);
		exit(1);
	}
	settings_init(&fc->st, &fc->rs->settings);
	diag_clear(&dl);
	free(qn_path);
	free(rs_path);
}

char *
fuzz_test_data(const char *name)
{
	const char *dir = getenv("SMP_TEST_DATA");

	return xasprintf("%s/%s", dir != NULL && *dir != '\0' ? dir : "tests/data", name);
}

char *
fuzz_string(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: finding: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/*
 * A decoder of its own, not text.c's: the check must not share a mistake with the code it
 * checks. Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), then
 * the characters text_sanitize promises to remove: C0 and C1 controls, DEL, and the bidi
 * overrides and isolates that make a line read otherwise than it says.
 */
bool
fuzz_printable(const char *str, size_t len, bool ascii, bool form_feed)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;
	uint32_t cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			if ((s[i] < 0x20 && s[i] != '\n' && !(form_feed && s[i] == '\f')) ||
			    s[i] == 0x7f)
				return false;
			i++;
			continue;
		}
		if (ascii)
			return false;
		if ((s[i] & 0xe0) == 0xc0) {
			n = 2;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 3;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 4;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return false;
		if (len - i < n)
			return false;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp <= 0x9f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return false;
		i += n;
	}
	return true;
}

bool
fuzz_json_valid(const char *s, size_t len)
{
	json_error_t err;
	json_t *j = json_loadb(s, len, JSON_DECODE_ANY, &err);

	if (j == NULL) {
		fprintf(stderr, "fuzz: JSON error at line %d column %d: %s\n", err.line, err.column,
		    err.text);
		return false;
	}
	json_decref(j);
	return true;
}
