#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the translations (Spanish and French, doc/translations.md):
#   1. golden reports in each language (clinic text, the patient's copy, --ascii, JSON) of
#      answer files that fire reasons, notes, a referral and a come-back condition, with
#      their properties: 72 columns, the language line, no English left, JSON ids unchanged;
#   2. how a run's language is chosen: --lang, the clinic's `language`, the environment;
#   3. `check` on the translations: the shipped ones, a clinic's own (partial, damaged), and
#      a gap in a shipped catalog;
#   4. the catalogs' hygiene, so that a message added without its translation fails here:
#      msgfmt, the templates up to date with the sources, the catalogs with their templates;
#   5. a plain make leaves the committed catalogs alone (only `make update-po` writes them).
#
# Goldens: tests/data/e2e/expected/lang/LL-NAME.{txt,patient.txt,ascii.txt,json}; rewrite them
# with SMP_UPDATE_GOLDEN=1 after a deliberate change, and review the diff (a translator's
# change shows there word for word).

. "$(dirname -- "$0")/lib.sh"
# French typography's space before ":" is a no-break space in the catalogs.
NBSP=$(printf '\302\240')
e2e_setup

# Paths in reports are relative to tests/data/e2e, as in e2e_screen.sh, so goldens hold no
# absolute paths. Nothing is written here: outputs go to $TMP.
cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }

TODAY=2027-01-31
EXP=expected/lang
SCHEMA=$SMP_SRCDIR/doc/report.schema.json
BUILD=$(dirname -- "$SMPSCREEN")
# Reasons and notes (02), a referral (03), a come-back condition (05).
CASES="02-caveats 03-refer 05-defer-condition"
# English words that no Spanish or French sentence holds: one of them in a translated report
# is an English sentence that escaped translation.
ENGLISH_WORDS="the your you with which and this that have are for when"
ENGLISH_RE="(^|[[:space:]])($(echo "$ENGLISH_WORDS" | tr ' ' '|'))([[:space:],.;:?!]|\$)"

# run_env VAR=VALUE... PROGRAM ARGS...: like run, through env(1), so that the variables are
# the program's only, whatever the shell does with assignments before a function.
run_env() {
	env "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# The report's language line ("Language: ...", "Idioma: ...", "Langue : ...").
lang_line() { grep -E "^(Language|Idioma|Langue)( |${NBSP})?:" "${1:-$TMP/out}" | head -n 1; }

# A report as one line: text wrapped anywhere is still found by grep -F.
joined() { tr -s '\n ' '  ' <"$1"; }
has_text() { joined "$2" | grep -qF -- "$1"; }

# english_left FILE: the lines of FILE with an English word, ids, settings and paths left
# out (rule ids in brackets, "name = value" settings, the answers file, hashes).
english_left() {
	sed -e '/^\* \[[A-Z]*\] [a-z0-9-]*$/d' -e '/^[a-z_0-9]* = /d' -e '/answers\//d' \
	    -e '/sha256/d' "$1" | grep -inE "$ENGLISH_RE"
}
no_english() { # FILE DESC
	if english_left "$1" >"$TMP/.en"; then
		not_ok "$2"
		comment_file "$TMP/.en" 10
	else
		ok "$2"
	fi
}

# english_lines EN FILE: lines of four words or more of the English report EN found as they
# are in FILE (hashes left out).
english_lines() { awk 'NF >= 4' "$1" | grep -v sha256 | grep -Fxf - "$2"; }
no_english_lines() { # EN FILE DESC
	if english_lines "$1" "$2" >"$TMP/.enl"; then
		not_ok "$3"
		comment_file "$TMP/.enl" 10
	else
		ok "$3"
	fi
}

width_ok() { # DESC FILE...
	_desc=$1
	shift
	cat "$@" >"$TMP/.all"
	_w=$(max_width "$TMP/.all")
	if [ "$_w" -le 72 ]; then
		ok "$_desc"
	else
		not_ok "$_desc (widest: $_w)"
		cat "$@" | tr -d '\f' | LC_ALL=C.UTF-8 grep -E '^.{73,}' | sort -u >"$TMP/.wide"
		comment_file "$TMP/.wide" 10
	fi
}

# --- the Python checks of the JSON reports ----------------------------------------------
cat >"$TMP/check.py" <<'EOF'
import json, re, sys

def fail(msg):
    print(msg)
    sys.exit(1)

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "schema":
    # schema SCHEMA FILE...: every file is valid (python3-jsonschema, as e2e_export.sh).
    import jsonschema
    schema = load(args[0])
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema)
    for p in args[1:]:
        errors = sorted(v.iter_errors(load(p)), key=lambda e: list(e.absolute_path))
        if errors:
            fail("%s: %s at %s" % (p, errors[0].message, list(errors[0].absolute_path)))
elif cmd == "contract":
    # contract LL JSON ENGLISH-JSON: every field but language and texts is the English
    # report's (ids, levels, answers: the contract never changes with the language).
    d, e = load(args[1]), load(args[2])
    if d.get("language") != args[0] or e.get("language") != "en":
        fail("language: %r (English: %r)" % (d.get("language"), e.get("language")))
    for k in sorted(set(d) | set(e)):
        if k not in ("language", "texts") and d.get(k) != e.get(k):
            fail("%s: %r, in English %r" % (k, d.get(k), e.get(k)))
elif cmd == "texts":
    # texts JSON ENGLISH-JSON TEXT-REPORT WORDS: texts.* name the same ids as the report,
    # in the same order, and every sentence differs from the English one and holds none of
    # WORDS; the text report shows the same result.
    d, e = load(args[0]), load(args[1])
    t, te = d["texts"], e["texts"]
    words = re.compile(r"(?i)(^|\s)(%s)(?=[\s,.;:?!]|$)" % "|".join(args[3].split()))
    said = []
    def same_ids(key, idk, want):
        got = [x[idk] for x in t[key]]
        if got != want or got != [x[idk] for x in te[key]]:
            fail("texts.%s: %r, expected %r" % (key, got, want))
        for x, y in zip(t[key], te[key]):
            if x["text"] == y["text"]:
                fail("texts.%s %s is the English %r" % (key, x[idk], y["text"]))
            said.append(x["text"])
    same_ids("notes", "id", d["notes"])
    same_ids("refer_to", "id", d["refer_to"])
    same_ids("reasons", "rule", d["fired"])
    same_ids("defer_conditions", "rule", [c["rule"] for c in d["defer_conditions"]])
    if sorted(t["answers"]) != sorted(d["answers"]):
        fail("texts.answers: not the answered questions")
    for q, a in t["answers"].items():
        if a["question"] == te["answers"][q]["question"]:
            fail("texts.answers.%s: the English question %r" % (q, a["question"]))
        said += [a["question"], a["answer"]]
    for k in ("suitability", "patch_test"):
        if t[k] == te[k]:
            fail("texts.%s is the English %r" % (k, t[k]))
        said.append(t[k])
    if t["shown_in_english"] != []:
        fail("shown_in_english: %r" % t["shown_in_english"])
    for s in said:
        if words.search(s):
            fail("an English word in %r" % s)
    with open(args[2], encoding="utf-8") as f:
        report = f.read()
    if "%s (%s)" % (t["suitability"], d["suitability"]) not in report:
        fail("the text report does not show %r (%s)" % (t["suitability"], d["suitability"]))
elif cmd == "expr":
    # expr FILE PYTHON: the expression is true of the parsed JSON d.
    d = load(args[0])
    if not eval(args[1]):
        fail("false: " + args[1])
else:
    fail("no such check: " + cmd)
EOF

if have_python && python3 -c 'import jsonschema' 2>/dev/null; then have_schema=1; else have_schema=0; fi
py_ok() { # DESC SUBCOMMAND ARGS...
	_desc=$1
	shift
	if ! have_python; then
		skip "$_desc" "python3 is not installed"
		return
	fi
	if [ "$1" = schema ] && [ "$have_schema" = 0 ]; then
		skip "$_desc" "python3-jsonschema is not installed"
		return
	fi
	if python3 "$TMP/check.py" "$@" >"$TMP/.py" 2>&1; then
		ok "$_desc"
	else
		not_ok "$_desc"
		comment_file "$TMP/.py" 20
	fi
}

# --- 1. golden reports in each language --------------------------------------------------
# The English reports, to compare with.
for c in $CASES; do
	for k in clinic patient; do
		run screen --copy "$k" --today "$TODAY" "answers/$c.cfg"
		cp "$TMP/out" "$TMP/en-$c.$k.txt"
	done
	run screen --format json --today "$TODAY" "answers/$c.cfg"
	cp "$TMP/out" "$TMP/en-$c.json"
done

for lang in es fr; do
	case $lang in
	es) LINE='Idioma: Español (es)' ALINE='Idioma: Espanol (es)' ;;
	fr) LINE="Langue${NBSP}: Français (fr)" ALINE='Langue : Francais (fr)' ;;
	esac
	for c in $CASES; do
		n=$lang-$c
		f=answers/$c.cfg
		run_status 0 "$n: screen --lang $lang exits 0" screen --lang "$lang" --today "$TODAY" "$f"
		cp "$TMP/out" "$TMP/$n.txt"
		cp "$TMP/err" "$TMP/$n.err"
		run screen --lang "$lang" --copy patient --today "$TODAY" "$f"
		cp "$TMP/out" "$TMP/$n.patient.txt"
		cat "$TMP/err" >>"$TMP/$n.err"
		run screen --lang "$lang" --ascii --today "$TODAY" "$f"
		cp "$TMP/out" "$TMP/$n.ascii.txt"
		cat "$TMP/err" >>"$TMP/$n.err"
		run screen --lang "$lang" --format json --today "$TODAY" "$f"
		cp "$TMP/out" "$TMP/$n.json"
		cat "$TMP/err" >>"$TMP/$n.err"
		check "$n: nothing on stderr in the four runs" test ! -s "$TMP/$n.err"

		golden "$TMP/$n.txt" "$EXP/$n.txt" "$n: the clinic's report matches the golden file"
		golden "$TMP/$n.patient.txt" "$EXP/$n.patient.txt" \
		    "$n: the patient's copy matches the golden file"
		golden "$TMP/$n.ascii.txt" "$EXP/$n.ascii.txt" "$n: --ascii matches the golden file"
		golden "$TMP/$n.json" "$EXP/$n.json" "$n: JSON matches the golden file"

		is "$(lang_line "$TMP/$n.txt")" "$LINE" "$n: the clinic's report says '$LINE'"
		is "$(lang_line "$TMP/$n.patient.txt")" "$LINE" "$n: the patient's copy says '$LINE'"
		is "$(lang_line "$TMP/$n.ascii.txt")" "$ALINE" "$n: --ascii says '$ALINE'"
		check "$n: --ascii has only bytes below 0x80 (accents transliterated)" \
		    is_ascii "$TMP/$n.ascii.txt"
		no_english "$TMP/$n.txt" "$n: no English word in the clinic's report"
		no_english "$TMP/$n.patient.txt" "$n: no English word in the patient's copy"
		no_english "$TMP/$n.ascii.txt" "$n: no English word in the --ascii report"
		no_english_lines "$TMP/en-$c.clinic.txt" "$TMP/$n.txt" \
		    "$n: no line of the English clinic's report is left as it is"
		no_english_lines "$TMP/en-$c.patient.txt" "$TMP/$n.patient.txt" \
		    "$n: no line of the English patient's copy is left as it is"
		py_ok "$n: JSON keeps every id and value of the English report, language '$lang'" \
		    contract "$lang" "$TMP/$n.json" "$TMP/en-$c.json"
		py_ok "$n: JSON texts.* are translated, for the same ids, as the text report" \
		    texts "$TMP/$n.json" "$TMP/en-$c.json" "$TMP/$n.txt" "$ENGLISH_WORDS"
		py_ok "$n: JSON is valid by doc/report.schema.json" schema "$SCHEMA" "$TMP/$n.json"
	done
	for k in txt patient.txt ascii.txt; do
		case $k in
		txt) what="the clinic's reports" ;;
		patient.txt) what="the patient's copies" ;;
		ascii.txt) what="the --ascii reports" ;;
		esac
		# shellcheck disable=SC2046
		width_ok "$lang: every line of $what fits in 72 columns" \
		    $(for c in $CASES; do echo "$TMP/$lang-$c.$k"; done)
	done
done
# What the goldens must show, independent of them (a careless update could bless anything).
check "es: the suitability in words, with its contract id" \
    grep -qx 'Resultado: Apto, con puntos a comentar (caveats)' "$TMP/es-02-caveats.txt"
check "fr: the come-back condition in French" \
    grep -qx "Revenez${NBSP}: quand la grossesse et l'allaitement seront tous deux terminés" \
    "$TMP/fr-05-defer-condition.txt"
check "es: whom to refer to, in Spanish" has_text 'Hematólogo (especialista en la sangre)' \
    "$TMP/es-03-refer.txt"
py_ok "es: JSON keeps 'caveats' and says it in Spanish" expr "$TMP/es-02-caveats.json" \
    "d['suitability'] == 'caveats' and d['language'] == 'es' and d['texts']['suitability'] == 'Apto, con puntos a comentar'"

# --- 2. choosing the language --------------------------------------------------------------
# Each run screens 02-caveats; its report is compared with the goldens of section 1.
F=answers/02-caveats.cfg
mkdir -p "$TMP/fr-clinic"
printf 'settings = { language = "fr"; };\n' >"$TMP/fr-clinic/settings.cfg"
FRSET=$TMP/fr-clinic/settings.cfg
# (A report under clinic settings names the settings file: not the goldens' report.)
run --settings "$FRSET" screen --today "$TODAY" "$F"
is "$(lang_line)" "Langue${NBSP}: Français (fr)" "the clinic's language = \"fr\" gives a French report"
check "the clinic's language = \"fr\": the French result" \
    grep -qx "Résultat${NBSP}: Adapté, avec des points à discuter (caveats)" "$TMP/out"
run --settings "$FRSET" --lang es screen --today "$TODAY" "$F"
is "$(lang_line)" 'Idioma: Español (es)' "--lang es beats the clinic's language"
run_env LANG=es_ES.UTF-8 "$SMPSCREEN" --settings "$FRSET" screen --today "$TODAY" "$F"
is "$(lang_line)" "Langue${NBSP}: Français (fr)" "the clinic's language beats LANG"
run_env LANGUAGE=de:fr "$SMPSCREEN" screen --today "$TODAY" "$F"
is "$(lang_line)" "Langue${NBSP}: Français (fr)" "LANGUAGE=de:fr: no German, so French"
check "LANGUAGE=de:fr: a preference list, so nothing said about de" test ! -s "$TMP/err"
run_env LANGUAGE=fr LANG=es_ES.UTF-8 "$SMPSCREEN" screen --today "$TODAY" "$F"
is "$(lang_line)" "Langue${NBSP}: Français (fr)" "LANGUAGE beats LANG"

# es_ES.UTF-8 is NOT installed on the machine this test was written on (`locale -a` lists
# C, C.utf8 and POSIX only): setlocale() fails for it, yet the report must be Spanish with
# its accents, since the program reads its own catalogs and writes UTF-8 itself.
if locale -a 2>/dev/null | grep -qix 'es_ES\.utf-\{0,1\}8'; then
	comment "es_ES.UTF-8 is installed here: the next points do not test a missing locale"
else
	comment "es_ES.UTF-8 is not installed here (locale -a), as intended"
fi
run_env LANG=es_ES.UTF-8 "$SMPSCREEN" screen --today "$TODAY" "$F"
same_file "$TMP/es-02-caveats.txt" "$TMP/out" "LANG=es_ES.UTF-8: the Spanish report, accents intact"
check "LANG=es_ES.UTF-8: nothing on stderr" test ! -s "$TMP/err"
run_env LANG=C "$SMPSCREEN" --lang es screen --today "$TODAY" "$F"
same_file "$TMP/es-02-caveats.txt" "$TMP/out" "LANG=C --lang es: the same Spanish report"

run_status 0 "--lang de: exit 0" --lang de screen --today "$TODAY" "$F"
same_file "$TMP/en-02-caveats.clinic.txt" "$TMP/out" "--lang de: the English report"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "--lang de: one line on stderr"
check "--lang de: it names 'de' and the languages there are" \
    grep -q "'de'.*en, es, fr" "$TMP/err"
comment_file "$TMP/err" 2
run --lang=fr screen --today "$TODAY" "$F"
same_file "$TMP/fr-02-caveats.txt" "$TMP/out" "--lang=fr gives the French report"
run --la fr screen --today "$TODAY" "$F"
same_file "$TMP/fr-02-caveats.txt" "$TMP/out" "--la fr (an abbreviation) gives the French report"
# Messages written while the options are read are in the language chosen too, whichever
# spelling of --lang getopt accepted.
run --lang fr --page-lines 5 screen "$F"
cp "$TMP/err" "$TMP/lang-fr.err"
run --la fr --page-lines 5 screen "$F"
same_file "$TMP/lang-fr.err" "$TMP/err" "--la fr: an error in the options in French, as with --lang fr"

run questions
grep '^    text: ' "$TMP/out" | sort >"$TMP/en.qtext"
run_status 0 "questions --lang es: exit 0" questions --lang es
check "questions --lang es: the Spanish question texts" \
    grep -qxF '    text: ¿Cuántos años tiene (en años cumplidos)?' "$TMP/out"
grep '^    text: ' "$TMP/out" | sort >"$TMP/es.qtext"
is "$(comm -12 "$TMP/en.qtext" "$TMP/es.qtext" | wc -l | tr -d ' ')/$(wc -l <"$TMP/es.qtext" | tr -d ' ')" \
    "0/$(wc -l <"$TMP/en.qtext" | tr -d ' ')" "questions --lang es: every question text, none in English"

# --- 3. check ------------------------------------------------------------------------------
# complete LL NAME: check's line for LL says its texts and messages are all translated.
complete() {
	grep -qE "^translation $1 \($2, shipped\): questionnaire and rules ([0-9]+) of \1 texts, program messages ([0-9]+) of \2\$" "$TMP/out"
}
run_status 0 "check, bundled content: exit 0" check
check "check: es (Español, shipped), N of N texts, M of M messages" complete es Español
check "check: fr (Français, shipped), N of N texts, M of M messages" complete fr Français
grep '^translation ' "$TMP/out" | sed 's/^/# /'
N=$(sed -n 's/^translation es .*questionnaire and rules \([0-9]*\) of .*/\1/p' "$TMP/out")
M=$(sed -n 's/^translation es .*program messages \([0-9]*\) of .*/\1/p' "$TMP/out")
is "$(sed -n 's/^translation fr .*questionnaire and rules \([0-9]*\) of .*/\1/p' "$TMP/out")/$(sed -n 's/^translation fr .*program messages \([0-9]*\) of .*/\1/p' "$TMP/out")" \
    "$N/$M" "check: es and fr count the same texts and messages"
check "check: nothing on stderr" test ! -s "$TMP/err"
: "${N:=0}" "${M:=0}"
if command -v msgfmt >/dev/null 2>&1; then
	_pot=$(LC_ALL=C msgfmt --statistics -o /dev/null "$SMP_SRCDIR/locales/smpscreen.pot" 2>&1 |
	    sed -n 's/.* \([0-9]*\) untranslated message.*/\1/p')
	is "$M" "$_pot" "check: the program messages are those of locales/smpscreen.pot"
else
	skip "check: the program messages are those of locales/smpscreen.pot" "no msgfmt"
fi

# A clinic's own language: German, made from the Spanish catalog with three texts taken out
# (the pregnancy question's text, the pregnancy rule's come-back condition, the MRI note), so
# that those three items show in English, whole. Beside the settings, where the program
# looks for a clinic's catalogs.
# Plain mode's "current answer" line, in the language of the rest.
printf '34\n<\nq\ny\n' >"$TMP/plain.in"
RUN_STDIN=$TMP/plain.in run --lang es --plain --no-save
check "plain --lang es: the current answer with its unit in Spanish" \
    grep -q 'Respuesta actual: 34 años' "$TMP/out"
check "plain --lang es: no English unit" not grep -q '34 years' "$TMP/out"

# A question that leaves its "not sure" label to the default gets it in English with the
# rest of the file, so it falls back whole: never "No lo sé" under an English question.
QDEF=$TMP/default-unknown.cfg
sed '/id = "keloid_history"/,/unknown_label/s/ unknown_label = "[^"]*";//' \
    "$SMP_SRCDIR/questionnaires/smp-consultation.cfg" >"$QDEF"
sed 's/keloid_history = "no";/keloid_history = "unknown";/' answers/02-caveats.cfg \
    >"$TMP/default-unknown-answers.cfg"
run --questionnaire "$QDEF" --lang es screen --today "$TODAY" "$TMP/default-unknown-answers.cfg"
is "$rc" 0 "a default 'not sure' label: the answers screen (exit 0)"
check "a default 'not sure' label: the keloid question whole in Spanish, its answer too" \
    sh -c 'grep -A2 "^ *[0-9]*\. ¿Ha tenido alguna vez un queloide" "$1" | grep -q -- "-> No estoy seguro/a"' sh "$TMP/out"
check "a default 'not sure' label: never the program's 'No lo sé' under an English question" \
    not grep -q 'No lo sé' "$TMP/out"
comment_file "$TMP/err" 3

CL=$TMP/clinic
PREG='Are you pregnant or breastfeeding at the moment?'
COND='when pregnancy and breastfeeding are both over'
MRI='If you ever have an MRI scan, tell the staff about the scalp pigment: tattoos occasionally swell or burn during MRI.'
mkdir -p "$CL/locale/de/LC_MESSAGES"
printf 'settings = { clinic_name = "Praxis Nord"; };\n' >"$CL/settings.cfg"
if command -v msggrep >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 &&
    msggrep -v -K -F -e "$PREG" -e "$COND" -e "$MRI" "$SMP_SRCDIR/locales/content/es.po" |
    sed 's/^"Language: es\\n"$/"Language: de\\n"/' >"$CL/de.po" &&
    grep -q '^"Language: de\\n"$' "$CL/de.po" &&
    msgfmt -c -o "$CL/locale/de/LC_MESSAGES/smpscreen-content.mo" "$CL/de.po"; then
	have_de=1
else
	have_de=0
	comment "cannot make the German catalog (msggrep, msgfmt)"
fi
if [ "$have_de" = 1 ]; then
	run_status 0 "check, a clinic's German: exit 0 (a warning)" --settings "$CL/settings.cfg" check
	check "check, a clinic's German: counted, the clinic's, three texts short" \
	    grep -q "^translation de (Deutsch, the clinic's): questionnaire and rules $((N - 3)) of $N texts," \
	    "$TMP/out"
	check "check, a clinic's German: a warning names an untranslated item" \
	    grep -q "^smpscreen: warning: translation de: 3 texts .*untranslated or fuzzy.*question pregnancy" \
	    "$TMP/err"
	# Three texts are missing: the list (of up to five) names each of them, not translated
	# fields of the same item.
	grep '^smpscreen: warning: translation de:' "$TMP/err" >"$TMP/de.warning"
	check "check, a clinic's German: the warning names the other two missing texts" \
	    sh -c 'grep -q "rule pregnant-or-breastfeeding" "$1" && grep -q "note mri" "$1"' sh \
	    "$TMP/de.warning"
	comment_file "$TMP/err" 3
	check "check, a clinic's German: es and fr are still the shipped ones" \
	    grep -q "^translation es (Español, shipped): questionnaire and rules $N of $N texts" "$TMP/out"

	run_status 0 "screen --lang de, the clinic's German: exit 0" \
	    --settings "$CL/settings.cfg" screen --lang de --today "$TODAY" answers/05-defer-condition.cfg
	cp "$TMP/out" "$TMP/de.txt"
	is "$(lang_line "$TMP/de.txt")" 'Language: Deutsch (de)' "de: the report says 'Language: Deutsch (de)'"
	check "de: the pregnancy question in English, its answer too" \
	    sh -c 'grep -qxF " 2. $1" "$2" && grep -A1 -xF " 2. $1" "$2" | grep -qx "    -> Breastfeeding"' \
	    sh "$PREG" "$TMP/de.txt"
	check "de: no Spanish of the pregnancy question (text, answer)" \
	    not grep -qE 'Está embarazada|Dando el pecho' "$TMP/de.txt"
	check "de: the pregnancy rule in English: its reason and its condition" \
	    sh -c 'grep -qx "  SMP is not done during pregnancy or while breastfeeding." "$1" &&
	        grep -qx "Come back: when pregnancy and breastfeeding are both over" "$1"' sh "$TMP/de.txt"
	check "de: no Spanish of the pregnancy rule (its reason is translated in the catalog)" \
	    not has_text 'mientras se da el pecho' "$TMP/de.txt"
	if has_text "$MRI" "$TMP/de.txt" && ! grep -q 'resonancia' "$TMP/de.txt"; then
		ok "de: the MRI note in English, with none of its Spanish"
	else
		not_ok "de: the MRI note in English, with none of its Spanish"
	fi
	check "de: the other items from the clinic's catalog (the pregnancy note in Spanish)" \
	    has_text 'La SMP no se realiza durante el embarazo ni la lactancia' "$TMP/de.txt"
	is "$(sed -n '/^Shown in English/,/\.$/p' "$TMP/de.txt" | tr -s '\n ' '  ' | sed 's/ $//')" \
	    'Shown in English, as they have no translation yet: question pregnancy, rule pregnant-or-breastfeeding, note mri.' \
	    "de: the three items listed under 'Shown in English'"
	run --settings "$CL/settings.cfg" screen --lang de --format json --today "$TODAY" \
	    answers/05-defer-condition.cfg
	cp "$TMP/out" "$TMP/de.json"
	py_ok "de: JSON lists the same three in texts.shown_in_english" expr "$TMP/de.json" \
	    "[(k, x[k]) for x in d['texts']['shown_in_english'] for k in x if k != 'text'] == [('question', 'pregnancy'), ('rule', 'pregnant-or-breastfeeding'), ('note', 'mri')] and d['language'] == 'de'"
	py_ok "de: JSON is valid by doc/report.schema.json" schema "$SCHEMA" "$TMP/de.json"
	# The patient's copy says that some texts are in English, not which ids.
	run --settings "$CL/settings.cfg" screen --lang de --copy patient --today "$TODAY" \
	    answers/05-defer-condition.cfg
	check "de, the patient's copy: how many items are in English, no ids" \
	    sh -c 'grep -q "^3 items of this summary are shown in English" "$1" &&
	        ! grep -q "rule pregnant-or-breastfeeding" "$1"' sh "$TMP/out"
	# The clinic's language from the environment: its folder is read before the choice.
	run_env LANG=de_DE.UTF-8 "$SMPSCREEN" --settings "$CL/settings.cfg" screen \
	    --today "$TODAY" answers/05-defer-condition.cfg
	is "$(lang_line)" 'Language: Deutsch (de)' "LANG=de_DE.UTF-8 and the clinic's German: German"
	run_env LANGUAGE=de "$SMPSCREEN" --settings "$CL/settings.cfg" screen \
	    --today "$TODAY" answers/05-defer-condition.cfg
	is "$(lang_line)" 'Language: Deutsch (de)' "LANGUAGE=de and the clinic's German: German"

	# A damaged catalog (cut short) is the clinic's error, named: check must not pass a setup
	# that screen --lang de then refuses, nor count the damaged catalog as translated.
	BAD=$TMP/bad-clinic
	BADMO=$BAD/locale/de/LC_MESSAGES/smpscreen-content.mo
	mkdir -p "$BAD/locale/de/LC_MESSAGES"
	cp "$CL/settings.cfg" "$BAD/"
	head -c 3000 "$CL/locale/de/LC_MESSAGES/smpscreen-content.mo" >"$BADMO"
	run_status 2 "check, a damaged clinic catalog: exit 2" --settings "$BAD/settings.cfg" check
	check "check, a damaged clinic catalog: an error names the file" \
	    grep -q "^$BADMO: error: " "$TMP/err"
	comment_file "$TMP/err" 3
	check "check, a damaged clinic catalog: not counted as a full translation" \
	    not grep -q "^translation de (Deutsch, the clinic's): questionnaire and rules $N of $N texts" \
	    "$TMP/out"
	run_status 2 "screen --lang de, a damaged clinic catalog: exit 2" \
	    --settings "$BAD/settings.cfg" screen --lang de --today "$TODAY" "$F"
	check "screen --lang de, a damaged clinic catalog: an error names the file" \
	    grep -q "^$BADMO: error: " "$TMP/err"
else
	skip "check and screen with a clinic's own German" "msggrep or msgfmt is not installed"
fi

# A gap in a shipped catalog. The bundled content is a copy (SMPSCREEN_DATADIR) whose
# locale/ holds the Spanish catalog made from es.po with the MRI note marked fuzzy, which
# msgfmt leaves out. The content catalogs are looked up in the data folder, then in locale/
# beside the program, per text: the build tree's locale/, complete, would fill the gap. So
# this runs a copy of the program, with no locale/ beside it and its own messages from the
# build tree ($SMPSCREEN_LOCALEDIR), as an installed program would find them.
SHIP=$TMP/ship
SMO=$SHIP/data/locale/es/LC_MESSAGES/smpscreen-content.mo
if command -v msgfmt >/dev/null 2>&1 && mkdir -p "$SHIP/bin" &&
    cp "$SMPSCREEN" "$SHIP/bin/smpscreen" && cp -R "$SMP_SRCDIR/questionnaires" "$SHIP/data" &&
    chmod -R u+w "$SHIP/data" && rm -rf "$SHIP/data/locale" &&
    mkdir -p "$SHIP/data/locale/es/LC_MESSAGES" "$SHIP/data/locale/fr/LC_MESSAGES" &&
    msgfmt -c -o "$SMO" "$SMP_SRCDIR/locales/content/es.po" &&
    msgfmt -c -o "$SHIP/data/locale/fr/LC_MESSAGES/smpscreen-content.mo" \
        "$SMP_SRCDIR/locales/content/fr.po" &&
    awk '$0 == "#. note mri: note" { f = 1 } f && /^msgid / { print "#, fuzzy"; f = 0 } 1' \
        "$SMP_SRCDIR/locales/content/es.po" >"$SHIP/es-fuzzy.po"; then
	run_env SMPSCREEN_DATADIR="$SHIP/data" SMPSCREEN_LOCALEDIR="$BUILD/locale" \
	    "$SHIP/bin/smpscreen" check
	if [ "$rc" = 0 ] && grep -q "^translation es (Español, shipped): questionnaire and rules $N of $N texts, program messages $M of $M$" "$TMP/out"; then
		ok "a copy of the program and of the data, complete catalogs: check passes"
	else
		not_ok "a copy of the program and of the data, complete catalogs: check passes"
		comment "exit $rc"
		comment_file "$TMP/err" 5
	fi
	LC_ALL=C msgfmt -c --statistics -o "$SMO" "$SHIP/es-fuzzy.po" >"$TMP/.st" 2>&1
	check "the shipped gap: msgfmt leaves one fuzzy entry out" grep -q ', 1 fuzzy translation' "$TMP/.st"
	run_env SMPSCREEN_DATADIR="$SHIP/data" SMPSCREEN_LOCALEDIR="$BUILD/locale" \
	    "$SHIP/bin/smpscreen" check
	is "$rc" 2 "the shipped gap: check exits 2"
	check "the shipped gap: an error says untranslated or fuzzy and names the note" \
	    grep -q "^smpscreen: error: translation es: 1 text of the questionnaire and rules is untranslated or fuzzy.*note mri" \
	    "$TMP/err"
	comment_file "$TMP/err" 3
	check "the shipped gap: the coverage line counts it" \
	    grep -q "^translation es (Español, shipped): questionnaire and rules $((N - 1)) of $N texts" "$TMP/out"
	# The build tree's own program also reads the build tree's complete catalog, which
	# fills the gap: from outside, that program cannot show a shipped gap.
	run_env SMPSCREEN_DATADIR="$SHIP/data" "$SMPSCREEN" check
	if [ "$rc" = 0 ] && grep -q "^translation es (Español, shipped): questionnaire and rules $N of $N texts" "$TMP/out"; then
		ok "the shipped gap, the build tree's program: its locale/ fills the gap (exit 0)"
	else
		not_ok "the shipped gap, the build tree's program: its locale/ fills the gap (exit 0)"
		comment "exit $rc"
		comment_file "$TMP/out" 20
	fi
else
	skip "a gap in a shipped catalog" "msgfmt is not installed, or the copy failed"
fi

# --- 4. catalog hygiene --------------------------------------------------------------------
# These fail when a message is added to the sources or the content without its template
# being regenerated (make update-po) and every catalog translated.
have() { command -v "$1" >/dev/null 2>&1; }
LOC=$SMP_SRCDIR/locales
if have msgfmt; then
	for po in "$LOC"/*.po "$LOC"/content/*.po; do
		rel=${po#"$SMP_SRCDIR"/}
		if LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" >"$TMP/.st" 2>&1 &&
		    ! grep -qE 'fuzzy|untranslated' "$TMP/.st"; then
			ok "$rel: msgfmt --check passes, no fuzzy or untranslated message"
		else
			not_ok "$rel: msgfmt --check passes, no fuzzy or untranslated message"
			comment_file "$TMP/.st" 10
		fi
	done
	is "$(cd "$LOC" && ls ./*.po content/*.po | tr '\n' ' ')" \
	    "$(for l in $(grep -v '^#' "$LOC/LINGUAS"); do printf './%s.po ' "$l"; done)$(for l in $(grep -v '^#' "$LOC/content/LINGUAS"); do printf 'content/%s.po ' "$l"; done)" \
	    "a catalog for each language of LINGUAS, and no other"
else
	skip "msgfmt --check of the catalogs" "msgfmt is not installed"
fi

# The program's template, made again as locales/Makefile makes it (gettext's Makefile.in.in
# with the options of Makevars); the messages must be the same, not the dates or places.
msgids() { LC_ALL=C.UTF-8 msgcat --no-wrap --sort-output "$1" 2>/dev/null | grep -E '^(msgctxt|msgid|msgid_plural) '; }
if have xgettext && have msgcat; then
	XOPTS=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$LOC/Makevars")
	# shellcheck disable=SC2086
	xgettext --default-domain=smpscreen --directory="$SMP_SRCDIR" \
	    --add-comments=TRANSLATORS: --files-from="$LOC/POTFILES.in" $XOPTS \
	    -o "$TMP/fresh.pot" 2>"$TMP/.xg"
	msgids "$TMP/fresh.pot" >"$TMP/fresh.ids"
	msgids "$LOC/smpscreen.pot" >"$TMP/pot.ids"
	check "xgettext finds the program's messages ($(grep -c '^msgid ' "$TMP/fresh.ids"))" \
	    test "$(grep -c '^msgid ' "$TMP/fresh.ids")" -gt 100
	if cmp -s "$TMP/pot.ids" "$TMP/fresh.ids"; then
		ok "locales/smpscreen.pot is current: the messages xgettext finds in POTFILES.in"
	else
		not_ok "locales/smpscreen.pot is current: the messages xgettext finds in POTFILES.in"
		comment "run make update-po; the template, then what the sources say:"
		diff "$TMP/pot.ids" "$TMP/fresh.ids" >"$TMP/.diff"
		comment_file "$TMP/.diff" 20
	fi
else
	skip "locales/smpscreen.pot is current" "xgettext or msgcat is not installed"
fi

# Every source file with a translatable message is in POTFILES.in (else xgettext, and so
# the translators, never see its messages); every file listed exists.
(cd "$SMP_SRCDIR" && grep -lE '(^|[^A-Za-z0-9_])(_|N_|P_)\(' src/*.c src/*/*.c) |
    LC_ALL=C sort >"$TMP/uses"
grep -v '^#' "$LOC/POTFILES.in" | grep . | LC_ALL=C sort >"$TMP/listed"
is "$(LC_ALL=C comm -23 "$TMP/uses" "$TMP/listed" | tr '\n' ' ')" "" \
    "every src/*.c and src/*/*.c with _( or P_( is in locales/POTFILES.in"
check "the sources mark messages ($(wc -l <"$TMP/uses" | tr -d ' ') files)" \
    test "$(wc -l <"$TMP/uses")" -gt 10
is "$(while read -r f; do [ -f "$SMP_SRCDIR/$f" ] || printf '%s ' "$f"; done <"$TMP/listed")" "" \
    "every file in locales/POTFILES.in exists"

# The content's template is what po-extract writes for the bundled content, byte for byte
# (it holds no date), run as make update-po runs it: from the source tree, relative paths.
if [ -x "$BUILD/po-extract" ]; then
	(cd "$SMP_SRCDIR" && "$BUILD/po-extract" questionnaires/smp-consultation.cfg \
	    questionnaires/smp-rules.cfg) >"$TMP/content.pot" 2>"$TMP/.pe"
	same_file "$LOC/content/smpscreen-content.pot" "$TMP/content.pot" \
	    "locales/content/smpscreen-content.pot is what po-extract writes for the bundled content"
else
	skip "locales/content/smpscreen-content.pot is current" "no po-extract in $BUILD"
fi

# Each catalog has exactly its template's messages: msgcmp one way (every message of the
# template, translated and not fuzzy), then the other (no message the template lacks).
if have msgcmp; then
	for po in "$LOC"/*.po "$LOC"/content/*.po; do
		case $po in
		*/content/*) pot=$LOC/content/smpscreen-content.pot ;;
		*) pot=$LOC/smpscreen.pot ;;
		esac
		rel=${po#"$SMP_SRCDIR"/}
		if msgcmp "$po" "$pot" >"$TMP/.mc" 2>&1 &&
		    msgcmp --use-fuzzy --use-untranslated "$pot" "$po" >>"$TMP/.mc" 2>&1; then
			ok "$rel: the same messages as ${pot#"$SMP_SRCDIR"/} (msgcmp)"
		else
			not_ok "$rel: the same messages as ${pot#"$SMP_SRCDIR"/} (msgcmp)"
			comment_file "$TMP/.mc" 10
		fi
	done
else
	skip "the catalogs have their templates' messages" "msgcmp is not installed"
fi

# --- 5. a plain make writes no catalog -----------------------------------------------------
# The build compiles the catalogs (into the build tree) but never merges or extracts into
# the source tree: only `make update-po` does (PO_DEPENDS_ON_POT = no in Makevars). After
# the build that ran these tests, locales/ is as git has it. This compares with the index,
# not HEAD, so that a translator's own edit, once `git add`ed, does not fail here.
if have git && _top=$(git -C "$SMP_SRCDIR" rev-parse --show-toplevel 2>/dev/null) &&
    [ "$(cd "$_top" && pwd -P)" = "$(cd "$SMP_SRCDIR" && pwd -P)" ]; then
	if git -C "$SMP_SRCDIR" diff --quiet -- locales; then
		ok "after the build, the catalogs of locales/ are as git has them"
	else
		not_ok "after the build, the catalogs of locales/ are as git has them"
		git -C "$SMP_SRCDIR" diff --stat -- locales >"$TMP/.gd" 2>&1
		comment_file "$TMP/.gd" 10
	fi
else
	skip "after the build, the catalogs of locales/ are as git has them" \
	    "the source tree is not a git checkout of its own (a release, or no git)"
fi

# --help in every language fits an 80-column terminal, as the English one does (apart from
# the installed settings path on a line of its own, long in distcheck's build tree).
for l in es fr; do
	"$SMPSCREEN" --lang "$l" --help 2>/dev/null | grep -v '^  /' >"$TMP/help.$l"
	w=$(max_width "$TMP/help.$l")
	if [ "$w" -le 80 ]; then ok "--help in $l: no line wider than 80 columns"
	else not_ok "--help in $l: no line wider than 80 columns"; comment "widest: $w"; fi
done

done_testing
