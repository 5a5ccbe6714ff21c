/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/kiosk.h"
#include "smpscreen/safefile.h"
#include "ui/term.h"
#include "ui/wizard.h"

/* Every reason the kiosk would be unsafe to leave with patients, before the terminal is
 * taken: each names what to fix. 0, or -1 after saying why on stderr. */
static int
refuse_unsafe(const struct cli *c, const struct content *ct, const char **dir)
{
	const char *settings = ct->st.path != NULL ? ct->st.path : _("the settings file");
	const char *why;
	char *cause = NULL;

	if ((why = term_unusable()) != NULL) {
		fprintf(stderr,
		    _("smpscreen: kiosk: %s; the kiosk needs a terminal of its own (a tty, or a "
		      "terminal window), never a pipe or plain mode\n"),
		    why);
		return -1;
	}
	if (ct->st.staff_pin_hash == NULL) {
		fprintf(stderr,
		    _("smpscreen: kiosk: staff_pin_hash is not set in %s: without it nobody could "
		      "end the kiosk; add the line that 'smpscreen pin-hash' prints\n"),
		    settings);
		return -1;
	}
	*dir = c->output_dir != NULL ? c->output_dir : ct->st.report_dir;
	if (*dir == NULL) {
		fprintf(stderr,
		    _("smpscreen: kiosk: report_dir is not set in %s: the kiosk saves every "
		      "consultation there (e.g. report_dir = \"/var/lib/smpscreen/reports\";)\n"),
		    settings);
		return -1;
	}
	if (safefile_private_dir(*dir, true, &cause) != 0) {
		fprintf(stderr, _("smpscreen: kiosk: report_dir: %s\n"), cause);
		free(cause);
		return -1;
	}
	return 0;
}

int
cmd_kiosk(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { 0 };
	struct content ct;
	struct kiosk *k = NULL;
	const char *dir = NULL, *why;
	int rc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr,
		    _("smpscreen: kiosk takes no arguments\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	if (c->no_save || c->consultant) {
		fprintf(stderr,
		    _("smpscreen: kiosk: --no-save and --consultant do not go with the kiosk, "
		      "which saves every consultation and asks the patient's questions only\n"));
		return EXIT_USAGE;
	}
	if (cli_load(c, &ct, &dl) != 0) {
		rc = cli_report_diags(&dl);
		goto out;
	}
	diag_print(&dl, stderr);
	diag_clear(&dl);
	if (refuse_unsafe(c, &ct, &dir) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (term_open(&why) != 0) {
		fprintf(stderr, _("smpscreen: kiosk: %s\n"), why);
		rc = EXIT_RUNTIME;
		goto out;
	}
	term_ignore_interrupts();
	k = kiosk_new(&ct,
	    &(struct kiosk_opts){ .report_dir = dir,
	        .pin_hash = ct.st.staff_pin_hash,
	        .idle_seconds = ct.st.kiosk_idle_seconds,
	        .today_set = c->today_set,
	        .today = c->today,
	        .ascii = c->ascii || !cli_locale_is_utf8() },
	    wizard_now());
	rc = wizard_kiosk(k,
	    &(struct wizard_opts){ .ascii = c->ascii || !cli_locale_is_utf8(),
	        .ask_client = ct.st.ask_client_identity,
	        .languages = cli_lang_menu(&ct) });
	/* Stopped (SIGTERM) over a result that could not be saved: exit 0 as asked, but the
	 * loss is said where an admin looks (the journal). */
	if (kiosk_underneath(k) == KIOSK_UNSAVED)
		fprintf(stderr,
		    _("smpscreen: kiosk: stopped with a consultation that could not be saved (%s); "
		      "it is lost\n"),
		    kiosk_save_problem(k) != NULL ? kiosk_save_problem(k) : "?");
	/* Wiped before the screen is given back. */
	kiosk_free(k);
	term_close();
out:
	diag_clear(&dl);
	content_free(&ct);
	return rc;
}
