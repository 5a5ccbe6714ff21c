# SPDX-License-Identifier: ISC
# Shared helpers for the end-to-end tests (tests/e2e_*.sh). Sourced, not run.
#
# The tests print TAP for automake's tap-driver.sh. Environment (set by `make check`, or
# guessed from this file's location when a script is run by hand):
#   SMPSCREEN      the program under test
#   SMP_SRCDIR     the source tree
#   SMP_TEST_DATA  tests/data of the source tree: READ-ONLY (make distcheck); write only
#                  below $TMP, which is removed on exit
#   SMPSCREEN_DATADIR  where the program finds the bundled questionnaire and rules: the
#                  source tree's questionnaires/ (the program compiles in no build path)
#   SMP_UPDATE_GOLDEN=1  rewrite golden files from the actual output instead of comparing
#
# Helpers:
#   ok DESC / not_ok DESC [DIRECTIVE]   one test point
#   check DESC CMD...          ok when CMD succeeds (`not CMD...` negates)
#   is ACTUAL EXPECTED DESC    ok when the strings are equal (else both are shown)
#   same_file EXPECTED ACTUAL DESC   ok when the files are byte-identical (else a diff)
#   golden ACTUAL GOLDEN DESC  like same_file against a golden file; SMP_UPDATE_GOLDEN=1
#                              rewrites GOLDEN instead
#   known_bug WHY DESC CMD...  like check, but a failure is a TODO (expected failure)
#   run ARGS...                runs $SMPSCREEN: stdout in $TMP/out, stderr in $TMP/err,
#                              exit status in $rc; stdin is /dev/null unless RUN_STDIN is set
#   comment_file FILE          shows a file as TAP comments
#   done_testing               prints the plan (1..N) and exits 0 when every point passed
#   tmux_setup, launch, wait_for, keys, screen_has, check_wait, ...   driving the wizard in
#                              tmux: see "the wizard in tmux" below

set -u

_lib_dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
: "${SMP_SRCDIR:=$(dirname -- "$_lib_dir")}"
: "${SMP_TEST_DATA:=$SMP_SRCDIR/tests/data}"
: "${SMPSCREEN_DATADIR:=$SMP_SRCDIR/questionnaires}"
export SMPSCREEN_DATADIR
if [ -z "${SMPSCREEN:-}" ]; then
	for _c in "$SMP_SRCDIR/_build/dev/smpscreen" "$SMP_SRCDIR/smpscreen" ./smpscreen; do
		if [ -x "$_c" ]; then SMPSCREEN=$_c; break; fi
	done
fi
E2E=$SMP_TEST_DATA/e2e

# One locale and no inherited translations: output must not depend on the caller.
unset LC_ALL LANGUAGE LC_MESSAGES LC_CTYPE
LANG=C.UTF-8
export LANG
# A sanitizer report must make the program's own stderr (and so a golden) differ, not
# disappear into a log: keep the defaults, only make sure reports go to stderr.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

tap_n=0
tap_fail=0

_tap_line() { # STATUS DESC [DIRECTIVE]
	tap_n=$((tap_n + 1))
	# A description must stay on one line and must not look like a directive.
	_d=$(printf '%s' "$2" | tr '\n#' ' _')
	if [ -n "${3:-}" ]; then
		printf '%s %d - %s # %s\n' "$1" "$tap_n" "$_d" "$3"
	else
		printf '%s %d - %s\n' "$1" "$tap_n" "$_d"
	fi
}

ok() { _tap_line ok "$1" "${2:-}"; }

not_ok() {
	_tap_line "not ok" "$1" "${2:-}"
	case "${2:-}" in
	TODO*) ;;
	*) tap_fail=$((tap_fail + 1)) ;;
	esac
}

skip() { _tap_line ok "$1" "SKIP ${2:-}"; }

comment() { printf '%s\n' "$*" | sed 's/^/# /'; }

comment_file() { # FILE [MAX_LINES]
	[ -f "$1" ] || { comment "($1 does not exist)"; return; }
	# Control characters are made visible so that a failing test cannot upset the terminal.
	head -n "${2:-60}" "$1" | LC_ALL=C tr '\000-\010\013-\037\177' '?' | sed 's/^/# /'
}

check() { # DESC CMD...
	_desc=$1
	shift
	if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}

# A test of a behaviour that is known to be broken: reported as "not ok ... # TODO", which
# tap-driver.sh counts as an expected failure; once fixed it shows up as XPASS (remove the
# known_bug then).
# Negates a command, for check: check "no X" not grep -q X FILE.
not() { ! "$@"; }

known_bug() { # WHY DESC CMD...
	_why=$1
	_desc=$2
	shift 2
	if "$@"; then ok "$_desc" "TODO known bug: $_why"; else not_ok "$_desc" "TODO known bug: $_why"; fi
}

is() { # ACTUAL EXPECTED DESC
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3"
		comment "expected: $2" "     got: $1"
	fi
}

same_file() { # EXPECTED ACTUAL DESC
	if cmp -s "$1" "$2"; then
		ok "$3"
	else
		not_ok "$3"
		comment "diff -u $1 $2:"
		if [ -f "$1" ] && [ -f "$2" ]; then
			diff -u "$1" "$2" >"$TMP/.diff" 2>&1
			comment_file "$TMP/.diff" 80
		else
			comment "(missing file)"
		fi
	fi
}

golden() { # ACTUAL GOLDEN DESC
	if [ "${SMP_UPDATE_GOLDEN:-0}" = 1 ]; then
		if cmp -s "$1" "$2"; then
			ok "$3"
		elif mkdir -p "$(dirname -- "$2")" && cp "$1" "$2"; then
			ok "$3 (golden file rewritten)"
			comment "rewrote $2"
		else
			not_ok "$3 (cannot rewrite $2)"
		fi
		return
	fi
	if [ ! -f "$2" ]; then
		not_ok "$3"
		comment "golden file $2 is missing; run with SMP_UPDATE_GOLDEN=1 to create it"
		comment_file "$1" 40
		return
	fi
	same_file "$2" "$1" "$3"
}

run() { # ARGS...
	if [ -n "${RUN_STDIN:-}" ]; then
		"$SMPSCREEN" "$@" <"$RUN_STDIN" >"$TMP/out" 2>"$TMP/err"
	else
		"$SMPSCREEN" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
	fi
	rc=$?
}

# Runs and checks the exit status in one point; on failure shows stderr.
run_status() { # EXPECTED DESC ARGS...
	_want=$1
	_desc=$2
	shift 2
	run "$@"
	if [ "$rc" = "$_want" ]; then
		ok "$_desc"
	else
		not_ok "$_desc"
		comment "exit status $rc, expected $_want; stderr:"
		comment_file "$TMP/err" 20
	fi
}

# Widest line of FILE in terminal columns (GNU wc -L uses wcwidth in a UTF-8 locale).
max_width() { LC_ALL=C.UTF-8 wc -L <"$1" | tr -d ' '; }

# True when FILE has only bytes below 0x80.
is_ascii() { ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$1"; }

# True when FILE is valid UTF-8 (GNU grep: '.' does not match an invalid byte).
is_utf8() { ! LC_ALL=C.UTF-8 grep -aqvx '.*' "$1"; }

# True when FILE holds no terminal control characters: ESC, BEL, DEL, C1 controls (as
# UTF-8) and no invalid UTF-8 (which is how a raw C1 byte such as 0x9b shows up).
no_controls() {
	! LC_ALL=C grep -q "$(printf '[\033\007\177]')" "$1" &&
	    ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" && is_utf8 "$1"
}

# File mode as octal digits (GNU or BSD stat).
file_mode() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }

# draft_of STATE: the draft an unfinished consultation kept in the state folder STATE (its
# XDG_STATE_HOME), the most recent when there are several; nothing when there is none.
# n_drafts STATE: how many there are. Each consultation has its own, draft-ID.cfg.
draft_of() { ls -t "$1"/smpscreen/draft-*.cfg 2>/dev/null | head -n 1; }
n_drafts() { ls "$1"/smpscreen/draft-*.cfg 2>/dev/null | wc -l | tr -d ' '; }

have_python() { command -v python3 >/dev/null 2>&1; }

done_testing() {
	printf '1..%d\n' "$tap_n"
	[ "$tap_fail" -eq 0 ]
	exit $?
}

# Common start of every script: checks the environment and makes $TMP.
e2e_setup() {
	if [ -z "${SMPSCREEN:-}" ] || [ ! -x "$SMPSCREEN" ]; then
		echo "Bail out! SMPSCREEN (${SMPSCREEN:-unset}) is not an executable program"
		exit 99
	fi
	if [ ! -d "$E2E" ]; then
		echo "Bail out! no test data in $E2E (set SMP_TEST_DATA)"
		exit 99
	fi
	case $SMPSCREEN in /*) ;; *) SMPSCREEN=$(pwd)/$SMPSCREEN ;; esac
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/smpscreen-e2e.XXXXXX") || {
		echo "Bail out! mktemp -d failed"
		exit 99
	}
	# Drafts of unfinished consultations go to a folder of the test's own, never to the
	# account's, where another test (or the developer's real draft) would meet them.
	# Folders the program saves in must not be writable by others (it refuses them): the
	# tests' own are made as a umask of 022 makes them, whatever the caller's.
	umask 022
	mkdir -p "$TMP/state" "$TMP/home"
	XDG_STATE_HOME=$TMP/state
	export XDG_STATE_HOME
	# The content cache (SMPSCREEN_CACHE) likewise: a test's own, filled by its first run.
	XDG_CACHE_HOME=$TMP/cache
	export XDG_CACHE_HOME
	trap 'rm -rf "$TMP"' EXIT
	trap 'rm -rf "$TMP"; exit 130' INT
	trap 'rm -rf "$TMP"; exit 143' TERM
	# A clinic settings file installed on this machine would change every result; the one
	# that make install and the package ship, untouched, changes nothing (every item is
	# commented out: tests/test_settings_file.c).
	# --help names it on a line of its own under "Files:".
	_sys=$("$SMPSCREEN" --help 2>/dev/null | sed -n 's,^ *\(/[^ ]*/settings\.cfg\)$,\1,p' | head -n 1)
	if [ -n "$_sys" ] && [ -e "$_sys" ] && ! cmp -s "$_sys" "$SMP_SRCDIR/etc/settings.cfg"; then
		echo "1..0 # SKIP $_sys exists and would change the results"
		exit 0
	fi
}

# --- the wizard in tmux (tests/e2e_wizard*.sh) ---------------------------------------------
# A private tmux server drives the wizard the way a patient does: keys with send-keys,
# screens with capture-pane, the raw output stream with pipe-pane. Synchronisation is by
# polling the screen for expected text (every 0.05 s, up to 10 s), never by sleeping.
# Every run has its own directory $TMP/NAME: the program's working directory cwd/ (where it
# saves), home/ and state/ (HOME and XDG_STATE_HOME: the draft), and the harness's files
# beside them: err (the program's stderr), raw (every byte it wrote to the terminal), pid,
# status ("EXIT=N"), stty.before/stty.after.

# tmux_setup: after e2e_setup, in a script that drives the wizard: skips the script when tmux
# is missing, starts a private tmux server (killed, with every program still running, on
# exit) and writes the pane's job, $TMP/run.sh. The script sets TODAY (launch passes it as
# --today) before its first launch.
tmux_setup() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "1..0 # SKIP tmux not installed"
		exit 0
	fi
	SOCK="smpwiz$$"
	unset TMUX TMUX_PANE
	derailed=0
	SCR=$TMP/screen.txt
	trap cleanup EXIT
	trap 'cleanup; exit 130' INT
	trap 'cleanup; exit 143' TERM
	trap 'cleanup; exit 129' HUP

	# One server for every run: no status line (the pane is the whole window), panes stay
	# readable after their program ends, and the server stays up between runs.
	if ! tm start-server \; set -g exit-empty off \; set -g status off \
	    \; set -g remain-on-exit on \; set -g history-limit 100 >/dev/null 2>&1; then
		echo "Bail out! cannot start a tmux server"
		exit 99
	fi
	SOCK_PATH=$(tm display -p '#{socket_path}' 2>/dev/null)

	# The pane's job: waits until the raw output is being recorded, runs the program in cwd/
	# with stderr to a file, then records its status and the terminal modes, prints EXIT=N on
	# the terminal like a shell would, and waits (so that the pane can still be inspected).
	cat >"$TMP/run.sh" <<'EOF'
d=$1
shift
while [ ! -e "$d/go" ]; do sleep 0.02; done
cd "$d/cwd" || exit 99
stty -g >"$d/stty.before" 2>/dev/null
sh -c 'echo $$ >"$0/pid"; exec "$@"' "$d" "$SMPSCREEN" "$@" 2>"$d/err"
rc=$?
stty -g >"$d/stty.after" 2>/dev/null
echo "EXIT=$rc" >"$d/status.new" && mv "$d/status.new" "$d/status"
echo "EXIT=$rc"
read -r _ || :
EOF
}

tm() { tmux -L "$SOCK" -f /dev/null "$@" </dev/null; }

# A program still running when its run is over gets SIGTERM (it saves its draft and ends)
# before its terminal is closed: a pty hang-up sends SIGCONT with SIGHUP, and a SIGCONT
# that lands while LeakSanitizer stops the process at exit can leave it spinning for ever.
stop_program() { # NAME
	[ ! -e "$TMP/$1/done" ] || return 0
	: >"$TMP/$1/done"
	_p=$(cat "$TMP/$1/pid" 2>/dev/null) || return 0
	# Only our program: the pid of a run that ended long ago may have been reused.
	case $(ps -o args= -p "$_p" 2>/dev/null) in "$SMPSCREEN"*) ;; *) return 0 ;; esac
	kill -TERM "$_p" 2>/dev/null
	poll _dead "$_p" || kill -KILL "$_p" 2>/dev/null
}
cleanup() {
	for _f in "$TMP"/*/pid; do
		[ -f "$_f" ] && stop_program "$(basename "$(dirname "$_f")")"
	done
	tm kill-server >/dev/null 2>&1
	# tmux leaves its socket file behind.
	[ -n "${SOCK_PATH:-}" ] && rm -f "$SOCK_PATH"
	rm -rf "$TMP"
}

# launch NAME COLS ROWS [VAR=VALUE | -u VAR]... [-- ARGS...]: starts the program in a new
# session NAME of that size, with LANG=C.UTF-8, TERM=screen, HOME and XDG_STATE_HOME in the
# run's directory unless overridden. The program gets ARGS (always --today).
launch() {
	_name=$1 _cols=$2 _rows=$3
	shift 3
	D=$TMP/$_name
	mkdir -p "$D/cwd" "$D/home" "$D/state"
	_unset=" LC_ALL LC_CTYPE LANGUAGE "
	_set=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		if [ "$1" = -u ]; then
			_unset="$_unset$2 "
			shift 2
		else
			_set="$_set $(quote "$1")"
			shift
		fi
	done
	[ $# -gt 0 ] && shift
	_env=
	for _v in $_unset; do _env="$_env -u $_v"; done
	for _d in LANG=C.UTF-8 TERM=screen "HOME=$D/home" "XDG_STATE_HOME=$D/state" \
	    "SMPSCREEN=$SMPSCREEN"; do
		case $_unset in *" ${_d%%=*} "*) ;; *) _env="$_env $(quote "$_d")" ;; esac
	done
	_args=
	for _a in --today "$TODAY" "$@"; do _args="$_args $(quote "$_a")"; done
	derailed=0
	tm new-session -d -s "$_name" -x "$_cols" -y "$_rows" \
	    "exec env$_env$_set sh $(quote "$TMP/run.sh") $(quote "$D")$_args" &&
	    tm pipe-pane -O -t "$_name" "exec cat >$(quote "$D/raw")" &&
	    : >"$D/go"
}

# Single-quotes one word for sh.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# --- screens and waiting ------------------------------------------------------------------

cap() { tm capture-pane -p -t "$1" >"$SCR" 2>/dev/null; }

# no_record FILE: an answers file without its record group (a fresh id and time each run),
# on standard output.
no_record() { sed '/^record = {$/,/^};$/d' "$1"; }
# same_answers GOLDEN FILE DESC: FILE holds the golden answers, whatever its record says.
same_answers() {
	if [ -f "$2" ]; then no_record "$2" >"$2.norecord"; else : >"$TMP/.norecord"; fi
	same_file "$1" "$([ -f "$2" ] && echo "$2.norecord" || echo "$TMP/.norecord")" "$3"
}

# poll_upto TRIES CMD...: true as soon as CMD succeeds, checking every 0.05 s, TRIES times.
poll_upto() {
	_tries=$1 _i=0
	shift
	while [ "$_i" -lt "$_tries" ]; do
		"$@" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	"$@"
}
# poll CMD...: the same for up to 10 s.
poll() { poll_upto 200 "$@"; }
# Waits look at the screen as one line, so that text wrapped at any width is still found.
_joined() { tr '\n' ' ' <"$SCR" | tr -s ' '; }
_on_screen() { cap "$1" && _joined | grep -qF -- "$2"; }
_off_screen() { cap "$1" && ! _joined | grep -qF -- "$2"; }
_screen_is() { cap "$1" && cmp -s "$2" "$SCR"; }
_dead() { ! kill -0 "$1" 2>/dev/null; }

# wait_for NAME TEXT: TEXT is on the screen, perhaps wrapped (the screen is left in $SCR).
# Once a wait has failed in a run, later waits fail at once instead of each taking the
# whole timeout.
wait_for() {
	[ "$derailed" = 0 ] || return 1
	poll _on_screen "$1" "$2" && return 0
	derailed=1
	comment "timed out waiting for '$2'; the screen of $1:"
	comment_file "$SCR" 30
	return 1
}
wait_gone() { [ "$derailed" = 0 ] && poll _off_screen "$1" "$2"; }
# settled NAME: true once two captures 0.05 s apart are the same, leaving it in $SCR. A
# screen seen while curses is still writing must not become the reference to compare with.
_settled() { cap "$1" && cp "$SCR" "$SCR.prev" && sleep 0.05 && cap "$1" && cmp -s "$SCR" "$SCR.prev"; }
settled() { [ "$derailed" = 0 ] && poll _settled "$1"; }
wait_screen() { [ "$derailed" = 0 ] && poll _screen_is "$1" "$2"; }
wait_file() { poll test -e "$1"; }
wait_dead() { poll _dead "$1"; }

keys() { _s=$1; shift; tm send-keys -t "$_s" "$@"; }
hexkeys() { _s=$1; shift; tm send-keys -t "$_s" -H "$@"; }

on_screen() { grep -qF -- "$1" "$SCR"; }
# The current screen of NAME has TEXT: a test point (the screen is shown on failure).
screen_has() { # NAME TEXT DESC
	if [ "$derailed" = 0 ] && cap "$1" && on_screen "$2"; then
		ok "$3"
	else
		not_ok "$3"
		comment "'$2' is not on the screen:"
		comment_file "$SCR" 30
	fi
}
# A wait as a test point.
check_wait() { # NAME TEXT DESC
	if wait_for "$1" "$2"; then ok "$3"; else not_ok "$3"; fi
}
# run_exit NAME: waits for the program to end; its exit status in $rc ("none" if it did not).
run_exit() {
	rc=none
	if wait_file "$TMP/$1/status"; then rc=$(sed -n 's/^EXIT=//p' "$TMP/$1/status"); fi
}
pid_of() { cat "$TMP/$1/pid" 2>/dev/null || echo 0; }
# Files the program left in DIR, one a line (sorted, hidden ones included).
files_in() { (cd "$1" && ls -A) 2>/dev/null; }
# Half-written files: safefile's temporaries (".NAME.XXXXXX") anywhere under DIR.
temp_files() { find "$1" -name '.*.??????' -type f 2>/dev/null; }
no_sanitizer() { # NAME
	if grep -qE 'Sanitizer|runtime error:|LeakSanitizer' "$TMP/$1/err" 2>/dev/null; then
		not_ok "$1: no sanitizer report"
		comment_file "$TMP/$1/err" 40
	else
		ok "$1: no sanitizer report"
	fi
}
done_run() { stop_program "$1"; tm kill-session -t "$1" >/dev/null 2>&1; }
# cursor_at NAME X LINE_REGEX DESC: the terminal's cursor is in column X of the first
# screen line matching LINE_REGEX (for screen readers and magnifiers).
_cursor_is() { [ "$(tm display -p -t "$1" '#{cursor_x},#{cursor_y}')" = "$2" ]; }
cursor_at() {
	_y=$(grep -n -- "$3" "$SCR" | head -n 1 | cut -d: -f1)
	if [ -n "$_y" ] && poll _cursor_is "$1" "$2,$((_y - 1))"; then
		ok "$4"
	else
		not_ok "$4"
		comment "cursor at $(tm display -p -t "$1" '#{cursor_x},#{cursor_y}'), expected $2,$((${_y:-0} - 1))"
	fi
}
# True when FILE has a byte >= 0x80 (or does not exist).
has_non_ascii() { [ ! -f "$1" ] || LC_ALL=C grep -q "$(printf '[\200-\377]')" "$1"; }
# line N: screen line N (1-based) of the last capture.
line() { sed -n "$1p" "$SCR"; }
# highlighted NAME TEXT: the screen line with TEXT is drawn in reverse video (the focus); the
# screen is left in $SCR.
highlighted() {
	cap "$1" && tm capture-pane -p -e -t "$1" 2>/dev/null | grep -F -- "$2" | head -n 1 |
	    LC_ALL=C grep -qE "$(printf '\033')\\[([0-9]+;)*7(;[0-9]+)*m"
}
# check_focus NAME ON OFF DESC: a test point: ON is highlighted and OFF is not (or not on the
# screen at all).
_focus_on() { highlighted "$1" "$2" && ! highlighted "$1" "$3"; }
check_focus() { # NAME ON OFF DESC
	if [ "$derailed" = 0 ] && poll _focus_on "$1" "$2" "$3"; then ok "$4"
	else not_ok "$4"; comment "expected the focus on '$2':"; comment_file "$SCR" 30; fi
}

# --- the mini questionnaire (tests/data/mini-questionnaire.cfg, mini-rules.cfg) -----------
# mini_to_review NAME [pattern]: from the welcome screen to the review: 34, not pregnant, a
# buzz look, scars only (with "pattern": pattern loss and Norwood V), no scars to cover, no
# heart condition.
mini_to_review() {
	{
		echo "How old are you|34 Enter"
		echo "pregnant or breastfeeding|1"
		echo "Which result are you hoping|1"
		if [ "${2:-}" = pattern ]; then
			echo "Why are you considering SMP|1 Enter"
			echo "Which Norwood picture|2"
		else
			echo "Why are you considering SMP|2 Enter"
		fi
		echo "scalp scars you would|1 Enter"
		echo "Do any of these apply|1 Enter"
		echo "Prices vary|Enter"
	} >"$TMP/plan"
	wait_for "$1" "Enter: start" && keys "$1" Enter
	while IFS='|' read -r _frag _keys; do
		wait_for "$1" "$_frag" || return 1
		# shellcheck disable=SC2086
		keys "$1" $_keys
	done <"$TMP/plan"
	wait_for "$1" "Review your answers"
}
# to_result NAME: from the review, Enter on its last item.
to_result() { keys "$1" End Enter && wait_for "$1" "Your screening result"; }
