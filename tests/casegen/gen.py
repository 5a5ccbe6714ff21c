#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Write the golden case files questionnaires/cases/*.cfg.

Each file holds one case of cases_spec.py: its answers, screening date and settings, and the
outcome that model.py computes from questions.md. The outcome never comes from running
smpscreen, so `smpscreen check` compares the program with the contract, not with itself.
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree, which EXTRA_DIST ships whole

import argparse
import pathlib

import cases_spec
import model

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_CONTRACT = REPO.parent / 'shared' / 'domain' / 'questions.md'
DEFAULT_OUTPUT = REPO / 'questionnaires' / 'cases'


def add_contract_option(parser):
    parser.add_argument('--contract', type=pathlib.Path, default=DEFAULT_CONTRACT, metavar='FILE',
                        help='questions.md to compute the outcomes from (default: %(default)s)')


def fmt(v):
    """A value in libconfig syntax."""
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, (list, tuple)):
        return '[ ' + ', '.join(fmt(x) for x in v) + ' ]' if v else '[ ]'
    return '"' + v + '"'


def settings_group(settings):
    return 'settings = { ' + ' '.join('%s = %s;' % (k, fmt(v)) for k, v in settings.items()) + ' };'


def answers_group(answers, contract):
    """The answers group, keys in question order so the files read like the questionnaire."""
    order = {q['id']: i for i, q in enumerate(contract.questions)}
    return (['answers = {'] + ['  %s = %s;' % (k, fmt(answers[k])) for k in sorted(answers, key=order.get)]
            + ['};'])


def render(case, exp, contract):
    lines = ['# ' + case['comment'], 'questionnaire = "smp-consultation";', 'case = {',
             '  title = %s;' % fmt(case['title']), '  today = %s;' % fmt(case['today'])]
    if case['settings']:
        lines.append('  ' + settings_group(case['settings']))
    lines.append('  expect = {')
    lines += ['    %s = %s;' % (k, fmt(exp[k])) for k in
              ('suitability', 'patch_test', 'fired', 'notes', 'refer_to', 'come_back_after', 'defer_conditions')]
    lines += ['  };', '};'] + answers_group(case['answers'], contract)
    return '\n'.join(lines) + '\n'


def expected_cases(contract):
    """Every case with its model outcome; stops at a duplicate name or answers the contract rejects."""
    seen, out = set(), []
    for case in cases_spec.CASES:
        if case['name'] in seen:
            sys.exit('duplicate case name ' + case['name'])
        seen.add(case['name'])
        try:
            out.append((case, contract.outcome(case['answers'], case['today'], case['settings'])))
        except ValueError as e:
            sys.exit('%s: %s' % (case['name'], e))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_contract_option(ap)
    ap.add_argument('-o', '--output-dir', type=pathlib.Path, default=DEFAULT_OUTPUT, metavar='DIR',
                    help='where to write the case files (default: %(default)s)')
    args = ap.parse_args()
    contract = model.load(args.contract)
    cases = expected_cases(contract)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for case, exp in cases:
        with open(args.output_dir / (case['name'] + '.cfg'), 'w', encoding='utf-8', newline='\n') as f:
            f.write(render(case, exp, contract))
    print('%d cases written to %s' % (len(cases), args.output_dir))
    names = {case['name'] + '.cfg' for case, _ in cases}
    for path in sorted(args.output_dir.glob('*.cfg')):
        if path.name not in names:
            print('warning: %s is no case of cases_spec.py (renamed or removed?)' % path, file=sys.stderr)


if __name__ == '__main__':
    main()
