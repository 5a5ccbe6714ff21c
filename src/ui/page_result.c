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

void
page_result_open(struct wizard *wz)
{
	struct result_page *rp = &wz->result;

	session_finish(wz->s, wz->dc.ascii);
	wizard_show(wz, &page_result);
	rp->width = 0;
	layout(wz);
	rp->top = result_line(rp);
	wizard_say(wz,
	    session_answers_path(wz->s) != NULL ?
	        _("Press s to save the answers and this report.") :
	        _("Saving is off (--no-save)."));
}

void
page_result_free(struct result_page *rp)
{
	lines_free(rp);
	sb_free(&rp->text);
}

static bool
can_save(struct wizard *wz)
{
	return session_answers_path(wz->s) != NULL && !session_saved(wz->s);
}

static void
result_draw(struct wizard *wz)
{
	struct result_page *rp = &wz->result;
	size_t i, rows = (size_t)(LINES - 5), last = rp->n_lines > rows ? rp->n_lines - rows : 0;

	if (rp->top > last)
		rp->top = last;
	draw_frame(&wz->dc, _("Your screening result"),
	    can_save(wz) ? _("Up/Down/PgUp/PgDn scroll  s save  q quit") :
	                   _("Up/Down/PgUp/PgDn scroll  q quit"));
	for (i = 0; i < rows && rp->top + i < rp->n_lines; i++)
		draw_line(&wz->dc, 1 + (int)i, 1, (int)rp->width, rp->lines[rp->top + i], A_NORMAL);
	move(1, 1);
}

static void
save(struct wizard *wz)
{
	char *cause = NULL;

	if (!can_save(wz))
		return;
	if (session_save(wz->s, &cause) != 0) {
		snprintf(wz->msg, sizeof wz->msg, _("Could not save: %s"), cause);
		free(cause);
		wz->rc = EXIT_RUNTIME;
	} else {
		snprintf(wz->msg, sizeof wz->msg, _("Saved to %s"), session_report_path(wz->s));
		wz->rc = EXIT_OK;
	}
}

static void
result_key(struct wizard *wz, int key)
{
	struct result_page *rp = &wz->result;
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);
	size_t page = (size_t)(LINES - 6);

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
	case UI_SAVE:
		save(wz);
		break;
	case UI_BACK:
		wizard_show(wz, &page_review);
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		if (can_save(wz))
			wz->dialog = &page_quit;
		else {
			/* The consultation is over: saved, or not to be saved. */
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
