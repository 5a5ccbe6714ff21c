/* SPDX-License-Identifier: ISC */
/* The content cache: a cached load is the same load, field by field and report by report;
 * a cache that is damaged, cut, foreign or out of range is refused without harm; a folder
 * others may write to is never used. */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/content_cache.h"
#include "helpers.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/safefile.h"
#include "smpscreen/xalloc.h"

/* --- comparing two loads ------------------------------------------------------------- */

static void
same_str(const char *a, const char *b, const char *what, size_t i)
{
	if (a == NULL || b == NULL)
		cr_expect(a == b, "%s [%zu]: %s vs %s", what, i, a ? a : "NULL", b ? b : "NULL");
	else
		cr_expect_str_eq(a, b, "%s [%zu]", what, i);
}

#define SAME(a, b, what, i) cr_expect((a) == (b), "%s [%zu] differs", what, (size_t)(i))

static void
same_questionnaire(const struct questionnaire *a, const struct questionnaire *b)
{
	const struct question *p, *q;
	size_t i, j;

	same_str(a->id, b->id, "questionnaire id", 0);
	SAME(a->version, b->version, "version", 0);
	same_str(a->title, b->title, "title", 0);
	same_str(a->url, b->url, "url", 0);
	same_str(a->path, b->path, "path", 0);
	cr_expect_str_eq(a->sha256, b->sha256);
	cr_assert_eq(a->n_sections, b->n_sections);
	for (i = 0; i < a->n_sections; i++) {
		same_str(a->sections[i].id, b->sections[i].id, "section id", i);
		same_str(a->sections[i].title, b->sections[i].title, "section title", i);
	}
	cr_assert_eq(a->n_questions, b->n_questions);
	for (i = 0; i < a->n_questions; i++) {
		p = &a->questions[i];
		q = &b->questions[i];
		same_str(p->id, q->id, "question id", i);
		SAME(p->type, q->type, "type", i);
		same_str(p->text, q->text, "text", i);
		same_str(p->help, q->help, "help", i);
		cr_assert_eq(p->n_options, q->n_options);
		for (j = 0; j < p->n_options; j++) {
			same_str(p->options[j].value, q->options[j].value, "option value", i);
			same_str(p->options[j].label, q->options[j].label, "option label", i);
			same_str(p->options[j].illustration, q->options[j].illustration,
			    "illustration", i);
		}
		SAME(p->min, q->min, "min", i);
		SAME(p->max, q->max, "max", i);
		same_str(p->unit, q->unit, "unit", i);
		SAME(p->max_length, q->max_length, "max_length", i);
		same_str(p->show_if_src, q->show_if_src, "show_if", i);
		SAME(p->show_if == NULL, q->show_if == NULL, "show_if parsed", i);
		SAME(p->required, q->required, "required", i);
		SAME(p->allow_unknown, q->allow_unknown, "allow_unknown", i);
		same_str(p->unknown_label, q->unknown_label, "unknown_label", i);
		SAME(p->unknown_class, q->unknown_class, "unknown_class", i);
		SAME(p->audience, q->audience, "audience", i);
		same_str(p->option_order_reason, q->option_order_reason, "order reason", i);
		SAME(p->section, q->section, "section", i);
		SAME(p->line, q->line, "line", i);
		/* The index is rebuilt, not stored. */
		cr_expect_eq(questionnaire_find(b, q->id), (long)i);
	}
	cr_expect_not_null(b->index);
}

static void
same_rules(const struct ruleset *a, const struct ruleset *b)
{
	const struct setting_def *c, *d;
	const struct rule *r, *s;
	size_t i, j;

	same_str(a->id, b->id, "rules id", 0);
	SAME(a->version, b->version, "version", 0);
	same_str(a->path, b->path, "path", 0);
	cr_expect_str_eq(a->sha256, b->sha256);
	cr_assert_eq(a->settings.n, b->settings.n);
	for (i = 0; i < a->settings.n; i++) {
		c = &a->settings.items[i];
		d = &b->settings.items[i];
		same_str(c->id, d->id, "setting id", i);
		SAME(c->type, d->type, "setting type", i);
		SAME(c->def, d->def, "default", i);
		SAME(c->min, d->min, "setting min", i);
		SAME(c->max, d->max, "setting max", i);
		cr_assert_eq(c->n_values, d->n_values);
		for (j = 0; j < c->n_values; j++)
			same_str(c->values[j], d->values[j], "setting value", i);
		same_str(c->unit, d->unit, "setting unit", i);
		same_str(c->text, d->text, "setting text", i);
		SAME(c->at_least, d->at_least, "at_least", i);
		SAME(c->line, d->line, "setting line", i);
		cr_expect_eq(settings_find(&b->settings, d->id), (long)i);
	}
	cr_assert_eq(a->n_notes, b->n_notes);
	for (i = 0; i < a->n_notes; i++) {
		same_str(a->notes[i].id, b->notes[i].id, "note id", i);
		SAME(a->notes[i].group, b->notes[i].group, "note group", i);
		same_str(a->notes[i].text, b->notes[i].text, "note text", i);
		SAME(a->notes[i].line, b->notes[i].line, "note line", i);
	}
	cr_assert_eq(a->n_targets, b->n_targets);
	for (i = 0; i < a->n_targets; i++) {
		same_str(a->targets[i].id, b->targets[i].id, "target id", i);
		same_str(a->targets[i].label, b->targets[i].label, "target label", i);
	}
	cr_assert_eq(a->n_bibliography, b->n_bibliography);
	for (i = 0; i < a->n_bibliography; i++) {
		same_str(a->bibliography[i].id, b->bibliography[i].id, "source id", i);
		same_str(a->bibliography[i].title, b->bibliography[i].title, "source title", i);
		same_str(a->bibliography[i].where, b->bibliography[i].where, "source where", i);
	}
	cr_assert_eq(a->n_rules, b->n_rules);
	for (i = 0; i < a->n_rules; i++) {
		r = &a->rules[i];
		s = &b->rules[i];
		same_str(r->id, s->id, "rule id", i);
		same_str(r->when_src, s->when_src, "when", i);
		cr_expect_not_null(s->when);
		SAME(r->level, s->level, "level", i);
		SAME(r->patch, s->patch, "patch", i);
		cr_assert_eq(r->n_notes, s->n_notes);
		for (j = 0; j < r->n_notes; j++)
			SAME(r->notes[j], s->notes[j], "rule note", i);
		cr_assert_eq(r->n_refer_to, s->n_refer_to);
		for (j = 0; j < r->n_refer_to; j++)
			SAME(r->refer_to[j], s->refer_to[j], "refer_to", i);
		SAME(r->come_back.kind, s->come_back.kind, "come_back kind", i);
		SAME(r->come_back.setting, s->come_back.setting, "come_back setting", i);
		SAME(r->come_back.question, s->come_back.question, "come_back question", i);
		SAME(r->come_back.unit, s->come_back.unit, "come_back unit", i);
		same_str(r->come_back.condition, s->come_back.condition, "condition", i);
		same_str(r->reason, s->reason, "reason", i);
		cr_assert_eq(r->n_sources, s->n_sources);
		for (j = 0; j < r->n_sources; j++)
			same_str(r->sources[j], s->sources[j], "source", i);
		SAME(r->line, s->line, "rule line", i);
	}
}

/* The text (clinic copy) and JSON reports of one answers file: what a screening shows. */
static char *
reports(const struct questionnaire *qn, const struct ruleset *rs, const char *answers)
{
	struct diag_list dl = { 0 };
	struct answers *a = NULL;
	struct settings st;
	struct outcome *oc;
	struct strbuf sb = { 0 };
	struct report_input in;
	struct report_opts o = { .copy = REPORT_COPY_CLINIC };
	char *path = test_data_path(answers);

	cr_assert_eq(answers_load(&a, path, qn, &dl), 0, "%s loads", answers);
	settings_init(&st, &rs->settings);
	oc = outcome_compute(rs, a, &st, (struct date){ 2026, 3, 1 });
	in = (struct report_input){ .qn = qn,
		.rs = rs,
		.st = &st,
		.ans = a,
		.oc = oc,
		.answers_path = answers };
	report_write_text(&sb, &in, &o);
	report_write_json(&sb, &in);
	outcome_free(oc);
	settings_free(&st);
	answers_free(a);
	diag_clear(&dl);
	free(path);
	return sb_detach(&sb);
}

static void
key_of(const struct questionnaire *qn, const struct ruleset *rs, struct content_key *k)
{
	memcpy(k->qn_sha, qn->sha256, sizeof k->qn_sha);
	memcpy(k->rs_sha, rs->sha256, sizeof k->rs_sha);
	content_cache_key(k);
}

static void
encode(const struct questionnaire *qn, const struct ruleset *rs, struct strbuf *sb)
{
	struct content_key k;

	key_of(qn, rs, &k);
	sb_reset(sb);
	content_cache_encode(qn, rs, &k, sb);
}

/* Decodes data as the cache of qn and rs (their key and paths). */
static int
decode(const struct questionnaire *qn, const struct ruleset *rs, const char *data, size_t len,
    struct questionnaire **qn2, struct ruleset **rs2)
{
	struct content_key k;

	key_of(qn, rs, &k);
	return content_cache_decode(data, len, &k, qn->path, rs->path, qn2, rs2);
}

/* Loads a pair fresh, through the cache's bytes and back, and compares everything. */
static void
round_trip(const char *qname, const char *rname, const char *const *answers)
{
	struct questionnaire *qn = test_load_questionnaire(qname), *qn2;
	struct ruleset *rs = test_load_rules(qn, rname), *rs2;
	struct strbuf sb = { 0 };
	char *x, *y;
	size_t i;

	encode(qn, rs, &sb);
	cr_assert_eq(decode(qn, rs, sb.buf, sb.len, &qn2, &rs2), 0, "%s + %s: read back", qname,
	    rname);
	same_questionnaire(qn, qn2);
	same_rules(rs, rs2);
	for (i = 0; answers[i] != NULL; i++) {
		x = reports(qn, rs, answers[i]);
		y = reports(qn2, rs2, answers[i]);
		cr_expect_str_eq(x, y, "%s: the same reports", answers[i]);
		free(x);
		free(y);
	}
	/* Written again from the cached load, the same bytes. */
	{
		struct strbuf again = { 0 };

		encode(qn2, rs2, &again);
		cr_expect(again.len == sb.len && memcmp(again.buf, sb.buf, sb.len) == 0);
		sb_free(&again);
	}
	rules_free(rs2);
	questionnaire_free(qn2);
	rules_free(rs);
	questionnaire_free(qn);
	sb_free(&sb);
}

Test(content_cache, bundled_content_round_trip)
{
	static const char *const answers[] = { "answers/typical.cfg",
		"e2e/answers/01-all-clear.cfg", "e2e/answers/02-caveats.cfg",
		"e2e/answers/03-refer.cfg", "e2e/answers/04-defer-date.cfg",
		"e2e/answers/05-defer-condition.cfg", "e2e/answers/06-unsuitable-keloid.cfg",
		"e2e/answers/07-unknowns.cfg", "e2e/answers/08-stray-hidden.cfg", NULL };

	round_trip("../../questionnaires/smp-consultation.cfg",
	    "../../questionnaires/smp-rules.cfg", answers);
}

Test(content_cache, mini_content_round_trip)
{
	static const char *const answers[] = { "unit/mini-answers.cfg", NULL };

	round_trip("mini-questionnaire.cfg", "mini-rules.cfg", answers);
}

Test(content_cache, wide_content_round_trip)
{
	static const char *const answers[] = { "e2e/wide/answers.cfg", NULL };

	round_trip("e2e/wide/questionnaire.cfg", "e2e/wide/rules.cfg", answers);
}

/* --- refusing what is not exactly a cache of this content ---------------------------- */

struct mini {
	struct questionnaire *qn;
	struct ruleset *rs;
	struct strbuf sb; /* its cache */
};

static void
mini_load(struct mini *m)
{
	m->qn = test_mini_questionnaire();
	m->rs = test_mini_rules(m->qn);
	memset(&m->sb, 0, sizeof m->sb);
	encode(m->qn, m->rs, &m->sb);
}

static void
mini_free(struct mini *m)
{
	rules_free(m->rs);
	questionnaire_free(m->qn);
	sb_free(&m->sb);
}

/* data[0, len) followed by its checksum, as a writer would have sealed it: the reader's
 * own checks, behind the checksum, are what such a file meets. */
static char *
sealed(const char *data, size_t len, size_t *out_len)
{
	char *s = xmalloc(len + 8);
	uint64_t h = content_cache_checksum(data, len);
	int i;

	memcpy(s, data, len);
	for (i = 0; i < 8; i++)
		s[len + i] = (char)(h >> (8 * i));
	*out_len = len + 8;
	return s;
}

static void
expect_refused(const struct mini *m, const char *data, size_t len, const char *why)
{
	struct questionnaire *qn = (void *)1;
	struct ruleset *rs = (void *)1;

	cr_expect_eq(decode(m->qn, m->rs, data, len, &qn, &rs), -1, "refused: %s", why);
	cr_expect_null(qn);
	cr_expect_null(rs);
}

Test(content_cache, cut_at_every_length_is_refused)
{
	struct mini m;
	size_t len, body, n;
	char *s;

	mini_load(&m);
	body = m.sb.len - 8;
	for (len = 0; len < m.sb.len; len++) {
		expect_refused(&m, m.sb.buf, len, "cut");
		/* Cut within the body and sealed again: the reader runs out of bytes. */
		if (len < body) {
			s = sealed(m.sb.buf, len, &n);
			expect_refused(&m, s, n, "cut and sealed");
			free(s);
		}
	}
	mini_free(&m);
}

Test(content_cache, flipped_bytes_are_refused_or_harmless)
{
	struct mini m;
	struct questionnaire *qn;
	struct ruleset *rs;
	size_t i, n, body, accepted = 0;
	unsigned seed = 15;
	char *copy, *s;

	mini_load(&m);
	body = m.sb.len - 8;
	copy = xmalloc(m.sb.len);
	for (i = 0; i < m.sb.len; i++) {
		/* Every byte, one bit flipped: the checksum turns it away. */
		memcpy(copy, m.sb.buf, m.sb.len);
		copy[i] ^= (char)(1u << (i % 8));
		expect_refused(&m, copy, m.sb.len, "a flipped bit");
		/* The same flip sealed again, and a random byte too: refused, or read as content
		 * of its own (a letter of a text changed); never a crash or a leak (ASan). */
		if (i < body) {
			copy[i] = (char)(rand_r(&seed) & 0xff);
			s = sealed(copy, body, &n);
			if (decode(m.qn, m.rs, s, n, &qn, &rs) == 0) {
				accepted++;
				rules_free(rs);
				questionnaire_free(qn);
			}
			free(s);
		}
	}
	/* Most bytes are texts, which any byte but NUL keeps valid. */
	cr_expect_gt(accepted, 0);
	cr_expect_lt(accepted, body);
	free(copy);
	mini_free(&m);
}

Test(content_cache, another_key_is_refused)
{
	struct mini m;
	struct content_key k;
	struct questionnaire *qn;
	struct ruleset *rs;

	mini_load(&m);
	key_of(m.qn, m.rs, &k);
	cr_assert_eq(content_cache_decode(m.sb.buf, m.sb.len, &k, "q", "r", &qn, &rs), 0);
	rules_free(rs);
	questionnaire_free(qn);
	/* One digit of either file's hash differs: another content's cache. */
	k.rs_sha[10] = k.rs_sha[10] == '0' ? '1' : '0';
	content_cache_key(&k);
	cr_expect_eq(content_cache_decode(m.sb.buf, m.sb.len, &k, "q", "r", &qn, &rs), -1);
	key_of(m.qn, m.rs, &k);
	k.qn_sha[63] = k.qn_sha[63] == 'a' ? 'b' : 'a';
	content_cache_key(&k);
	cr_expect_eq(content_cache_decode(m.sb.buf, m.sb.len, &k, "q", "r", &qn, &rs), -1);
	mini_free(&m);
}

/* Each breaks one thing a loaded questionnaire or ruleset never has, then mends it. */
struct breakage {
	const char *what;
	void (*apply)(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo);
};

static long
find_rule(const struct ruleset *rs, enum come_back_kind kind, bool with_note, bool with_target)
{
	size_t i;

	for (i = 0; i < rs->n_rules; i++)
		if (rs->rules[i].come_back.kind == kind &&
		    (!with_note || rs->rules[i].n_notes > 0) &&
		    (!with_target || rs->rules[i].n_refer_to > 0))
			return (long)i;
	cr_assert_fail("the mini rules have no such rule");
	return -1;
}

#define SWAP_FIELD(field, value)                                                                   \
	do {                                                                                       \
		if (!undo) {                                                                       \
			*saved = (long)(field);                                                    \
			(field) = (value);                                                         \
		} else                                                                             \
			(field) = *saved;                                                          \
	} while (0)

static void
b_section(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)rs;
	SWAP_FIELD(qn->questions[3].section, qn->n_sections);
}

static void
b_note(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	SWAP_FIELD(rs->rules[find_rule(rs, COME_BACK_NONE, true, false)].notes[0], rs->n_notes);
}

static void
b_target(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	SWAP_FIELD(rs->rules[find_rule(rs, COME_BACK_NONE, false, true)].refer_to[0],
	    rs->n_targets);
}

static void
b_come_back_setting(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	SWAP_FIELD(rs->rules[find_rule(rs, COME_BACK_DATE, false, false)].come_back.setting,
	    (long)rs->settings.n);
}

static void
b_come_back_question(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	SWAP_FIELD(rs->rules[find_rule(rs, COME_BACK_DATE, false, false)].come_back.question,
	    (long)qn->n_questions);
}

static void
b_come_back_negative(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	SWAP_FIELD(rs->rules[find_rule(rs, COME_BACK_DATE, false, false)].come_back.setting, -1L);
}

/* A date formula on a question that is not an integer. */
static void
b_come_back_type(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	SWAP_FIELD(rs->rules[find_rule(rs, COME_BACK_DATE, false, false)].come_back.question,
	    questionnaire_find(qn, "goal"));
}

static long
at_least_setting(const struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->settings.n; i++)
		if (rs->settings.items[i].at_least >= 0)
			return (long)i;
	cr_assert_fail("the mini rules have no at_least");
	return -1;
}

static void
b_at_least(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	SWAP_FIELD(rs->settings.items[at_least_setting(rs)].at_least, (long)rs->settings.n);
}

static void
b_at_least_self(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	long i = at_least_setting(rs);

	(void)qn;
	SWAP_FIELD(rs->settings.items[i].at_least, i);
}

static void
b_enum_default(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	size_t i;

	(void)qn;
	for (i = 0; i < rs->settings.n && rs->settings.items[i].type != SETTING_ENUM; i++)
		;
	cr_assert_lt(i, rs->settings.n, "the mini rules have an enum setting");
	SWAP_FIELD(rs->settings.items[i].def, (long)rs->settings.items[i].n_values);
}

static void
b_type(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)rs;
	SWAP_FIELD(qn->questions[0].type, (enum question_type)(QTYPE_INFO + 1));
}

static void
b_level(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	SWAP_FIELD(rs->rules[0].level, (enum level)(LEVEL_UNSUITABLE + 1));
}

static void
b_unknown_label(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	size_t i;

	(void)rs;
	/* Found by its label, which stays when allow_unknown is taken away. */
	for (i = 0; i < qn->n_questions && qn->questions[i].unknown_label == NULL; i++)
		;
	cr_assert_lt(i, qn->n_questions);
	SWAP_FIELD(qn->questions[i].allow_unknown, false);
}

/* Strings are swapped for a literal and put back: the loaded ones stay owned as before. */
static char *kept_string;

static void
swap_string(char **field, const char *value, bool undo)
{
	if (!undo) {
		kept_string = *field;
		*field = (char *)value;
	} else
		*field = kept_string;
}

static void
b_duplicate_id(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)rs;
	(void)saved;
	swap_string(&qn->questions[1].id, qn->questions[0].id, undo);
}

static void
b_show_if(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)rs;
	(void)saved;
	swap_string(&qn->questions[1].show_if_src, "age >", undo);
}

/* A condition that names a later question: it parses, but not at this place. */
static void
b_show_if_later(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)rs;
	(void)saved;
	swap_string(&qn->questions[0].show_if_src, "answered(price)", undo);
}

static void
b_when(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	(void)saved;
	swap_string(&rs->rules[0].when_src, "setting.no_such_setting", undo);
}

static void
b_missing_text(struct questionnaire *qn, struct ruleset *rs, long *saved, bool undo)
{
	(void)qn;
	(void)saved;
	swap_string(&rs->notes[0].text, NULL, undo);
}

static const struct breakage breakages[] = {
	{ "question section out of range", b_section },
	{ "rule note out of range", b_note },
	{ "refer target out of range", b_target },
	{ "come_back setting out of range", b_come_back_setting },
	{ "come_back question out of range", b_come_back_question },
	{ "come_back setting negative", b_come_back_negative },
	{ "come_back question not an integer", b_come_back_type },
	{ "at_least out of range", b_at_least },
	{ "at_least itself", b_at_least_self },
	{ "enum default out of range", b_enum_default },
	{ "question type out of range", b_type },
	{ "rule level out of range", b_level },
	{ "unknown label without allow_unknown", b_unknown_label },
	{ "duplicate question id", b_duplicate_id },
	{ "show_if that does not parse", b_show_if },
	{ "show_if naming a later question", b_show_if_later },
	{ "when that does not parse", b_when },
	{ "a note without its text", b_missing_text },
};

Test(content_cache, inconsistent_content_is_refused)
{
	struct mini m;
	struct strbuf bad = { 0 };
	size_t i;
	long saved = 0;

	mini_load(&m);
	for (i = 0; i < sizeof breakages / sizeof breakages[0]; i++) {
		breakages[i].apply(m.qn, m.rs, &saved, false);
		encode(m.qn, m.rs, &bad);
		breakages[i].apply(m.qn, m.rs, &saved, true);
		expect_refused(&m, bad.buf, bad.len, breakages[i].what);
	}
	/* Mended, the same content is read again: each refusal was for its breakage. */
	encode(m.qn, m.rs, &bad);
	cr_expect(bad.len == m.sb.len && memcmp(bad.buf, m.sb.buf, bad.len) == 0);
	sb_free(&bad);
	mini_free(&m);
}

/*
 * Text that the loaders refuse (cfg_check_text, cfg_valid_id, the url and tag rules) in a cache
 * that is otherwise sound and sealed: a faulty writer's, or one changed and sealed again. The
 * reports, the terminal and the JSON writers trust the loaders on these; the first was a
 * setting id that was not UTF-8, which fuzz_cache carried into a JSON report's keys.
 */
struct bad_text {
	const char *what;
	const char *value;
	char **(*field)(struct questionnaire *qn, struct ruleset *rs);
};

/* A setting that no condition names (only the reports look it up, and do without it): no
 * other check than the id's own can refuse it. */
static char **
f_setting_id(struct questionnaire *qn, struct ruleset *rs)
{
	long i = settings_find(&rs->settings, "patch_test_wait_hours");

	(void)qn;
	cr_assert_geq(i, 0);
	return &rs->settings.items[i].id;
}

static char **
f_question_text(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &qn->questions[0].text;
}

static char **
f_note_text(struct questionnaire *qn, struct ruleset *rs)
{
	(void)qn;
	return &rs->notes[0].text;
}

/* The first question with options. */
static struct question *
first_choice(struct questionnaire *qn)
{
	size_t i;

	for (i = 0; qn->questions[i].n_options == 0; i++)
		;
	return &qn->questions[i];
}

static char **
f_option_label(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &first_choice(qn)->options[0].label;
}

/* Whether s is in no condition of qn and rs. */
static bool
in_no_condition(const struct questionnaire *qn, const struct ruleset *rs, const char *s)
{
	size_t i;

	for (i = 0; i < qn->n_questions; i++)
		if (qn->questions[i].show_if_src != NULL && strstr(qn->questions[i].show_if_src, s))
			return false;
	for (i = 0; i < rs->n_rules; i++)
		if (strstr(rs->rules[i].when_src, s) != NULL ||
		    (rs->rules[i].come_back.condition != NULL &&
		        strstr(rs->rules[i].come_back.condition, s) != NULL))
			return false;
	return true;
}

/* An option that no condition names, for the same reason. */
static char **
f_option_value(struct questionnaire *qn, struct ruleset *rs)
{
	struct question *q;
	size_t i, j;

	for (i = 0; i < qn->n_questions; i++)
		for (q = &qn->questions[i], j = 0; j < q->n_options; j++)
			if (in_no_condition(qn, rs, q->options[j].value))
				return &q->options[j].value;
	cr_assert_fail("every option is named by a condition");
	return NULL;
}

/* The last question: no condition names it, so only the id's own check can refuse it. */
static char **
f_last_question_id(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &qn->questions[qn->n_questions - 1].id;
}

static char **
f_rule_id(struct questionnaire *qn, struct ruleset *rs)
{
	(void)qn;
	return &rs->rules[0].id;
}

static char **
f_url(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &qn->url;
}

static char **
f_tag(struct questionnaire *qn, struct ruleset *rs)
{
	(void)qn;
	return &rs->bibliography[0].id;
}

static const struct bad_text bad_texts[] = {
	{ "a setting id that is not UTF-8", "patch_test_wait_\xe3", f_setting_id },
	{ "an escape sequence in a question", "Age\x1b]52;c;aGk=\x07", f_question_text },
	{ "a bidi override in a note", "\u202Edetacidni ton", f_note_text },
	{ "a line break in an option label", "two\nlines", f_option_label },
	{ "an option value that is the answer \"not sure\"", ANSWER_UNKNOWN_VALUE, f_option_value },
	{ "a question id with a capital", "Notes", f_last_question_id },
	{ "a question id that is a word of conditions", "and", f_last_question_id },
	{ "a rule id with a space", "rule one", f_rule_id },
	{ "a url that is not http(s) or urn", "ftp://example.org/q", f_url },
	{ "a source tag of two words", "two words", f_tag },
};

static char **
f_help(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &qn->questions[0].help;
}

static char **
f_illustration(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &first_choice(qn)->options[0].illustration;
}

static char **
f_show_if(struct questionnaire *qn, struct ruleset *rs)
{
	size_t i;

	(void)rs;
	for (i = 0; qn->questions[i].show_if_src == NULL; i++)
		;
	return &qn->questions[i].show_if_src;
}

static char **
f_order_reason(struct questionnaire *qn, struct ruleset *rs)
{
	(void)rs;
	return &qn->questions[0].option_order_reason;
}

static char **
f_when(struct questionnaire *qn, struct ruleset *rs)
{
	(void)qn;
	return &rs->rules[0].when_src;
}

static char **
f_reason(struct questionnaire *qn, struct ruleset *rs)
{
	(void)qn;
	return &rs->rules[0].reason;
}

/* The fields whose loaders take a line break, each given one (after what it holds, for a
 * condition, which must still parse): a decoder stricter than the loader would refuse them
 * and silently lose the cache for such content. */
static const struct bad_text line_breaks[] = {
	{ "help", "A first line.\nA second line.", f_help },
	{ "an illustration", "  |  \n  |  ", f_illustration },
	{ "show_if", "\n", f_show_if },
	{ "option_order_reason", "Mildest first,\nas the scale runs.", f_order_reason },
	{ "a note", "One paragraph.\n\nAnother.", f_note_text },
	{ "when", "\n", f_when },
	{ "a reason", "One line.\nAnother line.", f_reason },
};

Test(content_cache, line_breaks_where_the_loaders_take_them)
{
	struct questionnaire *qn, *qn2;
	struct ruleset *rs, *rs2;
	struct strbuf sb = { 0 };
	char **field, *kept, *value;
	size_t i;

	qn = test_load_questionnaire("../../questionnaires/smp-consultation.cfg");
	rs = test_load_rules(qn, "../../questionnaires/smp-rules.cfg");
	for (i = 0; i < sizeof line_breaks / sizeof line_breaks[0]; i++) {
		field = line_breaks[i].field(qn, rs);
		kept = *field;
		value = line_breaks[i].value[0] == '\n' && kept != NULL ?
		    xasprintf("%s%s", kept, line_breaks[i].value) :
		    xstrdup(line_breaks[i].value);
		*field = value;
		encode(qn, rs, &sb);
		*field = kept;
		cr_expect_eq(decode(qn, rs, sb.buf, sb.len, &qn2, &rs2), 0, "taken: %s",
		    line_breaks[i].what);
		rules_free(rs2);
		questionnaire_free(qn2);
		free(value);
	}
	sb_free(&sb);
	rules_free(rs);
	questionnaire_free(qn);
}

/* The cache in enc with the second byte of s's stored copy made a NUL, and sealed again:
 * refused. s is found with its length before it, as it is stored. */
static void
nul_inside(const struct questionnaire *qn, const struct ruleset *rs, const struct strbuf *enc,
    const char *s, const char *what)
{
	struct questionnaire *qn2 = (void *)1;
	struct ruleset *rs2 = (void *)1;
	size_t n = strlen(s), len, at;
	unsigned char pre[4] = { (unsigned char)n, (unsigned char)(n >> 8),
		(unsigned char)(n >> 16), (unsigned char)(n >> 24) };
	char *copy, *sealed_copy;

	cr_assert_gt(n, 2);
	for (at = 0; at + 4 + n <= enc->len - 8; at++)
		if (memcmp(enc->buf + at, pre, 4) == 0 && memcmp(enc->buf + at + 4, s, n) == 0)
			break;
	cr_assert_leq(at + 4 + n, enc->len - 8, "%s: found in the cache", what);
	copy = xmalloc(enc->len - 8);
	memcpy(copy, enc->buf, enc->len - 8);
	copy[at + 4 + 1] = '\0';
	sealed_copy = sealed(copy, enc->len - 8, &len);
	cr_expect_eq(decode(qn, rs, sealed_copy, len, &qn2, &rs2), -1, "refused: %s", what);
	cr_expect_null(qn2);
	cr_expect_null(rs2);
	free(sealed_copy);
	free(copy);
}

Test(content_cache, unchecked_text_is_refused)
{
	struct questionnaire *qn, *qn2;
	struct ruleset *rs, *rs2;
	struct strbuf good = { 0 }, bad = { 0 };
	char **field, *kept;
	size_t i;

	qn = test_load_questionnaire("../../questionnaires/smp-consultation.cfg");
	rs = test_load_rules(qn, "../../questionnaires/smp-rules.cfg");
	cr_assert_not_null(qn->url, "the bundled questionnaire has a url");
	cr_assert_gt(rs->n_bibliography, 0, "the bundled rules cite sources");
	encode(qn, rs, &good);
	for (i = 0; i < sizeof bad_texts / sizeof bad_texts[0]; i++) {
		field = bad_texts[i].field(qn, rs);
		kept = *field;
		*field = (char *)bad_texts[i].value;
		encode(qn, rs, &bad);
		*field = kept;
		qn2 = (void *)1;
		rs2 = (void *)1;
		cr_expect_eq(decode(qn, rs, bad.buf, bad.len, &qn2, &rs2), -1, "refused: %s",
		    bad_texts[i].what);
		cr_expect_null(qn2);
		cr_expect_null(rs2);
	}
	/* A NUL inside a stored string, which the writer never stores: read as a C string, the
	 * text or id would be cut short there and taken. */
	nul_inside(qn, rs, &good, qn->questions[0].text, "a NUL inside a question's text");
	nul_inside(qn, rs, &good, qn->questions[qn->n_questions - 1].id,
	    "a NUL inside a question id");
	/* Put back, the content is read again: each refusal was for its text. */
	encode(qn, rs, &bad);
	cr_expect(bad.len == good.len && memcmp(bad.buf, good.buf, bad.len) == 0);
	cr_assert_eq(decode(qn, rs, bad.buf, bad.len, &qn2, &rs2), 0);
	rules_free(rs2);
	questionnaire_free(qn2);
	sb_free(&good);
	sb_free(&bad);
	rules_free(rs);
	questionnaire_free(qn);
}

/* --- the folder and a whole load ----------------------------------------------------- */

static char *
tmp_home(void)
{
	char *d = test_tmpdir();

	setenv("XDG_CACHE_HOME", d, 1);
	unsetenv("SMPSCREEN_CACHE");
	return d;
}

Test(content_cache, folder_rules)
{
	char *d = tmp_home(), *dir, *sub;

	dir = content_cache_dir();
	cr_assert_not_null(dir, "a private folder is made");
	sub = xasprintf("%s/smpscreen", d);
	cr_expect_str_eq(dir, sub);
	cr_expect_eq(test_mode_of(sub) & 0777, 0700);
	free(dir);
	/* Writable by its group: someone else could plant content that screens differently. */
	cr_assert_eq(chmod(sub, 0770), 0);
	cr_expect_null(content_cache_dir(), "a group-writable folder is not used");
	cr_expect_null(content_cache_open("/dev/null", "/dev/null"));
	cr_assert_eq(chmod(sub, 0700), 0);
	setenv("SMPSCREEN_CACHE", "off", 1);
	cr_expect_null(content_cache_dir(), "SMPSCREEN_CACHE=off");
	unsetenv("SMPSCREEN_CACHE");
	/* A relative XDG_CACHE_HOME is ignored for HOME's .cache; neither: no cache. */
	setenv("XDG_CACHE_HOME", "relative", 1);
	setenv("HOME", d, 1);
	dir = content_cache_dir();
	free(sub);
	sub = xasprintf("%s/.cache/smpscreen", d);
	cr_expect_str_eq(dir, sub);
	free(dir);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	cr_expect_null(content_cache_dir());
	free(sub);
	test_remove_tree(&d);
}

/* Copies a file of tests/data to dir/name; returns the new path (caller frees). */
static char *
copy_to(const char *dir, const char *from, const char *name)
{
	char *src = test_data_path(from), *text = test_read_file(src), *to, *cause = NULL;

	to = xasprintf("%s/%s", dir, name);
	cr_assert_eq(safefile_write(to, text, strlen(text), &cause), 0);
	free(src);
	free(text);
	return to;
}

/* The bytes of a file that may hold NULs; caller frees. */
static char *
read_bytes(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;

	cr_assert_not_null(fp, "%s can be read", path);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(fp);
	*len = sb.len;
	return sb_detach(&sb);
}

static char *
cache_file_of(const struct content *ct, const char *home)
{
	struct content_key k;

	key_of(ct->qn, ct->rs, &k);
	return xasprintf("%s/smpscreen/content-%s.bin", home, k.hex);
}

Test(content_cache, load_writes_then_uses_the_cache)
{
	struct content_opts o = { .cache = true };
	struct diag_list dl = { 0 };
	struct content ct;
	char *d = tmp_home(), *qp = copy_to(d, "mini-questionnaire.cfg", "q.cfg"),
	     *rp = copy_to(d, "mini-rules.cfg", "r.cfg"), *file, *data, *s, *p, *cause = NULL;
	size_t len, n;

	cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
	cr_expect_eq(dl.n, 0);
	file = cache_file_of(&ct, d);
	cr_assert_eq(access(file, F_OK), 0, "a load writes the cache");
	cr_expect_eq(test_mode_of(file) & 0777, 0600);
	content_free(&ct);

	/* A letter of a text changed in the cache (sealed again) shows on the next load: it is
	 * the cache that is read. */
	data = read_bytes(file, &len);
	p = memmem(data, len - 8, "How old", 7);
	cr_assert_not_null(p, "the question's text is in the cache");
	p[4] = 'O';
	s = sealed(data, len - 8, &n);
	cr_assert_eq(safefile_write(file, s, n, &cause), 0);
	cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
	cr_expect_str_eq(ct.qn->questions[0].text, "How Old are you, in whole years?");
	cr_expect_str_eq(ct.qn->path, qp);
	content_free(&ct);

	/* Not when it is told not to, nor for check's full load. */
	setenv("SMPSCREEN_CACHE", "off", 1);
	cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
	cr_expect_str_eq(ct.qn->questions[0].text, "How old are you, in whole years?");
	content_free(&ct);
	unsetenv("SMPSCREEN_CACHE");
	cr_assert_eq(content_load(&ct, qp, rp, NULL, &dl), 0);
	cr_expect_str_eq(ct.qn->questions[0].text, "How old are you, in whole years?");
	content_free(&ct);

	/* Damaged beyond the checksum: a normal load, and the cache written again. */
	s[n / 2] ^= 1;
	cr_assert_eq(safefile_write(file, s, n, &cause), 0);
	cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
	cr_expect_str_eq(ct.qn->questions[0].text, "How old are you, in whole years?");
	content_free(&ct);
	free(data);
	data = read_bytes(file, &len);
	cr_expect_null(memmem(data, len, "How Old", 7), "the cache was rewritten");
	cr_expect_eq(dl.n, 0);
	free(data);
	free(s);
	free(file);
	free(qp);
	free(rp);
	test_remove_tree(&d);
}

Test(content_cache, changed_content_is_never_served_stale)
{
	struct content_opts o = { .cache = true };
	struct diag_list dl = { 0 };
	struct content ct;
	char *d = tmp_home(), *qp = copy_to(d, "mini-questionnaire.cfg", "q.cfg"),
	     *rp = copy_to(d, "mini-rules.cfg", "r.cfg"), *text, *text2, *p, *cause = NULL;
	long i;

	cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
	i = settings_find(&ct.rs->settings, "min_age");
	cr_assert_geq(i, 0);
	cr_expect_eq(ct.rs->settings.items[i].def, 18);
	content_free(&ct);
	/* One threshold changed in the rules file. */
	text = test_read_file(rp);
	p = strstr(text, "default = 18;");
	cr_assert_not_null(p, "the mini rules say min_age = 18");
	p[11] = '9';
	cr_assert_eq(safefile_write(rp, text, strlen(text), &cause), 0);
	cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
	cr_expect_eq(ct.rs->settings.items[i].def, 19);
	content_free(&ct);
	text2 = xasprintf("%s/smpscreen", d);
	cr_expect_eq(test_count_entries(text2), 2, "one cache for each version");
	free(text2);
	free(text);
	free(qp);
	free(rp);
	test_remove_tree(&d);
}

Test(content_cache, refused_files_skip_the_cache)
{
	char *d = tmp_home(), *qp = copy_to(d, "mini-questionnaire.cfg", "q.cfg"),
	     *nul = test_data_path("unit/nul-byte.cfg"), *missing = xasprintf("%s/none.cfg", d);
	struct content_cache *cc;

	cc = content_cache_open(qp, qp);
	cr_expect_not_null(cc);
	content_cache_close(cc);
	/* The loaders' own errors, not the cache's: it stands aside. */
	cr_expect_null(content_cache_open(qp, nul), "a NUL byte");
	cr_expect_null(content_cache_open(missing, qp), "a missing file");
	cr_expect_null(content_cache_open(d, qp), "a folder");
	free(nul);
	free(missing);
	free(qp);
	test_remove_tree(&d);
}

Test(content_cache, keeps_only_the_newest)
{
	struct content_opts o = { .cache = true };
	struct diag_list dl = { 0 };
	struct content ct;
	char *d = tmp_home(), *qp = copy_to(d, "mini-questionnaire.cfg", "q.cfg"),
	     *rp = copy_to(d, "mini-rules.cfg", "r.cfg"), *text, *t, *cache, *first = NULL, *f,
	     *cause = NULL;
	struct timespec times[2] = { { 0 }, { 0 } };
	int i;

	text = test_read_file(rp);
	cache = xasprintf("%s/smpscreen", d);
	for (i = 0; i < CONTENT_CACHE_KEEP + 3; i++) {
		/* Each version of the rules differs by a comment: another cache. */
		t = xasprintf("%s# version %d\n", text, i);
		cr_assert_eq(safefile_write(rp, t, strlen(t), &cause), 0);
		free(t);
		cr_assert_eq(content_load_opts(&ct, qp, rp, NULL, &o, &dl), 0);
		f = cache_file_of(&ct, d);
		/* Written a second apart, whatever the clock's grain. */
		times[0].tv_sec = times[1].tv_sec = 1000000000 + i;
		cr_assert_eq(utimensat(AT_FDCWD, f, times, 0), 0);
		if (i == 0)
			first = f;
		else
			free(f);
		content_free(&ct);
		cr_expect_leq(test_count_entries(cache), CONTENT_CACHE_KEEP);
	}
	cr_expect_eq(test_count_entries(cache), CONTENT_CACHE_KEEP);
	cr_expect_neq(access(first, F_OK), 0, "the oldest went first");
	free(first);
	free(cache);
	free(text);
	free(qp);
	free(rp);
	test_remove_tree(&d);
}

/* The key carries the build ids of the program and of the libconfig it runs with, so that
 * neither a rebuilt program with the same version nor an upgraded libconfig reads a cache
 * written before; Debian's toolchain always links one into both. */
Test(content_cache, key_names_the_build)
{
	const char *id = content_cache_build_id(), *plus = strchr(id, '+');
	size_t i, n = strlen(id);

	cr_assert_not_null(plus, "no libconfig build id in '%s'", id);
	cr_assert_geq((size_t)(plus - id), 16, "build id '%s'", id);
	cr_assert_geq(strlen(plus + 1), 16, "build id '%s'", id);
	for (i = 0; i < n; i++)
		cr_assert(id + i == plus || strchr("0123456789abcdef", id[i]) != NULL,
		    "build id '%s'", id);
	cr_assert_str_eq(content_cache_build_id(), id);
}

/* A FIFO (or any file that is not a regular one) is left to the loaders unopened: opening
 * it here would wait for a writer (this test would never end; Criterion's timeout fails
 * it), or take the writer's data and leave the loader's own open waiting for ever. */
Test(content_cache, a_fifo_is_not_opened, .timeout = 60)
{
	char *d = tmp_home(), *fifo = xasprintf("%s/questionnaire.fifo", d),
	     *rules = test_data_path("../../questionnaires/smp-rules.cfg");

	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_expect_null(content_cache_open(fifo, rules));
	cr_expect_null(content_cache_open(rules, fifo));
	unlink(fifo);
	free(fifo);
	free(rules);
	free(d);
}
