/* SPDX-License-Identifier: ISC */
/* Reports of an outcome: text for people (72 columns, UTF-8 or ASCII), JSON and FHIR R4. */
#ifndef SMPSCREEN_REPORT_H
#define SMPSCREEN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"
#include "smpscreen/outcome.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

struct report_input {
	const struct questionnaire *qn;
	const struct ruleset *rs;
	const struct settings *st;
	const struct answers *ans;
	const struct outcome *oc;
	const char *answers_path; /* the answers file the report names; NULL: none */
};

struct report_opts {
	bool ascii;   /* only ASCII bytes in the output */
	size_t width; /* columns; 0 means 72 */
};

/* The sections of the text report, in the order they are written. */
enum report_part {
	REPORT_TITLE,
	REPORT_RESULT,
	REPORT_WHY,
	REPORT_PATCH,
	REPORT_NOTES,
	REPORT_ANSWERS,
	REPORT_UNKNOWNS, /* only when an answer is "not sure" */
	REPORT_IGNORED,  /* only when the answers file had answers to hidden questions */
	REPORT_SETTINGS,
	REPORT_N_PARTS
};

/* Where a section's heading stands in the text the report was appended to. */
struct report_section {
	enum report_part part;
	size_t line;   /* 0-based line of the heading, counted from where the report starts */
	size_t offset; /* its byte offset, likewise */
};

/* The sections a text report holds, for a reader that jumps between them. */
struct report_toc {
	struct report_section items[REPORT_N_PARTS];
	size_t n;
};

/* Appends the text report; with toc not NULL, also says where each section starts. Same
 * inputs give the same bytes. */
void report_write_text(struct strbuf *out, const struct report_input *in,
    const struct report_opts *opts);
void report_write_text_toc(struct strbuf *out, const struct report_input *in,
    const struct report_opts *opts, struct report_toc *toc);
/* Appends the JSON report (one object, keys in a fixed order, a final newline). */
void report_write_json(struct strbuf *out, const struct report_input *in);
/* Appends the FHIR R4 report: one Bundle (type collection) holding the QuestionnaireResponse
 * and the RiskAssessment, as a JSON object and a final newline. Same inputs give the same
 * bytes (the fullUrls are name-based UUIDs). */
void report_write_fhir(struct strbuf *out, const struct report_input *in);
/* Appends qn as one FHIR R4 Questionnaire resource (a JSON object and a final newline). */
void report_write_fhir_questionnaire(struct strbuf *out, const struct questionnaire *qn);
/* Appends, as one compact JSON object, the enableWhen (and enableBehavior) that say exactly
 * what the show_if of question q says, and returns true; returns false and appends nothing
 * when q has no show_if or R4 cannot say it (the export then carries the show-if text). */
bool report_fhir_enable_when(struct strbuf *out, const struct questionnaire *qn, size_t q);

#endif
