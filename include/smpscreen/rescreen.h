/* SPDX-License-Identifier: ISC */
/* Rescreening: one saved answers file screened under two contents (questionnaire, rules,
 * settings), the old one a clinic used and the new one it is about to use, and what changes
 * between the two outcomes; and the reports of a whole run (text, JSON, CSV). */
#ifndef SMPSCREEN_RESCREEN_H
#define SMPSCREEN_RESCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/answers.h"
#include "smpscreen/content.h"
#include "smpscreen/date.h"
#include "smpscreen/diag.h"
#include "smpscreen/outcome.h"
#include "smpscreen/rules.h"
#include "smpscreen/strbuf.h"

/* What kind of change a file shows, the first that applies in this order: the new
 * questionnaire refuses the file; the suitability got stricter, or less strict; the
 * suitability stayed and the patch test changed (the date may have changed too); only the
 * come-back date changed. RESCREEN_SAME: none of them. */
enum rescreen_kind {
	RESCREEN_SAME,
	RESCREEN_STRICTER,
	RESCREEN_LESS_STRICT,
	RESCREEN_PATCH_TEST,
	RESCREEN_COME_BACK,
	RESCREEN_NOT_ACCEPTED,
	RESCREEN_N_KINDS
};

/* The part of an outcome a rescreen compares. */
struct rescreen_outcome {
	enum level suitability;
	enum patch patch;
	bool has_come_back;
	struct date come_back;
};

/* What one fired rule contributes to the compared outcome. */
struct rescreen_effect {
	enum level level;
	enum patch patch;
	bool has_date;
	struct date date;
};

/* A rule, by id, whose firing differs between the two contents. Only rules that can move the
 * compared outcome are listed (a level above suitable, a patch test, or a come-back date): a
 * rule that only adds notes made no difference. */
struct rescreen_rule {
	char *id;                   /* owned */
	struct rescreen_effect old; /* no_longer and changed */
	struct rescreen_effect new; /* fires_now and changed */
};

/* One answers file under both contents. */
struct rescreen_change {
	char *source; /* the path as named, owned */
	enum rescreen_kind kind;
	struct rescreen_outcome old;
	struct rescreen_outcome new;     /* unset for RESCREEN_NOT_ACCEPTED */
	struct rescreen_rule *fires_now; /* fire under the new content only, in its rules order */
	size_t n_fires_now;
	struct rescreen_rule *no_longer; /* fired under the old content only, in its order */
	size_t n_no_longer;
	struct rescreen_rule *changed; /* fire under both with another level, patch test or
	                                * come-back date, in the new rules order */
	size_t n_changed;
	/* RESCREEN_NOT_ACCEPTED: the new content's loader on why it refuses the file. */
	struct diag_list messages;
	/* The rules the file says it was screened under when saved (its record); NULL / 0
	 * when it does not say. */
	char *saved_rules_id, *saved_rules_sha256;
	int saved_rules_version;
};

/* Screens the answers file at path under old and under new, both with the date today.
 * When old refuses the file (bad input: the file never screened), returns -1 with every
 * error in dl and *out NULL; otherwise returns 0 and *out, owned by the caller
 * (rescreen_change_free), whose kind is RESCREEN_SAME when the outcome is unchanged. What
 * the new content refuses is a change (RESCREEN_NOT_ACCEPTED), never an error in dl. */
int rescreen_file(struct rescreen_change **out, const char *path, const struct content *old,
    const struct content *new, struct date today, struct diag_list *dl);
/* As rescreen_file, for answers already loaded, with a NULL new_answers (and the loader's
 * messages in new_messages, which are moved into the change) when the new content refused
 * them. Owned by the caller. */
struct rescreen_change *rescreen_compare(const char *source, const struct content *old,
    const struct answers *old_answers, const struct content *new, const struct answers *new_answers,
    struct diag_list *new_messages, struct date today);
/* Accepts NULL. */
void rescreen_change_free(struct rescreen_change *c);
/* The contract id of a kind ("stricter", "less_strict", "patch_test", "come_back",
 * "not_accepted"; "same"), not to be freed. */
const char *rescreen_kind_name(enum rescreen_kind k);

/* How many files a run screened, how many changed, and how many of each kind. */
struct rescreen_summary {
	size_t screened;
	size_t changed;
	size_t by_kind[RESCREEN_N_KINDS];
};

/* Counts c in s. */
void rescreen_count(struct rescreen_summary *s, const struct rescreen_change *c);

/* A whole run, as its reports show it; everything borrowed. */
struct rescreen_run {
	const struct content *old;
	const struct content *new;
	struct date today;
	struct rescreen_change *const *changes; /* the changed files only, in argument order */
	size_t n_changes;
	struct rescreen_summary summary;
};

/* Appends the text report: the two contents, one block per changed file, then the
 * summary; when nothing changed, the summary alone. 72 columns, every piece of data
 * sanitised; with ascii, only ASCII bytes. */
void rescreen_write_text(struct strbuf *out, const struct rescreen_run *run, bool ascii);
/* Appends the JSON report: one object and a final newline. */
void rescreen_write_json(struct strbuf *out, const struct rescreen_run *run);
/* Appends the CSV report (RFC 4180, CRLF): a header row, then one row per changed file. */
void rescreen_write_csv(struct strbuf *out, const struct rescreen_run *run);

#endif
