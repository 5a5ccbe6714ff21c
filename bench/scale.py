#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""How the cost of smpscreen grows with its content (issue 15, item 3).

usage: scale.py [--bin SMPSCREEN] [--smpbench SMPBENCH] [--qn FILE] [--rules FILE]
                [--answers FILE] [--factors 1,100] [--runs 5] [--out DIR] [--no-wizard]
                [--termharness PATH] [--answers-sizes 1000,2000,4000,5793,5794]
       scale.py --generate N OUTDIR      (only write the N x content and answer file)

The content at N x is every question, section, rule and note of the bundled questionnaire
and rules N times: copy k (k >= 2) renames every id (questions and sections "id_xk", rules
and notes "id-xk") and rewrites every condition, note list and come-back question to name
the copy's own questions and notes, so that each copy is the bundled content again and
`smpscreen check` accepts the whole. Settings, refer targets and the bibliography are the
rules' vocabulary and stay as they are. The answer file at N x answers every copy as the
given one (tests/data/answers/typical.cfg) answers the bundled questions.

Every loader reads at most 4 MiB (cfg.c), and 100 copies of the bundled rules are 9 MB.
So the 1 x content measured is itself the bundled content compacted the same way as every
copy: comments and indentation dropped, and each text (question texts, help, labels,
pictures, notes, reasons, come-back conditions, titles) cut to the same number of bytes,
the longest that lets the largest factor fit (46 for 100). N x is then exactly N copies
of 1 x, and the ratios compare like with like. The figures of the bundled files
themselves are printed beside them, for reference.

Measured, with an optimised build (never the sanitizer build); instructions are
callgrind's, exec to exit:
  check    `smpscreen check` of the content (no golden cases beside it: no audit)
  load     `smpbench load QN RULES 1` (loading and freeing alone), with --smpbench
  screen   `smpscreen screen --format json` and `--format text` of the one answer file
  answer   the line-by-line questionnaire (--plain, input piped) answering 40 questions,
           less the same run answering none, per answer: the work a key does beyond
           drawing the screen it leads to, at 1 x and at N x
  wizard   with termharness (../shared/tools/termharness beside the repository, or
           --termharness) in a private tmux server at 80x24, wall milliseconds: exec to
           the end of the welcome page (mostly loading the content), the Enter from it to
           the end of the first question, and the median key of a short walk (to the last
           byte it brings); median, minimum and maximum over --runs runs
  answers  `smpscreen screen` of one answer file of n answers beyond one of none, against
           a questionnaire of as many questions: libconfig compares each name of a group
           with every name before it, so this grows with n squared; cfg.c refuses a file
           whose groups would take too long (about 5,800 names in one group)
Each ratio is N x over 1 x. Targets: load and screen <= 1.2 N x at N x; the work per
answer at N x no more than twice that at 1 x (a key costs what it changes, not the size of
the content); the wizard's first screen <= 100 ms at N x, taken both ways: from exec (the
content loaded first) and from the Enter that starts the questions. Prints key=value lines, then a
table with ok/missed per target. Exits 0 when a target is merely missed, 1 when something
does not work. Needs valgrind, and for the wizard tmux. Python standard library only.
"""

import argparse
import copy
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CAP = 4 * 1024 * 1024
TODAY = "2027-03-15"
TEXT_KEYS = {"text", "help", "label", "illustration", "reason", "condition", "title",
             "unknown_label", "unit", "option_order_reason"}

# --- a small libconfig reader and writer (the subset the content files use) --------------


class Cfg:
    """A libconfig value: kind is str, int, bool, array, list or group; a group's items are
    (name, value) pairs in file order."""

    def __init__(self, kind, v):
        self.kind, self.v = kind, v

    def get(self, name):
        for n, v in self.v:
            if n == name:
                return v
        return None

    def set(self, name, value):
        for i, (n, _) in enumerate(self.v):
            if n == name:
                self.v[i] = (name, value)
                return
        self.v.append((name, value))


TOKEN = re.compile(r'''
    (?P<ws>\s+|\#[^\n]*|//[^\n]*|/\*.*?\*/)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<num>[-+]?(?:0[xX][0-9a-fA-F]+|[0-9]+)L?)
  | (?P<name>[A-Za-z*][-A-Za-z0-9_*]*)
  | (?P<punct>[=:;,{}()\[\]])
''', re.S | re.X)


def lex(text):
    out, pos = [], 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if m is None:
            raise ValueError("cannot read byte %d: %r" % (pos, text[pos:pos + 20]))
        pos = m.end()
        if m.lastgroup != "ws":
            out.append((m.lastgroup, m.group()))
    out.append(("end", ""))
    return out


def unquote(s):
    return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


class Reader:
    def __init__(self, text):
        self.t, self.i = lex(text), 0

    def peek(self):
        return self.t[self.i]

    def take(self, want=None):
        tok = self.t[self.i]
        if want is not None and tok[1] != want:
            raise ValueError("expected %r, got %r" % (want, tok[1]))
        self.i += 1
        return tok

    def settings(self, close):
        items = []
        while self.peek()[1] != close:
            name = self.take()[1]
            self.take() if self.peek()[1] in ("=", ":") else None
            items.append((name, self.value()))
            if self.peek()[1] in (";", ","):
                self.take()
        return items

    def value(self):
        kind, s = self.take()
        if kind == "str":
            parts = [unquote(s)]
            while self.peek()[0] == "str":
                parts.append(unquote(self.take()[1]))
            return Cfg("str", "".join(parts))
        if kind == "num":
            return Cfg("int", int(s.rstrip("L"), 0))
        if kind == "name" and s.lower() in ("true", "false"):
            return Cfg("bool", s.lower() == "true")
        if s in ("[", "("):
            close = "]" if s == "[" else ")"
            items = []
            while self.peek()[1] != close:
                items.append(self.value())
                if self.peek()[1] == ",":
                    self.take()
            self.take(close)
            return Cfg("array" if s == "[" else "list", items)
        if s == "{":
            items = self.settings("}")
            self.take("}")
            return Cfg("group", items)
        raise ValueError("unexpected %r" % s)


def parse(text):
    r = Reader(text)
    items = r.settings("")
    return Cfg("group", items)


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\t", "\\t") + '"'


def dump_value(v, out):
    if v.kind == "str":
        out.append(quote(v.v))
    elif v.kind == "int":
        out.append(str(v.v))
    elif v.kind == "bool":
        out.append("true" if v.v else "false")
    elif v.kind in ("array", "list"):
        out.append("[" if v.kind == "array" else "(")
        for i, x in enumerate(v.v):
            if i:
                out.append(",")
            dump_value(x, out)
        out.append("]" if v.kind == "array" else ")\n")
    else:
        out.append("{")
        dump_items(v.v, out)
        out.append("}")


def dump_items(items, out):
    for n, v in items:
        out.append(n + "=")
        dump_value(v, out)
        out.append(";")


def dump(root):
    out = []
    for n, v in root.v:
        out.append(n + "=")
        dump_value(v, out)
        out.append(";\n")
    return "".join(out)


# --- the copies ---------------------------------------------------------------------------

EXPR_TOKEN = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|setting\.[A-Za-z0-9_]+|"
                        r"[A-Za-z_][A-Za-z0-9_]*|.", re.S)


def rename_expr(src, qmap):
    """src with every question id that qmap knows replaced (strings and settings kept)."""
    return "".join(qmap.get(t, t) for t in EXPR_TOKEN.findall(src))


def cut_texts(v, limit):
    """Cuts every text of v (in place) to at most limit bytes, on a character boundary."""
    if v.kind == "group":
        for i, (n, x) in enumerate(v.v):
            if n in TEXT_KEYS and x.kind == "str":
                b = x.v.encode("utf-8")
                if len(b) > limit:
                    x.v = b[:limit].decode("utf-8", "ignore").rstrip()
            else:
                cut_texts(x, limit)
    elif v.kind in ("array", "list"):
        for x in v.v:
            cut_texts(x, limit)


def compact(qn, rules, limit):
    """The 1 x content: the bundled files with texts cut (the bibliography kept whole)."""
    qn, rules = copy.deepcopy(qn), copy.deepcopy(rules)
    cut_texts(qn, limit)
    for key in ("notes", "rules", "settings", "refer_targets"):
        if rules.get(key) is not None:
            cut_texts(rules.get(key), limit)
    return qn, rules


def question_ids(qn):
    return [q.get("id").v for s in qn.get("sections").v for q in s.get("questions").v]


def scale(qn, rules, answers, n):
    """qn, rules and answers n times (copies 2..n renamed); returns three new trees."""
    qn, rules, answers = copy.deepcopy(qn), copy.deepcopy(rules), copy.deepcopy(answers)
    qids = question_ids(qn)
    sections = qn.get("sections").v
    notes = rules.get("notes").v
    rule_list = rules.get("rules").v
    ans = answers.get("answers").v
    new_sections, new_rules, new_ans = list(sections), list(rule_list), list(ans)
    copies_of_note = [[x] for x in notes]
    for k in range(2, n + 1):
        qmap = {q: "%s_x%d" % (q, k) for q in qids}
        nmap = {x.get("id").v: "%s-x%d" % (x.get("id").v, k) for x in notes}
        for s in sections:
            s = copy.deepcopy(s)
            s.set("id", Cfg("str", "%s_x%d" % (s.get("id").v, k)))
            for q in s.get("questions").v:
                q.set("id", Cfg("str", qmap[q.get("id").v]))
                if q.get("show_if") is not None:
                    q.get("show_if").v = rename_expr(q.get("show_if").v, qmap)
            new_sections.append(s)
        for i, x in enumerate(notes):
            x = copy.deepcopy(x)
            x.set("id", Cfg("str", nmap[x.get("id").v]))
            copies_of_note[i].append(x)
        for r in rule_list:
            r = copy.deepcopy(r)
            r.set("id", Cfg("str", "%s-x%d" % (r.get("id").v, k)))
            r.get("when").v = rename_expr(r.get("when").v, qmap)
            if r.get("notes") is not None:
                for x in r.get("notes").v:
                    x.v = nmap[x.v]
            cb = r.get("come_back")
            if cb is not None and cb.get("question") is not None:
                cb.get("question").v = qmap[cb.get("question").v]
            new_rules.append(r)
        for name, v in ans:
            new_ans.append((qmap[name], copy.deepcopy(v)))
    qn.get("sections").v = new_sections
    # The catalogue order is the display order, grouped: each note's copies follow it.
    rules.get("notes").v = [x for group in copies_of_note for x in group]
    rules.get("rules").v = new_rules
    answers.get("answers").v = new_ans
    return qn, rules, answers


def write_content(outdir, qn, rules, answers):
    os.makedirs(outdir, exist_ok=True)
    paths = {}
    for name, tree in (("questionnaire", qn), ("rules", rules), ("answers", answers)):
        text = dump(tree).encode("utf-8")
        path = os.path.join(outdir, name + ".cfg")
        with open(path, "wb") as f:
            f.write(text)
        paths[name] = path
        paths[name + "_bytes"] = len(text)
    return paths


def choose_limit(qn, rules, nmax):
    """The longest text cut with which nmax copies fit under the cap."""
    lo, hi = 8, 600
    def fits(limit):
        q, r = compact(qn, rules, limit)
        one_q, one_r = len(dump(q).encode()), len(dump(r).encode())
        bib = len(dump(Cfg("group", [("b", rules.get("bibliography"))])).encode()) \
            if rules.get("bibliography") is not None else 0
        return one_q * nmax < CAP * 0.97 and bib + (one_r - bib) * nmax < CAP * 0.97
    if not fits(lo):
        sys.exit("scale.py: %d copies do not fit under 4 MiB" % nmax)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


# --- measuring ----------------------------------------------------------------------------


# The content cache's folder (main() makes it in the work folder). Loading is measured with
# the cache off, so that the figures are the loaders' own; the warm figures and the wizard
# use it, as a clinic's second and later runs do.
CACHE_DIR = None


def run_env(cache=False):
    env = dict(os.environ)
    for k in ("LANGUAGE", "LC_MESSAGES", "LANG", "SMPSCREEN_CACHE"):
        env.pop(k, None)
    env["LC_ALL"] = "C.UTF-8"
    env["HOME"] = tempfile.gettempdir()
    if cache:
        env["XDG_CACHE_HOME"] = CACHE_DIR
    else:
        env["SMPSCREEN_CACHE"] = "off"
    return env


def callgrind(cmd, workdir, tag, cache=False):
    """Instructions of cmd (its whole run, exec to exit) under callgrind."""
    out = os.path.join(workdir, "cg.%s.out" % tag)
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=run_env(cache))
    total = None
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
    if total is None:
        raise RuntimeError("no callgrind total for %s" % " ".join(cmd))
    return total, p.returncode


def plain_walk(binary, p, settings, answers, workdir, tag):
    """Instructions of the line-by-line questionnaire answering `answers` questions ("1"
    to each: a valid answer to every question it meets), less those of starting it and
    ending at the first question: the cost of the answers themselves."""
    cost = []
    for n in (0, answers):
        inp = os.path.join(workdir, "plain.%d.in" % n)
        with open(inp, "w") as f:
            f.write("1\n" * n)
        out = os.path.join(workdir, "cg.%s.plain%d.out" % (tag, n))
        with open(inp) as stdin:
            env = run_env()
            env["XDG_STATE_HOME"] = "/dev/null"  # no draft: nothing is written
            subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                            binary, "--plain", "--no-save", "--today", TODAY,
                            "--questionnaire", p["questionnaire"], "--rules", p["rules"],
                            "--settings", settings], stdin=stdin, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env)
        with open(out) as f:
            cost.append(next(int(line.split()[1]) for line in f
                             if line.startswith(("summary:", "totals:"))))
    return (cost[1] - cost[0]) / answers


def answers_growth(binary, settings, sizes, workdir):
    """Instructions of `smpscreen screen` of one answer file of n answers beyond one of
    none, against a questionnaire of as many optional integer questions without show_if:
    libconfig compares each name of a group with every name before it, so this grows with
    the square of n. Returns {n: instructions}, None for a file refused (cfg.c bounds the
    names of a group: about 5,800)."""
    nq = max(sizes)
    d = os.path.join(workdir, "answers-growth")
    os.makedirs(d, exist_ok=True)
    qn = os.path.join(d, "questionnaire.cfg")
    with open(qn, "w") as f:
        f.write('id="big";version=1;title="Big";\nsections=({id="s";title="S";questions=(\n')
        f.write(",\n".join('{id="q%d";type="integer";text="t";min=0;max=9;required=false}' % i
                           for i in range(nq)))
        f.write("\n)});\n")
    rules = os.path.join(d, "rules.cfg")
    with open(rules, "w") as f:
        f.write('id="big-rules";version=1;questionnaire="big";\n'
                'notes=({id="n";group="safety";text="t"});\n'
                'rules=({id="r";when="true";level="suitable";notes=["n"];reason="r"});\n')
    cost = {}
    for n in [0] + list(sizes):
        a = os.path.join(d, "answers-%d.cfg" % n)
        with open(a, "w") as f:
            f.write('questionnaire="big";\nanswers={\n')
            f.write("".join("q%d=1;\n" % i for i in range(n)))
            f.write("};\n")
        cost[n], rc = callgrind([binary, "--questionnaire", qn, "--rules", rules, "--settings",
                                 settings, "screen", "--format", "json", "--today", TODAY, a],
                                d, "answers%d" % n)
        if rc != 0:
            if n == 0:
                raise RuntimeError("an answer file of no answers does not screen")
            cost[n] = None
    return {n: None if cost[n] is None else cost[n] - cost[0] for n in sizes}


WIZARD_KEYS = """wait Enter: start
phase first
key Enter
wait question 1 of
phase keys
type 34
key Enter
wait question 2 of
key 1
wait question 3 of
key 1
wait question 4 of
key 2
wait question 5 of
key Left
wait question 4 of
phase quit
key q
wait Quit?
key y
"""


def wizard(binary, p, settings, runs, workdir, tag, harness):
    """Wall milliseconds, over runs runs in termharness (a private tmux server, 80x24):
    exec to the end of the welcome page, the Enter from it to the end of the first
    question, and the median over the keys that answer or move between questions (to the
    last byte each key brings). Medians, minima and maxima over the runs."""
    keys = os.path.join(workdir, "wizard.keys")
    with open(keys, "w") as f:
        f.write(WIZARD_KEYS)
    out = os.path.join(workdir, "wizard.%s" % tag)
    env = run_env(cache=True)
    env["TH_WORKDIR"] = os.path.join(workdir, "termharness")
    r = subprocess.run(["python3", harness, "-n", str(runs), "-k", keys, "-o", out,
                        "--env", "XDG_STATE_HOME=/dev/null",
                        "--env", "XDG_CACHE_HOME=" + CACHE_DIR, "--", binary,
                        "--questionnaire", p["questionnaire"], "--rules", p["rules"],
                        "--settings", settings, "--no-save", "--today", TODAY],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    if r.returncode != 0:
        raise RuntimeError("termharness failed:\n" + r.stderr[-2000:])
    start, first, key = [], [], []
    for d in sorted(os.listdir(out)):
        res = os.path.join(out, d, "result.json")
        if not d.startswith("run") or not os.path.exists(res):
            continue
        with open(res) as f:
            res = json.load(f)
        start.append(res["startup"]["last_byte_ms"])
        steps = [x for x in res["steps"] if x["kind"] == "key" and x["last_byte_ms"] is not None]
        first.append(next(x["last_byte_ms"] for x in steps if x["phase"] == "first"))
        key.append(statistics.median(x["last_byte_ms"] for x in steps if x["phase"] == "keys"))
    return {"startup": start, "first_question": first, "key": key}


def spread(v):
    return statistics.median(v), min(v), max(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    # Run from an optimised build directory: its smpscreen and bench/smpbench by default.
    ap.add_argument("--bin", default="smpscreen")
    ap.add_argument("--smpbench", default="bench/smpbench" if os.path.exists("bench/smpbench")
                    else None)
    ap.add_argument("--qn", default=os.path.join(top, "questionnaires", "smp-consultation.cfg"))
    ap.add_argument("--rules", default=os.path.join(top, "questionnaires", "smp-rules.cfg"))
    ap.add_argument("--answers", default=os.path.join(top, "tests", "data", "answers",
                                                      "typical.cfg"))
    ap.add_argument("--factors", default="1,100")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-wizard", action="store_true")
    ap.add_argument("--answers-sizes", default="1000,2000,4000,5793,5794",
                    help="answer files of these many answers (empty: none)")
    ap.add_argument("--termharness", default=None,
                    help="termharness.py (default: ../shared/tools/termharness beside the "
                    "repository)")
    ap.add_argument("--generate", nargs=2, metavar=("N", "OUTDIR"))
    ap.add_argument("--text-limit", type=int, default=None,
                    help="cut texts to this many bytes (default: the longest with which "
                    "the largest factor fits)")
    o = ap.parse_args()

    with open(o.qn, encoding="utf-8") as f:
        qn = parse(f.read())
    with open(o.rules, encoding="utf-8") as f:
        rules = parse(f.read())
    with open(o.answers, encoding="utf-8") as f:
        answers = parse(f.read())
    factors = sorted({int(x) for x in o.factors.split(",")} | {1})
    limit = o.text_limit or choose_limit(qn, rules,
                                         max(factors + [int(o.generate[0])] if o.generate else factors))
    base_qn, base_rules = compact(qn, rules, limit)
    if o.generate:
        n = int(o.generate[0])
        p = write_content(o.generate[1], *scale(base_qn, base_rules, answers, n))
        print("text_limit=%d factor=%d questionnaire=%s rules=%s answers=%s" %
              (limit, n, p["questionnaire"], p["rules"], p["answers"]))
        return 0

    workdir = o.out or tempfile.mkdtemp(prefix="smpscale.")
    os.makedirs(workdir, exist_ok=True)
    global CACHE_DIR
    CACHE_DIR = os.path.join(workdir, "cache")
    os.makedirs(CACHE_DIR, mode=0o700, exist_ok=True)
    settings = os.path.join(workdir, "settings.cfg")
    with open(settings, "w") as f:
        f.write("# the rules' defaults\nsettings = { };\n")
    binary = os.path.abspath(o.bin)
    if not os.access(binary, os.X_OK):
        print("scale.py: no program %s (run it from an optimised build, or give --bin)"
              % binary, file=sys.stderr)
        return 1
    fig = {}
    print("text_limit=%d" % limit)
    # Copied, so that the golden cases beside the bundled files are not audited by check.
    bundled = os.path.join(workdir, "bundled")
    os.makedirs(bundled, exist_ok=True)
    sets = [("bundled", {})]
    for k, path in (("questionnaire", o.qn), ("rules", o.rules), ("answers", o.answers)):
        sets[0][1][k] = os.path.join(bundled, k + ".cfg")
        shutil.copyfile(path, sets[0][1][k])
    for n in factors:
        sets.append(("%dx" % n, write_content(os.path.join(workdir, "%dx" % n),
                                              *scale(base_qn, base_rules, answers, n))))
    failed = False
    for tag, p in sets:
        common = [binary, "--questionnaire", p["questionnaire"], "--rules", p["rules"],
                  "--settings", settings]
        f = {}
        f["check"], rc = callgrind(common + ["check"], workdir, tag + ".check")
        failed |= rc != 0
        if rc != 0:
            print("scale.py: %s: smpscreen check exits %d" % (tag, rc), file=sys.stderr)
        for fmt in ("json", "text"):
            f["screen_" + fmt], rc = callgrind(common + ["screen", "--today", TODAY, "--format",
                                                         fmt, p["answers"]], workdir,
                                               tag + ".screen." + fmt)
            if rc != 0:
                failed = True
                print("scale.py: %s: smpscreen screen exits %d" % (tag, rc), file=sys.stderr)
        # The same with the content cache, once it holds this content.
        warm = common + ["screen", "--today", TODAY, "--format", "json", p["answers"]]
        subprocess.run(warm, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=run_env(cache=True))
        f["screen_json_warm"], rc = callgrind(warm, workdir, tag + ".screen.warm", cache=True)
        failed |= rc != 0
        if o.smpbench:
            f["load"], rc = callgrind([os.path.abspath(o.smpbench), "load", p["questionnaire"],
                                       p["rules"], "1"], workdir, tag + ".load")
            failed |= rc != 0
        for k, v in f.items():
            print("%s_%s_instructions=%d" % (tag, k, v))
        for k in ("questionnaire", "rules", "answers"):
            size = os.path.getsize(p[k])
            print("%s_%s_bytes=%d" % (tag, k, size))
        fig[tag] = f

    targets = []
    nmax = factors[-1]
    if nmax > 1:
        for k in sorted(fig["1x"]):
            ratio = fig["%dx" % nmax][k] / fig["1x"][k]
            print("ratio_%s_%dx=%.1f" % (k, nmax, ratio))
            if k.endswith("_warm"):
                # Not a target: the cache takes the content's cost away at both sizes, and
                # what is left at 100 x is the answer file's own parse, which libconfig
                # makes grow with the square of the answers of one group (see the
                # answer-file rows below and smpscreen-files(5)).
                targets.append(("%s, %d x content / 1 x" % (k.replace("_", " "), nmax),
                                "%.1f x" % ratio, "", None))
                continue
            targets.append(("%s, %d x content / 1 x" % (k.replace("_", " "), nmax),
                            "%.1f x" % ratio, "<= %.0f x" % (1.2 * nmax), ratio <= 1.2 * nmax))
        per = {}
        for tag, p in (("1x", sets[1][1]), ("%dx" % nmax, sets[-1][1])):
            per[tag] = plain_walk(binary, p, settings, 40, workdir, tag)
            print("%s_plain_instructions_per_answer=%.0f" % (tag, per[tag]))
        ratio = per["%dx" % nmax] / per["1x"]
        print("ratio_plain_per_answer_%dx=%.2f" % (nmax, ratio))
        targets.append(("work per answer, %d x content / 1 x" % nmax, "%.2f x" % ratio,
                        "<= 2 x", ratio <= 2))
        harness = o.termharness or os.path.join(top, "..", "shared", "tools", "termharness",
                                                "termharness.py")
        if o.no_wizard:
            pass
        elif shutil.which("tmux") is None or not os.path.exists(harness):
            print("scale.py: no tmux or no termharness at %s: the wizard is not measured"
                  % harness, file=sys.stderr)
        else:
            for tag, p in (("1x", sets[1][1]), ("%dx" % nmax, sets[-1][1])):
                w = wizard(binary, p, settings, o.runs, workdir, tag, harness)
                for k, v in w.items():
                    med, lo, hi = spread(v)
                    print("wizard_%s_%s_ms_median=%.1f" % (k, tag, med))
                    print("wizard_%s_%s_ms_min=%.1f" % (k, tag, lo))
                    print("wizard_%s_%s_ms_max=%.1f" % (k, tag, hi))
                    if tag == "1x":
                        continue
                    figure = "%.1f ms (%.1f-%.1f)" % (med, lo, hi)
                    if k == "first_question":
                        targets.append(("wizard first question, %d x content" % nmax, figure,
                                        "<= 100 ms", med <= 100))
                    elif k == "key":
                        targets.append(("wizard key, median, %d x content" % nmax, figure,
                                        "", None))
                    else:
                        # Exec to the first screen: loading the content, mostly.
                        targets.append(("wizard start to welcome, %d x content, cache warm" % nmax,
                                        figure, "<= 100 ms", med <= 100))
    if o.answers_sizes:
        sizes = [int(x) for x in o.answers_sizes.split(",")]
        growth = answers_growth(binary, settings, sizes, workdir)
        for n in sizes:
            if growth[n] is None:
                print("answers_%d_refused=1" % n)
                targets.append(("answer file of %d answers" % n, "refused", "", None))
                continue
            print("answers_%d_instructions=%d" % (n, growth[n]))
            targets.append(("answer file of %d answers, beyond none" % n,
                            "{:,} instr".format(growth[n]),
                            "", None))
            targets.append(("  per answer", "{:,.0f} instr".format(growth[n] / n), "", None))
    print()
    print("%-44s %-26s %-10s %s" % ("what", "figure", "target", "result"))
    for tag in ("bundled",) + tuple("%dx" % n for n in factors):
        for k, v in fig[tag].items():
            print("%-44s %-26s" % ("%s %s" % (k.replace("_", " "), tag), "{:,} instr".format(v)))
    for what, figure, target, ok in targets:
        print("%-44s %-26s %-10s %s" % (what, figure, target,
                                          "" if ok is None else "ok" if ok else "missed"))
    if o.out is None:
        shutil.rmtree(workdir)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
