#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the diagnostics: every file in tests/data/e2e/bad/ is a broken answer,
# questionnaire, rules or settings file with its expected stderr beside it (NAME.cfg +
# NAME.err). Each must make `screen` exit 2, print exactly the expected messages and write
# nothing; `check` must report the same errors. Run from inside bad/ so that the messages
# hold relative paths. SMP_UPDATE_GOLDEN=1 rewrites the .err files.
#
# The kind of each bad file is its name's prefix:
#   answers-*        answers for the bundled questionnaire
#   mini-answers-*   answers for tests/data/mini-questionnaire.cfg (+ mini-rules.cfg)
#   questionnaire-*  a questionnaire (--questionnaire), checked with mini-rules.cfg
#   rules-*          rules (--rules) for the mini questionnaire
#   settings-*       clinic settings (--settings) for the bundled rules

. "$(dirname -- "$0")/lib.sh"
e2e_setup

BAD=$E2E/bad
cd "$BAD" || { echo "Bail out! cannot cd to $BAD"; exit 99; }

TODAY=2027-01-31
MINI_Q=../../mini-questionnaire.cfg
MINI_R=../../mini-rules.cfg

# Sets the positional parameters to the options that load FILE as what its name says, and
# to the answer file screened with it. Prints "OPTIONS|ANSWERS".
load_opts() {
	case $1 in
	answers-*) echo "|$1" ;;
	mini-answers-*) echo "--questionnaire $MINI_Q --rules $MINI_R|$1" ;;
	questionnaire-*) echo "--questionnaire $1 --rules $MINI_R|../mini/ok.cfg" ;;
	rules-*) echo "--questionnaire $MINI_Q --rules $1|../mini/ok.cfg" ;;
	settings-*) echo "--settings $1|../answers/01-all-clear.cfg" ;;
	*) echo "" ;;
	esac
}

# What `check FILE` needs besides FILE: what the file is checked against.
check_opts() {
	case $1 in
	mini-answers-*) echo "--questionnaire $MINI_Q --rules $MINI_R" ;;
	rules-*) echo "--questionnaire $MINI_Q --rules $MINI_R" ;;
	*) echo "" ;;
	esac
}

n_files=0
for f in *.cfg; do
	name=${f%.cfg}
	spec=$(load_opts "$f")
	if [ -z "$spec" ]; then
		not_ok "$f: the file name says what kind of file it is"
		continue
	fi
	n_files=$((n_files + 1))
	opts=${spec%|*}
	answers=${spec#*|}
	out=$TMP/$name.report
	# shellcheck disable=SC2086
	run $opts screen --today "$TODAY" -o "$out" "$answers"
	is "$rc" 2 "$name: screen exits 2"
	golden "$TMP/err" "$name.err" "$name: stderr is exactly the expected diagnostics"
	if [ ! -e "$out" ] && [ ! -s "$TMP/out" ]; then
		ok "$name: nothing written (no -o file, empty stdout)"
	else
		not_ok "$name: nothing written (no -o file, empty stdout)"
		ls -la "$TMP" >"$TMP/.ls"
		comment_file "$TMP/.ls"
	fi
done
check "at least 30 bad files were tried" test "$n_files" -ge 30

# --- what the messages must say, independent of the goldens --------------------------------
has() { # FILE PATTERN DESC: a fixed string in a golden .err file
	if grep -qF -- "$2" "$1"; then ok "$3"; else not_ok "$3"; comment "no '$2' in $1"; fi
}
has answers-unknown-key.err "answers-unknown-key.cfg:8: error: unknown question 'skin_tpye' (did you mean 'skin_type'?)" \
    "unknown key: file, line and a did-you-mean"
has answers-bad-option.err "'buzz_lok' is not one of its options (did you mean 'buzz_look'?)" \
    "bad option value: a did-you-mean"
has answers-out-of-range.err "answers-out-of-range.cfg:4: error: question 'age': 130 is outside 0..120" \
    "out of range: the value and the range"
has answers-missing-required.err "'will_shave' is shown but has no answer" "missing required answer named"
has answers-unknown-not-allowed.err "'unknown' is not allowed" "unknown where the question does not allow it"
has answers-wrong-questionnaire.err "'smp-consult', not 'smp-consultation'" "wrong questionnaire id: both ids named"
has answers-include.err "@include" "@include is refused"
has answers-huge-integer.err "4294967330" "an integer over 32 bits is refused, not wrapped"
is "$(grep -c ': error: ' answers-multi.err)" 4 "multi answers: empty, duplicate, none+other and unknown+other all reported"
is "$(grep -c ': error: ' answers-several-errors.err)" 5 "several errors in one file: all five are listed (a misspelt key is not also reported missing)"
has questionnaire-unknown-id.err "unknown question 'loss_reason' in condition (did you mean 'loss_reasons'?)" \
    "questionnaire: unknown id in show_if, with a did-you-mean"
has questionnaire-later-id.err "condition names question 'scar_types', which is not asked before it" \
    "questionnaire: show_if naming a later question"
has questionnaire-duplicate-id.err "question 'goal': duplicate id" "questionnaire: duplicate id"
has questionnaire-unknown-option.err "has no option 'patern' (did you mean 'pattern'?)" \
    "questionnaire: an option that does not exist, with a did-you-mean"
has rules-unknown-note.err "unknown note 'buzz-lok' in notes (did you mean 'buzz-look'?)" "rules: unknown note with a did-you-mean"
has rules-type-mismatch.err "integer question 'age' is compared with the string 'adult'" "rules: type mismatch"
has rules-impossible.err "'age > 150' can never be true" "rules: impossible comparison"
has rules-come-back-not-defer.err "only a rule of level 'defer' has come_back" "rules: come_back on a non-defer rule"
has settings-out-of-range.err "settings-out-of-range.cfg:4: error: setting 'min_age' is 30, outside its allowed range 16..21" \
    "settings: out of range, with file and line"
has settings-unknown.err "(did you mean 'keloid_policy'?)" "settings: unknown name with a did-you-mean"

# --- check: the same errors as screen -----------------------------------------------------
for f in *.cfg; do
	name=${f%.cfg}
	# shellcheck disable=SC2046
	run $(check_opts "$f") check "$f"
	case $name in answers-empty | settings-top-level)
		# Neither file has the key that tells its kind ('answers' or 'settings'), so
		# `check` cannot tell what it is meant to be, and says exactly that.
		check "check $f: exit 2, 'not an smpscreen file'" \
		    sh -c '[ "$1" = 2 ] && grep -q "error: not an smpscreen file" "$2"' sh "$rc" \
		    "$TMP/err"
		continue ;;
	esac
	if [ "$rc" = 2 ] && cmp -s "$name.err" "$TMP/err"; then
		ok "check $f: exit 2 and the same errors as screen"
	else
		not_ok "check $f: exit 2 and the same errors as screen (exit $rc)"
		diff -u "$name.err" "$TMP/err" >"$TMP/.diff"
		comment_file "$TMP/.diff" 30
	fi
done

# A mix of good and bad files: every error of every file, the good ones said to be ok.
good1=../answers/01-all-clear.cfg
good2=../settings/clinic-keloid-refer.cfg
run check "$good1" answers-out-of-range.cfg "$good2" settings-unknown.cfg answers-syntax.cfg \
    questionnaire-later-id.cfg answers-several-errors.cfg
is "$rc" 2 "check on good and bad files: exit 2"
cat answers-out-of-range.err settings-unknown.err answers-syntax.err questionnaire-later-id.err \
    answers-several-errors.err >"$TMP/mix.expected"
same_file "$TMP/mix.expected" "$TMP/err" "check on good and bad files: every error of every bad file, in order"
printf '%s: answers, ok\n%s: clinic settings, ok\n' "$good1" "$good2" >"$TMP/mix.out"
same_file "$TMP/mix.out" "$TMP/out" "check on good and bad files: the good files are reported ok"

run check ../answers/01-all-clear.cfg ../answers/07-unknowns.cfg ../settings/clinic-keloid-refer.cfg \
    ../settings/clinic-utf8.cfg "$SMP_SRCDIR/questionnaires/smp-consultation.cfg" \
    "$SMP_SRCDIR/questionnaires/smp-rules.cfg"
is "$rc" 0 "check on good files only: exit 0"
check "check on good files only: nothing on stderr" test ! -s "$TMP/err"
is "$(grep -c ', ok$' "$TMP/out")" 6 "check on good files only: each one reported ok"
run --questionnaire "$MINI_Q" --rules "$MINI_R" check ../mini/ok.cfg ../mini/utf8.cfg "$MINI_Q" "$MINI_R"
is "$rc" 0 "check with --questionnaire/--rules: good mini files pass"
run check ../answers/08-stray-hidden.cfg
if [ "$rc" = 0 ] && grep -q "warning: answer to 'transplant_months_ago' ignored" "$TMP/err"; then
	ok "check: a stray hidden answer is a warning, exit 0"
else
	not_ok "check: a stray hidden answer is a warning, exit 0 (exit $rc)"
fi

# --- screen: all or nothing ----------------------------------------------------------------
run screen --today "$TODAY" ../answers/01-all-clear.cfg answers-out-of-range.cfg ../answers/02-caveats.cfg
is "$rc" 2 "screen with one bad file among good ones: exit 2"
check "screen with one bad file among good ones: no report at all" test ! -s "$TMP/out"
same_file answers-out-of-range.err "$TMP/err" "screen with one bad file among good ones: only its errors"

printf 'the previous report\n' >"$TMP/keep.txt"
run screen --today "$TODAY" -o "$TMP/keep.txt" answers-several-errors.cfg
printf 'the previous report\n' >"$TMP/keep.expected"
same_file "$TMP/keep.expected" "$TMP/keep.txt" "-o onto an existing report with bad input: the old report is untouched"

# Messages quote what the file says; a file can carry terminal escape sequences.
sed 's/goal = "buzz_look"/goal = "\\x1b[2J\\x1b]0;owned\\x07buzz"/' ../answers/01-all-clear.cfg >"$TMP/esc.cfg"
run screen --today "$TODAY" "$TMP/esc.cfg"
is "$rc" 2 "an answer value holding escape sequences: exit 2"
check "an answer value holding escape sequences: no control characters reach stderr" \
    no_controls "$TMP/err"

# --- an 8-bit locale ----------------------------------------------------------------------
# In en_US.ISO-8859-1, <ctype.h> counts bytes from 0xa0 up as letters, and the program
# takes the user's locale (an old terminal over SSH may ask for it). An id is ASCII whatever
# the locale: a rule id holding the byte 0xe3 was once taken in this locale, and a JSON
# report then carried a key that was not UTF-8. The locale is built into $TMP (localedef,
# LOCPATH), so the test needs no change to the system.
LOC=$TMP/locale
if ! command -v localedef >/dev/null 2>&1 || [ ! -e /usr/share/i18n/charmaps/ISO-8859-1.gz ]; then
	skip "an 8-bit locale: an id is ASCII" "needs localedef and Debian's locales (apt-get install locales)"
else
	mkdir -p "$LOC"
	localedef -i en_US -f ISO-8859-1 "$LOC/en_US.ISO-8859-1" >"$TMP/localedef.log" 2>&1
	check "an 8-bit locale: built" \
	    test "$(LOCPATH=$LOC LC_ALL=en_US.ISO-8859-1 locale charmap 2>/dev/null)" = ISO-8859-1
	LC_ALL=C sed "s/{ id = \"unwell-today\";/{ id = \"unwell-tod$(printf '\343')y\";/" \
	    "$MINI_R" >"$TMP/rules-latin1.cfg"
	check "an 8-bit locale: the rules hold the byte" \
	    env LC_ALL=C grep -q "$(printf '\343')" "$TMP/rules-latin1.cfg"
	L1=$(grep -n -F '{ id = "unwell-today";' "$MINI_R" | cut -d: -f1)
	WANT="rules-latin1.cfg:$L1: error: rule 'unwell-tod\\xE3y': an id is lower-case letters"
	LOCPATH=$LOC LC_ALL=en_US.ISO-8859-1 "$SMPSCREEN" check --questionnaire "$MINI_Q" \
	    --rules "$TMP/rules-latin1.cfg" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	is "$rc" 2 "an 8-bit locale: check refuses an id that is not ASCII"
	check "an 8-bit locale: the message quotes the id, its byte escaped" \
	    grep -q -F "$WANT" "$TMP/err"
	LOCPATH=$LOC LC_ALL=en_US.ISO-8859-1 "$SMPSCREEN" screen --format json --today "$TODAY" \
	    --questionnaire "$MINI_Q" --rules "$TMP/rules-latin1.cfg" ../../unit/mini-answers.cfg \
	    >"$TMP/out" 2>"$TMP/err"
	rc=$?
	is "$rc" 2 "an 8-bit locale: screen refuses it too, and writes no report"
	check "an 8-bit locale: screen says why" grep -q -F "$WANT" "$TMP/err"
	check "an 8-bit locale: nothing on stdout" test ! -s "$TMP/out"

	# glibc's own messages (strerror) come in the locale's character set unless told
	# otherwise: one stderr line would then mix Latin-1 with the program's UTF-8.
	if [ ! -e /usr/share/locale/fr/LC_MESSAGES/libc.mo ] || [ ! -w /dev/full ]; then
		skip "an 8-bit locale: glibc's messages in UTF-8" \
		    "needs glibc's French messages (apt-get install libc-l10n) and /dev/full"
	else
		localedef -i fr_FR -f ISO-8859-1 "$LOC/fr_FR.ISO-8859-1" >>"$TMP/localedef.log" 2>&1
		LOCPATH=$LOC LC_ALL=fr_FR.ISO-8859-1 "$SMPSCREEN" screen --lang fr --today "$TODAY" \
		    ../answers/01-all-clear.cfg >/dev/full 2>"$TMP/err"
		rc=$?
		is "$rc" 1 "an 8-bit locale: a full standard output is an error (exit 1)"
		check "an 8-bit locale: glibc's French says so, in UTF-8" \
		    grep -q -F "Aucun espace disponible sur le périphérique" "$TMP/err"
		check "an 8-bit locale: all of stderr is UTF-8" is_utf8 "$TMP/err"
	fi
fi

done_testing
