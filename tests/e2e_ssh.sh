#!/bin/sh
# SPDX-License-Identifier: ISC
# A patient at home over SSH, against a real OpenSSH server (issue: "Home over SSH", items 4
# and 5). The test starts its own sshd on 127.0.0.1 at a free port, with its own host key and
# the guide's settings (contrib/smpscreen-home.conf, as doc/ssh.md installs it; only the
# group, the program's path and the keys folder are changed), never the system's sshd. It
# makes a throwaway account the way the guide does (a home the account cannot change, keys
# with restrict,pty in a root-owned folder), logs in with a key through a pty in tmux,
# answers part of the mini consultation, kills the client, logs in again, continues the
# draft, finishes, and checks the clinic record saved in the account's reports folder and
# the patient's copy left in the terminal's scrollback. Then: ssh -N -L and -R forward
# nothing, ssh -T gets the line-by-line mode with a first line that says why, and a command
# on the ssh line still runs only smpscreen.
#
# Needs root (to create the account and run sshd), /usr/sbin/sshd, ssh, ssh-keygen, tmux
# and python3 (free ports, probing the forwarded port); otherwise it says SKIP and why. The
# account, its group, keys, home and server are removed whatever happens. Synchronisation is
# by polling for an expected state, never by sleeping.

. "$(dirname -- "$0")/lib.sh"

e2e_setup
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP needs root to create an account and run an sshd"
	exit 0
fi
for _p in /usr/sbin/sshd ssh ssh-keygen useradd userdel python3; do
	if ! command -v "$_p" >/dev/null 2>&1; then
		echo "1..0 # SKIP $_p not installed (apt-get install openssh-server openssh-client)"
		exit 0
	fi
done
tmux_setup
TODAY=2026-11-22
ACCT=smptest-$$
CONF=$SMP_SRCDIR/contrib/smpscreen-home.conf
GUIDE=$SMP_SRCDIR/doc/ssh.md
if getent passwd "$ACCT" >/dev/null || getent group "$ACCT" >/dev/null; then
	echo "Bail out! an account or group $ACCT exists already"
	exit 99
fi

# Everything of the server under one root-owned folder outside /tmp: with StrictModes (as
# in a real deployment) sshd refuses a keys file below a world-writable folder such as
# /tmp. The account must be able to reach the program, so the folder is 0755.
SD=$(mktemp -d /run/smpscreen-ssh.XXXXXX) || {
	echo "Bail out! cannot make a folder in /run"
	exit 99
}
chmod 0755 "$SD"
created=0 sshd_pid= fwd_pid=

ssh_cleanup() {
	# The clients first (their sessions end with them), then the server, then whatever
	# the account still runs (by pid: only processes of the account this test made).
	tm kill-server >/dev/null 2>&1
	[ -n "$fwd_pid" ] && kill -TERM "$fwd_pid" 2>/dev/null
	if [ -n "$sshd_pid" ]; then
		kill -TERM "$sshd_pid" 2>/dev/null
		wait "$sshd_pid" 2>/dev/null
	fi
	if [ "$created" = 1 ]; then
		for _p in $(ps -o pid= -u "$ACCT" 2>/dev/null); do kill -KILL "$_p" 2>/dev/null; done
		poll sh -c '! ps -o pid= -u "$1" >/dev/null 2>&1' sh "$ACCT"
		userdel "$ACCT" 2>/dev/null
		getent group "$ACCT" >/dev/null && groupdel "$ACCT" 2>/dev/null
	fi
	rm -rf "$SD"
	cleanup
}
trap ssh_cleanup EXIT
trap 'ssh_cleanup; exit 130' INT
trap 'ssh_cleanup; exit 143' TERM
trap 'ssh_cleanup; exit 129' HUP

# A port nobody listens on now (the kernel's choice; the server binds it a moment later).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- the program as the account runs it --------------------------------------------------
# The build's binary under test, with the mini questionnaire and a fixed date. sshd passes
# no environment but LANG and LC_*: the sanitizers' options are set here, their reports go
# to a file (the terminal is the patient's), and leak checking is off (a pty hang-up sends
# SIGCONT with SIGHUP, which can leave LeakSanitizer spinning at exit; e2e_wizard.sh checks
# leaks).
mkdir -p "$SD/bin" "$SD/data" "$SD/keys" "$SD/home/state" "$SD/home/reports" "$SD/san"
cp "$SMPSCREEN" "$SD/bin/smpscreen.real"
cp "$SMP_TEST_DATA/mini-questionnaire.cfg" "$SMP_TEST_DATA/mini-rules.cfg" "$SD/data/"
cat >"$SD/bin/smpscreen" <<EOF
#!/bin/sh
ASAN_OPTIONS=detect_leaks=0:log_path=$SD/san/asan
UBSAN_OPTIONS=print_stacktrace=1:log_path=$SD/san/ubsan
SMPSCREEN_DATADIR=$SD/data
export ASAN_OPTIONS UBSAN_OPTIONS SMPSCREEN_DATADIR
exec $SD/bin/smpscreen.real --questionnaire $SD/data/mini-questionnaire.cfg \\
    --rules $SD/data/mini-rules.cfg --today $TODAY "\$@"
EOF
chmod 0755 "$SD/bin/smpscreen" "$SD/bin/smpscreen.real"
chmod -R a+rX "$SD/data"

# --- the account, as the guide makes one ----------------------------------------------------
# A group of its own (the guide's smphome), the shell that runs ForceCommand, a home owned
# by root, so that the account cannot add keys, rc files or anything else, with the two
# folders the program writes: state/ (drafts) and reports/ (the clinic records), 0700. The
# password field is "*", not "!": without PAM, sshd refuses a locked account even a key.
if ! useradd --user-group --no-create-home --home-dir "$SD/home" --shell /bin/sh \
    --password '*' "$ACCT" 2>"$SD/useradd.err"; then
	echo "1..0 # SKIP useradd failed: $(head -n 1 "$SD/useradd.err")"
	exit 0
fi
created=1
chown "$ACCT:$ACCT" "$SD/home/state" "$SD/home/reports" "$SD/san"
chmod 0700 "$SD/home/state" "$SD/home/reports"
ssh-keygen -q -t ed25519 -N '' -C "$ACCT" -f "$SD/client_key"
printf 'restrict,pty %s\n' "$(cat "$SD/client_key.pub")" >"$SD/keys/$ACCT"
chmod 0644 "$SD/keys/$ACCT"

# --- the server -----------------------------------------------------------------------------
# The guide's block as an Include, like /etc/ssh/sshd_config.d/ on Debian; the main file has
# only what a test server needs (a port of its own, no PAM, keys only, this account only).
ssh-keygen -q -t ed25519 -N '' -f "$SD/host_key"
sed -e "s|/etc/ssh/smphome-keys|$SD/keys|" -e "s|Match Group smphome|Match Group $ACCT|" \
    -e "s|/usr/bin/smpscreen|$SD/bin/smpscreen|" "$CONF" >"$SD/smpscreen-home.conf"
PORT=$(free_port)
cat >"$SD/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $SD/host_key
PidFile $SD/sshd.pid
UsePAM no
PermitRootLogin no
AllowUsers $ACCT
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthenticationMethods publickey
StrictModes yes
LogLevel VERBOSE
Subsystem sftp internal-sftp
Include $SD/smpscreen-home.conf
EOF
# sshd's privilege separation needs its empty folder, which the package's service makes at
# boot. It stays: another sshd started meanwhile (a second run of this test) needs it too.
[ -d /run/sshd ] || mkdir -m 0755 /run/sshd
if ! /usr/sbin/sshd -t -f "$SD/sshd_config" 2>"$SD/sshd-t.err"; then
	echo "Bail out! sshd rejects the guide's configuration: $(head -n 1 "$SD/sshd-t.err")"
	exit 99
fi
/usr/sbin/sshd -D -e -f "$SD/sshd_config" -p "$PORT" 2>"$SD/sshd.log" &
sshd_pid=$!
_listening() { grep -q "Server listening on 127.0.0.1 port $PORT" "$SD/sshd.log" || _dead "$sshd_pid"; }
poll _listening
if _dead "$sshd_pid" || ! grep -q "Server listening" "$SD/sshd.log"; then
	echo "1..0 # SKIP sshd could not start: $(tail -n 1 "$SD/sshd.log")"
	sshd_pid=
	exit 0
fi
comment "sshd $sshd_pid on 127.0.0.1 port $PORT, account $ACCT"

# The client: root's own ssh configuration and known hosts are never read or written.
cat >"$SD/ssh" <<EOF
#!/bin/sh
exec ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \\
    -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR -o SendEnv=LANG \\
    -i $SD/client_key -p $PORT "\$@"
EOF
chmod 0755 "$SD/ssh"
HOST=$ACCT@127.0.0.1

# The pane's job: an interactive login (ssh -tt) that records the client's pid and, once
# it ends, its exit status; the pane stays for capture-pane.
cat >"$TMP/ssh-pane.sh" <<'EOF'
d=$1
while [ ! -e "$d/go" ]; do sleep 0.02; done
sh -c 'echo $$ >"$0/pid"; exec "$@"' "$d" "$SSH" -tt "$HOST" 2>"$d/err"
rc=$?
echo "EXIT=$rc" >"$d/status.new" && mv "$d/status.new" "$d/status"
echo "EXIT=$rc"
read -r _ || :
EOF
# ssh_login NAME: the login in a new 80x24 tmux session NAME (LANG and TERM as a patient's
# terminal would send them), with a scrollback long enough for the patient's copy.
ssh_login() {
	D=$TMP/$1
	mkdir -p "$D"
	derailed=0
	tm set -g history-limit 5000 >/dev/null &&
	    tm new-session -d -s "$1" -x 80 -y 24 "exec env LANG=C.UTF-8 TERM=screen \
SSH=$(quote "$SD/ssh") HOST=$(quote "$HOST") sh $(quote "$TMP/ssh-pane.sh") $(quote "$D")" &&
	    : >"$D/go"
}
# No process of the account is left: its sessions have ended.
_account_idle() { ! ps -o pid= -u "$ACCT" >/dev/null 2>&1; }
REPORTS=$SD/home/reports

# --- a consultation, the line dropped half-way ---------------------------------------------
ssh_login first
check_wait first "Enter: start" "login: the key logs in and gets the questionnaire"
keys first Enter
wait_for first "How old are you" && keys first 34 Enter
wait_for first "pregnant or breastfeeding" && keys first 1
wait_for first "Which result are you hoping" && keys first 1
check_wait first "Why are you considering SMP" "first: three questions answered"
# The line drops: the client dies without a word to the server, as a closed laptop's would
# (the server notices the closed connection; ClientAliveInterval covers a silent one).
P=$(cat "$TMP/first/pid" 2>/dev/null || echo 0)
case $(ps -o args= -p "$P" 2>/dev/null) in
ssh*) kill -KILL "$P" ;;
*) comment "no ssh client at pid $P" ;;
esac
if poll _account_idle; then ok "first: the session ends on the server when the client dies"
else not_ok "first: the session ends on the server when the client dies"; fi
DRAFT=$(draft_of "$SD/home/state")
check "first: the draft is kept in the account's state folder" test -f "$DRAFT"
is "$(file_mode "$DRAFT")" 600 "first: the draft is mode 0600"
check "first: the draft has the answers given" sh -c \
    'grep -q "age = 34" "$1" && grep -q "goal = " "$1" && ! grep -q "loss_reasons" "$1"' sh "$DRAFT"
is "$(files_in "$REPORTS")" "" "first: nothing is saved in the reports folder yet"

# --- logging in again: the draft is offered and continued ------------------------------------
ssh_login second
check_wait second "r: continue where you left off" "second: the welcome screen offers the draft"
keys second r
check_wait second "Why are you considering SMP" "second: r continues at the first unanswered question"
keys second 2 Enter
wait_for second "scalp scars you would" && keys second 1 Enter
wait_for second "Do any of these apply" && keys second 1 Enter
wait_for second "Prices vary" && keys second Enter
wait_for second "Review your answers" && keys second End Enter
check_wait second "Saved to " "second: the result is shown and saved"
keys second q
run_exit second
is "$rc" 0 "second: the program ends and the client exits 0"
tm capture-pane -p -S - -E - -t second >"$TMP/second/scrollback" 2>/dev/null
# The copy is what follows the line that announces it, after the full screen is gone.
sed -n '/^Your screening summary, to keep:$/,$p' "$TMP/second/scrollback" >"$TMP/second/copy"
check "second: the patient's copy is printed into the terminal after the full screen" \
    grep -q "^Your SMP screening summary" "$TMP/second/copy"
check "second: ... with the result" grep -q "Your result: Suitable" "$TMP/second/copy"
check "second: ... and the answers given before and after the drop" \
    sh -c 'grep -q "34 years" "$1" && grep -q "Scar(s) on the scalp" "$1"' sh "$TMP/second/copy"
check "second: ... and the line after it says the clinic's record was saved" \
    grep -q "End of your screening summary. The clinic's record of it was saved." "$TMP/second/copy"
check "second: the copy is the patient's, not the clinic record" \
    not grep -q "Mode: " "$TMP/second/copy"

R=$(find "$REPORTS" -name '*-report.txt' 2>/dev/null | head -n 1)
A=$(find "$REPORTS" -name '*-answers.cfg' 2>/dev/null | head -n 1)
is "$(files_in "$REPORTS" | wc -l | tr -d ' ')" 2 "saved: an answers file and a report in the reports folder"
is "$(file_mode "${R:-/nonexistent}")" 600 "saved: the report is mode 0600"
is "$(file_mode "${A:-/nonexistent}")" 600 "saved: the answers file is mode 0600"
is "$(stat -c %U "${R:-/nonexistent}" 2>/dev/null)" "$ACCT" "saved: ... owned by the account"
check "saved: the clinic record says it was taken at home, over SSH" \
    grep -q "Mode: at home, over SSH" "${R:-/nonexistent}"
check "saved: the answers file records mode home" grep -q 'mode = "home"' "${A:-/nonexistent}"
check "saved: the draft is gone" test -n "$DRAFT" -a ! -e "$DRAFT" -a "$(n_drafts "$SD/home/state")" = 0
# The copy printed is the patient's copy of the saved answers, word for word.
"$SMPSCREEN" screen --copy patient --page-lines 0 --today "$TODAY" \
    --questionnaire "$SMP_TEST_DATA/mini-questionnaire.cfg" --rules "$SMP_TEST_DATA/mini-rules.cfg" \
    "${A:-/nonexistent}" >"$TMP/copy.want" 2>"$TMP/copy.err"
sed -e '1,2d' -e '/^End of your screening summary/,$d' "$TMP/second/copy" |
    sed -e '$ { /^$/d; }' >"$TMP/copy.got"
same_file "$TMP/copy.want" "$TMP/copy.got" "second: the printed copy is smpscreen screen --copy patient of the saved answers"
done_run second
done_run first

# --- forwarding ---------------------------------------------------------------------------
# ssh -N -L: the client listens locally, but the server refuses every channel through it;
# the target (this sshd itself) would answer with its banner if anything got through.
PORT2=$(free_port)
"$SD/ssh" -N -L "$PORT2:127.0.0.1:$PORT" "$HOST" 2>"$TMP/fwd.err" &
fwd_pid=$!
cat >"$TMP/probe.py" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(10)
data = b""
try:
    while True:
        chunk = s.recv(256)
        if not chunk:
            break
        data += chunk
except socket.timeout:
    pass
sys.stdout.write(data.decode("ascii", "replace"))
EOF
_listens() { python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()' "$1" 2>/dev/null; }
if poll _listens "$PORT2"; then
	python3 "$TMP/probe.py" "$PORT2" >"$TMP/probe.out" 2>&1
	check "ssh -N -L: nothing comes through the forwarded port" not grep -q "SSH-" "$TMP/probe.out"
	if poll grep -q "refused local port forward" "$SD/sshd.log"; then
		ok "ssh -N -L: sshd refused the forward"
	else
		not_ok "ssh -N -L: sshd refused the forward"
		comment_file "$SD/sshd.log" 40
	fi
else
	not_ok "ssh -N -L: the client's local port opened"
	comment_file "$TMP/fwd.err" 10
fi
kill -TERM "$fwd_pid" 2>/dev/null
wait "$fwd_pid" 2>/dev/null
fwd_pid=
# ssh -R: the server refuses to listen for the client.
PORT3=$(free_port)
"$SD/ssh" -N -o ExitOnForwardFailure=yes -R "$PORT3:127.0.0.1:$PORT" "$HOST" </dev/null \
    >"$TMP/rfwd.out" 2>"$TMP/rfwd.err"
rc=$?
check "ssh -N -R: the server refuses the remote forward (the client exits with an error)" \
    test "$rc" != 0
check "ssh -N -R: nothing listens on the port asked for" not _listens "$PORT3"

# --- no terminal: ssh -T gets the line-by-line mode ---------------------------------------
printf '34\n1\n1\n2\n1\n1\n\n\n' >"$TMP/mini.in"
"$SD/ssh" -T "$HOST" <"$TMP/mini.in" >"$TMP/plain.out" 2>"$TMP/plain.err"
rc=$?
is "$rc" 0 "ssh -T: the consultation is answered line by line, exit 0"
is "$(head -n 1 "$TMP/plain.out")" "Line-by-line mode: this connection has no terminal." \
    "ssh -T: the first line says why it is line by line"
check "ssh -T: the patient's copy is printed" grep -q "Your result: Suitable" "$TMP/plain.out"
check "ssh -T: the clinic record is saved in the reports folder" \
    sh -c 'test "$(grep -l "Mode: at home, over SSH" "$1"/*-report.txt | wc -l)" = 2' sh "$REPORTS"
check "ssh -T: no control characters reach the client" no_controls "$TMP/plain.out"

# --- a command on the ssh line still runs only smpscreen -------------------------------------
"$SD/ssh" "$HOST" "/bin/sh -c 'echo pwned; touch $REPORTS/pwned'" </dev/null \
    >"$TMP/cmd.out" 2>"$TMP/cmd.err"
rc=$?
is "$rc" 1 "command: smpscreen runs instead and ends with the input (exit 1)"
is "$(head -n 1 "$TMP/cmd.out")" "Line-by-line mode: this connection has no terminal." \
    "command: what answers is smpscreen's line-by-line mode"
check "command: the command did not run" sh -c \
    '! grep -q pwned "$1" "$2" && test ! -e "$3/pwned"' sh "$TMP/cmd.out" "$TMP/cmd.err" "$REPORTS"
# sftp asks for a subsystem: ForceCommand answers that too.
printf 'ls /\n' >"$TMP/sftp.in"
sftp -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR -i "$SD/client_key" \
    -P "$PORT" -b "$TMP/sftp.in" "$HOST" >"$TMP/sftp.out" 2>&1
rc=$?
check "sftp: no file transfer (the subsystem is smpscreen too)" test "$rc" != 0

# --- what the test leaves ---------------------------------------------------------------------
is "$(files_in "$SD/san")" "" "no sanitizer report from the program under sshd"
[ -z "$(files_in "$SD/san")" ] || comment_file "$(find "$SD/san" -type f | head -n 1)" 40
check "the guide shows contrib/smpscreen-home.conf as it is" sh -c \
    'sed -n "/^Match Group smphome\$/,/^\`\`\`\$/p" "$1" | sed "\$d" >"$3" &&
     sed -n "/^Match Group smphome\$/,\$p" "$2" | cmp -s - "$3"' sh "$GUIDE" "$CONF" "$TMP/guide.block"
done_testing
