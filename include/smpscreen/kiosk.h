/* SPDX-License-Identifier: ISC */
/*
 * The clinic kiosk: patient after patient on one terminal, all day. This module decides
 * what happens when (idle, the "are you still there?" countdown, saving, the staff PIN and
 * its lock) and wipes each patient before the next; it never draws. A front end shows the
 * page for kiosk_state(), passes on every key (kiosk_activity) and the passing of time
 * (kiosk_tick), and drops whatever it holds of a patient when kiosk_patient() changes.
 *
 * Times are milliseconds of a monotonic clock, passed in, so that the rules can be tested
 * without waiting. Nothing is ever written but the finished consultation in the report
 * directory: no draft, so a power cut loses an unfinished consultation by design.
 */
#ifndef SMPSCREEN_KIOSK_H
#define SMPSCREEN_KIOSK_H

#include <stdbool.h>

#include "smpscreen/content.h"
#include "smpscreen/date.h"
#include "smpscreen/pin.h"
#include "smpscreen/session.h"

/* How long "are you still there?" counts down before the answers are discarded. */
#define KIOSK_COUNTDOWN_SECONDS 30

enum kiosk_state {
	KIOSK_WELCOME,     /* waiting for the next patient; nothing of anyone is held */
	KIOSK_ASKING,      /* a patient is answering */
	KIOSK_STILL_THERE, /* no key for the idle time: counting down to discarding */
	KIOSK_RESULT,      /* the saved result on screen */
	KIOSK_UNSAVED,     /* the result could not be saved: it stays until staff come */
	KIOSK_THANKS,      /* "please let the staff know you have finished" */
	KIOSK_STAFF_PIN,   /* the staff PIN prompt, over whatever was on screen */
	KIOSK_STAFF_MENU,  /* the staff menu, after the right PIN */
	KIOSK_EXIT,        /* staff ended the kiosk; everything is wiped */
};

struct kiosk_opts {
	const char *report_dir; /* where finished consultations are saved (checked by the caller) */
	const char *pin_hash;   /* the staff PIN's crypt(3) hash */
	long idle_seconds;      /* the clinic's kiosk_idle_seconds */
	bool today_set;         /* screen every patient as of today (tests); else the local date
	                         * when each patient starts */
	struct date today;
	bool ascii; /* the saved report in ASCII */
};

struct kiosk;

/* A kiosk at the welcome page over ct (borrowed; it must outlive the kiosk). The strings of
 * o are copied. Caller frees with kiosk_free. */
struct kiosk *kiosk_new(const struct content *ct, const struct kiosk_opts *o, long long now);
/* Wipes the patient on hand (unsaved answers are discarded) and frees the kiosk. Accepts
 * NULL. */
void kiosk_free(struct kiosk *k);

enum kiosk_state kiosk_state(const struct kiosk *k);
/* Under the staff prompt and menu: the state they return to. Otherwise kiosk_state(). */
enum kiosk_state kiosk_underneath(const struct kiosk *k);
/* The consultation of the patient on hand (a fresh, empty one at the welcome page). */
struct session *kiosk_session(struct kiosk *k);
/* Changes whenever one patient's consultation is wiped and a new one begins: a front end
 * that sees it change drops every copy it holds (pages, typed text, screen, scrollback). */
unsigned long kiosk_patient(const struct kiosk *k);

/* A key was pressed. Returns true when the key is spent on the kiosk itself (it ended
 * "are you still there?") and must not act on the page. */
bool kiosk_activity(struct kiosk *k, long long now);
/* Time has passed: starts the countdown, discards an abandoned consultation, sends a
 * result or the thank-you page back to the welcome page, or closes a forgotten staff
 * prompt, as the idle time says. */
void kiosk_tick(struct kiosk *k, long long now);
/* True at the welcome page when no key came for the idle time: whatever a passer-by
 * changed there (the language) goes back to how staff left it. */
bool kiosk_idle_at_welcome(const struct kiosk *k, long long now);
/* Seconds left before "are you still there?" discards the answers (rounded up); 0 in any
 * other state. */
long kiosk_countdown(const struct kiosk *k, long long now);
/* Milliseconds until kiosk_tick would next change something or the countdown shows a new
 * number; -1 when only a key can (the welcome page, an unsaved result). */
long long kiosk_wait(const struct kiosk *k, long long now);

/* WELCOME -> ASKING: the patient starts; the consultation is dated today. */
void kiosk_begin(struct kiosk *k, long long now);
/* ASKING -> WELCOME: the patient chose to stop; their answers are discarded. */
void kiosk_abandon(struct kiosk *k, long long now);
/* ASKING -> RESULT, or UNSAVED when saving failed: the answers are complete; the
 * consultation is finished and saved. Returns 0 or -1. */
int kiosk_finish(struct kiosk *k, long long now);
/* Why the last save failed (UNSAVED), or NULL. */
const char *kiosk_save_problem(const struct kiosk *k);
/* RESULT -> THANKS: the patient has read the result. */
void kiosk_done(struct kiosk *k, long long now);
/* THANKS -> WELCOME: the next patient. */
void kiosk_next(struct kiosk *k, long long now);

/* Any state but EXIT -> STAFF_PIN (a prompt already open stays open). */
void kiosk_staff(struct kiosk *k, long long now);
/* STAFF_PIN: checks pin; the right one opens the menu. The caller zeroes its copy. */
enum pin_verdict kiosk_staff_pin(struct kiosk *k, const char *pin, long long now);
/* Seconds the PIN prompt stays locked after wrong PINs; 0 when it is not. */
long kiosk_staff_locked_for(const struct kiosk *k, long long now);
/* STAFF_PIN or STAFF_MENU -> what was underneath. */
void kiosk_staff_leave(struct kiosk *k, long long now);
/* STAFF_MENU over an unsaved result: tries saving again (-> RESULT on success, staying in
 * the menu otherwise). 0 or -1. */
int kiosk_staff_retry(struct kiosk *k, long long now);
/* STAFF_MENU over an unsaved result: staff discard it knowingly -> WELCOME. */
void kiosk_staff_discard(struct kiosk *k, long long now);
/* STAFF_MENU -> EXIT: the patient on hand is wiped (unsaved answers discarded). */
void kiosk_exit(struct kiosk *k);
/* The report file of the last consultation saved by this kiosk, or NULL. */
const char *kiosk_last_saved(const struct kiosk *k);
/* Consultations saved since the kiosk started. */
unsigned long kiosk_saved_count(const struct kiosk *k);

#endif
