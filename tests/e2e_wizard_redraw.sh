#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of how the wizard updates the terminal (issue 15, item 4): a page change
# sends only what changed. Driven in a private tmux server like the other wizard tests:
# 1. After every page change of a walk (questions of each kind, a picture page and its
#    focus moving, the help page, the quit dialog and back, going back a question), the
#    screen, attributes included, is the same as a full repaint of that page (Ctrl-L): what
#    the wizard leaves on the terminal by sending differences is the page, not a mix of it
#    and the page before. At 80x24 and at 40x15.
# 2. The same walk at 80x24 with TERM=xterm-256color clears the screen once, at start, never
#    on a page change, and its bytes stay within a budget: a regression guard with a margin
#    (bytes are exact for a terminal type and ncurses version; the figures and where they go
#    are in bench/consult/), not a timing.
#
# Synchronisation is by polling the screen and the recorded output, never by sleeping.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22

# The walk: one line per page: text that is on it (and not on the page before), or !TEXT:
# text that has gone from it | the keys that leave it.
walk_plan() {
	cat <<'EOF'
Enter: start|Enter
How old are you|3
> 3|4
> 34|Enter
pregnant or breastfeeding|1
Which result are you hoping|1
natural hair colour|2
midday|Down
> 2 ( ) Usually|Down
> 3 ( ) Sometimes|?
Skin type affects|Escape
> 3 ( ) Sometimes|3
Why are you considering SMP|1
[x] Receding|Enter
Which Norwood picture|Down
> 2 ( ) II|9
Over the last 12 months|Left
Which Norwood picture|9
Over the last 12 months|q
Quit?|n
!Quit?|2
hair-loss treatments|2
EOF
}

# walk NAME EACH: walks the plan, running EACH NAME TEXT on every page before its keys;
# false when a page did not come. (The texts are on the pages at 80x24 and at 40x15.)
walk() {
	walk_plan >"$TMP/plan"
	while IFS='|' read -r _text _keys; do
		case $_text in
		!*) wait_gone "$1" "${_text#!}" && settled "$1" || return 1 ;;
		*) wait_for "$1" "$_text" && settled "$1" || return 1 ;;
		esac
		"$2" "$1" "$_text" || return 1
		# shellcheck disable=SC2086
		keys "$1" $_keys
	done <"$TMP/plan"
	wait_for "$1" "hair-loss treatments" && settled "$1"
}

raw_size() { wc -c <"$TMP/$1/raw" | tr -d ' '; }
# The output recorded after its first SIZE bytes clears the screen (the repaint has begun),
# and the screen settled.
_repainted() {
	tail -c +"$(($2 + 1))" "$TMP/$1/raw" | LC_ALL=C grep -aqF -- "$clear_screen" && _settled "$1"
}
# cap_cells NAME FILE: the screen, a line of FILE for each line of it, each character with
# the attributes it shows in (python3), or as text only (without python3). tmux's own
# escapes (capture-pane -e) say the same cells in more than one way: blanks that were written
# and blanks never touched, attributes reset at the end of a line or at the start of the
# next one; the cells are what the patient sees.
cap_cells() {
	if have_python; then
		tm capture-pane -p -e -N -t "$1" 2>/dev/null | python3 -c "$cells_py" >"$2"
	else
		tm capture-pane -p -t "$1" >"$2" 2>/dev/null
	fi
}
cells_py='
import re, sys
DEFAULT = ((), 39, 49)
flags, fg, bg = set(), 39, 49
ON = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse", 8: "hidden", 9: "strike"}
OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",), 27: ("reverse",),
       28: ("hidden",), 29: ("strike",)}
for line in sys.stdin.read().split("\n"):
    cells = []
    for tok in re.findall("\x1b\\[([0-9;]*)m|(.)", line):
        if tok[1]:
            cells.append((tok[1], (tuple(sorted(flags)), fg, bg)))
            continue
        p = [int(x) if x else 0 for x in tok[0].split(";")]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0:
                flags, fg, bg = set(), 39, 49
            elif c in ON:
                flags.add(ON[c])
            elif c in OFF:
                flags -= set(OFF[c])
            elif c in (38, 48):
                n = 3 if p[i + 1] == 5 else 5
                v = tuple(p[i:i + n])
                fg, bg = (v, bg) if c == 38 else (fg, v)
                i += n - 1
            elif 30 <= c <= 37 or 90 <= c <= 97 or c == 39:
                fg = c
            elif 40 <= c <= 47 or 100 <= c <= 107 or c == 49:
                bg = c
            i += 1
    while cells and cells[-1] == (" ", DEFAULT):
        cells.pop()
    print(" ".join("%r%s" % (ch, "" if a == DEFAULT else repr(a)) for ch, a in cells))
'

# --- 1. every page change leaves the page a full repaint shows -------------------------------
n_pages=0
# same_as_repaint NAME TEXT: the screen now is the screen after Ctrl-L (a full repaint).
same_as_repaint() {
	n_pages=$((n_pages + 1))
	_d=$TMP/$1/pages
	mkdir -p "$_d"
	cap_cells "$1" "$_d/$n_pages.sent"
	_before=$(raw_size "$1")
	keys "$1" C-l
	if ! poll _repainted "$1" "$_before"; then
		not_ok "$1: the page with '$2' is repainted on Ctrl-L"
		derailed=1
		return 1
	fi
	cap_cells "$1" "$_d/$n_pages.repainted"
	same_file "$_d/$n_pages.repainted" "$_d/$n_pages.sent" \
	    "$1: page $n_pages ('$2') is on the screen as a full repaint draws it"
}

# The wizard runs with TERM=screen here (tmux's own), whose clear is this.
clear_screen=$(TERM=screen tput -x clear 2>/dev/null)
if [ -z "$clear_screen" ]; then
	echo "1..0 # SKIP tput cannot tell TERM=screen's clear"
	exit 0
fi
for size in 80x24 40x15; do
	name=repaint-$size
	n_pages=0
	launch "$name" "${size%x*}" "${size#*x}" -- --no-save
	if walk "$name" same_as_repaint; then
		ok "$name: the walk reached its last page"
	else
		not_ok "$name: the walk reached its last page"
	fi
	same_as_repaint "$name" "hair-loss treatments"
	keys "$name" q
	wait_for "$name" "Quit?" && keys "$name" y
	run_exit "$name"
	is "$rc" 0 "$name: exit status 0"
	no_sanitizer "$name"
	done_run "$name"
done

# --- 2. no page change clears the screen; the walk's bytes ------------------------------------
# The walk (24 keys, its start and its end) writes 9,110 bytes with ncurses 6.4 and
# xterm-256color's terminfo (Debian 12); the budget leaves 10 % for another ncurses. A page
# change that cleared the screen would cost about 1,000 bytes more each.
BUDGET=10000
nothing() { :; }
launch bytes 80 24 TERM=xterm-256color -- --no-save
if walk bytes nothing; then ok "bytes: the walk reached its last page"
else not_ok "bytes: the walk reached its last page"; fi
keys bytes q
wait_for bytes "Quit?" && keys bytes y
run_exit bytes
is "$rc" 0 "bytes: exit status 0"
# The recorder has written everything once the pane's job printed the exit status.
poll grep -q "EXIT=" "$TMP/bytes/raw"
clear=$(TERM=xterm-256color tput -x clear 2>/dev/null)
if [ -n "$clear" ]; then
	n_clear=$(LC_ALL=C grep -aoF -- "$clear" "$TMP/bytes/raw" | wc -l | tr -d ' ')
	is "$n_clear" 1 "bytes: the screen is cleared once, at start, never on a page change"
else
	skip "bytes: the screen is cleared once" "tput cannot tell xterm-256color's clear"
fi
total=$(raw_size bytes)
comment "the walk wrote $total bytes (budget $BUDGET)"
check "bytes: the walk writes at most $BUDGET bytes" [ "$total" -le "$BUDGET" ]
no_sanitizer bytes
done_run bytes

done_testing
