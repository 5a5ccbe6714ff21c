/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "smpscreen/date.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * The FHIR formatter. The enableWhen translation is checked condition by condition against
 * a questionnaire that has one question of each kind; the resources are checked element by
 * element here, and as whole files (goldens, and an R4 checker) in tests/e2e_fhir.sh.
 */

#define URL "https://example.org/Questionnaire/x"
#define SYS "\"system\":\"" URL "\""

/* A single s (a, b, not sure), a multi m (x, y, none, not sure), a number n, a number nu
 * that allows "not sure", a text t and an info item i; then the question under test. */
static const char base[] =
    "id = \"x\"; version = 2; title = \"T\"; url = \"" URL "\";\n"
    "sections = ( { id = \"s1\"; title = \"S\"; questions = (\n"
    "  { id = \"s\"; type = \"single\"; text = \"S?\";\n"
    "    options = ( { value = \"a\"; label = \"A\"; }, { value = \"b\"; label = \"B\"; } );\n"
    "    allow_unknown = true; },\n"
    "  { id = \"m\"; type = \"multi\"; text = \"M?\";\n"
    "    options = ( { value = \"none\"; label = \"None\"; }, { value = \"x\"; label = \"X\"; },\n"
    "      { value = \"y\"; label = \"Y\"; } ); allow_unknown = true; },\n"
    "  { id = \"n\"; type = \"integer\"; text = \"N?\"; min = 0; max = 100; },\n"
    "  { id = \"nu\"; type = \"integer\"; text = \"NU?\"; min = 0; max = 100;\n"
    "    allow_unknown = true; unknown_label = \"Not sure\"; },\n"
    "  { id = \"t\"; type = \"text\"; text = \"T?\"; required = false; },\n"
    "  { id = \"i\"; type = \"info\"; text = \"Info.\"; },\n";

/* The questionnaire with a last question shown when show_if holds (NULL: always). */
static struct questionnaire *
with_condition(const char *show_if)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	char *text, *msg;

	if (show_if != NULL)
		text = xasprintf("%s  { id = \"q\"; type = \"integer\"; text = \"Q?\"; min = 0; "
		                 "max = 9; show_if = \"%s\"; } ); } );\n",
		    base, show_if);
	else
		text = xasprintf("%s  { id = \"q\"; type = \"integer\"; text = \"Q?\"; min = 0; "
		                 "max = 9; } ); } );\n",
		    base);
	if (questionnaire_load_string(&qn, text, "x.cfg", &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("%s should load:\n%s", show_if, msg);
	}
	diag_clear(&dl);
	free(text);
	return qn;
}

/* The enableWhen of show_if as compact JSON, or NULL when it does not translate. */
static char *
translated(const char *show_if)
{
	struct questionnaire *qn = with_condition(show_if);
	struct strbuf sb = { 0 };
	bool ok = report_fhir_enable_when(&sb, qn, qn->n_questions - 1);

	cr_assert_eq(ok, sb.len > 0, "%s: the result and the output disagree", show_if);
	questionnaire_free(qn);
	if (!ok) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

static void
expect_translation(const char *show_if, const char *want)
{
	char *got = translated(show_if);

	if (want == NULL)
		cr_expect_null(got, "'%s' must not translate, got %s", show_if, got);
	else {
		cr_expect_not_null(got, "'%s' should translate", show_if);
		if (got != NULL)
			cr_expect_str_eq(got, want, "'%s'", show_if);
	}
	free(got);
}

#define EW(...) "{\"enableWhen\":[" __VA_ARGS__ "]}"
/* Two or three conditions joined by commas. */
#define JOIN2(a, b) a "," b
#define JOIN3(a, b, c) a "," b "," c
#define PICK(_1, _2, _3, name, ...) name
#define JOIN(...) PICK(__VA_ARGS__, JOIN3, JOIN2, )(__VA_ARGS__)
#define EWB(how, ...) "{\"enableWhen\":[" JOIN(__VA_ARGS__) "],\"enableBehavior\":\"" how "\"}"
#define CODING(q, op, code)                                                                        \
	"{\"question\":\"" q "\",\"operator\":\"" op "\",\"answerCoding\":{" SYS                   \
	",\"code\":\"" code "\"}}"
#define INTEGER(q, op, n)                                                                          \
	"{\"question\":\"" q "\",\"operator\":\"" op "\",\"answerInteger\":" #n "}"
#define EXISTS(q, b) "{\"question\":\"" q "\",\"operator\":\"exists\",\"answerBoolean\":" #b "}"

/* --- edges ------------------------------------------------------------------------------- */

Test(fhir_enable_when, no_condition_and_out_of_range)
{
	struct questionnaire *qn = with_condition(NULL);
	struct strbuf sb = { 0 };

	cr_expect_not(report_fhir_enable_when(&sb, qn, qn->n_questions - 1));
	cr_expect_not(report_fhir_enable_when(&sb, qn, qn->n_questions));
	cr_expect_not(report_fhir_enable_when(&sb, qn, (size_t)-1));
	cr_expect_eq(sb.len, 0, "nothing appended");
	sb_free(&sb);
	questionnaire_free(qn);
}

Test(fhir_enable_when, appends_after_what_is_there)
{
	struct questionnaire *qn = with_condition("s == 'a'");
	struct strbuf sb = { 0 };

	sb_append(&sb, ">");
	cr_assert(report_fhir_enable_when(&sb, qn, qn->n_questions - 1));
	cr_expect_str_eq(sb_str(&sb), ">" EW(CODING("s", "=", "a")));
	sb_free(&sb);
	questionnaire_free(qn);
}

/* --- what translates, exactly ------------------------------------------------------------ */

Test(fhir_enable_when, single_choice)
{
	expect_translation("s == 'a'", EW(CODING("s", "=", "a")));
	/* R4's != also holds without an answer; the contract's does not: exists beside it. */
	expect_translation("s != 'a'", EWB("all", EXISTS("s", true), CODING("s", "!=", "a")));
	expect_translation("not (s == 'a')", EW(CODING("s", "!=", "a")));
	expect_translation("not (s != 'a')", EWB("any", EXISTS("s", false), CODING("s", "=", "a")));
	expect_translation("s == 'unknown'", EW(CODING("s", "=", "unknown")));
	expect_translation("s in ['a', 'b']",
	    EWB("any", CODING("s", "=", "a"), CODING("s", "=", "b")));
	expect_translation("s in ['b']", EW(CODING("s", "=", "b")));
}

Test(fhir_enable_when, multi_choice)
{
	expect_translation("'x' in m", EW(CODING("m", "=", "x")));
	expect_translation("not ('x' in m)", EW(CODING("m", "!=", "x")));
	expect_translation("'unknown' in m", EW(CODING("m", "=", "unknown")));
	expect_translation("answered(m) and not ('none' in m)",
	    EWB("all", EXISTS("m", true), CODING("m", "!=", "none")));
	expect_translation("'x' in m or 'y' in m",
	    EWB("any", CODING("m", "=", "x"), CODING("m", "=", "y")));
}

Test(fhir_enable_when, answered)
{
	expect_translation("answered(s)", EW(EXISTS("s", true)));
	expect_translation("not answered(s)", EW(EXISTS("s", false)));
	expect_translation("answered(t)", EW(EXISTS("t", true)));
	/* An info item has no answers to test. */
	expect_translation("answered(i)", NULL);
}

Test(fhir_enable_when, integers)
{
	expect_translation("n < 18", EW(INTEGER("n", "<", 18)));
	expect_translation("18 > n", EW(INTEGER("n", "<", 18)));
	expect_translation("n >= 18 and n <= 65",
	    EWB("all", INTEGER("n", ">=", 18), INTEGER("n", "<=", 65)));
	expect_translation("n == 5", EW(INTEGER("n", "=", 5)));
	expect_translation("n != 5", EWB("all", EXISTS("n", true), INTEGER("n", "!=", 5)));
	expect_translation("n in [1, 2]", EWB("any", INTEGER("n", "=", 1), INTEGER("n", "=", 2)));
	/* R4 has no "not less than" that is also false without an answer. */
	expect_translation("not (n < 18)", NULL);
}

/* "Not sure" to a number is no answer in R4: only tests false for it too still hold. */
Test(fhir_enable_when, number_that_allows_not_sure)
{
	expect_translation("nu < 18", EW(INTEGER("nu", "<", 18)));
	expect_translation("nu == 5", EW(INTEGER("nu", "=", 5)));
	expect_translation("nu == 'unknown'", NULL);
	expect_translation("answered(nu)", NULL);
	expect_translation("not answered(nu)", NULL);
	expect_translation("nu != 5", NULL);
	expect_translation("not (nu == 5)", NULL);
}

Test(fhir_enable_when, de_morgan)
{
	expect_translation("not (s == 'a' or 'x' in m)",
	    EWB("all", CODING("s", "!=", "a"), CODING("m", "!=", "x")));
	expect_translation("not (s == 'a' and 'x' in m)",
	    EWB("any", CODING("s", "!=", "a"), CODING("m", "!=", "x")));
	expect_translation("not not (s == 'a')", EW(CODING("s", "=", "a")));
	expect_translation("(s == 'a' and 'x' in m) and n < 3",
	    EWB("all", CODING("s", "=", "a"), CODING("m", "=", "x"), INTEGER("n", "<", 3)));
}

Test(fhir_enable_when, mixed_lists_do_not_translate)
{
	expect_translation("(s == 'a' or s == 'b') and 'x' in m", NULL);
	expect_translation("s == 'a' and ('x' in m or 'y' in m)", NULL);
	/* != needs an all-of list, which an any-of list cannot hold. */
	expect_translation("s != 'a' or 'x' in m", NULL);
	expect_translation("not (s == 'a' or s != 'b')", NULL);
	/* ... but its negation is an any-of list: not (q != v) is "absent, or v". */
	expect_translation("not (s != 'a' and 'x' in m)",
	    EWB("any", EXISTS("s", false), CODING("s", "=", "a"), CODING("m", "!=", "x")));
	expect_translation("true", NULL);
	expect_translation("false or s == 'a'", NULL);
}

/* --- the Questionnaire ------------------------------------------------------------------- */

static json_t *
parse(const char *s)
{
	json_error_t err;
	json_t *j = json_loads(s, 0, &err);

	cr_assert_not_null(j, "not JSON (%s, line %d):\n%s", err.text, err.line, s);
	return j;
}

static json_t *
questionnaire_json(const struct questionnaire *qn)
{
	struct strbuf sb = { 0 };
	json_t *j;

	report_write_fhir_questionnaire(&sb, qn);
	cr_assert_gt(sb.len, 0);
	cr_expect_eq(sb.buf[sb.len - 1], '\n', "ends with a newline");
	j = parse(sb_str(&sb));
	sb_free(&sb);
	return j;
}

/* The item with this linkId (borrowed), failing the test when there is none. */
static json_t *
item_of(json_t *items, const char *link)
{
	size_t i;
	json_t *it;

	json_array_foreach(items, i,
	    it) if (strcmp(json_string_value(json_object_get(it, "linkId")), link) == 0) return it;
	cr_assert_fail("no item %s", link);
	return NULL;
}

/* The value of the extension with this url in obj, or NULL. */
static json_t *
ext_value(json_t *obj, const char *url, const char *key)
{
	size_t i;
	json_t *e;

	json_array_foreach(json_object_get(obj, "extension"), i,
	    e) if (strcmp(json_string_value(json_object_get(e, "url")), url) ==
	    0) return json_object_get(e, key);
	return NULL;
}

static const char *
str_at(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s != NULL ? s : "(none)";
}

static const char *
ext_str(json_t *obj, const char *url, const char *key)
{
	const char *s = json_string_value(ext_value(obj, url, key));

	return s != NULL ? s : "(none)";
}

Test(fhir_questionnaire, header_and_every_question_in_order)
{
	struct questionnaire *qn = test_mini_questionnaire();
	json_t *j = questionnaire_json(qn), *items = json_object_get(j, "item");
	size_t i;

	cr_expect_str_eq(str_at(j, "resourceType"), "Questionnaire");
	cr_expect_str_eq(str_at(j, "url"),
	    "https://smpscreen.org/fhir/Questionnaire/mini-consultation");
	cr_expect_str_eq(str_at(j, "version"), "3", "the version is an R4 string");
	cr_expect_str_eq(str_at(j, "name"), "MiniConsultation");
	cr_expect_str_eq(str_at(j, "status"), "active");
	cr_assert_eq(json_array_size(items), qn->n_questions);
	for (i = 0; i < qn->n_questions; i++)
		cr_expect_str_eq(str_at(json_array_get(items, i), "linkId"), qn->questions[i].id);
	json_decref(j);
	questionnaire_free(qn);
}

Test(fhir_questionnaire, item_types_and_options)
{
	struct questionnaire *qn = test_mini_questionnaire();
	json_t *j = questionnaire_json(qn), *items = json_object_get(j, "item"), *it, *opts;

	it = item_of(items, "age");
	cr_expect_str_eq(str_at(it, "type"), "integer");
	cr_expect(json_is_true(json_object_get(it, "required")));
	cr_expect_eq(json_integer_value(ext_value(it,
	                 "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger")),
	    120);
	cr_expect_null(json_object_get(it, "answerOption"), "a number lists no options");

	it = item_of(items, "pregnancy");
	cr_expect_str_eq(str_at(it, "type"), "choice");
	cr_expect_null(json_object_get(it, "repeats"));
	opts = json_object_get(it, "answerOption");
	cr_assert_eq(json_array_size(opts), 4, "three options and 'not sure'");
	it = json_object_get(json_array_get(opts, 3), "valueCoding");
	cr_expect_str_eq(str_at(it, "code"), "unknown");
	cr_expect_str_eq(str_at(it, "display"), "Prefer not to say");
	cr_expect_str_eq(str_at(it, "system"), qn->url);

	it = item_of(items, "loss_reasons");
	cr_expect(json_is_true(json_object_get(it, "repeats")), "a multi question repeats");

	/* A number that allows "not sure" is not required in R4's sense: "not sure" is no answer.
	 */
	it = item_of(items, "scar_age_months");
	cr_expect(json_is_false(json_object_get(it, "required")));
	it = ext_value(it, "https://smpscreen.org/fhir/StructureDefinition/unknown-answer",
	    "valueCoding");
	cr_expect_str_eq(str_at(it, "code"), "unknown");

	it = item_of(items, "notes_free");
	cr_expect_str_eq(str_at(it, "type"), "text");
	cr_expect_eq(json_integer_value(json_object_get(it, "maxLength")), 200);
	cr_expect_str_eq(ext_str(it, "https://smpscreen.org/fhir/StructureDefinition/audience",
	                     "valueCode"),
	    "consultant");
	cr_expect_null(ext_value(item_of(items, "age"),
	                   "https://smpscreen.org/fhir/StructureDefinition/audience", "valueCode"),
	    "only consultant items are marked");

	/* que-6: a display item is neither required nor repeated. */
	it = item_of(items, "price_info");
	cr_expect_str_eq(str_at(it, "type"), "display");
	cr_expect_null(json_object_get(it, "required"));
	cr_expect_null(json_object_get(it, "answerOption"));
	json_decref(j);
	questionnaire_free(qn);
}

Test(fhir_questionnaire, conditions_as_enable_when_or_as_text)
{
	struct questionnaire *qn = test_mini_questionnaire();
	json_t *j = questionnaire_json(qn), *items = json_object_get(j, "item"), *it;

	it = item_of(items, "norwood");
	cr_expect_eq(json_array_size(json_object_get(it, "enableWhen")), 1);
	cr_expect_null(json_object_get(it, "enableBehavior"), "one condition needs no behaviour");
	cr_expect_null(json_object_get(it, "extension"));
	it = item_of(items, "scar_age_months");
	cr_expect_eq(json_array_size(json_object_get(it, "enableWhen")), 2);
	cr_expect_str_eq(str_at(it, "enableBehavior"), "all");
	json_decref(j);
	questionnaire_free(qn);

	qn = with_condition("not (n < 18)");
	j = questionnaire_json(qn);
	it = item_of(json_object_get(j, "item"), "q");
	cr_expect_null(json_object_get(it, "enableWhen"));
	cr_expect_str_eq(ext_str(it, "https://smpscreen.org/fhir/StructureDefinition/show-if",
	                     "valueString"),
	    "not (n < 18)");
	json_decref(j);
	questionnaire_free(qn);
}

Test(fhir_questionnaire, without_url_a_urn_from_the_id)
{
	struct diag_list dl = { 0 };
	struct questionnaire *qn = NULL;
	json_t *j, *opt;

	cr_assert_eq(questionnaire_load_string(&qn,
	                 "id = \"my_form-b\"; version = 1; title = \"T\";\n"
	                 "sections = ( { id = \"s\"; title = \"S\"; questions = (\n"
	                 "  { id = \"a\"; type = \"single\"; text = \"A\";\n"
	                 "    options = ( { value = \"y\"; label = \"Y\"; },\n"
	                 "      { value = \"n\"; label = \"N\"; } ); } ); } );\n",
	                 "x.cfg", &dl),
	    0);
	j = questionnaire_json(qn);
	cr_expect_str_eq(str_at(j, "url"), "urn:smpscreen:questionnaire:my_form-b");
	cr_expect_str_eq(str_at(j, "name"), "MyFormB");
	opt =
	    json_object_get(json_array_get(json_object_get(item_of(json_object_get(j, "item"), "a"),
	                                       "answerOption"),
	                        0),
	        "valueCoding");
	cr_expect_str_eq(str_at(opt, "system"), "urn:smpscreen:questionnaire:my_form-b");
	json_decref(j);
	questionnaire_free(qn);
	diag_clear(&dl);
}

/* --- the Bundle -------------------------------------------------------------------------- */

struct fixture {
	struct content ct;
	struct answers *ans;
	struct outcome *oc;
	struct report_input in;
};

/* The mini content and answers from text (NULL: answers made in memory, from nowhere). */
static void
fixture_load(struct fixture *fx, const char *answers_text, const char *today)
{
	struct date d;

	memset(fx, 0, sizeof *fx);
	test_mini_content(&fx->ct);
	fx->ans =
	    answers_text != NULL ? test_answers(fx->ct.qn, answers_text) : answers_new(fx->ct.qn);
	cr_assert_eq(date_parse(today, &d), 0);
	fx->oc = outcome_compute(fx->ct.rs, fx->ans, &fx->ct.st, d);
	fx->in = (struct report_input){ .qn = fx->ct.qn,
		.rs = fx->ct.rs,
		.st = &fx->ct.st,
		.ans = fx->ans,
		.oc = fx->oc };
}

static void
fixture_free(struct fixture *fx)
{
	outcome_free(fx->oc);
	answers_free(fx->ans);
	content_free(&fx->ct);
}

static char *
bundle_text(const struct fixture *fx)
{
	struct strbuf sb = { 0 };

	report_write_fhir(&sb, &fx->in);
	return sb_detach(&sb);
}

static const char answers_with_record[] =
    "questionnaire = \"mini-consultation\";\n"
    "record = { id = \"r-1\"; created_at = \"2027-01-31T10:15:00Z\"; };\n"
    "client = { name = \"Alex Ex\xc3\xa4mple\"; reference = \"CL-7\"; };\n"
    "answers = {\n"
    "  age = 16;\n"
    "  pregnancy = \"pregnant\";\n"
    "  goal = \"buzz_look\";\n"
    "  loss_reasons = [ \"pattern\", \"scars\" ];\n"
    "  norwood = \"unknown\";\n"
    "  scar_types = [ \"fut_strip\" ];\n"
    "  scar_age_months = \"unknown\";\n"
    "  heart_conditions = [ \"none\" ];\n"
    "  notes_free = \"Call \\x1b[31mafter noon\";\n"
    "};\n";

/* The code of prediction i of a RiskAssessment. */
static const char *
prediction_code(json_t *ra, size_t i)
{
	json_t *p = json_array_get(json_object_get(ra, "prediction"), i);

	return str_at(json_array_get(json_object_get(json_object_get(p, "outcome"), "coding"), 0),
	    "code");
}

Test(fhir_bundle, shape_identity_and_links)
{
	struct fixture fx;
	char *s;
	json_t *j, *qr, *ra, *entries, *basis, *it;
	const char *qr_url;

	fixture_load(&fx, answers_with_record, "2027-01-31");
	s = bundle_text(&fx);
	j = parse(s);
	cr_expect_str_eq(str_at(j, "resourceType"), "Bundle");
	cr_expect_str_eq(str_at(j, "type"), "collection");
	cr_expect_str_eq(str_at(j, "timestamp"), "2027-01-31T10:15:00Z");
	cr_expect_str_eq(str_at(json_object_get(j, "identifier"), "value"), "r-1");
	entries = json_object_get(j, "entry");
	cr_assert_eq(json_array_size(entries), 2);
	qr = json_object_get(json_array_get(entries, 0), "resource");
	ra = json_object_get(json_array_get(entries, 1), "resource");
	qr_url = str_at(json_array_get(entries, 0), "fullUrl");
	cr_expect_eq(strlen(qr_url), 45);
	cr_expect_eq(strncmp(qr_url, "urn:uuid:", 9), 0);
	cr_expect_eq(qr_url[9 + 14], '8', "a version 8 (name-based, SHA-256) UUID: %s", qr_url);
	cr_expect_str_neq(qr_url, str_at(json_array_get(entries, 1), "fullUrl"));

	cr_expect_str_eq(str_at(qr, "questionnaire"),
	    "https://smpscreen.org/fhir/Questionnaire/mini-consultation|3");
	cr_expect_str_eq(str_at(qr, "status"), "completed");
	cr_expect_str_eq(str_at(qr, "authored"), "2027-01-31T10:15:00Z");
	cr_expect_str_eq(str_at(json_object_get(qr, "subject"), "display"), "Alex Ex\xc3\xa4mple");
	cr_expect_str_eq(str_at(json_object_get(json_object_get(qr, "subject"), "identifier"),
	                     "value"),
	    "CL-7");

	it = item_of(json_object_get(qr, "item"), "loss_reasons");
	cr_expect_eq(json_array_size(json_object_get(it, "answer")), 2, "one answer per choice");
	it = item_of(json_object_get(qr, "item"), "norwood");
	cr_expect_str_eq(str_at(json_object_get(json_array_get(json_object_get(it, "answer"), 0),
	                            "valueCoding"),
	                     "display"),
	    "Not sure - the consultant will assess");
	it = item_of(json_object_get(qr, "item"), "scar_age_months");
	cr_expect_null(json_object_get(it, "answer"), "a number answered 'not sure' has none");
	cr_expect_str_eq(ext_str(it, "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
	                     "valueCode"),
	    "asked-unknown");
	it = item_of(json_object_get(qr, "item"), "notes_free");
	cr_expect_str_eq(str_at(json_array_get(json_object_get(it, "answer"), 0), "valueString"),
	    "Call [31mafter noon", "the escape is gone");

	cr_expect_str_eq(str_at(ra, "status"), "final");
	cr_expect_str_eq(str_at(ra, "occurrenceDateTime"), "2027-01-31");
	cr_expect_str_eq(str_at(json_object_get(ra, "method"), "text"),
	    "smpscreen rules mini-rules v2");
	basis = json_object_get(ra, "basis");
	cr_expect_str_eq(str_at(json_array_get(basis, 0), "reference"), qr_url);
	cr_expect_eq(json_array_size(basis), 1 + fx.oc->n_fired,
	    "the answers and every fired rule");
	cr_expect_str_eq(prediction_code(ra, 0), "defer");
	cr_expect_str_eq(prediction_code(ra, 1), rules_patch_name(fx.oc->patch));
	cr_expect_not_null(json_object_get(ra, "mitigation"), "a deferral says when to come back");
	json_decref(j);
	free(s);
	fixture_free(&fx);
}

Test(fhir_bundle, same_input_same_bytes_other_date_other_assessment)
{
	struct fixture a, b;
	char *s1, *s2, *s3;
	json_t *j1, *j3;

	fixture_load(&a, answers_with_record, "2027-01-31");
	fixture_load(&b, answers_with_record, "2027-06-30");
	s1 = bundle_text(&a);
	s2 = bundle_text(&a);
	s3 = bundle_text(&b);
	cr_expect_str_eq(s1, s2);
	j1 = parse(s1);
	j3 = parse(s3);
	/* The answers are the same; the assessment, made on another day, is another one. */
	cr_expect_str_eq(str_at(json_array_get(json_object_get(j1, "entry"), 0), "fullUrl"),
	    str_at(json_array_get(json_object_get(j3, "entry"), 0), "fullUrl"));
	cr_expect_str_neq(str_at(json_array_get(json_object_get(j1, "entry"), 1), "fullUrl"),
	    str_at(json_array_get(json_object_get(j3, "entry"), 1), "fullUrl"));
	json_decref(j1);
	json_decref(j3);
	free(s1);
	free(s2);
	free(s3);
	fixture_free(&a);
	fixture_free(&b);
}

Test(fhir_bundle, anonymous_and_unsaved)
{
	struct fixture fx;
	char *s;
	json_t *j, *qr, *ra;

	fixture_load(&fx, NULL, "2027-01-31");
	s = bundle_text(&fx);
	j = parse(s);
	cr_expect_null(json_object_get(j, "timestamp"), "an instant needs a time");
	cr_expect_str_eq(str_at(json_object_get(j, "identifier"), "value"), "unsaved");
	qr = json_object_get(json_array_get(json_object_get(j, "entry"), 0), "resource");
	ra = json_object_get(json_array_get(json_object_get(j, "entry"), 1), "resource");
	cr_expect_null(json_object_get(qr, "subject"), "no client, no subject");
	cr_expect_null(json_object_get(qr, "item"), "no answers, no items (never an empty list)");
	cr_expect_str_eq(str_at(qr, "authored"), "2027-01-31");
	cr_expect_str_eq(str_at(json_object_get(ra, "subject"), "display"), "Screened client",
	    "R4 requires the assessment's subject");
	cr_expect_null(json_object_get(json_object_get(ra, "subject"), "identifier"));
	json_decref(j);
	free(s);
	fixture_free(&fx);
}
