/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "expr.h"
#include "suggest.h"
#include "smpscreen/answer.h"
#include "answers_int.h"
#include "smpscreen/answers.h"
#include "smpscreen/date.h"
#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

static const char *const top_keys[] = { "questionnaire", "record", "client", "answers", "review",
	NULL };
static const char *const record_keys[] = { "id", "created_at", "mode", "consultant",
	"questionnaire_version", "questionnaire_sha256", "rules", "rules_version", "rules_sha256",
	NULL };
static const char *const client_keys[] = { "name", "reference", "date_of_birth", NULL };
/* Longest metadata string: a name or reference, not a document. */
#define META_MAX 200

const char *const answers_modes[] = { "kiosk", "home", "clinic", "batch", NULL };

struct answers *
answers_new(const struct questionnaire *qn)
{
	struct answers *a = xcalloc(1, sizeof *a);

	a->qn = qn;
	a->eff = xcalloc(qn->n_questions, sizeof *a->eff);
	return a;
}

void
answers_free(struct answers *a)
{
	size_t i;

	if (a == NULL)
		return;
	/* Health data: answer_clear zeroes each answer before its memory is let go. */
	for (i = 0; a->eff != NULL && i < a->qn->n_questions; i++)
		answer_clear(&a->eff[i]);
	free(a->eff);
	for (i = 0; i < a->n_ignored; i++) {
		free(a->ignored[i].id);
		answer_clear(&a->ignored[i].value);
	}
	free(a->ignored);
	free(a->path);
	answers_meta_set(&a->meta.record_id, NULL);
	answers_meta_set(&a->meta.created_at, NULL);
	answers_meta_set(&a->meta.mode, NULL);
	answers_meta_set(&a->meta.consultant, NULL);
	answers_meta_set(&a->meta.client_name, NULL);
	answers_meta_set(&a->meta.client_reference, NULL);
	answers_meta_set(&a->meta.client_date_of_birth, NULL);
	answers_meta_set(&a->meta.questionnaire_sha256, NULL);
	answers_meta_set(&a->meta.rules_id, NULL);
	answers_meta_set(&a->meta.rules_sha256, NULL);
	review_free(a->review);
	free(a);
}

void
answers_meta_set(char **field, const char *value)
{
	/* A client's name is personal data: zeroed like the answers. */
	if (*field != NULL)
		explicit_bzero(*field, strlen(*field));
	free(*field);
	*field = value != NULL ? xstrdup(value) : NULL;
}

const char *
answers_record_id(const struct answers *a, char buf[32])
{
	size_t n;

	if (a->meta.record_id != NULL)
		return a->meta.record_id;
	if (a->sha256[0] == '\0')
		return "";
	n = strnlen(a->sha256, 16);
	memcpy(buf, "sha256-", 7);
	memcpy(buf + 7, a->sha256, n);
	buf[7 + n] = '\0';
	return buf;
}

/* "YYYY-MM-DDTHH:MM:SS" and "Z" or "+HH:MM" / "-HH:MM", with the date a real one. */
bool
answers_valid_timestamp(const char *s)
{
	char day[11];
	struct date d;
	size_t n = strlen(s), i;
	int h, mins;
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";

	if (n != 20 && n != 25)
		return false;
	for (i = 0; i < 19; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse(day, &d) != 0 || (s[11] - '0') * 10 + (s[12] - '0') > 23 ||
	    (s[14] - '0') * 10 + (s[15] - '0') > 59 || (s[17] - '0') * 10 + (s[18] - '0') > 60)
		return false;
	if (n == 20)
		return s[19] == 'Z';
	if ((s[19] != '+' && s[19] != '-') || s[22] != ':')
		return false;
	for (i = 20; i < 25; i++)
		if (i != 22 && (s[i] < '0' || s[i] > '9'))
			return false;
	/* Offsets in use run from -12:00 to +14:00 (RFC 3339 allows no more, nor FHIR). */
	h = (s[20] - '0') * 10 + (s[21] - '0');
	mins = (s[23] - '0') * 10 + (s[24] - '0');
	return mins <= 59 && (h < 14 || (h == 14 && mins == 0));
}

bool
answers_meta_ok(const char *s)
{
	return s != NULL && s[strspn(s, " ")] != '\0' && strlen(s) <= META_MAX &&
	    text_is_clean(s, false);
}

/* One metadata string of group: one clean line of at most META_MAX bytes; copied into
 * *field. */
void
answers_read_meta(struct cfg_ctx *cx, const config_setting_t *group, const char *key,
    const char *owner, char **field)
{
	const char *v = cfg_string(cx, group, key, false, owner);
	int line = cfg_line(cfg_member(cx, group, key));

	if (v == NULL)
		return;
	if (!answers_meta_ok(v)) {
		cfg_error(cx, line,
		    _("%s '%s' must be one line of at most %d bytes, not blank, without control "
		      "characters"),
		    owner, key, META_MAX);
		return;
	}
	answers_meta_set(field, v);
}

/* A SHA-256 as reports and records write it: 64 lower-case hex digits. */
static bool
valid_sha256(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* What the consultation was screened under (record: questionnaire_version, rules, ...): so
 * that a later screening under other content can say what changed. */
static void
read_made_with(struct cfg_ctx *cx, const config_setting_t *g, struct answers_meta *m)
{
	static const char *const sums[] = { "questionnaire_sha256", "rules_sha256" };
	char **fields[] = { &m->questionnaire_sha256, &m->rules_sha256 };
	const char *versions[] = { "questionnaire_version", "rules_version" };
	int *vfields[] = { &m->questionnaire_version, &m->rules_version };
	size_t i;
	long v;

	answers_read_meta(cx, g, "rules", _("record"), &m->rules_id);
	for (i = 0; i < 2; i++) {
		answers_read_meta(cx, g, sums[i], _("record"), fields[i]);
		if (*fields[i] != NULL && !valid_sha256(*fields[i]))
			cfg_error(cx, cfg_line(cfg_member(cx, g, sums[i])),
			    _("record '%s' must be 64 lower-case hex digits"), sums[i]);
		if (cfg_long(cx, g, versions[i], &v, false, _("record"))) {
			if (v < 1 || v > 1000000)
				cfg_error(cx, cfg_line(cfg_member(cx, g, versions[i])),
				    _("record '%s' must be a version number of 1 or more"),
				    versions[i]);
			else
				*vfields[i] = (int)v;
		}
	}
}

/* The optional `record` and `client` groups. */
static void
read_metadata(struct cfg_ctx *cx, const config_setting_t *root, struct answers_meta *m)
{
	const config_setting_t *g;
	struct date d;
	size_t i;

	if ((g = cfg_member(cx, root, "record")) != NULL) {
		if (!config_setting_is_group(g))
			cfg_error(cx, cfg_line(g),
			    _("expected a group: record = { id = \"...\"; created_at = \"...\"; "
			      "mode = \"...\"; };"));
		else {
			cfg_check_keys(cx, g, record_keys, _("record"));
			answers_read_meta(cx, g, "id", _("record"), &m->record_id);
			answers_read_meta(cx, g, "created_at", _("record"), &m->created_at);
			answers_read_meta(cx, g, "mode", _("record"), &m->mode);
			answers_read_meta(cx, g, "consultant", _("record"), &m->consultant);
			if (m->created_at != NULL && !answers_valid_timestamp(m->created_at))
				cfg_error(cx, cfg_line(cfg_member(cx, g, "created_at")),
				    _("record 'created_at' must be a time as "
				      "YYYY-MM-DDTHH:MM:SS+HH:MM (or Z), not '%s'"),
				    m->created_at);
			for (i = 0; m->mode != NULL && answers_modes[i] != NULL &&
			     strcmp(m->mode, answers_modes[i]) != 0;
			     i++)
				;
			if (m->mode != NULL && answers_modes[i] == NULL)
				cfg_error(cx, cfg_line(cfg_member(cx, g, "mode")),
				    _("record 'mode' must be kiosk, home, clinic or batch, not "
				      "'%s'"),
				    m->mode);
			read_made_with(cx, g, m);
		}
	}
	if ((g = cfg_member(cx, root, "client")) != NULL) {
		if (!config_setting_is_group(g))
			cfg_error(cx, cfg_line(g),
			    _("expected a group: client = { name = \"...\"; reference = \"...\"; "
			      "date_of_birth = \"YYYY-MM-DD\"; };"));
		else {
			cfg_check_keys(cx, g, client_keys, _("client"));
			answers_read_meta(cx, g, "name", _("client"), &m->client_name);
			answers_read_meta(cx, g, "reference", _("client"), &m->client_reference);
			answers_read_meta(cx, g, "date_of_birth", _("client"),
			    &m->client_date_of_birth);
			if (m->client_date_of_birth != NULL &&
			    date_parse(m->client_date_of_birth, &d) != 0)
				cfg_error(cx, cfg_line(cfg_member(cx, g, "date_of_birth")),
				    _("client 'date_of_birth' must be a date as YYYY-MM-DD, not "
				      "'%s'"),
				    m->client_date_of_birth);
		}
	}
}

void
answers_set(struct answers *a, size_t q, const struct answer *v)
{
	answer_copy(&a->eff[q], v);
}

bool
answers_is_shown(const struct answers *a, size_t q)
{
	const struct question *qq = &a->qn->questions[q];
	struct expr_env env = { .answers = a->eff, .settings = NULL };

	/* show_if only names earlier questions, so later answers cannot change this. */
	return qq->show_if == NULL || expr_eval(qq->show_if, &env);
}

void
answers_settle(struct answers *a)
{
	size_t i;

	for (i = 0; i < a->qn->n_questions; i++)
		if (a->eff[i].kind != ANSWER_ABSENT && !answers_is_shown(a, i))
			answer_clear(&a->eff[i]);
}

/* Reports a value that is not an option, suggesting the closest one. */
static void
bad_option(struct cfg_ctx *cx, int line, const struct question *q, const char *v)
{
	const char **vals = xcalloc(q->n_options + 1, sizeof *vals);
	const char *hint;
	size_t i;

	for (i = 0; i < q->n_options; i++)
		vals[i] = q->options[i].value;
	if (q->allow_unknown)
		vals[q->n_options] = ANSWER_UNKNOWN_VALUE;
	hint = suggest_closest(v, vals, q->n_options + (q->allow_unknown ? 1 : 0));
	if (strcmp(v, ANSWER_UNKNOWN_VALUE) == 0)
		cfg_error(cx, line, _("question '%s': 'unknown' is not allowed for this question"),
		    q->id);
	else if (hint != NULL)
		cfg_error(cx, line,
		    _("question '%s': '%s' is not one of its options (did you mean "
		      "'%s'?)"),
		    q->id, v, hint);
	else
		cfg_error(cx, line, _("question '%s': '%s' is not one of its options"), q->id, v);
	free(vals);
}

/* The loader's messages name the question and the value, for whoever wrote the file; the
 * rules behind them are answer.c's, shared with every front end. */
static void
read_single(struct cfg_ctx *cx, const config_setting_t *s, const struct question *q,
    struct answer *out)
{
	const char *v;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		cfg_error(cx, cfg_line(s),
		    _("question '%s': the answer must be a string (one "
		      "option value)"),
		    q->id);
		return;
	}
	v = config_setting_get_string(s);
	if (answer_add_value(q, out, v) != ANSWER_OK)
		bad_option(cx, cfg_line(s), q, v);
}

static void
read_multi(struct cfg_ctx *cx, const config_setting_t *s, const struct question *q,
    struct answer *out)
{
	config_setting_t *e;
	const char *v;
	size_t i, n;
	bool ok = true;
	int line = cfg_line(s);

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		cfg_error(cx, line,
		    _("question '%s': the answer must be an array of strings, e.g. "
		      "[ \"%s\" ]"),
		    q->id, q->n_options ? q->options[0].value : "");
		return;
	}
	n = (size_t)config_setting_length(s);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			cfg_error(cx, line, _("question '%s': every item must be a string"), q->id);
			ok = false;
			continue;
		}
		v = config_setting_get_string(e);
		switch (answer_add_value(q, out, v)) {
		case ANSWER_OK:
			break;
		case ANSWER_ERR_REPEATED:
			cfg_error(cx, line, _("question '%s': '%s' is given twice"), q->id, v);
			ok = false;
			break;
		default:
			bad_option(cx, line, q, v);
			ok = false;
			break;
		}
	}
	if (!ok) {
		answer_clear(out);
		return;
	}
	switch (answer_check(q, out)) {
	case ANSWER_OK:
		return;
	case ANSWER_ERR_EMPTY:
		cfg_error(cx, line,
		    _("question '%s': the answer is empty; choose at least one "
		      "option"),
		    q->id);
		break;
	case ANSWER_ERR_ALONE_UNKNOWN:
		cfg_error(cx, line,
		    _("question '%s': 'unknown' cannot be combined with other "
		      "answers"),
		    q->id);
		break;
	default:
		cfg_error(cx, line,
		    _("question '%s': 'none' cannot be combined with other answers"), q->id);
		break;
	}
	answer_clear(out);
}

static void
read_integer(struct cfg_ctx *cx, const config_setting_t *s, const struct question *q,
    struct answer *out)
{
	long long v;
	int type = config_setting_type(s);

	if (type == CONFIG_TYPE_STRING &&
	    strcmp(config_setting_get_string(s), ANSWER_UNKNOWN_VALUE) == 0) {
		if (answer_add_value(q, out, ANSWER_UNKNOWN_VALUE) != ANSWER_OK)
			cfg_error(cx, cfg_line(s),
			    _("question '%s': 'unknown' is not allowed for "
			      "this question"),
			    q->id);
		return;
	}
	if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
		cfg_error(cx, cfg_line(s),
		    _("question '%s': the answer must be a whole number "
		      "%ld..%ld%s"),
		    q->id, q->min, q->max, q->allow_unknown ? _(" or \"unknown\"") : "");
		return;
	}
	v = type == CONFIG_TYPE_INT ? config_setting_get_int(s) : config_setting_get_int64(s);
	if (answer_set_integer(q, out, v) != ANSWER_OK) {
		cfg_error(cx, cfg_line(s), _("question '%s': %lld is outside %ld..%ld"), q->id, v,
		    q->min, q->max);
		answer_clear(out);
	}
}

static void
read_text(struct cfg_ctx *cx, const config_setting_t *s, const struct question *q,
    struct answer *out)
{
	const char *v;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		cfg_error(cx, cfg_line(s), _("question '%s': the answer must be a string"), q->id);
		return;
	}
	v = config_setting_get_string(s);
	if (answer_set_text(q, out, v, strlen(v)) != ANSWER_OK)
		cfg_error(cx, cfg_line(s),
		    _("question '%s': the answer is %zu bytes, longer than "
		      "its limit of %zu"),
		    q->id, strlen(v), q->max_length);
}

void
answers_read_value(struct cfg_ctx *cx, const config_setting_t *s, const struct question *q,
    struct answer *out)
{
	switch (q->type) {
	case QTYPE_SINGLE:
		read_single(cx, s, q, out);
		break;
	case QTYPE_MULTI:
		read_multi(cx, s, q, out);
		break;
	case QTYPE_INTEGER:
		read_integer(cx, s, q, out);
		break;
	case QTYPE_TEXT:
		read_text(cx, s, q, out);
		break;
	case QTYPE_INFO:
		break; /* display only: whatever the file says is ignored */
	}
}

/* Keeps an answer whose question is not shown: not used, but the patient's words all the
 * same (a review keeps them on record). Read as any answer, its mistakes silently making it
 * "not a valid answer": an answer nobody uses is not an error of the file. */
static void
ignore(struct cfg_ctx *cx, struct answers *a, size_t q, const config_setting_t *s)
{
	struct diag_list quiet = { 0 };
	struct cfg_ctx scratch = { .file = cx->file, .dl = &quiet };
	struct ignored_answer *ig;

	a->ignored = xreallocarray(a->ignored, a->n_ignored + 1, sizeof *a->ignored);
	ig = &a->ignored[a->n_ignored++];
	memset(ig, 0, sizeof *ig);
	ig->id = xstrdup(a->qn->questions[q].id);
	ig->line = cfg_line(s);
	ig->question = q;
	answers_read_value(&scratch, s, &a->qn->questions[q], &ig->value);
	if (scratch.errors > 0)
		answer_clear(&ig->value);
	diag_clear(&quiet);
}

/*
 * Walks the file's answers once: each key is matched to its question (unknown keys are
 * reported), so that the questionnaire-order pass below need not look names up again.
 */
static void
index_keys(struct cfg_ctx *cx, const config_setting_t *group, const struct questionnaire *qn,
    config_setting_t **given, bool *misspelt)
{
	config_setting_t *s;
	const char *name, *hint;
	size_t i, n = (size_t)config_setting_length(group), next = 0;
	long q;

	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(group, (unsigned)i);
		name = config_setting_name(s);
		/* Files the program writes list their answers in the questionnaire's order, and
		 * only the questions shown: the next answer is most often the next question or one
		 * soon after, a comparison or two rather than a search of the index. */
		q = -1;
		for (size_t k = next; k < qn->n_questions && k < next + 4; k++)
			if (strcmp(qn->questions[k].id, name) == 0) {
				q = (long)k;
				break;
			}
		if (q >= 0 || (q = questionnaire_find(qn, name)) >= 0) {
			given[q] = s;
			next = (size_t)q + 1;
			continue;
		}
		hint = suggest_closest_field(name, qn->questions, qn->n_questions,
		    sizeof *qn->questions, offsetof(struct question, id));
		if (hint != NULL) {
			cfg_error(cx, cfg_line(s), _("unknown question '%s' (did you mean '%s'?)"),
			    name, hint);
			/* That error already names the question; "missing" would say it twice. */
			misspelt[questionnaire_find(qn, hint)] = true;
		} else
			cfg_error(cx, cfg_line(s), _("unknown question '%s'"), name);
	}
}

/*
 * Reads the answers of an already parsed file: `questionnaire` and `answers` at the top,
 * plus the names in extra_keys (a case file's `case`), by the contract's reading rules.
 * Returns an answers set owned by the caller, or NULL after reporting every input error.
 */
struct answers *
answers_from_root(struct cfg_ctx *cx, const config_setting_t *root, const char *path,
    const struct questionnaire *qn, const char *const *extra_keys, bool partial)
{
	struct answers *a = answers_new(qn);
	config_setting_t *group, *s, **given = NULL;
	const char *keys[10], *qid;
	const struct question *q;
	bool *misspelt = NULL;
	size_t i, n = 0, before = cx->errors;

	a->path = xstrdup(path);
	for (i = 0; top_keys[i] != NULL; i++)
		keys[n++] = top_keys[i];
	for (i = 0; extra_keys != NULL && extra_keys[i] != NULL && n < 9; i++)
		keys[n++] = extra_keys[i];
	keys[n] = NULL;
	cfg_check_keys(cx, root, keys, _("answer file"));
	read_metadata(cx, root, &a->meta);
	qid = cfg_string(cx, root, "questionnaire", true, _("answer file"));
	if (qid != NULL && strcmp(qid, qn->id) != 0)
		cfg_error(cx, cfg_line(cfg_member(cx, root, "questionnaire")),
		    _("answers are for questionnaire '%s', not '%s'"), qid, qn->id);
	group = cfg_member(cx, root, "answers");
	if (group == NULL || !config_setting_is_group(group)) {
		cfg_error(cx, group != NULL ? cfg_line(group) : 0,
		    _("expected a group: answers = { question_id = value; ... };"));
		goto out;
	}
	given = xcalloc(qn->n_questions ? qn->n_questions : 1, sizeof *given);
	misspelt = xcalloc(qn->n_questions ? qn->n_questions : 1, sizeof *misspelt);
	index_keys(cx, group, qn, given, misspelt);
	/* In questionnaire order, so each show_if sees the effective answers before it. */
	for (i = 0; i < qn->n_questions; i++) {
		q = &qn->questions[i];
		s = given[i];
		if (!answers_is_shown(a, i)) {
			if (s != NULL) {
				a->ignored =
				    xreallocarray(a->ignored, a->n_ignored + 1, sizeof *a->ignored);
				ignore(cx, a, i, s);
			}
			continue;
		}
		if (s == NULL) {
			if (q->required && !misspelt[i] && !partial)
				cfg_error(cx, cfg_line(group),
				    _("question '%s' is shown but has no "
				      "answer, and it is required"),
				    q->id);
			continue;
		}
		answers_read_value(cx, s, q, &a->eff[i]);
	}
	review_read(cx, root, a);
out:
	free(given);
	free(misspelt);
	if (cx->errors != before) {
		answers_free(a);
		return NULL;
	}
	return a;
}

static int
load(struct answers **out, const char *path, const char *text, const char *name,
    const struct questionnaire *qn, bool partial, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = name, .dl = dl, .errors = 0 };
	config_t cfg;
	char sha[65];

	*out = NULL;
	config_init(&cfg);
	if (cfg_read(&cx, &cfg, path, text, sha) == 0)
		*out = answers_from_root(&cx, config_root_setting(&cfg), path, qn, NULL, partial);
	if (*out != NULL)
		memcpy((*out)->sha256, sha, sizeof sha);
	config_destroy(&cfg);
	return *out != NULL ? 0 : -1;
}

int
answers_load(struct answers **out, const char *path, const struct questionnaire *qn,
    struct diag_list *dl)
{
	return load(out, path, NULL, path, qn, false, dl);
}

int
answers_load_draft(struct answers **out, const char *path, const struct questionnaire *qn,
    struct diag_list *dl)
{
	return load(out, path, NULL, path, qn, true, dl);
}

int
answers_load_string(struct answers **out, const char *text, const char *name,
    const struct questionnaire *qn, struct diag_list *dl)
{
	return load(out, NULL, text, name, qn, false, dl);
}

/* libconfig string syntax; text answers are sanitised, but escape defensively anyway. */
void
answers_write_string(struct strbuf *out, const char *s)
{
	sb_appendc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			sb_printf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			sb_printf(out, "\\x%02x", (unsigned char)*s);
		else
			sb_appendc(out, *s);
	}
	sb_appendc(out, '"');
}

/* `key = "value";` inside a group, when value is given. */
static void
write_member(struct strbuf *out, const char *key, const char *value)
{
	if (value == NULL)
		return;
	sb_printf(out, "  %s = ", key);
	answers_write_string(out, value);
	sb_append(out, ";\n");
}

static void
write_metadata(struct strbuf *out, const struct answers_meta *m)
{
	if (m->record_id != NULL || m->created_at != NULL || m->mode != NULL ||
	    m->consultant != NULL || m->rules_id != NULL || m->questionnaire_sha256 != NULL ||
	    m->rules_sha256 != NULL || m->questionnaire_version > 0 || m->rules_version > 0) {
		sb_append(out, "record = {\n");
		write_member(out, "id", m->record_id);
		write_member(out, "created_at", m->created_at);
		write_member(out, "mode", m->mode);
		write_member(out, "consultant", m->consultant);
		if (m->questionnaire_version > 0)
			sb_printf(out, "  questionnaire_version = %d;\n", m->questionnaire_version);
		write_member(out, "questionnaire_sha256", m->questionnaire_sha256);
		write_member(out, "rules", m->rules_id);
		if (m->rules_version > 0)
			sb_printf(out, "  rules_version = %d;\n", m->rules_version);
		write_member(out, "rules_sha256", m->rules_sha256);
		sb_append(out, "};\n");
	}
	if (m->client_name != NULL || m->client_reference != NULL ||
	    m->client_date_of_birth != NULL) {
		sb_append(out, "client = {\n");
		write_member(out, "name", m->client_name);
		write_member(out, "reference", m->client_reference);
		write_member(out, "date_of_birth", m->client_date_of_birth);
		sb_append(out, "};\n");
	}
}

void
answers_write_value(struct strbuf *out, const struct question *q, const struct answer *v)
{
	size_t k;
	bool first;

	switch (v->kind) {
	case ANSWER_UNKNOWN:
		sb_append(out, q->type == QTYPE_MULTI ? "[ \"unknown\" ]" : "\"unknown\"");
		break;
	case ANSWER_OPTION:
		answers_write_string(out, q->options[v->num].value);
		break;
	case ANSWER_OPTIONS:
		sb_append(out, "[ ");
		for (k = 0, first = true; k < q->n_options; k++) {
			if (!(v->set & (UINT64_C(1) << k)))
				continue;
			if (!first)
				sb_append(out, ", ");
			answers_write_string(out, q->options[k].value);
			first = false;
		}
		sb_append(out, " ]");
		break;
	case ANSWER_INTEGER:
		sb_printf(out, "%ld", v->num);
		break;
	case ANSWER_TEXT:
		answers_write_string(out, v->text);
		break;
	case ANSWER_ABSENT:
		break;
	}
}

void
answers_write(const struct answers *a, struct strbuf *out)
{
	const struct questionnaire *qn = a->qn;
	const struct question *q;
	const struct answer *v;
	size_t i;

	sb_append(out, "# smpscreen answers: health data, keep private.\n");
	sb_append(out, "questionnaire = ");
	answers_write_string(out, qn->id);
	sb_append(out, ";\n");
	write_metadata(out, &a->meta);
	sb_append(out, "answers = {\n");
	for (i = 0; i < qn->n_questions; i++) {
		q = &qn->questions[i];
		v = &a->eff[i];
		if (v->kind == ANSWER_ABSENT)
			continue;
		sb_printf(out, "  %s = ", q->id);
		answers_write_value(out, q, v);
		sb_append(out, ";\n");
	}
	sb_append(out, "};\n");
	review_write(out, qn, a->review);
}

int
answers_save(const struct answers *a, const char *path, char **cause)
{
	struct strbuf sb = { .secret = true };
	int rc;

	answers_write(a, &sb);
	rc = safefile_write(path, sb_str(&sb), sb.len, cause);
	sb_free(&sb);
	return rc;
}
