#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Write N valid, varied smpscreen answer files for the benchmark.

usage: gen_answers.py OUTDIR N SEED [QUESTIONNAIRE]

The generator reads the questionnaire (default: ../questionnaires/smp-consultation.cfg
beside this script) with a small libconfig reader, walks the questions in order,
evaluates each `show_if` on the answers given so far (the contract's meaning: a test on an
absent question is false), and answers every shown question within its type, options and
range. The files follow the reading rules of the contract (questions.md sections 1 and 4),
so every one of them must load; the benchmark fails if one does not.

Variety, so that many rules fire: each file gets a "risk" level that decides how often a
benign answer (no / none / never) is replaced by a random one; "unknown" is used where a
question allows it; numbers cluster around the rules' thresholds (days, months, ages under
the minimum); consultant-only questions are answered now and then; a few files carry an
answer to a question that is not shown (ignored, with a warning) or use a libconfig list
instead of an array, or give the keys in shuffled order.

Deterministic for a given questionnaire, N and SEED. Standard library only.
"""

import os
import random
import re
import sys

# --- a libconfig reader, enough for questionnaires ---------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*|//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>[-+]?(?:0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)L{0,2})
  | (?P<name>[A-Za-z*][-A-Za-z0-9_*]*)
  | (?P<punct>[=:;,{}()\[\]])
""", re.VERBOSE | re.DOTALL)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "\\": "\\", '"': '"'}


def _unquote(tok):
    body, out, i = tok[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n == "x" and i + 3 < len(body):
                out.append(chr(int(body[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append(_ESCAPES.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _tokens(text):
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ValueError("libconfig: cannot read at offset %d: %r" % (pos, text[pos:pos + 20]))
        pos = m.end()
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        yield kind, m.group(kind)


class _Parser:
    def __init__(self, text):
        self.toks = list(_tokens(text))
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, want=None):
        kind, val = self.peek()
        if want is not None and val != want:
            raise ValueError("libconfig: expected %r, got %r" % (want, val))
        self.i += 1
        return kind, val

    def settings(self, end):
        group = {}
        while self.peek()[1] != end:
            kind, name = self.take()
            if kind != "name":
                raise ValueError("libconfig: expected a name, got %r" % name)
            if self.peek()[1] in ("=", ":"):
                self.take()
            group[name] = self.value()
            if self.peek()[1] in (";", ","):
                self.take()
        return group

    def value(self):
        kind, val = self.take()
        if kind == "string":
            s = _unquote(val)
            while self.peek()[0] == "string":  # adjacent strings are concatenated
                s += _unquote(self.take()[1])
            return s
        if kind == "number":
            v = val.rstrip("L")
            if re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", v):
                return int(v, 16)
            return float(v) if any(c in v for c in ".eE") else int(v)
        if kind == "name" and val.lower() in ("true", "false"):
            return val.lower() == "true"
        if val == "{":
            g = self.settings("}")
            self.take("}")
            return g
        if val in ("(", "["):
            end = ")" if val == "(" else "]"
            items = []
            while self.peek()[1] != end:
                items.append(self.value())
                if self.peek()[1] == ",":
                    self.take()
            self.take(end)
            return items
        raise ValueError("libconfig: unexpected %r" % val)


def read_libconfig(path):
    with open(path, encoding="utf-8") as f:
        p = _Parser(f.read())
    root = p.settings(None)
    return root


# --- the condition language (contract section 2), evaluated on generated answers ---------

_EXPR_TOKEN = re.compile(r"\s*(?:(?P<str>'[^']*')|(?P<int>\d+)|(?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)"
                         r"|(?P<word>setting\.[a-z0-9_]+|[a-z_][a-z0-9_]*))")


class Absent:
    pass


ABSENT = Absent()


def _expr_tokens(src):
    out, pos = [], 0
    src = src.rstrip()
    while pos < len(src):
        m = _EXPR_TOKEN.match(src, pos)
        if m is None or m.end() == pos:
            raise ValueError("show_if: cannot read %r" % src[pos:])
        pos = m.end()
        if m.group("str") is not None:
            out.append(("str", m.group("str")[1:-1]))
        elif m.group("int") is not None:
            out.append(("int", int(m.group("int"))))
        elif m.group("op") is not None:
            out.append(("op", m.group("op")))
        else:
            out.append(("word", m.group("word")))
    return out


class Condition:
    """Parses once; eval(answers) with answers mapping id -> value (absent: missing)."""

    def __init__(self, src):
        self.toks = _expr_tokens(src)
        self.i = 0
        self.tree = self._or()
        if self.i != len(self.toks):
            raise ValueError("show_if: trailing input in %r" % src)

    def _peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def _take(self):
        t = self._peek()
        self.i += 1
        return t

    def _or(self):
        node = self._and()
        while self._peek() == ("word", "or"):
            self._take()
            node = ("or", node, self._and())
        return node

    def _and(self):
        node = self._not()
        while self._peek() == ("word", "and"):
            self._take()
            node = ("and", node, self._not())
        return node

    def _not(self):
        if self._peek() == ("word", "not"):
            self._take()
            return ("not", self._not())
        return self._primary()

    def _operand(self):
        kind, val = self._take()
        if kind == "str":
            return ("lit", val)
        if kind == "int":
            return ("lit", val)
        if kind == "word":
            if val.startswith("setting."):
                return ("setting", val[8:])
            return ("q", val)
        raise ValueError("show_if: unexpected %r" % (val,))

    def _primary(self):
        kind, val = self._peek()
        if (kind, val) == ("op", "("):
            self._take()
            node = self._or()
            self._take()
            return node
        if (kind, val) == ("word", "answered"):
            self._take()
            self._take()
            _, qid = self._take()
            self._take()
            return ("answered", qid)
        if kind == "word" and val in ("true", "false"):
            self._take()
            return ("lit_bool", val == "true")
        left = self._operand()
        kind, val = self._peek()
        if kind == "op" and val in ("==", "!=", "<", "<=", ">", ">="):
            self._take()
            return ("cmp", val, left, self._operand())
        if (kind, val) == ("word", "in"):
            self._take()
            if self._peek() == ("op", "["):
                self._take()
                items = [self._operand()]
                while self._peek() == ("op", ","):
                    self._take()
                    items.append(self._operand())
                self._take()
                return ("in_list", left, items)
            return ("in_multi", left, self._operand())
        if left[0] == "setting":
            return ("bool_setting", left[1])
        raise ValueError("show_if: expected a comparison")

    def eval(self, answers, settings=None):
        return self._eval(self.tree, answers, settings or {})

    def _value(self, node, answers, settings):
        if node[0] == "lit":
            return node[1]
        if node[0] == "setting":
            return settings.get(node[1], ABSENT)
        return answers.get(node[1], ABSENT)

    def _eval(self, n, answers, settings):
        op = n[0]
        if op == "or":
            return self._eval(n[1], answers, settings) or self._eval(n[2], answers, settings)
        if op == "and":
            return self._eval(n[1], answers, settings) and self._eval(n[2], answers, settings)
        if op == "not":
            return not self._eval(n[1], answers, settings)
        if op == "lit_bool":
            return n[1]
        if op == "answered":
            return n[1] in answers
        if op == "bool_setting":
            return bool(settings.get(n[1], False))
        if op == "cmp":
            a, b = self._value(n[2], answers, settings), self._value(n[3], answers, settings)
            if a is ABSENT or b is ABSENT or isinstance(a, list) or isinstance(b, list):
                return False
            if n[1] == "==":
                return type(a) is type(b) and a == b
            if n[1] == "!=":
                return not (type(a) is type(b) and a == b)
            if not (isinstance(a, int) and isinstance(b, int)):
                return False
            return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[n[1]]
        if op == "in_list":
            a = self._value(n[1], answers, settings)
            if a is ABSENT or isinstance(a, list):
                return False
            return any(type(a) is type(v) and a == v
                       for v in (self._value(x, answers, settings) for x in n[2]))
        if op == "in_multi":
            v, q = self._value(n[1], answers, settings), self._value(n[2], answers, settings)
            return isinstance(q, list) and v in q
        raise ValueError(op)


# --- the questionnaire and the generator -------------------------------------------------

BENIGN = ("no", "none", "never", "not_worried", "little", "stable")
# Where "no" or the first option is not the unremarkable answer (used only when the
# questionnaire has that question and option).
TYPICAL = {
    "will_shave": "yes", "touchups_ok": "yes", "can_attend_sessions": "yes",
    "norwood": "iv", "female_scale": "ludwig_ii", "skin_type": "type_3",
    "hair_colour": "dark_brown", "previous_pigment": "healed_ok", "sun_exposure": "moderate",
    "longevity_wish": "as_long_as_possible", "expectations": "shaved_look",
    "loss_reasons": "pattern", "pain_worry": "a_bit",
}


class Question:
    def __init__(self, g):
        self.id = g["id"]
        self.type = g["type"]
        self.options = [o["value"] for o in g.get("options", [])]
        self.min = g.get("min", 0)
        self.max = g.get("max", 0)
        self.max_length = g.get("max_length", 0)
        self.allow_unknown = bool(g.get("allow_unknown", False))
        self.consultant = g.get("audience", "patient") == "consultant"
        self.required = bool(g.get("required", not self.consultant)) and self.type != "info"
        self.show_if = Condition(g["show_if"]) if "show_if" in g else None
        self.unit = g.get("unit", "")


def load_questions(path):
    root = read_libconfig(path)
    qs = []
    for sec in root["sections"]:
        for g in sec["questions"]:
            qs.append(Question(g))
    return root["id"], qs


def gen_integer(rnd, q, risk):
    lo, hi = q.min, q.max
    if q.unit == "years":
        # Mostly adults, sometimes under the minimum age (16..21 in the settings).
        if rnd.random() < 0.06:
            return rnd.randint(lo, min(hi, 21))
        return rnd.randint(max(lo, 18), min(hi, 80))
    # Near the thresholds most of the time: months up to 24, days up to 180.
    near = 30 if q.unit == "months" else 200
    if rnd.random() < 0.4 + 0.5 * risk:
        return rnd.randint(lo, min(hi, near))
    return rnd.randint(lo, hi)


def gen_answer(rnd, q, risk, p_unknown):
    """A valid answer value for q: str, int, or list of str."""
    if q.allow_unknown and rnd.random() < p_unknown:
        return ["unknown"] if q.type == "multi" else "unknown"
    if q.type == "single":
        # The benign answer, or else the first option (the most common case).
        benign = [o for o in q.options if o == TYPICAL.get(q.id)] or \
            [o for o in q.options if o in BENIGN] or q.options[:1]
        if rnd.random() > risk:
            return benign[0]
        return rnd.choice(q.options)
    if q.type == "multi":
        real = [o for o in q.options if o != "none"]
        if rnd.random() > risk:
            typical = [o for o in q.options if o == TYPICAL.get(q.id)]
            return typical or (["none"] if "none" in q.options else q.options[:1])
        k = 1 + min(len(real) - 1, int(rnd.expovariate(1.6)))
        return rnd.sample(real, k)
    if q.type == "integer":
        return gen_integer(rnd, q, risk)
    if q.type == "text":
        words = ["scalp", "patch", "since", "spring", "not", "sure", "doctor", "said", "ok"]
        s = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 8)))
        return s[:max(1, q.max_length)] if q.max_length else s
    raise ValueError("no answer for type %s" % q.type)


def stray_answer(rnd, q):
    """Any well-formed value for a question that is not shown (ignored by the reader)."""
    if q.type == "integer":
        return rnd.randint(q.min, q.max)
    if q.type == "multi":
        return [rnd.choice(q.options)]
    if q.type == "single":
        return rnd.choice(q.options)
    return None


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def encode(v, as_list):
    if isinstance(v, list):
        inner = ", ".join(quote(x) for x in v)
        return ("( %s )" if as_list else "[ %s ]") % inner
    if isinstance(v, int):
        return str(v)
    return quote(v)


def generate(rnd, qn_id, questions, index):
    risk = rnd.choice((0.0, 0.02, 0.05, 0.15, 0.3, 0.6, 1.0))
    p_unknown = rnd.choice((0.0, 0.0, 0.03, 0.1, 0.3))
    answers, lines = {}, []
    for q in questions:
        shown = q.show_if is None or q.show_if.eval(answers)
        if q.type == "info":
            continue
        if not shown:
            if rnd.random() < 0.004:
                v = stray_answer(rnd, q)
                if v is not None:
                    lines.append((q.id, v))
            continue
        if q.consultant and rnd.random() < 0.6:
            continue
        if not q.required and not q.consultant and rnd.random() < 0.3:
            continue
        v = gen_answer(rnd, q, risk, p_unknown)
        answers[q.id] = v
        lines.append((q.id, v))
    if rnd.random() < 0.1:
        rnd.shuffle(lines)
    as_list = rnd.random() < 0.1
    out = ["# smpscreen benchmark answers %d (risk %.2f, unknown %.2f)" % (index, risk, p_unknown),
           "questionnaire = %s;" % quote(qn_id), "answers = {"]
    out += ["  %s = %s;" % (k, encode(v, as_list)) for k, v in lines]
    out.append("};")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write("usage: gen_answers.py OUTDIR N SEED [QUESTIONNAIRE]\n")
        return 2
    outdir, n, seed = argv[1], int(argv[2]), int(argv[3])
    qpath = argv[4] if len(argv) == 5 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "questionnaires",
        "smp-consultation.cfg")
    qn_id, questions = load_questions(qpath)
    os.makedirs(outdir, exist_ok=True)
    width = max(5, len(str(n)))
    for i in range(n):
        # One generator per file: file i is the same whatever N is.
        rnd = random.Random("%d/%d" % (seed, i))
        path = os.path.join(outdir, "answers-%0*d.cfg" % (width, i + 1))
        with open(path, "w", encoding="utf-8") as f:
            f.write(generate(rnd, qn_id, questions, i + 1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
