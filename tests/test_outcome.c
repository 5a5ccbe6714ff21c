/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/expr.h"
#include "helpers.h"
#include "smpscreen/answer.h"
#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"

/*
 * The outcome of the bundled contract files (questionnaires/smp-*.cfg) on cases from
 * domain/questions.md. Each case is a complete answer file: the "all no / none" answers
 * below with some lines replaced or added (build()).
 */

/* One answer per entry, in questionnaire order. Consultant items are left out (optional). */
static const char *const base_answers[] = { "age = 34", "pregnancy = \"no\"",
	"goal = \"short_denser\"", "hair_colour = \"dark_brown\"", "skin_type = \"type_3\"",
	"loss_reasons = [ \"pattern\" ]", "norwood = \"iii\"", "loss_trend = \"stable\"",
	"loss_treatments = [ \"none\" ]", "will_shave = \"yes\"", "scar_types = [ \"none\" ]",
	"keloid_history = \"no\"", "hair_transplant = \"never\"", "existing_pigment = \"none\"",
	"scalp_laser_recent = \"no\"", "injectables_recent = \"no\"",
	"scalp_skin_treatment = \"no\"", "scalp_now = [ \"none\" ]",
	"chronic_scalp_condition = [ \"none\" ]", "moles = \"none\"",
	"scalp_tanned_recent = \"no\"", "pih_tendency = \"no\"", "bleeding_disorder = \"no\"",
	"anticoagulant = \"no\"", "otc_blood_thinners = \"no\"", "diabetes = \"no\"",
	"heart_conditions = [ \"none\" ]", "epilepsy = \"no\"", "immune = [ \"none\" ]",
	"chemo_status = \"never\"", "isotretinoin = \"never\"", "antibiotics = \"no\"",
	"doxycycline_6m = \"no\"", "thyroid_meds = \"no\"", "liver_disease = \"no\"",
	"pigment_condition = \"none\"", "previous_pigment = \"healed_ok\"",
	"anaesthetic_reaction = \"no\"", "metal_allergy = \"no\"", "latex_allergy = \"no\"",
	"dye_henna_reaction = \"no\"", "aftercare_product_reaction = \"no\"",
	"sensitive_skin = \"no\"", "expectations = [ \"fuller_look\" ]",
	"longevity_wish = \"as_long_as_possible\"", "touchups_ok = \"yes\"",
	"sun_exposure = \"little\"", "upcoming_plans = [ \"none\" ]",
	"can_attend_sessions = \"yes\"", "pain_worry = \"not_worried\"", NULL };

/* Length of the key of "key = value". */
static size_t
key_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0' && s[n] != ' ' && s[n] != '=')
		n++;
	return n;
}

/* The last override with the same key as line, or NULL. */
static const char *
last_override(const char *const *over, const char *line)
{
	const char *hit = NULL;
	size_t n = key_len(line);

	for (; over != NULL && *over != NULL; over++)
		if (key_len(*over) == n && strncmp(*over, line, n) == 0)
			hit = *over;
	return hit;
}

/*
 * The base answers with overrides: "key = value" replaces the base line of that key (or is
 * added at the end when the base has none); a bare "key" removes it; later overrides win.
 * Returns a complete answer file, owned by the caller.
 */
static char *
build(const char *const *over)
{
	struct strbuf sb = { 0 };
	const char *o;
	size_t i;

	sb_append(&sb, "questionnaire = \"smp-consultation\";\nanswers = {\n");
	for (i = 0; base_answers[i] != NULL; i++) {
		o = last_override(over, base_answers[i]);
		if (o == NULL)
			sb_printf(&sb, "  %s;\n", base_answers[i]);
		else if (strchr(o, '=') != NULL)
			sb_printf(&sb, "  %s;\n", o);
	}
	for (i = 0; over != NULL && over[i] != NULL; i++) {
		if (last_override(base_answers, over[i]) != NULL)
			continue;
		if (last_override(over, over[i]) == over[i] && strchr(over[i], '=') != NULL)
			sb_printf(&sb, "  %s;\n", over[i]);
	}
	sb_append(&sb, "};\n");
	return sb_detach(&sb);
}

struct contract {
	struct questionnaire *qn;
	struct ruleset *rs;
};

static struct contract
contract_load(void)
{
	struct contract c = { 0 };

	c.qn = test_bundled_questionnaire();
	c.rs = test_bundled_rules(c.qn);
	return c;
}

static void
contract_free(struct contract *c)
{
	rules_free(c->rs);
	questionnaire_free(c->qn);
}

static struct date
day(const char *s)
{
	struct date d;

	cr_assert_eq(date_parse(s, &d), 0, "bad date %s", s);
	return d;
}

static void
settings_from(struct settings *s, const struct ruleset *rs, const char *text)
{
	struct diag_list dl = { 0 };
	char *msg;

	settings_init(s, &rs->settings);
	if (text != NULL && settings_load_string(s, text, "clinic.cfg", &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("settings do not load:\n%s", msg);
	}
	diag_clear(&dl);
}

static long
rule_index(const struct ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->n_rules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return (long)i;
	cr_assert_fail("no rule %s", id);
	return -1;
}

static const struct fired_rule *
fired(const struct outcome *oc, const struct ruleset *rs, const char *id)
{
	size_t i;
	long r = rule_index(rs, id);

	for (i = 0; i < oc->n_fired; i++)
		if (oc->fired[i].rule == (size_t)r)
			return &oc->fired[i];
	return NULL;
}

/* The fired rule ids, sorted, space-separated; and the same for an expected list. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *
sorted_words(const char *s)
{
	char *copy = strdup(s), *tok, *save = NULL;
	const char *words[160];
	struct strbuf sb = { 0 };
	size_t n = 0, i;

	for (tok = strtok_r(copy, " ", &save); tok != NULL && n < 160;
	     tok = strtok_r(NULL, " ", &save))
		words[n++] = tok;
	qsort(words, n, sizeof words[0], cmp_str);
	for (i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", words[i]);
	free(copy);
	return sb_detach(&sb);
}

static char *
fired_ids(const struct outcome *oc, const struct ruleset *rs)
{
	struct strbuf sb = { 0 };
	char *joined, *sorted;
	size_t i;

	for (i = 0; i < oc->n_fired; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", rs->rules[oc->fired[i].rule].id);
	joined = sb_detach(&sb);
	sorted = sorted_words(joined);
	free(joined);
	return sorted;
}

static char *
note_ids(const struct outcome *oc, const struct ruleset *rs)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < oc->n_notes; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", rs->notes[oc->notes[i]].id);
	return sb_detach(&sb);
}

static char *
refer_ids(const struct outcome *oc, const struct ruleset *rs)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < oc->n_refer_to; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", rs->targets[oc->refer_to[i]].id);
	return sb_detach(&sb);
}

/* "rule=YYYY-MM-DD ..." for every fired rule with a come-back date, in rules order. */
static char *
fired_dates(const struct outcome *oc, const struct ruleset *rs)
{
	struct strbuf sb = { 0 };
	char buf[11];
	size_t i;

	for (i = 0; i < oc->n_fired; i++) {
		if (!oc->fired[i].has_date)
			continue;
		date_format(oc->fired[i].date, buf);
		sb_printf(&sb, "%s%s=%s", sb.len ? " " : "", rs->rules[oc->fired[i].rule].id, buf);
	}
	return sb_detach(&sb);
}

/* "rule: text | ..." for every fired rule with a come-back condition, in rules order. */
static char *
fired_conditions(const struct outcome *oc, const struct ruleset *rs)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < oc->n_fired; i++)
		if (oc->fired[i].condition != NULL)
			sb_printf(&sb, "%s%s: %s", sb.len ? " | " : "",
			    rs->rules[oc->fired[i].rule].id, oc->fired[i].condition);
	return sb_detach(&sb);
}

/* "q1 q2": the question ids of a fired rule's trace. */
static char *
trace_ids(const struct fired_rule *f, const struct questionnaire *qn)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < f->n_trace; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", qn->questions[f->trace[i]].id);
	return sb_detach(&sb);
}

/* What holds for every outcome: the orders and the derived fields are consistent. */
static void
check_invariants(const struct outcome *oc, const struct ruleset *rs, const char *name)
{
	enum level lv = LEVEL_SUITABLE;
	enum patch pt = PATCH_NOT_NEEDED;
	size_t i, k;

	for (i = 1; i < oc->n_notes; i++)
		cr_expect_lt(oc->notes[i - 1], oc->notes[i], "%s: notes in catalogue order, once",
		    name);
	for (i = 1; i < oc->n_refer_to; i++)
		cr_expect_lt(oc->refer_to[i - 1], oc->refer_to[i], "%s: refer_to ordered, once",
		    name);
	for (i = 1; i < oc->n_fired; i++)
		cr_expect_lt(oc->fired[i - 1].rule, oc->fired[i].rule, "%s: fired in file order",
		    name);
	for (i = 0; i < oc->n_fired; i++) {
		const struct rule *r = &rs->rules[oc->fired[i].rule];

		if (r->level > lv)
			lv = r->level;
		if (r->patch > pt)
			pt = r->patch;
		for (k = 1; k < oc->fired[i].n_trace; k++)
			cr_expect_lt(oc->fired[i].trace[k - 1], oc->fired[i].trace[k],
			    "%s: trace in questionnaire order", name);
		cr_expect_eq(oc->fired[i].condition != NULL,
		    r->come_back.kind == COME_BACK_CONDITION, "%s: condition of %s", name, r->id);
		if (oc->fired[i].has_date)
			cr_expect_leq(date_compare(oc->fired[i].date, oc->come_back), 0,
			    "%s: come_back is the latest date", name);
	}
	cr_expect_eq(oc->suitability, lv, "%s: strictest level", name);
	cr_expect_eq(oc->patch, pt, "%s: strictest patch", name);
}

/* Loads the case's answers (which must be valid) and computes the outcome. */
static struct outcome *
screen(const struct contract *c, const char *const *over, const char *settings_text,
    const char *today, struct answers **ap, struct settings *s)
{
	char *text = build(over);
	struct answers *a = test_answers(c->qn, text);
	struct outcome *oc;

	free(text);
	settings_from(s, c->rs, settings_text);
	oc = outcome_compute(c->rs, a, s, day(today));
	cr_assert_not_null(oc);
	if (ap != NULL)
		*ap = a;
	else
		answers_free(a);
	return oc;
}

#define BASE_TAIL "sessions healing aftercare longevity pain cost practitioner"
#define BASE_NOTES "risks mri no-regrow density " BASE_TAIL
#define BASE_FIRED "baseline-notes goal-density pain-info "

struct ocase {
	const char *name;
	const char *today;
	const char *settings; /* clinic settings text, NULL: defaults */
	const char *over[12];
	enum level level;
	enum patch patch;
	const char *fired;      /* any order */
	const char *notes;      /* exact, catalogue order */
	const char *refer;      /* exact, catalogue order */
	const char *come_back;  /* "" for none */
	const char *dates;      /* fired rules with a date */
	const char *conditions; /* fired rules with a condition, settings substituted */
};

static const struct ocase cases[] = {
	{ "all clear", "2027-01-31", NULL, { NULL }, LEVEL_SUITABLE, PATCH_NOT_NEEDED, BASE_FIRED,
	    BASE_NOTES, "", "", "", "" },
	{ "under the minimum age", "2027-01-31", NULL, { "age = 16" }, LEVEL_DEFER,
	    PATCH_NOT_NEEDED, BASE_FIRED "under-min-age", "min-age " BASE_NOTES, "", "2029-01-31",
	    "under-min-age=2029-01-31", "" },
	{ "minimum age reached", "2027-01-31", NULL, { "age = 18" }, LEVEL_SUITABLE,
	    PATCH_NOT_NEEDED, BASE_FIRED, BASE_NOTES, "", "", "", "" },
	{ "years from 29 February clamp", "2028-02-29", NULL, { "age = 17" }, LEVEL_DEFER,
	    PATCH_NOT_NEEDED, BASE_FIRED "under-min-age", "min-age " BASE_NOTES, "", "2029-02-28",
	    "under-min-age=2029-02-28", "" },
	{ "clinic minimum age 21", "2027-01-31", "settings = { min_age = 21; };", { "age = 18" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED, BASE_FIRED "under-min-age", "min-age " BASE_NOTES, "",
	    "2030-01-31", "under-min-age=2030-01-31", "" },
	{ "scar months clamp to the month end", "2027-01-31", NULL,
	    { "scar_types = [ \"injury\" ]", "scar_age_months = 11", "scar_active = \"no\"",
	        "scar_appearance = \"flat_pale\"" },
	    LEVEL_DEFER, PATCH_RECOMMENDED, BASE_FIRED "scar-camouflage scar-immature scar-flat",
	    "patch-limit risks mri no-regrow density scar " BASE_TAIL, "", "2027-02-28",
	    "scar-immature=2027-02-28", "" },
	{ "mature scar", "2027-01-31", NULL,
	    { "scar_types = [ \"fut_strip\" ]", "scar_age_months = 12", "scar_active = \"no\"",
	        "scar_appearance = \"sunken\"" },
	    LEVEL_CAVEATS, PATCH_RECOMMENDED, BASE_FIRED "scar-camouflage scar-flat",
	    "patch-limit risks mri no-regrow density scar " BASE_TAIL, "", "", "", "" },
	{ "latest date wins", "2027-01-31", NULL,
	    { "hair_transplant = \"fue\"", "transplant_months_ago = 0",
	        "graft_area_symptoms = \"no\"", "scalp_laser_recent = \"yes\"",
	        "scalp_laser_days_ago = 0", "scalp_tanned_recent = \"yes\"", "tan_days_ago = 1" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED,
	    BASE_FIRED "transplant-recent transplant-info laser-recent tan-recent",
	    "clear-skin-first risks mri prep no-regrow density transplant " BASE_TAIL, "",
	    "2027-07-31",
	    "transplant-recent=2027-07-31 laser-recent=2027-05-01 tan-recent=2027-02-13", "" },
	{ "latest date wins, in years", "2027-01-31", NULL,
	    { "age = 17", "hair_transplant = \"both\"", "transplant_months_ago = 5",
	        "graft_area_symptoms = \"no\"" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED,
	    BASE_FIRED "under-min-age transplant-recent transplant-info",
	    "min-age risks mri no-regrow density transplant " BASE_TAIL, "", "2028-01-31",
	    "under-min-age=2028-01-31 transplant-recent=2027-02-28", "" },
	{ "transplant settling", "2027-01-31", NULL,
	    { "hair_transplant = \"fut\"", "transplant_months_ago = 6",
	        "graft_area_symptoms = \"no\"" },
	    LEVEL_CAVEATS, PATCH_NOT_NEEDED, BASE_FIRED "transplant-settling transplant-info",
	    "risks mri no-regrow density transplant transplant-wait " BASE_TAIL, "", "", "", "" },
	{ "one day left", "2027-01-31", NULL,
	    { "scalp_skin_treatment = \"in_last_3_months\"", "scalp_skin_treatment_days_ago = 27" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED, BASE_FIRED "scalp-treatment-recent",
	    "clear-skin-first " BASE_NOTES, "", "2027-02-01", "scalp-treatment-recent=2027-02-01",
	    "" },
	{ "wait over", "2027-01-31", NULL,
	    { "scalp_skin_treatment = \"in_last_3_months\"", "scalp_skin_treatment_days_ago = 28" },
	    LEVEL_SUITABLE, PATCH_NOT_NEEDED, BASE_FIRED, BASE_NOTES, "", "", "", "" },
	{ "alopecia areata changed recently", "2027-01-31", NULL,
	    { "loss_reasons = [ \"pattern\", \"alopecia_areata\" ]", "aa_last_change_months = 11",
	        "aa_regrowing = \"no\"", "aa_treatments = [ \"none\" ]" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED, BASE_FIRED "aa-recent-change",
	    "risks mri no-regrow density aa-regrow " BASE_TAIL, "", "2027-02-28",
	    "aa-recent-change=2027-02-28", "" },
	{ "defer and refer co-fire", "2027-01-31", NULL,
	    { "scalp_now = [ \"psoriasis\" ]", "chronic_scalp_condition = [ \"psoriasis\" ]" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED,
	    BASE_FIRED "scalp-inflamed scalp-inflamed-chronic chronic-scalp-condition",
	    "doctor-clearance clear-skin-first flare " BASE_NOTES, "dermatologist", "", "",
	    "scalp-inflamed: when the treatment area has cleared" },
	{ "psoriasis policy refer", "2027-01-31", "settings = { psoriasis_policy = \"refer\"; };",
	    { "chronic_scalp_condition = [ \"psoriasis\", \"eczema\" ]" }, LEVEL_REFER,
	    PATCH_RECOMMENDED,
	    BASE_FIRED "chronic-scalp-condition chronic-eczema chronic-psoriasis-policy",
	    "doctor-clearance flare patch-limit " BASE_NOTES, "dermatologist", "", "", "" },
	{ "keloid, default policy", "2027-01-31", NULL, { "keloid_history = \"yes\"" },
	    LEVEL_UNSUITABLE, PATCH_NOT_NEEDED, BASE_FIRED "keloid-unsuitable",
	    "keloid " BASE_NOTES, "", "", "", "" },
	{ "keloid, refer policy", "2027-01-31", "settings = { keloid_policy = \"refer\"; };",
	    { "keloid_history = \"yes\"" }, LEVEL_REFER, PATCH_REQUIRED, BASE_FIRED "keloid-refer",
	    "keloid doctor-clearance patch-limit " BASE_NOTES, "dermatologist", "", "", "" },
	{ "spreading scar is keloid evidence", "2027-01-31",
	    "settings = { keloid_policy = \"refer\"; };",
	    { "scar_types = [ \"burn\" ]", "scar_age_months = 40", "scar_active = \"no\"",
	        "scar_appearance = \"spreading\"" },
	    LEVEL_REFER, PATCH_REQUIRED, BASE_FIRED "scar-camouflage keloid-refer",
	    "keloid doctor-clearance patch-limit risks mri no-regrow density scar " BASE_TAIL,
	    "dermatologist", "", "", "" },
	{ "always patch test", "2027-01-31", "settings = { always_patch_test = true; };", { NULL },
	    LEVEL_SUITABLE, PATCH_REQUIRED, BASE_FIRED "always-patch-test",
	    "patch-limit " BASE_NOTES, "", "", "", "" },
	{ "first pigment", "2027-01-31", NULL, { "previous_pigment = \"never\"" }, LEVEL_SUITABLE,
	    PATCH_RECOMMENDED, BASE_FIRED "first-pigment", "patch-limit " BASE_NOTES, "", "", "",
	    "" },
	{ "required beats recommended", "2027-01-31", NULL,
	    { "previous_pigment = \"reacted\"", "sensitive_skin = \"yes\"" }, LEVEL_REFER,
	    PATCH_REQUIRED, BASE_FIRED "pigment-reaction sensitive-skin",
	    "doctor-clearance patch-limit " BASE_NOTES, "dermatologist", "", "", "" },
	{ "isotretinoin now, setting in the condition", "2027-01-31", NULL,
	    { "isotretinoin = \"taking_now\"" }, LEVEL_DEFER, PATCH_NOT_NEEDED,
	    BASE_FIRED "isotretinoin-current", "prescribed-meds isotretinoin " BASE_NOTES, "", "",
	    "", "isotretinoin-current: 6 months after the last dose" },
	{ "isotretinoin now, clinic setting", "2027-01-31",
	    "settings = { isotretinoin_wait_months = 3; };", { "isotretinoin = \"taking_now\"" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED, BASE_FIRED "isotretinoin-current",
	    "prescribed-meds isotretinoin " BASE_NOTES, "", "", "",
	    "isotretinoin-current: 3 months after the last dose" },
	{ "several conditions", "2027-01-31", "settings = { peel_retinoid_wait_days = 14; };",
	    { "scalp_skin_treatment = \"using_now\"", "antibiotics = \"taking_now\"",
	        "unwell_today = \"yes\"" },
	    LEVEL_DEFER, PATCH_NOT_NEEDED,
	    BASE_FIRED "scalp-product-in-use antibiotics-current unwell-today",
	    "prescribed-meds clear-skin-first " BASE_NOTES, "", "", "",
	    "scalp-product-in-use: 14 days after the last use of the product | "
	    "antibiotics-current: 21 days after the course ends | "
	    "unwell-today: on a day when you are well" },
	{ "chemotherapy finished recently", "2027-01-31", NULL,
	    { "chemo_status = \"finished\"", "chemo_months_since = 2" }, LEVEL_DEFER,
	    PATCH_NOT_NEEDED, BASE_FIRED "chemo-recent", "doctor-clearance chemo " BASE_NOTES,
	    "oncologist", "2027-05-31", "chemo-recent=2027-05-31", "" },
	{ "chemotherapy within clearance", "2027-01-31", NULL,
	    { "chemo_status = \"finished\"", "chemo_months_since = 6" }, LEVEL_REFER,
	    PATCH_NOT_NEEDED, BASE_FIRED "chemo-clearance", "doctor-clearance chemo " BASE_NOTES,
	    "oncologist", "", "", "" },
	{ "notes once, in catalogue order", "2027-01-31", NULL,
	    { "goal = \"buzz_look\"", "norwood = \"v\"", "will_shave = \"no\"" }, LEVEL_CAVEATS,
	    PATCH_NOT_NEEDED,
	    "baseline-notes pain-info goal-buzz advanced-pattern shave-commitment",
	    "risks mri no-regrow buzz-look shave advanced " BASE_TAIL, "", "", "", "" },
	{ "refer targets as a set", "2027-01-31", NULL,
	    { "bleeding_disorder = \"yes\"",
	        "heart_conditions = [ \"uncontrolled_bp\", \"heart_condition\" ]",
	        "anticoagulant = \"unknown\"", "diabetes = \"type1\"" },
	    LEVEL_REFER, PATCH_NOT_NEEDED,
	    BASE_FIRED "bleeding-disorder heart blood-pressure anticoagulant diabetes-refer",
	    "doctor-clearance prescribed-meds " BASE_NOTES, "gp cardiologist haematologist", "", "",
	    "" },
	{ "unsuitable is strictest; dates still computed", "2027-01-31", NULL,
	    { "age = 16", "expectations = [ \"regrow_hair\" ]", "proceed_knowing_limits = \"no\"" },
	    LEVEL_UNSUITABLE, PATCH_NOT_NEEDED,
	    BASE_FIRED "under-min-age unrealistic-expectation declines-after-explanation",
	    "min-age risks mri no-regrow expectation-mismatch buzz-look density " BASE_TAIL, "",
	    "2029-01-31", "under-min-age=2029-01-31", "" },
	{ "preference unknowns stay suitable", "2027-01-31", NULL,
	    { "goal = \"unknown\"", "loss_trend = \"unknown\"", "longevity_wish = \"unknown\"",
	        "touchups_ok = \"unknown\"", "can_attend_sessions = \"unknown\"" },
	    LEVEL_SUITABLE, PATCH_NOT_NEEDED,
	    "baseline-notes pain-info goal-unknown loss-progressing longevity-try-first "
	    "touchups-unsure",
	    "risks mri no-regrow buzz-look density progress perm-temp removal " BASE_TAIL, "", "",
	    "", "" },
};

Test(outcome, contract_cases)
{
	struct contract c = contract_load();
	const struct ocase *k;
	struct outcome *oc;
	struct settings s;
	char *got, *want, buf[11];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		k = &cases[i];
		oc = screen(&c, k->over, k->settings, k->today, NULL, &s);
		cr_expect_eq(oc->suitability, k->level, "%s: suitability %s", k->name,
		    rules_level_name(oc->suitability));
		cr_expect_eq(oc->patch, k->patch, "%s: patch test %s", k->name,
		    rules_patch_name(oc->patch));
		got = fired_ids(oc, c.rs);
		want = sorted_words(k->fired);
		cr_expect_str_eq(got, want, "%s: fired rules", k->name);
		free(got);
		free(want);
		got = note_ids(oc, c.rs);
		cr_expect_str_eq(got, k->notes, "%s: notes", k->name);
		free(got);
		got = refer_ids(oc, c.rs);
		cr_expect_str_eq(got, k->refer, "%s: refer_to", k->name);
		free(got);
		if (*k->come_back == '\0')
			cr_expect_not(oc->has_come_back, "%s: no come-back date", k->name);
		else {
			cr_expect(oc->has_come_back, "%s: a come-back date", k->name);
			date_format(oc->come_back, buf);
			cr_expect_str_eq(buf, k->come_back, "%s: come-back date", k->name);
		}
		got = fired_dates(oc, c.rs);
		cr_expect_str_eq(got, k->dates, "%s: dates", k->name);
		free(got);
		got = fired_conditions(oc, c.rs);
		cr_expect_str_eq(got, k->conditions, "%s: conditions", k->name);
		free(got);
		date_format(oc->today, buf);
		cr_expect_str_eq(buf, k->today);
		check_invariants(oc, c.rs, k->name);
		outcome_free(oc);
		settings_free(&s);
	}
	contract_free(&c);
}

/* --- NULL and edge inputs ---------------------------------------------------------------- */

Test(outcome_edge, free_accepts_null)
{
	outcome_free(NULL);
}

Test(outcome_edge, no_rules_is_suitable_with_nothing)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct ruleset *rs = NULL;
	struct settings s;
	struct answers *a = answers_new(qn);
	struct outcome *oc;

	cr_assert_eq(rules_load_string(&rs,
	                 "id = \"r\"; version = 1;\n"
	                 "questionnaire = \"mini-consultation\";\n"
	                 "notes = ( ); rules = ( );\n",
	                 "x.cfg", qn, &dl),
	    0);
	settings_init(&s, &rs->settings);
	oc = outcome_compute(rs, a, &s, day("2027-01-31"));
	cr_expect_eq(oc->suitability, LEVEL_SUITABLE);
	cr_expect_eq(oc->patch, PATCH_NOT_NEEDED);
	cr_expect_eq(oc->n_fired, 0);
	cr_expect_eq(oc->n_notes, 0);
	cr_expect_eq(oc->n_refer_to, 0);
	cr_expect_not(oc->has_come_back);
	outcome_free(oc);
	settings_free(&s);
	answers_free(a);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(outcome_edge, condition_substitutes_every_setting_type)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct ruleset *rs = NULL;
	struct settings s;
	struct answers *a = answers_new(qn);
	struct outcome *oc;
	char *got;

	cr_assert_eq(
	    rules_load_string(&rs,
	        "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	        "settings = ( { id = \"n\"; type = \"integer\"; default = 7; min = 1; max = 9; },\n"
	        "  { id = \"p\"; type = \"enum\"; default = \"b\"; values = [ \"a\", \"b\" ]; },\n"
	        "  { id = \"f\"; type = \"boolean\"; default = true; } );\n"
	        "notes = ( );\n"
	        "rules = ( { id = \"w\"; when = \"true\"; level = \"defer\"; reason = \"R\";\n"
	        "  come_back = { condition = \"setting.n days (setting.p, setting.f); "
	        "setting.n.\"; }; } );\n",
	        "x.cfg", qn, &dl),
	    0);
	settings_init(&s, &rs->settings);
	oc = outcome_compute(rs, a, &s, day("2027-01-31"));
	got = fired_conditions(oc, rs);
	cr_expect_str_eq(got, "w: 7 days (b, true); 7.");
	free(got);
	cr_expect_eq(oc->suitability, LEVEL_DEFER);
	cr_expect_not(oc->has_come_back, "a condition gives no date");
	cr_expect_not(oc->fired[0].has_date);
	outcome_free(oc);
	settings_free(&s);
	answers_free(a);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(outcome_edge, mini_rules_on_empty_answers)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = test_mini_rules(qn);
	struct answers *a = answers_new(qn);
	struct settings s;
	struct outcome *oc;
	char *got;

	settings_init(&s, &rs->settings);
	oc = outcome_compute(rs, a, &s, day("2025-03-10"));
	/* every test on an absent question is false: only "true" fires */
	got = fired_ids(oc, rs);
	cr_expect_str_eq(got, "baseline-notes");
	free(got);
	cr_expect_eq(oc->fired[0].n_trace, 0);
	got = note_ids(oc, rs);
	cr_expect_str_eq(got, "no-regrow sessions");
	free(got);
	outcome_free(oc);
	settings_free(&s);
	answers_free(a);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(outcome_edge, same_inputs_same_outcome)
{
	struct contract c = contract_load();
	static const char *const over[] = { "age = 17", "keloid_history = \"unknown\"",
		"scalp_now = [ \"wounds\", \"warts\" ]", NULL };
	struct settings s1, s2;
	struct outcome *x = screen(&c, over, NULL, "2026-06-15", NULL, &s1);
	struct outcome *y = screen(&c, over, NULL, "2026-06-15", NULL, &s2);
	size_t i;

	cr_assert_eq(x->n_fired, y->n_fired);
	for (i = 0; i < x->n_fired; i++)
		cr_expect_eq(x->fired[i].rule, y->fired[i].rule);
	cr_expect_eq(x->suitability, y->suitability);
	cr_expect_eq(x->n_notes, y->n_notes);
	cr_expect_eq(date_compare(x->come_back, y->come_back), 0);
	outcome_free(x);
	outcome_free(y);
	settings_free(&s1);
	settings_free(&s2);
	contract_free(&c);
}

/* --- unknown answers to medical questions never give suitable ---------------------------- */

/* What makes a conditional question shown (and keeps the rest of the file valid). */
static const struct {
	const char *id;
	const char *over[5];
} enablers[] = {
	{ "female_scale",
	    { "loss_reasons = [ \"pattern\", \"diffuse_thinning\" ]",
	        "female_scale = \"ludwig_ii\"" } },
	{ "aa_last_change_months",
	    { "loss_reasons = [ \"pattern\", \"alopecia_areata\" ]", "aa_last_change_months = 24",
	        "aa_regrowing = \"no\"", "aa_treatments = [ \"none\" ]" } },
	{ "aa_regrowing",
	    { "loss_reasons = [ \"pattern\", \"alopecia_total\" ]", "aa_last_change_months = 24",
	        "aa_regrowing = \"no\"", "aa_treatments = [ \"none\" ]" } },
	{ "scar_age_months",
	    { "scar_types = [ \"injury\" ]", "scar_age_months = 36", "scar_active = \"no\"",
	        "scar_appearance = \"flat_pale\"" } },
	{ "scar_appearance",
	    { "scar_types = [ \"fue_dots\" ]", "scar_age_months = 36", "scar_active = \"no\"",
	        "scar_appearance = \"flat_pale\"" } },
	{ "chemo_months_since", { "chemo_status = \"finished\"", "chemo_months_since = 36" } },
	{ "norwood", { "loss_reasons = [ \"pattern\" ]" } },
};

Test(outcome_unknowns, medical_unknown_never_suitable)
{
	struct contract c = contract_load();
	const struct question *q;
	const char *over[8];
	char line[96];
	struct answers *a;
	struct outcome *oc;
	struct settings s;
	size_t i, j, k, e, n_medical = 0;
	bool traced;

	for (i = 0; i < c.qn->n_questions; i++) {
		q = &c.qn->questions[i];
		if (!q->allow_unknown || q->unknown_class != UNKNOWN_MEDICAL)
			continue;
		n_medical++;
		k = 0;
		for (e = 0; e < sizeof enablers / sizeof enablers[0]; e++)
			if (strcmp(enablers[e].id, q->id) == 0)
				for (j = 0; enablers[e].over[j] != NULL; j++)
					over[k++] = enablers[e].over[j];
		cr_expect(q->show_if == NULL || k > 0, "%s is conditional: give it an enabler",
		    q->id);
		snprintf(line, sizeof line,
		    q->type == QTYPE_MULTI ? "%s = [ \"unknown\" ]" : "%s = \"unknown\"", q->id);
		over[k++] = line;
		over[k] = NULL;
		oc = screen(&c, over, NULL, "2027-01-31", &a, &s);
		cr_expect_eq(a->eff[i].kind, ANSWER_UNKNOWN, "%s is shown and unknown", q->id);
		cr_expect_neq(oc->suitability, LEVEL_SUITABLE, "%s = unknown gave suitable", q->id);
		/* and it is the unknown answer itself that does it */
		traced = false;
		for (j = 0; j < oc->n_fired; j++) {
			const struct fired_rule *f = &oc->fired[j];

			if (c.rs->rules[f->rule].level == LEVEL_SUITABLE)
				continue;
			for (e = 0; e < f->n_trace; e++)
				traced = traced || f->trace[e] == i;
		}
		cr_expect(traced, "%s = unknown: no non-suitable rule traces it", q->id);
		check_invariants(oc, c.rs, q->id);
		outcome_free(oc);
		settings_free(&s);
		answers_free(a);
	}
	cr_expect_eq(n_medical, 19, "the contract classes 19 unknowns as medical");
	contract_free(&c);
}

Test(outcome_unknowns, enablers_alone_do_not_fire_unknown_rules)
{
	struct contract c = contract_load();
	struct outcome *oc;
	struct settings s;
	size_t e, j;

	/* the enablers give real answers, so no rule about 'unknown' may fire from them */
	for (e = 0; e < sizeof enablers / sizeof enablers[0]; e++) {
		oc = screen(&c, enablers[e].over, NULL, "2027-01-31", NULL, &s);
		for (j = 0; j < oc->n_fired; j++)
			cr_expect_null(strstr(c.rs->rules[oc->fired[j].rule].id, "unknown"),
			    "enabler of %s fires %s", enablers[e].id,
			    c.rs->rules[oc->fired[j].rule].id);
		outcome_free(oc);
		settings_free(&s);
	}
	contract_free(&c);
}

/* --- traces --------------------------------------------------------------------------------- */

Test(outcome_trace, the_answers_that_made_a_rule_true)
{
	static const struct {
		const char *over[4];
		const char *settings;
		const char *rule, *trace;
	} tcases[] = {
		/* goal is not buzz_look: the 'or' is true through norwood alone */
		{ { "will_shave = \"no\"", "norwood = \"v\"" }, NULL, "shave-commitment",
		    "norwood will_shave" },
		{ { "will_shave = \"no\"", "goal = \"buzz_look\"" }, NULL, "shave-commitment",
		    "goal will_shave" },
		{ { "age = 16" }, NULL, "under-min-age", "age" },
		{ { NULL }, NULL, "baseline-notes", "" },
		{ { NULL }, NULL, "pain-info", "pain_worry" },
		{ { NULL }, "settings = { always_patch_test = true; };", "always-patch-test", "" },
		{ { "scalp_now = [ \"eczema\", \"very_dry\" ]",
		      "chronic_scalp_condition = [ \"other\" ]" },
		    NULL, "scalp-inflamed-chronic", "scalp_now chronic_scalp_condition" },
		{ { "hair_transplant = \"fut\"", "transplant_months_ago = 8",
		      "graft_area_symptoms = \"no\"" },
		    NULL, "transplant-settling", "transplant_months_ago" },
		{ { "keloid_history = \"yes\"" }, "settings = { keloid_policy = \"refer\"; };",
		    "keloid-refer", "keloid_history" },
		{ { "scar_types = [ \"burn\" ]", "scar_age_months = 40", "scar_active = \"no\"",
		      "scar_appearance = \"spreading\"" },
		    NULL, "keloid-unsuitable", "scar_appearance" },
	};
	struct contract c = contract_load();
	const struct fired_rule *f;
	struct outcome *oc;
	struct settings s;
	char *got;
	size_t i;

	for (i = 0; i < sizeof tcases / sizeof tcases[0]; i++) {
		oc = screen(&c, tcases[i].over, tcases[i].settings, "2027-01-31", NULL, &s);
		f = fired(oc, c.rs, tcases[i].rule);
		cr_expect_not_null(f, "case %zu: %s should fire", i, tcases[i].rule);
		if (f != NULL) {
			got = trace_ids(f, c.qn);
			cr_expect_str_eq(got, tcases[i].trace, "case %zu: trace of %s", i,
			    tcases[i].rule);
			free(got);
		}
		outcome_free(oc);
		settings_free(&s);
	}
	contract_free(&c);
}

/* --- hidden answers ------------------------------------------------------------------------ */

Test(outcome_hidden, stray_answer_to_a_hidden_question_fires_nothing)
{
	static const char *const over[] = { "transplant_months_ago = 2",
		"graft_area_symptoms = \"yes\"", "tan_days_ago = 0",
		"proceed_knowing_limits = \"no\"", NULL };
	struct contract c = contract_load();
	struct answers *a;
	struct outcome *oc, *base;
	struct settings s, s0;
	char *got, *want;
	size_t i;

	oc = screen(&c, over, NULL, "2027-01-31", &a, &s);
	base = screen(&c, NULL, NULL, "2027-01-31", NULL, &s0);
	cr_assert_eq(a->n_ignored, 4);
	cr_expect_str_eq(a->ignored[0].id, "transplant_months_ago");
	cr_expect_str_eq(a->ignored[1].id, "graft_area_symptoms");
	cr_expect_str_eq(a->ignored[2].id, "tan_days_ago");
	cr_expect_str_eq(a->ignored[3].id, "proceed_knowing_limits");
	for (i = 0; i < a->n_ignored; i++)
		cr_expect_gt(a->ignored[i].line, 50, "appended after the base answers");
	cr_expect_null(fired(oc, c.rs, "transplant-recent"));
	cr_expect_null(fired(oc, c.rs, "transplant-info"));
	cr_expect_null(fired(oc, c.rs, "graft-area-symptoms"));
	cr_expect_null(fired(oc, c.rs, "tan-recent"));
	cr_expect_null(fired(oc, c.rs, "declines-after-explanation"));
	got = fired_ids(oc, c.rs);
	want = fired_ids(base, c.rs);
	cr_expect_str_eq(got, want, "the same outcome as without the stray answers");
	free(got);
	free(want);
	cr_expect_eq(oc->suitability, LEVEL_SUITABLE);
	cr_expect_not(oc->has_come_back);
	outcome_free(oc);
	outcome_free(base);
	settings_free(&s);
	settings_free(&s0);
	answers_free(a);
	contract_free(&c);
}

Test(outcome_hidden, answers_cleared_in_memory_do_not_fire)
{
	struct contract c = contract_load();
	static const char *const over[] = { "hair_transplant = \"fue\"",
		"transplant_months_ago = 1", "graft_area_symptoms = \"no\"", NULL };
	long ht = questionnaire_find(c.qn, "hair_transplant");
	struct answers *a;
	struct outcome *oc;
	struct settings s;
	struct answer never = { .kind = ANSWER_OPTION,
		.num = questionnaire_find_option(&c.qn->questions[ht], "never") };

	oc = screen(&c, over, NULL, "2027-01-31", &a, &s);
	cr_expect_not_null(fired(oc, c.rs, "transplant-recent"));
	outcome_free(oc);
	/* the wizard changes the gate and settles: the transplant answers are gone */
	answers_set(a, (size_t)ht, &never);
	answers_settle(a);
	oc = outcome_compute(c.rs, a, &s, day("2027-01-31"));
	cr_expect_null(fired(oc, c.rs, "transplant-recent"));
	cr_expect_eq(oc->suitability, LEVEL_SUITABLE);
	outcome_free(oc);
	settings_free(&s);
	answers_free(a);
	contract_free(&c);
}

/* --- the mini fixture ------------------------------------------------------------------------ */

Test(outcome_mini, every_kind_of_deferral)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = test_mini_rules(qn);
	struct answers *a = test_answers(qn,
	    "questionnaire = \"mini-consultation\";\n"
	    "answers = {\n"
	    "  age = 16; pregnancy = \"pregnant\"; goal = \"buzz_look\";\n"
	    "  loss_reasons = [ \"pattern\" ]; norwood = \"v\";\n"
	    "  scar_types = [ \"fut_strip\" ]; scar_age_months = 8;\n"
	    "  heart_conditions = [ \"none\" ]; unwell_today = \"yes\";\n"
	    "};\n");
	struct diag_list dl = { 0 };
	struct settings s;
	struct outcome *oc;
	char *got, buf[11];

	settings_init(&s, &rs->settings);
	oc = outcome_compute(rs, a, &s, day("2025-03-10"));
	cr_expect_eq(oc->suitability, LEVEL_DEFER);
	got = fired_ids(oc, rs);
	cr_expect_str_eq(got,
	    "baseline-notes goal-buzz pregnant-or-breastfeeding scar-immature "
	    "under-min-age unwell-today");
	free(got);
	got = fired_dates(oc, rs);
	cr_expect_str_eq(got, "under-min-age=2027-03-10 scar-immature=2025-07-10");
	free(got);
	date_format(oc->come_back, buf);
	cr_expect_str_eq(buf, "2027-03-10");
	got = fired_conditions(oc, rs);
	cr_expect_str_eq(got,
	    "pregnant-or-breastfeeding: when pregnancy and breastfeeding are both "
	    "over | unwell-today: on a day when you are well, at least 72 hours "
	    "after a patch test");
	free(got);
	got = note_ids(oc, rs);
	cr_expect_str_eq(got, "min-age pregnancy no-regrow scar buzz-look sessions");
	free(got);
	check_invariants(oc, rs, "mini");
	outcome_free(oc);

	/* scar_prefer_months only changes the caveat window, not the deferral */
	cr_assert_eq(settings_load_string(&s,
	                 "settings = { scar_maturity_months = 6; "
	                 "patch_test_wait_hours = 24; };",
	                 "clinic.cfg", &dl),
	    0);
	oc = outcome_compute(rs, a, &s, day("2025-03-10"));
	cr_expect_null(fired(oc, rs, "scar-immature"));
	cr_expect_not_null(fired(oc, rs, "scar-settling"));
	got = fired_conditions(oc, rs);
	cr_expect_not_null(strstr(got, "at least 24 hours"));
	free(got);
	outcome_free(oc);
	settings_free(&s);
	answers_free(a);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(outcome_mini, builder_replaces_adds_and_removes)
{
	static const char *const over[] = { "age = 20", "glaucoma = \"no\"", "age = 21", "moles",
		NULL };
	char *text = build(over);

	cr_expect_not_null(strstr(text, "\n  age = 21;\n"));
	cr_expect_null(strstr(text, "age = 20"));
	cr_expect_null(strstr(text, "age = 34"));
	cr_expect_null(strstr(text, "moles"));
	cr_expect_not_null(strstr(text, "  glaucoma = \"no\";\n};\n"));
	cr_expect_eq(strncmp(text,
	                 "questionnaire = \"smp-consultation\";\nanswers = {\n  age = 21;",
	                 strlen("questionnaire = \"smp-consultation\";\nanswers = {\n  age = 21;")),
	    0);
	free(text);
}

/* --- the trace, against a scan of every mark ----------------------------------------------- */

/* What outcome_compute did before it listed the marks it set: every rule traced into an
 * array as long as the questionnaire, cleared and scanned for each rule. */
static void
expect_full_scan_outcome(const struct ruleset *rs, const struct answers *a,
    const struct settings *s, const struct outcome *oc, unsigned seed)
{
	struct expr_env env = { .answers = a->eff, .settings = s->values };
	size_t nq = a->qn->n_questions, i, q, k, f = 0, n;
	unsigned char *mark = calloc(nq, 1), *note_on = calloc(rs->n_notes + 1, 1);

	for (i = 0; i < rs->n_rules; i++) {
		memset(mark, 0, nq);
		if (!expr_eval_trace(rs->rules[i].when, &env, mark))
			continue;
		cr_assert_lt(f, oc->n_fired, "seed %u: rule %s fired too", seed, rs->rules[i].id);
		cr_assert_eq(oc->fired[f].rule, i, "seed %u: fired rule %zu", seed, f);
		for (q = 0, n = 0; q < nq; q++)
			if (mark[q]) {
				cr_assert_lt(n, oc->fired[f].n_trace, "seed %u: %s traces %s too",
				    seed, rs->rules[i].id, a->qn->questions[q].id);
				cr_assert_eq(oc->fired[f].trace[n], q, "seed %u: %s trace %zu",
				    seed, rs->rules[i].id, n);
				n++;
			}
		cr_assert_eq(n, oc->fired[f].n_trace, "seed %u: %s trace length", seed,
		    rs->rules[i].id);
		for (k = 0; k < rs->rules[i].n_notes; k++)
			note_on[rs->rules[i].notes[k]] = 1;
		f++;
	}
	cr_assert_eq(f, oc->n_fired, "seed %u: rules fired", seed);
	for (i = 0, n = 0; i < rs->n_notes; i++)
		if (note_on[i]) {
			cr_assert_lt(n, oc->n_notes);
			cr_assert_eq(oc->notes[n], i, "seed %u: note %zu", seed, n);
			n++;
		}
	cr_assert_eq(n, oc->n_notes, "seed %u: notes", seed);
	free(mark);
	free(note_on);
}

/* A valid answer to q, chosen by rand_r. */
static void
random_answer(const struct question *q, unsigned *seed, struct answer *v)
{
	size_t items = answer_n_items(q);

	memset(v, 0, sizeof *v);
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTI)
		cr_assert_eq(answer_add_item(q, v, (size_t)rand_r(seed) % items), ANSWER_OK);
	else if (q->type == QTYPE_INTEGER)
		cr_assert_eq(answer_set_integer(q, v,
		                 q->min +
		                     rand_r(seed) %
		                         (q->max - q->min + 1 < 40 ? q->max - q->min + 1 : 40)),
		    ANSWER_OK);
	else if (q->type == QTYPE_TEXT)
		cr_assert_eq(answer_set_text(q, v, "text", 4), ANSWER_OK);
}

Test(outcome_trace, listed_marks_give_the_full_scan_s_outcome)
{
	struct contract c = contract_load();
	struct settings s;
	struct answers *a;
	struct answer v;
	struct outcome *oc;
	unsigned seed, state;
	size_t q;

	settings_from(&s, c.rs, NULL);
	for (seed = 1; seed <= 300; seed++) {
		state = seed;
		a = answers_new(c.qn);
		/* Most questions answered, as a consultation would; the rest absent. */
		for (q = 0; q < c.qn->n_questions; q++) {
			if (rand_r(&state) % 5 == 0)
				continue;
			random_answer(&c.qn->questions[q], &state, &v);
			answers_set(a, q, &v);
			answer_clear(&v);
		}
		answers_settle(a);
		oc = outcome_compute(c.rs, a, &s, day("2027-03-15"));
		expect_full_scan_outcome(c.rs, a, &s, oc, seed);
		outcome_free(oc);
		answers_free(a);
	}
	settings_free(&s);
	contract_free(&c);
}
