#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/wizard12/run.sh [SRCDIR [BUILDDIR]]: the terminal cost of the wizard against dialog(1).
#
# Walks the same 12-question consultation (4 single-choice, 2 multi-choice, 3 yes/no,
# 3 numbers) through the smpscreen wizard and through the dialog(1) script of the shared
# termharness, with termharness (../shared/tools/termharness beside the repository), and
# prints a table: bytes written to the terminal (total, per keystroke, per question change),
# time to the first screen, CPU per keystroke and peak RSS, for both, from one invocation.
# A minimal ncurses program is measured too, as the floor for the first screen.
#
# Installs nothing. Builds only the harness's runner and its minimal ncurses example, into
# BUILDDIR; smpscreen must be built already (an optimised build, no sanitizers). Results go
# to BUILDDIR/bench/wizard12/.
# SRCDIR defaults to the repository holding this script, BUILDDIR to the current directory.
#
# Environment: WIZARD12_RUNS (default 5) runs of each walk; WIZARD12_DRAFTS=1 lets the wizard
# keep its draft (see below).
#
# A benchmark, not a test: a missed target is reported, not an error. The exit status is
# 1 when something does not work (a tool missing, a walk whose assertions fail), and 0
# without measuring when the shared harness is not beside the repository.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "${1:-$here/../..}" && pwd)
build=$(cd "${2:-.}" && pwd)
runs=${WIZARD12_RUNS:-5}
th=$src/../shared/tools/termharness
prog=$build/smpscreen
out=$build/bench/wizard12
today=2026-01-15

fail() {
	echo "run.sh: FAILED: $*" >&2
	exit 1
}

if [ ! -f "$th/termharness.py" ] || [ ! -f "$th/examples/wizard_dialog.sh" ]; then
	echo "run.sh: the shared terminal harness is not at $th"
	echo "run.sh: (shared/ sits beside the repository on the team's machines only); nothing measured."
	exit 0
fi

missing=
for t in dialog tmux python3 bash; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || missing="$missing $cc"
if [ -n "$missing" ]; then
	echo "run.sh: missing:$missing" >&2
	echo "run.sh: install them with: apt-get install dialog tmux (python3, bash and a C compiler" \
	    "are needed too; the harness compiles a small runner)" >&2
	exit 1
fi
[ -x "$prog" ] || fail "$prog is missing; build it first (make smpscreen in $build)"
case $runs in
'' | *[!0-9]* | 0) fail "WIZARD12_RUNS must be a positive number, not '$runs'" ;;
esac

rm -rf "$out/smpscreen" "$out/smpscreen-startonly" "$out/dialog" "$out/menu_min"
mkdir -p "$out"
# The harness's runner and sockets live with the results, not in ~/.cache.
TH_WORKDIR=${TH_WORKDIR:-$out/.termharness}
export TH_WORKDIR
harness() {
	python3 "$th/termharness.py" "$@"
}

# Defaults only, whatever clinic settings file this machine has.
settings=$out/defaults-settings.cfg
echo 'settings = { };' >"$settings"
# The wizard keeps a draft after every question in $XDG_STATE_HOME/smpscreen/. Quitting the
# result page with --no-save leaves that draft behind, so from the second run on the welcome
# page would offer to continue it and the runs would differ. By default the draft is off
# (XDG_STATE_HOME names no directory); WIZARD12_DRAFTS=1 keeps it in a fresh directory
# (then run 1 differs from the others).
state=/dev/null
if [ "${WIZARD12_DRAFTS:-0}" = 1 ]; then
	state=$out/state
	rm -rf "$state"
	mkdir -p "$state"
fi
# wizard KEYFILE OUTDIR: runs of the wizard, with --no-save as a kiosk test would.
wizard() {
	harness -n "$runs" -k "$1" -o "$2" --env "XDG_STATE_HOME=$state" -- \
	    "$prog" --questionnaire "$here/questionnaire.cfg" --rules "$here/rules.cfg" \
	    --settings "$settings" --today "$today" --no-save
}
"$prog" --questionnaire "$here/questionnaire.cfg" --rules "$here/rules.cfg" \
    --settings "$settings" check >/dev/null || fail "the wizard12 questionnaire does not check"

status=0
echo "== smpscreen wizard: $runs runs of $here/smpscreen.keys"
wizard "$here/smpscreen.keys" "$out/smpscreen" || status=1

# Start and quit only (welcome page, q, y): what the walk costs beyond starting.
printf '%s\n' 'wait Enter: start' 'key q' 'wait Quit?' 'key y' >"$out/startonly.keys"
echo "== smpscreen wizard, start and quit only: $runs runs"
wizard "$out/startonly.keys" "$out/smpscreen-startonly" || status=1

echo "== dialog(1) script: $runs runs of $th/examples/wizard12.keys"
harness -n "$runs" -k "$th/examples/wizard12.keys" -o "$out/dialog" \
    -- "$th/examples/wizard_dialog.sh" "$out/dialog-answers.txt" || status=1

# The floor: a minimal ncurses menu, first screen then q.
mkdir -p "$out/bin"
if "$cc" -O2 -o "$out/bin/menu_min" "$th/examples/menu_min.c" -lncursesw 2>"$out/menu_min.log"; then
	printf '%s\n' 'key q' >"$out/menu_min.keys"
	echo "== minimal ncurses program: $runs runs"
	harness -n "$runs" -k "$out/menu_min.keys" -o "$out/menu_min" -- "$out/bin/menu_min" ||
	    status=1
else
	echo "run.sh: could not build the minimal ncurses program (see $out/menu_min.log);" \
	    "its row is left out"
fi

echo
python3 - "$out" "$runs" <<'EOF' | tee "$out/table.md"
import glob, json, os, statistics, sys

out, runs = sys.argv[1], int(sys.argv[2])


def load(name):
    p = os.path.join(out, name, "aggregate.json")
    if not os.path.exists(p):
        return None, []
    rs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, name, "run*", "result.json")))]
    return json.load(open(p)), rs


def med(vals):
    vals = [v for v in vals if v is not None]
    return (statistics.median(vals), min(vals), max(vals)) if vals else None


def qchanges(r):
    """The keystroke that leaves each of Q1..Q12: the last key of the phase."""
    last = {}
    for s in r["steps"]:
        if s["kind"] == "key" and (s["phase"] or "").startswith("Q"):
            last[s["phase"]] = s
    return [last[p] for p in sorted(last, key=lambda p: int(p[1:]))]


def figures(name):
    a, rs = load(name)
    if a is None:
        return None
    f = {"a": a, "rs": rs}
    qc = [qchanges(r) for r in rs]
    f["qc_n"] = len(qc[0]) if qc else 0
    f["qc_median"] = med([statistics.median([s["bytes"] for s in q]) for q in qc if q])
    f["qc_mean"] = med([statistics.mean([s["bytes"] for s in q]) for q in qc if q])
    f["qc_max"] = med([max(s["bytes"] for s in q) for q in qc if q])
    f["qc_lat"] = med([statistics.median([s["last_byte_ms"] for s in q if s["last_byte_ms"] is not None])
                       for q in qc if q])
    other = [[s["last_byte_ms"] for s in r["steps"] if s["kind"] == "key" and s["last_byte_ms"] is not None
              and s not in q] for r, q in zip(rs, qc)]
    f["other_lat"] = med([statistics.median(o) for o in other if o])
    return f


def fm(m, nd=0, unit=""):
    if m is None:
        return "-"
    v, lo, hi = m
    s = "{:,.{nd}f}".format(v, nd=nd)
    if abs(hi - lo) > 1e-9:
        s += " [{:,.{nd}f}..{:,.{nd}f}]".format(lo, hi, nd=nd)
    return s + unit


def agg(f, key):
    d = f["a"].get(key)
    return (d["median"], d["min"], d["max"]) if d else None


w, d, m, so = figures("smpscreen"), figures("dialog"), figures("menu_min"), figures("smpscreen-startonly")
if w is None or d is None:
    sys.exit("run.sh: a walk left no results")


def ratio(x, y):
    return "%.2f" % (x[0] / y[0]) if x and y and y[0] else "-"


def verdict(ok):
    return "ok" if ok else "missed"


rows = []
rows.append(("keystrokes", fm(agg(w, "keystrokes")), fm(agg(d, "keystrokes")), "", ""))
rows.append(("bytes to the terminal, total", fm(agg(w, "total_bytes")), fm(agg(d, "total_bytes")),
             ratio(agg(w, "total_bytes"), agg(d, "total_bytes")),
             "<= 1/4: " + verdict(agg(w, "total_bytes")[0] <= agg(d, "total_bytes")[0] / 4)))
rows.append(("bytes of the first screen", fm(agg(w, "startup_bytes")), fm(agg(d, "startup_bytes")),
             ratio(agg(w, "startup_bytes"), agg(d, "startup_bytes")), ""))
rows.append(("bytes per keystroke, mean", fm(agg(w, "bytes_per_key_mean"), 1), fm(agg(d, "bytes_per_key_mean"), 1),
             ratio(agg(w, "bytes_per_key_mean"), agg(d, "bytes_per_key_mean")), ""))
rows.append(("bytes per keystroke, median", fm(agg(w, "bytes_per_key_median"), 1),
             fm(agg(d, "bytes_per_key_median"), 1), "", ""))
rows.append(("bytes per question change, median of %d" % w["qc_n"], fm(w["qc_median"], 1), fm(d["qc_median"], 1),
             ratio(w["qc_median"], d["qc_median"]),
             "<= 1/4: " + verdict(w["qc_median"][0] <= d["qc_median"][0] / 4)))
rows.append(("bytes per question change, mean / max", fm(w["qc_mean"], 1) + " / " + fm(w["qc_max"]),
             fm(d["qc_mean"], 1) + " / " + fm(d["qc_max"]), ratio(w["qc_mean"], d["qc_mean"]), ""))
fs = agg(w, "startup_last_byte_ms")
floor = agg(m, "startup_last_byte_ms") if m else None
rows.append(("time to first screen, ms", fm(fs, 2), fm(agg(d, "startup_last_byte_ms"), 2),
             ratio(fs, agg(d, "startup_last_byte_ms")),
             ("<= 2 x %.2f (minimal ncurses): %s" % (floor[0], verdict(fs[0] <= 2 * floor[0]))) if floor else ""))
rows.append(("question change, key to last byte, ms", fm(w["qc_lat"], 2), fm(d["qc_lat"], 2), "", ""))
rows.append(("other keys, key to last byte, ms", fm(w["other_lat"], 2), fm(d["other_lat"], 2), "", ""))
rows.append(("CPU, whole walk, ms", fm(agg(w, "cpu_ms"), 1), fm(agg(d, "cpu_ms"), 1),
             ratio(agg(w, "cpu_ms"), agg(d, "cpu_ms")), ""))
cpk = agg(w, "cpu_per_key_ms")
rows.append(("CPU per keystroke (walk / keys), ms", fm(cpk, 3), fm(agg(d, "cpu_per_key_ms"), 3),
             ratio(cpk, agg(d, "cpu_per_key_ms")), "< 0.2: " + verdict(cpk[0] < 0.2)))
if so:
    extra_keys = agg(w, "keystrokes")[0] - agg(so, "keystrokes")[0]
    marg = (agg(w, "cpu_ms")[0] - agg(so, "cpu_ms")[0]) / extra_keys
    rows.append(("CPU per keystroke beyond start+quit (%.1f ms), ms" % agg(so, "cpu_ms")[0],
                 "%.3f" % marg, "-", "", "< 0.2: " + verdict(marg < 0.2)))
rss = agg(w, "maxrss_kb")
rows.append(("peak RSS (largest process), KB", fm(rss), fm(agg(d, "maxrss_kb")), ratio(rss, agg(d, "maxrss_kb")),
             "< 4096: " + verdict(rss[0] < 4096)))

hdr = ("", "smpscreen wizard", "dialog script", "wizard/dialog", "target (issue 4)")
wid = [max(len(r[i]) for r in rows + [hdr]) for i in range(5)]
line = lambda r: "| " + " | ".join(c.ljust(wid[i]) for i, c in enumerate(r)) + " |"  # noqa
print("Medians of %d runs [min..max when they differ]; 80x24, TERM=xterm-256color, C.UTF-8." % runs)
print()
print(line(hdr))
print("|" + "|".join("-" * (x + 2) for x in wid) + "|")
for r in rows:
    print(line(r))
notes = []
if m:
    notes.append("minimal ncurses program (the floor): first screen %s ms, peak RSS %s KB, %s bytes"
                 % (fm(agg(m, "startup_last_byte_ms"), 2), fm(agg(m, "maxrss_kb")), fm(agg(m, "startup_bytes"))))
sub = med([r["by_class"]["submit"]["median"] for r in d["rs"] if "submit" in r["by_class"]])
if sub:
    notes.append("dialog: median of all its Enter keys, including the one that closes the last screen"
                 " (terminal-baselines.md's 'Enter -> next question'): %s B" % fm(sub))
for name, f in (("smpscreen", w), ("dialog", d)):
    if f["a"]["asserts_failed"]:
        notes.append("%s: assertions failed: %s" % (name, "; ".join(f["a"]["asserts_failed"][:3])))
    if f["a"]["notes"]:
        notes.append("%s: %s" % (name, "; ".join(sorted(set(f["a"]["notes"]))[:3])))
    tb = agg(f, "total_bytes")
    if tb and tb[1] != tb[2]:
        notes.append("%s: the byte counts differ between runs (%d..%d)" % (name, tb[1], tb[2]))
if notes:
    print()
    for n in notes:
        print("note: " + n)
EOF
[ "$status" -eq 0 ] || fail "a walk failed (see the harness output above)"
echo
echo "Per-run results: $out/*/runNN/result.json; this table: $out/table.md"
