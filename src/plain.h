/* SPDX-License-Identifier: ISC */
/* Plain mode: the questionnaire as numbered line prompts, for screen readers, dumb terminals
 * and pipes. The accessible front end, and the fallback whenever the wizard cannot run. */
#ifndef SMPSCREEN_PLAIN_H
#define SMPSCREEN_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "exitcode.h"
#include "smpscreen/session.h"

/* Runs consultation s on in/out: questions, review, result, saving. ascii: the output is
 * ASCII only; resumed: s holds a draft's answers already (else a waiting draft is offered).
 * Returns an exit status (EXIT_OK, or EXIT_RUNTIME when input ends early or saving fails). */
int plain_run(struct session *s, bool ascii, bool resumed, FILE *in, FILE *out);

#endif
