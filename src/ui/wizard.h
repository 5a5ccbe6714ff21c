/* SPDX-License-Identifier: ISC */
/* The full-screen wizard: one question per screen, review, result and saving. The only
 * front end that draws with curses; it decides nothing clinical (the session and the core
 * do). */
#ifndef SMPSCREEN_WIZARD_H
#define SMPSCREEN_WIZARD_H

#include <stdbool.h>

#include "smpscreen/kiosk.h"
#include "smpscreen/lang.h"
#include "smpscreen/session.h"

struct wizard_opts {
	bool ascii;      /* draw ASCII only (a terminal without UTF-8) */
	bool resumed;    /* the session holds a draft's answers: go straight to what is missing */
	bool ask_client; /* the clinic's ask_client_identity: the identity page comes first */
	const char *no_draft;       /* why no draft can be kept (the welcome page says so); NULL */
	struct lang_menu languages; /* offered on the welcome page (plain: at the start) */
};

/* Runs consultation s on the terminal term_open() already took, from the welcome page to the
 * end, and leaves the terminal open: one patient, for a caller that runs several. Returns an
 * exit status (EXIT_RUNTIME when the terminal went away or saving failed). */
int wizard_session(struct session *s, const struct wizard_opts *o);
/* Opens the terminal, runs wizard_session, gives the terminal back and says on stderr what
 * became of the answers. Returns an exit status; when the terminal cannot be used, returns
 * -1 without touching it (the caller falls back to plain mode). */
int wizard_run(struct session *s, const struct wizard_opts *o);
/* Runs kiosk k on the terminal term_open() already took: the welcome page, patient after
 * patient, until staff end it (or SIGTERM or SIGHUP arrives). Every patient is wiped from
 * the pages, the screen and the scrollback before the next. Returns an exit status. */
int wizard_kiosk(struct kiosk *k, const struct wizard_opts *o);
/* Milliseconds of a monotonic clock: the kiosk's time. */
long long wizard_now(void);

#endif
