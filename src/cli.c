#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/safefile.h"
#include "smpscreen/xalloc.h"

/* True when the running program is the one in the build tree, so that a developer's
 * ./smpscreen uses the questionnaires beside it rather than an older installed copy. */
static bool
running_from_build_tree(void)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return false;
	*slash = '\0';
	if (realpath(TOP_BUILDDIR, dir) == NULL)
		return false;
	return strcmp(exe, dir) == 0;
}

char *
cli_data_path(const char *name)
{
	const char *env = getenv("SMPSCREEN_DATADIR");

	if (env != NULL && *env != '\0')
		return xasprintf("%s/%s", env, name);
	char top[PATH_MAX];

	if (running_from_build_tree() && realpath(TOP_SRCDIR, top) != NULL)
		return xasprintf("%s/questionnaires/%s", top, name);
	return xasprintf("%s/%s", PKGDATADIR, name);
}

int
cli_load(struct cli *c, struct diag_list *dl)
{
	char *sys = NULL;
	int rc = -1;

	c->qn_path = c->questionnaire_path != NULL ? xstrdup(c->questionnaire_path) :
	    cli_data_path("smp-consultation.cfg");
	c->rs_path = c->rules_path != NULL ? xstrdup(c->rules_path) :
	    cli_data_path("smp-rules.cfg");
	if (questionnaire_load(&c->qn, c->qn_path, dl) != 0)
		goto out;
	if (ruleset_load(&c->rs, c->rs_path, c->qn, dl) != 0)
		goto out;
	settings_init(&c->st, &c->rs->settings);
	c->st_ready = true;
	if (c->settings_path != NULL) {
		if (settings_load_file(&c->st, c->settings_path, dl) != 0)
			goto out;
	} else {
		sys = xasprintf("%s/smpscreen/settings.cfg", SYSCONFDIR);
		if (access(sys, F_OK) == 0 && settings_load_file(&c->st, sys, dl) != 0)
			goto out;
	}
	rc = 0;
out:
	free(sys);
	return rc;
}

int
cli_report_diags(const struct diag_list *dl)
{
	diag_print(dl, stderr);
	return diag_errors(dl) != 0 ? EXIT_USAGE : EXIT_OK;
}

struct date
cli_today(const struct cli *c)
{
	return c->today_set ? c->today : date_today();
}

void
cli_free(struct cli *c)
{
	if (c->st_ready)
		settings_free(&c->st);
	ruleset_free(c->rs);
	questionnaire_free(c->qn);
	free(c->qn_path);
	free(c->rs_path);
	c->rs = NULL;
	c->qn = NULL;
	c->qn_path = c->rs_path = NULL;
	c->st_ready = false;
}

void
cli_paths_add(struct cli_paths *p, char *path)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = xreallocarray(p->items, p->cap, sizeof *p->items);
	}
	p->items[p->n++] = path;
}

void
cli_paths_free(struct cli_paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	p->items = NULL;
	p->n = p->cap = 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
cli_expand(const char *arg, struct cli_paths *out, bool *dir, struct diag_list *dl)
{
	struct stat st;
	struct dirent *de;
	size_t first = out->n;
	DIR *d;

	if (stat(arg, &st) != 0) {
		diag_add(dl, DIAG_ERROR, arg, 0, _("cannot read: %s"), strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		cli_paths_add(out, xstrdup(arg));
		return 0;
	}
	if (dir != NULL)
		*dir = true;
	if ((d = opendir(arg)) == NULL) {
		diag_add(dl, DIAG_ERROR, arg, 0, _("cannot read: %s"), strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && ends_with(de->d_name, ".cfg"))
			cli_paths_add(out, xasprintf("%s/%s", arg, de->d_name));
	closedir(d);
	/* Name order, so that runs are repeatable; qsort(NULL, 0) would be undefined. */
	if (out->n > first)
		qsort(out->items + first, out->n - first, sizeof *out->items, cmp_str);
	if (out->n == first)
		diag_add(dl, DIAG_WARNING, arg, 0, _("directory holds no *.cfg files"));
	return 0;
}

bool
cli_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

const char *
cli_save_dir(const struct cli *c)
{
	return c->output_dir != NULL ? c->output_dir :
	    c->st.report_dir != NULL ? c->st.report_dir : ".";
}

/* One stem for both files, "DIR/smpscreen-DATE-HHMMSS[-N]", taken by neither yet. */
static char *
fresh_stem(const struct cli *c)
{
	char date[11], *stem = NULL, *a = NULL, *r = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int n;

	localtime_r(&now, &tm);
	date_format(cli_today(c), date);
	for (n = 1; n < 1000; n++) {
		free(stem);
		free(a);
		free(r);
		if (n == 1)
			stem = xasprintf("%s/smpscreen-%s-%02d%02d%02d", cli_save_dir(c), date,
			    tm.tm_hour, tm.tm_min, tm.tm_sec);
		else
			stem = xasprintf("%s/smpscreen-%s-%02d%02d%02d-%d", cli_save_dir(c), date,
			    tm.tm_hour, tm.tm_min, tm.tm_sec, n);
		a = xasprintf("%s-answers.cfg", stem);
		r = xasprintf("%s-report.txt", stem);
		if (access(a, F_OK) != 0 && access(r, F_OK) != 0)
			break;
	}
	free(a);
	free(r);
	return stem;
}

void
cli_render_result(struct cli *c, struct answers *a, bool ascii, size_t width,
    struct strbuf *report, char **report_path)
{
	struct outcome *oc = outcome_compute(c->rs, a, &c->st, cli_today(c));
	struct report_input in = { .qn = c->qn, .rs = c->rs, .st = &c->st, .ans = a, .oc = oc };
	struct report_opts opts = { .ascii = ascii, .width = width };
	char *stem;

	*report_path = NULL;
	/* The report names the answers file, exactly as `smpscreen screen` on it would. */
	if (!c->no_save) {
		stem = fresh_stem(c);
		free(a->path);
		a->path = xasprintf("%s-answers.cfg", stem);
		*report_path = xasprintf("%s-report.txt", stem);
		free(stem);
	}
	report_write_text(report, &in, &opts);
	outcome_free(oc);
}

int
cli_save_result(const struct answers *a, const char *report_path, const struct strbuf *report,
    char **cause)
{
	if (answers_save(a, a->path, cause) != 0)
		return -1;
	return safefile_write(report_path, sb_str(report), report->len, cause);
}

/* mkdir -p with private permissions, for the draft folder. */
static int
make_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

char *
cli_draft_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *dir, *path;

	if (state != NULL && *state == '/')
		dir = xasprintf("%s/smpscreen", state);
	else if (home != NULL && *home == '/')
		dir = xasprintf("%s/.local/state/smpscreen", home);
	else
		return NULL;
	if (make_dirs(dir) != 0) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/draft.cfg", dir);
	free(dir);
	return path;
}

int
cli_load_draft(const struct cli *c, const char *path, struct answers *a)
{
	struct diag_list dl = { 0 };
	struct answers *draft = NULL;
	size_t i;

	if (answers_load_draft(&draft, path, c->qn, &dl) != 0) {
		diag_print(&dl, stderr);
		diag_clear(&dl);
		return -1;
	}
	for (i = 0; i < c->qn->n_questions; i++)
		answer_set(a, i, &draft->eff[i]);
	answers_free(draft);
	diag_clear(&dl);
	return 0;
}
