/* SPDX-License-Identifier: ISC */
/* What a screening runs on: the questionnaire, its rules and the clinic's settings, loaded and
 * checked together, read-only afterwards and shared by every consultation of a run. */
#ifndef SMPSCREEN_CONTENT_H
#define SMPSCREEN_CONTENT_H

#include <stdbool.h>

#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"

struct content {
	struct questionnaire *qn; /* owned */
	struct ruleset *rs;       /* owned */
	struct settings st;       /* owned once st_ready */
	bool st_ready;
};

/* Loads the questionnaire, then the rules against it, then the clinic's settings file
 * (settings_path NULL: the rules' defaults). Every problem goes to dl; 0, or -1 with ct
 * holding whatever loaded (content_free frees it either way). */
int content_load(struct content *ct, const char *qn_path, const char *rs_path,
    const char *settings_path, struct diag_list *dl);
/* Frees what content_load loaded and leaves ct empty. Accepts an empty ct. */
void content_free(struct content *ct);

#endif
