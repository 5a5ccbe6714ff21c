/* SPDX-License-Identifier: ISC */
/* The steps of the questionnaire and rules loaders that the content cache (content_cache.c)
 * takes too. A cached questionnaire or ruleset holds only what the files say; whatever is
 * derived from that (the id indexes, the parsed conditions) is rebuilt by these same
 * functions on both paths, so nothing derived is stored twice or forgotten by one of them. */
#ifndef SMPSCREEN_LOADER_H
#define SMPSCREEN_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"

/* As questionnaire_load and rules_load, from the bytes of path already read (text, without
 * a NUL inside) and their hex SHA-256: the cache hashes the very bytes that are loaded, so
 * a file changed between the two can never be stored under the other's hash, and a miss
 * does not hash them twice. */
int questionnaire_load_text(struct questionnaire **out, const char *path, const char *text,
    const char sha[65], struct diag_list *dl);
int rules_load_text(struct ruleset **out, const char *path, const char *text, const char sha[65],
    const struct questionnaire *qn, struct diag_list *dl);

/* Records question i in qn's index (made when missing). Returns the index of an earlier
 * question with the same id, or -1. */
long questionnaire_index_add(struct questionnaire *qn, size_t i);
/* Whether s is a questionnaire url the loader takes: absolute http(s) or urn:, without
 * spaces, '#' or '|'. */
bool questionnaire_valid_url(const char *s);
/* Parses every show_if of qn from its source, each seeing only the questions before it.
 * Problems go to dl as from file; suggested is the file's suggestion budget (may be NULL).
 * Returns the number of conditions that did not parse. */
size_t questionnaire_parse_conditions(struct questionnaire *qn, const char *file, size_t *suggested,
    struct diag_list *dl);
/* Parses rule i's `when` from its source against qn and rs's settings; owner names the rule
 * in messages. True when it parsed. */
bool rules_parse_when(struct ruleset *rs, size_t i, const struct questionnaire *qn,
    const char *file, const char *owner, size_t *suggested, struct diag_list *dl);

#endif
