/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "expr.h"
#include "idindex.h"
#include "loader.h"
#include "suggest.h"
#include "smpscreen/i18n.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/xalloc.h"

/* A text answer is bounded even when the file does not say how far. */
#define TEXT_DEFAULT_MAX 500
#define TEXT_HARD_MAX 4000

static const char *const top_keys[] = { "id", "version", "title", "url", "sections", NULL };
static const char *const section_keys[] = { "id", "title", "questions", NULL };
static const char *const question_keys[] = { "id", "type", "text", "help", "options", "min", "max",
	"unit", "max_length", "show_if", "required", "allow_unknown", "unknown_label",
	"unknown_class", "audience", "option_order_reason", NULL };
static const char *const option_keys[] = { "value", "label", "illustration", NULL };
static const char *const type_names[] = { "single", "multi", "integer", "text", "info", NULL };

const char *
questionnaire_type_name(enum question_type t)
{
	return type_names[t];
}

long
questionnaire_find(const struct questionnaire *qn, const char *id)
{
	size_t i;

	/* Every key of every answer file and every name in a condition is looked up here. */
	if (qn->index != NULL)
		return idindex_find(qn->index, id);
	for (i = 0; i < qn->n_questions; i++)
		if (strcmp(qn->questions[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
questionnaire_find_option(const struct question *q, const char *value)
{
	size_t i;

	for (i = 0; i < q->n_options; i++)
		if (strcmp(q->options[i].value, value) == 0)
			return (long)i;
	return -1;
}

static void
question_free(struct question *q)
{
	size_t i;

	free(q->id);
	free(q->text);
	free(q->help);
	for (i = 0; i < q->n_options; i++) {
		free(q->options[i].value);
		free(q->options[i].label);
		free(q->options[i].illustration);
	}
	free(q->options);
	free(q->unit);
	free(q->show_if_src);
	expr_free(q->show_if);
	free(q->unknown_label);
	free(q->option_order_reason);
}

void
questionnaire_free(struct questionnaire *qn)
{
	size_t i;

	if (qn == NULL)
		return;
	for (i = 0; i < qn->n_questions; i++)
		question_free(&qn->questions[i]);
	free(qn->questions);
	idindex_free(qn->index);
	for (i = 0; i < qn->n_sections; i++) {
		free(qn->sections[i].id);
		free(qn->sections[i].title);
	}
	free(qn->sections);
	free(qn->id);
	free(qn->title);
	free(qn->url);
	free(qn->path);
	free(qn);
}

static void
load_options(struct cfg_ctx *cx, const config_setting_t *qs, struct question *q, const char *owner)
{
	config_setting_t *list = cfg_list(cx, qs, "options", false, owner), *os;
	const char *value, *label, *ill;
	size_t i, n;
	long prev;

	if (list == NULL)
		return;
	n = (size_t)config_setting_length(list);
	if (n > QUESTION_MAX_OPTIONS) {
		cfg_error(cx, cfg_line(list), _("%s: %zu options, more than the limit of %d"),
		    owner, n, QUESTION_MAX_OPTIONS);
		return;
	}
	q->options = xcalloc(n, sizeof *q->options);
	for (i = 0; i < n; i++) {
		os = config_setting_get_elem(list, (unsigned)i);
		cfg_check_keys(cx, os, option_keys, owner);
		value = cfg_string(cx, os, "value", true, owner);
		label = cfg_text(cx, os, "label", true, owner, false);
		/* A picture is drawn line by line. */
		ill = cfg_text(cx, os, "illustration", false, owner, true);
		if (value == NULL || label == NULL)
			continue;
		if (!cfg_valid_id(value, false))
			cfg_error(cx, cfg_line(os),
			    _("%s: option value '%s' must be lower-case letters, digits and '_'"),
			    owner, value);
		else if (strcmp(value, ANSWER_UNKNOWN_VALUE) == 0)
			cfg_error(cx, cfg_line(os),
			    _("%s: 'unknown' is reserved; use allow_unknown = true instead"),
			    owner);
		else if ((prev = questionnaire_find_option(q, value)) >= 0)
			cfg_error(cx, cfg_line(os), _("%s: option '%s' is listed twice"), owner,
			    value);
		q->options[q->n_options].value = xstrdup(value);
		q->options[q->n_options].label = xstrdup(label);
		q->options[q->n_options].illustration = xstrdup(ill);
		q->n_options++;
	}
}

static void
load_question(struct cfg_ctx *cx, const config_setting_t *qs, struct questionnaire *qn,
    size_t section)
{
	struct question *q = &qn->questions[qn->n_questions];
	const char *id, *type, *s, *hint;
	char *owner;
	long v, prev;
	bool b, type_known = true;
	size_t t;

	q->line = cfg_line(qs);
	q->section = section;
	q->audience = AUDIENCE_PATIENT;
	id = cfg_string(cx, qs, "id", true, _("question"));
	if (id == NULL)
		return;
	owner = xasprintf(_("question '%s'"), id);
	/* A question named like a word of the condition language could not be told from it. */
	if (!cfg_valid_id(id, false) || expr_is_reserved(id, strlen(id)))
		cfg_error(cx, q->line,
		    _("%s: an id is lower-case letters, digits and '_', starting with a letter, "
		      "and not a word of the condition language"),
		    owner);
	q->id = xstrdup(id);
	/* Every id goes in, a malformed one too, so that a condition finds what a search of
	 * the questions would. */
	prev = questionnaire_index_add(qn, qn->n_questions);
	if (prev >= 0 && cfg_valid_id(id, false) && !expr_is_reserved(id, strlen(id)))
		cfg_error(cx, q->line, _("%s: duplicate id (first defined at line %d)"), owner,
		    qn->questions[prev].line);
	qn->n_questions++;

	cfg_check_keys(cx, qs, question_keys, owner);
	type = cfg_string(cx, qs, "type", true, owner);
	if (type != NULL) {
		for (t = 0; type_names[t] != NULL && strcmp(type, type_names[t]) != 0; t++)
			;
		if (type_names[t] == NULL) {
			hint = suggest_closest(type, type_names, 5);
			if (hint != NULL)
				cfg_error(cx, cfg_line(qs),
				    _("%s: unknown type '%s' (did you mean '%s'?)"), owner, type,
				    hint);
			else
				cfg_error(cx, cfg_line(qs), _("%s: unknown type '%s'"), owner,
				    type);
			t = QTYPE_INFO;
			type_known = false; /* one mistake: no checks that depend on the type */
		}
		q->type = (enum question_type)t;
	}
	/* Line breaks where ctext.c allows them in a translation: help is a paragraph. A
	 * condition may be written over lines (they are spaces to it), as rules.c allows. */
	q->text = xstrdup(cfg_text(cx, qs, "text", true, owner, false));
	q->help = xstrdup(cfg_text(cx, qs, "help", false, owner, true));
	q->show_if_src = xstrdup(cfg_text(cx, qs, "show_if", false, owner, true));
	if ((s = cfg_string(cx, qs, "audience", false, owner)) != NULL) {
		if (strcmp(s, "consultant") == 0)
			q->audience = AUDIENCE_CONSULTANT;
		else if (strcmp(s, "patient") != 0)
			cfg_error(cx, cfg_line(qs),
			    _("%s: audience must be 'patient' or 'consultant', not '%s'"), owner,
			    s);
	}
	q->required = q->audience == AUDIENCE_PATIENT && q->type != QTYPE_INFO;
	if (cfg_bool(cx, qs, "required", &b, false, owner)) {
		if (b && q->type == QTYPE_INFO && type_known)
			cfg_error(cx, cfg_line(qs),
			    _("%s: an info item takes no answer, so it "
			      "cannot be required"),
			    owner);
		q->required = b && q->type != QTYPE_INFO;
	}
	if (cfg_bool(cx, qs, "allow_unknown", &b, false, owner))
		q->allow_unknown = b;
	if ((s = cfg_text(cx, qs, "unknown_label", false, owner, false)) != NULL) {
		if (!q->allow_unknown)
			cfg_error(cx, cfg_line(qs),
			    _("%s: unknown_label given but allow_unknown is not true"), owner);
		q->unknown_label = xstrdup(s);
	} else if (q->allow_unknown)
		/* As written, in English, like every other text of the file: ctext translates it
		 * (po-extract puts it in the template), so a question never mixes languages. */
		q->unknown_label = xstrdup("Not sure");
	if ((s = cfg_string(cx, qs, "unknown_class", false, owner)) != NULL) {
		if (strcmp(s, "medical") == 0)
			q->unknown_class = UNKNOWN_MEDICAL;
		else if (strcmp(s, "preference") == 0)
			q->unknown_class = UNKNOWN_PREFERENCE;
		else
			cfg_error(cx, cfg_line(qs),
			    _("%s: unknown_class must be 'medical' or 'preference', not '%s'"),
			    owner, s);
		if (!q->allow_unknown)
			cfg_error(cx, cfg_line(qs),
			    _("%s: unknown_class given but allow_unknown is not true"), owner);
	}

	load_options(cx, qs, q, owner);
	switch (q->type) {
	case QTYPE_SINGLE:
	case QTYPE_MULTI:
		if (q->n_options < 2 && cfg_member(cx, qs, "options") != NULL)
			cfg_error(cx, cfg_line(qs), _("%s: a choice needs at least two options"),
			    owner);
		else if (cfg_member(cx, qs, "options") == NULL)
			cfg_error(cx, cfg_line(qs), _("%s: 'options' is missing"), owner);
		break;
	case QTYPE_INTEGER:
		if (cfg_long(cx, qs, "min", &q->min, true, owner) &&
		    cfg_long(cx, qs, "max", &q->max, true, owner) && q->min > q->max)
			cfg_error(cx, cfg_line(qs), _("%s: min %ld is greater than max %ld"), owner,
			    q->min, q->max);
		q->unit = xstrdup(cfg_text(cx, qs, "unit", false, owner, false));
		break;
	case QTYPE_TEXT:
		q->max_length = TEXT_DEFAULT_MAX;
		if (cfg_long(cx, qs, "max_length", &v, false, owner)) {
			if (v < 1 || v > TEXT_HARD_MAX)
				cfg_error(cx, cfg_line(qs), _("%s: max_length must be 1..%d"),
				    owner, TEXT_HARD_MAX);
			else
				q->max_length = (size_t)v;
		}
		break;
	case QTYPE_INFO:
		break;
	}
	if (!type_known) {
		free(owner);
		return;
	}
	if (q->type != QTYPE_SINGLE && q->type != QTYPE_MULTI && q->n_options > 0)
		cfg_error(cx, cfg_line(qs), _("%s: only single and multi questions have options"),
		    owner);
	if (q->type != QTYPE_INTEGER && (cfg_member(cx, qs, "min") || cfg_member(cx, qs, "max")))
		cfg_error(cx, cfg_line(qs), _("%s: only integer questions have min and max"),
		    owner);
	/* The order rule is about single choices (audit_option_order): a reason anywhere else
	 * would explain nothing. */
	if ((s = cfg_text(cx, qs, "option_order_reason", false, owner, true)) != NULL) {
		if (q->type != QTYPE_SINGLE)
			cfg_error(cx, cfg_line(qs),
			    _("%s: option_order_reason is only for single-choice questions"),
			    owner);
		else if (s[strspn(s, " \t\n")] == '\0')
			cfg_error(cx, cfg_line(qs),
			    _("%s: option_order_reason is empty; say why the options are in this "
			      "order"),
			    owner);
		else
			q->option_order_reason = xstrdup(s);
	}
	if ((q->type == QTYPE_INFO || q->type == QTYPE_TEXT) && q->allow_unknown)
		cfg_error(cx, cfg_line(qs),
		    q->type == QTYPE_INFO ? _("%s: an info item cannot allow unknown") :
		                            _("%s: a text question cannot allow unknown"),
		    owner);
	free(owner);
}

static void
load_sections(struct cfg_ctx *cx, const config_setting_t *list, struct questionnaire *qn)
{
	config_setting_t *ss, *ql;
	const char *id, *title;
	size_t i, j, total = 0, ns = (size_t)config_setting_length(list);
	struct idindex *sections = idindex_new();
	char *owner;

	for (i = 0; i < ns; i++) {
		ql = cfg_member(cx, config_setting_get_elem(list, (unsigned)i), "questions");
		if (ql != NULL && config_setting_is_list(ql))
			total += (size_t)config_setting_length(ql);
	}
	qn->sections = xcalloc(ns, sizeof *qn->sections);
	qn->questions = xcalloc(total, sizeof *qn->questions);
	for (i = 0; i < ns; i++) {
		ss = config_setting_get_elem(list, (unsigned)i);
		id = cfg_string(cx, ss, "id", true, _("section"));
		owner = xasprintf(_("section '%s'"), id != NULL ? id : "?");
		cfg_check_keys(cx, ss, section_keys, owner);
		if (id != NULL && !cfg_valid_id(id, false))
			cfg_error(cx, cfg_line(ss),
			    _("%s: an id is lower-case letters, digits and "
			      "'_'"),
			    owner);
		qn->sections[qn->n_sections].id = xstrdup(id);
		if (id != NULL &&
		    idindex_add(sections, qn->sections[qn->n_sections].id, qn->n_sections) >= 0)
			cfg_error(cx, cfg_line(ss), _("%s: duplicate section id"), owner);
		title = cfg_text(cx, ss, "title", true, owner, false);
		qn->sections[qn->n_sections].title = xstrdup(title);
		qn->n_sections++;
		ql = cfg_list(cx, ss, "questions", true, owner);
		if (ql != NULL && config_setting_length(ql) == 0)
			cfg_error(cx, cfg_line(ql), _("%s: no questions"), owner);
		for (j = 0; ql != NULL && j < (size_t)config_setting_length(ql); j++)
			load_question(cx, config_setting_get_elem(ql, (unsigned)j), qn, i);
		free(owner);
	}
	idindex_free(sections);
}

long
questionnaire_index_add(struct questionnaire *qn, size_t i)
{
	if (qn->index == NULL)
		qn->index = idindex_new();
	return idindex_add(qn->index, qn->questions[i].id, i);
}

/* Conditions are parsed once every id is known, each seeing only the questions before it. */
size_t
questionnaire_parse_conditions(struct questionnaire *qn, const char *file, size_t *suggested,
    struct diag_list *dl)
{
	struct expr_scope scope;
	struct question *q;
	size_t i, failed = 0;
	char *owner;

	for (i = 0; i < qn->n_questions; i++) {
		q = &qn->questions[i];
		if (q->show_if_src == NULL)
			continue;
		owner = xasprintf(_("question '%s'"), q->id);
		scope = (struct expr_scope){ .qn = qn,
			.n_visible = i,
			.settings = NULL,
			.file = file,
			.line = q->line,
			.owner = owner,
			.suggested = suggested };
		q->show_if = expr_parse(q->show_if_src, &scope, dl);
		if (q->show_if == NULL)
			failed++;
		free(owner);
	}
	return failed;
}

/*
 * A canonical URL names the questionnaire to other systems (FHIR Questionnaire.url), so it
 * must be absolute and stable: http(s) with a host, or a URN with a namespace and a name.
 * Only URI characters; no fragment, and no '|', which FHIR uses to append a version.
 */
bool
questionnaire_valid_url(const char *s)
{
	static const char uri_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                                "0123456789-._~:/?[]@!$&'()*+,;=%";
	const char *p;
	size_t n;

	if (s[strspn(s, uri_chars)] != '\0')
		return false;
	if (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) {
		p = strchr(s, ':') + 3;
		return strcspn(p, "/?:") > 0;
	}
	if (strncmp(s, "urn:", 4) != 0)
		return false;
	/* RFC 8141: NID is 2..32 letters, digits and '-', starting with a letter or digit. */
	p = s + 4;
	n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	return n >= 2 && n <= 32 && *p != '-' && p[n] == ':' && p[n + 1] != '\0';
}

static int
load(struct questionnaire **out, const char *path, const char *text, const char *name,
    const char *sha, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = name, .dl = dl, .errors = 0 };
	struct questionnaire *qn = xcalloc(1, sizeof *qn);
	config_setting_t *root, *sections;
	config_t cfg;
	const char *s;
	long v;

	*out = NULL;
	config_init(&cfg);
	qn->path = xstrdup(path);
	/* A hash known already (content_cache.c hashed these very bytes) is not computed
	 * again. */
	if (sha != NULL)
		memcpy(qn->sha256, sha, sizeof qn->sha256);
	if (cfg_read(&cx, &cfg, path, text, sha != NULL ? NULL : qn->sha256) != 0)
		goto out;
	root = config_root_setting(&cfg);
	cfg_check_keys(&cx, root, top_keys, _("questionnaire"));
	/* Not an id of the contract's form, but printed by `check` and in reports. */
	if ((s = cfg_text(&cx, root, "id", true, _("questionnaire"), false)) != NULL)
		qn->id = xstrdup(s);
	if (cfg_long(&cx, root, "version", &v, true, _("questionnaire"))) {
		if (v < 1 || v > 1000000)
			cfg_error(&cx, cfg_line(cfg_member(&cx, root, "version")),
			    _("questionnaire: version must be a positive integer"));
		qn->version = (int)v;
	}
	qn->title = xstrdup(cfg_text(&cx, root, "title", true, _("questionnaire"), false));
	if ((s = cfg_string(&cx, root, "url", false, _("questionnaire"))) != NULL) {
		if (questionnaire_valid_url(s))
			qn->url = xstrdup(s);
		else
			cfg_error(&cx, cfg_line(cfg_member(&cx, root, "url")),
			    _("questionnaire: url must be an absolute http(s) or urn: URI without "
			      "spaces, '#' or '|', not '%s'"),
			    s);
	}
	sections = cfg_list(&cx, root, "sections", true, _("questionnaire"));
	if (sections != NULL && config_setting_length(sections) == 0)
		cfg_error(&cx, cfg_line(sections), _("questionnaire: no sections"));
	if (sections != NULL)
		load_sections(&cx, sections, qn);
	/* Questions without an id were left out, so every condition can still be checked. */
	cx.errors += questionnaire_parse_conditions(qn, cx.file, &cx.suggested, cx.dl);
out:
	config_destroy(&cfg);
	if (cx.errors != 0) {
		questionnaire_free(qn);
		return -1;
	}
	*out = qn;
	return 0;
}

int
questionnaire_load(struct questionnaire **out, const char *path, struct diag_list *dl)
{
	return load(out, path, NULL, path, NULL, dl);
}

int
questionnaire_load_text(struct questionnaire **out, const char *path, const char *text,
    const char sha[65], struct diag_list *dl)
{
	return load(out, path, text, path, sha, dl);
}

int
questionnaire_load_string(struct questionnaire **out, const char *text, const char *name,
    struct diag_list *dl)
{
	return load(out, NULL, text, name, NULL, dl);
}
