#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the machine-readable exports of `smpscreen screen`: every golden JSON
# report and fresh json/jsonl output validated against doc/report.schema.json; the record
# fields (record_id, created_at, mode, client, source); JSON Lines; and CSV read back with
# Python's csv module, cell by cell, against the JSON report of the same file, with quoting
# and the formula guard.
#
# The schema is checked with python3-jsonschema (Debian's package; 4.10 in Debian 12, which
# knows draft 2020-12): a validator written by others, so that our reading of the schema
# cannot agree with our own mistakes. Without python3 or jsonschema the points are skipped.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

# Paths in reports are relative to tests/data/e2e, as in e2e_screen.sh. Outputs go to $TMP.
cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }

TODAY=2027-01-31
SCHEMA=$SMP_SRCDIR/doc/report.schema.json
MINI="--questionnaire ../mini-questionnaire.cfg --rules ../mini-rules.cfg"

# One Python helper for every check; each subcommand prints why it failed and exits 1.
cat >"$TMP/check.py" <<'EOF'
import csv, json, sys

def fail(msg):
    print(msg)
    sys.exit(1)

def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def load_lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if not text.endswith("\n"):
        fail("%s: no final newline" % path)
    return [json.loads(line) for line in text.split("\n")[:-1]]

def validator(schema_path):
    import jsonschema
    schema = load_json(schema_path)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)

def validate(v, doc, what):
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        fail("%s: %s at %s" % (what, errors[0].message, list(errors[0].absolute_path)))

def question_ids(path):
    # `smpscreen questions`: "Q01 age  integer ..."; info items have no column.
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if len(w) >= 3 and w[0][0] == "Q" and w[0][1:].isdigit() and w[2] != "info":
                ids.append(w[1])
    if not ids:
        fail("no question ids in " + path)
    return ids

def cell(value):
    # What the CSV must hold for a JSON answer, before the formula guard.
    if isinstance(value, list):
        return ";".join(value)
    return str(value)

def guard(s):
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "schema":
    # schema SCHEMA FILE...: every file (an object or an array of them) is valid.
    v = validator(args[0])
    for p in args[1:]:
        validate(v, load_json(p), p)
elif cmd == "schema-lines":
    # schema-lines SCHEMA FILE: every line is a valid report object.
    v = validator(args[0])
    for i, d in enumerate(load_lines(args[1])):
        if not isinstance(d, dict):
            fail("line %d is not an object" % (i + 1))
        validate(v, d, "line %d" % (i + 1))
elif cmd == "schema-rejects":
    # schema-rejects SCHEMA FILE: each broken copy of the report is refused.
    v = validator(args[0])
    d = load_json(args[1])
    breaks = {
        "no record_id": lambda d: d.pop("record_id"),
        "mode walk-in": lambda d: d.__setitem__("mode", "walk-in"),
        "format_version 2": lambda d: d.__setitem__("format_version", 2),
        "an empty client": lambda d: d.__setitem__("client", {}),
        "an unknown key": lambda d: d.__setitem__("colour", "red"),
        "suitability maybe": lambda d: d.__setitem__("suitability", "maybe"),
        "created_at a date": lambda d: d.__setitem__("created_at", "2027-01-31"),
    }
    for name, brk in breaks.items():
        e = json.loads(json.dumps(d))
        brk(e)
        if v.is_valid(e):
            fail("the schema accepts a report with " + name)
elif cmd == "lines-equal":
    # lines-equal JSONL JSON: the lines are the JSON report(s), in order.
    lines = load_lines(args[0])
    d = load_json(args[1])
    want = d if isinstance(d, list) else [d]
    if lines != want:
        fail("%d lines, %d reports, or a line that differs" % (len(lines), len(want)))
elif cmd == "csv":
    # csv CSV JSON QUESTIONS: the header, then every cell of every row, from the JSON
    # reports of the same files (an object or an array).
    with open(args[0], "rb") as f:
        raw = f.read()
    d = load_json(args[1])
    reports = d if isinstance(d, list) else [d]
    qids = question_ids(args[2])
    with open(args[0], encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    header = ["source", "record_id", "date", "suitability", "patch_test", "refer_to",
              "come_back_after", "fired_rules"] + qids
    if rows[0] != header:
        fail("header: %r" % rows[0])
    if len(rows) != len(reports) + 1:
        fail("%d rows for %d reports" % (len(rows) - 1, len(reports)))
    if raw.count(b"\r\n") < len(rows) or not raw.endswith(b"\r\n"):
        fail("rows do not end in CRLF")
    for n, (row, r) in enumerate(zip(rows[1:], reports), 1):
        want = [r["source"] or "", r["record_id"] or "", r["today"], r["suitability"],
                r["patch_test"], ";".join(r["refer_to"]), r["come_back_after"] or "",
                ";".join(r["fired"])]
        want += [cell(r["answers"][q]) if q in r["answers"] else "" for q in qids]
        want = [guard(c) for c in want]
        if len(row) != len(header):
            fail("row %d has %d cells, the header %d" % (n, len(row), len(header)))
        for col, got, exp in zip(header, row, want):
            if got != exp:
                fail("row %d, %s: %r, expected %r" % (n, col, got, exp))
elif cmd == "expr":
    # expr FILE PYTHON: the expression is true of the parsed JSON d (or of rows, for a CSV).
    if args[0].endswith(".csv"):
        with open(args[0], encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, strict=True))
    else:
        d = load_json(args[0])
    if not eval(args[1]):
        fail("false: " + args[1])
else:
    fail("no such check: " + cmd)
EOF

# py_ok DESC SUBCOMMAND ARGS...: one test point from check.py.
if have_python && python3 -c 'import jsonschema' 2>/dev/null; then
	have_schema=1
else
	have_schema=0
fi
py_ok() {
	_desc=$1
	shift
	if ! have_python; then
		skip "$_desc" "python3 is not installed"
		return
	fi
	case $1 in
	schema*)
		if [ "$have_schema" = 0 ]; then
			skip "$_desc" "python3-jsonschema is not installed"
			return
		fi
		;;
	esac
	if python3 "$TMP/check.py" "$@" >"$TMP/.py" 2>&1; then
		ok "$_desc"
	else
		not_ok "$_desc"
		comment_file "$TMP/.py" 20
	fi
}

# --- the schema and the goldens ---------------------------------------------------------
# Every golden JSON report of the tests (the FHIR goldens are FHIR resources, which
# tests/e2e_fhir.sh checks, and the rescreen goldens compare two screenings, which
# tests/e2e_rescreen.sh checks). At least the 16 there are today, so that a moved folder
# cannot empty the list.
find "$SMP_TEST_DATA/golden" "$SMP_TEST_DATA/e2e/expected" -name '*.json' ! -path '*fhir*' \
    ! -path '*/expected/rescreen/*' | LC_ALL=C sort >"$TMP/goldens"
n=$(wc -l <"$TMP/goldens" | tr -d ' ')
check "the golden JSON reports are found ($n)" test "$n" -ge 16
# shellcheck disable=SC2046
py_ok "the schema is a valid draft 2020-12 schema, and every golden JSON report is valid" \
    schema "$SCHEMA" $(cat "$TMP/goldens")
py_ok "the schema refuses a report with a missing, unknown or wrong field" \
    schema-rejects "$SCHEMA" "$SMP_TEST_DATA/golden/mini-defer.json"

# --- fresh output for every answers file ---------------------------------------------------
# The bundled questionnaire's answer files, the mini questionnaire's and the wide one's, each
# as one JSON report and as JSON Lines; then each set at once (an array, several lines).
printf '%s\n' "$SMP_TEST_DATA/answers/"*.cfg answers/*.cfg >"$TMP/bundled"
printf '%s\n' mini/*.cfg >"$TMP/mini"
printf '%s\n' wide/answers.cfg >"$TMP/wide"
for set in bundled mini wide; do
	case $set in
	bundled) opts= ;;
	mini) opts=$MINI ;;
	wide) opts="--questionnaire wide/questionnaire.cfg --rules wide/rules.cfg" ;;
	esac
	while read -r f; do
		# shellcheck disable=SC2086
		run $opts screen --format json --today "$TODAY" "$f"
		cp "$TMP/out" "$TMP/one.json"
		# shellcheck disable=SC2086
		run $opts screen --format jsonl --today "$TODAY" "$f"
		cp "$TMP/out" "$TMP/one.jsonl"
		py_ok "${f#"$SMP_TEST_DATA"/}: json is valid by the schema" schema "$SCHEMA" "$TMP/one.json"
		py_ok "${f#"$SMP_TEST_DATA"/}: jsonl is one valid line, the json report" lines-equal "$TMP/one.jsonl" \
		    "$TMP/one.json"
		is "$(wc -l <"$TMP/one.jsonl" | tr -d ' ')" 1 "${f#"$SMP_TEST_DATA"/}: jsonl of one file is one line"
	done <"$TMP/$set"
	# shellcheck disable=SC2046,SC2086
	run $opts screen --format json --today "$TODAY" $(cat "$TMP/$set")
	cp "$TMP/out" "$TMP/$set.json"
	# shellcheck disable=SC2046,SC2086
	run $opts screen --format jsonl --today "$TODAY" $(cat "$TMP/$set")
	cp "$TMP/out" "$TMP/$set.jsonl"
	is "$rc" 0 "$set: jsonl of $(wc -l <"$TMP/$set" | tr -d ' ') files: exit 0"
	py_ok "$set: the json array is valid by the schema" schema "$SCHEMA" "$TMP/$set.json"
	py_ok "$set: jsonl has each file's report on its line, in order" lines-equal \
	    "$TMP/$set.jsonl" "$TMP/$set.json"
	py_ok "$set: every jsonl line is valid by the schema" schema-lines "$SCHEMA" "$TMP/$set.jsonl"
done

# A directory: still one line per file (json would give an array even for one file).
mkdir "$TMP/one-dir"
cp answers/03-refer.cfg "$TMP/one-dir/a.cfg"
run screen --format jsonl --today "$TODAY" "$TMP/one-dir"
is "$(wc -l <"$TMP/out" | tr -d ' ')" 1 "jsonl of a directory with one file: one line"
cp "$TMP/out" "$TMP/dir.jsonl"
py_ok "jsonl of a directory: an object, not an array" expr "$TMP/dir.jsonl" \
    "isinstance(d, dict) and d['source'].endswith('one-dir/a.cfg')"

# --- the record fields ------------------------------------------------------------------
py_ok "a file without a record: an id from its bytes, no time, batch, no client, its path" \
    expr "$TMP/bundled.json" "all(r['record_id'].startswith('sha256-') and len(r['record_id']) == 23 and r['created_at'] is None and r['mode'] == 'batch' and 'client' not in r and r['format_version'] == 1 and r['program']['name'] == 'smpscreen' for r in d) and d[1]['source'] == 'answers/01-all-clear.cfg'"
py_ok "different files: different record ids" expr "$TMP/bundled.json" \
    "len(set(r['record_id'] for r in d)) == len(d)"
cp answers/01-all-clear.cfg "$TMP/copy.cfg"
run screen --format json --today "$TODAY" answers/01-all-clear.cfg "$TMP/copy.cfg"
cp "$TMP/out" "$TMP/copy.json"
py_ok "a copy of a file has the same record id, and its own source" expr "$TMP/copy.json" \
    "d[0]['record_id'] == d[1]['record_id'] and d[0]['source'] != d[1]['source']"

sed 's/^answers = {$/record = { id = "20270131-101500-ab12"; created_at = "2027-01-31T10:15:00+01:00"; mode = "kiosk"; consultant = "Dana"; };\nclient = { name = "Zoë O'"'"'Neil"; reference = "C-0042"; date_of_birth = "1992-02-29"; };\nanswers = {/' \
    answers/01-all-clear.cfg >"$TMP/record.cfg"
run_status 0 "a file with a record and a client: exit 0" screen --format json --today "$TODAY" \
    "$TMP/record.cfg"
cp "$TMP/out" "$TMP/record.json"
py_ok "a file with a record: its id, time, mode and client, as given" expr "$TMP/record.json" \
    "d['record_id'] == '20270131-101500-ab12' and d['created_at'] == '2027-01-31T10:15:00+01:00' and d['mode'] == 'kiosk' and d['client'] == {'name': 'Zoë O\\'Neil', 'reference': 'C-0042', 'date_of_birth': '1992-02-29'} and d['source'].endswith('/record.cfg')"
py_ok "a file with a record: valid by the schema" schema "$SCHEMA" "$TMP/record.json"
sed 's/^answers = {$/client = { reference = "C-7"; };\nanswers = {/' answers/01-all-clear.cfg \
    >"$TMP/client.cfg"
run screen --format json --today "$TODAY" "$TMP/client.cfg"
cp "$TMP/out" "$TMP/client.json"
py_ok "a client with only a reference: only that field" expr "$TMP/client.json" \
    "d['client'] == {'reference': 'C-7'} and d['mode'] == 'batch'"

# --- CSV ---------------------------------------------------------------------------------
"$SMPSCREEN" questions >"$TMP/bundled.questions" 2>/dev/null
# shellcheck disable=SC2086
"$SMPSCREEN" $MINI questions >"$TMP/mini.questions" 2>/dev/null
# shellcheck disable=SC2046
run screen --format csv --today "$TODAY" $(cat "$TMP/bundled") "$TMP/record.cfg"
cp "$TMP/out" "$TMP/bundled.csv"
is "$rc" 0 "csv of the bundled answer files: exit 0"
# shellcheck disable=SC2046
run screen --format json --today "$TODAY" $(cat "$TMP/bundled") "$TMP/record.cfg"
cp "$TMP/out" "$TMP/bundled-record.json"
py_ok "csv: the header, then every cell of every file's row matches its JSON report" \
    csv "$TMP/bundled.csv" "$TMP/bundled-record.json" "$TMP/bundled.questions"
# Cells checked on their own too, so that a wrong JSON report cannot bless a wrong CSV.
py_ok "csv: refer has its targets, defer by date its come-back date" expr "$TMP/bundled.csv" \
    "[r[2:7] for r in rows if r[0] in ('answers/03-refer.cfg', 'answers/04-defer-date.cfg')] == [['$TODAY', 'refer', 'not_needed', 'cardiologist;haematologist', ''], ['$TODAY', 'defer', 'recommended', '', '2027-02-28']]"
py_ok "csv: multi answers joined with ';', unknown as 'unknown', hidden questions empty" \
    expr "$TMP/bundled.csv" \
    "(h := rows[0]) and (r := next(r for r in rows if r[0] == 'answers/07-unknowns.cfg')) and r[h.index('skin_type')] == 'unknown' and next(r for r in rows if r[0] == 'answers/04-defer-date.cfg')[h.index('loss_reasons')] == 'pattern;scars' and r[h.index('transplant_months_ago')] == '' and 'price_info' not in h"
py_ok "csv: the record id of a file with a record is its own" expr "$TMP/bundled.csv" \
    "rows[-1][1] == '20270131-101500-ab12' and rows[1][1].startswith('sha256-')"

run screen --format csv --today "$TODAY" answers/02-caveats.cfg
cp "$TMP/out" "$TMP/single.csv"
is "$(wc -l <"$TMP/single.csv" | tr -d ' ')" 2 "csv of one file: a header and one row"
run screen --format csv --today "$TODAY" answers
cp "$TMP/out" "$TMP/dir.csv"
is "$(grep -c '^source,' "$TMP/dir.csv")" 1 "csv of a directory: one header for every file"
is "$(wc -l <"$TMP/dir.csv" | tr -d ' ')" 9 "csv of a directory of 8 files: 9 lines"

# Free text a consultant typed: the formula guard, and quoting of commas and quotes. The bundled
# questionnaire has no free text question; the mini one has the consultant's note.
mkdir "$TMP/typed"
n=0
for text in '=HYPERLINK(\"http://evil.example/?x\",\"Click\")' '+1+cmd|'"'"' /C calc'"'"'!A0' \
    '-2+3' '@SUM(1+1)*cmd|'"'"' /C calc'"'"'!A0' 'a=1, b=\"two\", c' 'no formula = here'; do
	n=$((n + 1))
	{
		grep -v -e '^  notes_free = ' -e '^};$' mini/ok.cfg
		printf '  notes_free = "%s";\n};\n' "$text"
	} >"$TMP/typed/$n.cfg"
done
# File names are typed by someone too: a comma, a quote, a newline, a leading '='. Screened
# from their folder, so that the name is the whole cell.
cp mini/ok.cfg "$TMP/typed/=cmd,1.cfg"
cp mini/ok.cfg "$TMP/typed/say \"hi\".cfg"
cp mini/ok.cfg "$TMP/typed/two
lines.cfg"
MINI_ABS="--questionnaire $SMP_TEST_DATA/mini-questionnaire.cfg --rules $SMP_TEST_DATA/mini-rules.cfg"
cd "$TMP/typed" || { echo "Bail out! cannot cd to $TMP/typed"; exit 99; }
# shellcheck disable=SC2086
run $MINI_ABS screen --format csv --today "$TODAY" *.cfg
cp "$TMP/out" "$TMP/typed.csv"
is "$rc" 0 "csv of typed text and odd file names: exit 0"
# shellcheck disable=SC2086
run $MINI_ABS screen --format json --today "$TODAY" *.cfg
cp "$TMP/out" "$TMP/typed.json"
cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }
py_ok "csv of typed text and odd file names: every cell read back by Python's csv module" \
    csv "$TMP/typed.csv" "$TMP/typed.json" "$TMP/mini.questions"
py_ok "csv: text starting with = + - @ gets a leading quote, other text is kept as typed" \
    expr "$TMP/typed.csv" \
    "[r[-1] for r in rows[1:7]] == ['\\'=HYPERLINK(\"http://evil.example/?x\",\"Click\")', '\\'+1+cmd|\\' /C calc\\'!A0', '\\'-2+3', '\\'@SUM(1+1)*cmd|\\' /C calc\\'!A0', 'a=1, b=\"two\", c', 'no formula = here']"
py_ok "csv: the JSON report keeps the text unchanged (the guard is only for spreadsheets)" \
    expr "$TMP/typed.json" "d[0]['answers']['notes_free'].startswith('=HYPERLINK(')"
py_ok "csv: file names with a comma, a quote or a newline read back whole; a leading = guarded" \
    expr "$TMP/typed.csv" \
    "[r[0].rsplit('/', 1)[-1] for r in rows[7:]] == ['\\'=cmd,1.cfg', 'say \"hi\".cfg', 'two\\nlines.cfg']"
check "csv: the guarded formula is quoted and its quotes doubled (RFC 4180)" \
    grep -qF ",\"'=HYPERLINK(\"\"http://evil.example/?x\"\",\"\"Click\"\")\"" "$TMP/typed.csv"
check "csv: a newline inside a field stays inside its quotes" \
    grep -q '^lines.cfg",' "$TMP/typed.csv"
check "csv: no cell starts a formula unguarded" \
    eval 'test -s "$TMP/typed.csv" && ! grep -qE "(^|,)\"?[=+@-]" "$TMP/typed.csv"'

# -o: the same bytes, private.
run screen --format csv --today "$TODAY" -o "$TMP/o.csv" answers
is "$rc" 0 "csv -o: exit 0"
same_file "$TMP/dir.csv" "$TMP/o.csv" "csv -o: the file holds what stdout had"
is "$(file_mode "$TMP/o.csv")" 600 "csv -o: mode 0600"
run screen --format jsonl --today "$TODAY" answers
cp "$TMP/out" "$TMP/dir-all.jsonl"
run screen --format jsonl --today "$TODAY" -o "$TMP/o.jsonl" answers
same_file "$TMP/dir-all.jsonl" "$TMP/o.jsonl" "jsonl -o: the file holds what stdout had"

# Errors: nothing half-written.
run screen --format csv --today "$TODAY" answers/01-all-clear.cfg bad/answers-syntax.cfg
is "$rc" 2 "csv with a bad answers file among good ones: exit 2"
check "csv with a bad answers file: nothing on stdout" test ! -s "$TMP/out"
run screen --format xml answers/01-all-clear.cfg
is "$rc" 2 "an unknown format: exit 2"
check "an unknown format: the message names the formats there are" \
    grep -qF "unknown format 'xml' (use text, json, jsonl, csv or fhir)" "$TMP/err"
run --format csv questions
is "$rc" 2 "--format csv outside screen: exit 2"

done_testing
