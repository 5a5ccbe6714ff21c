#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of what the running process itself could give away (issue 14, item 4):
# no core file ever (the core size limit is 0 and the process is not dumpable), and running out
# of memory ends it with exit status 1 and one line naming what it was doing, never abort().
#
# A "running smpscreen" here is the plain mode waiting for its first answer on a FIFO that
# this script holds open: it has printed its first line, so it is past the start of main().
# Synchronisation is by blocking reads, never by sleeping.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg

# AddressSanitizer builds: they reserve terabytes of address space (no RLIMIT_AS will do) and
# handle SIGSEGV themselves.
asan_build() { LC_ALL=C grep -q -a __asan_init "$SMPSCREEN"; }

# start_blocked NAME [PREFIX...]: runs [PREFIX...] smpscreen --plain in $TMP/NAME (its working
# directory) and returns once it has printed its first line. Its pid is in $P; its input stays
# open on fd 7 and its output on fd 8 until stop_blocked.
start_blocked() {
	_d=$TMP/$1
	shift
	mkdir -p "$_d" && chmod 755 "$_d" && mkfifo "$_d/in" "$_d/out" || return 1
	# Opening a FIFO for reading and writing never blocks: the program's input stays open
	# (and empty) for as long as this script wants.
	exec 7<>"$_d/in"
	(cd "$_d" && exec "$@" "$SMPSCREEN" --plain --no-save --today 2026-11-22 \
	    --questionnaire "$MINI_Q" --rules "$MINI_R" <"$_d/in" >"$_d/out" 2>"$_d/err" 7>&-) &
	P=$!
	exec 8<"$_d/out"
	IFS= read -r _first <&8
}
# stop_blocked: ends the program (end of input) and waits for it; its status in $rc.
stop_blocked() {
	exec 7>&-
	cat <&8 >/dev/null
	exec 8<&-
	wait "$P"
	rc=$?
}

# --- the core size limit -----------------------------------------------------------------
# Both limits 0: the hard one too, so that nothing the program might run could raise it.
if (ulimit -c unlimited) 2>/dev/null; then
	start_blocked limits sh -c 'ulimit -c unlimited && exec "$@"' sh
	limits=$(grep '^Max core file size' "/proc/$P/limits" 2>/dev/null | tr -s ' ' | sed 's/ $//')
	stop_blocked
	is "$limits" "Max core file size 0 0 bytes" \
	    "a running smpscreen has a core size limit of 0 (soft and hard), whatever it was given"
else
	skip "the core size limit" "this shell cannot raise the core size limit"
fi

# --- not dumpable ----------------------------------------------------------------------------
# Observable from outside: the /proc/PID files of a process that is not dumpable belong to
# root, not to the user running it. As root that says nothing, so root runs it as nobody.
dumpable_prefix=
if [ "$(id -u)" != 0 ]; then
	dumpable_prefix=env
elif command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1 &&
    setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups \
        test -x "$SMPSCREEN" -a -r "$MINI_Q" 2>/dev/null; then
	dumpable_prefix="setpriv --reuid=$(id -u nobody) --regid=$(id -g nobody) --clear-groups"
fi
if [ ! -r /proc/self/environ ]; then
	skip "not dumpable" "no /proc"
elif [ -n "$dumpable_prefix" ]; then
	# shellcheck disable=SC2086
	start_blocked dumpable $dumpable_prefix env HOME=/nonexistent XDG_STATE_HOME=/nonexistent
	owner=$(stat -c %u "/proc/$P/environ" 2>/dev/null)
	runs_as=$(awk '/^Uid:/ { print $2 }' "/proc/$P/status" 2>/dev/null)
	stop_blocked
	check "it runs as a user other than root ($runs_as)" test "${runs_as:-0}" != 0
	is "$owner" 0 "a running smpscreen is not dumpable (its /proc/PID files are root's)"
else
	skip "not dumpable" "running as root without setpriv or a user nobody that can run the program"
fi

# --- SIGSEGV leaves no core file -----------------------------------------------------------
# Where the kernel writes core files into the working directory (core_pattern a plain file
# name) and the shell may raise the limit, a crash of the running program must leave none.
pattern=$(cat /proc/sys/kernel/core_pattern 2>/dev/null)
case $pattern in
"" | "|"* | */*)
	skip "SIGSEGV leaves no core file" \
	    "core_pattern '${pattern:-?}' does not write into the working directory"
	;;
*)
	if (ulimit -c unlimited) 2>/dev/null; then
		# AddressSanitizer would catch the signal and limit cores itself: let the signal
		# kill the program as it would a normal build.
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:disable_coredump=0" \
		    start_blocked segv sh -c 'ulimit -c unlimited && exec "$@"' sh
		kill -SEGV "$P"
		stop_blocked
		is "$rc" 139 "SIGSEGV ends the program (128 + 11)"
		is "$(ls -A "$TMP/segv" | grep -v '^in$' | grep -v '^out$' | grep -v '^err$')" "" \
		    "SIGSEGV with ulimit -c unlimited leaves no core file in the working directory"
	else
		skip "SIGSEGV leaves no core file" "this shell cannot raise the core size limit"
	fi
	;;
esac

# --- out of memory -------------------------------------------------------------------------
# The address space is limited to what the program has when it starts reading a file, plus a
# little: the file is 3 MiB. With 1 MiB more, the program's own reading runs out; with 5.5 MiB
# more, its reading fits and libconfig's copy of the text does not (libconfig's scanner then
# prints its own line and calls exit(2), which must still end as out of memory).
if asan_build; then
	skip "out of memory is exit 1 with one line" \
	    "an AddressSanitizer build cannot run under a small RLIMIT_AS (tests/test_xalloc covers it)"
else
	# The program blocked on opening a FIFO: how much address space it has by then.
	mkdir -p "$TMP/oom" && mkfifo "$TMP/oom/fifo.cfg"
	"$SMPSCREEN" check "$TMP/oom/fifo.cfg" >/dev/null 2>&1 &
	P=$!
	exec 9>"$TMP/oom/fifo.cfg" # returns once the program has opened it
	vm=$(awk '/^VmSize:/ { print $2 }' "/proc/$P/status")
	exec 9>&-
	wait "$P"
	{
		echo 'settings = { clinic_name = "Clinic"; };'
		i=0
		while [ $i -lt 48 ]; do
			printf '# %065536d\n' 0
			i=$((i + 1))
		done
	} >"$TMP/oom/big.cfg"
	for more in 1024 5632; do
		(ulimit -v $((vm + more)) && exec "$SMPSCREEN" check "$TMP/oom/big.cfg") \
		    >"$TMP/oom/out" 2>"$TMP/oom/err"
		rc=$?
		is "$rc" 1 "out of memory ($more KiB to spare): exit status 1, not a signal, not 2"
		is "$(tail -n 1 "$TMP/oom/err")" \
		    "smpscreen: out of memory while reading $TMP/oom/big.cfg" \
		    "out of memory ($more KiB to spare): a line naming the file being read"
		comment_file "$TMP/oom/err" 10
		[ "$more" != 1024 ] ||
		    is "$(wc -l <"$TMP/oom/err" | tr -d ' ')" 1 "the program's own out of memory is that line alone"
	done
fi

done_testing
