/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "plain.h"
#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"
#include "ui/term.h"
#include "ui/wizard.h"

/* When the wizard cannot run because of the terminal type (TERM unset, unknown here, or a
 * terminal the wizard is not made for) on what is otherwise a terminal, says so in one line,
 * with the way to get the full screen. Not for pipes or TERM=dumb: those ask for plain mode
 * on purpose. */
static void
say_why_plain(const char *why)
{
	const char *t = getenv("TERM");
	const char *fix = "TERM=xterm-256color smpscreen";

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
	    (t != NULL && strcmp(t, "dumb") == 0))
		return;
	/* TERM comes from the client over SSH: shown only when it cannot be anything but a
	 * name. */
	if (t != NULL && *t != '\0' && strlen(t) <= 64 &&
	    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-_") ==
	        strlen(t))
		fprintf(stderr,
		    _("smpscreen: TERM=%s: %s; the questions are asked line by line (for the full "
		      "screen: %s)\n"),
		    t, why, fix);
	else
		fprintf(stderr,
		    _("smpscreen: %s; the questions are asked line by line (for the full screen: "
		      "%s)\n"),
		    why, fix);
}

/*
 * The patient's copy as plain text on stdout, once the wizard has given the terminal back:
 * the full screen vanishes at the end (the alternate screen), and a patient at home keeps
 * this in the scrollback of their own terminal, to copy or print. Only over SSH: at a
 * clinic workstation the next person to sit down would find it in the scrollback.
 */
static void
keep_copy(struct session *s, bool ascii)
{
	struct strbuf copy = { .secret = true }, out = { .secret = true };

	sb_printf(&copy, "\n%s\n\n", _("Your screening summary, to keep:"));
	/* The patient's copy, also when a consultant ran the wizard for them. */
	session_render_copy(s, REPORT_COPY_PATIENT, 72, ascii, &copy);
	sb_printf(&copy, "\n%s\n",
	    session_saved(s) ? _("End of your screening summary. The clinic's record of it was "
	                         "saved.") :
	                       _("End of your screening summary."));
	if (ascii)
		text_to_ascii(&out, sb_str(&copy));
	fputs(ascii ? sb_str(&out) : sb_str(&copy), stdout);
	fflush(stdout);
	sb_free(&copy);
	sb_free(&out);
}

/*
 * Finds out now, not after twenty minutes of questions, that nothing could be saved. A folder
 * named for it (--output-dir, report_dir) is made 0700 when missing, and refused when it is
 * another user's or others may write to it: they could remove or swap the records. The
 * working directory, the default, is where the person chose to run the program (the quick
 * start runs in a source tree, often as root with sudo, or with a umask of 002): it only
 * needs to be writable. 0, or -1 after saying why on stderr.
 */
static int
check_save_dir(const struct cli *c, const struct content *ct)
{
	const char *dir = cli_save_dir(c, ct), *what;
	char *cause = NULL, *shown;

	if (c->no_save)
		return 0;
	if (c->output_dir == NULL && ct->st.report_dir == NULL) {
		if (access(dir, W_OK | X_OK) == 0)
			return 0;
		cause = xasprintf(_("cannot save in %s: %s"), dir, strerror(errno));
		what = NULL;
	} else if (safefile_private_dir(dir, true, &cause) == 0)
		return 0;
	else
		what = c->output_dir != NULL ? "--output-dir" : "report_dir";
	/* A folder's name is whatever bytes someone chose: never raw to the terminal. */
	shown = text_escape_unclean(cause, strlen(cause));
	if (what != NULL)
		fprintf(stderr, "smpscreen: %s: %s\n", what, shown);
	else
		fprintf(stderr, "smpscreen: %s\n", shown);
	free(shown);
	free(cause);
	return -1;
}

int
cmd_consult(const struct cli *c, bool plain)
{
	struct diag_list dl = { 0 };
	struct content ct;
	struct session *s = NULL;
	const char *why, *notice = NULL;
	char *draft_dir = NULL, *no_draft = NULL;
	bool ascii, resumed = c->resume_path != NULL;
	int rc;

	if (cli_load(c, &ct, &dl) != 0) {
		rc = cli_report_diags(&dl);
		goto out;
	}
	diag_print(&dl, stderr);
	diag_clear(&dl);
	if (check_save_dir(c, &ct) != 0) {
		rc = EXIT_RUNTIME;
		goto out;
	}
	/* Without a draft folder the consultation still runs; the front end says at once that
	 * a dropped line would lose the answers, and why. */
	draft_dir = cli_draft_dir(&no_draft);
	if (no_draft != NULL) {
		/* It names a folder, whatever bytes someone chose: never raw to the terminal. */
		char *shown = text_escape_unclean(no_draft, strlen(no_draft));

		free(no_draft);
		no_draft = shown;
	}
	s = cli_session(c, &ct, draft_dir);
	/* A draft is read before the terminal is taken, so that its errors can be printed. */
	if (resumed && session_resume(s, c->resume_path, &dl) != 0) {
		rc = cli_report_diags(&dl);
		goto out;
	}
	/* A terminal that cannot show UTF-8 gets ASCII rather than mojibake. */
	ascii = c->ascii || !cli_locale_is_utf8();
	/* The wizard when the terminal allows it; plain mode for screen readers (--plain), dumb
	 * terminals, pipes and unknown TERMs. */
	if (!plain && (why = term_unusable()) != NULL) {
		say_why_plain(why);
		/* Over SSH without a terminal (ssh -T, a command on the ssh line): the person at
		 * the other end may not have chosen line mode and may be listening through a
		 * screen reader, so the first line they hear says why. A local pipe chose it on
		 * purpose and stays quiet: scripts read what it prints. Short enough to stay one
		 * line at the plain mode's 72 columns. */
		if (cli_remote() && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
			notice = _("Line-by-line mode: this connection has no terminal.");
		plain = true;
	}
	rc = plain ? -1 :
	             wizard_run(s,
	                 &(struct wizard_opts){ .ascii = ascii,
	                     .resumed = resumed,
	                     .ask_client = ct.st.ask_client_identity,
	                     .no_draft = no_draft,
	                     .languages = cli_lang_menu(&ct) });
	/* The result reached and still the answers' own (not changed after it), and someone
	 * still there to read it. */
	if (rc != -1 && cli_remote() && session_finished(s) && !term_hung_up())
		keep_copy(s, ascii);
	if (rc == -1)
		rc = plain_run(s,
		    &(struct plain_opts){ .ascii = ascii,
		        .resumed = resumed,
		        .ask_client = ct.st.ask_client_identity,
		        .notice = notice,
		        .no_draft = no_draft,
		        .languages = cli_lang_menu(&ct) },
		    stdin, stdout);
out:
	/* Nothing of this consultation outlives it in memory. */
	session_free(s);
	free(draft_dir);
	free(no_draft);
	diag_clear(&dl);
	content_free(&ct);
	return rc;
}
