/* SPDX-License-Identifier: ISC */
/* The rules file: settings declarations, the notes catalogue, refer targets and rules. */
#ifndef SMPSCREEN_RULES_H
#define SMPSCREEN_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/settings.h"

/* Ordered from least to most strict: comparisons use the enum order. */
enum level { LEVEL_SUITABLE, LEVEL_CAVEATS, LEVEL_REFER, LEVEL_DEFER, LEVEL_UNSUITABLE };
enum patch { PATCH_NOT_NEEDED, PATCH_RECOMMENDED, PATCH_REQUIRED };
enum note_group { NOTE_SAFETY, NOTE_EXPECTATION, NOTE_LOGISTICS };
enum come_back_kind { COME_BACK_NONE, COME_BACK_DATE, COME_BACK_CONDITION };
enum time_unit { UNIT_DAYS, UNIT_MONTHS, UNIT_YEARS };

struct note {
	char *id;
	enum note_group group;
	char *text;
	int line;
};

struct refer_target {
	char *id;
	char *label;
};

/* An entry of the bibliography that rules cite in `sources`. */
struct source {
	char *id;
	char *title;
	char *where; /* a path or address, may be NULL */
};

/* today + (setting - question) unit, or a condition text that may name setting.x. */
struct come_back {
	enum come_back_kind kind;
	long setting;  /* COME_BACK_DATE: setting index */
	long question; /* COME_BACK_DATE: question index */
	enum time_unit unit;
	char *condition; /* COME_BACK_CONDITION */
};

struct rule {
	char *id;
	char *when_src;
	struct expr *when;
	enum level level;
	enum patch patch;
	size_t *notes; /* note indices */
	size_t n_notes;
	size_t *refer_to; /* refer target indices */
	size_t n_refer_to;
	struct come_back come_back;
	char *reason; /* may be NULL for rules that only attach notes */
	char **sources;
	size_t n_sources;
	int line;
};

struct ruleset {
	char *id;
	int version;
	char *path;
	char sha256[65];
	struct setting_defs settings;
	struct note *notes; /* display order: safety, expectations, logistics */
	size_t n_notes;
	struct refer_target *targets;
	size_t n_targets;
	struct source *bibliography; /* when given, every rule's sources must resolve in it */
	size_t n_bibliography;
	struct rule *rules;
	size_t n_rules;
};

/* Loads and validates the rules file against qn. On success returns 0 and *out (caller
 * frees with rules_free); on failure -1, *out NULL, every problem in dl. */
int rules_load(struct ruleset **out, const char *path, const struct questionnaire *qn,
    struct diag_list *dl);
int rules_load_string(struct ruleset **out, const char *text, const char *name,
    const struct questionnaire *qn, struct diag_list *dl);
/* Accepts NULL and half-built rulesets. */
void rules_free(struct ruleset *rs);

const char *rules_level_name(enum level l);
const char *rules_patch_name(enum patch p);
const char *rules_note_group_name(enum note_group g);
const char *rules_time_unit_name(enum time_unit u);
/* 0 and *out on success, -1 for an unknown name. */
int rules_level_parse(const char *s, enum level *out);
int rules_patch_parse(const char *s, enum patch *out);

#endif
