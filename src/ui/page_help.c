/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/i18n.h"
#include "smpscreen/xalloc.h"

/*
 * The help of a question: the whole question (on a small screen the question page may have
 * cut it), its help, the picture of the focused option, then every key the question and the
 * help take. It scrolls, so that all of it is reachable at 40x15.
 */

/* The help laid out for the screen: one line each, with its attributes and column. */
struct help_text {
	char **lines;
	attr_t *attr;
	int *col;
	size_t n;
};

static void
add_line(struct help_text *h, const char *s, attr_t attr, int col)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->attr = xreallocarray(h->attr, h->n + 1, sizeof *h->attr);
	h->col = xreallocarray(h->col, h->n + 1, sizeof *h->col);
	h->lines[h->n] = xstrdup(s);
	h->attr[h->n] = attr;
	h->col[h->n++] = col;
}

/* s wrapped to width from col; later lines indented by indent. */
static void
add_text(struct help_text *h, const struct draw_ctx *d, const char *s, int width, attr_t attr,
    int col, const char *indent)
{
	char **lines;
	size_t i, n = draw_wrap(d, s, (size_t)width, "", indent, &lines);

	for (i = 0; i < n; i++)
		add_line(h, lines[i], attr, col);
	draw_lines_free(lines, n);
}

/* One key of the list: "KEYS: what it does", wrapped under itself. */
static void
add_key(struct help_text *h, const struct draw_ctx *d, int width, const char *keys,
    const char *what)
{
	char buf[300];

	/* TRANSLATORS: a key and what it does ("Space: tick..."); French puts a space before
	 * the colon. */
	snprintf(buf, sizeof buf, _("%s: %s"), keys, what);
	add_text(h, d, buf, width - 2, A_NORMAL, 3, "    ");
}

static void
help_free(struct help_text *h)
{
	draw_lines_free(h->lines, h->n);
	free(h->attr);
	free(h->col);
	memset(h, 0, sizeof *h);
}

/* Every key of question q, as page_question reads them. */
static void
add_question_keys(struct help_text *h, struct wizard *wz, const struct question *q, int width)
{
	const struct draw_ctx *d = &wz->dc;
	const struct qtext *t = wizard_qtext(wz, q);
	char keys[64], buf[200];
	bool typing = q->type == QTYPE_INTEGER || q->type == QTYPE_TEXT;

	page_question_keys(answer_n_items(q), keys, sizeof keys);
	switch (q->type) {
	case QTYPE_SINGLE:
		add_key(h, d, width, keys, _("choose that option (its key is beside it)"));
		add_key(h, d, width, _("Enter or Space"), _("choose the highlighted option"));
		break;
	case QTYPE_MULTI:
		add_key(h, d, width, keys, _("tick or untick that option (its key is beside it)"));
		add_key(h, d, width, _("Space"), _("tick or untick the highlighted option"));
		add_key(h, d, width, _("Enter"), _("done: go on with what is ticked"));
		break;
	case QTYPE_INTEGER:
		add_key(h, d, width, _("0-9"), _("type the number"));
		if (q->allow_unknown) {
			snprintf(buf, sizeof buf, _("not sure (\"%s\")"), t->unknown);
			add_key(h, d, width, "u", buf);
		}
		add_key(h, d, width, _("Backspace"), _("erase the last digit"));
		add_key(h, d, width, _("Right"),
		    _("keep the number shown and edit it (typing replaces a number shown when the "
		      "question opens)"));
		add_key(h, d, width, _("Enter"),
		    q->required ? _("done") : _("done (empty: skip this question)"));
		break;
	case QTYPE_TEXT:
		add_key(h, d, width, _("Letters, digits, ? and q"), _("are typed into the answer"));
		add_key(h, d, width, _("Backspace"), _("erase the last character"));
		add_key(h, d, width, _("Enter"),
		    q->required ? _("done") : _("done (empty: skip this question)"));
		break;
	case QTYPE_INFO:
		add_key(h, d, width, _("Enter"), _("continue"));
		break;
	}
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTI)
		add_key(h, d, width, _("Up/Down or k/j"),
		    _("move; PgUp/PgDn and Home/End move further"));
	add_key(h, d, width, typing ? _("Left or Shift-Tab") : _("Left, Backspace, Shift-Tab or <"),
	    _("the question before"));
	add_key(h, d, width, typing && q->type == QTYPE_TEXT ? _("F1") : _("? or F1"),
	    _("this help"));
	add_key(h, d, width, q->type == QTYPE_TEXT ? _("Ctrl-C") : _("q or Ctrl-C"),
	    _("quit (it asks first; your answers can be kept for later)"));
	add_key(h, d, width, _("Ctrl-L"), _("draw the screen again"));
}

static void
help_build(struct wizard *wz, int width, struct help_text *h)
{
	const struct draw_ctx *d = &wz->dc;
	const struct question *q = &wz->qn->questions[wz->question.q];
	size_t focus = wz->question.focus, i;
	const struct qtext *t = wizard_qtext(wz, q);
	const char *ill = focus < q->n_options ? t->picture[focus] : NULL;
	bool others = false;
	char buf[300];

	memset(h, 0, sizeof *h);
	add_text(h, d, t->text, width, A_BOLD, 1, "");
	add_line(h, "", A_NORMAL, 1);
	add_text(h, d,
	    t->help != NULL ? t->help :
	                      _("There is no more help for this question; the consultant can "
	                        "explain it."),
	    width, A_NORMAL, 1, "");
	if (ill != NULL) {
		char **art;
		size_t n;

		add_line(h, "", A_NORMAL, 1);
		if (keymap_option_key(focus) != 0)
			snprintf(buf, sizeof buf, _("Picture of %c: %s"), keymap_option_key(focus),
			    ctext_item_label(session_text(wz->s), wz->question.q, focus));
		else
			snprintf(buf, sizeof buf, _("Picture of: %s"),
			    ctext_item_label(session_text(wz->s), wz->question.q, focus));
		add_text(h, d, buf, width, A_BOLD, 1, "  ");
		/* The picture as drawn beside the options, never re-wrapped narrower. */
		n = draw_wrap(d, ill, (size_t)(width - 2 > 24 ? 24 : width - 2), "", "", &art);
		for (i = 0; i < n; i++)
			add_line(h, art[i], A_NORMAL, 3);
		draw_lines_free(art, n);
		for (i = 0; i < q->n_options; i++)
			others = others || (i != focus && t->picture[i] != NULL);
		if (others)
			add_text(h, d,
			    _("Other options have pictures too: close the help, move to one "
			      "and press ? again."),
			    width, A_DIM, 1, "");
	}
	add_line(h, "", A_NORMAL, 1);
	add_text(h, d, _("Keys on this question"), width, A_BOLD, 1, "");
	add_question_keys(h, wz, q, width);
	add_line(h, "", A_NORMAL, 1);
	add_text(h, d, _("Keys in this help"), width, A_BOLD, 1, "");
	add_key(h, d, width, _("Up/Down, PgUp/PgDn, Space, Home/End"), _("scroll"));
	add_key(h, d, width,
	    q->type == QTYPE_TEXT ? _("Esc, Enter or F1") : _("Esc, Enter, Left or ? or F1"),
	    _("close the help"));
	add_key(h, d, width, _("Any other key"),
	    _("closes the help and does what it does on the question: an option's key "
	      "chooses it"));
}

/* Rows for the help's lines: all of the page but the last, which says where in the help the
 * screen is when it does not fit. */
static int
help_rows(void)
{
	return LINES - 4 - 2;
}

/* The first line that can be on top, so that the last screen is full. */
static size_t
max_top(const struct help_text *h)
{
	size_t rows = (size_t)(help_rows() - 1);

	return h->n > (size_t)help_rows() ? h->n - rows : 0;
}

static void
help_draw(struct wizard *wz)
{
	struct question_page *qp = &wz->question;
	const struct question *q = &wz->qn->questions[qp->q];
	struct help_text h;
	int width = draw_text_columns(), rows = help_rows(), row = 2;
	size_t i, last;
	char where[2][120];
	const char *alts[4];

	help_build(wz, width, &h);
	if (qp->help_top > max_top(&h))
		qp->help_top = max_top(&h);
	if (q->type == QTYPE_TEXT) {
		alts[0] = _("Up/Down/PgUp/PgDn scroll  Esc or F1 close  other keys type");
		alts[1] = _("Up/Down scroll  Esc or F1 close");
	} else {
		alts[0] = _("Up/Down/PgUp/PgDn scroll  Esc or ? close  other keys answer");
		alts[1] = _("Up/Down scroll  Esc or ? close");
	}
	alts[2] = _("Esc close");
	alts[3] = NULL;
	page_question_frame(wz, draw_pick(&wz->dc, (size_t)(COLS - 2), alts));
	if ((int)h.n > rows)
		rows--; /* the "where" line */
	for (i = qp->help_top; i < h.n && row < 2 + rows; i++, row++)
		draw_line(&wz->dc, row, h.col[i], width - (h.col[i] - 1), h.lines[i], h.attr[i]);
	if ((int)h.n > help_rows()) {
		last = qp->help_top + (size_t)rows < h.n ? qp->help_top + (size_t)rows : h.n;
		snprintf(where[0], sizeof where[0],
		    last < h.n ? _("(lines %zu-%zu of %zu: Down or PgDn for more)") :
		                 _("(lines %zu-%zu of %zu: the end)"),
		    qp->help_top + 1, last, h.n);
		snprintf(where[1], sizeof where[1],
		    last < h.n ? _("(%zu-%zu of %zu lines, Down: more)") :
		                 _("(%zu-%zu of %zu lines)"),
		    qp->help_top + 1, last, h.n);
		alts[0] = where[0];
		alts[1] = where[1];
		alts[2] = NULL;
		draw_fit(&wz->dc, 2 + rows, 1, width, draw_pick(&wz->dc, (size_t)width, alts),
		    A_DIM);
	}
	help_free(&h);
	move(2, 1);
}

/* Scrolling keys scroll; Esc, Enter, Left, ? and F1 close the help; any other key closes it
 * and acts on the question as it would have there, so that "4" after ? chooses option 4
 * instead of being swallowed. Space pages, as in a pager: a patient paging through the help
 * must not answer the question by it. */
static void
help_key(struct wizard *wz, int key)
{
	struct question_page *qp = &wz->question;
	const struct question *q = &wz->qn->questions[qp->q];
	struct ui_key k = keymap_lookup(key, page_question_context(q));
	struct help_text h;
	size_t top, page = (size_t)(help_rows() > 2 ? help_rows() - 2 : 1);

	switch (k.action) {
	case UI_RESIZE:
	case UI_REDRAW:
		return;
	case UI_NONE:
		if (key == 0x1b)
			wz->page = &page_question;
		return;
	case UI_UP:
	case UI_DOWN:
	case UI_PAGE_UP:
	case UI_PAGE_DOWN:
	case UI_HOME:
	case UI_END:
		help_build(wz, draw_text_columns(), &h);
		top = qp->help_top;
		if (k.action == UI_UP)
			top = top > 0 ? top - 1 : 0;
		else if (k.action == UI_DOWN)
			top++;
		else if (k.action == UI_PAGE_UP)
			top = top > page ? top - page : 0;
		else if (k.action == UI_PAGE_DOWN)
			top += page;
		else
			top = k.action == UI_HOME ? 0 : max_top(&h);
		qp->help_top = top < max_top(&h) ? top : max_top(&h);
		help_free(&h);
		return;
	case UI_TOGGLE:
		if (q->type == QTYPE_TEXT)
			break;
		help_key(wz, KEY_NPAGE);
		return;
	case UI_HELP:
	case UI_CONFIRM:
	case UI_BACK:
		wz->page = &page_question;
		return;
	default:
		break;
	}
	wz->page = &page_question;
	page_question.key(wz, key);
}

const struct page page_help = { help_draw, help_key };
