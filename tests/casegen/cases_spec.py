# SPDX-License-Identifier: ISC
"""The golden cases: for each, an answer set, a screening date, clinic settings and a description.

Only inputs live here; gen.py asks model.py for the expected outcome of each case. Most cases
start from BASE (an all-clear client) and change a few answers; the mixins below add the
follow-up answers a gate opens (pattern loss, alopecia areata, scars, a transplant, ...).
An answer given as None removes that BASE answer. Case names are numbered by section:
00x whole consultations, 02x-04x section A, 05x B, 08x C, 10x-14x D, 16x E, 20x F, 27x G,
30x H, 32x date arithmetic, 34x answers to hidden questions.
"""

BASE = dict(
    age=34, pregnancy='no', goal='buzz_look', hair_colour='dark_brown', skin_type='type_3',
    loss_reasons=['scars'], will_shave='yes', scar_types=['none'], keloid_history='no',
    hair_transplant='never', existing_pigment='none', scalp_laser_recent='no',
    injectables_recent='no', scalp_skin_treatment='no', scalp_now=['none'],
    chronic_scalp_condition=['none'], moles='none', scalp_tanned_recent='no', pih_tendency='no',
    bleeding_disorder='no', anticoagulant='no', otc_blood_thinners='no', diabetes='no',
    heart_conditions=['none'], epilepsy='no', immune=['none'], chemo_status='never',
    isotretinoin='never', antibiotics='no', doxycycline_6m='no', thyroid_meds='no',
    liver_disease='no', pigment_condition='none', previous_pigment='healed_ok',
    anaesthetic_reaction='no', metal_allergy='no', latex_allergy='no', dye_henna_reaction='no',
    aftercare_product_reaction='no', sensitive_skin='no', expectations=['shaved_look'],
    longevity_wish='as_long_as_possible', touchups_ok='yes', sun_exposure='moderate',
    upcoming_plans=['none'], can_attend_sessions='yes', pain_worry='not_worried',
)
PATTERN = dict(loss_reasons=['pattern'], norwood='iii', loss_trend='stable', loss_treatments=['none'])
DIFFUSE = dict(loss_reasons=['diffuse_thinning'], female_scale='ludwig_ii', loss_trend='stable',
               loss_treatments=['none'], goal='long_hair_density', expectations=['fuller_look'])
AA = dict(loss_reasons=['alopecia_areata'], aa_last_change_months=24, aa_regrowing='no', aa_treatments=['none'])
SCAR = dict(loss_reasons=['scars'], goal='scar_only', expectations=['hide_scar'], scar_types=['fut_strip'],
            scar_age_months=36, scar_active='no', scar_appearance='flat_pale')
TRANSPLANT = dict(hair_transplant='fue', transplant_months_ago=24, graft_area_symptoms='no')
LASER = dict(scalp_laser_recent='yes')
INJ = dict(injectables_recent='yes')
PEEL = dict(scalp_skin_treatment='in_last_3_months')
TAN = dict(scalp_tanned_recent='yes')
CHEMO = dict(chemo_status='finished')
ISO = dict(isotretinoin='stopped')
ABX = dict(antibiotics='finished_recently')

CASES = []


def case(name, comment, title, answers=None, today='2027-03-15', settings=None, mix=()):
    """Add a case: BASE, then each mixin in order, then the case's own answers."""
    a = dict(BASE)
    for m in mix:
        a.update(m)
    a.update(answers or {})
    for k in [k for k, v in a.items() if v is None]:
        del a[k]
    CASES.append(dict(name=name, comment=comment, title=title, today=today, settings=settings or {}, answers=a))


# ---------------------------------------------------------------- 00x whole consultations
case('001-all-clear',
     'All-clear consultation: every screening answer no/none; only baseline-notes, goal-buzz and pain-info fire.',
     'All clear: nothing to flag, suitable')
case('002-always-patch-test',
     'Setting always_patch_test = true on an otherwise all-clear client: always-patch-test fires, patch test required.',
     'Clinic requires a patch test for everyone',
     settings=dict(always_patch_test=True))
case('003-typical-pattern-caveats',
     'Typical consultation: pattern loss Norwood V, minoxidil and finasteride, sunny outdoor job, first pigment; caveats only.',
     'Typical pattern-loss client with a few caveats',
     dict(age=41, hair_colour='mixed_grey', norwood='v', loss_trend='slowly_worse',
          loss_treatments=['minoxidil_topical', 'finasteride_dutasteride'], otc_blood_thinners='yes',
          previous_pigment='never', sun_exposure='a_lot', sun_protection='yes',
          upcoming_plans=['sunny_holiday', 'swimming'], pain_worry='a_bit'),
     mix=[PATTERN])
case('004-several-refer-targets',
     'Older client with many medical flags: every refer target at once (gp, haematologist, cardiologist, oncologist, dermatologist, practitioner).',
     'Six refer targets at once',
     dict(age=63, hair_colour='grey_white', bleeding_disorder='yes', anticoagulant='yes',
          heart_conditions=['pacemaker_icd', 'uncontrolled_bp'], chemo_status='finished', chemo_months_since=9,
          moles='changing', pigment_condition='vitiligo', previous_pigment='reacted', diabetes='type2_controlled'),
     mix=[PATTERN, dict(norwood='vi')])
case('005-defer-and-refer-inflamed-chronic',
     'Psoriasis flaring on the scalp in a client with chronic psoriasis: scalp-inflamed (defer) co-fires with scalp-inflamed-chronic (refer).',
     'Flaring psoriasis: defer and refer to a dermatologist',
     dict(scalp_now=['psoriasis'], chronic_scalp_condition=['psoriasis']),
     mix=[PATTERN])
case('006-declines-after-explanation',
     'Woman with diffuse thinning who expects regrowth and declines after the explanation: declines-after-explanation makes it unsuitable.',
     'Expects regrowth, declines once told SMP cannot: unsuitable',
     dict(age=46, expectations=['regrow_hair', 'fuller_look'], proceed_knowing_limits='no',
          loss_trend='slowly_worse', loss_treatments=['minoxidil_oral']),
     mix=[DIFFUSE])
case('007-unsuitable-with-come-back-date',
     'Keloid history (unsuitable) plus a transplant 2 months ago (defer): suitability unsuitable, yet the come-back date is still computed.',
     'Unsuitable outcome still carries the deferral date',
     dict(keloid_history='yes', skin_type='type_5', hair_colour='black'),
     today='2027-06-10', mix=[PATTERN, TRANSPLANT, dict(transplant_months_ago=2)])
case('008-consultant-items-flagged',
     'Consultant-only items answered yes: unwell-today (defer by condition), infection-disclosure and glaucoma (caveats, consultant-check).',
     'Consultant re-check on the day: unwell, infection, glaucoma',
     dict(unwell_today='yes', infection_disclosure='yes', glaucoma='yes'))
case('009-consultant-items-clear',
     'Consultant-only items present and answered no, always_patch_test = false given explicitly: nothing fires from them.',
     'Consultant re-check on the day: all clear',
     dict(unwell_today='no', infection_disclosure='no', glaucoma='no'), settings=dict(always_patch_test=False))
case('010-all-unknown',
     'Every question that allows unknown answered unknown: medical unknowns refer or add consultant-check; never suitable.',
     'Client answered not sure to everything possible',
     dict(pregnancy='unknown', goal='unknown', skin_type='unknown',
          loss_reasons=['pattern', 'diffuse_thinning', 'alopecia_areata'], norwood='unknown', female_scale='unknown',
          loss_trend='unknown', loss_treatments=['none'], aa_last_change_months='unknown', aa_regrowing='unknown',
          aa_treatments=['none'], scar_types=['injury'], scar_age_months='unknown', scar_active='no',
          scar_appearance='unknown', keloid_history='unknown', pih_tendency='unknown', bleeding_disorder='unknown',
          anticoagulant='unknown', diabetes='unknown', heart_conditions=['unknown'], immune=['unknown'],
          chemo_status='unknown', infection_disclosure='unknown', anaesthetic_reaction='unknown',
          longevity_wish='unknown', touchups_ok='unknown', can_attend_sessions='unknown'))
case('011-typical-scar-transplant',
     'Realistic FUT client: strip scar 30 months old, transplant 14 months ago, fair skin and red hair; scar caveats, patch test recommended.',
     'FUT strip scar after a settled transplant',
     dict(age=52, skin_type='type_2', hair_colour='red', loss_reasons=['pattern', 'scars'], goal='scar_only',
          expectations=['hide_scar'], scar_types=['fut_strip', 'fue_dots'], scar_age_months=30,
          scar_active='no', scar_appearance='sunken', hair_transplant='both', transplant_months_ago=14,
          graft_area_symptoms='no', longevity_wish='as_long_as_possible'),
     mix=[PATTERN, dict(norwood='iv', loss_treatments=['finasteride_dutasteride'])])

# ---------------------------------------------------------------- 02x section A: age
case('020-min-age-below', 'under-min-age one below the default min_age 18 (age 17): defer, come back today + 1 year.',
     'Age 17: one below the minimum age', dict(age=17))
case('021-min-age-at', 'under-min-age at the default min_age 18 (age 18): does not fire.',
     'Age 18: exactly the minimum age', dict(age=18))
case('022-min-age-above', 'under-min-age one above the default min_age 18 (age 19): does not fire.',
     'Age 19: one above the minimum age', dict(age=19))
case('023-min-age-21-below', 'Setting min_age = 21, age 20 (one below): under-min-age fires, come back today + 1 year.',
     'Clinic minimum 21, age 20', dict(age=20), settings=dict(min_age=21))
case('024-min-age-21-at', 'Setting min_age = 21, age 21 (at): under-min-age does not fire.',
     'Clinic minimum 21, age 21', dict(age=21), settings=dict(min_age=21))
case('025-min-age-16-below', 'Setting min_age = 16, age 15 (one below): under-min-age fires, come back today + 1 year.',
     'Clinic minimum 16, age 15', dict(age=15), settings=dict(min_age=16))
case('026-min-age-16-at', 'Setting min_age = 16, age 16 (at): under-min-age does not fire although 16 < default 18.',
     'Clinic minimum 16, age 16', dict(age=16), settings=dict(min_age=16))

# ---------------------------------------------------------------- 03x section A: pregnancy, goal, skin, hair
case('030-pregnant', 'pregnant-or-breastfeeding (pregnant): defer by condition, no date.',
     'Pregnant: come back afterwards', dict(age=29, pregnancy='pregnant'))
case('031-breastfeeding', 'pregnant-or-breastfeeding (breastfeeding): defer by condition, no date.',
     'Breastfeeding: come back afterwards', dict(age=31, pregnancy='breastfeeding'), mix=[DIFFUSE])
case('032-pregnancy-unknown', 'pregnancy-unknown: medical unknown gives caveats with consultant-check.',
     'Prefers not to say about pregnancy', dict(pregnancy='unknown'), mix=[DIFFUSE])
case('033-goal-short-denser', 'goal-density via short_denser, with pattern loss Norwood III.',
     'Goal: short hair, look denser', dict(goal='short_denser', expectations=['fuller_look']), mix=[PATTERN])
case('034-goal-long-hair-density', 'goal-density via long_hair_density, diffuse thinning Ludwig II.',
     'Goal: keep long hair, less scalp showing', mix=[DIFFUSE])
case('035-goal-scar-only', 'goal-scar with a mature flat FUT scar: goal-scar, scar-camouflage, scar-flat.',
     'Goal: hide a scar only', mix=[SCAR])
case('036-goal-unknown', 'goal-unknown (preference unknown): notes buzz-look and density only, still suitable.',
     'Not sure yet which look', dict(goal='unknown'))
case('037-fair-skin-light-hair-blond', 'fair-skin and fair-skin-light-hair (type_1, blond): patch test recommended.',
     'Type I skin, blond hair', dict(skin_type='type_1', hair_colour='blond'))
case('038-fair-skin-light-hair-red', 'fair-skin and fair-skin-light-hair (type_2, red): patch test recommended.',
     'Type II skin, red hair', dict(skin_type='type_2', hair_colour='red'))
case('039-fair-skin-dark-hair', 'fair-skin alone (type_2, dark brown hair): fair-skin-light-hair does not fire, no patch test.',
     'Type II skin, dark hair', dict(skin_type='type_2', hair_colour='dark_brown'))
case('040-dark-skin-type-4', 'dark-skin (type_4).', 'Type IV skin', dict(skin_type='type_4', hair_colour='black'))
case('041-dark-skin-type-6', 'dark-skin (type_6).', 'Type VI skin', dict(skin_type='type_6', hair_colour='black'))
case('042-dark-skin-type-5-pih', 'dark-skin (type_5) together with pih-tendency: caveats, patch test recommended.',
     'Type V skin with dark marks after injury', dict(skin_type='type_5', hair_colour='black', pih_tendency='yes'))
case('043-skin-type-unknown', 'skin-type-unknown: medical unknown gives caveats with consultant-check.',
     'Not sure of skin type', dict(skin_type='unknown'))
case('044-grey-white-hair', 'grey-hair (grey_white) with fair skin type_1: grey and fair notes, no light-hair patch test.',
     'Mostly grey hair, fair skin', dict(hair_colour='grey_white', skin_type='type_1', age=67))
case('045-mixed-grey-hair', 'grey-hair (mixed_grey).', 'Some grey in the hair', dict(hair_colour='mixed_grey', age=48),
     mix=[PATTERN])

# ---------------------------------------------------------------- 05x section B: hair loss
case('050-undiagnosed-loss', 'undiagnosed-loss (refer gp) with loss-worsening (clearly_worse).',
     'Sudden shedding, no diagnosis yet',
     dict(loss_reasons=['sudden_or_undiagnosed'], loss_trend='clearly_worse', loss_treatments=['none'],
          goal='short_denser', expectations=['fuller_look', 'stop_loss'], proceed_knowing_limits='yes'))
case('051-scarring-alopecia', 'scarring-alopecia (refer dermatologist) with another prescribed treatment (hair-loss-medicines).',
     'Diagnosed frontal fibrosing alopecia',
     dict(age=58, loss_reasons=['scarring_alopecia'], loss_trend='stable', loss_treatments=['other_prescribed'],
          goal='short_denser', expectations=['fuller_look']))
case('052-birthmark', 'birthmark: caveats with work-around.', 'Birthmark on the scalp',
     dict(loss_reasons=['birthmark'], goal='scar_only', expectations=['hide_scar']))
case('053-chemo-related-loss', 'chemo-related-loss with treatment finished 30 months ago (chemo-past) and loss_trend unknown (loss-progressing).',
     'Hair loss after chemotherapy, long finished',
     dict(loss_reasons=['chemo_radiotherapy'], loss_trend='unknown', loss_treatments=['none'],
          chemo_status='finished', chemo_months_since=30))
case('054-norwood-i-minimal', 'minimal-loss and early-recession via Norwood I: caveats, notes early and progress.',
     'Norwood I: hardly any loss', dict(norwood='i', goal='short_denser', expectations=['fuller_look']), mix=[PATTERN])
case('055-norwood-ii-early', 'early-recession via Norwood II (suitable, not minimal-loss).',
     'Norwood II: early temple recession', dict(norwood='ii', age=24), mix=[PATTERN])
case('056-norwood-iia-early', 'early-recession via Norwood IIa.', 'Norwood IIa', dict(norwood='iia', age=22), mix=[PATTERN])
case('057-norwood-vii-advanced', 'advanced-pattern via Norwood VII with will_shave yes.',
     'Norwood VII: only a band left', dict(norwood='vii', age=60), mix=[PATTERN])
case('058-norwood-va-advanced-no-shave', 'advanced-pattern (Norwood Va) and shave-commitment (goal short_denser, will_shave no).',
     'Norwood Va but will not keep hair short',
     dict(norwood='va', goal='short_denser', will_shave='no', expectations=['fuller_look']), mix=[PATTERN])
case('059-norwood-unknown', 'norwood-unknown: medical unknown gives caveats with consultant-check.',
     'Not sure which Norwood picture', dict(norwood='unknown'), mix=[PATTERN])
case('060-shave-commitment-buzz', 'shave-commitment via goal buzz_look and will_shave no (Norwood III).',
     'Wants a buzz look but will not shave', dict(will_shave='no'), mix=[PATTERN])
case('061-shave-commitment-norwood-iv', 'shave-commitment via Norwood IV with goal short_denser and will_shave no.',
     'Norwood IV, will not shave', dict(norwood='iv', goal='short_denser', will_shave='no', expectations=['fuller_look']),
     mix=[PATTERN])
case('062-shave-if-essential', 'shave-commitment does not fire for will_shave if_essential (goal buzz, Norwood IVa).',
     'Would shave only if essential', dict(norwood='iva', will_shave='if_essential'), mix=[PATTERN])
case('063-sinclair-1-minimal', 'minimal-loss via Sinclair 1 (female scale).', 'Sinclair 1: normal parting',
     dict(female_scale='sinclair_1'), mix=[DIFFUSE])
case('064-ludwig-i-mild', 'mild-diffuse via Ludwig I.', 'Ludwig I: mild thinning', dict(female_scale='ludwig_i'), mix=[DIFFUSE])
case('065-sinclair-2-mild', 'mild-diffuse via Sinclair 2.', 'Sinclair 2', dict(female_scale='sinclair_2'), mix=[DIFFUSE])
case('066-ludwig-iii-advanced', 'advanced-diffuse via Ludwig III: caveats, low-hair.', 'Ludwig III: severe thinning',
     dict(female_scale='ludwig_iii'), mix=[DIFFUSE])
case('067-sinclair-5-advanced', 'advanced-diffuse via Sinclair 5.', 'Sinclair 5', dict(female_scale='sinclair_5'), mix=[DIFFUSE])
case('068-female-scale-unknown', 'female-scale-unknown: medical unknown gives caveats with consultant-check.',
     'Not sure which thinning picture', dict(female_scale='unknown'), mix=[DIFFUSE])
case('069-pattern-and-diffuse', 'Both pattern and diffuse thinning: norwood and female_scale both shown (Norwood III, Sinclair 3), nothing extra fires.',
     'Pattern loss and diffuse thinning together',
     dict(loss_reasons=['pattern', 'diffuse_thinning'], female_scale='sinclair_3', goal='short_denser',
          expectations=['fuller_look']), mix=[PATTERN])
case('070-loss-slowly-worse', 'loss-progressing via slowly_worse.', 'Loss slowly increasing',
     dict(loss_trend='slowly_worse'), mix=[PATTERN])
case('071-loss-clearly-worse', 'loss-worsening via clearly_worse: caveats, progress and hair-loss-review.',
     'Loss clearly getting worse', dict(loss_trend='clearly_worse'), mix=[PATTERN])
case('072-topical-minoxidil', 'hair-loss-medicines and topical-minoxidil (minoxidil_topical): caveats, pause-topicals.',
     'Uses minoxidil foam', dict(loss_treatments=['minoxidil_topical']), mix=[PATTERN])
case('073-traction-oral-meds', 'Traction loss gates loss_trend/loss_treatments; oral minoxidil and finasteride fire hair-loss-medicines only.',
     'Traction loss, tablets for hair loss',
     dict(loss_reasons=['traction'], loss_trend='stable', loss_treatments=['minoxidil_oral', 'finasteride_dutasteride'],
          goal='short_denser', expectations=['fuller_look'], hair_colour='black', skin_type='type_5'))

# ---------------------------------------------------------------- 08x section C: alopecia areata
case('080-aa-change-below', 'aa-recent-change one below the default aa_stable_months 12 (11 months): defer, today + 1 month.',
     'Alopecia areata changed 11 months ago', dict(aa_last_change_months=11), mix=[AA])
case('081-aa-change-at', 'aa_last_change_months at the default 12: aa-stable (caveats) instead of aa-recent-change.',
     'Alopecia areata unchanged for 12 months', dict(aa_last_change_months=12), mix=[AA])
case('082-aa-change-above', 'aa_last_change_months one above the default 12 (13): aa-stable.',
     'Alopecia areata unchanged for 13 months', dict(aa_last_change_months=13), mix=[AA])
case('083-aa-stable-6-below', 'Setting aa_stable_months = 6, change 5 months ago: aa-recent-change, today + 1 month.',
     'Clinic needs 6 stable months, 5 so far', dict(aa_last_change_months=5), settings=dict(aa_stable_months=6), mix=[AA])
case('084-aa-stable-6-at', 'Setting aa_stable_months = 6, change 6 months ago: aa-stable, no deferral (the default 12 would defer).',
     'Clinic needs 6 stable months, 6 so far', dict(aa_last_change_months=6), settings=dict(aa_stable_months=6), mix=[AA])
case('085-aa-change-zero', 'aa-recent-change with 0 months (patch changed this month): today + 12 months.',
     'Alopecia areata active now', dict(aa_last_change_months=0, loss_reasons=['alopecia_total']), mix=[AA])
case('086-aa-activity-unknown', 'aa-activity-unknown: medical unknown gives caveats, aa-regrow and consultant-check.',
     'Not sure when patches last changed', dict(aa_last_change_months='unknown'), mix=[AA])
case('087-aa-regrowing', 'aa-regrowing (alopecia totalis, regrowing yes) with a stable history (aa-stable).',
     'Hair regrowing in a patch', dict(loss_reasons=['alopecia_total'], aa_regrowing='yes'), mix=[AA])
case('088-aa-regrowing-unknown', 'aa-regrowing-unknown: medical unknown gives caveats with consultant-check.',
     'Not sure whether hair is regrowing', dict(aa_regrowing='unknown'), mix=[AA])
case('089-aa-steroid-injections', 'aa-systemic-treatment via steroid injections: refer dermatologist.',
     'Steroid injections for alopecia areata', dict(aa_treatments=['steroid_injections']), mix=[AA])
case('090-aa-tablets-immunotherapy', 'aa-systemic-treatment via immune tablets and contact immunotherapy.',
     'JAK inhibitor and DPCP for alopecia', dict(aa_treatments=['immune_tablets', 'contact_immunotherapy']), mix=[AA])
case('091-aa-steroid-creams', 'Steroid creams alone do not fire aa-systemic-treatment; aa-areata with pattern loss as well.',
     'Only steroid creams for alopecia areata',
     dict(aa_treatments=['steroid_creams'], loss_reasons=['pattern', 'alopecia_areata']), mix=[PATTERN, AA])

# ---------------------------------------------------------------- 10x section D: scars, keloid
case('100-scar-age-below', 'scar-immature one below the default scar_maturity_months 12 (11 months): defer, today + 1 month.',
     'Newest scar 11 months old', dict(scar_age_months=11), mix=[SCAR])
case('101-scar-age-at', 'scar_age_months at the default 12: scar-immature does not fire.',
     'Newest scar 12 months old', dict(scar_age_months=12), mix=[SCAR])
case('102-scar-age-above', 'scar_age_months one above the default 12 (13): scar-immature does not fire.',
     'Newest scar 13 months old', dict(scar_age_months=13), mix=[SCAR])
case('103-scar-maturity-24-below', 'Setting scar_maturity_months = 24, scar 23 months: scar-immature, today + 1 month.',
     'Clinic waits 24 months, scar 23 months old', dict(scar_age_months=23), settings=dict(scar_maturity_months=24), mix=[SCAR])
case('104-scar-maturity-24-at', 'Setting scar_maturity_months = 24, scar 24 months: scar-immature does not fire.',
     'Clinic waits 24 months, scar 24 months old', dict(scar_age_months=24), settings=dict(scar_maturity_months=24), mix=[SCAR])
case('105-scar-maturity-6-at', 'Setting scar_maturity_months = 6, scar 6 months: no deferral (the default 12 would defer).',
     'Clinic waits 6 months, scar 6 months old', dict(scar_age_months=6, scar_types=['injury']),
     settings=dict(scar_maturity_months=6), mix=[SCAR])
case('106-scar-age-unknown', 'scar-age-unknown: medical unknown gives caveats with consultant-check.',
     'Not sure how old the scar is', dict(scar_age_months='unknown', scar_types=['other_surgery']), mix=[SCAR])
case('107-scar-active', 'scar-active: defer by condition; scar otherwise flat and mature.',
     'Scar still pink and changing', dict(scar_active='yes', scar_types=['burn']), mix=[SCAR])
case('108-scar-sunken', 'scar-flat via sunken: caveats, patch test recommended.',
     'Sunken scar', dict(scar_appearance='sunken', scar_types=['fue_dots']), mix=[SCAR])
case('109-scar-raised', 'scar-raised (raised_within): refer dermatologist, patch test required.',
     'Raised scar within the wound line', dict(scar_appearance='raised_within'), mix=[SCAR])
case('110-scar-appearance-unknown', 'scar-appearance-unknown: caveats, consultant-check, patch test recommended.',
     'Not sure how the scar looks', dict(scar_appearance='unknown'), mix=[SCAR])
case('111-keloid-history-unsuitable', 'keloid-unsuitable via keloid_history yes under the default keloid_policy unsuitable.',
     'Keloid history: unsuitable by default', dict(keloid_history='yes', skin_type='type_6', hair_colour='black'),
     mix=[PATTERN])
case('112-scar-spreading-unsuitable', 'keloid-unsuitable via a spreading scar (keloid_history no), keloid_policy = unsuitable given explicitly.',
     'Spreading scar: unsuitable by default', dict(scar_appearance='spreading'), settings=dict(keloid_policy='unsuitable'),
     mix=[SCAR])
case('113-keloid-history-refer', 'Setting keloid_policy = refer: keloid-refer (refer dermatologist, patch test required) instead of unsuitable.',
     'Keloid history, clinic refers instead', dict(keloid_history='yes'), settings=dict(keloid_policy='refer'),
     mix=[PATTERN])
case('114-scar-spreading-refer', 'Setting keloid_policy = refer with a spreading scar: keloid-refer.',
     'Spreading scar, clinic refers', dict(scar_appearance='spreading'), settings=dict(keloid_policy='refer'), mix=[SCAR])
case('115-keloid-unknown', 'keloid-unknown: refer dermatologist (medical unknown of refer class).',
     'Not sure about keloids', dict(keloid_history='unknown'), mix=[PATTERN])

# ---------------------------------------------------------------- 12x section D: transplant, pigment
case('120-transplant-defer-below', 'transplant-recent one below the default post_transplant_defer_months 6 (5 months), today 2027-01-31: + 1 month clamps to 2027-02-28.',
     'Transplant 5 months ago: one below the defer threshold', dict(transplant_months_ago=5),
     today='2027-01-31', mix=[PATTERN, TRANSPLANT])
case('121-transplant-defer-at', 'transplant_months_ago at the default defer 6: transplant-settling (caveats) instead of transplant-recent.',
     'Transplant 6 months ago: at the defer threshold', dict(transplant_months_ago=6), mix=[PATTERN, TRANSPLANT])
case('122-transplant-defer-above', 'transplant_months_ago one above the default defer 6 (7): transplant-settling.',
     'Transplant 7 months ago', dict(transplant_months_ago=7), mix=[PATTERN, TRANSPLANT])
case('123-transplant-prefer-below', 'transplant_months_ago one below the default prefer 12 (11): transplant-settling.',
     'Transplant 11 months ago', dict(transplant_months_ago=11, hair_transplant='fut'), mix=[PATTERN, TRANSPLANT])
case('124-transplant-prefer-at', 'transplant_months_ago at the default prefer 12: only transplant-info.',
     'Transplant 12 months ago: settled', dict(transplant_months_ago=12), mix=[PATTERN, TRANSPLANT])
case('125-transplant-prefer-above', 'transplant_months_ago one above the default prefer 12 (13): only transplant-info.',
     'Transplant 13 months ago', dict(transplant_months_ago=13), mix=[PATTERN, TRANSPLANT])
case('126-transplant-3-24-below', 'Settings post_transplant_defer_months = 3, prefer 24; 2 months: transplant-recent, today + 1 month.',
     'Clinic waits 3 months, transplant 2 months ago', dict(transplant_months_ago=2),
     settings=dict(post_transplant_defer_months=3, post_transplant_prefer_months=24), mix=[PATTERN, TRANSPLANT])
case('127-transplant-3-24-at-defer', 'Settings defer 3, prefer 24; 3 months: transplant-settling (the default 6 would defer).',
     'Clinic waits 3 months, transplant 3 months ago', dict(transplant_months_ago=3),
     settings=dict(post_transplant_defer_months=3, post_transplant_prefer_months=24), mix=[PATTERN, TRANSPLANT])
case('128-transplant-3-24-below-prefer', 'Settings defer 3, prefer 24; 23 months: transplant-settling.',
     'Clinic prefers 24 months, transplant 23 months ago', dict(transplant_months_ago=23),
     settings=dict(post_transplant_defer_months=3, post_transplant_prefer_months=24), mix=[PATTERN, TRANSPLANT])
case('129-transplant-3-24-at-prefer', 'Settings defer 3, prefer 24; 24 months: only transplant-info.',
     'Clinic prefers 24 months, transplant 24 months ago', dict(transplant_months_ago=24),
     settings=dict(post_transplant_defer_months=3, post_transplant_prefer_months=24), mix=[PATTERN, TRANSPLANT])
case('130-transplant-equal-settings', 'Settings defer = prefer = 12; 11 months: transplant-recent; transplant-settling can never fire.',
     'Clinic defer and prefer both 12 months, transplant 11 months ago', dict(transplant_months_ago=11),
     settings=dict(post_transplant_defer_months=12, post_transplant_prefer_months=12), mix=[PATTERN, TRANSPLANT])
case('131-transplant-zero-months', 'transplant-recent with 0 months (FUT this month): today + 6 months.',
     'Transplant this month', dict(transplant_months_ago=0, hair_transplant='fut'), mix=[PATTERN, TRANSPLANT])
case('132-graft-area-symptoms', 'graft-area-symptoms: refer dermatologist, with a settled transplant.',
     'Itching and scaling around grafts', dict(graft_area_symptoms='yes', hair_transplant='both'), mix=[PATTERN, TRANSPLANT])
case('133-old-smp-faded', 'old-smp-faded: suitable, touch-up note.', 'Older SMP faded evenly',
     dict(existing_pigment='old_smp_faded', loss_reasons=['pattern', 'cover_pigment'], previous_pigment='healed_ok'),
     mix=[PATTERN])
case('134-old-smp-unhappy', 'old-smp-unhappy: refer practitioner, removal and colour-shift notes.', 'Unhappy with old SMP',
     dict(existing_pigment='old_smp_unhappy', loss_reasons=['pattern', 'cover_pigment']), mix=[PATTERN])
case('135-existing-tattoo', 'existing-tattoo via a regular tattoo: caveats, removal.', 'Tattoo on the scalp',
     dict(existing_pigment='tattoo', loss_reasons=['cover_pigment']))
case('136-scar-camouflage-tattoo', 'existing-tattoo via a camouflage tattoo over a scar.', 'Camouflage tattoo over a scar',
     dict(existing_pigment='scar_camouflage'), mix=[SCAR])

# ---------------------------------------------------------------- 14x section D: laser, injectables, scalp treatments
case('140-laser-below', 'laser-recent one below the default laser_wait_days 90 (89 days): today + 1 day.',
     'Laser 89 days ago', dict(scalp_laser_days_ago=89), mix=[LASER])
case('141-laser-at', 'scalp_laser_days_ago at the default 90: laser-recent does not fire.', 'Laser 90 days ago',
     dict(scalp_laser_days_ago=90), mix=[LASER])
case('142-laser-above', 'scalp_laser_days_ago one above the default 90 (91): laser-recent does not fire.', 'Laser 91 days ago',
     dict(scalp_laser_days_ago=91), mix=[LASER])
case('143-laser-30-below', 'Setting laser_wait_days = 30, 29 days: laser-recent, today + 1 day.', 'Clinic waits 30 days, laser 29 days ago',
     dict(scalp_laser_days_ago=29), settings=dict(laser_wait_days=30), mix=[LASER])
case('144-laser-30-at', 'Setting laser_wait_days = 30, 30 days: laser-recent does not fire (the default 90 would defer).',
     'Clinic waits 30 days, laser 30 days ago', dict(scalp_laser_days_ago=30), settings=dict(laser_wait_days=30), mix=[LASER])
case('145-laser-180-zero', 'Setting laser_wait_days = 180 (maximum), laser today (0 days): today + 180 days.',
     'Clinic waits 180 days, laser today', dict(scalp_laser_days_ago=0), settings=dict(laser_wait_days=180), mix=[LASER])
case('146-injectables-below', 'injectables-recent one below the default injectable_wait_days 14 (13 days): today + 1 day.',
     'Botox 13 days ago', dict(injectables_days_ago=13), mix=[INJ])
case('147-injectables-at', 'injectables_days_ago at the default 14: does not fire.', 'Botox 14 days ago',
     dict(injectables_days_ago=14), mix=[INJ])
case('148-injectables-above', 'injectables_days_ago one above the default 14 (15): does not fire.', 'Botox 15 days ago',
     dict(injectables_days_ago=15), mix=[INJ])
case('149-injectables-28-below', 'Setting injectable_wait_days = 28, 27 days: injectables-recent, today + 1 day.',
     'Clinic waits 28 days, fillers 27 days ago', dict(injectables_days_ago=27), settings=dict(injectable_wait_days=28), mix=[INJ])
case('150-injectables-28-at', 'Setting injectable_wait_days = 28, 28 days: does not fire.',
     'Clinic waits 28 days, fillers 28 days ago', dict(injectables_days_ago=28), settings=dict(injectable_wait_days=28), mix=[INJ])
case('151-scalp-treatment-below', 'scalp-treatment-recent one below the default peel_retinoid_wait_days 28 (27 days): today + 1 day.',
     'Scalp peel 27 days ago', dict(scalp_skin_treatment_days_ago=27), mix=[PEEL])
case('152-scalp-treatment-at', 'scalp_skin_treatment_days_ago at the default 28: does not fire.', 'Scalp peel 28 days ago',
     dict(scalp_skin_treatment_days_ago=28), mix=[PEEL])
case('153-scalp-treatment-above', 'scalp_skin_treatment_days_ago one above the default 28 (29): does not fire.', 'Scalp peel 29 days ago',
     dict(scalp_skin_treatment_days_ago=29), mix=[PEEL])
case('154-scalp-treatment-14-below', 'Setting peel_retinoid_wait_days = 14, 13 days: scalp-treatment-recent, today + 1 day.',
     'Clinic waits 14 days, microneedling 13 days ago', dict(scalp_skin_treatment_days_ago=13),
     settings=dict(peel_retinoid_wait_days=14), mix=[PEEL])
case('155-scalp-treatment-14-at', 'Setting peel_retinoid_wait_days = 14, 14 days: does not fire (the default 28 would defer).',
     'Clinic waits 14 days, microneedling 14 days ago', dict(scalp_skin_treatment_days_ago=14),
     settings=dict(peel_retinoid_wait_days=14), mix=[PEEL])
case('156-scalp-product-in-use', 'scalp-product-in-use (still using a retinoid/steroid scalp product): defer by condition; the days question is hidden.',
     'Still using a retinoid on the scalp', dict(scalp_skin_treatment='using_now'))

# ---------------------------------------------------------------- 16x section E: scalp today
case('160-scalp-eczema-no-chronic', 'scalp-inflamed via eczema without a chronic condition: defer by condition, no refer.',
     'Eczema rash on the scalp now', dict(scalp_now=['eczema']))
case('161-scalp-spots-chronic-other', 'scalp-inflamed (spots) with a chronic other condition: scalp-inflamed-chronic and chronic-scalp-condition co-fire.',
     'Inflamed follicles with a long-term scalp condition',
     dict(scalp_now=['spots_pustules'], chronic_scalp_condition=['other']))
case('162-scalp-seborrhoeic-chronic', 'scalp-inflamed via seborrhoeic with chronic seborrhoeic dermatitis: defer + refer.',
     'Seborrhoeic dermatitis flaring', dict(scalp_now=['seborrhoeic', 'very_dry'], chronic_scalp_condition=['seborrhoeic']))
case('163-scalp-sunburn', 'scalp-injury via sunburn: defer by condition.', 'Sunburnt scalp', dict(scalp_now=['sunburn']))
case('164-scalp-wounds', 'scalp-injury via wounds: defer by condition.', 'Cuts and scabs on the scalp', dict(scalp_now=['wounds']))
case('165-scalp-cold-sores', 'scalp-infection via cold sores: defer by condition, refer gp.', 'Cold sores', dict(scalp_now=['cold_sores']))
case('166-scalp-fungal', 'scalp-infection via suspected fungal infection/impetigo.', 'Suspected fungal infection',
     dict(scalp_now=['fungal_impetigo']))
case('167-scalp-warts', 'scalp-warts: caveats, work-around.', 'Warts on the scalp', dict(scalp_now=['warts']))
case('168-scalp-very-dry', 'scalp-very-dry: caveats, extra-session.', 'Very dry flaky scalp', dict(scalp_now=['very_dry']))
case('169-chronic-psoriasis-calm', 'Calm chronic psoriasis with psoriasis_policy = caveats (the default, given explicitly): chronic-scalp-condition only.',
     'Psoriasis, calm now, caveats policy', dict(chronic_scalp_condition=['psoriasis']), settings=dict(psoriasis_policy='caveats'))
case('170-chronic-psoriasis-refer', 'Setting psoriasis_policy = refer with calm chronic psoriasis: chronic-psoriasis-policy refers to a dermatologist.',
     'Psoriasis, calm now, clinic refers', dict(chronic_scalp_condition=['psoriasis']), settings=dict(psoriasis_policy='refer'))
case('171-chronic-eczema', 'chronic-eczema: caveats (chronic-scalp-condition) and patch test recommended.',
     'Long-term eczema, calm now', dict(chronic_scalp_condition=['eczema']))
case('172-psoriasis-policy-no-psoriasis', 'Setting psoriasis_policy = refer but only chronic seborrhoeic dermatitis: chronic-psoriasis-policy does not fire.',
     'Clinic refers psoriasis; client has seborrhoeic dermatitis', dict(chronic_scalp_condition=['seborrhoeic']),
     settings=dict(psoriasis_policy='refer'))
case('173-mole-changing', 'mole-changing: refer gp, get-checked.', 'A mole that is changing', dict(moles='changing'))
case('174-mole-stable', 'mole-stable: caveats, work-around.', 'Stable moles', dict(moles='stable'))
case('175-tan-below', 'tan-recent one below the default tan_wait_days 14 (13 days): today + 1 day.',
     'Tanned 13 days ago', dict(tan_days_ago=13), mix=[TAN])
case('176-tan-at', 'tan_days_ago at the default 14: does not fire.', 'Tanned 14 days ago', dict(tan_days_ago=14), mix=[TAN])
case('177-tan-above', 'tan_days_ago one above the default 14 (15): does not fire.', 'Tanned 15 days ago', dict(tan_days_ago=15), mix=[TAN])
case('178-tan-7-below', 'Setting tan_wait_days = 7, 6 days: tan-recent, today + 1 day.', 'Clinic waits 7 days, tanned 6 days ago',
     dict(tan_days_ago=6), settings=dict(tan_wait_days=7), mix=[TAN])
case('179-tan-7-at', 'Setting tan_wait_days = 7, 7 days: does not fire (the default 14 would defer).',
     'Clinic waits 7 days, tanned 7 days ago', dict(tan_days_ago=7), settings=dict(tan_wait_days=7), mix=[TAN])
case('180-tan-28-at-max', 'Setting tan_wait_days = 28 with tan_days_ago 28 (the question maximum): does not fire.',
     'Clinic waits 28 days, tanned 28 days ago', dict(tan_days_ago=28), settings=dict(tan_wait_days=28), mix=[TAN])
case('181-tan-28-below', 'Setting tan_wait_days = 28, 27 days: tan-recent, today + 1 day.',
     'Clinic waits 28 days, tanned 27 days ago', dict(tan_days_ago=27), settings=dict(tan_wait_days=28), mix=[TAN])
case('182-pih-unknown', 'pih-unknown: caveats, pih and consultant-check, patch test recommended.',
     'Not sure about dark marks', dict(pih_tendency='unknown', skin_type='type_4'))

# ---------------------------------------------------------------- 20x section F: health
case('200-bleeding-disorder', 'bleeding-disorder: refer haematologist.', 'Bleeding disorder', dict(bleeding_disorder='yes'))
case('201-bleeding-unknown', 'bleeding-unknown: refer gp (medical unknown, refer class).', 'Not sure about bleeding disorders',
     dict(bleeding_disorder='unknown'))
case('202-anticoagulant', 'anticoagulant (yes): refer gp, prescribed-meds.', 'Takes a prescribed blood thinner',
     dict(anticoagulant='yes', age=70))
case('203-anticoagulant-unknown', 'anticoagulant (unknown): refer gp.', 'Not sure about blood thinners', dict(anticoagulant='unknown'))
case('204-otc-blood-thinners', 'otc-blood-thinners: caveats, prep.', 'Takes fish oil and ibuprofen', dict(otc_blood_thinners='yes'))
case('205-diabetes-type2-controlled', 'diabetes-controlled: caveats, gp-letter.', 'Type 2 diabetes, controlled',
     dict(diabetes='type2_controlled'))
case('206-diabetes-type1', 'diabetes-refer via type1: refer gp.', 'Type 1 diabetes', dict(diabetes='type1'))
case('207-diabetes-poorly-controlled', 'diabetes-refer via poorly_controlled.', 'Diabetes not well controlled',
     dict(diabetes='poorly_controlled'))
case('208-diabetes-unknown', 'diabetes-refer via unknown (medical unknown, refer class).', 'Not sure about diabetes',
     dict(diabetes='unknown'))
case('209-heart-condition', 'heart via heart_condition: refer cardiologist.', 'Heart condition', dict(heart_conditions=['heart_condition']))
case('210-heart-pacemaker-valve', 'heart via pacemaker_icd and valve_prophylaxis.', 'Pacemaker and a valve problem',
     dict(heart_conditions=['pacemaker_icd', 'valve_prophylaxis']))
case('211-blood-pressure', 'blood-pressure (uncontrolled_bp alone): refer gp, heart does not fire.', 'High blood pressure not controlled',
     dict(heart_conditions=['uncontrolled_bp']))
case('212-heart-unknown', 'heart-unknown ([ "unknown" ]): refer gp.', 'Not sure about heart conditions', dict(heart_conditions=['unknown']))
case('213-epilepsy', 'epilepsy: refer gp.', 'Epilepsy', dict(epilepsy='yes'))
case('214-immune', 'immune via several options at once: refer gp.', 'Organ transplant on immune suppressants',
     dict(immune=['organ_transplant', 'long_term_steroids', 'autoimmune_immunosuppressed']))
case('215-immune-other', 'immune via biologic_jak, other_immune and infections_slow_healing.', 'Biologic medicine, slow healing',
     dict(immune=['biologic_jak', 'other_immune', 'infections_slow_healing']))
case('216-immune-unknown', 'immune via [ "unknown" ] (medical unknown, refer class).', 'Not sure about immunity', dict(immune=['unknown']))
case('217-chemo-current', 'chemo-current (current): defer by condition, refer oncologist.', 'Having chemotherapy now',
     dict(chemo_status='current', loss_reasons=['chemo_radiotherapy'], loss_trend='clearly_worse', loss_treatments=['none']))
case('218-chemo-starting-soon', 'chemo-current (starting_soon).', 'Chemotherapy starting within 4 weeks',
     dict(chemo_status='starting_soon'))
case('219-chemo-wait-below', 'chemo-recent one below the default chemo_wait_months 6 (5 months): defer, today + 1 month, oncologist.',
     'Chemotherapy finished 5 months ago', dict(chemo_months_since=5), mix=[CHEMO])
case('220-chemo-wait-at', 'chemo_months_since at the default wait 6: chemo-clearance (refer oncologist).',
     'Chemotherapy finished 6 months ago', dict(chemo_months_since=6), mix=[CHEMO])
case('221-chemo-wait-above', 'chemo_months_since one above the default wait 6 (7): chemo-clearance.',
     'Chemotherapy finished 7 months ago', dict(chemo_months_since=7), mix=[CHEMO])
case('222-chemo-clearance-below', 'chemo_months_since one below the default chemo_clearance_months 12 (11): chemo-clearance.',
     'Chemotherapy finished 11 months ago', dict(chemo_months_since=11), mix=[CHEMO])
case('223-chemo-clearance-at', 'chemo_months_since at the default clearance 12: chemo-past (suitable, note only).',
     'Chemotherapy finished 12 months ago', dict(chemo_months_since=12), mix=[CHEMO])
case('224-chemo-clearance-above', 'chemo_months_since one above the default clearance 12 (13): chemo-past.',
     'Chemotherapy finished 13 months ago', dict(chemo_months_since=13), mix=[CHEMO])
case('225-chemo-12-24-below', 'Settings chemo_wait_months = 12, chemo_clearance_months = 24; 11 months: chemo-recent, today + 1 month.',
     'Clinic waits 12 months after chemo, 11 so far', dict(chemo_months_since=11),
     settings=dict(chemo_wait_months=12, chemo_clearance_months=24), mix=[CHEMO])
case('226-chemo-12-24-at-wait', 'Settings wait 12, clearance 24; 12 months: chemo-clearance.',
     'Clinic waits 12 months after chemo, 12 so far', dict(chemo_months_since=12),
     settings=dict(chemo_wait_months=12, chemo_clearance_months=24), mix=[CHEMO])
case('227-chemo-12-24-below-clearance', 'Settings wait 12, clearance 24; 23 months: chemo-clearance (default would be chemo-past).',
     'Clinic needs clearance up to 24 months, 23 so far', dict(chemo_months_since=23),
     settings=dict(chemo_wait_months=12, chemo_clearance_months=24), mix=[CHEMO])
case('228-chemo-12-24-at-clearance', 'Settings wait 12, clearance 24; 24 months: chemo-past.',
     'Clinic needs clearance up to 24 months, 24 so far', dict(chemo_months_since=24),
     settings=dict(chemo_wait_months=12, chemo_clearance_months=24), mix=[CHEMO])
case('229-chemo-status-unknown', 'chemo-status-unknown: refer gp; chemo_months_since hidden.', 'Prefers not to say about chemotherapy',
     dict(chemo_status='unknown'))
case('230-chemo-timing-unknown', 'chemo-timing-unknown: refer oncologist.', 'Not sure when chemotherapy finished',
     dict(chemo_months_since='unknown'), mix=[CHEMO])
case('231-isotretinoin-current', 'isotretinoin-current: defer by condition, prescribed-meds.', 'Taking isotretinoin now',
     dict(isotretinoin='taking_now', age=23))
case('232-isotretinoin-wait-below', 'isotretinoin-recent one below the default isotretinoin_wait_months 6 (5): today + 1 month.',
     'Isotretinoin stopped 5 months ago', dict(isotretinoin_months_since=5), mix=[ISO])
case('233-isotretinoin-wait-at', 'isotretinoin_months_since at the default wait 6: isotretinoin-policy (caveats).',
     'Isotretinoin stopped 6 months ago', dict(isotretinoin_months_since=6), mix=[ISO])
case('234-isotretinoin-wait-above', 'isotretinoin_months_since one above the default wait 6 (7): isotretinoin-policy.',
     'Isotretinoin stopped 7 months ago', dict(isotretinoin_months_since=7), mix=[ISO])
case('235-isotretinoin-caveat-below', 'isotretinoin_months_since one below the default isotretinoin_caveat_months 12 (11): isotretinoin-policy.',
     'Isotretinoin stopped 11 months ago', dict(isotretinoin_months_since=11), mix=[ISO])
case('236-isotretinoin-caveat-at', 'isotretinoin_months_since at the default caveat 12: nothing fires.',
     'Isotretinoin stopped 12 months ago', dict(isotretinoin_months_since=12), mix=[ISO])
case('237-isotretinoin-caveat-above', 'isotretinoin_months_since one above the default caveat 12 (13): nothing fires.',
     'Isotretinoin stopped 13 months ago', dict(isotretinoin_months_since=13), mix=[ISO])
case('238-isotretinoin-1-1-below', 'Settings isotretinoin_wait_months = 1 = isotretinoin_caveat_months; 0 months: isotretinoin-recent, today + 1 month.',
     'Clinic waits 1 month after isotretinoin, stopped this month', dict(isotretinoin_months_since=0),
     settings=dict(isotretinoin_wait_months=1, isotretinoin_caveat_months=1), mix=[ISO])
case('239-isotretinoin-1-1-at', 'Settings wait 1, caveat 1; 1 month: nothing fires (the defaults would defer).',
     'Clinic waits 1 month after isotretinoin, stopped 1 month ago', dict(isotretinoin_months_since=1),
     settings=dict(isotretinoin_wait_months=1, isotretinoin_caveat_months=1), mix=[ISO])
case('240-isotretinoin-12-24', 'Settings wait 12, caveat 24; 23 months: isotretinoin-policy (default would be nothing).',
     'Clinic caveats isotretinoin up to 24 months, 23 so far', dict(isotretinoin_months_since=23),
     settings=dict(isotretinoin_wait_months=12, isotretinoin_caveat_months=24), mix=[ISO])
case('241-antibiotics-current', 'antibiotics-current: defer by condition, prescribed-meds.', 'Taking antibiotics now',
     dict(antibiotics='taking_now'))
case('242-antibiotics-below', 'antibiotics-recent one below the default antibiotic_wait_days 21 (20 days): today + 1 day.',
     'Antibiotics finished 20 days ago', dict(antibiotics_days_since=20), mix=[ABX])
case('243-antibiotics-at', 'antibiotics_days_since at the default 21: does not fire.', 'Antibiotics finished 21 days ago',
     dict(antibiotics_days_since=21), mix=[ABX])
case('244-antibiotics-above', 'antibiotics_days_since one above the default 21 (22): does not fire.', 'Antibiotics finished 22 days ago',
     dict(antibiotics_days_since=22), mix=[ABX])
case('245-antibiotics-14-below', 'Setting antibiotic_wait_days = 14, 13 days: antibiotics-recent, today + 1 day.',
     'Clinic waits 14 days, antibiotics 13 days ago', dict(antibiotics_days_since=13),
     settings=dict(antibiotic_wait_days=14), mix=[ABX])
case('246-antibiotics-14-at', 'Setting antibiotic_wait_days = 14, 14 days: does not fire (the default 21 would defer).',
     'Clinic waits 14 days, antibiotics 14 days ago', dict(antibiotics_days_since=14),
     settings=dict(antibiotic_wait_days=14), mix=[ABX])
case('247-doxycycline', 'doxycycline: caveats, consultant-check.', 'Doxycycline in the last 6 months', dict(doxycycline_6m='yes'))
case('248-thyroid', 'thyroid: caveats, fade.', 'Thyroid medicine', dict(thyroid_meds='yes'))
case('249-liver', 'liver: refer gp.', 'Liver disease', dict(liver_disease='yes'))
case('250-vitiligo', 'pigment-condition via vitiligo: refer practitioner.', 'Vitiligo', dict(pigment_condition='vitiligo'))
case('251-albinism', 'pigment-condition via albinism with type_1 skin and blond hair.', 'Albinism',
     dict(pigment_condition='albinism', skin_type='type_1', hair_colour='blond'))
case('252-infection-unknown', 'infection-disclosure via unknown (prefers to discuss in private): caveats, consultant-check.',
     'Prefers to discuss infections in private', dict(infection_disclosure='unknown'))
case('253-glaucoma-only', 'glaucoma alone: caveats, consultant-check.', 'Glaucoma', dict(glaucoma='yes'))
case('254-unwell-today', 'unwell-today alone: defer by condition, no date, no notes of its own.', 'Unwell on the day',
     dict(unwell_today='yes'))

# ---------------------------------------------------------------- 27x section G: allergies
case('270-first-pigment', 'first-pigment: suitable, patch test recommended.', 'Never had a tattoo', dict(previous_pigment='never'))
case('271-pigment-reaction', 'pigment-reaction: refer dermatologist, patch test required.', 'Tattoo reacted before',
     dict(previous_pigment='reacted'))
case('272-pigment-allergy-unsuitable', 'pigment-allergy-unsuitable under the default pigment_allergy_policy unsuitable.',
     'Diagnosed pigment allergy: unsuitable by default', dict(previous_pigment='diagnosed_allergy'))
case('273-pigment-allergy-unsuitable-explicit', 'pigment_allergy_policy = unsuitable given explicitly, diagnosed allergy plus a metal allergy: unsuitable, yet patch test recommended (computed independently).',
     'Diagnosed pigment allergy, clinic policy unsuitable', dict(previous_pigment='diagnosed_allergy', metal_allergy='yes'),
     settings=dict(pigment_allergy_policy='unsuitable'))
case('274-pigment-allergy-refer', 'Setting pigment_allergy_policy = refer: pigment-allergy-refer (refer dermatologist, patch test required).',
     'Diagnosed pigment allergy, clinic refers', dict(previous_pigment='diagnosed_allergy'),
     settings=dict(pigment_allergy_policy='refer'))
case('275-anaesthetic-reaction', 'anaesthetic-reaction: caveats, patch test required.', 'Reacted to numbing cream',
     dict(anaesthetic_reaction='yes'))
case('276-anaesthetic-unknown', 'anaesthetic-unknown: caveats, consultant-check, patch test recommended.', 'Not sure about anaesthetic reactions',
     dict(anaesthetic_reaction='unknown'))
case('277-metal-dye-sensitive', 'metal-allergy, dye-henna-reaction and sensitive-skin: suitable with patch test recommended.',
     'Nickel allergy, hair-dye reaction, sensitive skin',
     dict(metal_allergy='yes', dye_henna_reaction='yes', sensitive_skin='yes'))
case('278-metal-allergy', 'metal-allergy alone.', 'Nickel allergy', dict(metal_allergy='yes'))
case('279-latex-allergy', 'latex-allergy: caveats, latex.', 'Latex allergy', dict(latex_allergy='yes'))
case('280-aftercare-product-reaction', 'aftercare-product-reaction: caveats, alt-aftercare.', 'Reacted to aftercare ointment',
     dict(aftercare_product_reaction='yes'))
case('281-patch-levels-combined', 'Patch test strictest wins: first-pigment (recommended) with anaesthetic-reaction (required) and always_patch_test.',
     'Required beats recommended', dict(previous_pigment='never', anaesthetic_reaction='yes', sensitive_skin='yes'),
     settings=dict(always_patch_test=True, patch_test_wait_hours=168))

# ---------------------------------------------------------------- 30x section H: expectations and lifestyle
case('300-unrealistic-proceeds', 'unrealistic-expectation (stop_loss) with proceed yes: notes only, suitable.',
     'Hoped SMP stops loss, goes ahead knowing it cannot',
     dict(expectations=['shaved_look', 'stop_loss'], proceed_knowing_limits='yes'), mix=[PATTERN])
case('301-wants-to-talk', 'unrealistic-expectation (longer_hair_look) with talk_first: wants-to-talk caveats.',
     'Wants to talk it through first', dict(expectations=['longer_hair_look'], proceed_knowing_limits='talk_first'),
     mix=[DIFFUSE])
case('302-declines-regrow', 'declines-after-explanation via regrow_hair alone: unsuitable.', 'Only wants regrowth, declines',
     dict(expectations=['regrow_hair'], proceed_knowing_limits='no'), mix=[PATTERN])
case('303-longevity-try-first', 'longevity-try-first via try_first: perm-temp note.', 'Wants to try a fading version first',
     dict(longevity_wish='try_first'))
case('304-preference-unknowns', 'Preference unknowns (longevity_wish, touchups_ok, can_attend_sessions, goal): notes only, stays suitable.',
     'Not sure about longevity, touch-ups and sessions',
     dict(goal='unknown', longevity_wish='unknown', touchups_ok='unknown', can_attend_sessions='unknown'))
case('305-touchups-declined', 'touchups-declined: caveats, removal.', 'Does not want touch-ups', dict(touchups_ok='no'))
case('306-high-sun-protected', 'high-sun with sun_protection yes: suitable, uv note.', 'Outdoor worker who wears a hat',
     dict(sun_exposure='a_lot', sun_protection='yes'))
case('307-sun-unprotected', 'high-sun and sun-unprotected: caveats, uv.', 'Outdoor worker, no sun protection',
     dict(sun_exposure='a_lot', sun_protection='no'))
case('308-upcoming-plans', 'upcoming-plans with every option: caveats, schedule-around.', 'Busy months ahead',
     dict(upcoming_plans=['sunny_holiday', 'swimming', 'sauna_steam', 'hard_training', 'hair_colouring', 'botox_fillers']))
case('309-sessions-unavailable', 'sessions-unavailable: caveats, sessions.', 'Cannot attend several sessions',
     dict(can_attend_sessions='no', sun_exposure='little'))
case('310-pain-very', 'pain-very: discuss-numbing note, suitable.', 'Very worried about pain', dict(pain_worry='very'))
case('311-pain-a-bit', 'pain_worry a_bit: only pain-info (pain-very does not fire).', 'A bit worried about pain',
     dict(pain_worry='a_bit'))

# ---------------------------------------------------------------- 32x date arithmetic
case('320-leap-month-end', 'Month-end clamping in a leap year: today 2028-01-31 + 1 month = 2028-02-29 (aa-recent-change, 11 months).',
     'Leap year: 31 January plus one month', dict(aa_last_change_months=11), today='2028-01-31', mix=[AA])
case('321-years-from-29-february', 'Years from 29 February: today 2028-02-29, age 17, min_age 18 -> 2029-02-28 (under-min-age).',
     'Age 17 on 29 February', dict(age=17), today='2028-02-29')
case('322-years-leap-to-leap', 'Years from 29 February to a leap year: today 2028-02-29 + 4 years = 2032-02-29 (age 14).',
     'Age 14 on 29 February', dict(age=14), today='2028-02-29')
case('323-days-across-year-end', 'Days across a year end: today 2027-12-31 + 1 day = 2028-01-01 (laser-recent, 89 days).',
     'Laser 89 days before New Year\'s Eve', dict(scalp_laser_days_ago=89), today='2027-12-31', mix=[LASER])
case('324-days-across-leap-february', 'Days across a leap February: today 2028-02-20 + 14 days = 2028-03-05 (injectables-recent, 0 days).',
     'Botox today, late February of a leap year', dict(injectables_days_ago=0), today='2028-02-20', mix=[INJ])
case('325-days-across-february', 'Days across a non-leap February: today 2027-02-20 + 21 days = 2027-03-13 (antibiotics-recent, 0 days).',
     'Antibiotics finished today, late February', dict(antibiotics_days_since=0), today='2027-02-20', mix=[ABX])
case('326-months-across-year-clamp', 'Months across a year end with clamping: today 2027-08-31 + 6 months = 2028-02-29 (scar-immature, 6 months).',
     'Scar 6 months old on 31 August', dict(scar_age_months=6), today='2027-08-31', mix=[SCAR])
case('327-months-to-30-day-month', 'Clamping to a 30-day month: today 2027-10-31 + 1 month = 2027-11-30 (isotretinoin-recent, 5 months).',
     'Isotretinoin stopped 5 months ago, on 31 October', dict(isotretinoin_months_since=5), today='2027-10-31', mix=[ISO])
case('328-latest-months-beats-days', 'Latest date wins: today 2027-11-30, transplant 3 months (2028-02-29) beats laser 1 day (+89 days = 2028-02-27) and tan 0 (+14 days).',
     'Transplant wait ends after the laser wait',
     dict(transplant_months_ago=3, scalp_laser_recent='yes', scalp_laser_days_ago=1, scalp_tanned_recent='yes', tan_days_ago=0),
     today='2027-11-30', mix=[PATTERN, TRANSPLANT])
case('329-latest-days-beats-clamped-month', 'Latest date wins: today 2027-01-31, aa 11 months (+1 month clamps to 2027-02-28) loses to laser 60 days (+30 days = 2027-03-02).',
     'Laser wait ends after the clamped alopecia wait',
     dict(aa_last_change_months=11, scalp_laser_recent='yes', scalp_laser_days_ago=60,
          injectables_recent='yes', injectables_days_ago=0),
     today='2027-01-31', mix=[AA])
case('330-every-date-rule', 'All eleven date formulas fire at once with condition deferrals too: under-min-age (+1 year) is the latest.',
     'Every deferral at once: the latest date wins',
     dict(age=17, pregnancy='pregnant', aa_last_change_months=10, loss_reasons=['alopecia_areata', 'scars'],
          scar_types=['injury'], scar_age_months=3, scar_active='yes', scar_appearance='flat_pale',
          hair_transplant='fue', transplant_months_ago=1, graft_area_symptoms='no',
          scalp_laser_recent='yes', scalp_laser_days_ago=10, injectables_recent='yes', injectables_days_ago=1,
          scalp_skin_treatment='in_last_3_months', scalp_skin_treatment_days_ago=2, scalp_tanned_recent='yes',
          tan_days_ago=3, chemo_status='finished', chemo_months_since=1, isotretinoin='stopped',
          isotretinoin_months_since=2, antibiotics='finished_recently', antibiotics_days_since=4,
          scalp_now=['wounds']),
     today='2027-05-31', mix=[AA])
case('331-latest-date-tie', 'Latest date wins with a tie: today 2027-03-15, transplant 5 months (+1 month) and scar 11 months (+1 month) both give 2027-04-15.',
     'Two deferrals ending on the same day', dict(transplant_months_ago=5, scar_age_months=11, hair_transplant='fut',
                                                    scar_types=['fut_strip']),
     mix=[SCAR, TRANSPLANT])

# ---------------------------------------------------------------- 34x hidden questions
case('340-hidden-transplant-months', 'Hidden answer ignored: transplant_months_ago = 2 with hair_transplant never; transplant rules do not fire; price_info ignored.',
     'Stray transplant months with no transplant',
     dict(transplant_months_ago=2, graft_area_symptoms='yes', price_info='any text'))
case('341-hidden-would-be-strict', 'Hidden answers that would be strict if shown (norwood i, proceed no, spreading scar, aa 0 months, chemo unknown, sun unprotected): all ignored.',
     'Stray follow-up answers whose gates say no',
     dict(norwood='i', loss_trend='clearly_worse', loss_treatments=['minoxidil_topical'], aa_last_change_months=0,
          aa_regrowing='unknown', aa_treatments=['steroid_injections'], scar_age_months=1, scar_active='yes',
          scar_appearance='spreading', proceed_knowing_limits='no', chemo_months_since='unknown',
          sun_protection='no', female_scale='unknown'))
case('342-hidden-invalid-values', 'Hidden answers are not validated: out-of-range days/months and bad option values with their gates at no/never.',
     'Out-of-range and invalid stray answers are ignored',
     dict(scalp_laser_days_ago=5000, injectables_days_ago=-3, scalp_skin_treatment_days_ago='unknown',
          tan_days_ago=99, isotretinoin_months_since=9999, antibiotics_days_since='soon',
          transplant_months_ago='unknown', chemo_months_since=-1, norwood='xii'))
