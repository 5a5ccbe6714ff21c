#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Cross-check every golden case against smpscreen through its ordinary `screen --format json` path.

`smpscreen check` already runs the case files with the program's own case runner; this goes
the way a clinic does instead (a plain answer file, a settings file, the JSON report) and also
compares what the case files do not record: the ignored answers and the effective settings.
Expectations come from model.py. Exit status 1 when a case differs; the scratch directory
with the answer and settings files is then kept for rerunning a case by hand.
"""
import sys

sys.dont_write_bytecode = True  # see gen.py

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

import gen
import model


def got_outcome(report):
    """The fields of a JSON report in the model's form (sorted where §3 defines a set)."""
    return {
        'suitability': report['suitability'],
        'patch_test': report['patch_test'],
        'fired': sorted(report['fired']),
        'notes': report['notes'],
        'refer_to': sorted(report['refer_to']),
        'come_back_after': report['come_back_after'] or 'none',
        'defer_conditions': sorted(d['rule'] for d in report['defer_conditions']),
        'ignored': sorted(report['ignored_answers']),
        'settings': report['settings'],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    gen.add_contract_option(ap)
    ap.add_argument('--smpscreen', type=pathlib.Path, metavar='PATH',
                    default=os.environ.get('SMPSCREEN') or gen.REPO / '_build' / 'run' / 'smpscreen',
                    help='the program to check (default: $SMPSCREEN, else %s)' % (gen.REPO / '_build/run/smpscreen'))
    args = ap.parse_args()
    if not os.access(args.smpscreen, os.X_OK):
        sys.exit('%s: not an executable; build it or pass --smpscreen' % args.smpscreen)
    contract = model.load(args.contract)
    cases = gen.expected_cases(contract)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix='smpscreen-xcheck-'))
    bad = 0
    for case, exp in cases:
        answers = scratch / (case['name'] + '.cfg')
        answers.write_text('\n'.join(['questionnaire = "smp-consultation";']
                                     + gen.answers_group(case['answers'], contract)) + '\n', encoding='utf-8')
        # Always a settings file, even an empty group: an installed clinic file must not count.
        settings = scratch / (case['name'] + '.settings')
        settings.write_text(gen.settings_group(case['settings']) + '\n', encoding='utf-8')
        cmd = [str(args.smpscreen), 'screen', '--format', 'json', '--today', case['today'],
               '--settings', str(settings), str(answers)]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            bad += 1
            print('FAIL %s: exit %d: %s' % (case['name'], run.returncode, run.stderr.strip()))
            continue
        got = got_outcome(json.loads(run.stdout))
        want = dict(exp, ignored=sorted(exp['ignored']))
        diffs = [k for k in got if got[k] != want[k]]
        if diffs:
            bad += 1
            print('DIFF %s' % case['name'])
            for k in diffs:
                w, g = want[k], got[k]
                if isinstance(w, dict):  # settings: only the entries that differ
                    keys = [s for s in sorted(w.keys() | g.keys()) if w.get(s) != g.get(s)]
                    w, g = {s: w.get(s) for s in keys}, {s: g.get(s) for s in keys}
                print('    %s: expected %s, got %s' % (k, w, g))
    print('%d of %d cases differ from the model' % (bad, len(cases)))
    if bad:
        print('answer and settings files kept in %s' % scratch)
        return 1
    shutil.rmtree(scratch)
    return 0


if __name__ == '__main__':
    sys.exit(main())
