#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plain.h"
#include "walk.h"
#include "smpscreen/answers.h"
#include "smpscreen/i18n.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/text.h"
#include "smpscreen/xalloc.h"

#define WIDTH 72
/* A typed line longer than this is cut; no answer needs more. */
#define LINE_MAX_BYTES 4096

enum step { STEP_NEXT, STEP_BACK, STEP_QUIT, STEP_EOF };

struct plain {
	struct cli *c;
	FILE *in, *out;
	bool ascii;
	struct walk w;
	struct answers *a; /* w.a */
	size_t last_section;
};

static void
emit(struct plain *p, const char *s)
{
	struct strbuf sb = { 0 };

	if (p->ascii) {
		text_to_ascii(&sb, s);
		s = sb_str(&sb);
	}
	fputs(s, p->out);
	sb_free(&sb);
}

static void say(struct plain *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct plain *p, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	emit(p, sb_str(&sb));
	sb_free(&sb);
}

/* Wrapped paragraph with a hanging indent. */
static void
para(struct plain *p, const char *s, const char *first, const char *indent)
{
	struct strbuf sb = { 0 }, ascii = { 0 };

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

/* Reads one line, sanitised and trimmed; NULL at end of input. Caller frees. */
static char *
read_line(struct plain *p)
{
	struct strbuf sb = { 0 };
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

static void
show_options(struct plain *p, const struct question *q)
{
	char num[32];
	size_t k;

	for (k = 0; k < q->n_options; k++) {
		snprintf(num, sizeof num, "  %2zu. ", k + 1);
		para(p, q->options[k].label, num, "      ");
	}
	if (q->allow_unknown) {
		snprintf(num, sizeof num, "  %2zu. ", q->n_options + 1);
		para(p, q->unknown_label, num, "      ");
	}
}

static void
show_help(struct plain *p, const struct question *q)
{
	size_t k;

	if (q->help != NULL)
		para(p, q->help, "  ", "  ");
	for (k = 0; k < q->n_options; k++)
		if (q->options[k].illustration != NULL) {
			say(p, "  %s:\n", q->options[k].label);
			para(p, q->options[k].illustration, "    ", "    ");
		}
	if (q->help == NULL)
		say(p, "%s", _("  There is no more help for this question; your consultant can "
		    "explain it.\n"));
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

/* Parses a choice number (1-based, the unknown choice last) or an option value. */
static long
parse_choice(const struct question *q, const char *tok)
{
	char *end;
	long v;

	if (isdigit((unsigned char)*tok)) {
		errno = 0;
		v = strtol(tok, &end, 10);
		if (*end != '\0' || errno != 0 || v < 1)
			return -1;
		if ((size_t)v <= q->n_options)
			return v - 1;
		if (q->allow_unknown && (size_t)v == q->n_options + 1)
			return (long)q->n_options;
		return -1;
	}
	if (q->allow_unknown && strcmp(tok, ANSWER_UNKNOWN_VALUE) == 0)
		return (long)q->n_options;
	return question_find_option(q, tok);
}

/* Turns a typed line into an answer; NULL on success, else a message to show. */
static const char *
parse_answer(const struct question *q, char *line, struct answer *v)
{
	char *tok, *save = NULL, *end;
	long k, none = question_find_option(q, "none"), n;
	bool unknown = false;

	memset(v, 0, sizeof *v);
	switch (q->type) {
	case QTYPE_SINGLE:
		if ((k = parse_choice(q, line)) < 0)
			return _("Please type one of the numbers shown.");
		v->kind = (size_t)k == q->n_options ? ANSWER_UNKNOWN : ANSWER_OPTION;
		v->num = k;
		return NULL;
	case QTYPE_MULTI:
		for (tok = strtok_r(line, " ,;", &save); tok != NULL;
		    tok = strtok_r(NULL, " ,;", &save)) {
			if ((k = parse_choice(q, tok)) < 0)
				return _("Please type only numbers shown, separated by spaces.");
			if ((size_t)k == q->n_options)
				unknown = true;
			else if (v->set & (UINT64_C(1) << k))
				return _("A number was typed twice; please type each choice once.");
			else
				v->set |= UINT64_C(1) << k;
		}
		if (!unknown && v->set == 0)
			return _("Please choose at least one answer.");
		if (unknown && v->set != 0)
			return _("'Not sure' cannot be combined with other answers.");
		if (none >= 0 && (v->set & (UINT64_C(1) << none)) && v->set != (UINT64_C(1) << none))
			return _("'None' cannot be combined with other answers.");
		v->kind = unknown ? ANSWER_UNKNOWN : ANSWER_OPTIONS;
		return NULL;
	case QTYPE_INTEGER:
		if (q->allow_unknown && (strcmp(line, "u") == 0 || strcmp(line, "U") == 0 ||
		    strcmp(line, ANSWER_UNKNOWN_VALUE) == 0)) {
			v->kind = ANSWER_UNKNOWN;
			return NULL;
		}
		errno = 0;
		n = strtol(line, &end, 10);
		if (!isdigit((unsigned char)*line) || *end != '\0' || errno != 0 || n < q->min ||
		    n > q->max)
			return _("Please type a whole number in the range shown.");
		v->kind = ANSWER_INTEGER;
		v->num = n;
		return NULL;
	case QTYPE_TEXT:
		v->kind = ANSWER_TEXT;
		v->text = text_sanitize(line, strlen(line), q->max_length, false);
		return NULL;
	case QTYPE_INFO:
		return NULL;
	}
	return NULL;
}

/* Asks question i until it gets an answer or a navigation command. */
static enum step
ask(struct plain *p, size_t i)
{
	const struct question *q = &p->a->qn->questions[i];
	struct answer *cur = &p->a->eff[i], v;
	struct strbuf sb = { 0 };
	const char *err;
	char head[32];
	char *line;

	if (q->section != p->last_section) {
		p->last_section = q->section;
		say(p, "\n== %s ==\n", p->a->qn->sections[q->section].title);
	}
	say(p, "\n");
	snprintf(head, sizeof head, "Q%zu.", i + 1);
	snprintf(head + strlen(head), sizeof head - strlen(head), "%*s", (int)(5 - strlen(head)),
	    "");
	para(p, q->text, head, "     ");
	if (q->type == QTYPE_INTEGER)
		say(p, _("     (a whole number from %ld to %ld%s%s)\n"), q->min, q->max,
		    q->unit ? " " : "", q->unit ? q->unit : "");
	if (q->type == QTYPE_TEXT)
		say(p, _("     (at most %zu characters)\n"), q->max_length);
	show_options(p, q);
	if (cur->kind != ANSWER_ABSENT) {
		answer_format(q, cur, &sb);
		say(p, _("     Current answer: %s. Press Enter to keep it.\n"), sb_str(&sb));
		sb_free(&sb);
	} else if (!q->required && q->type != QTYPE_INFO)
		say(p, "%s", _("     This question is optional: press Enter to skip it.\n"));
	for (;;) {
		sb_reset(&sb);
		sb_printf(&sb, "%s %s", prompt_hint(q), _("(? help, < back, q quit)"));
		para(p, sb_str(&sb), "     ", "     ");
		sb_free(&sb);
		say(p, "> ");
		if ((line = read_line(p)) == NULL)
			return STEP_EOF;
		if (strcmp(line, "<") == 0) {
			free(line);
			return STEP_BACK;
		}
		if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0) {
			free(line);
			return STEP_QUIT;
		}
		if (strcmp(line, "?") == 0) {
			show_help(p, q);
			free(line);
			continue;
		}
		if (*line == '\0' && (q->type == QTYPE_INFO || cur->kind != ANSWER_ABSENT ||
		    !q->required)) {
			free(line);
			return STEP_NEXT;
		}
		if (*line == '\0' || q->type == QTYPE_INFO) {
			if (q->type == QTYPE_INFO) {
				free(line);
				return STEP_NEXT;
			}
			say(p, "     %s\n", _("An answer is needed to go on."));
			free(line);
			continue;
		}
		err = parse_answer(q, line, &v);
		if (err == NULL && q->type == QTYPE_TEXT && strlen(v.text) < strlen(line))
			say(p, _("     Your answer was shortened to %zu characters.\n"),
			    q->max_length);
		free(line);
		if (err != NULL) {
			say(p, "     %s\n", err);
			continue;
		}
		answer_clear(cur);
		*cur = v;
		return STEP_NEXT;
	}
}

/* Walks from question `from` on, asking every question that is asked and still needs an
 * answer (all of them when `all`). */
static enum step
walk(struct plain *p, size_t from, bool all)
{
	size_t i, back, nq = p->a->qn->n_questions;
	enum step st;

	for (i = walk_next(&p->w, from, !all); i < nq; i = walk_next(&p->w, i, !all)) {
		st = ask(p, i);
		if (st == STEP_QUIT || st == STEP_EOF)
			return st;
		if (st == STEP_BACK) {
			if ((back = walk_back(&p->w)) == nq)
				say(p, "     %s\n", _("This is the first question."));
			else
				i = back;
			continue;
		}
		walk_push(&p->w, i);
		i++;
	}
	return STEP_NEXT;
}

/* A question the review lists: asked (or answered) and not display-only. */
static bool
reviewable(const struct plain *p, size_t i)
{
	return p->a->qn->questions[i].type != QTYPE_INFO &&
	    (p->a->eff[i].kind != ANSWER_ABSENT || walk_asked(&p->w, i));
}

/* Lists the answers; sets *change to the question to change, or nq to go on. */
static enum step
review(struct plain *p, size_t *change)
{
	const struct questionnaire *qn = p->a->qn;
	struct strbuf sb = { 0 };
	size_t i;
	char head[32], *line, *end;
	long k;

	for (;;) {
		say(p, "\n== %s ==\n", _("Review your answers"));
		for (i = 0; i < qn->n_questions; i++) {
			if (!reviewable(p, i))
				continue;
			/* The questions' own numbers, as asked and as in the report. */
			snprintf(head, sizeof head, "Q%zu.", i + 1);
			snprintf(head + strlen(head), sizeof head - strlen(head), "%*s",
			    (int)(5 - strlen(head)), "");
			para(p, qn->questions[i].text, head, "     ");
			sb_reset(&sb);
			answer_format(&qn->questions[i], &p->a->eff[i], &sb);
			para(p, sb_str(&sb), "     -> ", "        ");
		}
		say(p, "\n");
		para(p, _("Press Enter to see the result, type a question number (e.g. 5 or Q5) "
		    "to change that answer, or q to quit without saving."), "", "");
		say(p, "> ");
		if ((line = read_line(p)) == NULL) {
			sb_free(&sb);
			return STEP_EOF;
		}
		if (*line == '\0') {
			*change = qn->n_questions;
			break;
		}
		if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0) {
			free(line);
			sb_free(&sb);
			return STEP_QUIT;
		}
		k = strtol(line + (*line == 'Q' || *line == 'q'), &end, 10);
		if (*end == '\0' && end != line && k >= 1 && (size_t)k <= qn->n_questions &&
		    reviewable(p, (size_t)k - 1)) {
			*change = (size_t)k - 1;
			break;
		}
		say(p, "     %s\n", _("Please type one of the numbers shown, or press Enter."));
		free(line);
	}
	free(line);
	sb_free(&sb);
	return STEP_NEXT;
}

static int
finish(struct plain *p)
{
	struct strbuf report = { 0 };
	char *rpath = NULL, *cause = NULL;
	int rc = EXIT_OK;

	cli_render_result(p->c, p->a, p->ascii, WIDTH, &report, &rpath);
	say(p, "\n");
	fputs(sb_str(&report), p->out);
	if (rpath != NULL) {
		if (cli_save_result(p->a, rpath, &report, &cause) != 0) {
			say(p, _("Could not save: %s\n"), cause);
			fprintf(stderr, "smpscreen: %s\n", cause);
			rc = EXIT_RUNTIME;
		} else
			say(p, _("Saved the answers to %s\nSaved the report to %s\n"), p->a->path,
			    rpath);
	}
	fflush(p->out);
	free(rpath);
	free(cause);
	sb_free(&report);
	return rc;
}

int
plain_run(struct cli *c, FILE *in, FILE *out)
{
	struct plain p = { .c = c, .in = in, .out = out };
	size_t nq = c->qn->n_questions, change;
	enum step st;
	int rc = EXIT_RUNTIME;

	/* A terminal that cannot show UTF-8 gets ASCII rather than mojibake. */
	p.ascii = c->ascii || !cli_locale_is_utf8();
	/* Find out now, not after twenty minutes of questions, that nothing could be saved. */
	if (!c->no_save && access(cli_save_dir(c), W_OK | X_OK) != 0) {
		fprintf(stderr, _("smpscreen: cannot save in %s: %s\n"), cli_save_dir(c),
		    strerror(errno));
		return EXIT_RUNTIME;
	}
	walk_init(&p.w, c->qn, c->consultant);
	p.a = p.w.a;
	/* A draft's answers show as current answers: Enter keeps each one. */
	if (c->resume_path != NULL && cli_load_draft(c, c->resume_path, p.a) != 0) {
		walk_free(&p.w);
		return EXIT_USAGE;
	}
	p.last_section = (size_t)-1;

	say(&p, "%s\n", c->qn->title);
	para(&p, _("This is a screening aid, not medical advice. A practitioner makes the "
	    "decision, in person."), "", "");
	para(&p, _("Answer each question by typing its number and pressing Enter. Type ? for "
	    "help with a question, < to go back, q to stop (nothing is saved)."), "", "");
	st = walk(&p, 0, true);
	while (st == STEP_NEXT) {
		st = review(&p, &change);
		if (st != STEP_NEXT || change == nq)
			break;
		p.w.n_history = 0;
		st = ask(&p, change);
		if (st == STEP_BACK)
			st = STEP_NEXT;
		if (st == STEP_NEXT)
			st = walk(&p, 0, false);
	}
	if (st == STEP_NEXT)
		rc = finish(&p);
	else if (st == STEP_QUIT) {
		say(&p, "\n%s\n", _("Stopped. Nothing was saved."));
		rc = EXIT_OK;
	} else {
		say(&p, "\n%s\n", _("The input ended before the questionnaire was finished; "
		    "nothing was saved."));
		fprintf(stderr, _("smpscreen: input ended before the questionnaire was "
		    "finished; nothing was saved\n"));
	}
	/* Nothing of this consultation outlives it in memory. */
	walk_free(&p.w);
	fflush(out);
	return rc;
}
