#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `smpscreen screen` on large batches: memory that does not grow with the
# number of files (peak resident size for 500 and 10,000 files, text to standard output and
# JSON with -o), the cap on messages ("and N more"), a file that changes between the check of
# every file and its report, and inputs that cannot be read twice (pipes).
#
# The batches are hard links to the eight e2e answer files, so the disk holds eight small
# files whatever the number. Under AddressSanitizer the 10,000-file runs take about half a
# minute each.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }
TODAY=2027-01-31
SMALL=500
LARGE=10000

# AddressSanitizer keeps up to 256 MB of freed memory aside to catch use after free; that
# quarantine alone would make every batch look the same size (or a small one look large).
# A tiny one leaves the program's own memory to be measured; the other tests keep the default.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"
export ASAN_OPTIONS

# batch NAME N FILE...: N hard links to the FILEs (in turn) in folders of 100 under
# $TMP/NAME; their list, one folder a line, in $TMP/NAME.dirs.
batch() {
	_name=$1 _n=$2
	shift 2
	mkdir -p "$TMP/$_name/src" || return 1
	cp "$@" "$TMP/$_name/src/" || return 1
	mkdir "$TMP/$_name/one" || return 1
	_i=0
	while [ "$_i" -lt 100 ]; do
		for _f in "$TMP/$_name"/src/*; do
			[ "$_i" -lt 100 ] || break
			ln "$_f" "$TMP/$_name/one/f$(printf %03d "$_i").cfg" || return 1
			_i=$((_i + 1))
		done
	done
	_i=0
	: >"$TMP/$_name.dirs"
	while [ "$_i" -lt $((_n / 100)) ]; do
		_d=$TMP/$_name/d$(printf %04d "$_i")
		mkdir "$_d" && cp -l "$TMP/$_name"/one/*.cfg "$_d/" || return 1
		echo "$_d" >>"$TMP/$_name.dirs"
		_i=$((_i + 1))
	done
}

# peak_kb OUT ARGS...: runs the program with ARGS, standard output to OUT and standard error
# to $TMP/err; sets rc, and kb to its peak resident set size in KB (empty when it cannot be
# measured).
peak_kb() {
	_out=$1
	shift
	if [ -x /usr/bin/time ] && /usr/bin/time -o "$TMP/rss" -f %M true 2>/dev/null; then
		/usr/bin/time -o "$TMP/rss" -f %M "$SMPSCREEN" "$@" </dev/null >"$_out" 2>"$TMP/err"
		rc=$?
		kb=$(tail -n 1 "$TMP/rss")
	elif have_python; then
		python3 -c '
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    rc = subprocess.call(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=out, stderr=err)
with open(sys.argv[2] + ".rc", "w") as f:
    f.write(str(rc))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$_out" "$TMP/err" "$SMPSCREEN" "$@" >"$TMP/rss"
		rc=$(cat "$TMP/err.rc")
		kb=$(cat "$TMP/rss")
	else
		"$SMPSCREEN" "$@" </dev/null >"$_out" 2>"$TMP/err"
		rc=$?
		kb=
	fi
}

# rss_flat WHAT SMALL_KB LARGE_KB: ok when 20 times the files did not take 20 times the
# memory. Kept per file, today's answer files, warnings and reports took 2.6 KB (11 KB with
# -o): 25 MB (104 MB) more for the 9,500 files more, well past the margin; per file, what
# stays is its name and 32 bytes of SHA-256, about 0.1 KB (1 MB).
rss_flat() {
	if [ -z "$2" ] || [ -z "$3" ]; then
		skip "$1" "neither /usr/bin/time nor python3 can measure the peak resident size"
		return
	fi
	_limit=$(($2 + $2 / 4 + 10240))
	if [ "$3" -le "$_limit" ]; then
		ok "$1 ($SMALL files: $2 KB, $LARGE files: $3 KB)"
	else
		not_ok "$1 ($SMALL files: $2 KB, $LARGE files: $3 KB, more than $_limit KB)"
	fi
}

# --- memory does not grow with the number of files ---------------------------------------
batch small "$SMALL" answers/*.cfg || { echo "Bail out! cannot make the small batch"; exit 99; }
batch large "$LARGE" answers/*.cfg || { echo "Bail out! cannot make the large batch"; exit 99; }

peak_kb /dev/null screen --today "$TODAY" $(cat "$TMP/small.dirs")
s=$kb
is "$rc" 0 "$SMALL files, text to standard output: exit 0"
peak_kb "$TMP/large.txt" screen --today "$TODAY" $(cat "$TMP/large.dirs")
l=$kb
is "$rc" 0 "$LARGE files, text to standard output: exit 0"
rss_flat "text to standard output: peak memory does not grow with the number of files" "$s" "$l"
is "$(grep -c '^Answers file: ' "$TMP/large.txt")" "$LARGE" "$LARGE files: $LARGE text reports"
cp "$TMP/err" "$TMP/large.err"
# 08-stray-hidden.cfg answers a hidden question: a warning each, the first 1,000 shown.
stray=$(find "$TMP/large/one" -samefile "$TMP/large/src/08-stray-hidden.cfg" | wc -l)
stray=$((stray * LARGE / 100))
is "$(grep -c ': warning: answer to .transplant_months_ago. ignored' "$TMP/large.err")" 1000 \
    "$LARGE files: the first 1,000 ignored-answer warnings are shown"
is "$(tail -n 1 "$TMP/large.err")" "smpscreen: and $((stray - 1000)) more warnings (not shown)" \
    "$LARGE files: the last line counts the warnings not shown"
is "$(wc -l <"$TMP/large.err" | tr -d ' ')" 1001 "$LARGE files: nothing else on standard error"
rm -f "$TMP/large.txt"

peak_kb "$TMP/out" screen --format json --today "$TODAY" -o "$TMP/small.json" \
    $(cat "$TMP/small.dirs")
s=$kb
is "$rc" 0 "$SMALL files, JSON to -o: exit 0"
peak_kb "$TMP/out" screen --format json --today "$TODAY" -o "$TMP/large.json" \
    $(cat "$TMP/large.dirs")
l=$kb
is "$rc" 0 "$LARGE files, JSON to -o: exit 0"
rss_flat "JSON with -o: peak memory does not grow with the number of files" "$s" "$l"
is "$(grep -c '^  "source": ' "$TMP/large.json")" "$LARGE" "$LARGE files: $LARGE JSON reports in -o's file"
is "$(head -n 1 "$TMP/large.json")$(tail -n 1 "$TMP/large.json")" "[]" \
    "$LARGE files: -o's file is one JSON array"
is "$(file_mode "$TMP/large.json")" 600 "$LARGE files: -o's file is private (0600)"
check "$LARGE files: no temporary file is left beside -o's file" \
    not sh -c 'ls -A "$1" | grep -q "^\.large\.json\."' sh "$TMP"
rm -f "$TMP/large.json" "$TMP/small.json"

# --- every error before any report, however many --------------------------------------------
batch bad 1100 bad/answers-syntax.cfg || { echo "Bail out! cannot make the bad batch"; exit 99; }
run screen --today "$TODAY" answers/01-all-clear.cfg $(cat "$TMP/bad.dirs")
is "$rc" 2 "1,100 bad files: exit 2"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "1,100 bad files: no report at all"
is "$(grep -c ': error: cannot parse the file: syntax error$' "$TMP/err")" 1000 \
    "1,100 bad files: the first 1,000 errors are shown"
is "$(tail -n 1 "$TMP/err")" "smpscreen: and 100 more errors (not shown)" \
    "1,100 bad files: the last line counts the errors not shown"
run --lang fr screen --today "$TODAY" $(cat "$TMP/bad.dirs")
check "1,100 bad files: the count is translated" \
    grep -q "^smpscreen: et 100 erreurs de plus (non affichées)$" "$TMP/err"

# --- a file that changes between the check and its report ----------------------------------
# The batch is a.cfg then a FIFO: the check opens the FIFO only once it has read a.cfg, and
# needs the FIFO's end to finish; the writer changes a.cfg in between (after its open of the
# FIFO returns, before it closes it), so the report pass reads a changed a.cfg. No timing.
# changed_run NAME HOW [ARGS...]: HOW is a shell command run on a.cfg in that window.
changed_run() {
	_d=$TMP/$1
	_how=$2
	shift 2
	mkdir -p "$_d"
	cp answers/01-all-clear.cfg "$_d/a.cfg"
	mkfifo "$_d/fifo.cfg"
	sh -c "{ $_how \"\$1/a.cfg\"; cat answers/02-caveats.cfg; } >\"\$1/fifo.cfg\"" sh "$_d" &
	_writer=$!
	run screen --today "$TODAY" "$@" "$_d/a.cfg" "$_d/fifo.cfg"
	# A program that never opened the FIFO must not leave the writer waiting for ever.
	kill "$_writer" 2>/dev/null
	wait "$_writer" 2>/dev/null
}

changed_run still-valid "printf '# changed\n' >>"
is "$rc" 2 "a file changed between check and report: exit 2"
is "$(cat "$TMP/err")" "$TMP/still-valid/a.cfg: error: changed while the batch was being screened, after every file was checked; screen the batch again" \
    "a file changed between check and report: the error names it"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "a file changed between check and report: no report of it"

changed_run broken "printf 'answers = ;\n' >"
is "$rc" 2 "a file broken between check and report: exit 2"
check "a file broken between check and report: its own error" \
    grep -q "^$TMP/broken/a.cfg:1: error: " "$TMP/err"
check "a file broken between check and report: and why it was not seen before" \
    grep -q "^$TMP/broken/a.cfg: error: changed while the batch was being screened" "$TMP/err"

echo "an earlier report" >"$TMP/earlier"
cp "$TMP/earlier" "$TMP/report.json"
changed_run with-o "printf '# changed\n' >>" --format json -o "$TMP/report.json"
is "$rc" 2 "-o, a file changed between check and report: exit 2"
same_file "$TMP/earlier" "$TMP/report.json" \
    "-o, a file changed between check and report: the earlier report is untouched"
check "-o, a file changed between check and report: no temporary file is left" \
    not sh -c 'ls -A "$1" | grep -q "^\.report\.json\."' sh "$TMP"
changed_run new-o "printf '# changed\n' >>" -o "$TMP/new.txt"
check "-o to a new file, a file changed between check and report: no file" \
    not test -e "$TMP/new.txt"

# Unchanged, the same two files: both screened, the FIFO once (it cannot be read twice).
changed_run unchanged ":" --format jsonl
is "$rc" 0 "a FIFO in a batch: exit 0"
is "$(sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$TMP/out" | tr '\n' ' ')" \
    "$TMP/unchanged/a.cfg $TMP/unchanged/fifo.cfg " "a FIFO in a batch: both files are screened"
check "a FIFO in a batch: its answers are the ones written to it" \
    grep -q '"suitability": *"caveats"' "$TMP/out"

# A pipe on standard input, as `screen /dev/stdin` or `screen <(...)` give.
run screen --format json --today "$TODAY" answers/03-refer.cfg
sed 's,"source": "answers/03-refer.cfg","source": "/dev/stdin",' "$TMP/out" >"$TMP/want.json"
cat answers/03-refer.cfg | "$SMPSCREEN" screen --format json --today "$TODAY" /dev/stdin \
    >"$TMP/got.json" 2>"$TMP/err"
is "$?" 0 "a pipe as the answers file: exit 0"
same_file "$TMP/want.json" "$TMP/got.json" "a pipe as the answers file: the same report"

done_testing
