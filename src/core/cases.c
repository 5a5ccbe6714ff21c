/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "suggest.h"
#include "smpscreen/cases.h"
#include "smpscreen/i18n.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

static const char *const case_keys[] = { "title", "today", "settings", "expect", NULL };
static const char *const expect_keys[] = { "suitability", "patch_test", "fired", "notes",
	"refer_to", "come_back_after", "defer_conditions", NULL };
static const char *const extra_top[] = { "case", NULL };

/* Which catalogue a list of expected ids names. */
struct catalogue {
	const char *what; /* for messages: "rule", "note", "refer target" */
	const void *items;
	size_t n, stride, offset;
};

static long
catalogue_find(const struct catalogue *cat, const char *id)
{
	const char *cand;
	size_t i;

	for (i = 0; i < cat->n; i++) {
		cand = *(
		    const char *const *)((const char *)cat->items + i * cat->stride + cat->offset);
		if (strcmp(cand, id) == 0)
			return (long)i;
	}
	return -1;
}

static const char *
catalogue_id(const struct catalogue *cat, size_t i)
{
	return *(const char *const *)((const char *)cat->items + i * cat->stride + cat->offset);
}

static void
read_ids(struct cfg_ctx *cx, const config_setting_t *expect, const char *key,
    const struct catalogue *cat, struct case_ids *out, const char *owner)
{
	config_setting_t *s = cfg_member(cx, expect, key);
	const char *hint;
	char **ids;
	size_t i, n;
	long k;

	if (s == NULL)
		return;
	out->given = true;
	out->line = cfg_line(s);
	n = cfg_strings(cx, expect, key, &ids, false, owner);
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (i = 0; i < n; i++) {
		if ((k = catalogue_find(cat, ids[i])) >= 0)
			out->items[out->n++] = (size_t)k;
		else if ((hint = suggest_closest_field(ids[i], cat->items, cat->n, cat->stride,
		              cat->offset)) != NULL)
			cfg_error(cx, out->line,
			    _("%s: %s names unknown %s '%s' (did you mean "
			      "'%s'?)"),
			    owner, key, cat->what, ids[i], hint);
		else
			cfg_error(cx, out->line, _("%s: %s names unknown %s '%s'"), owner, key,
			    cat->what, ids[i]);
		free(ids[i]);
	}
	free(ids);
}

static void
read_expect(struct cfg_ctx *cx, const config_setting_t *expect, struct screening_case *c,
    const struct ruleset *rs, const char *owner)
{
	const struct catalogue rules = { _("rule"), rs->rules, rs->n_rules, sizeof *rs->rules,
		offsetof(struct rule, id) };
	const struct catalogue notes = { _("note"), rs->notes, rs->n_notes, sizeof *rs->notes,
		offsetof(struct note, id) };
	const struct catalogue targets = { _("refer target"), rs->targets, rs->n_targets,
		sizeof *rs->targets, offsetof(struct refer_target, id) };
	const char *s;

	cfg_check_keys(cx, expect, expect_keys, owner);
	if ((s = cfg_string(cx, expect, "suitability", false, owner)) != NULL) {
		c->suitability_line = cfg_line(cfg_member(cx, expect, "suitability"));
		if (rules_level_parse(s, &c->suitability) == 0)
			c->has_suitability = true;
		else
			cfg_error(cx, c->suitability_line, _("%s: unknown suitability '%s'"), owner,
			    s);
	}
	if ((s = cfg_string(cx, expect, "patch_test", false, owner)) != NULL) {
		c->patch_line = cfg_line(cfg_member(cx, expect, "patch_test"));
		if (rules_patch_parse(s, &c->patch) == 0)
			c->has_patch = true;
		else
			cfg_error(cx, c->patch_line, _("%s: unknown patch_test '%s'"), owner, s);
	}
	if ((s = cfg_string(cx, expect, "come_back_after", false, owner)) != NULL) {
		c->come_back_line = cfg_line(cfg_member(cx, expect, "come_back_after"));
		c->has_come_back = true;
		if (strcmp(s, "none") == 0)
			c->come_back_none = true;
		else if (date_parse(s, &c->come_back) != 0)
			cfg_error(cx, c->come_back_line,
			    _("%s: come_back_after must be YYYY-MM-DD or "
			      "\"none\", not '%s'"),
			    owner, s);
	}
	read_ids(cx, expect, "fired", &rules, &c->fired, owner);
	read_ids(cx, expect, "notes", &notes, &c->notes, owner);
	read_ids(cx, expect, "refer_to", &targets, &c->refer_to, owner);
	read_ids(cx, expect, "defer_conditions", &rules, &c->defer_conditions, owner);
}

int
cases_load(struct screening_case **out, const char *path, const struct questionnaire *qn,
    const struct ruleset *rs, const struct settings *base, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = path, .dl = dl, .errors = 0 };
	struct screening_case *c = xcalloc(1, sizeof *c);
	config_setting_t *root, *cg, *g;
	const char *s;
	char *owner = NULL;
	config_t cfg;

	*out = NULL;
	c->path = xstrdup(path);
	settings_init(&c->settings, &rs->settings);
	if (base != NULL)
		memcpy(c->settings.values, base->values, rs->settings.n * sizeof *base->values);
	config_init(&cfg);
	if (cfg_read(&cx, &cfg, path, NULL, NULL) != 0)
		goto out;
	root = config_root_setting(&cfg);
	cg = cfg_member(&cx, root, "case");
	if (cg == NULL || !config_setting_is_group(cg)) {
		cfg_error(&cx, cg != NULL ? cfg_line(cg) : 0,
		    _("expected a group: case = { title = ...; today = ...; expect = { ... }; };"));
		goto out;
	}
	c->line = cfg_line(cg);
	s = cfg_string(&cx, cg, "title", true, _("case"));
	c->title = xstrdup(s != NULL ? s : "?");
	owner = xasprintf(_("case '%s'"), c->title);
	cfg_check_keys(&cx, cg, case_keys, owner);
	if ((s = cfg_string(&cx, cg, "today", true, owner)) != NULL &&
	    date_parse(s, &c->today) != 0)
		cfg_error(&cx, cfg_line(cfg_member(&cx, cg, "today")),
		    _("%s: today must be a real date as YYYY-MM-DD, not '%s'"), owner, s);
	if ((g = cfg_member(&cx, cg, "expect")) == NULL || !config_setting_is_group(g))
		cfg_error(&cx, c->line,
		    _("%s: expected a group: expect = { suitability = ...; "
		      "... };"),
		    owner);
	else
		read_expect(&cx, g, c, rs, owner);
	c->answers = answers_from_root(&cx, root, path, qn, extra_top, false);
	/* Overrides are applied last: they are committed only when the file has no error. */
	if ((g = cfg_member(&cx, cg, "settings")) != NULL) {
		if (!config_setting_is_group(g))
			cfg_error(&cx, cfg_line(g),
			    _("%s: settings must be a group { name = "
			      "value; ... }"),
			    owner);
		else
			settings_apply_group(&cx, &c->settings, g);
	}
out:
	free(owner);
	config_destroy(&cfg);
	if (cx.errors != 0) {
		cases_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

/* "a, b, c" of ids, for messages. */
static void
join_ids(struct strbuf *sb, const struct catalogue *cat, const size_t *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_printf(sb, "%s%s", i ? ", " : "", catalogue_id(cat, items[i]));
	if (n == 0)
		sb_append(sb, "(none)");
}

static bool
contains(const size_t *items, size_t n, size_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i] == v)
			return true;
	return false;
}

/* Compares sets: lists what is missing and what is unexpected. */
static size_t
compare_set(const struct screening_case *c, struct diag_list *dl, const char *key,
    const struct catalogue *cat, const struct case_ids *want, const size_t *got, size_t n_got)
{
	struct strbuf missing = { 0 }, extra = { 0 };
	size_t i, nm = 0, ne = 0;

	if (!want->given)
		return 0;
	for (i = 0; i < want->n; i++)
		if (!contains(got, n_got, want->items[i]))
			sb_printf(&missing, "%s%s", nm++ ? ", " : "",
			    catalogue_id(cat, want->items[i]));
	for (i = 0; i < n_got; i++)
		if (!contains(want->items, want->n, got[i]))
			sb_printf(&extra, "%s%s", ne++ ? ", " : "", catalogue_id(cat, got[i]));
	if (nm > 0)
		diag_add(dl, DIAG_ERROR, c->path, want->line,
		    _("case '%s': %s: expected but "
		      "absent: %s"),
		    c->title, key, sb_str(&missing));
	if (ne > 0)
		diag_add(dl, DIAG_ERROR, c->path, want->line,
		    _("case '%s': %s: present but not "
		      "expected: %s"),
		    c->title, key, sb_str(&extra));
	sb_free(&missing);
	sb_free(&extra);
	return (nm > 0) + (ne > 0);
}

size_t
cases_run(const struct screening_case *c, const struct ruleset *rs, struct diag_list *dl,
    struct outcome **ocp)
{
	const struct catalogue rules = { "rule", rs->rules, rs->n_rules, sizeof *rs->rules,
		offsetof(struct rule, id) };
	const struct catalogue notes = { "note", rs->notes, rs->n_notes, sizeof *rs->notes,
		offsetof(struct note, id) };
	const struct catalogue targets = { "refer target", rs->targets, rs->n_targets,
		sizeof *rs->targets, offsetof(struct refer_target, id) };
	struct outcome *oc = outcome_compute(rs, c->answers, &c->settings, c->today);
	struct strbuf a = { 0 }, b = { 0 };
	size_t *fired = xcalloc(oc->n_fired + 1, sizeof *fired), *conds;
	size_t i, n_conds = 0, bad = 0;
	char got[11], want[11];

	if (c->has_suitability && oc->suitability != c->suitability) {
		diag_add(dl, DIAG_ERROR, c->path, c->suitability_line,
		    _("case '%s': suitability "
		      "is '%s', expected '%s'"),
		    c->title, rules_level_name(oc->suitability), rules_level_name(c->suitability));
		bad++;
	}
	if (c->has_patch && oc->patch != c->patch) {
		diag_add(dl, DIAG_ERROR, c->path, c->patch_line,
		    _("case '%s': patch_test is "
		      "'%s', expected '%s'"),
		    c->title, rules_patch_name(oc->patch), rules_patch_name(c->patch));
		bad++;
	}
	if (c->has_come_back) {
		date_format(oc->come_back, got);
		date_format(c->come_back, want);
		if (oc->has_come_back != !c->come_back_none ||
		    (oc->has_come_back && date_compare(oc->come_back, c->come_back) != 0)) {
			diag_add(dl, DIAG_ERROR, c->path, c->come_back_line,
			    _("case '%s': "
			      "come_back_after is %s, expected %s"),
			    c->title, oc->has_come_back ? got : "none",
			    c->come_back_none ? "none" : want);
			bad++;
		}
	}
	conds = xcalloc(oc->n_fired + 1, sizeof *conds);
	for (i = 0; i < oc->n_fired; i++) {
		fired[i] = oc->fired[i].rule;
		if (oc->fired[i].condition != NULL)
			conds[n_conds++] = oc->fired[i].rule;
	}
	bad += compare_set(c, dl, "fired", &rules, &c->fired, fired, oc->n_fired);
	bad += compare_set(c, dl, "refer_to", &targets, &c->refer_to, oc->refer_to, oc->n_refer_to);
	bad += compare_set(c, dl, "defer_conditions", &rules, &c->defer_conditions, conds, n_conds);
	/* Notes are a list: their order is the display order, and part of the result. */
	if (c->notes.given &&
	    (c->notes.n != oc->n_notes ||
	        memcmp(c->notes.items, oc->notes, oc->n_notes * sizeof *oc->notes) != 0)) {
		join_ids(&a, &notes, oc->notes, oc->n_notes);
		join_ids(&b, &notes, c->notes.items, c->notes.n);
		diag_add(dl, DIAG_ERROR, c->path, c->notes.line,
		    _("case '%s': notes are [%s], "
		      "expected [%s]"),
		    c->title, sb_str(&a), sb_str(&b));
		bad++;
	}
	sb_free(&a);
	sb_free(&b);
	free(fired);
	free(conds);
	if (ocp != NULL)
		*ocp = oc;
	else
		outcome_free(oc);
	return bad;
}

void
cases_free(struct screening_case *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->title);
	answers_free(c->answers);
	settings_free(&c->settings);
	free(c->fired.items);
	free(c->notes.items);
	free(c->refer_to.items);
	free(c->defer_conditions.items);
	free(c);
}
