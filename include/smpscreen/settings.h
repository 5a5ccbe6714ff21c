/* SPDX-License-Identifier: ISC */
/* Rule settings (declared by the rules file) and a clinic's overrides of them. */
#ifndef SMPSCREEN_SETTINGS_H
#define SMPSCREEN_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "smpscreen/diag.h"
#include "smpscreen/strbuf.h"

/* An enum is a clinic's choice among a few policies; like the options of a question, its
 * values are bounded so that every comparison with one stays cheap. */
#define SETTING_MAX_VALUES 64

enum setting_type { SETTING_INTEGER, SETTING_ENUM, SETTING_BOOLEAN };

/* A value is a long for every type: the integer, the index into values[], or 0/1. */
struct setting_def {
	char *id;
	enum setting_type type;
	long def;
	long min, max; /* SETTING_INTEGER, inclusive */
	char **values; /* SETTING_ENUM */
	size_t n_values;
	char *unit;    /* may be NULL */
	char *text;    /* what the setting means, may be NULL */
	long at_least; /* index of a setting this one must be >=, or -1 */
	int line;
};

struct setting_defs {
	struct setting_def *items;
	size_t n;
	struct idindex *index; /* the items by id, for settings_find; may be NULL */
};

/* The effective values of one run: rule settings plus the clinic's own items. */
struct settings {
	const struct setting_defs *defs;
	long *values;      /* defs->n values, owned */
	char *clinic_name; /* NULL: none given */
	char *report_dir;  /* NULL: the current directory */
	long kiosk_idle_seconds;
	char *language;       /* NULL: from the environment */
	char *staff_pin_hash; /* crypt(3) hash of the kiosk's staff PIN; NULL: none (no kiosk) */
	bool ask_client_identity; /* the wizard and plain mode ask the client's name, reference
	                           * and date of birth (answers metadata); default false */
	char *path;               /* the override file, NULL when defaults only */
};

/* The clinic's own items of a settings file, beside the rule settings: their names, and
 * the default and allowed range of kiosk_idle_seconds. Public so that the commented
 * settings file that is installed (etc/settings.cfg) can be tested to list them all. */
extern const char *const *const settings_clinic_keys;
extern const size_t settings_n_clinic_keys;
#define SETTINGS_KIOSK_IDLE_DEFAULT 300
#define SETTINGS_KIOSK_IDLE_MIN 30
#define SETTINGS_KIOSK_IDLE_MAX 86400

/* Index of the setting named id, or -1. */
long settings_find(const struct setting_defs *defs, const char *id);
/* The type's name as the rules file spells it ("integer", "enum", "boolean"), not to be freed. */
const char *settings_type_name(enum setting_type t);
/* Fills s with the defaults of defs (s->defs borrows defs). */
void settings_init(struct settings *s, const struct setting_defs *defs);
/* Reads a clinic file (`settings = { name = value; ... };`) over the current values. Every
 * unknown name, wrong type, value out of range and broken constraint is reported. On any
 * error returns -1 and leaves s unchanged. */
int settings_load_file(struct settings *s, const char *path, struct diag_list *dl);
int settings_load_string(struct settings *s, const char *text, const char *name,
    struct diag_list *dl);
/* Checks the "at least" constraints between settings; reports with file (may be NULL). */
int settings_check(const struct settings *s, const char *file, struct diag_list *dl);
/* Appends the value of setting i as text ("12", "refer", "true"). */
void settings_format_value(const struct settings *s, size_t i, struct strbuf *out);
/* Frees what s owns (not defs). Accepts NULL. */
void settings_free(struct settings *s);
/* Frees the definitions' contents. Accepts NULL. */
void settings_defs_free(struct setting_defs *defs);

#endif
