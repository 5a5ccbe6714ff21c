/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "smpscreen/ascii.h"
#include "smpscreen/catalog.h"
#include "smpscreen/ctext.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

struct ctext {
	const struct questionnaire *qn;
	const struct ruleset *rs;
	char lang[LANG_CODE_MAX + 1];
	struct catalog *cats[LANG_MAX_DIRS];
	const char *title;
	const char **section;
	struct qtext *q;
	const char **labels; /* every question's labels, then pictures, in one block */
	const char **note, **reason, **condition, **target;
	/* Items shown in English, one array per enum citem (CI_TITLE has one element). */
	bool *english[CI_TARGET + 1];
	size_t translated, total;
};

/* A letter of any script: a picture of box-drawing or block characters has none, and is
 * shown as drawn in every language. */
static bool
has_letter(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t c;
	int n;

	for (; p < end; p += n) {
		n = u8_mbtouc(&c, p, (size_t)(end - p));
		if (uc_is_alpha(c))
			return true;
	}
	return false;
}

/* One or two words: short enough to change with the noun it answers. */
static bool
short_label(const char *s)
{
	const char *sp = strchr(s, ' ');

	return sp == NULL || strchr(sp + 1, ' ') == NULL;
}

static void
emit(cfield_fn *fn, void *arg, struct cfield_ref *r, enum cfield f, const char *english,
    size_t sub)
{
	if (english == NULL || !has_letter(english))
		return;
	r->field = f;
	r->english = english;
	r->sub = sub;
	fn(r, arg);
}

static void
question_fields(const struct questionnaire *qn, size_t i, cfield_fn *fn, void *arg)
{
	const struct question *q = &qn->questions[i];
	struct cfield_ref r = { .kind = CI_QUESTION, .item = i, .item_id = q->id,
		.file = qn->path, .line = q->line };
	size_t k;

	emit(fn, arg, &r, CF_TEXT, q->text, 0);
	emit(fn, arg, &r, CF_HELP, q->help, 0);
	emit(fn, arg, &r, CF_UNIT, q->unit, 0);
	for (k = 0; k < q->n_options; k++) {
		r.ctx = short_label(q->options[k].label) ? q->id : NULL;
		emit(fn, arg, &r, CF_LABEL, q->options[k].label, k);
		r.ctx = NULL;
		emit(fn, arg, &r, CF_PICTURE, q->options[k].illustration, k);
	}
	if (q->unknown_label != NULL) {
		r.ctx = short_label(q->unknown_label) ? q->id : NULL;
		emit(fn, arg, &r, CF_UNKNOWN, q->unknown_label, 0);
	}
}

void
ctext_fields(const struct questionnaire *qn, const struct ruleset *rs, cfield_fn *fn,
    void *arg)
{
	struct cfield_ref r = { .kind = CI_TITLE, .item_id = qn->id, .file = qn->path };
	size_t i, s, *first, *order;

	emit(fn, arg, &r, CF_TITLE, qn->title, 0);
	/* Sections in file order, each followed by its questions, as a translator reads. The
	 * questions are grouped by section in one pass (a counting sort, file order kept within
	 * a section), not searched once per section: 40,000 sections took seconds. */
	first = xcalloc(qn->n_sections + 2, sizeof *first);
	order = xcalloc(qn->n_questions + 1, sizeof *order);
	for (i = 0; i < qn->n_questions; i++)
		if (qn->questions[i].section < qn->n_sections)
			first[qn->questions[i].section + 2]++;
	for (s = 2; s < qn->n_sections + 2; s++)
		first[s] += first[s - 1];
	for (i = 0; i < qn->n_questions; i++)
		if (qn->questions[i].section < qn->n_sections)
			order[first[qn->questions[i].section + 1]++] = i;
	for (s = 0; s < qn->n_sections; s++) {
		r = (struct cfield_ref){ .kind = CI_SECTION, .item = s,
			.item_id = qn->sections[s].id, .file = qn->path };
		emit(fn, arg, &r, CF_SECTION, qn->sections[s].title, 0);
		for (i = first[s]; i < first[s + 1]; i++)
			question_fields(qn, order[i], fn, arg);
	}
	free(first);
	free(order);
	if (rs == NULL)
		return;
	for (i = 0; i < rs->n_targets; i++) {
		r = (struct cfield_ref){ .kind = CI_TARGET, .item = i,
			.item_id = rs->targets[i].id, .file = rs->path };
		emit(fn, arg, &r, CF_TARGET, rs->targets[i].label, 0);
	}
	for (i = 0; i < rs->n_notes; i++) {
		r = (struct cfield_ref){ .kind = CI_NOTE, .item = i, .item_id = rs->notes[i].id,
			.file = rs->path, .line = rs->notes[i].line };
		emit(fn, arg, &r, CF_NOTE, rs->notes[i].text, 0);
	}
	for (i = 0; i < rs->n_rules; i++) {
		r = (struct cfield_ref){ .kind = CI_RULE, .item = i, .item_id = rs->rules[i].id,
			.file = rs->path, .line = rs->rules[i].line };
		emit(fn, arg, &r, CF_REASON, rs->rules[i].reason, 0);
		emit(fn, arg, &r, CF_CONDITION, rs->rules[i].come_back.condition, 0);
	}
}

const char *
ctext_field_name(enum cfield f)
{
	static const char *const names[] = { "title", "section title", "text", "help", "unit",
		"unknown label", "option label", "picture", "note", "reason", "come-back condition",
		"refer target" };

	return names[f];
}

const char *
ctext_item_name(enum citem k)
{
	static const char *const names[] = { "questionnaire", "section", "question", "note",
		"rule", "refer target" };

	return names[k];
}

/* Where a field's text lives in the view. */
static const char **
slot(struct ctext *tx, const struct cfield_ref *f)
{
	struct qtext *q = &tx->q[f->item];

	switch (f->field) {
	case CF_TITLE:
		return &tx->title;
	case CF_SECTION:
		return &tx->section[f->item];
	case CF_TEXT:
		return &q->text;
	case CF_HELP:
		return &q->help;
	case CF_UNIT:
		return &q->unit;
	case CF_UNKNOWN:
		return &q->unknown;
	case CF_LABEL:
		return (const char **)&q->label[f->sub];
	case CF_PICTURE:
		return (const char **)&q->picture[f->sub];
	case CF_NOTE:
		return &tx->note[f->item];
	case CF_REASON:
		return &tx->reason[f->item];
	case CF_CONDITION:
		return &tx->condition[f->item];
	default: /* CF_TARGET */
		return &tx->target[f->item];
	}
}

static size_t
count_token(const char *s, const char *tok, size_t n)
{
	size_t c = 0;

	for (; (s = strstr(s, "setting.")) != NULL; s++)
		c += strncmp(s, tok, n) == 0 && !ascii_is_alnum((unsigned char)s[n]) && s[n] != '_';
	return c;
}

static bool
tokens_in(const char *a, const char *b)
{
	const char *p;

	for (p = a; (p = strstr(p, "setting.")) != NULL; p++) {
		size_t n = strlen("setting.");

		while (ascii_is_alnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (count_token(a, p, n) != count_token(b, p, n))
			return false;
	}
	return true;
}

/* A come-back condition names settings that are filled in later: a translation must name
 * exactly the same ones, or the patient would read another number. */
static bool
same_settings(const char *a, const char *b)
{
	return tokens_in(a, b) && tokens_in(b, a);
}

/* Control characters (C0, C1, bidi overrides) would reach the terminal; a clinic's catalog
 * is as untrusted as any other file. A line break only in a paragraph (help, note, reason)
 * or where the English has one (a picture): in a one-line title or label it would draw
 * over the rows below. */
static bool
clean(const char *t, const struct cfield_ref *f)
{
	bool paragraph = f->field == CF_HELP || f->field == CF_NOTE || f->field == CF_REASON;

	return text_is_clean(t, paragraph || strchr(f->english, '\n') != NULL);
}

struct build {
	struct ctext *tx;
	struct diag_list *dl;
	bool second; /* second pass: put English back into items that fell back */
};

/* The first catalog's entry for f, whatever it holds. */
static const char *
catalog_first(const struct ctext *tx, const struct cfield_ref *f)
{
	const char *t = NULL;
	size_t i;

	for (i = 0; i < LANG_MAX_DIRS && t == NULL; i++)
		if (tx->cats[i] != NULL)
			t = catalog_get(tx->cats[i], f->ctx, f->english);
	return t;
}

/* The translation of one field, as the view takes it: the first catalog's, when it is
 * clean (and, for a come-back condition, names the same settings); else NULL, with *bad
 * set when a translation was there but refused. */
static const char *
translation(const struct ctext *tx, const struct cfield_ref *f, bool *bad)
{
	const char *t = catalog_first(tx, f);

	*bad = false;
	if (t != NULL && (!clean(t, f) || (f->field == CF_CONDITION && !same_settings(f->english, t)))) {
		*bad = true;
		return NULL;
	}
	return t;
}

bool
ctext_translated(const struct ctext *tx, const struct cfield_ref *f)
{
	bool bad;

	return strcmp(tx->lang, "en") == 0 || translation(tx, f, &bad) != NULL;
}

static void
look_up(const struct cfield_ref *f, void *arg)
{
	struct build *b = arg;
	struct ctext *tx = b->tx;
	const char *t;
	bool bad;

	if (b->second) {
		if (tx->english[f->kind][f->item])
			*slot(tx, f) = f->english;
		return;
	}
	tx->total++;
	if ((t = translation(tx, f, &bad)) == NULL) {
		if (bad)
			diag_add(b->dl, DIAG_WARNING, NULL, 0,
			    f->field == CF_CONDITION && clean(catalog_first(tx, f), f) ?
			        _("%s catalog: the %s of %s '%s' does not name the same settings as "
			          "the English; shown in English") :
			        _("%s catalog: the %s of %s '%s' holds control characters or is not "
			          "UTF-8; shown in English"),
			    tx->lang, ctext_field_name(f->field), ctext_item_name(f->kind),
			    f->item_id);
		tx->english[f->kind][f->item] = true;
		return;
	}
	tx->translated++;
	*slot(tx, f) = t;
}

static struct ctext *
alloc_view(const struct questionnaire *qn, const struct ruleset *rs, const char *code)
{
	struct ctext *tx = xcalloc(1, sizeof *tx);
	size_t i, k, n_opt = 0, at = 0;
	size_t nr = rs != NULL ? rs->n_rules : 0, nn = rs != NULL ? rs->n_notes : 0,
	       nt = rs != NULL ? rs->n_targets : 0;

	tx->qn = qn;
	tx->rs = rs;
	snprintf(tx->lang, sizeof tx->lang, "%s", code);
	tx->title = qn->title;
	tx->section = xcalloc(qn->n_sections + 1, sizeof *tx->section);
	for (i = 0; i < qn->n_sections; i++)
		tx->section[i] = qn->sections[i].title;
	for (i = 0; i < qn->n_questions; i++)
		n_opt += qn->questions[i].n_options;
	tx->q = xcalloc(qn->n_questions + 1, sizeof *tx->q);
	tx->labels = xcalloc(2 * n_opt + 1, sizeof *tx->labels);
	for (i = 0; i < qn->n_questions; i++) {
		const struct question *q = &qn->questions[i];
		struct qtext *t = &tx->q[i];

		t->text = q->text;
		t->help = q->help;
		t->unit = q->unit;
		t->unknown = q->unknown_label;
		t->label = tx->labels + at;
		t->picture = tx->labels + at + q->n_options;
		for (k = 0; k < q->n_options; k++) {
			tx->labels[at + k] = q->options[k].label;
			tx->labels[at + q->n_options + k] = q->options[k].illustration;
		}
		at += 2 * q->n_options;
	}
	tx->note = xcalloc(nn + 1, sizeof *tx->note);
	for (i = 0; i < nn; i++)
		tx->note[i] = rs->notes[i].text;
	tx->reason = xcalloc(nr + 1, sizeof *tx->reason);
	tx->condition = xcalloc(nr + 1, sizeof *tx->condition);
	for (i = 0; i < nr; i++) {
		tx->reason[i] = rs->rules[i].reason;
		tx->condition[i] = rs->rules[i].come_back.condition;
	}
	tx->target = xcalloc(nt + 1, sizeof *tx->target);
	for (i = 0; i < nt; i++)
		tx->target[i] = rs->targets[i].label;
	tx->english[CI_TITLE] = xcalloc(1, sizeof(bool));
	tx->english[CI_SECTION] = xcalloc(qn->n_sections + 1, sizeof(bool));
	tx->english[CI_QUESTION] = xcalloc(qn->n_questions + 1, sizeof(bool));
	tx->english[CI_NOTE] = xcalloc(nn + 1, sizeof(bool));
	tx->english[CI_RULE] = xcalloc(nr + 1, sizeof(bool));
	tx->english[CI_TARGET] = xcalloc(nt + 1, sizeof(bool));
	return tx;
}

static void
count(const struct cfield_ref *f, void *arg)
{
	(void)f;
	((struct ctext *)arg)->total++;
}

struct ctext *
ctext_english(const struct questionnaire *qn, const struct ruleset *rs)
{
	struct ctext *tx = alloc_view(qn, rs, "en");

	ctext_fields(qn, rs, count, tx);
	tx->translated = tx->total;
	return tx;
}

struct ctext *
ctext_new(const struct questionnaire *qn, const struct ruleset *rs, const char *code,
    const struct lang_dirs *d, struct diag_list *dl)
{
	struct ctext *tx;
	struct build b = { .dl = dl };
	size_t i, n = 0;

	if (code == NULL || strcmp(code, "en") == 0)
		return ctext_english(qn, rs);
	tx = alloc_view(qn, rs, code);
	for (i = 0; i < LANG_MAX_DIRS; i++) {
		char *path;

		if (d->content[i] == NULL)
			continue;
		path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", d->content[i], code,
		    LANG_CONTENT_DOMAIN);
		catalog_open(&tx->cats[n], path, dl);
		n += tx->cats[n] != NULL;
		free(path);
	}
	/* A damaged catalog is left out (catalog_open said why in dl); the others still
	 * translate, and the coverage says what that leaves. */
	b.tx = tx;
	ctext_fields(qn, rs, look_up, &b);
	b.second = true;
	ctext_fields(qn, rs, look_up, &b);
	return tx;
}

void
ctext_free(struct ctext *tx)
{
	size_t i;

	if (tx == NULL)
		return;
	for (i = 0; i < LANG_MAX_DIRS; i++)
		catalog_free(tx->cats[i]);
	for (i = 0; i <= CI_TARGET; i++)
		free(tx->english[i]);
	free(tx->section);
	free(tx->q);
	free(tx->labels);
	free(tx->note);
	free(tx->reason);
	free(tx->condition);
	free(tx->target);
	free(tx);
}

const char *
ctext_language(const struct ctext *tx)
{
	return tx->lang;
}

const char *
ctext_title(const struct ctext *tx)
{
	return tx->title;
}

const char *
ctext_section(const struct ctext *tx, size_t section)
{
	return tx->section[section];
}

const struct qtext *
ctext_question(const struct ctext *tx, size_t q)
{
	return &tx->q[q];
}

const char *
ctext_item_label(const struct ctext *tx, size_t q, size_t i)
{
	const struct qtext *t = &tx->q[q];

	return i < tx->qn->questions[q].n_options ? t->label[i] : t->unknown;
}

const char *
ctext_note(const struct ctext *tx, size_t note)
{
	return tx->note[note];
}

const char *
ctext_reason(const struct ctext *tx, size_t rule)
{
	return tx->reason[rule];
}

const char *
ctext_condition(const struct ctext *tx, size_t rule)
{
	return tx->condition[rule];
}

const char *
ctext_target(const struct ctext *tx, size_t target)
{
	return tx->target[target];
}

bool
ctext_fell_back(const struct ctext *tx, enum citem kind, size_t item)
{
	return tx->english[kind][item];
}

void
ctext_coverage(const struct ctext *tx, size_t *translated, size_t *total)
{
	*translated = tx->translated;
	*total = tx->total;
}
