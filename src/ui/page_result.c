/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/* The saved report keeps its 72 columns; the screen gets it laid out for its own width. */
#define REPORT_COLUMNS 72

static void
lines_free(struct result_page *rp)
{
	draw_lines_free(rp->lines, rp->n_lines);
	rp->lines = NULL;
	rp->n_lines = 0;
}

/* Lays the report out for the screen, once per width. */
static void
layout(struct wizard *wz)
{
	struct result_page *rp = &wz->result;
	size_t width = (size_t)(COLS - 2 < REPORT_COLUMNS ? COLS - 2 : REPORT_COLUMNS);
	char *p, *eol;

	if (rp->width == width)
		return;
	rp->text.secret = true;
	sb_reset(&rp->text);
	lines_free(rp);
	session_render(wz->s, width, wz->dc.ascii, &rp->text, &rp->toc);
	for (p = rp->text.buf; p != NULL && *p != '\0'; p = eol + 1) {
		if ((eol = strchr(p, '\n')) == NULL)
			eol = p + strlen(p) - 1;
		rp->lines = xreallocarray(rp->lines, rp->n_lines + 1, sizeof *rp->lines);
		rp->lines[rp->n_lines++] = xstrndup(p, (size_t)(eol - p + (*eol != '\n')));
	}
	rp->width = width;
}

/* The line the result itself starts on, past the report's header. */
static size_t
result_line(const struct result_page *rp)
{
	size_t i;

	for (i = 0; i < rp->toc.n; i++)
		if (rp->toc.items[i].part == REPORT_RESULT)
			return rp->toc.items[i].line;
	return 0;
}

/* Saves the consultation (unless --no-save): reaching the result is the end of it. */
static void
save(struct wizard *wz)
{
	struct result_page *rp = &wz->result;
	char *cause = NULL;

	if (session_answers_path(wz->s) == NULL || session_saved(wz->s))
		return;
	free(rp->cause);
	rp->cause = NULL;
	if (session_save(wz->s, &cause) != 0) {
		rp->cause = cause;
		wz->rc = EXIT_RUNTIME;
	} else
		wz->rc = EXIT_OK;
}

void
page_result_open(struct wizard *wz)
{
	struct result_page *rp = &wz->result;

	/* A kiosk finishes and saves through the kiosk, which decides what follows. */
	if (wz->k != NULL && kiosk_finish(wz->k, wizard_now()) != 0 &&
	    kiosk_save_problem(wz->k) != NULL)
		rp->cause = xstrdup(kiosk_save_problem(wz->k));
	else if (wz->k == NULL)
		session_finish(wz->s, wz->dc.ascii);
	wizard_show(wz, &page_result);
	rp->keys = false;
	rp->width = 0;
	layout(wz);
	rp->top = result_line(rp);
	if (wz->k == NULL)
		save(wz);
}

void
page_result_free(struct result_page *rp)
{
	lines_free(rp);
	sb_free(&rp->text);
	free(rp->cause);
	rp->cause = NULL;
}

/* The hint lines, longest first: the first that fits is shown; ? lists every key. */
static const char *const hints[] = {
	N_("Up/Down/PgUp/PgDn/Home/End scroll  Left back to the review  q quit  ? keys"),
	N_("Up/Down/PgUp/PgDn scroll  Left review  q quit  ? keys"),
	N_("Up/Down scroll  q quit  ? all keys"),
	NULL,
};
static const char *const hints_failed[] = {
	N_("s try again  Up/Down/PgUp/PgDn scroll  Left review  q quit  ? keys"),
	N_("s try again  q quit  ? all keys"),
	NULL,
};

static const char *const hints_review[] = {
	N_("d your decision  Up/Down/PgUp/PgDn scroll  Left back to the review  q quit  ? keys"),
	N_("d decision  Up/Down scroll  Left review  q quit  ? keys"),
	N_("d decision  q quit  ? keys"),
	NULL,
};

static const char *const hints_kiosk[] = {
	N_("Up/Down/PgUp/PgDn scroll  Enter: I have finished  ? keys"),
	N_("Up/Down scroll  Enter: finished  ? keys"),
	NULL,
};
static const char *const hints_kiosk_failed[] = {
	N_("Not saved: please call staff  Up/Down/PgUp/PgDn scroll"),
	N_("Not saved: call staff"),
	NULL,
};

static const char *const keys_kiosk[] = {
	N_("Up/Down (or k/j): scroll a line"),
	N_("PgUp/PgDn or Space: scroll a page"),
	N_("Home/End: the start / the end"),
	N_("Enter or q: I have finished"),
	NULL,
};

static const char *const keys[] = {
	N_("Up/Down (or k/j): scroll a line"),
	N_("PgUp/PgDn or Space: scroll a page"),
	N_("Home/End: the start / the end"),
	N_("Left/Backspace: back to the review"),
	N_("q or Ctrl-C: quit"),
	NULL,
};

static const char *const keys_review[] = {
	N_("d: record your own decision beside the computed result"),
	N_("Up/Down (or k/j): scroll a line"),
	N_("PgUp/PgDn or Space: scroll a page"),
	N_("Home/End: the start / the end"),
	N_("Left/Backspace: back to the review"),
	N_("q or Ctrl-C: quit"),
	NULL,
};

/* What became of the saving, for the line above the hints (caller frees). */
static char *
saving_said(struct wizard *wz)
{
	const char *cause = wz->result.cause;

	/* At a kiosk the patient needs to know only that the clinic has it, or to call staff;
	 * file names are staff business. The page's own message (why a key did nothing)
	 * follows: this page's frame draws none. */
	if (wz->k != NULL)
		return xasprintf("%s%s%s",
		    cause != NULL ? _("Could not save - please call staff. This result stays on "
		                      "the screen until they come.") :
		                    _("Saved for the clinic."),
		    wz->msg[0] != '\0' ? " " : "", wz->msg);
	if (session_answers_path(wz->s) == NULL)
		return xstrdup(_("Saving is off (--no-save)."));
	if (session_saved(wz->s))
		return xasprintf(_("Saved to %s"), session_report_path(wz->s));
	if (cause == NULL)
		return xstrdup("");
	/* "Kept" only when the draft has every answer: its last write did not fail. */
	return session_draft_kept(wz->s) && session_draft_problem(wz->s) == NULL ?
	    xasprintf(_("Could not save: %s. s tries again; your answers are kept in the "
	                "draft."),
	        cause) :
	    xasprintf(_("Could not save: %s. s tries again."), cause);
}

/* Rows of the report area under a message of said rows. */
static size_t
report_rows(int said)
{
	return (size_t)(LINES - 4 - (said > 1 ? said : 1));
}

/* The report rows under what saving_said says, as result_draw lays them out. */
static size_t
rows_shown(struct wizard *wz)
{
	char *said = saving_said(wz), **lines;
	size_t n = *said != '\0' ? draw_wrap(&wz->dc, said, (size_t)(COLS - 2), "", "", &lines) : 0;

	if (n > 0)
		draw_lines_free(lines, n);
	free(said);
	return report_rows(n < (size_t)(LINES - 8) ? (int)n : LINES - 8);
}

/* Every key of the page, over the report (? opened it). */
static void
keys_draw(struct wizard *wz, const struct draw_ctx *d)
{
	int row = draw_key_list(d, _("Your screening result: the keys"),
	    _("Enter or ?: back to the result"),
	    wz->k != NULL                ? keys_kiosk :
	        session_reviewing(wz->s) ? keys_review :
	                                   keys);

	if (wz->k == NULL && wz->result.cause != NULL && row < LINES - 3)
		draw_text(&wz->dc, row, 1, COLS - 2, LINES - 3 - row, _("s: try saving again"),
		    A_NORMAL);
	move(2, 1);
}

static void
result_draw(struct wizard *wz)
{
	struct result_page *rp = &wz->result;
	struct draw_ctx d = wz->dc;
	char *said = saving_said(wz);
	size_t i, rows, last;

	/* The frame draws no message: this page's may take several lines, never cut. */
	d.msg = "";
	if (rp->keys) {
		keys_draw(wz, &d);
		free(said);
		return;
	}
	draw_frame(&d,
	    session_reviewing(wz->s) ? _("Result of the review") : _("Your screening result"),
	    draw_pick(&wz->dc, (size_t)(COLS - 2),
	        wz->k != NULL         ? (rp->cause != NULL ? hints_kiosk_failed : hints_kiosk) :
	            rp->cause != NULL ? hints_failed :
	            session_reviewing(wz->s) ? hints_review :
	                                       hints));
	rows = report_rows(draw_text_up(&wz->dc, LINES - 3, 1, COLS - 2, LINES - 8, said, A_BOLD));
	last = rp->n_lines > rows ? rp->n_lines - rows : 0;
	if (rp->top > last)
		rp->top = last;
	for (i = 0; i < rows && rp->top + i < rp->n_lines; i++)
		draw_line(&wz->dc, 1 + (int)i, 1, (int)rp->width, rp->lines[rp->top + i], A_NORMAL);
	move(1, 1);
	free(said);
}

/* Kiosk: the result is saved and final (changing it is for staff); Enter or q says the
 * patient has finished. True when the key was the kiosk's. */
static bool
kiosk_key(struct wizard *wz, enum ui_action a)
{
	switch (a) {
	case UI_CONFIRM:
	case UI_QUIT:
		if (kiosk_state(wz->k) == KIOSK_RESULT)
			kiosk_done(wz->k, wizard_now());
		else
			wizard_say(wz, _("Not saved yet: please call staff."));
		return true;
	case UI_BACK:
		wizard_say(wz,
		    kiosk_state(wz->k) == KIOSK_RESULT ?
		        _("Your answers are saved; staff can go through them with you.") :
		        _("Not saved yet: please call staff."));
		return true;
	case UI_SAVE:
	case UI_INTERRUPT:
		return true;
	default:
		return false;
	}
}

static void
result_key(struct wizard *wz, int key)
{
	struct result_page *rp = &wz->result;
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);
	size_t page = rows_shown(wz) - 1; /* a page, less the line that stays */

	if (rp->keys && k.action != UI_RESIZE) {
		/* Any key closes the list; one that acts here acts too, but Enter, Space and ?
		 * only close it. */
		rp->keys = false;
		if (k.action == UI_CONFIRM || k.action == UI_HELP || k.action == UI_TOGGLE ||
		    k.action == UI_NONE)
			return;
	}
	if (wz->k != NULL && kiosk_key(wz, k.action))
		return;
	/* d is an option's key in lists; here, in a review, the consultant's decision. */
	if (session_reviewing(wz->s) && (key == 'd' || key == 'D')) {
		page_decision_open(wz);
		return;
	}
	switch (k.action) {
	case UI_UP:
		if (rp->top > 0)
			rp->top--;
		break;
	case UI_DOWN:
		rp->top++;
		break;
	case UI_PAGE_UP:
		rp->top = rp->top > page ? rp->top - page : 0;
		break;
	case UI_PAGE_DOWN:
	case UI_TOGGLE:
		rp->top += page;
		break;
	case UI_HOME:
		rp->top = 0;
		break;
	case UI_END:
		rp->top = SIZE_MAX - 1;
		break;
	case UI_SAVE: /* after a failed save: try again (harmless otherwise) */
		save(wz);
		break;
	case UI_HELP:
		rp->keys = true;
		break;
	case UI_BACK:
		wizard_show(wz, &page_review);
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		/* Saved, or not to be saved: the consultation is over. A failed save asks
		 * first: the answers are only in the draft. */
		if (rp->cause != NULL)
			wz->dialog = &page_quit;
		else {
			session_discard_draft(wz->s);
			wz->done = true;
		}
		break;
	case UI_RESIZE:
		layout(wz);
		break;
	default:
		break;
	}
}

const struct page page_result = { result_draw, result_key };
