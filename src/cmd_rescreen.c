/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/rescreen.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * `smpscreen rescreen`: before a clinic switches to a new questionnaire, rules or settings
 * file, which saved screenings would come out differently. The old content is what a run
 * without options uses (the bundled files and the system's settings file); the new one is
 * the same with the options' files in their place. A file the old content refuses never
 * screened and is bad input, reported like `screen` does: every error, and no report. A
 * file the new content refuses is a result (not_accepted).
 */

int
cmd_rescreen(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { 0 };
	struct content old, new;
	struct cli base = *c;
	struct cli_paths paths = { 0 };
	struct rescreen_change **changed = NULL, *one;
	struct rescreen_run run = { 0 };
	struct strbuf out = { 0 };
	bool loaded = false;
	size_t i;
	int rc = EXIT_USAGE;

	memset(&old, 0, sizeof old);
	memset(&new, 0, sizeof new);
	if (c->questionnaire_path == NULL && c->rules_path == NULL && c->settings_path == NULL) {
		fprintf(stderr,
		    _("smpscreen: rescreen compares the content in use with the one that "
		      "--questionnaire, --rules or --settings names; without them both are the "
		      "same, and there is nothing to compare\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	if (argc == 0) {
		fprintf(stderr,
		    _("smpscreen: rescreen needs at least one answer file\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	base.questionnaire_path = base.rules_path = base.settings_path = NULL;
	/* Both contents load whatever happens, so that a broken new file and a broken old
	 * one are reported together. */
	loaded = cli_load(&base, &old, &dl) == 0;
	loaded = cli_load(c, &new, &dl) == 0 && loaded;
	if (!loaded)
		goto out;
	for (i = 0; i < (size_t)argc; i++)
		cli_expand(argv[i], &paths, NULL, &dl);
	run.old = &old;
	run.new = &new;
	run.today = cli_today(c);
	/* Every file is read and compared before anything is written: all errors, or a
	 * result. Only changes are kept; the rest are counted. */
	changed = xcalloc(paths.n ? paths.n : 1, sizeof *changed);
	for (i = 0; i < paths.n; i++) {
		if (rescreen_file(&one, paths.items[i], &old, &new, run.today, &dl) != 0)
			continue;
		rescreen_count(&run.summary, one);
		if (one->kind == RESCREEN_SAME)
			rescreen_change_free(one);
		else
			changed[run.n_changes++] = one;
	}
	if (diag_errors(&dl) != 0 || paths.n == 0)
		goto out;
	run.changes = changed;
	switch (c->format) {
	case FORMAT_JSON:
		rescreen_write_json(&out, &run);
		break;
	case FORMAT_CSV:
		rescreen_write_csv(&out, &run);
		break;
	default:
		rescreen_write_text(&out, &run, c->ascii);
		break;
	}
	fwrite(sb_str(&out), 1, out.len, stdout);
	rc = run.n_changes > 0 ? EXIT_CHANGED : EXIT_OK;
out:
	diag_print(&dl, stderr);
	if (rc == EXIT_USAGE && diag_errors(&dl) == 0 && paths.n == 0)
		fprintf(stderr, _("smpscreen: no answer files to screen\n"));
	for (i = 0; changed != NULL && i < run.n_changes; i++)
		rescreen_change_free(changed[i]);
	free(changed);
	cli_paths_free(&paths);
	sb_free(&out);
	diag_clear(&dl);
	content_free(&old);
	content_free(&new);
	return rc;
}
