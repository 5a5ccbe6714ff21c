/* SPDX-License-Identifier: ISC */
/* The terminal for the full-screen wizard: deciding whether one can be used, setting it up
 * (raw keys, no echo), reading keys with a timeout, and always giving it back. */
#ifndef SMPSCREEN_TERM_H
#define SMPSCREEN_TERM_H

#include <stdbool.h>

/* NULL when a full-screen interface can run here; otherwise why not (a static string):
 * standard input or output is not a terminal, TERM is unset, unknown or "dumb", or the
 * terminal cannot position the cursor or clear the screen. */
const char *term_unusable(void);
/* Takes over the terminal. 0, or -1 with *why (static) when it cannot. */
int term_open(const char **why);
/* Gives the terminal back as it was; safe to call twice, and called at exit. */
void term_close(void);
/* The next key as wgetch() returns it, or -1 after timeout_ms without one (so that a
 * resize that arrived during the wait is still noticed). */
int term_key(int timeout_ms);
/* Between two patients: drops keys typed ahead, clears the screen and, where terminfo says
 * how (E3), the terminal's scrollback. */
void term_forget(void);
/* Ctrl-C, Ctrl-Z and Ctrl-\ signals are ignored (raw mode already makes them keys; this
 * also covers a terminal whose settings something else changed). */
void term_ignore_interrupts(void);
/* True once SIGHUP (a dropped connection) or SIGTERM has arrived. */
bool term_hung_up(void);

#endif
