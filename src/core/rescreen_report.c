/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "jout.h"
#include "smpscreen/i18n.h"
#include "smpscreen/rescreen.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/*
 * The reports of a rescreen run: which saved screenings a new questionnaire, rules or
 * settings file changes. Suitability, patch test and kinds of change are written as their
 * contract ids in every format, so that the text a clinic reads and the table it files say
 * the same words. As in the screening report, every piece of data (file names, ids, the
 * loader's messages quoting a file) is sanitised before it is laid out, every line is
 * wrapped at 72 columns, and the decorations are plain ASCII.
 */

#define RESCREEN_WIDTH 72
/* Hex digits of a SHA-256 the text header shows: enough to tell two files apart at a
 * glance; the JSON report has the whole digest. */
#define SHORT_SHA 8

struct render {
	struct strbuf *out;
	bool ascii;
};

/* Appends s wrapped at the report width, transliterated first in ASCII mode (a stand-in may
 * be wider than the character it replaces). */
static void
put(struct render *r, const char *s, const char *first, const char *indent)
{
	/* The loader's messages may quote an answer: wiped like the screening report's. */
	struct strbuf tmp = { .secret = true };
	char *copy = text_is_clean(s, false) ? NULL : text_sanitize(s, strlen(s), 0, false);
	const char *clean = copy != NULL ? copy : s;

	if (r->ascii) {
		text_to_ascii(&tmp, clean);
		clean = sb_str(&tmp);
	}
	text_wrap(r->out, clean, RESCREEN_WIDTH, first, indent);
	sb_free(&tmp);
	if (copy != NULL)
		explicit_bzero(copy, strlen(copy));
	free(copy);
}

static void __attribute__((format(printf, 4, 5)))
putf(struct render *r, const char *first, const char *indent, const char *fmt, ...)
{
	struct strbuf tmp = { .secret = true };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&tmp, fmt, ap);
	va_end(ap);
	put(r, sb_str(&tmp), first, indent);
	sb_free(&tmp);
}

/* "YYYY-MM-DD", or what stands for no date, in buf. */
static const char *
date_or(bool has, struct date d, char buf[11], const char *none)
{
	if (!has)
		return none;
	date_format(d, buf);
	return buf;
}

/* "abcd1234…": the start of a digest, in buf. */
static const char *
short_sha(const char *sha, char buf[SHORT_SHA + 4])
{
	snprintf(buf, SHORT_SHA + 4, "%.*s\xe2\x80\xa6", SHORT_SHA, sha);
	return buf;
}

/* "questionnaire ID N (sha256 …)," after label, then "rules ID N (sha256 …), settings FILE"
 * on a line of its own, so that a wrap never splits an id from its version. */
static void
content_lines(struct render *r, const char *label, const struct content *ct)
{
	char sha[SHORT_SHA + 4];
	struct strbuf sb = { 0 };

	sb_printf(&sb, "%s ", label);
	sb_printf(&sb, _("questionnaire %s %d (sha256 %s)"), ct->qn->id, ct->qn->version,
	    short_sha(ct->qn->sha256, sha));
	sb_appendc(&sb, ',');
	put(r, sb_str(&sb), "", "  ");
	sb_reset(&sb);
	sb_printf(&sb, _("rules %s %d (sha256 %s)"), ct->rs->id, ct->rs->version,
	    short_sha(ct->rs->sha256, sha));
	sb_append(&sb, ", ");
	if (ct->st.path != NULL)
		sb_printf(&sb, _("settings %s"), ct->st.path);
	else
		sb_append(&sb, _("the rules' default settings"));
	put(r, sb_str(&sb), "  ", "    ");
	sb_free(&sb);
}

/* One rule's effect: "level, patch test P, come back after D" (the last two when set). */
static void
effect_text(struct strbuf *sb, struct rescreen_effect e)
{
	char d[11];

	sb_append(sb, rules_level_name(e.level));
	if (e.patch != PATCH_NOT_NEEDED) {
		sb_append(sb, ", ");
		sb_printf(sb, _("patch test %s"), rules_patch_name(e.patch));
	}
	if (e.has_date) {
		sb_append(sb, ", ");
		sb_printf(sb, _("come back after %s"), date_or(true, e.date, d, ""));
	}
}

/* What changed in a rule firing under both: "old -> new" for each part that differs, the
 * level always. */
static void
effect_change_text(struct strbuf *sb, struct rescreen_effect o, struct rescreen_effect n)
{
	char d1[11], d2[11];

	if (o.level != n.level)
		sb_printf(sb, "%s -> %s", rules_level_name(o.level), rules_level_name(n.level));
	else
		sb_append(sb, rules_level_name(n.level));
	if (o.patch != n.patch) {
		sb_append(sb, ", ");
		sb_printf(sb, _("patch test %s -> %s"), rules_patch_name(o.patch),
		    rules_patch_name(n.patch));
	}
	if (o.has_date != n.has_date || (o.has_date && date_compare(o.date, n.date) != 0)) {
		sb_append(sb, ", ");
		sb_printf(sb, _("come back after %s -> %s"),
		    date_or(o.has_date, o.date, d1, _("none")),
		    date_or(n.has_date, n.date, d2, _("none")));
	}
}

/* One line per rule: label, then "id (effect)". */
static void
rule_lines(struct render *r, const char *label, const struct rescreen_rule *rules, size_t n,
    int which)
{
	struct strbuf sb = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		sb_printf(&sb, "%s %s (", label, rules[i].id);
		if (which < 0)
			effect_text(&sb, rules[i].old);
		else if (which > 0)
			effect_text(&sb, rules[i].new);
		else
			effect_change_text(&sb, rules[i].old, rules[i].new);
		sb_appendc(&sb, ')');
		put(r, sb_str(&sb), "  ", "    ");
		sb_reset(&sb);
	}
	sb_free(&sb);
}

static void
block(struct render *r, const struct rescreen_change *c)
{
	bool accepted = c->kind != RESCREEN_NOT_ACCEPTED;
	const char *gone = _("not screened");
	char d1[11], d2[11];
	const struct diag *m;
	size_t i;

	sb_appendc(r->out, '\n');
	put(r, c->source, "", "  ");
	/* What it was screened under when saved, as its record says: "screened under rules 1,
	 * now under rules 2". */
	if (c->saved_rules_sha256 != NULL)
		putf(r, "  ", "    ", _("saved under: rules %s %d (sha256 %.12s...)"),
		    c->saved_rules_id != NULL ? c->saved_rules_id : "?", c->saved_rules_version,
		    c->saved_rules_sha256);
	putf(r, "  ", "    ", _("change: %s"), rescreen_kind_name(c->kind));
	putf(r, "  ", "    ", _("suitability: %s -> %s"), rules_level_name(c->old.suitability),
	    accepted ? rules_level_name(c->new.suitability) : gone);
	putf(r, "  ", "    ", _("patch test: %s -> %s"), rules_patch_name(c->old.patch),
	    accepted ? rules_patch_name(c->new.patch) : gone);
	putf(r, "  ", "    ", _("come back after: %s -> %s"),
	    date_or(c->old.has_come_back, c->old.come_back, d1, _("none")),
	    accepted ? date_or(c->new.has_come_back, c->new.come_back, d2, _("none")) : gone);
	rule_lines(r, _("fires now:"), c->fires_now, c->n_fires_now, 1);
	rule_lines(r, _("no longer fires:"), c->no_longer, c->n_no_longer, -1);
	rule_lines(r, _("changed:"), c->changed, c->n_changed, 0);
	if (accepted)
		return;
	put(r, _("the new questionnaire does not accept this file:"), "  ", "    ");
	for (i = 0; i < c->messages.n; i++) {
		m = &c->messages.items[i];
		if (m->line > 0 && m->level == DIAG_WARNING)
			putf(r, "    ", "      ", _("line %d: warning: %s"), m->line, m->msg);
		else if (m->line > 0)
			putf(r, "    ", "      ", _("line %d: %s"), m->line, m->msg);
		else
			put(r, m->msg, "    ", "      ");
	}
}

static void
summary(struct render *r, const struct rescreen_summary *s)
{
	struct strbuf kinds = { 0 };
	size_t k;

	putf(r, "", "",
	    P_("%zu answer file screened, %zu changed.", "%zu answer files screened, %zu changed.",
	        s->screened),
	    s->screened, s->changed);
	if (s->changed == 0)
		return;
	for (k = 0; k < RESCREEN_N_KINDS; k++)
		if (k != RESCREEN_SAME && s->by_kind[k] > 0)
			sb_printf(&kinds, "%s%s %zu", kinds.len > 0 ? ", " : "",
			    rescreen_kind_name((enum rescreen_kind)k), s->by_kind[k]);
	putf(r, "", "  ", _("By kind of change: %s."), sb_str(&kinds));
	sb_free(&kinds);
}

void
rescreen_write_text(struct strbuf *out, const struct rescreen_run *run, bool ascii)
{
	struct render r = { .out = out, .ascii = ascii };
	char d[11];
	size_t i;

	/* Nothing changed: the answer a clinic wants is one line long. */
	if (run->n_changes > 0) {
		content_lines(&r, _("old:"), run->old);
		content_lines(&r, _("new:"), run->new);
		putf(&r, "", "  ", _("Screening date: %s"), date_or(true, run->today, d, ""));
		for (i = 0; i < run->n_changes; i++)
			block(&r, run->changes[i]);
		sb_appendc(out, '\n');
	}
	summary(&r, &run->summary);
}

/* --- JSON ------------------------------------------------------------------------------ */

static json_t *
content_json(const struct content *ct)
{
	json_t *o = jout_must(json_object());

	jout_set(o, "questionnaire", jout_ident(ct->qn->id, ct->qn->version, ct->qn->sha256));
	jout_set(o, "rules", jout_ident(ct->rs->id, ct->rs->version, ct->rs->sha256));
	jout_set(o, "settings", jout_str_or_null(ct->st.path));
	return o;
}

static json_t *
date_json(bool has, struct date d)
{
	char buf[11];

	if (!has)
		return jout_must(json_null());
	date_format(d, buf);
	return jout_str(buf);
}

/* {suitability, patch_test, come_back_after}; every value null when not screened. */
static json_t *
outcome_json(const struct rescreen_outcome *o, bool screened)
{
	json_t *j = jout_must(json_object());

	if (!screened) {
		jout_set(j, "suitability", jout_must(json_null()));
		jout_set(j, "patch_test", jout_must(json_null()));
		jout_set(j, "come_back_after", jout_must(json_null()));
		return j;
	}
	jout_set(j, "suitability", jout_str(rules_level_name(o->suitability)));
	jout_set(j, "patch_test", jout_str(rules_patch_name(o->patch)));
	jout_set(j, "come_back_after", date_json(o->has_come_back, o->come_back));
	return j;
}

static json_t *
effect_json(const char *id, struct rescreen_effect e)
{
	json_t *j = jout_must(json_object());

	if (id != NULL)
		jout_set(j, "rule", jout_str(id));
	jout_set(j, "level", jout_str(rules_level_name(e.level)));
	jout_set(j, "patch_test", jout_str(rules_patch_name(e.patch)));
	jout_set(j, "come_back_after", date_json(e.has_date, e.date));
	return j;
}

/* which: -1 the old effect, 1 the new one, 0 both. */
static json_t *
rules_json(const struct rescreen_rule *rules, size_t n, int which)
{
	json_t *a = jout_must(json_array()), *o;
	size_t i;

	for (i = 0; i < n; i++) {
		if (which != 0) {
			jout_push(a,
			    effect_json(rules[i].id, which < 0 ? rules[i].old : rules[i].new));
			continue;
		}
		/* "level" as in the other lists (the new one), then both sides in full. */
		o = jout_must(json_object());
		jout_set(o, "rule", jout_str(rules[i].id));
		jout_set(o, "level", jout_str(rules_level_name(rules[i].new.level)));
		jout_set(o, "old", effect_json(NULL, rules[i].old));
		jout_set(o, "new", effect_json(NULL, rules[i].new));
		jout_push(a, o);
	}
	return a;
}

static json_t *
change_json(const struct rescreen_change *c)
{
	json_t *o = jout_must(json_object()), *msgs = jout_must(json_array()), *m;
	size_t i;

	jout_set(o, "source", jout_str(c->source));
	if (c->saved_rules_sha256 != NULL) {
		json_t *u = jout_must(json_object());

		jout_set(u, "id", jout_str_or_null(c->saved_rules_id));
		jout_set(u, "version", c->saved_rules_version > 0 ?
		        jout_must(json_integer(c->saved_rules_version)) :
		        jout_must(json_null()));
		jout_set(u, "sha256", jout_str(c->saved_rules_sha256));
		jout_set(o, "saved_under_rules", u);
	} else
		jout_set(o, "saved_under_rules", jout_must(json_null()));
	jout_set(o, "kind", jout_str(rescreen_kind_name(c->kind)));
	jout_set(o, "old", outcome_json(&c->old, true));
	jout_set(o, "new", outcome_json(&c->new, c->kind != RESCREEN_NOT_ACCEPTED));
	jout_set(o, "fires_now", rules_json(c->fires_now, c->n_fires_now, 1));
	jout_set(o, "no_longer_fires", rules_json(c->no_longer, c->n_no_longer, -1));
	jout_set(o, "changed_rules", rules_json(c->changed, c->n_changed, 0));
	for (i = 0; i < c->messages.n; i++) {
		m = jout_must(json_object());
		jout_set(m, "line", jout_must(json_integer(c->messages.items[i].line)));
		jout_set(m, "level",
		    jout_str(c->messages.items[i].level == DIAG_ERROR ? "error" : "warning"));
		jout_set(m, "message", jout_str(c->messages.items[i].msg));
		jout_push(msgs, m);
	}
	jout_set(o, "messages", msgs);
	return o;
}

void
rescreen_write_json(struct strbuf *out, const struct rescreen_run *run)
{
	json_t *root, *changes, *sum, *kinds;
	char d[11];
	size_t i;

	jout_begin();
	root = jout_must(json_object());
	date_format(run->today, d);
	jout_set(root, "today", jout_str(d));
	jout_set(root, "old", content_json(run->old));
	jout_set(root, "new", content_json(run->new));
	changes = jout_must(json_array());
	for (i = 0; i < run->n_changes; i++)
		jout_push(changes, change_json(run->changes[i]));
	jout_set(root, "changes", changes);
	sum = jout_must(json_object());
	jout_set(sum, "screened", jout_must(json_integer((json_int_t)run->summary.screened)));
	jout_set(sum, "changed", jout_must(json_integer((json_int_t)run->summary.changed)));
	/* Every kind, zero or not: a reader need not know which keys may be missing. */
	kinds = jout_must(json_object());
	for (i = 0; i < RESCREEN_N_KINDS; i++)
		if (i != RESCREEN_SAME)
			jout_set(kinds, rescreen_kind_name((enum rescreen_kind)i),
			    jout_must(json_integer((json_int_t)run->summary.by_kind[i])));
	jout_set(sum, "by_kind", kinds);
	jout_set(root, "summary", sum);
	jout_dump(out, root, JSON_INDENT(2));
	json_decref(root);
}

/* --- CSV ------------------------------------------------------------------------------- */

static const char *const csv_columns[] = { "source", "kind", "old_suitability", "new_suitability",
	"old_patch_test", "new_patch_test", "old_come_back_after", "new_come_back_after",
	"fires_now", "no_longer_fires", NULL };

/* Rule ids joined by ";", as the screening table joins its lists. */
static void
ids_cell(struct strbuf *out, const struct rescreen_rule *rules, size_t n)
{
	struct strbuf cell = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		sb_printf(&cell, "%s%s", i > 0 ? ";" : "", rules[i].id);
	csv_field(out, sb_str(&cell), false);
	sb_free(&cell);
}

void
rescreen_write_csv(struct strbuf *out, const struct rescreen_run *run)
{
	const struct rescreen_change *c;
	char d[11];
	size_t i;
	bool ok;

	for (i = 0; csv_columns[i] != NULL; i++)
		csv_field(out, csv_columns[i], i == 0);
	sb_append(out, "\r\n");
	for (i = 0; i < run->n_changes; i++) {
		c = run->changes[i];
		ok = c->kind != RESCREEN_NOT_ACCEPTED;
		csv_field(out, c->source, true);
		csv_field(out, rescreen_kind_name(c->kind), false);
		csv_field(out, rules_level_name(c->old.suitability), false);
		csv_field(out, ok ? rules_level_name(c->new.suitability) : "", false);
		csv_field(out, rules_patch_name(c->old.patch), false);
		csv_field(out, ok ? rules_patch_name(c->new.patch) : "", false);
		csv_field(out, date_or(c->old.has_come_back, c->old.come_back, d, ""), false);
		csv_field(out, ok ? date_or(c->new.has_come_back, c->new.come_back, d, "") : "",
		    false);
		ids_cell(out, c->fires_now, c->n_fires_now);
		ids_cell(out, c->no_longer, c->n_no_longer);
		sb_append(out, "\r\n");
	}
}
