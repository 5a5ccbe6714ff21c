#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/run.sh SRCDIR BUILDDIR: the benchmark behind `make bench` (not a test).
#
# Generates answer files into BUILDDIR/bench/out, runs bench/smpbench (load and screen) and
# times the real program screening the same directory, then loads the large files of
# bench/gen_large.py (BUILDDIR/bench/large); counts instructions with callgrind (start-up,
# each further file of a batch, growth with the content: bench/scale.py); measures the
# wizard's terminal bytes (bench/wizard12, bench/consult) and its memory per session
# (bench/sessions.sh); and prints a table of figures against the targets of the issues. The
# same table goes to BUILDDIR/bench/results.md, from which bench/update-readme.sh writes the
# tables of README.md and bench/README.md. Builds nothing: make has built smpscreen and
# bench/smpbench already.
#
# Environment: SMPBENCH_FILES (default 10000), SMPBENCH_SEED (default 1),
# SMPBENCH_LOAD_N (default 200), SMPBENCH_LARGE_N (default 5), SMPBENCH_PARTS (default
# "instr scale wizard sessions": the parts run beside the batch and the large files; a part
# left out shows its targets as not measured), SMPBENCH_STRICT=1 to exit 1 when a target is
# missed (by default a missed target is reported, not a failure: figures depend on the
# machine).
set -eu

if [ $# -ne 2 ]; then
	echo "usage: run.sh SRCDIR BUILDDIR" >&2
	exit 2
fi
src=$1
build=$2
qn=$src/questionnaires/smp-consultation.cfg
rules=$src/questionnaires/smp-rules.cfg
bench=$build/bench/smpbench
prog=$build/smpscreen
out=$build/bench/out
files=${SMPBENCH_FILES:-10000}
seed=${SMPBENCH_SEED:-1}
load_n=${SMPBENCH_LOAD_N:-200}
large_n=${SMPBENCH_LARGE_N:-5}
large=$build/bench/large
today=2026-01-15

fail() {
	echo "run.sh: FAILED: $*" >&2
	exit 1
}

for f in "$bench" "$prog"; do
	[ -x "$f" ] || fail "$f is missing; run 'make bench' in the build directory"
done
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to generate the answer files"

# Milliseconds from an arbitrary origin; GNU date, else python3.
now_ms() {
	t=$(date +%s%N 2>/dev/null || :)
	case $t in
	*[!0-9]* | '') python3 -c 'import time; print(time.monotonic_ns() // 1000000)' ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# The value of key in a line of `key=value` words.
field() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

rm -rf "$out"
mkdir -p "$out"
echo "Generating $files answer files in $out (seed $seed)..."
python3 "$src/bench/gen_answers.py" "$out" "$files" "$seed" "$qn" ||
	fail "gen_answers.py did not finish"

# Defaults only, whatever clinic settings file this machine has.
settings=$build/bench/defaults-settings.cfg
echo 'settings = { };' >"$settings"

echo "smpbench load ($load_n iterations)..."
load_line=$("$bench" load "$qn" "$rules" "$load_n") || fail "smpbench load"
echo "  $load_line"
echo "smpbench screen ($files files)..."
screen_line=$("$bench" screen "$qn" "$rules" "$out") || fail "smpbench screen"
echo "  $screen_line"

# The real program, one process for the whole directory. Never -o /dev/null: -o renames a
# temporary file over its target, which fails, or, run as root, replaces the device node
# with a regular file. Standard output goes to /dev/null instead.
errs=$build/bench/smpscreen.stderr
# Peak resident size (KB) of the last prog_run in $build/bench/rss, with GNU time; "-" without.
rss_file=$build/bench/rss
have_time=
if [ -x /usr/bin/time ] && /usr/bin/time -o "$rss_file" -f %M true 2>/dev/null; then
	have_time=1
fi
timed() {
	if [ -n "$have_time" ]; then /usr/bin/time -o "$rss_file" -f %M "$@"; else "$@"; fi
}
prog_run() {
	echo - >"$rss_file"
	timed "$prog" --questionnaire "$qn" --rules "$rules" --settings "$settings" \
	    screen --today "$today" "$@" "$out" >/dev/null 2>"$errs" || {
		st=$?
		sed 5q "$errs" >&2
		fail "smpscreen screen $* exited with status $st"
	}
	if grep ': error: ' "$errs" >/dev/null; then
		fail "smpscreen screen $* reported errors (see $errs)"
	fi
}
echo "smpscreen screen --format json (one process)..."
t0=$(now_ms)
prog_run --format json
t1=$(now_ms)
json_ms=$((t1 - t0))
json_rss=$(tail -n 1 "$rss_file")
# At most 1,000 warnings are shown, then "and N more warnings (not shown)".
warnings=$(grep -c ': warning: ' "$errs" || :)
more=$(sed -n 's/^smpscreen: and \([0-9]*\) more warnings* (not shown)$/\1/p' "$errs")
warnings=$((warnings + ${more:-0}))
echo "smpscreen screen --format text (one process)..."
t0=$(now_ms)
prog_run --format text
t1=$(now_ms)
text_ms=$((t1 - t0))
text_rss=$(tail -n 1 "$rss_file")
# -o streams the reports into its temporary file: its memory must not grow either.
echo "smpscreen screen --format json -o FILE (one process)..."
prog_run --format json -o "$build/bench/report.json"
json_o_rss=$(tail -n 1 "$rss_file")
rm -f "$build/bench/report.json"

# The worst files a loader may be given (bench/gen_large.py): each loaded large_n times.
rm -rf "$large"
echo "Generating the large files in $large..."
python3 "$src/bench/gen_large.py" "$large" || fail "gen_large.py did not finish"
# large_file WANT_LOADED ARGS...: one `smpbench file` line, checked.
large_file() {
	_want=$1
	shift
	_line=$("$bench" file "$@" "$large_n") || fail "smpbench file $*"
	[ "$(field loaded "$_line")" = "$_want" ] ||
	    fail "smpbench file $*: loaded=$(field loaded "$_line"), expected $_want"
	echo "  $_line" >&2
	echo "$_line"
}
echo "smpbench file: 4 MB of '(' in a rule's condition ($large_n times)..."
deep_line=$(large_file 0 rules "$qn" "$large/deep-rules.cfg") || exit 1
echo "smpbench file: 60,000 questions ($large_n times)..."
manyq_line=$(large_file 1 questionnaire "$large/many-questions.cfg") || exit 1
echo "smpbench file: 20,000 rules and notes for them ($large_n times)..."
manyr_line=$(large_file 1 rules "$large/many-questions.cfg" "$large/many-rules.cfg") || exit 1

mean=$(field mean_ms "$load_line")
min=$(field min_ms "$load_line")
median=$(field median_ms "$load_line")
missed=0
results=$build/bench/results.md

parts=${SMPBENCH_PARTS:-"instr scale wizard sessions"}
# part NAME: whether NAME is among the parts to run (SMPBENCH_PARTS)
part() {
	case " $parts " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# row WHAT FIGURE UNIT TARGET-TEXT VERDICT: a line of the table, on standard output and, as
# a Markdown row, in results.md.
row() {
	printf '%-46s %16s %-8s %-12s %s\n' "$1" "$2" "$3" "$4" "$5"
	printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" | sed 's/| *|/| |/g' \
	    >>"$results"
}
# check WHAT FIGURE UNIT OP LIMIT [TARGET-TEXT]: a row with a verdict; OP is le, lt or ge. An
# empty figure (not measured) is missed.
check() {
	_what=$1 _fig=$2 _unit=$3 _op=$4 _lim=$5
	_text=${6:-}
	case $_op in
	le) _t=${_text:-"<= $(thousands "$_lim")"} ;;
	lt) _t=${_text:-"< $(thousands "$_lim")"} ;;
	ge) _t=${_text:-">= $(thousands "$_lim")"} ;;
	esac
	if [ -z "$_fig" ]; then
		row "$_what" "not measured" "$_unit" "$_t" missed
		missed=1
		return
	fi
	_v=$(awk -v v="$_fig" -v l="$_lim" -v op="$_op" 'BEGIN {
		ok = (op == "le") ? (v + 0 <= l + 0) : (op == "lt") ? (v + 0 < l + 0) : (v + 0 >= l + 0)
		print ok ? "ok" : "missed" }')
	row "$_what" "$(thousands "$_fig")" "$_unit" "$_t" "$_v"
	[ "$_v" = ok ] || missed=1
}
info() { # WHAT FIGURE UNIT
	row "$1" "$(thousands "$2")" "$3" "" "-"
}
thousands() { # 1234567 -> 1,234,567 (integers only; anything else as it is)
	case $1 in
	'' | *[!0-9]*) printf '%s' "$1" ;;
	*) printf '%s' "$1" | sed ':a;s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/;ta' ;;
	esac
}
per_s() { # files ms
	awk -v n="$1" -v ms="$2" 'BEGIN { if (ms < 1) ms = 1; printf "%.0f", n / (ms / 1000) }'
}

json_rate=$(per_s "$files" "$json_ms")
text_rate=$(per_s "$files" "$text_ms")

: >"$results"
# What was measured, for bench/update-readme.sh's stamp: the commit (marked when the tree
# held changes not committed, the READMEs' tables aside) and the day, taken when the table
# is written rather than when it is copied.
stamp_commit=$(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$stamp_commit" != unknown ] &&
	! git -C "$src" diff --quiet HEAD -- . ':!README.md' ':!bench/README.md' 2>/dev/null; then
	stamp_commit="$stamp_commit with changes not committed"
fi
printf '%s\n%s\n' "$stamp_commit" "$(date -u +%Y-%m-%d)" >"${results%.md}.stamp"
echo
row "what" "figure" "unit" "target" "result"
printf '|---|---:|---|---|---|\n' >>"$results"
printf '%-46s %16s %-8s %-12s %s\n' "----" "------" "----" "------" "------"
check "load+validate questionnaire+rules, mean" "$mean" ms lt 5
info "  median [min]" "$median [$min]" ms
for k in text json; do
	check "smpbench: load+screen+$k report" "$(field "${k}_per_s" "$screen_line")" files/s ge 10000
done
info "smpbench: answers_load only" "$(field load_per_s "$screen_line")" files/s
info "smpbench: answers_load+outcome_compute" "$(field outcome_per_s "$screen_line")" files/s
check "smpscreen screen --format json (process)" "$json_rate" files/s ge 10000
check "smpscreen screen --format text (process)" "$text_rate" files/s ge 10000
for k in deep manyq manyr; do
	eval "l=\$${k}_line"
	case $k in
	deep) what="load a 4 MB rules file of '(' (refused)" ;;
	manyq) what="load a questionnaire of 60,000 questions" ;;
	manyr) what="load 20,000 rules against it" ;;
	esac
	check "$what, median" "$(field median_ms "$l")" ms lt 1000
	info "  min..max; CPU median" "$(field min_ms "$l")..$(field max_ms "$l"); $(field cpu_median_ms "$l")" ms
	info "  peak resident size" "$(field maxrss_kb "$l")" kB
done

kv() { # KEY FILE: the value of KEY= in a file of key=value lines
	sed -n "s/^$1=//p" "$2" | sed 1q
}

# --- instructions (callgrind): start-up and each further file of a batch (issue 15) --------
instr=$build/bench/instr.txt
: >"$instr"
if part instr; then
	echo "Counting instructions with callgrind (bench/instr.sh)..." >&2
	sh "$src/bench/instr.sh" "$src" "$build" >"$instr" || fail "bench/instr.sh"
fi
check "screen of one file, exec to exit" "$(kv startup_ir "$instr")" instr le 20000000
info "  the run that fills the content cache" "$(kv startup_cold_ir "$instr")" instr
info "  with the content cache off" "$(kv startup_off_ir "$instr")" instr
info "  the same, --lang es" "$(kv startup_es_ir "$instr")" instr
check "each further file: text report" "$(kv per_file_text_ir "$instr")" instr le 800000
check "each further file: text report, --lang es" "$(kv per_file_text_es_ir "$instr")" instr le 800000
check "each further file: JSON report" "$(kv per_file_json_ir "$instr")" instr le 800000
info "  libconfig's own parse of the same files" "$(kv libconfig_per_file_ir "$instr")" instr

# ms MEDIAN MIN MAX: "median [min..max]"
ms() {
	[ -n "$1" ] && printf '%s [%s..%s]' "$1" "$2" "$3"
}

# --- growth with the content: bench/scale.py (issue 15, item 3) ----------------------------
if part scale; then
	scale=$build/bench/scale.txt
	echo "Growth with the content, 1 x and 100 x (bench/scale.py, about 8 minutes)..." >&2
	(cd "$build" && python3 "$src/bench/scale.py" --bin "$prog" --smpbench "$bench" \
	    --out "$build/bench/scale") >"$scale" 2>"$build/bench/scale.err" ||
		fail "bench/scale.py (see $build/bench/scale.err)"
	for k in load check screen_json screen_text; do
		check "$(echo "$k" | tr _ ' '), 100 x content / 1 x" \
		    "$(kv "ratio_${k}_100x" "$scale")" x le 120
	done
	info "  screen json with the content cache, 100 x / 1 x" \
	    "$(kv ratio_screen_json_warm_100x "$scale")" x
	check "work per answer (plain walk), 100 x / 1 x" \
	    "$(kv ratio_plain_per_answer_100x "$scale")" x le 2
	w=wizard_startup_100x_ms
	check "wizard exec to first screen, 100 x content, median" \
	    "$(kv ${w}_median "$scale")" ms le 100
	info "  [min..max]" "$(ms "$(kv ${w}_median "$scale")" "$(kv ${w}_min "$scale")" \
	    "$(kv ${w}_max "$scale")")" ms
	w=wizard_first_question_100x_ms
	check "wizard Enter to first question, 100 x, median" "$(kv ${w}_median "$scale")" ms le 100
	info "  answer file of 5,793 answers (one group's most)" \
	    "$(kv answers_5793_instructions "$scale")" instr
fi

# --- the wizard's terminal cost: bench/consult and bench/wizard12 (issues 4 and 15) --------
if part wizard; then
	con=$build/bench/consult.txt
	echo "A whole consultation through the wizard (bench/consult/run.sh)..." >&2
	sh "$src/bench/consult/run.sh" "$src" "$build" >"$con" 2>"$build/bench/consult.err" ||
		fail "bench/consult/run.sh (see $build/bench/consult.err)"
	check "consultation: bytes to the terminal, 80x24" "$(kv total_bytes "$con")" B le 12000
	info "  the least any program could send for its screens" "$(kv floor_total_bytes "$con")" B
	check "consultation: median question change" "$(kv qchange_median_bytes "$con")" B le 200
	info "  the least any program could send" "$(kv floor_qchange_median_bytes "$con")" B
	check "consultation: largest page entry ($(kv page_entry_max_page "$con"))" \
	    "$(kv page_entry_max_bytes "$con")" B le 700
	info "  the least any program could send" "$(kv floor_page_entry_max_bytes "$con")" B
	check "consultation: CPU per key beyond start, median" "$(kv cpu_per_key_ms "$con")" ms le 0.2
	info "  instructions per key (callgrind)" "$(kv instr_per_key "$con")" instr
	info "  write calls per key (strace)" "$(kv writes_per_key "$con")" writes
	w12=$build/bench/wizard12.txt
	echo "The 12-question walk against dialog(1) (bench/wizard12/run.sh)..." >&2
	sh "$src/bench/wizard12/run.sh" "$src" "$build" >"$w12" 2>&1 ||
		fail "bench/wizard12/run.sh (see $w12)"
fi

# --- patients per host: bench/sessions.sh (issue 15, item 5) ---------------------------------
if part sessions; then
	sess=$build/bench/sessions.txt
	echo "100 wizards at once in tmux (bench/sessions.sh, about 2 minutes)..." >&2
	sh "$src/bench/sessions.sh" "$src" "$build" 100 >"$sess" 2>"$build/bench/sessions.err" ||
		fail "bench/sessions.sh (see $build/bench/sessions.err)"
	info "private memory (USS) per session, median" "$(kv uss_kb_median "$sess")" kB
	info "PSS per session, median" "$(kv pss_kb_median "$sess")" kB
	info "sessions in 1 GB (by PSS)" "$(kv sessions_per_gb_pss "$sess")" sessions
	check "sessions in 2 GB (by PSS)" "$(kv sessions_in_2gb "$sess")" sessions ge 1000
	info "  with sshd and kernel memory, in 2 GB" "$(kv sessions_in_2gb_with_sshd "$sess")" sessions
fi

echo
echo "$files files ($(field fired_per_file "$screen_line") rules fired per file;" \
    "suitable $(field suitable "$screen_line"), caveats $(field caveats "$screen_line")," \
    "refer $(field refer "$screen_line"), defer $(field defer "$screen_line")," \
    "unsuitable $(field unsuitable "$screen_line")); $warnings ignored-answer warnings;" \
    "screening date $today."
echo "Process times: json ${json_ms} ms, text ${text_ms} ms for the whole directory."
echo "Peak resident size (/usr/bin/time %M): json ${json_rss} KB, text ${text_rss} KB," \
    "json with -o ${json_o_rss} KB."
if part wizard && [ -s "$build/bench/wizard12.txt" ]; then
	echo
	echo "The 12-question walk, smpscreen against dialog(1) (bench/wizard12/run.sh):"
	sed -n '/^Medians of/,$p' "$build/bench/wizard12.txt"
fi
echo "The table is in $results (bench/update-readme.sh copies it into the READMEs)."

if [ "$missed" -ne 0 ] && [ "${SMPBENCH_STRICT:-0}" = 1 ]; then
	echo "run.sh: a target was missed (SMPBENCH_STRICT=1)" >&2
	exit 1
fi
exit 0
