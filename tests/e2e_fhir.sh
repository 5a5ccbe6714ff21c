#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the FHIR R4 export: `screen --format fhir` (a Bundle per answers
# file) and `questions --format fhir` (the Questionnaire). Goldens of both, then every
# output through tests/fhir_check.py, which checks them against the R4 definitions and
# against each other (linkIds, answer codes, enableWhen evaluated on real answers), and
# proof that the checker does catch what it claims to.
#
# Goldens: tests/data/e2e/expected/fhir/NAME.json; rewrite them with SMP_UPDATE_GOLDEN=1
# after a deliberate change, and review the diff.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }

TODAY=2027-01-31
EXP=expected/fhir
MINI="--questionnaire ../mini-questionnaire.cfg --rules ../mini-rules.cfg"
CHECK=$SMP_SRCDIR/tests/fhir_check.py

# fhir_ok DESC QUESTIONNAIRE [BUNDLES...]: the checker finds nothing wrong.
fhir_ok() {
	_desc=$1
	shift
	if ! have_python; then
		skip "$_desc" "python3 is not installed"
		return
	fi
	if python3 "$CHECK" "$@" >"$TMP/.chk" 2>&1; then
		ok "$_desc"
	else
		not_ok "$_desc"
		comment_file "$TMP/.chk" 30
	fi
}

# fhir_catches DESC WORDS QUESTIONNAIRE BUNDLE PYTHON: the checker fails on BUNDLE (or on
# QUESTIONNAIRE, when BUNDLE is -) once PYTHON has changed it (q, b: the parsed files), and
# says WORDS.
fhir_catches() {
	_desc=$1 _words=$2 _q=$3 _b=$4 _edit=$5
	if ! have_python; then
		skip "$_desc" "python3 is not installed"
		return
	fi
	python3 - "$_q" "$_b" "$TMP/bad-q.json" "$TMP/bad-b.json" "$_edit" <<'EOF'
import json, sys
q = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8")) if sys.argv[2] != "-" else None
exec(sys.argv[5])
json.dump(q, open(sys.argv[3], "w", encoding="utf-8"))
if b is not None:
    json.dump(b, open(sys.argv[4], "w", encoding="utf-8"))
EOF
	if [ "$_b" = - ]; then
		python3 "$CHECK" "$TMP/bad-q.json" >"$TMP/.chk" 2>&1
	else
		python3 "$CHECK" "$TMP/bad-q.json" "$TMP/bad-b.json" >"$TMP/.chk" 2>&1
	fi
	_rc=$?
	if [ "$_rc" = 1 ] && grep -qF -- "$_words" "$TMP/.chk"; then
		ok "$_desc"
	else
		not_ok "$_desc"
		comment "checker exit $_rc, expected 1 and '$_words':"
		comment_file "$TMP/.chk" 20
	fi
}

# --- the Questionnaire ----------------------------------------------------------------------
run_status 0 "questions --format fhir exits 0" questions --format fhir
cp "$TMP/out" "$TMP/q.json"
golden "$TMP/q.json" "$EXP/questionnaire.json" "questions --format fhir matches the golden file"
check "questions --format fhir: nothing on stderr" test ! -s "$TMP/err"
fhir_ok "the Questionnaire passes the R4 checks" "$TMP/q.json"
is "$(grep -c '"linkId"' "$TMP/q.json")" 72 "the Questionnaire has an item per question (72)"
is "$(grep -c '"enableWhen"' "$TMP/q.json")" "$(grep -c 'show_if = ' "$SMP_SRCDIR/questionnaires/smp-consultation.cfg")" \
    "every show_if of the bundled questionnaire became enableWhen"
check "no show_if of the bundled questionnaire needed the text extension" \
    not grep -q 'StructureDefinition/show-if' "$TMP/q.json"

run_status 0 "mini: questions --format fhir exits 0" $MINI questions --format fhir
cp "$TMP/out" "$TMP/mq.json"
golden "$TMP/mq.json" "$EXP/mini-questionnaire.json" "mini: the Questionnaire matches the golden file"
fhir_ok "mini: the Questionnaire passes the R4 checks" "$TMP/mq.json"

# --- Bundles: goldens -------------------------------------------------------------------------
# fhir_case NAME FILE [OPTIONS...]
fhir_case() {
	_name=$1 _file=$2
	shift 2
	run_status 0 "$_name: screen --format fhir exits 0" "$@" screen --format fhir --today "$TODAY" "$_file"
	cp "$TMP/out" "$TMP/$_name.json"
	golden "$TMP/$_name.json" "$EXP/$_name.json" "$_name: the Bundle matches the golden file"
	run "$@" screen --format fhir --today "$TODAY" "$_file"
	same_file "$TMP/$_name.json" "$TMP/out" "$_name: a second run gives byte-identical output"
}
fhir_case 03-refer answers/03-refer.cfg
fhir_ok "03-refer: the Bundle passes the R4 checks" "$TMP/q.json" "$TMP/03-refer.json"
fhir_case 05-defer-condition answers/05-defer-condition.cfg
fhir_case 07-unknowns answers/07-unknowns.cfg
fhir_case mini-record fhir/mini-record.cfg $MINI
fhir_ok "mini-record: the Bundle passes the R4 checks" "$TMP/mq.json" "$TMP/mini-record.json"
fhir_case mini-escapes mini/escapes.cfg $MINI
check "mini-escapes: no terminal control characters reach the Bundle" no_controls "$TMP/mini-escapes.json"

# --- every answers file, several at once ------------------------------------------------------
run_status 0 "every bundled case at once exits 0" screen --format fhir --today "$TODAY" answers
cp "$TMP/out" "$TMP/all.json"
fhir_ok "every bundled case passes the R4 checks (enableWhen agrees with show_if)" \
    "$TMP/q.json" "$TMP/all.json"
run $MINI screen --format fhir --today "$TODAY" mini fhir
cp "$TMP/out" "$TMP/mall.json"
fhir_ok "every mini case passes the R4 checks" "$TMP/mq.json" "$TMP/mall.json"
if have_python; then
	is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(type(d).__name__, len(d), {b["resourceType"] for b in d})' "$TMP/all.json")" \
	    "list 8 {'Bundle'}" "a directory gives a JSON array of Bundles, one per file"
	is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(type(d).__name__, d["resourceType"])' "$TMP/03-refer.json")" \
	    "dict Bundle" "one file gives one Bundle object"
	# The suitability code is the JSON report's value, for every case.
	run screen --format json --today "$TODAY" answers
	cp "$TMP/out" "$TMP/all-report.json"
	is "$(python3 - "$TMP/all.json" "$TMP/all-report.json" <<'EOF'
import json, sys
fhir = json.load(open(sys.argv[1]))
rep = json.load(open(sys.argv[2]))
bad = []
for b, r in zip(fhir, rep):
    ra = b["entry"][1]["resource"]
    got = [p["outcome"]["coding"][0]["code"] for p in ra["prediction"]]
    if got != [r["suitability"], r["patch_test"]]:
        bad.append("%s != %s" % (got, [r["suitability"], r["patch_test"]]))
    rules = [x["display"].split(":")[0] for x in ra["basis"][1:]]
    if rules != r["fired"]:
        bad.append("basis %s != fired %s" % (rules, r["fired"]))
print("; ".join(bad) or "same")
EOF
)" same "the RiskAssessment's codes and basis are the JSON report's suitability, patch test and fired rules"
else
	skip "a directory gives a JSON array of Bundles" "python3 is not installed"
	skip "one file gives one Bundle object" "python3 is not installed"
	skip "the RiskAssessment agrees with the JSON report" "python3 is not installed"
fi

# -o writes the same Bundle, 0600.
run_status 0 "-o with --format fhir exits 0" screen --format fhir --today "$TODAY" -o "$TMP/o.json" answers/03-refer.cfg
same_file "$TMP/03-refer.json" "$TMP/o.json" "-o writes the same Bundle"
is "$(file_mode "$TMP/o.json")" 600 "-o: the Bundle is created 0600"

# --- a questionnaire without url: a URN from its id ----------------------------------------
sed '/^title = /s/ url = "[^"]*";//' ../mini-questionnaire.cfg >"$TMP/nourl.cfg"
run_status 0 "a questionnaire without url exports" --questionnaire "$TMP/nourl.cfg" --rules ../mini-rules.cfg questions --format fhir
check "without url: the Questionnaire is urn:smpscreen:questionnaire:<id>" \
    grep -q '"url": "urn:smpscreen:questionnaire:mini-consultation"' "$TMP/out"
cp "$TMP/out" "$TMP/nourl-q.json"
run --questionnaire "$TMP/nourl.cfg" --rules ../mini-rules.cfg screen --format fhir --today "$TODAY" fhir/mini-record.cfg
check "without url: the response names urn:...|3" \
    grep -q '"questionnaire": "urn:smpscreen:questionnaire:mini-consultation|3"' "$TMP/out"
cp "$TMP/out" "$TMP/nourl-b.json"
fhir_ok "without url: both pass the R4 checks" "$TMP/nourl-q.json" "$TMP/nourl-b.json"

# --- a bad url is refused with its line ------------------------------------------------------
sed '/^title = /s|url = "[^"]*"|url = "smpscreen.org/q"|' ../mini-questionnaire.cfg >"$TMP/badurl.cfg"
run_status 2 "a questionnaire with a relative url is refused (exit 2)" \
    --questionnaire "$TMP/badurl.cfg" --rules ../mini-rules.cfg questions --format fhir
check "a relative url: file:line and what is wrong" \
    grep -q "badurl.cfg:5: error: questionnaire: url must be an absolute http(s) or urn: URI" "$TMP/err"
check "a relative url: nothing on standard output" test ! -s "$TMP/out"

# --- usage ---------------------------------------------------------------------------------
run questions --format json
is "$rc" 2 "questions --format json is a usage error"
check "questions --format json: says which formats" grep -q "text and fhir" "$TMP/err"
run --format fhir check
is "$rc" 2 "--format fhir with check is a usage error"
run --format fhir kiosk
is "$rc" 2 "--format fhir with kiosk is a usage error"
run -o "$TMP/x.json" questions --format fhir
is "$rc" 2 "-o with questions is a usage error"
run screen --format xml answers/03-refer.cfg
check "an unknown format names fhir among the choices" grep -q "csv or fhir)" "$TMP/err"
run --help
check "--help names --format fhir" grep -qF -- "--format text|json|jsonl|csv|fhir" "$TMP/out"

# --- the checker catches what it claims to ---------------------------------------------------
Q=$TMP/q.json
B=$TMP/03-refer.json
fhir_catches "checker: a Bundle without type" "'type' is required" "$Q" "$B" 'del b["type"]'
fhir_catches "checker: a response without status" "'status' is required" "$Q" "$B" \
    'del b["entry"][0]["resource"]["status"]'
fhir_catches "checker: an assessment without subject" "'subject' is required" "$Q" "$B" \
    'del b["entry"][1]["resource"]["subject"]'
fhir_catches "checker: an answer with two values" "exactly one value[x]" "$Q" "$B" \
    'b["entry"][0]["resource"]["item"][0]["answer"][0]["valueString"] = "x"'
fhir_catches "checker: a code that is no answerOption" "none of the item's answerOptions" "$Q" "$B" \
    'b["entry"][0]["resource"]["item"][1]["answer"][0]["valueCoding"]["code"] = "maybe"'
fhir_catches "checker: a linkId the Questionnaire lacks" "no item of the Questionnaire" "$Q" "$B" \
    'b["entry"][0]["resource"]["item"][0]["linkId"] = "nonesuch"'
fhir_catches "checker: a bad dateTime" "not a valid dateTime" "$Q" "$B" \
    'b["entry"][1]["resource"]["occurrenceDateTime"] = "31/01/2027"'
fhir_catches "checker: an invented element" "is not an element of RiskAssessment" "$Q" "$B" \
    'b["entry"][1]["resource"]["outcome"] = "x"'
fhir_catches "checker: an answer to a disabled item" "its enableWhen is false" "$Q" "$B" \
    'b["entry"][0]["resource"]["item"].insert(7, {"linkId": "female_scale", "answer": [{"valueCoding": q["item"][7]["answerOption"][0]["valueCoding"]}]})'
fhir_catches "checker: basis without the response" "basis references" "$Q" "$B" \
    'del b["entry"][1]["resource"]["basis"][0]'
fhir_catches "checker: exists without answerBoolean (que-7)" "que-7" "$Q" - \
    'q["item"][15]["enableWhen"][0]["answerCoding"] = q["item"][15]["enableWhen"][1]["answerCoding"]; del q["item"][15]["enableWhen"][0]["answerBoolean"]'
fhir_catches "checker: several enableWhen without enableBehavior (que-12)" "que-12" "$Q" - \
    'del q["item"][15]["enableBehavior"]'
fhir_catches "checker: a required display item (que-6)" "que-6" "$Q" - \
    'it = [i for i in q["item"] if i["type"] == "display"][0]; it["required"] = False'
fhir_catches "checker: an item without type" "'type' is required" "$Q" - \
    'del q["item"][0]["type"]'
fhir_catches "checker: an empty array" "empty array" "$Q" - 'q["subjectType"] = []'

done_testing
