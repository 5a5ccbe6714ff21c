/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * Error cases are inline libconfig text named "x.cfg", so each test states its input. HEAD
 * is two lines, so the first question of a test starts on line 3.
 */
#define HEAD                                                                                       \
	"id = \"x\"; version = 1; title = \"T\";\n"                                                \
	"sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
#define TAIL ") } );\n"

/* Loads text that must fail; returns the diagnostics' error count. */
static size_t
load_bad(const char *text, struct diag_list *dl)
{
	struct questionnaire *qn = (struct questionnaire *)&qn; /* not NULL: must be reset */
	int rc = questionnaire_load_string(&qn, text, "x.cfg", dl);

	cr_assert_eq(rc, -1, "the input should be refused");
	cr_assert_null(qn, "*out must be NULL on failure");
	cr_assert_gt(diag_errors(dl), 0);
	return diag_errors(dl);
}

static struct questionnaire *
load_good(const char *text)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	char *msg;

	if (questionnaire_load_string(&qn, text, "x.cfg", &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("should load:\n%s", msg);
	}
	cr_assert_not_null(qn);
	cr_assert_eq(dl.n, 0, "no diagnostics expected");
	diag_clear(&dl);
	return qn;
}

/* --- NULL and edge inputs ---------------------------------------------------------------- */

Test(questionnaire_edge, free_accepts_null)
{
	questionnaire_free(NULL);
}

Test(questionnaire_edge, empty_text_reports_every_missing_top_key)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("", &dl), 4);
	test_expect_diag(&dl, "x.cfg: error:", "questionnaire", "'id' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "'version' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "'title' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "'sections' is missing", NULL);
	diag_clear(&dl);
}

Test(questionnaire_edge, comments_only_is_like_empty)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("# nothing here\n// nor here\n/* nor\nhere */\n", &dl), 4);
	diag_clear(&dl);
}

Test(questionnaire_edge, empty_sections_and_empty_questions)
{
	struct diag_list dl = { 0 };

	load_bad("id = \"x\"; version = 1; title = \"T\";\n"
	         "sections = ( );\n",
	    &dl);
	test_expect_diag(&dl, "x.cfg:2: error:", "no sections", NULL);
	diag_clear(&dl);

	load_bad("id = \"x\"; version = 1; title = \"T\";\n"
	         "sections = (\n"
	         "  { id = \"s\"; title = \"S\"; questions = ( ); }\n"
	         ");\n",
	    &dl);
	test_expect_diag(&dl, "x.cfg:3: error:", "section 's'", "no questions", NULL);
	diag_clear(&dl);
}

Test(questionnaire_edge, version_must_be_positive)
{
	struct diag_list dl = { 0 };

	load_bad("id = \"x\";\n"
	         "version = 0;\n"
	         "title = \"T\";\n"
	         "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	         "  { id = \"a\"; type = \"info\"; text = \"A\"; } ); } );\n",
	    &dl);
	test_expect_diag(&dl, "x.cfg:2: error:", "version must be a positive integer", NULL);
	cr_expect_eq(diag_errors(&dl), 1);
	diag_clear(&dl);
}

Test(questionnaire_edge, smallest_valid_questionnaire)
{
	struct questionnaire *qn =
	    load_good(HEAD "  { id = \"a\"; type = \"info\"; text = \"A\"; }\n" TAIL);

	cr_expect_str_eq(qn->id, "x");
	cr_expect_eq(qn->version, 1);
	cr_expect_eq(qn->n_sections, 1);
	cr_expect_eq(qn->n_questions, 1);
	cr_expect_eq(qn->questions[0].line, 3);
	cr_expect_null(qn->path, "loaded from memory: no path");
	cr_expect_eq(strlen(qn->sha256), 64);
	cr_expect_eq(questionnaire_find(qn, ""), -1);
	cr_expect_eq(questionnaire_find_option(&qn->questions[0], "a"), -1);
	questionnaire_free(qn);
}

Test(questionnaire_edge, url_is_optional)
{
	struct questionnaire *qn =
	    load_good(HEAD "  { id = \"a\"; type = \"info\"; text = \"A\"; }\n" TAIL);

	cr_expect_null(qn->url, "no url in the file: none invented by the loader");
	questionnaire_free(qn);
}

Test(questionnaire_load, url_kinds_accepted)
{
	static const char *const good[] = { "https://smpscreen.org/fhir/Questionnaire/x",
		"http://example.org/q", "https://h",
		"urn:uuid:0b7e3d2a-6f1c-4e57-9c2d-1a2b3c4d5e6f", "urn:oid:2.16.840.1.113883.4.642",
		"https://example.org/q?v=1&x=%41" };
	struct questionnaire *qn;
	char *text;
	size_t i;

	for (i = 0; i < sizeof good / sizeof *good; i++) {
		text = xasprintf("url = \"%s\";\n" HEAD
		                 "  { id = \"a\"; type = \"info\"; text = \"A\"; }\n" TAIL,
		    good[i]);
		qn = load_good(text);
		cr_expect_str_eq(qn->url, good[i]);
		questionnaire_free(qn);
		free(text);
	}
}

Test(questionnaire_errors, url_must_be_absolute_http_or_urn)
{
	static const char *const bad[] = { "", "smpscreen.org/q", "ftp://example.org/q", "https://",
		"https:///path", "urn:", "urn:x:y", "urn:smpscreen:", "urn:-bad:q",
		"https://example.org/a b", "https://example.org/q#frag", "https://example.org/q|2",
		"mailto:a@example.org", "https://example.org/\u00e9" };
	struct diag_list dl = { 0 };
	char *text;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		text = xasprintf("id = \"x\"; version = 1; title = \"T\";\n"
		                 "url = \"%s\";\n"
		                 "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
		                 "  { id = \"a\"; type = \"info\"; text = \"A\"; } ); } );\n",
		    bad[i]);
		cr_expect_eq(load_bad(text, &dl), 1, "'%s' should be refused once", bad[i]);
		test_expect_diag(&dl, "x.cfg:2: error:", "questionnaire: url must be an absolute",
		    NULL);
		diag_clear(&dl);
		free(text);
	}
}

Test(questionnaire_errors, url_must_be_a_string)
{
	struct diag_list dl = { 0 };

	load_bad("id = \"x\"; version = 1; title = \"T\";\n"
	         "url = 42;\n"
	         "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	         "  { id = \"a\"; type = \"info\"; text = \"A\"; } ); } );\n",
	    &dl);
	test_expect_diag(&dl, "x.cfg:2: error:", "url", NULL);
	diag_clear(&dl);
}

/* --- loading the fixtures ---------------------------------------------------------------- */

Test(questionnaire_load, mini_fixture)
{
	struct questionnaire *qn = test_mini_questionnaire();
	static const char *const ids[] = { "age", "pregnancy", "goal", "loss_reasons", "norwood",
		"scar_types", "scar_age_months", "heart_conditions", "unwell_today", "notes_free",
		"price_info" };
	static const enum question_type types[] = { QTYPE_INTEGER, QTYPE_SINGLE, QTYPE_SINGLE,
		QTYPE_MULTI, QTYPE_SINGLE, QTYPE_MULTI, QTYPE_INTEGER, QTYPE_MULTI, QTYPE_SINGLE,
		QTYPE_TEXT, QTYPE_INFO };
	static const size_t sections[] = { 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2 };
	const struct question *q;
	size_t i;

	cr_assert_str_eq(qn->id, "mini-consultation");
	cr_expect_eq(qn->version, 3);
	cr_expect_str_eq(qn->title, "Mini SMP consultation (test fixture)");
	cr_expect_not_null(strstr(qn->path, "mini-questionnaire.cfg"));
	cr_expect_eq(strlen(qn->sha256), 64);
	cr_assert_eq(qn->n_sections, 3);
	cr_expect_str_eq(qn->sections[0].id, "about");
	cr_expect_str_eq(qn->sections[1].id, "loss");
	cr_expect_str_eq(qn->sections[2].id, "consultant");
	cr_expect_str_eq(qn->sections[2].title, "Consultant checks");
	cr_assert_eq(qn->n_questions, 11);
	for (i = 0; i < 11; i++) {
		q = &qn->questions[i];
		cr_expect_str_eq(q->id, ids[i]);
		cr_expect_eq(q->type, types[i], "%s", ids[i]);
		cr_expect_eq(q->section, sections[i], "%s", ids[i]);
		cr_expect_eq(questionnaire_find(qn, ids[i]), (long)i);
		cr_expect_gt(q->line, 0);
		/* show_if is parsed exactly when it is given */
		cr_expect_eq(q->show_if != NULL, q->show_if_src != NULL, "%s", ids[i]);
	}
	cr_expect_eq(questionnaire_find(qn, "nope"), -1);

	/* age: integer with range and unit, required, no unknown */
	q = &qn->questions[0];
	cr_expect_eq(q->min, 0);
	cr_expect_eq(q->max, 120);
	cr_expect_str_eq(q->unit, "years");
	cr_expect(q->required);
	cr_expect_not(q->allow_unknown);
	cr_expect_null(q->unknown_label);
	cr_expect_eq(q->unknown_class, UNKNOWN_NONE);
	cr_expect_eq(q->audience, AUDIENCE_PATIENT);
	cr_expect_null(q->show_if_src);
	cr_expect_eq(q->line, 10);

	/* pregnancy: options in file order, help, unknown with its label and class */
	q = &qn->questions[1];
	cr_assert_eq(q->n_options, 3);
	cr_expect_str_eq(q->options[0].value, "no");
	cr_expect_str_eq(q->options[1].value, "pregnant");
	cr_expect_str_eq(q->options[2].value, "breastfeeding");
	cr_expect_str_eq(q->options[2].label, "Breastfeeding");
	cr_expect_null(q->options[0].illustration);
	cr_expect_str_eq(q->help,
	    "We ask because SMP is not done during pregnancy or breastfeeding.");
	cr_expect(q->allow_unknown);
	cr_expect_str_eq(q->unknown_label, "Prefer not to say");
	cr_expect_eq(q->unknown_class, UNKNOWN_MEDICAL);
	cr_expect_eq(questionnaire_find_option(q, "breastfeeding"), 2);
	cr_expect_eq(questionnaire_find_option(q, "unknown"), -1, "unknown is not an option");
	cr_expect_eq(questionnaire_find_option(q, "Pregnant"), -1, "labels are not values");

	cr_expect_eq(qn->questions[2].unknown_class, UNKNOWN_PREFERENCE);
	cr_expect_null(qn->questions[2].help);

	/* norwood: show_if and an illustration kept byte for byte */
	q = &qn->questions[4];
	cr_expect_str_eq(q->show_if_src, "'pattern' in loss_reasons");
	cr_expect_not_null(q->show_if);
	cr_expect_str_eq(q->options[0].illustration, "  ____\n /    \\\n|      |");
	cr_expect_null(q->options[1].illustration);

	cr_expect_str_eq(qn->questions[6].show_if_src,
	    "answered(scar_types) and not ('none' in scar_types)");
	cr_expect_eq(qn->questions[6].max, 1200);

	/* required defaults: patient true, consultant false, info never */
	cr_expect(qn->questions[3].required);
	cr_expect_eq(qn->questions[8].audience, AUDIENCE_CONSULTANT);
	cr_expect_not(qn->questions[8].required);
	cr_expect_eq(qn->questions[9].audience, AUDIENCE_CONSULTANT);
	cr_expect_not(qn->questions[9].required);
	cr_expect_eq(qn->questions[9].max_length, 200);
	cr_expect_eq(qn->questions[10].audience, AUDIENCE_PATIENT);
	cr_expect_not(qn->questions[10].required);
	cr_expect_eq(qn->questions[10].n_options, 0);
	questionnaire_free(qn);
}

/* The contract's 72 ids in evaluation order (domain/questions.md §4). */
static const char *const contract_ids[] = { "age", "pregnancy", "goal", "hair_colour", "skin_type",
	"loss_reasons", "norwood", "female_scale", "loss_trend", "loss_treatments", "will_shave",
	"aa_last_change_months", "aa_regrowing", "aa_treatments", "scar_types", "scar_age_months",
	"scar_active", "scar_appearance", "keloid_history", "hair_transplant",
	"transplant_months_ago", "graft_area_symptoms", "existing_pigment", "scalp_laser_recent",
	"scalp_laser_days_ago", "injectables_recent", "injectables_days_ago",
	"scalp_skin_treatment", "scalp_skin_treatment_days_ago", "scalp_now",
	"chronic_scalp_condition", "moles", "scalp_tanned_recent", "tan_days_ago", "pih_tendency",
	"bleeding_disorder", "anticoagulant", "otc_blood_thinners", "diabetes", "heart_conditions",
	"epilepsy", "immune", "chemo_status", "chemo_months_since", "isotretinoin",
	"isotretinoin_months_since", "antibiotics", "antibiotics_days_since", "doxycycline_6m",
	"thyroid_meds", "liver_disease", "pigment_condition", "unwell_today",
	"infection_disclosure", "glaucoma", "previous_pigment", "anaesthetic_reaction",
	"metal_allergy", "latex_allergy", "dye_henna_reaction", "aftercare_product_reaction",
	"sensitive_skin", "expectations", "proceed_knowing_limits", "longevity_wish", "touchups_ok",
	"sun_exposure", "sun_protection", "upcoming_plans", "can_attend_sessions", "pain_worry",
	"price_info" };

static bool
in_list(const char *id, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, id) == 0)
			return true;
	return false;
}

Test(questionnaire_load, fixtures_name_their_canonical_url)
{
	struct questionnaire *mini = test_mini_questionnaire(), *qn = test_bundled_questionnaire();

	cr_expect_str_eq(mini->url, "https://smpscreen.org/fhir/Questionnaire/mini-consultation");
	cr_expect_str_eq(qn->url, "https://smpscreen.org/fhir/Questionnaire/smp-consultation");
	questionnaire_free(mini);
	questionnaire_free(qn);
}

Test(questionnaire_load, bundled_contract)
{
	struct questionnaire *qn = test_bundled_questionnaire();
	static const char *const multi[] = { "loss_reasons", "loss_treatments", "aa_treatments",
		"scar_types", "scalp_now", "chronic_scalp_condition", "heart_conditions", "immune",
		"expectations", "upcoming_plans", NULL };
	static const char *const integer[] = { "age", "aa_last_change_months", "scar_age_months",
		"transplant_months_ago", "scalp_laser_days_ago", "injectables_days_ago",
		"scalp_skin_treatment_days_ago", "tan_days_ago", "chemo_months_since",
		"isotretinoin_months_since", "antibiotics_days_since", NULL };
	static const long maxima[] = { 120, 1200, 1200, 600, 365, 92, 92, 28, 600, 600, 92 };
	static const char *const medical[] = { "pregnancy", "skin_type", "norwood", "female_scale",
		"aa_last_change_months", "aa_regrowing", "scar_age_months", "scar_appearance",
		"keloid_history", "pih_tendency", "bleeding_disorder", "anticoagulant", "diabetes",
		"heart_conditions", "immune", "chemo_status", "chemo_months_since",
		"infection_disclosure", "anaesthetic_reaction", NULL };
	static const char *const preference[] = { "goal", "loss_trend", "longevity_wish",
		"touchups_ok", "can_attend_sessions", NULL };
	static const char *const conditional[] = { "norwood", "female_scale", "loss_trend",
		"loss_treatments", "aa_last_change_months", "aa_regrowing", "aa_treatments",
		"scar_age_months", "scar_active", "scar_appearance", "transplant_months_ago",
		"graft_area_symptoms", "scalp_laser_days_ago", "injectables_days_ago",
		"scalp_skin_treatment_days_ago", "tan_days_ago", "chemo_months_since",
		"isotretinoin_months_since", "antibiotics_days_since", "proceed_knowing_limits",
		"sun_protection", NULL };
	static const char *const consultant[] = { "unwell_today", "infection_disclosure",
		"glaucoma", NULL };
	const struct question *q;
	size_t i, k;
	enum question_type want;

	cr_assert_str_eq(qn->id, "smp-consultation");
	cr_expect_eq(qn->version, 1);
	cr_expect_eq(qn->n_sections, 8);
	cr_assert_eq(qn->n_questions, 72);
	for (i = 0; i < 72; i++) {
		q = &qn->questions[i];
		cr_expect_str_eq(q->id, contract_ids[i], "Q%02zu", i + 1);
		want = in_list(q->id, multi)         ? QTYPE_MULTI :
		    in_list(q->id, integer)          ? QTYPE_INTEGER :
		    strcmp(q->id, "price_info") == 0 ? QTYPE_INFO :
		                                       QTYPE_SINGLE;
		cr_expect_eq(q->type, want, "type of %s", q->id);
		cr_expect_eq(q->allow_unknown,
		    in_list(q->id, medical) || in_list(q->id, preference), "allow_unknown of %s",
		    q->id);
		cr_expect_eq(q->unknown_class,
		    in_list(q->id, medical)        ? UNKNOWN_MEDICAL :
		        in_list(q->id, preference) ? UNKNOWN_PREFERENCE :
		                                     UNKNOWN_NONE,
		    "unknown_class of %s", q->id);
		cr_expect_eq(q->show_if != NULL, in_list(q->id, conditional), "show_if of %s",
		    q->id);
		cr_expect_eq(q->audience,
		    in_list(q->id, consultant) ? AUDIENCE_CONSULTANT : AUDIENCE_PATIENT,
		    "audience of %s", q->id);
		cr_expect_eq(q->required, !in_list(q->id, consultant) && q->type != QTYPE_INFO,
		    "required of %s", q->id);
		if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTI)
			cr_expect_geq(q->n_options, 2, "%s", q->id);
		else
			cr_expect_eq(q->n_options, 0, "%s", q->id);
	}
	for (k = 0; integer[k] != NULL; k++) {
		q = &qn->questions[questionnaire_find(qn, integer[k])];
		cr_expect_eq(q->min, 0, "%s", integer[k]);
		cr_expect_eq(q->max, maxima[k], "%s", integer[k]);
	}
	/* option order is the contract's */
	q = &qn->questions[questionnaire_find(qn, "will_shave")];
	cr_assert_eq(q->n_options, 3);
	cr_expect_str_eq(q->options[0].value, "yes");
	cr_expect_str_eq(q->options[1].value, "if_essential");
	cr_expect_str_eq(q->options[2].value, "no");
	q = &qn->questions[questionnaire_find(qn, "norwood")];
	cr_expect_eq(q->n_options, 12);
	cr_expect_eq(questionnaire_find_option(q, "iii_vertex"), 5);
	cr_expect_eq(questionnaire_find_option(q, "vii"), 11);
	cr_expect_str_eq(q->show_if_src, "'pattern' in loss_reasons");
	q = &qn->questions[questionnaire_find(qn, "loss_reasons")];
	cr_expect_eq(q->n_options, 11);
	cr_expect_str_eq(q->options[10].value, "sudden_or_undiagnosed");
	cr_expect_str_eq(qn->questions[questionnaire_find(qn, "transplant_months_ago")].show_if_src,
	    "hair_transplant != 'never'");
	questionnaire_free(qn);
}

Test(questionnaire_load, type_names)
{
	cr_expect_str_eq(questionnaire_type_name(QTYPE_SINGLE), "single");
	cr_expect_str_eq(questionnaire_type_name(QTYPE_MULTI), "multi");
	cr_expect_str_eq(questionnaire_type_name(QTYPE_INTEGER), "integer");
	cr_expect_str_eq(questionnaire_type_name(QTYPE_TEXT), "text");
	cr_expect_str_eq(questionnaire_type_name(QTYPE_INFO), "info");
}

Test(questionnaire_load, find_and_find_option)
{
	struct questionnaire *qn = test_mini_questionnaire();
	const struct question *q = &qn->questions[questionnaire_find(qn, "scar_types")];

	cr_expect_eq(questionnaire_find(qn, "age"), 0);
	cr_expect_eq(questionnaire_find(qn, "price_info"), 10);
	cr_expect_eq(questionnaire_find(qn, "AGE"), -1, "ids are case-sensitive");
	cr_expect_eq(questionnaire_find(qn, "ag"), -1, "no prefix match");
	cr_expect_eq(questionnaire_find(qn, "age "), -1);
	cr_expect_eq(questionnaire_find_option(q, "none"), 0);
	cr_expect_eq(questionnaire_find_option(q, "injury"), 2);
	cr_expect_eq(questionnaire_find_option(q, "injur"), -1);
	cr_expect_eq(questionnaire_find_option(q, ""), -1);
	cr_expect_eq(questionnaire_find_option(&qn->questions[0], "none"), -1,
	    "integer: no options");
	questionnaire_free(qn);
}

Test(questionnaire_load, explicit_required_and_defaults)
{
	struct questionnaire *qn = load_good(
	    HEAD "  { id = \"a\"; type = \"single\"; text = \"A\"; required = false;\n"
	         "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; label = "
	         "\"Y\"; } ); },\n"
	         "  { id = \"b\"; type = \"single\"; text = \"B\"; audience = \"consultant\"; "
	         "required = true;\n"
	         "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; label = "
	         "\"Y\"; } ); },\n"
	         "  { id = \"c\"; type = \"text\"; text = \"C\"; },\n"
	         "  { id = \"d\"; type = \"integer\"; text = \"D\"; min = -5; max = 3000000000L;\n"
	         "    allow_unknown = true; },\n"
	         "  { id = \"e\"; type = \"info\"; text = \"E\"; required = false; }\n" TAIL);

	cr_expect_not(qn->questions[0].required);
	cr_expect(qn->questions[1].required, "a consultant item may be made required");
	cr_expect(qn->questions[2].required);
	cr_expect_eq(qn->questions[2].max_length, 500, "text default bound");
	cr_expect_eq(qn->questions[3].min, -5);
	cr_expect_eq(qn->questions[3].max, 3000000000L, "an L integer is read as 64 bits");
	cr_expect_str_eq(qn->questions[3].unknown_label, "Not sure", "default unknown label");
	cr_expect_eq(qn->questions[3].unknown_class, UNKNOWN_NONE);
	cr_expect_null(qn->questions[3].unit);
	cr_expect_not(qn->questions[4].required);
	cr_expect_eq(qn->questions[1].line, 5);
	cr_expect_eq(qn->questions[4].line, 10);
	questionnaire_free(qn);
}

/* --- reading the file -------------------------------------------------------------------- */

Test(questionnaire_errors, missing_file)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = (struct questionnaire *)&dl;

	cr_assert_eq(questionnaire_load(&qn, "/nonexistent-dir/nope.cfg", &dl), -1);
	cr_expect_null(qn);
	cr_assert_eq(diag_errors(&dl), 1);
	test_expect_diag(&dl, "/nonexistent-dir/nope.cfg: error:", "cannot read",
	    "No such file or directory", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, a_directory_is_not_a_questionnaire)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	char *dir = test_tmpdir();

	cr_assert_eq(questionnaire_load(&qn, dir, &dl), -1);
	cr_expect_null(qn);
	cr_expect_eq(diag_errors(&dl), 1);
	test_expect_diag(&dl, dir, "error: cannot read", "Is a directory", NULL);
	diag_clear(&dl);
	rmdir(dir);
	free(dir);
}

Test(questionnaire_errors, nul_byte_fixture)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	char *path = test_data_path("unit/nul-byte.cfg");
	char *prefix;

	cr_assert_eq(questionnaire_load(&qn, path, &dl), -1);
	cr_expect_null(qn);
	prefix = strdup(path);
	test_expect_diag(&dl, prefix, "NUL byte", NULL);
	cr_expect_eq(diag_errors(&dl), 1);
	free(prefix);
	free(path);
	diag_clear(&dl);
}

Test(questionnaire_errors, syntax_error_with_line)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"x\";\n"
	                      "version = 1;\n"
	                      "title = \"T\"\n"
	                      "sections = ( { id = ; } );\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:4: error:", "syntax error", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, include_is_refused)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"x\";\n"
	                      "\n"
	                      "  @include \"/etc/passwd\"\n"
	                      "version = 1;\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "@include", "not allowed", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, include_inside_a_string_is_only_text)
{
	/* In help, which may hold a line break: a title is one line. */
	struct questionnaire *qn =
	    load_good("id = \"x\"; version = 1; title = \"X\";\n"
	              "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	              "  { id = \"a\"; type = \"info\"; text = \"A\"; help = \"\n"
	              "@include \\\"y\\\"\"; } ); } );\n");

	cr_expect_str_eq(qn->questions[0].help, "\n@include \"y\"");
	questionnaire_free(qn);
}

Test(questionnaire_errors, integer_over_32_bits_without_L)
{
	struct diag_list dl = { 0 };

	/* libconfig would read 4294967297 as 1 */
	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"integer\"; text = \"A\"; min = 0;\n"
	                           "    max = 4294967297; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:4: error:", "integer '4294967297' is too large", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad("id = \"x\"; version = 2147483648; title = \"T\";\n", &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "'2147483648' is too large", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"integer\"; text = \"A\"; min = -2147483649;\n"
	                 "    max = 0; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "'2147483649' is too large", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, largest_32_bit_integers_are_fine)
{
	struct questionnaire *qn =
	    load_good(HEAD "  { id = \"a\"; type = \"integer\"; text = \"A\"; min = -2147483648; "
	                   "max = 2147483647; }\n" TAIL);

	cr_expect_eq(qn->questions[0].min, -2147483648L);
	cr_expect_eq(qn->questions[0].max, 2147483647L);
	questionnaire_free(qn);
}

/* --- validation -------------------------------------------------------------------------- */

Test(questionnaire_errors, unknown_top_key_with_suggestion)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"x\"; version = 1; title = \"T\";\n"
	                      "tilte = \"T\";\n"
	                      "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	                      "  { id = \"a\"; type = \"info\"; text = \"A\"; } ); } );\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:2: error:", "questionnaire", "unknown key 'tilte'",
	    "(did you mean 'title'?)", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, unknown_question_key_with_suggestion)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                           "    optoins = ( { value = \"x\"; label = \"X\"; } );\n"
	                           "    options = ( { value = \"x\"; label = \"X\"; }, { value = "
	                           "\"y\"; label = \"Y\"; } );\n"
	                           "    colour = 3; }\n" TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'a'", "unknown key 'optoins'",
	    "(did you mean 'options'?)", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "question 'a'", "unknown key 'colour'", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, unknown_option_key_with_suggestion)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                           "    options = ( { value = \"x\"; label = \"X\"; },\n"
	                           "                { value = \"y\"; label = \"Y\"; ilustration = "
	                           "\"..\"; } ); }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:5: error:", "unknown key 'ilustration'",
	    "(did you mean 'illustration'?)", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, unknown_type_with_suggestion)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; text = \"A\";\n"
	                           "    type = \"intger\"; min = 0; max = 3; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'", "unknown type 'intger'",
	    "(did you mean 'integer'?)", NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; text = \"A\"; type = \"slider\"; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown type 'slider'", NULL);
	cr_expect_null(strstr(dl.items[0].msg, "did you mean"));
	diag_clear(&dl);
}

/* A misspelt type is one mistake: it must not also complain about the options or the range
 * that the intended type has. */
Test(questionnaire_errors, unknown_type_is_reported_once)
{
	struct diag_list dl = { 0 };
	char *all;

	load_bad(HEAD "  { id = \"a\"; text = \"A\"; type = \"singel\"; required = true;\n"
	              "    allow_unknown = true;\n"
	              "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; label = "
	              "\"Y\"; } ); }\n" TAIL,
	    &dl);
	all = test_diag_text(&dl);
	cr_expect_eq(diag_errors(&dl), 1, "one mistake, one error; got:\n%s", all);
	test_expect_diag(&dl, "x.cfg:3: error:", "unknown type 'singel'",
	    "(did you mean 'single'?)", NULL);
	free(all);
	diag_clear(&dl);
}

Test(questionnaire_errors, wrong_value_types)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = 3; version = \"1\"; title = \"T\";\n"
	                      "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	                      "  { id = \"a\"; type = \"info\"; text = \"A\"; } ); } );\n",
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:1: error:", "'id' must be a string, not an integer", NULL);
	test_expect_diag(&dl, "x.cfg:1: error:", "'version' must be an integer, not a string",
	    NULL);
	diag_clear(&dl);

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                           "    required = \"yes\";\n"
	                           "    options = ( { value = \"x\"; label = \"X\"; }, { value = "
	                           "\"y\"; label = \"Y\"; } ); }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'a'", "'required' must be true or false",
	    NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, duplicate_question_id_names_first_line)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"info\"; text = \"A\"; },\n"
	                           "  { id = \"b\"; type = \"info\"; text = \"B\"; },\n"
	                           "  { id = \"a\"; type = \"info\"; text = \"A again\"; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'a'", "duplicate id",
	    "first defined at line 3", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, duplicate_across_sections)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"x\"; version = 1; title = \"T\";\n"
	                      "sections = (\n"
	                      "  { id = \"s\"; title = \"S\"; questions = (\n"
	                      "    { id = \"a\"; type = \"info\"; text = \"A\"; } ); },\n"
	                      "  { id = \"s\"; title = \"S2\"; questions = (\n"
	                      "    { id = \"a\"; type = \"info\"; text = \"A\"; } ); }\n"
	                      ");\n",
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:5: error:", "section 's'", "duplicate section id", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "question 'a'", "duplicate id",
	    "first defined at line 4", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, reserved_and_malformed_ids)
{
	static const char *const bad[] = { "and", "or", "not", "in", "answered", "true", "false",
		"setting", "unknown", "Age", "2nd", "has-dash", "_x", "" };
	struct diag_list dl = { 0 };
	char text[512], owner[64];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text,
		    HEAD "  { id = \"%s\"; type = \"info\"; text = \"A\"; }\n" TAIL, bad[i]);
		cr_expect_eq(load_bad(text, &dl), 1, "id '%s'", bad[i]);
		snprintf(owner, sizeof owner, "question '%s'", bad[i]);
		test_expect_diag(&dl, "x.cfg:3: error:", owner,
		    "not a word of the condition language", NULL);
		diag_clear(&dl);
	}
}

Test(questionnaire_errors, option_value_unknown_is_reserved)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                 "    options = ( { value = \"yes\"; label = \"Yes\"; },\n"
	                 "      { value = \"unknown\"; label = \"Not sure\"; } ); }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'a'", "'unknown' is reserved",
	    "allow_unknown", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, option_value_malformed)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                           "    options = ( { value = \"Yes\"; label = \"Yes\"; },\n"
	                           "      { value = \"no\"; label = \"No\"; } ); }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:4: error:", "option value 'Yes'", "lower-case", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, duplicate_option)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"multi\"; text = \"A\";\n"
	                           "    options = ( { value = \"x\"; label = \"X\"; },\n"
	                           "      { value = \"y\"; label = \"Y\"; },\n"
	                           "      { value = \"x\"; label = \"X again\"; } ); }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:6: error:", "question 'a'", "option 'x' is listed twice",
	    NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, option_without_label)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                           "    options = ( { value = \"x\"; label = \"X\"; },\n"
	                           "      { value = \"y\"; } ); }\n" TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'a'", "'label' is missing", NULL);
	/* the option without a label is left out, so only one option remains */
	test_expect_diag(&dl, "x.cfg:3: error:", "at least two options", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, choice_needs_two_options)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                           "    options = ( { value = \"x\"; label = \"X\"; } ); },\n"
	                           "  { id = \"b\"; type = \"multi\"; text = \"B\"; }\n" TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'", "at least two options", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'b'", "'options' is missing", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, too_many_options)
{
	struct diag_list dl = { 0 };
	char *text = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&text, &len);

	fputs(HEAD "  { id = \"a\"; type = \"multi\"; text = \"A\"; options = (\n", fp);
	for (i = 0; i < QUESTION_MAX_OPTIONS + 1; i++)
		fprintf(fp, "%s{ value = \"o%zu\"; label = \"O\"; }\n", i ? "," : "", i);
	fputs("); }\n" TAIL, fp);
	fclose(fp);
	load_bad(text, &dl);
	test_expect_diag(&dl, "x.cfg:3: error:", "65 options", "limit of 64", NULL);
	diag_clear(&dl);
	free(text);
}

Test(questionnaire_errors, integer_without_range)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"integer\"; text = \"A\"; max = 9; },\n"
	                 "  { id = \"b\"; type = \"integer\"; text = \"B\"; min = 0; }\n" TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'", "'min' is missing", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'b'", "'max' is missing", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, min_greater_than_max)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"a\"; type = \"integer\"; text = \"A\";\n"
	                           "    min = 10; max = 9; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'", "min 10 is greater than max 9",
	    NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, options_and_range_on_the_wrong_type)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"integer\"; text = \"A\"; min = 0; max = 9;\n"
	                 "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; "
	                 "label = \"Y\"; } ); },\n"
	                 "  { id = \"b\"; type = \"single\"; text = \"B\"; min = 0;\n"
	                 "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; "
	                 "label = \"Y\"; } ); }\n" TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'",
	    "only single and multi questions have options", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'b'",
	    "only integer questions have min and max", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, unknown_settings_that_do_not_fit)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"info\"; text = \"A\"; required = true; },\n"
	                 "  { id = \"b\"; type = \"text\"; text = \"B\"; allow_unknown = true; },\n"
	                 "  { id = \"c\"; type = \"integer\"; text = \"C\"; min = 0; max = 1;\n"
	                 "    unknown_label = \"?\"; unknown_class = \"medical\"; },\n"
	                 "  { id = \"d\"; type = \"integer\"; text = \"D\"; min = 0; max = 1;\n"
	                 "    allow_unknown = true; unknown_class = \"serious\"; audience = "
	                 "\"doctor\"; },\n"
	                 "  { id = \"e\"; type = \"text\"; text = \"E\"; max_length = 0; }\n" TAIL,
	                 &dl),
	    7);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'", "cannot be required", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'b'",
	    "a text question cannot allow unknown", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'c'",
	    "unknown_label given but allow_unknown is not true", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'c'",
	    "unknown_class given but allow_unknown is not true", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "question 'd'",
	    "unknown_class must be 'medical' or 'preference', not 'serious'", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "question 'd'",
	    "audience must be 'patient' or 'consultant', not 'doctor'", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "question 'e'", "max_length must be 1..4000",
	    NULL);
	diag_clear(&dl);
}

/* option_order_reason (see audit_option_order) explains the order of a single choice's
 * options: it is text, not empty, and only on a single choice. */
Test(questionnaire_load, option_order_reason)
{
	struct questionnaire *qn = load_good(
	    HEAD "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	         "    option_order_reason = \"The clinic's paper form asks No first.\";\n"
	         "    options = ( { value = \"no\"; label = \"No\"; }, { value = \"yes\"; "
	         "label = \"Yes\"; } ); },\n"
	         "  { id = \"b\"; type = \"single\"; text = \"B\";\n"
	         "    options = ( { value = \"yes\"; label = \"Yes\"; }, { value = \"no\"; "
	         "label = \"No\"; } ); }\n" TAIL);

	cr_expect_str_eq(qn->questions[0].option_order_reason,
	    "The clinic's paper form asks No first.");
	cr_expect_null(qn->questions[1].option_order_reason);
	questionnaire_free(qn);
}

Test(questionnaire_errors, option_order_reason_that_does_not_fit)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"multi\"; text = \"A\"; "
	                 "option_order_reason = \"R\";\n"
	                 "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"none\"; "
	                 "label = \"None\"; } ); },\n"
	                 "  { id = \"b\"; type = \"integer\"; text = \"B\"; min = 0; max = 1; "
	                 "option_order_reason = \"R\"; },\n"
	                 "  { id = \"c\"; type = \"single\"; text = \"C\"; "
	                 "option_order_reason = \" \\n \";\n"
	                 "    options = ( { value = \"no\"; label = \"No\"; }, { value = \"yes\"; "
	                 "label = \"Yes\"; } ); },\n"
	                 "  { id = \"d\"; type = \"single\"; text = \"D\"; "
	                 "option_order_reason = 1;\n"
	                 "    options = ( { value = \"no\"; label = \"No\"; }, { value = \"yes\"; "
	                 "label = \"Yes\"; } ); },\n"
	                 "  { id = \"e\"; type = \"single\"; text = \"E\"; "
	                 "option_order_raeson = \"R\";\n"
	                 "    options = ( { value = \"no\"; label = \"No\"; }, { value = \"yes\"; "
	                 "label = \"Yes\"; } ); }\n" TAIL,
	                 &dl),
	    5);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'",
	    "option_order_reason is only for single-choice questions", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'b'",
	    "option_order_reason is only for single-choice questions", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "question 'c'", "option_order_reason is empty",
	    NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "question 'd'",
	    "'option_order_reason' must be a string, not an integer", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "question 'e'",
	    "unknown key 'option_order_raeson'", "(did you mean 'option_order_reason'?)", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, show_if_naming_a_later_question)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad(HEAD
	        "  { id = \"a\"; type = \"single\"; text = \"A\"; show_if = \"b == 'x'\";\n"
	        "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; label = "
	        "\"Y\"; } ); },\n"
	        "  { id = \"b\"; type = \"single\"; text = \"B\";\n"
	        "    options = ( { value = \"x\"; label = \"X\"; }, { value = \"y\"; label = "
	        "\"Y\"; } ); },\n"
	        "  { id = \"c\"; type = \"info\"; text = \"C\"; show_if = \"answered(c)\"; "
	        "}\n" TAIL,
	        &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a'", "condition names question 'b'",
	    "not asked before it", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "question 'c'", "condition names question 'c'",
	    "not asked before it", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, show_if_with_unknown_id_suggests)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"loss_reasons\"; type = \"multi\"; text = \"A\";\n"
	                           "    options = ( { value = \"pattern\"; label = \"X\"; }, { "
	                           "value = \"scars\"; label = \"Y\"; } ); },\n"
	                           "  { id = \"b\"; type = \"info\"; text = \"B\";\n"
	                           "    show_if = \"'pattern' in loss_reason\"; },\n"
	                           "  { id = \"c\"; type = \"info\"; text = \"C\";\n"
	                           "    show_if = \"'patern' in loss_reasons\"; },\n"
	                           "  { id = \"d\"; type = \"info\"; text = \"D\";\n"
	                           "    show_if = \"setting.min_age > 3\"; }\n" TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'b'", "unknown question 'loss_reason'",
	    "(did you mean 'loss_reasons'?)", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "question 'c'", "has no option 'patern'",
	    "(did you mean 'pattern'?)", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "question 'd'",
	    "setting 'min_age' cannot be used here", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, show_if_syntax_error)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD
	                 "  { id = \"a\"; type = \"integer\"; text = \"A\"; min = 0; max = 9; },\n"
	                 "  { id = \"b\"; type = \"info\"; text = \"B\"; show_if = \"a = 3\"; "
	                 "}\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:4: error:", "question 'b'", "syntax error at column 3",
	    "(did you mean '=='?)", NULL);
	diag_clear(&dl);
}

Test(questionnaire_errors, every_error_in_one_run)
{
	struct diag_list dl = { 0 };

	/* seven independent mistakes in seven places */
	cr_expect_eq(
	    load_bad("id = \"x\"; version = 1; title = \"T\"; colour = 1;\n"
	             "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	             "  { id = \"and\"; type = \"info\"; text = \"A\"; },\n"
	             "  { id = \"b\"; type = \"singel\"; text = \"B\"; },\n"
	             "  { id = \"c\"; type = \"integer\"; text = \"C\"; min = 5; max = 1; },\n"
	             "  { id = \"c\"; type = \"info\"; text = \"C\"; },\n"
	             "  { id = \"e\"; type = \"single\"; text = \"E\";\n"
	             "    options = ( { value = \"unknown\"; label = \"?\"; }, { value = \"y\"; "
	             "label = \"Y\"; } ); },\n"
	             "  { id = \"f\"; type = \"info\"; text = \"F\"; show_if = \"answered(zz)\"; "
	             "}\n" TAIL,
	        &dl),
	    7);
	test_expect_diag(&dl, "x.cfg:1: error:", "unknown key 'colour'", NULL);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'and'", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "unknown type 'singel'", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "min 5 is greater than max 1", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "duplicate id (first defined at line 5)", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "'unknown' is reserved", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "unknown question 'zz'", NULL);
	diag_clear(&dl);
}

/* --- large files: ids found through an index, not a search per question ---------------- */

/* HEAD and n text questions q0..q(n-1), one a line (question i on line 3 + i), each but the
 * first shown when the one before it is answered; question `dup` takes the id of question
 * `first` (no duplicate when dup == first). Caller frees. */
static char *
many_questions(size_t n, size_t dup, size_t first)
{
	struct strbuf sb = { 0 };
	size_t i;

	sb_append(&sb, HEAD);
	for (i = 0; i < n; i++) {
		sb_printf(&sb, "  { id = \"q%zu\"; type = \"text\"; text = \"Q\";",
		    i == dup ? first : i);
		if (i > 0)
			sb_printf(&sb, " show_if = \"answered(q%zu)\";", i - 1);
		sb_append(&sb, i + 1 < n ? " },\n" : " }\n");
	}
	sb_append(&sb, TAIL);
	return sb_detach(&sb);
}

Test(questionnaire_large, five_thousand_questions_are_all_found)
{
	char *text = many_questions(5000, 0, 0), id[32];
	struct questionnaire *qn = load_good(text);
	size_t i;

	cr_assert_eq(qn->n_questions, 5000);
	for (i = 0; i < qn->n_questions; i++) {
		snprintf(id, sizeof id, "q%zu", i);
		cr_expect_eq(questionnaire_find(qn, id), (long)i, "%s", id);
		cr_expect_eq(qn->questions[i].show_if == NULL, i == 0, "%s", id);
	}
	cr_expect_eq(questionnaire_find(qn, "q5000"), -1);
	cr_expect_eq(questionnaire_find(qn, "q"), -1);
	questionnaire_free(qn);
	free(text);
}

Test(questionnaire_large, duplicates_among_five_thousand_name_both_lines)
{
	struct diag_list dl = { 0 };
	char *text = many_questions(5000, 4999, 17);

	/* q17 is on line 20; its second coming, question 4,999, on line 5002. */
	cr_expect_eq(load_bad(text, &dl), 1);
	test_expect_diag(&dl, "x.cfg:5002: error:", "question 'q17'", "duplicate id",
	    "first defined at line 20", NULL);
	diag_clear(&dl);
	free(text);
	text = many_questions(5000, 3000, 2999);
	cr_expect_eq(load_bad(text, &dl), 2);
	test_expect_diag(&dl, "x.cfg:3003: error:", "question 'q2999'", "duplicate id",
	    "first defined at line 3002", NULL);
	/* The next question's condition names q3000, which is no more. */
	test_expect_diag(&dl, "x.cfg:3004: error:", "question 'q3001'", "unknown question 'q3000'",
	    NULL);
	diag_clear(&dl);
	free(text);
}

/* A condition names the first of two questions with one id, as a search from the top
 * would find it: b's condition is about the c asked before it, not the one after. */
Test(questionnaire_large, conditions_find_the_first_of_a_duplicate_id)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(HEAD "  { id = \"c\"; type = \"text\"; text = \"C\"; },\n"
	                           "  { id = \"b\"; type = \"text\"; text = \"B\"; show_if = "
	                           "\"answered(c)\"; },\n"
	                           "  { id = \"c\"; type = \"text\"; text = \"C again\"; }\n" TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'c'", "duplicate id",
	    "first defined at line 3", NULL);
	diag_clear(&dl);
}

Test(questionnaire_large, duplicate_sections_among_many)
{
	struct diag_list dl = { 0 };
	struct strbuf sb = { 0 };
	size_t i;

	sb_append(&sb, "id = \"x\"; version = 1; title = \"T\"; sections = (\n");
	for (i = 0; i < 3000; i++)
		sb_printf(&sb,
		    "{ id = \"s%zu\"; title = \"S\"; questions = ( { id = \"q%zu\"; type = "
		    "\"info\"; "
		    "text = \"I\"; } ); }%s\n",
		    i == 2500 ? 7 : i, i, i + 1 < 3000 ? "," : "");
	sb_append(&sb, ");\n");
	cr_expect_eq(load_bad(sb_str(&sb), &dl), 1);
	test_expect_diag(&dl, "x.cfg:2502: error:", "section 's7'", "duplicate section id", NULL);
	diag_clear(&dl);
	sb_free(&sb);
}

/* --- texts fit for a terminal ---------------------------------------------------------- */

/* What each text field may not hold, spelled as libconfig escapes, and how it is named. */
static const struct {
	const char *bytes, *name;
} unfit[] = {
	{ "\\x1b]52;c;aGk=\\x07", "ESC" }, /* OSC 52: writes the clipboard */
	{ "\\x1b]0;title\\x07", "ESC" },   /* OSC 0: the window title */
	{ "\\x1b[2J", "ESC" },             /* clears the screen */
	{ "\\x07", "BEL" }, { "\\t", "TAB" }, { "\\r", "CR" }, { "\\x7f", "DEL" },
	{ "\\xc2\\x9b", "U+009B" },      /* C1 CSI */
	{ "\\xe2\\x80\\xae", "U+202E" }, /* right-to-left override */
	{ "\\xe2\\x81\\xa6", "U+2066" }, /* left-to-right isolate */
};

/* Every text of a questionnaire, the one at `field` holding `bad` ("" for none). */
static char *
questionnaire_with(int field, const char *bad)
{
	const char *t[10];
	int i;

	for (i = 0; i < 10; i++)
		t[i] = i == field ? bad : "";
	return xasprintf(
	    "id = \"x%s\"; version = 1; title = \"T%s\";\n"                                  /* 1 */
	    "sections = ( { id = \"s\"; title = \"S%s\"; questions = (\n"                    /* 2 */
	    "  { id = \"a\"; type = \"single\"; text = \"A%s\"; help = \"H%s\";\n"           /* 3 */
	    "    allow_unknown = true; unknown_label = \"U%s\";\n"                           /* 4 */
	    "    options = ( { value = \"x\"; label = \"X%s\"; illustration = \"P%s\"; },\n" /* 5 */
	    "                { value = \"y\"; label = \"Y\"; } );\n"                         /* 6 */
	    "    option_order_reason = \"R%s\"; },\n"                                        /* 7 */
	    "  { id = \"n\"; type = \"integer\"; text = \"N\"; min = 0; max = 9;\n"          /* 8 */
	    "    unit = \"days%s\"; } ) } );\n",                                             /* 9 */
	    t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
}

static const struct {
	const char *owner, *key;
	int line;
	bool lines; /* may hold a line break */
} text_fields[10] = {
	{ "questionnaire", "id", 1, false },
	{ "questionnaire", "title", 1, false },
	{ "section 's'", "title", 2, false },
	{ "question 'a'", "text", 3, false },
	{ "question 'a'", "help", 3, true },
	{ "question 'a'", "unknown_label", 4, false },
	{ "question 'a'", "label", 5, false },
	{ "question 'a'", "illustration", 5, true },
	{ "question 'a'", "option_order_reason", 7, true },
	{ "question 'n'", "unit", 9, false },
};

Test(questionnaire_text, every_text_field_is_checked)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn;
	char *text = questionnaire_with(-1, ""), prefix[32], what[128];
	size_t f, b;

	qn = load_good(text);
	questionnaire_free(qn);
	free(text);
	for (f = 0; f < 10; f++)
		for (b = 0; b < sizeof unfit / sizeof unfit[0]; b++) {
			text = questionnaire_with((int)f, unfit[b].bytes);
			cr_expect_eq(load_bad(text, &dl), 1, "%s %s", text_fields[f].key,
			    unfit[b].name);
			snprintf(prefix, sizeof prefix, "x.cfg:%d: error:", text_fields[f].line);
			snprintf(what, sizeof what, "%s: %s holds a control character (%s)",
			    text_fields[f].owner, text_fields[f].key, unfit[b].name);
			test_expect_diag(&dl, prefix, what, NULL);
			diag_clear(&dl);
			free(text);
		}
}

/* A line break only where ctext.c allows one in a translation: help (a paragraph) and a
 * picture (drawn line by line), and option_order_reason (an explanation, never a row). */
Test(questionnaire_text, line_breaks_only_in_paragraphs_and_pictures)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn;
	char *text, prefix[32], what[128];
	size_t f;

	for (f = 0; f < 10; f++) {
		text = questionnaire_with((int)f, "\\nmore");
		if (text_fields[f].lines) {
			qn = load_good(text);
			questionnaire_free(qn);
			free(text);
			continue;
		}
		cr_expect_eq(load_bad(text, &dl), 1, "%s", text_fields[f].key);
		snprintf(prefix, sizeof prefix, "x.cfg:%d: error:", text_fields[f].line);
		snprintf(what, sizeof what, "%s: %s holds a line break; it must be one line",
		    text_fields[f].owner, text_fields[f].key);
		test_expect_diag(&dl, prefix, what, NULL);
		diag_clear(&dl);
		free(text);
	}
}

/* A byte that is not UTF-8 may be an 8-bit control (0x9b is CSI) to some terminals. */
Test(questionnaire_text, bytes_that_are_not_utf8)
{
	struct diag_list dl = { 0 };
	char *text = questionnaire_with(3, "\\x9b2J");

	cr_expect_eq(load_bad(text, &dl), 1);
	test_expect_diag(&dl, "x.cfg:3: error:", "question 'a': text is not valid UTF-8", NULL);
	diag_clear(&dl);
	free(text);
	/* A truncated sequence and an overlong one. */
	text = questionnaire_with(6, "\\xe2\\x80");
	cr_expect_eq(load_bad(text, &dl), 1);
	test_expect_diag(&dl, "x.cfg:5: error:", "question 'a': label is not valid UTF-8", NULL);
	diag_clear(&dl);
	free(text);
	text = questionnaire_with(1, "\\xc0\\x9b");
	cr_expect_eq(load_bad(text, &dl), 1);
	test_expect_diag(&dl, "x.cfg:1: error:", "questionnaire: title is not valid UTF-8", NULL);
	diag_clear(&dl);
	free(text);
}

/* Printable text of any script passes, and so do the characters next to the refused ones
 * (U+00A0, U+202F, U+206A). */
Test(questionnaire_text, printable_text_of_any_script)
{
	char *text = questionnaire_with(3,
	    " caf\\xc3\\xa9 \\xe2\\x80\\x94 \\xd7\\xa9\\xd7\\x9c\\xd7\\x95\\xd7\\x9d "
	    "\\xc2\\xa0\\xe2\\x80\\xaf\\xe2\\x81\\xaa ~");
	struct questionnaire *qn = load_good(text);

	cr_expect(strstr(qn->questions[0].text, "caf\xc3\xa9") != NULL);
	questionnaire_free(qn);
	free(text);
}

/* A condition is checked as text too (the lexer reports the character as well). */
Test(questionnaire_text, condition_with_a_control_character)
{
	struct diag_list dl = { 0 };

	load_bad(HEAD "  { id = \"a\"; type = \"text\"; text = \"A\"; },\n"
	              "  { id = \"b\"; type = \"text\"; text = \"B\"; show_if = \"answered(a)"
	              "\\x1b[2J\"; }\n" TAIL,
	    &dl);
	test_expect_diag(&dl,
	    "x.cfg:4: error:", "question 'b': show_if holds a control character (ESC)", NULL);
	diag_clear(&dl);
}
