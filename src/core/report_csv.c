/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "smpscreen/report.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * The CSV report: one row per answers file, for a spreadsheet or a clinic's records system.
 * RFC 4180: fields separated by commas, rows ended by CRLF, a field quoted when it holds a
 * comma, a double quote, CR or LF, and a quote inside a quoted field doubled. Values are the
 * contract's ids (option values, rule ids), never translated labels, as in the JSON report.
 *
 * A spreadsheet runs a cell that starts with = + - @ as a formula, and TAB or CR at the start
 * can smuggle one past a first check (OWASP, "CSV injection"). Free text and file names come
 * from whoever wrote the answers file, so any cell that starts with one of those characters
 * gets a single quote in front; the spreadsheet shows the text instead of running it.
 */

/* The columns before the answers, in order. */
static const char *const fixed_columns[] = { "source", "record_id", "date", "suitability",
	"patch_test", "refer_to", "come_back_after", "fired_rules", NULL };

/* Separates the values of one list cell (multi answers, refer targets, fired rules). */
#define LIST_SEP ";"

/* True for the questions that get a column: an info item never has an answer (contract §1,
 * rule 6). */
static bool
has_column(const struct question *q)
{
	return q->type != QTYPE_INFO;
}

/* What a spreadsheet may take for the start of a formula. */
static const char formula_start[] = "=+-@\t\r";

/* Appends one field: first says whether it starts the row (no comma before it). */
static void
field(struct strbuf *out, const char *s, bool first)
{
	char *clean = NULL;
	const char *lead;
	bool quote, guard;

	if (!first)
		sb_appendc(out, ',');
	/* Like the JSON report, only sanitised text leaves the program (a file name can hold
	 * an escape sequence); newlines are kept, and quoted below. */
	if (!text_is_clean(s, true))
		s = clean = text_sanitize(s, strlen(s), 0, true);
	/* Past leading blanks: sanitising turns a leading tab into a space, and spreadsheets
	 * skip spaces before a formula. strchr would also find the string's own NUL: test for
	 * the end first. */
	for (lead = s; *lead == ' '; lead++)
		;
	guard = *lead != '\0' && strchr(formula_start, *lead) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		sb_appendc(out, '"');
	if (guard)
		sb_appendc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			sb_appendc(out, '"');
		sb_appendc(out, *s);
	}
	if (quote)
		sb_appendc(out, '"');
	if (clean != NULL)
		explicit_bzero(clean, strlen(clean));
	free(clean);
}

/* An answer as one cell: option values, multi values joined by LIST_SEP in option order. */
static void
answer_cell(struct strbuf *cell, const struct question *q, const struct answer *v)
{
	size_t k;

	switch (v->kind) {
	case ANSWER_UNKNOWN:
		sb_append(cell, ANSWER_UNKNOWN_VALUE);
		break;
	case ANSWER_OPTION:
		sb_append(cell, q->options[v->num].value);
		break;
	case ANSWER_OPTIONS:
		for (k = 0; k < q->n_options; k++)
			if (v->set & (UINT64_C(1) << k)) {
				if (cell->len > 0)
					sb_append(cell, LIST_SEP);
				sb_append(cell, q->options[k].value);
			}
		break;
	case ANSWER_INTEGER:
		sb_printf(cell, "%ld", v->num);
		break;
	case ANSWER_TEXT:
		sb_append(cell, v->text != NULL ? v->text : "");
		break;
	case ANSWER_ABSENT:
		break;
	}
}

void
report_write_csv_header(struct strbuf *out, const struct questionnaire *qn)
{
	size_t i;

	for (i = 0; fixed_columns[i] != NULL; i++)
		field(out, fixed_columns[i], i == 0);
	for (i = 0; i < qn->n_questions; i++)
		if (has_column(&qn->questions[i]))
			field(out, qn->questions[i].id, false);
	sb_append(out, "\r\n");
}

void
report_write_csv_row(struct strbuf *out, const struct report_input *in)
{
	const struct outcome *oc = in->oc;
	const struct ruleset *rs = in->rs;
	const struct questionnaire *qn = in->qn;
	struct strbuf cell = { 0 };
	char id_buf[32], date[11];
	size_t i;

	field(out, in->answers_path != NULL ? in->answers_path : "", true);
	field(out, answers_record_id(in->ans, id_buf), false);
	date_format(oc->today, date);
	field(out, date, false);
	field(out, rules_level_name(oc->suitability), false);
	field(out, rules_patch_name(oc->patch), false);

	for (i = 0; i < oc->n_refer_to; i++)
		sb_printf(&cell, "%s%s", i > 0 ? LIST_SEP : "", rs->targets[oc->refer_to[i]].id);
	field(out, sb_str(&cell), false);
	sb_reset(&cell);

	if (oc->has_come_back)
		date_format(oc->come_back, date);
	field(out, oc->has_come_back ? date : "", false);

	for (i = 0; i < oc->n_fired; i++)
		sb_printf(&cell, "%s%s", i > 0 ? LIST_SEP : "", rs->rules[oc->fired[i].rule].id);
	field(out, sb_str(&cell), false);
	sb_reset(&cell);

	for (i = 0; i < qn->n_questions; i++) {
		if (!has_column(&qn->questions[i]))
			continue;
		answer_cell(&cell, &qn->questions[i], &in->ans->eff[i]);
		field(out, sb_str(&cell), false);
		sb_reset(&cell);
	}
	sb_append(out, "\r\n");
	sb_free(&cell);
}

/* The rescreen report's table (rescreen_report.c) quotes and guards its cells the same way. */
void
csv_field(struct strbuf *out, const char *s, bool first)
{
	field(out, s, first);
}
