/* Plain mode: the questionnaire as numbered line prompts, for screen readers, dumb terminals
 * and pipes. The accessible front end, and the fallback whenever the wizard cannot run. */
#ifndef SMPSCREEN_PLAIN_H
#define SMPSCREEN_PLAIN_H

#include <stdio.h>

#include "cli.h"

/* Runs the whole consultation on in/out: questions, review, result, saving. Returns an exit
 * status (EXIT_OK, or EXIT_RUNTIME when input ends early or saving fails). */
int plain_run(struct cli *c, FILE *in, FILE *out);

#endif
