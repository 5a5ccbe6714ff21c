#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "smpscreen/i18n.h"
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
