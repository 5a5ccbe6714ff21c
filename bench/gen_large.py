#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Write the large input files of the benchmark's loader figures.

usage: gen_large.py OUTDIR

Every loader reads at most 4 MB (cfg.c), and loading any file under that cap must take
well under a second. These are the shapes that once did not:

  deep-rules.cfg        a rules file whose one rule's `when` is nothing but '(' up to the
                        4 MB cap (for the bundled questionnaire): the expression lexer grew
                        its token array one element at a time and tokenised the whole
                        condition before the parser's nesting check
  many-questions.cfg    60,000 text questions, each shown if the one before it is
                        answered (questionnaire id "large"): duplicate ids were found by
                        a linear search per question, and so were the questions a
                        condition names
  many-rules.cfg        rules for many-questions.cfg: 20,000 notes and 20,000 rules, each
                        citing a note (duplicate rule and note ids, note look-ups)

The first loads with one error (too deep), the others load. Deterministic; standard
library only.
"""

import os
import sys

CAP = 4 * 1024 * 1024
N_QUESTIONS = 60000
N_RULES = 20000


def write(path, text):
    data = text.encode("ascii")
    if len(data) >= CAP:
        sys.exit("gen_large.py: %s would be %d bytes, over the cap" % (path, len(data)))
    with open(path, "wb") as f:
        f.write(data)


def deep_rules():
    head = ('id = "deep"; version = 1; questionnaire = "smp-consultation";\n'
            'notes = ( { id = "n"; group = "safety"; text = "n"; } );\n'
            'rules = ( { id = "deep"; level = "suitable"; when = "')
    tail = '"; } );\n'
    return head + "(" * (CAP - 1 - len(head) - len(tail)) + tail


def many_questions():
    out = ['id = "large"; version = 1; title = "Large";\n'
           'sections = ( { id = "s"; title = "S"; questions = (\n']
    qs = []
    for i in range(N_QUESTIONS):
        cond = ';show_if="answered(q%d)"' % (i - 1) if i > 0 else ""
        qs.append('{id="q%d";type="text";text="t"%s}' % (i, cond))
    out.append(",\n".join(qs))
    out.append('\n) } );\n')
    return "".join(out)


def many_rules():
    out = ['id = "large-rules"; version = 1; questionnaire = "large";\nnotes = (\n']
    out.append(",\n".join('{id="n%d";group="safety";text="t"}' % i for i in range(N_RULES)))
    out.append(');\nrules = (\n')
    out.append(",\n".join('{id="r%d";when="answered(q%d)";level="caveats";notes=["n%d"];reason="r"}'
                          % (i, i, i) for i in range(N_RULES)))
    out.append(');\n')
    return "".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_large.py OUTDIR")
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    write(os.path.join(outdir, "deep-rules.cfg"), deep_rules())
    write(os.path.join(outdir, "many-questions.cfg"), many_questions())
    write(os.path.join(outdir, "many-rules.cfg"), many_rules())


if __name__ == "__main__":
    main()
