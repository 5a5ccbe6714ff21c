#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the wizard's "About you" page (the clinic's ask_client_identity), in a
# private tmux server, on the mini questionnaire:
#   - without the setting (or with it false) Enter on the welcome page goes straight to the
#     first question; with it, the page comes first, and says why it asks;
#   - typed values (UTF-8, Backspace erasing whole characters) are saved as the answers
#     file's client group and head the saved clinic record; a date of birth that is not
#     YYYY-MM-DD is refused with the reason and nothing typed is lost;
#   - empty fields save no client group; an escape sequence typed into the name reaches
#     neither the terminal nor the saved files;
#   - Left on the first question comes back to the page, with what was given; a resumed
#     draft's client fills the fields; --consultant asks it too; it fits 40x15;
#   - in kiosk mode the second patient's page is empty, after a finished patient and after
#     one who stopped while typing.
#
# Synchronisation is by polling the screen for expected text, never by sleeping.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg

printf 'settings = { ask_client_identity = true; };\n' >"$TMP/ask.cfg"
printf 'settings = { ask_client_identity = false; };\n' >"$TMP/noask.cfg"

# mini NAME COLS ROWS SETTINGS [ARGS...]: the wizard on the mini questionnaire.
mini() {
	_n=$1 _c=$2 _r=$3 _s=$4
	shift 4
	launch "$_n" "$_c" "$_r" -- --settings "$_s" --questionnaire "$MINI_Q" --rules "$MINI_R" "$@"
}

# answers NAME: from the first question to the review (mini_to_review's answers, without
# the welcome page).
answers() {
	{
		echo "How old are you|34 Enter"
		echo "pregnant or breastfeeding|1"
		echo "Which result are you hoping|1"
		echo "Why are you considering SMP|2 Enter"
		echo "scalp scars you would|1 Enter"
		echo "Do any of these apply|1 Enter"
		echo "Prices vary|Enter"
	} >"$TMP/plan"
	while IFS='|' read -r _frag _keys; do
		wait_for "$1" "$_frag" || return 1
		# shellcheck disable=SC2086
		keys "$1" $_keys
	done <"$TMP/plan"
	wait_for "$1" "Review your answers"
}

# finish NAME: from the review, the result saved, then quit.
finish() {
	wait_for "$1" "Review your answers" && keys "$1" End Enter &&
	    wait_for "$1" "Saved to " && keys "$1" q
}

# type NAME TEXT: TEXT typed as it is (no key names).
type() { tm send-keys -t "$1" -l -- "$2"; }
erase() { # NAME N: Backspace N times
	_i=0
	while [ "$_i" -lt "$2" ]; do keys "$1" BSpace; _i=$((_i + 1)); done
}

saved_answers() { ls "$TMP/$1/cwd"/smpscreen-*-answers.cfg 2>/dev/null | head -n 1; }
saved_report() { ls "$TMP/$1/cwd"/smpscreen-*-report.txt 2>/dev/null | head -n 1; }

# === without the setting: no page ==========================================================
for s in none noask; do
	if [ "$s" = none ]; then
		launch "$s" 80 24 -- --questionnaire "$MINI_Q" --rules "$MINI_R"
	else
		mini "$s" 80 24 "$TMP/noask.cfg"
	fi
	wait_for "$s" "Enter: start" && keys "$s" Enter
	check_wait "$s" "How old are you" "$s: Enter on the welcome page goes to the first question"
	check "$s: no identity page on the way" not on_screen "Your name"
	done_run "$s"
done

# === the values typed are saved and head the clinic record =================================
mini typed 80 24 "$TMP/ask.cfg"
wait_for typed "Enter: start" && keys typed Enter
check_wait typed "Your name" "typed: with ask_client_identity, Enter on the welcome page shows the identity page"
screen_has typed "Clinic reference (if the clinic gave you one)" "typed: ... asking for the clinic's reference"
screen_has typed "Date of birth (YYYY-MM-DD)" "typed: ... and the date of birth"
screen_has typed "match this screening with your record" "typed: ... and saying why it asks"
check "typed: the first question is not shown yet" not on_screen "How old are you"
# "Examplë", two Backspaces, "le": whole characters go (one byte at a time would leave
# "Examplle").
type typed "Ann Examplë"
erase typed 2
type typed "le"
keys typed Tab
type typed "R-1234"
keys typed Tab
type typed "23/04/1985"
keys typed Enter
check_focus typed "[ Continue ]" "Ann Example" "typed: Enter in the last field moves to Continue"
keys typed Enter
check_wait typed "must be a date as YYYY-MM-DD" "typed: a date of birth not as YYYY-MM-DD is refused, saying why"
screen_has typed "Ann Example" "typed: ... the name typed is still there"
screen_has typed "R-1234" "typed: ... and the reference"
screen_has typed "23/04/1985" "typed: ... and the date, to be corrected"
check "typed: ... and the page stays" not on_screen "How old are you"
keys typed Up
erase typed 10
type typed "1985-04-23"
keys typed Down Enter
check_wait typed "How old are you" "typed: Continue with a good date goes to the first question"
# Left on the first question: back to the page, with what was given.
keys typed Left
check_wait typed "Your name" "typed: Left on the first question comes back to the identity page"
screen_has typed "Ann Example" "typed: ... with the name given"
screen_has typed "1985-04-23" "typed: ... and the date of birth"
keys typed End Enter
answers typed && finish typed
run_exit typed
is "$rc" 0 "typed: saved and quit: exit 0"
no_sanitizer typed
A=$(saved_answers typed)
R=$(saved_report typed)
cat >"$TMP/client.want" <<'EOF'
client = {
  name = "Ann Example";
  reference = "R-1234";
  date_of_birth = "1985-04-23";
};
EOF
sed -n '/^client = {$/,/^};$/p' "${A:-/dev/null}" >"$TMP/client.got"
same_file "$TMP/client.want" "$TMP/client.got" "typed: the answers file has the client group as typed"
check "typed: the client is not among the answers" \
    sh -c 'sed -n "/^answers = {\$/,/^};\$/p" "$1" | grep -q "age = 34" &&
        ! sed -n "/^answers = {\$/,/^};\$/p" "$1" | grep -qE "Ann|R-1234|1985"' sh "${A:-/dev/null}"
check "typed: the saved report heads with Client: Ann Example" grep -q "Client: Ann Example" "${R:-/dev/null}"
check "typed: ... Client reference: R-1234" grep -q "Client reference: R-1234" "${R:-/dev/null}"
check "typed: ... Date of birth: 1985-04-23" grep -q "Date of birth: 1985-04-23" "${R:-/dev/null}"
done_run typed

# === empty fields: no client group ==========================================================
mini empty 80 24 "$TMP/ask.cfg"
wait_for empty "Enter: start" && keys empty Enter
wait_for empty "Your name" && keys empty Enter Enter Enter
check_focus empty "[ Continue ]" "Your name" "empty: Enter moves from field to field to Continue"
keys empty Enter
check_wait empty "How old are you" "empty: Continue with every field empty goes on"
answers empty && finish empty
run_exit empty
A=$(saved_answers empty)
R=$(saved_report empty)
check "empty: the answers file was saved" test -f "${A:-/nonexistent}"
check "empty: it has no client group" not grep -q "client" "${A:-/dev/null}"
check "empty: the report says Client: not recorded" grep -q "Client: not recorded" "${R:-/dev/null}"
check "empty: ... with no reference or date of birth" \
    not grep -qE "Client reference:|Date of birth:" "${R:-/dev/null}"
done_run empty

# === an escape sequence typed into the name =================================================
mini hostile 80 24 "$TMP/ask.cfg"
wait_for hostile "Enter: start" && keys hostile Enter
wait_for hostile "Your name"
type hostile "Eve"
# ESC ] 0 ; PWNED BEL (a title change), ESC [ 3 1 m (red), a raw C1 CSI byte, then text.
hexkeys hostile 1b 5d 30 3b 50 57 4e 45 44 07 1b 5b 33 31 6d 9b
type hostile "Red"
wait_for hostile "Red"
check "hostile: the title did not change" test "$(tm display -p -t hostile '#{pane_title}')" != PWNED
keys hostile Down Down Down Enter
check_wait hostile "How old are you" "hostile: the sanitised name is taken"
answers hostile && finish hostile
run_exit hostile
A=$(saved_answers hostile)
R=$(saved_report hostile)
check "hostile: the answers file has the name, without the controls" \
    grep -q 'name = "Eve.*Red";' "${A:-/dev/null}"
check "hostile: no control character in the answers file" no_controls "${A:-/dev/null}"
check "hostile: no control character in the report" no_controls "${R:-/dev/null}"
check "hostile: the report names the client" grep -q "Client: Eve.*Red" "${R:-/dev/null}"
check "hostile: no BEL or OSC reached the terminal" \
    sh -c '! LC_ALL=C grep -q "$(printf "\\033]0;PWNED")" "$1"' sh "$TMP/hostile/raw"
no_sanitizer hostile
done_run hostile

# === a draft's client fills the fields ======================================================
mini draft 80 24 "$TMP/ask.cfg"
wait_for draft "Enter: start" && keys draft Enter
wait_for draft "Your name" && type draft "Dora Draft"
keys draft Down Down
type draft "1970-01-02"
keys draft Down Enter
wait_for draft "How old are you" && keys draft q
wait_for draft "Quit?" && keys draft y
run_exit draft
check "draft: quitting kept a draft" test -f "$(draft_of "$TMP/draft/state")"
# The same account again: the welcome page offers the draft; r continues it.
mkdir -p "$TMP/draft2"
cp -R "$TMP/draft/state" "$TMP/draft2/state"
mini draft2 80 24 "$TMP/ask.cfg"
wait_for draft2 "r: continue" && keys draft2 r
check_wait draft2 "Dora Draft" "draft: continuing shows the identity page with the draft's name"
screen_has draft2 "1970-01-02" "draft: ... and its date of birth"
keys draft2 End Enter
check_wait draft2 "How old are you" "draft: Continue goes on to what is still missing"
done_run draft2

# === --consultant asks it too ===============================================================
mini cons 80 24 "$TMP/ask.cfg" --consultant
wait_for cons "Enter: start" && keys cons Enter
check_wait cons "Your name" "consultant: the identity page is asked in consultant mode too"
done_run cons

# === 40x15 ==================================================================================
mini small 40 15 "$TMP/ask.cfg"
wait_for small "Enter: start" && keys small Enter
check_wait small "Your name" "40x15: the identity page shows"
screen_has small "Date of birth" "40x15: ... with every field"
screen_has small "[ Continue ]" "40x15: ... and Continue"
keys small End Enter
check_wait small "How old are you" "40x15: Continue works"
done_run small

# === kiosk: the second patient's page is empty ==============================================
printf '1234\n1234\n' >"$TMP/pins"
HASH_LINE=$("$SMPSCREEN" pin-hash <"$TMP/pins" 2>/dev/null)
P=$TMP/kiosk-reports
printf 'settings = {\n  ask_client_identity = true;\n  report_dir = "%s";\n  %s\n};\n' \
    "$P" "$HASH_LINE" >"$TMP/kiosk.cfg"
launch kiosk 80 24 -- --settings "$TMP/kiosk.cfg" --questionnaire "$MINI_Q" --rules "$MINI_R" kiosk
wait_for kiosk "Enter: start" && keys kiosk Enter
check_wait kiosk "Your name" "kiosk: the identity page shows"
type kiosk "Kim Kiosk"
keys kiosk Down
type kiosk "K-77"
keys kiosk End Enter
answers kiosk && keys kiosk End Enter
check_wait kiosk "Saved for the clinic." "kiosk: patient 1 is saved"
R=$(ls "$P"/smpscreen-*-report.txt 2>/dev/null | head -n 1)
check "kiosk: patient 1's record names the client" grep -q "Client: Kim Kiosk" "${R:-/dev/null}"
keys kiosk Enter
wait_for kiosk "Thank you." && keys kiosk Space
wait_for kiosk "Enter: start" && keys kiosk Enter
check_wait kiosk "Your name" "kiosk: patient 2 gets the identity page"
check "kiosk: ... empty (nothing of patient 1)" sh -c '! grep -qE "Kim|K-77" "$1"' sh "$SCR"
# Patient 2 types a name and stops before Continue: patient 3 finds nothing of it.
type kiosk "Pat Two"
wait_for kiosk "Pat Two" && keys kiosk End q
wait_for kiosk "Stop?" && keys kiosk y
wait_for kiosk "Enter: start" && keys kiosk Enter
check_wait kiosk "Your name" "kiosk: patient 3 gets the identity page"
check "kiosk: ... without what patient 2 typed" not on_screen "Pat Two"
check "kiosk: patient 2 saved nothing" test "$(ls "$P" | wc -l | tr -d ' ')" = 2
no_sanitizer kiosk
done_run kiosk

done_testing
