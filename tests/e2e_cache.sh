#!/bin/sh
# SPDX-License-Identifier: ISC
# End-to-end tests of the content cache (SMPSCREEN_CACHE, $XDG_CACHE_HOME/smpscreen): screen
# gives the same bytes with the cache cold, warm and off, for every answer file and in text
# and JSON; the cache is private; changed content is never served from an older cache; a
# damaged cache or a folder others may write to changes nothing; check never uses it.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

cd "$E2E" || { echo "Bail out! cannot cd to $E2E"; exit 99; }

TODAY=2027-01-31
XDG_CACHE_HOME=$TMP/cache
export XDG_CACHE_HOME
CACHE=$XDG_CACHE_HOME/smpscreen

n_caches() { find "$CACHE" -name 'content-*.bin' 2>/dev/null | wc -l | tr -d ' '; }

# screen_as MODE NAME ARGS...: runs screen with the cache cold (emptied first), warm or off;
# stdout and stderr (and the status) in $TMP/NAME.MODE.
screen_as() {
	_mode=$1
	_name=$2
	shift 2
	case $_mode in
	cold) rm -rf "$CACHE" ;;
	esac
	if [ "$_mode" = off ]; then
		SMPSCREEN_CACHE=off "$SMPSCREEN" screen --today "$TODAY" "$@" >"$TMP/$_name.$_mode" 2>&1
	else
		"$SMPSCREEN" screen --today "$TODAY" "$@" >"$TMP/$_name.$_mode" 2>&1
	fi
	echo "status $?" >>"$TMP/$_name.$_mode"
}

for f in answers/*.cfg; do
	b=$(basename "$f" .cfg)
	for fmt in text json; do
		screen_as cold "$b.$fmt" --format "$fmt" "$f"
		screen_as warm "$b.$fmt" --format "$fmt" "$f"
		screen_as off "$b.$fmt" --format "$fmt" "$f"
		same_file "$TMP/$b.$fmt.off" "$TMP/$b.$fmt.cold" "$b, $fmt: cold cache as without"
		same_file "$TMP/$b.$fmt.off" "$TMP/$b.$fmt.warm" "$b, $fmt: warm cache as without"
	done
done
check "the reports are reports (not an error each time)" grep -q '"suitability"' "$TMP/01-all-clear.json.warm"

# One cache for the bundled content, private.
is "$(n_caches)" 1 "one cache file for the bundled content"
is "$(file_mode "$CACHE")" 700 "the cache folder is 0700"
is "$(file_mode "$(find "$CACHE" -name 'content-*.bin' | head -n 1)")" 600 "the cache file is 0600"

# Off means off: nothing written.
rm -rf "$CACHE"
SMPSCREEN_CACHE=off "$SMPSCREEN" screen --today "$TODAY" answers/01-all-clear.cfg >/dev/null 2>&1
check "SMPSCREEN_CACHE=off writes no cache" test ! -e "$CACHE"
# check validates in full, every time: it neither reads nor writes the cache.
"$SMPSCREEN" check >/dev/null 2>&1
is "$(n_caches)" 0 "check writes no cache"

# A changed threshold takes effect on the next run: the rules' bytes name their cache.
mkdir -p "$TMP/content"
cp "$SMPSCREEN_DATADIR/smp-consultation.cfg" "$SMPSCREEN_DATADIR/smp-rules.cfg" "$TMP/content/"
OWN="--questionnaire $TMP/content/smp-consultation.cfg --rules $TMP/content/smp-rules.cfg"
# shellcheck disable=SC2086
screen_as warm before --format json $OWN answers/04-defer-date.cfg
check "an 11-month scar is deferred while scars must be 12 months old" \
    grep -q '"scar-immature"' "$TMP/before.warm"
sed 's/{ id = "scar_maturity_months"; type = "integer"; default = 12;/{ id = "scar_maturity_months"; type = "integer"; default = 11;/' \
    "$SMPSCREEN_DATADIR/smp-rules.cfg" >"$TMP/content/smp-rules.cfg"
check "the rules file was changed" not cmp -s "$SMPSCREEN_DATADIR/smp-rules.cfg" "$TMP/content/smp-rules.cfg"
# shellcheck disable=SC2086
screen_as warm after --format json $OWN answers/04-defer-date.cfg
# shellcheck disable=SC2086
screen_as off after --format json $OWN answers/04-defer-date.cfg
check "with 11 months, the same scar is no longer deferred" not grep -q '"scar-immature"' "$TMP/after.warm"
same_file "$TMP/after.off" "$TMP/after.warm" "the changed rules: as without the cache"

# A damaged cache is no cache: the same report, and the cache written again.
rm -rf "$CACHE"
screen_as warm dmg answers/02-caveats.cfg
c=$(find "$CACHE" -name 'content-*.bin' | head -n 1)
printf 'garbage' | dd of="$c" bs=1 seek=2000 conv=notrunc 2>/dev/null
screen_as warm dmg2 answers/02-caveats.cfg
same_file "$TMP/dmg.warm" "$TMP/dmg2.warm" "a damaged cache: the same report"
check "a damaged cache is written again" not grep -q garbage "$c"
: >"$c"
screen_as warm dmg3 answers/02-caveats.cfg
same_file "$TMP/dmg.warm" "$TMP/dmg3.warm" "an empty cache file: the same report"

# A folder its group may write to is not used (someone else could plant content there),
# silently: the same report, nothing written.
rm -rf "$CACHE"
mkdir -p "$CACHE"
chmod 770 "$CACHE"
screen_as warm grp answers/02-caveats.cfg
same_file "$TMP/dmg.warm" "$TMP/grp.warm" "a group-writable cache folder: the same report, no message"
is "$(n_caches)" 0 "a group-writable cache folder is not written to"
chmod 700 "$CACHE"

# Without a place for a cache (no HOME, no XDG_CACHE_HOME), the same report.
(unset HOME XDG_CACHE_HOME && "$SMPSCREEN" screen --today "$TODAY" answers/02-caveats.cfg >"$TMP/nohome" 2>&1
    echo "status $?" >>"$TMP/nohome")
same_file "$TMP/dmg.warm" "$TMP/nohome" "HOME and XDG_CACHE_HOME unset: the same report"

# A questionnaire the loader refuses gets the loader's error, cache or not.
screen_as warm bad --questionnaire bad/questionnaire-duplicate-id.cfg answers/01-all-clear.cfg
screen_as off bad --questionnaire bad/questionnaire-duplicate-id.cfg answers/01-all-clear.cfg
same_file "$TMP/bad.off" "$TMP/bad.warm" "a bad questionnaire: the same error with the cache"
check "a bad questionnaire fails" grep -q 'status 2' "$TMP/bad.warm"

done_testing
