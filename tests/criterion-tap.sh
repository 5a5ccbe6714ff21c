#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs one Criterion test binary for automake's TAP driver and adds one test point of its
# own: "no sanitizer reports". Criterion runs each test in a child process and does not fail
# a test whose child leaks at exit, so LeakSanitizer's reports (and any other sanitizer
# report) are read from stderr here and turned into a failure that cannot be missed.
set -u
bin=$1
shift
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

"$bin" --tap="$tmp/out.tap" "$@" 2>"$tmp/err"
status=$?

if [ ! -s "$tmp/out.tap" ]; then
	echo "1..1"
	echo "not ok 1 - $bin produced no TAP report (exit status $status)"
	sed 's/^/# /' "$tmp/err"
	exit 0
fi
n=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tmp/out.tap" | head -n 1)
n=${n:-0}
sed "s/^1\.\.$n\$/1..$((n + 1))/" "$tmp/out.tap"
if grep -q -E 'ERROR: (LeakSanitizer|AddressSanitizer)|runtime error:|WARNING: .*Sanitizer' "$tmp/err"; then
	echo "not ok $((n + 1)) - no sanitizer reports"
	sed 's/^/# /' "$tmp/err"
else
	echo "ok $((n + 1)) - no sanitizer reports"
fi
# A crash of the runner itself, outside any test, also fails the file.
if [ "$status" -gt 1 ]; then
	echo "# $bin exited with status $status"
	sed 's/^/# /' "$tmp/err" | tail -n 20
fi
exit 0
