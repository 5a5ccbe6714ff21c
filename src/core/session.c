/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "smpscreen/answers.h"
#include "smpscreen/draft.h"
#include "smpscreen/i18n.h"
#include "smpscreen/safefile.h"
#include "smpscreen/text.h"
#include "smpscreen/session.h"
#include "smpscreen/xalloc.h"
#include "session_int.h"
#include "walk.h"

static size_t
nq(const struct session *s)
{
	return s->ct->qn->n_questions;
}

struct session *
session_new(const struct content *ct, const struct session_opts *o)
{
	struct session *s = xcalloc(1, sizeof *s);
	size_t n = ct->qn->n_questions ? ct->qn->n_questions : 1;

	s->ct = ct;
	s->consultant = o->consultant;
	s->today = o->today;
	s->save_dir = xstrdup(o->save_dir);
	s->draft_dir = xstrdup(o->draft_dir);
	s->a = answers_new(ct->qn);
	answers_meta_set(&s->a->meta.mode, o->mode);
	answers_meta_set(&s->a->meta.consultant, o->consultant_name);
	s->memo = xcalloc(n, sizeof *s->memo);
	s->trail = xcalloc(n, sizeof *s->trail);
	s->walk = walk_new(ct->qn, s->a->eff, s->memo, s->consultant);
	s->report.secret = true;
	return s;
}

void
session_free(struct session *s)
{
	size_t i;

	if (s == NULL)
		return;
	session_review_free(s);
	for (i = 0; i < nq(s); i++)
		answer_clear(&s->memo[i]);
	free(s->memo);
	explicit_bzero(s->trail, nq(s) * sizeof *s->trail);
	free(s->trail);
	walk_free(s->walk);
	answers_free(s->a);
	outcome_free(s->oc);
	sb_free(&s->report);
	free(s->save_dir);
	/* Waiting for a later consultation; the lock goes, so that one can take it. */
	draft_release(s->draft);
	free(s->draft_dir);
	free(s->draft_problem);
	free(s->answers_path);
	free(s->report_path);
	explicit_bzero(s, sizeof *s);
	free(s);
}

const struct questionnaire *
session_questionnaire(const struct session *s)
{
	return s->ct->qn;
}

const struct ctext *
session_text(const struct session *s)
{
	return s->ct->tx;
}

size_t
session_n_questions(const struct session *s)
{
	return nq(s);
}

/* --- the walk ---------------------------------------------------------------------------- */

bool
session_asked(const struct session *s, size_t q)
{
	return walk_asked(s->walk, q);
}

/* Puts aside the answers of questions no longer shown and restores those shown again, every
 * question evaluated again: for answers replaced wholesale. */
void
session_settle(struct session *s)
{
	walk_settle_all(s->walk);
}

size_t
session_next(struct session *s, size_t from, bool only_missing)
{
	return walk_next(s->walk, from, only_missing);
}

size_t
session_advance(struct session *s, size_t q, bool only_missing)
{
	if (s->n_trail < nq(s))
		s->trail[s->n_trail++] = q;
	return session_next(s, only_missing ? 0 : q + 1, only_missing);
}

size_t
session_back(struct session *s)
{
	return s->n_trail > 0 ? s->trail[--s->n_trail] : nq(s);
}

size_t
session_previous(const struct session *s, size_t q)
{
	return walk_previous(s->walk, q);
}

void
session_clear_trail(struct session *s)
{
	s->n_trail = 0;
}

size_t
session_number(const struct session *s, size_t q)
{
	return walk_number(s->walk, q);
}

/*
 * The questions from q on that are not answered yet are open: they may get any answer, so a
 * question whose show_if depends on one counts as possibly asked. The total is therefore the
 * most the consultation can still ask; it only falls as the answers come in, so the patient
 * never sees it grow. The walk keeps the count between calls (a cache: the session itself does
 * not change), so a key costs what it changed, not the whole questionnaire.
 */
size_t
session_progress(const struct session *s, size_t q, bool *settled)
{
	return walk_progress(s->walk, q, settled);
}

/* --- answers ----------------------------------------------------------------------------- */

const struct answer *
session_answer(const struct session *s, size_t q)
{
	return &s->a->eff[q];
}

/* Keeps the answers so far after every change: a dropped connection loses nothing. The
 * consultation's own draft is claimed at its first change: one that never changes anything
 * leaves nothing behind. */
static void
keep_draft(struct session *s)
{
	char *cause = NULL;

	free(s->draft_problem);
	s->draft_problem = NULL;
	if (s->draft_dir == NULL)
		return;
	/* Answered without continuing or deleting the draft on offer: it stays for later. */
	if (s->offering) {
		draft_release(s->draft);
		s->draft = NULL;
		s->offering = false;
	}
	if (s->draft == NULL && (s->draft = draft_new(s->draft_dir, &cause)) == NULL) {
		s->draft_problem = cause;
		return;
	}
	if (answers_save(s->a, draft_path(s->draft), &cause) != 0)
		s->draft_problem = cause;
}

/* Whatever was computed from the answers is out of date: the outcome, the report rendered
 * by session_finish (saving waits for the next), and what was saved (it can be saved again,
 * in place of the files it replaces). */
void
session_outdated(struct session *s)
{
	outcome_free(s->oc);
	s->oc = NULL;
	s->finished = false;
	s->saved = false;
}

/* The answer to q was replaced. */
static void
changed(struct session *s, size_t q)
{
	session_outdated(s);
	walk_changed(s->walk, q);
	keep_draft(s);
}

enum answer_error
session_set(struct session *s, size_t q, const struct answer *v)
{
	enum answer_error e = answer_check(&s->ct->qn->questions[q], v);

	if (e != ANSWER_OK)
		return e;
	answers_set(s->a, q, v);
	changed(s, q);
	return ANSWER_OK;
}

enum answer_error
session_type(struct session *s, size_t q, const char *typed)
{
	struct answer v = { 0 };
	enum answer_error e = answer_parse(&s->ct->qn->questions[q], typed, &v);

	if (e == ANSWER_OK)
		e = session_set(s, q, &v);
	answer_clear(&v);
	return e;
}

enum answer_error
session_skip(struct session *s, size_t q)
{
	if (s->ct->qn->questions[q].required)
		return ANSWER_ERR_EMPTY;
	if (s->a->eff[q].kind != ANSWER_ABSENT) {
		answer_clear(&s->a->eff[q]);
		changed(s, q);
	}
	return ANSWER_OK;
}

const char *
session_draft_problem(const struct session *s)
{
	return s->draft_problem;
}

/* --- the review -------------------------------------------------------------------------- */

size_t
session_review(const struct session *s, struct review_item *items)
{
	size_t i, n = 0, number = 0;
	bool asked;

	/* Numbered in the same pass as session_number counts, so that a whole review costs one
	 * walk over the show_ifs, not one per row. */
	for (i = 0; i < nq(s); i++) {
		if (s->ct->qn->questions[i].type == QTYPE_INFO)
			continue;
		asked = session_asked(s, i);
		number += asked;
		/* Answers put aside are listed too, so that nobody wonders where they went. */
		if (s->a->eff[i].kind != ANSWER_ABSENT)
			items[n++] = (struct review_item){ i, REVIEW_ANSWERED, &s->a->eff[i],
				asked ? number : 0 };
		else if (asked)
			items[n++] =
			    (struct review_item){ i, REVIEW_MISSING, &s->a->eff[i], number };
		else if (s->memo[i].kind != ANSWER_ABSENT)
			items[n++] = (struct review_item){ i, REVIEW_DROPPED, &s->memo[i], 0 };
	}
	return n;
}

/* --- the draft --------------------------------------------------------------------------- */

bool
session_keeps_drafts(const struct session *s)
{
	return s->draft_dir != NULL;
}

bool
session_draft_waiting(struct session *s)
{
	if (!s->looked && s->draft_dir != NULL && s->draft == NULL) {
		s->draft = draft_take_latest(s->draft_dir);
		s->offering = s->draft != NULL;
	}
	s->looked = true;
	return s->offering;
}

/* Holds the draft at path (NULL: the one on offer) as this consultation's own, in place of
 * any draft it had: its answers are about to be replaced. 0, or -1 with the problem in dl. */
static int
take_draft(struct session *s, const char *path, struct diag_list *dl)
{
	struct draft *d;
	char *cause = NULL;

	if (path == NULL) {
		s->offering = false;
		return 0;
	}
	if ((d = draft_take(path, &cause)) == NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, "%s", cause);
		free(cause);
		return -1;
	}
	draft_delete(s->draft);
	s->draft = d;
	s->offering = false;
	return 0;
}

int
session_resume(struct session *s, const char *path, struct diag_list *dl)
{
	struct answers *draft = NULL;
	size_t i;

	if (path == NULL && !s->offering) {
		diag_add(dl, DIAG_ERROR, NULL, 0, "%s", _("there is no draft to continue"));
		return -1;
	}
	/* A draft of the folder is continued, not copied: it becomes this consultation's,
	 * so that it is not offered again beside the one that continues it. */
	if ((path == NULL || (s->draft_dir != NULL && draft_in(s->draft_dir, path))) &&
	    take_draft(s, path, dl) != 0)
		return -1;
	if (answers_load_draft(&draft, path != NULL ? path : draft_path(s->draft), s->ct->qn, dl) !=
	    0)
		return -1;
	/* The draft's answers replace all of this consultation's, those put aside included,
	 * and the way back led through answers that are gone. */
	for (i = 0; i < nq(s); i++) {
		answers_set(s->a, i, &draft->eff[i]);
		answer_clear(&s->memo[i]);
	}
	/* Who the client is came with the draft; how and by whom this consultation is taken
	 * is this session's. */
	answers_meta_set(&s->a->meta.client_name, draft->meta.client_name);
	answers_meta_set(&s->a->meta.client_reference, draft->meta.client_reference);
	answers_meta_set(&s->a->meta.client_date_of_birth, draft->meta.client_date_of_birth);
	answers_free(draft);
	session_clear_trail(s);
	session_outdated(s);
	session_settle(s);
	return 0;
}

bool
session_draft_kept(const struct session *s)
{
	return !s->saved && s->draft != NULL && draft_exists(s->draft);
}

const char *
session_draft_path(const struct session *s)
{
	return s->draft != NULL ? draft_path(s->draft) : NULL;
}

void
session_discard_draft(struct session *s)
{
	draft_delete(s->draft);
	s->draft = NULL;
	s->offering = false;
}

/* --- the result -------------------------------------------------------------------------- */

bool
session_complete(struct session *s)
{
	return session_next(s, 0, true) == nq(s);
}

void
session_set_today(struct session *s, struct date today)
{
	s->today = today;
	/* Come-back dates count from it. */
	outcome_free(s->oc);
	s->oc = NULL;
}

const struct outcome *
session_outcome(struct session *s)
{
	if (s->oc == NULL)
		s->oc = outcome_compute(s->ct->rs, s->a, &s->ct->st, s->today);
	return s->oc;
}

/* One stem for both files, "DIR/smpscreen-DATE-HHMMSS[.NN]", taken by neither yet. The
 * number of a second consultation in the same second sorts after the first ('.' > '-'),
 * so that a folder listed by name is in the order the consultations were saved. */
static char *
fresh_stem(const struct session *s)
{
	char date[11], *stem = NULL, *a = NULL, *r = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int n;

	localtime_r(&now, &tm);
	date_format(s->today, date);
	for (n = 1; n < 1000; n++) {
		free(stem);
		free(a);
		free(r);
		if (n == 1)
			stem = xasprintf("%s/smpscreen-%s-%02d%02d%02d", s->save_dir, date,
			    tm.tm_hour, tm.tm_min, tm.tm_sec);
		else
			stem = xasprintf("%s/smpscreen-%s-%02d%02d%02d.%02d", s->save_dir, date,
			    tm.tm_hour, tm.tm_min, tm.tm_sec, n);
		a = xasprintf("%s-answers.cfg", stem);
		r = xasprintf("%s-report.txt", stem);
		if (access(a, F_OK) != 0 && access(r, F_OK) != 0)
			break;
	}
	free(a);
	free(r);
	return stem;
}

/* Appends one copy of the report of the answers so far. */
static void
render_copy(struct session *s, const struct report_opts *opts, struct strbuf *out,
    struct report_toc *toc)
{
	struct report_input in = { .qn = s->ct->qn,
		.rs = s->ct->rs,
		.tx = s->ct->tx,
		.st = &s->ct->st,
		.ans = s->a,
		.oc = session_outcome(s),
		.answers_path = s->answers_path };

	report_write_text_toc(out, &in, opts, toc);
}

/* The saved report is the clinic record, in printed pages; a screen shows the patient's
 * copy, unless the consultant runs the consultation. */
static void
render(struct session *s, size_t width, bool ascii, bool saved, struct strbuf *out,
    struct report_toc *toc)
{
	struct report_opts opts = { .ascii = ascii,
		.width = width,
		.copy = saved || s->consultant ? REPORT_COPY_CLINIC : REPORT_COPY_PATIENT,
		.page_lines = saved ? REPORT_PAGE_LINES : 0 };

	render_copy(s, &opts, out, toc);
}

/* Chooses a stem no file has yet for both paths. */
static void
choose_paths(struct session *s)
{
	char *stem = fresh_stem(s);

	free(s->answers_path);
	free(s->report_path);
	s->answers_path = xasprintf("%s-answers.cfg", stem);
	s->report_path = xasprintf("%s-report.txt", stem);
	free(stem);
}

static void stamp_content(struct session *s);

void
session_time_at(time_t t, char at[32])
{
	char off[8];
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(at, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	/* %z is "+0100"; the record says "+01:00" (RFC 3339). */
	strftime(off, sizeof off, "%z", &tm);
	snprintf(at + strlen(at), 32 - strlen(at), "%.3s:%.2s", off, off + 3);
}

/* The record's id and time, once per consultation that is saved: "YYYYMMDD-HHMMSS-xxxxxxxx"
 * (local time, 32 random bits so that two kiosks or workstations in one second differ: the
 * id is the key of every export) and the local time with its UTC offset. */
void
session_record_id(time_t now, char id[32])
{
	uint32_t r = 0;
	struct tm tm;

	localtime_r(&now, &tm);
	/* Blocking: only a kiosk started in the first seconds of a boot can wait here, and not
	 * for long. */
	if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
		r = (unsigned short)(now ^ getpid());
	strftime(id, 32, "%Y%m%d-%H%M%S", &tm);
	snprintf(id + strlen(id), 32 - strlen(id), "-%08" PRIx32, r);
}

static void
stamp_record(struct session *s)
{
	char id[32], at[32];
	time_t now = time(NULL);

	/* Not saved, not a record: nobody could look the id up. */
	if (s->a->meta.record_id != NULL || s->save_dir == NULL)
		return;
	session_record_id(now, id);
	session_time_at(now, at);
	answers_meta_set(&s->a->meta.record_id, id);
	answers_meta_set(&s->a->meta.created_at, at);
	stamp_content(s);
}

/* What the answers are screened under, so that a screening under changed content can say
 * so (a review screens them again, under the content in use). */
static void
stamp_content(struct session *s)
{
	s->a->meta.questionnaire_version = s->ct->qn->version;
	answers_meta_set(&s->a->meta.questionnaire_sha256, s->ct->qn->sha256);
	/* An id the answers reader would refuse would make the record unreadable: left out. */
	answers_meta_set(&s->a->meta.rules_id,
	    answers_meta_ok(s->ct->rs->id) ? s->ct->rs->id : NULL);
	s->a->meta.rules_version = s->ct->rs->version;
	answers_meta_set(&s->a->meta.rules_sha256, s->ct->rs->sha256);
}

const char *
session_set_client(struct session *s, const char *name, const char *reference,
    const char *date_of_birth)
{
	struct date d;
	const char *fields[3] = { name, reference, date_of_birth };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (fields[i] != NULL && fields[i][strspn(fields[i], " ")] == '\0')
			fields[i] = NULL; /* blank: not given */
		if (fields[i] != NULL &&
		    (strlen(fields[i]) > 200 || !text_is_clean(fields[i], false)))
			return _("at most 200 characters on one line, please");
	}
	name = fields[0], reference = fields[1], date_of_birth = fields[2];
	if (date_of_birth != NULL && date_parse(date_of_birth, &d) != 0)
		return _("the date of birth must be a date as YYYY-MM-DD");
	if (date_of_birth != NULL && date_compare(d, s->today) > 0)
		return _("the date of birth cannot be after today");
	answers_meta_set(&s->a->meta.client_name, name);
	answers_meta_set(&s->a->meta.client_reference, reference);
	answers_meta_set(&s->a->meta.client_date_of_birth, date_of_birth);
	keep_draft(s);
	return NULL;
}

const struct answers *
session_answers(const struct session *s)
{
	return s->a;
}

void
session_finish(struct session *s, bool ascii)
{
	if (s->rv != NULL) {
		stamp_content(s);
		session_review_finish(s);
	} else
		stamp_record(s);
	/* The report names the answers file, exactly as `smpscreen screen` on it would. */
	if (s->save_dir != NULL && s->answers_path == NULL)
		choose_paths(s);
	s->ascii = ascii;
	sb_reset(&s->report);
	render(s, SAVED_WIDTH, ascii, true, &s->report, NULL);
	s->finished = true;
}

/* Creates path, which must not exist yet: 0 when it is ours now, -1 with errno. */
static int
create_new(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd == -1)
		return -1;
	close(fd);
	return 0;
}

/*
 * The names were chosen at session_finish, free then; another consultation finishing in
 * the same second, or another workstation, may have taken them since. Both files are created
 * exclusively before anything is written, so that nobody's files are ever replaced; taken
 * names are chosen again and the report, which names its answers file, rendered again.
 */
static int
claim_paths(struct session *s, char **cause)
{
	int tries, error;

	for (tries = 0; tries < 100; tries++) {
		if (create_new(s->answers_path) == 0) {
			if (create_new(s->report_path) == 0) {
				s->claimed = true;
				return 0;
			}
			error = errno;
			unlink(s->answers_path);
			if (error != EEXIST) {
				*cause = xasprintf(_("cannot write %s: %s"), s->report_path,
				    strerror(error));
				return -1;
			}
		} else if (errno != EEXIST) {
			*cause =
			    xasprintf(_("cannot write %s: %s"), s->answers_path, strerror(errno));
			return -1;
		}
		choose_paths(s);
		sb_reset(&s->report);
		render(s, SAVED_WIDTH, s->ascii, true, &s->report, NULL);
	}
	*cause = xasprintf(_("cannot write %s: %s"), s->answers_path, strerror(EEXIST));
	return -1;
}

bool
session_finished(const struct session *s)
{
	return s->finished;
}

const char *
session_report(const struct session *s)
{
	return sb_str(&s->report);
}

void
session_render_copy(struct session *s, enum report_copy copy, size_t width, bool ascii,
    struct strbuf *out)
{
	struct report_opts opts = { .ascii = ascii, .width = width, .copy = copy };

	render_copy(s, &opts, out, NULL);
}

void
session_render(struct session *s, size_t width, bool ascii, struct strbuf *out,
    struct report_toc *toc)
{
	render(s, width, ascii, false, out, toc);
}

const char *
session_answers_path(const struct session *s)
{
	return s->answers_path;
}

const char *
session_report_path(const struct session *s)
{
	return s->report_path;
}

int
session_save(struct session *s, char **cause)
{
	/* Files this session created; never the file a review opened. */
	bool fresh = !s->claimed && s->rv == NULL;

	if (s->saved)
		return 0;
	if (!s->finished || s->answers_path == NULL) {
		*cause = xstrdup(
		    s->finished ? _("saving is off") : _("the consultation is not finished"));
		return -1;
	}
	/* A review saves over the file it opened, which must still be as it was opened. */
	if (s->rv != NULL ? session_review_check_unchanged(s, cause) != 0 :
	                    !s->claimed && claim_paths(s, cause) != 0)
		return -1;
	if (answers_save(s->a, s->answers_path, cause) != 0)
		goto failed;
	/* The file holds this review now, whatever becomes of the report: a second try must
	 * not take this session's own save for someone else's. */
	if (s->rv != NULL)
		session_review_saved(s);
	if (safefile_write(s->report_path, s->report.buf, s->report.len, cause) != 0)
		goto failed;
	s->saved = true;
	session_discard_draft(s);
	return 0;
failed:
	/* Neither half of a consultation stays behind (the draft still has it); files saved
	 * before a change stay as they were saved. */
	if (fresh) {
		unlink(s->answers_path);
		unlink(s->report_path);
		s->claimed = false;
	}
	return -1;
}

bool
session_saved(const struct session *s)
{
	return s->saved;
}
