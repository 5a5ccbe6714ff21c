#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smpscreen/i18n.h"
#include "smpscreen/keymap.h"
#include "smpscreen/report.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/term.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"
#include "walk.h"
#include "wizard.h"

/* Below this the layout cannot hold a question and its options. */
#define MIN_ROWS 15
#define MIN_COLS 40
/* Wider text is harder to read; the report is 72 columns anyway. */
#define MAX_TEXT 76
/* Pictures sit beside the options from this width on, below them otherwise. */
#define SIDE_PICTURE_COLS 76
#define PICTURE_WIDTH 24
#define KEY_TIMEOUT_MS 250

enum page { PAGE_WELCOME, PAGE_QUESTION, PAGE_REVIEW, PAGE_RESULT };

struct wizard {
	struct cli *c;
	struct walk w;
	const struct questionnaire *qn;
	bool ascii;
	enum page page;
	size_t q;                 /* the question on screen */
	size_t focus;             /* focused option; n_options is the "unknown" choice */
	uint64_t ticks;           /* a multi-choice answer being edited */
	bool tick_unknown;
	struct strbuf entry;      /* a number or text being typed */
	char msg[200];            /* one line under the question: errors, confirmations */
	bool help;                /* the help panel replaces the options */
	bool confirm_quit;
	bool from_review;         /* an answer changed from the review returns there */
	size_t review_focus;      /* index into the review items */
	size_t top;               /* first line shown of the review or the result */
	struct strbuf report;     /* the saved report (72 columns) */
	char *report_path;        /* NULL with --no-save */
	struct strbuf shown;      /* the report laid out for the screen width */
	size_t shown_width;       /* 0: to be laid out */
	bool saved;
	char *draft;              /* where answers are kept after every question; may be NULL */
	bool draft_waiting;       /* the welcome page offers to continue it */
	bool kept_draft;          /* quit with the draft kept for later */
	bool done;
	int rc;
};

/* --- drawing helpers ----------------------------------------------------------------- */

/* Bytes of s that fit in width columns, whole characters only. */
static size_t
fit(const char *s, size_t width)
{
	size_t i = 0, n, used = 0, w;
	char ch[5];

	while (s[i] != '\0') {
		n = 1;
		while (n < 4 && ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n++;
		memcpy(ch, s + i, n);
		ch[n] = '\0';
		w = text_width(ch);
		if (used + w > width)
			break;
		used += w;
		i += n;
	}
	return i;
}

/* Draws one line at (row, col), cut to width columns, with attributes. */
static void
put_line(struct wizard *wz, int row, int col, int width, const char *s, attr_t attr)
{
	struct strbuf tmp = { 0 };
	size_t n;

	if (row < 0 || row >= LINES || width <= 0)
		return;
	if (wz->ascii) {
		text_to_ascii(&tmp, s);
		s = sb_str(&tmp);
	}
	n = fit(s, (size_t)width);
	attron(attr);
	mvaddnstr(row, col, s, (int)n);
	attroff(attr);
	sb_free(&tmp);
}

/* Wraps s to width columns into lines (each a NUL-terminated copy); returns the count. */
static size_t
wrap_lines(struct wizard *wz, const char *s, size_t width, const char *first,
    const char *indent, char ***out)
{
	struct strbuf sb = { 0 }, ascii = { 0 };
	char **lines = NULL, *p, *eol;
	size_t n = 0;

	if (wz->ascii) {
		text_to_ascii(&ascii, s);
		s = sb_str(&ascii);
	}
	text_wrap(&sb, s, width, first, indent);
	for (p = sb.buf; p != NULL && *p != '\0'; p = eol + 1) {
		eol = strchr(p, '\n');
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n++] = xstrndup(p, (size_t)(eol - p));
	}
	sb_free(&sb);
	sb_free(&ascii);
	*out = lines;
	return n;
}

static void
free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Draws wrapped text from row on, at most max_rows lines; returns the rows used. */
static int
put_text(struct wizard *wz, int row, int col, int width, int max_rows, const char *s,
    attr_t attr)
{
	char **lines;
	size_t i, n = wrap_lines(wz, s, (size_t)width, "", "", &lines);
	int used = 0;

	for (i = 0; i < n && used < max_rows; i++, used++)
		put_line(wz, row + used, col, width, lines[i], attr);
	free_lines(lines, n);
	return used;
}

static int
text_columns(void)
{
	return (COLS - 2 < MAX_TEXT ? COLS - 2 : MAX_TEXT);
}

/* The lines every screen shares: title, and at the bottom the hints and the reminder
 * that this is a screening aid. */
static void
frame(struct wizard *wz, const char *title, const char *hints)
{
	put_line(wz, 0, 0, COLS, title, A_BOLD);
	if (wz->msg[0] != '\0')
		put_line(wz, LINES - 3, 1, COLS - 2, wz->msg, A_BOLD);
	put_line(wz, LINES - 2, 1, COLS - 2, hints, A_NORMAL);
	put_line(wz, LINES - 1, 1, COLS - 2,
	    _("A screening aid, not medical advice: a practitioner decides."), A_DIM);
}

static void
say(struct wizard *wz, const char *s)
{
	snprintf(wz->msg, sizeof wz->msg, "%s", s);
}

/* Keeps the answers so far after every question: a dropped connection loses nothing. */
static void
save_draft(struct wizard *wz)
{
	char *cause = NULL;

	if (wz->draft != NULL && answers_save(wz->w.a, wz->draft, &cause) != 0) {
		snprintf(wz->msg, sizeof wz->msg, _("The draft could not be kept: %s"), cause);
		free(cause);
	}
}

/* A finished or abandoned consultation leaves nothing behind. */
static void
drop_draft(struct wizard *wz)
{
	if (wz->draft != NULL)
		unlink(wz->draft);
}

/* --- the welcome page ------------------------------------------------------------------ */

static void
draw_welcome(struct wizard *wz)
{
	int row = 2, w = text_columns();

	frame(wz, wz->qn->title, wz->draft_waiting ?
	    _("r: continue where you left off   Enter: start again   q: quit") :
	    _("Enter: start   q: quit"));
	row += put_text(wz, row, 1, w, LINES - 6 - row, _("This questionnaire helps a clinic "
	    "see whether scalp micropigmentation (SMP) may suit you, and what to expect. It "
	    "takes about 10 to 15 minutes."), A_NORMAL) + 1;
	row += put_text(wz, row, 1, w, LINES - 6 - row, _("It is a screening aid, not medical "
	    "advice: a practitioner makes the decision, in person."), A_BOLD) + 1;
	put_text(wz, row, 1, w, LINES - 5 - row, _("Move with the arrow keys, choose with "
	    "Enter, tick several with Space. A number picks an option straight away. "
	    "Backspace goes back, ? shows help."), A_NORMAL);
}

/* --- the question page ----------------------------------------------------------------- */

static size_t
n_items(const struct question *q)
{
	return q->n_options + (q->allow_unknown ? 1 : 0);
}

static const char *
item_label(const struct question *q, size_t i)
{
	return i < q->n_options ? q->options[i].label : q->unknown_label;
}

/* Moves a focus within a list of n items (page: the step of PgUp/PgDn); false when the
 * action is not a movement. */
static bool
move_focus(size_t *focus, size_t n, enum ui_action a, size_t page)
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

/* Puts the current answer of question q into the editing state. */
static void
load_question(struct wizard *wz, size_t q)
{
	const struct question *qq = &wz->qn->questions[q];
	const struct answer *v = &wz->w.a->eff[q];

	wz->q = q;
	wz->focus = 0;
	wz->ticks = 0;
	wz->tick_unknown = false;
	wz->help = false;
	sb_reset(&wz->entry);
	switch (v->kind) {
	case ANSWER_OPTION:
		wz->focus = (size_t)v->num;
		break;
	case ANSWER_OPTIONS:
		wz->ticks = v->set;
		break;
	case ANSWER_UNKNOWN:
		wz->focus = qq->n_options;
		wz->tick_unknown = true;
		if (qq->type == QTYPE_INTEGER)
			sb_append(&wz->entry, "u");
		break;
	case ANSWER_INTEGER:
		sb_printf(&wz->entry, "%ld", v->num);
		break;
	case ANSWER_TEXT:
		sb_append(&wz->entry, v->text);
		break;
	case ANSWER_ABSENT:
		break;
	}
}

static void
progress(struct wizard *wz, char *buf, size_t size)
{
	const struct question *q = &wz->qn->questions[wz->q];
	size_t before, total = walk_count(&wz->w, wz->q, &before);

	/* Counted over the questions the answers so far will show; display-only items are
	 * not questions. */
	if (q->type == QTYPE_INFO)
		snprintf(buf, size, _("Section %zu of %zu: %s"), q->section + 1,
		    wz->qn->n_sections, wz->qn->sections[q->section].title);
	else
		snprintf(buf, size, _("Section %zu of %zu: %s  -  question %zu of about %zu"),
		    q->section + 1, wz->qn->n_sections, wz->qn->sections[q->section].title,
		    before + 1, total);
}

/* The marker of option i: chosen or ticked. */
static const char *
item_mark(struct wizard *wz, const struct question *q, size_t i)
{
	bool on;

	if (q->type == QTYPE_MULTI) {
		on = i < q->n_options ? (wz->ticks & (UINT64_C(1) << i)) != 0 : wz->tick_unknown;
		return on ? "[x] " : "[ ] ";
	}
	on = (wz->w.a->eff[wz->q].kind == ANSWER_OPTION && (size_t)wz->w.a->eff[wz->q].num == i)
	    || (wz->w.a->eff[wz->q].kind == ANSWER_UNKNOWN && i == q->n_options);
	return on ? "(*) " : "( ) ";
}

/* Draws the option list in rows [row, bottom), scrolled so that the focus shows. Returns the
 * row of the focused option (for the cursor); *end is the first row after the list. */
static int
draw_items(struct wizard *wz, const struct question *q, int row, int bottom, int width,
    int *end)
{
	char ***lines = xcalloc(n_items(q) + 1, sizeof *lines);
	size_t *count = xcalloc(n_items(q) + 1, sizeof *count), i, first = 0;
	int need, r = row, focus_row = row;
	char num[24];

	for (i = 0; i < n_items(q); i++)
		count[i] = wrap_lines(wz, item_label(q, i), (size_t)width - 10, "", "", &lines[i]);
	/* Scroll when the list does not fit: keep a row each for "more above" and "more
	 * below", and show the focused option with as much as fits before it. */
	need = 0;
	for (i = 0; i < n_items(q); i++)
		need += (int)count[i];
	if (need > bottom - row) {
		bottom--; /* the "more below" row, when it is needed */
		for (;;) {
			need = first > 0 ? 1 : 0;
			for (i = first; i <= wz->focus && i < n_items(q); i++)
				need += (int)count[i];
			if (need <= bottom - row || first >= wz->focus)
				break;
			first++;
		}
	}
	if (first > 0)
		put_line(wz, r++, 1, width, _("  (more above)"), A_DIM);
	for (i = first; i < n_items(q) && r < bottom; i++) {
		attr_t attr = i == wz->focus ? A_REVERSE : A_NORMAL;

		if (i == wz->focus)
			focus_row = r;
		/* The number is what a patient types: shown up to 9, where typing can reach. */
		snprintf(num, sizeof num, i < 9 ? "%2zu" : "  ", i + 1);
		put_line(wz, r, 1, 1, i == wz->focus ? ">" : " ",
		    i == wz->focus ? A_BOLD : A_NORMAL);
		put_line(wz, r, 2, 2, num, A_NORMAL);
		put_line(wz, r, 5, 4, item_mark(wz, q, i), attr);
		for (size_t k = 0; k < count[i] && r < bottom; k++, r++)
			put_line(wz, r, 9, width - 10, lines[i][k], attr);
	}
	if (i < n_items(q))
		put_line(wz, r = bottom, 1, width, _("  (more below)"), A_DIM);
	*end = r;
	for (i = 0; i < n_items(q); i++)
		free_lines(lines[i], count[i]);
	free(lines);
	free(count);
	return focus_row;
}

/* The picture of the focused option, beside the list on wide screens, else below it when
 * there is room; otherwise a hint that ? shows it. */
static void
draw_picture(struct wizard *wz, const struct question *q, int row, int bottom, bool side)
{
	const char *ill = wz->focus < q->n_options ? q->options[wz->focus].illustration : NULL;
	char **lines;
	size_t i, n;
	int col = side ? COLS - PICTURE_WIDTH - 1 : 9;

	if (ill == NULL)
		return;
	n = wrap_lines(wz, ill, PICTURE_WIDTH, "", "", &lines);
	if ((int)n > bottom - row) {
		if (wz->msg[0] == '\0')
			put_line(wz, LINES - 3, 1, COLS - 2, _("(? shows the picture)"), A_DIM);
	}
	else
		for (i = 0; i < n; i++)
			put_line(wz, row + (int)i, col, PICTURE_WIDTH, lines[i], A_NORMAL);
	free_lines(lines, n);
}

static void
draw_help(struct wizard *wz, const struct question *q, int row, int bottom, int width)
{
	const char *ill = wz->focus < q->n_options ? q->options[wz->focus].illustration : NULL;

	row += put_text(wz, row, 1, width, bottom - row, q->help != NULL ? q->help :
	    _("There is no more help for this question; the consultant can explain it."),
	    A_NORMAL) + 1;
	if (ill != NULL && row < bottom) {
		put_line(wz, row++, 1, width, item_label(q, wz->focus), A_BOLD);
		put_text(wz, row, 3, width - 2, bottom - row, ill, A_NORMAL);
	}
}

/* The question, leaving at least three rows for the options; when it is cut, its last
 * row says that ? shows the rest. Returns the rows used. */
static int
question_text(struct wizard *wz, const struct question *q, int row, int bottom, int width)
{
	char **lines;
	size_t i, n = wrap_lines(wz, q->text, (size_t)width, "", "", &lines);
	int max = bottom - row - 4, used = 0;

	if (q->type != QTYPE_SINGLE && q->type != QTYPE_MULTI)
		max = bottom - row - 2;
	if (max < 1)
		max = 1;
	for (i = 0; i < n && used < max; i++, used++)
		put_line(wz, row + used, 1, width, (int)n > max && used == max - 1 ?
		    _("... (? shows the whole question)") : lines[i], A_BOLD);
	free_lines(lines, n);
	return used;
}

static void
draw_question(struct wizard *wz)
{
	const struct question *q = &wz->qn->questions[wz->q];
	char head[256];
	int row = 2, width = text_columns(), bottom = LINES - 4, cursor_row, cursor_col = 3;
	bool side = COLS >= SIDE_PICTURE_COLS;
	const char *hints;

	progress(wz, head, sizeof head);
	switch (q->type) {
	case QTYPE_MULTI:
		hints = _("Up/Down move  Space tick  Enter done  Backspace back  ? help  q quit");
		break;
	case QTYPE_INTEGER:
		hints = q->allow_unknown ? _("Type a number (u: not sure)  Enter done  Left back  "
		    "? help  q quit") : _("Type a number  Enter done  Left back  ? help  q quit");
		break;
	case QTYPE_TEXT:
		hints = _("Type, then Enter  Left back  F1 help  Ctrl-C quit");
		break;
	case QTYPE_INFO:
		hints = _("Enter continue  Backspace back  q quit");
		break;
	default:
		hints = _("Up/Down move  Enter or a number choose  Backspace back  ? help  q quit");
		break;
	}
	frame(wz, head, hints);
	if (wz->help) {
		/* The whole question first: on a small screen it may have been cut. */
		row += put_text(wz, row, 1, width, bottom - row, q->text, A_BOLD) + 1;
		draw_help(wz, q, row, bottom, width);
		move(2, 1);
		return;
	}
	row += question_text(wz, q, row, bottom, width) + 1;
	cursor_row = row;
	if (q->type == QTYPE_SINGLE || q->type == QTYPE_MULTI) {
		int end;

		side = side && width > PICTURE_WIDTH + 30;
		cursor_row = draw_items(wz, q, row, bottom, side ? COLS - PICTURE_WIDTH - 3 : width,
		    &end);
		draw_picture(wz, q, side ? row : end + 1, bottom, side);
	} else if (q->type == QTYPE_INTEGER || q->type == QTYPE_TEXT) {
		struct strbuf field = { 0 };
		char *shown = text_sanitize(sb_str(&wz->entry), wz->entry.len, 0, false);

		if (q->type == QTYPE_INTEGER) {
			sb_printf(&field, _("(%ld to %ld%s%s)"), q->min, q->max, q->unit ? " " : "",
			    q->unit ? q->unit : "");
			put_line(wz, row++, 3, width - 2, sb_str(&field), A_DIM);
			sb_reset(&field);
		}
		sb_printf(&field, "> %s", strcmp(shown, "u") == 0 && q->allow_unknown ?
		    q->unknown_label : shown);
		put_line(wz, row, 1, width, sb_str(&field), A_REVERSE);
		cursor_row = row;
		cursor_col = 1 + (int)text_width(sb_str(&field));
		free(shown);
		sb_free(&field);
	}
	/* The hardware cursor sits on the focus, for screen readers and magnifiers. */
	move(cursor_row < LINES ? cursor_row : LINES - 1, cursor_col < COLS ? cursor_col : 0);
}

/* Goes to question q, or to the review when there is none left to ask. */
static void
go_to(struct wizard *wz, size_t q)
{
	wz->msg[0] = '\0';
	if (q >= wz->qn->n_questions) {
		wz->page = PAGE_REVIEW;
		wz->from_review = false;
		wz->top = 0;
		return;
	}
	wz->page = PAGE_QUESTION;
	load_question(wz, q);
}

/* After an answer: the next question, or from the review only what is still missing. */
static void
advance(struct wizard *wz)
{
	walk_push(&wz->w, wz->q);
	if (wz->from_review) {
		size_t next = walk_next(&wz->w, 0, true);

		if (next < wz->qn->n_questions) {
			load_question(wz, next);
			return;
		}
		wz->page = PAGE_REVIEW;
		wz->from_review = false;
		return;
	}
	go_to(wz, walk_next(&wz->w, wz->q + 1, false));
}

static void
set_answer(struct wizard *wz, const struct answer *v)
{
	answer_set(wz->w.a, wz->q, v);
	walk_settle(&wz->w);
	save_draft(wz);
}

static void
go_back(struct wizard *wz)
{
	size_t prev = walk_back(&wz->w);

	wz->msg[0] = '\0';
	if (wz->from_review) {
		wz->page = PAGE_REVIEW;
		wz->from_review = false;
	} else if (prev >= wz->qn->n_questions)
		wz->page = PAGE_WELCOME;
	else
		load_question(wz, prev);
}

static void
choose(struct wizard *wz, const struct question *q, size_t item)
{
	struct answer v = { 0 };

	if (item == q->n_options)
		v.kind = ANSWER_UNKNOWN;
	else {
		v.kind = ANSWER_OPTION;
		v.num = (long)item;
	}
	set_answer(wz, &v);
	advance(wz);
}

static void
toggle(struct wizard *wz, const struct question *q, size_t item)
{
	long none = question_find_option(q, "none");

	/* "None" and "not sure" stand alone: ticking one clears the rest, as the contract's
	 * answer files require. */
	if (item == q->n_options) {
		wz->tick_unknown = !wz->tick_unknown;
		wz->ticks = 0;
		return;
	}
	wz->tick_unknown = false;
	wz->ticks ^= UINT64_C(1) << item;
	if (none >= 0 && (size_t)none == item)
		wz->ticks &= UINT64_C(1) << item;
	else if (none >= 0)
		wz->ticks &= ~(UINT64_C(1) << none);
}

static void
confirm_multi(struct wizard *wz)
{
	struct answer v = { 0 };

	if (!wz->tick_unknown && wz->ticks == 0) {
		say(wz, _("Tick at least one answer with Space, then press Enter."));
		return;
	}
	v.kind = wz->tick_unknown ? ANSWER_UNKNOWN : ANSWER_OPTIONS;
	v.set = wz->ticks;
	set_answer(wz, &v);
	advance(wz);
}

static void
confirm_entry(struct wizard *wz, const struct question *q)
{
	struct answer v = { 0 };
	const char *s = sb_str(&wz->entry);
	char *end;
	long n;

	if (q->type == QTYPE_TEXT) {
		if (wz->entry.len == 0 && !q->required) {
			answer_clear(&wz->w.a->eff[wz->q]);
			advance(wz);
			return;
		}
		v.kind = ANSWER_TEXT;
		v.text = text_sanitize(s, wz->entry.len, q->max_length, false);
		set_answer(wz, &v);
		free(v.text);
		advance(wz);
		return;
	}
	if (q->allow_unknown && (strcmp(s, "u") == 0 || strcmp(s, "U") == 0)) {
		v.kind = ANSWER_UNKNOWN;
		set_answer(wz, &v);
		advance(wz);
		return;
	}
	if (wz->entry.len == 0 && !q->required) {
		advance(wz);
		return;
	}
	errno = 0;
	n = strtol(s, &end, 10);
	if (wz->entry.len == 0 || *end != '\0' || errno != 0 || n < q->min || n > q->max) {
		snprintf(wz->msg, sizeof wz->msg, _("Please type a whole number from %ld to %ld."),
		    q->min, q->max);
		return;
	}
	v.kind = ANSWER_INTEGER;
	v.num = n;
	set_answer(wz, &v);
	advance(wz);
}

/* Checks the number as it is typed, so that a mistake shows before Enter. */
static void
check_typing(struct wizard *wz, const struct question *q)
{
	const char *s = sb_str(&wz->entry);
	long n;

	wz->msg[0] = '\0';
	if (q->type != QTYPE_INTEGER || wz->entry.len == 0 || *s == 'u' || *s == 'U')
		return;
	n = strtol(s, NULL, 10);
	if (wz->entry.len > 9 || n > q->max)
		snprintf(wz->msg, sizeof wz->msg, _("That is more than %ld."), q->max);
}

static void
key_question(struct wizard *wz, int key)
{
	const struct question *q = &wz->qn->questions[wz->q];
	enum ui_context ctx = q->type == QTYPE_INTEGER ? UI_CTX_NUMBER :
	    q->type == QTYPE_TEXT ? UI_CTX_TEXT : UI_CTX_LIST;
	struct ui_key k = keymap_lookup(key, ctx);
	size_t n = n_items(q);

	/* Any key closes the help, Esc included (Esc answers nothing elsewhere). */
	if (wz->help && k.action != UI_RESIZE && (k.action != UI_NONE || key == 0x1b)) {
		wz->help = false;
		return;
	}
	if (move_focus(&wz->focus, n, k.action, n))
		return;
	switch (k.action) {
	case UI_DIGIT:
		if ((size_t)k.digit > n) {
			say(wz, _("There is no option with that number."));
			break;
		}
		wz->focus = (size_t)k.digit - 1;
		/* One keystroke on a single choice: over SSH every key is a round trip. */
		if (q->type == QTYPE_SINGLE)
			choose(wz, q, wz->focus);
		else
			toggle(wz, q, wz->focus);
		break;
	case UI_TOGGLE:
		if (q->type == QTYPE_MULTI)
			toggle(wz, q, wz->focus);
		else if (q->type == QTYPE_SINGLE)
			choose(wz, q, wz->focus);
		break;
	case UI_CONFIRM:
		if (q->type == QTYPE_SINGLE)
			choose(wz, q, wz->focus);
		else if (q->type == QTYPE_MULTI)
			confirm_multi(wz);
		else if (q->type == QTYPE_INFO)
			advance(wz);
		else
			confirm_entry(wz, q);
		break;
	case UI_CHAR:
		if (wz->entry.len < (q->type == QTYPE_TEXT ? q->max_length : 12)) {
			if (q->type == QTYPE_INTEGER && (k.byte == 'u' || k.byte == 'U'))
				sb_reset(&wz->entry);
			else if (q->type == QTYPE_INTEGER && sb_str(&wz->entry)[0] == 'u')
				sb_reset(&wz->entry);
			sb_appendc(&wz->entry, (char)k.byte);
		}
		check_typing(wz, q);
		break;
	case UI_ERASE:
		if (wz->entry.len == 0) {
			go_back(wz);
			break;
		}
		/* Whole characters: continuation bytes go with their lead byte. */
		while (wz->entry.len > 0 &&
		    ((unsigned char)wz->entry.buf[--wz->entry.len] & 0xc0) == 0x80)
			;
		wz->entry.buf[wz->entry.len] = '\0';
		check_typing(wz, q);
		break;
	case UI_BACK:
		go_back(wz);
		break;
	case UI_HELP:
		wz->help = true;
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->confirm_quit = true;
		break;
	default:
		break;
	}
}

/* --- the review page --------------------------------------------------------------------- */

/* The questions the review lists, plus a last item: "see the result". */
static size_t
review_items(struct wizard *wz, size_t *items)
{
	size_t i, n = 0;

	/* Answers put aside because their question is no longer asked are listed too, so
	 * that nobody wonders where they went: they are shown as not used. */
	for (i = 0; i < wz->qn->n_questions; i++)
		if (wz->qn->questions[i].type != QTYPE_INFO &&
		    (wz->w.a->eff[i].kind != ANSWER_ABSENT || walk_asked(&wz->w, i) ||
		    wz->w.memo[i].kind != ANSWER_ABSENT))
			items[n++] = i;
	items[n] = wz->qn->n_questions;
	return n + 1;
}

static void
draw_review(struct wizard *wz)
{
	size_t *items = xcalloc(wz->qn->n_questions + 1, sizeof *items);
	size_t n = review_items(wz, items), i;
	struct strbuf line = { 0 };
	int row = 2, rows = LINES - 6, width = text_columns(), cursor = 2;

	frame(wz, _("Review your answers"), _("Up/Down move  Enter change / see result  q quit"));
	if (wz->review_focus >= n)
		wz->review_focus = n - 1;
	/* Two rows an item; keep the focus on screen. */
	if (wz->review_focus < wz->top)
		wz->top = wz->review_focus;
	while ((int)(wz->review_focus - wz->top + 1) * 2 > rows)
		wz->top++;
	for (i = wz->top; i < n && row + 1 < 2 + rows; i++) {
		attr_t attr = i == wz->review_focus ? A_REVERSE : A_NORMAL;

		if (i == wz->review_focus)
			cursor = row;
		sb_reset(&line);
		if (items[i] == wz->qn->n_questions) {
			put_line(wz, row, 1, width, _("[ See the result ]"), attr | A_BOLD);
			row += 2;
			continue;
		}
		sb_printf(&line, "Q%zu. %s", items[i] + 1, wz->qn->questions[items[i]].text);
		put_line(wz, row, 1, width, sb_str(&line), attr);
		sb_reset(&line);
		if (wz->w.a->eff[items[i]].kind == ANSWER_ABSENT &&
		    wz->w.memo[items[i]].kind != ANSWER_ABSENT) {
			sb_append(&line, _("   not used (no longer asked): "));
			answer_format(&wz->qn->questions[items[i]], &wz->w.memo[items[i]], &line);
			put_line(wz, row + 1, 1, width, sb_str(&line), A_DIM);
		} else {
			sb_append(&line, "   -> ");
			answer_format(&wz->qn->questions[items[i]], &wz->w.a->eff[items[i]], &line);
			put_line(wz, row + 1, 1, width, sb_str(&line), A_NORMAL);
		}
		row += 2;
	}
	move(cursor, 1);
	sb_free(&line);
	free(items);
}

static void
enter_result(struct wizard *wz)
{
	sb_reset(&wz->report);
	free(wz->report_path);
	wz->report_path = NULL;
	cli_render_result(wz->c, wz->w.a, wz->ascii, 72, &wz->report, &wz->report_path);
	wz->page = PAGE_RESULT;
	wz->shown_width = 0;
	wz->top = SIZE_MAX; /* draw_result starts at the result itself, past the header */
	wz->saved = false;
	say(wz, wz->report_path != NULL ? _("Press s to save the answers and this report.") :
	    _("Saving is off (--no-save)."));
}

static void
key_review(struct wizard *wz, int key)
{
	size_t *items = xcalloc(wz->qn->n_questions + 1, sizeof *items);
	size_t n = review_items(wz, items), missing;
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);

	if (move_focus(&wz->review_focus, n, k.action, 5)) {
		free(items);
		return;
	}
	switch (k.action) {
	case UI_CONFIRM:
		if (items[wz->review_focus] < wz->qn->n_questions &&
		    !walk_asked(&wz->w, items[wz->review_focus])) {
			say(wz, _("This question is no longer asked: an earlier answer changed."));
		} else if (items[wz->review_focus] < wz->qn->n_questions) {
			wz->from_review = true;
			wz->w.n_history = 0;
			wz->page = PAGE_QUESTION;
			wz->msg[0] = '\0';
			load_question(wz, items[wz->review_focus]);
		} else if ((missing = walk_next(&wz->w, 0, true)) < wz->qn->n_questions) {
			wz->from_review = true;
			wz->page = PAGE_QUESTION;
			load_question(wz, missing);
			say(wz, _("This question still needs an answer."));
		} else
			enter_result(wz);
		break;
	case UI_BACK:
		go_to(wz, walk_back(&wz->w));
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->confirm_quit = true;
		break;
	default:
		break;
	}
	free(items);
}

/* --- the result page ------------------------------------------------------------------- */

static void
draw_result(struct wizard *wz)
{
	char **lines;
	size_t n, i, width = (size_t)(COLS - 2 < 72 ? COLS - 2 : 72);
	int rows = LINES - 5;

	/* Laid out for this screen (the saved report keeps its 72 columns), and only again
	 * when the width changes. */
	if (wz->shown_width != width) {
		struct report_opts opts = { .ascii = wz->ascii, .width = width };
		struct outcome *oc = outcome_compute(wz->c->rs, wz->w.a, &wz->c->st,
		    cli_today(wz->c));
		struct report_input in = { .qn = wz->qn, .rs = wz->c->rs, .st = &wz->c->st,
			.ans = wz->w.a, .oc = oc };

		sb_reset(&wz->shown);
		report_write_text(&wz->shown, &in, &opts);
		outcome_free(oc);
		wz->shown_width = width;
	}
	n = wrap_lines(wz, sb_str(&wz->shown), width + 1, "", "", &lines);
	if (wz->top == SIZE_MAX) {
		for (wz->top = 0; wz->top < n && strcmp(lines[wz->top], _("Result")) != 0;
		    wz->top++)
			;
		if (wz->top == n)
			wz->top = 0;
	}
	if (wz->top > (n > (size_t)rows ? n - (size_t)rows : 0))
		wz->top = n > (size_t)rows ? n - (size_t)rows : 0;
	frame(wz, _("Your screening result"), wz->report_path != NULL && !wz->saved ?
	    _("Up/Down/PgUp/PgDn scroll  s save  q quit") : _("Up/Down/PgUp/PgDn scroll  q quit"));
	for (i = 0; i < (size_t)rows && wz->top + i < n; i++)
		put_line(wz, 1 + (int)i, 1, (int)width, lines[wz->top + i], A_NORMAL);
	move(1, 1);
	free_lines(lines, n);
}

static void
key_result(struct wizard *wz, int key)
{
	struct ui_key k = keymap_lookup(key, UI_CTX_LIST);
	char *cause = NULL;

	switch (k.action) {
	case UI_UP:
		if (wz->top > 0)
			wz->top--;
		break;
	case UI_DOWN:
		wz->top++;
		break;
	case UI_PAGE_UP:
		wz->top = wz->top > (size_t)(LINES - 6) ? wz->top - (size_t)(LINES - 6) : 0;
		break;
	case UI_PAGE_DOWN:
	case UI_TOGGLE:
		wz->top += (size_t)(LINES - 6);
		break;
	case UI_HOME:
		wz->top = 0;
		break;
	case UI_END:
		wz->top = SIZE_MAX - 1;
		break;
	case UI_SAVE:
		if (wz->report_path == NULL || wz->saved)
			break;
		if (cli_save_result(wz->w.a, wz->report_path, &wz->report, &cause) != 0) {
			snprintf(wz->msg, sizeof wz->msg, _("Could not save: %s"), cause);
			free(cause);
			wz->rc = EXIT_RUNTIME;
		} else {
			snprintf(wz->msg, sizeof wz->msg, _("Saved to %s"), wz->report_path);
			wz->saved = true;
			wz->rc = EXIT_OK;
			drop_draft(wz);
		}
		break;
	case UI_BACK:
		wz->page = PAGE_REVIEW;
		wz->msg[0] = '\0';
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		if (wz->saved || wz->report_path == NULL) {
			wz->done = true;
			drop_draft(wz); /* the consultation is over */
		} else
			wz->confirm_quit = true;
		break;
	default:
		break;
	}
}

/* --- the loop ------------------------------------------------------------------------- */

static void
draw(struct wizard *wz)
{
	/* erase + refresh: curses sends only what changed, never a full clear per key. */
	erase();
	if (LINES < MIN_ROWS || COLS < MIN_COLS) {
		put_text(wz, 0, 0, COLS, LINES, _("Please make the window larger (at least 40 "
		    "columns and 15 lines). Your answers are kept."), A_BOLD);
		refresh();
		return;
	}
	switch (wz->page) {
	case PAGE_WELCOME:
		draw_welcome(wz);
		break;
	case PAGE_QUESTION:
		draw_question(wz);
		break;
	case PAGE_REVIEW:
		draw_review(wz);
		break;
	case PAGE_RESULT:
		draw_result(wz);
		break;
	}
	if (wz->confirm_quit) {
		put_line(wz, LINES - 3, 1, COLS - 2, wz->page == PAGE_RESULT ?
		    _("Quit without saving the result? y: quit  n: stay") : wz->draft != NULL ?
		    _("Quit? y: keep a draft to continue later  d: delete the answers  n: stay") :
		    _("Quit? Your answers will not be saved. y: quit  n: stay"),
		    A_REVERSE | A_BOLD);
	}
	refresh();
}

static void
handle_key(struct wizard *wz, int key)
{
	struct ui_key k;

	if (key == KEY_RESIZE || key == 0x0c) {
		clearok(curscr, TRUE); /* Ctrl-L and resizes repaint everything */
		return;
	}
	/* Only the "please enlarge" notice is on screen: a key must not act on what the
	 * patient cannot see. */
	if (LINES < MIN_ROWS || COLS < MIN_COLS)
		return;
	if (wz->confirm_quit) {
		k = keymap_lookup(key, UI_CTX_CONFIRM);
		if (k.action == UI_YES || ((key == 'd' || key == 'D') && wz->page != PAGE_RESULT)) {
			wz->done = true;
			wz->rc = wz->saved ? EXIT_OK : wz->rc;
			/* The draft stays only when the patient chose to keep it. */
			if (key == 'd' || key == 'D' || wz->page == PAGE_RESULT)
				drop_draft(wz);
			else if (wz->draft != NULL && !wz->saved && access(wz->draft, F_OK) == 0)
				wz->kept_draft = true;
		} else if (k.action == UI_NO)
			wz->confirm_quit = false;
		return;
	}
	switch (wz->page) {
	case PAGE_WELCOME:
		k = keymap_lookup(key, UI_CTX_LIST);
		if (wz->draft_waiting && (key == 'r' || key == 'R')) {
			wz->draft_waiting = false;
			if (cli_load_draft(wz->c, wz->draft, wz->w.a) == 0) {
				walk_settle(&wz->w);
				go_to(wz, walk_next(&wz->w, 0, true));
			} else
				say(wz, _("The draft could not be read; starting again."));
		} else if (k.action == UI_CONFIRM || k.action == UI_TOGGLE) {
			wz->draft_waiting = false;
			go_to(wz, walk_next(&wz->w, 0, false));
		}
		else if (k.action == UI_QUIT || k.action == UI_INTERRUPT)
			wz->confirm_quit = true;
		break;
	case PAGE_QUESTION:
		key_question(wz, key);
		break;
	case PAGE_REVIEW:
		key_review(wz, key);
		break;
	case PAGE_RESULT:
		key_result(wz, key);
		break;
	}
}

int
wizard_run(struct cli *c)
{
	struct wizard wz;
	const char *why;
	int key;

	if (term_unusable() != NULL)
		return -1;
	if (!c->no_save && access(cli_save_dir(c), W_OK | X_OK) != 0) {
		fprintf(stderr, _("smpscreen: cannot save in %s: %s\n"), cli_save_dir(c),
		    strerror(errno));
		return EXIT_RUNTIME;
	}
	memset(&wz, 0, sizeof wz);
	wz.c = c;
	wz.qn = c->qn;
	wz.ascii = c->ascii || !cli_locale_is_utf8();
	wz.rc = EXIT_OK;
	walk_init(&wz.w, c->qn, c->consultant);
	wz.draft = cli_draft_path();
	/* A draft is read before the terminal is taken, so that its errors can be printed. */
	if (c->resume_path != NULL) {
		if (cli_load_draft(c, c->resume_path, wz.w.a) != 0) {
			walk_free(&wz.w);
			free(wz.draft);
			return EXIT_USAGE;
		}
		walk_settle(&wz.w);
		go_to(&wz, walk_next(&wz.w, 0, true));
	} else if (wz.draft != NULL && access(wz.draft, F_OK) == 0)
		wz.draft_waiting = true;
	if (term_open(&why) != 0) {
		walk_free(&wz.w);
		free(wz.draft);
		return -1;
	}
	curs_set(1);
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
	term_close();
	if (term_hung_up() && wz.draft != NULL && !wz.saved)
		fprintf(stderr, _("smpscreen: the terminal went away; the answers so far are in "
		    "%s (smpscreen --resume continues)\n"), wz.draft);
	else if (term_hung_up() && !wz.saved)
		fprintf(stderr, _("smpscreen: the terminal went away; nothing was saved\n"));
	else if (!wz.saved && wz.report_path != NULL && wz.page == PAGE_RESULT)
		fprintf(stderr, _("smpscreen: the result was not saved\n"));
	else if (wz.kept_draft)
		fprintf(stderr, _("smpscreen: the answers so far are kept in %s; smpscreen "
		    "continues them\n"), wz.draft);
	/* Nothing of this consultation outlives it in memory. */
	walk_free(&wz.w);
	sb_free(&wz.entry);
	sb_free(&wz.report);
	sb_free(&wz.shown);
	free(wz.report_path);
	free(wz.draft);
	return wz.rc;
}
