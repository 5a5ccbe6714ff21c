#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "smpscreen/diag.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

void
diag_vadd(struct diag_list *dl, enum diag_level level, const char *file, int line,
    const char *fmt, va_list ap)
{
	struct diag *d;

	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 8;
		dl->items = xreallocarray(dl->items, dl->cap, sizeof *dl->items);
	}
	d = &dl->items[dl->n++];
	d->file = xstrdup(file);
	d->line = line;
	d->level = level;
	if (vasprintf(&d->msg, fmt, ap) < 0)
		d->msg = xstrdup(fmt);
}

void
diag_add(struct diag_list *dl, enum diag_level level, const char *file, int line,
    const char *fmt, ...)
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
	return n;
}

void
diag_print(const struct diag_list *dl, FILE *fp)
{
	const struct diag *d;
	const char *lvl;
	size_t i;

	for (i = 0; i < dl->n; i++) {
		d = &dl->items[i];
		lvl = d->level == DIAG_ERROR ? _("error") : _("warning");
		if (d->file != NULL && d->line > 0)
			fprintf(fp, "%s:%d: %s: %s\n", d->file, d->line, lvl, d->msg);
		else if (d->file != NULL)
			fprintf(fp, "%s: %s: %s\n", d->file, lvl, d->msg);
		else
			fprintf(fp, "smpscreen: %s: %s\n", lvl, d->msg);
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
}
