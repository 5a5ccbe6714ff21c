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
# Bytes are exact and the same on every run (fixed TERM, size and --today); CPU is the
# median of the runs, with min and max.
#
# Installs nothing; smpscreen must be built already in BUILDDIR (an optimised build, no
# sanitizers). Results go to BUILDDIR/bench/consult/ (per run: raw.bin, result.json with
# the bytes of every key and its phase, screen captures).
# Environment: CONSULT_RUNS (default 5) runs of each walk.
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
wizard() { # KEYFILE OUTDIR
	python3 "$th/termharness.py" -n "$runs" -k "$1" -o "$2" --env XDG_STATE_HOME=/dev/null -- \
	    "$prog" --questionnaire "$qn" --rules "$rules" --settings "$settings" \
	    --today "$today" --no-save
}

status=0
echo "== smpscreen wizard: $runs runs of $here/smpscreen.keys"
wizard "$here/smpscreen.keys" "$out/walk" || status=1
printf '%s\n' 'wait Enter: start' 'key q' 'wait Quit?' 'key y' >"$out/startonly.keys"
echo "== start and quit only: $runs runs"
wizard "$out/startonly.keys" "$out/startonly" || status=1
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
hdr = ("", "smpscreen", "target (issue 15, item 4)")
w = [max(len(r[i]) for r in rows + [hdr]) for i in range(3)]
print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(hdr)) + " |")
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for r in rows:
    print("| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |")
print()
print("Page entries over 500 B: " + (", ".join("%s %d" % (p, b) for b, p in sorted(entries, reverse=True)
                                           if b > 500) or "none"))
if len(totals) > 1:
    print("note: the byte counts differ between runs: %s" % totals)
EOF
echo
echo "Per-run results: $out/walk/runNN/result.json; this table: $out/table.md"
