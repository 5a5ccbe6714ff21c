/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/report.h"
#include "smpscreen/strbuf.h"

static const char *
unknown_class_name(enum unknown_class k)
{
	switch (k) {
	case UNKNOWN_MEDICAL:
		return "medical";
	case UNKNOWN_PREFERENCE:
		return "preference";
	case UNKNOWN_NONE:
		break;
	}
	return "";
}

/* One block per question: ids and values as the contract names them, for integrators; or
 * the questionnaire as a FHIR R4 Questionnaire. */
int
cmd_questions(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { 0 };
	struct content content, *ct = &content;
	const struct question *q;
	struct strbuf sb = { 0 };
	size_t i, k;
	int rc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr,
		    _("smpscreen: questions takes no arguments\n"
		      "Try 'smpscreen --help' for more information.\n"));
		return EXIT_USAGE;
	}
	if (cli_load(c, ct, &dl) != 0) {
		rc = cli_report_diags(&dl);
		diag_clear(&dl);
		content_free(ct);
		return rc;
	}
	diag_print(&dl, stderr);
	diag_clear(&dl);
	/* The canonical FHIR definition is the questionnaire as written (English): responses
	 * exported by screen --format fhir carry the same displays, which FHIR checks against
	 * it. */
	if (c->format == FORMAT_FHIR) {
		report_write_fhir_questionnaire(&sb, ct->qn);
		goto out;
	}
	sb_printf(&sb, "# %s, version %d: %zu questions\n", ct->qn->id, ct->qn->version,
	    ct->qn->n_questions);
	for (i = 0; i < ct->qn->n_questions; i++) {
		q = &ct->qn->questions[i];
		sb_printf(&sb, "\nQ%02zu %s  %s", i + 1, q->id, questionnaire_type_name(q->type));
		if (q->type == QTYPE_INTEGER)
			sb_printf(&sb, " %ld..%ld%s%s", q->min, q->max,
			    ctext_question(ct->tx, i)->unit ? " " : "",
			    ctext_question(ct->tx, i)->unit ? ctext_question(ct->tx, i)->unit : "");
		if (q->type == QTYPE_TEXT)
			sb_printf(&sb, " max %zu bytes", q->max_length);
		sb_printf(&sb, "  section=%s", ct->qn->sections[q->section].id);
		if (q->audience == AUDIENCE_CONSULTANT)
			sb_append(&sb, "  audience=consultant");
		sb_append(&sb, q->required ? "  required" : "  optional");
		if (q->allow_unknown)
			sb_printf(&sb, "  unknown=%s", unknown_class_name(q->unknown_class));
		sb_printf(&sb, "\n    text: %s\n", ctext_question(ct->tx, i)->text);
		if (q->n_options > 0) {
			sb_append(&sb, "    options:");
			for (k = 0; k < q->n_options; k++)
				sb_printf(&sb, "%s %s", k ? "," : "", q->options[k].value);
			if (q->allow_unknown)
				sb_append(&sb, ", unknown");
			sb_append(&sb, "\n");
		} else if (q->allow_unknown)
			sb_append(&sb, "    also: unknown\n");
		sb_printf(&sb, "    shown: %s\n", q->show_if_src ? q->show_if_src : "always");
	}
out:
	/* main() reports a failed write to standard output. */
	fwrite(sb_str(&sb), 1, sb.len, stdout);
	sb_free(&sb);
	content_free(ct);
	return EXIT_OK;
}
