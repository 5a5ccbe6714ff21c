/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: a rules file against the bundled questionnaire, as `check` and every
 * screening read one (a clinic may write its own). What loads is used: its settings take
 * their defaults, it screens three fixed sets of answers (none, the typical consultation of
 * tests/data, every medical answer "not sure"), and each outcome is reported as text and
 * JSON. The outcome must stay within the file: levels and patch tests that exist, notes
 * and refer targets that the file lists, each once. The text is not checked for control
 * characters here: what a rules file may hold is the loader's to refuse, and a report of
 * hostile rules shows them as written (fuzz_answers checks the reports of the bundled
 * rules).
 * Seeds: the bundled rules and the rules files of tests/data (fuzz/run.sh).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fuzz_content fc;
/* No answers, tests/data/answers/typical.cfg, and "not sure" wherever it may be said. */
static struct answers *sets[3];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct answer unknown = { .kind = ANSWER_UNKNOWN };
	char *path = fuzz_test_data("answers/typical.cfg");
	struct diag_list dl = { 0 };
	size_t i;

	(void)argc;
	(void)argv;
	fuzz_content_load(&fc);
	sets[0] = answers_new(fc.qn);
	if (answers_load(&sets[1], path, fc.qn, &dl) != 0) {
		diag_print(&dl, stderr);
		fuzz_fail("cannot load %s (set SMP_TEST_DATA to the source tree's tests/data)",
		    path);
	}
	free(path);
	diag_clear(&dl);
	sets[2] = answers_new(fc.qn);
	for (i = 0; i < fc.qn->n_questions; i++)
		if (fc.qn->questions[i].allow_unknown && answers_is_shown(sets[2], i))
			answers_set(sets[2], i, &unknown);
	return 0;
}

static void
check_outcome(const struct ruleset *rs, const struct outcome *oc)
{
	size_t i;

	if (oc->suitability > LEVEL_UNSUITABLE || oc->patch > PATCH_REQUIRED)
		fuzz_fail("outcome level %d, patch test %d", (int)oc->suitability, (int)oc->patch);
	for (i = 0; i < oc->n_fired; i++)
		if (oc->fired[i].rule >= rs->n_rules)
			fuzz_fail("fired rule %zu of %zu", oc->fired[i].rule, rs->n_rules);
	for (i = 0; i < oc->n_notes; i++)
		if (oc->notes[i] >= rs->n_notes || (i > 0 && oc->notes[i] <= oc->notes[i - 1]))
			fuzz_fail("note %zu of %zu, out of catalogue order or twice", oc->notes[i],
			    rs->n_notes);
	for (i = 0; i < oc->n_refer_to; i++)
		if (oc->refer_to[i] >= rs->n_targets ||
		    (i > 0 && oc->refer_to[i] <= oc->refer_to[i - 1]))
			fuzz_fail("refer target %zu of %zu, out of order or twice", oc->refer_to[i],
			    rs->n_targets);
}

static void
screen(const struct ruleset *rs)
{
	struct report_opts opts = { .width = 72, .copy = REPORT_COPY_CLINIC };
	struct report_input in = { .qn = fc.qn, .rs = rs };
	struct strbuf out = { 0 };
	struct settings st;
	struct outcome *oc;
	size_t i;

	settings_init(&st, &rs->settings);
	in.st = &st;
	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		oc = outcome_compute(rs, sets[i], &st, fuzz_today);
		check_outcome(rs, oc);
		in.ans = sets[i];
		in.oc = oc;
		report_write_text(&out, &in, &opts);
		sb_reset(&out);
		report_write_json(&out, &in);
		if (!fuzz_json_valid(out.buf, out.len))
			fuzz_fail("the JSON report does not read back as JSON");
		sb_reset(&out);
		outcome_free(oc);
	}
	sb_free(&out);
	settings_free(&st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct ruleset *rs;
	char *text = fuzz_string(data, size);

	if (rules_load_string(&rs, text, "fuzz.cfg", fc.qn, &dl) != 0) {
		if (diag_errors(&dl) == 0)
			fuzz_fail("rules_load_string failed without saying why");
	} else {
		screen(rs);
		rules_free(rs);
	}
	diag_clear(&dl);
	free(text);
	return 0;
}
