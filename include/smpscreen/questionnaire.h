/* SPDX-License-Identifier: ISC */
/* The questionnaire: sections and questions loaded from a libconfig file and validated. */
#ifndef SMPSCREEN_QUESTIONNAIRE_H
#define SMPSCREEN_QUESTIONNAIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/diag.h"

struct expr;
struct idindex;

/* A multi answer is a bit set, so a question has at most this many options. */
#define QUESTION_MAX_OPTIONS 64
/* The reserved answer value for "not sure / prefer not to say". */
#define ANSWER_UNKNOWN_VALUE "unknown"

enum question_type { QTYPE_SINGLE, QTYPE_MULTI, QTYPE_INTEGER, QTYPE_TEXT, QTYPE_INFO };
enum audience { AUDIENCE_PATIENT, AUDIENCE_CONSULTANT };
/* How an "unknown" answer is treated by the rules (documentation; the rules decide). */
enum unknown_class { UNKNOWN_NONE, UNKNOWN_MEDICAL, UNKNOWN_PREFERENCE };

struct choice {
	char *value;        /* the contract id, compared by logic */
	char *label;        /* shown to people, translated at display time */
	char *illustration; /* small text picture, may be NULL */
};

struct question {
	char *id;
	enum question_type type;
	char *text;
	char *help; /* may be NULL */
	struct choice *options;
	size_t n_options;
	long min, max;     /* QTYPE_INTEGER */
	char *unit;        /* QTYPE_INTEGER, may be NULL */
	size_t max_length; /* QTYPE_TEXT, bytes */
	char *show_if_src; /* NULL: always shown */
	struct expr *show_if;
	bool required;
	bool allow_unknown;
	char *unknown_label; /* label of the "unknown" choice; NULL when not allowed */
	enum unknown_class unknown_class;
	enum audience audience;
	/* Why a single choice lists its options against the order rule (audit_option_order),
	 * e.g. a contract that fixes the order; NULL when it follows the rule. */
	char *option_order_reason;
	size_t section; /* index into questionnaire.sections */
	int line;       /* where the question starts in the file */
};

struct section {
	char *id;
	char *title;
};

struct questionnaire {
	char *id;
	int version;
	char *title;
	char *url; /* canonical URL (FHIR export); NULL when the file gives none */
	char *path;
	char sha256[65];
	struct section *sections;
	size_t n_sections;
	struct question *questions; /* in evaluation order */
	size_t n_questions;
	struct idindex *index; /* the questions by id, for questionnaire_find; may be NULL */
};

/* Loads and validates path. On success returns 0 and *out (caller frees with
 * questionnaire_free); on failure returns -1, *out NULL, and every problem is in dl. */
int questionnaire_load(struct questionnaire **out, const char *path, struct diag_list *dl);
/* As questionnaire_load, from text in memory; name is used in diagnostics. */
int questionnaire_load_string(struct questionnaire **out, const char *text, const char *name,
    struct diag_list *dl);
/* Accepts NULL and half-built questionnaires. */
void questionnaire_free(struct questionnaire *qn);
/* Index of the question with this id, or -1. */
long questionnaire_find(const struct questionnaire *qn, const char *id);
/* Index of the option with this value in q, or -1. */
long questionnaire_find_option(const struct question *q, const char *value);
const char *questionnaire_type_name(enum question_type t);

#endif
