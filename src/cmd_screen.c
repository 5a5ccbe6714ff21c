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

/* Kept of each level, errors and warnings: a batch of a million bad files needs no more
 * memory for its messages than one of a thousand, and nobody reads more. */
#define SCREEN_MAX_DIAGS 1000
/* Reports are written out whenever this much is waiting. */
#define SCREEN_FLUSH (64 * 1024)

/*
 * A batch is read twice, so that memory does not grow with the number of files: a first pass
 * checks every file and keeps only the messages (capped) and each file's SHA-256, so that
 * every error comes before any report; a second pass reads each file again and streams its
 * report out. Per file, only its name (from the command line or a sorted directory listing)
 * and 32 bytes of SHA-256 stay in memory.
 *
 * A file that is not a regular one (a pipe: `screen <(...)`, /dev/stdin) cannot be read
 * twice: its answers are kept from the first pass instead.
 */
struct batch_kept {
	size_t index; /* into paths */
	struct answers *a;
};

struct batch {
	const struct cli_paths *paths;
	unsigned char (*sums)[32]; /* SHA-256 of each file, as the first pass read it */
	struct batch_kept *kept;   /* files that cannot be read again, in paths order */
	size_t n_kept, cap_kept, next_kept;
};

static unsigned
hex_digit(char c)
{
	return c >= 'a' ? (unsigned)(c - 'a' + 10) : (unsigned)(c - '0');
}

/* The loader's lowercase hex SHA-256 as 32 bytes. */
static void
sha_bytes(const char *hex, unsigned char out[32])
{
	size_t i;

	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(hex_digit(hex[2 * i]) << 4 | hex_digit(hex[2 * i + 1]));
}

/* First pass: every file loaded and checked, its errors in dl and its ignored answers in wl
 * (apart, so that they are printed after every error, as they always were). */
static void
batch_check(struct batch *b, const struct content *ct, struct diag_list *dl, struct diag_list *wl)
{
	struct answers *a;
	struct stat st;
	size_t i, k;
	bool again;

	for (i = 0; i < b->paths->n; i++) {
		const char *path = b->paths->items[i];

		again = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		if (answers_load(&a, path, ct->qn, dl) != 0)
			continue;
		for (k = 0; k < a->n_ignored; k++)
			diag_add(wl, DIAG_WARNING, path, a->ignored[k].line,
			    _("answer to '%s' ignored: the question is not shown for these "
			      "answers"),
			    a->ignored[k].id);
		sha_bytes(a->sha256, b->sums[i]);
		if (again) {
			answers_free(a);
			continue;
		}
		if (b->n_kept == b->cap_kept) {
			b->cap_kept = b->cap_kept ? 2 * b->cap_kept : 4;
			b->kept = xreallocarray(b->kept, b->cap_kept, sizeof *b->kept);
		}
		b->kept[b->n_kept++] = (struct batch_kept){ .index = i, .a = a };
	}
}

/* Second pass: file i again, as the first pass checked it; NULL (with the reason in dl)
 * when it changed or can no longer be read in between. Caller frees. */
static struct answers *
batch_answers(struct batch *b, const struct content *ct, size_t i, struct diag_list *dl)
{
	const char *path = b->paths->items[i];
	unsigned char sum[32];
	struct answers *a;

	if (b->next_kept < b->n_kept && b->kept[b->next_kept].index == i) {
		a = b->kept[b->next_kept].a;
		b->kept[b->next_kept++].a = NULL;
		return a;
	}
	if (answers_load(&a, path, ct->qn, dl) == 0) {
		sha_bytes(a->sha256, sum);
		if (memcmp(sum, b->sums[i], sizeof sum) == 0)
			return a;
		answers_free(a);
	}
	diag_add(dl, DIAG_ERROR, path, 0,
	    _("changed while the batch was being screened, after every file was checked; "
	      "screen the batch again"));
	return NULL;
}

static void
batch_free(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n_kept; i++)
		answers_free(b->kept[i].a);
	free(b->kept);
	free(b->sums);
}

/* Writes out to the temporary file of -o (file), else to standard output, and empties it.
 * -1 when the write failed: with *cause for -o; standard output's failure main() reports. */
static int
flush(struct safefile_stream *file, struct strbuf *out, char **cause)
{
	int rc = 0;

	if (file != NULL)
		rc = safefile_append(file, sb_str(out), out->len, cause);
	else if (fwrite(sb_str(out), 1, out->len, stdout) != out->len || ferror(stdout))
		rc = -1;
	sb_reset(out);
	return rc;
}

int
cmd_screen(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { .max = SCREEN_MAX_DIAGS }, wl = { .max = SCREEN_MAX_DIAGS };
	struct content ct;
	struct cli_paths paths = { 0 };
	struct batch b = { .paths = &paths };
	struct safefile_stream *file = NULL;
	struct answers *a;
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
	b.sums = xcalloc(paths.n ? paths.n : 1, sizeof *b.sums);
	batch_check(&b, &ct, &dl, &wl);
	if (diag_errors(&dl) != 0 || paths.n == 0)
		goto out;
	/* -o: a temporary file now, put in place only once every report is in it. */
	if (!to_stdout && (file = safefile_open(c->output, &cause)) == NULL) {
		fprintf(stderr, "smpscreen: %s\n", cause);
		rc = EXIT_RUNTIME;
		goto out;
	}
	rc = EXIT_OK;
	for (i = 0; i < paths.n; i++) {
		/* A file that changed since it was checked ends the batch: its report would not be
		 * of the file checked. What standard output has had stays there (the status says
		 * it is incomplete); -o writes nothing. */
		if ((a = batch_answers(&b, &ct, i, &dl)) == NULL) {
			rc = EXIT_USAGE;
			break;
		}
		render(c, &ct, a, &out, i, paths.n, paths.n > 1 || any_dir);
		answers_free(a);
		/* There is no point rendering more once a write has failed; main() reports a
		 * failed standard output. */
		if ((out.len > SCREEN_FLUSH || i == paths.n - 1) &&
		    flush(file, &out, &cause) != 0) {
			if (file != NULL) {
				fprintf(stderr, "smpscreen: %s\n", cause);
				rc = EXIT_RUNTIME;
			}
			break;
		}
	}
	if (file != NULL && rc == EXIT_OK && safefile_commit(file, &cause) != 0) {
		fprintf(stderr, "smpscreen: %s\n", cause);
		rc = EXIT_RUNTIME;
	} else if (file != NULL && rc != EXIT_OK) {
		safefile_abort(file);
	}
out:
	diag_print(&dl, stderr);
	diag_print(&wl, stderr);
	if (rc == EXIT_USAGE && diag_errors(&dl) == 0 && paths.n == 0)
		fprintf(stderr, _("smpscreen: no answer files to screen\n"));
	batch_free(&b);
	cli_paths_free(&paths);
	free(cause);
	sb_free(&out);
	diag_clear(&dl);
	diag_clear(&wl);
	content_free(&ct);
	return rc;
}
