/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "term.h"
#include "wizard.h"

#define KEY_TIMEOUT_MS 250
/* Kiosk: Esc and then 0 within this time is the staff key, for terminals without F10. */
#define STAFF_ESC_MS 2000
enum { KEY_ESCAPE = 0x1b };

long long
wizard_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct qtext *
wizard_qtext(const struct wizard *wz, const struct question *q)
{
	return ctext_question(session_text(wz->s), (size_t)(q - wz->qn->questions));
}

void
wizard_say(struct wizard *wz, const char *s)
{
	snprintf(wz->msg, sizeof wz->msg, "%s", s);
}

void
wizard_show(struct wizard *wz, const struct page *p)
{
	wz->page = p;
	wz->msg[0] = '\0';
}

void
wizard_go_to(struct wizard *wz, size_t q)
{
	if (q < wz->qn->n_questions) {
		page_question_open(wz, q, false);
		return;
	}
	wizard_show(wz, &page_review);
	wz->review.top = 0;
}

void
wizard_begin(struct wizard *wz, bool resuming)
{
	if (wz->ask_client)
		page_identity_open(wz, resuming);
	else
		wizard_go_to(wz, session_next(wz->s, 0, resuming));
}

bool
wizard_move_focus(size_t *focus, size_t n, enum ui_action a, size_t page)
{
	switch (a) {
	case UI_UP:
		if (*focus > 0)
			(*focus)--;
		return true;
	case UI_DOWN:
		if (*focus + 1 < n)
			(*focus)++;
		return true;
	case UI_PAGE_UP:
		*focus = *focus > page ? *focus - page : 0;
		return true;
	case UI_PAGE_DOWN:
		*focus = *focus + page < n ? *focus + page : (n > 0 ? n - 1 : 0);
		return true;
	case UI_HOME:
		*focus = 0;
		return true;
	case UI_END:
		*focus = n > 0 ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

static void
draw(struct wizard *wz)
{
	/* erase + refresh: curses sends only what changed, never a full clear per key. */
	erase();
	if (draw_too_small()) {
		draw_text(&wz->dc, 0, 0, COLS, LINES,
		    _("Please make the window larger (at least "
		      "40 columns and 15 lines). Your answers are kept."),
		    A_BOLD);
		refresh();
		return;
	}
	wz->page->draw(wz);
	if (wz->dialog != NULL)
		wz->dialog->draw(wz);
	refresh();
}

/* Kiosk: the pages follow the kiosk's state. When a new patient has begun, everything the
 * pages held of the last one is zeroed and the screen and scrollback are cleared first. */
static void
kiosk_follow(struct wizard *wz)
{
	struct kiosk *k = wz->k;

	/* Back to the welcome page from the first question: the patient left, and the welcome
	 * page must not hold their answers for the next person to find under Enter. */
	if (kiosk_state(k) == KIOSK_ASKING && wz->page == &page_welcome && wz->dialog == NULL)
		kiosk_abandon(k, wizard_now());
	/* A PIN typed into a prompt that closed (Esc, or left idle) is not there for the next
	 * person who opens it. */
	if (kiosk_state(k) != KIOSK_STAFF_PIN) {
		sb_free(&wz->staff.pin);
		if (kiosk_state(k) != KIOSK_STAFF_MENU)
			wz->staff.said = NULL;
	}
	if (kiosk_patient(k) != wz->patient) {
		page_identity_clear(&wz->identity);
		page_question_free(&wz->question);
		page_result_free(&wz->result);
		sb_free(&wz->staff.pin);
		memset(&wz->question, 0, sizeof wz->question);
		memset(&wz->review, 0, sizeof wz->review);
		memset(&wz->result, 0, sizeof wz->result);
		memset(&wz->staff, 0, sizeof wz->staff);
		wz->question.entry.secret = wz->result.text.secret = wz->staff.pin.secret = true;
		wz->s = kiosk_session(k);
		wz->patient = kiosk_patient(k);
		/* Each patient starts in the language staff chose, not the last patient's. */
		wizard_set_language(wz, wz->kiosk_lang);
		wz->lang_by_patient = false;
		wz->msg[0] = '\0';
		wz->dialog = NULL;
		wz->page = &page_welcome;
		term_forget();
	}
	switch (kiosk_state(k)) {
	case KIOSK_WELCOME:
		if (wz->page != &page_language)
			wz->page = &page_welcome;
		wz->dialog = NULL;
		break;
	case KIOSK_ASKING:
		if (wz->dialog == &page_still_there || wz->dialog == &page_staff)
			wz->dialog = NULL;
		break;
	case KIOSK_STILL_THERE:
		wz->dialog = &page_still_there;
		break;
	case KIOSK_RESULT:
		/* Saved after all (staff tried again): the page stops saying otherwise. */
		free(wz->result.cause);
		wz->result.cause = NULL;
		wz->dialog = NULL;
		break;
	case KIOSK_UNSAVED:
		wz->dialog = NULL;
		break;
	case KIOSK_THANKS:
		wz->page = &page_thanks;
		wz->dialog = NULL;
		break;
	case KIOSK_STAFF_PIN:
	case KIOSK_STAFF_MENU:
		wz->dialog = &page_staff;
		break;
	case KIOSK_EXIT:
		wz->done = true;
		break;
	}
}

/* Kiosk keys that come before any page: the staff key (F10, or Esc then 0), and Ctrl-C,
 * which does nothing at all. True when the key was spent. */
static bool
kiosk_key(struct wizard *wz, int key, long long now)
{
	bool staff =
	    key == KEY_F(10) || (key == '0' && wz->esc_at != 0 && now - wz->esc_at <= STAFF_ESC_MS);

	wz->esc_at = key == KEY_ESCAPE ? now : 0;
	if (staff) {
		/* Over "are you still there?" too: staff need not press it twice. */
		kiosk_activity(wz->k, now);
		kiosk_staff(wz->k, now);
		return true;
	}
	if (kiosk_activity(wz->k, now))
		return true; /* "are you still there?" ends; the key does nothing else */
	return keymap_lookup(key, UI_CTX_LIST).action == UI_INTERRUPT;
}

static void
handle_key(struct wizard *wz, int key)
{
	enum ui_action a = keymap_lookup(key, UI_CTX_LIST).action;

	if (a == UI_RESIZE || a == UI_REDRAW) {
		clearok(curscr, TRUE); /* Ctrl-L and resizes repaint everything */
		/* A page laid out for the old size lays itself out again, under a dialog too:
		 * the dialog leaves it visible. */
		if (a == UI_RESIZE)
			wz->page->key(wz, key);
		return;
	}
	if (wz->k != NULL && kiosk_key(wz, key, wizard_now()))
		return;
	/* Only the "please enlarge" notice is on screen: a key must not act on what the
	 * patient cannot see. */
	if (draw_too_small())
		return;
	if (wz->dialog != NULL)
		wz->dialog->key(wz, key);
	else
		wz->page->key(wz, key);
}

/* Kiosk: the seconds a page shows counting down, so that the screen is drawn again when
 * they change. */
static long
kiosk_shown(const struct wizard *wz, long long now)
{
	return kiosk_state(wz->k) == KIOSK_STAFF_PIN ? kiosk_staff_locked_for(wz->k, now) :
	                                               kiosk_countdown(wz->k, now);
}

static void
wizard_init(struct wizard *wz, struct session *s, const struct wizard_opts *o)
{
	memset(wz, 0, sizeof *wz);
	wz->s = s;
	wz->qn = session_questionnaire(s);
	wz->dc.ascii = o->ascii;
	wz->dc.msg = wz->msg;
	wz->rc = EXIT_OK;
	wz->question.entry.secret = true;
	wz->result.text.secret = true;
	wz->staff.pin.secret = true;
	wz->prompt.field.secret = true;
	wz->ask_client = o->ask_client;
	wz->no_draft = o->no_draft;
	wz->langs = o->languages;
	snprintf(wz->kiosk_lang, sizeof wz->kiosk_lang, "%s", lang_current());
	page_identity_clear(&wz->identity);
}

bool
wizard_has_languages(const struct wizard *wz)
{
	return wz->langs.langs != NULL && wz->langs.langs->n > 1 && wz->langs.set != NULL;
}

void
wizard_set_language(struct wizard *wz, const char *code)
{
	if (wizard_has_languages(wz) && strcmp(code, lang_current()) != 0)
		wz->langs.set(wz->langs.arg, code);
}

/* Draws, reads keys and hands them on until the wizard is done or the terminal went away;
 * a kiosk also hears the time pass. */
static void
loop(struct wizard *wz)
{
	enum kiosk_state st;
	long long now, wait;
	long shown;
	int key;

	/* Drawn after a key, a resize or a change of the kiosk only: an idle kiosk or SSH
	 * session costs nothing. */
	for (bool dirty = true; !wz->done;) {
		if (dirty)
			draw(wz);
		if (term_hung_up()) {
			wz->rc = EXIT_RUNTIME;
			break;
		}
		wait = wz->k != NULL ? kiosk_wait(wz->k, wizard_now()) : -1;
		key = term_key(wait >= 0 && wait < KEY_TIMEOUT_MS ? (int)wait + 1 : KEY_TIMEOUT_MS);
		if ((dirty = key >= 0))
			handle_key(wz, key);
		if (wz->k == NULL)
			continue;
		now = wizard_now();
		shown = wz->shown;
		st = kiosk_state(wz->k);
		kiosk_tick(wz->k, now);
		wz->shown = kiosk_shown(wz, now);
		if (kiosk_patient(wz->k) != wz->patient || kiosk_state(wz->k) != st ||
		    wz->shown != shown)
			dirty = true;
		/* A key that moved the kiosk on, or the time that did: the pages follow. */
		kiosk_follow(wz);
		/* A language a patient chose and then walked away from is not the next one's. */
		if (wz->lang_by_patient && kiosk_idle_at_welcome(wz->k, now)) {
			wizard_set_language(wz, wz->kiosk_lang);
			wz->lang_by_patient = false;
			wz->page = &page_welcome;
			dirty = true;
		}
	}
}

/* wizard_session, leaving in *cause (when cause is not NULL; caller frees) why the result
 * could not be saved, or NULL. */
static int
run(struct session *s, const struct wizard_opts *o, char **cause)
{
	struct wizard wz;

	wizard_init(&wz, s, o);
	/* A review starts at the consultant's name (once), then goes through every answer. */
	if (session_reviewing(s) && session_reviewer(s) == NULL)
		page_prompt_open(&wz, PROMPT_NAME, 0, 0, PROMPT_THEN_QUESTIONS);
	else if (session_reviewing(s))
		page_question_open(&wz, session_next(s, 0, false), false);
	else if (o->resumed)
		wizard_begin(&wz, true);
	else {
		wz.page = &page_welcome;
		wz.draft_waiting = session_draft_waiting(s);
	}
	loop(&wz);
	if (cause != NULL) {
		*cause = wz.result.cause;
		wz.result.cause = NULL;
	}
	page_identity_clear(&wz.identity);
	page_question_free(&wz.question);
	page_result_free(&wz.result);
	sb_free(&wz.prompt.field);
	return wz.rc;
}

int
wizard_kiosk(struct kiosk *k, const struct wizard_opts *o)
{
	struct wizard wz;

	wizard_init(&wz, kiosk_session(k), o);
	wz.k = k;
	wz.patient = kiosk_patient(k);
	wz.page = &page_welcome;
	curs_set(1);
	term_forget();
	loop(&wz);
	/* Stopped in the middle of a patient (SIGTERM): a console without an alternate screen
	 * would go on showing the last page once the terminal is given back. */
	term_forget();
	page_identity_clear(&wz.identity);
	page_question_free(&wz.question);
	page_result_free(&wz.result);
	sb_free(&wz.staff.pin);
	/* Stopped (SIGTERM, SIGHUP) or ended by staff: either way a clean end. */
	return EXIT_OK;
}

int
wizard_session(struct session *s, const struct wizard_opts *o)
{
	return run(s, o, NULL);
}

/* What became of a review, on stderr once the screen is gone. File names and causes are
 * whatever bytes someone chose: never raw to the terminal. */
static void
say_review_end(struct session *s, const char *cause)
{
	const char *file = session_review_file(s), *report = session_report_path(s);
	char *f = text_escape_unclean(file, strlen(file)),
	     *c = cause != NULL ? text_escape_unclean(cause, strlen(cause)) : NULL,
	     *r = report != NULL ? text_escape_unclean(report, strlen(report)) : NULL;

	if (session_saved(s))
		fprintf(stderr, _("smpscreen: the review was saved in %s and %s\n"), f, r);
	else if (c != NULL && session_review_saved_once(s))
		/* The answers were written (now, or before a later change), not all since. */
		fprintf(stderr, _("smpscreen: the review was not saved in full: %s\n"), c);
	else if (c != NULL)
		/* The cause says what became of the file (someone else's save, say). */
		fprintf(stderr, _("smpscreen: the review was not saved: %s\n"), c);
	else if (session_review_saved_once(s))
		fprintf(stderr,
		    _("smpscreen: the last changes of the review were not saved; %s has the review "
		      "as it was last saved\n"),
		    f);
	else
		fprintf(stderr, _("smpscreen: the review was not saved; %s is as it was\n"), f);
	free(f);
	free(c);
	free(r);
}

/* Loading needs half again the heap it keeps (libconfig's trees of both files, freed once
 * read), and glibc keeps those freed pages in holes below what stays. A session then waits
 * on its patient for minutes and a host runs hundreds of them: the holes are a third of
 * each one's private memory (bench/sessions.sh), so they go back before the first screen. */
static void
give_back_heap(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

int
wizard_run(struct session *s, const struct wizard_opts *o)
{
	const char *why;
	char *cause = NULL;
	int rc;

	if (term_open(&why) != 0)
		return -1;
	give_back_heap();
	curs_set(1);
	rc = run(s, o, &cause);
	term_close();
	if (term_hung_up() && session_draft_kept(s))
		fprintf(stderr,
		    _("smpscreen: the terminal went away; the answers so far are in "
		      "%s (smpscreen --resume continues)\n"),
		    session_draft_path(s));
	else if (term_hung_up() && !session_saved(s))
		fprintf(stderr, _("smpscreen: the terminal went away; nothing was saved\n"));
	else if (session_reviewing(s))
		say_review_end(s, cause);
	else if (cause != NULL && !session_saved(s)) {
		/* The screen said why; once it is gone, stderr says it again, and how to go
		 * on. */
		fprintf(stderr, _("smpscreen: the result was not saved: %s\n"), cause);
		if (session_draft_kept(s) && session_draft_problem(s) == NULL)
			fprintf(stderr,
			    _("smpscreen: the answers are kept in %s; smpscreen (or smpscreen "
			      "--resume %s) continues them\n"),
			    session_draft_path(s), session_draft_path(s));
		else
			fprintf(stderr, _("smpscreen: the answers were not kept\n"));
	} else if (session_draft_kept(s))
		fprintf(stderr,
		    _("smpscreen: the answers so far are kept in %s; smpscreen "
		      "continues them\n"),
		    session_draft_path(s));
	else if (session_answers_path(s) != NULL && !session_saved(s))
		/* Saved, then an answer changed and the draft was deleted on quitting. */
		fprintf(stderr,
		    _("smpscreen: the changed answers were not saved; %s has the result as it "
		      "was saved\n"),
		    session_report_path(s));
	free(cause);
	return rc;
}
