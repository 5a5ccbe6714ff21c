/* SPDX-License-Identifier: ISC */
/*
 * The commented settings file that `make install` and the Debian package put in
 * $sysconfdir/smpscreen/settings.cfg (etc/settings.cfg of the source tree). It is written
 * by hand, for the prose, and this test keeps it from drifting from the rules file: every
 * rule setting the bundled rules declare, and every item of the clinic's own, is there
 * once as "#name = default;" under a comment with its meaning and a line with its type,
 * range and default, exactly as expected() below spells it. The file must load as it
 * ships and change nothing, and with every item uncommented it must still give the
 * defaults. The rules are read by the program's own loader, not a second parser, so a
 * reformatted rules file cannot fool the test. When a setting is added to the rules, a
 * failure here prints the three lines to add.
 */
#include "config.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "smpscreen/diag.h"
#include "smpscreen/questionnaire.h"
#include "smpscreen/rules.h"
#include "smpscreen/settings.h"
#include "smpscreen/strbuf.h"
#include "smpscreen/xalloc.h"

/* One "#name = value;" line of the file, and the comment block right above it. */
struct item {
	char *name, *value;
	char **block; /* the comment lines above, without their "# " */
	size_t n_block;
	size_t line; /* 1-based */
};

struct file {
	char *text;
	struct item *items;
	size_t n;
};

static struct questionnaire *qn;
static struct ruleset *rs;
static struct file sf;

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* "#name = value;" with no space after "#": an item. "# text" is prose. */
static bool
parse_item(char *s, char **name, char **value)
{
	char *p, *eq;
	size_t n;

	if (s[0] != '#' || !(islower((unsigned char)s[1])))
		return false;
	for (p = s + 1; islower((unsigned char)*p) || *p == '_'; p++)
		;
	if (strncmp(p, " = ", 3) != 0)
		return false;
	eq = p;
	n = strlen(eq + 3);
	if (n == 0 || eq[3 + n - 1] != ';')
		return false;
	*name = xstrndup(s + 1, (size_t)(eq - s - 1));
	*value = xstrndup(eq + 3, n - 1);
	return true;
}

static void
read_file(void)
{
	char *path = test_data_path("../../etc/settings.cfg"), *copy, *line;
	char **lines = NULL;
	size_t n_lines = 0, i, k;

	sf.text = test_read_file(path);
	free(path);
	/* Split by hand: an empty line ends a comment block, and strtok would skip it. */
	copy = xstrdup(sf.text);
	for (line = copy;;) {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		lines = xrealloc(lines, (n_lines + 1) * sizeof *lines);
		lines[n_lines++] = line;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	for (i = 0; i < n_lines; i++) {
		char *name, *value, *s = trim(lines[i]);
		struct item *it;

		if (!parse_item(s, &name, &value))
			continue;
		sf.items = xrealloc(sf.items, (sf.n + 1) * sizeof *sf.items);
		it = &sf.items[sf.n++];
		*it = (struct item){ .name = name, .value = value, .line = i + 1 };
		for (k = i; k > 0; k--) {
			char *c = trim(lines[k - 1]);

			if (strncmp(c, "# ", 2) != 0 || strncmp(c, "# ---", 5) == 0)
				break;
		}
		it->n_block = i - k;
		it->block = xcalloc(it->n_block + 1, sizeof *it->block);
		for (size_t j = 0; j < it->n_block; j++)
			it->block[j] = xstrdup(trim(lines[k + j]) + 2);
	}
	free(lines);
	free(copy);
}

static void
setup(void)
{
	qn = test_bundled_questionnaire();
	rs = test_bundled_rules(qn);
	read_file();
}

static void
teardown(void)
{
	for (size_t i = 0; i < sf.n; i++) {
		for (size_t j = 0; j < sf.items[i].n_block; j++)
			free(sf.items[i].block[j]);
		free(sf.items[i].block);
		free(sf.items[i].name);
		free(sf.items[i].value);
	}
	free(sf.items);
	free(sf.text);
	memset(&sf, 0, sizeof sf);
	rules_free(rs);
	questionnaire_free(qn);
}

TestSuite(settings_file, .init = setup, .fini = teardown);

/* The one item named name, or NULL (a Criterion failure when there are several). */
static const struct item *
find(const char *name)
{
	const struct item *found = NULL;

	for (size_t i = 0; i < sf.n; i++) {
		if (strcmp(sf.items[i].name, name) != 0)
			continue;
		cr_expect_null(found, "etc/settings.cfg:%zu: '%s' again (first on line %zu)",
		    sf.items[i].line, name, found != NULL ? found->line : 0);
		if (found == NULL)
			found = &sf.items[i];
	}
	return found;
}

/* The comment block as one line: wrapping does not matter. */
static char *
joined(const struct item *it)
{
	struct strbuf sb = { 0 };

	for (size_t j = 0; j < it->n_block; j++)
		sb_printf(&sb, "%s%s", j ? " " : "", it->block[j]);
	return sb_detach(&sb);
}

static bool
has_line(const struct item *it, const char *want)
{
	for (size_t j = 0; j < it->n_block; j++)
		if (strcmp(it->block[j], want) == 0)
			return true;
	return false;
}

/* The type line and the value of rule setting i as the file must spell them. */
static void
expected(const struct settings *st, size_t i, char **spec, char **value)
{
	const struct setting_def *d = &st->defs->items[i];
	struct strbuf s = { 0 }, v = { 0 };

	switch (d->type) {
	case SETTING_INTEGER:
		sb_printf(&s, "Integer, %ld..%ld", d->min, d->max);
		if (d->unit != NULL)
			sb_printf(&s, " (%s)", d->unit);
		if (d->at_least >= 0)
			sb_printf(&s, ", at least %s", st->defs->items[d->at_least].id);
		sb_printf(&v, "%ld", d->def);
		sb_printf(&s, "; default %s.", sb_str(&v));
		break;
	case SETTING_ENUM:
		sb_append(&s, "One of ");
		for (size_t k = 0; k < d->n_values; k++)
			sb_printf(&s, "%s\"%s\"", k ? ", " : "", d->values[k]);
		sb_printf(&v, "\"%s\"", d->values[d->def]);
		sb_printf(&s, "; default %s.", sb_str(&v));
		break;
	case SETTING_BOOLEAN:
		sb_printf(&v, "%s", d->def ? "true" : "false");
		sb_printf(&s, "true or false; default %s.", sb_str(&v));
		break;
	}
	*spec = sb_detach(&s);
	*value = sb_detach(&v);
}

Test(settings_file, lists_every_rule_setting)
{
	struct settings st;

	settings_init(&st, &rs->settings);
	cr_assert_gt(rs->settings.n, 0);
	for (size_t i = 0; i < rs->settings.n; i++) {
		const struct setting_def *d = &rs->settings.items[i];
		const struct item *it = find(d->id);
		char *spec, *value, *all;

		expected(&st, i, &spec, &value);
		if (it == NULL) {
			cr_expect(0, "etc/settings.cfg lacks the rule setting '%s'; add:\n"
			             "  # %s\n  # %s\n  #%s = %s;",
			    d->id, d->text != NULL ? d->text : "(what it means)", spec, d->id, value);
		} else {
			cr_expect_str_eq(it->value, value, "etc/settings.cfg:%zu: '%s' shows %s, its "
			                                   "default is %s", it->line, d->id, it->value, value);
			cr_expect(has_line(it, spec), "etc/settings.cfg:%zu: above '%s' the line "
			                              "\"# %s\" is missing", it->line, d->id, spec);
			all = joined(it);
			if (d->text != NULL)
				cr_expect(strstr(all, d->text) != NULL,
				    "etc/settings.cfg:%zu: above '%s' its meaning is missing: \"%s\"",
				    it->line, d->id, d->text);
			free(all);
		}
		free(spec);
		free(value);
	}
	settings_free(&st);
}

Test(settings_file, lists_every_item_of_the_clinic)
{
	char kiosk[96];

	snprintf(kiosk, sizeof kiosk, "Integer, %d..%d (seconds); default %d.",
	    SETTINGS_KIOSK_IDLE_MIN, SETTINGS_KIOSK_IDLE_MAX, SETTINGS_KIOSK_IDLE_DEFAULT);
	for (size_t k = 0; k < settings_n_clinic_keys; k++) {
		const char *name = settings_clinic_keys[k];
		const struct item *it = find(name);
		char *all;

		cr_expect_not_null(it, "etc/settings.cfg lacks the clinic's item '%s'", name);
		if (it == NULL)
			continue;
		cr_expect_gt(it->n_block, 1, "etc/settings.cfg:%zu: '%s' needs a comment with "
		                             "its meaning and its default", it->line, name);
		all = joined(it);
		if (strcmp(name, "kiosk_idle_seconds") == 0) {
			cr_expect(has_line(it, kiosk), "etc/settings.cfg:%zu: above '%s' the line "
			                               "\"# %s\" is missing", it->line, name, kiosk);
			cr_expect_eq(atol(it->value), SETTINGS_KIOSK_IDLE_DEFAULT);
		} else if (strcmp(name, "ask_client_identity") == 0) {
			cr_expect(has_line(it, "true or false; default false."),
			    "etc/settings.cfg:%zu: above '%s' its default is missing", it->line, name);
			cr_expect_str_eq(it->value, "false");
		} else {
			/* The clinic's texts have no default: the line is an example. */
			cr_expect(strstr(all, "not set by default") != NULL,
			    "etc/settings.cfg:%zu: above '%s' \"not set by default\" is missing",
			    it->line, name);
		}
		free(all);
	}
}

Test(settings_file, lists_nothing_else)
{
	for (size_t i = 0; i < sf.n; i++) {
		bool known = settings_find(&rs->settings, sf.items[i].name) >= 0;

		for (size_t k = 0; !known && k < settings_n_clinic_keys; k++)
			known = strcmp(sf.items[i].name, settings_clinic_keys[k]) == 0;
		cr_expect(known, "etc/settings.cfg:%zu: '%s' is no setting", sf.items[i].line,
		    sf.items[i].name);
	}
}

/* Loads text over the defaults; the rule settings and the clinic's numbers must stay the
 * defaults. */
static void
expect_defaults(const char *text, const char *what)
{
	struct diag_list dl = { 0 };
	struct settings st;
	char *msg;

	settings_init(&st, &rs->settings);
	if (settings_load_string(&st, text, "settings.cfg", &dl) != 0 || dl.n != 0) {
		msg = test_diag_text(&dl);
		cr_expect(0, "%s does not load cleanly:\n%s", what, msg);
		free(msg);
	}
	for (size_t i = 0; i < rs->settings.n; i++)
		cr_expect_eq(st.values[i], rs->settings.items[i].def, "%s: '%s' is not its default",
		    what, rs->settings.items[i].id);
	cr_expect_eq(st.kiosk_idle_seconds, SETTINGS_KIOSK_IDLE_DEFAULT, "%s", what);
	cr_expect(!st.ask_client_identity, "%s", what);
	diag_clear(&dl);
	settings_free(&st);
}

Test(settings_file, as_shipped_loads_and_changes_nothing)
{
	struct diag_list dl = { 0 };
	struct settings st;

	expect_defaults(sf.text, "etc/settings.cfg as shipped");
	settings_init(&st, &rs->settings);
	cr_assert_eq(settings_load_string(&st, sf.text, "settings.cfg", &dl), 0);
	cr_expect_null(st.clinic_name);
	cr_expect_null(st.report_dir);
	cr_expect_null(st.language);
	cr_expect_null(st.staff_pin_hash);
	diag_clear(&dl);
	settings_free(&st);
}

/* Every item uncommented, but the PIN hash (there is no valid example of it, by design):
 * the lines shown are valid, and they are the defaults. */
Test(settings_file, uncommented_gives_the_defaults)
{
	struct strbuf out = { 0 };
	char *copy = xstrdup(sf.text), *line = copy, *nl, *name, *value;

	for (; line != NULL; line = nl != NULL ? nl + 1 : NULL) {
		char *s;

		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		s = line + strspn(line, " \t");
		if (parse_item(s, &name, &value)) {
			if (strcmp(name, "staff_pin_hash") != 0)
				sb_printf(&out, "%.*s%s\n", (int)(s - line), line, s + 1);
			free(name);
			free(value);
		} else {
			sb_printf(&out, "%s\n", line);
		}
	}
	expect_defaults(sb_str(&out), "etc/settings.cfg uncommented");
	sb_free(&out);
	free(copy);
}
