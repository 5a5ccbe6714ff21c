#!/bin/sh
# SPDX-License-Identifier: ISC
# Concurrent saves (issue 14, item 1): 50 plain-mode consultations finishing at the same moment
# into one directory must leave 50 distinct, complete pairs of files: every answers file with
# its own report, each holding the answers its consultation was given, and nothing else.
#
# Each consultation gets its own draft folder: this is about the saved files, not drafts.
# They start together behind a gate (one line each from a pipe), never after a sleep.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

TODAY=2026-11-22
N=50
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg

# Run i (1..N) is a client aged 19 + i (20..69); the rest as in tests/e2e_plain.sh's mini run:
# the questions, then the info item and the review (Enter twice).
W=$TMP/w
mkdir -p "$W" && mkdir -m 700 "$W/D" || exit 99
i=1
while [ $i -le $N ]; do
	printf '%d\n1\n1\n2\n1\n1\n\n\n' $((19 + i)) >"$TMP/in$i"
	mkdir -p "$TMP/state$i"
	i=$((i + 1))
done

# The gate: a FIFO opened for reading and writing (which never blocks); every run waits for
# one line from it, and they all get theirs at once.
mkfifo "$TMP/gate"
exec 9<>"$TMP/gate"
pids=
i=1
while [ $i -le $N ]; do
	(
		read -r _ <&9
		exec 9>&-
		cd "$W" && XDG_STATE_HOME=$TMP/state$i exec "$SMPSCREEN" --plain --today "$TODAY" \
		    --output-dir D --questionnaire "$MINI_Q" --rules "$MINI_R" \
		    <"$TMP/in$i" >"$TMP/out$i" 2>"$TMP/err$i"
	) &
	pids="$pids $!"
	i=$((i + 1))
done
i=1
while [ $i -le $N ]; do
	echo go >&9
	i=$((i + 1))
done
failed=0
for p in $pids; do
	wait "$p" || failed=$((failed + 1))
done
exec 9>&-
is "$failed" 0 "all $N concurrent consultations end with exit status 0"
[ "$failed" = 0 ] || comment_file "$TMP/err1" 10

# --- the directory -------------------------------------------------------------------------
cd "$W" || exit 99
is "$(ls -A D | wc -l | tr -d ' ')" $((2 * N)) "$((2 * N)) files: nothing overwritten, nothing left over"
is "$(ls D | grep -c -- '-answers\.cfg$')" $N "$N answers files"
is "$(ls D | grep -c -- '-report\.txt$')" $N "$N reports"
is "$(ls -A D | grep -c '^\.')" 0 "no temporary files left"
is "$(ls D | sed 's/-\(answers\.cfg\|report\.txt\)$//' | sort -u | wc -l | tr -d ' ')" $N \
    "$N distinct names, each an answers file and its report"

# --- each pair -----------------------------------------------------------------------------
unpaired=0 misnamed=0 differ=0 agebad=0 modebad=0
: >"$TMP/ages"
for a in D/*-answers.cfg; do
	r=${a%-answers.cfg}-report.txt
	if [ ! -f "$r" ]; then
		unpaired=$((unpaired + 1))
		continue
	fi
	# The report names its own answers file.
	named=$(awk 'f && /^$/ { exit } /^Answers file:/ { f = 1; sub(/^Answers file:/, "") }
	    f { sub(/^ +/, ""); s = s $0 } END { print s }' "$r")
	[ "$named" = "$a" ] || { misnamed=$((misnamed + 1)); comment "$r names '$named'"; }
	# Screening the answers file again gives the saved report, byte for byte.
	"$SMPSCREEN" --questionnaire "$MINI_Q" --rules "$MINI_R" screen --today "$TODAY" "$a" \
	    >"$TMP/screened" 2>"$TMP/screened.err"
	cmp -s "$TMP/screened" "$r" || { differ=$((differ + 1)); comment "$a screens differently from $r"; }
	age=$(sed -n 's/^  age = \([0-9]*\);$/\1/p' "$a")
	echo "${age:-none}" >>"$TMP/ages"
	case $age in [2-6][0-9]) ;; *) agebad=$((agebad + 1)) ;; esac
	for f in "$a" "$r"; do [ "$(file_mode "$f")" = 600 ] || modebad=$((modebad + 1)); done
done
is "$unpaired" 0 "every answers file has its report"
is "$misnamed" 0 "every report names its own answers file"
is "$differ" 0 "every answers file screens to its saved report, byte for byte"
is "$agebad" 0 "every answers file holds an age between 20 and 69"
is "$(sort -n "$TMP/ages" | tr '\n' ' ')" "$(seq 20 69 | tr '\n' ' ')" \
    "each age given appears once: every consultation saved its own answers"
is "$modebad" 0 "every file is mode 0600"

# --- each consultation found its own files -------------------------------------------------
wrong=0
i=1
while [ $i -le $N ]; do
	a=$(sed -n 's/^Saved the answers to //p' "$TMP/out$i")
	age=$(sed -n 's/^  age = \([0-9]*\);$/\1/p' "$a" 2>/dev/null)
	if [ "$age" != $((19 + i)) ]; then
		wrong=$((wrong + 1))
		comment "run $i (age $((19 + i))) says it saved '$a', which holds age '${age:-?}'"
	fi
	i=$((i + 1))
done
is "$wrong" 0 "each consultation's \"Saved the answers to\" names the file holding its answers"

done_testing
