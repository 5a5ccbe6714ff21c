/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <string.h>

#include "content_cache.h"
#include "loader.h"
#include "smpscreen/content.h"

static size_t
diag_count(const struct diag_list *dl)
{
	return dl->n + dl->dropped[DIAG_ERROR] + dl->dropped[DIAG_WARNING];
}

/* The questionnaire and rules through the cache: its copy when it has one, else loaded from
 * the bytes it read and hashed, and stored when they loaded without a word to say. */
static int
load_cached(struct content *ct, struct content_cache *cc, const char *qn_path, const char *rs_path,
    struct diag_list *dl)
{
	size_t before = diag_count(dl);

	if (content_cache_get(cc, &ct->qn, &ct->rs) == 0)
		return 0;
	if (questionnaire_load_text(&ct->qn, qn_path, content_cache_text(cc, 0),
	        content_cache_sha(cc, 0), dl) != 0)
		return -1;
	if (rules_load_text(&ct->rs, rs_path, content_cache_text(cc, 1), content_cache_sha(cc, 1),
	        ct->qn, dl) != 0)
		return -1;
	/* A warning is shown on every run until it is dealt with, so content with one is not
	 * cached (a cached load says nothing). */
	if (diag_count(dl) == before)
		content_cache_put(cc, ct->qn, ct->rs);
	return 0;
}

int
content_load_opts(struct content *ct, const char *qn_path, const char *rs_path,
    const char *settings_path, const struct content_opts *o, struct diag_list *dl)
{
	struct content_cache *cc = NULL;
	int rc;

	memset(ct, 0, sizeof *ct);
	if (o != NULL && o->cache)
		cc = content_cache_open(qn_path, rs_path);
	if (cc != NULL) {
		rc = load_cached(ct, cc, qn_path, rs_path, dl);
		content_cache_close(cc);
	} else if (questionnaire_load(&ct->qn, qn_path, dl) != 0 ||
	    rules_load(&ct->rs, rs_path, ct->qn, dl) != 0)
		rc = -1;
	else
		rc = 0;
	if (rc != 0)
		return -1;
	settings_init(&ct->st, &ct->rs->settings);
	ct->st_ready = true;
	ct->tx = ctext_english(ct->qn, ct->rs);
	if (settings_path != NULL && settings_load_file(&ct->st, settings_path, dl) != 0)
		return -1;
	return 0;
}

int
content_load(struct content *ct, const char *qn_path, const char *rs_path,
    const char *settings_path, struct diag_list *dl)
{
	return content_load_opts(ct, qn_path, rs_path, settings_path, NULL, dl);
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
