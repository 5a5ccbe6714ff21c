# SPDX-License-Identifier: ISC
"""An independent model of the smp-consultation contract, used to compute the golden outcomes.

It reads questions.md only (questions §4, rules §5, settings §6, notes §7, refer targets §8)
and implements the reading rules of §1, the expression language of §2 and the outcome of §3.
It never looks at the C sources or at the questionnaire and rules .cfg files, so an outcome
it computes is a second reading of the contract, not a copy of what the program does.
"""
import calendar
import datetime
import re

LEVELS = ('suitable', 'caveats', 'refer', 'defer', 'unsuitable')
PATCH = ('not_needed', 'recommended', 'required')


class ContractError(Exception):
    """questions.md is not in the shape this model reads: fix the model, do not guess."""


def _section(md, start, end):
    try:
        return md[md.index(start):md.index(end)]
    except ValueError:
        raise ContractError('no section from %r to %r' % (start, end)) from None


def _line(pattern, text, what):
    """The first match of a required line, so a changed format fails loudly instead of parsing as None."""
    m = re.search(pattern, text, re.M)
    if not m:
        raise ContractError('%s: no line matching %r' % (what, pattern))
    return m


# ---------------------------------------------------------------- §2 condition expressions

_TOKEN = re.compile(r"\s*(?:(?P<punct>[()\[\],])|(?P<cmp>==|!=|<=|>=|<|>)|'(?P<str>[^']*)'"
                    r"|(?P<int>\d+)|setting\.(?P<set>[a-z_]+)|(?P<word>[a-z_][a-z0-9_]*))")
_KEYWORDS = ('and', 'or', 'not', 'in', 'answered', 'true', 'false')


def _tokens(text, qids):
    out, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ContractError('cannot read %r at %d' % (text, pos))
        pos = m.end()
        kind = m.lastgroup
        if kind == 'punct':
            out.append(('p', m.group('punct')))
        elif kind == 'int':
            out.append(('int', int(m.group('int'))))
        elif kind == 'word':
            word = m.group('word')
            if word in _KEYWORDS:
                out.append(('kw', word))
            elif word in qids:
                out.append(('q', word))
            else:
                raise ContractError('%r names no question: %r' % (text, word))
        else:
            out.append((kind, m.group(kind)))
    return out


class _Parser:
    """Recursive descent over the grammar of §2; builds tuples that evaluate() walks."""

    def __init__(self, text, qids):
        self.text, self.toks, self.i = text, _tokens(text, qids), 0

    def peek(self, ahead=0):
        j = self.i + ahead
        return self.toks[j] if j < len(self.toks) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value is not None and tok[1] != value):
            raise ContractError('%r: expected %s %s, got %r' % (self.text, kind, value or '', tok))
        self.i += 1
        return tok

    def parse(self):
        node = self.or_expr()
        if self.i != len(self.toks):
            raise ContractError('%r: trailing %r' % (self.text, self.peek()))
        return node

    def or_expr(self):
        node = self.and_expr()
        while self.peek() == ('kw', 'or'):
            self.take()
            node = ('or', node, self.and_expr())
        return node

    def and_expr(self):
        node = self.not_expr()
        while self.peek() == ('kw', 'and'):
            self.take()
            node = ('and', node, self.not_expr())
        return node

    def not_expr(self):
        if self.peek() == ('kw', 'not'):
            self.take()
            return ('not', self.not_expr())
        return self.primary()

    def operand(self):
        tok = self.peek()
        if tok[0] not in ('q', 'set', 'str', 'int'):
            raise ContractError('%r: expected an operand, got %r' % (self.text, tok))
        return self.take()

    def primary(self):
        tok = self.peek()
        if tok == ('p', '('):
            self.take()
            node = self.or_expr()
            self.take('p', ')')
            return node
        if tok == ('kw', 'answered'):
            self.take()
            self.take('p', '(')
            qid = self.take('q')[1]
            self.take('p', ')')
            return ('answered', qid)
        if tok in (('kw', 'true'), ('kw', 'false')):
            self.take()
            return ('const', tok[1] == 'true')
        nxt = self.peek(1)
        if tok[0] == 'set' and nxt[0] != 'cmp' and nxt != ('kw', 'in'):
            self.take()
            return ('boolset', tok[1])
        left = self.operand()
        if self.peek()[0] == 'cmp':
            op = self.take()[1]
            return ('cmp', op, left, self.operand())
        self.take('kw', 'in')
        if self.peek() == ('p', '['):
            self.take()
            items = [self.operand()]
            while self.peek() == ('p', ','):
                self.take()
                items.append(self.operand())
            self.take('p', ']')
            return ('inlist', left, items)
        if left[0] != 'str':
            raise ContractError("%r: only 'value' in QID tests a multi question" % self.text)
        return ('inmulti', left[1], self.take('q')[1])


ABSENT = object()


def _value(operand, eff, settings):
    kind, v = operand
    if kind == 'q':
        return eff.get(v, ABSENT)
    if kind == 'set':
        return settings[v]
    return v


def _equal(a, b):
    """An integer never equals a string (§2), and a boolean setting is not an integer."""
    return type(a) is type(b) and a == b


def evaluate(node, eff, settings):
    """Two-valued meaning of §2: every test on an absent question is false."""
    kind = node[0]
    if kind == 'const':
        return node[1]
    if kind == 'or':
        return evaluate(node[1], eff, settings) or evaluate(node[2], eff, settings)
    if kind == 'and':
        return evaluate(node[1], eff, settings) and evaluate(node[2], eff, settings)
    if kind == 'not':
        return not evaluate(node[1], eff, settings)
    if kind == 'answered':
        return node[1] in eff
    if kind == 'boolset':
        return settings[node[1]] is True
    if kind == 'inmulti':
        v = eff.get(node[2], ABSENT)
        return v is not ABSENT and node[1] in v
    if kind == 'inlist':
        v = _value(node[1], eff, settings)
        return v is not ABSENT and any(_equal(v, _value(o, eff, settings)) for o in node[2])
    op, a, b = node[1], _value(node[2], eff, settings), _value(node[3], eff, settings)
    if a is ABSENT or b is ABSENT:
        return False
    if op == '==':
        return _equal(a, b)
    if op == '!=':
        return not _equal(a, b)
    if type(a) is not int or type(b) is not int:
        return False
    return {'<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b}[op]


# ---------------------------------------------------------------- §3 date arithmetic

def add_to_date(today, n, unit):
    """today + n days/months/years, clamping to the month's last day as §3 requires."""
    d = datetime.date.fromisoformat(today)
    if unit == 'days':
        return d + datetime.timedelta(days=n)
    months = n if unit == 'months' else 12 * n
    year, month0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + year, month0 + 1
    return datetime.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------- the contract

class Contract:
    """The parsed tables of questions.md and the outcome they define."""

    def __init__(self, md):
        self.questions = self._questions(_section(md, '## 4. Questions', '## 5. Rules'))
        self.qbyid = {q['id']: q for q in self.questions}
        self.settings = self._settings(_section(md, '## 6. Settings', '## 7. Notes'))
        self.notes = self._notes(_section(md, '## 7. Notes', '## 8. Refer targets'))
        self.refer_targets = re.findall(r'^\| `([a-z]+)` \|', _section(md, '## 8. Refer targets', '## 9. '),
                                        re.M)
        self.rules = self._rules(_section(md, '## 5. Rules', 'Patch-test summary'))
        for q in self.questions:
            q['show_ast'] = _Parser(q['show_if'], self.qbyid).parse() if q['show_if'] else None
        for r in self.rules:
            r['ast'] = _Parser(r['when'], self.qbyid).parse()
        self._check_references()

    @staticmethod
    def _questions(sec):
        questions = []
        blocks = re.split(r'^(?=#### Q\d\d )', sec, flags=re.M)[1:]
        for block in blocks:
            block = re.split(r'^#{2,3} ', block, flags=re.M)[0]
            head = _line(r'^#### Q\d\d `([a-z0-9_]+)`', block, 'question heading')
            qid = head.group(1)
            q = {'id': qid}
            typ = _line(r'^- type: (.*)$', block, qid).group(1)
            q['type'] = next((t for t in ('info', 'integer', 'multi') if typ.startswith(t)), 'single')
            if q['type'] == 'integer':
                lo, hi = _line(r'(\d+)\.\.(\d+)', typ, qid).groups()
                q['min'], q['max'] = int(lo), int(hi)
            options = re.search(r'^- options: (.*)$', block, re.M)
            q['options'] = re.findall(r'`([a-z0-9_]+)` =', options.group(1)) if options else []
            unknown = re.search(r'^- unknown: (.*)$', block, re.M)
            q['unknown'] = None
            if unknown and unknown.group(1).startswith('allowed'):
                q['unknown'] = 'medical' if 'medical' in unknown.group(1) else 'preference'
            show = _line(r'^- show_if: (.*)$', block, qid).group(1)
            q['show_if'] = None if show.startswith('always') else _line(r'^`(.*)`$', show, qid).group(1)
            aud = _line(r'^- audience: (\w+); required when shown: (\w+)', block, qid)
            q['audience'], q['required'] = aud.group(1), aud.group(2) == 'yes'
            questions.append(q)
        if not questions:
            raise ContractError('no questions in §4')
        return questions

    @staticmethod
    def _settings(sec):
        settings = {}
        for line in sec.splitlines():
            if not line.startswith('| `'):
                continue
            name, typ, default, allowed = _line(
                r'^\| `([a-z_]+)` \| (\w+) \| `?([a-z_0-9]+)`? \| ([^|]*) \|', line, 'setting row').groups()
            if typ == 'integer':
                lo, hi = _line(r'(\d+)\.\.(\d+)', allowed, name).groups()
                at_least = re.search(r'>= (\w+)', allowed)
                settings[name] = {'type': typ, 'default': int(default), 'min': int(lo), 'max': int(hi),
                                  'at_least': at_least.group(1) if at_least else None}
            elif typ == 'boolean':
                settings[name] = {'type': typ, 'default': default == 'true'}
            elif typ == 'enum':
                settings[name] = {'type': typ, 'default': default, 'values': re.findall(r'`(\w+)`', allowed)}
            else:
                raise ContractError('setting %s: unknown type %s' % (name, typ))
        return settings

    @staticmethod
    def _notes(sec):
        return [_line(r'^\| \d+ \| `([a-z-]+)` \|', line, 'note row').group(1)
                for line in sec.splitlines() if re.match(r'^\| \d+ \|', line)]

    @staticmethod
    def _rules(sec):
        rules = []
        for entry in re.findall(r'^\d+\. \*\*.*\n.*$', sec, re.M):
            m = _line(r'^\d+\. \*\*`([a-z0-9-]+)`\*\* — when `(.*?)`  \n\s+→ (.*?)$', entry, 'rule entry')
            rid, when, rest = m.groups()
            parts = [p.strip() for p in rest.split(' · ')]
            r = {'id': rid, 'when': when,
                 'level': _line(r'^level `(\w+)`$', parts[0], rid).group(1),
                 'patch': _line(r'^patch `(\w+)`$', parts[1], rid).group(1),
                 'notes': re.findall(r'`([a-z-]+)`', parts[2]),
                 'refer': re.findall(r'`([a-z-]+)`', parts[3])}
            come_back = ' · '.join(parts[4:])
            date = re.match(r'come-back date `today \+ \(setting\.(\w+) - (\w+)\) (days|months|years)`', come_back)
            if date:
                r['comeback'] = ('date',) + date.groups()
            elif come_back.startswith('come-back condition'):
                r['comeback'] = ('cond', _line(r'"(.*)"', come_back, rid).group(1))
            elif come_back == 'come-back —':
                r['comeback'] = None
            else:
                raise ContractError('%s: cannot read %r' % (rid, come_back))
            rules.append(r)
        if not rules:
            raise ContractError('no rules in §5')
        return rules

    def _check_references(self):
        """Every id a rule names exists, so a typo in the contract cannot pass as 'never fires'."""
        for r in self.rules:
            bad = [n for n in r['notes'] if n not in self.notes]
            bad += [t for t in r['refer'] if t not in self.refer_targets]
            if r['comeback'] and r['comeback'][0] == 'date':
                bad += [x for x, known in ((r['comeback'][1], self.settings), (r['comeback'][2], self.qbyid))
                        if x not in known]
            if bad:
                raise ContractError('rule %s names unknown ids %s' % (r['id'], bad))

    # ------------------------------------------------------------ §1 reading answers

    @staticmethod
    def _invalid(q, v):
        """Why a shown answer is an input error (§1 rule 5), or None when it is valid."""
        if q['type'] == 'multi':
            if not isinstance(v, list) or not v:
                return 'not a non-empty array'
            if len(set(v)) != len(v):
                return 'repeats a value'
            if v == ['unknown']:
                return None if q['unknown'] else 'unknown not allowed'
            if any(x not in q['options'] for x in v):
                return 'not an option'
            if len(v) > 1 and ('none' in v or 'unknown' in v):
                return 'none or unknown combined with another value'
            return None
        if v == 'unknown':
            return None if q['unknown'] else 'unknown not allowed'
        if q['type'] == 'integer':
            if type(v) is not int:
                return 'not an integer'
            return None if q['min'] <= v <= q['max'] else 'out of range'
        return None if v in q['options'] else 'not an option'

    def effective(self, answers, settings):
        """(effective answers, input errors, shown ids, ignored ids) following §1 in question order."""
        eff, errors, shown, ignored = {}, [], [], []
        errors += ['unknown key ' + k for k in answers if k not in self.qbyid]
        for q in self.questions:
            if q['type'] == 'info':
                continue
            if q['show_ast'] is not None and not evaluate(q['show_ast'], eff, settings):
                if q['id'] in answers:
                    ignored.append(q['id'])
                continue
            shown.append(q['id'])
            if q['id'] not in answers:
                if q['required'] and q['audience'] == 'patient':
                    errors.append('missing ' + q['id'])
                continue
            v = answers[q['id']]
            why = self._invalid(q, v)
            if why:
                errors.append('%s: %s' % (q['id'], why))
                continue
            eff[q['id']] = tuple(v) if isinstance(v, list) else v
        return eff, errors, shown, ignored

    def full_settings(self, overrides):
        """Defaults plus the overrides, refusing what §1 calls a configuration error."""
        st = {k: s['default'] for k, s in self.settings.items()}
        for k, v in (overrides or {}).items():
            s = self.settings.get(k)
            ok = s is not None and (
                (s['type'] == 'integer' and type(v) is int and s['min'] <= v <= s['max'])
                or (s['type'] == 'boolean' and type(v) is bool)
                or (s['type'] == 'enum' and v in s['values']))
            if not ok:
                raise ValueError('bad setting %s = %r' % (k, v))
            st[k] = v
        for k, s in self.settings.items():
            if s.get('at_least') and st[k] < st[s['at_least']]:
                raise ValueError('setting %s must be >= %s' % (k, s['at_least']))
        return st

    # ------------------------------------------------------------ §3 the outcome

    def outcome(self, answers, today, overrides=None):
        """The screening outcome of §3; ValueError when the answers or settings are rejected."""
        st = self.full_settings(overrides)
        eff, errors, shown, ignored = self.effective(answers, st)
        if errors:
            raise ValueError(errors)
        fired = [r for r in self.rules if evaluate(r['ast'], eff, st)]
        dates, conditions = [], []
        for r in fired:
            if r['level'] != 'defer' or not r['comeback']:
                continue
            if r['comeback'][0] == 'cond':
                conditions.append(r['id'])
                continue
            _, setting, qid, unit = r['comeback']
            n = st[setting] - eff[qid]
            if n < 1:
                raise ValueError('rule %s fired with a come-back of %d %s' % (r['id'], n, unit))
            dates.append(add_to_date(today, n, unit))
        return {
            'suitability': LEVELS[max((LEVELS.index(r['level']) for r in fired), default=0)],
            'patch_test': PATCH[max((PATCH.index(r['patch']) for r in fired), default=0)],
            'fired': sorted(r['id'] for r in fired),
            'notes': [n for n in self.notes if any(n in r['notes'] for r in fired)],
            'refer_to': sorted({t for r in fired for t in r['refer']}),
            'come_back_after': max(dates).isoformat() if dates else 'none',
            'defer_conditions': sorted(conditions),
            'shown': shown,
            'ignored': ignored,
            'settings': st,
        }


def load(path):
    with open(path, encoding='utf-8') as f:
        return Contract(f.read())
