/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/diag.h"
#include "smpscreen/i18n.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

void
diag_vadd(struct diag_list *dl, enum diag_level level, const char *file, int line, const char *fmt,
    va_list ap)
{
	struct diag *d;
	int k = level == DIAG_ERROR ? DIAG_ERROR : DIAG_WARNING;

	if (dl->max > 0 && dl->kept[k] >= dl->max) {
		dl->dropped[k]++;
		return;
	}
	dl->kept[k]++;
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 8;
		dl->items = xreallocarray(dl->items, dl->cap, sizeof *dl->items);
	}
	struct strbuf sb = { 0 };

	d = &dl->items[dl->n++];
	/* Messages quote values and names from files anyone may write; a terminal must never
	 * receive their control sequences. They are shown escaped, not removed: an id holding
	 * a byte that is not UTF-8 would otherwise be quoted as a valid one. */
	d->file = file != NULL ? text_escape_unclean(file, strlen(file)) : NULL;
	d->line = line;
	d->level = level;
	sb_vprintf(&sb, fmt, ap);
	d->msg = text_escape_unclean(sb_str(&sb), sb.len);
	sb_free(&sb);
}

void
diag_add(struct diag_list *dl, enum diag_level level, const char *file, int line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, level, file, line, fmt, ap);
	va_end(ap);
}

size_t
diag_errors(const struct diag_list *dl)
{
	size_t i, n = 0;

	for (i = 0; i < dl->n; i++)
		if (dl->items[i].level == DIAG_ERROR)
			n++;
	return n + dl->dropped[DIAG_ERROR];
}

struct diag_key {
	size_t run; /* consecutive records of one file form a run */
	int line;
	size_t index;
};

static int
diag_key_cmp(const void *a, const void *b)
{
	const struct diag_key *x = a, *y = b;

	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static bool
same_file(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Each file's records by line: loaders check in passes (keys, then values), but a reader
 * fixes a file from top to bottom. Files keep the order in which they were reported. */
void
diag_print(const struct diag_list *dl, FILE *fp)
{
	struct diag_key *keys = xcalloc(dl->n ? dl->n : 1, sizeof *keys);
	const struct diag *d;
	const char *lvl;
	size_t i, run = 0;

	for (i = 0; i < dl->n; i++) {
		if (i > 0 && !same_file(dl->items[i].file, dl->items[i - 1].file))
			run++;
		keys[i] = (struct diag_key){ .run = run, .line = dl->items[i].line, .index = i };
	}
	qsort(keys, dl->n, sizeof *keys, diag_key_cmp);
	for (i = 0; i < dl->n; i++) {
		d = &dl->items[keys[i].index];
		lvl = d->level == DIAG_ERROR ? _("error") : _("warning");
		if (d->file != NULL && d->line > 0)
			fprintf(fp, "%s:%d: %s: %s\n", d->file, d->line, lvl, d->msg);
		else if (d->file != NULL)
			fprintf(fp, "%s: %s: %s\n", d->file, lvl, d->msg);
		else
			fprintf(fp, "smpscreen: %s: %s\n", lvl, d->msg);
	}
	free(keys);
	/* Last, where a reader of a long list looks: how much of it is missing. */
	if (dl->dropped[DIAG_ERROR] > 0) {
		fputs("smpscreen: ", fp);
		fprintf(fp,
		    P_("and %lu more error (not shown)", "and %lu more errors (not shown)",
		        dl->dropped[DIAG_ERROR]),
		    (unsigned long)dl->dropped[DIAG_ERROR]);
		fputc('\n', fp);
	}
	if (dl->dropped[DIAG_WARNING] > 0) {
		fputs("smpscreen: ", fp);
		fprintf(fp,
		    P_("and %lu more warning (not shown)", "and %lu more warnings (not shown)",
		        dl->dropped[DIAG_WARNING]),
		    (unsigned long)dl->dropped[DIAG_WARNING]);
		fputc('\n', fp);
	}
}

void
diag_clear(struct diag_list *dl)
{
	size_t i;

	if (dl == NULL)
		return;
	for (i = 0; i < dl->n; i++) {
		free(dl->items[i].file);
		free(dl->items[i].msg);
	}
	free(dl->items);
	dl->items = NULL;
	dl->n = dl->cap = 0;
	memset(dl->kept, 0, sizeof dl->kept);
	memset(dl->dropped, 0, sizeof dl->dropped);
}
