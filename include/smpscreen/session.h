/* SPDX-License-Identifier: ISC */
/* One consultation, whichever front end runs it: the answers, the walk through show_if,
 * typed answers, the review list, the draft, the outcome and its reports, saving, and wiping
 * every byte of it at the end. Front ends only draw and read input; they never touch the
 * answers but through here. No terminal, no curses. */
#ifndef SMPSCREEN_SESSION_H
#define SMPSCREEN_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answer.h"
#include "smpscreen/content.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/report.h"
#include "smpscreen/strbuf.h"

struct session;

struct session_opts {
	bool consultant;       /* ask the consultant-only questions too */
	struct date today;     /* the screening date */
	const char *save_dir;  /* where the finished consultation is saved; NULL: nowhere */
	const char *draft_dir; /* a draft is kept there after every answer (the caller checks
	                        * that the folder is private); NULL: no draft */
	const char *mode;      /* recorded with the answers: "kiosk", "home", "clinic"; NULL */
	const char *consultant_name; /* recorded with the answers; NULL: not known */
};

/* A new, empty consultation over ct (borrowed; it must outlive the session). The strings of
 * o are copied. Caller frees with session_free. */
struct session *session_new(const struct content *ct, const struct session_opts *o);
/* Zeroes every answer, typed text and report of the consultation, then frees it. Leaves a
 * draft file where it is, waiting for a later consultation. Accepts NULL. */
void session_free(struct session *s);

/* Records who the client is (each NULL: not given): metadata of the answers, never seen by
 * the rules. NULL, or what is wrong (static; nothing changed). */
const char *session_set_client(struct session *s, const char *name, const char *reference,
    const char *date_of_birth);
/* The answers so far, with their metadata (record, client); valid until the next change. */
const struct answers *session_answers(const struct session *s);
/* Changes the screening date (a kiosk's consultation is dated when the patient starts). */
void session_set_today(struct session *s, struct date today);
/* Borrowed from the content. */
const struct questionnaire *session_questionnaire(const struct session *s);
/* The questionnaire's and rules' texts in the consultation's language: what a front end
 * shows (never q->text and the like). */
const struct ctext *session_text(const struct session *s);
size_t session_n_questions(const struct session *s);

/* --- the walk --------------------------------------------------------------------------- */

/* True when question q is shown by the answers before it and meant for this audience. */
bool session_asked(const struct session *s, size_t q);
/* The first question at or after `from` that is asked and, when only_missing, still needs an
 * answer (required and unanswered); session_n_questions() when there is none. */
size_t session_next(struct session *s, size_t from, bool only_missing);
/* Leaves question q forwards (answered, kept or skipped), remembering it for
 * session_back, and returns the question to ask next, as session_next would: after q, or
 * from the start when only_missing. */
size_t session_advance(struct session *s, size_t q, bool only_missing);
/* The question left most recently, forgotten as it is returned; session_n_questions() when
 * there is none to go back to. */
size_t session_back(struct session *s);
/* The last question before q that is asked under the answers so far (display-only items
 * included, as the walk shows them); session_n_questions() when there is none. The way back
 * where none was recorded: after session_resume, or when the recorded way is used up. */
size_t session_previous(const struct session *s, size_t q);
/* Forgets the way back (a change made from the review returns to the review). */
void session_clear_trail(struct session *s);
/* The number the patient sees for q, everywhere ("question 5", "Q5."): 1 + the questions
 * asked before it under the answers so far; 0 for a display-only item or a question not
 * asked. */
size_t session_number(const struct session *s, size_t q);
/* For "question 5 of 40" at question q: the most questions the consultation can ask, given
 * the answers so far and any answers still to come to the questions from q on (so it never
 * grows as the patient goes forward). *settled is false while answers to come could still
 * lower it (say "up to"). Display-only items are not counted. */
size_t session_progress(const struct session *s, size_t q, bool *settled);

/* --- answers ---------------------------------------------------------------------------- */

/* The effective answer to q (ANSWER_ABSENT when none). Valid until the next change. */
const struct answer *session_answer(const struct session *s, size_t q);
/* Checks v against question q and, when it is right, makes it the answer (copied) and keeps
 * the draft. Answers of questions the change hides are put aside, and come back if they are
 * shown again. Returns what is wrong, leaving the answers as they were. */
enum answer_error session_set(struct session *s, size_t q, const struct answer *v);
/* As session_set for a line a person typed (answer_parse's forms). */
enum answer_error session_type(struct session *s, size_t q, const char *typed);
/* Removes the answer to q, which must be optional: ANSWER_ERR_EMPTY when it is required. */
enum answer_error session_skip(struct session *s, size_t q);
/* Why the draft could not be written after the last change, or NULL when it was. */
const char *session_draft_problem(const struct session *s);

/* --- the review ------------------------------------------------------------------------- */

enum review_state {
	REVIEW_ANSWERED, /* asked and answered */
	REVIEW_MISSING,  /* asked, no answer yet */
	REVIEW_DROPPED,  /* answered, but an earlier answer changed and it is no longer asked:
	                  * put aside, not used, restored if the question is asked again */
};

struct review_item {
	size_t q;
	enum review_state state;
	const struct answer *v; /* the answer (put aside, for REVIEW_DROPPED); borrowed */
	size_t number;          /* session_number(q): 0 for an answer put aside */
};

/* Fills items (room for session_n_questions()) with what the review lists, in questionnaire
 * order: every question asked, and every answer put aside. Returns the count. */
size_t session_review(const struct session *s, struct review_item *items);

/* --- the draft --------------------------------------------------------------------------
 *
 * Each consultation keeps its own draft in the draft folder, held (draft.h) while it runs:
 * two consultations on one account never see, replace or delete each other's. */

/* True when the consultation keeps its answers as a draft after every change (it has a
 * draft folder). */
bool session_keeps_drafts(const struct session *s);
/* Looks (once) in the draft folder for the most recent draft that no live consultation
 * holds, and holds it for this one to offer: true while there is one on offer, until
 * session_resume continues it or session_discard_draft deletes it. An answer given
 * meanwhile leaves it waiting for another time. */
bool session_draft_waiting(struct session *s);
/* Takes the answers of the draft at path, or with NULL of the draft on offer, as this
 * consultation's. A draft of the draft folder becomes this consultation's own (one that
 * another live consultation holds is refused); a file elsewhere is only read. 0, or -1 with
 * every problem in dl and the answers unchanged (a draft of the folder that cannot be read
 * is still held: the next answer replaces it). */
int session_resume(struct session *s, const char *path, struct diag_list *dl);
/* True when the consultation was not saved and the draft it holds is there: its answers so
 * far (or the draft it offers, left as it was) are kept for later. */
bool session_draft_kept(const struct session *s);
/* The draft the consultation holds (its own once its answers were first kept, or the one
 * it continues; before it begins, the one it offers), or NULL. */
const char *session_draft_path(const struct session *s);
/* Deletes the draft the consultation holds (finished or abandoned; or "start again" over
 * the draft on offer), never another's. */
void session_discard_draft(struct session *s);

/* --- the result ------------------------------------------------------------------------- */

/* True when every asked, required question has an answer. */
bool session_complete(struct session *s);
/* The outcome of the answers so far, computed once per change; owned by the session. */
const struct outcome *session_outcome(struct session *s);
/* Ends the questions: when it is saved at all, gives the consultation its record id and
 * time (once) and chooses where it will be saved; renders the report as saved (72 columns;
 * ascii as given). */
void session_finish(struct session *s, bool ascii);
/* True when session_finish has run since the answers last changed: the result a front end
 * shows is the result of the answers as they are. */
bool session_finished(const struct session *s);
/* The clinic record session_finish rendered (what is saved, in printed pages); "" before. */
const char *session_report(const struct session *s);
/* Appends the report for a screen, laid out for width columns, with its sections in toc:
 * the patient's copy, or the clinic record when the consultant runs the consultation. */
void session_render(struct session *s, size_t width, bool ascii, struct strbuf *out,
    struct report_toc *toc);
/* Appends the given copy laid out for width columns, whoever runs the consultation (the
 * patient's copy a patient keeps, even from a consultant's session). */
void session_render_copy(struct session *s, enum report_copy copy, size_t width, bool ascii,
    struct strbuf *out);
/* Where session_finish chose to save, or NULL when the consultation is not saved. */
const char *session_answers_path(const struct session *s);
const char *session_report_path(const struct session *s);
/* Writes the answers and the report, each 0600 and atomically, and removes the draft.
 * 0, or -1 with *cause (caller frees). Saving twice writes once. */
int session_save(struct session *s, char **cause);
/* True once session_save has succeeded. */
bool session_saved(const struct session *s);

/* --- a consultant's review of a saved consultation ---------------------------------------
 *
 * The session holds the saved answers, which the consultant confirms or changes; every
 * change needs a reason. The answers as opened are "reported" (by the patient, or by an
 * earlier review); session_finish builds the review (review_build) into the answers, and
 * session_save writes over the file opened, with the clinic record beside it, refusing
 * when someone else changed the file meanwhile. The computed result is never overwritten:
 * the consultant's own decision is kept beside it. A review keeps no draft. */

/* Opens the saved answers at path for review in s, a new session (opened with consultant
 * set): its answers, its record and its earlier review. 0 (with a warning in dl for each
 * answer the file holds for a question it does not show: put aside, kept in the record),
 * or -1 with every problem in dl and s unchanged. */
int session_open_review(struct session *s, const char *path, struct diag_list *dl);
/* 0 when a review of answers_path could save: it and its report (report_path, or NULL for
 * the one beside it) are regular files, the report may be missing; else -1 with *cause
 * (caller frees). A symbolic link is refused, as saving would refuse it. */
int session_review_writable(const char *answers_path, const char *report_path, char **cause);
/* True when s reviews a saved consultation. The functions below, but session_open_review,
 * are only for a session that does. */
bool session_reviewing(const struct session *s);
/* True once this review has saved the file: quitting later loses only what changed since. */
bool session_review_saved_once(const struct session *s);
/* The file under review. */
const char *session_review_file(const struct session *s);
/* The reviewing consultant's name, or NULL while it is not known. */
const char *session_reviewer(const struct session *s);
/* Sets the reviewing consultant's name: NULL, or what is wrong with it (static). */
const char *session_set_reviewer(struct session *s, const char *name);
/* The answer to q as the file held it when opened (ANSWER_ABSENT: none), also when the
 * file's other answers do not show q (it was never used, and is put aside). */
const struct answer *session_reported(const struct session *s, size_t q);
/* Who gave the answer to q as opened: nobody (there is none), the patient, a consultant
 * (a consultant-only question, answered when the consultation was taken: nobody's name is
 * on it) or an earlier review (session_reported_by names its consultant). */
enum reported_source { REPORTED_NOBODY, REPORTED_PATIENT, REPORTED_CONSULTANT, REPORTED_REVIEW };
enum reported_source session_reported_source(const struct session *s, size_t q);
/* Who gave the answer to q as opened: NULL for the patient, else the consultant of an
 * earlier review who recorded it. */
const char *session_reported_by(const struct session *s, size_t q);
/* True when the answer to q now differs from the one opened: a change that needs a
 * reason. Answers of consultant-only questions the file did not have are not changes. */
bool session_review_changed(const struct session *s, size_t q);
/* The mark a review list puts after the answer to q, in the program's language, with its
 * leading spaces: "  [changed]", "  [changed, reason needed]", "  [patient-reported]",
 * "  [recorded before]", "  [earlier review]", or "" (no answer was reported). */
const char *session_review_mark(const struct session *s, size_t q);
/* The reason given for the change of q, or NULL. */
const char *session_review_reason(const struct session *s, size_t q);
/* Records why q was changed (sanitised by the caller; one line, REVIEW_MIN_WORDS words or
 * more): NULL, or what is wrong (static; nothing changed). */
const char *session_set_review_reason(struct session *s, size_t q, const char *reason);
/* The first changed question without a reason, or session_n_questions() when every
 * change has one (saving needs that). */
size_t session_review_unexplained(const struct session *s);
/* Records the consultant's own decision (level: enum level of rules.h) and why; level -1
 * removes it (the computed result stands alone). NULL, or what is wrong (static). */
const char *session_review_decide(struct session *s, int level, const char *reason);
/* The decision of an earlier review, which stands unless this review makes its own; NULL
 * when none. */
const struct review_decision *session_review_earlier_decision(const struct session *s);
/* Who made session_review_decision(): this review's consultant or an earlier one; NULL
 * when there is no decision (or this review's consultant is not known yet). */
const char *session_review_decision_by(const struct session *s);
/* True when this review has a decision of its own (an earlier review's may stand else). */
bool session_review_decided(const struct session *s);
/* The consultant's decision: this review's, else an earlier review's; NULL when none. A
 * review can replace an earlier decision with its own, never erase it. */
const struct review_decision *session_review_decision(const struct session *s);

#endif
