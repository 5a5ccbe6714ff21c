/* SPDX-License-Identifier: ISC */
/*
 * cfg.c: what the pre-scan refuses before libconfig reads a file (@include, integers that
 * libconfig would wrap), with the line it gives, and what it must let through; the hash of
 * the bytes read; cfg_member's kept names. The loaders' own tests cover the typed lookups.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cfg.h"
#include "core/sha256.h"
#include "helpers.h"
#include "smpscreen/strbuf.h"

/* cfg_read of text as "x.cfg": its return, with the diagnostics in *dl. */
static int
read_text(const char *text, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = "x.cfg", .dl = dl };
	config_t cfg;
	int rc;

	config_init(&cfg);
	rc = cfg_read(&cx, &cfg, "x.cfg", text, NULL);
	config_destroy(&cfg);
	cr_assert_eq(rc == 0, cx.errors == 0, "cfg_read's result and its error count disagree");
	return rc;
}

static void
expect_clean(const char *text)
{
	struct diag_list dl = { 0 };
	char *got;

	if (read_text(text, &dl) != 0) {
		got = test_diag_text(&dl);
		cr_expect_fail("refused:\n%s\n%s", text, got);
		free(got);
	}
	cr_expect_eq(dl.n, 0, "diagnostics for:\n%s", text);
	diag_clear(&dl);
}

static void
expect_refused(const char *text, const char *prefix, const char *word)
{
	struct diag_list dl = { 0 };

	cr_expect_neq(read_text(text, &dl), 0, "accepted:\n%s", text);
	test_expect_diag(&dl, prefix, word, NULL);
	diag_clear(&dl);
}

Test(cfg_include, refused_at_the_start_of_a_line_with_its_line)
{
	expect_refused("@include \"x\"\n", "x.cfg:1: error:", "@include");
	expect_refused("a = 1;\n  \t@include \"x\"\n", "x.cfg:2: error:", "@include");
	expect_refused("# a comment\n// another\n@include \"x\"\n", "x.cfg:3: error:", "@include");
	expect_refused("a = 1; /* one\n two\n three */\n@include \"x\"\n",
	    "x.cfg:4: error:", "@include");
	expect_refused("a = \"one \\\" two\";\n@include \"x\"\n", "x.cfg:2: error:", "@include");
	/* Neither a comment closed on the line, a carriage return nor a lone '/' makes the
	 * directive less than the first thing on its line. */
	expect_refused("/* c */@include \"x\"\n", "x.cfg:1: error:", "@include");
	expect_refused("a = 1;\r\n\r@include \"x\"\n", "x.cfg:2: error:", "@include");
	expect_refused("a = 1; /\n@include \"x\"\n", "x.cfg:2: error:", "@include");
}

Test(cfg_include, an_at_sign_elsewhere_is_left_to_libconfig)
{
	/* In a string or a comment it is text; after a setting on its line libconfig refuses
	 * it as a syntax error, not as a directive. */
	expect_clean("a = \"@include x\";\n# @include \"x\"\nb = 2; // @include\n");
	expect_refused("a = 1; @include \"x\"\n", "x.cfg:1: error:", "parse");
}

Test(cfg_integers, beyond_32_bits_without_L_are_refused_with_their_line)
{
	expect_refused("a = 2147483648;\n", "x.cfg:1: error:", "2147483648");
	expect_refused("a = 1;\n\nb = 99999999999;\n", "x.cfg:3: error:", "99999999999");
	expect_refused("a = 0x1FFFFFFFF;\n", "x.cfg:1: error:", "0x1FFFFFFFF");
	expect_refused("a = [ 1, 2, 4294967330 ];\n", "x.cfg:1: error:", "too large");
	expect_refused("/* two\nlines */ a = 2147483648;\n", "x.cfg:2: error:", "too large");
	/* A byte that is not ASCII ends a name; the digits after it are a number. */
	expect_refused("a = 1; \xc3\xa9"
	               "2147483648\n",
	    "x.cfg:1: error:", "too large");
}

Test(cfg_integers, what_libconfig_reads_as_written_passes)
{
	expect_clean("a = 2147483647;\nb = -2147483648;\nc = 0xFFFFFFFF;\n");
	expect_clean("a = 2147483648L;\nb = 3.5e10;\nc = 99999999999.5;\nd = 0.000001;\n");
	/* Digits inside a name or a string are not numbers. */
	expect_clean("x2147483648 = 1;\nb = \"99999999999\";\nc-d_e = 2;\n");
}

Test(cfg_read, the_hash_is_of_the_bytes_read)
{
	const char *text = "a = 1;\n";
	struct diag_list dl = { 0 };
	struct cfg_ctx cx = { .file = "x.cfg", .dl = &dl };
	char got[65], want[65];
	config_t cfg;

	config_init(&cfg);
	cr_assert_eq(cfg_read(&cx, &cfg, "x.cfg", text, got), 0);
	config_destroy(&cfg);
	sha256_hex(text, strlen(text), want);
	cr_expect_str_eq(got, want);
	cr_expect_eq(strlen(got), 64);
}

Test(cfg_read, a_nul_byte_or_a_missing_file_is_an_error)
{
	char *dir = test_tmpdir(), path[4096];
	struct diag_list dl = { 0 };
	struct cfg_ctx cx = { .file = "x.cfg", .dl = &dl };
	config_t cfg;
	FILE *fp;

	snprintf(path, sizeof path, "%s/nul.cfg", dir);
	cr_assert_not_null(fp = fopen(path, "wb"));
	fwrite("a = 1;\0b = 2;\n", 1, 14, fp);
	fclose(fp);
	config_init(&cfg);
	cr_expect_neq(cfg_read(&cx, &cfg, path, NULL, NULL), 0);
	test_expect_diag(&dl, "x.cfg: error:", "NUL", NULL);
	diag_clear(&dl);
	snprintf(path, sizeof path, "%s/missing.cfg", dir);
	cr_expect_neq(cfg_read(&cx, &cfg, path, NULL, NULL), 0);
	test_expect_diag(&dl, "x.cfg: error:", "cannot read", NULL);
	config_destroy(&cfg);
	diag_clear(&dl);
	test_remove_tree(&dir);
}

Test(cfg_member, finds_what_libconfig_finds_in_small_and_large_groups)
{
	struct diag_list dl = { 0 };
	struct cfg_ctx cx = { .file = "x.cfg", .dl = &dl };
	struct strbuf sb = { 0 };
	const config_setting_t *small, *large;
	config_setting_t *s;
	config_t cfg;
	char name[16];
	int i;

	sb_append(&sb, "small = { a = 1; b = 2; c = 3; };\nlarge = {");
	for (i = 0; i < CFG_MEMBERS_KEPT + 8; i++)
		sb_printf(&sb, " m%d = %d;", i, i);
	sb_append(&sb, " };\n");
	config_init(&cfg);
	cr_assert_eq(cfg_read(&cx, &cfg, "x.cfg", sb_str(&sb), NULL), 0);
	small = config_lookup(&cfg, "small");
	large = config_lookup(&cfg, "large");
	/* Asked in turn, as the loaders do, and again after another group. */
	cr_assert_not_null(s = cfg_member(&cx, small, "b"));
	cr_expect_eq(config_setting_get_int(s), 2);
	cr_expect_null(cfg_member(&cx, small, "d"));
	for (i = 0; i < CFG_MEMBERS_KEPT + 8; i++) {
		snprintf(name, sizeof name, "m%d", i);
		cr_assert_not_null(s = cfg_member(&cx, large, name), "%s", name);
		cr_expect_eq(config_setting_get_int(s), i);
	}
	cr_expect_null(cfg_member(&cx, large, "a"));
	cr_assert_not_null(s = cfg_member(&cx, small, "c"));
	cr_expect_eq(config_setting_get_int(s), 3);
	/* Not a group: nothing, as libconfig. */
	cr_expect_null(cfg_member(&cx, config_setting_get_member(small, "a"), "a"));
	config_destroy(&cfg);
	sb_free(&sb);
	diag_clear(&dl);
}

Test(cfg_ids, valid_ids)
{
	cr_expect(cfg_valid_id("a", false));
	cr_expect(cfg_valid_id("norwood_2", false));
	cr_expect(cfg_valid_id("under-min-age", true));
	cr_expect(!cfg_valid_id("under-min-age", false));
	cr_expect(!cfg_valid_id("", true));
	cr_expect(!cfg_valid_id("2a", true));
	cr_expect(!cfg_valid_id("A", true));
	cr_expect(!cfg_valid_id("a b", true));
}
