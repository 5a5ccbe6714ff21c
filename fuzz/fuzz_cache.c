/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: a content cache file (src/core/content_cache.c) for the bundled content.
 * The input is a cache without its final checksum: the target seals it, so that the fuzzer
 * meets the reader's own checks rather than the checksum (which turns away any accident on
 * disk before them). It also writes this program's key over the input's: the key holds the
 * build id of the program that wrote the cache, so the seed (written by smpscreen) would
 * otherwise be turned away at the key, and every mutation with it (the unit tests cover a
 * foreign key). A cache is read only from the user's private folder, but a reader that
 * trusts its bytes would crash on the first damaged one. What decodes must be usable as a
 * load is: every index within what it names, found again by its id, and screening the
 * typical consultation reports without harm. Seeds: the bundled content's own cache, less
 * its checksum (fuzz/run.sh makes it with the program).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/content_cache.h"
#include "fuzz.h"
#include "smpscreen/answers.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where a cache file holds its key's hex: after the 16-byte magic and the u32 format
 * (content_cache_codec.c). */
#define CACHE_KEY_AT (16 + 4)

static struct fuzz_content fc;
static struct content_key key;
static char *answers_text;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *path = fuzz_test_data("answers/typical.cfg");
	struct strbuf sb = { 0 };
	FILE *fp;
	char buf[4096];
	size_t n;

	(void)argc;
	(void)argv;
	fuzz_content_load(&fc);
	memcpy(key.qn_sha, fc.qn->sha256, sizeof key.qn_sha);
	memcpy(key.rs_sha, fc.rs->sha256, sizeof key.rs_sha);
	content_cache_key(&key);
	if ((fp = fopen(path, "rb")) == NULL)
		fuzz_fail("cannot read %s (set SMP_TEST_DATA to the source tree's tests/data)",
		    path);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(fp);
	answers_text = sb_detach(&sb);
	free(path);
	return 0;
}

static void
check_load(const struct questionnaire *qn, const struct ruleset *rs)
{
	const struct rule *r;
	size_t i, j;

	for (i = 0; i < qn->n_questions; i++) {
		if (qn->questions[i].section >= qn->n_sections)
			fuzz_fail("question %zu in section %zu of %zu", i, qn->questions[i].section,
			    qn->n_sections);
		if (questionnaire_find(qn, qn->questions[i].id) != (long)i)
			fuzz_fail("question %zu not found by its id", i);
	}
	for (i = 0; i < rs->settings.n; i++)
		if (settings_find(&rs->settings, rs->settings.items[i].id) != (long)i)
			fuzz_fail("setting %zu not found by its id", i);
	for (i = 0; i < rs->n_rules; i++) {
		r = &rs->rules[i];
		if (r->when == NULL)
			fuzz_fail("rule %zu without its condition", i);
		for (j = 0; j < r->n_notes; j++)
			if (r->notes[j] >= rs->n_notes)
				fuzz_fail("rule %zu: note %zu of %zu", i, r->notes[j], rs->n_notes);
		for (j = 0; j < r->n_refer_to; j++)
			if (r->refer_to[j] >= rs->n_targets)
				fuzz_fail("rule %zu: target %zu of %zu", i, r->refer_to[j],
				    rs->n_targets);
	}
}

/* The typical consultation screened with the decoded content, as `screen` would. Its answers
 * may not fit a changed questionnaire: then there is nothing to screen. */
static void
screen(const struct questionnaire *qn, const struct ruleset *rs)
{
	struct diag_list dl = { .max = 4 };
	struct answers *a = NULL;
	struct settings st;
	struct outcome *oc;
	struct strbuf sb = { 0 };
	struct report_input in;
	struct report_opts o = { .copy = REPORT_COPY_CLINIC };

	if (answers_load_string(&a, answers_text, "typical.cfg", qn, &dl) == 0) {
		settings_init(&st, &rs->settings);
		oc = outcome_compute(rs, a, &st, fuzz_today);
		in = (struct report_input){ .qn = qn, .rs = rs, .st = &st, .ans = a, .oc = oc };
		report_write_text(&sb, &in, &o);
		sb_reset(&sb);
		report_write_json(&sb, &in);
		if (!fuzz_json_valid(sb_str(&sb), sb.len))
			fuzz_fail("the JSON report is not JSON");
		outcome_free(oc);
		settings_free(&st);
		answers_free(a);
	}
	sb_free(&sb);
	diag_clear(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct questionnaire *qn;
	struct ruleset *rs;
	char *sealed = xmalloc(size + 8);
	uint64_t h;
	int i;

	memcpy(sealed, data, size);
	if (size >= CACHE_KEY_AT + sizeof key.hex - 1)
		memcpy(sealed + CACHE_KEY_AT, key.hex, sizeof key.hex - 1);
	h = content_cache_checksum(sealed, size);
	for (i = 0; i < 8; i++)
		sealed[size + i] = (char)(h >> (8 * i));
	if (content_cache_decode(sealed, size + 8, &key, "q.cfg", "r.cfg", &qn, &rs) == 0) {
		check_load(qn, rs);
		screen(qn, rs);
		rules_free(rs);
		questionnaire_free(qn);
	} else if (qn != NULL || rs != NULL)
		fuzz_fail("a refused cache left a load behind");
	free(sealed);
	return 0;
}
