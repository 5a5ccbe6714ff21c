/* SPDX-License-Identifier: ISC */
/* The text report's renderer, shared by the modules that write its sections (report_text.c,
 * report_review.c). Private to the core. */
#ifndef SMPSCREEN_REPORT_RENDER_H
#define SMPSCREEN_REPORT_RENDER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/report.h"

struct render {
	struct strbuf *out; /* the report is appended from out->len as it was (start) */
	size_t width;
	bool ascii;
	enum report_copy copy;
	const struct report_input *in;
	const struct ctext *tx;   /* in->tx, or an English view made for this report */
	struct report_toc *toc;   /* may be NULL */
	struct strbuf *fmt;       /* rr_putf's text, reused from call to call; may be NULL */
	struct report_memo *memo; /* may be NULL */
	size_t start;
	/* Lines of out between start and counted, for the table of contents. */
	size_t counted, lines;
	/* Something reached out that was not checked as clean (and ASCII, in ASCII mode):
	 * the whole report then goes through the final sanitising pass. */
	bool dirty;
};

/* Appends s wrapped at the report's width, sanitised, first line after first, the others
 * after indent. */
void rr_put(struct render *r, const char *s, const char *first, const char *indent);
void rr_putf(struct render *r, const char *first, const char *indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* As rr_put and rr_putf, for a text that is not a patient's: the program's, the
 * content's or the settings' (a heading, a note, a question, a setting, a rule's reason):
 * laid out once per batch (struct report_memo). */
void rr_text(struct render *r, const char *s, const char *first, const char *indent);
void rr_textf(struct render *r, const char *first, const char *indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends fmt with its arguments, as sb_printf would: the conversions reports use (%s,
 * %.Ns, %d, %u, %ld, %lu, %zu, %%) without going through vsnprintf, anything else through
 * it. */
void rr_format(struct strbuf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rr_vformat(struct strbuf *out, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Appends n copies of c. */
void rr_repeat(struct strbuf *out, char c, size_t n);
/* Notes that the next line is the heading of part (the table of contents). */
void rr_mark(struct render *r, enum report_part part);
/* title on its own lines, underlined with ch as wide as it is shown. */
void rr_heading(struct render *r, const char *title, char ch);
/* v in decimal, as "%lld" would write it. */
void rr_put_signed(struct strbuf *out, long long v);
/* Whether s, written as it is, is what the final pass would leave: clean, and in ASCII mode
 * ASCII. */
bool rr_clean_as_is(const struct render *r, const char *s);
/* A section: an empty line, its heading underlined, noted in the table of contents. */
void rr_section(struct render *r, enum report_part part, const char *title);
/* True for the patient's copy. */
bool rr_patient(const struct render *r);
/* A line to write on: label, then underscores to the report's width. */
void rr_rule_line(struct render *r, const char *label);

/* The consultant's review (clinic record): per changed answer what the patient said, what
 * the consultant recorded and why. Nothing without a review with changes. */
void rr_section_review(struct render *r);
/* The practitioner's decision: the recorded one beside the computed result, or boxes to
 * tick, then notes and signature. */
void rr_section_practitioner(struct render *r);
/* The clinic record's header: what the answers were screened under when saved, when that
 * is not what this report was screened under. */
void rr_saved_under(struct render *r);
/* The patient's copy: the consultant's decision, when one was recorded. */
void rr_patient_decision(struct render *r);

#endif
