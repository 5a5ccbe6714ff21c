#!/bin/sh
# SPDX-License-Identifier: ISC
# The Debian package, built the way a Debian 12 machine builds it: dpkg-buildpackage -us -uc
# -b on the distribution tree (what `make dist` ships, debian/ included), then lintian, the
# .deb's file list and conffiles, the packaged program checking its packaged content and
# settings, and no build path in anything installed. Without dpkg-buildpackage, debhelper,
# lintian or the build dependencies (dpkg-checkbuilddeps) the package points are skipped,
# with the reason; .ci/quickstart installs them.
#
# The build passes DEB_BUILD_OPTIONS=nocheck: the test suite already runs in this very
# `make check`, and running it again inside the package build would only double the time.
# parallel=2 keeps the build to the two cores CI has. Reproducibility (two builds in two
# directories giving the same binary) is not repeated here, for the time it takes: the
# no-build-path point is its usual cause.

. "$(dirname -- "$0")/lib.sh"
e2e_setup

# --- the settings file of the source tree, with the program of this build --------------------
# (tests/test_settings_file.c checks its content against the rules; this is the command an
# admin types.)
run --settings "$SMP_SRCDIR/etc/settings.cfg" check "$SMP_SRCDIR/etc/settings.cfg"
if [ "$rc" = 0 ] && grep -q 'clinic settings, ok' "$TMP/out"; then
	ok "smpscreen check etc/settings.cfg passes"
else
	not_ok "smpscreen check etc/settings.cfg passes"
	comment_file "$TMP/err" 20
fi

# --- can a package be built here? -------------------------------------------------------
N_PACKAGE=13 # the points below, all skipped together
skip_package() {
	_i=0
	while [ "$_i" -lt "$N_PACKAGE" ]; do
		skip "Debian package" "$1"
		_i=$((_i + 1))
	done
	done_testing
}
# Within dpkg-buildpackage (which sets DEB_RULES_REQUIRES_ROOT for debian/rules), the
# package is what is being built: a package build inside its own build would only take
# twice the time, with the outer build's environment leaking into the inner one.
if [ -n "${DEB_RULES_REQUIRES_ROOT+set}" ]; then
	skip_package "inside a Debian package build (the package is being built already)"
fi
for _tool in dpkg-buildpackage dpkg-checkbuilddeps dh lintian dpkg-deb; do
	command -v "$_tool" >/dev/null 2>&1 ||
		skip_package "$_tool not installed (Debian: dpkg-dev, debhelper, lintian)"
done
builddir=$(dirname -- "$SMPSCREEN")
if [ ! -f "$builddir/Makefile" ]; then
	skip_package "no Makefile beside $SMPSCREEN to make the distribution tree with"
fi

# The distribution tree, as `make dist` would pack it, in a directory of the test's own:
# the package is built from what is shipped, not from whatever lies in the source tree.
# (distdir copies make distcheck's read-only files as they are: the build writes beside them.)
src=$TMP/pkg/smpscreen
mkdir -p "$TMP/pkg"
# distdir is given relative to the build directory: gettext's locales/Makefile prefixes
# it with "../", which an absolute path does not survive.
rel=$(realpath -m --relative-to="$builddir" "$src")
if ! ${MAKE:-make} -s -C "$builddir" distdir distdir="$rel" >"$TMP/distdir.log" 2>&1; then
	comment_file "$TMP/distdir.log" 30
	echo "Bail out! make distdir failed"
	exit 99
fi
chmod -R u+w "$src"
if [ ! -f "$src/debian/control" ]; then
	echo "Bail out! the distribution tree has no debian/control (EXTRA_DIST)"
	exit 99
fi
if ! (cd "$src" && dpkg-checkbuilddeps -P nocheck) >"$TMP/deps.log" 2>&1; then
	skip_package "$(sed -n 's/^dpkg-checkbuilddeps: error: //p' "$TMP/deps.log" | head -n 1)"
fi

# --- build ---------------------------------------------------------------------------------
# Reproducible builds take the timestamp from debian/changelog; clear what would override it.
unset SOURCE_DATE_EPOCH DEB_BUILD_PROFILES MAKEFLAGS MFLAGS MAKELEVEL
if (cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
	dpkg-buildpackage -us -uc -b) >"$TMP/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b builds"
else
	not_ok "dpkg-buildpackage -us -uc -b builds"
	tail -n 40 "$TMP/build.log" >"$TMP/build.tail"
	comment_file "$TMP/build.tail" 40
	echo "Bail out! the package did not build"
	exit 99
fi
set -- "$TMP"/pkg/smpscreen_*.deb
deb=$1
changes=$(ls "$TMP"/pkg/smpscreen_*.changes)

# --- lintian -------------------------------------------------------------------------------
# No error and no warning; informational and pedantic tags are shown, not failed on (the
# justified ones are overridden in debian/, with the reason).
lintian -I --pedantic "$changes" >"$TMP/lintian.out" 2>&1
comment_file "$TMP/lintian.out" 40
if grep -q '^[EW]: ' "$TMP/lintian.out"; then
	not_ok "lintian: no error, no warning"
else
	ok "lintian: no error, no warning"
fi

# --- what the package holds ----------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's,^\./,/,' >"$TMP/files"
has() { grep -qx "$1" "$TMP/files"; }
check "the program: /usr/bin/smpscreen" has /usr/bin/smpscreen
check "the questionnaire and rules in /usr/share/smpscreen" \
	eval 'has /usr/share/smpscreen/smp-consultation.cfg && has /usr/share/smpscreen/smp-rules.cfg'
n_src=$(ls "$SMP_SRCDIR"/questionnaires/cases/*.cfg | wc -l)
n_deb=$(grep -c '^/usr/share/smpscreen/cases/[^/]*\.cfg$' "$TMP/files")
is "$n_deb" "$((n_src + 0))" "every golden case in /usr/share/smpscreen/cases"
# Every manual page of the source tree (a page.N, or page.N.in that configure makes it
# from), compressed, in its section.
missing=
for _m in "$SMP_SRCDIR"/man/*.[1-9] "$SMP_SRCDIR"/man/*.[1-9].in; do
	[ -f "$_m" ] || continue
	_p=$(basename -- "$_m" .in)
	_s=${_p##*.}
	has "/usr/share/man/man$_s/$_p.gz" || missing="$missing $_p"
done
is "$missing" "" "every manual page, in its section"
check "the settings: /etc/smpscreen/settings.cfg" has /etc/smpscreen/settings.cfg
dpkg-deb -I "$deb" conffiles >"$TMP/conffiles" 2>/dev/null
check "/etc/smpscreen/settings.cfg is a conffile" grep -qx /etc/smpscreen/settings.cfg "$TMP/conffiles"
docs_ok() {
	has /usr/share/doc/smpscreen/copyright &&
	    { has /usr/share/doc/smpscreen/README.md.gz || has /usr/share/doc/smpscreen/README.md; } &&
	    has /usr/share/doc/smpscreen/report.schema.json &&
	    has /usr/share/doc/smpscreen/examples/settings.cfg &&
	    has "/usr/share/doc/smpscreen/examples/smpscreen-kiosk@.service"
}
check "documentation: README, copyright, the report schema, examples" docs_ok
check "no second copy of the licence (it is in copyright)" not has /usr/share/doc/smpscreen/LICENSE

# --- the packaged program on the packaged content ------------------------------------------
root=$TMP/root
dpkg-deb -x "$deb" "$root"
# SMPSCREEN_DATADIR: the packaged questionnaires and cases, not /usr/share of this machine;
# --settings: the packaged settings, whatever /etc of this machine holds.
SMPSCREEN_DATADIR=$root/usr/share/smpscreen "$root/usr/bin/smpscreen" \
	--settings "$root/etc/smpscreen/settings.cfg" check "$root/etc/smpscreen/settings.cfg" \
	</dev/null >"$TMP/out" 2>"$TMP/err"
rc=$?
is "$rc $(cat "$TMP/out")" "0 $root/etc/smpscreen/settings.cfg: clinic settings, ok" \
	"the packaged smpscreen checks the packaged settings"
SMPSCREEN_DATADIR=$root/usr/share/smpscreen SMPSCREEN_LOCALEDIR=$root/usr/share/locale \
	"$root/usr/bin/smpscreen" \
	--settings "$root/etc/smpscreen/settings.cfg" check </dev/null >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" = 0 ]; then
	ok "the packaged smpscreen checks its questionnaire, rules and golden cases"
else
	not_ok "the packaged smpscreen checks its questionnaire, rules and golden cases"
	comment_file "$TMP/err" 20
fi
# Both domains of both shipped languages, where the program looks for them.
for l in es fr; do
	check "the package holds the $l catalogs of the program and of the questionnaire" \
	    test -f "$root/usr/share/locale/$l/LC_MESSAGES/smpscreen.mo" -a \
	    -f "$root/usr/share/smpscreen/locale/$l/LC_MESSAGES/smpscreen-content.mo"
done
check "the packaged check counts every text and message of both languages" \
    grep -q "^translation fr (Français, shipped): questionnaire and rules \([0-9]*\) of \1 texts, program messages \([0-9]*\) of \2$" "$TMP/out"

# --- no build path -------------------------------------------------------------------------
# The build ran below $TMP: no installed file may name it, nor the separate debug
# information that dh_strip put in the -dbgsym package (the binary's __FILE__ and debug
# information are mapped by -ffile-prefix-map; anything else would show up here too).
for _d in "$TMP"/pkg/smpscreen-dbgsym_*.deb; do
	[ -f "$_d" ] && dpkg-deb -x "$_d" "$root"
done
found=$(grep -rlF "$TMP" "$root" 2>/dev/null | sed "s,^$root,," | head -n 5)
is "$found" "" "no file of the package names the build directory"

done_testing
