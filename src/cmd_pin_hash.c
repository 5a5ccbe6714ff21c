/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/pin.h"

/* Longer than any PIN, so that an over-long one is told apart from a cut one. */
#define LINE_MAX_PIN (PIN_MAX_LEN + 2)

/* One line from in into buf (the newline dropped); on a terminal, after a prompt and with
 * echo off. 0, 1 at end of input, -1 when the line is too long. */
static int
read_pin(FILE *in, FILE *prompt_to, const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(fileno(in)) != 0 && tcgetattr(fileno(in), &old) == 0;
	size_t n;
	int c, rc = 0;

	if (tty) {
		fputs(prompt, prompt_to);
		fflush(prompt_to);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		tcsetattr(fileno(in), TCSAFLUSH, &quiet);
	}
	for (n = 0; (c = getc(in)) != EOF && c != '\n';)
		if (n + 1 < size)
			buf[n++] = (char)c;
		else
			rc = -1;
	buf[n] = '\0';
	if (c == EOF && n == 0 && rc == 0)
		rc = 1;
	if (tty) {
		tcsetattr(fileno(in), TCSAFLUSH, &old);
		fputc('\n', prompt_to);
	}
	return rc;
}

int
cmd_pin_hash(const struct cli *c, int argc, char **argv)
{
	char pin[LINE_MAX_PIN + 1], again[LINE_MAX_PIN + 1];
	const char *why = NULL;
	char *hash = NULL;
	FILE *tty = NULL, *in = stdin, *prompt_to = stderr;
	int rc = EXIT_USAGE, r1, r2;

	(void)c;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr,
		    _("smpscreen: pin-hash takes no arguments\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	/* On a terminal, read from it and prompt on it, so that the settings line alone goes
	 * to standard output (smpscreen pin-hash >> settings.cfg). Piped in, read lines. */
	if (isatty(STDIN_FILENO) && (tty = fopen("/dev/tty", "r+")) != NULL)
		in = prompt_to = tty;
	r1 = read_pin(in, prompt_to, _("Staff PIN: "), pin, sizeof pin);
	r2 = r1 == 0 ? read_pin(in, prompt_to, _("The same PIN again: "), again, sizeof again) : 1;
	if (r1 < 0)
		why = _("a PIN has at most 64 characters");
	else if (r1 == 1 || r2 == 1)
		why = _("no PIN was given");
	else if ((why = pin_unfit(pin)) == NULL && (r2 < 0 || strcmp(pin, again) != 0))
		why = _("the two PINs differ");
	if (why != NULL) {
		fprintf(stderr, _("smpscreen: pin-hash: %s; nothing was printed\n"), why);
		goto out;
	}
	if ((hash = pin_hash(pin, &why)) == NULL) {
		fprintf(stderr, _("smpscreen: pin-hash: %s\n"), why);
		rc = EXIT_RUNTIME;
		goto out;
	}
	printf("staff_pin_hash = \"%s\";\n", hash);
	/* Said where the PIN was asked, not on standard output: that is the line alone. */
	if (tty != NULL)
		fprintf(tty,
		    _("Put this line inside the settings = { ... }; group of the clinic's "
		      "settings file.\n"));
	rc = EXIT_OK;
out:
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(again, sizeof again);
	free(hash);
	if (tty != NULL)
		fclose(tty);
	return rc;
}
