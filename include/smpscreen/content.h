/* SPDX-License-Identifier: ISC */
/* What a screening runs on: the questionnaire, its rules and the clinic's settings, loaded and
 * checked together, read-only afterwards and shared by every consultation of a run. */
#ifndef SMPSCREEN_CONTENT_H
#define SMPSCREEN_CONTENT_H

#include <stdbool.h>

#include "smpscreen/ctext.h"
#include "smpscreen/diag.h"
#include "smpscreen/lang.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"

struct content {
	struct questionnaire *qn; /* owned */
	struct ruleset *rs;       /* owned */
	struct settings st;       /* owned once st_ready */
	bool st_ready;
	/* The texts in the language of the next consultation; English after content_load.
	 * Owned; replaced by content_set_language (a kiosk does so between patients). */
	struct ctext *tx;
};

/* How content_load_opts loads. */
struct content_opts {
	/* Take the questionnaire and rules from the content cache when it holds these very
	 * files, and store them there after a load without any diagnostic (content_cache.h).
	 * For the commands that screen; `check` loads in full, to show every warning. */
	bool cache;
};

/* Loads the questionnaire, then the rules against it, then the clinic's settings file
 * (settings_path NULL: the rules' defaults). Every problem goes to dl; 0, or -1 with ct
 * holding whatever loaded (content_free frees it either way). */
int content_load(struct content *ct, const char *qn_path, const char *rs_path,
    const char *settings_path, struct diag_list *dl);
/* As content_load, as o says (NULL: as content_load). */
int content_load_opts(struct content *ct, const char *qn_path, const char *rs_path,
    const char *settings_path, const struct content_opts *o, struct diag_list *dl);
/* Shows the texts in language code from now on (the catalogs under d). A damaged catalog
 * is an error in dl and left out (the others still translate): -1 then; else 0. */
int content_set_language(struct content *ct, const char *code, const struct lang_dirs *d,
    struct diag_list *dl);
/* Frees what content_load loaded and leaves ct empty. Accepts an empty ct. */
void content_free(struct content *ct);

#endif
