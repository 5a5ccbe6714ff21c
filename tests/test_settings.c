/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "smpscreen/diag.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * The definitions come from tests/data/mini-rules.cfg:
 *   0 min_age 18 (16..21)          1 scar_maturity_months 12 (6..24)
 *   2 scar_prefer_months 18 (6..36, at least scar_maturity_months)
 *   3 patch_test_wait_hours 72     4 keloid_policy unsuitable|refer   5 always_patch_test false
 * Clinic files are inline text named "x.cfg".
 */
enum { S_MIN_AGE, S_SCAR, S_PREFER, S_PATCH_WAIT, S_KELOID, S_ALWAYS, N_MINI };

struct fixture {
	struct questionnaire *qn;
	struct ruleset *rs;
	struct settings s;
};

static void
setup(struct fixture *f)
{
	f->qn = test_mini_questionnaire();
	f->rs = test_mini_rules(f->qn);
	cr_assert_eq(f->rs->settings.n, N_MINI);
	settings_init(&f->s, &f->rs->settings);
}

static void
teardown(struct fixture *f)
{
	settings_free(&f->s);
	rules_free(f->rs);
	questionnaire_free(f->qn);
}

static char *
value_text(const struct settings *s, size_t i)
{
	struct strbuf sb = { 0 };

	settings_format_value(s, i, &sb);
	return sb_detach(&sb);
}

/* A snapshot of everything a clinic file can change. */
struct snapshot {
	long values[N_MINI];
	long kiosk;
	bool ask_client;
	char *clinic_name, *report_dir, *language, *path;
};

static struct snapshot
take(const struct settings *s)
{
	struct snapshot sn;

	memcpy(sn.values, s->values, sizeof sn.values);
	sn.kiosk = s->kiosk_idle_seconds;
	sn.ask_client = s->ask_client_identity;
	sn.clinic_name = s->clinic_name ? strdup(s->clinic_name) : NULL;
	sn.report_dir = s->report_dir ? strdup(s->report_dir) : NULL;
	sn.language = s->language ? strdup(s->language) : NULL;
	sn.path = s->path ? strdup(s->path) : NULL;
	return sn;
}

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Expects s to be exactly as in sn, then frees sn. */
static void
expect_unchanged(const struct settings *s, struct snapshot *sn, const char *what)
{
	size_t i;

	for (i = 0; i < N_MINI; i++)
		cr_expect_eq(s->values[i], sn->values[i], "%s: value %zu changed", what, i);
	cr_expect_eq(s->kiosk_idle_seconds, sn->kiosk, "%s: kiosk changed", what);
	cr_expect_eq(s->ask_client_identity, sn->ask_client, "%s: ask_client_identity changed",
	    what);
	cr_expect(same_str(s->clinic_name, sn->clinic_name), "%s: clinic_name changed", what);
	cr_expect(same_str(s->report_dir, sn->report_dir), "%s: report_dir changed", what);
	cr_expect(same_str(s->language, sn->language), "%s: language changed", what);
	cr_expect(same_str(s->path, sn->path), "%s: path changed", what);
	free(sn->clinic_name);
	free(sn->report_dir);
	free(sn->language);
	free(sn->path);
}

/* Loads text that must be refused; checks that nothing changed; returns the error count. */
static size_t
load_bad(struct settings *s, const char *text, struct diag_list *dl)
{
	struct snapshot sn = take(s);

	cr_expect_eq(settings_load_string(s, text, "x.cfg", dl), -1, "should be refused:\n%s",
	    text);
	expect_unchanged(s, &sn, text);
	return diag_errors(dl);
}

static void
load_good(struct settings *s, const char *text)
{
	struct diag_list dl = { 0 };
	char *msg;

	if (settings_load_string(s, text, "x.cfg", &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("should load:\n%s\n%s", text, msg);
	}
	cr_expect_eq(dl.n, 0);
	diag_clear(&dl);
}

/* --- NULL and edge inputs ---------------------------------------------------------------- */

Test(settings_edge, free_accepts_null_and_twice)
{
	struct fixture f;

	settings_free(NULL);
	settings_defs_free(NULL);
	setup(&f);
	load_good(&f.s,
	    "settings = { clinic_name = \"A\"; report_dir = \"/r\"; language = \"de\"; };");
	settings_free(&f.s);
	cr_expect_null(f.s.values);
	cr_expect_null(f.s.clinic_name);
	cr_expect_null(f.s.path);
	settings_free(&f.s); /* a second time is harmless */
	rules_free(f.rs);
	questionnaire_free(f.qn);
}

Test(settings_edge, find_on_null_and_empty_definitions)
{
	struct setting_defs none = { 0 };
	struct settings s;
	struct diag_list dl = { 0 };

	cr_expect_eq(settings_find(NULL, "min_age"), -1);
	cr_expect_eq(settings_find(&none, "min_age"), -1);
	settings_init(&s, &none);
	cr_expect_eq(s.defs, &none);
	cr_expect_eq(s.kiosk_idle_seconds, 300);
	cr_expect_eq(settings_check(&s, "x.cfg", &dl), 0);
	/* with no definitions, every name is unknown */
	cr_expect_eq(settings_load_string(&s, "settings = { min_age = 18; };", "x.cfg", &dl), -1);
	test_expect_diag(&dl, "x.cfg:1: error:", "unknown setting 'min_age'", NULL);
	diag_clear(&dl);
	settings_free(&s);
	settings_defs_free(&none);
}

Test(settings_edge, type_names)
{
	cr_expect_str_eq(settings_type_name(SETTING_INTEGER), "integer");
	cr_expect_str_eq(settings_type_name(SETTING_ENUM), "enum");
	cr_expect_str_eq(settings_type_name(SETTING_BOOLEAN), "boolean");
}

Test(settings_edge, empty_group_changes_nothing_but_the_path)
{
	struct fixture f;
	size_t i;

	setup(&f);
	load_good(&f.s, "settings = { };\n");
	for (i = 0; i < N_MINI; i++)
		cr_expect_eq(f.s.values[i], f.rs->settings.items[i].def);
	cr_expect_str_eq(f.s.path, "x.cfg");
	teardown(&f);
}

Test(settings_edge, missing_or_wrong_settings_group)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s, "", &dl), 1);
	test_expect_diag(&dl,
	    "x.cfg: error:", "expected a group: settings = { name = value; ... };", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "# a comment\nsettings = 3;\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:2: error:", "expected a group", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "setings = { min_age = 19; };\n", &dl), 2);
	test_expect_diag(&dl, "x.cfg:1: error:", "settings file", "unknown key 'setings'",
	    "(did you mean 'settings'?)", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "expected a group", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "settings = { min_age = 19; };\nextra = 1;\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:2: error:", "unknown key 'extra'", NULL);
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_edge, syntax_error_and_missing_file_change_nothing)
{
	struct fixture f;
	struct diag_list dl = { 0 };
	struct snapshot sn;

	setup(&f);
	cr_expect_eq(load_bad(&f.s, "settings = {\n  min_age = 19;\n  language = ;\n};\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:3: error:", "syntax error", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "settings = { min_age = 4294967315; };\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'4294967315' is too large", NULL);
	diag_clear(&dl);

	sn = take(&f.s);
	cr_expect_eq(settings_load_file(&f.s, "/nonexistent-dir/clinic.cfg", &dl), -1);
	expect_unchanged(&f.s, &sn, "missing file");
	test_expect_diag(&dl, "/nonexistent-dir/clinic.cfg: error:", "cannot read",
	    "No such file or directory", NULL);
	diag_clear(&dl);
	teardown(&f);
}

/* --- defaults and overrides -------------------------------------------------------------- */

Test(settings, init_takes_the_defaults)
{
	struct fixture f;
	static const long want[N_MINI] = { 18, 12, 18, 72, 0, 0 };
	size_t i;

	setup(&f);
	cr_expect_eq(f.s.defs, &f.rs->settings, "defs are borrowed");
	for (i = 0; i < N_MINI; i++)
		cr_expect_eq(f.s.values[i], want[i], "value %zu", i);
	cr_expect_null(f.s.clinic_name);
	cr_expect_null(f.s.report_dir);
	cr_expect_null(f.s.language);
	cr_expect_null(f.s.path);
	cr_expect_eq(f.s.kiosk_idle_seconds, 300);
	cr_expect(!f.s.ask_client_identity, "the client is not asked unless the clinic says so");
	cr_expect_eq(settings_find(f.s.defs, "min_age"), S_MIN_AGE);
	cr_expect_eq(settings_find(f.s.defs, "always_patch_test"), S_ALWAYS);
	cr_expect_eq(settings_find(f.s.defs, "clinic_name"), -1,
	    "clinic items are not rule settings");
	teardown(&f);
}

Test(settings, format_value_by_type)
{
	struct fixture f;
	static const char *const want[N_MINI] = { "18", "12", "18", "72", "unsuitable", "false" };
	char *t;
	size_t i;

	setup(&f);
	for (i = 0; i < N_MINI; i++) {
		t = value_text(&f.s, i);
		cr_expect_str_eq(t, want[i]);
		free(t);
	}
	load_good(&f.s,
	    "settings = { keloid_policy = \"refer\"; always_patch_test = true;\n"
	    "  min_age = 21; };\n");
	t = value_text(&f.s, S_KELOID);
	cr_expect_str_eq(t, "refer");
	free(t);
	t = value_text(&f.s, S_ALWAYS);
	cr_expect_str_eq(t, "true");
	free(t);
	t = value_text(&f.s, S_MIN_AGE);
	cr_expect_str_eq(t, "21");
	free(t);
	teardown(&f);
}

Test(settings, format_value_appends)
{
	struct fixture f;
	struct strbuf sb = { 0 };

	setup(&f);
	sb_append(&sb, "wait ");
	settings_format_value(&f.s, S_PATCH_WAIT, &sb);
	sb_append(&sb, " h");
	cr_expect_str_eq(sb_str(&sb), "wait 72 h");
	sb_free(&sb);
	teardown(&f);
}

Test(settings, clinic_file_overrides_every_kind)
{
	struct fixture f;

	setup(&f);
	load_good(&f.s,
	    "settings = {\n"
	    "  min_age = 21;\n"
	    "  scar_maturity_months = 6;\n"
	    "  keloid_policy = \"refer\";\n"
	    "  always_patch_test = true;\n"
	    "  clinic_name = \"Clinique Étoile\";\n"
	    "  report_dir = \"/srv/smp/reports\";\n"
	    "  kiosk_idle_seconds = 45;\n"
	    "  language = \"fr\";\n"
	    "};\n");
	cr_expect_eq(f.s.values[S_MIN_AGE], 21);
	cr_expect_eq(f.s.values[S_SCAR], 6);
	cr_expect_eq(f.s.values[S_PREFER], 18, "not in the file: unchanged");
	cr_expect_eq(f.s.values[S_PATCH_WAIT], 72);
	cr_expect_eq(f.s.values[S_KELOID], 1);
	cr_expect_eq(f.s.values[S_ALWAYS], 1);
	cr_expect_str_eq(f.s.clinic_name, "Clinique Étoile");
	cr_expect_str_eq(f.s.report_dir, "/srv/smp/reports");
	cr_expect_eq(f.s.kiosk_idle_seconds, 45);
	cr_expect_str_eq(f.s.language, "fr");
	cr_expect_str_eq(f.s.path, "x.cfg");

	/* a second file applies over the first; what it does not name stays */
	load_good(&f.s, "settings = { always_patch_test = false; clinic_name = \"B\"; };\n");
	cr_expect_eq(f.s.values[S_ALWAYS], 0);
	cr_expect_eq(f.s.values[S_MIN_AGE], 21);
	cr_expect_str_eq(f.s.clinic_name, "B");
	cr_expect_str_eq(f.s.language, "fr");
	teardown(&f);
}

Test(settings, clinic_file_fixture)
{
	struct fixture f;
	struct diag_list dl = { 0 };
	char *path = test_data_path("unit/clinic-settings.cfg");

	setup(&f);
	cr_assert_eq(settings_load_file(&f.s, path, &dl), 0);
	cr_expect_eq(dl.n, 0);
	cr_expect_eq(f.s.values[S_MIN_AGE], 16);
	cr_expect_eq(f.s.values[S_SCAR], 24);
	cr_expect_eq(f.s.values[S_PREFER], 36);
	cr_expect_eq(f.s.values[S_PATCH_WAIT], 168);
	cr_expect_eq(f.s.values[S_KELOID], 1);
	cr_expect_eq(f.s.values[S_ALWAYS], 1);
	cr_expect_str_eq(f.s.clinic_name, "Northside SMP Clinic");
	cr_expect_eq(f.s.kiosk_idle_seconds, 86400);
	cr_expect_str_eq(f.s.path, path);
	diag_clear(&dl);
	free(path);
	teardown(&f);
}

Test(settings, range_ends_are_inclusive)
{
	struct fixture f;

	setup(&f);
	load_good(&f.s, "settings = { min_age = 16; kiosk_idle_seconds = 30; };");
	cr_expect_eq(f.s.values[S_MIN_AGE], 16);
	cr_expect_eq(f.s.kiosk_idle_seconds, 30);
	load_good(&f.s, "settings = { min_age = 21; kiosk_idle_seconds = 86400; };");
	cr_expect_eq(f.s.values[S_MIN_AGE], 21);
	cr_expect_eq(f.s.kiosk_idle_seconds, 86400);
	teardown(&f);
}

/* --- errors: reported, never clamped, nothing changed ------------------------------------- */

Test(settings_errors, out_of_range_is_an_error_not_a_clamp)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	load_good(&f.s, "settings = { min_age = 20; clinic_name = \"Before\"; };");
	/* the valid lines around the bad one must not be applied either */
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  scar_maturity_months = 7;\n"
	                 "  min_age = 22;\n"
	                 "  clinic_name = \"After\";\n"
	                 "  always_patch_test = true;\n"
	                 "};\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "setting 'min_age' is 22",
	    "outside its allowed range 16..21", NULL);
	cr_expect_eq(f.s.values[S_MIN_AGE], 20);
	cr_expect_eq(f.s.values[S_SCAR], 12);
	cr_expect_str_eq(f.s.clinic_name, "Before");
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "settings = { min_age = 15; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "setting 'min_age' is 15", "16..21", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "settings = {\n  patch_test_wait_hours = -1; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg:2: error:", "'patch_test_wait_hours' is -1", "24..168", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(&f.s, "settings = {\n\n  kiosk_idle_seconds = 29; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg:3: error:", "'kiosk_idle_seconds' is 29", "outside 30..86400",
	    NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad(&f.s, "settings = { kiosk_idle_seconds = 86401; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'kiosk_idle_seconds' is 86401", NULL);
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, unknown_name_with_suggestion)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  min_aeg = 19;\n"
	                 "  clinic_nmae = \"C\";\n"
	                 "  colour_scheme = \"dark\";\n"
	                 "};\n",
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:2: error:", "unknown setting 'min_aeg'",
	    "(did you mean 'min_age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown setting 'clinic_nmae'",
	    "(did you mean 'clinic_name'?)", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "unknown setting 'colour_scheme'", NULL);
	cr_expect_null(strstr(dl.items[2].msg, "did you mean"));
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, wrong_types)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  min_age = \"18\";\n"
	                 "  scar_maturity_months = 12.0;\n"
	                 "  always_patch_test = \"yes\";\n"
	                 "  keloid_policy = 1;\n"
	                 "  clinic_name = 3;\n"
	                 "  kiosk_idle_seconds = \"60\";\n"
	                 "  language = \"\";\n"
	                 "  report_dir = \"/a\\n/b\";\n"
	                 "  patch_test_wait_hours = [ 72 ];\n"
	                 "};\n",
	                 &dl),
	    9);
	test_expect_diag(&dl, "x.cfg:2: error:", "setting 'min_age' must be an integer (16..21)",
	    NULL);
	test_expect_diag(&dl,
	    "x.cfg:3: error:", "'scar_maturity_months' must be an integer (6..24)", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "'always_patch_test' must be true or false", NULL);
	test_expect_diag(&dl,
	    "x.cfg:5: error:", "'keloid_policy' must be one of: unsuitable, refer", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "'clinic_name' must be a string", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "'kiosk_idle_seconds' must be an integer", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "'language' must be one non-empty line", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "'report_dir' must be one non-empty line", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "'patch_test_wait_hours' must be an integer",
	    NULL);
	diag_clear(&dl);
	teardown(&f);
}

/* libconfig reads 48L as a 64-bit integer; answers and rules accept those, so should this. */
Test(settings_errors, long_suffix_integer_is_an_integer)
{
	struct fixture f;
	struct diag_list dl = { 0 };
	char *msg;

	setup(&f);
	if (settings_load_string(&f.s, "settings = { patch_test_wait_hours = 48L; };", "x.cfg",
	        &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_expect_fail("48L should be read as 48:\n%s", msg);
		free(msg);
	} else
		cr_expect_eq(f.s.values[S_PATCH_WAIT], 48);
	diag_clear(&dl);
	/* beyond 32 bits it is still refused, as out of range */
	cr_expect_eq(load_bad(&f.s, "settings = { patch_test_wait_hours = 4294967368L; };", &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:1: error:", "patch_test_wait_hours", NULL);
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, enum_value_with_suggestion)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s, "settings = {\n  keloid_policy = \"refr\";\n};\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:2: error:", "setting 'keloid_policy' cannot be 'refr'",
	    "(did you mean 'refer'?)", NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad(&f.s, "settings = { keloid_policy = \"sometimes\"; };\n", &dl), 1);
	test_expect_diag(&dl,
	    "x.cfg:1: error:", "'keloid_policy' must be one of: unsuitable, refer", NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad(&f.s, "settings = { keloid_policy = \"REFER\"; };\n", &dl), 1,
	    "values are case-sensitive");
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, at_least_constraint_names_both)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	/* scar_prefer_months (18 by default) must stay >= scar_maturity_months */
	load_good(&f.s, "settings = { scar_prefer_months = 12; };"); /* equal is fine */
	cr_expect_eq(f.s.values[S_PREFER], 12);
	load_good(&f.s, "settings = { scar_prefer_months = 18; };");

	cr_expect_eq(load_bad(&f.s, "settings = { scar_prefer_months = 11; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg", "error:", "setting 'scar_prefer_months' is 11",
	    "must be at least 'scar_maturity_months' (12)", NULL);
	diag_clear(&dl);

	/* raising the other one breaks it too */
	cr_expect_eq(load_bad(&f.s, "settings = { scar_maturity_months = 20; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg", "error:", "'scar_prefer_months' is 18",
	    "'scar_maturity_months' (20)", NULL);
	diag_clear(&dl);

	/* both in one file, consistent: fine */
	load_good(&f.s, "settings = { scar_maturity_months = 20; scar_prefer_months = 30; };");
	cr_expect_eq(f.s.values[S_SCAR], 20);
	cr_expect_eq(f.s.values[S_PREFER], 30);
	teardown(&f);
}

/* "Every error names file and line": a broken constraint points at the setting in the file. */
Test(settings_errors, at_least_constraint_has_a_line)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	load_bad(&f.s, "# clinic\nsettings = {\n  scar_prefer_months = 11;\n};\n", &dl);
	test_expect_diag(&dl, "x.cfg:3: error:", "'scar_prefer_months' is 11", NULL);
	diag_clear(&dl);
	load_bad(&f.s, "# clinic\nsettings = {\n\n  scar_maturity_months = 20;\n};\n", &dl);
	test_expect_diag(&dl, "x.cfg:4: error:", "'scar_prefer_months' is 18", NULL);
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, check_directly)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(settings_check(&f.s, "x.cfg", &dl), 0);
	cr_expect_eq(dl.n, 0);
	f.s.values[S_PREFER] = 5;
	cr_expect_eq(settings_check(&f.s, NULL, &dl), -1);
	test_expect_diag(&dl, "smpscreen: error:", "setting 'scar_prefer_months' is 5",
	    "at least 'scar_maturity_months' (12)", NULL);
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, every_error_in_one_run)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  min_age = 99;\n"
	                 "  keloid_polcy = \"refer\";\n"
	                 "  always_patch_test = 1;\n"
	                 "  keloid_policy = \"maybe\";\n"
	                 "  kiosk_idle_seconds = 1;\n"
	                 "};\n",
	                 &dl),
	    5);
	test_expect_diag(&dl, "x.cfg:2: error:", "'min_age' is 99", NULL);
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown setting 'keloid_polcy'",
	    "(did you mean 'keloid_policy'?)", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "'always_patch_test' must be true or false", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "'keloid_policy'", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "'kiosk_idle_seconds' is 1", NULL);
	diag_clear(&dl);
	teardown(&f);
}

/* The bundled rules declare three "at least" pairs (domain/questions.md §6). */
Test(settings, bundled_constraints)
{
	static const struct {
		const char *text;
		bool ok;
	} cases[] = {
		{ "settings = { post_transplant_defer_months = 12; };", true },
		{ "settings = { post_transplant_defer_months = 12; post_transplant_prefer_months = "
		  "11; "
		  "};",
		    false },
		{ "settings = { post_transplant_prefer_months = 5; };", false },
		{ "settings = { isotretinoin_wait_months = 12; };", true },
		{ "settings = { isotretinoin_caveat_months = 5; };", false },
		{ "settings = { chemo_wait_months = 12; };", true },
		{ "settings = { chemo_wait_months = 8; chemo_clearance_months = 7; };", false },
		{ "settings = { chemo_wait_months = 12; chemo_clearance_months = 11; };", false },
		{ "settings = { psoriasis_policy = \"refer\"; pigment_allergy_policy = \"refer\"; "
		  "};",
		    true },
		{ "settings = { aa_stable_months = 13; };", false },
		{ "settings = { laser_wait_days = 29; };", false },
		{ "settings = { laser_wait_days = 180; tan_wait_days = 28; };", true },
	};
	struct questionnaire *qn = NULL;
	struct ruleset *rs = NULL;
	struct diag_list dl = { 0 };
	struct settings s;
	char *qp = test_data_path("../../questionnaires/smp-consultation.cfg");
	char *rp = test_data_path("../../questionnaires/smp-rules.cfg");
	size_t i;
	int rc;

	cr_assert_eq(questionnaire_load(&qn, qp, &dl), 0);
	cr_assert_eq(rules_load(&rs, rp, qn, &dl), 0);
	cr_assert_eq(rs->settings.n, 19);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		settings_init(&s, &rs->settings);
		rc = settings_load_string(&s, cases[i].text, "x.cfg", &dl);
		cr_expect_eq(rc, cases[i].ok ? 0 : -1, "%s", cases[i].text);
		cr_expect_eq(diag_errors(&dl), cases[i].ok ? 0 : 1, "%s", cases[i].text);
		diag_clear(&dl);
		settings_free(&s);
	}
	rules_free(rs);
	questionnaire_free(qn);
	free(qp);
	free(rp);
}

/* --- staff_pin_hash: a hash the kiosk can check, or the file is refused ------------------- */

/* Of the PIN "2468" (see tests/test_pin.c for how they were made). */
#define HASH_Y "$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCwxRHzIq5Sz6dt968edAr7YrFGriw8Bvtv6s5"
#define HASH_6                                                                                     \
	"$6$Nx0qM3bS7Pv2kLcd$XHZkvY.YWnrabKzo7t5cuvnkotqpsTqMsTSQI5KKcc01LaKei0evFlbwEmqGzO7T4."   \
	"UsK5Ld7DRNgK/asguq70"

Test(settings, staff_pin_hash_accepted)
{
	struct fixture f;

	setup(&f);
	cr_expect_null(f.s.staff_pin_hash, "none by default: no kiosk");
	load_good(&f.s, "settings = {\n  staff_pin_hash = \"" HASH_Y "\";\n};\n");
	cr_expect_str_eq(f.s.staff_pin_hash, HASH_Y);
	load_good(&f.s, "settings = { staff_pin_hash = \"" HASH_6 "\"; };\n");
	cr_expect_str_eq(f.s.staff_pin_hash, HASH_6, "SHA-512-crypt too");
	/* A file without it keeps the one before. */
	load_good(&f.s, "settings = { clinic_name = \"A\"; };\n");
	cr_expect_str_eq(f.s.staff_pin_hash, HASH_6);
	teardown(&f);
}

Test(settings_errors, staff_pin_hash_in_plain_text)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	load_good(&f.s, "settings = { staff_pin_hash = \"" HASH_Y "\"; };\n");
	/* A PIN written in the file as it is would never match: the staff would be locked out
	 * of the kiosk, and the PIN readable by anyone who reads the file. */
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  clinic_name = \"B\";\n"
	                 "  staff_pin_hash = \"plaintext\";\n"
	                 "};\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "setting 'staff_pin_hash'", "pin-hash", NULL);
	cr_expect_str_eq(f.s.staff_pin_hash, HASH_Y, "the refused file changed nothing");
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, staff_pin_hash_of_another_method_or_malformed)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  staff_pin_hash = \"$1$abcdefgh$M1db1YTFHLvfwCR2Zg4B30\";\n"
	                 "};\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:2: error:", "'staff_pin_hash'", "yescrypt", NULL);
	diag_clear(&dl);
	/* Cut short when copied: crypt could never check a PIN against it. */
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n\n\n"
	                 "  staff_pin_hash = \"$y$j9T$Fc0Z5cWQ0aO4jqZt0fNmS/$tvZNaLCw\";\n"
	                 "};\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:4: error:", "'staff_pin_hash'", "malformed", NULL);
	cr_expect_null(f.s.staff_pin_hash);
	diag_clear(&dl);
	teardown(&f);
}

Test(settings_errors, staff_pin_hash_not_a_string)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  staff_pin_hash = 2468;\n"
	                 "  staff_pin_hash2 = \"x\";\n"
	                 "};\n",
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:2: error:", "'staff_pin_hash' must be a string", NULL);
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown setting 'staff_pin_hash2'",
	    "(did you mean 'staff_pin_hash'?)", NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad(&f.s, "settings = { staff_pin_hash = \"\"; };\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'staff_pin_hash' must be one non-empty line",
	    NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad(&f.s, "settings = { staff_pin_hash = [ \"" HASH_Y "\" ]; };\n", &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'staff_pin_hash' must be a string", NULL);
	cr_expect_null(f.s.staff_pin_hash);
	diag_clear(&dl);
	teardown(&f);
}

/* --- ask_client_identity: a clinic item, never a rule setting ----------------------------- */

Test(settings, ask_client_identity_on_and_off)
{
	struct fixture f;

	setup(&f);
	load_good(&f.s, "settings = { ask_client_identity = true; };");
	cr_expect(f.s.ask_client_identity);
	cr_expect_eq(settings_find(f.s.defs, "ask_client_identity"), -1, "the rules never see it");
	/* a later file that does not name it keeps it; one that does changes it */
	load_good(&f.s, "settings = { clinic_name = \"B\"; };");
	cr_expect(f.s.ask_client_identity);
	load_good(&f.s, "settings = { ask_client_identity = false; };");
	cr_expect(!f.s.ask_client_identity);
	teardown(&f);
}

Test(settings_errors, ask_client_identity_must_be_a_boolean)
{
	struct fixture f;
	struct diag_list dl = { 0 };

	setup(&f);
	load_good(&f.s, "settings = { ask_client_identity = true; };");
	cr_expect_eq(load_bad(&f.s,
	                 "settings = {\n"
	                 "  ask_client_identity = \"yes\";\n"
	                 "};\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:2: error:", "'ask_client_identity' must be true or false",
	    NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad(&f.s, "settings = { ask_client_identity = 1; min_age = 21; };", &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'ask_client_identity' must be true or false",
	    NULL);
	diag_clear(&dl);
	/* a misspelling is suggested like the other clinic items */
	cr_expect_eq(load_bad(&f.s, "settings = { ask_client_identty = false; };", &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "(did you mean 'ask_client_identity'?)", NULL);
	diag_clear(&dl);
	cr_expect(f.s.ask_client_identity, "refused files change nothing");
	teardown(&f);
}

/* The clinic's name heads every report and `check` prints the others: a control character
 * in any of them is refused, with the line, and nothing changes. */
Test(settings_errors, clinic_texts_hold_no_control_characters)
{
	static const char *const keys[] = { "clinic_name", "report_dir", "language",
		"staff_pin_hash" };
	static const struct {
		const char *bytes, *name;
	} unfit[] = {
		{ "\\x1b]52;c;aGk=\\x07", "ESC" },
		{ "\\x1b[2J", "ESC" },
		{ "\\t", "TAB" },
		{ "\\x7f", "DEL" },
		{ "\\xc2\\x9b", "U+009B" },
		{ "\\xe2\\x80\\xae", "U+202E" },
	};
	struct fixture f;
	struct diag_list dl = { 0 };
	char *text, what[96];
	size_t k, b;

	setup(&f);
	for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
		for (b = 0; b < sizeof unfit / sizeof unfit[0]; b++) {
			text = xasprintf("settings = {\n  min_age = 17;\n  %s = \"x%s\";\n};\n",
			    keys[k], unfit[b].bytes);
			cr_expect_eq(load_bad(&f.s, text, &dl), 1, "%s", text);
			snprintf(what, sizeof what,
			    "settings file: %s holds a control character (%s)", keys[k],
			    unfit[b].name);
			test_expect_diag(&dl, "x.cfg:3: error:", what, NULL);
			diag_clear(&dl);
			free(text);
		}
	cr_expect_eq(load_bad(&f.s, "settings = { clinic_name = \"Caf\\xc3\\xa9\\xff\"; };\n", &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:1: error:", "settings file: clinic_name is not valid UTF-8",
	    NULL);
	diag_clear(&dl);
	load_good(&f.s, "settings = { clinic_name = \"Caf\\xc3\\xa9 \\xe2\\x80\\x94 Lyon\"; };\n");
	cr_expect_str_eq(f.s.clinic_name, "Caf\xc3\xa9 \xe2\x80\x94 Lyon");
	teardown(&f);
}

/* libconfig searches a group's names for every name it adds, so the names in the groups of
 * a file are bounded before it reads them (cfg.c): in one group, the 5,794th is one too many. */
Test(settings_errors, too_many_names_in_a_group)
{
	struct fixture f;
	struct diag_list dl = { 0 };
	struct strbuf sb = { 0 };
	size_t i;

	setup(&f);
	sb_append(&sb, "settings = {\n");
	for (i = 0; i < 5794; i++)
		sb_printf(&sb, "  s%zu = 1;\n", i);
	sb_append(&sb, "};\n");
	cr_expect_eq(load_bad(&f.s, sb_str(&sb), &dl), 1);
	/* The root's one name is not in the group; name i is on line i + 2. */
	test_expect_diag(&dl, "x.cfg:5795: error:",
	    "more settings in groups { } than can be read in reasonable time (5794 in this group)",
	    NULL);
	diag_clear(&dl);
	/* One fewer is read (and its names reported as unknown, as usual). */
	sb_reset(&sb);
	sb_append(&sb, "settings = {\n");
	for (i = 0; i < 5793; i++)
		sb_printf(&sb, "  s%zu = 1;\n", i);
	sb_append(&sb, "};\n");
	cr_expect_eq(load_bad(&f.s, sb_str(&sb), &dl), 5793);
	test_expect_diag(&dl, "x.cfg:2: error:", "unknown setting 's0'", NULL);
	diag_clear(&dl);
	sb_free(&sb);
	teardown(&f);
}
