/* SPDX-License-Identifier: ISC */
/*
 * A consultant's review of a saved consultation, on the session seam: the saved answers are
 * the session's answers, the consultant confirms or changes them, and every change carries a
 * reason. What the file held when it was opened stays aside, untouched, as what was reported;
 * review_build turns the difference, the reasons and a decision into the review group of the
 * answers file. The result is computed from the answers as they now are, as `screen` of the
 * saved file will compute it; the consultant's decision never replaces it.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "session_int.h"
#include "sha256.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/rules.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

struct session_review {
	char *path;              /* the file under review */
	char sha256[65];         /* of its bytes when opened, or when this review last saved it */
	struct answers *opened;  /* the file as opened: its record and earlier reviews */
	struct answer *reported; /* per question: the answer as the file gave it, whether its
	                          * question is shown or not (then it was never used) */
	char *by;                /* the reviewing consultant; NULL until known */
	char **reasons;          /* per question: why it was changed; NULL: not said */
	char **times;            /* per question: when the reason was given */
	struct review_decision decision; /* this review's own; .set false: none */
	bool saved_once;                 /* this review has written the file */
};

static size_t
nq(const struct session *s)
{
	return s->ct->qn->n_questions;
}

/* Frees a string that may hold what a consultant wrote about a patient. */
static void
wipe(char *p)
{
	if (p != NULL)
		explicit_bzero(p, strlen(p));
	free(p);
}

static void
wipe_decision(struct review_decision *d)
{
	wipe(d->reason);
	wipe(d->at);
	wipe(d->by);
	memset(d, 0, sizeof *d);
}

void
session_review_free(struct session *s)
{
	struct session_review *rv = s->rv;
	size_t i;

	if (rv == NULL)
		return;
	for (i = 0; i < nq(s); i++) {
		wipe(rv->reasons[i]);
		wipe(rv->times[i]);
		answer_clear(&rv->reported[i]);
	}
	free(rv->reported);
	free(rv->reasons);
	free(rv->times);
	wipe_decision(&rv->decision);
	answers_free(rv->opened);
	wipe(rv->by);
	free(rv->path);
	explicit_bzero(rv, sizeof *rv);
	free(rv);
	s->rv = NULL;
}

/* The record's metadata travels with it: a review is the same consultation. */
static void
copy_meta(struct answers_meta *to, const struct answers_meta *from)
{
	answers_meta_set(&to->record_id, from->record_id);
	answers_meta_set(&to->created_at, from->created_at);
	answers_meta_set(&to->mode, from->mode);
	answers_meta_set(&to->consultant, from->consultant);
	answers_meta_set(&to->client_name, from->client_name);
	answers_meta_set(&to->client_reference, from->client_reference);
	answers_meta_set(&to->client_date_of_birth, from->client_date_of_birth);
	to->questionnaire_version = from->questionnaire_version;
	answers_meta_set(&to->questionnaire_sha256, from->questionnaire_sha256);
	answers_meta_set(&to->rules_id, from->rules_id);
	to->rules_version = from->rules_version;
	answers_meta_set(&to->rules_sha256, from->rules_sha256);
}

int
session_open_review(struct session *s, const char *path, struct diag_list *dl)
{
	struct answers *a = NULL;
	struct session_review *rv;
	size_t i, n = nq(s) ? nq(s) : 1;
	/* The name the session was made with is the reviewer's (or, opening another file,
	 * the reviewer's so far); the record keeps the name of whoever took the
	 * consultation. */
	const char *by = s->rv != NULL ? s->rv->by : s->a->meta.consultant;

	if (answers_load(&a, path, s->ct->qn, dl) != 0)
		return -1;
	rv = xcalloc(1, sizeof *rv);
	rv->path = xstrdup(path);
	memcpy(rv->sha256, a->sha256, sizeof rv->sha256);
	rv->reasons = xcalloc(n, sizeof *rv->reasons);
	rv->times = xcalloc(n, sizeof *rv->times);
	rv->reported = xcalloc(n, sizeof *rv->reported);
	if (by != NULL && answers_meta_ok(by))
		rv->by = xstrdup(by);
	session_review_free(s);
	for (i = 0; i < nq(s); i++) {
		answers_set(s->a, i, &a->eff[i]);
		answer_clear(&s->memo[i]);
		answer_copy(&rv->reported[i], &a->eff[i]);
	}
	/* An answer the file holds for a question its other answers do not show was never
	 * used, but it is what the patient said: put aside, as if an earlier change had hidden
	 * it, it is listed, comes back if a change shows its question, and the record keeps
	 * it as a change. */
	for (i = 0; i < a->n_ignored; i++) {
		diag_add(dl, DIAG_WARNING, path, a->ignored[i].line,
		    _("answer to '%s' ignored: the question is not shown for these answers"),
		    a->ignored[i].id);
		if (a->ignored[i].value.kind != ANSWER_ABSENT) {
			answer_copy(&s->memo[a->ignored[i].question], &a->ignored[i].value);
			answer_copy(&rv->reported[a->ignored[i].question], &a->ignored[i].value);
		}
	}
	copy_meta(&s->a->meta, &a->meta);
	rv->opened = a;
	s->rv = rv;
	/* A review changes the file it opened, when it is saved, and nothing else: no draft
	 * (the file itself is the way back), no new record. A draft held is left waiting. */
	draft_release(s->draft);
	s->draft = NULL;
	s->offering = false;
	free(s->draft_dir);
	s->draft_dir = NULL;
	free(s->save_dir);
	s->save_dir = NULL;
	session_clear_trail(s);
	session_outdated(s);
	session_settle(s);
	return 0;
}

bool
session_reviewing(const struct session *s)
{
	return s->rv != NULL;
}

bool
session_review_saved_once(const struct session *s)
{
	return s->rv->saved_once;
}

const char *
session_review_file(const struct session *s)
{
	return s->rv != NULL ? s->rv->path : NULL;
}

const char *
session_reviewer(const struct session *s)
{
	return s->rv != NULL ? s->rv->by : NULL;
}

const char *
session_set_reviewer(struct session *s, const char *name)
{
	if (name == NULL || name[strspn(name, " ")] == '\0')
		return _("the consultant's name is needed");
	if (!answers_meta_ok(name))
		return _("at most 200 characters on one line, please");
	wipe(s->rv->by);
	s->rv->by = xstrdup(name);
	session_outdated(s);
	return NULL;
}

const struct answer *
session_reported(const struct session *s, size_t q)
{
	return &s->rv->reported[q];
}

const char *
session_reported_by(const struct session *s, size_t q)
{
	const struct review *prior = s->rv->opened->review;
	const struct review_change *c = review_change_of(prior, q);

	if (c == NULL)
		return NULL;
	return c->by != NULL ? c->by : prior->by;
}

enum reported_source
session_reported_source(const struct session *s, size_t q)
{
	if (s->rv->reported[q].kind == ANSWER_ABSENT)
		return REPORTED_NOBODY;
	if (session_reported_by(s, q) != NULL)
		return REPORTED_REVIEW;
	return s->ct->qn->questions[q].audience == AUDIENCE_CONSULTANT ? REPORTED_CONSULTANT :
	                                                                 REPORTED_PATIENT;
}

const char *
session_review_mark(const struct session *s, size_t q)
{
	if (session_review_changed(s, q))
		return review_reason_ok(s->rv->reasons[q]) ? _("  [changed]") :
		                                             _("  [changed, reason needed]");
	switch (session_reported_source(s, q)) {
	case REPORTED_PATIENT:
		return _("  [patient-reported]");
	case REPORTED_CONSULTANT:
		return _("  [recorded before]");
	case REPORTED_REVIEW:
		return _("  [earlier review]");
	case REPORTED_NOBODY:
		break;
	}
	return "";
}

bool
session_review_changed(const struct session *s, size_t q)
{
	return review_is_change(&s->ct->qn->questions[q], &s->rv->reported[q], &s->a->eff[q]);
}

const char *
session_review_reason(const struct session *s, size_t q)
{
	return s->rv->reasons[q];
}

/* Now, as a record says it. */
static char *
now_at(void)
{
	char at[32];

	session_time_at(time(NULL), at);
	return xstrdup(at);
}

/* What the reader of a record wants of a reason, said to the consultant. */
static const char *
reason_problem(const char *reason)
{
	if (reason == NULL || reason[strspn(reason, " ")] == '\0')
		return _("a reason is needed");
	if (!review_reason_ok(reason))
		return _("the reason must be one line of at least 3 words (at most 500 "
		         "characters)");
	return NULL;
}

const char *
session_set_review_reason(struct session *s, size_t q, const char *reason)
{
	const char *why = reason_problem(reason);

	if (why != NULL)
		return why;
	wipe(s->rv->reasons[q]);
	wipe(s->rv->times[q]);
	s->rv->reasons[q] = xstrdup(reason);
	s->rv->times[q] = now_at();
	session_outdated(s);
	return NULL;
}

/* An answer the file had whose question another change hides: it is put aside, and the
 * record says so (the change that hid it has the consultant's reason). */
static bool
put_aside(const struct session *s, size_t q)
{
	return s->a->eff[q].kind == ANSWER_ABSENT && s->rv->reported[q].kind != ANSWER_ABSENT &&
	    !session_asked(s, q);
}

size_t
session_review_unexplained(const struct session *s)
{
	size_t i;

	for (i = 0; i < nq(s); i++)
		if (session_review_changed(s, i) && !put_aside(s, i) &&
		    !review_reason_ok(s->rv->reasons[i]))
			return i;
	return nq(s);
}

const char *
session_review_decide(struct session *s, int level, const char *reason)
{
	const char *why;

	if (level == -1) {
		wipe_decision(&s->rv->decision);
		session_outdated(s);
		return NULL;
	}
	if (level < LEVEL_SUITABLE || level > LEVEL_UNSUITABLE)
		return _("there is no such decision");
	if ((why = reason_problem(reason)) != NULL)
		return why;
	wipe_decision(&s->rv->decision);
	s->rv->decision.set = true;
	s->rv->decision.level = level;
	s->rv->decision.reason = xstrdup(reason);
	s->rv->decision.at = now_at();
	session_outdated(s);
	return NULL;
}

const struct review_decision *
session_review_earlier_decision(const struct session *s)
{
	const struct review *prior = s->rv->opened->review;

	return prior != NULL && prior->decision.set ? &prior->decision : NULL;
}

const char *
session_review_decision_by(const struct session *s)
{
	const struct review *prior = s->rv->opened->review;

	if (s->rv->decision.set)
		return s->rv->by;
	if (prior != NULL && prior->decision.set)
		return prior->decision.by != NULL ? prior->decision.by : prior->by;
	return NULL;
}

bool
session_review_decided(const struct session *s)
{
	return s->rv->decision.set;
}

const struct review_decision *
session_review_decision(const struct session *s)
{
	const struct review *prior = s->rv->opened->review;

	if (s->rv->decision.set)
		return &s->rv->decision;
	return prior != NULL && prior->decision.set ? &prior->decision : NULL;
}

/* "...-answers.cfg" has its report in "...-report.txt", as a consultation saves them; any
 * other name gets "-report.txt" in place of ".cfg". */
static char *
report_beside(const char *path)
{
	size_t n = strlen(path);

	if (n > 12 && strcmp(path + n - 12, "-answers.cfg") == 0)
		return xasprintf("%.*s-report.txt", (int)(n - 12), path);
	if (n > 4 && strcmp(path + n - 4, ".cfg") == 0)
		return xasprintf("%.*s-report.txt", (int)(n - 4), path);
	return xasprintf("%s-report.txt", path);
}

void
session_review_finish(struct session *s)
{
	struct session_review *rv = s->rv;
	char *at = now_at();
	size_t missing, i, n = nq(s) ? nq(s) : 1;
	const char **reasons, **times;

	/* A file written by hand, or by another program, may have no id: the review makes it
	 * a record, whose id stays when the answers change (one made from the bytes would
	 * not). */
	if (s->a->meta.record_id == NULL) {
		char id[32];

		session_record_id(time(NULL), id);
		answers_meta_set(&s->a->meta.record_id, id);
	}
	/* An answer put aside gets the program's reason, whatever was said of it while it was
	 * asked: that change no longer stands. Its own words: the file did not use it either,
	 * or another change hid its question. */
	reasons = xcalloc(n, sizeof *reasons);
	times = xcalloc(n, sizeof *times);
	for (i = 0; i < nq(s); i++) {
		reasons[i] = rv->reasons[i];
		times[i] = rv->times[i];
		if (put_aside(s, i)) {
			reasons[i] = rv->opened->eff[i].kind == ANSWER_ABSENT ?
			    _("not used: its question is not shown for the other answers") :
			    _("no longer asked after another answer changed");
			times[i] = at;
		}
	}
	free(s->answers_path);
	free(s->report_path);
	s->answers_path = xstrdup(rv->path);
	s->report_path = report_beside(rv->path);
	review_free(s->a->review);
	/* NULL while a change has no reason or the name is not known: saving says so. */
	s->a->review = review_build(s->ct->qn, rv->reported, s->a->eff, reasons, times,
	    rv->opened->review, rv->by, at, rv->decision.set ? &rv->decision : NULL, &missing);
	free(reasons);
	free(times);
	free(at);
}

/* A regular file, or (may_be_missing) nothing: what a save replaces atomically. */
static int
replaceable(const char *path, bool may_be_missing, char **cause)
{
	struct stat st;
	char *shown;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		return 0;
	if (may_be_missing && errno == ENOENT)
		return 0;
	shown = text_escape_unclean(path, strlen(path));
	*cause = xasprintf(_("cannot write %s: %s"), shown,
	    errno != 0 ? strerror(errno) : _("not a regular file"));
	free(shown);
	return -1;
}

int
session_review_writable(const char *answers_path, const char *report_path, char **cause)
{
	char *report = report_path != NULL ? NULL : report_beside(answers_path);
	int rc;

	errno = 0;
	rc = replaceable(answers_path, false, cause);
	if (rc == 0) {
		errno = 0;
		rc = replaceable(report_path != NULL ? report_path : report, true, cause);
	}
	free(report);
	return rc;
}

int
session_review_check_unchanged(struct session *s, char **cause)
{
	const struct session_review *rv = s->rv;
	char hex[65], *shown;
	size_t q;

	/* A record its own reader refuses would be worse than none: the good file stays. */
	if ((q = session_next(s, 0, true)) < nq(s)) {
		*cause =
		    xasprintf(_("question %s still needs an answer"), s->ct->qn->questions[q].id);
		return -1;
	}
	if (rv->by == NULL) {
		*cause = xstrdup(_("the consultant's name is needed"));
		return -1;
	}
	if ((q = session_review_unexplained(s)) < nq(s)) {
		*cause = xasprintf(_("the change of question %s needs a reason"),
		    s->ct->qn->questions[q].id);
		return -1;
	}
	if (s->a->review == NULL) {
		*cause = xstrdup(_("the review could not be recorded"));
		return -1;
	}
	/* Both files are checked before either is written: a review must not end with the
	 * answers saved and the report refused. */
	if (session_review_writable(rv->path, s->report_path, cause) != 0)
		return -1;
	if (sha256_file_hex(rv->path, hex) != 0) {
		shown = text_escape_unclean(rv->path, strlen(rv->path));
		*cause = xasprintf(_("cannot read %s: %s"), shown, strerror(errno));
		free(shown);
		return -1;
	}
	/* Someone else saved it meanwhile (another review): theirs is not replaced. */
	if (strcmp(hex, rv->sha256) != 0) {
		shown = text_escape_unclean(rv->path, strlen(rv->path));
		*cause = xasprintf(_("%s was changed by someone else since this review opened it; "
		                     "nothing was saved (open it again to review it)"),
		    shown);
		free(shown);
		return -1;
	}
	return 0;
}

void
session_review_saved(struct session *s)
{
	char hex[65];

	s->rv->saved_once = true;
	/* What this review wrote is what a second save may replace. */
	if (sha256_file_hex(s->rv->path, hex) == 0)
		memcpy(s->rv->sha256, hex, sizeof hex);
}
