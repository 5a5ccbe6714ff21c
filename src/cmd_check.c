/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "program_messages.h"
#include "smpscreen/answers.h"
#include "smpscreen/audit.h"
#include "smpscreen/cases.h"
#include "smpscreen/filekind.h"
#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * A file name, id or title as `check` prints it: its control characters escaped, as the
 * diagnostics print the same names (diag.c). A file name is anything the shell gave, and
 * one holding ESC ]0; ... BEL ESC[2J would retitle the window and clear the screen. The
 * caller frees it.
 */
static char *
shown(const char *s)
{
	return text_escape_unclean(s, s != NULL ? strlen(s) : 0);
}

/* Loads and runs one case; prints a line when it gives what it expects. Returns the case
 * (caller frees) or NULL when it did not load. */
static struct screening_case *
run_case(const struct content *ct, const char *path, struct diag_list *dl, size_t *differing)
{
	struct screening_case *sc = NULL;

	/* From the rules' defaults, not this clinic's settings: a case states its own. */
	if (cases_load(&sc, path, ct->qn, ct->rs, NULL, dl) != 0)
		return NULL;
	if (cases_run(sc, ct->rs, dl, NULL) != 0)
		(*differing)++;
	return sc;
}

/* What `smpscreen kiosk` would say of these settings, without starting it (and without
 * creating the report folder). Settings without a staff PIN are not a kiosk's (the kiosk
 * refuses them and says why): nothing to check. */
static void
check_kiosk(const struct settings *st, const char *path, struct diag_list *dl)
{
	struct stat sb;
	char *cause = NULL, *name, *dir;
	int r;

	if (st->staff_pin_hash == NULL)
		return;
	/* A short PIN's hash falls to an offline search in minutes: only the kiosk's user
	 * (and its group) should read it. */
	if (stat(path, &sb) == 0 && (sb.st_mode & S_IROTH) != 0)
		diag_add(dl, DIAG_WARNING, path, 0,
		    _("kiosk: every user can read this file and its staff_pin_hash; chmod o-r %s"),
		    path);
	if (st->report_dir == NULL) {
		diag_add(dl, DIAG_ERROR, path, 0,
		    _("kiosk: staff_pin_hash is set but report_dir is not: the kiosk would have "
		      "nowhere to save"));
		return;
	}
	if ((r = safefile_private_dir(st->report_dir, false, &cause)) < 0) {
		diag_add(dl, DIAG_ERROR, path, 0, _("kiosk: report_dir: %s"), cause);
		free(cause);
		return;
	}
	name = shown(path);
	dir = shown(st->report_dir);
	printf(r == 1 ? _("%s: kiosk: ready (staff PIN set; %s will be created 0700; idle after "
	                  "%ld s)\n") :
	                _("%s: kiosk: ready (staff PIN set; saves in %s; idle after %ld s)\n"),
	    name, dir, st->kiosk_idle_seconds);
	free(name);
	free(dir);
}

/* The clinic's language must be one its patients can get: shipped, or in locale/ beside
 * the settings file. */
static void
check_language(const struct content *ct, const struct settings *st, const char *path,
    struct diag_list *dl)
{
	struct cli_lang_dirs ld;
	struct lang_list avail;
	char *refused;

	if (st->language == NULL)
		return;
	cli_lang_dirs(&ld, path);
	lang_list_available(&ld.d, &avail);
	lang_choose(&avail, NULL, st->language, &refused);
	if (refused != NULL)
		diag_add(dl, DIAG_WARNING, path, 0, "%s", refused);
	else if (lang_match(&avail, st->language) != NULL && ct != NULL) {
		struct diag_list quiet = { 0 };
		struct ctext *tx = ctext_new(ct->qn, ct->rs, lang_match(&avail, st->language),
		    &ld.d, &quiet);
		size_t done, total;

		ctext_coverage(tx, &done, &total);
		if (!lang_offered(done, total))
			diag_add(dl, DIAG_WARNING, path, 0,
			    _("language '%s': its catalogs translate only %zu of the %zu texts of "
			      "this questionnaire and rules, so patients get English"),
			    st->language, done, total);
		ctext_free(tx);
		diag_clear(&quiet);
	}
	free(refused);
	lang_list_free(&avail);
	cli_lang_dirs_free(&ld);
}

/* Checks one named file by its kind; the bundled (or --questionnaire/--rules) files stand
 * in for whatever a file is checked against. */
static void
check_file(const struct content *ct, const char *path, bool base_ok, struct diag_list *dl)
{
	enum file_kind k = filekind_detect(path, dl);
	struct questionnaire *qn = NULL;
	struct screening_case *sc;
	struct ruleset *rs = NULL;
	struct answers *a = NULL;
	struct settings st;
	size_t i, differing = 0;
	char *name, *id;

	if (k == FILE_KIND_UNKNOWN)
		return;
	if (k != FILE_KIND_QUESTIONNAIRE && !base_ok) {
		diag_add(dl, DIAG_ERROR, path, 0,
		    _("not checked: the questionnaire or rules it "
		      "depends on did not load"));
		return;
	}
	name = shown(path);
	switch (k) {
	case FILE_KIND_QUESTIONNAIRE:
		if (questionnaire_load(&qn, path, dl) == 0) {
			id = shown(qn->id);
			printf(_("%s: questionnaire '%s' version %d: %zu questions, ok\n"), name,
			    id, qn->version, qn->n_questions);
			free(id);
			if (audit_option_order(qn, dl) == 0)
				printf(_("%s: option order: every single choice follows the order "
				         "rule\n"),
				    name);
		}
		questionnaire_free(qn);
		break;
	case FILE_KIND_RULES:
		if (rules_load(&rs, path, ct->qn, dl) == 0) {
			id = shown(rs->id);
			printf(_("%s: rules '%s' version %d: %zu rules, %zu notes, %zu settings, "
			         "ok\n"),
			    name, id, rs->version, rs->n_rules, rs->n_notes, rs->settings.n);
			free(id);
		}
		rules_free(rs);
		break;
	case FILE_KIND_SETTINGS:
		settings_init(&st, &ct->rs->settings);
		if (settings_load_file(&st, path, dl) == 0) {
			printf(_("%s: clinic settings, ok\n"), name);
			check_kiosk(&st, path, dl);
			check_language(ct->qn != NULL ? ct : NULL, &st, path, dl);
		}
		settings_free(&st);
		break;
	case FILE_KIND_ANSWERS:
		if (answers_load(&a, path, ct->qn, dl) == 0) {
			for (i = 0; i < a->n_ignored; i++)
				diag_add(dl, DIAG_WARNING, path, a->ignored[i].line,
				    _("answer to '%s' ignored: the question is not shown for these "
				      "answers"),
				    a->ignored[i].id);
			printf(_("%s: answers, ok\n"), name);
		}
		answers_free(a);
		break;
	case FILE_KIND_CASE:
		sc = run_case(ct, path, dl, &differing);
		if (sc != NULL && differing == 0) {
			id = shown(sc->title);
			printf(_("%s: case '%s', as expected\n"), name, id);
			free(id);
		}
		cases_free(sc);
		break;
	case FILE_KIND_UNKNOWN:
		break;
	}
	free(name);
}

/*
 * The golden cases live in cases/ beside the questionnaire. All of them must load and give
 * what they expect; together they must prove the content sound (audit_content).
 */
static void
check_content(const struct content *ct, struct diag_list *dl)
{
	struct cli_paths paths = { 0 };
	struct screening_case **cases;
	char *copy = xstrdup(ct->qn->path), *dir, *name;
	size_t i, n = 0, differing = 0, problems;

	dir = xasprintf("%s/cases", dirname(copy));
	free(copy);
	name = shown(dir);
	if (access(dir, F_OK) != 0) {
		printf(_("%s: no golden cases, so the content was not audited\n"), name);
		free(name);
		free(dir);
		return;
	}
	cli_expand(dir, &paths, NULL, dl);
	cases = xcalloc(paths.n + 1, sizeof *cases);
	for (i = 0; i < paths.n; i++)
		if ((cases[n] = run_case(ct, paths.items[i], dl, &differing)) != NULL)
			n++;
	printf(_("%s: %zu cases, %zu as expected\n"), name, paths.n, n - differing);
	/* An audit over a partial set of cases would report rules as dead that are not. */
	if (n == paths.n && n > 0) {
		problems = audit_content(ct->qn, ct->rs, cases, n, dl);
		if (problems == 0)
			printf(
			    _("content audit: every rule fires, every question is shown, every "
			      "note is used, every rule cites a source, no unknown medical answer "
			      "ends in suitable\n"));
	} else if (paths.n == 0)
		printf(_("%s: no golden cases, so the content was not audited\n"), name);
	for (i = 0; i < n; i++)
		cases_free(cases[i]);
	free(cases);
	cli_paths_free(&paths);
	free(name);
	free(dir);
}

/* Whether code has a content catalog among the shipped ones (not only the clinic's). */
static bool
shipped(const struct cli_lang_dirs *ld, const char *code)
{
	struct stat sb;
	size_t i;
	bool found = false;

	for (i = ld->clinic; i < LANG_MAX_DIRS && !found; i++) {
		char *path;

		if (ld->d.content[i] == NULL)
			continue;
		path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", ld->d.content[i], code,
		    LANG_CONTENT_DOMAIN);
		found = stat(path, &sb) == 0;
		free(path);
	}
	return found;
}

struct missing {
	const struct ctext *tx;
	struct strbuf list;
	size_t n;
};

static void
note_missing(const struct cfield_ref *f, void *arg)
{
	struct missing *m = arg;

	if (ctext_translated(m->tx, f) || m->n++ >= 5)
		return;
	sb_printf(&m->list, "%s%s %s: %s", m->list.len > 0 ? "; " : "", ctext_item_name(f->kind),
	    f->item_id, ctext_field_name(f->field));
	if (f->field == CF_LABEL || f->field == CF_PICTURE)
		sb_printf(&m->list, " %zu", f->sub + 1);
}

/*
 * Every language a run could use, with how much of it is translated. A shipped catalog must
 * be complete (a missing or fuzzy entry is an error: msgfmt leaves fuzzy ones out, so they
 * count as missing); a clinic's own may be partial, and its untranslated items show in
 * English, whole.
 */
static void
check_translations(const struct cli *c, const struct content *ct, struct diag_list *dl)
{
	/* The shipped catalogs are made for the bundled questionnaire and rules: only there is
	 * a gap in them the project's error; under a clinic's own content it is a warning. */
	bool bundled = c->questionnaire_path == NULL && c->rules_path == NULL;
	struct cli_lang_dirs ld;
	struct lang_list avail;
	struct diag_list tdl = { 0 };
	size_t i, k, done, total, msgs;

	cli_lang_dirs(&ld, ct->st.path);
	lang_list_available(&ld.d, &avail);
	for (i = 1; i < avail.n; i++) {
		const char *code = avail.codes[i];
		bool ours = shipped(&ld, code) && bundled;
		struct ctext *tx = ctext_new(ct->qn, ct->rs, code, &ld.d, &tdl);
		struct missing m = { .tx = tx };

		ctext_coverage(tx, &done, &total);
		msgs = lang_program_entries(&ld.d, code, &tdl);
		/* A damaged catalog is an error whoever put it there; a refused entry (control
		 * characters, other settings) is the shipped catalogs' error, a clinic's warning. */
		for (k = 0; k < tdl.n; k++)
			diag_add(dl,
			    ours || tdl.items[k].level == DIAG_ERROR ? DIAG_ERROR : DIAG_WARNING,
			    tdl.items[k].file, tdl.items[k].line, "%s", tdl.items[k].msg);
		diag_clear(&tdl);
		/* A shipped catalog this thin for the very content it ships with is a broken
		 * catalog, not one made for other content. */
		if (!lang_offered(done, total) && !ours) {
			printf(_("translation %s (%s): %zu of %zu texts of this questionnaire and "
			         "rules (its catalogs are for other content), so it is not offered\n"),
			    code, lang_name(code), done, total);
			ctext_free(tx);
			continue;
		}
		printf(_("translation %s (%s, %s): questionnaire and rules %zu of %zu texts, "
		         "program messages %zu of %zu\n"),
		    code, lang_name(code), shipped(&ld, code) ? _("shipped") : _("the clinic's"),
		    done, total, msgs, (size_t)PROGRAM_MESSAGES);
		if (done < total) {
			ctext_fields(ct->qn, ct->rs, note_missing, &m);
			diag_add(dl, ours ? DIAG_ERROR : DIAG_WARNING, NULL, 0,
			    P_("translation %s: %zu text of the questionnaire and rules is "
			       "untranslated or fuzzy, so its item is shown in English (%s%s)",
			        "translation %s: %zu texts of the questionnaire and rules are "
			        "untranslated or fuzzy, so their items are shown in English (%s%s)",
			        total - done),
			    code, total - done, sb_str(&m.list), m.n > 5 ? "; ..." : "");
			sb_free(&m.list);
		}
		if (ours && msgs < PROGRAM_MESSAGES)
			diag_add(dl, DIAG_ERROR, NULL, 0,
			    P_("translation %s: %zu program message is untranslated or fuzzy",
			        "translation %s: %zu program messages are untranslated or fuzzy",
			        PROGRAM_MESSAGES - msgs),
			    code, (size_t)PROGRAM_MESSAGES - msgs);
		ctext_free(tx);
	}
	lang_list_free(&avail);
	cli_lang_dirs_free(&ld);
}

int
cmd_check(const struct cli *c, int argc, char **argv)
{
	struct diag_list dl = { 0 };
	struct content content, *ct = &content;
	bool base_ok;
	int i, rc;

	base_ok = cli_load_uncached(c, ct, &dl) == 0;
	if (argc == 0 && base_ok) {
		char *s[5] = { shown(ct->qn->path), shown(ct->qn->id), shown(ct->rs->path),
			shown(ct->rs->id), shown(ct->st.path) };

		printf(_("%s: questionnaire '%s' version %d: %zu questions, ok\n"
		         "%s: rules '%s' version %d: %zu rules, %zu notes, %zu settings, ok\n"),
		    s[0], s[1], ct->qn->version, ct->qn->n_questions, s[2], s[3], ct->rs->version,
		    ct->rs->n_rules, ct->rs->n_notes, ct->rs->settings.n);
		if (ct->st.path != NULL) {
			printf(_("%s: clinic settings, ok\n"), s[4]);
			check_kiosk(&ct->st, ct->st.path, &dl);
			check_language(ct, &ct->st, ct->st.path, &dl);
		}
		/* A warning, not an error: a clinic's own questionnaire in another order still
		 * screens correctly; the audit asks it to be consistent or to say why not. */
		if (audit_option_order(ct->qn, &dl) == 0)
			printf(_("option order: every single choice follows the order rule\n"));
		check_content(ct, &dl);
		check_translations(c, ct, &dl);
		for (i = 0; i < 5; i++)
			free(s[i]);
	}
	for (i = 0; i < argc; i++)
		check_file(ct, argv[i], base_ok, &dl);
	rc = cli_report_diags(&dl);
	diag_clear(&dl);
	content_free(ct);
	return rc;
}
