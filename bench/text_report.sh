#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/text_report.sh SRCDIR BUILDDIR: what a text report costs per answer file (issue 15,
# item 2), in callgrind instructions, which are the same on every run.
#
# Screens a directory of 1 and one of 101 generated answer files (bench/gen_answers.py,
# seed 1) with `smpscreen screen` (text, the default: clinic record, 60-line pages) in
# English, Spanish and French, and prints per further file: the whole program (answers
# parsed twice, outcome, report) and report_write_text_toc alone (inclusive), each as
# (cost with 101 files - cost with 1) / 100. Target: a text report <= 250,000 instructions
# in every language. Prints `key=value` lines, then a table; exits 0 when a target is
# merely missed (SMPBENCH_STRICT=1: exit 1 then), and when valgrind is not installed
# (the figures then say "skipped").
set -eu

if [ $# -ne 2 ]; then
	echo "usage: text_report.sh SRCDIR BUILDDIR" >&2
	exit 2
fi
src=$1
build=$2
prog=$build/smpscreen
work=$build/bench/text_report
target=250000
today=2026-01-15
missed=0

fail() {
	echo "text_report.sh: FAILED: $*" >&2
	exit 1
}

[ -x "$prog" ] || fail "$prog is missing; run make in the build directory"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to generate the answer files"
if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1
then
	for l in en es fr; do
		echo "text_report_${l}_instr=skipped"
		echo "screen_text_${l}_instr_per_file=skipped"
	done
	echo "text_report.sh: valgrind (callgrind) is not installed: nothing measured" >&2
	exit 0
fi

rm -rf "$work"
mkdir -p "$work"
for n in 1 101; do
	python3 "$src/bench/gen_answers.py" "$work/d$n" "$n" 1 \
	    "$src/questionnaires/smp-consultation.cfg" >/dev/null ||
	    fail "gen_answers.py did not finish"
done
# Defaults only, whatever clinic settings file this machine has.
settings=$work/defaults-settings.cfg
echo 'settings = { };' >"$settings"

# total FILE: the program's instructions; incl FILE FUNCTION: FUNCTION's, inclusive.
total() {
	callgrind_annotate --threshold=100 "$1" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' |
	    tr -d ,
}
incl() {
	callgrind_annotate --threshold=100 --inclusive=yes "$1" 2>/dev/null |
	    sed -n "s/^ *\([0-9,]*\) .*:$2 \[.*/\1/p" | head -n 1 | tr -d ,
}

rows=
for l in en es fr; do
	for n in 1 101; do
		valgrind --tool=callgrind --callgrind-out-file="$work/cg-$l-$n.out" \
		    "$prog" screen --settings "$settings" --today "$today" --lang "$l" \
		    "$work/d$n" >/dev/null 2>"$work/cg-$l-$n.err" ||
		    fail "smpscreen screen --lang $l of $n files (see $work/cg-$l-$n.err)"
	done
	t1=$(total "$work/cg-$l-1.out")
	t101=$(total "$work/cg-$l-101.out")
	r1=$(incl "$work/cg-$l-1.out" report_write_text_toc)
	r101=$(incl "$work/cg-$l-101.out" report_write_text_toc)
	[ -n "$t1" ] && [ -n "$t101" ] && [ -n "$r1" ] && [ -n "$r101" ] ||
	    fail "no figures in the callgrind output of --lang $l"
	per_file=$(((t101 - t1) / 100))
	report=$(((r101 - r1) / 100))
	if [ "$report" -le "$target" ]; then
		verdict=met
	else
		verdict=missed
		missed=1
	fi
	echo "text_report_${l}_instr=$report"
	echo "text_report_${l}_target=$verdict"
	echo "screen_text_${l}_instr_per_file=$per_file"
	rows="$rows$(printf '%-8s %14s %12s %24s' "$l" "$report" "$verdict" "$per_file")
"
done

echo
echo "Text report per further answer file (callgrind instructions; target <= $target)"
printf '%-8s %14s %12s %24s\n' language "report" "target" "whole program, per file"
printf '%s' "$rows"
if [ "$missed" -ne 0 ] && [ "${SMPBENCH_STRICT:-0}" = 1 ]; then
	exit 1
fi
exit 0
