/* SPDX-License-Identifier: ISC */
/* `smpscreen review ANSWERS`: a consultant goes through a saved consultation, confirming or
 * changing each answer with a reason, and may record a decision of their own; the result
 * is saved over the file, with its report beside it. The session does the work; this only
 * opens it and hands it to a front end. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "plain.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"
#include "ui/term.h"
#include "ui/wizard.h"

/* Known before the review, not after it: the folder must take a new file (saving replaces
 * the answers atomically), and the answers and report must be files a save may replace. */
static int
check_writable(const char *path)
{
	char *copy = xstrdup(path), *shown, *cause = NULL;
	const char *dir = dirname(copy);
	int rc = 0;

	if (access(dir, W_OK | X_OK) != 0) {
		shown = text_escape_unclean(dir, strlen(dir));
		fprintf(stderr, _("smpscreen: cannot save in %s: %s\n"), shown, strerror(errno));
		free(shown);
		rc = -1;
	} else if (session_review_writable(path, NULL, &cause) != 0) {
		fprintf(stderr, "smpscreen: %s\n", cause);
		free(cause);
		rc = -1;
	}
	free(copy);
	return rc;
}

int
cmd_review(const struct cli *c, bool plain, int argc, char **argv)
{
	struct cli o = *c;
	struct diag_list dl = { 0 };
	struct content ct;
	struct session *s = NULL;
	bool ascii;
	int rc;

	if (argc != 1) {
		fprintf(stderr, "smpscreen: %s\n",
		    _("review takes one answers file (a saved consultation)"));
		fprintf(stderr, _("Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	if (c->no_save || c->output_dir != NULL) {
		fprintf(stderr, "smpscreen: %s\n",
		    _("review saves the consultation in place: --no-save and --output-dir do not "
		      "go with it"));
		fprintf(stderr, _("Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	/* The consultant-only questions are the reviewer's to answer. */
	o.consultant = true;
	if (cli_load(&o, &ct, &dl) != 0) {
		rc = cli_report_diags(&dl);
		goto out;
	}
	diag_print(&dl, stderr);
	diag_clear(&dl);
	s = cli_session(&o, &ct, NULL);
	if (session_open_review(s, argv[0], &dl) != 0) {
		rc = cli_report_diags(&dl);
		goto out;
	}
	/* Answers the file holds for questions it does not show: said before the review, which
	 * keeps them on record as put aside. */
	diag_print(&dl, stderr);
	diag_clear(&dl);
	/* Known now, not after the whole review. */
	if (check_writable(argv[0]) != 0) {
		rc = EXIT_RUNTIME;
		goto out;
	}
	ascii = c->ascii || !cli_locale_is_utf8();
	rc = plain || term_unusable() != NULL ?
	    -1 :
	    wizard_run(s, &(struct wizard_opts){ .ascii = ascii, .languages = cli_lang_menu(&ct) });
	if (rc == -1)
		rc = plain_run(s,
		    &(struct plain_opts){ .ascii = ascii, .languages = cli_lang_menu(&ct) }, stdin,
		    stdout);
out:
	session_free(s);
	diag_clear(&dl);
	content_free(&ct);
	return rc;
}
