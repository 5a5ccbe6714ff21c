#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the translated full-screen wizard, plain mode's language menu and the
# kiosk's language (issue 12), driven in a private tmux server with lib.sh's helpers:
#   1. a whole consultation in Spanish (--lang es) and one in French (LANG=fr_FR.UTF-8, a
#      locale this machine need not have) at 80x24, with the keys of e2e_wizard.sh's
#      walk_plan: no English sentence on any screen (welcome, every question, help, review,
#      every page of the result, quit dialog); the result is the patient's copy that
#      `smpscreen --lang LL screen` makes of the same answers;
#   2. French at 40x15: the frame is intact, text wraps between words as the catalog has
#      it, the cursor is on the highlighted option; Spanish ¿...? questions whole at 80x24;
#   3. the welcome page's language line and page (l, a digit, Esc);
#   4. plain mode's "Language:" menu on a terminal, with and without --lang;
#   5. the kiosk: staff choose the language of the next patients; a patient's own choice
#      ends with their consultation (finished, or wiped for being idle).
#
# The translated walks cannot wait for a question's English text: after each batch of keys
# they wait until the screen has changed and settled (step), or, where a key may change
# nothing (scrolling at the end), until the program has answered a Ctrl-L sent after it
# (after). Expected texts come from the catalogs (locales/*.po), not from this file.
# Nothing here measures time; the kiosk's idle timers are waited for as states.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
tmux_setup
TODAY=2026-11-22
GOLDEN_ANSWERS=$E2E/expected/plain/typical-answers.cfg
PIN=1234

# --- the catalogs --------------------------------------------------------------------------
# po_tsv PO...: every entry of the catalogs as "context<TAB>msgid<TAB>msgstr" lines, escapes
# undone (a plural's first form stands for it; a newline in a text becomes a space).
po_tsv() {
	awk '
	function unq(s) {
		s = substr(s, 2, length(s) - 2)
		gsub(/\\\\/, "\001", s); gsub(/\\"/, "\"", s); gsub(/\\n/, " ", s)
		gsub(/\\t/, " ", s); gsub(/\001/, "\\", s)
		return s
	}
	function flush() {
		if (id != "" && str != "") printf "%s\t%s\t%s\n", c, id, str
		c = id = str = ""; cur = ""
	}
	/^msgctxt / { flush(); c = unq(substr($0, 9)); cur = "c"; next }
	/^msgid / { if (cur != "c") flush(); id = unq(substr($0, 7)); cur = "i"; next }
	/^msgid_plural / { cur = ""; next }
	/^msgstr(\[0\])? / { sub(/^msgstr(\[0\])? /, ""); str = unq($0); cur = "s"; next }
	/^"/ {
		if (cur == "c") c = c unq($0); else if (cur == "i") id = id unq($0)
		else if (cur == "s") str = str unq($0)
		next
	}
	{ cur = "" }
	END { flush() }' "$@"
}
for l in es fr; do
	po_tsv "$SMP_SRCDIR/locales/$l.po" "$SMP_SRCDIR/locales/content/$l.po" >"$TMP/$l.tsv"
done
# tr_ LL MSGID: its translation (the first entry with that msgid, whatever its context).
tr_() { awk -F '	' -v id="$2" '$2 == id { print $3; exit }' "$TMP/$1.tsv"; }
# is_msgstr LL TEXT: TEXT is one of the catalogs' translations, exactly.
is_msgstr() { cut -f 3 "$TMP/$1.tsv" | grep -qxF -- "$2"; }
# is_label LL TEXT: the same, or visibly cut: the start of one, then "…".
is_label() {
	is_msgstr "$1" "$2" && return 0
	case $2 in *…) ;; *) return 1 ;; esac
	cut -f 3 "$TMP/$1.tsv" | awk -v p="${2%…}" 'index($0, p) == 1 { f = 1; exit } END { exit !f }'
}

# --- English on a screen ---------------------------------------------------------------------
# English function words that are not Spanish or French words: one of them on a translated
# screen is a sentence left in English. ("question" is French too: Spanish screens only.)
EN_WORDS='the|you|your|and|with|what|which|have|has|this|that|please|press|answer|choose|back|quit|help|is|are|was|were|will|would|should|it|of|to|for|not|from|by|if|be|been|do|does|can|any|yes|when|how|here|there|next|key|keys|only|may'
# Names that stay as they are in every language, taken out before looking: the acronym SMP,
# the Norwood, Ludwig and Sinclair scales, key names as printed on keyboards (Esc, Ctrl-C,
# F1, PgUp) and file names. (None is one of the words above today; the list keeps them from
# failing a longer list of words. Drug names need no entry: none is such a word.)
EN_ALLOWED='\b(SMP|Norwood|Ludwig|Sinclair|Esc|PgUp|PgDn|Ctrl-[A-Z]|F[0-9]+)\b|[^ ]+\.(cfg|txt|json)\b'
# english_in LL FILE...: the lines with English, as "file:line:text".
english_in() {
	w_l=$1
	shift
	w_words=$EN_WORDS
	[ "$w_l" != es ] || w_words="$EN_WORDS|question|questions"
	for w_f in "$@"; do
		for w_ln in $(sed -E "s/$EN_ALLOWED//g" "$w_f" | grep -niwE -- "$w_words" | cut -d: -f1); do
			printf '%s:%s:%s\n' "${w_f##*/}" "$w_ln" "$(sed -n "${w_ln}p" "$w_f")"
		done
	done
}
# no_english LL DESC FILE...: a test point: none of these screens has English on it.
no_english() {
	w_l=$1 w_desc=$2
	shift 2
	if [ $# = 0 ] || [ ! -f "$1" ]; then
		not_ok "$w_desc"
		comment "(no screen was captured)"
		return
	fi
	english_in "$w_l" "$@" >"$TMP/english"
	if [ -s "$TMP/english" ]; then
		not_ok "$w_desc"
		comment "English on the screen (screen:line:text):"
		comment_file "$TMP/english" 30
	else
		ok "$w_desc ($# screens)"
	fi
}

# --- waiting without knowing the text ---------------------------------------------------------
# The screen with its attributes: a focus that moves changes it even when the text does not.
_cap_e() { tm capture-pane -p -e -t "$1" >"$2" 2>/dev/null; }
# Changed since $SCR.before and the same over two captures 0.05 s apart ($SCR left plain).
_moved() {
	_cap_e "$1" "$SCR.e1" && ! cmp -s "$SCR.e1" "$SCR.before" && sleep 0.05 &&
	    _cap_e "$1" "$SCR.e2" && cmp -s "$SCR.e1" "$SCR.e2" && cap "$1"
}
# The same over two captures 0.05 s apart, kept in $SCR.before.
_still() { _cap_e "$1" "$SCR.before" && sleep 0.05 && _cap_e "$1" "$SCR.e2" && cmp -s "$SCR.before" "$SCR.e2"; }
# step NAME KEYS...: sends KEYS and waits until the screen has changed and settled. For
# keys that must change it (an answer, opening or closing a page). The screen before is
# taken once settled: a page still being drawn must not pass for the change.
step() {
	w_s=$1
	shift
	[ "$derailed" = 0 ] || return 1
	poll _still "$w_s"
	keys "$w_s" "$@"
	poll _moved "$w_s" && return 0
	derailed=1
	comment "the screen of $w_s did not change after the keys $*:"
	comment_file "$SCR" 30
	return 1
}
# The output stream grew past SIZE bytes and the screen settled.
_grew() { [ "$(wc -c <"$TMP/$1/raw")" -gt "$2" ] && _settled "$1"; }
# after NAME KEYS...: sends KEYS then Ctrl-L, and waits until the program has repainted
# (it does that after reading the keys before it) and the screen settled. For keys that
# may change nothing, such as PgDn on a last page.
after() {
	w_s=$1
	shift
	[ "$derailed" = 0 ] || return 1
	w_sz=$(wc -c <"$TMP/$w_s/raw")
	keys "$w_s" "$@" C-l
	poll _grew "$w_s" "$w_sz" && return 0
	derailed=1
	comment "$w_s did not repaint after the keys $*:"
	comment_file "$SCR" 30
	return 1
}
# The waits of lib.sh look at the screen with runs of spaces squeezed (text wrapped
# anywhere is found): so must the texts they wait for, which the catalogs space out.
sq() { printf '%s' "$1" | tr -s ' '; }
wait_text() { wait_for "$1" "$(sq "$2")"; }
check_text() { check_wait "$1" "$(sq "$2")" "$3"; }
# Something drawn, and settled: the program's first screen, whatever its language.
_drawn() { _settled "$1" && grep -q '[^ ]' "$SCR"; }
drawn() { [ "$derailed" = 0 ] && poll _drawn "$1"; }

# save NAME LABEL: keeps the last capture as screen LABEL of run NAME (numbered in order).
save() {
	mkdir -p "$TMP/$1/screens"
	w_seq=$(($(ls "$TMP/$1/screens" | wc -l) + 1))
	cp "$SCR" "$TMP/$1/screens/$(printf %03d "$w_seq")-$2"
}
# screens NAME PATTERN: the screens saved under labels matching the glob PATTERN.
# shellcheck disable=SC2086
screens() { ls "$TMP/$1/screens"/*-$2 2>/dev/null; }
# scroll_all NAME LABEL: PgDn until the screen stops changing, saving each new screen as
# LABEL-pN (the first, LABEL-p1, is saved by the caller).
scroll_all() {
	w_pg=1
	while [ "$w_pg" -lt 40 ]; do
		_cap_e "$1" "$SCR.last"
		after "$1" NPage || return 1
		_cap_e "$1" "$SCR.e1"
		if cmp -s "$SCR.e1" "$SCR.last"; then return 0; fi
		w_pg=$((w_pg + 1))
		save "$1" "$2-p$w_pg"
	done
	comment "$1: PgDn kept changing the screen 40 times"
	return 1
}

# The keys of tests/e2e_wizard.sh's walk_plan, one line per question, in order (the same
# contract ids whatever the language): taken from that file, so that both walk the same.
walk_keys() {
	sed -n '/^walk_plan()/,/^}/p' "$SMP_SRCDIR/tests/e2e_wizard.sh" |
	    sed -n '/^[^	 ].*|/p' | cut -d'|' -f2
}
walk_keys >"$TMP/plan"
is "$(wc -l <"$TMP/plan" | tr -d ' ')" 51 "the walk: e2e_wizard.sh's walk_plan answers 51 questions"

# --- the question page, read off the screen ---------------------------------------------------
# The question's text: the lines from row 3 to the first empty one, joined.
qtext() { awk 'NR >= 3 && /^ *$/ { exit } NR >= 3 { sub(/^ /, ""); printf "%s%s", s, $0; s = " " }' "$SCR"; }
# The label of option KEY: its line after "> 1 ( ) " and the lines under it, joined. An
# option whose line is not on the screen prints nothing.
olabel() {
	awk -v k="$1" '
	f && /^         [^ ]/ { sub(/^ +/, ""); printf " %s", $0; next }
	f { exit }
	substr($0, 4, 1) == k && substr($0, 1, 3) ~ /^ [ >] $/ && substr($0, 6, 4) ~ /^[([][ x*][])] $/ {
		printf "%s", substr($0, 10); f = 1
	}' "$SCR"
}
# The option keys on the screen, in order.
okeys() { awk 'substr($0, 1, 3) ~ /^ [ >] $/ && substr($0, 6, 4) ~ /^[([][ x*][])] $/ { print substr($0, 4, 1) }' "$SCR"; }

# === 5 (started first: its timers take a minute) The kiosk, wiped for being idle =============
printf '%s\n%s\n' "$PIN" "$PIN" >"$TMP/pins"
RUN_STDIN=$TMP/pins run pin-hash
HASH_LINE=$(cat "$TMP/out")
check "kiosk: pin-hash makes the staff PIN's settings line" \
    sh -c 'grep -q "^staff_pin_hash = " "$1"' sh "$TMP/out"
# kiosk NAME: the kiosk at 80x24 on the bundled questionnaire (the one translated), with
# settings of its own and the idle time at its shortest.
kiosk() {
	{
		echo 'settings = {'
		echo "  report_dir = \"$TMP/$1/reports\";"
		echo '  kiosk_idle_seconds = 30;'
		echo "  $HASH_LINE"
		echo '};'
	} >"$TMP/$1.cfg"
	launch "$1" 80 24 -- --settings "$TMP/$1.cfg" kiosk
}
ES_TITLE=$(tr_ es "Scalp micropigmentation (SMP) consultation")
FR_TITLE=$(tr_ fr "Scalp micropigmentation (SMP) consultation")
ES_Q1=$(tr_ es "How old are you, in whole years?")
FR_Q1=$(tr_ fr "How old are you, in whole years?")
# shellcheck disable=SC2059
ES_LANGLINE=$(printf "$(tr_ es "l  Language: %s")" Español)
# staff_spanish NAME: F10, the PIN, l (English becomes Español), 1: back to the welcome
# page. With a second argument, its steps are test points (for the first kiosk only).
staff_spanish() {
	wait_text "$1" "Enter: start" && keys "$1" F10
	wait_text "$1" "Staff PIN:" && tm send-keys -t "$1" -l "$PIN" && keys "$1" Enter
	wait_text "$1" "Staff menu"
	if [ -n "${2:-}" ]; then
		screen_has "$1" "l  language for the next patients: English" \
		    "kiosk: the staff menu offers l  language for the next patients: English"
	fi
	keys "$1" l
	# shellcheck disable=SC2059
	w_line=$(printf "$(tr_ es "l  language for the next patients: %s")" Español)
	if [ -n "${2:-}" ]; then
		check_text "$1" "$w_line" "kiosk: l switches it to Español (the menu is in Spanish now: $w_line)"
	else
		wait_text "$1" "$w_line"
	fi
	keys "$1" 1
	wait_text "$1" "$ES_TITLE"
}
# french_patient NAME: on the welcome page, l, 3 (Français), Enter: the first question.
french_patient() {
	step "$1" l && step "$1" 3 && wait_text "$1" "$FR_TITLE" && step "$1" Enter &&
	    wait_text "$1" "$FR_Q1"
}
_poll_long() { poll_upto 1800 "$@"; }
# wait_long NAME TEXT: TEXT on the screen within 90 s (the kiosk's timers), not derailing.
wait_long() {
	_poll_long _on_screen "$1" "$(sq "$2")" && return 0
	comment "timed out waiting (90 s) for '$2'; the screen of $1:"
	comment_file "$SCR" 30
	return 1
}
kiosk kidle
staff_spanish kidle points
check_text kidle "$ES_LANGLINE" "kiosk: back from the menu, the welcome page is in Spanish"
french_patient kidle && keys kidle 3 4 Enter
wait_text kidle "$(tr_ fr "Are you pregnant or breastfeeding at the moment?")"
kidle_ok=$((1 - derailed))

# === 1. Whole consultations in Spanish and in French ==========================================
# consult NAME LL: from the welcome page of run NAME (launched by the caller) to the end of
# the result, every screen saved: the welcome page, each question (help at HELP_AT, every
# page of it), the review (every page) and its quit dialog, the result (every page).
HELP_AT="1 6 7"
consult() {
	drawn "$1" && save "$1" welcome
	step "$1" Enter || return 1
	w_q=0
	while read -r w_keys; do
		w_q=$((w_q + 1))
		save "$1" "q$w_q"
		case " $HELP_AT " in
		*" $w_q "*)
			step "$1" '?' && save "$1" "help$w_q-p1" && scroll_all "$1" "help$w_q" &&
			    step "$1" '?' || return 1
			;;
		esac
		# shellcheck disable=SC2086
		step "$1" $w_keys || return 1
	done <"$TMP/plan"
	save "$1" review-p1
	step "$1" q && save "$1" quit && step "$1" n || return 1
	scroll_all "$1" review || return 1
	step "$1" End Enter && save "$1" result-open || return 1
	after "$1" Home && save "$1" result-p1 && scroll_all "$1" result
}
# result_is_copy NAME LL: the result's first page (Home) shows the first 19 lines of the
# patient's copy that `smpscreen --lang LL screen` makes of the answers the walk gave.
result_is_copy() {
	"$SMPSCREEN" --lang "$2" screen --today "$TODAY" --copy patient --page-lines 0 \
	    "$GOLDEN_ANSWERS" 2>/dev/null | sed -n 1,19p >"$TMP/$1/copy"
	while [ "$(wc -l <"$TMP/$1/copy")" -lt 19 ]; do echo >>"$TMP/$1/copy"; done
	w_f=$(screens "$1" result-p1)
	sed -n 2,20p "${w_f:-/dev/null}" | sed 's/^ //' >"$TMP/$1/shown"
	same_file "$TMP/$1/copy" "$TMP/$1/shown" \
	    "$1: the result is the patient's copy of the same answers in that language (smpscreen --lang $2 screen)"
}
# consult_points NAME LL LANGUAGE: the test points of a consultation.
consult_points() {
	w_n=$1 w_l=$2
	if consult "$w_n" "$w_l"; then ok "$w_n: a whole consultation in $3, synchronised on screen changes"
	else not_ok "$w_n: a whole consultation in $3, synchronised on screen changes"; fi
	is "$(screens "$w_n" 'q[0-9]*' | wc -l | tr -d ' ')" 51 "$w_n: 51 question screens seen"
	no_english "$w_l" "$w_n: no English on the welcome page" "$(screens "$w_n" welcome)"
	# shellcheck disable=SC2046
	no_english "$w_l" "$w_n: no English on any question" $(screens "$w_n" 'q[0-9]*')
	# shellcheck disable=SC2046
	no_english "$w_l" "$w_n: no English in the help of questions $HELP_AT, every page" \
	    $(screens "$w_n" 'help*')
	# shellcheck disable=SC2046
	no_english "$w_l" "$w_n: no English on the review, every page" $(screens "$w_n" 'review-p*')
	no_english "$w_l" "$w_n: no English in the quit dialog" "$(screens "$w_n" quit)"
	# shellcheck disable=SC2046
	no_english "$w_l" "$w_n: no English on the result, every page" $(screens "$w_n" 'result-*')
	w_f=$(screens "$w_n" welcome)
	is "$(sed -n 1p "${w_f:-/dev/null}")" "$(tr_ "$w_l" "Scalp micropigmentation (SMP) consultation")" \
	    "$w_n: the welcome page's title is the $3 one"
	w_f=$(screens "$w_n" review-p1)
	is "$(sed -n 1p "${w_f:-/dev/null}")" "$(tr_ "$w_l" "Review your answers")" \
	    "$w_n: the review's heading is in $3"
	w_f=$(screens "$w_n" result-open)
	is "$(sed -n 1p "${w_f:-/dev/null}")" "$(tr_ "$w_l" "Your screening result")" \
	    "$w_n: the result's heading is in $3"
	is "$(sed -n 2p "${w_f:-/dev/null}" | sed 's/^ //')" "$(tr_ "$w_l" "Result")" \
	    "$w_n: the result opens at its $3 section heading"
	result_is_copy "$w_n" "$w_l"
	keys "$w_n" q
	run_exit "$w_n"
	# shellcheck disable=SC2154 # rc: set by run_exit
	is "$rc" 0 "$w_n: q on the result (--no-save) quits, exit 0"
	check "$w_n: nothing on stderr" test ! -s "$TMP/$w_n/err"
	no_sanitizer "$w_n"
	done_run "$w_n"
}

launch es 80 24 -- --lang es --no-save
consult_points es es Spanish
# A ¿...? question renders whole at 80x24: Q5 wraps, and its lines joined are the catalog's.
ES_Q5=$(tr_ es "After about an hour of strong midday sun with no protection, what does your skin do?")
w_f=$(screens es q5)
[ -n "$w_f" ] && cp "$w_f" "$SCR"
is "$(qtext)" "$ES_Q5" "es: Q5, a question with ¿...? that wraps at 80 columns, is shown whole"
check "es: ... over two lines, the second starting with a word, not with ¿ or ?" \
    sh -c 'test "$(sed -n 4p "$1" | cut -c2-)" != "" && ! sed -n 4p "$1" | grep -q "^ [¿?]"' sh "$SCR"

# The kiosk started first: its French patient has been idle since before the Spanish walk.
# "Are you still there?" shows from 30 s after the last key until 60 s after it: looked
# for now, as soon as may be (waiting here if need be), not at the end, which a slow
# machine could reach after the countdown is over.
w_still=$(tr_ fr "Are you still there? Press any key to continue.")
derailed=0
if [ "$kidle_ok" = 1 ] && wait_long kidle "$w_still"; then
	ok "kiosk: a French patient left alone: 'are you still there?' in French"
else
	not_ok "kiosk: a French patient left alone: 'are you still there?' in French"
fi

# French from the locale alone: LANG names a locale that is not installed here (C.UTF-8
# and POSIX usually are the only ones), and the program needs none of it.
if locale -a 2>/dev/null | grep -qi '^fr_FR'; then
	comment "fr_FR is installed on this machine: the French run does not prove that no locale is needed"
fi
launch fr 80 24 LANG=fr_FR.UTF-8 -- --no-save
consult_points fr fr French

# === 2. French at 40x15 ========================================================================
FR_DISCLAIMER_SHORT=$(tr_ fr "Screening aid: a practitioner decides.")
FR_DISCLAIMER_LONG=$(tr_ fr "A screening aid, not medical advice: a practitioner decides.")
w_hint=$(tr_ fr "Enter done  ? help  q quit")
FR_HINT_TAIL=${w_hint#*  }
# frame_ok [HINTS]: the last capture is a whole 40x15 frame: 15 rows, nothing in the last
# column, the key hints on row 14 (ending with HINTS, by default the questions' "? help
# q quit" of the catalog), the disclaimer alone on the last row.
frame_ok() {
	w_row=$(sed -n 14p "$SCR")
	[ "$(wc -l <"$SCR" | tr -d ' ')" = 15 ] && [ "$(max_width "$SCR")" -le 39 ] &&
	    case $w_row in " "*"${1:-  $FR_HINT_TAIL}") true ;; *) false ;; esac &&
	    { [ "$(sed -n 15p "$SCR")" = " $FR_DISCLAIMER_SHORT" ] ||
	        [ "$(sed -n 15p "$SCR")" = " $FR_DISCLAIMER_LONG" ]; }
}
# Every word on the screen is a word of the French catalogs (numbers, punctuation and
# pictures aside): a word split by the wrapping would leave pieces that are not.
# (A no-break space joins a word and its "?" or ":"; both sides count as spaces here.)
sed 's/\xc2\xa0/ /g' "$TMP/fr.tsv" |
    awk -F '	' '{ n = split($3, w, " "); for (i = 1; i <= n; i++) print w[i] }' |
    sed 's/^[][(){}<>.,:;!?"«»*_/|\\'"'"'-]*//; s/[][(){}<>.,:;!?"«»*_/|\\'"'"'-]*$//; s/…$//' |
    sort -u >"$TMP/fr.words"
words_off() { # FILE: words of the screen not in the catalog, one a line
	sed 's/…/ /g; s/\xc2\xa0/ /g' "$1" | tr ' ' '\n' |
	    sed 's/^[][(){}<>.,:;!?"«»*_/|\\'"'"'-]*//; s/[][(){}<>.,:;!?"«»*_/|\\'"'"'-]*$//' |
	    grep -v '^$' | grep -v '[0-9]' | sort -u | comm -23 - "$TMP/fr.words"
}
# narrow_question N: the points on the French question screen of walk step N.
narrow_question() {
	w_q=$1
	cp "$(screens narrow "q$w_q")" "$SCR" 2>/dev/null || : >"$SCR"
	if frame_ok; then ok "40x15 fr Q$w_q: the frame is whole (15 rows, hints, disclaimer last, no line in the last column)"
	else not_ok "40x15 fr Q$w_q: the frame is whole (15 rows, hints, disclaimer last, no line in the last column)"; comment_file "$SCR" 15; fi
	w_t=$(qtext)
	if is_msgstr fr "$w_t"; then ok "40x15 fr Q$w_q: the question's lines joined are the catalog's text"
	else not_ok "40x15 fr Q$w_q: the question's lines joined are the catalog's text"; comment "shown: $w_t"; fi
	words_off "$SCR" >"$TMP/off"
	is "$(tr '\n' ' ' <"$TMP/off")" "" "40x15 fr Q$w_q: every word on the screen is a catalog word (none split)"
	[ -n "$(okeys)" ] || return 0
	w_bad=
	for w_k in $(okeys); do
		w_t=$(olabel "$w_k")
		is_label fr "$w_t" || w_bad="$w_bad [$w_k: $w_t]"
	done
	# An option that does not fit above "(more below)" must not show its first lines as if
	# they were all of it: "Cheveux clairsemés partout" reads as a whole answer, and is not
	# the option ("... ou raie qui s'élargit"). Whole, or cut with a visible "…".
	is "${w_bad:-none}" none "40x15 fr Q$w_q: every option on the screen ($(okeys | tr -d '\n')) is whole as in the catalog, or visibly cut"
}
# The row (1-based) of the first highlighted line of NAME.
hl_row() { tm capture-pane -p -e -t "$1" | LC_ALL=C grep -nE "$(printf '\033')\\[([0-9]+;)*7(;[0-9]+)*m" | head -n 1 | cut -d: -f1; }
_cursor_on_focus() {
	w_r=$(hl_row "$1") && [ -n "$w_r" ] &&
	    [ "$(tm display -p -t "$1" '#{cursor_x},#{cursor_y}')" = "3,$((w_r - 1))" ] && cap "$1" &&
	    sed -n "${w_r}p" "$SCR" | grep -q '^ > '
}
cursor_on_focus() { # NAME DESC
	if [ "$derailed" = 0 ] && poll _cursor_on_focus "$1"; then ok "$2"
	else not_ok "$2"; comment "cursor at $(tm display -p -t "$1" '#{cursor_x},#{cursor_y}'), highlighted row $(hl_row "$1")"; comment_file "$SCR" 15; fi
}

launch narrow 40 15 -- --lang fr --no-save
drawn narrow && save narrow welcome
if frame_ok "$(tr_ fr "Enter: start   q: quit")"; then ok "40x15 fr welcome: the frame is whole"; else not_ok "40x15 fr welcome: the frame is whole"; comment_file "$SCR" 15; fi
step narrow Enter
w_q=0
while read -r w_keys; do
	w_q=$((w_q + 1))
	[ "$w_q" -le 12 ] || break
	save narrow "q$w_q"
	case $w_q in
	3 | 5 | 12) cursor_on_focus narrow "40x15 fr Q$w_q: the cursor is on the highlighted option" ;;
	6)
		cursor_on_focus narrow "40x15 fr Q6: the cursor is on the highlighted option"
		# Two down, onto option 3, under the list's last row: the list scrolls, and the
		# cursor follows the focus.
		step narrow Down Down
		cursor_on_focus narrow "40x15 fr Q6: Down Down: the cursor follows to the highlighted option"
		save narrow "q6-down"
		;;
	esac
	if [ "$w_q" = 12 ]; then
		step narrow '?' && save narrow help12-p1 && scroll_all narrow help12 && step narrow '?'
	fi
	# shellcheck disable=SC2086
	step narrow $w_keys
done <"$TMP/plan"
for n in 1 3 5 6 12; do narrow_question "$n"; done
cp "$(screens narrow q6-down)" "$SCR" 2>/dev/null || : >"$SCR"
check "40x15 fr Q6: after Down Down, option 3 (scrolled to) is whole: $(olabel 3)" is_msgstr fr "$(olabel 3)"
# The help of Q12 at 40x15: each page framed, its first paragraphs as in the catalog.
w_bad=
for w_f in $(screens narrow 'help12-p*'); do
	cp "$w_f" "$SCR"
	frame_ok "$(tr_ fr "Up/Down scroll  Esc or ? close")" || w_bad="$w_bad ${w_f##*-}"
done
is "${w_bad:-none}" none "40x15 fr help of Q12: every page has the whole frame ($(screens narrow 'help12-p*' | wc -l | tr -d ' ') pages)"
cp "$(screens narrow help12-p1)" "$SCR" 2>/dev/null || : >"$SCR"
w_t=$(qtext)
is "$w_t" "$(tr_ fr "Have you ever had a keloid - a thick scar that grew bigger than the wound (e.g. after a piercing or surgery)?")" \
    "40x15 fr help of Q12: the question, wrapped, joined, is the catalog's"
# (The paragraph under the question's, up to an empty line or the "(1-8 of 34" line.)
w_help=$(awk 'NR > 3 && /^$/ { n++ } /^ \([0-9]/ { exit }
    n == 1 && NR > 3 && !/^$/ { sub(/^ /, ""); printf "%s%s", s, $0; s = " " } n == 2 { exit }' "$SCR")
if is_msgstr fr "$w_help"; then ok "40x15 fr help of Q12: the help paragraph, wrapped, joined, is the catalog's"
else not_ok "40x15 fr help of Q12: the help paragraph, wrapped, joined, is the catalog's"; comment "shown: $w_help"; fi
# shellcheck disable=SC2046
cat $(screens narrow 'help12-p*') >"$TMP/narrow-help"
words_off "$TMP/narrow-help" >"$TMP/off"
is "$(tr '\n' ' ' <"$TMP/off")" "" "40x15 fr help of Q12: every word is a catalog word (none split)"
# shellcheck disable=SC2046
no_english fr "40x15 fr: no English on the screens seen" $(screens narrow '*')
# French typography puts a space before ? : ; ! : the catalogs write it as a no-break space
# (U+00A0), which draw_wrap never breaks at, so a narrow screen never starts a line with the
# mark alone (Q1's "?", the welcome page's ":").
# (Text starts in column 1, under an option in column 9, under a key of the help in 7; a
# key of the help in column 3 may well be "?".)
# shellcheck disable=SC2046
cat $(screens narrow '*') | grep -nE '^( |       |         )[?:;!]( |$)' >"$TMP/orphans"
check "40x15 fr: no line starts with a lone ? : ; or !" test ! -s "$TMP/orphans"
comment_file "$TMP/orphans" 5
done_run narrow

# === 3. The welcome page's language line and page ============================================
launch menu 80 24 -- --no-save
check_text menu "l  Language: English  -  Español  -  Français" \
    "welcome: with LANG=C.UTF-8 the l line lists English, Español, Français"
settled menu && cp "$SCR" "$TMP/menu/welcome-en"
keys menu l
check_text menu "1  English  *" "language page: l opens it; 1 English, the current one, starred"
screen_has menu "2  Español" "language page: 2 Español"
screen_has menu "3  Français" "language page: 3 Français"
check "language page: English is focused (highlighted)" highlighted menu "1  English"
keys menu Escape
if wait_screen menu "$TMP/menu/welcome-en"; then ok "language page: Esc goes back to the welcome page, unchanged"
else not_ok "language page: Esc goes back to the welcome page, unchanged"; comment_file "$SCR" 24; fi
keys menu l
wait_text menu "3  Français" && keys menu 2
check_text menu "$ES_TITLE" "language page: 2 shows the welcome page again, in Spanish"
screen_has menu "$ES_LANGLINE  -  English  -  Français" "welcome: its l line is Spanish now: $ES_LANGLINE ..."
screen_has menu "$(tr_ es "Enter: start   q: quit")" "welcome: its keys are Spanish too"
settled menu && cp "$SCR" "$TMP/menu/welcome-es"
no_english es "welcome: no English on the Spanish welcome page" "$TMP/menu/welcome-es"
keys menu l
check_text menu "2  Español  *" "language page: l again: Español is starred"
is "$(line 1)" "$(tr_ es "Language")" "language page: ... and its title is Spanish now"
keys menu Escape
if wait_screen menu "$TMP/menu/welcome-es"; then ok "language page: Esc goes back, Spanish unchanged"
else not_ok "language page: Esc goes back, Spanish unchanged"; comment_file "$SCR" 24; fi
keys menu Enter
check_text menu "$ES_Q1" "welcome: Enter starts in Spanish: $ES_Q1"
settled menu && no_english es "welcome: no English on the Spanish first question" "$SCR"
step menu q && keys menu y
run_exit menu
is "$rc" 0 "language page run: q y quits, exit 0"
no_sanitizer menu
done_run menu

# === 4. Plain mode's language menu on a terminal ================================================
launch plainfr 80 24 -- --plain --no-save
check_text plainfr "Type a number, or press Enter for English." "plain: the language menu is offered on a terminal"
check "plain: 'Language:' is its first line, before the title" test "$(line 1)" = "Language:"
check "plain: ... with 1. English *, 2. Español, 3. Français" sh -c '
    sed -n 2,4p "$1" | tr "\n" "|" | grep -qx "   1\\. English  \\*|   2\\. Español|   3\\. Français|"' sh "$SCR"
keys plainfr 3 Enter
check_text plainfr "$FR_TITLE" "plain: 3 Enter: the title is French"
check_text plainfr "Q1.  $FR_Q1" "plain: ... and Q1 is French"
cap plainfr && sed -n '/^3$/,$p' "$SCR" >"$TMP/plainfr/after"
no_english fr "plain: no English after choosing Français" "$TMP/plainfr/after"
no_sanitizer plainfr
done_run plainfr

# With --lang es the menu is still offered (the option chose the starting language; whoever
# sits at the terminal may read another), in Spanish, Español starred; Enter keeps it.
launch plaines 80 24 -- --plain --no-save --lang es
# shellcheck disable=SC2059
check_text plaines "$(printf "$(tr_ es "Type a number, or press Enter for %s. " | sed "s/ $//")" Español)" \
    "plain --lang es: the menu is offered, in Spanish, Enter meaning Español"
check "plain --lang es: its first line is the Spanish 'Language:'" test "$(line 1)" = "$(tr_ es "Language:")"
check "plain --lang es: Español is starred" grep -qx '   2\. Español  \*' "$SCR"
keys plaines Enter
check_text plaines "$ES_TITLE" "plain --lang es: Enter keeps Spanish: the title"
check_text plaines "Q1.  $ES_Q1" "plain --lang es: ... and Q1"
no_sanitizer plaines
done_run plaines

# === 5. The kiosk: a French patient who finishes ==============================================
kiosk kfin
staff_spanish kfin
french_patient kfin && save kfin q1
w_q=0
while read -r w_keys; do
	w_q=$((w_q + 1))
	[ "$w_q" = 1 ] || save kfin "q$w_q"
	# shellcheck disable=SC2086
	step kfin $w_keys || break
done <"$TMP/plan"
check_text kfin "$(tr_ fr "Review your answers")" "kiosk: the French patient answers every question, to the French review"
step kfin End Enter
check_text kfin "$(tr_ fr "Saved for the clinic.")" "kiosk: the French result is saved for the clinic"
settled kfin && save kfin result
# shellcheck disable=SC2046
no_english fr "kiosk: no English on the French patient's screens" $(screens kfin '*')
R=$(ls "$TMP/kfin/reports"/smpscreen-*-report.txt 2>/dev/null | head -n 1)
# shellcheck disable=SC2059
check "kiosk: the saved report is in French (Langue : Français (fr))" \
    grep -qxF "$(printf "$(tr_ fr "Language: %s (%s)")" Français fr)" "${R:-/nonexistent}"
keys kfin Enter
check_text kfin "$(tr_ fr "Thank you. Your answers are saved for the clinic.")" "kiosk: Enter: the thank-you page, in French"
keys kfin Space
check_text kfin "$ES_TITLE" "kiosk: the next patient's welcome page is Spanish (staff's choice), not French"
settled kfin
screen_has kfin "$ES_LANGLINE" "kiosk: ... its l line too"
check "kiosk: ... no French title" not on_screen "$FR_TITLE"
keys kfin Enter
check_text kfin "$ES_Q1" "kiosk: the next patient starts in Spanish"
keys kfin F10
wait_text kfin "$(tr_ es "Staff PIN:")" && tm send-keys -t kfin -l "$PIN" && keys kfin Enter
# shellcheck disable=SC2059
check_text kfin "$(printf "$(tr_ es "l  language for the next patients: %s")" Español)" \
    "kiosk: the staff menu still says Español for the next patients"
keys kfin x
run_exit kfin
is "$rc" 0 "kiosk: x in the staff menu ends it, exit 0"
no_sanitizer kfin
done_run kfin

# === 5. (end) The kiosk whose French patient was wiped for being idle ===========================
derailed=0
if [ "$kidle_ok" = 1 ] && wait_long kidle "$ES_LANGLINE"; then
	ok "kiosk: once the answers are wiped, the welcome page is Spanish (staff's choice), not French"
	settled kidle
	check "kiosk: ... its title too" on_screen "$ES_TITLE"
	check "kiosk: ... nothing French on it" not on_screen "$FR_TITLE"
else
	not_ok "kiosk: once the answers are wiped, the welcome page is Spanish (staff's choice), not French"
	not_ok "kiosk: ... its title too"
	not_ok "kiosk: ... nothing French on it"
fi
check "kiosk: the wiped patient left no file" test -z "$(files_in "$TMP/kidle/reports")"
no_sanitizer kidle
done_run kidle

done_testing
