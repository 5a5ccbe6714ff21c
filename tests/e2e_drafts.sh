#!/bin/sh
# SPDX-License-Identifier: ISC
# Drafts belong to one consultation (issue 14, items 2, 3 and 9):
#   - two consultations on one account at once (two terminals) never see, replace or delete
#     each other's draft: A answers three questions and stays open; B is offered nothing,
#     and finishing B with --no-save (or deleting its answers) leaves A's draft as it was;
#     once A quits keeping its draft, C is offered it and continues it;
#   - a state folder that another user owns or others may write to is refused, saying which
#     and why, and nothing in it is offered; a save folder named for the purpose
#     (--output-dir, report_dir) likewise, before the first question; missing, it is made
#     0700;
#   - without a draft folder (HOME unset, XDG_STATE_HOME a file, a folder refused) the
#     patient is told at the start that a dropped line would lose the answers.
#
# The wizard runs in a private tmux server (lib.sh); synchronisation is by polling the
# screen or a file for what is expected, never by sleeping.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg
# The mini questionnaire typed line by line: its six questions, the information item and
# Enter at the review.
MINI_IN='34\n1\n1\n2\n1\n1\n\n\n'

# plain NAME [VAR=VALUE]... -- ARGS... < input: plain mode in $TMP/NAME (its working
# directory, made empty); stdout in $TMP/NAME.out, stderr in $TMP/NAME.err, status in $rc.
plain() {
	_n=$1
	shift
	_env=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do _env="$_env $1"; shift; done
	[ $# -gt 0 ] && shift
	mkdir -p "$TMP/$_n"
		# shellcheck disable=SC2086
	(cd "$TMP/$_n" && env $_env "$SMPSCREEN" --plain --today "$TODAY" "$@" \
	    >"$TMP/$_n.out" 2>"$TMP/$_n.err")
	rc=$?
}
# The output of plain run NAME as one line, single spaces: for text wrapped at any point.
has_text() { tr '\n' ' ' <"$TMP/$1.out" | tr -s ' ' | grep -qF -- "$2"; }
saved_answers() { ls "$1"/smpscreen-*-answers.cfg 2>/dev/null | head -n 1; }
# A draft an earlier consultation left, planted in FILE.
plant() { printf 'questionnaire = "mini-consultation";\nanswers = { age = 99; };\n' >"$1"; }
_has_goal() { grep -q 'goal = ' "$1" 2>/dev/null; }

# === Item 2: two consultations on one account at once ======================================
S=$TMP/account
mkdir -p "$S"
launch a 80 24 "XDG_STATE_HOME=$S" -- --questionnaire "$MINI_Q" --rules "$MINI_R"
wait_for a "Enter: start" && keys a Enter
wait_for a "How old are you" && keys a 71 Enter
wait_for a "pregnant or breastfeeding" && keys a 1
wait_for a "Which result are you hoping" && keys a 1
check_wait a "Why are you considering SMP" "A: three questions answered; A stays open"
ADRAFT=$(draft_of "$S")
if [ -n "$ADRAFT" ] && poll _has_goal "$ADRAFT"; then ok "A: its draft has the three answers"
else not_ok "A: its draft has the three answers"; fi
cp "${ADRAFT:-/dev/null}" "$TMP/a.before"

launch b 80 24 "XDG_STATE_HOME=$S" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save
check_wait b "Enter: start" "B (A still open): the welcome page"
check "B: no 'continue where you left off' for the draft A holds" not on_screen "continue"
mini_to_review b
check "B: none of A's answers (A's age was 71)" not grep -q '71 years' "$SCR"
to_result b
keys b q
run_exit b
is "$rc" 0 "B: finished with --no-save, exit 0"
check "B: A's draft is still there, as A left it" cmp -s "$TMP/a.before" "${ADRAFT:-/nonexistent}"
is "$(n_drafts "$S")" 1 "B: no draft of its own left behind"
no_sanitizer b
done_run b

# The same in plain mode: nothing offered, and q then d deletes only its own answers.
printf '25\nq\nd\n' >"$TMP/b2.in"
plain b2 "XDG_STATE_HOME=$S" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save <"$TMP/b2.in"
is "$rc" 0 "B, plain (A still open): q then d, exit 0"
check "B, plain: nothing offered" not grep -q 'An unfinished consultation was kept' "$TMP/b2.out"
check "B, plain: d deleted B's answers, not A's draft" cmp -s "$TMP/a.before" "${ADRAFT:-/nonexistent}"
printf '%b' "$MINI_IN" >"$TMP/b3.in"
plain b3 "XDG_STATE_HOME=$S" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save <"$TMP/b3.in"
is "$rc" 0 "B, plain: a whole consultation with --no-save, exit 0"
check "B, plain: A's draft is still there after it" cmp -s "$TMP/a.before" "${ADRAFT:-/nonexistent}"
# --resume names A's draft: refused while A runs.
plain b4 "XDG_STATE_HOME=$S" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --resume "${ADRAFT:-/nonexistent}" </dev/null
is "$rc" 2 "B, --resume of the draft A holds: refused (exit 2)"
check "B, --resume: says that another consultation is using it" \
    grep -qF "${ADRAFT:-/nonexistent} is in use by another consultation that is still running" "$TMP/b4.err"
check "B, --resume: A's draft as it was" cmp -s "$TMP/a.before" "${ADRAFT:-/nonexistent}"
is "$(n_drafts "$S")" 1 "B: still only A's draft"

keys a q
wait_for a "Quit? y: keep a draft" && keys a y
run_exit a
is "$rc" 0 "A: q then y quits, exit 0"
check "A: its draft is kept" test -f "${ADRAFT:-/nonexistent}"
no_sanitizer a
done_run a

launch c 80 24 "XDG_STATE_HOME=$S" -- --questionnaire "$MINI_Q" --rules "$MINI_R"
check_wait c "r: continue where you left off" "C (A ended): offered the draft A kept"
keys c r
check_wait c "Why are you considering SMP" "C: r continues at A's fourth question"
wait_for c "Why are you considering SMP" && keys c 2 Enter
wait_for c "scalp scars you would" && keys c 1 Enter
wait_for c "Do any of these apply" && keys c 1 Enter
wait_for c "Prices vary" && keys c Enter
wait_for c "Review your answers" && keys c End Enter
check_wait c "Saved to " "C: A's consultation finished and saved"
keys c q
run_exit c
is "$rc" 0 "C: exit 0"
check "C: the saved answers are A's (age 71)" grep -qx '  age = 71;' "$(saved_answers "$TMP/c/cwd")"
is "$(files_in "$S/smpscreen")" "" "C: no draft, no lock left"
no_sanitizer c
done_run c

# === Item 3: a state folder that is not the user's own =====================================
mkdir -p "$TMP/open/smpscreen"
chmod 0777 "$TMP/open/smpscreen"
plant "$TMP/open/smpscreen/draft-0badc0de.cfg"
plant "$TMP/open/smpscreen/draft.cfg"
cp "$TMP/open/smpscreen/draft.cfg" "$TMP/planted"
launch open 80 24 "XDG_STATE_HOME=$TMP/open" -- --questionnaire "$MINI_Q" --rules "$MINI_R"
check_wait open "If the connection drops, your answers so far cannot be kept: $TMP/open/smpscreen is writable by every user (mode 0777)" \
    "state folder 0777: the welcome page says which folder, why, and what it means"
check "state folder 0777: the planted drafts are not offered" not on_screen "continue"
keys open Enter
wait_for open "How old are you" && keys open 34 Enter
wait_for open "pregnant or breastfeeding" && keys open q
check_wait open "Quit? Your answers will not be saved. y: quit n: stay" \
    "state folder 0777: nothing is kept there"
keys open y
run_exit open
is "$rc" 0 "state folder 0777: exit 0"
is "$(file_mode "$TMP/open/smpscreen")" 777 "state folder 0777: refused, not changed"
is "$(files_in "$TMP/open/smpscreen" | tr '\n' ' ')" "draft-0badc0de.cfg draft.cfg " \
    "state folder 0777: nothing written in it"
check "state folder 0777: the planted draft untouched" cmp -s "$TMP/planted" "$TMP/open/smpscreen/draft.cfg"
no_sanitizer open
done_run open

# The same in plain mode, and a folder of another user (only root can make one).
printf '\nq\ny\n' >"$TMP/q.in"
plain open2 "XDG_STATE_HOME=$TMP/open" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save <"$TMP/q.in"
check "state folder 0777, plain: the introduction says which folder and why" has_text open2 \
    "If the connection drops, your answers so far cannot be kept: $TMP/open/smpscreen is writable by every user (mode 0777); chmod 700 $TMP/open/smpscreen."
check "state folder 0777, plain: nothing offered" not grep -q 'An unfinished consultation' "$TMP/open2.out"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -p "$TMP/theirs/smpscreen"
	chmod 0700 "$TMP/theirs/smpscreen"
	plant "$TMP/theirs/smpscreen/draft-0badc0de.cfg"
	chown -R nobody "$TMP/theirs/smpscreen"
	plain theirs "XDG_STATE_HOME=$TMP/theirs" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save <"$TMP/q.in"
	is "$rc" 0 "state folder of another user: the consultation still runs"
	check "state folder of another user: the introduction says whose and which" has_text theirs \
	    "your answers so far cannot be kept: $TMP/theirs/smpscreen belongs to another user (uid $(id -u nobody)"
	check "state folder of another user: its draft is not offered" \
	    not grep -q 'An unfinished consultation' "$TMP/theirs.out"
else
	skip "state folder of another user" "needs root and a user nobody"
	skip "state folder of another user: the introduction" "needs root"
	skip "state folder of another user: not offered" "needs root"
fi
# A missing one is made 0700, with the folders above it.
plain fresh "XDG_STATE_HOME=$TMP/new/state" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save <"$TMP/q.in"
is "$(file_mode "$TMP/new/state/smpscreen")" 700 "a missing state folder is made 0700"
is "$(file_mode "$TMP/new/state")" 700 "... and so is the missing folder above it"

# === Item 9: no draft folder at all ========================================================
launch nohome 80 24 -u HOME -u XDG_STATE_HOME -- --questionnaire "$MINI_Q" --rules "$MINI_R"
check_wait nohome "If the connection drops, your answers so far cannot be kept: neither XDG_STATE_HOME nor HOME is set." \
    "HOME unset: the welcome page says a dropped line would lose the answers, and why"
keys nohome q
wait_for nohome "Quit?" && keys nohome y
run_exit nohome
no_sanitizer nohome
done_run nohome
launch small 40 15 -u HOME -u XDG_STATE_HOME -- --questionnaire "$MINI_Q" --rules "$MINI_R"
check_wait small "Answers cannot be kept if the connection drops." \
    "HOME unset, 40x15: the short welcome says it too"
check "HOME unset, 40x15: with the keys to start" on_screen "Enter: start"
keys small q
wait_for small "Quit?" && keys small y
run_exit small
done_run small
: >"$TMP/afile"
plain statefile "XDG_STATE_HOME=$TMP/afile" -- --questionnaire "$MINI_Q" --rules "$MINI_R" --no-save <"$TMP/q.in"
is "$rc" 0 "XDG_STATE_HOME a regular file: the consultation still runs"
check "XDG_STATE_HOME a regular file: the introduction says so, and why" has_text statefile \
    "If the connection drops, your answers so far cannot be kept: $TMP/afile/smpscreen is missing and cannot be created: Not a directory."
check "with a draft folder, the introduction says nothing of the kind" not has_text b3 "cannot be kept"

# === Item 3: the save folder ===============================================================
printf '%b' "$MINI_IN" >"$TMP/mini.in"
mkdir -p "$TMP/out777" "$TMP/out770"
chmod 0777 "$TMP/out777"
chmod 0770 "$TMP/out770"
plain save777 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --output-dir "$TMP/out777" <"$TMP/mini.in"
is "$rc" 1 "--output-dir writable by every user: exit 1"
check "--output-dir writable by every user: says which and why" \
    grep -qF "smpscreen: --output-dir: $TMP/out777 is writable by every user (mode 0777); chmod 700 $TMP/out777" "$TMP/save777.err"
check "--output-dir writable by every user: refused before the first question" \
    not grep -q 'How old are you' "$TMP/save777.out"
is "$(files_in "$TMP/out777")" "" "--output-dir writable by every user: nothing saved in it"
plain save770 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --output-dir "$TMP/out770" <"$TMP/mini.in"
is "$rc" 1 "--output-dir writable by its group: exit 1"
check "--output-dir writable by its group: says which and why" \
    grep -qF "$TMP/out770 is writable by its group (mode 0770)" "$TMP/save770.err"
plain savenew -- --questionnaire "$MINI_Q" --rules "$MINI_R" --output-dir "$TMP/made" <"$TMP/mini.in"
is "$rc" 0 "--output-dir missing: made, and the consultation saved there"
is "$(file_mode "$TMP/made")" 700 "--output-dir missing: made 0700"
check "--output-dir missing: the answers are in it" test -n "$(saved_answers "$TMP/made")"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	mkdir -p "$TMP/clinic-reports"
	chmod 0700 "$TMP/clinic-reports"
	chown nobody "$TMP/clinic-reports"
	printf 'settings = { report_dir = "%s"; };\n' "$TMP/clinic-reports" >"$TMP/clinic.cfg"
	plain savetheirs -- --questionnaire "$MINI_Q" --rules "$MINI_R" --settings "$TMP/clinic.cfg" <"$TMP/mini.in"
	is "$rc" 1 "report_dir of another user: exit 1"
	check "report_dir of another user: says which and why" \
	    grep -qF "smpscreen: report_dir: $TMP/clinic-reports belongs to another user" "$TMP/savetheirs.err"
else
	skip "report_dir of another user" "needs root and a user nobody"
	skip "report_dir of another user: says why" "needs root"
fi
# The working directory, the default, only has to be writable: it is where the person chose
# to run the program (a source tree with a umask of 002, a user's checkout under sudo).
mkdir -p "$TMP/cwd775"
chmod 0775 "$TMP/cwd775"
(cd "$TMP/cwd775" && "$SMPSCREEN" --plain --today "$TODAY" --questionnaire "$MINI_Q" --rules "$MINI_R" <"$TMP/mini.in" \
    >"$TMP/cwd775.out" 2>"$TMP/cwd775.err")
is "$?" 0 "the working directory 0775, the default: accepted"
check "the working directory 0775: the consultation saved there" test -n "$(saved_answers "$TMP/cwd775")"

# === The one draft of earlier versions =====================================================
mkdir -p "$TMP/old/smpscreen"
chmod 0700 "$TMP/old/smpscreen"
printf 'questionnaire = "mini-consultation";\nanswers = { age = 58; pregnancy = "no"; };\n' \
    >"$TMP/old/smpscreen/draft.cfg"
printf 'r\n\n\n1\n2\n1\n1\n\n\n' >"$TMP/old.in"
plain old "XDG_STATE_HOME=$TMP/old" -- --questionnaire "$MINI_Q" --rules "$MINI_R" <"$TMP/old.in"
is "$rc" 0 "draft.cfg of an earlier version: offered and continued to the end"
check "draft.cfg of an earlier version: its answers are saved" grep -qx '  age = 58;' "$(saved_answers "$TMP/old")"
is "$(files_in "$TMP/old/smpscreen")" "" "draft.cfg of an earlier version: gone once saved, with its lock"

done_testing
