/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"

/* True when the dialog offers d, to quit deleting the draft of an unfinished consultation. */
static bool
offers_delete(struct wizard *wz)
{
	return wz->page != &page_result && !session_saved(wz->s) && session_keeps_drafts(wz->s);
}

static const char *
question(struct wizard *wz)
{
	/* A kiosk keeps no draft: stopping clears the answers for the next person. */
	if (wz->k != NULL)
		return _("Stop? Your answers will be cleared and nothing will be saved.  y: stop  "
		         "n: go on");
	/* On the result only after a failed save. A review has no draft: what is lost is
	 * this review's work, the file being whatever it was (another's save, say). */
	if (wz->page == &page_result && session_reviewing(wz->s))
		return session_review_saved_once(wz->s) ?
		    _("Not saved in full. Quit anyway? What was not saved is lost.  y: quit  n: "
		      "stay") :
		    _("Not saved. Quit anyway? The changes of this review will be lost.  y: quit  "
		      "n: stay");
	/* On the result only after a failed save: the draft is all there is of it. */
	if (wz->page == &page_result)
		return session_draft_kept(wz->s) && session_draft_problem(wz->s) == NULL ?
		    _("Not saved. Quit anyway? Your answers stay in the draft: smpscreen "
		      "continues them.  y: quit  n: stay") :
		    _("Not saved. Quit anyway? Your answers will be lost.  y: quit  n: stay");
	if (session_saved(wz->s))
		return _("Quit? Your answers and the result are saved.  y: quit  n: stay");
	/* A review keeps no draft; the file stays as it was until the result saves it. */
	if (session_reviewing(wz->s) && session_review_saved_once(wz->s))
		return _("Quit? The changes since the review was last saved will not be saved.  "
		         "y: quit  n: stay");
	if (session_reviewing(wz->s))
		return _("Quit? The changes of this review will not be saved; the file stays as "
		         "it was.  y: quit  n: stay");
	if (offers_delete(wz))
		return _(
		    "Quit?  y: keep a draft to continue later  d: delete the answers  n: stay");
	return _("Quit? Your answers will not be saved.  y: quit  n: stay");
}

/*
 * The question's parts, which two spaces separate ("Quit?  y: quit  n: stay"), packed into
 * lines of width columns: a part goes whole onto the line it fits on, else onto the next,
 * so that a key and what it does are never torn apart; a part wider than a line is left
 * to draw_wrap.
 */
static void
pack(const char *s, size_t width, struct strbuf *out)
{
	const char *end;
	size_t col = 0, n, w;

	for (; *s != '\0'; s = *end != '\0' ? end + 2 : end) {
		if ((end = strstr(s, "  ")) == NULL)
			end = s + strlen(s);
		n = (size_t)(end - s);
		w = draw_width(s, n);
		if (col > 0 && col + 2 + w <= width) {
			sb_append(out, "  ");
			col += 2 + w;
		} else {
			if (col > 0)
				sb_appendc(out, '\n');
			col = w <= width ? w : width;
		}
		sb_appendn(out, s, n);
	}
}

/* The quit dialog: over the page it was asked from, which stays visible; as many lines
 * above the hints as the question needs at this width, never cut. */
static void
quit_draw(struct wizard *wz)
{
	struct strbuf packed = { 0 };
	char **lines;
	size_t n, i;
	int shown, top;

	pack(question(wz), (size_t)(COLS - 4), &packed);
	n = draw_wrap(&wz->dc, sb_str(&packed), (size_t)(COLS - 4), "", "", &lines);
	shown = n < (size_t)(LINES - 4) ? (int)n : LINES - 4;
	top = LINES - 2 - shown;

	for (i = 0; i < (size_t)shown; i++) {
		mvhline(top + (int)i, 1, ' ' | A_REVERSE | A_BOLD, COLS - 2);
		draw_line(&wz->dc, top + (int)i, 2, COLS - 4, lines[i], A_REVERSE | A_BOLD);
	}
	draw_lines_free(lines, n);
	sb_free(&packed);
}

static void
quit_key(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_CONFIRM);

	switch (k.action) {
	case UI_YES:
		if (wz->k != NULL) {
			wz->dialog = NULL;
			kiosk_abandon(wz->k, wizard_now());
			break;
		}
		wz->done = true;
		/* The draft stays for later, as the dialog said; on the result (a failed save)
		 * too: it holds the answers that could not be saved. */
		break;
	case UI_DELETE:
		if (!offers_delete(wz))
			break;
		wz->done = true;
		session_discard_draft(wz->s);
		break;
	case UI_NO:
		wz->dialog = NULL;
		break;
	default:
		break;
	}
}

const struct page page_quit = { quit_draw, quit_key };
