/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "plain.h"
#include "plain_int.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

#define WIDTH 72
/* A typed line longer than this is cut; no answer needs more. */
#define LINE_MAX_BYTES 4096

/* The texts of question q in the consultation's language. */
static const struct qtext *
qt(const struct plain *p, const struct question *q)
{
	return ctext_question(session_text(p->s), (size_t)(q - p->qn->questions));
}

static void
emit(struct plain *p, const char *s)
{
	struct strbuf sb = { .secret = true };

	if (p->ascii) {
		text_to_ascii(&sb, s);
		s = sb_str(&sb);
	}
	fputs(s, p->out);
	sb_free(&sb);
}

void
plain_say(struct plain *p, const char *fmt, ...)
{
	struct strbuf sb = { .secret = true };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	emit(p, sb_str(&sb));
	sb_free(&sb);
}

/* Wrapped paragraph with a hanging indent. */
void
plain_para(struct plain *p, const char *s, const char *first, const char *indent)
{
	struct strbuf sb = { .secret = true }, ascii = { .secret = true };

	/* Transliteration can widen text ("..." for an ellipsis), so it comes before wrapping. */
	if (p->ascii) {
		text_to_ascii(&ascii, s);
		s = sb_str(&ascii);
	}
	text_wrap(&sb, s, WIDTH, first, indent);
	emit(p, sb_str(&sb));
	sb_free(&sb);
	sb_free(&ascii);
}

/* Zeroes a line the patient typed before it is freed. */
void
plain_line_free(char *line)
{
	if (line != NULL)
		explicit_bzero(line, strlen(line));
	free(line);
}

/* Reads one line, sanitised and trimmed; NULL at end of input. Caller frees (line_free). */
static char *
read_line(struct plain *p)
{
	struct strbuf sb = { .secret = true };
	char *clean, *s, *e;
	int ch;

	fflush(p->out);
	while ((ch = fgetc(p->in)) != EOF && ch != '\n')
		if (sb.len < LINE_MAX_BYTES)
			sb_appendc(&sb, (char)ch);
	if (ch == EOF && sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	clean = text_sanitize(sb_str(&sb), sb.len, LINE_MAX_BYTES, false);
	sb_free(&sb);
	for (s = clean; *s == ' '; s++)
		;
	for (e = s + strlen(s); e > s && e[-1] == ' '; e--)
		;
	*e = '\0';
	memmove(clean, s, strlen(s) + 1);
	return clean;
}

/* "Q5.  " for number n, the one the patient sees everywhere (session_number); blank for 0,
 * an answer put aside, whose question is no longer asked. */
static void
question_head(char *head, size_t size, size_t n)
{
	if (n > 0)
		snprintf(head, size, "Q%zu.", n);
	else
		head[0] = '\0';
	snprintf(head + strlen(head), size - strlen(head), "%*s", (int)(5 - strlen(head)), "");
}

/* The numbered choices. A number question has none: "not sure" there is u, so that a
 * typed number is always the number (answer_parse reads "1" as one month, never as an
 * item "1. Not sure"). */
static void
show_options(struct plain *p, const struct question *q)
{
	char num[32];
	size_t k;

	if (q->type == QTYPE_INTEGER)
		return;
	for (k = 0; k < answer_n_items(q); k++) {
		snprintf(num, sizeof num, "  %2zu. ", k + 1);
		plain_para(p,
		    ctext_item_label(session_text(p->s), (size_t)(q - p->qn->questions), k), num,
		    "      ");
	}
}

static bool
has_pictures(const struct question *q)
{
	size_t k;

	for (k = 0; k < q->n_options; k++)
		if (q->options[k].illustration != NULL)
			return true;
	return false;
}

/* "?": the words only. A picture drawn with characters is read out by a screen reader as a
 * string of symbols (the Norwood stages are about a hundred lines of them), so the
 * pictures come on request only ("??"), and "?" says so. */
static void
show_help(struct plain *p, const struct question *q)
{
	const char *help = qt(p, q)->help;

	if (help != NULL)
		plain_para(p, help, "  ", "  ");
	if (has_pictures(q))
		plain_para(p,
		    _("Each choice also has a picture drawn with text characters: type ?? to "
		      "see the pictures."),
		    "  ", "  ");
	else if (help == NULL)
		plain_say(p, "%s",
		    _("  There is no more help for this question; your consultant can "
		      "explain it.\n"));
}

/* "??": the pictures, each under its choice's number and label. */
static void
show_pictures(struct plain *p, const struct question *q)
{
	char num[32];
	size_t k;

	if (!has_pictures(q)) {
		plain_say(p, "%s", _("  This question has no pictures.\n"));
		return;
	}
	for (k = 0; k < q->n_options; k++)
		if (qt(p, q)->picture[k] != NULL) {
			snprintf(num, sizeof num, "  %2zu. ", k + 1);
			plain_para(p, qt(p, q)->label[k], num, "      ");
			plain_para(p, qt(p, q)->picture[k], "      ", "      ");
		}
}

static const char *
prompt_hint(const struct question *q)
{
	switch (q->type) {
	case QTYPE_SINGLE:
		return _("Type the number of your answer.");
	case QTYPE_MULTI:
		return _("Choose all that apply: type the numbers, separated by spaces.");
	case QTYPE_INTEGER:
		return q->allow_unknown ? _("Type a whole number, or u if you are not sure.") :
		                          _("Type a whole number.");
	case QTYPE_TEXT:
		return _("Type your answer on one line.");
	case QTYPE_INFO:
		return _("Press Enter to continue.");
	}
	return "";
}

/* An empty line: keeps the current answer, skips an optional question, continues past an
 * information item; NULL then, else the reason it cannot. */
static const char *
empty_line(struct plain *p, size_t i)
{
	const struct question *q = &p->qn->questions[i];

	if (q->type == QTYPE_INFO || session_answer(p->s, i)->kind != ANSWER_ABSENT)
		return NULL;
	if (session_skip(p->s, i) == ANSWER_OK)
		return NULL;
	return _("An answer is needed to go on.");
}

/* What may be typed for q, as one sentence ("Please type one of the numbers 1 to 4."): every
 * refusal ends with it, so that it is enough on its own. */
static const char *
allowed(const struct plain *p, const struct question *q, char *buf, size_t size)
{
	return answer_error_text(ANSWER_ERR_OPTION, q, qt(p, q), buf, size);
}

/* "== Section 2 of 8: Hair loss ==" when the section changes, then "Question 6 of up to
 * 47." (session_progress: "up to" while later answers can still lower it); an information
 * item is not a numbered question and says what it is instead. */
static void
announce(struct plain *p, size_t i)
{
	const struct question *q = &p->qn->questions[i];
	struct strbuf sb = { 0 };
	size_t total;
	bool settled;

	if (q->section != p->last_section) {
		p->last_section = q->section;
		sb_append(&sb, "== ");
		sb_printf(&sb, _("Section %zu of %zu: %s"), q->section + 1, p->qn->n_sections,
		    ctext_section(session_text(p->s), q->section));
		sb_append(&sb, " ==");
		plain_say(p, "\n");
		plain_para(p, sb_str(&sb), "", "   ");
		sb_free(&sb);
	}
	plain_say(p, "\n");
	if (q->type == QTYPE_INFO) {
		plain_say(p, "%s\n", _("For your information (nothing to answer):"));
		return;
	}
	total = session_progress(p->s, i, &settled);
	plain_say(p, settled ? _("Question %zu of %zu.\n") : _("Question %zu of up to %zu.\n"),
	    session_number(p->s, i), total);
}

/* True when the line is that word, in either case ("q" or "Q"). */
static bool
is_word(const char *line, const char *word)
{
	return strcasecmp(line, word) == 0;
}

/* "q" asks first, with the wizard's rules (src/ui/page_quit.c): y stops and keeps the
 * answers so far as a draft for later, d stops and deletes them, n stays. Without a draft
 * folder nothing can be kept, and it says so. STEP_NEXT to stay, STEP_QUIT, or STEP_EOF. */
static enum step
confirm_quit(struct plain *p)
{
	bool draft = session_keeps_drafts(p->s), yes, no, del;
	char *line;

	plain_para(p,
	    session_reviewing(p->s) ?
	        _("Quit? The changes of this review will not be saved; the file stays as it "
	          "was. y: quit, n: stay") :
	        draft ?
	        _("Quit? y: keep a draft to continue later, d: delete the answers, n: stay") :
	        _("Quit? Your answers will not be saved. y: quit, n: stay"),
	    "", "");
	for (;;) {
		plain_say(p, "> ");
		if ((line = read_line(p)) == NULL)
			return STEP_EOF;
		yes = is_word(line, "y") || is_word(line, "yes");
		no = is_word(line, "n") || is_word(line, "no");
		del = draft && (is_word(line, "d") || is_word(line, "delete"));
		plain_line_free(line);
		if (no)
			return STEP_NEXT;
		if (del) {
			session_discard_draft(p->s);
			p->deleted = true;
		}
		if (yes || del)
			return STEP_QUIT;
		plain_para(p,
		    draft ? _("Please type y to stop and keep a draft, d to stop and delete the "
		              "answers, or n to stay.") :
		            _("Please type y to stop, or n to stay."),
		    "", "");
	}
}

/* Asks question i until it gets an answer or a navigation command. */
/* The next line typed at a prompt (caller frees), or NULL: at the end of input (*st is
 * STEP_EOF), or after "q", when the person chose to stop (*st from confirm_quit) or to stay
 * (*st is STEP_NEXT: ask again). */
char *
plain_read_reply(struct plain *p, enum step *st)
{
	char *line = read_line(p);

	if (line == NULL) {
		*st = STEP_EOF;
		return NULL;
	}
	if (!is_word(line, "q"))
		return line;
	plain_line_free(line);
	*st = confirm_quit(p);
	return NULL;
}

static enum step
ask(struct plain *p, size_t i)
{
	const struct question *q = &p->qn->questions[i];
	const struct answer *cur = session_answer(p->s, i);
	struct strbuf sb = { .secret = true };
	enum answer_error e;
	enum step st;
	const char *why;
	char head[32], msg[200];
	char *line;

	announce(p, i);
	question_head(head, sizeof head, session_number(p->s, i));
	plain_para(p, qt(p, q)->text, head, "     ");
	if (q->type == QTYPE_INTEGER) {
		const char *unit = qt(p, q)->unit;

		sb_printf(&sb,
		    q->allow_unknown ? _("(a whole number from %ld to %ld%s%s, or u if you are "
		                         "not sure)") :
		                       _("(a whole number from %ld to %ld%s%s)"),
		    q->min, q->max, unit ? " " : "", unit ? unit : "");
		plain_para(p, sb_str(&sb), "     ", "      ");
		sb_free(&sb);
	}
	if (q->type == QTYPE_TEXT)
		plain_say(p, _("     (at most %zu characters)\n"), q->max_length);
	show_options(p, q);
	if (session_reviewing(p->s) && q->type != QTYPE_INFO)
		plain_review_reported(p, i);
	else if (cur->kind != ANSWER_ABSENT) {
		answer_format_text(q, qt(p, q), cur, &sb);
		plain_say(p, _("     Current answer: %s. Press Enter to keep it.\n"), sb_str(&sb));
	} else if (!q->required && q->type != QTYPE_INFO)
		plain_say(p, "%s", _("     This question is optional: press Enter to skip it.\n"));
	sb_free(&sb);
	for (;;) {
		sb_printf(&sb, "%s %s", prompt_hint(q),
		    q->type == QTYPE_INFO ? _("(< back, q quit)") :
		        has_pictures(q)   ? _("(? help, ?? pictures, < back, q quit)") :
		                            _("(? help, < back, q quit)"));
		plain_para(p, sb_str(&sb), "     ", "     ");
		sb_free(&sb);
		plain_say(p, "> ");
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				return st;
			continue;
		}
		if (strcmp(line, "<") == 0) {
			plain_line_free(line);
			return STEP_BACK;
		}
		if (strcmp(line, "?") == 0 || strcmp(line, "??") == 0) {
			if (line[1] == '?')
				show_pictures(p, q);
			else
				show_help(p, q);
			plain_line_free(line);
			continue;
		}
		if (*line == '\0' || q->type == QTYPE_INFO) {
			why = *line == '\0' ? empty_line(p, i) : NULL;
			plain_line_free(line);
			if (why == NULL && (st = plain_review_explain(p, i, false)) != STEP_BACK)
				return st;
			if (why == NULL)
				continue;
			sb_printf(&sb, "%s %s", why, allowed(p, q, msg, sizeof msg));
			plain_para(p, sb_str(&sb), "     ", "     ");
			sb_free(&sb);
			continue;
		}
		if ((e = session_type(p->s, i, line)) == ANSWER_OK && q->type == QTYPE_TEXT &&
		    strlen(line) > q->max_length)
			plain_say(p, _("     Your answer was shortened to %zu characters.\n"),
			    q->max_length);
		plain_line_free(line);
		if (session_draft_problem(p->s) != NULL)
			plain_say(p, _("     The draft could not be kept: %s\n"),
			    session_draft_problem(p->s));
		if (e == ANSWER_OK && (st = plain_review_explain(p, i, true)) != STEP_BACK)
			return st;
		if (e == ANSWER_OK)
			continue;
		sb_append(&sb, answer_error_text(e, q, qt(p, q), msg, sizeof msg));
		/* The rules of a multiple choice say what is wrong, not what to type. */
		if (e == ANSWER_ERR_REPEATED || e == ANSWER_ERR_ALONE_UNKNOWN ||
		    e == ANSWER_ERR_ALONE_NONE)
			sb_printf(&sb, " %s", allowed(p, q, msg, sizeof msg));
		plain_para(p, sb_str(&sb), "     ", "     ");
		sb_free(&sb);
	}
}

/* Asks from question `from` on every question that is asked and still needs an answer
 * (all of them when `all`). */
static enum step
walk(struct plain *p, size_t from, bool all)
{
	size_t i, back, nq = p->qn->n_questions;
	enum step st;

	i = session_next(p->s, from, !all);
	while (i < nq) {
		st = ask(p, i);
		if (st == STEP_QUIT || st == STEP_EOF)
			return st;
		if (st == STEP_BACK) {
			if ((back = session_back(p->s)) == nq)
				plain_say(p, "     %s\n", _("This is the first question."));
			else
				i = back;
			continue;
		}
		i = session_advance(p->s, i, !all);
	}
	return STEP_NEXT;
}

static void
review_hint(struct plain *p)
{
	plain_para(p,
	    _("Press Enter to see the result, type a question number (e.g. 5 or Q5) to "
	      "change that answer, or q to quit."),
	    "", "");
}

static void
show_review(struct plain *p, const struct review_item *items, size_t n)
{
	struct strbuf sb = { .secret = true };
	char head[32];
	size_t k;

	plain_say(p, "\n== %s ==\n", _("Review your answers"));
	/* A question asked again from here announces its section again. */
	p->last_section = (size_t)-1;
	for (k = 0; k < n; k++) {
		question_head(head, sizeof head, items[k].number);
		plain_para(p, ctext_question(session_text(p->s), items[k].q)->text, head, "     ");
		sb_reset(&sb);
		if (items[k].state == REVIEW_DROPPED)
			sb_append(&sb, _("not used (no longer asked): "));
		answer_format_text(&p->qn->questions[items[k].q],
		    ctext_question(session_text(p->s), items[k].q), items[k].v, &sb);
		plain_review_mark(p, items[k].q, &sb);
		plain_para(p, sb_str(&sb), "     -> ", "        ");
	}
	sb_free(&sb);
	plain_say(p, "\n");
	review_hint(p);
}

/* The review item the line names ("5" or "Q5"), or NULL. */
static const struct review_item *
find_item(const char *line, const struct review_item *items, size_t n)
{
	char *end;
	long k;
	size_t i;

	k = strtol(line + (*line == 'Q' || *line == 'q'), &end, 10);
	if (*end != '\0' || end == line || k < 1)
		return NULL;
	for (i = 0; i < n; i++)
		if (items[i].number == (size_t)k)
			return &items[i];
	return NULL;
}

/* The highest question number the review shows. */
static size_t
last_number(const struct review_item *items, size_t n)
{
	size_t i, k, last = 0;

	for (i = 0; i < n; i++)
		if ((k = items[i].number) > last)
			last = k;
	return last;
}

/* Lists the answers; sets *change to the question to change, or nq to go on. */
static enum step
review(struct plain *p, size_t *change)
{
	struct review_item *items = xcalloc(p->qn->n_questions + 1, sizeof *items);
	struct strbuf sb = { 0 };
	const struct review_item *it;
	enum step st = STEP_NEXT;
	size_t n;
	char *line;

	/* Listed once: after a mistake the message says what to type, and a screen reader
	 * user is not made to hear every answer again. */
	n = session_review(p->s, items);
	show_review(p, items, n);
	for (;;) {
		plain_say(p, "> ");
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				break;
			review_hint(p);
			continue;
		}
		if (*line == '\0') {
			*change = p->qn->n_questions;
			plain_line_free(line);
			break;
		}
		it = find_item(line, items, n);
		plain_line_free(line);
		if (it != NULL && it->state != REVIEW_DROPPED) {
			*change = it->q;
			break;
		}
		sb_printf(&sb, "%s ",
		    it != NULL ? _("This question is no longer asked: an earlier answer changed.") :
		                 _("There is no question with that number."));
		sb_printf(&sb,
		    _("Please type a question number from 1 to %zu to change that answer, press "
		      "Enter to see the result, or type q to quit."),
		    last_number(items, n));
		plain_para(p, sb_str(&sb), "     ", "     ");
		sb_free(&sb);
	}
	free(items);
	return st;
}

static int
finish(struct plain *p)
{
	struct strbuf shown = { .secret = true };
	char *cause = NULL, *shown_cause, *shown_a, *shown_r;
	const char *a, *r;
	int rc = EXIT_OK;

	/* Saved before it is printed: names taken meanwhile by another consultation make
	 * session_save choose others, and a clinic record printed must name the answers file
	 * saved. The patient gets their own copy; the saved one is the clinic record. */
	session_finish(p->s, p->ascii);
	if (session_answers_path(p->s) != NULL) {
		if (session_save(p->s, &cause) != 0)
			rc = EXIT_RUNTIME;
	} else
		session_discard_draft(p->s); /* the consultation is over, unsaved by choice */
	plain_say(p, "\n");
	session_render(p->s, 72, p->ascii, &shown, NULL);
	fputs(sb_str(&shown), p->out);
	sb_free(&shown);
	/* Paths and causes name files by whatever bytes someone chose: never raw to the
	 * terminal. */
	if (rc != EXIT_OK) {
		shown_cause = text_escape_unclean(cause, strlen(cause));
		plain_say(p, _("Could not save: %s\n"), shown_cause);
		fprintf(stderr, "smpscreen: %s\n", shown_cause);
		free(shown_cause);
	} else if (session_saved(p->s)) {
		a = session_answers_path(p->s);
		r = session_report_path(p->s);
		shown_a = text_escape_unclean(a, strlen(a));
		shown_r = text_escape_unclean(r, strlen(r));
		plain_say(p, _("Saved the answers to %s\nSaved the report to %s\n"), shown_a,
		    shown_r);
		free(shown_a);
		free(shown_r);
	}
	fflush(p->out);
	free(cause);
	return rc;
}

/* A draft left by an unfinished consultation: continue it (r), start again over it (Enter,
 * which deletes it), or quit (q, asked as anywhere else). */
static enum step
offer_draft(struct plain *p)
{
	struct diag_list dl = { 0 };
	enum step st;
	char *line;
	bool resume, again;

	plain_para(p,
	    _("An unfinished consultation was kept. Type r and Enter to continue it, or "
	      "press Enter to start again (its answers are then deleted)."),
	    "", "");
	for (;;) {
		plain_say(p, "> ");
		if ((line = read_line(p)) == NULL)
			return STEP_EOF;
		resume = is_word(line, "r");
		again = *line == '\0';
		st = is_word(line, "q") ? STEP_QUIT : STEP_NEXT;
		plain_line_free(line);
		if (resume || again)
			break;
		if (st == STEP_QUIT && (st = confirm_quit(p)) != STEP_NEXT)
			return st;
		/* Anything else (an answer typed too early, say) must not delete the draft;
		 * after "n: stay" the choices are said again too. */
		plain_para(p,
		    _("Please type r to continue the unfinished consultation, press Enter to "
		      "start again, or type q to quit."),
		    "", "");
	}
	if (again)
		session_discard_draft(p->s);
	else if (session_resume(p->s, NULL, &dl) != 0) {
		diag_print(&dl, stderr);
		plain_say(p, "%s\n", _("The draft could not be read; starting again."));
	}
	diag_clear(&dl);
	return STEP_NEXT;
}

/* Each value, as the client's identity is asked (NULL: not given); owned, zeroed when
 * freed. */
static void
value_set(char **v, const char *s)
{
	plain_line_free(*v);
	*v = s != NULL ? xstrdup(s) : NULL;
}

/*
 * Who the client is (ask_client_identity): three lines, each optional, kept by the session
 * as metadata of the answers (no rule sees them). Each line is handed to the session as it
 * comes, so that what it refuses (a date of birth that is not YYYY-MM-DD, a line too long)
 * is asked again at once, saying why. A draft's values show as current: Enter keeps one,
 * "-" removes it. q stops, as everywhere.
 */
static enum step
ask_identity(struct plain *p)
{
	static const char *const prompts[3] = { N_("Your name"),
		N_("Clinic reference (if the clinic gave you one)"),
		N_("Date of birth (YYYY-MM-DD)") };
	const struct answers_meta *m = &session_answers(p->s)->meta;
	char *v[3] = { NULL, NULL, NULL }, *line, *old = NULL;
	const char *why;
	enum step st = STEP_NEXT;
	size_t i;

	value_set(&v[0], m->client_name);
	value_set(&v[1], m->client_reference);
	value_set(&v[2], m->client_date_of_birth);
	plain_say(p, "\n== %s ==\n", _("About you"));
	plain_para(p,
	    _("So that the clinic can match this screening with your record; it is not used "
	      "for the result. Each line is optional: press Enter to skip it, or type q to "
	      "stop."),
	    "", "");
	for (i = 0; i < 3;) {
		if (v[i] != NULL)
			plain_say(p, _("%s [%s] (Enter keeps it, - removes it): "), _(prompts[i]),
			    v[i]);
		else
			plain_say(p, _("%s (Enter to skip): "), _(prompts[i]));
		if ((line = plain_read_reply(p, &st)) == NULL) {
			if (st != STEP_NEXT)
				break;
			continue;
		}
		value_set(&old, v[i]);
		if (strcmp(line, "-") == 0)
			value_set(&v[i], NULL);
		else if (*line != '\0')
			value_set(&v[i], line);
		plain_line_free(line);
		if ((why = session_set_client(p->s, v[0], v[1], v[2])) != NULL) {
			/* Asked again, with what it held before. */
			value_set(&v[i], old);
			plain_say(p, "     ");
			plain_say(p, _("Please correct this: %s."), why);
			plain_say(p, "\n");
			continue;
		}
		if (session_draft_problem(p->s) != NULL)
			plain_say(p, _("     The draft could not be kept: %s\n"),
			    session_draft_problem(p->s));
		i++;
	}
	for (i = 0; i < 3; i++)
		plain_line_free(v[i]);
	plain_line_free(old);
	return st;
}

/* The language menu, before anything else is said, each language under its own name. Only
 * on a terminal: a script or a pipe chose its language with --lang and must not have its
 * first answer taken for a menu choice. Returns STEP_EOF when the input ended. */
static enum step
choose_language(struct plain *p, const struct lang_menu *m)
{
	const struct lang_list *l = m->langs;
	unsigned long n;
	char *line, *end;
	size_t i;

	if (l == NULL || l->n < 2 || m->set == NULL || !isatty(fileno(p->in)))
		return STEP_NEXT;
	plain_say(p, "%s\n", _("Language:"));
	for (i = 0; i < l->n; i++)
		plain_say(p, "  %2zu. %s%s\n", i + 1, lang_name(l->codes[i]),
		    strcmp(l->codes[i], lang_current()) == 0 ? "  *" : "");
	plain_say(p, _("Type a number, or press Enter for %s.\n"), lang_name(lang_current()));
	if ((line = read_line(p)) == NULL)
		return STEP_EOF;
	n = strtoul(line, &end, 10);
	if (*line != '\0' && *end == '\0' && n >= 1 && n <= l->n &&
	    strcmp(l->codes[n - 1], lang_current()) != 0)
		m->set(m->arg, l->codes[n - 1]);
	plain_line_free(line);
	plain_say(p, "\n");
	return STEP_NEXT;
}

int
plain_run(struct session *s, const struct plain_opts *o, FILE *in, FILE *out)
{
	struct plain p = { .s = s,
		.qn = session_questionnaire(s),
		.in = in,
		.out = out,
		.ascii = o->ascii,
		.last_section = (size_t)-1 };
	bool resumed = o->resumed;
	size_t nq = p.qn->n_questions, change;
	enum step st = STEP_NEXT;

	if (o->notice != NULL)
		plain_para(&p, o->notice, "", "");
	if (choose_language(&p, &o->languages) == STEP_EOF) {
		fputs(_("smpscreen: input ended before the questionnaire was "
		        "finished; nothing was saved\n"),
		    stderr);
		return EXIT_RUNTIME;
	}
	plain_say(&p, "%s\n", ctext_title(session_text(s)));
	plain_para(&p,
	    _("This is a screening aid, not medical advice. A practitioner makes the "
	      "decision, in person."),
	    "", "");
	if (session_reviewing(s))
		st = plain_review_intro(&p);
	else if (!session_keeps_drafts(s) && o->no_draft != NULL) {
		struct strbuf sb = { 0 };

		/* Said before anything is answered: nobody should learn it when the line has
		 * dropped. */
		sb_printf(&sb,
		    _("Answer each question by typing its number and pressing Enter. Type ? for "
		      "help "
		      "with a question, < to go back, q to stop. If the connection drops, your "
		      "answers so far cannot be kept: %s."),
		    o->no_draft);
		plain_para(&p, sb_str(&sb), "", "");
		sb_free(&sb);
	} else
		plain_para(&p,
		    session_keeps_drafts(s) ?
		        _("Answer each question by typing its number and pressing Enter. Type ? "
		          "for "
		          "help with a question, < to go back, q to stop. After each answer, the "
		          "answers so far are kept as a draft, so you can stop and continue "
		          "later.") :
		        _("Answer each question by typing its number and pressing Enter. Type ? "
		          "for "
		          "help with a question, < to go back, q to stop (your answers are not "
		          "kept)."),
		    "", "");
	if (!resumed && session_draft_waiting(s))
		st = offer_draft(&p);
	if (st == STEP_NEXT && o->ask_client && !session_reviewing(s))
		st = ask_identity(&p);
	/* A draft's answers show as current answers: Enter keeps each one. */
	if (st == STEP_NEXT)
		st = walk(&p, 0, true);
	while (st == STEP_NEXT) {
		st = review(&p, &change);
		/* A review is not saved with a change nobody explained: its question comes
		 * again, and Enter keeps the answer and asks why. */
		if (st == STEP_NEXT && change == nq && session_reviewing(s) &&
		    (change = session_review_unexplained(s)) < nq)
			plain_say(&p, "\n%s\n",
			    _("This change needs a reason before the review is saved."));
		if (st != STEP_NEXT || change == nq)
			break;
		session_clear_trail(s);
		st = ask(&p, change);
		if (st == STEP_BACK)
			st = STEP_NEXT;
		if (st == STEP_NEXT)
			st = walk(&p, 0, false);
	}
	if (st == STEP_NEXT && session_reviewing(s))
		st = plain_review_decide(&p);
	if (st == STEP_NEXT)
		return finish(&p);
	if (st == STEP_QUIT) {
		if (session_draft_kept(s)) {
			struct strbuf sb = { 0 };

			sb_printf(&sb,
			    _("Stopped. Nothing was saved; the answers so far are kept in %s. Run "
			      "smpscreen again to continue (or smpscreen --resume %s)."),
			    session_draft_path(s), session_draft_path(s));
			plain_say(&p, "\n");
			plain_para(&p, sb_str(&sb), "", "");
			sb_free(&sb);
		} else if (p.deleted)
			plain_say(&p, "\n%s\n",
			    _("Stopped. The answers were deleted; nothing was saved."));
		else
			plain_say(&p, "\n%s\n", _("Stopped. Nothing was saved."));
		fflush(out);
		return EXIT_OK;
	}
	/* The input ended (a closed pipe, a dropped ssh -T): said once, on stderr, where a
	 * log or the person at the other end of a pipe sees it. */
	plain_say(&p, "\n");
	if (session_draft_kept(s))
		fprintf(stderr,
		    _("smpscreen: input ended before the questionnaire was finished; "
		      "nothing was saved; the answers so far are in %s (smpscreen --resume %s "
		      "continues)\n"),
		    session_draft_path(s), session_draft_path(s));
	else
		fprintf(stderr,
		    _("smpscreen: input ended before the questionnaire was "
		      "finished; nothing was saved\n"));
	fflush(out);
	return EXIT_RUNTIME;
}
