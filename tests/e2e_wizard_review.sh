#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the wizard's review, result and quit dialog (issue 8, items 2 and 5,
# and item 4 for these pages), driven in a private tmux server with lib.sh's helpers, as
# tests/e2e_wizard.sh drives the wizard:
#   - the result is saved as soon as it shows, and says where; q then just quits; a change
#     made after saving is saved again, over the same files; a save that fails says why in
#     full, keeps the draft when quitting (exit 1) and the draft then continues;
#   - the review uses the whole width, r shows the result from any item, and the hint line
#     says so (with Home/End/PgUp/PgDn);
#   - at 40x15 every key of the review and the result is on the hint line or in the list
#     that ? shows, and no message, dialog, row or footer is cut off mid-word.
#
# Synchronisation is by polling the screen for expected text, never by sleeping.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg

# The saved files in DIR (a run's cwd/ or its --output-dir).
saved_answers() { ls "$1"/smpscreen-*-answers.cfg 2>/dev/null | head -n 1; }
saved_report() { ls "$1"/smpscreen-*-report.txt 2>/dev/null | head -n 1; }

# The screen without any space or line break: text wrapped anywhere (a long path is split
# between lines) is still found whole. compact_has NAME TEXT DESC is a test point.
_compact_has() { cap "$1" && tr -d ' \n' <"$SCR" | grep -qF -- "$(printf '%s' "$2" | tr -d ' ')"; }
compact_has() {
	if [ "$derailed" = 0 ] && poll _compact_has "$1" "$2"; then ok "$3"
	else not_ok "$3"; comment "'$2' is not on the screen, even wrapped:"; comment_file "$SCR" 45; fi
}
# wait_size NAME ROWS: the program draws for the window's real size: the footer is on its
# last line. (It starts with the terminfo entry's 80x24 and learns the real size at the
# first pause between keys: keys sent faster would all land on an 80x24 layout.)
_footer_on() { cap "$1" && sed -n "$2p" "$SCR" | grep -q 'A screening aid'; }
wait_size() { [ "$derailed" = 0 ] && poll _footer_on "$1" "$2"; }

# === Item 2: the result is saved as it shows ===================================================
launch auto 80 24 -- --questionnaire "$MINI_Q" --rules "$MINI_R"
mini_to_review auto && to_result auto
check_wait auto "Saved to ./smpscreen-$TODAY-" "saved: reaching the result saves it, no key needed"
R=$(saved_report "$TMP/auto/cwd")
A=$(saved_answers "$TMP/auto/cwd")
screen_has auto "Saved to ./${R##*/}" "saved: the message names the saved report"
is "$(files_in "$TMP/auto/cwd" | wc -l | tr -d ' ')" 2 "saved: the answers and the report are there"
is "$(file_mode "${R:-/nonexistent}")$(file_mode "${A:-/nonexistent}")" 600600 "saved: both are mode 0600"
check "saved: the draft is gone" test -z "$(files_in "$TMP/auto/state/smpscreen")"
check "saved: the hint line no longer offers s" not on_screen "s save"
# Back to the review, the goal changed (Q3: buzz look -> scars only), the result again: it
# is saved again, over its own two files.
keys auto Left
wait_for auto "Review your answers" && keys auto Home Down Down Enter
wait_for auto "Which result are you hoping for" && keys auto 2
wait_for auto "-> Only hide one or more scars" && keys auto End Enter
check_wait auto "Saved to ./${R##*/}" "saved again: a changed answer is saved again, under the same names"
is "$(files_in "$TMP/auto/cwd" | wc -l | tr -d ' ')" 2 "saved again: still two files, no new ones"
check "saved again: the answers file has the changed goal" \
    grep -qx '  goal = "scar_only";' "${A:-/nonexistent}"
check "saved again: the draft kept while changing is gone again" \
    test -z "$(files_in "$TMP/auto/state/smpscreen")"
keys auto q
run_exit auto
is "$rc" 0 "saved: q on the result quits at once, exit 0"
check "saved: nothing on stderr" test ! -s "$TMP/auto/err"
no_sanitizer auto
done_run auto

# A save that fails: the folder (a long name, so that the reason is longer than a line at
# 80 columns) is replaced by a file after the program checked it.
LONG=folder-for-the-saved-consultations-of-this-clinic
mkdir -p "$TMP/fail/cwd/$LONG"
launch fail 80 24 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --output-dir "$LONG"
mini_to_review fail && rmdir "$TMP/fail/cwd/$LONG" && : >"$TMP/fail/cwd/$LONG" && to_result fail
compact_has fail "Could not save: cannot write $LONG/smpscreen-$TODAY-" \
    "save failure: the reason is shown ..."
compact_has fail "-answers.cfg: Not a directory. s tries again; your answers are kept in the draft." \
    "save failure: ... in full, wrapped, with what to do"
screen_has fail "s try again" "save failure: the hint line offers s"
keys fail q
compact_has fail "Not saved. Quit anyway? Your answers stay in the draft: smpscreen continues them. y: quit n: stay" \
    "save failure: q asks, and says that the draft keeps the answers"
keys fail y
run_exit fail
is "$rc" 1 "save failure: y quits with exit 1"
DRAFT=$(draft_of "$TMP/fail/state")
check "save failure: the draft is kept, with the answers" grep -qx '  goal = "buzz_look";' "$DRAFT"
check "save failure: stderr says why the result was not saved" \
    grep -q "the result was not saved: cannot write $LONG/smpscreen-$TODAY-.*-answers.cfg: Not a directory" \
    "$TMP/fail/err"
check "save failure: stderr says where the answers are and how to continue" \
    grep -qF "the answers are kept in $DRAFT; smpscreen (or smpscreen --resume $DRAFT) continues them" \
    "$TMP/fail/err"
no_sanitizer fail
done_run fail
# The folder is back: the next run offers the draft, goes to the review, and saves.
rm -f "$TMP/fail/cwd/$LONG"
mkdir -p "$TMP/again/cwd/$LONG"
launch again 80 24 "XDG_STATE_HOME=$TMP/fail/state" -- --questionnaire "$MINI_Q" --rules "$MINI_R" \
    --output-dir "$LONG"
wait_for again "r: continue where you left off" && keys again r
check_wait again "Review your answers" "save failure, then the draft: every answer is there (the review shows)"
keys again End Enter
check_wait again "Saved to $LONG/smpscreen-$TODAY-" "save failure, then the draft: the result is saved"
keys again q
run_exit again
is "$rc" 0 "save failure, then the draft: exit 0"
check "save failure, then the draft: the draft is gone" test ! -e "$DRAFT"
is "$(files_in "$TMP/again/cwd/$LONG" | wc -l | tr -d ' ')" 2 "save failure, then the draft: both files saved"
no_sanitizer again
done_run again

# === Item 5: the review ==========================================================================
# 132 columns, with a consultant's note longer than 76 columns: the review shows it whole.
NOTE="Please call on the mobile number in the file before the first session, mornings suit best, never on Fridays."
launch wide 132 43 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --consultant
wait_size wide 43
wait_for wide "Enter: start" && keys wide Enter
for _step in "How old are you|34 Enter" "pregnant or breastfeeding|1" \
    "Which result are you hoping|1" "Why are you considering SMP|2 Enter" \
    "scalp scars|1 Enter" "Do any of these apply|1 Enter" "unwell today|2"; do
	# shellcheck disable=SC2086
	wait_for wide "${_step%|*}" && keys wide ${_step#*|}
done
wait_for wide "Anything else the practitioner" && tm send-keys -t wide -l "$NOTE" && keys wide Enter
wait_for wide "Prices vary" && keys wide Enter
wait_for wide "Review your answers"
screen_has wide "$NOTE" "review at 132 columns: a long answer is shown whole (no cut at 76)"
screen_has wide "r see the result" "review: the hint line names the key to the result"
screen_has wide "Up/Down/PgUp/PgDn/Home/End" "review: ... and Home/End/PgUp/PgDn"
check_focus wide "Q1. How old" "[ See the result ]" "review: the focus starts on the first answer"
keys wide r
check_wait wide "Your screening result" "review: r on the first answer shows the result"
keys wide q
run_exit wide
is "$rc" 0 "review: exit 0"
no_sanitizer wide
done_run wide

# r with an answer missing opens that question first, as See the result does.
launch miss 80 24 -- --questionnaire "$MINI_Q" --rules "$MINI_R"
mini_to_review miss
keys miss Down Down Down Down Enter
wait_for miss "[x] No scars to cover" && keys miss 1 3 Enter
wait_for miss "How many whole months old" && keys miss Left
wait_for miss "Review your answers" && keys miss Home r
check_wait miss "This question still needs an answer." "review: r with an answer missing says so"
screen_has miss "How many whole months old" "review: ... and opens that question"
keys miss 6 Enter
wait_for miss "Review your answers" && keys miss r
check_wait miss "Saved to ./smpscreen-$TODAY-" "review: once answered, r shows the result (saved)"
keys miss q
run_exit miss
is "$rc" 0 "review, an answer missing: exit 0"
no_sanitizer miss
done_run miss

# === Item 4: 40x15, the smallest window ===========================================================
launch small 40 15 -- --questionnaire "$MINI_Q" --rules "$MINI_R"
wait_size small 15
mini_to_review small
settled small
is "$(line 14)" " r result  Home/End/PgUp/PgDn  ? keys" \
    "40x15 review: the hint line names r, Home/End, PgUp/PgDn and ?"
check "40x15 review: a question too long for its row ends in an ellipsis" \
    sh -c 'grep "Q2\. Are you pregnant" "$1" | grep -q "…$"' sh "$SCR"
is "$(line 15)" " Screening aid: a practitioner decides." \
    "40x15 review: the footer is the disclaimer's short form, whole"
keys small '?'
check_wait small "Enter: change the marked answer" "40x15 review: ? lists Enter"
for k in "r: see the result" "Left/Backspace: the last question" "q or Ctrl-C: quit" \
    "PgUp/PgDn: move a page" "Home/End: the first / the last item" "Up/Down (or k/j): move"; do
	screen_has small "$k" "40x15 review: ? lists '$k'"
done
keys small Enter
check_wait small "Q1. How old" "40x15 review: Enter closes the list"
check_focus small "Q1. How old" "[ See the result ]" "40x15 review: ... and changes nothing (no question opened)"
keys small q
compact_has small "Quit? y: keep a draft to continue later d: delete the answers n: stay" \
    "40x15 review: the quit dialog is shown whole"
keys small n
wait_gone small "Quit?" && keys small r
wait_for small "Your screening result"
R=$(saved_report "$TMP/small/cwd")
compact_has small "Saved to ./${R##*/}" "40x15 result: the saved path is shown whole"
settled small
is "$(line 14)" " Up/Down scroll  q quit  ? all keys" "40x15 result: the hint line fits"
is "$(line 15)" " Screening aid: a practitioner decides." \
    "40x15 result: the footer is the disclaimer's short form, whole"
keys small '?'
check_wait small "Left/Backspace: back to the review" "40x15 result: ? lists Left/Backspace"
for k in "PgUp/PgDn or Space: scroll a page" "Home/End: the start / the end" \
    "Up/Down (or k/j): scroll a line" "q or Ctrl-C: quit"; do
	screen_has small "$k" "40x15 result: ? lists '$k'"
done
check "40x15 result: ? lists no s (the result is saved)" not on_screen "s: try"
keys small '?'
check_wait small "Saved to" "40x15 result: ? closes the list"
keys small q
run_exit small
is "$rc" 0 "40x15: q on the saved result quits, exit 0"
no_sanitizer small
done_run small

# A failed save at 40x15: the reason, the retry key and the dialog, all whole.
mkdir -p "$TMP/smallfail/cwd/out"
launch smallfail 40 15 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --output-dir out
wait_size smallfail 15
mini_to_review smallfail && rmdir "$TMP/smallfail/cwd/out" && : >"$TMP/smallfail/cwd/out" &&
    to_result smallfail
compact_has smallfail "Could not save: cannot write out/smpscreen-$TODAY-" "40x15 failure: the message ..."
compact_has smallfail "-answers.cfg: Not a directory. s tries again; your answers are kept in the draft." \
    "40x15 failure: ... is whole"
settled smallfail
is "$(line 14)" " s try again  q quit  ? all keys" "40x15 failure: the hint line offers s"
keys smallfail '?'
check_wait smallfail "s: try saving again" "40x15 failure: ? lists s"
keys smallfail Enter
wait_for smallfail "Could not save" && keys smallfail q
compact_has smallfail "Not saved. Quit anyway? Your answers stay in the draft: smpscreen continues them. y: quit n: stay" \
    "40x15 failure: the quit dialog is whole"
keys smallfail y
run_exit smallfail
is "$rc" 1 "40x15 failure: exit 1"
check "40x15 failure: the draft is kept" test -f "$(draft_of "$TMP/smallfail/state")"
no_sanitizer smallfail
done_run smallfail

done_testing
