#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of `smpscreen screen` on large batches: memory that does not grow with the
# number of files (peak resident size for 500 and 10,000 files, text to standard output and
# JSON with -o), the cap on messages ("and N more"), each file read once (a file changed after
# it was read, pipes), and reports that wait for the last file in a temporary file.
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

# --- each file read once: what is reported is what was read ---------------------------------
# The batch is a.cfg then a FIFO: the program opens the FIFO only once it has read a.cfg, and
# needs the FIFO's end to finish; the writer changes a.cfg in between (after its open of the
# FIFO returns, before it closes it). No timing.
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

changed_run broken "printf 'answers = ;\n' >" --format jsonl
is "$rc" 0 "a file broken after it was read: exit 0 (it is read once)"
is "$(grep -o '"suitability": *"[a-z]*"' "$TMP/out" | sed 's/.*"\([a-z]*\)"$/\1/' | tr '\n' ' ')" \
    "suitable caveats " "a file broken after it was read: its report is of what was read"
is "$(cat "$TMP/err")" "" "a file broken after it was read: nothing on standard error"

# --- reports wait for the last file, in memory and then in a file with no name --------------
# SMPSCREEN_SPOOL_BYTES lowers the memory the waiting reports may take, so that three files
# already go to the temporary file.
run screen --today "$TODAY" answers
cp "$TMP/out" "$TMP/want.txt"
mkdir -p "$TMP/spooldir"
TMPDIR=$TMP/spooldir SMPSCREEN_SPOOL_BYTES=1000 run screen --today "$TODAY" answers
is "$rc" 0 "reports kept in a temporary file: exit 0"
same_file "$TMP/want.txt" "$TMP/out" "reports kept in a temporary file: the same bytes out"
is "$(ls -A "$TMP/spooldir")" "" "reports kept in a temporary file: it leaves no file behind"
TMPDIR=$TMP/spooldir SMPSCREEN_SPOOL_BYTES=1000 run screen --today "$TODAY" answers \
    bad/answers-syntax.cfg
is "$rc" 2 "reports kept in a temporary file, an error in the last file: exit 2"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 \
    "reports kept in a temporary file, an error in the last file: no report at all"
# /proc takes no files: the reports cannot wait, so none is shown, and the message says why.
TMPDIR=/proc SMPSCREEN_SPOOL_BYTES=1000 run screen --today "$TODAY" answers
is "$rc" 1 "no temporary file can be made: exit 1"
is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "no temporary file can be made: no report"
check "no temporary file can be made: the message names the folder and why" \
    grep -q "^smpscreen: cannot make a temporary file in /proc to hold the reports until every file is checked: " "$TMP/err"
TMPDIR=/proc run screen --today "$TODAY" answers
is "$rc" 0 "reports that fit in memory need no temporary file"

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
