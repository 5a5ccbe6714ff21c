/* SPDX-License-Identifier: ISC */
/* Content audit: proofs, over the questionnaire, the rules and their golden cases, that the
 * content is sound (every rule can fire, every question can be shown, every note is used,
 * every rule cites a source, no unknown medical answer ends in "suitable"). */
#ifndef SMPSCREEN_AUDIT_H
#define SMPSCREEN_AUDIT_H

#include <stddef.h>

#include "smpscreen/cases.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"

/* Adds one error per problem found, at the file and line of the question, rule or note
 * concerned (the unknown-answer proof at the case's line). Returns the number of problems. */
size_t audit_content(const struct questionnaire *qn, const struct ruleset *rs,
    struct screening_case *const *cases, size_t n_cases, struct diag_list *dl);

#endif
