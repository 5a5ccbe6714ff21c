#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "smpscreen/answers.h"
#include "smpscreen/filekind.h"
#include "smpscreen/i18n.h"

/* Checks one named file by its kind; the bundled (or --questionnaire/--rules) files stand
 * in for whatever a file is checked against. */
static void
check_file(struct cli *c, const char *path, bool base_ok, struct diag_list *dl)
{
	enum file_kind k = filekind_detect(path, dl);
	struct questionnaire *qn = NULL;
	struct ruleset *rs = NULL;
	struct answers *a = NULL;
	struct settings st;
	size_t i;

	if (k == FILE_KIND_UNKNOWN)
		return;
	if (k != FILE_KIND_QUESTIONNAIRE && !base_ok) {
		diag_add(dl, DIAG_ERROR, path, 0, _("not checked: the questionnaire or rules it "
		    "depends on did not load"));
		return;
	}
	switch (k) {
	case FILE_KIND_QUESTIONNAIRE:
		if (questionnaire_load(&qn, path, dl) == 0)
			printf(_("%s: questionnaire '%s' version %d: %zu questions, ok\n"), path,
			    qn->id, qn->version, qn->n_questions);
		questionnaire_free(qn);
		break;
	case FILE_KIND_RULES:
		if (ruleset_load(&rs, path, c->qn, dl) == 0)
			printf(_("%s: rules '%s' version %d: %zu rules, %zu notes, %zu settings, ok\n"),
			    path, rs->id, rs->version, rs->n_rules, rs->n_notes, rs->settings.n);
		ruleset_free(rs);
		break;
	case FILE_KIND_SETTINGS:
		settings_init(&st, &c->rs->settings);
		if (settings_load_file(&st, path, dl) == 0)
			printf(_("%s: clinic settings, ok\n"), path);
		settings_free(&st);
		break;
	case FILE_KIND_ANSWERS:
		if (answers_load(&a, path, c->qn, dl) == 0) {
			for (i = 0; i < a->n_ignored; i++)
				diag_add(dl, DIAG_WARNING, path, a->ignored[i].line,
				    _("answer to '%s' ignored: the question is not shown for these "
				    "answers"), a->ignored[i].id);
			printf(_("%s: answers, ok\n"), path);
		}
		answers_free(a);
		break;
	case FILE_KIND_UNKNOWN:
		break;
	}
}

int
cmd_check(struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { 0 };
	bool base_ok;
	int i, rc;

	base_ok = cli_load(c, &dl) == 0;
	if (argc == 0 && base_ok)
		printf(_("%s: questionnaire '%s' version %d: %zu questions, ok\n"
		    "%s: rules '%s' version %d: %zu rules, %zu notes, %zu settings, ok\n"),
		    c->qn_path, c->qn->id, c->qn->version, c->qn->n_questions, c->rs_path,
		    c->rs->id, c->rs->version, c->rs->n_rules, c->rs->n_notes,
		    c->rs->settings.n);
	if (argc == 0 && base_ok && c->st.path != NULL)
		printf(_("%s: clinic settings, ok\n"), c->st.path);
	for (i = 0; i < argc; i++)
		check_file(c, argv[i], base_ok, &dl);
	rc = cli_report_diags(&dl);
	diag_clear(&dl);
	return rc;
}
