#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/json_cost.sh SRCDIR BUILDDIR: what a JSON, JSON Lines and FHIR report costs, in
# instructions (callgrind: the same on every run), for `make bench` (not a test).
#
# Screens a directory of 1 and of 101 generated answer files (bench/gen_answers.py, seed
# SMPBENCH_SEED, default 7) under callgrind for each format and prints, per format:
#   <fmt>_per_file    (instructions of 101 files - of 1 file) / 100: what a further file costs
#   <fmt>_report      instructions of report_write_<fmt> (with all it calls) per report
# as key=value lines, then a table against issue 15's budget for the JSON report itself
# (JSON_REPORT_TARGET, 200000 instructions: 800 k a further file, of which parsing takes
# ~450 k). Needs valgrind and python3; builds nothing. A missed target is reported, not a
# failure (SMPBENCH_STRICT=1 makes it exit 1); a program that fails, or no valgrind, is.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: json_cost.sh SRCDIR BUILDDIR" >&2
	exit 2
fi
src=$1
build=$2
prog=$build/smpscreen
seed=${SMPBENCH_SEED:-7}
target=${JSON_REPORT_TARGET:-200000}
work=$build/bench/json_cost
today=2026-01-15

fail() {
	echo "json_cost.sh: FAILED: $*" >&2
	exit 1
}

[ -x "$prog" ] || fail "$prog is missing; build it first"
command -v valgrind >/dev/null 2>&1 || fail "valgrind is needed"
command -v callgrind_annotate >/dev/null 2>&1 || fail "callgrind_annotate is needed"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to generate the answer files"

SMPSCREEN_DATADIR=$src/questionnaires
# Both runs load the content the same way: a cache filled by the first would make the
# difference of the two less than a file's cost.
SMPSCREEN_CACHE=off
export SMPSCREEN_DATADIR SMPSCREEN_CACHE
rm -rf "$work"
mkdir -p "$work"
for n in 1 101; do
	python3 "$src/bench/gen_answers.py" "$work/in$n" "$n" "$seed" >/dev/null ||
		fail "gen_answers.py"
done

# Instructions of a whole run.
total() {
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$1"
}

# Inclusive instructions of a function in a callgrind output.
inclusive() {
	callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
		sed -n "s/^ *\([0-9,]*\) .*:$2 .*/\1/p" | head -n 1 | tr -d ,
}

missed=0
table=""
for fmt in json jsonl fhir; do
	for n in 1 101; do
		valgrind --tool=callgrind --callgrind-out-file="$work/$fmt.$n.out" \
			"$prog" screen --today "$today" --format "$fmt" "$work/in$n" \
			>"$work/$fmt.$n.report" 2>"$work/$fmt.$n.log" ||
			fail "smpscreen screen --format $fmt (see $work/$fmt.$n.log)"
	done
	t1=$(total "$work/$fmt.1.log")
	t101=$(total "$work/$fmt.101.log")
	incl=$(inclusive "$work/$fmt.101.out" "report_write_$fmt")
	if [ -z "$t1" ] || [ -z "$t101" ] || [ -z "$incl" ]; then
		fail "no figures for $fmt"
	fi
	per_file=$(((t101 - t1) / 100))
	report=$((incl / 101))
	echo "${fmt}_per_file=$per_file"
	echo "${fmt}_report=$report"
	verdict=-
	case $fmt in
	json | jsonl)
		if [ "$report" -le "$target" ]; then
			verdict="met (<= $target)"
		else
			verdict="missed (> $target)"
			missed=1
		fi
		;;
	esac
	table="$table$(printf '%-6s %14s %14s   %s' "$fmt" "$per_file" "$report" "$verdict")
"
done

echo
echo "Reports, instructions (callgrind, seed $seed, 1 and 101 files):"
printf '%-6s %14s %14s   %s\n' format "a further file" "the report" "report target"
printf '%s' "$table"
if [ "$missed" -ne 0 ] && [ "${SMPBENCH_STRICT:-0}" = 1 ]; then
	exit 1
fi
exit 0
