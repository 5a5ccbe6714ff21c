#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/instr.sh SRCDIR BUILDDIR: instruction counts of the real program (callgrind), which
# repeat exactly from run to run, unlike times on a shared machine. Part of `make bench`.
#
# Prints `key=value` lines on standard output:
#   startup_ir             `smpscreen screen ANSWERS` of one file, exec to exit, with the
#                          content cache holding the bundled content (every run but the first)
#   startup_cold_ir        the same, the run that fills the cache
#   startup_off_ir         the same with the cache off (SMPSCREEN_CACHE=off): libconfig's parse
#   startup_es_ir          the warm run with --lang es
#   per_file_text_ir       each further file of a batch, text reports: (101 files - 1) / 100
#   per_file_json_ir       the same, JSON reports
#   per_file_text_es_ir    the same, text reports in Spanish
#   libconfig_per_file_ir  libconfig's own parse of the same files (the floor), per file
# and `instr_missing=valgrind` (nothing else) when valgrind is not installed.
#
# The batch is 101 files of bench/gen_answers.py (seed 1) in BUILDDIR/bench/instr; the one
# file is tests/data/answers/typical.cfg. Settings: none (an empty settings file), so a
# machine's clinic settings do not count.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: instr.sh SRCDIR BUILDDIR" >&2
	exit 2
fi
src=$1
build=$2
prog=$build/smpscreen
qn=$src/questionnaires/smp-consultation.cfg
rules=$src/questionnaires/smp-rules.cfg
work=$build/bench/instr
today=2026-01-15

fail() {
	echo "instr.sh: FAILED: $*" >&2
	exit 1
}

if ! command -v valgrind >/dev/null 2>&1; then
	echo "instr_missing=valgrind"
	exit 0
fi
[ -x "$prog" ] || fail "$prog is missing"
command -v cc >/dev/null 2>&1 || fail "a C compiler (cc) is needed for the libconfig floor"

rm -rf "$work"
mkdir -p "$work/one" "$work/batch"
settings=$work/empty-settings.cfg
echo 'settings = { };' >"$settings"
cp "$src/tests/data/answers/typical.cfg" "$work/one/"
python3 "$src/bench/gen_answers.py" "$work/batch101" 101 1 "$qn" >/dev/null ||
	fail "gen_answers.py did not finish"
first=$(ls "$work/batch101" | sed 1q)
cp "$work/batch101/$first" "$work/batch/"

# A cache folder of this run's own: the first screening fills it.
XDG_CACHE_HOME=$work/cache
export XDG_CACHE_HOME
unset SMPSCREEN_CACHE

# ir ARGS...: callgrind's instruction count of smpscreen ARGS (standard output discarded).
ir() {
	valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
	    "$prog" --questionnaire "$qn" --rules "$rules" --settings "$settings" "$@" \
	    >/dev/null 2>"$work/cg.err" || {
		sed 5q "$work/cg.err" >&2
		fail "smpscreen $* under callgrind"
	}
	sed -n 's/^==[0-9]*== Collected : *\([0-9]*\)$/\1/p' "$work/cg.err"
}
# per_file FORMAT [ARGS...]: (cost of 101 files - cost of 1) / 100
per_file() {
	_fmt=$1
	shift
	_one=$(ir "$@" screen --today "$today" --format "$_fmt" "$work/batch")
	_all=$(ir "$@" screen --today "$today" --format "$_fmt" "$work/batch101")
	echo $(((_all - _one) / 100))
}

echo "startup_off_ir=$(SMPSCREEN_CACHE=off ir screen --today "$today" "$work/one/typical.cfg")"
echo "startup_cold_ir=$(ir screen --today "$today" "$work/one/typical.cfg")"
echo "startup_ir=$(ir screen --today "$today" "$work/one/typical.cfg")"
echo "startup_es_ir=$(ir --lang es screen --today "$today" "$work/one/typical.cfg")"
echo "per_file_text_ir=$(per_file text)"
echo "per_file_json_ir=$(per_file json)"
echo "per_file_text_es_ir=$(per_file text --lang es)"

# The floor: libconfig parsing the same 101 files and nothing else (a tiny C program).
cat >"$work/lc.c" <<'EOF'
/* SPDX-License-Identifier: ISC */
#include <libconfig.h>
#include <stdio.h>

int
main(int argc, char **argv)
{
	config_t c;
	int i;

	for (i = 1; i < argc; i++) {
		config_init(&c);
		if (!config_read_file(&c, argv[i]))
			fprintf(stderr, "%s: %s\n", argv[i], config_error_text(&c));
		config_destroy(&c);
	}
	return 0;
}
EOF
# shellcheck disable=SC2046
cc -O2 -o "$work/lc" "$work/lc.c" $(pkg-config --cflags --libs libconfig) ||
	fail "cannot build the libconfig-only parser"
lc_ir() {
	valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$work/lc" "$@" \
	    2>"$work/cg.err" >/dev/null || fail "libconfig-only parse"
	sed -n 's/^==[0-9]*== Collected : *\([0-9]*\)$/\1/p' "$work/cg.err"
}
one=$(lc_ir "$work/batch/$first")
all=$(lc_ir "$work"/batch101/*.cfg)
echo "libconfig_per_file_ir=$(((all - one) / 100))"
