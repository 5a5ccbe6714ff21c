/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <string.h>

#include "smpscreen/content.h"

int
content_load(struct content *ct, const char *qn_path, const char *rs_path,
    const char *settings_path, struct diag_list *dl)
{
	memset(ct, 0, sizeof *ct);
	if (questionnaire_load(&ct->qn, qn_path, dl) != 0)
		return -1;
	if (rules_load(&ct->rs, rs_path, ct->qn, dl) != 0)
		return -1;
	settings_init(&ct->st, &ct->rs->settings);
	ct->st_ready = true;
	if (settings_path != NULL && settings_load_file(&ct->st, settings_path, dl) != 0)
		return -1;
	return 0;
}

void
content_free(struct content *ct)
{
	if (ct->st_ready)
		settings_free(&ct->st);
	rules_free(ct->rs);
	questionnaire_free(ct->qn);
	memset(ct, 0, sizeof *ct);
}
