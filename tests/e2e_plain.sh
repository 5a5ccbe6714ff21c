#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the plain line mode (`smpscreen --plain`), driven through a pipe:
# a complete consultation, going back, help, invalid entries, the review step, quitting,
# end of input, free text with escape sequences, --no-save, TERM=dumb and LANG=C.
#
# Every run saves into its own directory under $TMP, so file counts are exact.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

TODAY=2026-11-22
EXP=$E2E/expected/plain
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg

# The answers of tests/data/answers/typical.cfg (without its stray transplant answer) as
# typed: one line per question asked, numbers as shown on screen.
TYPICAL_1_5='34 1 1 2 3'                       # age .. skin_type
TYPICAL_6_11='1 9 2 2,4 1'                     # loss_reasons .. will_shave
TYPICAL_REST='1 2 1 1 2 2 1 1 1 1 2 2 2 2 2 1 1 2 1 1 1 1 2 2 2 1 2 2 2 2 2 2 2 1 1 1 2 1 1 2'
# price_info (an info item: Enter), then the review (Enter: see the result).
END_LINES='_ _'

# Turns words into input lines: "_" is an empty line, "," joins numbers with a space
# (one multi answer); anything else is one line.
lines() {
	for w in "$@"; do
		case $w in
		_) printf '\n' ;;
		*) printf '%s\n' "$w" | tr ',' ' ' ;;
		esac
	done
}

# plain NAME OPTIONS... < input: runs the plain mode with --output-dir $TMP/NAME (created
# empty); stdout in $TMP/NAME.out, stderr in $TMP/NAME.err, exit status in $rc.
plain() {
	_n=$1
	shift
	mkdir -p "$TMP/$_n"
	"$SMPSCREEN" --plain --today "$TODAY" --output-dir "$TMP/$_n" "$@" \
	    >"$TMP/$_n.out" 2>"$TMP/$_n.err"
	rc=$?
}

# The output of run NAME as one line, single spaces: for text wrapped at any point.
joined() { tr '\n' ' ' <"$TMP/$1.out" | tr -s ' '; }
has_text() { joined "$1" | grep -qF -- "$2"; } # NAME TEXT

# The answers file a printed report names (its header wraps a long path anywhere).
report_answers_file() {
	awk 'f && /^$/ { exit } /^Answers file:/ { f = 1; sub(/^Answers file:/, "") }
	    f { sub(/^ +/, ""); s = s $0 } END { print s }' "$1"
}

saved_answers() { ls "$TMP/$1"/smpscreen-*-answers.cfg 2>/dev/null | head -n 1; }
saved_report() { ls "$TMP/$1"/smpscreen-*-report.txt 2>/dev/null | head -n 1; }
n_files() { ls -A "$TMP/$1" | wc -l | tr -d ' '; }

# The report as printed: from its title (the patient's copy, or the clinic record for the
# consultant) to the line before "Saved the answers".
printed_report() {
	sed -n '/^\(Your SMP screening summary\|SMP screening record\)$/,$p' "$TMP/$1.out" |
	    sed '/^Saved the answers to /,$d'
}


# Widest line of the output, as a terminal shows it: the user's typed line ends each "> "
# prompt, so text printed right after a prompt starts a line of its own.
# The "Saved the ... to PATH" lines hold a temporary directory's path, which no wrapping can
# shorten; every other line must fit.
prompt_width() {
	sed -e 's/^> //' -e '/^Saved the /d' "$TMP/$1.out" >"$TMP/$1.w" && max_width "$TMP/$1.w"
}

# --- a complete consultation -------------------------------------------------------------
# shellcheck disable=SC2086
lines $TYPICAL_1_5 $TYPICAL_6_11 $TYPICAL_REST $END_LINES >"$TMP/typical.in"
plain full <"$TMP/typical.in"
is "$rc" 0 "complete consultation: exit 0"
check "complete consultation: nothing on stderr" test ! -s "$TMP/full.err"
is "$(n_files full)" 2 "complete consultation: two files saved (answers and report)"
A=$(saved_answers full)
R=$(saved_report full)
is "$(file_mode "$A")" 600 "the saved answers file is mode 0600"
is "$(file_mode "$R")" 600 "the saved report is mode 0600"
check "stdout names both saved files" \
    sh -c 'grep -qxF "Saved the answers to $1" "$3" && grep -qxF "Saved the report to $2" "$3"' \
    sh "$A" "$R" "$TMP/full.out"
check "the saved answers record the consultation: an id, a time, the mode" \
    sh -c 'grep -qE "^  id = \"[0-9]{8}-[0-9]{6}-[0-9a-f]{8}\";$" "$1" &&
	grep -qE "^  created_at = \"[0-9-]{10}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2}\";$" "$1" &&
	grep -qxF "  mode = \"clinic\";" "$1"' sh "$A"
no_record "$A" >"$TMP/full.answers"
golden "$TMP/full.answers" "$EXP/typical-answers.cfg" "the saved answers file matches the golden file"
printed_report full >"$TMP/full.printed"
run screen --today "$TODAY" --copy patient --page-lines 0 "$A"
same_file "$TMP/out" "$TMP/full.printed" \
    "what was printed is the patient's copy of the saved answers"
check "the printed copy names no file" not grep -q "$TMP" "$TMP/full.printed"
is "$(report_answers_file "$R")" "$A" "the saved report (the clinic record) names the answers file"

# Another consultation taking the names chosen, in the same second: tests/test_session.c
# (session_save claims both names with O_EXCL and renders the report again).

run screen --today "$TODAY" "$A"
is "$rc" 0 "the saved answers file screens without errors"
check "the saved answers file screens without warnings" test ! -s "$TMP/err"
same_file "$R" "$TMP/out" "screening the saved answers gives the saved report, byte for byte"

# The same person as typical.cfg: the same answers and outcome (typical.cfg also carries an
# answer to a hidden question, which is ignored).
run screen --format json --today "$TODAY" "$A"
cp "$TMP/out" "$TMP/full.json"
run screen --format json --today "$TODAY" "$SMP_TEST_DATA/answers/typical.cfg"
cp "$TMP/out" "$TMP/typical.json"
if have_python; then
	if python3 - "$TMP/full.json" "$TMP/typical.json" <<'EOF'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
keys = ["answers", "suitability", "patch_test", "notes", "reasons", "fired"]
sys.exit(0 if all(a[k] == b[k] for k in keys) else 1)
EOF
	then ok "the typed consultation equals tests/data/answers/typical.cfg (answers and outcome)"
	else not_ok "the typed consultation equals tests/data/answers/typical.cfg (answers and outcome)"
	fi
else
	skip "the typed consultation equals tests/data/answers/typical.cfg" "python3 is not installed"
fi

w=$(prompt_width full)
check "every line of the questionnaire fits in 72 columns (widest: $w)" test "$w" -le 72

# --- '<' goes back and changes an earlier answer -------------------------------------------
# Q3: '<' back to Q2, which shows its current answer; change it to breastfeeding.
# shellcheck disable=SC2086
lines 34 1 '<' 3 1 2 3 $TYPICAL_6_11 $TYPICAL_REST $END_LINES >"$TMP/back.in"
plain back <"$TMP/back.in"
is "$rc" 0 "'<': exit 0"
check "'<': the earlier question shows its current answer" \
    grep -q 'Current answer: No / does not apply. Press Enter to keep it.' "$TMP/back.out"
check "'<': the changed answer is saved" grep -q '^  pregnancy = "breastfeeding";$' "$(saved_answers back)"
check "'<': the report uses the changed answer" \
    grep -q '^Result: Not yet: come back later (defer)$' "$(saved_report back)"
# shellcheck disable=SC2086
lines '<' q d >"$TMP/first.in"
plain first <"$TMP/first.in"
check "'<' on the first question says so" grep -q 'This is the first question.' "$TMP/first.out"

# --- '?' prints help, '??' the pictures -------------------------------------------------
# Words first: a picture drawn with characters is a string of symbols to a screen reader.
# shellcheck disable=SC2086
lines '?' 34 1 1 2 3 1 '?' q d >"$TMP/help.in"
plain help <"$TMP/help.in"
check "'?' on a question with help prints the help text" \
    grep -q 'Clinics only treat adults' "$TMP/help.out"
check "'?' on the Norwood question prints its help text" \
    has_text help 'The Norwood scale grades male-pattern hair loss'
check "'?' on the Norwood question does not print the pictures" \
    not grep -q "'-------'    back" "$TMP/help.out"
check "'?' on the Norwood question says that ?? shows the pictures" \
    has_text help 'type ?? to see the pictures.'
check "a question with pictures offers ?? in its prompt" \
    has_text help '(? help, ?? pictures, < back, q quit)'
check "a question without pictures does not" not has_text help 'whole years? (a whole number from 0 to 120 years) Type a whole number. (? help, ??'
is "$(grep -c '^Q1\. *How old are you' "$TMP/help.out")" 1 "'?' does not count as an answer or repeat the question"
lines 34 1 1 2 3 1 '??' q d >"$TMP/pictures.in"
plain pictures <"$TMP/pictures.in"
check "'??' on the Norwood question shows the pictures" grep -q "'-------'    back" "$TMP/pictures.out"
check "'??' names each picture by its choice's number and label" \
    grep -q '^   6\. III vertex - mainly crown loss$' "$TMP/pictures.out"
check "'??' does not repeat the help text" not has_text pictures 'The Norwood scale grades'
lines '??' q d >"$TMP/nopictures.in"
plain nopictures <"$TMP/nopictures.in"
check "'??' on a question without pictures says so" has_text nopictures 'This question has no pictures.'

# --- sections and progress, as a screen reader hears them ----------------------------------
check "each section is announced with its number" \
    grep -qx '== Section 2 of 8: Hair loss ==' "$TMP/full.out"
check "the first question says 'Question 1 of up to N'" \
    sh -c 'grep -B1 "^Q1\. " "$1" | grep -qE "^Question 1 of up to [0-9]+\.$"' sh "$TMP/full.out"
last=$(grep -E '^Question [0-9]+ of' "$TMP/full.out" | tail -n 1)
n=$(printf '%s\n' "$last" | sed -n 's/^Question \([0-9]*\) of.*/\1/p')
is "$last" "Question $n of $n." "the last question says 'Question N of N' (settled, no 'up to')"
is "$(grep -cE '^Question [0-9]+ of' "$TMP/full.out")" \
    "$(sed '/^== Review your answers ==$/q' "$TMP/full.out" | grep -c '^Q[0-9]*\. ')" \
    "every question asked is announced once"
check "the information item is announced as information, not as a question" \
    sh -c 'grep -A1 "^For your information (nothing to answer):$" "$1" | grep -q "Prices vary"' sh "$TMP/full.out"
check "the information item has no question number" \
    not grep -qE '^(Q[0-9]+\. +Prices vary|Question [0-9]+ of .*Prices)' "$TMP/full.out"

# --- "not sure" on a number question: u, never a number --------------------------------
# Scar age (Q12 after a transplant scar) takes a whole number or u: "1" is one month, never
# the first item of a list, and no numbered "Not sure" item is shown beside the number.
SCAR_1_11='34 1 1 2 3 1 9 2 2,4 1 2'     # ... scar_types: a strip (FUT) scar
ONES_13_56=$(i=0; while [ $i -lt 44 ]; do printf '1 '; i=$((i + 1)); done)
for a in 1 u; do
	# shellcheck disable=SC2086
	lines $SCAR_1_11 x "$a" $ONES_13_56 $END_LINES >"$TMP/scarage-$a.in"
	plain "scarage-$a" <"$TMP/scarage-$a.in"
	is "$rc" 0 "scar age '$a': the consultation completes"
done
check "scar age '1': 1 month is saved" grep -qx '  scar_age_months = 1;' "$(saved_answers scarage-1)"
check "scar age 'u': not sure is saved" grep -qx '  scar_age_months = "unknown";' "$(saved_answers scarage-u)"
sed -n '/^Q12\. *How many whole months/,/^> /p' "$TMP/scarage-1.out" >"$TMP/scarage.q"
check "scar age: the question says u is for not sure" grep -q 'or u if you are not sure' "$TMP/scarage.q"
check "scar age: a wrong entry is answered with the range and u" has_text scarage-1 \
    'Please type a whole number from 0 to 1200, or u if you are not sure.'
check "scar age: no numbered 'Not sure' item beside the number" \
    not grep -qE '^ +[0-9]+\. +Not sure' "$TMP/scarage.q"

# --- invalid entries are refused and asked again ------------------------------------------
# Q1: letters, out of range, nothing; Q2: a number not shown; Q6: a repeated number, an
# unknown number; Q10: 'none' (1) with another choice.
# shellcheck disable=SC2086
lines abc 200 _ 34 9 1 1 2 3 '1,1' '1,99' 1 9 2 '1,2' 2,4 1 $TYPICAL_REST $END_LINES >"$TMP/typos.in"
plain typos <"$TMP/typos.in"
is "$rc" 0 "invalid entries: the consultation still completes"
# Each message restates what may be typed (a screen reader user hears the message alone).
for msg in 'Please type a whole number from 0 to 120.' \
    'An answer is needed to go on. Please type a whole number from 0 to 120.' \
    'Please type one of the numbers 1 to 4.' \
    'A number was typed twice; please type each choice once. Please type only numbers from 1 to 11, separated by spaces.' \
    'Please type only numbers from 1 to 11, separated by spaces.' \
    "'None' cannot be combined with other answers. Please type only numbers from 1 to 5, separated by spaces."; do
	check "invalid entry answered with: $msg" has_text typos "$msg"
done
no_record "$(saved_answers typos)" >"$TMP/typos.answers"
same_file "$EXP/typical-answers.cfg" "$TMP/typos.answers" \
    "invalid entries: the answers saved are those typed afterwards"

# --- the review step ------------------------------------------------------------------------
# Change answer 1 (age) to 17, then see the result.
# shellcheck disable=SC2086
lines $TYPICAL_1_5 $TYPICAL_6_11 $TYPICAL_REST _ 99 1 17 _ >"$TMP/review.in"
plain review <"$TMP/review.in"
is "$rc" 0 "review: exit 0"
last=$(grep -B1 '^     -> ' "$TMP/review.out" | sed -n 's/^Q\([0-9]*\)\. .*/\1/p' | tail -n 1)
check "review: a number not listed is answered with the numbers and keys there are" has_text review \
    "There is no question with that number. Please type a question number from 1 to $last to change that answer, press Enter to see the result, or type q to quit."
check "review: a question asked again from the review announces its section" \
    sh -c 'sed -n "/^== Review your answers ==$/,\$p" "$1" | grep -qx "== Section 1 of 8: About you and your goal =="' \
    sh "$TMP/review.out"
is "$(grep -c '^== Review your answers ==$' "$TMP/review.out")" 2 "review: shown again after a change"
check "review: the changed age is saved" grep -q '^  age = 17;$' "$(saved_answers review)"
check "review: the report defers to the 18th birthday" \
    grep -q '^Come back after: 2027-11-22$' "$(saved_report review)"

# Change answer 6 (loss reasons) to scars only: the questions that depended on pattern loss
# are hidden and their answers are not saved.
# shellcheck disable=SC2086
lines $TYPICAL_1_5 $TYPICAL_6_11 $TYPICAL_REST _ 6 8 _ >"$TMP/review2.in"
plain review2 <"$TMP/review2.in"
A2=$(saved_answers review2)
if [ "$rc" = 0 ] && grep -q '^  loss_reasons = \[ "scars" \];$' "$A2" && ! grep -q 'norwood\|loss_trend\|loss_treatments' "$A2"; then
	ok "review: answers of questions hidden by a change are not saved"
else
	not_ok "review: answers of questions hidden by a change are not saved (exit $rc)"
	comment_file "$A2" 20
fi
run screen --today "$TODAY" "$A2"
if [ "$rc" = 0 ] && [ ! -s "$TMP/err" ]; then
	ok "review: the saved file screens with no ignored answers"
else
	not_ok "review: the saved file screens with no ignored answers (exit $rc)"
	comment_file "$TMP/err"
fi

# --- quitting, end of input ----------------------------------------------------------------
# q asks first, with the wizard's rules: y stops and keeps the answers so far as a draft,
# d stops and deletes them, n stays; anything else is asked again.
check "the welcome text does not say that stopping saves nothing" \
    not has_text full 'q to stop (nothing is saved)'
check "the welcome text says that the answers are kept as a draft" \
    has_text full 'After each answer, the answers so far are kept as a draft, so you can stop and continue later.'

lines 34 1 1 2 q x n 3 q y >"$TMP/quit.in"
plain quit <"$TMP/quit.in"
DRAFT=$(draft_of "$XDG_STATE_HOME")
is "$rc" 0 "'q' then y: exit 0"
check "'q' asks before stopping" \
    has_text quit 'Quit? y: keep a draft to continue later, d: delete the answers, n: stay'
check "'q': an answer that is not y, d or n is asked again, with the choices" \
    has_text quit 'Please type y to stop and keep a draft, d to stop and delete the answers, or n to stay.'
check "'q' then n: the same question is asked again and answered" \
    grep -qx '  skin_type = "type_3";' "$DRAFT"
check "'q' then y: says where the answers are kept and how to continue" \
    has_text quit "Stopped. Nothing was saved; the answers so far are kept in $DRAFT. Run smpscreen again to continue (or smpscreen --resume $DRAFT)."
is "$(n_files quit)" 0 "'q' then y: no files saved"
lines q d >"$TMP/quitd.in"
plain quitd <"$TMP/quitd.in"
is "$rc" 0 "'q' then d at the offer of a draft: exit 0"
check "'q' at the offer of a draft asks first" has_text quitd 'An unfinished consultation was kept. Type r and Enter to continue it, or press Enter to start again (its answers are then deleted). > Quit? y: keep a draft'
check "'q' then d: the draft is deleted" test ! -e "$DRAFT" -a "$(n_drafts "$XDG_STATE_HOME")" = 0
check "'q' then d: says so" grep -qx 'Stopped. The answers were deleted; nothing was saved.' "$TMP/quitd.out"
lines 34 1 q d >"$TMP/quitd2.in"
plain quitd2 <"$TMP/quitd2.in"
check "'q' then d mid-way: nothing left, nothing saved" \
    test "$(n_drafts "$XDG_STATE_HOME")" = 0 -a "$(n_files quitd2)" = 0
lines 34 q y >"$TMP/quitnodraft.in"
mkdir -p "$TMP/quitnodraft"
(unset HOME XDG_STATE_HOME && "$SMPSCREEN" --plain --today "$TODAY" --output-dir "$TMP/quitnodraft" \
    <"$TMP/quitnodraft.in" >"$TMP/quitnodraft.out" 2>"$TMP/quitnodraft.err")
is "$?" 0 "no draft folder: 'q' then y: exit 0"
check "no draft folder: the welcome text says that a dropped line would lose the answers, and why" \
    has_text quitnodraft 'q to stop. If the connection drops, your answers so far cannot be kept: neither XDG_STATE_HOME nor HOME is set.'
check "no draft folder: 'q' says the answers will not be kept, and offers no d" \
    has_text quitnodraft 'Quit? Your answers will not be saved. y: quit, n: stay'
check "no draft folder: 'q' then y says nothing was saved" \
    grep -qx 'Stopped. Nothing was saved.' "$TMP/quitnodraft.out"

w=0
for r in help pictures nopictures quit quitd quitnodraft; do
	[ "$(prompt_width "$r")" -gt "$w" ] && w=$(prompt_width "$r")
done
check "help, pictures and the quit question fit in 72 columns (widest: $w)" test "$w" -le 72

# shellcheck disable=SC2086
lines $TYPICAL_1_5 $TYPICAL_6_11 $TYPICAL_REST _ q y >"$TMP/quit2.in"
plain quit2 <"$TMP/quit2.in"
if [ "$rc" = 0 ] && [ "$(n_files quit2)" = 0 ] && grep -q 'Nothing was saved' "$TMP/quit2.out"; then
	ok "'q' at the review, then y: exit 0, nothing saved"
else
	not_ok "'q' at the review, then y: exit 0, nothing saved (exit $rc)"
fi
check "'q' at the review, then y: every answer is kept in the draft" \
    grep -qx '  age = 34;' "$(draft_of "$XDG_STATE_HOME")"
rm -f "$XDG_STATE_HOME"/smpscreen/draft-*

# shellcheck disable=SC2086
lines $TYPICAL_1_5 $TYPICAL_6_11 >"$TMP/eof.in"
plain eof <"$TMP/eof.in"
DRAFT=$(draft_of "$XDG_STATE_HOME")
is "$rc" 1 "end of input mid-way: exit 1"
is "$(n_files eof)" 0 "end of input mid-way: no files"
check "end of input mid-way: stderr says nothing was saved" grep -q 'nothing was saved' "$TMP/eof.err"
is "$(grep -c 'input ended' "$TMP/eof.err")" 1 "end of input mid-way: said once on stderr"
check "end of input mid-way: not said again on stdout" not grep -qi 'input ended' "$TMP/eof.out"
# A connection that drops leaves the answers so far as a draft, which the next consultation
# offers: r continues it (Enter keeps each answer), Enter starts again and deletes it.
check "end of input mid-way: the answers so far are kept as a draft" grep -q '^  age = 34;$' "$DRAFT"
check "end of input mid-way: stderr names the draft" grep -qF "$DRAFT" "$TMP/eof.err"
is "$(file_mode "$DRAFT")" 600 "the draft is mode 0600"
# shellcheck disable=SC2086
lines r _ _ _ _ _ _ _ _ _ _ $TYPICAL_REST $END_LINES >"$TMP/resume.in"
plain resume <"$TMP/resume.in"
is "$rc" 0 "a waiting draft: r continues it to the end"
check "a waiting draft is offered" grep -q 'An unfinished consultation was kept' "$TMP/resume.out"
no_record "$(saved_answers resume)" >"$TMP/resume.answers"
same_file "$EXP/typical-answers.cfg" "$TMP/resume.answers" \
    "a waiting draft: continued, its answers are saved as typed before"
check "a finished consultation leaves no draft" test "$(n_drafts "$XDG_STATE_HOME")" = 0
# shellcheck disable=SC2086
lines $TYPICAL_1_5 >"$TMP/eof3.in"
plain eof3 <"$TMP/eof3.in"
DRAFT=$(draft_of "$XDG_STATE_HOME")
lines 34 q y >"$TMP/stray.in"
plain stray <"$TMP/stray.in"
check "a waiting draft: an answer typed at the offer is refused, with the choices" has_text stray \
    'Please type r to continue the unfinished consultation, press Enter to start again, or type q to quit.'
check "a waiting draft: an answer typed at the offer does not delete it" grep -qx '  age = 34;' "$DRAFT"
# shellcheck disable=SC2086
lines _ $TYPICAL_1_5 q d >"$TMP/fresh.in"
plain fresh <"$TMP/fresh.in"
check "a waiting draft: Enter starts again and deletes it" test -n "$DRAFT" -a ! -e "$DRAFT"
check "a waiting draft: starting again asks from the first question, empty" \
    not grep -q 'Current answer' "$TMP/fresh.out"

printf '34\n1\n1' >"$TMP/eof2.in" # the last line has no newline: it still counts
plain eof2 <"$TMP/eof2.in"
if [ "$rc" = 1 ] && [ "$(n_files eof2)" = 0 ] && [ "$(grep -c '^Q[0-9]*\. ' "$TMP/eof2.out")" = 4 ]; then
	ok "end of input after a last line without newline: that line is used, then exit 1"
else
	not_ok "end of input after a last line without newline: that line is used, then exit 1 (exit $rc)"
fi
rm -f "$XDG_STATE_HOME"/smpscreen/draft-*

# --- free text with escape sequences (mini questionnaire, consultant questions) -------------
ESC=$(printf '\033')
printf '34\n1\n1\n1\n2\n1\n1\n2\n%s[2J%s]0;owned%s Call %s[31mbefore%s[0m noon%s1m ok\n\n\n' \
    "$ESC" "$ESC" "$(printf '\007')" "$ESC" "$ESC" "$(printf '\302\233')" >"$TMP/esc.in"
plain esc --questionnaire "$MINI_Q" --rules "$MINI_R" --consultant <"$TMP/esc.in"
is "$rc" 0 "free text: exit 0"
check "free text: no control characters in what is shown" no_controls "$TMP/esc.out"
check "free text: no control characters in the saved answers" no_controls "$(saved_answers esc)"
check "free text: no control characters in the saved report" no_controls "$(saved_report esc)"
check "free text: the visible text is kept" \
    grep -q '^  notes_free = "\[2J\]0;owned Call \[31mbefore\[0m noon1m ok";$' "$(saved_answers esc)"
check "free text: shown back in the review" grep -q '^     -> \[2J\]0;owned Call' "$TMP/esc.out"

long_text() { awk 'BEGIN { s = ""; for (i = 0; i < 300; i++) s = s "x"; print s }'; }
printf '34\n1\n1\n1\n2\n1\n1\n\n%s\n\n\n' "$(long_text)" >"$TMP/long.in"
plain long --questionnaire "$MINI_Q" --rules "$MINI_R" --consultant <"$TMP/long.in"
L=$(sed -n 's/^  notes_free = "\(x*\)";$/\1/p' "$(saved_answers long)")
is "${#L}" 200 "free text longer than max_length is cut to 200 bytes (and the optional item skipped with Enter)"
run --questionnaire "$MINI_Q" --rules "$MINI_R" screen --today "$TODAY" "$(saved_answers long)"
is "$rc" 0 "free text cut to max_length: the saved file screens"

# --- --no-save, report_dir, an unwritable directory -----------------------------------------
mkdir "$TMP/cwd"
(cd "$TMP/cwd" && "$SMPSCREEN" --plain --today "$TODAY" --no-save <"$TMP/typical.in" >"$TMP/nosave.out" 2>&1)
is "$?" 0 "--no-save: exit 0"
is "$(ls -A "$TMP/cwd" | wc -l | tr -d ' ')" 0 "--no-save: nothing written"
check "--no-save: the report is still shown" grep -q '^Your SMP screening summary$' "$TMP/nosave.out"
check "--no-save: no reference to quote, as the clinic keeps nothing" \
    not grep -q '^Your reference:' "$TMP/nosave.out"
check "--no-save: no 'Saved' line" not grep -q '^Saved' "$TMP/nosave.out"
check "--no-save: the finished consultation leaves no draft" test "$(n_drafts "$XDG_STATE_HOME")" = 0

mkdir "$TMP/reports"
printf 'settings = {\n  report_dir = "%s";\n};\n' "$TMP/reports" >"$TMP/clinic.cfg"
(cd "$TMP/cwd" && "$SMPSCREEN" --plain --today "$TODAY" --settings "$TMP/clinic.cfg" \
    <"$TMP/typical.in" >/dev/null 2>&1)
if [ "$?" = 0 ] && [ "$(ls -A "$TMP/reports" | wc -l)" -eq 2 ] && [ -z "$(ls -A "$TMP/cwd")" ]; then
	ok "without --output-dir the clinic's report_dir is used"
else
	not_ok "without --output-dir the clinic's report_dir is used"
fi

"$SMPSCREEN" --plain --today "$TODAY" --output-dir "$TMP/missing/dir" <"$TMP/typical.in" \
    >"$TMP/missing.out" 2>"$TMP/missing.err"
is "$?" 1 "an output directory that does not exist: exit 1"
check "an output directory that does not exist: the error is on stderr" grep -q 'smpscreen: ' "$TMP/missing.err"
check "an output directory that does not exist: refused before the first question" \
    not grep -q 'How old are you' "$TMP/missing.out"

# --- TERM and LANG ------------------------------------------------------------------------
(TERM=xterm-256color && export TERM && "$SMPSCREEN" --plain --today "$TODAY" --no-save \
    <"$TMP/typical.in" >"$TMP/xterm.out" 2>&1)
(TERM=dumb && export TERM && "$SMPSCREEN" --plain --today "$TODAY" --no-save \
    <"$TMP/typical.in" >"$TMP/dumb.out" 2>&1)
is "$?" 0 "TERM=dumb: exit 0"
same_file "$TMP/xterm.out" "$TMP/dumb.out" "TERM=dumb: the same output as with a capable terminal"
(unset TERM && "$SMPSCREEN" --plain --today "$TODAY" --no-save <"$TMP/typical.in" >"$TMP/noterm.out" 2>&1)
same_file "$TMP/xterm.out" "$TMP/noterm.out" "no TERM at all: the same output"

# On a terminal whose TERM has no terminfo entry here (kitty's, unless ncurses-term is
# installed; $TERMINFO is not searched, for safety), the questions are asked line by line
# and one line on stderr says why and how to get the full screen. Needs a pseudo-terminal.
cat >"$TMP/on_pty.py" <<'EOF'
import os, pty, subprocess, sys
# on_pty.py OUT ERR INPUT CMD...: runs CMD with stdin and stdout on a new pseudo-terminal and
# stderr to ERR, types INPUT ahead, records what the terminal shows in OUT; CMD's status.
out, err, inp = sys.argv[1:4]
master, slave = pty.openpty()
with open(err, "wb") as e:
    proc = subprocess.Popen(sys.argv[4:], stdin=slave, stdout=slave, stderr=e,
                            start_new_session=True)
os.close(slave)
with open(inp, "rb") as f:
    os.write(master, f.read())
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the program has ended and closed the terminal
        break
    if not chunk:
        break
    data += chunk
os.close(master)
with open(out, "wb") as f:
    f.write(data)
sys.exit(proc.wait())
EOF
kitty_known=no
for d in /etc/terminfo /lib/terminfo /usr/share/terminfo; do
	if [ -e "$d/x/xterm-kitty" ] || [ -e "$d/78/xterm-kitty" ]; then kitty_known=yes; fi
done
mkdir -p "$TMP/noterminfo" "$TMP/kitty" "$TMP/dumbpty"
# Ctrl-D after the last line: the end of input, should the program still be asking.
{ lines 34 q d; printf '\004'; } >"$TMP/kitty.in"
if ! have_python; then
	skip "TERM=xterm-kitty without terminfo: plain mode, one line on stderr" "python3 is not installed"
elif [ "$kitty_known" = yes ]; then
	skip "TERM=xterm-kitty without terminfo: plain mode, one line on stderr" \
	    "xterm-kitty is in this system's terminfo"
else
	TERM=xterm-kitty TERMINFO=$TMP/noterminfo python3 "$TMP/on_pty.py" "$TMP/kitty.out" \
	    "$TMP/kitty.err" "$TMP/kitty.in" "$SMPSCREEN" --today "$TODAY" --output-dir "$TMP/kitty"
	is "$?" 0 "TERM=xterm-kitty without terminfo, on a terminal: plain mode, q d quits, exit 0"
	check "TERM=xterm-kitty: the questions are asked line by line" grep -q '^Q1\. ' "$TMP/kitty.out"
	check "TERM=xterm-kitty: no escape sequence is sent" not grep -q "$(printf '\033')" "$TMP/kitty.out"
	is "$(wc -l <"$TMP/kitty.err" | tr -d ' ')" 1 "TERM=xterm-kitty: one line on stderr"
	check "TERM=xterm-kitty: the line says why and how to get the full screen" grep -qx \
	    'smpscreen: TERM=xterm-kitty: the terminal type in TERM is not known here; the questions are asked line by line (for the full screen: TERM=xterm-256color smpscreen)' \
	    "$TMP/kitty.err"
fi
if have_python; then
	TERM=dumb python3 "$TMP/on_pty.py" "$TMP/dumbpty.out" "$TMP/dumbpty.err" "$TMP/kitty.in" \
	    "$SMPSCREEN" --today "$TODAY" --output-dir "$TMP/dumbpty"
	check "TERM=dumb on a terminal: plain mode, and no word on stderr (it was asked for)" \
	    sh -c 'grep -q "^Q1\. " "$1.out" && test ! -s "$1.err"' sh "$TMP/dumbpty"
fi

# Non-ASCII content: the clinic's name and typed free text.
printf 'settings = {\n  clinic_name = "Haarstudio Zürich – Nord";\n};\n' >"$TMP/utf8.cfg"
printf '34\n1\n1\n1\n2\n1\n1\n2\nCafé — “early” slots 日本語\n\n\n' >"$TMP/utf8.in"
"$SMPSCREEN" --plain --today "$TODAY" --no-save --questionnaire "$MINI_Q" --rules "$MINI_R" \
    --consultant --settings "$TMP/utf8.cfg" <"$TMP/utf8.in" >"$TMP/utf8.out" 2>&1
check "LANG=C.UTF-8: the output keeps UTF-8 (so the LANG=C test means something)" \
    not is_ascii "$TMP/utf8.out"
(LANG=C && export LANG && "$SMPSCREEN" --plain --today "$TODAY" --no-save --questionnaire "$MINI_Q" \
    --rules "$MINI_R" --consultant --settings "$TMP/utf8.cfg" <"$TMP/utf8.in" >"$TMP/c.out" 2>&1)
is "$?" 0 "LANG=C: exit 0"
check "LANG=C: the output is ASCII only" is_ascii "$TMP/c.out"
check "LANG=C: the clinic's name is transliterated" grep -q '^Clinic: Haarstudio Zurich - Nord$' "$TMP/c.out"
check "LANG=C: typed text is transliterated" grep -q 'Cafe - "early" slots' "$TMP/c.out"
(LANG=C && export LANG && "$SMPSCREEN" --plain --today "$TODAY" --no-save <"$TMP/typical.in" >"$TMP/c2.out" 2>&1)
is "$?" 0 "LANG=C, bundled questionnaire: exit 0"
check "LANG=C, bundled questionnaire: ASCII only" is_ascii "$TMP/c2.out"


# --- the client's identity (the clinic's ask_client_identity) -------------------------------
# Drafts of this part in a folder of its own: a draft left above must not be offered here.
XDG_STATE_HOME=$TMP/ident-state
export XDG_STATE_HOME
printf 'settings = { ask_client_identity = true; };\n' >"$TMP/ask.cfg"
MINI_LINES='34 1 1 2 1 1 _ _' # the mini questionnaire, then the info item and the review
# shellcheck disable=SC2086
lines $MINI_LINES >"$TMP/mini.in"

plain noident --questionnaire "$MINI_Q" --rules "$MINI_R" <"$TMP/mini.in"
is "$rc" 0 "identity: without the setting: exit 0"
check "identity: without the setting, nothing is asked about the client" \
    not grep -q "Your name" "$TMP/noident.out"

# shellcheck disable=SC2086
{ printf 'Ann Example\nR-1234\n23/04/1985\n1985-04-23\n'; lines $MINI_LINES; } >"$TMP/ident.in"
plain ident --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/ask.cfg" <"$TMP/ident.in"
is "$rc" 0 "identity: exit 0"
check "identity: it says why it asks" has_text ident "So that the clinic can match this screening with your record; it is not used for the result."
check "identity: the name is asked" grep -qF "Your name (Enter to skip): " "$TMP/ident.out"
check "identity: ... before the first question" \
    sh -c 'test "$(grep -n "Your name" "$1" | head -n 1 | cut -d: -f1)" -lt "$(grep -n "^Q1\. " "$1" | head -n 1 | cut -d: -f1)"' sh "$TMP/ident.out"
check "identity: a date of birth not as YYYY-MM-DD is refused, saying why" \
    grep -qF "Please correct this: the date of birth must be a date as YYYY-MM-DD." "$TMP/ident.out"
is "$(grep -oF "Date of birth (YYYY-MM-DD) (Enter to skip): " "$TMP/ident.out" | wc -l | tr -d ' ')" 2 \
    "identity: ... and asked again"
A=$(saved_answers ident)
R=$(saved_report ident)
printf 'client = {\n  name = "Ann Example";\n  reference = "R-1234";\n  date_of_birth = "1985-04-23";\n};\n' \
    >"$TMP/client.want"
sed -n '/^client = {$/,/^};$/p' "${A:-/dev/null}" >"$TMP/client.got"
same_file "$TMP/client.want" "$TMP/client.got" "identity: the answers file has the client group"
check "identity: the saved report has Client: Ann Example" grep -q "Client: Ann Example" "${R:-/dev/null}"
check "identity: ... Client reference: R-1234" grep -q "Client reference: R-1234" "${R:-/dev/null}"
check "identity: ... Date of birth: 1985-04-23" grep -q "Date of birth: 1985-04-23" "${R:-/dev/null}"

# shellcheck disable=SC2086
lines _ _ _ $MINI_LINES >"$TMP/skip.in"
plain identskip --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/ask.cfg" <"$TMP/skip.in"
is "$rc" 0 "identity: every line skipped: exit 0"
check "identity: every line skipped: no client group" not grep -q "client" "$(saved_answers identskip)"

ESC=$(printf '\033')
# shellcheck disable=SC2086
{ printf 'Eve %s[31mRed%s]0;owned%s\n\n\n' "$ESC" "$ESC" "$(printf '\007')"; lines $MINI_LINES; } \
    >"$TMP/identesc.in"
plain identesc --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/ask.cfg" <"$TMP/identesc.in"
is "$rc" 0 "identity: escape sequences in the name: exit 0"
check "identity: ... the visible text is kept" grep -qx '  name = "Eve \[31mRed\]0;owned";' "$(saved_answers identesc)"
check "identity: ... no control characters in the answers file" no_controls "$(saved_answers identesc)"
check "identity: ... nor in the report" no_controls "$(saved_report identesc)"
check "identity: ... nor in what is shown" no_controls "$TMP/identesc.out"

# A draft's client is offered back: Enter keeps a value, "-" removes it.
lines "Dora Draft" _ 1970-01-02 q y >"$TMP/idraft1.in"
plain idraft1 --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/ask.cfg" <"$TMP/idraft1.in"
check "identity: q then y keeps the client in the draft" \
    grep -qx '  name = "Dora Draft";' "$(draft_of "$XDG_STATE_HOME")"
# shellcheck disable=SC2086
lines r _ _ - $MINI_LINES >"$TMP/idraft2.in"
plain idraft2 --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/ask.cfg" <"$TMP/idraft2.in"
is "$rc" 0 "identity: the draft continued: exit 0"
check "identity: ... the draft's name is offered" \
    grep -qF "Your name [Dora Draft] (Enter keeps it, - removes it): " "$TMP/idraft2.out"
A=$(saved_answers idraft2)
check "identity: ... Enter kept it" grep -qx '  name = "Dora Draft";' "${A:-/dev/null}"
check "identity: ... and - removed the date of birth" not grep -q "date_of_birth" "${A:-/dev/null}"

lines "Carl Client" _ _ q d >"$TMP/identc.in"
plain identc --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/ask.cfg" --consultant \
    <"$TMP/identc.in"
check "identity: --consultant asks it too" grep -qF "Your name (Enter to skip): " "$TMP/identc.out"
check "identity: ... and q d at the first question leaves no draft" test "$(n_drafts "$XDG_STATE_HOME")" = 0

done_testing
