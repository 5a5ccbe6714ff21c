/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/review.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

/* The column a picture takes beside the options (the bundled ones are 22 wide), and the
 * least width the options keep beside it; narrower, the picture goes below the options, or
 * behind ? when there is no room there either. */
#define PICTURE_WIDTH 24
#define MIN_LIST_COLS 30
/* Longer than any number a question takes: typing stops there. */
#define NUMBER_MAX_BYTES 12

/* The label of answer item i of q in the consultation's language. */
static const char *
item_label(const struct wizard *wz, const struct question *q, size_t i)
{
	return ctext_item_label(session_text(wz->s), (size_t)(q - wz->qn->questions), i);
}

static const struct question *
current(const struct wizard *wz)
{
	return &wz->qn->questions[wz->question.q];
}

void
page_question_open(struct wizard *wz, size_t q, bool from_review)
{
	struct question_page *qp = &wz->question;
	const struct question *qq = &wz->qn->questions[q];
	const struct answer *v = session_answer(wz->s, q);

	wizard_show(wz, &page_question);
	qp->q = q;
	qp->focus = 0;
	qp->from_review = from_review;
	qp->selected = false;
	qp->moved = false;
	qp->help_top = 0;
	answer_clear(&qp->ticks);
	answer_clear(&qp->opened);
	answer_copy(&qp->opened, v);
	qp->entry.secret = true;
	sb_reset(&qp->entry);
	switch (v->kind) {
	case ANSWER_OPTION:
		qp->focus = (size_t)v->num;
		break;
	case ANSWER_OPTIONS:
		answer_copy(&qp->ticks, v);
		break;
	case ANSWER_UNKNOWN:
		qp->focus = qq->n_options;
		answer_copy(&qp->ticks, v);
		if (qq->type == QTYPE_INTEGER)
			sb_append(&qp->entry, "u");
		break;
	case ANSWER_INTEGER:
		sb_printf(&qp->entry, "%ld", v->num);
		/* As in a form: typing replaces the number, Right or Backspace edit it. */
		qp->selected = true;
		break;
	case ANSWER_TEXT:
		sb_append(&qp->entry, v->text);
		break;
	case ANSWER_ABSENT:
		break;
	}
}

void
page_question_free(struct question_page *qp)
{
	answer_clear(&qp->ticks);
	answer_clear(&qp->opened);
	sb_free(&qp->entry);
}

/* --- drawing --------------------------------------------------------------------------- */

/* The title: where the patient is, in the longest form the width holds (draw_frame cuts the
 * section title of the last one at a word, with an ellipsis). */
static void
progress(struct wizard *wz, struct strbuf *out)
{
	const struct question *q = current(wz);
	const char *sec = ctext_section(session_text(wz->s), q->section), *alts[4] = { NULL };
	char full[256], mid[256], brief[256];
	bool settled;
	size_t total = session_progress(wz->s, wz->question.q, &settled),
	       num = session_number(wz->s, wz->question.q), ns = wz->qn->n_sections;

	if (q->type == QTYPE_INFO) {
		sb_printf(out, _("Section %zu of %zu: %s"), q->section + 1, ns, sec);
		return;
	}
	snprintf(full, sizeof full,
	    settled ? _("Section %zu of %zu: %s  -  question %zu of %zu") :
	              _("Section %zu of %zu: %s  -  question %zu of up to %zu"),
	    q->section + 1, ns, sec, num, total);
	snprintf(mid, sizeof mid,
	    settled ? _("Question %zu of %zu  -  %s") : _("Question %zu of up to %zu  -  %s"), num,
	    total, sec);
	snprintf(brief, sizeof brief,
	    settled ? _("Q%zu of %zu  -  %s") : _("Q%zu of up to %zu  -  %s"), num, total, sec);
	alts[0] = full;
	alts[1] = mid;
	alts[2] = brief;
	sb_append(out, draw_pick(&wz->dc, (size_t)COLS, alts));
}

void
page_question_keys(size_t n, char *buf, size_t size)
{
	size_t i, j, len = 0;

	buf[0] = '\0';
	if (n > KEYMAP_OPTION_KEYS)
		n = KEYMAP_OPTION_KEYS;
	for (i = 0; i < n && len < size; i = j + 1) {
		for (j = i; j + 1 < n && keymap_option_key(j + 1) == keymap_option_key(j) + 1; j++)
			;
		if (j > i)
			len += (size_t)snprintf(buf + len, size - len, "%s%c-%c", i > 0 ? "," : "",
			    keymap_option_key(i), keymap_option_key(j));
		else
			len += (size_t)snprintf(buf + len, size - len, "%s%c", i > 0 ? "," : "",
			    keymap_option_key(i));
	}
}

/* The key hints, longest first: the first that fits the line is shown. Every form names
 * help (? or F1), which lists every key of the question. */
static void
hints(struct wizard *wz, const struct question *q, struct strbuf *out)
{
	char keys[64], t[3][200];
	const char *a[5] = { t[0], t[1], t[2], NULL, NULL };

	page_question_keys(answer_n_items(q), keys, sizeof keys);
	switch (q->type) {
	case QTYPE_MULTI:
		snprintf(t[0], sizeof t[0],
		    _("Up/Down move  Space or %s tick  Enter done  Left back  ? help  q quit"),
		    keys);
		snprintf(t[1], sizeof t[1], _("%s tick  Enter done  Left back  ? help  q quit"),
		    keys);
		snprintf(t[2], sizeof t[2], _("%s tick  Enter done  ? help  q quit"), keys);
		a[3] = _("Enter done  ? help  q quit");
		break;
	case QTYPE_INTEGER:
		if (q->allow_unknown) {
			a[0] =
			    _("Type a number (u: not sure)  Enter done  Left back  ? help  q quit");
			a[1] = _("u not sure  Enter done  Left back  ? help  q quit");
			a[2] = _("u not sure  Enter done  ? help  q quit");
		} else {
			a[0] = _("Type a number  Enter done  Left back  ? help  q quit");
			a[1] = _("Enter done  Left back  ? help  q quit");
			a[2] = _("Enter done  ? help  q quit");
		}
		a[3] = _("? help  q quit");
		break;
	case QTYPE_TEXT:
		a[0] = _("Type, then Enter  Left back  F1 help  Ctrl-C quit");
		a[1] = _("Enter done  Left back  F1 help  Ctrl-C quit");
		a[2] = _("Enter done  F1 help  Ctrl-C quit");
		a[3] = _("F1 help  Ctrl-C quit");
		break;
	case QTYPE_INFO:
		a[0] = _("Enter continue  Left back  ? help  q quit");
		a[1] = _("Enter continue  ? help  q quit");
		a[2] = _("Enter next  ? help  q quit");
		a[3] = _("? help  q quit");
		break;
	default:
		snprintf(t[0], sizeof t[0],
		    _("Up/Down move  Enter or %s choose  Left back  ? help  q quit"), keys);
		snprintf(t[1], sizeof t[1], _("%s choose  Left back  ? help  q quit"), keys);
		snprintf(t[2], sizeof t[2], _("%s choose  ? help  q quit"), keys);
		a[3] = _("? help  q quit");
		break;
	}
	sb_append(out, draw_pick(&wz->dc, (size_t)(COLS - 2), a));
}

void
page_question_frame(struct wizard *wz, const char *hint)
{
	struct strbuf head = { 0 }, h = { 0 };

	progress(wz, &head);
	if (hint == NULL)
		hints(wz, current(wz), &h);
	draw_frame(&wz->dc, sb_str(&head), hint != NULL ? hint : sb_str(&h));
	sb_free(&head);
	sb_free(&h);
}

/* The marker of item i: chosen or ticked. */
static const char *
item_mark(struct wizard *wz, const struct question *q, size_t i)
{
	const struct answer *v = session_answer(wz->s, wz->question.q), *t = &wz->question.ticks;
	bool on;

	if (q->type == QTYPE_MULTI) {
		on = i < q->n_options ? (t->set & (UINT64_C(1) << i)) != 0 :
		                        t->kind == ANSWER_UNKNOWN;
		return on ? "[x] " : "[ ] ";
	}
	on = (v->kind == ANSWER_OPTION && (size_t)v->num == i) ||
	    (v->kind == ANSWER_UNKNOWN && i == q->n_options);
	return on ? "(*) " : "( ) ";
}

/* Draws the option list in rows [row, bottom), scrolled so that the focus shows. Returns the
 * row of the focused option (for the cursor); *end is the first row after the list. */
static int
draw_items(struct wizard *wz, const struct question *q, int row, int bottom, int width, int *end)
{
	size_t n = answer_n_items(q), focus = wz->question.focus, i, first = 0;
	char ***lines = xcalloc(n + 1, sizeof *lines);
	size_t *count = xcalloc(n + 1, sizeof *count);
	int need, r = row, focus_row = row;
	char num[24];

	for (i = 0; i < n; i++)
		count[i] =
		    draw_wrap(&wz->dc, item_label(wz, q, i), (size_t)width - 10, "", "", &lines[i]);
	/* Scroll when the list does not fit: keep a row each for "more above" and "more
	 * below", and show the focused option with as much as fits before it. */
	need = 0;
	for (i = 0; i < n; i++)
		need += (int)count[i];
	if (need > bottom - row) {
		bottom--; /* the "more below" row, when it is needed */
		for (;;) {
			need = first > 0 ? 1 : 0;
			for (i = first; i <= focus && i < n; i++)
				need += (int)count[i];
			if (need <= bottom - row || first >= focus)
				break;
			first++;
		}
	}
	if (first > 0)
		draw_line(&wz->dc, r++, 1, width, _("  (more above)"), A_DIM);
	for (i = first; i < n && r < bottom; i++) {
		attr_t attr = i == focus ? A_REVERSE : A_NORMAL;
		bool cut = r + (int)count[i] > bottom;

		/* An option that does not fit waits under "more below": its first lines alone
		 * could read as a whole, different answer. Only the focused one, or one taller
		 * than the list, is cut, and says so. */
		if (cut && i != focus && i > first)
			break;
		if (i == focus)
			focus_row = r;
		/* The key that picks it, as the patient types it; none past the last key. */
		snprintf(num, sizeof num, "%2c",
		    keymap_option_key(i) != 0 ? keymap_option_key(i) : ' ');
		draw_line(&wz->dc, r, 1, 1, i == focus ? ">" : " ", i == focus ? A_BOLD : A_NORMAL);
		draw_line(&wz->dc, r, 2, 2, num, A_NORMAL);
		draw_line(&wz->dc, r, 5, 4, item_mark(wz, q, i), attr);
		for (size_t k = 0; k < count[i] && r < bottom; k++, r++) {
			struct strbuf more = { 0 };

			if (!cut || r < bottom - 1) {
				draw_line(&wz->dc, r, 9, width - 10, lines[i][k], attr);
				continue;
			}
			sb_printf(&more, "%s %s", lines[i][k], wz->dc.ascii ? "..." : "\u2026");
			draw_fit(&wz->dc, r, 9, width - 10, sb_str(&more), attr);
			sb_free(&more);
		}
	}
	if (i < n)
		draw_line(&wz->dc, r = bottom, 1, width, _("  (more below)"), A_DIM);
	*end = r;
	for (i = 0; i < n; i++)
		draw_lines_free(lines[i], count[i]);
	free(lines);
	free(count);
	return focus_row;
}

/* The picture of the focused option, captioned with its key and label, at (row, col) in
 * the rows up to bottom; when it does not fit there, the message line says that ? shows it.
 * An option without a picture shows none. */
static void
draw_picture(struct wizard *wz, const struct question *q, int row, int bottom, int col)
{
	size_t focus = wz->question.focus;
	const char *ill = focus < q->n_options ? wizard_qtext(wz, q)->picture[focus] : NULL;
	struct strbuf caption = { 0 };
	char **lines, **cap;
	size_t i, n, nc;

	if (ill == NULL)
		return;
	if (keymap_option_key(focus) != 0)
		sb_printf(&caption, "%c: ", keymap_option_key(focus));
	sb_append(&caption, item_label(wz, q, focus));
	nc = draw_wrap(&wz->dc, sb_str(&caption), PICTURE_WIDTH, "", "", &cap);
	n = draw_wrap(&wz->dc, ill, PICTURE_WIDTH, "", "", &lines);
	if ((int)(n + nc) > bottom - row) {
		if (wz->msg[0] == '\0')
			draw_fit(&wz->dc, LINES - 3, 1, COLS - 2, _("(? shows the picture)"),
			    A_DIM);
	} else {
		for (i = 0; i < nc; i++)
			draw_line(&wz->dc, row++, col, PICTURE_WIDTH, cap[i], A_BOLD);
		for (i = 0; i < n; i++)
			draw_line(&wz->dc, row++, col, PICTURE_WIDTH, lines[i], A_NORMAL);
	}
	draw_lines_free(lines, n);
	draw_lines_free(cap, nc);
	sb_free(&caption);
}

/* The columns the options take (their labels wrap at width - 10) and, when the question has
 * pictures, the column of the picture beside them: just past the longest label when the
 * screen is wide enough, else beside a narrower list; -1 when the picture goes below. The
 * same for every focus, so that moving redraws only the picture. */
static int
list_layout(struct wizard *wz, const struct question *q, int width, int *pic_col)
{
	size_t i, widest = 0, w;
	bool pictures = false;
	int need;

	*pic_col = -1;
	for (i = 0; i < q->n_options; i++)
		pictures = pictures || wizard_qtext(wz, q)->picture[i] != NULL;
	if (!pictures)
		return width;
	for (i = 0; i < answer_n_items(q); i++) {
		struct strbuf label = { 0 };

		if (wz->dc.ascii)
			text_to_ascii(&label, item_label(wz, q, i));
		else
			sb_append(&label, item_label(wz, q, i));
		if ((w = draw_width(sb_str(&label), label.len)) > widest)
			widest = w;
		sb_free(&label);
	}
	need = (int)widest + 10 < width ? (int)widest + 10 : width;
	if (need + 1 + PICTURE_WIDTH <= COLS - 1) {
		*pic_col = need + 1;
		return need;
	}
	if (width - 1 - PICTURE_WIDTH >= MIN_LIST_COLS) {
		*pic_col = width - PICTURE_WIDTH;
		return width - 1 - PICTURE_WIDTH;
	}
	return width;
}

/* The question, leaving at least three rows for the options; when it is cut, its last
 * row says that ? shows the rest. Returns the rows used. */
static int
question_text(struct wizard *wz, const struct question *q, int row, int bottom, int width)
{
	char **lines;
	size_t i, n = draw_wrap(&wz->dc, wizard_qtext(wz, q)->text, (size_t)width, "", "", &lines);
	int max = bottom - row - 4, used = 0;

	if (q->type != QTYPE_SINGLE && q->type != QTYPE_MULTI)
		max = bottom - row - 2;
	if (max < 1)
		max = 1;
	for (i = 0; i < n && used < max; i++, used++)
		draw_line(&wz->dc, row + used, 1, width,
		    (int)n > max && used == max - 1 ? _("... (? shows the whole question)") :
		                                      lines[i],
		    A_BOLD);
	draw_lines_free(lines, n);
	return used;
}

/* The number or text field; returns the cursor's column. */
static int
draw_entry(struct wizard *wz, const struct question *q, int *row, int width)
{
	struct strbuf field = { .secret = true };
	const struct strbuf *entry = &wz->question.entry;
	char *shown = text_sanitize(sb_str(entry), entry->len, 0, false);
	int col;

	if (q->type == QTYPE_INTEGER) {
		const char *unit = wizard_qtext(wz, q)->unit;

		sb_printf(&field, _("(%ld to %ld%s%s)"), q->min, q->max, unit ? " " : "",
		    unit ? unit : "");
		draw_line(&wz->dc, (*row)++, 3, width - 2, sb_str(&field), A_DIM);
		sb_reset(&field);
	}
	sb_printf(&field, "> %s",
	    strcmp(shown, "u") == 0 && q->allow_unknown ? wizard_qtext(wz, q)->unknown : shown);
	draw_line(&wz->dc, *row, 1, width, sb_str(&field), A_REVERSE);
	col = 1 + (int)draw_width(sb_str(&field), field.len);
	/* A number opened with its answer is selected, as in a form: say what typing does. */
	if (wz->question.selected)
		draw_fit(&wz->dc, *row, col + 2, width - col - 1,
		    _("(type to replace, Right to edit)"), A_DIM);
	explicit_bzero(shown, strlen(shown));
	free(shown);
	sb_free(&field);
	return col;
}

/* A review: whose answer this is, or that it was changed, in one line under the question.
 * Returns the rows used. */
static int
reported_line(struct wizard *wz, const struct question *q, int row, int width)
{
	size_t i = (size_t)(q - wz->qn->questions);
	const struct answer *was;
	const char *by;
	struct strbuf sb = { .secret = true };
	bool changed;
	enum reported_source src;
	int used;

	if (!session_reviewing(wz->s) || q->type == QTYPE_INFO)
		return 0;
	was = session_reported(wz->s, i);
	by = session_reported_by(wz->s, i);
	src = session_reported_source(wz->s, i);
	changed = session_review_changed(wz->s, i);
	if (changed) {
		if (src == REPORTED_REVIEW)
			sb_printf(&sb, _("Changed in this review; recorded before, by %s: "), by);
		else if (src == REPORTED_CONSULTANT)
			sb_append(&sb, _("Changed in this review; recorded before: "));
		else
			sb_append(&sb, _("Changed in this review; the patient said: "));
		if (was->kind == ANSWER_ABSENT)
			sb_append(&sb, _("no answer"));
		else
			answer_format_text(q, wizard_qtext(wz, q), was, &sb);
	} else if (src == REPORTED_NOBODY)
		sb_append(&sb,
		    q->audience == AUDIENCE_CONSULTANT ?
		        (q->required ?
		                _("For the consultant: the patient was not asked this.") :
		                _("For the consultant: the patient was not asked this. Enter "
		                  "leaves it unanswered.")) :
		        _("The patient gave no answer."));
	else if (src == REPORTED_REVIEW)
		sb_printf(&sb, _("Recorded by %s in an earlier review. Enter confirms it."), by);
	else if (src == REPORTED_CONSULTANT)
		sb_append(&sb, _("Recorded before, for the consultant. Enter confirms it."));
	else
		sb_append(&sb, _("Patient-reported answer: Enter confirms it, or give another."));
	/* Two rows at most: the options need the rest. */
	used = draw_text(&wz->dc, row, 1, width, 2, sb_str(&sb), changed ? A_BOLD : A_DIM);
	sb_free(&sb);
	return used + 1;
}

static void
question_draw(struct wizard *wz)
{
	const struct question *q = current(wz);
	int row = 2, width = draw_text_columns(), bottom = LINES - 4, cursor_row, cursor_col = 3;

	page_question_frame(wz, NULL);
	row += question_text(wz, q, row, bottom, width) + 1;
	row += reported_line(wz, q, row, width);
	cursor_row = row;
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTI) {
		int end, pic_col, list_w = list_layout(wz, q, width, &pic_col);

		cursor_row = draw_items(wz, q, row, bottom, list_w, &end);
		if (pic_col >= 0)
			draw_picture(wz, q, row, bottom, pic_col);
		else
			draw_picture(wz, q, end + 1, bottom, 9);
	} else if (q->type == QTYPE_INTEGER || q->type == QTYPE_TEXT) {
		cursor_col = draw_entry(wz, q, &row, width);
		cursor_row = row;
	}
	/* The hardware cursor sits on the focus, for screen readers and magnifiers. */
	move(cursor_row < LINES ? cursor_row : LINES - 1, cursor_col < COLS ? cursor_col : 0);
}

/* --- answering ------------------------------------------------------------------------- */

/* After an answer: the next question, or from the review only what is still missing. */
void
page_question_advance(struct wizard *wz)
{
	struct question_page *qp = &wz->question;
	size_t next = session_advance(wz->s, qp->q, qp->from_review);

	if (qp->from_review && next < wz->qn->n_questions)
		page_question_open(wz, next, true);
	else
		wizard_go_to(wz, next);
}

/* As page_question_advance, but a consultant who has just changed a reported answer (or
 * left one changed without a reason) says why first, while it is fresh. */
static void
advance(struct wizard *wz)
{
	struct question_page *qp = &wz->question;
	const struct question *q = current(wz);

	if (session_reviewing(wz->s) && session_review_changed(wz->s, qp->q) &&
	    (session_review_reason(wz->s, qp->q) == NULL ||
	        review_is_change(q, &qp->opened, session_answer(wz->s, qp->q)))) {
		page_prompt_open(wz, PROMPT_REASON, qp->q, 0, PROMPT_THEN_ADVANCE);
		return;
	}
	page_question_advance(wz);
}

/* Records v as the answer, or says what is wrong with it. */
static void
answer(struct wizard *wz, const struct answer *v)
{
	char buf[200];
	enum answer_error e = session_set(wz->s, wz->question.q, v);

	if (e != ANSWER_OK) {
		wizard_say(wz,
		    answer_error_text(e, current(wz), wizard_qtext(wz, current(wz)), buf,
		        sizeof buf));
		return;
	}
	advance(wz);
	if (session_draft_problem(wz->s) != NULL) {
		snprintf(wz->msg, sizeof wz->msg, _("The draft could not be kept: %s"),
		    session_draft_problem(wz->s));
	}
}

static void
go_back(struct wizard *wz)
{
	size_t prev = session_back(wz->s);

	/* No way back recorded (after a resume, the trail is empty): the question before. */
	if (prev >= wz->qn->n_questions)
		prev = session_previous(wz->s, wz->question.q);
	if (wz->question.from_review)
		wizard_show(wz, &page_review);
	else if (prev >= wz->qn->n_questions && session_reviewing(wz->s))
		wizard_say(wz, _("This is the first question."));
	else if (prev >= wz->qn->n_questions && wz->ask_client)
		page_identity_open(wz, false); /* the page before the first question */
	else if (prev >= wz->qn->n_questions)
		wizard_show(wz, &page_welcome);
	else
		page_question_open(wz, prev, false);
}

static void
choose(struct wizard *wz, size_t item)
{
	struct answer v = { 0 };

	answer_add_item(current(wz), &v, item);
	answer(wz, &v);
	answer_clear(&v);
}

static void
confirm_multi(struct wizard *wz)
{
	if (answer_check(current(wz), &wz->question.ticks) == ANSWER_ERR_EMPTY) {
		wizard_say(wz, _("Tick at least one answer with Space, then press Enter."));
		return;
	}
	answer(wz, &wz->question.ticks);
}

static void
confirm_entry(struct wizard *wz)
{
	const struct question *q = current(wz);
	struct strbuf *entry = &wz->question.entry;
	char buf[200];
	enum answer_error e;

	/* An empty field leaves an optional question unanswered. */
	if (entry->len == 0 && session_skip(wz->s, wz->question.q) == ANSWER_OK) {
		advance(wz);
		return;
	}
	if ((e = session_type(wz->s, wz->question.q, sb_str(entry))) != ANSWER_OK) {
		wizard_say(wz, answer_error_text(e, q, wizard_qtext(wz, q), buf, sizeof buf));
		return;
	}
	advance(wz);
}

/* Checks the number as it is typed, so that a mistake shows before Enter: more digits can
 * never bring a number that is already too large back into range. */
static void
check_typing(struct wizard *wz, const struct question *q)
{
	struct answer v = { 0 };

	wz->msg[0] = '\0';
	if (q->type != QTYPE_INTEGER)
		return;
	if (answer_parse(q, sb_str(&wz->question.entry), &v) == ANSWER_ERR_RANGE && v.num > q->max)
		snprintf(wz->msg, sizeof wz->msg, _("That is more than %ld."), q->max);
	answer_clear(&v);
}

static void
type_char(struct wizard *wz, const struct question *q, unsigned char byte)
{
	struct strbuf *entry = &wz->question.entry;

	if (entry->len < (q->type == QTYPE_TEXT ? q->max_length : NUMBER_MAX_BYTES) ||
	    wz->question.selected) {
		/* "u" stands for the whole answer: it replaces a number, and a digit replaces
		 * it; so does anything typed over a selected number. */
		if (q->type == QTYPE_INTEGER &&
		    (byte == 'u' || byte == 'U' || sb_str(entry)[0] == 'u' ||
		        wz->question.selected))
			sb_reset(entry);
		wz->question.selected = false;
		sb_appendc(entry, (char)byte);
	}
	check_typing(wz, q);
}

static void
erase_char(struct wizard *wz, const struct question *q)
{
	struct strbuf *entry = &wz->question.entry;

	/* Nothing to erase: Backspace does nothing here, however often it is pressed (a
	 * patient holding it down must not find themselves questions back). */
	if (entry->len == 0) {
		wizard_say(wz, _("Nothing to erase. Left or Shift-Tab goes back."));
		return;
	}
	wz->question.selected = false;
	/* Whole characters: continuation bytes go with their lead byte. */
	while (entry->len > 0 && ((unsigned char)entry->buf[--entry->len] & 0xc0) == 0x80)
		entry->buf[entry->len] = '\0';
	entry->buf[entry->len] = '\0';
	check_typing(wz, q);
}

enum ui_context
page_question_context(const struct question *q)
{
	return q->type == QTYPE_INTEGER ? UI_CTX_NUMBER :
	    q->type == QTYPE_TEXT       ? UI_CTX_TEXT :
	                                  UI_CTX_LIST;
}

static void
question_key(struct wizard *wz, int key)
{
	struct question_page *qp = &wz->question;
	const struct question *q = current(wz);
	struct ui_key k = keymap_lookup(key, page_question_context(q));
	size_t n = answer_n_items(q);

	if (wizard_move_focus(&qp->focus, n, k.action, n)) {
		qp->moved = true;
		return;
	}
	switch (k.action) {
	case UI_DIGIT:
		if ((size_t)k.digit > n) {
			wizard_say(wz, _("There is no option with that key."));
			break;
		}
		qp->focus = (size_t)k.digit - 1;
		/* One keystroke on a single choice: over SSH every key is a round trip. */
		if (q->type == QTYPE_SINGLE)
			choose(wz, qp->focus);
		else
			answer_toggle(q, &qp->ticks, qp->focus);
		break;
	case UI_TOGGLE:
		if (q->type == QTYPE_MULTI)
			answer_toggle(q, &qp->ticks, qp->focus);
		else if (q->type == QTYPE_SINGLE)
			choose(wz, qp->focus);
		break;
	case UI_CONFIRM:
		/* A consultant confirming answer after answer with Enter must not record the
		 * first option of an optional question nobody answered ("unwell today: yes"):
		 * in a review, Enter leaves it unanswered until an option is chosen. */
		if (q->type == QTYPE_SINGLE && session_reviewing(wz->s) && !qp->moved &&
		    session_answer(wz->s, qp->q)->kind == ANSWER_ABSENT &&
		    session_skip(wz->s, qp->q) == ANSWER_OK)
			advance(wz);
		else if (q->type == QTYPE_SINGLE)
			choose(wz, qp->focus);
		else if (q->type == QTYPE_MULTI)
			confirm_multi(wz);
		else if (q->type == QTYPE_INFO)
			advance(wz);
		else
			confirm_entry(wz);
		break;
	case UI_CHAR:
		type_char(wz, q, k.byte);
		break;
	case UI_ERASE:
		erase_char(wz, q);
		break;
	case UI_BACK:
		go_back(wz);
		break;
	case UI_EDIT:
		qp->selected = false;
		break;
	case UI_HELP:
		qp->help_top = 0;
		wz->page = &page_help;
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->dialog = &page_quit;
		break;
	default:
		break;
	}
}

const struct page page_question = { question_draw, question_key };
