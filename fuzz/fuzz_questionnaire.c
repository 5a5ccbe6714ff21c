/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: a questionnaire file, as `check` and every command read one (a clinic
 * may write its own). What loads must be whole: every question found again by its id (no
 * duplicate survives), every option by its value, and the FHIR export of it, which walks
 * every show_if, must read back as JSON. A fresh answers set over it is settled (every
 * show_if evaluated) and freed.
 * Seeds: the bundled questionnaire and those of tests/data (fuzz/run.sh).
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/report.h"
#include "smpscreen/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_questionnaire(const struct questionnaire *qn)
{
	const struct question *q;
	struct strbuf out = { 0 };
	struct answers *a;
	size_t i, k;

	for (i = 0; i < qn->n_questions; i++) {
		q = &qn->questions[i];
		if (questionnaire_find(qn, q->id) != (long)i)
			fuzz_fail("question '%s' (number %zu) is not found by its id", q->id, i);
		if (q->n_options > QUESTION_MAX_OPTIONS)
			fuzz_fail("question '%s' has %zu options", q->id, q->n_options);
		for (k = 0; k < q->n_options; k++)
			if (questionnaire_find_option(q, q->options[k].value) != (long)k)
				fuzz_fail("option '%s' of '%s' is not found by its value",
				    q->options[k].value, q->id);
		if (q->section >= qn->n_sections)
			fuzz_fail("question '%s' is in section %zu of %zu", q->id, q->section,
			    qn->n_sections);
	}
	report_write_fhir_questionnaire(&out, qn);
	if (!fuzz_json_valid(out.buf, out.len))
		fuzz_fail("the FHIR Questionnaire does not read back as JSON");
	sb_free(&out);
	a = answers_new(qn);
	answers_settle(a);
	answers_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn;
	char *text = fuzz_string(data, size);

	if (questionnaire_load_string(&qn, text, "fuzz.cfg", &dl) != 0) {
		if (diag_errors(&dl) == 0)
			fuzz_fail("questionnaire_load_string failed without saying why");
	} else {
		check_questionnaire(qn);
		questionnaire_free(qn);
	}
	diag_clear(&dl);
	free(text);
	return 0;
}
