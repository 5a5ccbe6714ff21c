#!/bin/sh
# SPDX-License-Identifier: ISC
# bench/sessions.sh SRCDIR BUILDDIR [N]: patients per host (issue 15, item 5).
#
# Starts N (default 100) wizards at once, the real BUILDDIR/smpscreen (an optimised build,
# no sanitizers) on the bundled questionnaire, each in an 80x24 pane of a private tmux
# server and each with its own HOME, draft folder (XDG_STATE_HOME) and --output-dir in a
# temporary directory, as doc/ssh.md's ForceCommand runs it for one account. It drives every
# one to the middle of a consultation (question 26 of the 51 a typical patient is asked),
# checks that each really shows that question and keeps its draft, then reads each
# process's /proc/PID/smaps_rollup and prints the private memory per session (USS =
# Private_Clean + Private_Dirty), PSS and RSS (median, min, max), how many sessions fit in
# 1 GB and 2 GB, and what the private memory is made of (smaps per mapping).
#
# Beside the program it measures: the kernel's memory for it (page tables, stack), its CPU
# time to start, per key and while idle (with its wake-ups), its open files, the draft's
# size, the two files one finished consultation saves (one session is walked to the end),
# tmux's own server memory (the harness's, not the program's), and, when run as root with
# OpenSSH's server installed, a real `sshd -D` on 127.0.0.1 with SESSIONS_SSH_N patients
# logged in through the guide's ForceCommand: the processes, memory and open files sshd
# adds per patient, and from all of it the patients a 1 GB and a 2 GB host can serve.
#
# Output: key=value lines, then a table for humans. 1 GB here is 10^9 bytes (a host sold as
# "2 GB" has 2 GiB: the figures err on the safe side); kB are /proc's, 1,024 bytes.
#
# A benchmark, not a test: a missed target is reported ("goal_2gb=missed") and exits 0. The
# exit status is 1 when something does not work: a tool or the program missing, a wizard
# that did not reach the middle. Every process it started and the tmux server are ended
# and the temporary directory removed however it ends.
#
# Environment: SESSIONS_IDLE_S (default 5): seconds the idle wizards are watched for their
# CPU time and wake-ups (a measurement, not a synchronisation: nothing waits on it);
# SESSIONS_SSH_N (default 10): logins through the private sshd (0: sshd is not measured).
# The figures are split into words on purpose (set -- $(stats FILE)).
# shellcheck disable=SC2046,SC2086
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "${1:-$here/..}" && pwd) || exit 1
build=$(cd "${2:-.}" && pwd) || exit 1
n=${3:-100}
idle_s=${SESSIONS_IDLE_S:-5}
ssh_n=${SESSIONS_SSH_N:-10}
prog=$build/smpscreen
qn=$src/questionnaires/smp-consultation.cfg
today=2026-11-22
GB=1000000000

fail() {
	echo "sessions.sh: FAILED: $*" >&2
	exit 1
}

case $n in '' | *[!0-9]* | 0) fail "N must be a positive number, not '$n'" ;; esac
case $idle_s in '' | *[!0-9]* | 0) fail "SESSIONS_IDLE_S must be a positive number" ;; esac
case $ssh_n in '' | *[!0-9]*) fail "SESSIONS_SSH_N must be a number" ;; esac
for t in tmux awk sort; do
	command -v "$t" >/dev/null 2>&1 || fail "$t is missing (apt-get install tmux)"
done
[ -f /proc/self/smaps_rollup ] || fail "no /proc/PID/smaps_rollup (Linux 4.14 or later needed)"
[ -x "$prog" ] || fail "$prog is missing; build it first (make smpscreen in $build)"
[ -f "$qn" ] || fail "no bundled questionnaire at $qn"
# The program itself, not a libtool wrapper, and not the sanitizer build, whose shadow
# memory would be measured instead of the program's.
[ "$(head -c 4 "$prog" | od -An -c | tr -d ' ')" = '177ELF' ] ||
    fail "$prog is not an executable program (a libtool wrapper?)"
if LC_ALL=C grep -aq -e __asan_init -e __ubsan_handle "$prog"; then
	fail "$prog is built with sanitizers; measure an optimised build (../configure -q && make)"
fi
prog_real=$(readlink -f "$prog")

# --- the walk ------------------------------------------------------------------------------
# One line per question a typical patient is asked (the answers of
# tests/data/answers/typical.cfg, as tests/e2e_wizard.sh types them): text that is on that
# question's screen and not on the one before | the keys that answer it.
plan() {
	cat <<'EOF'
How old are you|34 Enter
pregnant or breastfeeding|1
Which result are you hoping|1
natural hair colour|2
midday|3
Why are you considering SMP|1 Enter
Which Norwood picture|9
Over the last 12 months|2
hair-loss treatments|2 4 Enter
very short|1
scalp scars|1 Enter
keloid|2
hair transplant?|1
already pigment|1
laser treatment|2
Botox or filler|2
chemical peel|1
area to be treated|1 Enter
long-term scalp|1 Enter
moles, birthmarks|1
tanned by the sun|2
dark marks|2
bleeding or clotting|2
warfarin|2
painkillers|2
Do you have diabetes?|1
blood-pressure|1 Enter
epilepsy|2
immune system|1 Enter
chemotherapy or|1
isotretinoin|1
taking antibiotics|1
doxycycline|2
thyroid|2
liver disease|2
vitiligo|1
microblading|2
numbing cream|2
allergic to metals|2
allergic to latex|2
black henna|2
antibiotic ointment|2
sensitive skin|2
What do you expect SMP|1 Enter
How long would you like|1
touch-ups every few years|1
How much sun|2
planning any of these|1 Enter
2-4 sessions|1
worried are you about|2
Prices vary widely|Enter
EOF
}
total_q=$(plan | wc -l | tr -d ' ')
half=$((total_q / 2))
mid_q=$((half + 1))
# The middle: the first $half questions answered, question $mid_q on the screen (its whole
# question line, with the counter above it).
mid_frag=$(plan | sed -n "${mid_q}p" | cut -d'|' -f1)
mid_counter="question $mid_q of up to"

# Keys sent per session to reach the middle, counted as a terminal sends them: a tmux key
# name (Enter) is one key, a word ("34") one key per character. The Enter that leaves the
# welcome screen is one more.
keys_to_mid=$(plan | sed -n "1,${half}p" | cut -d'|' -f2 | awk '
	{ for (i = 1; i <= NF; i++) k += ($i ~ /^[A-Z][a-z]/) ? 1 : length($i) }
	END { print k + 1 }')

# --- the private tmux server, the temporary directory, the clean-up --------------------------
umask 077
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/smpscreen-sessions.XXXXXX") || fail "mktemp -d failed"
SOCK=smpsessions$$
SOCK_PATH=
sshd_pid=
acct=smpbench-$$
acct_made=0
unset TMUX TMUX_PANE
tm() { tmux -L "$SOCK" -f /dev/null "$@" </dev/null; }

# poll TRIES CMD...: true as soon as CMD succeeds, checking every 0.05 s.
poll() {
	_tries=$1 _i=0
	shift
	while [ "$_i" -lt "$_tries" ]; do
		"$@" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	"$@"
}
_dead() { ! kill -0 "$1" 2>/dev/null; }
# Our program, by pid: a pid of a program that ended may have been reused.
_is_prog() { [ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "$prog_real" ]; }

cleanup() {
	trap - EXIT INT TERM HUP
	# The panes' programs get SIGHUP from the server going away (they keep their draft and
	# end); any left after 10 s is killed, by pid and only if it is still our program.
	tm kill-server >/dev/null 2>&1
	if [ -n "$sshd_pid" ]; then
		kill -TERM "$sshd_pid" 2>/dev/null
		poll 200 _dead "$sshd_pid" || kill -KILL "$sshd_pid" 2>/dev/null
	fi
	# Whatever the throwaway account still runs (its session ends with its client), by pid:
	# only processes of the account made here.
	if [ "$acct_made" = 1 ]; then
		poll 200 sh -c '! ps -o pid= -u "$1" >/dev/null 2>&1' sh "$acct" ||
		    for _p in $(ps -o pid= -u "$acct" 2>/dev/null); do kill -KILL "$_p" 2>/dev/null; done
		poll 200 sh -c '! ps -o pid= -u "$1" >/dev/null 2>&1' sh "$acct"
		userdel "$acct" 2>/dev/null
		getent group "$acct" >/dev/null && groupdel "$acct" 2>/dev/null
	fi
	for _f in "$TMPD"/*/pid; do
		[ -f "$_f" ] || continue
		_p=$(cat "$_f")
		poll 200 _dead "$_p" || { _is_prog "$_p" && kill -KILL "$_p" 2>/dev/null; }
	done
	[ -n "$SOCK_PATH" ] && rm -f "$SOCK_PATH"
	rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# One server for every session: no status line (the pane is the whole 80x24 window), a
# pane stays readable after its program ends (a wizard that fails shows why).
tm start-server \; set -g exit-empty off \; set -g status off \; set -g remain-on-exit on \
    >/dev/null 2>&1 || fail "cannot start a tmux server"
SOCK_PATH=$(tm display -p '#{socket_path}' 2>/dev/null)
tmux_pid=$(tm display -p '#{pid}' 2>/dev/null)
[ -n "$tmux_pid" ] || fail "cannot reach the tmux server"

# Defaults only, whatever clinic settings file this machine has.
echo 'settings = { };' >"$TMPD/settings.cfg"

# --- reading /proc -------------------------------------------------------------------------
# rollup PID: "rss pss uss anon" in kB from smaps_rollup.
rollup() {
	awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } /^Private_(Clean|Dirty):/ { u += $2 }
	    /^Anonymous:/ { a = $2 } END { print r + 0, p + 0, u + 0, a + 0 }' \
	    "/proc/$1/smaps_rollup" 2>/dev/null
}
# privmap PID: private kB by kind of mapping, "heap anon stack binary libs other".
privmap() {
	awk -v prog="$prog_real" '
	/^[0-9a-f]+-[0-9a-f]+ / {
		n = $6
		if (n == "[heap]") k = 1
		else if (n == "" || n ~ /^\[anon/) k = 2
		else if (n == "[stack]") k = 3
		else if (n == prog) k = 4
		else if (n ~ /\.so/) k = 5
		else k = 6
	}
	/^Private_(Clean|Dirty):/ { v[k] += $2 }
	END { print v[1] + 0, v[2] + 0, v[3] + 0, v[4] + 0, v[5] + 0, v[6] + 0 }' \
	    "/proc/$1/smaps" 2>/dev/null
}
# cpu_ns PID: CPU time so far, in ns (schedstat's first field; else utime + stime).
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ns() {
	if [ -r "/proc/$1/schedstat" ]; then
		awk '{ print $1 }' "/proc/$1/schedstat"
	else
		awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13) * 1e9 / hz }' \
		    "/proc/$1/stat"
	fi
}
# pte PID: kB of page tables, kernel memory the process costs beyond its own pages.
pte() { awk '/^VmPTE:/ { print $2 }' "/proc/$1/status"; }
# wakeups PID: voluntary context switches so far (each a sleep that ended).
wakeups() { awk '/^voluntary_ctxt_switches:/ { print $2 }' "/proc/$1/status"; }
# stats FILE: "median min max" of the numbers in FILE, one a line (the median of an even
# count is the mean of the middle two, rounded down).
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "- - -"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)
		print m, v[1], v[NR] }'
}
median() { stats "$1" | cut -d' ' -f1; }

# --- starting the sessions -----------------------------------------------------------------
# What sshd would give a patient's session (doc/ssh.md): a bare environment with the
# terminal's LANG and TERM, SSH_CONNECTION (the program records "at home"), HOME, the draft
# folder; the reports folder by --output-dir.
start_session() { # NAME DIR [PROGRAM ARGS...]
	_s=$1 _d=$2
	mkdir -p "$_d/home" "$_d/state" "$_d/out"
	tm new-session -d -s "$_s" -x 80 -y 24 \
	    "exec env -i PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=screen HOME='$_d/home' \
XDG_STATE_HOME='$_d/state' SMPSCREEN_DATADIR='$src/questionnaires' \
SSH_CONNECTION='127.0.0.1 40000 127.0.0.1 22' '$prog' --settings '$TMPD/settings.cfg' \
--today $today --output-dir '$_d/out'"
}

_on_screen() { tm capture-pane -p -t "$1" 2>/dev/null | tr '\n' ' ' | tr -s ' ' | grep -qF -- "$2"; }
# wait_for NAME TEXT: up to 30 s (the host is busy: a hundred wizards and their server).
wait_for() { poll 600 _on_screen "$1" "$2"; }
show_screen() { # NAME: the pane's screen on stderr, after a failure
	echo "sessions.sh: the screen of $1:" >&2
	tm capture-pane -p -t "$1" 2>/dev/null | sed 's/^/  | /' >&2
}

# walk_all FIRST LAST NAME...: answers plan lines FIRST..LAST in every session named, one
# question at a time across all of them (they advance together, as concurrent patients).
walk_all() {
	_first=$1 _last=$2
	shift 2
	plan | sed -n "${_first},${_last}p" >"$TMPD/plan"
	while IFS='|' read -r _frag _keys; do
		for _s in "$@"; do
			if ! wait_for "$_s" "$_frag"; then
				echo "sessions.sh: $_s never showed '$_frag'" >&2
				show_screen "$_s"
				return 1
			fi
			# shellcheck disable=SC2086
			tm send-keys -t "$_s" $_keys
		done
	done <"$TMPD/plan"
}

tmux_empty=$(rollup "$tmux_pid")
names=
i=1
while [ "$i" -le "$n" ]; do
	start_session "s$i" "$TMPD/s$i" || fail "tmux could not start session s$i"
	names="$names s$i"
	i=$((i + 1))
done
# shellcheck disable=SC2086
set -- $names
for s in "$@"; do
	wait_for "$s" "Enter: start" || { show_screen "$s"; fail "$s: no welcome screen"; }
	p=$(tm display -p -t "$s" '#{pane_pid}')
	_is_prog "$p" || fail "$s: the pane's process $p is not $prog"
	echo "$p" >"$TMPD/$s/pid"
done
for s in "$@"; do cpu_ns "$(cat "$TMPD/$s/pid")"; done >"$TMPD/cpu.start"
walk_t0=$(date +%s.%N)
for s in "$@"; do tm send-keys -t "$s" Enter; done
walk_all 1 "$half" "$@" || fail "a wizard did not reach the middle of the consultation"

# --- every session really is in the middle -------------------------------------------------
bad=0
for s in "$@"; do
	p=$(cat "$TMPD/$s/pid")
	if ! wait_for "$s" "$mid_frag" || ! _on_screen "$s" "$mid_counter"; then
		echo "sessions.sh: $s is not on question $mid_q ('$mid_frag')" >&2
		show_screen "$s"
		bad=$((bad + 1))
	elif ! _is_prog "$p"; then
		echo "sessions.sh: $s: its program (pid $p) has ended" >&2
		bad=$((bad + 1))
	elif [ "$(ls "$TMPD/$s/state/smpscreen"/draft-*.cfg 2>/dev/null | wc -l)" -ne 1 ]; then
		echo "sessions.sh: $s keeps no draft of its own in $TMPD/$s/state/smpscreen" >&2
		bad=$((bad + 1))
	fi
done
[ "$bad" = 0 ] || fail "$bad of $n wizards did not reach the middle of the consultation"

walk_t1=$(date +%s.%N)

# --- measuring -------------------------------------------------------------------------------
: >"$TMPD/m.rss"; : >"$TMPD/m.pss"; : >"$TMPD/m.uss"; : >"$TMPD/m.anon"; : >"$TMPD/m.fds"
: >"$TMPD/m.draft"; : >"$TMPD/m.cpu_start"; : >"$TMPD/m.cpu_walk"
: >"$TMPD/m.heap"; : >"$TMPD/m.panon"; : >"$TMPD/m.stack"; : >"$TMPD/m.bin"; : >"$TMPD/m.libs"
: >"$TMPD/m.other"; : >"$TMPD/m.pte"
i=0
for s in "$@"; do
	i=$((i + 1))
	p=$(cat "$TMPD/$s/pid")
	set -- $(rollup "$p")
	echo "$1" >>"$TMPD/m.rss"; echo "$2" >>"$TMPD/m.pss"; echo "$3" >>"$TMPD/m.uss"
	echo "$4" >>"$TMPD/m.anon"
	set -- $(privmap "$p")
	echo "$1" >>"$TMPD/m.heap"; echo "$2" >>"$TMPD/m.panon"; echo "$3" >>"$TMPD/m.stack"
	echo "$4" >>"$TMPD/m.bin"; echo "$5" >>"$TMPD/m.libs"; echo "$6" >>"$TMPD/m.other"
	ls "/proc/$p/fd" | wc -l | tr -d ' ' >>"$TMPD/m.fds"
	pte "$p" >>"$TMPD/m.pte"
	wc -c <"$(ls "$TMPD/$s/state/smpscreen"/draft-*.cfg)" | tr -d ' ' >>"$TMPD/m.draft"
	c0=$(sed -n "${i}p" "$TMPD/cpu.start")
	c1=$(cpu_ns "$p")
	echo "$c0" >>"$TMPD/m.cpu_start"
	echo "$((c1 - c0))" >>"$TMPD/m.cpu_walk"
done
# shellcheck disable=SC2086
set -- $names
tmux_full=$(rollup "$tmux_pid")
# Each process (one thread) also has a kernel stack: the host's KernelStack over its
# threads, at this moment.
kstack=$(awk -v t="$(ps -e -L -o lwp= | wc -l)" '/^KernelStack:/ { printf "%.0f\n", $2 / t }' /proc/meminfo)

# Idle: what the waiting wizards cost while their patients read.
for s in "$@"; do p=$(cat "$TMPD/$s/pid"); echo "$(cpu_ns "$p") $(wakeups "$p")"; done >"$TMPD/idle.0"
sleep "$idle_s"
for s in "$@"; do p=$(cat "$TMPD/$s/pid"); echo "$(cpu_ns "$p") $(wakeups "$p")"; done >"$TMPD/idle.1"
paste -d' ' "$TMPD/idle.0" "$TMPD/idle.1" |
    awk -v s="$idle_s" '{ print int(($3 - $1) / s / 1000) }' >"$TMPD/m.idle_cpu" # us per s
paste -d' ' "$TMPD/idle.0" "$TMPD/idle.1" |
    awk -v s="$idle_s" '{ printf "%.1f\n", ($4 - $2) / s }' >"$TMPD/m.idle_wake"

# --- one consultation to its end: what it saves ----------------------------------------------
first=$1
walk_all "$mid_q" "$total_q" "$first" || fail "$first could not finish its consultation"
wait_for "$first" "Review your answers" || { show_screen "$first"; fail "$first: no review page"; }
tm send-keys -t "$first" End Enter
wait_for "$first" "Saved to " || { show_screen "$first"; fail "$first: the result was not saved"; }
answers_b=$(cat "$TMPD/$first/out"/smpscreen-*-answers.cfg 2>/dev/null | wc -c | tr -d ' ')
report_b=$(cat "$TMPD/$first/out"/smpscreen-*-report.txt 2>/dev/null | wc -c | tr -d ' ')
saved_n=$(ls "$TMPD/$first/out" | wc -l | tr -d ' ')
# What they take on this file system: whole blocks.
saved_disk_kb=$(du -k "$TMPD/$first/out"/smpscreen-* 2>/dev/null | awk '{ t += $1 } END { print t + 0 }')
drafts_left=$(ls "$TMPD/$first/state/smpscreen"/draft-*.cfg 2>/dev/null | wc -l | tr -d ' ')
[ "$saved_n" = 2 ] && [ "$answers_b" -gt 0 ] && [ "$report_b" -gt 0 ] && [ "$drafts_left" = 0 ] ||
    fail "$first saved $saved_n files (answers $answers_b B, report $report_b B; $drafts_left drafts left), not 2"

# --- sshd: what a patient's login adds --------------------------------------------------------
# A private sshd -D on 127.0.0.1 (its own host key, port and configuration: never the
# system's), a throwaway account made as doc/ssh.md makes a patient's (removed at the end,
# as tests/e2e_ssh.sh does), one login with the guide's ForceCommand driven to the same
# middle; then every process below the listener is measured. Needs root (an account, and
# sshd's privilege separation as on a real host), sshd, ssh, ssh-keygen and python3 (a
# free port).
sshd_measured=no sshd_why=
ssh_measure() {
	if [ "$(id -u)" != 0 ]; then sshd_why="not run as root"; return 1; fi
	for _t in /usr/sbin/sshd ssh ssh-keygen python3 useradd userdel su; do
		command -v "$_t" >/dev/null 2>&1 || { sshd_why="$_t is not installed"; return 1; }
	done
	if getent passwd "$acct" >/dev/null || getent group "$acct" >/dev/null; then
		sshd_why="an account or group $acct exists already"
		return 1
	fi
	# The account must reach its home through the temporary directory (not list it).
	chmod 0711 "$TMPD"
	_sd=$TMPD/sshd
	mkdir -p "$_sd/keys" "$_sd/home/state" "$_sd/home/reports"
	chmod 0755 "$_sd" "$_sd/keys" "$_sd/home"
	cp "$TMPD/settings.cfg" "$_sd/settings.cfg"
	chmod 0644 "$_sd/settings.cfg"
	# As doc/ssh.md makes a patient's account: /bin/sh runs ForceCommand, the home is
	# root's, only state/ and reports/ are the account's. The password field is "*", not
	# "!": without PAM, sshd refuses a locked account even with a key.
	if ! useradd --user-group --no-create-home --home-dir "$_sd/home" --shell /bin/sh \
	    --password '*' "$acct" 2>"$_sd/useradd.err"; then
		sshd_why="useradd failed: $(head -n 1 "$_sd/useradd.err")"
		return 1
	fi
	acct_made=1
	chown "$acct:$acct" "$_sd/home/state" "$_sd/home/reports"
	if ! su -s /bin/sh "$acct" -c "test -x '$prog' && test -r '$qn'" 2>/dev/null; then
		sshd_why="the account $acct cannot run $prog (a folder above it is not 0755?)"
		return 1
	fi
	ssh-keygen -q -t ed25519 -N '' -f "$_sd/host_key" &&
	    ssh-keygen -q -t ed25519 -N '' -f "$_sd/client_key" ||
	    { sshd_why="ssh-keygen failed"; return 1; }
	printf 'restrict,pty %s\n' "$(cat "$_sd/client_key.pub")" >"$_sd/keys/$acct"
	chmod 0644 "$_sd/keys/$acct"
	_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# contrib/smpscreen-home.conf's block for this account, with the program's data and a
	# fixed date; the main part has only what a private server needs.
	cat >"$_sd/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $_port
HostKey $_sd/host_key
PidFile none
UsePAM no
PermitRootLogin no
AllowUsers $acct
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
PrintMotd no
PrintLastLog no
Match User $acct
	ForceCommand exec env XDG_STATE_HOME="\$HOME/state" SMPSCREEN_DATADIR="$src/questionnaires" $prog --settings "$_sd/settings.cfg" --today $today --output-dir "\$HOME/reports"
	AuthorizedKeysFile $_sd/keys/%u
	DisableForwarding yes
	PermitTunnel no
	PermitTTY yes
	PermitUserRC no
	AcceptEnv LANG LC_*
	ClientAliveInterval 30
	ClientAliveCountMax 4
	MaxSessions 1
EOF
	# sshd's privilege separation needs its empty folder (the package's service makes it
	# at boot); it stays, as in tests/e2e_ssh.sh.
	[ -d /run/sshd ] || mkdir -m 0755 /run/sshd
	/usr/sbin/sshd -t -f "$_sd/sshd_config" 2>"$_sd/sshd-t.err" ||
	    { sshd_why="sshd -t: $(head -n 1 "$_sd/sshd-t.err")"; return 1; }
	/usr/sbin/sshd -D -e -f "$_sd/sshd_config" 2>"$_sd/sshd.log" &
	sshd_pid=$!
	_listening() { grep -q "Server listening on 127.0.0.1 port $_port" "$_sd/sshd.log" || _dead "$sshd_pid"; }
	poll 200 _listening
	grep -q "Server listening" "$_sd/sshd.log" ||
	    { sshd_why="sshd did not start: $(tail -n 1 "$_sd/sshd.log")"; return 1; }
	listener=$(rollup "$sshd_pid")
	# The logins, each in a pane of its own (the patients' terminals), one account for all
	# (each session keeps a draft of its own).
	_logins=
	_i=1
	while [ "$_i" -le "$ssh_n" ]; do
		tm new-session -d -s "ssh$_i" -x 80 -y 24 "exec env LANG=C.UTF-8 TERM=screen ssh -tt \
-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes \
-o IdentitiesOnly=yes -o LogLevel=ERROR -o SendEnv=LANG -i '$_sd/client_key' -p $_port \
$acct@127.0.0.1" || { sshd_why="tmux could not start the client"; return 1; }
		_logins="$_logins ssh$_i"
		_i=$((_i + 1))
	done
	for _s in $_logins; do
		if ! wait_for "$_s" "Enter: start"; then
			show_screen "$_s"
			tail -n 5 "$_sd/sshd.log" | sed 's/^/  sshd: /' >&2
			sshd_why="a login did not reach the questionnaire (see above)"
			return 1
		fi
		tm send-keys -t "$_s" Enter
	done
	walk_all 1 "$half" $_logins || { sshd_why="a wizard over ssh did not reach the middle"; return 1; }
	for _s in $_logins; do
		wait_for "$_s" "$mid_frag" ||
		    { sshd_why="a wizard over ssh did not reach the middle"; return 1; }
	done
	# Every process below the listener, by what it runs.
	ps -e -o pid= -o ppid= >"$TMPD/ps"
	_kids=$(awk -v root="$sshd_pid" '{ pp[$1] = $2 } END {
		for (p in pp) { q = p; while (q in pp && q != root && q > 1) q = pp[q]; if (q == root && p != root) print p } }' \
	    "$TMPD/ps")
	ssh_pte=0 ssh_fds=0 ssh_sshd_n=0 ssh_sshd="0 0 0 0" ssh_prog_n=0 ssh_prog="0 0 0 0" ssh_other_n=0 ssh_other="0 0 0 0"
	for _p in $_kids; do
		_r=$(rollup "$_p")
		[ -n "$_r" ] || continue
		case $(readlink "/proc/$_p/exe") in
		"$prog_real")
			ssh_prog_n=$((ssh_prog_n + 1))
			ssh_prog=$(echo "$ssh_prog $_r" | awk '{ print $1 + $5, $2 + $6, $3 + $7, $4 + $8 }')
			;;
		*/sshd)
			ssh_sshd_n=$((ssh_sshd_n + 1))
			ssh_fds=$((ssh_fds + $(ls "/proc/$_p/fd" | wc -l)))
			ssh_pte=$((ssh_pte + $(pte "$_p")))
			ssh_sshd=$(echo "$ssh_sshd $_r" | awk '{ print $1 + $5, $2 + $6, $3 + $7, $4 + $8 }')
			;;
		*)
			ssh_other_n=$((ssh_other_n + 1))
			ssh_other=$(echo "$ssh_other $_r" | awk '{ print $1 + $5, $2 + $6, $3 + $7, $4 + $8 }')
			;;
		esac
	done
	[ "$ssh_sshd_n" -gt 0 ] || { sshd_why="no sshd process below the listener"; return 1; }
	[ "$ssh_prog_n" = "$ssh_n" ] ||
	    { sshd_why="$ssh_prog_n programs below the listener for $ssh_n logins"; return 1; }
	ssh_procs=$(for _p in $_kids; do ps -o user= -o args= -p "$_p"; done | sed "s,pts/[0-9]*,pts/N," | sort | uniq -c |
	    sed 's/^/    /')
	sshd_version=$(ssh -V 2>&1 | cut -d, -f1)
	sshd_measured=yes
	return 0
}
if [ "$ssh_n" = 0 ]; then
	sshd_why="SESSIONS_SSH_N=0"
else
	ssh_measure
fi

# --- figures ---------------------------------------------------------------------------------
set -- $(stats "$TMPD/m.uss"); uss_med=$1 uss_min=$2 uss_max=$3
set -- $(stats "$TMPD/m.pss"); pss_med=$1 pss_min=$2 pss_max=$3
set -- $(stats "$TMPD/m.rss"); rss_med=$1 rss_min=$2 rss_max=$3
pss_total=$(awk '{ t += $1 } END { print t }' "$TMPD/m.pss")
per() { awk -v b="$1" -v kb="$2" 'BEGIN { print (kb > 0) ? int(b / (kb * 1024)) : 0 }'; }
per_gb_uss=$(per "$GB" "$uss_med")
per_gb_pss=$(per "$GB" "$pss_med")
in_2gb_uss=$(per $((2 * GB)) "$uss_med")
in_2gb_pss=$(per $((2 * GB)) "$pss_med")
# The goal is judged on PSS, the larger: the sessions' share of the shared libraries too.
in_2gb=$in_2gb_pss
goal=missed
[ "$in_2gb" -ge 1000 ] && goal=ok
set -- $(stats "$TMPD/m.fds"); fds_med=$1 fds_max=$3
pte_med=$(median "$TMPD/m.pte")
kernel_kb=$((pte_med + kstack))
set -- $(stats "$TMPD/m.draft"); draft_med=$1 draft_max=$3
awk '{ print int($1 / 1000) }' "$TMPD/m.cpu_start" >"$TMPD/m.cs"
set -- $(stats "$TMPD/m.cs"); cpu_start_med=$1 cpu_start_max=$3
set -- $(stats "$TMPD/m.idle_cpu"); idle_cpu_med=$1 idle_cpu_max=$3
# Per key: the CPU time of the walk less what the same wizards spend idle over as long (a
# wizard wakes every 250 ms to notice a resize or a dead terminal), over the keys sent.
walk_s=$(awk -v a="$walk_t0" -v b="$walk_t1" 'BEGIN { printf "%.1f", b - a }')
cpu_walk_sum=$(awk '{ t += $1 } END { printf "%.0f", t }' "$TMPD/m.cpu_walk")
idle_sum=$(awk '{ t += $1 } END { print t }' "$TMPD/m.idle_cpu")
cpu_key_us=$(awk -v t="$cpu_walk_sum" -v i="$idle_sum" -v w="$walk_s" -v n="$n" -v k="$keys_to_mid" \
    'BEGIN { printf "%.0f", (t / 1000 - i * w) / (n * k) }')
idle_wake_med=$(sort -n "$TMPD/m.idle_wake" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
heap_med=$(median "$TMPD/m.heap"); panon_med=$(median "$TMPD/m.panon")
stack_med=$(median "$TMPD/m.stack"); bin_med=$(median "$TMPD/m.bin")
libs_med=$(median "$TMPD/m.libs"); other_med=$(median "$TMPD/m.other")
set -- $tmux_empty; tmux_e_uss=$3
set -- $tmux_full; tmux_f_rss=$1 tmux_f_pss=$2 tmux_f_uss=$3
tmux_per_pane=$(( (tmux_f_uss - tmux_e_uss) / n ))

echo "sessions=$n"
echo "terminal=80x24"
echo "middle_question=$mid_q"
echo "questions_in_walk=$total_q"
echo "keys_to_middle=$keys_to_mid"
echo "uss_kb_median=$uss_med"
echo "uss_kb_min=$uss_min"
echo "uss_kb_max=$uss_max"
echo "pss_kb_median=$pss_med"
echo "pss_kb_min=$pss_min"
echo "pss_kb_max=$pss_max"
echo "rss_kb_median=$rss_med"
echo "rss_kb_min=$rss_min"
echo "rss_kb_max=$rss_max"
echo "pss_kb_total=$pss_total"
echo "private_heap_kb_median=$heap_med"
echo "private_anon_kb_median=$panon_med"
echo "private_stack_kb_median=$stack_med"
echo "private_binary_kb_median=$bin_med"
echo "private_libs_kb_median=$libs_med"
echo "private_other_kb_median=$other_med"
echo "sessions_per_gb_uss=$per_gb_uss"
echo "sessions_per_gb_pss=$per_gb_pss"
echo "sessions_in_2gb_uss=$in_2gb_uss"
echo "sessions_in_2gb_pss=$in_2gb_pss"
echo "sessions_in_2gb=$in_2gb"
echo "goal_2gb=$goal"
echo "page_tables_kb_median=$pte_med"
echo "kernel_stack_kb=$kstack"
echo "kernel_kb_per_session=$kernel_kb"
echo "fds_median=$fds_med"
echo "fds_max=$fds_max"
echo "pty_max=$(cat /proc/sys/kernel/pty/max 2>/dev/null || echo -)"
echo "cpu_start_us_median=$cpu_start_med"
echo "cpu_start_us_max=$cpu_start_max"
echo "cpu_per_key_us=$cpu_key_us"
echo "walk_s=$walk_s"
echo "idle_cpu_us_per_s_median=$idle_cpu_med"
echo "idle_cpu_us_per_s_max=$idle_cpu_max"
echo "idle_wakeups_per_s_median=$idle_wake_med"
echo "draft_bytes_median=$draft_med"
echo "draft_bytes_max=$draft_max"
echo "saved_answers_bytes=$answers_b"
echo "saved_report_bytes=$report_b"
echo "saved_disk_kb=$saved_disk_kb"
echo "tmux_server_uss_kb_empty=$tmux_e_uss"
echo "tmux_server_uss_kb=$tmux_f_uss"
echo "tmux_server_pss_kb=$tmux_f_pss"
echo "tmux_server_rss_kb=$tmux_f_rss"
echo "tmux_uss_kb_per_pane=$tmux_per_pane"
echo "sshd_measured=$sshd_measured"
if [ "$sshd_measured" = yes ]; then
	set -- $listener; l_rss=$1 l_uss=$3
	# Per patient: the sums over the $ssh_n logins, divided.
	set -- $(echo "$ssh_sshd" | awk -v n="$ssh_n" '{ print int($1 / n), int($2 / n), int($3 / n) }')
	s_rss=$1 s_pss=$2 s_uss=$3
	set -- $(echo "$ssh_other" | awk -v n="$ssh_n" '{ print int($1 / n), int($2 / n), int($3 / n) }')
	o_uss=$3
	set -- $(echo "$ssh_prog" | awk -v n="$ssh_n" '{ print int($1 / n), int($2 / n), int($3 / n) }')
	p_pss=$2 p_uss=$3
	s_procs=$(awk -v a="$ssh_sshd_n" -v n="$ssh_n" 'BEGIN { print a / n }')
	s_fds=$(awk -v a="$ssh_fds" -v n="$ssh_n" 'BEGIN { print a / n }')
	s_kernel=$(awk -v p="$ssh_pte" -v a="$ssh_sshd_n" -v k="$kstack" -v n="$ssh_n" \
	    'BEGIN { printf "%.0f", (p + a * k) / n }')
	o_procs=$(awk -v a="$ssh_other_n" -v n="$ssh_n" 'BEGIN { print a / n }')
	# A host's memory for N patients: what is shared, counted once and in full (the
	# listener's RSS, the rest of one login's sshd RSS and of one program's RSS beyond
	# their private pages: an upper bound), plus N times what each patient has alone (the
	# program's, sshd's and any shell's USS, and the kernel's page tables and stacks for
	# their processes).
	fixed_kb=$((l_rss + s_rss - s_uss + rss_med - uss_med))
	patient_kb=$((uss_med + kernel_kb + s_uss + s_kernel + o_uss))
	with_sshd=$(awk -v b=$((2 * GB)) -v f="$fixed_kb" -v p="$patient_kb" \
	    'BEGIN { print int((b / 1024 - f) / p) }')
	with_sshd_1gb=$(awk -v b="$GB" -v f="$fixed_kb" -v p="$patient_kb" \
	    'BEGIN { print int((b / 1024 - f) / p) }')
	echo "sshd_version=$sshd_version"
	echo "sshd_logins=$ssh_n"
	echo "sshd_listener_uss_kb=$l_uss"
	echo "sshd_procs_per_patient=$s_procs"
	echo "sshd_uss_kb_per_patient=$s_uss"
	echo "sshd_pss_kb_per_patient=$s_pss"
	echo "sshd_rss_kb_per_patient=$s_rss"
	echo "sshd_fds_per_patient=$s_fds"
	echo "sshd_kernel_kb_per_patient=$s_kernel"
	echo "shell_procs_per_patient=$o_procs"
	echo "shell_uss_kb_per_patient=$o_uss"
	echo "ssh_program_uss_kb=$p_uss"
	echo "ssh_program_pss_kb=$p_pss"
	echo "host_shared_kb=$fixed_kb"
	echo "host_kb_per_patient=$patient_kb"
	echo "sessions_in_1gb_with_sshd=$with_sshd_1gb"
	echo "sessions_in_2gb_with_sshd=$with_sshd"
else
	echo "sshd_why=$sshd_why"
fi

echo
echo "Patients per host: $n wizards at once, 80x24, each on question $mid_q of the bundled"
echo "consultation ($half answered, $keys_to_mid keys); kB = 1,024 B, 1 GB = 10^9 B."
echo
printf '%-44s %10s %10s %10s\n' "per session" median min max
printf '%-44s %10s %10s %10s\n' "USS, kB (Private_Clean + Private_Dirty)" "$uss_med" "$uss_min" "$uss_max"
printf '%-44s %10s %10s %10s\n' "PSS, kB" "$pss_med" "$pss_min" "$pss_max"
printf '%-44s %10s %10s %10s\n' "RSS, kB" "$rss_med" "$rss_min" "$rss_max"
printf '%-44s %10s\n' "kernel, kB (page tables $pte_med + stack $kstack)" "$kernel_kb"
printf '%-44s %10s %10s %10s\n' "open files" "$fds_med" "" "$fds_max"
printf '%-44s %10s %10s %10s\n' "CPU to the first screen, us" "$cpu_start_med" "" "$cpu_start_max"
printf '%-44s %10s\n' "CPU per key, us (mean, idle cost taken off)" "$cpu_key_us"
printf '%-44s %10s %10s %10s\n' "CPU while idle, us per second" "$idle_cpu_med" "" "$idle_cpu_max"
printf '%-44s %10s\n' "wake-ups while idle, per second" "$idle_wake_med"
printf '%-44s %10s %10s %10s\n' "draft in the middle, bytes" "$draft_med" "" "$draft_max"
printf '%-44s %10s\n' "saved at the end: answers file, bytes" "$answers_b"
printf '%-44s %10s\n' "saved at the end: clinic record, bytes" "$report_b"
printf '%-44s %10s\n' "saved at the end: both on disk, kB" "$saved_disk_kb"
echo
printf '%-44s %10s\n' "private memory by mapping (median, kB)" ""
printf '%-44s %10s\n' "  heap (malloc)" "$heap_med"
printf '%-44s %10s\n' "  other anonymous (large mallocs, TLS)" "$panon_med"
printf '%-44s %10s\n' "  stack" "$stack_med"
printf '%-44s %10s\n' "  smpscreen's own file (data, relocations)" "$bin_med"
printf '%-44s %10s\n' "  shared libraries (data, relocations)" "$libs_med"
printf '%-44s %10s\n' "  other files (locale, catalogs)" "$other_med"
echo
printf '%-44s %10s %10s\n' "fits in" "by USS" "by PSS"
printf '%-44s %10s %10s\n' "1 GB" "$per_gb_uss" "$per_gb_pss"
printf '%-44s %10s %10s  (goal >= 1,000 by PSS: %s)\n' "2 GB" "$in_2gb_uss" "$in_2gb_pss" "$goal"
echo
echo "tmux's server (the harness's terminals, not the program's): USS $tmux_e_uss kB empty,"
echo "$tmux_f_uss kB with $n panes (PSS $tmux_f_pss kB, RSS $tmux_f_rss kB): $tmux_per_pane kB per pane."
if [ "$sshd_measured" = yes ]; then
	echo
	echo "$sshd_version, $ssh_n logins with doc/ssh.md's ForceCommand, each in the middle too:"
	echo "  the listener (once per host): USS $l_uss kB"
	echo "  per patient: $s_procs sshd processes, USS $s_uss kB, PSS $s_pss kB, RSS $s_rss kB,"
	echo "  $s_fds open files, $s_kernel kB of kernel memory (page tables, stacks);"
	echo "  $o_procs other processes (the login shell execs the program), USS $o_uss kB;"
	echo "  the program under sshd: USS $p_uss kB, PSS $p_pss kB"
	echo "  a host: $fixed_kb kB shared once (at most) + $patient_kb kB per patient (program + sshd"
	echo "  by USS, with their kernel memory): $with_sshd_1gb patients in 1 GB, $with_sshd in 2 GB"
	echo "  processes below the listener (count, user, command):"
	echo "$ssh_procs"
else
	echo
	echo "sshd: not measured ($sshd_why)."
fi
exit 0
