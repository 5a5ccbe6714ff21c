#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/consult/run.sh [SRCDIR [BUILDDIR]]: what a whole consultation in the wizard writes to
# the terminal, and its CPU per key (issue 15, item 4).
#
# Walks the bundled questionnaire (questionnaires/smp-consultation.cfg, smp-rules.cfg) with
# bench/consult/smpscreen.keys (51 screens, the review, the result) through the wizard at
# 80x24 with the shared termharness (../shared/tools/termharness beside the repository), and
# a start-and-quit walk, and prints as key=value lines and as a table, each against its
# target:
#   total_bytes            every byte of the whole consultation, start to exit (<= 12,000)
#   qchange_median_bytes   median of the 51 keys that leave a question (<= 200)
#   page_entry_max_bytes   the largest page entered by a key, and which (<= 700)
#   cpu_per_key_ms         CPU of the walk less that of start-and-quit, per extra key (<= 0.2)
# and, when valgrind and strace are installed, two figures that are the same on every run:
#   instr_per_key          instructions (callgrind) of the walk less start-and-quit, per key
#   writes_per_key         write(2) calls likewise (strace): each can be a packet over SSH
# Bytes are exact and the same on every run (fixed TERM, size and --today); CPU is the
# median of the runs, with min and max.
#
# Installs nothing; smpscreen must be built already in BUILDDIR (an optimised build, no
# sanitizers). Results go to BUILDDIR/bench/consult/ (per run: raw.bin, result.json with
# the bytes of every key and its phase, screen captures).
# Environment: CONSULT_RUNS (default 5) runs of each walk; CONSULT_CALLGRIND=0 and
# CONSULT_STRACE=0 leave out the callgrind (about a minute) and strace runs.
#
# A benchmark, not a test: a missed target is reported, not an error. The exit status is 1
# when something does not work (a tool missing, a walk whose waits or asserts fail), and 0
# without measuring when the shared harness is not beside the repository.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "${1:-$here/../..}" && pwd)
build=$(cd "${2:-.}" && pwd)
runs=${CONSULT_RUNS:-5}
th=$src/../shared/tools/termharness
prog=$build/smpscreen
out=$build/bench/consult
qn=$src/questionnaires/smp-consultation.cfg
rules=$src/questionnaires/smp-rules.cfg
today=2026-01-15

fail() {
	echo "run.sh: FAILED: $*" >&2
	exit 1
}

if [ ! -f "$th/termharness.py" ]; then
	echo "run.sh: the shared terminal harness is not at $th"
	echo "run.sh: (shared/ sits beside the repository on the team's machines only); nothing measured."
	exit 0
fi
missing=
for t in tmux python3; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
command -v "${CC:-cc}" >/dev/null 2>&1 || missing="$missing ${CC:-cc}"
[ -z "$missing" ] || fail "missing:$missing (apt-get install tmux; the harness compiles a small runner)"
[ -x "$prog" ] || fail "$prog is missing; build it first (make smpscreen in $build)"
case $runs in
'' | *[!0-9]* | 0) fail "CONSULT_RUNS must be a positive number, not '$runs'" ;;
esac

rm -rf "$out/walk" "$out/startonly"
mkdir -p "$out"
TH_WORKDIR=${TH_WORKDIR:-$out/.termharness}
export TH_WORKDIR
# Defaults only, whatever clinic settings file this machine has; no draft (XDG_STATE_HOME
# names no directory), so that every run starts on the same welcome page.
settings=$out/defaults-settings.cfg
echo 'settings = { };' >"$settings"
"$prog" --questionnaire "$qn" --rules "$rules" --settings "$settings" check >/dev/null ||
    fail "the bundled questionnaire does not check"
# wizard KEYFILE OUTDIR [HARNESS OPTIONS]: $runs runs of the wizard (the options may say
# otherwise); $wrap, when set, is a command that runs it.
wrap=
wizard() {
	_k=$1 _o=$2
	shift 2
	python3 "$th/termharness.py" -n "$runs" -k "$_k" -o "$_o" --env XDG_STATE_HOME=/dev/null \
	    "$@" -- $wrap "$prog" --questionnaire "$qn" --rules "$rules" --settings "$settings" \
	    --today "$today" --no-save
}

status=0
echo "== smpscreen wizard: $runs runs of $here/smpscreen.keys"
wizard "$here/smpscreen.keys" "$out/walk" || status=1
printf '%s\n' 'wait Enter: start' 'key q' 'wait Quit?' 'key y' >"$out/startonly.keys"
echo "== start and quit only: $runs runs"
wizard "$out/startonly.keys" "$out/startonly" || status=1
# Figures that do not vary: one run of each walk under callgrind, then under strace -c
# (slow keys: each waits for the program's output to be quiet for 0.6 s).
rm -rf "$out/cg" "$out/st"
slow="--settle-ms 600 --startup-settle-ms 3000 --step-timeout 30"
if [ "${CONSULT_CALLGRIND:-1}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
	mkdir -p "$out/cg"
	printf '#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file="%s/$CG.%%p" "$@"\n' \
	    "$out/cg" >"$out/cg/run"
	chmod +x "$out/cg/run"
	wrap=$out/cg/run
	echo "== under callgrind: the walk and start and quit, once each"
	wizard "$here/smpscreen.keys" "$out/cg/walk" -n 1 -q --env CG=walk $slow || status=1
	wizard "$out/startonly.keys" "$out/cg/startonly" -n 1 -q --env CG=startonly $slow ||
	    status=1
fi
if [ "${CONSULT_STRACE:-1}" = 1 ] && command -v strace >/dev/null 2>&1; then
	mkdir -p "$out/st"
	printf '#!/bin/sh\nexec strace -f -c -o "%s/$ST" "$@"\n' "$out/st" >"$out/st/run"
	chmod +x "$out/st/run"
	wrap=$out/st/run
	echo "== under strace -c: the walk and start and quit, once each"
	wizard "$here/smpscreen.keys" "$out/st/walk.d" -n 1 -q --env ST=walk || status=1
	wizard "$out/startonly.keys" "$out/st/startonly.d" -n 1 -q --env ST=startonly || status=1
fi
[ "$status" -eq 0 ] || fail "a walk failed (see the harness output above)"

echo
python3 - "$out" "$runs" <<'EOF' | tee "$out/table.md"
import glob, json, os, statistics, sys

out, runs = sys.argv[1], int(sys.argv[2])


def results(name):
    return [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, name, "run*", "result.json")))]


walk, start = results("walk"), results("startonly")
if not walk or not start:
    sys.exit("run.sh: a walk left no results")
r0 = walk[0]
keys = [s for s in r0["steps"] if s["kind"] == "key"]
# The key that leaves each phase enters the next one: phases in the order they came.
order, last = [], {}
for s in keys:
    if s["phase"] not in last:
        order.append(s["phase"])
    last[s["phase"]] = s
qchange = [last[p]["bytes"] for p in order if p.startswith("Q")]
entries = [(last[a]["bytes"], b) for a, b in zip(order, order[1:])]
entry_max = max(entries)


def med(vals):
    return statistics.median(vals), min(vals), max(vals)


def cpu(r):
    return (r["rusage"]["utime_s"] + r["rusage"]["stime_s"]) * 1e3


cpu_walk, cpu_start = med([cpu(r) for r in walk]), med([cpu(r) for r in start])
extra = r0["keystrokes"] - start[0]["keystrokes"]
per_key = (cpu_walk[0] - cpu_start[0]) / extra
totals = sorted(set(r["total_bytes"] for r in walk))


def verdict(ok):
    return "ok" if ok else "missed"


def cg_total(name):
    for f in glob.glob(os.path.join(out, "cg", name + ".*")):
        for line in open(f):
            if line.startswith("totals:"):
                return int(line.split()[1])
    return None


def writes(name):
    p = os.path.join(out, "st", name)
    if not os.path.exists(p):
        return None
    for line in open(p):
        f = line.split()
        if f and f[-1] == "write":
            return int(f[3])
    return 0


def screen(name):
    """Screen capture NAME of run 1 as 24 lines of text, or None."""
    p = os.path.join(out, "walk", "run00", "screen-%s.txt" % name)
    if not os.path.exists(p):
        return None
    rows = open(p, encoding="utf-8").read().split("\n")[:r0["rows"]]
    return [list(r) + [" "] * (r0["cols"] - len(r)) for r in rows + [""] * (r0["rows"] - len(rows))]


def changed(a, b):
    """Bytes of the characters that differ between screens a and b and are not blank in b:
    what any program must send to turn a into b, before a cursor move or an attribute."""
    return sum(len(cb.encode()) for ra, rb in zip(a, b) for ca, cb in zip(ra, rb) if ca != cb and cb != " ")


# The floor: each page entry as changed characters only (page entries by a key, as above).
floor = None
names = ["welcome"] + [p.split()[0] for p in order if p.startswith("Q")] + ["review-top", "review-end", "result"]
shots = [screen(n) for n in names]
if all(x is not None for x in shots):
    blank = [[" "] * r0["cols"] for _ in range(r0["rows"])]
    steps = [changed(a, b) for a, b in zip([blank] + shots, shots)]
    q_floor = steps[2:2 + len(qchange)]  # the entries of Q02..Q51 and of the review
    shown = {"review-top": "review", "review-end": "review_End"}
    entry_floor = [(b, shown.get(n, n)) for b, n in zip(steps[1:], names[1:])]
    floor = {"total": sum(steps), "qchange_median": statistics.median(q_floor), "max": max(entry_floor)}
    # The same pages as the byte figures: Qnn as the key that enters it is named (Qnn id).
    floor["max"] = (floor["max"][0], next((p for p in order if p.split()[0] == floor["max"][1]), floor["max"][1]))

instr = writes_key = None
if cg_total("walk") is not None and cg_total("startonly") is not None:
    instr = (cg_total("walk") - cg_total("startonly")) / extra
if writes("walk") is not None and writes("startonly") is not None:
    writes_key = (writes("walk") - writes("startonly")) / extra


figs = [
    ("keystrokes", r0["keystrokes"], "", ""),
    ("screens", len(qchange), "", ""),
    ("total_bytes", r0["total_bytes"], "<= 12000", verdict(r0["total_bytes"] <= 12000)),
    ("first_screen_bytes", r0["startup"]["bytes"], "", ""),
    ("qchange_median_bytes", statistics.median(qchange), "<= 200", verdict(statistics.median(qchange) <= 200)),
    ("qchange_mean_bytes", round(statistics.mean(qchange), 1), "", ""),
    ("page_entry_max_bytes", entry_max[0], "<= 700", verdict(entry_max[0] <= 700)),
    ("page_entry_max_page", entry_max[1].replace(" ", "_"), "", ""),
    ("cpu_walk_ms", round(cpu_walk[0], 2), "", ""),
    ("cpu_startquit_ms", round(cpu_start[0], 2), "", ""),
    ("cpu_per_key_ms", round(per_key, 3), "<= 0.2", verdict(per_key <= 0.2)),
]
if floor is not None:
    figs.append(("floor_total_bytes", floor["total"], "", ""))
    figs.append(("floor_qchange_median_bytes", floor["qchange_median"], "", ""))
    figs.append(("floor_page_entry_max_bytes", floor["max"][0], "", ""))
    figs.append(("floor_page_entry_max_page", floor["max"][1].replace(" ", "_"), "", ""))
if instr is not None:
    figs.append(("instr_per_key", round(instr), "", ""))
if writes_key is not None:
    figs.append(("writes_per_key", round(writes_key, 2), "", ""))
for k, v, t, ok in figs:
    print("%s=%s" % (k, v))
for k, v, t, ok in figs:
    if ok:
        print("%s_target=%s" % (k, ok))
print()
print("Whole consultation in the wizard, 80x24, TERM=xterm-256color, C.UTF-8; bytes of run 1 "
      "(the same in every run), CPU the median of %d runs [min..max]." % runs)
print()
rows = [
    ("keystrokes (walk / start and quit)", "%d / %d" % (r0["keystrokes"], start[0]["keystrokes"]), ""),
    ("bytes to the terminal, whole consultation", "{:,}".format(r0["total_bytes"]),
     "<= 12,000: " + verdict(r0["total_bytes"] <= 12000)),
    ("bytes of the first screen (welcome, with terminal set-up)", "{:,}".format(r0["startup"]["bytes"]), ""),
    ("bytes per question change, median of %d" % len(qchange), "%g" % statistics.median(qchange),
     "<= 200: " + verdict(statistics.median(qchange) <= 200)),
    ("bytes per question change, mean / max", "%.1f / %d" % (statistics.mean(qchange), max(qchange)), ""),
    ("largest page entry (bytes, page)", "%d (%s)" % entry_max, "<= 700: " + verdict(entry_max[0] <= 700)),
    ("CPU, whole walk / start and quit, ms", "%.1f [%.1f..%.1f] / %.1f [%.1f..%.1f]" % (cpu_walk + cpu_start), ""),
    ("CPU per key beyond start and quit, ms", "%.3f" % per_key, "<= 0.2: " + verdict(per_key <= 0.2)),
]
if floor is not None:
    rows.append(("floor: changed characters alone, whole consultation", "{:,}".format(floor["total"]), ""))
    rows.append(("floor: changed characters alone, question change median", "%g" % floor["qchange_median"], ""))
    rows.append(("floor: changed characters alone, largest page entry", "%d (%s)" % floor["max"], ""))
if instr is not None:
    rows.append(("instructions per key beyond start and quit (callgrind)", "{:,.0f}".format(instr), ""))
if writes_key is not None:
    rows.append(("write(2) calls per key beyond start and quit (strace)", "%.2f" % writes_key, ""))
hdr = ("", "smpscreen", "target (issue 15, item 4)")
w = [max(len(r[i]) for r in rows + [hdr]) for i in range(3)]
print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(hdr)) + " |")
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for r in rows:
    print("| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |")
print()
if floor is not None:
    print("The floor is what any program must send to show these screens: the bytes of every character that"
          " changes to another one\nthat is not blank, from one screen to the next (tmux's captures of run 1), without"
          " a cursor move, an attribute\nor clearing what goes; the review's End key included, typing and ticking"
          " left out.\n")
print("Page entries over 500 B: " + (", ".join("%s %d" % (p, b) for b, p in sorted(entries, reverse=True)
                                           if b > 500) or "none"))
if len(totals) > 1:
    print("note: the byte counts differ between runs: %s" % totals)
EOF
echo
echo "Per-run results: $out/walk/runNN/result.json; this table: $out/table.md"
