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

/*
 * The order rule for single choices, so that a number key means the same on every page:
 * a question with a "yes" option lists it first (1 = Yes on every yes/no question); one
 * without "yes" that has a negative option ("no", "none", "never") lists the negative
 * first; any other list (a scale, kinds without a negative) is free. Adds one warning, at
 * the question's file and line, for each single choice that breaks the rule without an
 * option_order_reason, and for each reason recorded on a question that follows the rule
 * (a stale reason misleads the next editor). Needs no golden case. Returns the number of
 * warnings.
 */
size_t audit_option_order(const struct questionnaire *qn, struct diag_list *dl);

#endif
