/* SPDX-License-Identifier: ISC */
/* The walk kept up to date as answers change (src/core/walk.c) against the full pass over
 * every show_if that it replaces: the same questions shown, the same answers put aside and
 * restored, the same numbers, next and previous questions and progress counts, over random
 * sequences of answers on the bundled questionnaire; and a change evaluates only the
 * show_ifs that read it. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/expr.h"
#include "core/walk.h"
#include "helpers.h"
#include "smpscreen/answer.h"
#include "smpscreen/content.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/session.h"
#include "smpscreen/xalloc.h"

/* ---- the full pass, as session.c did it on every change ------------------------------ */

struct ref {
	const struct questionnaire *qn;
	bool consultant;
	struct answer *eff, *memo;
	bool *shown; /* show_if under eff, every question evaluated */
};

static bool
ref_audience(const struct ref *r, size_t q)
{
	return r->qn->questions[q].audience == AUDIENCE_PATIENT || r->consultant;
}

static bool
ref_eval(const struct ref *r, size_t q)
{
	struct expr_env env = { .answers = r->eff, .settings = NULL };

	return r->qn->questions[q].show_if == NULL || expr_eval(r->qn->questions[q].show_if, &env);
}

/* Puts aside and restores in questionnaire order, then notes what is shown. */
static void
ref_settle(struct ref *r)
{
	size_t i;

	for (i = 0; i < r->qn->n_questions; i++) {
		if (ref_eval(r, i)) {
			if (r->eff[i].kind == ANSWER_ABSENT && r->memo[i].kind != ANSWER_ABSENT) {
				r->eff[i] = r->memo[i];
				memset(&r->memo[i], 0, sizeof r->memo[i]);
			}
		} else if (r->eff[i].kind != ANSWER_ABSENT) {
			answer_clear(&r->memo[i]);
			r->memo[i] = r->eff[i];
			memset(&r->eff[i], 0, sizeof r->eff[i]);
		}
	}
	for (i = 0; i < r->qn->n_questions; i++)
		r->shown[i] = ref_eval(r, i);
}

static bool
ref_asked(const struct ref *r, size_t q)
{
	return ref_audience(r, q) && r->shown[q];
}

static size_t
ref_number(const struct ref *r, size_t q)
{
	size_t i, n = 0;

	if (q >= r->qn->n_questions || r->qn->questions[q].type == QTYPE_INFO || !ref_asked(r, q))
		return 0;
	for (i = 0; i <= q; i++)
		if (r->qn->questions[i].type != QTYPE_INFO && ref_asked(r, i))
			n++;
	return n;
}

static size_t
ref_next(const struct ref *r, size_t from, bool only_missing)
{
	size_t i;

	for (i = from; i < r->qn->n_questions; i++) {
		if (!ref_asked(r, i))
			continue;
		if (only_missing &&
		    (r->eff[i].kind != ANSWER_ABSENT || !r->qn->questions[i].required))
			continue;
		return i;
	}
	return r->qn->n_questions;
}

static size_t
ref_previous(const struct ref *r, size_t q)
{
	size_t i = q < r->qn->n_questions ? q : r->qn->n_questions;

	while (i-- > 0)
		if (ref_asked(r, i))
			return i;
	return r->qn->n_questions;
}

static size_t
ref_progress(const struct ref *r, size_t q, bool *settled)
{
	struct expr_env env = { .answers = r->eff, .settings = NULL };
	unsigned char *open = xcalloc(r->qn->n_questions + 1, 1);
	const struct question *qq;
	enum expr_tri shown;
	size_t i, n = 0;

	*settled = true;
	for (i = 0; i < r->qn->n_questions; i++) {
		qq = &r->qn->questions[i];
		if (!ref_audience(r, i))
			continue;
		shown = qq->show_if == NULL ? EXPR_TRUE : expr_eval_open(qq->show_if, &env, open);
		if (shown == EXPR_FALSE)
			continue;
		if (i >= q && r->eff[i].kind == ANSWER_ABSENT)
			open[i] = 1;
		if (qq->type == QTYPE_INFO)
			continue;
		if (shown == EXPR_OPEN)
			*settled = false;
		n++;
	}
	free(open);
	return n;
}

/* ---- random answers ------------------------------------------------------------------ */

static uint64_t
next_random(uint64_t *state)
{
	/* xorshift64*: the same sequence on every machine. */
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}

static size_t
pick(uint64_t *state, size_t n)
{
	return (size_t)(next_random(state) % n);
}

/* Integers near the thresholds the bundled show_ifs and rules use, and the bounds. */
static long
pick_integer(uint64_t *state, const struct question *q)
{
	static const long near[] = { 0, 1, 2, 3, 5, 6, 11, 12, 13, 17, 18, 24, 30, 90, 120 };
	long v = near[pick(state, sizeof near / sizeof near[0])];

	if (pick(state, 4) == 0)
		v = q->min + (long)pick(state, (size_t)(q->max - q->min) + 1);
	return v < q->min ? q->min : v > q->max ? q->max : v;
}

/* A valid answer to q (answer_check accepts it): one item of a choice question, sometimes
 * two for a multi question. */
static void
random_answer(uint64_t *state, const struct question *q, struct answer *v)
{
	size_t items = answer_n_items(q);

	memset(v, 0, sizeof *v);
	switch (q->type) {
	case QTYPE_SINGLE:
	case QTYPE_MULTI:
		cr_assert_eq(answer_add_item(q, v, pick(state, items)), ANSWER_OK);
		if (q->type == QTYPE_MULTI && pick(state, 3) == 0) {
			struct answer two = { 0 };

			answer_copy(&two, v);
			if (answer_add_item(q, &two, pick(state, items)) == ANSWER_OK &&
			    answer_check(q, &two) == ANSWER_OK) {
				answer_clear(v);
				*v = two;
			} else
				answer_clear(&two);
		}
		break;
	case QTYPE_INTEGER:
		if (q->allow_unknown && pick(state, 6) == 0)
			cr_assert_eq(answer_add_item(q, v, q->n_options), ANSWER_OK);
		else
			cr_assert_eq(answer_set_integer(q, v, pick_integer(state, q)), ANSWER_OK);
		break;
	case QTYPE_TEXT:
		cr_assert_eq(answer_set_text(q, v, "words", 5), ANSWER_OK);
		break;
	case QTYPE_INFO:
		break;
	}
	if (q->type != QTYPE_INFO)
		cr_assert_eq(answer_check(q, v), ANSWER_OK, "question '%s'", q->id);
}

static void
expect_same_answer(const struct answer *a, const struct answer *b, const char *what, size_t q)
{
	cr_assert_eq(a->kind, b->kind, "%s of question %zu: kind %d, the full pass %d", what, q,
	    a->kind, b->kind);
	if (a->kind == ANSWER_TEXT)
		cr_assert_str_eq(a->text, b->text, "%s of question %zu", what, q);
	else
		cr_assert(a->num == b->num && a->set == b->set, "%s of question %zu differs", what,
		    q);
}

/* ---- the walk against the full pass -------------------------------------------------- */

struct pair {
	const struct questionnaire *qn;
	struct answer *eff, *memo; /* the walk's */
	struct ref ref;
	struct walk *w;
};

static void
pair_init(struct pair *p, const struct questionnaire *qn, bool consultant)
{
	size_t n = qn->n_questions;

	p->qn = qn;
	p->eff = xcalloc(n, sizeof *p->eff);
	p->memo = xcalloc(n, sizeof *p->memo);
	p->ref = (struct ref){ qn, consultant, xcalloc(n, sizeof *p->eff),
		xcalloc(n, sizeof *p->memo), xcalloc(n, sizeof(bool)) };
	p->w = walk_new(qn, p->eff, p->memo, consultant);
	ref_settle(&p->ref);
}

static void
pair_free(struct pair *p)
{
	size_t i;

	for (i = 0; i < p->qn->n_questions; i++) {
		answer_clear(&p->eff[i]);
		answer_clear(&p->memo[i]);
		answer_clear(&p->ref.eff[i]);
		answer_clear(&p->ref.memo[i]);
	}
	free(p->eff);
	free(p->memo);
	free(p->ref.eff);
	free(p->ref.memo);
	free(p->ref.shown);
	walk_free(p->w);
}

/* Sets (or with v NULL, clears) q's answer in both, each settling its own way. */
static void
pair_set(struct pair *p, size_t q, const struct answer *v)
{
	answer_clear(&p->eff[q]);
	answer_clear(&p->ref.eff[q]);
	if (v != NULL) {
		answer_copy(&p->eff[q], v);
		answer_copy(&p->ref.eff[q], v);
	}
	walk_changed(p->w, q);
	ref_settle(&p->ref);
}

static void
pair_expect_same(struct pair *p, uint64_t *state, const char *when)
{
	size_t n = p->qn->n_questions, i, pos, got, want;
	bool gs, ws;

	for (i = 0; i < n; i++) {
		expect_same_answer(&p->eff[i], &p->ref.eff[i], "answer", i);
		expect_same_answer(&p->memo[i], &p->ref.memo[i], "answer put aside", i);
		cr_assert_eq(walk_asked(p->w, i), ref_asked(&p->ref, i), "%s: asked(%s)", when,
		    p->qn->questions[i].id);
		cr_assert_eq(walk_number(p->w, i), ref_number(&p->ref, i), "%s: number(%s)", when,
		    p->qn->questions[i].id);
		cr_assert_eq(walk_previous(p->w, i), ref_previous(&p->ref, i), "%s: previous(%zu)",
		    when, i);
	}
	for (i = 0; i <= n; i++) {
		cr_assert_eq(walk_next(p->w, i, false), ref_next(&p->ref, i, false),
		    "%s: next(%zu)", when, i);
		cr_assert_eq(walk_next(p->w, i, true), ref_next(&p->ref, i, true),
		    "%s: next missing(%zu)", when, i);
	}
	cr_assert_eq(walk_number(p->w, n), 0);
	cr_assert_eq(walk_previous(p->w, n + 5), ref_previous(&p->ref, n + 5));
	/* The progress count keeps its position between calls: ask at a few, near and far. */
	for (i = 0; i < 3; i++) {
		pos = pick(state, n + 1);
		got = walk_progress(p->w, pos, &gs);
		want = ref_progress(&p->ref, pos, &ws);
		cr_assert_eq(got, want, "%s: progress at %zu: %zu, the full pass %zu", when, pos,
		    got, want);
		cr_assert_eq(gs, ws, "%s: progress at %zu settled", when, pos);
	}
}

/* Answers questions mostly as a walk does (the next one asked, now and then an earlier one
 * changed or skipped), sometimes a question not asked at all. */
static void
random_walk(const struct questionnaire *qn, bool consultant, uint64_t seed, size_t steps)
{
	struct pair p;
	struct answer v;
	uint64_t state = seed;
	size_t n = qn->n_questions, k, q = 0;
	char when[64];

	pair_init(&p, qn, consultant);
	pair_expect_same(&p, &state, "new");
	for (k = 0; k < steps; k++) {
		switch (pick(&state, 10)) {
		case 0:
		case 1:
			q = pick(&state, n); /* anywhere, asked or not */
			break;
		case 2:
			q = q > 0 ? pick(&state, q) : 0; /* back to an earlier one */
			break;
		default:
			q = walk_next(p.w, q + 1 < n ? q + 1 : 0, false);
			if (q >= n)
				q = walk_next(p.w, 0, false);
			break;
		}
		if (qn->questions[q].type == QTYPE_INFO)
			continue;
		if (pick(&state, 6) == 0) {
			pair_set(&p, q, NULL);
		} else {
			random_answer(&state, &qn->questions[q], &v);
			pair_set(&p, q, &v);
			answer_clear(&v);
		}
		snprintf(when, sizeof when, "seed %llu step %zu (%s)", (unsigned long long)seed, k,
		    qn->questions[q].id);
		pair_expect_same(&p, &state, when);
	}
	pair_free(&p);
}

Test(walk, random_answers_on_the_bundled_questionnaire_match_the_full_pass)
{
	struct questionnaire *qn = test_bundled_questionnaire();
	uint64_t seed;

	for (seed = 1; seed <= 12; seed++) {
		random_walk(qn, false, seed, 150);
		random_walk(qn, true, seed * 7919, 150);
	}
	questionnaire_free(qn);
}

Test(walk, random_answers_on_the_mini_questionnaire_match_the_full_pass)
{
	struct questionnaire *qn = test_mini_questionnaire();
	uint64_t seed;

	for (seed = 1; seed <= 20; seed++) {
		random_walk(qn, false, seed, 60);
		random_walk(qn, true, seed + 1000, 60);
	}
	questionnaire_free(qn);
}

/* ---- a chain: every question shown when the one before it is answered ------------------ */

static struct questionnaire *
chain(size_t n, bool independent)
{
	struct questionnaire *qn = NULL;
	struct diag_list dl = { 0 };
	struct strbuf sb = { 0 };
	size_t i;

	sb_append(&sb,
	    "id = \"chain\"; version = 1; title = \"Chain\";\n"
	    "sections = ( { id = \"s\"; title = \"S\"; questions = (\n");
	for (i = 0; i < n; i++) {
		sb_printf(&sb,
		    "%s{ id = \"q%zu\"; type = \"integer\"; text = \"t\"; min = 0; max = 9;",
		    i ? ",\n" : "", i);
		/* independent: each reads only the first question */
		if (i > 0)
			sb_printf(&sb, " show_if = \"answered(q%zu)\";",
			    independent ? (size_t)0 : i - 1);
		sb_append(&sb, " }");
	}
	sb_append(&sb, ") } );\n");
	if (questionnaire_load_string(&qn, sb_str(&sb), "chain.cfg", &dl) != 0) {
		char *t = test_diag_text(&dl);

		cr_assert_fail("chain does not load:\n%s", t);
	}
	sb_free(&sb);
	diag_clear(&dl);
	return qn;
}

static void
set_int(struct answer *eff, size_t q, long n)
{
	answer_clear(&eff[q]);
	eff[q].kind = ANSWER_INTEGER;
	eff[q].num = n;
}

Test(walk, a_chain_is_put_aside_and_restored_as_a_whole)
{
	struct questionnaire *qn = chain(50, false);
	struct answer *eff = xcalloc(50, sizeof *eff), *memo = xcalloc(50, sizeof *memo);
	struct walk *w = walk_new(qn, eff, memo, false);
	size_t i;
	bool settled;

	cr_expect_eq(walk_progress(w, 0, &settled), 50, "all can be asked");
	cr_expect(!settled);
	for (i = 0; i < 50; i++) {
		cr_assert(walk_asked(w, i), "q%zu", i);
		set_int(eff, i, 1);
		walk_changed(w, i);
	}
	cr_expect_eq(walk_next(w, 0, true), 50, "nothing missing");
	cr_expect_eq(walk_progress(w, 50, &settled), 50);
	cr_expect(settled);
	/* The first answer goes: every later question is hidden, its answer put aside. */
	answer_clear(&eff[0]);
	walk_changed(w, 0);
	cr_expect(walk_asked(w, 0));
	for (i = 1; i < 50; i++) {
		cr_expect(!walk_asked(w, i), "q%zu", i);
		cr_expect_eq(eff[i].kind, ANSWER_ABSENT, "q%zu", i);
		cr_expect_eq(memo[i].kind, ANSWER_INTEGER, "q%zu put aside", i);
		cr_expect_eq(walk_number(w, i), 0, "q%zu", i);
	}
	cr_expect_eq(walk_number(w, 0), 1);
	cr_expect_eq(walk_previous(w, 49), 0);
	cr_expect_eq(walk_next(w, 0, true), 0, "q0 is missing again");
	cr_expect_eq(walk_progress(w, 0, &settled), 50, "q0 open: the chain may come back");
	cr_expect(!settled);
	/* And comes back whole. */
	set_int(eff, 0, 3);
	walk_changed(w, 0);
	for (i = 0; i < 50; i++) {
		cr_expect(walk_asked(w, i), "q%zu", i);
		cr_expect_eq(eff[i].kind, ANSWER_INTEGER, "q%zu restored", i);
		cr_expect_eq(memo[i].kind, ANSWER_ABSENT);
	}
	cr_expect_eq(walk_number(w, 49), 50);
	cr_expect_eq(walk_progress(w, 0, &settled), 50);
	cr_expect(settled);
	walk_free(w);
	for (i = 0; i < 50; i++) {
		answer_clear(&eff[i]);
		answer_clear(&memo[i]);
	}
	free(eff);
	free(memo);
	questionnaire_free(qn);
}

/* What a change costs is the show_ifs that read it: counted, not timed. */
Test(walk, a_change_evaluates_only_the_show_ifs_that_read_it)
{
	struct questionnaire *qn = chain(2000, true), *line = chain(2000, false);
	struct answer *eff = xcalloc(2000, sizeof *eff), *memo = xcalloc(2000, sizeof *memo);
	struct walk *w = walk_new(line, eff, memo, false);
	size_t before, i;
	bool settled;

	/* A line, answered up to q1499: q1500 is asked, the rest wait for it. */
	for (i = 0; i < 1500; i++) {
		set_int(eff, i, 1);
		walk_changed(w, i);
	}
	before = walk_evaluations(w);
	set_int(eff, 1499, 2);
	walk_changed(w, 1499);
	cr_expect_eq(walk_evaluations(w) - before, 2,
	    "q1499's own show_if and q1500's, whose missing answer stays missing");
	before = walk_evaluations(w);
	set_int(eff, 1999, 1);
	walk_changed(w, 1999);
	cr_expect_eq(walk_evaluations(w) - before, 1, "q1999 is read by nobody");
	cr_expect_eq(memo[1999].kind, ANSWER_INTEGER, "and not shown: put aside");
	/* The progress count: once in full, then only what changed. */
	cr_expect_eq(walk_progress(w, 1500, &settled), 2000);
	cr_expect(!settled);
	before = walk_evaluations(w);
	cr_expect_eq(walk_progress(w, 1500, &settled), 2000);
	cr_expect_eq(walk_evaluations(w) - before, 0, "nothing changed: nothing evaluated");
	set_int(eff, 1500, 1);
	walk_changed(w, 1500);
	before = walk_evaluations(w);
	cr_expect_eq(walk_progress(w, 1501, &settled), 2000);
	cr_expect_eq(walk_evaluations(w) - before, 2, "q1500 answered, and q1501 that reads it");
	walk_free(w);
	for (i = 0; i < 2000; i++) {
		answer_clear(&eff[i]);
		answer_clear(&memo[i]);
	}

	/* A star: every question reads q0, so q0's answer is read by all of them. */
	w = walk_new(qn, eff, memo, false);
	before = walk_evaluations(w);
	set_int(eff, 5, 1);
	walk_changed(w, 5);
	cr_expect_eq(walk_evaluations(w) - before, 1, "q5 is read by nobody");
	before = walk_evaluations(w);
	set_int(eff, 0, 1);
	walk_changed(w, 0);
	cr_expect_eq(walk_evaluations(w) - before, 1999, "q0 is read by all the others");
	walk_free(w);
	for (i = 0; i < 2000; i++) {
		answer_clear(&eff[i]);
		answer_clear(&memo[i]);
	}
	free(eff);
	free(memo);
	questionnaire_free(qn);
	questionnaire_free(line);
}

Test(walk, free_accepts_null)
{
	walk_free(NULL);
}

/* ---- through the session --------------------------------------------------------------- */

/* The session's walk agrees with a full evaluation of every show_if on the answers it holds,
 * after every change a front end can make. */
Test(walk, session_answers_stay_settled_after_every_change)
{
	struct content ct = { 0 };
	struct diag_list dl = { 0 };
	char *qp = test_data_path("../../questionnaires/smp-consultation.cfg");
	char *rp = test_data_path("../../questionnaires/smp-rules.cfg");
	struct session_opts o = { .consultant = true };
	struct session *s;
	struct expr_env env = { 0 };
	struct answer v;
	uint64_t state = 42;
	size_t n, k, i, q = 0;
	bool shown;

	cr_assert_eq(content_load(&ct, qp, rp, NULL, &dl), 0);
	s = session_new(&ct, &o);
	n = session_n_questions(s);
	for (k = 0; k < 400; k++) {
		q = pick(&state, 3) == 0 ? pick(&state, n) : session_next(s, (q + 1) % n, false);
		if (q >= n || ct.qn->questions[q].type == QTYPE_INFO)
			continue;
		if (pick(&state, 5) == 0 && !ct.qn->questions[q].required) {
			cr_assert_eq(session_skip(s, q), ANSWER_OK);
		} else {
			random_answer(&state, &ct.qn->questions[q], &v);
			cr_assert_eq(session_set(s, q, &v), ANSWER_OK);
			answer_clear(&v);
		}
		env.answers = session_answers(s)->eff;
		for (i = 0; i < n; i++) {
			shown = ct.qn->questions[i].show_if == NULL ||
			    expr_eval(ct.qn->questions[i].show_if, &env);
			cr_assert_eq(session_asked(s, i), shown, "step %zu: %s", k,
			    ct.qn->questions[i].id);
			cr_assert(shown || session_answer(s, i)->kind == ANSWER_ABSENT,
			    "step %zu: %s answered but not shown", k, ct.qn->questions[i].id);
		}
	}
	session_free(s);
	content_free(&ct);
	diag_clear(&dl);
	free(qp);
	free(rp);
}
