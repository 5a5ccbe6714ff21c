/* SPDX-License-Identifier: ISC */
/* Reading libconfig files for the core loaders: safe reading (no includes, no silently
 * wrapped integers), typed lookups that report problems with file and line, and key checks
 * with did-you-mean. Private to src/core: libconfig types never leave the core. */
#ifndef SMPSCREEN_CFG_H
#define SMPSCREEN_CFG_H

#include <libconfig.h>
#include <stdbool.h>

#include "smpscreen/diag.h"
#include "smpscreen/settings.h"

/* Groups of up to this many members have their names kept by cfg_member (below). */
#define CFG_MEMBERS_KEPT 32

struct cfg_ctx {
	const char *file; /* name used in diagnostics */
	struct diag_list *dl;
	size_t errors;    /* errors this context added */
	size_t suggested; /* candidates its suggestions examined (suggest_closest_within) */
	/* The members of the group cfg_member last looked in. libconfig finds a member by
	 * scanning the group and calling strchr on every name it passes, some 500 instructions
	 * a lookup; a loader asks a question's group for a dozen keys in turn. Valid while the
	 * group's config_t is unchanged; cfg_read forgets it. */
	const config_setting_t *kept_group;
	unsigned n_kept;
	struct {
		const char *name;
		config_setting_t *s;
	} kept[CFG_MEMBERS_KEPT];
};

/* Reads path (text == NULL) or text into cfg, after refusing @include directives and integers
 * that libconfig would silently wrap. If sha is not NULL it receives the hex SHA-256 of the
 * bytes. Returns 0, or -1 with diagnostics (cfg is then destroyed by the caller as usual). */
int cfg_read(struct cfg_ctx *cx, config_t *cfg, const char *path, const char *text, char sha[65]);
/* Adds an error at line (0: none) of cx->file. */
void cfg_error(struct cfg_ctx *cx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_warning(struct cfg_ctx *cx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* config_setting_get_member(group, key), without rescanning a group it has just looked in:
 * NULL when group is not a group or has no such member. */
config_setting_t *cfg_member(struct cfg_ctx *cx, const config_setting_t *group, const char *key);
/* Source line of a setting, or of its parent when libconfig has none. */
int cfg_line(const config_setting_t *s);
/* The string member key of group, borrowed from cfg; NULL when absent (an error when
 * required) or not a string (always an error). owner names the object in messages. */
const char *cfg_string(struct cfg_ctx *cx, const config_setting_t *group, const char *key,
    bool required, const char *owner);
/* Reports s (the text of key, given at line) when it is not fit for a terminal: a control
 * character (C0 but LF where lines is true, DEL, C1, a bidi override or isolate) or bytes
 * that are not UTF-8. Returns false after reporting. */
bool cfg_check_text(struct cfg_ctx *cx, int line, const char *owner, const char *key, const char *s,
    bool lines);
/* cfg_string for a text that reaches a screen or a report, checked by cfg_check_text. A text
 * refused is still returned, so that the rest of the file is checked as usual (the load
 * fails all the same). */
const char *cfg_text(struct cfg_ctx *cx, const config_setting_t *group, const char *key,
    bool required, const char *owner, bool lines);
/* Integer member: true and *out when present and an integer (within long). */
bool cfg_long(struct cfg_ctx *cx, const config_setting_t *group, const char *key, long *out,
    bool required, const char *owner);
/* Boolean member: true and *out when present and a boolean. */
bool cfg_bool(struct cfg_ctx *cx, const config_setting_t *group, const char *key, bool *out,
    bool required, const char *owner);
/* A list or array member of strings, copied into *out (caller frees each and the array).
 * Returns the count; 0 when absent (an error when required). */
size_t cfg_strings(struct cfg_ctx *cx, const config_setting_t *group, const char *key, char ***out,
    bool required, const char *owner);
/* A list/group member that must be a list of groups; NULL when absent (error if required). */
config_setting_t *cfg_list(struct cfg_ctx *cx, const config_setting_t *group, const char *key,
    bool required, const char *owner);
/* Reports every member of group whose name is not in allowed (NULL-terminated). */
void cfg_check_keys(struct cfg_ctx *cx, const config_setting_t *group, const char *const *allowed,
    const char *owner);
/* True when s is a valid id: [a-z][a-z0-9_-]* (dash only when dash_ok). */
bool cfg_valid_id(const char *s, bool dash_ok);

struct answers;
struct questionnaire;
/* Reads the answers of a parsed answer (or case) file whose root may also hold extra_keys
 * (NULL-terminated, may be NULL); partial allows required answers to be missing (a draft).
 * Caller frees; NULL after reporting errors (answers.c). */
struct answers *answers_from_root(struct cfg_ctx *cx, const config_setting_t *root,
    const char *path, const struct questionnaire *qn, const char *const *extra_keys, bool partial);
/* Applies the members of a `settings = { ... }` group over s (settings.c): the same checks
 * as a clinic file. When cx holds any error afterwards (from this group or from elsewhere in
 * the same file), s is unchanged and -1 is returned. */
int settings_apply_group(struct cfg_ctx *cx, struct settings *s, const config_setting_t *group);

/* Parses the rules file's `settings` list into defs (settings.c). */
void settings_defs_parse(struct cfg_ctx *cx, const config_setting_t *list,
    struct setting_defs *defs);

#endif
