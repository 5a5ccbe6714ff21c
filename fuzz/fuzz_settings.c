/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: a clinic's settings file over the bundled rules' settings, as every
 * command reads $sysconfdir/smpscreen/settings.cfg or --settings. A file that fails must
 * change nothing (the loader promises it); one that loads must leave every value within
 * what its rule setting declares and the "at least" constraints holding, and the clinic
 * report of a typical consultation under it must hold nothing a terminal or printer would
 * obey, whatever the clinic name says (the report sanitises what the file gives).
 * Seeds: the settings files of tests/data and etc/settings.cfg (fuzz/run.sh).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fuzz_content fc;
static struct answers *typical;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *path = fuzz_test_data("answers/typical.cfg");
	struct diag_list dl = { 0 };

	(void)argc;
	(void)argv;
	fuzz_content_load(&fc);
	if (answers_load(&typical, path, fc.qn, &dl) != 0) {
		diag_print(&dl, stderr);
		fuzz_fail("cannot load %s (set SMP_TEST_DATA to the source tree's tests/data)",
		    path);
	}
	free(path);
	diag_clear(&dl);
	return 0;
}

static bool
same_string(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static void
check_values(const struct settings *st)
{
	const struct setting_def *d;
	struct diag_list dl = { 0 };
	struct strbuf out = { 0 };
	size_t i;

	for (i = 0; i < st->defs->n; i++) {
		d = &st->defs->items[i];
		if ((d->type == SETTING_INTEGER &&
		        (st->values[i] < d->min || st->values[i] > d->max)) ||
		    (d->type == SETTING_ENUM &&
		        (st->values[i] < 0 || (size_t)st->values[i] >= d->n_values)) ||
		    (d->type == SETTING_BOOLEAN && st->values[i] != 0 && st->values[i] != 1))
			fuzz_fail("setting '%s' is %ld, which it cannot be", d->id, st->values[i]);
		settings_format_value(st, i, &out);
	}
	if (settings_check(st, "fuzz.cfg", &dl) != 0)
		fuzz_fail("a loaded settings file breaks an \"at least\" constraint");
	if (st->kiosk_idle_seconds < SETTINGS_KIOSK_IDLE_MIN ||
	    st->kiosk_idle_seconds > SETTINGS_KIOSK_IDLE_MAX)
		fuzz_fail("kiosk_idle_seconds is %ld", st->kiosk_idle_seconds);
	sb_free(&out);
	diag_clear(&dl);
}

static void
check_report(const struct settings *st)
{
	struct outcome *oc = outcome_compute(fc.rs, typical, st, fuzz_today);
	struct report_input in = { .qn = fc.qn, .rs = fc.rs, .st = st, .ans = typical, .oc = oc };
	struct report_opts opts = { .width = 72, .copy = REPORT_COPY_CLINIC };
	struct strbuf out = { 0 };

	report_write_text(&out, &in, &opts);
	if (!fuzz_printable(out.buf, out.len, false, false))
		fuzz_fail("the clinic report under these settings holds a control character or "
		          "invalid UTF-8");
	sb_free(&out);
	outcome_free(oc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct settings st;
	char *text = fuzz_string(data, size);
	size_t n = fc.rs->settings.n;

	settings_init(&st, &fc.rs->settings);
	if (settings_load_string(&st, text, "fuzz.cfg", &dl) != 0) {
		if (diag_errors(&dl) == 0)
			fuzz_fail("settings_load_string failed without saying why");
		if (memcmp(st.values, fc.st.values, n * sizeof *st.values) != 0 ||
		    !same_string(st.clinic_name, fc.st.clinic_name) ||
		    !same_string(st.report_dir, fc.st.report_dir) ||
		    !same_string(st.language, fc.st.language) ||
		    !same_string(st.staff_pin_hash, fc.st.staff_pin_hash) ||
		    st.kiosk_idle_seconds != fc.st.kiosk_idle_seconds ||
		    st.ask_client_identity != fc.st.ask_client_identity)
			fuzz_fail("a settings file that failed to load changed the settings");
	} else {
		check_values(&st);
		check_report(&st);
	}
	settings_free(&st);
	diag_clear(&dl);
	free(text);
	return 0;
}
