/* SPDX-License-Identifier: ISC */
/* Golden cases: an answer file together with the outcome it must give, so that content
 * changes are checked against known results (`smpscreen check`). */
#ifndef SMPSCREEN_CASES_H
#define SMPSCREEN_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"

/* An expected set or list of ids; `given` is false when the case does not say. */
struct case_ids {
	bool given;
	size_t *items; /* indices into the ruleset's rules, notes or targets */
	size_t n;
	int line;
};

struct screening_case {
	char *path;
	char *title;
	int line; /* of the `case` group */
	struct date today;
	struct answers *answers;
	struct settings settings; /* the base settings with the case's overrides */
	bool has_suitability;
	enum level suitability;
	int suitability_line;
	bool has_patch;
	enum patch patch;
	int patch_line;
	struct case_ids fired;            /* rule indices, any order */
	struct case_ids notes;            /* note indices, in the expected display order */
	struct case_ids refer_to;         /* target indices, any order */
	struct case_ids defer_conditions; /* rule indices, any order */
	bool has_come_back;
	bool come_back_none; /* expected "none" */
	struct date come_back;
	int come_back_line;
};

/* Loads a case file (`questionnaire`, `case = { title; today; settings; expect }`, `answers`)
 * against qn and rs, starting from the settings in base (NULL: the rules' defaults, so that
 * golden cases mean the same on every machine). On success returns 0 and *out (caller frees
 * with cases_free); on failure -1 with every problem in dl. */
int cases_load(struct screening_case **out, const char *path, const struct questionnaire *qn,
    const struct ruleset *rs, const struct settings *base, struct diag_list *dl);
/* Screens the case and reports every difference from its expectation as an error at the
 * line of that expectation. Returns the number of differences. If oc is not NULL it receives
 * the outcome (caller frees with outcome_free). */
size_t cases_run(const struct screening_case *c, const struct ruleset *rs, struct diag_list *dl,
    struct outcome **oc);
/* Accepts NULL. */
void cases_free(struct screening_case *c);

#endif
