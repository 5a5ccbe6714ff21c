/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "term.h"
#include "wizard.h"

#define KEY_TIMEOUT_MS 250

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
	/* Only the "please enlarge" notice is on screen: a key must not act on what the
	 * patient cannot see. */
	if (draw_too_small())
		return;
	if (wz->dialog != NULL)
		wz->dialog->key(wz, key);
	else
		wz->page->key(wz, key);
}

/* wizard_session, leaving in *cause (when cause is not NULL; caller frees) why the result
 * could not be saved, or NULL. */
static int
run(struct session *s, const struct wizard_opts *o, char **cause)
{
	struct wizard wz;
	int key;

	memset(&wz, 0, sizeof wz);
	wz.s = s;
	wz.qn = session_questionnaire(s);
	wz.dc.ascii = o->ascii;
	wz.dc.msg = wz.msg;
	wz.rc = EXIT_OK;
	wz.question.entry.secret = true;
	wz.result.text.secret = true;
	if (o->resumed)
		wizard_go_to(&wz, session_next(s, 0, true));
	else {
		wz.page = &page_welcome;
		wz.draft_waiting = session_draft_waiting(s);
	}
	/* Drawn after a key or a resize only: an idle kiosk or SSH session costs nothing. */
	for (bool dirty = true; !wz.done;) {
		if (dirty)
			draw(&wz);
		if (term_hung_up()) {
			wz.rc = EXIT_RUNTIME;
			break;
		}
		key = term_key(KEY_TIMEOUT_MS);
		if ((dirty = key >= 0))
			handle_key(&wz, key);
	}
	if (cause != NULL) {
		*cause = wz.result.cause;
		wz.result.cause = NULL;
	}
	page_question_free(&wz.question);
	page_result_free(&wz.result);
	return wz.rc;
}

int
wizard_session(struct session *s, const struct wizard_opts *o)
{
	return run(s, o, NULL);
}

int
wizard_run(struct session *s, const struct wizard_opts *o)
{
	const char *why;
	char *cause = NULL;
	int rc;

	if (term_open(&why) != 0)
		return -1;
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
