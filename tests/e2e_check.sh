#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `check` with golden cases: every case in cases/ beside the questionnaire
# is run and the content audited; a case named on the command line is run alone. The content
# is a copy of the mini questionnaire and rules in $TMP/q, the rules given a bibliography, a
# source for every rule and the rule an unknown scar age needs (see tests/test_audit.c), and
# the good cases of tests/data/cases-unit/good/. The bundled content is checked last.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

GOOD=$SMP_TEST_DATA/cases-unit/good
AUDIT_OK='content audit: every rule fires, every question is shown, every note is used, every rule cites a source, no unknown medical answer ends in suitable'
ORDER_OK='option order: every single choice follows the order rule'

# make_content DIR: the mini questionnaire and the audited copy of the mini rules in DIR.
make_content() {
	mkdir -p "$1" &&
	    cp "$SMP_TEST_DATA/mini-questionnaire.cfg" "$1/" &&
	    sed -e 's/ sources = \[ "A01" \];//' \
	        -e '/^  { id = "[a-z-]*"; when = /s/^  { id = "\([a-z-]*\)";/  { id = "\1"; sources = [ "A01" ];/' \
	        -e '$d' "$SMP_TEST_DATA/mini-rules.cfg" >"$1/mini-rules.cfg" &&
	    cat >>"$1/mini-rules.cfg" <<'EOF'
  ,
  { id = "scar-age-unknown"; when = "scar_age_months == 'unknown'"; level = "caveats";
    notes = [ "consultant-check" ]; reason = "The consultant will look at the scar.";
    sources = [ "B02" ]; }
);
bibliography = (
  { id = "A01"; title = "Test source one"; },
  { id = "B02"; title = "Test source two"; where = "https://example.org/b02"; }
);
EOF
}

# check_in DIR ARGS...: runs smpscreen on the content in DIR.
check_in() {
	_dir=$1
	shift
	run --questionnaire "$_dir/mini-questionnaire.cfg" --rules "$_dir/mini-rules.cfg" "$@"
}

# line_of FILE TEXT: the number of the first line of FILE that holds TEXT.
line_of() { grep -n -F -- "$2" "$1" | head -n 1 | cut -d: -f1; }

# has_line FILE LINE: FILE holds exactly that line.
has_line() { grep -q -x -F -- "$2" "$1"; }

# status_and_stderr DESC WANT: one point on $rc, showing stderr when it is wrong.
status_is() {
	if [ "$rc" = "$2" ]; then
		ok "$1"
	else
		not_ok "$1"
		comment "exit status $rc, expected $2; stderr:"
		comment_file "$TMP/err" 30
	fi
}

Q=$TMP/q
if ! make_content "$Q" || ! mkdir "$Q/cases" || ! cp "$GOOD"/*.cfg "$Q/cases/" ||
    ! chmod -R u+w "$Q"; then
	echo "Bail out! cannot build the test content in $Q"
	exit 99
fi
N=$(ls "$Q/cases" | wc -l | tr -d ' ')

# --- the good set ------------------------------------------------------------------------
check_in "$Q" check
status_is "good cases: exit 0" 0
check "good cases: the questionnaire is named" \
    has_line "$TMP/out" "$Q/mini-questionnaire.cfg: questionnaire 'mini-consultation' version 3: 11 questions, ok"
check "good cases: the rules are named" \
    has_line "$TMP/out" "$Q/mini-rules.cfg: rules 'mini-rules' version 2: 14 rules, 9 notes, 6 settings, ok"
check "good cases: $N cases, $N as expected" has_line "$TMP/out" "$Q/cases: $N cases, $N as expected"
check "good cases: the content audit passes" has_line "$TMP/out" "$AUDIT_OK"
check "good cases: the option order audit passes" has_line "$TMP/out" "$ORDER_OK"
check "good cases: nothing on stderr" test ! -s "$TMP/err"
is "$N" 8 "good cases: all eight fixtures were copied"

# Clinic settings do not change golden cases: they run from the rules' defaults.
printf 'settings = { min_age = 21; always_patch_test = true; };\n' >"$TMP/clinic.cfg"
check_in "$Q" --settings "$TMP/clinic.cfg" check
status_is "good cases under clinic settings: exit 0" 0
check "good cases under clinic settings: the settings are checked" \
    has_line "$TMP/out" "$TMP/clinic.cfg: clinic settings, ok"
check "good cases under clinic settings: still $N as expected" \
    has_line "$TMP/out" "$Q/cases: $N cases, $N as expected"

# --- the order of single-choice options ----------------------------------------------------
# A yes/no question that lists No first is a warning at the question's line (the content
# still screens correctly); a recorded option_order_reason silences it.
QF=$Q/mini-questionnaire.cfg
cp "$QF" "$TMP/mini-q.saved"
sed 's/options = ( { value = "yes"; label = "Yes"; }, { value = "no"; label = "No"; } ); },/options = ( { value = "no"; label = "No"; }, { value = "yes"; label = "Yes"; } ); },/' \
    "$TMP/mini-q.saved" >"$QF"
L=$(line_of "$QF" '{ id = "unwell_today";')
NO_FIRST="$QF:$L: warning: question 'unwell_today' lists 'no' before 'yes'; yes/no questions list Yes first, so that 1 means Yes on every page (or say why in option_order_reason)"
check_in "$Q" check
status_is "No before Yes: exit 0 (a warning)" 0
check "No before Yes: a warning at the question's line" has_line "$TMP/err" "$NO_FIRST"
check "No before Yes: only that on stderr" test "$(wc -l <"$TMP/err")" -eq 1
check "No before Yes: no option order success line" not grep -q '^option order' "$TMP/out"
check "No before Yes: the content audit still passes" has_line "$TMP/out" "$AUDIT_OK"
check_in "$Q" check "$QF"
status_is "No before Yes, the questionnaire named: exit 0" 0
check "No before Yes, the questionnaire named: the same warning" has_line "$TMP/err" "$NO_FIRST"
check "No before Yes, the questionnaire named: still valid" \
    has_line "$TMP/out" "$QF: questionnaire 'mini-consultation' version 3: 11 questions, ok"
cp "$QF" "$TMP/mini-q.nofirst"
sed 's/{ id = "unwell_today"; type = "single";/& option_order_reason = "The treatment-day sheet asks No first.";/' \
    "$TMP/mini-q.nofirst" >"$QF"
check_in "$Q" check
status_is "No before Yes with a reason: exit 0" 0
check "No before Yes with a reason: nothing on stderr" test ! -s "$TMP/err"
check "No before Yes with a reason: the option order audit passes" has_line "$TMP/out" "$ORDER_OK"
check_in "$Q" check "$QF"
check "No before Yes with a reason, the questionnaire named: the audit passes" \
    has_line "$TMP/out" "$QF: $ORDER_OK"
cp "$TMP/mini-q.saved" "$QF"

# --- a case that expects the wrong thing -------------------------------------------------
CASE=$Q/cases/01-all-clear.cfg
cp "$CASE" "$TMP/01.saved"
sed 's/suitability = "suitable";/suitability = "caveats";/' "$TMP/01.saved" >"$CASE"
L=$(line_of "$CASE" 'suitability =')
check_in "$Q" check
status_is "a wrong expectation: exit 2" 2
check "a wrong expectation: the difference at file:line on stderr" \
    has_line "$TMP/err" "$CASE:$L: error: case 'All clear, old injury scar': suitability is 'suitable', expected 'caveats'"
check "a wrong expectation: only that on stderr" test "$(wc -l <"$TMP/err")" -eq 1
check "a wrong expectation: one case fewer as expected" \
    has_line "$TMP/out" "$Q/cases: $N cases, $((N - 1)) as expected"
check "a wrong expectation: no error on stdout" not grep -q 'error:' "$TMP/out"

# Alone, the same case differs the same way.
check_in "$Q" check "$CASE"
status_is "a wrong case alone: exit 2" 2
check "a wrong case alone: the difference at file:line" \
    grep -q "^$CASE:$L: error: case 'All clear, old injury scar': suitability is" "$TMP/err"
check "a wrong case alone: not said to be as expected" not grep -q 'as expected' "$TMP/out"

# Notes in the wrong order are a difference: they are the order of the report.
sed 's/notes = \[ "no-regrow", "sessions" \];/notes = [ "sessions", "no-regrow" ];/' \
    "$TMP/01.saved" >"$CASE"
L=$(line_of "$CASE" 'notes =')
check_in "$Q" check "$CASE"
status_is "notes in the wrong order: exit 2" 2
check "notes in the wrong order: both orders shown at the notes line" \
    has_line "$TMP/err" "$CASE:$L: error: case 'All clear, old injury scar': notes are [no-regrow, sessions], expected [sessions, no-regrow]"

# A case that does not load: reported like any file; the audit is not run on a partial set.
sed 's/fired = \[ "baseline-notes" \];/fired = [ "baseline-note" ];/' "$TMP/01.saved" >"$CASE"
L=$(line_of "$CASE" 'fired =')
check_in "$Q" check
status_is "a case that does not load: exit 2" 2
check "a case that does not load: the error at file:line with a suggestion" \
    has_line "$TMP/err" "$CASE:$L: error: case 'All clear, old injury scar': fired names unknown rule 'baseline-note' (did you mean 'baseline-notes'?)"
check "a case that does not load: counted, not as expected" \
    has_line "$TMP/out" "$Q/cases: $N cases, $((N - 1)) as expected"
check "a case that does not load: no audit over the rest" not grep -q '^content audit' "$TMP/out"
check "a case that does not load: no rule reported unproven" \
    not grep -q 'fires in no golden case' "$TMP/err"
cp "$TMP/01.saved" "$CASE"

# --- the audit through the command ----------------------------------------------------------
mv "$Q/cases/05-heart-unknown.cfg" "$TMP/05.saved"
L=$(line_of "$Q/mini-rules.cfg" '{ id = "heart-unknown";')
check_in "$Q" check
status_is "a rule no case fires: exit 2" 2
check "a rule no case fires: named at its line in the rules" \
    has_line "$TMP/err" "$Q/mini-rules.cfg:$L: error: rule 'heart-unknown' fires in no golden case"
check "a rule no case fires: the cases themselves are as expected" \
    has_line "$TMP/out" "$Q/cases: $((N - 1)) cases, $((N - 1)) as expected"
check "a rule no case fires: no audit success line" not grep -q '^content audit' "$TMP/out"
mv "$TMP/05.saved" "$Q/cases/"

# The plain mini rules: no bibliography, and no rule for an unknown scar age.
P=$TMP/plain
mkdir -p "$P/cases" && cp "$SMP_TEST_DATA/mini-questionnaire.cfg" "$SMP_TEST_DATA/mini-rules.cfg" "$P/" &&
    cp "$GOOD"/0[1-7]-*.cfg "$P/cases/"
check_in "$P" check
status_is "plain mini rules: exit 2" 2
check "plain mini rules: 7 cases, 7 as expected" has_line "$TMP/out" "$P/cases: 7 cases, 7 as expected"
check "plain mini rules: each rule's sources cannot be checked" \
    test "$(grep -c "its sources cannot be checked: the rules have no bibliography" "$TMP/err")" -eq 13
L=$(line_of "$P/cases/01-all-clear.cfg" 'case = {')
check "plain mini rules: an unknown scar age comes out suitable, at the case" \
    grep -q "^$P/cases/01-all-clear.cfg:$L: error: case 'All clear, old injury scar' with 'scar_age_months' answered unknown comes out suitable" "$TMP/err"
check "plain mini rules: an unknown heart answer does not" \
    not grep -q "'heart_conditions' answered unknown" "$TMP/err"

# --- no golden cases ---------------------------------------------------------------------
mv "$Q/cases" "$TMP/cases.saved"
check_in "$Q" check
status_is "no cases folder: exit 0" 0
check "no cases folder: says the content was not audited" \
    has_line "$TMP/out" "$Q/cases: no golden cases, so the content was not audited"
check "no cases folder: no audit success line" not grep -q '^content audit' "$TMP/out"
check "no cases folder: nothing on stderr" test ! -s "$TMP/err"

mkdir "$Q/cases"
check_in "$Q" check
status_is "an empty cases folder: exit 0" 0
check "an empty cases folder: no audit success line" not grep -q '^content audit' "$TMP/out"
check "an empty cases folder: a warning names the folder" \
    has_line "$TMP/err" "$Q/cases: warning: directory holds no *.cfg files"
check "an empty cases folder: says the content was not audited" \
    grep -q "^$Q/cases: no golden cases, so the content was not audited$" "$TMP/out"
rmdir "$Q/cases"
mv "$TMP/cases.saved" "$Q/cases"

# --- one case file -------------------------------------------------------------------------
check_in "$Q" check "$Q/cases/01-all-clear.cfg"
status_is "one case: exit 0" 0
check "one case: as expected" \
    has_line "$TMP/out" "$Q/cases/01-all-clear.cfg: case 'All clear, old injury scar', as expected"
check "one case: nothing else on stdout (no audit of one case)" test "$(wc -l <"$TMP/out")" -eq 1
check "one case: nothing on stderr" test ! -s "$TMP/err"

check_in "$Q" check "$Q/cases/03-young-pregnant.cfg" "$Q/cases/06-young-scar-unwell.cfg"
status_is "two cases: exit 0" 0
check "two cases: the first as expected" \
    has_line "$TMP/out" "$Q/cases/03-young-pregnant.cfg: case 'Seventeen and pregnant', as expected"
check "two cases: the second, with its own settings, as expected" \
    has_line "$TMP/out" "$Q/cases/06-young-scar-unwell.cfg: case 'Young strip scar, unwell today, patch test for all', as expected"

# A case file checked against the bundled content is not a case of it.
run check "$Q/cases/01-all-clear.cfg"
status_is "a mini case against the bundled questionnaire: exit 2" 2
check "a mini case against the bundled questionnaire: says whose answers they are" \
    grep -q "answers are for questionnaire 'mini-consultation', not 'smp-consultation'" "$TMP/err"

# --- terminal control sequences in content and in file names --------------------------------
# A questionnaire whose texts write the clipboard (OSC 52), retitle the window (OSC 0) and
# clear the screen: refused with file and line, and not one byte of it reaches the terminal.
E=$TMP/esc
if ! make_content "$E" || ! chmod -R u+w "$E"; then
	echo "Bail out! cannot build the test content in $E"
	exit 99
fi
sed -e 's/text = "How old are you, in whole years?"/text = "How old\\x1b]52;c;cm0gLXJmIH4=\\x07 are you?\\x1b]0;pwned\\x07\\x1b[2J"/' \
    -e 's/label = "Pregnant"/label = "Preg\\x1b[31mnant\\xc2\\x9b2J"/' \
    "$SMP_TEST_DATA/mini-questionnaire.cfg" >"$E/mini-questionnaire.cfg"
EQ=$E/mini-questionnaire.cfg
check "escapes: the fixture holds them (as libconfig escapes)" grep -q 'x1b\]52;c;' "$EQ"
check_in "$E" check
status_is "escapes in texts: check exits 2" 2
check "escapes in texts: the question text, with file and line" \
    has_line "$TMP/err" "$EQ:$(line_of "$EQ" 'id = "age"'): error: question 'age': text holds a control character (ESC)"
check "escapes in texts: the option label, with file and line" \
    has_line "$TMP/err" "$EQ:$(line_of "$EQ" 'value = "pregnant"'): error: question 'pregnancy': label holds a control character (ESC)"
check "escapes in texts: nothing of them on stdout" no_controls "$TMP/out"
check "escapes in texts: nothing of them on stderr" no_controls "$TMP/err"
check "escapes in texts: not said to be ok" not grep -q "questionnaire 'mini-consultation'.*ok" "$TMP/out"
check_in "$E" questions
status_is "escapes in texts: questions exits 2" 2
check "escapes in texts: questions prints none of them" no_controls "$TMP/out"
check "escapes in texts: questions prints none of them on stderr" no_controls "$TMP/err"
check_in "$E" check "$EQ"
status_is "escapes in texts: check FILE exits 2" 2
check "escapes in texts: check FILE prints none of them" no_controls "$TMP/err"

# A file name is whatever the shell gave: printed with its control characters escaped, as
# the diagnostics print it.
BAD=$(printf 'q\033]0;owned\007\033[2J.cfg')
cp "$SMP_TEST_DATA/mini-questionnaire.cfg" "$TMP/$BAD"
run check "$TMP/$BAD"
status_is "escapes in a file name: a sound questionnaire is ok" 0
check "escapes in a file name: named with them escaped" \
    has_line "$TMP/out" "$TMP/q\\x1B]0;owned\\x07\\x1B[2J.cfg: questionnaire 'mini-consultation' version 3: 11 questions, ok"
check "escapes in a file name: nothing of them on stdout" no_controls "$TMP/out"
printf 'id = ;\n' >"$TMP/$BAD"
run check "$TMP/$BAD"
status_is "escapes in a file name: a broken file exits 2" 2
check "escapes in a file name: its error names it the same way" \
    grep -q -F "$TMP/q\\x1B]0;owned\\x07\\x1B[2J.cfg:1: error: " "$TMP/err"
check "escapes in a file name: nothing of them on stderr" no_controls "$TMP/err"
rm -f "$TMP/$BAD"

# --- the bundled content (last: its cases are written alongside this test) -------------------
run check
status_is "bundled content: exit 0" 0
check "bundled content: the option order audit passes" has_line "$TMP/out" "$ORDER_OK"
QFILE=$(sed -n "s/: questionnaire 'smp-consultation' version .*//p" "$TMP/out" | head -n 1)
BUNDLED=$(dirname -- "${QFILE:-.}")/cases
if [ -n "$QFILE" ] && [ -d "$BUNDLED" ]; then
	BN=$(ls "$BUNDLED" | grep -c '\.cfg$')
	check "bundled content: $BN cases, $BN as expected" \
	    has_line "$TMP/out" "$BUNDLED: $BN cases, $BN as expected"
	check "bundled content: the content audit passes" has_line "$TMP/out" "$AUDIT_OK"
	check "bundled content: nothing on stderr" test ! -s "$TMP/err"
else
	skip "bundled content: every golden case as expected" "no bundled cases folder (${BUNDLED})"
	skip "bundled content: the content audit passes" "no bundled cases folder"
	skip "bundled content: nothing on stderr" "no bundled cases folder"
fi

done_testing
