/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: an answers file, as `screen` and the wizard's resume read one, against
 * the bundled questionnaire and rules with the default settings. What loads is screened
 * (outcome_compute) and reported: the text report in both copies (the clinic's paged in
 * UTF-8, the patient's in ASCII), which must hold nothing a terminal or printer would
 * obey (controls, invalid UTF-8, bidi overrides), and the JSON and FHIR reports, which
 * must read back as JSON. Then the answers are written as the program saves them and read
 * back: the file must load, give the same answers, record and review, and write the same
 * bytes again. A file the program wrote that it cannot read back is a consultation lost.
 * Seeds: the answers files of tests/data and the golden cases (fuzz/run.sh).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "smpscreen/answer.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/review.h"
#include "smpscreen/strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fuzz_content fc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_content_load(&fc);
	return 0;
}

static bool
same_string(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static bool
same_answer(const struct answer *a, const struct answer *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case ANSWER_OPTION:
	case ANSWER_INTEGER:
		return a->num == b->num;
	case ANSWER_OPTIONS:
		return a->set == b->set;
	case ANSWER_TEXT:
		return same_string(a->text, b->text);
	case ANSWER_ABSENT:
	case ANSWER_UNKNOWN:
		break;
	}
	return true;
}

static bool
same_meta(const struct answers_meta *a, const struct answers_meta *b)
{
	return same_string(a->record_id, b->record_id) &&
	    same_string(a->created_at, b->created_at) && same_string(a->mode, b->mode) &&
	    same_string(a->consultant, b->consultant) &&
	    same_string(a->client_name, b->client_name) &&
	    same_string(a->client_reference, b->client_reference) &&
	    same_string(a->client_date_of_birth, b->client_date_of_birth) &&
	    a->questionnaire_version == b->questionnaire_version &&
	    same_string(a->questionnaire_sha256, b->questionnaire_sha256) &&
	    same_string(a->rules_id, b->rules_id) && a->rules_version == b->rules_version &&
	    same_string(a->rules_sha256, b->rules_sha256);
}

static bool
same_review(const struct review *a, const struct review *b)
{
	const struct review_change *x, *y;
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (!same_string(a->by, b->by) || !same_string(a->at, b->at) ||
	    a->n_changes != b->n_changes || a->decision.set != b->decision.set)
		return false;
	for (i = 0; i < a->n_changes; i++) {
		x = &a->changes[i];
		y = &b->changes[i];
		if (x->question != y->question || !same_answer(&x->from, &y->from) ||
		    !same_answer(&x->to, &y->to) || !same_string(x->reason, y->reason) ||
		    !same_string(x->at, y->at) || !same_string(x->by, y->by))
			return false;
	}
	return !a->decision.set ||
	    (a->decision.level == b->decision.level &&
	        same_string(a->decision.reason, b->decision.reason) &&
	        same_string(a->decision.at, b->decision.at) &&
	        same_string(a->decision.by, b->decision.by));
}

static void
check_reports(const struct answers *a)
{
	struct outcome *oc = outcome_compute(fc.rs, a, &fc.st, fuzz_today);
	struct report_input in = { .qn = fc.qn,
		.rs = fc.rs,
		.tx = NULL,
		.st = &fc.st,
		.ans = a,
		.oc = oc,
		.answers_path = "answers.cfg" };
	struct report_opts clinic = { .ascii = false,
		.width = 72,
		.copy = REPORT_COPY_CLINIC,
		.page_lines = REPORT_PAGE_LINES };
	struct report_opts patient = { .ascii = true, .width = 0, .copy = REPORT_COPY_PATIENT };
	struct strbuf out = { .secret = true };

	report_write_text(&out, &in, &clinic);
	if (!fuzz_printable(out.buf, out.len, false, true))
		fuzz_fail("the clinic's text report holds a control character or invalid UTF-8");
	sb_reset(&out);
	report_write_text(&out, &in, &patient);
	if (!fuzz_printable(out.buf, out.len, true, false))
		fuzz_fail("the patient's ASCII report holds a byte that is not printable ASCII");
	sb_reset(&out);
	report_write_json(&out, &in);
	if (!fuzz_json_valid(out.buf, out.len))
		fuzz_fail("the JSON report does not read back as JSON");
	sb_reset(&out);
	report_write_fhir(&out, &in);
	if (!fuzz_json_valid(out.buf, out.len))
		fuzz_fail("the FHIR report does not read back as JSON");
	sb_free(&out);
	outcome_free(oc);
}

/* Writes a as the program saves it, reads that back and checks that nothing changed. */
static void
check_round_trip(const struct answers *a)
{
	struct strbuf first = { .secret = true }, second = { .secret = true };
	struct diag_list dl = { 0 };
	struct answers *b;
	size_t i;

	answers_write(a, &first);
	if (answers_load_string(&b, sb_str(&first), "rewritten.cfg", fc.qn, &dl) != 0) {
		diag_print(&dl, stderr);
		fuzz_fail("the answers the program wrote do not load:\n%s", sb_str(&first));
	}
	for (i = 0; i < fc.qn->n_questions; i++)
		if (!same_answer(&a->eff[i], &b->eff[i]))
			fuzz_fail("the answer to '%s' changed on the way through the file",
			    fc.qn->questions[i].id);
	if (!same_meta(&a->meta, &b->meta))
		fuzz_fail("the record or client changed on the way through the file");
	if (!same_review(a->review, b->review))
		fuzz_fail("the review changed on the way through the file");
	answers_write(b, &second);
	if (first.len != second.len || memcmp(first.buf, second.buf, first.len) != 0)
		fuzz_fail("writing the answers read back gives other bytes:\n%s\n---\n%s",
		    sb_str(&first), sb_str(&second));
	answers_free(b);
	sb_free(&second);
	sb_free(&first);
	diag_clear(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct answers *a;
	char *text = fuzz_string(data, size);

	if (answers_load_string(&a, text, "fuzz.cfg", fc.qn, &dl) != 0) {
		if (diag_errors(&dl) == 0)
			fuzz_fail("answers_load_string failed without saying why");
		goto out;
	}
	check_reports(a);
	check_round_trip(a);
	answers_free(a);
out:
	diag_clear(&dl);
	free(text);
	return 0;
}
