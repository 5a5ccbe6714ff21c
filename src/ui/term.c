#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

#include "smpscreen/i18n.h"
#include "smpscreen/term.h"

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

const char *
term_unusable(void)
{
	const char *t = getenv("TERM");
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return _("standard input or output is not a terminal");
	if (t == NULL || *t == '\0')
		return _("TERM is not set");
	if (strcmp(t, "dumb") == 0)
		return _("the terminal is 'dumb'");
	/* setupterm with an error pointer reports instead of exiting as initscr would. */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return _("the terminal type in TERM is not known here");
	if (tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1 ||
	    tigetstr("clear") == NULL || tigetstr("clear") == (char *)-1) {
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
	if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
		*why = _("the terminal could not be set up");
		return -1;
	}
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
	/* A resize that landed just before the read is only seen by asking (ncurses checks
	 * its flag before blocking): every timeout looks at the real size again. */
	if (k == ERR && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resizeterm(ws.ws_row, ws.ws_col);
		return KEY_RESIZE;
	}
	return k == ERR ? -1 : k;
}
