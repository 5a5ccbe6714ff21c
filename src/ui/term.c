/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

#include "smpscreen/i18n.h"
#include "term.h"

/* Set from a signal handler: the only state shared with one. */
static volatile sig_atomic_t hung_up;
static SCREEN *screen;

static void
on_hangup(int sig)
{
	(void)sig;
	hung_up = 1;
}

/* A crash must not leave a patient's terminal raw and invisible: give it back, then die of
 * the same signal. (endwin is not async-signal-safe; at this point nothing else is.) */
static void
on_fatal(int sig)
{
	if (screen != NULL)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

bool
term_hung_up(void)
{
	return hung_up != 0;
}

/* Terminal families the wizard is drawn and tested for; anything else gets plain mode. */
static const char *const known_families[] = { "xterm", "screen", "tmux", "putty", "rxvt", "vt100",
	"vt102", "vt220", "linux", "ansi", "alacritty", "kitty", "foot", "konsole", "gnome",
	"wezterm", "st-256color", "st" };
static const char *const system_dirs[] = { "/etc/terminfo", "/lib/terminfo",
	"/usr/share/terminfo" };

static bool
known_good(const char *t)
{
	size_t i, n;

	for (i = 0; i < sizeof known_families / sizeof known_families[0]; i++) {
		n = strlen(known_families[i]);
		if (strncmp(t, known_families[i], n) == 0 && (t[n] == '\0' || t[n] == '-'))
			return true;
	}
	return false;
}

const char *
term_unusable(void)
{
	const char *t = getenv("TERM");
	int err = 0;
	size_t i;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return _("standard input or output is not a terminal");
	if (t == NULL || *t == '\0')
		return _("TERM is not set");
	if (strcmp(t, "dumb") == 0)
		return _("the terminal is 'dumb'");
	if (!known_good(t))
		return _("the terminal type in TERM is not one the wizard is known to work with");
	/* Descriptions come from the system's terminfo only: a user's own entry ($TERMINFO,
	 * ~/.terminfo) could make "clear screen" send anything. TERMINFO set to one
	 * directory makes ncurses search only there. setupterm with an error pointer reports
	 * instead of exiting as initscr would. */
	unsetenv("TERMINFO_DIRS");
	for (i = 0; i < sizeof system_dirs / sizeof system_dirs[0]; i++) {
		setenv("TERMINFO", system_dirs[i], 1);
		if (setupterm(NULL, STDOUT_FILENO, &err) == OK)
			break;
	}
	if (i == sizeof system_dirs / sizeof system_dirs[0]) {
		unsetenv("TERMINFO");
		return _("the terminal type in TERM is not known here");
	}
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1 || tigetstr("clear") == NULL ||
	    tigetstr("clear") == (char *)-1) {
		del_curterm(cur_term);
		return _("the terminal cannot position the cursor or clear the screen");
	}
	del_curterm(cur_term);
	return NULL;
}

int
term_open(const char **why)
{
	struct sigaction sa;

	if ((*why = term_unusable()) != NULL)
		return -1;
	/* The window's real size (use_tioctl), not stale LINES/COLUMNS from the environment
	 * (use_env); use_env(FALSE) alone would fall back to terminfo's 80x24 until the first
	 * resize. */
	use_env(FALSE);
	use_tioctl(TRUE);
	if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
		*why = _("the terminal could not be set up");
		return -1;
	}
	/*
	 * ncurses 6.4 flushes its output after every cursor movement of a screen that has never
	 * been through endwin (in doupdate's mvcur: "_endwin == ewInitial"), so one page
	 * change went out in a dozen writes, each its own packet over SSH (a reader like sshd
	 * saw 2.25 reads a key, up to 5). Leaving and coming back once, here, makes every
	 * refresh one write, for 71 bytes once at xterm-256color (leaving and re-entering the
	 * alternate screen), before anything is drawn.
	 */
	endwin();
	refresh();
	atexit(term_close);
	/* Raw: Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys; they never kill or stop a kiosk. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* tmux, screen and PuTTY send these for Home and End while calling themselves
	 * xterm, whose terminfo entry says otherwise. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	return 0;
}

void
term_close(void)
{
	if (screen == NULL)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
}

int
term_key(int timeout_ms)
{
	struct winsize ws;
	int k;

	timeout(timeout_ms);
	k = getch();
	/* A terminal that went away without a SIGHUP (blocked, or not sent to us) makes every
	 * read fail at once: without this check the loop would spin. */
	if (k == ERR && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0 && errno == EIO) {
		hung_up = 1;
		return -1;
	}
	/* A resize that landed just before the read is only seen by asking (ncurses checks
	 * its flag before blocking): every timeout looks at the real size again. */
	if (k == ERR && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resizeterm(ws.ws_row, ws.ws_col);
		return KEY_RESIZE;
	}
	return k == ERR ? -1 : k;
}

void
term_forget(void)
{
	const char *e3 = tigetstr("E3");

	flushinp();
	clear();
	clearok(curscr, TRUE);
	refresh();
	/* After the clear: a terminal that scrolls a cleared screen into its history (tmux's
	 * scroll-on-clear, VTE) must lose that too. */
	if (e3 != NULL && e3 != (char *)-1) {
		putp(e3);
		fflush(stdout);
	}
}

void
term_ignore_interrupts(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
}
