/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mo_writer.h"
#include "smpscreen/ctext.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/*
 * The content's texts in one language, over tests/data/mini-questionnaire.cfg and
 * mini-rules.cfg. Catalogs are written by tests/mo_writer.c into a private folder as
 * DIR/LL/LC_MESSAGES/smpscreen-content.mo, built from the fields ctext_fields walks: each
 * string translated as "TAG English" (so a test can tell which catalog a text came from),
 * then changed or left out where a test says.
 *
 * The rule: an item (a question with its help, unit, labels and pictures; a section; a note;
 * a rule's reason and come-back condition; a refer target) is translated whole or shown
 * whole in English.
 */

/* Strings of the mini content that ctext_fields walks (see fields_in_file_order). */
#define N_FIELDS 65

static struct questionnaire *qn;
static struct ruleset *rs;
static char *tmp;
static struct field_list {
	struct cfield_ref *f;
	size_t n;
} fields;

static void
collect(const struct cfield_ref *f, void *arg)
{
	struct field_list *l = arg;

	l->f = xreallocarray(l->f, l->n + 1, sizeof *l->f);
	l->f[l->n++] = *f;
}

static void
setup(void)
{
	qn = test_mini_questionnaire();
	rs = test_mini_rules(qn);
	tmp = test_tmpdir();
	ctext_fields(qn, rs, collect, &fields);
}

static void
teardown(void)
{
	free(fields.f);
	fields.f = NULL;
	fields.n = 0;
	rules_free(rs);
	questionnaire_free(qn);
	test_remove_tree(&tmp);
}

TestSuite(ctext, .init = setup, .fini = teardown);

/* --- helpers ------------------------------------------------------------------------------- */

/* What the view shows for field f. */
static const char *
shown(const struct ctext *tx, const struct cfield_ref *f)
{
	switch (f->field) {
	case CF_TITLE:
		return ctext_title(tx);
	case CF_SECTION:
		return ctext_section(tx, f->item);
	case CF_TEXT:
		return ctext_question(tx, f->item)->text;
	case CF_HELP:
		return ctext_question(tx, f->item)->help;
	case CF_UNIT:
		return ctext_question(tx, f->item)->unit;
	case CF_UNKNOWN:
		return ctext_question(tx, f->item)->unknown;
	case CF_LABEL:
		return ctext_question(tx, f->item)->label[f->sub];
	case CF_PICTURE:
		return ctext_question(tx, f->item)->picture[f->sub];
	case CF_NOTE:
		return ctext_note(tx, f->item);
	case CF_REASON:
		return ctext_reason(tx, f->item);
	case CF_CONDITION:
		return ctext_condition(tx, f->item);
	default:
		return ctext_target(tx, f->item);
	}
}

/* How a test changes the catalog made from the fields: the translation of f, given the
 * usual one (proposed); NULL leaves f out. */
typedef const char *edit_fn(const struct cfield_ref *f, const char *proposed, void *arg);

/* One field changed: translated as text, or left out when text is NULL. */
struct change {
	enum cfield field;
	size_t item, sub;
	const char *text;
};

static const char *
apply_change(const struct cfield_ref *f, const char *proposed, void *arg)
{
	const struct change *c = arg;

	if (f->field == c->field && f->item == c->item && f->sub == c->sub)
		return c->text;
	return proposed;
}

/* Adds every field to l as "TAG English" (edited by edit when not NULL), keyed as a
 * catalog keys it: "ctx\004English" for a short label. */
static void
fill_catalog(struct mo_list *l, const char *tag, edit_fn *edit, void *arg)
{
	size_t i, k;

	if (l->n == 0)
		mo_add_header(l, "es", "nplurals=2; plural=(n != 1);");
	for (i = 0; i < fields.n; i++) {
		const struct cfield_ref *f = &fields.f[i];
		char *proposed = xasprintf("%s %s", tag, f->english);
		const char *t = edit != NULL ? edit(f, proposed, arg) : proposed;
		char *key = f->ctx != NULL ? xasprintf("%s\004%s", f->ctx, f->english) :
		                             xstrdup(f->english);
		bool dup = false;

		for (k = 0; k < l->n; k++)
			dup |= strcmp(l->e[k].orig, key) == 0;
		if (t != NULL && !dup)
			mo_addn(l, key, strlen(key), t, strlen(t));
		free(key);
		free(proposed);
	}
}

/* DIR/code/LC_MESSAGES/smpscreen-content.mo; caller frees. */
static char *
catalog_path(const char *dir, const char *code)
{
	return xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, code, LANG_CONTENT_DOMAIN);
}

/* Writes the catalog of every field, edited, for code under dir. */
static void
write_catalog(const char *dir, const char *code, const char *tag, edit_fn *edit, void *arg)
{
	struct mo_list l = { 0 };
	char *path = catalog_path(dir, code);

	fill_catalog(&l, tag, edit, arg);
	mo_write_file(path, &l);
	mo_list_free(&l);
	free(path);
}

/* A view in code with the content folders given (NULL-terminated, at most four), expecting
 * the number of diagnostics given; all of them warnings. */
static struct ctext *
view(const char *code, size_t warnings, const char *d1, const char *d2)
{
	struct lang_dirs d = { .content = { d1, d2 } };
	struct diag_list dl = { 0 };
	struct ctext *tx = ctext_new(qn, rs, code, &d, &dl);
	char *msg = test_diag_text(&dl);

	cr_assert_not_null(tx);
	cr_expect_eq(dl.n, warnings, "%zu diagnostics expected, got:\n%s", warnings, msg);
	cr_expect_eq(diag_errors(&dl), 0, "no errors:\n%s", msg);
	free(msg);
	diag_clear(&dl);
	return tx;
}

/* Whether the item of f is one of those (kind, item) pairs in english[] (n of them). */
struct item_ref {
	enum citem kind;
	size_t item;
};

static bool
listed(const struct cfield_ref *f, const struct item_ref *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (items[i].kind == f->kind && items[i].item == f->item)
			return true;
	return false;
}

/* Expects every field of the items listed to be shown as written (the very string of the
 * content) and to have fallen back, and every other field as "TAG English". */
static void
expect_view(const struct ctext *tx, const char *tag, const struct item_ref *english,
    size_t n_english)
{
	size_t i;

	for (i = 0; i < fields.n; i++) {
		const struct cfield_ref *f = &fields.f[i];
		const char *got = shown(tx, f);

		if (listed(f, english, n_english)) {
			cr_expect_eq(got, f->english, "%s of %s '%s' as written, got '%s'",
			    ctext_field_name(f->field), ctext_item_name(f->kind), f->item_id, got);
			cr_expect(ctext_fell_back(tx, f->kind, f->item), "%s '%s' fell back",
			    ctext_item_name(f->kind), f->item_id);
		} else {
			char *want = xasprintf("%s %s", tag, f->english);

			cr_expect_str_eq(got, want, "%s of %s '%s'", ctext_field_name(f->field),
			    ctext_item_name(f->kind), f->item_id);
			cr_expect_not(ctext_fell_back(tx, f->kind, f->item),
			    "%s '%s' did not fall back", ctext_item_name(f->kind), f->item_id);
			free(want);
		}
	}
}

static void
expect_coverage(const struct ctext *tx, size_t translated, size_t total)
{
	size_t t = 0, n = 0;

	ctext_coverage(tx, &t, &n);
	cr_expect_eq(t, translated, "translated: %zu, expected %zu", t, translated);
	cr_expect_eq(n, total, "total: %zu, expected %zu", n, total);
}

static size_t
rule_index(const char *id)
{
	size_t i;

	for (i = 0; i < rs->n_rules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return i;
	cr_assert_fail("no rule %s in the mini rules", id);
	return 0;
}

static size_t
note_index(const char *id)
{
	size_t i;

	for (i = 0; i < rs->n_notes; i++)
		if (strcmp(rs->notes[i].id, id) == 0)
			return i;
	cr_assert_fail("no note %s in the mini rules", id);
	return 0;
}

/* Expects one diagnostic, a warning, holding every word given (NULL-terminated). */
static void
expect_one_warning(const struct diag_list *dl, const char *w1, const char *w2, const char *w3)
{
	const char *words[] = { w1, w2, w3 };
	size_t i;

	cr_assert_eq(dl->n, 1, "one warning");
	cr_expect_eq(dl->items[0].level, DIAG_WARNING);
	for (i = 0; i < 3; i++)
		if (words[i] != NULL)
			cr_expect_not_null(strstr(dl->items[0].msg, words[i]), "'%s' in: %s",
			    words[i], dl->items[0].msg);
}

/* --- the fields ---------------------------------------------------------------------------- */

/* One line per field: "field kind item.sub ctx". */
static void
signature(const struct cfield_ref *f, void *arg)
{
	sb_printf(arg, "%s|%s|%zu.%zu|%s\n", ctext_field_name(f->field), ctext_item_name(f->kind),
	    f->item, f->sub, f->ctx != NULL ? f->ctx : "-");
}

Test(ctext, fields_in_file_order)
{
	/* Sections each followed by their questions, then the rules file's refer targets,
	 * notes and rules. Short option and "not sure" labels (one or two words) carry their
	 * question's id as context; longer ones and pictures do not. Norwood's picture of
	 * option i (dots and bars) and option v (none) are not walked. */
	static const char want[] = "title|questionnaire|0.0|-\n"
	                           "section title|section|0.0|-\n"
	                           "text|question|0.0|-\n"
	                           "unit|question|0.0|-\n"
	                           "text|question|1.0|-\n"
	                           "help|question|1.0|-\n"
	                           "option label|question|1.0|-\n"
	                           "option label|question|1.1|pregnancy\n"
	                           "option label|question|1.2|pregnancy\n"
	                           "unknown label|question|1.0|-\n"
	                           "text|question|2.0|-\n"
	                           "option label|question|2.0|-\n"
	                           "option label|question|2.1|-\n"
	                           "unknown label|question|2.0|-\n"
	                           "section title|section|1.0|-\n"
	                           "text|question|3.0|-\n"
	                           "option label|question|3.0|loss_reasons\n"
	                           "option label|question|3.1|-\n"
	                           "option label|question|3.2|-\n"
	                           "text|question|4.0|-\n"
	                           "option label|question|4.0|-\n"
	                           "option label|question|4.1|-\n"
	                           "unknown label|question|4.0|-\n"
	                           "text|question|5.0|-\n"
	                           "option label|question|5.0|-\n"
	                           "option label|question|5.1|-\n"
	                           "option label|question|5.2|-\n"
	                           "text|question|6.0|-\n"
	                           "unit|question|6.0|-\n"
	                           "unknown label|question|6.0|scar_age_months\n"
	                           "text|question|7.0|-\n"
	                           "option label|question|7.0|heart_conditions\n"
	                           "option label|question|7.1|-\n"
	                           "unknown label|question|7.0|heart_conditions\n"
	                           "section title|section|2.0|-\n"
	                           "text|question|8.0|-\n"
	                           "option label|question|8.0|unwell_today\n"
	                           "option label|question|8.1|unwell_today\n"
	                           "text|question|9.0|-\n"
	                           "text|question|10.0|-\n"
	                           "refer target|refer target|0.0|-\n"
	                           "refer target|refer target|1.0|-\n"
	                           "refer target|refer target|2.0|-\n"
	                           "note|note|0.0|-\n"
	                           "note|note|1.0|-\n"
	                           "note|note|2.0|-\n"
	                           "note|note|3.0|-\n"
	                           "note|note|4.0|-\n"
	                           "note|note|5.0|-\n"
	                           "note|note|6.0|-\n"
	                           "note|note|7.0|-\n"
	                           "note|note|8.0|-\n"
	                           "reason|rule|1.0|-\n"
	                           "reason|rule|2.0|-\n"
	                           "reason|rule|3.0|-\n"
	                           "come-back condition|rule|3.0|-\n"
	                           "reason|rule|4.0|-\n"
	                           "reason|rule|6.0|-\n"
	                           "reason|rule|7.0|-\n"
	                           "reason|rule|8.0|-\n"
	                           "reason|rule|9.0|-\n"
	                           "reason|rule|10.0|-\n"
	                           "reason|rule|11.0|-\n"
	                           "reason|rule|12.0|-\n"
	                           "come-back condition|rule|12.0|-\n";
	struct strbuf a = { 0 }, b = { 0 };

	ctext_fields(qn, rs, signature, &a);
	cr_expect_str_eq(sb_str(&a), want);
	/* The same again: nothing in the walk depends on an earlier one. */
	ctext_fields(qn, rs, signature, &b);
	cr_expect_str_eq(sb_str(&b), sb_str(&a));
	cr_expect_eq(fields.n, N_FIELDS);
	sb_free(&a);
	sb_free(&b);
}

Test(ctext, fields_point_at_the_content)
{
	size_t i, pictures = 0;

	for (i = 0; i < fields.n; i++) {
		const struct cfield_ref *f = &fields.f[i];
		bool letter = false;
		const char *p;

		for (p = f->english; *p != '\0'; p++)
			letter |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
		cr_expect(letter, "field %zu has a letter: '%s'", i, f->english);
		pictures += f->field == CF_PICTURE;
		if (f->kind == CI_QUESTION) {
			const struct question *q = &qn->questions[f->item];

			cr_expect_str_eq(f->item_id, q->id);
			cr_expect_eq(f->line, q->line);
			cr_expect_str_eq(f->file, qn->path);
		} else if (f->kind == CI_RULE) {
			cr_expect_str_eq(f->item_id, rs->rules[f->item].id);
			cr_expect_eq(f->line, rs->rules[f->item].line);
			cr_expect_str_eq(f->file, rs->path);
		} else if (f->kind == CI_NOTE) {
			cr_expect_str_eq(f->item_id, rs->notes[f->item].id);
			cr_expect_str_eq(f->file, rs->path);
		} else if (f->kind == CI_TARGET) {
			cr_expect_str_eq(f->item_id, rs->targets[f->item].id);
			cr_expect_str_eq(f->file, rs->path);
		} else if (f->kind == CI_SECTION) {
			cr_expect_str_eq(f->item_id, qn->sections[f->item].id);
		} else {
			cr_expect_str_eq(f->item_id, qn->id);
		}
	}
	cr_expect_eq(pictures, 0, "the only picture is dots and bars");
	cr_expect_str_eq(fields.f[0].english, qn->title);
	cr_expect_eq(fields.f[0].english, qn->title, "the content's own string");
	cr_expect_str_eq(ctext_field_name(CF_CONDITION), "come-back condition");
	cr_expect_str_eq(ctext_field_name(CF_LABEL), "option label");
	cr_expect_str_eq(ctext_item_name(CI_TARGET), "refer target");
	cr_expect_str_eq(ctext_item_name(CI_TITLE), "questionnaire");
}

Test(ctext, fields_without_rules)
{
	struct field_list only = { 0 };
	size_t i;

	ctext_fields(qn, NULL, collect, &only);
	cr_expect_eq(only.n, 1 + 3 + 36, "title, sections and questions");
	for (i = 0; i < only.n; i++)
		cr_expect_leq(only.f[i].kind, CI_QUESTION);
	free(only.f);
}

/* --- English ------------------------------------------------------------------------------- */

static void
expect_as_written(const struct ctext *tx)
{
	size_t i, k;

	cr_expect_str_eq(ctext_language(tx), "en");
	cr_expect_eq(ctext_title(tx), qn->title);
	for (i = 0; i < qn->n_sections; i++)
		cr_expect_eq(ctext_section(tx, i), qn->sections[i].title);
	for (i = 0; i < qn->n_questions; i++) {
		const struct question *q = &qn->questions[i];
		const struct qtext *t = ctext_question(tx, i);

		cr_expect_eq(t->text, q->text, "%s", q->id);
		cr_expect_eq(t->help, q->help, "%s", q->id);
		cr_expect_eq(t->unit, q->unit, "%s", q->id);
		cr_expect_eq(t->unknown, q->unknown_label, "%s", q->id);
		for (k = 0; k < q->n_options; k++) {
			cr_expect_eq(t->label[k], q->options[k].label, "%s %zu", q->id, k);
			cr_expect_eq(t->picture[k], q->options[k].illustration, "%s %zu", q->id, k);
			cr_expect_eq(ctext_item_label(tx, i, k), q->options[k].label);
		}
		cr_expect_eq(ctext_item_label(tx, i, q->n_options), q->unknown_label, "%s", q->id);
		cr_expect_not(ctext_fell_back(tx, CI_QUESTION, i));
	}
	for (i = 0; i < rs->n_notes; i++)
		cr_expect_eq(ctext_note(tx, i), rs->notes[i].text);
	for (i = 0; i < rs->n_targets; i++)
		cr_expect_eq(ctext_target(tx, i), rs->targets[i].label);
	for (i = 0; i < rs->n_rules; i++) {
		cr_expect_eq(ctext_reason(tx, i), rs->rules[i].reason, "%s", rs->rules[i].id);
		cr_expect_eq(ctext_condition(tx, i), rs->rules[i].come_back.condition, "%s",
		    rs->rules[i].id);
		cr_expect_not(ctext_fell_back(tx, CI_RULE, i));
	}
	cr_expect_not(ctext_fell_back(tx, CI_TITLE, 0));
	expect_coverage(tx, N_FIELDS, N_FIELDS);
}

Test(ctext, english_as_written)
{
	struct ctext *tx = ctext_english(qn, rs);

	expect_as_written(tx);
	/* Spot checks that the accessors are wired to the right strings. */
	cr_expect_null(ctext_reason(tx, rule_index("baseline-notes")));
	cr_expect_null(ctext_condition(tx, rule_index("under-min-age")), "a come-back date");
	cr_expect_str_eq(ctext_item_label(tx, Q_HEART, 2), "Not sure");
	cr_expect_null(ctext_question(tx, Q_NORWOOD)->picture[1]);
	ctext_free(tx);
}

Test(ctext, english_by_name_reads_no_catalog)
{
	struct ctext *tx;

	/* An "en" catalog (even a damaged one) is never opened for English. */
	char *bad = catalog_path(tmp, "en");

	mo_write_bytes(bad, "not a catalog", 13);
	tx = view("en", 0, tmp, NULL);
	expect_as_written(tx);
	ctext_free(tx);
	tx = view(NULL, 0, tmp, NULL);
	expect_as_written(tx);
	ctext_free(tx);
	free(bad);
	ctext_free(NULL);
}

/* --- a language ---------------------------------------------------------------------------- */

Test(ctext, complete_catalog_translates_every_field)
{
	struct ctext *tx;

	write_catalog(tmp, "es", "[es]", NULL, NULL);
	tx = view("es", 0, tmp, NULL);
	cr_expect_str_eq(ctext_language(tx), "es");
	expect_view(tx, "[es]", NULL, 0);
	expect_coverage(tx, N_FIELDS, N_FIELDS);
	/* What is not walked is shown as written. */
	cr_expect_eq(ctext_question(tx, Q_NORWOOD)->picture[0],
	    qn->questions[Q_NORWOOD].options[0].illustration);
	cr_expect_null(ctext_question(tx, Q_NORWOOD)->picture[1]);
	cr_expect_null(ctext_question(tx, Q_AGE)->help);
	cr_expect_null(ctext_reason(tx, rule_index("goal-buzz")));
	cr_expect_null(ctext_condition(tx, rule_index("scar-immature")));
	cr_expect_str_eq(ctext_item_label(tx, Q_PREG, 3), "[es] Prefer not to say");
	cr_expect_str_eq(ctext_item_label(tx, Q_PREG, 1), "[es] Pregnant");
	ctext_free(tx);
}

Test(ctext, no_catalog_for_the_language)
{
	struct ctext *tx = view("de", 0, tmp, NULL);
	size_t i;

	cr_expect_str_eq(ctext_language(tx), "de");
	for (i = 0; i < fields.n; i++) {
		cr_expect_eq(shown(tx, &fields.f[i]), fields.f[i].english);
		cr_expect(ctext_fell_back(tx, fields.f[i].kind, fields.f[i].item));
	}
	expect_coverage(tx, 0, N_FIELDS);
	ctext_free(tx);
}

Test(ctext, one_label_missing_makes_its_question_english)
{
	struct change c = { CF_LABEL, Q_PREG, 2, NULL }; /* "Breastfeeding" */
	const struct item_ref english[] = { { CI_QUESTION, Q_PREG } };
	const struct question *q = &qn->questions[Q_PREG];
	struct ctext *tx;

	write_catalog(tmp, "es", "[es]", apply_change, &c);
	tx = view("es", 0, tmp, NULL);
	expect_view(tx, "[es]", english, 1);
	/* The whole question: text, help, every label and the "not sure" choice. */
	cr_expect_eq(ctext_question(tx, Q_PREG)->text, q->text);
	cr_expect_eq(ctext_question(tx, Q_PREG)->help, q->help);
	cr_expect_eq(ctext_item_label(tx, Q_PREG, 0), q->options[0].label);
	cr_expect_eq(ctext_item_label(tx, Q_PREG, 3), q->unknown_label);
	/* Its section and its neighbours are not affected. */
	cr_expect_str_eq(ctext_section(tx, 0), "[es] About you");
	cr_expect_not(ctext_fell_back(tx, CI_SECTION, 0));
	cr_expect_not(ctext_fell_back(tx, CI_QUESTION, Q_AGE));
	cr_expect_not(ctext_fell_back(tx, CI_QUESTION, Q_GOAL));
	/* The coverage counts strings: all but the one left out. */
	expect_coverage(tx, N_FIELDS - 1, N_FIELDS);
	ctext_free(tx);
}

Test(ctext, each_kind_of_item_falls_back_alone)
{
	static const struct {
		struct change c;
		struct item_ref item;
	} cases[] = {
		{ { CF_TITLE, 0, 0, NULL }, { CI_TITLE, 0 } },
		{ { CF_SECTION, 1, 0, NULL }, { CI_SECTION, 1 } },
		{ { CF_HELP, Q_PREG, 0, NULL }, { CI_QUESTION, Q_PREG } },
		{ { CF_UNIT, Q_SCAR_AGE, 0, NULL }, { CI_QUESTION, Q_SCAR_AGE } },
		{ { CF_UNKNOWN, Q_HEART, 0, NULL }, { CI_QUESTION, Q_HEART } },
		{ { CF_TEXT, Q_PRICE, 0, NULL }, { CI_QUESTION, Q_PRICE } },
		{ { CF_NOTE, 3, 0, NULL }, { CI_NOTE, 3 } },
		{ { CF_TARGET, 1, 0, NULL }, { CI_TARGET, 1 } },
		{ { CF_REASON, 12, 0, NULL }, { CI_RULE, 12 } },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct change c = cases[i].c;
		struct ctext *tx;
		char *dir = xasprintf("%s/%zu", tmp, i);

		write_catalog(dir, "es", "[es]", apply_change, &c);
		tx = view("es", 0, dir, NULL);
		expect_view(tx, "[es]", &cases[i].item, 1);
		expect_coverage(tx, N_FIELDS - 1, N_FIELDS);
		ctext_free(tx);
		free(dir);
	}
}

/* --- short labels and their context -------------------------------------------------------- */

/* Leaves out every field of heart_conditions that has a context. */
static const char *
drop_heart_ctx(const struct cfield_ref *f, const char *proposed, void *arg)
{
	(void)arg;
	return f->kind == CI_QUESTION && f->item == Q_HEART && f->ctx != NULL ? NULL : proposed;
}

Test(ctext, short_label_needs_its_context)
{
	/* "None" and "Not sure" of heart_conditions translated only without a context (as
	 * another question's would be): not used. */
	struct mo_list l = { 0 };
	char *path = catalog_path(tmp, "es");
	const struct item_ref english[] = { { CI_QUESTION, Q_HEART } };
	struct ctext *tx;

	fill_catalog(&l, "[es]", drop_heart_ctx, NULL);
	mo_add(&l, NULL, "None", "[es] None");
	mo_add(&l, NULL, "Not sure", "[es] Not sure");
	/* A longer label under a context is not the entry either. */
	mo_add(&l, "scar_types", "No scars to cover", "[ctx] No scars to cover");
	mo_write_file(path, &l);
	tx = view("es", 0, tmp, NULL);
	expect_view(tx, "[es]", english, 1);
	cr_expect_str_eq(ctext_item_label(tx, Q_SCARS, 0), "[es] No scars to cover");
	ctext_free(tx);
	mo_list_free(&l);
	free(path);
}

/* Translates the "Not sure" of each question differently, as a gendered language does. */
static const char *
per_question(const struct cfield_ref *f, const char *proposed, void *arg)
{
	(void)arg;
	if (f->field == CF_UNKNOWN && f->item == Q_HEART)
		return "[es] Not sure";
	if (f->field == CF_UNKNOWN && f->item == Q_SCAR_AGE)
		return "[es] Not sure (m)";
	return proposed;
}

Test(ctext, same_short_label_in_two_questions)
{
	struct mo_list l = { 0 };
	char *path = catalog_path(tmp, "es");
	struct ctext *tx;

	fill_catalog(&l, "[es]", per_question, NULL);
	mo_add(&l, NULL, "Not sure", "[wrong] without a context");
	mo_write_file(path, &l);
	tx = view("es", 0, tmp, NULL);
	cr_expect_str_eq(ctext_question(tx, Q_HEART)->unknown, "[es] Not sure");
	cr_expect_str_eq(ctext_question(tx, Q_SCAR_AGE)->unknown, "[es] Not sure (m)");
	cr_expect_not(ctext_fell_back(tx, CI_QUESTION, Q_HEART));
	cr_expect_not(ctext_fell_back(tx, CI_QUESTION, Q_SCAR_AGE));
	ctext_free(tx);
	mo_list_free(&l);
	free(path);
}

/* --- translations that are not shown ------------------------------------------------------- */

Test(ctext, control_characters_and_bad_utf8_are_refused)
{
	static const char *const bad[] = {
		"[es] \033[31m¿Qué resultado espera?", /* an escape sequence */
		"[es] ¿Qué resultado\r espera?",       /* a carriage return */
		"[es] ¿Qué\tresultado espera?",        /* a tab */
		"[es] ¿Qué resultado espera?\x7f",     /* DEL */
		"[es] \xff\xfe resultado",             /* not UTF-8 */
		"[es] Qu\xc3 resultado",               /* a sequence cut short */
		"[es] \xc0\xaf overlong",              /* an overlong encoding of '/' */
		"[es] \xed\xa0\x80 surrogate",         /* a UTF-16 surrogate */
		"[es] \xc2\x9b" "2J borrado",          /* C1: CSI, clears a screen as ESC [ does */
		"[es] \xe2\x80\xae" "atsepse",         /* a bidi override turns the line around */
		"[es] ¿Qué\nresultado espera?",       /* a line break in a one-line text */
	};
	const struct item_ref english[] = { { CI_QUESTION, Q_GOAL } };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct change c = { CF_TEXT, Q_GOAL, 0, bad[i] };
		struct lang_dirs d = { .content = { tmp } };
		struct diag_list dl = { 0 };
		struct ctext *tx;

		write_catalog(tmp, "es", "[es]", apply_change, &c);
		tx = ctext_new(qn, rs, "es", &d, &dl);
		expect_view(tx, "[es]", english, 1);
		expect_one_warning(&dl, "goal", "control characters", "English");
		ctext_free(tx);
		diag_clear(&dl);
	}
}

Test(ctext, line_breaks_and_non_ascii_are_kept)
{
	struct change c = { CF_HELP, Q_PREG, 0,
		"Preguntamos porque la MPC no se hace\ndurante el embarazo — ni la lactancia." };
	struct ctext *tx;

	write_catalog(tmp, "es", "[es]", apply_change, &c);
	tx = view("es", 0, tmp, NULL);
	cr_expect_str_eq(ctext_question(tx, Q_PREG)->help, c.text);
	cr_expect_not(ctext_fell_back(tx, CI_QUESTION, Q_PREG));
	ctext_free(tx);
}

Test(ctext, bad_note_falls_back_alone)
{
	size_t scar = note_index("scar");
	struct change c = { CF_NOTE, scar, 0, "[es] La cicatriz \033]0;title\007" };
	const struct item_ref english[] = { { CI_NOTE, scar } };
	struct lang_dirs d = { .content = { tmp } };
	struct diag_list dl = { 0 };
	struct ctext *tx;

	write_catalog(tmp, "es", "[es]", apply_change, &c);
	tx = ctext_new(qn, rs, "es", &d, &dl);
	expect_view(tx, "[es]", english, 1);
	expect_one_warning(&dl, "note", "'scar'", NULL);
	/* A refused string is not counted as translated. */
	expect_coverage(tx, N_FIELDS - 1, N_FIELDS);
	ctext_free(tx);
	diag_clear(&dl);
}

Test(ctext, come_back_condition_must_name_the_same_settings)
{
	/* English: "on a day when you are well, at least setting.patch_test_wait_hours hours
	 * after a patch test". */
	static const struct {
		const char *text;
		bool kept;
	} cases[] = {
		{ "[es] un día en que se encuentre bien, al menos setting.patch_test_wait_hours "
		  "horas después de una prueba",
		    true },
		{ "[es] setting.patch_test_wait_hours horas tras la prueba, un día en que esté "
		  "bien",
		    true },
		{ "[es] un día en que se encuentre bien, tras una prueba", false },
		{ "[es] al menos setting.patch_wait_hours horas después", false },
		{ "[es] al menos setting.patch_test_wait horas después", false },
		{ "[es] al menos setting.patch_test_wait_hours_x horas después", false },
		{ "[es] al menos setting.Patch_test_wait_hours horas", false },
		{ "[es] al menos setting.patch_test_wait_hours horas (setting.min_age)", false },
		{ "[es] setting.patch_test_wait_hours o setting.patch_test_wait_hours horas",
		    false },
		{ "[es] al menos setting. horas", false },
	};
	size_t rule = rule_index("unwell-today"), i;
	const struct item_ref english[] = { { CI_RULE, rule } };

	cr_assert_not_null(rs->rules[rule].come_back.condition);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct change c = { CF_CONDITION, rule, 0, cases[i].text };
		struct lang_dirs d = { .content = { tmp } };
		struct diag_list dl = { 0 };
		struct ctext *tx;

		write_catalog(tmp, "es", "[es]", apply_change, &c);
		tx = ctext_new(qn, rs, "es", &d, &dl);
		if (cases[i].kept) {
			cr_expect_eq(dl.n, 0, "'%s' kept", cases[i].text);
			cr_expect_str_eq(ctext_condition(tx, rule), cases[i].text);
			cr_expect_not(ctext_fell_back(tx, CI_RULE, rule));
		} else {
			expect_view(tx, "[es]", english, 1);
			/* The reason goes back to English with its condition. */
			cr_expect_eq(ctext_reason(tx, rule), rs->rules[rule].reason);
			expect_one_warning(&dl, "unwell-today", "same settings",
			    "come-back condition");
		}
		ctext_free(tx);
		diag_clear(&dl);
	}
}

Test(ctext, condition_without_settings_stays_without)
{
	/* "when pregnancy and breastfeeding are both over" names none: a translation that
	 * brings one in would show a number the English does not promise. */
	size_t rule = rule_index("pregnant-or-breastfeeding");
	struct change c = { CF_CONDITION, rule, 0, "[es] tras setting.min_age años" };
	const struct item_ref english[] = { { CI_RULE, rule } };
	struct lang_dirs d = { .content = { tmp } };
	struct diag_list dl = { 0 };
	struct ctext *tx;

	write_catalog(tmp, "es", "[es]", apply_change, &c);
	tx = ctext_new(qn, rs, "es", &d, &dl);
	expect_view(tx, "[es]", english, 1);
	expect_one_warning(&dl, "pregnant-or-breastfeeding", "same settings", NULL);
	ctext_free(tx);
	diag_clear(&dl);
}

/* --- several folders ----------------------------------------------------------------------- */

/* The clinic's catalog: questions only, and "How old are you..." present but empty. */
static const char *
clinic_edit(const struct cfield_ref *f, const char *proposed, void *arg)
{
	(void)arg;
	if (f->kind != CI_QUESTION)
		return NULL;
	if (f->field == CF_TEXT && f->item == Q_AGE)
		return "";
	return proposed;
}

Test(ctext, first_folder_wins_second_fills_the_gaps)
{
	char *clinic = xasprintf("%s/clinic", tmp), *shipped = xasprintf("%s/shipped", tmp);
	struct ctext *tx;
	size_t i;

	write_catalog(clinic, "es", "[clinic]", clinic_edit, NULL);
	write_catalog(shipped, "es", "[es]", NULL, NULL);
	tx = view("es", 0, clinic, shipped);
	for (i = 0; i < fields.n; i++) {
		const struct cfield_ref *f = &fields.f[i];
		bool clinics = f->kind == CI_QUESTION && !(f->field == CF_TEXT && f->item == Q_AGE);
		char *want = xasprintf("%s %s", clinics ? "[clinic]" : "[es]", f->english);

		cr_expect_str_eq(shown(tx, f), want, "%s of %s '%s'", ctext_field_name(f->field),
		    ctext_item_name(f->kind), f->item_id);
		cr_expect_not(ctext_fell_back(tx, f->kind, f->item));
		free(want);
	}
	expect_coverage(tx, N_FIELDS, N_FIELDS);
	ctext_free(tx);
	/* The other way round, the shipped catalog has every string: the clinic's is unused. */
	tx = view("es", 0, shipped, clinic);
	expect_view(tx, "[es]", NULL, 0);
	ctext_free(tx);
	free(clinic);
	free(shipped);
}

Test(ctext, gap_in_every_folder_is_english)
{
	char *clinic = xasprintf("%s/clinic", tmp), *shipped = xasprintf("%s/shipped", tmp);
	/* The clinic's has it empty, the shipped one not at all. */
	struct change c = { CF_TEXT, Q_AGE, 0, NULL };
	const struct item_ref english[] = { { CI_QUESTION, Q_AGE } };
	struct ctext *tx;

	write_catalog(clinic, "es", "[es]", clinic_edit, NULL);
	write_catalog(shipped, "es", "[es]", apply_change, &c);
	/* A folder without a catalog for the language, and an unused slot, on the way. */
	{
		struct lang_dirs d = { .content = { NULL, tmp, shipped, clinic } };
		struct diag_list dl = { 0 };

		tx = ctext_new(qn, rs, "es", &d, &dl);
		cr_expect_eq(dl.n, 0);
		expect_view(tx, "[es]", english, 1);
		ctext_free(tx);
	}
	free(clinic);
	free(shipped);
}

/* --- damaged catalogs ---------------------------------------------------------------------- */

/* Expects ctext_new to leave the damaged catalog at path out, with one error naming it:
 * with nothing else to read, every item in English and nothing counted as translated
 * (check must not call it complete); behind a good catalog, that one still translates. */
static void
expect_damaged(const char *path, const char *d1, const char *d2, bool good_too)
{
	struct lang_dirs d = { .content = { d1, d2 } };
	struct diag_list dl = { 0 };
	struct ctext *tx = ctext_new(qn, rs, "es", &d, &dl);
	char *msg = test_diag_text(&dl);

	cr_assert_not_null(tx);
	cr_expect_str_eq(ctext_language(tx), "es");
	if (good_too) {
		expect_view(tx, "[es]", NULL, 0);
		expect_coverage(tx, fields.n, fields.n);
	} else {
		for (size_t i = 0; i < fields.n; i++) {
			const struct cfield_ref *f = &fields.f[i];

			cr_expect_eq(shown(tx, f), f->english, "%s of %s '%s' as written",
			    ctext_field_name(f->field), ctext_item_name(f->kind), f->item_id);
			cr_expect(ctext_fell_back(tx, f->kind, f->item));
		}
		expect_coverage(tx, 0, fields.n);
	}
	cr_expect_eq(dl.n, 1, "one diagnostic:\n%s", msg);
	cr_expect_eq(diag_errors(&dl), 1, "an error:\n%s", msg);
	if (dl.n > 0)
		cr_expect_str_eq(dl.items[0].file != NULL ? dl.items[0].file : "", path);
	free(msg);
	diag_clear(&dl);
	ctext_free(tx);
}

Test(ctext, damaged_catalog_is_left_out_with_an_error)
{
	char *path = catalog_path(tmp, "es");
	struct mo_list l = { 0 };
	unsigned char *img;
	size_t size;

	fill_catalog(&l, "[es]", NULL, NULL);
	img = mo_image(&l, false, &size);
	mo_write_bytes(path, img, size - 3);
	expect_damaged(path, tmp, NULL, false);
	free(img);
	mo_list_free(&l);
	free(path);
}

Test(ctext, damaged_catalog_behind_a_good_one)
{
	char *clinic = xasprintf("%s/clinic", tmp), *shipped = xasprintf("%s/shipped", tmp);
	char *path = catalog_path(shipped, "es");

	write_catalog(clinic, "es", "[es]", NULL, NULL);
	mo_write_bytes(path, "\x95\x04\x12\xde", 4);
	expect_damaged(path, clinic, shipped, true);
	free(path);
	free(clinic);
	free(shipped);
}

Test(ctext, catalog_with_bad_plural_forms_is_damaged)
{
	char *path = catalog_path(tmp, "es");
	struct mo_list l = { 0 };

	mo_add_header(&l, "es", "nplurals=2; plural=(n != 1;");
	fill_catalog(&l, "[es]", NULL, NULL);
	mo_write_file(path, &l);
	expect_damaged(path, tmp, NULL, false);
	mo_list_free(&l);
	free(path);
}

/* --- pictures ------------------------------------------------------------------------------ */

static const char picture_text[] =
    "id = \"pics\"; version = 1; title = \"Pictures\";\n"
    "sections = ( { id = \"s\"; title = \"Shape\"; questions = (\n"
    "  { id = \"pick\"; type = \"single\"; text = \"Which one?\";\n"
    "    options = (\n"
    "      { value = \"a\"; label = \"Left side\"; illustration = \"|A  |\\n|   |\"; },\n"
    "      { value = \"b\"; label = \"Right\"; illustration = \" ..\\n:  :\"; }\n"
    "    ); }\n"
    ") } );\n";

Test(ctext, picture_with_letters_is_translated_with_its_question)
{
	struct questionnaire *pq = NULL;
	struct diag_list dl = { 0 };
	struct field_list pf = { 0 };
	struct lang_dirs d = { .content = { tmp } };
	struct mo_list l = { 0 };
	char *path = catalog_path(tmp, "fr");
	struct ctext *tx;
	size_t i;

	if (questionnaire_load_string(&pq, picture_text, "pics.cfg", &dl) != 0) {
		char *msg = test_diag_text(&dl);

		cr_assert_fail("pics.cfg does not load:\n%s", msg);
	}
	diag_clear(&dl);
	ctext_fields(pq, NULL, collect, &pf);
	cr_assert_eq(pf.n, 6, "title, section, text, two labels, one picture; got %zu", pf.n);
	cr_expect_eq(pf.f[4].field, CF_PICTURE);
	cr_expect_eq(pf.f[4].sub, 0);
	cr_expect_null(pf.f[4].ctx, "a picture has no context");
	cr_expect_str_eq(pf.f[3].ctx, "pick", "\"Left side\": two words");
	for (i = 0; i < pf.n; i++)
		cr_expect_neq(pf.f[i].english, pq->questions[0].options[1].illustration,
		    "the dots are not walked");
	/* Translated, the dots stay as written. */
	mo_add(&l, NULL, "Pictures", "Images");
	mo_add(&l, NULL, "Shape", "Forme");
	mo_add(&l, NULL, "Which one?", "Laquelle ?");
	mo_add(&l, "pick", "Left side", "Côté gauche");
	mo_add(&l, NULL, "|A  |\n|   |", "|G  |\n|   |");
	mo_add(&l, "pick", "Right", "Droite");
	mo_write_file(path, &l);
	tx = ctext_new(pq, NULL, "fr", &d, &dl);
	cr_expect_eq(dl.n, 0);
	cr_expect_str_eq(ctext_question(tx, 0)->picture[0], "|G  |\n|   |");
	cr_expect_eq(ctext_question(tx, 0)->picture[1], pq->questions[0].options[1].illustration);
	cr_expect_str_eq(ctext_question(tx, 0)->label[1], "Droite");
	expect_coverage(tx, 6, 6);
	ctext_free(tx);
	/* Without the picture's translation, the whole question is English. */
	mo_list_free(&l);
	mo_add(&l, NULL, "Which one?", "Laquelle ?");
	mo_add(&l, "pick", "Left side", "Côté gauche");
	mo_add(&l, "pick", "Right", "Droite");
	mo_write_file(path, &l);
	tx = ctext_new(pq, NULL, "fr", &d, &dl);
	cr_expect(ctext_fell_back(tx, CI_QUESTION, 0));
	cr_expect_eq(ctext_question(tx, 0)->text, pq->questions[0].text);
	cr_expect_eq(ctext_question(tx, 0)->label[0], pq->questions[0].options[0].label);
	cr_expect_eq(ctext_question(tx, 0)->picture[0], pq->questions[0].options[0].illustration);
	expect_coverage(tx, 3, 6);
	ctext_free(tx);
	diag_clear(&dl);
	mo_list_free(&l);
	free(pf.f);
	free(path);
	questionnaire_free(pq);
}

Test(ctext, picture_of_unicode_lines_is_not_walked)
{
	/* Box-drawing and block characters are lines and shades, not letters: such a picture
	 * is shown as written, like one of ASCII dots and bars, and needs no translation. */
	static const char text[] =
	    "id = \"boxes\"; version = 1; title = \"Boxes\";\n"
	    "sections = ( { id = \"s\"; title = \"Shape\"; questions = (\n"
	    "  { id = \"pick\"; type = \"single\"; text = \"Which one?\";\n"
	    "    options = (\n"
	    "      { value = \"a\"; label = \"Left\"; illustration = \"┌──┐\\n│░░│\\n└──┘\"; },\n"
	    "      { value = \"b\"; label = \"Right\"; illustration = \"▁▂▃▄\\n█▓▒░\"; }\n"
	    "    ); }\n"
	    ") } );\n";
	struct questionnaire *bq = NULL;
	struct diag_list dl = { 0 };
	struct field_list bf = { 0 };
	size_t i;

	if (questionnaire_load_string(&bq, text, "boxes.cfg", &dl) != 0) {
		char *msg = test_diag_text(&dl);

		cr_assert_fail("boxes.cfg does not load:\n%s", msg);
	}
	diag_clear(&dl);
	ctext_fields(bq, NULL, collect, &bf);
	for (i = 0; i < bf.n; i++)
		cr_expect_neq(bf.f[i].field, CF_PICTURE, "picture '%s' walked", bf.f[i].english);
	cr_expect_eq(bf.n, 5, "title, section, text, two labels; got %zu", bf.n);
	free(bf.f);
	questionnaire_free(bq);
}

/* --- many sections ----------------------------------------------------------------------- */

static void
record_order(const struct cfield_ref *f, void *arg)
{
	struct strbuf *sb = arg;

	sb_printf(sb, "%s%s", sb->len > 0 ? " " : "", f->english);
}

/* Each section is followed by its own questions in file order, wherever they are in the
 * array of questions (the walk groups them in one pass rather than a search per section). */
Test(ctext_fields, each_section_followed_by_its_questions)
{
	struct section sections[3] = { { .id = (char *)"s0", .title = (char *)"S0" },
		{ .id = (char *)"s1", .title = (char *)"S1" },
		{ .id = (char *)"s2", .title = (char *)"S2" } };
	struct question questions[6] = {
		{ .id = (char *)"a", .text = (char *)"A", .section = 2 },
		{ .id = (char *)"b", .text = (char *)"B", .section = 0 },
		{ .id = (char *)"c", .text = (char *)"C", .section = 1 },
		{ .id = (char *)"d", .text = (char *)"D", .section = 0 },
		{ .id = (char *)"e", .text = (char *)"E", .section = 2 },
		/* No such section: not walked. */
		{ .id = (char *)"f", .text = (char *)"F", .section = 7 },
	};
	struct questionnaire q = { .id = (char *)"x",
		.title = (char *)"T",
		.sections = sections,
		.n_sections = 3,
		.questions = questions,
		.n_questions = 6 };
	struct strbuf sb = { 0 };

	ctext_fields(&q, NULL, record_order, &sb);
	cr_expect_str_eq(sb_str(&sb), "T S0 B D S1 C S2 A E");
	sb_free(&sb);
	q.n_sections = 0;
	ctext_fields(&q, NULL, record_order, &sb);
	cr_expect_str_eq(sb_str(&sb), "T");
	sb_free(&sb);
}
