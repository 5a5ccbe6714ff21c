/* SPDX-License-Identifier: ISC */
/* Reports of an outcome: text for people (72 columns, UTF-8 or ASCII), JSON, CSV and FHIR
 * R4. */
#ifndef SMPSCREEN_REPORT_H
#define SMPSCREEN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"
#include "smpscreen/ctext.h"
#include "smpscreen/outcome.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

struct report_input {
	const struct questionnaire *qn;
	const struct ruleset *rs;
	const struct ctext *tx; /* the texts in the report's language; NULL: as written */
	const struct settings *st;
	const struct answers *ans;
	const struct outcome *oc;
	const char *answers_path; /* the answers file the report names; NULL: none */
};

/* Two copies from one outcome. The clinic record keeps everything (rule ids, every answer,
 * settings, files, a practitioner's section); the patient's copy is in plain words and
 * holds nothing of the consultant-only questions, not even that a rule on them fired. */
enum report_copy { REPORT_COPY_CLINIC, REPORT_COPY_PATIENT };

/* Lines of a printed page, unless told otherwise. */
#define REPORT_PAGE_LINES 60

/* Fixed texts (headings, notes, questions, settings) laid out for one text report and
 * kept for the next: a batch lays each out once. It holds only texts of the program, the
 * content and the settings, never a patient's, but which of them were shown says something
 * of the reports written: for a batch, not for a consultation front end (a kiosk keeps
 * nothing of one patient for the next). */
struct report_memo;
/* Owned by the caller: report_memo_free. */
struct report_memo *report_memo_new(void);
/* Accepts NULL. */
void report_memo_free(struct report_memo *m);

struct report_opts {
	bool ascii;   /* only ASCII bytes in the output */
	size_t width; /* columns; 0 means 72 */
	enum report_copy copy;
	/* Lines per printed page: pages end with "page N of M" and the next starts with a form
	 * feed. 0: one long page (a screen). At least 20 otherwise. */
	size_t page_lines;
	/* Kept from report to report of a batch; NULL: none. The bytes are the same either
	 * way. */
	struct report_memo *memo;
};

/* The sections of the text report, in the order they are written; a copy leaves some out. */
enum report_part {
	REPORT_TITLE,
	REPORT_RESULT,   /* the clinic record's one-screen summary; the patient's result */
	REPORT_UNKNOWNS, /* clinic record, only when an answer is "not sure": a checklist */
	REPORT_WHY,
	REPORT_PATCH,
	REPORT_NOTES,
	REPORT_ANSWERS,
	REPORT_REVIEW,       /* clinic record, only for a reviewed consultation */
	REPORT_IGNORED,      /* clinic record, only when the answers file had answers to hidden
	                      * questions */
	REPORT_SETTINGS,     /* clinic record */
	REPORT_PRACTITIONER, /* clinic record: decision, notes, signature */
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

/* Appends the text report, the copy opts asks for; with toc not NULL (and no pages), also
 * says where each section starts. Same inputs give the same bytes. */
void report_write_text(struct strbuf *out, const struct report_input *in,
    const struct report_opts *opts);
void report_write_text_toc(struct strbuf *out, const struct report_input *in,
    const struct report_opts *opts, struct report_toc *toc);
/* A suitability or patch-test level in words, in the language of the program's messages
 * ("Suitable, with points to discuss"). */
const char *report_level_phrase(enum level l);
const char *report_patch_phrase(enum patch p);
/* Appends the JSON report (one object, keys in a fixed order, a final newline). */
void report_write_json(struct strbuf *out, const struct report_input *in);
/* Appends the same object as report_write_json on one line: a record of a JSON Lines file. */
void report_write_jsonl(struct strbuf *out, const struct report_input *in);
/* Appends the CSV header row for reports on questionnaire qn (RFC 4180, CRLF). */
void report_write_csv_header(struct strbuf *out, const struct questionnaire *qn);
/* Appends the CSV row of one report, in the columns of report_write_csv_header. */
void report_write_csv_row(struct strbuf *out, const struct report_input *in);
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
