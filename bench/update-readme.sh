#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/update-readme.sh RESULTS FILE...: puts the table `make bench` wrote (RESULTS, i.e.
# BUILDDIR/bench/results.md) between the lines `<!-- make bench: begin -->` and
# `<!-- make bench: end -->` of each FILE (README.md, bench/README.md), with the date and
# the commit it was measured on, so that no figure there is typed by hand.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: update-readme.sh RESULTS FILE..." >&2
	exit 2
fi
results=$1
shift
[ -s "$results" ] || { echo "update-readme.sh: $results is empty or missing" >&2; exit 1; }
# The commit and day bench/run.sh wrote beside the table when it measured: the tree may have
# moved on since.
stampfile=${results%.md}.stamp
[ -s "$stampfile" ] || { echo "update-readme.sh: $stampfile is missing (run make bench again)" >&2; exit 1; }
commit=$(sed -n 1p "$stampfile")
day=$(sed -n 2p "$stampfile")
stamp="Measured by \`make bench\` on $day, commit $commit ($(uname -m), $(nproc 2>/dev/null || echo ?) CPUs)."
for f in "$@"; do
	grep -q '^<!-- make bench: begin -->$' "$f" && grep -q '^<!-- make bench: end -->$' "$f" || {
		echo "update-readme.sh: $f has no '<!-- make bench: begin/end -->' lines" >&2
		exit 1
	}
	tmp=$f.tmp.$$
	awk -v results="$results" -v stamp="$stamp" '
		/^<!-- make bench: begin -->$/ {
			print; print ""; print stamp; print ""
			while ((getline line < results) > 0) print line
			close(results); print ""; skip = 1; next
		}
		/^<!-- make bench: end -->$/ { skip = 0 }
		!skip { print }
	' "$f" >"$tmp"
	mv "$tmp" "$f"
done
