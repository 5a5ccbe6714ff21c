#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/cache.sh SRCDIR BUILDDIR: the start-up of `smpscreen screen` of one answers file with
# the content cache off, cold (the run that writes it) and warm, in instructions from exec to
# exit (callgrind: the same on every run), and the cache file's size. Issue 15 item 1: warm
# <= 20 M. Prints key=value lines, then a table; exits 0 when a target is merely missed
# ("missed"), 1 when it cannot measure. Builds nothing: measure an optimised build (-O2, no
# sanitizers). Needs valgrind.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: cache.sh SRCDIR BUILDDIR" >&2
	exit 2
fi
src=$1
prog=$2/smpscreen
answers=$src/tests/data/answers/typical.cfg
target=20000000

[ -x "$prog" ] || { echo "cache.sh: $prog is missing" >&2; exit 1; }
command -v valgrind >/dev/null 2>&1 || { echo "cache.sh: valgrind is not installed" >&2; exit 1; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
export SMPSCREEN_DATADIR="$src/questionnaires" XDG_CACHE_HOME="$work/cache"

# instructions MODE: one run under callgrind, its instruction count on standard output.
instructions() {
	if [ "$1" = off ]; then
		SMPSCREEN_CACHE=off valgrind --tool=callgrind --callgrind-out-file="$work/cg" \
			"$prog" screen --today 2026-01-15 "$answers" >"$work/out.$1" 2>"$work/err.$1"
	else
		SMPSCREEN_CACHE=on valgrind --tool=callgrind --callgrind-out-file="$work/cg" \
			"$prog" screen --today 2026-01-15 "$answers" >"$work/out.$1" 2>"$work/err.$1"
	fi
	sed -n 's/^==[0-9]*== I *refs: *//p' "$work/err.$1" | tr -d ,
}

off=$(instructions off)
rm -rf "$work/cache"
cold=$(instructions cold)
warm=$(instructions warm)
if [ -z "$off" ] || [ -z "$cold" ] || [ -z "$warm" ]; then
	echo "cache.sh: no figure from callgrind" >&2
	exit 1
fi
same=no
if cmp -s "$work/out.off" "$work/out.cold" && cmp -s "$work/out.off" "$work/out.warm"; then
	same=yes
fi
size=$(wc -c <"$(find "$work/cache/smpscreen" -name 'content-*.bin' | head -n 1)" | tr -d ' ')
if [ "$warm" -le "$target" ]; then verdict=met; else verdict=missed; fi

echo "cache_screen_off_instructions=$off"
echo "cache_screen_cold_instructions=$cold"
echo "cache_screen_warm_instructions=$warm"
echo "cache_file_bytes=$size"
echo "cache_same_output=$same"
echo "cache_warm_target=$target"
echo "cache_warm_verdict=$verdict"
echo
printf '%-44s %14s\n' "screen typical.cfg, exec to exit" "instructions"
printf '%-44s %14s\n' "cache off (SMPSCREEN_CACHE=off)" "$off"
printf '%-44s %14s\n' "cache cold (this run writes it)" "$cold"
printf '%-44s %14s   target <= %s: %s\n' "cache warm" "$warm" "$target" "$verdict"
printf '%-44s %14s\n' "cache file (bytes)" "$size"
printf '%-44s %14s\n' "same output off, cold and warm" "$same"
