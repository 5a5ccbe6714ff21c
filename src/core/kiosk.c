/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "smpscreen/kiosk.h"
#include "smpscreen/xalloc.h"

struct kiosk {
	const struct content *ct;
	char *report_dir;
	char *pin_hash;
	long long idle_ms;
	bool today_set;
	struct date today;
	bool ascii;

	enum kiosk_state state;
	enum kiosk_state under; /* what the staff prompt and menu return to */
	struct session *s;
	unsigned long patient;
	long long last_key;  /* when the idle time started */
	long long countdown; /* when "are you still there?" appeared */
	char *problem;       /* why the last save failed */
	struct pin_guard guard;
	char *last_saved;
	unsigned long saved;
};

/* Wipes the patient on hand and goes back to the welcome page. */
static void
new_patient(struct kiosk *k, long long now)
{
	struct session_opts o = { .consultant = false,
		.today = k->today_set ? k->today : date_today(),
		.save_dir = k->report_dir,
		.draft_dir = NULL,
		.mode = "kiosk" };

	/* session_free zeroes every answer, typed text and report of the last patient. */
	session_free(k->s);
	k->s = session_new(k->ct, &o);
	free(k->problem);
	k->problem = NULL;
	k->patient++;
	k->state = k->under = KIOSK_WELCOME;
	k->last_key = now;
}

struct kiosk *
kiosk_new(const struct content *ct, const struct kiosk_opts *o, long long now)
{
	struct kiosk *k = xcalloc(1, sizeof *k);

	k->ct = ct;
	k->report_dir = xstrdup(o->report_dir);
	k->pin_hash = xstrdup(o->pin_hash);
	k->idle_ms = o->idle_seconds * 1000LL;
	k->today_set = o->today_set;
	k->today = o->today;
	k->ascii = o->ascii;
	new_patient(k, now);
	return k;
}

void
kiosk_free(struct kiosk *k)
{
	if (k == NULL)
		return;
	session_free(k->s);
	free(k->report_dir);
	free(k->pin_hash);
	free(k->problem);
	free(k->last_saved);
	free(k);
}

enum kiosk_state
kiosk_state(const struct kiosk *k)
{
	return k->state;
}

enum kiosk_state
kiosk_underneath(const struct kiosk *k)
{
	return k->state == KIOSK_STAFF_PIN || k->state == KIOSK_STAFF_MENU ? k->under : k->state;
}

struct session *
kiosk_session(struct kiosk *k)
{
	return k->s;
}

unsigned long
kiosk_patient(const struct kiosk *k)
{
	return k->patient;
}

bool
kiosk_activity(struct kiosk *k, long long now)
{
	k->last_key = now;
	if (k->state != KIOSK_STILL_THERE)
		return false;
	k->state = KIOSK_ASKING;
	return true;
}

bool
kiosk_idle_at_welcome(const struct kiosk *k, long long now)
{
	return k->state == KIOSK_WELCOME && now - k->last_key >= k->idle_ms;
}

void
kiosk_tick(struct kiosk *k, long long now)
{
	bool idle = now - k->last_key >= k->idle_ms;

	switch (k->state) {
	case KIOSK_ASKING:
		if (idle) {
			k->state = KIOSK_STILL_THERE;
			k->countdown = now;
		}
		break;
	case KIOSK_STILL_THERE:
		/* Nobody came back: the answers go, unsaved; nothing was ever written. */
		if (now - k->countdown >= KIOSK_COUNTDOWN_SECONDS * 1000LL)
			new_patient(k, now);
		break;
	case KIOSK_RESULT:
	case KIOSK_THANKS:
		/* Saved already: the next person must not find it on the screen. */
		if (idle)
			new_patient(k, now);
		break;
	case KIOSK_STAFF_PIN:
	case KIOSK_STAFF_MENU:
		/* A prompt or menu left open goes back to what it covered, which then keeps its
		 * own time from here. */
		if (idle)
			kiosk_staff_leave(k, now);
		break;
	case KIOSK_WELCOME:
	case KIOSK_UNSAVED:
	case KIOSK_EXIT:
		break;
	}
}

long
kiosk_countdown(const struct kiosk *k, long long now)
{
	long long left = k->countdown + KIOSK_COUNTDOWN_SECONDS * 1000LL - now;

	if (k->state != KIOSK_STILL_THERE)
		return 0;
	return left <= 0 ? 0 : (long)((left + 999) / 1000);
}

long long
kiosk_wait(const struct kiosk *k, long long now)
{
	long long until;

	switch (k->state) {
	case KIOSK_ASKING:
	case KIOSK_RESULT:
	case KIOSK_THANKS:
	case KIOSK_STAFF_PIN:
	case KIOSK_STAFF_MENU:
		until = k->last_key + k->idle_ms - now;
		/* A locked PIN prompt shows its seconds going down. */
		if (k->state == KIOSK_STAFF_PIN && pin_guard_locked_for(&k->guard, now) > 0) {
			long long step = (k->guard.locked_until - now) % 1000;

			if (step <= 0)
				step = 1000;
			if (step < until)
				until = step;
		}
		return until > 0 ? until : 0;
	case KIOSK_STILL_THERE:
		until = (k->countdown + KIOSK_COUNTDOWN_SECONDS * 1000LL - now) % 1000;
		return until > 0 ?
		    until :
		    (now >= k->countdown + KIOSK_COUNTDOWN_SECONDS * 1000LL ? 0 : 1000);
	case KIOSK_WELCOME:
	case KIOSK_UNSAVED:
	case KIOSK_EXIT:
		break;
	}
	return -1;
}

void
kiosk_begin(struct kiosk *k, long long now)
{
	if (k->state != KIOSK_WELCOME)
		return;
	/* Dated when the patient starts, not when the last one left: a kiosk waits across
	 * midnight. */
	if (!k->today_set)
		session_set_today(k->s, date_today());
	k->state = KIOSK_ASKING;
	k->last_key = now;
}

void
kiosk_abandon(struct kiosk *k, long long now)
{
	if (k->state == KIOSK_ASKING || k->state == KIOSK_STILL_THERE)
		new_patient(k, now);
}

/* Saves the consultation on hand: RESULT, or UNSAVED with the reason kept. */
static int
save(struct kiosk *k, long long now)
{
	char *cause = NULL;

	k->last_key = now;
	free(k->problem);
	k->problem = NULL;
	if (session_save(k->s, &cause) != 0) {
		k->problem = cause;
		k->state = KIOSK_UNSAVED;
		return -1;
	}
	free(k->last_saved);
	k->last_saved = xstrdup(session_report_path(k->s));
	k->saved++;
	k->state = KIOSK_RESULT;
	return 0;
}

int
kiosk_finish(struct kiosk *k, long long now)
{
	if (k->state != KIOSK_ASKING || !session_complete(k->s))
		return -1;
	session_finish(k->s, k->ascii);
	return save(k, now);
}

const char *
kiosk_save_problem(const struct kiosk *k)
{
	return k->problem;
}

void
kiosk_done(struct kiosk *k, long long now)
{
	if (k->state != KIOSK_RESULT)
		return;
	k->state = KIOSK_THANKS;
	k->last_key = now;
}

void
kiosk_next(struct kiosk *k, long long now)
{
	if (k->state == KIOSK_THANKS)
		new_patient(k, now);
}

void
kiosk_staff(struct kiosk *k, long long now)
{
	if (k->state == KIOSK_EXIT || k->state == KIOSK_STAFF_PIN || k->state == KIOSK_STAFF_MENU)
		return;
	k->under = k->state;
	k->state = KIOSK_STAFF_PIN;
	k->last_key = now;
}

enum pin_verdict
kiosk_staff_pin(struct kiosk *k, const char *pin, long long now)
{
	enum pin_verdict v;

	if (k->state != KIOSK_STAFF_PIN)
		return PIN_WRONG;
	k->last_key = now;
	if ((v = pin_guard_try(&k->guard, k->pin_hash, pin, now)) == PIN_RIGHT)
		k->state = KIOSK_STAFF_MENU;
	return v;
}

long
kiosk_staff_locked_for(const struct kiosk *k, long long now)
{
	return pin_guard_locked_for(&k->guard, now);
}

void
kiosk_staff_leave(struct kiosk *k, long long now)
{
	if (k->state != KIOSK_STAFF_PIN && k->state != KIOSK_STAFF_MENU)
		return;
	k->state = k->under;
	k->last_key = now;
	/* The countdown was interrupted by staff, who are there: it starts again if the
	 * patient still does not come back. */
	if (k->state == KIOSK_STILL_THERE)
		k->state = KIOSK_ASKING;
}

int
kiosk_staff_retry(struct kiosk *k, long long now)
{
	if (k->state != KIOSK_STAFF_MENU || k->under != KIOSK_UNSAVED)
		return -1;
	if (save(k, now) != 0) {
		k->state = KIOSK_STAFF_MENU;
		return -1;
	}
	k->under = KIOSK_RESULT;
	k->state = KIOSK_STAFF_MENU;
	return 0;
}

void
kiosk_staff_discard(struct kiosk *k, long long now)
{
	if (k->state == KIOSK_STAFF_MENU && k->under == KIOSK_UNSAVED)
		new_patient(k, now);
}

void
kiosk_exit(struct kiosk *k)
{
	if (k->state != KIOSK_STAFF_MENU)
		return;
	/* Wiped now, not at kiosk_free: nothing of the patient waits for the caller. */
	new_patient(k, 0);
	k->state = k->under = KIOSK_EXIT;
}

const char *
kiosk_last_saved(const struct kiosk *k)
{
	return k->last_saved;
}

unsigned long
kiosk_saved_count(const struct kiosk *k)
{
	return k->saved;
}
