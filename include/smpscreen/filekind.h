/* SPDX-License-Identifier: ISC */
/* Telling the kinds of smpscreen file apart, for `smpscreen check FILE...`. */
#ifndef SMPSCREEN_FILEKIND_H
#define SMPSCREEN_FILEKIND_H

enum file_kind {
	FILE_KIND_UNKNOWN, /* unreadable, not libconfig, or none of the below */
	FILE_KIND_QUESTIONNAIRE,
	FILE_KIND_RULES,
	FILE_KIND_SETTINGS,
	FILE_KIND_ANSWERS,
	FILE_KIND_CASE, /* answers with an expected outcome */
};

#include "smpscreen/diag.h"

/* Guesses the kind of path from its top-level names (sections, rules, case, answers, settings).
 * When the file cannot be read or parsed, or names none of those, says so in dl and returns
 * FILE_KIND_UNKNOWN; problems within a known kind are left to that kind's loader. */
enum file_kind filekind_detect(const char *path, struct diag_list *dl);

#endif
