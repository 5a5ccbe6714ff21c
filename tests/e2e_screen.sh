#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `smpscreen screen`: golden text, ASCII and JSON reports for answer
# files that cover every kind of outcome, then the report's properties (width, ASCII,
# repeatability, JSON keys), -o, several files, directories and clinic settings.
#
# Goldens: tests/data/e2e/expected/screen/NAME.{txt,ascii.txt,json,err}; rewrite them
# with SMP_UPDATE_GOLDEN=1 after a deliberate change, and review the diff.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

# Paths in reports and messages are relative to tests/data/e2e, so goldens hold no
# absolute paths. Nothing is written here: outputs go to $TMP.
cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }

TODAY=2027-01-31
EXP=expected/screen
MINI="--questionnaire ../mini-questionnaire.cfg --rules ../mini-rules.cfg"
WIDE="--questionnaire wide/questionnaire.cfg --rules wide/rules.cfg"
JSON_KEYS="suitability patch_test notes refer_to come_back_after defer_conditions fired
reasons answers ignored_answers questionnaire rules today settings"

# json_ok FILE PYTHON-EXPRESSION DESC: ok when the expression (d = the parsed JSON) is true.
json_ok() {
	if ! have_python; then
		skip "$3" "python3 is not installed"
		return
	fi
	if python3 - "$1" "$2" >"$TMP/.py" 2>&1 <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    d = json.load(f)
if not eval(sys.argv[2]):
    print("false: " + sys.argv[2])
    sys.exit(1)
EOF
	then
		ok "$3"
	else
		not_ok "$3"
		comment_file "$TMP/.py" 20
	fi
}

has_keys() { # the Python expression for "every key of the report is present"
	printf "all(k in d for k in '%s'.split())" "$(echo $JSON_KEYS)"
}

# One answer file, all three formats: exit status, stderr, goldens and report properties.
# screen_case NAME FILE [OPTIONS...]
screen_case() {
	_name=$1
	_file=$2
	shift 2
	run_status 0 "$_name: screen exits 0" "$@" screen --today "$TODAY" "$_file"
	cp "$TMP/out" "$TMP/$_name.txt"
	cp "$TMP/err" "$TMP/$_name.err"
	golden "$TMP/$_name.err" "$EXP/$_name.err" "$_name: stderr is as expected"
	golden "$TMP/$_name.txt" "$EXP/$_name.txt" "$_name: text report matches the golden file"
	run "$@" screen --today "$TODAY" "$_file"
	same_file "$TMP/$_name.txt" "$TMP/out" "$_name: a second run gives byte-identical text"
	_w=$(max_width "$TMP/$_name.txt")
	if [ "$_w" -le 72 ]; then
		ok "$_name: text lines fit in 72 columns"
	else
		not_ok "$_name: text lines fit in 72 columns (widest: $_w)"
		awk 'length($0) > 72' "$TMP/$_name.txt" >"$TMP/.wide"
		comment_file "$TMP/.wide" 10
	fi

	run "$@" screen --ascii --today "$TODAY" "$_file"
	cp "$TMP/out" "$TMP/$_name.ascii.txt"
	golden "$TMP/$_name.ascii.txt" "$EXP/$_name.ascii.txt" \
	    "$_name: --ascii report matches the golden file"
	if is_ascii "$TMP/$_name.ascii.txt" && [ "$rc" = 0 ]; then
		ok "$_name: --ascii report has only bytes below 0x80"
	else
		not_ok "$_name: --ascii report has only bytes below 0x80 (exit $rc)"
		LC_ALL=C grep -n "$(printf '[\200-\377]')" "$TMP/$_name.ascii.txt" >"$TMP/.na"
		comment_file "$TMP/.na" 10
	fi

	run "$@" screen --copy patient --today "$TODAY" "$_file"
	cp "$TMP/out" "$TMP/$_name.patient.txt"
	golden "$TMP/$_name.patient.txt" "$EXP/$_name.patient.txt" \
	    "$_name: the patient's copy matches the golden file"
	# Plain words: no rule ids in brackets, no settings, no files, no line numbers.
	if grep -nE '\[(CAVEATS|REFER|DEFER|UNSUITABLE|REQUIRED|RECOMMENDED)\]|sha256|Settings in effect|Answers file|, line [0-9]|Signature' \
	    "$TMP/$_name.patient.txt" >"$TMP/.leak"; then
		not_ok "$_name: the patient's copy holds nothing for the clinic only"
		comment_file "$TMP/.leak" 10
	else
		ok "$_name: the patient's copy holds nothing for the clinic only"
	fi

	run "$@" screen --format json --today "$TODAY" "$_file"
	cp "$TMP/out" "$TMP/$_name.json"
	golden "$TMP/$_name.json" "$EXP/$_name.json" "$_name: JSON report matches the golden file"
	json_ok "$TMP/$_name.json" "$(has_keys) and d['today'] == '$TODAY'" \
	    "$_name: JSON parses and has every report key"
}

# --- the outcome cases, bundled questionnaire and rules -----------------------------------
for f in answers/*.cfg; do
	screen_case "$(basename "$f" .cfg)" "$f"
done

# The patient's copy of an unsuitable result: the safety notes only, no patch test, no
# come-back date, no sessions, aftercare or costs.
P=$TMP/06-unsuitable-keloid.patient.txt
check "unsuitable, patient's copy: the result in plain words" grep -qx 'Your result: Not suitable' "$P"
check "unsuitable, patient's copy: safety notes, and nothing for someone not treated" \
    sh -c 'sed "/^Your answers$/,\$d" "$1" >"$1.top" && grep -qx "Safety" "$1.top" &&
	! grep -qE "^(Expectations|Practical matters|Patch test)" "$1.top" &&
	! grep -qiE "session|aftercare|price|cost|come back" "$1.top"' sh "$P"
check "unsuitable, clinic record: everything is kept" \
    sh -c 'grep -qx "Practical matters" "$1" && grep -q "^Patch test: " "$1"' sh "$TMP/06-unsuitable-keloid.txt"

# What each case is about, independent of the goldens (which a careless update could bless).
T=$TMP
json_ok "$T/01-all-clear.json" "d['suitability'] == 'suitable' and d['patch_test'] == 'not_needed' and d['reasons'] == [] and d['refer_to'] == [] and d['come_back_after'] is None" \
    "all-clear: suitable, no patch test, no reasons"
json_ok "$T/02-caveats.json" "d['suitability'] == 'caveats' and d['patch_test'] == 'recommended' and sorted(r['rule'] for r in d['reasons']) == ['otc-blood-thinners', 'pih-tendency']" \
    "caveats: both reasons listed, patch test recommended"
json_ok "$T/03-refer.json" "d['suitability'] == 'refer' and sorted(d['refer_to']) == ['cardiologist', 'haematologist']" \
    "refer: refer_to names the cardiologist and the haematologist"
check "refer: the clinic record lists whom to refer to, with the rule that needs it" \
    grep -q '^  \* Haematologist (blood specialist), for: bleeding-disorder$' "$T/03-refer.txt"
json_ok "$T/04-defer-date.json" "d['suitability'] == 'defer' and d['come_back_after'] == '2027-02-28' and d['defer_conditions'] == []" \
    "defer by date: 2027-01-31 + 1 month clamps to 2027-02-28"
check "defer by date: the text report shows the come-back date" \
    grep -q '^Come back after: 2027-02-28$' "$T/04-defer-date.txt"
json_ok "$T/05-defer-condition.json" "d['suitability'] == 'defer' and d['come_back_after'] is None and [c['rule'] for c in d['defer_conditions']] == ['pregnant-or-breastfeeding']" \
    "defer by condition: no date, one condition"
check "defer by condition: the text report shows the condition" \
    grep -q '^Come back: when pregnancy and breastfeeding are both over$' "$T/05-defer-condition.txt"
json_ok "$T/06-unsuitable-keloid.json" "d['suitability'] == 'unsuitable' and 'keloid-unsuitable' in d['fired'] and 'keloid' in d['notes']" \
    "keloid: unsuitable under the default policy"
json_ok "$T/07-unknowns.json" "d['suitability'] != 'suitable' and d['answers']['skin_type'] == 'unknown' and 'consultant-check' in d['notes']" \
    "unknown medical answers never give suitable"
sed -n "/^Answered 'not sure': check in person/,/^\$/p" "$T/07-unknowns.txt" >"$T/checklist"
is "$(grep -c '^  \[ \] ' "$T/checklist")" 3 \
    "unknowns: the consultant checklist lists the three 'not sure' answers"
json_ok "$T/08-stray-hidden.json" "d['ignored_answers'] == ['transplant_months_ago'] and d['suitability'] == 'suitable' and 'transplant_months_ago' not in d['answers']" \
    "stray hidden answer: listed in ignored_answers, not used"
check "stray hidden answer: a warning on stderr names the file, line and question" \
    grep -q "^answers/08-stray-hidden.cfg:54: warning: answer to 'transplant_months_ago' ignored" \
    "$T/08-stray-hidden.err"
check "stray hidden answer: the text report lists the ignored answer" \
    grep -q '^\* transplant_months_ago (answers file, line 54)$' "$T/08-stray-hidden.txt"

# --- the mini questionnaire: free text, non-ASCII and escape sequences --------------------
# shellcheck disable=SC2086
screen_case mini-ok mini/ok.cfg $MINI
# shellcheck disable=SC2086
screen_case mini-utf8 mini/utf8.cfg $MINI --settings settings/clinic-utf8.cfg
# shellcheck disable=SC2086
screen_case mini-escapes mini/escapes.cfg $MINI

check "utf8: the UTF-8 report keeps the clinic's name and the free text" \
    grep -q '^Clinic: Haarstudio Zürich – Nord$' "$T/mini-utf8.txt"
check "utf8: double-width free text is wrapped by display width (a wrapped CJK line)" \
    grep -q '^       日本語' "$T/mini-utf8.txt"
check "utf8: --ascii transliterates the clinic's name" \
    grep -q '^Clinic: Haarstudio Zurich - Nord$' "$T/mini-utf8.ascii.txt"
json_ok "$T/mini-utf8.json" "d['answers']['notes_free'].startswith('Café regular — prefers “early” slots')" \
    "utf8: JSON keeps the free text as UTF-8"
for x in txt ascii.txt json; do
	check "escapes: no control characters reach the $x report" no_controls "$T/mini-escapes.$x"
done
check "escapes: JSON does not carry them escaped either" \
    not grep -qi '\\u00[01][0-9a-f]\|\\u007f\|\\u009b' "$T/mini-escapes.json"
json_ok "$T/mini-escapes.json" "d['answers']['notes_free'] == '[2J]0;ownedCall before [31mnoon[0m1m ok'" \
    "escapes: the rest of the free text is kept"
json_ok "$T/mini-escapes.json" "d['suitability'] == 'refer' and d['refer_to'] == ['gp']" \
    "escapes: unknown heart answer refers to the GP"

# --- wide characters in the content: labels wrap by display width ----------------------
# screen_case measures the lines with wc -L, that is with glibc's wcwidth(), not our code.
# shellcheck disable=SC2086
screen_case wide-labels wide/answers.cfg $WIDE
check "wide: a wrapped option label continues in the label's column" \
    grep -q '^      look: ✅ crisp hairline ✅ natural ✅ quick ✅ low upkeep ⌚ 2-4$' \
    "$T/wide-labels.txt"
check "wide: a label with no spaces is split between characters, inside its column" \
    grep -q '^      ンテナンスの頻度と費用も知りたいです ⌚$' "$T/wide-labels.txt"
check "wide: a wrapped question text continues under the question" \
    grep -q '^   after the treatment? 💈$' "$T/wide-labels.txt"

# --- -o FILE ---------------------------------------------------------------------------
(umask 000 && "$SMPSCREEN" screen --today "$TODAY" -o "$TMP/report.txt" answers/02-caveats.cfg \
    >"$TMP/o.out" 2>"$TMP/o.err")
is "$?" 0 "-o: exit 0"
is "$(file_mode "$TMP/report.txt" 2>/dev/null)" 600 "-o: the report is created with mode 0600 even with umask 000"
check "-o: nothing on stdout" test ! -s "$TMP/o.out"
check "-o: nothing on stderr" test ! -s "$TMP/o.err"
same_file "$T/02-caveats.txt" "$TMP/report.txt" "-o: the file holds the same report as stdout"

printf 'an older report\n' >"$TMP/old.txt"
chmod 644 "$TMP/old.txt"
run screen --today "$TODAY" --format json -o "$TMP/old.txt" answers/03-refer.cfg
if [ "$rc" = 0 ] && [ "$(file_mode "$TMP/old.txt")" = 600 ]; then
	ok "-o over an existing 0644 file: replaced, now mode 0600"
else
	not_ok "-o over an existing 0644 file: replaced, now mode 0600 (exit $rc, mode $(file_mode "$TMP/old.txt"))"
fi
same_file "$T/03-refer.json" "$TMP/old.txt" "-o over an existing file: it holds the new JSON report"
check "-o: no temporary file is left beside the report" \
    test "$(find "$TMP" -maxdepth 1 -name '*old.txt*' | wc -l)" -eq 1

# --- several files ----------------------------------------------------------------------
run screen --today "$TODAY" answers/01-all-clear.cfg answers/03-refer.cfg answers/06-unsuitable-keloid.cfg
is "$rc" 0 "several files: exit 0"
{
	cat "$T/01-all-clear.txt"
	printf '\f'
	cat "$T/03-refer.txt"
	printf '\f'
	cat "$T/06-unsuitable-keloid.txt"
} >"$TMP/three.txt"
same_file "$TMP/three.txt" "$TMP/out" \
    "several files: the single reports, each starting on a new page (a form feed)"
is "$(tr -cd '\f' <"$TMP/out" | wc -c | tr -d ' ')" \
    "$(cat "$T/01-all-clear.txt" "$T/03-refer.txt" "$T/06-unsuitable-keloid.txt" | tr -cd '\f' | wc -c | awk '{ print $1 + 2 }')" \
    "several files: their own page breaks, one more between each pair, none at the ends"

run screen --format json --today "$TODAY" answers/01-all-clear.cfg answers/03-refer.cfg answers/06-unsuitable-keloid.cfg
cp "$TMP/out" "$TMP/three.json"
json_ok "$TMP/three.json" "isinstance(d, list) and len(d) == 3 and d == [json.load(open(p, encoding='utf-8')) for p in ['$T/01-all-clear.json', '$T/03-refer.json', '$T/06-unsuitable-keloid.json']]" \
    "several files, JSON: an array of the single reports, in argument order"

run screen --format json --today "$TODAY" -o "$TMP/three-o.json" answers/01-all-clear.cfg answers/03-refer.cfg answers/06-unsuitable-keloid.cfg
same_file "$TMP/three.json" "$TMP/three-o.json" "several files, JSON, -o: the file holds the array"

# --- directories ------------------------------------------------------------------------
run screen --format json --today "$TODAY" answers
cp "$TMP/out" "$TMP/dir.json"
json_ok "$TMP/dir.json" "[r['suitability'] for r in d] == ['suitable', 'caveats', 'refer', 'defer', 'defer', 'unsuitable', 'caveats', 'suitable']" \
    "a directory is screened as its *.cfg files in name order"
is "$rc" 0 "a directory: exit 0 (the stray answer is only a warning)"

mkdir "$TMP/dir"
cp answers/06-unsuitable-keloid.cfg "$TMP/dir/b.cfg"
cp answers/01-all-clear.cfg "$TMP/dir/a.cfg"
cp answers/03-refer.cfg "$TMP/dir/c.cfg.txt"
cp bad/answers-syntax.cfg "$TMP/dir/.hidden.cfg"
printf 'not an answer file\n' >"$TMP/dir/README"
cp answers/05-defer-condition.cfg "$TMP/z.cfg"
(cd "$TMP" && "$SMPSCREEN" screen --today "$TODAY" z.cfg dir >"$TMP/dir.out" 2>"$TMP/dir.err")
is "$?" 0 "a directory among files: exit 0"
is "$(grep '^Answers file: ' "$TMP/dir.out" | tr '\n' ' ')" \
    "Answers file: z.cfg Answers file: dir/a.cfg Answers file: dir/b.cfg " \
    "a directory among files: argument order, then the directory's *.cfg in name order; other files and dot-files skipped"

mkdir "$TMP/empty"
run screen --today "$TODAY" "$TMP/empty"
is "$rc" 2 "an empty directory: exit 2"
printf '%s: warning: directory holds no *.cfg files\nsmpscreen: no answer files to screen\n' \
    "$TMP/empty" >"$TMP/empty.expected"
same_file "$TMP/empty.expected" "$TMP/err" "an empty directory: a warning and 'no answer files', nothing else"

# --- clinic settings ------------------------------------------------------------------
screen_case keloid-refer-policy answers/06-unsuitable-keloid.cfg --settings settings/clinic-keloid-refer.cfg
json_ok "$T/keloid-refer-policy.json" "d['suitability'] == 'refer' and d['patch_test'] == 'required' and d['refer_to'] == ['dermatologist'] and d['settings']['keloid_policy'] == 'refer'" \
    "keloid_policy = refer: the keloid case becomes refer, patch test required"
check "keloid_policy = refer: the report names the clinic" \
    grep -q '^Clinic: Northside SMP Studio$' "$T/keloid-refer-policy.txt"
check "keloid_policy = refer: the report names the settings file" \
    grep -q '^Settings file: settings/clinic-keloid-refer.cfg$' "$T/keloid-refer-policy.txt"

run --settings bad/settings-out-of-range.cfg screen --today "$TODAY" answers/01-all-clear.cfg
is "$rc" 2 "a setting out of range: exit 2"
check "a setting out of range: the error names the file and line" \
    grep -q "^bad/settings-out-of-range.cfg:4: error: setting 'min_age' is 30, outside its allowed range 16..21\$" "$TMP/err"
check "a setting out of range: no report on stdout" test ! -s "$TMP/out"

# --- reading rules of the contract (§1) --------------------------------------------------
sed 's/age = 34;/age = 17;/' answers/01-all-clear.cfg >"$TMP/seventeen.cfg"
run screen --format json --today 2024-02-29 "$TMP/seventeen.cfg"
cp "$TMP/out" "$TMP/seventeen.json"
json_ok "$TMP/seventeen.json" "d['suitability'] == 'defer' and d['come_back_after'] == '2025-02-28'" \
    "years formula: 2024-02-29 + 1 year clamps to 2025-02-28"

sed 's/hair_transplant = "never";/hair_transplant = "never";\n  transplant_months_ago = 9999;\n  graft_area_symptoms = "banana";/' \
    answers/01-all-clear.cfg >"$TMP/hidden-invalid.cfg"
run screen --today "$TODAY" "$TMP/hidden-invalid.cfg"
is "$rc" 0 "answers to hidden questions are not validated: out-of-range and bad option ignored"
is "$(grep -c 'warning: answer to .* ignored' "$TMP/err")" 2 "hidden questions: one warning per ignored answer"

sed 's/^};$/  price_info = "anything at all";\n};/' answers/01-all-clear.cfg >"$TMP/price.cfg"
run screen --today "$TODAY" "$TMP/price.cfg"
if [ "$rc" = 0 ] && [ ! -s "$TMP/err" ]; then
	ok "a value under the info item price_info is ignored silently"
else
	not_ok "a value under the info item price_info is ignored silently (exit $rc)"
	comment_file "$TMP/err"
fi

sed -e 's/scalp_now = \[ "none" \]/scalp_now = ( "none" )/' -e 's/^};$/  unwell_today = "yes";\n};/' \
    answers/01-all-clear.cfg >"$TMP/consultant.cfg"
run screen --format json --today "$TODAY" "$TMP/consultant.cfg"
cp "$TMP/out" "$TMP/consultant.json"
json_ok "$TMP/consultant.json" "d['suitability'] == 'defer' and [c['rule'] for c in d['defer_conditions']] == ['unwell-today'] and d['answers']['scalp_now'] == ['none']" \
    "a consultant answer counts when present; a libconfig list is accepted for a multi answer"

d1=$(date +%Y-%m-%d)
run screen --format json answers/01-all-clear.cfg
d2=$(date +%Y-%m-%d)
cp "$TMP/out" "$TMP/today.json"
json_ok "$TMP/today.json" "d['today'] in ('$d1', '$d2')" "without --today the screening date is the local date"

done_testing
