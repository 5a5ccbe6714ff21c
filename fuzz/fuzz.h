/* SPDX-License-Identifier: ISC */
/* What every libFuzzer target shares: the bundled content, loaded once per process, and
 * the checks that turn a wrong result into a crash libFuzzer records. A target's input is
 * untrusted bytes; the checks abort() only on what must never happen whatever the input. */
#ifndef SMPSCREEN_FUZZ_H
#define SMPSCREEN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"

/* The bundled questionnaire and rules with their default settings: read-only after
 * fuzz_content_load, shared by every input of the process. */
struct fuzz_content {
	struct questionnaire *qn;
	struct ruleset *rs;
	struct settings st;
};

/* The screening date of every run: reports depend on it, so one date keeps them repeatable. */
extern const struct date fuzz_today;

/* Loads the bundled questionnaire and rules from $SMPSCREEN_DATADIR (else ./questionnaires,
 * the link every build directory has) into fc, or prints why not and exits: without them
 * no input means anything. Kept for the life of the process (LLVMFuzzerInitialize). */
void fuzz_content_load(struct fuzz_content *fc);

/* The path of file name in the source tree's tests/data ($SMP_TEST_DATA, else ./tests/data),
 * owned by the caller (free()). */
char *fuzz_test_data(const char *name);

/* The input as a C string, owned by the caller (free()). Loaders take text: bytes after a
 * NUL are dropped (the file readers refuse NUL bytes before parsing; tests/test_*.c cover
 * that). */
char *fuzz_string(const uint8_t *data, size_t size);

/* Prints "fuzz: finding: WHAT" with the input's context and aborts. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Whether the len bytes at s are what may reach a terminal or a printer: valid UTF-8 (only
 * ASCII when ascii), no control character but LF and, with form_feed, FF (a page break). */
bool fuzz_printable(const char *s, size_t len, bool ascii, bool form_feed);

/* Whether s (len bytes) is one valid JSON value (jansson reads it back). */
bool fuzz_json_valid(const char *s, size_t len);

#endif
