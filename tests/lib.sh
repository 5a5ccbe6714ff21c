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
	mkdir -p "$TMP/state" "$TMP/home"
	XDG_STATE_HOME=$TMP/state
	export XDG_STATE_HOME
	trap 'rm -rf "$TMP"' EXIT
	trap 'rm -rf "$TMP"; exit 130' INT
	trap 'rm -rf "$TMP"; exit 143' TERM
	# A clinic settings file installed on this machine would change every result.
	_sys=$("$SMPSCREEN" --help 2>/dev/null | sed -n 's/.*(default: \(.*settings\.cfg\)).*/\1/p')
	if [ -n "$_sys" ] && [ -e "$_sys" ]; then
		echo "1..0 # SKIP $_sys exists and would change the results"
		exit 0
	fi
}
