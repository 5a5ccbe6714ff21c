#!/bin/sh
# SPDX-License-Identifier: ISC
# The golden cases are installed from an explicit list in Makefile.am (dist_cases_DATA), so
# that uninstall removes exactly what install put there. A case added to
# questionnaires/cases/ but not to that list would be left out of the tarball and of the
# installed cases: this test fails then, naming it. Needs no program, only the source tree.

. "$(dirname -- "$0")/lib.sh"

am=$SMP_SRCDIR/Makefile.am
cases=$SMP_SRCDIR/questionnaires/cases
TMP=$(mktemp -d "${TMPDIR:-/tmp}/smpscreen-cases.XXXXXX") || {
	echo "Bail out! mktemp -d failed"
	exit 99
}
trap 'rm -rf "$TMP"' EXIT

if [ ! -f "$am" ] || [ ! -d "$cases" ]; then
	echo "Bail out! no $am or no $cases (set SMP_SRCDIR)"
	exit 99
fi

# The words of every `dist_cases_DATA =` or `+=` assignment, continuation lines included,
# one per line, as names relative to questionnaires/cases/.
awk '
	/^[ \t]*dist_cases_DATA[ \t]*\+?=/ { on = 1; sub(/^[^=]*=/, "") }
	on {
		more = sub(/\\[ \t]*$/, "")
		n = split($0, w, /[ \t]+/)
		for (i = 1; i <= n; i++)
			if (w[i] != "")
				print w[i]
		on = more
	}
' "$am" >"$TMP/words"
sed -n 's|^questionnaires/cases/||p' "$TMP/words" | LC_ALL=C sort >"$TMP/listed"
(cd "$cases" && for f in *.cfg; do [ -f "$f" ] && printf '%s\n' "$f"; done) |
	LC_ALL=C sort >"$TMP/present"

check "Makefile.am lists the golden cases in dist_cases_DATA" test -s "$TMP/listed"
check "dist_cases_DATA holds only files of questionnaires/cases/" \
	test "$(wc -l <"$TMP/words")" -eq "$(wc -l <"$TMP/listed")"

LC_ALL=C comm -23 "$TMP/present" "$TMP/listed" >"$TMP/unlisted"
if [ ! -s "$TMP/unlisted" ]; then
	ok "every case in questionnaires/cases/ is listed in Makefile.am ($(wc -l <"$TMP/present") cases)"
else
	not_ok "every case in questionnaires/cases/ is listed in Makefile.am"
	comment "add to dist_cases_DATA in Makefile.am:"
	sed 's|^|	questionnaires/cases/|; s|$| \\|' "$TMP/unlisted" >"$TMP/add"
	comment_file "$TMP/add" 100
fi

LC_ALL=C comm -13 "$TMP/present" "$TMP/listed" >"$TMP/missing"
if [ ! -s "$TMP/missing" ]; then
	ok "every case listed in Makefile.am exists"
else
	not_ok "every case listed in Makefile.am exists"
	comment "listed but not in questionnaires/cases/:"
	comment_file "$TMP/missing" 100
fi

LC_ALL=C uniq -d "$TMP/listed" >"$TMP/twice"
if [ ! -s "$TMP/twice" ]; then
	ok "no case is listed twice"
else
	not_ok "no case is listed twice"
	comment_file "$TMP/twice" 100
fi

done_testing
