/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/safefile.h"
#include "smpscreen/spool.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* Appends report i of n; `array` makes JSON (and FHIR) a list even when a directory held one file,
 * so that a caller reading a directory always gets the same shape. */
static void
render(const struct cli *c, const struct content *ct, const struct answers *a, struct strbuf *out,
    size_t i, size_t n, bool array, struct report_memo *memo)
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
		.page_lines = c->page_lines,
		.memo = memo };

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

/* Kept of each level, errors and warnings: a batch of a million bad files needs no more
 * memory for its messages than one of a thousand, and nobody reads more. */
#define SCREEN_MAX_DIAGS 1000
/* Reports are written out whenever this much is waiting. */
#define SCREEN_FLUSH (64 * 1024)

/*
 * A batch is read once, and every error still comes before any report: the reports wait in a
 * spool (memory, then a temporary file with no name) until the last file has been read and
 * found good, and only then go out; -o's temporary file does the same for -o. Memory stays
 * the same however many files there are, and each file costs one read and one parse (issue
 * 15: reading each file twice, to check and then to report, cost a parse per file).
 */
struct batch_out {
	struct spool *spool;          /* standard output */
	struct safefile_stream *file; /* -o */
	char *cause;                  /* why the output failed; NULL while it works */
};

/* Moves what out holds to where the batch's reports go, and empties it. */
static void
batch_put(struct batch_out *bo, struct strbuf *out)
{
	if (bo->cause == NULL && out->len > 0) {
		if (bo->file != NULL)
			(void)safefile_append(bo->file, sb_str(out), out->len, &bo->cause);
		else
			(void)spool_take(bo->spool, out, &bo->cause);
	}
	sb_reset(out);
	/* The spool took the buffer whole: the next one starts at the size it will reach. */
	sb_reserve(out, 2 * SCREEN_FLUSH);
}

int
cmd_screen(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { .max = SCREEN_MAX_DIAGS }, wl = { .max = SCREEN_MAX_DIAGS };
	struct content ct;
	struct cli_paths paths = { 0 };
	struct batch_out bo = { 0 };
	struct answers *a;
	struct strbuf out = { 0 };
	/* The fixed texts of the text reports, laid out once for the batch: only the
	 * program's, the content's and the settings' texts, never an answer (report_memo.h). */
	struct report_memo *memo = NULL;
	size_t i, k;
	int rc = EXIT_USAGE;
	bool any_dir = false, to_stdout = c->output == NULL || strcmp(c->output, "-") == 0;

	if (argc == 0) {
		fprintf(stderr,
		    _("smpscreen: screen needs at least one answer file\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	memo = report_memo_new();
	if (cli_load(c, &ct, &dl) != 0)
		goto out;
	for (i = 0; i < (size_t)argc; i++)
		cli_expand(argv[i], &paths, &any_dir, &dl);
	if (diag_errors(&dl) != 0 || paths.n == 0)
		goto out;
	/* -o: a temporary file, put in place only once every report is in it. Its failure
	 * is told only when no file has an error: a batch's own errors come first. */
	if (!to_stdout)
		bo.file = safefile_open(c->output, &bo.cause);
	else
		bo.spool = spool_new();
	for (i = 0; i < paths.n; i++) {
		const char *path = paths.items[i];

		if (answers_load(&a, path, ct.qn, &dl) != 0)
			continue;
		for (k = 0; k < a->n_ignored; k++)
			diag_add(&wl, DIAG_WARNING, path, a->ignored[k].line,
			    _("answer to '%s' ignored: the question is not shown for these "
			      "answers"),
			    a->ignored[k].id);
		/* After an error nothing will be shown: the rest is only read for its errors. */
		if (diag_errors(&dl) == 0 && bo.cause == NULL) {
			render(c, &ct, a, &out, i, paths.n, paths.n > 1 || any_dir, memo);
			if (out.len > SCREEN_FLUSH)
				batch_put(&bo, &out);
		}
		answers_free(a);
	}
	if (diag_errors(&dl) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	batch_put(&bo, &out);
	if (bo.file != NULL && bo.cause == NULL) {
		struct safefile_stream *f = bo.file;

		bo.file = NULL; /* committed or not, safefile_commit frees it */
		(void)safefile_commit(f, &bo.cause);
	} else if (bo.spool != NULL && bo.cause == NULL) {
		/* A failed standard output is main()'s to report. */
		(void)spool_copy(bo.spool, stdout, &bo.cause);
	}
	rc = EXIT_OK;
	if (bo.cause != NULL) {
		fprintf(stderr, "smpscreen: %s\n", bo.cause);
		rc = EXIT_RUNTIME;
	}
out:
	diag_print(&dl, stderr);
	diag_print(&wl, stderr);
	if (rc == EXIT_USAGE && diag_errors(&dl) == 0 && paths.n == 0)
		fprintf(stderr, _("smpscreen: no answer files to screen\n"));
	safefile_abort(bo.file);
	spool_free(bo.spool);
	free(bo.cause);
	cli_paths_free(&paths);
	sb_free(&out);
	report_memo_free(memo);
	diag_clear(&dl);
	diag_clear(&wl);
	content_free(&ct);
	return rc;
}
