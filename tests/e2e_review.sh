#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `smpscreen review ANSWERS`, a consultant's review of a saved
# consultation, on a real home pre-screen (made here with plain mode over "SSH", as a client
# at home makes one) and the mini questionnaire:
#   A. the wizard in tmux (80x24): the consultant's name, two answers changed with reasons,
#      a consultant-only question answered (not a change), a decision with its reason; the
#      file is saved in place (same path, mode 0600, the record kept) with the clinic
#      report beside it, which `screen` of the saved file reproduces byte for byte; the
#      patient's copy shows the decision but none of the reasons, names or consultant-only
#      questions;
#   B. the wizard: --consultant-name skips the name prompt; a change left without a reason
#      is asked for again before anything is saved; quitting unsaved leaves the file as it
#      was and writes no report;
#   C. plain mode, input piped: a whole review; input ending early (exit 1, file as it
#      was); the file changed by someone else while the review is open (exit 1, the other
#      writer's bytes kept); a change that puts another answer aside (kept in the record
#      with the program's reason, no second reason asked); an answer the file holds for a
#      question it does not show (a warning first, then kept in the record the same way);
#   D. usage errors (exit 2), a broken answers file (exit 2, FILE:LINE), a folder the
#      consultant cannot write in (exit 1; skipped as root), an answers file that is a
#      symbolic link (refused before the review, exit 1), and a file name holding escape
#      sequences (none reaches the terminal).
# Why: review writes over a clinic's record of a patient; what it keeps (the record, what
# the patient said, who changed what and why) and what it refuses (an unexplained change,
# someone else's newer file) are what make that safe, and only a run of the real program
# over a real file shows them.
#
# Synchronisation is by polling the screen (or, in plain mode, the program's output) for
# expected text, never by sleeping.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg
NAME="Dr Ann Smith"
WHY_AGE="the patient misread the question"
WHY_NORWOOD="front and crown are barely thinning"
WHY_DECISION="wait until the scalp has healed"

# The record group of an answers file (id, created_at, mode, content versions).
record_of() { sed -n '/^record = {$/,/^};$/p' "$1"; }
# The review group of an answers file, on one line.
review_of() { sed -n '/^review = {$/,/^};$/p' "$1" | tr '\n' ' ' | tr -s ' '; }
# A file on one line (text wrapped anywhere is still found).
joined() { tr '\n' ' ' <"$1" | tr -s ' '; }
# contains STRING TEXT / matches STRING REGEX: for check.
contains() { printf '%s\n' "$1" | grep -qF -- "$2"; }
matches() { printf '%s\n' "$1" | grep -q -- "$2"; }
# FILE has none of the TEXTs.
has_none() { _f=$1; shift; for _t; do ! grep -qF -- "$_t" "$_f" || return 1; done; }
# FILE has every TEXT.
has_all() { _f=$1; shift; for _t; do grep -qF -- "$_t" "$_f" || return 1; done; }
# The report's decision line, right under the computed result.
DECISION_LINE="Consultant's decision: Not yet: come back later (defer)"
decision_under_result() { grep -A1 '^Computed result:' "$1" | grep -qxF "$DECISION_LINE"; }
# A record time: "YYYY-MM-DDTHH:MM:SS+HH:MM".
AT='"[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9][+-][0-9][0-9]:[0-9][0-9]"'

# --- the home pre-screen ------------------------------------------------------------------
# 34, not pregnant, a buzz look, pattern loss, Norwood V, no scars, no heart condition.
mkdir -p "$TMP/prescreen"
printf '34\n1\n1\n1\n2\n1\n1\n\n\n' >"$TMP/prescreen.in"
SSH_CONNECTION="10.0.0.2 5000 10.0.0.1 22" "$SMPSCREEN" --plain --questionnaire "$MINI_Q" \
    --rules "$MINI_R" --today "$TODAY" --output-dir "$TMP/prescreen" \
    <"$TMP/prescreen.in" >"$TMP/prescreen.out" 2>"$TMP/prescreen.err"
rc=$?
HOME_A=$(ls "$TMP"/prescreen/smpscreen-*-answers.cfg 2>/dev/null | head -n 1)
if [ "$rc" != 0 ] || [ -z "$HOME_A" ] || ! grep -qx '  mode = "home";' "$HOME_A"; then
	comment_file "$TMP/prescreen.err"
	echo "Bail out! the home pre-screen could not be made (exit $rc)"
	exit 99
fi
BASE=${HOME_A##*/}
BASE_R=${BASE%-answers.cfg}-report.txt
ok "the home pre-screen is saved, record mode home"

# A run's copy of the pre-screen, in its working directory (the answers file alone).
copy_for() { # NAME
	mkdir -p "$TMP/$1/cwd"
	cp "$HOME_A" "$TMP/$1/cwd/$BASE"
	chmod 600 "$TMP/$1/cwd/$BASE"
}

# === A. The wizard: the whole review =======================================================
copy_for walk
cp "$TMP/prescreen/$BASE_R" "$TMP/walk/cwd/$BASE_R"
cp "$HOME_A" "$TMP/before.cfg"
A=$TMP/walk/cwd/$BASE
R=$TMP/walk/cwd/$BASE_R
launch walk 80 24 -- review --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE"
check_wait walk "Consultant's review" "wizard: the review starts at the consultant's name"
screen_has walk "You are reviewing $BASE." "wizard: the name prompt names the file"
tm send-keys -t walk -l "$NAME"
wait_for walk "> $NAME" && keys walk Enter
check_wait walk "How old are you" "wizard: the name taken, question 1"
screen_has walk "Patient-reported answer: Enter confirms it, or give another." \
    "wizard: question 1 says the answer is the patient's"
screen_has walk "> 34" "wizard: ... and shows it"
keys walk 3 5
wait_for walk "> 35" && keys walk Enter
check_wait walk "Why was this answer changed?" "wizard: a changed answer asks why"
screen_has walk "The patient said: 34 years" "wizard: the reason page shows what the patient said"
screen_has walk "Now: 35 years" "wizard: ... and the new answer"
tm send-keys -t walk -l "$WHY_AGE"
wait_for walk "> $WHY_AGE" && keys walk Enter
wait_for walk "pregnant or breastfeeding" && keys walk Enter
wait_for walk "Which result are you hoping" && keys walk Enter
wait_for walk "Why are you considering SMP" && keys walk Enter
wait_for walk "Which Norwood picture" && keys walk 1
check_wait walk "The patient said: V - larger front and crown areas" \
    "wizard: a changed choice asks why too, with what the patient chose"
screen_has walk "Now: I - no real recession" "wizard: ... and the new choice"
tm send-keys -t walk -l "$WHY_NORWOOD"
wait_for walk "> $WHY_NORWOOD" && keys walk Enter
wait_for walk "scalp scars you would" && keys walk Enter
wait_for walk "Do any of these apply" && keys walk Enter
check_wait walk "Treatment-day re-check: is the client unwell today?" \
    "wizard: the consultant-only question is asked"
screen_has walk "For the consultant: the patient was not asked this." \
    "wizard: ... saying that the patient was not asked it"
keys walk 2
wait_for walk "Anything else the practitioner" && keys walk Enter
wait_for walk "Prices vary" && keys walk Enter
check_wait walk "Review your answers" "wizard: the review list"
screen_has walk "-> 35 years  [changed]" "wizard: the review marks a changed answer"
screen_has walk "-> No / does not apply  [patient-reported]" \
    "wizard: ... and a confirmed one as the patient's"
screen_has walk "-> I - no real recession  [changed]" "wizard: ... the second change too"
check "wizard: the consultant's first answer is not marked as a change" \
    grep -q -- '-> No *$' "$SCR"
keys walk r
check_wait walk "Result of the review" "wizard: r shows the result of the review"
check_wait walk "Saved to $BASE_R" "wizard: the result is saved at once, beside the file"
check "wizard: nothing is saved elsewhere" test "$(files_in "$TMP/walk/cwd" | wc -l)" -eq 2
keys walk d
check_wait walk "No decision of my own: the computed result stands" "wizard: d opens the decision list"
check_focus walk "No decision of my own" "Not yet: come back later" \
    "wizard: the focus starts on no decision of one's own"
keys walk Up Up
check_focus walk "Not yet: come back later" "No decision of my own" "wizard: Up Up: not yet"
keys walk Enter
check_wait walk "Your decision: Not yet: come back later" "wizard: the decision asks why"
tm send-keys -t walk -l "$WHY_DECISION"
wait_for walk "> $WHY_DECISION" && keys walk Enter
check_wait walk "Result of the review" "wizard: the reason taken, back on the result"
check_wait walk "Saved to $BASE_R" "wizard: ... saved again"
keys walk q
run_exit walk
is "$rc" 0 "wizard: q quits, exit 0"
check "wizard: stderr says where the review was saved" \
    grep -qF "smpscreen: the review was saved in $BASE and $BASE_R" "$TMP/walk/err"
no_sanitizer walk
done_run walk

# The answers file, saved in place.
is "$(files_in "$TMP/walk/cwd" | tr '\n' ' ')" "$BASE $BASE_R " \
    "file: the answers and the report, under their names, nothing else"
is "$(file_mode "$A")$(file_mode "$R")" 600600 "file: both mode 0600"
record_of "$TMP/before.cfg" >"$TMP/record.before"
record_of "$A" >"$TMP/record.after"
check "file: the record group is there" grep -qx '  mode = "home";' "$TMP/record.after"
same_file "$TMP/record.before" "$TMP/record.after" \
    "file: the record (id, created_at, mode home, versions) is unchanged"
check "file: age is the consultant's 35" grep -qx '  age = 35;' "$A"
check "file: norwood is the consultant's i" grep -qx '  norwood = "i";' "$A"
check "file: the consultant-only answer is there" grep -qx '  unwell_today = "no";' "$A"
check "file: the other answers are the patient's" has_all "$A" '  pregnancy = "no";' \
    '  goal = "buzz_look";' '  loss_reasons = [ "pattern" ];' '  heart_conditions = [ "none" ];'
RV=$(review_of "$A")
check "file: the review is by the name typed" contains "$RV" "review = { by = \"$NAME\";"
is "$(grep -c '{ question = ' "$A")" 2 "file: exactly two changes"
check "file: the age change, with its reason and time" matches "$RV" \
    "{ question = \"age\"; from = 34; to = 35; reason = \"$WHY_AGE\"; at = $AT; }"
check "file: the Norwood change, with its reason and time" matches "$RV" \
    "{ question = \"norwood\"; from = \"v\"; to = \"i\"; reason = \"$WHY_NORWOOD\"; at = $AT; }"
check "file: no change recorded for the consultant-only question" \
    not grep -q 'question = "unwell_today"' "$A"
check "file: the decision, with its reason and time" matches "$RV" \
    "decision = { suitability = \"defer\"; reason = \"$WHY_DECISION\"; at = $AT; };"

# The clinic report beside it.
joined "$R" >"$TMP/report.joined"
check "report: it is the review's, not the pre-screen's" grep -qx "Consultant's review" "$R"
check "report: what the patient said" grep -qF "The patient said: 34 years" "$R"
check "report: what the consultant recorded" grep -qF "The consultant recorded: 35 years" "$R"
check "report: both reasons" has_all "$TMP/report.joined" "Why: $WHY_AGE" "Why: $WHY_NORWOOD"
check "report: the consultant's name" grep -qF "Reviewed by $NAME," "$R"
check "report: the decision, under the computed result" decision_under_result "$R"
check "report: the decision's reason" grep -qF "Why: $WHY_DECISION" "$TMP/report.joined"
(cd "$TMP/walk/cwd" && "$SMPSCREEN" screen --today "$TODAY" --questionnaire "$MINI_Q" \
    --rules "$MINI_R" "$BASE" >"$TMP/screen.txt" 2>"$TMP/screen.err")
is "$?" 0 "screen of the reviewed file: exit 0"
same_file "$R" "$TMP/screen.txt" "screen of the reviewed file: the saved report, byte for byte"
(cd "$TMP/walk/cwd" && "$SMPSCREEN" screen --copy patient --today "$TODAY" \
    --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE" >"$TMP/patient.txt" 2>"$TMP/patient.err")
is "$?" 0 "the patient's copy: exit 0"
check "the patient's copy: the consultant's decision" \
    grep -qx "The consultant's decision: Not yet: come back later" "$TMP/patient.txt"
check "the patient's copy: a changed answer is the consultant's" \
    grep -qF "(as the consultant recorded it)" "$TMP/patient.txt"
check "the patient's copy: no reason" has_none "$TMP/patient.txt" "$WHY_AGE" "$WHY_NORWOOD" \
    "$WHY_DECISION"
check "the patient's copy: no consultant's name" not grep -qF "$NAME" "$TMP/patient.txt"
check "the patient's copy: no consultant-only question" \
    not grep -qF "Treatment-day re-check" "$TMP/patient.txt"

# === B. The wizard: --consultant-name, a change without a reason, quitting unsaved ==========
copy_for named
A=$TMP/named/cwd/$BASE
launch named 80 24 -- review --consultant-name "$NAME" --questionnaire "$MINI_Q" \
    --rules "$MINI_R" "$BASE"
check_wait named "How old are you" "--consultant-name: the first screen is question 1"
check "--consultant-name: no name prompt" not on_screen "Consultant's review"
keys named Enter
for _q in "pregnant or breastfeeding" "Which result are you hoping" \
    "Why are you considering SMP" "Which Norwood picture" "scalp scars you would" \
    "Do any of these apply"; do
	wait_for named "$_q" && keys named Enter
done
# Enter on the optional consultant-only question nobody answered leaves it unanswered: a
# consultant confirming answer after answer must not record "unwell today: yes".
wait_for named "unwell today" && check_wait named "Enter leaves it unanswered" \
    "--consultant-name: the unanswered consultant question says what Enter does"
keys named Enter
wait_for named "Anything else the practitioner" && keys named Enter
wait_for named "Prices vary" && keys named Enter
check_wait named "Treatment-day re-check: is the client unwell today? -> (no answer)" \
    "--consultant-name: Enter left the consultant question unanswered"
keys named Home Down Down Enter
wait_for named "Which result are you hoping" && keys named 2
check_wait named "Why was this answer changed?" "no reason: a change from the review asks why"
keys named Left
check_wait named "Changed in this review; the patient said: A closely shaved / buzz-cut look" \
    "no reason: Left goes back to the question, which says it was changed"
keys named Left
check_wait named "-> Only hide one or more scars [changed, reason needed]" \
    "no reason: the review says the change needs a reason"
keys named r
check_wait named "Why was this answer changed?" "no reason: r asks for it before the result"
screen_has named "Now: Only hide one or more scars" "no reason: ... about that change"
check "no reason: nothing saved yet" cmp -s "$HOME_A" "$A"
tm send-keys -t named -l "the client only wants the scar hidden"
wait_for named "> the client only" && keys named Enter
check_wait named "Saved to $BASE_R" "no reason: once given, the result is saved"
keys named q
run_exit named
is "$rc" 0 "--consultant-name: exit 0"
check "--consultant-name: the review is by that name" grep -qx "  by = \"$NAME\";" "$A"
check "--consultant-name: no answer recorded for the question Enter passed" \
    not grep -q "unwell_today" "$A"
check "--consultant-name: the goal changed, with its reason" contains "$(review_of "$A")" \
    "{ question = \"goal\"; from = \"buzz_look\"; to = \"scar_only\"; reason = \"the client only wants the scar hidden\";"
no_sanitizer named
done_run named

copy_for quit
A=$TMP/quit/cwd/$BASE
launch quit 80 24 -- review --consultant-name "$NAME" --questionnaire "$MINI_Q" \
    --rules "$MINI_R" "$BASE"
wait_for quit "How old are you" && keys quit 4 0 Enter
wait_for quit "Why was this answer changed?" && tm send-keys -t quit -l "$WHY_AGE"
wait_for quit "> $WHY_AGE" && keys quit Enter
wait_for quit "pregnant or breastfeeding" && keys quit q
check_wait quit "The changes of this review will not be saved" "quit: q on a question asks first"
keys quit y
run_exit quit
is "$rc" 0 "quit: y quits, exit 0"
check "quit: the file is byte for byte as it was" cmp -s "$HOME_A" "$A"
is "$(files_in "$TMP/quit/cwd")" "$BASE" "quit: no report, nothing else"
check "quit: stderr says nothing was saved" \
    grep -qF "smpscreen: the review was not saved; $BASE is as it was" "$TMP/quit/err"
no_sanitizer quit
done_run quit

# === C. Plain mode ==========================================================================
# No name line (--consultant-name); one line a question: 35 and its reason, Enter for the
# other six of the patient's, 2 (not unwell), Enter to skip the note, Enter past the
# information; Enter on the review; 4 (not yet) and its reason.
copy_for plain
A=$TMP/plain/cwd/$BASE
printf '35\n%s\n\n\n\n\n\n\n2\n\n\n\n4\n%s\n' "$WHY_AGE" "$WHY_DECISION" >"$TMP/plain.in"
(cd "$TMP/plain/cwd" && "$SMPSCREEN" review --plain --consultant-name "$NAME" \
    --today "$TODAY" --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE" \
    <"$TMP/plain.in" >"$TMP/plain.out" 2>"$TMP/plain.err")
rc=$?
is "$rc" 0 "plain: a whole review, exit 0"
check "plain: the name is not asked" not grep -qF "Your name" "$TMP/plain.out"
check "plain: question 1 is the patient's" \
    grep -qF "Patient-reported answer: 34 years. Press Enter to confirm it." "$TMP/plain.out"
check "plain: the consultant-only question says the patient was not asked" \
    grep -qF "For the consultant: the patient was not asked this." "$TMP/plain.out"
check "plain: the review marks the change" grep -qF -- "-> 35 years  [changed]" "$TMP/plain.out"
check "plain: the decision is asked" grep -qF "Computed result: Suitable" "$TMP/plain.out"
check "plain: it says where it saved" has_all "$TMP/plain.out" "Saved the answers to $BASE" \
    "Saved the report to $BASE_R"
check "plain: nothing on stderr" test ! -s "$TMP/plain.err"
is "$(file_mode "$A")$(file_mode "$TMP/plain/cwd/$BASE_R")" 600600 "plain: both files mode 0600"
RV=$(review_of "$A")
check "plain: age is 35" grep -qx '  age = 35;' "$A"
is "$(grep -c '{ question = ' "$A")" 1 "plain: one change"
check "plain: the change, with its reason" contains "$RV" \
    "{ question = \"age\"; from = 34; to = 35; reason = \"$WHY_AGE\";"
check "plain: the decision" contains "$RV" \
    "decision = { suitability = \"defer\"; reason = \"$WHY_DECISION\";"
check "plain: the report has the change" \
    grep -qF "The consultant recorded: 35 years" "$TMP/plain/cwd/$BASE_R"
check "plain: the report has the decision, under the computed result" \
    decision_under_result "$TMP/plain/cwd/$BASE_R"
record_of "$A" >"$TMP/record.plain"
same_file "$TMP/record.before" "$TMP/record.plain" "plain: the record is unchanged"

# The input ends before the review does.
copy_for early
A=$TMP/early/cwd/$BASE
printf '35\n%s\n\n\n' "$WHY_AGE" >"$TMP/early.in"
(cd "$TMP/early/cwd" && "$SMPSCREEN" review --plain --consultant-name "$NAME" \
    --today "$TODAY" --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE" \
    <"$TMP/early.in" >"$TMP/early.out" 2>"$TMP/early.err")
is "$?" 1 "plain, input ending early: exit 1"
check "plain, input ending early: said on stderr" grep -qF "input ended" "$TMP/early.err"
check "plain, input ending early: the file is byte for byte as it was" cmp -s "$HOME_A" "$A"
is "$(files_in "$TMP/early/cwd")" "$BASE" "plain, input ending early: no report"

# Someone else saves the file while the review is open: the input waits until the program
# has opened the file and asks its first question, then the file is appended to, then the
# whole review is typed.
copy_for race
A=$TMP/race/cwd/$BASE
OTHER="# another consultant's edit"
cp "$HOME_A" "$TMP/race.expected"
printf '%s\n' "$OTHER" >>"$TMP/race.expected"
_asked() { grep -qF "Question 1 of" "$TMP/race.out" 2>/dev/null; }
: >"$TMP/race.out"
(
	poll _asked || : >"$TMP/race.unasked"
	printf '%s\n' "$OTHER" >>"$A"
	cat "$TMP/plain.in"
) | (cd "$TMP/race/cwd" && "$SMPSCREEN" review --plain --consultant-name "$NAME" \
    --today "$TODAY" --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE" \
    >"$TMP/race.out" 2>"$TMP/race.err"; echo $? >"$TMP/race.rc")
check "plain, the file changed meanwhile: changed once the review had opened it" \
    test ! -e "$TMP/race.unasked"
is "$(cat "$TMP/race.rc")" 1 "plain, the file changed meanwhile: exit 1"
check "plain, the file changed meanwhile: stderr says so" \
    grep -qF "$BASE was changed by someone else since this review opened it; nothing was saved" \
    "$TMP/race.err"
check "plain, the file changed meanwhile: the other writer's file is kept" \
    cmp -s "$TMP/race.expected" "$A"
is "$(files_in "$TMP/race/cwd")" "$BASE" "plain, the file changed meanwhile: no report"

# A change that puts another answer aside (pattern loss -> scars: the Norwood question is no
# longer asked): the consultant is asked why the loss reasons changed, and only that; the
# patient's Norwood answer stays in the record as a change with the program's own reason.
# Input: Enter for Q1-Q3, 2 (scars) and its reason, Enter for scars and heart, 2 (not
# unwell), Enter for the note, the information, the review and the decision.
copy_for aside
printf '\n\n\n2\n%s\n\n\n2\n\n\n\n\n' "the loss is from a scar" >"$TMP/aside.in"
(cd "$TMP/aside/cwd" && "$SMPSCREEN" review --plain --consultant-name "$NAME" \
    --today "$TODAY" --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE" \
    <"$TMP/aside.in" >"$TMP/aside.out" 2>"$TMP/aside.err"; echo $? >"$TMP/aside.rc")
is "$(cat "$TMP/aside.rc")" 0 "plain, an answer put aside: exit 0 (saved)"
check "plain, an answer put aside: the review lists it as no longer asked" \
    grep -qF -- "-> not used (no longer asked): V - larger front and crown areas" "$TMP/aside.out"
check "plain, an answer put aside: no question is asked that is no longer asked" \
    not grep -q "^Question 0 of" "$TMP/aside.out"
check "plain, an answer put aside: no second reason is asked" \
    not grep -qF "This change needs a reason" "$TMP/aside.out"
check "plain, an answer put aside: the record keeps what the patient said, with why" \
    grep -qF '{ question = "norwood"; from = "v";' "$TMP/aside/cwd/$BASE"
check "plain, an answer put aside: the reason is the program's" \
    grep -qF 'reason = "no longer asked after another answer changed";' "$TMP/aside/cwd/$BASE"

# An answer the file holds for a question its other answers do not show (Norwood, with scars
# as the only reason): never used, but the patient's; said before the review starts, and
# kept in the record as put aside. Input: Enter for everything, the review and the decision.
copy_for ignored
sed 's/^  loss_reasons = \[ "pattern" \];$/  loss_reasons = [ "scars" ];/' "$HOME_A" \
    >"$TMP/ignored/cwd/$BASE"
check "an ignored answer: the file was made (scars, and a Norwood answer)" \
    grep -q '"scars"' "$TMP/ignored/cwd/$BASE"
printf '\n\n\n\n\n\n\n\n\n\n\n\n' >"$TMP/ignored.in"
(cd "$TMP/ignored/cwd" && "$SMPSCREEN" review --plain --consultant-name "$NAME" \
    --today "$TODAY" --questionnaire "$MINI_Q" --rules "$MINI_R" "$BASE" \
    <"$TMP/ignored.in" >"$TMP/ignored.out" 2>"$TMP/ignored.err"; echo $? >"$TMP/ignored.rc")
is "$(cat "$TMP/ignored.rc")" 0 "an ignored answer: exit 0 (saved)"
check "an ignored answer: a warning names it before the review" \
    grep -q "warning: answer to 'norwood' ignored" "$TMP/ignored.err"
check "an ignored answer: the review lists it as not used" \
    grep -qF -- "-> not used (no longer asked): V - larger front and crown areas" \
    "$TMP/ignored.out"
check "an ignored answer: the record keeps what the patient said" \
    grep -qF '{ question = "norwood"; from = "v";' "$TMP/ignored/cwd/$BASE"
check "an ignored answer: with the program's reason" \
    grep -qF 'reason = "not used: its question is not shown for the other answers";' \
    "$TMP/ignored/cwd/$BASE"
"$SMPSCREEN" check --questionnaire "$MINI_Q" --rules "$MINI_R" "$TMP/ignored/cwd/$BASE" \
    >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "an ignored answer: the saved file checks ok"

# === D. Usage and input errors ==============================================================
cd "$TMP/prescreen" || { echo "Bail out! cannot cd to $TMP/prescreen"; exit 99; }
run_status 2 "usage: review alone: exit 2" review
check "usage: review alone: says it takes one file" grep -qF "review takes one answers file" "$TMP/err"
run_status 2 "usage: two files: exit 2" review "$BASE" "$BASE"
check "usage: two files: says it takes one file" grep -qF "review takes one answers file" "$TMP/err"
run_status 2 "usage: --no-save: exit 2" review --no-save "$BASE"
check "usage: --no-save: says why" grep -qF "review saves the consultation in place" "$TMP/err"
run_status 2 "usage: --output-dir: exit 2" review --output-dir x "$BASE"
check "usage: --output-dir: says why" grep -qF "review saves the consultation in place" "$TMP/err"
sed 's/^  age = 34;$/  age = = 34;/' "$BASE" >broken-answers.cfg
_line=$(grep -n '^  age = = 34;$' broken-answers.cfg | cut -d: -f1)
run_status 2 "a broken answers file: exit 2" review --plain --consultant-name "$NAME" \
    --questionnaire "$MINI_Q" --rules "$MINI_R" broken-answers.cfg
check "a broken answers file: FILE:LINE: on stderr" grep -q "^broken-answers.cfg:$_line: error: " \
    "$TMP/err"
check "a broken answers file: nothing on stdout" test ! -s "$TMP/out"
# An answers file that is a symbolic link: saving would refuse to replace it, so the review
# refuses it before it starts, not after the consultant's work.
ln -s "$BASE" linked-answers.cfg
run_status 1 "a symbolic link: exit 1, before the review" review --plain \
    --consultant-name "$NAME" --questionnaire "$MINI_Q" --rules "$MINI_R" linked-answers.cfg
check "a symbolic link: says it cannot be written" \
    grep -qF "cannot write linked-answers.cfg: not a regular file" "$TMP/err"
check "a symbolic link: no question was asked" not grep -q "Question 1 of" "$TMP/out"
# A report path taken by a folder: refused before the review too.
cp "$BASE" dir-answers.cfg && mkdir dir-report.txt
run_status 1 "a folder in the report's place: exit 1, before the review" review --plain \
    --consultant-name "$NAME" --questionnaire "$MINI_Q" --rules "$MINI_R" dir-answers.cfg
check "a folder in the report's place: says so" \
    grep -qF "cannot write dir-report.txt: not a regular file" "$TMP/err"
# A file name holding escape sequences (a window title, a clear screen): shown, never sent.
_esc=$(printf 'x\033]0;PWNED\007\033[2J-answers.cfg')
cp "$BASE" "$_esc"
printf '%s\n%s\n' 35 "the passport says so" >"$TMP/esc.in"
for _i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo; done >>"$TMP/esc.in"
"$SMPSCREEN" review --plain --consultant-name "$NAME" --today "$TODAY" \
    --questionnaire "$MINI_Q" --rules "$MINI_R" "$_esc" <"$TMP/esc.in" >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "a file name with escape sequences: reviewed and saved (exit 0)"
check "a file name with escape sequences: no ESC or BEL on stdout" \
    not grep -q "$(printf '[\033\007]')" "$TMP/out"
check "a file name with escape sequences: no ESC or BEL on stderr" \
    not grep -q "$(printf '[\033\007]')" "$TMP/err"
check "a file name with escape sequences: the name is still said, escaped" \
    grep -qF "x\\x1B]0;PWNED\\x07\\x1B[2J-answers.cfg" "$TMP/out"

if [ "$(id -u)" = 0 ]; then
	skip "a folder that cannot be written: exit 1" "root can write anywhere"
	skip "a folder that cannot be written: says so" "root can write anywhere"
else
	mkdir "$TMP/ro" && cp "$BASE" "$TMP/ro/" && chmod 555 "$TMP/ro"
	run_status 1 "a folder that cannot be written: exit 1" review --plain \
	    --consultant-name "$NAME" --questionnaire "$MINI_Q" --rules "$MINI_R" "$TMP/ro/$BASE"
	check "a folder that cannot be written: says so" grep -qF "cannot save in $TMP/ro" "$TMP/err"
	chmod 755 "$TMP/ro"
fi

done_testing
