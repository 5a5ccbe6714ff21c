#!/bin/sh
# SPDX-License-Identifier: ISC
# The bash completion (data/bash-completion/smpscreen.in, as make writes it beside the
# program): what it offers for commands, options and their arguments, and that it knows
# every long option of src/main.c, so that a new option without completion fails here.
# Also the manual pages make writes: every @name@ filled in.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

BUILD=$(dirname -- "$SMPSCREEN")
COMPLETION=$BUILD/data/bash-completion/smpscreen
if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not installed"
	exit 0
fi
if [ ! -f "$COMPLETION" ]; then
	echo "Bail out! $COMPLETION is missing: make writes it"
	exit 99
fi

# complete WORD... : what the completion offers when the last WORD is being typed (the first
# is the command's name), one a line, sorted. Runs in a clean bash in a folder of files.
complete_words() {
	(cd "$TMP/files" && bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_smpscreen "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		if [ "${#COMPREPLY[@]}" -gt 0 ]; then printf "%s\n" "${COMPREPLY[@]}"; fi
	' sh "$COMPLETION" "$@" 2>"$TMP/complete.err" | LC_ALL=C sort | paste -sd' ' -)
}
# offers DESC EXPECTED WORD...: the completion of WORD... is exactly EXPECTED.
offers() {
	_d=$1
	_e=$2
	shift 2
	is "$(complete_words "$@")" "$_e" "$_d"
}

mkdir -p "$TMP/files/answers" "$TMP/files/reports"
: >"$TMP/files/a.cfg"
: >"$TMP/files/b.cfg"
: >"$TMP/files/notes.txt"
: >"$TMP/files/answers/c.cfg"

# --- the script itself ------------------------------------------------------------------
check "the completion is valid bash" bash -n "$COMPLETION"
check "make filled in every @name@ of the completion" not grep -q '@[A-Za-z_]*@' "$COMPLETION"
complete_words smpscreen '' >/dev/null
check "sourcing it and completing says nothing on stderr" test ! -s "$TMP/complete.err"
check "it registers itself for smpscreen" \
    bash --norc --noprofile -c '. "$1" && complete -p smpscreen | grep -q _smpscreen' sh \
    "$COMPLETION"

# --- commands and options ---------------------------------------------------------------
offers "the commands" "check kiosk pin-hash questions rescreen review screen" smpscreen ''
offers "a command from its start" "screen" smpscreen sc
offers "rescreen and review from their start" "rescreen review" smpscreen re
offers "options from their start" "--output --output-dir" smpscreen --outp
offers "after --plain, only review (line by line)" "review" smpscreen --plain ''
offers "no command after --resume" "" smpscreen --resume x.cfg ''
offers "the options after review" \
    "--ascii --consultant-name --help --lang --plain --questionnaire --rules --settings --today --version" \
    smpscreen review -
offers "nothing to offer for --consultant-name" "" smpscreen review --consultant-name ''
offers "review: *.cfg files and folders after --consultant-name NAME" "a.cfg answers b.cfg reports" \
    smpscreen review --consultant-name Ana ''
offers "the options after screen" \
    "--ascii --copy --format --help --lang --output --page-lines --questionnaire --rules --settings --today --version -o" \
    smpscreen screen -
offers "screen has no --plain" "" smpscreen screen --pl
offers "the options after rescreen" \
    "--ascii --format --help --lang --questionnaire --rules --settings --today --version" \
    smpscreen rescreen -
offers "the options after questions" \
    "--format --help --lang --questionnaire --rules --settings --version" smpscreen questions -
offers "the command is found after options with arguments" \
    "--today" smpscreen --rules x.cfg --format json screen --tod

# --- option arguments -------------------------------------------------------------------
offers "--format: the report formats" "csv fhir json jsonl text" smpscreen screen --format ''
offers "--format: from their start" "json jsonl" smpscreen screen --format j
offers "--format of questions: text and fhir" "fhir text" smpscreen questions --format ''
offers "--format of rescreen: text, json and csv" "csv json text" smpscreen rescreen --format ''
offers "--format=: split at '='" "json jsonl" smpscreen screen --format = j
offers "--format=j: as one word" "--format=json --format=jsonl" smpscreen screen --format=j
offers "--copy: clinic and patient" "clinic patient" smpscreen screen --copy ''
offers "--today: nothing to offer" "" smpscreen screen --today ''
offers "--page-lines: nothing to offer" "" smpscreen screen --page-lines ''
offers "--lang: English at least" "en" smpscreen --lang ''
offers "--rules: *.cfg files and folders" "a.cfg answers b.cfg reports" smpscreen --rules ''
offers "--settings: *.cfg files from their start" "a.cfg answers" smpscreen --settings a
offers "--resume: *.cfg files" "a.cfg answers b.cfg reports" smpscreen --resume ''
offers "-o: any file" "a.cfg answers b.cfg notes.txt reports" smpscreen screen -o ''
offers "--output-dir: folders only" "answers reports" smpscreen --output-dir ''

# --- file arguments ---------------------------------------------------------------------
offers "screen: *.cfg files and folders" "a.cfg answers b.cfg reports" smpscreen screen ''
offers "screen: inside a folder" "answers/c.cfg" smpscreen screen answers/
offers "screen: after another file" "a.cfg answers b.cfg reports" smpscreen screen a.cfg ''
offers "screen: files after --" "a.cfg answers b.cfg reports" smpscreen screen -- ''
offers "check: *.cfg files and folders" "a.cfg answers b.cfg reports" smpscreen check ''
offers "rescreen: *.cfg files and folders" "a.cfg answers b.cfg reports" \
    smpscreen rescreen --settings a.cfg ''
offers "questions takes no file" "" smpscreen questions ''
offers "pin-hash takes no file" "" smpscreen pin-hash ''

# --- every long option of src/main.c ----------------------------------------------------
# The table long_options[] of main.c, one { "name", ... } a line.
sed -n '/^static const struct option long_options\[\]/,/^};/p' "$SMP_SRCDIR/src/main.c" |
    sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*/\1/p' >"$TMP/long-options"
n=$(wc -l <"$TMP/long-options" | tr -d ' ')
check "main.c's table of long options is found ($n options)" test "$n" -ge 10
missing=
while read -r opt; do
	# Offered when its first letters are typed, before any command.
	case " $(complete_words smpscreen "--$opt") " in
	*" --$opt "*) ;;
	*) missing="$missing --$opt" ;;
	esac
done <"$TMP/long-options"
is "$missing" "" "every long option of src/main.c is completed"

# --- the manual pages make wrote --------------------------------------------------------
for page in man/smpscreen.1 man/smpscreen-files.5; do
	if [ -f "$BUILD/$page" ]; then
		check "$page: make filled in every @name@" not grep -q '@[A-Za-z_]*@' "$BUILD/$page"
	else
		not_ok "$page: make wrote it into the build tree"
	fi
done
# The paths are the build's (configure --prefix, --sysconfdir), as --help says.
sysconf=$("$SMPSCREEN" --help | sed -n 's|^  \(/.*\)/smpscreen/settings.cfg$|\1|p')
check "man/smpscreen.1 names the settings file of --help ($sysconf)" \
    grep -qF "$sysconf/smpscreen/settings.cfg" "$BUILD/man/smpscreen.1"
check "man/smpscreen-files.5 names it too" \
    grep -qF "$sysconf/smpscreen/settings.cfg" "$BUILD/man/smpscreen-files.5"

done_testing
