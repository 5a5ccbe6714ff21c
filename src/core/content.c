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
	ct->tx = ctext_english(ct->qn, ct->rs);
	if (settings_path != NULL && settings_load_file(&ct->st, settings_path, dl) != 0)
		return -1;
	return 0;
}

int
content_set_language(struct content *ct, const char *code, const struct lang_dirs *d,
    struct diag_list *dl)
{
	size_t before = diag_errors(dl);

	ctext_free(ct->tx);
	ct->tx = ctext_new(ct->qn, ct->rs, code, d, dl);
	return diag_errors(dl) > before ? -1 : 0;
}

void
content_free(struct content *ct)
{
	ctext_free(ct->tx);
	if (ct->st_ready)
		settings_free(&ct->st);
	rules_free(ct->rs);
	questionnaire_free(ct->qn);
	memset(ct, 0, sizeof *ct);
}
