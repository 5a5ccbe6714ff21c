#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `smpscreen rescreen`: saved answer files screened under the bundled
# content and under a new one, for each kind of edit a clinic makes (a threshold in its
# settings, a rule's level or patch test, an option removed from the questionnaire, a new
# required question); the three formats (golden text; JSON checked for shape and CSV read
# back with python3); the exit statuses 0 (nothing changed), 3 (something did) and 2 (bad
# usage or input).
#
# Goldens: tests/data/e2e/expected/rescreen/NAME.{txt,ascii.txt,json,csv}; rewrite them with
# SMP_UPDATE_GOLDEN=1 after a deliberate change, and review the diff. They hold the SHA-256
# of the bundled questionnaire and rules (shortened in text), so editing those changes them.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

TODAY=2027-01-31
EXP=$E2E/expected/rescreen
DATA=$SMPSCREEN_DATADIR

# Everything runs in $TMP, so that the reports name files as "saved/NAME.cfg" and the new
# content by short relative names: goldens hold no absolute path.
cd "$TMP" || { echo "Bail out! cannot cd to $TMP"; exit 99; }

# The saved screenings: the bundled answer files, a 19-year-old (the all-clear case one
# birthday past the default minimum age) and a client with mid-brown hair.
mkdir saved
cp "$E2E"/answers/*.cfg saved/
sed 's/^  age = 34;$/  age = 19;/' saved/01-all-clear.cfg >saved/09-age-19.cfg
sed 's/"dark_brown"/"light_brown"/' saved/01-all-clear.cfg >saved/10-light-brown.cfg
check "the two extra answer files differ from the one they were made from" \
    sh -c '! cmp -s saved/01-all-clear.cfg saved/09-age-19.cfg &&
	! cmp -s saved/01-all-clear.cfg saved/10-light-brown.cfg'

# New content, one edit each.
# 1. Thresholds in the clinic's settings: a higher minimum age, a longer wait for scars, and
#    keloids referred instead of turned away.
cat >clinic.cfg <<'EOF'
settings = {
  min_age = 21;
  scar_maturity_months = 18;
  keloid_policy = "refer";
};
EOF
# 2. A copy of the rules with one rule's level raised and another's patch test.
sed -e 's/^version = 1;$/version = 2;/' \
    -e '/id = "otc-blood-thinners"/,/level =/s/level = "caveats"/level = "refer"/' \
    -e '/id = "pih-unknown"/,/level =/s/patch_test = "recommended"/patch_test = "required"/' \
    "$DATA/smp-rules.cfg" >rules.cfg
# 3. A copy of the questionnaire without the option "light_brown" (no rule names it).
sed -e 's/^version = 1;$/version = 2;/' -e '/{ value = "light_brown";/d' \
    "$DATA/smp-consultation.cfg" >q-removed.cfg
# 4. A copy of the questionnaire with a new required question, shown after a keloid. It keeps
#    the questionnaire's id, which the rules file names, so the bundled rules still load.
sed -e 's/^version = 1;$/version = 2;/' -e '/{ id = "hair_transplant"; type = "single";/i\
      { id = "keloid_where"; type = "single"; show_if = "keloid_history == '"'yes'"'";\
        text = "Where on your body was the keloid?";\
        options = ( { value = "scalp"; label = "On the scalp"; },\
                    { value = "elsewhere"; label = "Elsewhere"; } ); },' \
    "$DATA/smp-consultation.cfg" >q-new.cfg
is "$(diff "$DATA/smp-rules.cfg" rules.cfg | grep -c '^>')" 3 "the rules copy has three edited lines"
is "$(diff "$DATA/smp-consultation.cfg" q-removed.cfg | grep -c '^<')" 2 \
    "the questionnaire copy lacks one option (and has a new version)"
is "$(diff "$DATA/smp-consultation.cfg" q-new.cfg | grep -c '^>')" 5 \
    "the questionnaire copy has a new question (and a new version)"

# rescreen_case NAME DESC OPTIONS...: exit 3, nothing on stderr, the golden text, 72
# columns, repeatable, and the --ascii text.
rescreen_case() {
	_rs_name=$1
	_rs_desc=$2
	shift 2
	run_status 3 "$_rs_desc: exit 3 (something changed)" rescreen --today "$TODAY" "$@" saved
	cp "$TMP/out" "$TMP/$_rs_name.txt"
	check "$_rs_desc: nothing on stderr" test ! -s "$TMP/err"
	golden "$TMP/$_rs_name.txt" "$EXP/$_rs_name.txt" "$_rs_desc: text matches the golden file"
	_rs_w=$(max_width "$TMP/$_rs_name.txt")
	check "$_rs_desc: text lines fit in 72 columns (widest: $_rs_w)" test "$_rs_w" -le 72
	run rescreen --today "$TODAY" "$@" saved
	same_file "$TMP/$_rs_name.txt" "$TMP/out" "$_rs_desc: a second run gives byte-identical text"
	run rescreen --ascii --today "$TODAY" "$@" saved
	check "$_rs_desc: --ascii text has only bytes below 0x80" is_ascii "$TMP/out"
	run rescreen --format json --today "$TODAY" "$@" saved
	cp "$TMP/out" "$TMP/$_rs_name.json"
	run rescreen --format csv --today "$TODAY" "$@" saved
	cp "$TMP/out" "$TMP/$_rs_name.csv"
}

rescreen_case threshold "a changed threshold" --settings clinic.cfg
rescreen_case rule-level "a changed rule level" --rules rules.cfg
rescreen_case removed-option "a removed option" --questionnaire q-removed.cfg
rescreen_case new-question "a new required question" --questionnaire q-new.cfg
run rescreen --ascii --today "$TODAY" --settings clinic.cfg saved
golden "$TMP/out" "$EXP/threshold.ascii.txt" "a changed threshold: --ascii matches the golden file"
golden "$TMP/threshold.json" "$EXP/threshold.json" "a changed threshold: JSON matches the golden file"
golden "$TMP/threshold.csv" "$EXP/threshold.csv" "a changed threshold: CSV matches the golden file"

# A file saved by a program that recorded what it screened under says so: "screened under
# rules 1 (sha ...), now under ...".
ZEROS=0000000000000000000000000000000000000000000000000000000000000000
mkdir recorded
sed "/^questionnaire = /a record = { id = \"20270101-090000-0000abcd\"; rules = \"smp-rules\"; rules_version = 1; rules_sha256 = \"$ZEROS\"; };" \
    saved/09-age-19.cfg >recorded/11-recorded.cfg
run rescreen --today "$TODAY" --settings clinic.cfg recorded
check "a file that records its rules says what it was saved under" \
    grep -qxF "  saved under: rules smp-rules 1 (sha256 000000000000...)" "$TMP/out"
check "files that record nothing say nothing of it" \
    not grep -q "saved under" "$TMP/threshold.txt"
run rescreen --today "$TODAY" --settings clinic.cfg --format json recorded saved/09-age-19.cfg
python3 - "$TMP/out" <<'PY' && ok "JSON: saved_under_rules of the recorded file, null for the other" || not_ok "JSON: saved_under_rules of the recorded file, null for the other"
import json, sys
d = json.load(open(sys.argv[1]))
by = {c["source"]: c["saved_under_rules"] for c in d["changes"]}
assert by["recorded/11-recorded.cfg"] == {"id": "smp-rules", "version": 1, "sha256": "0" * 64}, by
assert by["saved/09-age-19.cfg"] is None, by
PY

# What each case is about, independent of the goldens (which a careless update could bless).
block_of() { sed -n "\\|^saved/$1\$|,/^\$/p" "$2"; }
has_line() { block_of "$1" "$3" | grep -qxF -- "$2"; }
check "threshold: the 19-year-old is now deferred (stricter), until 21" \
    sh -c 'b=$(sed -n "\|^saved/09-age-19.cfg\$|,/^\$/p" threshold.txt) &&
	echo "$b" | grep -qx "  change: stricter" &&
	echo "$b" | grep -qx "  fires now: under-min-age (defer, come back after 2029-01-31)"'
check "threshold: the young scar's come-back date moves (come_back)" \
    has_line 04-defer-date.cfg "  come back after: 2027-02-28 -> 2027-08-31" threshold.txt
check "threshold: the keloid is referred now (less_strict), by another rule" \
    sh -c 'b=$(sed -n "\|^saved/06-unsuitable-keloid.cfg\$|,/^\$/p" threshold.txt) &&
	echo "$b" | grep -qx "  change: less_strict" &&
	echo "$b" | grep -qx "  fires now: keloid-refer (refer, patch test required)" &&
	echo "$b" | grep -qx "  no longer fires: keloid-unsuitable (unsuitable)"'
is "$(grep '^saved/' threshold.txt | tr '\n' ' ')" \
    "saved/04-defer-date.cfg saved/06-unsuitable-keloid.cfg saved/09-age-19.cfg " \
    "threshold: only the changed files are listed, in name order"
check "threshold: the summary counts every kind" \
    grep -qx "By kind of change: stricter 1, less_strict 1, come_back 1." threshold.txt
check "threshold: the header names both contents and the new settings" \
    sh -c 'grep -q "^old: questionnaire smp-consultation 1 (sha256 [0-9a-f]\{8\}…),\$" threshold.txt &&
	grep -q "^  rules smp-rules 1 (sha256 [0-9a-f]\{8\}…), the rules. default settings\$" threshold.txt &&
	grep -q "^new: questionnaire smp-consultation 1 " threshold.txt &&
	grep -q "^  rules smp-rules 1 (sha256 [0-9a-f]\{8\}…), settings clinic.cfg\$" threshold.txt'
check "rule level: the rule whose level changed is named, old and new" \
    has_line 02-caveats.cfg "  changed: otc-blood-thinners (caveats -> refer)" rule-level.txt
check "rule level: a patch test made stricter is kind patch_test" \
    sh -c 'sed -n "\|^saved/07-unknowns.cfg\$|,/^\$/p" rule-level.txt | grep -qx "  change: patch_test"'
check "removed option: the file that uses it is not accepted, with the loader's message" \
    sh -c 'b=$(sed -n "\|^saved/10-light-brown.cfg\$|,/^\$/p" removed-option.txt) &&
	echo "$b" | grep -qx "  change: not_accepted" &&
	echo "$b" | grep -q "^    line 7: question .hair_colour.: .light_brown. is not one of its\$"'
check "removed option: the other files screened on (exit 3, all counted)" \
    grep -qx "10 answer files screened, 1 changed." removed-option.txt
check "new question: the one file that must answer it is not accepted" \
    sh -c 'grep "^saved/" new-question.txt | grep -qx "saved/06-unsuitable-keloid.cfg" &&
	test "$(grep -c "^saved/" new-question.txt)" = 1 &&
	grep -q "keloid_where" new-question.txt'

# --- JSON: the shape, every change, the summary ------------------------------------------
py_ok() { # DESC SCRIPT ARGS...: ok when the python3 script exits 0
	_d=$1
	shift
	if ! have_python; then
		skip "$_d" "python3 is not installed"
		return
	fi
	if python3 - "$@" >"$TMP/.py" 2>&1; then ok "$_d"; else not_ok "$_d"; comment_file "$TMP/.py" 20; fi
}
cat >json_shape.py <<'EOF'
import json, re, sys
LEVELS = {"suitable", "caveats", "refer", "defer", "unsuitable"}
PATCH = {"not_needed", "recommended", "required"}
KINDS = ["stricter", "less_strict", "patch_test", "come_back", "not_accepted"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
def date_or_null(v):
    assert v is None or DATE.match(v), v
def content(c):
    assert list(c) == ["questionnaire", "rules", "settings"], list(c)
    for k in ("questionnaire", "rules"):
        assert list(c[k]) == ["id", "version", "sha256"], c[k]
        assert re.match(r"^[0-9a-f]{64}$", c[k]["sha256"])
        assert isinstance(c[k]["version"], int)
def effect(e):
    assert e["level"] in LEVELS and e["patch_test"] in PATCH, e
    date_or_null(e["come_back_after"])
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    assert list(d) == ["today", "old", "new", "changes", "summary"], list(d)
    content(d["old"]); content(d["new"])
    for c in d["changes"]:
        assert list(c) == ["source", "kind", "old", "new", "fires_now", "no_longer_fires",
                           "changed_rules", "messages"], list(c)
        assert c["kind"] in KINDS and c["source"].startswith("saved/")
        for side in ("old", "new"):
            assert list(c[side]) == ["suitability", "patch_test", "come_back_after"]
        assert c["old"]["suitability"] in LEVELS and c["old"]["patch_test"] in PATCH
        date_or_null(c["old"]["come_back_after"])
        if c["kind"] == "not_accepted":
            assert set(c["new"].values()) == {None}, c["new"]
            assert c["messages"] and all(m["message"] and m["level"] in ("error", "warning")
                                         for m in c["messages"])
            assert not (c["fires_now"] or c["no_longer_fires"] or c["changed_rules"])
        else:
            assert c["new"]["suitability"] in LEVELS and c["messages"] == []
            order = ["suitable", "caveats", "refer", "defer", "unsuitable"]
            o, n = order.index(c["old"]["suitability"]), order.index(c["new"]["suitability"])
            want = ("stricter" if n > o else "less_strict" if n < o else
                    "patch_test" if c["old"]["patch_test"] != c["new"]["patch_test"] else
                    "come_back")
            assert c["kind"] == want, (c["kind"], want)
        for r in c["fires_now"] + c["no_longer_fires"]:
            assert r["rule"]; effect(r)
        for r in c["changed_rules"]:
            assert r["rule"] and r["level"] == r["new"]["level"]
            effect(r["old"]); effect(r["new"])
            assert r["old"] != r["new"]
    s = d["summary"]
    assert list(s["by_kind"]) == KINDS, s
    assert s["changed"] == len(d["changes"]) == sum(s["by_kind"].values())
    for k in KINDS:
        assert s["by_kind"][k] == sum(1 for c in d["changes"] if c["kind"] == k)
    assert s["screened"] == 10
EOF
py_ok "json: every report has the documented shape, kinds and counts" json_shape.py \
    threshold.json rule-level.json removed-option.json new-question.json
py_ok "json: the threshold report says what changed, file by file" - <<'EOF'
import json
d = json.load(open("threshold.json", encoding="utf-8"))
assert d["today"] == "2027-01-31"
assert d["old"]["settings"] is None and d["new"]["settings"] == "clinic.cfg"
by = {c["source"]: c for c in d["changes"]}
assert list(by) == ["saved/04-defer-date.cfg", "saved/06-unsuitable-keloid.cfg", "saved/09-age-19.cfg"]
c = by["saved/04-defer-date.cfg"]
assert c["kind"] == "come_back" and c["new"]["come_back_after"] == "2027-08-31"
assert [r["rule"] for r in c["changed_rules"]] == ["scar-immature"]
c = by["saved/06-unsuitable-keloid.cfg"]
assert [(r["rule"], r["level"]) for r in c["fires_now"]] == [("keloid-refer", "refer")]
assert [(r["rule"], r["level"]) for r in c["no_longer_fires"]] == [("keloid-unsuitable", "unsuitable")]
assert by["saved/09-age-19.cfg"]["kind"] == "stricter"
EOF

# --- CSV: read back with Python's csv module -------------------------------------------
cat >csv_read.py <<'EOF'
import csv, json, sys
HEADER = ["source", "kind", "old_suitability", "new_suitability", "old_patch_test",
          "new_patch_test", "old_come_back_after", "new_come_back_after", "fires_now",
          "no_longer_fires"]
for name in sys.argv[1:]:
    raw = open(name + ".csv", "rb").read()
    assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"), "CRLF rows"
    with open(name + ".csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    d = json.load(open(name + ".json", encoding="utf-8"))
    assert rows[0] == HEADER, rows[0]
    assert len(rows) == 1 + len(d["changes"])
    for row, c in zip(rows[1:], d["changes"]):
        new = c["new"]
        want = [c["source"], c["kind"], c["old"]["suitability"], new["suitability"] or "",
                c["old"]["patch_test"], new["patch_test"] or "",
                c["old"]["come_back_after"] or "", new["come_back_after"] or "",
                ";".join(r["rule"] for r in c["fires_now"]),
                ";".join(r["rule"] for r in c["no_longer_fires"])]
        assert row == want, (row, want)
EOF
py_ok "csv: the header, then one row per change, cell by cell as in the JSON report" \
    csv_read.py threshold rule-level removed-option new-question

# --- nothing changed: exit 0, the summary alone -----------------------------------------
printf 'settings = {\n  min_age = 18;\n};\n' >same.cfg
run_status 0 "nothing changed: exit 0" rescreen --today "$TODAY" --settings same.cfg saved
is "$(cat "$TMP/out")" "10 answer files screened, 0 changed." "nothing changed: the summary alone"
check "nothing changed: nothing on stderr" test ! -s "$TMP/err"
run_status 0 "nothing changed, json: exit 0" rescreen --format json --today "$TODAY" \
    --settings same.cfg saved
cp "$TMP/out" same.json
py_ok "nothing changed, json: no changes, counted" - <<'EOF'
import json
d = json.load(open("same.json", encoding="utf-8"))
assert d["changes"] == [] and d["summary"]["screened"] == 10 and d["summary"]["changed"] == 0
EOF
run_status 0 "nothing changed, csv: exit 0" rescreen --format csv --today "$TODAY" \
    --settings same.cfg saved
is "$(wc -l <"$TMP/out" | tr -d ' ')" 1 "nothing changed, csv: the header alone"
# The bundled files named by path are the same content: nothing to report either.
run_status 0 "the bundled files named by path: exit 0" rescreen --today "$TODAY" \
    --rules "$DATA/smp-rules.cfg" saved/01-all-clear.cfg
is "$(cat "$TMP/out")" "1 answer file screened, 0 changed." "one file: the summary in the singular"

# --- bad usage and bad input: exit 2, no report -----------------------------------------
run_status 2 "no --questionnaire, --rules or --settings: exit 2" rescreen --today "$TODAY" saved
check "no options: nothing to compare, said on stderr" grep -q "nothing to compare" "$TMP/err"
check "no options: no report" test ! -s "$TMP/out"
run_status 2 "no answer files: exit 2" rescreen --settings clinic.cfg
check "no answer files: said on stderr" grep -q "at least one answer file" "$TMP/err"
cp "$E2E/bad/answers-bad-option.cfg" "$E2E/bad/answers-missing-required.cfg" .
run_status 2 "files bad under the old content: exit 2" rescreen --today "$TODAY" \
    --settings clinic.cfg saved answers-bad-option.cfg answers-missing-required.cfg
check "bad files: no report at all, not even for the good files" test ! -s "$TMP/out"
check "bad files: every error, with file and line" \
    sh -c 'grep -q "^answers-bad-option.cfg:6: error: " "$1" &&
	grep -q "^answers-missing-required.cfg:3: error: " "$1"' sh "$TMP/err"
run_status 2 "a missing answer file: exit 2" rescreen --settings clinic.cfg saved nonexistent.cfg
check "a missing answer file: named on stderr" grep -q "^nonexistent.cfg: error: cannot read" "$TMP/err"
printf 'settings = {\n  min_age = 99;\n};\n' >out-of-range.cfg
run_status 2 "a new settings file out of range: exit 2" rescreen --settings out-of-range.cfg saved
check "a new settings file out of range: no report" test ! -s "$TMP/out"
run_status 2 "a new rules file that does not load: exit 2" rescreen --rules q-new.cfg saved
run_status 2 "--format jsonl: exit 2" rescreen --format jsonl --settings clinic.cfg saved
check "--format jsonl: names the formats rescreen has" grep -q "text, json and csv" "$TMP/err"
run_status 2 "-o is for screen only: exit 2" rescreen -o x.txt --settings clinic.cfg saved

if [ -w /dev/full ]; then
	"$SMPSCREEN" rescreen --today "$TODAY" --settings clinic.cfg saved >/dev/full 2>"$TMP/err"
	is "$?" 1 "a report that cannot be written: exit 1, not 3"
else
	skip "a report that cannot be written: exit 1, not 3" "no /dev/full"
fi

# --- data is sanitised ----------------------------------------------------------------------
mkdir esc
sed 's/^  age = 34;$/  age = 19;/' saved/01-all-clear.cfg >"esc/$(printf 'x\033[31my\033]0;t\007').cfg"
run_status 3 "a file name with escape sequences: exit 3" rescreen --today "$TODAY" \
    --settings clinic.cfg esc
check "a file name with escape sequences: none reaches the text" no_controls "$TMP/out"
run rescreen --format json --today "$TODAY" --settings clinic.cfg esc
check "... nor the JSON" no_controls "$TMP/out"
run rescreen --format csv --today "$TODAY" --settings clinic.cfg esc
check "... nor the CSV" no_controls "$TMP/out"

# --- the program's language ----------------------------------------------------------------
run rescreen --lang es --today "$TODAY" --settings same.cfg saved
is "$rc:$(cat "$TMP/out")" "0:10 archivos de respuestas evaluados, 0 con cambios." \
    "--lang es: the summary in Spanish"
run rescreen --lang fr --today "$TODAY" --settings clinic.cfg saved
check "--lang fr: the labels in French, the contract ids as they are" \
    sh -c 'grep -q "^  changement" "$1" && grep -q "stricter" "$1"' sh "$TMP/out"

done_testing
