/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target: the wizard's key decoding, as far as the program does it itself.
 *
 * What it covers. The input is a stream of keys as wgetch() hands them to the wizard: a
 * byte is that key (0x00..0xfe: ASCII, controls and each byte of a UTF-8 character, which
 * getch() delivers one at a time), and 0xff introduces two more bytes for any other int:
 * the KEY_* codes curses makes of escape sequences, the -1 of a timeout, and ints no
 * terminal sends. Every key goes through keymap_lookup in all four contexts, which must
 *   - answer nothing by itself: a choice key (UI_DIGIT) only in a list, for the option whose
 *     key it is; typed bytes (UI_CHAR) only in a field, and only printable ones (digits and
 *     u in a number field); in a dialog only y, n, d, Esc and a resize do anything;
 *   - never quit, stop or answer on Ctrl-C, Ctrl-Z, Ctrl-\ or a lone Esc (dialog(1) turned
 *     Ctrl-\ into a silent "no": ../shared/notes/terminal-reliability.md);
 *   - ignore every int curses never returns (negative, or past KEY_MAX).
 * The keys then fill the fields as the pages do: a text question's field (tests/data's
 * mini questionnaire: the bundled one asks for no free text), a number field,
 * a review reason, and a multiple choice ticked with the option keys. What Enter would
 * submit goes through the same core functions the wizard calls (answer_parse,
 * review_reason_ok, answer_toggle), and what they accept must be what may be kept: clean
 * UTF-8 within the length, a number within range, "none" and "not sure" alone.
 *
 * What it cannot cover. The turning of terminal bytes into keys (escape sequences, ESCDELAY,
 * the Home/End sequences term.c defines) is ncurses' own, run against a real terminal; the
 * e2e_wizard*.sh tests send escape sequences, invalid UTF-8 and control bytes through tmux.
 * The pages' field editing (page_question.c's type_char and erase_char, page_prompt.c's
 * prompt_key) is static in the curses program, so it is mirrored here, not linked: the
 * mirror keeps the limits and the whole-character erase; the pages' tests in tmux keep the
 * pages honest.
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "smpscreen/answer.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/review.h"
#include "smpscreen/strbuf.h"
#include "ui/keymap.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* page_question.c's limit for a number field. */
#define NUMBER_MAX_BYTES 12

static struct fuzz_content fc;
/* The bundled questionnaire has no free text (a patient's words are a privacy risk the
 * clinic did not ask for); tests/data's mini questionnaire lends its notes field. */
static struct questionnaire *mini;
/* The fields the keys fill: the first question of each kind. */
static const struct question *q_text, *q_number, *q_multi;

static const struct question *
first_question(const struct questionnaire *qn, enum question_type type)
{
	size_t i;

	for (i = 0; i < qn->n_questions; i++)
		if (qn->questions[i].type == type &&
		    (type != QTYPE_MULTI || qn->questions[i].allow_unknown))
			return &qn->questions[i];
	fuzz_fail("%s has no %s question to type into", qn->id, questionnaire_type_name(type));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag_list dl = { 0 };
	char *path = fuzz_test_data("mini-questionnaire.cfg");

	(void)argc;
	(void)argv;
	fuzz_content_load(&fc);
	if (questionnaire_load(&mini, path, &dl) != 0) {
		diag_print(&dl, stderr);
		fuzz_fail("cannot load %s (set SMP_TEST_DATA to the source tree's tests/data)",
		    path);
	}
	free(path);
	diag_clear(&dl);
	q_text = first_question(mini, QTYPE_TEXT);
	q_number = first_question(fc.qn, QTYPE_INTEGER);
	q_multi = first_question(fc.qn, QTYPE_MULTI);
	return 0;
}

/* The next key of the stream at *p, or false at its end. */
static bool
next_key(const uint8_t **p, const uint8_t *end, int *key)
{
	static const int odd[] = { -1, INT_MIN, INT_MAX, -2, 0x100, KEY_MAX + 1, 0x10000,
		0x7fffff00 };
	unsigned v;

	if (*p == end)
		return false;
	if (**p != 0xff || end - *p < 3) {
		*key = *(*p)++;
		return true;
	}
	v = (unsigned)(*p)[1] << 8 | (*p)[2];
	*p += 3;
	if ((*p)[-2] == 0xff)
		*key = (*p)[-1] == 0xff ? 0xff : odd[(*p)[-1] % (sizeof odd / sizeof odd[0])];
	else
		*key = KEY_MIN + (int)(v % (KEY_MAX - KEY_MIN + 1));
	return true;
}

static void
check_key(int key, enum ui_context ctx, struct ui_key k)
{
	int lower = key >= 'A' && key <= 'Z' ? key + 'a' - 'A' : key;

	if (k.action > UI_EDIT)
		fuzz_fail("key %d in context %d gives action %d", key, ctx, k.action);
	if (k.action == UI_DIGIT &&
	    (ctx != UI_CTX_LIST || k.digit < 1 || k.digit > KEYMAP_OPTION_KEYS ||
	        keymap_option_key((size_t)k.digit - 1) != lower))
		fuzz_fail("key %d in context %d picks option %d", key, ctx, k.digit);
	if (k.action == UI_CHAR &&
	    ((ctx != UI_CTX_TEXT && ctx != UI_CTX_NUMBER) || k.byte != key || key < 0x20 ||
	        key == 0x7f || key > 0xff ||
	        (ctx == UI_CTX_NUMBER && !isdigit(key) && lower != 'u')))
		fuzz_fail("key %d in context %d types byte %d", key, ctx, k.byte);
	if (ctx == UI_CTX_CONFIRM && k.action != UI_NONE && k.action != UI_RESIZE &&
	    !(k.action == UI_YES && lower == 'y') &&
	    !(k.action == UI_NO && (lower == 'n' || key == 0x1b)) &&
	    !(k.action == UI_DELETE && lower == 'd'))
		fuzz_fail("key %d in a dialog gives action %d", key, k.action);
	if ((key == 0x1a || key == 0x1c || (key == 0x1b && ctx != UI_CTX_CONFIRM)) &&
	    k.action != UI_NONE)
		fuzz_fail("key %d in context %d gives action %d, not nothing", key, ctx, k.action);
	if (key == 0x03 && k.action != UI_INTERRUPT && k.action != UI_NONE)
		fuzz_fail("Ctrl-C in context %d gives action %d", ctx, k.action);
	if ((key < 0 || key > KEY_MAX) && k.action != UI_NONE)
		fuzz_fail("key %d, which curses never returns, gives action %d", key, k.action);
}

/* Backspace in a field: the last whole character (continuation bytes with their lead). */
static void
field_erase(struct strbuf *field)
{
	while (field->len > 0 && ((unsigned char)field->buf[--field->len] & 0xc0) == 0x80)
		field->buf[field->len] = '\0';
	if (field->buf != NULL)
		field->buf[field->len] = '\0';
}

/* Enter: what the field holds, given to the core as the page gives it. */
static void
submit(const struct strbuf *text, const struct strbuf *number, const struct strbuf *reason)
{
	struct answer v = { 0 };

	if (answer_parse(q_text, sb_str(text), &v) == ANSWER_OK &&
	    (v.kind != ANSWER_TEXT || strlen(v.text) > q_text->max_length ||
	        !fuzz_printable(v.text, strlen(v.text), false, false)))
		fuzz_fail("a typed text answer kept is not clean text within %zu bytes",
		    q_text->max_length);
	answer_clear(&v);
	if (answer_parse(q_number, sb_str(number), &v) == ANSWER_OK &&
	    !(v.kind == ANSWER_INTEGER && v.num >= q_number->min && v.num <= q_number->max) &&
	    !(v.kind == ANSWER_UNKNOWN && q_number->allow_unknown))
		fuzz_fail("typed number '%s' kept as kind %d, value %ld", sb_str(number), v.kind,
		    v.num);
	answer_clear(&v);
	if (review_reason_ok(sb_str(reason)) &&
	    (reason->len > REVIEW_REASON_MAX ||
	        !fuzz_printable(reason->buf, reason->len, false, false)))
		fuzz_fail("a review reason kept is not one clean line within %d bytes",
		    REVIEW_REASON_MAX);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ui_context ctxs[] = { UI_CTX_LIST, UI_CTX_NUMBER, UI_CTX_TEXT,
		UI_CTX_CONFIRM };
	struct strbuf text = { .secret = true }, number = { .secret = true },
	              reason = { .secret = true };
	const uint8_t *p = data, *end = data + size;
	struct answer ticked = { 0 };
	struct ui_key k;
	enum answer_error e;
	size_t c;
	int key;

	while (next_key(&p, end, &key)) {
		for (c = 0; c < sizeof ctxs / sizeof ctxs[0]; c++)
			check_key(key, ctxs[c], keymap_lookup(key, ctxs[c]));
		k = keymap_lookup(key, UI_CTX_TEXT);
		if (k.action == UI_CHAR && text.len < q_text->max_length)
			sb_appendc(&text, (char)k.byte);
		if (k.action == UI_CHAR && reason.len <= REVIEW_REASON_MAX)
			sb_appendc(&reason, (char)k.byte);
		if (k.action == UI_ERASE) {
			field_erase(&text);
			field_erase(&reason);
		}
		k = keymap_lookup(key, UI_CTX_NUMBER);
		if (k.action == UI_CHAR && number.len < NUMBER_MAX_BYTES) {
			/* "u" stands for the whole answer: it replaces a number, a digit replaces
			 * it. */
			if (k.byte == 'u' || k.byte == 'U' || sb_str(&number)[0] == 'u')
				sb_reset(&number);
			sb_appendc(&number, (char)k.byte);
		} else if (k.action == UI_ERASE)
			field_erase(&number);
		k = keymap_lookup(key, UI_CTX_LIST);
		if (k.action == UI_DIGIT) {
			answer_toggle(q_multi, &ticked, (size_t)k.digit - 1);
			e = answer_check(q_multi, &ticked);
			if (e != ANSWER_OK && e != ANSWER_ERR_EMPTY)
				fuzz_fail("ticking item %d of '%s' leaves an answer that breaks "
				          "rule %d",
				    k.digit, q_multi->id, e);
		}
		if (k.action == UI_CONFIRM)
			submit(&text, &number, &reason);
	}
	submit(&text, &number, &reason);
	answer_clear(&ticked);
	sb_free(&reason);
	sb_free(&number);
	sb_free(&text);
	return 0;
}
