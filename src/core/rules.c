/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "expr.h"
#include "idindex.h"
#include "loader.h"
#include "suggest.h"
#include "smpscreen/ascii.h"
#include "smpscreen/i18n.h"
#include "smpscreen/rules.h"
#include "smpscreen/xalloc.h"

static const char *const top_keys[] = { "id", "version", "questionnaire", "settings", "notes",
	"refer_targets", "bibliography", "rules", NULL };
static const char *const source_keys[] = { "id", "title", "where", NULL };
static const char *const note_keys[] = { "id", "group", "text", NULL };
static const char *const target_keys[] = { "id", "label", NULL };
static const char *const rule_keys[] = { "id", "when", "level", "patch_test", "notes", "refer_to",
	"come_back", "reason", "sources", NULL };
static const char *const come_back_keys[] = { "setting", "question", "unit", "condition", NULL };

static const char *const level_names[] = { "suitable", "caveats", "refer", "defer", "unsuitable",
	NULL };
static const char *const patch_names[] = { "not_needed", "recommended", "required", NULL };
static const char *const group_names[] = { "safety", "expectation", "logistics", NULL };
static const char *const unit_names[] = { "days", "months", "years", NULL };

const char *
rules_level_name(enum level l)
{
	return level_names[l];
}

const char *
rules_patch_name(enum patch p)
{
	return patch_names[p];
}

const char *
rules_note_group_name(enum note_group g)
{
	return group_names[g];
}

const char *
rules_time_unit_name(enum time_unit u)
{
	return unit_names[u];
}

static int
name_index(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int
rules_level_parse(const char *s, enum level *out)
{
	int i = name_index(level_names, s);

	if (i < 0)
		return -1;
	*out = (enum level)i;
	return 0;
}

int
rules_patch_parse(const char *s, enum patch *out)
{
	int i = name_index(patch_names, s);

	if (i < 0)
		return -1;
	*out = (enum patch)i;
	return 0;
}

static size_t
count(const char *const *names)
{
	size_t n = 0;

	while (names[n] != NULL)
		n++;
	return n;
}

/* Looks s up in one of the fixed vocabularies, reporting a miss with a suggestion. */
static int
vocabulary(struct cfg_ctx *cx, int line, const char *owner, const char *key,
    const char *const *names, const char *s)
{
	int i = name_index(names, s);
	const char *hint;

	if (i >= 0)
		return i;
	hint = suggest_closest(s, names, count(names));
	if (hint != NULL)
		cfg_error(cx, line, _("%s: unknown %s '%s' (did you mean '%s'?)"), owner, key, s,
		    hint);
	else
		cfg_error(cx, line, _("%s: unknown %s '%s'"), owner, key, s);
	return -1;
}

/* The ids of the catalogues while the file loads, for duplicates and for the rules that cite
 * them: each is the first item with that id, as a search from the start would find. */
struct catalogue_ids {
	struct idindex *notes, *targets, *sources;
};

static void
rule_free(struct rule *r)
{
	size_t i;

	free(r->id);
	free(r->when_src);
	expr_free(r->when);
	free(r->notes);
	free(r->refer_to);
	free(r->come_back.condition);
	free(r->reason);
	for (i = 0; i < r->n_sources; i++)
		free(r->sources[i]);
	free(r->sources);
}

void
rules_free(struct ruleset *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n_rules; i++)
		rule_free(&rs->rules[i]);
	free(rs->rules);
	for (i = 0; i < rs->n_notes; i++) {
		free(rs->notes[i].id);
		free(rs->notes[i].text);
	}
	free(rs->notes);
	for (i = 0; i < rs->n_targets; i++) {
		free(rs->targets[i].id);
		free(rs->targets[i].label);
	}
	free(rs->targets);
	for (i = 0; i < rs->n_bibliography; i++) {
		free(rs->bibliography[i].id);
		free(rs->bibliography[i].title);
		free(rs->bibliography[i].where);
	}
	free(rs->bibliography);
	settings_defs_free(&rs->settings);
	free(rs->id);
	free(rs->path);
	free(rs);
}

static void
load_notes(struct cfg_ctx *cx, const config_setting_t *list, struct ruleset *rs,
    struct idindex *ids)
{
	config_setting_t *g;
	struct note *nt;
	const char *id, *group, *text;
	size_t i, n = (size_t)config_setting_length(list);
	int gi, highest = 0;
	long first;
	char *owner;

	rs->notes = xcalloc(n, sizeof *rs->notes);
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, (unsigned)i);
		if ((id = cfg_string(cx, g, "id", true, _("note"))) == NULL)
			continue;
		owner = xasprintf(_("note '%s'"), id);
		cfg_check_keys(cx, g, note_keys, owner);
		nt = &rs->notes[rs->n_notes];
		nt->line = cfg_line(g);
		if (!cfg_valid_id(id, true))
			cfg_error(cx, nt->line,
			    _("%s: an id is lower-case letters, digits, '-' and "
			      "'_'"),
			    owner);
		nt->id = xstrdup(id);
		if ((first = idindex_add(ids, nt->id, rs->n_notes)) >= 0)
			cfg_error(cx, nt->line, _("%s: duplicate id (first at line %d)"), owner,
			    rs->notes[first].line);
		rs->n_notes++;
		group = cfg_string(cx, g, "group", true, owner);
		if (group != NULL &&
		    (gi = vocabulary(cx, nt->line, owner, _("group"), group_names, group)) >= 0) {
			nt->group = (enum note_group)gi;
			/* The catalogue order is the display order, so the groups must not mix. */
			if (gi < highest)
				cfg_error(cx, nt->line,
				    _("%s: a %s note after the %s notes; the "
				      "catalogue lists safety, then expectation, then logistics "
				      "notes"),
				    owner, group, group_names[highest]);
			else
				highest = gi;
		}
		text = cfg_text(cx, g, "text", true, owner, true);
		nt->text = xstrdup(text);
		free(owner);
	}
}

static void
load_targets(struct cfg_ctx *cx, const config_setting_t *list, struct ruleset *rs,
    struct idindex *ids)
{
	config_setting_t *g;
	const char *id;
	size_t i, n = (size_t)config_setting_length(list);
	char *owner;

	rs->targets = xcalloc(n, sizeof *rs->targets);
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, (unsigned)i);
		if ((id = cfg_string(cx, g, "id", true, _("refer target"))) == NULL)
			continue;
		owner = xasprintf(_("refer target '%s'"), id);
		cfg_check_keys(cx, g, target_keys, owner);
		if (!cfg_valid_id(id, true))
			cfg_error(cx, cfg_line(g),
			    _("%s: an id is lower-case letters, digits, '-' "
			      "and '_'"),
			    owner);
		rs->targets[rs->n_targets].id = xstrdup(id);
		if (idindex_add(ids, rs->targets[rs->n_targets].id, rs->n_targets) >= 0)
			cfg_error(cx, cfg_line(g), _("%s: duplicate id"), owner);
		rs->targets[rs->n_targets].label =
		    xstrdup(cfg_text(cx, g, "label", true, owner, false));
		rs->n_targets++;
		free(owner);
	}
}

static void
load_bibliography(struct cfg_ctx *cx, const config_setting_t *list, struct ruleset *rs,
    struct idindex *ids)
{
	config_setting_t *g;
	const char *id;
	size_t i, n = (size_t)config_setting_length(list);
	char *owner;

	rs->bibliography = xcalloc(n ? n : 1, sizeof *rs->bibliography);
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, (unsigned)i);
		if ((id = cfg_string(cx, g, "id", true, _("bibliography entry"))) == NULL)
			continue;
		owner = xasprintf(_("bibliography entry '%s'"), id);
		cfg_check_keys(cx, g, source_keys, owner);
		if (*id == '\0' || strpbrk(id, " \t\n\"'") != NULL)
			cfg_error(cx, cfg_line(g), _("%s: a tag is one word"), owner);
		else
			cfg_check_text(cx, cfg_line(g), owner, "id", id, false);
		rs->bibliography[rs->n_bibliography].id = xstrdup(id);
		if (idindex_add(ids, rs->bibliography[rs->n_bibliography].id, rs->n_bibliography) >=
		    0)
			cfg_error(cx, cfg_line(g), _("%s: duplicate id"), owner);
		rs->bibliography[rs->n_bibliography].title =
		    xstrdup(cfg_text(cx, g, "title", true, owner, false));
		rs->bibliography[rs->n_bibliography].where =
		    xstrdup(cfg_text(cx, g, "where", false, owner, false));
		rs->n_bibliography++;
		free(owner);
	}
}

/* With a bibliography, every tag a rule cites must be in it (the report's "why" has to be
 * traceable to a real source). */
static void
check_sources(struct cfg_ctx *cx, const struct ruleset *rs, const struct idindex *ids)
{
	const struct rule *r;
	const char *hint;
	size_t i, k;

	for (i = 0; i < rs->n_rules; i++) {
		r = &rs->rules[i];
		for (k = 0; k < r->n_sources; k++) {
			if (idindex_find(ids, r->sources[k]) >= 0)
				continue;
			hint = suggest_closest_within(&cx->suggested, r->sources[k],
			    rs->bibliography, rs->n_bibliography, sizeof *rs->bibliography,
			    offsetof(struct source, id));
			if (hint != NULL)
				cfg_error(cx, r->line,
				    _("rule '%s': source '%s' is not in the "
				      "bibliography (did you mean '%s'?)"),
				    r->id, r->sources[k], hint);
			else
				cfg_error(cx, r->line,
				    _("rule '%s': source '%s' is not in the "
				      "bibliography"),
				    r->id, r->sources[k]);
		}
	}
}

/* Resolves a list of ids against the catalogue (notes or refer targets, their ids in names and
 * in index) into indices. */
static size_t
resolve_ids(struct cfg_ctx *cx, const config_setting_t *g, const char *key, const char *what,
    const char *owner, const char *const *names, size_t n_names, const struct idindex *index,
    size_t **out)
{
	char **ids;
	size_t i, k = 0, n = cfg_strings(cx, g, key, &ids, false, owner);
	const char *hint;
	long j;

	*out = xcalloc(n ? n : 1, sizeof **out);
	for (i = 0; i < n; i++) {
		if ((j = idindex_find(index, ids[i])) < 0) {
			hint = suggest_closest_within(&cx->suggested, ids[i], names, n_names,
			    sizeof *names, 0);
			if (hint != NULL)
				cfg_error(cx, cfg_line(g),
				    _("%s: unknown %s '%s' in %s (did you mean "
				      "'%s'?)"),
				    owner, what, ids[i], key, hint);
			else
				cfg_error(cx, cfg_line(g), _("%s: unknown %s '%s' in %s"), owner,
				    what, ids[i], key);
		} else
			(*out)[k++] = (size_t)j;
		free(ids[i]);
	}
	free(ids);
	return k;
}

/* Reports "OWNER: WHAT 'name'", with the closest id of the n structs at items (their `char *`
 * id at offset, stride bytes apart) as a suggestion. */
static void
unknown_name(struct cfg_ctx *cx, int line, const char *owner, const char *what, const char *name,
    const void *items, size_t n, size_t stride, size_t offset)
{
	const char *hint = suggest_closest_within(&cx->suggested, name, items, n, stride, offset);

	if (hint != NULL)
		cfg_error(cx, line, _("%s: %s '%s' (did you mean '%s'?)"), owner, what, name, hint);
	else
		cfg_error(cx, line, _("%s: %s '%s'"), owner, what, name);
}

/* Every setting.NAME in a come-back condition must exist, so it can be substituted. */
static void
check_condition_text(struct cfg_ctx *cx, int line, const char *owner, const char *text,
    const struct setting_defs *defs)
{
	const char *p = text, *start;
	char *name;

	while ((p = strstr(p, "setting.")) != NULL) {
		start = p += strlen("setting.");
		while (ascii_is_alnum((unsigned char)*p) || *p == '_')
			p++;
		name = xstrndup(start, (size_t)(p - start));
		if (settings_find(defs, name) < 0)
			unknown_name(cx, line, owner, _("come_back names unknown setting"), name,
			    defs->items, defs->n, sizeof *defs->items,
			    offsetof(struct setting_def, id));
		free(name);
	}
}

static void
load_come_back(struct cfg_ctx *cx, const config_setting_t *rg, struct rule *r,
    const struct questionnaire *qn, const struct ruleset *rs, const char *owner)
{
	config_setting_t *g = cfg_member(cx, rg, "come_back");
	const char *setting, *question, *unit, *cond;
	int line, u;

	if (g == NULL) {
		if (r->level == LEVEL_DEFER)
			cfg_error(cx, r->line,
			    _("%s: a deferral needs come_back (a date formula or "
			      "a condition)"),
			    owner);
		return;
	}
	line = cfg_line(g);
	if (!config_setting_is_group(g)) {
		cfg_error(cx, line, _("%s: come_back must be a group { ... }"), owner);
		return;
	}
	if (r->level != LEVEL_DEFER)
		cfg_error(cx, line, _("%s: only a rule of level 'defer' has come_back"), owner);
	cfg_check_keys(cx, g, come_back_keys, owner);
	cond = cfg_text(cx, g, "condition", false, owner, false);
	if (cond != NULL) {
		if (cfg_member(cx, g, "setting") || cfg_member(cx, g, "question") ||
		    cfg_member(cx, g, "unit"))
			cfg_error(cx, line,
			    _("%s: come_back is either a condition or a date "
			      "formula, not both"),
			    owner);
		r->come_back.kind = COME_BACK_CONDITION;
		r->come_back.condition = xstrdup(cond);
		check_condition_text(cx, line, owner, cond, &rs->settings);
		return;
	}
	r->come_back.kind = COME_BACK_DATE;
	setting = cfg_string(cx, g, "setting", true, owner);
	question = cfg_string(cx, g, "question", true, owner);
	unit = cfg_string(cx, g, "unit", true, owner);
	if (setting != NULL) {
		r->come_back.setting = settings_find(&rs->settings, setting);
		if (r->come_back.setting < 0)
			unknown_name(cx, line, owner, _("come_back names unknown setting"), setting,
			    rs->settings.items, rs->settings.n, sizeof *rs->settings.items,
			    offsetof(struct setting_def, id));
		else if (rs->settings.items[r->come_back.setting].type != SETTING_INTEGER)
			cfg_error(cx, line,
			    _("%s: come_back setting '%s' is not an integer setting"), owner,
			    setting);
	}
	if (question != NULL) {
		r->come_back.question = questionnaire_find(qn, question);
		if (r->come_back.question < 0)
			unknown_name(cx, line, owner, _("come_back names unknown question"),
			    question, qn->questions, qn->n_questions, sizeof *qn->questions,
			    offsetof(struct question, id));
		else if (qn->questions[r->come_back.question].type != QTYPE_INTEGER)
			cfg_error(cx, line,
			    _("%s: come_back question '%s' is not an integer "
			      "question"),
			    owner, question);
	}
	if (unit != NULL && (u = vocabulary(cx, line, owner, _("unit"), unit_names, unit)) >= 0)
		r->come_back.unit = (enum time_unit)u;
}

static void
load_rule(struct cfg_ctx *cx, const config_setting_t *g, struct ruleset *rs,
    const struct questionnaire *qn, const struct catalogue_ids *cat, const char *const *note_ids,
    const char *const *target_ids, struct idindex *rule_ids)
{
	struct rule *r = &rs->rules[rs->n_rules];
	const char *id, *s;
	char *owner;
	size_t j;
	long first;
	int v;

	if ((id = cfg_string(cx, g, "id", true, _("rule"))) == NULL)
		return;
	owner = xasprintf(_("rule '%s'"), id);
	r->line = cfg_line(g);
	if (!cfg_valid_id(id, true))
		cfg_error(cx, r->line, _("%s: an id is lower-case letters, digits, '-' and '_'"),
		    owner);
	r->id = xstrdup(id);
	if ((first = idindex_add(rule_ids, r->id, rs->n_rules)) >= 0)
		cfg_error(cx, r->line, _("%s: duplicate id (first at line %d)"), owner,
		    rs->rules[first].line);
	rs->n_rules++;
	cfg_check_keys(cx, g, rule_keys, owner);
	if ((s = cfg_string(cx, g, "level", true, owner)) != NULL &&
	    (v = vocabulary(cx, r->line, owner, _("level"), level_names, s)) >= 0)
		r->level = (enum level)v;
	if ((s = cfg_string(cx, g, "patch_test", false, owner)) != NULL &&
	    (v = vocabulary(cx, r->line, owner, _("patch_test"), patch_names, s)) >= 0)
		r->patch = (enum patch)v;
	r->n_notes = resolve_ids(cx, g, "notes", _("note"), owner, note_ids, rs->n_notes,
	    cat->notes, &r->notes);
	r->n_refer_to = resolve_ids(cx, g, "refer_to", _("refer target"), owner, target_ids,
	    rs->n_targets, cat->targets, &r->refer_to);
	r->reason = xstrdup(cfg_text(cx, g, "reason", false, owner, true));
	if (r->reason == NULL && r->level != LEVEL_SUITABLE)
		cfg_error(cx, r->line, _("%s: a rule of level '%s' needs a reason for the report"),
		    owner, level_names[r->level]);
	r->n_sources = cfg_strings(cx, g, "sources", &r->sources, false, owner);
	/* Tags are printed as they are; with a bibliography they must be in it as well. */
	for (j = 0; j < r->n_sources; j++)
		cfg_check_text(cx, cfg_line(cfg_member(cx, g, "sources")), owner, "sources",
		    r->sources[j], false);
	load_come_back(cx, g, r, qn, rs, owner);
	if ((s = cfg_text(cx, g, "when", true, owner, true)) != NULL) {
		r->when_src = xstrdup(s);
		if (!rules_parse_when(rs, rs->n_rules - 1, qn, cx->file, owner, &cx->suggested,
		        cx->dl))
			cx->errors++;
	}
	free(owner);
}

bool
rules_parse_when(struct ruleset *rs, size_t i, const struct questionnaire *qn, const char *file,
    const char *owner, size_t *suggested, struct diag_list *dl)
{
	struct rule *r = &rs->rules[i];
	struct expr_scope scope = { .qn = qn,
		.n_visible = qn->n_questions,
		.settings = &rs->settings,
		.file = file,
		.line = r->line,
		.owner = owner,
		.suggested = suggested };

	r->when = expr_parse(r->when_src, &scope, dl);
	return r->when != NULL;
}

static void
load_rules(struct cfg_ctx *cx, const config_setting_t *list, struct ruleset *rs,
    const struct questionnaire *qn, const struct catalogue_ids *cat)
{
	const char **note_ids = xcalloc(rs->n_notes + 1, sizeof *note_ids);
	const char **target_ids = xcalloc(rs->n_targets + 1, sizeof *target_ids);
	struct idindex *rule_ids = idindex_new();
	size_t i, n = (size_t)config_setting_length(list);

	for (i = 0; i < rs->n_notes; i++)
		note_ids[i] = rs->notes[i].id;
	for (i = 0; i < rs->n_targets; i++)
		target_ids[i] = rs->targets[i].id;
	rs->rules = xcalloc(n, sizeof *rs->rules);
	for (i = 0; i < n; i++)
		load_rule(cx, config_setting_get_elem(list, (unsigned)i), rs, qn, cat, note_ids,
		    target_ids, rule_ids);
	idindex_free(rule_ids);
	free(note_ids);
	free(target_ids);
}

static int
load(struct ruleset **out, const char *path, const char *text, const char *name, const char *sha,
    const struct questionnaire *qn, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = name, .dl = dl, .errors = 0 };
	struct ruleset *rs = xcalloc(1, sizeof *rs);
	struct catalogue_ids cat = { idindex_new(), idindex_new(), idindex_new() };
	config_setting_t *root, *list;
	const char *s;
	config_t cfg;
	long v;

	*out = NULL;
	config_init(&cfg);
	rs->path = xstrdup(path);
	/* A hash known already (content_cache.c hashed these very bytes) is not computed
	 * again. */
	if (sha != NULL)
		memcpy(rs->sha256, sha, sizeof rs->sha256);
	if (cfg_read(&cx, &cfg, path, text, sha != NULL ? NULL : rs->sha256) != 0)
		goto out;
	root = config_root_setting(&cfg);
	cfg_check_keys(&cx, root, top_keys, _("rules"));
	if ((s = cfg_text(&cx, root, "id", true, _("rules"), false)) != NULL)
		rs->id = xstrdup(s);
	if (cfg_long(&cx, root, "version", &v, true, _("rules"))) {
		if (v < 1 || v > 1000000)
			cfg_error(&cx, cfg_line(cfg_member(&cx, root, "version")),
			    _("rules: version must be a positive integer"));
		rs->version = (int)v;
	}
	if ((s = cfg_string(&cx, root, "questionnaire", true, _("rules"))) != NULL &&
	    strcmp(s, qn->id) != 0)
		cfg_error(&cx, cfg_line(cfg_member(&cx, root, "questionnaire")),
		    _("rules: written for questionnaire '%s', but the questionnaire is '%s'"), s,
		    qn->id);
	if ((list = cfg_list(&cx, root, "settings", false, _("rules"))) != NULL)
		settings_defs_parse(&cx, list, &rs->settings);
	if ((list = cfg_list(&cx, root, "notes", true, _("rules"))) != NULL)
		load_notes(&cx, list, rs, cat.notes);
	if ((list = cfg_list(&cx, root, "refer_targets", false, _("rules"))) != NULL)
		load_targets(&cx, list, rs, cat.targets);
	if ((list = cfg_list(&cx, root, "bibliography", false, _("rules"))) != NULL)
		load_bibliography(&cx, list, rs, cat.sources);
	if ((list = cfg_list(&cx, root, "rules", true, _("rules"))) != NULL)
		load_rules(&cx, list, rs, qn, &cat);
	if (rs->n_bibliography > 0)
		check_sources(&cx, rs, cat.sources);
out:
	idindex_free(cat.notes);
	idindex_free(cat.targets);
	idindex_free(cat.sources);
	config_destroy(&cfg);
	if (cx.errors != 0) {
		rules_free(rs);
		return -1;
	}
	*out = rs;
	return 0;
}

int
rules_load(struct ruleset **out, const char *path, const struct questionnaire *qn,
    struct diag_list *dl)
{
	return load(out, path, NULL, path, NULL, qn, dl);
}

int
rules_load_text(struct ruleset **out, const char *path, const char *text, const char sha[65],
    const struct questionnaire *qn, struct diag_list *dl)
{
	return load(out, path, text, path, sha, qn, dl);
}

int
rules_load_string(struct ruleset **out, const char *text, const char *name,
    const struct questionnaire *qn, struct diag_list *dl)
{
	return load(out, NULL, text, name, NULL, qn, dl);
}
