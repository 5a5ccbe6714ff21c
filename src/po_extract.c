/* SPDX-License-Identifier: ISC */
/*
 * po-extract: writes the gettext template of the content domain from a questionnaire and
 * its rules. xgettext cannot read libconfig, so this reads the files the way the program
 * does (content_load) and walks the same fields the program translates (ctext_fields): what
 * a translator is given and what the program looks up cannot drift apart.
 *
 *	po-extract QUESTIONNAIRE RULES > smpscreen-content.pot
 *
 * Each entry says in a translator comment which item and field use it; an entry used by
 * several items lists them all. Run by `make update-po`, never by a plain `make`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smpscreen/content.h"
#include "smpscreen/ctext.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

struct pot_entry {
	const char *ctx, *msgid;
	struct strbuf comments, refs;
};

struct pot {
	struct pot_entry *items;
	size_t n;
};

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
collect(const struct cfield_ref *f, void *arg)
{
	struct pot *p = arg;
	struct pot_entry *e = NULL;
	size_t i;

	/* Content is a few hundred strings: a linear search keeps first-seen order simply. */
	for (i = 0; i < p->n; i++)
		if (same(p->items[i].ctx, f->ctx) && strcmp(p->items[i].msgid, f->english) == 0)
			e = &p->items[i];
	if (e == NULL) {
		p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
		e = &p->items[p->n++];
		memset(e, 0, sizeof *e);
		e->ctx = f->ctx;
		e->msgid = f->english;
	}
	if (f->field == CF_LABEL || f->field == CF_PICTURE)
		sb_printf(&e->comments, "#. %s %s: %s %zu\n", ctext_item_name(f->kind), f->item_id,
		    ctext_field_name(f->field), f->sub + 1);
	else
		sb_printf(&e->comments, "#. %s %s: %s\n", ctext_item_name(f->kind), f->item_id,
		    ctext_field_name(f->field));
	if (f->field == CF_CONDITION && strstr(f->english, "setting.") != NULL)
		sb_append(&e->comments,
		    "#. Keep every setting.NAME as it is: the program puts the clinic's value "
		    "there.\n");
	if (f->field == CF_PICTURE)
		sb_append(&e->comments, "#. A text picture: keep its number of lines and line up "
		                        "its bars as the English does.\n");
	if (f->line > 0)
		sb_printf(&e->refs, "#: %s:%d\n", f->file, f->line);
	else
		sb_printf(&e->refs, "#: %s\n", f->file);
}

/* A PO string: escaped, and split after each "\n" as msgmerge writes it. */
static void
po_string(FILE *fp, const char *key, const char *s)
{
	const char *p;

	fprintf(fp, "%s ", key);
	if (strchr(s, '\n') != NULL && strchr(s, '\n')[1] != '\0')
		fputs("\"\"\n", fp);
	fputc('"', fp);
	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			if (p[1] != '\0')
				fputs("\"\n\"", fp);
			break;
		default:
			fputc(*p, fp);
		}
	}
	fputs("\"\n", fp);
}

int
main(int argc, char **argv)
{
	struct content ct;
	struct diag_list dl = { 0 };
	struct pot pot = { 0 };
	size_t i;
	int rc = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: po-extract QUESTIONNAIRE RULES > FILE.pot\n");
		return 2;
	}
	if (content_load(&ct, argv[1], argv[2], NULL, &dl) != 0) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		content_free(&ct);
		return 1;
	}
	ctext_fields(ct.qn, ct.rs, collect, &pot);
	printf("# SPDX-License-Identifier: ISC\n"
	       "# The texts of the bundled questionnaire and rules (gettext domain %s).\n"
	       "# Written by `make update-po` (src/po_extract.c); edit the .cfg files instead.\n"
	       "# A short option label (one or two words) has its question's id as context,\n"
	       "# because words like \"None\" agree with their question's noun.\n"
	       "#\n"
	       "#, fuzzy\n"
	       "msgid \"\"\n"
	       "msgstr \"\"\n"
	       "\"Project-Id-Version: %s %s\\n\"\n"
	       "\"Report-Msgid-Bugs-To: \\n\"\n"
	       "\"Language: \\n\"\n"
	       "\"MIME-Version: 1.0\\n\"\n"
	       "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	       "\"Content-Transfer-Encoding: 8bit\\n\"\n",
	    LANG_CONTENT_DOMAIN, ct.qn->id, ct.rs->id);
	for (i = 0; i < pot.n; i++) {
		struct pot_entry *e = &pot.items[i];

		printf("\n%s%s", sb_str(&e->comments), sb_str(&e->refs));
		if (e->ctx != NULL)
			po_string(stdout, "msgctxt", e->ctx);
		po_string(stdout, "msgid", e->msgid);
		printf("msgstr \"\"\n");
		sb_free(&e->comments);
		sb_free(&e->refs);
	}
	free(pot.items);
	diag_clear(&dl);
	content_free(&ct);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "po-extract: cannot write the template\n");
		rc = 1;
	}
	return rc;
}
