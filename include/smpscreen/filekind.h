/* Telling the kinds of smpscreen file apart, for `smpscreen check FILE...`. */
#ifndef SMPSCREEN_FILEKIND_H
#define SMPSCREEN_FILEKIND_H

enum file_kind {
	FILE_KIND_UNKNOWN, /* unreadable, not libconfig, or none of the below */
	FILE_KIND_QUESTIONNAIRE,
	FILE_KIND_RULES,
	FILE_KIND_SETTINGS,
	FILE_KIND_ANSWERS,
};

/* Guesses the kind of path from its top-level names (sections, rules, answers, settings).
 * Problems are left for the loader of that kind to report. */
enum file_kind filekind_detect(const char *path);
const char *filekind_name(enum file_kind k);

#endif
