/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/safefile.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* Appends report i of n; `array` makes JSON (and FHIR) a list even when a directory held one file,
 * so that a caller reading a directory always gets the same shape. */
static void
render(const struct cli *c, const struct content *ct, const struct answers *a, struct strbuf *out,
    size_t i, size_t n, bool array)
{
	struct outcome *oc = outcome_compute(ct->rs, a, &ct->st, cli_today(c));
	struct report_input in = { .qn = ct->qn,
		.rs = ct->rs,
		.tx = ct->tx,
		.st = &ct->st,
		.ans = a,
		.oc = oc,
		.answers_path = a->path };
	struct report_opts opts = { .ascii = c->ascii,
		.width = 72,
		.copy = c->copy,
		.page_lines = c->page_lines };

	switch (c->format) {
	case FORMAT_JSONL:
		/* One line per file whatever their number: a stream a reader takes line by line. */
		report_write_jsonl(out, &in);
		break;
	case FORMAT_CSV:
		/* One header for the whole table: every file is screened on one questionnaire. */
		if (i == 0)
			report_write_csv_header(out, ct->qn);
		report_write_csv_row(out, &in);
		break;
	case FORMAT_JSON:
	case FORMAT_FHIR:
		/* Several files make a JSON array, one object (a FHIR Bundle) per file, in
		 * argument order. */
		if (array)
			sb_append(out, i == 0 ? "[\n" : ",\n");
		if (c->format == FORMAT_FHIR)
			report_write_fhir(out, &in);
		else
			report_write_json(out, &in);
		if (array && out->len > 0 && out->buf[out->len - 1] == '\n')
			out->buf[--out->len] = '\0';
		if (array && i == n - 1)
			sb_append(out, "\n]\n");
		break;
	case FORMAT_TEXT:
		/* A form feed between reports: each starts on a page of its own (a paged
		 * report ends with its footer line). */
		if (i > 0)
			sb_append(out, c->page_lines > 0 ? "\f" : "\f\n");
		report_write_text(out, &in, &opts);
		break;
	}
	outcome_free(oc);
}

int
cmd_screen(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { 0 };
	struct content ct;
	struct cli_paths paths = { 0 };
	struct answers **all = NULL;
	struct strbuf out = { 0 };
	char *cause = NULL;
	size_t i;
	int rc = EXIT_USAGE;
	bool any_dir = false, to_stdout = c->output == NULL || strcmp(c->output, "-") == 0;

	if (argc == 0) {
		fprintf(stderr,
		    _("smpscreen: screen needs at least one answer file\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	if (cli_load(c, &ct, &dl) != 0)
		goto out;
	for (i = 0; i < (size_t)argc; i++)
		cli_expand(argv[i], &paths, &any_dir, &dl);
	/* Every file is read and checked before anything is written: all errors, or a result. */
	all = xcalloc(paths.n ? paths.n : 1, sizeof *all);
	for (i = 0; i < paths.n; i++)
		answers_load(&all[i], paths.items[i], ct.qn, &dl);
	for (i = 0; i < paths.n; i++)
		if (all[i] != NULL && all[i]->n_ignored > 0)
			for (size_t k = 0; k < all[i]->n_ignored; k++)
				diag_add(&dl, DIAG_WARNING, paths.items[i], all[i]->ignored[k].line,
				    _("answer to '%s' ignored: the question is not shown for these "
				      "answers"),
				    all[i]->ignored[k].id);
	if (diag_errors(&dl) != 0 || paths.n == 0)
		goto out;
	rc = EXIT_OK;
	for (i = 0; i < paths.n; i++) {
		render(c, &ct, all[i], &out, i, paths.n, paths.n > 1 || any_dir);
		/* Standard output gets the reports as they are made; main() reports a failed
		 * write, and there is no point rendering more once it has failed. */
		if (to_stdout && (out.len > 65536 || i == paths.n - 1)) {
			fwrite(out.buf, 1, out.len, stdout);
			sb_reset(&out);
			if (ferror(stdout))
				break;
		}
	}
	if (!to_stdout && safefile_write(c->output, sb_str(&out), out.len, &cause) != 0) {
		fprintf(stderr, "smpscreen: %s\n", cause);
		rc = EXIT_RUNTIME;
	}
out:
	diag_print(&dl, stderr);
	if (rc == EXIT_USAGE && diag_errors(&dl) == 0 && paths.n == 0)
		fprintf(stderr, _("smpscreen: no answer files to screen\n"));
	for (i = 0; all != NULL && i < paths.n; i++)
		answers_free(all[i]);
	free(all);
	cli_paths_free(&paths);
	free(cause);
	sb_free(&out);
	diag_clear(&dl);
	content_free(&ct);
	return rc;
}
