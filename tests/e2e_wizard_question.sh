#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the wizard's question, help and welcome pages in tmux (issue 8, items
# 4, 6 and 9): at 40x15, the documented minimum, every key a page takes is on it or behind
# ?, the pictures are reachable, and nothing is cut mid-word without an ellipsis; every
# option has a key; a number opened with its answer is replaced by typing; the key that
# closes the help also acts; Back after a resume goes to the question before; Backspace in
# an empty field stays put; the picture follows the focus, with a caption, near the labels;
# labels use the width there is. Waits are on screen content, never on time.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
MINI_Q=$SMP_TEST_DATA/mini-questionnaire.cfg
MINI_R=$SMP_TEST_DATA/mini-rules.cfg

# answer NAME "TEXT|KEYS"...: for each step, waits for TEXT and types KEYS (the answers of
# tests/data/answers/typical.cfg, as tests/e2e_wizard.sh's walk types them).
answer() {
	_n=$1
	shift
	for _step; do
		wait_for "$_n" "${_step%%|*}" || return 1
		# shellcheck disable=SC2086
		keys "$_n" ${_step#*|}
	done
}
to_norwood() {
	answer "$1" "How old are you|34 Enter" "pregnant or breastfeeding|1" \
	    "Which result are you hoping|1" "natural hair colour|2" "midday|3" \
	    "Why are you considering SMP|1 Enter" && wait_for "$1" "Which Norwood picture"
}

# frame_ok NAME COLS ROWS HINT: the title, the hints and the disclaimer of the screen are
# whole or end with an ellipsis: a title that fills the line ends with one, the hints name
# HINT (the help key), the disclaimer ends its sentence.
frame_ok() {
	cap "$1" || return 1
	_t=$(line 1)
	if [ "$(printf '%s\n' "$_t" | max_width /dev/stdin)" -ge "$2" ]; then
		case $_t in *… | *...) ;; *) comment "title cut mid-word: '$_t'"; return 1 ;; esac
	fi
	case $(line "$(($3 - 1))") in *"$4"*) ;;
	*) comment "hints without '$4': '$(line "$(($3 - 1))")'"; return 1 ;; esac
	case $(line "$3") in *decides.) ;; *) comment "disclaimer cut: '$(line "$3")'"; return 1 ;; esac
}
check_frame() { # NAME COLS ROWS HINT DESC
	if [ "$derailed" = 0 ] && frame_ok "$1" "$2" "$3" "$4"; then ok "$5"
	else not_ok "$5"; comment_file "$SCR" 20; fi
}
# _changed NAME: the screen differs from $SCR.prev (a key was read and drawn).
_changed() { cap "$1" && ! cmp -s "$SCR" "$SCR.prev"; }
# scroll_until NAME KEY TEXT...: presses KEY until every TEXT is on the screen at once, at
# most 40 times; false when the screen stops changing first.
_all_on() {
	_s=$1
	shift
	for _x; do _joined | grep -qF -- "$_x" || return 1; done
}
scroll_until() {
	_n=$1 _k=$2
	shift 2
	[ "$derailed" = 0 ] && settled "$_n" || return 1
	_i=0
	while [ "$_i" -lt 40 ]; do
		_all_on "$_n" "$@" && return 0
		cp "$SCR" "$SCR.prev"
		keys "$_n" "$_k"
		poll _changed "$_n" || return 1
		settled "$_n" || return 1
		_i=$((_i + 1))
	done
	return 1
}
check_scroll() { # NAME KEY DESC TEXT...
	_n=$1 _k=$2 _d=$3
	shift 3
	if scroll_until "$_n" "$_k" "$@"; then ok "$_d"; else not_ok "$_d"; comment_file "$SCR" 20; fi
}
# The column (0-based) where TEXT starts on the screen's first line holding it, or 999.
column_of() { cap "$1" && awk -v t="$2" 'index($0, t) { print index($0, t) - 1; f = 1; exit } END { if (!f) print 999 }' "$SCR"; }

# === Item 4: 40x15 ==========================================================================
launch small 40 15
check_wait small "Enter: start" "40x15 welcome: the start key is shown"
check_wait small "Left goes back" "40x15 welcome: the key instructions are shown (Left goes back)"
check_wait small "? help" "40x15 welcome: ... and ? for help"
check_frame small 40 15 "q: quit" "40x15 welcome: title cut at a word with an ellipsis, disclaimer whole"
screen_has small "Scalp micropigmentation (SMP)…" "40x15 welcome: the title ends with an ellipsis"
keys small Enter
wait_for small "How old are you"
check_frame small 40 15 "? help" "40x15 number question: the hints name ? help, nothing cut mid-word"
screen_has small "q quit" "40x15 number question: the hints name q quit"
keys small 3 4 Enter
wait_for small "pregnant or breastfeeding"
check_frame small 40 15 "? help" "40x15 single choice: the hints name ? help, nothing cut mid-word"
screen_has small "1-4 choose" "40x15 single choice: the hints name the option keys"
answer small "pregnant or breastfeeding|1" "Which result are you hoping|1" "natural hair colour|2" \
    "midday|3"
wait_for small "Why are you considering SMP"
check_frame small 40 15 "? help" "40x15 multiple choice: the hints name ? help, nothing cut mid-word"
keys small 1 Enter
wait_for small "Which Norwood picture"
check_wait small "(? shows the picture)" "40x15 Norwood: the page says that ? shows the picture"
keys small Down Down Down
wait_for small "> 4 ( ) III"
keys small '?'
check_wait small "The Norwood scale grades" "40x15 Norwood help: ? shows the help"
check_scroll small Down "40x15 Norwood help: Down scrolls to the whole picture of the focused option" \
    "_________" "'-------'"
check_scroll small Up "40x15 Norwood help: its caption names option 4" "Picture of 4: III"
check_scroll small PgDn "40x15 Norwood help: PgDn reaches the end of the help" "(lines" "the end)"
check_wait small "Any other key: closes the help and does what it does" \
    "40x15 Norwood help: the end says what other keys do"
check_scroll small Up "40x15 Norwood help: the full key list names Shift-Tab, q and Ctrl-C" \
    "Shift-Tab" "q or Ctrl-C"
check_frame small 40 15 "close" "40x15 Norwood help: hints and title whole or with an ellipsis"
# Esc closes the help only: the question is still there, unanswered.
keys small Escape
check_wait small "(? shows the picture)" "40x15 Norwood help: Esc closes it"
screen_has small "> 4 ( ) III" "40x15 Norwood help: ... leaving the focus where it was"
keys small q
wait_for small "Quit?" && keys small d
run_exit small
is "$rc" 0 "40x15: q d quits, exit 0"
no_sanitizer small
done_run small

# A long message wraps onto the row above the hints instead of losing its end.
launch msg 40 15
wait_for msg "Enter: start" && keys msg Enter
wait_for msg "How old are you" && keys msg 1 3 0 Enter
check_wait msg "Please type a whole number from 0 to 120." \
    "40x15: the range message is shown whole, on two lines"
keys msg q
wait_for msg "Quit?" && keys msg d
run_exit msg
done_run msg

# The free-text field (? and q are typed there): its hints name F1 and Ctrl-C.
launch text 40 15 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --consultant
wait_for text "Enter: start" && keys text Enter
answer text "How old are you|34 Enter" "pregnant or breastfeeding|1" \
    "Which result are you hoping|1" "Why are you considering SMP|2 Enter" \
    "scalp scars|1 Enter" "Do any of these apply|1 Enter" "unwell today|2"
wait_for text "Anything else the practitioner"
check_frame text 40 15 "F1 help" "40x15 text field: the hints name F1 help, nothing cut mid-word"
screen_has text "Ctrl-C quit" "40x15 text field: the hints name Ctrl-C quit"
# Backspace in the empty field stays on it; Shift-Tab goes back.
keys text BSpace
check_wait text "Left or Shift-Tab goes back" "text field: Backspace when empty says how to go back"
screen_has text "Anything else the practitioner" "text field: ... and stays on the question"
keys text BTab
check_wait text "unwell today" "text field: Shift-Tab goes back"
keys text q
wait_for text "Quit?" && keys text d
run_exit text
no_sanitizer text
done_run text

# LANG=C: the ellipsis is ASCII.
launch smallc 40 15 LANG=C
check_wait smallc "Scalp micropigmentation (SMP)..." "40x15 LANG=C: the title ends with '...'"
check "40x15 LANG=C: no byte >= 0x80 on the screen" not has_non_ascii "$SCR"
keys smallc q
wait_for smallc "Quit?" && keys smallc y
run_exit smallc
done_run smallc

# === Item 6: keys and fields ================================================================
launch keys 80 24
wait_for keys "Enter: start" && keys keys Enter
# Backspace in an empty number field does nothing; Shift-Tab goes back.
wait_for keys "How old are you" && keys keys BSpace
check_wait keys "Left or Shift-Tab goes back" "number field: Backspace when empty says how to go back"
screen_has keys "How old are you" "number field: ... and stays on the question"
keys keys BTab
check_wait keys "Enter: start" "number field: Shift-Tab goes back (to the welcome page)"
keys keys Enter
wait_for keys "How old are you" && keys keys 4 0 Enter
# A number opened with its answer: typing replaces it.
wait_for keys "pregnant or breastfeeding" && keys keys Left
check_wait keys "> 40" "number field: back at the age, its answer is shown"
check_wait keys "type to replace" "number field: ... selected, and the page says typing replaces it"
keys keys 3 5
check_wait keys "> 35" "number field: typing 35 replaces 40 (not 4035)"
keys keys Enter
check_wait keys "pregnant or breastfeeding" "number field: 35 is taken"
keys keys Left
wait_for keys "> 35" && keys keys BSpace 9
check_wait keys "> 39" "number field: Backspace edits the selected number, then typing goes on"
keys keys Enter
# The key that closes the help acts: "1" after ? answers the question.
wait_for keys "pregnant or breastfeeding" && keys keys 1
wait_for keys "Which result are you hoping" && keys keys '?'
wait_for keys "Keys on this question" && keys keys 1
check_wait keys "natural hair colour" "help: 1 closes the help and chooses option 1"
# Enter closes it without answering.
keys keys '?'
wait_for keys "Keys on this question" && keys keys Enter
wait_gone keys "Keys on this question"
screen_has keys "natural hair colour" "help: Enter closes it and answers nothing"
answer keys "natural hair colour|2" "midday|3" "Why are you considering SMP|1 Enter"
# Options past 9 have letter keys, shown beside them; a letter picks.
wait_for keys "Which Norwood picture"
screen_has keys "   b ( ) VI - front and crown joined" "Norwood: option 11 shows its key, b"
screen_has keys "   d ( ) Not sure" "Norwood: 'not sure' (13th) shows d"
screen_has keys "1-9,a-d choose" "Norwood: the hints name the keys 1-9,a-d"
keys keys b
check_wait keys "Over the last 12 months" "Norwood: b chooses option 11 and moves on"
keys keys Left
check_wait keys "(*) VI - front and crown joined" "Norwood: ... and the answer is VI"
keys keys 9
answer keys "Over the last 12 months|2" "hair-loss treatments|2 4 Enter" "very short|1" \
    "scalp scars|1 Enter" "keloid|2" "hair transplant?|1" "already pigment|1" \
    "laser treatment|2" "Botox or filler|2" "chemical peel|1"
wait_for keys "area to be treated"
screen_has keys "   b [ ] Very dry, flaky skin" "scalp today: the 11th option shows b"
keys keys b
check_wait keys "[x] Very dry, flaky skin" "scalp today: b ticks 'Very dry, flaky skin'"
keys keys b
check_wait keys "[ ] Very dry, flaky skin" "scalp today: b again unticks it"
keys keys q
wait_for keys "Quit?" && keys keys y
run_exit keys
is "$rc" 0 "keys: q y keeps the draft, exit 0"
no_sanitizer keys
done_run keys

# After a resume, Back goes to the question before, not to the welcome page.
launch resumed 80 24 "XDG_STATE_HOME=$TMP/keys/state"
wait_for resumed "r: continue" && keys resumed r
wait_for resumed "area to be treated" && keys resumed Left
check_wait resumed "chemical peel" "resume: Left from the first unanswered question goes to the one before"
keys resumed Left
check_wait resumed "Botox or filler" "resume: Left again goes one more back"
keys resumed q
wait_for resumed "Quit?" && keys resumed y
run_exit resumed
done_run resumed
# The same with --resume FILE: the draft taken before the terminal.
cp "$(draft_of "$TMP/keys/state")" "$TMP/draft.cfg"
launch resfile 80 24 -- --resume "$TMP/draft.cfg"
wait_for resfile "area to be treated" && keys resfile BSpace
check_wait resfile "chemical peel" "--resume: Backspace on the first list goes to the question before"
keys resfile q
wait_for resfile "Quit?" && keys resfile d
run_exit resfile
no_sanitizer resfile
done_run resfile

# === Item 9: the picture follows the focus; labels use the width ===========================
launch pic 80 24
wait_for pic "Enter: start" && keys pic Enter
to_norwood pic
keys pic Down Down Down
check_wait pic "4: III - deep temple" "80x24 Norwood: the picture's caption names the focused option 4"
keys pic Down
check_wait pic "5: IIIa - front recedes" "80x24 Norwood: Down moves the picture and its caption to option 5"
wait_gone pic "4: III - deep temple"
screen_has pic "_________" "80x24 Norwood: the picture is shown beside the list"
keys pic End
wait_for pic "> d ( ) Not sure"
desc="80x24 Norwood: 'not sure' has no picture, and none is shown"
if [ "$derailed" = 0 ] && poll _off_screen pic "_________"; then ok "$desc"; else not_ok "$desc"; comment_file "$SCR" 24; fi
keys pic Home 9
answer pic "Over the last 12 months|2" "hair-loss treatments|2 4 Enter" "very short|1" \
    "scalp scars|1 Enter" "keloid|2" "hair transplant?|1"
wait_for pic "already pigment"
screen_has pic "Older SMP I am unhappy with (blue/green, big or blurred dots," \
    "80x24 no picture: a label wraps at the full width, not ~45 columns"
keys pic q
wait_for pic "Quit?" && keys pic d
run_exit pic
no_sanitizer pic
done_run pic

launch wide 132 43
wait_for wide "Enter: start" && keys wide Enter
to_norwood wide
keys wide Down Down Down
check_wait wide "4: III - deep temple" "132x43 Norwood: the caption names the focused option"
c=$(column_of wide "_________")
desc="132x43 Norwood: the picture sits beside the labels (column $c), not at the right edge"
if [ "$c" -lt 80 ]; then ok "$desc"; else not_ok "$desc"; comment_file "$SCR" 20; fi
keys wide q
wait_for wide "Quit?" && keys wide d
run_exit wide
no_sanitizer wide
done_run wide

# === The first screen has the window's size ===============================================
# TERM=screen's terminfo says 80x24; the first screen must already use the window's 100x30
# (ncurses took terminfo's size until the first resize), so the footer's first drawing goes
# to row 30, not row 24.
first_footer_row() {
	_off=$(grep -aob 'A screening aid' "$TMP/$1/raw" | head -n 1 | cut -d: -f1)
	[ -n "$_off" ] || return 1
	# The last row move before it: CUP (ESC [ row ; col H) or VPA (ESC [ row d).
	head -c "$_off" "$TMP/$1/raw" | grep -ao "$(printf '\033')\[[0-9;]*[Hd]" | tail -n 1 |
	    sed 's/^.\[\([0-9]*\).*/\1/'
}
launch size 100 30
wait_for size "Enter: start"
is "$(first_footer_row size)" 30 "first screen at 100x30: the footer is drawn on row 30 at once"
keys size q
run_exit size
done_run size

# === The help's key list for every kind of question ========================================
# Each kind of question lists its own keys in the help (? or F1), at 100x40 so that the
# list shows whole.
launch kinds 100 40 -- --questionnaire "$MINI_Q" --rules "$MINI_R" --consultant --no-save
wait_for kinds "Enter: start" && keys kinds Enter
wait_for kinds "How old are you" && keys kinds ?
check_wait kinds "erase the last digit" "help on a number question: its keys (Backspace erases a digit)"
screen_has kinds "type the number" "help on a number question: 0-9 type the number"
keys kinds Escape
wait_gone kinds "erase the last digit" && keys kinds 3 4 Enter
wait_for kinds "pregnant or breastfeeding" && keys kinds 1
wait_for kinds "Which result are you hoping" && keys kinds 1
wait_for kinds "Why are you considering SMP" && keys kinds ?
check_wait kinds "tick or untick the highlighted option" \
    "help on a multi choice: Space ticks the highlighted option"
screen_has kinds "done: go on with what is ticked" "help on a multi choice: Enter is done"
keys kinds Escape
wait_gone kinds "tick or untick the highlighted" && keys kinds 2 Enter
wait_for kinds "scalp scars you would" && keys kinds 1 Enter
wait_for kinds "Do any of these apply" && keys kinds 1 Enter
wait_for kinds "client unwell today" && keys kinds 2
wait_for kinds "Anything else the practitioner" && keys kinds F1
check_wait kinds "are typed into the answer" "help on a text question: letters, ? and q are typed"
screen_has kinds "done (empty: skip this question)" "help on an optional text: Enter on nothing skips"
keys kinds Escape
wait_gone kinds "are typed into the answer" && keys kinds Enter
wait_for kinds "Prices vary" && keys kinds ?
check_wait kinds "continue" "help on an information item: Enter continues"
keys kinds Escape
keys kinds q
run_exit kinds
done_run kinds

done_testing
