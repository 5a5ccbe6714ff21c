#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the command line (DESIGN.md §3): help, version, usage errors and
# their exit status (0 done, 1 runtime failure, 2 bad usage or invalid input), `questions`
# against the contract's ids, `check` of the bundled files, and I/O failures.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }
TODAY=2027-01-31
GOOD=answers/01-all-clear.cfg

# usage_error DESC ARGS...: exit 2, nothing on stdout, a message on stderr.
usage_error() {
	_desc=$1
	shift
	run "$@"
	if [ "$rc" = 2 ] && [ ! -s "$TMP/out" ] && [ -s "$TMP/err" ]; then
		ok "$_desc: exit 2, a message on stderr only"
	else
		not_ok "$_desc: exit 2, a message on stderr only (exit $rc)"
		comment_file "$TMP/err" 10
	fi
}

# --- help and version -------------------------------------------------------------------
run --help
is "$rc" 0 "--help: exit 0"
cp "$TMP/out" "$TMP/help"
for word in 'screen ANSWERS' 'check [FILE' 'questions' '--today' '--format text|json' '--plain' \
    'not medical advice' 'Exit status: 0'; do
	check "--help mentions $word" grep -qF -- "$word" "$TMP/help"
done
check "--help: nothing on stderr" test ! -s "$TMP/err"
run -h
same_file "$TMP/help" "$TMP/out" "-h prints the same help"
# The installed settings path is the configure prefix's (long in distcheck's build tree): it
# stands alone on its line, and every other line fits.
grep -v '^  /' "$TMP/help" >"$TMP/help.text"
w=$(max_width "$TMP/help.text")
check "--help fits in 80 columns (widest: $w)" test "$w" -le 80
check "--help names the clinic settings file on a line of its own" \
    grep -q '^  /.*/smpscreen/settings.cfg$' "$TMP/help"
run --help screen nonsense --format xml
is "$rc:$(cmp -s "$TMP/help" "$TMP/out" && echo same)" "0:same" "--help wins over anything after it"

run --version
is "$rc" 0 "--version: exit 0"
version=$(sed -n 's/^AC_INIT(\[smpscreen\], *\[\([^]]*\)\].*/\1/p' "$SMP_SRCDIR/configure.ac" 2>/dev/null)
if [ -n "$version" ]; then
	is "$(head -n 1 "$TMP/out")" "smpscreen $version" \
	    "--version: the first line is the name and the version of configure.ac"
else
	check "--version: the first line is the name and a version" \
	    sh -c 'head -n 1 "$1" | grep -qx "smpscreen [0-9][0-9.]*"' sh "$TMP/out"
fi
check "--version: the copyright line" grep -qx 'Copyright (c) [0-9]* The smpscreen authors' "$TMP/out"
check "--version: the licence, as in LICENSE" grep -q '^Licence ISC: ' "$TMP/out"
check "--version: LICENSE is the ISC licence" \
    grep -q '^Permission to use, copy, modify, and distribute this software for any$' "$SMP_SRCDIR/LICENSE"
check "--version and LICENSE: the same copyright line" \
    grep -qxF "$(sed -n 1p "$SMP_SRCDIR/LICENSE")" "$TMP/out"
check "--version fits in 80 columns" test "$(max_width "$TMP/out")" -le 80
bugs=$(sed -n 's/^AC_INIT(\[smpscreen\], *\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$SMP_SRCDIR/configure.ac" 2>/dev/null)
if [ -n "$bugs" ]; then
	is "$(tail -n 1 "$TMP/help")" "Report bugs to: <$bugs>" \
	    "--help ends with the bug-report address of configure.ac"
	# make writes the page into the build tree, beside the program, from man/smpscreen.1.in.
	check "the manual page gives the same bug-report address" \
	    grep -qF "$bugs" "$(dirname -- "$SMPSCREEN")/man/smpscreen.1"
else
	check "--help ends with a bug-report address" \
	    sh -c 'tail -n 1 "$1" | grep -q "^Report bugs to: <.*>$"' sh "$TMP/help"
fi
cp "$TMP/out" "$TMP/version"
run -V
same_file "$TMP/version" "$TMP/out" "-V prints the same version"

# --- usage errors -----------------------------------------------------------------------
usage_error "an unknown option" --frobnicate
check "an unknown option: points to --help" grep -q "Try 'smpscreen --help'" "$TMP/err"
usage_error "an unknown command" frobnicate
check "an unknown command: names it" grep -q "unknown command 'frobnicate'" "$TMP/err"
usage_error "screen with no files" screen
usage_error "--format xml" screen --format xml "$GOOD"
check "--format xml: names the format" grep -q "'xml'" "$TMP/err"
usage_error "--today 2026-02-30 (no such day)" screen --today 2026-02-30 "$GOOD"
check "--today 2026-02-30: quotes the date" grep -q "'2026-02-30'" "$TMP/err"
usage_error "--today 2026-13-01" screen --today 2026-13-01 "$GOOD"
usage_error "--today 2026-1-5 (not YYYY-MM-DD)" screen --today 2026-1-5 "$GOOD"
usage_error "--today tomorrow" screen --today tomorrow "$GOOD"
run screen --today 2028-02-29 "$GOOD"
is "$rc" 0 "--today 2028-02-29 (a leap day) is accepted"
usage_error "an option without its argument" screen "$GOOD" -o
usage_error "--format outside screen" --format json questions
usage_error "-o outside screen" check -o "$TMP/x"
usage_error "--plain with a command" --plain screen "$GOOD"
usage_error "questions with an argument" questions extra

# --- questions --------------------------------------------------------------------------
run questions
is "$rc" 0 "questions: exit 0"
check "questions: the header says 72 questions" grep -q '^# smp-consultation, version 1: 72 questions$' "$TMP/out"
sed -n 's/^Q[0-9][0-9]* \([a-z0-9_]*\) .*/\1/p' "$TMP/out" >"$TMP/ids"
grep -v '^#' contract-question-ids.txt >"$TMP/contract"
same_file "$TMP/contract" "$TMP/ids" "questions: all 72 contract ids, in the contract's order"
is "$(sed -n 's/^\(Q[0-9]*\) .*/\1/p' "$TMP/out" | paste -sd' ' - | cut -d' ' -f1,72)" "Q01 Q72" \
    "questions: numbered Q01 to Q72"
check "questions: consultant items are marked optional" \
    grep -q '^Q53 unwell_today  single  section=[a-z_]*  audience=consultant  optional$' "$TMP/out"
check "questions: an integer shows its range and unit" \
    grep -q '^Q21 transplant_months_ago  integer 0..600 months ' "$TMP/out"
check "questions: conditions are shown" \
    grep -q "^    shown: answered(scar_types) and not ('none' in scar_types)\$" "$TMP/out"
run --questionnaire ../mini-questionnaire.cfg --rules ../mini-rules.cfg questions
if [ "$rc" = 0 ] && grep -q '^# mini-consultation, version 3: 11 questions$' "$TMP/out"; then
	ok "questions --questionnaire: lists that questionnaire"
else
	not_ok "questions --questionnaire: lists that questionnaire (exit $rc)"
fi

# --- check ------------------------------------------------------------------------------
run check
is "$rc" 0 "check with no files: exit 0"
check "check with no files: the questionnaire has 72 questions" \
    grep -q "questionnaire 'smp-consultation' version 1: 72 questions, ok" "$TMP/out"
check "check with no files: the rules have 123 rules" grep -q "rules 'smp-rules' version 1: 123 rules, " "$TMP/out"
check "check with no files: nothing on stderr" test ! -s "$TMP/err"
run --settings settings/clinic-keloid-refer.cfg check
if [ "$rc" = 0 ] && grep -q '^settings/clinic-keloid-refer.cfg: clinic settings, ok$' "$TMP/out"; then
	ok "check --settings: the settings file is checked too"
else
	not_ok "check --settings: the settings file is checked too (exit $rc)"
fi
run --settings bad/settings-out-of-range.cfg check
is "$rc" 2 "check with a bad --settings: exit 2"

# SMPSCREEN_DATADIR replaces where the bundled files are found.
mkdir "$TMP/data"
cp "$SMP_SRCDIR/questionnaires/smp-consultation.cfg" "$SMP_SRCDIR/questionnaires/smp-rules.cfg" "$TMP/data/"
env SMPSCREEN_DATADIR="$TMP/data" "$SMPSCREEN" check >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" = 0 ] && grep -q "^$TMP/data/smp-rules.cfg: rules" "$TMP/out"; then
	ok "SMPSCREEN_DATADIR: the bundled files are read from there"
else
	not_ok "SMPSCREEN_DATADIR: the bundled files are read from there (exit $rc)"
fi
mkdir "$TMP/nodata"
env SMPSCREEN_DATADIR="$TMP/nodata" "$SMPSCREEN" check >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" = 2 ] && grep -q "^$TMP/nodata/smp-consultation.cfg: error: cannot read" "$TMP/err"; then
	ok "SMPSCREEN_DATADIR without the files: exit 2, the missing file named"
else
	not_ok "SMPSCREEN_DATADIR without the files: exit 2, the missing file named (exit $rc)"
fi
# Without it, a program in a build tree reads the questionnaires folder beside it (a link to
# the source tree's), never a path compiled in.
progdir=$(cd "$(dirname -- "$SMPSCREEN")" && pwd -P)
if [ -d "$progdir/questionnaires" ]; then
	env -u SMPSCREEN_DATADIR "$SMPSCREEN" check >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" = 0 ] && grep -q "^$progdir/questionnaires/smp-rules.cfg: rules" "$TMP/out" &&
	    grep -q "^$progdir/questionnaires/cases: " "$TMP/out"; then
		ok "no SMPSCREEN_DATADIR: the questionnaires beside the program, with their cases"
	else
		not_ok "no SMPSCREEN_DATADIR: the questionnaires beside the program, with their cases (exit $rc)"
		comment_file "$TMP/out" 10
		comment_file "$TMP/err" 10
	fi
else
	skip "no SMPSCREEN_DATADIR: the questionnaires beside the program" \
	    "no questionnaires folder beside $SMPSCREEN"
fi

# --- missing files, unwritable output ------------------------------------------------------
run screen --today "$TODAY" answers/no-such-file.cfg
is "$rc" 2 "a missing answer file: exit 2"
check "a missing answer file: the error names it" \
    grep -q '^answers/no-such-file.cfg: error: cannot read: ' "$TMP/err"
run screen --today "$TODAY" "$GOOD" answers/no-such-file.cfg
is "$rc:$(wc -c <"$TMP/out" | tr -d ' ')" "2:0" "a missing file among good ones: exit 2, no report"
run --questionnaire no-such-questionnaire.cfg questions
if [ "$rc" = 2 ] && grep -q '^no-such-questionnaire.cfg: error: cannot read' "$TMP/err"; then
	ok "a missing --questionnaire: exit 2, named"
else
	not_ok "a missing --questionnaire: exit 2, named (exit $rc)"
fi
run --settings no-such-settings.cfg screen --today "$TODAY" "$GOOD"
if [ "$rc" = 2 ] && grep -q '^no-such-settings.cfg: error: cannot read' "$TMP/err"; then
	ok "a missing --settings file: exit 2, named"
else
	not_ok "a missing --settings file: exit 2, named (exit $rc)"
fi

run screen --today "$TODAY" -o "$TMP/no/such/dir/report.txt" "$GOOD"
is "$rc" 1 "-o into a missing directory: exit 1 (runtime failure)"
check "-o into a missing directory: the error names the file" grep -q "$TMP/no/such/dir/report.txt" "$TMP/err"
check "-o into a missing directory: nothing created" test ! -e "$TMP/no"
check "-o into a missing directory: nothing on stdout" test ! -s "$TMP/out"

# --- options hidden in file names (the old `rm *` trap) ------------------------------------
# A file named "--settings=.x.cfg" in a folder makes `screen *.cfg` read .x.cfg as clinic
# settings: the shell expands the pattern before the program sees it, and the program
# cannot tell a name from an option. `--` ends the options: after it every word is a file.
mkdir -p "$TMP/trap"
cp answers/06-unsuitable-keloid.cfg "$TMP/trap/a.cfg"
cp answers/06-unsuitable-keloid.cfg "$TMP/trap/--settings=.x.cfg"
printf 'settings = {\n  clinic_name = "Injected";\n  keloid_policy = "refer";\n};\n' \
    >"$TMP/trap/.x.cfg"
(cd "$TMP/trap" && "$SMPSCREEN" screen --today "$TODAY" *.cfg >"$TMP/out" 2>"$TMP/err")
check "a file named like an option: without --, the name is taken for an option" \
    grep -q '^Clinic: Injected$' "$TMP/out"
(cd "$TMP/trap" && "$SMPSCREEN" screen --today "$TODAY" -- *.cfg >"$TMP/out" 2>"$TMP/err")
is "$?" 0 "a file named like an option: after --, both are screened (exit 0)"
check "a file named like an option: after --, no settings were injected" \
    not grep -q 'Injected' "$TMP/out"
is "$(grep -c '^Result: Not suitable (unsuitable)$' "$TMP/out")" 2 \
    "a file named like an option: after --, both files get the clinic's own result"
"$SMPSCREEN" screen --today "$TODAY" "$TMP/trap" >"$TMP/out" 2>"$TMP/err"
check "a file named like an option: screen DIR reads it as a file too" \
    not grep -q 'Injected' "$TMP/out"

# -o into a folder whose name holds escape sequences: the error names it, cleaned.
_esc_dir=$(printf '%s/no\033]0;T\007\033[2J' "$TMP")
run screen --today "$TODAY" -o "$_esc_dir/report.txt" "$GOOD"
is "$rc" 1 "-o into a folder named with escape sequences: exit 1"
check "-o into a folder named with escape sequences: no ESC or BEL on stderr" \
    not grep -q "$(printf '[\033\007]')" "$TMP/err"
check "-o into a folder named with escape sequences: the name is said, escaped" \
    grep -qF "no\\x1B]0;T\\x07\\x1B[2J/report.txt" "$TMP/err"

if [ -w /dev/full ]; then
	"$SMPSCREEN" screen --today "$TODAY" "$GOOD" >/dev/full 2>"$TMP/err"
	is "$?" 1 "screen onto a full device: exit 1"
	check "screen onto a full device: says why" grep -q 'No space left on device' "$TMP/err"
	"$SMPSCREEN" questions >/dev/full 2>"$TMP/err"
	is "$?" 1 "questions onto a full device: exit 1"
	check \
	    "questions onto a full device: says why" grep -q 'No space left on device' "$TMP/err"
	"$SMPSCREEN" check >/dev/full 2>/dev/null
	check \
	    "check onto a full device: exit 1" test "$?" = 1
	"$SMPSCREEN" --help >/dev/full 2>/dev/null
	check \
	    "--help onto a full device: exit 1" test "$?" = 1
else
	for d in "screen onto a full device: exit 1" "screen onto a full device: says why" \
	    "questions onto a full device: exit 1" "questions onto a full device: says why" \
	    "check onto a full device: exit 1" "--help onto a full device: exit 1"; do
		skip "$d" "no /dev/full"
	done
fi

done_testing
