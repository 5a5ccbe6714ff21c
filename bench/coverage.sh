#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/coverage.sh SRCDIR DIR: the line coverage behind `make coverage` (not a test, and not
# run by CI). Configures SRCDIR in DIR (a build of its own) with --coverage, no optimisation
# and no sanitizers, builds, runs the whole test suite, and prints, per source file of the
# program (src/, include/), how many of its executable lines the tests ran, from gcov (part
# of gcc; nothing else is needed). A file compiled twice (src/ui/keymap.c, for the program
# and for its test) counts a line as run when either copy ran it.
#
# Exit status: 0, or 1 when the build or a test failed (the table is still printed when the
# tests ran), 2 on bad usage.
set -u

if [ $# -ne 2 ]; then
	echo "usage: bench/coverage.sh SRCDIR DIR" >&2
	exit 2
fi
src=$(cd "$1" && pwd) || exit 2
dir=$2
if [ -f "$src/config.status" ]; then
	echo "coverage: $src is configured in place; a coverage build needs a build folder of its own" >&2
	echo "coverage: run 'make distclean' there, then build outside it (e.g. _build/dev)" >&2
	exit 2
fi
command -v gcov >/dev/null 2>&1 || { echo "coverage: gcov not found" >&2; exit 1; }

mkdir -p "$dir" && cd "$dir" || exit 1
if [ ! -f Makefile ]; then
	echo "coverage: configuring in $dir"
	"$src/configure" -q --with-criterion CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" ||
		exit 1
fi
# gcov finds the sources by the names the compiler was given: no -ffile-prefix-map here.
mk() { make -s -j1 SMP_PREFIX_MAP_CFLAGS= "$@"; }
echo "coverage: building"
mk all >/dev/null || exit 1
# Counts of this run only.
find . -name '*.gcda' -exec rm -f {} +
echo "coverage: running the tests"
status=0
mk check AM_COLOR_TESTS=no >check.out 2>&1 || status=1
grep '^# [A-Z]*: ' check.out
[ "$status" -eq 0 ] || echo "coverage: some tests failed (see $dir/check.out)" >&2
if ! find . -name '*.gcda' | grep -q .; then
	echo "coverage: the tests left no counts" >&2
	exit 1
fi

# gcov -t writes each annotated source to standard output: "COUNT: LINE: text", where COUNT
# is '-' for a line without code, '#####' or '=====' for one never run, else a number
# (a '*' after it marks a block of the line that was not run).
: >gcov.out
for gcno in $(find src -name '*.gcno' | LC_ALL=C sort); do
	(cd "$(dirname "$gcno")" && gcov -t "$(basename "$gcno")" 2>/dev/null) >>gcov.out
done
echo
awk -v top="$src/" '
	/^ *-: *0:Source:/ {
		file = $0
		sub(/^ *-: *0:Source:/, "", file)
		keep = index(file, top) == 1
		if (keep) {
			file = substr(file, length(top) + 1)
			keep = file ~ /^(src|include)\//
		}
		next
	}
	!keep { next }
	{
		split($0, part, ":")
		count = part[1]
		line = part[2]
		gsub(/ /, "", count)
		if (count == "-" || line + 0 == 0)
			next
		key = file SUBSEP line
		if (!(key in code)) {
			code[key] = 1
			lines[file]++
			files[file] = 1
		}
		if (count !~ /^(#####|=====)$/ && !(key in ran)) {
			ran[key] = 1
			run[file]++
		}
	}
	END {
		n = 0
		for (f in files)
			names[++n] = f
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && names[j - 1] > names[j]; j--) {
				t = names[j]; names[j] = names[j - 1]; names[j - 1] = t
			}
		printf "| %-28s | %6s | %6s | %6s |\n", "file", "lines", "run", "cover"
		printf "|%s|%s:|%s:|%s:|\n", "------------------------------", "-------", "-------", "-------"
		for (i = 1; i <= n; i++) {
			f = names[i]
			printf "| %-28s | %6d | %6d | %5.1f%% |\n", f, lines[f], run[f], 100 * run[f] / lines[f]
			tl += lines[f]
			tr += run[f]
		}
		if (tl > 0)
			printf "| %-28s | %6d | %6d | %5.1f%% |\n", "**total**", tl, tr, 100 * tr / tl
	}
' gcov.out
exit "$status"
