/* SPDX-License-Identifier: ISC */
/* What session.c shares with session_review.c, the consultant's review of a saved
 * consultation: the session itself and the steps every change goes through. Private to the
 * core. */
#ifndef SMPSCREEN_SESSION_INT_H
#define SMPSCREEN_SESSION_INT_H

#include <time.h>

#include "smpscreen/draft.h"
#include "smpscreen/review.h"
#include "smpscreen/session.h"

struct walk;

/* The report as it is saved and printed, whatever the screen. */
#define SAVED_WIDTH 72

struct session {
	const struct content *ct;
	bool consultant;
	struct date today;
	char *save_dir;
	char *draft_dir;     /* where drafts are kept (private, checked by the caller); NULL */
	struct draft *draft; /* the draft held: this consultation's own, or the one it offers */
	bool offering;       /* draft is a waiting draft offered, not continued (yet) */
	bool looked;         /* the draft folder was looked in for a waiting draft */

	struct answers *a;   /* the effective answers so far */
	struct answer *memo; /* answers of questions hidden again, restored if shown again */
	size_t *trail;       /* questions left forwards, most recent last, for going back */
	size_t n_trail;
	struct walk *walk; /* what is shown, numbered and missing under a and memo */

	char *draft_problem;

	struct outcome *oc; /* NULL when an answer changed since it was computed */
	struct strbuf report;
	bool finished, ascii;
	char *answers_path, *report_path;
	bool claimed; /* both paths were created by this session: ours to write */
	bool saved;

	struct session_review *rv; /* reviewing a saved consultation; NULL otherwise */
};

/* t as a record says it: "YYYY-MM-DDTHH:MM:SS+HH:MM", local time. */
void session_time_at(time_t t, char at[32]);
/* A new record id for a consultation saved at now: "YYYYMMDD-HHMMSS-xxxxxxxx". */
void session_record_id(time_t now, char id[32]);
/* Whatever was computed from the answers is out of date. */
void session_outdated(struct session *s);
/* Puts aside the answers of questions no longer shown and restores those shown again. */
void session_settle(struct session *s);

/* session_review.c: the review's part of session_finish (where it is saved, the review
 * group built from the reasons) and of session_save (the file is still the one opened),
 * and its end. */
void session_review_finish(struct session *s);
int session_review_check_unchanged(struct session *s, char **cause);
void session_review_saved(struct session *s);
void session_review_free(struct session *s);

#endif
