#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# fuzz/run.sh [SECONDS [TARGET...]]: runs each libFuzzer target for SECONDS (default 60),
# one after the other on one core, from a build directory configured with
# `CC=clang --enable-fuzzing` and built (this script builds nothing). TARGETs are names such
# as expr or fuzz_answers; default: all of them.
#
# Seeds come from the source tree (tests/data, the bundled content, the golden cases) and
# are copied to a temporary folder each run; nothing binary is kept in the tree. New inputs
# go to a temporary corpus too, unless FUZZ_CORPUS names a folder to keep them in (one
# subfolder per target). Logs and whatever libFuzzer finds go to fuzz-artifacts/ in the
# build directory (FUZZ_ARTIFACTS to change it).
#
# Prints one line per target: executions, executions per second, edges covered and "ok", or
# what was found and the command that runs that input again. Exits 1 when any target
# crashed, leaked, ran out of time (-timeout=10: 10 s for one input) or memory (2 GB), or is
# not built.
set -uo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=$PWD
secs=${1:-60}
[ $# -gt 0 ] && shift
case $secs in
'' | *[!0-9]*)
	echo "usage: fuzz/run.sh [SECONDS [TARGET...]]" >&2
	exit 2
	;;
esac
all=(expr answers questionnaire rules settings keys cache)
if [ $# -gt 0 ]; then
	targets=("${@#fuzz_}")
else
	targets=("${all[@]}")
fi

art=${FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$art" || exit 1
art=$(cd "$art" && pwd)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

# seed DIR FILE...: copies each existing file into DIR.
seed() {
	local dir=$1 f
	shift
	mkdir -p "$dir"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/$(echo "${f#"$src"/}" | tr / _)"
	done
	return 0
}

# The strings of `KEY = "..."` lines (single-line strings, as the content writes them).
strings_of() {
	local key=$1
	shift
	sed -n "s/^.*[{; ]$key *= *\"\\([^\"]*\\)\".*\$/\\1/p; s/^$key *= *\"\\([^\"]*\\)\".*\$/\\1/p" "$@" |
		sort -u
}

# one_per_file DIR: each line of standard input as a file of its own.
one_per_file() {
	local dir=$1 n=0 line
	mkdir -p "$dir"
	while IFS= read -r line; do
		n=$((n + 1))
		printf '%s' "$line" >"$dir/$n"
	done
}

qn=$src/questionnaires/smp-consultation.cfg
rs=$src/questionnaires/smp-rules.cfg
td=$src/tests/data
shopt -s nullglob

# Seeds, per target.
seed "$work/seeds/answers" "$td"/answers/*.cfg "$td"/e2e/answers/*.cfg "$td"/e2e/fhir/*.cfg \
	"$td"/e2e/bad/answers-*.cfg "$src"/questionnaires/cases/*.cfg
seed "$work/seeds/questionnaire" "$qn" "$td"/mini-questionnaire.cfg "$td"/option-order.cfg \
	"$td"/e2e/wide/questionnaire.cfg "$td"/e2e/bad/questionnaire-*.cfg
seed "$work/seeds/rules" "$rs" "$td"/mini-rules.cfg "$td"/e2e/wide/rules.cfg \
	"$td"/e2e/bad/rules-*.cfg
seed "$work/seeds/settings" "$src"/etc/settings.cfg "$td"/unit/clinic-settings.cfg \
	"$td"/e2e/settings/*.cfg "$td"/e2e/bad/settings-*.cfg
{
	strings_of when "$rs" "$td"/*.cfg "$td"/e2e/wide/*.cfg "$td"/e2e/bad/rules-*.cfg
	strings_of show_if "$qn" "$td"/*.cfg "$td"/e2e/wide/*.cfg "$td"/e2e/bad/questionnaire-*.cfg
} | one_per_file "$work/seeds/expr"
# Keys: what the wizard's tests type (answers, a typed escape sequence, UTF-8 text, Ctrl
# keys, Backspace), and 0xff 0x01 0x02: KEY_DOWN in fuzz_keys' encoding.
mkdir -p "$work/seeds/keys"
printf '1\r2\r34\r\177\1775\r' >"$work/seeds/keys/answers"
printf 'some words \033]0;PWNED\007\033[2J\r' >"$work/seeds/keys/escape"
printf 'Caf\303\251 \346\235\261\344\272\254 \360\237\231\202\351\r' >"$work/seeds/keys/utf8"
printf '\003\032\034\033yndq\r' >"$work/seeds/keys/controls"
printf '\377\001\002\377\001\003\r12u3\r\377\377\000' >"$work/seeds/keys/curses"
seed "$work/seeds/keys" "$td"/e2e/mini/escapes.cfg

# The bundled content's own cache, less its checksum (fuzz_cache seals what it is given):
# written by the program of this build, in a cache folder of our own.
mkdir -p "$work/seeds/cache" "$work/xdg"
if XDG_CACHE_HOME=$work/xdg SMPSCREEN_DATADIR=$src/questionnaires "$build/smpscreen" screen \
	--today 2027-01-31 "$td/answers/typical.cfg" >/dev/null 2>&1; then
	for f in "$work"/xdg/smpscreen/content-*.bin; do
		head -c "$(($(wc -c <"$f") - 8))" "$f" >"$work/seeds/cache/bundled"
	done
fi

# Dictionaries: the signs and keys in fuzz/*.dict, and the bundled content's own names.
{
	strings_of id "$qn" "$rs"
	strings_of value "$qn"
} | sed 's/[\\"]/\\&/g; s/.*/"&"/' >"$work/names.dict"
cat "$src/fuzz/expr.dict" "$work/names.dict" >"$work/expr.dict"
cat "$src/fuzz/libconfig.dict" "$work/names.dict" >"$work/libconfig.dict"

export SMPSCREEN_DATADIR=$src/questionnaires
export SMP_TEST_DATA=$td
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=0
export LSAN_OPTIONS=suppressions=$src/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

failed=0
for t in "${targets[@]}"; do
	bin=$build/fuzz/fuzz_$t
	log=$art/fuzz_$t.log
	if [ ! -d "$work/seeds/$t" ]; then
		echo "fuzz_$t: FAILED: no such target (targets: ${all[*]})"
		failed=1
		continue
	fi
	if [ ! -x "$bin" ]; then
		echo "fuzz_$t: FAILED: $bin is not built (configure with CC=clang --enable-fuzzing," \
			"make, and run this from the build directory)"
		failed=1
		continue
	fi
	corpus=$work/corpus/$t
	[ -n "${FUZZ_CORPUS:-}" ] && corpus=$FUZZ_CORPUS/$t
	mkdir -p "$corpus"
	dict=()
	case $t in
	expr) dict=(-dict="$work/expr.dict") ;;
	keys | cache) ;;
	*) dict=(-dict="$work/libconfig.dict") ;;
	esac
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/fuzz_$t-" "${dict[@]}" "$corpus" "$work/seeds/$t" >"$log" 2>&1
	status=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	summary="fuzz_$t: ${runs:-?} runs in ${secs} s, ${rate:-?}/s, ${cov:-?} edges, corpus ${corp:-?}"
	found=$(sed -n 's/^.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
	if [ "$status" -eq 0 ] && [ -z "$found" ]; then
		echo "$summary: ok"
		continue
	fi
	failed=1
	what=$(grep -m 1 -o -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [^ ]*( [^ ]*)?|runtime error: .*|fuzz: finding: .*|ALARM: .*' "$log")
	echo "$summary: FAILED (exit status $status): ${what:-see the log}"
	echo "  reproduce: SMPSCREEN_DATADIR=$SMPSCREEN_DATADIR SMP_TEST_DATA=$SMP_TEST_DATA" \
		"LSAN_OPTIONS=$LSAN_OPTIONS $bin ${found:-(no file written)}"
	echo "  log: $log"
	grep -E '^(==|SUMMARY|fuzz:|    #[0-9])' "$log" | head -n 40 | sed 's/^/  | /'
done
exit "$failed"
