/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
#include "smpscreen/xalloc.h"

/* A build tree has folders beside the program (links and catalogs `make` puts there), so
 * that a developer's ./smpscreen uses the questionnaires and translations it was built with
 * rather than an older installed copy; an installed program has none. Nothing of the build's
 * own path is compiled in. */
char *
cli_beside_program(const char *name)
{
	char exe[PATH_MAX], *slash, *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	dir = xasprintf("%s/%s", exe, name);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *
cli_data_path(const char *name)
{
	const char *env = getenv("SMPSCREEN_DATADIR");
	char *dir, *path;

	if (env != NULL && *env != '\0')
		return xasprintf("%s/%s", env, name);
	if ((dir = cli_beside_program("questionnaires")) != NULL) {
		path = xasprintf("%s/%s", dir, name);
		free(dir);
		return path;
	}
	return xasprintf("%s/%s", PKGDATADIR, name);
}

static int
load(const struct cli *c, struct content *ct, bool cache, struct diag_list *dl)
{
	struct content_opts o = { .cache = cache };
	char *qn = c->questionnaire_path != NULL ? xstrdup(c->questionnaire_path) :
	                                           cli_data_path("smp-consultation.cfg");
	char *rs = c->rules_path != NULL ? xstrdup(c->rules_path) : cli_data_path("smp-rules.cfg");
	char *sys = xasprintf("%s/smpscreen/settings.cfg", SYSCONFDIR);
	const char *st = c->settings_path;
	int rc;

	if (st == NULL && access(sys, F_OK) == 0)
		st = sys;
	rc = content_load_opts(ct, qn, rs, st, &o, dl);
	if (rc == 0)
		cli_language(c, ct, st, dl);
	free(qn);
	free(rs);
	free(sys);
	return rc;
}

int
cli_load(const struct cli *c, struct content *ct, struct diag_list *dl)
{
	return load(c, ct, true, dl);
}

int
cli_load_uncached(const struct cli *c, struct content *ct, struct diag_list *dl)
{
	return load(c, ct, false, dl);
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
cli_remote(void)
{
	/* sshd sets it for every session it starts; with the guide's AcceptEnv (LANG and LC_*
	 * only) a client cannot send it, nor take it away. */
	return getenv("SSH_CONNECTION") != NULL;
}

bool
cli_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

const char *
cli_save_dir(const struct cli *c, const struct content *ct)
{
	return c->output_dir != NULL  ? c->output_dir :
	    ct->st.report_dir != NULL ? ct->st.report_dir :
	                                ".";
}

struct session *
cli_session(const struct cli *c, const struct content *ct, const char *draft_dir)
{
	struct session_opts o = { .consultant = c->consultant,
		.today = cli_today(c),
		.save_dir = c->no_save ? NULL : cli_save_dir(c, ct),
		.draft_dir = draft_dir,
		.mode = cli_remote() ? "home" : "clinic",
		.consultant_name = c->consultant_name };

	return session_new(ct, &o);
}

/* mkdir -p with private permissions, for the folders above the draft folder (the XDG base
 * directories are made 0700). A failure shows when the draft folder itself is made. */
static void
make_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		(void)mkdir(path, 0700);
		*p = '/';
	}
	(void)mkdir(path, 0700);
}

char *
cli_draft_dir(char **why)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *parent, *dir;

	/* A relative XDG_STATE_HOME is invalid (the XDG base directory specification) and
	 * ignored, as is a relative HOME: a folder that moves with the working directory is
	 * not a place to find a draft again. */
	if (state != NULL && *state == '/')
		parent = xstrdup(state);
	else if (home != NULL && *home == '/')
		parent = xasprintf("%s/.local/state", home);
	else {
		*why = xstrdup(_("neither XDG_STATE_HOME nor HOME is set"));
		return NULL;
	}
	make_dirs(parent);
	dir = xasprintf("%s/smpscreen", parent);
	free(parent);
	/* Another user's folder, or one others may write to, would let them plant a draft
	 * that is offered and continued, or read and remove the patient's. */
	if (safefile_private_dir(dir, true, why) != 0) {
		free(dir);
		return NULL;
	}
	return dir;
}
