/* SPDX-License-Identifier: ISC */
/* Building JSON output with jansson, for what is written once a run (the FHIR
 * Questionnaire, rescreen's report): every string sanitised on the way in, and running out of
 * memory handled as xmalloc does. The per-file reports are written with jw.h, which gives
 * the same bytes without a tree. Private to the core. */
#ifndef SMPSCREEN_JOUT_H
#define SMPSCREEN_JOUT_H

#include <jansson.h>
#include <stddef.h>

#include "smpscreen/strbuf.h"

/* Makes jansson zero what it frees (its copies of answers and names); call before building
 * any output. Idempotent. */
void jout_begin(void);
/* Aborts with a message: jansson ran out of memory. */
_Noreturn void jout_oom(void);
/* j, or abort with a message when jansson ran out of memory (j is NULL). */
json_t *jout_must(json_t *j);
/* A JSON string of s: sanitised (invalid UTF-8 and C0/C1 controls but "\n" replaced), since
 * json_string() refuses invalid UTF-8 and a C1 control would pass jansson's escaping into
 * whatever shows the output later. */
json_t *jout_str(const char *s);
/* jout_str(s), or null when s is NULL. */
json_t *jout_str_or_null(const char *s);
/* {"id", "version", "sha256"}: what names a questionnaire or rules file in every report. */
json_t *jout_ident(const char *id, int version, const char *sha256);
/* obj[key] = value (stolen). */
void jout_set(json_t *obj, const char *key, json_t *value);
/* Appends value (stolen) to arr. */
void jout_push(json_t *arr, json_t *value);
/* j dumped with flags; caller frees (and zeroes: it holds what j held). */
char *jout_dumps(const json_t *j, size_t flags);
/* Appends j dumped with flags and a newline to out; UTF-8 as is (the strings were sanitised
 * on the way in), keys in insertion order (jansson >= 2.8 keeps it). */
void jout_dump(struct strbuf *out, const json_t *j, size_t flags);

#endif
