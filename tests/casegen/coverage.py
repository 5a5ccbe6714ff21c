#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Report what the golden cases exercise, so a gap shows when the contract or the cases change.

Computed from cases_spec.py and model.py, the same source gen.py writes the case files from.
Gaps: a rule that never fires, a level, patch level, note or refer target never produced, a
question never shown, an unknown-capable question never answered unknown, a setting never
set to a non-default value, a threshold without cases on both sides of its boundary, and any
unknown medical answer that ends in suitable (which §3 forbids). Exit status 1 on a gap.
"""
import sys

sys.dont_write_bytecode = True  # see gen.py

import argparse

import gen
import model


def comparisons(node):
    """The comparisons in an expression tree, to find the thresholds a rule tests."""
    if node[0] in ('or', 'and'):
        yield from comparisons(node[1])
        yield from comparisons(node[2])
    elif node[0] == 'not':
        yield from comparisons(node[1])
    elif node[0] == 'cmp':
        yield node


def thresholds(contract):
    """(question, setting) pairs compared in a rule condition, in rule order."""
    pairs = []
    for r in contract.rules:
        for node in comparisons(r['ast']):
            q = next((o[1] for o in node[2:] if o[0] == 'q'), None)
            s = next((o[1] for o in node[2:] if o[0] == 'set'), None)
            if q and s and (q, s) not in pairs:
                pairs.append((q, s))
    return pairs


def is_unknown(v):
    return v == 'unknown' or v == ['unknown']


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    gen.add_contract_option(ap)
    args = ap.parse_args()
    contract = model.load(args.contract)
    cases = gen.expected_cases(contract)
    gaps = []

    def report(label, items, gap=True):
        print('%s: %s' % (label, ', '.join(items) if items else '-'))
        if gap and items:
            gaps.append(label)

    print('%d cases, contract %s' % (len(cases), args.contract))
    fired = {}
    for case, exp in cases:
        for rid in exp['fired']:
            fired.setdefault(rid, []).append(case['name'])
    print('rules fired: %d of %d' % (len(fired), len(contract.rules)))
    report('rules never fired', [r['id'] for r in contract.rules if r['id'] not in fired])
    report('rules fired by one case only', sorted(r for r, names in fired.items() if len(names) == 1), gap=False)
    report('levels never produced', [x for x in model.LEVELS if all(e['suitability'] != x for _, e in cases)])
    report('patch levels never produced', [x for x in model.PATCH if all(e['patch_test'] != x for _, e in cases)])
    report('notes never produced', [n for n in contract.notes if all(n not in e['notes'] for _, e in cases)])
    report('refer targets never produced',
           [t for t in contract.refer_targets if all(t not in e['refer_to'] for _, e in cases)])

    shown = {qid for _, e in cases for qid in e['shown']}
    report('questions never shown', [q['id'] for q in contract.questions
                                     if q['type'] != 'info' and q['id'] not in shown])
    unknown, medical_suitable = set(), []
    for case, exp in cases:
        for q in contract.questions:
            if q['unknown'] and q['id'] in exp['shown'] and is_unknown(case['answers'].get(q['id'])):
                unknown.add(q['id'])
                if q['unknown'] == 'medical' and exp['suitability'] == 'suitable':
                    medical_suitable.append('%s (%s)' % (case['name'], q['id']))
    report('questions allowing unknown never answered unknown',
           [q['id'] for q in contract.questions if q['unknown'] and q['id'] not in unknown])
    report('unknown medical answers ending in suitable', medical_suitable)

    print('settings set to a non-default value:')
    changed = {}
    for case, _ in cases:
        for k, v in case['settings'].items():
            if v != contract.settings[k]['default']:
                changed.setdefault(k, set()).add(gen.fmt(v))
    for k in contract.settings:
        print('  %-30s %s' % (k, ' '.join(sorted(changed.get(k, ()))) or '-'))
    report('settings never changed', [k for k in contract.settings if k not in changed])

    print('thresholds, answer minus setting near the boundary (default: want -1 0 1; changed: want -1 0):')
    missing = []
    for qid, setting in thresholds(contract):
        offsets = {True: set(), False: set()}
        for case, exp in cases:
            v = case['answers'].get(qid)
            if qid in exp['shown'] and type(v) is int:
                at_default = exp['settings'][setting] == contract.settings[setting]['default']
                offsets[at_default].add(v - exp['settings'][setting])
        near = {k: sorted(x for x in s if -1 <= x <= 1) for k, s in offsets.items()}
        print('  %-30s vs %-30s default %-10s changed %s' % (
            qid, setting, ' '.join(map(str, near[True])), ' '.join(map(str, near[False]))))
        if not {-1, 0, 1} <= offsets[True] or not {-1, 0} <= offsets[False]:
            missing.append('%s vs %s' % (qid, setting))
    report('thresholds missing a boundary case', missing)

    print('gaps: %s' % (', '.join(gaps) if gaps else 'none'))
    return 1 if gaps else 0


if __name__ == '__main__':
    sys.exit(main())
