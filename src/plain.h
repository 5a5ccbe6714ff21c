/* SPDX-License-Identifier: ISC */
/* Plain mode: the questionnaire as numbered line prompts, for screen readers, dumb terminals
 * and pipes. The accessible front end, and the fallback whenever the wizard cannot run. */
#ifndef SMPSCREEN_PLAIN_H
#define SMPSCREEN_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "exitcode.h"
#include "smpscreen/lang.h"
#include "smpscreen/session.h"

struct plain_opts {
	bool ascii;      /* the output is ASCII only */
	bool resumed;    /* s holds a draft's answers already (else a waiting draft is offered) */
	bool ask_client; /* the clinic's ask_client_identity: ask who the client is first */
	const char *notice;   /* said first, before the title (why this is plain mode); NULL */
	const char *no_draft; /* why no draft can be kept (the introduction says so); NULL */
	struct lang_menu languages; /* offered on the welcome page (plain: at the start) */
};

/* Runs consultation s on in/out as o says: questions, review, result, saving. Returns an
 * exit status (EXIT_OK, or EXIT_RUNTIME when input ends early or saving fails). */
int plain_run(struct session *s, const struct plain_opts *o, FILE *in, FILE *out);

#endif
