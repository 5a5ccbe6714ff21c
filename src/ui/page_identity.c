/* SPDX-License-Identifier: ISC */
/*
 * "About you": the client's name, the clinic's reference and the date of birth, asked when
 * the clinic's settings say ask_client_identity. They are metadata of the answers
 * (session_set_client), never answers: no rule sees them, and this page decides nothing but
 * where the focus goes. Three text fields and a Continue item; the text is held in secret
 * strbufs until Continue hands it to the session.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/text.h"

/* The most the session takes for one field (session_set_client): typing stops there. */
#define IDENTITY_MAX_BYTES 200

static const char *const labels[IDENTITY_FIELDS] = {
	N_("Your name"),
	N_("Clinic reference (if the clinic gave you one)"),
	N_("Date of birth (YYYY-MM-DD)"),
};

/* Why it is asked, in full and in short for small screens: a patient asked for their name
 * on a health questionnaire deserves to know it does not change the result. */
static const char *const why_full =
    N_("So that the clinic can match this screening with your record; it is not used for "
       "the result. Each line is optional: leave it empty to skip it.");
static const char *const why_brief = N_("Optional: only to match this screening with your "
                                        "record, not used for the result.");

void
page_identity_clear(struct identity_page *ip)
{
	size_t i;

	for (i = 0; i < IDENTITY_FIELDS; i++) {
		sb_free(&ip->field[i]);
		ip->field[i].secret = true;
	}
	ip->focus = 0;
	ip->resuming = false;
}

void
page_identity_open(struct wizard *wz, bool resuming)
{
	struct identity_page *ip = &wz->identity;
	const struct answers_meta *m = &session_answers(wz->s)->meta;
	const char *given[IDENTITY_FIELDS] = { m->client_name, m->client_reference,
		m->client_date_of_birth };
	size_t i;

	/* What the session holds (a resumed draft's, or what Continue took before going
	 * back) is what the fields start with. */
	page_identity_clear(ip);
	for (i = 0; i < IDENTITY_FIELDS; i++)
		if (given[i] != NULL)
			sb_append(&ip->field[i], given[i]);
	ip->resuming = resuming;
	wizard_show(wz, &page_identity);
}

/* --- drawing --------------------------------------------------------------------------- */

static int
rows_of(const struct draw_ctx *d, const char *s, int w)
{
	char **lines;
	size_t n = draw_wrap(d, s, (size_t)w, "", "", &lines);

	draw_lines_free(lines, n);
	return (int)n;
}

static const char *
hints(struct wizard *wz)
{
	const char *field[] = { _("Up/Down or Tab move  Enter next  Backspace erase  Ctrl-C quit"),
		_("Tab move  Enter next  Ctrl-C quit"), _("Enter next  Ctrl-C quit"), NULL };
	/* A kiosk's Ctrl-C does nothing: q on Continue stops, as on the questions. */
	const char *kiosk_field[] = { _("Up/Down or Tab move  Enter next  Backspace erase"),
		_("Tab move  Enter next"), NULL };
	const char *cont[] = { _("Enter continue  Up/Down move  q quit"),
		_("Enter continue  q quit"), NULL };
	const char *const *a = wz->identity.focus == IDENTITY_FIELDS ? cont :
	    wz->k != NULL                                            ? kiosk_field :
	                                                               field;

	return draw_pick(&wz->dc, (size_t)(COLS - 2), a);
}

/* Field i at row, width columns from column 3; returns the cursor's column. */
static int
draw_field(struct wizard *wz, size_t i, int row, int width)
{
	const struct strbuf *f = &wz->identity.field[i];
	bool focused = wz->identity.focus == i;
	attr_t attr = focused ? A_REVERSE : A_UNDERLINE;
	/* What was typed is shown sanitised: an escape sequence never reaches the terminal. */
	char *shown = text_sanitize(sb_str(f), f->len, 0, false);
	const char *tail = draw_tail(shown, (size_t)width);
	int col = 3 + (int)draw_width(tail, strlen(tail));

	draw_line(&wz->dc, row, 1, 1, focused ? ">" : " ", A_BOLD);
	mvhline(row, 3, ' ' | attr, width);
	draw_line(&wz->dc, row, 3, width, tail, attr);
	explicit_bzero(shown, strlen(shown));
	free(shown);
	return col;
}

static void
identity_draw(struct wizard *wz)
{
	const struct identity_page *ip = &wz->identity;
	const struct draw_ctx *d = &wz->dc;
	const char *why = _(why_full);
	/* Each field is a label and a line; then Continue. */
	int need = 2 * IDENTITY_FIELDS + 1, w = draw_text_columns(), row = 2, bottom = LINES - 4,
	    gap = 1, cursor_row = row, cursor_col = 3, col;
	size_t i;

	draw_frame(d, _("About you"), hints(wz));
	/* Room first for the fields, then the explanation, then the blank lines between. */
	if (rows_of(d, why, w) + need + IDENTITY_FIELDS + 1 > bottom - row) {
		gap = 0;
		if (rows_of(d, why, w) + need > bottom - row)
			why = _(why_brief);
	}
	row += draw_text(d, row, 1, w, bottom - row - need > 0 ? bottom - row - need : 0, why,
	           A_NORMAL) +
	    gap;
	for (i = 0; i < IDENTITY_FIELDS; i++) {
		draw_fit(d, row++, 1, w, _(labels[i]), ip->focus == i ? A_BOLD : A_NORMAL);
		col = draw_field(wz, i, row, w - 3);
		if (ip->focus == i) {
			cursor_row = row;
			cursor_col = col;
		}
		row += 1 + gap;
	}
	draw_line(d, row, 1, 1, ip->focus == IDENTITY_FIELDS ? ">" : " ", A_BOLD);
	draw_line(d, row, 3, w - 3, _("[ Continue ]"),
	    ip->focus == IDENTITY_FIELDS ? A_REVERSE : A_NORMAL);
	if (ip->focus == IDENTITY_FIELDS) {
		cursor_row = row;
		cursor_col = 3;
	}
	/* The hardware cursor sits in the field being typed, for screen readers. */
	move(cursor_row < LINES ? cursor_row : LINES - 1, cursor_col < COLS ? cursor_col : 0);
}

/* --- keys ------------------------------------------------------------------------------ */

/* Field f as the session takes it: sanitised, trimmed of spaces, NULL when empty. Caller
 * frees with value_free. */
static char *
field_value(const struct strbuf *f)
{
	char *v = text_sanitize(sb_str(f), f->len, IDENTITY_MAX_BYTES, false), *s, *e;
	size_t len = strlen(v);

	for (s = v; *s == ' '; s++)
		;
	for (e = v + len; e > s && e[-1] == ' '; e--)
		;
	*e = '\0';
	memmove(v, s, strlen(s) + 1);
	/* What the move left behind the new end is part of a name too. */
	explicit_bzero(v + strlen(v) + 1, len - strlen(v));
	if (*v == '\0') {
		explicit_bzero(v, len);
		free(v);
		return NULL;
	}
	return v;
}

static void
value_free(char *v)
{
	if (v != NULL)
		explicit_bzero(v, strlen(v));
	free(v);
}

/* Continue: the session checks and keeps the three, or says what is wrong and the page
 * stays as typed. */
static void
submit(struct wizard *wz)
{
	struct identity_page *ip = &wz->identity;
	char *v[IDENTITY_FIELDS];
	const char *why;
	size_t i;
	bool resuming = ip->resuming;

	for (i = 0; i < IDENTITY_FIELDS; i++)
		v[i] = field_value(&ip->field[i]);
	why = session_set_client(wz->s, v[0], v[1], v[2]);
	for (i = 0; i < IDENTITY_FIELDS; i++)
		value_free(v[i]);
	if (why != NULL) {
		snprintf(wz->msg, sizeof wz->msg, _("Please correct this: %s."), why);
		return;
	}
	/* The session has them now: the page keeps no copy (going back reads them again). */
	page_identity_clear(ip);
	wizard_go_to(wz, session_next(wz->s, 0, resuming));
	if (session_draft_problem(wz->s) != NULL)
		snprintf(wz->msg, sizeof wz->msg, _("The draft could not be kept: %s"),
		    session_draft_problem(wz->s));
}

static void
type_byte(struct wizard *wz, unsigned char byte)
{
	struct strbuf *f = &wz->identity.field[wz->identity.focus];

	if (f->len < IDENTITY_MAX_BYTES)
		sb_appendc(f, (char)byte);
}

/* Backspace erases a whole character: continuation bytes go with their lead byte. */
static void
erase_char(struct wizard *wz)
{
	struct strbuf *f = &wz->identity.field[wz->identity.focus];

	while (f->len > 0 && ((unsigned char)f->buf[--f->len] & 0xc0) == 0x80)
		f->buf[f->len] = '\0';
	if (f->buf != NULL)
		f->buf[f->len] = '\0';
}

static void
identity_key(struct wizard *wz, int key)
{
	struct identity_page *ip = &wz->identity;
	bool on_field = ip->focus < IDENTITY_FIELDS;
	/* In a field letters are typed (q too), as in a text question; on Continue the keys
	 * of a list. */
	struct ui_key k = keymap_lookup(key, on_field ? UI_CTX_TEXT : UI_CTX_LIST);

	if (k.action != UI_RESIZE)
		wz->msg[0] = '\0';
	if (wizard_move_focus(&ip->focus, IDENTITY_FIELDS + 1, k.action, 1))
		return;
	switch (k.action) {
	case UI_TAB:
		ip->focus = (ip->focus + 1) % (IDENTITY_FIELDS + 1);
		break;
	case UI_BACK:
		/* Shift-Tab and Left: the item before; the first field stays (no way to lose
		 * what was typed by going back to the welcome page). */
		if (ip->focus > 0)
			ip->focus--;
		break;
	case UI_CHAR:
		if (on_field)
			type_byte(wz, k.byte);
		break;
	case UI_ERASE:
		if (on_field)
			erase_char(wz);
		break;
	case UI_CONFIRM:
	case UI_TOGGLE:
		if (on_field)
			ip->focus++;
		else
			submit(wz);
		break;
	case UI_HELP:
		wizard_say(wz,
		    _("Up/Down, Tab and Shift-Tab move; type in a field; Enter goes to "
		      "the next; Enter on Continue goes on."));
		break;
	case UI_QUIT:
	case UI_INTERRUPT:
		wz->dialog = &page_quit;
		break;
	default:
		break;
	}
}

const struct page page_identity = { identity_draw, identity_key };
