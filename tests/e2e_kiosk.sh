#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `smpscreen kiosk`, the clinic kiosk, driven in a private tmux server
# with lib.sh's helpers, on the mini questionnaire (short patients):
#   - two patients back to back: both saved (0600, in a 0700 folder the kiosk made), and
#     nothing of the first on the second's screens or in the terminal's history;
#   - a consultation left alone: "are you still there?" counts down, then the answers go
#     and nothing is written; a key during the countdown keeps them; a saved result goes
#     back to the welcome page after the idle time, an unsaved one does not;
#   - Ctrl-C, Ctrl-Z and Ctrl-\ do nothing; q asks before clearing the answers;
#   - the staff PIN: masked, wrong three times locks it, the right one opens the menu,
#     which ends the kiosk with exit 0 (F10 and Esc 0);
#   - SIGTERM and SIGHUP mid-consultation: exit 0, nothing left anywhere;
#   - every unsafe start is refused (exit 2) naming the setting to fix; `check` says
#     whether a kiosk is ready; `pin-hash` prints the settings line and never echoes;
#   - a save that fails: the result stays for staff, who try again from the menu;
#   - 200 patients in one process (python3 drives a pty): all saved, memory stays flat.
#
# The kiosk's own timers (idle 30 s, countdown 30 s, PIN lock 60 s) are the slow part:
# the sessions that wait for them are started first and the quick tests run meanwhile, so
# that the script takes about as long as the longest timer. Synchronisation is by polling
# the screen for expected states, never by sleeping: nothing here measures time.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg
PIN=1234

# --- helpers ---------------------------------------------------------------------------------

# settings FILE LINE...: a clinic settings file with these lines in its group.
settings() {
	_f=$1
	shift
	{
		echo 'settings = {'
		for _l in "$@"; do printf '  %s\n' "$_l"; done
		echo '};'
	} >"$_f"
}

# kiosk NAME [VAR=VALUE]...: the kiosk at 80x24 on the mini questionnaire, with the
# settings file $TMP/NAME.cfg (written by the caller).
kiosk() {
	_k=$1
	shift
	launch "$_k" 80 24 "$@" -- --settings "$TMP/$_k.cfg" --questionnaire "$MINI_Q" \
	    --rules "$MINI_R" kiosk
}

# patient NAME AGE HEART: from the welcome page to the review of one patient: AGE, not
# pregnant, a buzz look, scars (none to cover), HEART the key of "Do any of these apply"
# (1: none, 2: a heart condition). When $SEEN is set, every screen is appended to it.
patient() {
	{
		echo "How old are you|$2 Enter"
		echo "pregnant or breastfeeding|1"
		echo "Which result are you hoping|1"
		echo "Why are you considering SMP|2 Enter"
		echo "scalp scars you would|1 Enter"
		echo "Do any of these apply|$3 Enter"
		echo "Prices vary|Enter"
	} >"$TMP/plan"
	wait_for "$1" "Enter: start" && keys "$1" Enter
	while IFS='|' read -r _frag _keys; do
		wait_for "$1" "$_frag" || return 1
		[ -z "${SEEN:-}" ] || cat "$SCR" >>"$SEEN"
		case $_frag in How\ old*) cp "$SCR" "$TMP/$1/age-screen" ;; esac
		# shellcheck disable=SC2086
		keys "$1" $_keys
	done <"$TMP/plan"
	wait_for "$1" "Review your answers"
}

# The kiosk's timers are longer than wait_for's 10 s: wait_long NAME TEXT waits up to 90 s
# (a state, not a duration: it returns as soon as TEXT shows). It does not derail later
# waits, since the sessions waiting on timers are independent of each other.
_poll_long() { poll_upto 1800 "$@"; }
wait_long() {
	_poll_long _on_screen "$1" "$2" && return 0
	comment "timed out waiting (90 s) for '$2'; the screen of $1:"
	comment_file "$SCR" 30
	return 1
}
check_long() { # NAME TEXT DESC
	if wait_long "$1" "$2"; then ok "$3"; else not_ok "$3"; fi
}
# The screen without spaces and line breaks: a long path wrapped anywhere is found whole.
_compact_has() { cap "$1" && tr -d ' \n' <"$SCR" | grep -qF -- "$(printf '%s' "$2" | tr -d ' ')"; }
compact_has() { # NAME TEXT DESC
	if poll _compact_has "$1" "$2"; then ok "$3"
	else not_ok "$3"; comment "'$2' is not on the screen, even wrapped:"; comment_file "$SCR" 30; fi
}
# Everything tmux keeps of a pane: its history and screen, and the screen saved under the
# alternate screen (an error, so nothing, when there is none).
history_of() { # NAME FILE
	tm capture-pane -p -t "$1" -S - -E - >"$2" 2>/dev/null
	tm capture-pane -p -a -t "$1" -S - -E - >>"$2" 2>/dev/null
	:
}
# Files that hold anything under DIRS: drafts, temporaries, saved consultations.
any_files() { find "$@" -type f 2>/dev/null; }
# alive_same NAME REF: the program runs, not stopped, and shows REF (Ctrl-L repaints
# first: it is the sign that the keys sent before it were read).
alive_same() {
	_p=$(pid_of "$1")
	keys "$1" C-l
	wait_screen "$1" "$2" && kill -0 "$_p" 2>/dev/null &&
	    case $(ps -o stat= -p "$_p" 2>/dev/null) in T* | t* | "") false ;; *) true ;; esac
}
report_of() { ls "$1"/smpscreen-*-report.txt 2>/dev/null | tail -n 1; }

# === pin-hash, piped ===========================================================================
# Every kiosk below uses a hash that pin-hash made: the PIN opening the menu proves it.
printf '%s\n%s\n' "$PIN" "$PIN" >"$TMP/pins"
RUN_STDIN=$TMP/pins run pin-hash
HASH_LINE=$(cat "$TMP/out")
is "$rc" 0 "pin-hash: two equal PINs: exit 0"
check "pin-hash: stdout is one line, staff_pin_hash = \"\$y\$...\";" \
    sh -c 'test "$(wc -l <"$1")" -eq 1 && grep -qxE "staff_pin_hash = \"\\\$y\\\$[^\"]+\";" "$1"' sh "$TMP/out"
check "pin-hash: no prompt when stdin is not a terminal" test ! -s "$TMP/err"
mkdir -m 700 "$TMP/ready"
settings "$TMP/ready.cfg" "report_dir = \"$TMP/ready\";" "$HASH_LINE"
run check "$TMP/ready.cfg"
if [ "$rc" = 0 ] && grep -qF "$TMP/ready.cfg: kiosk: ready (staff PIN set; saves in $TMP/ready; idle after 300 s)" "$TMP/out"; then
	ok "pin-hash: check accepts its line: kiosk: ready"
else
	not_ok "pin-hash: check accepts its line: kiosk: ready"
	comment "exit $rc"; comment_file "$TMP/out"; comment_file "$TMP/err"
fi
printf '%s\n%s\n' "$PIN" 4321 >"$TMP/pins"
RUN_STDIN=$TMP/pins run pin-hash
is "$rc:$(wc -c <"$TMP/out" | tr -d ' ')" 2:0 "pin-hash: two different PINs: exit 2, nothing on stdout"
check "pin-hash: ... stderr says they differ" grep -q 'the two PINs differ; nothing was printed' "$TMP/err"
printf '123\n123\n' >"$TMP/pins"
RUN_STDIN=$TMP/pins run pin-hash
is "$rc:$(wc -c <"$TMP/out" | tr -d ' ')" 2:0 "pin-hash: a PIN of 3 characters: exit 2, nothing on stdout"
check "pin-hash: ... stderr says at least 4" grep -q 'at least 4 characters' "$TMP/err"

# === the sessions that wait for the kiosk's timers (started first, checked at the end) =====
# idle: a question answered, then nobody: "are you still there?", then the welcome page.
settings "$TMP/idle.cfg" "report_dir = \"$TMP/idle/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk idle
wait_for idle "Enter: start" && keys idle Enter
wait_for idle "How old are you" && keys idle 3 4 Enter
wait_for idle "pregnant or breastfeeding"
idle_ok=$((1 - derailed))

# keep: two questions answered, then a key during the countdown: the answers stay.
settings "$TMP/keep.cfg" "report_dir = \"$TMP/keep/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk keep
wait_for keep "Enter: start" && keys keep Enter
wait_for keep "How old are you" && keys keep 3 4 Enter
wait_for keep "pregnant or breastfeeding" && keys keep 1
wait_for keep "Which result are you hoping"
keep_ok=$((1 - derailed))

# fail: the report folder is replaced by a file once the kiosk has checked it (as root,
# chmod would not stop the write); the result cannot be saved.
settings "$TMP/fail.cfg" "report_dir = \"$TMP/fail/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk fail
patient fail 34 1 && mv "$TMP/fail/reports" "$TMP/fail/away" && : >"$TMP/fail/reports" &&
    keys fail End Enter
check_wait fail "Could not save - please call staff. This result stays on the screen until they come." \
    "failed save: the result page says so and to call staff"
screen_has fail "Not saved: please call staff" "failed save: the hint line says to call staff"
check "failed save: it does not say 'Saved for the clinic.'" not on_screen "Saved for the clinic."
settled fail && cp "$SCR" "$TMP/fail/unsaved"
keys fail Enter
check_wait fail "Not saved yet: please call staff." "failed save: Enter (I have finished) says to call staff"
# Whether or not that showed: once Ctrl-L has repainted, the result is still there.
derailed=0
keys fail C-l
if poll _on_screen fail "Could not save - please call staff" && on_screen "Your screening result"; then
	ok "failed save: Enter leaves the unsaved result on the screen"
else
	not_ok "failed save: Enter leaves the unsaved result on the screen"; comment_file "$SCR" 30
fi
fail_ok=$((1 - derailed))

# lock: three wrong PINs lock the prompt for 60 s.
settings "$TMP/lock.cfg" "report_dir = \"$TMP/lock/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk lock
wait_for lock "Enter: start" && keys lock F10
check_wait lock "Staff PIN:" "staff: F10 opens the staff PIN prompt"
keys lock 9 8 7
wait_for lock "***"
check "staff: the PIN typed is masked (*** shown, not 987)" not on_screen 987
keys lock Enter
check_wait lock "Wrong PIN." "staff: a wrong PIN says so"
keys lock 9 9 9 9 Enter 9 9 9 8 Enter
check_wait lock "Locked after 3 wrong PINs: try again in " "staff: the third wrong PIN locks the prompt"
check "staff: the lock counts seconds down from at most 60" \
    sh -c 'n=$(tr "\n" " " <"$1" | sed -n "s/.*try again in \([0-9]*\) second.*/\1/p"); test -n "$n" && test "$n" -ge 1 && test "$n" -le 60' sh "$SCR"
# The right PIN while locked, then x and Esc: had the menu opened, x would end the kiosk;
# on the locked prompt x is nothing and Esc goes back to the welcome page.
keys lock 1 2 3 4 Enter x Escape
check_wait lock "Enter: start" "staff: Esc leaves the prompt"
check "staff: the right PIN typed while locked does not open the menu (x did not end the kiosk)" \
    kill -0 "$(pid_of lock)"
keys lock F10
check_wait lock "Locked after 3 wrong PINs" "staff: closing and opening the prompt does not end the lock"
lock_ok=$((1 - derailed))

# === two patients back to back ===============================================================
# TERM=tmux-256color: its terminfo has E3, the sequence that clears the scrollback. The
# report folder does not exist yet: the kiosk makes it, 0700.
P=$TMP/pat/reports
settings "$TMP/pat.cfg" "report_dir = \"$P\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk pat TERM=tmux-256color
wait_for pat "Enter: start"
settled pat && cp "$SCR" "$TMP/pat/welcome1"
# Patient 1: 34, a heart condition (refer to a cardiologist).
patient pat 34 2
screen_has pat "-> 34 years" "patient 1: the review shows the age 34"
keys pat End Enter
check_wait pat "Saved for the clinic." "patient 1: the result is saved"
screen_has pat "ardiologist" "patient 1: the result refers to a cardiologist"
screen_has pat "Enter: I have finished" "patient 1: the hint line says Enter when finished"
check "patient 1: the result shows no file name (staff business)" not on_screen "smpscreen-$TODAY"
R1=$(report_of "$P")
STEM1=$(basename "${R1:-none}" -report.txt)
keys pat Enter
check_wait pat "Thank you. Your answers are saved for the clinic." "patient 1: Enter shows the thank-you page"
screen_has pat "Please let the staff know you have finished." "patient 1: ... which asks to tell the staff"
check "patient 1: the thank-you page shows nothing of the patient" \
    sh -c '! grep -qE "34|ardiologist|heart" "$1"' sh "$SCR"
keys pat Space
wait_for pat "Enter: start"
settled pat && cp "$SCR" "$TMP/pat/welcome2"
# Patient 2: 57, no heart condition. Every screen is kept, to look for patient 1 in it.
SEEN=$TMP/pat/seen
cp "$TMP/pat/welcome2" "$SEEN"
patient pat 57 1
cat "$SCR" >>"$SEEN"
screen_has pat "-> 57 years" "patient 2: the review shows the age 57"
check "patient 2: the age question started empty (not 34)" \
    sh -c 'grep -qx " > *" "$1" && ! grep -q 34 "$1"' sh "$TMP/pat/age-screen"
keys pat End Enter
wait_for pat "Saved for the clinic." && cat "$SCR" >>"$SEEN"
history_of pat "$TMP/pat/history2"
keys pat Enter
wait_for pat "Thank you." && cat "$SCR" >>"$SEEN"
SEEN=
if grep -nE '34 years|-> 34|ardiologist|heart condition needs' "$TMP/pat/seen" >"$TMP/pat/leak"; then
	not_ok "patient 2: no screen shows patient 1's age or result"
	comment_file "$TMP/pat/leak"
else
	ok "patient 2: no screen shows patient 1's age or result"
fi
check "patient 2: no screen shows patient 1's file name" not grep -qF "$STEM1" "$TMP/pat/seen"
if grep -nE '34 years|-> 34|ardiologist|heart condition needs' "$TMP/pat/history2" >"$TMP/pat/leak"; then
	not_ok "patient 2: tmux's history (and the saved normal screen) has nothing of patient 1"
	comment_file "$TMP/pat/leak"
else
	ok "patient 2: tmux's history (and the saved normal screen) has nothing of patient 1"
fi
check "welcome page: never offers to continue (first patient)" not grep -qiE 'continue|left off|(^| )r:' "$TMP/pat/welcome1"
check "welcome page: never offers to continue (after a patient)" not grep -qiE 'continue|left off|(^| )r:' "$TMP/pat/welcome2"
check "welcome page: no quit key (Enter: start only)" grep -qx ' Enter: start' "$TMP/pat/welcome1"
# The terminal's scrollback is cleared after patient 1: an E3 follows the last byte of
# patient 1's result in the output stream.
_e3=$(LC_ALL=C grep -abo "$(printf '\033')\\[3J" "$TMP/pat/raw" 2>/dev/null | tail -n 1 | cut -d: -f1)
_p1=$(LC_ALL=C grep -abo 'ardiologist' "$TMP/pat/raw" 2>/dev/null | tail -n 1 | cut -d: -f1)
check "TERM=tmux-256color: the scrollback is cleared (E3 sent) after patient 1's result" \
    test -n "$_e3" -a -n "$_p1" -a "${_e3:-0}" -gt "${_p1:-0}"
keys pat Space
wait_for pat "Enter: start" && keys pat F10
wait_for pat "Staff PIN:" && tm send-keys -t pat -l "$PIN" && keys pat Enter
check_wait pat "Staff menu" "staff: the right PIN opens the staff menu"
screen_has pat "1  back to the kiosk" "staff menu: 1 goes back to the kiosk"
screen_has pat "x  exit the kiosk" "staff menu: x exits the kiosk"
R2=$(ls "$P"/smpscreen-*-report.txt 2>/dev/null | grep -vxF "$R1")
compact_has pat "Last saved report: $R2 (2 saved since the kiosk started)" \
    "staff menu: names the last saved report and counts 2"
check "staff menu: offers no s or d when everything is saved" \
    sh -c '! grep -qE "try saving again|discard" "$1"' sh "$SCR"
keys pat x
run_exit pat
is "$rc" 0 "staff menu: x ends the kiosk, exit 0"
is "$(files_in "$P" | wc -l | tr -d ' ')" 4 "two patients: two pairs of files in report_dir"
_modes=$(for _f in "$P"/smpscreen-*; do [ -e "$_f" ] && file_mode "$_f"; done | sort -u | tr '\n' ' ')
is "$_modes" "600 " "two patients: every file is mode 0600"
is "$(file_mode "$P")" 700 "two patients: the kiosk made report_dir, mode 0700"
check "two patients: patient 1's answers say 34, patient 2's say 57" sh -c '
    grep -qx "  age = 34;" "$1/$2-answers.cfg" &&
    test "$(grep -lx "  age = 57;" "$1"/*-answers.cfg | wc -l)" -eq 1' sh "$P" "$STEM1"
check "two patients: no draft, no temporary file" \
    test -z "$(any_files "$TMP/pat/home" "$TMP/pat/state")$(temp_files "$TMP/pat")"
history_of pat "$TMP/pat/history3"
check "after the kiosk: the terminal's history has nothing of either patient" \
    not grep -qE '34 years|57 years|ardiologist|Review your answers' "$TMP/pat/history3"
check "after the kiosk: nothing on stderr" test ! -s "$TMP/pat/err"
no_sanitizer pat
done_run pat

# === Ctrl-C, Ctrl-Z, Ctrl-\; q; Esc 0 =========================================================
settings "$TMP/ctl.cfg" "report_dir = \"$TMP/ctl/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk ctl
wait_for ctl "Enter: start" && settled ctl && cp "$SCR" "$TMP/ctl/ref"
keys ctl C-c C-z 'C-\'
check "Ctrl-C, Ctrl-Z, Ctrl-\\ on the welcome page: running, not stopped, same page" \
    alive_same ctl "$TMP/ctl/ref"
keys ctl Enter
wait_for ctl "How old are you" && keys ctl 3
wait_for ctl "> 3" && settled ctl && cp "$SCR" "$TMP/ctl/ref"
keys ctl C-c C-z 'C-\'
check "Ctrl-C, Ctrl-Z, Ctrl-\\ on a question: running, not stopped, same page, typing kept" \
    alive_same ctl "$TMP/ctl/ref"
keys ctl BSpace 4 2 Enter
wait_for ctl "pregnant or breastfeeding" && keys ctl q
check_wait ctl "Stop? Your answers will be cleared and nothing will be saved. y: stop n: go on" \
    "q on a question asks before clearing the answers"
keys ctl n
wait_gone ctl "Stop?" && keys ctl 1
wait_for ctl "Which result are you hoping" && keys ctl q
wait_for ctl "Stop?" && keys ctl y
check_wait ctl "Enter: start" "y clears the answers: the welcome page"
keys ctl Enter
wait_for ctl "How old are you" && settled ctl
check "... and the next patient's age question is empty" not on_screen 42
# Esc then 0: the staff key of terminals without F10.
keys ctl Escape
keys ctl 0
check_wait ctl "Staff PIN:" "staff: Esc then 0 opens the staff PIN prompt"
tm send-keys -t ctl -l "$PIN" && keys ctl Enter
wait_for ctl "Staff menu" && keys ctl 1
check_wait ctl "How old are you" "staff menu: 1 goes back to the page underneath"
keys ctl Escape
keys ctl 0
wait_for ctl "Staff PIN:" && tm send-keys -t ctl -l "$PIN" && keys ctl Enter
wait_for ctl "No report saved since the kiosk started." && keys ctl x
run_exit ctl
is "$rc" 0 "staff menu: x during a consultation ends the kiosk, exit 0"
check "q / staff exit: nothing saved, no draft, no temporary file" \
    test -z "$(any_files "$TMP/ctl/reports" "$TMP/ctl/home" "$TMP/ctl/state")$(temp_files "$TMP/ctl")"
check "TERM=screen (no E3 in its terminfo): no E3 sent" \
    not grep -q "$(printf '\033')\\[3J" "$TMP/ctl/raw"
no_sanitizer ctl
done_run ctl

# === Left from the first question ==============================================================
# Back past the first question is the welcome page: the answers go with the patient who
# left, and the next person's Enter finds none of them.
settings "$TMP/left.cfg" "report_dir = \"$TMP/left/reports\";" "$HASH_LINE"
kiosk left
wait_for left "Enter: start" && keys left Enter
wait_for left "How old are you" && keys left 4 7 Enter
wait_for left "pregnant or breastfeeding" && keys left 2
wait_for left "Which result are you hoping" && keys left Left
wait_for left "pregnant or breastfeeding" && keys left Left
wait_for left "How old are you" && keys left Left
check_wait left "Enter: start" "Left from the first question: the welcome page"
keys left Enter
wait_for left "How old are you"
check "... and the next person's first question is empty (no 47)" not on_screen "47"
keys left Enter
check_wait left "An answer is needed to go on." "... (Enter on the empty age asks for one)"
stop_program left

# === SIGTERM and SIGHUP mid-consultation ======================================================
for sig in TERM HUP; do
	n=sig$sig
	settings "$TMP/$n.cfg" "report_dir = \"$TMP/$n/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
	kiosk "$n"
	wait_for "$n" "Enter: start" && keys "$n" Enter
	wait_for "$n" "How old are you" && keys "$n" 3 4 Enter
	wait_for "$n" "pregnant or breastfeeding" && keys "$n" 1
	wait_for "$n" "Which result are you hoping"
	_p=$(pid_of "$n")
	kill "-$sig" "$_p" 2>/dev/null
	if wait_dead "$_p"; then ok "SIG$sig: the kiosk ends"; else not_ok "SIG$sig: the kiosk ends"; kill -KILL "$_p" 2>/dev/null; fi
	run_exit "$n"
	is "$rc" 0 "SIG$sig: exit status 0"
	check "SIG$sig: nothing in report_dir, no draft, no temporary file" \
	    test -z "$(any_files "$TMP/$n/reports" "$TMP/$n/home" "$TMP/$n/state" "$TMP/$n/cwd")$(temp_files "$TMP/$n")"
	no_sanitizer "$n"
	done_run "$n"
done

# === refusals ===================================================================================
# No terminal: refused before anything else.
run --settings "$TMP/ready.cfg" kiosk
is "$rc" 2 "refused: stdin not a terminal: exit 2"
check "refused: ... stderr says a terminal is needed" grep -q 'kiosk needs a terminal of its own' "$TMP/err"
# The settings cases, in a terminal so that they get past that check; all at once.
mkdir -p -m 700 "$TMP/rdir"
: >"$TMP/rdir/file"
mkdir -m 777 "$TMP/rdir/open" && chmod 777 "$TMP/rdir/open"
mkdir -m 770 "$TMP/rdir/group" && chmod 770 "$TMP/rdir/group"
settings "$TMP/r_nopin.cfg" "report_dir = \"$TMP/rdir/a\";"
settings "$TMP/r_nodir.cfg" "$HASH_LINE"
settings "$TMP/r_file.cfg" "report_dir = \"$TMP/rdir/file\";" "$HASH_LINE"
settings "$TMP/r_open.cfg" "report_dir = \"$TMP/rdir/open\";" "$HASH_LINE"
settings "$TMP/r_group.cfg" "report_dir = \"$TMP/rdir/group\";" "$HASH_LINE"
settings "$TMP/r_parent.cfg" "report_dir = \"$TMP/rdir/nope/reports\";" "$HASH_LINE"
settings "$TMP/r_idle.cfg" "report_dir = \"$TMP/rdir/b\";" "kiosk_idle_seconds = 29;" "$HASH_LINE"
for r in r_nopin r_nodir r_file r_open r_group r_parent r_idle; do kiosk "$r"; done
refused() { # NAME REGEX DESC
	run_exit "$1"
	if [ "$rc" = 2 ] && grep -qE -- "$2" "$TMP/$1/err"; then
		ok "refused: $3: exit 2, stderr names the setting"
	else
		not_ok "refused: $3: exit 2, stderr names the setting"
		comment "exit $rc; stderr:"
		comment_file "$TMP/$1/err"
	fi
	done_run "$1"
}
refused r_nopin "staff_pin_hash is not set in .*r_nopin.cfg.*smpscreen pin-hash" "no staff_pin_hash"
refused r_nodir "report_dir is not set in .*r_nodir.cfg" "no report_dir"
refused r_file "report_dir: .*/rdir/file is not a directory" "report_dir a file"
refused r_open "report_dir: .*/rdir/open is writable by every user \\(mode 0777\\); chmod 700" \
    "report_dir mode 0777"
refused r_group "report_dir: .*/rdir/group is writable by its group \\(mode 0770\\); chmod 700" \
    "report_dir group-writable"
refused r_parent "report_dir: .*/rdir/nope/reports is missing and cannot be created" \
    "report_dir's parent missing"
refused r_idle "kiosk_idle_seconds.*29.*30" "kiosk_idle_seconds below 30"
check "refused: no folder was made, nothing written" \
    test "$(cd "$TMP/rdir" && ls -A | sort | tr '\n' ' ')" = "file group open "

# smpscreen check on kiosk settings.
run check "$TMP/r_nopin.cfg"
# Settings without a staff PIN are a home or clinic workstation's, not a kiosk's: check has
# nothing to say about a kiosk for them (the kiosk itself refuses them, above).
check "check: settings without staff_pin_hash: ok, and no kiosk line" \
    sh -c 'grep -qF "r_nopin.cfg: clinic settings, ok" "$1" && ! grep -q "kiosk" "$1"' _ "$TMP/out"
run check "$TMP/r_idle.cfg"
is "$rc" 2 "check: kiosk_idle_seconds = 29 is an error"
run check "$TMP/r_open.cfg"
if [ "$rc" != 0 ] && grep -q "kiosk: report_dir: .*open is writable by every user" "$TMP/out" "$TMP/err"; then
	ok "check: a report_dir of mode 0777 is an error"
else
	not_ok "check: a report_dir of mode 0777 is an error"; comment "exit $rc"; comment_file "$TMP/out"; comment_file "$TMP/err"
fi
rm -rf "$TMP/nodir"
settings "$TMP/nodir.cfg" "report_dir = \"$TMP/nodir\";" "$HASH_LINE"
run check "$TMP/nodir.cfg"
check "check: a missing report_dir: ready, will be created 0700 (and is not created)" \
    sh -c 'grep -qF "kiosk: ready (staff PIN set; $2 will be created 0700" "$1" && test ! -e "$2"' \
    sh "$TMP/out" "$TMP/nodir"

# === pin-hash on a terminal ==================================================================
launch pinh 80 24 -- pin-hash
check_wait pinh "Staff PIN:" "pin-hash on a terminal: prompts for the PIN"
tm send-keys -t pinh -l "Zebra7!q" && keys pinh Enter
check_wait pinh "The same PIN again:" "pin-hash on a terminal: asks again"
tm send-keys -t pinh -l "Zebra7!q" && keys pinh Enter
run_exit pinh
is "$rc" 0 "pin-hash on a terminal: exit 0"
wait_for pinh "EXIT=0"
screen_has pinh 'staff_pin_hash = "$y$' "pin-hash on a terminal: prints the settings line"
check "pin-hash on a terminal: the PIN is not echoed (screen and output stream)" \
    sh -c '! grep -q Zebra "$1" && ! grep -q Zebra "$2"' sh "$SCR" "$TMP/pinh/raw"
done_run pinh

# === many patients in one process ===========================================================
# A kiosk runs all day: 200 patients in one process, driven through a pty by a small
# python3 program (each patient: start, the answers, r from the review, finished, next;
# it waits for each page's text before typing on, and for the welcome page before the
# next patient, since a new patient drops any key typed ahead). The resident size after
# patient 200 may not exceed the one after patient 10 by more than 3 MB (about 15 kB a
# patient: a leak of each patient's answers and report would pass it); ASan's quarantine
# is off so that freed memory is not counted. Leaks proper are LeakSanitizer's, at the
# exit that SIGTERM causes.
if have_python; then
	cat >"$TMP/many.py" <<'EOF'
import fcntl, os, pty, select, struct, sys, termios, time
err, count, prog = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    e = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(e, 2)
    os.execv(prog, sys.argv[3:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
buf = b''
def wait_for(text):
    global buf
    end = time.monotonic() + 20
    while text not in buf:
        r, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
        if not r:
            sys.exit('timed out waiting for %r' % text)
        try:
            buf = buf[-4096:] + os.read(fd, 65536)
        except OSError:
            sys.exit('the kiosk ended')
def rss():
    with open('/proc/%d/status' % pid) as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS:'))
wait_for(b'Enter: start')
rss_at = {}
for i in range(1, count + 1):
    buf = b''
    os.write(fd, b'\r')
    wait_for(b'How old are you')
    os.write(fd, b'34\r' b'1' b'1' b'2\r' b'1\r' b'1\r' b'\r')
    wait_for(b'Review your answers')
    os.write(fd, b'r')
    wait_for(b'Saved for the clinic.')
    os.write(fd, b'\r')
    wait_for(b'Thank you.')
    buf = b''
    os.write(fd, b' ')
    wait_for(b'Enter: start')
    rss_at[i] = rss()
os.kill(pid, 15)
_, st = os.waitpid(pid, 0)
print(rss_at[10], rss_at[count], os.waitstatus_to_exitcode(st))
EOF
	mkdir -p "$TMP/many"
	settings "$TMP/many.cfg" "report_dir = \"$TMP/many/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
	_r=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" TERM=screen \
	    HOME="$TMP/many" python3 "$TMP/many.py" "$TMP/many/err" 200 "$SMPSCREEN" \
	    --today "$TODAY" --settings "$TMP/many.cfg" --questionnaire "$MINI_Q" --rules "$MINI_R" \
	    kiosk 2>"$TMP/many/driver")
	# shellcheck disable=SC2086
	set -- $_r
	if [ $# = 3 ] && [ "$3" = 0 ]; then
		ok "200 patients in one kiosk: every one done, then SIGTERM: exit 0"
		comment "VmRSS after patient 10: $1 kB, after patient 200: $2 kB"
		check "200 patients: the resident size grows by less than 3 MB from patient 10" \
		    test "$2" -le $(($1 + 3072))
	else
		not_ok "200 patients in one kiosk: every one done, then SIGTERM: exit 0"
		comment "driver: $_r"
		comment_file "$TMP/many/driver"
		not_ok "200 patients: the resident size grows by less than 3 MB from patient 10"
	fi
	is "$(files_in "$TMP/many/reports" | wc -l | tr -d ' ')" 400 "200 patients: 400 files saved"
	no_sanitizer many
else
	skip "200 patients in one kiosk" "python3 is not installed"
fi

# pinidle: a PIN typed but not sent, then nobody: the prompt closes after the idle time, and
# the PIN must not be waiting in it for whoever presses F10 next.
settings "$TMP/pinidle.cfg" "report_dir = \"$TMP/pinidle/reports\";" "kiosk_idle_seconds = 30;" "$HASH_LINE"
kiosk pinidle
wait_for pinidle "Enter: start" && keys pinidle F10
wait_for pinidle "Staff PIN:" && tm send-keys -t pinidle -l "$PIN" && wait_for pinidle "****"
pinidle_ok=$((1 - derailed))

# === back to the timers ======================================================================
# idle: "are you still there?" over the whole screen, with the seconds left.
derailed=0
if [ "$idle_ok" = 1 ] && wait_long idle "Are you still there? Press any key to continue."; then
	ok "idle: after kiosk_idle_seconds, 'Are you still there?'"
	if _on_screen idle "Otherwise your answers will be cleared in" &&
	    _joined | grep -qE 'cleared in ([1-9]|[12][0-9]|30) seconds?, and nothing will be saved'; then
		ok "idle: ... counting down from at most 30 seconds"
	else
		not_ok "idle: ... counting down from at most 30 seconds"; comment_file "$SCR" 30
	fi
	check "idle: ... and no answer or question on the screen" not on_screen "pregnant"
else
	not_ok "idle: after kiosk_idle_seconds, 'Are you still there?'"
	not_ok "idle: ... counting down from at most 30 seconds"
	not_ok "idle: ... and no answer or question on the screen"
fi

# keep: a key during the countdown: the question comes back and the answers are there.
if [ "$keep_ok" = 1 ] && wait_long keep "Are you still there?"; then
	keys keep Down
	check_wait keep "Which result are you hoping" "idle: a key during the countdown returns to the question"
	keys keep 1
	wait_for keep "Why are you considering SMP" && keys keep 2 Enter
	wait_for keep "scalp scars you would" && keys keep 1 Enter
	wait_for keep "Do any of these apply" && keys keep 1 Enter
	wait_for keep "Prices vary" && keys keep Enter
	wait_for keep "Review your answers"
	screen_has keep "-> 34 years" "idle: ... and the answers given before it are kept"
	keys keep End Enter
	check_wait keep "Saved for the clinic." "idle, kept: the consultation is saved"
else
	not_ok "idle: a key during the countdown returns to the question"
	not_ok "idle: ... and the answers given before it are kept"
	not_ok "idle, kept: the consultation is saved"
fi
keep_ok=$((1 - derailed))

# pinidle: the prompt closed by itself; opened again it is empty, and Enter checks nothing
# typed before.
derailed=0
if [ "$pinidle_ok" = 1 ] && poll_upto 1800 _off_screen pinidle "Staff PIN:"; then
	ok "staff: a prompt left open closes after the idle time"
	keys pinidle F10
	wait_for pinidle "Staff PIN:"
	check "staff: opened again, the prompt holds nothing typed before" not on_screen "*"
	keys pinidle Enter
	check_wait pinidle "Wrong PIN." "staff: ... and Enter does not open the menu with the old PIN"
else
	not_ok "staff: a prompt left open closes after the idle time"
	not_ok "staff: opened again, the prompt holds nothing typed before"
	not_ok "staff: ... and Enter does not open the menu with the old PIN"
fi
stop_program pinidle

# idle: the countdown ends: the welcome page, nothing written anywhere.
derailed=0
check_long idle "Enter: start" "idle: once the countdown ends, the welcome page"
check "idle: nothing saved, no draft, no temporary file" \
    test -z "$(any_files "$TMP/idle/reports" "$TMP/idle/home" "$TMP/idle/state" "$TMP/idle/cwd")$(temp_files "$TMP/idle")"
keys idle Enter
wait_for idle "How old are you" && settled idle
check "idle: the next patient's age question is empty" not on_screen 34
no_sanitizer idle
done_run idle

# keep: a saved result left on the screen goes back to the welcome page after the idle time.
derailed=0
if [ "$keep_ok" = 1 ]; then
	check_long keep "Enter: start" "idle: a saved result left on the screen goes back to the welcome page"
else
	not_ok "idle: a saved result left on the screen goes back to the welcome page"
fi
is "$(files_in "$TMP/keep/reports" | wc -l | tr -d ' ')" 2 "idle, kept: one pair of files saved"
no_sanitizer keep
done_run keep

# fail: its result appeared before keep's; keep's went back to the welcome page after the
# idle time, so fail's has been up longer than that: it is still there.
derailed=$((1 - fail_ok))
screen_has fail "Could not save - please call staff" \
    "failed save: the unsaved result stays beyond the idle time"
keys fail F10
wait_for fail "Staff PIN:" && tm send-keys -t fail -l "$PIN" && keys fail Enter
check_wait fail "Staff menu" "failed save: the right PIN opens the staff menu"
compact_has fail "The patient's result could not be saved: cannot write $TMP/fail/reports/" \
    "failed save: the menu says why"
screen_has fail "s  try saving again" "failed save: the menu offers s  try saving again"
screen_has fail "d  discard the unsaved result" "failed save: the menu offers d  discard"
keys fail s
check_wait fail "Still not saved; see the reason above." "failed save: s while the folder is still broken: not saved"
rm -f "$TMP/fail/reports" && mv "$TMP/fail/away" "$TMP/fail/reports"
keys fail s
check_wait fail "Saved." "failed save: s once the folder is back: saved"
is "$(files_in "$TMP/fail/reports" | wc -l | tr -d ' ')" 2 "failed save: the answers and the report are in report_dir"
_modes=$(for _f in "$TMP/fail/reports"/smpscreen-*; do [ -e "$_f" ] && file_mode "$_f"; done | sort -u | tr '\n' ' ')
is "$_modes" "600 " "failed save: both mode 0600"
RF=$(report_of "$TMP/fail/reports")
compact_has fail "Last saved report: $RF (1 saved since the kiosk started)" \
    "failed save: the menu names the report saved"
check "failed save: the menu no longer offers s or d" \
    sh -c '! grep -qE "try saving again|d  discard" "$1"' sh "$SCR"
keys fail 1
check_wait fail "Saved for the clinic." "failed save: back on the result, it says saved"
keys fail Enter
check_wait fail "Thank you." "failed save: then Enter goes on to the thank-you page"
keys fail Space
wait_for fail "Enter: start" && keys fail F10
wait_for fail "Staff PIN:" && tm send-keys -t fail -l "$PIN" && keys fail Enter
wait_for fail "Staff menu" && keys fail x
run_exit fail
is "$rc" 0 "failed save: then x ends the kiosk, exit 0"
check "failed save: no temporary file left, no draft" \
    test -z "$(temp_files "$TMP/fail")$(any_files "$TMP/fail/home" "$TMP/fail/state")"
no_sanitizer fail
done_run fail

# lock: once the lock is over, the right PIN opens the menu. Until then a key now and then
# (Backspace: nothing while locked) keeps the prompt from closing for being idle.
derailed=$((1 - lock_ok))
_unlocked() {
	cap lock || return 1
	if ! on_screen "Staff PIN:"; then keys lock F10; return 1; fi
	# About once a second (_i is poll_upto's count of 0.05 s polls).
	if on_screen "Locked after"; then [ $((_i % 20)) != 0 ] || keys lock BSpace; return 1; fi
	return 0
}
if [ "$derailed" = 0 ] && _poll_long _unlocked; then
	ok "staff: the lock ends"
	tm send-keys -t lock -l "$PIN" && keys lock Enter
	check_wait lock "Staff menu" "staff: after the lock, the right PIN opens the menu"
	keys lock x
	run_exit lock
	is "$rc" 0 "staff: x ends the kiosk, exit 0"
else
	not_ok "staff: the lock ends"
	comment_file "$SCR" 30
	not_ok "staff: after the lock, the right PIN opens the menu"
	not_ok "staff: x ends the kiosk, exit 0"
fi
no_sanitizer lock
done_run lock

done_testing
