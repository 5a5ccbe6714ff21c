/* The full-screen wizard: one question per screen, review, result and saving. The only
 * front end that draws with curses; it decides nothing clinical (the core does). */
#ifndef SMPSCREEN_WIZARD_H
#define SMPSCREEN_WIZARD_H

#include "cli.h"

/* Runs a whole consultation on the terminal. Returns an exit status; when the terminal
 * cannot be used, returns -1 without touching it (the caller falls back to plain mode). */
int wizard_run(struct cli *c);

#endif
