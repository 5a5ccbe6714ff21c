/* SPDX-License-Identifier: ISC */
/* The wizard's pages, ncdu 1.x style: each page is a small module with its own state, a draw
 * function and a key function; wizard.c owns the loop and hands each key to the page on
 * screen (or to the quit dialog over it). Private to src/ui/. */
#ifndef SMPSCREEN_UI_PAGE_H
#define SMPSCREEN_UI_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "draw.h"
#include "exitcode.h"
#include "keymap.h"
#include "smpscreen/answer.h"
#include "smpscreen/kiosk.h"
#include "smpscreen/report.h"
#include "smpscreen/session.h"
#include "smpscreen/strbuf.h"
#include "wizard.h"

struct wizard;

struct page {
	void (*draw)(struct wizard *wz);
	/* key: as term_key() returned it; the page maps it through the key table */
	void (*key)(struct wizard *wz, int key);
};

extern const struct page page_welcome, page_identity, page_question, page_help, page_review,
    page_result, page_quit, page_still_there, page_thanks, page_staff, page_language, page_prompt,
    page_decision;

/* The client's identity (ask_client_identity): name, reference, date of birth. */
enum { IDENTITY_FIELDS = 3 };
struct identity_page {
	struct strbuf field[IDENTITY_FIELDS]; /* as typed (secret) */
	size_t focus;                         /* a field, or IDENTITY_FIELDS: Continue */
	bool resuming; /* Continue goes on to what a resumed draft still needs */
};

/* A consultant's review: the one-line prompts (page_prompt.c). */
enum prompt_kind {
	PROMPT_NAME,     /* the consultant's name, once per review */
	PROMPT_REASON,   /* why the answer to a question was changed */
	PROMPT_DECISION, /* why the consultant decides a level of their own */
};
/* Where an answered prompt leads. */
enum prompt_then {
	PROMPT_THEN_QUESTIONS, /* the first question */
	PROMPT_THEN_ADVANCE,   /* on from the question page, as its answer would */
	PROMPT_THEN_RESULT,    /* the result (or the next change still without a reason) */
};
struct prompt_page {
	enum prompt_kind kind;
	size_t q;  /* PROMPT_REASON: the question */
	int level; /* PROMPT_DECISION: the level decided */
	enum prompt_then then;
	struct strbuf field; /* as typed (secret) */
};

struct question_page {
	size_t q;             /* the question on screen */
	size_t focus;         /* focused item; n_options is "not sure" */
	struct answer ticks;  /* a multi-choice answer being edited */
	struct strbuf entry;  /* a number or text being typed (secret) */
	bool from_review;     /* an answer changed from the review returns there */
	bool selected;        /* the number shown is selected: typing replaces it */
	bool moved;           /* the focus was moved since the page opened */
	size_t help_top;      /* the first line of the help shown (it scrolls) */
	struct answer opened; /* a review: the answer when the page opened, to see a change */
};

struct review_page {
	size_t focus; /* index into the review items; the last item is "see the result" */
	size_t top;   /* first item shown */
	bool keys;    /* every key of the page is listed (?) */
};

struct result_page {
	size_t top;         /* first line shown; SIZE_MAX: the "Result" section */
	struct strbuf text; /* the report laid out for the screen width (secret) */
	struct report_toc toc;
	char **lines;
	size_t n_lines;
	size_t width; /* what text was laid out for; 0: to be laid out */
	char *cause;  /* why the last save failed; NULL when it did not */
	bool keys;    /* every key of the page is listed (?) */
};

/* The staff PIN prompt and menu (kiosk). */
struct staff_page {
	struct strbuf pin; /* the PIN being typed (secret) */
	const char *said;  /* the last verdict, or what the menu did (static) */
};

struct wizard {
	struct kiosk *k;       /* the kiosk running the wizard, or NULL for one consultation */
	unsigned long patient; /* kiosk_patient() the pages below belong to */
	long long esc_at;      /* when Esc came (kiosk: Esc then 0 is the staff key); 0: none */
	long shown;            /* the countdown or lock seconds on screen */
	struct session *s;
	const struct questionnaire *qn;
	struct draw_ctx dc;
	const struct page *page;   /* the page on screen */
	const struct page *dialog; /* the quit dialog over it, or NULL */
	char msg[200];             /* one line under the page: errors, confirmations */
	bool draft_waiting;        /* the welcome page offers to continue a draft */
	const char *no_draft;      /* why no draft can be kept (said on the welcome page); NULL */
	bool ask_client;           /* the clinic's ask_client_identity: the identity page */
	bool done;
	int rc;
	struct identity_page identity;
	struct question_page question;
	struct review_page review;
	struct result_page result;
	struct staff_page staff;
	struct prompt_page prompt;
	size_t decision_focus; /* the decision page's focused level */
	struct lang_menu langs;
	size_t lang_focus; /* the language page's focused choice */
	/* Kiosk: the language staff chose, which every new patient starts in, and whether a
	 * patient chose another on the welcome page (undone after the idle time). */
	char kiosk_lang[LANG_CODE_MAX + 1];
	bool lang_by_patient;
};

/* The texts of question q (a question of wz->qn) in the consultation's language. */
const struct qtext *wizard_qtext(const struct wizard *wz, const struct question *q);
/* Whether the welcome page offers a choice of language. */
bool wizard_has_languages(const struct wizard *wz);
/* Switches the program's messages and the questionnaire's texts to code. */
void wizard_set_language(struct wizard *wz, const char *code);
/* The welcome page's line offering the language page ("l  Language: English, Español"). */
void page_language_hint(struct wizard *wz, int row);
/* Shows message s on the message line until the next page change. */
void wizard_say(struct wizard *wz, const char *s);
/* Shows page p (clearing the message line). */
void wizard_show(struct wizard *wz, const struct page *p);
/* Goes to question q, or to the review when q is past the last question. */
void wizard_go_to(struct wizard *wz, size_t q);

/* Moves a focus within a list of n items for action a (page: the step of PgUp/PgDn); false
 * when a is not a movement. */
bool wizard_move_focus(size_t *focus, size_t n, enum ui_action a, size_t page);

/* Opens the identity page with what the session holds of the client; resuming: Continue
 * goes on to what a resumed draft still needs, else to the first question. */
void page_identity_open(struct wizard *wz, bool resuming);
/* Zeroes and frees the identity page's fields, leaving it empty and ready. */
void page_identity_clear(struct identity_page *ip);
/* The first page of a consultation started (resuming: continued) from the welcome page:
 * the identity page when the clinic asks for it, else the first question wanted. */
void wizard_begin(struct wizard *wz, bool resuming);
/* Opens question q on the question page with its current answer; from_review: an answer
 * returns to the review. */
void page_question_open(struct wizard *wz, size_t q, bool from_review);
/* The frame of the question page: progress as title, and hints (NULL: the question type's
 * key hints, as short as the width needs). */
void page_question_frame(struct wizard *wz, const char *hints);
/* The keys of the first n options, in runs ("1-4", "1-9,a-c"), into buf. */
void page_question_keys(size_t n, char *buf, size_t size);
/* Where a key on question q is pressed: a list, a number or a text field. */
enum ui_context page_question_context(const struct question *q);
/* After the answer to the question on the question page: the next question, the review,
 * or first (a consultant's review) why the answer was changed. */
void page_question_advance(struct wizard *wz);
/* The result, or first a question that still needs an answer (a review: or a change that
 * still needs its reason). */
void page_review_see_result(struct wizard *wz);
/* A review's prompt of kind for question q or decision level, leading on as then says. */
void page_prompt_open(struct wizard *wz, enum prompt_kind kind, size_t q, int level,
    enum prompt_then then);
/* A review's choice of the consultant's own decision. */
void page_decision_open(struct wizard *wz);
/* Lays out and shows the result of the finished consultation. */
void page_result_open(struct wizard *wz);
/* Frees what the pages hold, zeroing the patient's data. */
void page_question_free(struct question_page *qp);
void page_result_free(struct result_page *rp);

#endif
