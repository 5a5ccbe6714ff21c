/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "smpscreen/xalloc.h"
#include "walk.h"

/*
 * A show_if names only questions before its own, so the answers a show_if reads are known at
 * load: the questions that read q's answer (its dependants) are listed once per walk. When an
 * answer changes, only its dependants are evaluated again; one whose answer comes or goes
 * (put aside, or restored) passes the change on to its own. They are taken smallest index
 * first from a heap, so each is evaluated once, after every question it reads: the order of
 * a full pass, restricted to what can differ. A full pass over every show_if on every key
 * cost the whole questionnaire, however little an answer touched.
 *
 * The counts a screen shows ("question 5", the required questions still missing) are kept in
 * Fenwick trees, updated as a question is shown or hidden, answered or not: O(log n) a
 * question, never a walk from the first question.
 */

/* st[] flags, one byte a question. */
enum {
	ST_SHOWN = 1,    /* show_if holds for the answers */
	ST_QUEUED = 2,   /* in the heap */
	ST_NUMBERED = 4, /* counted in numbered: asked, not a display-only item */
	ST_MISSING = 8,  /* counted in missing: asked, required, unanswered */
	ST_PENDING = 16, /* in pend: its answer changed since the progress was counted */
};

/* Counts over the questions, with prefix sums in O(log n). t is 1-based. */
struct fenwick {
	size_t *t;
	size_t n;
};

struct walk {
	const struct questionnaire *qn;
	struct answer *eff, *memo; /* the session's */
	bool consultant;
	size_t n;
	size_t *dep_start; /* q's dependants are dep[dep_start[q] .. dep_start[q + 1]) */
	size_t *dep;
	unsigned char *st;
	size_t *heap; /* questions to evaluate again, smallest first */
	size_t n_heap;
	struct fenwick numbered, missing;

	/* The progress count (walk_progress) as of the position pos; valid false: to be
	 * counted from scratch. */
	bool valid;
	size_t pos;
	unsigned char *open; /* unanswered from pos on, and possibly asked */
	unsigned char *tri;  /* enum expr_tri of each show_if with open questions open */
	size_t n_counted;    /* possibly asked, not display-only */
	size_t n_undecided;  /* of those, the ones that may be asked or not */
	size_t *pend;        /* answers changed since the count (ST_PENDING) */
	size_t n_pend;
	size_t evaluations; /* show_ifs evaluated so far (walk_evaluations) */
};

/* ---- the dependants ----------------------------------------------------------------- */

struct dep_build {
	struct walk *w;
	size_t q;     /* the question whose show_if is read */
	size_t *last; /* last[j] = q + 1 once q was counted as j's dependant */
	size_t *fill; /* NULL: counting; else where j's next dependant goes */
};

static void
dep_visit(size_t j, void *arg)
{
	struct dep_build *b = arg;

	/* The loader lets a show_if name only earlier questions; anything else has no order
	 * to settle in and is left out. */
	if (j >= b->q || b->last[j] == b->q + 1)
		return;
	b->last[j] = b->q + 1;
	if (b->fill == NULL)
		b->w->dep_start[j + 1]++;
	else
		b->w->dep[b->fill[j]++] = b->q;
}

/* Two passes over every show_if: count each question's dependants, then place them. A
 * dependant is listed once however often its show_if names the question, in increasing
 * order, since the questions are visited in order. */
static void
build_dependants(struct walk *w)
{
	struct dep_build b = { .w = w };
	size_t n = w->n, q, pass;

	w->dep_start = xcalloc(n + 1, sizeof *w->dep_start);
	b.last = xcalloc(n ? n : 1, sizeof *b.last);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (q = 0; q < n; q++)
				w->dep_start[q + 1] += w->dep_start[q];
			w->dep = xcalloc(w->dep_start[n] ? w->dep_start[n] : 1, sizeof *w->dep);
			b.fill = xcalloc(n ? n : 1, sizeof *b.fill);
			memcpy(b.fill, w->dep_start, n * sizeof *b.fill);
			memset(b.last, 0, n * sizeof *b.last);
		}
		for (b.q = 0; b.q < n; b.q++)
			expr_each_question(w->qn->questions[b.q].show_if, dep_visit, &b);
	}
	free(b.last);
	free(b.fill);
}

/* ---- the heap ------------------------------------------------------------------------ */

static void
push(struct walk *w, size_t q)
{
	size_t i, parent;

	if (w->st[q] & ST_QUEUED)
		return;
	w->st[q] |= ST_QUEUED;
	for (i = w->n_heap++; i > 0 && w->heap[parent = (i - 1) / 2] > q; i = parent)
		w->heap[i] = w->heap[parent];
	w->heap[i] = q;
}

static size_t
pop(struct walk *w)
{
	size_t top = w->heap[0], last = w->heap[--w->n_heap], i = 0, c;

	while ((c = 2 * i + 1) < w->n_heap) {
		if (c + 1 < w->n_heap && w->heap[c + 1] < w->heap[c])
			c++;
		if (w->heap[c] >= last)
			break;
		w->heap[i] = w->heap[c];
		i = c;
	}
	if (w->n_heap > 0)
		w->heap[i] = last;
	w->st[top] &= ~ST_QUEUED;
	return top;
}

static void
push_dependants(struct walk *w, size_t q)
{
	size_t k;

	for (k = w->dep_start[q]; k < w->dep_start[q + 1]; k++)
		push(w, w->dep[k]);
}

/* ---- counts -------------------------------------------------------------------------- */

static void
fen_init(struct fenwick *f, size_t n)
{
	f->n = n;
	f->t = xcalloc(n + 1, sizeof *f->t);
}

static void
fen_add(struct fenwick *f, size_t i, int d)
{
	for (i++; i <= f->n; i += i & -i)
		f->t[i] += (size_t)d;
}

/* How many are counted in [0, i]. */
static size_t
fen_prefix(const struct fenwick *f, size_t i)
{
	size_t s = 0;

	for (i++; i > 0; i -= i & -i)
		s += f->t[i];
	return s;
}

/* The smallest i whose prefix count reaches k (k >= 1), or n when none does. */
static size_t
fen_find(const struct fenwick *f, size_t k)
{
	size_t pos = 0, step = 1;

	while (step * 2 <= f->n)
		step *= 2;
	for (; step > 0; step /= 2)
		if (pos + step <= f->n && f->t[pos + step] < k) {
			pos += step;
			k -= f->t[pos];
		}
	return pos;
}

static bool
for_audience(const struct walk *w, size_t q)
{
	return w->qn->questions[q].audience == AUDIENCE_PATIENT || w->consultant;
}

/* Counts q as its shown flag and answer now say. */
static void
recount(struct walk *w, size_t q)
{
	const struct question *qq = &w->qn->questions[q];
	bool asked = for_audience(w, q) && (w->st[q] & ST_SHOWN) != 0;
	unsigned char now = 0;

	if (asked && qq->type != QTYPE_INFO)
		now |= ST_NUMBERED;
	if (asked && qq->required && w->eff[q].kind == ANSWER_ABSENT)
		now |= ST_MISSING;
	if ((now ^ w->st[q]) & ST_NUMBERED)
		fen_add(&w->numbered, q, now & ST_NUMBERED ? 1 : -1);
	if ((now ^ w->st[q]) & ST_MISSING)
		fen_add(&w->missing, q, now & ST_MISSING ? 1 : -1);
	w->st[q] = (unsigned char)((w->st[q] & ~(ST_NUMBERED | ST_MISSING)) | now);
}

/* ---- visibility ---------------------------------------------------------------------- */

static bool
shown_now(struct walk *w, size_t q)
{
	const struct expr *e = w->qn->questions[q].show_if;
	struct expr_env env = { .answers = w->eff, .settings = NULL };

	if (e == NULL)
		return true;
	w->evaluations++;
	return expr_eval(e, &env);
}

/* Evaluates q's show_if and puts its answer aside, or restores it, as it says; true when
 * q's effective answer came or went. */
static bool
settle_one(struct walk *w, size_t q)
{
	struct answer *eff = &w->eff[q], *memo = &w->memo[q];
	bool moved = false;

	if (shown_now(w, q)) {
		w->st[q] |= ST_SHOWN;
		if (eff->kind == ANSWER_ABSENT && memo->kind != ANSWER_ABSENT) {
			*eff = *memo;
			memset(memo, 0, sizeof *memo);
			moved = true;
		}
	} else {
		w->st[q] &= ~ST_SHOWN;
		if (eff->kind != ANSWER_ABSENT) {
			answer_clear(memo);
			*memo = *eff;
			memset(eff, 0, sizeof *eff);
			moved = true;
		}
	}
	recount(w, q);
	return moved;
}

/* q's answer changed: the progress count must see it. */
static void
note_changed(struct walk *w, size_t q)
{
	if (!w->valid || (w->st[q] & ST_PENDING))
		return;
	w->st[q] |= ST_PENDING;
	w->pend[w->n_pend++] = q;
}

struct walk *
walk_new(const struct questionnaire *qn, struct answer *eff, struct answer *memo, bool consultant)
{
	struct walk *w = xcalloc(1, sizeof *w);
	size_t n = qn->n_questions, q;

	w->qn = qn;
	w->eff = eff;
	w->memo = memo;
	w->consultant = consultant;
	w->n = n;
	build_dependants(w);
	w->st = xcalloc(n ? n : 1, 1);
	w->heap = xcalloc(n ? n : 1, sizeof *w->heap);
	w->open = xcalloc(n ? n : 1, 1);
	w->tri = xcalloc(n ? n : 1, 1);
	w->pend = xcalloc(n ? n : 1, sizeof *w->pend);
	fen_init(&w->numbered, n);
	fen_init(&w->missing, n);
	for (q = 0; q < n; q++) {
		if (shown_now(w, q))
			w->st[q] |= ST_SHOWN;
		recount(w, q);
	}
	return w;
}

/* What was shown and counted says what was answered: zeroed, as the session zeroes its way
 * back. */
static void
wipe(void *p, size_t n)
{
	explicit_bzero(p, n);
	free(p);
}

void
walk_free(struct walk *w)
{
	size_t n;

	if (w == NULL)
		return;
	n = w->n ? w->n : 1;
	free(w->dep_start);
	free(w->dep);
	wipe(w->st, n);
	wipe(w->heap, n * sizeof *w->heap);
	wipe(w->numbered.t, (w->n + 1) * sizeof *w->numbered.t);
	wipe(w->missing.t, (w->n + 1) * sizeof *w->missing.t);
	wipe(w->open, n);
	wipe(w->tri, n);
	wipe(w->pend, n * sizeof *w->pend);
	explicit_bzero(w, sizeof *w);
	free(w);
}

void
walk_settle_all(struct walk *w)
{
	size_t q;

	for (q = 0; q < w->n; q++) {
		settle_one(w, q);
		w->st[q] &= ~ST_PENDING;
	}
	w->n_pend = 0;
	w->valid = false;
}

void
walk_changed(struct walk *w, size_t q)
{
	size_t i;

	push(w, q);
	while (w->n_heap > 0) {
		i = pop(w);
		/* q's own answer changed whatever its show_if says. */
		if (settle_one(w, i) || i == q) {
			note_changed(w, i);
			push_dependants(w, i);
		}
	}
}

bool
walk_asked(const struct walk *w, size_t q)
{
	return for_audience(w, q) && (w->st[q] & ST_SHOWN) != 0;
}

size_t
walk_number(const struct walk *w, size_t q)
{
	if (q >= w->n || !(w->st[q] & ST_NUMBERED))
		return 0;
	return fen_prefix(&w->numbered, q);
}

size_t
walk_next(const struct walk *w, size_t from, bool only_missing)
{
	size_t i;

	if (from >= w->n)
		return w->n;
	if (only_missing)
		return fen_find(&w->missing,
		    (from > 0 ? fen_prefix(&w->missing, from - 1) : 0) + 1);
	for (i = from; i < w->n; i++)
		if (walk_asked(w, i))
			return i;
	return w->n;
}

size_t
walk_previous(const struct walk *w, size_t q)
{
	size_t i = q < w->n ? q : w->n;

	while (i-- > 0)
		if (walk_asked(w, i))
			return i;
	return w->n;
}

/* ---- the progress count -------------------------------------------------------------- */

/* q's show_if with the open questions open; a question not for this audience is never
 * asked. */
static enum expr_tri
tri_now(struct walk *w, size_t q)
{
	const struct expr *e = w->qn->questions[q].show_if;
	struct expr_env env = { .answers = w->eff, .settings = NULL };

	if (!for_audience(w, q))
		return EXPR_FALSE;
	if (e == NULL)
		return EXPR_TRUE;
	w->evaluations++;
	return expr_eval_open(e, &env, w->open);
}

static bool
is_open(const struct walk *w, size_t q)
{
	return w->tri[q] != EXPR_FALSE && q >= w->pos && w->eff[q].kind == ANSWER_ABSENT;
}

/* Counts q (tri[q] as it is) in or out of the totals. */
static void
count(struct walk *w, size_t q, int d)
{
	if (w->tri[q] == EXPR_FALSE || w->qn->questions[q].type == QTYPE_INFO)
		return;
	w->n_counted += (size_t)d;
	if (w->tri[q] == EXPR_OPEN)
		w->n_undecided += (size_t)d;
}

/* In order, so each show_if sees the open flags of the questions it reads. */
static void
count_all(struct walk *w, size_t pos)
{
	enum expr_tri t;
	size_t q;

	w->pos = pos;
	w->n_counted = w->n_undecided = 0;
	for (q = 0; q < w->n; q++) {
		t = tri_now(w, q);
		w->tri[q] = (unsigned char)t;
		w->open[q] = is_open(w, q);
		count(w, q, 1);
	}
	for (q = 0; q < w->n_pend; q++)
		w->st[w->pend[q]] &= ~ST_PENDING;
	w->n_pend = 0;
	w->valid = true;
}

size_t
walk_progress(struct walk *w, size_t pos, bool *settled)
{
	enum expr_tri t;
	size_t lo, hi, q, k;
	bool was_open, changed;

	if (pos > w->n)
		pos = w->n;
	if (!w->valid)
		count_all(w, pos);
	/* The questions between the old position and the new one become open or closed. */
	lo = pos < w->pos ? pos : w->pos;
	hi = pos < w->pos ? w->pos : pos;
	w->pos = pos;
	for (q = lo; q < hi; q++)
		if (w->open[q] != is_open(w, q))
			push(w, q);
	for (k = 0; k < w->n_pend; k++)
		push(w, w->pend[k]);
	w->n_pend = 0;
	while (w->n_heap > 0) {
		q = pop(w);
		was_open = w->open[q];
		count(w, q, -1);
		t = tri_now(w, q);
		w->tri[q] = (unsigned char)t;
		count(w, q, 1);
		w->open[q] = is_open(w, q);
		/* A show_if reads the answers and the open flags of the questions it names. */
		changed = was_open != w->open[q] || (w->st[q] & ST_PENDING);
		w->st[q] &= ~ST_PENDING;
		if (changed)
			push_dependants(w, q);
	}
	*settled = w->n_undecided == 0;
	return w->n_counted;
}

size_t
walk_evaluations(const struct walk *w)
{
	return w->evaluations;
}
