/* SPDX-License-Identifier: ISC */
#include "config.h"

#include "cfg.h"
#include "smpscreen/filekind.h"
#include "smpscreen/i18n.h"

enum file_kind
filekind_detect(const char *path, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = path, .dl = dl, .errors = 0 };
	enum file_kind k = FILE_KIND_UNKNOWN;
	config_setting_t *root;
	config_t cfg;

	config_init(&cfg);
	if (cfg_read(&cx, &cfg, path, NULL, NULL) == 0) {
		root = config_root_setting(&cfg);
		if (config_setting_get_member(root, "case") != NULL)
			k = FILE_KIND_CASE;
		else if (config_setting_get_member(root, "answers") != NULL)
			k = FILE_KIND_ANSWERS;
		else if (config_setting_get_member(root, "rules") != NULL)
			k = FILE_KIND_RULES;
		else if (config_setting_get_member(root, "sections") != NULL)
			k = FILE_KIND_QUESTIONNAIRE;
		else if (config_setting_get_member(root, "settings") != NULL)
			k = FILE_KIND_SETTINGS;
		else
			cfg_error(&cx, 0,
			    _("not an smpscreen file: expected a questionnaire "
			      "(sections), rules (rules), clinic settings (settings), answers "
			      "(answers) or a case (case)"));
	}
	config_destroy(&cfg);
	return k;
}
