/* SPDX-License-Identifier: ISC */
/* The texts of the questionnaire and the rules, in the language of a consultation.
 *
 * This is the one way content text reaches a screen or a report: front ends and
 * formatters ask ctext for the text of a field and never read q->text and the like. A
 * translation is taken per item (a question with its help, unit, options and pictures; a
 * section title; a note; a rule's reason and come-back condition; a refer target): when any
 * of an item's strings is missing from the catalogs, the whole item is shown in English, so
 * no screen ever mixes two languages inside one question. */
#ifndef SMPSCREEN_CTEXT_H
#define SMPSCREEN_CTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/diag.h"
#include "smpscreen/lang.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"

/* The translatable fields. Fields without a letter in them (a picture of dots and bars)
 * are not translatable and are shown as written. */
enum cfield {
	CF_TITLE,     /* the questionnaire's title */
	CF_SECTION,   /* item: section */
	CF_TEXT,      /* item: question */
	CF_HELP,      /* item: question */
	CF_UNIT,      /* item: question */
	CF_UNKNOWN,   /* item: question; the label of its "not sure" choice */
	CF_LABEL,     /* item: question, sub: option */
	CF_PICTURE,   /* item: question, sub: option */
	CF_NOTE,      /* item: note */
	CF_REASON,    /* item: rule */
	CF_CONDITION, /* item: rule; a come-back condition, before settings are filled in */
	CF_TARGET,    /* item: refer target */
};
/* What makes one item: everything of it is translated, or it is shown in English. */
enum citem { CI_TITLE, CI_SECTION, CI_QUESTION, CI_NOTE, CI_RULE, CI_TARGET };

/* One translatable string of the content, as the extractor and the coverage count see it. */
struct cfield_ref {
	enum cfield field;
	enum citem kind;
	size_t item, sub;
	const char *english;
	/* The gettext context: the question id for a short option label (one or two words:
	 * "None", "Other", "Not sure" agree with the noun of their question in Spanish and
	 * French), NULL otherwise. */
	const char *ctx;
	const char *item_id; /* question, section, note, rule or target id */
	const char *file;
	int line;
};
typedef void cfield_fn(const struct cfield_ref *f, void *arg);
/* Calls fn for every translatable string: the questionnaire in file order (its title, then
 * each section's title followed by its questions), then the rules' refer targets, notes and
 * rules, each in file order. */
void ctext_fields(const struct questionnaire *qn, const struct ruleset *rs, cfield_fn *fn,
    void *arg);
/* The field's name in translator comments and messages ("text", "option label"...). */
const char *ctext_field_name(enum cfield f);
const char *ctext_item_name(enum citem k);

/* The texts of one question in the view's language. label[] and picture[] have
 * n_options entries (picture[k] NULL where the option has none). */
struct qtext {
	const char *text, *help, *unit, *unknown;
	const char *const *label;
	const char *const *picture;
};

struct ctext;
/* A view of qn and rs (both must outlive it) in language code, from the content catalogs
 * under d (the first directory that translates a string wins). "en": the texts as written.
 * A damaged catalog is an error in dl, and the view is English. Never NULL. */
struct ctext *ctext_new(const struct questionnaire *qn, const struct ruleset *rs,
    const char *code, const struct lang_dirs *d, struct diag_list *dl);
/* An English view, with no catalog read. */
struct ctext *ctext_english(const struct questionnaire *qn, const struct ruleset *rs);
/* Accepts NULL. */
void ctext_free(struct ctext *tx);

const char *ctext_language(const struct ctext *tx);
const char *ctext_title(const struct ctext *tx);
const char *ctext_section(const struct ctext *tx, size_t section);
const struct qtext *ctext_question(const struct ctext *tx, size_t q);
/* The label of answer item i of question q: option i, or the "not sure" choice after them. */
const char *ctext_item_label(const struct ctext *tx, size_t q, size_t i);
const char *ctext_note(const struct ctext *tx, size_t note);
/* NULL when the rule has none. */
const char *ctext_reason(const struct ctext *tx, size_t rule);
const char *ctext_condition(const struct ctext *tx, size_t rule);
const char *ctext_target(const struct ctext *tx, size_t target);

/* Whether the view's catalogs translate field f (as ctext_fields gives it) acceptably; an
 * English view translates everything. */
bool ctext_translated(const struct ctext *tx, const struct cfield_ref *f);
/* Whether an item is shown in English in a view whose language is not English. */
bool ctext_fell_back(const struct ctext *tx, enum citem kind, size_t item);
/* Strings translated and strings in all (translatable ones), over the whole content. */
void ctext_coverage(const struct ctext *tx, size_t *translated, size_t *total);

#endif
