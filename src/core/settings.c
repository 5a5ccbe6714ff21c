/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "idindex.h"
#include "suggest.h"
#include "smpscreen/i18n.h"
#include "smpscreen/pin.h"
#include "smpscreen/settings.h"
#include "smpscreen/xalloc.h"

/* A clinic's file may also carry these items, which belong to the clinic, not the rules. */
static const char *const clinic_keys[] = { "clinic_name", "report_dir", "kiosk_idle_seconds",
	"language", "staff_pin_hash", "ask_client_identity" };
#define N_CLINIC_KEYS (sizeof clinic_keys / sizeof clinic_keys[0])
const char *const *const settings_clinic_keys = clinic_keys;
const size_t settings_n_clinic_keys = N_CLINIC_KEYS;
#define KIOSK_IDLE_DEFAULT SETTINGS_KIOSK_IDLE_DEFAULT
#define KIOSK_IDLE_MIN SETTINGS_KIOSK_IDLE_MIN
#define KIOSK_IDLE_MAX SETTINGS_KIOSK_IDLE_MAX
/* The clinic's values that are not strings, after the rule settings' in the working copy of
 * settings_apply_group. */
enum { CLINIC_KIOSK_IDLE, CLINIC_ASK_CLIENT, N_CLINIC_VALUES };

static const char *const def_keys[] = { "id", "type", "default", "min", "max", "values", "unit",
	"text", "at_least", NULL };
static const char *const type_names[] = { "integer", "enum", "boolean", NULL };

const char *
settings_type_name(enum setting_type t)
{
	return type_names[t];
}

long
settings_find(const struct setting_defs *defs, const char *id)
{
	size_t i;

	/* Every setting.NAME of every condition and every item of a clinic's file. */
	if (defs != NULL && defs->index != NULL)
		return idindex_find(defs->index, id);
	for (i = 0; defs != NULL && i < defs->n; i++)
		if (strcmp(defs->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

static long
enum_index(const struct setting_def *d, const char *v)
{
	size_t i;

	for (i = 0; i < d->n_values; i++)
		if (strcmp(d->values[i], v) == 0)
			return (long)i;
	return -1;
}

static void
def_free(struct setting_def *d)
{
	size_t i;

	free(d->id);
	for (i = 0; i < d->n_values; i++)
		free(d->values[i]);
	free(d->values);
	free(d->unit);
	free(d->text);
}

void
settings_defs_free(struct setting_defs *defs)
{
	size_t i;

	if (defs == NULL)
		return;
	for (i = 0; i < defs->n; i++)
		def_free(&defs->items[i]);
	free(defs->items);
	idindex_free(defs->index);
	defs->items = NULL;
	defs->n = 0;
	defs->index = NULL;
}

/* Reads `default` by the setting's type; the value is checked against the range later. */
static void
parse_default(struct cfg_ctx *cx, const config_setting_t *g, struct setting_def *d,
    const char *owner)
{
	const char *s;
	size_t i;
	bool b;

	switch (d->type) {
	case SETTING_INTEGER:
		cfg_long(cx, g, "default", &d->def, true, owner);
		if (cfg_long(cx, g, "min", &d->min, true, owner) &&
		    cfg_long(cx, g, "max", &d->max, true, owner)) {
			if (d->min > d->max)
				cfg_error(cx, d->line, _("%s: min %ld is greater than max %ld"),
				    owner, d->min, d->max);
			else if (d->def < d->min || d->def > d->max)
				cfg_error(cx, d->line, _("%s: default %ld is outside %ld..%ld"),
				    owner, d->def, d->min, d->max);
		}
		break;
	case SETTING_ENUM:
		d->n_values = cfg_strings(cx, g, "values", &d->values, true, owner);
		for (i = 0; i < d->n_values; i++)
			cfg_check_text(cx, cfg_line(cfg_member(cx, g, "values")), owner, "values",
			    d->values[i], false);
		if (d->n_values > SETTING_MAX_VALUES) {
			cfg_error(cx, d->line, _("%s: %zu values, more than the limit of %d"),
			    owner, d->n_values, SETTING_MAX_VALUES);
			/* As with a question's options over the limit, none are kept. */
			for (i = 0; i < d->n_values; i++)
				free(d->values[i]);
			d->n_values = 0;
		} else if (cfg_member(cx, g, "values") != NULL && d->n_values < 2)
			cfg_error(cx, d->line, _("%s: an enum needs at least two values"), owner);
		if ((s = cfg_string(cx, g, "default", true, owner)) != NULL) {
			d->def = enum_index(d, s);
			if (d->def < 0 && d->n_values > 0)
				cfg_error(cx, d->line,
				    _("%s: default '%s' is not one of its values"), owner, s);
		}
		break;
	case SETTING_BOOLEAN:
		if (cfg_bool(cx, g, "default", &b, true, owner))
			d->def = b;
		break;
	}
}

void
settings_defs_parse(struct cfg_ctx *cx, const config_setting_t *list, struct setting_defs *defs)
{
	config_setting_t *g;
	struct setting_def *d;
	const char *id, *type, *hint, *at;
	char **pending;
	size_t i, t, n = (size_t)config_setting_length(list);
	char *owner;
	long other;

	defs->items = xcalloc(n, sizeof *defs->items);
	defs->index = idindex_new();
	pending = xcalloc(n, sizeof *pending);
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, (unsigned)i);
		if ((id = cfg_string(cx, g, "id", true, _("setting"))) == NULL)
			continue;
		owner = xasprintf(_("setting '%s'"), id);
		d = &defs->items[defs->n];
		d->line = cfg_line(g);
		d->at_least = -1;
		d->id = xstrdup(id);
		/* Every id goes in, a malformed one too, as a search of the items would find it. */
		other = idindex_add(defs->index, d->id, defs->n);
		if (!cfg_valid_id(id, false))
			cfg_error(cx, d->line, _("%s: an id is lower-case letters, digits and '_'"),
			    owner);
		else if (other >= 0)
			cfg_error(cx, d->line, _("%s: duplicate id"), owner);
		cfg_check_keys(cx, g, def_keys, owner);
		defs->n++;
		if ((type = cfg_string(cx, g, "type", true, owner)) != NULL) {
			for (t = 0; type_names[t] != NULL && strcmp(type, type_names[t]) != 0; t++)
				;
			if (type_names[t] == NULL) {
				hint = suggest_closest(type, type_names, 3);
				if (hint != NULL)
					cfg_error(cx, d->line,
					    _("%s: unknown type '%s' (did you mean '%s'?)"), owner,
					    type, hint);
				else
					cfg_error(cx, d->line, _("%s: unknown type '%s'"), owner,
					    type);
			} else {
				d->type = (enum setting_type)t;
				parse_default(cx, g, d, owner);
			}
		}
		d->unit = xstrdup(cfg_text(cx, g, "unit", false, owner, false));
		d->text = xstrdup(cfg_text(cx, g, "text", false, owner, false));
		if ((at = cfg_string(cx, g, "at_least", false, owner)) != NULL)
			pending[defs->n - 1] = xstrdup(at);
		free(owner);
	}
	/* "At least" may name a setting declared later. */
	for (i = 0; i < defs->n; i++) {
		if (pending[i] == NULL)
			continue;
		d = &defs->items[i];
		other = settings_find(defs, pending[i]);
		if (other < 0 || defs->items[other].type != SETTING_INTEGER ||
		    d->type != SETTING_INTEGER || (size_t)other == i)
			cfg_error(cx, d->line,
			    _("setting '%s': at_least must name another integer setting, not '%s'"),
			    d->id, pending[i]);
		else {
			d->at_least = other;
			if (d->def < defs->items[other].def)
				cfg_error(cx, d->line,
				    _("setting '%s': default %ld is less than the default %ld of "
				      "'%s'"),
				    d->id, d->def, defs->items[other].def, pending[i]);
		}
		free(pending[i]);
	}
	free(pending);
}

void
settings_init(struct settings *s, const struct setting_defs *defs)
{
	size_t i;

	memset(s, 0, sizeof *s);
	s->defs = defs;
	s->values = xcalloc(defs->n, sizeof *s->values);
	for (i = 0; i < defs->n; i++)
		s->values[i] = defs->items[i].def;
	s->kiosk_idle_seconds = KIOSK_IDLE_DEFAULT;
}

void
settings_free(struct settings *s)
{
	if (s == NULL)
		return;
	free(s->values);
	free(s->clinic_name);
	free(s->report_dir);
	free(s->language);
	free(s->staff_pin_hash);
	free(s->path);
	s->values = NULL;
	s->clinic_name = s->report_dir = s->language = s->staff_pin_hash = s->path = NULL;
}

/* lines[i] is where setting i was given (0: not in the file); a broken constraint is
 * reported where the larger setting was given, else where the smaller one was. */
static int
check_constraints(const struct settings *s, const long *values, const char *file, const int *lines,
    struct diag_list *dl)
{
	const struct setting_def *d;
	size_t i;
	int rc = 0, line;

	for (i = 0; i < s->defs->n; i++) {
		d = &s->defs->items[i];
		if (d->at_least < 0 || values[i] >= values[d->at_least])
			continue;
		line = lines == NULL ? 0 : lines[i] != 0 ? lines[i] : lines[d->at_least];
		diag_add(dl, DIAG_ERROR, file, line,
		    _("setting '%s' is %ld but must be at least '%s' (%ld)"), d->id, values[i],
		    s->defs->items[d->at_least].id, values[d->at_least]);
		rc = -1;
	}
	return rc;
}

int
settings_check(const struct settings *s, const char *file, struct diag_list *dl)
{
	return check_constraints(s, s->values, file, NULL, dl);
}

/* An integer as libconfig gives it, with or without the L suffix. */
static bool
integer_value(const config_setting_t *e, long *out)
{
	long long v;

	if (config_setting_type(e) == CONFIG_TYPE_INT) {
		*out = config_setting_get_int(e);
		return true;
	}
	if (config_setting_type(e) != CONFIG_TYPE_INT64)
		return false;
	v = config_setting_get_int64(e);
	if (v < LONG_MIN || v > LONG_MAX)
		return false;
	*out = (long)v;
	return true;
}

static const char *
clinic_or_setting_hint(struct cfg_ctx *cx, const struct setting_defs *defs, const char *name)
{
	const char **names = xcalloc(defs->n + N_CLINIC_KEYS, sizeof *names);
	const char *hint;
	size_t i;

	for (i = 0; i < defs->n; i++)
		names[i] = defs->items[i].id;
	for (i = 0; i < N_CLINIC_KEYS; i++)
		names[defs->n + i] = clinic_keys[i];
	hint = suggest_closest_within(&cx->suggested, name, names, defs->n + N_CLINIC_KEYS,
	    sizeof *names, 0);
	free(names);
	return hint;
}

/* One value of the clinic file: a rule setting, or a clinic item. */
static void
apply_one(struct cfg_ctx *cx, struct settings *s, long *values, int *lines,
    const config_setting_t *e, char **clinic)
{
	const char *name = config_setting_name(e), *str, *hint;
	const struct setting_def *d;
	int line = cfg_line(e), type = config_setting_type(e);
	long i = settings_find(s->defs, name), v;
	size_t k;

	if (i < 0) {
		for (k = 0; k < N_CLINIC_KEYS && strcmp(name, clinic_keys[k]) != 0; k++)
			;
		if (k == N_CLINIC_KEYS) {
			hint = clinic_or_setting_hint(cx, s->defs, name);
			if (hint != NULL)
				cfg_error(cx, line, _("unknown setting '%s' (did you mean '%s'?)"),
				    name, hint);
			else
				cfg_error(cx, line, _("unknown setting '%s'"), name);
			return;
		}
		if (strcmp(name, "kiosk_idle_seconds") == 0) {
			if (!integer_value(e, &v)) {
				cfg_error(cx, line, _("setting '%s' must be an integer"), name);
				return;
			}
			if (v < KIOSK_IDLE_MIN || v > KIOSK_IDLE_MAX)
				cfg_error(cx, line, _("setting '%s' is %ld, outside %d..%d"), name,
				    v, KIOSK_IDLE_MIN, KIOSK_IDLE_MAX);
			else
				values[s->defs->n + CLINIC_KIOSK_IDLE] = v;
			return;
		}
		if (strcmp(name, "ask_client_identity") == 0) {
			if (type != CONFIG_TYPE_BOOL)
				cfg_error(cx, line, _("setting '%s' must be true or false"), name);
			else
				values[s->defs->n + CLINIC_ASK_CLIENT] =
				    config_setting_get_bool(e) != 0;
			return;
		}
		if (type != CONFIG_TYPE_STRING) {
			cfg_error(cx, line, _("setting '%s' must be a string"), name);
			return;
		}
		str = config_setting_get_string(e);
		if (*str == '\0' || strchr(str, '\n') != NULL) {
			cfg_error(cx, line, _("setting '%s' must be one non-empty line"), name);
			return;
		}
		/* The clinic's name heads every report; the others are printed by `check`. */
		if (!cfg_check_text(cx, line, _("settings file"), name, str, false))
			return;
		/* A hash the kiosk cannot check would lock the staff out of it. */
		if (strcmp(name, "staff_pin_hash") == 0 && (hint = pin_hash_unfit(str)) != NULL) {
			cfg_error(cx, line, _("setting '%s': %s"), name, hint);
			return;
		}
		free(clinic[k]);
		clinic[k] = xstrdup(str);
		return;
	}
	d = &s->defs->items[i];
	lines[i] = line;
	switch (d->type) {
	case SETTING_INTEGER:
		if (!integer_value(e, &v)) {
			cfg_error(cx, line, _("setting '%s' must be an integer (%ld..%ld)"), name,
			    d->min, d->max);
			return;
		}
		if (v < d->min || v > d->max) {
			cfg_error(cx, line,
			    _("setting '%s' is %ld, outside its allowed range %ld..%ld"), name, v,
			    d->min, d->max);
			return;
		}
		values[i] = v;
		break;
	case SETTING_ENUM:
		str = type == CONFIG_TYPE_STRING ? config_setting_get_string(e) : NULL;
		if (str == NULL || (v = enum_index(d, str)) < 0) {
			hint = str != NULL ?
			    suggest_closest(str, (const char *const *)d->values, d->n_values) :
			    NULL;
			if (hint != NULL) {
				cfg_error(cx, line,
				    _("setting '%s' cannot be '%s' (did you mean '%s'?)"), name,
				    str, hint);
				return;
			}
			struct strbuf all = { 0 };

			for (k = 0; k < d->n_values; k++)
				sb_printf(&all, "%s%s", k ? ", " : "", d->values[k]);
			cfg_error(cx, line, _("setting '%s' must be one of: %s"), name,
			    sb_str(&all));
			sb_free(&all);
			return;
		}
		values[i] = v;
		break;
	case SETTING_BOOLEAN:
		if (type != CONFIG_TYPE_BOOL) {
			cfg_error(cx, line, _("setting '%s' must be true or false"), name);
			return;
		}
		values[i] = config_setting_get_bool(e) != 0;
		break;
	}
}

int
settings_apply_group(struct cfg_ctx *cx, struct settings *s, const config_setting_t *group)
{
	char *clinic[N_CLINIC_KEYS] = { 0 };
	size_t i, n = s->defs->n, before = cx->errors;
	long *values;
	int *lines, rc = -1;

	/* Work on copies so that a bad file changes nothing. */
	values = xcalloc(n + N_CLINIC_VALUES, sizeof *values);
	memcpy(values, s->values, n * sizeof *values);
	values[n + CLINIC_KIOSK_IDLE] = s->kiosk_idle_seconds;
	values[n + CLINIC_ASK_CLIENT] = s->ask_client_identity;
	lines = xcalloc(n + 1, sizeof *lines);
	for (i = 0; i < (size_t)config_setting_length(group); i++)
		apply_one(cx, s, values, lines, config_setting_get_elem(group, (unsigned)i),
		    clinic);
	/* Constraints between settings hold for the new values as a whole. */
	if (cx->errors == before && check_constraints(s, values, cx->file, lines, cx->dl) != 0)
		cx->errors++;
	/* Any error in the file, here or elsewhere in it, leaves s as it was. */
	if (cx->errors != 0)
		goto out;
	memcpy(s->values, values, n * sizeof *values);
	s->kiosk_idle_seconds = values[n + CLINIC_KIOSK_IDLE];
	s->ask_client_identity = values[n + CLINIC_ASK_CLIENT] != 0;
	if (clinic[0] != NULL)
		free(s->clinic_name), s->clinic_name = clinic[0], clinic[0] = NULL;
	if (clinic[1] != NULL)
		free(s->report_dir), s->report_dir = clinic[1], clinic[1] = NULL;
	if (clinic[3] != NULL)
		free(s->language), s->language = clinic[3], clinic[3] = NULL;
	if (clinic[4] != NULL)
		free(s->staff_pin_hash), s->staff_pin_hash = clinic[4], clinic[4] = NULL;
	rc = 0;
out:
	for (i = 0; i < N_CLINIC_KEYS; i++)
		free(clinic[i]);
	free(values);
	free(lines);
	return rc;
}

static int
load(struct settings *s, const char *path, const char *text, const char *name, struct diag_list *dl)
{
	struct cfg_ctx cx = { .file = name, .dl = dl, .errors = 0 };
	static const char *const top[] = { "settings", NULL };
	config_setting_t *root, *group;
	config_t cfg;
	int rc = -1;

	config_init(&cfg);
	if (cfg_read(&cx, &cfg, path, text, NULL) != 0)
		goto out;
	root = config_root_setting(&cfg);
	cfg_check_keys(&cx, root, top, _("settings file"));
	group = cfg_member(&cx, root, "settings");
	if (group == NULL || !config_setting_is_group(group)) {
		cfg_error(&cx, group != NULL ? cfg_line(group) : 0,
		    _("expected a group: settings = { name = value; ... };"));
		goto out;
	}
	if (settings_apply_group(&cx, s, group) != 0)
		goto out;
	free(s->path);
	s->path = xstrdup(name);
	rc = 0;
out:
	config_destroy(&cfg);
	return rc;
}

int
settings_load_file(struct settings *s, const char *path, struct diag_list *dl)
{
	return load(s, path, NULL, path, dl);
}

int
settings_load_string(struct settings *s, const char *text, const char *name, struct diag_list *dl)
{
	return load(s, NULL, text, name, dl);
}

void
settings_format_value(const struct settings *s, size_t i, struct strbuf *out)
{
	const struct setting_def *d = &s->defs->items[i];

	switch (d->type) {
	case SETTING_INTEGER:
		sb_printf(out, "%ld", s->values[i]);
		break;
	case SETTING_ENUM:
		sb_append(out, d->values[s->values[i]]);
		break;
	case SETTING_BOOLEAN:
		sb_append(out, s->values[i] ? "true" : "false");
		break;
	}
}
