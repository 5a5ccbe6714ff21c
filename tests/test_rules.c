/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/suggest.h"
#include "helpers.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * Error cases are inline rules named "x.cfg", checked against tests/data/mini-questionnaire.cfg
 * (age integer 0..120; pregnancy single with unknown; norwood single i|v; loss_reasons and
 * heart_conditions multi; scar_age_months integer 0..1200 with unknown). R_HEAD is eight
 * lines, so the first rule of a test starts on line 9.
 */
#define R_HEAD                                                                                     \
	"id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"                        \
	"settings = ( { id = \"min_age\"; type = \"integer\"; default = 18; min = 16; max = 21; "  \
	"},\n"                                                                                     \
	"  { id = \"keloid_policy\"; type = \"enum\"; default = \"unsuitable\"; values = [ "       \
	"\"unsuitable\", \"refer\" ]; },\n"                                                        \
	"  { id = \"always_patch_test\"; type = \"boolean\"; default = false; } );\n"              \
	"notes = ( { id = \"min-age\"; group = \"safety\"; text = \"M\"; },\n"                     \
	"  { id = \"scar\"; group = \"expectation\"; text = \"S\"; } );\n"                         \
	"refer_targets = ( { id = \"gp\"; label = \"GP\"; }, { id = \"dermatologist\"; label = "   \
	"\"D\"; } );\n"                                                                            \
	"rules = (\n"
#define R_TAIL ");\n"

/* Loads rules text against the mini questionnaire; it must be refused. Returns the errors. */
static size_t
load_bad(const char *text, struct diag_list *dl)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = (struct ruleset *)&rs; /* not NULL: must be reset */

	cr_expect_eq(rules_load_string(&rs, text, "x.cfg", qn, dl), -1, "should be refused:\n%s",
	    text);
	cr_expect_null(rs, "*out must be NULL on failure");
	questionnaire_free(qn);
	return diag_errors(dl);
}

static struct ruleset *
load_good(const struct questionnaire *qn, const char *text)
{
	struct diag_list dl = { 0 };
	struct ruleset *rs = NULL;
	char *msg;

	if (rules_load_string(&rs, text, "x.cfg", qn, &dl) != 0) {
		msg = test_diag_text(&dl);
		cr_assert_fail("should load:\n%s", msg);
	}
	cr_expect_eq(dl.n, 0);
	diag_clear(&dl);
	return rs;
}

static long
rule_find(const struct ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->n_rules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* "a b c": the ids of a rule's notes or refer targets, in the rule's order. */
static char *
id_list(const size_t *idx, size_t n, const struct ruleset *rs, bool notes)
{
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&out, &len);

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? " " : "",
		    notes ? rs->notes[idx[i]].id : rs->targets[idx[i]].id);
	fclose(fp);
	return out;
}

/* The words of a space-separated list, sorted, joined again: set comparison. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *
sorted_words(const char *s)
{
	char *copy = strdup(s), *tok, *save = NULL, *out = NULL;
	const char *words[64];
	size_t n = 0, len = 0, i;
	FILE *fp;

	for (tok = strtok_r(copy, " ", &save); tok != NULL && n < 64;
	     tok = strtok_r(NULL, " ", &save))
		words[n++] = tok;
	qsort(words, n, sizeof words[0], cmp_str);
	fp = open_memstream(&out, &len);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? " " : "", words[i]);
	fclose(fp);
	free(copy);
	return out;
}

struct contract_rule {
	const char *id, *level, *patch, *notes, *refer, *come_back, *when;
};

struct contract_setting {
	const char *id;
	enum setting_type type;
	const char *def;
	long min, max;
	const char *values, *at_least;
};

/*
 * Written out from domain/questions.md §5-§8 (the contract): each rule with its level, patch,
 * notes, refer targets, come-back (a date formula "date SETTING QUESTION UNIT" or the
 * condition text) and condition; the notes catalogue in display order; the settings.
 */
static const struct contract_rule contract_rules[] = {
	{ "baseline-notes", "suitable", "not_needed",
	    "no-regrow sessions healing aftercare longevity risks practitioner cost mri", "", "",
	    "true" },
	{ "always-patch-test", "suitable", "required", "patch-limit", "", "",
	    "setting.always_patch_test" },
	{ "under-min-age", "defer", "not_needed", "min-age", "", "date min_age age years",
	    "age < setting.min_age" },
	{ "pregnant-or-breastfeeding", "defer", "not_needed", "pregnancy", "",
	    "when pregnancy and breastfeeding are both over",
	    "pregnancy in ['pregnant', 'breastfeeding']" },
	{ "pregnancy-unknown", "caveats", "not_needed", "consultant-check", "", "",
	    "pregnancy == 'unknown'" },
	{ "goal-buzz", "suitable", "not_needed", "buzz-look shave", "", "", "goal == 'buzz_look'" },
	{ "goal-density", "suitable", "not_needed", "density", "", "",
	    "goal in ['short_denser', 'long_hair_density']" },
	{ "goal-scar", "suitable", "not_needed", "scar", "", "", "goal == 'scar_only'" },
	{ "goal-unknown", "suitable", "not_needed", "buzz-look density", "", "",
	    "goal == 'unknown'" },
	{ "fair-skin", "suitable", "not_needed", "fair uv colour-shift", "", "",
	    "skin_type in ['type_1', 'type_2']" },
	{ "fair-skin-light-hair", "suitable", "recommended", "fair patch-limit", "", "",
	    "skin_type in ['type_1', 'type_2'] and hair_colour in ['blond', 'red']" },
	{ "dark-skin", "suitable", "not_needed", "dark", "", "",
	    "skin_type in ['type_4', 'type_5', 'type_6']" },
	{ "skin-type-unknown", "caveats", "not_needed", "consultant-check", "", "",
	    "skin_type == 'unknown'" },
	{ "grey-hair", "suitable", "not_needed", "grey", "", "",
	    "hair_colour in ['grey_white', 'mixed_grey']" },
	{ "undiagnosed-loss", "refer", "not_needed", "diagnosis-first", "gp", "",
	    "'sudden_or_undiagnosed' in loss_reasons" },
	{ "scarring-alopecia", "refer", "not_needed", "scarring-alopecia doctor-clearance",
	    "dermatologist", "", "'scarring_alopecia' in loss_reasons" },
	{ "birthmark", "caveats", "not_needed", "work-around", "", "",
	    "'birthmark' in loss_reasons" },
	{ "chemo-related-loss", "suitable", "not_needed", "chemo", "", "",
	    "'chemo_radiotherapy' in loss_reasons" },
	{ "minimal-loss", "caveats", "not_needed", "early", "", "",
	    "norwood == 'i' or female_scale == 'sinclair_1'" },
	{ "early-recession", "suitable", "not_needed", "early progress", "", "",
	    "norwood in ['i', 'ii', 'iia']" },
	{ "advanced-pattern", "suitable", "not_needed", "advanced shave", "", "",
	    "norwood in ['v', 'va', 'vi', 'vii']" },
	{ "norwood-unknown", "caveats", "not_needed", "consultant-check", "", "",
	    "norwood == 'unknown'" },
	{ "mild-diffuse", "suitable", "not_needed", "subtle", "", "",
	    "female_scale in ['ludwig_i', 'sinclair_2']" },
	{ "advanced-diffuse", "caveats", "not_needed", "low-hair", "", "",
	    "female_scale in ['ludwig_iii', 'sinclair_5']" },
	{ "female-scale-unknown", "caveats", "not_needed", "consultant-check", "", "",
	    "female_scale == 'unknown'" },
	{ "loss-progressing", "suitable", "not_needed", "progress", "", "",
	    "loss_trend in ['slowly_worse', 'unknown']" },
	{ "loss-worsening", "caveats", "not_needed", "progress hair-loss-review", "", "",
	    "loss_trend == 'clearly_worse'" },
	{ "hair-loss-medicines", "suitable", "not_needed", "meds", "", "",
	    "'minoxidil_topical' in loss_treatments or 'minoxidil_oral' in loss_treatments or "
	    "'finasteride_dutasteride' in loss_treatments or 'other_prescribed' in "
	    "loss_treatments" },
	{ "topical-minoxidil", "caveats", "not_needed", "pause-topicals", "", "",
	    "'minoxidil_topical' in loss_treatments" },
	{ "shave-commitment", "caveats", "not_needed", "shave", "", "",
	    "will_shave == 'no' and (goal == 'buzz_look' or norwood in ['iv', 'iva', 'v', 'va', "
	    "'vi', "
	    "'vii'])" },
	{ "aa-recent-change", "defer", "not_needed", "aa-regrow", "",
	    "date aa_stable_months aa_last_change_months months",
	    "aa_last_change_months < setting.aa_stable_months" },
	{ "aa-stable", "caveats", "not_needed", "aa-regrow", "", "",
	    "aa_last_change_months >= setting.aa_stable_months" },
	{ "aa-activity-unknown", "caveats", "not_needed", "aa-regrow consultant-check", "", "",
	    "aa_last_change_months == 'unknown'" },
	{ "aa-regrowing", "caveats", "not_needed", "aa-regrow", "", "", "aa_regrowing == 'yes'" },
	{ "aa-regrowing-unknown", "caveats", "not_needed", "consultant-check", "", "",
	    "aa_regrowing == 'unknown'" },
	{ "aa-systemic-treatment", "refer", "not_needed", "doctor-clearance", "dermatologist", "",
	    "'steroid_injections' in aa_treatments or 'immune_tablets' in aa_treatments or "
	    "'contact_immunotherapy' in aa_treatments" },
	{ "scar-camouflage", "suitable", "not_needed", "scar", "", "",
	    "answered(scar_types) and not ('none' in scar_types)" },
	{ "scar-immature", "defer", "not_needed", "scar", "",
	    "date scar_maturity_months scar_age_months months",
	    "scar_age_months < setting.scar_maturity_months" },
	{ "scar-age-unknown", "caveats", "not_needed", "consultant-check", "", "",
	    "scar_age_months == 'unknown'" },
	{ "scar-active", "defer", "not_needed", "scar", "",
	    "when the scar is no longer pink or red, sore or changing", "scar_active == 'yes'" },
	{ "scar-flat", "caveats", "recommended", "scar patch-limit", "", "",
	    "scar_appearance in ['flat_pale', 'sunken']" },
	{ "scar-raised", "refer", "required", "scar doctor-clearance patch-limit", "dermatologist",
	    "", "scar_appearance == 'raised_within'" },
	{ "scar-appearance-unknown", "caveats", "recommended", "scar consultant-check patch-limit",
	    "", "", "scar_appearance == 'unknown'" },
	{ "keloid-unsuitable", "unsuitable", "not_needed", "keloid", "", "",
	    "(keloid_history == 'yes' or scar_appearance == 'spreading') and setting.keloid_policy "
	    "== "
	    "'unsuitable'" },
	{ "keloid-refer", "refer", "required", "keloid doctor-clearance patch-limit",
	    "dermatologist", "",
	    "(keloid_history == 'yes' or scar_appearance == 'spreading') and setting.keloid_policy "
	    "== "
	    "'refer'" },
	{ "keloid-unknown", "refer", "not_needed", "keloid doctor-clearance", "dermatologist", "",
	    "keloid_history == 'unknown'" },
	{ "transplant-recent", "defer", "not_needed", "transplant", "",
	    "date post_transplant_defer_months transplant_months_ago months",
	    "transplant_months_ago < setting.post_transplant_defer_months" },
	{ "transplant-settling", "caveats", "not_needed", "transplant transplant-wait", "", "",
	    "transplant_months_ago >= setting.post_transplant_defer_months and "
	    "transplant_months_ago < "
	    "setting.post_transplant_prefer_months" },
	{ "transplant-info", "suitable", "not_needed", "transplant", "", "",
	    "answered(transplant_months_ago)" },
	{ "graft-area-symptoms", "refer", "not_needed", "doctor-clearance", "dermatologist", "",
	    "graft_area_symptoms == 'yes'" },
	{ "old-smp-faded", "suitable", "not_needed", "touch-up", "", "",
	    "existing_pigment == 'old_smp_faded'" },
	{ "old-smp-unhappy", "refer", "not_needed", "in-person-assessment removal colour-shift",
	    "practitioner", "", "existing_pigment == 'old_smp_unhappy'" },
	{ "existing-tattoo", "caveats", "not_needed", "removal", "", "",
	    "existing_pigment in ['tattoo', 'scar_camouflage']" },
	{ "laser-recent", "defer", "not_needed", "clear-skin-first", "",
	    "date laser_wait_days scalp_laser_days_ago days",
	    "scalp_laser_days_ago < setting.laser_wait_days" },
	{ "injectables-recent", "defer", "not_needed", "", "",
	    "date injectable_wait_days injectables_days_ago days",
	    "injectables_days_ago < setting.injectable_wait_days" },
	{ "scalp-product-in-use", "defer", "not_needed", "clear-skin-first prescribed-meds", "",
	    "setting.peel_retinoid_wait_days days after the last use of the product",
	    "scalp_skin_treatment == 'using_now'" },
	{ "scalp-treatment-recent", "defer", "not_needed", "clear-skin-first", "",
	    "date peel_retinoid_wait_days scalp_skin_treatment_days_ago days",
	    "scalp_skin_treatment_days_ago < setting.peel_retinoid_wait_days" },
	{ "scalp-inflamed", "defer", "not_needed", "clear-skin-first", "",
	    "when the treatment area has cleared",
	    "'psoriasis' in scalp_now or 'eczema' in scalp_now or 'seborrhoeic' in scalp_now or "
	    "'spots_pustules' in scalp_now" },
	{ "scalp-inflamed-chronic", "refer", "not_needed", "flare doctor-clearance",
	    "dermatologist", "",
	    "('psoriasis' in scalp_now or 'eczema' in scalp_now or 'seborrhoeic' in scalp_now or "
	    "'spots_pustules' in scalp_now) and ('psoriasis' in chronic_scalp_condition or "
	    "'seborrhoeic' in chronic_scalp_condition or 'eczema' in chronic_scalp_condition or "
	    "'other' in chronic_scalp_condition)" },
	{ "scalp-injury", "defer", "not_needed", "clear-skin-first", "",
	    "when the skin has fully healed", "'sunburn' in scalp_now or 'wounds' in scalp_now" },
	{ "scalp-infection", "defer", "not_needed", "clear-skin-first doctor-clearance", "gp",
	    "when the infection has been treated and has cleared",
	    "'cold_sores' in scalp_now or 'fungal_impetigo' in scalp_now" },
	{ "scalp-warts", "caveats", "not_needed", "work-around", "", "", "'warts' in scalp_now" },
	{ "scalp-very-dry", "caveats", "not_needed", "extra-session", "", "",
	    "'very_dry' in scalp_now" },
	{ "chronic-scalp-condition", "caveats", "not_needed", "flare", "", "",
	    "'psoriasis' in chronic_scalp_condition or 'seborrhoeic' in chronic_scalp_condition or "
	    "'eczema' in chronic_scalp_condition or 'other' in chronic_scalp_condition" },
	{ "chronic-eczema", "suitable", "recommended", "patch-limit", "", "",
	    "'eczema' in chronic_scalp_condition" },
	{ "chronic-psoriasis-policy", "refer", "not_needed", "doctor-clearance", "dermatologist",
	    "", "'psoriasis' in chronic_scalp_condition and setting.psoriasis_policy == 'refer'" },
	{ "mole-changing", "refer", "not_needed", "get-checked", "gp", "", "moles == 'changing'" },
	{ "mole-stable", "caveats", "not_needed", "work-around", "", "", "moles == 'stable'" },
	{ "tan-recent", "defer", "not_needed", "prep", "", "date tan_wait_days tan_days_ago days",
	    "tan_days_ago < setting.tan_wait_days" },
	{ "pih-tendency", "caveats", "recommended", "pih patch-limit", "", "",
	    "pih_tendency == 'yes'" },
	{ "pih-unknown", "caveats", "recommended", "pih consultant-check patch-limit", "", "",
	    "pih_tendency == 'unknown'" },
	{ "bleeding-disorder", "refer", "not_needed", "doctor-clearance", "haematologist", "",
	    "bleeding_disorder == 'yes'" },
	{ "bleeding-unknown", "refer", "not_needed", "doctor-clearance", "gp", "",
	    "bleeding_disorder == 'unknown'" },
	{ "anticoagulant", "refer", "not_needed", "prescribed-meds doctor-clearance", "gp", "",
	    "anticoagulant in ['yes', 'unknown']" },
	{ "otc-blood-thinners", "caveats", "not_needed", "prep", "", "",
	    "otc_blood_thinners == 'yes'" },
	{ "diabetes-controlled", "caveats", "not_needed", "gp-letter", "", "",
	    "diabetes == 'type2_controlled'" },
	{ "diabetes-refer", "refer", "not_needed", "doctor-clearance", "gp", "",
	    "diabetes in ['type1', 'poorly_controlled', 'unknown']" },
	{ "heart", "refer", "not_needed", "doctor-clearance", "cardiologist", "",
	    "'heart_condition' in heart_conditions or 'pacemaker_icd' in heart_conditions or "
	    "'valve_prophylaxis' in heart_conditions" },
	{ "blood-pressure", "refer", "not_needed", "doctor-clearance", "gp", "",
	    "'uncontrolled_bp' in heart_conditions" },
	{ "heart-unknown", "refer", "not_needed", "doctor-clearance", "gp", "",
	    "'unknown' in heart_conditions" },
	{ "epilepsy", "refer", "not_needed", "doctor-clearance", "gp", "", "epilepsy == 'yes'" },
	{ "immune", "refer", "not_needed", "doctor-clearance", "gp", "",
	    "'autoimmune_immunosuppressed' in immune or 'organ_transplant' in immune or "
	    "'long_term_steroids' in immune or 'biologic_jak' in immune or 'other_immune' in "
	    "immune or "
	    "'infections_slow_healing' in immune or 'unknown' in immune" },
	{ "chemo-current", "defer", "not_needed", "chemo doctor-clearance", "oncologist",
	    "setting.chemo_wait_months months after the treatment ends, "
	    "once your cancer team agrees",
	    "chemo_status in ['current', 'starting_soon']" },
	{ "chemo-recent", "defer", "not_needed", "chemo doctor-clearance", "oncologist",
	    "date chemo_wait_months chemo_months_since months",
	    "chemo_months_since < setting.chemo_wait_months" },
	{ "chemo-clearance", "refer", "not_needed", "chemo doctor-clearance", "oncologist", "",
	    "chemo_months_since >= setting.chemo_wait_months and chemo_months_since < "
	    "setting.chemo_clearance_months" },
	{ "chemo-past", "suitable", "not_needed", "chemo", "", "",
	    "chemo_months_since >= setting.chemo_clearance_months" },
	{ "chemo-status-unknown", "refer", "not_needed", "doctor-clearance", "gp", "",
	    "chemo_status == 'unknown'" },
	{ "chemo-timing-unknown", "refer", "not_needed", "chemo doctor-clearance", "oncologist", "",
	    "chemo_months_since == 'unknown'" },
	{ "isotretinoin-current", "defer", "not_needed", "isotretinoin prescribed-meds", "",
	    "setting.isotretinoin_wait_months months after the last dose",
	    "isotretinoin == 'taking_now'" },
	{ "isotretinoin-recent", "defer", "not_needed", "isotretinoin", "",
	    "date isotretinoin_wait_months isotretinoin_months_since months",
	    "isotretinoin_months_since < setting.isotretinoin_wait_months" },
	{ "isotretinoin-policy", "caveats", "not_needed", "isotretinoin", "", "",
	    "isotretinoin_months_since >= setting.isotretinoin_wait_months and "
	    "isotretinoin_months_since < setting.isotretinoin_caveat_months" },
	{ "antibiotics-current", "defer", "not_needed", "prescribed-meds", "",
	    "setting.antibiotic_wait_days days after the course ends",
	    "antibiotics == 'taking_now'" },
	{ "antibiotics-recent", "defer", "not_needed", "", "",
	    "date antibiotic_wait_days antibiotics_days_since days",
	    "antibiotics_days_since < setting.antibiotic_wait_days" },
	{ "doxycycline", "caveats", "not_needed", "consultant-check", "", "",
	    "doxycycline_6m == 'yes'" },
	{ "thyroid", "caveats", "not_needed", "fade", "", "", "thyroid_meds == 'yes'" },
	{ "liver", "refer", "not_needed", "doctor-clearance", "gp", "", "liver_disease == 'yes'" },
	{ "pigment-condition", "refer", "not_needed", "in-person-assessment", "practitioner", "",
	    "pigment_condition in ['vitiligo', 'albinism']" },
	{ "unwell-today", "defer", "not_needed", "", "", "on a day when you are well",
	    "unwell_today == 'yes'" },
	{ "infection-disclosure", "caveats", "not_needed", "consultant-check", "", "",
	    "infection_disclosure in ['yes', 'unknown']" },
	{ "glaucoma", "caveats", "not_needed", "consultant-check", "", "", "glaucoma == 'yes'" },
	{ "first-pigment", "suitable", "recommended", "patch-limit", "", "",
	    "previous_pigment == 'never'" },
	{ "pigment-reaction", "refer", "required", "doctor-clearance patch-limit", "dermatologist",
	    "", "previous_pigment == 'reacted'" },
	{ "pigment-allergy-unsuitable", "unsuitable", "not_needed", "pigment-allergy", "", "",
	    "previous_pigment == 'diagnosed_allergy' and setting.pigment_allergy_policy == "
	    "'unsuitable'" },
	{ "pigment-allergy-refer", "refer", "required",
	    "pigment-allergy doctor-clearance patch-limit", "dermatologist", "",
	    "previous_pigment == 'diagnosed_allergy' and setting.pigment_allergy_policy == "
	    "'refer'" },
	{ "anaesthetic-reaction", "caveats", "required", "numbing-allergy patch-limit", "", "",
	    "anaesthetic_reaction == 'yes'" },
	{ "anaesthetic-unknown", "caveats", "recommended",
	    "numbing-allergy consultant-check patch-limit", "", "",
	    "anaesthetic_reaction == 'unknown'" },
	{ "metal-allergy", "suitable", "recommended", "patch-limit", "", "",
	    "metal_allergy == 'yes'" },
	{ "latex-allergy", "caveats", "not_needed", "latex", "", "", "latex_allergy == 'yes'" },
	{ "dye-henna-reaction", "suitable", "recommended", "patch-limit", "", "",
	    "dye_henna_reaction == 'yes'" },
	{ "aftercare-product-reaction", "caveats", "not_needed", "alt-aftercare", "", "",
	    "aftercare_product_reaction == 'yes'" },
	{ "sensitive-skin", "suitable", "recommended", "patch-limit", "", "",
	    "sensitive_skin == 'yes'" },
	{ "unrealistic-expectation", "suitable", "not_needed", "no-regrow buzz-look", "", "",
	    "'regrow_hair' in expectations or 'stop_loss' in expectations or 'longer_hair_look' in "
	    "expectations" },
	{ "declines-after-explanation", "unsuitable", "not_needed", "expectation-mismatch", "", "",
	    "proceed_knowing_limits == 'no'" },
	{ "wants-to-talk", "caveats", "not_needed", "expectations-talk", "", "",
	    "proceed_knowing_limits == 'talk_first'" },
	{ "longevity-try-first", "suitable", "not_needed", "perm-temp", "", "",
	    "longevity_wish in ['try_first', 'unknown']" },
	{ "touchups-declined", "caveats", "not_needed", "removal", "", "", "touchups_ok == 'no'" },
	{ "touchups-unsure", "suitable", "not_needed", "removal", "", "",
	    "touchups_ok == 'unknown'" },
	{ "high-sun", "suitable", "not_needed", "uv", "", "", "sun_exposure == 'a_lot'" },
	{ "sun-unprotected", "caveats", "not_needed", "uv", "", "", "sun_protection == 'no'" },
	{ "upcoming-plans", "caveats", "not_needed", "schedule-around", "", "",
	    "'sunny_holiday' in upcoming_plans or 'swimming' in upcoming_plans or 'sauna_steam' in "
	    "upcoming_plans or 'hard_training' in upcoming_plans or 'hair_colouring' in "
	    "upcoming_plans "
	    "or 'botox_fillers' in upcoming_plans" },
	{ "sessions-unavailable", "caveats", "not_needed", "sessions", "", "",
	    "can_attend_sessions == 'no'" },
	{ "pain-info", "suitable", "not_needed", "pain", "", "", "answered(pain_worry)" },
	{ "pain-very", "suitable", "not_needed", "discuss-numbing", "", "",
	    "pain_worry == 'very'" },
};
static const struct {
	const char *id, *group;
} contract_notes[] = {
	{ "min-age", "safety" },
	{ "pregnancy", "safety" },
	{ "keloid", "safety" },
	{ "pigment-allergy", "safety" },
	{ "diagnosis-first", "safety" },
	{ "get-checked", "safety" },
	{ "doctor-clearance", "safety" },
	{ "prescribed-meds", "safety" },
	{ "clear-skin-first", "safety" },
	{ "flare", "safety" },
	{ "scarring-alopecia", "safety" },
	{ "chemo", "safety" },
	{ "isotretinoin", "safety" },
	{ "gp-letter", "safety" },
	{ "pih", "safety" },
	{ "numbing-allergy", "safety" },
	{ "latex", "safety" },
	{ "alt-aftercare", "safety" },
	{ "in-person-assessment", "safety" },
	{ "consultant-check", "safety" },
	{ "patch-limit", "safety" },
	{ "risks", "safety" },
	{ "mri", "safety" },
	{ "prep", "safety" },
	{ "no-regrow", "expectation" },
	{ "expectation-mismatch", "expectation" },
	{ "expectations-talk", "expectation" },
	{ "buzz-look", "expectation" },
	{ "density", "expectation" },
	{ "shave", "expectation" },
	{ "early", "expectation" },
	{ "progress", "expectation" },
	{ "hair-loss-review", "expectation" },
	{ "advanced", "expectation" },
	{ "subtle", "expectation" },
	{ "low-hair", "expectation" },
	{ "meds", "expectation" },
	{ "pause-topicals", "expectation" },
	{ "aa-regrow", "expectation" },
	{ "scar", "expectation" },
	{ "transplant", "expectation" },
	{ "transplant-wait", "expectation" },
	{ "grey", "expectation" },
	{ "fair", "expectation" },
	{ "dark", "expectation" },
	{ "colour-shift", "expectation" },
	{ "fade", "expectation" },
	{ "uv", "expectation" },
	{ "perm-temp", "expectation" },
	{ "removal", "expectation" },
	{ "touch-up", "expectation" },
	{ "work-around", "expectation" },
	{ "extra-session", "expectation" },
	{ "sessions", "logistics" },
	{ "healing", "logistics" },
	{ "aftercare", "logistics" },
	{ "schedule-around", "logistics" },
	{ "longevity", "logistics" },
	{ "pain", "logistics" },
	{ "discuss-numbing", "logistics" },
	{ "cost", "logistics" },
	{ "practitioner", "logistics" },
};
static const struct contract_setting contract_settings[] = {
	{ "min_age", SETTING_INTEGER, "18", 16, 21, "", "" },
	{ "scar_maturity_months", SETTING_INTEGER, "12", 6, 24, "", "" },
	{ "post_transplant_defer_months", SETTING_INTEGER, "6", 3, 12, "", "" },
	{ "post_transplant_prefer_months", SETTING_INTEGER, "12", 6, 24, "",
	    "post_transplant_defer_months" },
	{ "isotretinoin_wait_months", SETTING_INTEGER, "6", 1, 12, "", "" },
	{ "isotretinoin_caveat_months", SETTING_INTEGER, "12", 1, 24, "",
	    "isotretinoin_wait_months" },
	{ "chemo_wait_months", SETTING_INTEGER, "6", 6, 12, "", "" },
	{ "chemo_clearance_months", SETTING_INTEGER, "12", 6, 24, "", "chemo_wait_months" },
	{ "aa_stable_months", SETTING_INTEGER, "12", 6, 12, "", "" },
	{ "laser_wait_days", SETTING_INTEGER, "90", 30, 180, "", "" },
	{ "injectable_wait_days", SETTING_INTEGER, "14", 14, 28, "", "" },
	{ "peel_retinoid_wait_days", SETTING_INTEGER, "28", 14, 30, "", "" },
	{ "antibiotic_wait_days", SETTING_INTEGER, "21", 14, 21, "", "" },
	{ "tan_wait_days", SETTING_INTEGER, "14", 7, 28, "", "" },
	{ "patch_test_wait_hours", SETTING_INTEGER, "72", 24, 168, "", "" },
	{ "keloid_policy", SETTING_ENUM, "unsuitable", 0, 0, "unsuitable refer", "" },
	{ "pigment_allergy_policy", SETTING_ENUM, "unsuitable", 0, 0, "unsuitable refer", "" },
	{ "psoriasis_policy", SETTING_ENUM, "caveats", 0, 0, "caveats refer", "" },
	{ "always_patch_test", SETTING_BOOLEAN, "false", 0, 0, "", "" },
};

/* --- NULL and edge inputs ---------------------------------------------------------------- */

Test(rules_edge, free_accepts_null)
{
	rules_free(NULL);
}

Test(rules_edge, empty_text_reports_every_missing_key)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("", &dl), 5);
	test_expect_diag(&dl, "x.cfg: error:", "rules: 'id' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "rules: 'version' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "rules: 'questionnaire' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "rules: 'notes' is missing", NULL);
	test_expect_diag(&dl, "x.cfg: error:", "rules: 'rules' is missing", NULL);
	diag_clear(&dl);
}

Test(rules_edge, version_must_be_positive_with_its_line)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"r\";\n"
	                      "version = 0;\n"
	                      "questionnaire = \"mini-consultation\"; notes = ( ); rules = ( );\n",
	                 &dl),
	    1);
	test_expect_diag(&dl, "x.cfg:2: error:", "rules: version must be a positive integer", NULL);
	diag_clear(&dl);
}

Test(rules_edge, smallest_valid_rules)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = load_good(qn,
	    "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	    "notes = ( ); rules = ( );\n");

	cr_expect_str_eq(rs->id, "r");
	cr_expect_eq(rs->n_rules, 0);
	cr_expect_eq(rs->n_notes, 0);
	cr_expect_eq(rs->n_targets, 0);
	cr_expect_eq(rs->settings.n, 0);
	cr_expect_null(rs->path);
	cr_expect_eq(strlen(rs->sha256), 64);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(rules_edge, missing_file)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct ruleset *rs = (struct ruleset *)&dl;

	cr_expect_eq(rules_load(&rs, "/nonexistent-dir/rules.cfg", qn, &dl), -1);
	cr_expect_null(rs);
	cr_expect_eq(diag_errors(&dl), 1);
	test_expect_diag(&dl, "/nonexistent-dir/rules.cfg: error:", "cannot read",
	    "No such file or directory", NULL);
	diag_clear(&dl);
	questionnaire_free(qn);
}

Test(rules_edge, names_and_parsing)
{
	enum level l = LEVEL_CAVEATS;
	enum patch p = PATCH_RECOMMENDED;
	static const char *const levels[] = { "suitable", "caveats", "refer", "defer",
		"unsuitable" };
	static const char *const patches[] = { "not_needed", "recommended", "required" };
	size_t i;

	for (i = 0; i < 5; i++) {
		cr_expect_str_eq(rules_level_name((enum level)i), levels[i]);
		cr_expect_eq(rules_level_parse(levels[i], &l), 0);
		cr_expect_eq(l, (enum level)i);
	}
	for (i = 0; i < 3; i++) {
		cr_expect_str_eq(rules_patch_name((enum patch)i), patches[i]);
		cr_expect_eq(rules_patch_parse(patches[i], &p), 0);
		cr_expect_eq(p, (enum patch)i);
	}
	l = LEVEL_REFER;
	p = PATCH_REQUIRED;
	cr_expect_eq(rules_level_parse("Defer", &l), -1);
	cr_expect_eq(rules_level_parse("", &l), -1);
	cr_expect_eq(l, LEVEL_REFER, "untouched on failure");
	cr_expect_eq(rules_patch_parse("needed", &p), -1);
	cr_expect_eq(p, PATCH_REQUIRED);
	/* strictness is the enum order */
	cr_expect_lt(LEVEL_SUITABLE, LEVEL_CAVEATS);
	cr_expect_lt(LEVEL_CAVEATS, LEVEL_REFER);
	cr_expect_lt(LEVEL_REFER, LEVEL_DEFER);
	cr_expect_lt(LEVEL_DEFER, LEVEL_UNSUITABLE);
	cr_expect_lt(PATCH_NOT_NEEDED, PATCH_RECOMMENDED);
	cr_expect_lt(PATCH_RECOMMENDED, PATCH_REQUIRED);
	cr_expect_str_eq(rules_note_group_name(NOTE_SAFETY), "safety");
	cr_expect_str_eq(rules_note_group_name(NOTE_EXPECTATION), "expectation");
	cr_expect_str_eq(rules_note_group_name(NOTE_LOGISTICS), "logistics");
	cr_expect_str_eq(rules_time_unit_name(UNIT_DAYS), "days");
	cr_expect_str_eq(rules_time_unit_name(UNIT_MONTHS), "months");
	cr_expect_str_eq(rules_time_unit_name(UNIT_YEARS), "years");
}

/* --- loading the fixtures ---------------------------------------------------------------- */

Test(rules_load, mini_fixture)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = test_mini_rules(qn);
	const struct rule *r;
	char *t;
	long i;

	cr_expect_str_eq(rs->id, "mini-rules");
	cr_expect_eq(rs->version, 2);
	cr_expect_not_null(strstr(rs->path, "mini-rules.cfg"));
	cr_expect_eq(strlen(rs->sha256), 64);
	cr_assert_eq(rs->settings.n, 6);
	cr_assert_eq(rs->n_notes, 9);
	cr_assert_eq(rs->n_targets, 3);
	cr_assert_eq(rs->n_rules, 13);

	cr_expect_str_eq(rs->settings.items[0].id, "min_age");
	cr_expect_eq(rs->settings.items[0].type, SETTING_INTEGER);
	cr_expect_eq(rs->settings.items[0].def, 18);
	cr_expect_eq(rs->settings.items[0].min, 16);
	cr_expect_eq(rs->settings.items[0].max, 21);
	cr_expect_str_eq(rs->settings.items[0].unit, "years");
	cr_expect_str_eq(rs->settings.items[0].text, "Minimum age the clinic treats.");
	cr_expect_eq(rs->settings.items[0].at_least, -1);
	cr_expect_eq(rs->settings.items[2].at_least, 1,
	    "scar_prefer_months >= scar_maturity_months");
	cr_expect_eq(rs->settings.items[4].type, SETTING_ENUM);
	cr_expect_eq(rs->settings.items[4].n_values, 2);
	cr_expect_str_eq(rs->settings.items[4].values[1], "refer");
	cr_expect_eq(rs->settings.items[4].def, 0);
	cr_expect_eq(rs->settings.items[5].type, SETTING_BOOLEAN);
	cr_expect_eq(rs->settings.items[5].def, 0);
	cr_expect_null(rs->settings.items[5].unit);

	cr_expect_str_eq(rs->notes[0].id, "min-age");
	cr_expect_eq(rs->notes[0].group, NOTE_SAFETY);
	cr_expect_eq(rs->notes[5].group, NOTE_EXPECTATION);
	cr_expect_eq(rs->notes[8].group, NOTE_LOGISTICS);
	cr_expect_str_eq(rs->targets[1].id, "cardiologist");
	cr_expect_str_eq(rs->targets[1].label, "Cardiologist");

	r = &rs->rules[0];
	cr_expect_str_eq(r->id, "baseline-notes");
	cr_expect_str_eq(r->when_src, "true");
	cr_expect_not_null(r->when);
	cr_expect_eq(r->level, LEVEL_SUITABLE);
	cr_expect_eq(r->patch, PATCH_NOT_NEEDED, "patch_test defaults to not_needed");
	cr_expect_null(r->reason, "a suitable rule may go without a reason");
	cr_expect_eq(r->n_sources, 0);
	cr_expect_eq(r->come_back.kind, COME_BACK_NONE);
	t = id_list(r->notes, r->n_notes, rs, true);
	cr_expect_str_eq(t, "no-regrow sessions");
	free(t);

	i = rule_find(rs, "under-min-age");
	cr_assert_geq(i, 0);
	r = &rs->rules[i];
	cr_expect_eq(r->level, LEVEL_DEFER);
	cr_expect_eq(r->come_back.kind, COME_BACK_DATE);
	cr_expect_eq(r->come_back.setting, 0);
	cr_expect_eq(r->come_back.question, questionnaire_find(qn, "age"));
	cr_expect_eq(r->come_back.unit, UNIT_YEARS);
	cr_expect_str_eq(r->reason, "You are under the clinic's minimum age.");
	cr_assert_eq(r->n_sources, 1);
	cr_expect_str_eq(r->sources[0], "A01");

	r = &rs->rules[rule_find(rs, "scar-immature")];
	cr_expect_eq(r->come_back.unit, UNIT_MONTHS);
	cr_expect_eq(r->come_back.question, questionnaire_find(qn, "scar_age_months"));

	r = &rs->rules[rule_find(rs, "unwell-today")];
	cr_expect_eq(r->come_back.kind, COME_BACK_CONDITION);
	cr_expect_str_eq(r->come_back.condition,
	    "on a day when you are well, at least "
	    "setting.patch_test_wait_hours hours after a patch test");
	cr_expect_eq(r->n_notes, 0);

	r = &rs->rules[rule_find(rs, "scar-settling")];
	cr_expect_eq(r->patch, PATCH_RECOMMENDED);
	t = id_list(r->notes, r->n_notes, rs, true);
	cr_expect_str_eq(t, "scar patch-limit");
	free(t);

	r = &rs->rules[rule_find(rs, "heart")];
	cr_expect_eq(r->level, LEVEL_REFER);
	t = id_list(r->refer_to, r->n_refer_to, rs, false);
	cr_expect_str_eq(t, "cardiologist");
	free(t);
	cr_expect_gt(r->line, rs->rules[rule_find(rs, "scar-settling")].line);
	cr_expect_eq(rule_find(rs, "nope"), -1);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(rules_load, bundled_matches_the_contract)
{
	struct questionnaire *qn = test_bundled_questionnaire();
	struct ruleset *rs = test_bundled_rules(qn);
	static const char *const targets[] = { "gp", "dermatologist", "oncologist", "cardiologist",
		"haematologist", "practitioner" };
	const struct contract_rule *c;
	const struct rule *r;
	char *got, *want, *gs, *ws, want_cb[160];
	size_t i;
	long k;

	cr_expect_str_eq(rs->id, "smp-rules");
	cr_expect_eq(rs->version, 1);
	cr_assert_eq(rs->n_rules, 123);
	cr_assert_eq(sizeof contract_rules / sizeof contract_rules[0], 123);
	cr_assert_eq(rs->n_notes, 62);
	cr_assert_eq(rs->settings.n, 19);
	cr_assert_eq(rs->n_targets, 6);

	/* the notes catalogue, in display order, with groups */
	for (i = 0; i < 62; i++) {
		cr_expect_str_eq(rs->notes[i].id, contract_notes[i].id, "note #%zu", i + 1);
		cr_expect_str_eq(rules_note_group_name(rs->notes[i].group), contract_notes[i].group,
		    "group of %s", contract_notes[i].id);
		cr_expect_gt(strlen(rs->notes[i].text), 20, "text of %s", rs->notes[i].id);
	}
	for (i = 0; i < 6; i++) {
		cr_expect_str_eq(rs->targets[i].id, targets[i]);
		cr_expect_not_null(rs->targets[i].label);
	}

	/* the settings */
	for (i = 0; i < 19; i++) {
		const struct contract_setting *cs = &contract_settings[i];
		const struct setting_def *d = &rs->settings.items[i];

		cr_expect_str_eq(d->id, cs->id, "setting #%zu", i + 1);
		cr_expect_eq(d->type, cs->type, "type of %s", cs->id);
		if (cs->type == SETTING_INTEGER) {
			cr_expect_eq(d->def, atol(cs->def), "default of %s", cs->id);
			cr_expect_eq(d->min, cs->min, "min of %s", cs->id);
			cr_expect_eq(d->max, cs->max, "max of %s", cs->id);
			if (*cs->at_least != '\0')
				cr_expect_eq(d->at_least,
				    settings_find(&rs->settings, cs->at_least), "at_least of %s",
				    cs->id);
			else
				cr_expect_eq(d->at_least, -1, "at_least of %s", cs->id);
		} else if (cs->type == SETTING_ENUM) {
			cr_assert_eq(d->n_values, 2);
			snprintf(want_cb, sizeof want_cb, "%s %s", d->values[0], d->values[1]);
			cr_expect_str_eq(want_cb, cs->values, "values of %s", cs->id);
			cr_expect_str_eq(d->values[d->def], cs->def, "default of %s", cs->id);
		} else
			cr_expect_eq(d->def, strcmp(cs->def, "true") == 0, "default of %s", cs->id);
	}

	/* every rule, by id */
	for (i = 0; i < 123; i++) {
		c = &contract_rules[i];
		k = rule_find(rs, c->id);
		cr_expect_geq(k, 0, "rule %s is missing", c->id);
		if (k < 0)
			continue;
		r = &rs->rules[k];
		cr_expect_eq((size_t)k, i, "rule %s is not in contract order", c->id);
		cr_expect_str_eq(r->when_src, c->when, "when of %s", c->id);
		cr_expect_str_eq(rules_level_name(r->level), c->level, "level of %s", c->id);
		cr_expect_str_eq(rules_patch_name(r->patch), c->patch, "patch of %s", c->id);
		got = id_list(r->notes, r->n_notes, rs, true);
		gs = sorted_words(got);
		ws = sorted_words(c->notes);
		cr_expect_str_eq(gs, ws, "notes of %s", c->id);
		free(got);
		free(gs);
		free(ws);
		got = id_list(r->refer_to, r->n_refer_to, rs, false);
		gs = sorted_words(got);
		ws = sorted_words(c->refer);
		cr_expect_str_eq(gs, ws, "refer_to of %s", c->id);
		free(got);
		free(gs);
		free(ws);
		switch (r->come_back.kind) {
		case COME_BACK_NONE:
			want = strdup("");
			break;
		case COME_BACK_DATE:
			snprintf(want_cb, sizeof want_cb, "date %s %s %s",
			    rs->settings.items[r->come_back.setting].id,
			    qn->questions[r->come_back.question].id,
			    rules_time_unit_name(r->come_back.unit));
			want = strdup(want_cb);
			break;
		default:
			want = strdup(r->come_back.condition);
			break;
		}
		cr_expect_str_eq(want, c->come_back, "come_back of %s", c->id);
		free(want);
		cr_expect_eq(r->come_back.kind != COME_BACK_NONE, r->level == LEVEL_DEFER,
		    "only deferrals come back: %s", c->id);
		if (r->level != LEVEL_SUITABLE)
			cr_expect_not_null(r->reason, "reason of %s", c->id);
		cr_expect_geq(r->n_sources, 1, "sources of %s", c->id);
		/* every rule that sets a patch level also attaches patch-limit */
		if (r->patch != PATCH_NOT_NEEDED)
			cr_expect_not_null(strstr(c->notes, "patch-limit"), "%s", c->id);
	}
	rules_free(rs);
	questionnaire_free(qn);
}

/* --- validation errors ------------------------------------------------------------------- */

Test(rules_errors, unknown_note_and_target_suggest)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(R_HEAD
	                 "  { id = \"a\"; when = \"true\"; level = \"suitable\"; notes = [ "
	                 "\"min_age\" ]; },\n"
	                 "  { id = \"b\"; when = \"true\"; level = \"refer\"; reason = \"R\";\n"
	                 "    refer_to = [ \"dermatolgist\", \"cardiologist\" ]; }\n" R_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'a'", "unknown note 'min_age' in notes",
	    "(did you mean 'min-age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'b'",
	    "unknown refer target 'dermatolgist' in refer_to", "(did you mean 'dermatologist'?)",
	    NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'b'",
	    "unknown refer target 'cardiologist' in refer_to", NULL);
	diag_clear(&dl);
}

Test(rules_errors, unknown_level_and_patch_suggest)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(R_HEAD
	                 "  { id = \"a\"; when = \"true\"; level = \"caveat\"; reason = \"R\"; },\n"
	                 "  { id = \"b\"; when = \"true\"; level = \"suitable\"; patch_test = "
	                 "\"requird\"; },\n"
	                 "  { id = \"c\"; when = \"true\"; level = \"maybe\"; }\n" R_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'a'", "unknown level 'caveat'",
	    "(did you mean 'caveats'?)", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'b'", "unknown patch_test 'requird'",
	    "(did you mean 'required'?)", NULL);
	test_expect_diag(&dl, "x.cfg:11: error:", "rule 'c'", "unknown level 'maybe'", NULL);
	diag_clear(&dl);
}

Test(rules_errors, come_back_only_and_always_on_deferrals)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(R_HEAD
	                 "  { id = \"a\"; when = \"true\"; level = \"caveats\"; reason = \"R\";\n"
	                 "    come_back = { condition = \"later\"; }; },\n"
	                 "  { id = \"b\"; when = \"true\"; level = \"defer\"; reason = \"R\"; "
	                 "}\n" R_TAIL,
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'a'",
	    "only a rule of level 'defer' has come_back", NULL);
	test_expect_diag(&dl, "x.cfg:11: error:", "rule 'b'", "a deferral needs come_back", NULL);
	diag_clear(&dl);
}

Test(rules_errors, come_back_date_formula_checks)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad(R_HEAD
	        "  { id = \"a\"; when = \"age < setting.min_age\"; level = \"defer\"; reason = "
	        "\"R\";\n"
	        "    come_back = { setting = \"keloid_policy\"; question = \"age\"; unit = "
	        "\"years\"; }; },\n"
	        "  { id = \"b\"; when = \"age < setting.min_age\"; level = \"defer\"; reason = "
	        "\"R\";\n"
	        "    come_back = { setting = \"min_age\"; question = \"pregnancy\"; unit = "
	        "\"years\"; }; },\n"
	        "  { id = \"c\"; when = \"age < setting.min_age\"; level = \"defer\"; reason = "
	        "\"R\";\n"
	        "    come_back = { setting = \"min_age\"; question = \"age\"; unit = \"month\"; }; "
	        "},\n"
	        "  { id = \"d\"; when = \"age < setting.min_age\"; level = \"defer\"; reason = "
	        "\"R\";\n"
	        "    come_back = { setting = \"min_aeg\"; question = \"agee\"; }; },\n"
	        "  { id = \"e\"; when = \"age < setting.min_age\"; level = \"defer\"; reason = "
	        "\"R\";\n"
	        "    come_back = { setting = \"min_age\"; question = \"age\"; unit = \"years\";\n"
	        "                  condition = \"and also\"; }; }\n" R_TAIL,
	        &dl),
	    7);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'a'",
	    "come_back setting 'keloid_policy' is not an integer setting", NULL);
	test_expect_diag(&dl, "x.cfg:12: error:", "rule 'b'",
	    "come_back question 'pregnancy' is not an integer question", NULL);
	test_expect_diag(&dl, "x.cfg:14: error:", "rule 'c'", "unknown unit 'month'",
	    "(did you mean 'months'?)", NULL);
	test_expect_diag(&dl, "x.cfg:16: error:", "rule 'd'",
	    "come_back names unknown setting 'min_aeg'", "(did you mean 'min_age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:16: error:", "rule 'd'",
	    "come_back names unknown question 'agee'", "(did you mean 'age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:16: error:", "rule 'd'", "'unit' is missing", NULL);
	test_expect_diag(&dl, "x.cfg:18: error:", "rule 'e'",
	    "either a condition or a date formula", NULL);
	diag_clear(&dl);
}

Test(rules_errors, come_back_condition_names_unknown_setting)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad(R_HEAD
	        "  { id = \"a\"; when = \"true\"; level = \"defer\"; reason = \"R\";\n"
	        "    come_back = { condition = \"setting.min_aeg years after setting.min_age\"; }; "
	        "},\n"
	        "  { id = \"b\"; when = \"true\"; level = \"defer\"; reason = \"R\";\n"
	        "    come_back = { condition = \"in setting.weather_forecast days\"; }; }\n" R_TAIL,
	        &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'a'",
	    "come_back names unknown setting 'min_aeg'", "(did you mean 'min_age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:12: error:", "rule 'b'",
	    "come_back names unknown setting 'weather_forecast'", NULL);
	diag_clear(&dl);
}

Test(rules_errors, condition_text_with_known_settings_is_fine)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = load_good(qn,
	    R_HEAD "  { id = \"a\"; when = \"true\"; level = \"defer\"; reason = \"R\";\n"
	           "    come_back = { condition = \"setting.min_age years, "
	           "setting.keloid_policy.\"; }; }\n" R_TAIL);

	cr_expect_eq(rs->rules[0].come_back.kind, COME_BACK_CONDITION);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(rules_errors, notes_catalogue)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	                      "notes = (\n"
	                      "  { id = \"a\"; group = \"safety\"; text = \"A\"; },\n"
	                      "  { id = \"b\"; group = \"logistics\"; text = \"B\"; },\n"
	                      "  { id = \"c\"; group = \"expectation\"; text = \"C\"; },\n"
	                      "  { id = \"a\"; group = \"safety\"; text = \"A again\"; },\n"
	                      "  { id = \"d\"; group = \"logistic\"; text = \"D\"; },\n"
	                      "  { id = \"e\"; group = \"logistics\"; },\n"
	                      "  { id = \"F\"; group = \"logistics\"; text = \"F\"; tone = 1; }\n"
	                      ");\n"
	                      "rules = ( );\n",
	                 &dl),
	    7);
	test_expect_diag(&dl, "x.cfg:5: error:", "note 'c'",
	    "a expectation note after the logistics notes", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "note 'a'", "duplicate id (first at line 3)",
	    NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "note 'a'",
	    "a safety note after the logistics notes", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "note 'd'", "unknown group 'logistic'",
	    "(did you mean 'logistics'?)", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "note 'e'", "'text' is missing", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "note 'F'", "an id is lower-case", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "note 'F'", "unknown key 'tone'", NULL);
	diag_clear(&dl);
}

Test(rules_errors, refer_targets_catalogue)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	                      "notes = ( ); rules = ( );\n"
	                      "refer_targets = (\n"
	                      "  { id = \"gp\"; label = \"GP\"; },\n"
	                      "  { id = \"gp\"; label = \"GP again\"; },\n"
	                      "  { id = \"vet\"; lable = \"Vet\"; }\n"
	                      ");\n",
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:5: error:", "refer target 'gp'", "duplicate id", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "refer target 'vet'", "unknown key 'lable'",
	    "(did you mean 'label'?)", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "refer target 'vet'", "'label' is missing", NULL);
	diag_clear(&dl);
}

Test(rules_errors, duplicate_rule_and_missing_reason)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(R_HEAD
	                 "  { id = \"a\"; when = \"true\"; level = \"suitable\"; },\n"
	                 "  { id = \"b\"; when = \"true\"; level = \"caveats\"; },\n"
	                 "  { id = \"a\"; when = \"false\"; level = \"suitable\"; },\n"
	                 "  { id = \"c\"; when = \"true\"; level = \"unsuitable\"; }\n" R_TAIL,
	                 &dl),
	    3);
	test_expect_diag(&dl, "x.cfg:11: error:", "rule 'a'", "duplicate id (first at line 9)",
	    NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'b'",
	    "a rule of level 'caveats' needs a reason", NULL);
	test_expect_diag(&dl, "x.cfg:12: error:", "rule 'c'",
	    "a rule of level 'unsuitable' needs a reason", NULL);
	diag_clear(&dl);
}

Test(rules_errors, rule_keys_and_ids)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(R_HEAD
	                 "  { id = \"a\"; wen = \"true\"; level = \"suitable\"; },\n"
	                 "  { id = \"Bad Id\"; when = \"true\"; level = \"suitable\"; },\n"
	                 "  { when = \"true\"; level = \"suitable\"; },\n"
	                 "  { id = \"d\"; when = \"true\"; level = \"suitable\"; sources = "
	                 "\"A01\"; }\n" R_TAIL,
	                 &dl),
	    5);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'a'", "unknown key 'wen'",
	    "(did you mean 'when'?)", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'a'", "'when' is missing", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'Bad Id'", "an id is lower-case", NULL);
	test_expect_diag(&dl, "x.cfg:11: error:", "rule: 'id' is missing", NULL);
	test_expect_diag(&dl, "x.cfg:12: error:", "rule 'd'", "'sources' must be a list of strings",
	    NULL);
	diag_clear(&dl);
}

Test(rules_errors, questionnaire_mismatch_and_top_keys)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad("id = \"r\"; version = 1;\n"
	                      "questionnaire = \"smp-consultation\";\n"
	                      "notes = ( ); rules = ( );\n"
	                      "setings = ( );\n",
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:2: error:",
	    "rules: written for questionnaire 'smp-consultation', but the questionnaire is "
	    "'mini-consultation'",
	    NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "unknown key 'setings'",
	    "(did you mean 'settings'?)", NULL);
	diag_clear(&dl);
}

Test(rules_errors, setting_declarations)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad(
	        "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	        "notes = ( ); rules = ( );\n"
	        "settings = (\n"
	        "  { id = \"a\"; type = \"integer\"; default = 30; min = 16; max = 21; },\n"
	        "  { id = \"b\"; type = \"integer\"; default = 5; min = 9; max = 1; },\n"
	        "  { id = \"c\"; type = \"enum\"; default = \"maybe\"; values = [ \"yes\", \"no\" "
	        "]; },\n"
	        "  { id = \"d\"; type = \"enum\"; default = \"only\"; values = [ \"only\" ]; },\n"
	        "  { id = \"e\"; type = \"integr\"; default = 1; },\n"
	        "  { id = \"a\"; type = \"boolean\"; default = false; },\n"
	        "  { id = \"g\"; type = \"boolean\"; default = \"no\"; },\n"
	        "  { id = \"h\"; type = \"integer\"; default = 1; min = 0; }\n"
	        ");\n",
	        &dl),
	    8);
	test_expect_diag(&dl, "x.cfg:4: error:", "setting 'a'", "default 30 is outside 16..21",
	    NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "setting 'b'", "min 9 is greater than max 1",
	    NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "setting 'c'",
	    "default 'maybe' is not one of its values", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "setting 'd'", "an enum needs at least two values",
	    NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "setting 'e'", "unknown type 'integr'",
	    "(did you mean 'integer'?)", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "setting 'a'", "duplicate id", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "setting 'g'", "'default' must be true or false",
	    NULL);
	test_expect_diag(&dl, "x.cfg:11: error:", "setting 'h'", "'max' is missing", NULL);
	diag_clear(&dl);
}

Test(rules_errors, at_least_declarations)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad("id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	             "notes = ( ); rules = ( );\n"
	             "settings = (\n"
	             "  { id = \"a\"; type = \"integer\"; default = 6; min = 1; max = 12; at_least "
	             "= \"nope\"; },\n"
	             "  { id = \"b\"; type = \"integer\"; default = 6; min = 1; max = 12; at_least "
	             "= \"b\"; },\n"
	             "  { id = \"c\"; type = \"integer\"; default = 3; min = 1; max = 12; at_least "
	             "= \"later\"; },\n"
	             "  { id = \"p\"; type = \"enum\"; default = \"x\"; values = [ \"x\", \"y\" ]; "
	             "at_least = \"a\"; },\n"
	             "  { id = \"q\"; type = \"integer\"; default = 6; min = 1; max = 12; at_least "
	             "= \"p\"; },\n"
	             "  { id = \"later\"; type = \"integer\"; default = 4; min = 1; max = 12; }\n"
	             ");\n",
	        &dl),
	    5);
	test_expect_diag(&dl, "x.cfg:4: error:", "setting 'a'",
	    "at_least must name another integer setting, not 'nope'", NULL);
	test_expect_diag(&dl, "x.cfg:5: error:", "setting 'b'", "not 'b'", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "setting 'c'",
	    "default 3 is less than the default 4 of 'later'", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "setting 'p'", "not 'a'", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "setting 'q'", "not 'p'", NULL);
	diag_clear(&dl);
}

Test(rules_errors, at_least_may_name_a_later_setting)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct ruleset *rs = load_good(qn,
	    "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	    "notes = ( ); rules = ( );\n"
	    "settings = (\n"
	    "  { id = \"prefer\"; type = \"integer\"; default = 12; min = 6; max = 24; at_least = "
	    "\"defer\"; },\n"
	    "  { id = \"defer\"; type = \"integer\"; default = 12; min = 3; max = 12; }\n"
	    ");\n");

	cr_expect_eq(rs->settings.items[0].at_least, 1);
	cr_expect_eq(rs->settings.items[1].at_least, -1);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(rules_errors, when_type_mismatch_and_impossible_comparisons)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad(R_HEAD
	        "  { id = \"too-old\"; when = \"age > 500\"; level = \"suitable\"; },\n"
	        "  { id = \"str-age\"; when = \"age == 'old'\"; level = \"suitable\"; },\n"
	        "  { id = \"int-single\"; when = \"pregnancy == 3\"; level = \"suitable\"; },\n"
	        "  { id = \"in-single\"; when = \"'no' in pregnancy\"; level = \"suitable\"; },\n"
	        "  { id = \"bare-enum\"; when = \"setting.keloid_policy\"; level = \"suitable\"; "
	        "},\n"
	        "  { id = \"typo-setting\"; when = \"age < setting.min_aeg\"; level = "
	        "\"suitable\"; },\n"
	        "  { id = \"typo-option\"; when = \"norwood == 'vi'\"; level = \"suitable\"; },\n"
	        "  { id = \"no-unknown\"; when = \"age == 'unknown'\"; level = \"suitable\"; },\n"
	        "  { id = \"setting-as-q\"; when = \"min_age > 3\"; level = \"suitable\"; },\n"
	        "  { id = \"bad-syntax\"; when = \"age < \"; level = \"suitable\"; }\n" R_TAIL,
	        &dl),
	    10);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'too-old'", "'age > 500' can never be true",
	    "question 'age' takes 0..120", NULL);
	test_expect_diag(&dl, "x.cfg:10: error:", "rule 'str-age'",
	    "integer question 'age' is compared with the string 'old'", NULL);
	test_expect_diag(&dl, "x.cfg:11: error:", "rule 'int-single'",
	    "single question 'pregnancy' is compared with the integer 3", NULL);
	test_expect_diag(&dl, "x.cfg:12: error:", "rule 'in-single'", "needs a multi question",
	    NULL);
	test_expect_diag(&dl, "x.cfg:13: error:", "rule 'bare-enum'", "not boolean", NULL);
	test_expect_diag(&dl, "x.cfg:14: error:", "rule 'typo-setting'",
	    "unknown setting 'min_aeg'", "(did you mean 'min_age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:15: error:", "rule 'typo-option'",
	    "question 'norwood' has no option 'vi'", NULL);
	test_expect_diag(&dl, "x.cfg:16: error:", "rule 'no-unknown'", "age", NULL);
	test_expect_diag(&dl, "x.cfg:17: error:", "rule 'setting-as-q'",
	    "unknown question 'min_age'", "(did you mean 'setting.min_age'?)", NULL);
	test_expect_diag(&dl, "x.cfg:18: error:", "rule 'bad-syntax'", "syntax error", NULL);
	diag_clear(&dl);
}

Test(rules_errors, when_may_name_any_question)
{
	struct questionnaire *qn = test_mini_questionnaire();
	/* rules see every question, unlike show_if; the last question included */
	struct ruleset *rs = load_good(qn,
	    R_HEAD "  { id = \"a\"; when = \"answered(price_info) and unwell_today == 'yes' and "
	           "'unknown' in heart_conditions and scar_age_months == 'unknown'\"; level = "
	           "\"suitable\"; }\n" R_TAIL);

	cr_expect_eq(rs->n_rules, 1);
	rules_free(rs);
	questionnaire_free(qn);
}

Test(rules_errors, every_error_in_one_run)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(
	    load_bad("id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n" /* 1 */
	             "settings = ( { id = \"min_age\"; type = \"integer\"; default = 40; min = 16; "
	             "max = 21; } );\n"                                                  /* 2 */
	             "notes = ( { id = \"n\"; group = \"logistics\"; text = \"N\"; },\n" /* 3 */
	             "  { id = \"m\"; group = \"safety\"; text = \"M\"; } );\n"          /* 4 */
	             "rules = (\n"                                                       /* 5 */
	             "  { id = \"a\"; when = \"age > 999\"; level = \"suitable\"; },\n"  /* 6 */
	             "  { id = \"b\"; when = \"true\"; level = \"refer\"; },\n"          /* 7 */
	             "  { id = \"c\"; when = \"true\"; level = \"defer\"; reason = \"R\"; notes = "
	             "[ \"x\" ]; },\n"                                            /* 8 */
	             "  { id = \"a\"; when = \"true\"; level = \"suitable\"; }\n" /* 9 */
	             ");\n",
	        &dl),
	    7);
	test_expect_diag(&dl, "x.cfg:2: error:", "default 40 is outside 16..21", NULL);
	test_expect_diag(&dl, "x.cfg:4: error:", "a safety note after the logistics notes", NULL);
	test_expect_diag(&dl, "x.cfg:6: error:", "rule 'a'", "can never be true", NULL);
	test_expect_diag(&dl, "x.cfg:7: error:", "rule 'b'", "needs a reason", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "rule 'c'", "unknown note 'x' in notes", NULL);
	test_expect_diag(&dl, "x.cfg:8: error:", "rule 'c'", "a deferral needs come_back", NULL);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'a'", "duplicate id (first at line 6)",
	    NULL);
	diag_clear(&dl);
}

/* --- large files: ids found through indexes, not a search per item --------------------- */

/*
 * A rules file for the mini questionnaire with n integer settings s*, notes n*, bibliography
 * entries b* and rules r*, one a line, the rules after the catalogues; item `dup` of each
 * list repeats the id of item `first` (none when they are equal). Rule i tests setting i and
 * cites note i and entry i when `cite_own`, else the first of each. lines[] gets the line of
 * the first and the repeated item of each list: settings, notes, bibliography, rules.
 */
static char *
many_items(size_t n, size_t dup, size_t first, bool cite_own, int lines[8])
{
	static const char *const list[] = { "settings", "notes", "bibliography", "rules" };
	struct strbuf sb = { 0 };
	size_t i, k, c, id;
	int line = 1;

	sb_append(&sb, "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n");
	for (k = 0; k < 4; k++) {
		sb_printf(&sb, "%s = (\n", list[k]);
		line++;
		for (i = 0; i < n; i++) {
			line++;
			if (i == first)
				lines[2 * k] = line;
			if (i == dup)
				lines[2 * k + 1] = line;
			id = i == dup ? first : i;
			c = cite_own ? i : 0;
			if (k == 0)
				sb_printf(&sb,
				    "  { id = \"s%zu\"; type = \"integer\"; default = 1; min = 0; "
				    "max = "
				    "9; }",
				    id);
			else if (k == 1)
				sb_printf(&sb,
				    "  { id = \"n%zu\"; group = \"safety\"; text = \"N\"; }", id);
			else if (k == 2)
				sb_printf(&sb, "  { id = \"b%zu\"; title = \"B\"; }", id);
			else
				sb_printf(&sb,
				    "  { id = \"r%zu\"; when = \"setting.s%zu > 0\"; level = "
				    "\"caveats\"; "
				    "reason = \"R\"; notes = [ \"n%zu\" ]; sources = [ \"b%zu\" ]; "
				    "}",
				    id, c, c, c);
			sb_append(&sb, i + 1 < n ? ",\n" : "\n");
		}
		sb_append(&sb, ");\n");
		line++;
	}
	return sb_detach(&sb);
}

Test(rules_large, five_thousand_of_each_are_all_found)
{
	struct questionnaire *qn = test_mini_questionnaire();
	int lines[8];
	char *text = many_items(5000, 0, 0, true, lines), id[32];
	struct ruleset *rs = load_good(qn, text);
	size_t i;

	cr_assert_eq(rs->n_rules, 5000);
	cr_assert_eq(rs->settings.n, 5000);
	for (i = 0; i < rs->n_rules; i++) {
		cr_expect_eq(rs->rules[i].n_notes, 1);
		cr_expect_eq(rs->rules[i].notes[0], i, "rule %zu", i);
		snprintf(id, sizeof id, "s%zu", i);
		cr_expect_eq(settings_find(&rs->settings, id), (long)i, "%s", id);
	}
	cr_expect_eq(settings_find(&rs->settings, "s5000"), -1);
	rules_free(rs);
	questionnaire_free(qn);
	free(text);
}

Test(rules_large, duplicates_among_five_thousand_name_both_lines)
{
	struct diag_list dl = { 0 };
	int lines[8];
	char *text = many_items(5000, 4321, 12, false, lines), prefix[64], first[64];
	static const char *const what[] = { "setting 's12'", "note 'n12'",
		"bibliography entry 'b12'", "rule 'r12'" };
	size_t k;

	cr_expect_eq(load_bad(text, &dl), 4);
	for (k = 0; k < 4; k++) {
		snprintf(prefix, sizeof prefix, "x.cfg:%d: error:", lines[2 * k + 1]);
		snprintf(first, sizeof first, "(first at line %d)", lines[2 * k]);
		test_expect_diag(&dl, prefix, what[k], "duplicate id",
		    k == 1 || k == 3 ? first : NULL, NULL);
	}
	diag_clear(&dl);
	free(text);
}

/* --- texts fit for a terminal ---------------------------------------------------------- */

/* Every text of a rules file, the one at `field` holding `bad` ("" for none). */
static char *
rules_with(int field, const char *bad)
{
	const char *t[10];
	int i;

	for (i = 0; i < 10; i++)
		t[i] = i == field ? bad : "";
	return xasprintf(
	    "id = \"r%s\"; version = 1; questionnaire = \"mini-consultation\";\n" /* 1 */
	    "settings = ( { id = \"wait\"; type = \"integer\"; default = 1; min = 0; max = 9; "
	    "unit = \"days%s\"; text = \"W%s\"; },\n" /* 2 */
	    "  { id = \"pol\"; type = \"enum\"; default = \"a\"; values = [ \"a\", \"b%s\" ]; } "
	    ");\n"
	    "notes = ( { id = \"n\"; group = \"safety\"; text = \"N%s\"; } );\n"      /* 4 */
	    "refer_targets = ( { id = \"gp\"; label = \"GP%s\"; } );\n"               /* 5 */
	    "bibliography = ( { id = \"b\"; title = \"B%s\"; where = \"W%s\"; } );\n" /* 6 */
	    "rules = ( { id = \"r\"; when = \"age < 18\"; level = \"refer\"; reason = \"R%s\";\n"
	    "    notes = [ \"n\" ]; refer_to = [ \"gp\" ]; sources = [ \"b\" ]; },\n" /* 8 */
	    "  { id = \"d\"; when = \"age < 16\"; level = \"defer\"; reason = \"D\"; sources = [ "
	    "\"b\" ];\n"                                        /* 9 */
	    "    come_back = { condition = \"C%s\"; }; } );\n", /* 10 */
	    t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
}

static const struct {
	const char *owner, *key;
	int line;
	bool lines; /* may hold a line break */
} rules_fields[10] = {
	{ "rules", "id", 1, false },
	{ "setting 'wait'", "unit", 2, false },
	{ "setting 'wait'", "text", 2, false },
	{ "setting 'pol'", "values", 3, false },
	{ "note 'n'", "text", 4, true },
	{ "refer target 'gp'", "label", 5, false },
	{ "bibliography entry 'b'", "title", 6, false },
	{ "bibliography entry 'b'", "where", 6, false },
	{ "rule 'r'", "reason", 7, true },
	{ "rule 'd'", "condition", 10, false },
};

Test(rules_text, every_text_field_is_checked)
{
	static const struct {
		const char *bytes, *name;
	} unfit[] = {
		{ "\\x1b]52;c;aGk=\\x07", "ESC" },
		{ "\\x1b[2J", "ESC" },
		{ "\\x07", "BEL" },
		{ "\\t", "TAB" },
		{ "\\x7f", "DEL" },
		{ "\\xc2\\x9d", "U+009D" },
		{ "\\xe2\\x80\\xae", "U+202E" },
		{ "\\xe2\\x81\\xa9", "U+2069" },
	};
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	char *text = rules_with(-1, ""), prefix[32], what[128];
	size_t f, b;

	rules_free(load_good(qn, text));
	free(text);
	for (f = 0; f < 10; f++)
		for (b = 0; b < sizeof unfit / sizeof unfit[0]; b++) {
			text = rules_with((int)f, unfit[b].bytes);
			cr_expect_eq(load_bad(text, &dl), 1, "%s %s", rules_fields[f].key,
			    unfit[b].name);
			snprintf(prefix, sizeof prefix, "x.cfg:%d: error:", rules_fields[f].line);
			snprintf(what, sizeof what, "%s: %s holds a control character (%s)",
			    rules_fields[f].owner, rules_fields[f].key, unfit[b].name);
			test_expect_diag(&dl, prefix, what, NULL);
			diag_clear(&dl);
			free(text);
		}
	questionnaire_free(qn);
}

/* Line breaks in a note and a reason (paragraphs, as in catalogs); nowhere else. */
Test(rules_text, line_breaks_only_in_paragraphs)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	char *text, prefix[32], what[128];
	size_t f;

	for (f = 0; f < 10; f++) {
		text = rules_with((int)f, "\\nmore");
		if (rules_fields[f].lines) {
			rules_free(load_good(qn, text));
			free(text);
			continue;
		}
		cr_expect_eq(load_bad(text, &dl), 1, "%s", rules_fields[f].key);
		snprintf(prefix, sizeof prefix, "x.cfg:%d: error:", rules_fields[f].line);
		snprintf(what, sizeof what, "%s: %s holds a line break; it must be one line",
		    rules_fields[f].owner, rules_fields[f].key);
		test_expect_diag(&dl, prefix, what, NULL);
		diag_clear(&dl);
		free(text);
	}
	text = rules_with(8, "\\xff");
	cr_expect_eq(load_bad(text, &dl), 1);
	test_expect_diag(&dl, "x.cfg:7: error:", "rule 'r': reason is not valid UTF-8", NULL);
	diag_clear(&dl);
	free(text);
	questionnaire_free(qn);
}

/* Tags are printed as they are: a bibliography id and the sources that cite it, and the
 * sources of a rules file without a bibliography. A condition is text too. */
Test(rules_text, tags_and_conditions)
{
	struct diag_list dl = { 0 };

	cr_expect_eq(load_bad(R_HEAD "  { id = \"a\"; when = \"true\"; level = \"suitable\";\n"
	                             "    sources = [ \"him\\x1b[2J\" ]; }\n" R_TAIL,
	                 &dl),
	    1);
	test_expect_diag(&dl,
	    "x.cfg:10: error:", "rule 'a': sources holds a control character (ESC)", NULL);
	diag_clear(&dl);
	cr_expect_eq(load_bad("id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	                      "notes = ( ); bibliography = ( { id = \"him\\x07\"; title = \"H\"; } "
	                      ");\n"
	                      "rules = ( { id = \"a\"; when = \"true\"; level = \"suitable\";\n"
	                      "    sources = [ \"him\\x07\" ]; } );\n",
	                 &dl),
	    2);
	test_expect_diag(&dl, "x.cfg:2: error:", "id holds a control character (BEL)", NULL);
	test_expect_diag(&dl,
	    "x.cfg:4: error:", "rule 'a': sources holds a control character (BEL)", NULL);
	diag_clear(&dl);
	load_bad(R_HEAD
	    "  { id = \"a\"; when = \"age < 18\\x1b]0;x\\x07\"; level = \"suitable\"; }\n" R_TAIL,
	    &dl);
	test_expect_diag(&dl, "x.cfg:9: error:", "rule 'a': when holds a control character (ESC)",
	    NULL);
	diag_clear(&dl);
}

/* An enum is a handful of policies: like the options of a question, at most 64 values. */
Test(rules_errors, enum_values_are_bounded)
{
	struct questionnaire *qn = test_mini_questionnaire();
	struct diag_list dl = { 0 };
	struct strbuf sb = { 0 };
	struct ruleset *rs;
	int n, i;

	for (n = SETTING_MAX_VALUES; n <= SETTING_MAX_VALUES + 1; n++) {
		sb_reset(&sb);
		sb_append(&sb,
		    "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
		    "settings = ( { id = \"e\"; type = \"enum\"; default = \"v0\";\n"
		    "  values = [ ");
		for (i = 0; i < n; i++)
			sb_printf(&sb, "%s\"v%d\"", i > 0 ? ", " : "", i);
		sb_append(&sb,
		    " ]; } );\nnotes = ( ); rules = (\n"
		    "  { id = \"a\"; when = \"setting.e == 'v1'\"; level = \"suitable\"; } );\n");
		if (n == SETTING_MAX_VALUES) {
			rs = load_good(qn, sb_str(&sb));
			cr_expect_eq(rs->settings.items[0].n_values, (size_t)n);
			rules_free(rs);
			continue;
		}
		load_bad(sb_str(&sb), &dl);
		test_expect_diag(&dl,
		    "x.cfg:2: error:", "setting 'e': 65 values, more than the limit of 64", NULL);
		diag_clear(&dl);
	}
	sb_free(&sb);
	questionnaire_free(qn);
}

/* "Did you mean" compares a name with every candidate; in one file the searches share a
 * budget (suggest.h), so the same unknown note cited by 1,000 rules among 4,001 notes gets
 * a suggestion at first and none once the budget is spent, instead of taking minutes in a
 * hostile file. (The long ids keep the test quick: their length alone rules them out.) */
Test(rules_large, suggestions_share_a_budget)
{
	struct diag_list dl = { 0 };
	struct strbuf sb = { 0 };
	size_t i, hinted = 0;

	sb_append(&sb,
	    "id = \"r\"; version = 1; questionnaire = \"mini-consultation\";\n"
	    "notes = ( { id = \"nx\"; group = \"safety\"; text = \"N\"; },\n");
	for (i = 0; i < 4000; i++)
		sb_printf(&sb,
		    "  { id = \"note-%zu-with-a-long-name\"; group = \"safety\"; text = \"N\"; "
		    "}%s\n",
		    i, i + 1 < 4000 ? "," : "");
	sb_append(&sb, ");\nrules = (\n");
	for (i = 0; i < 1000; i++)
		sb_printf(&sb,
		    "  { id = \"r%zu\"; when = \"true\"; level = \"suitable\"; notes = [ \"nxa\" "
		    "]; "
		    "}%s\n",
		    i, i + 1 < 1000 ? "," : "");
	sb_append(&sb, ");\n");
	cr_expect_eq(load_bad(sb_str(&sb), &dl), 1000);
	for (i = 0; i < dl.n; i++)
		if (strstr(dl.items[i].msg, "unknown note 'nxa' in notes (did you mean 'nx'?)") !=
		    NULL)
			hinted++;
	cr_expect_eq(hinted, SUGGEST_BUDGET / 4001, "%zu", hinted);
	cr_expect(strstr(dl.items[0].msg, "(did you mean 'nx'?)") != NULL, "%s", dl.items[0].msg);
	cr_expect(strstr(dl.items[dl.n - 1].msg, "did you mean") == NULL, "%s",
	    dl.items[dl.n - 1].msg);
	diag_clear(&dl);
	sb_free(&sb);
}
